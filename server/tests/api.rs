//! The HTTP API end to end in-process, on real SQLite and real PostgreSQL: accounts
//! (setup, invites, roles, sign-in limits, CSRF, resets, signing out everywhere), sync
//! with per-volunteer scope, the coordinator's review with its audit trail, and the bad
//! inputs of every kind, each answered with a precise 4xx problem document.

mod common;

use app::domain::{FamilyId, Visit};
use app::store::Change;
use axum::http::{header, Method, StatusCode};
use common::browser::{invite, organisation, outcomes, Browser, PASSWORD};
use common::{family_mutation, org_of};
use serde_json::{json, Value};
use server::auth::links;

fn visit(family: FamilyId, note: &str) -> Visit {
    common::visit(family, note)
}

#[tokio::test]
async fn a_setup_link_creates_the_organisation_and_works_once() {
    common::with_engines(|db| async move {
        let link = links::create_setup(&db)
            .await
            .unwrap();
        let mut admin = organisation(&db, "MIM Dordrecht").await;
        let me = admin.get("/session").await;
        assert_eq!(me.json["organisation"], "MIM Dordrecht");
        assert_eq!(me.json["role"], "admin");
        // The organisation's own link was used; a used or unknown link is gone.
        let mut other = Browser::new(&db);
        let used = other.get("/links/0123456789abcdef0123456789abcdef").await;
        used.is_problem(StatusCode::GONE, "link_invalid");
        let weak = other
            .post(&format!("/links/{}", link.code), json!({ "organisation": "X", "display_name": "", "username": "A B", "password": "short" }))
            .await;
        weak.is_problem(StatusCode::UNPROCESSABLE_ENTITY, "invalid");
        let fields: Vec<&str> = weak.json["errors"].as_array().unwrap().iter().map(|e| e["field"].as_str().unwrap()).collect();
        assert_eq!(fields, ["organisation", "display_name", "username", "password"]);
        // A rejected form does not use up the link.
        let ok = other
            .post(&format!("/links/{}", link.code), json!({ "organisation": "Home-Start Zuid", "display_name": "Nurse", "username": "nurse", "password": PASSWORD }))
            .await;
        assert_eq!(ok.status, StatusCode::OK, "{}", ok.json);
        let again = Browser::new(&db)
            .post(&format!("/links/{}", link.code), json!({ "organisation": "Again", "display_name": "X", "username": "again", "password": PASSWORD }))
            .await;
        again.is_problem(StatusCode::GONE, "link_invalid");
    })
    .await;
}

#[tokio::test]
async fn roles_decide_who_invites_resets_and_reviews() {
    common::with_engines(|db| async move {
        let mut admin = organisation(&db, "MIM").await;
        let mut coordinator = invite(&db, &mut admin, "coordinator", "Coby").await;
        let mut volunteer = invite(&db, &mut coordinator, "volunteer", "Vera").await;
        // A coordinator may not invite coordinators; a volunteer may invite no one.
        coordinator
            .post("/invites", json!({ "role": "coordinator" }))
            .await
            .is_problem(StatusCode::FORBIDDEN, "forbidden");
        volunteer
            .post("/invites", json!({ "role": "volunteer" }))
            .await
            .is_problem(StatusCode::FORBIDDEN, "forbidden");
        volunteer
            .get("/visits")
            .await
            .is_problem(StatusCode::FORBIDDEN, "forbidden");
        volunteer
            .get("/people")
            .await
            .is_problem(StatusCode::FORBIDDEN, "forbidden");
        let people = coordinator.get("/people").await;
        assert_eq!(people.json.as_array().unwrap().len(), 3);
        // An unknown role is a precise 422.
        admin
            .post("/invites", json!({ "role": "superuser" }))
            .await
            .is_problem(StatusCode::UNPROCESSABLE_ENTITY, "invalid");
        // The same username twice: 409, and the invite still works with another name.
        let link = admin.post("/invites", json!({ "role": "volunteer" })).await;
        let code = link.json["code"].as_str().unwrap().to_string();
        let mut second = Browser::new(&db);
        second
            .post(
                &format!("/links/{code}"),
                json!({ "display_name": "Vera 2", "username": "vera", "password": PASSWORD }),
            )
            .await
            .is_problem(StatusCode::CONFLICT, "username_taken");
        let ok = second
            .post(
                &format!("/links/{code}"),
                json!({ "display_name": "Vera 2", "username": "vera2", "password": PASSWORD }),
            )
            .await;
        assert_eq!(ok.status, StatusCode::OK);
    })
    .await;
}

