//! Reusable pieces of the interface.

pub mod account_panel;
pub mod conflicts;
pub mod draft;
pub mod feedback;
pub mod form;
pub mod layout;
pub mod password_change;
pub mod prompt_panel;
pub mod show_mode;
pub mod sync_status;
pub mod visit_card;
