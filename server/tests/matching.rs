//! Families through the coordinator on real SQLite and PostgreSQL: intake, volunteers'
//! profiles, suggestions, matching, rematching (with a visit the former volunteer's
//! phone wrote offline before it knew: it reaches the server exactly once, then the
//! family leaves that phone), ending, confirming a family a volunteer added, the
//! caseload and the supervision log — with authorisation across roles and
//! organisations, bad input and stale edits refused, nothing half-written, all audited.

mod common;

use app::api::{PullResponse, PushResponse};
use app::domain::{FamilyId, Visit};
use app::store::{Change, LocalDb};
use axum::http::StatusCode;
use common::browser::{invite, organisation, outcomes, Browser};
use serde_json::{json, Value};
use sqlx::Row;

/// A device of one volunteer: pulls every page after its cursor, as the app does.
async fn sync_device(browser: &mut Browser, device: &LocalDb) -> LocalDb {
    let mut db = device.clone();
    loop {
        let answer = browser
            .get(&format!("/sync/pull?after={}&limit=3", db.cursor))
            .await;
        assert_eq!(answer.status, StatusCode::OK, "{}", answer.json);
        let page: PullResponse = serde_json::from_value(answer.json).unwrap();
        db = db.take_pull_page(&page);
        if !page.more {
            return db;
        }
    }
}

/// Pushes what waits on `device` (with its cursor), as the app does.
async fn push_device(browser: &mut Browser, device: &LocalDb) -> (LocalDb, Value) {
    let batch = device.pushable();
    let answer = browser
        .post(
            "/sync/push",
            json!({ "device_id": device.device_id, "cursor": device.cursor, "mutations": batch }),
        )
        .await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.json);
    let taken: PushResponse = serde_json::from_value(answer.json.clone()).unwrap();
    (device.take_push_answer(&batch, taken).unwrap(), answer.json)
}

fn profile(user: &str, languages: &[&str], area: &str, capacity: u32, version: u64) -> Value {
    json!({ "user_id": user, "languages": languages, "area": area, "capacity": capacity,
            "paused": false, "started_on": "2025-09-01", "version": version })
}

fn new_family(id: FamilyId, name: &str, area: &str) -> Value {
    let mut family = common::family(id, name);
    family.status = app::domain::FamilyStatus::Intake;
    json!({
        "family": family,
        "intake": { "referrer": "youth_health_care", "preference": "own_culture", "area": area,
                    "support_question": "Ik wil graag iemand om mee te praten." }
    })
}

async fn audited(db: &server::db::Db, entity: &str) -> i64 {
    sqlx::query("SELECT COUNT(*) FROM audit_log WHERE entity = $1")
        .bind(entity)
        .fetch_one(&db.pool)
        .await
        .unwrap()
        .try_get(0)
        .unwrap()
}

async fn visits_of(db: &server::db::Db, family: FamilyId) -> i64 {
    sqlx::query("SELECT COUNT(*) FROM visit_index WHERE family_id = $1 AND deleted = 0")
        .bind(family.to_string())
        .fetch_one(&db.pool)
        .await
        .unwrap()
        .try_get(0)
        .unwrap()
}

