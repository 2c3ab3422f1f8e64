//! Shared by the database tests: fresh PostgreSQL databases on this machine's server
//! (`NAAST_TEST_POSTGRES_URL`, default `postgres://postgres@127.0.0.1:5432/test`) and
//! sample records.

#![allow(dead_code)] // each test binary uses its own part of this module

pub mod browser;
pub mod phones;

use app::domain::{
    ChildDate, Family, FamilyId, FamilyStatus, Programme, Signal, Urgency, Visit, VisitId,
    VisitKind,
};
use server::db::Db;
use sqlx::{Connection, Executor};
use std::future::Future;

/// The database the test databases are created from.
pub fn postgres_admin_url() -> String {
    std::env::var("NAAST_TEST_POSTGRES_URL")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/test".into())
}

/// Creates an empty database and returns its URL and name.
pub async fn create_postgres_database() -> (String, String) {
    let admin_url = postgres_admin_url();
    let name = format!("naast_test_{}", uuid::Uuid::new_v4().simple());
    let mut admin = sqlx::PgConnection::connect(&admin_url)
        .await
        .expect("PostgreSQL on 127.0.0.1:5432");
    admin
        .execute(format!("CREATE DATABASE {name}").as_str())
        .await
        .unwrap();
    let (base, _) = admin_url.rsplit_once('/').unwrap();
    (format!("{base}/{name}"), name)
}

/// Drops a database made by [`create_postgres_database`].
pub async fn drop_postgres_database(name: &str) {
    let mut admin = sqlx::PgConnection::connect(&postgres_admin_url())
        .await
        .unwrap();
    admin
        .execute(format!("DROP DATABASE {name} WITH (FORCE)").as_str())
        .await
        .unwrap();
}

/// An active MIM family with the given id and pseudonym.
pub fn family(id: FamilyId, name: &str) -> Family {
    Family {
        id,
        pseudonym: name.into(),
        child: ChildDate::Born(chrono::NaiveDate::from_ymd_opt(2026, 4, 1).unwrap()),
        languages: vec!["ar".into()],
        programme: Programme::Mim,
        cadence: Programme::Mim.default_cadence(),
        status: FamilyStatus::Active,
        next_appointment: None,
        ended_on: None,
        shares_notes: true,
        updated_at_ms: 1,
        base_version: None,
        conflicts: vec![],
        deleted: false,
    }
}

/// A home visit to `family` today with `note`, a sleep topic and a soon-urgency signal.
pub fn visit(family: FamilyId, note: &str) -> Visit {
    Visit {
        id: VisitId::new(),
        family_id: family,
        date: chrono::Utc::now().date_naive(),
        kind: VisitKind::Home,
        duration_min: Some(60),
        topics: vec![app::domain::Topic::Sleep],
        support: vec![],
        own_question: String::new(),
        chosen_to_try: String::new(),
        agreements: String::new(),
        next_appointment: None,
        note: note.into(),
        signal: Some(Signal {
            urgency: Urgency::Soon,
            text: "tired".into(),
        }),
        prompts_used: vec![],
        updated_at_ms: 1,
        base_version: None,
        conflicts: vec![],
        deleted: false,
    }
}

/// A pushed mutation (as JSON) of `change`, under a new mutation id.
pub fn mutation(change: app::store::Change) -> serde_json::Value {
    serde_json::to_value(app::store::Mutation {
        id: app::domain::MutationId::new(),
        at_ms: app::domain::clock::now_ms(),
        change,
    })
    .unwrap()
}

/// A pushed mutation (as JSON) of a visit, under a new mutation id.
pub fn visit_mutation(visit: &Visit) -> serde_json::Value {
    mutation(app::store::Change::Visit(visit.clone()))
}

/// A pushed mutation (as JSON) that writes a family `name` under the mutation id `mutation`.
pub fn family_mutation_with_id(
    mutation: app::domain::MutationId,
    id: FamilyId,
    name: &str,
) -> serde_json::Value {
    serde_json::to_value(app::store::Mutation {
        id: mutation,
        at_ms: app::domain::clock::now_ms(),
        change: app::store::Change::Family(family(id, name)),
    })
    .unwrap()
}

/// A pushed mutation (as JSON) that writes a family `name`.
pub fn family_mutation(id: FamilyId, name: &str) -> serde_json::Value {
    family_mutation_with_id(app::domain::MutationId::new(), id, name)
}

/// The organisation of the person with `username`.
pub async fn org_of(db: &Db, username: &str) -> String {
    server::auth::people::by_username(db, username)
        .await
        .unwrap()
        .unwrap()
        .0
        .org_id
}

/// Runs `test` on a fresh SQLite file, then on a fresh PostgreSQL database; both are
/// removed afterwards.
pub async fn with_engines<F, Fut>(test: F)
where
    F: Fn(Db) -> Fut,
    Fut: Future<Output = ()>,
{
    let dir = std::env::temp_dir().join(format!("naast-db-{}", uuid::Uuid::new_v4().simple()));
    let sqlite = Db::open(None, &dir).await.expect("open SQLite");
    test(sqlite.clone()).await;
    sqlite.pool.close().await;
    let _ = std::fs::remove_dir_all(dir);

    let (url, name) = create_postgres_database().await;
    let pg = Db::connect(&url).await.expect("open PostgreSQL");
    test(pg.clone()).await;
    pg.pool.close().await;
    drop_postgres_database(&name).await;
}
