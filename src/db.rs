//! The database file: opening it to read or to write, its identity, the migrations, and
//! telling apart what can go wrong with a file (not ours, damaged, busy, disk full).

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};
use rusqlite::hooks::Action;
use rusqlite::{Connection, ErrorCode, OpenFlags, Transaction, TransactionBehavior};

use crate::chain;
use crate::i18n::tr;
use crate::messages::say;

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
    &[Step::Sql(include_str!("../migrations/0010_publicity_number.sql"))],
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
            Err(_) if mode != Mode::Create => return Err(FileError::at(path, FileTrouble::Missing).into()),
            Ok(m) if m.is_dir() => return Err(FileError::at(path, FileTrouble::Folder).into()),
            Ok(m) if !m.is_file() => return Err(FileError::at(path, FileTrouble::NotAFile).into()),
            Ok(m) if m.len() == 0 && mode != Mode::Create => {
                return Err(FileError::at(path, FileTrouble::Empty).into());
            }
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
            return Err(FileError::at(path, FileTrouble::Empty).into());
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
            crate::output::say(&say!(
                en("{}: brought up to date with this version of pingxuan", path.display()),
                zh("{}：已升级到本版本的数据库格式", path.display())
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
            let known = MIGRATIONS.len() as i64;
            return Err(FileError::at(&self.path, FileTrouble::Newer { schema: version, known }).into());
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
                say!(
                    en("applying schema migration {}", i + 1),
                    zh("执行数据库升级 {}", i + 1)
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
                    say!(
                        en(
                            "schema migration {}: {broken} rows refer to rows that are missing",
                            i + 1
                        ),
                        zh("数据库升级 {}：有 {broken} 行引用的记录不存在", i + 1)
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
            crate::output::say(&say!(
                en("waiting for another pingxuan (or program) to finish writing {name}…"),
                zh("另一个评选程序（或其他程序）正在写入 {name}，正在等待其完成……")
            ));
        }
        std::thread::sleep(Duration::from_millis(if count < 10 { 5 } else { 50 }));
        true
    }))?;
    Ok(())
}

fn not_ours(path: &Path) -> String {
    FileError::at(path, FileTrouble::NotOurs).to_string()
}

/// What is wrong with the database file, as a clerk can act on it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FileTrouble {
    /// No file there, for a command that does not make one.
    Missing,
    Folder,
    /// A device or a pipe.
    NotAFile,
    /// An empty file: not a database, and left so.
    Empty,
    /// Written by a newer version: its schema, and the latest this version knows.
    Newer {
        schema: i64,
        known: i64,
    },
    /// Not an SQLite file at all: not ours, and left unchanged.
    NotOurs,
    Damaged,
    DiskFull,
    Busy,
    ReadOnly,
    CannotOpen,
}

/// A trouble with the file at `path`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FileError {
    pub path: std::path::PathBuf,
    pub trouble: FileTrouble,
}

impl std::error::Error for FileError {}

impl FileError {
    pub fn at(path: &Path, trouble: FileTrouble) -> FileError {
        FileError {
            path: path.to_path_buf(),
            trouble,
        }
    }
}

/// The trouble an SQLite error means for the file, if it is one a clerk can act on.
pub fn trouble(path: &Path, e: &rusqlite::Error) -> Option<FileError> {
    let trouble = match e.sqlite_error_code()? {
        ErrorCode::NotADatabase if !has_sqlite_header(path) => FileTrouble::NotOurs,
        ErrorCode::NotADatabase | ErrorCode::DatabaseCorrupt => FileTrouble::Damaged,
        ErrorCode::DiskFull => FileTrouble::DiskFull,
        ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked => FileTrouble::Busy,
        ErrorCode::ReadOnly => FileTrouble::ReadOnly,
        ErrorCode::CannotOpen => FileTrouble::CannotOpen,
        _ => return None,
    };
    Some(FileError {
        path: path.to_path_buf(),
        trouble,
    })
}

/// What went wrong with the file, in words a clerk can act on: not a database, damaged,
/// busy, disk full, read-only. The SQLite error stays in the chain below it.
pub fn file_error(path: &Path, e: rusqlite::Error) -> anyhow::Error {
    match trouble(path, &e) {
        Some(t) => anyhow::Error::new(e).context(t.to_string()),
        None => anyhow::Error::new(e),
    }
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
        use crate::messages::{Lang, Render};
        let p = Path::new("/nonexistent/port.sqlite");
        let say = |code| {
            trouble(p, &failure(code))
                .map(|t| t.render(Lang::En))
                .unwrap_or_default()
        };
        assert!(say(rusqlite::ffi::SQLITE_FULL).contains("the disk is full"));
        assert!(say(rusqlite::ffi::SQLITE_BUSY).contains("is busy"));
        assert!(say(rusqlite::ffi::SQLITE_CORRUPT).contains("is damaged"));
        // A file with no SQLite header is not ours; one with it, damaged.
        assert!(say(rusqlite::ffi::SQLITE_NOTADB).contains("is not a pingxuan database"));
        assert!(say(rusqlite::ffi::SQLITE_READONLY).contains("read-only"));
        assert!(trouble(p, &failure(rusqlite::ffi::SQLITE_CONSTRAINT)).is_none());
        // The error keeps SQLite's own below the words.
        let e = file_error(p, failure(rusqlite::ffi::SQLITE_FULL));
        assert!(e.chain().nth(1).is_some(), "{e:#}");
    }

    #[test]
    fn a_path_becomes_a_file_uri() {
        assert_eq!(uri_path(Path::new("/a/b c/评选?#.sqlite")), "/a/b c/评选%3F%23.sqlite");
    }
}
