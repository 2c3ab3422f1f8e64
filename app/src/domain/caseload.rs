//! What the coordinator must look at in her caseload: families waiting too long for a
//! volunteer, visits that are overdue or have not started, and MIM children about to
//! turn eighteen months (when that programme ends). The most urgent rows come first.

use super::family::{Cadence, ChildDate, FamilyStatus, Programme};
use super::ids::FamilyId;
use chrono::{Datelike, Months, NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};

/// Days a family in intake may wait for a volunteer before it is flagged.
pub const INTAKE_WAIT_DAYS: i64 = 14;
/// Days ahead that a MIM child's eighteen-month day is announced.
pub const EIGHTEEN_MONTHS_NOTICE_DAYS: i64 = 30;
/// The [`urgency`] of a family that needs nothing: after every flagged one.
pub const CALM: i64 = i64::MAX;

/// Months after birth that the MIM programme ends.
const MIM_MONTHS: u32 = 18;

/// One family as the coordinator's caseload shows it: no notes, only what the
/// attention rules need.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct CaseFamily {
    /// The family's id.
    pub id: FamilyId,
    /// First name or nickname only.
    pub pseudonym: String,
    /// Programme the family is in.
    pub programme: Programme,
    /// Agreed visit rhythm.
    pub cadence: Cadence,
    /// Where the family is in the programme.
    pub status: FamilyStatus,
    /// Birth or due date of the child.
    pub child: ChildDate,
    /// The matched volunteer's user id; none while in intake and not matched.
    pub volunteer: Option<String>,
    /// When the family registered (unmatched) or was matched.
    #[serde(with = "super::dates::iso_date")]
    pub since: NaiveDate,
    /// Date of the latest visit, if any.
    #[serde(with = "super::dates::iso_date::option")]
    pub last_visit: Option<NaiveDate>,
    /// The next agreed meeting, if any.
    #[serde(with = "super::dates::iso_datetime::option")]
    #[cfg_attr(feature = "ssr", schema(value_type = Option<String>, pattern = r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$"))]
    pub next_appointment: Option<NaiveDateTime>,
}

/// Something about a family the coordinator should act on.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(tag = "attention", rename_all = "snake_case")]
pub enum Attention {
    /// In intake without a volunteer for this many days (more than [`INTAKE_WAIT_DAYS`]).
    IntakeWaiting {
        /// Days since registration.
        days: i64,
    },
    /// The next visit is overdue by this many days.
    Overdue {
        /// Days past the due date.
        days: i64,
    },
    /// Matched, but the first visit is this many days later than the cadence allows.
    FirstVisitDue {
        /// Days past one cadence period after matching.
        days: i64,
    },
    /// A MIM child turns eighteen months on this day (soon, or already while the
    /// support is still active): time to end or hand over.
    TurnsEighteenMonths {
        /// The eighteen-month day.
        #[serde(with = "super::dates::iso_date")]
        on: NaiveDate,
    },
}

/// Everything about `family` that needs the coordinator on `today`, in a fixed order
/// (intake, visits, programme end); empty when all is well.
pub fn attention(family: &CaseFamily, today: NaiveDate) -> Vec<Attention> {
    [
        intake_waiting(family, today),
        visit_due(family, today),
        eighteen_months(family, today),
    ]
    .into_iter()
    .flatten()
    .collect()
}

/// An unmatched family in intake waiting longer than [`INTAKE_WAIT_DAYS`].
fn intake_waiting(family: &CaseFamily, today: NaiveDate) -> Option<Attention> {
    let days = (today - family.since).num_days();
    (family.status == FamilyStatus::Intake && family.volunteer.is_none() && days > INTAKE_WAIT_DAYS)
        .then_some(Attention::IntakeWaiting { days })
}

/// A matched, visiting family whose next (or first) visit is past its due day.
fn visit_due(family: &CaseFamily, today: NaiveDate) -> Option<Attention> {
    let visiting = matches!(family.status, FamilyStatus::Intake | FamilyStatus::Active);
    if family.volunteer.is_none() || !visiting {
        return None;
    }
    let from = family.last_visit.unwrap_or(family.since);
    let days = (today - family.cadence.next_due(from)).num_days();
    match (days > 0, family.last_visit) {
        (false, _) => None,
        (true, Some(_)) => Some(Attention::Overdue { days }),
        (true, None) => Some(Attention::FirstVisitDue { days }),
    }
}

