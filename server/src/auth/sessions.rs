//! Sessions in the database: the cookie holds a random token, the table its digest, the
//! person and a CSRF token. Any server instance can check them; signing out everywhere
//! deletes them all.

use super::{lifetimes, people, secrets, Account};
use crate::db::{Db, DbError};
use app::domain::clock::now_ms;
use sqlx::Row;

/// A session just opened: the token goes in the cookie, the CSRF token to the page.
pub struct NewSession {
    /// For the HttpOnly cookie.
    pub token: String,
    /// For the page, sent back in the CSRF header.
    pub csrf: String,
    /// When it ends (ms since epoch).
    pub expires_at_ms: i64,
}

/// Opens a session for `user_id`.
pub async fn open(db: &Db, user_id: &str) -> Result<NewSession, DbError> {
    let now = now_ms();
    let session = NewSession {
        token: secrets::token(),
        csrf: secrets::token(),
        expires_at_ms: now + lifetimes::SESSION_MS,
    };
    sqlx::query(
        "INSERT INTO sessions (token_hash, user_id, csrf, created_at_ms, expires_at_ms, last_seen_ms) \
         VALUES ($1, $2, $3, $4, $5, $4)",
    )
    .bind(secrets::digest(&session.token))
    .bind(user_id)
    .bind(&session.csrf)
    .bind(now)
    .bind(session.expires_at_ms)
    .execute(&db.pool)
    .await?;
    Ok(session)
}

/// The person and CSRF token of a live session: not past its 30 days, and for a
/// coordinator not idle for more than 8 hours. Notes the use (once a minute at most).
pub async fn find(db: &Db, token: &str) -> Result<Option<(Account, String)>, DbError> {
    let now = now_ms();
    let digest = secrets::digest(token);
    let row = sqlx::query(&format!(
        "SELECT {}, s.csrf, s.last_seen_ms FROM sessions s JOIN users u ON u.id = s.user_id \
         JOIN organisations o ON o.id = u.org_id WHERE s.token_hash = $1 AND s.expires_at_ms > $2",
        people::ACCOUNT_COLUMNS
    ))
    .bind(&digest)
    .bind(now)
    .fetch_optional(&db.pool)
    .await?;
    let Some(row) = row else { return Ok(None) };
    let account = people::account_from_row(&row)?;
    let csrf: String = row.try_get(people::ACCOUNT_WIDTH)?;
    let last_seen: i64 = row.try_get(people::ACCOUNT_WIDTH + 1)?;
    if account.role.sees_organisation() && now - last_seen > lifetimes::COORDINATOR_IDLE_MS {
        close(db, token).await?;
        return Ok(None);
    }
    if now - last_seen > lifetimes::SEEN_EVERY_MS {
        sqlx::query("UPDATE sessions SET last_seen_ms = $1 WHERE token_hash = $2")
            .bind(now)
            .bind(&digest)
            .execute(&db.pool)
            .await?;
    }
    Ok(Some((account, csrf)))
}

/// Ends one session.
pub async fn close(db: &Db, token: &str) -> Result<(), DbError> {
    sqlx::query("DELETE FROM sessions WHERE token_hash = $1")
        .bind(secrets::digest(token))
        .execute(&db.pool)
        .await?;
    Ok(())
}

/// Ends every session of a person (sign out everywhere, password reset), and clears
/// out everyone's expired sessions while at it.
pub async fn close_all(db: &Db, user_id: &str) -> Result<(), DbError> {
    sqlx::query("DELETE FROM sessions WHERE user_id = $1 OR expires_at_ms < $2")
        .bind(user_id)
        .bind(now_ms())
        .execute(&db.pool)
        .await?;
    Ok(())
}
