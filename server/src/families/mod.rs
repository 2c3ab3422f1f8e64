//! Families coming in through the coordinator: the intake, matching with a volunteer
//! (and rematching, ending), volunteers' profiles, the caseload and the supervision log.
//!
//! The family itself stays one synced record (kind `family`). Who receives it is its
//! owner: `@intake` until it is matched, its volunteer while matched (her phone gets it
//! with its visits at the next sync), `@ended` once its support ended. Moving it uses
//! the audience handover, so a former volunteer's phone is told "no longer yours".
//! Everything else here lives beside it in tables only coordinators read.

mod caseload;
mod intake;
mod matches;
mod profiles;
mod supervision;

pub use caseload::caseload;
pub use intake::{confirm, family_of, intake_of, register, save_family, save_intake};
pub use matches::{end_family, match_family, matches_of, open_match_of};
pub use profiles::{
    blank_profile, families_per_volunteer, profile_of, profiles, save_profile, DEFAULT_CAPACITY,
};
pub use supervision::{add_note, notes_of};

use crate::db::DbError;

/// Owner of a family in intake, not matched yet (nobody's phone receives it).
pub const INTAKE_OWNER: &str = "@intake";
/// Owner of a family whose support ended (kept for the coordinator only).
pub const ENDED_OWNER: &str = "@ended";

/// Why a change to a family, a matching or a profile was not made.
#[derive(Debug, thiserror::Error)]
pub enum FamilyError {
    /// Someone changed it since the version this edit was based on.
    #[error("this was changed in the meantime")]
    Stale,
    /// No such family in the organisation.
    #[error("no such family")]
    NoFamily,
    /// No such volunteer in the organisation (or her account is switched off).
    #[error("no such volunteer")]
    NoVolunteer,
    /// The volunteer paused: she takes no family now.
    #[error("this volunteer is paused")]
    Paused,
    /// The family's support has ended.
    #[error("this family's support has ended")]
    Ended,
    /// The family is already confirmed, or was not added by a volunteer.
    #[error("nothing to confirm")]
    NothingToConfirm,
    /// The store failed.
    #[error(transparent)]
    Db(#[from] DbError),
}

impl From<sqlx::Error> for FamilyError {
    fn from(error: sqlx::Error) -> Self {
        FamilyError::Db(error.into())
    }
}

impl From<serde_json::Error> for FamilyError {
    fn from(error: serde_json::Error) -> Self {
        FamilyError::Db(error.into())
    }
}

/// A date as stored (ISO text, the same on both engines).
fn day_text(day: chrono::NaiveDate) -> String {
    day.format("%Y-%m-%d").to_string()
}

/// Reads a stored ISO date.
fn day_of(text: &str) -> Result<chrono::NaiveDate, FamilyError> {
    chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .map_err(|_| FamilyError::Db(DbError::WrongKind))
}

/// True for an owner that is a person (not `@intake`, `@ended` or `@organisation`).
fn is_person(owner: &str) -> bool {
    !owner.starts_with('@')
}
