//! Integration tests: the real binary in a temporary folder, all in one test binary.

mod common;
mod intake;
mod term;
