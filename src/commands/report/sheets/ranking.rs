//! The sheets of the ranking: the funnel from nomination to award, the quota line of each
//! category, and the candidates around it.

use super::points;
use crate::commands::report::gather::Report;
use crate::commands::report::words::{loss_label, stage_label};
use crate::core::report::{Mark, Stage, fraction};
use crate::i18n::tr;
use crate::output::{Cell, Col, Listing, category_col, code_col, col, group_col, name_col, unit_col};

fn stage_key(s: Stage) -> &'static str {
    match s {
        Stage::Nominated => "nominated",
        Stage::Verified => "verified",
        Stage::Complete => "complete",
        Stage::Eligible => "eligible",
        Stage::Shortlisted => "shortlisted",
        Stage::Proposed => "proposed",
        Stage::Awarded => "awarded",
    }
}

/// One row a category and a group: how many reached each step, the equals at the line, and
/// every loss counted by its reason, a column each (a candidate with two reasons counts under
/// both).
pub fn funnel(r: &Report) -> Listing {
    let stages: Vec<Stage> = r
        .funnel
        .first()
        .map(|f| f.steps.iter().map(|s| s.stage).collect())
        .unwrap_or_default();
    // The reasons in the order of the steps, each step's in the order they first appear.
    let mut reasons: Vec<&str> = Vec::new();
    for stage in &stages {
        for f in &r.funnel {
            for l in f.steps.iter().filter(|s| s.stage == *stage).flat_map(|s| &s.losses) {
                if !reasons.contains(&l.reason.as_str()) {
                    reasons.push(&l.reason);
                }
            }
        }
    }
    let mut cols = vec![category_col(), group_col()];
    cols.extend(stages.iter().map(|s| col(stage_key(*s), stage_label(*s))));
    cols.push(col("tied_at_line", tr("equals at the line", "名额线并列")));
    cols.extend(reasons.iter().map(|code| Col {
        key: "loss",
        label: loss_label(code),
    }));
    let mut l = Listing::new(cols);
    for f in &r.funnel {
        let mut row = vec![
            Cell::code(f.category.code(), f.category.label()),
            f.group.as_deref().unwrap_or(tr("all groups", "全部片组")).into(),
        ];
        row.extend(f.steps.iter().map(|s| Cell::Int(s.count as i64)));
        row.push(Cell::Int(f.tied_at_line as i64));
        for code in &reasons {
            let n: usize = f
                .steps
                .iter()
                .flat_map(|s| &s.losses)
                .filter(|l| l.reason == *code)
                .map(|l| l.count)
                .sum();
            row.push(if n == 0 { Cell::Null } else { Cell::Int(n as i64) });
        }
        l.push(row);
    }
    l
}

/// A candidate at the line, its total, and that total as an exact fraction of points.
fn mark(m: &Option<Mark>) -> [Cell; 3] {
    match m {
        Some(m) => [
            format!("{} {}", m.code, m.name).into(),
            points(&m.total),
            m.total_exact.as_str().into(),
        ],
        None => [Cell::Null, Cell::Null, Cell::Null],
    }
}

/// The quota line of each category: the last one in, the first one out, the margin (exact),
/// what decided between equal totals, and the equals that straddle the line.
pub fn line(r: &Report) -> Listing {
    let mut l = Listing::new(vec![
        category_col(),
        col("quota", tr("quota", "名额")),
        col("eligible", tr("eligible", "符合条件")),
        col("shortlisted", tr("shortlisted", "入围")),
        col("last_in", tr("last one in", "末位入围")),
        col("last_in_total", tr("its total", "末位入围总分")),
        col("last_in_exact", tr("its total, exact", "末位入围总分（精确）")),
        col("first_out", tr("first one out", "首位未入围")),
        col("first_out_total", tr("its total", "首位未入围总分")),
        col("first_out_exact", tr("its total, exact", "首位未入围总分（精确）")),
        col("margin", tr("margin", "分差")),
        col("margin_exact", tr("margin, exact", "分差（精确）")),
        col("decided_by", tr("equal totals decided by", "同分时依据")),
        col("tie", tr("equals at the line", "名额线并列")),
        col("near", tr("others within 0.5 points", "与末位相差0.5分以内的其他人")),
    ]);
    for x in &r.line {
        let mut row = vec![
            Cell::code(x.category.code(), x.category.label()),
            Cell::Int(x.quota as i64),
            Cell::Int(x.eligible as i64),
            Cell::Int(x.shortlisted as i64),
        ];
        row.extend(mark(&x.last_in));
        row.extend(mark(&x.first_out));
        row.push(x.margin.as_ref().map_or(Cell::Null, points));
        row.push(x.margin_exact.clone().into());
        row.push(x.decided_by.map_or(Cell::Null, |k| Cell::code(k.code(), k.label())));
        row.push(Cell::List(x.tie.clone()));
        row.push(Cell::Int(x.near as i64));
        l.push(row);
    }
    l
}

/// The candidates around each quota line, as the page's chart shows them: each total as its
/// weighted parts, which add up to it exactly.
pub fn around(r: &Report) -> Listing {
    let mut l = Listing::new(vec![
        category_col(),
        col("rank", tr("rank", "名次")),
        col("place", tr("place", "位次")),
        code_col(),
        name_col(),
        unit_col(),
        col("self", tr("self, weighted", "自评（加权）")),
        col("joint", tr("joint, weighted", "联评（加权）")),
        col("inspection", tr("inspection, weighted", "检查（加权）")),
        col("total", tr("total", "总分")),
        col("total_exact", tr("total, exact", "总分（精确）")),
        col("shortlisted", tr("shortlisted", "入围")),
        col("tie_at_cutoff", tr("equal at the line", "名额线并列")),
    ]);
    for x in &r.line {
        for b in &x.bars {
            l.push(vec![
                Cell::code(x.category.code(), x.category.label()),
                Cell::Int(b.rank as i64),
                Cell::Int(b.place as i64),
                b.code.as_str().into(),
                b.name.as_str().into(),
                b.unit.as_str().into(),
                points(&b.self_part),
                points(&b.joint),
                points(&b.inspection),
                points(&b.total),
                fraction(&b.total).into(),
                Cell::Bool(b.shortlisted),
                Cell::Bool(b.tie_at_cutoff),
            ]);
        }
    }
    l
}
