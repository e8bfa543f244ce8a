//! Routes each command to its handler. The database is opened when a handler first asks
//! for it: `read` to read, `change` to write; a command that needs none never opens it.

pub mod audit;
pub mod award;
pub mod common;
mod ctx;
pub mod db;
pub mod inspect;
pub mod nominate;
pub mod objection;
pub mod org;
pub mod panel;
pub mod rank;
pub mod report;
pub mod score;
pub mod shell;
pub mod status;
pub mod template;
pub mod term;
pub mod veto;

use std::path::PathBuf;

use anyhow::Result;
use clap::{Args, Subcommand};

pub use ctx::{Ctx, Source, shown_path};

use crate::i18n::Lang;
use crate::output::Format;

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
    /// Write the listing or report to FILE; its ending picks the form: .xlsx, .csv (with a BOM,
    /// for Excel), .json, .md, .html
    #[arg(long, global = true, value_name = "FILE")]
    pub out: Option<PathBuf>,
    /// Who acts, for the audit record (default $USER)
    #[arg(long, global = true, value_name = "NAME")]
    pub operator: Option<String>,
    /// Tables in full: no column shortened to fit the terminal, numbers exact
    #[arg(long, global = true)]
    pub wide: bool,
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
    Report(report::ReportArgs),
    Audit(audit::AuditArgs),
    Db(db::DbArgs),
    Template(template::TemplateArgs),
    /// Which database this folder uses, its terms, the open term's stage and what to do next
    ///
    /// Example:
    ///   pingxuan status
    ///   pingxuan --db port2026.sqlite status
    #[command(verbatim_doc_comment)]
    Status,
    Completions(shell::CompletionsArgs),
    Man(shell::ManArgs),
}

/// Commands that write a file of their own kind to --out, rather than a listing.
fn own_out(command: &Command) -> bool {
    match command {
        Command::Nominate(a) => matches!(a.command, nominate::NominateCommand::Template { .. }),
        Command::Template(_) | Command::Report(_) | Command::Man(_) => true,
        Command::Award(a) => matches!(
            a.command,
            award::AwardCommand::Notice { .. }
                | award::AwardCommand::Certificates { .. }
                | award::AwardCommand::Publicity { .. }
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

/// With --out FILE for a listing, the form its ending names, checked before anything is
/// done. Whether --out suits a command that writes is known when it first writes
/// (`Ctx::change`), which is still before anything is written.
fn out_format(global: &Global, command: &Command) -> Result<Option<Format>> {
    let Some(path) = &global.out else {
        return Ok(None);
    };
    if own_out(command) {
        return Ok(None);
    }
    Ok(Some(crate::export::check(path)?.format()))
}

pub fn run(global: Global, command: Command, tree: fn(crate::i18n::Lang, bool) -> clap::Command) -> Result<()> {
    let out_format = out_format(&global, &command)?;
    crate::output::set_table_layout(global.wide);
    let listing_out = out_format.is_some() && !lists_after_writing(&command);
    crate::export::set_out(global.out.clone());
    let ctx = Ctx::new(
        &global,
        out_format.or(global.format).unwrap_or_default(),
        listing_out,
        tree,
    )?;
    crate::output::protect(ctx.path());
    let result = dispatch(&ctx, command).and_then(|()| crate::export::finish());
    ctx.close();
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
        Command::Template(a) => template::run(ctx, a),
        Command::Report(a) => report::run(ctx, a),
        Command::Status => status::run(ctx),
        Command::Completions(a) => shell::completions(ctx, a),
        Command::Man(a) => shell::man(ctx, a),
    }
}
