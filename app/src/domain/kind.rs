//! A kind of record that syncs, declared once: its name on the wire, its id, who
//! receives it, its free texts for the three-way merge and its rules. The outbox, the
//! device store, the server's checks, merge and authorisation all work from this
//! declaration; adding a kind is one `impl RecordKind` plus its line in
//! `store::outbox::record_kinds!` and its screens.

use super::rules::{
    check_family, check_feedback, check_group, check_session, check_signal_status, check_visit,
    Edit,
};
use super::{
    Family, Feedback, FieldErrors, Group, Session, SignalStatus, TextConflict, TextField, Visit,
};
use chrono::NaiveDateTime;
use serde::de::DeserializeOwned;
use serde::Serialize;

/// Who receives the records of a kind through their pull.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Audience {
    /// The volunteer it belongs to (coordinators read it on the server, logged).
    Owner,
    /// Every coordinator of the organisation (signal triage, supervision notes).
    Coordinators,
    /// Everyone of the organisation (meeting groups and their sessions).
    Organisation,
    /// The author of the visit it answers (a coordinator's feedback).
    VisitAuthor,
}

/// The declaration of a synced kind of record.
pub trait RecordKind: Clone + PartialEq + Serialize + DeserializeOwned {
    /// Its name on the wire and in the server's store (`family`, `visit`).
    const ENTITY: &'static str;
    /// Who receives it.
    const AUDIENCE: Audience;
    /// Its free texts: changed on two sides, both are kept for her to choose.
    const MERGE_TEXTS: &'static [TextField];

    /// Its id, as text (ids are UUIDs).
    fn record_id(&self) -> String;
    /// The record whose owner it shares, as (entity, id): a visit's family.
    fn belongs_to(&self) -> Option<(&'static str, String)> {
        None
    }
    /// The server version the edit was based on.
    fn base_version(&self) -> Option<u64>;
    /// Marks the record as based on server `version`.
    fn set_base_version(&mut self, version: u64);
    /// True for a tombstone.
    fn is_deleted(&self) -> bool;
    /// Texts waiting for her choice between two versions.
    fn conflicts(&self) -> &[TextConflict];
    /// What a person's phone may do to a record of this kind, given the record before
    /// (the server refuses the rest as forbidden). Diaries are hers to write.
    fn device_may_write(&self, _previous: Option<&Self>) -> Result<(), &'static str> {
        Ok(())
    }
    /// The one set of rules, used by the forms and by the server (see `rules`).
    fn check(&self, now: NaiveDateTime, previous: Option<&Self>) -> FieldErrors;
    /// A typical record: documentation examples and the declaration tests.
    fn example() -> Self;
}

/// The bookkeeping every synced record carries under the same names.
macro_rules! sync_fields {
    () => {
        fn record_id(&self) -> String {
            self.id.to_string()
        }
        fn base_version(&self) -> Option<u64> {
            self.base_version
        }
        fn set_base_version(&mut self, version: u64) {
            self.base_version = Some(version);
        }
        fn is_deleted(&self) -> bool {
            self.deleted
        }
        fn conflicts(&self) -> &[TextConflict] {
            &self.conflicts
        }
    };
}

impl RecordKind for Family {
    const ENTITY: &'static str = "family";
    const AUDIENCE: Audience = Audience::Owner;
    const MERGE_TEXTS: &'static [TextField] = &[TextField::Pseudonym];
    sync_fields!();

    fn check(&self, now: NaiveDateTime, previous: Option<&Self>) -> FieldErrors {
        check_family(self, &Edit { now, previous })
    }

