//! Matching a family with a volunteer (*koppeling*): the family and its visits move to
//! her phone at its next sync; rematching moves them on (the former phone is told they
//! are no longer hers); ending keeps the family for the coordinator only. Each is one
//! transaction: the family record, the handover and the matching's row together.

use super::intake::{family_in, write_family};
use super::{day_of, day_text, is_person, FamilyError, ENDED_OWNER};
use crate::audience::hand_over_in;
use crate::db::Db;
use app::api::{EndReason, MatchRecord};
use app::domain::{Family, FamilyId, FamilyStatus};
use chrono::NaiveDate;
use sqlx::Row;

type Tx<'a> = sqlx::Transaction<'a, sqlx::Any>;

/// The open matching of `family`: its id and volunteer.
pub(super) async fn open_match_in(
    tx: &mut Tx<'_>,
    org: &str,
    family: FamilyId,
) -> Result<Option<(String, String)>, FamilyError> {
    let row = sqlx::query(
        "SELECT id, volunteer_id FROM matches WHERE org_id = $1 AND family_id = $2 AND ended_on IS NULL",
    )
    .bind(org)
    .bind(family.to_string())
    .fetch_optional(&mut **tx)
    .await?;
    Ok(match row {
        Some(row) => Some((row.try_get(0)?, row.try_get(1)?)),
        None => None,
    })
}

/// The volunteer `family` is matched with now, if any.
#[tracing::instrument(skip_all)]
pub async fn open_match_of(
    db: &Db,
    org: &str,
    family: FamilyId,
) -> Result<Option<String>, FamilyError> {
    let mut tx = db.pool.begin().await?;
    let open = open_match_in(&mut tx, org, family).await?;
    tx.commit().await?;
    Ok(open.map(|(_, volunteer)| volunteer))
}

