//! The sync API's speed over real HTTP, on SQLite and on PostgreSQL: how long a push of
//! 1,000 visits takes and how many bytes a visit costs on the wire, how fast 10,000
//! changes come down to a new device, and what latency 200 devices see while they all
//! sync at once, and how fast a coordinator's review list answers on an organisation of
//! 50,000 visits. It exists so the targets Naast promises (1,000-visit push under 1 s,
//! a visit under 2 KB, p99 under 100 ms at 200 devices, a review page p99 under 50 ms)
//! are measured, not assumed.
//!
//! `cargo bench -p server --bench sync`; `NAAST_BENCH_ENGINES=sqlite,postgres` picks the
//! engines, `NAAST_BENCH_SECONDS=30` the length of each 200-device run,
//! `NAAST_BENCH_PAUSE_MS=5000` the pause between two syncs of a device in the paced
//! 200-device run (the other run has none), and `NAAST_TEST_POSTGRES_URL` the
//! PostgreSQL server (default `postgres://postgres@127.0.0.1:5432/test`). The server is
//! the real router on a real TCP port in this process; the clients share the machine's
//! cores with it, and the machine's load average is reported with the numbers.

#[path = "../tests/common/mod.rs"]
mod common;

use app::api::{PullResponse, PushOutcome, PushRequest, PushResponse};
use app::domain::clock::now_ms;
use app::domain::{
    DeviceId, FamilyId, MutationId, Signal, SupportForm, Topic, Urgency, Visit, VisitId, VisitKind,
};
use app::store::{Change, Mutation};
use axum::http::{header, Method, Request, StatusCode};
use http_body_util::{BodyExt, Full};
use hyper::body::Bytes;
use hyper::client::conn::http1::SendRequest;
use hyper_util::rt::TokioIo;
use leptos::prelude::LeptosOptions;
use serde_json::{json, Value};
use server::api::ApiState;
use server::auth::links;
use server::db::Db;
use server::Site;
use sqlx::{Connection, Executor};
use std::io::Write;
use std::net::SocketAddr;
use std::time::{Duration, Instant};

/// The password of every account the benchmark makes.
const PASSWORD: &str = "a long enough password";
/// Visits in the timed push.
const PUSH_VISITS: usize = 1_000;
/// Changes in the timed pull.
const PULL_CHANGES: usize = 10_000;
/// Mutations per push request (the API's maximum).
const BATCH: usize = app::api::PUSH_MAX_MUTATIONS;
/// Changes per pull page (the API's maximum).
const PAGE: i64 = app::api::PULL_MAX_LIMIT;
/// Devices syncing at once.
const DEVICES: usize = 200;

// ---------------------------------------------------------------------------------
// A small deterministic random source (the benchmark must not depend on `rand`).

/// xorshift64*: enough to vary texts and choices reproducibly.
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
}

const WORDS: &[&str] = &[
    "vandaag",
    "moeder",
    "baby",
    "slaapt",
    "beter",
    "sinds",
    "vorige",
    "week",
    "we",
    "hebben",
    "samen",
    "gepraat",
    "over",
    "het",
    "ritme",
    "van",
    "de",
    "dag",
    "zij",
    "voelt",
    "zich",
    "moe",
    "maar",
    "trots",
    "borstvoeding",
    "gaat",
    "goed",
    "consultatiebureau",
    "afspraak",
    "volgende",
    "dinsdag",
    "bibliotheek",
    "voorlezen",
    "boekje",
    "wandeling",
    "park",
    "buurvrouw",
    "helpt",
    "soms",
    "met",
    "boodschappen",
    "vader",
    "werkt",
    "lange",
    "dagen",
    "huilen",
    "in",
    "de",
    "avond",
    "rustig",
    "badje",
    "fles",
    "gewicht",
    "groeit",
    "lacht",
    "veel",
    "vragen",
    "over",
    "toeslagen",
    "huisarts",
    "taalles",
    "netwerk",
    "familie",
    "ver",
    "weg",
    "eenzaam",
    "koffie",
    "gedronken",
    "tijd",
    "voor",
    "zichzelf",
    "geprobeerd",
    "kalm",
    "blijven",
];

/// Dutch-looking prose of about `len` characters, the way a volunteer writes notes.
fn prose(rng: &mut Rng, len: usize) -> String {
    let mut text = String::with_capacity(len + 16);
    let mut sentence_start = true;
    while text.len() < len {
        let word = WORDS[rng.below(WORDS.len())];
        if sentence_start {
            let mut chars = word.chars();
            if let Some(first) = chars.next() {
                text.extend(first.to_uppercase());
                text.push_str(chars.as_str());
            }
        } else {
            text.push_str(word);
        }
        sentence_start = rng.chance(12);
        text.push_str(if sentence_start { ". " } else { " " });
    }
    text.trim_end().trim_end_matches('.').to_string() + "."
}

/// A visit as a volunteer records it: a note of 300–600 characters, one to four topics,
/// the mother's question and agreements most of the time, a signal now and then.
fn realistic_visit(rng: &mut Rng, family: FamilyId) -> Visit {
    let today = chrono::Utc::now().date_naive();
    let mut topics: Vec<Topic> = (0..1 + rng.below(4))
        .map(|_| Topic::ALL[rng.below(Topic::ALL.len())])
        .collect();
    topics.sort();
    topics.dedup();
    let mut support: Vec<SupportForm> = (0..1 + rng.below(2))
        .map(|_| SupportForm::ALL[rng.below(SupportForm::ALL.len())])
        .collect();
    support.sort();
    support.dedup();
    // Filled in `percent` of visits, `min` to `min + spread` characters long.
    let sometimes = |rng: &mut Rng, percent, min: usize, spread| {
        if rng.chance(percent) {
            let len = min + rng.below(spread);
            prose(rng, len)
        } else {
            String::new()
        }
    };
    let own_question = sometimes(rng, 70, 40, 80);
    let chosen_to_try = sometimes(rng, 60, 30, 60);
    let agreements = sometimes(rng, 60, 40, 80);
    let note_len = 300 + rng.below(301);
    let signal = rng.chance(15).then(|| {
        let len = 60 + rng.below(100);
        Signal {
            urgency: Urgency::ALL[rng.below(Urgency::ALL.len())],
            text: prose(rng, len),
        }
    });
    Visit {
        id: VisitId::new(),
        family_id: family,
        date: today - chrono::Days::new(rng.below(60) as u64),
        kind: VisitKind::ALL[rng.below(VisitKind::ALL.len())],
        duration_min: Some(30 + 15 * rng.below(8) as u16),
        topics,
        support,
        own_question,
        chosen_to_try,
        agreements,
        next_appointment: None,
        note: prose(rng, note_len),
        signal,
        prompts_used: vec![],
        updated_at_ms: now_ms(),
        base_version: None,
        conflicts: vec![],
        deleted: false,
    }
}