#[tokio::test]
async fn sign_in_is_rate_limited_and_wrong_passwords_say_nothing_more() {
    common::with_engines(|db| async move {
        let mut admin = organisation(&db, "MIM").await;
        invite(&db, &mut admin, "volunteer", "Vera").await;
        let mut phone = Browser::new(&db);
        phone
            .post(
                "/session",
                json!({ "username": "nobody", "password": PASSWORD }),
            )
            .await
            .is_problem(StatusCode::UNAUTHORIZED, "bad_credentials");
        let ok = phone
            .post(
                "/session",
                json!({ "username": "VERA", "password": PASSWORD }),
            )
            .await;
        assert_eq!(ok.status, StatusCode::OK, "usernames are case-insensitive");
        for _ in 0..5 {
            phone
                .post(
                    "/session",
                    json!({ "username": "vera", "password": "wrong password" }),
                )
                .await
                .is_problem(StatusCode::UNAUTHORIZED, "bad_credentials");
        }
        let blocked = phone
            .post(
                "/session",
                json!({ "username": "vera", "password": PASSWORD }),
            )
            .await;
        blocked.is_problem(StatusCode::TOO_MANY_REQUESTS, "too_many_attempts");
        assert!(blocked.headers.contains_key(header::RETRY_AFTER));
    })
    .await;
}

#[tokio::test]
async fn changes_need_the_csrf_token_and_signing_out_everywhere_ends_every_session() {
    common::with_engines(|db| async move {
        let mut admin = organisation(&db, "MIM").await;
        let mut vera_phone = invite(&db, &mut admin, "volunteer", "Vera").await;
        let mut vera_laptop = Browser::new(&db);
        vera_laptop
            .post(
                "/session",
                json!({ "username": "vera", "password": PASSWORD }),
            )
            .await;
        let mut forged = vera_phone.clone();
        forged.csrf = None;
        forged
            .push(vec![])
            .await
            .is_problem(StatusCode::FORBIDDEN, "csrf");
        forged.csrf = Some("not the token".into());
        forged
            .push(vec![])
            .await
            .is_problem(StatusCode::FORBIDDEN, "csrf");
        assert_eq!(vera_phone.push(vec![]).await.status, StatusCode::OK);
        let out = vera_phone.delete("/session?everywhere=true").await;
        assert_eq!(out.status, StatusCode::NO_CONTENT);
        vera_laptop
            .get("/session")
            .await
            .is_problem(StatusCode::UNAUTHORIZED, "not_signed_in");
        vera_laptop
            .get("/sync/pull")
            .await
            .is_problem(StatusCode::UNAUTHORIZED, "not_signed_in");
    })
    .await;
}

#[tokio::test]
async fn a_reset_ends_her_sessions_and_sets_a_new_password() {
    common::with_engines(|db| async move {
        let mut admin = organisation(&db, "MIM").await;
        let mut vera = invite(&db, &mut admin, "volunteer", "Vera").await;
        let people = admin.get("/people").await;
        let vera_id = people
            .json
            .as_array()
            .unwrap()
            .iter()
            .find(|p| p["username"] == "vera")
            .unwrap()["id"]
            .as_str()
            .unwrap()
            .to_string();
        let mut other_org = organisation(&db, "Elsewhere").await;
        other_org
            .post(&format!("/people/{vera_id}/reset"), json!({}))
            .await
            .is_problem(StatusCode::NOT_FOUND, "not_found");
        let link = admin
            .post(&format!("/people/{vera_id}/reset"), json!({}))
            .await;
        assert_eq!(link.status, StatusCode::OK, "{}", link.json);
        vera.get("/session")
            .await
            .is_problem(StatusCode::UNAUTHORIZED, "not_signed_in");
        let code = link.json["code"].as_str().unwrap().to_string();
        let info = vera.get(&format!("/links/{code}")).await;
        assert_eq!(info.json["kind"], "reset");
        assert_eq!(info.json["username"], "vera");
        let set = vera
            .post(
                &format!("/links/{code}"),
                json!({ "password": "a brand new password" }),
            )
            .await;
        assert_eq!(set.status, StatusCode::OK, "{}", set.json);
        let mut phone = Browser::new(&db);
        phone
            .post(
                "/session",
                json!({ "username": "vera", "password": PASSWORD }),
            )
            .await
            .is_problem(StatusCode::UNAUTHORIZED, "bad_credentials");
        let ok = phone
            .post(
                "/session",
                json!({ "username": "vera", "password": "a brand new password" }),
            )
            .await;
        assert_eq!(ok.status, StatusCode::OK);
    })
    .await;
}

