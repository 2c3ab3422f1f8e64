//! The one place that reads and writes browser storage (via gloo-storage). Keys are
//! namespaced under `naast:`. The whole diary is one document written with a single
//! `setItem`, so a record and its outbox entry are stored together or not at all; when
//! the quota is full the write fails as a whole and the previous document stays intact.
//! A device-lock encryption layer can wrap `read_db`/`write_db` later.

use super::schema::migrate;
use super::{LocalDb, StoreError};
use gloo_storage::errors::StorageError;
use gloo_storage::{LocalStorage, Storage};
use serde::de::DeserializeOwned;
use serde::Serialize;

/// Key of the diary document.
pub const DB_KEY: &str = "naast:db";
/// Prefix of form drafts.
pub const DRAFT_PREFIX: &str = "naast:draft:";
/// Key of the chosen interface language.
pub const LANG_KEY: &str = "naast:lang";
/// Key of the conversation catalogue.
pub const CATALOGUE_KEY: &str = "naast:catalogue";
/// Key of the starred prompts.
pub const FAVOURITES_KEY: &str = "naast:favourites";

fn map_error(err: StorageError) -> StoreError {
    match err {
        StorageError::JsError(js) if js.name.contains("Quota") => StoreError::Full,
        StorageError::JsError(js) => {
            StoreError::Unavailable(format!("{}: {}", js.name, js.message))
        }
        StorageError::SerdeError(e) => StoreError::Corrupt(e.to_string()),
        StorageError::KeyNotFound(k) => StoreError::Unavailable(k),
    }
}

fn raw_item(key: &str) -> Option<String> {
    LocalStorage::raw().get_item(key).ok().flatten()
}

/// Loads the diary, migrating older formats. A document that cannot be read is set
/// aside under another key (never overwritten) and an empty diary is started.
pub fn read_db() -> Result<LocalDb, StoreError> {
    let Some(raw) = raw_item(DB_KEY) else {
        let fresh = LocalDb::default();
        write_db(&fresh)?;
        return Ok(fresh);
    };
    match migrate(&raw) {
        Err(StoreError::Corrupt(reason)) => {
            let aside = format!("naast:unreadable:{}", crate::domain::clock::now_ms());
            LocalStorage::raw()
                .set_item(&aside, &raw)
                .map_err(|_| StoreError::Full)?;
            LocalStorage::delete(DB_KEY);
            Err(StoreError::Corrupt(reason))
        }
        other => other,
    }
}

/// Writes the whole diary in one `setItem`: all of it or nothing.
pub fn write_db(db: &LocalDb) -> Result<(), StoreError> {
    LocalStorage::set(DB_KEY, db).map_err(map_error)
}

/// Reads a form draft, if one is kept under `name`.
pub fn read_draft<T: DeserializeOwned>(name: &str) -> Option<T> {
    LocalStorage::get(format!("{DRAFT_PREFIX}{name}")).ok()
}

/// Keeps a form draft under `name`; a full quota is reported, never fatal.
pub fn write_draft<T: Serialize>(name: &str, draft: &T) -> Result<(), StoreError> {
    LocalStorage::set(format!("{DRAFT_PREFIX}{name}"), draft).map_err(map_error)
}

/// Forgets the draft under `name` (after a successful save or a discard).
pub fn remove_draft(name: &str) {
    LocalStorage::delete(format!("{DRAFT_PREFIX}{name}"));
}

/// The interface language chosen on this device, if any.
pub fn read_lang() -> Option<String> {
    LocalStorage::get(LANG_KEY).ok()
}

/// Remembers the interface language.
pub fn write_lang(code: &str) {
    let _ = LocalStorage::set(LANG_KEY, code);
}

/// The conversation catalogue kept on this device, if any.
pub fn read_catalogue() -> Option<crate::prompts::StoredCatalogue> {
    LocalStorage::get(CATALOGUE_KEY).ok()
}

/// Keeps the conversation catalogue (one `setItem`; a full quota keeps the old copy).
pub fn write_catalogue(stored: &crate::prompts::StoredCatalogue) -> Result<(), StoreError> {
    LocalStorage::set(CATALOGUE_KEY, stored).map_err(map_error)
}

/// The ids of the prompts she starred.
pub fn read_favourites() -> std::collections::BTreeSet<String> {
    LocalStorage::get(FAVOURITES_KEY).unwrap_or_default()
}

/// Remembers the starred prompts.
pub fn write_favourites(ids: &std::collections::BTreeSet<String>) {
    let _ = LocalStorage::set(FAVOURITES_KEY, ids);
}

/// Wipes the diary, drafts, catalogue and favourites from this device (signing out).
pub fn wipe() {
    let storage = LocalStorage::raw();
    let keys: Vec<String> = (0..LocalStorage::length())
        .filter_map(|i| storage.key(i).ok().flatten())
        .filter(|k| {
            k == DB_KEY
                || k == CATALOGUE_KEY
                || k == FAVOURITES_KEY
                || k.starts_with(DRAFT_PREFIX)
                || k.starts_with("naast:unreadable:")
        })
        .collect();
    for key in keys {
        LocalStorage::delete(key);
    }
}
