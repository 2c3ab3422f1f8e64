//! `/feedback`: every reply of her coordinator on her visits, newest first, each with
//! the visit it is about; new ones are marked and count in the navigation until shown.

use crate::components::feedback::ReplyItem;
use crate::components::form::{tr, tx};
use crate::components::layout::Loading;
use crate::diary::use_diary;
use leptos::prelude::*;

/// The list of replies.
#[component]
pub fn FeedbackPage() -> impl IntoView {
    let diary = use_diary();
    // Drawn once when the diary is there: reading marks replies read, which must not
    // take their "new" mark away while she looks at them.
    let ready = Memo::new(move |_| diary.db.with(Option::is_some));
    view! {
        <h1>{tr(|t| t.feedback.feedback_title)}</h1>
        {move || {
            if !ready.get() {
                return view! { <Loading/> }.into_any();
            }
            let items = diary.db.with_untracked(|db| {
                let Some(db) = db.as_ref() else { return Vec::new() };
                db.all_feedback()
                    .into_iter()
                    .map(|f| {
                        let visit = db.visit(f.visit_id);
                        let href = visit.map(|v| format!("/families/{}/visits/{}", v.family_id, v.id));
                        let about = visit.map(|v| {
                            let family = db.family(v.family_id).map(|f| f.pseudonym.clone()).unwrap_or_default();
                            (family, v.date)
                        });
                        (f.clone(), href, about)
                    })
                    .collect::<Vec<_>>()
            });
            if items.is_empty() {
                return view! { <p class="empty">{tr(|t| t.feedback.feedback_none)}</p> }.into_any();
            }
            view! {
                <ol class="cards" data-testid="feedback-list">
                    {items.into_iter().map(|(reply, href, about)| view! {
                        {about.map(|(family, date)| view! {
                            <li class="list-head"><h2>{family} " · " {tx(move |t| t.day(date))}</h2></li>
                        })}
                        <ReplyItem reply href=href.unwrap_or_default()/>
                    }).collect_view()}
                </ol>
            }
            .into_any()
        }}
    }
}
