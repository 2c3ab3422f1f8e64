//! Turning what was typed into a form into a valid record — or into a list of precise,
//! per-field problems. Forms keep their raw text (so a draft can hold anything); only a
//! successful parse is ever stored, so nothing is saved half.

use super::family::{Cadence, ChildDate, Family, FamilyStatus, Programme, LANGUAGES};
use super::ids::FamilyId;
use super::kind::RecordKind;
use super::visit::{Signal, SupportForm, Topic, Urgency, Visit, VisitKind};
use chrono::{NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};

/// A field of a record that can carry an error: on the forms it is shown under its input,
/// from the server it comes back named by [`Field::wire`]. Declared in form order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Field {
    /// Family pseudonym.
    Pseudonym,
    /// Child's birth or due date.
    ChildDate,
    /// Family languages.
    Languages,
    /// Programme.
    Programme,
    /// Visit cadence.
    Cadence,
    /// Family status.
    Status,
    /// When the family's support ended.
    EndedOn,
    /// Visit date.
    VisitDate,
    /// Visit kind.
    Kind,
    /// Visit duration.
    Duration,
    /// Topics talked about.
    Topics,
    /// Forms of support given.
    Support,
    /// Mother's own question.
    OwnQuestion,
    /// What she chose to try.
    ChosenToTry,
    /// Agreements.
    Agreements,
    /// Next appointment (family or visit).
    NextAppointment,
    /// Free note.
    Note,
    /// Signal urgency.
    SignalUrgency,
    /// Signal text.
    SignalText,
    /// Conversation prompts used.
    PromptsUsed,
    /// Texts waiting for her choice.
    Conflicts,
    /// A coordinator's reply.
    Reply,
    /// The volunteer's answer to a reply.
    Answer,
    /// Whether the family agreed that the coordinator reads the notes.
    SharesNotes,
    /// A meeting group's name.
    GroupName,
    /// Who a meeting group is for.
    Audience,
    /// Where a meeting group meets (place and address).
    Place,
    /// How to find the place.
    Directions,
    /// A meeting group's host.
    Host,
    /// A session's start time.
    Starts,
    /// A session's end time.
    Ends,
    /// A session's theme.
    Theme,
    /// A session's guest.
    Guest,
    /// What to bring to a session.
    Bring,
    /// Why a session is cancelled.
    Cancelled,
}

impl Field {
    /// The field's name in the record's JSON, as the server reports it (`visit.note`
    /// names [`Field::Note`] of a visit).
    pub fn wire(self) -> &'static str {
        match self {
            Field::Pseudonym => "pseudonym",
            Field::ChildDate => "child",
            Field::Languages => "languages",
            Field::Programme => "programme",
            Field::Cadence => "cadence",
            Field::Status => "status",
            Field::EndedOn => "ended_on",
            Field::VisitDate => "date",
            Field::Kind => "kind",
            Field::Duration => "duration_min",
            Field::Topics => "topics",
            Field::Support => "support",
            Field::OwnQuestion => "own_question",
            Field::ChosenToTry => "chosen_to_try",
            Field::Agreements => "agreements",
            Field::NextAppointment => "next_appointment",
            Field::Note => "note",
            Field::SignalUrgency => "signal.urgency",
            Field::SignalText => "signal.text",
            Field::PromptsUsed => "prompts_used",
            Field::Conflicts => "conflicts",
            Field::Reply => "reply",
            Field::Answer => "answer",
            Field::SharesNotes => "shares_notes",
            Field::GroupName => "name",
            Field::Audience => "audience",
            Field::Place => "place",
            Field::Directions => "directions",
            Field::Host => "host",
            Field::Starts => "starts",
            Field::Ends => "ends",
            Field::Theme => "theme",
            Field::Guest => "guest",
            Field::Bring => "bring",
            Field::Cancelled => "cancelled",
        }
    }
}

