//! The offline half of the diary: the service worker script, generated for exactly this
//! build's files, and the shell page it serves for every route offline (the same page
//! the server sends for every diary route online).

use crate::assets::{Site, SHELL_FILES};
use app::shell::{shell, SHELL_PATH};
use axum::http::{header, HeaderValue};
use axum::response::IntoResponse;
use axum::routing::get;
use axum::Router;
use leptos::prelude::LeptosOptions;

/// The service worker source with placeholders for the version and precache list.
const SW_TEMPLATE: &str = include_str!("../../public/sw.js");

/// The service worker for this build: its cache is named after the build fingerprint
/// and precaches the shell page, every file of the diary build (main module, split
/// chunks, loader, CSS) and the icons — nothing of the coordinator's workspace.
pub fn service_worker(site: &Site) -> String {
    let mut precache = vec![SHELL_PATH.to_string()];
    precache.extend(site.pkg_files.iter().cloned());
    precache.extend(SHELL_FILES.iter().map(|s| s.to_string()));
    let list = precache
        .iter()
        .map(|p| format!("\"{p}\""))
        .collect::<Vec<_>>()
        .join(", ");
    SW_TEMPLATE
        .replace("\"__NAAST_VERSION__\"", &format!("\"{}\"", site.version))
        .replace("[\"__NAAST_PRECACHE__\"]", &format!("[{list}]"))
        .replace("\"__NAAST_SHELL__\"", &format!("\"{SHELL_PATH}\""))
}

/// Routes for `/sw.js` and `/shell`.
pub fn router(site: &Site) -> Router<LeptosOptions> {
    let script = service_worker(site);
    let options = site.options.clone();
    let shell_page = leptos_axum::render_app_to_stream(move || shell(options.clone()));
    Router::new()
        .route(
            "/sw.js",
            get(move || {
                let script = script.clone();
                async move {
                    (
                        [
                            (
                                header::CONTENT_TYPE,
                                HeaderValue::from_static("text/javascript; charset=utf-8"),
                            ),
                            (header::CACHE_CONTROL, HeaderValue::from_static("no-cache")),
                        ],
                        script,
                    )
                        .into_response()
                }
            }),
        )
        .route(
            SHELL_PATH,
            get(move |req| {
                let render = shell_page.clone();
                async move {
                    let mut response = render(req).await;
                    response
                        .headers_mut()
                        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
                    response
                }
            }),
        )
}
