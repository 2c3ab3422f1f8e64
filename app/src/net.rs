//! The device's calls to the server's versioned API (`/api/v1`), through the browser's
//! `fetch`. Answers come back typed; failures are either "no connection" or the
//! server's problem document, whose `code` the screens translate.

use crate::api::{Problem, CSRF_HEADER};
use serde::de::DeserializeOwned;

/// Why a call gave no answer to use.
#[derive(Clone, Debug, PartialEq)]
pub enum ApiFailure {
    /// The server could not be reached (offline, server down, request cut off).
    Offline,
    /// The server answered with a problem document.
    Problem(Problem),
}

impl ApiFailure {
    /// The problem code, `offline` when there was no answer.
    pub fn code(&self) -> &str {
        match self {
            ApiFailure::Offline => "offline",
            ApiFailure::Problem(p) => &p.code,
        }
    }
}

/// A request to the API: method, path below `/api/v1`, JSON body, CSRF token.
pub struct Call<'a> {
    /// `GET`, `POST` or `DELETE`.
    pub method: &'a str,
    /// Path below `/api/v1`, e.g. `/sync/pull?after=3`.
    pub path: String,
    /// JSON body.
    pub body: Option<String>,
    /// The session's CSRF token (for state-changing calls).
    pub csrf: Option<String>,
    /// A file sent as the raw body with its own type (picture uploads).
    pub file: Option<web_sys::File>,
}

impl Call<'_> {
    /// A call without body or token.
    pub fn get(path: impl Into<String>) -> Call<'static> {
        Call {
            method: "GET",
            path: path.into(),
            body: None,
            csrf: None,
            file: None,
        }
    }

    /// A JSON `POST`.
    pub fn post(
        path: impl Into<String>,
        body: &impl serde::Serialize,
        csrf: Option<String>,
    ) -> Call<'static> {
        Call {
            method: "POST",
            path: path.into(),
            body: serde_json::to_string(body).ok(),
            csrf,
            file: None,
        }
    }

    /// A JSON `PUT` (create or replace at this path).
    pub fn put(
        path: impl Into<String>,
        body: &impl serde::Serialize,
        csrf: Option<String>,
    ) -> Call<'static> {
        Call {
            method: "PUT",
            ..Call::post(path, body, csrf)
        }
    }

    /// A `POST` of a file as the raw body, typed by the file's own type.
    pub fn upload(
        path: impl Into<String>,
        file: web_sys::File,
        csrf: Option<String>,
    ) -> Call<'static> {
        Call {
            method: "POST",
            path: path.into(),
            body: None,
            csrf,
            file: Some(file),
        }
    }

    /// A `DELETE` with the session's CSRF token.
    pub fn delete(path: impl Into<String>, csrf: Option<String>) -> Call<'static> {
        Call {
            method: "DELETE",
            path: path.into(),
            body: None,
            csrf,
            file: None,
        }
    }

    /// Sends the call and reads a JSON answer.
    pub async fn json<T: DeserializeOwned>(self) -> Result<T, ApiFailure> {
        let text = self.send().await?;
        serde_json::from_str(&text).map_err(|_| ApiFailure::Offline)
    }

    /// Sends the call; returns the body of a 2xx answer.
    pub async fn send(self) -> Result<String, ApiFailure> {
        let (status, text) = transport(&self).await?;
        if (200..300).contains(&status) {
            return Ok(text);
        }
        match serde_json::from_str::<Problem>(&text) {
            Ok(problem) => Err(ApiFailure::Problem(problem)),
            // No problem document: a proxy or captive portal answered, not Naast.
            Err(_) => Err(ApiFailure::Offline),
        }
    }
}

#[cfg(target_arch = "wasm32")]
async fn transport(call: &Call<'_>) -> Result<(u16, String), ApiFailure> {
    use wasm_bindgen::{JsCast, JsValue};
    use wasm_bindgen_futures::JsFuture;
    let offline = |_| ApiFailure::Offline;
    let init = web_sys::RequestInit::new();
    init.set_method(call.method);
    init.set_credentials(web_sys::RequestCredentials::SameOrigin);
    let headers = web_sys::Headers::new().map_err(offline)?;
    headers.set("accept", "application/json").map_err(offline)?;
    let version = crate::api::API_VERSION.to_string();
    headers
        .set(crate::api::API_VERSION_HEADER, &version)
        .map_err(offline)?;
    if let Some(body) = &call.body {
        headers
            .set("content-type", "application/json")
            .map_err(offline)?;
        init.set_body(&JsValue::from_str(body));
    }
    if let Some(file) = &call.file {
        headers
            .set("content-type", &file.type_())
            .map_err(offline)?;
        init.set_body(file);
    }
    if let Some(token) = &call.csrf {
        headers.set(CSRF_HEADER, token).map_err(offline)?;
    }
    init.set_headers(&headers);
    let window = web_sys::window().ok_or(ApiFailure::Offline)?;
    let url = format!("/api/v1{}", call.path);
    let response: web_sys::Response = JsFuture::from(window.fetch_with_str_and_init(&url, &init))
        .await
        .map_err(offline)?
        .unchecked_into();
    let text = JsFuture::from(response.text().map_err(offline)?)
        .await
        .map_err(offline)?
        .as_string()
        .unwrap_or_default();
    Ok((response.status(), text))
}

/// The server never calls its own API over HTTP.
#[cfg(not(target_arch = "wasm32"))]
async fn transport(_call: &Call<'_>) -> Result<(u16, String), ApiFailure> {
    let _ = CSRF_HEADER;
    Err(ApiFailure::Offline)
}

/// Fetches `path` once in the browser (after hydration) into a signal: `None` while
/// loading, then the answer or the failure's code.
pub fn load<T>(
    path: impl Fn() -> String + 'static,
) -> leptos::prelude::RwSignal<Option<Result<T, String>>>
where
    T: DeserializeOwned + Send + Sync + 'static,
{
    use leptos::prelude::*;
    let answer = RwSignal::new(None);
    Effect::new(move |_| {
        let path = path();
        leptos::task::spawn_local(async move {
            let result = Call::get(path).json::<T>().await;
            answer.set(Some(result.map_err(|f| f.code().to_string())));
        });
    });
    answer
}
