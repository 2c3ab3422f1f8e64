//! The JSON wire types of Naast's versioned HTTP API (`/api/v1/…`), shared by the server
//! and the browser so both read and write the same shapes. The API is plain HTTP, not
//! server functions: a phone may run a client cached weeks ago, so these shapes only
//! ever grow (new optional fields), and the URLs never move.

mod agenda;
mod matching;
mod review;

pub use agenda::{Agenda, PublicLink, SessionPlan};
pub use matching::{
    CaseRow, Caseload, EndReason, EndRequest, FamilyFile, IntakeDetails, MatchRecord, MatchRequest,
    NewFamily, SuggestedVolunteer, SupervisionKind, SupervisionNote, VolunteerFile, VolunteerLoad,
    LONG_TEXT_MAX,
};
pub use review::{FeedbackDraft, OpenSignal, OpenSignals, Triage, TriageEdit, TRIAGE_NOTE_MAX};

use crate::domain::{Catalogue, DeviceId, Feedback, Visit};
use crate::store::Change;
use serde::{Deserialize, Serialize};

/// Most mutations one push may carry; a longer outbox is pushed in several batches.
pub const PUSH_MAX_MUTATIONS: usize = 200;
/// Largest push request body in bytes (200 visits of the longest allowed texts fit).
pub const PUSH_MAX_BYTES: usize = 4 * 1024 * 1024;
/// Largest body of any other request in bytes.
pub const BODY_MAX_BYTES: usize = 64 * 1024;
/// Most changes one pull page hands out.
pub const PULL_MAX_LIMIT: i64 = 1_000;
/// The header that carries the session's CSRF token on state-changing requests.
pub const CSRF_HEADER: &str = "x-naast-csrf";
/// Largest picture a coordinator may upload.
pub const PICTURE_MAX_BYTES: usize = 2 * 1024 * 1024;
/// Smallest side of an uploaded picture, in pixels.
pub const PICTURE_MIN_SIDE: u32 = 300;
/// Largest side of an uploaded picture, in pixels.
pub const PICTURE_MAX_SIDE: u32 = 4096;
/// Largest catalogue item (a story with six pictures in many languages).
pub const CATALOGUE_ITEM_MAX_BYTES: usize = 256 * 1024;

crate::domain::visit::coded_enum!(
    /// Every problem code the API answers with (and `offline`, the device's own for no
    /// answer at all). The app's messages match on it exhaustively, so a new code without
    /// a message in both languages does not compile; the API document lists them.
    ProblemCode {
        /// The device could not reach the server (never sent by the server).
        Offline = "offline",
        /// No valid session.
        NotSignedIn = "not_signed_in",
        /// Wrong username or password.
        BadCredentials = "bad_credentials",
        /// Too many sign-in attempts.
        TooManyAttempts = "too_many_attempts",
        /// The CSRF header is missing or wrong.
        Csrf = "csrf",
        /// Signed in, but not allowed this.
        Forbidden = "forbidden",
        /// No such thing (or not hers to know of).
        NotFound = "not_found",
        /// A known route called with the wrong method.
        MethodNotAllowed = "method_not_allowed",
        /// A setup, invitation or reset link that was used or expired.
        LinkInvalid = "link_invalid",
        /// The username is in use.
        UsernameTaken = "username_taken",
        /// Field-level problems (see `errors`).
        Invalid = "invalid",
        /// The body is not the JSON expected.
        BadJson = "bad_json",
        /// Bad query parameters.
        BadQuery = "bad_query",
        /// A bad path segment.
        BadPath = "bad_path",
        /// Not JSON (or not a picture where one is expected).
        UnsupportedMediaType = "unsupported_media_type",
        /// A mutation id used before for another record.
        MutationIdTaken = "mutation_id_taken",
        /// A visit of a family the server does not have.
        UnknownFamily = "unknown_family",
        /// The request body is too large.
        TooLarge = "too_large",
        /// Too many mutations in one push.
        TooManyMutations = "too_many_mutations",
        /// Not a PNG, JPEG or WebP picture.
        PictureType = "picture_type",
        /// A picture too small or too large.
        PictureDimensions = "picture_dimensions",
        /// A damaged picture.
        PictureCorrupt = "picture_corrupt",
        /// The account was switched off.
        AccountDeactivated = "account_deactivated",
        /// The app is too old for this server.
        UpdateNeeded = "update_needed",
        /// Someone changed it since she opened it: nothing was overwritten.
        Stale = "stale",
        /// A signal of concern that was resolved already.
        AlreadyResolved = "already_resolved",
        /// A volunteer who paused takes no family now.
        VolunteerPaused = "volunteer_paused",
        /// The family's support has ended: it takes no matching.
        FamilyEnded = "family_ended",
        /// Something broke on the server.
        Internal = "internal",
    }
);

/// What a person may do: an admin and a coordinator see their whole organisation and
/// invite people; a volunteer sees only her own families and visits.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// Runs the organisation's Naast: everything a coordinator does.
    Admin,
    /// Reviews notes, invites volunteers, resets their passwords.
    Coordinator,
    /// Keeps the visit diary for her own families.
    Volunteer,
}

