//! `POST /api/v1/sync/push` and `GET /api/v1/sync/pull`: the device's outbox goes up in
//! batches, each mutation judged on its own (a bad one is rejected with its reason and
//! never blocks the good ones), and changes come down in pages after a cursor, limited to
//! what the person may see.

use super::checks::check_change;
use super::problem::{ApiError, ApiJson, ApiQuery};
use super::session::Signed;
use super::ApiState;
use crate::audit::{self, Action};
use crate::auth::Account;
use crate::db::DbError;
use crate::sync::{self as store, PushOutcome as StoreOutcome};
use app::api::{
    PullResponse, PushOutcome, PushResponse, PushResult, PULL_MAX_LIMIT, PUSH_MAX_MUTATIONS,
};
use app::domain::DeviceId;
use app::store::{Change, Mutation};
use axum::extract::State;
use axum::Json;
use serde::Deserialize;

/// A push as the server reads it: mutations stay raw JSON until each is judged alone.
#[derive(Debug, Deserialize)]
pub struct PushBody {
    /// The device they come from.
    pub device_id: DeviceId,
    /// The mutations, oldest first.
    pub mutations: Vec<serde_json::Value>,
}

fn rejected(mutation_id: String, err: ApiError) -> PushResult {
    PushResult {
        mutation_id,
        outcome: PushOutcome::Rejected,
        version: None,
        record: None,
        problem: Some(err.problem()),
    }
}

/// Who a new record belongs to, or why she may not write it.
async fn authorise(state: &ApiState, me: &Account, change: &Change) -> Result<String, ApiError> {
    let org = &me.org_id;
    let existing =
        store::record_owner(&state.db, org, change.entity(), &change.record_id()).await?;
    let is_mine = |owner: &str| owner == me.user_id || me.role.sees_organisation();
    if existing.as_deref().is_some_and(|owner| !is_mine(owner)) {
        return Err(ApiError::Forbidden(
            "this record belongs to another volunteer",
        ));
    }
    match change {
        Change::Family(_) => Ok(existing.unwrap_or_else(|| me.user_id.clone())),
        Change::Visit(v) => {
            let family_owner =
                store::record_owner(&state.db, org, "family", &v.family_id.to_string())
                    .await?
                    .ok_or(ApiError::UnknownFamily)?;
            if !is_mine(&family_owner) {
                return Err(ApiError::Forbidden(
                    "this family belongs to another volunteer",
                ));
            }
            Ok(existing.unwrap_or(family_owner))
        }
    }
}

async fn push_one(
    state: &ApiState,
    me: &Account,
    device: DeviceId,
    raw: serde_json::Value,
) -> Result<PushResult, ApiError> {
    let mutation_id = raw
        .get("id")
        .and_then(|id| id.as_str())
        .unwrap_or_default()
        .chars()
        .take(64)
        .collect::<String>();
    let mutation: Mutation = match serde_json::from_value(raw) {
        Ok(m) => m,
        Err(err) => {
            let problem = app::api::FieldProblem {
                field: "mutation".into(),
                code: err.to_string(),
            };
            return Ok(rejected(mutation_id, ApiError::invalid(vec![problem])));
        }
    };
    let problems = check_change(&mutation.change, chrono::Utc::now().date_naive());
    if !problems.is_empty() {
        return Ok(rejected(mutation_id, ApiError::invalid(problems)));
    }
    let owner = match authorise(state, me, &mutation.change).await {
        Ok(owner) => owner,
        Err(ApiError::Db(err)) => return Err(err.into()),
        Err(refused) => return Ok(rejected(mutation_id, refused)),
    };
    let pushed = match store::push_as(&state.db, &me.org_id, &owner, device, &mutation).await {
        Ok(pushed) => pushed,
        Err(DbError::MutationIdTaken) => {
            return Ok(rejected(mutation_id, ApiError::MutationIdTaken))
        }
        Err(err) => return Err(err.into()),
    };
    let outcome = match pushed.outcome {
        StoreOutcome::Applied => PushOutcome::Applied,
        StoreOutcome::Merged { .. } => PushOutcome::Merged,
        StoreOutcome::Duplicate | StoreOutcome::Superseded => PushOutcome::Duplicate,
    };
    if outcome != PushOutcome::Duplicate {
        let change = &mutation.change;
        audit::record(
            &state.db,
            me,
            Action::Write,
            change.entity(),
            &change.record_id(),
        )
        .await?;
    }
    Ok(PushResult {
        mutation_id,
        outcome,
        version: Some(pushed.version as u64),
        record: Some(pushed.record),
        problem: None,
    })
}

/// `POST /api/v1/sync/push`.
pub async fn push(
    State(state): State<ApiState>,
    Signed(me): Signed,
    ApiJson(body): ApiJson<PushBody>,
) -> Result<Json<PushResponse>, ApiError> {
    if body.mutations.len() > PUSH_MAX_MUTATIONS {
        return Err(ApiError::TooManyMutations(PUSH_MAX_MUTATIONS));
    }
    let mut results = Vec::with_capacity(body.mutations.len());
    for raw in body.mutations {
        results.push(push_one(&state, &me, body.device_id, raw).await?);
    }
    Ok(Json(PushResponse { results }))
}

/// Where a pull starts and how much it takes.
#[derive(Debug, Deserialize)]
pub struct PullParams {
    /// The cursor: changes after this number (0 for everything).
    #[serde(default)]
    pub after: i64,
    /// Page size, 1 to [`PULL_MAX_LIMIT`] (default 500).
    pub limit: Option<i64>,
}

/// `GET /api/v1/sync/pull?after=N&limit=M`.
pub async fn pull(
    State(state): State<ApiState>,
    Signed(me): Signed,
    ApiQuery(params): ApiQuery<PullParams>,
) -> Result<Json<PullResponse>, ApiError> {
    let limit = params.limit.unwrap_or(500);
    if params.after < 0 || !(1..=PULL_MAX_LIMIT).contains(&limit) {
        return Err(ApiError::BadQuery(format!(
            "after must be 0 or more, limit between 1 and {PULL_MAX_LIMIT}"
        )));
    }
    let owner = (!me.role.sees_organisation()).then_some(me.user_id.as_str());
    let mut changes =
        store::pull_scoped(&state.db, &me.org_id, owner, params.after, limit + 1).await?;
    let more = changes.len() as i64 > limit;
    changes.truncate(limit as usize);
    let cursor = changes.last().map_or(params.after, |c| c.seq);
    if !changes.is_empty() {
        let range = format!("{}..{cursor}", params.after);
        audit::record(&state.db, &me, Action::Pull, "changes", &range).await?;
    }
    Ok(Json(PullResponse {
        changes,
        cursor,
        more,
    }))
}
