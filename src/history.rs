//! A nominee's record in other terms, found by `core::history::same_nominee`: the terms it was
//! nominated in, what became of it there, and the years it was awarded.

use std::collections::HashMap;

use anyhow::{Context, Result};
use rusqlite::Connection;

use crate::core::history::{Identity, same_nominee};
use crate::i18n::tr;
use crate::messages::say;
use crate::messages::veto::ground_text as ground_label;
use crate::store::{NominationStatus, load_scheme};

/// One nomination of any term, with what names it across terms.
#[derive(Clone, Debug)]
struct Nomination {
    id: i64,
    term: i32,
    code: String,
    status: NominationStatus,
    who: Identity,
}

fn nominations(conn: &Connection) -> Result<Vec<Nomination>> {
    let mut st = conn.prepare_cached(
        "SELECT n.id, n.term, n.code, n.status, n.category, u.name, n.name, n.staff_no
         FROM nomination n JOIN unit u ON u.id = n.unit_id ORDER BY n.term, n.id",
    )?;
    let rows = st.query_map([], |r| {
        Ok(Nomination {
            id: r.get(0)?,
            term: r.get(1)?,
            code: r.get(2)?,
            status: r.get(3)?,
            who: Identity {
                category: r.get(4)?,
                unit: r.get(5)?,
                name: r.get(6)?,
                staff_no: r.get(7)?,
            },
        })
    })?;
    rows.collect::<rusqlite::Result<_>>()
        .context("reading the nominations of every term")
}

/// For each nomination of `year` that has any: the earlier years in which the same nominee
/// was awarded (a nomination without is left out). Only the awarded nominations of earlier
/// terms are held; the term's own are read one at a time and held against them.
pub fn past_awards(conn: &Connection, year: i32) -> Result<HashMap<i64, Vec<i32>>> {
    let who = |r: &rusqlite::Row<'_>, at: usize| -> rusqlite::Result<Identity> {
        Ok(Identity {
            category: r.get(at)?,
            unit: r.get(at + 1)?,
            name: r.get(at + 2)?,
            staff_no: r.get(at + 3)?,
        })
    };
    let won: Vec<(i32, Identity)> = conn
        .prepare_cached(
            "SELECT n.term, n.category, u.name, n.name, n.staff_no
             FROM award a JOIN nomination n ON n.id = a.nomination JOIN unit u ON u.id = n.unit_id
             WHERE a.revoked_at IS NULL AND n.term < ?1",
        )?
        .query_map([year], |r| Ok((r.get(0)?, who(r, 1)?)))?
        .collect::<rusqlite::Result<_>>()
        .context("reading the awards")?;
    let mut out = HashMap::new();
    if won.is_empty() {
        return Ok(out);
    }
    let mut st = conn.prepare_cached(
        "SELECT n.id, n.category, u.name, n.name, n.staff_no
         FROM nomination n JOIN unit u ON u.id = n.unit_id WHERE n.term = ?1",
    )?;
    let mut rows = st.query([year])?;
    while let Some(r) = rows.next().context("reading the nominations of every term")? {
        let n = who(r, 1)?;
        let mut years: Vec<i32> = won
            .iter()
            .filter(|(_, w)| same_nominee(w, &n))
            .map(|(term, _)| *term)
            .collect();
        if !years.is_empty() {
            years.sort_unstable();
            years.dedup();
            out.insert(r.get(0)?, years);
        }
    }
    Ok(out)
}

/// The nominee's other terms, one line each: the term, the code, and what became of it.
pub fn past_terms(conn: &Connection, nomination: i64) -> Result<Vec<String>> {
    let all = nominations(conn)?;
    let Some(this) = all.iter().find(|n| n.id == nomination) else {
        return Ok(Vec::new());
    };
    let mut lines = Vec::new();
    for n in all
        .iter()
        .filter(|n| n.term < this.term && same_nominee(&n.who, &this.who))
    {
        let mut what: Vec<String> = vec![tr("nominated", "获推荐").to_string()];
        if n.status == NominationStatus::Withdrawn || n.status == NominationStatus::Rejected {
            what.push(n.status.label().to_string());
        }
        // Shortlisted in its term, as that term's scheme ranks it today.
        let scheme = load_scheme(conn, n.term)?;
        if let Ok(boards) = crate::load::boards(conn, n.term, &scheme, crate::load::Detail::Scores)
            && boards
                .iter()
                .flat_map(|b| &b.rows)
                .any(|r| r.entry.id == n.id && r.shortlisted)
        {
            what.push(tr("shortlisted", "入围").to_string());
        }
        let award: Option<(String, Option<String>)> = conn
            .query_row(
                "SELECT certificate, revoke_reason FROM award WHERE nomination = ?1",
                [n.id],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .ok();
        match award {
            Some((cert, None)) => what.push(say!(en("awarded ({cert})"), zh("获表彰（{cert}）"))),
            Some((cert, Some(why))) => what.push(say!(
                en("awarded ({cert}), award revoked: {why}"),
                zh("获表彰（{cert}），后撤销：{why}")
            )),
            None => {}
        }
        for v in crate::load::vetoes_in_force(conn, n.term, n.id, &n.who.unit, n.who.category)? {
            let whose = if v.unit.is_some() {
                tr(" (against the unit)", "（针对单位）")
            } else {
                ""
            };
            what.push(say!(
                en("vetoed: {}{whose}", ground_label(&v.reason)),
                zh("一票否决：{}{whose}", ground_label(&v.reason))
            ));
        }
        lines.push(format!("{} {}: {}", n.term, n.code, what.join("; ")));
    }
    Ok(lines)
}
