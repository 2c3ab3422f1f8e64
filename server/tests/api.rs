//! The HTTP API end to end in-process, on real SQLite and real PostgreSQL: accounts
//! (setup, invites, roles, sign-in limits, CSRF, resets, signing out everywhere), sync
//! with per-volunteer scope, the coordinator's review with its audit trail, and the bad
//! inputs of every kind, each answered with a precise 4xx problem document.

mod common;

use app::domain::{FamilyId, MutationId, Signal, Urgency, Visit, VisitId, VisitKind};
use app::store::{Change, Mutation};
use axum::body::Body;
use axum::http::{header, Method, Request, StatusCode};
use axum::Router;
use http_body_util::BodyExt;
use leptos::prelude::LeptosOptions;
use serde_json::{json, Value};
use server::api::ApiState;
use server::auth::links;
use server::db::Db;
use server::Site;
use tower::ServiceExt;

/// A browser of one person: keeps her session cookie and CSRF token.
#[derive(Clone)]
struct Browser {
    app: Router,
    cookie: Option<String>,
    csrf: Option<String>,
}

struct Answer {
    status: StatusCode,
    headers: axum::http::HeaderMap,
    json: Value,
}

impl Answer {
    fn code(&self) -> &str {
        self.json["code"].as_str().unwrap_or_default()
    }

    fn is_problem(&self, status: StatusCode, code: &str) {
        assert_eq!(self.status, status, "{}", self.json);
        assert_eq!(self.code(), code, "{}", self.json);
        assert_eq!(
            self.headers[header::CONTENT_TYPE],
            "application/problem+json",
            "{}",
            self.json
        );
        assert!(!self.json["detail"].as_str().unwrap_or_default().is_empty());
    }
}

fn app(db: Db) -> Router {
    let options = LeptosOptions::builder()
        .output_name("naast")
        .site_root(std::env::temp_dir().to_string_lossy().to_string())
        .site_pkg_dir("pkg")
        .build();
    server::router(
        Site::for_tests(options),
        ApiState {
            db,
            secure_cookies: false,
        },
    )
}

impl Browser {
    fn new(db: &Db) -> Browser {
        Browser {
            app: app(db.clone()),
            cookie: None,
            csrf: None,
        }
    }

    async fn raw(
        &mut self,
        method: Method,
        uri: &str,
        body: Option<String>,
        content_type: Option<&str>,
    ) -> Answer {
        let mut request = Request::builder()
            .method(method)
            .uri(format!("/api/v1{uri}"));
        if let Some(cookie) = &self.cookie {
            request = request.header(header::COOKIE, cookie);
        }
        if let Some(csrf) = &self.csrf {
            request = request.header(app::api::CSRF_HEADER, csrf);
        }
        if let Some(content_type) = content_type {
            request = request.header(header::CONTENT_TYPE, content_type);
        }
        let response = self
            .app
            .clone()
            .oneshot(
                request
                    .body(body.map(Body::from).unwrap_or_default())
                    .unwrap(),
            )
            .await
            .unwrap();
        let status = response.status();
        let headers = response.headers().clone();
        if let Some(set) = headers.get(header::SET_COOKIE) {
            let set = set.to_str().unwrap();
            assert!(
                set.contains("HttpOnly") && set.contains("SameSite=Strict"),
                "{set}"
            );
            let pair = set.split(';').next().unwrap().to_string();
            self.cookie = (!pair.ends_with('=')).then_some(pair);
        }
        let bytes = response.into_body().collect().await.unwrap().to_bytes();
        let json = serde_json::from_slice(&bytes).unwrap_or(Value::Null);
        if let Some(csrf) = json.get("csrf").and_then(Value::as_str) {
            self.csrf = Some(csrf.into());
        }
        Answer {
            status,
            headers,
            json,
        }
    }

    async fn get(&mut self, uri: &str) -> Answer {
        self.raw(Method::GET, uri, None, None).await
    }

    async fn post(&mut self, uri: &str, body: Value) -> Answer {
        self.raw(
            Method::POST,
            uri,
            Some(body.to_string()),
            Some("application/json"),
        )
        .await
    }

    async fn delete(&mut self, uri: &str) -> Answer {
        self.raw(Method::DELETE, uri, None, None).await
    }

    async fn push(&mut self, mutations: Vec<Value>) -> Answer {
        self.post(
            "/sync/push",
            json!({ "device_id": uuid::Uuid::new_v4(), "mutations": mutations }),
        )
        .await
    }

    async fn pull_all(&mut self) -> Vec<Change> {
        let answer = self.get("/sync/pull?after=0&limit=1000").await;
        assert_eq!(answer.status, StatusCode::OK, "{}", answer.json);
        answer.json["changes"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| serde_json::from_value(c["change"].clone()).unwrap())
            .collect()
    }
}

const PASSWORD: &str = "a long enough password";

/// A new organisation with its admin signed in.
async fn organisation(db: &Db, name: &str) -> Browser {
    let link = links::create_setup(db).await.unwrap();
    let mut admin = Browser::new(db);
    let info = admin.get(&format!("/links/{}", link.code)).await;
    assert_eq!(info.json["kind"], "setup");
    let username = format!("admin-{}", &uuid::Uuid::new_v4().simple().to_string()[..8]);
    let answer = admin
        .post(
            &format!("/links/{}", link.code),
            json!({ "organisation": name, "display_name": "Coordinator", "username": username, "password": PASSWORD }),
        )
        .await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.json);
    assert_eq!(answer.json["role"], "admin");
    admin
}

