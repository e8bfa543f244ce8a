//! `org` (to be built).

use anyhow::Result;
use clap::Args;

use super::{Access, Ctx};
use crate::db::Db;

/// The org command.
#[derive(Args, Debug)]
pub struct OrgArgs {}

impl OrgArgs {
    pub fn access(&self) -> Access {
        Access::Read
    }
}

pub fn run(_ctx: &Ctx, _db: Option<&Db>, _args: OrgArgs) -> Result<()> {
    anyhow::bail!("not built yet")
}
