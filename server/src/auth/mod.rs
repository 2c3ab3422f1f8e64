//! Accounts: people with a role in one organisation, their sessions (in the database, so
//! any server instance can check them), one-time links (the first coordinator, invites,
//! password resets) and the login rate limit.

pub mod links;
pub mod passwords;
pub mod people;
pub mod rate_limit;
pub mod secrets;
pub mod sessions;

use app::api::Role;

/// A signed-in person, as every authorised request sees her.
#[derive(Clone, Debug, PartialEq)]
pub struct Account {
    /// Her id.
    pub user_id: String,
    /// Her organisation's id.
    pub org_id: String,
    /// Her organisation's name.
    pub organisation: String,
    /// What she may do.
    pub role: Role,
    /// Her sign-in name.
    pub username: String,
    /// Her name as colleagues see it.
    pub display_name: String,
    /// False once a coordinator switched her account off.
    pub active: bool,
}

/// How long sessions and one-time links work.
pub mod lifetimes {
    /// A session: 30 days at most, so a volunteer offline for weeks can still sync.
    pub const SESSION_MS: i64 = 30 * 24 * 3_600_000;
    /// A coordinator's session ends after 8 hours without use (a shared office
    /// computer); a volunteer's only at the 30 days, so her phone keeps syncing after
    /// weeks offline.
    pub const COORDINATOR_IDLE_MS: i64 = 8 * 3_600_000;
    /// How often the last use of a session is written down (not on every request).
    pub const SEEN_EVERY_MS: i64 = 60_000;
    /// After an account is switched off, her phone may still send what was waiting on it
    /// for this long (pushes only); then its session is gone.
    pub const FINAL_PUSH_MS: i64 = 14 * 24 * 3_600_000;
    /// A setup link for a new organisation.
    pub const SETUP_MS: i64 = 7 * 24 * 3_600_000;
    /// An invite.
    pub const INVITE_MS: i64 = 7 * 24 * 3_600_000;
    /// A password reset.
    pub const RESET_MS: i64 = 3 * 24 * 3_600_000;
}
