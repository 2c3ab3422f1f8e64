//! Signals of concern on the coordinator's desk: the open ones on top of her inbox
//! (urgent first, then overdue), and on a visit the panel where she acknowledges,
//! re-rates and resolves one. Each step names the version she saw; when a colleague
//! was first she is told so and shown the new state, nothing is overwritten.

use super::i18n::{dr, dx};
use crate::api::{OpenSignal, OpenSignals, Triage, TriageEdit, TRIAGE_NOTE_MAX};
use crate::components::layout::LoadProblem;
use crate::domain::clock::local_datetime_of_ms;
use crate::domain::{TriageAction, TriageState, Urgency};
use crate::net::load;
use leptos::prelude::*;

/// A moment (ms since the epoch) as people write it here.
fn when(t: &'static crate::i18n::Texts, ms: i64) -> String {
    t.appointment(local_datetime_of_ms(ms))
}

/// One open signal in the list: urgency, overdue, family, volunteer, day.
fn open_signal(s: OpenSignal) -> impl IntoView {
    let href = format!("/desk/review/{}", s.triage.visit_id);
    let (urgency, overdue, state) = (s.triage.urgency, s.triage.overdue, s.triage.state);
    let raised = s.triage.raised_at_ms;
    let date = s.visit_date;
    let day = dx(
        move |t, _| match chrono::NaiveDate::parse_from_str(&date, "%Y-%m-%d") {
            Ok(day) => t.day(day),
            Err(_) => date.clone(),
        },
    );
    let line = dx(move |t, d| {
        format!(
            "{} · {} · {}",
            (t.urgency_name)(urgency),
            (d.signals.state_name)(state),
            (d.signals.raised_on)(&when(t, raised))
        )
    });
    view! {
        <li class="card signal-card" class:urgent=urgency == Urgency::Urgent class:overdue=overdue>
            <a href=href class="card-link">
                <span class="card-title">"⚑ " {s.family} " · " {s.volunteer} " · " {day}</span>
                <span class="card-meta">{line}</span>
                {overdue.then(|| view! { <span class="badge late">{dr(|d| d.signals.overdue)}</span> })}
            </a>
        </li>
    }
}

/// The organisation's open signals, most pressing first, above her inbox.
#[component]
pub fn OpenSignalsList() -> impl IntoView {
    let open = load::<OpenSignals>(|| "/signals".into());
    move || match open.get() {
        None => None,
        Some(Err(code)) => Some(view! { <LoadProblem code/> }.into_any()),
        Some(Ok(list)) if list.signals.is_empty() => None,
        Some(Ok(list)) => Some(
            view! {
                <section class="open-signals" aria-labelledby="open-signals-title">
                    <h2 id="open-signals-title">{dr(|d| d.signals.open_signals_title)}</h2>
                    <ul class="cards" data-testid="open-signals">
                        {list.signals.into_iter().map(open_signal).collect_view()}
                    </ul>
                </section>
            }
            .into_any(),
        ),
    }
}

/// Who did what and when, as far as the signal has come.
fn history(t: &Triage) -> impl IntoView {
    let raised = t.raised_at_ms;
    let acknowledged = t.acknowledged_at_ms.zip(t.acknowledged_by.clone());
    let resolved = t.resolved_at_ms.zip(t.resolved_by.clone());
    view! {
        <ul class="plain meta">
            <li>{dx(move |t, d| (d.signals.raised_on)(&when(t, raised)))}</li>
            {acknowledged.map(|(at, name)| view! {
                <li>{dx(move |t, d| (d.signals.acknowledged_by)(&name, &when(t, at)))}</li>
            })}
            {resolved.map(|(at, name)| view! {
                <li>{dx(move |t, d| (d.signals.resolved_by)(&name, &when(t, at)))}</li>
            })}
        </ul>
    }
}

