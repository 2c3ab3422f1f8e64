//! A record's audience changes (a family handed to another volunteer, with its visits),
//! on real SQLite and PostgreSQL: the new volunteer's device receives them through its
//! normal pull, the former one's device is told "no longer yours" with no content and
//! forgets them, she can no longer write to them, and handing back works the same way.

mod common;

use app::api::PullResponse;
use app::domain::{FamilyId, Visit};
use app::store::{Change, LocalDb};
use axum::http::StatusCode;
use common::browser::{invite, organisation, outcomes, Browser};
use common::{family_mutation, mutation};
use server::audience::hand_over_family;

/// A device of one volunteer: pulls every page after its cursor into its own store,
/// through the same calls the app makes.
/// Returns the device's store and every answer's text.
async fn sync_device(browser: &mut Browser, device: &LocalDb) -> (LocalDb, String) {
    let mut db = device.clone();
    let mut answers = String::new();
    loop {
        let answer = browser
            .get(&format!("/sync/pull?after={}&limit=2", db.cursor))
            .await;
        assert_eq!(answer.status, StatusCode::OK, "{}", answer.json);
        let page: PullResponse = serde_json::from_value(answer.json.clone()).unwrap();
        db = db.apply_pulled(&page.changes).apply_gone(&page.gone);
        db.cursor = db.cursor.max(page.cursor);
        answers.push_str(&answer.json.to_string());
        if !page.more {
            return (db, answers);
        }
    }
}

#[tokio::test]
async fn a_family_handed_over_moves_with_its_visits_and_leaves_no_content_behind() {
    common::with_engines(|db| async move {
        let mut admin = organisation(&db, "MIM Handover").await;
        let mut vera = invite(&db, &mut admin, "volunteer", "Vera").await;
        let mut wen = invite(&db, &mut admin, "volunteer", "Wen").await;
        let wen_id = wen.user_id().await;
        let vera_id = vera.user_id().await;
        let org = common::org_of(&db, "vera").await;
        let (amal, noor) = (FamilyId::new(), FamilyId::new());
        let visits: Vec<Visit> = (0..3)
            .map(|n| common::visit(amal, &format!("visit {n}")))
            .collect();
        let mut batch = vec![family_mutation(amal, "Amal"), family_mutation(noor, "Noor")];
        batch.extend(visits.iter().map(|v| mutation(Change::Visit(v.clone()))));
        assert_eq!(outcomes(&vera.push(batch).await), ["applied"; 5]);
        let (veras_phone, _) = sync_device(&mut vera, &LocalDb::default()).await;
        let (wens_phone, _) = sync_device(&mut wen, &LocalDb::default()).await;
        assert_eq!(
            (veras_phone.families.len(), veras_phone.visits.len()),
            (2, 3)
        );
        assert!(wens_phone.families.is_empty());

        assert_eq!(hand_over_family(&db, &org, amal, &wen_id).await.unwrap(), 4);
        assert_eq!(
            hand_over_family(&db, &org, amal, &wen_id).await.unwrap(),
            0,
            "hers already"
        );

        // Vera's phone forgets Amal and her visits; what it is told holds no content.
        let (veras_phone, text) = sync_device(&mut vera, &veras_phone).await;
        assert_eq!(veras_phone.families.keys().collect::<Vec<_>>(), [&noor]);
        assert!(veras_phone.visits.is_empty());
        assert!(text.contains(&amal.to_string()), "told by id");
        assert!(
            !text.contains("Amal") && !text.contains("visit 0"),
            "{text}"
        );
        // A fresh device of Vera's never receives Amal.
        let (fresh, _) = sync_device(&mut vera, &LocalDb::default()).await;
        assert_eq!(fresh.families.keys().collect::<Vec<_>>(), [&noor]);
        // Wen's phone receives Amal with the visits through its normal pull.
        let (wens_phone, _) = sync_device(&mut wen, &wens_phone).await;
        assert_eq!(wens_phone.families.keys().collect::<Vec<_>>(), [&amal]);
        assert_eq!(wens_phone.visits.len(), 3);

        // Vera can no longer write to Amal; Wen can.
        let late = common::visit(amal, "written by Vera offline");
        assert_eq!(
            outcomes(&vera.push(vec![mutation(Change::Visit(late))]).await),
            ["rejected:forbidden"]
        );
        assert_eq!(
            outcomes(
                &wen.push(vec![mutation(Change::Visit(common::visit(
                    amal,
                    "Wen's first"
                )))])
                .await
            ),
            ["applied"]
        );
        let wens_list = admin.get(&format!("/visits?volunteer={wen_id}")).await;
        assert_eq!(wens_list.json["visits"].as_array().unwrap().len(), 4);

        // Handed back: Vera receives Amal again with every visit (Wen's too), Wen forgets.
        let (wens_phone, _) = sync_device(&mut wen, &wens_phone).await;
        assert_eq!(wens_phone.visits.len(), 4);
        assert_eq!(
            hand_over_family(&db, &org, amal, &vera_id).await.unwrap(),
            1 + 4
        );
        let (veras_phone, _) = sync_device(&mut vera, &veras_phone).await;
        assert!(veras_phone.families.contains_key(&amal));
        assert_eq!(veras_phone.visits.len(), 4);
        let (wens_phone, _) = sync_device(&mut wen, &wens_phone).await;
        assert!(wens_phone.families.is_empty() && wens_phone.visits.is_empty());
        assert_eq!(
            hand_over_family(&db, &org, FamilyId::new(), &wen_id)
                .await
                .unwrap(),
            0,
            "unknown family"
        );
    })
    .await;
}
