//! The command line: global options and the commands of the yearly cycle, in order.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

use crate::commands::{audit, award, db, inspect, nominate, objection, org, panel, rank, score, term, veto};
use crate::i18n::Lang;
use crate::output::Format;

/// Runs the yearly "Civilized and Harmonious Port" awards (文明和谐口岸评选) over one database file.
///
/// The cycle, in order: term → org → nominate → score → inspect → veto → rank → award.
///
/// Example:
///   pingxuan --db port2026.sqlite term open 2026
///   pingxuan --db port2026.sqlite rank --category window
#[derive(Parser, Debug)]
#[command(
    name = "pingxuan",
    version,
    propagate_version = true,
    max_term_width = 100,
    verbatim_doc_comment
)]
pub struct Cli {
    #[command(flatten)]
    pub global: Global,
    #[command(subcommand)]
    pub command: Command,
}

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
