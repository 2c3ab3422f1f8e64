//! Who is signed in on this device, and signing out — with a warning and a clear way
//! back when changes have not reached the server yet, because signing out wipes them.

use crate::components::form::{tr, tx};
use crate::diary::use_diary;
use crate::nav::use_nav;
use crate::syncing::use_syncer;
use leptos::either::Either;
use leptos::prelude::*;

/// The account panel of the settings page.
#[component]
pub fn AccountPanel() -> impl IntoView {
    let diary = use_diary();
    let syncer = use_syncer();
    let nav = use_nav();
    let account = move || {
        diary
            .db
            .with(|db| db.as_ref().and_then(|db| db.account.clone()))
    };
    let waiting = move || {
        diary
            .db
            .with(|db| db.as_ref().map_or(0, |db| db.outbox.len()))
    };
    // Which sign-out she asked for while changes were waiting: `Some(everywhere)`.
    let warned = RwSignal::new(None::<bool>);
    let sign_out = move |everywhere: bool, force: bool| {
        if waiting() > 0 && !force {
            warned.set(Some(everywhere));
            return;
        }
        warned.set(None);
        let prompts = crate::prompts::use_prompts();
        leptos::task::spawn_local(async move {
            crate::account::sign_out(diary, prompts, everywhere).await;
            syncer.status.set(crate::syncing::SyncStatus::SignedOut);
            nav.go("/login");
        });
    };
    view! {
        <section class="panel" data-testid="account-panel">
            <h2>{tr(|t| t.account.account_title)}</h2>
            {move || match account() {
                None => Either::Left(view! {
                    <p>{tr(|t| t.account.not_signed_in)}</p>
                    <a class="button primary" href="/login">{tr(|t| t.account.sign_in)}</a>
                }),
                Some(a) => Either::Right(view! {
                    <p data-testid="signed-in-as">{tx(move |t| (t.account.signed_in_as)(&a.display_name, &a.organisation))}</p>
                    <p class="hint">{tr(|t| t.account.sign_out_explain)}</p>
                    {move || warned.get().map(|everywhere| view! {
                        <div class="banner error" role="alert" data-testid="sign-out-warning">
                            <p>{tx(move |t| (t.account.sign_out_warning)(waiting()))}</p>
                            <div class="actions">
                                <button type="button" class="button primary" on:click=move |_| syncer.sync_now()>
                                    {tr(|t| t.account.sync_now)}
                                </button>
                                <button type="button" class="button danger" on:click=move |_| sign_out(everywhere, true)>
                                    {tr(|t| t.account.sign_out_anyway)}
                                </button>
                            </div>
                        </div>
                    })}
                    <crate::components::password_change::PasswordChangeForm/>
                    <div class="actions">
                        <button type="button" class="button" on:click=move |_| sign_out(false, false)>
                            {tr(|t| t.account.sign_out)}
                        </button>
                        <button type="button" class="button quiet" on:click=move |_| sign_out(true, false)>
                            {tr(|t| t.account.sign_out_everywhere)}
                        </button>
                    </div>
                }),
            }}
        </section>
    }
}
