//! The coordinator's view of the synced notes: her organisation's visits, newest first,
//! and one visit to read. Every visit and family a list showed, and every read, is
//! written to the audit log by record.

use super::problem::{ApiError, ApiPath};
use super::session::Signed;
use super::ApiState;
use crate::audit::{self, Action};
use crate::auth::people;
use crate::sync as store;
use app::api::ReviewVisit;
use app::store::Change;
use axum::extract::State;
use axum::Json;
use std::collections::HashMap;

async fn family_names(state: &ApiState, org: &str) -> Result<HashMap<String, String>, ApiError> {
    Ok(store::live_records(&state.db, org, "family")
        .await?
        .into_iter()
        .filter_map(|(_, change)| match change {
            Change::Family(f) => Some((f.id.to_string(), f.pseudonym)),
            Change::Visit(_) => None,
        })
        .collect())
}

/// `GET /api/v1/visits`: the organisation's visits, newest first.
pub async fn list(
    State(state): State<ApiState>,
    signed: Signed,
) -> Result<Json<Vec<ReviewVisit>>, ApiError> {
    let me = signed.coordinator()?;
    let families = family_names(&state, &me.org_id).await?;
    let volunteers = people::names(&state.db, &me.org_id).await?;
    let mut visits: Vec<ReviewVisit> = store::live_records(&state.db, &me.org_id, "visit")
        .await?
        .into_iter()
        .filter_map(|(owner, change)| match change {
            Change::Visit(visit) => Some(ReviewVisit {
                family: families
                    .get(&visit.family_id.to_string())
                    .cloned()
                    .unwrap_or_default(),
                volunteer: volunteers.get(&owner).cloned().unwrap_or_default(),
                visit,
            }),
            Change::Family(_) => None,
        })
        .collect();
    visits.sort_by(|a, b| {
        (b.visit.date, b.visit.updated_at_ms).cmp(&(a.visit.date, a.visit.updated_at_ms))
    });
    // NEN 7513: which notes she saw, one entry per visit and per family named.
    let mut shown_families: Vec<String> = visits
        .iter()
        .map(|v| v.visit.family_id.to_string())
        .collect();
    shown_families.sort();
    shown_families.dedup();
    let shown_visits: Vec<String> = visits.iter().map(|v| v.visit.id.to_string()).collect();
    audit::records(&state.db, &me, Action::List, "visit", shown_visits).await?;
    audit::records(&state.db, &me, Action::List, "family", shown_families).await?;
    Ok(Json(visits))
}

/// `GET /api/v1/visits/{id}`: one visit of her organisation.
pub async fn read(
    State(state): State<ApiState>,
    signed: Signed,
    ApiPath(id): ApiPath<String>,
) -> Result<Json<ReviewVisit>, ApiError> {
    let me = signed.coordinator()?;
    let not_found = ApiError::NotFound("no such visit in your organisation");
    let Some((owner, Change::Visit(visit))) =
        store::current_record(&state.db, &me.org_id, "visit", &id).await?
    else {
        return Err(not_found);
    };
    if visit.deleted {
        return Err(not_found);
    }
    let family = match store::current_record(
        &state.db,
        &me.org_id,
        "family",
        &visit.family_id.to_string(),
    )
    .await?
    {
        Some((_, Change::Family(f))) => f.pseudonym,
        _ => String::new(),
    };
    let volunteer = people::in_organisation(&state.db, &me.org_id, &owner)
        .await?
        .map(|a| a.display_name)
        .unwrap_or_default();
    audit::record(&state.db, &me, Action::Read, "visit", &id).await?;
    audit::record(
        &state.db,
        &me,
        Action::Read,
        "family",
        &visit.family_id.to_string(),
    )
    .await?;
    Ok(Json(ReviewVisit {
        visit,
        family,
        volunteer,
    }))
}
