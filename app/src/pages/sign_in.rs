//! Signing in, and the one-time links: setting up a new organisation, accepting an
//! invite, choosing a new password after a reset. All of them end signed in.

use crate::account::complete_sign_in;
use crate::api::{FieldProblem, LinkInfo, LinkKind, LoginRequest, RedeemRequest, SessionInfo};
use crate::components::form::{bind, tr, tx, TextInput};
use crate::components::layout::Loading;
use crate::diary::use_diary;
use crate::nav::use_nav;
use crate::net::{load, ApiFailure, Call};
use crate::syncing::use_syncer;
use leptos::either::EitherOf3;
use leptos::prelude::*;

/// A form's failure: the problem code and its field reasons.
#[derive(Clone, Debug, Default, PartialEq)]
struct Failure {
    code: Option<String>,
    fields: Vec<FieldProblem>,
}

impl Failure {
    fn from(failure: ApiFailure) -> Failure {
        match failure {
            ApiFailure::Offline => Failure {
                code: Some("offline".into()),
                fields: vec![],
            },
            ApiFailure::Problem(p) => Failure {
                code: Some(p.code),
                fields: p.errors,
            },
        }
    }
}

/// The translated message of one field, if the server named it.
fn field_error(failure: RwSignal<Failure>, field: &'static str) -> Signal<Option<String>> {
    let t = crate::i18n::use_texts();
    Signal::derive(move || {
        failure.with(|f| {
            f.fields
                .iter()
                .find(|p| p.field == field)
                .map(|p| (t.get().account.form_problem)(&p.code).to_string())
        })
    })
}

/// Sends a sign-in or link form; on success stores the session and moves on.
fn submit(call: Call<'static>, failure: RwSignal<Failure>, busy: RwSignal<bool>) {
    let diary = use_diary();
    let syncer = use_syncer();
    let nav = use_nav();
    busy.set(true);
    leptos::task::spawn_local(async move {
        let answer = call.json::<SessionInfo>().await;
        busy.set(false);
        match answer.map_err(Failure::from).and_then(|info| {
            complete_sign_in(diary, syncer, info).map_err(|_| Failure {
                code: Some("colleague".into()),
                fields: vec![],
            })
        }) {
            Ok(next) => nav.go(next),
            Err(f) => failure.set(f),
        }
    });
}

/// The form-level message of a failure.
#[component]
fn FailureMessage(failure: RwSignal<Failure>) -> impl IntoView {
    let t = crate::i18n::use_texts();
    let message = move || {
        failure.with(|f| {
            f.code.as_deref().map(|code| match code {
                "colleague" => t.get().account.other_person_unsynced,
                "invalid" => t.get().form_has_errors,
                code => (t.get().account.problem)(code),
            })
        })
    };
    view! {
        {move || message().map(|m| view! { <p class="form-error" role="alert" data-testid="form-problem">{m}</p> })}
    }
}

/// `/login`.
#[component]
pub fn LoginPage() -> impl IntoView {
    let username = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let failure = RwSignal::new(Failure::default());
    let busy = RwSignal::new(false);
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let form = LoginRequest {
            username: username.get_untracked(),
            password: password.get_untracked(),
        };
        submit(Call::post("/session", &form, None), failure, busy);
    };
    view! {
        <h1>{tr(|t| t.account.sign_in_title)}</h1>
        <form class="form" on:submit=on_submit>
            <FailureMessage failure/>
            <TextInput id="username" label=tr(|t| t.account.username) autocomplete="username" required=true
                value=username.into() on_input=Callback::new(move |v| username.set(v)) error=Signal::derive(|| None)/>
            <TextInput id="password" kind="password" label=tr(|t| t.account.password) autocomplete="current-password"
                required=true value=password.into() on_input=Callback::new(move |v| password.set(v)) error=Signal::derive(|| None)/>
            <div class="actions">
                <button type="submit" class="button primary" disabled=move || busy.get()>{tr(|t| t.account.sign_in)}</button>
            </div>
        </form>
    }
}

/// `/welcome/{code}`: uses a setup, invite or reset link.
#[component]
pub fn WelcomePage(code: String) -> impl IntoView {
    let link = {
        let code = code.clone();
        load::<LinkInfo>(move || format!("/links/{code}"))
    };
    view! {
        {move || match link.get() {
            None => EitherOf3::A(view! { <Loading/> }),
            Some(Err(problem)) => EitherOf3::B(view! {
                <h1>"Naast"</h1>
                <p class="form-error" role="alert">{tx(move |t| (t.account.problem)(&problem))}</p>
                <a class="button" href="/login">{tr(|t| t.account.sign_in)}</a>
            }),
            Some(Ok(info)) => EitherOf3::C(view! { <WelcomeForm info code=code.clone()/> }),
        }}
    }
}

#[component]
fn WelcomeForm(info: LinkInfo, code: String) -> impl IntoView {
    let form = RwSignal::new(RedeemRequest::default());
    let failure = RwSignal::new(Failure::default());
    let busy = RwSignal::new(false);
    let kind = info.kind;
    let title = {
        let (org, user) = (
            info.organisation.unwrap_or_default(),
            info.username.unwrap_or_default(),
        );
        tx(move |t| match kind {
            LinkKind::Setup => t.account.welcome_setup.to_string(),
            LinkKind::Invite => (t.account.welcome_invite)(&org),
            LinkKind::Reset => (t.account.welcome_reset)(&user),
        })
    };
    let (organisation, set_organisation) = bind(form, |f| &mut f.organisation);
    let (display_name, set_display_name) = bind(form, |f| &mut f.display_name);
    let (username, set_username) = bind(form, |f| &mut f.username);
    let (password, set_password) = bind(form, |f| &mut f.password);
    let t = crate::i18n::use_texts();
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let call = Call::post(format!("/links/{code}"), &form.get_untracked(), None);
        submit(call, failure, busy);
    };
    let new_person = kind != LinkKind::Reset;
    view! {
        <h1>{title}</h1>
        <form class="form" on:submit=on_submit novalidate>
            <FailureMessage failure/>
            {(kind == LinkKind::Setup).then(|| view! {
                <TextInput id="organisation" label=tr(|t| t.account.organisation_name) required=true
                    value=organisation on_input=set_organisation error=field_error(failure, "organisation")/>
            })}
            {new_person.then(|| view! {
                <TextInput id="display_name" label=tr(|t| t.account.display_name) required=true
                    value=display_name on_input=set_display_name error=field_error(failure, "display_name")/>
                <TextInput id="username" label=tr(|t| t.account.username) hint=tr(|t| t.account.username_hint)
                    autocomplete="username" required=true value=username on_input=set_username error=field_error(failure, "username")/>
            })}
            <TextInput id="password" kind="password" label=tr(|t| t.account.password) hint=tr(|t| t.account.password_hint)
                autocomplete="new-password" required=true value=password on_input=set_password error=field_error(failure, "password")/>
            <div class="actions">
                <button type="submit" class="button primary" disabled=move || busy.get()>
                    {move || if new_person { t.get().account.continue_label } else { t.get().save }}
                </button>
            </div>
        </form>
    }
}