/// What is wrong with a field; the translation layer turns it into a sentence.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FieldError {
    /// Nothing filled in.
    Required,
    /// Longer than allowed.
    TooLong {
        /// The limit in characters.
        max: usize,
    },
    /// Not a date/time the app understands.
    InvalidDate,
    /// Not a whole number.
    InvalidNumber,
    /// A birth date after today.
    BirthInFuture,
    /// A birth date longer ago than the programmes serve.
    BirthTooLongAgo,
    /// A due date further ahead than a pregnancy lasts.
    DueTooFarAhead,
    /// A due date passed weeks ago: the child has probably been born.
    DueLongPassed,
    /// A visit dated after today.
    VisitInFuture,
    /// A visit dated years ago.
    VisitTooOld,
    /// An appointment in the past.
    AppointmentInPast,
    /// An appointment more than a year ahead.
    AppointmentTooFar,
    /// Duration outside 1..=600 minutes.
    DurationOutOfRange,
    /// A choice that is not one of the options.
    UnknownChoice,
    /// The same choice more than once.
    Repeated,
    /// More entries than a record may hold.
    TooMany {
        /// The most allowed.
        max: usize,
    },
    /// A date after today where only past days make sense.
    InFuture,
    /// Fields that contradict each other (an end date on a family that has not ended).
    Inconsistent,
    /// An end time not after the start time.
    EndsBeforeStart,
    /// A new session on a day that has passed.
    InPast,
}

impl FieldError {
    /// Machine-readable code, as the server reports it.
    pub fn code(self) -> &'static str {
        match self {
            FieldError::Required => "required",
            FieldError::TooLong { .. } => "too_long",
            FieldError::InvalidDate => "invalid_date",
            FieldError::InvalidNumber => "invalid_number",
            FieldError::BirthInFuture => "birth_in_future",
            FieldError::BirthTooLongAgo => "birth_too_long_ago",
            FieldError::DueTooFarAhead => "due_too_far_ahead",
            FieldError::DueLongPassed => "due_long_passed",
            FieldError::VisitInFuture => "visit_in_future",
            FieldError::VisitTooOld => "visit_too_old",
            FieldError::AppointmentInPast => "appointment_in_past",
            FieldError::AppointmentTooFar => "appointment_too_far",
            FieldError::DurationOutOfRange => "out_of_range",
            FieldError::UnknownChoice => "unknown_choice",
            FieldError::Repeated => "repeated",
            FieldError::TooMany { .. } => "too_many",
            FieldError::InFuture => "in_future",
            FieldError::Inconsistent => "inconsistent",
            FieldError::EndsBeforeStart => "ends_before_start",
            FieldError::InPast => "in_past",
        }
    }
}

/// All problems of one form, in field order.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct FieldErrors(pub Vec<(Field, FieldError)>);

impl FieldErrors {
    /// The problem with `field`, if any.
    pub fn get(&self, field: Field) -> Option<FieldError> {
        self.0.iter().find(|(f, _)| *f == field).map(|(_, e)| *e)
    }

    /// True when the form is valid.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    fn push(&mut self, field: Field, error: FieldError) {
        self.0.push((field, error));
    }

    fn check<T>(&mut self, field: Field, result: Result<T, FieldError>) -> Option<T> {
        result.map_err(|e| self.push(field, e)).ok()
    }
}

/// Raw contents of the family form, exactly as typed (also the draft format).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct FamilyInput {
    /// Pseudonym text.
    pub pseudonym: String,
    /// "born" or "expected".
    pub child_kind: String,
    /// `YYYY-MM-DD`.
    pub child_date: String,
    /// Language codes.
    pub languages: Vec<String>,
    /// [`Programme::code`].
    pub programme: String,
    /// [`Cadence::code`].
    pub cadence: String,
    /// [`FamilyStatus::code`].
    pub status: String,
    /// `YYYY-MM-DDTHH:MM` or empty.
    pub next_appointment: String,
    /// The mother agreed that the coordinator reads the notes.
    #[serde(default)]
    pub shares_notes: bool,
}

/// Raw contents of the visit form, exactly as typed (also the draft format).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct VisitInput {
    /// `YYYY-MM-DD`.
    pub date: String,
    /// [`VisitKind::code`].
    pub kind: String,
    /// Minutes as typed.
    pub duration: String,
    /// Ticked topic codes.
    pub topics: Vec<String>,
    /// Ticked support-form codes.
    pub support: Vec<String>,
    /// The mother's own question.
    pub own_question: String,
    /// What she chose to try.
    pub chosen_to_try: String,
    /// Agreements.
    pub agreements: String,
    /// `YYYY-MM-DDTHH:MM` or empty.
    pub next_appointment: String,
    /// Free note.
    pub note: String,
    /// Whether a signal is raised.
    pub signal_on: bool,
    /// [`Urgency::code`].
    pub signal_urgency: String,
    /// Signal text.
    pub signal_text: String,
    /// Prompts used (kept as-is).
    #[serde(default)]
    pub prompts_used: Vec<String>,
}

