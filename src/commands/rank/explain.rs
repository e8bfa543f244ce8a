//! `rank --explain CODE`: every step of one candidate's score, status and place, in words
//! (text or Markdown), as one JSON object, or as CSV rows of step, item and value.

use anyhow::{Result, bail};
use num_rational::Ratio;
use rusqlite::Connection;
use serde_json::{Value, json};

use crate::commands::Ctx;
use crate::commands::common::{FindingKind, JointText, exact_cell, exact_text, fate_note, fraction, points_cell};
use crate::core::assess::{Assessment, Exact, Fate, Reason, Satisfaction};
use crate::core::rank::deciding_key;
use crate::core::scheme::{OrderKey, Scheme};
use crate::i18n::{both, tr};
use crate::load::{self, Board, Ranked, Withdrawal, finding_ref, survey_ref};
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
        Format::Json => out(&format!("{}\n", serde_json::to_string_pretty(&facts.json())?)),
        Format::Table => out(&facts.text(Format::Table)?),
        Format::Md => out(&facts.text(Format::Md)?),
        Format::Csv => csv_listing(&facts.json()).print(Format::Csv),
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

/// The report as key/value rows (step, item, value), for CSV: every field of the JSON object,
/// its path as the item (`joint_sheets.5.dropped`, lists counted from 1). A field without a
/// value gives an empty value; an empty list gives no row.
fn csv_listing(report: &Value) -> Listing {
    let mut rows = Vec::new();
    if let Value::Object(fields) = report {
        for (step, keys) in STEPS {
            for key in *keys {
                if let Some(v) = fields.get(*key) {
                    flatten(step, key.to_string(), v, &mut rows);
                }
            }
        }
        for (key, v) in fields {
            if !STEPS.iter().any(|(_, keys)| keys.contains(&key.as_str())) {
                flatten(key, key.clone(), v, &mut rows);
            }
        }
    }
    let mut l = Listing::new(vec![
        col("step", tr("step", "步骤")),
        col("item", tr("item", "项目")),
        col("value", tr("value", "内容")),
    ]);
    for (step, item, value) in rows {
        l.push(vec![step.into(), item.into(), value.into()]);
    }
    l
}

fn flatten(step: &str, path: String, v: &Value, rows: &mut Vec<(String, String, String)>) {
    let value = match v {
        Value::Object(m) => {
            for (k, x) in m {
                flatten(step, format!("{path}.{k}"), x, rows);
            }
            return;
        }
        Value::Array(a) => {
            for (i, x) in a.iter().enumerate() {
                flatten(step, format!("{path}.{}", i + 1), x, rows);
            }
            return;
        }
        Value::Null => String::new(),
        Value::Bool(b) => b.to_string(),
        Value::String(s) => s.clone(),
        Value::Number(n) => match (n.as_i64(), n.as_f64()) {
            (Some(i), _) => i.to_string(),
            (None, Some(f)) => f.to_string(),
            (None, None) => n.to_string(),
        },
    };
    rows.push((step.to_string(), path, value));
}

/// The report being written, as plain text or Markdown.
struct Page {
    format: Format,
    s: String,
}

impl Page {
    fn md(&self) -> bool {
        self.format == Format::Md
    }
    fn head(&mut self, title: &str) {
        if self.md() {
            self.s += &format!("\n### {title}\n\n");
        } else {
            self.s += &format!("\n{title}\n");
        }
    }
    fn table(&mut self, l: Listing) -> Result<()> {
        if self.md() {
            self.s.push('\n');
        }
        self.s += &l.render(self.format)?;
        Ok(())
    }
}

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

fn key_name(k: OrderKey) -> &'static str {
    match k {
        OrderKey::Total => tr("total", "总分"),
        OrderKey::SelfEval => tr("self-evaluation", "自评"),
        OrderKey::Joint => tr("joint evaluation", "联评"),
        OrderKey::Inspection => tr("inspection", "检查得分"),
        OrderKey::Satisfaction => tr("satisfaction", "满意度"),
    }
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

fn finding_json(f: &load::Finding) -> Value {
    json!({
        "id": finding_ref(f.id),
        "kind": f.kind,
        "date": f.date,
        "inspector": f.inspector,
        "finding": f.finding,
        "deduction": to_f64(&Ratio::from_integer(f.deduction)),
    })
}

fn survey_json(s: &load::Survey) -> Value {
    json!({
        "id": survey_ref(s.id),
        "date": s.date,
        "satisfied": s.satisfied,
        "total": s.total,
    })
}

