//! Volunteers' profiles: the languages she speaks, her postcode area (no address), how
//! many families she can take, paused or available, and when she started. Changed
//! only by coordinators, based on the version they saw.

use super::{day_of, day_text, FamilyError};
use crate::db::Db;
use app::domain::matching::VolunteerProfile;
use sqlx::Row;
use std::collections::HashMap;

/// Families a volunteer without a profile is taken to have room for.
pub const DEFAULT_CAPACITY: u32 = 2;

const SELECT: &str =
    "SELECT user_id, languages, area, capacity, paused, started_on, version FROM volunteer_profiles";

fn profile_from(row: &sqlx::any::AnyRow) -> Result<VolunteerProfile, FamilyError> {
    let started: Option<String> = row.try_get(5)?;
    Ok(VolunteerProfile {
        user_id: row.try_get(0)?,
        languages: serde_json::from_str(&row.try_get::<String, _>(1)?)?,
        area: row.try_get(2)?,
        capacity: row.try_get::<i64, _>(3)? as u32,
        paused: row.try_get::<i64, _>(4)? != 0,
        started_on: started.as_deref().map(day_of).transpose()?,
        version: row.try_get::<i64, _>(6)? as u64,
    })
}

/// The profile a volunteer has before anyone filled it in.
pub fn blank_profile(user_id: &str) -> VolunteerProfile {
    VolunteerProfile {
        user_id: user_id.to_string(),
        languages: vec![],
        area: String::new(),
        capacity: DEFAULT_CAPACITY,
        paused: false,
        started_on: None,
        version: 0,
    }
}

/// Every filled-in profile of the organisation, by volunteer.
#[tracing::instrument(skip_all)]
pub async fn profiles(
    db: &Db,
    org: &str,
) -> Result<HashMap<String, VolunteerProfile>, FamilyError> {
    let rows = sqlx::query(&format!("{SELECT} WHERE org_id = $1"))
        .bind(org)
        .fetch_all(&db.pool)
        .await?;
    rows.iter()
        .map(|row| profile_from(row).map(|p| (p.user_id.clone(), p)))
        .collect()
}

/// One volunteer's profile (blank when nobody filled it in).
#[tracing::instrument(skip_all)]
pub async fn profile_of(db: &Db, org: &str, user: &str) -> Result<VolunteerProfile, FamilyError> {
    let row = sqlx::query(&format!("{SELECT} WHERE org_id = $1 AND user_id = $2"))
        .bind(org)
        .bind(user)
        .fetch_optional(&db.pool)
        .await?;
    match row {
        Some(row) => profile_from(&row),
        None => Ok(blank_profile(user)),
    }
}

/// Stores a profile based on the version the coordinator saw (0: none yet).
#[tracing::instrument(skip_all)]
pub async fn save_profile(
    db: &Db,
    org: &str,
    author: &str,
    profile: VolunteerProfile,
) -> Result<VolunteerProfile, FamilyError> {
    let mut tx = db.pool.begin().await?;
    let languages = serde_json::to_string(&profile.languages)?;
    let started = profile.started_on.map(day_text);
    let sql = if profile.version == 0 {
        "INSERT INTO volunteer_profiles (org_id, user_id, languages, area, capacity, paused, started_on, version) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, 1) ON CONFLICT (org_id, user_id) DO NOTHING"
    } else {
        "UPDATE volunteer_profiles SET languages = $3, area = $4, capacity = $5, paused = $6, started_on = $7, \
         version = version + 1 WHERE org_id = $1 AND user_id = $2 AND version = $8"
    };
    let mut query = sqlx::query(sql)
        .bind(org)
        .bind(&profile.user_id)
        .bind(languages)
        .bind(profile.area.trim())
        .bind(i64::from(profile.capacity))
        .bind(i64::from(profile.paused))
        .bind(started);
    if profile.version != 0 {
        query = query.bind(profile.version as i64);
    }
    let changed = query.execute(&mut *tx).await?;
    if changed.rows_affected() == 0 {
        return Err(FamilyError::Stale);
    }
    crate::audit::record_write(&mut tx, author, org, "profile", &profile.user_id).await?;
    tx.commit().await?;
    profile_of(db, org, &profile.user_id).await
}

/// How many families each volunteer has now (in intake or active; paused and ended ones
/// leave her room), for the suggestions.
#[tracing::instrument(skip_all)]
pub async fn families_per_volunteer(
    db: &Db,
    org: &str,
) -> Result<HashMap<String, u32>, FamilyError> {
    let rows = sqlx::query(
        "SELECT owner_id, COUNT(*) FROM family_index WHERE org_id = $1 AND deleted = 0 \
         AND status IN ('intake', 'active') GROUP BY owner_id",
    )
    .bind(org)
    .fetch_all(&db.pool)
    .await?;
    rows.iter()
        .map(|row| Ok((row.try_get(0)?, row.try_get::<i64, _>(1)? as u32)))
        .collect()
}
