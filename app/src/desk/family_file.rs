//! `/desk/families/:id`: one family as the coordinator keeps it — its details and what
//! was said at intake (editable), the volunteers Naast suggests with their reasons (she
//! decides: matching, or rematching with a short evaluation), ending the support with a
//! reason and a closing evaluation, and every matching so far.

use super::i18n::{dr, dx, DeskTexts};
use super::intake::{desk_options, IntakeFields, IntakeInput};
use super::session::use_session;
use crate::api::{
    EndReason, EndRequest, FamilyFile, MatchRecord, MatchRequest, SuggestedVolunteer,
};
use crate::components::form::{tr, TextArea};
use crate::components::layout::{LoadProblem, Loading};
use crate::domain::matching::Reason;
use crate::domain::{ChildDate, FamilyId, FamilyStatus};
use crate::i18n::Texts;
use crate::net::{load, Call};
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

/// Why a volunteer is suggested, in words.
fn reason_text(t: &'static Texts, d: &'static DeskTexts, reason: &Reason) -> String {
    let f = d.families;
    match reason {
        Reason::SpeaksHerLanguage { code } => (f.speaks)((t.language_of)(code)),
        Reason::OwnCulture => f.own_culture.into(),
        Reason::DutchVolunteer => f.dutch_volunteer.into(),
        Reason::NoSharedLanguage => f.no_shared_language.into(),
        Reason::SameArea => f.same_area.into(),
        Reason::NearbyArea => f.nearby_area.into(),
        Reason::FreeCapacity { free } => (f.room_for)(*free),
    }
}

/// Sends a change of the family and shows the file the server answers with.
#[derive(Clone, Copy)]
struct Sender {
    file: RwSignal<Option<Result<FamilyFile, String>>>,
    failure: RwSignal<Option<String>>,
}

impl Sender {
    fn send(self, call: Call<'static>) {
        leptos::task::spawn_local(async move {
            match call.json::<FamilyFile>().await {
                Ok(file) => {
                    self.failure.set(None);
                    self.file.set(Some(Ok(file)));
                }
                Err(f) => self.failure.set(Some(f.code().to_string())),
            }
        });
    }
}

/// `/desk/families/:id`.
#[component]
pub fn FamilyFilePage() -> impl IntoView {
    let params = use_params_map();
    let id = move || params.with(|p| p.get("id").unwrap_or_default());
    let file = load::<FamilyFile>(move || format!("/families/{}", id()));
    let sender = Sender {
        file,
        failure: RwSignal::new(None),
    };
    provide_context(sender);
    view! {
        {move || match file.get() {
            None => view! { <Loading/> }.into_any(),
            Some(Err(code)) => view! { <LoadProblem code/> }.into_any(),
            Some(Ok(file)) => view! { <FileView file/> }.into_any(),
        }}
    }
}

#[component]
fn FileView(file: FamilyFile) -> impl IntoView {
    let sender = expect_context::<Sender>();
    let session = use_session();
    let family = file.family.clone();
    let status = family.status;
    let id = family.id;
    let ended = status == FamilyStatus::Ended;
    let matched = file.volunteer_id.clone();
    let current_name = file
        .matches
        .iter()
        .find(|m| m.ended_on.is_none())
        .map(|m| m.volunteer_name.clone());
    let unconfirmed = matched.is_some() && current_name.is_none();
    let child = family.child;
    let child_text = dx(move |t, _| match child {
        ChildDate::Born(d) => format!("{} {}", t.child_born, t.day(d)),
        ChildDate::Expected(d) => format!("{} {}", t.child_expected, t.day(d)),
    });
    let languages = family.languages.clone();
    let langs = dx(move |t, _| {
        languages
            .iter()
            .map(|c| (t.language_of)(c))
            .collect::<Vec<_>>()
            .join(", ")
    });
    let (programme, cadence, shares) = (family.programme, family.cadence, family.shares_notes);
    let how = dx(move |t, _| {
        format!(
            "{} · {}",
            (t.programme_name)(programme),
            (t.cadence_name)(cadence)
        )
    });
    view! {
        <div class="page-head">
            <h1 data-testid="family-title">{family.pseudonym.clone()}</h1>
            <span class="badge" data-testid="family-status">{dx(move |t, _| (t.status_name)(status))}</span>
        </div>
        {move || sender.failure.get().map(|code| view! { <LoadProblem code/> })}
        <div class="file-columns">
            <section class="panel" aria-labelledby="about-title">
                <h2 id="about-title">{dr(|d| d.families.about)}</h2>
                <dl class="facts">
                    <dt>{tr(|t| t.child)}</dt><dd>{child_text}</dd>
                    <dt>{tr(|t| t.languages)}</dt><dd>{langs}</dd>
                    <dt>{tr(|t| t.programme)}</dt><dd>{how}</dd>
                    <dt>{tr(|t| t.feedback.shares_notes)}</dt>
                    <dd>{move || if shares { dr(|d| d.families.yes).get() } else { dr(|d| d.families.no).get() }}</dd>
                    <dt>{dr(|d| d.families.volunteer)}</dt>
                    <dd data-testid="current-volunteer">{current_name.clone().unwrap_or_else(|| "—".into())}
                        {unconfirmed.then(|| view! { " " <span class="badge">{dr(|d| d.families.added_by_volunteer)}</span> })}
                    </dd>
                </dl>
                {unconfirmed.then(|| view! {
                    <button type="button" class="button" data-testid="confirm-family"
                        on:click=move |_| sender.send(Call::post(format!("/families/{id}/confirm"), &serde_json::json!({}), session.csrf()))>
                        {dr(|d| d.families.confirm)}
                    </button>
                })}
                <IntakePanel file=file.clone()/>
            </section>
            <div>
                {(!ended).then(|| view! { <Suggestions id suggestions=file.suggestions.clone() rematch=matched.is_some()/> })}
                {(!ended).then(|| view! { <EndPanel id/> })}
                <History matches=file.matches.clone()/>
            </div>
        </div>
    }
}

