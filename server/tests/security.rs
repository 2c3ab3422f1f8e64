//! The holes an outside security test found, each closed and tested on SQLite and on
//! PostgreSQL: a reset stops the old password at once and revokes older reset links;
//! accounts can be switched off (and their waiting changes still come in); the sign-in
//! limit holds under a simultaneous burst; a reused mutation id is a 4xx for that
//! mutation only; invite links cannot be used to list usernames; and the audit log names
//! every record a coordinator saw and every account event.

mod common;

use app::domain::{FamilyId, MutationId};
use app::store::{Change, Mutation};
use axum::http::StatusCode;
use common::browser::{invite, organisation, outcomes, Browser, PASSWORD};
use common::{family_mutation, org_of};
use serde_json::json;
use server::db::Db;

async fn id_of(admin: &mut Browser, username: &str) -> String {
    let people = admin.get("/people").await;
    people
        .json
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["username"] == username)
        .unwrap_or_else(|| panic!("{username} in {}", people.json))["id"]
        .as_str()
        .unwrap()
        .to_string()
}

async fn sign_in(db: &Db, username: &str, password: &str) -> (common::browser::Answer, Browser) {
    let mut browser = Browser::new(db);
    let answer = browser
        .post(
            "/session",
            json!({ "username": username, "password": password }),
        )
        .await;
    (answer, browser)
}

/// `(action, entity, record_id)` of every audit entry of `org`, oldest first.
async fn audit_entries(db: &Db, org: &str) -> Vec<(String, String, String)> {
    use sqlx::Row;
    sqlx::query("SELECT action, entity, record_id FROM audit_log WHERE org_id = $1 ORDER BY id")
        .bind(org)
        .fetch_all(&db.pool)
        .await
        .unwrap()
        .iter()
        .map(|r| (r.get(0), r.get(1), r.get(2)))
        .collect()
}

#[tokio::test]
async fn a_reset_stops_the_old_password_at_once_and_a_newer_link_revokes_the_older() {
    common::with_engines(|db| async move {
        let mut admin = organisation(&db, "MIM").await;
        let _vera = invite(&db, &mut admin, "volunteer", "Vera").await;
        let vera_id = id_of(&mut admin, "vera").await;
        let first = admin
            .post(&format!("/people/{vera_id}/reset"), json!({}))
            .await;
        assert_eq!(first.status, StatusCode::OK, "{}", first.json);
        // Before any link is used, the old password no longer signs in.
        let (old, _) = sign_in(&db, "vera", PASSWORD).await;
        old.is_problem(StatusCode::UNAUTHORIZED, "bad_credentials");
        // A second reset revokes the first link: a leaked old link cannot overwrite the
        // password she chooses with the new one.
        let second = admin
            .post(&format!("/people/{vera_id}/reset"), json!({}))
            .await;
        let (first_code, second_code) = (
            first.json["code"].as_str().unwrap().to_string(),
            second.json["code"].as_str().unwrap().to_string(),
        );
        let mut anyone = Browser::new(&db);
        anyone
            .get(&format!("/links/{first_code}"))
            .await
            .is_problem(StatusCode::GONE, "link_invalid");
        anyone
            .post(
                &format!("/links/{first_code}"),
                json!({ "password": "the attacker's choice" }),
            )
            .await
            .is_problem(StatusCode::GONE, "link_invalid");
        let set = anyone
            .post(
                &format!("/links/{second_code}"),
                json!({ "password": "her very own new password" }),
            )
            .await;
        assert_eq!(set.status, StatusCode::OK, "{}", set.json);
        let (ok, _) = sign_in(&db, "vera", "her very own new password").await;
        assert_eq!(ok.status, StatusCode::OK);
        // The coordinator's part in it is on record.
        let org = org_of(&db, "vera").await;
        let resets = audit_entries(&db, &org)
            .await
            .into_iter()
            .filter(|(action, _, id)| action == "reset" && *id == vera_id)
            .count();
        assert_eq!(resets, 2);
    })
    .await;
}

