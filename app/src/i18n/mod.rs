//! The translation layer. Every visible string comes from a [`Texts`] table; a missing
//! translation is a compile error, not a blank on screen. Dutch is the default, English
//! selectable; the choice is remembered on the device and in a cookie so the server
//! renders the same language the browser will hydrate.

pub mod account;
pub mod agenda;
mod en;
mod en_account;
mod en_prompts;
pub mod feedback;
mod nl;
mod nl_account;
mod nl_prompts;
pub mod prompts;

use crate::domain::age::ChildAge;
use crate::domain::family::Due;
use crate::domain::{
    Cadence, FamilyStatus, FieldError, Programme, SupportForm, Topic, Urgency, VisitKind,
};
use chrono::{Datelike, NaiveDate, NaiveDateTime, Timelike};
use leptos::prelude::*;

/// Name of the cookie that carries the language to the server.
pub const LANG_COOKIE: &str = "naast_lang";

/// An interface language.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Locale {
    /// Nederlands, the default.
    #[default]
    Nl,
    /// English.
    En,
}

impl Locale {
    /// Every interface language.
    pub const ALL: [Locale; 2] = [Locale::Nl, Locale::En];

    /// BCP 47 code, used for `<html lang>` and storage.
    pub fn code(self) -> &'static str {
        match self {
            Locale::Nl => "nl",
            Locale::En => "en",
        }
    }

    /// Parses [`Locale::code`]; anything unknown is Dutch.
    pub fn from_code(code: &str) -> Locale {
        match code.trim() {
            "en" => Locale::En,
            _ => Locale::Nl,
        }
    }

    /// Finds the language in a `Cookie` header value.
    pub fn from_cookie_header(header: &str) -> Locale {
        header
            .split(';')
            .filter_map(|pair| pair.trim().split_once('='))
            .find(|(name, _)| *name == LANG_COOKIE)
            .map(|(_, value)| Locale::from_code(value))
            .unwrap_or_default()
    }

    /// The translation table of this language.
    pub fn texts(self) -> &'static Texts {
        match self {
            Locale::Nl => &nl::TEXTS,
            Locale::En => &en::TEXTS,
        }
    }
}

