//! Phones in the property tests: the app's sync loop over HTTP, a test run on a fresh
//! database of either engine, and where a typed text ended up in a record.

use super::browser::Browser;
use app::api::{PullResponse, PushRequest, PushResponse};
use app::store::{Change, LocalDb};
use proptest::test_runner::TestCaseError;
use server::db::Db;
use std::future::Future;

/// The app's sync loop, over HTTP: push every batch (with the device's cursor), then
/// pull every page of `page` changes. With `lose_answer` the first push's answer never
/// reaches the phone (it sends the batch again).
pub async fn sync(db: &mut LocalDb, browser: &mut Browser, mut lose_answer: bool, page: usize) {
    loop {
        let batch: Vec<_> = db.pushable().into_iter().take(200).collect();
        if batch.is_empty() {
            break;
        }
        let request = PushRequest {
            device_id: db.device_id,
            cursor: db.cursor,
            mutations: &batch,
        };
        let answer = browser
            .post("/sync/push", serde_json::to_value(&request).unwrap())
            .await;
        assert!(answer.status.is_success(), "{}", answer.json);
        if std::mem::take(&mut lose_answer) {
            continue;
        }
        let answer: PushResponse = serde_json::from_value(answer.json).unwrap();
        *db = db.take_push_answer(&batch, answer).expect("an answer");
    }
    loop {
        let answer = browser
            .get(&format!("/sync/pull?after={}&limit={page}", db.cursor))
            .await;
        assert!(answer.status.is_success(), "{}", answer.json);
        let taken: PullResponse = serde_json::from_value(answer.json).unwrap();
        *db = db.take_pull_page(&taken);
        if !taken.more {
            break;
        }
    }
}

/// Runs `check` on a fresh database of `engine` (`sqlite` or `postgres`), then drops it.
pub fn on_engine<F, Fut>(engine: &'static str, check: F) -> Result<(), TestCaseError>
where
    F: FnOnce(Db) -> Fut,
    Fut: Future<Output = Result<(), TestCaseError>>,
{
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    runtime.block_on(async move {
        match engine {
            "sqlite" => {
                let dir = std::env::temp_dir()
                    .join(format!("naast-phones-{}", uuid::Uuid::new_v4().simple()));
                let db = Db::open(None, &dir).await.unwrap();
                let outcome = check(db.clone()).await;
                db.pool.close().await;
                let _ = std::fs::remove_dir_all(dir);
                outcome
            }
            _ => {
                let (url, name) = super::create_postgres_database().await;
                let db = Db::connect(&url).await.unwrap();
                let outcome = check(db.clone()).await;
                db.pool.close().await;
                super::drop_postgres_database(&name).await;
                outcome
            }
        }
    })
}

/// The text of `field` of a stored record, and its conflicting texts.
pub fn texts_of(change: &Change, field: &str) -> Vec<String> {
    let (text, conflicts) = match change {
        Change::Family(f) if field == "pseudonym" => (f.pseudonym.clone(), &f.conflicts),
        Change::Visit(v) if field == "note" => (v.note.clone(), &v.conflicts),
        _ => return vec![],
    };
    std::iter::once(text)
        .chain(
            conflicts
                .iter()
                .flat_map(|c| [c.mine.clone(), c.theirs.clone()]),
        )
        .collect()
}
