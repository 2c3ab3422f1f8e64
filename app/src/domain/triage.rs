//! A signal of concern as the coordinator handles it: *new → acknowledged → resolved*,
//! with its urgency and, once resolved, the action taken. The coordinator's full triage
//! (with her private note) stays on the server; the volunteer's phone receives a
//! [`SignalStatus`]: that her signal was acknowledged, and what was done.

use super::ids::VisitId;
use super::visit::{coded_enum, Urgency};
use serde::{Deserialize, Serialize};

coded_enum!(
    /// Where a signal of concern stands.
    TriageState {
        /// Raised by the volunteer, not yet seen to.
        New = "new",
        /// The coordinator has taken it up.
        Acknowledged = "acknowledged",
        /// Handled: an action was taken (or none was needed).
        Resolved = "resolved",
    }
);

coded_enum!(
    /// What the coordinator did about a signal.
    TriageAction {
        /// She talked it through with the volunteer.
        TalkedToVolunteer = "talked_to_volunteer",
        /// She referred the family to youth health care.
        ReferredYouthHealth = "referred_youth_health",
        /// She discussed it with the mother.
        DiscussedWithMother = "discussed_with_mother",
        /// On reflection, nothing needed to be done.
        NoActionNeeded = "no_action_needed",
    }
);

/// Hours within which a signal must be acknowledged: a day when urgent, else a week.
pub fn acknowledge_within_hours(urgency: Urgency) -> i64 {
    match urgency {
        Urgency::Urgent => 24,
        Urgency::Soon | Urgency::Low => 24 * 7,
    }
}

/// True when a signal raised at `raised_at_ms` is still new after its time to be
/// acknowledged (see [`acknowledge_within_hours`]).
pub fn overdue(state: TriageState, urgency: Urgency, raised_at_ms: i64, now_ms: i64) -> bool {
    state == TriageState::New
        && now_ms - raised_at_ms > acknowledge_within_hours(urgency) * 3_600_000
}

/// What the volunteer's phone learns of the handling of her signal: never the
/// coordinator's note.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct SignalStatus {
    /// The visit whose signal it is.
    pub id: VisitId,
    /// Where it stands.
    pub state: TriageState,
    /// How urgent the coordinator judges it.
    pub urgency: Urgency,
    /// When she acknowledged it.
    #[serde(default)]
    pub acknowledged_at_ms: Option<i64>,
    /// When she resolved it.
    #[serde(default)]
    pub resolved_at_ms: Option<i64>,
    /// What was done, once resolved.
    #[serde(default)]
    pub action: Option<TriageAction>,
    /// Last change, milliseconds since the epoch.
    pub updated_at_ms: i64,
    /// Server version (phones never edit it).
    #[serde(default)]
    pub base_version: Option<u64>,
    /// Always empty: there are no texts to merge.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub conflicts: Vec<super::TextConflict>,
    /// Tombstone (the visit's signal was withdrawn before anyone handled it).
    #[serde(default)]
    pub deleted: bool,
}

#[cfg(test)]
mod tests {
    use super::*;

    const HOUR: i64 = 3_600_000;

    #[test]
    fn an_urgent_signal_is_overdue_after_a_day_another_after_a_week() {
        let raised = 1_000_000_000_000;
        let new = TriageState::New;
        assert!(!overdue(new, Urgency::Urgent, raised, raised + 24 * HOUR));
        assert!(overdue(new, Urgency::Urgent, raised, raised + 25 * HOUR));
        assert!(!overdue(new, Urgency::Soon, raised, raised + 6 * 24 * HOUR));
        assert!(overdue(new, Urgency::Low, raised, raised + 8 * 24 * HOUR));
        let seen = TriageState::Acknowledged;
        assert!(!overdue(seen, Urgency::Urgent, raised, raised + 99 * HOUR));
    }
}
