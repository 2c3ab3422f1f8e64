#![recursion_limit = "256"]
//! Naast's web app: the volunteer's diary (mounted in the browser from its own bundle),
//! the coordinator's workspace (`desk`: rendered on the server, hydrated by a second
//! bundle), the translation layer, the domain types shared with the server, and the
//! device store the diary lives in.
//!
//! One crate, three builds: `ssr` for the server, `csr` for the volunteer's bundle,
//! `hydrate` for the coordinator's. The volunteer's bundle never contains `desk`.

pub mod account;
pub mod api;
pub mod app;
pub mod components;
#[cfg(feature = "desk")]
pub mod desk;
pub mod diary;
pub mod domain;
pub mod i18n;
pub mod nav;
pub mod net;
pub mod pages;
pub mod prompts;
pub mod pwa;
pub mod screens;
#[cfg(feature = "ssr")]
pub mod shell;
pub mod store;
pub mod syncing;
pub mod web;

/// Entry point of the volunteer's bundle, called by the page's loader script (Leptos
/// names it `hydrate` whatever it does): removes the shell's skeleton and mounts the
/// diary.
#[cfg(feature = "csr")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    if let Some(boot) = leptos::prelude::document().get_element_by_id("boot") {
        boot.remove();
    }
    leptos::mount::mount_to_body(app::App);
}

/// Entry point of the coordinator's bundle: hydrates the workspace the server rendered.
#[cfg(feature = "hydrate")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_body(desk::DeskApp);
}