fn mutation(change: Change) -> Mutation {
    Mutation {
        id: MutationId::new(),
        at_ms: now_ms(),
        change,
    }
}

// ---------------------------------------------------------------------------------
// A device: one kept-alive HTTP/1.1 connection with its session cookie and CSRF token.

/// What came back from one request.
struct Reply {
    status: StatusCode,
    body: Bytes,
    /// Time from sending the request to the last byte of the answer.
    took: Duration,
}

impl Reply {
    fn json(&self) -> Value {
        serde_json::from_slice(&self.body).unwrap_or(Value::Null)
    }
}

/// One phone or laptop: its connection, session and device id.
struct Device {
    addr: SocketAddr,
    conn: Option<SendRequest<Full<Bytes>>>,
    cookie: Option<String>,
    csrf: Option<String>,
    id: DeviceId,
}

impl Device {
    fn new(addr: SocketAddr) -> Device {
        Device {
            addr,
            conn: None,
            cookie: None,
            csrf: None,
            id: DeviceId::new(),
        }
    }

    async fn connect(&mut self) -> Result<SendRequest<Full<Bytes>>, String> {
        let stream = tokio::net::TcpStream::connect(self.addr)
            .await
            .map_err(|e| format!("connect: {e}"))?;
        stream.set_nodelay(true).map_err(|e| e.to_string())?;
        let (sender, connection) = hyper::client::conn::http1::handshake(TokioIo::new(stream))
            .await
            .map_err(|e| format!("handshake: {e}"))?;
        tokio::spawn(connection);
        Ok(sender)
    }

    /// Sends one request over the kept-alive connection (reconnecting once if the
    /// server closed it) and reads the whole answer.
    async fn send(
        &mut self,
        method: Method,
        path: &str,
        body: Option<Bytes>,
    ) -> Result<Reply, String> {
        let mut sender = match self.conn.take() {
            Some(sender) if !sender.is_closed() => sender,
            _ => self.connect().await?,
        };
        if sender.ready().await.is_err() {
            sender = self.connect().await?;
            sender.ready().await.map_err(|e| format!("ready: {e}"))?;
        }
        let mut request = Request::builder()
            .method(method)
            .uri(format!("/api/v1{path}"))
            .header(header::HOST, self.addr.to_string())
            .header(app::api::API_VERSION_HEADER, app::api::API_VERSION);
        if let Some(cookie) = &self.cookie {
            request = request.header(header::COOKIE, cookie);
        }
        if let Some(csrf) = &self.csrf {
            request = request.header(app::api::CSRF_HEADER, csrf);
        }
        if body.is_some() {
            request = request.header(header::CONTENT_TYPE, "application/json");
        }
        let request = request
            .body(Full::new(body.unwrap_or_default()))
            .map_err(|e| e.to_string())?;
        let start = Instant::now();
        let response = sender
            .send_request(request)
            .await
            .map_err(|e| format!("send: {e}"))?;
        let status = response.status();
        let set_cookie = response
            .headers()
            .get(header::SET_COOKIE)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.split(';').next())
            .map(str::to_string);
        let body = response
            .into_body()
            .collect()
            .await
            .map_err(|e| format!("body: {e}"))?
            .to_bytes();
        let took = start.elapsed();
        self.conn = Some(sender);
        if let Some(pair) = set_cookie {
            self.cookie = (!pair.ends_with('=')).then_some(pair);
        }
        Ok(Reply { status, body, took })
    }

    /// Sends JSON and keeps the CSRF token when the answer carries one (sign-in).
    async fn post(&mut self, path: &str, body: &Value) -> Reply {
        let reply = self
            .send(Method::POST, path, Some(Bytes::from(body.to_string())))
            .await
            .unwrap_or_else(|e| panic!("POST {path}: {e}"));
        assert!(
            reply.status.is_success(),
            "POST {path}: {} {}",
            reply.status,
            reply.json()
        );
        if let Some(csrf) = reply.json().get("csrf").and_then(Value::as_str) {
            self.csrf = Some(csrf.into());
        }
        reply
    }

    /// Pushes one batch; returns the reply and the request body's size in bytes.
    async fn push(&mut self, mutations: &[Mutation]) -> Result<(Reply, usize), String> {
        let body = serde_json::to_vec(&PushRequest {
            device_id: self.id,
            cursor: 0,
            mutations,
        })
        .map_err(|e| e.to_string())?;
        let sent = body.len();
        let reply = self
            .send(Method::POST, "/sync/push", Some(Bytes::from(body)))
            .await?;
        Ok((reply, sent))
    }

    /// Asks for `path` and expects a success.
    async fn get(&mut self, path: &str) -> Reply {
        let reply = self
            .send(Method::GET, path, None)
            .await
            .unwrap_or_else(|e| panic!("GET {path}: {e}"));
        assert!(reply.status.is_success(), "GET {path}: {}", reply.status);
        reply
    }

    /// Pulls one page after `after`.
    async fn pull(&mut self, after: i64) -> Result<Reply, String> {
        self.send(
            Method::GET,
            &format!("/sync/pull?after={after}&limit={PAGE}"),
            None,
        )
        .await
    }
}