    fn example() -> Self {
        use super::{Cadence, ChildDate, FamilyStatus, Programme};
        let day = chrono::NaiveDate::from_ymd_opt(2026, 9, 14).unwrap_or_default();
        Family {
            id: super::FamilyId::default(),
            pseudonym: "Samira B".into(),
            child: ChildDate::Born(day),
            languages: vec!["ar".into(), "nl".into()],
            programme: Programme::Mim,
            cadence: Cadence::Monthly,
            status: FamilyStatus::Active,
            next_appointment: chrono::NaiveDate::from_ymd_opt(2026, 12, 1)
                .and_then(|d| d.and_hms_opt(10, 0, 0)),
            ended_on: None,
            shares_notes: true,
            updated_at_ms: 1_790_000_000_000,
            base_version: Some(3),
            conflicts: vec![],
            deleted: false,
        }
    }
}

impl RecordKind for Visit {
    const ENTITY: &'static str = "visit";
    const AUDIENCE: Audience = Audience::Owner;
    const MERGE_TEXTS: &'static [TextField] = &[
        TextField::OwnQuestion,
        TextField::ChosenToTry,
        TextField::Agreements,
        TextField::Note,
        TextField::SignalText,
    ];
    sync_fields!();

    fn belongs_to(&self) -> Option<(&'static str, String)> {
        Some((Family::ENTITY, self.family_id.to_string()))
    }

    fn check(&self, now: NaiveDateTime, previous: Option<&Self>) -> FieldErrors {
        check_visit(self, &Edit { now, previous })
    }

    fn example() -> Self {
        use super::{Signal, SupportForm, Topic, Urgency, VisitKind};
        let day = chrono::NaiveDate::from_ymd_opt(2026, 11, 2).unwrap_or_default();
        Visit {
            id: super::VisitId::default(),
            family_id: super::FamilyId::default(),
            date: day,
            kind: VisitKind::Home,
            duration_min: Some(75),
            topics: vec![Topic::Sleep, Topic::Network],
            support: vec![SupportForm::Emotional],
            own_question: "How do I get him to sleep in his own bed?".into(),
            chosen_to_try: "A fixed evening routine with a song".into(),
            agreements: "We go to the library together next time".into(),
            next_appointment: chrono::NaiveDate::from_ymd_opt(2026, 12, 7)
                .and_then(|d| d.and_hms_opt(14, 30, 0)),
            note: "She seemed tired but cheerful".into(),
            signal: Some(Signal {
                urgency: Urgency::Soon,
                text: "She says she cries a lot at night".into(),
            }),
            prompts_used: vec!["sleep-routine".into()],
            updated_at_ms: 1_790_000_000_000,
            base_version: Some(1),
            conflicts: vec![],
            deleted: false,
        }
    }
}

impl RecordKind for Feedback {
    const ENTITY: &'static str = "feedback";
    const AUDIENCE: Audience = Audience::VisitAuthor;
    const MERGE_TEXTS: &'static [TextField] = &[TextField::Reply, TextField::Answer];
    sync_fields!();

    fn belongs_to(&self) -> Option<(&'static str, String)> {
        Some((Visit::ENTITY, self.visit_id.to_string()))
    }

    fn device_may_write(&self, previous: Option<&Self>) -> Result<(), &'static str> {
        Feedback::device_may_write(self, previous)
    }

    fn check(&self, now: NaiveDateTime, previous: Option<&Self>) -> FieldErrors {
        check_feedback(self, &Edit { now, previous })
    }

    fn example() -> Self {
        Feedback {
            id: super::FeedbackId::default(),
            visit_id: super::VisitId::default(),
            reply: "Good that you asked about the night crying; shall we call on Monday?".into(),
            replied_by: "Anna".into(),
            replied_at_ms: 1_790_000_000_000,
            read_at_ms: Some(1_790_000_100_000),
            answer: "Yes, Monday morning suits me".into(),
            answered_at_ms: Some(1_790_000_200_000),
            updated_at_ms: 1_790_000_200_000,
            base_version: Some(2),
            conflicts: vec![],
            deleted: false,
        }
    }
}

impl RecordKind for SignalStatus {
    const ENTITY: &'static str = "signal_status";
    const AUDIENCE: Audience = Audience::VisitAuthor;
    const MERGE_TEXTS: &'static [TextField] = &[];
    sync_fields!();

