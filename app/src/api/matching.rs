//! Wire types of families coming in through the coordinator: intake, matching with a
//! volunteer (and rematching, ending), volunteers' profiles, the caseload and the
//! supervision log. Only coordinators send and receive these; a volunteer's phone gets
//! the family itself through its normal pull once it is matched with her.

use crate::domain::caseload::{Attention, CaseFamily};
use crate::domain::matching::{CulturePreference, Reason, Referrer, VolunteerProfile};
use crate::domain::Family;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// Longest support question, closing evaluation or supervision note, in characters.
pub const LONG_TEXT_MAX: usize = 2000;

/// What the coordinator writes down at intake, beside the family record.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct IntakeDetails {
    /// Who referred the family (never a name).
    pub referrer: Referrer,
    /// The mother's wish for her volunteer.
    pub preference: CulturePreference,
    /// The family's postcode area (four digits), or empty.
    #[serde(default)]
    pub area: String,
    /// What the family asks support for, in the mother's own words.
    #[serde(default)]
    pub support_question: String,
    /// The day the family was registered (set by the server).
    #[serde(default, with = "crate::domain::dates::iso_date::option")]
    #[cfg_attr(feature = "ssr", schema(value_type = Option<String>))]
    pub registered_on: Option<NaiveDate>,
    /// True when a volunteer added the family from her phone.
    #[serde(default)]
    pub added_by_volunteer: bool,
    /// The version this edit is based on (0 for a new intake).
    #[serde(default)]
    pub version: u64,
}

/// `POST /api/v1/families`: a referred family, registered by the coordinator.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct NewFamily {
    /// The family record (its status becomes intake).
    pub family: Family,
    /// What was said at intake.
    pub intake: IntakeDetails,
}

/// Why a matching ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum EndReason {
    /// The child reached the programme's age (18 months for MIM).
    AgeReached,
    /// The family's goal was reached.
    GoalReached,
    /// The family moved away.
    Moved,
    /// The family or the volunteer stopped.
    Stopped,
    /// The family went on with another volunteer.
    Rematched,
}

impl EndReason {
    /// The reasons a coordinator chooses from when she ends a matching.
    pub const CHOSEN: [EndReason; 4] = [
        EndReason::AgeReached,
        EndReason::GoalReached,
        EndReason::Moved,
        EndReason::Stopped,
    ];

    /// Stable code for forms and storage.
    pub fn code(self) -> &'static str {
        match self {
            EndReason::AgeReached => "age_reached",
            EndReason::GoalReached => "goal_reached",
            EndReason::Moved => "moved",
            EndReason::Stopped => "stopped",
            EndReason::Rematched => "rematched",
        }
    }

    /// Parses [`EndReason::code`].
    pub fn from_code(code: &str) -> Option<Self> {
        EndReason::CHOSEN
            .into_iter()
            .chain([EndReason::Rematched])
            .find(|r| r.code() == code)
    }
}

/// One matching of a family with a volunteer, from its start to its end.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct MatchRecord {
    /// The volunteer.
    pub volunteer_id: String,
    /// Her name.
    pub volunteer_name: String,
    /// The first day.
    #[serde(with = "crate::domain::dates::iso_date")]
    #[cfg_attr(feature = "ssr", schema(value_type = String))]
    pub started_on: NaiveDate,
    /// The last day, once ended.
    #[serde(default, with = "crate::domain::dates::iso_date::option")]
    #[cfg_attr(feature = "ssr", schema(value_type = Option<String>))]
    pub ended_on: Option<NaiveDate>,
    /// Why it ended.
    #[serde(default)]
    pub end_reason: Option<EndReason>,
    /// The short closing evaluation.
    #[serde(default)]
    pub evaluation: Option<String>,
}

/// A suggested volunteer with her name, why she fits and how many families she has.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct SuggestedVolunteer {
    /// The volunteer.
    pub volunteer_id: String,
    /// Her name.
    pub name: String,
    /// Higher fits better.
    pub score: i32,
    /// Why she is suggested (or what speaks against her).
    pub reasons: Vec<Reason>,
}