/// The push's answer when every mutation was applied, else what went wrong.
fn applied(reply: &Reply, sent: usize) -> Result<PushResponse, String> {
    if !reply.status.is_success() {
        return Err(format!(
            "push: {} {}",
            reply.status,
            String::from_utf8_lossy(&reply.body)
        ));
    }
    let answer: PushResponse =
        serde_json::from_slice(&reply.body).map_err(|e| format!("push answer: {e}"))?;
    if answer.results.len() != sent {
        return Err(format!("push: {} results for {sent}", answer.results.len()));
    }
    if let Some(bad) = answer
        .results
        .iter()
        .find(|r| r.outcome == PushOutcome::Rejected)
    {
        return Err(format!("rejected: {:?}", bad.problem));
    }
    Ok(answer)
}

fn pulled(reply: &Reply) -> Result<PullResponse, String> {
    if !reply.status.is_success() {
        return Err(format!(
            "pull: {} {}",
            reply.status,
            String::from_utf8_lossy(&reply.body)
        ));
    }
    serde_json::from_slice(&reply.body).map_err(|e| format!("pull answer: {e}"))
}

// ---------------------------------------------------------------------------------
// The server, an organisation and its people.

/// Which database engine a run uses.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Engine {
    Sqlite,
    Postgres,
}

impl Engine {
    fn name(self) -> &'static str {
        match self {
            Engine::Sqlite => "sqlite",
            Engine::Postgres => "postgres",
        }
    }
}

/// A fresh database of `engine` and how to remove it afterwards.
async fn fresh_db(engine: Engine) -> (Db, Cleanup) {
    match engine {
        Engine::Sqlite => {
            let dir =
                std::env::temp_dir().join(format!("naast-bench-{}", uuid::Uuid::new_v4().simple()));
            let db = Db::open(None, &dir).await.expect("open SQLite");
            (db, Cleanup::Dir(dir))
        }
        Engine::Postgres => {
            let admin_url = common::postgres_admin_url();
            let name = format!("naast_bench_{}", uuid::Uuid::new_v4().simple());
            let mut admin = sqlx::PgConnection::connect(&admin_url)
                .await
                .expect("PostgreSQL (NAAST_TEST_POSTGRES_URL)");
            admin
                .execute(format!("CREATE DATABASE {name}").as_str())
                .await
                .expect("create the benchmark database");
            let (base, _) = admin_url.rsplit_once('/').expect("a database URL");
            let db = Db::connect(&format!("{base}/{name}"))
                .await
                .expect("open PostgreSQL");
            (db, Cleanup::Postgres(name))
        }
    }
}

/// What to remove when a run ends.
enum Cleanup {
    Dir(std::path::PathBuf),
    Postgres(String),
}

impl Cleanup {
    async fn run(self) {
        match self {
            Cleanup::Dir(dir) => {
                let _ = std::fs::remove_dir_all(dir);
            }
            Cleanup::Postgres(name) => {
                let admin = sqlx::PgConnection::connect(&common::postgres_admin_url()).await;
                if let Ok(mut admin) = admin {
                    let _ = admin
                        .execute(format!("DROP DATABASE {name} WITH (FORCE)").as_str())
                        .await;
                }
            }
        }
    }
}

