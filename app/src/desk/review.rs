//! The coordinator's view of the synced notes: her inbox of visits she has not reviewed,
//! newest first, with volunteer, family, topics, signal and whether she opened it;
//! filters by her marks, volunteer, topic, signal, dates and words; one visit opens to
//! read and to mark reviewed. Read straight from the server (and audited there), never
//! kept on the coordinator's device.

use super::i18n::{dr, dx};
use crate::api::{Person, ReviewMark, ReviewPage, ReviewVisit, Role};
use crate::components::form::{tr, tx};
use crate::components::layout::{LoadProblem, Loading};
use crate::components::prompt_panel::UsedPrompts;
use crate::components::visit_card::VisitCard;
use crate::domain::Topic;
use crate::net::load;
use leptos::either::EitherOf4;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

/// One visit in the review list, marked new until she opened it and once she reviewed it.
fn review_card(r: ReviewVisit) -> impl IntoView {
    let href = format!("/desk/review/{}", r.visit.id);
    let volunteer = r.volunteer;
    let (read, reviewed) = (r.read, r.reviewed);
    let by = dx(move |_, d| {
        let mut line = (d.by_volunteer)(&volunteer);
        if !read {
            line = format!("{} · {line}", d.unread);
        }
        if reviewed {
            line = format!("{line} · ✓ {}", d.reviewed);
        }
        line
    });
    view! { <VisitCard visit=r.visit family_name=r.family by href/> }
}

/// Which of her marks the list shows.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
enum Marked {
    /// Visits she has not reviewed (the inbox).
    #[default]
    ToReview,
    /// Visits she has reviewed.
    Reviewed,
    /// Every visit.
    All,
}

/// What the coordinator narrowed the list to, as typed.
#[derive(Clone, Debug, Default, PartialEq)]
struct Filter {
    marked: Marked,
    volunteer: String,
    topic: String,
    signal_only: bool,
    from: String,
    to: String,
    words: String,
}

impl Filter {
    /// The list's address on the API, after the page key `before` if given.
    fn path(&self, before: Option<&str>) -> String {
        let mut query = Vec::new();
        match self.marked {
            Marked::ToReview => query.push("reviewed=false".to_string()),
            Marked::Reviewed => query.push("reviewed=true".to_string()),
            Marked::All => {}
        }
        let fields = [
            ("volunteer", &self.volunteer),
            ("topic", &self.topic),
            ("from", &self.from),
            ("to", &self.to),
            ("q", &self.words),
        ];
        for (name, value) in fields {
            if !value.trim().is_empty() {
                query.push(format!(
                    "{name}={}",
                    crate::web::percent_encode(value.trim())
                ));
            }
        }
        if self.signal_only {
            query.push("signal=true".into());
        }
        if let Some(before) = before {
            query.push(format!("before={}", crate::web::percent_encode(before)));
        }
        format!("/visits?{}", query.join("&"))
    }
}

/// The filters above the list: her marks as tabs, then volunteer, topic, signals,
/// dates and words. Choices apply at once; words when she searches.
#[component]
fn FilterBar(filter: RwSignal<Filter>) -> impl IntoView {
    let people = load::<Vec<Person>>(|| "/people".into());
    let words = RwSignal::new(String::new());
    let tab = move |marked: Marked, label: Signal<&'static str>| {
        view! {
            <button type="button" class="tab" aria-pressed=move || (filter.with(|f| f.marked) == marked).to_string()
                on:click=move |_| filter.update(|f| f.marked = marked)>{label}</button>
        }
    };
    let volunteers = move || {
        people
            .get()
            .and_then(Result::ok)
            .unwrap_or_default()
            .into_iter()
            .filter(|p| p.role == Role::Volunteer)
            .map(|p| view! { <option value=p.id>{p.display_name}</option> })
            .collect_view()
    };
    let topics =
        move || {
            Topic::ALL.iter().map(|topic| {
            let topic = *topic;
            view! { <option value=topic.code()>{tx(move |t| (t.topic_name)(topic))}</option> }
        }).collect_view()
        };
    let search = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        filter.update(|f| f.words = words.get_untracked());
    };
    view! {
        <form class="filters" role="search" aria-label=dr(|d| d.filter_label) on:submit=search>
            <div class="tabs" role="group" aria-label=dr(|d| d.filter_label)>
                {tab(Marked::ToReview, dr(|d| d.to_review))}
                {tab(Marked::Reviewed, dr(|d| d.reviewed))}
                {tab(Marked::All, dr(|d| d.all_visits))}
            </div>
            <label>{dr(|d| d.volunteer)}
                <select on:change=move |ev| filter.update(|f| f.volunteer = event_target_value(&ev))>
                    <option value="">{dr(|d| d.any_volunteer)}</option>
                    {volunteers}
                </select>
            </label>
            <label>{dr(|d| d.topic)}
                <select on:change=move |ev| filter.update(|f| f.topic = event_target_value(&ev))>
                    <option value="">{dr(|d| d.any_topic)}</option>
                    {topics}
                </select>
            </label>
            <label>{dr(|d| d.date_from)}
                <input type="date" on:change=move |ev| filter.update(|f| f.from = event_target_value(&ev))/>
            </label>
            <label>{dr(|d| d.date_to)}
                <input type="date" on:change=move |ev| filter.update(|f| f.to = event_target_value(&ev))/>
            </label>
            <label class="check">
                <input type="checkbox" on:change=move |ev| filter.update(|f| f.signal_only = event_target_checked(&ev))/>
                {dr(|d| d.signal_only)}
            </label>
            <label class="words">{dr(|d| d.search_notes)}
                <input type="search" maxlength="100" prop:value=words on:input=move |ev| words.set(event_target_value(&ev))/>
            </label>
            <button type="submit" class="button">{dr(|d| d.search)}</button>
        </form>
    }
}

