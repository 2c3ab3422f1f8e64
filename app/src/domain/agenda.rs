//! Meeting groups (*ontmoetingsgroepen*) and their sessions: the agenda a coordinator
//! keeps, every volunteer carries on her phone and a mother opens from a link. Times
//! are wall-clock times in the Netherlands (Europe/Amsterdam): a group that meets at
//! ten meets at ten in summer and in winter, so a session stores its local date and
//! times, never an instant.

use super::catalogue::Translated;
use super::ids::{GroupId, SessionId};
use chrono::{Datelike, Days, Months, NaiveDate, NaiveTime};
use serde::{Deserialize, Serialize};

/// The languages the public agenda speaks (its own words; a group's texts may be
/// entered in any of them). Dutch first: every text falls back to it.
pub const AGENDA_LANGUAGES: [&str; 8] = ["nl", "en", "tr", "ar", "pl", "uk", "fa", "ti"];
/// Longest name, audience, place or host text.
pub const AGENDA_SHORT_MAX: usize = 120;
/// Longest "how to find it", theme, guest or what-to-bring text.
pub const AGENDA_TEXT_MAX: usize = 500;
/// Most sessions one repetition may create (a year of weekly mornings).
pub const REPEAT_MAX: u32 = 52;

/// How often a group meets, as the mother reads it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Frequency {
    /// Every week.
    #[default]
    Weekly,
    /// Every other week.
    Fortnightly,
    /// Once a month.
    Monthly,
    /// Now and then.
    Irregular,
}

/// A meeting group: who it is for, where and how it meets, who hosts it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct Group {
    /// Its id.
    pub id: GroupId,
    /// Its name (Dutch, and other languages where entered).
    #[cfg_attr(feature = "ssr", schema(value_type = std::collections::BTreeMap<String, String>))]
    pub name: Translated,
    /// Who it is for (first babies up to 18 months, Polish mothers).
    #[cfg_attr(feature = "ssr", schema(value_type = std::collections::BTreeMap<String, String>))]
    pub audience: Translated,
    /// Languages spoken at the group (codes).
    pub languages: Vec<String>,
    /// The place's name (the toy library, the community centre).
    pub place: String,
    /// Its address.
    pub address: String,
    /// How to find it, in words (no map service).
    #[cfg_attr(feature = "ssr", schema(value_type = std::collections::BTreeMap<String, String>))]
    pub directions: Translated,
    /// The host as the mothers know her: a first name or a role, never more than she
    /// chose to give.
    pub host: String,
    /// The volunteer who hosts it, when the coordinator let one: she plans its sessions
    /// (her account id; never shown to mothers).
    #[serde(default)]
    pub host_account: Option<String>,
    /// How often it meets.
    pub frequency: Frequency,
    /// True when mothers just walk in; false when they tell the host first.
    pub walk_in: bool,
    /// True once the group has stopped (it stays, for the record).
    #[serde(default)]
    pub ended: bool,
    /// Last change, milliseconds since the epoch.
    pub updated_at_ms: i64,
    /// Server version this edit was based on.
    #[serde(default)]
    pub base_version: Option<u64>,
    /// Texts changed on two sides (agenda records are written on the server: none).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub conflicts: Vec<super::TextConflict>,
    /// Tombstone.
    #[serde(default)]
    pub deleted: bool,
}

/// One meeting of a group on one day.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct Session {
    /// Its id (also its calendar UID, so it is the same event in every calendar).
    pub id: SessionId,
    /// The group it belongs to.
    pub group_id: GroupId,
    /// The day, in the Netherlands.
    #[serde(with = "super::dates::iso_date")]
    #[cfg_attr(feature = "ssr", schema(value_type = String, pattern = r"^\d{4}-\d{2}-\d{2}$"))]
    pub date: NaiveDate,
    /// Start, local time.
    #[serde(with = "super::dates::iso_time")]
    #[cfg_attr(feature = "ssr", schema(value_type = String, pattern = r"^\d{2}:\d{2}(:\d{2})?$"))]
    pub starts: NaiveTime,
    /// End, local time.
    #[serde(with = "super::dates::iso_time")]
    #[cfg_attr(feature = "ssr", schema(value_type = String, pattern = r"^\d{2}:\d{2}(:\d{2})?$"))]
    pub ends: NaiveTime,
    /// What it is about this time.
    #[serde(default)]
    #[cfg_attr(feature = "ssr", schema(value_type = std::collections::BTreeMap<String, String>))]
    pub theme: Translated,
    /// A guest (the youth nurse, a physiotherapist).
    #[serde(default)]
    #[cfg_attr(feature = "ssr", schema(value_type = std::collections::BTreeMap<String, String>))]
    pub guest: Translated,
    /// What to bring.
    #[serde(default)]
    #[cfg_attr(feature = "ssr", schema(value_type = std::collections::BTreeMap<String, String>))]
    pub bring: Translated,
    /// Set when it does not take place: why (it stays on the agenda, marked).
    #[serde(default)]
    #[cfg_attr(feature = "ssr", schema(value_type = Option<std::collections::BTreeMap<String, String>>))]
    pub cancelled: Option<Translated>,
    /// Raised on every change the mother should see (the calendar's SEQUENCE).
    #[serde(default)]
    pub sequence: u32,
    /// Last change, milliseconds since the epoch.
    pub updated_at_ms: i64,
    /// Server version this edit was based on.
    #[serde(default)]
    pub base_version: Option<u64>,
    /// Texts changed on two sides (agenda records are written on the server: none).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub conflicts: Vec<super::TextConflict>,
    /// Tombstone.
    #[serde(default)]
    pub deleted: bool,
}

