//! The coordinator's inbox on real SQLite and PostgreSQL, on an organisation of 5,000
//! visits: what she has not reviewed, paged without gaps or repeats; her read and
//! reviewed marks are hers alone (a second coordinator's inbox is untouched); text
//! search finds words whatever their case and takes `%` literally; the counts for her
//! navigation follow her marks; volunteers and other organisations are refused; bad
//! input gets a precise problem; every mark is audited.

mod common;

use app::domain::{FamilyId, Signal, Urgency, Visit};
use axum::http::StatusCode;
use chrono::{Duration, Utc};
use common::browser::{invite, organisation, outcomes, Browser};
use common::family_mutation;
use serde_json::json;
use std::collections::HashSet;

const VISITS: i64 = 5_000;

/// Visit `n`: one of a few days back, every seventh with a signal, two with words to
/// find.
fn nth_visit(family: FamilyId, n: i64) -> Visit {
    let note = match n {
        17 => "Ze wil op ZWEMLES met de kleine".to_string(),
        18 => "Korting van 100% bij de bieb".to_string(),
        _ => format!("visit {n}"),
    };
    let mut v = common::visit(family, &note);
    v.date = Utc::now().date_naive() - Duration::days(n % 30);
    v.updated_at_ms = 1_000 + n;
    v.signal = (n % 7 == 0).then(|| Signal {
        urgency: Urgency::Soon,
        text: "tired".into(),
    });
    v
}

async fn seed(volunteer: &mut Browser, family: FamilyId) -> Vec<Visit> {
    let answer = volunteer.push(vec![family_mutation(family, "Amal")]).await;
    assert_eq!(outcomes(&answer), ["applied"]);
    let visits: Vec<Visit> = (0..VISITS).map(|n| nth_visit(family, n)).collect();
    for chunk in visits.chunks(200) {
        let answer = volunteer
            .push(chunk.iter().map(common::visit_mutation).collect())
            .await;
        assert!(outcomes(&answer).iter().all(|o| o == "applied"));
    }
    visits
}

/// The ids of every visit `query` lists, following `next`.
async fn every_page(coordinator: &mut Browser, query: &str) -> Vec<String> {
    let (mut ids, mut before) = (Vec::new(), None::<String>);
    loop {
        let sep = if query.contains('?') { '&' } else { '?' };
        let uri = match &before {
            Some(key) => format!("{query}{sep}limit=200&before={key}"),
            None => format!("{query}{sep}limit=200"),
        };
        let page = coordinator.get(&uri).await;
        assert_eq!(page.status, StatusCode::OK, "{}", page.json);
        for v in page.json["visits"].as_array().unwrap() {
            ids.push(v["visit"]["id"].as_str().unwrap().to_string());
        }
        match page.json["next"].as_str() {
            Some(key) => before = Some(key.to_string()),
            None => return ids,
        }
    }
}

async fn counts(coordinator: &mut Browser) -> (u64, u64) {
    let answer = coordinator.get("/inbox").await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.json);
    (
        answer.json["unreviewed"].as_u64().unwrap(),
        answer.json["unreviewed_signals"].as_u64().unwrap(),
    )
}

async fn mark(coordinator: &mut Browser, id: &str, reviewed: bool) -> common::browser::Answer {
    coordinator
        .put(
            &format!("/visits/{id}/review"),
            json!({ "reviewed": reviewed }),
        )
        .await
}

