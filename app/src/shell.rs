//! The HTML the server sends around the two bundles (server only).
//!
//! - Every diary route gets [`shell`]: the head and a static skeleton, no data. The
//!   diary's data lives only on the device, so a server rendering could show nothing
//!   more; the volunteer's bundle mounts the app into it. Online and offline (the
//!   service worker keeps this page), on any route, the phone runs the same code, so
//!   there is never server HTML of one route for the client to mistake for another.
//! - The coordinator's workspace is rendered on the server and hydrated by its own
//!   bundle (`crate::desk::desk_shell`), with the same [`Head`].

use crate::app::THEME_COLOUR;
use crate::i18n::Locale;
use crate::nav::Screen;
use leptos::prelude::*;
use leptos_meta::HashedStylesheet;

/// Id of the shell's static skeleton, removed when the app mounts.
pub const BOOT_ID: &str = "boot";

/// Where the service worker fetches the shell it keeps for offline navigations.
pub const SHELL_PATH: &str = "/shell";

/// The `<head>` of both bundles: icons, manifest, the diary's stylesheet (`styles`,
/// the base every screen uses), the loader script of `bundle`, and `pwa.js`.
#[component]
pub fn Head(
    /// Options of the bundle this page loads.
    bundle: LeptosOptions,
    /// Options of the diary build, whose stylesheet every page uses.
    styles: LeptosOptions,
    /// The page title.
    title: &'static str,
) -> impl IntoView {
    view! {
        <meta charset="utf-8"/>
        <meta name="viewport" content="width=device-width, initial-scale=1, viewport-fit=cover"/>
        <meta name="theme-color" content=THEME_COLOUR/>
        <meta name="description" content="Naast"/>
        <link rel="manifest" href="/manifest.webmanifest"/>
        <link rel="icon" href="/favicon.ico" sizes="32x32"/>
        <link rel="apple-touch-icon" href="/icons/apple-touch-icon.png"/>
        <HashedStylesheet options=styles id="leptos"/>
        <HydrationScripts options=bundle/>
        <script src="/pwa.js" defer></script>
        <title>{title}</title>
    }
}

/// The page of every diary route, and the one the service worker answers offline
/// navigations with: the head, and a skeleton in the request's language that the app
/// replaces when it mounts.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    protect_page();
    answer_unknown_paths_with_not_found();
    let locale = request_locale();
    let t = locale.texts();
    // Marks the copy the service worker keeps, so a test can tell it answered.
    let kept_offline = use_context::<http::request::Parts>()
        .is_some_and(|parts| parts.uri.path() == SHELL_PATH)
        .then_some("1");
    view! {
        <!DOCTYPE html>
        <html lang=locale.code()>
            <head>
                <Head bundle=options.clone() styles=options title="Naast"/>
            </head>
            <body data-naast-shell=kept_offline>
                <div id=BOOT_ID>
                    <header class="top">
                        <span class="brand">
                            <img src="/icons/icon-192.png" alt="" width="32" height="32"/>
                            <span>"Naast"</span>
                        </span>
                    </header>
                    <main>
                        <p class="loading" aria-busy="true">{t.loading}</p>
                        // Shown only if the app has not replaced the skeleton after a
                        // while: no JavaScript, or something kept it from starting.
                        <p class="boot-late" role="status">{t.needs_javascript}</p>
                    </main>
                </div>
            </body>
        </html>
    }
}

/// A path that is no diary screen still gets the shell (the app says "not found" in
/// her language), but with status 404.
fn answer_unknown_paths_with_not_found() {
    let Some(parts) = use_context::<http::request::Parts>() else {
        return;
    };
    let path = parts.uri.path();
    if path != SHELL_PATH && !Screen::parse(path).is_diary() {
        if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
            response.set_status(http::StatusCode::NOT_FOUND);
        }
    }
}

/// Puts a Content-Security-Policy on the page being rendered: scripts only from this
/// site or carrying this response's nonce (the inline loader script), WebAssembly
/// allowed, no inline styles, no plugins, no framing. Notes about families must not be
/// readable by injected script.
pub fn protect_page() {
    leptos::nonce::provide_nonce();
    let nonce = leptos::nonce::use_nonce()
        .map(|n| n.to_string())
        .unwrap_or_default();
    let policy = format!(
        "default-src 'self'; script-src 'self' 'nonce-{nonce}' 'wasm-unsafe-eval'; \
         style-src 'self'; img-src 'self' data:; connect-src 'self'; object-src 'none'; \
         base-uri 'none'; frame-ancestors 'none'; form-action 'self'"
    );
    if let (Some(response), Ok(value)) = (
        use_context::<leptos_axum::ResponseOptions>(),
        http::HeaderValue::from_str(&policy),
    ) {
        response.insert_header(http::header::CONTENT_SECURITY_POLICY, value);
    }
}

/// The language the server renders in: from the cookie the browser sends.
pub fn request_locale() -> Locale {
    use_context::<http::request::Parts>()
        .and_then(|parts| {
            parts
                .headers
                .get(http::header::COOKIE)
                .and_then(|v| v.to_str().ok())
                .map(Locale::from_cookie_header)
        })
        .unwrap_or_default()
}
