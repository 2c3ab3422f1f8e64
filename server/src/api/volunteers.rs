//! A volunteer as her coordinator plans with her: `GET /api/v1/volunteers/{id}` (her
//! profile and supervision log), `PUT /api/v1/volunteers/{id}/profile` and
//! `POST /api/v1/volunteers/{id}/supervision`. Coordinators only, audited; the log never
//! reaches any phone.

use super::checks::{local_today, problem};
use super::problem::{ApiError, ApiJson, ApiPath};
use super::session::Signed;
use super::ApiState;
use crate::audit::{self, Action};
use crate::auth::Account;
use crate::families;
use app::api::{Role, SupervisionNote, VolunteerFile, LONG_TEXT_MAX};
use app::domain::matching::VolunteerProfile;
use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;

/// Longest list of topics of a supervision note, in characters.
const TOPICS_MAX: usize = 200;

/// The volunteer `id` of the coordinator's organisation: her name.
async fn volunteer_name(state: &ApiState, me: &Account, id: &str) -> Result<String, ApiError> {
    match crate::auth::people::by_id(&state.db, id).await? {
        Some(a) if a.org_id == me.org_id && a.role == Role::Volunteer => Ok(a.display_name),
        _ => Err(ApiError::NotFound("no such volunteer")),
    }
}

async fn file_of(state: &ApiState, me: &Account, id: &str) -> Result<VolunteerFile, ApiError> {
    let name = volunteer_name(state, me, id).await?;
    Ok(VolunteerFile {
        name,
        profile: families::profile_of(&state.db, &me.org_id, id).await?,
        supervision: families::notes_of(&state.db, &me.org_id, id).await?,
    })
}

/// `GET /api/v1/volunteers/{id}` (the read is audited).
pub async fn read(
    State(state): State<ApiState>,
    signed: Signed,
    ApiPath(id): ApiPath<String>,
) -> Result<Json<VolunteerFile>, ApiError> {
    let me = signed.coordinator()?;
    let file = file_of(&state, &me, &id).await?;
    audit::record(&state.db, &me, Action::Read, "volunteer", &id).await?;
    Ok(Json(file))
}

/// `PUT /api/v1/volunteers/{id}/profile`: her languages, area, capacity, pause, start.
pub async fn put_profile(
    State(state): State<ApiState>,
    signed: Signed,
    ApiPath(id): ApiPath<String>,
    ApiJson(profile): ApiJson<VolunteerProfile>,
) -> Result<Json<VolunteerFile>, ApiError> {
    let me = signed.coordinator()?;
    volunteer_name(&state, &me, &id).await?;
    if profile.user_id != id {
        return Err(ApiError::NotFound(
            "the volunteer in the body is not the one in the path",
        ));
    }
    if let Err(errors) = profile.check_profile() {
        return Err(ApiError::invalid(
            errors
                .iter()
                .map(|(field, error)| problem(&format!("profile.{}", field.wire()), error.code()))
                .collect(),
        ));
    }
    families::save_profile(&state.db, &me.org_id, &me.user_id, profile).await?;
    Ok(Json(file_of(&state, &me, &id).await?))
}

/// `POST /api/v1/volunteers/{id}/supervision`: a note of a talk, a session or her leaving.
pub async fn add_note(
    State(state): State<ApiState>,
    signed: Signed,
    ApiPath(id): ApiPath<String>,
    ApiJson(note): ApiJson<SupervisionNote>,
) -> Result<(StatusCode, Json<VolunteerFile>), ApiError> {
    let me = signed.coordinator()?;
    volunteer_name(&state, &me, &id).await?;
    let mut errors = Vec::new();
    if note.held_on > local_today() {
        errors.push(problem("supervision.held_on", "in_future"));
    }
    if note.topics.trim().chars().count() > TOPICS_MAX {
        errors.push(problem("supervision.topics", "too_long"));
    }
    let note_len = note.note.trim().chars().count();
    if note_len == 0 && note.topics.trim().is_empty() {
        errors.push(problem("supervision.note", "required"));
    } else if note_len > LONG_TEXT_MAX {
        errors.push(problem("supervision.note", "too_long"));
    }
    if !errors.is_empty() {
        return Err(ApiError::invalid(errors));
    }
    families::add_note(&state.db, &me.org_id, &me.user_id, &id, &note).await?;
    Ok((StatusCode::CREATED, Json(file_of(&state, &me, &id).await?)))
}
