#![recursion_limit = "256"]
//! Naast's server: renders the app with leptos_axum, serves the offline shell and the
//! service worker that belongs to exactly this build, and serves hashed assets
//! precompressed with long-lived cache headers.

pub mod api;
mod assets;
pub mod audit;
pub mod auth;
pub mod catalogue;
pub mod db;
pub mod merge;
mod offline;
pub mod sync;

pub use assets::{BuildAssets, Site, SiteError};

use app::app::{shell, App};
use axum::http::{header, HeaderValue};
use axum::Router;
use leptos::prelude::LeptosOptions;
use leptos_axum::{generate_route_list, LeptosRoutes};
use tower_http::compression::CompressionLayer;
use tower_http::set_header::SetResponseHeaderLayer;

/// The whole HTTP surface of Naast for one prepared site and its database.
pub fn router(site: Site, api: api::ApiState) -> Router {
    let options: LeptosOptions = site.options.clone();
    let routes = generate_route_list(App);
    let pages = Router::new()
        .leptos_routes(&options, routes, {
            let options = options.clone();
            move || shell(options.clone())
        })
        .merge(offline::router(&site))
        .fallback(leptos_axum::file_and_error_handler(shell))
        .with_state(options);
    Router::new()
        .nest("/api/v1", api::router(api))
        .nest_service("/pkg", assets::pkg_service(&site))
        .merge(pages)
        .layer(
            CompressionLayer::new()
                .br(true)
                .gzip(true)
                .no_deflate()
                .no_zstd(),
        )
        .layer(SetResponseHeaderLayer::if_not_present(
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ))
        .layer(SetResponseHeaderLayer::if_not_present(
            header::REFERRER_POLICY,
            HeaderValue::from_static("no-referrer"),
        ))
}
