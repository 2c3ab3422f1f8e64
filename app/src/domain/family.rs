//! A family (gezin) as the volunteer knows it: a pseudonym, the child's birth or due
//! date, languages, programme and how often they meet. Nothing that identifies the
//! family outside the programme (data minimisation).

use super::ids::FamilyId;
use super::visit::Visit;
use chrono::{Months, NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};

/// The programme a family takes part in; it sets the default visit cadence.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Programme {
    /// Moeders Informeren Moeders: monthly until the child is 18 months.
    Mim,
    /// Home-Start: weekly, children up to six.
    HomeStart,
    /// Samen Oplopen: from pregnancy, the first 1000 days.
    SamenOplopen,
}

impl Programme {
    /// Every programme, in display order.
    pub const ALL: [Programme; 3] = [
        Programme::Mim,
        Programme::HomeStart,
        Programme::SamenOplopen,
    ];

    /// How often this programme usually visits.
    pub fn default_cadence(self) -> Cadence {
        match self {
            Programme::Mim => Cadence::Monthly,
            Programme::HomeStart => Cadence::Weekly,
            Programme::SamenOplopen => Cadence::Fortnightly,
        }
    }

    /// Stable code for forms and storage.
    pub fn code(self) -> &'static str {
        match self {
            Programme::Mim => "mim",
            Programme::HomeStart => "home_start",
            Programme::SamenOplopen => "samen_oplopen",
        }
    }

    /// Parses [`Programme::code`].
    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|p| p.code() == code)
    }
}

/// How often the volunteer and the family meet; editable per family.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Cadence {
    /// Every week.
    Weekly,
    /// Every two weeks (common at the start).
    Fortnightly,
    /// Every month.
    Monthly,
}

impl Cadence {
    /// Every cadence, in display order.
    pub const ALL: [Cadence; 3] = [Cadence::Weekly, Cadence::Fortnightly, Cadence::Monthly];

    /// The day the next visit is due after a visit on `last`.
    pub fn next_due(self, last: NaiveDate) -> NaiveDate {
        match self {
            Cadence::Weekly => last + chrono::Duration::days(7),
            Cadence::Fortnightly => last + chrono::Duration::days(14),
            Cadence::Monthly => last.checked_add_months(Months::new(1)).unwrap_or(last),
        }
    }

    /// Stable code for forms and storage.
    pub fn code(self) -> &'static str {
        match self {
            Cadence::Weekly => "weekly",
            Cadence::Fortnightly => "fortnightly",
            Cadence::Monthly => "monthly",
        }
    }

    /// Parses [`Cadence::code`].
    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|c| c.code() == code)
    }
}

/// Where the family is in the programme.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum FamilyStatus {
    /// Getting to know each other.
    Intake,
    /// Visiting regularly.
    Active,
    /// On hold for a while.
    Paused,
    /// The support has ended.
    Ended,
}

impl FamilyStatus {
    /// Every status, in display order.
    pub const ALL: [FamilyStatus; 4] = [
        FamilyStatus::Intake,
        FamilyStatus::Active,
        FamilyStatus::Paused,
        FamilyStatus::Ended,
    ];

    /// Stable code for forms and storage.
    pub fn code(self) -> &'static str {
        match self {
            FamilyStatus::Intake => "intake",
            FamilyStatus::Active => "active",
            FamilyStatus::Paused => "paused",
            FamilyStatus::Ended => "ended",
        }
    }

    /// Parses [`FamilyStatus::code`].
    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.code() == code)
    }
}

/// The child's date: a birth date, or a due date during pregnancy.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ChildDate {
    /// The child is born on this date.
    Born(#[serde(with = "super::dates::iso_date")] NaiveDate),
    /// The child is expected on this date.
    Expected(#[serde(with = "super::dates::iso_date")] NaiveDate),
}

/// Languages a family may speak, as short codes; names come from the translation layer.
pub const LANGUAGES: [&str; 14] = [
    "nl", "en", "ar", "tr", "pl", "uk", "ti", "so", "fr", "es", "ro", "bg", "fa", "zgh",
];

/// One family the volunteer supports.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct Family {
    /// Client-generated id.
    pub id: FamilyId,
    /// First name or nickname only.
    pub pseudonym: String,
    /// Birth or due date of the (youngest supported) child.
    pub child: ChildDate,
    /// Language codes from [`LANGUAGES`], the mother's first.
    pub languages: Vec<String>,
    /// Programme the family is in.
    pub programme: Programme,
    /// Agreed visit rhythm.
    pub cadence: Cadence,
    /// Where the family is in the programme.
    pub status: FamilyStatus,
    /// The next agreed meeting, if any.
    #[serde(with = "super::dates::iso_datetime::option")]
    #[cfg_attr(feature = "ssr", schema(value_type = Option<String>, pattern = r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$"))]
    pub next_appointment: Option<NaiveDateTime>,
    /// When the support ended (set when the status becomes ended).
    #[serde(with = "super::dates::iso_date::option")]
    pub ended_on: Option<NaiveDate>,
    /// The mother agreed that the coordinator reads the visit notes. Without it the
    /// coordinator sees that visits took place and any signal of concern, no texts.
    #[serde(default)]
    pub shares_notes: bool,
    /// Last change on this device, milliseconds since the epoch.
    pub updated_at_ms: i64,
    /// Server version this edit was based on (none until synced).
    #[serde(default)]
    pub base_version: Option<u64>,
    /// Texts changed on two sides, kept until she chooses (empty when none).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub conflicts: Vec<super::TextConflict>,
    /// Tombstone: deleted records stay until the deletion has synced.
    #[serde(default)]
    pub deleted: bool,
}

