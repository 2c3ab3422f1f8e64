//! The coordinator's daily loop on real SQLite and PostgreSQL: her reply on a visit
//! reaches only the phone of the volunteer who wrote it, once, and comes back read and
//! answered (once); signals of concern are triaged new → acknowledged → resolved, two
//! coordinators at once cannot overwrite each other, and the volunteer learns the
//! state and action but never the note; a family without consent shows visits and
//! signals but no note texts. Every role and organisation boundary is tried, and every
//! step is audited.

mod common;

use app::domain::{FamilyId, Feedback, FeedbackId, Signal, Urgency, Visit};
use app::store::Change;
use axum::http::StatusCode;
use common::browser::{invite, organisation, outcomes, Browser};
use common::{family, family_mutation, mutation, visit_mutation};
use serde_json::json;
use sqlx::Row;

/// A visit of `family` with a signal of `urgency` (none for `None`).
fn visit_with(family: FamilyId, note: &str, urgency: Option<Urgency>) -> Visit {
    let mut v = common::visit(family, note);
    v.signal = urgency.map(|urgency| Signal {
        urgency,
        text: "She cries a lot at night".into(),
    });
    v
}

/// Vera's family and visits pushed; returns them.
async fn seed(vera: &mut Browser, visits: &[Visit]) {
    let family = visits[0].family_id;
    let mut pushed = vec![family_mutation(family, "Amal")];
    pushed.extend(visits.iter().map(visit_mutation));
    let answer = vera.push(pushed).await;
    assert!(
        outcomes(&answer).iter().all(|o| o == "applied"),
        "{}",
        answer.json
    );
}

async fn reply(
    coordinator: &mut Browser,
    visit: &Visit,
    id: FeedbackId,
    text: &str,
) -> common::browser::Answer {
    coordinator
        .post(
            &format!("/visits/{}/feedback", visit.id),
            json!({ "id": id, "reply": text }),
        )
        .await
}

fn replies(changes: &[Change]) -> Vec<Feedback> {
    changes
        .iter()
        .filter_map(|c| match c {
            Change::Feedback(f) => Some(f.clone()),
            _ => None,
        })
        .collect()
}

async fn audited(db: &server::db::Db, action: &str, entity: &str) -> Vec<String> {
    sqlx::query("SELECT record_id FROM audit_log WHERE action = $1 AND entity = $2 ORDER BY id")
        .bind(action)
        .bind(entity)
        .fetch_all(&db.pool)
        .await
        .unwrap()
        .iter()
        .map(|r| r.get::<String, _>(0))
        .collect()
}

