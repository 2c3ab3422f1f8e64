//! `/desk/caseload`: the coordinator's overview, most urgent on top — families waiting
//! in intake, then every volunteer with her families (last visit, next appointment,
//! overdue by the family's cadence, a MIM child turning 18 months) and her free places.

use super::i18n::{dr, dx, DeskTexts};
use crate::api::{CaseRow, Caseload, VolunteerLoad};
use crate::components::layout::{LoadProblem, Loading};
use crate::domain::caseload::Attention;
use crate::i18n::Texts;
use crate::net::load;
use leptos::prelude::*;
use leptos_router::components::A;

/// What needs attention, in words.
pub(super) fn attention_text(t: &'static Texts, d: &'static DeskTexts, a: &Attention) -> String {
    let f = d.families;
    match a {
        Attention::IntakeWaiting { days } => (f.intake_waiting)(*days),
        Attention::Overdue { days } => (f.overdue)(*days),
        Attention::FirstVisitDue { days } => (f.first_visit_due)(*days),
        Attention::TurnsEighteenMonths { on } => (f.turns_eighteen_months)(&t.day(*on)),
    }
}

/// `/desk/caseload`.
#[component]
pub fn CaseloadPage() -> impl IntoView {
    let caseload = load::<Caseload>(|| "/caseload".into());
    view! {
        <div class="page-head">
            <h1>{dr(|d| d.families.caseload_title)}</h1>
            <A href="/desk/families/new" attr:class="button primary" attr:data-testid="new-intake">
                {dr(|d| d.families.new_intake)}
            </A>
        </div>
        <p class="hint">{dr(|d| d.families.caseload_intro)}</p>
        {move || match caseload.get() {
            None => view! { <Loading/> }.into_any(),
            Some(Err(code)) => view! { <LoadProblem code/> }.into_any(),
            Some(Ok(caseload)) => view! {
                <Waiting rows=caseload.waiting/>
                <section aria-labelledby="volunteers-title">
                    <h2 id="volunteers-title">{dr(|d| d.families.volunteers_title)}</h2>
                    <ul class="caseload" data-testid="caseload">
                        {caseload.volunteers.into_iter().map(|load| view! { <VolunteerCard load/> }).collect_view()}
                    </ul>
                </section>
            }.into_any(),
        }}
    }
}

/// Families in intake, not matched yet.
#[component]
fn Waiting(rows: Vec<CaseRow>) -> impl IntoView {
    view! {
        <section class="panel" aria-labelledby="waiting-title" data-testid="waiting">
            <h2 id="waiting-title">{dr(|d| d.families.waiting_title)}</h2>
            {if rows.is_empty() {
                view! { <p class="empty">{dr(|d| d.families.waiting_none)}</p> }.into_any()
            } else {
                view! { <CaseTable rows/> }.into_any()
            }}
        </section>
    }
}

/// One volunteer: her free places, pause, and her families.
#[component]
fn VolunteerCard(load: VolunteerLoad) -> impl IntoView {
    let (free, paused, capacity) = (load.free, load.profile.paused, load.profile.capacity);
    let heading = format!("v-{}", load.profile.user_id);
    let has_room = free > 0;
    let room = dx(move |_, d| {
        if paused {
            d.families.paused.to_string()
        } else {
            (d.families.free_places)(free, capacity)
        }
    });
    view! {
        <li class="volunteer-load" class:has-room=has_room data-testid="volunteer-load">
            <div class="card-head">
                <h3 id=heading.clone()>
                    <A href=format!("/desk/team/{}", load.profile.user_id)>{load.name.clone()}</A>
                </h3>
                <span class="badge" class:free=has_room>{room}</span>
            </div>
            {if load.families.is_empty() {
                view! { <p class="empty">{dr(|d| d.families.no_families)}</p> }.into_any()
            } else {
                view! { <CaseTable rows=load.families/> }.into_any()
            }}
        </li>
    }
}

/// Families with last visit, next appointment and what needs attention.
#[component]
fn CaseTable(rows: Vec<CaseRow>) -> impl IntoView {
    view! {
        <table class="case-table">
            <thead>
                <tr>
                    <th scope="col">{dr(|d| d.families.family)}</th>
                    <th scope="col">{dr(|d| d.families.last_visit)}</th>
                    <th scope="col">{dr(|d| d.families.next_appointment)}</th>
                    <th scope="col">{dr(|d| d.families.attention)}</th>
                </tr>
            </thead>
            <tbody>
                {rows.into_iter().map(|row| view! { <CaseLine row/> }).collect_view()}
            </tbody>
        </table>
    }
}

#[component]
fn CaseLine(row: CaseRow) -> impl IntoView {
    let family = row.family;
    let (last, next, programme) = (family.last_visit, family.next_appointment, family.programme);
    let last = dx(move |t, d| last.map_or(d.families.never.to_string(), |day| t.day(day)));
    let next = dx(move |t, _| {
        next.map_or(String::new(), |at| {
            format!("{} {}", t.day(at.date()), at.format("%H:%M"))
        })
    });
    let urgent = !row.attention.is_empty();
    let attention = row.attention.clone();
    let notes = dx(move |t, d| {
        attention
            .iter()
            .map(|a| attention_text(t, d, a))
            .collect::<Vec<_>>()
            .join(" · ")
    });
    let unconfirmed = row.unconfirmed;
    view! {
        <tr class:urgent=urgent data-testid="case-row">
            <th scope="row">
                <A href=format!("/desk/families/{}", family.id)>{family.pseudonym.clone()}</A>
                <span class="card-meta">" · " {dx(move |t, _| (t.programme_name)(programme))}</span>
                {unconfirmed.then(|| view! { " " <span class="badge">{dr(|d| d.families.added_by_volunteer)}</span> })}
            </th>
            <td>{last}</td>
            <td>{next}</td>
            <td class="attention">{notes}</td>
        </tr>
    }
}
