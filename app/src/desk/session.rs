//! Who is signed in at the workspace. The workspace keeps nothing in browser storage:
//! it asks the server once per page load (`GET /api/v1/session`), and takes the CSRF
//! token for its changes from that answer.

use crate::api::{Role, SessionInfo};
use crate::net::load;
use leptos::prelude::*;

/// The signed-in person as the server knows her; shared through context.
#[derive(Clone, Copy)]
pub struct DeskSession {
    /// `None` while asking; then her session or the problem code (`not_signed_in`…).
    pub answer: RwSignal<Option<Result<SessionInfo, String>>>,
}

impl DeskSession {
    /// Asks the server who is signed in and makes the answer available below.
    pub fn provide() -> DeskSession {
        let session = DeskSession {
            answer: load::<SessionInfo>(|| "/session".into()),
        };
        provide_context(session);
        session
    }

    /// Her session, once known.
    pub fn info(&self) -> Option<SessionInfo> {
        self.answer
            .with(|a| a.as_ref().and_then(|r| r.as_ref().ok().cloned()))
    }

    /// Her role, once known.
    pub fn role(&self) -> Option<Role> {
        self.answer
            .with(|a| a.as_ref().and_then(|r| r.as_ref().ok().map(|i| i.role)))
    }

    /// The token to send with every change.
    pub fn csrf(&self) -> Option<String> {
        self.answer.with_untracked(|a| {
            a.as_ref()
                .and_then(|r| r.as_ref().ok().map(|i| i.csrf.clone()))
        })
    }
}

/// The session handle of the workspace root.
pub fn use_session() -> DeskSession {
    expect_context::<DeskSession>()
}
