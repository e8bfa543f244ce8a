//! `veto list`: the vetoes of the term (or of a unit in every term), against nominations
//! and against units, in force and revoked.

use anyhow::{Context, Result};
use rusqlite::params;

use super::ListArgs;
use crate::commands::Ctx;
use crate::i18n::tr;
use crate::load::unit_vetoes_of;
use crate::messages::veto::ground_text as ground_label;
use crate::output::{Cell, Listing, category_col, code_col, col, name_col, unit_col};
use crate::store::{self, nominee_by_code, unit_by_name};
use crate::values::Category;

/// One veto as listed: against a nomination, or against a unit.
struct Line {
    id: i64,
    term: i32,
    against_unit: bool,
    codes: Vec<String>,
    category: Cell,
    name: String,
    unit: String,
    person: String,
    reason: String,
    evidence: String,
    document: String,
    added_at: String,
    added_by: String,
    revoked_at: Option<String>,
    revoked_by: Option<String>,
    revoke_reason: Option<String>,
}

pub fn run(ctx: &Ctx, a: ListArgs) -> Result<()> {
    let conn = ctx.read()?;
    let term = store::resolve_term(conn, ctx)?;
    let year = (!a.all_terms).then_some(term.year);
    let nominee = a.code.map(|c| nominee_by_code(conn, term.year, &c)).transpose()?;
    let unit = match (&a.unit, &nominee) {
        (Some(u), _) => Some(unit_by_name(conn, u)?.1),
        (None, Some(n)) => Some(n.unit.clone()),
        (None, None) => None,
    };
    let mut lines: Vec<Line> = Vec::new();
    let mut st = conn.prepare(
        "SELECT v.id, n.term, n.code, n.category, n.name, u.name, v.reason, v.evidence, v.document, v.added_at,
                v.added_by, v.revoked_at, v.revoked_by, v.revoke_reason
         FROM veto v JOIN nomination n ON n.id = v.nomination JOIN unit u ON u.id = n.unit_id
         WHERE (?1 IS NULL OR n.term = ?1) AND (?2 IS NULL OR n.id = ?2) AND (?3 IS NULL OR u.name = ?3)",
    )?;
    let rows = st.query_map(params![year, nominee.as_ref().map(|n| n.id), unit.as_deref()], |r| {
        let category: Category = r.get(3)?;
        Ok(Line {
            id: r.get(0)?,
            term: r.get(1)?,
            against_unit: false,
            codes: vec![r.get(2)?],
            category: Cell::code(category.code(), category.label()),
            name: r.get(4)?,
            unit: r.get(5)?,
            person: String::new(),
            reason: r.get(6)?,
            evidence: r.get(7)?,
            document: r.get(8)?,
            added_at: r.get(9)?,
            added_by: r.get(10)?,
            revoked_at: r.get(11)?,
            revoked_by: r.get(12)?,
            revoke_reason: r.get(13)?,
        })
    })?;
    for row in rows {
        lines.push(row.context("reading the vetoes")?);
    }
    let mut reach = conn.prepare(
        "SELECT n.code, n.category FROM nomination n JOIN unit u ON u.id = n.unit_id
         WHERE n.term = ?1 AND u.name = ?2 AND n.status <> 'withdrawn' ORDER BY n.code",
    )?;
    for v in unit_vetoes_of(conn, year, unit.as_deref(), false)? {
        let codes: Vec<String> = reach
            .query_map(params![v.term, v.unit], |r| {
                Ok((r.get::<_, String>(0)?, r.get::<_, Category>(1)?))
            })?
            .filter_map(|r| r.ok())
            .filter(|(_, c)| v.scope.reaches(*c))
            .map(|(code, _)| code)
            .collect();
        if let Some(n) = &nominee
            && !codes.contains(&n.code)
        {
            continue;
        }
        let w = v.revoked;
        lines.push(Line {
            id: v.id,
            term: v.term,
            against_unit: true,
            codes,
            category: Cell::code(v.scope.code(), v.scope.label()),
            name: String::new(),
            unit: v.unit,
            person: v.person,
            reason: v.reason,
            evidence: v.evidence,
            document: v.document,
            added_at: v.added_at,
            added_by: v.added_by,
            revoked_at: w.as_ref().map(|w| w.at.clone()),
            revoked_by: w.as_ref().map(|w| w.by.clone()),
            revoke_reason: w.map(|w| w.reason),
        });
    }
    lines.retain(|l| (!a.active || l.revoked_at.is_none()) && (!a.revoked || l.revoked_at.is_some()));
    lines.sort_by_key(|l| (l.term, l.id));

    let mut cols = vec![
        col("id", tr("no.", "序号")),
        code_col(),
        category_col(),
        name_col(),
        unit_col(),
        col("against", tr("against", "否决对象")),
        col("reaches", tr("reaches", "涉及推荐对象")),
        col("person", tr("person", "当事人")),
        col("reason", tr("ground", "否决事由")),
        col("evidence", tr("evidence", "依据")),
        col("document", tr("document", "文件")),
        col("active", tr("in force", "有效")),
        col("added_at", tr("added", "录入时间")),
        col("added_by", tr("by", "录入人")),
        col("revoked_at", tr("revoked", "撤销时间")),
        col("revoked_by", tr("revoked by", "撤销人")),
        col("revoke_reason", tr("why revoked", "撤销理由")),
    ];
    if a.all_terms {
        cols.insert(0, col("term", tr("term", "届期")));
    }
    let mut l = Listing::new(cols);
    for v in lines {
        let against = if v.against_unit {
            Cell::code("unit", tr("the unit", "单位"))
        } else {
            Cell::code("nomination", tr("the nomination", "推荐对象"))
        };
        // `code` stays one code (empty for a unit's veto); `reaches` lists every nomination.
        let code = if v.against_unit {
            Cell::Text(String::new())
        } else {
            Cell::Text(v.codes.first().cloned().unwrap_or_default())
        };
        let reaches = Cell::List(v.codes);
        let mut row = vec![
            Cell::Int(v.id),
            code,
            v.category,
            Cell::Text(v.name),
            Cell::Text(v.unit),
            against,
            reaches,
            Cell::Text(v.person),
            Cell::code(&v.reason, ground_label(&v.reason)),
            Cell::Text(v.evidence),
            Cell::Text(v.document),
            Cell::Bool(v.revoked_at.is_none()),
            Cell::Text(v.added_at),
            Cell::Text(v.added_by),
            v.revoked_at.into(),
            v.revoked_by.into(),
            v.revoke_reason.into(),
        ];
        if a.all_terms {
            row.insert(0, Cell::Int(v.term as i64));
        }
        l.push(row);
    }
    l.print(ctx.format)
}