/// `GET /api/v1/families/{id}`: everything the coordinator keeps of one family.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct FamilyFile {
    /// The family record as stored, with its version.
    pub family: Family,
    /// What was said at intake (none for a family a volunteer added and nobody confirmed).
    pub intake: Option<IntakeDetails>,
    /// Her volunteer now, if matched.
    pub volunteer_id: Option<String>,
    /// Every matching, newest first.
    pub matches: Vec<MatchRecord>,
    /// Volunteers who would fit, best first (while the family is not ended).
    pub suggestions: Vec<SuggestedVolunteer>,
}

/// `POST /api/v1/families/{id}/match`: gives the family to a volunteer (or to another).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct MatchRequest {
    /// The volunteer who takes the family.
    pub volunteer_id: String,
    /// Why the previous matching ends, when there is one (a short evaluation).
    #[serde(default)]
    pub evaluation: String,
}

/// `POST /api/v1/families/{id}/end`: ends the support.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct EndRequest {
    /// Why it ends.
    pub reason: EndReason,
    /// A short closing evaluation.
    pub evaluation: String,
}

/// A volunteer as the coordinator plans with her: profile and caseload.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct VolunteerLoad {
    /// Her name.
    pub name: String,
    /// Her profile (defaults until the coordinator fills it in).
    pub profile: VolunteerProfile,
    /// Families she can still take.
    pub free: u32,
    /// Her families, most urgent first.
    pub families: Vec<CaseRow>,
}

/// One family on the caseload, with what needs attention.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct CaseRow {
    /// The family.
    pub family: CaseFamily,
    /// What needs attention (empty: all well).
    pub attention: Vec<Attention>,
    /// True for a family a volunteer added and nobody confirmed yet.
    #[serde(default)]
    pub unconfirmed: bool,
}

/// `GET /api/v1/caseload`: the organisation's caseload, most urgent first.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct Caseload {
    /// The day it was worked out for.
    #[serde(with = "crate::domain::dates::iso_date")]
    #[cfg_attr(feature = "ssr", schema(value_type = String))]
    pub today: NaiveDate,
    /// Families in intake, not matched yet, longest waiting first.
    pub waiting: Vec<CaseRow>,
    /// Every volunteer with her families; the most urgent volunteer first.
    pub volunteers: Vec<VolunteerLoad>,
}

/// What a supervision note records.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum SupervisionKind {
    /// A one-to-one talk (*begeleidingsgesprek*).
    OneToOne,
    /// A group session with other volunteers (*intervisie*).
    GroupSession,
    /// A training or theme meeting.
    Training,
    /// Her leaving evaluation.
    Leaving,
}

impl SupervisionKind {
    /// Every kind, in display order.
    pub const ALL: [SupervisionKind; 4] = [
        SupervisionKind::OneToOne,
        SupervisionKind::GroupSession,
        SupervisionKind::Training,
        SupervisionKind::Leaving,
    ];

    /// Stable code for forms and storage.
    pub fn code(self) -> &'static str {
        match self {
            SupervisionKind::OneToOne => "one_to_one",
            SupervisionKind::GroupSession => "group_session",
            SupervisionKind::Training => "training",
            SupervisionKind::Leaving => "leaving",
        }
    }

    /// Parses [`SupervisionKind::code`].
    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.code() == code)
    }
}

/// One entry of a volunteer's supervision log; only coordinators read it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct SupervisionNote {
    /// Its id (set by the server).
    #[serde(default)]
    pub id: String,
    /// What it records.
    pub kind: SupervisionKind,
    /// The day of the talk or session.
    #[serde(with = "crate::domain::dates::iso_date")]
    #[cfg_attr(feature = "ssr", schema(value_type = String))]
    pub held_on: NaiveDate,
    /// Topics, short.
    #[serde(default)]
    pub topics: String,
    /// The coordinator's note.
    #[serde(default)]
    pub note: String,
    /// Who wrote it (set by the server).
    #[serde(default)]
    pub author: String,
}

/// `GET /api/v1/volunteers/{id}`: one volunteer's profile, matchings and supervision log.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct VolunteerFile {
    /// Her name.
    pub name: String,
    /// Her profile.
    pub profile: VolunteerProfile,
    /// Her supervision log, newest first.
    pub supervision: Vec<SupervisionNote>,
}