#[tokio::test]
async fn a_switched_off_account_cannot_sign_in_or_pull_but_what_waited_on_her_phone_comes_in() {
    common::with_engines(|db| async move {
        let mut admin = organisation(&db, "MIM").await;
        let mut coby = invite(&db, &mut admin, "coordinator", "Coby").await;
        let mut vera = invite(&db, &mut coby, "volunteer", "Vera").await;
        let vera_id = id_of(&mut coby, "vera").await;
        let coby_id = id_of(&mut admin, "coby").await;
        let mut volunteer = invite(&db, &mut coby, "volunteer", "Wen").await;
        // Who may switch whom off.
        volunteer
            .post(&format!("/people/{vera_id}/deactivate"), json!({}))
            .await
            .is_problem(StatusCode::FORBIDDEN, "forbidden");
        let admin_name = admin.get("/session").await.json["username"].clone();
        let admin_id = id_of(&mut coby, admin_name.as_str().unwrap()).await;
        coby.post(&format!("/people/{admin_id}/deactivate"), json!({}))
            .await
            .is_problem(StatusCode::FORBIDDEN, "forbidden");
        coby.post(&format!("/people/{coby_id}/deactivate"), json!({}))
            .await
            .is_problem(StatusCode::FORBIDDEN, "forbidden");

        let off = coby
            .post(&format!("/people/{vera_id}/deactivate"), json!({}))
            .await;
        assert_eq!(off.status, StatusCode::OK, "{}", off.json);
        assert_eq!(off.json["active"], false);
        let listed = coby.get("/people").await;
        let vera_listed = listed
            .json
            .as_array()
            .unwrap()
            .iter()
            .find(|p| p["username"] == "vera")
            .unwrap()
            .clone();
        assert_eq!(vera_listed["active"], false);

        // Her phone's waiting change still comes in; everything else is refused.
        let family = FamilyId::new();
        let pushed = vera.push(vec![family_mutation(family, "Amal")]).await;
        assert_eq!(outcomes(&pushed), ["applied"]);
        vera.get("/sync/pull?after=0")
            .await
            .is_problem(StatusCode::FORBIDDEN, "account_deactivated");
        vera.get("/session")
            .await
            .is_problem(StatusCode::FORBIDDEN, "account_deactivated");
        // Signing in: refused with the right password, a plain failure with a wrong one.
        let (right, _) = sign_in(&db, "vera", PASSWORD).await;
        right.is_problem(StatusCode::FORBIDDEN, "account_deactivated");
        let (wrong, _) = sign_in(&db, "vera", "not her password").await;
        wrong.is_problem(StatusCode::UNAUTHORIZED, "bad_credentials");
        // The coordinator still sees what she wrote.
        assert_eq!(coby.get("/visits").await.status, StatusCode::OK);

        // Switched on again: she signs in anew; the old session stays closed.
        let on = coby
            .post(&format!("/people/{vera_id}/reactivate"), json!({}))
            .await;
        assert_eq!(on.json["active"], true);
        vera.get("/session")
            .await
            .is_problem(StatusCode::UNAUTHORIZED, "not_signed_in");
        let (back, mut phone) = sign_in(&db, "vera", PASSWORD).await;
        assert_eq!(back.status, StatusCode::OK, "{}", back.json);
        assert_eq!(phone.pull_all().await.len(), 1, "her family is still hers");
        // Switching on an account that is on (a second click, a stale screen) does not
        // sign her out (found by the fuzzer).
        let again = coby
            .post(&format!("/people/{vera_id}/reactivate"), json!({}))
            .await;
        assert_eq!(again.json["active"], true);
        assert_eq!(phone.get("/session").await.status, StatusCode::OK);

        let org = org_of(&db, "vera").await;
        let actions: Vec<String> = audit_entries(&db, &org)
            .await
            .into_iter()
            .filter(|(_, entity, id)| entity == "person" && *id == vera_id)
            .map(|(action, _, _)| action)
            .collect();
        for expected in [
            "redeem",
            "deactivate",
            "sign_in_refused",
            "sign_in_failed",
            "reactivate",
            "sign_in",
        ] {
            assert!(
                actions.iter().any(|a| a == expected),
                "{expected} in {actions:?}"
            );
        }
    })
    .await;
}

