//! Length and range limits shared by forms and (later) the server, so both sides reject
//! the same things.

/// Longest pseudonym: a first name or nickname, never a full name and address.
pub const PSEUDONYM_MAX: usize = 40;
/// Longest short text (own question, what she will try).
pub const SHORT_TEXT_MAX: usize = 1_000;
/// Longest agreements text.
pub const AGREEMENTS_MAX: usize = 2_000;
/// Longest free note of a visit.
pub const NOTE_MAX: usize = 5_000;
/// Longest signal text for the coordinator.
pub const SIGNAL_MAX: usize = 2_000;
/// Longest visit in minutes (a whole day out together).
pub const DURATION_MAX_MIN: u16 = 600;
/// How far back a visit may be entered (catching up on old paper notes).
pub const VISIT_MAX_AGE_DAYS: i64 = 2 * 366;
/// How far ahead an appointment may be planned.
pub const APPOINTMENT_MAX_AHEAD_DAYS: i64 = 366;
/// Oldest child the programmes serve (Home-Start: up to six years).
pub const CHILD_MAX_AGE_YEARS: u32 = 7;
/// A due date at most ten months ahead: a pregnancy lasts about 40 weeks.
pub const DUE_MAX_AHEAD_DAYS: i64 = 300;
/// A due date may have passed by a few weeks before the birth date is filled in.
pub const DUE_MAX_PASSED_DAYS: i64 = 42;
/// Longest reply of a coordinator, or answer of a volunteer, on a visit.
pub const REPLY_MAX: usize = 2_000;
/// Longest private note a coordinator keeps on a signal she handled.
pub const TRIAGE_NOTE_MAX: usize = 2_000;
