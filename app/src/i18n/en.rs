//! English.

use super::{plural, Texts};
use crate::domain::age::ChildAge;
use crate::domain::family::Due;
use crate::domain::{Cadence, FamilyStatus, FieldError, SupportForm, Topic, Urgency, VisitKind};

fn age(a: ChildAge) -> String {
    match a {
        ChildAge::Pregnant { weeks } => format!("pregnant, {weeks} weeks"),
        ChildAge::DuePassed { days } => format!("due {} ago", plural(days, "day", "days")),
        ChildAge::Days(d) => plural(d, "day", "days"),
        ChildAge::Weeks(w) => plural(w, "week", "weeks"),
        ChildAge::Months(m) => plural(i64::from(m), "month", "months"),
        ChildAge::YearsMonths { years, months: 0 } => plural(i64::from(years), "year", "years"),
        ChildAge::YearsMonths { years, months } => format!(
            "{} {}",
            plural(i64::from(years), "year", "years"),
            plural(i64::from(months), "month", "months")
        ),
    }
}

fn due(d: Due) -> String {
    match d {
        Due::FirstVisit => "Plan a first visit".into(),
        Due::Overdue { days } => format!("Visit {} overdue", plural(days, "day", "days")),
        Due::Today => "Visit due today".into(),
        Due::InDays { days } => format!("Next visit in {}", plural(days, "day", "days")),
        Due::NotExpected => "No visit planned".into(),
    }
}

fn cadence(c: Cadence) -> &'static str {
    match c {
        Cadence::Weekly => "Every week",
        Cadence::Fortnightly => "Every two weeks",
        Cadence::Monthly => "Every month",
    }
}

fn status(s: FamilyStatus) -> &'static str {
    match s {
        FamilyStatus::Intake => "Getting to know",
        FamilyStatus::Active => "Active",
        FamilyStatus::Paused => "Paused",
        FamilyStatus::Ended => "Ended",
    }
}

fn visit_kind(k: VisitKind) -> &'static str {
    match k {
        VisitKind::Home => "Home visit",
        VisitKind::Library => "Library together",
        VisitKind::Park => "Park or playground together",
        VisitKind::Clinic => "Child health clinic together",
        VisitKind::Outing => "Other outing together",
        VisitKind::Phone => "Phone call",
        VisitKind::Video => "Video call",
    }
}

fn topic(t: Topic) -> &'static str {
    match t {
        Topic::Pregnancy => "Pregnancy",
        Topic::Feeding => "Feeding",
        Topic::Crying => "Crying",
        Topic::Sleep => "Sleep",
        Topic::Rhythm => "Day and night rhythm",
        Topic::Development => "Development",
        Topic::PlayReading => "Play and reading",
        Topic::OwnTime => "Time for herself",
        Topic::Wellbeing => "How she is feeling",
        Topic::Health => "Health and the clinic",
        Topic::Network => "Her network",
        Topic::Services => "Services in the Netherlands",
    }
}

fn support(s: SupportForm) -> &'static str {
    match s {
        SupportForm::Emotional => "Emotional support",
        SupportForm::Informational => "Information",
        SupportForm::Practical => "Practical help",
        SupportForm::Social => "Social support",
    }
}

fn urgency(u: Urgency) -> &'static str {
    match u {
        Urgency::Low => "When convenient",
        Urgency::Soon => "This week",
        Urgency::Urgent => "Today",
    }
}

fn language_of(code: &str) -> &'static str {
    match code {
        "nl" => "Dutch",
        "en" => "English",
        "ar" => "Arabic",
        "tr" => "Turkish",
        "pl" => "Polish",
        "uk" => "Ukrainian",
        "ti" => "Tigrinya",
        "so" => "Somali",
        "fr" => "French",
        "es" => "Spanish",
        "ro" => "Romanian",
        "bg" => "Bulgarian",
        "fa" => "Persian",
        "zgh" => "Tamazight",
        _ => "?",
    }
}

fn field_error(e: FieldError) -> String {
    match e {
        FieldError::Required => "Please fill this in.".into(),
        FieldError::TooLong { max } => format!("This is too long: at most {max} characters."),
        FieldError::InvalidDate => "This is not a valid date.".into(),
        FieldError::InvalidNumber => "Please enter a whole number.".into(),
        FieldError::BirthInFuture => {
            "A birth date cannot be in the future. Not born yet? Choose ‘Expected’.".into()
        }
        FieldError::BirthTooLongAgo => "This birth date is too long ago for the programmes.".into(),
        FieldError::DueTooFarAhead => "A due date is at most ten months ahead.".into(),
        FieldError::DueLongPassed => {
            "This date passed weeks ago. Has the baby been born? Choose ‘Born’.".into()
        }
        FieldError::VisitInFuture => {
            "A visit cannot be in the future. Plan it as the next appointment.".into()
        }
        FieldError::VisitTooOld => "This date is more than two years ago.".into(),
        FieldError::AppointmentInPast => "This appointment is in the past.".into(),
        FieldError::AppointmentTooFar => "Plan at most a year ahead.".into(),
        FieldError::DurationOutOfRange => "Enter a duration between 1 and 600 minutes.".into(),
        FieldError::UnknownChoice => "Choose one of the options.".into(),
        FieldError::Repeated => "Choose each option only once.".into(),
        FieldError::TooMany { max } => format!("Too many: at most {max}."),
        FieldError::InFuture => "This date cannot be in the future.".into(),
        FieldError::Inconsistent => "This does not match the family's status.".into(),
        FieldError::EndsBeforeStart => "The end time must be after the start time.".into(),
        FieldError::InPast => "This day has already passed.".into(),
    }
}

