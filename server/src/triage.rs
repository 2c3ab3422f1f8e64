//! The coordinators' handling of signals of concern. A visit's signal opens a triage
//! item when it reaches the server (written with the visit, in its transaction); each
//! step a coordinator takes is checked against the version she saw, so two
//! coordinators triaging at once cannot overwrite each other; and what the volunteer
//! may know (state, urgency, action — never the note) is written as a `signal_status`
//! record that syncs to her phone, in the same transaction.

use crate::db::{Db, DbError};
use app::api::{Triage, TriageEdit, TRIAGE_NOTE_MAX};
use app::domain::triage::overdue;
use app::domain::{MutationId, SignalStatus, TriageState, Urgency, Visit, VisitId};
use app::store::{Change, Mutation};
use sqlx::Row;
use thiserror::Error;

/// Why a triage step was not taken.
#[derive(Debug, Error)]
pub enum TriageError {
    /// The visit has no signal (or is not of her organisation).
    #[error("this visit has no signal of concern")]
    NoSignal,
    /// Another coordinator changed it since she opened it.
    #[error("another coordinator changed this signal since you opened it")]
    Stale,
    /// It was resolved already.
    #[error("this signal was resolved already")]
    AlreadyResolved,
    /// A field is wrong: (field, code).
    #[error("{0}: {1}")]
    Invalid(&'static str, &'static str),
    /// The database failed.
    #[error(transparent)]
    Db(#[from] DbError),
}

impl From<sqlx::Error> for TriageError {
    fn from(err: sqlx::Error) -> Self {
        TriageError::Db(DbError::Sqlx(err))
    }
}

/// Opens, follows or withdraws the triage item of a visit as it is stored (inside the
/// push's transaction). A coordinator's urgency, once she set one, is hers.
pub async fn follow_visit(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    org: &str,
    owner: &str,
    v: &Visit,
) -> Result<(), DbError> {
    let id = v.id.to_string();
    match (&v.signal, v.deleted) {
        (Some(signal), false) => {
            sqlx::query(
                "INSERT INTO signal_triage (org_id, visit_id, owner_id, family_id, state, urgency, version, raised_at_ms) \
                 VALUES ($1, $2, $3, $4, 'new', $5, 1, $6) ON CONFLICT (org_id, visit_id) DO UPDATE SET withdrawn = 0, \
                 urgency = CASE WHEN signal_triage.version = 1 THEN excluded.urgency ELSE signal_triage.urgency END",
            )
            .bind(org)
            .bind(&id)
            .bind(owner)
            .bind(v.family_id.to_string())
            .bind(signal.urgency.code())
            .bind(app::domain::clock::now_ms())
            .execute(&mut **tx)
            .await?;
        }
        _ => {
            sqlx::query(
                "UPDATE signal_triage SET withdrawn = 1 WHERE org_id = $1 AND visit_id = $2 AND state <> 'resolved'",
            )
            .bind(org)
            .bind(&id)
            .execute(&mut **tx)
            .await?;
        }
    }
    Ok(())
}

const COLUMNS: &str =
    "visit_id, state, urgency, action, note, version, raised_at_ms, acknowledged_at_ms, \
     acknowledged_by, resolved_at_ms, resolved_by, withdrawn, owner_id, family_id";

/// A triage item as stored, with the people as user ids.
#[derive(Clone, Debug, PartialEq)]
pub struct Stored {
    /// The item, with `acknowledged_by`/`resolved_by` holding user ids.
    pub triage: Triage,
    /// The volunteer whose visit it is.
    pub owner: String,
    /// The family visited.
    pub family_id: String,
}

fn stored(row: &sqlx::any::AnyRow, now_ms: i64) -> Result<Stored, DbError> {
    let state = TriageState::from_code(&row.try_get::<String, _>(1)?).ok_or(DbError::WrongKind)?;
    let urgency = Urgency::from_code(&row.try_get::<String, _>(2)?).ok_or(DbError::WrongKind)?;
    let raised_at_ms: i64 = row.try_get(6)?;
    let visit_id: String = row.try_get(0)?;
    Ok(Stored {
        triage: Triage {
            visit_id: visit_id
                .parse::<VisitId>()
                .map_err(|_| DbError::WrongKind)?,
            state,
            urgency,
            action: row
                .try_get::<Option<String>, _>(3)?
                .and_then(|a| app::domain::TriageAction::from_code(&a)),
            note: row.try_get(4)?,
            version: row.try_get(5)?,
            raised_at_ms,
            acknowledged_at_ms: row.try_get(7)?,
            acknowledged_by: row.try_get(8)?,
            resolved_at_ms: row.try_get(9)?,
            resolved_by: row.try_get(10)?,
            overdue: overdue(state, urgency, raised_at_ms, now_ms),
            withdrawn: row.try_get::<i64, _>(11)? != 0,
        },
        owner: row.try_get(12)?,
        family_id: row.try_get(13)?,
    })
}

/// The triage item of one visit, if it has a signal.
#[tracing::instrument(skip_all)]
pub async fn of_visit(db: &Db, org: &str, visit: &str) -> Result<Option<Stored>, DbError> {
    let now = app::domain::clock::now_ms();
    sqlx::query(&format!(
        "SELECT {COLUMNS} FROM signal_triage WHERE org_id = $1 AND visit_id = $2"
    ))
    .bind(org)
    .bind(visit)
    .fetch_optional(&db.pool)
    .await?
    .map(|row| stored(&row, now))
    .transpose()
}

/// Most open signals one list shows.
pub const OPEN_MAX: i64 = 500;

/// The organisation's open signals (not resolved, not withdrawn, visit not deleted):
/// urgent first, then overdue, then the longest waiting.
#[tracing::instrument(skip_all)]
pub async fn open(db: &Db, org: &str) -> Result<Vec<Stored>, DbError> {
    let now = app::domain::clock::now_ms();
    let rows = sqlx::query(&format!(
        "SELECT {COLUMNS} FROM signal_triage WHERE org_id = $1 AND state <> 'resolved' AND withdrawn = 0 \
         ORDER BY raised_at_ms LIMIT {OPEN_MAX}"
    ))
    .bind(org)
    .fetch_all(&db.pool)
    .await?;
    let mut open = rows
        .iter()
        .map(|row| stored(row, now))
        .collect::<Result<Vec<_>, _>>()?;
    open.sort_by_key(|s| {
        let t = &s.triage;
        (t.urgency != Urgency::Urgent, !t.overdue, t.raised_at_ms)
    });
    Ok(open)
}

/// How many signals are open, and how many of those are overdue.
#[tracing::instrument(skip_all)]
pub async fn counts(db: &Db, org: &str) -> Result<(u64, u64), DbError> {
    let now = app::domain::clock::now_ms();
    let hours = |u| app::domain::triage::acknowledge_within_hours(u) * 3_600_000;
    let row = sqlx::query(
        "SELECT COUNT(*), COALESCE(SUM(CASE WHEN state = 'new' AND raised_at_ms < \
         (CASE WHEN urgency = 'urgent' THEN $2 ELSE $3 END) THEN 1 ELSE 0 END), 0) \
         FROM signal_triage WHERE org_id = $1 AND state <> 'resolved' AND withdrawn = 0",
    )
    .bind(org)
    .bind(now - hours(Urgency::Urgent))
    .bind(now - hours(Urgency::Soon))
    .fetch_one(&db.pool)
    .await?;
    let count = |i: usize| row.try_get::<i64, _>(i).map(|n| n.max(0) as u64);
    Ok((count(0)?, count(1)?))
}

/// Why `edit` may not follow `current`, if it may not.
fn refusal(current: &Triage, edit: &TriageEdit) -> Option<TriageError> {
    if edit.version != current.version {
        return Some(TriageError::Stale);
    }
    if current.state == TriageState::Resolved {
        return Some(TriageError::AlreadyResolved);
    }
    let resolving = edit.state == TriageState::Resolved;
    if edit.state == TriageState::New && current.state != TriageState::New {
        return Some(TriageError::Invalid("state", "inconsistent"));
    }
    if resolving && edit.action.is_none() {
        return Some(TriageError::Invalid("action", "required"));
    }
    if !resolving && edit.action.is_some() {
        return Some(TriageError::Invalid("action", "inconsistent"));
    }
    if edit.note.trim().chars().count() > TRIAGE_NOTE_MAX {
        return Some(TriageError::Invalid("note", "too_long"));
    }
    None
}

/// Takes one step in handling the signal of `visit` for coordinator `by`: checked
/// against the version she saw, stored with a new version, and told to the volunteer's
/// phone (a `signal_status` record) in the same transaction. Returns the new item.
#[tracing::instrument(skip_all)]
pub async fn step(
    db: &Db,
    org: &str,
    visit: &str,
    by: &str,
    edit: &TriageEdit,
) -> Result<Stored, TriageError> {
    let now = app::domain::clock::now_ms();
    let mut tx = db.pool.begin().await?;
    let seq = crate::sync::reserve_change_numbers(&mut tx, org, 1).await?;
    let row = sqlx::query(&format!(
        "SELECT {COLUMNS} FROM signal_triage WHERE org_id = $1 AND visit_id = $2"
    ))
    .bind(org)
    .bind(visit)
    .fetch_optional(&mut *tx)
    .await?
    .ok_or(TriageError::NoSignal)?;
    let current = stored(&row, now)?;
    if let Some(refused) = refusal(&current.triage, edit) {
        return Err(refused);
    }
    let mut next = current.clone();
    let t = &mut next.triage;
    if t.acknowledged_at_ms.is_none() && edit.state != TriageState::New {
        t.acknowledged_at_ms = Some(now);
        t.acknowledged_by = Some(by.to_string());
    }
    if edit.state == TriageState::Resolved {
        t.resolved_at_ms = Some(now);
        t.resolved_by = Some(by.to_string());
    }
    (t.state, t.urgency, t.action) = (edit.state, edit.urgency, edit.action);
    t.note = edit.note.trim().to_string();
    t.version += 1;
    let updated = sqlx::query(
        "UPDATE signal_triage SET state = $3, urgency = $4, action = $5, note = $6, version = $7, \
         acknowledged_at_ms = $8, acknowledged_by = $9, resolved_at_ms = $10, resolved_by = $11 \
         WHERE org_id = $1 AND visit_id = $2 AND version = $12",
    )
    .bind(org)
    .bind(visit)
    .bind(t.state.code())
    .bind(t.urgency.code())
    .bind(t.action.map(|a| a.code()))
    .bind(&t.note)
    .bind(t.version)
    .bind(t.acknowledged_at_ms)
    .bind(t.acknowledged_by.clone())
    .bind(t.resolved_at_ms)
    .bind(t.resolved_by.clone())
    .bind(edit.version)
    .execute(&mut *tx)
    .await?;
    if updated.rows_affected() != 1 {
        return Err(TriageError::Stale);
    }
    tell_volunteer(&mut tx, org, &next, now, seq).await?;
    tx.commit().await?;
    Ok(next)
}

/// Writes what the volunteer may know of the handling as her `signal_status` record.
async fn tell_volunteer(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    org: &str,
    item: &Stored,
    now: i64,
    seq: i64,
) -> Result<(), DbError> {
    let t = &item.triage;
    let id = t.visit_id.to_string();
    let version: Option<i64> = sqlx::query(
        "SELECT version FROM records WHERE org_id = $1 AND entity = 'signal_status' AND id = $2",
    )
    .bind(org)
    .bind(&id)
    .fetch_optional(&mut **tx)
    .await?
    .map(|r| r.try_get(0))
    .transpose()?;
    let status = SignalStatus {
        id: t.visit_id,
        state: t.state,
        urgency: t.urgency,
        acknowledged_at_ms: t.acknowledged_at_ms,
        resolved_at_ms: t.resolved_at_ms,
        action: t.action,
        updated_at_ms: now,
        base_version: version.map(|v| v as u64),
        conflicts: vec![],
        deleted: false,
    };
    let mutation = Mutation {
        id: MutationId::new(),
        at_ms: now,
        change: Change::SignalStatus(status),
    };
    crate::sync::apply(
        tx,
        org,
        &item.owner,
        crate::sync::SERVER_DEVICE,
        &mutation,
        seq,
    )
    .await?;
    Ok(())
}
