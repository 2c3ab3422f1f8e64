//! People and organisations in the database.

use super::Account;
use crate::db::{Db, DbError};
use app::api::{Person, Role};
use sqlx::any::AnyRow;
use sqlx::Row;

/// The columns [`account_from_row`] reads, from `users u JOIN organisations o`.
pub(crate) const ACCOUNT_COLUMNS: &str =
    "u.id, u.org_id, o.name, u.role, u.username, u.display_name, u.deactivated_at_ms";

/// How many columns [`ACCOUNT_COLUMNS`] has (the next one is the caller's).
pub(crate) const ACCOUNT_WIDTH: usize = 7;

/// Reads an [`Account`] from a row selected with `ACCOUNT_COLUMNS`.
pub(crate) fn account_from_row(row: &AnyRow) -> Result<Account, DbError> {
    Ok(Account {
        user_id: row.try_get(0)?,
        org_id: row.try_get(1)?,
        organisation: row.try_get(2)?,
        role: Role::from_code(&row.try_get::<String, _>(3)?).unwrap_or(Role::Volunteer),
        username: row.try_get(4)?,
        display_name: row.try_get(5)?,
        active: row.try_get::<Option<i64>, _>(6)?.is_none(),
    })
}

/// The select list and join that [`account_from_row`] reads.
pub(crate) fn account_select() -> String {
    format!("SELECT {ACCOUNT_COLUMNS} FROM users u JOIN organisations o ON o.id = u.org_id")
}

/// Finds a person and her password hash by sign-in name.
pub async fn by_username(db: &Db, username: &str) -> Result<Option<(Account, String)>, DbError> {
    let row = sqlx::query(&format!(
        "SELECT {ACCOUNT_COLUMNS}, u.password_hash FROM users u \
         JOIN organisations o ON o.id = u.org_id WHERE u.username = $1"
    ))
    .bind(username)
    .fetch_optional(&db.pool)
    .await?;
    row.map(|row| Ok((account_from_row(&row)?, row.try_get(ACCOUNT_WIDTH)?)))
        .transpose()
}

/// Finds a person of `org_id` by id.
pub async fn in_organisation(
    db: &Db,
    org_id: &str,
    user_id: &str,
) -> Result<Option<Account>, DbError> {
    let row = sqlx::query(&format!(
        "{} WHERE u.org_id = $1 AND u.id = $2",
        account_select()
    ))
    .bind(org_id)
    .bind(user_id)
    .fetch_optional(&db.pool)
    .await?;
    row.as_ref().map(account_from_row).transpose()
}

/// Everyone in an organisation, by name.
pub async fn list(db: &Db, org_id: &str) -> Result<Vec<Person>, DbError> {
    let rows = sqlx::query(&format!(
        "{} WHERE u.org_id = $1 ORDER BY u.display_name",
        account_select()
    ))
    .bind(org_id)
    .fetch_all(&db.pool)
    .await?;
    rows.iter()
        .map(|row| {
            let a = account_from_row(row)?;
            Ok(Person {
                id: a.user_id,
                display_name: a.display_name,
                username: a.username,
                role: a.role,
                active: a.active,
            })
        })
        .collect()
}

/// True once anyone has an account (then no setup link is printed at start).
pub async fn anyone_exists(db: &Db) -> Result<bool, DbError> {
    Ok(sqlx::query("SELECT 1 FROM users LIMIT 1")
        .fetch_optional(&db.pool)
        .await?
        .is_some())
}

/// Names of people by id, for the review pages.
pub async fn names(
    db: &Db,
    org_id: &str,
) -> Result<std::collections::HashMap<String, String>, DbError> {
    let rows = sqlx::query("SELECT id, display_name FROM users WHERE org_id = $1")
        .bind(org_id)
        .fetch_all(&db.pool)
        .await?;
    rows.iter()
        .map(|r| Ok((r.try_get(0)?, r.try_get(1)?)))
        .collect()
}

/// Finds a person by id.
pub async fn by_id(db: &Db, user_id: &str) -> Result<Option<Account>, DbError> {
    let row = sqlx::query(&format!("{} WHERE u.id = $1", account_select()))
        .bind(user_id)
        .fetch_optional(&db.pool)
        .await?;
    row.as_ref().map(account_from_row).transpose()
}

/// Switches an account off (her sessions keep only the final push window) or on again
/// (her old sessions are gone: she signs in anew), in one transaction.
pub async fn set_active(db: &Db, user_id: &str, on: bool) -> Result<(), DbError> {
    let now = app::domain::clock::now_ms();
    let mut tx = db.pool.begin().await?;
    if on {
        // Only an account that was off loses what is left of its sessions (those of its
        // last push); switching on an account that is on changes nothing.
        let switched = sqlx::query(
            "UPDATE users SET deactivated_at_ms = NULL WHERE id = $1 AND deactivated_at_ms IS NOT NULL",
        )
        .bind(user_id)
        .execute(&mut *tx)
        .await?
        .rows_affected();
        if switched > 0 {
            sqlx::query("DELETE FROM sessions WHERE user_id = $1")
                .bind(user_id)
                .execute(&mut *tx)
                .await?;
        }
    } else {
        sqlx::query(
            "UPDATE users SET deactivated_at_ms = $1 WHERE id = $2 AND deactivated_at_ms IS NULL",
        )
        .bind(now)
        .bind(user_id)
        .execute(&mut *tx)
        .await?;
        sqlx::query(
            "UPDATE sessions SET expires_at_ms = $1 WHERE user_id = $2 AND expires_at_ms > $1",
        )
        .bind(now + super::lifetimes::FINAL_PUSH_MS)
        .bind(user_id)
        .execute(&mut *tx)
        .await?;
    }
    tx.commit().await?;
    Ok(())
}

/// Sets her password and ends her sessions but the one (by token digest) she changed
/// it in, in one transaction.
pub async fn set_password(
    db: &Db,
    user_id: &str,
    hash: &str,
    keep_session: &str,
) -> Result<(), DbError> {
    let mut tx = db.pool.begin().await?;
    sqlx::query("UPDATE users SET password_hash = $1 WHERE id = $2")
        .bind(hash)
        .bind(user_id)
        .execute(&mut *tx)
        .await?;
    sqlx::query("DELETE FROM sessions WHERE user_id = $1 AND token_hash <> $2")
        .bind(user_id)
        .bind(keep_session)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(())
}
