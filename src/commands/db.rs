//! `db check` and `db backup`: the file as a whole, checked, and copied safely.

use std::path::PathBuf;

use anyhow::{Context, Result, bail};
use clap::{Args, Subcommand};
use rusqlite::{Connection, MAIN_DB, OpenFlags};

use super::Ctx;
use super::audit::{report, say_findings};
use crate::chain::verify::verify;
use crate::db::MIGRATIONS;
use crate::messages::say;
use crate::output::{put_in_place, say, temp_beside};

/// Check the database file, or copy it safely
///
/// Example:
///   pingxuan db check
///   pingxuan db backup 备份/口岸评选-2026-10-31.sqlite
#[derive(Args, Debug)]
#[command(verbatim_doc_comment)]
pub struct DbArgs {
    #[command(subcommand)]
    pub command: DbCommand,
}

#[derive(Subcommand, Debug)]
pub enum DbCommand {
    /// Check the whole file: SQLite's integrity and foreign-key checks, the schema version,
    /// and `audit verify` (the hash chain against every row)
    ///
    /// Exit 1 when anything is found.
    ///
    /// Example:
    ///   pingxuan --db 口岸评选.sqlite db check
    #[command(verbatim_doc_comment)]
    Check,
    /// Write a consistent single-file copy while others keep working, and verify the copy
    ///
    /// Uses SQLite's online backup, so a write in progress elsewhere is either wholly in the
    /// copy or not at all. The copy is written beside its destination and renamed into place
    /// only once it has passed `db check`.
    ///
    /// Example:
    ///   pingxuan db backup 备份/口岸评选-2026-10-31.sqlite
    #[command(verbatim_doc_comment)]
    Backup {
        /// The copy to write (never the database itself)
        file: PathBuf,
    },
}

pub fn run(ctx: &Ctx, args: DbArgs) -> Result<()> {
    match args.command {
        DbCommand::Check => check(ctx),
        DbCommand::Backup { file } => backup(ctx, &file),
    }
}

/// What SQLite says of the file itself: integrity, foreign keys, schema version.
fn file_problems(conn: &Connection) -> Result<Vec<String>> {
    let mut out = Vec::new();
    let mut st = conn.prepare("PRAGMA integrity_check")?;
    for line in st.query_map([], |r| r.get::<_, String>(0))? {
        let line = line?;
        if line != "ok" {
            out.push(say!(en("integrity: {line}"), zh("完整性：{line}")));
        }
    }
    let mut st = conn.prepare("PRAGMA foreign_key_check")?;
    let mut q = st.query([])?;
    while let Some(r) = q.next()? {
        let (table, rowid, parent): (String, Option<i64>, String) = (r.get(0)?, r.get(1)?, r.get(2)?);
        out.push(say!(
            en("the row {} of {table} points to a missing {parent}", rowid.unwrap_or(0)),
            zh("{table} 第 {} 行引用的 {parent} 不存在", rowid.unwrap_or(0))
        ));
    }
    let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    if version != MIGRATIONS.len() as i64 {
        out.push(say!(
            en("schema version {version}, expected {}", MIGRATIONS.len()),
            zh("数据库版本为 {version}，应为 {}", MIGRATIONS.len())
        ));
    }
    Ok(out)
}

fn check(ctx: &Ctx) -> Result<()> {
    let conn = ctx.read()?;
    let problems = file_problems(conn)?;
    for p in &problems {
        say(p);
    }
    let findings = verify(conn)?;
    say_findings(ctx, &findings)?;
    let n = problems.len() + findings.len();
    if n > 0 {
        bail!(
            "{}",
            say!(
                en("{}: {n} problem(s) found", ctx.db_path().display()),
                zh("{}：发现 {n} 个问题", ctx.db_path().display())
            )
        );
    }
    say(&say!(
        en(
            "{}: the file is whole, and every row agrees with the hash-chained record ({})",
            ctx.db_path().display(),
            report(conn)?
        ),
        zh(
            "{}：文件完整，每一行都与哈希链记录一致（{}）",
            ctx.db_path().display(),
            report(conn)?
        )
    ));
    Ok(())
}

fn backup(ctx: &Ctx, file: &std::path::Path) -> Result<()> {
    let conn = ctx.read()?;
    let tmp = temp_beside(file)?;
    conn.backup(MAIN_DB, tmp.path(), None::<fn(rusqlite::backup::Progress)>)
        .map_err(|e| crate::db::file_error(ctx.db_path(), e))
        .with_context(|| {
            say!(
                en("cannot copy the database to {}", file.display()),
                zh("无法复制数据库到 {}", file.display())
            )
        })?;
    let copy = Connection::open_with_flags(tmp.path(), OpenFlags::SQLITE_OPEN_READ_WRITE)?;
    // A copy is a file of its own: no write-ahead log beside it.
    copy.execute_batch("PRAGMA journal_mode = DELETE;")?;
    let mut problems = file_problems(&copy)?;
    problems.extend(verify(&copy)?.iter().map(super::audit::finding_text));
    drop(copy);
    if !problems.is_empty() {
        for p in &problems {
            say(p);
        }
        bail!(
            "{}",
            say!(
                en("the copy did not pass the check, so {} was not written", file.display()),
                zh("副本未通过检查，未写入 {}", file.display())
            )
        );
    }
    put_in_place(tmp, file)?;
    say(&say!(
        en(
            "{}: a checked copy of {} ({})",
            file.display(),
            ctx.db_path().display(),
            report(conn)?
        ),
        zh(
            "{}：{} 的副本，已检查（{}）",
            file.display(),
            ctx.db_path().display(),
            report(conn)?
        )
    ));
    Ok(())
}