#[tokio::test]
async fn a_family_is_taken_in_matched_rematched_and_ended_by_its_coordinator_only() {
    common::with_engines(|db| async move {
        let mut coby = organisation(&db, "MIM Zwijndrecht").await;
        let mut cora = invite(&db, &mut coby, "coordinator", "Cora").await;
        let mut vera = invite(&db, &mut coby, "volunteer", "Vera").await;
        let mut wen = invite(&db, &mut coby, "volunteer", "Wen").await;
        let (vera_id, wen_id) = (vera.user_id().await, wen.user_id().await);
        let cora_id = cora.user_id().await;
        let mut olga = organisation(&db, "Home-Start Elders").await;
        let mut xena = invite(&db, &mut olga, "volunteer", "Xena").await;
        let xena_id = xena.user_id().await;

        // Profiles: only her own organisation's coordinator writes them, by the rules,
        // based on the version she saw.
        let answer = coby
            .put(&format!("/volunteers/{vera_id}/profile"), profile(&vera_id, &["ar", "nl"], "3311", 2, 0))
            .await;
        assert_eq!(answer.status, StatusCode::OK, "{}", answer.json);
        coby.put(&format!("/volunteers/{vera_id}/profile"), profile(&vera_id, &["ar"], "3311", 2, 0))
            .await
            .is_problem(StatusCode::CONFLICT, "stale");
        let answer = coby
            .put(&format!("/volunteers/{wen_id}/profile"), profile(&wen_id, &["nl", "xx"], "0311", 11, 0))
            .await;
        answer.is_problem(StatusCode::UNPROCESSABLE_ENTITY, "invalid");
        let fields: Vec<&str> = answer.json["errors"].as_array().unwrap().iter().map(|e| e["field"].as_str().unwrap()).collect();
        assert_eq!(fields, ["profile.languages", "profile.area", "profile.capacity"]);
        coby.put(&format!("/volunteers/{wen_id}/profile"), profile(&wen_id, &["nl", "en"], "3314", 1, 0))
            .await;
        vera.put(&format!("/volunteers/{vera_id}/profile"), profile(&vera_id, &["ar"], "3311", 9, 1))
            .await
            .is_problem(StatusCode::FORBIDDEN, "forbidden");
        olga.put(&format!("/volunteers/{vera_id}/profile"), profile(&vera_id, &["ar"], "3311", 9, 1))
            .await
            .is_problem(StatusCode::NOT_FOUND, "not_found");

        // Intake: bad input is refused whole; a volunteer may not register a family.
        let amal = FamilyId::new();
        let mut nameless = new_family(amal, "", "12");
        let answer = coby.post("/families", nameless.clone()).await;
        answer.is_problem(StatusCode::UNPROCESSABLE_ENTITY, "invalid");
        let fields: Vec<&str> = answer.json["errors"].as_array().unwrap().iter().map(|e| e["field"].as_str().unwrap()).collect();
        assert_eq!(fields, ["family.pseudonym", "intake.area"]);
        nameless["intake"]["support_question"] = json!("x".repeat(2001));
        coby.post("/families", nameless).await.is_problem(StatusCode::UNPROCESSABLE_ENTITY, "invalid");
        vera.post("/families", new_family(amal, "Amal", "3311")).await.is_problem(StatusCode::FORBIDDEN, "forbidden");
        assert!(coby.get("/caseload").await.json["waiting"].as_array().unwrap().is_empty(), "nothing half-stored");

        let answer = coby.post("/families", new_family(amal, "Amal", "3311")).await;
        assert_eq!(answer.status, StatusCode::CREATED, "{}", answer.json);
        assert_eq!(answer.json["family"]["status"], "intake");
        // Vera speaks the mother's first language, her mother tongue, in her area.
        let first = &answer.json["suggestions"][0];
        assert_eq!(first["volunteer_id"], vera_id.as_str());
        let reasons: Vec<&str> = first["reasons"].as_array().unwrap().iter().map(|r| r["reason"].as_str().unwrap()).collect();
        assert_eq!(reasons, ["speaks_her_language", "own_culture", "same_area", "free_capacity"]);
        coby.post("/families", new_family(amal, "Amal", "3311")).await.is_problem(StatusCode::CONFLICT, "stale");
        olga.get(&format!("/families/{amal}")).await.is_problem(StatusCode::NOT_FOUND, "not_found");
        vera.get(&format!("/families/{amal}")).await.is_problem(StatusCode::FORBIDDEN, "forbidden");
        let caseload = coby.get("/caseload").await;
        assert_eq!(caseload.json["waiting"][0]["family"]["pseudonym"], "Amal");
        // Nobody's phone has a family in intake.
        let veras_phone = sync_device(&mut vera, &LocalDb::default()).await;
        assert!(veras_phone.families.is_empty());

        // Matching: never to another organisation's volunteer, a coordinator, or one
        // who paused; the family then reaches Vera's phone.
        for (who, status, code) in [
            (&xena_id, StatusCode::NOT_FOUND, "not_found"),
            (&cora_id, StatusCode::NOT_FOUND, "not_found"),
        ] {
            coby.post(&format!("/families/{amal}/match"), json!({ "volunteer_id": who }))
                .await
                .is_problem(status, code);
        }
        let mut paused = profile(&wen_id, &["nl", "en"], "3314", 1, 1);
        paused["paused"] = json!(true);
        coby.put(&format!("/volunteers/{wen_id}/profile"), paused).await;
        coby.post(&format!("/families/{amal}/match"), json!({ "volunteer_id": wen_id }))
            .await
            .is_problem(StatusCode::CONFLICT, "volunteer_paused");
        vera.post(&format!("/families/{amal}/match"), json!({ "volunteer_id": vera_id }))
            .await
            .is_problem(StatusCode::FORBIDDEN, "forbidden");
        let answer = coby.post(&format!("/families/{amal}/match"), json!({ "volunteer_id": vera_id })).await;
        assert_eq!(answer.status, StatusCode::OK, "{}", answer.json);
        assert_eq!(answer.json["family"]["status"], "active");
        assert_eq!(answer.json["volunteer_id"], vera_id.as_str());
        let mut veras_phone = sync_device(&mut vera, &veras_phone).await;
        assert_eq!(veras_phone.families.len(), 1);

        // Vera visits twice; Wen may not write to Vera's family.
        for n in 0..2 {
            veras_phone = veras_phone.with_change(Change::Visit(common::visit(amal, &format!("visit {n}"))), app::domain::clock::now_ms());
        }
        let (phone, _) = push_device(&mut vera, &veras_phone).await;
        veras_phone = sync_device(&mut vera, &phone).await;
        assert_eq!(veras_phone.visits.len(), 2);
        assert_eq!(outcomes(&wen.push(vec![common::visit_mutation(&common::visit(amal, "not hers"))]).await), ["rejected:forbidden"]);

        // Offline, Vera writes a third visit; meanwhile the coordinator ends Wen's pause
        // and moves the family to her.
        let late: Visit = common::visit(amal, "written offline before she knew");
        veras_phone = veras_phone.with_change(Change::Visit(late.clone()), app::domain::clock::now_ms());
        coby.put(&format!("/volunteers/{wen_id}/profile"), profile(&wen_id, &["nl", "en"], "3314", 1, 2)).await;
        let answer = coby
            .post(&format!("/families/{amal}/match"), json!({ "volunteer_id": wen_id, "evaluation": "Vera moves away" }))
            .await;
        assert_eq!(answer.status, StatusCode::OK, "{}", answer.json);

        // Vera comes online: the visit reaches the server once (a lost answer and a
        // retry change nothing), and nothing of Wen's family comes back to her.
        let waiting = veras_phone.pushable();
        let (phone, answer) = push_device(&mut vera, &veras_phone).await;
        assert_eq!(answer["results"][0]["outcome"], "applied", "{answer}");
        assert!(answer["results"][0]["record"].is_null(), "{answer}");
        let retried = vera
            .post("/sync/push", json!({ "device_id": veras_phone.device_id, "cursor": veras_phone.cursor, "mutations": waiting }))
            .await;
        assert_eq!(outcomes(&retried), ["duplicate"]);
        assert_eq!(visits_of(&db, amal).await, 3);
        let veras_phone = sync_device(&mut vera, &phone).await;
        assert!(veras_phone.families.is_empty() && veras_phone.visits.is_empty() && veras_phone.outbox.is_empty());
        // Knowing it, her phone can no longer write to the family.
        let again = vera
            .post("/sync/push", json!({ "device_id": veras_phone.device_id, "cursor": veras_phone.cursor,
                                         "mutations": [common::visit_mutation(&common::visit(amal, "after"))] }))
            .await;
        assert_eq!(outcomes(&again), ["rejected:forbidden"]);
        // Wen's phone gets the family with all three visits.
        let wens_phone = sync_device(&mut wen, &LocalDb::default()).await;
        assert_eq!((wens_phone.families.len(), wens_phone.visits.len()), (1, 3));
        assert!(wens_phone.visits.values().any(|v| v.note == late.note));

        // Two coordinators edit at once: the second, based on the same version, is stale.
        let file = coby.get(&format!("/families/{amal}")).await.json;
        let mut weekly = file["family"].clone();
        weekly["cadence"] = json!("weekly");
        assert_eq!(coby.put(&format!("/families/{amal}"), weekly.clone()).await.status, StatusCode::OK);
        cora.put(&format!("/families/{amal}"), weekly).await.is_problem(StatusCode::CONFLICT, "stale");
        let mut intake = file["intake"].clone();
        intake["area"] = json!("3312");
        assert_eq!(coby.put(&format!("/families/{amal}/intake"), intake.clone()).await.status, StatusCode::OK);
        cora.put(&format!("/families/{amal}/intake"), intake).await.is_problem(StatusCode::CONFLICT, "stale");

        // Ending: a reason and an evaluation are needed; then the family leaves Wen's
        // phone and stays for the coordinator, and takes no new matching.
        coby.post(&format!("/families/{amal}/end"), json!({ "reason": "rematched", "evaluation": "x" }))
            .await
            .is_problem(StatusCode::UNPROCESSABLE_ENTITY, "invalid");
        coby.post(&format!("/families/{amal}/end"), json!({ "reason": "goal_reached", "evaluation": " " }))
            .await
            .is_problem(StatusCode::UNPROCESSABLE_ENTITY, "invalid");
        let answer = coby
            .post(&format!("/families/{amal}/end"), json!({ "reason": "goal_reached", "evaluation": "Zij heeft nu een netwerk." }))
            .await;
        assert_eq!(answer.status, StatusCode::OK, "{}", answer.json);
        assert_eq!(answer.json["family"]["status"], "ended");
        let history: Vec<(&str, &str)> = answer.json["matches"].as_array().unwrap().iter()
            .map(|m| (m["volunteer_name"].as_str().unwrap(), m["end_reason"].as_str().unwrap()))
            .collect();
        assert_eq!(history.len(), 2);
        assert!(history.contains(&("Vera", "rematched")) && history.contains(&("Wen", "goal_reached")));
        let wens_phone = sync_device(&mut wen, &wens_phone).await;
        assert!(wens_phone.families.is_empty() && wens_phone.visits.is_empty());
        coby.post(&format!("/families/{amal}/match"), json!({ "volunteer_id": vera_id }))
            .await
            .is_problem(StatusCode::CONFLICT, "family_ended");
        assert!(coby.get("/caseload").await.json["volunteers"].as_array().unwrap().iter()
            .all(|v| v["families"].as_array().unwrap().is_empty()));

        // A family Vera added herself shows as such, and is confirmed once.
        let noor = FamilyId::new();
        assert_eq!(outcomes(&vera.push(vec![common::family_mutation(noor, "Noor")]).await), ["applied"]);
        let caseload = coby.get("/caseload").await.json;
        let veras = caseload["volunteers"].as_array().unwrap().iter().find(|v| v["name"] == "Vera").unwrap();
        assert_eq!(veras["families"][0]["unconfirmed"], true);
        assert_eq!(coby.post(&format!("/families/{noor}/confirm"), json!({})).await.status, StatusCode::OK);
        coby.post(&format!("/families/{noor}/confirm"), json!({})).await.is_problem(StatusCode::CONFLICT, "stale");

        // Every change was audited.
        assert!(audited(&db, "match").await >= 3);
        assert_eq!(audited(&db, "match_end").await, 1);
        assert_eq!(audited(&db, "profile").await, 4);
        assert_eq!(audited(&db, "intake").await, 1);
    })
    .await;
}

