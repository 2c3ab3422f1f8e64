//! The volunteer's screens, one module each (the coordinator's are in `crate::desk`).

pub mod agenda;
pub mod families;
pub mod family_form;
pub mod family_page;
pub mod feedback;
pub mod settings;
pub mod sign_in;
pub mod visit_form;
pub mod visits;
