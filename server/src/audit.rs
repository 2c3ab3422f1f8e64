//! The audit log: who read or changed which record, and who did what to which account,
//! and when. Notes about families are sensitive; every coordinator read, every accepted
//! or refused write, and every sign-in, sign-out, invite, reset, link redemption and
//! (de)activation is written down here (NEN 7513: who, what, which record, when).

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
    /// A pushed change was refused (the entry's entity names the reason code).
    Refused,
    /// She signed in.
    SignIn,
    /// A wrong password for her name.
    SignInFailed,
    /// The right password, but her account is switched off.
    SignInRefused,
    /// She signed out (here or everywhere).
    SignOut,
    /// A coordinator made an invite link.
    Invite,
    /// A coordinator made a reset link for her (her password stopped working).
    Reset,
    /// A one-time link was used (setup, invite or reset).
    Redeem,
    /// Her account was switched off.
    Deactivate,
    /// Her account was switched on again.
    Reactivate,
    /// She changed her own password.
    PasswordChange,
    /// A coordinator marked a visit reviewed, or not reviewed.
    Review,
    /// A coordinator acknowledged, re-rated or resolved a signal of concern.
    Triage,
    /// The agenda's groups or sessions were changed (by a coordinator or a host).
    Agenda,
    /// A coordinator made the public agenda link new (the old one stopped working).
    AgendaLink,
}

impl Action {
    fn code(self) -> &'static str {
        match self {
            Action::Write => "write",
            Action::Read => "read",
            Action::Review => "review",
            Action::Triage => "triage",
            Action::Agenda => "agenda",
            Action::AgendaLink => "agenda_link",
            Action::List => "list",
            Action::Pull => "pull",
            Action::Refused => "refused",
            Action::SignIn => "sign_in",
            Action::SignInFailed => "sign_in_failed",
            Action::SignInRefused => "sign_in_refused",
            Action::SignOut => "sign_out",
            Action::Invite => "invite",
            Action::Reset => "reset",
            Action::Redeem => "redeem",
            Action::Deactivate => "deactivate",
            Action::Reactivate => "reactivate",
            Action::PasswordChange => "password_change",
        }
    }
}

const INSERT: &str = "INSERT INTO audit_log (at_ms, user_id, org_id, action, entity, record_id) \
                      VALUES ($1, $2, $3, $4, $5, $6)";

/// Writes one entry.
#[tracing::instrument(skip_all)]
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

/// Writes one entry per record (a list that showed them), in one transaction.
#[tracing::instrument(skip_all)]
pub async fn records(
    db: &Db,
    who: &Account,
    action: Action,
    entity: &str,
    record_ids: impl IntoIterator<Item = String>,
) -> Result<(), DbError> {
    let now = app::domain::clock::now_ms();
    let mut tx = db.pool.begin().await?;
    for id in record_ids {
        sqlx::query(INSERT)
            .bind(now)
            .bind(&who.user_id)
            .bind(&who.org_id)
            .bind(action.code())
            .bind(entity)
            .bind(id)
            .execute(&mut *tx)
            .await?;
    }
    tx.commit().await?;
    Ok(())
}

/// Writes an entry about an account (`person` is the account concerned): signing in
/// and out, links, resets, switching off and on.
#[tracing::instrument(skip_all)]
pub async fn person(db: &Db, who: &Account, action: Action, person: &str) -> Result<(), DbError> {
    record(db, who, action, "person", person).await
}

/// Writes the entry of an accepted write inside the transaction that made it.
#[tracing::instrument(skip_all)]
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
#[tracing::instrument(skip_all)]
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
