//! Never lose a half-written form. The raw form input lives in a signal; every change is
//! written to browser storage as a draft (synchronously, so a closed tab or a killed app
//! keeps it), and opening the form again brings the draft back.

use crate::components::form::tr;
use crate::diary::use_diary;
use crate::store::browser::{read_draft, remove_draft, write_draft};
use crate::store::LocalDb;
use leptos::prelude::*;
use serde::{de::DeserializeOwned, Serialize};

/// A form whose input survives reloads.
pub struct Draft<T: Send + Sync + 'static> {
    /// The raw input, bound to the controls.
    pub form: RwSignal<T>,
    /// True when an earlier draft was brought back.
    pub restored: RwSignal<bool>,
    /// False until the store is read and the form filled; also false when the record
    /// the form is about does not exist.
    pub ready: RwSignal<bool>,
    /// True when the record the form edits does not exist.
    pub missing: RwSignal<bool>,
    key: RwSignal<String>,
    baseline: RwSignal<Option<T>>,
}

impl<T: Send + Sync + 'static> Clone for Draft<T> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<T: Send + Sync + 'static> Copy for Draft<T> {}

impl<T> Draft<T>
where
    T: Clone + PartialEq + Default + Serialize + DeserializeOwned + Send + Sync + 'static,
{
    /// Sets up the form. `key` names the draft (it includes the record id);
    /// `initial` gives the untouched form for the current store, or `None` when the
    /// record does not exist.
    pub fn new(
        key: impl Fn() -> String + Send + Sync + 'static,
        initial: impl Fn(&LocalDb) -> Option<T> + Send + Sync + 'static,
    ) -> Self {
        let diary = use_diary();
        let draft = Draft {
            form: RwSignal::new(T::default()),
            restored: RwSignal::new(false),
            ready: RwSignal::new(false),
            missing: RwSignal::new(false),
            key: RwSignal::new(String::new()),
            baseline: RwSignal::new(None),
        };
        Effect::new(move |_| {
            let key = key();
            if !diary.ready() || draft.key.get_untracked() == key {
                return;
            }
            draft.key.set(key.clone());
            let Some(base) = diary.db.with_untracked(|db| db.as_ref().and_then(&initial)) else {
                draft.missing.set(true);
                return;
            };
            match read_draft::<T>(&key) {
                Some(saved) if saved != base => {
                    draft.form.set(saved);
                    draft.restored.set(true);
                }
                _ => draft.form.set(base.clone()),
            }
            draft.baseline.set(Some(base));
            draft.missing.set(false);
            draft.ready.set(true);
        });
        Effect::new(move |_| {
            let current = draft.form.get();
            if !draft.ready.get_untracked() {
                return;
            }
            let key = draft.key.get_untracked();
            if draft
                .baseline
                .with_untracked(|b| b.as_ref() == Some(&current))
            {
                remove_draft(&key);
            } else {
                let _ = write_draft(&key, &current);
            }
        });
        draft
    }

    /// Throws the draft away and shows the untouched form again.
    pub fn discard(&self) {
        remove_draft(&self.key.get_untracked());
        if let Some(base) = self.baseline.get_untracked() {
            self.form.set(base);
        }
        self.restored.set(false);
    }

    /// Forgets the draft after a successful save.
    pub fn finish(&self) {
        let key = self.key.get_untracked();
        self.baseline.set(Some(self.form.get_untracked()));
        remove_draft(&key);
    }
}

/// Tells her a draft came back, with a way to start over.
#[component]
pub fn DraftNotice<T>(draft: Draft<T>) -> impl IntoView
where
    T: Clone
        + PartialEq
        + Default
        + serde::Serialize
        + serde::de::DeserializeOwned
        + Send
        + Sync
        + 'static,
{
    view! {
        {move || (draft.restored.get()).then(|| view! {
            <div class="banner info" role="status" data-testid="draft-restored">
                <span>{tr(|t| t.draft_restored)}</span>
                <button type="button" class="link-button" on:click=move |_| draft.discard()>{tr(|t| t.discard_draft)}</button>
            </div>
        })}
    }
}
