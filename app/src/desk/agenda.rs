//! `/desk/agenda`: the coordinator keeps the meeting groups and their sessions — adds
//! and edits groups, plans series, cancels a session with a reason (it stays on the
//! agenda, marked) — and makes the public link mothers open (a new one replaces a
//! leaked one). Every change goes to the server, which every phone syncs from.

use super::agenda_form::{GroupForm, MoveForm, PlanForm};
use super::i18n::{dr, dx};
use super::session::use_session;
use crate::api::{Agenda, PublicLink, Role};
use crate::components::layout::{LoadProblem, Loading};
use crate::domain::catalogue::Translated;
use crate::domain::{Group, Session};
use crate::net::{load, Call};
use leptos::prelude::*;

/// What a failed save says, in her language.
pub(super) fn failure_text(code: &str) -> Signal<&'static str> {
    match code {
        "stale" => dr(|d| d.agenda.stale),
        _ => dr(|d| d.agenda.failed),
    }
}

/// `/desk/agenda`.
#[component]
pub fn AgendaPage() -> impl IntoView {
    let reload = RwSignal::new(0u32);
    let agenda = load::<Agenda>(move || {
        reload.track();
        "/agenda".into()
    });
    let changed = Callback::new(move |()| reload.update(|n| *n += 1));
    let session = use_session();
    let keeps_groups = Memo::new(move |_| session.role().is_some_and(|r| r != Role::Volunteer));
    provide_context(KeepsGroups(keeps_groups.into()));
    provide_context(team_for_hosts(keeps_groups));
    view! {
        <h1>{move || if keeps_groups.get() { dr(|d| d.agenda.agenda_title).get() } else { dr(|d| d.agenda.host_title).get() }}</h1>
        <p class="hint">{move || if keeps_groups.get() { dr(|d| d.agenda.agenda_intro).get() } else { dr(|d| d.agenda.host_intro).get() }}</p>
        {move || match agenda.get() {
            None => view! { <Loading/> }.into_any(),
            Some(Err(code)) => view! { <LoadProblem code/> }.into_any(),
            Some(Ok(agenda)) => {
                let path = agenda.public_path.clone();
                view! {
                    {move || keeps_groups.get().then(|| view! {
                        <LinkPanel path=path.clone() changed/>
                        <details class="panel new-group">
                            <summary>{dr(|d| d.agenda.new_group)}</summary>
                            <GroupForm group=None changed/>
                        </details>
                    })}
                    <GroupList agenda changed/>
                }.into_any()
            }
        }}
    }
}

/// Whether she keeps the groups themselves (a coordinator) or only plans the sessions
/// of the groups she hosts (a volunteer).
#[derive(Clone, Copy)]
struct KeepsGroups(Signal<bool>);

fn keeps_groups() -> Signal<bool> {
    use_context::<KeepsGroups>().map_or(Signal::from(true), |k| k.0)
}

/// The team, to choose a group's host from: asked only by someone who keeps the groups.
fn team_for_hosts(keeps_groups: Memo<bool>) -> super::agenda_form::People {
    let people: super::agenda_form::People = RwSignal::new(None);
    Effect::new(move |_| {
        if keeps_groups.get() && people.get_untracked().is_none() {
            leptos::task::spawn_local(async move {
                let answer = Call::get("/people").json::<Vec<crate::api::Person>>().await;
                people.set(Some(answer.map_err(|f| f.code().to_string())));
            });
        }
    });
    people
}

/// The public link: shown to copy and open, made (new) on request.
#[component]
fn LinkPanel(path: Option<String>, changed: Callback<()>) -> impl IntoView {
    let session = use_session();
    let problem = RwSignal::new(None::<String>);
    let has_link = path.is_some();
    let renew = move |_| {
        if has_link && !crate::web::confirm(dr(|d| d.agenda.renew_confirm).get_untracked()) {
            return;
        }
        let call = Call::post("/agenda/link", &serde_json::json!({}), session.csrf());
        leptos::task::spawn_local(async move {
            match call.json::<PublicLink>().await {
                Ok(_) => changed.run(()),
                Err(f) => problem.set(Some(f.code().to_string())),
            }
        });
    };
    view! {
        <section class="panel link-panel" aria-labelledby="public-link-title">
            <h2 id="public-link-title">{dr(|d| d.agenda.public_link)}</h2>
            {match path.clone() {
                Some(path) => view! {
                    <p class="hint">{dr(|d| d.agenda.public_link_hint)}</p>
                    <input class="link-output" readonly data-testid="public-link"
                        aria-label=dr(|d| d.agenda.public_link) prop:value=crate::web::absolute(&path)/>
                    <p><a href=path target="_blank" rel="external noopener">{dr(|d| d.agenda.open_public)}</a></p>
                }.into_any(),
                None => view! { <p class="empty">{dr(|d| d.agenda.no_public_link)}</p> }.into_any(),
            }}
            <button type="button" class="button" on:click=renew data-testid="make-link">
                {if has_link { dr(|d| d.agenda.renew_link) } else { dr(|d| d.agenda.make_link) }}
            </button>
            {move || problem.get().map(|code| view! { <p class="form-error" role="alert">{failure_text(&code)}</p> })}
        </section>
    }
}