/// Whether a family needs a visit, worked out from its cadence and visits.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Due {
    /// No visit yet: the first one is due now.
    FirstVisit,
    /// Overdue since this many days.
    Overdue { days: i64 },
    /// Due today.
    Today,
    /// Due in this many days.
    InDays { days: i64 },
    /// Paused or ended: no visits due.
    NotExpected,
}

impl Family {
    /// Date of the most recent visit to this family among `visits`.
    pub fn last_visit<'a>(&self, visits: impl IntoIterator<Item = &'a Visit>) -> Option<NaiveDate> {
        visits
            .into_iter()
            .filter(|v| v.family_id == self.id && !v.deleted)
            .map(|v| v.date)
            .max()
    }

    /// Whether and when the next visit is due.
    pub fn due<'a>(&self, visits: impl IntoIterator<Item = &'a Visit>, today: NaiveDate) -> Due {
        if matches!(self.status, FamilyStatus::Paused | FamilyStatus::Ended) {
            return Due::NotExpected;
        }
        let Some(last) = self.last_visit(visits) else {
            return Due::FirstVisit;
        };
        let days = (self.cadence.next_due(last) - today).num_days();
        match days {
            d if d < 0 => Due::Overdue { days: -d },
            0 => Due::Today,
            d => Due::InDays { days: d },
        }
    }
}

impl Due {
    /// Sort key: most urgent first.
    pub fn urgency_rank(self) -> i64 {
        match self {
            Due::Overdue { days } => -1000 - days,
            Due::FirstVisit => -500,
            Due::Today => 0,
            Due::InDays { days } => days,
            Due::NotExpected => 100_000,
        }
    }

    /// True when a visit should be planned now.
    pub fn needs_visit(self) -> bool {
        matches!(self, Due::Overdue { .. } | Due::FirstVisit | Due::Today)
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::domain::visit::tests::visit_on;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    pub(crate) fn family(programme: Programme) -> Family {
        Family {
            id: FamilyId::new(),
            pseudonym: "Amina".into(),
            child: ChildDate::Born(d(2026, 4, 1)),
            languages: vec!["ar".into()],
            programme,
            cadence: programme.default_cadence(),
            status: FamilyStatus::Active,
            next_appointment: None,
            ended_on: None,
            shares_notes: true,
            updated_at_ms: 0,
            base_version: None,
            conflicts: vec![],
            deleted: false,
        }
    }

    #[test]
    fn programmes_set_their_usual_cadence() {
        assert_eq!(Programme::Mim.default_cadence(), Cadence::Monthly);
        assert_eq!(Programme::HomeStart.default_cadence(), Cadence::Weekly);
        assert_eq!(
            Programme::SamenOplopen.default_cadence(),
            Cadence::Fortnightly
        );
    }

    #[test]
    fn monthly_cadence_is_due_a_calendar_month_later() {
        assert_eq!(Cadence::Monthly.next_due(d(2026, 1, 31)), d(2026, 2, 28));
        assert_eq!(Cadence::Weekly.next_due(d(2026, 11, 20)), d(2026, 11, 27));
    }

    #[test]
    fn a_new_family_needs_a_first_visit() {
        let f = family(Programme::Mim);
        assert_eq!(f.due(&[], d(2026, 11, 23)), Due::FirstVisit);
    }

    #[test]
    fn a_weekly_family_seen_ten_days_ago_is_three_days_overdue() {
        let f = family(Programme::HomeStart);
        let visits = [visit_on(f.id, d(2026, 11, 13))];
        assert_eq!(f.due(&visits, d(2026, 11, 23)), Due::Overdue { days: 3 });
    }

    #[test]
    fn the_latest_visit_counts_and_deleted_ones_do_not() {
        let f = family(Programme::Mim);
        let mut deleted = visit_on(f.id, d(2026, 11, 20));
        deleted.deleted = true;
        let visits = [
            visit_on(f.id, d(2026, 11, 1)),
            visit_on(f.id, d(2026, 10, 1)),
            deleted,
        ];
        assert_eq!(f.due(&visits, d(2026, 11, 23)), Due::InDays { days: 8 });
    }

    #[test]
    fn paused_families_are_not_due() {
        let mut f = family(Programme::HomeStart);
        f.status = FamilyStatus::Paused;
        assert_eq!(f.due(&[], d(2026, 11, 23)), Due::NotExpected);
    }

    #[test]
    fn overdue_families_sort_before_due_soon() {
        let mut ranks = [
            Due::InDays { days: 3 },
            Due::Overdue { days: 2 },
            Due::FirstVisit,
            Due::NotExpected,
        ];
        ranks.sort_by_key(|d| d.urgency_rank());
        assert_eq!(ranks[0], Due::Overdue { days: 2 });
        assert_eq!(ranks[3], Due::NotExpected);
    }
}
