//! Routes each command to its handler. The database is opened when a handler first asks
//! for it: `read` to read, `change` to write; a command that needs none never opens it.

pub mod audit;
pub mod award;
pub mod common;
pub mod db;
pub mod inspect;
pub mod nominate;
pub mod objection;
pub mod org;
pub mod panel;
pub mod rank;
pub mod score;
pub mod term;
pub mod veto;

use std::cell::OnceCell;
use std::path::{Path, PathBuf};

use anyhow::Result;
use clap::{Args, Subcommand};
use rusqlite::Connection;

use crate::change::Change;
use crate::core::text::ONE_LINE;
use crate::db::{Db, Mode};
use crate::i18n::{Lang, tr};
use crate::output::Format;
use crate::values::check_text;

/// The options every command takes, before or after its name.
#[derive(Args, Debug, Clone)]
pub struct Global {
    /// The database file (else $PINGXUAN_DB, else ./pingxuan.sqlite)
    #[arg(long, global = true, value_name = "PATH")]
    pub db: Option<PathBuf>,
    /// The term to act on (default: the newest term that is not closed)
    #[arg(long, global = true, value_name = "YEAR")]
    pub term: Option<i32>,
    /// Output format of listings and reports
    #[arg(long, global = true, value_enum, value_name = "FORMAT")]
    pub format: Option<Format>,
    /// Language of messages, headers and documents (default from LC_ALL/LANG)
    #[arg(long, global = true, value_enum, value_name = "LANG")]
    pub lang: Option<Lang>,
    /// Who acts, for the audit record (default $USER)
    #[arg(long, global = true, value_name = "NAME")]
    pub operator: Option<String>,
}

/// The commands of the yearly cycle, in order; each one's arguments live beside its handler.
#[derive(Subcommand, Debug)]
pub enum Command {
    Term(term::TermArgs),
    Org(org::OrgArgs),
    Nominate(nominate::NominateArgs),
    Panel(panel::PanelArgs),
    Score(score::ScoreArgs),
    Inspect(inspect::InspectArgs),
    Veto(veto::VetoArgs),
    Rank(rank::RankArgs),
    Award(award::AwardArgs),
    Objection(objection::ObjectionArgs),
    Audit(audit::AuditArgs),
    Db(db::DbArgs),
}

/// What every handler may need besides its own arguments.
pub struct Ctx {
    pub format: Format,
    pub term: Option<i32>,
    pub operator: String,
    path: PathBuf,
    reader: OnceCell<Db>,
    writer: OnceCell<Db>,
    /// Whether this command made the file (so that it can go again if nothing was recorded).
    created: std::cell::Cell<bool>,
}

impl Ctx {
    /// The database, to read. Nothing is written to it, nor beside it.
    pub fn read(&self) -> Result<&Connection> {
        if let Some(db) = self.writer.get().or(self.reader.get()) {
            return Ok(&db.conn);
        }
        let db = Db::open(&self.path, Mode::Read)?;
        Ok(&self.reader.get_or_init(|| db).conn)
    }

    /// The database, to write: one change, recorded and finished by the handler.
    pub fn change(&self) -> Result<Change<'_>> {
        let db = match self.writer.get() {
            Some(db) => db,
            None => {
                if std::fs::symlink_metadata(&self.path).is_err() {
                    self.created.set(true);
                }
                let db = Db::open(&self.path, Mode::Write)?;
                self.writer.get_or_init(|| db)
            }
        };
        Change::begin(db, &self.operator)
    }

    /// The database file this command works on.
    pub fn db_path(&self) -> &Path {
        &self.path
    }
}

fn db_path(global: &Global) -> PathBuf {
    global
        .db
        .clone()
        .or_else(|| {
            std::env::var_os("PINGXUAN_DB")
                .filter(|v| !v.is_empty())
                .map(PathBuf::from)
        })
        .unwrap_or_else(|| PathBuf::from("pingxuan.sqlite"))
}

/// Who acts: --operator, else $USER, else $USERNAME (Windows), else "clerk". It goes on
/// every audit entry, so it is one clean line.
fn operator(global: &Global) -> Result<String> {
    let name = global
        .operator
        .clone()
        .or_else(|| std::env::var("USER").ok())
        .or_else(|| std::env::var("USERNAME").ok())
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| "clerk".to_string());
    check_text(
        tr("the operator (--operator or $USER)", "操作人（--operator 或 $USER）"),
        &name,
        ONE_LINE,
    )?;
    Ok(name)
}

pub fn run(global: Global, command: Command) -> Result<()> {
    let ctx = Ctx {
        format: global.format.unwrap_or_default(),
        term: global.term,
        operator: operator(&global)?,
        path: db_path(&global),
        reader: OnceCell::new(),
        writer: OnceCell::new(),
        created: std::cell::Cell::new(false),
    };
    crate::output::protect(&ctx.path);
    let result = dispatch(&ctx, command);
    // A file this command made, in which nothing was then committed (the command failed,
    // or was a dry run), goes again: a refused first command leaves nothing behind. Every
    // committed change has its audit entry, so an empty record means no one, this process
    // or another, has written to the file.
    if ctx.created.get()
        && let Some(db) = ctx.writer.get()
        && db.untouched()
    {
        let path = ctx.path.clone();
        drop(ctx);
        for suffix in ["", "-wal", "-shm"] {
            let mut p = path.clone().into_os_string();
            p.push(suffix);
            let _ = std::fs::remove_file(p);
        }
    }
    result
}

fn dispatch(ctx: &Ctx, command: Command) -> Result<()> {
    match command {
        Command::Term(a) => term::run(ctx, a),
        Command::Org(a) => org::run(ctx, a),
        Command::Nominate(a) => nominate::run(ctx, a),
        Command::Score(a) => score::run(ctx, a),
        Command::Inspect(a) => inspect::run(ctx, a),
        Command::Veto(a) => veto::run(ctx, a),
        Command::Panel(a) => panel::run(ctx, a),
        Command::Rank(a) => rank::run(ctx, a),
        Command::Award(a) => award::run(ctx, a),
        Command::Objection(a) => objection::run(ctx, a),
        Command::Audit(a) => audit::run(ctx, a),
        Command::Db(a) => db::run(ctx, a),
    }
}