/// Serves the real router on a free loopback port, as `naast` does.
async fn serve(db: Db) -> (SocketAddr, tokio::task::JoinHandle<()>) {
    let options = LeptosOptions::builder()
        .output_name("naast")
        .site_root(std::env::temp_dir().to_string_lossy().to_string())
        .site_pkg_dir("pkg")
        .build();
    let app = server::router(
        Site::for_tests(options),
        ApiState {
            db,
            secure_cookies: false,
        },
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("a free port");
    let addr = listener.local_addr().expect("bound address");
    let task = tokio::spawn(async move {
        axum::serve(
            listener,
            app.into_make_service_with_connect_info::<SocketAddr>(),
        )
        .await
        .expect("serving");
    });
    (addr, task)
}

/// Creates an organisation through its setup link; returns the admin's device.
async fn organisation(db: &Db, addr: SocketAddr) -> Device {
    let link = links::create_setup(db).await.expect("setup link");
    let mut admin = Device::new(addr);
    admin
        .post(
            &format!("/links/{}", link.code),
            &json!({ "organisation": "Bench MIM", "display_name": "Coordinator", "username": "bench-admin", "password": PASSWORD }),
        )
        .await;
    admin
}

/// Invites a volunteer and signs her in on a new device (the invite's redemption).
async fn volunteer(admin: &mut Device, username: &str) -> Device {
    let link = admin
        .post("/invites", &json!({ "role": "volunteer" }))
        .await
        .json();
    let code = link["code"].as_str().expect("invite code").to_string();
    let mut device = Device::new(admin.addr);
    device
        .post(
            &format!("/links/{code}"),
            &json!({ "display_name": username, "username": username, "password": PASSWORD }),
        )
        .await;
    device
}

/// Pushes `family` on `device` and fails loudly unless it is applied.
async fn push_family(device: &mut Device, family: FamilyId, name: &str) {
    let batch = [mutation(Change::Family(common::family(family, name)))];
    let (reply, _) = device.push(&batch).await.expect("push family");
    applied(&reply, 1).expect("family applied");
}

// ---------------------------------------------------------------------------------
// The three measurements.

/// a. 1,000 visits pushed in batches of 200.
struct PushRun {
    seconds: f64,
    /// CPU time of this process and PostgreSQL during the push (server and client).
    cpu_seconds: f64,
    request_bytes: usize,
    response_bytes: usize,
    gzip_request_bytes: usize,
}

async fn push_thousand(admin: &mut Device) -> PushRun {
    let mut device = volunteer(admin, "bench-push").await;
    let family = FamilyId::new();
    push_family(&mut device, family, "Amal").await;
    let mut rng = Rng::new(1);
    let batches: Vec<Vec<Mutation>> = (0..PUSH_VISITS / BATCH)
        .map(|_| {
            (0..BATCH)
                .map(|_| mutation(Change::Visit(realistic_visit(&mut rng, family))))
                .collect()
        })
        .collect();
    let mut run = PushRun {
        seconds: 0.0,
        cpu_seconds: 0.0,
        request_bytes: 0,
        response_bytes: 0,
        gzip_request_bytes: 0,
    };
    let (start, cpu_start) = (Instant::now(), Cpu::now());
    for batch in &batches {
        let (reply, sent) = device.push(batch).await.expect("push");
        applied(&reply, batch.len()).expect("every visit applied");
        run.request_bytes += sent;
        run.response_bytes += reply.body.len();
    }
    run.seconds = start.elapsed().as_secs_f64();
    run.cpu_seconds = Cpu::process_seconds_since(cpu_start);
    for batch in &batches {
        let body = serde_json::to_vec(&PushRequest {
            device_id: device.id,
            cursor: 0,
            mutations: batch,
        })
        .expect("encode");
        run.gzip_request_bytes += gzip_len(&body);
    }
    run
}

fn gzip_len(bytes: &[u8]) -> usize {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    encoder.write_all(bytes).expect("gzip in memory");
    encoder.finish().expect("gzip in memory").len()
}

/// b. 10,000 changes pulled from cursor 0 by a new device.
struct PullRun {
    seed_seconds: f64,
    seconds: f64,
    pages: usize,
    changes: usize,
    bytes: usize,
}

async fn pull_ten_thousand(admin: &mut Device) -> PullRun {
    let mut device = volunteer(admin, "bench-pull").await;
    let family = FamilyId::new();
    let seed_start = Instant::now();
    push_family(&mut device, family, "Noor").await;
    let mut rng = Rng::new(2);
    let mut left = PULL_CHANGES - 1;
    while left > 0 {
        let batch: Vec<Mutation> = (0..left.min(BATCH))
            .map(|_| mutation(Change::Visit(realistic_visit(&mut rng, family))))
            .collect();
        let (reply, _) = device.push(&batch).await.expect("seed push");
        applied(&reply, batch.len()).expect("seed applied");
        left -= batch.len();
    }
    let seed_seconds = seed_start.elapsed().as_secs_f64();
    // The same volunteer on a new phone: a fresh connection, nothing on the device.
    let mut phone = Device::new(device.addr);
    phone.cookie = device.cookie.clone();
    phone.csrf = device.csrf.clone();
    let (mut cursor, mut pages, mut changes, mut bytes) = (0, 0, 0, 0);
    let start = Instant::now();
    loop {
        let reply = phone.pull(cursor).await.expect("pull");
        let page = pulled(&reply).expect("pull page");
        pages += 1;
        changes += page.changes.len();
        bytes += reply.body.len();
        cursor = page.cursor;
        if !page.more {
            break;
        }
    }
    let seconds = start.elapsed().as_secs_f64();
    assert_eq!(changes, PULL_CHANGES, "every seeded change came down");
    PullRun {
        seed_seconds,
        seconds,
        pages,
        changes,
        bytes,
    }
}

/// d. The coordinator's review list on an organisation of [`REVIEW_VISITS`] visits:
/// the first page, the next page, filtered pages, her inbox (with words to find, and
/// words found nowhere: every visit's text is looked at) and its counts, each asked
/// [`REVIEW_ASKS`] times.
struct ReviewRun {
    visits: usize,
    seed_seconds: f64,
    /// (what was asked, its latencies in µs, sorted).
    lists: Vec<(&'static str, Vec<u32>)>,
}

/// Visits in the organisation for the review measurement (the earlier steps' 11,000
/// count towards it).
const REVIEW_VISITS: usize = 50_000;
/// Requests per kind of review list.
const REVIEW_ASKS: usize = 200;
/// Families the review seed spreads its visits over.
const REVIEW_FAMILIES: usize = 50;

async fn review_fifty_thousand(admin: &mut Device, db: &Db, already: usize) -> ReviewRun {
    let mut device = volunteer(admin, "bench-review").await;
    let families: Vec<FamilyId> = (0..REVIEW_FAMILIES).map(|_| FamilyId::new()).collect();
    let seed_start = Instant::now();
    for (n, family) in families.iter().enumerate() {
        push_family(&mut device, *family, &format!("Gezin {n}")).await;
    }
    let mut rng = Rng::new(4);
    let mut left = REVIEW_VISITS.saturating_sub(already);
    while left > 0 {
        let batch: Vec<Mutation> = (0..left.min(BATCH))
            .map(|_| {
                let family = families[rng.below(families.len())];
                mutation(Change::Visit(realistic_visit(&mut rng, family)))
            })
            .collect();
        let (reply, _) = device.push(&batch).await.expect("seed push");
        applied(&reply, batch.len()).expect("seed applied");
        left -= batch.len();
    }
    let seed_seconds = seed_start.elapsed().as_secs_f64();
    // A running database has current statistics (autovacuum keeps them); right after a
    // bulk seed PostgreSQL may not yet, and would plan for the small table it saw.
    if db.engine == server::db::Engine::Postgres {
        sqlx::query("ANALYZE")
            .execute(&db.pool)
            .await
            .expect("analyze");
    }
    let first = admin.get("/visits").await;
    let next = first.json()["next"]
        .as_str()
        .expect("a next page")
        .to_string();
    let today = chrono::Utc::now().date_naive();
    let week_ago = today - chrono::Days::new(7);
    let asks: Vec<(&'static str, String)> = vec![
        ("first page", "/visits".into()),
        ("next page", format!("/visits?before={next}")),
        ("one family", format!("/visits?family={}", families[0])),
        ("topic + signal", "/visits?topic=sleep&signal=true".into()),
        ("last 7 days", format!("/visits?from={week_ago}&to={today}")),
        ("inbox", "/visits?reviewed=false".into()),
        ("inbox search", "/visits?reviewed=false&q=slaap".into()),
        ("search, no match", "/visits?q=zwemdiploma".into()),
        ("inbox counts", "/inbox".into()),
    ];
    let mut lists = Vec::new();
    for (label, path) in asks {
        let mut took = Vec::with_capacity(REVIEW_ASKS);
        for _ in 0..REVIEW_ASKS {
            took.push(micros(admin.get(&path).await.took));
        }
        took.sort_unstable();
        lists.push((label, took));
    }
    ReviewRun {
        visits: REVIEW_VISITS,
        seed_seconds,
        lists,
    }
}

impl ReviewRun {
    fn json(&self) -> Value {
        let lists: Vec<Value> = self
            .lists
            .iter()
            .map(|(label, took)| {
                json!({
                    "list": label,
                    "requests": took.len(),
                    "p50_ms": quantile_ms(took, 0.50),
                    "p99_ms": quantile_ms(took, 0.99),
                })
            })
            .collect();
        json!({
            "visits": self.visits,
            "seed_seconds": round(self.seed_seconds, 1),
            "lists": lists,
        })
    }
}

/// c. What one device saw while everyone synced.
#[derive(Default)]
struct DeviceLog {
    push_us: Vec<u32>,
    pull_us: Vec<u32>,
    errors: usize,
    merged: usize,
    mutations: usize,
    first_error: Option<String>,
}

impl DeviceLog {
    fn error(&mut self, what: String) {
        self.errors += 1;
        self.first_error.get_or_insert(what);
    }
}

/// One volunteer's device with its own family and the visits it wrote.
struct Syncer {
    device: Device,
    family: FamilyId,
    visits: Vec<(Visit, u64)>,
    cursor: i64,
    rng: Rng,
}

impl Syncer {
    /// Pushes 1–3 new or edited visits of its own family, then pulls after its cursor.
    async fn sync_once(&mut self, log: &mut DeviceLog) {
        let n = 1 + self.rng.below(3);
        let mut batch = Vec::with_capacity(n);
        let mut edited = Vec::new();
        for _ in 0..n {
            let pick = self.rng.below(self.visits.len().max(1));
            if !self.visits.is_empty() && self.rng.chance(50) && !edited.contains(&pick) {
                edited.push(pick);
                let (visit, version) = &self.visits[pick];
                let mut visit = visit.clone();
                let len = 300 + self.rng.below(301);
                visit.note = prose(&mut self.rng, len);
                visit.updated_at_ms = now_ms();
                visit.base_version = Some(*version);
                batch.push(mutation(Change::Visit(visit)));
            } else {
                let visit = realistic_visit(&mut self.rng, self.family);
                batch.push(mutation(Change::Visit(visit)));
            }
        }
        match self.device.push(&batch).await {
            Err(err) => log.error(err),
            Ok((reply, _)) => {
                log.push_us.push(micros(reply.took));
                match applied(&reply, batch.len()) {
                    Err(err) => log.error(err),
                    Ok(answer) => {
                        log.mutations += batch.len();
                        for (sent, result) in batch.iter().zip(answer.results) {
                            if result.outcome == PushOutcome::Merged {
                                log.merged += 1;
                            }
                            // No record back: it was stored as sent.
                            let record = result.record.or_else(|| Some(sent.change.clone()));
                            if let (Some(Change::Visit(visit)), Some(version)) =
                                (record, result.version)
                            {
                                match self.visits.iter_mut().find(|(v, _)| v.id == visit.id) {
                                    Some(known) => *known = (visit, version),
                                    None => self.visits.push((visit, version)),
                                }
                            }
                        }
                    }
                }
            }
        }
        loop {
            match self.device.pull(self.cursor).await {
                Err(err) => return log.error(err),
                Ok(reply) => {
                    log.pull_us.push(micros(reply.took));
                    match pulled(&reply) {
                        Err(err) => return log.error(err),
                        Ok(page) => {
                            self.cursor = page.cursor;
                            if !page.more {
                                return;
                            }
                        }
                    }
                }
            }
        }
    }
}

fn micros(d: Duration) -> u32 {
    d.as_micros().min(u32::MAX as u128) as u32
}

/// Makes the 200 volunteers, each with one device, her family and an up-to-date cursor.
async fn syncers(admin: &mut Device, engine: Engine) -> Vec<Syncer> {
    let mut codes = Vec::with_capacity(DEVICES);
    for _ in 0..DEVICES {
        let link = admin
            .post("/invites", &json!({ "role": "volunteer" }))
            .await
            .json();
        codes.push(link["code"].as_str().expect("invite code").to_string());
    }
    // One at a time: on SQLite two redemptions at once can fail with "database is
    // locked" (the redeem transaction reads before it writes), which is not what this
    // part measures.
    let mut syncers = Vec::with_capacity(DEVICES);
    for (n, code) in codes.iter().enumerate() {
        let username = format!("vol-{}-{n:03}", engine.name());
        let mut device = Device::new(admin.addr);
        device
            .post(
                &format!("/links/{code}"),
                &json!({ "display_name": username, "username": username, "password": PASSWORD }),
            )
            .await;
        let family = FamilyId::new();
        push_family(&mut device, family, &format!("Fam {n}")).await;
        let page = pulled(&device.pull(0).await.expect("pull")).expect("first pull");
        syncers.push(Syncer {
            device,
            family,
            visits: Vec::new(),
            cursor: page.cursor,
            rng: Rng::new(1_000 + n as u64),
        });
    }
    syncers
}

/// The result of 200 devices syncing for a while.
struct CrowdRun {
    seconds: f64,
    pause_ms: u64,
    requests: usize,
    pushes: usize,
    pulls: usize,
    mutations: usize,
    errors: usize,
    merged: usize,
    first_error: Option<String>,
    cpu_cores: Value,
    all_us: Vec<u32>,
    push_us: Vec<u32>,
    pull_us: Vec<u32>,
}

/// Lets every device sync in a loop for `seconds`, pausing `pause` between its syncs.
async fn crowd(syncers: Vec<Syncer>, seconds: u64, pause: Duration) -> (CrowdRun, Vec<Syncer>) {
    let cpu_start = Cpu::now();
    let start = Instant::now();
    let deadline = start + Duration::from_secs(seconds);
    let mut set = tokio::task::JoinSet::new();
    for (i, mut syncer) in syncers.into_iter().enumerate() {
        set.spawn(async move {
            let mut log = DeviceLog::default();
            // Spread the first syncs over the pause, as real devices are not in step.
            if !pause.is_zero() {
                tokio::time::sleep(pause * i as u32 / DEVICES as u32).await;
            }
            while Instant::now() < deadline {
                syncer.sync_once(&mut log).await;
                if !pause.is_zero() {
                    tokio::time::sleep(pause).await;
                }
            }
            (syncer, log)
        });
    }
    let mut run = CrowdRun {
        seconds: 0.0,
        pause_ms: pause.as_millis() as u64,
        requests: 0,
        pushes: 0,
        pulls: 0,
        mutations: 0,
        errors: 0,
        merged: 0,
        first_error: None,
        cpu_cores: Value::Null,
        all_us: Vec::new(),
        push_us: Vec::new(),
        pull_us: Vec::new(),
    };
    let mut back = Vec::with_capacity(DEVICES);
    while let Some(done) = set.join_next().await {
        let (syncer, log) = done.expect("device task");
        run.pushes += log.push_us.len();
        run.pulls += log.pull_us.len();
        run.mutations += log.mutations;
        run.errors += log.errors;
        run.merged += log.merged;
        if run.first_error.is_none() {
            run.first_error = log.first_error;
        }
        run.push_us.extend(log.push_us);
        run.pull_us.extend(log.pull_us);
        back.push(syncer);
    }
    run.seconds = start.elapsed().as_secs_f64();
    run.cpu_cores = Cpu::since(cpu_start);
    run.requests = run.pushes + run.pulls;
    run.all_us = run.push_us.iter().chain(&run.pull_us).copied().collect();
    for list in [&mut run.all_us, &mut run.push_us, &mut run.pull_us] {
        list.sort_unstable();
    }
    (run, back)
}

/// The `q`-quantile (nearest rank) of sorted microseconds, in milliseconds.
fn quantile_ms(sorted: &[u32], q: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let rank = ((q * sorted.len() as f64).ceil() as usize).clamp(1, sorted.len());
    sorted[rank - 1] as f64 / 1000.0
}

impl CrowdRun {
    fn json(&self) -> Value {
        let stats = |v: &[u32]| {
            json!({
                "count": v.len(),
                "p50_ms": quantile_ms(v, 0.50),
                "p99_ms": quantile_ms(v, 0.99),
                "max_ms": quantile_ms(v, 1.0),
            })
        };
        json!({
            "devices": DEVICES,
            "seconds": round(self.seconds, 2),
            "pause_ms": self.pause_ms,
            "requests": self.requests,
            "requests_per_s": round(self.requests as f64 / self.seconds, 1),
            "mutations": self.mutations,
            "mutations_per_s": round(self.mutations as f64 / self.seconds, 1),
            "errors": self.errors,
            "merged": self.merged,
            "first_error": self.first_error,
            "cpu_cores": self.cpu_cores,
            "all": stats(&self.all_us),
            "push": stats(&self.push_us),
            "pull": stats(&self.pull_us),
        })
    }
}

/// CPU time so far, in clock ticks (Linux `/proc`; zeros elsewhere): the whole
/// machine (busy and all), this process, and PostgreSQL's processes.
#[derive(Clone, Copy, Default)]
struct Cpu {
    total: u64,
    busy: u64,
    bench: u64,
    postgres: u64,
}

/// User plus system time of one process from its `/proc/<pid>/stat`, with its name.
fn process_ticks(stat: &str) -> Option<(String, u64)> {
    let open = stat.find('(')?;
    let close = stat.rfind(')')?;
    let name = stat[open + 1..close].to_string();
    let fields: Vec<&str> = stat[close + 1..].split_whitespace().collect();
    // After the name: state is field 3 of the line, utime 14 and stime 15.
    let utime: u64 = fields.get(11)?.parse().ok()?;
    let stime: u64 = fields.get(12)?.parse().ok()?;
    Some((name, utime + stime))
}

impl Cpu {
    fn now() -> Cpu {
        let mut cpu = Cpu::default();
        let stat = std::fs::read_to_string("/proc/stat").unwrap_or_default();
        if let Some(line) = stat.lines().find(|l| l.starts_with("cpu ")) {
            let v: Vec<u64> = line
                .split_whitespace()
                .skip(1)
                .filter_map(|x| x.parse().ok())
                .collect();
            // user nice system idle iowait irq softirq steal
            if v.len() >= 8 {
                cpu.total = v[..8].iter().sum();
                cpu.busy = cpu.total - v[3] - v[4];
            }
        }
        let own = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
        cpu.bench = process_ticks(&own).map_or(0, |(_, t)| t);
        for entry in std::fs::read_dir("/proc").into_iter().flatten().flatten() {
            if let Ok(stat) = std::fs::read_to_string(entry.path().join("stat")) {
                if let Some(("postgres", ticks)) =
                    process_ticks(&stat).as_ref().map(|(n, t)| (n.as_str(), *t))
                {
                    cpu.postgres += ticks;
                }
            }
        }
        cpu
    }

    /// Seconds of CPU this process and PostgreSQL used since `before`.
    fn process_seconds_since(before: Cpu) -> f64 {
        let after = Cpu::now();
        let ticks = after.bench.saturating_sub(before.bench)
            + after.postgres.saturating_sub(before.postgres);
        ticks as f64 / 100.0
    }

    /// Cores used on average since `before`: by the whole machine, this benchmark
    /// (server and clients), PostgreSQL, and everything else (skewing the numbers).
    fn since(before: Cpu) -> Value {
        let after = Cpu::now();
        let per_core = (after.total.saturating_sub(before.total)) as f64
            / std::thread::available_parallelism().map_or(1, |n| n.get()) as f64;
        if per_core == 0.0 {
            return Value::Null;
        }
        let share = |a: u64, b: u64| round(a.saturating_sub(b) as f64 / per_core, 2);
        let busy = share(after.busy, before.busy);
        let bench = share(after.bench, before.bench);
        let postgres = share(after.postgres, before.postgres);
        json!({
            "machine": busy,
            "bench": bench,
            "postgres": postgres,
            "other": round((busy - bench - postgres).max(0.0), 2),
        })
    }
}

fn round(x: f64, places: i32) -> f64 {
    let f = 10f64.powi(places);
    (x * f).round() / f
}

/// Everything measured on one engine.
async fn run_engine(engine: Engine, seconds: u64, pause: Duration) -> Value {
    let cpu_start = Cpu::now();
    eprintln!("[{}] preparing the database and server", engine.name());
    let (db, cleanup) = fresh_db(engine).await;
    let (addr, server_task) = serve(db.clone()).await;
    let mut admin = organisation(&db, addr).await;

    eprintln!("[{}] a. pushing {PUSH_VISITS} visits", engine.name());
    let push = push_thousand(&mut admin).await;
    eprintln!(
        "[{}] b. seeding and pulling {PULL_CHANGES} changes",
        engine.name()
    );
    let pull = pull_ten_thousand(&mut admin).await;
    let disk = disk_use(&db, engine).await;
    eprintln!(
        "[{}] d. seeding {REVIEW_VISITS} visits and reading the review list",
        engine.name()
    );
    let review = review_fifty_thousand(&mut admin, &db, PUSH_VISITS + PULL_CHANGES).await;
    eprintln!(
        "[{}] c. making {DEVICES} volunteers with a device each",
        engine.name()
    );
    let devices = syncers(&mut admin, engine).await;
    eprintln!(
        "[{}] c. {DEVICES} devices syncing without pause for {seconds} s",
        engine.name()
    );
    let (busy, devices) = crowd(devices, seconds, Duration::ZERO).await;
    eprintln!(
        "[{}] c'. {DEVICES} devices syncing with {} ms pauses for {seconds} s",
        engine.name(),
        pause.as_millis()
    );
    let (paced, devices) = crowd(devices, seconds, pause).await;
    // Before the pool closes: PostgreSQL's backends end with it.
    let cpu_cores = Cpu::since(cpu_start);
    drop(devices);
    drop(admin);
    server_task.abort();
    db.pool.close().await;
    cleanup.run().await;

    json!({
        "engine": engine.name(),
        "cpu_cores": cpu_cores,
        "push_1000": {
            "visits": PUSH_VISITS,
            "batch": BATCH,
            "seconds": round(push.seconds, 3),
            "mutations_per_s": round(PUSH_VISITS as f64 / push.seconds, 1),
            "cpu_ms_per_visit": round(push.cpu_seconds * 1000.0 / PUSH_VISITS as f64, 3),
            "request_bytes_per_visit": push.request_bytes / PUSH_VISITS,
            "response_bytes_per_visit": push.response_bytes / PUSH_VISITS,
            "gzip_request_bytes_per_visit": push.gzip_request_bytes / PUSH_VISITS,
        },
        "pull_10000": {
            "changes": pull.changes,
            "pages": pull.pages,
            "seconds": round(pull.seconds, 3),
            "changes_per_s": round(pull.changes as f64 / pull.seconds, 1),
            "bytes_per_change": pull.bytes / pull.changes,
            "seed_seconds": round(pull.seed_seconds, 2),
            "seed_mutations_per_s": round(PULL_CHANGES as f64 / pull.seed_seconds, 1),
        },
        "disk": disk,
        "review": review.json(),
        "devices_busy": busy.json(),
        "devices_paced": paced.json(),
    })
}

/// The database's size against the bodies it holds, after the push and the pull seed
/// (a record costs its current body, its versions and what the indexes add).
async fn disk_use(db: &Db, engine: Engine) -> Value {
    use sqlx::Row;
    let one = |sql: &'static str| async move {
        sqlx::query(sql)
            .fetch_one(&db.pool)
            .await
            .and_then(|r| r.try_get::<i64, _>(0))
            .unwrap_or(0)
    };
    let records = one("SELECT COUNT(*) FROM records").await.max(1);
    let bodies = one("SELECT CAST(SUM(LENGTH(body)) AS BIGINT) FROM records").await;
    let size = match engine {
        Engine::Sqlite => {
            let _ = sqlx::query("PRAGMA wal_checkpoint(TRUNCATE)")
                .execute(&db.pool)
                .await;
            one("SELECT page_count * page_size FROM pragma_page_count(), pragma_page_size()").await
        }
        Engine::Postgres => {
            one("SELECT CAST(pg_database_size(current_database()) AS BIGINT)").await
        }
    };
    json!({
        "records": records,
        "body_bytes_per_record": bodies / records,
        "database_bytes_per_record": size / records,
        "ratio": round(size as f64 / bodies.max(1) as f64, 2),
    })
}

// ---------------------------------------------------------------------------------
// Report.

fn verdict(ok: bool) -> &'static str {
    if ok {
        "PASS"
    } else {
        "MISS"
    }
}

