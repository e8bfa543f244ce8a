//! `score` (to be built).

use anyhow::Result;
use clap::Args;

use super::{Access, Ctx};
use crate::db::Db;

/// The score command.
#[derive(Args, Debug)]
pub struct ScoreArgs {}

impl ScoreArgs {
    pub fn access(&self) -> Access {
        Access::Read
    }
}

pub fn run(_ctx: &Ctx, _db: Option<&Db>, _args: ScoreArgs) -> Result<()> {
    anyhow::bail!("not built yet")
}
