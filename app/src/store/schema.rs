//! Versioned storage format. The stored JSON carries `schema`; older documents are
//! migrated step by step, newer ones (from a newer app on the same device) are refused
//! rather than overwritten.

use super::db::LocalDb;
use super::StoreError;
use serde_json::Value;

/// The schema version this build writes.
pub const CURRENT_SCHEMA: u32 = 2;

/// One migration step: turns a document of version `n` into version `n + 1`.
type Step = fn(Value) -> Value;

/// `STEPS[i]` migrates from version `i + 1` to `i + 2`.
const STEPS: &[Step] = &[v1_to_v2];

/// Version 1 (the first prototype) had no outbox: every record was still to be sent,
/// so each becomes a pending change.
fn v1_to_v2(mut doc: Value) -> Value {
    let mut outbox = Vec::new();
    for (entity, key) in [("family", "families"), ("visit", "visits")] {
        if let Some(records) = doc.get(key).and_then(Value::as_object) {
            for record in records.values() {
                let at_ms = record.get("updated_at_ms").cloned().unwrap_or(Value::from(0));
                outbox.push(serde_json::json!({
                    "id": uuid::Uuid::new_v4(),
                    "at_ms": at_ms,
                    "change": { "entity": entity, "record": record },
                }));
            }
        }
    }
    doc["outbox"] = Value::Array(outbox);
    doc["schema"] = Value::from(2);
    doc
}

/// Reads a stored document of any known version into the current model.
pub fn migrate(raw: &str) -> Result<LocalDb, StoreError> {
    let mut doc: Value = serde_json::from_str(raw).map_err(|e| StoreError::Corrupt(e.to_string()))?;
    let found = doc.get("schema").and_then(Value::as_u64).unwrap_or(1) as u32;
    if found > CURRENT_SCHEMA {
        return Err(StoreError::NewerSchema { found, known: CURRENT_SCHEMA });
    }
    for step in STEPS.iter().skip(found.saturating_sub(1) as usize) {
        doc = step(doc);
    }
    serde_json::from_value(doc).map_err(|e| StoreError::Corrupt(e.to_string()))
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
        assert_eq!(migrate(raw), Err(StoreError::NewerSchema { found: 99, known: CURRENT_SCHEMA }));
    }

    #[test]
    fn garbage_is_reported_as_corrupt() {
        assert!(matches!(migrate("{not json"), Err(StoreError::Corrupt(_))));
    }
}