impl Role {
    /// True for the roles that see the whole organisation.
    pub fn sees_organisation(self) -> bool {
        matches!(self, Role::Admin | Role::Coordinator)
    }

    /// Stored and sent form.
    pub fn code(self) -> &'static str {
        match self {
            Role::Admin => "admin",
            Role::Coordinator => "coordinator",
            Role::Volunteer => "volunteer",
        }
    }

    /// Parses the stored form.
    pub fn from_code(code: &str) -> Option<Role> {
        [Role::Admin, Role::Coordinator, Role::Volunteer]
            .into_iter()
            .find(|r| r.code() == code)
    }
}

/// Who is signed in, as the device keeps it (the session token itself stays in an
/// HttpOnly cookie the page cannot read).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct SessionInfo {
    /// The person's id.
    pub user_id: String,
    /// Her name as shown to colleagues.
    pub display_name: String,
    /// Her sign-in name.
    pub username: String,
    /// What she may do.
    pub role: Role,
    /// Her organisation's name.
    pub organisation: String,
    /// Token to send in [`CSRF_HEADER`] with every state-changing request.
    pub csrf: String,
}

/// `POST /api/v1/session`: signing in.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct LoginRequest {
    /// Sign-in name.
    pub username: String,
    /// Password.
    pub password: String,
}

/// `POST /api/v1/session/password`: she changes her own password.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct PasswordChange {
    /// Her password now.
    pub current_password: String,
    /// The one she chooses.
    pub new_password: String,
}

/// What a one-time link is for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum LinkKind {
    /// Creates a new organisation and its first coordinator.
    Setup,
    /// Joins an organisation with a role.
    Invite,
    /// Sets a new password for an existing person.
    Reset,
}

/// `GET /api/v1/links/{code}`: what a one-time link will do, before she uses it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct LinkInfo {
    /// Setup, invite or reset.
    pub kind: LinkKind,
    /// The organisation joined (none for setup: she names it).
    pub organisation: Option<String>,
    /// The role she will have.
    pub role: Role,
    /// For a reset: whose password is set.
    pub username: Option<String>,
}

/// `POST /api/v1/links/{code}`: using a one-time link. Fields not needed by the link's
/// kind are ignored.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct RedeemRequest {
    /// Setup: the new organisation's name.
    #[serde(default)]
    pub organisation: String,
    /// Setup and invite: her name as colleagues see it.
    #[serde(default)]
    pub display_name: String,
    /// Setup and invite: her sign-in name.
    #[serde(default)]
    pub username: String,
    /// Her new password.
    pub password: String,
}

/// `POST /api/v1/invites`: a coordinator invites someone.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct InviteRequest {
    /// The role the invited person will have.
    pub role: Role,
}

/// A one-time link just made (invite or reset), to pass on by hand.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct LinkCreated {
    /// The code (also the last part of the path).
    pub code: String,
    /// Where to open it, relative to the site (`/welcome/{code}`).
    pub path: String,
    /// When it stops working (ms since epoch).
    pub expires_at_ms: i64,
}

/// One person of the organisation, as a coordinator sees her.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct Person {
    /// Her id.
    pub id: String,
    /// Her name.
    pub display_name: String,
    /// Her sign-in name.
    pub username: String,
    /// Her role.
    pub role: Role,
    /// False while her account is switched off (she cannot sign in or sync).
    #[serde(default = "switched_on")]
    pub active: bool,
}

fn switched_on() -> bool {
    true
}

/// `POST /api/v1/sync/push`, as the device sends it.
#[derive(Clone, Debug, Serialize)]
pub struct PushRequest<'a> {
    /// The device the mutations come from.
    pub device_id: DeviceId,
    /// Her pull cursor: what the device knows of the server. A family handed to another
    /// volunteer after it still takes the changes this phone made before it knew.
    pub cursor: i64,
    /// At most [`PUSH_MAX_MUTATIONS`], oldest first.
    pub mutations: &'a [crate::store::Mutation],
}

/// How the server took one pushed mutation.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum PushOutcome {
    /// Stored as sent.
    Applied,
    /// Merged with a newer server version; `record` shows the result.
    Merged,
    /// Already applied earlier (a retry): nothing changed.
    Duplicate,
    /// Not stored; `problem` says why. The device keeps it until she fixes or
    /// discards it.
    Rejected,
}

/// The server's answer to one pushed mutation, in the order they were sent.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct PushResult {
    /// The mutation's id (as sent, even when it could not be read).
    pub mutation_id: String,
    /// What happened.
    pub outcome: PushOutcome,
    /// The record version it produced (not for rejected).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version: Option<u64>,
    /// The record as stored in that version (not for rejected).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub record: Option<Change>,
    /// Why it was rejected.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub problem: Option<Problem>,
}

