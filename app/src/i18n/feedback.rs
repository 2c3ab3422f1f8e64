//! Texts of the coordinator's feedback and of signal handling as the volunteer sees
//! them, and of the family's consent, one table per language.

use crate::domain::{TriageAction, TriageState};

/// Feedback, signal-status and consent texts of one language.
pub struct FeedbackTexts {
    pub feedback_title: &'static str,
    pub feedback_nav: &'static str,
    pub feedback_none: &'static str,
    pub feedback_new: &'static str,
    pub reply_label: &'static str,
    pub answer_label: &'static str,
    pub replied_by: fn(&str, &str) -> String,
    pub your_answer: &'static str,
    pub answer_send: &'static str,
    pub answer_saved: &'static str,
    pub answer_hint: &'static str,
    pub open_visit: &'static str,
    pub signal_handling: &'static str,
    pub triage_state: fn(TriageState) -> &'static str,
    pub triage_action: fn(TriageAction) -> &'static str,
    pub acknowledged_on: fn(&str) -> String,
    pub resolved_on: fn(&str, &str) -> String,
    pub shares_notes: &'static str,
    pub shares_notes_hint: &'static str,
    pub shares_notes_yes: &'static str,
    pub shares_notes_no: &'static str,
}

/// Dutch.
pub static NL: FeedbackTexts = FeedbackTexts {
    feedback_title: "Terugkoppeling",
    feedback_nav: "Reacties",
    feedback_none: "Nog geen reacties van je coördinator.",
    feedback_new: "Nieuw",
    reply_label: "Reactie",
    answer_label: "Jouw antwoord",
    replied_by: |name, when| format!("{name}, {when}"),
    your_answer: "Antwoord aan je coördinator",
    answer_send: "Antwoord versturen",
    answer_saved: "Je antwoord is bewaard en gaat mee met de volgende synchronisatie.",
    answer_hint: "Je kunt één keer antwoorden op deze reactie.",
    open_visit: "Bekijk bezoek",
    signal_handling: "Je zorgsignaal",
    triage_state: |s| match s {
        TriageState::New => "Verstuurd, nog niet bekeken",
        TriageState::Acknowledged => "Gezien door je coördinator",
        TriageState::Resolved => "Afgehandeld",
    },
    triage_action: |a| match a {
        TriageAction::TalkedToVolunteer => "Besproken met de vrijwilliger",
        TriageAction::ReferredYouthHealth => "Doorverwezen naar de jeugdgezondheidszorg",
        TriageAction::DiscussedWithMother => "Besproken met de moeder",
        TriageAction::NoActionNeeded => "Geen actie nodig",
    },
    acknowledged_on: |when| format!("Gezien op {when}"),
    resolved_on: |when, action| format!("Afgehandeld op {when}: {action}"),
    shares_notes: "Toestemming om verslagen te delen",
    shares_notes_hint: "De moeder vindt het goed dat de coördinator je bezoekverslagen leest. Zonder toestemming ziet de coördinator alleen dat er een bezoek was, en een zorgsignaal.",
    shares_notes_yes: "Verslagen gedeeld met de coördinator",
    shares_notes_no: "Verslagen niet gedeeld: de coördinator ziet alleen bezoeken en signalen",
};

/// English.
pub static EN: FeedbackTexts = FeedbackTexts {
    feedback_title: "Feedback",
    feedback_nav: "Replies",
    feedback_none: "No replies from your coordinator yet.",
    feedback_new: "New",
    reply_label: "Reply",
    answer_label: "Your answer",
    replied_by: |name, when| format!("{name}, {when}"),
    your_answer: "Answer your coordinator",
    answer_send: "Send answer",
    answer_saved: "Your answer is saved and goes with the next sync.",
    answer_hint: "You can answer this reply once.",
    open_visit: "View visit",
    signal_handling: "Your signal of concern",
    triage_state: |s| match s {
        TriageState::New => "Sent, not yet seen",
        TriageState::Acknowledged => "Seen by your coordinator",
        TriageState::Resolved => "Handled",
    },
    triage_action: |a| match a {
        TriageAction::TalkedToVolunteer => "Talked it through with the volunteer",
        TriageAction::ReferredYouthHealth => "Referred to youth health care",
        TriageAction::DiscussedWithMother => "Discussed with the mother",
        TriageAction::NoActionNeeded => "No action needed",
    },
    acknowledged_on: |when| format!("Seen on {when}"),
    resolved_on: |when, action| format!("Handled on {when}: {action}"),
    shares_notes: "Consent to share notes",
    shares_notes_hint: "The mother agrees that the coordinator reads your visit notes. Without consent the coordinator only sees that a visit took place, and any signal of concern.",
    shares_notes_yes: "Notes shared with the coordinator",
    shares_notes_no: "Notes not shared: the coordinator sees only visits and signals",
};
