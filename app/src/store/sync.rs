//! The device half of sync, kept pure: what the server's answers and changes do to the
//! device store. Sending and receiving happen elsewhere; this is what the property
//! tests drive against a real server store.

use super::outbox::{Change, Mutation};
use super::LocalDb;
use crate::api::{Problem, PullResponse, PushOutcome, PushResponse, SessionInfo};
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
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct Pulled {
    /// Change number (the cursor moves to it).
    pub seq: i64,
    /// Server version of the record.
    pub version: u64,
    /// The record's state.
    pub change: Change,
}

/// A record that is no longer hers: its audience changed (the family was handed to
/// another volunteer, with its visits). It carries no content; the device forgets the
/// record unless her own edits of it still wait (those go up and are answered).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct Gone {
    /// Change number (the cursor moves to it).
    pub seq: i64,
    /// The kind of record (`family`, `visit`).
    pub entity: String,
    /// The record's id.
    pub id: String,
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

    /// Forgets the records that are no longer hers and moves the cursor. A record with
    /// her edits still waiting stays until they are answered.
    pub fn apply_gone(&self, gone: &[Gone]) -> LocalDb {
        let mut next = self.clone();
        for g in gone {
            next.cursor = next.cursor.max(g.seq);
            if next.outbox.iter().any(|m| m.change.record_id() == g.id) {
                continue;
            }
            next.shadows.remove(&g.id);
            next.forget(&g.entity, &g.id);
        }
        next
    }

    /// Takes the server's answer to pushing `batch`: results pair with the batch's
    /// mutations in order; each is acknowledged (with the record as stored — the one
    /// sent when the answer carries none) or kept as refused with its reason. `None`
    /// when the answer acknowledges and refuses nothing (a broken answer: try again).
    pub fn take_push_answer(&self, batch: &[Mutation], answer: PushResponse) -> Option<LocalDb> {
        let mut acks = Vec::new();
        let mut refused = Vec::new();
        for (mutation, result) in batch.iter().zip(answer.results) {
            match (
                result.outcome,
                result.version,
                result.record,
                result.problem,
            ) {
                (PushOutcome::Rejected, _, _, Some(problem)) => {
                    refused.push((mutation.id, problem))
                }
                (_, Some(version), record, _) => acks.push(Ack {
                    mutation: mutation.id,
                    version,
                    record: record.unwrap_or_else(|| mutation.change.clone()),
                }),
                _ => {}
            }
        }
        if acks.is_empty() && refused.is_empty() {
            return None;
        }
        Some(self.acknowledge(&acks).reject(refused))
    }

    /// Takes one page of a pull: its changes, what is no longer hers, and its cursor.
    pub fn take_pull_page(&self, page: &PullResponse) -> LocalDb {
        let mut next = self.apply_pulled(&page.changes).apply_gone(&page.gone);
        next.cursor = next.cursor.max(page.cursor);
        next.agenda_path = page.agenda_path.clone();
        next.forget_past_sessions(crate::domain::clock::today());
        next
    }

    /// The mutations to send: the outbox in order, without those the server refused.
    pub fn pushable(&self) -> Vec<Mutation> {
        self.outbox
            .iter()
            .filter(|m| !self.rejected.contains_key(&m.id))
            .cloned()
            .collect()
    }

    /// Keeps the server's reasons for refusing mutations (they stay in the outbox).
    pub fn reject(&self, refused: Vec<(MutationId, Problem)>) -> LocalDb {
        let mut next = self.clone();
        for (id, problem) in refused {
            if next.outbox.iter().any(|m| m.id == id) {
                next.rejected.insert(id, problem);
            }
        }
        next
    }

    /// Throws away a refused mutation. When nothing else of that record waits, the
    /// record goes back to the server's copy, or disappears if the server never had it.
    pub fn discard(&self, id: MutationId) -> Option<LocalDb> {
        let mut next = self.clone();
        let pos = next.outbox.iter().position(|m| m.id == id)?;
        let change = next.outbox.remove(pos).change;
        next.rejected.remove(&id);
        let record = change.record_id();
        if next.outbox.iter().any(|m| m.change.record_id() == record) {
            return Some(next);
        }
        match next.shadows.remove(&record) {
            Some(copy) => next.put(copy.change.with_base(copy.version)),
            None if change.base_version().is_none() => next.forget(change.entity(), &record),
            None => {}
        }
        Some(next)
    }

    /// Takes a sign-in. The notes on the device stay when they are hers or nobody's
    /// yet; another person's notes are wiped first, but only when all of them reached
    /// the server; otherwise `None` (her colleague must sync or sign in first).
    pub fn signed_in(&self, account: SessionInfo) -> Option<LocalDb> {
        let same_person = self
            .account
            .as_ref()
            .is_none_or(|a| a.user_id == account.user_id);
        let mut next = if same_person {
            self.clone()
        } else if self.outbox.is_empty() {
            LocalDb::default()
        } else {
            return None;
        };
        next.account = Some(account);
        Some(next)
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

    fn problem(code: &str) -> Problem {
        Problem {
            kind: String::new(),
            title: String::new(),
            status: 422,
            code: code.into(),
            detail: String::new(),
            errors: vec![],
        }
    }

    fn account(id: &str) -> SessionInfo {
        SessionInfo {
            user_id: id.into(),
            display_name: id.into(),
            username: id.into(),
            role: crate::api::Role::Volunteer,
            organisation: "MIM".into(),
            csrf: "t".into(),
        }
    }

    #[test]
    fn a_refused_change_stays_visible_is_not_pushed_again_and_a_fix_replaces_it() {
        let f = family(Programme::Mim);
        let db = LocalDb::default().with_change(Change::Family(f.clone()), 1);
        let other = family(Programme::HomeStart);
        let db = db.with_change(Change::Family(other.clone()), 2);
        let refused = db.outbox[0].id;
        let db = db.reject(vec![(refused, problem("invalid"))]);
        assert_eq!(db.outbox.len(), 2, "kept on the device");
        assert_eq!(db.pushable().len(), 1, "the good one still goes");
        let fixed = Family {
            pseudonym: "Fixed".into(),
            ..f.clone()
        };
        let db = db.with_change(Change::Family(fixed), 3);
        assert!(db.rejected.is_empty());
        assert_eq!(db.pushable().len(), 2);
        assert!(db.outbox.iter().all(|m| m.id != refused));
    }

    #[test]
    fn discarding_a_refused_new_record_removes_it_from_the_device() {
        let f = family(Programme::Mim);
        let db = LocalDb::default().with_change(Change::Family(f.clone()), 1);
        let id = db.outbox[0].id;
        let db = db
            .reject(vec![(id, problem("forbidden"))])
            .discard(id)
            .unwrap();
        assert!(db.outbox.is_empty() && db.rejected.is_empty());
        assert!(db.family(f.id).is_none());
    }

    #[test]
    fn signing_in_keeps_her_notes_and_protects_a_colleagues_unsynced_ones() {
        let f = family(Programme::Mim);
        let db = LocalDb::default().with_change(Change::Family(f.clone()), 1);
        let vera = db.signed_in(account("vera")).unwrap();
        assert_eq!(
            vera.outbox.len(),
            1,
            "notes written before sign-in become hers"
        );
        assert!(
            vera.signed_in(account("wen")).is_none(),
            "unsynced: refused"
        );
        let synced = LocalDb {
            outbox: vec![],
            ..vera
        };
        let wen = synced.signed_in(account("wen")).unwrap();
        assert!(
            wen.families.is_empty(),
            "a colleague's synced notes are wiped"
        );
        assert_eq!(wen.account.unwrap().user_id, "wen");
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

    #[test]
    fn a_record_no_longer_hers_is_forgotten_unless_her_edits_wait() {
        let (kept, handed) = (family(Programme::Mim), family(Programme::HomeStart));
        let mut db = LocalDb::default().with_change(Change::Family(kept.clone()), 1);
        db.families.insert(handed.id, handed.clone());
        let gone = |seq, f: &Family| Gone {
            seq,
            entity: "family".into(),
            id: f.id.to_string(),
        };
        let db = db.apply_gone(&[gone(8, &handed), gone(9, &kept)]);
        assert!(db.family(handed.id).is_none(), "forgotten");
        assert!(db.family(kept.id).is_some(), "her waiting edit keeps it");
        assert_eq!(db.cursor, 9);
    }

    #[test]
    fn past_sessions_leave_the_phone_after_two_weeks() {
        use crate::domain::kind::RecordKind;
        use crate::domain::Session;
        let today = chrono::NaiveDate::from_ymd_opt(2026, 12, 4).unwrap();
        let on = |days_ago: u64| Session {
            id: crate::domain::SessionId::new(),
            date: today - chrono::Days::new(days_ago),
            ..Session::example()
        };
        let (old, recent, coming) = (on(15), on(14), on(0));
        let mut db = LocalDb::default();
        for s in [&old, &recent, &coming] {
            db.sessions.insert(s.id, s.clone());
        }
        db.forget_past_sessions(today);
        assert!(!db.sessions.contains_key(&old.id));
        assert!(db.sessions.contains_key(&recent.id) && db.sessions.contains_key(&coming.id));
    }
}