/// A MIM child's eighteen-month day within the notice period, or passed while the
/// family is still active.
fn eighteen_months(family: &CaseFamily, today: NaiveDate) -> Option<Attention> {
    let ChildDate::Born(birth) = family.child else {
        return None;
    };
    if family.programme != Programme::Mim || family.status == FamilyStatus::Ended {
        return None;
    }
    let on = birth.checked_add_months(Months::new(MIM_MONTHS))?;
    let ahead = (on - today).num_days();
    let soon = (0..=EIGHTEEN_MONTHS_NOTICE_DAYS).contains(&ahead);
    let passed = ahead < 0 && family.status == FamilyStatus::Active;
    (soon || passed).then_some(Attention::TurnsEighteenMonths { on })
}

/// Sort key for a family's attention: lower is more urgent. Waiting, overdue and
/// first-visit days count alike (more days, more urgent) and come before any
/// eighteen-month notice; those rank by their date (rows are ranked on one day, so an
/// earlier date is sooner). Nothing to look at gives [`CALM`].
pub fn urgency(attention: &[Attention]) -> i64 {
    attention.iter().map(urgency_of).min().unwrap_or(CALM)
}

/// The key of one attention point (see [`urgency`]).
fn urgency_of(attention: &Attention) -> i64 {
    match attention {
        Attention::IntakeWaiting { days }
        | Attention::Overdue { days }
        | Attention::FirstVisitDue { days } => -(*days).max(0),
        Attention::TurnsEighteenMonths { on } => i64::from(on.num_days_from_ce()).max(1),
    }
}

/// The families with their attention points, most urgent first; equal urgency is
/// ordered by pseudonym, then by id, so the list never shuffles between loads.
pub fn by_urgency(families: &[CaseFamily], today: NaiveDate) -> Vec<(&CaseFamily, Vec<Attention>)> {
    let mut rows: Vec<_> = families.iter().map(|f| (f, attention(f, today))).collect();
    rows.sort_by_cached_key(|(f, a)| (urgency(a), f.pseudonym.clone(), f.id));
    rows
}

