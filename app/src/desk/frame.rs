//! The workspace's frame, made for a desk: a menu down the side (who is signed in, the
//! workspace's screens, the way to her own diary, the language) and a wide content
//! area. On a narrow window the menu becomes a bar across the top.

use super::i18n::{dr, dx};
use super::session::use_session;
use crate::api::Role;
use crate::components::form::tr;
use crate::i18n::{use_locale, Locale};
use leptos::prelude::*;
use leptos_router::components::A;

/// The one workspace screen a volunteer may use: planning the groups she hosts.
const HOSTS_SCREEN: &str = "/desk/agenda";

/// True while a volunteer is on a workspace screen that is not hers.
fn volunteer_elsewhere() -> Memo<bool> {
    let session = use_session();
    let location = leptos_router::hooks::use_location();
    Memo::new(move |_| {
        session.role() == Some(Role::Volunteer) && location.pathname.get() != HOSTS_SCREEN
    })
}

/// Explains why the workspace shows nothing: nobody signed in, or a volunteer.
#[component]
fn AccessNote() -> impl IntoView {
    let session = use_session();
    let elsewhere = volunteer_elsewhere();
    move || {
        let answer = session.answer.get();
        let volunteer = elsewhere.get();
        let signed_out = matches!(answer, Some(Err(ref code)) if code == "not_signed_in");
        (volunteer || signed_out).then(|| {
            view! {
                <div class="banner info" role="status" data-testid="desk-access">
                    <span>{if volunteer { dr(|d| d.volunteers_only_diary) } else { dr(|d| d.sign_in_first) }}</span>
                    <a class="button small" rel="external"
                        href=if volunteer { "/" } else { "/login" }>
                        {if volunteer { dr(|d| d.nav_diary) } else { tr(|t| t.account.sign_in) }}
                    </a>
                </div>
            }
        })
    }
}

/// The interface language, switched for the workspace and the diary alike.
#[component]
fn LanguageSwitch() -> impl IntoView {
    let locale = use_locale();
    view! {
        <div class="desk-lang" role="group" aria-label=tr(|t| t.language)>
            {Locale::ALL.into_iter().map(|l| view! {
                <button type="button" class="link-button" lang=l.code()
                    aria-pressed=move || (locale.get() == l).to_string()
                    on:click=move |_| crate::app::choose_locale(locale, l)>
                    {l.texts().language_name}
                </button>
            }).collect_view()}
        </div>
    }
}

/// Side menu and content area around every workspace screen.
#[component]
pub fn DeskFrame(children: Children) -> impl IntoView {
    let session = use_session();
    let who = dx(move |_, d| {
        session
            .info()
            .map(|i| (d.signed_in_as)(&i.display_name, &i.organisation))
            .unwrap_or_default()
    });
    let elsewhere = volunteer_elsewhere();
    let coordinator = move || session.role().is_some_and(|r| r != Role::Volunteer);
    view! {
        <div class="desk">
            <a class="skip" href="#main">{tr(|t| t.skip_to_content)}</a>
            <nav class="side" aria-label=dr(|d| d.nav_label)>
                <a href="/desk" class="brand">
                    <img src="/icons/icon-192.png" alt="" width="32" height="32"/>
                    <span>"Naast"</span>
                    <span class="area">{dr(|d| d.desk_title)}</span>
                </a>
                <p class="who" data-testid="desk-who">{who}</p>
                <ul>
                    <li hidden=move || !coordinator()><A href="/desk" exact=true>{dr(|d| d.nav_review)}</A><super::inbox::InboxBadges/></li>
                    <li hidden=move || !coordinator()><A href="/desk/caseload">{dr(|d| d.families.nav_caseload)}</A></li>
                    <li hidden=move || !coordinator()><A href="/desk/team">{dr(|d| d.nav_team)}</A></li>
                    <li><A href="/desk/agenda">{dr(|d| d.agenda.nav_agenda)}</A></li>
                    <li hidden=move || !coordinator()><A href="/desk/catalogue">{dr(|d| d.nav_catalogue)}</A></li>
                    <li class="away"><a href="/" rel="external" data-testid="to-diary">{dr(|d| d.nav_diary)}</a></li>
                    <li class="away"><a href="/settings" rel="external">{tr(|t| t.nav_settings)}</a></li>
                </ul>
                <LanguageSwitch/>
            </nav>
            <main id="main" class="desk-main" tabindex="-1">
                <AccessNote/>
                // A volunteer who types a workspace address sees only the note above
                // (except the planning of the groups she hosts).
                <div hidden=move || elsewhere.get()>{children()}</div>
            </main>
        </div>
    }
}