/// `/desk`: her inbox — the organisation's synced visits she has not reviewed, newest
/// first, a page at a time — and, with the filters, any of its visits.
#[component]
pub fn ReviewListPage() -> impl IntoView {
    let filter = RwSignal::new(Filter::default());
    let first = load::<ReviewPage>(move || filter.with(|f| f.path(None)));
    let later = RwSignal::new(Vec::<ReviewVisit>::new());
    let next = RwSignal::new(None::<String>);
    let failed = RwSignal::new(None::<String>);
    Effect::new(move |_| {
        if let Some(Ok(page)) = first.get() {
            later.set(Vec::new());
            next.set(page.next);
        }
    });
    let more = move |_| {
        let Some(before) = next.get_untracked() else {
            return;
        };
        next.set(None);
        let path = filter.with_untracked(|f| f.path(Some(&before)));
        leptos::task::spawn_local(async move {
            match crate::net::Call::get(path).json::<ReviewPage>().await {
                Ok(page) => {
                    later.update(|l| l.extend(page.visits));
                    next.set(page.next);
                    failed.set(None);
                }
                Err(err) => {
                    next.set(Some(before));
                    failed.set(Some(err.code().to_string()));
                }
            }
        });
    };
    let empty = move || {
        let inbox = filter.with(|f| *f == Filter::default());
        if inbox {
            dr(|d| d.nothing_to_review)
        } else {
            dr(|d| d.nothing_found)
        }
    };
    view! {
        <h1>{dr(|d| d.review_title)}</h1>
        <super::signals::OpenSignalsList/>
        <FilterBar filter/>
        {move || match first.get() {
            None => EitherOf4::A(view! { <Loading/> }),
            Some(Err(code)) => EitherOf4::B(view! { <LoadProblem code/> }),
            Some(Ok(page)) if page.visits.is_empty() => EitherOf4::C(view! { <p class="empty">{empty()}</p> }),
            Some(Ok(page)) => EitherOf4::D(view! {
                <ul class="cards" data-testid="review-list">
                    {page.visits.into_iter().map(review_card).collect_view()}
                    {move || later.get().into_iter().map(review_card).collect_view()}
                </ul>
            }),
        }}
        {move || failed.get().map(|code| view! { <LoadProblem code/> })}
        {move || next.get().is_some().then(|| view! {
            <p><button type="button" class="button" on:click=more>{dr(|d| d.review_more)}</button></p>
        })}
    }
}

/// Her review mark on the visit page: shows the state and changes it.
#[component]
fn ReviewToggle(id: String, reviewed: bool) -> impl IntoView {
    let reviewed = RwSignal::new(reviewed);
    let failed = RwSignal::new(None::<String>);
    let inbox = super::inbox::use_inbox();
    let session = super::session::use_session();
    let toggle = move |_| {
        let (id, want) = (id.clone(), !reviewed.get_untracked());
        let csrf = session.info().map(|i| i.csrf);
        leptos::task::spawn_local(async move {
            let body = ReviewMark { reviewed: want };
            let path = format!("/visits/{id}/review");
            match crate::net::Call::put(path, &body, csrf)
                .json::<ReviewMark>()
                .await
            {
                Ok(mark) => {
                    reviewed.set(mark.reviewed);
                    failed.set(None);
                    inbox.refresh();
                }
                Err(err) => failed.set(Some(err.code().to_string())),
            }
        });
    };
    view! {
        <div class="review-mark">
            {move || reviewed.get().then(|| view! { <span class="badge done">"✓ " {dr(|d| d.reviewed)}</span> })}
            <button type="button" class="button" data-testid="review-toggle" on:click=toggle>
                {move || if reviewed.get() { dr(|d| d.unmark_reviewed) } else { dr(|d| d.mark_reviewed) }}
            </button>
            {move || failed.get().map(|code| view! { <LoadProblem code/> })}
        </div>
    }
}

