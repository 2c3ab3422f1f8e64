//! The caseload: every volunteer with her families, and the families waiting in intake,
//! each with what needs attention (overdue by its cadence, a first visit not made, a
//! MIM child turning 18 months, an intake waiting too long), most urgent on top. Read
//! in four queries and worked out by the shared caseload rules.

use super::{day_of, is_person, profiles, profiles::blank_profile, FamilyError, INTAKE_OWNER};
use crate::db::Db;
use app::api::{CaseRow, Caseload, Role, VolunteerLoad};
use app::domain::caseload::{attention, free_capacity, urgency, CaseFamily};
use app::domain::{Family, FamilyStatus};
use app::store::Change;
use chrono::NaiveDate;
use sqlx::Row;
use std::collections::HashMap;

/// The families that are not ended, with their owners.
async fn open_families(db: &Db, org: &str) -> Result<Vec<(String, Family)>, FamilyError> {
    let rows = sqlx::query(
        "SELECT f.owner_id, r.body FROM family_index f JOIN records r \
         ON r.org_id = f.org_id AND r.entity = 'family' AND r.id = f.id \
         WHERE f.org_id = $1 AND f.deleted = 0 AND f.status <> 'ended'",
    )
    .bind(org)
    .fetch_all(&db.pool)
    .await?;
    let mut families = Vec::with_capacity(rows.len());
    for row in &rows {
        if let Change::Family(family) = crate::sync::decode(&row.try_get::<String, _>(1)?)? {
            families.push((row.try_get(0)?, family));
        }
    }
    Ok(families)
}

/// A day per family from `sql` (family id, ISO day).
async fn days_by_family(
    db: &Db,
    org: &str,
    sql: &str,
) -> Result<HashMap<String, NaiveDate>, FamilyError> {
    let rows = sqlx::query(sql).bind(org).fetch_all(&db.pool).await?;
    rows.iter()
        .map(|row| Ok((row.try_get(0)?, day_of(&row.try_get::<String, _>(1)?)?)))
        .collect()
}

/// The organisation's caseload on `today`.
#[tracing::instrument(skip_all)]
pub async fn caseload(db: &Db, org: &str, today: NaiveDate) -> Result<Caseload, FamilyError> {
    let families = open_families(db, org).await?;
    let last_visits = days_by_family(
        db,
        org,
        "SELECT family_id, MAX(visit_date) FROM visit_index WHERE org_id = $1 AND deleted = 0 GROUP BY family_id",
    )
    .await?;
    let matched = days_by_family(
        db,
        org,
        "SELECT family_id, started_on FROM matches WHERE org_id = $1 AND ended_on IS NULL",
    )
    .await?;
    let registered = days_by_family(
        db,
        org,
        "SELECT family_id, registered_on FROM intakes WHERE org_id = $1",
    )
    .await?;
    let mut waiting = Vec::new();
    let mut by_volunteer: HashMap<String, Vec<CaseRow>> = HashMap::new();
    for (owner, family) in families {
        let id = family.id.to_string();
        let volunteer = is_person(&owner).then(|| owner.clone());
        let since = matched
            .get(&id)
            .or(registered.get(&id))
            .copied()
            .unwrap_or(today);
        let case = CaseFamily {
            id: family.id,
            pseudonym: family.pseudonym,
            programme: family.programme,
            cadence: family.cadence,
            status: family.status,
            child: family.child,
            volunteer: volunteer.clone(),
            since,
            last_visit: last_visits.get(&id).copied(),
            next_appointment: family.next_appointment,
        };
        let row = CaseRow {
            attention: attention(&case, today),
            unconfirmed: volunteer.is_some() && !matched.contains_key(&id),
            family: case,
        };
        match volunteer {
            Some(v) => by_volunteer.entry(v).or_default().push(row),
            None if owner == INTAKE_OWNER && row.family.status == FamilyStatus::Intake => {
                waiting.push(row)
            }
            None => {}
        }
    }
    sort_rows(&mut waiting);
    let volunteers = volunteer_loads(db, org, by_volunteer).await?;
    Ok(Caseload {
        today,
        waiting,
        volunteers,
    })
}

/// Most urgent first; then by pseudonym, so the order never jumps.
fn sort_rows(rows: &mut [CaseRow]) {
    rows.sort_by(|a, b| {
        (urgency(&a.attention), &a.family.pseudonym)
            .cmp(&(urgency(&b.attention), &b.family.pseudonym))
    });
}

/// Every volunteer (switched-off ones only while they still have families), with her
/// profile, free capacity and families; the one with the most urgent family first.
async fn volunteer_loads(
    db: &Db,
    org: &str,
    mut by_volunteer: HashMap<String, Vec<CaseRow>>,
) -> Result<Vec<VolunteerLoad>, FamilyError> {
    let people = crate::auth::people::list(db, org).await?;
    let profiles = profiles(db, org).await?;
    let mut loads: Vec<(i64, VolunteerLoad)> = people
        .into_iter()
        .filter(|p| p.role == Role::Volunteer)
        .filter_map(|person| {
            let mut families = by_volunteer.remove(&person.id).unwrap_or_default();
            if !person.active && families.is_empty() {
                return None;
            }
            sort_rows(&mut families);
            let profile = profiles
                .get(&person.id)
                .cloned()
                .unwrap_or_else(|| blank_profile(&person.id));
            let taken = families
                .iter()
                .filter(|r| r.family.status != FamilyStatus::Paused)
                .count() as u32;
            let free = free_capacity(profile.capacity, profile.paused || !person.active, taken);
            let first = families.first().map_or(i64::MAX, |r| urgency(&r.attention));
            Some((
                first,
                VolunteerLoad {
                    name: person.display_name,
                    profile,
                    free,
                    families,
                },
            ))
        })
        .collect();
    loads.sort_by(|(a, x), (b, y)| (a, &x.name).cmp(&(b, &y.name)));
    Ok(loads.into_iter().map(|(_, load)| load).collect())
}
