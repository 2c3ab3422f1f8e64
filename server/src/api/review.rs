//! The coordinator's view of the synced notes: her organisation's visits, newest first,
//! a page at a time and narrowed by family, volunteer, topic, signal, dates, her own
//! reviewed state or words in the texts; one visit to read (which marks it read for
//! her); marking a visit reviewed; and what still waits for her. Every visit and family
//! a page showed, every read and every review mark is written to the audit log by record.

use super::problem::{ApiError, ApiJson, ApiPath, ApiQuery};
use super::session::Signed;
use super::ApiState;
use crate::audit::{self, Action};
use crate::auth::people;
use crate::inbox;
use crate::index::{self, PageKey, VisitFilter};
use crate::sync as store;
use app::api::{InboxCounts, ReviewMark, ReviewPage, ReviewVisit, REVIEW_PAGE, REVIEW_PAGE_MAX};
use app::domain::{FamilyId, Topic};
use app::store::Change;
use axum::extract::State;
use axum::Json;
use serde::Deserialize;

/// Longest text search.
const SEARCH_MAX: usize = 100;

/// `GET /api/v1/visits` parameters, all optional.
#[derive(Debug, Default, Deserialize)]
pub struct ReviewParams {
    /// Page size, 1 to [`REVIEW_PAGE_MAX`].
    pub limit: Option<usize>,
    /// The `next` value of the previous page.
    pub before: Option<String>,
    /// One family's visits (its id).
    pub family: Option<String>,
    /// One volunteer's visits (her user id).
    pub volunteer: Option<String>,
    /// A topic code.
    pub topic: Option<String>,
    /// `true`: only visits with a signal of concern.
    #[serde(default)]
    pub signal: bool,
    /// First day (YYYY-MM-DD).
    pub from: Option<String>,
    /// Last day (YYYY-MM-DD).
    pub to: Option<String>,
    /// `false`: only visits she has not reviewed; `true`: only those she has.
    pub reviewed: Option<bool>,
    /// Words to look for in the visits' texts.
    pub q: Option<String>,
}

impl ReviewParams {
    /// The filter, page key and size these parameters ask for; a precise 400 otherwise.
    fn read(self) -> Result<(VisitFilter, Option<PageKey>, usize), ApiError> {
        let bad = |what: &str| ApiError::BadQuery(what.to_string());
        let limit = self.limit.unwrap_or(REVIEW_PAGE);
        if !(1..=REVIEW_PAGE_MAX).contains(&limit) {
            return Err(bad(&format!(
                "limit must be between 1 and {REVIEW_PAGE_MAX}"
            )));
        }
        let before = match self.before {
            Some(raw) => Some(
                PageKey::parse(&raw)
                    .ok_or_else(|| bad("before is not a page key this server gave"))?,
            ),
            None => None,
        };
        let family = match self.family {
            Some(raw) => Some(
                raw.parse::<FamilyId>()
                    .map_err(|_| bad("family is not a family id"))?,
            ),
            None => None,
        };
        let topic = match self.topic {
            Some(raw) => {
                Some(Topic::from_code(&raw).ok_or_else(|| bad("topic is not a known topic code"))?)
            }
            None => None,
        };
        let day = |raw: Option<String>, name: &str| match raw {
            Some(raw) => chrono::NaiveDate::parse_from_str(&raw, "%Y-%m-%d")
                .map(Some)
                .map_err(|_| bad(&format!("{name} is not a day (YYYY-MM-DD)"))),
            None => Ok(None),
        };
        let (from, to) = (day(self.from, "from")?, day(self.to, "to")?);
        if self
            .q
            .as_ref()
            .is_some_and(|q| q.chars().count() > SEARCH_MAX)
        {
            return Err(bad(&format!("q is longer than {SEARCH_MAX} characters")));
        }
        let filter = VisitFilter {
            reviewed: self.reviewed,
            words: self.q,
            family,
            volunteer: self.volunteer,
            topic,
            signal_only: self.signal,
            from,
            to,
        };
        Ok((filter, before, limit))
    }
}

/// `GET /api/v1/visits`: a page of the organisation's visits, newest first.
pub async fn list(
    State(state): State<ApiState>,
    signed: Signed,
    ApiQuery(params): ApiQuery<ReviewParams>,
) -> Result<Json<ReviewPage>, ApiError> {
    let me = signed.coordinator()?;
    let (filter, before, limit) = params.read()?;
    let (listed, next) = index::visits_page(
        &state.db,
        &me.org_id,
        &me.user_id,
        &filter,
        before.as_ref(),
        limit,
    )
    .await?;
    let volunteers = people::names(&state.db, &me.org_id).await?;
    // NEN 7513: which notes she saw, one entry per visit and per family named.
    let mut shown_families: Vec<String> = listed
        .iter()
        .map(|l| l.visit.family_id.to_string())
        .collect();
    shown_families.sort();
    shown_families.dedup();
    let shown_visits: Vec<String> = listed.iter().map(|l| l.visit.id.to_string()).collect();
    audit::records(&state.db, &me, Action::List, "visit", shown_visits).await?;
    audit::records(&state.db, &me, Action::List, "family", shown_families).await?;
    let visits = listed
        .into_iter()
        .map(|l| {
            let mut shown = shown(l.visit, l.family.as_ref());
            shown.volunteer = volunteers.get(&l.owner).cloned().unwrap_or_default();
            (shown.read, shown.reviewed) = (l.read, l.reviewed);
            shown
        })
        .collect();
    Ok(Json(ReviewPage {
        visits,
        next: next.map(|k| k.encode()),
    }))
}

