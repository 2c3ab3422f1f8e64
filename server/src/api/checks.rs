//! What the server accepts in a pushed record. The forms on the device already enforce
//! the same limits (`app::domain::limits`); these checks stop an old, buggy or hostile
//! client from storing absurd dates, over-long texts or oversized lists.

use app::api::FieldProblem;
use app::domain::limits::*;
use app::domain::{ChildDate, Family, Visit};
use app::store::Change;
use chrono::{Datelike, NaiveDate};

/// Earliest date any record may carry.
const EARLIEST_YEAR: i32 = 2000;
/// Most years ahead any date may be.
const YEARS_AHEAD: i32 = 2;
/// Most languages, topics, prompts or conflicts in one record.
const LIST_MAX: usize = 50;
/// Longest language code or prompt id.
const CODE_MAX: usize = 64;

struct Checker {
    entity: &'static str,
    this_year: i32,
    problems: Vec<FieldProblem>,
}

impl Checker {
    fn fail(&mut self, field: &str, code: &str) {
        self.problems.push(FieldProblem {
            field: format!("{}.{field}", self.entity),
            code: code.into(),
        });
    }

    fn text(&mut self, field: &str, value: &str, max: usize) {
        if value.chars().count() > max {
            self.fail(field, "too_long");
        }
    }

    fn date(&mut self, field: &str, value: Option<NaiveDate>) {
        if let Some(date) = value {
            let year = date.year();
            if year < EARLIEST_YEAR || year > self.this_year + YEARS_AHEAD {
                self.fail(field, "out_of_range");
            }
        }
    }

    fn list<T>(&mut self, field: &str, items: &[T]) {
        if items.len() > LIST_MAX {
            self.fail(field, "too_many");
        }
    }

    fn conflicts(&mut self, conflicts: &[app::domain::TextConflict]) {
        self.list("conflicts", conflicts);
        for c in conflicts {
            self.text("conflicts", &c.mine, NOTE_MAX);
            self.text("conflicts", &c.theirs, NOTE_MAX);
        }
    }

    fn family(&mut self, f: &Family) {
        if f.pseudonym.trim().is_empty() && !f.deleted {
            self.fail("pseudonym", "required");
        }
        self.text("pseudonym", &f.pseudonym, PSEUDONYM_MAX);
        let child = match f.child {
            ChildDate::Born(d) | ChildDate::Expected(d) => d,
        };
        self.date("child", Some(child));
        self.date("next_appointment", f.next_appointment.map(|d| d.date()));
        self.date("ended_on", f.ended_on);
        self.list("languages", &f.languages);
        if f.languages
            .iter()
            .any(|l| l.is_empty() || l.len() > CODE_MAX)
        {
            self.fail("languages", "invalid");
        }
        self.conflicts(&f.conflicts);
    }

    fn visit(&mut self, v: &Visit) {
        self.date("date", Some(v.date));
        self.date("next_appointment", v.next_appointment.map(|d| d.date()));
        if v.duration_min
            .is_some_and(|d| d == 0 || d > DURATION_MAX_MIN)
        {
            self.fail("duration_min", "out_of_range");
        }
        self.list("topics", &v.topics);
        self.list("support", &v.support);
        self.list("prompts_used", &v.prompts_used);
        if v.prompts_used
            .iter()
            .any(|p| p.is_empty() || p.len() > CODE_MAX)
        {
            self.fail("prompts_used", "invalid");
        }
        self.text("own_question", &v.own_question, SHORT_TEXT_MAX);
        self.text("chosen_to_try", &v.chosen_to_try, SHORT_TEXT_MAX);
        self.text("agreements", &v.agreements, AGREEMENTS_MAX);
        self.text("note", &v.note, NOTE_MAX);
        if let Some(signal) = &v.signal {
            self.text("signal.text", &signal.text, SIGNAL_MAX);
        }
        self.conflicts(&v.conflicts);
    }
}

/// Everything wrong with a pushed record (empty when it may be stored).
pub fn check_change(change: &Change, today: NaiveDate) -> Vec<FieldProblem> {
    let mut checker = Checker {
        entity: change.entity(),
        this_year: today.year(),
        problems: Vec::new(),
    };
    match change {
        Change::Family(f) => checker.family(f),
        Change::Visit(v) => checker.visit(v),
    }
    checker.problems
}

#[cfg(test)]
mod tests {
    use super::*;
    use app::domain::{FamilyId, Signal, Urgency, VisitId, VisitKind};

    fn visit() -> Visit {
        Visit {
            id: VisitId::new(),
            family_id: FamilyId::new(),
            date: NaiveDate::from_ymd_opt(2026, 11, 20).unwrap(),
            kind: VisitKind::Home,
            duration_min: Some(60),
            topics: vec![],
            support: vec![],
            own_question: String::new(),
            chosen_to_try: String::new(),
            agreements: String::new(),
            next_appointment: None,
            note: "fine".into(),
            signal: None,
            prompts_used: vec![],
            updated_at_ms: 1,
            base_version: None,
            conflicts: vec![],
            deleted: false,
        }
    }

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
    }

    #[test]
    fn a_normal_visit_passes() {
        assert!(check_change(&Change::Visit(visit()), today()).is_empty());
    }

    #[test]
    fn absurd_dates_long_texts_and_zero_durations_are_named() {
        let bad = Visit {
            date: NaiveDate::from_ymd_opt(9999, 1, 1).unwrap(),
            note: "x".repeat(NOTE_MAX + 1),
            duration_min: Some(0),
            signal: Some(Signal {
                urgency: Urgency::Soon,
                text: "y".repeat(SIGNAL_MAX + 1),
            }),
            ..visit()
        };
        let fields: Vec<String> = check_change(&Change::Visit(bad), today())
            .into_iter()
            .map(|p| format!("{}:{}", p.field, p.code))
            .collect();
        assert_eq!(
            fields,
            [
                "visit.date:out_of_range",
                "visit.duration_min:out_of_range",
                "visit.note:too_long",
                "visit.signal.text:too_long"
            ]
        );
    }
}