#[tokio::test]
async fn a_reply_reaches_only_her_phone_once_and_comes_back_read_and_answered_once() {
    common::with_engines(|db| async move {
        let mut coby = organisation(&db, "MIM").await;
        let mut vera = invite(&db, &mut coby, "volunteer", "Vera").await;
        let mut wendy = invite(&db, &mut coby, "volunteer", "Wendy").await;
        let family = FamilyId::new();
        let visit = visit_with(family, "Talked about sleep", None);
        seed(&mut vera, std::slice::from_ref(&visit)).await;

        // She replies; sending the same reply again stores it once.
        let id = FeedbackId::new();
        let sent = reply(
            &mut coby,
            &visit,
            id,
            "  Well done. Shall we call on Monday?  ",
        )
        .await;
        assert_eq!(sent.status, StatusCode::CREATED, "{}", sent.json);
        assert_eq!(sent.json["reply"], "Well done. Shall we call on Monday?");
        assert_eq!(sent.json["replied_by"], "Coordinator");
        let again = reply(&mut coby, &visit, id, "Well done. Shall we call on Monday?").await;
        assert_eq!(again.status, StatusCode::OK, "{}", again.json);
        assert_eq!(again.json, sent.json);

        // Only Vera's phone receives it, once.
        let hers = replies(&vera.pull_all().await);
        assert_eq!(hers.len(), 1);
        assert_eq!(hers[0].id, id);
        assert!(replies(&wendy.pull_all().await).is_empty());
        assert!(replies(&coby.pull_all().await).is_empty());

        // Bad replies and the wrong people are refused, nothing is stored.
        for (text, code) in [("   ", "required"), (&*"x".repeat(2_001), "too_long")] {
            let refused = reply(&mut coby, &visit, FeedbackId::new(), text).await;
            refused.is_problem(StatusCode::UNPROCESSABLE_ENTITY, "invalid");
            assert_eq!(refused.json["errors"][0]["field"], "feedback.reply");
            assert_eq!(refused.json["errors"][0]["code"], code);
        }
        reply(&mut vera, &visit, FeedbackId::new(), "me too")
            .await
            .is_problem(StatusCode::FORBIDDEN, "forbidden");
        let mut other = organisation(&db, "Home-Start").await;
        reply(&mut other, &visit, FeedbackId::new(), "hello")
            .await
            .is_problem(StatusCode::NOT_FOUND, "not_found");
        // A reply id of another visit is not taken over.
        let second = visit_with(family, "Second visit", None);
        assert_eq!(
            outcomes(&vera.push(vec![visit_mutation(&second)]).await),
            ["applied"]
        );
        reply(&mut coby, &second, id, "Same id")
            .await
            .is_problem(StatusCode::CONFLICT, "mutation_id_taken");
        assert_eq!(replies(&vera.pull_all().await).len(), 1);

        // Before she reads it, the coordinator sees it unread.
        let read = coby.get(&format!("/visits/{}", visit.id)).await;
        assert_eq!(
            read.json["feedback"][0]["read_at_ms"],
            serde_json::Value::Null
        );

        // Her phone says she read it and answers once.
        let mut answered = hers[0].answered_with("Yes, Monday morning suits me", 1_800_000_000_000);
        answered.base_version = Some(1);
        let pushed = vera
            .push(vec![mutation(Change::Feedback(answered.clone()))])
            .await;
        assert_eq!(outcomes(&pushed), ["applied"], "{}", pushed.json);
        let waiting = coby.get("/inbox").await;
        assert_eq!(waiting.json["new_answers"], 1);
        let read = coby.get(&format!("/visits/{}", visit.id)).await;
        assert_eq!(
            read.json["feedback"][0]["answer"],
            "Yes, Monday morning suits me"
        );
        assert!(read.json["feedback"][0]["read_at_ms"].is_i64());
        assert_eq!(
            coby.get("/inbox").await.json["new_answers"],
            0,
            "she has seen it"
        );

        // Not a second answer, not her reply rewritten, not by anyone else.
        let mut twice = answered.clone();
        twice.answer = "Actually, Tuesday".into();
        twice.base_version = Some(2);
        let mut rewritten = answered.clone();
        rewritten.reply = "Something else".into();
        rewritten.base_version = Some(2);
        let refused = vera
            .push(vec![
                mutation(Change::Feedback(twice.clone())),
                mutation(Change::Feedback(rewritten)),
            ])
            .await;
        assert_eq!(
            outcomes(&refused),
            ["rejected:forbidden", "rejected:forbidden"]
        );
        let refused = wendy
            .push(vec![mutation(Change::Feedback(twice.clone()))])
            .await;
        assert_eq!(outcomes(&refused), ["rejected:forbidden"]);
        let refused = coby.push(vec![mutation(Change::Feedback(twice))]).await;
        assert_eq!(outcomes(&refused), ["rejected:forbidden"]);
        let mut made_up = answered.clone();
        made_up.id = FeedbackId::new();
        made_up.base_version = None;
        let refused = vera.push(vec![mutation(Change::Feedback(made_up))]).await;
        assert_eq!(outcomes(&refused), ["rejected:forbidden"]);

        // The reply was written once, by the coordinator, and each read is logged.
        assert_eq!(
            audited(&db, "write", "feedback").await.len(),
            2,
            "sent, answered"
        );
        let reads = audited(&db, "read", "visit").await;
        assert_eq!(reads, vec![visit.id.to_string(); 2]);
    })
    .await;
}

async fn triage(
    coordinator: &mut Browser,
    visit: &Visit,
    body: serde_json::Value,
) -> common::browser::Answer {
    coordinator
        .put(&format!("/visits/{}/signal", visit.id), body)
        .await
}

