//! Feedback to the volunteer on the visit page: the replies so far, whether she read
//! each, her answers, and a form for a new reply. The reply's id is made here, so a
//! retried send is stored once.

use super::i18n::{dr, dx};
use crate::api::FeedbackDraft;
use crate::components::layout::LoadProblem;
use crate::domain::clock::local_datetime_of_ms;
use crate::domain::limits::REPLY_MAX;
use crate::domain::{Feedback, FeedbackId};
use leptos::prelude::*;

fn when(t: &'static crate::i18n::Texts, ms: i64) -> String {
    t.appointment(local_datetime_of_ms(ms))
}

/// One reply with its read state and the volunteer's answer.
fn reply_item(f: Feedback, volunteer: String) -> impl IntoView {
    let (by, at, read) = (f.replied_by.clone(), f.replied_at_ms, f.read_at_ms);
    let answer = f
        .answered_at_ms
        .filter(|_| f.answered())
        .map(|at| (at, f.answer.clone()));
    view! {
        <li class="card reply">
            <p class="card-meta">{dx(move |t, _| (t.feedback.replied_by)(&by, &when(t, at)))}</p>
            <p class="text">{f.reply}</p>
            <p class="meta" data-testid="reply-read">{dx(move |t, d| match read {
                Some(ms) => (d.signals.read_on)(&when(t, ms)),
                None => d.signals.not_read.to_string(),
            })}</p>
            {answer.map(|(at, text)| view! {
                <div class="answer" data-testid="answer">
                    <p class="card-meta">{dx(move |t, d| (d.signals.answer_from)(&volunteer, &when(t, at)))}</p>
                    <p class="text">{text}</p>
                </div>
            })}
        </li>
    }
}

/// The thread on a visit and the form for a new reply.
#[component]
pub fn FeedbackThread(
    visit_id: String,
    volunteer: String,
    replies: Vec<Feedback>,
) -> impl IntoView {
    let replies = RwSignal::new(replies);
    let text = RwSignal::new(String::new());
    let problem = RwSignal::new(None::<String>);
    let local_error = RwSignal::new(None::<Signal<&'static str>>);
    let draft_id = RwSignal::new(FeedbackId::new());
    let sending = RwSignal::new(false);
    let session = super::session::use_session();
    let send = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let reply = text.get_untracked();
        let length = reply.trim().chars().count();
        if length == 0 {
            local_error.set(Some(dr(|d| d.signals.reply_required)));
            return;
        }
        if length > REPLY_MAX {
            local_error.set(Some(dr(|d| d.signals.reply_too_long)));
            return;
        }
        local_error.set(None);
        sending.set(true);
        let draft = FeedbackDraft {
            id: draft_id.get_untracked(),
            reply,
        };
        let path = format!("/visits/{visit_id}/feedback");
        let csrf = session.info().map(|i| i.csrf);
        leptos::task::spawn_local(async move {
            match crate::net::Call::post(path, &draft, csrf)
                .json::<Feedback>()
                .await
            {
                Ok(stored) => {
                    replies.update(|r| {
                        r.retain(|f| f.id != stored.id);
                        r.push(stored);
                    });
                    text.set(String::new());
                    draft_id.set(FeedbackId::new());
                    problem.set(None);
                }
                // The same id is sent again on a retry: it is stored once.
                Err(err) => problem.set(Some(err.code().to_string())),
            }
            sending.set(false);
        });
    };
    view! {
        <section class="feedback" aria-labelledby="feedback-title">
            <h2 id="feedback-title">{dr(|d| d.signals.feedback_title)}</h2>
            {move || {
                let list = replies.get();
                let volunteer = volunteer.clone();
                match list.is_empty() {
                    true => view! { <p class="empty">{dr(|d| d.signals.no_feedback)}</p> }.into_any(),
                    false => view! {
                        <ol class="cards" data-testid="feedback-thread">
                            {list.into_iter().map(|f| reply_item(f, volunteer.clone())).collect_view()}
                        </ol>
                    }.into_any(),
                }
            }}
            <form class="form" on:submit=send novalidate>
                <label for="reply">{dr(|d| d.signals.write_reply)}</label>
                <textarea id="reply" rows="4" maxlength="2000" aria-describedby="reply-hint"
                    prop:value=text on:input=move |ev| text.set(event_target_value(&ev))></textarea>
                <p class="hint" id="reply-hint">{dr(|d| d.signals.reply_hint)}</p>
                {move || local_error.get().map(|e| view! { <p class="form-error" role="alert">{e}</p> })}
                {move || problem.get().map(|code| view! { <LoadProblem code/> })}
                <div class="actions">
                    <button type="submit" class="button primary" disabled=sending>{dr(|d| d.signals.send_reply)}</button>
                </div>
            </form>
        </section>
    }
}
