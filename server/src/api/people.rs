//! People: one-time links (setup, invite, reset) and the organisation's list of people.
//! Only coordinators invite and reset; only an admin brings in other coordinators.

use super::problem::{ApiError, ApiJson};
use super::session::{sign_in, Signed};
use super::ApiState;
use crate::auth::{links, people, secrets, sessions};
use app::api::{
    FieldProblem, InviteRequest, LinkCreated, LinkInfo, LinkKind, Person, RedeemRequest, Role,
};
use axum::extract::{Path, State};
use axum::response::Response;
use axum::Json;

/// Shortest password accepted (NIST SP 800-63B asks at least 8; we ask a bit more).
pub const PASSWORD_MIN: usize = 10;
/// Longest password accepted (hashing cost stays bounded).
pub const PASSWORD_MAX: usize = 200;

fn check_len(errors: &mut Vec<FieldProblem>, field: &str, value: &str, min: usize, max: usize) {
    let len = value.chars().count();
    let code = if len == 0 {
        "required"
    } else if len < min {
        "too_short"
    } else if len > max {
        "too_long"
    } else {
        return;
    };
    errors.push(FieldProblem {
        field: field.into(),
        code: code.into(),
    });
}

/// Checks a redeem form for a link of `kind`; returns the cleaned username.
fn check_redeem(kind: LinkKind, form: &RedeemRequest) -> Result<String, ApiError> {
    let mut errors = Vec::new();
    let username = form.username.trim().to_lowercase();
    if kind != LinkKind::Reset {
        if kind == LinkKind::Setup {
            check_len(&mut errors, "organisation", form.organisation.trim(), 2, 80);
        }
        check_len(&mut errors, "display_name", form.display_name.trim(), 1, 60);
        check_len(&mut errors, "username", &username, 3, 40);
        let allowed = |c: char| c.is_ascii_lowercase() || c.is_ascii_digit() || "._-".contains(c);
        if !username.chars().all(allowed) {
            errors.push(FieldProblem {
                field: "username".into(),
                code: "bad_characters".into(),
            });
        }
    }
    check_len(
        &mut errors,
        "password",
        &form.password,
        PASSWORD_MIN,
        PASSWORD_MAX,
    );
    if errors.is_empty() {
        Ok(username)
    } else {
        Err(ApiError::invalid(errors))
    }
}

/// `GET /api/v1/links/{code}`: what the link will do.
pub async fn peek(
    State(state): State<ApiState>,
    Path(code): Path<String>,
) -> Result<Json<LinkInfo>, ApiError> {
    Ok(Json(links::peek(&state.db, &code).await?))
}

/// `POST /api/v1/links/{code}`: uses the link and signs her in.
pub async fn redeem(
    State(state): State<ApiState>,
    Path(code): Path<String>,
    ApiJson(form): ApiJson<RedeemRequest>,
) -> Result<Response, ApiError> {
    let link = links::peek(&state.db, &code).await?;
    let username = check_redeem(link.kind, &form)?;
    let password = form.password.clone();
    let hash = tokio::task::spawn_blocking(move || secrets::hash_password(&password))
        .await
        .map_err(|_| ApiError::LinkInvalid)?;
    let user_id = links::redeem(
        &state.db,
        &code,
        links::Redeem {
            organisation: form.organisation.trim(),
            display_name: form.display_name.trim(),
            username: &username,
            password_hash: &hash,
        },
    )
    .await?;
    let account = people::by_id(&state.db, &user_id)
        .await?
        .ok_or(ApiError::LinkInvalid)?;
    sign_in(&state, account).await
}

/// `POST /api/v1/invites`: a coordinator makes an invite link.
pub async fn invite(
    State(state): State<ApiState>,
    signed: Signed,
    ApiJson(form): ApiJson<InviteRequest>,
) -> Result<Json<LinkCreated>, ApiError> {
    let me = signed.coordinator()?;
    if form.role != Role::Volunteer && me.role != Role::Admin {
        return Err(ApiError::Forbidden("only an admin invites coordinators"));
    }
    let link = links::create(
        &state.db,
        LinkKind::Invite,
        Some(&me.org_id),
        form.role,
        None,
        Some(&me.user_id),
    )
    .await?;
    Ok(Json(link))
}

/// `GET /api/v1/people`: the organisation's people.
pub async fn list(
    State(state): State<ApiState>,
    signed: Signed,
) -> Result<Json<Vec<Person>>, ApiError> {
    let me = signed.coordinator()?;
    Ok(Json(people::list(&state.db, &me.org_id).await?))
}

/// `POST /api/v1/people/{id}/reset`: ends her sessions and makes a reset link.
pub async fn reset(
    State(state): State<ApiState>,
    signed: Signed,
    Path(user_id): Path<String>,
) -> Result<Json<LinkCreated>, ApiError> {
    let me = signed.coordinator()?;
    let person = people::in_organisation(&state.db, &me.org_id, &user_id)
        .await?
        .ok_or(ApiError::NotFound("no such person in your organisation"))?;
    if person.role != Role::Volunteer && me.role != Role::Admin {
        return Err(ApiError::Forbidden("only an admin resets a coordinator"));
    }
    sessions::close_all(&state.db, &person.user_id).await?;
    let link = links::create(
        &state.db,
        LinkKind::Reset,
        Some(&me.org_id),
        person.role,
        Some(&person.user_id),
        Some(&me.user_id),
    )
    .await?;
    Ok(Json(link))
}