/// What was said at intake, editable.
#[component]
fn IntakePanel(file: FamilyFile) -> impl IntoView {
    let sender = expect_context::<Sender>();
    let session = use_session();
    let Some(details) = file.intake.clone() else {
        return view! { <p class="hint">{dr(|d| d.families.no_intake)}</p> }.into_any();
    };
    let version = details.version;
    let intake = RwSignal::new(IntakeInput {
        referrer: details.referrer.code().into(),
        preference: details.preference.code().into(),
        area: details.area.clone(),
        support_question: details.support_question.clone(),
    });
    let problems = RwSignal::new(Vec::new());
    let id = file.family.id;
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        match intake.get_untracked().parse(version) {
            Err(p) => problems.set(p),
            Ok(details) => {
                problems.set(vec![]);
                sender.send(Call::put(
                    format!("/families/{id}/intake"),
                    &details,
                    session.csrf(),
                ));
            }
        }
    };
    let registered = details.registered_on;
    view! {
        <details class="intake" open=details.support_question.is_empty().then_some("")>
            <summary>{dr(|d| d.families.intake_details)}
                {registered.map(|day| view! { " · " {dx(move |t, d| (d.families.registered_on)(&t.day(day)))} })}
            </summary>
            {(!details.support_question.is_empty()).then(|| view! {
                <blockquote class="support-question">{details.support_question.clone()}</blockquote>
            })}
            <form class="form" on:submit=save novalidate>
                <IntakeFields intake problems/>
                <button type="submit" class="button">{tr(|t| t.save)}</button>
            </form>
        </details>
    }
    .into_any()
}

