//! `audit` (to be built).

use anyhow::Result;
use clap::Args;

use super::{Access, Ctx};
use crate::db::Db;

/// The audit command.
#[derive(Args, Debug)]
pub struct AuditArgs {}

impl AuditArgs {
    pub fn access(&self) -> Access {
        Access::Read
    }
}

pub fn run(_ctx: &Ctx, _db: Option<&Db>, _args: AuditArgs) -> Result<()> {
    anyhow::bail!("not built yet")
}
