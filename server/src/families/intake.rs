//! Registering a referred family (status intake, owned by `@intake`), the coordinator's
//! edits of a family and of what was said at intake, and confirming a family a
//! volunteer added herself.

use super::{day_of, day_text, is_person, FamilyError, INTAKE_OWNER};
use crate::db::Db;
use crate::sync::{self, SERVER_DEVICE};
use app::api::{IntakeDetails, NewFamily};
use app::domain::matching::{CulturePreference, Referrer};
use app::domain::{Family, FamilyId, FamilyStatus, MutationId};
use app::store::{Change, Mutation};
use chrono::NaiveDate;
use sqlx::Row;

type Tx<'a> = sqlx::Transaction<'a, sqlx::Any>;

/// The family `id` with its owner, its base version set to the stored one.
pub(super) async fn family_in(
    tx: &mut Tx<'_>,
    org: &str,
    id: FamilyId,
) -> Result<Option<(String, Family)>, FamilyError> {
    let row = sqlx::query(
        "SELECT owner_id, version, body FROM records WHERE org_id = $1 AND entity = 'family' AND id = $2 AND deleted = 0",
    )
    .bind(org)
    .bind(id.to_string())
    .fetch_optional(&mut **tx)
    .await?;
    let Some(row) = row else { return Ok(None) };
    let version: i64 = row.try_get(1)?;
    match sync::decode(&row.try_get::<String, _>(2)?)?.with_base(version as u64) {
        Change::Family(family) => Ok(Some((row.try_get(0)?, family))),
        _ => Err(FamilyError::Db(crate::db::DbError::WrongKind)),
    }
}

/// Stores `family` as the server's edit (a new record belongs to `owner`; an existing
/// one keeps its owner), audited for `author`. Returns it with its new version.
pub(super) async fn write_family(
    tx: &mut Tx<'_>,
    org: &str,
    owner: &str,
    author: &str,
    family: Family,
) -> Result<Family, FamilyError> {
    let seq = sync::reserve_change_numbers(tx, org, 1).await?;
    let family = Family {
        updated_at_ms: app::domain::clock::now_ms(),
        conflicts: vec![],
        ..family
    };
    let mutation = Mutation {
        id: MutationId::new(),
        at_ms: family.updated_at_ms,
        change: Change::Family(family),
    };
    let pushed = sync::apply(tx, org, owner, SERVER_DEVICE, &mutation, seq).await?;
    let id = mutation.change.record_id();
    crate::audit::record_write(tx, author, org, "family", &id).await?;
    match pushed.record.with_base(pushed.version as u64) {
        Change::Family(family) => Ok(family),
        _ => Err(FamilyError::Db(crate::db::DbError::WrongKind)),
    }
}

/// Registers a referred family in intake: the family record (nobody's phone receives
/// it yet) and what was said at intake, in one transaction.
#[tracing::instrument(skip_all)]
pub async fn register(
    db: &Db,
    org: &str,
    author: &str,
    new: NewFamily,
    today: NaiveDate,
) -> Result<(Family, IntakeDetails), FamilyError> {
    let mut tx = db.pool.begin().await?;
    let exists: Option<i64> = sqlx::query_scalar(
        "SELECT version FROM records WHERE org_id = $1 AND entity = 'family' AND id = $2",
    )
    .bind(org)
    .bind(new.family.id.to_string())
    .fetch_optional(&mut *tx)
    .await?;
    if exists.is_some() {
        return Err(FamilyError::Stale);
    }
    let family = Family {
        status: FamilyStatus::Intake,
        ended_on: None,
        base_version: None,
        deleted: false,
        ..new.family
    };
    let family = write_family(&mut tx, org, INTAKE_OWNER, author, family).await?;
    let intake = IntakeDetails {
        registered_on: Some(today),
        added_by_volunteer: false,
        version: 1,
        ..new.intake
    };
    insert_intake(&mut tx, org, family.id, &intake).await?;
    tx.commit().await?;
    Ok((family, intake))
}

