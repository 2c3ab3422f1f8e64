//! The agenda in the workspace: `GET /api/v1/agenda`, `PUT /api/v1/groups/{id}`,
//! `POST /api/v1/groups/{id}/sessions`, `PUT /api/v1/sessions/{id}` and
//! `POST /api/v1/agenda/link`. Coordinators keep every group; a volunteer the
//! coordinator made a group's host plans only that group's sessions. Every change is
//! judged by the kinds' rules, based on the version its editor saw, and audited.

use super::checks::{check_change, local_today as today, moment_of};
use super::problem::{ApiError, ApiJson, ApiPath};
use super::session::Signed;
use super::ApiState;
use crate::agenda::{self, AgendaError};
use crate::audit::{self, Action};
use crate::auth::Account;
use app::api::{Agenda, PublicLink, SessionPlan};
use app::domain::agenda::repeat;
use app::domain::{Group, Repeat, Session, SessionId};
use app::store::Change;
use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;

impl From<AgendaError> for ApiError {
    fn from(error: AgendaError) -> Self {
        match error {
            AgendaError::Stale => ApiError::Stale("this was changed in the meantime; reload it"),
            AgendaError::Db(db) => ApiError::Db(db),
        }
    }
}

/// How far back the workspace shows sessions.
const SHOWN_DAYS_BACK: u64 = 31;

/// `GET /api/v1/agenda`: every group, their sessions from a month ago, the public path.
/// A volunteer gets the groups she hosts (none when she hosts none), to plan them.
pub async fn read(State(state): State<ApiState>, signed: Signed) -> Result<Json<Agenda>, ApiError> {
    let me = signed.0;
    let from = today() - chrono::Days::new(SHOWN_DAYS_BACK);
    let mut groups = agenda::groups(&state.db, &me.org_id).await?;
    let mut sessions = agenda::sessions_from(&state.db, &me.org_id, from).await?;
    if !me.role.sees_organisation() {
        groups.retain(|g| g.host_account.as_deref() == Some(me.user_id.as_str()));
        sessions.retain(|s| groups.iter().any(|g| g.id == s.group_id));
    }
    Ok(Json(Agenda {
        groups,
        sessions,
        public_path: agenda::link_of(&state.db, &me.org_id)
            .await?
            .map(|t| agenda::public_path(&t)),
    }))
}

/// `PUT /api/v1/groups/{id}`: adds a group (201) or changes or ends one (200).
pub async fn put_group(
    State(state): State<ApiState>,
    signed: Signed,
    ApiPath(id): ApiPath<String>,
    ApiJson(group): ApiJson<Group>,
) -> Result<(StatusCode, Json<Group>), ApiError> {
    let me = signed.coordinator()?;
    if group.id.to_string() != id {
        return Err(ApiError::NotFound(
            "the group in the body is not the one in the path",
        ));
    }
    let previous = group_of(&state, &me.org_id, &id).await?;
    let status = match previous {
        Some(_) => StatusCode::OK,
        None => StatusCode::CREATED,
    };
    let group = Group {
        updated_at_ms: app::domain::clock::now_ms(),
        conflicts: vec![],
        deleted: false,
        ..group
    };
    let stored = store(
        &state,
        &me,
        vec![Change::Group(group)],
        previous.map(Change::Group),
    )
    .await?;
    match stored.into_iter().next() {
        Some(Change::Group(g)) => Ok((status, Json(g))),
        _ => Err(ApiError::NotFound("no such group")),
    }
}

/// `POST /api/v1/groups/{id}/sessions`: plans one session or a repeating series (201).
pub async fn plan(
    State(state): State<ApiState>,
    signed: Signed,
    ApiPath(id): ApiPath<String>,
    ApiJson(plan): ApiJson<SessionPlan>,
) -> Result<(StatusCode, Json<Vec<Session>>), ApiError> {
    let me = signed.0;
    let group = planned_group(&state, &me, &id).await?;
    if plan.group_id != group.id {
        return Err(ApiError::NotFound(
            "the group in the body is not the one in the path",
        ));
    }
    let days =
        repeat(plan.date, plan.repeat.unwrap_or(Repeat::Weekly), plan.times).map_err(|_| {
            ApiError::invalid(vec![app::api::FieldProblem {
                field: "session_plan.times".into(),
                code: "out_of_range".into(),
            }])
        })?;
    let now = app::domain::clock::now_ms();
    let sessions = days
        .into_iter()
        .map(|date| {
            Change::Session(Session {
                id: SessionId::new(),
                group_id: group.id,
                date,
                starts: plan.starts,
                ends: plan.ends,
                theme: plan.theme.clone(),
                guest: plan.guest.clone(),
                bring: plan.bring.clone(),
                cancelled: None,
                sequence: 0,
                updated_at_ms: now,
                base_version: None,
                conflicts: vec![],
                deleted: false,
            })
        })
        .collect();
    let stored = store(&state, &me, sessions, None).await?;
    let sessions = stored
        .into_iter()
        .filter_map(|c| match c {
            Change::Session(s) => Some(s),
            _ => None,
        })
        .collect();
    Ok((StatusCode::CREATED, Json(sessions)))
}

