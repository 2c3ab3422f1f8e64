//! Login rate limiting, kept in the database so it holds across server instances:
//! failed sign-ins are counted per sign-in name and per client address over a window.

use crate::db::{Db, DbError};
use app::domain::clock::now_ms;
use sqlx::Row;

/// The window failures are counted over.
pub const WINDOW_MS: i64 = 15 * 60_000;
/// Failed attempts allowed per sign-in name in the window.
pub const PER_USERNAME: i64 = 5;
/// Failed attempts allowed per client address in the window.
pub const PER_ADDRESS: i64 = 50;

/// The keys a sign-in attempt is counted under, with their limits.
pub fn keys(username: &str, address: Option<&str>) -> Vec<(String, i64)> {
    let mut keys = vec![(format!("user:{}", username.to_lowercase()), PER_USERNAME)];
    if let Some(address) = address {
        keys.push((format!("addr:{address}"), PER_ADDRESS));
    }
    keys
}

/// Seconds until another attempt is allowed, if any key is over its limit.
pub async fn blocked_for(db: &Db, keys: &[(String, i64)]) -> Result<Option<i64>, DbError> {
    let since = now_ms() - WINDOW_MS;
    for (key, limit) in keys {
        let row = sqlx::query(
            "SELECT COUNT(*), MIN(at_ms) FROM login_failures WHERE key = $1 AND at_ms > $2",
        )
        .bind(key)
        .bind(since)
        .fetch_one(&db.pool)
        .await?;
        let count: i64 = row.try_get(0)?;
        if count >= *limit {
            let oldest: i64 = row.try_get::<Option<i64>, _>(1)?.unwrap_or(since);
            return Ok(Some(((oldest - since) / 1000).max(1)));
        }
    }
    Ok(None)
}

/// Counts a failed attempt (and forgets failures older than a day).
pub async fn record_failure(db: &Db, keys: &[(String, i64)]) -> Result<(), DbError> {
    let now = now_ms();
    for (key, _) in keys {
        sqlx::query("INSERT INTO login_failures (key, at_ms) VALUES ($1, $2)")
            .bind(key)
            .bind(now)
            .execute(&db.pool)
            .await?;
    }
    sqlx::query("DELETE FROM login_failures WHERE at_ms < $1")
        .bind(now - 24 * 3_600_000)
        .execute(&db.pool)
        .await?;
    Ok(())
}

/// Forgets the failures of a sign-in name after she signed in.
pub async fn clear(db: &Db, username: &str) -> Result<(), DbError> {
    sqlx::query("DELETE FROM login_failures WHERE key = $1")
        .bind(format!("user:{}", username.to_lowercase()))
        .execute(&db.pool)
        .await?;
    Ok(())
}
