//! Who receives a record can change: a family handed to another volunteer takes its
//! visits along. The new owner gets them through her normal pull (they get fresh change
//! numbers, so her cursor cannot be past them); the former owner gets a "no longer
//! yours" entry per record, with no content, and her device forgets them.

use crate::db::{Db, DbError};
use app::domain::FamilyId;
use app::store::sync::Gone;
use sqlx::Row;

/// Hands `family` and the visits its owner wrote to `to`, in one transaction. Returns
/// how many records moved (0 when there is no such family or it is hers already).
#[tracing::instrument(skip_all)]
pub async fn hand_over_family(
    db: &Db,
    org: &str,
    family: FamilyId,
    to: &str,
) -> Result<usize, DbError> {
    let mut tx = db.pool.begin().await?;
    let moved = hand_over_in(&mut tx, org, family, to).await?;
    tx.commit().await?;
    Ok(moved)
}

/// [`hand_over_family`] inside the caller's transaction (a matching writes its own rows
/// in the same one).
pub async fn hand_over_in(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    org: &str,
    family: FamilyId,
    to: &str,
) -> Result<usize, DbError> {
    let family = family.to_string();
    let Some(row) = sqlx::query(
        "SELECT owner_id FROM records WHERE org_id = $1 AND entity = 'family' AND id = $2",
    )
    .bind(org)
    .bind(&family)
    .fetch_optional(&mut **tx)
    .await?
    else {
        return Ok(0);
    };
    let from: String = row.try_get(0)?;
    if from == to {
        return Ok(0);
    }
    let visits = sqlx::query(
        "SELECT id FROM visit_index WHERE org_id = $1 AND family_id = $2 AND owner_id = $3",
    )
    .bind(org)
    .bind(&family)
    .bind(&from)
    .fetch_all(&mut **tx)
    .await?;
    let mut moving = vec![("family", family)];
    for v in &visits {
        let visit: String = v.try_get(0)?;
        // The replies on her visits and the handling of their signals go along.
        let along = sqlx::query(
            "SELECT 'feedback', id FROM feedback_index WHERE org_id = $1 AND visit_id = $2 \
             UNION ALL SELECT entity, id FROM records WHERE org_id = $1 AND entity = 'signal_status' AND id = $2",
        )
        .bind(org)
        .bind(&visit)
        .fetch_all(&mut **tx)
        .await?;
        for row in &along {
            let entity = match row.try_get::<String, _>(0)?.as_str() {
                "feedback" => "feedback",
                _ => "signal_status",
            };
            moving.push((entity, row.try_get(1)?));
        }
        moving.push(("visit", visit));
    }
    let first = crate::sync::reserve_change_numbers(tx, org, moving.len() as i64).await?;
    for ((entity, id), seq) in moving.iter().zip(first..) {
        move_record(tx, org, entity, id, to, seq).await?;
        sqlx::query(
            "INSERT INTO record_handovers (org_id, former_owner, entity, id, seq) VALUES ($1, $2, $3, $4, $5) \
             ON CONFLICT (org_id, former_owner, entity, id) DO UPDATE SET seq = excluded.seq",
        )
        .bind(org)
        .bind(&from)
        .bind(*entity)
        .bind(id)
        .bind(seq)
        .execute(&mut **tx)
        .await?;
    }
    Ok(moving.len())
}

/// Gives one record its new owner and a fresh change number (so her pull brings it),
/// and takes back an older "no longer yours" of hers for it.
async fn move_record(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    org: &str,
    entity: &str,
    id: &str,
    to: &str,
    seq: i64,
) -> Result<(), DbError> {
    sqlx::query(
        "UPDATE records SET owner_id = $4, seq = $5 WHERE org_id = $1 AND entity = $2 AND id = $3",
    )
    .bind(org)
    .bind(entity)
    .bind(id)
    .bind(to)
    .bind(seq)
    .execute(&mut **tx)
    .await?;
    let index = match entity {
        "family" => "family_index SET owner_id = $3 WHERE org_id = $1 AND id = $2",
        "visit" => "visit_index SET owner_id = $3 WHERE org_id = $1 AND id = $2",
        "feedback" => "feedback_index SET owner_id = $3 WHERE org_id = $1 AND id = $2",
        "signal_status" => "signal_triage SET owner_id = $3 WHERE org_id = $1 AND visit_id = $2",
        _ => return Err(DbError::WrongKind),
    };
    sqlx::query(&format!("UPDATE {index}"))
        .bind(org)
        .bind(id)
        .bind(to)
        .execute(&mut **tx)
        .await?;
    sqlx::query("DELETE FROM record_handovers WHERE org_id = $1 AND former_owner = $2 AND entity = $3 AND id = $4")
        .bind(org)
        .bind(to)
        .bind(entity)
        .bind(id)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// The records `owner` lost after change number `after`, oldest first, at most `limit`.
#[tracing::instrument(skip_all)]
pub async fn gone_since(
    db: &Db,
    org: &str,
    owner: &str,
    after: i64,
    limit: i64,
) -> Result<Vec<Gone>, DbError> {
    let rows = sqlx::query(
        "SELECT seq, entity, id FROM record_handovers WHERE org_id = $1 AND former_owner = $2 AND seq > $3 \
         ORDER BY seq LIMIT $4",
    )
    .bind(org)
    .bind(owner)
    .bind(after)
    .bind(limit)
    .fetch_all(&db.pool)
    .await?;
    rows.iter()
        .map(|r| {
            Ok(Gone {
                seq: r.try_get(0)?,
                entity: r.try_get(1)?,
                id: r.try_get(2)?,
            })
        })
        .collect()
}

/// True when `family` was handed away from `former` after change number `after` (her
/// device, at that cursor, did not know yet).
#[tracing::instrument(skip_all)]
pub async fn handed_away_after(
    db: &Db,
    org: &str,
    former: &str,
    family: &str,
    after: i64,
) -> Result<bool, DbError> {
    Ok(sqlx::query(
        "SELECT 1 FROM record_handovers WHERE org_id = $1 AND former_owner = $2 AND entity = 'family' \
         AND id = $3 AND seq > $4",
    )
    .bind(org)
    .bind(former)
    .bind(family)
    .bind(after)
    .fetch_optional(&db.pool)
    .await?
    .is_some())
}

/// Tells `former`'s devices, at their next pull, that a record is no longer hers: a
/// record she wrote late to a family handed away from her (a visit made offline before
/// her phone knew) leaves her phone like the rest of the family.
#[tracing::instrument(skip_all)]
pub async fn mark_gone(
    db: &Db,
    org: &str,
    former: &str,
    entity: &str,
    id: &str,
) -> Result<(), DbError> {
    let mut tx = db.pool.begin().await?;
    let seq = crate::sync::reserve_change_numbers(&mut tx, org, 1).await?;
    sqlx::query(
        "INSERT INTO record_handovers (org_id, former_owner, entity, id, seq) VALUES ($1, $2, $3, $4, $5) \
         ON CONFLICT (org_id, former_owner, entity, id) DO UPDATE SET seq = excluded.seq",
    )
    .bind(org)
    .bind(former)
    .bind(entity)
    .bind(id)
    .bind(seq)
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(())
}
