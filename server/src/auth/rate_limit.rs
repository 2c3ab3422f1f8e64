//! Sign-in rate limiting, kept in the database so it holds across server instances.
//!
//! An attempt is counted *before* its password is checked (so a burst of simultaneous
//! wrong passwords cannot all be checked against a limit they have not yet reached),
//! under three keys over a 15-minute window:
//!
//! - her sign-in name from this address: 5 attempts — what stops guessing;
//! - her sign-in name from anywhere: 20 — slower, so guessing from many addresses is
//!   bounded too, while one address trying her name cannot lock her out on its own;
//! - the address: 50 — one address trying many names.
//!
//! A refused attempt takes its own rows back (hammering does not extend a lock); a
//! successful sign-in forgets her name's failures; failures older than a day are
//! deleted.

use super::secrets;
use crate::db::{Db, DbError};
use app::domain::clock::now_ms;
use sqlx::Row;

/// The window attempts are counted over.
pub const WINDOW_MS: i64 = 15 * 60_000;
/// Attempts allowed per sign-in name from one address.
pub const PER_USERNAME_AND_ADDRESS: i64 = 5;
/// Attempts allowed per sign-in name from all addresses together.
pub const PER_USERNAME: i64 = 20;
/// Attempts allowed per client address.
pub const PER_ADDRESS: i64 = 50;

/// The keys a sign-in attempt is counted under, with their limits.
pub fn keys(username: &str, address: Option<&str>) -> Vec<(String, i64)> {
    let name = username.to_lowercase();
    let address = address.unwrap_or("unknown");
    vec![
        (
            format!("user@addr:{name}@{address}"),
            PER_USERNAME_AND_ADDRESS,
        ),
        (format!("user:{name}"), PER_USERNAME),
        (format!("addr:{address}"), PER_ADDRESS),
    ]
}

/// One counted attempt, to forget again on success or refusal.
pub struct Attempt {
    id: String,
    keys: Vec<(String, i64)>,
}

/// Counts an attempt under every key, then checks the limits including it. `Err`
/// carries the seconds until another attempt is allowed (the attempt is then taken
/// back). Each insert is committed before the count, so of any number of simultaneous
/// attempts at most the limit see a count within it.
pub async fn admit(db: &Db, keys: Vec<(String, i64)>) -> Result<Result<Attempt, i64>, DbError> {
    let now = now_ms();
    let attempt = Attempt {
        id: secrets::token(),
        keys,
    };
    for (key, _) in &attempt.keys {
        sqlx::query("INSERT INTO login_failures (key, at_ms, attempt) VALUES ($1, $2, $3)")
            .bind(key)
            .bind(now)
            .bind(&attempt.id)
            .execute(&db.pool)
            .await?;
    }
    let since = now - WINDOW_MS;
    for (key, limit) in &attempt.keys {
        let row = sqlx::query(
            "SELECT COUNT(*), MIN(at_ms) FROM login_failures WHERE key = $1 AND at_ms > $2",
        )
        .bind(key)
        .bind(since)
        .fetch_one(&db.pool)
        .await?;
        let count: i64 = row.try_get(0)?;
        if count > *limit {
            let oldest: i64 = row.try_get::<Option<i64>, _>(1)?.unwrap_or(now);
            attempt.take_back(db).await?;
            return Ok(Err(((oldest + WINDOW_MS - now) / 1000).max(1)));
        }
    }
    Ok(Ok(attempt))
}

impl Attempt {
    /// Removes this attempt's rows (refused, or signed in).
    async fn take_back(&self, db: &Db) -> Result<(), DbError> {
        sqlx::query("DELETE FROM login_failures WHERE attempt = $1")
            .bind(&self.id)
            .execute(&db.pool)
            .await?;
        Ok(())
    }

    /// She signed in: this attempt and her name's failures from this address are
    /// forgotten (and everyone's failures older than a day).
    pub async fn succeeded(self, db: &Db) -> Result<(), DbError> {
        self.take_back(db).await?;
        sqlx::query("DELETE FROM login_failures WHERE key = $1 OR at_ms < $2")
            .bind(&self.keys[0].0)
            .bind(now_ms() - 24 * 3_600_000)
            .execute(&db.pool)
            .await?;
        Ok(())
    }
}