/// All interface texts of one language.
pub struct Texts {
    /// The language's own name, for the language switch.
    pub language_name: &'static str,
    pub nav_families: &'static str,
    pub nav_visits: &'static str,
    pub nav_settings: &'static str,
    pub nav_label: &'static str,
    pub skip_to_content: &'static str,
    pub loading: &'static str,
    /// On the shell page when the app has not started after a while (no JavaScript).
    pub needs_javascript: &'static str,
    pub offline_badge: &'static str,
    pub nav_desk: &'static str,
    pub screen_not_loaded: &'static str,
    pub try_again: &'static str,
    pub desk_needs_connection_title: &'static str,
    pub desk_needs_connection: &'static str,
    pub back_to_diary: &'static str,
    pub save: &'static str,
    pub cancel: &'static str,
    pub edit: &'static str,
    pub delete: &'static str,
    pub close: &'static str,
    pub undo: &'static str,
    pub back: &'static str,
    pub optional: &'static str,
    pub not_found: &'static str,
    pub form_has_errors: &'static str,
    // Families
    pub families_title: &'static str,
    pub add_family: &'static str,
    pub no_families: &'static str,
    pub show_ended: &'static str,
    pub new_family: &'static str,
    pub edit_family: &'static str,
    pub pseudonym: &'static str,
    pub pseudonym_hint: &'static str,
    pub child: &'static str,
    pub child_born: &'static str,
    pub child_expected: &'static str,
    pub birth_date: &'static str,
    pub due_date: &'static str,
    pub languages: &'static str,
    pub programme: &'static str,
    pub cadence: &'static str,
    pub cadence_hint: &'static str,
    pub status: &'static str,
    pub next_appointment: &'static str,
    pub no_appointment: &'static str,
    pub end_support: &'static str,
    pub end_support_confirm: &'static str,
    pub support_ended_on: &'static str,
    pub family_saved: &'static str,
    // Visits
    pub visits_title: &'static str,
    pub add_visit: &'static str,
    pub no_visits: &'static str,
    pub new_visit: &'static str,
    pub edit_visit: &'static str,
    pub visit_for: &'static str,
    pub visit_date: &'static str,
    pub visit_kind: &'static str,
    pub duration: &'static str,
    pub duration_unit: &'static str,
    pub topics: &'static str,
    pub support_forms: &'static str,
    pub own_question: &'static str,
    pub own_question_hint: &'static str,
    pub chosen_to_try: &'static str,
    pub agreements: &'static str,
    pub note: &'static str,
    pub signal: &'static str,
    pub signal_toggle: &'static str,
    pub signal_hint: &'static str,
    pub urgency: &'static str,
    pub signal_text: &'static str,
    pub visit_saved: &'static str,
    pub visit_deleted: &'static str,
    pub draft_restored: &'static str,
    pub discard_draft: &'static str,
    pub draft_kept: &'static str,
    pub search_label: &'static str,
    pub search_placeholder: &'static str,
    pub filter_topics: &'static str,
    pub no_matches: &'static str,
    pub timeline: &'static str,
    // Settings and device
    pub settings_title: &'static str,
    pub language: &'static str,
    pub device_storage: &'static str,
    pub storage_persistent: &'static str,
    pub storage_not_persistent: &'static str,
    pub pending_changes: fn(usize) -> String,
    pub update_ready: &'static str,
    pub update_now: &'static str,
    pub error_storage_full: &'static str,
    pub error_newer_schema: &'static str,
    pub error_corrupt: &'static str,
    pub error_unavailable: &'static str,
    // Formatting helpers
    pub months_short: [&'static str; 12],
    pub weekdays_short: [&'static str; 7],
    pub age: fn(ChildAge) -> String,
    pub due: fn(Due) -> String,
    pub programme_name: fn(Programme) -> &'static str,
    pub cadence_name: fn(Cadence) -> &'static str,
    pub status_name: fn(FamilyStatus) -> &'static str,
    pub visit_kind_name: fn(VisitKind) -> &'static str,
    pub topic_name: fn(Topic) -> &'static str,
    pub support_name: fn(SupportForm) -> &'static str,
    pub urgency_name: fn(Urgency) -> &'static str,
    pub language_of: fn(&str) -> &'static str,
    pub field_error: fn(FieldError) -> String,
    /// Accounts, sync and the coordinator's screens.
    pub account: &'static account::AccountTexts,
    /// Conversation prompts, picture stories and the catalogue editor.
    pub prompts: &'static prompts::PromptTexts,
    /// Feedback, signal handling and the family's consent.
    pub feedback: &'static feedback::FeedbackTexts,
    /// The meeting-group agenda.
    pub agenda: &'static agenda::AgendaTexts,
}

impl Texts {
    /// The form label of a record field, by its storage name (`note`, `signal.text`,
    /// or with its record kind, as the server names it: `visit.note`).
    pub fn field_label(&self, field: &str) -> Option<&'static str> {
        let field = field
            .strip_prefix("visit.")
            .or_else(|| field.strip_prefix("family."))
            .unwrap_or(field);
        match field {
            "own_question" => Some(self.own_question),
            "chosen_to_try" => Some(self.chosen_to_try),
            "agreements" => Some(self.agreements),
            "signal.text" => Some(self.signal_text),
            "date" => Some(self.visit_date),
            "duration_min" => Some(self.duration),
            "topics" => Some(self.topics),
            "support" => Some(self.support_forms),
            "next_appointment" => Some(self.next_appointment),
            "pseudonym" => Some(self.pseudonym),
            "child" => Some(self.child),
            "languages" => Some(self.languages),
            "ended_on" => Some(self.support_ended_on),
            "note" => Some(self.note),
            _ => None,
        }
    }

    /// The label of a text kept in two versions.
    pub fn text_field_label(&self, field: crate::domain::TextField) -> &'static str {
        use crate::domain::TextField;
        match field {
            TextField::Pseudonym => self.pseudonym,
            TextField::OwnQuestion => self.own_question,
            TextField::ChosenToTry => self.chosen_to_try,
            TextField::Agreements => self.agreements,
            TextField::Note => self.note,
            TextField::SignalText => self.signal_text,
            TextField::Reply => self.feedback.reply_label,
            TextField::Answer => self.feedback.answer_label,
        }
    }

