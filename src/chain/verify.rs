//! Walks the chain and holds every row against it: what `audit verify` and `db check`
//! report. Findings are typed; `commands/audit.rs` puts them in words.

use std::collections::{BTreeMap, HashMap};

use anyhow::Result;
use rusqlite::Connection;

use super::{Entry, RowChange, Tables, entry_hash, rows_digest, table_names};
use crate::db::{MIGRATIONS, Step};

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LinkFault {
    /// The entry has no hash at all: written past the tool.
    Unhashed,
    /// Its `prev` is not the hash of the entry before it: an entry was removed, inserted or
    /// reordered.
    Unlinked,
    /// Its content, or the rows it lists, no longer give its hash.
    Altered,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Finding {
    /// The first entry where the chain does not hold, and how many more after it.
    BrokenLink { entry: i64, fault: LinkFault, more: usize },
    /// A row whose content is not what the record last said of it.
    Changed { table: String, key: String },
    /// A row the record never mentions.
    Unrecorded { table: String, key: String },
    /// A row the record has, that is gone.
    Vanished { table: String, key: String },
    /// A guard of the schema that is missing, altered, or not the tool's.
    Trigger { name: String, fault: TriggerFault },
    /// A term recorded as awarded or closed that is open now.
    TermReopened { year: i64, recorded: String },
    /// A term that is awarded or closed, whose rows changed outside the tool.
    ClosedTermChanged { year: i64, state: String, rows: usize },
    /// A mark on a current sheet that the term's scheme does not allow.
    MarkOutside {
        sheet: i64,
        code: String,
        criterion: usize,
        mark: i64,
        max: i64,
        step: i64,
    },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TriggerFault {
    Missing,
    Altered,
    Foreign,
}

/// Everything `audit verify` finds; empty when the record and the rows agree.
pub fn verify(conn: &Connection) -> Result<Vec<Finding>> {
    let mut found = Vec::new();
    found.extend(walk(conn)?);
    let changed = rows(conn, &mut found)?;
    found.extend(triggers(conn)?);
    found.extend(terms(conn, &changed)?);
    found.extend(marks(conn)?);
    Ok(found)
}

fn walk(conn: &Connection) -> Result<Option<Finding>> {
    let mut rows_of: HashMap<i64, Vec<RowChange>> = HashMap::new();
    {
        let mut st = conn.prepare("SELECT entry, tbl, key, before, after FROM audit_row")?;
        let mut q = st.query([])?;
        while let Some(r) = q.next()? {
            rows_of.entry(r.get(0)?).or_default().push(RowChange {
                table: r.get(1)?,
                key: r.get(2)?,
                before: r.get(3)?,
                after: r.get(4)?,
            });
        }
    }
    let mut st =
        conn.prepare("SELECT id, at, operator, term, action, target, detail, prev, rows, hash FROM audit ORDER BY id")?;
    let mut q = st.query([])?;
    let mut prev = String::new();
    let mut first: Option<(i64, LinkFault)> = None;
    let mut more = 0;
    while let Some(r) = q.next()? {
        let id: i64 = r.get(0)?;
        let stored_prev: Option<String> = r.get(7)?;
        let hash: Option<String> = r.get(9)?;
        let fault = match &hash {
            None => Some(LinkFault::Unhashed),
            Some(_) if stored_prev.as_deref() != Some(prev.as_str()) => Some(LinkFault::Unlinked),
            Some(h) => {
                let rows = rows_digest(rows_of.get(&id).map(Vec::as_slice).unwrap_or(&[]));
                let (at, operator, action, target, detail): (String, String, String, String, String) =
                    (r.get(1)?, r.get(2)?, r.get(4)?, r.get(5)?, r.get(6)?);
                let again = entry_hash(&Entry {
                    id,
                    prev: &prev,
                    at: &at,
                    operator: &operator,
                    term: r.get(3)?,
                    action: &action,
                    target: &target,
                    detail: &detail,
                    rows: &rows,
                });
                let stored_rows: Option<String> = r.get(8)?;
                (again != *h || stored_rows.as_deref() != Some(rows.as_str())).then_some(LinkFault::Altered)
            }
        };
        if let Some(f) = fault {
            if first.is_none() {
                first = Some((id, f));
            } else {
                more += 1;
            }
        }
        // Go on from what is stored, so that one broken link is named once.
        prev = hash.unwrap_or_default();
    }
    Ok(first.map(|(entry, fault)| Finding::BrokenLink { entry, fault, more }))
}

/// Holds each row against the digest the record last gave it. Returns the rows that
/// changed, by table, with their keys.
fn rows(conn: &Connection, found: &mut Vec<Finding>) -> Result<BTreeMap<String, Vec<String>>> {
    let mut changed: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let mut tables = Tables::default();
    for name in table_names(conn)? {
        // The record's last word on each row of the table.
        let mut recorded: HashMap<String, Option<String>> = HashMap::new();
        {
            let mut st = conn.prepare("SELECT key, after FROM audit_row WHERE tbl = ?1 ORDER BY entry")?;
            let mut q = st.query([&name])?;
            while let Some(r) = q.next()? {
                recorded.insert(r.get(0)?, r.get(1)?);
            }
        }
        let t = tables.get(conn, &name)?;
        let mut problems = Vec::new();
        super::each_row(conn, t, |key, digest| match recorded.remove(&key) {
            None => problems.push(Finding::Unrecorded {
                table: name.clone(),
                key,
            }),
            Some(after) if after.as_deref() != Some(digest.as_str()) => {
                changed.entry(name.clone()).or_default().push(key.clone());
                problems.push(Finding::Changed {
                    table: name.clone(),
                    key,
                })
            }
            Some(_) => {}
        })?;
        let mut gone: Vec<String> = recorded
            .into_iter()
            .filter(|(_, a)| a.is_some())
            .map(|(k, _)| k)
            .collect();
        gone.sort();
        problems.extend(gone.into_iter().map(|key| Finding::Vanished {
            table: name.clone(),
            key,
        }));
        found.extend(problems);
    }
    Ok(changed)
}

/// The triggers a database of this version has, by name, from the migrations themselves.
fn expected_triggers() -> Result<BTreeMap<String, String>> {
    let mem = Connection::open_in_memory()?;
    for steps in MIGRATIONS {
        for step in *steps {
            match step {
                Step::Sql(sql) => mem.execute_batch(sql)?,
                Step::Code(f) => f(&mem)?,
            }
        }
    }
    triggers_of(&mem)
}

fn triggers_of(conn: &Connection) -> Result<BTreeMap<String, String>> {
    let mut st = conn.prepare("SELECT name, sql FROM sqlite_schema WHERE type = 'trigger'")?;
    let map = st
        .query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(map)
}

fn triggers(conn: &Connection) -> Result<Vec<Finding>> {
    let want = expected_triggers()?;
    let have = triggers_of(conn)?;
    let mut found = Vec::new();
    for (name, sql) in &want {
        match have.get(name) {
            None => found.push(Finding::Trigger {
                name: name.clone(),
                fault: TriggerFault::Missing,
            }),
            Some(s) if s != sql => found.push(Finding::Trigger {
                name: name.clone(),
                fault: TriggerFault::Altered,
            }),
            Some(_) => {}
        }
    }
    for name in have.keys().filter(|n| !want.contains_key(*n)) {
        found.push(Finding::Trigger {
            name: name.clone(),
            fault: TriggerFault::Foreign,
        });
    }
    Ok(found)
}

/// The term of a changed row: its own `term` column, or its nomination's.
fn term_of(conn: &Connection, table: &str, key: &str) -> Result<Option<i64>> {
    let cols: Vec<String> = conn
        .prepare(&format!("PRAGMA table_info(\"{table}\")"))?
        .query_map([], |r| r.get::<_, String>(1))?
        .collect::<rusqlite::Result<_>>()?;
    let sql = if table == "term" {
        return Ok(key.parse().ok());
    } else if cols.iter().any(|c| c == "term") {
        format!("SELECT term FROM \"{table}\" WHERE rowid = ?1")
    } else if cols.iter().any(|c| c == "nomination") {
        format!("SELECT n.term FROM \"{table}\" x JOIN nomination n ON n.id = x.nomination WHERE x.rowid = ?1")
    } else {
        return Ok(None);
    };
    let Ok(rowid) = key.parse::<i64>() else {
        // A key of several columns starts with the term (scheme_category, criterion).
        return Ok(key.split('/').next().and_then(|t| t.parse().ok()));
    };
    Ok(conn.query_row(&sql, [rowid], |r| r.get(0)).ok())
}

/// A term's row that differs only in its state from the record was reopened (or closed)
/// by hand; rows of a term that is not open that changed were changed past its guard.
fn terms(conn: &Connection, changed: &BTreeMap<String, Vec<String>>) -> Result<Vec<Finding>> {
    let mut found = Vec::new();
    let mut tables = Tables::default();
    let t = tables.get(conn, "term")?.clone();
    let state_col = t.cols.iter().position(|c| c == "state");
    let mut per_term: BTreeMap<i64, usize> = BTreeMap::new();
    for (table, keys) in changed {
        for key in keys {
            if table == "term" {
                continue;
            }
            if let Some(year) = term_of(conn, table, key)? {
                *per_term.entry(year).or_default() += 1;
            }
        }
    }
    let mut st = conn.prepare(&format!("{} ORDER BY year", t.select()))?;
    let mut q = st.query([])?;
    while let Some(r) = q.next()? {
        let mut values: Vec<rusqlite::types::Value> = (0..t.cols.len())
            .map(|i| r.get::<_, rusqlite::types::Value>(i))
            .collect::<rusqlite::Result<_>>()?;
        let year: i64 = r.get("year")?;
        let state: String = r.get("state")?;
        let recorded = super::recorded(conn, "term", &year.to_string())?;
        if let (Some(i), Some(rec)) = (state_col, &recorded) {
            let digest_as = |values: &[rusqlite::types::Value]| {
                let refs: Vec<rusqlite::types::ValueRef> = values.iter().map(Into::into).collect();
                super::row_digest("term", &t.cols, &refs)
            };
            if state == "open" && digest_as(&values) != *rec {
                for was in ["awarded", "closed"] {
                    values[i] = rusqlite::types::Value::Text(was.to_string());
                    if digest_as(&values) == *rec {
                        found.push(Finding::TermReopened {
                            year,
                            recorded: was.to_string(),
                        });
                    }
                }
            }
        }
        if state != "open"
            && let Some(&rows) = per_term.get(&year)
        {
            found.push(Finding::ClosedTermChanged { year, state, rows });
        }
    }
    Ok(found)
}

/// Current sheets whose marks the term's scheme does not allow.
fn marks(conn: &Connection) -> Result<Vec<Finding>> {
    let mut found = Vec::new();
    for term in crate::store::all_terms(conn)? {
        let Ok(scheme) = crate::store::load_scheme(conn, term.year) else {
            continue;
        };
        for bad in crate::load::sheets_outside_scheme(conn, term.year, &scheme)? {
            found.push(Finding::MarkOutside {
                sheet: bad.sheet,
                code: bad.code,
                criterion: bad.criterion,
                mark: bad.mark,
                max: bad.max,
                step: scheme.step,
            });
        }
    }
    Ok(found)
}