/// How many more families a volunteer can take: none while she is paused.
pub fn free_capacity(capacity: u32, paused: bool, families: u32) -> u32 {
    match paused {
        true => 0,
        false => capacity.saturating_sub(families),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn family(programme: Programme, status: FamilyStatus) -> CaseFamily {
        CaseFamily {
            id: FamilyId::new(),
            pseudonym: "Amina".into(),
            programme,
            cadence: programme.default_cadence(),
            status,
            child: ChildDate::Born(d(2026, 4, 1)),
            volunteer: Some("vol-1".into()),
            since: d(2026, 9, 1),
            last_visit: None,
            next_appointment: None,
        }
    }

    fn visited(mut f: CaseFamily, last: NaiveDate) -> CaseFamily {
        f.last_visit = Some(last);
        f
    }

    fn unmatched(since: NaiveDate) -> CaseFamily {
        CaseFamily {
            volunteer: None,
            since,
            ..family(Programme::HomeStart, FamilyStatus::Intake)
        }
    }

    fn born(programme: Programme, birth: NaiveDate) -> CaseFamily {
        CaseFamily {
            child: ChildDate::Born(birth),
            ..visited(family(programme, FamilyStatus::Active), d(2026, 11, 20))
        }
    }

    #[test]
    fn a_weekly_family_ten_days_after_its_visit_is_three_days_overdue() {
        let f = visited(
            family(Programme::HomeStart, FamilyStatus::Active),
            d(2026, 11, 13),
        );
        assert_eq!(
            attention(&f, d(2026, 11, 23)),
            [Attention::Overdue { days: 3 }]
        );
        assert_eq!(attention(&f, d(2026, 11, 20)), []);
    }

    #[test]
    fn a_monthly_family_is_due_a_calendar_month_later_across_month_ends() {
        let f = visited(family(Programme::Mim, FamilyStatus::Active), d(2026, 1, 31));
        assert_eq!(attention(&f, d(2026, 2, 28)), []);
        assert_eq!(
            attention(&f, d(2026, 3, 1)),
            [Attention::Overdue { days: 1 }]
        );
    }

    #[test]
    fn paused_and_ended_families_are_never_overdue() {
        for status in [FamilyStatus::Paused, FamilyStatus::Ended] {
            let f = family(Programme::HomeStart, status);
            assert_eq!(
                attention(&visited(f.clone(), d(2026, 1, 1)), d(2026, 11, 23)),
                []
            );
            assert_eq!(attention(&f, d(2026, 11, 23)), []);
        }
    }

    #[test]
    fn an_intake_is_flagged_after_fourteen_days_without_a_volunteer() {
        let today = d(2026, 11, 23);
        assert_eq!(
            attention(&unmatched(d(2026, 11, 8)), today),
            [Attention::IntakeWaiting { days: 15 }]
        );
        assert_eq!(attention(&unmatched(d(2026, 11, 9)), today), []);
    }

    #[test]
    fn an_unmatched_intake_is_never_overdue() {
        let f = visited(unmatched(d(2026, 11, 20)), d(2026, 1, 1));
        assert_eq!(attention(&f, d(2026, 11, 23)), []);
    }

    #[test]
    fn a_matched_intake_waits_for_its_first_visit_one_period() {
        let mut f = family(Programme::Mim, FamilyStatus::Intake);
        f.since = d(2026, 10, 1);
        assert_eq!(attention(&f, d(2026, 11, 1)), []);
        assert_eq!(
            attention(&f, d(2026, 11, 5)),
            [Attention::FirstVisitDue { days: 4 }]
        );
    }

    #[test]
    fn a_mim_child_turning_eighteen_months_is_announced_thirty_days_ahead() {
        let today = d(2026, 11, 23);
        let in_30 = born(Programme::Mim, d(2025, 6, 23));
        let in_31 = born(Programme::Mim, d(2025, 6, 24));
        assert_eq!(
            attention(&in_30, today),
            [Attention::TurnsEighteenMonths {
                on: d(2026, 12, 23)
            }]
        );
        assert_eq!(attention(&in_31, today), []);
        assert_eq!(
            attention(&born(Programme::HomeStart, d(2025, 6, 23)), today),
            []
        );
    }

    #[test]
    fn a_passed_eighteen_month_day_stays_flagged_while_active() {
        let today = d(2026, 11, 23);
        let passed = born(Programme::Mim, d(2025, 1, 10));
        let on = d(2026, 7, 10);
        assert_eq!(
            attention(&passed, today),
            [Attention::TurnsEighteenMonths { on }]
        );
        let paused = CaseFamily {
            status: FamilyStatus::Paused,
            ..passed.clone()
        };
        assert_eq!(attention(&paused, today), []);
        let ended = CaseFamily {
            status: FamilyStatus::Ended,
            ..born(Programme::Mim, d(2025, 6, 1))
        };
        assert_eq!(attention(&ended, today), []);
    }

    #[test]
    fn the_most_urgent_family_comes_first() {
        let today = d(2026, 11, 23);
        let named = |name: &str, f: CaseFamily| CaseFamily {
            pseudonym: name.into(),
            ..f
        };
        let weekly = || family(Programme::HomeStart, FamilyStatus::Active);
        let families = [
            named("calm", visited(weekly(), d(2026, 11, 20))),
            named("eighteen", born(Programme::Mim, d(2025, 6, 18))),
            named("three", visited(weekly(), d(2026, 11, 13))),
            named("twenty", visited(weekly(), d(2026, 10, 27))),
        ];
        let rows = by_urgency(&families, today);
        let order: Vec<&str> = rows.iter().map(|(f, _)| f.pseudonym.as_str()).collect();
        assert_eq!(order, ["twenty", "three", "eighteen", "calm"]);
        assert_eq!(rows[0].1, [Attention::Overdue { days: 20 }]);
        assert_eq!(urgency(&rows[3].1), CALM);
    }

    #[test]
    fn ties_are_ordered_by_pseudonym() {
        let a = CaseFamily {
            pseudonym: "Bo".into(),
            ..family(Programme::HomeStart, FamilyStatus::Paused)
        };
        let b = CaseFamily {
            pseudonym: "Ada".into(),
            ..a.clone()
        };
        let families = [a, b];
        let rows = by_urgency(&families, d(2026, 11, 23));
        assert_eq!(rows[0].0.pseudonym, "Ada");
    }

    #[test]
    fn attention_serialises_tagged() {
        let json = serde_json::to_string(&Attention::TurnsEighteenMonths {
            on: d(2026, 12, 22),
        });
        assert_eq!(
            json.unwrap(),
            r#"{"attention":"turns_eighteen_months","on":"2026-12-22"}"#
        );
    }

    #[test]
    fn free_capacity_is_none_while_paused_or_full() {
        assert_eq!(free_capacity(3, false, 1), 2);
        assert_eq!(free_capacity(3, true, 1), 0);
        assert_eq!(free_capacity(2, false, 4), 0);
    }
}
