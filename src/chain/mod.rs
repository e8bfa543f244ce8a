//! The audit record as a hash chain. Each entry's SHA-256 covers the previous entry's hash,
//! its own content, and a digest of every row it wrote or changed (before and after), so
//! the record and the rows can be checked against each other and against a hash printed
//! on paper. `verify` (in `chain/verify.rs`) walks it.

pub mod verify;

use std::collections::{HashMap, HashSet};

use anyhow::{Context, Result};
use rusqlite::types::ValueRef;
use rusqlite::{Connection, OptionalExtension, params};
use sha2::{Digest, Sha256};

use crate::db::Touch;

/// Tables of the record itself, and SQLite's own, are not rows of the record.
pub fn tracked(table: &str) -> bool {
    !matches!(table, "audit" | "audit_row") && !table.starts_with("sqlite_")
}

/// One row as an entry records it: where it is, and its digest before and after.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RowChange {
    pub table: String,
    pub key: String,
    pub before: Option<String>,
    pub after: Option<String>,
}

/// What an entry's hash covers.
pub struct Entry<'a> {
    pub id: i64,
    pub prev: &'a str,
    pub at: &'a str,
    pub operator: &'a str,
    pub term: Option<i32>,
    pub action: &'a str,
    pub target: &'a str,
    pub detail: &'a str,
    pub rows: &'a str,
}

fn hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut s = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        s.push(DIGITS[(b >> 4) as usize] as char);
        s.push(DIGITS[(b & 15) as usize] as char);
    }
    s
}

/// Feeds one field, length first, so that no two different contents hash alike.
fn field(h: &mut Sha256, bytes: &[u8]) {
    h.update((bytes.len() as u64).to_be_bytes());
    h.update(bytes);
}

pub fn entry_hash(e: &Entry) -> String {
    let mut h = Sha256::new();
    field(&mut h, b"pingxuan audit entry 1");
    field(&mut h, e.prev.as_bytes());
    field(&mut h, &e.id.to_be_bytes());
    field(&mut h, e.at.as_bytes());
    field(&mut h, e.operator.as_bytes());
    field(&mut h, e.term.map(|t| t.to_string()).unwrap_or_default().as_bytes());
    field(&mut h, e.action.as_bytes());
    field(&mut h, e.target.as_bytes());
    field(&mut h, e.detail.as_bytes());
    field(&mut h, e.rows.as_bytes());
    hex(&h.finalize())
}

/// The digest of an entry's rows, in a fixed order.
pub fn rows_digest(rows: &[RowChange]) -> String {
    let mut sorted: Vec<&RowChange> = rows.iter().collect();
    sorted.sort_by(|a, b| (&a.table, &a.key).cmp(&(&b.table, &b.key)));
    let mut h = Sha256::new();
    field(&mut h, b"pingxuan audit rows 1");
    for r in sorted {
        field(&mut h, r.table.as_bytes());
        field(&mut h, r.key.as_bytes());
        field(&mut h, r.before.as_deref().unwrap_or("-").as_bytes());
        field(&mut h, r.after.as_deref().unwrap_or("-").as_bytes());
    }
    hex(&h.finalize())
}

