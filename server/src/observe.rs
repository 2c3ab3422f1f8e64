//! What the server tells its operator, and nothing about families: one span per
//! request (method, the route's *pattern* — never the path itself, which can hold a
//! link's secret code — status, duration and a request id of our own), spans around the
//! store calls (`#[instrument(skip_all)]`: no arguments recorded), and plain or JSON
//! lines on standard error. No record body, query string, cookie or header value is
//! ever logged; `tests/logs.rs` syncs marker texts and looks for them in every line.

use axum::extract::{MatchedPath, Request};
use axum::http::HeaderName;
use axum::Router;
use tower::ServiceBuilder;
use tower_http::request_id::{
    MakeRequestUuid, PropagateRequestIdLayer, RequestId, SetRequestIdLayer,
};
use tower_http::trace::{DefaultOnResponse, TraceLayer};
use tracing::Level;
use tracing_subscriber::EnvFilter;

/// The header carrying the request id, in the answer too (so a person reporting a
/// problem can quote it and the operator finds the lines).
pub const REQUEST_ID: HeaderName = HeaderName::from_static("x-request-id");

/// The request span: method, route pattern and request id.
fn request_span(request: &Request) -> tracing::Span {
    let route = request
        .extensions()
        .get::<MatchedPath>()
        .map_or("(page or file)", MatchedPath::as_str);
    let id = request
        .extensions()
        .get::<RequestId>()
        .and_then(|id| id.header_value().to_str().ok())
        .unwrap_or("-");
    tracing::info_span!("request", method = %request.method(), route, id)
}

/// Drops a request id the client sent (its text is the client's, not ours to log).
async fn forget_client_request_id(mut request: Request) -> Request {
    request.headers_mut().remove(REQUEST_ID);
    request
}

/// Wraps every route of `router`: a fresh request id, the request span, and the id in
/// the answer.
pub fn traced(router: Router) -> Router {
    router.layer(
        ServiceBuilder::new()
            .layer(axum::middleware::map_request(forget_client_request_id))
            .layer(SetRequestIdLayer::new(REQUEST_ID, MakeRequestUuid))
            .layer(
                TraceLayer::new_for_http()
                    .make_span_with(request_span)
                    .on_response(DefaultOnResponse::new().level(Level::INFO)),
            )
            .layer(PropagateRequestIdLayer::new(REQUEST_ID)),
    )
}

/// Starts logging to standard error: `RUST_LOG` chooses what (default `info`),
/// `NAAST_LOG_FORMAT=json` makes each line a JSON object for a log collector.
pub fn init_logging() {
    let filter = EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info"));
    let lines = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr);
    if std::env::var("NAAST_LOG_FORMAT").as_deref() == Ok("json") {
        lines.json().init();
    } else {
        lines.init();
    }
}
