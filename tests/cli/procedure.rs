//! The procedure around the scores: vetoes against units, the panel, 公示 and objections.

mod history;
mod panel;
mod publicity;
mod rules;
mod unit_veto;
