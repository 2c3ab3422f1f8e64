//! Each coordinator's own state of her organisation's visits: which she has opened and
//! which she has marked reviewed (an explicit act), and what still waits for her.

use crate::db::{Db, DbError};
use sqlx::Row;

/// Notes that `coordinator` opened `visit` (the first opening counts).
#[tracing::instrument(skip_all)]
pub async fn mark_read(
    db: &Db,
    org: &str,
    coordinator: &str,
    visit: &str,
    at_ms: i64,
) -> Result<(), DbError> {
    sqlx::query(
        "INSERT INTO visit_reviews (org_id, coordinator_id, visit_id, read_at_ms, reviewed_at_ms) \
         VALUES ($1, $2, $3, $4, NULL) ON CONFLICT (org_id, coordinator_id, visit_id) DO UPDATE \
         SET read_at_ms = COALESCE(visit_reviews.read_at_ms, excluded.read_at_ms)",
    )
    .bind(org)
    .bind(coordinator)
    .bind(visit)
    .bind(at_ms)
    .execute(&db.pool)
    .await?;
    Ok(())
}

/// Marks `visit` reviewed by `coordinator` (which also means read), or not reviewed.
#[tracing::instrument(skip_all)]
pub async fn mark_reviewed(
    db: &Db,
    org: &str,
    coordinator: &str,
    visit: &str,
    reviewed: bool,
    at_ms: i64,
) -> Result<(), DbError> {
    let at = reviewed.then_some(at_ms);
    sqlx::query(
        "INSERT INTO visit_reviews (org_id, coordinator_id, visit_id, read_at_ms, reviewed_at_ms) \
         VALUES ($1, $2, $3, $4, $5) ON CONFLICT (org_id, coordinator_id, visit_id) DO UPDATE \
         SET read_at_ms = COALESCE(visit_reviews.read_at_ms, excluded.read_at_ms), \
         reviewed_at_ms = excluded.reviewed_at_ms",
    )
    .bind(org)
    .bind(coordinator)
    .bind(visit)
    .bind(at_ms)
    .bind(at)
    .execute(&db.pool)
    .await?;
    Ok(())
}

/// How many live visits of the organisation `coordinator` has not reviewed, and how
/// many of those carry a signal of concern. Her marks exist only for live visits (a
/// deletion removes them), so the first is all live visits less her marks; the second
/// looks at the visits with a signal only.
#[tracing::instrument(skip_all)]
pub async fn waiting(db: &Db, org: &str, coordinator: &str) -> Result<(u64, u64), DbError> {
    let row = sqlx::query(
        "SELECT (SELECT COUNT(*) FROM visit_index WHERE org_id = $1 AND deleted = 0), \
         (SELECT COUNT(*) FROM visit_reviews WHERE org_id = $1 AND coordinator_id = $2 AND reviewed_at_ms IS NOT NULL), \
         (SELECT COUNT(*) FROM visit_index i WHERE i.org_id = $1 AND i.deleted = 0 AND i.signal IS NOT NULL \
          AND NOT EXISTS (SELECT 1 FROM visit_reviews r WHERE r.org_id = i.org_id AND r.coordinator_id = $2 \
          AND r.visit_id = i.id AND r.reviewed_at_ms IS NOT NULL))",
    )
    .bind(org)
    .bind(coordinator)
    .fetch_one(&db.pool)
    .await?;
    let count = |i: usize| row.try_get::<i64, _>(i).map(|n| n.max(0) as u64);
    Ok((count(0)?.saturating_sub(count(1)?), count(2)?))
}

/// Whether `coordinator` marked `visit` reviewed.
#[tracing::instrument(skip_all)]
pub async fn reviewed_by(
    db: &Db,
    org: &str,
    coordinator: &str,
    visit: &str,
) -> Result<bool, DbError> {
    let row = sqlx::query(
        "SELECT reviewed_at_ms FROM visit_reviews WHERE org_id = $1 AND coordinator_id = $2 AND visit_id = $3",
    )
    .bind(org)
    .bind(coordinator)
    .bind(visit)
    .fetch_optional(&db.pool)
    .await?;
    Ok(match row {
        Some(row) => row.try_get::<Option<i64>, _>(0)?.is_some(),
        None => false,
    })
}
