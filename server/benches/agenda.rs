//! The mothers' public agenda under load: an organisation of 50 groups with 100 coming
//! sessions each (texts in Dutch and Arabic), and the time the real router takes to
//! answer its calendar feed, a group's feed, the organisation's page and a group's
//! page (p50/p99 over 200 requests each, target: feed p99 under 50 ms), with the
//! compressed size of the page as the server sends it.
//!
//! `cargo bench -p server --bench agenda`; `NAAST_BENCH_ENGINES=sqlite,postgres` picks
//! the engines. Prints a table and a `BENCH_JSON` line.

#[path = "../tests/common/mod.rs"]
mod common;

use app::domain::catalogue::Translated;
use app::domain::kind::RecordKind;
use app::domain::{Group, GroupId, Session, SessionId};
use app::store::Change;
use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use http_body_util::BodyExt;
use leptos::prelude::LeptosOptions;
use serde_json::json;
use server::api::ApiState;
use server::db::Db;
use server::Site;
use std::time::Instant;
use tower::ServiceExt;

const GROUPS: usize = 50;
const SESSIONS_PER_GROUP: u64 = 100;
const ASKS: usize = 200;
const FEED_TARGET_MS: f64 = 50.0;

fn text(nl: &str, ar: &str) -> Translated {
    Translated(
        [
            ("nl".to_string(), nl.to_string()),
            ("ar".to_string(), ar.to_string()),
        ]
        .into(),
    )
}

/// The organisation's agenda: groups and their weekly sessions from tomorrow on.
async fn seed(db: &Db, org: &str) -> GroupId {
    let tomorrow = chrono::Utc::now().date_naive() + chrono::Days::new(1);
    let mut first = None;
    for n in 0..GROUPS {
        let group = Group {
            id: GroupId::new(),
            name: text(&format!("Groep {n}"), "مجموعة"),
            base_version: None,
            ..Group::example()
        };
        first.get_or_insert(group.id);
        let group_id = group.id;
        let sessions = (0..SESSIONS_PER_GROUP).map(|week| {
            Change::Session(Session {
                id: SessionId::new(),
                group_id,
                date: tomorrow + chrono::Days::new(7 * week),
                theme: text("Slapen en huilen", "النوم والبكاء"),
                base_version: None,
                ..Session::example()
            })
        });
        let changes: Vec<Change> = std::iter::once(Change::Group(group))
            .chain(sessions)
            .collect();
        server::agenda::save(db, org, changes).await.expect("seed");
    }
    first.expect("a group")
}