impl Session {
    /// True when it does not take place.
    pub fn is_cancelled(&self) -> bool {
        self.cancelled.is_some()
    }
}

/// How a series of sessions repeats.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Repeat {
    /// Every week on the same weekday.
    Weekly,
    /// Every other week.
    Fortnightly,
    /// Every month on the same weekday of the same week (the second Tuesday); in a
    /// month without a fifth such weekday, on the last one.
    Monthly,
}

/// Why a series cannot be made.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum RepeatError {
    /// No sessions, or more than [`REPEAT_MAX`].
    #[error("a series has 1 to {REPEAT_MAX} sessions")]
    Count,
}

/// The days of a series of `times` sessions from `first` on.
pub fn repeat(first: NaiveDate, every: Repeat, times: u32) -> Result<Vec<NaiveDate>, RepeatError> {
    if times == 0 || times > REPEAT_MAX {
        return Err(RepeatError::Count);
    }
    let days = (0..times).filter_map(|n| match every {
        Repeat::Weekly => first.checked_add_days(Days::new(7 * u64::from(n))),
        Repeat::Fortnightly => first.checked_add_days(Days::new(14 * u64::from(n))),
        Repeat::Monthly => same_weekday_months_later(first, n),
    });
    Ok(days.collect())
}

/// The same weekday of the same week of the month, `months` later (the last such
/// weekday when that month has no fifth one).
fn same_weekday_months_later(first: NaiveDate, months: u32) -> Option<NaiveDate> {
    let week = (first.day() - 1) / 7;
    let month_start = first.with_day(1)?.checked_add_months(Months::new(months))?;
    let offset = (7 + first.weekday().num_days_from_monday()
        - month_start.weekday().num_days_from_monday())
        % 7;
    let wanted = month_start.checked_add_days(Days::new(u64::from(offset + 7 * week)))?;
    if wanted.month() == month_start.month() {
        Some(wanted)
    } else {
        wanted.checked_sub_days(Days::new(7))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn weekly_and_fortnightly_keep_the_weekday() {
        let first = day(2027, 3, 16);
        let weekly = repeat(first, Repeat::Weekly, 4).unwrap();
        assert_eq!(
            weekly,
            [
                day(2027, 3, 16),
                day(2027, 3, 23),
                day(2027, 3, 30),
                day(2027, 4, 6)
            ]
        );
        let fortnightly = repeat(first, Repeat::Fortnightly, 3).unwrap();
        assert_eq!(
            fortnightly,
            [day(2027, 3, 16), day(2027, 3, 30), day(2027, 4, 13)]
        );
    }

    #[test]
    fn monthly_is_the_same_weekday_of_the_same_week() {
        // The second Tuesday of each month.
        let series = repeat(day(2027, 1, 12), Repeat::Monthly, 4).unwrap();
        assert_eq!(
            series,
            [
                day(2027, 1, 12),
                day(2027, 2, 9),
                day(2027, 3, 9),
                day(2027, 4, 13)
            ]
        );
        assert!(series.iter().all(|d| d.weekday() == chrono::Weekday::Tue));
        // The fifth Friday of January 2027 has no match in February: the last Friday.
        let fifth = repeat(day(2027, 1, 29), Repeat::Monthly, 3).unwrap();
        assert_eq!(
            fifth,
            [day(2027, 1, 29), day(2027, 2, 26), day(2027, 3, 26)]
        );
    }

    #[test]
    fn a_series_has_one_to_fifty_two_sessions() {
        let first = day(2027, 1, 5);
        assert_eq!(repeat(first, Repeat::Weekly, 0), Err(RepeatError::Count));
        assert_eq!(repeat(first, Repeat::Weekly, 53), Err(RepeatError::Count));
        assert_eq!(repeat(first, Repeat::Weekly, 52).unwrap().len(), 52);
        assert_eq!(repeat(first, Repeat::Monthly, 1).unwrap(), [first]);
    }
}
