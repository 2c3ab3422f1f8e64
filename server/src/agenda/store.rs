//! Agenda records in the store: written by the server as the organisation's (every
//! volunteer's pull carries them), each edit based on the version its editor saw — a
//! stale one is refused whole, nothing is overwritten or half-written — and the public
//! link, of which each organisation has at most one.

use crate::db::{Db, DbError};
use crate::sync::{EVERYONE, SERVER_DEVICE};
use app::domain::{Group, MutationId, Session};
use app::store::{Change, Mutation};
use chrono::NaiveDate;
use sqlx::Row;
use std::collections::HashMap;
use std::sync::{Arc, LazyLock, Mutex};

/// Why an agenda change was not stored.
#[derive(Debug, thiserror::Error)]
pub enum AgendaError {
    /// Someone changed the record since the editor read it (or it exists already).
    #[error("this was changed in the meantime")]
    Stale,
    /// The store failed.
    #[error(transparent)]
    Db(#[from] DbError),
}

impl From<sqlx::Error> for AgendaError {
    fn from(error: sqlx::Error) -> Self {
        AgendaError::Db(error.into())
    }
}

/// Stores agenda records in one transaction, each at its next version, and returns them
/// as stored. A record whose base version is not the stored one makes it all stale.
pub async fn save(db: &Db, org: &str, changes: Vec<Change>) -> Result<Vec<Change>, AgendaError> {
    let mut tx = db.pool.begin().await?;
    let first = crate::sync::reserve_change_numbers(&mut tx, org, changes.len() as i64).await?;
    let now = app::domain::clock::now_ms();
    let mut stored = Vec::with_capacity(changes.len());
    for (n, change) in changes.into_iter().enumerate() {
        let version: Option<i64> = sqlx::query_scalar(
            "SELECT version FROM records WHERE org_id = $1 AND entity = $2 AND id = $3",
        )
        .bind(org)
        .bind(change.entity())
        .bind(change.record_id())
        .fetch_optional(&mut *tx)
        .await?;
        if version.map(|v| v as u64) != change.base_version() {
            return Err(AgendaError::Stale);
        }
        let mutation = Mutation {
            id: MutationId::new(),
            at_ms: now,
            change,
        };
        let pushed = crate::sync::apply(
            &mut tx,
            org,
            EVERYONE,
            SERVER_DEVICE,
            &mutation,
            first + n as i64,
        )
        .await?;
        stored.push(pushed.record.with_base(pushed.version as u64));
    }
    tx.commit().await?;
    Ok(stored)
}

/// The organisation's whole agenda as stored at one moment: read once per change and
/// kept in memory, since mothers' calendar apps and pages ask for it over and over.
#[derive(Debug, Default)]
pub struct Snapshot {
    /// The newest change number among the agenda's records (0: none yet).
    pub stamp: i64,
    /// Every live group, by Dutch name.
    pub groups: Vec<Group>,
    /// Every live session, by day and time.
    pub sessions: Vec<Session>,
}

/// Snapshots by organisation (a handful of organisations per server).
static SNAPSHOTS: LazyLock<Mutex<HashMap<String, Arc<Snapshot>>>> = LazyLock::new(Default::default);

/// The organisation's agenda now: the kept snapshot while no agenda record changed
/// since (one indexed look-up), else read anew.
pub async fn snapshot(db: &Db, org: &str) -> Result<Arc<Snapshot>, DbError> {
    let stamp: i64 = sqlx::query_scalar(
        "SELECT COALESCE(MAX(seq), 0) FROM records WHERE org_id = $1 AND owner_id = $2",
    )
    .bind(org)
    .bind(EVERYONE)
    .fetch_one(&db.pool)
    .await?;
    let kept = SNAPSHOTS.lock().ok().and_then(|s| s.get(org).cloned());
    if let Some(kept) = kept.filter(|k| k.stamp == stamp) {
        return Ok(kept);
    }
    let rows = sqlx::query(
        "SELECT version, body FROM records WHERE org_id = $1 AND owner_id = $2 AND deleted = 0",
    )
    .bind(org)
    .bind(EVERYONE)
    .fetch_all(&db.pool)
    .await?;
    let mut read = Snapshot {
        stamp,
        ..Snapshot::default()
    };
    for row in rows {
        let version = row.try_get::<i64, _>(0)? as u64;
        match crate::sync::decode(&row.try_get::<String, _>(1)?)?.with_base(version) {
            Change::Group(g) => read.groups.push(g),
            Change::Session(s) => read.sessions.push(s),
            _ => {}
        }
    }
    read.groups
        .sort_by(|a, b| a.name.raw("nl").cmp(b.name.raw("nl")));
    read.sessions.sort_by_key(|s| (s.date, s.starts, s.id));
    let read = Arc::new(read);
    if let Ok(mut kept) = SNAPSHOTS.lock() {
        kept.insert(org.to_string(), read.clone());
    }
    Ok(read)
}

/// The organisation's groups, by Dutch name.
pub async fn groups(db: &Db, org: &str) -> Result<Vec<Group>, DbError> {
    Ok(snapshot(db, org).await?.groups.clone())
}

/// The organisation's sessions on `from` or later, by day and time.
pub async fn sessions_from(db: &Db, org: &str, from: NaiveDate) -> Result<Vec<Session>, DbError> {
    let all = snapshot(db, org).await?;
    Ok(all
        .sessions
        .iter()
        .filter(|s| s.date >= from)
        .cloned()
        .collect())
}

/// The public page's path for a token.
pub fn public_path(token: &str) -> String {
    format!("/agenda/{token}")
}

/// Makes the organisation's public link new: the old one stops working at once.
pub async fn new_link(db: &Db, org: &str) -> Result<String, DbError> {
    let token = crate::auth::secrets::link_code();
    sqlx::query(
        "INSERT INTO agenda_links (org_id, token, made_at_ms) VALUES ($1, $2, $3) \
         ON CONFLICT (org_id) DO UPDATE SET token = excluded.token, made_at_ms = excluded.made_at_ms",
    )
    .bind(org)
    .bind(&token)
    .bind(app::domain::clock::now_ms())
    .execute(&db.pool)
    .await?;
    Ok(token)
}

/// The organisation's current public link token, if it made one.
pub async fn link_of(db: &Db, org: &str) -> Result<Option<String>, DbError> {
    Ok(
        sqlx::query_scalar("SELECT token FROM agenda_links WHERE org_id = $1")
            .bind(org)
            .fetch_optional(&db.pool)
            .await?,
    )
}

/// The organisation (id, name) a public token opens; none for an unknown or replaced one.
pub async fn organisation_of_link(
    db: &Db,
    token: &str,
) -> Result<Option<(String, String)>, DbError> {
    let row = sqlx::query(
        "SELECT o.id, o.name FROM agenda_links l JOIN organisations o ON o.id = l.org_id WHERE l.token = $1",
    )
    .bind(token)
    .fetch_optional(&db.pool)
    .await?;
    row.map(|r| Ok((r.try_get(0)?, r.try_get(1)?))).transpose()
}
