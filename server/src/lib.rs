#![recursion_limit = "256"]
//! Naast's server: the API, the coordinator's workspace rendered with leptos_axum, the
//! shell every diary route gets (the volunteer's bundle mounts into it), the service
//! worker that belongs to exactly this build, and hashed assets precompressed with
//! long-lived cache headers.

pub mod agenda;
pub mod api;
mod assets;
pub mod audience;
pub mod audit;
pub mod auth;
pub mod catalogue;
pub mod db;
pub mod families;
pub mod feedback;
pub mod inbox;
pub mod index;
pub mod merge;
pub mod observe;
mod offline;
pub mod search;
pub mod serve;
pub mod sync;
pub mod triage;

pub use assets::{desk_options, Site, SiteError};

use app::desk::{desk_shell, DeskApp};
use app::shell::shell;
use axum::body::Body;
use axum::handler::HandlerWithoutStateExt;
use axum::http::{header, HeaderValue, Request};
use axum::Router;
use leptos_axum::{generate_route_list, LeptosRoutes};
use tower_http::compression::CompressionLayer;
use tower_http::services::ServeDir;
use tower_http::set_header::SetResponseHeaderLayer;

/// The coordinator's workspace: its routes rendered on the server with its own shell
/// (and a catch-all under `/desk`, so an unknown workspace path is the workspace's own
/// "not found", not the diary's).
fn desk_pages(site: &Site) -> Router {
    let (desk, diary) = (site.desk.clone(), site.options.clone());
    let page = move || desk_shell(desk.clone(), diary.clone());
    let routes = generate_route_list(DeskApp);
    let unknown = leptos_axum::render_app_to_stream(page.clone());
    Router::new()
        .leptos_routes(&site.desk, routes, page)
        .route("/desk/{*rest}", axum::routing::get(unknown))
        .with_state(site.desk.clone())
}

/// The diary: files of `public/` (icons, `pwa.js`, artwork) from the site root, the
/// service worker and offline shell, and for every other path the shell the volunteer's
/// bundle mounts into (404 when the path is no diary screen).
fn diary_pages(site: &Site) -> Router {
    let options = site.options.clone();
    let render = leptos_axum::render_app_to_stream(move || shell(options.clone()));
    let page = move |req: Request<Body>| {
        let render = render.clone();
        async move { render(req).await }
    };
    let files = ServeDir::new(site.options.site_root.as_ref()).fallback(page.into_service());
    Router::new()
        .merge(offline::router(site).with_state(site.options.clone()))
        .fallback_service(files)
}

/// The whole HTTP surface of Naast for one prepared site and its database. With secure
/// cookies (the default) every answer also tells the browser to use HTTPS only (HSTS).
pub fn router(site: Site, api: api::ApiState) -> Router {
    let hsts = api
        .secure_cookies
        .then(|| HeaderValue::from_static("max-age=31536000"));
    let routes = Router::new()
        .nest("/agenda", agenda::page::router(api.clone()))
        .nest("/api/v1", api::router(api))
        .nest_service("/pkg", assets::pkg_service(&site.options))
        .nest_service("/desk-pkg", assets::pkg_service(&site.desk))
        .merge(desk_pages(&site))
        .merge(diary_pages(&site));
    observe::traced(routes)
        .layer(
            CompressionLayer::new()
                .br(true)
                .gzip(true)
                .no_deflate()
                .no_zstd(),
        )
        .layer(SetResponseHeaderLayer::if_not_present(
            header::STRICT_TRANSPORT_SECURITY,
            move |_: &axum::response::Response| hsts.clone(),
        ))
        .layer(SetResponseHeaderLayer::if_not_present(
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ))
        .layer(SetResponseHeaderLayer::if_not_present(
            header::REFERRER_POLICY,
            HeaderValue::from_static("no-referrer"),
        ))
}