fn print_engine(r: &Value) {
    let f = |v: &Value| v.as_f64().unwrap_or(f64::NAN);
    let (push, pull) = (&r["push_1000"], &r["pull_10000"]);
    println!();
    println!("== {} ==", r["engine"].as_str().unwrap_or_default());
    let cpu = |c: &Value| {
        format!(
            "cores busy {:.2}: benchmark {:.2}, postgres {:.2}, other processes {:.2}",
            f(&c["machine"]),
            f(&c["bench"]),
            f(&c["postgres"]),
            f(&c["other"])
        )
    };
    println!("   whole run: {}", cpu(&r["cpu_cores"]));
    println!(
        "a. push {} visits ({} per request): {:.3} s, {:.0} mutations/s  [target < 1 s: {}]",
        push["visits"],
        push["batch"],
        f(&push["seconds"]),
        f(&push["mutations_per_s"]),
        verdict(f(&push["seconds"]) < 1.0)
    );
    println!(
        "   bytes per visit: request {} (gzip would be {}), response {}  [target < 2048: {}]",
        push["request_bytes_per_visit"],
        push["gzip_request_bytes_per_visit"],
        push["response_bytes_per_visit"],
        verdict(f(&push["request_bytes_per_visit"]) < 2048.0)
    );
    println!(
        "   CPU (server, PostgreSQL and client) per visit: {:.3} ms",
        f(&push["cpu_ms_per_visit"])
    );
    let disk = &r["disk"];
    println!(
        "   disk: {} records, body {} B, database {} B per record ({}x the bodies)",
        disk["records"],
        disk["body_bytes_per_record"],
        disk["database_bytes_per_record"],
        disk["ratio"]
    );
    println!(
        "b. pull {} changes in {} pages: {:.3} s, {:.0} changes/s, {} bytes per change (seeding took {:.1} s, {:.0} mutations/s)",
        pull["changes"],
        pull["pages"],
        f(&pull["seconds"]),
        f(&pull["changes_per_s"]),
        pull["bytes_per_change"],
        f(&pull["seed_seconds"]),
        f(&pull["seed_mutations_per_s"])
    );
    let review = &r["review"];
    println!(
        "d. review list on {} visits (seeded in {:.1} s), {REVIEW_ASKS} requests each:",
        review["visits"],
        f(&review["seed_seconds"])
    );
    for list in review["lists"].as_array().into_iter().flatten() {
        println!(
            "   {:<17} p50 {:>6.1} ms  p99 {:>6.1} ms  [target p99 < 50 ms: {}]",
            list["list"].as_str().unwrap_or_default(),
            f(&list["p50_ms"]),
            f(&list["p99_ms"]),
            verdict(f(&list["p99_ms"]) < 50.0)
        );
    }
    for (label, key) in [("c.", "devices_busy"), ("c'.", "devices_paced")] {
        let c = &r[key];
        println!(
            "{label} {DEVICES} devices, {} ms pause: {} requests in {:.1} s = {:.0} req/s, {} mutations ({:.0}/s), errors {}, merged {}",
            c["pause_ms"],
            c["requests"],
            f(&c["seconds"]),
            f(&c["requests_per_s"]),
            c["mutations"],
            f(&c["mutations_per_s"]),
            c["errors"],
            c["merged"]
        );
        println!(
            "   {:<5} {:>8} {:>9} {:>9} {:>9}",
            "", "count", "p50 ms", "p99 ms", "max ms"
        );
        for kind in ["all", "push", "pull"] {
            let s = &c[kind];
            println!(
                "   {:<5} {:>8} {:>9.1} {:>9.1} {:>9.1}",
                kind,
                s["count"],
                f(&s["p50_ms"]),
                f(&s["p99_ms"]),
                f(&s["max_ms"])
            );
        }
        println!(
            "   [target p99 < 100 ms: {}] [zero errors: {}]",
            verdict(f(&c["all"]["p99_ms"]) < 100.0),
            verdict(c["errors"] == 0)
        );
        println!("   {}", cpu(&c["cpu_cores"]));
        if let Some(first) = c["first_error"].as_str() {
            println!("   first error: {first}");
        }
    }
}

