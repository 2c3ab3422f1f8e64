//! Nederlands — the default interface language.

use super::{plural, Texts};
use crate::domain::age::ChildAge;
use crate::domain::family::Due;
use crate::domain::{Cadence, FamilyStatus, FieldError, SupportForm, Topic, Urgency, VisitKind};

fn age(a: ChildAge) -> String {
    match a {
        ChildAge::Pregnant { weeks } => format!("zwanger, {weeks} weken"),
        ChildAge::DuePassed { days } => {
            format!("uitgerekend {} geleden", plural(days, "dag", "dagen"))
        }
        ChildAge::Days(d) => plural(d, "dag", "dagen"),
        ChildAge::Weeks(w) => plural(w, "week", "weken"),
        ChildAge::Months(m) => plural(i64::from(m), "maand", "maanden"),
        ChildAge::YearsMonths { years, months: 0 } => format!("{years} jaar"),
        ChildAge::YearsMonths { years, months } => {
            format!(
                "{years} jaar en {}",
                plural(i64::from(months), "maand", "maanden")
            )
        }
    }
}

fn due(d: Due) -> String {
    match d {
        Due::FirstVisit => "Eerste bezoek plannen".into(),
        Due::Overdue { days } => format!("Bezoek {} te laat", plural(days, "dag", "dagen")),
        Due::Today => "Bezoek vandaag".into(),
        Due::InDays { days } => format!("Volgend bezoek over {}", plural(days, "dag", "dagen")),
        Due::NotExpected => "Geen bezoek gepland".into(),
    }
}

fn cadence(c: Cadence) -> &'static str {
    match c {
        Cadence::Weekly => "Elke week",
        Cadence::Fortnightly => "Om de week",
        Cadence::Monthly => "Elke maand",
    }
}

fn status(s: FamilyStatus) -> &'static str {
    match s {
        FamilyStatus::Intake => "Kennismaking",
        FamilyStatus::Active => "Actief",
        FamilyStatus::Paused => "Gepauzeerd",
        FamilyStatus::Ended => "Beëindigd",
    }
}

fn visit_kind(k: VisitKind) -> &'static str {
    match k {
        VisitKind::Home => "Huisbezoek",
        VisitKind::Library => "Samen naar de bibliotheek",
        VisitKind::Park => "Samen naar park of speeltuin",
        VisitKind::Clinic => "Samen naar het consultatiebureau",
        VisitKind::Outing => "Ander uitje samen",
        VisitKind::Phone => "Telefonisch contact",
        VisitKind::Video => "Videobellen",
    }
}

fn topic(t: Topic) -> &'static str {
    match t {
        Topic::Pregnancy => "Zwangerschap",
        Topic::Feeding => "Voeding",
        Topic::Crying => "Huilen",
        Topic::Sleep => "Slapen",
        Topic::Rhythm => "Dag- en nachtritme",
        Topic::Development => "Ontwikkeling",
        Topic::PlayReading => "Spelen en voorlezen",
        Topic::OwnTime => "Tijd voor jezelf",
        Topic::Wellbeing => "Hoe gaat het met haar",
        Topic::Health => "Gezondheid en consultatiebureau",
        Topic::Network => "Netwerk",
        Topic::Services => "Voorzieningen in Nederland",
    }
}

fn support(s: SupportForm) -> &'static str {
    match s {
        SupportForm::Emotional => "Emotionele steun",
        SupportForm::Informational => "Informatie",
        SupportForm::Practical => "Praktische hulp",
        SupportForm::Social => "Sociale steun",
    }
}

fn urgency(u: Urgency) -> &'static str {
    match u {
        Urgency::Low => "Als het uitkomt",
        Urgency::Soon => "Deze week",
        Urgency::Urgent => "Vandaag nog",
    }
}

fn language_of(code: &str) -> &'static str {
    match code {
        "nl" => "Nederlands",
        "en" => "Engels",
        "ar" => "Arabisch",
        "tr" => "Turks",
        "pl" => "Pools",
        "uk" => "Oekraïens",
        "ti" => "Tigrinya",
        "so" => "Somalisch",
        "fr" => "Frans",
        "es" => "Spaans",
        "ro" => "Roemeens",
        "bg" => "Bulgaars",
        "fa" => "Perzisch",
        "zgh" => "Tamazight",
        _ => "?",
    }
}

