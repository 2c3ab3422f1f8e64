//! The child's age as volunteers say it: "3 weeks", "7 months", "2 years 3 months",
//! or "pregnant, 31 weeks". It drives which conversation prompts fit the family.

use super::family::ChildDate;
use chrono::{Datelike, NaiveDate};

/// Length of a pregnancy from the first day of the last period, in days (40 weeks).
const PREGNANCY_DAYS: i64 = 280;

/// The child's age (or the pregnancy's progress) on a given day.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ChildAge {
    /// Pregnant, in this week of pregnancy (1..=42+).
    Pregnant { weeks: i64 },
    /// The due date has passed but the birth has not been recorded yet.
    DuePassed { days: i64 },
    /// Born less than a month ago.
    Days(i64),
    /// Born less than two months ago: counted in weeks.
    Weeks(i64),
    /// Younger than two years: counted in months.
    Months(u32),
    /// Two years or older.
    YearsMonths { years: u32, months: u32 },
}

impl ChildAge {
    /// Works out the age on `today` from the birth or due date.
    pub fn on(child: ChildDate, today: NaiveDate) -> Self {
        match child {
            ChildDate::Expected(due) => {
                let days_to_due = (due - today).num_days();
                if days_to_due < 0 {
                    ChildAge::DuePassed { days: -days_to_due }
                } else {
                    let days_pregnant = (PREGNANCY_DAYS - days_to_due).max(0);
                    ChildAge::Pregnant {
                        weeks: days_pregnant / 7,
                    }
                }
            }
            ChildDate::Born(birth) => {
                let days = (today - birth).num_days().max(0);
                let months = whole_months(birth, today);
                if months < 1 {
                    if days < 14 {
                        ChildAge::Days(days)
                    } else {
                        ChildAge::Weeks(days / 7)
                    }
                } else if months < 2 {
                    ChildAge::Weeks(days / 7)
                } else if months < 24 {
                    ChildAge::Months(months)
                } else {
                    ChildAge::YearsMonths {
                        years: months / 12,
                        months: months % 12,
                    }
                }
            }
        }
    }

    /// Whole months of life, or `None` before birth; used for age phases.
    pub fn months(child: ChildDate, today: NaiveDate) -> Option<u32> {
        match child {
            ChildDate::Born(birth) if birth <= today => Some(whole_months(birth, today)),
            _ => None,
        }
    }
}

/// Completed calendar months between two dates (birthday-style counting).
pub fn whole_months(from: NaiveDate, to: NaiveDate) -> u32 {
    if to <= from {
        return 0;
    }
    let mut months = (to.year() - from.year()) * 12 + to.month() as i32 - from.month() as i32;
    if to.day() < from.day() {
        months -= 1;
    }
    months.max(0) as u32
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn a_baby_born_seven_months_ago_is_seven_months() {
        let age = ChildAge::on(ChildDate::Born(d(2026, 4, 10)), d(2026, 11, 23));
        assert_eq!(age, ChildAge::Months(7));
    }

    #[test]
    fn a_month_is_only_complete_on_the_monthly_birthday() {
        assert_eq!(whole_months(d(2026, 1, 31), d(2026, 2, 28)), 0);
        assert_eq!(whole_months(d(2026, 1, 15), d(2026, 2, 15)), 1);
        assert_eq!(whole_months(d(2026, 1, 15), d(2026, 2, 14)), 0);
    }

    #[test]
    fn a_newborn_is_counted_in_days_then_weeks() {
        assert_eq!(
            ChildAge::on(ChildDate::Born(d(2026, 11, 20)), d(2026, 11, 23)),
            ChildAge::Days(3)
        );
        assert_eq!(
            ChildAge::on(ChildDate::Born(d(2026, 11, 1)), d(2026, 11, 23)),
            ChildAge::Weeks(3)
        );
        assert_eq!(
            ChildAge::on(ChildDate::Born(d(2026, 10, 1)), d(2026, 11, 23)),
            ChildAge::Weeks(7)
        );
    }

    #[test]
    fn toddlers_are_counted_in_years_and_months() {
        let age = ChildAge::on(ChildDate::Born(d(2024, 8, 1)), d(2026, 11, 23));
        assert_eq!(
            age,
            ChildAge::YearsMonths {
                years: 2,
                months: 3
            }
        );
    }

    #[test]
    fn nine_weeks_before_the_due_date_is_week_31() {
        let age = ChildAge::on(ChildDate::Expected(d(2027, 1, 25)), d(2026, 11, 23));
        assert_eq!(age, ChildAge::Pregnant { weeks: 31 });
    }

    #[test]
    fn a_passed_due_date_is_reported_not_hidden() {
        let age = ChildAge::on(ChildDate::Expected(d(2026, 11, 20)), d(2026, 11, 23));
        assert_eq!(age, ChildAge::DuePassed { days: 3 });
    }

    proptest::proptest! {
        #[test]
        fn whole_months_never_overshoots(days_a in 0i64..4000, gap in 0i64..4000) {
            let from = d(2018, 1, 1) + chrono::Duration::days(days_a);
            let to = from + chrono::Duration::days(gap);
            let m = whole_months(from, to);
            let back = from.checked_add_months(chrono::Months::new(m)).unwrap();
            proptest::prop_assert!(back <= to);
            proptest::prop_assert!(gap < (i64::from(m) + 1) * 31);
        }
    }
}