#[tokio::test]
async fn the_supervision_log_is_for_her_coordinators_only() {
    common::with_engines(|db| async move {
        let mut coby = organisation(&db, "MIM Papendrecht").await;
        let mut vera = invite(&db, &mut coby, "volunteer", "Vera").await;
        let vera_id = vera.user_id().await;
        let mut olga = organisation(&db, "Samen Oplopen Sliedrecht").await;
        let today = chrono::Utc::now().date_naive();
        let note = json!({ "kind": "one_to_one", "held_on": today.to_string(), "topics": "Grenzen",
                           "note": "Gaat goed; wil een training over slapen." });
        let answer = coby
            .post(&format!("/volunteers/{vera_id}/supervision"), note.clone())
            .await;
        assert_eq!(answer.status, StatusCode::CREATED, "{}", answer.json);
        assert_eq!(answer.json["supervision"][0]["author"], "Coordinator");
        let mut future = note.clone();
        future["held_on"] = json!((today + chrono::Days::new(3)).to_string());
        let refused = coby
            .post(&format!("/volunteers/{vera_id}/supervision"), future)
            .await;
        refused.is_problem(StatusCode::UNPROCESSABLE_ENTITY, "invalid");
        assert_eq!(refused.json["errors"][0]["field"], "supervision.held_on");
        coby.post(
            &format!("/volunteers/{vera_id}/supervision"),
            json!({ "kind": "leaving", "held_on": today.to_string() }),
        )
        .await
        .is_problem(StatusCode::UNPROCESSABLE_ENTITY, "invalid");
        coby.post(
            &format!("/volunteers/{vera_id}/supervision"),
            json!({ "kind": "gossip", "held_on": today.to_string() }),
        )
        .await
        .is_problem(StatusCode::UNPROCESSABLE_ENTITY, "invalid");
        vera.get(&format!("/volunteers/{vera_id}"))
            .await
            .is_problem(StatusCode::FORBIDDEN, "forbidden");
        vera.post(&format!("/volunteers/{vera_id}/supervision"), note.clone())
            .await
            .is_problem(StatusCode::FORBIDDEN, "forbidden");
        olga.get(&format!("/volunteers/{vera_id}"))
            .await
            .is_problem(StatusCode::NOT_FOUND, "not_found");
        olga.post(&format!("/volunteers/{vera_id}/supervision"), note)
            .await
            .is_problem(StatusCode::NOT_FOUND, "not_found");
        let file = coby.get(&format!("/volunteers/{vera_id}")).await;
        assert_eq!(file.json["supervision"].as_array().unwrap().len(), 1);
        // Nothing of it is in her pull.
        let pulled = serde_json::to_string(&vera.get("/sync/pull?after=0").await.json).unwrap();
        assert!(!pulled.contains("Grenzen"));
        assert_eq!(audited(&db, "supervision").await, 1);
    })
    .await;
}
