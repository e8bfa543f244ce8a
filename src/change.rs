//! The one way to write: a change is opened, written, recorded, and finished. Recording
//! writes a hash-chained audit entry that lists the rows written since the last one;
//! finishing commits (and checkpoints, so that the main file alone holds the record), or
//! rolls back on a dry run. Rows written without an entry cannot be committed.

use std::cell::RefCell;
use std::ops::Deref;

use anyhow::{Result, bail};
use rusqlite::types::ValueRef;
use rusqlite::{Connection, Transaction};
use serde_json::Value;

use crate::chain::{self, NewEntry, Table, Tables};
use crate::core::text::{field_of, text_fault};
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
        let rows = chain::changes(&self.tx, &mut st.tables, touched, check_texts)?;
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

/// Every text of a row fits its column (`check_row_texts`). Most rows do: they are looked at
/// without making a message, and only a row with a fault is checked again to name it.
fn check_texts(table: &Table, values: &[ValueRef<'_>]) -> Result<()> {
    let fits = table.cols.iter().zip(values).all(|(col, v)| match v {
        ValueRef::Text(t) => std::str::from_utf8(t).is_ok_and(|s| text_fault(s, field_of(col)).is_none()),
        _ => true,
    });
    if fits { Ok(()) } else { check_row_texts(table, values) }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table() -> Table {
        let db = Connection::open_in_memory().unwrap();
        db.execute_batch("CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT, deeds TEXT)")
            .unwrap();
        Tables::default().get(&db, "t").unwrap().clone()
    }

    #[test]
    fn the_quick_text_check_refuses_what_the_full_one_refuses() {
        let t = table();
        let long = "长".repeat(500);
        let rows: [[ValueRef; 3]; 6] = [
            [
                ValueRef::Integer(1),
                ValueRef::Text(b"ok"),
                ValueRef::Text(b"line\nbreak"),
            ],
            [ValueRef::Integer(1), ValueRef::Text(b"line\nbreak"), ValueRef::Null],
            [
                ValueRef::Integer(1),
                ValueRef::Text("a\u{202E}b".as_bytes()),
                ValueRef::Null,
            ],
            [ValueRef::Integer(1), ValueRef::Text(b"\xff\xfe"), ValueRef::Null],
            [ValueRef::Integer(1), ValueRef::Text(long.as_bytes()), ValueRef::Null],
            [ValueRef::Integer(1), ValueRef::Null, ValueRef::Text(b"tab\there")],
        ];
        for row in &rows {
            let quick = check_texts(&t, row).map_err(|e| e.to_string());
            let full = check_row_texts(&t, row).map_err(|e| e.to_string());
            assert_eq!(quick, full, "{row:?}");
        }
        assert!(check_texts(&t, &rows[1]).is_err() && check_texts(&t, &rows[0]).is_ok());
    }
}
