//! People and organisations in the database.

use super::Account;
use crate::db::{Db, DbError};
use app::api::{Person, Role};
use sqlx::any::AnyRow;
use sqlx::Row;

/// The columns [`account_from_row`] reads, from `users u JOIN organisations o`.
pub(crate) const ACCOUNT_COLUMNS: &str =
    "u.id, u.org_id, o.name, u.role, u.username, u.display_name";

/// Reads an [`Account`] from a row selected with `ACCOUNT_COLUMNS`.
pub(crate) fn account_from_row(row: &AnyRow) -> Result<Account, DbError> {
    Ok(Account {
        user_id: row.try_get(0)?,
        org_id: row.try_get(1)?,
        organisation: row.try_get(2)?,
        role: Role::from_code(&row.try_get::<String, _>(3)?).unwrap_or(Role::Volunteer),
        username: row.try_get(4)?,
        display_name: row.try_get(5)?,
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
    row.map(|row| Ok((account_from_row(&row)?, row.try_get(6)?)))
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