#[tokio::test]
async fn thirty_simultaneous_wrong_passwords_are_checked_at_most_five_times() {
    common::with_engines(|db| async move {
        let mut admin = organisation(&db, "MIM").await;
        let _vera = invite(&db, &mut admin, "volunteer", "Vera").await;
        let burst = (0..30).map(|i| {
            let db = db.clone();
            async move { sign_in(&db, "vera", &format!("wrong password {i}")).await.0 }
        });
        let answers = futures_join_all(burst).await;
        let checked = answers
            .iter()
            .filter(|a| a.status == StatusCode::UNAUTHORIZED)
            .count();
        let refused = answers
            .iter()
            .filter(|a| a.status == StatusCode::TOO_MANY_REQUESTS)
            .count();
        assert!(checked <= 5, "{checked} passwords were checked");
        assert_eq!(checked + refused, 30);
        for answer in answers
            .iter()
            .filter(|a| a.status == StatusCode::TOO_MANY_REQUESTS)
        {
            answer.is_problem(StatusCode::TOO_MANY_REQUESTS, "too_many_attempts");
        }
        // Refused attempts do not extend the lock: five wrong ones were counted, no more.
        let org = org_of(&db, "vera").await;
        let failures = audit_entries(&db, &org)
            .await
            .into_iter()
            .filter(|(action, _, _)| action == "sign_in_failed")
            .count();
        assert_eq!(failures, checked);
    })
    .await;
}

/// Runs futures at once (a tiny `join_all`, so the tests need no extra crate).
async fn futures_join_all<F>(futures: impl Iterator<Item = F>) -> Vec<F::Output>
where
    F: std::future::Future + Send + 'static,
    F::Output: Send + 'static,
{
    let handles: Vec<_> = futures.map(tokio::spawn).collect();
    let mut out = Vec::with_capacity(handles.len());
    for handle in handles {
        out.push(handle.await.unwrap());
    }
    out
}

#[tokio::test]
async fn a_mutation_id_reused_for_another_record_is_refused_alone() {
    common::with_engines(|db| async move {
        let mut admin = organisation(&db, "MIM").await;
        let mut vera = invite(&db, &mut admin, "volunteer", "Vera").await;
        let reused = MutationId::new();
        let first = vera
            .push(vec![common::family_mutation_with_id(
                reused,
                FamilyId::new(),
                "Amal",
            )])
            .await;
        assert_eq!(outcomes(&first), ["applied"]);
        let batch = vera
            .push(vec![
                common::family_mutation_with_id(reused, FamilyId::new(), "Noor"),
                family_mutation(FamilyId::new(), "Sara"),
            ])
            .await;
        assert_eq!(batch.status, StatusCode::OK, "{}", batch.json);
        assert_eq!(outcomes(&batch), ["rejected:mutation_id_taken", "applied"]);
        assert_eq!(batch.json["results"][0]["problem"]["status"], 409);
        // The same mutation sent again is still a harmless duplicate.
        let retry = vera
            .push(vec![common::family_mutation_with_id(
                reused,
                FamilyId::new(),
                "Amal",
            )])
            .await;
        assert_eq!(outcomes(&retry), ["rejected:mutation_id_taken"]);
        let org = org_of(&db, "vera").await;
        let refused = audit_entries(&db, &org)
            .await
            .into_iter()
            .filter(|(action, entity, id)| {
                action == "refused" && entity == "mutation_id_taken" && *id == reused.to_string()
            })
            .count();
        assert_eq!(refused, 2, "each refusal is on record with its reason");
    })
    .await;
}

#[tokio::test]
async fn an_invite_link_cannot_be_used_to_list_usernames() {
    common::with_engines(|db| async move {
        let mut admin = organisation(&db, "MIM").await;
        let _vera = invite(&db, &mut admin, "volunteer", "Vera").await;
        let mut other = organisation(&db, "Elsewhere").await;
        let link = other.post("/invites", json!({ "role": "volunteer" })).await;
        let code = link.json["code"].as_str().unwrap().to_string();
        let mut prober = Browser::new(&db);
        for _ in 0..server::auth::links::MAX_TAKEN_ATTEMPTS {
            prober
                .post(
                    &format!("/links/{code}"),
                    json!({ "display_name": "X", "username": "vera", "password": PASSWORD }),
                )
                .await
                .is_problem(StatusCode::CONFLICT, "username_taken");
        }
        // After that the link is spent, whatever is tried.
        prober
            .post(
                &format!("/links/{code}"),
                json!({ "display_name": "X", "username": "someone-new", "password": PASSWORD }),
            )
            .await
            .is_problem(StatusCode::GONE, "link_invalid");
    })
    .await;
}

