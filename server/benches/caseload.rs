//! The coordinator's caseload under load: an organisation of 60 volunteers and 1,500
//! families (24 matched with each volunteer, 60 still waiting in intake), each matched
//! family with about ten visits over the last six months, and the time the real router
//! takes to answer `GET /api/v1/caseload` (p50/p99 over 200 requests, target: p99 under
//! 100 ms), compressed as a browser asks and raw, beside the store's read alone.
//!
//! `cargo bench -p server --bench caseload`; `NAAST_BENCH_ENGINES=sqlite,postgres` picks
//! the engines. Prints a table and a `BENCH_JSON` line.

#[path = "../tests/common/mod.rs"]
mod common;

use app::api::{IntakeDetails, NewFamily};
use app::domain::clock::now_ms;
use app::domain::matching::{CulturePreference, Referrer, VolunteerProfile};
use app::domain::{
    ChildDate, DeviceId, Family, FamilyId, MutationId, Programme, Signal, SupportForm, Topic,
    Urgency, VisitKind,
};
use app::store::{Change, Mutation};
use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use chrono::{Days, NaiveDate};
use common::browser::{invite, organisation, Browser};
use http_body_util::BodyExt;
use serde_json::{json, Value};
use server::db::Db;
use server::sync::BatchItem;
use std::time::Instant;
use tower::ServiceExt;

const VOLUNTEERS: usize = 60;
const FAMILIES: usize = 1_500;
/// Families of [`FAMILIES`] still in intake, matched with nobody.
const WAITING: usize = 60;
/// Matched families per volunteer.
const PER_VOLUNTEER: usize = (FAMILIES - WAITING) / VOLUNTEERS;
/// Visits lie within this many days before today.
const VISIT_DAYS: usize = 180;
const ASKS: usize = 200;
const TARGET_MS: f64 = 100.0;

/// xorshift64*: varies the seed reproducibly (the benchmark must not depend on `rand`).
struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Rng {
        Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }

    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// A number in `0..n`.
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }

    fn pick<'a, T>(&mut self, from: &'a [T]) -> &'a T {
        &from[self.below(from.len())]
    }
}

const NAMES: &[&str] = &[
    "Amina",
    "Fatma",
    "Yasmin",
    "Olena",
    "Agnieszka",
    "Samira",
    "Hanna",
    "Meryem",
    "Saba",
    "Ingrid",
    "Noor",
    "Esra",
    "Marloes",
    "Layla",
    "Zainab",
    "Iryna",
    "Hodan",
    "Sanne",
];

/// Mother tongues (with Dutch, mostly) as volunteers and mothers speak them.
const TONGUES: &[&str] = &["ar", "tr", "pl", "uk", "ti", "so", "fa", "nl", "nl", "en"];

const NOTES: &[&str] = &[
    "De baby slaapt beter sinds vorige week; we hebben het ritme van de dag besproken.",
    "Samen naar de bibliotheek geweest, zij heeft een pas aangevraagd.",
    "Zij voelt zich moe maar trots, de borstvoeding gaat goed.",
    "Gesproken over haar netwerk: de buurvrouw helpt soms met boodschappen.",
    "Afspraak bij het consultatiebureau samen voorbereid.",
];

fn day(today: NaiveDate, days_ago: usize) -> NaiveDate {
    today - Days::new(days_ago as u64)
}

/// A referred family as the coordinator registers it.
fn new_family(rng: &mut Rng, n: usize, today: NaiveDate) -> NewFamily {
    let programme = match rng.below(10) {
        0..=6 => Programme::Mim,
        7 | 8 => Programme::HomeStart,
        _ => Programme::SamenOplopen,
    };
    let child = match programme {
        Programme::Mim => ChildDate::Born(day(today, rng.below(540))),
        Programme::HomeStart => ChildDate::Born(day(today, 180 + rng.below(1_600))),
        Programme::SamenOplopen if rng.chance(30) => {
            ChildDate::Expected(today + Days::new(rng.below(200) as u64))
        }
        Programme::SamenOplopen => ChildDate::Born(day(today, rng.below(700))),
    };
    let tongue = *rng.pick(TONGUES);
    let languages = if tongue == "nl" {
        vec!["nl".to_string()]
    } else {
        vec![tongue.to_string(), "nl".to_string()]
    };
    let next_appointment = rng.chance(40).then(|| {
        (today + Days::new(1 + rng.below(30) as u64))
            .and_hms_opt(10, 0, 0)
            .expect("a time")
    });
    let family = Family {
        pseudonym: format!("{} {}", rng.pick(NAMES), char::from(b'A' + (n % 26) as u8)),
        child,
        languages,
        programme,
        cadence: programme.default_cadence(),
        next_appointment,
        ..common::family(FamilyId::new(), "")
    };
    NewFamily {
        family,
        intake: IntakeDetails {
            referrer: *rng.pick(&[
                Referrer::YouthHealthCare,
                Referrer::Midwife,
                Referrer::SelfReferred,
                Referrer::Other,
            ]),
            preference: *rng.pick(&[
                CulturePreference::OwnCulture,
                CulturePreference::Dutch,
                CulturePreference::NoPreference,
            ]),
            area: format!("33{:02}", 10 + rng.below(20)),
            support_question: "Ik wil graag iemand om mee te praten over de baby.".into(),
            registered_on: None,
            added_by_volunteer: false,
            version: 0,
        },
    }
}

