//! The command line: the program's name, its help, and where the global options and the
//! commands come from (`commands`, beside their handlers; `commands` does not look back here).

use clap::{CommandFactory, Parser};

use crate::commands::{Command, Global};
use crate::i18n::{Lang, help};

/// Runs the yearly "Civilized and Harmonious Port" awards (文明和谐口岸评选) over one database file.
///
/// The cycle, in order: term → org → nominate → panel → score → inspect → veto → rank →
/// award propose (公示) → objection → award grant.
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

/// The command tree in a language: the doc comments' English, or under Chinese the
/// catalogue's texts filled in (`i18n::help`).
pub fn command(lang: Lang) -> clap::Command {
    tree(lang, true)
}

/// The command tree in a language, with or without the `help` subcommands (the manual
/// pages leave them out): what `completions` and `man` are made from.
pub fn tree(lang: Lang, help_subcommand: bool) -> clap::Command {
    let cmd = Cli::command().disable_help_subcommand(!help_subcommand);
    match lang {
        Lang::En => cmd,
        Lang::Zh => help::localize(cmd),
    }
}
