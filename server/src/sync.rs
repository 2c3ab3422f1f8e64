//! The server half of sync, as a store: applying pushed mutations exactly once and
//! handing out changes after a cursor. HTTP routes, accounts and merging come on top.
//!
//! Change numbers: each accepted write bumps its organisation's counter *inside* the
//! writing transaction (`UPDATE … RETURNING`), which locks the organisation row until
//! commit. So numbers are handed out in commit order, and a reader that has seen number
//! N can never later meet a smaller number committing behind it.

use crate::db::{Db, DbError};
use app::domain::DeviceId;
use app::store::sync::Pulled;
use app::store::{Change, Mutation};
use serde_json::Value;
use sqlx::Row;

/// How a pushed mutation was taken.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PushOutcome {
    /// Stored as the record's new version, as sent.
    Applied,
    /// The record had changed on the server since the device's edit was based on it:
    /// the two were merged (see `merge`); texts changed on both sides are kept side by
    /// side and the record is flagged.
    Merged {
        /// How many texts now wait for her choice.
        conflicts: usize,
    },
    /// Already applied earlier (a retry): nothing changed.
    Duplicate,
    /// Arrived after a later edit of the same record from the same device (requests
    /// delivered out of order): the later edit stands, nothing changed.
    Superseded,
}

/// The server's answer to one pushed mutation.
#[derive(Clone, Debug, PartialEq)]
pub struct Pushed {
    /// The record version this mutation produced (then or, for a retry, earlier).
    pub version: i64,
    /// How it was taken.
    pub outcome: PushOutcome,
    /// The record as stored in that version (merged where it was merged).
    pub record: Change,
}

/// Three-way merge of stored change bodies (`{"family": {…}}`) with the pushed change.
fn merge_change(
    entity: &str,
    base: Option<&str>,
    theirs: &str,
    mine: &Change,
) -> Result<Change, DbError> {
    let inner = |body: Value| body.get(entity).cloned().unwrap_or(Value::Null);
    let base = base
        .map(serde_json::from_str::<Value>)
        .transpose()?
        .map(inner)
        .unwrap_or(Value::Null);
    let theirs = inner(serde_json::from_str(theirs)?);
    let mine = inner(serde_json::to_value(mine)?);
    let merged = crate::merge::merge(&base, &mine, &theirs, Change::merge_texts(entity));
    Ok(serde_json::from_value(
        serde_json::json!({ entity: merged }),
    )?)
}

/// Creates an organisation (until accounts exist, the unit that scopes all data).
#[tracing::instrument(skip_all)]
pub async fn create_organisation(db: &Db, id: &str, name: &str) -> Result<(), DbError> {
    sqlx::query("INSERT INTO organisations (id, name, change_counter, created_at_ms) VALUES ($1, $2, 0, $3)")
        .bind(id)
        .bind(name)
        .bind(app::domain::clock::now_ms())
        .execute(&db.pool)
        .await?;
    Ok(())
}

/// Applies one mutation of `device` with no owner (store-level tests).
#[tracing::instrument(skip_all)]
pub async fn push(
    db: &Db,
    org: &str,
    device: DeviceId,
    mutation: &Mutation,
) -> Result<Pushed, DbError> {
    push_as(db, org, "", device, mutation).await
}

/// Applies one mutation of `device` in its own transaction, exactly once. A new record
/// belongs to `owner` (the volunteer whose diary it is); an existing one keeps its owner.
///
/// The mutation is taken as sent when the record is new or the device's base version is
/// the server's current one. Otherwise it is merged three-way with the current record;
/// the base is the device's own previous edit of the record when it made one since its
/// base version (queued edits build on each other), else the version it was based on.
#[tracing::instrument(skip_all)]
pub async fn push_as(
    db: &Db,
    org: &str,
    owner: &str,
    device: DeviceId,
    mutation: &Mutation,
) -> Result<Pushed, DbError> {
    let mut tx = db.pool.begin().await?;
    let seq = reserve_change_numbers(&mut tx, org, 1).await?;
    let pushed = apply(&mut tx, org, owner, &device.to_string(), mutation, seq).await?;
    tx.commit().await?;
    Ok(pushed)
}

