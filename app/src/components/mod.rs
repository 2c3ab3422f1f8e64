//! Reusable pieces of the interface.

pub mod draft;
pub mod form;
pub mod layout;
pub mod visit_card;
