//! Each organisation's conversation catalogue in the database. The first time an
//! organisation's catalogue is needed the starter catalogue is copied in (version 0);
//! every change a coordinator makes bumps the version inside the writing transaction,
//! so devices compare one number to know whether their copy is current.

pub mod pictures;
mod starter;

pub use starter::starter;

use crate::audit;
use crate::auth::Account;
use crate::db::{Db, DbError};
use app::domain::{Catalogue, Prompt, Story};
use sqlx::Row;

/// The two kinds of catalogue item, as stored.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// An open question.
    Prompt,
    /// A picture story.
    Story,
}

impl Kind {
    /// The stored and audited name.
    pub fn code(self) -> &'static str {
        match self {
            Kind::Prompt => "prompt",
            Kind::Story => "story",
        }
    }
}

/// Version of an organisation that has not had its starter catalogue copied in.
const NOT_SEEDED: i64 = -1;

/// The organisation's catalogue version, copying the starter catalogue in on first use.
pub async fn version(db: &Db, org: &str) -> Result<i64, DbError> {
    let stored = current_version(db, org).await?;
    if stored != NOT_SEEDED {
        return Ok(stored);
    }
    seed(db, org).await?;
    current_version(db, org).await
}

async fn current_version(db: &Db, org: &str) -> Result<i64, DbError> {
    Ok(
        sqlx::query("SELECT catalogue_version FROM organisations WHERE id = $1")
            .bind(org)
            .fetch_one(&db.pool)
            .await?
            .try_get(0)?,
    )
}

/// Copies the starter catalogue in. The conditional update claims the seeding, so of
/// two simultaneous first requests only one inserts (the other waits for its commit).
async fn seed(db: &Db, org: &str) -> Result<(), DbError> {
    let mut tx = db.pool.begin().await?;
    let claimed = sqlx::query(
        "UPDATE organisations SET catalogue_version = 0 WHERE id = $1 AND catalogue_version = $2",
    )
    .bind(org)
    .bind(NOT_SEEDED)
    .execute(&mut *tx)
    .await?
    .rows_affected();
    if claimed == 1 {
        let starter = starter();
        let prompts = starter
            .prompts
            .iter()
            .map(|p| (Kind::Prompt, &p.id, serde_json::to_string(p)));
        let stories = starter
            .stories
            .iter()
            .map(|s| (Kind::Story, &s.id, serde_json::to_string(s)));
        for (position, (kind, id, body)) in prompts.chain(stories).enumerate() {
            sqlx::query(
                "INSERT INTO catalogue_items (org_id, kind, id, position, version, body) \
                 VALUES ($1, $2, $3, $4, 0, $5)",
            )
            .bind(org)
            .bind(kind.code())
            .bind(id)
            .bind(position as i64)
            .bind(body?)
            .execute(&mut *tx)
            .await?;
        }
    }
    tx.commit().await?;
    Ok(())
}

/// The organisation's whole catalogue, retired items included, in editing order. The
/// version is read first, so a change racing this read only makes the device fetch
/// once more.
pub async fn load(db: &Db, org: &str) -> Result<Catalogue, DbError> {
    let version = version(db, org).await?;
    let rows = sqlx::query(
        "SELECT kind, body FROM catalogue_items WHERE org_id = $1 ORDER BY position, id",
    )
    .bind(org)
    .fetch_all(&db.pool)
    .await?;
    let mut catalogue = Catalogue {
        version,
        ..Catalogue::default()
    };
    for row in rows {
        let kind: String = row.try_get(0)?;
        let body: String = row.try_get(1)?;
        if kind == Kind::Prompt.code() {
            catalogue
                .prompts
                .push(serde_json::from_str::<Prompt>(&body)?);
        } else {
            catalogue
                .stories
                .push(serde_json::from_str::<Story>(&body)?);
        }
    }
    Ok(catalogue)
}

/// Creates or replaces one item (already checked), bumps the version and writes the
/// audit entry, all in one transaction. Returns the new version.
pub async fn save(
    db: &Db,
    who: &Account,
    kind: Kind,
    id: &str,
    body: &impl serde::Serialize,
) -> Result<i64, DbError> {
    let body = serde_json::to_string(body)?;
    version(db, &who.org_id).await?;
    let mut tx = db.pool.begin().await?;
    let version: i64 = sqlx::query(
        "UPDATE organisations SET catalogue_version = catalogue_version + 1 WHERE id = $1 \
         RETURNING catalogue_version",
    )
    .bind(&who.org_id)
    .fetch_one(&mut *tx)
    .await?
    .try_get(0)?;
    sqlx::query(
        "INSERT INTO catalogue_items (org_id, kind, id, position, version, body) \
         VALUES ($1, $2, $3, \
           (SELECT COALESCE(MAX(position), -1) + 1 FROM catalogue_items WHERE org_id = $1), \
           $4, $5) \
         ON CONFLICT (org_id, kind, id) DO UPDATE SET version = excluded.version, body = excluded.body",
    )
    .bind(&who.org_id)
    .bind(kind.code())
    .bind(id)
    .bind(version)
    .bind(body)
    .execute(&mut *tx)
    .await?;
    audit::record_write(&mut tx, &who.user_id, &who.org_id, kind.code(), id).await?;
    tx.commit().await?;
    Ok(version)
}