/// One mutation of a batch, with the owner a new record gets.
pub struct BatchItem<'a> {
    /// Who a new record belongs to.
    pub owner: &'a str,
    /// The mutation.
    pub mutation: &'a Mutation,
}

/// Applies a device's batch in one transaction (one commit for the whole batch), each
/// mutation exactly once, and writes an audit entry for each change made by `author`.
/// A mutation whose id another organisation used is refused alone; any other failure
/// leaves the whole batch unapplied (the device retries it).
#[tracing::instrument(skip_all)]
pub async fn push_batch(
    db: &Db,
    org: &str,
    device: DeviceId,
    author: &str,
    items: &[BatchItem<'_>],
) -> Result<Vec<Result<Pushed, DbError>>, DbError> {
    let device = device.to_string();
    let mut tx = db.pool.begin().await?;
    let first = reserve_change_numbers(&mut tx, org, items.len() as i64).await?;
    let mut results = Vec::with_capacity(items.len());
    for (item, seq) in items.iter().zip(first..) {
        match apply(&mut tx, org, item.owner, &device, item.mutation, seq).await {
            Err(DbError::MutationIdTaken) => results.push(Err(DbError::MutationIdTaken)),
            Err(err) => return Err(err),
            Ok(pushed) => {
                if matches!(
                    pushed.outcome,
                    PushOutcome::Applied | PushOutcome::Merged { .. }
                ) {
                    let change = &item.mutation.change;
                    crate::audit::record_write(
                        &mut tx,
                        author,
                        org,
                        change.entity(),
                        &change.record_id(),
                    )
                    .await?;
                }
                results.push(Ok(pushed));
            }
        }
    }
    tx.commit().await?;
    Ok(results)
}

/// Takes the organisation's write lock (its counter row, held until commit) and reserves
/// `count` change numbers; returns the first. Numbers are thus handed out in commit
/// order. A number left unused (a duplicate) is a harmless gap.
pub(crate) async fn reserve_change_numbers(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    org: &str,
    count: i64,
) -> Result<i64, DbError> {
    let last: i64 = sqlx::query(
        "UPDATE organisations SET change_counter = change_counter + $2 WHERE id = $1 RETURNING change_counter",
    )
    .bind(org)
    .bind(count)
    .fetch_one(&mut **tx)
    .await?
    .try_get(0)?;
    Ok(last - count + 1)
}

/// The device name of records the server writes itself (feedback, signal statuses).
pub const SERVER_DEVICE: &str = "server";

/// Applies one mutation inside `tx` as change number `seq` (see [`push_as`]).
pub(crate) async fn apply(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    org: &str,
    owner: &str,
    device: &str,
    mutation: &Mutation,
    seq: i64,
) -> Result<Pushed, DbError> {
    let (entity, id) = (mutation.change.entity(), mutation.change.record_id());
    let mutation_id = mutation.id.to_string();
    if let Some(row) = sqlx::query(
        "SELECT version, org_id, entity, record_id FROM applied_mutations WHERE mutation_id = $1",
    )
    .bind(&mutation_id)
    .fetch_optional(&mut **tx)
    .await?
    {
        let version: i64 = row.try_get(0)?;
        // A retry repeats the same change of the same record; a mutation id used before
        // for another organisation or another record is refused (that mutation only).
        let same_record = row.try_get::<String, _>(1)? == org
            && row.try_get::<String, _>(2)? == entity
            && row.try_get::<String, _>(3)? == id;
        if !same_record {
            return Err(DbError::MutationIdTaken);
        }
        let body = version_body(tx, org, entity, &id, version)
            .await?
            .unwrap_or_default();
        return Ok(Pushed {
            version,
            outcome: PushOutcome::Duplicate,
            record: decode(&body)?,
        });
    }
    let current = sqlx::query(
        "SELECT version, body FROM records WHERE org_id = $1 AND entity = $2 AND id = $3",
    )
    .bind(org)
    .bind(entity)
    .bind(&id)
    .fetch_optional(&mut **tx)
    .await?;
    // Only an existing record can have a newer edit of this device applied already.
    if let Some(row) = &current {
        if let Some(pushed) = superseded(tx, org, device, seq, mutation, row).await? {
            return Ok(pushed);
        }
    }
    let (version, stored, outcome) = match current {
        None => (1, mutation.change.clone(), PushOutcome::Applied),
        Some(row) => {
            let server_version: i64 = row.try_get(0)?;
            let theirs: String = row.try_get(1)?;
            let base = mutation.change.base_version().map(|v| v as i64);
            if base == Some(server_version) {
                (
                    server_version + 1,
                    mutation.change.clone(),
                    PushOutcome::Applied,
                )
            } else {
                let own_previous = sqlx::query(
                    "SELECT version, body FROM applied_mutations WHERE org_id = $1 AND entity = $2 AND record_id = $3 \
                     AND device_id = $4 ORDER BY seq DESC LIMIT 1",
                )
                .bind(org)
                .bind(entity)
                .bind(&id)
                .bind(device)
                .fetch_optional(&mut **tx)
                .await?;
                let base_body = match own_previous {
                    Some(row)
                        if base.is_none_or(|b| row.try_get::<i64, _>(0).is_ok_and(|v| v > b)) =>
                    {
                        let (version, raw) = (row.try_get(0)?, row.try_get::<String, _>(1)?);
                        match raw.is_empty() {
                            // Taken as sent: its body is that version's.
                            true => version_body(tx, org, entity, &id, version).await?,
                            false => Some(raw),
                        }
                    }
                    _ => match base {
                        Some(v) => version_body(tx, org, entity, &id, v).await?,
                        None => None,
                    },
                };
                let merged = merge_change(entity, base_body.as_deref(), &theirs, &mutation.change)?;
                let outcome = if base_body.as_deref() == Some(theirs.as_str()) {
                    PushOutcome::Applied
                } else {
                    PushOutcome::Merged {
                        conflicts: merged.conflict_count(),
                    }
                };
                (server_version + 1, merged, outcome)
            }
        }
    };
    let body = encode(&stored)?;
    let deleted = i64::from(stored.is_deleted());
    sqlx::query(
        "INSERT INTO records (org_id, entity, id, version, seq, deleted, device_id, body, owner_id) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) \
         ON CONFLICT (org_id, entity, id) DO UPDATE SET version = excluded.version, seq = excluded.seq, \
         deleted = excluded.deleted, device_id = excluded.device_id, body = excluded.body",
    )
    .bind(org)
    .bind(entity)
    .bind(&id)
    .bind(version)
    .bind(seq)
    .bind(deleted)
    .bind(device)
    .bind(&body)
    .bind(owner)
    .execute(&mut **tx)
    .await?;
    sqlx::query(
        "INSERT INTO record_versions (org_id, entity, id, version, seq, mutation_id, deleted, body) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
    )
    .bind(org)
    .bind(entity)
    .bind(&id)
    .bind(version)
    .bind(seq)
    .bind(&mutation_id)
    .bind(deleted)
    .bind(&body)
    .execute(&mut **tx)
    .await?;
    crate::index::write(tx, org, owner, &stored).await?;
    let as_sent = stored == mutation.change;
    record_applied(tx, org, device, mutation, version, seq, as_sent).await?;
    Ok(Pushed {
        version,
        outcome,
        record: stored,
    })
}

/// A mutation made before one of the same device and record that was already applied
/// (requests delivered out of order) changes nothing: it is recorded as applied, so a
/// retry is recognised, and answered with the `current` record (version, body).
async fn superseded(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    org: &str,
    device: &str,
    seq: i64,
    mutation: &Mutation,
    current: &sqlx::any::AnyRow,
) -> Result<Option<Pushed>, DbError> {
    let (entity, id) = (mutation.change.entity(), mutation.change.record_id());
    let newest: Option<i64> = sqlx::query(
        "SELECT MAX(made_at_ms) FROM applied_mutations WHERE org_id = $1 AND entity = $2 AND record_id = $3 AND device_id = $4",
    )
    .bind(org)
    .bind(entity)
    .bind(&id)
    .bind(device)
    .fetch_one(&mut **tx)
    .await?
    .try_get(0)?;
    if newest.is_none_or(|newest| newest <= mutation.at_ms) {
        return Ok(None);
    }
    let version: i64 = current.try_get(0)?;
    let body: String = current.try_get(1)?;
    record_applied(tx, org, device, mutation, version, seq, false).await?;
    Ok(Some(Pushed {
        version,
        outcome: PushOutcome::Superseded,
        record: decode(&body)?,
    }))
}

/// Remembers that `mutation` was applied as `version` (its raw body is the merge base
/// of the device's next edit; its id makes a retry a duplicate). A mutation taken
/// `as_sent` keeps no copy of its body: it is that version's body (an empty text here).
async fn record_applied(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    org: &str,
    device: &str,
    mutation: &Mutation,
    version: i64,
    seq: i64,
    as_sent: bool,
) -> Result<(), DbError> {
    let body = if as_sent {
        String::new()
    } else {
        encode(&mutation.change)?
    };
    sqlx::query(
        "INSERT INTO applied_mutations (mutation_id, org_id, entity, record_id, device_id, version, seq, body, applied_at_ms, made_at_ms) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
    )
    .bind(mutation.id.to_string())
    .bind(org)
    .bind(mutation.change.entity())
    .bind(mutation.change.record_id())
    .bind(device)
    .bind(version)
    .bind(seq)
    .bind(body)
    .bind(app::domain::clock::now_ms())
    .bind(mutation.at_ms)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

async fn version_body(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    org: &str,
    entity: &str,
    id: &str,
    version: i64,
) -> Result<Option<String>, DbError> {
    Ok(sqlx::query("SELECT body FROM record_versions WHERE org_id = $1 AND entity = $2 AND id = $3 AND version = $4")
        .bind(org)
        .bind(entity)
        .bind(id)
        .bind(version)
        .fetch_optional(&mut **tx)
        .await?
        .map(|r| r.try_get::<String, _>(0))
        .transpose()?)
}

fn encode(change: &Change) -> Result<String, DbError> {
    Ok(serde_json::to_string(change)?)
}

pub(crate) fn decode(body: &str) -> Result<Change, DbError> {
    Ok(serde_json::from_str(body)?)
}

/// The owner of records the whole organisation receives (its meeting groups and their
/// sessions): every volunteer's pull includes them.
pub const EVERYONE: &str = "@organisation";

/// The organisation's records changed after change number `after`, oldest first, at
/// most `limit` of them. A record changed several times appears once, at its newest.
#[tracing::instrument(skip_all)]
pub async fn pull(db: &Db, org: &str, after: i64, limit: i64) -> Result<Vec<Pulled>, DbError> {
    pull_scoped(db, org, None, after, limit).await
}

/// Like [`pull`], limited to the records of `owner` when given (a volunteer's scope).
/// Change numbers are per organisation and handed out in commit order, so filtering by
/// owner cannot make a reader skip a change.
#[tracing::instrument(skip_all)]
pub async fn pull_scoped(
    db: &Db,
    org: &str,
    owner: Option<&str>,
    after: i64,
    limit: i64,
) -> Result<Vec<Pulled>, DbError> {
    let rows = match owner {
        None => sqlx::query("SELECT seq, version, body FROM records WHERE org_id = $1 AND seq > $2 ORDER BY seq LIMIT $3")
            .bind(org)
            .bind(after)
            .bind(limit),
        Some(owner) => sqlx::query("SELECT seq, version, body FROM records WHERE org_id = $1 AND seq > $2 AND owner_id IN ($4, $5) ORDER BY seq LIMIT $3")
            .bind(org)
            .bind(after)
            .bind(limit)
            .bind(owner)
            .bind(EVERYONE),
    }
    .fetch_all(&db.pool)
    .await?;
    rows.into_iter()
        .map(|row| {
            Ok(Pulled {
                seq: row.try_get(0)?,
                version: row.try_get::<i64, _>(1)? as u64,
                change: decode(&row.try_get::<String, _>(2)?)?,
            })
        })
        .collect()
}

/// Reads a `(key, body)` row: the key (version, owner, …) and the decoded record.
fn keyed_change<T>(row: &sqlx::any::AnyRow) -> Result<(T, Change), DbError>
where
    T: for<'r> sqlx::Decode<'r, sqlx::Any> + sqlx::Type<sqlx::Any>,
{
    Ok((row.try_get(0)?, decode(&row.try_get::<String, _>(1)?)?))
}

/// Every stored version of a record, oldest first (history is never overwritten).
#[tracing::instrument(skip_all)]
pub async fn history(
    db: &Db,
    org: &str,
    entity: &str,
    id: &str,
) -> Result<Vec<(i64, Change)>, DbError> {
    let rows = sqlx::query("SELECT version, body FROM record_versions WHERE org_id = $1 AND entity = $2 AND id = $3 ORDER BY version")
        .bind(org)
        .bind(entity)
        .bind(id)
        .fetch_all(&db.pool)
        .await?;
    rows.iter().map(keyed_change).collect()
}

/// A stored record as a push needs it: whose it is, and its body (decoded only when
/// the rules must compare an edit with it).
#[derive(Clone, Debug)]
pub struct StoredHead {
    /// Its owner.
    pub owner: String,
    /// Its body as stored (`{"family": {…}}`).
    pub body: String,
}

/// Owner and body of a stored record, if it exists in the organisation.
#[tracing::instrument(skip_all)]
pub async fn stored_head(
    db: &Db,
    org: &str,
    entity: &str,
    id: &str,
) -> Result<Option<StoredHead>, DbError> {
    sqlx::query("SELECT owner_id, body FROM records WHERE org_id = $1 AND entity = $2 AND id = $3")
        .bind(org)
        .bind(entity)
        .bind(id)
        .fetch_optional(&db.pool)
        .await?
        .map(|r| {
            Ok(StoredHead {
                owner: r.try_get(0)?,
                body: r.try_get(1)?,
            })
        })
        .transpose()
}

/// Owners and bodies of the stored records among `keys` (kind, id), in one query per
/// kind and hundred records; records not stored are left out.
#[tracing::instrument(skip_all)]
pub async fn stored_heads(
    db: &Db,
    org: &str,
    keys: &[(&'static str, String)],
) -> Result<std::collections::HashMap<(&'static str, String), StoredHead>, DbError> {
    let mut heads = std::collections::HashMap::new();
    for kind in app::store::ENTITIES {
        let ids: Vec<&str> = keys
            .iter()
            .filter(|(k, _)| k == kind)
            .map(|(_, id)| id.as_str())
            .collect();
        for chunk in ids.chunks(100) {
            let places: Vec<String> = (0..chunk.len()).map(|i| format!("${}", i + 3)).collect();
            let sql = format!(
                "SELECT id, owner_id, body FROM records WHERE org_id = $1 AND entity = $2 AND id IN ({})",
                places.join(", ")
            );
            let mut query = sqlx::query(&sql).bind(org).bind(*kind);
            for id in chunk {
                query = query.bind(*id);
            }
            for row in query.fetch_all(&db.pool).await? {
                let head = StoredHead {
                    owner: row.try_get(1)?,
                    body: row.try_get(2)?,
                };
                heads.insert((*kind, row.try_get(0)?), head);
            }
        }
    }
    Ok(heads)
}

/// One record's current owner and state, tombstones included.
#[tracing::instrument(skip_all)]
pub async fn current_record(
    db: &Db,
    org: &str,
    entity: &str,
    id: &str,
) -> Result<Option<(String, Change)>, DbError> {
    let row = sqlx::query(
        "SELECT owner_id, body FROM records WHERE org_id = $1 AND entity = $2 AND id = $3",
    )
    .bind(org)
    .bind(entity)
    .bind(id)
    .fetch_optional(&db.pool)
    .await?;
    row.as_ref().map(keyed_change).transpose()
}
