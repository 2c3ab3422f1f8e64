//! Texts of the meeting-group agenda as the volunteer carries it on her phone, one
//! table per language.

use crate::domain::Frequency;

/// Agenda texts of one language.
pub struct AgendaTexts {
    pub nav: &'static str,
    pub title: &'static str,
    pub intro: &'static str,
    pub none: &'static str,
    pub no_sessions: &'static str,
    pub cancelled: &'static str,
    pub walk_in: &'static str,
    pub sign_up: &'static str,
    pub frequency: fn(Frequency) -> &'static str,
    pub host: &'static str,
    pub share_title: &'static str,
    pub her_language: &'static str,
    pub link_label: &'static str,
    pub share: &'static str,
    pub share_whatsapp: &'static str,
    pub no_link: &'static str,
    pub plan_own: &'static str,
}

/// Dutch.
pub static NL: AgendaTexts = AgendaTexts {
    nav: "Groepen",
    title: "Ontmoetingsgroepen",
    intro: "Vertel een moeder over de volgende bijeenkomst, en deel de agenda in haar eigen taal.",
    none: "Je organisatie heeft nog geen ontmoetingsgroepen in Naast gezet.",
    no_sessions: "Nog geen bijeenkomsten gepland.",
    cancelled: "Gaat niet door",
    walk_in: "Binnenlopen, aanmelden hoeft niet",
    sign_up: "Eerst even melden bij de gastvrouw",
    frequency: |f| match f {
        Frequency::Weekly => "Elke week",
        Frequency::Fortnightly => "Om de week",
        Frequency::Monthly => "Elke maand",
        Frequency::Irregular => "Af en toe",
    },
    host: "Gastvrouw",
    share_title: "Delen met een moeder",
    her_language: "Haar taal",
    link_label: "Link naar de agenda",
    share: "Delen",
    share_whatsapp: "Via WhatsApp",
    no_link: "Je coördinator heeft nog geen openbare link gemaakt.",
    plan_own: "Je bent gastvrouw: bijeenkomsten plannen",
};

/// English.
pub static EN: AgendaTexts = AgendaTexts {
    nav: "Groups",
    title: "Meeting groups",
    intro: "Tell a mother about the next session, and share the agenda in her own language.",
    none: "Your organisation has not put any meeting groups in Naast yet.",
    no_sessions: "No sessions planned yet.",
    cancelled: "Cancelled",
    walk_in: "Walk in, no need to sign up",
    sign_up: "Tell the host first",
    frequency: |f| match f {
        Frequency::Weekly => "Every week",
        Frequency::Fortnightly => "Every two weeks",
        Frequency::Monthly => "Every month",
        Frequency::Irregular => "Now and then",
    },
    host: "Host",
    share_title: "Share with a mother",
    her_language: "Her language",
    link_label: "Link to the agenda",
    share: "Share",
    share_whatsapp: "Via WhatsApp",
    no_link: "Your coordinator has not made a public link yet.",
    plan_own: "You host this group: plan its sessions",
};
