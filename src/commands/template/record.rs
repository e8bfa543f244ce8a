//! What the database offers a form: the term, its groups and units, the nominees and the
//! sheets on record, and with --filled the form's rows as they stand.

use anyhow::{Context, Result};
use rusqlite::Connection;

use super::{Form, ZhLabel, word};
use crate::commands::Ctx;
use crate::store::resolve_term;
use crate::values::{Category, fmt_points};

/// What the database offers the lists and the pre-filled rows.
#[derive(Default)]
pub(super) struct OnRecord {
    pub term: Option<(i32, String)>,
    pub groups: Vec<String>,
    pub units: Vec<String>,
    /// The units on record with their group: group, group kind, unit, has a window.
    pub members: Vec<(String, String, String, bool)>,
    /// Nominees that may be assessed: code, category, unit, name.
    pub nominees: Vec<(String, Category, String, String)>,
    /// Sheets on record: evaluator ("" for self), code, marks in hundredths, note.
    pub joint: Vec<(String, String, [i64; 5], String)>,
    pub sheets: Vec<(String, String, [i64; 5], String)>,
    /// With --filled, the rows on record of the form, as the form's cells.
    pub filled: Vec<Vec<String>>,
}

pub(super) fn on_record(ctx: &Ctx, conn: &Connection, form: Form, filled: bool) -> Result<OnRecord> {
    let names = |sql: &str| -> Result<Vec<String>> {
        let mut st = conn.prepare(sql)?;
        let rows = st
            .query_map([], |r| r.get(0))?
            .collect::<rusqlite::Result<Vec<String>>>()?;
        Ok(rows)
    };
    let mut rec = OnRecord {
        groups: names("SELECT name FROM org_group ORDER BY id").context("reading the groups")?,
        units: names("SELECT name FROM unit ORDER BY id").context("reading the units")?,
        ..OnRecord::default()
    };
    let mut st = conn
        .prepare("SELECT g.name, g.kind, u.name, u.has_window FROM unit u JOIN org_group g ON g.id = u.group_id ORDER BY u.id")
        .context("reading the units")?;
    rec.members = st
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let Ok(term) = resolve_term(conn, ctx) else {
        return Ok(rec);
    };
    rec.term = Some((term.year, term.title.clone()));
    let mut st = conn
        .prepare(
            "SELECT n.code, n.category, u.name, n.name FROM nomination n JOIN unit u ON u.id = n.unit_id
             WHERE n.term = ?1 AND n.status IN ('pending', 'verified') ORDER BY n.category DESC, n.code",
        )
        .context("reading the nominees")?;
    rec.nominees = st
        .query_map([term.year], |r| {
            let category: String = r.get(1)?;
            Ok((
                r.get(0)?,
                Category::from_code(&category).unwrap_or(Category::Window),
                r.get(2)?,
                r.get(3)?,
            ))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let mut st = conn
        .prepare(
            "SELECT s.evaluator, n.code, s.c1, s.c2, s.c3, s.c4, s.c5, s.note FROM sheet s
             JOIN nomination n ON n.id = s.nomination
             WHERE n.term = ?1 AND s.replaced_at IS NULL
             ORDER BY s.id",
        )
        .context("reading the sheets")?;
    let mut sheets = st
        .query_map([term.year], |r| {
            Ok((
                r.get(0)?,
                r.get(1)?,
                [r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?, r.get(6)?],
                r.get(7)?,
            ))
        })?
        .collect::<rusqlite::Result<Vec<(String, String, [i64; 5], String)>>>()?;
    sheets.retain(|s| !s.0.is_empty() || form == Form::SelfSheet);
    (rec.joint, rec.sheets) = sheets.into_iter().partition(|s| !s.0.is_empty());
    if filled {
        rec.filled = filled_rows(conn, term.year, form)?;
    }
    Ok(rec)
}

/// The rows on record of a form that is blank unless --filled, as its cells.
fn filled_rows(conn: &Connection, year: i32, form: Form) -> Result<Vec<Vec<String>>> {
    let (sql, width) = match form {
        Form::Nominations => (
            "SELECT n.category, n.name, u.name, g.name, n.position, n.staff_no, n.deeds, n.contact, n.phone,
                    coalesce(n.submitted_on, '')
             FROM nomination n JOIN unit u ON u.id = n.unit_id JOIN org_group g ON g.id = n.group_id
             WHERE n.term = ?1 AND n.status <> 'withdrawn' ORDER BY n.category DESC, n.serial",
            10,
        ),
        Form::Findings => (
            "SELECT n.code, n.category, u.name, n.name, f.kind, f.date, f.inspector, f.finding, f.deduction
             FROM finding f JOIN nomination n ON n.id = f.nomination JOIN unit u ON u.id = n.unit_id
             WHERE n.term = ?1 AND f.withdrawn_at IS NULL ORDER BY f.id",
            9,
        ),
        Form::Surveys => (
            "SELECT n.code, n.category, u.name, n.name, coalesce(s.date, ''), s.satisfied, s.total
             FROM survey s JOIN nomination n ON n.id = s.nomination JOIN unit u ON u.id = n.unit_id
             WHERE n.term = ?1 AND s.withdrawn_at IS NULL ORDER BY s.id",
            7,
        ),
        _ => return Ok(Vec::new()),
    };
    let mut st = conn.prepare(sql).context("reading the records of the form")?;
    let rows = st
        .query_map([year], |r| {
            (0..width)
                .map(|i| match r.get_ref(i)? {
                    rusqlite::types::ValueRef::Integer(n) => Ok(n.to_string()),
                    v => Ok(v.as_str().unwrap_or("").to_string()),
                })
                .collect::<rusqlite::Result<Vec<String>>>()
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    // Words and points as the form shows them.
    let category = |c: &str| Category::from_code(c).map_or(c.to_string(), |c| c.zh_label().to_string());
    Ok(rows
        .into_iter()
        .map(|mut row| {
            match form {
                Form::Nominations => row[0] = category(&row[0]),
                Form::Findings => {
                    row[1] = category(&row[1]);
                    row[4] = match row[4].as_str() {
                        "covert" => word("covert", "暗访"),
                        _ => word("open", "明查"),
                    }
                    .to_string();
                    row[8] = fmt_points(row[8].parse().unwrap_or(0));
                }
                Form::Surveys => row[1] = category(&row[1]),
                _ => {}
            }
            row
        })
        .collect())
}
