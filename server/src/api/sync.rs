//! `POST /api/v1/sync/push` and `GET /api/v1/sync/pull`: the device's outbox goes up in
//! batches, each mutation judged on its own (a bad one is rejected with its reason and
//! never blocks the good ones), and changes come down in pages after a cursor, limited to
//! what the person may see.

use super::checks::{check_change, moment_of};
use super::problem::{ApiError, ApiJson, ApiQuery};
use super::session::{FinalPush, Signed};
use super::version::ClientApi;
use super::ApiState;
use crate::audience;
use crate::audit::{self, Action};
use crate::auth::Account;
use crate::sync::{self as store, PushOutcome as StoreOutcome, StoredHead};
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
    /// The device's pull cursor; without it, a family handed away takes no late change.
    #[serde(default)]
    pub cursor: Option<i64>,
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

/// What a batch knows of a record: its owner and the state a later mutation of the same
/// batch is judged against (`None`: no such record yet).
#[derive(Clone, Debug)]
struct Known {
    owner: String,
    state: KnownState,
}

/// A record's state as stored (decoded only when needed) or as accepted in this batch.
#[derive(Clone, Debug)]
enum KnownState {
    Stored(String),
    Accepted(Box<Change>),
}

impl From<StoredHead> for Known {
    fn from(head: StoredHead) -> Known {
        Known {
            owner: head.owner,
            state: KnownState::Stored(head.body),
        }
    }
}

