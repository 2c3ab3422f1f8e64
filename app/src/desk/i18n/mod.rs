//! Texts of the coordinator's workspace, one table per language. Kept apart from the
//! diary's tables (`crate::i18n`), so none of them is in the volunteer's bundle.

use crate::api::Role;
use crate::i18n::{use_locale, Locale, Texts};
use leptos::prelude::*;

pub mod agenda;
mod en;
pub mod families;
mod nl;
pub mod signals;

/// The workspace's texts of one language.
pub struct DeskTexts {
    pub desk_title: &'static str,
    pub nav_label: &'static str,
    pub nav_diary: &'static str,
    pub signed_in_as: fn(&str, &str) -> String,
    pub sign_in_first: &'static str,
    pub volunteers_only_diary: &'static str,
    pub sign_out: &'static str,
    pub switched_off: &'static str,
    pub switch_off: &'static str,
    pub switch_on: &'static str,
    pub nav_review: &'static str,
    pub nav_team: &'static str,
    pub review_title: &'static str,
    pub review_empty: &'static str,
    pub review_more: &'static str,
    pub by_volunteer: fn(&str) -> String,
    pub filter_label: &'static str,
    pub to_review: &'static str,
    pub reviewed: &'static str,
    pub all_visits: &'static str,
    pub volunteer: &'static str,
    pub any_volunteer: &'static str,
    pub any_topic: &'static str,
    pub signal_only: &'static str,
    pub date_from: &'static str,
    pub date_to: &'static str,
    pub search_notes: &'static str,
    pub search: &'static str,
    pub unread: &'static str,
    pub mark_reviewed: &'static str,
    pub unmark_reviewed: &'static str,
    pub nothing_to_review: &'static str,
    pub nothing_found: &'static str,
    pub waiting_count: fn(u64) -> String,
    pub signals_count: fn(u64) -> String,
    pub team_title: &'static str,
    pub invite_volunteer: &'static str,
    pub invite_coordinator: &'static str,
    pub link_made: &'static str,
    pub reset_password: &'static str,
    pub reset_made: &'static str,
    pub role_name: fn(Role) -> &'static str,
    pub nav_catalogue: &'static str,
    pub catalogue_title: &'static str,
    pub catalogue_version: fn(i64) -> String,
    pub new_prompt: &'static str,
    pub new_story: &'static str,
    pub edit_prompt: &'static str,
    pub edit_story: &'static str,
    pub topic: &'static str,
    pub phases: &'static str,
    pub question: &'static str,
    pub title: &'static str,
    pub caption: &'static str,
    pub question_n: fn(usize) -> String,
    pub missing: &'static str,
    pub missing_count: fn(usize) -> String,
    pub retire: &'static str,
    pub picture_n: fn(usize) -> String,
    pub choose_picture: &'static str,
    pub picture_rules: &'static str,
    pub uploading: &'static str,
    pub add_picture: &'static str,
    pub remove_picture: &'static str,
    pub saved_for_volunteers: &'static str,
    pub catalogue_problem: fn(&str) -> &'static str,
    /// Signals of concern and feedback to volunteers.
    pub signals: &'static signals::SignalDeskTexts,
    /// The meeting-group agenda.
    pub agenda: &'static agenda::AgendaDeskTexts,
    /// Intake, matching, the caseload and supervision.
    pub families: &'static families::FamilyDeskTexts,
}

/// The workspace's table of a language.
pub fn desk_texts(locale: Locale) -> &'static DeskTexts {
    match locale {
        Locale::Nl => &nl::DESK,
        Locale::En => &en::DESK,
    }
}

/// A reactive workspace text.
pub fn dr(pick: fn(&'static DeskTexts) -> &'static str) -> Signal<&'static str> {
    let locale = use_locale();
    Signal::derive(move || pick(desk_texts(locale.get())))
}

/// A reactive text computed from the workspace's and the diary's tables.
pub fn dx<R: Into<String>>(
    text: impl Fn(&'static Texts, &'static DeskTexts) -> R + Send + Sync + 'static,
) -> Signal<String> {
    let locale = use_locale();
    Signal::derive(move || {
        let l = locale.get();
        text(l.texts(), desk_texts(l)).into()
    })
}

/// The current workspace table, as a reactive value.
pub fn use_desk_texts() -> Signal<&'static DeskTexts> {
    let locale = use_locale();
    Signal::derive(move || desk_texts(locale.get()))
}
