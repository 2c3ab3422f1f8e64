//! The one set of rules a family or a visit must meet. The forms apply them after
//! reading what was typed (`validation`), the server applies them to every pushed
//! record, so both accept exactly the same records (a property test holds them to it).
//!
//! Rules about the moment of entry (a visit not in the future, an appointment not in the
//! past) are judged at the time of the edit and only for values the edit changed: an
//! appointment that has since passed does not block renaming the family.

use super::agenda::{Group, Session, AGENDA_LANGUAGES, AGENDA_SHORT_MAX, AGENDA_TEXT_MAX};
use super::catalogue::Translated;
use super::family::{ChildDate, Family, FamilyStatus, LANGUAGES};
use super::feedback::Feedback;
use super::limits::*;
use super::triage::{SignalStatus, TriageState};
use super::validation::{Field, FieldError, FieldErrors};
use super::visit::Visit;
use super::TextConflict;
use chrono::{Months, NaiveDate, NaiveDateTime};

/// Most prompts, conflicts or other open-ended list entries in one record.
pub const LIST_MAX: usize = 50;
/// Longest code in an open-ended list (a prompt id).
pub const CODE_MAX: usize = 64;

/// What a record is judged against: the moment of the edit and the record as it was
/// before it (none for a new record).
pub struct Edit<'a, T> {
    /// When the edit was made (local wall-clock time).
    pub now: NaiveDateTime,
    /// The record before the edit.
    pub previous: Option<&'a T>,
}

impl<T> Edit<'_, T> {
    /// True when the edit changed the value `of` picks out (a new record changes all).
    fn changed<V: PartialEq>(&self, of: impl Fn(&T) -> V, current: &V) -> bool {
        self.previous.is_none_or(|p| of(p) != *current)
    }

    fn today(&self) -> NaiveDate {
        self.now.date()
    }
}

/// A text of at most `max` characters (surrounding spaces do not count), and not blank
/// where it is `required`.
pub fn text(value: &str, max: usize, required: bool) -> Result<(), FieldError> {
    let trimmed = value.trim();
    if required && trimmed.is_empty() {
        return Err(FieldError::Required);
    }
    if trimmed.chars().count() > max {
        return Err(FieldError::TooLong { max });
    }
    Ok(())
}

/// A child's birth date lies in the past but not further back than the programmes
/// serve; a due date lies within a pregnancy from today.
pub fn child_date(child: ChildDate, today: NaiveDate) -> Result<(), FieldError> {
    match child {
        ChildDate::Born(date) if date > today => Err(FieldError::BirthInFuture),
        ChildDate::Born(date)
            if today
                .checked_sub_months(Months::new(CHILD_MAX_AGE_YEARS * 12))
                .is_some_and(|oldest| date < oldest) =>
        {
            Err(FieldError::BirthTooLongAgo)
        }
        ChildDate::Born(_) => Ok(()),
        ChildDate::Expected(date) => {
            let ahead = (date - today).num_days();
            if ahead > DUE_MAX_AHEAD_DAYS {
                Err(FieldError::DueTooFarAhead)
            } else if -ahead > DUE_MAX_PASSED_DAYS {
                Err(FieldError::DueLongPassed)
            } else {
                Ok(())
            }
        }
    }
}

/// An appointment lies between today and a year ahead.
pub fn appointment(at: NaiveDateTime, today: NaiveDate) -> Result<(), FieldError> {
    if at.date() < today {
        Err(FieldError::AppointmentInPast)
    } else if (at.date() - today).num_days() > APPOINTMENT_MAX_AHEAD_DAYS {
        Err(FieldError::AppointmentTooFar)
    } else {
        Ok(())
    }
}

/// A visit took place today or in the last two years.
pub fn visit_date(date: NaiveDate, today: NaiveDate) -> Result<(), FieldError> {
    if date > today {
        Err(FieldError::VisitInFuture)
    } else if (today - date).num_days() > VISIT_MAX_AGE_DAYS {
        Err(FieldError::VisitTooOld)
    } else {
        Ok(())
    }
}

/// A visit lasted a minute to a whole day.
pub fn duration(minutes: Option<u16>) -> Result<(), FieldError> {
    match minutes {
        Some(m) if m == 0 || m > DURATION_MAX_MIN => Err(FieldError::DurationOutOfRange),
        _ => Ok(()),
    }
}