    /// A date the way people write it here: "23 nov 2026".
    pub fn date(&self, date: NaiveDate) -> String {
        format!(
            "{} {} {}",
            date.day(),
            self.months_short[date.month0() as usize],
            date.year()
        )
    }

    /// A date with weekday: "ma 30 nov 2026".
    pub fn day(&self, date: NaiveDate) -> String {
        format!(
            "{} {}",
            self.weekdays_short[date.weekday().num_days_from_monday() as usize],
            self.date(date)
        )
    }

    /// An appointment: "ma 30 nov 2026, 10:00".
    pub fn appointment(&self, at: NaiveDateTime) -> String {
        format!(
            "{}, {:02}:{:02}",
            self.day(at.date()),
            at.hour(),
            at.minute()
        )
    }
}

/// "1 month", "3 months": a count with the right word form.
fn plural(n: i64, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// Programme names are proper names, the same in every language.
fn programme_name(p: Programme) -> &'static str {
    match p {
        Programme::Mim => "Moeders Informeren Moeders",
        Programme::HomeStart => "Home-Start",
        Programme::SamenOplopen => "Samen Oplopen",
    }
}

/// Provides the current language to every component below.
pub fn provide_locale(initial: Locale) -> RwSignal<Locale> {
    let locale = RwSignal::new(initial);
    provide_context(locale);
    locale
}

/// The current language; Dutch when nothing was provided.
pub fn use_locale() -> RwSignal<Locale> {
    use_context::<RwSignal<Locale>>().unwrap_or_else(|| RwSignal::new(Locale::Nl))
}

/// The current translation table, as a reactive value.
pub fn use_texts() -> Signal<&'static Texts> {
    let locale = use_locale();
    Signal::derive(move || locale.get().texts())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_cookie_picks_the_language_and_anything_else_is_dutch() {
        assert_eq!(Locale::from_cookie_header("a=b; naast_lang=en"), Locale::En);
        assert_eq!(Locale::from_cookie_header("naast_lang=xx"), Locale::Nl);
        assert_eq!(Locale::from_cookie_header(""), Locale::Nl);
    }

    #[test]
    fn dates_are_written_in_the_users_language() {
        let d = NaiveDate::from_ymd_opt(2026, 3, 2).unwrap();
        assert_eq!(Locale::Nl.texts().day(d), "ma 2 mrt 2026");
        assert_eq!(Locale::En.texts().day(d), "Mon 2 Mar 2026");
    }

    #[test]
    fn ages_read_naturally() {
        assert_eq!((Locale::Nl.texts().age)(ChildAge::Months(7)), "7 maanden");
        assert_eq!(
            (Locale::En.texts().age)(ChildAge::Pregnant { weeks: 31 }),
            "pregnant, 31 weeks"
        );
        assert_eq!(
            (Locale::Nl.texts().age)(ChildAge::Pregnant { weeks: 31 }),
            "zwanger, 31 weken"
        );
        assert_eq!((Locale::En.texts().age)(ChildAge::Months(1)), "1 month");
    }

    #[test]
    fn every_language_in_the_list_has_a_name() {
        for code in crate::domain::family::LANGUAGES {
            for locale in Locale::ALL {
                assert_ne!((locale.texts().language_of)(code), "?", "{code}");
            }
        }
    }
}
