//! Dutch texts of the coordinator's workspace.

use super::DeskTexts;
use crate::api::Role;

fn role_name(r: Role) -> &'static str {
    match r {
        Role::Admin => "Coördinator (beheer)",
        Role::Coordinator => "Coördinator",
        Role::Volunteer => "Vrijwilliger",
    }
}

fn missing_count(n: usize) -> String {
    match n {
        0 => "Alle talen ingevuld".into(),
        1 => "1 vertaling ontbreekt".into(),
        n => format!("{n} vertalingen ontbreken"),
    }
}

fn catalogue_problem(code: &str) -> &'static str {
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
pub static DESK: DeskTexts = DeskTexts {
    desk_title: "Werkplek",
    nav_label: "Menu van de werkplek",
    nav_diary: "Mijn dagboek",
    signed_in_as: |name, org| format!("{name} · {org}"),
    sign_in_first: "Log in om de werkplek te openen.",
    volunteers_only_diary: "De werkplek is voor coördinatoren. Je dagboek staat op je telefoon.",
    sign_out: "Uitloggen",
    switched_off: "Account uitgezet",
    switch_off: "Account uitzetten",
    switch_on: "Account weer aanzetten",
    nav_review: "Notities",
    nav_team: "Team",
    review_title: "Notities van vrijwilligers",
    review_empty: "Er zijn nog geen bezoeken gesynchroniseerd.",
    review_more: "Oudere bezoeken tonen",
    by_volunteer: |name| format!("door {name}"),
    filter_label: "Bezoeken filteren",
    to_review: "Te beoordelen",
    reviewed: "Beoordeeld",
    all_visits: "Alle",
    volunteer: "Vrijwilliger",
    any_volunteer: "Alle vrijwilligers",
    any_topic: "Alle onderwerpen",
    signal_only: "Alleen met zorgsignaal",
    date_from: "Van",
    date_to: "Tot en met",
    search_notes: "Zoeken in de notities",
    search: "Zoeken",
    unread: "Nieuw",
    mark_reviewed: "Markeer als beoordeeld",
    unmark_reviewed: "Terug naar te beoordelen",
    nothing_to_review: "Alles is beoordeeld. Nieuwe notities verschijnen hier vanzelf.",
    nothing_found: "Geen bezoeken gevonden met dit filter.",
    waiting_count: |n| format!("{n} te beoordelen"),
    signals_count: |n| match n {
        1 => "1 zorgsignaal".into(),
        n => format!("{n} zorgsignalen"),
    },
    team_title: "Team",
    invite_volunteer: "Vrijwilliger uitnodigen",
    invite_coordinator: "Coördinator uitnodigen",
    link_made: "Stuur haar deze link. Hij werkt één keer en 7 dagen lang:",
    reset_password: "Nieuw wachtwoord",
    reset_made: "Ze is overal uitgelogd. Stuur haar deze link om een nieuw wachtwoord te kiezen:",
    role_name,
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
    catalogue_problem,
    signals: &super::signals::NL,
    agenda: &super::agenda::NL,
    families: &super::families::NL,
};