#[tokio::test]
async fn each_volunteer_syncs_only_her_own_families_and_no_organisation_sees_another() {
    common::with_engines(|db| async move {
        let mut admin = organisation(&db, "MIM").await;
        let mut vera = invite(&db, &mut admin, "volunteer", "Vera").await;
        let mut wen = invite(&db, &mut admin, "volunteer", "Wen").await;
        let (amal, noor) = (FamilyId::new(), FamilyId::new());
        let amal_visit = visit(amal, "slept better");
        let pushed = vera
            .push(vec![
                family_mutation(amal, "Amal"),
                common::visit_mutation(&amal_visit),
            ])
            .await;
        assert_eq!(outcomes(&pushed), ["applied", "applied"]);
        assert_eq!(
            outcomes(&wen.push(vec![family_mutation(noor, "Noor")]).await),
            ["applied"]
        );
        assert_eq!(vera.pull_all().await.len(), 2);
        assert_eq!(wen.pull_all().await.len(), 1, "Wen sees only Noor");
        // Wen may not write into Vera's family, nor edit it.
        let hostile = wen
            .push(vec![
                common::visit_mutation(&visit(amal, "not mine")),
                family_mutation(amal, "Renamed"),
            ])
            .await;
        assert_eq!(
            outcomes(&hostile),
            ["rejected:forbidden", "rejected:forbidden"]
        );
        assert_eq!(hostile.json["results"][0]["problem"]["status"], 403);
        // The coordinator's own device gets none of it (she reads notes from the server),
        // and she sees the visit with names.
        assert!(admin.pull_all().await.is_empty());
        let list = admin.get("/visits").await;
        assert_eq!(list.json["visits"].as_array().unwrap().len(), 1);
        assert_eq!(list.json["visits"][0]["family"], "Amal");
        assert_eq!(list.json["visits"][0]["volunteer"], "Vera");
        assert_eq!(list.json["next"], serde_json::Value::Null);
        let one = admin.get(&format!("/visits/{}", amal_visit.id)).await;
        assert_eq!(one.json["visit"]["note"], "slept better");
        // Another organisation sees nothing of it.
        let mut stranger = organisation(&db, "Elsewhere").await;
        assert!(stranger.pull_all().await.is_empty());
        assert!(stranger.get("/visits").await.json["visits"]
            .as_array()
            .unwrap()
            .is_empty());
        stranger
            .get(&format!("/visits/{}", amal_visit.id))
            .await
            .is_problem(StatusCode::NOT_FOUND, "not_found");
        // Who read the visit is on record.
        let audit = server::audit::of_record(
            &db,
            &org_of(&db, "vera").await,
            "visit",
            &amal_visit.id.to_string(),
        )
        .await
        .unwrap();
        let actions: Vec<&str> = audit.iter().map(|(_, a)| a.as_str()).collect();
        assert_eq!(actions, ["write", "list", "read"]);
    })
    .await;
}

#[tokio::test]
async fn a_retried_push_changes_nothing_twice() {
    common::with_engines(|db| async move {
        let mut admin = organisation(&db, "MIM").await;
        let mut vera = invite(&db, &mut admin, "volunteer", "Vera").await;
        let amal = FamilyId::new();
        let batch = vec![
            family_mutation(amal, "Amal"),
            common::visit_mutation(&visit(amal, "one")),
        ];
        assert_eq!(
            outcomes(&vera.push(batch.clone()).await),
            ["applied", "applied"]
        );
        let retry = vera.push(batch).await;
        assert_eq!(outcomes(&retry), ["duplicate", "duplicate"]);
        assert_eq!(retry.json["results"][1]["version"], 1);
        assert_eq!(vera.pull_all().await.len(), 2);
    })
    .await;
}

