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
mod ooxml;
mod output;
mod place;
mod progress;
mod sheetin;
mod store;
mod values;
mod wording;
mod xlsxout;

use std::process::ExitCode;

use clap::FromArgMatches;

use crate::i18n::Lang;

fn main() -> ExitCode {
    let argv: Vec<std::ffi::OsString> = std::env::args_os().collect();
    // The language is known before parsing: the help and the usage errors are in it.
    if let Some(lang) = i18n::lang_arg(&argv) {
        i18n::set_lang(lang);
    }
    // Parsed with the English tree, which costs nothing to make; the Chinese one is made
    // only for what it shows: the help, the version, a usage error.
    let parse = |cmd: &mut clap::Command| {
        cmd.try_get_matches_from_mut(argv.iter())
            .and_then(|m| cli::Cli::from_arg_matches(&m).map_err(|e| e.format(cmd)))
    };
    let mut cmd = cli::command(Lang::En);
    let args = match parse(&mut cmd) {
        Ok(args) => args,
        Err(e) if i18n::lang() == Lang::En => return usage_error(&e, &cmd),
        Err(_) => {
            let mut cmd = cli::command(Lang::Zh);
            match parse(&mut cmd) {
                Ok(args) => args,
                Err(e) => return usage_error(&e, &cmd),
            }
        }
    };
    match commands::run(args.global, args.command, cli::tree) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            // The whole cause chain, most general first; the system's errors in the language.
            let os = os_errors(&e);
            let mut msg = format!("{}{}", i18n::tr("error: ", "错误："), said(&e.to_string(), &os));
            for cause in e.chain().skip(1) {
                msg += &format!(
                    "\n  {}{}",
                    i18n::tr("caused by: ", "原因："),
                    said(&cause.to_string(), &os)
                );
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

/// A usage error, `--help` or `--version`: clap's own output in English, and under Chinese
/// the help of the Chinese tree, or the error said in Chinese. Exit 2 for an error, 0 for
/// the help and the version.
fn usage_error(e: &clap::Error, cmd: &clap::Command) -> ExitCode {
    use clap::error::ErrorKind;
    let code = ExitCode::from(e.exit_code().clamp(0, 255) as u8);
    let clap_says = matches!(
        e.kind(),
        ErrorKind::DisplayHelp | ErrorKind::DisplayVersion | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand
    );
    if i18n::lang() == Lang::En || clap_says {
        let _ = e.print();
        return code;
    }
    output::say(&format!(
        "{}{}",
        i18n::tr("error: ", "错误："),
        i18n::usage::render(e, cmd)
    ));
    code
}

/// The system's errors in the cause chain, with what they say in the language: under
/// Chinese, "没有那个文件或目录（os error 2）" for "No such file or directory (os error 2)".
fn os_errors(e: &anyhow::Error) -> Vec<(String, String)> {
    if i18n::lang() == Lang::En {
        return Vec::new();
    }
    e.chain()
        .filter_map(|c| c.downcast_ref::<std::io::Error>())
        .filter_map(|io| Some((io.to_string(), i18n::os_error_zh(io)?)))
        .collect()
}

/// A message of the chain with the system's errors in it said in the language: a message
/// may carry its cause's text as well.
fn said(message: &str, os: &[(String, String)]) -> String {
    os.iter()
        .fold(message.to_string(), |m, (english, zh)| m.replace(english.as_str(), zh))
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
