//! `inspect list`: the term's findings and surveys by date, each named F12 or S3; withdrawn
//! ones only with --all, with who withdrew them, when and why.

use anyhow::{Context, Result};
use rusqlite::params;

use super::ListKind;
use super::records::Table;
use crate::commands::Ctx;
use crate::commands::common::{FindingKind, points_cell, satisfaction_cell};
use crate::core::assess::Satisfaction;
use crate::i18n::tr;
use crate::output::{Cell, Listing, code_col, col, name_col, unit_col};
use crate::store::{self, nominee_by_code};
use crate::values::{Centi, code_order, parse_date};

/// By date (undated surveys last), then nominee, findings before surveys, as recorded.
fn order(l: &Line) -> (bool, Option<&str>, (&str, usize, &str), bool, i64) {
    (
        l.date.is_none(),
        l.date.as_deref(),
        code_order(&l.code),
        l.table == Table::Survey,
        l.id,
    )
}

struct Line {
    table: Table,
    kind: &'static str,
    kind_label: &'static str,
    id: i64,
    code: String,
    name: String,
    unit: String,
    date: Option<String>,
    inspector: String,
    finding: String,
    deduction: Option<Centi>,
    counts: Option<(i64, i64)>,
    recorded_at: String,
    recorded_by: String,
    withdrawn_at: Option<String>,
    withdrawn_by: Option<String>,
    withdraw_reason: Option<String>,
}

pub(super) struct Filter {
    pub code: Option<String>,
    pub kind: Option<ListKind>,
    pub from: Option<String>,
    pub to: Option<String>,
    pub all: bool,
}

