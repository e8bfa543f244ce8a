//! `veto` (to be built).

use anyhow::Result;
use clap::Args;

use super::{Access, Ctx};
use crate::db::Db;

/// The veto command.
#[derive(Args, Debug)]
pub struct VetoArgs {}

impl VetoArgs {
    pub fn access(&self) -> Access {
        Access::Read
    }
}

pub fn run(_ctx: &Ctx, _db: Option<&Db>, _args: VetoArgs) -> Result<()> {
    anyhow::bail!("not built yet")
}