/// A visit to `family` `days_ago` days before today, pushed now.
fn visit(rng: &mut Rng, family: FamilyId, today: NaiveDate, days_ago: usize) -> Mutation {
    let topics: Vec<Topic> = (0..1 + rng.below(3))
        .map(|_| *rng.pick(Topic::ALL))
        .collect();
    let visit = app::domain::Visit {
        date: day(today, days_ago),
        kind: *rng.pick(VisitKind::ALL),
        duration_min: Some(30 + 15 * rng.below(5) as u16),
        topics,
        support: vec![*rng.pick(SupportForm::ALL)],
        note: rng.pick(NOTES).to_string(),
        signal: rng.chance(4).then(|| Signal {
            urgency: *rng.pick(Urgency::ALL),
            text: "Zij slaapt slecht en maakt zich zorgen.".into(),
        }),
        updated_at_ms: now_ms(),
        ..common::visit(family, "")
    };
    Mutation {
        id: MutationId::new(),
        at_ms: now_ms(),
        change: Change::Visit(visit),
    }
}

/// What was seeded.
struct Seeded {
    org: String,
    matched: usize,
    waiting: usize,
    visits: usize,
    seconds: f64,
}

/// The organisation's caseload: volunteers invited over HTTP; families, matchings,
/// visits (one transaction per volunteer) and profiles written through the store.
async fn seed(db: &Db, admin: &mut Browser, today: NaiveDate) -> Seeded {
    let start = Instant::now();
    let admin_id = admin.user_id().await;
    let org = server::auth::people::by_id(db, &admin_id)
        .await
        .expect("admin")
        .expect("admin exists")
        .org_id;
    let mut volunteers = Vec::with_capacity(VOLUNTEERS);
    for n in 0..VOLUNTEERS {
        let name = format!("{}{n:02}", NAMES[n % NAMES.len()]);
        let mut person = invite(db, admin, "volunteer", &name).await;
        volunteers.push(person.user_id().await);
    }
    let mut rng = Rng::new(42);
    let (mut matched, mut visits) = (0, 0);
    for volunteer in &volunteers {
        let mut pushes = Vec::new();
        for _ in 0..PER_VOLUNTEER {
            let new = new_family(&mut rng, matched, today);
            let id = new.family.id;
            // A few were matched lately and have no visit yet; the others were matched
            // before the visits' six months.
            let fresh = rng.chance(8);
            let started = if fresh {
                3 + rng.below(25)
            } else {
                VISIT_DAYS + 5 + rng.below(220)
            };
            let registered = started + 7 + rng.below(30);
            server::families::register(db, &org, &admin_id, new, day(today, registered))
                .await
                .expect("register");
            server::families::match_family(
                db,
                &org,
                &admin_id,
                id,
                volunteer,
                "",
                day(today, started),
            )
            .await
            .expect("match");
            matched += 1;
            if !fresh {
                for _ in 0..5 + rng.below(11) {
                    let days_ago = rng.below(VISIT_DAYS);
                    pushes.push(visit(&mut rng, id, today, days_ago));
                }
            }
        }
        let items: Vec<BatchItem> = pushes
            .iter()
            .map(|mutation| BatchItem {
                owner: volunteer,
                mutation,
            })
            .collect();
        let results = server::sync::push_batch(db, &org, DeviceId::new(), volunteer, &items)
            .await
            .expect("push visits");
        assert!(results.iter().all(Result::is_ok), "every visit applied");
        visits += items.len();
    }
    for n in 0..WAITING {
        let new = new_family(&mut rng, n, today);
        let registered = rng.below(60);
        server::families::register(db, &org, &admin_id, new, day(today, registered))
            .await
            .expect("register");
    }
    for (n, volunteer) in volunteers.iter().enumerate() {
        let tongue = TONGUES[n % TONGUES.len()];
        let mut languages = vec![tongue.to_string()];
        if tongue != "nl" {
            languages.push("nl".into());
        }
        let profile = VolunteerProfile {
            user_id: volunteer.clone(),
            languages,
            area: format!("33{:02}", 10 + rng.below(20)),
            capacity: 1 + rng.below(app::domain::matching::CAPACITY_MAX as usize) as u32,
            paused: n % 20 == 7,
            started_on: Some(day(today, 200 + rng.below(1_500))),
            version: 0,
        };
        server::families::save_profile(db, &org, &admin_id, profile)
            .await
            .expect("profile");
    }
    Seeded {
        org,
        matched,
        waiting: WAITING,
        visits,
        seconds: start.elapsed().as_secs_f64(),
    }
}

