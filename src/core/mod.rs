//! The rules of DOMAIN.md as pure functions over plain structs: no SQL, no printing, no clock.

pub mod assess;
pub mod award;
pub mod history;
pub mod inspection;
pub mod intake;
pub mod panel;
pub mod publicity;
pub mod rank;
pub mod report;
pub mod scheme;
pub mod stage;
pub mod text;
pub mod verify;
pub mod veto;
