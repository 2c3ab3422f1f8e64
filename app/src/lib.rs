#![recursion_limit = "256"]
//! Naast's web app: the pages and components (rendered on the server and hydrated in
//! the browser), the translation layer, the domain types shared with the server, and the
//! device store the diary lives in.

pub mod account;
pub mod api;
pub mod app;
pub mod components;
pub mod diary;
pub mod domain;
pub mod i18n;
pub mod net;
pub mod pages;
pub mod prompts;
pub mod pwa;
pub mod store;
pub mod syncing;

/// Browser entry point. A server-rendered page is hydrated; the offline shell (served
/// by the service worker for any route) has an empty body, so the app is mounted.
#[cfg(feature = "hydrate")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    let is_shell = leptos::prelude::document()
        .body()
        .is_some_and(|body| body.has_attribute(app::SHELL_MARKER));
    if is_shell {
        leptos::mount::mount_to_body(app::App);
    } else {
        leptos::mount::hydrate_body(app::App);
    }
}
