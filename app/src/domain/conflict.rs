//! A text edited on two devices (or by a volunteer and a coordinator) before they saw
//! each other's change. Neither text is thrown away: the record keeps both, is flagged,
//! and the volunteer picks or combines them.

use serde::{Deserialize, Serialize};

/// Both versions of one text field.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TextConflict {
    /// The field, as its storage name (`note`, `signal.text`, …).
    pub field: String,
    /// The text as this push had it.
    pub mine: String,
    /// The text as the server had it.
    pub theirs: String,
}