pub(super) async fn insert_match(
    tx: &mut Tx<'_>,
    org: &str,
    family: FamilyId,
    volunteer: &str,
    author: &str,
    today: NaiveDate,
) -> Result<(), FamilyError> {
    sqlx::query(
        "INSERT INTO matches (org_id, id, family_id, volunteer_id, started_on, made_by) VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(org)
    .bind(uuid::Uuid::new_v4().to_string())
    .bind(family.to_string())
    .bind(volunteer)
    .bind(day_text(today))
    .bind(author)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

async fn close_match(
    tx: &mut Tx<'_>,
    org: &str,
    id: &str,
    today: NaiveDate,
    reason: EndReason,
    evaluation: &str,
) -> Result<(), FamilyError> {
    sqlx::query(
        "UPDATE matches SET ended_on = $3, end_reason = $4, evaluation = $5 WHERE org_id = $1 AND id = $2",
    )
    .bind(org)
    .bind(id)
    .bind(day_text(today))
    .bind(reason.code())
    .bind(evaluation.trim())
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// Checks that `volunteer` is an active volunteer of the organisation who has not paused.
async fn available_volunteer(
    tx: &mut Tx<'_>,
    org: &str,
    volunteer: &str,
) -> Result<(), FamilyError> {
    let row = sqlx::query(
        "SELECT u.role, u.deactivated_at_ms, p.paused FROM users u \
         LEFT JOIN volunteer_profiles p ON p.org_id = u.org_id AND p.user_id = u.id \
         WHERE u.org_id = $1 AND u.id = $2",
    )
    .bind(org)
    .bind(volunteer)
    .fetch_optional(&mut **tx)
    .await?
    .ok_or(FamilyError::NoVolunteer)?;
    let role: String = row.try_get(0)?;
    let off: Option<i64> = row.try_get(1)?;
    if role != "volunteer" || off.is_some() {
        return Err(FamilyError::NoVolunteer);
    }
    if row.try_get::<Option<i64>, _>(2)?.unwrap_or(0) != 0 {
        return Err(FamilyError::Paused);
    }
    Ok(())
}

/// Gives `family` to `volunteer`: a first matching takes it out of intake; a
/// rematching ends the previous one (reason `rematched`, with `evaluation`) and moves
/// the family with its visits from the former volunteer's phone to hers.
#[tracing::instrument(skip_all)]
pub async fn match_family(
    db: &Db,
    org: &str,
    author: &str,
    family: FamilyId,
    volunteer: &str,
    evaluation: &str,
    today: NaiveDate,
) -> Result<Family, FamilyError> {
    let mut tx = db.pool.begin().await?;
    let (owner, mut stored) = family_in(&mut tx, org, family)
        .await?
        .ok_or(FamilyError::NoFamily)?;
    if stored.status == FamilyStatus::Ended {
        return Err(FamilyError::Ended);
    }
    available_volunteer(&mut tx, org, volunteer).await?;
    let open = open_match_in(&mut tx, org, family).await?;
    if open.as_ref().is_some_and(|(_, v)| v == volunteer) {
        return Ok(stored);
    }
    if let Some((id, _)) = &open {
        close_match(&mut tx, org, id, today, EndReason::Rematched, evaluation).await?;
    }
    if stored.status == FamilyStatus::Intake {
        stored.status = FamilyStatus::Active;
        stored = write_family(&mut tx, org, &owner, author, stored).await?;
    }
    hand_over_in(&mut tx, org, family, volunteer).await?;
    insert_match(&mut tx, org, family, volunteer, author, today).await?;
    crate::audit::record_write(&mut tx, author, org, "match", &family.to_string()).await?;
    tx.commit().await?;
    Ok(stored)
}

/// Ends the support of `family`: its matching closes with the reason and evaluation,
/// the family is marked ended and leaves the volunteer's phone (once what her phone
/// still holds of it has synced); the record stays for the coordinator.
#[tracing::instrument(skip_all)]
pub async fn end_family(
    db: &Db,
    org: &str,
    author: &str,
    family: FamilyId,
    reason: EndReason,
    evaluation: &str,
    today: NaiveDate,
) -> Result<Family, FamilyError> {
    let mut tx = db.pool.begin().await?;
    let (owner, stored) = family_in(&mut tx, org, family)
        .await?
        .ok_or(FamilyError::NoFamily)?;
    if stored.status == FamilyStatus::Ended {
        return Err(FamilyError::Ended);
    }
    if let Some((id, _)) = open_match_in(&mut tx, org, family).await? {
        close_match(&mut tx, org, &id, today, reason, evaluation).await?;
    } else if is_person(&owner) {
        // A family her volunteer added and nobody confirmed: its matching is recorded now.
        insert_match(&mut tx, org, family, &owner, author, today).await?;
        let id = open_match_in(&mut tx, org, family).await?.map(|(id, _)| id);
        close_match(
            &mut tx,
            org,
            &id.unwrap_or_default(),
            today,
            reason,
            evaluation,
        )
        .await?;
    }
    let ended = Family {
        status: FamilyStatus::Ended,
        ended_on: Some(today),
        ..stored
    };
    let ended = write_family(&mut tx, org, &owner, author, ended).await?;
    hand_over_in(&mut tx, org, family, ENDED_OWNER).await?;
    crate::audit::record_write(&mut tx, author, org, "match_end", &family.to_string()).await?;
    tx.commit().await?;
    Ok(ended)
}

/// Every matching of `family`, newest first, with the volunteers' names.
#[tracing::instrument(skip_all)]
pub async fn matches_of(
    db: &Db,
    org: &str,
    family: FamilyId,
) -> Result<Vec<MatchRecord>, FamilyError> {
    let rows = sqlx::query(
        "SELECT m.volunteer_id, COALESCE(u.display_name, ''), m.started_on, m.ended_on, m.end_reason, m.evaluation \
         FROM matches m LEFT JOIN users u ON u.id = m.volunteer_id \
         WHERE m.org_id = $1 AND m.family_id = $2 ORDER BY m.started_on DESC, m.ended_on IS NULL DESC",
    )
    .bind(org)
    .bind(family.to_string())
    .fetch_all(&db.pool)
    .await?;
    rows.iter()
        .map(|row| {
            let ended: Option<String> = row.try_get(3)?;
            let reason: Option<String> = row.try_get(4)?;
            Ok(MatchRecord {
                volunteer_id: row.try_get(0)?,
                volunteer_name: row.try_get(1)?,
                started_on: day_of(&row.try_get::<String, _>(2)?)?,
                ended_on: ended.as_deref().map(day_of).transpose()?,
                end_reason: reason.as_deref().and_then(EndReason::from_code),
                evaluation: row.try_get(5)?,
            })
        })
        .collect()
}
