//! Families through the coordinator: `POST /api/v1/families` (intake),
//! `GET`/`PUT /api/v1/families/{id}`, `PUT /api/v1/families/{id}/intake`,
//! `POST /api/v1/families/{id}/match` (matching and rematching),
//! `POST /api/v1/families/{id}/end`, `POST /api/v1/families/{id}/confirm` and
//! `GET /api/v1/caseload`. Coordinators only; every read and change is audited, every
//! change is based on the version its editor saw.

use super::checks::{check_change, local_today, moment_of, problem};
use super::problem::{ApiError, ApiJson, ApiPath};
use super::session::Signed;
use super::ApiState;
use crate::audit::{self, Action};
use crate::auth::Account;
use crate::families::{self, FamilyError};
use app::api::{
    Caseload, EndReason, EndRequest, FamilyFile, FieldProblem, IntakeDetails, MatchRequest,
    NewFamily, Role, SuggestedVolunteer, LONG_TEXT_MAX,
};
use app::domain::matching::{suggest, Candidate, MatchNeeds};
use app::domain::{Family, FamilyId, FamilyStatus};
use app::store::Change;
use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use std::collections::HashMap;

impl From<FamilyError> for ApiError {
    fn from(error: FamilyError) -> Self {
        match error {
            FamilyError::Stale => ApiError::Stale("this was changed in the meantime; reload it"),
            FamilyError::NoFamily => ApiError::NotFound("no such family"),
            FamilyError::NoVolunteer => ApiError::NotFound("no such volunteer"),
            FamilyError::Paused => ApiError::VolunteerPaused,
            FamilyError::Ended => ApiError::FamilyEnded,
            FamilyError::NothingToConfirm => {
                ApiError::Stale("this family needs no confirmation (any more)")
            }
            FamilyError::Db(db) => ApiError::Db(db),
        }
    }
}

/// A text's length problem (`too_long`, or `required` when it must be there).
fn check_text(errors: &mut Vec<FieldProblem>, field: &str, text: &str, required: bool) {
    let len = text.trim().chars().count();
    if required && len == 0 {
        errors.push(problem(field, "required"));
    } else if len > LONG_TEXT_MAX {
        errors.push(problem(field, "too_long"));
    }
}

fn check_intake(errors: &mut Vec<FieldProblem>, intake: &IntakeDetails) {
    if let Err(error) = app::domain::matching::check_area(intake.area.trim()) {
        errors.push(problem("intake.area", error.code()));
    }
    check_text(
        errors,
        "intake.support_question",
        &intake.support_question,
        false,
    );
}

fn family_problems(family: &Family) -> Vec<FieldProblem> {
    let now = moment_of(app::domain::clock::now_ms(), chrono::Utc::now());
    check_change(&Change::Family(family.clone()), now, None)
}

fn refuse_if(errors: Vec<FieldProblem>) -> Result<(), ApiError> {
    if errors.is_empty() {
        Ok(())
    } else {
        Err(ApiError::invalid(errors))
    }
}

/// `POST /api/v1/families`: registers a referred family in intake (201).
pub async fn register(
    State(state): State<ApiState>,
    signed: Signed,
    ApiJson(new): ApiJson<NewFamily>,
) -> Result<(StatusCode, Json<FamilyFile>), ApiError> {
    let me = signed.coordinator()?;
    let mut errors = family_problems(&new.family);
    check_intake(&mut errors, &new.intake);
    refuse_if(errors)?;
    let id = new.family.id;
    families::register(&state.db, &me.org_id, &me.user_id, new, local_today()).await?;
    Ok((StatusCode::CREATED, Json(file_of(&state, &me, id).await?)))
}

/// `GET /api/v1/families/{id}`: the family with its intake, matchings and suggested
/// volunteers (the read is audited).
pub async fn read(
    State(state): State<ApiState>,
    signed: Signed,
    ApiPath(id): ApiPath<FamilyId>,
) -> Result<Json<FamilyFile>, ApiError> {
    let me = signed.coordinator()?;
    let file = file_of(&state, &me, id).await?;
    audit::record(&state.db, &me, Action::Read, "family", &id.to_string()).await?;
    Ok(Json(file))
}

/// `PUT /api/v1/families/{id}`: the coordinator's edit of the family (cadence, languages…).
pub async fn put(
    State(state): State<ApiState>,
    signed: Signed,
    ApiPath(id): ApiPath<FamilyId>,
    ApiJson(family): ApiJson<Family>,
) -> Result<Json<FamilyFile>, ApiError> {
    let me = signed.coordinator()?;
    if family.id != id {
        return Err(ApiError::NotFound(
            "the family in the body is not the one in the path",
        ));
    }
    refuse_if(family_problems(&family))?;
    families::save_family(&state.db, &me.org_id, &me.user_id, family).await?;
    Ok(Json(file_of(&state, &me, id).await?))
}

/// `PUT /api/v1/families/{id}/intake`: changes what was said at intake.
pub async fn put_intake(
    State(state): State<ApiState>,
    signed: Signed,
    ApiPath(id): ApiPath<FamilyId>,
    ApiJson(intake): ApiJson<IntakeDetails>,
) -> Result<Json<FamilyFile>, ApiError> {
    let me = signed.coordinator()?;
    let mut errors = Vec::new();
    check_intake(&mut errors, &intake);
    refuse_if(errors)?;
    families::save_intake(&state.db, &me.org_id, &me.user_id, id, intake).await?;
    Ok(Json(file_of(&state, &me, id).await?))
}