#[tokio::test]
async fn a_mixed_batch_applies_the_good_and_names_what_is_wrong_with_the_bad() {
    common::with_engines(|db| async move {
        let mut admin = organisation(&db, "MIM").await;
        let mut vera = invite(&db, &mut admin, "volunteer", "Vera").await;
        let amal = FamilyId::new();
        let mut unknown_enum = common::visit_mutation(&visit(amal, "x"));
        unknown_enum["change"]["visit"]["kind"] = json!("teleport");
        let mut wrong_type = common::visit_mutation(&visit(amal, "x"));
        wrong_type["change"]["visit"]["duration_min"] = json!("an hour");
        let mut absurd_date = common::visit_mutation(&visit(amal, "x"));
        absurd_date["change"]["visit"]["date"] = json!("1850-01-01");
        let mut impossible_date = common::visit_mutation(&visit(amal, "x"));
        impossible_date["change"]["visit"]["date"] = json!("2026-02-30");
        let too_long =
            common::visit_mutation(&visit(amal, &"x".repeat(app::domain::limits::NOTE_MAX + 1)));
        let orphan = common::visit_mutation(&visit(FamilyId::new(), "no such family"));
        let good_visit = visit(amal, "good");
        let answer = vera
            .push(vec![
                family_mutation(amal, "Amal"),
                unknown_enum,
                wrong_type,
                absurd_date,
                impossible_date,
                too_long,
                orphan,
                json!("not a mutation"),
                common::visit_mutation(&good_visit.clone()),
            ])
            .await;
        assert_eq!(answer.status, StatusCode::OK);
        assert_eq!(
            outcomes(&answer),
            [
                "applied",
                "rejected:invalid",
                "rejected:invalid",
                "rejected:invalid",
                "rejected:invalid",
                "rejected:invalid",
                "rejected:unknown_family",
                "rejected:invalid",
                "applied"
            ]
        );
        let reasons = &answer.json["results"];
        assert!(reasons[1]["problem"]["errors"][0]["code"]
            .as_str()
            .unwrap()
            .contains("teleport"));
        assert_eq!(reasons[3]["problem"]["errors"][0]["field"], "visit.date");
        assert_eq!(reasons[5]["problem"]["errors"][0]["code"], "too_long");
        // Nothing half-written: only the two good records exist.
        let stored = vera.pull_all().await;
        assert_eq!(stored.len(), 2);
        assert!(stored.contains(&Change::Visit(good_visit)));
    })
    .await;
}

#[tokio::test]
async fn malformed_oversized_and_misdirected_requests_get_precise_problems() {
    common::with_engines(|db| async move {
        let mut admin = organisation(&db, "MIM").await;
        let mut vera = invite(&db, &mut admin, "volunteer", "Vera").await;
        let json_type = Some("application/json");
        vera.raw(
            Method::POST,
            "/sync/push",
            Some("{\"device_id\": ".into()),
            json_type,
        )
        .await
        .is_problem(StatusCode::BAD_REQUEST, "bad_json");
        vera.raw(Method::POST, "/sync/push", Some("{}".into()), None)
            .await
            .is_problem(StatusCode::UNSUPPORTED_MEDIA_TYPE, "unsupported_media_type");
        vera.post(
            "/sync/push",
            json!({ "device_id": "not-a-uuid", "mutations": "many" }),
        )
        .await
        .is_problem(StatusCode::UNPROCESSABLE_ENTITY, "invalid");
        let huge = "x".repeat(app::api::PUSH_MAX_BYTES + 1);
        vera.raw(
            Method::POST,
            "/sync/push",
            Some(huge.into_bytes()),
            json_type,
        )
        .await
        .is_problem(StatusCode::PAYLOAD_TOO_LARGE, "too_large");
        vera.raw(
            Method::POST,
            "/session",
            Some("x".repeat(app::api::BODY_MAX_BYTES + 1).into_bytes()),
            json_type,
        )
        .await
        .is_problem(StatusCode::PAYLOAD_TOO_LARGE, "too_large");
        let many = (0..=app::api::PUSH_MAX_MUTATIONS)
            .map(|_| json!({}))
            .collect();
        vera.push(many)
            .await
            .is_problem(StatusCode::PAYLOAD_TOO_LARGE, "too_many_mutations");
        vera.get("/sync/pull?after=-1")
            .await
            .is_problem(StatusCode::BAD_REQUEST, "bad_query");
        vera.get("/sync/pull?limit=5000")
            .await
            .is_problem(StatusCode::BAD_REQUEST, "bad_query");
        vera.get("/sync/pull?after=abc")
            .await
            .is_problem(StatusCode::BAD_REQUEST, "bad_query");
        vera.get("/no/such/route")
            .await
            .is_problem(StatusCode::NOT_FOUND, "not_found");
        vera.raw(Method::PUT, "/sync/push", None, None)
            .await
            .is_problem(StatusCode::METHOD_NOT_ALLOWED, "method_not_allowed");
        assert!(vera.pull_all().await.is_empty(), "nothing was written");
    })
    .await;
}

