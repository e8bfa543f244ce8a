//! The database file: opening it to read or to write, its identity, the migrations, and
//! telling apart what can go wrong with a file (not ours, damaged, busy, disk full).

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};
use rusqlite::hooks::Action;
use rusqlite::{Connection, ErrorCode, OpenFlags, Transaction, TransactionBehavior};

use crate::chain;
use crate::i18n::{both, tr};

/// Marks a SQLite file as a pingxuan database (`PRAGMA application_id`): "PXUA".
pub const APPLICATION_ID: i32 = 0x5058_5541;

/// One step of a migration: SQL, or work that needs code (hashing the history, say).
pub enum Step {
    Sql(&'static str),
    Code(fn(&Connection) -> Result<()>),
}

/// The schema migrations, applied in order, each in one transaction; `PRAGMA user_version`
/// counts how many ran. Append only: a released migration never changes.
pub const MIGRATIONS: &[&[Step]] = &[
    &[Step::Sql(include_str!("../schema.sql"))],
    &[
        Step::Sql(include_str!("../migrations/0002_chain.sql")),
        Step::Code(chain::seal_history),
        Step::Sql(include_str!("../migrations/0002_chain_guard.sql")),
    ],
    &[Step::Sql(include_str!(
        "../migrations/0003_nomination_serial_widens.sql"
    ))],
    &[Step::Sql(include_str!("../migrations/0004_unit_veto.sql"))],
    &[Step::Sql(include_str!("../migrations/0005_panel.sql"))],
    &[Step::Sql(include_str!("../migrations/0006_publicity.sql"))],
    &[Step::Sql(include_str!("../migrations/0007_scheme_groups.sql"))],
    &[
        Step::Sql(include_str!("../migrations/0008_auditor_views.sql")),
        Step::Sql(include_str!("../migrations/0008_document_number.sql")),
    ],
    &[Step::Sql(include_str!("../migrations/0009_sheet_insert_guard.sql"))],
];

/// How long a clerk waits for another clerk's write before giving up, unless
/// `PINGXUAN_WAIT` (seconds) says otherwise: long enough for the longest import.
const DEFAULT_WAIT: Duration = Duration::from_secs(600);

/// A row that a write touched, as SQLite's update hook reports it.
#[derive(Clone, Debug)]
pub struct Touch {
    pub table: String,
    pub rowid: i64,
    pub inserted: bool,
}

pub struct Db {
    pub conn: Connection,
    pub path: PathBuf,
    /// Rows written since the last audit entry; only a writing connection collects them.
    pub touched: Arc<Mutex<Vec<Touch>>>,
    /// Whether a change was committed through this connection (the command names the file).
    pub wrote: std::cell::Cell<bool>,
}

/// Whether a file is opened to read only, to write, or to write and make it when missing
/// (only `term open` makes a database: any other command in the wrong folder must not
/// start a second, empty one).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Mode {
    Read,
    Write,
    Create,
}

