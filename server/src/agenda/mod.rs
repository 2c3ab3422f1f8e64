//! The meeting-group agenda on the server: coordinators (and a group's host) keep its
//! groups and sessions, which are records every phone of the organisation receives;
//! mothers read it through an unguessable, replaceable public link.

pub mod calendar;
pub mod page;
mod store;
pub mod words;

pub use store::{
    groups, link_of, new_link, organisation_of_link, public_path, save, sessions_from, snapshot,
    AgendaError, Snapshot,
};