#[tokio::main]
async fn main() {
    // The server's own error log (a 500 says why there), on stderr; RUST_LOG overrides.
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("error")),
        )
        .with_writer(std::io::stderr)
        .init();
    let engines: Vec<Engine> = std::env::var("NAAST_BENCH_ENGINES")
        .unwrap_or_else(|_| "sqlite,postgres".into())
        .split(',')
        .filter(|s| !s.trim().is_empty())
        .map(|s| match s.trim() {
            "sqlite" => Engine::Sqlite,
            "postgres" | "postgresql" => Engine::Postgres,
            other => panic!("NAAST_BENCH_ENGINES: unknown engine `{other}`"),
        })
        .collect();
    let seconds: u64 = std::env::var("NAAST_BENCH_SECONDS")
        .ok()
        .map(|s| s.parse().expect("NAAST_BENCH_SECONDS: whole seconds"))
        .unwrap_or(30);
    let pause = Duration::from_millis(
        std::env::var("NAAST_BENCH_PAUSE_MS")
            .ok()
            .map(|s| s.parse().expect("NAAST_BENCH_PAUSE_MS: whole milliseconds"))
            .unwrap_or(5_000),
    );
    let mut results = Vec::new();
    for engine in engines {
        let result = run_engine(engine, seconds, pause).await;
        print_engine(&result);
        results.push(result);
    }
    let targets = json!({
        "push_1000_seconds_lt": 1.0,
        "request_bytes_per_visit_lt": 2048,
        "p99_ms_at_200_devices_lt": 100.0,
        "review_p99_ms_lt": 50.0,
    });
    let passes: Vec<Value> = results
        .iter()
        .map(|r| {
            json!({
                "engine": r["engine"],
                "push_1000": r["push_1000"]["seconds"].as_f64().unwrap_or(f64::NAN) < 1.0,
                "bytes_per_visit": r["push_1000"]["request_bytes_per_visit"].as_f64().unwrap_or(f64::NAN) < 2048.0,
                "p99_busy": r["devices_busy"]["all"]["p99_ms"].as_f64().unwrap_or(f64::NAN) < 100.0,
                "p99_paced": r["devices_paced"]["all"]["p99_ms"].as_f64().unwrap_or(f64::NAN) < 100.0,
                "zero_errors": r["devices_busy"]["errors"] == 0 && r["devices_paced"]["errors"] == 0,
                "review_p99": r["review"]["lists"].as_array().is_some_and(|lists| lists.iter().all(|l| l["p99_ms"].as_f64().unwrap_or(f64::NAN) < 50.0)),
            })
        })
        .collect();
    println!();
    println!(
        "BENCH_JSON {}",
        json!({ "seconds": seconds, "cores": std::thread::available_parallelism().map(|n| n.get()).unwrap_or(0), "targets": targets, "pass": passes, "results": results })
    );
}
