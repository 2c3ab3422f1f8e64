//! Changes waiting to reach the server. Each save puts the new state of one record in
//! the outbox together with the record itself (one atomic write), under its own
//! mutation id so the server can apply it exactly once.

use crate::domain::kind::RecordKind;
use crate::domain::{
    Family, Feedback, FieldErrors, Group, MutationId, Session, SignalStatus, TextField, Visit,
};
use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};

/// Builds [`Change`] and everything that goes by kind from the list of synced kinds:
/// each line names the variant, the declared kind (`domain::kind::RecordKind`) and the
/// device store's table that holds it.
macro_rules! record_kinds {
    ($($(#[$doc:meta])* $variant:ident($kind:ty) in $table:ident),+ $(,)?) => {
        /// The new state of one record, stored as `{"family": {…}}` or `{"visit": {…}}`.
        /// Deletions are records with `deleted = true` (tombstones), so they sync like
        /// any other change.
        #[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
        #[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
        #[serde(rename_all = "snake_case")]
        pub enum Change {
            $($(#[$doc])* $variant($kind)),+
        }

        $(impl From<$kind> for Change {
            fn from(record: $kind) -> Change {
                Change::$variant(record)
            }
        })+

        /// The names of every synced kind, as on the wire.
        pub const ENTITIES: &[&str] = &[$(<$kind as RecordKind>::ENTITY),+];

        /// Calls `visitor` once for every synced kind (declaration tests, documents).
        pub fn each_kind(visitor: &mut impl KindVisitor) {
            $(visitor.visit::<$kind>();)+
        }

        impl Change {
            /// The id of the record this change is about, as text.
            pub fn record_id(&self) -> String {
                match self { $(Change::$variant(r) => r.record_id()),+ }
            }

            /// The kind of record, as stored on the server (`family`, `visit`).
            pub fn entity(&self) -> &'static str {
                match self { $(Change::$variant(_) => <$kind as RecordKind>::ENTITY),+ }
            }

            /// The record whose owner this one shares, as (entity, id).
            pub fn belongs_to(&self) -> Option<(&'static str, String)> {
                match self { $(Change::$variant(r) => r.belongs_to()),+ }
            }

            /// True for a tombstone.
            pub fn is_deleted(&self) -> bool {
                match self { $(Change::$variant(r) => r.is_deleted()),+ }
            }

            /// The server version the edit was based on.
            pub fn base_version(&self) -> Option<u64> {
                match self { $(Change::$variant(r) => r.base_version()),+ }
            }

            /// The same record, now based on server `version`.
            pub fn with_base(mut self, version: u64) -> Change {
                match &mut self { $(Change::$variant(r) => r.set_base_version(version)),+ }
                self
            }

            /// Texts waiting for her choice between two versions.
            pub fn conflict_count(&self) -> usize {
                match self { $(Change::$variant(r) => r.conflicts().len()),+ }
            }

            /// Everything wrong with this change made at `now` to `previous` (the record
            /// before it, if it is of the same kind): the kind's one set of rules.
            pub fn check(&self, now: NaiveDateTime, previous: Option<&Change>) -> FieldErrors {
                match self {
                    $(Change::$variant(r) => {
                        let previous = match previous {
                            Some(Change::$variant(p)) => Some(p),
                            _ => None,
                        };
                        r.check(now, previous)
                    })+
                }
            }

            /// Whether a person's phone may push this change on top of `previous` (the
            /// record before it, if it is of the same kind); why not otherwise.
            pub fn device_may_write(&self, previous: Option<&Change>) -> Result<(), &'static str> {
                match self {
                    $(Change::$variant(r) => {
                        let previous = match previous {
                            Some(Change::$variant(p)) => Some(p),
                            _ => None,
                        };
                        r.device_may_write(previous)
                    })+
                }
            }

            /// Who receives records of `entity` through their pull.
            pub fn audience(&self) -> crate::domain::kind::Audience {
                match self { $(Change::$variant(_) => <$kind as RecordKind>::AUDIENCE),+ }
            }

            /// The free texts the three-way merge keeps side by side for `entity`.
            pub fn merge_texts(entity: &str) -> &'static [TextField] {
                $(if entity == <$kind as RecordKind>::ENTITY {
                    return <$kind as RecordKind>::MERGE_TEXTS;
                })+
                &[]
            }
        }

        impl super::LocalDb {
            /// Stores the record of `change` in its table.
            pub(crate) fn put(&mut self, change: Change) {
                match change {
                    $(Change::$variant(r) => {
                        self.$table.insert(r.id, r);
                    })+
                }
            }

            /// Removes the record `id` of kind `entity` from its table.
            pub(crate) fn forget(&mut self, entity: &str, id: &str) {
                $(if entity == <$kind as RecordKind>::ENTITY {
                    self.$table.retain(|key, _| key.to_string() != id);
                })+
            }
        }
    };
}

record_kinds! {
    /// A family was added, edited, ended or deleted.
    Family(Family) in families,
    /// A visit was added, edited, deleted or restored.
    Visit(Visit) in visits,
    /// A coordinator replied on a visit, or the volunteer read or answered the reply.
    Feedback(Feedback) in feedback,
    /// A coordinator acknowledged or resolved a signal of concern.
    SignalStatus(SignalStatus) in signal_statuses,
    /// A meeting group was added, changed or ended in the workspace.
    Group(Group) in groups,
    /// A session of a meeting group was planned, moved or cancelled.
    Session(Session) in sessions,
}

/// Something done once for every synced kind (see [`each_kind`]).
pub trait KindVisitor {
    /// Called with each kind.
    fn visit<K: RecordKind + Into<Change>>(&mut self);
}

/// One change made on this device, waiting for the server.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct Mutation {
    /// Unique id; the server remembers it so a retry is harmless.
    pub id: MutationId,
    /// When the change was made on the device (ms since epoch).
    pub at_ms: i64,
    /// The change itself.
    pub change: Change,
}