/// One request: milliseconds and the answer's size as sent.
async fn ask(app: &axum::Router, cookie: &str, encoding: &str) -> (f64, usize) {
    let request = Request::builder()
        .uri("/api/v1/caseload")
        .header(header::COOKIE, cookie)
        .header(header::ACCEPT, "application/json")
        .header(header::ACCEPT_ENCODING, encoding)
        .header(header::HOST, "naast.example")
        .body(Body::empty())
        .expect("request");
    let start = Instant::now();
    let response = app.clone().oneshot(request).await.expect("answer");
    assert_eq!(response.status(), StatusCode::OK);
    let bytes = response
        .into_body()
        .collect()
        .await
        .expect("body")
        .to_bytes();
    (start.elapsed().as_secs_f64() * 1000.0, bytes.len())
}

fn quantile(sorted: &[f64], q: f64) -> f64 {
    sorted[((sorted.len() as f64 - 1.0) * q).round() as usize]
}

/// The caseload as the coordinator's desk receives it: every volunteer, every matched
/// family and every waiting one.
async fn check(admin: &mut Browser, seeded: &Seeded) {
    let answer = admin.get("/caseload").await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.json);
    let volunteers = answer.json["volunteers"].as_array().expect("volunteers");
    let families: usize = volunteers
        .iter()
        .map(|v| v["families"].as_array().map_or(0, Vec::len))
        .sum();
    let waiting = answer.json["waiting"].as_array().map_or(0, Vec::len);
    assert_eq!(
        (volunteers.len(), families, waiting),
        (VOLUNTEERS, seeded.matched, seeded.waiting)
    );
}

#[tokio::main]
async fn main() {
    let engines = std::env::var("NAAST_BENCH_ENGINES").unwrap_or_else(|_| "sqlite".into());
    let mut report = Vec::new();
    let mut seeds = Vec::new();
    println!("engine    request                   p50 ms   p99 ms   bytes sent  target");
    for engine in engines.split(',').map(str::trim) {
        let (db, cleanup): (Db, Box<dyn FnOnce()>) = match engine {
            "sqlite" => {
                let dir = std::env::temp_dir()
                    .join(format!("naast-caseload-{}", uuid::Uuid::new_v4().simple()));
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
        let today = server::api::checks::local_today();
        let mut admin = organisation(&db, "MIM Dordrecht").await;
        let seeded = seed(&db, &mut admin, today).await;
        eprintln!(
            "{engine}: seeded {VOLUNTEERS} volunteers, {} families ({} waiting), {} visits in {:.1} s",
            seeded.matched + seeded.waiting,
            seeded.waiting,
            seeded.visits,
            seeded.seconds
        );
        check(&mut admin, &seeded).await;
        let cookie = admin.cookie.clone().expect("signed in");
        let app = admin.app.clone();
        for (label, encoding, target) in [
            ("caseload", "br, gzip", Some(TARGET_MS)),
            ("caseload, raw", "identity", None),
        ] {
            let mut took = Vec::with_capacity(ASKS);
            let mut size = 0;
            for _ in 0..ASKS {
                let (ms, bytes) = ask(&app, &cookie, encoding).await;
                took.push(ms);
                size = bytes;
            }
            took.sort_by(f64::total_cmp);
            let (p50, p99) = (quantile(&took, 0.5), quantile(&took, 0.99));
            let verdict = target.map_or("-".to_string(), |t| {
                format!("{} (p99 < {t} ms)", if p99 < t { "PASS" } else { "MISS" })
            });
            println!("{engine:<9} {label:<24} {p50:>7.1}  {p99:>7.1}  {size:>10}  {verdict}");
            report.push(json!({ "engine": engine, "request": label, "p50_ms": p50, "p99_ms": p99, "bytes_sent": size }));
        }
        // The store's read alone: no HTTP, no JSON, no audit entry.
        let mut took = Vec::with_capacity(ASKS);
        for _ in 0..ASKS {
            let start = Instant::now();
            server::families::caseload(&db, &seeded.org, today)
                .await
                .expect("caseload");
            took.push(start.elapsed().as_secs_f64() * 1000.0);
        }
        took.sort_by(f64::total_cmp);
        let (p50, p99) = (quantile(&took, 0.5), quantile(&took, 0.99));
        println!(
            "{engine:<9} {:<24} {p50:>7.1}  {p99:>7.1}  {:>10}  -",
            "store read only", ""
        );
        report.push(
            json!({ "engine": engine, "request": "store read only", "p50_ms": p50, "p99_ms": p99 }),
        );
        seeds.push(
            json!({ "engine": engine, "visits": seeded.visits, "seed_seconds": seeded.seconds }),
        );
        db.pool.close().await;
        cleanup();
    }
    let summary: Value = json!({
        "volunteers": VOLUNTEERS,
        "families": FAMILIES,
        "waiting": WAITING,
        "seeded": seeds,
        "caseload": report,
    });
    println!("BENCH_JSON {summary}");
}
