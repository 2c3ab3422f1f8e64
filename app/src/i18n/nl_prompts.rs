//! Dutch texts of prompts and picture stories.

use super::prompts::PromptTexts;
use crate::domain::Phase;

fn phase_name(p: Phase) -> &'static str {
    match p {
        Phase::Pregnancy => "Zwangerschap",
        Phase::FirstHalfYear => "0–6 maanden",
        Phase::SecondHalfYear => "6–12 maanden",
        Phase::ThirdHalfYear => "12–18 maanden",
        Phase::Toddler => "18 maanden en ouder",
    }
}

fn used_count(n: usize) -> String {
    match n {
        1 => "1 gespreksvraag of beeldverhaal gebruikt".into(),
        n => format!("{n} gespreksvragen en beeldverhalen gebruikt"),
    }
}

/// The Dutch table.
pub static PROMPTS: PromptTexts = PromptTexts {
    prompts_title: "Gespreksvragen",
    fits_phase: |phase| format!("Passend bij: {phase}"),
    phase_name,
    tick_topics_hint: "Vink hierboven onderwerpen aan voor vragen die daarover gaan.",
    no_catalogue:
        "De gespreksvragen en beeldverhalen komen op je telefoon bij de eerste synchronisatie.",
    browse_all: "Alle vragen per onderwerp",
    favourite: "Favoriet",
    used: "Gebruikt",
    stories_title: "Beeldverhalen",
    show_story: "Laten zien",
    not_translated: "Nog niet vertaald: Nederlandse tekst",
    mothers_language: "Taal van de moeder",
    mothers_language_note: |first| {
        match first {
        Some(lang) => format!("De eerste taal is de taal van de moeder: beeldverhalen laat Naast zien in het {lang}."),
        None => "De eerste taal die je aanvinkt, is de taal van de moeder: daarin laat Naast de beeldverhalen zien.".into(),
    }
    },
    panel_summary: |prompts, stories| {
        let p = if prompts == 1 {
            "1 vraag".to_string()
        } else {
            format!("{prompts} vragen")
        };
        let s = if stories == 1 {
            "1 beeldverhaal".to_string()
        } else {
            format!("{stories} beeldverhalen")
        };
        format!("{p} en {s} passen bij dit bezoek.")
    },
    show_panel: "Bekijken",
    hide_panel: "Verbergen",
    previous: "Vorige",
    next: "Volgende",
    picture_of: |n, total| format!("Plaatje {n} van {total}"),
    used_count,
    used_title: "Gebruikt tijdens dit bezoek",
    retired_badge: "Uit gebruik",
};
