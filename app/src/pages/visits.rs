//! Find a visit again: search all visits by word and filter by topic.

use crate::components::form::{options, tr, ChipGroup};
use crate::components::layout::Loading;
use crate::components::visit_card::VisitCard;
use crate::diary::use_diary;
use crate::domain::Topic;
use leptos::either::EitherOf3;
use leptos::prelude::*;

/// Search and filter across every family's visits.
#[component]
pub fn VisitsPage() -> impl IntoView {
    let diary = use_diary();
    let query = RwSignal::new(String::new());
    let topics = RwSignal::new(Vec::<String>::new());
    let results = Memo::new(move |_| {
        let wanted: Vec<Topic> =
            topics.with(|ts| ts.iter().filter_map(|c| Topic::from_code(c)).collect());
        let q = query.get();
        diary.db.with(|db| {
            db.as_ref().map(|db| {
                db.live_visits()
                    .into_iter()
                    .filter(|v| {
                        wanted.iter().all(|topic| v.topics.contains(topic)) && v.mentions(&q)
                    })
                    .map(|v| {
                        (
                            v.clone(),
                            db.family(v.family_id)
                                .map(|f| f.pseudonym.clone())
                                .unwrap_or_default(),
                        )
                    })
                    .collect::<Vec<_>>()
            })
        })
    });
    let topic_options = options(Topic::ALL, Topic::code, |t, k| (t.topic_name)(k));
    view! {
        <h1>{tr(|t| t.visits_title)}</h1>
        <div class="field search">
            <label for="search">{tr(|t| t.search_label)}</label>
            <input id="search" type="search" placeholder=tr(|t| t.search_placeholder)
                prop:value=move || query.get() on:input=move |ev| query.set(event_target_value(&ev))/>
        </div>
        <details class="filters">
            <summary>{tr(|t| t.filter_topics)}</summary>
            <ChipGroup id="filter-topics" legend=tr(|t| t.topics) selected=Signal::derive(move || topics.get())
                options=topic_options
                on_toggle=Callback::new(move |code| topics.update(|ts| crate::components::form::toggle(ts, code)))/>
        </details>
        {move || match results.get() {
            None => EitherOf3::A(view! { <Loading/> }),
            Some(found) if found.is_empty() => EitherOf3::B(view! { <p class="empty">{tr(|t| t.no_matches)}</p> }),
            Some(found) => EitherOf3::C(view! {
                <ul class="cards" data-testid="visit-results">
                    {found.into_iter().map(|(visit, name)| view! { <VisitCard visit family_name=name/> }).collect_view()}
                </ul>
            }),
        }}
    }
}