/// Invites someone with `role` into the admin's organisation; returns her browser.
async fn invite(db: &Db, admin: &mut Browser, role: &str, name: &str) -> Browser {
    let link = admin.post("/invites", json!({ "role": role })).await;
    assert_eq!(link.status, StatusCode::OK, "{}", link.json);
    let code = link.json["code"].as_str().unwrap().to_string();
    let mut person = Browser::new(db);
    let answer = person
        .post(
            &format!("/links/{code}"),
            json!({ "display_name": name, "username": name.to_lowercase(), "password": PASSWORD }),
        )
        .await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.json);
    person
}

fn family_mutation(id: FamilyId, name: &str) -> Value {
    serde_json::to_value(Mutation {
        id: MutationId::new(),
        at_ms: 1,
        change: Change::Family(common::family(id, name)),
    })
    .unwrap()
}

fn visit(family: FamilyId, note: &str) -> Visit {
    Visit {
        id: VisitId::new(),
        family_id: family,
        date: chrono::Utc::now().date_naive(),
        kind: VisitKind::Home,
        duration_min: Some(60),
        topics: vec![app::domain::Topic::Sleep],
        support: vec![],
        own_question: String::new(),
        chosen_to_try: String::new(),
        agreements: String::new(),
        next_appointment: None,
        note: note.into(),
        signal: Some(Signal {
            urgency: Urgency::Soon,
            text: "tired".into(),
        }),
        prompts_used: vec![],
        updated_at_ms: 1,
        base_version: None,
        conflicts: vec![],
        deleted: false,
    }
}

fn visit_mutation(v: Visit) -> Value {
    serde_json::to_value(Mutation {
        id: MutationId::new(),
        at_ms: 1,
        change: Change::Visit(v),
    })
    .unwrap()
}

fn outcomes(answer: &Answer) -> Vec<String> {
    answer.json["results"]
        .as_array()
        .unwrap_or_else(|| panic!("{}", answer.json))
        .iter()
        .map(|r| match r["problem"]["code"].as_str() {
            Some(code) => format!("rejected:{code}"),
            None => r["outcome"].as_str().unwrap().to_string(),
        })
        .collect()
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
                visit_mutation(amal_visit.clone()),
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
                visit_mutation(visit(amal, "not mine")),
                family_mutation(amal, "Renamed"),
            ])
            .await;
        assert_eq!(
            outcomes(&hostile),
            ["rejected:forbidden", "rejected:forbidden"]
        );
        assert_eq!(hostile.json["results"][0]["problem"]["status"], 403);
        // The coordinator sees the whole organisation, and the visit with names.
        assert_eq!(admin.pull_all().await.len(), 3);
        let list = admin.get("/visits").await;
        assert_eq!(list.json.as_array().unwrap().len(), 1);
        assert_eq!(list.json[0]["family"], "Amal");
        assert_eq!(list.json[0]["volunteer"], "Vera");
        let one = admin.get(&format!("/visits/{}", amal_visit.id)).await;
        assert_eq!(one.json["visit"]["note"], "slept better");
        // Another organisation sees nothing of it.
        let mut stranger = organisation(&db, "Elsewhere").await;
        assert!(stranger.pull_all().await.is_empty());
        assert!(stranger
            .get("/visits")
            .await
            .json
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
        assert_eq!(actions, ["write", "read"]);
    })
    .await;
}

async fn org_of(db: &Db, username: &str) -> String {
    server::auth::people::by_username(db, username)
        .await
        .unwrap()
        .unwrap()
        .0
        .org_id
}

#[tokio::test]
async fn a_retried_push_changes_nothing_twice() {
    common::with_engines(|db| async move {
        let mut admin = organisation(&db, "MIM").await;
        let mut vera = invite(&db, &mut admin, "volunteer", "Vera").await;
        let amal = FamilyId::new();
        let batch = vec![
            family_mutation(amal, "Amal"),
            visit_mutation(visit(amal, "one")),
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
        let mut unknown_enum = visit_mutation(visit(amal, "x"));
        unknown_enum["change"]["visit"]["kind"] = json!("teleport");
        let mut wrong_type = visit_mutation(visit(amal, "x"));
        wrong_type["change"]["visit"]["duration_min"] = json!("an hour");
        let mut absurd_date = visit_mutation(visit(amal, "x"));
        absurd_date["change"]["visit"]["date"] = json!("1850-01-01");
        let mut impossible_date = visit_mutation(visit(amal, "x"));
        impossible_date["change"]["visit"]["date"] = json!("2026-02-30");
        let too_long = visit_mutation(visit(amal, &"x".repeat(app::domain::limits::NOTE_MAX + 1)));
        let orphan = visit_mutation(visit(FamilyId::new(), "no such family"));
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
                visit_mutation(good_visit.clone()),
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
        vera.raw(Method::POST, "/sync/push", Some(huge), json_type)
            .await
            .is_problem(StatusCode::PAYLOAD_TOO_LARGE, "too_large");
        vera.raw(
            Method::POST,
            "/session",
            Some("x".repeat(app::api::BODY_MAX_BYTES + 1)),
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
    let doc: Value = serde_json::from_str(server::api::OPENAPI).unwrap();
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
