//! One set of rules: the forms on the device and the server's push checks accept exactly
//! the same records. Records are generated around every limit (texts at, under and over
//! their length, dates on either side of each range, repeated choices, unchanged values
//! that have since gone out of range); each is shown in its form and saved unchanged,
//! and sent to the server's check as the push handler runs it. Both must name the same
//! problems, or none.

use app::domain::family::LANGUAGES;
use app::domain::limits::*;
use app::domain::validation::{FamilyInput, VisitInput};
use app::domain::{
    Cadence, ChildDate, Family, FamilyId, FamilyStatus, Programme, Signal, SupportForm, Topic,
    Urgency, Visit, VisitId, VisitKind,
};
use app::store::Change;
use chrono::{Duration, NaiveDate, NaiveDateTime};
use proptest::prelude::*;
use server::api::checks::check_change;

fn now() -> impl Strategy<Value = NaiveDateTime> {
    (0i64..800, 0u32..24, 0u32..60).prop_map(|(day, h, m)| {
        (NaiveDate::from_ymd_opt(2025, 1, 1).unwrap() + Duration::days(day))
            .and_hms_opt(h, m, 0)
            .unwrap()
    })
}

/// A text of about `max` characters: empty, blank, short, or one either side of the
/// limit, sometimes with surrounding spaces.
fn text(max: usize) -> impl Strategy<Value = String> {
    (0usize..6, any::<bool>()).prop_map(move |(size, padded)| {
        let body = match size {
            0 => String::new(),
            1 => "   ".into(),
            2 => "Slept better".into(),
            3 => "é".repeat(max - 1),
            4 => "a".repeat(max),
            _ => "b".repeat(max + 1),
        };
        match padded {
            true => format!("  {body} "),
            false => body,
        }
    })
}

/// A day `offset` days from `now`'s.
fn day(now: NaiveDateTime, offset: i64) -> NaiveDate {
    now.date() + Duration::days(offset)
}

/// An appointment a few days in the past to beyond a year ahead, at a whole minute.
fn appointment() -> impl Strategy<Value = Option<(i64, u32)>> {
    proptest::option::of((-40i64..420, 0u32..24 * 60))
}

fn at(now: NaiveDateTime, a: Option<(i64, u32)>) -> Option<NaiveDateTime> {
    a.map(|(d, min)| day(now, d).and_hms_opt(min / 60, min % 60, 0).unwrap())
}

fn pick<T: Copy + std::fmt::Debug>(all: &[T]) -> impl Strategy<Value = T> + '_ {
    (0..all.len()).prop_map(move |i| all[i])
}

/// A visit as a device might send it, and the record it edits (if any). The previous
/// record keeps some values unchanged, so "unchanged since it was entered" is tried.
fn visit_edit() -> impl Strategy<Value = (NaiveDateTime, Visit, Option<Visit>)> {
    let fields = (
        -900i64..30,
        proptest::option::of(0u16..700),
        proptest::collection::vec(pick(Topic::ALL), 0..4),
        proptest::collection::vec(pick(SupportForm::ALL), 0..3),
        (
            text(SHORT_TEXT_MAX),
            text(SHORT_TEXT_MAX),
            text(AGREEMENTS_MAX),
            text(NOTE_MAX),
        ),
        appointment(),
        proptest::option::of((pick(Urgency::ALL), text(SIGNAL_MAX))),
        proptest::collection::vec(
            prop_oneof!["[a-z-]{1,12}", Just(String::new()), "x{65}"],
            0..3,
        ),
    );
    (now(), fields, 0u8..4).prop_map(
        |(now, (date, duration, topics, support, texts, next, signal, prompts), previous)| {
            let visit = Visit {
                id: VisitId::new(),
                family_id: FamilyId::new(),
                date: day(now, date),
                kind: VisitKind::Home,
                duration_min: duration,
                topics,
                support,
                own_question: texts.0,
                chosen_to_try: texts.1,
                agreements: texts.2,
                next_appointment: at(now, next),
                note: texts.3,
                signal: signal.map(|(urgency, text)| Signal { urgency, text }),
                prompts_used: prompts,
                updated_at_ms: 1,
                base_version: None,
                conflicts: vec![],
                deleted: false,
            };
            let previous = match previous {
                0 => None,
                1 => Some(visit.clone()),
                2 => Some(Visit {
                    date: day(now, -3),
                    ..visit.clone()
                }),
                _ => Some(Visit {
                    next_appointment: None,
                    ..visit.clone()
                }),
            };
            (now, visit, previous)
        },
    )
}