/// A list of choices names each at most once.
pub fn once<T: PartialEq>(items: &[T]) -> Result<(), FieldError> {
    let repeated = items
        .iter()
        .enumerate()
        .any(|(i, item)| items[..i].contains(item));
    match repeated {
        true => Err(FieldError::Repeated),
        false => Ok(()),
    }
}

/// An open-ended list holds at most `max` entries.
fn at_most<T>(items: &[T], max: usize) -> Result<(), FieldError> {
    match items.len() > max {
        true => Err(FieldError::TooMany { max }),
        false => Ok(()),
    }
}

fn conflicts(list: &[TextConflict]) -> Result<(), FieldError> {
    at_most(list, LIST_MAX)?;
    list.iter().try_for_each(|c| {
        text(&c.mine, NOTE_MAX, false)?;
        text(&c.theirs, NOTE_MAX, false)
    })
}

fn prompts(list: &[String]) -> Result<(), FieldError> {
    at_most(list, LIST_MAX)?;
    once(list)?;
    match list.iter().any(|p| p.is_empty() || p.len() > CODE_MAX) {
        true => Err(FieldError::UnknownChoice),
        false => Ok(()),
    }
}

/// Collects the rules' verdicts, field by field.
#[derive(Default)]
struct Verdicts(FieldErrors);

impl Verdicts {
    fn judge(&mut self, field: Field, verdict: Result<(), FieldError>) {
        if let Err(error) = verdict {
            self.0 .0.push((field, error));
        }
    }
}

/// Everything wrong with a family as edited (empty when it may be stored).
pub fn check_family(f: &Family, edit: &Edit<'_, Family>) -> FieldErrors {
    let mut v = Verdicts::default();
    v.judge(
        Field::Pseudonym,
        text(&f.pseudonym, PSEUDONYM_MAX, !f.deleted),
    );
    if edit.changed(|p| p.child, &f.child) {
        v.judge(Field::ChildDate, child_date(f.child, edit.today()));
    }
    if f.languages.iter().any(|l| !LANGUAGES.contains(&l.as_str())) {
        v.judge(Field::Languages, Err(FieldError::UnknownChoice));
    } else {
        v.judge(Field::Languages, once(&f.languages));
    }
    let ended = f.status == FamilyStatus::Ended;
    if ended != f.ended_on.is_some() {
        v.judge(Field::EndedOn, Err(FieldError::Inconsistent));
    }
    if let Some(day) = f.ended_on {
        if edit.changed(|p| p.ended_on, &f.ended_on) && day > edit.today() {
            v.judge(Field::EndedOn, Err(FieldError::InFuture));
        }
    }
    if let Some(at) = f.next_appointment {
        if edit.changed(|p| p.next_appointment, &f.next_appointment) {
            v.judge(Field::NextAppointment, appointment(at, edit.today()));
        }
    }
    v.judge(Field::Conflicts, conflicts(&f.conflicts));
    v.0
}

/// Everything wrong with a visit as edited (empty when it may be stored).
pub fn check_visit(visit: &Visit, edit: &Edit<'_, Visit>) -> FieldErrors {
    let mut v = Verdicts::default();
    if edit.changed(|p| p.date, &visit.date) {
        v.judge(Field::VisitDate, visit_date(visit.date, edit.today()));
    }
    v.judge(Field::Duration, duration(visit.duration_min));
    v.judge(Field::Topics, once(&visit.topics));
    v.judge(Field::Support, once(&visit.support));
    v.judge(
        Field::OwnQuestion,
        text(&visit.own_question, SHORT_TEXT_MAX, false),
    );
    v.judge(
        Field::ChosenToTry,
        text(&visit.chosen_to_try, SHORT_TEXT_MAX, false),
    );
    v.judge(
        Field::Agreements,
        text(&visit.agreements, AGREEMENTS_MAX, false),
    );
    if let Some(at) = visit.next_appointment {
        if edit.changed(|p| p.next_appointment, &visit.next_appointment) {
            v.judge(Field::NextAppointment, appointment(at, edit.today()));
        }
    }
    v.judge(Field::Note, text(&visit.note, NOTE_MAX, false));
    if let Some(signal) = &visit.signal {
        v.judge(Field::SignalText, text(&signal.text, SIGNAL_MAX, true));
    }
    v.judge(Field::PromptsUsed, prompts(&visit.prompts_used));
    v.judge(Field::Conflicts, conflicts(&visit.conflicts));
    v.0
}

