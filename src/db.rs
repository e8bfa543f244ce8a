//! The database file: opening, identity, migrations and the audit record.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};
use rusqlite::{Connection, OpenFlags, Transaction, TransactionBehavior, params};

use crate::i18n::tr;

/// Marks a SQLite file as a pingxuan database (`PRAGMA application_id`): "PXUA".
pub const APPLICATION_ID: i32 = 0x5058_5541;

/// The schema migrations, applied in order; `PRAGMA user_version` counts how many ran.
/// Append only: a released migration never changes.
const MIGRATIONS: &[&str] = &[
    include_str!("../schema.sql"),
    include_str!("../migrations/0002_nomination_serial_widens.sql"),
];

pub struct Db {
    pub conn: Connection,
    pub path: PathBuf,
}

impl Db {
    /// Opens the database at `path`. With `create`, a missing file is created with the schema;
    /// without, a missing file is an error. A file that is not a pingxuan database, or one
    /// written by a newer version, is refused before anything is written to it.
    pub fn open(path: &Path, create: bool) -> Result<Db> {
        let exists = path.exists();
        if !exists && !create {
            bail!(
                "{} {}: {}",
                tr("no database at", "找不到数据库"),
                path.display(),
                tr(
                    "start the year with `pingxuan term open YEAR`, or name the file with --db",
                    "请先用 `pingxuan term open 年份` 开启届期，或用 --db 指定数据库文件"
                )
            );
        }
        if exists && path.is_dir() {
            bail!(
                "{} {}",
                path.display(),
                tr("is a folder, not a database file", "是文件夹，不是数据库文件")
            );
        }
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE
            | OpenFlags::SQLITE_OPEN_CREATE
            | OpenFlags::SQLITE_OPEN_NO_MUTEX
            | OpenFlags::SQLITE_OPEN_URI;
        let conn = Connection::open_with_flags(path, flags)
            .with_context(|| format!("{} {}", tr("cannot open", "无法打开"), path.display()))?;
        conn.busy_timeout(std::time::Duration::from_secs(10))?;
        let db = Db {
            conn,
            path: path.to_path_buf(),
        };
        // Identity first, with reads only: a foreign file must be left exactly as it was.
        let fresh = db.check_identity()?;
        db.conn
            .execute_batch("PRAGMA foreign_keys = ON; PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL;")
            .context("setting up the database connection")?;
        // With the query planner stability guarantee a cached statement keeps its plan when
        // its parameters are cleared; without it SQLite recompiles the nominee lookup on
        // every row of an import.
        db.conn
            .set_db_config(rusqlite::config::DbConfig::SQLITE_DBCONFIG_ENABLE_QPSG, true)
            .context("setting up the database connection")?;
        if fresh || db.user_version()? < MIGRATIONS.len() as i64 {
            db.migrate()?;
        }
        Ok(db)
    }

    fn user_version(&self) -> Result<i64> {
        Ok(self.conn.query_row("PRAGMA user_version", [], |r| r.get(0))?)
    }

    /// Returns true for an empty file (a new database); errors for anything foreign.
    fn check_identity(&self) -> Result<bool> {
        let foreign = || {
            format!(
                "{} {} {}",
                self.path.display(),
                tr("is not a pingxuan database;", "不是评选数据库；"),
                tr("it was left unchanged", "文件未作任何改动")
            )
        };
        let app_id: i32 = match self.conn.query_row("PRAGMA application_id", [], |r| r.get(0)) {
            Ok(v) => v,
            Err(e) => return Err(anyhow::Error::new(e).context(foreign())),
        };
        let version = self.user_version().with_context(foreign)?;
        let objects: i64 = self
            .conn
            .query_row("SELECT count(*) FROM sqlite_schema", [], |r| r.get(0))
            .with_context(foreign)?;
        if app_id == 0 && version == 0 && objects == 0 {
            return Ok(true);
        }
        if app_id != APPLICATION_ID {
            bail!(foreign());
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
            .context("setting up the database connection")?;
        done
    }

    fn migrate_each(&self) -> Result<()> {
        for (i, sql) in MIGRATIONS.iter().enumerate() {
            let tx = self.begin_raw()?;
            // Read inside the write lock: another process may have migrated meanwhile.
            if self.user_version()? as usize > i {
                continue;
            }
            tx.execute_batch(sql)
                .with_context(|| format!("applying schema migration {}", i + 1))?;
            let broken: i64 = tx.query_row("SELECT count(*) FROM pragma_foreign_key_check", [], |r| r.get(0))?;
            if broken > 0 {
                bail!(
                    "schema migration {}: {broken} rows refer to rows that are missing",
                    i + 1
                );
            }
            tx.pragma_update(None, "application_id", APPLICATION_ID)?;
            tx.pragma_update(None, "user_version", (i + 1) as i64)?;
            tx.commit().context("committing the schema migration")?;
        }
        Ok(())
    }

    fn begin_raw(&self) -> Result<Transaction<'_>> {
        Transaction::new_unchecked(&self.conn, TransactionBehavior::Immediate).context("starting a write transaction")
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

    /// Starts the one `BEGIN IMMEDIATE` transaction of a write command.
    pub fn begin(&self) -> Result<Transaction<'_>> {
        self.begin_raw()
    }
}

/// Appends one change to the audit record.
pub fn audit(
    tx: &Connection,
    operator: &str,
    term: Option<i32>,
    action: &str,
    target: &str,
    detail: serde_json::Value,
) -> Result<()> {
    tx.prepare_cached(
        "INSERT INTO audit (at, operator, term, action, target, detail) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?
    .execute(params![now(), operator, term, action, target, detail.to_string()])
    .context("writing the audit record")?;
    Ok(())
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