#[tokio::test]
async fn the_openapi_document_describes_every_route() {
    let doc: Value = serde_json::from_str(server::api::document::DOCUMENT.as_str()).unwrap();
    let paths: Vec<&str> = doc["paths"]
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    for route in [
        "/session",
        "/links/{code}",
        "/invites",
        "/people",
        "/people/{id}/reset",
        "/sync/push",
        "/sync/pull",
        "/visits",
        "/visits/{id}",
        "/visits/{id}/review",
        "/inbox",
        "/catalogue",
        "/catalogue/prompts/{id}",
        "/catalogue/stories/{id}",
        "/pictures",
        "/pictures/{id}",
        "/session/password",
        "/people/{id}/deactivate",
        "/people/{id}/reactivate",
    ] {
        assert!(paths.contains(&route), "{route} missing from openapi.json");
    }
    common::with_engines(|db| async move {
        let served = Browser::new(&db).get("/openapi.json").await;
        assert_eq!(served.json["openapi"], "3.1.0");
    })
    .await;
}

#[tokio::test]
async fn people_joining_at_the_same_moment_all_get_in() {
    common::with_engines(|db| async move {
        let mut admin = organisation(&db, "MIM").await;
        let mut codes = Vec::new();
        for _ in 0..8 {
            let link = admin.post("/invites", json!({ "role": "volunteer" })).await;
            codes.push(link.json["code"].as_str().unwrap().to_string());
        }
        let mut joining = tokio::task::JoinSet::new();
        for (i, code) in codes.into_iter().enumerate() {
            let mut person = Browser::new(&db);
            joining.spawn(async move {
                person
                    .post(
                        &format!("/links/{code}"),
                        json!({ "display_name": format!("V{i}"), "username": format!("volunteer{i}"), "password": PASSWORD }),
                    )
                    .await
                    .status
            });
        }
        while let Some(status) = joining.join_next().await {
            assert_eq!(status.unwrap(), StatusCode::OK);
        }
        assert_eq!(admin.get("/people").await.json.as_array().unwrap().len(), 9);
    })
    .await;
}

#[tokio::test]
async fn the_app_and_the_server_name_their_api_versions() {
    common::with_engines(|db| async move {
        let mut admin = organisation(&db, "MIM Versions").await;
        let mut vera = invite(&db, &mut admin, "volunteer", "Vera").await;
        let family = FamilyId::new();
        // An app from before the handshake gets every record echoed, as it expects.
        let old = vera.push(vec![family_mutation(family, "Amal")]).await;
        assert_eq!(old.headers[app::api::API_VERSION_HEADER], "2");
        assert_eq!(
            old.json["results"][0]["record"]["family"]["pseudonym"],
            "Amal"
        );
        // This app's version: a record stored as sent is not echoed.
        vera.api = Some("2");
        let slim = vera
            .push(vec![common::visit_mutation(&visit(family, "slept"))])
            .await;
        assert_eq!(outcomes(&slim), ["applied"]);
        assert!(slim.json["results"][0]["record"].is_null(), "{}", slim.json);
        assert_eq!(slim.json["results"][0]["version"], 1);
        // An app older than the server serves is told to update, on every route.
        vera.api = Some("0");
        vera.get("/sync/pull?after=0")
            .await
            .is_problem(StatusCode::UPGRADE_REQUIRED, "update_needed");
        vera.push(vec![])
            .await
            .is_problem(StatusCode::UPGRADE_REQUIRED, "update_needed");
    })
    .await;
}