#[tokio::test]
async fn the_audit_log_names_every_note_a_coordinator_saw_and_her_device_keeps_none() {
    common::with_engines(|db| async move {
        let mut admin = organisation(&db, "MIM").await;
        let mut vera = invite(&db, &mut admin, "volunteer", "Vera").await;
        let (amal, noor) = (FamilyId::new(), FamilyId::new());
        let mut visits = Vec::new();
        let mut mutations = vec![family_mutation(amal, "Amal"), family_mutation(noor, "Noor")];
        for (family, note) in [(amal, "one"), (amal, "two"), (noor, "three")] {
            let mut visit = common::visit(family, note);
            visit.signal = None;
            visits.push(visit.id.to_string());
            mutations.push(
                serde_json::to_value(Mutation {
                    id: MutationId::new(),
                    at_ms: app::domain::clock::now_ms(),
                    change: Change::Visit(visit),
                })
                .unwrap(),
            );
        }
        assert_eq!(outcomes(&vera.push(mutations).await), ["applied"; 5]);
        let list = admin.get("/visits").await;
        assert_eq!(list.json["visits"].as_array().unwrap().len(), 3);
        let org = org_of(&db, "vera").await;
        let entries = audit_entries(&db, &org).await;
        let listed = |entity: &str| -> Vec<String> {
            let mut ids: Vec<String> = entries
                .iter()
                .filter(|(action, e, _)| action == "list" && e == entity)
                .map(|(_, _, id)| id.clone())
                .collect();
            ids.sort();
            ids
        };
        visits.sort();
        assert_eq!(
            listed("visit"),
            visits,
            "every visit the list returned, by id"
        );
        let mut families = vec![amal.to_string(), noor.to_string()];
        families.sort();
        assert_eq!(listed("family"), families);
        assert!(
            !entries.iter().any(|(_, _, id)| id == "*"),
            "no entry without a record"
        );
        // Signing in and the invite are on record too; her own pull brings none of it.
        assert!(entries.iter().any(|(action, _, _)| action == "invite"));
        assert!(entries.iter().any(|(action, _, _)| action == "redeem"));
        assert!(admin.pull_all().await.is_empty());
        let out = admin.delete("/session").await;
        assert_eq!(out.status, StatusCode::NO_CONTENT);
        assert!(audit_entries(&db, &org)
            .await
            .iter()
            .any(|(action, _, _)| action == "sign_out"));
    })
    .await;
}

#[tokio::test]
async fn passwords_are_long_and_not_common_and_she_changes_her_own() {
    common::with_engines(|db| async move {
        let mut admin = organisation(&db, "MIM").await;
        let link = admin.post("/invites", json!({ "role": "volunteer" })).await;
        let code = link.json["code"].as_str().unwrap().to_string();
        let mut newcomer = Browser::new(&db);
        for (password, problem) in [("elf tekens!", "too_short"), ("password1234", "too_common"), ("vera12345678", "too_common")] {
            let answer = newcomer
                .post(&format!("/links/{code}"), json!({ "display_name": "Vera", "username": "vera", "password": password }))
                .await;
            answer.is_problem(StatusCode::UNPROCESSABLE_ENTITY, "invalid");
            assert_eq!(answer.json["errors"][0]["field"], "password", "{password}");
            assert_eq!(answer.json["errors"][0]["code"], problem, "{password}");
        }
        let joined = newcomer
            .post(&format!("/links/{code}"), json!({ "display_name": "Vera", "username": "vera", "password": PASSWORD }))
            .await;
        assert_eq!(joined.status, StatusCode::OK, "{}", joined.json);
        let (_, mut laptop) = sign_in(&db, "vera", PASSWORD).await;

        // Changing it takes her current password and a good new one.
        let wrong = newcomer
            .post("/session/password", json!({ "current_password": "not it at all", "new_password": "a fresh long sentence of hers" }))
            .await;
        wrong.is_problem(StatusCode::UNPROCESSABLE_ENTITY, "invalid");
        assert_eq!(wrong.json["errors"][0]["field"], "current_password");
        let weak = newcomer
            .post("/session/password", json!({ "current_password": PASSWORD, "new_password": "qwertyuiop12" }))
            .await;
        assert_eq!(weak.json["errors"][0]["code"], "too_common", "{}", weak.json);
        let changed = newcomer
            .post("/session/password", json!({ "current_password": PASSWORD, "new_password": "a fresh long sentence of hers" }))
            .await;
        assert_eq!(changed.status, StatusCode::NO_CONTENT, "{}", changed.json);
        // This session stays, her other sessions end, the old password no longer works.
        assert_eq!(newcomer.get("/session").await.status, StatusCode::OK);
        laptop
            .get("/session")
            .await
            .is_problem(StatusCode::UNAUTHORIZED, "not_signed_in");
        let (old, _) = sign_in(&db, "vera", PASSWORD).await;
        old.is_problem(StatusCode::UNAUTHORIZED, "bad_credentials");
        let (new, _) = sign_in(&db, "vera", "a fresh long sentence of hers").await;
        assert_eq!(new.status, StatusCode::OK);
        let org = org_of(&db, "vera").await;
        assert!(audit_entries(&db, &org).await.iter().any(|(action, _, _)| action == "password_change"));
    })
    .await;
}