fn field_error(e: FieldError) -> String {
    match e {
        FieldError::Required => "Vul dit in.".into(),
        FieldError::TooLong { max } => format!("Dit is te lang: maximaal {max} tekens."),
        FieldError::InvalidDate => "Dit is geen geldige datum.".into(),
        FieldError::InvalidNumber => "Vul een heel getal in.".into(),
        FieldError::BirthInFuture => "Een geboortedatum kan niet in de toekomst liggen. Is het kind nog niet geboren? Kies dan ‘Verwacht’.".into(),
        FieldError::BirthTooLongAgo => "Deze geboortedatum is te lang geleden voor de programma's.".into(),
        FieldError::DueTooFarAhead => "Een uitgerekende datum ligt hooguit tien maanden vooruit.".into(),
        FieldError::DueLongPassed => "Deze datum is al weken voorbij. Is het kind geboren? Kies dan ‘Geboren’.".into(),
        FieldError::VisitInFuture => "Een bezoek kan niet in de toekomst liggen. Plan het als volgende afspraak.".into(),
        FieldError::VisitTooOld => "Deze datum ligt meer dan twee jaar terug.".into(),
        FieldError::AppointmentInPast => "Deze afspraak ligt in het verleden.".into(),
        FieldError::AppointmentTooFar => "Plan hooguit een jaar vooruit.".into(),
        FieldError::DurationOutOfRange => "Vul een duur tussen 1 en 600 minuten in.".into(),
        FieldError::UnknownChoice => "Kies een van de mogelijkheden.".into(),
        FieldError::Repeated => "Kies elke mogelijkheid maar één keer.".into(),
        FieldError::TooMany { max } => format!("Te veel: hooguit {max}."),
        FieldError::InFuture => "Deze datum kan niet in de toekomst liggen.".into(),
        FieldError::Inconsistent => "Dit past niet bij de status van het gezin.".into(),
        FieldError::EndsBeforeStart => "De eindtijd moet na de begintijd liggen.".into(),
        FieldError::InPast => "Deze dag is al voorbij.".into(),
    }
}

fn pending_changes(n: usize) -> String {
    match n {
        0 => "Er wachten geen wijzigingen op verzending.".into(),
        1 => "1 wijziging wacht op verzending naar de server.".into(),
        n => format!("{n} wijzigingen wachten op verzending naar de server."),
    }
}

