//! `POST /api/v1/sync/push` and `GET /api/v1/sync/pull`: the device's outbox goes up in
//! batches, each mutation judged on its own (a bad one is rejected with its reason and
//! never blocks the good ones), and changes come down in pages after a cursor, limited to
//! what the person may see.

use super::checks::check_change;
use super::problem::{ApiError, ApiJson, ApiQuery};
use super::session::{FinalPush, Signed};
use super::version::ClientApi;
use super::ApiState;
use crate::audience;
use crate::audit::{self, Action};
use crate::auth::Account;
use crate::sync::{self as store, PushOutcome as StoreOutcome};
use app::api::{
    PullResponse, PushOutcome, PushResponse, PushResult, PULL_MAX_LIMIT, PUSH_MAX_MUTATIONS,
};
use app::domain::DeviceId;
use app::store::{Change, Mutation};
use axum::extract::State;
use axum::Extension;
use axum::Json;
use serde::Deserialize;
use std::collections::HashMap;

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

/// From this many mutations on, a push looks up its records' owners in one query.
const OWNERS_AT_ONCE_FROM: usize = 20;

/// Owners of records already looked up in this batch (`None`: no such record yet), so
/// a batch asks once per record, and a visit may follow its new family in one batch.
type Owners = HashMap<(&'static str, String), Option<String>>;

/// The owners of every record a batch names (its records and the families of its
/// visits), in one query; records not stored yet are known to have none.
async fn known_owners(
    state: &ApiState,
    me: &Account,
    mutations: &[serde_json::Value],
) -> Result<Owners, ApiError> {
    let mut wanted: Vec<(&'static str, String)> = Vec::new();
    for raw in mutations {
        let text = |v: &serde_json::Value, key: &str| v.get(key)?.as_str().map(str::to_string);
        if let Some(f) = raw.pointer("/change/family") {
            wanted.extend(text(f, "id").map(|id| ("family", id)));
        }
        if let Some(v) = raw.pointer("/change/visit") {
            wanted.extend(text(v, "id").map(|id| ("visit", id)));
            wanted.extend(text(v, "family_id").map(|id| ("family", id)));
        }
    }
    wanted.sort();
    wanted.dedup();
    let found = store::record_owners(&state.db, &me.org_id, &wanted).await?;
    Ok(wanted
        .into_iter()
        .map(|key| {
            let owner = found.get(&key).cloned();
            (key, owner)
        })
        .collect())
}

async fn owner_of(
    state: &ApiState,
    me: &Account,
    owners: &mut Owners,
    entity: &'static str,
    id: String,
) -> Result<Option<String>, ApiError> {
    if let Some(known) = owners.get(&(entity, id.clone())) {
        return Ok(known.clone());
    }
    let owner = store::record_owner(&state.db, &me.org_id, entity, &id).await?;
    owners.insert((entity, id), owner.clone());
    Ok(owner)
}

/// Who a new record belongs to, or why she may not write it.
async fn authorise(
    state: &ApiState,
    me: &Account,
    owners: &mut Owners,
    change: &Change,
) -> Result<String, ApiError> {
    let existing = owner_of(state, me, owners, change.entity(), change.record_id()).await?;
    let is_mine = |owner: &str| owner == me.user_id || me.role.sees_organisation();
    if existing.as_deref().is_some_and(|owner| !is_mine(owner)) {
        return Err(ApiError::Forbidden(
            "this record belongs to another volunteer",
        ));
    }
    let owner = match change {
        Change::Family(_) => existing.unwrap_or_else(|| me.user_id.clone()),
        Change::Visit(v) => {
            let family_owner = owner_of(state, me, owners, "family", v.family_id.to_string())
                .await?
                .ok_or(ApiError::UnknownFamily)?;
            if !is_mine(&family_owner) {
                return Err(ApiError::Forbidden(
                    "this family belongs to another volunteer",
                ));
            }
            existing.unwrap_or(family_owner)
        }
    };
    owners.insert((change.entity(), change.record_id()), Some(owner.clone()));
    Ok(owner)
}

/// A mutation read, checked and authorised, or its rejection.
enum Judged {
    Accepted {
        mutation: Box<Mutation>,
        owner: String,
    },
    Rejected(ApiError),
}

async fn judge(
    state: &ApiState,
    me: &Account,
    owners: &mut Owners,
    raw: serde_json::Value,
) -> Result<Judged, ApiError> {
    let mutation: Mutation = match serde_json::from_value(raw) {
        Ok(m) => m,
        Err(err) => {
            let problem = app::api::FieldProblem {
                field: "mutation".into(),
                code: err.to_string(),
            };
            return Ok(Judged::Rejected(ApiError::invalid(vec![problem])));
        }
    };
    let problems = check_change(&mutation.change, chrono::Utc::now().date_naive());
    if !problems.is_empty() {
        return Ok(Judged::Rejected(ApiError::invalid(problems)));
    }
    match authorise(state, me, owners, &mutation.change).await {
        Ok(owner) => Ok(Judged::Accepted {
            mutation: Box::new(mutation),
            owner,
        }),
        Err(ApiError::Db(err)) => Err(err.into()),
        Err(refused) => Ok(Judged::Rejected(refused)),
    }
}

fn mutation_id_of(raw: &serde_json::Value) -> String {
    raw.get("id")
        .and_then(|id| id.as_str())
        .unwrap_or_default()
        .chars()
        .take(64)
        .collect()
}

/// `POST /api/v1/sync/push`: judges every mutation, then applies the accepted ones in
/// one transaction. A switched-off account may still push (what waited on her phone is
/// not lost); refusals are written to the audit log with their reason.
pub async fn push(
    State(state): State<ApiState>,
    Extension(client): Extension<ClientApi>,
    FinalPush(me): FinalPush,
    ApiJson(body): ApiJson<PushBody>,
) -> Result<Json<PushResponse>, ApiError> {
    if body.mutations.len() > PUSH_MAX_MUTATIONS {
        return Err(ApiError::TooManyMutations(PUSH_MAX_MUTATIONS));
    }
    // A phone's backlog asks for its owners at once; a push of a few changes asks per
    // record (measured: under 200 devices pushing at once, PostgreSQL spent ~1.7× the
    // CPU on the one-query form for small batches).
    let mut owners = if body.mutations.len() >= OWNERS_AT_ONCE_FROM {
        known_owners(&state, &me, &body.mutations).await?
    } else {
        Owners::new()
    };
    let mut judged = Vec::with_capacity(body.mutations.len());
    for raw in body.mutations {
        let id = mutation_id_of(&raw);
        let verdict = judge(&state, &me, &mut owners, raw).await?;
        if let Judged::Rejected(err) = &verdict {
            let reason = err.problem().code;
            audit::record(&state.db, &me, Action::Refused, &reason, &id).await?;
        }
        judged.push((id, verdict));
    }
    let items: Vec<store::BatchItem> = judged
        .iter()
        .filter_map(|(_, j)| match j {
            Judged::Accepted { mutation, owner } => Some(store::BatchItem { owner, mutation }),
            Judged::Rejected(_) => None,
        })
        .collect();
    let mut applied = store::push_batch(&state.db, &me.org_id, body.device_id, &me.user_id, &items)
        .await?
        .into_iter();
    let mut results = Vec::with_capacity(judged.len());
    for (mutation_id, j) in judged {
        results.push(match j {
            Judged::Rejected(err) => rejected(mutation_id, err),
            Judged::Accepted { mutation, .. } => match applied.next() {
                Some(Ok(pushed)) => PushResult {
                    mutation_id,
                    outcome: match pushed.outcome {
                        StoreOutcome::Applied => PushOutcome::Applied,
                        StoreOutcome::Merged { .. } => PushOutcome::Merged,
                        StoreOutcome::Duplicate | StoreOutcome::Superseded => {
                            PushOutcome::Duplicate
                        }
                    },
                    version: Some(pushed.version as u64),
                    // The device has the record already when it was stored as sent.
                    record: (!client.takes_slim_push_answers() || pushed.record != mutation.change)
                        .then_some(pushed.record),
                    problem: None,
                },
                _ => {
                    let taken = ApiError::MutationIdTaken;
                    audit::record(
                        &state.db,
                        &me,
                        Action::Refused,
                        &taken.problem().code,
                        &mutation_id,
                    )
                    .await?;
                    rejected(mutation_id, taken)
                }
            },
        });
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
    // Everyone pulls only her own diary: a coordinator reads the organisation's notes
    // from the server (logged per record), and her browser keeps none of them.
    let (org, me_id, after) = (&me.org_id, Some(me.user_id.as_str()), params.after);
    let mut changes = store::pull_scoped(&state.db, org, me_id, after, limit + 1).await?;
    let mut gone = audience::gone_since(&state.db, org, &me.user_id, after, limit + 1).await?;
    // One page of both, in change-number order (the numbers never repeat between them).
    let mut numbers: Vec<i64> = changes
        .iter()
        .map(|c| c.seq)
        .chain(gone.iter().map(|g| g.seq))
        .collect();
    numbers.sort_unstable();
    let more = numbers.len() as i64 > limit;
    numbers.truncate(limit as usize);
    let cursor = numbers.last().copied().unwrap_or(after);
    changes.retain(|c| c.seq <= cursor);
    gone.retain(|g| g.seq <= cursor);
    if !numbers.is_empty() {
        let range = format!("{}..{cursor}", params.after);
        audit::record(&state.db, &me, Action::Pull, "changes", &range).await?;
    }
    Ok(Json(PullResponse {
        changes,
        gone,
        cursor,
        more,
    }))
}
