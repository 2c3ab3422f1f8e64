//! The device half of sync, kept pure: what the server's answers and changes do to the
//! device store. Sending and receiving happen elsewhere; this is what the property
//! tests drive against a real server store.

use super::outbox::Change;
use super::LocalDb;
use crate::domain::MutationId;
use serde::{Deserialize, Serialize};

/// The server accepted (or had already accepted) one mutation as `version`.
#[derive(Clone, Debug, PartialEq)]
pub struct Ack {
    /// The mutation acknowledged.
    pub mutation: MutationId,
    /// The record's server version it produced.
    pub version: u64,
    /// The record as the server stored it in that version (merged, if it was).
    pub record: Change,
}

/// One record as the server hands it out.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Pulled {
    /// Change number (the cursor moves to it).
    pub seq: i64,
    /// Server version of the record.
    pub version: u64,
    /// The record's state.
    pub change: Change,
}

/// A server version kept aside while the device's own edits of the record wait.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ServerCopy {
    /// Its server version.
    pub version: u64,
    /// The record.
    pub change: Change,
}

impl LocalDb {
    /// Drops acknowledged mutations from the outbox. When no edit of that record is left
    /// waiting, the device takes the server's record: the newest of what the push
    /// produced and what a pull brought meanwhile (which already includes the push).
    pub fn acknowledge(&self, acks: &[Ack]) -> LocalDb {
        let mut next = self.clone();
        for ack in acks {
            let Some(pos) = next.outbox.iter().position(|m| m.id == ack.mutation) else {
                continue;
            };
            let record = next.outbox.remove(pos).change.record_id();
            if next.outbox.iter().any(|m| m.change.record_id() == record) {
                continue;
            }
            let adopted = match next.shadows.remove(&record) {
                Some(copy) if copy.version > ack.version => copy.change.with_base(copy.version),
                _ => ack.record.clone().with_base(ack.version),
            };
            next.put(adopted);
        }
        next
    }

    /// Takes records pulled from the server and moves the cursor. A record with edits
    /// still waiting keeps the device's text on screen; the server copy is kept aside
    /// until those edits are acknowledged.
    pub fn apply_pulled(&self, pulled: &[Pulled]) -> LocalDb {
        let mut next = self.clone();
        for p in pulled {
            next.cursor = next.cursor.max(p.seq);
            let record = p.change.record_id();
            if next.outbox.iter().any(|m| m.change.record_id() == record) {
                let newer = next
                    .shadows
                    .get(&record)
                    .is_none_or(|c| c.version < p.version);
                if newer {
                    next.shadows.insert(
                        record,
                        ServerCopy {
                            version: p.version,
                            change: p.change.clone(),
                        },
                    );
                }
                continue;
            }
            next.put(p.change.clone().with_base(p.version));
        }
        next
    }

    fn put(&mut self, change: Change) {
        match change {
            Change::Family(f) => {
                self.families.insert(f.id, f);
            }
            Change::Visit(v) => {
                self.visits.insert(v.id, v);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::family::tests::family;
    use crate::domain::{Family, Programme};

    #[test]
    fn an_ack_empties_the_outbox_and_the_device_takes_the_stored_record() {
        let f = family(Programme::Mim);
        let db = LocalDb::default().with_change(Change::Family(f.clone()), 1);
        let db = db.with_change(
            Change::Family(Family {
                pseudonym: "B".into(),
                ..f.clone()
            }),
            2,
        );
        let (first, second) = (db.outbox[0].id, db.outbox[1].id);
        let db = db.acknowledge(&[Ack {
            mutation: first,
            version: 1,
            record: Change::Family(f.clone()),
        }]);
        assert_eq!(db.outbox.len(), 1);
        assert_eq!(
            db.family(f.id).unwrap().pseudonym,
            "B",
            "a later edit still waits: keep it on screen"
        );
        let merged = Family {
            pseudonym: "merged".into(),
            ..f.clone()
        };
        let db = db.acknowledge(&[Ack {
            mutation: second,
            version: 2,
            record: Change::Family(merged),
        }]);
        assert!(db.outbox.is_empty());
        assert_eq!(db.family(f.id).unwrap().pseudonym, "merged");
        assert_eq!(db.family(f.id).unwrap().base_version, Some(2));
    }

    #[test]
    fn a_pull_does_not_overwrite_an_edit_still_waiting_but_is_kept_aside() {
        let f = family(Programme::Mim);
        let db = LocalDb::default().with_change(
            Change::Family(Family {
                pseudonym: "mine".into(),
                ..f.clone()
            }),
            1,
        );
        let theirs = Family {
            pseudonym: "theirs and mine".into(),
            ..f.clone()
        };
        let db = db.apply_pulled(&[Pulled {
            seq: 7,
            version: 5,
            change: Change::Family(theirs),
        }]);
        assert_eq!(db.family(f.id).unwrap().pseudonym, "mine");
        assert_eq!(db.cursor, 7);
        let stored = Family {
            pseudonym: "mine".into(),
            ..f.clone()
        };
        let db = db.acknowledge(&[Ack {
            mutation: db.outbox[0].id,
            version: 4,
            record: Change::Family(stored),
        }]);
        assert_eq!(
            db.family(f.id).unwrap().pseudonym,
            "theirs and mine",
            "the newer server copy wins"
        );
        assert_eq!(db.family(f.id).unwrap().base_version, Some(5));
        assert!(db.shadows.is_empty());
    }
}
