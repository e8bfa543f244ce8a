//! Routes each command to its handler, with the database opened once.

pub mod audit;
pub mod award;
pub mod common;
pub mod inspect;
pub mod nominate;
pub mod org;
pub mod rank;
pub mod score;
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
    None,
    Read,
    Write,
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

/// Who acts: `--operator`, else `$USER` (Unix), else `%USERNAME%` (Windows, which has no
/// `USER`), else "clerk". A blank name counts as none.
fn operator(given: Option<String>, get: impl Fn(&str) -> Option<String>) -> String {
    let named = |v: &String| !v.trim().is_empty();
    given
        .or_else(|| ["USER", "USERNAME"].iter().find_map(|k| get(k).filter(named)))
        .filter(named)
        .unwrap_or_else(|| "clerk".to_string())
}

pub fn run(cli: Cli) -> Result<()> {
    let ctx = Ctx {
        format: cli.global.format.unwrap_or_default(),
        term: cli.global.term,
        operator: operator(cli.global.operator.clone(), |k| std::env::var(k).ok()),
    };
    let access = match &cli.command {
        Command::Term(a) => a.access(),
        Command::Org(a) => a.access(),
        Command::Nominate(a) => a.access(),
        Command::Score(a) => a.access(),
        Command::Inspect(a) => a.access(),
        Command::Veto(a) => a.access(),
        Command::Rank(_) | Command::Audit(_) => Access::Read,
        Command::Award(a) => a.access(),
    };
    let path = db_path(&cli);
    // A write to a file that does not exist yet creates it. If nothing was then committed to
    // it (the command failed, or was a dry run), the new file goes again: a refused first
    // command leaves nothing behind. Every committed change has its audit row, so an empty
    // audit record means no one, this process or another, has written to the file.
    let created = access == Access::Write && std::fs::symlink_metadata(&path).is_err();
    let db = match access {
        Access::None => None,
        Access::Read => Some(Db::open(&path, false)?),
        Access::Write => Some(Db::open(&path, true)?),
    };
    let result = dispatch(&ctx, db.as_ref(), cli.command);
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
    }
}

/// The database of a command that declared it needs one.
pub fn need(db: Option<&Db>) -> Result<&Db> {
    db.ok_or_else(|| anyhow::anyhow!("internal: this command did not declare that it uses the database"))
}

#[cfg(test)]
mod tests {
    use super::operator;

    #[test]
    fn the_operator_is_user_else_username_else_clerk() {
        let env = |pairs: &'static [(&'static str, &'static str)]| {
            move |k: &str| pairs.iter().find(|(n, _)| *n == k).map(|(_, v)| v.to_string())
        };
        let both = env(&[("USER", "wang"), ("USERNAME", "张晓梅")]);
        assert_eq!(operator(None, both), "wang");
        assert_eq!(operator(Some("李主任".into()), both), "李主任");
        // Windows: no USER, the account name in USERNAME.
        assert_eq!(operator(None, env(&[("USERNAME", "张晓梅")])), "张晓梅");
        assert_eq!(operator(None, env(&[("USER", " "), ("USERNAME", "张晓梅")])), "张晓梅");
        assert_eq!(operator(None, env(&[])), "clerk");
        assert_eq!(operator(Some(" ".into()), env(&[("USER", "wang")])), "clerk");
    }
}
