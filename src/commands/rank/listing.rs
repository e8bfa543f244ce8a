//! The rank as a listing: its columns, one row per candidate, and the output in each format.

use anyhow::Result;

use super::Normalized;
use super::view::{View, mark};
use crate::commands::common::{exact_cell, fraction, points_cell, satisfaction_cell};
use crate::i18n::tr;
use crate::load::Ranked;
use crate::messages::say;
use crate::output::{
    Cell, Format, Listing, category_col, code_col, col, group_col, name_col, out, print_rows, unit_col,
};

/// The columns of the table and Markdown views; JSON and CSV carry every column but the mark.
const TABLE_COLUMNS: &[&str] = &[
    "rank",
    "mark",
    "code",
    "name",
    "unit",
    "group",
    "self",
    "joint",
    "inspection",
    "satisfaction",
    "total",
    "status",
    "reasons",
    "past_awards",
];
const DATA_COLUMNS: &[&str] = &[
    "rank",
    "category_rank",
    "code",
    "category",
    "name",
    "unit",
    "group",
    "self",
    "joint",
    "inspection",
    "satisfaction",
    "total",
    "total_exact",
    "status",
    "reasons",
    "shortlisted",
    "tie_at_cutoff",
    "past_awards",
];

/// Every row shown, with every column: one row type for every format.
/// Per nomination, the earlier years in which the same nominee was awarded.
pub(super) type Past = std::collections::HashMap<i64, Vec<i32>>;

fn listing<'a>(views: impl IntoIterator<Item = &'a View<'a>>, norm: Option<&Normalized>, past: &Past) -> Listing {
    let mut l = Listing::new(all_columns());
    for v in views {
        for (shown, r) in v.shown() {
            l.push(row(*shown, r, norm, past));
        }
    }
    l
}

/// Every column a rank listing has; each output shows some of them.
pub(super) fn all_columns() -> Vec<crate::output::Col> {
    vec![
        col("rank", tr("#", "名次")),
        col("category_rank", tr("rank in category", "类别名次")),
        col("mark", tr("shortlist", "入围")),
        code_col(),
        category_col(),
        name_col(),
        unit_col(),
        group_col(),
        col("self", tr("self", "自评")),
        col("joint", tr("joint", "联评")),
        col("inspection", tr("inspection", "检查")),
        col("satisfaction", tr("satisfaction", "满意度")),
        col("total", tr("total", "总分")),
        col("total_exact", tr("total (exact)", "总分（精确）")),
        col("status", tr("status", "状态")),
        col("reasons", tr("reasons", "原因")),
        col("shortlisted", tr("shortlisted", "入围")),
        col("tie_at_cutoff", tr("tie at cutoff", "名额线并列")),
        col("past_awards", tr("awarded before", "往年获表彰")),
        col("normalized_rank", tr("z-order (advice)", "标准化参考名次")),
        col("normalized_score", tr("mean z (advice)", "标准分均值（参考）")),
    ]
}

/// One candidate's row, at the rank shown.
pub(super) fn row(shown: Option<usize>, r: &Ranked, norm: Option<&Normalized>, past: &Past) -> Vec<Cell> {
    let c = &r.entry.candidate;
    let a = &r.assessment;
    vec![
        shown.map(|n| n as i64).into(),
        r.rank.map(|n| n as i64).into(),
        mark(r).into(),
        c.code.clone().into(),
        Cell::code(c.category.code(), c.category.label()),
        c.name.clone().into(),
        c.unit.clone().into(),
        c.group.clone().into(),
        points_cell(a.self_total),
        exact_cell(a.joint.as_ref().map(|j| j.mean)),
        points_cell(Some(a.inspection)),
        satisfaction_cell(a.satisfaction),
        exact_cell(a.total),
        a.total.as_ref().map(fraction).into(),
        Cell::code(a.status.code(), a.status.label()),
        Cell::words(&a.reasons),
        r.shortlisted.into(),
        r.tie_at_cutoff.into(),
        Cell::Ints(
            past.get(&r.entry.id)
                .map(|v| v.iter().map(|y| i64::from(*y)).collect())
                .unwrap_or_default(),
        ),
        norm.and_then(|n| n.get(&c.code)).map(|x| x.0 as i64).into(),
        match norm.and_then(|n| n.get(&c.code)) {
            Some((_, z)) => Cell::Num(*z, format!("{z:+.3}")),
            None => Cell::Null,
        },
    ]
}

/// The columns shown, with the advisory ones when asked for.
pub(super) fn columns(base: &[&'static str], norm: Option<&Normalized>) -> Vec<&'static str> {
    let mut v = base.to_vec();
    if norm.is_some() {
        v.extend(["normalized_rank", "normalized_score"]);
    }
    v
}

pub(super) fn print(
    format: Format,
    year: i32,
    views: &[View],
    norm: Option<&Normalized>,
    past: &Past,
    head: Option<(i64, String)>,
) -> Result<()> {
    match format {
        // Row by row: a hundred thousand candidates take the memory of one row.
        Format::Json | Format::Csv => {
            let rows = views
                .iter()
                .flat_map(|v| v.shown().map(|(shown, r)| row(*shown, r, norm, past)));
            print_rows(&all_columns(), &columns(DATA_COLUMNS, norm), rows, format)
        }
        Format::Table | Format::Md => {
            let mut s = String::new();
            for (i, v) in views.iter().enumerate() {
                if i > 0 {
                    s.push('\n');
                }
                let mut heading = v.heading(year);
                if norm.is_some() {
                    heading += tr(
                        "\nz-order: advice only, the order per-evaluator z-scores of the joint sheets would give; it changes no status, shortlist or award",
                        "\n标准化参考名次：仅供参考，按各评委联评分的标准分排序；不改变资格、入围和授奖",
                    );
                }
                if format == Format::Md {
                    let mut lines = heading.lines();
                    s += &format!("## {}\n\n", lines.next().unwrap_or_default());
                    for line in lines {
                        s += &format!("{line}\n\n");
                    }
                } else {
                    s += &heading;
                    s.push('\n');
                }
                if v.shown().next().is_none() {
                    s += v.empty_text();
                } else {
                    s += &listing([v], norm, past)
                        .only(&columns(TABLE_COLUMNS, norm))
                        .render(format)?;
                }
            }
            // The record this list was drawn from, to print with it: a later copy of the
            // database can be checked against the paper (`audit head`, `audit verify`).
            if let Some((entry, hash)) = head {
                s += &say!(
                    en("\nRecord: audit entry {entry}, hash {hash}\n"),
                    zh("\n记录校验：第 {entry} 条操作记录，校验码 {hash}\n")
                );
            }
            out(&s)
        }
    }
}
