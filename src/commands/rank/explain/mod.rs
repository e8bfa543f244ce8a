//! `rank --explain CODE`: every step of one candidate's score, status and place, in words
//! (text or Markdown), as one JSON object, or as CSV rows of step, item and value.

mod json;
mod listings;
mod place;
mod text;

use json::*;

use anyhow::{Result, bail};
use num_rational::Ratio;
use rusqlite::Connection;
use serde_json::Value;

use crate::commands::Ctx;
use crate::commands::common::{FindingKind, JointText, exact_cell, exact_text, fate_note, fraction, points_cell};
use crate::core::assess::{Assessment, Exact, Fate, Reason, Satisfaction};
use crate::core::rank::deciding_key;
use crate::core::scheme::{OrderKey, Scheme};
use crate::i18n::tr;
use crate::load::{self, Board, Ranked, Withdrawal, finding_ref, survey_ref};
use crate::messages::say;
use crate::output::{Cell, Format, Listing, col, out};
use crate::store::{self, criterion_name};
use crate::values::{Centi, fmt_exact, fmt_points, to_f64};

pub fn run(ctx: &Ctx, conn: &Connection, year: i32, scheme: &Scheme, boards: &[Board], code: &str) -> Result<()> {
    let wanted = code.trim().to_uppercase();
    let found = boards.iter().find_map(|b| {
        b.rows
            .iter()
            .position(|r| r.entry.candidate.code == wanted)
            .map(|i| (b, i))
    });
    let Some((board, pos)) = found else {
        store::nominee_by_code(conn, year, &wanted)?;
        bail!("{} {wanted}", tr("cannot find", "找不到"));
    };
    let mut facts = Facts::new(scheme, board, pos);
    // Who of the panel recused from this nominee (回避), and why.
    let c = &board.rows[pos].entry.candidate;
    let subject = crate::core::panel::Subject {
        code: c.code.clone(),
        category: c.category,
        name: c.name.clone(),
        unit: c.unit.clone(),
    };
    facts.unit_rank = conn
        .query_row(
            "SELECT r.place, r.of_count FROM nomination_unit_rank r WHERE r.nomination = ?1",
            [board.rows[pos].entry.id],
            |r| Ok((r.get::<_, u32>(0)?, r.get::<_, u32>(1)?)),
        )
        .ok();
    facts.recused = crate::commands::panel::members(conn, year, false)?
        .into_iter()
        .filter(|m| crate::core::panel::conflict(&m.name, Some(&m.unit), &subject).is_some())
        .map(|m| (m.name, m.unit))
        .collect();
    match ctx.format {
        Format::Json => out(&format!("{}\n", serde_json::to_string_pretty(&facts.json()?)?)),
        Format::Table => out(&facts.text(Format::Table)?),
        Format::Md => out(&facts.text(Format::Md)?),
        Format::Csv => csv_listing(&facts.json()?).print(Format::Csv),
    }
}

/// The steps of the report, each with the fields of the JSON object that belong to it, in order.
const STEPS: &[(&str, &[&str])] = &[
    (
        "candidate",
        &["code", "category", "name", "unit", "group", "unit_rank", "criteria"],
    ),
    ("sheets", &["self_sheet", "joint_sheets", "recused", "joint"]),
    ("inspection", &["findings", "withdrawn_findings", "inspection"]),
    ("satisfaction", &["surveys", "withdrawn_surveys", "satisfaction"]),
    ("composite", &["weights", "parts", "self", "total", "total_exact"]),
    ("status", &["status", "reasons", "vetoes"]),
    (
        "place",
        &[
            "rank",
            "quota",
            "eligible",
            "shortlisted",
            "tie_at_cutoff",
            "above",
            "below",
            "equals",
        ],
    ),
];

/// A neighbour in the ranking and the first key that separates it from the candidate.
struct Neighbour<'a> {
    row: &'a Ranked,
    key: Option<OrderKey>,
}