/// One labelled text of a visit, left out when empty.
fn fact(label: Signal<&'static str>, text: String) -> impl IntoView {
    (!text.is_empty()).then(|| {
        view! {
            <dt>{label}</dt>
            <dd class="text">{text}</dd>
        }
    })
}

/// `/desk/review/:id`: one visit to read.
#[component]
pub fn ReviewVisitPage() -> impl IntoView {
    let params = use_params_map();
    let visit = load::<ReviewVisit>(move || {
        format!(
            "/visits/{}",
            params.with(|p| p.get("id").unwrap_or_default())
        )
    });
    view! {
        <p><a href="/desk">"← " {tr(|t| t.back)}</a></p>
        {move || match visit.get() {
            None => Shown::Loading,
            Some(Err(code)) => Shown::Problem(code),
            Some(Ok(r)) => Shown::Visit(Box::new(r)),
        }.render()}
    }
}

/// What the visit page shows: loading, a problem, or the visit.
enum Shown {
    Loading,
    Problem(String),
    Visit(Box<ReviewVisit>),
}

impl Shown {
    fn render(self) -> impl IntoView {
        use leptos::either::EitherOf3;
        match self {
            Shown::Loading => EitherOf3::A(view! { <Loading/> }),
            Shown::Problem(code) => EitherOf3::B(view! { <LoadProblem code/> }),
            Shown::Visit(r) => {
                let v = r.visit;
                let (date, kind) = (v.date, v.kind);
                let topics = v.topics.clone();
                let support = v.support.clone();
                let signal = v.signal.clone();
                let (family, volunteer) = (r.family, r.volunteer);
                let id = v.id.to_string();
                let thread_volunteer = volunteer.clone();
                let (visit_id, replies, triage) = (id.clone(), r.feedback, r.triage);
                EitherOf3::C(view! {
                    <h1>{tx(move |t| t.day(date))}</h1>
                    <p class="subtitle">{family} " · " {dx(move |_, d| (d.by_volunteer)(&volunteer))}</p>
                    <ReviewToggle id reviewed=r.reviewed/>
                    {r.notes_hidden.then(|| view! {
                        <p class="consent-note" role="note" data-testid="notes-hidden">{dr(|d| d.signals.notes_hidden)}</p>
                    })}
                    {signal.map(|s| {
                        let u = s.urgency;
                        view! {
                            <div class="signal-box on" role="note">
                                <strong>"⚑ " {tr(|t| t.signal)} " — " {tx(move |t| (t.urgency_name)(u))}</strong>
                                <p class="text">{s.text}</p>
                            </div>
                        }
                    })}
                    <dl class="facts">
                        <dt>{tr(|t| t.visit_kind)}</dt>
                        <dd>{tx(move |t| (t.visit_kind_name)(kind))}
                            {v.duration_min.map(|m| view! { ", " {m} " " {tr(|t| t.duration_unit)} })}</dd>
                        {(!topics.is_empty()).then(|| view! {
                            <dt>{tr(|t| t.topics)}</dt>
                            <dd class="tags">{topics.into_iter().map(|k| view! { <span class="tag">{tx(move |t| (t.topic_name)(k))}</span> }).collect_view()}</dd>
                        })}
                        {(!support.is_empty()).then(|| view! {
                            <dt>{tr(|t| t.support_forms)}</dt>
                            <dd class="tags">{support.into_iter().map(|k| view! { <span class="tag">{tx(move |t| (t.support_name)(k))}</span> }).collect_view()}</dd>
                        })}
                        {fact(tr(|t| t.own_question), v.own_question)}
                        {fact(tr(|t| t.chosen_to_try), v.chosen_to_try)}
                        {fact(tr(|t| t.agreements), v.agreements)}
                        {fact(tr(|t| t.note), v.note)}
                        {(!v.prompts_used.is_empty()).then(|| view! {
                            <dt>{tr(|t| t.prompts.used_title)}</dt>
                            <dd><UsedPrompts ids=v.prompts_used/></dd>
                        })}
                    </dl>
                    {triage.map(|triage| view! { <super::signals::TriagePanel triage/> })}
                    <super::feedback::FeedbackThread visit_id volunteer=thread_volunteer replies/>
                })
            }
        }
    }
}