/// `PUT /api/v1/sessions/{id}`: moves, changes or cancels a session (it stays on the
/// agenda, marked); each change raises its calendar sequence.
pub async fn put_session(
    State(state): State<ApiState>,
    signed: Signed,
    ApiPath(id): ApiPath<String>,
    ApiJson(session): ApiJson<Session>,
) -> Result<Json<Session>, ApiError> {
    let me = signed.0;
    let previous = match crate::sync::current_record(&state.db, &me.org_id, "session", &id).await? {
        Some((_, Change::Session(s))) if !s.deleted && s.id == session.id => s,
        _ => return Err(ApiError::NotFound("no such session")),
    };
    if session.group_id != previous.group_id {
        return Err(ApiError::Forbidden("a session stays with its group"));
    }
    planned_group(&state, &me, &previous.group_id.to_string()).await?;
    let session = Session {
        sequence: previous.sequence + 1,
        updated_at_ms: app::domain::clock::now_ms(),
        conflicts: vec![],
        deleted: false,
        ..session
    };
    let stored = store(
        &state,
        &me,
        vec![Change::Session(session)],
        Some(Change::Session(previous)),
    )
    .await?;
    match stored.into_iter().next() {
        Some(Change::Session(s)) => Ok(Json(s)),
        _ => Err(ApiError::NotFound("no such session")),
    }
}

/// `POST /api/v1/agenda/link`: a new public link; the old one stops working.
pub async fn new_link(
    State(state): State<ApiState>,
    signed: Signed,
) -> Result<(StatusCode, Json<PublicLink>), ApiError> {
    let me = signed.coordinator()?;
    let token = agenda::new_link(&state.db, &me.org_id).await?;
    audit::record(&state.db, &me, Action::AgendaLink, "agenda", &me.org_id).await?;
    Ok((
        StatusCode::CREATED,
        Json(PublicLink {
            public_path: agenda::public_path(&token),
        }),
    ))
}

/// The live group `id` of the organisation, if any.
async fn group_of(state: &ApiState, org: &str, id: &str) -> Result<Option<Group>, ApiError> {
    Ok(
        match crate::sync::current_record(&state.db, org, "group", id).await? {
            Some((_, Change::Group(g))) if !g.deleted => Some(g),
            _ => None,
        },
    )
}

/// The group whose sessions `me` plans: any of a coordinator's, or the one a volunteer
/// hosts; a group that ended takes no new sessions.
async fn planned_group(state: &ApiState, me: &Account, id: &str) -> Result<Group, ApiError> {
    let group = group_of(state, &me.org_id, id)
        .await?
        .ok_or(ApiError::NotFound("no such group"))?;
    let hosts = group.host_account.as_deref() == Some(me.user_id.as_str());
    if !me.role.sees_organisation() && !hosts {
        return Err(ApiError::Forbidden(
            "only coordinators and the group's host plan its sessions",
        ));
    }
    if group.ended {
        return Err(ApiError::Forbidden("this group has ended"));
    }
    Ok(group)
}

/// Judges each change by its kind's rules (against `previous` for an edit), stores them
/// all or none, and audits each.
async fn store(
    state: &ApiState,
    me: &Account,
    changes: Vec<Change>,
    previous: Option<Change>,
) -> Result<Vec<Change>, ApiError> {
    let now = moment_of(app::domain::clock::now_ms(), chrono::Utc::now());
    let problems: Vec<_> = changes
        .iter()
        .flat_map(|c| check_change(c, now, previous.as_ref()))
        .collect();
    if !problems.is_empty() {
        return Err(ApiError::invalid(problems));
    }
    let stored = agenda::save(&state.db, &me.org_id, changes).await?;
    for change in &stored {
        audit::record(
            &state.db,
            me,
            Action::Agenda,
            change.entity(),
            &change.record_id(),
        )
        .await?;
    }
    Ok(stored)
}
