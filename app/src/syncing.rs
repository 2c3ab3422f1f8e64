//! The device's sync loop: pushes the outbox in batches, takes the server's answers
//! (acknowledged, merged, refused with a reason), then pulls every page of changes after
//! the cursor. It runs by itself — on start, on coming back online, every few minutes
//! while online and shortly after each save — and on the "sync now" button. Every step
//! is written to the device store atomically, so a cut connection or a killed server
//! at any moment only means the next run picks up where this one stopped; the server's
//! idempotent push makes the retries harmless.

use crate::api::{PullResponse, PushRequest, PushResponse, PUSH_MAX_MUTATIONS};
use crate::diary::Diary;
use crate::net::{ApiFailure, Call};
use crate::prompts::Prompts;
use crate::store::LocalDb;
use leptos::prelude::*;

/// How often to sync while online, besides the other triggers.
pub const INTERVAL_MS: u64 = 3 * 60_000;
/// Pause after a save before syncing, so several quick saves go in one push.
pub const AFTER_SAVE_MS: u64 = 800;
/// Page size of a pull.
pub const PULL_PAGE: i64 = 500;

/// What the sync loop is doing or what stopped it last.
#[derive(Clone, Debug, PartialEq)]
pub enum SyncStatus {
    /// Not running; the last run (if any) went well.
    Idle,
    /// Running now.
    Syncing,
    /// The last run found no connection.
    Offline,
    /// Nobody signed in on this device.
    SignedOut,
    /// The session ended (expired, reset, signed out elsewhere): sign in again.
    Expired,
    /// The server answered with this problem code.
    Failed(String),
}

/// The sync loop's handle, shared through context.
#[derive(Clone, Copy)]
pub struct Syncer {
    /// Shown in the header and on the settings page.
    pub status: RwSignal<SyncStatus>,
    running: StoredValue<bool>,
    again: StoredValue<bool>,
    diary: Diary,
    prompts: Prompts,
}

impl Syncer {
    /// Creates the handle and makes it available to every component.
    pub fn provide(diary: Diary, prompts: Prompts) -> Syncer {
        let syncer = Syncer {
            status: RwSignal::new(SyncStatus::Idle),
            running: StoredValue::new(false),
            again: StoredValue::new(false),
            diary,
            prompts,
        };
        provide_context(syncer);
        syncer
    }

    /// Starts the triggers: now, on coming online, on an interval, and after saves.
    /// Call once the store is loaded, in the browser.
    pub fn start(self, online: ReadSignal<bool>) {
        self.sync_now();
        Effect::new(move |was_online: Option<bool>| {
            let now_online = online.get();
            if now_online && was_online == Some(false) {
                self.sync_now();
            }
            now_online
        });
        let _ = set_interval_with_handle(
            move || {
                if online.get_untracked() {
                    self.sync_now();
                }
            },
            std::time::Duration::from_millis(INTERVAL_MS),
        );
        let waiting = Memo::new(move |_| {
            self.diary
                .db
                .with(|db| db.as_ref().map_or(0, |db| db.pushable().len()))
        });
        Effect::new(move |before: Option<usize>| {
            let now = waiting.get();
            if before.is_some_and(|b| now > b) {
                set_timeout(
                    move || self.sync_now(),
                    std::time::Duration::from_millis(AFTER_SAVE_MS),
                );
            }
            now
        });
    }

    /// Runs a sync unless one is running (then one more run follows it). While the
    /// browser knows it has no network, nothing is sent: coming back online starts a run.
    pub fn sync_now(self) {
        if !crate::pwa::browser_online() {
            self.status.set(SyncStatus::Offline);
            return;
        }
        if self.running.get_value() {
            self.again.set_value(true);
            return;
        }
        self.running.set_value(true);
        leptos::task::spawn_local(async move {
            loop {
                self.again.set_value(false);
                self.status.set(SyncStatus::Syncing);
                let outcome = run(self.diary, self.prompts).await;
                self.status.set(match outcome {
                    Ok(()) => SyncStatus::Idle,
                    Err(status) => status,
                });
                if !self.again.get_value() {
                    break;
                }
            }
            self.running.set_value(false);
        });
    }
}

/// The sync loop of the app root.
pub fn use_syncer() -> Syncer {
    expect_context::<Syncer>()
}

fn status_of(failure: ApiFailure) -> SyncStatus {
    match failure {
        ApiFailure::Offline => SyncStatus::Offline,
        ApiFailure::Problem(p) if matches!(p.code.as_str(), "not_signed_in" | "csrf") => {
            SyncStatus::Expired
        }
        ApiFailure::Problem(p) => SyncStatus::Failed(p.code),
    }
}

fn commit(diary: Diary, change: impl FnOnce(&LocalDb) -> LocalDb) -> Result<(), SyncStatus> {
    diary
        .commit(|db| Some(change(db)))
        .map_err(|_| SyncStatus::Failed("storage".into()))
}

/// One complete sync: push everything pushable, pull every page, then bring the
/// conversation catalogue up to date. Without an account only the (starter) catalogue
/// is fetched.
async fn run(diary: Diary, prompts: Prompts) -> Result<(), SyncStatus> {
    let Some((account, device_id)) = diary.db.with_untracked(|db| {
        db.as_ref()
            .and_then(|db| db.account.clone().map(|a| (a, db.device_id)))
    }) else {
        let _ = prompts.refresh(None).await;
        return Err(SyncStatus::SignedOut);
    };
    let owner = Some(account.user_id.clone());
    let csrf = Some(account.csrf);
    loop {
        let batch: Vec<_> = diary.db.with_untracked(|db| {
            db.as_ref().map_or(vec![], |db| {
                db.pushable().into_iter().take(PUSH_MAX_MUTATIONS).collect()
            })
        });
        if batch.is_empty() {
            break;
        }
        let cursor = diary
            .db
            .with_untracked(|db| db.as_ref().map_or(0, |db| db.cursor));
        let request = PushRequest {
            device_id,
            cursor,
            mutations: &batch,
        };
        let answer: PushResponse = Call::post("/sync/push", &request, csrf.clone())
            .json()
            .await
            .map_err(status_of)?;
        let mut taken = false;
        diary
            .commit(|db| {
                let next = db.take_push_answer(&batch, answer);
                taken = next.is_some();
                next
            })
            .map_err(|_| SyncStatus::Failed("storage".into()))?;
        if !taken {
            return Err(SyncStatus::Failed("internal".into()));
        }
    }
    loop {
        let after = diary
            .db
            .with_untracked(|db| db.as_ref().map_or(0, |db| db.cursor));
        let page: PullResponse = Call::get(format!("/sync/pull?after={after}&limit={PULL_PAGE}"))
            .json()
            .await
            .map_err(status_of)?;
        commit(diary, |db| db.take_pull_page(&page))?;
        if !page.more {
            break;
        }
    }
    prompts.refresh(owner).await.map_err(status_of)?;
    commit(diary, |db| LocalDb {
        last_synced_ms: Some(crate::domain::clock::now_ms()),
        ..db.clone()
    })
}