/// `POST /api/v1/sync/push` response.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct PushResponse {
    /// One result per mutation, in order.
    pub results: Vec<PushResult>,
}

/// `GET /api/v1/sync/pull?after=N&limit=M` response.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct PullResponse {
    /// Changed records after the cursor, oldest change first.
    pub changes: Vec<crate::store::sync::Pulled>,
    /// Records no longer hers after the cursor (no content).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub gone: Vec<crate::store::sync::Gone>,
    /// The cursor to ask from next time.
    pub cursor: i64,
    /// True when another page is waiting.
    pub more: bool,
    /// The path of the organisation's public agenda page, when it has one (so she can
    /// share it with a mother, also offline).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub agenda_path: Option<String>,
}

/// A visit as a coordinator reviews it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct ReviewVisit {
    /// The visit.
    pub visit: Visit,
    /// The family's pseudonym.
    pub family: String,
    /// The volunteer's name.
    pub volunteer: String,
    /// Whether she (the coordinator asking) has opened it.
    #[serde(default)]
    pub read: bool,
    /// Whether she has marked it reviewed.
    #[serde(default)]
    pub reviewed: bool,
    /// The family did not agree to share notes: the visit's texts are left out (its
    /// signal of concern is not).
    #[serde(default)]
    pub notes_hidden: bool,
    /// The coordinators' replies and the volunteer's answers (when one visit is read).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub feedback: Vec<Feedback>,
    /// The handling of its signal of concern, if it has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub triage: Option<Triage>,
}

/// `PUT /api/v1/visits/{id}/review`: a coordinator marks a visit reviewed (or not).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct ReviewMark {
    /// Reviewed by her.
    pub reviewed: bool,
}

/// `GET /api/v1/inbox`: what waits for the coordinator asking, for her navigation.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct InboxCounts {
    /// Visits she has not marked reviewed.
    pub unreviewed: u64,
    /// Of those, visits with a signal of concern.
    pub unreviewed_signals: u64,
    /// Signals of concern not yet resolved.
    #[serde(default)]
    pub open_signals: u64,
    /// Of those, signals not acknowledged in time.
    #[serde(default)]
    pub overdue_signals: u64,
    /// Volunteers' answers to replies that no coordinator has opened yet.
    #[serde(default)]
    pub new_answers: u64,
}

/// The API version this build of the app speaks, sent on every call in
/// [`API_VERSION_HEADER`]; the server answers with its own. Version 2: a push answer
/// carries a record only where the server changed it. (Apps from before sent none and
/// are served as version 1.)
pub const API_VERSION: u32 = 2;
/// The oldest app version the server still serves; an older one is told to update
/// (`426 update_needed`) instead of failing on answers it cannot read.
pub const OLDEST_CLIENT_API: u32 = 1;
/// The header carrying the API version, both ways.
pub const API_VERSION_HEADER: &str = "x-naast-api";

/// One page of the organisation's visits for review, newest first.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct ReviewPage {
    /// The visits of this page.
    pub visits: Vec<ReviewVisit>,
    /// The `before` value of the next page; `None` on the last page.
    pub next: Option<String>,
}

/// Visits per review page unless the request asks for fewer or more.
pub const REVIEW_PAGE: usize = 50;
/// The largest review page a request may ask for.
pub const REVIEW_PAGE_MAX: usize = 200;

/// A field-level reason inside a [`Problem`].
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct FieldProblem {
    /// The JSON field (e.g. `visit.note`).
    pub field: String,
    /// What is wrong, machine-readable (e.g. `too_long`).
    pub code: String,
}

/// An RFC 9457 problem document: every 4xx and 5xx of the API, and every rejected
/// mutation, carries one. `code` is stable and machine-readable (the app shows its own
/// translation of it); `detail` is a human message in English for logs and developers.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct Problem {
    /// A URI naming the problem type (`/api/v1/problems/{code}`).
    #[serde(rename = "type")]
    pub kind: String,
    /// Short human summary of the type.
    pub title: String,
    /// The HTTP status.
    pub status: u16,
    /// Stable machine-readable code (a [`ProblemCode`]; kept as text so a code from a
    /// newer server still reads).
    pub code: String,
    /// What exactly was wrong, for a human.
    pub detail: String,
    /// Field-level reasons, when the problem is invalid input.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<FieldProblem>,
}

/// `GET /api/v1/catalogue?have=N` response: the whole catalogue when the device's
/// version `N` is not the current one, otherwise just the version.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CatalogueResponse {
    /// The current version.
    pub version: i64,
    /// The catalogue, left out when the device already has this version.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub catalogue: Option<Catalogue>,
}

/// Answer to a saved catalogue item: the catalogue's new version.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct CatalogueSaved {
    /// The version that includes the change.
    pub version: i64,
}

/// `POST /api/v1/pictures` response: where the stored picture is.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct PictureCreated {
    /// The picture's URL path, for a story's `image`.
    pub image: String,
    /// Stored width in pixels.
    pub width: u32,
    /// Stored height in pixels.
    pub height: u32,
}
