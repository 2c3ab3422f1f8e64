//! The frame around every diary screen: the one-line header with the connection and
//! sync state, banners for storage problems and new versions, the notice bar with undo,
//! and the thumb-reachable bottom navigation.

use super::form::tr;
use super::sync_status::StatusLine;
use crate::diary::{use_diary, Notice};
use crate::i18n::use_texts;
use crate::nav::{use_nav, Screen, DESK_PREFIX};
use crate::store::StoreError;
use leptos::prelude::*;

/// Shown while the device store is read (and as the server's data-free render).
#[component]
pub fn Loading() -> impl IntoView {
    view! { <p class="loading" aria-busy="true">{tr(|t| t.loading)}</p> }
}

/// The top bar, one line: the app's name and the connection and sync state.
#[component]
pub fn Header(online: ReadSignal<bool>) -> impl IntoView {
    view! {
        <header class="top">
            <a class="skip" href="#main">{tr(|t| t.skip_to_content)}</a>
            <a href="/" class="brand">
                <img src="/icons/icon-192.png" alt="" width="32" height="32"/>
                <span>"Naast"</span>
            </a>
            <StatusLine online/>
        </header>
    }
}

/// One entry of the bottom navigation; marked current when its screen is shown. The
/// replies entry carries how many are new.
#[component]
fn NavLink(
    href: &'static str,
    icon: &'static str,
    label: Signal<&'static str>,
    current: fn(&Screen) -> bool,
) -> impl IntoView {
    let nav = use_nav();
    let diary = use_diary();
    let is_current = move || nav.screen.with(current).then_some("page");
    let unread = move || {
        (href == "/feedback")
            .then(|| {
                diary
                    .db
                    .with(|db| db.as_ref().map_or(0, |db| db.unread_feedback()))
            })
            .filter(|n| *n > 0)
    };
    view! {
        <a href=href aria-current=is_current>
            <span class="icon" aria-hidden="true">{icon}</span>
            {move || unread().map(|n| view! { <span class="nav-badge" data-testid="unread-feedback">{n}</span> })}
            <span>{label}</span>
        </a>
    }
}

/// Bottom navigation, where a thumb reaches it: families, visits, settings, and for a
/// coordinator her workspace (another bundle, so a whole page load). Hidden while she
/// signs in or uses a one-time link: there is no diary to go to yet.
#[component]
pub fn BottomNav() -> impl IntoView {
    let diary = use_diary();
    let nav = use_nav();
    let coordinator = move || {
        diary.db.with(|db| {
            db.as_ref()
                .and_then(|db| db.account.as_ref())
                .is_some_and(|a| a.role.sees_organisation())
        })
    };
    let signing_in = move || {
        nav.screen
            .with(|s| matches!(s, Screen::Login | Screen::Welcome(_)))
    };
    move || {
        (!signing_in()).then(|| {
            view! {
                <nav class="bottom" aria-label=tr(|t| t.nav_label)>
                    <NavLink href="/" icon="⌂" label=tr(|t| t.nav_families)
                        current=|s| matches!(s, Screen::Families | Screen::NewFamily | Screen::Family(_)
                            | Screen::EditFamily(_) | Screen::NewVisit(_) | Screen::Visit(..))/>
                    <NavLink href="/visits" icon="☰" label=tr(|t| t.nav_visits) current=|s| *s == Screen::Visits/>
                    <NavLink href="/feedback" icon="✉" label=tr(|t| t.feedback.feedback_nav) current=|s| *s == Screen::Feedback/>
                    <NavLink href="/groups" icon="☺" label=tr(|t| t.agenda.nav) current=|s| *s == Screen::Agenda/>
                    {coordinator().then(|| view! {
                        <a href=DESK_PREFIX rel="external" data-testid="to-desk">
                            <span class="icon" aria-hidden="true">"▦"</span>
                            <span>{tr(|t| t.nav_desk)}</span>
                        </a>
                    })}
                    <NavLink href="/settings" icon="⚙" label=tr(|t| t.nav_settings) current=|s| *s == Screen::Settings/>
                </nav>
            }
        })
    }
}

/// A failed load from the server, in her language, with a way to sign in when that is
/// what is missing.
#[component]
pub fn LoadProblem(code: String) -> impl IntoView {
    let sign_in = matches!(code.as_str(), "not_signed_in" | "csrf");
    view! {
        <p class="form-error" role="alert">{super::form::tx(move |t| (t.account.problem)(&code))}</p>
        {sign_in.then(|| view! { <a class="button primary" href="/login" rel="external">{tr(|t| t.account.sign_in)}</a> })}
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
            Notice::VisitSaved(_) => t.get().visit_saved,
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
                diary.notice.set(Some(Notice::VisitSaved(id)));
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