fn family_edit() -> impl Strategy<Value = (NaiveDateTime, Family, Option<Family>)> {
    let languages = proptest::collection::vec(
        prop_oneof![
            pick(&LANGUAGES).prop_map(String::from),
            Just("xx".to_string())
        ],
        0..4,
    );
    let fields = (
        text(PSEUDONYM_MAX),
        (any::<bool>(), -3000i64..400),
        languages,
        pick(&Programme::ALL),
        pick(&Cadence::ALL),
        pick(&FamilyStatus::ALL),
        appointment(),
    );
    (now(), fields, 0u8..4).prop_map(
        |(now, (pseudonym, child, languages, programme, cadence, status, next), previous)| {
            let child = match child {
                (true, offset) => ChildDate::Born(day(now, offset)),
                (false, offset) => ChildDate::Expected(day(now, offset / 10)),
            };
            let family = Family {
                id: FamilyId::new(),
                pseudonym,
                child,
                languages,
                programme,
                cadence,
                status,
                next_appointment: at(now, next),
                ended_on: None,
                shares_notes: true,
                updated_at_ms: 1,
                base_version: None,
                conflicts: vec![],
                deleted: false,
            };
            let previous = match previous {
                0 => None,
                1 => Some(family.clone()),
                2 => Some(Family {
                    child: ChildDate::Born(day(now, -30)),
                    ..family.clone()
                }),
                _ => Some(Family {
                    next_appointment: None,
                    status: FamilyStatus::Ended,
                    ended_on: Some(day(now, -10)),
                    ..family.clone()
                }),
            };
            // The end date is not typed: the form takes the earlier one or today.
            let ended_on = (status == FamilyStatus::Ended).then(|| {
                previous
                    .as_ref()
                    .and_then(|p| p.ended_on)
                    .unwrap_or(now.date())
            });
            (now, Family { ended_on, ..family }, previous)
        },
    )
}

/// Problems as `field:code`, the way the server names them.
fn named(entity: &str, errors: app::domain::FieldErrors) -> Vec<String> {
    errors
        .0
        .into_iter()
        .map(|(field, error)| format!("{entity}.{}:{}", field.wire(), error.code()))
        .collect()
}

fn server_says(change: Change, now: NaiveDateTime, previous: Option<Change>) -> Vec<String> {
    check_change(&change, now, previous.as_ref())
        .into_iter()
        .map(|p| format!("{}:{}", p.field, p.code))
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn the_visit_form_and_the_server_accept_the_same_visits((now, visit, previous) in visit_edit()) {
        let form = VisitInput::from_visit(&visit).parse(visit.family_id, previous.as_ref(), now, 2);
        let form = form.err().map(|e| named("visit", e)).unwrap_or_default();
        let server = server_says(Change::Visit(visit), now, previous.map(Change::Visit));
        prop_assert_eq!(form, server);
    }

    #[test]
    fn the_family_form_and_the_server_accept_the_same_families((now, family, previous) in family_edit()) {
        let form = FamilyInput::from_family(&family).parse(previous.as_ref(), now, 2);
        let form = form.err().map(|e| named("family", e)).unwrap_or_default();
        let server = server_says(Change::Family(family), now, previous.map(Change::Family));
        prop_assert_eq!(form, server);
    }
}

#[test]
fn what_no_form_can_send_is_still_refused() {
    let now = NaiveDate::from_ymd_opt(2026, 11, 23)
        .unwrap()
        .and_hms_opt(9, 0, 0)
        .unwrap();
    let not_ended = Family {
        status: FamilyStatus::Active,
        ended_on: Some(now.date()),
        ..<Family as app::domain::kind::RecordKind>::example()
    };
    assert_eq!(
        server_says(Change::Family(not_ended), now, None),
        ["family.ended_on:inconsistent"]
    );
    let repeated = Visit {
        topics: vec![Topic::Sleep, Topic::Sleep],
        next_appointment: None,
        ..<Visit as app::domain::kind::RecordKind>::example()
    };
    assert_eq!(
        server_says(Change::Visit(repeated), now, None),
        ["visit.topics:repeated"]
    );
}