/// A withdrawn finding's or survey's fields, with who withdrew it, when and why.
fn with_withdrawal(mut v: Value, w: &Withdrawal) -> Value {
    v["withdrawn_at"] = json!(w.at);
    v["withdrawn_by"] = json!(w.by);
    v["withdraw_reason"] = json!(w.reason);
    v
}

/// A withdrawn finding or survey under its table: shown, not counted.
fn withdrawn_line(id: &str, what: &str, w: &Withdrawal) -> String {
    both(
        format!(
            "withdrawn, not counted: {id} {what} (withdrawn {} by {}: {})\n",
            w.at, w.by, w.reason
        ),
        format!(
            "已撤销、不计入：{id} {what}（{} 由 {} 撤销：{}）\n",
            w.at, w.by, w.reason
        ),
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

    fn sheets_listing(&self) -> Listing {
        let c = &self.row.entry.candidate;
        let mut l = Listing::new(vec![
            col("sheet", tr("sheet", "评分表")),
            col("c1", "c1"),
            col("c2", "c2"),
            col("c3", "c3"),
            col("c4", "c4"),
            col("c5", "c5"),
            col("total", tr("total", "合计")),
            col("note", tr("counted", "是否计入")),
        ]);
        let marks = |m: &[Centi; 5]| m.iter().map(|x| Cell::Text(fmt_points(*x))).collect::<Vec<_>>();
        if let Some(s) = &c.self_sheet {
            let mut r = vec![Cell::Text(tr("self-evaluation", "自评").to_string())];
            r.extend(marks(&s.marks));
            r.push(Cell::Text(fmt_points(s.total())));
            r.push(Cell::Text(tr("self part", "自评得分").to_string()));
            l.push(r);
        }
        let joint = self.a().joint.as_ref();
        for (i, s) in c.joint.iter().enumerate() {
            let note = fate_note(joint.map_or(Fate::Counted, |j| j.fate(i)));
            let mut r = vec![Cell::Text(format!("{}{}", tr("joint: ", "联评："), s.evaluator))];
            r.extend(marks(&s.marks));
            r.push(Cell::Text(fmt_points(s.total())));
            r.push(Cell::Text(note.to_string()));
            l.push(r);
        }
        l
    }

    fn findings_listing(&self) -> Listing {
        let mut l = Listing::new(vec![
            col("id", tr("no.", "序号")),
            col("date", tr("date", "日期")),
            col("kind", tr("kind", "方式")),
            col("inspector", tr("inspector", "检查人")),
            col("finding", tr("finding", "发现问题")),
            col("deduction", tr("deduction", "扣分")),
        ]);
        for f in &self.row.entry.findings {
            let kind = FindingKind::from_code(&f.kind).map_or(f.kind.as_str(), |k| k.label());
            l.push(vec![
                finding_ref(f.id).into(),
                f.date.clone().into(),
                kind.into(),
                f.inspector.clone().into(),
                f.finding.clone().into(),
                Cell::Text(format!("−{}", fmt_points(f.deduction))),
            ]);
        }
        l
    }

    fn surveys_listing(&self) -> Listing {
        let mut l = Listing::new(vec![
            col("id", tr("no.", "序号")),
            col("date", tr("date", "日期")),
            col("satisfied", tr("satisfied", "满意人数")),
            col("total", tr("surveyed", "调查人数")),
            col("rate", tr("rate", "满意率")),
        ]);
        for s in &self.row.entry.surveys {
            let sat = Satisfaction {
                satisfied: s.satisfied,
                total: s.total,
            };
            l.push(vec![
                survey_ref(s.id).into(),
                s.date.clone().unwrap_or_default().into(),
                s.satisfied.into(),
                s.total.into(),
                sat.percent_text().into(),
            ]);
        }
        l
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

    fn parts_listing(&self) -> Listing {
        let mut l = Listing::new(vec![
            col("part", tr("part", "项目")),
            col("score", tr("score", "得分")),
            col("weight", tr("weight", "权重")),
            col("weighted", tr("weighted", "加权得分")),
        ]);
        for (name, w, v) in self.weighted() {
            l.push(vec![
                name.into(),
                exact_cell(v),
                format!("{w}%").into(),
                exact_cell(v.map(|v| v * w / 100)),
            ]);
        }
        l.push(vec![
            tr("total", "总分").into(),
            Cell::Null,
            "100%".into(),
            exact_cell(self.a().total),
        ]);
        l
    }

    /// The text of the report, as plain text or Markdown.
    fn text(&self, format: Format) -> Result<String> {
        let c = &self.row.entry.candidate;
        let mut p = Page {
            format,
            s: String::new(),
        };
        if p.md() {
            p.s += &format!("## {} {}\n\n", c.code, c.name);
        } else {
            p.s += &format!("{} {}\n", c.code, c.name);
        }
        p.s += &both(
            format!(
                "category: {} · unit: {} · group: {}\n",
                c.category.title(),
                c.unit,
                c.group
            ),
            format!("类别：{} · 单位：{} · 片组：{}\n", c.category.title(), c.unit, c.group),
        );
        if let Some((n, of)) = self.unit_rank {
            let top = self
                .scheme
                .rule(c.category)
                .unit_rank_top_percent
                .map(|t| {
                    let ok = crate::core::verify::within_top(n, of, t);
                    both(
                        format!(" (top {t}% required: {})", if ok { "within" } else { "not within" }),
                        format!("（要求前 {t}%：{}）", if ok { "符合" } else { "不符合" }),
                    )
                })
                .unwrap_or_default();
            p.s += &both(
                format!("place in the unit's year-end assessment: {n} of {of}{top}\n"),
                format!("本单位年终测评排名：第 {n} 名（共 {of} 人）{top}\n"),
            );
        }
        self.sheets_text(&mut p)?;
        self.inspection_text(&mut p)?;
        self.satisfaction_text(&mut p)?;
        self.composite_text(&mut p)?;
        p.head(tr("Status and place", "资格与名次"));
        let a = self.a();
        p.s += &format!("{}{}\n", tr("status: ", "状态："), a.status.label());
        for r in &a.reasons {
            p.s += &format!("  - {}\n", r.text());
        }
        for v in &self.row.entry.vetoes {
            p.s += &format!("    {} #{}: {}\n", tr("evidence of veto", "否决依据"), v.id, v.evidence);
            if let Some(unit) = &v.unit {
                let person = if v.person.is_empty() {
                    String::new()
                } else {
                    format!("{}{}", tr("; person: ", "；当事人："), v.person)
                };
                p.s += &format!(
                    "    {}{unit}{person}\n",
                    tr("a veto against the unit: ", "针对单位的否决：")
                );
            }
        }
        p.s += &self.place_text();
        Ok(p.s)
    }

    fn sheets_text(&self, p: &mut Page) -> Result<()> {
        let c = &self.row.entry.candidate;
        let a = self.a();
        p.head(tr("Scoring sheets", "评分表"));
        let names: Vec<String> = self
            .scheme
            .rule(c.category)
            .criteria
            .iter()
            .enumerate()
            .map(|(i, k)| {
                both(
                    format!("c{} {} (max {})", i + 1, criterion_name(k), fmt_points(k.max)),
                    format!("c{} {}（满分 {}）", i + 1, criterion_name(k), fmt_points(k.max)),
                )
            })
            .collect();
        p.s += &format!("{}\n", names.join(" · "));
        if c.self_sheet.is_none() && c.joint.is_empty() {
            p.s += &format!("{}\n", tr("no sheets recorded", "尚无评分表"));
        } else {
            p.table(self.sheets_listing())?;
        }
        if !self.recused.is_empty() {
            let who: Vec<String> = self.recused.iter().map(|(n, u)| format!("{n} ({u})")).collect();
            p.s += &both(
                format!("recused (conflict of interest, own unit): {}\n", who.join(", ")),
                format!("回避（本单位）：{}\n", who.join("、")),
            );
        }
        p.s += &match a.self_total {
            Some(t) => both(
                format!("self-evaluation: {}\n", fmt_points(t)),
                format!("自评得分：{}\n", fmt_points(t)),
            ),
            None => both(
                "self-evaluation: no sheet\n".to_string(),
                "自评得分：缺少自评表\n".to_string(),
            ),
        };
        p.s += &match &a.joint {
            Some(j) => {
                let derivation = JointText::new(j, &c.joint, self.scheme.trim_from).derivation();
                both(
                    format!("joint evaluation: {derivation}\n"),
                    format!("联评得分：{derivation}\n"),
                )
            }
            None => both(
                "joint evaluation: no sheet\n".to_string(),
                "联评得分：缺少联评表\n".to_string(),
            ),
        };
        for r in &a.reasons {
            if let Reason::TooFewJoint { have, need } = r {
                p.s += &both(
                    format!("  {have} joint evaluators, at least {need} needed\n"),
                    format!("  联评 {have} 人，至少需要 {need} 人\n"),
                );
            }
        }
        Ok(())
    }

    fn inspection_text(&self, p: &mut Page) -> Result<()> {
        let c = &self.row.entry.candidate;
        let a = self.a();
        p.head(tr("Inspection", "明查暗访"));
        if self.row.entry.findings.is_empty() {
            p.s += &format!("{}\n", tr("no findings", "无扣分记录"));
        } else {
            p.table(self.findings_listing())?;
        }
        for (f, w) in &self.row.entry.withdrawn_findings {
            let kind = FindingKind::from_code(&f.kind).map_or(f.kind.as_str(), |k| k.label());
            let what = format!("{} {} {}, −{}", kind, f.date, f.finding, fmt_points(f.deduction));
            p.s += &withdrawn_line(&finding_ref(f.id), &what, w);
        }
        let deductions: Vec<String> = c.deductions.iter().map(|d| format!(" − {}", fmt_points(*d))).collect();
        p.s += &if deductions.is_empty() {
            both(
                format!("inspection score: {} (no deductions)\n", fmt_points(a.inspection)),
                format!("检查得分：{}（无扣分）\n", fmt_points(a.inspection)),
            )
        } else {
            both(
                format!(
                    "inspection score: {}{} = {} (never below 0)\n",
                    fmt_points(self.scheme.inspection_base),
                    deductions.concat(),
                    fmt_points(a.inspection)
                ),
                format!(
                    "检查得分：{}{} = {}（最低为 0）\n",
                    fmt_points(self.scheme.inspection_base),
                    deductions.concat(),
                    fmt_points(a.inspection)
                ),
            )
        };
        Ok(())
    }

    fn satisfaction_text(&self, p: &mut Page) -> Result<()> {
        let a = self.a();
        p.head(tr("Satisfaction", "满意度调查"));
        if self.row.entry.surveys.is_empty() {
            p.s += &format!(
                "{}\n",
                if a.reasons.contains(&Reason::NoSurvey) {
                    tr("no survey; this category requires one", "无调查；本类别须有满意度调查")
                } else {
                    tr("no survey (not required for this category)", "无调查（本类别不要求）")
                }
            );
        } else {
            p.table(self.surveys_listing())?;
        }
        for (s, w) in &self.row.entry.withdrawn_surveys {
            let sat = Satisfaction {
                satisfied: s.satisfied,
                total: s.total,
            };
            let what = format!(
                "{}{}",
                s.date.as_ref().map(|d| format!("{d} ")).unwrap_or_default(),
                sat.ratio_text()
            );
            p.s += &withdrawn_line(&survey_ref(s.id), &what, w);
        }
        if let Some(sat) = a.satisfaction {
            let pooled = sat.ratio_text();
            let threshold = self.scheme.rule(self.row.entry.candidate.category).threshold;
            p.s += &match (threshold, self.meets_threshold()) {
                (Some(t), Some(true)) => both(
                    format!("pooled: {pooled} ≥ {}% threshold: met\n", fmt_points(t)),
                    format!("合计：{pooled} ≥ {}% 标准：达标\n", fmt_points(t)),
                ),
                (Some(t), _) => both(
                    format!("pooled: {pooled} < {}% threshold: not met\n", fmt_points(t)),
                    format!("合计：{pooled} < {}% 标准：未达标\n", fmt_points(t)),
                ),
                (None, _) => both(
                    format!("pooled: {pooled} (no threshold for this category)\n"),
                    format!("合计：{pooled}（本类别无满意度标准）\n"),
                ),
            };
        }
        Ok(())
    }

    fn composite_text(&self, p: &mut Page) -> Result<()> {
        p.head(tr("Composite", "综合得分"));
        p.table(self.parts_listing())?;
        p.s += &match &self.a().total {
            Some(t) => both(
                format!("total = {}\n", exact_text(t)),
                format!("总分 = {}\n", exact_text(t)),
            ),
            None => both(
                "no total: it needs the self-evaluation and at least one joint sheet\n".to_string(),
                "无总分：须有自评表和至少一张联评表\n".to_string(),
            ),
        };
        Ok(())
    }

    /// Why the candidate stands where it does.
    fn place_text(&self) -> String {
        let b = self.board;
        let row = self.row;
        let cat = b.category.title();
        let Some(rank) = row.rank else {
            return both(
                format!(
                    "not ranked: only eligible candidates are ranked ({} of {} in {cat})\n",
                    b.eligible(),
                    b.rows.len()
                ),
                format!(
                    "不参与排名：只有符合条件的才排名（{cat}符合条件 {} 个，共 {} 个）\n",
                    b.eligible(),
                    b.rows.len()
                ),
            );
        };
        let mut s = both(
            format!("rank {rank} of {} eligible in {cat}; quota {}\n", b.eligible(), b.quota),
            format!("{cat}第 {rank} 名（符合条件 {} 个）；名额 {}\n", b.eligible(), b.quota),
        );
        s += &if row.shortlisted {
            both(
                "shortlisted ★: within the quota\n".to_string(),
                "入围 ★：在名额之内\n".to_string(),
            )
        } else if row.tie_at_cutoff {
            let tied: Vec<String> = b.tie().iter().map(|r| r.entry.candidate.code.clone()).collect();
            let left = b.quota.saturating_sub(b.shortlisted());
            both(
                format!(
                    "tie at cutoff ⚖: {} share rank {rank} with {left} place(s) left within the quota; not shortlisted until the committee chooses (award grant --include CODE)\n",
                    tied.join(", ")
                ),
                format!(
                    "名额线并列 ⚖：{} 并列第 {rank} 名，名额内尚余 {left} 个；待评委会决定（award grant --include 编号）前不入围\n",
                    tied.join("、")
                ),
            )
        } else {
            both(
                format!("not shortlisted: rank {rank} is past the quota of {}\n", b.quota),
                format!("未入围：第 {rank} 名在名额 {} 之外\n", b.quota),
            )
        };
        if let Some(n) = &self.above {
            s += &self.neighbour_text(n, true);
        }
        if let Some(n) = &self.below {
            s += &self.neighbour_text(n, false);
        }
        if !self.equals.is_empty() {
            let codes: Vec<String> = self
                .equals
                .iter()
                .map(|r| format!("{} {}", r.entry.candidate.code, r.entry.candidate.name))
                .collect();
            s += &both(
                format!("equal on every key, sharing rank {rank}: {}\n", codes.join(", ")),
                format!("各项排序依据均相同、并列第 {rank} 名：{}\n", codes.join("、")),
            );
        }
        s
    }

    fn neighbour_text(&self, n: &Neighbour, above: bool) -> String {
        let other = &n.row.entry.candidate;
        let rank = n.row.rank.unwrap_or(0);
        let who = both(
            format!("{} {} (rank {rank})", other.code, other.name),
            format!("{} {}（第 {rank} 名）", other.code, other.name),
        );
        let Some(k) = n.key else {
            return String::new();
        };
        let order = &self.scheme.order;
        let equal_keys: Vec<String> = order
            .iter()
            .take_while(|&&x| x != k)
            .map(|&x| format!("{} {}", key_name(x), key_value(self.a(), x).unwrap_or_else(none_text)))
            .collect();
        let shown = (
            key_value(self.a(), k).unwrap_or_else(none_text),
            key_value(&n.row.assessment, k).unwrap_or_else(none_text),
        );
        let same = if equal_keys.is_empty() {
            String::new()
        } else {
            both(
                format!("equal on {}; ", equal_keys.join(", ")),
                format!("{}相同；", equal_keys.join("、")),
            )
        };
        if above {
            both(
                format!(
                    "just above: {who}: {same}{} {} against {} here\n",
                    key_name(k),
                    shown.1,
                    shown.0
                ),
                format!("前一名：{who}：{same}{} {}，本候选 {}\n", key_name(k), shown.1, shown.0),
            )
        } else {
            both(
                format!(
                    "just below: {who}: {same}{} {} against {} here\n",
                    key_name(k),
                    shown.1,
                    shown.0
                ),
                format!("后一名：{who}：{same}{} {}，本候选 {}\n", key_name(k), shown.1, shown.0),
            )
        }
    }

    fn json(&self) -> Value {
        let c = &self.row.entry.candidate;
        let a = self.a();
        let rule = self.scheme.rule(c.category);
        let p = |x: Centi| to_f64(&Ratio::from_integer(x));
        let joint = a.joint.as_ref();
        let neighbour = |n: &Option<Neighbour>| {
            n.as_ref().map(|n| {
                json!({
                    "code": n.row.entry.candidate.code,
                    "name": n.row.entry.candidate.name,
                    "rank": n.row.rank,
                    "deciding_key": n.key.map(|k| k.code()),
                    "value": n.key.and_then(|k| key_value(&n.row.assessment, k)),
                    "own_value": n.key.and_then(|k| key_value(a, k)),
                })
            })
        };
        let num = |cell: Cell| match cell {
            Cell::Num(f, _) => json!(f),
            _ => Value::Null,
        };
        json!({
            "code": c.code,
            "category": c.category.code(),
            "name": c.name,
            "unit": c.unit,
            "group": c.group,
            "criteria": rule.criteria.iter().map(|k| criterion_name(k).to_string()).collect::<Vec<_>>(),
            "self_sheet": c.self_sheet.as_ref().map(|s| json!({
                "marks": s.marks.iter().map(|m| p(*m)).collect::<Vec<_>>(),
                "total": p(s.total()),
            })),
            "joint_sheets": c.joint.iter().enumerate().map(|(i, s)| json!({
                "evaluator": s.evaluator,
                "marks": s.marks.iter().map(|m| p(*m)).collect::<Vec<_>>(),
                "total": p(s.total()),
                "dropped": match joint.map(|j| j.fate(i)) {
                    Some(Fate::DroppedHigh) => Some("highest"),
                    Some(Fate::DroppedLow) => Some("lowest"),
                    _ => None,
                },
            })).collect::<Vec<_>>(),
            "joint": joint.map(|j| json!({
                "counted": j.counted,
                "mean": to_f64(&j.mean),
                "mean_exact": fraction(&j.mean),
            })),
            "findings": self.row.entry.findings.iter().map(finding_json).collect::<Vec<_>>(),
            "withdrawn_findings": self.row.entry.withdrawn_findings.iter()
                .map(|(f, w)| with_withdrawal(finding_json(f), w)).collect::<Vec<_>>(),
            "inspection": {
                "base": p(self.scheme.inspection_base),
                "deductions": p(c.deductions.iter().sum()),
                "score": p(a.inspection),
            },
            "surveys": self.row.entry.surveys.iter().map(survey_json).collect::<Vec<_>>(),
            "withdrawn_surveys": self.row.entry.withdrawn_surveys.iter()
                .map(|(s, w)| with_withdrawal(survey_json(s), w)).collect::<Vec<_>>(),
            "satisfaction": a.satisfaction.map(|s| json!({
                "satisfied": s.satisfied,
                "total": s.total,
                "percent": s.percent(),
                "threshold": rule.threshold.map(p),
                "meets": self.meets_threshold(),
            })),
            "weights": {
                "self": self.scheme.weight_self,
                "joint": self.scheme.weight_joint,
                "inspection": self.scheme.weight_inspection,
            },
            "parts": self.weighted().iter().zip(["self", "joint", "inspection"]).map(|((_, w, v), key)| {
                (key.to_string(), json!({
                    "score": num(exact_cell(*v)),
                    "weight": w,
                    "weighted": num(exact_cell(v.map(|v| v * *w / 100))),
                }))
            }).collect::<serde_json::Map<_, _>>(),
            "self": num(points_cell(a.self_total)),
            "total": num(exact_cell(a.total)),
            "total_exact": a.total.as_ref().map(fraction),
            "recused": self.recused.iter().map(|(n, u)| json!({ "name": n, "unit": u })).collect::<Vec<_>>(),
            "unit_rank": self.unit_rank.map(|(n, of)| format!("{n}/{of}")),
            "vetoes": self.row.entry.vetoes.iter().map(|v| json!({
                "id": v.id,
                "reason": v.reason,
                "evidence": v.evidence,
                "document": v.document,
                "unit": v.unit,
                "person": v.person,
            })).collect::<Vec<_>>(),
            "status": a.status.code(),
            "reasons": a.reasons.iter().map(|r| r.text()).collect::<Vec<_>>(),
            "rank": self.row.rank,
            "quota": self.board.quota,
            "eligible": self.board.eligible(),
            "shortlisted": self.row.shortlisted,
            "tie_at_cutoff": self.row.tie_at_cutoff,
            "above": neighbour(&self.above),
            "below": neighbour(&self.below),
            "equals": self.equals.iter().map(|r| r.entry.candidate.code.clone()).collect::<Vec<_>>(),
        })
    }
}
