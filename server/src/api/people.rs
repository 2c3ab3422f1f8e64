//! People: one-time links (setup, invite, reset) and the organisation's list of people.
//! Only coordinators invite and reset; only an admin brings in other coordinators.

use super::problem::{ApiError, ApiJson, ApiPath};
use super::session::{sign_in, Signed};
use super::ApiState;
use crate::audit::{self, Action};
use crate::auth::{links, passwords, people, secrets};
use app::api::{
    FieldProblem, InviteRequest, LinkCreated, LinkInfo, LinkKind, Person, RedeemRequest, Role,
};
use axum::extract::State;
use axum::response::Response;
use axum::Json;

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
    let known = [
        username.as_str(),
        form.display_name.trim(),
        form.organisation.trim(),
    ];
    passwords::check(&mut errors, "password", &form.password, &known);
    if errors.is_empty() {
        Ok(username)
    } else {
        Err(ApiError::invalid(errors))
    }
}

/// `GET /api/v1/links/{code}`: what the link will do.
pub async fn peek(
    State(state): State<ApiState>,
    ApiPath(code): ApiPath<String>,
) -> Result<Json<LinkInfo>, ApiError> {
    Ok(Json(links::peek(&state.db, &code).await?))
}

/// `POST /api/v1/links/{code}`: uses the link and signs her in. A taken username counts
/// against the link (after `links::MAX_TAKEN_ATTEMPTS` it stops working), so a link
/// cannot be used to list the usernames that exist.
pub async fn redeem(
    State(state): State<ApiState>,
    ApiPath(code): ApiPath<String>,
    ApiJson(form): ApiJson<RedeemRequest>,
) -> Result<Response, ApiError> {
    let link = links::peek(&state.db, &code).await?;
    let username = check_redeem(link.kind, &form)?;
    let hash = secrets::hash_password_bounded(form.password.clone())
        .await
        .ok_or(ApiError::LinkInvalid)?;
    let redeemed = links::redeem(
        &state.db,
        &code,
        links::Redeem {
            organisation: form.organisation.trim(),
            display_name: form.display_name.trim(),
            username: &username,
            password_hash: &hash,
        },
    )
    .await;
    if matches!(redeemed, Err(links::LinkError::UsernameTaken)) {
        links::count_taken_attempt(&state.db, &code).await?;
    }
    let user_id = redeemed?;
    let account = people::by_id(&state.db, &user_id)
        .await?
        .ok_or(ApiError::LinkInvalid)?;
    audit::person(&state.db, &account, Action::Redeem, &account.user_id).await?;
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
    audit::record(&state.db, &me, Action::Invite, "link", form.role.code()).await?;
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

/// A person of the coordinator's organisation whom she may manage: a coordinator
/// manages volunteers, an admin also coordinators; nobody manages herself.
async fn manageable(
    state: &ApiState,
    me: &crate::auth::Account,
    user_id: &str,
) -> Result<crate::auth::Account, ApiError> {
    let person = people::in_organisation(&state.db, &me.org_id, user_id)
        .await?
        .ok_or(ApiError::NotFound("no such person in your organisation"))?;
    if person.user_id == me.user_id {
        return Err(ApiError::Forbidden(
            "you cannot do this to your own account",
        ));
    }
    if person.role != Role::Volunteer && me.role != Role::Admin {
        return Err(ApiError::Forbidden("only an admin manages a coordinator"));
    }
    Ok(person)
}

/// `POST /api/v1/people/{id}/reset`: her password stops working, her sessions end, older
/// reset links of hers are revoked, and a new reset link is made — in one transaction,
/// and written to the audit log (the coordinator can set her password through it).
pub async fn reset(
    State(state): State<ApiState>,
    signed: Signed,
    ApiPath(user_id): ApiPath<String>,
) -> Result<Json<LinkCreated>, ApiError> {
    let me = signed.coordinator()?;
    let person = manageable(&state, &me, &user_id).await?;
    let link = links::reset(
        &state.db,
        &me.org_id,
        person.role,
        &person.user_id,
        &me.user_id,
    )
    .await?;
    audit::person(&state.db, &me, Action::Reset, &person.user_id).await?;
    Ok(Json(link))
}

/// `POST /api/v1/people/{id}/deactivate`: switches her account off. She can no longer
/// sign in, pull or change anything; her phone may still push what was waiting on it
/// (`lifetimes::FINAL_PUSH_MS`), so nothing she wrote is lost.
pub async fn deactivate(
    State(state): State<ApiState>,
    signed: Signed,
    ApiPath(user_id): ApiPath<String>,
) -> Result<Json<Person>, ApiError> {
    switch(state, signed, user_id, false).await
}

/// `POST /api/v1/people/{id}/reactivate`: switches her account on again; she signs in
/// anew (sessions from before are gone).
pub async fn reactivate(
    State(state): State<ApiState>,
    signed: Signed,
    ApiPath(user_id): ApiPath<String>,
) -> Result<Json<Person>, ApiError> {
    switch(state, signed, user_id, true).await
}

async fn switch(
    state: ApiState,
    signed: Signed,
    user_id: String,
    on: bool,
) -> Result<Json<Person>, ApiError> {
    let me = signed.coordinator()?;
    let person = manageable(&state, &me, &user_id).await?;
    people::set_active(&state.db, &person.user_id, on).await?;
    let action = if on {
        Action::Reactivate
    } else {
        Action::Deactivate
    };
    audit::person(&state.db, &me, action, &person.user_id).await?;
    Ok(Json(Person {
        id: person.user_id,
        display_name: person.display_name,
        username: person.username,
        role: person.role,
        active: on,
    }))
}