impl Db {
    /// Opens the database at `path`. To create, a missing or empty file becomes a new
    /// database; to read or write, it is an error, and nothing is written: no schema, no journal.
    /// A file that is not a pingxuan database, or one written by a newer version, is
    /// refused before anything is written to it. A database of an earlier version is
    /// brought up to date (that is a write, and it is recorded).
    pub fn open(path: &Path, mode: Mode) -> Result<Db> {
        let meta = std::fs::metadata(path);
        match &meta {
            Err(_) if mode != Mode::Create => bail!(
                "{} {}: {}",
                tr("no database at", "找不到数据库"),
                path.display(),
                tr(
                    "start the year with `pingxuan term open YEAR`, or name the file with --db or PINGXUAN_DB",
                    "请先用 `pingxuan term open 年份` 开启届期，或用 --db 或 PINGXUAN_DB 指定数据库文件"
                )
            ),
            Ok(m) if m.is_dir() => bail!(
                "{} {}",
                path.display(),
                tr("is a folder, not a database file", "是文件夹，不是数据库文件")
            ),
            Ok(m) if !m.is_file() => bail!(
                "{} {}",
                path.display(),
                tr(
                    "is not a regular file (a device or a pipe), so it cannot be a database; it was left unchanged",
                    "不是普通文件（设备或管道），不能作为数据库；文件未作任何改动"
                )
            ),
            Ok(m) if m.len() == 0 && mode != Mode::Create => bail!(
                "{} {}",
                path.display(),
                tr(
                    "is an empty file, not a pingxuan database; it was left unchanged",
                    "是空文件，不是评选数据库；文件未作任何改动"
                )
            ),
            _ => {}
        }
        let db = match mode {
            Mode::Write => Db::open_write(path, false)?,
            Mode::Create => Db::open_write(path, true)?,
            Mode::Read => match Db::open_read(path, false) {
                // In a read-only folder SQLite cannot make the shared-memory file that a
                // WAL database reads through. Every write ends with a checkpoint, so the
                // main file holds everything: read it as it stands.
                Err(e) if is_code(&e, ErrorCode::CannotOpen) || is_code(&e, ErrorCode::ReadOnly) => {
                    Db::open_read(path, true)?
                }
                r => r?,
            },
        };
        Ok(db)
    }

    fn open_write(path: &Path, create: bool) -> Result<Db> {
        let mut flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        if create {
            flags |= OpenFlags::SQLITE_OPEN_CREATE;
        }
        let mut conn = Connection::open_with_flags(path, flags).map_err(|e| file_error(path, e))?;
        wait_for_others(&mut conn, path)?;
        let touched = Arc::new(Mutex::new(Vec::new()));
        let log = Arc::clone(&touched);
        conn.update_hook(Some(move |action: Action, db: &str, table: &str, rowid: i64| {
            if db == "main" && chain::tracked(table) {
                let inserted = matches!(action, Action::SQLITE_INSERT);
                if let Ok(mut l) = log.lock() {
                    l.push(Touch {
                        table: table.to_string(),
                        rowid,
                        inserted,
                    });
                }
            }
        }))?;
        let db = Db {
            conn,
            path: path.to_path_buf(),
            touched,
            wrote: std::cell::Cell::new(false),
        };
        // Identity first, with reads only: a foreign file must be left exactly as it was.
        let fresh = db.check_identity()?;
        if fresh && !create {
            // Emptied by another program since the check above: not a database to write to.
            bail!(
                "{} {}",
                path.display(),
                tr(
                    "is an empty file, not a pingxuan database; it was left unchanged",
                    "是空文件，不是评选数据库；文件未作任何改动"
                )
            );
        }
        db.conn
            // temp_store: each statement of a write keeps what it changed in a statement
            // journal until it is done; in memory, not in a temporary file written page by page.
            .execute_batch(
                "PRAGMA foreign_keys = ON; PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA temp_store = MEMORY;",
            )
            .map_err(|e| file_error(path, e))
            .context(tr("setting up the database connection", "设置数据库连接"))?;
        db.plan_stably()?;
        if fresh || db.user_version()? < MIGRATIONS.len() as i64 {
            db.migrate()?;
        }
        Ok(db)
    }

    fn open_read(path: &Path, immutable: bool) -> Result<Db> {
        let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX | OpenFlags::SQLITE_OPEN_URI;
        let target = if immutable {
            format!("file:{}?immutable=1", uri_path(path))
        } else {
            format!("file:{}?mode=ro", uri_path(path))
        };
        let mut conn = Connection::open_with_flags(&target, flags).map_err(|e| file_error(path, e))?;
        wait_for_others(&mut conn, path)?;
        let db = Db {
            conn,
            path: path.to_path_buf(),
            touched: Arc::new(Mutex::new(Vec::new())),
            wrote: std::cell::Cell::new(false),
        };
        db.check_identity()?;
        db.conn
            .execute_batch("PRAGMA foreign_keys = ON;")
            .map_err(|e| file_error(path, e))?;
        db.plan_stably()?;
        if db.user_version()? < MIGRATIONS.len() as i64 {
            // An earlier version's database: bring it up to date once, then read.
            drop(db);
            let upgraded = Db::open_write(path, false)?;
            crate::output::say(&both(
                format!("{}: brought up to date with this version of pingxuan", path.display()),
                format!("{}：已升级到本版本的数据库格式", path.display()),
            ));
            return Ok(upgraded);
        }
        Ok(db)
    }

