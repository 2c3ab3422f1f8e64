//! Signing in and out, and the extractor every authorised route starts with: it finds
//! the session from the HttpOnly cookie and, for state-changing methods, checks the
//! CSRF header against the session's token.

use super::problem::{ApiError, ApiJson, ApiQuery};
use super::ApiState;
use crate::audit::{self, Action};
use crate::auth::{passwords, people, rate_limit, secrets, sessions, Account};
use app::api::{FieldProblem, LoginRequest, PasswordChange, SessionInfo, CSRF_HEADER};
use axum::extract::{ConnectInfo, FromRequestParts, State};
use axum::http::request::Parts;
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use std::net::SocketAddr;

/// The session cookie's name: `__Host-` tells the browser it was set over HTTPS, for
/// this host only, on every path (it cannot be planted by a subdomain or over HTTP).
pub const COOKIE: &str = "__Host-naast_session";
/// Its name in local development over plain HTTP (`NAAST_SECURE_COOKIES=0`).
pub const DEV_COOKIE: &str = "naast_session";

fn cookie_name(state: &ApiState) -> &'static str {
    if state.secure_cookies {
        COOKIE
    } else {
        DEV_COOKIE
    }
}

/// A request from a signed-in person whose account is switched on.
pub struct Signed(pub Account);

/// A push from a signed-in person, also after her account was switched off: what was
/// waiting on her phone is still taken (during `lifetimes::FINAL_PUSH_MS`, the life her
/// sessions keep after deactivation), so nothing she wrote is lost.
pub struct FinalPush(pub Account);

fn cookie_token(state: &ApiState, headers: &HeaderMap) -> Option<String> {
    let wanted = cookie_name(state);
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(name, _)| *name == wanted)
        .map(|(_, value)| value.to_string())
}

/// The session's person, with the CSRF token checked (in constant time) for
/// state-changing methods; switched-off accounts included.
async fn session_account(parts: &Parts, state: &ApiState) -> Result<Account, ApiError> {
    let token = cookie_token(state, &parts.headers).ok_or(ApiError::NotSignedIn)?;
    let (account, csrf) = sessions::find(&state.db, &token)
        .await?
        .ok_or(ApiError::NotSignedIn)?;
    let safe = matches!(parts.method, Method::GET | Method::HEAD | Method::OPTIONS);
    if !safe {
        let sent = parts.headers.get(CSRF_HEADER).and_then(|v| v.to_str().ok());
        if !sent.is_some_and(|sent| secrets::same_secret(sent, &csrf)) {
            return Err(ApiError::Csrf);
        }
    }
    Ok(account)
}

impl FromRequestParts<ApiState> for Signed {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &ApiState) -> Result<Self, ApiError> {
        let account = session_account(parts, state).await?;
        if !account.active {
            return Err(ApiError::Deactivated);
        }
        Ok(Signed(account))
    }
}

impl FromRequestParts<ApiState> for FinalPush {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &ApiState) -> Result<Self, ApiError> {
        Ok(FinalPush(session_account(parts, state).await?))
    }
}

impl Signed {
    /// Refuses anyone who does not see the whole organisation.
    pub fn coordinator(self) -> Result<Account, ApiError> {
        if self.0.role.sees_organisation() {
            Ok(self.0)
        } else {
            Err(ApiError::Forbidden("only coordinators may do this"))
        }
    }
}

fn session_cookie(state: &ApiState, value: &str, max_age_s: i64) -> HeaderValue {
    let secure = if state.secure_cookies { "; Secure" } else { "" };
    let name = cookie_name(state);
    HeaderValue::from_str(&format!(
        "{name}={value}; Path=/; HttpOnly; SameSite=Strict; Max-Age={max_age_s}{secure}"
    ))
    .expect("cookie of hex characters")
}

fn info(account: Account, csrf: String) -> SessionInfo {
    SessionInfo {
        user_id: account.user_id,
        display_name: account.display_name,
        username: account.username,
        role: account.role,
        organisation: account.organisation,
        csrf,
    }
}

/// Opens a session for `account` and answers with its info and cookie.
pub async fn sign_in(state: &ApiState, account: Account) -> Result<Response, ApiError> {
    let session = sessions::open(&state.db, &account.user_id).await?;
    let max_age = crate::auth::lifetimes::SESSION_MS / 1000;
    let mut response = axum::Json(info(account, session.csrf)).into_response();
    response.headers_mut().insert(
        header::SET_COOKIE,
        session_cookie(state, &session.token, max_age),
    );
    response
        .headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    Ok(response)
}

