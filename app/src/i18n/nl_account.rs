//! Dutch texts of accounts and sync on the phone.

use super::account::AccountTexts;
use crate::api::ProblemCode;

fn sign_out_warning(n: usize) -> String {
    match n {
        1 => "1 wijziging staat nog niet op de server. Als je nu uitlogt, is die weg. Maak eerst verbinding en synchroniseer.".into(),
        n => format!("{n} wijzigingen staan nog niet op de server. Als je nu uitlogt, zijn ze weg. Maak eerst verbinding en synchroniseer."),
    }
}

fn sync_waiting(n: usize) -> String {
    match n {
        1 => "1 wijziging wacht".into(),
        n => format!("{n} wijzigingen wachten"),
    }
}

fn rejected_count(n: usize) -> String {
    match n {
        1 => "1 wijziging niet geaccepteerd".into(),
        n => format!("{n} wijzigingen niet geaccepteerd"),
    }
}

/// The message for a problem code from the server (an unknown one gets the general
/// message).
fn problem(code: &str) -> &'static str {
    match ProblemCode::from_code(code) {
        Some(code) => message(code),
        None => "Er ging iets mis op de server. Probeer het later opnieuw.",
    }
}

/// Every problem code's message: a new code without one does not compile.
fn message(code: ProblemCode) -> &'static str {
    match code {
        ProblemCode::Offline => "Geen verbinding met de server. Probeer het opnieuw als je online bent.",
        ProblemCode::NotSignedIn
        | ProblemCode::Csrf => "Je bent niet meer ingelogd. Log opnieuw in; er gaat niets verloren.",
        ProblemCode::BadCredentials => "Gebruikersnaam of wachtwoord klopt niet.",
        ProblemCode::TooManyAttempts => "Te vaak een verkeerd wachtwoord. Wacht een kwartier en probeer het opnieuw.",
        ProblemCode::Forbidden => "Dit gezin of bezoek hoort bij een andere vrijwilliger.",
        ProblemCode::NotFound
        | ProblemCode::MethodNotAllowed
        | ProblemCode::BadJson
        | ProblemCode::BadQuery
        | ProblemCode::BadPath
        | ProblemCode::UnsupportedMediaType
        | ProblemCode::PictureType
        | ProblemCode::PictureDimensions
        | ProblemCode::PictureCorrupt
        | ProblemCode::Internal => "Er ging iets mis op de server. Probeer het later opnieuw.",
        ProblemCode::LinkInvalid => "Deze link werkt niet meer: hij is al gebruikt of verlopen. Vraag je coördinator om een nieuwe.",
        ProblemCode::UsernameTaken => "Deze gebruikersnaam is al in gebruik. Kies een andere.",
        ProblemCode::Invalid => "De server vond iets niet in orde. Open het en controleer de velden.",
        ProblemCode::MutationIdTaken => "Deze wijziging kon de server niet plaatsen. Open het en sla het opnieuw op.",
        ProblemCode::UnknownFamily => "Het gezin van dit bezoek staat niet op de server.",
        ProblemCode::TooLarge
        | ProblemCode::TooManyMutations => "Te veel tegelijk; het wordt in kleinere delen opnieuw geprobeerd.",
        ProblemCode::AccountDeactivated => "Je coördinator heeft je account uitgezet. Wat nog op dit apparaat wachtte, is verstuurd.",
        ProblemCode::Stale => "Een collega heeft dit intussen gewijzigd; er is niets overschreven. Bekijk de nieuwe stand en probeer het opnieuw.",
        ProblemCode::AlreadyResolved => "Dit signaal is al afgehandeld.",
        ProblemCode::VolunteerPaused => "Deze vrijwilliger heeft even pauze en neemt nu geen gezin.",
        ProblemCode::FamilyEnded => "De ondersteuning van dit gezin is afgesloten.",
        ProblemCode::UpdateNeeded => "Deze versie van Naast is te oud voor de server. Sluit de app en open hem opnieuw; er gaat niets verloren.",
    }
}

fn form_problem(code: &str) -> &'static str {
    match code {
        "required" => "Vul dit in.",
        "too_short" => "Dit is te kort.",
        "too_common" => {
            "Dit wachtwoord is te makkelijk te raden. Kies een zin die je goed onthoudt."
        }
        "wrong" => "Dit is niet je huidige wachtwoord.",
        "too_long" => "Dit is te lang.",
        "bad_characters" => {
            "Gebruik alleen kleine letters, cijfers, punt, streepje of liggend streepje."
        }
        _ => "Dit klopt niet.",
    }
}

/// The Dutch table.
pub static ACCOUNT: AccountTexts = AccountTexts {
    sign_in: "Inloggen",
    sign_in_title: "Inloggen bij Naast",
    sign_out: "Uitloggen",
    sign_out_everywhere: "Overal uitloggen",
    sign_out_explain: "Uitloggen wist je notities van dit apparaat. Op de server blijven ze bewaard.",
    sign_out_warning,
    sign_out_anyway: "Toch uitloggen en wissen",
    username: "Gebruikersnaam",
    username_hint: "Kleine letters en cijfers, bijvoorbeeld je voornaam.",
    password: "Wachtwoord",
    password_hint: "Minstens 12 tekens, niet makkelijk te raden. Een zin die je goed onthoudt is het best.",
    display_name: "Je naam zoals collega's die zien",
    organisation_name: "Naam van de organisatie",
    signed_in_as: |name, org| format!("Ingelogd als {name} ({org})"),
    account_title: "Account",
    change_password: "Wachtwoord wijzigen",
    current_password: "Je huidige wachtwoord",
    new_password: "Nieuw wachtwoord",
    password_changed: "Je wachtwoord is gewijzigd. Op je andere apparaten ben je uitgelogd.",
    not_signed_in: "Je bent niet ingelogd. Wat je schrijft blijft op dit apparaat; log in om het naar je coördinator te sturen.",
    welcome_setup: "Naast inrichten voor je organisatie",
    welcome_invite: |org| format!("Welkom bij {org}"),
    welcome_reset: |user| format!("Nieuw wachtwoord voor {user}"),
    continue_label: "Verder",
    sync_title: "Synchroniseren",
    sync_now: "Nu synchroniseren",
    sync_all_saved: "Alles staat op de server",
    sync_waiting,
    sync_last: |at| format!("Laatst gesynchroniseerd: {at}"),
    sync_running: "Bezig met synchroniseren…",
    sync_offline: "Geen verbinding. Je wijzigingen worden verstuurd zodra je weer online bent.",
    sync_expired: "Log opnieuw in om te synchroniseren. Er gaat niets verloren.",
    sync_expired_short: "Log opnieuw in",
    sync_deactivated: "Account uitgezet",
    sync_failed: "Synchroniseren lukte niet.",
    sync_signed_out: "Alleen op dit apparaat bewaard",
    rejected_title: "Niet geaccepteerd door de server",
    rejected_count,
    discard: "Weggooien",
    open: "Openen",
    other_person_unsynced: "Op dit apparaat staan notities van een collega die nog niet verstuurd zijn. Laat haar eerst inloggen en synchroniseren.",
    conflict_banner: "Deze tekst is op twee plekken tegelijk aangepast. Beide versies zijn bewaard; kies wat blijft.",
    conflict_badge: "Twee versies: kies wat blijft",
    conflict_this_device: "Versie 1",
    conflict_other: "Versie 2",
    keep_this: "Deze houden",
    keep_both: "Allebei houden",
    problem,
    form_problem,
};