/// The Dutch table.
pub static TEXTS: Texts = Texts {
    language_name: "Nederlands",
    nav_families: "Gezinnen",
    nav_visits: "Bezoeken",
    nav_settings: "Instellingen",
    nav_label: "Hoofdmenu",
    skip_to_content: "Naar de inhoud",
    loading: "Even laden…",
    needs_javascript: "Dit duurt lang. Naast heeft JavaScript nodig: staat dat uit in je browser, zet het dan aan.",
    offline_badge: "Offline",
    nav_desk: "Werkplek",
    screen_not_loaded: "Dit scherm kon niet worden geladen. Er is niets verloren gegaan.",
    try_again: "Opnieuw proberen",
    desk_needs_connection_title: "De werkplek heeft verbinding nodig",
    desk_needs_connection: "De werkplek van de coördinator staat niet op dit apparaat en werkt alleen met internet. Je dagboek werkt ook zonder verbinding.",
    back_to_diary: "Naar het dagboek",
    save: "Opslaan",
    cancel: "Annuleren",
    edit: "Bewerken",
    delete: "Verwijderen",
    close: "Sluiten",
    undo: "Ongedaan maken",
    back: "Terug",
    optional: "(niet verplicht)",
    not_found: "Deze pagina of dit gegeven bestaat niet (meer).",
    form_has_errors: "Er is niets opgeslagen. Kijk naar de gemarkeerde velden.",
    families_title: "Gezinnen",
    add_family: "Gezin toevoegen",
    no_families: "Je hebt nog geen gezinnen. Voeg het eerste gezin toe om te beginnen.",
    show_ended: "Ook beëindigde gezinnen tonen",
    new_family: "Nieuw gezin",
    edit_family: "Gezin bewerken",
    pseudonym: "Voornaam of bijnaam",
    pseudonym_hint: "Alleen een voornaam of bijnaam — geen achternaam of adres.",
    child: "Kind",
    child_born: "Geboren",
    child_expected: "Verwacht",
    birth_date: "Geboortedatum",
    due_date: "Uitgerekende datum",
    languages: "Talen",
    programme: "Programma",
    cadence: "Bezoekritme",
    cadence_hint: "Het programma bepaalt het gebruikelijke ritme; pas het aan als jullie iets anders afspreken.",
    status: "Status",
    next_appointment: "Volgende afspraak",
    no_appointment: "Nog geen afspraak",
    end_support: "Begeleiding beëindigen",
    end_support_confirm: "Weet je zeker dat de begeleiding van dit gezin stopt? Je bezoeken blijven bewaard.",
    support_ended_on: "Begeleiding beëindigd op",
    family_saved: "Gezin opgeslagen.",
    visits_title: "Bezoeken",
    add_visit: "Bezoek toevoegen",
    no_visits: "Nog geen bezoeken vastgelegd.",
    new_visit: "Nieuw bezoek",
    edit_visit: "Bezoek bewerken",
    visit_for: "Gezin",
    visit_date: "Datum",
    visit_kind: "Soort contact",
    duration: "Duur",
    duration_unit: "minuten",
    topics: "Onderwerpen",
    support_forms: "Gegeven steun",
    own_question: "Eigen vraag van de moeder",
    own_question_hint: "Waar wilde zij het zelf over hebben?",
    chosen_to_try: "Wat wil zij proberen?",
    agreements: "Afspraken",
    note: "Notitie",
    signal: "Signaal voor de coördinator",
    signal_toggle: "Ik maak me zorgen en wil dit melden",
    signal_hint: "Alleen de coördinator leest dit.",
    urgency: "Hoe snel?",
    signal_text: "Wat valt je op?",
    visit_saved: "Bezoek opgeslagen.",
    visit_deleted: "Bezoek verwijderd.",
    draft_restored: "Je was hier nog mee bezig; wat je had ingevuld staat er weer.",
    discard_draft: "Opnieuw beginnen",
    draft_kept: "Concept bewaard op dit apparaat",
    search_label: "Zoeken in bezoeken",
    search_placeholder: "Zoek een woord…",
    filter_topics: "Filter op onderwerp",
    no_matches: "Geen bezoeken gevonden.",
    timeline: "Tijdlijn",
    settings_title: "Instellingen",
    language: "Taal",
    device_storage: "Opslag op dit apparaat",
    storage_persistent: "De browser bewaart de gegevens blijvend.",
    storage_not_persistent: "De browser mag de gegevens opruimen als het geheugen vol raakt. Installeer Naast op je beginscherm om dat te voorkomen.",
    pending_changes,
    update_ready: "Er is een nieuwe versie van Naast.",
    update_now: "Nu bijwerken",
    error_storage_full: "Het geheugen van dit apparaat is vol. Er is niets opgeslagen en niets kwijt: je tekst staat nog in het formulier. Maak ruimte vrij en probeer het opnieuw.",
    error_newer_schema: "Op dit apparaat staan gegevens van een nieuwere versie van Naast. Herlaad de app om bij te werken; er wordt niets overschreven.",
    error_corrupt: "De opgeslagen gegevens waren onleesbaar. Ze zijn apart gezet, niet gewist.",
    error_unavailable: "Deze browser staat opslaan niet toe. Zet privé-navigatie uit of gebruik een andere browser.",
    months_short: ["jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec"],
    weekdays_short: ["ma", "di", "wo", "do", "vr", "za", "zo"],
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
    account: &super::nl_account::ACCOUNT,
    feedback: &super::feedback::NL,
    agenda: &super::agenda::NL,
    prompts: &super::nl_prompts::PROMPTS,
};