#[cfg(test)]
mod declarations {
    //! Every synced kind is declared completely: a test fails when one lacks its merge
    //! texts, rules or labels (its wire schema is checked with the API document).

    use super::*;
    use crate::i18n::Locale;
    use serde_json::Value;

    fn now() -> NaiveDateTime {
        chrono::NaiveDate::from_ymd_opt(2026, 11, 23)
            .and_then(|d| d.and_hms_opt(12, 0, 0))
            .unwrap()
    }

    /// Every string in `value` with its path (`signal.text`).
    fn strings(value: &Value, path: &str, out: &mut Vec<(String, String)>) {
        match value {
            Value::String(s) => out.push((path.to_string(), s.clone())),
            Value::Object(map) => {
                for (key, inner) in map {
                    let inner_path = match path.is_empty() {
                        true => key.clone(),
                        false => format!("{path}.{key}"),
                    };
                    strings(inner, &inner_path, out);
                }
            }
            _ => {}
        }
    }

    fn set(value: &mut Value, path: &str, text: &str) {
        let pointer = format!("/{}", path.replace('.', "/"));
        *value.pointer_mut(&pointer).expect("the merge text exists") = Value::from(text);
    }

    struct Declared(Vec<&'static str>);

    impl KindVisitor for Declared {
        fn visit<K: RecordKind + Into<Change>>(&mut self) {
            let kind = K::ENTITY;
            self.0.push(kind);
            let example = K::example();
            let wire = serde_json::to_value(example.clone().into()).unwrap();
            assert!(wire.get(kind).is_some(), "{kind}: wire name matches");
            assert!(
                example.check(now(), None).is_empty(),
                "{kind}: its example meets its rules"
            );
            let record = serde_json::to_value(&example).unwrap();
            let mut found = Vec::new();
            strings(&record, "", &mut found);
            for (path, value) in &found {
                let declared = K::MERGE_TEXTS.iter().any(|t| t.code() == path);
                // Free text is what people write: words with spaces. Codes, ids and
                // dates have none. A kind no phone writes (the agenda, kept in the
                // workspace, where a stale edit is refused) is never merged.
                let phones_write = example.device_may_write(Some(&example)).is_ok();
                if value.contains(' ') && phones_write {
                    assert!(declared, "{kind}.{path} is free text but not merged");
                }
            }
            for text in K::MERGE_TEXTS {
                assert!(
                    found.iter().any(|(path, _)| path == text.code()),
                    "{kind}: merge text {} is in the record",
                    text.code()
                );
                let mut long = record.clone();
                set(&mut long, text.code(), &"x".repeat(20_000));
                let long: K = serde_json::from_value(long).unwrap();
                let errors = long.check(now(), Some(&example));
                assert!(
                    errors.0.iter().any(|(f, _)| f.wire() == text.code()),
                    "{kind}: {} has a length rule",
                    text.code()
                );
                for locale in [Locale::Nl, Locale::En] {
                    let label = locale.texts().text_field_label(*text);
                    assert!(!label.trim().is_empty(), "{kind}: {} labelled", text.code());
                }
            }
        }
    }

    #[test]
    fn every_kind_declares_its_wire_name_merge_texts_rules_and_labels() {
        let mut declared = Declared(Vec::new());
        each_kind(&mut declared);
        assert_eq!(declared.0, ENTITIES);
    }
}
