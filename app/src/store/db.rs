//! The in-memory model of the device store, with the operations the pages use. Every
//! operation returns a new state with the record *and* its outbox entry, so the caller
//! persists both in one write or neither.

use super::outbox::{Change, Mutation};
use super::schema::CURRENT_SCHEMA;
use crate::api::{Problem, SessionInfo};
use crate::domain::{
    DeviceId, Family, FamilyId, Feedback, FeedbackId, Group, GroupId, MutationId, Session,
    SessionId, SignalStatus, Visit, VisitId,
};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// How long a phone keeps a meeting-group session after its day.
pub const PAST_SESSIONS_KEPT_DAYS: u64 = 14;

/// Everything Naast keeps on the device.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct LocalDb {
    /// Schema version of this document (see `schema`).
    pub schema: u32,
    /// This browser profile's id.
    pub device_id: DeviceId,
    /// Families by id, tombstones included.
    pub families: BTreeMap<FamilyId, Family>,
    /// Visits by id, tombstones included.
    pub visits: BTreeMap<VisitId, Visit>,
    /// Coordinators' replies on her visits, by id.
    #[serde(default)]
    pub feedback: BTreeMap<FeedbackId, Feedback>,
    /// How her signals of concern were handled, by visit.
    #[serde(default)]
    pub signal_statuses: BTreeMap<VisitId, SignalStatus>,
    /// The organisation's meeting groups, by id.
    #[serde(default)]
    pub groups: BTreeMap<GroupId, Group>,
    /// Their sessions, by id.
    #[serde(default)]
    pub sessions: BTreeMap<SessionId, Session>,
    /// The path of the organisation's public agenda page, as the last sync said.
    #[serde(default)]
    pub agenda_path: Option<String>,
    /// Changes not yet acknowledged by the server, oldest first.
    pub outbox: Vec<Mutation>,
    /// Change number of the last server change received (0: none yet).
    #[serde(default)]
    pub cursor: i64,
    /// Server versions of records that still have edits waiting in the outbox, by
    /// record id: taken over once those edits are acknowledged.
    #[serde(default)]
    pub shadows: BTreeMap<String, super::sync::ServerCopy>,
    /// Who this device's diary belongs to, once she signed in (the first account to
    /// sign in takes the notes written before).
    #[serde(default)]
    pub account: Option<SessionInfo>,
    /// Mutations the server refused, with its reason; they stay in the outbox, are not
    /// pushed again, and wait until she edits the record again or discards them.
    #[serde(default)]
    pub rejected: BTreeMap<MutationId, Problem>,
    /// When the last complete sync ended (ms since epoch).
    #[serde(default)]
    pub last_synced_ms: Option<i64>,
    /// Whether the records here are only her own ([`OWN_SCOPE`]): devices of
    /// coordinators once pulled the whole organisation, and are cleared of it once.
    #[serde(default)]
    pub scope: u32,
}

/// The device holds only her own diary (the server pulls nothing else since then).
pub const OWN_SCOPE: u32 = 1;

impl Default for LocalDb {
    fn default() -> Self {
        LocalDb {
            schema: CURRENT_SCHEMA,
            device_id: DeviceId::new(),
            families: BTreeMap::new(),
            visits: BTreeMap::new(),
            feedback: BTreeMap::new(),
            signal_statuses: BTreeMap::new(),
            groups: BTreeMap::new(),
            sessions: BTreeMap::new(),
            agenda_path: None,
            outbox: Vec::new(),
            cursor: 0,
            shadows: BTreeMap::new(),
            account: None,
            rejected: BTreeMap::new(),
            last_synced_ms: None,
            scope: OWN_SCOPE,
        }
    }
}

impl LocalDb {
    /// `None` when the device holds only her own diary; otherwise the copy to store
    /// instead: on a coordinator's device, which once pulled the whole organisation,
    /// every record without changes waiting is dropped and the cursor reset, so the
    /// next pull brings back just her own (nothing she wrote is lost).
    pub fn own_records_only(&self) -> Option<LocalDb> {
        if self.scope >= OWN_SCOPE {
            return None;
        }
        let mut next = self.clone();
        next.scope = OWN_SCOPE;
        if self
            .account
            .as_ref()
            .is_some_and(|a| a.role.sees_organisation())
        {
            let waiting: std::collections::BTreeSet<String> =
                self.outbox.iter().map(|m| m.change.record_id()).collect();
            next.families
                .retain(|id, _| waiting.contains(&id.to_string()));
            next.visits
                .retain(|id, _| waiting.contains(&id.to_string()));
            next.shadows.retain(|id, _| waiting.contains(id));
            next.cursor = 0;
        }
        Some(next)
    }

    /// Returns a copy with `change` applied to the records and queued in the outbox. A
    /// refused earlier change of the same record is replaced: the new one carries the
    /// whole record as she fixed it.
    pub fn with_change(&self, change: Change, at_ms: i64) -> LocalDb {
        let mut next = self.clone();
        let record = change.record_id();
        let rejected = &mut next.rejected;
        next.outbox.retain(|m| {
            let superseded = m.change.record_id() == record && rejected.contains_key(&m.id);
            if superseded {
                rejected.remove(&m.id);
            }
            !superseded
        });
        next.put(change.clone());
        next.outbox.push(Mutation {
            id: MutationId::new(),
            at_ms,
            change,
        });
        next
    }

