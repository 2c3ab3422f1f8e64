//! Two real `naast` processes on one PostgreSQL database, as behind a load balancer:
//! a device's requests land on either, and a push whose answer was lost is retried on
//! the other. This exists to prove, with the real binary and real HTTP (not two pools in
//! one process), that sessions, cursors and exactly-once hold across processes: every
//! visit is stored once, both processes hand out the same records at the same
//! versions, and every retried mutation is answered `duplicate`.

mod common;

use app::domain::{DeviceId, FamilyId, MutationId, Visit, VisitId};
use app::store::{Change, Mutation};
use axum::http::{header, Method, Request, StatusCode};
use http_body_util::{BodyExt, Full};
use hyper::body::Bytes;
use hyper_util::rt::TokioIo;
use serde_json::{json, Value};
use std::collections::BTreeMap;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

const PASSWORD: &str = "a long enough password";

/// Owns what the test started: kills both servers, drops the database and removes the
/// temporary directory however the test ends (a panic included).
struct Guard {
    children: Vec<Child>,
    db_name: Option<String>,
    dir: PathBuf,
}

impl Drop for Guard {
    fn drop(&mut self) {
        for child in &mut self.children {
            let _ = child.kill();
            let _ = child.wait();
        }
        if let Some(name) = self.db_name.take() {
            // Drop may run inside the test's runtime: drop the database from a thread of
            // its own.
            let _ = std::thread::spawn(move || {
                tokio::runtime::Builder::new_current_thread()
                    .enable_all()
                    .build()
                    .expect("a runtime")
                    .block_on(common::drop_postgres_database(&name));
            })
            .join();
        }
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

/// The environment one `naast` process runs with: the shared database, a site root
/// without a built site (the server warns and serves the API), and its own address.
fn naast(url: &str, root: &Path) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_naast"));
    command
        .env("DATABASE_URL", url)
        .env("LEPTOS_OUTPUT_NAME", "naast")
        .env("LEPTOS_SITE_ROOT", root)
        .env("LEPTOS_SITE_PKG_DIR", "pkg")
        .env("LEPTOS_HASH_FILES", "false")
        .env("NAAST_DATA_DIR", root.join("data"))
        .env("NAAST_SECURE_COOKIES", "0")
        .env("RUST_LOG", "warn")
        .current_dir(root)
        .stdin(Stdio::null());
    command
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("a free port")
        .port()
}

/// Starts one server process; its log goes to `<root>/<name>.log`.
fn start(guard: &mut Guard, url: &str, name: &str) -> (SocketAddr, PathBuf) {
    let addr: SocketAddr = format!("127.0.0.1:{}", free_port()).parse().unwrap();
    let log = guard.dir.join(format!("{name}.log"));
    let child = naast(url, &guard.dir)
        .env("LEPTOS_SITE_ADDR", addr.to_string())
        .stdout(Stdio::null())
        .stderr(std::fs::File::create(&log).expect("log file"))
        .spawn()
        .expect("start naast");
    guard.children.push(child);
    (addr, log)
}

/// Waits until the server at `addr` answers, failing with its log if it exits or hangs.
async fn wait_until_up(guard: &mut Guard, index: usize, addr: SocketAddr, log: &Path) {
    let deadline = Instant::now() + Duration::from_secs(15);
    loop {
        if let Some(status) = guard.children[index].try_wait().expect("child status") {
            panic!(
                "naast on {addr} exited with {status}:\n{}",
                std::fs::read_to_string(log).unwrap_or_default()
            );
        }
        if let Ok(answer) = call(addr, Method::GET, "/openapi.json", None, None).await {
            if answer.status == StatusCode::OK {
                return;
            }
        }
        assert!(
            Instant::now() < deadline,
            "naast on {addr} did not answer in 15 s:\n{}",
            std::fs::read_to_string(log).unwrap_or_default()
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

struct Answer {
    status: StatusCode,
    set_cookie: Option<String>,
    json: Value,
}

/// One request on a new connection (a load balancer may send each anywhere).
async fn call(
    addr: SocketAddr,
    method: Method,
    path: &str,
    session: Option<&Session>,
    body: Option<&Value>,
) -> Result<Answer, String> {
    let stream = tokio::net::TcpStream::connect(addr)
        .await
        .map_err(|e| e.to_string())?;
    let (mut sender, connection) = hyper::client::conn::http1::handshake(TokioIo::new(stream))
        .await
        .map_err(|e| e.to_string())?;
    tokio::spawn(connection);
    let mut request = Request::builder()
        .method(method)
        .uri(format!("/api/v1{path}"))
        .header(header::HOST, addr.to_string())
        .header(app::api::API_VERSION_HEADER, app::api::API_VERSION);
    if let Some(session) = session {
        request = request
            .header(header::COOKIE, &session.cookie)
            .header(app::api::CSRF_HEADER, &session.csrf);
    }
    if body.is_some() {
        request = request.header(header::CONTENT_TYPE, "application/json");
    }
    let body = body.map(|b| Bytes::from(b.to_string())).unwrap_or_default();
    let response = sender
        .send_request(request.body(Full::new(body)).unwrap())
        .await
        .map_err(|e| e.to_string())?;
    let status = response.status();
    let set_cookie = response
        .headers()
        .get(header::SET_COOKIE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .map(str::to_string);
    let bytes = response
        .into_body()
        .collect()
        .await
        .map_err(|e| e.to_string())?
        .to_bytes();
    Ok(Answer {
        status,
        set_cookie,
        json: serde_json::from_slice(&bytes).unwrap_or(Value::Null),
    })
}

/// A signed-in session: the cookie and the CSRF token that goes with it.
#[derive(Clone)]
struct Session {
    cookie: String,
    csrf: String,
}

/// Posts a form that signs someone in (a link or the sign-in form) and keeps the session.
async fn sign_in(addr: SocketAddr, path: &str, form: Value) -> Session {
    let answer = call(addr, Method::POST, path, None, Some(&form))
        .await
        .unwrap();
    assert_eq!(answer.status, StatusCode::OK, "{path}: {}", answer.json);
    Session {
        cookie: answer.set_cookie.expect("a session cookie"),
        csrf: answer.json["csrf"].as_str().expect("a CSRF token").into(),
    }
}

/// What the server should hold: each record's version and state.
type Records = BTreeMap<String, (u64, Change)>;

/// One of the volunteer's devices: its session, cursor and what it has pulled.
struct Phone {
    session: Session,
    id: DeviceId,
    cursor: i64,
    seen: Records,
    /// Visits this device created (only it edits them, so its versions stay current).
    own: Vec<VisitId>,
}

impl Phone {
    /// Pushes `batch` to `addr`; returns each mutation's outcome and version, checking
    /// that each answered record is the one the mutation described.
    async fn push(&self, addr: SocketAddr, batch: &[Mutation]) -> Vec<(String, u64)> {
        let body = json!({ "device_id": self.id, "mutations": batch });
        let answer = call(
            addr,
            Method::POST,
            "/sync/push",
            Some(&self.session),
            Some(&body),
        )
        .await
        .unwrap();
        assert_eq!(answer.status, StatusCode::OK, "{}", answer.json);
        let results = answer.json["results"].as_array().expect("results");
        assert_eq!(results.len(), batch.len());
        batch
            .iter()
            .zip(results)
            .map(|(mutation, result)| {
                assert_eq!(result["mutation_id"], mutation.id.to_string());
                // Stored as sent (here always): no record is echoed back.
                assert!(
                    result["record"].is_null(),
                    "the stored record is the one sent: {result}"
                );
                (
                    result["outcome"].as_str().unwrap().to_string(),
                    result["version"].as_u64().expect("a version"),
                )
            })
            .collect()
    }

    /// Pulls everything after its cursor in pages of `limit`, alternating processes
    /// page by page, and keeps what came.
    async fn pull(&mut self, servers: [SocketAddr; 2], first: usize, limit: i64) {
        let mut page_no = first;
        loop {
            let addr = servers[page_no % 2];
            page_no += 1;
            let path = format!("/sync/pull?after={}&limit={limit}", self.cursor);
            let answer = call(addr, Method::GET, &path, Some(&self.session), None)
                .await
                .unwrap();
            assert_eq!(answer.status, StatusCode::OK, "{}", answer.json);
            let page: app::api::PullResponse = serde_json::from_value(answer.json).unwrap();
            for pulled in page.changes {
                assert!(pulled.seq > self.cursor, "changes come after the cursor");
                let id = pulled.change.record_id();
                if let Some((version, change)) = self.seen.get(&id) {
                    // Its own acknowledged writes come back once more, unchanged.
                    assert!(pulled.version >= *version, "a record never goes back");
                    if pulled.version == *version {
                        assert_eq!(&pulled.change, change, "one version, one state");
                    }
                }
                self.cursor = pulled.seq;
                self.seen.insert(id, (pulled.version, pulled.change));
            }
            assert_eq!(page.cursor, self.cursor);
            if !page.more {
                return;
            }
        }
    }
}

fn visit(family: FamilyId, note: &str) -> Visit {
    Visit {
        signal: None,
        updated_at_ms: app::domain::clock::now_ms(),
        ..common::visit(family, note)
    }
}

fn mutation(change: Change) -> Mutation {
    Mutation {
        id: MutationId::new(),
        at_ms: app::domain::clock::now_ms(),
        change,
    }
}

/// Notes a mutation the server applied as `version` in the expected state.
fn expect(records: &mut Records, mutation: &Mutation, version: u64) {
    let id = mutation.change.record_id();
    let previous = records.get(&id).map_or(0, |(v, _)| *v);
    assert_eq!(version, previous + 1, "each write makes the next version");
    records.insert(id, (version, mutation.change.clone()));
}

/// Everything the organisation's records are, pulled in one go through `addr`.
async fn everything(addr: SocketAddr, session: &Session) -> Records {
    let answer = call(
        addr,
        Method::GET,
        "/sync/pull?after=0&limit=1000",
        Some(session),
        None,
    )
    .await
    .unwrap();
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.json);
    let page: app::api::PullResponse = serde_json::from_value(answer.json).unwrap();
    assert!(!page.more);
    let mut records = Records::new();
    for pulled in page.changes {
        let id = pulled.change.record_id();
        let earlier = records.insert(id.clone(), (pulled.version, pulled.change));
        assert!(earlier.is_none(), "record {id} came twice in one pull");
    }
    records
}

#[tokio::test]
async fn two_processes_on_one_postgres_store_every_visit_once() {
    let (url, db_name) = common::create_postgres_database().await;
    let dir = std::env::temp_dir().join(format!("naast-two-{}", uuid::Uuid::new_v4().simple()));
    std::fs::create_dir_all(&dir).unwrap();
    let mut guard = Guard {
        children: Vec::new(),
        db_name: Some(db_name),
        dir,
    };

    // Both start at once on the empty database: migrations must not trip over each other.
    let (a, log_a) = start(&mut guard, &url, "a");
    let (b, log_b) = start(&mut guard, &url, "b");
    wait_until_up(&mut guard, 0, a, &log_a).await;
    wait_until_up(&mut guard, 1, b, &log_b).await;
    let servers = [a, b];

    // The operator's setup link, from the binary itself.
    let output = naast(&url, &guard.dir).arg("setup-link").output().unwrap();
    assert!(output.status.success(), "{output:?}");
    let path = String::from_utf8(output.stdout).unwrap().trim().to_string();
    let code = path
        .strip_prefix("/welcome/")
        .unwrap_or_else(|| panic!("a setup link path, not {path:?}"));

    // Organisation and volunteer through A.
    let admin = sign_in(
        a,
        &format!("/links/{code}"),
        json!({ "organisation": "MIM Twee", "display_name": "Coordinator", "username": "coordinator", "password": PASSWORD }),
    )
    .await;
    let invite = call(
        a,
        Method::POST,
        "/invites",
        Some(&admin),
        Some(&json!({ "role": "volunteer" })),
    )
    .await
    .unwrap();
    assert_eq!(invite.status, StatusCode::OK, "{}", invite.json);
    let invite_code = invite.json["code"].as_str().unwrap();
    let vera = sign_in(
        a,
        &format!("/links/{invite_code}"),
        json!({ "display_name": "Vera", "username": "vera", "password": PASSWORD }),
    )
    .await;
    // Her other two devices sign in on B and on A: each process accepts the other's
    // sessions, since they live in the database.
    let login = json!({ "username": "vera", "password": PASSWORD });
    let laptop = sign_in(b, "/session", login.clone()).await;
    let tablet = sign_in(a, "/session", login).await;
    let mut phones: Vec<Phone> = [vera, laptop, tablet]
        .into_iter()
        .map(|session| Phone {
            session,
            id: DeviceId::new(),
            cursor: 0,
            seen: Records::new(),
            own: Vec::new(),
        })
        .collect();

    let mut expected = Records::new();
    let mut mutations_sent = 0;
    let family = FamilyId::new();
    let first = mutation(Change::Family(common::family(family, "Amal")));
    let answer = phones[0].push(a, std::slice::from_ref(&first)).await;
    assert_eq!(answer, [("applied".to_string(), 1)]);
    expect(&mut expected, &first, 1);
    mutations_sent += 1;

    // Rounds in turn: each device pushes new visits and an edit of one of its own to one
    // process; some answers are "lost" and the batch is retried on the other process,
    // with whatever the device wrote meanwhile appended; then it pulls, page by page
    // from alternating processes.
    for round in 0..4 {
        for d in 0..phones.len() {
            let (here, there) = (servers[(round + d) % 2], servers[(round + d + 1) % 2]);
            let mut batch = vec![
                mutation(Change::Visit(visit(
                    family,
                    &format!("round {round} device {d} a"),
                ))),
                mutation(Change::Visit(visit(
                    family,
                    &format!("round {round} device {d} b"),
                ))),
            ];
            if let Some(own) = phones[d].own.last() {
                let (version, Change::Visit(mut edited)) = phones[d].seen[&own.to_string()].clone()
                else {
                    panic!("a visit");
                };
                edited.note = format!("{} (edited in round {round})", edited.note);
                edited.base_version = Some(version);
                edited.updated_at_ms = app::domain::clock::now_ms();
                batch.push(mutation(Change::Visit(edited)));
            }
            let lost = (round + d) % 3 == 0;
            let outcomes = phones[d].push(here, &batch).await;
            assert!(outcomes.iter().all(|(o, _)| o == "applied"), "{outcomes:?}");
            let acks = if lost {
                // The answer never reached the device: it sends the same batch again,
                // plus a visit written meanwhile, and reaches the other process.
                let mut retry = batch.clone();
                retry.push(mutation(Change::Visit(visit(family, "written offline"))));
                let again = phones[d].push(there, &retry).await;
                for (i, (outcome, version)) in again.iter().enumerate() {
                    if i < batch.len() {
                        assert_eq!(outcome, "duplicate", "a retried mutation is a duplicate");
                        assert_eq!(*version, outcomes[i].1, "the retry names the first version");
                    } else {
                        assert_eq!(outcome, "applied");
                    }
                }
                batch = retry;
                again
            } else {
                outcomes
            };
            for (m, (_, version)) in batch.iter().zip(&acks) {
                expect(&mut expected, m, *version);
                if m.change.base_version().is_none() {
                    if let Change::Visit(v) = &m.change {
                        phones[d].own.push(v.id);
                    }
                }
                phones[d]
                    .seen
                    .insert(m.change.record_id(), (*version, m.change.clone()));
            }
            mutations_sent += batch.len();
            phones[d].pull(servers, round + d + 1, 3).await;
        }
    }

    // All at once: each device sends the same new batch to both processes
    // simultaneously. Each mutation is applied by exactly one of them; the other answers
    // duplicate with the same version.
    let racing: Vec<Vec<Mutation>> = (0..phones.len())
        .map(|d| {
            (0..4)
                .map(|i| mutation(Change::Visit(visit(family, &format!("race {d}.{i}")))))
                .collect()
        })
        .collect();
    let mut both = tokio::task::JoinSet::new();
    for (d, batch) in racing.iter().enumerate() {
        for addr in servers {
            let (session, id, batch) = (phones[d].session.clone(), phones[d].id, batch.clone());
            both.spawn(async move {
                let phone = Phone {
                    session,
                    id,
                    cursor: 0,
                    seen: Records::new(),
                    own: Vec::new(),
                };
                (d, phone.push(addr, &batch).await)
            });
        }
    }
    let mut answers: BTreeMap<usize, Vec<Vec<(String, u64)>>> = BTreeMap::new();
    while let Some(done) = both.join_next().await {
        let (d, outcomes) = done.expect("a racing push");
        answers.entry(d).or_default().push(outcomes);
    }
    for (d, batch) in racing.iter().enumerate() {
        let [x, y] = &answers[&d][..] else {
            panic!("two answers")
        };
        for (i, m) in batch.iter().enumerate() {
            let mut pair = [x[i].0.as_str(), y[i].0.as_str()];
            pair.sort();
            assert_eq!(pair, ["applied", "duplicate"], "mutation {i} of device {d}");
            assert_eq!((x[i].1, y[i].1), (1, 1));
            expect(&mut expected, m, 1);
        }
        mutations_sent += batch.len();
    }

    // Every device catches up, and everyone agrees with what was sent.
    for (d, phone) in phones.iter_mut().enumerate() {
        phone.pull(servers, d, 4).await;
        assert_eq!(phone.seen, expected, "device {d} holds every record once");
    }
    let vera = phones[0].session.clone();
    let (from_a, from_b) = (everything(a, &vera).await, everything(b, &vera).await);
    assert_eq!(from_a, expected, "A hands out every record at its version");
    assert_eq!(from_b, expected, "B hands out the same");
    // The coordinator reads the notes from either server, and pulls none to her device.
    let review = call(b, Method::GET, "/visits?limit=200", Some(&admin), None)
        .await
        .unwrap();
    let visits_expected = expected
        .values()
        .filter(|(_, c)| matches!(c, Change::Visit(_)))
        .count();
    assert_eq!(
        review.json["visits"].as_array().unwrap().len(),
        visits_expected,
        "the coordinator's view"
    );
    assert!(
        everything(b, &admin).await.is_empty(),
        "her own device gets none of it"
    );

    // And in the database itself: one row per record, one per version, one per mutation.
    let pool = sqlx::PgPool::connect(&url).await.unwrap();
    let count = |table: &'static str| {
        let pool = pool.clone();
        async move {
            sqlx::query_scalar::<_, i64>(&format!("SELECT count(*) FROM {table}"))
                .fetch_one(&pool)
                .await
                .unwrap() as usize
        }
    };
    let versions: u64 = expected.values().map(|(v, _)| v).sum();
    assert_eq!(count("records").await, expected.len());
    assert_eq!(count("record_versions").await as u64, versions);
    assert_eq!(count("applied_mutations").await, mutations_sent);
    pool.close().await;
    drop(guard);
}