    fn belongs_to(&self) -> Option<(&'static str, String)> {
        Some((Visit::ENTITY, self.id.to_string()))
    }

    fn device_may_write(&self, _previous: Option<&Self>) -> Result<(), &'static str> {
        Err("the coordinator handles signals")
    }

    fn check(&self, now: NaiveDateTime, previous: Option<&Self>) -> FieldErrors {
        check_signal_status(self, &Edit { now, previous })
    }

    fn example() -> Self {
        use super::{TriageAction, TriageState, Urgency};
        SignalStatus {
            id: super::VisitId::default(),
            state: TriageState::Resolved,
            urgency: Urgency::Urgent,
            acknowledged_at_ms: Some(1_790_000_000_000),
            resolved_at_ms: Some(1_790_100_000_000),
            action: Some(TriageAction::ReferredYouthHealth),
            updated_at_ms: 1_790_100_000_000,
            base_version: Some(2),
            conflicts: vec![],
            deleted: false,
        }
    }
}

impl RecordKind for Group {
    const ENTITY: &'static str = "group";
    const AUDIENCE: Audience = Audience::Organisation;
    const MERGE_TEXTS: &'static [TextField] = &[];
    sync_fields!();

    fn device_may_write(&self, _previous: Option<&Self>) -> Result<(), &'static str> {
        Err("the agenda is kept in the workspace")
    }

    fn check(&self, now: NaiveDateTime, previous: Option<&Self>) -> FieldErrors {
        check_group(self, &Edit { now, previous })
    }

    fn example() -> Self {
        use super::Frequency;
        let text = |nl: &str, en: &str| {
            super::Translated([("nl".into(), nl.into()), ("en".into(), en.into())].into())
        };
        Group {
            id: super::GroupId::default(),
            name: text("Babygroep Oost", "Baby group East"),
            audience: text(
                "Eerste baby's tot 18 maanden",
                "First babies up to 18 months",
            ),
            languages: vec!["nl".into(), "en".into()],
            place: "Speel-o-theek De Ark".into(),
            address: "Kerkstraat 12, Dordrecht".into(),
            directions: text("Ingang naast de bakker", "Entrance next to the bakery"),
            host: "Fatima".into(),
            host_account: None,
            frequency: Frequency::Weekly,
            walk_in: true,
            ended: false,
            updated_at_ms: 1_790_000_000_000,
            base_version: Some(1),
            conflicts: vec![],
            deleted: false,
        }
    }
}

impl RecordKind for Session {
    const ENTITY: &'static str = "session";
    const AUDIENCE: Audience = Audience::Organisation;
    const MERGE_TEXTS: &'static [TextField] = &[];
    sync_fields!();

    fn belongs_to(&self) -> Option<(&'static str, String)> {
        Some((Group::ENTITY, self.group_id.to_string()))
    }

    fn device_may_write(&self, _previous: Option<&Self>) -> Result<(), &'static str> {
        Err("the agenda is kept in the workspace")
    }

    fn check(&self, now: NaiveDateTime, previous: Option<&Self>) -> FieldErrors {
        check_session(self, &Edit { now, previous })
    }

    fn example() -> Self {
        let text = |nl: &str, en: &str| {
            super::Translated([("nl".into(), nl.into()), ("en".into(), en.into())].into())
        };
        Session {
            id: super::SessionId::default(),
            group_id: super::GroupId::default(),
            date: chrono::NaiveDate::from_ymd_opt(2026, 12, 8).unwrap_or_default(),
            starts: chrono::NaiveTime::from_hms_opt(10, 0, 0).unwrap_or_default(),
            ends: chrono::NaiveTime::from_hms_opt(11, 30, 0).unwrap_or_default(),
            theme: text("Slapen", "Sleep"),
            guest: text("Jeugdverpleegkundige", "Youth nurse"),
            bring: text("Een handdoek", "A towel"),
            cancelled: None,
            sequence: 0,
            updated_at_ms: 1_790_000_000_000,
            base_version: Some(1),
            conflicts: vec![],
            deleted: false,
        }
    }
}
