//! Texts of the conversation prompts and picture stories on the phone, one table per
//! language (the catalogue editor's are in `crate::desk::i18n`).

use crate::domain::Phase;

/// Prompt and picture-story texts of one language.
pub struct PromptTexts {
    pub prompts_title: &'static str,
    pub fits_phase: fn(&str) -> String,
    pub phase_name: fn(Phase) -> &'static str,
    pub tick_topics_hint: &'static str,
    pub no_catalogue: &'static str,
    pub browse_all: &'static str,
    pub favourite: &'static str,
    pub used: &'static str,
    pub stories_title: &'static str,
    pub show_story: &'static str,
    pub not_translated: &'static str,
    pub mothers_language: &'static str,
    /// Under the family's languages: the first one is the mother's language for show
    /// mode (now: the given one).
    pub mothers_language_note: fn(Option<&str>) -> String,
    /// How many prompts and stories suit this visit.
    pub panel_summary: fn(usize, usize) -> String,
    pub show_panel: &'static str,
    pub hide_panel: &'static str,
    pub previous: &'static str,
    pub next: &'static str,
    pub picture_of: fn(usize, usize) -> String,
    pub used_count: fn(usize) -> String,
    pub used_title: &'static str,
    pub retired_badge: &'static str,
}
