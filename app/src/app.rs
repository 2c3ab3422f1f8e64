//! The volunteer's app: the root component the browser mounts into the shell page
//! (`crate::shell`), with the language, the device store, navigation and the frame
//! around every diary screen.

use crate::components::layout::{BottomNav, Header, NoticeBar, StorageBanner, UpdateBanner};
use crate::diary::Diary;
use crate::i18n::{provide_locale, Locale};
use crate::nav::Nav;
use crate::syncing::Syncer;
use leptos::prelude::*;

/// Colour of the browser bar, matching the icon.
pub const THEME_COLOUR: &str = "#B5532F";

/// The language cookie as the browser sees it, so the app starts in the language the
/// server rendered its page in.
pub fn browser_cookie_locale() -> Locale {
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

/// Takes the remembered language of this device, if it differs from the cookie's.
fn restore_language(locale: RwSignal<Locale>) {
    if let Some(code) = crate::store::browser::read_lang() {
        let remembered = Locale::from_code(&code);
        if remembered != locale.get_untracked() {
            choose_locale(locale, remembered);
        }
    }
}

/// The volunteer's app: language, device store, navigation, frame and screens. The
/// device store is read before the first render (the app is mounted, never hydrated),
/// so the first screen already shows her families.
#[component]
pub fn App() -> impl IntoView {
    let locale = provide_locale(browser_cookie_locale());
    restore_language(locale);
    let nav = Nav::provide();
    let diary = Diary::provide();
    let prompts = crate::prompts::Prompts::provide();
    let syncer = Syncer::provide(diary, prompts);
    let online = crate::pwa::watch_online();
    let update_ready = crate::pwa::watch_for_update();
    diary.load();
    diary.follow_other_tabs();
    prompts.load();

    // Once the first screen is on: mark it interactive, then (in a later task) start
    // syncing, so the first sync never competes with the first screen.
    Effect::new(move |_| {
        crate::pwa::mark_ready();
        set_timeout(
            move || untrack(|| syncer.start(online)),
            std::time::Duration::ZERO,
        );
    });
    Effect::new(move |_| crate::pwa::set_document_language(locale.get().code()));

    view! {
        <Header online/>
        <UpdateBanner ready=update_ready/>
        <StorageBanner/>
        <main id="main" tabindex="-1">
            {move || crate::screens::view_of(nav.screen.get())}
        </main>
        <NoticeBar/>
        <BottomNav/>
    }
}
