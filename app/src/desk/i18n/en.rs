//! English texts of the coordinator's workspace.

use super::DeskTexts;
use crate::api::Role;

fn role_name(r: Role) -> &'static str {
    match r {
        Role::Admin => "Coordinator (admin)",
        Role::Coordinator => "Coordinator",
        Role::Volunteer => "Volunteer",
    }
}

fn missing_count(n: usize) -> String {
    match n {
        0 => "Every language filled in".into(),
        1 => "1 translation missing".into(),
        n => format!("{n} translations missing"),
    }
}

fn catalogue_problem(code: &str) -> &'static str {
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
pub static DESK: DeskTexts = DeskTexts {
    desk_title: "Workspace",
    nav_label: "Workspace menu",
    nav_diary: "My diary",
    signed_in_as: |name, org| format!("{name} · {org}"),
    sign_in_first: "Sign in to open the workspace.",
    volunteers_only_diary: "The workspace is for coordinators. Your diary is on your phone.",
    sign_out: "Sign out",
    switched_off: "Account switched off",
    switch_off: "Switch account off",
    switch_on: "Switch account on again",
    nav_review: "Notes",
    nav_team: "Team",
    review_title: "Volunteers' notes",
    review_empty: "No visits have been synced yet.",
    review_more: "Show older visits",
    by_volunteer: |name| format!("by {name}"),
    filter_label: "Filter visits",
    to_review: "To review",
    reviewed: "Reviewed",
    all_visits: "All",
    volunteer: "Volunteer",
    any_volunteer: "All volunteers",
    any_topic: "All topics",
    signal_only: "Only with a signal of concern",
    date_from: "From",
    date_to: "Up to and including",
    search_notes: "Search the notes",
    search: "Search",
    unread: "New",
    mark_reviewed: "Mark as reviewed",
    unmark_reviewed: "Back to review",
    nothing_to_review: "Everything is reviewed. New notes appear here by themselves.",
    nothing_found: "No visits match this filter.",
    waiting_count: |n| format!("{n} to review"),
    signals_count: |n| match n {
        1 => "1 signal of concern".into(),
        n => format!("{n} signals of concern"),
    },
    team_title: "Team",
    invite_volunteer: "Invite a volunteer",
    invite_coordinator: "Invite a coordinator",
    link_made: "Send her this link. It works once, for 7 days:",
    reset_password: "New password",
    reset_made: "She is signed out everywhere. Send her this link to choose a new password:",
    role_name,
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
    catalogue_problem,
    signals: &super::signals::EN,
    agenda: &super::agenda::EN,
    families: &super::families::EN,
};
