//! Property test of rematching along the production path: two volunteers' phones (the
//! real device store driven as the app's sync loop drives it, over HTTP with cursor,
//! sessions and CSRF) add and edit visits and rename families offline, lose answers,
//! while the coordinator moves families between them through the API at any moment.
//! After everyone has synced:
//! - every change made on a phone reached the server exactly once — also a change made
//!   offline on the former volunteer's phone before it learned of the rematch — and
//!   none was refused;
//! - each phone holds exactly what the server gives its volunteer: the family and its
//!   visits left the former phone, and each family is on exactly one phone;
//! - no text is lost: each phone's last text of a field is in the server's record or
//!   its conflicts, unless a phone had it on screen and replaced it.

use app::domain::clock::now_ms;
use app::domain::{Family, FamilyId, Visit, VisitId};
use app::store::{Change, LocalDb};
use common::browser::{invite, organisation, Browser};
use common::phones::texts_of;
use proptest::prelude::*;
use server::db::Db;
use sqlx::Row;
use std::collections::{BTreeMap, BTreeSet};

mod common;

/// Phone 0 is Vera's, phone 1 is Wen's.
const PHONES: usize = 2;
const FAMILIES: usize = 2;

#[derive(Clone, Debug)]
enum Op {
    RenameFamily { phone: usize, family: usize },
    AddVisit { phone: usize, family: usize },
    EditVisit { phone: usize, visit: usize },
    Sync { phone: usize, lose_answer: bool },
    Rematch { family: usize, to: usize },
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        2 => (0..PHONES, 0..FAMILIES).prop_map(|(phone, family)| Op::RenameFamily { phone, family }),
        4 => (0..PHONES, 0..FAMILIES).prop_map(|(phone, family)| Op::AddVisit { phone, family }),
        4 => (0..PHONES, 0..4usize).prop_map(|(phone, visit)| Op::EditVisit { phone, visit }),
        4 => (0..PHONES, any::<bool>()).prop_map(|(phone, lose_answer)| Op::Sync { phone, lose_answer }),
        3 => (0..FAMILIES, 0..PHONES).prop_map(|(family, to)| Op::Rematch { family, to }),
    ]
}