/// The volunteers Naast suggests, with their reasons; she picks one.
#[component]
fn Suggestions(id: FamilyId, suggestions: Vec<SuggestedVolunteer>, rematch: bool) -> impl IntoView {
    let sender = expect_context::<Sender>();
    let session = use_session();
    let evaluation = RwSignal::new(String::new());
    let choose = move |volunteer_id: String, name: String| {
        let ask = if rematch {
            dx(move |_, d| (d.families.rematch_confirm)(&name)).get_untracked()
        } else {
            dx(move |_, d| (d.families.match_confirm)(&name)).get_untracked()
        };
        if !crate::web::confirm(&ask) {
            return;
        }
        let request = MatchRequest {
            volunteer_id,
            evaluation: evaluation.get_untracked(),
        };
        sender.send(Call::post(
            format!("/families/{id}/match"),
            &request,
            session.csrf(),
        ));
    };
    view! {
        <section class="panel" aria-labelledby="suggest-title" data-testid="suggestions">
            <h2 id="suggest-title">{if rematch { dr(|d| d.families.rematch_title) } else { dr(|d| d.families.suggest_title) }}</h2>
            <p class="hint">{dr(|d| d.families.suggest_hint)}</p>
            {rematch.then(|| view! {
                <TextArea id="rematch_evaluation" label=dr(|d| d.families.rematch_why) rows=2
                    value=Signal::derive(move || evaluation.get()) on_input=Callback::new(move |v| evaluation.set(v))
                    error=Signal::derive(|| None)/>
            })}
            {if suggestions.is_empty() {
                view! { <p class="empty">{dr(|d| d.families.no_suggestions)}</p> }.into_any()
            } else {
                view! {
                    <ol class="suggestions">
                        {suggestions.into_iter().map(|s| {
                            let reasons = s.reasons.clone();
                            let why = dx(move |t, d| reasons.iter().map(|r| reason_text(t, d, r)).collect::<Vec<_>>().join(" · "));
                            let (vid, name) = (s.volunteer_id.clone(), s.name.clone());
                            let label = dx({ let name = s.name.clone(); move |_, d| (d.families.match_with)(&name) });
                            view! {
                                <li class="suggestion" data-testid="suggestion">
                                    <div>
                                        <strong>{s.name.clone()}</strong>
                                        <p class="card-meta">{why}</p>
                                    </div>
                                    <button type="button" class="button primary small" aria-label=label
                                        on:click=move |_| choose(vid.clone(), name.clone())>
                                        {dr(|d| d.families.match_button)}
                                    </button>
                                </li>
                            }
                        }).collect_view()}
                    </ol>
                }.into_any()
            }}
        </section>
    }
}

/// Ending the support: a reason and a short closing evaluation.
#[component]
fn EndPanel(id: FamilyId) -> impl IntoView {
    let sender = expect_context::<Sender>();
    let session = use_session();
    let reason = RwSignal::new(EndReason::GoalReached.code().to_string());
    let evaluation = RwSignal::new(String::new());
    let missing = RwSignal::new(false);
    let end = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let text = evaluation.get_untracked();
        let chosen = EndReason::from_code(&reason.get_untracked());
        let (Some(reason), false) = (chosen, text.trim().is_empty()) else {
            missing.set(true);
            return;
        };
        missing.set(false);
        let request = EndRequest {
            reason,
            evaluation: text,
        };
        sender.send(Call::post(
            format!("/families/{id}/end"),
            &request,
            session.csrf(),
        ));
    };
    view! {
        <details class="panel end-panel">
            <summary>{dr(|d| d.families.end_title)}</summary>
            <form class="form" on:submit=end novalidate data-testid="end-form">
                <crate::components::form::Select id="end_reason" label=dr(|d| d.families.end_reason)
                    value=Signal::derive(move || reason.get()) on_change=Callback::new(move |v| reason.set(v))
                    options=desk_options(&EndReason::CHOSEN, EndReason::code, |d, r| (d.families.end_reason_name)(r))
                    error=Signal::derive(|| None)/>
                <TextArea id="end_evaluation" label=dr(|d| d.families.evaluation) rows=3
                    value=Signal::derive(move || evaluation.get()) on_input=Callback::new(move |v| evaluation.set(v))
                    error=Signal::derive(move || missing.get().then(|| dr(|d| d.families.evaluation_required).get().to_string()))/>
                <button type="submit" class="button danger">{dr(|d| d.families.end_button)}</button>
            </form>
        </details>
    }
}

/// Every matching so far, newest first.
#[component]
fn History(matches: Vec<MatchRecord>) -> impl IntoView {
    (!matches.is_empty()).then(|| {
        view! {
            <section class="panel" aria-labelledby="history-title">
                <h2 id="history-title">{dr(|d| d.families.history_title)}</h2>
                <ol class="history" data-testid="match-history">
                    {matches.into_iter().map(|m| {
                        let (start, end, reason) = (m.started_on, m.ended_on, m.end_reason);
                        let when = dx(move |t, d| {
                            let span = match end {
                                Some(e) => format!("{} – {}", t.day(start), t.day(e)),
                                None => (d.families.since)(&t.day(start)),
                            };
                            match reason {
                                Some(r) => format!("{span} · {}", (d.families.end_reason_name)(r)),
                                None => span,
                            }
                        });
                        view! {
                            <li>
                                <strong>{m.volunteer_name.clone()}</strong> " · " {when}
                                {m.evaluation.clone().filter(|e| !e.is_empty()).map(|e| view! { <p class="card-meta">{e}</p> })}
                            </li>
                        }
                    }).collect_view()}
                </ol>
            </section>
        }
    })
}
