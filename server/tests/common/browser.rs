//! A person's browser against the in-process app: keeps her session cookie and CSRF
//! token, and the helpers that set up organisations and invite people.

use app::store::Change;
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
pub struct Browser {
    pub app: Router,
    pub cookie: Option<String>,
    pub csrf: Option<String>,
    /// The API version it names in `X-Naast-Api` (none: an app from before version 2).
    pub api: Option<&'static str>,
}

pub struct Answer {
    pub status: StatusCode,
    pub headers: axum::http::HeaderMap,
    pub json: Value,
}

/// What became of each mutation of a push: `applied`, `merged`, `duplicate` or
/// `rejected:<code>`.
pub fn outcomes(answer: &Answer) -> Vec<String> {
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

impl Answer {
    pub fn code(&self) -> &str {
        self.json["code"].as_str().unwrap_or_default()
    }

    pub fn is_problem(&self, status: StatusCode, code: &str) {
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

pub fn app(db: Db) -> Router {
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
    pub fn new(db: &Db) -> Browser {
        Browser {
            app: app(db.clone()),
            cookie: None,
            csrf: None,
            api: None,
        }
    }

    pub async fn raw(
        &mut self,
        method: Method,
        uri: &str,
        body: Option<Vec<u8>>,
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
        if let Some(api) = self.api {
            request = request.header(app::api::API_VERSION_HEADER, api);
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

    pub async fn get(&mut self, uri: &str) -> Answer {
        self.raw(Method::GET, uri, None, None).await
    }

    pub async fn post(&mut self, uri: &str, body: Value) -> Answer {
        self.raw(
            Method::POST,
            uri,
            Some(body.to_string().into_bytes()),
            Some("application/json"),
        )
        .await
    }

    pub async fn put(&mut self, uri: &str, body: Value) -> Answer {
        self.raw(
            Method::PUT,
            uri,
            Some(body.to_string().into_bytes()),
            Some("application/json"),
        )
        .await
    }

    pub async fn delete(&mut self, uri: &str) -> Answer {
        self.raw(Method::DELETE, uri, None, None).await
    }

    pub async fn push(&mut self, mutations: Vec<Value>) -> Answer {
        self.post(
            "/sync/push",
            json!({ "device_id": uuid::Uuid::new_v4(), "mutations": mutations }),
        )
        .await
    }

    /// Her user id, as the session says.
    pub async fn user_id(&mut self) -> String {
        self.get("/session").await.json["user_id"]
            .as_str()
            .unwrap()
            .to_string()
    }

    pub async fn pull_all(&mut self) -> Vec<Change> {
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

pub const PASSWORD: &str = "a long enough password";

/// A new organisation with its admin signed in.
pub async fn organisation(db: &Db, name: &str) -> Browser {
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
pub async fn invite(db: &Db, admin: &mut Browser, role: &str, name: &str) -> Browser {
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