pub(super) fn list(ctx: &Ctx, filter: Filter) -> Result<()> {
    let conn = ctx.read()?;
    let term = store::resolve_term(conn, ctx)?;
    let nomination = filter
        .code
        .map(|c| nominee_by_code(conn, term.year, &c).map(|n| n.id))
        .transpose()?;
    let day = |flag: &str, v: Option<String>| -> Result<Option<String>> {
        v.map(|d| {
            parse_date(&d)
                .map(|d| d.to_string())
                .with_context(|| format!("{flag} \"{d}\""))
        })
        .transpose()
    };
    let from = day("--from", filter.from)?;
    let to = day("--to", filter.to)?;
    let (kind, all) = (filter.kind, filter.all);
    let mut lines = Vec::new();
    if !matches!(kind, Some(ListKind::Survey)) {
        let kind_code = match kind {
            Some(ListKind::Open) => Some(FindingKind::Open.code()),
            Some(ListKind::Covert) => Some(FindingKind::Covert.code()),
            _ => None,
        };
        let mut st = conn.prepare(
            "SELECT f.id, f.kind, n.code, n.name, u.name, f.date, f.inspector, f.finding, f.deduction,
                    f.recorded_at, f.recorded_by, f.withdrawn_at, f.withdrawn_by, f.withdraw_reason
             FROM finding f JOIN nomination n ON n.id = f.nomination JOIN unit u ON u.id = n.unit_id
             WHERE n.term = ?1 AND (?2 IS NULL OR n.id = ?2) AND (?3 IS NULL OR f.kind = ?3)
               AND (?4 IS NULL OR f.date >= ?4) AND (?5 IS NULL OR f.date <= ?5)
               AND (?6 OR f.withdrawn_at IS NULL)",
        )?;
        let rows = st.query_map(params![term.year, nomination, kind_code, from, to, all], |r| {
            let k: FindingKind = r.get(1)?;
            Ok(Line {
                table: Table::Finding,
                kind: k.code(),
                kind_label: k.label(),
                id: r.get(0)?,
                code: r.get(2)?,
                name: r.get(3)?,
                unit: r.get(4)?,
                date: r.get(5)?,
                inspector: r.get(6)?,
                finding: r.get(7)?,
                deduction: Some(r.get(8)?),
                counts: None,
                recorded_at: r.get(9)?,
                recorded_by: r.get(10)?,
                withdrawn_at: r.get(11)?,
                withdrawn_by: r.get(12)?,
                withdraw_reason: r.get(13)?,
            })
        })?;
        for l in rows {
            lines.push(l.context(crate::i18n::tr("reading the findings", "读取检查发现"))?);
        }
    }
    if matches!(kind, None | Some(ListKind::Survey)) {
        let dated = from.is_some() || to.is_some();
        let mut st = conn.prepare(
            "SELECT s.id, n.code, n.name, u.name, s.date, s.satisfied, s.total, s.recorded_at, s.recorded_by,
                    s.withdrawn_at, s.withdrawn_by, s.withdraw_reason
             FROM survey s JOIN nomination n ON n.id = s.nomination JOIN unit u ON u.id = n.unit_id
             WHERE n.term = ?1 AND (?2 IS NULL OR n.id = ?2)
               AND (?3 = 0 OR s.date IS NOT NULL)
               AND (?4 IS NULL OR s.date >= ?4) AND (?5 IS NULL OR s.date <= ?5)
               AND (?6 OR s.withdrawn_at IS NULL)",
        )?;
        let rows = st.query_map(params![term.year, nomination, dated, from, to, all], |r| {
            Ok(Line {
                table: Table::Survey,
                kind: "survey",
                kind_label: tr("survey", "满意度调查"),
                id: r.get(0)?,
                code: r.get(1)?,
                name: r.get(2)?,
                unit: r.get(3)?,
                date: r.get(4)?,
                inspector: String::new(),
                finding: String::new(),
                deduction: None,
                counts: Some((r.get(5)?, r.get(6)?)),
                recorded_at: r.get(7)?,
                recorded_by: r.get(8)?,
                withdrawn_at: r.get(9)?,
                withdrawn_by: r.get(10)?,
                withdraw_reason: r.get(11)?,
            })
        })?;
        for l in rows {
            lines.push(l.context(crate::i18n::tr("reading the surveys", "读取满意度调查"))?);
        }
    }
    // By date (undated surveys last), then nominee, findings before surveys, as recorded.
    lines.sort_by(|a, b| order(a).cmp(&order(b)));
    let mut cols = vec![
        col("kind", tr("kind", "方式")),
        col("id", tr("no.", "序号")),
        code_col(),
        name_col(),
        unit_col(),
        col("date", tr("date", "日期")),
        col("inspector", tr("inspector", "检查人")),
        col("finding", tr("finding", "发现问题")),
        col("deduction", tr("deduction", "扣分")),
        col("satisfied", tr("satisfied", "满意人数")),
        col("total", tr("asked", "调查人数")),
        col("rate", tr("satisfaction", "满意度")),
        col("percent", tr("percent", "百分比")),
        col("recorded_at", tr("recorded", "录入时间")),
        col("recorded_by", tr("by", "录入人")),
    ];
    if all {
        cols.extend([
            col("withdrawn_at", tr("withdrawn", "撤销时间")),
            col("withdrawn_by", tr("withdrawn by", "撤销人")),
            col("withdraw_reason", tr("why withdrawn", "撤销理由")),
        ]);
    }
    let mut l = Listing::new(cols);
    for x in lines {
        let (satisfied, total, rate, percent) = match x.counts {
            Some((satisfied, total)) => {
                let sat = Satisfaction { satisfied, total };
                (
                    Cell::Int(satisfied),
                    Cell::Int(total),
                    Cell::Text(sat.ratio_text()),
                    satisfaction_cell(Some(sat)),
                )
            }
            None => (Cell::Null, Cell::Null, Cell::Null, Cell::Null),
        };
        let mut row = vec![
            Cell::code(x.kind, x.kind_label),
            Cell::Text(x.table.reference(x.id)),
            x.code.into(),
            x.name.into(),
            x.unit.into(),
            x.date.into(),
            x.inspector.into(),
            x.finding.into(),
            points_cell(x.deduction),
            satisfied,
            total,
            rate,
            percent,
            x.recorded_at.into(),
            x.recorded_by.into(),
        ];
        if all {
            row.extend([x.withdrawn_at.into(), x.withdrawn_by.into(), x.withdraw_reason.into()]);
        }
        l.push(row);
    }
    l.print(ctx.format)
}
