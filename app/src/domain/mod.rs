//! Domain types shared by the browser and the server: families, visits and the rules
//! that keep them sensible (child age, visit cadence, validation). No browser or server
//! dependency lives here, so everything can be unit- and property-tested natively.

pub mod age;
pub mod agenda;
pub mod caseload;
pub mod catalogue;
pub mod clock;
pub mod conflict;
pub mod dates;
pub mod family;
pub mod feedback;
pub mod ids;
pub mod kind;
pub mod limits;
pub mod matching;
pub mod rules;
pub mod triage;
pub mod validation;
pub mod visit;

pub use age::ChildAge;
pub use agenda::{Frequency, Group, Repeat, Session};
pub use caseload::{Attention, CaseFamily};
pub use catalogue::{Catalogue, Phase, Picture, Prompt, Story, Translated};
pub use conflict::{TextConflict, TextField};
pub use family::{Cadence, ChildDate, Family, FamilyStatus, Programme};
pub use feedback::Feedback;
pub use ids::{DeviceId, FamilyId, FeedbackId, GroupId, MutationId, SessionId, VisitId};
pub use matching::{
    Candidate, CulturePreference, MatchNeeds, Reason, Referrer, Suggestion, VolunteerProfile,
};
pub use triage::{SignalStatus, TriageAction, TriageState};
pub use validation::{Field, FieldError, FieldErrors};
pub use visit::{Signal, SupportForm, Topic, Urgency, Visit, VisitKind};
