//! What several commands share: the arguments of a file import, naming the nominee of a file
//! row, the cells and words of listings and reports, and the words for a joint mean.

mod cells;
mod import;

pub use cells::*;
pub use import::*;