    /// Families that are not deleted, in no particular order.
    pub fn live_families(&self) -> impl Iterator<Item = &Family> {
        self.families.values().filter(|f| !f.deleted)
    }

    /// The visible family with this id.
    pub fn family(&self, id: FamilyId) -> Option<&Family> {
        self.families.get(&id).filter(|f| !f.deleted)
    }

    /// The coordinators' replies on a visit, oldest first.
    pub fn feedback_on(&self, visit: VisitId) -> Vec<&Feedback> {
        let mut replies: Vec<&Feedback> = self
            .feedback
            .values()
            .filter(|f| f.visit_id == visit && !f.deleted)
            .collect();
        replies.sort_by_key(|f| (f.replied_at_ms, f.id));
        replies
    }

    /// Every reply on her visits, newest first.
    pub fn all_feedback(&self) -> Vec<&Feedback> {
        let mut replies: Vec<&Feedback> = self.feedback.values().filter(|f| !f.deleted).collect();
        replies.sort_by_key(|f| std::cmp::Reverse((f.replied_at_ms, f.id)));
        replies
    }

    /// How many replies she has not opened yet.
    pub fn unread_feedback(&self) -> usize {
        self.feedback
            .values()
            .filter(|f| !f.deleted && f.unread())
            .count()
    }

    /// How her signal on a visit was handled, once a coordinator took it up.
    pub fn signal_status(&self, visit: VisitId) -> Option<&SignalStatus> {
        self.signal_statuses.get(&visit).filter(|s| !s.deleted)
    }

    /// The live groups that have not ended, each with its sessions on `from` or
    /// later (cancelled ones too), by day and time.
    pub fn agenda(&self, from: chrono::NaiveDate) -> Vec<(&Group, Vec<&Session>)> {
        let mut groups: Vec<&Group> = self
            .groups
            .values()
            .filter(|g| !g.deleted && !g.ended)
            .collect();
        groups.sort_by(|a, b| a.name.raw("nl").cmp(b.name.raw("nl")));
        groups
            .into_iter()
            .map(|group| {
                let mut sessions: Vec<&Session> = self
                    .sessions
                    .values()
                    .filter(|s| !s.deleted && s.group_id == group.id && s.date >= from)
                    .collect();
                sessions.sort_by_key(|s| (s.date, s.starts));
                (group, sessions)
            })
            .collect()
    }

    /// Forgets sessions more than [`PAST_SESSIONS_KEPT_DAYS`] before `today`: the phone
    /// carries the agenda to tell mothers what comes, and a year of weekly groups would
    /// otherwise pile up in her storage. Phones never write sessions, so nothing waits.
    pub fn forget_past_sessions(&mut self, today: chrono::NaiveDate) {
        let Some(before) = today.checked_sub_days(chrono::Days::new(PAST_SESSIONS_KEPT_DAYS))
        else {
            return;
        };
        let past: Vec<SessionId> = self
            .sessions
            .values()
            .filter(|s| s.date < before)
            .map(|s| s.id)
            .collect();
        for id in past {
            self.sessions.remove(&id);
            self.shadows.remove(&id.to_string());
        }
    }

    /// The visible visit with this id.
    pub fn visit(&self, id: VisitId) -> Option<&Visit> {
        self.visits.get(&id).filter(|v| !v.deleted)
    }

    /// Visible visits, newest first (date, then last edit).
    pub fn live_visits(&self) -> Vec<&Visit> {
        let mut visits: Vec<&Visit> = self.visits.values().filter(|v| !v.deleted).collect();
        visits.sort_by(|a, b| {
            b.date
                .cmp(&a.date)
                .then(b.updated_at_ms.cmp(&a.updated_at_ms))
        });
        visits
    }

    /// A family's visible visits, newest first.
    pub fn visits_of(&self, family: FamilyId) -> Vec<&Visit> {
        self.live_visits()
            .into_iter()
            .filter(|v| v.family_id == family)
            .collect()
    }

    /// Saves a visit and, when it sets a next appointment, moves it onto the family too
    /// (both changes in the same state, so they are stored together).
    pub fn save_visit(&self, visit: Visit, at_ms: i64) -> LocalDb {
        let appointment = visit.next_appointment;
        let family_id = visit.family_id;
        let previous = self.visits.get(&visit.id).and_then(|v| v.next_appointment);
        let mut next = self.with_change(Change::Visit(visit), at_ms);
        if appointment.is_some() && appointment != previous {
            if let Some(family) = next.family(family_id).cloned() {
                let family = Family {
                    next_appointment: appointment,
                    updated_at_ms: at_ms,
                    ..family
                };
                next = next.with_change(Change::Family(family), at_ms);
            }
        }
        next
    }

