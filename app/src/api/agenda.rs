//! Wire types of the meeting-group agenda as coordinators (and a group's host) keep it:
//! the whole agenda, a series of sessions to plan, and the organisation's public link.

use crate::domain::catalogue::Translated;
use crate::domain::{Group, GroupId, Repeat, Session};
use chrono::{NaiveDate, NaiveTime};
use serde::{Deserialize, Serialize};

/// The organisation's agenda: its groups and their sessions, and the path of the
/// public page when a link was made.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct Agenda {
    /// Every group, ended ones too.
    pub groups: Vec<Group>,
    /// Their sessions from a month ago on, by day and time.
    pub sessions: Vec<Session>,
    /// The public page's path (`/agenda/{token}`), when there is one.
    #[serde(default)]
    pub public_path: Option<String>,
}

/// Sessions to plan for a group: the first one, and how it repeats.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct SessionPlan {
    /// The group.
    pub group_id: GroupId,
    /// The first day.
    #[serde(with = "crate::domain::dates::iso_date")]
    #[cfg_attr(feature = "ssr", schema(value_type = String, pattern = r"^\d{4}-\d{2}-\d{2}$"))]
    pub date: NaiveDate,
    /// Start, local time.
    #[serde(with = "crate::domain::dates::iso_time")]
    #[cfg_attr(feature = "ssr", schema(value_type = String, pattern = r"^\d{2}:\d{2}(:\d{2})?$"))]
    pub starts: NaiveTime,
    /// End, local time.
    #[serde(with = "crate::domain::dates::iso_time")]
    #[cfg_attr(feature = "ssr", schema(value_type = String, pattern = r"^\d{2}:\d{2}(:\d{2})?$"))]
    pub ends: NaiveTime,
    /// What it is about.
    #[serde(default)]
    #[cfg_attr(feature = "ssr", schema(value_type = std::collections::BTreeMap<String, String>))]
    pub theme: Translated,
    /// A guest.
    #[serde(default)]
    #[cfg_attr(feature = "ssr", schema(value_type = std::collections::BTreeMap<String, String>))]
    pub guest: Translated,
    /// What to bring.
    #[serde(default)]
    #[cfg_attr(feature = "ssr", schema(value_type = std::collections::BTreeMap<String, String>))]
    pub bring: Translated,
    /// How it repeats (none: one session).
    #[serde(default)]
    pub repeat: Option<Repeat>,
    /// How many sessions in all (1 to 52).
    #[serde(default = "one")]
    pub times: u32,
}

fn one() -> u32 {
    1
}

/// The organisation's public agenda link, made new (the old one stops working).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct PublicLink {
    /// The page's path, `/agenda/{token}`.
    pub public_path: String,
}