/// `POST /api/v1/families/{id}/match`: gives the family to a volunteer; when another
/// volunteer had it, that matching ends and the family moves (rematching).
pub async fn match_family(
    State(state): State<ApiState>,
    signed: Signed,
    ApiPath(id): ApiPath<FamilyId>,
    ApiJson(request): ApiJson<MatchRequest>,
) -> Result<Json<FamilyFile>, ApiError> {
    let me = signed.coordinator()?;
    let mut errors = Vec::new();
    if request.volunteer_id.is_empty() || request.volunteer_id.len() > 64 {
        errors.push(problem("match.volunteer_id", "required"));
    }
    check_text(&mut errors, "match.evaluation", &request.evaluation, false);
    refuse_if(errors)?;
    families::match_family(
        &state.db,
        &me.org_id,
        &me.user_id,
        id,
        &request.volunteer_id,
        &request.evaluation,
        local_today(),
    )
    .await?;
    Ok(Json(file_of(&state, &me, id).await?))
}

/// `POST /api/v1/families/{id}/end`: ends the support with a reason and an evaluation.
pub async fn end(
    State(state): State<ApiState>,
    signed: Signed,
    ApiPath(id): ApiPath<FamilyId>,
    ApiJson(request): ApiJson<EndRequest>,
) -> Result<Json<FamilyFile>, ApiError> {
    let me = signed.coordinator()?;
    let mut errors = Vec::new();
    if request.reason == EndReason::Rematched {
        errors.push(problem("end.reason", "not_allowed"));
    }
    check_text(&mut errors, "end.evaluation", &request.evaluation, true);
    refuse_if(errors)?;
    families::end_family(
        &state.db,
        &me.org_id,
        &me.user_id,
        id,
        request.reason,
        &request.evaluation,
        local_today(),
    )
    .await?;
    Ok(Json(file_of(&state, &me, id).await?))
}

/// `POST /api/v1/families/{id}/confirm`: confirms a family a volunteer added herself.
pub async fn confirm(
    State(state): State<ApiState>,
    signed: Signed,
    ApiPath(id): ApiPath<FamilyId>,
) -> Result<Json<FamilyFile>, ApiError> {
    let me = signed.coordinator()?;
    families::confirm(&state.db, &me.org_id, &me.user_id, id, local_today()).await?;
    Ok(Json(file_of(&state, &me, id).await?))
}

/// `GET /api/v1/caseload`: every volunteer with her families and what needs attention,
/// and the families waiting in intake (the read is audited).
pub async fn caseload(
    State(state): State<ApiState>,
    signed: Signed,
) -> Result<Json<Caseload>, ApiError> {
    let me = signed.coordinator()?;
    let caseload = families::caseload(&state.db, &me.org_id, local_today()).await?;
    audit::record(&state.db, &me, Action::List, "caseload", &me.org_id).await?;
    Ok(Json(caseload))
}

/// The coordinator's file of one family of her organisation.
async fn file_of(state: &ApiState, me: &Account, id: FamilyId) -> Result<FamilyFile, ApiError> {
    let (owner, family) = families::family_of(&state.db, &me.org_id, id)
        .await?
        .ok_or(ApiError::NotFound("no such family"))?;
    let intake = families::intake_of(&state.db, &me.org_id, id).await?;
    let matches = families::matches_of(&state.db, &me.org_id, id).await?;
    let volunteer_id = (!owner.starts_with('@')).then_some(owner);
    let suggestions = if family.status == FamilyStatus::Ended {
        vec![]
    } else {
        suggestions_for(state, me, &family, intake.as_ref(), volunteer_id.as_deref()).await?
    };
    Ok(FamilyFile {
        family,
        intake,
        volunteer_id,
        matches,
        suggestions,
    })
}

/// The volunteers who would fit `family`, best first, leaving out her volunteer now.
async fn suggestions_for(
    state: &ApiState,
    me: &Account,
    family: &Family,
    intake: Option<&IntakeDetails>,
    current: Option<&str>,
) -> Result<Vec<SuggestedVolunteer>, ApiError> {
    let people = crate::auth::people::list(&state.db, &me.org_id).await?;
    let profiles = families::profiles(&state.db, &me.org_id).await?;
    let load = families::families_per_volunteer(&state.db, &me.org_id).await?;
    let volunteers: Vec<_> = people
        .iter()
        .filter(|p| p.role == Role::Volunteer && p.active && Some(p.id.as_str()) != current)
        .map(|p| {
            let profile = profiles
                .get(&p.id)
                .cloned()
                .unwrap_or_else(|| families::blank_profile(&p.id));
            (p, profile)
        })
        .collect();
    let candidates: Vec<Candidate> = volunteers
        .iter()
        .map(|(p, profile)| Candidate {
            profile,
            families: load.get(&p.id).copied().unwrap_or(0),
        })
        .collect();
    let needs = MatchNeeds {
        languages: family.languages.clone(),
        preference: intake.map_or(
            app::domain::matching::CulturePreference::NoPreference,
            |i| i.preference,
        ),
        area: intake.map(|i| i.area.clone()).unwrap_or_default(),
    };
    let names: HashMap<&str, &str> = people
        .iter()
        .map(|p| (p.id.as_str(), p.display_name.as_str()))
        .collect();
    Ok(suggest(&needs, &candidates)
        .into_iter()
        .map(|s| SuggestedVolunteer {
            name: names
                .get(s.user_id.as_str())
                .copied()
                .unwrap_or_default()
                .to_string(),
            volunteer_id: s.user_id,
            score: s.score,
            reasons: s.reasons,
        })
        .collect())
}
