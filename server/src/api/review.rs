//! The coordinator's view of the synced notes: her organisation's visits, newest first,
//! a page at a time and narrowed by family, volunteer, topic, signal or dates; and one
//! visit to read. Every visit and family a page showed, and every read, is written to
//! the audit log by record.

use super::problem::{ApiError, ApiPath, ApiQuery};
use super::session::Signed;
use super::ApiState;
use crate::audit::{self, Action};
use crate::auth::people;
use crate::index::{self, PageKey, VisitFilter};
use crate::sync as store;
use app::api::{ReviewPage, ReviewVisit, REVIEW_PAGE, REVIEW_PAGE_MAX};
use app::domain::{FamilyId, Topic};
use app::store::Change;
use axum::extract::State;
use axum::Json;
use serde::Deserialize;

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
        let filter = VisitFilter {
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
    let (listed, next) =
        index::visits_page(&state.db, &me.org_id, &filter, before.as_ref(), limit).await?;
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
        .map(|l| ReviewVisit {
            family: l.family.map(|f| f.pseudonym).unwrap_or_default(),
            volunteer: volunteers.get(&l.owner).cloned().unwrap_or_default(),
            visit: l.visit,
        })
        .collect();
    Ok(Json(ReviewPage {
        visits,
        next: next.map(|k| k.encode()),
    }))
}

/// `GET /api/v1/visits/{id}`: one visit of her organisation.
pub async fn read(
    State(state): State<ApiState>,
    signed: Signed,
    ApiPath(id): ApiPath<String>,
) -> Result<Json<ReviewVisit>, ApiError> {
    let me = signed.coordinator()?;
    let not_found = ApiError::NotFound("no such visit in your organisation");
    let Some((owner, Change::Visit(visit))) =
        store::current_record(&state.db, &me.org_id, "visit", &id).await?
    else {
        return Err(not_found);
    };
    if visit.deleted {
        return Err(not_found);
    }
    let family = match store::current_record(
        &state.db,
        &me.org_id,
        "family",
        &visit.family_id.to_string(),
    )
    .await?
    {
        Some((_, Change::Family(f))) => f.pseudonym,
        _ => String::new(),
    };
    let volunteer = people::in_organisation(&state.db, &me.org_id, &owner)
        .await?
        .map(|a| a.display_name)
        .unwrap_or_default();
    audit::record(&state.db, &me, Action::Read, "visit", &id).await?;
    audit::record(
        &state.db,
        &me,
        Action::Read,
        "family",
        &visit.family_id.to_string(),
    )
    .await?;
    Ok(Json(ReviewVisit {
        visit,
        family,
        volunteer,
    }))
}