fn app(db: Db) -> axum::Router {
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

/// Requests after a change to the agenda, each.
const COLD_ASKS: usize = 20;

/// One request: milliseconds and the answer's size as sent.
async fn measure_once(app: &axum::Router, path: &str, encoding: &str) -> (f64, usize) {
    let request = Request::builder()
        .uri(path)
        .header(header::ACCEPT_ENCODING, encoding)
        .header(header::ACCEPT_LANGUAGE, "ar")
        .header(header::HOST, "naast.example")
        .body(Body::empty())
        .expect("request");
    let start = Instant::now();
    let response = app.clone().oneshot(request).await.expect("answer");
    assert_eq!(response.status(), StatusCode::OK, "{path}");
    let bytes = response
        .into_body()
        .collect()
        .await
        .expect("body")
        .to_bytes();
    (start.elapsed().as_secs_f64() * 1000.0, bytes.len())
}

/// Milliseconds per request (sorted) and the last answer's compressed size.
async fn measure(app: &axum::Router, path: &str, encoding: &str) -> (Vec<f64>, usize) {
    let mut took = Vec::with_capacity(ASKS);
    let mut size = 0;
    for _ in 0..ASKS {
        let (ms, bytes) = measure_once(app, path, encoding).await;
        took.push(ms);
        size = bytes;
    }
    took.sort_by(f64::total_cmp);
    (took, size)
}

fn quantile(sorted: &[f64], q: f64) -> f64 {
    sorted[((sorted.len() as f64 - 1.0) * q).round() as usize]
}

#[tokio::main]
async fn main() {
    let engines = std::env::var("NAAST_BENCH_ENGINES").unwrap_or_else(|_| "sqlite".into());
    let mut report = Vec::new();
    println!("engine    list                      p50 ms   p99 ms   bytes sent  target");
    for engine in engines.split(',').map(str::trim) {
        let (db, cleanup): (Db, Box<dyn FnOnce()>) = match engine {
            "sqlite" => {
                let dir = std::env::temp_dir()
                    .join(format!("naast-agenda-{}", uuid::Uuid::new_v4().simple()));
                let db = Db::open(None, &dir).await.expect("open SQLite");
                (db, Box::new(move || drop(std::fs::remove_dir_all(dir))))
            }
            "postgres" => {
                let (url, name) = common::create_postgres_database().await;
                let db = Db::connect(&url).await.expect("open PostgreSQL");
                let name = std::sync::Arc::new(name);
                (
                    db,
                    Box::new(move || {
                        let name = name.clone();
                        std::thread::spawn(move || {
                            tokio::runtime::Runtime::new()
                                .expect("runtime")
                                .block_on(common::drop_postgres_database(&name))
                        })
                        .join()
                        .ok();
                    }),
                )
            }
            other => panic!("NAAST_BENCH_ENGINES: unknown engine `{other}`"),
        };
        let org = uuid::Uuid::new_v4().to_string();
        server::sync::create_organisation(&db, &org, "MIM Dordrecht")
            .await
            .expect("organisation");
        let group = seed(&db, &org).await;
        let token = server::agenda::new_link(&db, &org).await.expect("link");
        let app = app(db.clone());
        let base = format!("/agenda/{token}");
        let feed = format!("{base}/calendar.ics");
        let group_feed = format!("{base}/groups/{group}/calendar.ics");
        let group_page = format!("{base}/groups/{group}");
        let asks: [(&str, &str, &str, Option<f64>); 5] = [
            ("organisation feed", &feed, "br", Some(FEED_TARGET_MS)),
            ("organisation feed, raw", &feed, "identity", None),
            ("group feed", &group_feed, "br", Some(FEED_TARGET_MS)),
            ("organisation page", &base, "br", None),
            ("group page", &group_page, "br", None),
        ];
        for (label, path, encoding, target) in asks {
            let (took, size) = measure(&app, path, encoding).await;
            let (p50, p99) = (quantile(&took, 0.5), quantile(&took, 0.99));
            let verdict = target.map_or("-".to_string(), |t| {
                format!("{} (p99 < {t} ms)", if p99 < t { "PASS" } else { "MISS" })
            });
            println!("{engine:<9} {label:<24} {p50:>7.1}  {p99:>7.1}  {size:>10}  {verdict}");
            report.push(json!({ "engine": engine, "list": label, "p50_ms": p50, "p99_ms": p99, "bytes_br": size }));
        }
        // The first request after a change reads and renders everything anew.
        let mut cold = Vec::new();
        for n in 0..COLD_ASKS {
            let mut changed = server::agenda::snapshot(&db, &org)
                .await
                .expect("agenda")
                .sessions[0]
                .clone();
            changed.theme = text(&format!("Thema {n}"), "موضوع");
            server::agenda::save(&db, &org, vec![Change::Session(changed)])
                .await
                .expect("change");
            let (took, _) = measure_once(&app, &feed, "br").await;
            cold.push(took);
        }
        cold.sort_by(f64::total_cmp);
        let (p50, p99) = (quantile(&cold, 0.5), quantile(&cold, 0.99));
        println!(
            "{engine:<9} {:<24} {p50:>7.1}  {p99:>7.1}  {:>10}  -",
            "org feed, just changed", ""
        );
        report.push(json!({ "engine": engine, "list": "organisation feed, just changed", "p50_ms": p50, "p99_ms": p99 }));
        db.pool.close().await;
        cleanup();
    }
    println!(
        "BENCH_JSON {}",
        json!({ "groups": GROUPS, "sessions_per_group": SESSIONS_PER_GROUP, "agenda": report })
    );
}
