//! `rank` (to be built).

use anyhow::Result;
use clap::Args;

use super::{Access, Ctx};
use crate::db::Db;

/// The rank command.
#[derive(Args, Debug)]
pub struct RankArgs {}

impl RankArgs {
    pub fn access(&self) -> Access {
        Access::Read
    }
}

pub fn run(_ctx: &Ctx, _db: Option<&Db>, _args: RankArgs) -> Result<()> {
    anyhow::bail!("not built yet")
}