#[tokio::test]
async fn signals_are_triaged_once_with_no_overwrites_and_she_never_sees_the_note() {
    common::with_engines(|db| async move {
        let mut coby = organisation(&db, "MIM").await;
        let mut dana = invite(&db, &mut coby, "coordinator", "Dana").await;
        let mut vera = invite(&db, &mut coby, "volunteer", "Vera").await;
        let family = FamilyId::new();
        let soon = visit_with(family, "First", Some(Urgency::Soon));
        let urgent = visit_with(family, "Second", Some(Urgency::Urgent));
        let quiet = visit_with(family, "Third", None);
        seed(&mut vera, &[soon.clone(), urgent.clone(), quiet.clone()]).await;

        // Open signals: the urgent one on top; an urgent one waiting over a day is overdue.
        let open = coby.get("/signals").await;
        assert_eq!(open.status, StatusCode::OK, "{}", open.json);
        let ids: Vec<&str> = open.json["signals"].as_array().unwrap().iter()
            .map(|s| s["triage"]["visit_id"].as_str().unwrap()).collect();
        assert_eq!(ids, [urgent.id.to_string(), soon.id.to_string()]);
        assert_eq!(open.json["signals"][0]["family"], "Amal");
        assert_eq!(open.json["signals"][0]["volunteer"], "Vera");
        sqlx::query("UPDATE signal_triage SET raised_at_ms = raised_at_ms - 90000000 WHERE visit_id = $1")
            .bind(urgent.id.to_string())
            .execute(&db.pool)
            .await
            .unwrap();
        let counts = coby.get("/inbox").await.json;
        assert_eq!((counts["open_signals"].as_u64(), counts["overdue_signals"].as_u64()), (Some(2), Some(1)));
        let read = coby.get(&format!("/visits/{}", urgent.id)).await;
        assert_eq!(read.json["triage"]["state"], "new");
        assert_eq!(read.json["triage"]["overdue"], true);
        assert_eq!(read.json["triage"]["version"], 1);

        // Two coordinators acknowledge at once: one wins, the other is told, nothing lost.
        let ack = json!({ "version": 1, "state": "acknowledged", "urgency": "urgent" });
        let (a, b) = tokio::join!(triage(&mut coby, &urgent, ack.clone()), triage(&mut dana, &urgent, ack));
        let mut statuses = [a.status, b.status];
        statuses.sort();
        assert_eq!(statuses, [StatusCode::OK, StatusCode::CONFLICT], "{} {}", a.json, b.json);
        let loser = if a.status == StatusCode::CONFLICT { a } else { b };
        loser.is_problem(StatusCode::CONFLICT, "stale");

        // Bad steps.
        let resolve = |version: i64, action: Option<&str>, note: &str| json!({
            "version": version, "state": "resolved", "urgency": "urgent", "action": action, "note": note,
        });
        let refused = triage(&mut coby, &urgent, resolve(2, None, "")).await;
        refused.is_problem(StatusCode::UNPROCESSABLE_ENTITY, "invalid");
        assert_eq!(refused.json["errors"][0]["field"], "action");
        triage(&mut coby, &urgent, resolve(2, Some("no_action_needed"), &"x".repeat(2_001)))
            .await
            .is_problem(StatusCode::UNPROCESSABLE_ENTITY, "invalid");
        triage(&mut coby, &urgent, json!({ "version": 2, "state": "new", "urgency": "low" }))
            .await
            .is_problem(StatusCode::UNPROCESSABLE_ENTITY, "invalid");
        triage(&mut coby, &urgent, json!({ "version": 2, "state": "gone", "urgency": "low" }))
            .await
            .is_problem(StatusCode::UNPROCESSABLE_ENTITY, "invalid");
        triage(&mut coby, &quiet, resolve(1, Some("no_action_needed"), ""))
            .await
            .is_problem(StatusCode::NOT_FOUND, "not_found");
        triage(&mut vera, &urgent, resolve(2, Some("no_action_needed"), ""))
            .await
            .is_problem(StatusCode::FORBIDDEN, "forbidden");
        let mut other = organisation(&db, "Home-Start").await;
        triage(&mut other, &urgent, resolve(2, Some("no_action_needed"), ""))
            .await
            .is_problem(StatusCode::NOT_FOUND, "not_found");
        assert_eq!(other.get("/signals").await.json["signals"], json!([]));

        // Resolved, with the action and a private note; not twice.
        let note = "Called the youth nurse, home visit planned";
        let done = triage(&mut coby, &urgent, resolve(2, Some("referred_youth_health"), note)).await;
        assert_eq!(done.status, StatusCode::OK, "{}", done.json);
        assert_eq!(done.json["state"], "resolved");
        assert_eq!(done.json["resolved_by"], "Coordinator");
        triage(&mut dana, &urgent, resolve(3, Some("no_action_needed"), ""))
            .await
            .is_problem(StatusCode::CONFLICT, "already_resolved");
        let open = coby.get("/signals").await.json;
        assert_eq!(open["signals"].as_array().unwrap().len(), 1);

        // Vera's phone learns the state and the action — never the note.
        let pulled = vera.get("/sync/pull?after=0&limit=1000").await;
        assert!(!pulled.json.to_string().contains("youth nurse"));
        let statuses: Vec<_> = pulled.json["changes"].as_array().unwrap().iter()
            .filter_map(|c| c["change"].get("signal_status")).collect();
        assert_eq!(statuses.len(), 1, "one record, at its newest");
        assert_eq!(statuses[0]["state"], "resolved");
        assert_eq!(statuses[0]["action"], "referred_youth_health");
        assert!(statuses[0]["acknowledged_at_ms"].is_i64());
        // ... and cannot write one.
        let status: Change = serde_json::from_value(json!({ "signal_status": statuses[0] })).unwrap();
        let refused = vera.push(vec![mutation(status)]).await;
        assert_eq!(outcomes(&refused), ["rejected:forbidden"]);

        // Every step is audited.
        let steps = audited(&db, "triage", "signal").await;
        assert_eq!(steps, vec![urgent.id.to_string(); 2], "acknowledged, resolved");
    })
    .await;
}

