//! `score evaluators`: how each evaluator marks beside the others (leniency), from the
//! current joint sheets. Load → core (`core::panel::leniency`) → view → render.

use anyhow::{Context, Result};
use num_rational::Ratio;
use rusqlite::Connection;

use crate::commands::Ctx;
use crate::commands::panel::members;
use crate::core::panel::{JointTotal, leniency};
use crate::i18n::tr;
use crate::output::{Cell, Listing, col, unit_col};
use crate::store;
use crate::values::{fmt_exact, to_f64};

/// The current joint sheets of the term, by their totals.
pub fn joint_totals(conn: &Connection, year: i32) -> Result<Vec<JointTotal>> {
    let mut st = conn.prepare_cached(
        "SELECT n.code, s.evaluator, s.c1 + s.c2 + s.c3 + s.c4 + s.c5 FROM sheet s JOIN nomination n ON n.id = s.nomination
         WHERE n.term = ?1 AND s.source = 'joint' AND s.replaced_at IS NULL ORDER BY s.id",
    )?;
    let rows = st.query_map([year], |r| {
        Ok(JointTotal {
            code: r.get(0)?,
            evaluator: r.get(1)?,
            total: r.get(2)?,
        })
    })?;
    rows.collect::<rusqlite::Result<_>>()
        .context("reading the joint sheets")
}

pub fn run(ctx: &Ctx) -> Result<()> {
    let conn = ctx.read()?;
    let term = store::resolve_term(conn, ctx)?;
    let panel = members(conn, term.year, true)?;
    let mut l = Listing::new(vec![
        col("evaluator", tr("evaluator", "评分人")),
        unit_col(),
        col("sheets", tr("sheets", "评分表数")),
        col("mean_total", tr("mean total", "平均总分")),
        col("spread", tr("spread (sd)", "离散度（标准差）")),
        col(
            "mean_difference",
            tr("mean difference from the others", "与其他评委平均差"),
        ),
    ]);
    for e in leniency(&joint_totals(conn, term.year)?) {
        let unit = panel
            .iter()
            .find(|m| m.name == e.evaluator)
            .map(|m| m.unit.clone())
            .unwrap_or_default();
        let spread = (e.spread * 100.0).round() / 100.0;
        l.push(vec![
            Cell::Text(e.evaluator),
            Cell::Text(unit),
            Cell::Int(e.sheets as i64),
            Cell::Num(to_f64(&e.mean), fmt_exact(&e.mean)),
            Cell::Num(spread, format!("{spread:.2}")),
            match e.mean_difference {
                Some(d) => {
                    let sign = if d > Ratio::from_integer(0) { "+" } else { "" };
                    Cell::Num(to_f64(&d), format!("{sign}{}", fmt_exact(&d)))
                }
                None => Cell::Null,
            },
        ]);
    }
    l.print(ctx.format)
}
