//! Signing in and out, and the extractor every authorised route starts with: it finds
//! the session from the HttpOnly cookie and, for state-changing methods, checks the
//! CSRF header against the session's token.

use super::problem::{ApiError, ApiJson, ApiQuery};
use super::ApiState;
use crate::auth::{people, rate_limit, secrets, sessions, Account};
use app::api::{LoginRequest, SessionInfo, CSRF_HEADER};
use axum::extract::{ConnectInfo, FromRequestParts, State};
use axum::http::request::Parts;
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use std::net::SocketAddr;

/// The session cookie's name.
pub const COOKIE: &str = "naast_session";

/// A request from a signed-in person.
pub struct Signed(pub Account);

fn cookie_token(headers: &HeaderMap) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(name, _)| *name == COOKIE)
        .map(|(_, value)| value.to_string())
}

impl FromRequestParts<ApiState> for Signed {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &ApiState) -> Result<Self, ApiError> {
        let token = cookie_token(&parts.headers).ok_or(ApiError::NotSignedIn)?;
        let (account, csrf) = sessions::find(&state.db, &token)
            .await?
            .ok_or(ApiError::NotSignedIn)?;
        let safe = matches!(parts.method, Method::GET | Method::HEAD | Method::OPTIONS);
        if !safe {
            let sent = parts.headers.get(CSRF_HEADER).and_then(|v| v.to_str().ok());
            if sent != Some(csrf.as_str()) {
                return Err(ApiError::Csrf);
            }
        }
        Ok(Signed(account))
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
    HeaderValue::from_str(&format!(
        "{COOKIE}={value}; Path=/; HttpOnly; SameSite=Strict; Max-Age={max_age_s}{secure}"
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

/// `POST /api/v1/session`: signs in, rate limited per username and per address.
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
    let keys = rate_limit::keys(&username, address.as_deref());
    if let Some(seconds) = rate_limit::blocked_for(&state.db, &keys).await? {
        return Err(ApiError::TooManyAttempts(seconds));
    }
    let found = people::by_username(&state.db, &username).await?;
    let stored = found
        .as_ref()
        .map(|(_, hash)| hash.clone())
        .unwrap_or_else(|| secrets::decoy_hash().to_string());
    let password = form.password.clone();
    let ok = tokio::task::spawn_blocking(move || secrets::verify_password(&password, &stored))
        .await
        .unwrap_or(false);
    match found {
        Some((account, _)) if ok => {
            rate_limit::clear(&state.db, &username).await?;
            sign_in(&state, account).await
        }
        _ => {
            rate_limit::record_failure(&state.db, &keys).await?;
            Err(ApiError::BadCredentials)
        }
    }
}

/// `GET /api/v1/session`: who is signed in (and a fresh look at her CSRF token).
pub async fn current(
    State(state): State<ApiState>,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    let token = cookie_token(&headers).ok_or(ApiError::NotSignedIn)?;
    let (account, csrf) = sessions::find(&state.db, &token)
        .await?
        .ok_or(ApiError::NotSignedIn)?;
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
    } else if let Some(token) = cookie_token(&headers) {
        sessions::close(&state.db, &token).await?;
    }
    let mut response = StatusCode::NO_CONTENT.into_response();
    response
        .headers_mut()
        .insert(header::SET_COOKIE, session_cookie(&state, "", 0));
    Ok(response)
}
