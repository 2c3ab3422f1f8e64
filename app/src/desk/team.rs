//! The coordinator's team: who is in the organisation, invite links for new
//! volunteers (and, for an admin, coordinators), and password resets.

use super::i18n::{dr, dx};
use super::session::use_session;
use crate::api::{InviteRequest, LinkCreated, Person, Role};
use crate::components::layout::{LoadProblem, Loading};
use crate::net::{load, Call};
use leptos::either::EitherOf3;
use leptos::prelude::*;

/// A link just made, or the problem making it.
#[derive(Clone, Debug, PartialEq)]
enum Made {
    Invite(String),
    Reset(String, String),
    Problem(String),
}

/// `/desk/team`.
#[component]
pub fn TeamPage() -> impl IntoView {
    let session = use_session();
    let people = load::<Vec<Person>>(|| "/people".into());
    let made = RwSignal::new(None::<Made>);
    let is_admin = move || session.role() == Some(Role::Admin);
    let post = move |path: String, reset_for: Option<String>, body: serde_json::Value| {
        let call = Call::post(path, &body, session.csrf());
        leptos::task::spawn_local(async move {
            made.set(Some(match call.json::<LinkCreated>().await {
                Ok(link) => match reset_for.clone() {
                    Some(name) => Made::Reset(name, crate::web::absolute(&link.path)),
                    None => Made::Invite(crate::web::absolute(&link.path)),
                },
                Err(f) => Made::Problem(f.code().to_string()),
            }));
        });
    };
    let invite = move |role: Role| {
        post(
            "/invites".into(),
            None,
            serde_json::to_value(InviteRequest { role }).unwrap_or_default(),
        )
    };
    view! {
        <h1>{dr(|d| d.team_title)}</h1>
        <div class="actions">
            <button type="button" class="button primary" on:click=move |_| invite(Role::Volunteer)>
                {dr(|d| d.invite_volunteer)}
            </button>
            {move || is_admin().then(|| view! {
                <button type="button" class="button" on:click=move |_| invite(Role::Coordinator)>
                    {dr(|d| d.invite_coordinator)}
                </button>
            })}
        </div>
        {move || made.get().map(|m| match m {
            Made::Invite(url) => EitherOf3::A(view! {
                <div class="panel" role="status">
                    <p>{dr(|d| d.link_made)}</p>
                    <input class="link-output" readonly data-testid="made-link" prop:value=url/>
                </div>
            }),
            Made::Reset(name, url) => EitherOf3::B(view! {
                <div class="panel" role="status">
                    <p><strong>{name}</strong>": " {dr(|d| d.reset_made)}</p>
                    <input class="link-output" readonly data-testid="made-link" prop:value=url/>
                </div>
            }),
            Made::Problem(code) => EitherOf3::C(view! { <LoadProblem code/> }),
        })}
        {move || match people.get() {
            None => EitherOf3::A(view! { <Loading/> }),
            Some(Err(code)) => EitherOf3::B(view! { <LoadProblem code/> }),
            Some(Ok(list)) => EitherOf3::C(view! {
                <ul class="cards" data-testid="people">
                    {list.into_iter().map(|person| {
                        let id = person.id.clone();
                        let name = person.display_name.clone();
                        let reset = Callback::new(move |_| {
                            post(format!("/people/{id}/reset"), Some(name.clone()), serde_json::json!({}))
                        });
                        view! { <PersonCard person reset people/> }
                    }).collect_view()}
                </ul>
            }),
        }}
    }
}

/// One person of the team, with what the coordinator may do for her: a reset link,
/// and switching her account off or on (a coordinator for volunteers, an admin also for
/// coordinators; nobody for herself).
#[component]
fn PersonCard(
    person: Person,
    reset: Callback<()>,
    people: RwSignal<Option<Result<Vec<Person>, String>>>,
) -> impl IntoView {
    let session = use_session();
    let (role, id, active) = (person.role, person.id.clone(), person.active);
    let username = person.username.clone();
    let manageable = move || {
        session.info().is_some_and(|me| {
            me.user_id != id && (role == Role::Volunteer || me.role == Role::Admin)
        })
    };
    let problem = RwSignal::new(None::<String>);
    let switch = {
        let id = person.id.clone();
        move |_| {
            let path = format!(
                "/people/{id}/{}",
                if active { "deactivate" } else { "reactivate" }
            );
            let call = Call::post(path, &serde_json::json!({}), session.csrf());
            leptos::task::spawn_local(async move {
                match call.json::<Person>().await {
                    Ok(changed) => people.update(|list| {
                        if let Some(Ok(list)) = list {
                            for p in list.iter_mut().filter(|p| p.id == changed.id) {
                                *p = changed.clone();
                            }
                        }
                    }),
                    Err(f) => problem.set(Some(f.code().to_string())),
                }
            });
        }
    };
    view! {
        <li class="card person" class:switched-off=!active data-person=username>
            {if role == Role::Volunteer {
                view! {
                    <leptos_router::components::A href=format!("/desk/team/{}", person.id) attr:class="card-title">
                        {person.display_name}
                    </leptos_router::components::A>
                }.into_any()
            } else {
                view! { <span class="card-title">{person.display_name}</span> }.into_any()
            }}
            <span class="meta">{person.username} " · " {dx(move |_, d| (d.role_name)(role))}</span>
            {(!active).then(|| view! { <span class="badge signal">{dr(|d| d.switched_off)}</span> })}
            {move || manageable().then(|| view! {
                <div class="actions">
                    {active.then(|| view! {
                        <button type="button" class="button small" on:click=move |_| reset.run(())>
                            {dr(|d| d.reset_password)}
                        </button>
                    })}
                    <button type="button" class="button small" on:click=switch.clone()>
                        {if active { dr(|d| d.switch_off) } else { dr(|d| d.switch_on) }}
                    </button>
                </div>
            })}
            {move || problem.get().map(|code| view! { <LoadProblem code/> })}
        </li>
    }
}