#[tokio::test]
async fn the_inbox_holds_what_she_has_not_reviewed_and_only_her_marks_change_it() {
    common::with_engines(|db| async move {
        let mut coby = organisation(&db, "MIM").await;
        let mut dana = invite(&db, &mut coby, "coordinator", "Dana").await;
        let mut vera = invite(&db, &mut coby, "volunteer", "Vera").await;
        let family = FamilyId::new();
        let visits = seed(&mut vera, family).await;
        let signals = visits.iter().filter(|v| v.signal.is_some()).count() as u64;

        // Everything waits, paged newest first without gaps or repeats.
        assert_eq!(counts(&mut coby).await, (VISITS as u64, signals));
        let waiting = every_page(&mut coby, "/visits?reviewed=false").await;
        assert_eq!(waiting.len(), VISITS as usize);
        assert_eq!(waiting.iter().collect::<HashSet<_>>().len(), VISITS as usize);

        // Opening a visit marks it read for her; reviewing is its own act.
        let (first, second, third) = (&waiting[0], &waiting[1], &waiting[2]);
        let opened = coby.get(&format!("/visits/{first}")).await;
        assert_eq!(opened.json["read"], true);
        assert_eq!(opened.json["reviewed"], false);
        let page = coby.get("/visits?reviewed=false&limit=1").await;
        assert_eq!(page.json["visits"][0]["read"], true);
        assert_eq!(counts(&mut coby).await.0, VISITS as u64, "read is not reviewed");
        for id in [first, second, third] {
            let answer = mark(&mut coby, id, true).await;
            assert_eq!(answer.status, StatusCode::OK, "{}", answer.json);
        }
        let signalled = visits
            .iter()
            .filter(|v| [first, second, third].contains(&&v.id.to_string()) && v.signal.is_some())
            .count() as u64;
        assert_eq!(
            counts(&mut coby).await,
            (VISITS as u64 - 3, signals - signalled)
        );
        let reviewed = every_page(&mut coby, "/visits?reviewed=true").await;
        assert_eq!(reviewed, [first.clone(), second.clone(), third.clone()]);
        let left = every_page(&mut coby, "/visits?reviewed=false").await;
        assert_eq!(left.len(), VISITS as usize - 3);
        assert!(!left.contains(first));

        // Her marks are hers: Dana's inbox is untouched.
        assert_eq!(counts(&mut dana).await, (VISITS as u64, signals));
        let hers = dana.get("/visits?reviewed=false&limit=1").await;
        assert_eq!(hers.json["visits"][0]["read"], false);
        assert_eq!(hers.json["visits"][0]["reviewed"], false);

        // Taking the mark back puts it in her inbox again.
        mark(&mut coby, first, false).await;
        assert_eq!(counts(&mut coby).await.0, VISITS as u64 - 2);

        // Words are found whatever their case; `%` is just a character.
        let found = every_page(&mut coby, "/visits?q=zWEMles").await;
        assert_eq!(found, [visits[17].id.to_string()]);
        let found = every_page(&mut coby, "/visits?q=100%25").await;
        assert_eq!(found, [visits[18].id.to_string()]);
        assert!(every_page(&mut coby, "/visits?q=zwemles&reviewed=true")
            .await
            .is_empty());
        let id = visits[17].id.to_string();
        mark(&mut coby, &id, true).await;
        let found = every_page(&mut coby, "/visits?q=zwemles&reviewed=true").await;
        assert_eq!(found, std::slice::from_ref(&id));
        // Short words and quotes are searched for as they are.
        assert_eq!(every_page(&mut coby, "/visits?q=%25%20b").await, [visits[18].id.to_string()]);
        assert!(every_page(&mut coby, "/visits?q=%22zwemles").await.is_empty());

        // An edited note is found by its new words only.
        let mut edited = visits[18].clone();
        edited.note = "Naar de peuterspeelzaal".into();
        edited.updated_at_ms += 1;
        edited.base_version = Some(1);
        let answer = vera.push(vec![common::visit_mutation(&edited)]).await;
        assert_eq!(outcomes(&answer), ["applied"]);
        assert!(every_page(&mut coby, "/visits?q=100%25").await.is_empty());
        let found = every_page(&mut coby, "/visits?q=PEUTERSPEEL").await;
        assert_eq!(found, [visits[18].id.to_string()]);

        // A deleted visit no longer waits.
        let mut gone = visits[40].clone();
        gone.deleted = true;
        gone.updated_at_ms += 1;
        gone.base_version = Some(1);
        let answer = vera.push(vec![common::visit_mutation(&gone)]).await;
        assert_eq!(outcomes(&answer), ["applied"]);
        assert_eq!(counts(&mut dana).await.0, VISITS as u64 - 1);
        let found = every_page(&mut coby, "/visits?q=visit%2040").await;
        assert!(found.contains(&visits[400].id.to_string()));
        assert!(!found.contains(&gone.id.to_string()), "a deleted visit's words are gone");

        // Volunteers and other organisations are refused.
        mark(&mut vera, &id, true)
            .await
            .is_problem(StatusCode::FORBIDDEN, "forbidden");
        vera.get("/inbox")
            .await
            .is_problem(StatusCode::FORBIDDEN, "forbidden");
        let mut other = organisation(&db, "Home-Start").await;
        mark(&mut other, &id, true)
            .await
            .is_problem(StatusCode::NOT_FOUND, "not_found");
        assert_eq!(counts(&mut other).await, (0, 0));

        // Bad input.
        coby.put(&format!("/visits/{id}/review"), json!({ "reviewed": "yes" }))
            .await
            .is_problem(StatusCode::UNPROCESSABLE_ENTITY, "invalid");
        mark(&mut coby, "not-a-visit", true)
            .await
            .is_problem(StatusCode::NOT_FOUND, "not_found");
        coby.get(&format!("/visits?q={}", "x".repeat(101)))
            .await
            .is_problem(StatusCode::BAD_REQUEST, "bad_query");
        coby.get("/visits?reviewed=maybe")
            .await
            .is_problem(StatusCode::BAD_REQUEST, "bad_query");

        // Every mark is in the audit log, by whom and of which visit.
        use sqlx::Row;
        let marked: Vec<String> = sqlx::query(
            "SELECT record_id FROM audit_log WHERE action = 'review' AND entity = 'visit' ORDER BY id",
        )
        .fetch_all(&db.pool)
        .await
        .unwrap()
        .iter()
        .map(|r| r.get::<String, _>(0))
        .collect();
        assert_eq!(
            marked,
            [first, second, third, first, &id]
                .map(|s| s.to_string())
                .to_vec()
        );
    })
    .await;
}
