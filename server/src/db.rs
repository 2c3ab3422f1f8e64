//! The database: SQLite (a file under the data directory, created, migrated and put in
//! WAL mode on first start) by default, PostgreSQL when `DATABASE_URL` names one. Both
//! are reached through one `sqlx::AnyPool`, so the data-access code is written once;
//! each engine has its own migrations.

use sqlx::any::{install_default_drivers, AnyPoolOptions};
use sqlx::{AnyPool, Executor};
use std::path::Path;
use thiserror::Error;

/// Which engine a pool talks to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Engine {
    /// The embedded default.
    Sqlite,
    /// The engine for scale.
    Postgres,
}

/// Why the database could not be opened or used.
#[derive(Debug, Error)]
pub enum DbError {
    /// The URL names an engine Naast does not support.
    #[error("unsupported database URL (use sqlite:… or postgres://…)")]
    UnsupportedUrl,
    /// The data directory could not be created.
    #[error("creating the data directory: {0}")]
    DataDir(#[from] std::io::Error),
    /// Connecting or querying failed.
    #[error("database: {0}")]
    Sqlx(#[from] sqlx::Error),
    /// A stored record could not be read or written as JSON.
    #[error("record body: {0}")]
    Json(#[from] serde_json::Error),
    /// A stored body is not of the kind its row says (a damaged database).
    #[error("a stored record is not of the kind its row says")]
    WrongKind,
    /// A pushed mutation reuses the id of another organisation's mutation.
    #[error("this mutation id is already used")]
    MutationIdTaken,
    /// A migration failed; the server must not start on a half-migrated schema.
    #[error("migrating the database: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
}

/// One pool per process, shared by every request.
#[derive(Clone, Debug)]
pub struct Db {
    /// The connection pool.
    pub pool: AnyPool,
    /// The engine behind it.
    pub engine: Engine,
}

impl Db {
    /// Opens `DATABASE_URL` if given, else the SQLite file `naast.db` in `data_dir`;
    /// then applies the migrations, failing loudly.
    pub async fn open(database_url: Option<&str>, data_dir: &Path) -> Result<Db, DbError> {
        let url = match database_url {
            Some(url) => url.to_string(),
            None => {
                std::fs::create_dir_all(data_dir)?;
                format!("sqlite://{}?mode=rwc", data_dir.join("naast.db").display())
            }
        };
        Db::connect(&url).await
    }

    /// Connects to `url` and migrates.
    pub async fn connect(url: &str) -> Result<Db, DbError> {
        install_default_drivers();
        let engine = if url.starts_with("sqlite:") {
            Engine::Sqlite
        } else if url.starts_with("postgres:") || url.starts_with("postgresql:") {
            Engine::Postgres
        } else {
            return Err(DbError::UnsupportedUrl);
        };
        // Connections are not pinged before each use: a broken one fails its query,
        // which the device retries; the ping would cost a round trip per request.
        let options = AnyPoolOptions::new()
            .max_connections(if engine == Engine::Sqlite { 4 } else { 16 })
            .test_before_acquire(false);
        let options = match engine {
            // Writers wait for each other instead of failing; foreign keys enforced.
            Engine::Sqlite => options.after_connect(|conn, _meta| {
                Box::pin(async move {
                    conn.execute("PRAGMA busy_timeout = 10000; PRAGMA foreign_keys = ON;")
                        .await?;
                    Ok(())
                })
            }),
            Engine::Postgres => options,
        };
        let pool = options.connect(url).await?;
        if engine == Engine::Sqlite {
            pool.execute("PRAGMA journal_mode = WAL;").await?;
        }
        let db = Db { pool, engine };
        db.migrate().await?;
        Ok(db)
    }

    async fn migrate(&self) -> Result<(), DbError> {
        match self.engine {
            Engine::Sqlite => {
                sqlx::migrate!("./migrations/sqlite")
                    .run(&self.pool)
                    .await?
            }
            Engine::Postgres => {
                sqlx::migrate!("./migrations/postgres")
                    .run(&self.pool)
                    .await?
            }
        }
        Ok(())
    }
}
