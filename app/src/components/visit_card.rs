//! One visit in a timeline or search result: date, kind, topics, the start of the note
//! and a visible mark when a signal was raised.

use crate::components::form::tx;
use crate::domain::Visit;
use leptos::prelude::*;

/// Longest note preview on a card, in characters.
const PREVIEW_CHARS: usize = 140;

/// A tappable summary of a visit; `family_name` is shown in cross-family lists, `by`
/// (who wrote it, already worded) and `href` on the coordinator's review list.
#[component]
pub fn VisitCard(
    visit: Visit,
    #[prop(optional)] family_name: Option<String>,
    #[prop(optional, into)] by: Option<Signal<String>>,
    #[prop(optional)] href: Option<String>,
) -> impl IntoView {
    let href = href.unwrap_or_else(|| format!("/families/{}/visits/{}", visit.family_id, visit.id));
    let date = visit.date;
    let kind = visit.kind;
    let topics = visit.topics.clone();
    let signal = visit.signal.as_ref().map(|s| s.urgency);
    let two_versions = !visit.conflicts.is_empty();
    let used = visit.prompts_used.len();
    let preview: String = [&visit.note, &visit.own_question, &visit.agreements]
        .into_iter()
        .find(|s| !s.is_empty())
        .map(|s| {
            let mut p: String = s.chars().take(PREVIEW_CHARS).collect();
            if s.chars().count() > PREVIEW_CHARS {
                p.push('…');
            }
            p
        })
        .unwrap_or_default();
    view! {
        <li class="card visit-card" id=format!("visit-{}", visit.id)>
            <a href=href>
                <span class="card-title">
                    {tx(move |t| t.day(date))}
                    {family_name.clone().map(|n| view! { <span class="family-name">" · " {n}</span> })}
                </span>
                <span class="meta">
                    {tx(move |t| (t.visit_kind_name)(kind))}
                    {by.map(|by| view! { " · " {by} })}
                </span>
                {signal.map(|u| view! {
                    <span class="badge signal">"⚑ " {tx(move |t| t.signal)} " — " {tx(move |t| (t.urgency_name)(u))}</span>
                })}
                {two_versions.then(|| view! {
                    <span class="badge signal" data-testid="two-versions">"⚠ " {tx(|t| t.account.conflict_badge)}</span>
                })}
                <span class="tags">
                    {topics.into_iter().map(|topic| view! { <span class="tag">{tx(move |t| (t.topic_name)(topic))}</span> }).collect_view()}
                </span>
                <span class="preview">{preview}</span>
                {(used > 0).then(|| view! {
                    <span class="meta" data-testid="used-count">{tx(move |t| (t.prompts.used_count)(used))}</span>
                })}
            </a>
        </li>
    }
}
