//! The context of one run: the output format, the term, who acts, and the database file,
//! opened lazily to read or to write (only `term open` makes one).

use std::cell::OnceCell;
use std::path::{Path, PathBuf};

use anyhow::Result;
use rusqlite::Connection;

use super::Global;
use crate::change::Change;
use crate::core::text::ONE_LINE;
use crate::db::{Db, Mode};
use crate::i18n::{Lang, tr};
use crate::messages::say;
use crate::output::Format;
use crate::values::check_text;

/// What every handler may need besides its own arguments.
pub struct Ctx {
    pub format: Format,
    pub term: Option<i32>,
    pub operator: String,
    path: PathBuf,
    source: Source,
    reader: OnceCell<Db>,
    writer: OnceCell<Db>,
    /// Whether this command made the file (so that it can go again if nothing was recorded).
    created: std::cell::Cell<bool>,
    /// --out names a listing file, which a command that changes records does not print.
    listing_out: bool,
    /// The whole command line as clap defines it, in a language, with or without the `help`
    /// subcommands: what completions and the manual pages are made from (given by the
    /// caller, which defines the command line).
    pub tree: fn(crate::i18n::Lang, bool) -> clap::Command,
}

impl Ctx {
    /// The context of a run from the global options: the database file is not opened yet.
    pub(super) fn new(
        global: &Global,
        format: Format,
        listing_out: bool,
        tree: fn(Lang, bool) -> clap::Command,
    ) -> Result<Ctx> {
        let (path, source) = db_path(global);
        Ok(Ctx {
            format,
            term: global.term,
            operator: operator(global)?,
            path,
            source,
            reader: OnceCell::new(),
            writer: OnceCell::new(),
            created: std::cell::Cell::new(false),
            listing_out,
            tree,
        })
    }

    /// The database file this run acts on.
    pub(super) fn path(&self) -> &Path {
        &self.path
    }

    /// The end of a run: a command that wrote names the file it wrote, once; a file this
    /// command made, in which nothing was then committed (the command failed, or was a dry
    /// run), goes again, so that a refused first command leaves nothing behind. Every
    /// committed change has its audit entry, so an empty record means no one, this process or
    /// another, has written to the file.
    pub(super) fn close(self) {
        if self.writer.get().is_some_and(|db| db.wrote.get()) {
            let shown = shown_path(&self.path);
            crate::output::say(&say!(en("written to {shown}"), zh("已写入 {shown}")));
        }
        if self.created.get()
            && let Some(db) = self.writer.get()
            && db.untouched()
        {
            let path = self.path.clone();
            drop(self);
            for suffix in ["", "-wal", "-shm"] {
                let mut p = path.clone().into_os_string();
                p.push(suffix);
                let _ = std::fs::remove_file(p);
            }
        }
    }

    /// The database, to read. Nothing is written to it, nor beside it.
    pub fn read(&self) -> Result<&Connection> {
        if let Some(db) = self.writer.get().or(self.reader.get()) {
            return Ok(&db.conn);
        }
        self.require_file()?;
        let db = Db::open(&self.path, Mode::Read)?;
        Ok(&self.reader.get_or_init(|| db).conn)
    }

