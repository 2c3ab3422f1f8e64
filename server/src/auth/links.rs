//! One-time links: a setup link creates an organisation and its first coordinator (an
//! admin), an invite lets someone join with a role, a reset sets a new password. Only
//! the code's digest is stored; a link works once and until it expires.

use super::{lifetimes, secrets};
use crate::db::{Db, DbError};
use app::api::{LinkCreated, LinkInfo, LinkKind, Role};
use app::domain::clock::now_ms;
use sqlx::Row;
use thiserror::Error;

/// Why a link could not be used.
#[derive(Debug, Error)]
pub enum LinkError {
    /// Unknown, used or expired.
    #[error("this link is unknown, already used or expired")]
    Invalid,
    /// The chosen sign-in name belongs to someone else.
    #[error("this username is taken")]
    UsernameTaken,
    /// The database failed.
    #[error(transparent)]
    Db(#[from] DbError),
}

impl From<sqlx::Error> for LinkError {
    /// Within a redeem, the only unique key a racing request can hit is the username.
    fn from(err: sqlx::Error) -> Self {
        match err.as_database_error() {
            Some(db_err) if db_err.is_unique_violation() => LinkError::UsernameTaken,
            _ => LinkError::Db(err.into()),
        }
    }
}

fn kind_code(kind: LinkKind) -> &'static str {
    match kind {
        LinkKind::Setup => "setup",
        LinkKind::Invite => "invite",
        LinkKind::Reset => "reset",
    }
}

/// The page a link opens.
pub fn path(code: &str) -> String {
    format!("/welcome/{code}")
}

/// A link stops working after this many attempts to use it with a taken username, so
/// one link cannot be used to find out which usernames exist.
pub const MAX_TAKEN_ATTEMPTS: i64 = 5;

/// Makes a link. `org_id`/`user_id` say whom it concerns (none for setup).
pub async fn create(
    db: &Db,
    kind: LinkKind,
    org_id: Option<&str>,
    role: Role,
    user_id: Option<&str>,
    created_by: Option<&str>,
) -> Result<LinkCreated, DbError> {
    let mut tx = db.pool.begin().await?;
    let link = insert(&mut tx, kind, org_id, role, user_id, created_by).await?;
    tx.commit().await?;
    Ok(link)
}

/// A reset link for `user_id`, made in one transaction with its effects: her password
/// stops working at once, her sessions end, and any older reset link of hers is revoked
/// (a leaked old link cannot overwrite the password she chooses with this one).
pub async fn reset(
    db: &Db,
    org_id: &str,
    role: Role,
    user_id: &str,
    created_by: &str,
) -> Result<LinkCreated, DbError> {
    let mut tx = db.pool.begin().await?;
    sqlx::query("UPDATE users SET password_hash = $1 WHERE id = $2")
        .bind(secrets::NO_PASSWORD)
        .bind(user_id)
        .execute(&mut *tx)
        .await?;
    sqlx::query("DELETE FROM sessions WHERE user_id = $1")
        .bind(user_id)
        .execute(&mut *tx)
        .await?;
    sqlx::query(
        "UPDATE one_time_links SET used_at_ms = $1 WHERE user_id = $2 AND kind = 'reset' AND used_at_ms IS NULL",
    )
    .bind(now_ms())
    .bind(user_id)
    .execute(&mut *tx)
    .await?;
    let link = insert(
        &mut tx,
        LinkKind::Reset,
        Some(org_id),
        role,
        Some(user_id),
        Some(created_by),
    )
    .await?;
    tx.commit().await?;
    Ok(link)
}

async fn insert(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    kind: LinkKind,
    org_id: Option<&str>,
    role: Role,
    user_id: Option<&str>,
    created_by: Option<&str>,
) -> Result<LinkCreated, DbError> {
    let code = secrets::link_code();
    let now = now_ms();
    let lifetime = match kind {
        LinkKind::Setup => lifetimes::SETUP_MS,
        LinkKind::Invite => lifetimes::INVITE_MS,
        LinkKind::Reset => lifetimes::RESET_MS,
    };
    sqlx::query(
        "INSERT INTO one_time_links (code_hash, kind, org_id, role, user_id, created_by, created_at_ms, expires_at_ms) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
    )
    .bind(secrets::digest(&code))
    .bind(kind_code(kind))
    .bind(org_id)
    .bind(role.code())
    .bind(user_id)
    .bind(created_by)
    .bind(now)
    .bind(now + lifetime)
    .execute(&mut **tx)
    .await?;
    Ok(LinkCreated {
        path: path(&code),
        code,
        expires_at_ms: now + lifetime,
    })
}

/// A setup link: a new organisation and its first coordinator, an admin.
pub async fn create_setup(db: &Db) -> Result<LinkCreated, DbError> {
    create(db, LinkKind::Setup, None, Role::Admin, None, None).await
}

struct Stored {
    kind: LinkKind,
    org_id: Option<String>,
    role: Role,
    user_id: Option<String>,
}

