//! A text edited on two devices (or by a volunteer and a coordinator) before they saw
//! each other's change. Neither text is thrown away: the record keeps both, is flagged,
//! and the volunteer picks or combines them.

use super::visit::coded_enum;
use serde::{Deserialize, Serialize};

coded_enum!(
    /// The free texts kept side by side when two edits meet (the server's merge and
    /// the forms name them by this type, never by a loose string).
    TextField {
        /// A family's pseudonym.
        Pseudonym = "pseudonym",
        /// A visit's "her own question".
        OwnQuestion = "own_question",
        /// A visit's "what she chose to try".
        ChosenToTry = "chosen_to_try",
        /// A visit's agreements.
        Agreements = "agreements",
        /// A visit's free note.
        Note = "note",
        /// The text of a visit's signal of concern.
        SignalText = "signal.text",
        /// A coordinator's reply on a visit.
        Reply = "reply",
        /// The volunteer's answer to a reply.
        Answer = "answer",
    }
);

/// Both versions of one text field.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct TextConflict {
    /// The field the two texts belong to.
    pub field: TextField,
    /// The text as this push had it.
    pub mine: String,
    /// The text as the server had it.
    pub theirs: String,
}
