//! The coordinator's workspace (*werkplek*) under `/desk`: the volunteers' notes, the
//! team, and the conversation catalogue.
//!
//! It is a separate bundle (feature `hydrate`, built as the `desk` project), rendered on
//! the server and hydrated in the browser, so none of it reaches a volunteer's phone.
//! It needs a connection: it keeps no copy of the organisation's notes in the browser
//! and reads them from the server, which logs every read. Links between the workspace
//! and the diary are whole page loads (`rel="external"`): each area runs its own bundle.

mod agenda;
mod agenda_form;
mod caseload;
pub mod catalogue;
mod family_file;
mod feedback;
mod frame;
pub mod i18n;
pub mod inbox;
mod intake;
pub mod review;
pub mod session;
mod signals;
pub mod team;
mod volunteer;

use crate::i18n::{provide_locale, Locale};
use crate::prompts::Prompts;
use catalogue::{CataloguePage, PromptEditPage, StoryEditPage};
use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;
use review::{ReviewListPage, ReviewVisitPage};
use session::DeskSession;
use team::TeamPage;

/// The page around the workspace: the shared head (the diary's stylesheet and this
/// bundle's loader) plus the workspace's own stylesheet.
#[cfg(feature = "ssr")]
pub fn desk_shell(bundle: LeptosOptions, diary: LeptosOptions) -> impl IntoView {
    use leptos_meta::HashedStylesheet;
    crate::shell::protect_page();
    let locale = crate::shell::request_locale();
    view! {
        <!DOCTYPE html>
        <html lang=locale.code()>
            <head>
                <crate::shell::Head bundle=bundle.clone() styles=diary title="Naast · Werkplek"/>
                <HashedStylesheet options=bundle id="desk"/>
            </head>
            <body class="desk-body">
                <DeskApp/>
            </body>
        </html>
    }
}

/// The language: the request's cookie on the server, the same cookie in the browser,
/// so hydration starts where the server did.
fn start_locale() -> Locale {
    #[cfg(feature = "ssr")]
    {
        crate::shell::request_locale()
    }
    #[cfg(not(feature = "ssr"))]
    {
        crate::app::browser_cookie_locale()
    }
}

/// Loads the organisation's catalogue from the server (never stored here), so a visit
/// shows the prompts that were used by name.
fn load_catalogue(prompts: Prompts) {
    Effect::new(move |_| {
        leptos::task::spawn_local(async move {
            let answer = crate::net::Call::get("/catalogue")
                .json::<crate::api::CatalogueResponse>()
                .await;
            if let Ok(found) = answer {
                prompts.catalogue.set(found.catalogue);
            }
        });
    });
}

/// A workspace path that does not exist (status 404 when rendered on the server).
#[component]
fn NotFound() -> impl IntoView {
    #[cfg(feature = "ssr")]
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        response.set_status(http::StatusCode::NOT_FOUND);
    }
    view! { <p class="empty">{crate::components::form::tr(|t| t.not_found)}</p> }
}

/// The workspace: language, who is signed in, the frame and the routes.
#[component]
pub fn DeskApp() -> impl IntoView {
    let locale = provide_locale(start_locale());
    DeskSession::provide();
    inbox::Inbox::provide();
    load_catalogue(Prompts::provide());
    Effect::new(move |_| crate::pwa::set_document_language(locale.get().code()));
    Effect::new(move |_| crate::pwa::mark_ready());
    view! {
        <Router>
            <frame::DeskFrame>
                <Routes fallback=NotFound>
                    <Route path=path!("/desk") view=ReviewListPage/>
                    <Route path=path!("/desk/review/:id") view=ReviewVisitPage/>
                    <Route path=path!("/desk/team") view=TeamPage/>
                    <Route path=path!("/desk/team/:id") view=volunteer::VolunteerPage/>
                    <Route path=path!("/desk/caseload") view=caseload::CaseloadPage/>
                    <Route path=path!("/desk/families/new") view=intake::IntakePage/>
                    <Route path=path!("/desk/families/:id") view=family_file::FamilyFilePage/>
                    <Route path=path!("/desk/agenda") view=agenda::AgendaPage/>
                    <Route path=path!("/desk/catalogue") view=CataloguePage/>
                    <Route path=path!("/desk/catalogue/prompts/:id") view=PromptEditPage/>
                    <Route path=path!("/desk/catalogue/stories/:id") view=StoryEditPage/>
                </Routes>
            </frame::DeskFrame>
        </Router>
    }
}
