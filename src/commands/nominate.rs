//! `nominate` (to be built).

use anyhow::Result;
use clap::Args;

use super::{Access, Ctx};
use crate::db::Db;

/// The nominate command.
#[derive(Args, Debug)]
pub struct NominateArgs {}

impl NominateArgs {
    pub fn access(&self) -> Access {
        Access::Read
    }
}

pub fn run(_ctx: &Ctx, _db: Option<&Db>, _args: NominateArgs) -> Result<()> {
    anyhow::bail!("not built yet")
}