fn parse_date(raw: &str) -> Result<NaiveDate, FieldError> {
    let raw = raw.trim();
    if raw.is_empty() {
        return Err(FieldError::Required);
    }
    super::dates::parse_date(raw).ok_or(FieldError::InvalidDate)
}

fn parse_datetime(raw: &str) -> Result<Option<NaiveDateTime>, FieldError> {
    let raw = raw.trim();
    if raw.is_empty() {
        return Ok(None);
    }
    super::dates::parse_datetime(raw)
        .map(Some)
        .ok_or(FieldError::InvalidDate)
}

/// Formats a date-time the way `<input type="datetime-local">` wants it.
pub fn datetime_input_value(dt: Option<NaiveDateTime>) -> String {
    dt.map(super::dates::format_datetime).unwrap_or_default()
}

fn choice<T>(raw: &str, parse: impl Fn(&str) -> Option<T>) -> Result<T, FieldError> {
    if raw.trim().is_empty() {
        return Err(FieldError::Required);
    }
    parse(raw).ok_or(FieldError::UnknownChoice)
}

/// The codes of a chip list this version knows, in order. A code it does not know (a
/// draft kept by another version of Naast) is left out on its own; the rest stays.
fn known_choices<T>(raw: &[String], parse: impl Fn(&str) -> Option<T>) -> Vec<T> {
    raw.iter().filter_map(|code| parse(code)).collect()
}

fn child_date(kind: &str, raw: &str) -> Result<ChildDate, FieldError> {
    let date = parse_date(raw)?;
    match kind {
        "born" => Ok(ChildDate::Born(date)),
        "expected" => Ok(ChildDate::Expected(date)),
        _ => Err(FieldError::UnknownChoice),
    }
}

fn duration(raw: &str) -> Result<Option<u16>, FieldError> {
    let raw = raw.trim();
    if raw.is_empty() {
        return Ok(None);
    }
    let minutes: u32 = raw.parse().map_err(|_| FieldError::InvalidNumber)?;
    u16::try_from(minutes)
        .map(Some)
        .map_err(|_| FieldError::DurationOutOfRange)
}

impl FieldErrors {
    /// The problems of what was typed (unreadable or missing values) followed by the
    /// record rules' verdicts on the fields that could be read, in form order.
    fn with_rules(mut self, rules: FieldErrors) -> FieldErrors {
        for (field, error) in rules.0 {
            if self.get(field).is_none() {
                self.push(field, error);
            }
        }
        self.0.sort_by_key(|(field, _)| *field);
        self
    }

    /// The record read from a form, unless reading it or its kind's rules found problems.
    fn judged<K: RecordKind>(
        self,
        record: K,
        now: NaiveDateTime,
        previous: Option<&K>,
    ) -> Result<K, FieldErrors> {
        let errors = self.with_rules(record.check(now, previous));
        match errors.is_empty() {
            true => Ok(record),
            false => Err(errors),
        }
    }
}

impl FamilyInput {
    /// The form contents for an existing family.
    pub fn from_family(f: &Family) -> Self {
        let (child_kind, date) = match f.child {
            ChildDate::Born(d) => ("born", d),
            ChildDate::Expected(d) => ("expected", d),
        };
        FamilyInput {
            pseudonym: f.pseudonym.clone(),
            child_kind: child_kind.into(),
            child_date: super::dates::format_date(date),
            languages: f.languages.clone(),
            programme: f.programme.code().into(),
            cadence: f.cadence.code().into(),
            status: f.status.code().into(),
            next_appointment: datetime_input_value(f.next_appointment),
            shares_notes: f.shares_notes,
        }
    }

    /// An empty form with sensible defaults (MIM, monthly, intake).
    pub fn blank() -> Self {
        FamilyInput {
            child_kind: "born".into(),
            programme: Programme::Mim.code().into(),
            cadence: Cadence::Monthly.code().into(),
            status: FamilyStatus::Intake.code().into(),
            ..Default::default()
        }
    }

