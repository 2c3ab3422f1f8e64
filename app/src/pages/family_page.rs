//! One family: who she is, when the next visit is due, and the timeline of visits.

use crate::components::form::{tr, tx};
use crate::components::layout::Loading;
use crate::components::visit_card::VisitCard;
use crate::diary::{use_diary, Notice};
use crate::domain::age::ChildAge;
use crate::domain::clock::{now_ms, today};
use crate::domain::{Family, FamilyId, FamilyStatus, VisitId};
use crate::i18n::use_texts;
use crate::store::Change;
use leptos::either::{Either, EitherOf3};
use leptos::prelude::*;

/// The family's page.
#[component]
pub fn FamilyPage(id: FamilyId) -> impl IntoView {
    let diary = use_diary();
    let family = Memo::new(move |_| {
        diary
            .db
            .with(|db| db.as_ref().map(|db| db.family(id).cloned()))
    });
    move || match family.get() {
        None if !diary.ready() => EitherOf3::A(view! { <Loading/> }),
        Some(Some(f)) => EitherOf3::B(view! { <FamilyDetails family=f/> }),
        _ => EitherOf3::C(view! { <p class="empty">{tr(|t| t.not_found)}</p> }),
    }
}

#[component]
fn FamilyDetails(family: Family) -> impl IntoView {
    let diary = use_diary();
    let t = use_texts();
    let id = family.id;
    let visits = Memo::new(move |_| {
        diary.db.with(|db| {
            db.as_ref()
                .map(|db| db.visits_of(id).into_iter().cloned().collect::<Vec<_>>())
                .unwrap_or_default()
        })
    });
    let due = Memo::new(move |_| {
        diary.db.with(|db| {
            db.as_ref()
                .and_then(|db| db.family(id).map(|f| f.due(db.visits.values(), today())))
        })
    });
    // After a save, the visit she just wrote is brought into view, clear of the notice.
    Effect::new(move |_| {
        if let Some(Notice::VisitSaved(saved)) = diary.notice.get() {
            show_saved_visit(saved);
        }
    });
    let end_support = {
        let family = family.clone();
        move |_| {
            let confirmed = crate::web::confirm(t.get_untracked().end_support_confirm);
            if confirmed {
                let ended = Family {
                    status: FamilyStatus::Ended,
                    ended_on: Some(today()),
                    updated_at_ms: now_ms(),
                    ..family.clone()
                };
                if diary
                    .commit(|db| Some(db.with_change(Change::Family(ended), now_ms())))
                    .is_ok()
                {
                    diary.notice.set(Some(Notice::FamilySaved));
                }
            }
        }
    };
    let child = family.child;
    let programme = family.programme;
    let cadence = family.cadence;
    let status = family.status;
    let languages = family.languages.clone();
    let next = family.next_appointment;
    let ended_on = family.ended_on;
    let shares_notes = family.shares_notes;
    view! {
        <div class="page-head">
            <h1>{family.pseudonym.clone()}</h1>
            <a href=format!("/families/{id}/edit") class="button small">{tr(|t| t.edit)}</a>
        </div>
        <dl class="facts">
            <div><dt>{tr(|t| t.child)}</dt><dd>{tx(move |t| (t.age)(ChildAge::on(child, today())))}</dd></div>
            <div><dt>{tr(|t| t.programme)}</dt><dd>{tx(move |t| (t.programme_name)(programme))}</dd></div>
            <div><dt>{tr(|t| t.cadence)}</dt><dd>{tx(move |t| (t.cadence_name)(cadence))}</dd></div>
            <div><dt>{tr(|t| t.status)}</dt><dd>{tx(move |t| (t.status_name)(status))}</dd></div>
            <div>
                <dt>{tr(|t| t.languages)}</dt>
                <dd>{tx(move |t| languages.iter().map(|c| (t.language_of)(c)).collect::<Vec<_>>().join(", "))}</dd>
            </div>
            <div>
                <dt>{tr(|t| t.next_appointment)}</dt>
                <dd>{tx(move |t| next.map(|at| t.appointment(at)).unwrap_or_else(|| t.no_appointment.to_string()))}</dd>
            </div>
            {ended_on.map(|d| view! { <div><dt>{tr(|t| t.support_ended_on)}</dt><dd>{tx(move |t| t.date(d))}</dd></div> })}
            <div>
                <dt>{tr(|t| t.feedback.shares_notes)}</dt>
                <dd data-testid="shares-notes">{tx(move |t| match shares_notes {
                    true => t.feedback.shares_notes_yes,
                    false => t.feedback.shares_notes_no,
                })}</dd>
            </div>
        </dl>
        <p class="due" class:late=move || due.get().is_some_and(|d| d.needs_visit())>
            {tx(move |t| due.get().map(|d| (t.due)(d)).unwrap_or_default())}
        </p>
        <div class="actions">
            <a href=format!("/families/{id}/visits/new") class="button primary">
                <span aria-hidden="true">"+"</span>
                {tr(|t| t.add_visit)}
            </a>
        </div>
        <h2>{tr(|t| t.timeline)}</h2>
        {move || {
            let visits = visits.get();
            if visits.is_empty() {
                Either::Left(view! { <p class="empty">{tr(|t| t.no_visits)}</p> })
            } else {
                Either::Right(view! {
                    <ol class="cards timeline" data-testid="timeline">
                        {visits.into_iter().map(|visit| view! { <VisitCard visit/> }).collect_view()}
                    </ol>
                })
            }
        }}
        {move || (status != FamilyStatus::Ended).then(|| view! {
            <button type="button" class="button quiet" on:click=end_support.clone()>{tr(|t| t.end_support)}</button>
        })}
    }
}

/// Scrolls the card of a just-saved visit to the middle of the screen and marks it.
fn show_saved_visit(id: VisitId) {
    #[cfg(target_arch = "wasm32")]
    request_animation_frame(move || {
        let Some(card) = document().get_element_by_id(&format!("visit-{id}")) else {
            return;
        };
        let options = web_sys::ScrollIntoViewOptions::new();
        options.set_block(web_sys::ScrollLogicalPosition::Center);
        card.scroll_into_view_with_scroll_into_view_options(&options);
        let _ = card.class_list().add_1("just-saved");
    });
    #[cfg(not(target_arch = "wasm32"))]
    let _ = id;
}