#[tokio::test]
async fn without_consent_the_coordinator_sees_visits_and_signals_but_no_note_texts() {
    common::with_engines(|db| async move {
        let mut coby = organisation(&db, "MIM").await;
        let mut vera = invite(&db, &mut coby, "volunteer", "Vera").await;
        let mut private = family(FamilyId::new(), "Noor");
        private.shares_notes = false;
        let visit = visit_with(
            private.id,
            "She told me about her divorce",
            Some(Urgency::Soon),
        );
        let answer = vera
            .push(vec![
                mutation(Change::Family(private.clone())),
                visit_mutation(&visit),
            ])
            .await;
        assert_eq!(outcomes(&answer), ["applied", "applied"]);

        let listed = coby.get("/visits").await.json;
        let shown = &listed["visits"][0];
        assert_eq!(shown["notes_hidden"], true);
        assert_eq!(shown["visit"]["note"], "");
        assert_eq!(shown["visit"]["signal"]["text"], "She cries a lot at night");
        let read = coby.get(&format!("/visits/{}", visit.id)).await.json;
        assert_eq!(read["visit"]["note"], "");
        assert!(!read.to_string().contains("divorce"));
        let found = coby.get("/visits?q=divorce").await.json;
        assert_eq!(
            found["visits"],
            json!([]),
            "hidden words are not searchable"
        );

        // Once she agrees, the notes are there.
        let mut agreed = private.clone();
        agreed.shares_notes = true;
        agreed.base_version = Some(1);
        agreed.updated_at_ms += 1;
        assert_eq!(
            outcomes(&vera.push(vec![mutation(Change::Family(agreed))]).await),
            ["applied"]
        );
        let read = coby.get(&format!("/visits/{}", visit.id)).await.json;
        assert_eq!(read["notes_hidden"], false);
        assert_eq!(read["visit"]["note"], "She told me about her divorce");
        assert_eq!(
            coby.get("/visits?q=divorce").await.json["visits"]
                .as_array()
                .unwrap()
                .len(),
            1
        );

        // Every read is logged: who, which record.
        let reads = sqlx::query(
            "SELECT user_id, record_id FROM audit_log WHERE action = 'read' AND entity = 'visit'",
        )
        .fetch_all(&db.pool)
        .await
        .unwrap();
        assert_eq!(reads.len(), 2);
        let me = coby.user_id().await;
        assert!(reads
            .iter()
            .all(|r| r.get::<String, _>(0) == me && r.get::<String, _>(1) == visit.id.to_string()));
    })
    .await;
}
