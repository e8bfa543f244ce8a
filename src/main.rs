//! pingxuan (评选): the yearly "Civilized and Harmonious Port" awards over one SQLite file.

mod cli;
mod commands;
mod core;
mod csvin;
mod db;
mod documents;
mod i18n;
mod load;
mod output;
mod store;
mod values;

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let args = cli::Cli::parse();
    if let Some(lang) = args.global.lang {
        i18n::set_lang(lang);
    }
    match commands::run(args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            // The whole cause chain, most general first.
            let mut msg = format!("{}: {e}", i18n::tr("error", "错误"));
            for cause in e.chain().skip(1) {
                msg += &format!("\n  {}: {cause}", i18n::tr("caused by", "原因"));
            }
            output::say(&msg);
            ExitCode::from(1)
        }
    }
}
