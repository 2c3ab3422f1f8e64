//! The device's copy of the diary. `LocalDb` is a pure in-memory model (families, visits
//! and the outbox of changes waiting for the server); `browser` is the only code that
//! touches browser storage, so the later encryption layer slots in there.

pub mod browser;
pub mod db;
pub mod outbox;
pub mod schema;
pub mod sync;

pub use db::LocalDb;
pub use outbox::{each_kind, Change, KindVisitor, Mutation, ENTITIES};

use thiserror::Error;

/// Why the device store could not be read or written.
#[derive(Clone, Debug, Error, PartialEq)]
pub enum StoreError {
    /// The browser's storage quota is full; nothing new was written.
    #[error("storage full")]
    Full,
    /// Storage exists but was written by a newer version of Naast.
    #[error("stored data has schema {found}, this app knows up to {known}")]
    NewerSchema {
        /// Version found on the device.
        found: u32,
        /// Newest version this build understands.
        known: u32,
    },
    /// Storage could not be parsed; it was set aside, not overwritten.
    #[error("stored data unreadable: {0}")]
    Corrupt(String),
    /// Browser storage refused the write for another reason (e.g. disabled).
    #[error("storage unavailable: {0}")]
    Unavailable(String),
}