    /// With the query planner stability guarantee a cached statement keeps its plan when
    /// its parameters are cleared; without it SQLite recompiles the nominee lookup on every
    /// row of an import.
    fn plan_stably(&self) -> Result<()> {
        self.conn
            .set_db_config(rusqlite::config::DbConfig::SQLITE_DBCONFIG_ENABLE_QPSG, true)
            .context(tr("setting up the database connection", "设置数据库连接"))?;
        Ok(())
    }

    pub fn user_version(&self) -> Result<i64> {
        self.conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .map_err(|e| file_error(&self.path, e))
    }

    /// Returns true for an empty file (a new database); errors for anything foreign.
    fn check_identity(&self) -> Result<bool> {
        let read = |sql: &str| -> Result<i64> {
            self.conn
                .query_row(sql, [], |r| r.get(0))
                .map_err(|e| file_error(&self.path, e))
        };
        let app_id = read("PRAGMA application_id")?;
        let version = read("PRAGMA user_version")?;
        let objects = read("SELECT count(*) FROM sqlite_schema")?;
        if app_id == 0 && version == 0 && objects == 0 {
            return Ok(true);
        }
        if app_id != i64::from(APPLICATION_ID) {
            bail!(not_ours(&self.path));
        }
        if version > MIGRATIONS.len() as i64 {
            bail!(
                "{} {} (schema {version}; {} {})",
                self.path.display(),
                tr(
                    "was written by a newer version of pingxuan; upgrade pingxuan to use it",
                    "由更新版本的评选程序写入，请升级后再使用"
                ),
                tr("this version knows up to", "本版本支持到"),
                MIGRATIONS.len()
            );
        }
        Ok(false)
    }

    fn migrate(&self) -> Result<()> {
        // A migration may rebuild a table that others refer to, which SQLite allows only with
        // foreign keys off (it cannot be switched inside a transaction); each migration checks
        // them itself before it commits.
        self.conn.execute_batch("PRAGMA foreign_keys = OFF")?;
        let done = self.migrate_each();
        self.conn
            .execute_batch("PRAGMA foreign_keys = ON")
            .context(tr("setting up the database connection", "设置数据库连接"))?;
        done
    }

    fn migrate_each(&self) -> Result<()> {
        for (i, steps) in MIGRATIONS.iter().enumerate() {
            let tx = self.begin()?;
            // Read inside the write lock: another process may have migrated meanwhile.
            if self.user_version()? as usize > i {
                continue;
            }
            let applying = || {
                both(
                    format!("applying schema migration {}", i + 1),
                    format!("执行数据库升级 {}", i + 1),
                )
            };
            for step in *steps {
                match step {
                    Step::Sql(sql) => tx.execute_batch(sql).with_context(applying)?,
                    Step::Code(f) => f(&tx).with_context(applying)?,
                }
            }
            let broken: i64 = tx.query_row("SELECT count(*) FROM pragma_foreign_key_check", [], |r| r.get(0))?;
            if broken > 0 {
                bail!(
                    "{}",
                    both(
                        format!(
                            "schema migration {}: {broken} rows refer to rows that are missing",
                            i + 1
                        ),
                        format!("数据库升级 {}：有 {broken} 行引用的记录不存在", i + 1)
                    )
                );
            }
            tx.pragma_update(None, "application_id", APPLICATION_ID)?;
            tx.pragma_update(None, "user_version", (i + 1) as i64)?;
            tx.commit()
                .map_err(|e| file_error(&self.path, e))
                .with_context(applying)?;
        }
        // The hook collected the rows the migration wrote; they are sealed already.
        self.take_touched();
        Ok(())
    }