/// The digest of one row: its table, and each column's name, type and value.
pub fn row_digest(table: &str, cols: &[String], values: &[ValueRef<'_>]) -> String {
    let mut h = Sha256::new();
    field(&mut h, b"pingxuan row 1");
    field(&mut h, table.as_bytes());
    for (c, v) in cols.iter().zip(values) {
        // A NULL column is left out: a column added later (NULL in the rows it finds) leaves
        // every digest as it was; a value set to NULL, or from NULL, still changes it.
        if matches!(v, ValueRef::Null) {
            continue;
        }
        field(&mut h, c.as_bytes());
        match v {
            ValueRef::Null => {}
            ValueRef::Integer(i) => {
                field(&mut h, b"I");
                field(&mut h, &i.to_be_bytes());
            }
            ValueRef::Real(f) => {
                field(&mut h, b"R");
                field(&mut h, &f.to_bits().to_be_bytes());
            }
            ValueRef::Text(t) => {
                field(&mut h, b"T");
                field(&mut h, t);
            }
            ValueRef::Blob(b) => {
                field(&mut h, b"B");
                field(&mut h, b);
            }
        }
    }
    hex(&h.finalize())
}

/// A table's columns and which of them make its key.
#[derive(Clone, Debug)]
pub struct Table {
    pub name: String,
    pub cols: Vec<String>,
    pub pk: Vec<usize>,
    /// `select()` of one row by its rowid, made once: an import reads a row back for every
    /// row it writes.
    by_rowid: String,
}

impl Table {
    pub fn key(&self, values: &[ValueRef<'_>], rowid: i64) -> String {
        if self.pk.is_empty() {
            return rowid.to_string();
        }
        self.pk
            .iter()
            .map(|&i| match values[i] {
                ValueRef::Integer(n) => n.to_string(),
                ValueRef::Text(t) => String::from_utf8_lossy(t).into_owned(),
                ValueRef::Real(f) => f.to_string(),
                _ => String::new(),
            })
            .collect::<Vec<_>>()
            .join("/")
    }

    pub fn select(&self) -> String {
        let cols: Vec<String> = self.cols.iter().map(|c| format!("\"{c}\"")).collect();
        format!("SELECT {}, rowid FROM \"{}\"", cols.join(", "), self.name)
    }
}

/// The record's tables, read from the schema once per connection.
#[derive(Default)]
pub struct Tables(HashMap<String, Table>);

impl Tables {
    pub fn get(&mut self, conn: &Connection, name: &str) -> Result<&Table> {
        if !self.0.contains_key(name) {
            let mut st = conn.prepare(&format!("PRAGMA table_info(\"{name}\")"))?;
            let mut cols = Vec::new();
            let mut pk = Vec::new();
            let rows = st.query_map([], |r| Ok((r.get::<_, String>(1)?, r.get::<_, i64>(5)?)))?;
            for (i, row) in rows.enumerate() {
                let (col, pk_pos) = row?;
                cols.push(col);
                if pk_pos > 0 {
                    pk.push((pk_pos, i));
                }
            }
            pk.sort();
            let mut t = Table {
                name: name.to_string(),
                cols,
                pk: pk.into_iter().map(|(_, i)| i).collect(),
                by_rowid: String::new(),
            };
            t.by_rowid = format!("{} WHERE rowid = ?1", t.select());
            self.0.insert(name.to_string(), t);
        }
        Ok(&self.0[name])
    }
}

/// Every table of the record, in a fixed order.
pub fn table_names(conn: &Connection) -> Result<Vec<String>> {
    let mut st = conn.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name")?;
    let names = st
        .query_map([], |r| r.get::<_, String>(0))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(names.into_iter().filter(|n| tracked(n)).collect())
}

/// The key and digest of a row as it is now; None when it is gone.
/// `check` sees the row's values first and may refuse them.
pub fn current(conn: &Connection, table: &Table, rowid: i64, check: RowCheck) -> Result<Option<(String, String)>> {
    let mut st = conn.prepare_cached(&table.by_rowid)?;
    let mut rows = st.query([rowid])?;
    let Some(r) = rows.next()? else {
        return Ok(None);
    };
    let values: Vec<ValueRef> = (0..table.cols.len())
        .map(|i| r.get_ref(i))
        .collect::<rusqlite::Result<_>>()?;
    check(table, &values)?;
    Ok(Some((
        table.key(&values, rowid),
        row_digest(&table.name, &table.cols, &values),
    )))
}

/// A check of a row's values before it goes on the record.
pub type RowCheck = fn(&Table, &[ValueRef<'_>]) -> Result<()>;

/// Calls `f` with the key and digest of every row of a table, as it is now.
pub fn each_row(conn: &Connection, table: &Table, mut f: impl FnMut(String, String)) -> Result<()> {
    let mut st = conn.prepare(&table.select())?;
    let mut rows = st.query([])?;
    let n = table.cols.len();
    while let Some(r) = rows.next()? {
        let values: Vec<ValueRef> = (0..n).map(|i| r.get_ref(i)).collect::<rusqlite::Result<_>>()?;
        let rowid: i64 = r.get(n)?;
        f(table.key(&values, rowid), row_digest(&table.name, &table.cols, &values));
    }
    Ok(())
}

/// The digest the record last gave a row, if any.
pub fn recorded(conn: &Connection, table: &str, key: &str) -> Result<Option<String>> {
    Ok(conn
        .prepare_cached("SELECT after FROM audit_row WHERE tbl = ?1 AND key = ?2 ORDER BY entry DESC LIMIT 1")?
        .query_row(params![table, key], |r| r.get::<_, Option<String>>(0))
        .optional()?
        .flatten())
}

/// The rows that the touches name, as an entry records them: each once, with the digest
/// it had on the record before and the one it has now.
pub fn changes(conn: &Connection, tables: &mut Tables, touched: Vec<Touch>, check: RowCheck) -> Result<Vec<RowChange>> {
    // Each row once, as first touched (inserted or changed). An entry mostly covers a row or
    // two, looked up in place; a large one, through a map.
    let mut order: Vec<Touch> = Vec::with_capacity(touched.len());
    let mut seen: HashSet<(String, i64)> = HashSet::new();
    for t in touched {
        let again = if touched_few(order.len()) {
            order.iter().any(|o| o.rowid == t.rowid && o.table == t.table)
        } else {
            if seen.is_empty() {
                seen.extend(order.iter().map(|o| (o.table.clone(), o.rowid)));
            }
            !seen.insert((t.table.clone(), t.rowid))
        };
        if !again {
            order.push(t);
        }
    }
    let mut out = Vec::with_capacity(order.len());
    for Touch { table, rowid, inserted } in order {
        let t = tables.get(conn, &table)?;
        let Some((key, after)) = current(conn, t, rowid, check)? else {
            continue;
        };
        let before = if inserted { None } else { recorded(conn, &table, &key)? };
        out.push(RowChange {
            table,
            key,
            before,
            after: Some(after),
        });
    }
    Ok(out)
}

/// Up to how many rows an entry's rows are told apart without a map.
fn touched_few(n: usize) -> bool {
    n < 16
}

/// The latest entry: its id and hash (an entry without a hash counts as none).
pub fn head(conn: &Connection) -> Result<Option<(i64, String)>> {
    Ok(conn
        .query_row("SELECT id, hash FROM audit ORDER BY id DESC LIMIT 1", [], |r| {
            Ok((r.get::<_, i64>(0)?, r.get::<_, Option<String>>(1)?))
        })
        .optional()
        .context(crate::i18n::tr("reading the audit record", "读取操作记录"))?
        .map(|(id, h)| (id, h.unwrap_or_default())))
}

/// What one entry says; `append` writes it with its rows and returns its hash.
pub struct NewEntry<'a> {
    pub at: &'a str,
    pub operator: &'a str,
    pub term: Option<i32>,
    pub action: &'a str,
    pub target: &'a str,
    pub detail: &'a str,
}

pub fn append(
    conn: &Connection,
    last: Option<&(i64, String)>,
    e: &NewEntry,
    rows: &[RowChange],
) -> Result<(i64, String)> {
    let (id, prev) = match last {
        Some((id, h)) => (id + 1, h.as_str()),
        None => (1, ""),
    };
    let digest = rows_digest(rows);
    let hash = entry_hash(&Entry {
        id,
        prev,
        at: e.at,
        operator: e.operator,
        term: e.term,
        action: e.action,
        target: e.target,
        detail: e.detail,
        rows: &digest,
    });
    conn.prepare_cached(
        "INSERT INTO audit (id, at, operator, term, action, target, detail, prev, rows, hash)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
    )?
    .execute(params![
        id, e.at, e.operator, e.term, e.action, e.target, e.detail, prev, digest, hash
    ])
    .context(crate::i18n::tr("writing the audit record", "写入操作记录"))?;
    let mut st =
        conn.prepare_cached("INSERT INTO audit_row (entry, tbl, key, before, after) VALUES (?1, ?2, ?3, ?4, ?5)")?;
    for r in rows {
        st.execute(params![id, r.table, r.key, r.before, r.after])
            .context(crate::i18n::tr("writing the audit record", "写入操作记录"))?;
    }
    Ok((id, hash))
}

/// Migration 2: the history a database already has becomes the start of the chain, and
/// one entry records every row as it stands, so that from here on every row has a record.
pub fn seal_history(conn: &Connection) -> Result<()> {
    let mut prev = String::new();
    let mut last = None;
    {
        let mut st = conn.prepare("SELECT id, at, operator, term, action, target, detail FROM audit ORDER BY id")?;
        let mut upd = conn.prepare("UPDATE audit SET prev = ?1, rows = ?2, hash = ?3 WHERE id = ?4")?;
        let empty = rows_digest(&[]);
        let mut rows = st.query([])?;
        while let Some(r) = rows.next()? {
            let id: i64 = r.get(0)?;
            let (at, operator, action, target, detail): (String, String, String, String, String) =
                (r.get(1)?, r.get(2)?, r.get(4)?, r.get(5)?, r.get(6)?);
            let term: Option<i32> = r.get(3)?;
            let hash = entry_hash(&Entry {
                id,
                prev: &prev,
                at: &at,
                operator: &operator,
                term,
                action: &action,
                target: &target,
                detail: &detail,
                rows: &empty,
            });
            upd.execute(params![prev, empty, hash, id])?;
            prev = hash.clone();
            last = Some((id, hash));
        }
    }
    let mut tables = Tables::default();
    let mut rows = Vec::new();
    for name in table_names(conn)? {
        let t = tables.get(conn, &name)?;
        each_row(conn, t, |key, digest| {
            rows.push(RowChange {
                table: name.clone(),
                key,
                before: None,
                after: Some(digest),
            })
        })?;
    }
    if last.is_none() && rows.is_empty() {
        return Ok(());
    }
    let detail = serde_json::json!({ "entries_before": last.as_ref().map(|l| l.0).unwrap_or(0), "rows": rows.len() });
    append(
        conn,
        last.as_ref(),
        &NewEntry {
            at: &crate::db::now(),
            operator: "pingxuan",
            term: None,
            action: "record.sealed",
            target: "",
            detail: &detail.to_string(),
        },
        &rows,
    )?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry<'a>(prev: &'a str, detail: &'a str) -> Entry<'a> {
        Entry {
            id: 7,
            prev,
            at: "2026-10-31 09:00:00",
            operator: "clerk",
            term: Some(2026),
            action: "veto.add",
            target: "W2026-001",
            detail,
            rows: "",
        }
    }

    #[test]
    fn every_field_changes_the_hash() {
        let base = entry_hash(&entry("", "{}"));
        assert_eq!(base.len(), 64);
        assert_eq!(base, entry_hash(&entry("", "{}")));
        assert_ne!(base, entry_hash(&entry("00", "{}")));
        assert_ne!(base, entry_hash(&entry("", "{ }")));
        let mut e = entry("", "{}");
        e.term = None;
        assert_ne!(base, entry_hash(&e));
        // Moving text from one field to the next is a different entry.
        let (mut a, mut b) = (entry("", "{}"), entry("", "{}"));
        a.action = "veto.ad";
        a.target = "dW2026-001";
        b.action = "veto.add";
        b.target = "W2026-001";
        assert_ne!(entry_hash(&a), entry_hash(&b));
    }

    #[test]
    fn row_digest_tells_types_and_values_apart() {
        let cols = vec!["a".to_string()];
        let d = |v: ValueRef| row_digest("t", &cols, &[v]);
        assert_ne!(d(ValueRef::Integer(1)), d(ValueRef::Text(b"1")));
        assert_ne!(d(ValueRef::Null), d(ValueRef::Text(b"")));
        // A column added later, NULL in the old rows, leaves their digest as it was.
        let two = vec!["a".to_string(), "added".to_string()];
        assert_eq!(
            row_digest("t", &cols, &[ValueRef::Integer(1)]),
            row_digest("t", &two, &[ValueRef::Integer(1), ValueRef::Null])
        );
        assert_ne!(
            row_digest("t", &cols, &[ValueRef::Integer(1)]),
            row_digest("t", &two, &[ValueRef::Integer(1), ValueRef::Integer(0)])
        );
        assert_ne!(d(ValueRef::Integer(1750)), d(ValueRef::Integer(9999)));
        assert_ne!(
            row_digest("t", &cols, &[ValueRef::Integer(1)]),
            row_digest("u", &cols, &[ValueRef::Integer(1)])
        );
    }

    #[test]
    fn rows_digest_ignores_order_not_content() {
        let r = |t: &str, k: &str, a: &str| RowChange {
            table: t.into(),
            key: k.into(),
            before: None,
            after: Some(a.into()),
        };
        let one = rows_digest(&[r("sheet", "1", "x"), r("sheet", "2", "y")]);
        assert_eq!(one, rows_digest(&[r("sheet", "2", "y"), r("sheet", "1", "x")]));
        assert_ne!(one, rows_digest(&[r("sheet", "1", "y"), r("sheet", "2", "x")]));
        assert_ne!(one, rows_digest(&[r("sheet", "1", "x")]));
    }
}
