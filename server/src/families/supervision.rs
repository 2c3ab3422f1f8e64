//! A volunteer's supervision log: the coordinator's notes of one-to-one talks, her
//! attendance at group sessions and trainings, and her leaving evaluation. Only
//! coordinators read and write it; nothing of it reaches any phone.

use super::{day_of, day_text, FamilyError};
use crate::db::Db;
use app::api::{SupervisionKind, SupervisionNote};
use sqlx::Row;

/// A volunteer's log, newest first, with the authors' names.
#[tracing::instrument(skip_all)]
pub async fn notes_of(
    db: &Db,
    org: &str,
    volunteer: &str,
) -> Result<Vec<SupervisionNote>, FamilyError> {
    let rows = sqlx::query(
        "SELECT n.id, n.kind, n.held_on, n.topics, n.note, COALESCE(u.display_name, '') FROM supervision_notes n \
         LEFT JOIN users u ON u.id = n.author_id WHERE n.org_id = $1 AND n.volunteer_id = $2 \
         ORDER BY n.held_on DESC, n.written_at_ms DESC",
    )
    .bind(org)
    .bind(volunteer)
    .fetch_all(&db.pool)
    .await?;
    rows.iter()
        .map(|row| {
            Ok(SupervisionNote {
                id: row.try_get(0)?,
                kind: SupervisionKind::from_code(&row.try_get::<String, _>(1)?)
                    .unwrap_or(SupervisionKind::OneToOne),
                held_on: day_of(&row.try_get::<String, _>(2)?)?,
                topics: row.try_get(3)?,
                note: row.try_get(4)?,
                author: row.try_get(5)?,
            })
        })
        .collect()
}

/// Adds a note to `volunteer`'s log, written by `author`; returns its id.
#[tracing::instrument(skip_all)]
pub async fn add_note(
    db: &Db,
    org: &str,
    author: &str,
    volunteer: &str,
    note: &SupervisionNote,
) -> Result<String, FamilyError> {
    let id = uuid::Uuid::new_v4().to_string();
    let mut tx = db.pool.begin().await?;
    sqlx::query(
        "INSERT INTO supervision_notes (org_id, id, volunteer_id, kind, held_on, topics, note, author_id, written_at_ms) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
    )
    .bind(org)
    .bind(&id)
    .bind(volunteer)
    .bind(note.kind.code())
    .bind(day_text(note.held_on))
    .bind(note.topics.trim())
    .bind(note.note.trim())
    .bind(author)
    .bind(app::domain::clock::now_ms())
    .execute(&mut *tx)
    .await?;
    crate::audit::record_write(&mut tx, author, org, "supervision", &id).await?;
    tx.commit().await?;
    Ok(id)
}
