//! English texts of prompts and picture stories.

use super::prompts::PromptTexts;
use crate::domain::Phase;

fn phase_name(p: Phase) -> &'static str {
    match p {
        Phase::Pregnancy => "Pregnancy",
        Phase::FirstHalfYear => "0–6 months",
        Phase::SecondHalfYear => "6–12 months",
        Phase::ThirdHalfYear => "12–18 months",
        Phase::Toddler => "18 months and older",
    }
}

fn used_count(n: usize) -> String {
    match n {
        1 => "1 prompt or picture story used".into(),
        n => format!("{n} prompts and picture stories used"),
    }
}

/// The English table.
pub static PROMPTS: PromptTexts = PromptTexts {
    prompts_title: "Conversation prompts",
    fits_phase: |phase| format!("Fitting: {phase}"),
    phase_name,
    tick_topics_hint: "Tick topics above for questions about them.",
    no_catalogue: "The prompts and picture stories arrive on your phone with the first sync.",
    browse_all: "All questions by topic",
    favourite: "Favourite",
    used: "Used",
    stories_title: "Picture stories",
    show_story: "Show",
    not_translated: "Not translated yet: Dutch text",
    mothers_language: "Mother's language",
    mothers_language_note: |first| match first {
        Some(lang) => {
            format!("The first language is the mother's: Naast shows picture stories in {lang}.")
        }
        None => {
            "The first language you tick is the mother's: Naast shows picture stories in it.".into()
        }
    },
    panel_summary: |prompts, stories| {
        let p = if prompts == 1 {
            "1 question".to_string()
        } else {
            format!("{prompts} questions")
        };
        let s = if stories == 1 {
            "1 picture story".to_string()
        } else {
            format!("{stories} picture stories")
        };
        format!("{p} and {s} fit this visit.")
    },
    show_panel: "Show",
    hide_panel: "Hide",
    previous: "Previous",
    next: "Next",
    picture_of: |n, total| format!("Picture {n} of {total}"),
    used_count,
    used_title: "Used during this visit",
    retired_badge: "Retired",
};