/// Where a text was typed: (phone, record id, field).
type Place = (usize, String, &'static str);

struct World {
    db: Db,
    phones: Vec<(LocalDb, Browser)>,
    volunteers: Vec<String>,
    coordinator: Browser,
    families: Vec<FamilyId>,
    visits: Vec<VisitId>,
    typed: usize,
    accepted: BTreeSet<String>,
    last_text: BTreeMap<Place, String>,
    replaced: BTreeSet<String>,
    applied_before: i64,
}

impl World {
    async fn new(db: Db) -> World {
        let mut coordinator = organisation(&db, "MIM").await;
        let mut vera = invite(&db, &mut coordinator, "volunteer", "Vera").await;
        let mut wen = invite(&db, &mut coordinator, "volunteer", "Wen").await;
        let volunteers = vec![vera.user_id().await, wen.user_id().await];
        let families: Vec<FamilyId> = (0..FAMILIES).map(|_| FamilyId::new()).collect();
        let mut world = World {
            applied_before: count(&db, "applied_mutations").await,
            db,
            phones: vec![(LocalDb::default(), vera), (LocalDb::default(), wen)],
            volunteers,
            coordinator,
            families: families.clone(),
            visits: vec![],
            typed: 0,
            accepted: BTreeSet::new(),
            last_text: BTreeMap::new(),
            replaced: BTreeSet::new(),
        };
        for id in families {
            let name = world.text("f");
            let family = Change::Family(common::family(id, &name));
            world.change(0, family, "pseudonym", &name);
        }
        world.sync(0, false).await;
        world
    }

    fn text(&mut self, prefix: &str) -> String {
        self.typed += 1;
        format!("{prefix}{}", self.typed)
    }

    /// Saves `change` on `phone`, noting the text it typed into `field`.
    fn change(&mut self, phone: usize, change: Change, field: &'static str, text: &str) {
        let record = change.record_id();
        let db = self.phones[phone].0.with_change(change, now_ms());
        self.accepted
            .insert(db.outbox.last().unwrap().id.to_string());
        self.phones[phone].0 = db;
        self.last_text
            .insert((phone, record, field), text.to_string());
    }

    async fn run(&mut self, op: Op) {
        match op {
            Op::RenameFamily { phone, family } => {
                let Some(f) = self.phones[phone].0.family(self.families[family]).cloned() else {
                    return;
                };
                self.replaced.insert(f.pseudonym.clone());
                let name = self.text("f");
                let renamed = Family {
                    pseudonym: name.clone(),
                    updated_at_ms: now_ms(),
                    ..f
                };
                self.change(phone, Change::Family(renamed), "pseudonym", &name);
            }
            Op::AddVisit { phone, family } => {
                if self.phones[phone].0.family(self.families[family]).is_none() {
                    return;
                }
                let note = self.text("v");
                let visit = Visit {
                    updated_at_ms: now_ms(),
                    signal: None,
                    ..common::visit(self.families[family], &note)
                };
                self.visits.push(visit.id);
                self.change(phone, Change::Visit(visit), "note", &note);
            }
            Op::EditVisit { phone, visit } => {
                let Some(v) = self
                    .visits
                    .get(visit)
                    .and_then(|id| self.phones[phone].0.visit(*id))
                    .cloned()
                else {
                    return;
                };
                self.replaced.insert(v.note.clone());
                let note = self.text("v");
                let edited = Visit {
                    note: note.clone(),
                    updated_at_ms: now_ms(),
                    ..v
                };
                self.change(phone, Change::Visit(edited), "note", &note);
            }
            Op::Sync { phone, lose_answer } => self.sync(phone, lose_answer).await,
            Op::Rematch { family, to } => {
                let path = format!("/families/{}/match", self.families[family]);
                let body = serde_json::json!({ "volunteer_id": self.volunteers[to] });
                let answer = self.coordinator.post(&path, body).await;
                assert_eq!(answer.status.as_u16(), 200, "{}", answer.json);
            }
        }
    }

    /// The app's sync loop for `phone` (pages of 3).
    async fn sync(&mut self, phone: usize, lose_answer: bool) {
        let (db, browser) = &mut self.phones[phone];
        common::phones::sync(db, browser, lose_answer, 3).await;
    }
}

async fn count(db: &Db, table: &str) -> i64 {
    sqlx::query(&format!("SELECT COUNT(*) FROM {table}"))
        .fetch_one(&db.pool)
        .await
        .unwrap()
        .try_get(0)
        .unwrap()
}

/// A phone's families and visits, keyed by id (no base versions).
fn held(db: &LocalDb) -> BTreeMap<String, Change> {
    let families = db.families.values().cloned().map(Change::Family);
    let visits = db.visits.values().cloned().map(Change::Visit);
    families
        .chain(visits)
        .map(|c| (c.record_id(), c.with_base(0)))
        .collect()
}

/// The server's current record `id`, if any.
async fn stored(db: &Db, id: &str) -> Option<Change> {
    let row = sqlx::query("SELECT body FROM records WHERE id = $1")
        .bind(id)
        .fetch_optional(&db.pool)
        .await
        .unwrap()?;
    serde_json::from_str(&row.try_get::<String, _>(0).unwrap()).ok()
}

async fn check_run(db: Db, ops: Vec<Op>) -> Result<(), TestCaseError> {
    let mut world = World::new(db.clone()).await;
    for op in ops {
        world.run(op).await;
    }
    for _ in 0..2 {
        for phone in 0..PHONES {
            world.sync(phone, false).await;
        }
    }

    // Nothing refused, nothing waiting, every change applied exactly once.
    for (phone, (device, _)) in world.phones.iter().enumerate() {
        prop_assert!(
            device.outbox.is_empty(),
            "phone {} still holds {:?}",
            phone,
            device.outbox
        );
        prop_assert!(
            device.rejected.is_empty(),
            "phone {} refused {:?}",
            phone,
            device.rejected
        );
    }
    let applied = count(&db, "applied_mutations").await - world.applied_before;
    prop_assert_eq!(applied, world.accepted.len() as i64);
    let distinct = count(
        &db,
        "(SELECT DISTINCT mutation_id FROM record_versions) AS versions",
    )
    .await;
    prop_assert_eq!(distinct, count(&db, "record_versions").await);

    // Each phone holds exactly what the server gives its volunteer; each family is on
    // exactly one phone.
    for phone in 0..PHONES {
        let mut fresh = world.phones[phone].1.clone();
        let hers: BTreeMap<String, Change> = fresh
            .pull_all()
            .await
            .into_iter()
            .filter(|c| matches!(c, Change::Family(_) | Change::Visit(_)))
            .map(|c| (c.record_id(), c.with_base(0)))
            .collect();
        prop_assert_eq!(&held(&world.phones[phone].0), &hers, "phone {}", phone);
    }
    for family in &world.families {
        let on = world
            .phones
            .iter()
            .filter(|(d, _)| d.families.contains_key(family))
            .count();
        prop_assert_eq!(on, 1, "family {} is on {} phones", family, on);
    }

    // No text lost.
    for ((_, record, field), text) in &world.last_text {
        let server = stored(&world.db, record).await;
        let kept = server
            .as_ref()
            .is_some_and(|c| texts_of(c, field).contains(text))
            || world.replaced.contains(text);
        prop_assert!(kept, "{} lost from {:?}", text, server);
    }
    Ok(())
}

fn run_on(engine: &'static str, ops: Vec<Op>) -> Result<(), TestCaseError> {
    common::phones::on_engine(engine, |db| check_run(db, ops))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    #[test]
    fn sqlite_rematching_loses_nothing_doubles_nothing_and_leaves_the_former_phone(
        ops in proptest::collection::vec(op(), 1..50)
    ) {
        run_on("sqlite", ops)?;
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(8))]

    #[test]
    fn postgres_rematching_loses_nothing_doubles_nothing_and_leaves_the_former_phone(
        ops in proptest::collection::vec(op(), 1..50)
    ) {
        run_on("postgres", ops)?;
    }
}

/// The case: a visit written offline on the old phone before the rematch.
#[test]
fn a_visit_written_offline_before_the_rematch_arrives_once_then_leaves_the_old_phone() {
    use Op::*;
    let ops = vec![
        Sync {
            phone: 0,
            lose_answer: false,
        },
        AddVisit {
            phone: 0,
            family: 0,
        },
        Rematch { family: 0, to: 1 },
        Sync {
            phone: 1,
            lose_answer: false,
        },
        Sync {
            phone: 0,
            lose_answer: true,
        },
    ];
    for engine in ["sqlite", "postgres"] {
        run_on(engine, ops.clone()).unwrap();
    }
}