/// A visit as a coordinator may see it: its texts only where the family agreed to
/// share them (an unknown family shares nothing).
fn shown(visit: app::domain::Visit, family: Option<&app::domain::Family>) -> ReviewVisit {
    let shares = family.is_some_and(|f| f.shares_notes);
    ReviewVisit {
        visit: match shares {
            true => visit,
            false => visit.without_notes(),
        },
        family: family.map(|f| f.pseudonym.clone()).unwrap_or_default(),
        volunteer: String::new(),
        read: false,
        reviewed: false,
        notes_hidden: !shares,
        feedback: vec![],
        triage: None,
    }
}

/// A live visit of her organisation and its volunteer, or 404.
pub(super) async fn live_visit(
    state: &ApiState,
    org: &str,
    id: &str,
) -> Result<(String, app::domain::Visit), ApiError> {
    match store::current_record(&state.db, org, "visit", id).await? {
        Some((owner, Change::Visit(visit))) if !visit.deleted => Ok((owner, visit)),
        _ => Err(ApiError::NotFound("no such visit in your organisation")),
    }
}

/// `GET /api/v1/visits/{id}`: one visit of her organisation, now read by her, with the
/// replies on it and the handling of its signal. Opening it shows her the volunteer's
/// answers (they no longer count as new).
pub async fn read(
    State(state): State<ApiState>,
    signed: Signed,
    ApiPath(id): ApiPath<String>,
) -> Result<Json<ReviewVisit>, ApiError> {
    let me = signed.coordinator()?;
    let (owner, visit) = live_visit(&state, &me.org_id, &id).await?;
    let family_id = visit.family_id.to_string();
    let family = match store::current_record(&state.db, &me.org_id, "family", &family_id).await? {
        Some((_, Change::Family(f))) => Some(f),
        _ => None,
    };
    let names = people::names(&state.db, &me.org_id).await?;
    let now = app::domain::clock::now_ms();
    inbox::mark_read(&state.db, &me.org_id, &me.user_id, &id, now).await?;
    crate::feedback::mark_answers_seen(&state.db, &me.org_id, &id, now).await?;
    audit::record(&state.db, &me, Action::Read, "visit", &id).await?;
    audit::record(&state.db, &me, Action::Read, "family", &family_id).await?;
    let mut shown = shown(visit, family.as_ref());
    shown.volunteer = names.get(&owner).cloned().unwrap_or_default();
    shown.read = true;
    shown.reviewed = inbox::reviewed_by(&state.db, &me.org_id, &me.user_id, &id).await?;
    shown.feedback = crate::feedback::thread(&state.db, &me.org_id, &id).await?;
    shown.triage = crate::triage::of_visit(&state.db, &me.org_id, &id)
        .await?
        .map(|stored| super::triage::named(stored.triage, &names));
    Ok(Json(shown))
}

/// `PUT /api/v1/visits/{id}/review`: she marks a visit of her organisation reviewed, or
/// takes the mark back.
pub async fn mark(
    State(state): State<ApiState>,
    signed: Signed,
    ApiPath(id): ApiPath<String>,
    ApiJson(body): ApiJson<ReviewMark>,
) -> Result<Json<ReviewMark>, ApiError> {
    let me = signed.coordinator()?;
    live_visit(&state, &me.org_id, &id).await?;
    let now = app::domain::clock::now_ms();
    inbox::mark_reviewed(&state.db, &me.org_id, &me.user_id, &id, body.reviewed, now).await?;
    audit::record(&state.db, &me, Action::Review, "visit", &id).await?;
    Ok(Json(body))
}

/// `GET /api/v1/inbox`: how many visits wait for her review (and of them, with a
/// signal), how many signals are open (and overdue), and how many answers are new.
pub async fn waiting(
    State(state): State<ApiState>,
    signed: Signed,
) -> Result<Json<InboxCounts>, ApiError> {
    let me = signed.coordinator()?;
    let (unreviewed, unreviewed_signals) =
        inbox::waiting(&state.db, &me.org_id, &me.user_id).await?;
    let (open_signals, overdue_signals) = crate::triage::counts(&state.db, &me.org_id).await?;
    Ok(Json(InboxCounts {
        unreviewed,
        unreviewed_signals,
        open_signals,
        overdue_signals,
        new_answers: crate::feedback::unseen_answers(&state.db, &me.org_id).await?,
    }))
}