    /// Validates the form into a family, keeping id and sync fields of `existing`: what
    /// was typed is read first, then the record rules (`rules`) judge the result.
    pub fn parse(
        &self,
        existing: Option<&Family>,
        now: NaiveDateTime,
        now_ms: i64,
    ) -> Result<Family, FieldErrors> {
        let today = now.date();
        let mut unread = FieldErrors::default();
        let child = unread.check(
            Field::ChildDate,
            child_date(&self.child_kind, &self.child_date),
        );
        let languages = unread.check(
            Field::Languages,
            self.languages
                .iter()
                .map(|c| {
                    LANGUAGES
                        .contains(&c.as_str())
                        .then(|| c.clone())
                        .ok_or(FieldError::UnknownChoice)
                })
                .collect::<Result<Vec<_>, _>>(),
        );
        let programme = unread.check(
            Field::Programme,
            choice(&self.programme, Programme::from_code),
        );
        let cadence = unread.check(Field::Cadence, choice(&self.cadence, Cadence::from_code));
        let status = unread.check(Field::Status, choice(&self.status, FamilyStatus::from_code));
        let next = unread.check(
            Field::NextAppointment,
            parse_datetime(&self.next_appointment),
        );
        let status_read = status.unwrap_or(FamilyStatus::Intake);
        let family = Family {
            id: existing.map(|f| f.id).unwrap_or_default(),
            pseudonym: self.pseudonym.trim().to_string(),
            child: child.unwrap_or(ChildDate::Born(today)),
            languages: languages.unwrap_or_default(),
            programme: programme.unwrap_or(Programme::Mim),
            cadence: cadence.unwrap_or(Cadence::Monthly),
            status: status_read,
            next_appointment: next.flatten(),
            ended_on: match status_read {
                FamilyStatus::Ended => existing.and_then(|f| f.ended_on).or(Some(today)),
                _ => None,
            },
            shares_notes: self.shares_notes,
            updated_at_ms: now_ms,
            base_version: existing.and_then(|f| f.base_version),
            conflicts: existing.map(|f| f.conflicts.clone()).unwrap_or_default(),
            deleted: false,
        };
        unread.judged(family, now, existing)
    }
}

impl VisitInput {
    /// An empty visit form for today, at home.
    pub fn blank(today: NaiveDate) -> Self {
        VisitInput {
            date: super::dates::format_date(today),
            kind: VisitKind::Home.code().into(),
            signal_urgency: Urgency::Soon.code().into(),
            ..Default::default()
        }
    }

    /// The form contents for an existing visit.
    pub fn from_visit(v: &Visit) -> Self {
        VisitInput {
            date: super::dates::format_date(v.date),
            kind: v.kind.code().into(),
            duration: v.duration_min.map(|d| d.to_string()).unwrap_or_default(),
            topics: v.topics.iter().map(|t| t.code().to_string()).collect(),
            support: v.support.iter().map(|s| s.code().to_string()).collect(),
            own_question: v.own_question.clone(),
            chosen_to_try: v.chosen_to_try.clone(),
            agreements: v.agreements.clone(),
            next_appointment: datetime_input_value(v.next_appointment),
            note: v.note.clone(),
            signal_on: v.signal.is_some(),
            signal_urgency: v
                .signal
                .as_ref()
                .map(|s| s.urgency)
                .unwrap_or(Urgency::Soon)
                .code()
                .into(),
            signal_text: v
                .signal
                .as_ref()
                .map(|s| s.text.clone())
                .unwrap_or_default(),
            prompts_used: v.prompts_used.clone(),
        }
    }

