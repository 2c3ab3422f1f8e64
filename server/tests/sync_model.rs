//! Property test of sync as a whole: three devices (the real device-store logic) edit
//! the same families while offline, push with lost responses, duplicated requests and
//! requests delivered out of order,
//! pull in small pages, and the server (the real store) restarts in between — on
//! SQLite, and on PostgreSQL with two server instances (separate pools, as two
//! processes would have) that the devices reach alternately.
//! After everyone has synced, compared with what was typed:
//! - every mutation made on a device was applied exactly once;
//! - every device holds exactly the server's records;
//! - no text is lost: each device's last text for a record is in the record or in its
//!   conflicts (unless a device had it on screen and replaced it), and every text ever
//!   pushed is in the history.

use app::domain::{Family, FamilyId};
use app::store::sync::Ack;
use app::store::{Change, LocalDb};
use proptest::prelude::*;
use server::db::Db;
use server::sync;
use sqlx::Row;

mod common;
use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

const ORG: &str = "org-model";
const DEVICES: usize = 3;
const RECORDS: usize = 3;

#[derive(Clone, Debug)]
enum Op {
    Edit {
        device: usize,
        record: usize,
    },
    Push {
        device: usize,
        lose_response: bool,
        send_twice: bool,
        reorder: bool,
    },
    Pull {
        device: usize,
    },
    RestartServer,
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        4 => (0..DEVICES, 0..RECORDS).prop_map(|(device, record)| Op::Edit { device, record }),
        3 => (0..DEVICES, any::<bool>(), any::<bool>(), any::<bool>())
            .prop_map(|(device, lose_response, send_twice, reorder)| Op::Push { device, lose_response, send_twice, reorder }),
        2 => (0..DEVICES).prop_map(|device| Op::Pull { device }),
        1 => Just(Op::RestartServer),
    ]
}

/// Where the server store lives for one run.
#[derive(Clone, Copy, Debug)]
enum Backend {
    /// One server on a fresh SQLite file.
    Sqlite,
    /// Two server instances on one fresh PostgreSQL database.
    TwoServersOnPostgres,
}

struct World {
    servers: Vec<Db>,
    turn: usize,
    url: String,
    dir: PathBuf,
    pg_name: Option<String>,
    devices: Vec<LocalDb>,
    records: Vec<FamilyId>,
    typed: usize,
    mutations_made: BTreeSet<String>,
    /// Mutations that arrived after a later edit of their device (out of order): applied
    /// once, without a new version.
    superseded: BTreeSet<String>,
    last_text: BTreeMap<(usize, FamilyId), String>,
    /// Texts a device had on screen and then replaced on purpose.
    replaced: BTreeSet<String>,
}

impl World {
    async fn new(backend: Backend) -> World {
        let dir =
            std::env::temp_dir().join(format!("naast-model-{}", uuid::Uuid::new_v4().simple()));
        std::fs::create_dir_all(&dir).unwrap();
        let (url, pg_name, instances) = match backend {
            Backend::Sqlite => (
                format!("sqlite://{}?mode=rwc", dir.join("naast.db").display()),
                None,
                1,
            ),
            Backend::TwoServersOnPostgres => {
                let (url, name) = common::create_postgres_database().await;
                (url, Some(name), 2)
            }
        };
        let mut servers = Vec::new();
        for _ in 0..instances {
            servers.push(Db::connect(&url).await.unwrap());
        }
        sync::create_organisation(&servers[0], ORG, "Model")
            .await
            .unwrap();
        let records: Vec<FamilyId> = (0..RECORDS).map(|_| FamilyId::new()).collect();
        // Device 0 creates the families; everyone syncs once before going offline.
        let mut first = LocalDb::default();
        for (i, id) in records.iter().enumerate() {
            first = first.with_change(
                Change::Family(common::family(*id, &format!("start-{i}"))),
                0,
            );
        }
        let mut world = World {
            servers,
            turn: 0,
            url,
            dir,
            pg_name,
            devices: vec![first, LocalDb::default(), LocalDb::default()],
            records,
            typed: 0,
            mutations_made: BTreeSet::new(),
            superseded: BTreeSet::new(),
            last_text: BTreeMap::new(),
            replaced: BTreeSet::new(),
        };
        world.note_outbox(0);
        world.push(0, false, false, false).await;
        for d in 0..DEVICES {
            world.pull(d).await;
        }
        world
    }

    /// The server instance the next request reaches (round robin, like a load balancer).
    fn server(&mut self) -> Db {
        self.turn += 1;
        self.servers[self.turn % self.servers.len()].clone()
    }

    fn note_outbox(&mut self, device: usize) {
        for m in &self.devices[device].outbox {
            self.mutations_made.insert(m.id.to_string());
        }
    }

    fn edit(&mut self, device: usize, record: usize) {
        let id = self.records[record];
        let Some(current) = self.devices[device].family(id).cloned() else {
            return;
        };
        self.typed += 1;
        let text = format!("d{device}-t{}", self.typed);
        self.replaced.insert(current.pseudonym.clone());
        let edited = Family {
            pseudonym: text.clone(),
            updated_at_ms: self.typed as i64,
            ..current
        };
        self.devices[device] =
            self.devices[device].with_change(Change::Family(edited), self.typed as i64);
        self.last_text.insert((device, id), text);
        self.note_outbox(device);
    }

