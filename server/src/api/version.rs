//! The API version handshake: the app names the version it speaks in `X-Naast-Api`,
//! every answer names the server's. An app older than the server still serves is told
//! to update (`426 update_needed`) rather than failing on answers it cannot read; an
//! app that names none is one from before the handshake (version 1).

use super::problem::ApiError;
use app::api::{API_VERSION, API_VERSION_HEADER, OLDEST_CLIENT_API};
use axum::extract::Request;
use axum::http::HeaderValue;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

/// The API version the calling app speaks (1 when it names none).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ClientApi(pub u32);

impl ClientApi {
    /// Whether the app takes a push answer without the records it sent.
    pub fn takes_slim_push_answers(self) -> bool {
        self.0 >= 2
    }
}

/// Reads the app's version into the request, refuses one that is too old, and names
/// the server's version on the answer.
pub async fn handshake(mut request: Request, next: Next) -> Response {
    let named = request
        .headers()
        .get(API_VERSION_HEADER)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.trim().parse::<u32>().ok());
    let client = ClientApi(named.unwrap_or(1));
    let mut response = if client.0 < OLDEST_CLIENT_API {
        ApiError::UpdateNeeded.into_response()
    } else {
        request.extensions_mut().insert(client);
        next.run(request).await
    };
    response
        .headers_mut()
        .insert(API_VERSION_HEADER, HeaderValue::from(API_VERSION));
    response
}
