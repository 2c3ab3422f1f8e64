//! English texts of prompts, picture stories and the catalogue editor.

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

fn missing_count(n: usize) -> String {
    match n {
        0 => "Every language filled in".into(),
        1 => "1 translation missing".into(),
        n => format!("{n} translations missing"),
    }
}

fn problem(code: &str) -> &'static str {
    match code {
        "picture_type" => "Choose a photo or drawing as PNG, JPEG or WebP.",
        "too_large" => "This picture is over 2 MB. Choose a smaller version.",
        "picture_dimensions" => {
            "The picture must be at least 300 and at most 4096 pixels wide and high."
        }
        "picture_corrupt" => "This file is damaged and cannot be read.",
        "unknown_picture" => "This picture is no longer on the server. Choose it again.",
        "required" => "Please fill this in.",
        "too_long" => "This text is too long.",
        "too_few" => "A picture story has at least 3 pictures.",
        "too_many" => "A picture story has at most 6 pictures.",
        "forbidden" => "Only coordinators of this organisation may do this.",
        "offline" => "No connection to the server. Try again when you are online.",
        _ => "This is not right yet. Please check it.",
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
    previous: "Previous",
    next: "Next",
    picture_of: |n, total| format!("Picture {n} of {total}"),
    used_count,
    used_title: "Used during this visit",
    retired_badge: "Retired",
    nav_catalogue: "Prompts",
    catalogue_title: "Prompts and picture stories",
    catalogue_version: |v| match v {
        0 => "Naast's starter catalogue, not changed yet".into(),
        v => format!("Version {v}"),
    },
    new_prompt: "New question",
    new_story: "New picture story",
    edit_prompt: "Edit question",
    edit_story: "Edit picture story",
    topic: "Topic",
    phases: "Child's age",
    question: "Question",
    title: "Title",
    caption: "Caption",
    question_n: |n| format!("Question {n}"),
    missing: "missing",
    missing_count,
    retire: "No longer suggest (stays readable on old visits)",
    picture_n: |n| format!("Picture {n}"),
    choose_picture: "Choose picture",
    picture_rules: "PNG, JPEG or WebP, at most 2 MB, 300 to 4096 pixels per side.",
    uploading: "Uploading the picture…",
    add_picture: "Add picture",
    remove_picture: "Remove picture",
    saved_for_volunteers: "Saved. Volunteers get it with their next sync.",
    problem,
};
