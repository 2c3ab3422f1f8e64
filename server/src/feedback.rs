//! Coordinators' replies on visits (kind `feedback`). A reply is written here as a
//! synced record owned by the visit's volunteer, so her next pull brings it to her
//! phone — and only hers; her phone sends back when she read it and her one answer.
//! Typed columns beside each reply say what the desk needs: read, answered, and
//! whether a coordinator has seen the answer.

use crate::db::{Db, DbError};
use crate::sync::{self, Pushed};
use app::domain::{Feedback, MutationId};
use app::store::{Change, Mutation};
use sqlx::Row;

/// Keeps the typed columns of a reply in step with its body (inside the push's
/// transaction).
pub async fn write_index(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    org: &str,
    owner: &str,
    f: &Feedback,
) -> Result<(), DbError> {
    sqlx::query(
        "INSERT INTO feedback_index (org_id, id, visit_id, owner_id, replied_at_ms, read_at_ms, answered_at_ms) \
         VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (org_id, id) DO UPDATE SET \
         read_at_ms = excluded.read_at_ms, answered_at_ms = excluded.answered_at_ms",
    )
    .bind(org)
    .bind(f.id.to_string())
    .bind(f.visit_id.to_string())
    .bind(owner)
    .bind(f.replied_at_ms)
    .bind(f.read_at_ms)
    .bind(f.answered_at_ms)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// Stores a coordinator's reply (`author`) as a record of the visit's volunteer
/// (`owner`), exactly once: the reply's id is its mutation id, so sending it again
/// answers with the stored reply. The write is audited in the same transaction.
#[tracing::instrument(skip_all)]
pub async fn send(
    db: &Db,
    org: &str,
    owner: &str,
    author: &str,
    reply: Feedback,
) -> Result<Pushed, DbError> {
    let mutation = Mutation {
        id: MutationId(reply.id.0),
        at_ms: reply.replied_at_ms,
        change: Change::Feedback(reply),
    };
    let mut tx = db.pool.begin().await?;
    let seq = sync::reserve_change_numbers(&mut tx, org, 1).await?;
    let pushed = sync::apply(&mut tx, org, owner, sync::SERVER_DEVICE, &mutation, seq).await?;
    if pushed.outcome == sync::PushOutcome::Applied {
        let id = mutation.change.record_id();
        crate::audit::record_write(&mut tx, author, org, "feedback", &id).await?;
    }
    tx.commit().await?;
    Ok(pushed)
}

/// The replies on `visit`, oldest first.
#[tracing::instrument(skip_all)]
pub async fn thread(db: &Db, org: &str, visit: &str) -> Result<Vec<Feedback>, DbError> {
    let rows = sqlx::query(
        "SELECT r.body FROM feedback_index i JOIN records r ON r.org_id = i.org_id AND r.entity = 'feedback' \
         AND r.id = i.id WHERE i.org_id = $1 AND i.visit_id = $2 ORDER BY i.replied_at_ms, i.id",
    )
    .bind(org)
    .bind(visit)
    .fetch_all(&db.pool)
    .await?;
    rows.iter()
        .map(|row| match sync::decode(&row.try_get::<String, _>(0)?)? {
            Change::Feedback(f) => Ok(f),
            _ => Err(DbError::WrongKind),
        })
        .collect()
}

/// Notes that a coordinator has now seen the answers on `visit`.
#[tracing::instrument(skip_all)]
pub async fn mark_answers_seen(db: &Db, org: &str, visit: &str, at_ms: i64) -> Result<(), DbError> {
    sqlx::query(
        "UPDATE feedback_index SET answer_seen_at_ms = $3 WHERE org_id = $1 AND visit_id = $2 \
         AND answered_at_ms IS NOT NULL AND answer_seen_at_ms IS NULL",
    )
    .bind(org)
    .bind(visit)
    .bind(at_ms)
    .execute(&db.pool)
    .await?;
    Ok(())
}

/// How many answers of volunteers no coordinator has opened yet.
#[tracing::instrument(skip_all)]
pub async fn unseen_answers(db: &Db, org: &str) -> Result<u64, DbError> {
    let n: i64 = sqlx::query(
        "SELECT COUNT(*) FROM feedback_index WHERE org_id = $1 AND answered_at_ms IS NOT NULL \
         AND answer_seen_at_ms IS NULL",
    )
    .bind(org)
    .fetch_one(&db.pool)
    .await?
    .try_get(0)?;
    Ok(n.max(0) as u64)
}
