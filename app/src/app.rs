//! The application root: the HTML shells, the routes, and the language and store set-up
//! shared by every screen.

use crate::components::layout::{BottomNav, Header, NoticeBar, StorageBanner, UpdateBanner};
use crate::components::sync_status::SyncLine;
use crate::diary::Diary;
use crate::i18n::{provide_locale, Locale};
use crate::pages::{
    catalogue::{CataloguePage, PromptEditPage, StoryEditPage},
    families::FamiliesPage,
    family_form::FamilyFormPage,
    family_page::FamilyPage,
    review::{ReviewListPage, ReviewVisitPage},
    settings::SettingsPage,
    sign_in::{LoginPage, WelcomePage},
    team::TeamPage,
    visit_form::VisitFormPage,
    visits::VisitsPage,
};
use crate::syncing::Syncer;
use leptos::prelude::*;
use leptos_meta::HashedStylesheet;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;

/// Colour of the browser bar, matching the icon.
pub const THEME_COLOUR: &str = "#B5532F";

/// Marker on `<body>` of the offline shell: the client mounts instead of hydrating.
pub const SHELL_MARKER: &str = "data-naast-shell";

#[component]
fn Head(options: LeptosOptions) -> impl IntoView {
    view! {
        <meta charset="utf-8"/>
        <meta name="viewport" content="width=device-width, initial-scale=1, viewport-fit=cover"/>
        <meta name="theme-color" content=THEME_COLOUR/>
        <meta name="description" content="Naast"/>
        <link rel="manifest" href="/manifest.webmanifest"/>
        <link rel="icon" href="/favicon.ico" sizes="32x32"/>
        <link rel="apple-touch-icon" href="/icons/apple-touch-icon.png"/>
        <HashedStylesheet options=options.clone() id="leptos"/>
        <HydrationScripts options/>
        <script src="/pwa.js" defer></script>
    }
}

/// Puts a Content-Security-Policy on the page being rendered: scripts only from this
/// site or carrying this response's nonce (the inline hydration script), WebAssembly
/// allowed, no inline styles, no plugins, no framing. Notes about families must not be
/// readable by injected script.
fn protect_page() {
    #[cfg(feature = "ssr")]
    {
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
}

/// The server-rendered page around the app, in the language of the request's cookie.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    protect_page();
    let locale = request_locale();
    view! {
        <!DOCTYPE html>
        <html lang=locale.code()>
            <head>
                <Head options/>
                <title>"Naast"</title>
            </head>
            <body>
                <App/>
            </body>
        </html>
    }
}

/// The offline app shell the service worker caches: the same head, an empty body the
/// client mounts the app into on whatever route the phone asked for. Hydrating one
/// route's server HTML on another route would break, so offline there is nothing to
/// hydrate.
pub fn offline_shell(options: LeptosOptions) -> impl IntoView {
    protect_page();
    view! {
        <!DOCTYPE html>
        <html lang="nl">
            <head>
                <Head options/>
                <title>"Naast"</title>
            </head>
            <body data-naast-shell="1"></body>
        </html>
    }
}

/// The language the server renders in: from the cookie the browser sends.
fn request_locale() -> Locale {
    #[cfg(feature = "ssr")]
    {
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
    #[cfg(not(feature = "ssr"))]
    {
        browser_cookie_locale()
    }
}

/// The language cookie as the browser sees it, so hydration starts where the server did.
#[cfg(not(feature = "ssr"))]
fn browser_cookie_locale() -> Locale {
    #[cfg(target_arch = "wasm32")]
    {
        use wasm_bindgen::JsCast;
        web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.dyn_into::<web_sys::HtmlDocument>().ok())
            .and_then(|d| d.cookie().ok())
            .map(|c| Locale::from_cookie_header(&c))
            .unwrap_or_default()
    }
    #[cfg(not(target_arch = "wasm32"))]
    Locale::default()
}

/// Switches the interface language and remembers it (cookie for the server, browser
/// storage as the device's own record).
pub fn choose_locale(locale: RwSignal<Locale>, chosen: Locale) {
    locale.set(chosen);
    crate::store::browser::write_lang(chosen.code());
    #[cfg(target_arch = "wasm32")]
    {
        use wasm_bindgen::JsCast;
        if let Some(doc) = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.dyn_into::<web_sys::HtmlDocument>().ok())
        {
            let _ = doc.set_cookie(&format!(
                "{}={}; path=/; max-age=31536000; SameSite=Lax",
                crate::i18n::LANG_COOKIE,
                chosen.code()
            ));
        }
    }
}

/// The app: language, store, frame and routes.
#[component]
pub fn App() -> impl IntoView {
    let locale = provide_locale(request_locale());
    let diary = Diary::provide();
    let prompts = crate::prompts::Prompts::provide();
    let syncer = Syncer::provide(diary, prompts);
    let online = crate::pwa::watch_online();
    let update_ready = crate::pwa::watch_for_update();

    // After hydration: read the device store and the remembered language.
    Effect::new(move |_| {
        if let Some(code) = crate::store::browser::read_lang() {
            let remembered = Locale::from_code(&code);
            if remembered != locale.get_untracked() {
                choose_locale(locale, remembered);
            }
        }
        diary.load();
        prompts.load();
        untrack(|| syncer.start(online));
        crate::pwa::mark_ready();
    });
    Effect::new(move |_| crate::pwa::set_document_language(locale.get().code()));

    view! {
        <Router>
            <Header online/>
            <SyncLine/>
            <UpdateBanner ready=update_ready/>
            <StorageBanner/>
            <main id="main" tabindex="-1">
                <Routes fallback=|| view! { <p class="empty">{crate::components::form::tr(|t| t.not_found)}</p> }>
                    <Route path=path!("/") view=FamiliesPage/>
                    <Route path=path!("/families/new") view=FamilyFormPage/>
                    <Route path=path!("/families/:id") view=FamilyPage/>
                    <Route path=path!("/families/:id/edit") view=FamilyFormPage/>
                    <Route path=path!("/families/:id/visits/new") view=VisitFormPage/>
                    <Route path=path!("/families/:id/visits/:vid") view=VisitFormPage/>
                    <Route path=path!("/visits") view=VisitsPage/>
                    <Route path=path!("/settings") view=SettingsPage/>
                    <Route path=path!("/login") view=LoginPage/>
                    <Route path=path!("/welcome/:code") view=WelcomePage/>
                    <Route path=path!("/review") view=ReviewListPage/>
                    <Route path=path!("/review/:id") view=ReviewVisitPage/>
                    <Route path=path!("/team") view=TeamPage/>
                    <Route path=path!("/catalogue") view=CataloguePage/>
                    <Route path=path!("/catalogue/prompts/:id") view=PromptEditPage/>
                    <Route path=path!("/catalogue/stories/:id") view=StoryEditPage/>
                </Routes>
            </main>
            <NoticeBar/>
            <BottomNav/>
        </Router>
    }
}