/// Everything wrong with a reply on a visit and its answer: a reply says something, an
/// answer is optional, both fit on a screen.
pub fn check_feedback(f: &Feedback, _edit: &Edit<'_, Feedback>) -> FieldErrors {
    let mut v = Verdicts::default();
    v.judge(Field::Reply, text(&f.reply, REPLY_MAX, true));
    v.judge(Field::Answer, text(&f.answer, REPLY_MAX, false));
    if f.answered() != f.answered_at_ms.is_some() {
        v.judge(Field::Answer, Err(FieldError::Inconsistent));
    }
    v.judge(Field::Conflicts, conflicts(&f.conflicts));
    v.0
}

/// A signal's status is consistent: acknowledged and resolved states carry their
/// moments, and only a resolved signal names its action.
pub fn check_signal_status(s: &SignalStatus, _edit: &Edit<'_, SignalStatus>) -> FieldErrors {
    let mut v = Verdicts::default();
    let resolved = s.state == TriageState::Resolved;
    let consistent = resolved == s.action.is_some()
        && resolved == s.resolved_at_ms.is_some()
        && (s.state == TriageState::New) == s.acknowledged_at_ms.is_none();
    if !consistent {
        v.judge(Field::Status, Err(FieldError::Inconsistent));
    }
    v.0
}

/// A text the mother reads: Dutch where `required`, each other language one the agenda
/// speaks, each at most `max` characters.
fn translated(value: &Translated, max: usize, required: bool) -> Result<(), FieldError> {
    if value
        .0
        .keys()
        .any(|lang| !AGENDA_LANGUAGES.contains(&lang.as_str()))
    {
        return Err(FieldError::UnknownChoice);
    }
    text(value.raw("nl"), max, required)?;
    value.0.values().try_for_each(|t| text(t, max, false))
}

/// Languages spoken: at least one, each known, none twice.
fn spoken(languages: &[String]) -> Result<(), FieldError> {
    if languages.is_empty() {
        return Err(FieldError::Required);
    }
    if languages.iter().any(|l| !LANGUAGES.contains(&l.as_str())) {
        return Err(FieldError::UnknownChoice);
    }
    once(languages)
}

/// A meeting group has a name and an audience, a place, a host, and speaks known
/// languages.
pub fn check_group(g: &Group, _edit: &Edit<'_, Group>) -> FieldErrors {
    let mut v = Verdicts::default();
    v.judge(
        Field::GroupName,
        translated(&g.name, AGENDA_SHORT_MAX, true),
    );
    v.judge(
        Field::Audience,
        translated(&g.audience, AGENDA_SHORT_MAX, true),
    );
    v.judge(Field::Languages, spoken(&g.languages));
    v.judge(
        Field::Place,
        text(&g.place, AGENDA_SHORT_MAX, true).and(text(&g.address, AGENDA_SHORT_MAX, true)),
    );
    v.judge(
        Field::Directions,
        translated(&g.directions, AGENDA_TEXT_MAX, false),
    );
    v.judge(Field::Host, text(&g.host, AGENDA_SHORT_MAX, true));
    v.judge(Field::Conflicts, conflicts(&g.conflicts));
    v.0
}

/// A session ends after it starts, is not created on a day that has passed, and its
/// texts are of known languages and reasonable length; a cancelled one says why.
pub fn check_session(s: &Session, edit: &Edit<'_, Session>) -> FieldErrors {
    let mut v = Verdicts::default();
    if edit.changed(|p| p.date, &s.date) && s.date < edit.today() {
        v.judge(Field::VisitDate, Err(FieldError::InPast));
    }
    if s.ends <= s.starts {
        v.judge(Field::Ends, Err(FieldError::EndsBeforeStart));
    }
    v.judge(Field::Theme, translated(&s.theme, AGENDA_TEXT_MAX, false));
    v.judge(Field::Guest, translated(&s.guest, AGENDA_TEXT_MAX, false));
    v.judge(Field::Bring, translated(&s.bring, AGENDA_TEXT_MAX, false));
    if let Some(reason) = &s.cancelled {
        v.judge(Field::Cancelled, translated(reason, AGENDA_TEXT_MAX, true));
    }
    v.judge(Field::Conflicts, conflicts(&s.conflicts));
    v.0
}