    /// Starts the one `BEGIN IMMEDIATE` transaction of a write.
    pub fn begin(&self) -> Result<Transaction<'_>> {
        Transaction::new_unchecked(&self.conn, TransactionBehavior::Immediate)
            .map_err(|e| file_error(&self.path, e))
            .context(tr("starting a write", "开始写入"))
    }

    /// The rows written since the last call.
    pub fn take_touched(&self) -> Vec<Touch> {
        self.touched
            .lock()
            .map(|mut l| std::mem::take(&mut *l))
            .unwrap_or_default()
    }

    /// True when nothing has ever been recorded in this database: no audit row, no term.
    pub fn untouched(&self) -> bool {
        self.conn
            .query_row(
                "SELECT NOT EXISTS (SELECT 1 FROM audit) AND NOT EXISTS (SELECT 1 FROM term)",
                [],
                |r| r.get(0),
            )
            .unwrap_or(false)
    }

    /// Moves everything committed from the write-ahead log into the main file, so that a
    /// copy of the file alone holds it. Another reader may hold the log open; then the next
    /// write finishes the job.
    pub fn checkpoint(&self) {
        let _ = self.conn.execute_batch("PRAGMA wal_checkpoint(TRUNCATE);");
    }
}

/// The busy handler: wait for another clerk's write, say so after a second, give up after
/// `PINGXUAN_WAIT` seconds (default ten minutes).
fn wait_for_others(conn: &mut Connection, path: &Path) -> Result<()> {
    let limit = std::env::var("PINGXUAN_WAIT")
        .ok()
        .and_then(|v| v.trim().parse::<f64>().ok())
        .filter(|s| s.is_finite() && *s >= 0.0)
        .map(Duration::from_secs_f64)
        .unwrap_or(DEFAULT_WAIT);
    let name = path.display().to_string();
    let mut started = Instant::now();
    let mut said = false;
    conn.busy_handler(Some(move |count: i32| {
        if count == 0 {
            started = Instant::now();
        }
        let waited = started.elapsed();
        if waited >= limit {
            return false;
        }
        if !said && waited >= Duration::from_secs(1) {
            said = true;
            crate::output::say(&both(
                format!("waiting for another pingxuan (or program) to finish writing {name}…"),
                format!("另一个评选程序（或其他程序）正在写入 {name}，正在等待其完成……"),
            ));
        }
        std::thread::sleep(Duration::from_millis(if count < 10 { 5 } else { 50 }));
        true
    }))?;
    Ok(())
}

fn not_ours(path: &Path) -> String {
    format!(
        "{} {} {}",
        path.display(),
        tr("is not a pingxuan database;", "不是评选数据库；"),
        tr("it was left unchanged", "文件未作任何改动")
    )
}

/// What went wrong with the file, in words a clerk can act on: not a database, damaged,
/// busy, disk full, read-only. The SQLite error stays in the chain below it.
pub fn file_error(path: &Path, e: rusqlite::Error) -> anyhow::Error {
    let code = e.sqlite_error_code();
    let msg = match code {
        Some(ErrorCode::NotADatabase) if !has_sqlite_header(path) => not_ours(path),
        Some(ErrorCode::NotADatabase) | Some(ErrorCode::DatabaseCorrupt) => format!(
            "{} {}",
            path.display(),
            tr(
                "is damaged (its contents do not read as a whole database); run `pingxuan db check` on it, and restore the latest backup (`pingxuan db backup` makes one)",
                "已损坏（内容不完整或被破坏）；请运行 `pingxuan db check` 检查，并恢复最近的备份（备份用 `pingxuan db backup`）"
            )
        ),
        Some(ErrorCode::DiskFull) => {
            format!(
                "{} {}",
                tr("the disk is full while writing", "磁盘已满，无法写入"),
                path.display()
            ) + tr(
                "; nothing of this command was recorded: free some space and run it again",
                "；本次命令未记录任何内容，请腾出空间后重试",
            )
        }
        Some(ErrorCode::DatabaseBusy) | Some(ErrorCode::DatabaseLocked) => format!(
            "{} {}",
            path.display(),
            tr(
                "is busy: another pingxuan (or a program such as sqlite3) holds it; try again when it has finished",
                "正被占用：另一个评选程序（或 sqlite3 等程序）正在使用，请待其完成后重试"
            )
        ),
        Some(ErrorCode::ReadOnly) => format!(
            "{} {}",
            path.display(),
            tr(
                "cannot be written: the file or its folder is read-only",
                "无法写入：文件或其所在文件夹为只读"
            )
        ),
        Some(ErrorCode::CannotOpen) => format!("{} {}", tr("cannot open", "无法打开"), path.display()),
        _ => return anyhow::Error::new(e),
    };
    anyhow::Error::new(e).context(msg)
}

