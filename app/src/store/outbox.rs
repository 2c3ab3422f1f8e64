//! Changes waiting to reach the server. Each save puts the new state of one record in
//! the outbox together with the record itself (one atomic write), under its own
//! mutation id so the server can apply it exactly once.

use crate::domain::{Family, MutationId, Visit};
use serde::{Deserialize, Serialize};

/// The new state of one record, stored as `{"family": {…}}` or `{"visit": {…}}`.
/// Deletions are records with `deleted = true` (tombstones), so they sync like any other
/// change.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Change {
    /// A family was added, edited, ended or deleted.
    Family(Family),
    /// A visit was added, edited, deleted or restored.
    Visit(Visit),
}

/// One change made on this device, waiting for the server.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Mutation {
    /// Unique id; the server remembers it so a retry is harmless.
    pub id: MutationId,
    /// When the change was made on the device (ms since epoch).
    pub at_ms: i64,
    /// The change itself.
    pub change: Change,
}

impl Change {
    /// The id of the record this change is about, as text.
    pub fn record_id(&self) -> String {
        match self {
            Change::Family(f) => f.id.to_string(),
            Change::Visit(v) => v.id.to_string(),
        }
    }

    /// The kind of record, as stored on the server (`family`, `visit`).
    pub fn entity(&self) -> &'static str {
        match self {
            Change::Family(_) => "family",
            Change::Visit(_) => "visit",
        }
    }

    /// True for a tombstone.
    pub fn is_deleted(&self) -> bool {
        match self {
            Change::Family(f) => f.deleted,
            Change::Visit(v) => v.deleted,
        }
    }

    /// The server version the edit was based on.
    pub fn base_version(&self) -> Option<u64> {
        match self {
            Change::Family(f) => f.base_version,
            Change::Visit(v) => v.base_version,
        }
    }

    /// The same record, now based on server `version`.
    pub fn with_base(mut self, version: u64) -> Change {
        match &mut self {
            Change::Family(f) => f.base_version = Some(version),
            Change::Visit(v) => v.base_version = Some(version),
        }
        self
    }

    /// Texts waiting for her choice between two versions.
    pub fn conflict_count(&self) -> usize {
        match self {
            Change::Family(f) => f.conflicts.len(),
            Change::Visit(v) => v.conflicts.len(),
        }
    }
}
