//! The coordinator's review list on real SQLite and PostgreSQL: pages follow a key
//! (newest first, nothing skipped or shown twice, even when visits arrive between two
//! pages), filters narrow by family, volunteer, topic, signal and dates through the
//! indexed columns kept with each record, an edit or a deletion changes what a filter
//! finds, bad parameters are precise 400s, and the audit names exactly what a page showed.

mod common;

use app::domain::{FamilyId, Signal, Topic, Urgency, Visit};
use axum::http::StatusCode;
use chrono::{Duration, Utc};
use common::browser::{invite, organisation, outcomes, Browser};
use common::family_mutation;
use std::collections::HashSet;

/// Visit `n` of a family: one a day back from today, every third about sleep, every
/// fifth with a signal.
fn nth_visit(family: FamilyId, n: i64) -> Visit {
    let mut v = common::visit(family, &format!("visit {n}"));
    v.date = Utc::now().date_naive() - Duration::days(n % 40);
    v.updated_at_ms = 1_000 + n;
    v.topics = if n % 3 == 0 {
        vec![Topic::Sleep]
    } else {
        vec![Topic::PlayReading]
    };
    v.signal = (n % 5 == 0).then(|| Signal {
        urgency: Urgency::Soon,
        text: "tired".into(),
    });
    v
}

async fn push_all(volunteer: &mut Browser, visits: &[Visit]) {
    for chunk in visits.chunks(40) {
        let answer = volunteer
            .push(chunk.iter().map(common::visit_mutation).collect())
            .await;
        assert!(
            outcomes(&answer).iter().all(|o| o == "applied"),
            "{}",
            answer.json
        );
    }
}

/// Every page of `query`, following `next`; the notes in order.
async fn all_pages(admin: &mut Browser, query: &str) -> (Vec<String>, usize) {
    pages_from(admin, query, None).await
}

/// Like [`all_pages`], starting after the page key `before`.
async fn pages_from(
    admin: &mut Browser,
    query: &str,
    mut before: Option<String>,
) -> (Vec<String>, usize) {
    let (mut notes, mut pages) = (Vec::new(), 0);
    loop {
        let sep = if query.contains('?') { '&' } else { '?' };
        let uri = match &before {
            Some(key) => format!("{query}{sep}before={key}"),
            None => query.to_string(),
        };
        let page = admin.get(&uri).await;
        assert_eq!(page.status, StatusCode::OK, "{}", page.json);
        pages += 1;
        for v in page.json["visits"].as_array().unwrap() {
            notes.push(v["visit"]["note"].as_str().unwrap().to_string());
        }
        match page.json["next"].as_str() {
            Some(key) => before = Some(key.to_string()),
            None => return (notes, pages),
        }
    }
}

fn newest_first(visits: &[&Visit]) -> Vec<String> {
    let mut sorted = visits.to_vec();
    sorted.sort_by(|a, b| {
        (b.date, b.updated_at_ms, b.id.to_string()).cmp(&(
            a.date,
            a.updated_at_ms,
            a.id.to_string(),
        ))
    });
    sorted.iter().map(|v| v.note.clone()).collect()
}

