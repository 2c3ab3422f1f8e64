//! One module per screen.

pub mod catalogue;
pub mod families;
pub mod family_form;
pub mod family_page;
pub mod review;
pub mod settings;
pub mod sign_in;
pub mod team;
pub mod visit_form;
pub mod visits;
