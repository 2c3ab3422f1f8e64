//! The coordinator's view of the synced notes: her organisation's visits, newest first,
//! with volunteer, family, topics and signal; one visit opens to read. Read straight
//! from the server (and audited there), never kept on the coordinator's device.

use super::i18n::{dr, dx};
use crate::api::{ReviewPage, ReviewVisit};
use crate::components::form::{tr, tx};
use crate::components::layout::{LoadProblem, Loading};
use crate::components::prompt_panel::UsedPrompts;
use crate::components::visit_card::VisitCard;
use crate::net::load;
use leptos::either::EitherOf4;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

/// One visit in the review list.
fn review_card(r: ReviewVisit) -> impl IntoView {
    let href = format!("/desk/review/{}", r.visit.id);
    let volunteer = r.volunteer;
    let by = dx(move |_, d| (d.by_volunteer)(&volunteer));
    view! { <VisitCard visit=r.visit family_name=r.family by href/> }
}

/// `/desk`: the organisation's synced visits, newest first, a page at a time.
#[component]
pub fn ReviewListPage() -> impl IntoView {
    let first = load::<ReviewPage>(|| "/visits".into());
    let later = RwSignal::new(Vec::<ReviewVisit>::new());
    let next = RwSignal::new(None::<String>);
    let failed = RwSignal::new(None::<String>);
    Effect::new(move |_| {
        if let Some(Ok(page)) = first.get() {
            next.set(page.next);
        }
    });
    let more = move |_| {
        let Some(before) = next.get_untracked() else {
            return;
        };
        next.set(None);
        leptos::task::spawn_local(async move {
            let path = format!("/visits?before={before}");
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
    view! {
        <h1>{dr(|d| d.review_title)}</h1>
        {move || match first.get() {
            None => EitherOf4::A(view! { <Loading/> }),
            Some(Err(code)) => EitherOf4::B(view! { <LoadProblem code/> }),
            Some(Ok(page)) if page.visits.is_empty() => EitherOf4::C(view! { <p class="empty">{dr(|d| d.review_empty)}</p> }),
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
                EitherOf3::C(view! {
                    <h1>{tx(move |t| t.day(date))}</h1>
                    <p class="subtitle">{family} " · " {dx(move |_, d| (d.by_volunteer)(&volunteer))}</p>
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
                })
            }
        }
    }
}
