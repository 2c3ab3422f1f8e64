//! Which code shows which diary screen, and which part of the bundle it comes in.
//!
//! The first screen (her families) is in the main WebAssembly module, so the diary is
//! interactive after one download. Every other screen lives in one of two chunks the
//! build splits off (`cargo leptos build --split`): *diary* (a family, the family and
//! visit forms with prompts and show mode, visit search, her coordinator's replies, the meeting groups) and *account* (settings,
//! signing in, one-time links). A chunk is fetched the first time one of its screens
//! opens — and the service worker has precached every chunk of this build by then, so
//! offline it comes from the phone. Should a chunk still fail to load, the screen says
//! so and offers to try again; it never panics (the split functions are `fallible`).

use crate::components::form::tr;
use crate::components::layout::Loading;
use crate::nav::{load_page, use_nav, Screen};
use crate::pages::families::FamiliesPage;
use leptos::prelude::*;
use leptos::wasm_split::SplitLoaderError;

/// The view of `screen`, from the main module or from its chunk.
pub fn view_of(screen: Screen) -> AnyView {
    match screen {
        Screen::Families => FamiliesPage().into_any(),
        Screen::Desk => NeedsConnection().into_any(),
        Screen::NotFound => view! { <p class="empty">{tr(|t| t.not_found)}</p> }.into_any(),
        Screen::Settings | Screen::Login | Screen::Welcome(_) => {
            from_chunk(async move { account_screen(screen).await })
        }
        _ => from_chunk(async move { diary_screen(screen).await }),
    }
}

/// Shows "loading" until the chunk is there, then the screen, or a way to retry.
/// (The server never renders the diary: it sends the shell.)
#[cfg(not(feature = "ssr"))]
fn from_chunk(
    screen: impl std::future::Future<Output = Result<AnyView, SplitLoaderError>> + Send + 'static,
) -> AnyView {
    let shown = Suspend::new(async move {
        match screen.await {
            Ok(view) => view,
            Err(_) => ChunkFailed().into_any(),
        }
    });
    view! { <Suspense fallback=Loading>{shown}</Suspense> }.into_any()
}

#[cfg(feature = "ssr")]
fn from_chunk(
    _screen: impl std::future::Future<Output = Result<AnyView, SplitLoaderError>> + Send + 'static,
) -> AnyView {
    Loading().into_any()
}

/// The screens of a family and its visits.
#[leptos::wasm_split::wasm_split(diary, fallible, wasm_split_path = leptos::wasm_split)]
fn diary_screen(screen: Screen) -> Result<AnyView, SplitLoaderError> {
    use crate::pages::{
        agenda::AgendaPage, family_form::FamilyFormPage, family_page::FamilyPage,
        feedback::FeedbackPage, visit_form::VisitFormPage, visits::VisitsPage,
    };
    Ok(match screen {
        Screen::NewFamily => view! { <FamilyFormPage id=None/> }.into_any(),
        Screen::Family(id) => view! { <FamilyPage id/> }.into_any(),
        Screen::EditFamily(id) => view! { <FamilyFormPage id=Some(id)/> }.into_any(),
        Screen::NewVisit(family) => view! { <VisitFormPage family visit=None/> }.into_any(),
        Screen::Visit(family, visit) => {
            view! { <VisitFormPage family visit=Some(visit)/> }.into_any()
        }
        Screen::Feedback => view! { <FeedbackPage/> }.into_any(),
        Screen::Agenda => view! { <AgendaPage/> }.into_any(),
        _ => view! { <VisitsPage/> }.into_any(),
    })
}

/// Settings, signing in and the one-time links.
#[leptos::wasm_split::wasm_split(account, fallible, wasm_split_path = leptos::wasm_split)]
fn account_screen(screen: Screen) -> Result<AnyView, SplitLoaderError> {
    use crate::pages::{
        settings::SettingsPage,
        sign_in::{LoginPage, WelcomePage},
    };
    Ok(match screen {
        Screen::Login => view! { <LoginPage/> }.into_any(),
        Screen::Welcome(code) => view! { <WelcomePage code/> }.into_any(),
        _ => view! { <SettingsPage/> }.into_any(),
    })
}

/// A part of the app could not be loaded (it should have been on the phone).
#[component]
fn ChunkFailed() -> impl IntoView {
    let nav = use_nav();
    view! {
        <div class="panel" role="alert" data-testid="chunk-failed">
            <p>{tr(|t| t.screen_not_loaded)}</p>
            <button type="button" class="button primary" on:click=move |_| load_page(&nav.path().get_untracked())>
                {tr(|t| t.try_again)}
            </button>
        </div>
    }
}

/// The coordinator's workspace, asked for while the phone has no connection: it is
/// not kept on the phone, so say so plainly and offer the way back to the diary.
#[component]
fn NeedsConnection() -> impl IntoView {
    let nav = use_nav();
    view! {
        <div class="panel" role="status" data-testid="needs-connection">
            <h1>{tr(|t| t.desk_needs_connection_title)}</h1>
            <p>{tr(|t| t.desk_needs_connection)}</p>
            <div class="actions">
                <button type="button" class="button primary" on:click=move |_| load_page(&nav.path().get_untracked())>
                    {tr(|t| t.try_again)}
                </button>
                <a class="button" href="/">{tr(|t| t.back_to_diary)}</a>
            </div>
        </div>
    }
}
