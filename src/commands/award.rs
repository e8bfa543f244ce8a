//! `award` (to be built).

use anyhow::Result;
use clap::Args;

use super::{Access, Ctx};
use crate::db::Db;

/// The award command.
#[derive(Args, Debug)]
pub struct AwardArgs {}

impl AwardArgs {
    pub fn access(&self) -> Access {
        Access::Read
    }
}

pub fn run(_ctx: &Ctx, _db: Option<&Db>, _args: AwardArgs) -> Result<()> {
    anyhow::bail!("not built yet")
}
