//! Integration tests: the real binary in a temporary folder, all in one test binary.

mod assess;
mod common;
mod corrections;
mod cycle;
mod decide;
mod intake;
mod procedure;
mod record;
mod robust;
mod term;
