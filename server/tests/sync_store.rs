//! The sync store against real databases: every test runs on SQLite (a fresh file) and
//! on the PostgreSQL of this machine (a fresh database, dropped afterwards).
//! `NAAST_TEST_POSTGRES_URL` overrides the server (default
//! `postgres://postgres@127.0.0.1:5432/test`).

mod common;

use app::domain::{DeviceId, Family, FamilyId, FamilyStatus, MutationId};
use app::store::{Change, Mutation};
use server::db::Db;
use server::sync::{self, PushOutcome};
use std::collections::BTreeSet;
use std::future::Future;

const ORG: &str = "org-dordrecht";

/// Runs `test` once on each engine, with the organisation created.
async fn on_both<F, Fut>(test: F)
where
    F: Fn(Db) -> Fut,
    Fut: Future<Output = ()>,
{
    common::with_engines(|db| {
        let test = &test;
        async move {
            sync::create_organisation(&db, ORG, "MIM Dordrecht")
                .await
                .unwrap();
            test(db).await
        }
    })
    .await
}

fn family(name: &str) -> Family {
    common::family(FamilyId::new(), name)
}

fn mutation(change: Change) -> Mutation {
    Mutation {
        id: MutationId::new(),
        at_ms: 1,
        change,
    }
}

#[tokio::test]
async fn a_pushed_record_comes_back_in_a_pull() {
    on_both(|db| async move {
        let f = family("Amina");
        let outcome = sync::push(
            &db,
            ORG,
            DeviceId::new(),
            &mutation(Change::Family(f.clone())),
        )
        .await
        .unwrap();
        assert_eq!(
            (outcome.version, outcome.outcome),
            (1, PushOutcome::Applied)
        );
        let pulled = sync::pull(&db, ORG, 0, 100).await.unwrap();
        assert_eq!(pulled.len(), 1);
        assert_eq!(pulled[0].change, Change::Family(f));
        assert_eq!(pulled[0].version, 1);
    })
    .await;
}

#[tokio::test]
async fn a_retried_push_changes_nothing_twice() {
    on_both(|db| async move {
        let device = DeviceId::new();
        let m = mutation(Change::Family(family("Samira")));
        let first = sync::push(&db, ORG, device, &m).await.unwrap();
        let retry = sync::push(&db, ORG, device, &m).await.unwrap();
        assert_eq!((first.version, first.outcome), (1, PushOutcome::Applied));
        assert_eq!((retry.version, retry.outcome), (1, PushOutcome::Duplicate));
        assert_eq!(retry.record, m.change);
        assert_eq!(sync::pull(&db, ORG, 0, 100).await.unwrap().len(), 1);
        let (entity, id) = (
            "family",
            match &m.change {
                Change::Family(f) => f.id.to_string(),
                _ => unreachable!(),
            },
        );
        assert_eq!(sync::history(&db, ORG, entity, &id).await.unwrap().len(), 1);
    })
    .await;
}

#[tokio::test]
async fn the_same_text_edited_on_two_devices_keeps_both_and_every_version() {
    on_both(|db| async move {
        let (phone, tablet) = (DeviceId::new(), DeviceId::new());
        let f = family("Kasia");
        sync::push(&db, ORG, phone, &mutation(Change::Family(f.clone())))
            .await
            .unwrap();
        // The phone edits again (its own queued edits build on each other).
        let second = Family {
            pseudonym: "Kasia B".into(),
            ..f.clone()
        };
        let second_push = sync::push(&db, ORG, phone, &mutation(Change::Family(second)))
            .await
            .unwrap();
        assert_eq!(
            (second_push.version, second_push.outcome),
            (2, PushOutcome::Applied)
        );
        // The tablet only ever saw version 1 and renamed her too.
        let stale = Family {
            pseudonym: "Katarzyna".into(),
            base_version: Some(1),
            ..f.clone()
        };
        let outcome = sync::push(&db, ORG, tablet, &mutation(Change::Family(stale)))
            .await
            .unwrap();
        assert_eq!(
            (outcome.version, outcome.outcome),
            (3, PushOutcome::Merged { conflicts: 1 })
        );
        let pulled = sync::pull(&db, ORG, 0, 10).await.unwrap();
        let Change::Family(merged) = &pulled[0].change else {
            panic!("a family")
        };
        assert_eq!(merged.pseudonym, "Kasia B");
        assert_eq!(merged.conflicts.len(), 1);
        assert_eq!(
            (
                merged.conflicts[0].mine.as_str(),
                merged.conflicts[0].theirs.as_str()
            ),
            ("Katarzyna", "Kasia B")
        );
        let versions = sync::history(&db, ORG, "family", &f.id.to_string())
            .await
            .unwrap();
        assert_eq!(
            versions.iter().map(|(v, _)| *v).collect::<Vec<_>>(),
            [1, 2, 3]
        );
    })
    .await;
}