    /// Marks a visit deleted (a tombstone that syncs); `None` if there is no such visit.
    pub fn delete_visit(&self, id: VisitId, at_ms: i64) -> Option<LocalDb> {
        let visit = self.visit(id)?.clone();
        Some(self.with_change(
            Change::Visit(Visit {
                deleted: true,
                updated_at_ms: at_ms,
                ..visit
            }),
            at_ms,
        ))
    }

    /// Brings back a deleted visit (the undo of [`LocalDb::delete_visit`]).
    pub fn restore_visit(&self, id: VisitId, at_ms: i64) -> Option<LocalDb> {
        let visit = self.visits.get(&id).filter(|v| v.deleted)?.clone();
        Some(self.with_change(
            Change::Visit(Visit {
                deleted: false,
                updated_at_ms: at_ms,
                ..visit
            }),
            at_ms,
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::family::tests::family;
    use crate::domain::visit::tests::visit_on;
    use crate::domain::Programme;
    use chrono::NaiveDate;

    fn day(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, d).unwrap()
    }

    fn signed_in_as(role: crate::api::Role) -> Option<SessionInfo> {
        Some(SessionInfo {
            user_id: "me".into(),
            display_name: "Coby".into(),
            username: "coby".into(),
            role,
            organisation: "MIM".into(),
            csrf: "t".into(),
        })
    }

    #[test]
    fn a_coordinators_device_keeps_only_what_she_wrote_of_the_organisations_notes() {
        let (pulled, mine) = (family(Programme::Mim), family(Programme::HomeStart));
        let mut db = LocalDb::default().with_change(Change::Family(mine.clone()), 1);
        db.families.insert(pulled.id, pulled.clone());
        db.cursor = 40;
        db.scope = 0;
        db.account = signed_in_as(crate::api::Role::Coordinator);
        let cleaned = db.own_records_only().expect("cleaned once");
        assert!(
            cleaned.family(mine.id).is_some(),
            "her waiting change stays"
        );
        assert!(
            cleaned.family(pulled.id).is_none(),
            "the organisation's record goes"
        );
        assert_eq!(
            cleaned.cursor, 0,
            "her own records come back with the next pull"
        );
        assert_eq!(cleaned.outbox, db.outbox);
        assert_eq!(cleaned.own_records_only(), None, "only once");
    }

    #[test]
    fn a_volunteers_device_keeps_everything() {
        let f = family(Programme::Mim);
        let mut db = LocalDb::default();
        db.families.insert(f.id, f.clone());
        db.cursor = 7;
        db.scope = 0;
        db.account = signed_in_as(crate::api::Role::Volunteer);
        let marked = db.own_records_only().expect("marked");
        assert_eq!((marked.families.len(), marked.cursor), (1, 7));
        assert_eq!(LocalDb::default().own_records_only(), None);
    }

    #[test]
    fn every_save_queues_exactly_one_mutation_with_the_record() {
        let f = family(Programme::Mim);
        let db = LocalDb::default().with_change(Change::Family(f.clone()), 1);
        assert_eq!(db.family(f.id), Some(&f));
        assert_eq!(db.outbox.len(), 1);
        assert_eq!(db.outbox[0].change, Change::Family(f));
    }

    #[test]
    fn a_visits_next_appointment_moves_onto_the_family() {
        let f = family(Programme::Mim);
        let db = LocalDb::default().with_change(Change::Family(f.clone()), 1);
        let mut v = visit_on(f.id, day(20));
        v.next_appointment = day(30).and_hms_opt(10, 0, 0);
        let db = db.save_visit(v, 2);
        assert_eq!(
            db.family(f.id).unwrap().next_appointment,
            day(30).and_hms_opt(10, 0, 0)
        );
        assert_eq!(db.outbox.len(), 3);
    }

    #[test]
    fn delete_then_undo_restores_the_visit_and_both_steps_sync() {
        let f = family(Programme::Mim);
        let v = visit_on(f.id, day(20));
        let db = LocalDb::default().save_visit(v.clone(), 1);
        let deleted = db.delete_visit(v.id, 2).unwrap();
        assert!(deleted.visit(v.id).is_none());
        assert!(
            deleted.visits.get(&v.id).unwrap().deleted,
            "a tombstone stays"
        );
        let restored = deleted.restore_visit(v.id, 3).unwrap();
        assert_eq!(restored.visit(v.id).map(|x| &x.note), Some(&v.note));
        assert_eq!(restored.outbox.len(), 3);
    }

    #[test]
    fn the_original_state_is_untouched_by_a_change() {
        let db = LocalDb::default();
        let _ = db.with_change(Change::Family(family(Programme::HomeStart)), 1);
        assert!(db.families.is_empty() && db.outbox.is_empty());
    }

    #[test]
    fn visits_list_newest_first() {
        let f = family(Programme::Mim);
        let db = LocalDb::default()
            .save_visit(visit_on(f.id, day(2)), 1)
            .save_visit(visit_on(f.id, day(9)), 2);
        let dates: Vec<_> = db.visits_of(f.id).iter().map(|v| v.date).collect();
        assert_eq!(dates, vec![day(9), day(2)]);
    }
}