/// Every group with its coming sessions, the ways to change it and to plan more.
#[component]
fn GroupList(agenda: Agenda, changed: Callback<()>) -> impl IntoView {
    if agenda.groups.is_empty() {
        let keeps = keeps_groups();
        return view! {
            <p class="empty">{move || if keeps.get() { dr(|d| d.agenda.no_groups).get() } else { dr(|d| d.agenda.hosts_none).get() }}</p>
        }
        .into_any();
    }
    let sessions = agenda.sessions;
    view! {
        <ul class="groups">
            {agenda.groups.into_iter().map(|group| {
                let own: Vec<Session> = sessions.iter().filter(|s| s.group_id == group.id).cloned().collect();
                view! { <GroupCard group sessions=own changed/> }
            }).collect_view()}
        </ul>
    }
    .into_any()
}

/// A Dutch text of a group or session.
fn dutch(text: &Translated) -> String {
    text.raw("nl").to_string()
}

#[component]
fn GroupCard(group: Group, sessions: Vec<Session>, changed: Callback<()>) -> impl IntoView {
    let (frequency, walk_in) = (group.frequency, group.walk_in);
    let heading = format!("group-{}", group.id);
    let meta = dx(move |_, d| {
        let walk = if walk_in {
            d.agenda.walk_in_yes
        } else {
            d.agenda.walk_in_no
        };
        format!("{} · {}", (d.agenda.frequency_name)(frequency), walk)
    });
    view! {
        <li class="card group-card" data-testid="group">
            <h2 id=heading.clone()>{dutch(&group.name)}
                {group.ended.then(|| view! { " " <span class="badge">{dr(|d| d.agenda.ended)}</span> })}
            </h2>
            <p class="card-meta">{dutch(&group.audience)}</p>
            <p class="card-meta">{group.place.clone()} ", " {group.address.clone()} " · " {group.host.clone()}</p>
            <p class="card-meta">{meta}</p>
            {
                let (keeps, group) = (keeps_groups(), group.clone());
                move || keeps.get().then(|| view! {
                    <details>
                        <summary>{dr(|d| d.agenda.edit_group)}</summary>
                        <GroupForm group=Some(group.clone()) changed/>
                    </details>
                })
            }
            {(!group.ended).then(|| view! {
                <details>
                    <summary>{dr(|d| d.agenda.plan_sessions)}</summary>
                    <PlanForm group=group.id changed/>
                </details>
            })}
            <h3>{dr(|d| d.agenda.coming)}</h3>
            {if sessions.is_empty() {
                view! { <p class="empty">{dr(|d| d.agenda.no_coming)}</p> }.into_any()
            } else {
                view! {
                    <ol class="sessions" aria-labelledby=heading>
                        {sessions.into_iter().map(|session| view! { <SessionRow session changed/> }).collect_view()}
                    </ol>
                }.into_any()
            }}
        </li>
    }
}

/// One session: day, time, theme; cancelled with its reason, or a way to cancel it.
#[component]
fn SessionRow(session: Session, changed: Callback<()>) -> impl IntoView {
    let session_state = use_session();
    let asking = RwSignal::new(false);
    let moving = RwSignal::new(false);
    let reason = RwSignal::new(String::new());
    let problem = RwSignal::new(None::<Signal<&'static str>>);
    let (date, starts, ends) = (session.date, session.starts, session.ends);
    let when = dx(move |t, _| {
        use crate::domain::dates::format_time;
        format!(
            "{} · {}–{}",
            t.day(date),
            format_time(starts),
            format_time(ends)
        )
    });
    let theme = dutch(&session.theme);
    let cancelled = session.cancelled.as_ref().map(dutch);
    let is_cancelled = cancelled.is_some();
    let stored = session.clone();
    let to_move = session.clone();
    let cancel = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let text = reason.get_untracked().trim().to_string();
        if text.is_empty() {
            problem.set(Some(crate::components::form::tr(|t| t.form_has_errors)));
            return;
        }
        let mut next = stored.clone();
        next.cancelled = Some(Translated([("nl".to_string(), text)].into()));
        let call = Call::put(
            format!("/sessions/{}", next.id),
            &next,
            session_state.csrf(),
        );
        leptos::task::spawn_local(async move {
            match call.json::<Session>().await {
                Ok(_) => changed.run(()),
                Err(f) => problem.set(Some(failure_text(f.code()))),
            }
        });
    };
    let id = session.id;
    view! {
        <li class="session" class:cancelled=is_cancelled data-testid="session">
            <p><strong>{when}</strong> {(!theme.is_empty()).then(|| format!(" · {theme}"))}</p>
            {match cancelled {
                Some(why) => view! {
                    <p class="cancel-note"><strong>{dr(|d| d.agenda.cancelled)}</strong> ": " {why}</p>
                }.into_any(),
                None => view! {
                    <button type="button" class="button small" aria-expanded=move || moving.get().to_string()
                        on:click=move |_| moving.update(|m| *m = !*m)>{dr(|d| d.agenda.move_session)}</button>
                    {move || moving.get().then(|| view! { <MoveForm session=to_move.clone() changed/> })}
                    <button type="button" class="button small" on:click=move |_| asking.set(true)
                        hidden=move || asking.get()>{dr(|d| d.agenda.cancel)}</button>
                    <form class="form inline" on:submit=cancel novalidate hidden=move || !asking.get()>
                        <label for=format!("reason-{id}")>{dr(|d| d.agenda.cancel_reason)}</label>
                        <input id=format!("reason-{id}") maxlength="500"
                            prop:value=reason on:input=move |ev| reason.set(event_target_value(&ev))/>
                        {move || problem.get().map(|p| view! { <p class="form-error" role="alert">{p}</p> })}
                        <button type="submit" class="button primary small">{dr(|d| d.agenda.confirm_cancel)}</button>
                    </form>
                }.into_any(),
            }}
        </li>
    }
}