#[tokio::test]
async fn edits_of_different_fields_on_two_devices_merge() {
    on_both(|db| async move {
        let (phone, tablet) = (DeviceId::new(), DeviceId::new());
        let f = family("Noor");
        sync::push(&db, ORG, phone, &mutation(Change::Family(f.clone())))
            .await
            .unwrap();
        let renamed = Family {
            pseudonym: "Noortje".into(),
            base_version: Some(1),
            updated_at_ms: 5,
            ..f.clone()
        };
        sync::push(&db, ORG, phone, &mutation(Change::Family(renamed)))
            .await
            .unwrap();
        let paused = Family {
            status: FamilyStatus::Paused,
            base_version: Some(1),
            updated_at_ms: 6,
            ..f.clone()
        };
        let outcome = sync::push(&db, ORG, tablet, &mutation(Change::Family(paused)))
            .await
            .unwrap();
        assert_eq!(outcome.outcome, PushOutcome::Merged { conflicts: 0 });
        let pulled = sync::pull(&db, ORG, 0, 10).await.unwrap();
        let Change::Family(merged) = &pulled[0].change else {
            panic!("a family")
        };
        assert_eq!(
            (merged.pseudonym.as_str(), merged.status),
            ("Noortje", FamilyStatus::Paused)
        );
        assert!(merged.conflicts.is_empty());
    })
    .await;
}

#[tokio::test]
async fn a_deletion_syncs_as_a_tombstone() {
    on_both(|db| async move {
        let device = DeviceId::new();
        let f = family("Noor");
        sync::push(&db, ORG, device, &mutation(Change::Family(f.clone())))
            .await
            .unwrap();
        let gone = Family {
            deleted: true,
            ..f.clone()
        };
        sync::push(&db, ORG, device, &mutation(Change::Family(gone.clone())))
            .await
            .unwrap();
        let pulled = sync::pull(&db, ORG, 0, 100).await.unwrap();
        assert_eq!(pulled.len(), 1);
        assert_eq!(pulled[0].change, Change::Family(gone));
    })
    .await;
}

#[tokio::test]
async fn pulls_page_through_changes_after_a_cursor() {
    on_both(|db| async move {
        let device = DeviceId::new();
        for i in 0..25 {
            sync::push(
                &db,
                ORG,
                device,
                &mutation(Change::Family(family(&format!("F{i}")))),
            )
            .await
            .unwrap();
        }
        let (mut cursor, mut seen) = (0, Vec::new());
        loop {
            let page = sync::pull(&db, ORG, cursor, 10).await.unwrap();
            if page.is_empty() {
                break;
            }
            assert!(page.len() <= 10);
            cursor = page.last().unwrap().seq;
            seen.extend(page.into_iter().map(|c| c.seq));
        }
        assert_eq!(seen.len(), 25);
        assert!(
            seen.windows(2).all(|w| w[0] < w[1]),
            "change numbers only grow"
        );
    })
    .await;
}

#[tokio::test]
async fn another_organisation_sees_nothing() {
    on_both(|db| async move {
        sync::create_organisation(&db, "org-groningen", "Home-Start Groningen")
            .await
            .unwrap();
        sync::push(
            &db,
            ORG,
            DeviceId::new(),
            &mutation(Change::Family(family("Amina"))),
        )
        .await
        .unwrap();
        assert!(sync::pull(&db, "org-groningen", 0, 100)
            .await
            .unwrap()
            .is_empty());
    })
    .await;
}

/// Many writers commit while one reader pulls with its cursor: every record must reach
/// the reader. A change number handed out before a slower transaction committed would
/// be skipped for good (each record here is written once).
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn concurrent_writers_never_make_a_reader_skip_a_change() {
    on_both(|db| async move {
        const WRITERS: usize = 8;
        const PER_WRITER: usize = 25;
        let writers: Vec<_> = (0..WRITERS)
            .map(|w| {
                let db = db.clone();
                tokio::spawn(async move {
                    let device = DeviceId::new();
                    let mut ids = Vec::new();
                    for i in 0..PER_WRITER {
                        let f = family(&format!("W{w}-{i}"));
                        ids.push(f.id.to_string());
                        let outcome = sync::push(&db, ORG, device, &mutation(Change::Family(f)))
                            .await
                            .unwrap();
                        assert_eq!(outcome.outcome, PushOutcome::Applied);
                    }
                    ids
                })
            })
            .collect();
        let reader = {
            let db = db.clone();
            tokio::spawn(async move {
                let (mut cursor, mut seen) = (0i64, BTreeSet::new());
                while seen.len() < WRITERS * PER_WRITER {
                    for change in sync::pull(&db, ORG, cursor, 7).await.unwrap() {
                        assert!(change.seq > cursor);
                        cursor = change.seq;
                        if let Change::Family(f) = change.change {
                            seen.insert(f.id.to_string());
                        }
                    }
                    tokio::task::yield_now().await;
                }
                seen
            })
        };
        let mut written = BTreeSet::new();
        for w in writers {
            written.extend(w.await.unwrap());
        }
        let seen = tokio::time::timeout(std::time::Duration::from_secs(60), reader)
            .await
            .expect("the reader saw every change (none skipped)")
            .unwrap();
        assert_eq!(seen, written);
    })
    .await;
}
