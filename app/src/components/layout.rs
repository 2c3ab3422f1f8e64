//! The frame around every screen: header with the offline state, banners for storage
//! problems and new versions, the notice bar with undo, and the thumb-reachable
//! bottom navigation.

use super::form::tr;
use crate::diary::{use_diary, Notice};
use crate::i18n::use_texts;
use crate::store::StoreError;
use leptos::prelude::*;
use leptos_router::components::A;

/// Shown while the device store is read (and as the server's data-free render).
#[component]
pub fn Loading() -> impl IntoView {
    view! { <p class="loading" aria-busy="true">{tr(|t| t.loading)}</p> }
}

/// The top bar: app name and, when offline, a reassuring note.
#[component]
pub fn Header(online: ReadSignal<bool>) -> impl IntoView {
    view! {
        <header class="top">
            <a class="skip" href="#main">{tr(|t| t.skip_to_content)}</a>
            <a href="/" class="brand">
                <img src="/icons/icon-192.png" alt="" width="32" height="32"/>
                <span>"Naast"</span>
            </a>
            <span class="tagline">{tr(|t| t.app_tagline)}</span>
            {move || (!online.get()).then(|| view! {
                <p class="offline" role="status">{tr(|t| t.offline_badge)}</p>
            })}
        </header>
    }
}

/// Bottom navigation, where a thumb reaches it: the diary for volunteers, the notes
/// and the team for coordinators.
#[component]
pub fn BottomNav() -> impl IntoView {
    let diary = use_diary();
    let coordinator = move || {
        diary.db.with(|db| {
            db.as_ref()
                .and_then(|db| db.account.as_ref())
                .is_some_and(|a| a.role.sees_organisation())
        })
    };
    let (first, second) = (
        move || if coordinator() { "/review" } else { "/" }.to_string(),
        move || if coordinator() { "/team" } else { "/visits" }.to_string(),
    );
    let t = crate::i18n::use_texts();
    view! {
        <nav class="bottom" aria-label=tr(|t| t.nav_label)>
            <A href=first exact=true>
                <span class="icon" aria-hidden="true">"⌂"</span>
                <span>{move || if coordinator() { t.get().account.nav_review } else { t.get().nav_families }}</span>
            </A>
            <A href=second>
                <span class="icon" aria-hidden="true">"☰"</span>
                <span>{move || if coordinator() { t.get().account.nav_team } else { t.get().nav_visits }}</span>
            </A>
            {move || coordinator().then(|| view! {
                <A href="/catalogue">
                    <span class="icon" aria-hidden="true">"?"</span>
                    <span>{tr(|t| t.prompts.nav_catalogue)}</span>
                </A>
            })}
            <A href="/settings">
                <span class="icon" aria-hidden="true">"⚙"</span>
                <span>{tr(|t| t.nav_settings)}</span>
            </A>
        </nav>
    }
}

/// A storage problem, in words a volunteer understands.
#[component]
pub fn StorageBanner() -> impl IntoView {
    let diary = use_diary();
    let t = use_texts();
    let message = move || {
        diary.error.get().map(|err| match err {
            StoreError::Full => t.get().error_storage_full,
            StoreError::NewerSchema { .. } => t.get().error_newer_schema,
            StoreError::Corrupt(_) => t.get().error_corrupt,
            StoreError::Unavailable(_) => t.get().error_unavailable,
        })
    };
    view! {
        {move || (message().is_some()).then(|| view! {
            <div class="banner error" role="alert" data-testid="storage-error">{message}</div>
        })}
    }
}

/// Offers a new version once its service worker is installed and waiting.
#[component]
pub fn UpdateBanner(ready: ReadSignal<bool>) -> impl IntoView {
    view! {
        {move || (ready.get()).then(|| view! {
            <div class="banner update" role="status">
                <span>{tr(|t| t.update_ready)}</span>
                <button type="button" class="button small" on:click=|_| crate::pwa::apply_update()>
                    {tr(|t| t.update_now)}
                </button>
            </div>
        })}
    }
}

/// The notice after an action, with undo for deletions.
#[component]
pub fn NoticeBar() -> impl IntoView {
    let diary = use_diary();
    let t = use_texts();
    let text = move || {
        diary.notice.get().map(|n| match n {
            Notice::VisitSaved => t.get().visit_saved,
            Notice::FamilySaved => t.get().family_saved,
            Notice::VisitDeleted(_) => t.get().visit_deleted,
        })
    };
    // A notice fades after a while (longer when it offers undo), so it never lingers
    // over the page; a newer notice is not cut short by an older timer.
    Effect::new(move |_| {
        let Some(shown) = diary.notice.get() else {
            return;
        };
        let delay = if matches!(shown, Notice::VisitDeleted(_)) {
            10_000
        } else {
            5_000
        };
        set_timeout(
            move || {
                if diary.notice.get_untracked() == Some(shown) {
                    diary.notice.set(None);
                }
            },
            std::time::Duration::from_millis(delay),
        );
    });
    let undo = move |_| {
        if let Some(Notice::VisitDeleted(id)) = diary.notice.get_untracked() {
            let now = crate::domain::clock::now_ms();
            if diary.commit(|db| db.restore_visit(id, now)).is_ok() {
                diary.notice.set(Some(Notice::VisitSaved));
            }
        }
    };
    view! {
        <div class="notice-area" role="status" aria-live="polite">
            {move || (text().is_some()).then(|| view! {
                <div class="notice">
                    <span>{text}</span>
                    {move || (matches!(diary.notice.get(), Some(Notice::VisitDeleted(_)))).then(|| view! {
                        <button type="button" class="link-button" on:click=undo>{tr(|t| t.undo)}</button>
                    })}
                    <button type="button" class="close" aria-label=tr(|t| t.close) on:click=move |_| diary.notice.set(None)>
                        "×"
                    </button>
                </div>
            })}
        </div>
    }
}
