//! What the server accepts in a pushed record: the record kind's own rules
//! (`app::domain::rules`, the same the forms apply), judged at the moment the change was
//! made on the device and against the record as the server has it, so an old, buggy
//! or hostile client cannot store what the form would refuse.

use app::api::FieldProblem;
use app::store::Change;
use chrono::{DateTime, Duration, NaiveDateTime, Utc};
use chrono_tz::Europe::Amsterdam;

/// Furthest back a device's clock is believed: a change said to be older is judged as
/// if made this long ago (a phone offline for a year still syncs what it kept).
const OLDEST_EDIT: Duration = Duration::days(366);
/// Furthest ahead a device's clock is believed (a phone's clock set wrong).
const CLOCK_AHEAD: Duration = Duration::days(1);

/// The local wall-clock time (Europe/Amsterdam, where the programmes work) at which a
/// change stamped `at_ms` by its device is judged, kept within what the server believes.
pub fn moment_of(at_ms: i64, server_now: DateTime<Utc>) -> NaiveDateTime {
    let claimed = DateTime::<Utc>::from_timestamp_millis(at_ms).unwrap_or(server_now);
    let believed = claimed.clamp(server_now - OLDEST_EDIT, server_now + CLOCK_AHEAD);
    believed.with_timezone(&Amsterdam).naive_local()
}

/// Today in the Netherlands (the server's own clock may run in UTC).
pub fn local_today() -> chrono::NaiveDate {
    Utc::now().with_timezone(&Amsterdam).date_naive()
}

/// A field problem with its code, for the handlers' own checks.
pub fn problem(field: &str, code: &str) -> FieldProblem {
    FieldProblem {
        field: field.into(),
        code: code.into(),
    }
}

/// Everything wrong with a pushed change made at `now` to the stored `previous` record
/// (empty when it may be stored), named as `entity.field`.
pub fn check_change(
    change: &Change,
    now: NaiveDateTime,
    previous: Option<&Change>,
) -> Vec<FieldProblem> {
    change
        .check(now, previous)
        .0
        .into_iter()
        .map(|(field, error)| FieldProblem {
            field: format!("{}.{}", change.entity(), field.wire()),
            code: error.code().into(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use app::domain::kind::RecordKind;
    use app::domain::limits::{NOTE_MAX, SIGNAL_MAX};
    use app::domain::{Signal, Urgency, Visit};
    use chrono::NaiveDate;

    fn now() -> NaiveDateTime {
        NaiveDate::from_ymd_opt(2026, 11, 23)
            .unwrap()
            .and_hms_opt(12, 0, 0)
            .unwrap()
    }

    #[test]
    fn a_normal_visit_passes() {
        assert!(check_change(&Change::Visit(Visit::example()), now(), None).is_empty());
    }

    #[test]
    fn absurd_dates_long_texts_and_zero_durations_are_named() {
        let bad = Visit {
            date: NaiveDate::from_ymd_opt(9999, 1, 1).unwrap(),
            note: "x".repeat(NOTE_MAX + 1),
            duration_min: Some(0),
            next_appointment: None,
            signal: Some(Signal {
                urgency: Urgency::Soon,
                text: "y".repeat(SIGNAL_MAX + 1),
            }),
            ..Visit::example()
        };
        let fields: Vec<String> = check_change(&Change::Visit(bad), now(), None)
            .into_iter()
            .map(|p| format!("{}:{}", p.field, p.code))
            .collect();
        assert_eq!(
            fields,
            [
                "visit.date:visit_in_future",
                "visit.duration_min:out_of_range",
                "visit.note:too_long",
                "visit.signal.text:too_long"
            ]
        );
    }

    #[test]
    fn a_change_is_judged_at_its_own_moment_within_believable_bounds() {
        let server = DateTime::parse_from_rfc3339("2026-11-23T23:30:00Z")
            .unwrap()
            .with_timezone(&Utc);
        let made = server - Duration::days(3);
        assert_eq!(
            moment_of(made.timestamp_millis(), server),
            NaiveDate::from_ymd_opt(2026, 11, 21)
                .unwrap()
                .and_hms_opt(0, 30, 0)
                .unwrap(),
            "three days ago, in Amsterdam (UTC+1 in November)"
        );
        assert_eq!(
            moment_of(0, server).date(),
            NaiveDate::from_ymd_opt(2025, 11, 23).unwrap(),
            "a year back at most (past midnight in Amsterdam)"
        );
        assert_eq!(
            moment_of((server + Duration::days(30)).timestamp_millis(), server).date(),
            NaiveDate::from_ymd_opt(2026, 11, 25).unwrap(),
            "a clock far ahead is believed a day at most"
        );
    }
}
