//! The one way to write: a change is opened, written, recorded, and finished. Recording
//! writes a hash-chained audit entry that lists the rows written since the last one;
//! finishing commits (and checkpoints, so that the main file alone holds the record), or
//! rolls back on a dry run. Rows written without an entry cannot be committed.

use std::cell::RefCell;
use std::ops::Deref;

use anyhow::{Result, bail};
use rusqlite::{Connection, Transaction};
use serde_json::Value;

use crate::chain::{self, NewEntry, Tables};
use crate::db::Db;
use crate::i18n::tr;
use crate::values::check_row_texts;

pub struct Change<'a> {
    tx: Transaction<'a>,
    db: &'a Db,
    operator: &'a str,
    state: RefCell<State>,
}

#[derive(Default)]
struct State {
    /// The latest entry's id and hash, once read.
    last: Option<Option<(i64, String)>>,
    /// When the change was made: every entry of one command carries the same time.
    at: Option<String>,
    tables: Tables,
}

impl Deref for Change<'_> {
    type Target = Connection;
    fn deref(&self) -> &Connection {
        &self.tx
    }
}

impl<'a> Change<'a> {
    pub fn begin(db: &'a Db, operator: &'a str) -> Result<Change<'a>> {
        let tx = db.begin()?;
        // Rows another statement left in the log before this change began are not its own.
        db.take_touched();
        Ok(Change {
            tx,
            db,
            operator,
            state: RefCell::new(State::default()),
        })
    }

    /// Records what was just written: an entry with its action, target and detail, chained
    /// to the one before and covering every row written since the last entry.
    pub fn record(&self, term: Option<i32>, action: &str, target: &str, detail: Value) -> Result<()> {
        let touched = self.db.take_touched();
        let mut st = self.state.borrow_mut();
        let rows = chain::changes(&self.tx, &mut st.tables, touched, check_row_texts)?;
        if st.last.is_none() {
            st.last = Some(chain::head(&self.tx)?);
        }
        let prev = st.last.clone().flatten();
        let at = st.at.get_or_insert_with(crate::db::now).clone();
        let entry = NewEntry {
            at: &at,
            operator: self.operator,
            term,
            action,
            target,
            detail: &detail.to_string(),
        };
        st.last = Some(Some(chain::append(&self.tx, prev.as_ref(), &entry, &rows)?));
        Ok(())
    }

    /// Commits, or rolls back when `dry_run`. Refuses rows written after the last entry.
    pub fn finish(self, dry_run: bool) -> Result<()> {
        if !self.db.take_touched().is_empty() {
            bail!(
                "{}",
                tr(
                    "internal error: a change wrote rows without recording them; nothing was written",
                    "内部错误：有写入未登记到操作记录，本次未写入任何内容"
                )
            );
        }
        if dry_run {
            return Ok(self.tx.rollback()?);
        }
        self.tx.commit().map_err(|e| crate::db::file_error(&self.db.path, e))?;
        self.db.wrote.set(true);
        self.db.checkpoint();
        Ok(())
    }
}