/// The triage panel on a visit with a signal.
#[component]
pub fn TriagePanel(triage: Triage) -> impl IntoView {
    let current = RwSignal::new(triage);
    let urgency = RwSignal::new(current.with_untracked(|t| t.urgency));
    let action = RwSignal::new(None::<TriageAction>);
    let note = RwSignal::new(current.with_untracked(|t| t.note.clone()));
    let problem = RwSignal::new(None::<String>);
    let local_error = RwSignal::new(None::<Signal<&'static str>>);
    let session = super::session::use_session();
    let inbox = super::inbox::use_inbox();
    let send = move |state: TriageState| {
        let resolving = state == TriageState::Resolved;
        if resolving && action.get_untracked().is_none() {
            local_error.set(Some(dr(|d| d.signals.action_required)));
            return;
        }
        if note.with_untracked(|n| n.trim().chars().count() > TRIAGE_NOTE_MAX) {
            local_error.set(Some(dr(|d| d.signals.note_too_long)));
            return;
        }
        local_error.set(None);
        let edit = TriageEdit {
            version: current.with_untracked(|t| t.version),
            state,
            urgency: urgency.get_untracked(),
            action: if resolving {
                action.get_untracked()
            } else {
                None
            },
            note: note.get_untracked(),
        };
        let id = current.with_untracked(|t| t.visit_id.to_string());
        let csrf = session.info().map(|i| i.csrf);
        leptos::task::spawn_local(async move {
            let path = format!("/visits/{id}/signal");
            match crate::net::Call::put(path.clone(), &edit, csrf)
                .json::<Triage>()
                .await
            {
                Ok(stored) => {
                    current.set(stored);
                    problem.set(None);
                    inbox.refresh();
                }
                Err(err) => {
                    problem.set(Some(err.code().to_string()));
                    // A colleague was first: show her what stands now.
                    if let Ok(visit) = crate::net::Call::get(format!("/visits/{id}"))
                        .json::<crate::api::ReviewVisit>()
                        .await
                    {
                        if let Some(t) = visit.triage {
                            urgency.set(t.urgency);
                            current.set(t);
                        }
                    }
                }
            }
        });
    };
    let state = move || current.with(|t| t.state);
    let open = move || state() != TriageState::Resolved;
    view! {
        <section class="triage" aria-labelledby="triage-title" data-testid="triage">
            <h2 id="triage-title">{dr(|d| d.signals.triage_title)} ": "
                <span data-testid="triage-state">{move || dx(move |_, d| (d.signals.state_name)(state()))}</span>
                {move || current.with(|t| t.overdue).then(|| view! { <span class="badge late">{dr(|d| d.signals.overdue)}</span> })}
            </h2>
            {move || current.with(|t| t.withdrawn).then(|| view! { <p class="meta">{dr(|d| d.signals.withdrawn)}</p> })}
            {move || current.with(history)}
            {move || current.with(|t| t.action).map(|a| view! {
                <p><strong>{dx(move |t, _| (t.feedback.triage_action)(a))}</strong></p>
            })}
            {move || open().then(|| view! {
                <div class="triage-form">
                    <label>{dr(|d| d.signals.urgency_label)}
                        <select on:change=move |ev| if let Some(u) = Urgency::from_code(&event_target_value(&ev)) { urgency.set(u) }>
                            {Urgency::ALL.iter().map(|u| {
                                let u = *u;
                                view! { <option value=u.code() selected=move || urgency.get() == u>{dx(move |t, _| (t.urgency_name)(u))}</option> }
                            }).collect_view()}
                        </select>
                    </label>
                    <div class="actions">
                        {move || match state() {
                            TriageState::New => view! {
                                <button type="button" class="button primary" on:click=move |_| send(TriageState::Acknowledged)>{dr(|d| d.signals.acknowledge)}</button>
                            }.into_any(),
                            _ => view! {
                                <button type="button" class="button" on:click=move |_| send(TriageState::Acknowledged)>{dr(|d| d.signals.save_urgency)}</button>
                            }.into_any(),
                        }}
                    </div>
                    <label>{dr(|d| d.signals.action_taken)}
                        <select id="triage-action" on:change=move |ev| action.set(TriageAction::from_code(&event_target_value(&ev)))>
                            <option value="">{dr(|d| d.signals.choose_action)}</option>
                            {TriageAction::ALL.iter().map(|a| {
                                let a = *a;
                                view! { <option value=a.code()>{dx(move |t, _| (t.feedback.triage_action)(a))}</option> }
                            }).collect_view()}
                        </select>
                    </label>
                    <label>{dr(|d| d.signals.private_note)}
                        <textarea id="triage-note" rows="3" maxlength="2000" aria-describedby="triage-note-hint"
                            prop:value=note on:input=move |ev| note.set(event_target_value(&ev))></textarea>
                    </label>
                    <p class="hint" id="triage-note-hint">{dr(|d| d.signals.private_note_hint)}</p>
                    <div class="actions">
                        <button type="button" class="button primary" data-testid="resolve" on:click=move |_| send(TriageState::Resolved)>{dr(|d| d.signals.resolve)}</button>
                    </div>
                </div>
            })}
            {move || (!open()).then(|| current.with(|t| (!t.note.is_empty()).then(|| {
                let note = t.note.clone();
                view! { <p class="text private-note">{note}</p> }
            })))}
            {move || local_error.get().map(|e| view! { <p class="form-error" role="alert">{e}</p> })}
            {move || problem.get().map(|code| view! { <LoadProblem code/> })}
        </section>
    }
}