/// Records already looked up in this batch, so a batch asks once per record and a
/// visit may follow its new family in one batch.
type Records = HashMap<(&'static str, String), Option<Known>>;

/// The records a batch names (its records and the ones they belong to), in one query;
/// records not stored yet are known to have none.
async fn known_records(
    state: &ApiState,
    me: &Account,
    mutations: impl Iterator<Item = &Mutation>,
) -> Result<Records, ApiError> {
    let mut wanted: Vec<(&'static str, String)> = Vec::new();
    for change in mutations.map(|m| &m.change) {
        wanted.push((change.entity(), change.record_id()));
        wanted.extend(change.belongs_to());
    }
    wanted.sort();
    wanted.dedup();
    let mut found = store::stored_heads(&state.db, &me.org_id, &wanted).await?;
    Ok(wanted
        .into_iter()
        .map(|key| {
            let head = found.remove(&key).map(Known::from);
            (key, head)
        })
        .collect())
}

async fn known(
    state: &ApiState,
    me: &Account,
    records: &mut Records,
    entity: &'static str,
    id: String,
) -> Result<Option<Known>, ApiError> {
    if let Some(known) = records.get(&(entity, id.clone())) {
        return Ok(known.clone());
    }
    let head = store::stored_head(&state.db, &me.org_id, entity, &id)
        .await?
        .map(Known::from);
    records.insert((entity, id), head.clone());
    Ok(head)
}

/// Who a record belongs to, or why she may not write it.
fn authorise(
    me: &Account,
    existing: Option<&Known>,
    parent: Option<Option<Known>>,
) -> Result<String, ApiError> {
    let is_mine = |owner: &str| owner == me.user_id || me.role.sees_organisation();
    if existing.is_some_and(|k| !is_mine(&k.owner)) {
        return Err(ApiError::Forbidden(
            "this record belongs to another volunteer",
        ));
    }
    let parent_owner = match parent {
        None => None,
        Some(None) => return Err(ApiError::UnknownFamily),
        Some(Some(parent)) if !is_mine(&parent.owner) => {
            return Err(ApiError::Forbidden(
                "this family belongs to another volunteer",
            ))
        }
        Some(Some(parent)) => Some(parent.owner),
    };
    Ok(existing
        .map(|k| k.owner.clone())
        .or(parent_owner)
        .unwrap_or_else(|| me.user_id.clone()))
}

/// Records another person writes to her (a coordinator's reply, a signal's handling)
/// reach the server from her own phone only, and only as their kind allows (she reads
/// and answers a reply; she never writes a signal's handling). Her diary's kinds pass.
fn shared_record_write(
    me: &Account,
    owner: &str,
    change: &Change,
    existing: Option<&Known>,
) -> Result<(), ApiError> {
    if change.audience() == app::domain::kind::Audience::Owner {
        return Ok(());
    }
    if owner != me.user_id {
        return Err(ApiError::Forbidden(
            "this record belongs to another volunteer",
        ));
    }
    let previous = match existing.map(|k| &k.state) {
        Some(KnownState::Stored(body)) => Some(store::decode(body)?),
        Some(KnownState::Accepted(change)) => Some((**change).clone()),
        None => None,
    };
    change
        .device_may_write(previous.as_ref())
        .map_err(ApiError::Forbidden)
}

/// The kind's rules on a change, judged at its own moment. The stored record is decoded
/// only when the change alone fails them (an unchanged value may have been valid when
/// it was entered: an appointment since passed).
fn problems_of(
    mutation: &Mutation,
    existing: Option<&Known>,
) -> Result<Vec<app::api::FieldProblem>, ApiError> {
    let now = moment_of(mutation.at_ms, chrono::Utc::now());
    let alone = check_change(&mutation.change, now, None);
    let Some(known) = existing.filter(|_| !alone.is_empty()) else {
        return Ok(alone);
    };
    let previous = match &known.state {
        KnownState::Stored(body) => store::decode(body)?,
        KnownState::Accepted(change) => (**change).clone(),
    };
    Ok(check_change(&mutation.change, now, Some(&previous)))
}

/// A mutation read, checked and authorised, or its rejection.
enum Judged {
    Accepted {
        mutation: Box<Mutation>,
        owner: String,
        /// Written on her phone before it learned the family was handed away: taken,
        /// answered without the stored record, then "no longer yours".
        late: bool,
    },
    Rejected(ApiError),
}

/// The family a family or visit change is about.
fn family_of(change: &Change) -> Option<String> {
    match change {
        Change::Family(f) => Some(f.id.to_string()),
        Change::Visit(v) => Some(v.family_id.to_string()),
        _ => None,
    }
}

/// The owner a change of a family handed away from `me` is stored for, when her device
/// had not yet pulled the handover (its `cursor` is before it): what she wrote offline
/// before she knew is not lost. `None` for any other refused write.
async fn late_owner(
    state: &ApiState,
    me: &Account,
    change: &Change,
    cursor: Option<i64>,
    existing: Option<&Known>,
    parent: Option<&Option<Known>>,
) -> Result<Option<String>, ApiError> {
    let (Some(family), Some(cursor)) = (family_of(change), cursor) else {
        return Ok(None);
    };
    let owner = match (existing, parent) {
        (Some(known), _) => known.owner.clone(),
        (None, Some(Some(parent))) => parent.owner.clone(),
        _ => return Ok(None),
    };
    let handed_away =
        audience::handed_away_after(&state.db, &me.org_id, &me.user_id, &family, cursor).await?;
    Ok(handed_away.then_some(owner))
}

async fn judge(
    state: &ApiState,
    me: &Account,
    records: &mut Records,
    cursor: Option<i64>,
    read: Result<Mutation, String>,
) -> Result<Judged, ApiError> {
    let mutation = match read {
        Ok(m) => m,
        Err(err) => {
            let problem = app::api::FieldProblem {
                field: "mutation".into(),
                code: err,
            };
            return Ok(Judged::Rejected(ApiError::invalid(vec![problem])));
        }
    };
    let change = &mutation.change;
    let existing = known(state, me, records, change.entity(), change.record_id()).await?;
    let parent = match change.belongs_to() {
        Some((entity, id)) => Some(known(state, me, records, entity, id).await?),
        None => None,
    };
    let (owner, late) = match authorise(me, existing.as_ref(), parent.clone()) {
        Ok(owner) => (owner, false),
        Err(refused) => {
            match late_owner(
                state,
                me,
                change,
                cursor,
                existing.as_ref(),
                parent.as_ref(),
            )
            .await?
            {
                Some(owner) => (owner, true),
                None => return Ok(Judged::Rejected(refused)),
            }
        }
    };
    if let Err(refused) = shared_record_write(me, &owner, change, existing.as_ref()) {
        return Ok(Judged::Rejected(refused));
    }
    let problems = problems_of(&mutation, existing.as_ref())?;
    if !problems.is_empty() {
        return Ok(Judged::Rejected(ApiError::invalid(problems)));
    }
    let accepted = Known {
        owner: owner.clone(),
        state: KnownState::Accepted(Box::new(change.clone())),
    };
    records.insert((change.entity(), change.record_id()), Some(accepted));
    Ok(Judged::Accepted {
        mutation: Box::new(mutation),
        owner,
        late,
    })
}

/// How the store took a mutation, as the device is told.
fn outcome_of(stored: &StoreOutcome) -> PushOutcome {
    match stored {
        StoreOutcome::Applied => PushOutcome::Applied,
        StoreOutcome::Merged { .. } => PushOutcome::Merged,
        StoreOutcome::Duplicate | StoreOutcome::Superseded => PushOutcome::Duplicate,
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
    let read: Vec<(String, Result<Mutation, String>)> = body
        .mutations
        .into_iter()
        .map(|raw| {
            let id = mutation_id_of(&raw);
            (id, serde_json::from_value(raw).map_err(|e| e.to_string()))
        })
        .collect();
    let mut records = if read.len() >= OWNERS_AT_ONCE_FROM {
        let mutations = read.iter().filter_map(|(_, m)| m.as_ref().ok());
        known_records(&state, &me, mutations).await?
    } else {
        Records::new()
    };
    let mut judged = Vec::with_capacity(read.len());
    for (id, mutation) in read {
        let verdict = judge(&state, &me, &mut records, body.cursor, mutation).await?;
        if let Judged::Rejected(err) = &verdict {
            let reason = err.problem().code;
            audit::record(&state.db, &me, Action::Refused, &reason, &id).await?;
        }
        judged.push((id, verdict));
    }
    let items: Vec<store::BatchItem> = judged
        .iter()
        .filter_map(|(_, j)| match j {
            Judged::Accepted {
                mutation, owner, ..
            } => Some(store::BatchItem { owner, mutation }),
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
            Judged::Accepted { mutation, late, .. } => match applied.next() {
                Some(Ok(pushed)) if late => {
                    let change = &mutation.change;
                    audience::mark_gone(
                        &state.db,
                        &me.org_id,
                        &me.user_id,
                        change.entity(),
                        &change.record_id(),
                    )
                    .await?;
                    PushResult {
                        mutation_id,
                        outcome: outcome_of(&pushed.outcome),
                        version: Some(pushed.version as u64),
                        record: None,
                        problem: None,
                    }
                }
                Some(Ok(pushed)) => PushResult {
                    mutation_id,
                    outcome: outcome_of(&pushed.outcome),
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
    let agenda_path = crate::agenda::link_of(&state.db, org)
        .await?
        .map(|token| crate::agenda::public_path(&token));
    Ok(Json(PullResponse {
        changes,
        gone,
        cursor,
        more,
        agenda_path,
    }))
}