    /// Pushes the device's outbox; `reorder` delivers the requests newest first, as a
    /// network may when several are in flight.
    async fn push(&mut self, device: usize, lose_response: bool, send_twice: bool, reorder: bool) {
        let device_id = self.devices[device].device_id;
        let mut batch = self.devices[device].outbox.clone();
        if reorder {
            batch.reverse();
        }
        let db = self.server();
        let mut acks = Vec::new();
        for _ in 0..(1 + usize::from(send_twice)) {
            acks.clear();
            for m in &batch {
                let pushed = sync::push(&db, ORG, device_id, m).await.unwrap();
                if pushed.outcome == sync::PushOutcome::Superseded {
                    self.superseded.insert(m.id.to_string());
                }
                acks.push(Ack {
                    mutation: m.id,
                    version: pushed.version as u64,
                    record: pushed.record,
                });
            }
        }
        if !lose_response {
            self.devices[device] = self.devices[device].acknowledge(&acks);
        }
    }

    async fn pull(&mut self, device: usize) {
        loop {
            let cursor = self.devices[device].cursor;
            let db = self.server();
            let page = sync::pull(&db, ORG, cursor, 2).await.unwrap();
            if page.is_empty() {
                break;
            }
            self.devices[device] = self.devices[device].apply_pulled(&page);
        }
    }

    async fn restart(&mut self) {
        for db in &mut self.servers {
            db.pool.close().await;
            *db = Db::connect(&self.url).await.unwrap();
        }
    }

    async fn finish(self) {
        for db in &self.servers {
            db.pool.close().await;
        }
        if let Some(name) = &self.pg_name {
            common::drop_postgres_database(name).await;
        }
        let _ = std::fs::remove_dir_all(&self.dir);
    }

    async fn run(&mut self, op: Op) {
        match op {
            Op::Edit { device, record } => self.edit(device, record),
            Op::Push {
                device,
                lose_response,
                send_twice,
                reorder,
            } => self.push(device, lose_response, send_twice, reorder).await,
            Op::Pull { device } => self.pull(device).await,
            Op::RestartServer => self.restart().await,
        }
    }

    async fn settle(&mut self) {
        for _ in 0..3 {
            for d in 0..DEVICES {
                self.push(d, false, false, false).await;
            }
            for d in 0..DEVICES {
                self.pull(d).await;
            }
        }
    }

    async fn server_records(&self) -> BTreeMap<FamilyId, Family> {
        sync::pull(&self.servers[0], ORG, 0, 1000)
            .await
            .unwrap()
            .into_iter()
            .filter_map(|c| match c.change {
                Change::Family(f) => Some((f.id, f)),
                _ => None,
            })
            .collect()
    }

    async fn count(&self, table: &str) -> i64 {
        sqlx::query(&format!("SELECT COUNT(*) FROM {table}"))
            .fetch_one(&self.servers[0].pool)
            .await
            .unwrap()
            .try_get(0)
            .unwrap()
    }

    async fn history_text(&self) -> String {
        sqlx::query("SELECT body FROM record_versions")
            .fetch_all(&self.servers[0].pool)
            .await
            .unwrap()
            .into_iter()
            .map(|r| r.try_get::<String, _>(0).unwrap())
            .collect::<Vec<_>>()
            .join("\n")
    }
}

fn without_base(f: &Family) -> Family {
    Family {
        base_version: None,
        ..f.clone()
    }
}

/// Runs one generated history against `backend` and checks the outcome.
fn check(backend: Backend, ops: Vec<Op>) -> Result<(), TestCaseError> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    runtime.block_on(async {
        let mut world = World::new(backend).await;
        for op in ops {
            world.run(op).await;
        }
        world.settle().await;

        // Exactly once.
        let made = world.mutations_made.len() as i64;
        prop_assert_eq!(world.count("applied_mutations").await, made);
        let versions = made - world.superseded.len() as i64;
        prop_assert_eq!(world.count("record_versions").await, versions);
        for device in &world.devices {
            prop_assert!(device.outbox.is_empty());
        }

        // Everyone converged on the server's records.
        let server = world.server_records().await;
        for device in &world.devices {
            for (id, record) in &server {
                prop_assert_eq!(
                    device.family(*id).map(without_base),
                    Some(without_base(record))
                );
            }
        }

        // No text lost: a device's last text is in the record or its conflicts,
        // unless someone saw it on screen and replaced it on purpose.
        for ((_, id), text) in &world.last_text {
            let record = &server[id];
            let kept = record.pseudonym == *text
                || record
                    .conflicts
                    .iter()
                    .any(|c| c.mine == *text || c.theirs == *text)
                || world.replaced.contains(text);
            prop_assert!(kept, "{text} lost from {record:?}");
        }
        let history = world.history_text().await;
        for t in 1..=world.typed {
            let typed_on_some_device = world
                .last_text
                .values()
                .any(|x| x.ends_with(&format!("-t{t}")));
            if typed_on_some_device {
                prop_assert!(
                    history.contains(&format!("-t{t}\"")),
                    "text {t} missing from history"
                );
            }
        }
        world.finish().await;
        Ok(())
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(32))]

    #[test]
    fn every_change_reaches_everyone_once_and_no_text_is_lost(ops in proptest::collection::vec(op(), 1..40)) {
        check(Backend::Sqlite, ops)?;
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(12))]

    #[test]
    fn two_servers_on_one_postgres_lose_nothing_and_double_nothing(ops in proptest::collection::vec(op(), 1..40)) {
        check(Backend::TwoServersOnPostgres, ops)?;
    }
}
