//! `GET /api/v1/signals` and `PUT /api/v1/visits/{id}/signal`: the open signals of
//! concern, most pressing first, and a coordinator's step in handling one. Every list
//! and every step is audited.

use super::problem::{ApiError, ApiJson, ApiPath};
use super::session::Signed;
use super::ApiState;
use crate::audit::{self, Action};
use crate::auth::people;
use crate::triage::{self, TriageError};
use app::api::{FieldProblem, OpenSignal, OpenSignals, Triage, TriageEdit};
use app::store::Change;
use axum::extract::State;
use axum::Json;
use std::collections::HashMap;

/// The item with the coordinators named instead of their user ids.
pub fn named(mut triage: Triage, names: &HashMap<String, String>) -> Triage {
    let name = |id: Option<String>| id.map(|id| names.get(&id).cloned().unwrap_or_default());
    triage.acknowledged_by = name(triage.acknowledged_by.take());
    triage.resolved_by = name(triage.resolved_by.take());
    triage
}

impl From<TriageError> for ApiError {
    fn from(err: TriageError) -> Self {
        match err {
            TriageError::NoSignal => ApiError::NotFound("this visit has no signal of concern"),
            TriageError::Stale => {
                ApiError::Stale("another coordinator changed this signal since you opened it")
            }
            TriageError::AlreadyResolved => ApiError::AlreadyResolved,
            TriageError::Invalid(field, code) => ApiError::invalid(vec![FieldProblem {
                field: field.into(),
                code: code.into(),
            }]),
            TriageError::Db(db) => ApiError::Db(db),
        }
    }
}

/// `GET /api/v1/signals`: her organisation's open signals.
pub async fn open(
    State(state): State<ApiState>,
    signed: Signed,
) -> Result<Json<OpenSignals>, ApiError> {
    let me = signed.coordinator()?;
    let open = triage::open(&state.db, &me.org_id).await?;
    let names = people::names(&state.db, &me.org_id).await?;
    let mut signals = Vec::with_capacity(open.len());
    for item in open {
        let id = item.triage.visit_id.to_string();
        let (date, family) = visit_and_family(&state, &me.org_id, &id, &item.family_id).await?;
        signals.push(OpenSignal {
            volunteer: names.get(&item.owner).cloned().unwrap_or_default(),
            triage: named(item.triage, &names),
            visit_date: date,
            family,
        });
    }
    let shown: Vec<String> = signals
        .iter()
        .map(|s| s.triage.visit_id.to_string())
        .collect();
    audit::records(&state.db, &me, Action::List, "signal", shown).await?;
    Ok(Json(OpenSignals { signals }))
}

/// The visit's day and its family's pseudonym.
async fn visit_and_family(
    state: &ApiState,
    org: &str,
    visit: &str,
    family: &str,
) -> Result<(String, String), ApiError> {
    let date = match crate::sync::current_record(&state.db, org, "visit", visit).await? {
        Some((_, Change::Visit(v))) => v.date.format("%Y-%m-%d").to_string(),
        _ => String::new(),
    };
    let family = match crate::sync::current_record(&state.db, org, "family", family).await? {
        Some((_, Change::Family(f))) => f.pseudonym,
        _ => String::new(),
    };
    Ok((date, family))
}

/// `PUT /api/v1/visits/{id}/signal`: acknowledge, re-rate or resolve a signal, based on
/// the version she saw.
pub async fn step(
    State(state): State<ApiState>,
    signed: Signed,
    ApiPath(id): ApiPath<String>,
    ApiJson(edit): ApiJson<TriageEdit>,
) -> Result<Json<Triage>, ApiError> {
    let me = signed.coordinator()?;
    super::review::live_visit(&state, &me.org_id, &id).await?;
    let stored = triage::step(&state.db, &me.org_id, &id, &me.user_id, &edit).await?;
    audit::record(&state.db, &me, Action::Triage, "signal", &id).await?;
    let names = people::names(&state.db, &me.org_id).await?;
    Ok(Json(named(stored.triage, &names)))
}
