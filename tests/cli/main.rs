//! Integration tests: the real binary in a temporary folder, all in one test binary.

mod assess;
mod common;
mod corrections;
mod cycle;
mod decide;
mod excel;
mod intake;
mod lang;
mod official;
mod procedure;
mod record;
mod report;
mod robust;
mod scale;
mod shell;
mod term;
