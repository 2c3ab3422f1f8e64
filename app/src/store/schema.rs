//! Versioned storage format. The stored JSON carries `schema`; older documents are
//! migrated step by step, newer ones (from a newer app on the same device) are refused
//! rather than overwritten.

use super::db::LocalDb;
use super::outbox::{Change, Mutation};
use super::StoreError;
use crate::domain::{DeviceId, Family, FamilyId, MutationId, Visit, VisitId};
use serde::Deserialize;
use std::collections::BTreeMap;

/// The schema version this build writes.
pub const CURRENT_SCHEMA: u32 = 2;

/// Just the version of a stored document (version 1 had no `schema` field).
#[derive(Deserialize)]
struct Header {
    #[serde(default = "first_schema")]
    schema: u32,
}

fn first_schema() -> u32 {
    1
}

/// Version 1, the first prototype: records only, no outbox.
#[derive(Deserialize)]
struct V1 {
    device_id: DeviceId,
    #[serde(default)]
    families: BTreeMap<FamilyId, Family>,
    #[serde(default)]
    visits: BTreeMap<VisitId, Visit>,
}

impl From<V1> for LocalDb {
    /// Nothing of version 1 had reached a server, so every record becomes a pending change.
    fn from(v1: V1) -> LocalDb {
        let families = v1
            .families
            .values()
            .map(|f| (f.updated_at_ms, Change::Family(f.clone())));
        let visits = v1
            .visits
            .values()
            .map(|v| (v.updated_at_ms, Change::Visit(v.clone())));
        let outbox = families
            .chain(visits)
            .map(|(at_ms, change)| Mutation {
                id: MutationId::new(),
                at_ms,
                change,
            })
            .collect();
        LocalDb {
            schema: CURRENT_SCHEMA,
            device_id: v1.device_id,
            families: v1.families,
            visits: v1.visits,
            feedback: BTreeMap::new(),
            signal_statuses: BTreeMap::new(),
            groups: BTreeMap::new(),
            sessions: BTreeMap::new(),
            agenda_path: None,
            outbox,
            account: None,
            rejected: BTreeMap::new(),
            last_synced_ms: None,
            cursor: 0,
            shadows: BTreeMap::new(),
            scope: super::db::OWN_SCOPE,
        }
    }
}

fn parse<T: for<'de> Deserialize<'de>>(raw: &str) -> Result<T, StoreError> {
    serde_json::from_str(raw).map_err(|e| StoreError::Corrupt(e.to_string()))
}

/// Reads a stored document of any known version into the current model; each older
/// version has its own typed reader and conversion. A newer version is refused, so an
/// outdated app never overwrites data it does not understand.
pub fn migrate(raw: &str) -> Result<LocalDb, StoreError> {
    match parse::<Header>(raw)?.schema {
        1 => parse::<V1>(raw).map(LocalDb::from),
        CURRENT_SCHEMA => parse::<LocalDb>(raw),
        found => Err(StoreError::NewerSchema {
            found,
            known: CURRENT_SCHEMA,
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::family::tests::family;
    use crate::domain::Programme;
    use crate::store::Change;

    #[test]
    fn the_current_format_round_trips() {
        let db = LocalDb::default().with_change(Change::Family(family(Programme::Mim)), 1);
        let raw = serde_json::to_string(&db).unwrap();
        assert_eq!(migrate(&raw).unwrap(), db);
    }

    #[test]
    fn a_version_1_document_gets_every_record_queued() {
        let f = family(Programme::Mim);
        let v1 = serde_json::json!({
            "device_id": uuid::Uuid::new_v4(),
            "families": { f.id.to_string(): f },
            "visits": {},
        });
        let db = migrate(&v1.to_string()).unwrap();
        assert_eq!(db.schema, CURRENT_SCHEMA);
        assert_eq!(db.family(f.id), Some(&f));
        assert_eq!(db.outbox.len(), 1);
        assert_eq!(db.outbox[0].change, Change::Family(f));
    }

    #[test]
    fn a_newer_document_is_refused_not_rewritten() {
        let raw = r#"{"schema": 99, "families": {}}"#;
        assert_eq!(
            migrate(raw),
            Err(StoreError::NewerSchema {
                found: 99,
                known: CURRENT_SCHEMA
            })
        );
    }

    #[test]
    fn garbage_is_reported_as_corrupt() {
        assert!(matches!(migrate("{not json"), Err(StoreError::Corrupt(_))));
    }
}
