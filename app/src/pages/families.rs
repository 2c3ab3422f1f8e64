//! The home screen: her families, the ones needing a visit first.

use crate::components::form::{tr, tx};
use crate::components::layout::Loading;
use crate::diary::use_diary;
use crate::domain::age::ChildAge;
use crate::domain::clock::today;
use crate::domain::family::Due;
use crate::domain::{Family, FamilyStatus};
use leptos::either::EitherOf3;
use leptos::prelude::*;

/// A family with what the list needs to show about it.
#[derive(Clone, PartialEq)]
struct Row {
    family: Family,
    due: Due,
}

/// Lists families with child age, programme, due state and next appointment.
#[component]
pub fn FamiliesPage() -> impl IntoView {
    let diary = use_diary();
    let show_ended = RwSignal::new(false);
    let rows = Memo::new(move |_| {
        diary.db.with(|db| {
            db.as_ref().map(|db| {
                let today = today();
                let visits: Vec<_> = db.visits.values().collect();
                let mut rows: Vec<Row> = db
                    .live_families()
                    .filter(|f| show_ended.get() || f.status != FamilyStatus::Ended)
                    .map(|f| Row {
                        due: f.due(visits.iter().copied(), today),
                        family: f.clone(),
                    })
                    .collect();
                rows.sort_by(|a, b| {
                    a.due
                        .urgency_rank()
                        .cmp(&b.due.urgency_rank())
                        .then(a.family.pseudonym.cmp(&b.family.pseudonym))
                });
                rows
            })
        })
    });
    view! {
        <div class="page-head">
            <h1>{tr(|t| t.families_title)}</h1>
            <a href="/families/new" class="button primary">
                <span aria-hidden="true">"+"</span>
                {tr(|t| t.add_family)}
            </a>
        </div>
        {move || match rows.get() {
            None => EitherOf3::A(view! { <Loading/> }),
            Some(rows) if rows.is_empty() && !show_ended.get() => {
                EitherOf3::B(view! { <p class="empty">{tr(|t| t.no_families)}</p> })
            }
            Some(rows) => EitherOf3::C(view! {
                <ul class="cards" data-testid="family-list">
                    {rows.into_iter().map(|row| view! { <FamilyCard row/> }).collect_view()}
                </ul>
            }),
        }}
        <label class="check">
            <input type="checkbox" prop:checked=move || show_ended.get() on:change=move |_| show_ended.update(|v| *v = !*v)/>
            <span>{tr(|t| t.show_ended)}</span>
        </label>
    }
}

#[component]
fn FamilyCard(row: Row) -> impl IntoView {
    let f = row.family;
    let href = format!("/families/{}", f.id);
    let child = f.child;
    let programme = f.programme;
    let status = f.status;
    let due = row.due;
    let next = f.next_appointment;
    view! {
        <li class="card family-card" class:needs-visit=due.needs_visit()>
            <a href=href>
                <span class="card-title">{f.pseudonym.clone()}</span>
                <span class="meta">
                    {tx(move |t| (t.age)(ChildAge::on(child, today())))} " · " {tx(move |t| (t.programme_name)(programme))}
                </span>
                {(status != FamilyStatus::Active).then(|| view! {
                    <span class="badge status">{tx(move |t| (t.status_name)(status))}</span>
                })}
                <span class="due" class:late=due.needs_visit()>{tx(move |t| (t.due)(due))}</span>
                {next.map(|at| view! {
                    <span class="appointment">
                        {tx(move |t| t.next_appointment)} ": " {tx(move |t| t.appointment(at))}
                    </span>
                })}
            </a>
        </li>
    }
}
