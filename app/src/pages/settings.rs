//! Language and what is stored on this device.

use crate::components::form::{tr, tx};
use crate::diary::use_diary;
use crate::i18n::{use_locale, use_texts, Locale};
use leptos::prelude::*;

/// Settings: interface language (remembered) and device storage state.
#[component]
pub fn SettingsPage() -> impl IntoView {
    let locale = use_locale();
    let diary = use_diary();
    let t = use_texts();
    let persisted = RwSignal::new(None::<bool>);
    Effect::new(move |_| persisted.set(crate::pwa::storage_persisted()));
    let pending = move || {
        diary
            .db
            .with(|db| db.as_ref().map(|db| db.outbox.len()).unwrap_or(0))
    };
    view! {
        <h1>{tr(|t| t.settings_title)}</h1>
        <fieldset class="field">
            <legend>{tr(|t| t.language)}</legend>
            <div class="segmented">
                {Locale::ALL
                    .into_iter()
                    .map(|l| view! {
                        <label class:on=move || locale.get() == l lang=l.code()>
                            <input type="radio" name="language" value=l.code() prop:checked=move || locale.get() == l
                                on:change=move |_| crate::app::choose_locale(locale, l)/>
                            <span>{l.texts().language_name}</span>
                        </label>
                    })
                    .collect_view()}
            </div>
        </fieldset>
        <crate::components::account_panel::AccountPanel/>
        <crate::components::sync_status::SyncPanel/>
        <section class="panel">
            <h2>{tr(|t| t.device_storage)}</h2>
            <p>{move || match persisted.get() {
                Some(true) => t.get().storage_persistent,
                _ => t.get().storage_not_persistent,
            }}</p>
            <p data-testid="pending">{tx(move |t| (t.pending_changes)(pending()))}</p>
        </section>
    }
}
