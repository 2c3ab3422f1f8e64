//! The diary as the pages see it: the device store loaded after hydration, one
//! `commit` that writes a change (record and outbox entry) atomically before showing
//! it, and the notices that follow a save or a failure.
//!
//! Several tabs (or windows of the installed app) share one stored diary. A commit
//! therefore applies its change to the diary *as stored now*, never to this tab's
//! older copy, and every tab follows the others' writes through the `storage` event:
//! no tab overwrites what another one saved.

use crate::domain::VisitId;
use crate::store::{LocalDb, StoreError};
use leptos::prelude::*;

/// A short-lived message after an action, optionally undoable.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Notice {
    /// A visit was saved (or brought back): the family's timeline shows it.
    VisitSaved(VisitId),
    /// A family was saved.
    FamilySaved,
    /// A visit was deleted; it can be brought back.
    VisitDeleted(VisitId),
}

/// Shared handle to the device store; cheap to copy into closures.
#[derive(Clone, Copy)]
pub struct Diary {
    /// `None` until the store has been read (only in the browser, after hydration).
    pub db: RwSignal<Option<LocalDb>>,
    /// The last storage problem, shown in a banner until the next successful write.
    pub error: RwSignal<Option<StoreError>>,
    /// The notice shown at the bottom of the screen.
    pub notice: RwSignal<Option<Notice>>,
}

impl Diary {
    /// Creates the handle and makes it available to every component.
    pub fn provide() -> Diary {
        let diary = Diary {
            db: RwSignal::new(None),
            error: RwSignal::new(None),
            notice: RwSignal::new(None),
        };
        provide_context(diary);
        diary
    }

    /// Reads the device store; call from an effect, never during server rendering.
    pub fn load(&self) {
        match crate::store::browser::read_db() {
            Ok(db) => match db.own_records_only() {
                // Stored first: a device that cannot store it keeps what it had.
                Some(own) if crate::store::browser::write_db(&own).is_ok() => {
                    self.db.set(Some(own))
                }
                _ => self.db.set(Some(db)),
            },
            Err(StoreError::Corrupt(reason)) => {
                self.error.set(Some(StoreError::Corrupt(reason)));
                self.db.set(Some(LocalDb::default()));
            }
            Err(other) => self.error.set(Some(other)),
        }
    }

    /// Keeps this tab's copy in step with the stored diary when another tab (or window)
    /// writes it, so her lists show what she saved elsewhere and the sync loop pushes it.
    pub fn follow_other_tabs(&self) {
        #[cfg(target_arch = "wasm32")]
        {
            let diary = *self;
            let handle = window_event_listener(leptos::ev::storage, move |ev| {
                let key = ev.key();
                if key.is_none() || key.as_deref() == Some(crate::store::browser::DB_KEY) {
                    diary.load();
                }
            });
            on_cleanup(move || handle.remove());
        }
    }

    /// The diary as stored now (another tab may have written since this one read it);
    /// this tab's copy when storage cannot be read. A diary written by a newer version
    /// of Naast is refused.
    fn current(&self) -> Result<Option<LocalDb>, StoreError> {
        #[cfg(target_arch = "wasm32")]
        if self.db.with_untracked(Option::is_some) {
            match crate::store::browser::read_db() {
                Ok(db) => return Ok(Some(db)),
                Err(err @ StoreError::NewerSchema { .. }) => return Err(err),
                Err(_) => {}
            }
        }
        Ok(self.db.get_untracked())
    }

    /// True once the store has been read.
    pub fn ready(&self) -> bool {
        self.db.with(Option::is_some)
    }

    /// Applies `change` to a copy of the store and writes it in one go; only when the
    /// write succeeded does the screen show the new state. On failure nothing changes
    /// and the error is returned (and shown).
    pub fn commit(
        &self,
        change: impl FnOnce(&LocalDb) -> Option<LocalDb>,
    ) -> Result<(), StoreError> {
        if let Some(err @ StoreError::NewerSchema { .. }) = self.error.get_untracked() {
            return Err(err);
        }
        let current = self
            .current()
            .inspect_err(|err| self.error.set(Some(err.clone())))?;
        let Some(next) = current.as_ref().and_then(change) else {
            return Ok(());
        };
        match crate::store::browser::write_db(&next) {
            Ok(()) => {
                self.db.set(Some(next));
                self.error.set(None);
                Ok(())
            }
            Err(err) => {
                self.error.set(Some(err.clone()));
                Err(err)
            }
        }
    }
}

/// The diary provided by the app root.
pub fn use_diary() -> Diary {
    expect_context::<Diary>()
}
