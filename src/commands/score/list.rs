//! `score list`: the current sheets (with --all, the replaced and withdrawn too).

use super::*;
use crate::output::{category_col, code_col, name_col, unit_col};

pub(super) struct SheetRow {
    pub(super) id: i64,
    pub(super) code: String,
    pub(super) category: Category,
    pub(super) name: String,
    pub(super) unit: String,
    pub(super) source: Source,
    pub(super) evaluator: String,
    pub(super) marks: [Centi; 5],
    pub(super) note: String,
    pub(super) recorded_at: String,
    pub(super) recorded_by: String,
    pub(super) replaced_at: Option<String>,
    pub(super) withdraw_reason: Option<String>,
}

pub(super) fn load_sheets(
    conn: &Connection,
    year: i32,
    filters: &[(&str, SqlValue)],
    all: bool,
) -> Result<Vec<SheetRow>> {
    let mut sql = String::from(
        "SELECT s.id, n.code, n.category, n.name, u.name, s.source, s.evaluator, s.c1, s.c2, s.c3, s.c4, s.c5,
                s.note, s.recorded_at, s.recorded_by, s.replaced_at, w.reason
         FROM sheet s JOIN nomination n ON n.id = s.nomination JOIN unit u ON u.id = n.unit_id
         LEFT JOIN sheet_withdrawal w ON w.sheet = s.id
         WHERE n.term = ?1",
    );
    if !all {
        sql += " AND s.replaced_at IS NULL";
    }
    let mut values = vec![SqlValue::Integer(year as i64)];
    for (i, (cond, v)) in filters.iter().enumerate() {
        sql += &format!(" AND {cond} ?{}", i + 2);
        values.push(v.clone());
    }
    // by code, as a number past 999: the code is the category's letter, the year, the serial
    sql += " ORDER BY n.category, n.term, n.serial, s.source DESC, s.evaluator, s.id";
    let mut st = conn.prepare(&sql).context("reading the sheets")?;
    let rows = st
        .query_map(params_from_iter(values), |r| {
            Ok(SheetRow {
                id: r.get(0)?,
                code: r.get(1)?,
                category: r.get(2)?,
                name: r.get(3)?,
                unit: r.get(4)?,
                source: Source::from_code(&r.get::<_, String>(5)?),
                evaluator: r.get(6)?,
                marks: [r.get(7)?, r.get(8)?, r.get(9)?, r.get(10)?, r.get(11)?],
                note: r.get(12)?,
                recorded_at: r.get(13)?,
                recorded_by: r.get(14)?,
                replaced_at: r.get(15)?,
                withdraw_reason: r.get(16)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()
        .context("reading the sheets")?;
    Ok(rows)
}

pub(super) fn list(
    ctx: &Ctx,
    code: Option<String>,
    source: Option<Source>,
    evaluator: Option<String>,
    category: Option<Category>,
    all: bool,
) -> Result<()> {
    let conn = ctx.read()?;
    let term = store::resolve_term(conn, ctx)?;
    let mut filters = Vec::new();
    if let Some(code) = code {
        let n = nominee_by_code(conn, term.year, &code)?;
        filters.push(("n.id =", SqlValue::Integer(n.id)));
    }
    if let Some(s) = source {
        filters.push(("s.source =", SqlValue::Text(s.code().to_string())));
    }
    if let Some(e) = evaluator {
        filters.push(("s.evaluator =", SqlValue::Text(e.trim().to_string())));
    }
    if let Some(c) = category {
        filters.push(("n.category =", SqlValue::Text(c.code().to_string())));
    }
    let mut cols = vec![
        col("id", tr("sheet", "表号")),
        code_col(),
        category_col(),
        name_col(),
        unit_col(),
        col("source", tr("source", "来源")),
        col("evaluator", tr("evaluator", "评分人")),
        col("c1", tr("c1", "指标1")),
        col("c2", tr("c2", "指标2")),
        col("c3", tr("c3", "指标3")),
        col("c4", tr("c4", "指标4")),
        col("c5", tr("c5", "指标5")),
        col("total", tr("total", "合计")),
        col("note", tr("note", "备注")),
        col("recorded_at", tr("recorded", "录入时间")),
        col("recorded_by", tr("by", "录入人")),
    ];
    if all {
        cols.push(col("replaced_at", tr("replaced", "替换时间")));
        cols.push(col("withdraw_reason", tr("withdrawn because", "撤回理由")));
    }
    let mut l = Listing::new(cols);
    for s in load_sheets(conn, term.year, &filters, all)? {
        let mut row = vec![
            Cell::Int(s.id),
            s.code.into(),
            Cell::code(s.category.code(), s.category.label()),
            s.name.into(),
            s.unit.into(),
            Cell::code(s.source.code(), s.source.label()),
            s.evaluator.into(),
        ];
        row.extend(s.marks.iter().map(|m| points_cell(Some(*m))));
        row.push(points_cell(Some(s.marks.iter().sum())));
        row.extend([s.note.into(), s.recorded_at.into(), s.recorded_by.into()]);
        if all {
            row.push(s.replaced_at.into());
            row.push(s.withdraw_reason.into());
        }
        l.push(row);
    }
    l.print(ctx.format)
}