/// `POST /api/v1/session`: signs in, rate limited (see `auth::rate_limit`): the attempt
/// is counted before the password is checked, and the check waits for a free hashing
/// slot. A switched-off account is refused after its password was checked, so the
/// answer reveals nothing to someone without it.
pub async fn login(
    State(state): State<ApiState>,
    extensions: axum::http::Extensions,
    ApiJson(form): ApiJson<LoginRequest>,
) -> Result<Response, ApiError> {
    let username = form.username.trim().to_lowercase();
    if username.is_empty() || username.len() > 100 || form.password.len() > 1_000 {
        return Err(ApiError::BadCredentials);
    }
    let address = extensions
        .get::<ConnectInfo<SocketAddr>>()
        .map(|ConnectInfo(a)| a.ip().to_string());
    let attempt = rate_limit::admit(&state.db, rate_limit::keys(&username, address.as_deref()))
        .await?
        .map_err(ApiError::TooManyAttempts)?;
    let found = people::by_username(&state.db, &username).await?;
    let stored = found
        .as_ref()
        .map(|(_, hash)| hash.clone())
        .unwrap_or_else(|| secrets::decoy_hash().to_string());
    let ok = secrets::verify_password_bounded(form.password.clone(), stored).await;
    match found {
        Some((account, _)) if ok => {
            attempt.succeeded(&state.db).await?;
            if !account.active {
                audit::person(&state.db, &account, Action::SignInRefused, &account.user_id).await?;
                return Err(ApiError::Deactivated);
            }
            audit::person(&state.db, &account, Action::SignIn, &account.user_id).await?;
            sign_in(&state, account).await
        }
        Some((account, _)) => {
            audit::person(&state.db, &account, Action::SignInFailed, &account.user_id).await?;
            Err(ApiError::BadCredentials)
        }
        None => Err(ApiError::BadCredentials),
    }
}

/// `POST /api/v1/session/password`: she changes her own password, with her current one.
/// Counted like a sign-in (a stolen session cannot guess her password), checked like a
/// new one; her other sessions end, this one stays.
pub async fn change_password(
    State(state): State<ApiState>,
    Signed(me): Signed,
    headers: HeaderMap,
    extensions: axum::http::Extensions,
    ApiJson(form): ApiJson<PasswordChange>,
) -> Result<Response, ApiError> {
    let address = extensions
        .get::<ConnectInfo<SocketAddr>>()
        .map(|ConnectInfo(a)| a.ip().to_string());
    let attempt = rate_limit::admit(
        &state.db,
        rate_limit::keys(&me.username, address.as_deref()),
    )
    .await?
    .map_err(ApiError::TooManyAttempts)?;
    let stored = people::by_username(&state.db, &me.username)
        .await?
        .map(|(_, hash)| hash)
        .unwrap_or_default();
    if form.current_password.len() > 1_000
        || !secrets::verify_password_bounded(form.current_password.clone(), stored).await
    {
        return Err(ApiError::invalid(vec![FieldProblem {
            field: "current_password".into(),
            code: "wrong".into(),
        }]));
    }
    attempt.succeeded(&state.db).await?;
    let mut errors = Vec::new();
    let known = [
        me.username.as_str(),
        me.display_name.as_str(),
        me.organisation.as_str(),
    ];
    passwords::check(&mut errors, "new_password", &form.new_password, &known);
    if !errors.is_empty() {
        return Err(ApiError::invalid(errors));
    }
    let hash = secrets::hash_password_bounded(form.new_password.clone())
        .await
        .ok_or(ApiError::Forbidden("could not set the password"))?;
    let token = cookie_token(&state, &headers).unwrap_or_default();
    people::set_password(&state.db, &me.user_id, &hash, &secrets::digest(&token)).await?;
    audit::person(&state.db, &me, Action::PasswordChange, &me.user_id).await?;
    Ok(StatusCode::NO_CONTENT.into_response())
}

/// `GET /api/v1/session`: who is signed in (and a fresh look at her CSRF token).
pub async fn current(
    State(state): State<ApiState>,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    let token = cookie_token(&state, &headers).ok_or(ApiError::NotSignedIn)?;
    let (account, csrf) = sessions::find(&state.db, &token)
        .await?
        .ok_or(ApiError::NotSignedIn)?;
    if !account.active {
        return Err(ApiError::Deactivated);
    }
    Ok(axum::Json(info(account, csrf)).into_response())
}

/// Options of signing out.
#[derive(Debug, Deserialize)]
pub struct LogoutParams {
    /// Also end her sessions on every other device.
    #[serde(default)]
    pub everywhere: bool,
}

/// `DELETE /api/v1/session[?everywhere=true]`: signs out here or everywhere.
pub async fn logout(
    State(state): State<ApiState>,
    Signed(account): Signed,
    headers: HeaderMap,
    ApiQuery(params): ApiQuery<LogoutParams>,
) -> Result<Response, ApiError> {
    if params.everywhere {
        sessions::close_all(&state.db, &account.user_id).await?;
    } else if let Some(token) = cookie_token(&state, &headers) {
        sessions::close(&state.db, &token).await?;
    }
    audit::person(&state.db, &account, Action::SignOut, &account.user_id).await?;
    let mut response = StatusCode::NO_CONTENT.into_response();
    response
        .headers_mut()
        .insert(header::SET_COOKIE, session_cookie(&state, "", 0));
    Ok(response)
}
