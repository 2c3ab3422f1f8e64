//! Changing her own password on the settings page: her current one and a new one,
//! checked by the server (at least 12 characters, not easy to guess); her other devices
//! are signed out.

use crate::account::csrf_token;
use crate::api::PasswordChange;
use crate::components::form::{tr, TextInput};
use crate::diary::use_diary;
use crate::i18n::use_texts;
use crate::net::{ApiFailure, Call};
use leptos::prelude::*;

/// What came of the last attempt.
#[derive(Clone, Debug, PartialEq)]
enum Outcome {
    Changed,
    /// The problem code, and field problems `(field, code)`.
    Refused(String, Vec<(String, String)>),
}

/// The form, behind a button so the settings page stays short.
#[component]
pub fn PasswordChangeForm() -> impl IntoView {
    let diary = use_diary();
    let t = use_texts();
    let open = RwSignal::new(false);
    let current = RwSignal::new(String::new());
    let new = RwSignal::new(String::new());
    let outcome = RwSignal::new(None::<Outcome>);
    let field_error = move |field: &'static str| {
        Signal::derive(move || match outcome.get() {
            Some(Outcome::Refused(_, fields)) => fields
                .iter()
                .find(|(f, _)| f == field)
                .map(|(_, code)| (t.get().account.form_problem)(code).to_string()),
            _ => None,
        })
    };
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let form = PasswordChange {
            current_password: current.get_untracked(),
            new_password: new.get_untracked(),
        };
        let call = Call::post("/session/password", &form, csrf_token(diary));
        leptos::task::spawn_local(async move {
            outcome.set(Some(match call.send().await {
                Ok(_) => {
                    current.set(String::new());
                    new.set(String::new());
                    Outcome::Changed
                }
                Err(ApiFailure::Problem(p)) => Outcome::Refused(
                    p.code,
                    p.errors.into_iter().map(|e| (e.field, e.code)).collect(),
                ),
                Err(ApiFailure::Offline) => Outcome::Refused("offline".into(), vec![]),
            }));
        });
    };
    view! {
        <button type="button" class="button quiet" aria-expanded=move || open.get().to_string()
            on:click=move |_| open.update(|o| *o = !*o)>
            {tr(|t| t.account.change_password)}
        </button>
        {move || open.get().then(|| view! {
            <form class="form" on:submit=submit data-testid="password-change">
                {move || match outcome.get() {
                    Some(Outcome::Changed) => Some(view! {
                        <p class="notice-line" role="status">{tr(|t| t.account.password_changed)}</p>
                    }.into_any()),
                    Some(Outcome::Refused(code, fields)) if fields.is_empty() => Some(view! {
                        <p class="form-error" role="alert">{move || (t.get().account.problem)(&code)}</p>
                    }.into_any()),
                    _ => None,
                }}
                <TextInput id="current_password" kind="password" label=tr(|t| t.account.current_password)
                    autocomplete="current-password" required=true value=current.into()
                    on_input=Callback::new(move |v| current.set(v)) error=field_error("current_password")/>
                <TextInput id="new_password" kind="password" label=tr(|t| t.account.new_password)
                    hint=tr(|t| t.account.password_hint) autocomplete="new-password" required=true value=new.into()
                    on_input=Callback::new(move |v| new.set(v)) error=field_error("new_password")/>
                <div class="actions">
                    <button type="submit" class="button primary">{tr(|t| t.save)}</button>
                </div>
            </form>
        })}
    }
}
