//! Wire types of the coordinator's daily loop beyond the visit list: her replies on a
//! visit and her handling of signals of concern.

use crate::domain::{FeedbackId, TriageAction, TriageState, Urgency, VisitId};
use serde::{Deserialize, Serialize};

/// Longest private note on a signal (see `domain::limits`).
pub use crate::domain::limits::TRIAGE_NOTE_MAX;

/// `POST /api/v1/visits/{id}/feedback`: a coordinator's reply. The id is made by her
/// browser, so sending it twice stores it once.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct FeedbackDraft {
    /// The reply's id.
    pub id: FeedbackId,
    /// What she writes to the volunteer.
    pub reply: String,
}

/// A signal of concern as coordinators handle it (never sent to a volunteer).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct Triage {
    /// The visit whose signal it is.
    pub visit_id: VisitId,
    /// Where it stands.
    pub state: TriageState,
    /// How urgent (as the volunteer set it, until a coordinator changes it).
    pub urgency: Urgency,
    /// What was done, once resolved.
    pub action: Option<TriageAction>,
    /// The coordinators' private note.
    pub note: String,
    /// Its version: an edit names the version it was based on.
    pub version: i64,
    /// When the signal reached the server.
    pub raised_at_ms: i64,
    /// When it was acknowledged, and by whom (a name).
    pub acknowledged_at_ms: Option<i64>,
    /// Who acknowledged it.
    pub acknowledged_by: Option<String>,
    /// When it was resolved.
    pub resolved_at_ms: Option<i64>,
    /// Who resolved it.
    pub resolved_by: Option<String>,
    /// Still new after its time to be acknowledged (a day when urgent, else a week).
    pub overdue: bool,
    /// The volunteer took the signal off the visit before it was resolved.
    pub withdrawn: bool,
}

/// `PUT /api/v1/visits/{id}/signal`: a step in handling a signal.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct TriageEdit {
    /// The version she saw; another coordinator's change since makes this a conflict.
    pub version: i64,
    /// The new state (never back to new; a resolved signal stays resolved).
    pub state: TriageState,
    /// The urgency as she judges it.
    pub urgency: Urgency,
    /// Required when resolving: what was done.
    pub action: Option<TriageAction>,
    /// Her private note (at most [`TRIAGE_NOTE_MAX`] characters).
    #[serde(default)]
    pub note: String,
}

/// One open signal in the coordinator's list: urgent ones first, then overdue, oldest.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct OpenSignal {
    /// Its handling.
    pub triage: Triage,
    /// The day of the visit.
    pub visit_date: String,
    /// The family's pseudonym.
    pub family: String,
    /// The volunteer's name.
    pub volunteer: String,
}

/// `GET /api/v1/signals`: the open signals of her organisation.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct OpenSignals {
    /// Every open signal, most pressing first.
    pub signals: Vec<OpenSignal>,
}