async fn insert_intake(
    tx: &mut Tx<'_>,
    org: &str,
    family: FamilyId,
    intake: &IntakeDetails,
) -> Result<(), FamilyError> {
    sqlx::query(
        "INSERT INTO intakes (org_id, family_id, referrer, preference, area, support_question, registered_on, added_by_volunteer, version) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
    )
    .bind(org)
    .bind(family.to_string())
    .bind(intake.referrer.code())
    .bind(intake.preference.code())
    .bind(intake.area.trim())
    .bind(intake.support_question.trim())
    .bind(day_text(intake.registered_on.unwrap_or_default()))
    .bind(i64::from(intake.added_by_volunteer))
    .bind(intake.version as i64)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// What was said at intake about `family`, if anything.
#[tracing::instrument(skip_all)]
pub async fn intake_of(
    db: &Db,
    org: &str,
    family: FamilyId,
) -> Result<Option<IntakeDetails>, FamilyError> {
    let row = sqlx::query(
        "SELECT referrer, preference, area, support_question, registered_on, added_by_volunteer, version \
         FROM intakes WHERE org_id = $1 AND family_id = $2",
    )
    .bind(org)
    .bind(family.to_string())
    .fetch_optional(&db.pool)
    .await?;
    let Some(row) = row else { return Ok(None) };
    Ok(Some(IntakeDetails {
        referrer: Referrer::from_code(&row.try_get::<String, _>(0)?).unwrap_or(Referrer::Other),
        preference: CulturePreference::from_code(&row.try_get::<String, _>(1)?)
            .unwrap_or(CulturePreference::NoPreference),
        area: row.try_get(2)?,
        support_question: row.try_get(3)?,
        registered_on: Some(day_of(&row.try_get::<String, _>(4)?)?),
        added_by_volunteer: row.try_get::<i64, _>(5)? != 0,
        version: row.try_get::<i64, _>(6)? as u64,
    }))
}

/// Changes what was said at intake, based on the version the coordinator saw.
#[tracing::instrument(skip_all)]
pub async fn save_intake(
    db: &Db,
    org: &str,
    author: &str,
    family: FamilyId,
    intake: IntakeDetails,
) -> Result<IntakeDetails, FamilyError> {
    let mut tx = db.pool.begin().await?;
    let changed = sqlx::query(
        "UPDATE intakes SET referrer = $3, preference = $4, area = $5, support_question = $6, version = version + 1 \
         WHERE org_id = $1 AND family_id = $2 AND version = $7",
    )
    .bind(org)
    .bind(family.to_string())
    .bind(intake.referrer.code())
    .bind(intake.preference.code())
    .bind(intake.area.trim())
    .bind(intake.support_question.trim())
    .bind(intake.version as i64)
    .execute(&mut *tx)
    .await?;
    if changed.rows_affected() == 0 {
        drop(tx);
        return Err(match intake_of(db, org, family).await? {
            Some(_) => FamilyError::Stale,
            None => FamilyError::NoFamily,
        });
    }
    crate::audit::record_write(&mut tx, author, org, "intake", &family.to_string()).await?;
    tx.commit().await?;
    intake_of(db, org, family)
        .await?
        .ok_or(FamilyError::NoFamily)
}

/// The coordinator's edit of a family (its cadence, say), based on the version she saw.
/// The status and end follow the matching, not this edit.
#[tracing::instrument(skip_all)]
pub async fn save_family(
    db: &Db,
    org: &str,
    author: &str,
    family: Family,
) -> Result<Family, FamilyError> {
    let mut tx = db.pool.begin().await?;
    let (owner, stored) = family_in(&mut tx, org, family.id)
        .await?
        .ok_or(FamilyError::NoFamily)?;
    if stored.base_version != family.base_version {
        return Err(FamilyError::Stale);
    }
    let family = Family {
        status: stored.status,
        ended_on: stored.ended_on,
        deleted: false,
        ..family
    };
    let family = write_family(&mut tx, org, &owner, author, family).await?;
    tx.commit().await?;
    Ok(family)
}

/// Confirms a family a volunteer added herself: it gets its matching with her (from
/// today) and an intake entry saying so.
#[tracing::instrument(skip_all)]
pub async fn confirm(
    db: &Db,
    org: &str,
    author: &str,
    family: FamilyId,
    today: NaiveDate,
) -> Result<(), FamilyError> {
    let mut tx = db.pool.begin().await?;
    let (owner, _) = family_in(&mut tx, org, family)
        .await?
        .ok_or(FamilyError::NoFamily)?;
    let matched = super::matches::open_match_in(&mut tx, org, family).await?;
    if !is_person(&owner) || matched.is_some() {
        return Err(FamilyError::NothingToConfirm);
    }
    super::matches::insert_match(&mut tx, org, family, &owner, author, today).await?;
    let intake = IntakeDetails {
        referrer: Referrer::Other,
        preference: CulturePreference::NoPreference,
        area: String::new(),
        support_question: String::new(),
        registered_on: Some(today),
        added_by_volunteer: true,
        version: 1,
    };
    sqlx::query("DELETE FROM intakes WHERE org_id = $1 AND family_id = $2")
        .bind(org)
        .bind(family.to_string())
        .execute(&mut *tx)
        .await?;
    insert_intake(&mut tx, org, family, &intake).await?;
    crate::audit::record_write(&mut tx, author, org, "match", &family.to_string()).await?;
    tx.commit().await?;
    Ok(())
}

/// The family `id` with its owner and its stored version as base (none when deleted).
#[tracing::instrument(skip_all)]
pub async fn family_of(
    db: &Db,
    org: &str,
    id: FamilyId,
) -> Result<Option<(String, Family)>, FamilyError> {
    let mut tx = db.pool.begin().await?;
    let found = family_in(&mut tx, org, id).await?;
    tx.commit().await?;
    Ok(found)
}
