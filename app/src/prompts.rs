//! The conversation catalogue on the device: the copy of her organisation's prompts and
//! picture stories (kept in browser storage, refreshed by every sync when its version
//! changed), the pictures kept in Cache Storage so show mode works with no connection,
//! and the prompts she starred.

use crate::api::CatalogueResponse;
use crate::domain::Catalogue;
use crate::net::{ApiFailure, Call};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;

/// Name of the Cache Storage cache that holds the story pictures (the service worker
/// answers picture requests from it).
pub const PICTURE_CACHE: &str = "naast-pictures";

/// The catalogue as stored on the device, with the account it was fetched for (none:
/// the starter catalogue every device may read).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StoredCatalogue {
    /// User id of the account it belongs to.
    pub owner: Option<String>,
    /// The catalogue.
    pub catalogue: Catalogue,
}

/// The catalogue and favourites, shared through context.
#[derive(Clone, Copy)]
pub struct Prompts {
    /// The device's catalogue; `None` before the first sync.
    pub catalogue: RwSignal<Option<Catalogue>>,
    /// Ids of the prompts she starred.
    pub favourites: RwSignal<BTreeSet<String>>,
    owner: StoredValue<Option<String>>,
}

impl Prompts {
    /// Creates the handle and makes it available to every component.
    pub fn provide() -> Prompts {
        let prompts = Prompts {
            catalogue: RwSignal::new(None),
            favourites: RwSignal::new(BTreeSet::new()),
            owner: StoredValue::new(None),
        };
        provide_context(prompts);
        prompts
    }

    /// Reads the stored catalogue and favourites; call in the browser after hydration.
    pub fn load(self) {
        if let Some(stored) = crate::store::browser::read_catalogue() {
            self.owner.set_value(stored.owner);
            self.catalogue.set(Some(stored.catalogue));
        }
        self.favourites
            .set(crate::store::browser::read_favourites());
    }

    /// Stars or unstars a prompt.
    pub fn toggle_favourite(self, id: &str) {
        self.favourites.update(|f| {
            if !f.remove(id) {
                f.insert(id.to_string());
            }
        });
        self.favourites
            .with_untracked(crate::store::browser::write_favourites);
    }

    /// Fetches the catalogue when the server has another version than the device (for
    /// `owner`'s organisation, or the starter catalogue without an account), stores
    /// it, and makes sure every picture is in Cache Storage.
    pub async fn refresh(self, owner: Option<String>) -> Result<(), ApiFailure> {
        let same_owner = self.owner.get_value() == owner;
        let have = self
            .catalogue
            .with_untracked(|c| c.as_ref().filter(|_| same_owner).map(|c| c.version));
        let query = have.map(|v| format!("?have={v}")).unwrap_or_default();
        let answer: CatalogueResponse = Call::get(format!("/catalogue{query}")).json().await?;
        if let Some(catalogue) = answer.catalogue {
            let stored = StoredCatalogue { owner, catalogue };
            // A full storage keeps the old copy; the next sync tries again.
            let _ = crate::store::browser::write_catalogue(&stored);
            self.owner.set_value(stored.owner);
            self.catalogue.set(Some(stored.catalogue));
        }
        let images: Vec<String> = self.catalogue.with_untracked(|c| {
            c.as_ref()
                .map(|c| c.images().into_iter().map(String::from).collect())
                .unwrap_or_default()
        });
        keep_pictures(images).await;
        Ok(())
    }

    /// Forgets the catalogue, favourites and pictures (signing out).
    pub fn forget(self) {
        self.catalogue.set(None);
        self.favourites.set(BTreeSet::new());
        self.owner.set_value(None);
        forget_pictures();
    }
}

/// The catalogue handle of the app root.
pub fn use_prompts() -> Prompts {
    expect_context::<Prompts>()
}

/// Puts every picture not yet in Cache Storage there, one by one (a failure leaves the
/// rest for the next sync).
#[cfg(target_arch = "wasm32")]
async fn keep_pictures(urls: Vec<String>) {
    use wasm_bindgen::JsCast;
    use wasm_bindgen_futures::JsFuture;
    let Some(caches) = web_sys::window().and_then(|w| w.caches().ok()) else {
        return;
    };
    let Ok(cache) = JsFuture::from(caches.open(PICTURE_CACHE)).await else {
        return;
    };
    let cache: web_sys::Cache = cache.unchecked_into();
    for url in urls {
        let cached = JsFuture::from(cache.match_with_str(&url))
            .await
            .is_ok_and(|hit| !hit.is_undefined());
        if !cached {
            let _ = JsFuture::from(cache.add_with_str(&url)).await;
        }
    }
}

#[cfg(not(target_arch = "wasm32"))]
async fn keep_pictures(_urls: Vec<String>) {}

#[cfg(target_arch = "wasm32")]
fn forget_pictures() {
    if let Some(caches) = web_sys::window().and_then(|w| w.caches().ok()) {
        let _ = caches.delete(PICTURE_CACHE);
    }
}

#[cfg(not(target_arch = "wasm32"))]
fn forget_pictures() {}
