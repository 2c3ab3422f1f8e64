//! `POST /api/v1/visits/{id}/feedback`: a coordinator replies on a visit. The reply is
//! judged by the kind's rules, stored once (its id is made by her browser), and reaches
//! the phone of the volunteer who wrote the visit at her next sync.

use super::checks::{check_change, moment_of};
use super::problem::{ApiError, ApiJson, ApiPath};
use super::session::Signed;
use super::ApiState;
use app::api::FeedbackDraft;
use app::domain::Feedback;
use app::store::Change;
use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;

/// `POST /api/v1/visits/{id}/feedback`: 201 with the stored reply (200 when it was
/// stored before: a retry).
pub async fn reply(
    State(state): State<ApiState>,
    signed: Signed,
    ApiPath(id): ApiPath<String>,
    ApiJson(draft): ApiJson<FeedbackDraft>,
) -> Result<(StatusCode, Json<Feedback>), ApiError> {
    let me = signed.coordinator()?;
    let (owner, visit) = super::review::live_visit(&state, &me.org_id, &id).await?;
    let now = app::domain::clock::now_ms();
    let reply = Feedback {
        id: draft.id,
        visit_id: visit.id,
        reply: draft.reply.trim().to_string(),
        replied_by: me.display_name.clone(),
        replied_at_ms: now,
        read_at_ms: None,
        answer: String::new(),
        answered_at_ms: None,
        updated_at_ms: now,
        base_version: None,
        conflicts: vec![],
        deleted: false,
    };
    let change = Change::Feedback(reply.clone());
    let problems = check_change(&change, moment_of(now, chrono::Utc::now()), None);
    if !problems.is_empty() {
        return Err(ApiError::invalid(problems));
    }
    let Change::Feedback(reply) = change else {
        unreachable!("built as feedback above")
    };
    let pushed = crate::feedback::send(&state.db, &me.org_id, &owner, &me.user_id, reply).await?;
    match pushed.record {
        Change::Feedback(stored) if stored.visit_id == visit.id => {
            let status = match pushed.outcome {
                crate::sync::PushOutcome::Duplicate => StatusCode::OK,
                _ => StatusCode::CREATED,
            };
            Ok((status, Json(stored)))
        }
        _ => Err(ApiError::MutationIdTaken),
    }
}