/// The link with this code: only an open one (unused, unexpired), or also one just
/// marked used in the caller's transaction.
async fn find(
    executor: impl sqlx::Executor<'_, Database = sqlx::Any>,
    code: &str,
    used_here: bool,
) -> Result<Option<Stored>, DbError> {
    let open = if used_here {
        String::new()
    } else {
        format!(
            " AND used_at_ms IS NULL AND expires_at_ms > $2 AND failed_attempts < {MAX_TAKEN_ATTEMPTS}"
        )
    };
    let sql = format!(
        "SELECT kind, org_id, role, user_id FROM one_time_links WHERE code_hash = $1{open}"
    );
    let mut query = sqlx::query(&sql).bind(secrets::digest(code));
    if !used_here {
        query = query.bind(now_ms());
    }
    let row = query.fetch_optional(executor).await?;
    let Some(row) = row else { return Ok(None) };
    let kind = match row.try_get::<String, _>(0)?.as_str() {
        "setup" => LinkKind::Setup,
        "invite" => LinkKind::Invite,
        _ => LinkKind::Reset,
    };
    Ok(Some(Stored {
        kind,
        org_id: row.try_get(1)?,
        role: Role::from_code(&row.try_get::<String, _>(2)?).unwrap_or(Role::Volunteer),
        user_id: row.try_get(3)?,
    }))
}

/// What an open link will do.
pub async fn peek(db: &Db, code: &str) -> Result<LinkInfo, LinkError> {
    let link = find(&db.pool, code, false)
        .await?
        .ok_or(LinkError::Invalid)?;
    let organisation = match &link.org_id {
        Some(org) => sqlx::query("SELECT name FROM organisations WHERE id = $1")
            .bind(org)
            .fetch_optional(&db.pool)
            .await?
            .map(|r| r.try_get::<String, _>(0))
            .transpose()?,
        None => None,
    };
    let username = match &link.user_id {
        Some(user) => sqlx::query("SELECT username FROM users WHERE id = $1")
            .bind(user)
            .fetch_optional(&db.pool)
            .await?
            .map(|r| r.try_get::<String, _>(0))
            .transpose()?,
        None => None,
    };
    Ok(LinkInfo {
        kind: link.kind,
        organisation,
        role: link.role,
        username,
    })
}

/// The checked fields of a link being used.
pub struct Redeem<'a> {
    /// Setup: the organisation's name.
    pub organisation: &'a str,
    /// Setup and invite: her name.
    pub display_name: &'a str,
    /// Setup and invite: her sign-in name.
    pub username: &'a str,
    /// The new password's hash.
    pub password_hash: &'a str,
}

/// Counts an attempt to use the link with a username that is taken.
pub async fn count_taken_attempt(db: &Db, code: &str) -> Result<(), DbError> {
    sqlx::query(
        "UPDATE one_time_links SET failed_attempts = failed_attempts + 1 WHERE code_hash = $1",
    )
    .bind(secrets::digest(code))
    .execute(&db.pool)
    .await?;
    Ok(())
}

/// Uses a link in one transaction: marks it used and creates the organisation, the
/// person or the new password. Returns the person's id (to sign her in).
pub async fn redeem(db: &Db, code: &str, form: Redeem<'_>) -> Result<String, LinkError> {
    let now = now_ms();
    let mut tx = db.pool.begin().await?;
    // Write first: SQLite cannot turn a reading transaction into a writing one while
    // another connection writes (two people redeeming at once), but waits for a lock.
    let used = sqlx::query(&format!(
        "UPDATE one_time_links SET used_at_ms = $1 WHERE code_hash = $2 AND used_at_ms IS NULL \
         AND expires_at_ms > $1 AND failed_attempts < {MAX_TAKEN_ATTEMPTS}"
    ))
    .bind(now)
    .bind(secrets::digest(code))
    .execute(&mut *tx)
    .await?;
    if used.rows_affected() != 1 {
        return Err(LinkError::Invalid);
    }
    let link = find(&mut *tx, code, true)
        .await?
        .ok_or(LinkError::Invalid)?;
    let user_id = match link.kind {
        LinkKind::Reset => {
            let user_id = link.user_id.ok_or(LinkError::Invalid)?;
            sqlx::query("UPDATE users SET password_hash = $1 WHERE id = $2")
                .bind(form.password_hash)
                .bind(&user_id)
                .execute(&mut *tx)
                .await?;
            sqlx::query("DELETE FROM sessions WHERE user_id = $1")
                .bind(&user_id)
                .execute(&mut *tx)
                .await?;
            user_id
        }
        LinkKind::Setup | LinkKind::Invite => {
            let taken = sqlx::query("SELECT 1 FROM users WHERE username = $1")
                .bind(form.username)
                .fetch_optional(&mut *tx)
                .await?;
            if taken.is_some() {
                return Err(LinkError::UsernameTaken);
            }
            let org_id = match link.org_id {
                Some(org) => org,
                None => {
                    let org = uuid::Uuid::new_v4().to_string();
                    sqlx::query("INSERT INTO organisations (id, name, change_counter, created_at_ms) VALUES ($1, $2, 0, $3)")
                        .bind(&org)
                        .bind(form.organisation)
                        .bind(now)
                        .execute(&mut *tx)
                        .await?;
                    org
                }
            };
            let user_id = uuid::Uuid::new_v4().to_string();
            sqlx::query(
                "INSERT INTO users (id, org_id, role, username, display_name, password_hash, created_at_ms) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7)",
            )
            .bind(&user_id)
            .bind(&org_id)
            .bind(link.role.code())
            .bind(form.username)
            .bind(form.display_name)
            .bind(form.password_hash)
            .bind(now)
            .execute(&mut *tx)
            .await?;
            user_id
        }
    };
    tx.commit().await?;
    Ok(user_id)
}