/// Whether the error, anywhere in its chain, is this SQLite error.
pub fn is_code(e: &anyhow::Error, code: ErrorCode) -> bool {
    e.chain()
        .any(|c| c.downcast_ref::<rusqlite::Error>().and_then(|e| e.sqlite_error_code()) == Some(code))
}

fn has_sqlite_header(path: &Path) -> bool {
    use std::io::Read;
    let mut head = [0u8; 16];
    std::fs::File::open(path)
        .and_then(|mut f| f.read_exact(&mut head))
        .map(|_| &head == b"SQLite format 3\0")
        .unwrap_or(false)
}

/// A path as the path part of a `file:` URI.
fn uri_path(path: &Path) -> String {
    let abs = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let mut s = String::new();
    for ch in abs.to_string_lossy().chars() {
        match ch {
            '?' | '#' | '%' => s += &format!("%{:02X}", ch as u32),
            '\\' => s.push('/'),
            c => s.push(c),
        }
    }
    // A drive letter (C:/…) becomes /C:/… in a URI.
    if !s.starts_with('/') {
        s.insert(0, '/');
    }
    s
}

/// The current local time as stored on the record. An import asks for it on every row: the
/// text is made once a second, not once a row (finding the local time zone and formatting
/// the time cost more than the rest of writing a sheet).
pub fn now() -> String {
    use std::cell::RefCell;
    use std::time::{SystemTime, UNIX_EPOCH};
    thread_local! {
        static LAST: RefCell<(u64, String)> = const { RefCell::new((u64::MAX, String::new())) };
    }
    let second = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0);
    LAST.with_borrow_mut(|(at, text)| {
        if *at != second {
            *text = chrono::Local::now().format("%Y-%m-%d %H:%M:%S").to_string();
            *at = second;
        }
        text.clone()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn failure(code: i32) -> rusqlite::Error {
        rusqlite::Error::SqliteFailure(rusqlite::ffi::Error::new(code), None)
    }

    #[test]
    fn each_trouble_with_the_file_has_its_own_words() {
        crate::i18n::set_lang(crate::i18n::Lang::En);
        let p = Path::new("/nonexistent/port.sqlite");
        let say = |code| format!("{:#}", file_error(p, failure(code)));
        assert!(say(rusqlite::ffi::SQLITE_FULL).contains("the disk is full"));
        assert!(say(rusqlite::ffi::SQLITE_BUSY).contains("is busy"));
        assert!(say(rusqlite::ffi::SQLITE_CORRUPT).contains("is damaged"));
        // A file with no SQLite header is not ours; one with it, damaged.
        assert!(say(rusqlite::ffi::SQLITE_NOTADB).contains("is not a pingxuan database"));
        assert!(say(rusqlite::ffi::SQLITE_READONLY).contains("read-only"));
    }

    #[test]
    fn a_path_becomes_a_file_uri() {
        assert_eq!(uri_path(Path::new("/a/b c/评选?#.sqlite")), "/a/b c/评选%3F%23.sqlite");
    }
}
