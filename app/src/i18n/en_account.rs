//! English texts of accounts and sync on the phone.

use super::account::AccountTexts;
use crate::api::ProblemCode;

fn sign_out_warning(n: usize) -> String {
    match n {
        1 => "1 change is not on the server yet. If you sign out now, it is lost. Connect and sync first.".into(),
        n => format!("{n} changes are not on the server yet. If you sign out now, they are lost. Connect and sync first."),
    }
}

fn sync_waiting(n: usize) -> String {
    match n {
        1 => "1 change waiting".into(),
        n => format!("{n} changes waiting"),
    }
}

fn rejected_count(n: usize) -> String {
    match n {
        1 => "1 change not accepted".into(),
        n => format!("{n} changes not accepted"),
    }
}

/// The message for a problem code from the server (an unknown one gets the general
/// message).
fn problem(code: &str) -> &'static str {
    match ProblemCode::from_code(code) {
        Some(code) => message(code),
        None => "Something went wrong on the server. Try again later.",
    }
}

/// Every problem code's message: a new code without one does not compile.
fn message(code: ProblemCode) -> &'static str {
    match code {
        ProblemCode::Offline => "No connection to the server. Try again when you are online.",
        ProblemCode::NotSignedIn
        | ProblemCode::Csrf => "You are no longer signed in. Sign in again; nothing is lost.",
        ProblemCode::BadCredentials => "Wrong username or password.",
        ProblemCode::TooManyAttempts => "Too many wrong passwords. Wait a quarter of an hour and try again.",
        ProblemCode::Forbidden => "This family or visit belongs to another volunteer.",
        ProblemCode::NotFound
        | ProblemCode::MethodNotAllowed
        | ProblemCode::BadJson
        | ProblemCode::BadQuery
        | ProblemCode::BadPath
        | ProblemCode::UnsupportedMediaType
        | ProblemCode::PictureType
        | ProblemCode::PictureDimensions
        | ProblemCode::PictureCorrupt
        | ProblemCode::Internal => "Something went wrong on the server. Try again later.",
        ProblemCode::LinkInvalid => "This link no longer works: it was used or has expired. Ask your coordinator for a new one.",
        ProblemCode::UsernameTaken => "This username is taken. Choose another one.",
        ProblemCode::Invalid => "The server found something wrong. Open it and check the fields.",
        ProblemCode::MutationIdTaken => "The server could not place this change. Open it and save it again.",
        ProblemCode::UnknownFamily => "The family of this visit is not on the server.",
        ProblemCode::TooLarge
        | ProblemCode::TooManyMutations => "Too much at once; it is retried in smaller parts.",
        ProblemCode::AccountDeactivated => "Your coordinator switched your account off. What was still waiting on this device has been sent.",
        ProblemCode::Stale => "A colleague changed this in the meantime; nothing was overwritten. Look at the new state and try again.",
        ProblemCode::AlreadyResolved => "This signal has been handled already.",
        ProblemCode::VolunteerPaused => "This volunteer is pausing and takes no family now.",
        ProblemCode::FamilyEnded => "This family's support has ended.",
        ProblemCode::UpdateNeeded => "This version of Naast is too old for the server. Close the app and open it again; nothing is lost.",
    }
}

fn form_problem(code: &str) -> &'static str {
    match code {
        "required" => "Please fill this in.",
        "too_short" => "This is too short.",
        "too_common" => "This password is too easy to guess. Choose a sentence you remember well.",
        "wrong" => "This is not your current password.",
        "too_long" => "This is too long.",
        "bad_characters" => "Use only lower-case letters, digits, dot, dash or underscore.",
        _ => "This is not right.",
    }
}

/// The English table.
pub static ACCOUNT: AccountTexts = AccountTexts {
    sign_in: "Sign in",
    sign_in_title: "Sign in to Naast",
    sign_out: "Sign out",
    sign_out_everywhere: "Sign out everywhere",
    sign_out_explain: "Signing out wipes your notes from this device. They stay safe on the server.",
    sign_out_warning,
    sign_out_anyway: "Sign out and wipe anyway",
    username: "Username",
    username_hint: "Lower-case letters and digits, for example your first name.",
    password: "Password",
    password_hint: "At least 12 characters, not easy to guess. A sentence you remember well is best.",
    display_name: "Your name as colleagues see it",
    organisation_name: "Name of the organisation",
    signed_in_as: |name, org| format!("Signed in as {name} ({org})"),
    account_title: "Account",
    change_password: "Change password",
    current_password: "Your current password",
    new_password: "New password",
    password_changed: "Your password is changed. You are signed out on your other devices.",
    not_signed_in: "You are not signed in. What you write stays on this device; sign in to send it to your coordinator.",
    welcome_setup: "Set up Naast for your organisation",
    welcome_invite: |org| format!("Welcome to {org}"),
    welcome_reset: |user| format!("New password for {user}"),
    continue_label: "Continue",
    sync_title: "Sync",
    sync_now: "Sync now",
    sync_all_saved: "Everything is on the server",
    sync_waiting,
    sync_last: |at| format!("Last synced: {at}"),
    sync_running: "Syncing…",
    sync_offline: "No connection. Your changes are sent as soon as you are online again.",
    sync_expired: "Sign in again to sync. Nothing is lost.",
    sync_expired_short: "Sign in again",
    sync_deactivated: "Account switched off",
    sync_failed: "Syncing did not work.",
    sync_signed_out: "Saved on this device only",
    rejected_title: "Not accepted by the server",
    rejected_count,
    discard: "Discard",
    open: "Open",
    other_person_unsynced: "This device holds a colleague's notes that were not sent yet. Let her sign in and sync first.",
    conflict_banner: "This text was changed in two places at once. Both versions are kept; choose what stays.",
    conflict_badge: "Two versions: choose what stays",
    conflict_this_device: "Version 1",
    conflict_other: "Version 2",
    keep_this: "Keep this one",
    keep_both: "Keep both",
    problem,
    form_problem,
};
