//! The audit log: who read or changed which record, and when. Notes about families are
//! sensitive; every coordinator read and every accepted write is written down here.

use crate::auth::Account;
use crate::db::{Db, DbError};

/// What was done.
#[derive(Clone, Copy, Debug)]
pub enum Action {
    /// A record was changed through sync.
    Write,
    /// A record was opened to read.
    Read,
    /// A list of records was shown.
    List,
    /// A page of changes was pulled to a device.
    Pull,
}

impl Action {
    fn code(self) -> &'static str {
        match self {
            Action::Write => "write",
            Action::Read => "read",
            Action::List => "list",
            Action::Pull => "pull",
        }
    }
}

const INSERT: &str = "INSERT INTO audit_log (at_ms, user_id, org_id, action, entity, record_id) \
                      VALUES ($1, $2, $3, $4, $5, $6)";

/// Writes one entry.
pub async fn record(
    db: &Db,
    who: &Account,
    action: Action,
    entity: &str,
    record_id: &str,
) -> Result<(), DbError> {
    sqlx::query(INSERT)
        .bind(app::domain::clock::now_ms())
        .bind(&who.user_id)
        .bind(&who.org_id)
        .bind(action.code())
        .bind(entity)
        .bind(record_id)
        .execute(&db.pool)
        .await?;
    Ok(())
}

/// Writes the entry of an accepted write inside the transaction that made it.
pub async fn record_write(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    user_id: &str,
    org_id: &str,
    entity: &str,
    record_id: &str,
) -> Result<(), DbError> {
    sqlx::query(INSERT)
        .bind(app::domain::clock::now_ms())
        .bind(user_id)
        .bind(org_id)
        .bind(Action::Write.code())
        .bind(entity)
        .bind(record_id)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// Who did what to one record, oldest first: `(user_id, action)`.
pub async fn of_record(
    db: &Db,
    org_id: &str,
    entity: &str,
    record_id: &str,
) -> Result<Vec<(String, String)>, DbError> {
    use sqlx::Row;
    let rows = sqlx::query(
        "SELECT user_id, action FROM audit_log WHERE org_id = $1 AND entity = $2 AND record_id = $3 ORDER BY id",
    )
    .bind(org_id)
    .bind(entity)
    .bind(record_id)
    .fetch_all(&db.pool)
    .await?;
    rows.iter()
        .map(|r| Ok((r.try_get(0)?, r.try_get(1)?)))
        .collect()
}
