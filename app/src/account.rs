//! Signing in and out on this device. Signing in attaches the device's diary to her
//! account (or, for another person, starts a clean one — never over a colleague's
//! unsynced notes). Signing out wipes the diary, but the screens only offer it without
//! a warning once everything reached the server.

use crate::api::{Role, SessionInfo};
use crate::diary::Diary;
use crate::net::Call;
use crate::store::LocalDb;
use crate::syncing::Syncer;
use leptos::prelude::*;

/// Why a sign-in could not be taken on this device.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ColleagueHasUnsyncedNotes;

/// Takes a session the server opened: stores it with the diary and starts a sync.
/// Returns where to go next.
pub fn complete_sign_in(
    diary: Diary,
    syncer: Syncer,
    info: SessionInfo,
) -> Result<&'static str, ColleagueHasUnsyncedNotes> {
    let role = info.role;
    let csrf = info.csrf.clone();
    let accepted = diary
        .db
        .with_untracked(|db| db.clone().unwrap_or_default().signed_in(info));
    let Some(next) = accepted else {
        // Leave the server session of the newcomer closed again.
        leptos::task::spawn_local(async move {
            let _ = Call::delete("/session", Some(csrf)).send().await;
        });
        return Err(ColleagueHasUnsyncedNotes);
    };
    if diary.commit(|_| Some(next)).is_err() {
        return Err(ColleagueHasUnsyncedNotes);
    }
    syncer.sync_now();
    Ok(match role {
        Role::Admin | Role::Coordinator => crate::nav::DESK_PREFIX,
        Role::Volunteer => "/",
    })
}

/// Signs out (here, or on every device) and wipes the diary, drafts and catalogue from this
/// device. The server call may fail offline; the wipe happens anyway, because she asked
/// for it after the warning.
pub async fn sign_out(diary: Diary, prompts: crate::prompts::Prompts, everywhere: bool) {
    let csrf = csrf_token(diary);
    let _ = Call::delete(format!("/session?everywhere={everywhere}"), csrf)
        .send()
        .await;
    crate::store::browser::wipe();
    prompts.forget();
    let fresh = LocalDb::default();
    let _ = crate::store::browser::write_db(&fresh);
    diary.db.set(Some(fresh));
}

/// The CSRF token of the signed-in person, for state-changing calls.
pub fn csrf_token(diary: Diary) -> Option<String> {
    diary.db.with_untracked(|db| {
        db.as_ref()
            .and_then(|db| db.account.as_ref().map(|a| a.csrf.clone()))
    })
}