#[tokio::test]
async fn pages_follow_a_key_and_filters_use_the_indexed_columns() {
    common::with_engines(|db| async move {
        let mut admin = organisation(&db, "MIM Review").await;
        let mut vera = invite(&db, &mut admin, "volunteer", "Vera").await;
        let mut wen = invite(&db, &mut admin, "volunteer", "Wen").await;
        let (amal, noor) = (FamilyId::new(), FamilyId::new());
        assert_eq!(
            outcomes(&vera.push(vec![family_mutation(amal, "Amal")]).await),
            ["applied"]
        );
        assert_eq!(
            outcomes(&wen.push(vec![family_mutation(noor, "Noor")]).await),
            ["applied"]
        );
        let veras: Vec<Visit> = (0..90).map(|n| nth_visit(amal, n)).collect();
        let wens: Vec<Visit> = (90..120).map(|n| nth_visit(noor, n)).collect();
        push_all(&mut vera, &veras).await;
        push_all(&mut wen, &wens).await;
        let everything: Vec<&Visit> = veras.iter().chain(&wens).collect();

        // Three pages of 50, 50 and 20, newest first, each visit once.
        let (notes, pages) = all_pages(&mut admin, "/visits").await;
        assert_eq!(pages, 3);
        assert_eq!(notes, newest_first(&everything));
        assert_eq!(notes.iter().collect::<HashSet<_>>().len(), 120);
        let first = admin.get("/visits?limit=10").await;
        assert_eq!(first.json["visits"][0]["family"], "Amal");
        assert_eq!(first.json["visits"][0]["volunteer"], "Vera");

        // A visit synced between two pages: an older one still shows on a later page,
        // a newer one on the next fresh list; nothing already shown comes again.
        let key = first.json["next"].as_str().unwrap().to_string();
        let mut late_old = nth_visit(amal, 39);
        late_old.note = "late, old".into();
        late_old.updated_at_ms = 1;
        let mut late_new = nth_visit(amal, 0);
        late_new.note = "late, new".into();
        late_new.updated_at_ms = i64::MAX / 2;
        push_all(&mut vera, &[late_old.clone(), late_new.clone()]).await;
        let (rest, _) = pages_from(&mut admin, "/visits?limit=50", Some(key)).await;
        assert!(rest.contains(&"late, old".to_string()));
        assert!(!rest.contains(&"late, new".to_string()));
        let shown: Vec<String> = first.json["visits"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v["visit"]["note"].as_str().unwrap().to_string())
            .collect();
        assert!(rest.iter().all(|n| !shown.contains(n)), "no visit twice");

        // Filters.
        let everything: Vec<&Visit> = everything
            .into_iter()
            .chain([&late_old, &late_new])
            .collect();
        let only = |keep: &dyn Fn(&Visit) -> bool| -> Vec<String> {
            newest_first(
                &everything
                    .iter()
                    .copied()
                    .filter(|v| keep(v))
                    .collect::<Vec<_>>(),
            )
        };
        assert_eq!(
            all_pages(&mut admin, &format!("/visits?family={noor}"))
                .await
                .0,
            only(&|v| v.family_id == noor)
        );
        let wen_id = wen.user_id().await;
        assert_eq!(
            all_pages(&mut admin, &format!("/visits?volunteer={wen_id}"))
                .await
                .0,
            only(&|v| v.family_id == noor)
        );
        assert_eq!(
            all_pages(&mut admin, "/visits?topic=sleep").await.0,
            only(&|v| v.topics.contains(&Topic::Sleep))
        );
        assert_eq!(
            all_pages(&mut admin, "/visits?signal=true&limit=7").await.0,
            only(&|v| v.signal.is_some())
        );
        let from = Utc::now().date_naive() - Duration::days(10);
        let to = Utc::now().date_naive() - Duration::days(5);
        assert_eq!(
            all_pages(
                &mut admin,
                &format!("/visits?from={from}&to={to}&topic=play_reading")
            )
            .await
            .0,
            only(&|v| v.date >= from && v.date <= to && v.topics.contains(&Topic::PlayReading))
        );

        // An edit moves a visit out of a topic; a deletion takes it off every list.
        let mut edited = veras[0].clone();
        edited.topics = vec![Topic::PlayReading];
        edited.base_version = Some(1);
        let mut deleted = veras[3].clone();
        deleted.deleted = true;
        deleted.base_version = Some(1);
        push_all(&mut vera, &[edited.clone(), deleted.clone()]).await;
        let sleep = all_pages(&mut admin, "/visits?topic=sleep").await.0;
        assert!(!sleep.contains(&edited.note) && !sleep.contains(&deleted.note));
        assert!(!all_pages(&mut admin, "/visits")
            .await
            .0
            .contains(&deleted.note));

        // Bad parameters are precise 400s; a volunteer gets none of it.
        for bad in [
            "limit=0",
            "limit=201",
            "before=yesterday",
            "family=nope",
            "topic=astrology",
            "from=2026-13-01",
            "signal=maybe",
        ] {
            admin
                .get(&format!("/visits?{bad}"))
                .await
                .is_problem(StatusCode::BAD_REQUEST, "bad_query");
        }
        vera.get("/visits")
            .await
            .is_problem(StatusCode::FORBIDDEN, "forbidden");
    })
    .await;
}

#[tokio::test]
async fn the_audit_names_exactly_the_visits_a_page_showed() {
    common::with_engines(|db| async move {
        let mut admin = organisation(&db, "MIM Audit").await;
        let mut vera = invite(&db, &mut admin, "volunteer", "Vera").await;
        let amal = FamilyId::new();
        vera.push(vec![family_mutation(amal, "Amal")]).await;
        let visits: Vec<Visit> = (0..12).map(|n| nth_visit(amal, n)).collect();
        push_all(&mut vera, &visits).await;
        let page = admin.get("/visits?limit=5").await;
        let shown: HashSet<String> = page.json["visits"].as_array().unwrap().iter().map(|v| v["visit"]["id"].as_str().unwrap().to_string()).collect();
        assert_eq!(shown.len(), 5);
        let org = common::org_of(&db, "vera").await;
        use sqlx::Row;
        let listed: HashSet<String> = sqlx::query("SELECT record_id FROM audit_log WHERE org_id = $1 AND action = 'list' AND entity = 'visit'")
            .bind(&org)
            .fetch_all(&db.pool)
            .await
            .unwrap()
            .iter()
            .map(|r| r.get(0))
            .collect();
        assert_eq!(listed, shown);
    })
    .await;
}
