//! The versioned HTTP API under `/api/v1`: accounts, sync and the coordinator's review.
//! Plain axum routes with JSON bodies, described by the OpenAPI document served at
//! `/api/v1/openapi.json`; every error is a problem document (see `problem`).

mod agenda;
mod catalogue;
pub mod checks;
pub mod document;
mod families;
mod feedback;
mod people;
pub mod problem;
mod review;
pub mod session;
mod sync;
mod triage;
pub mod version;
mod volunteers;

use crate::db::Db;
use app::api::{BODY_MAX_BYTES, CATALOGUE_ITEM_MAX_BYTES, PICTURE_MAX_BYTES, PUSH_MAX_BYTES};
use axum::extract::DefaultBodyLimit;
use axum::http::{header, HeaderValue};
use axum::routing::{get, post, put};
use axum::Router;
use tower_http::set_header::SetResponseHeaderLayer;

/// What every API handler needs.
#[derive(Clone, Debug)]
pub struct ApiState {
    /// The database.
    pub db: Db,
    /// Whether session cookies carry `Secure` (off only for plain-HTTP localhost).
    pub secure_cookies: bool,
}

async fn openapi() -> ([(header::HeaderName, &'static str); 1], &'static str) {
    (
        [(header::CONTENT_TYPE, "application/json")],
        document::DOCUMENT.as_str(),
    )
}

/// The API routes, to be nested under `/api/v1`.
pub fn router(state: ApiState) -> Router {
    let push = post(sync::push).layer(DefaultBodyLimit::max(PUSH_MAX_BYTES));
    let item_limit = DefaultBodyLimit::max(CATALOGUE_ITEM_MAX_BYTES);
    let upload = post(catalogue::upload).layer(DefaultBodyLimit::max(PICTURE_MAX_BYTES));
    Router::new()
        .route("/openapi.json", get(openapi))
        .route(
            "/session",
            get(session::current)
                .post(session::login)
                .delete(session::logout),
        )
        .route("/session/password", post(session::change_password))
        .route("/links/{code}", get(people::peek).post(people::redeem))
        .route("/invites", post(people::invite))
        .route("/people", get(people::list))
        .route("/people/{id}/reset", post(people::reset))
        .route("/people/{id}/deactivate", post(people::deactivate))
        .route("/people/{id}/reactivate", post(people::reactivate))
        .route("/sync/push", push)
        .route("/sync/pull", get(sync::pull))
        .route("/visits", get(review::list))
        .route("/visits/{id}", get(review::read))
        .route("/visits/{id}/review", put(review::mark))
        .route("/visits/{id}/feedback", post(feedback::reply))
        .route("/visits/{id}/signal", put(triage::step))
        .route("/signals", get(triage::open))
        .route("/inbox", get(review::waiting))
        .route("/agenda", get(agenda::read))
        .route("/agenda/link", post(agenda::new_link))
        .route("/groups/{id}", put(agenda::put_group))
        .route("/groups/{id}/sessions", post(agenda::plan))
        .route("/sessions/{id}", put(agenda::put_session))
        .route("/families", post(families::register))
        .route("/families/{id}", get(families::read).put(families::put))
        .route("/families/{id}/intake", put(families::put_intake))
        .route("/families/{id}/match", post(families::match_family))
        .route("/families/{id}/end", post(families::end))
        .route("/families/{id}/confirm", post(families::confirm))
        .route("/caseload", get(families::caseload))
        .route("/volunteers/{id}", get(volunteers::read))
        .route("/volunteers/{id}/profile", put(volunteers::put_profile))
        .route("/volunteers/{id}/supervision", post(volunteers::add_note))
        .route("/catalogue", get(catalogue::read))
        .route(
            "/catalogue/prompts/{id}",
            put(catalogue::save_prompt).layer(item_limit),
        )
        .route(
            "/catalogue/stories/{id}",
            put(catalogue::save_story).layer(item_limit),
        )
        .route("/pictures", upload)
        .route("/pictures/{id}", get(catalogue::picture))
        .fallback(problem::not_found)
        .method_not_allowed_fallback(problem::method_not_allowed)
        .layer(DefaultBodyLimit::max(BODY_MAX_BYTES))
        .layer(axum::middleware::from_fn(version::handshake))
        .layer(SetResponseHeaderLayer::if_not_present(
            header::CACHE_CONTROL,
            HeaderValue::from_static("no-store"),
        ))
        .with_state(state)
}
