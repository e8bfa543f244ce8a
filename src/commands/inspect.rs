//! `inspect` (to be built).

use anyhow::Result;
use clap::Args;

use super::{Access, Ctx};
use crate::db::Db;

/// The inspect command.
#[derive(Args, Debug)]
pub struct InspectArgs {}

impl InspectArgs {
    pub fn access(&self) -> Access {
        Access::Read
    }
}

pub fn run(_ctx: &Ctx, _db: Option<&Db>, _args: InspectArgs) -> Result<()> {
    anyhow::bail!("not built yet")
}