    /// Validates the form into a visit of `family_id`, keeping id and sync fields of
    /// `existing`: what was typed is read first, then the record rules judge the result.
    pub fn parse(
        &self,
        family_id: FamilyId,
        existing: Option<&Visit>,
        now: NaiveDateTime,
        now_ms: i64,
    ) -> Result<Visit, FieldErrors> {
        let today = now.date();
        let mut unread = FieldErrors::default();
        let date = unread.check(Field::VisitDate, parse_date(&self.date));
        let kind = unread.check(Field::Kind, choice(&self.kind, VisitKind::from_code));
        let duration_min = unread.check(Field::Duration, duration(&self.duration));
        let next = unread.check(
            Field::NextAppointment,
            parse_datetime(&self.next_appointment),
        );
        let urgency = match self.signal_on {
            true => unread.check(
                Field::SignalUrgency,
                choice(&self.signal_urgency, Urgency::from_code),
            ),
            false => None,
        };
        let visit = Visit {
            id: existing.map(|v| v.id).unwrap_or_default(),
            family_id,
            date: date.unwrap_or(today),
            kind: kind.unwrap_or(VisitKind::Home),
            duration_min: duration_min.flatten(),
            topics: known_choices(&self.topics, Topic::from_code),
            support: known_choices(&self.support, SupportForm::from_code),
            own_question: self.own_question.trim().to_string(),
            chosen_to_try: self.chosen_to_try.trim().to_string(),
            agreements: self.agreements.trim().to_string(),
            next_appointment: next.flatten(),
            note: self.note.trim().to_string(),
            signal: self.signal_on.then(|| Signal {
                urgency: urgency.unwrap_or(Urgency::Soon),
                text: self.signal_text.trim().to_string(),
            }),
            prompts_used: self.prompts_used.clone(),
            updated_at_ms: now_ms,
            base_version: existing.and_then(|v| v.base_version),
            conflicts: existing.map(|v| v.conflicts.clone()).unwrap_or_default(),
            deleted: false,
        };
        unread.judged(visit, now, existing)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::limits::*;

    fn now() -> NaiveDateTime {
        NaiveDate::from_ymd_opt(2026, 11, 23)
            .unwrap()
            .and_hms_opt(10, 30, 0)
            .unwrap()
    }

    fn family_input() -> FamilyInput {
        FamilyInput {
            pseudonym: "  Samira ".into(),
            child_date: "2026-04-10".into(),
            languages: vec!["ar".into(), "nl".into()],
            ..FamilyInput::blank()
        }
    }

    #[test]
    fn a_valid_family_is_trimmed_and_kept() {
        let f = family_input().parse(None, now(), 1).unwrap();
        assert_eq!(f.pseudonym, "Samira");
        assert_eq!(
            f.child,
            ChildDate::Born(NaiveDate::from_ymd_opt(2026, 4, 10).unwrap())
        );
        assert_eq!(f.languages, vec!["ar", "nl"]);
    }

    #[test]
    fn a_family_without_a_name_is_refused() {
        let input = FamilyInput {
            pseudonym: "   ".into(),
            ..family_input()
        };
        let errors = input.parse(None, now(), 1).unwrap_err();
        assert_eq!(errors.get(Field::Pseudonym), Some(FieldError::Required));
    }

    #[test]
    fn a_birth_date_two_years_ahead_is_refused() {
        let input = FamilyInput {
            child_date: "2028-11-23".into(),
            ..family_input()
        };
        assert_eq!(
            input
                .parse(None, now(), 1)
                .unwrap_err()
                .get(Field::ChildDate),
            Some(FieldError::BirthInFuture)
        );
    }

    #[test]
    fn due_dates_must_fit_a_pregnancy() {
        let far = FamilyInput {
            child_kind: "expected".into(),
            child_date: "2027-12-01".into(),
            ..family_input()
        };
        assert_eq!(
            far.parse(None, now(), 1).unwrap_err().get(Field::ChildDate),
            Some(FieldError::DueTooFarAhead)
        );
        let passed = FamilyInput {
            child_kind: "expected".into(),
            child_date: "2026-09-01".into(),
            ..family_input()
        };
        assert_eq!(
            passed
                .parse(None, now(), 1)
                .unwrap_err()
                .get(Field::ChildDate),
            Some(FieldError::DueLongPassed)
        );
        let fine = FamilyInput {
            child_kind: "expected".into(),
            child_date: "2027-02-01".into(),
            ..family_input()
        };
        assert!(fine.parse(None, now(), 1).is_ok());
    }

    #[test]
    fn an_overlong_pseudonym_says_the_limit() {
        let input = FamilyInput {
            pseudonym: "x".repeat(PSEUDONYM_MAX + 1),
            ..family_input()
        };
        assert_eq!(
            input
                .parse(None, now(), 1)
                .unwrap_err()
                .get(Field::Pseudonym),
            Some(FieldError::TooLong { max: PSEUDONYM_MAX })
        );
    }

    #[test]
    fn unknown_languages_and_programmes_are_refused() {
        let input = FamilyInput {
            languages: vec!["klingon".into()],
            programme: "x".into(),
            ..family_input()
        };
        let errors = input.parse(None, now(), 1).unwrap_err();
        assert_eq!(
            errors.get(Field::Languages),
            Some(FieldError::UnknownChoice)
        );
        assert_eq!(
            errors.get(Field::Programme),
            Some(FieldError::UnknownChoice)
        );
    }

    #[test]
    fn ending_a_family_records_the_day() {
        let input = FamilyInput {
            status: "ended".into(),
            ..family_input()
        };
        assert_eq!(
            input.parse(None, now(), 1).unwrap().ended_on,
            Some(now().date())
        );
    }

    #[test]
    fn an_unknown_topic_code_leaves_the_other_topics() {
        let input = VisitInput {
            topics: vec![
                "sleep".into(),
                "from-a-newer-version".into(),
                "crying".into(),
            ],
            support: vec!["emotional".into(), "gone".into()],
            ..visit_input()
        };
        let v = input.parse(FamilyId::new(), None, now(), 1).unwrap();
        assert_eq!(v.topics, vec![Topic::Sleep, Topic::Crying]);
        assert_eq!(v.support, vec![SupportForm::Emotional]);
    }

    fn visit_input() -> VisitInput {
        VisitInput {
            duration: "75".into(),
            topics: vec!["sleep".into(), "crying".into()],
            support: vec!["emotional".into()],
            note: "We walked to the library.".into(),
            ..VisitInput::blank(now().date())
        }
    }

    #[test]
    fn a_valid_visit_parses_with_every_field() {
        let family = FamilyId::new();
        let input = VisitInput {
            next_appointment: "2026-12-07T10:00".into(),
            signal_on: true,
            signal_text: "Seems very tired".into(),
            ..visit_input()
        };
        let v = input.parse(family, None, now(), 5).unwrap();
        assert_eq!(v.family_id, family);
        assert_eq!(v.duration_min, Some(75));
        assert_eq!(v.topics, vec![Topic::Sleep, Topic::Crying]);
        assert_eq!(v.signal.unwrap().urgency, Urgency::Soon);
        assert!(v.next_appointment.is_some());
    }

    #[test]
    fn a_visit_next_year_is_refused() {
        let input = VisitInput {
            date: "2027-11-23".into(),
            ..visit_input()
        };
        let errors = input.parse(FamilyId::new(), None, now(), 1).unwrap_err();
        assert_eq!(
            errors.get(Field::VisitDate),
            Some(FieldError::VisitInFuture)
        );
    }

    #[test]
    fn nonsense_dates_and_numbers_are_refused() {
        let input = VisitInput {
            date: "23-11-2026".into(),
            duration: "lang".into(),
            ..visit_input()
        };
        let errors = input.parse(FamilyId::new(), None, now(), 1).unwrap_err();
        assert_eq!(errors.get(Field::VisitDate), Some(FieldError::InvalidDate));
        assert_eq!(errors.get(Field::Duration), Some(FieldError::InvalidNumber));
        let zero = VisitInput {
            duration: "0".into(),
            ..visit_input()
        };
        assert_eq!(
            zero.parse(FamilyId::new(), None, now(), 1)
                .unwrap_err()
                .get(Field::Duration),
            Some(FieldError::DurationOutOfRange)
        );
    }

    #[test]
    fn a_signal_needs_words() {
        let input = VisitInput {
            signal_on: true,
            signal_text: " ".into(),
            ..visit_input()
        };
        let errors = input.parse(FamilyId::new(), None, now(), 1).unwrap_err();
        assert_eq!(errors.get(Field::SignalText), Some(FieldError::Required));
    }

    #[test]
    fn past_appointments_are_refused_unless_unchanged() {
        let input = VisitInput {
            next_appointment: "2026-11-01T10:00".into(),
            ..visit_input()
        };
        let errors = input.parse(FamilyId::new(), None, now(), 1).unwrap_err();
        assert_eq!(
            errors.get(Field::NextAppointment),
            Some(FieldError::AppointmentInPast)
        );
        let mut existing = visit_input()
            .parse(FamilyId::new(), None, now(), 1)
            .unwrap();
        existing.next_appointment = parse_datetime("2026-11-01T10:00").unwrap();
        assert!(input
            .parse(existing.family_id, Some(&existing), now(), 2)
            .is_ok());
    }

    #[test]
    fn editing_keeps_the_identity() {
        let family = FamilyId::new();
        let first = visit_input().parse(family, None, now(), 1).unwrap();
        let again = VisitInput::from_visit(&first)
            .parse(family, Some(&first), now(), 2)
            .unwrap();
        assert_eq!(again.id, first.id);
        assert_eq!(
            VisitInput::from_visit(&again),
            VisitInput::from_visit(&first)
        );
    }

    proptest::proptest! {
        #[test]
        fn any_text_either_parses_or_names_the_field(note in ".{0,6000}", question in ".{0,1200}") {
            let input = VisitInput { note: note.clone(), own_question: question.clone(), ..visit_input() };
            match input.parse(FamilyId::new(), None, now(), 1) {
                Ok(v) => {
                    proptest::prop_assert!(v.note.chars().count() <= NOTE_MAX);
                    proptest::prop_assert!(v.own_question.chars().count() <= SHORT_TEXT_MAX);
                }
                Err(errors) => proptest::prop_assert!(
                    errors.get(Field::Note).is_some() || errors.get(Field::OwnQuestion).is_some()
                ),
            }
        }
    }
}