    /// The database, to write: one change, recorded and finished by the handler. The
    /// database must exist: only `term open` makes one (`create`).
    pub fn change(&self) -> Result<Change<'_>> {
        if self.listing_out {
            anyhow::bail!(
                "{}",
                tr(
                    "this command prints no listing or report; --out is for listings and reports",
                    "此命令不输出名单或报表；--out 用于名单和报表"
                )
            );
        }
        let db = match self.writer.get() {
            Some(db) => db,
            None => {
                self.require_file()?;
                let db = Db::open(&self.path, Mode::Write)?;
                self.writer.get_or_init(|| db)
            }
        };
        Change::begin(db, &self.operator)
    }

    /// The database, to write, made when missing: for `term open` alone.
    pub fn create(&self) -> Result<Change<'_>> {
        let db = match self.writer.get() {
            Some(db) => db,
            None => {
                if std::fs::symlink_metadata(&self.path).is_err() {
                    self.created.set(true);
                }
                let db = Db::open(&self.path, Mode::Create)?;
                self.writer.get_or_init(|| db)
            }
        };
        Change::begin(db, &self.operator)
    }

    /// Refuses a missing database, naming the file looked for, where its name came from,
    /// and how to name another.
    fn require_file(&self) -> Result<()> {
        if std::fs::symlink_metadata(&self.path).is_ok() {
            return Ok(());
        }
        anyhow::bail!("{}", self.missing());
    }

    /// What a clerk is told when there is no database where this command looked.
    pub fn missing(&self) -> String {
        let shown = shown_path(&self.path);
        let how = match self.source {
            Source::Flag => tr("named by --db", "由 --db 指定"),
            Source::Env => tr("named by PINGXUAN_DB", "由 PINGXUAN_DB 指定"),
            Source::Default => tr(
                "the default: pingxuan.sqlite in the current folder",
                "默认：当前文件夹中的 pingxuan.sqlite",
            ),
        };
        say!(
            en(
                "no database at {shown} ({how}).\n  To use another file, give --db FILE, or set PINGXUAN_DB=FILE.\n  To start a new database here, open the year's term: pingxuan term open YEAR"
            ),
            zh(
                "找不到数据库 {shown}（{how}）。\n  使用其他文件：加 --db 文件，或设置环境变量 PINGXUAN_DB=文件。\n  在此新建数据库：开启年度届期 pingxuan term open 年份"
            )
        )
    }

    /// The database file this command works on.
    pub fn db_path(&self) -> &Path {
        &self.path
    }

    /// The database to read when there is one: forms are made with or without it.
    pub fn read_if_there(&self) -> Result<Option<&Connection>> {
        if self.writer.get().is_none() && self.reader.get().is_none() && !self.path.exists() {
            return Ok(None);
        }
        self.read().map(Some)
    }

    /// Where the database's name came from.
    pub fn db_source(&self) -> Source {
        self.source
    }
}

/// Where the database's name came from: the clerk in the wrong folder is told which.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Source {
    Flag,
    Env,
    Default,
}

fn db_path(global: &Global) -> (PathBuf, Source) {
    if let Some(p) = global.db.clone() {
        return (p, Source::Flag);
    }
    match std::env::var_os("PINGXUAN_DB").filter(|v| !v.is_empty()) {
        Some(p) => (PathBuf::from(p), Source::Env),
        None => (PathBuf::from("pingxuan.sqlite"), Source::Default),
    }
}

/// The file as a clerk finds it: the full path, so that the folder shows too.
pub fn shown_path(path: &Path) -> String {
    std::path::absolute(path)
        .unwrap_or_else(|_| path.to_path_buf())
        .display()
        .to_string()
}

/// Who acts: --operator, else $USER, else $USERNAME (Windows), else "clerk". It goes on
/// every audit entry, so it is one clean line.
fn operator(global: &Global) -> Result<String> {
    let name = operator_name(global.operator.clone(), |k| std::env::var(k).ok())
        .trim()
        .to_string();
    check_text(
        tr("the operator (--operator or $USER)", "操作人（--operator 或 $USER）"),
        &name,
        ONE_LINE,
    )?;
    Ok(name)
}

/// Who acts: `--operator`, else `$USER` (Unix), else `%USERNAME%` (Windows, which has no
/// `USER`), else "clerk". A blank name counts as none.
fn operator_name(given: Option<String>, get: impl Fn(&str) -> Option<String>) -> String {
    let named = |v: &String| !v.trim().is_empty();
    given
        .or_else(|| ["USER", "USERNAME"].iter().find_map(|k| get(k).filter(named)))
        .filter(named)
        .unwrap_or_else(|| "clerk".to_string())
}

#[cfg(test)]
mod tests {
    use super::operator_name as operator;

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
