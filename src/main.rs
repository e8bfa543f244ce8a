//! pingxuan (评选): the yearly "Civilized and Harmonious Port" awards over one SQLite file.

mod chain;
mod change;
mod cli;
mod commands;
mod core;
mod csvin;
mod db;
mod documents;
mod export;
mod history;
mod i18n;
mod load;
mod messages;
mod notice_docx;
mod output;
mod overprint;
mod place;
mod progress;
mod sheetin;
mod store;
mod template;
mod values;
mod xlsxout;

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let args = cli::Cli::parse();
    if let Some(lang) = args.global.lang {
        i18n::set_lang(lang);
    }
    match commands::run(args.global, args.command) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            // The whole cause chain, most general first.
            let mut msg = format!("{}: {e}", i18n::tr("error", "错误"));
            for cause in e.chain().skip(1) {
                msg += &format!("\n  {}: {cause}", i18n::tr("caused by", "原因"));
            }
            if busy(&e) {
                msg += &format!(
                    "\n  {}",
                    i18n::tr(
                        "another pingxuan (or a program such as sqlite3) is writing to this database; try again when it has finished",
                        "另一个评选程序（或 sqlite3 等程序）正在写入此数据库，请待其完成后重试"
                    )
                );
            }
            output::say(&msg);
            ExitCode::from(1)
        }
    }
}

/// Whether the database was locked by another writer, somewhere in the cause chain.
fn busy(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        matches!(
            c.downcast_ref::<rusqlite::Error>(),
            Some(rusqlite::Error::SqliteFailure(f, _))
                if matches!(f.code, rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked)
        )
    })
}