#[tokio::test]
async fn a_malformed_path_segment_gets_a_problem_document() {
    common::with_engines(|db| async move {
        let mut admin = organisation(&db, "MIM").await;
        admin
            .get("/visits/%FF%FE")
            .await
            .is_problem(StatusCode::BAD_REQUEST, "bad_path");
    })
    .await;
}

/// A request to a router with secure cookies (the production default).
async fn secure_request(
    db: &Db,
    request: axum::http::Request<axum::body::Body>,
) -> axum::response::Response {
    use tower::ServiceExt;
    let options = leptos::prelude::LeptosOptions::builder()
        .output_name("naast")
        .site_root(std::env::temp_dir().to_string_lossy().to_string())
        .site_pkg_dir("pkg")
        .build();
    let api = server::api::ApiState {
        db: db.clone(),
        secure_cookies: true,
    };
    server::router(server::Site::for_tests(options), api)
        .oneshot(request)
        .await
        .unwrap()
}

#[tokio::test]
async fn by_default_the_session_cookie_is_secure_host_only_and_https_is_required() {
    common::with_engines(|db| async move {
        let mut admin = organisation(&db, "MIM").await;
        let _vera = invite(&db, &mut admin, "volunteer", "Vera").await;
        let login = axum::http::Request::post("/api/v1/session")
            .header("content-type", "application/json")
            .body(axum::body::Body::from(
                json!({ "username": "vera", "password": PASSWORD }).to_string(),
            ))
            .unwrap();
        let answer = secure_request(&db, login).await;
        assert_eq!(answer.status(), StatusCode::OK);
        let cookie = answer.headers()["set-cookie"].to_str().unwrap().to_string();
        assert!(cookie.starts_with("__Host-naast_session="), "{cookie}");
        for part in ["; Secure", "; HttpOnly", "; SameSite=Strict", "; Path=/"] {
            assert!(cookie.contains(part), "{part} in {cookie}");
        }
        assert!(!cookie.contains("Domain"), "{cookie}");
        assert_eq!(
            answer.headers()["strict-transport-security"],
            "max-age=31536000"
        );
        // Without the dev switch the plain name is not accepted.
        let token = cookie
            .split(';')
            .next()
            .unwrap()
            .split_once('=')
            .unwrap()
            .1
            .to_string();
        let plain = axum::http::Request::get("/api/v1/session")
            .header("cookie", format!("naast_session={token}"))
            .body(axum::body::Body::empty())
            .unwrap();
        assert_eq!(
            secure_request(&db, plain).await.status(),
            StatusCode::UNAUTHORIZED
        );
        let host = axum::http::Request::get("/api/v1/session")
            .header("cookie", format!("__Host-naast_session={token}"))
            .body(axum::body::Body::empty())
            .unwrap();
        assert_eq!(secure_request(&db, host).await.status(), StatusCode::OK);
        // The local-development switch sends no HSTS.
        let dev = admin.get("/session").await;
        assert!(!dev.headers.contains_key("strict-transport-security"));
    })
    .await;
}

#[tokio::test]
async fn a_coordinators_session_ends_after_eight_idle_hours_a_volunteers_does_not() {
    common::with_engines(|db| async move {
        let mut admin = organisation(&db, "MIM").await;
        let mut vera = invite(&db, &mut admin, "volunteer", "Vera").await;
        let nine_hours_ago = app::domain::clock::now_ms() - 9 * 3_600_000;
        sqlx::query("UPDATE sessions SET last_seen_ms = $1")
            .bind(nine_hours_ago)
            .execute(&db.pool)
            .await
            .unwrap();
        admin
            .get("/session")
            .await
            .is_problem(StatusCode::UNAUTHORIZED, "not_signed_in");
        assert_eq!(
            vera.get("/session").await.status,
            StatusCode::OK,
            "her phone keeps syncing"
        );
    })
    .await;
}
