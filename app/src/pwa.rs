//! The bridge to `public/pwa.js`, which registers the service worker, asks for
//! persistent storage and announces a waiting new version. The page shows the
//! (translated) update banner; applying the update reloads only after drafts are saved,
//! which they always are (every keystroke).

use leptos::prelude::*;

/// Event `pwa.js` dispatches on `window` when a new version is installed and waiting.
pub const UPDATE_EVENT: &str = "naast-update-ready";

/// Becomes true when a new version of the app is waiting to take over.
pub fn watch_for_update() -> ReadSignal<bool> {
    let (ready, set_ready) = signal(false);
    #[cfg(target_arch = "wasm32")]
    Effect::new(move |_| {
        if js_flag("__naastUpdate") {
            set_ready.set(true);
        }
        let handle = window_event_listener_untyped(UPDATE_EVENT, move |_| set_ready.set(true));
        on_cleanup(move || handle.remove());
    });
    #[cfg(not(target_arch = "wasm32"))]
    let _ = set_ready;
    ready
}

/// What `navigator.onLine` says now (true outside the browser).
pub fn browser_online() -> bool {
    #[cfg(target_arch = "wasm32")]
    {
        web_sys::window().is_none_or(|w| w.navigator().on_line())
    }
    #[cfg(not(target_arch = "wasm32"))]
    true
}

/// Tracks `navigator.onLine`.
pub fn watch_online() -> ReadSignal<bool> {
    let (online, set_online) = signal(true);
    #[cfg(target_arch = "wasm32")]
    Effect::new(move |_| {
        set_online.set(
            web_sys::window()
                .map(|w| w.navigator().on_line())
                .unwrap_or(true),
        );
        let on = window_event_listener(leptos::ev::online, move |_| set_online.set(true));
        let off = window_event_listener(leptos::ev::offline, move |_| set_online.set(false));
        on_cleanup(move || {
            on.remove();
            off.remove();
        });
    });
    #[cfg(not(target_arch = "wasm32"))]
    let _ = set_online;
    online
}

/// Lets the waiting service worker take over; the page reloads when it has.
pub fn apply_update() {
    #[cfg(target_arch = "wasm32")]
    if let Some(f) = js_global("naastApplyUpdate")
        .and_then(|f| wasm_bindgen::JsCast::dyn_into::<js_sys::Function>(f).ok())
    {
        let _ = f.call0(&wasm_bindgen::JsValue::NULL);
    }
}

/// Whether the browser granted persistent storage (`None` while unknown).
pub fn storage_persisted() -> Option<bool> {
    #[cfg(target_arch = "wasm32")]
    {
        let html = web_sys::window()?.document()?.document_element()?;
        html.get_attribute("data-persisted").map(|v| v == "1")
    }
    #[cfg(not(target_arch = "wasm32"))]
    None
}

/// Marks the page interactive (`<html data-ready="1">`) for tests and benchmarks.
pub fn mark_ready() {
    #[cfg(target_arch = "wasm32")]
    if let Some(html) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
    {
        let _ = html.set_attribute("data-ready", "1");
    }
}

/// Sets `<html lang>` (and text direction) to the interface language.
pub fn set_document_language(code: &str) {
    #[cfg(target_arch = "wasm32")]
    if let Some(html) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
    {
        let _ = html.set_attribute("lang", code);
    }
    #[cfg(not(target_arch = "wasm32"))]
    let _ = code;
}

#[cfg(target_arch = "wasm32")]
fn js_global(name: &str) -> Option<wasm_bindgen::JsValue> {
    let window = web_sys::window()?;
    js_sys::Reflect::get(&window, &name.into())
        .ok()
        .filter(|v| !v.is_undefined())
}

#[cfg(target_arch = "wasm32")]
fn js_flag(name: &str) -> bool {
    js_global(name).and_then(|v| v.as_bool()).unwrap_or(false)
}
