//! Routes each command to its handler, with the database opened once.

pub mod audit;
pub mod award;
pub mod common;
pub mod inspect;
pub mod nominate;
pub mod org;
pub mod rank;
pub mod score;
pub mod template;
pub mod term;
pub mod veto;

use std::path::PathBuf;

use anyhow::Result;

use crate::cli::{Cli, Command};
use crate::db::Db;
use crate::output::Format;

/// What every handler may need besides its own arguments.
pub struct Ctx {
    pub format: Format,
    pub term: Option<i32>,
    pub operator: String,
}

/// Whether a command reads or writes the database (a write creates the file).
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Access {
    Read,
    Write,
    /// Reads the database when there is one (a form is made with or without it).
    ReadIfThere,
}

fn db_path(cli: &Cli) -> PathBuf {
    cli.global
        .db
        .clone()
        .or_else(|| {
            std::env::var_os("PINGXUAN_DB")
                .filter(|v| !v.is_empty())
                .map(PathBuf::from)
        })
        .unwrap_or_else(|| PathBuf::from("pingxuan.sqlite"))
}

/// Commands that write a file of their own kind to --out, rather than a listing.
fn own_out(command: &Command) -> bool {
    match command {
        Command::Nominate(a) => matches!(a.command, nominate::NominateCommand::Template { .. }),
        Command::Template(_) => true,
        Command::Award(a) => matches!(
            a.command,
            award::AwardCommand::Notice { .. } | award::AwardCommand::Certificates { .. }
        ),
        Command::Term(a) => matches!(
            a.command,
            term::TermCommand::Scheme {
                action: Some(term::SchemeAction::Export)
            }
        ),
        _ => false,
    }
}

/// Commands that change records and also print a listing, which --out may take.
fn lists_after_writing(command: &Command) -> bool {
    match command {
        Command::Award(a) => matches!(a.command, award::AwardCommand::Grant { .. }),
        Command::Nominate(a) => matches!(a.command, nominate::NominateCommand::Verify { .. }),
        _ => false,
    }
}

/// With --out FILE for a listing, the form its ending names, checked before anything is done.
fn out_format(cli: &Cli, access: Access) -> Result<Option<Format>> {
    let Some(path) = &cli.global.out else {
        return Ok(None);
    };
    if own_out(&cli.command) {
        return Ok(None);
    }
    if access == Access::Write && !lists_after_writing(&cli.command) {
        anyhow::bail!(
            "{}",
            crate::i18n::tr(
                "this command prints no listing or report; --out is for listings and reports",
                "此命令不输出名单或报表；--out 用于名单和报表"
            )
        );
    }
    Ok(Some(crate::export::check(path)?.format()))
}

pub fn run(cli: Cli) -> Result<()> {
    let access = match &cli.command {
        Command::Term(a) => a.access(),
        Command::Org(a) => a.access(),
        Command::Nominate(a) => a.access(),
        Command::Score(a) => a.access(),
        Command::Inspect(a) => a.access(),
        Command::Veto(a) => a.access(),
        Command::Rank(_) | Command::Audit(_) => Access::Read,
        Command::Award(a) => a.access(),
        Command::Template(_) => Access::ReadIfThere,
    };
    let out_format = out_format(&cli, access)?;
    crate::export::set_out(cli.global.out.clone());
    let ctx = Ctx {
        format: out_format.or(cli.global.format).unwrap_or_default(),
        term: cli.global.term,
        operator: cli
            .global
            .operator
            .clone()
            .or_else(|| std::env::var("USER").ok())
            .filter(|s| !s.trim().is_empty())
            .unwrap_or_else(|| "clerk".to_string()),
    };
    let path = db_path(&cli);
    // A write to a file that does not exist yet creates it. If nothing was then committed to
    // it (the command failed, or was a dry run), the new file goes again: a refused first
    // command leaves nothing behind. Every committed change has its audit row, so an empty
    // audit record means no one, this process or another, has written to the file.
    let created = access == Access::Write && std::fs::symlink_metadata(&path).is_err();
    let db = match access {
        Access::Read => Some(Db::open(&path, false)?),
        Access::Write => Some(Db::open(&path, true)?),
        Access::ReadIfThere if path.exists() => Some(Db::open(&path, false)?),
        Access::ReadIfThere => None,
    };
    let result = dispatch(&ctx, db.as_ref(), cli.command).and_then(|()| crate::export::finish());
    if created
        && let Some(db) = db
        && db.untouched()
    {
        drop(db);
        for suffix in ["", "-wal", "-shm"] {
            let mut p = path.clone().into_os_string();
            p.push(suffix);
            let _ = std::fs::remove_file(p);
        }
    }
    result
}

fn dispatch(ctx: &Ctx, db: Option<&Db>, command: Command) -> Result<()> {
    match command {
        Command::Term(a) => term::run(ctx, db, a),
        Command::Org(a) => org::run(ctx, db, a),
        Command::Nominate(a) => nominate::run(ctx, db, a),
        Command::Score(a) => score::run(ctx, db, a),
        Command::Inspect(a) => inspect::run(ctx, db, a),
        Command::Veto(a) => veto::run(ctx, db, a),
        Command::Rank(a) => rank::run(ctx, db, a),
        Command::Award(a) => award::run(ctx, db, a),
        Command::Audit(a) => audit::run(ctx, db, a),
        Command::Template(a) => template::run(ctx, db, a),
    }
}

/// The database of a command that declared it needs one.
pub fn need(db: Option<&Db>) -> Result<&Db> {
    db.ok_or_else(|| anyhow::anyhow!("internal: this command did not declare that it uses the database"))
}