fn pending_changes(n: usize) -> String {
    match n {
        0 => "No changes are waiting to be sent.".into(),
        1 => "1 change is waiting to be sent to the server.".into(),
        n => format!("{n} changes are waiting to be sent to the server."),
    }
}

/// The English table.
pub static TEXTS: Texts = Texts {
    language_name: "English",
    nav_families: "Families",
    nav_visits: "Visits",
    nav_settings: "Settings",
    nav_label: "Main menu",
    skip_to_content: "Skip to content",
    loading: "Loading…",
    needs_javascript: "This is taking long. Naast needs JavaScript: if it is off in your browser, turn it on.",
    offline_badge: "Offline",
    nav_desk: "Workspace",
    screen_not_loaded: "This screen could not be loaded. Nothing was lost.",
    try_again: "Try again",
    desk_needs_connection_title: "The workspace needs a connection",
    desk_needs_connection: "The coordinator's workspace is not kept on this device and only works online. Your diary works without a connection too.",
    back_to_diary: "To the diary",
    save: "Save",
    cancel: "Cancel",
    edit: "Edit",
    delete: "Delete",
    close: "Close",
    undo: "Undo",
    back: "Back",
    optional: "(optional)",
    not_found: "This page or record does not exist (any more).",
    form_has_errors: "Nothing was saved. Please look at the marked fields.",
    families_title: "Families",
    add_family: "Add family",
    no_families: "You have no families yet. Add the first family to begin.",
    show_ended: "Also show ended families",
    new_family: "New family",
    edit_family: "Edit family",
    pseudonym: "First name or nickname",
    pseudonym_hint: "Only a first name or nickname — no surname or address.",
    child: "Child",
    child_born: "Born",
    child_expected: "Expected",
    birth_date: "Date of birth",
    due_date: "Due date",
    languages: "Languages",
    programme: "Programme",
    cadence: "Visit rhythm",
    cadence_hint: "The programme sets the usual rhythm; change it if you agree on something else.",
    status: "Status",
    next_appointment: "Next appointment",
    no_appointment: "No appointment yet",
    end_support: "End support",
    end_support_confirm: "Are you sure the support for this family is ending? Your visits stay saved.",
    support_ended_on: "Support ended on",
    family_saved: "Family saved.",
    visits_title: "Visits",
    add_visit: "Add visit",
    no_visits: "No visits recorded yet.",
    new_visit: "New visit",
    edit_visit: "Edit visit",
    visit_for: "Family",
    visit_date: "Date",
    visit_kind: "Kind of contact",
    duration: "Duration",
    duration_unit: "minutes",
    topics: "Topics",
    support_forms: "Support given",
    own_question: "The mother's own question",
    own_question_hint: "What did she herself want to talk about?",
    chosen_to_try: "What does she want to try?",
    agreements: "Agreements",
    note: "Note",
    signal: "Signal for the coordinator",
    signal_toggle: "I am worried and want to report this",
    signal_hint: "Only the coordinator reads this.",
    urgency: "How soon?",
    signal_text: "What did you notice?",
    visit_saved: "Visit saved.",
    visit_deleted: "Visit deleted.",
    draft_restored: "You were still working on this; what you had typed is back.",
    discard_draft: "Start over",
    draft_kept: "Draft kept on this device",
    search_label: "Search visits",
    search_placeholder: "Search for a word…",
    filter_topics: "Filter by topic",
    no_matches: "No visits found.",
    timeline: "Timeline",
    settings_title: "Settings",
    language: "Language",
    device_storage: "Storage on this device",
    storage_persistent: "The browser keeps the data permanently.",
    storage_not_persistent: "The browser may clear the data when memory runs low. Install Naast on your home screen to prevent that.",
    pending_changes,
    update_ready: "A new version of Naast is ready.",
    update_now: "Update now",
    error_storage_full: "This device's storage is full. Nothing was saved and nothing is lost: your text is still in the form. Free up some space and try again.",
    error_newer_schema: "This device holds data from a newer version of Naast. Reload the app to update; nothing will be overwritten.",
    error_corrupt: "The stored data could not be read. It was set aside, not erased.",
    error_unavailable: "This browser does not allow saving. Turn off private browsing or use another browser.",
    months_short: ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"],
    weekdays_short: ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"],
    age,
    due,
    programme_name: super::programme_name,
    cadence_name: cadence,
    status_name: status,
    visit_kind_name: visit_kind,
    topic_name: topic,
    support_name: support,
    urgency_name: urgency,
    language_of,
    field_error,
    account: &super::en_account::ACCOUNT,
    feedback: &super::feedback::EN,
    agenda: &super::agenda::EN,
    prompts: &super::en_prompts::PROMPTS,
};
