//! The coordinator's replies as the volunteer reads them on her phone, offline too:
//! each reply is marked read the moment it is shown (that syncs back, so the
//! coordinator knows), and she may answer each once. Also how her signal of concern
//! was handled — the state and what was done, never the coordinator's note.

use super::form::{tr, tx};
use crate::diary::use_diary;
use crate::domain::clock::{local_datetime_of_ms, now_ms};
use crate::domain::limits::REPLY_MAX;
use crate::domain::{Feedback, SignalStatus, TriageState, VisitId};
use crate::store::Change;
use leptos::prelude::*;

fn when(t: &'static crate::i18n::Texts, ms: i64) -> String {
    t.appointment(local_datetime_of_ms(ms))
}

/// Marks a shown reply read on the device (queued for the server like any change),
/// once: the stored copy decides, so a redraw never writes it again.
fn mark_read(diary: crate::diary::Diary, id: crate::domain::FeedbackId) {
    let now = now_ms();
    let _ = diary.commit(move |db| {
        let current = db.feedback.get(&id)?;
        current
            .unread()
            .then(|| db.with_change(Change::Feedback(current.read_at(now)), now))
    });
}

/// One reply: who wrote it and when, the text, and her answer or the form to give it.
#[component]
pub fn ReplyItem(reply: Feedback, #[prop(optional)] href: Option<String>) -> impl IntoView {
    let diary = use_diary();
    let was_unread = reply.unread();
    let id = reply.id;
    Effect::new(move |_| untrack(|| mark_read(diary, id)));
    let (by, at) = (reply.replied_by.clone(), reply.replied_at_ms);
    let answer = RwSignal::new(String::new());
    let problem = RwSignal::new(None::<Signal<&'static str>>);
    let send = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let text = answer.get_untracked();
        let length = text.trim().chars().count();
        if length == 0 || length > REPLY_MAX {
            problem.set(Some(tr(|t| t.form_has_errors)));
            return;
        }
        problem.set(None);
        let now = now_ms();
        let _ = diary.commit(move |db| {
            let current = db.feedback.get(&id)?;
            (!current.answered())
                .then(|| db.with_change(Change::Feedback(current.answered_with(&text, now)), now))
        });
    };
    let stored = move || {
        diary
            .db
            .with(|db| db.as_ref().and_then(|db| db.feedback.get(&id).cloned()))
    };
    view! {
        <li class="card reply" data-testid="reply">
            <p class="card-meta">
                {was_unread.then(|| view! { <span class="badge new">{tr(|t| t.feedback.feedback_new)}</span> " " })}
                {tx(move |t| (t.feedback.replied_by)(&by, &when(t, at)))}
            </p>
            <p class="text">{reply.reply.clone()}</p>
            {href.map(|href| view! { <a href=href class="button small">{tr(|t| t.feedback.open_visit)}</a> })}
            {move || match stored().filter(Feedback::answered) {
                Some(f) => view! {
                    <div class="answer" data-testid="my-answer">
                        <p class="card-meta">{tr(|t| t.feedback.answer_label)}</p>
                        <p class="text">{f.answer}</p>
                    </div>
                }.into_any(),
                None => view! {
                    <form class="form answer-form" on:submit=send novalidate>
                        <label for=format!("answer-{id}")>{tr(|t| t.feedback.your_answer)}</label>
                        <textarea id=format!("answer-{id}") rows="3" maxlength="2000"
                            aria-describedby=format!("answer-{id}-hint")
                            prop:value=answer on:input=move |ev| answer.set(event_target_value(&ev))></textarea>
                        <p class="hint" id=format!("answer-{id}-hint")>{tr(|t| t.feedback.answer_hint)}</p>
                        {move || problem.get().map(|p| view! { <p class="form-error" role="alert">{p}</p> })}
                        <button type="submit" class="button primary">{tr(|t| t.feedback.answer_send)}</button>
                    </form>
                }.into_any(),
            }}
        </li>
    }
}

/// How her signal was handled: seen, and once resolved, what was done.
#[component]
pub fn SignalStatusLine(status: SignalStatus) -> impl IntoView {
    let line = tx(move |t| {
        let f = t.feedback;
        match (
            status.state,
            status.acknowledged_at_ms,
            status.resolved_at_ms,
            status.action,
        ) {
            (TriageState::Resolved, _, Some(at), Some(action)) => {
                (f.resolved_on)(&when(t, at), (f.triage_action)(action))
            }
            (TriageState::New, ..) | (_, None, ..) => (f.triage_state)(status.state).to_string(),
            (_, Some(at), ..) => (f.acknowledged_on)(&when(t, at)),
        }
    });
    view! {
        <p class="signal-status" data-testid="signal-status">
            <strong>"⚑ " {tr(|t| t.feedback.signal_handling)} ": "</strong>{line}
        </p>
    }
}

/// On a visit: how its signal was handled and the replies on it, when there are any.
#[component]
pub fn VisitFeedback(visit: VisitId) -> impl IntoView {
    let diary = use_diary();
    let replies = Memo::new(move |_| {
        diary.db.with(|db| {
            db.as_ref()
                .map(|db| {
                    db.feedback_on(visit)
                        .into_iter()
                        .cloned()
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default()
        })
    });
    let status = Memo::new(move |_| {
        diary
            .db
            .with(|db| db.as_ref().and_then(|db| db.signal_status(visit).cloned()))
    });
    // The list is drawn once per set of replies: answering does not redraw it.
    let ids = Memo::new(move |_| replies.with(|r| r.iter().map(|f| f.id).collect::<Vec<_>>()));
    view! {
        {move || status.get().map(|status| view! { <SignalStatusLine status/> })}
        {move || {
            ids.track();
            let list = replies.get_untracked();
            (!list.is_empty()).then(|| view! {
                <section class="feedback" aria-labelledby="feedback-title" data-testid="visit-feedback">
                    <h2 id="feedback-title">{tr(|t| t.feedback.feedback_title)}</h2>
                    <ol class="cards">
                        {list.into_iter().map(|reply| view! { <ReplyItem reply/> }).collect_view()}
                    </ol>
                </section>
            })
        }}
    }
}