struct Facts<'a> {
    scheme: &'a Scheme,
    board: &'a Board,
    row: &'a Ranked,
    above: Option<Neighbour<'a>>,
    below: Option<Neighbour<'a>>,
    equals: Vec<&'a Ranked>,
    /// Panel members who recused (name, unit).
    recused: Vec<(String, String)>,
    /// The place in the unit's year-end assessment, and of how many.
    unit_rank: Option<(u32, u32)>,
}

/// A key's value as people read it, exact: a decimal cut short comes with its fraction.
/// None when the candidate has none.
fn key_value(a: &Assessment, k: OrderKey) -> Option<String> {
    let honest = |r: &Exact| {
        let d = fmt_exact(r);
        if d.ends_with('…') {
            format!("{d} ({})", fraction(r))
        } else {
            d
        }
    };
    match k {
        OrderKey::Total => a.total.as_ref().map(honest),
        OrderKey::SelfEval => a.self_total.map(fmt_points),
        OrderKey::Joint => a.joint.as_ref().map(|j| honest(&j.mean)),
        OrderKey::Inspection => Some(fmt_points(a.inspection)),
        OrderKey::Satisfaction => a
            .satisfaction
            .as_ref()
            .map(|s| format!("{} ({}/{})", s.percent_text(), s.satisfied, s.total)),
    }
}

/// A withdrawn finding or survey under its table: shown, not counted.
fn withdrawn_line(id: &str, what: &str, w: &Withdrawal) -> String {
    say!(
        en(
            "withdrawn, not counted: {id} {what} (withdrawn {} by {}: {})\n",
            w.at,
            w.by,
            w.reason
        ),
        zh(
            "已撤销、不计入：{id} {what}（{} 由 {} 撤销：{}）\n",
            w.at,
            w.by,
            w.reason
        )
    )
}

fn none_text() -> String {
    tr("none", "无").to_string()
}

impl<'a> Facts<'a> {
    fn new(scheme: &'a Scheme, board: &'a Board, pos: usize) -> Facts<'a> {
        let row = &board.rows[pos];
        let order = &scheme.order;
        let (mut above, mut below, mut equals) = (None, None, Vec::new());
        if let Some(rank) = row.rank {
            above = board.rows[..pos]
                .iter()
                .rev()
                .find(|r| r.rank.is_some_and(|k| k < rank))
                .map(|r| Neighbour {
                    row: r,
                    key: deciding_key(&r.assessment, &row.assessment, order),
                });
            below = board.rows[pos + 1..]
                .iter()
                .find(|r| r.rank.is_some_and(|k| k > rank))
                .map(|r| Neighbour {
                    row: r,
                    key: deciding_key(&row.assessment, &r.assessment, order),
                });
            equals = board
                .rows
                .iter()
                .enumerate()
                .filter(|(i, r)| *i != pos && r.rank == Some(rank))
                .map(|(_, r)| r)
                .collect();
        }
        Facts {
            scheme,
            board,
            row,
            above,
            below,
            equals,
            recused: Vec::new(),
            unit_rank: None,
        }
    }

    fn a(&self) -> &Assessment {
        &self.row.assessment
    }

    /// Whether the pooled satisfaction meets the category's threshold, as the core judged it;
    /// None where the category has no threshold.
    fn meets_threshold(&self) -> Option<bool> {
        let below = |r: &Reason| matches!(r, Reason::BelowThreshold { .. });
        let rule = self.scheme.rule(self.row.entry.candidate.category);
        rule.threshold.map(|_| !self.a().reasons.iter().any(below))
    }

    fn weighted(&self) -> [(&'static str, i64, Option<Exact>); 3] {
        let a = self.a();
        let s = self.scheme;
        [
            (
                tr("self-evaluation", "自评"),
                s.weight_self,
                a.self_total.map(Ratio::from_integer),
            ),
            (
                tr("joint evaluation", "联评"),
                s.weight_joint,
                a.joint.as_ref().map(|j| j.mean),
            ),
            (
                tr("inspection", "检查"),
                s.weight_inspection,
                Some(Ratio::from_integer(a.inspection)),
            ),
        ]
    }
}
