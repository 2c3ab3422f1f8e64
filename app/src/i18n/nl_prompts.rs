//! Dutch texts of prompts, picture stories and the catalogue editor.

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

fn missing_count(n: usize) -> String {
    match n {
        0 => "Alle talen ingevuld".into(),
        1 => "1 vertaling ontbreekt".into(),
        n => format!("{n} vertalingen ontbreken"),
    }
}

fn problem(code: &str) -> &'static str {
    match code {
        "picture_type" => "Kies een foto of tekening als PNG, JPEG of WebP.",
        "too_large" => "Dit plaatje is groter dan 2 MB. Kies een kleinere versie.",
        "picture_dimensions" => {
            "Het plaatje moet minstens 300 en hoogstens 4096 pixels breed en hoog zijn."
        }
        "picture_corrupt" => "Dit bestand is beschadigd en kan niet worden gelezen.",
        "unknown_picture" => "Dit plaatje staat niet meer op de server. Kies het opnieuw.",
        "required" => "Vul dit in.",
        "too_long" => "Deze tekst is te lang.",
        "too_few" => "Een beeldverhaal heeft minstens 3 plaatjes.",
        "too_many" => "Een beeldverhaal heeft hoogstens 6 plaatjes.",
        "forbidden" => "Alleen coördinatoren van deze organisatie mogen dit.",
        "offline" => "Geen verbinding met de server. Probeer het opnieuw als je online bent.",
        _ => "Dit klopt nog niet. Kijk het na.",
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
    previous: "Vorige",
    next: "Volgende",
    picture_of: |n, total| format!("Plaatje {n} van {total}"),
    used_count,
    used_title: "Gebruikt tijdens dit bezoek",
    retired_badge: "Uit gebruik",
    nav_catalogue: "Vragen",
    catalogue_title: "Gespreksvragen en beeldverhalen",
    catalogue_version: |v| match v {
        0 => "Startcatalogus van Naast, nog niet aangepast".into(),
        v => format!("Versie {v}"),
    },
    new_prompt: "Nieuwe vraag",
    new_story: "Nieuw beeldverhaal",
    edit_prompt: "Vraag bewerken",
    edit_story: "Beeldverhaal bewerken",
    topic: "Onderwerp",
    phases: "Leeftijd van het kind",
    question: "Vraag",
    title: "Titel",
    caption: "Onderschrift",
    question_n: |n| format!("Vraag {n}"),
    missing: "ontbreekt",
    missing_count,
    retire: "Niet meer voorstellen (blijft leesbaar bij oude bezoeken)",
    picture_n: |n| format!("Plaatje {n}"),
    choose_picture: "Plaatje kiezen",
    picture_rules: "PNG, JPEG of WebP, hoogstens 2 MB, 300 tot 4096 pixels per kant.",
    uploading: "Plaatje wordt geüpload…",
    add_picture: "Plaatje toevoegen",
    remove_picture: "Plaatje weghalen",
    saved_for_volunteers: "Opgeslagen. Vrijwilligers krijgen het bij hun volgende synchronisatie.",
    problem,
};
