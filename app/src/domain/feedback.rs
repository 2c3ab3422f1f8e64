//! Feedback (terugkoppeling): a coordinator's reply on a visit, which reaches the phone
//! of the volunteer who wrote the visit, and her one answer to it. A thread on a visit
//! is its replies in order, each with at most one answer.

use super::ids::{FeedbackId, VisitId};
use serde::{Deserialize, Serialize};

/// One reply of a coordinator on a visit, with whether and how the volunteer answered.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct Feedback {
    /// Its id (made by the server when she sends it).
    pub id: FeedbackId,
    /// The visit it answers.
    pub visit_id: VisitId,
    /// What the coordinator wrote.
    pub reply: String,
    /// The coordinator's name as her volunteers know her.
    pub replied_by: String,
    /// When she sent it (ms since the epoch).
    pub replied_at_ms: i64,
    /// When the volunteer first read it on her phone.
    #[serde(default)]
    pub read_at_ms: Option<i64>,
    /// The volunteer's answer (empty until she answers; she answers once).
    #[serde(default)]
    pub answer: String,
    /// When she answered.
    #[serde(default)]
    pub answered_at_ms: Option<i64>,
    /// Last change, milliseconds since the epoch.
    pub updated_at_ms: i64,
    /// Server version this edit was based on.
    #[serde(default)]
    pub base_version: Option<u64>,
    /// Texts changed on two sides, kept until she chooses (empty when none).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub conflicts: Vec<super::TextConflict>,
    /// Tombstone (a reply is never deleted from a phone; kept for the sync rules).
    #[serde(default)]
    pub deleted: bool,
}

impl Feedback {
    /// True until the volunteer has opened it.
    pub fn unread(&self) -> bool {
        self.read_at_ms.is_none()
    }

    /// True when she has answered it.
    pub fn answered(&self) -> bool {
        !self.answer.trim().is_empty()
    }

    /// The same reply, read by her at `now_ms` (unchanged when read before).
    pub fn read_at(&self, now_ms: i64) -> Feedback {
        let mut next = self.clone();
        if next.read_at_ms.is_none() {
            next.read_at_ms = Some(now_ms);
            next.updated_at_ms = now_ms;
        }
        next
    }

    /// The same reply with her answer, given at `now_ms`.
    pub fn answered_with(&self, answer: &str, now_ms: i64) -> Feedback {
        let mut next = self.read_at(now_ms);
        next.answer = answer.trim().to_string();
        next.answered_at_ms = Some(now_ms);
        next.updated_at_ms = now_ms;
        next
    }

    /// What her phone may change in a reply: she reads it and answers it once; the
    /// reply itself, and an answer once given, are not hers to change. A phone that has
    /// not seen her answer from another phone sends no answer: the merge keeps it.
    pub fn device_may_write(&self, previous: Option<&Feedback>) -> Result<(), &'static str> {
        let Some(previous) = previous else {
            return Err("feedback is written by a coordinator");
        };
        let same_reply = self.visit_id == previous.visit_id
            && self.reply == previous.reply
            && self.replied_by == previous.replied_by
            && self.replied_at_ms == previous.replied_at_ms
            && !self.deleted;
        if !same_reply {
            return Err("only the coordinator changes her reply");
        }
        if previous.answered() && self.answered() && self.answer != previous.answer {
            return Err("this reply was answered already");
        }
        if previous.read_at_ms.is_some() && self.read_at_ms.is_none() {
            return Err("a read reply stays read");
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::kind::RecordKind;

    #[test]
    fn her_phone_reads_and_answers_once_and_changes_nothing_else() {
        let sent = Feedback {
            read_at_ms: None,
            answer: String::new(),
            answered_at_ms: None,
            ..Feedback::example()
        };
        assert!(sent.read_at(5).device_may_write(Some(&sent)).is_ok());
        let answered = sent.answered_with("Yes", 6);
        assert!(answered.device_may_write(Some(&sent)).is_ok());
        // Her other phone, which read it before the answer arrived, may still say so.
        assert!(sent.read_at(7).device_may_write(Some(&answered)).is_ok());
        assert!(sent
            .answered_with("No", 8)
            .device_may_write(Some(&answered))
            .is_err());
        let mut rewritten = answered.clone();
        rewritten.reply = "Something else".into();
        assert!(rewritten.device_may_write(Some(&answered)).is_err());
        assert!(
            sent.device_may_write(None).is_err(),
            "phones write no replies"
        );
        let mut unread = answered.clone();
        unread.read_at_ms = None;
        assert!(unread.device_may_write(Some(&answered)).is_err());
    }
}
