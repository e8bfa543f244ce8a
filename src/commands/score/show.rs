//! `score show`: one nominee's sheets criterion by criterion, the joint mean and the gap to
//! the self-evaluation.

use serde::Serialize;

use super::*;

/// What became of a sheet in the joint mean.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum InMean {
    SelfSheet,
    Joint(Fate),
    Replaced,
}

impl InMean {
    fn code(self) -> &'static str {
        match self {
            InMean::SelfSheet => "self",
            InMean::Joint(f) => f.code(),
            InMean::Replaced => "replaced",
        }
    }
    fn label(self) -> &'static str {
        match self {
            InMean::SelfSheet => tr("self-evaluation", "自评"),
            InMean::Joint(f) => fate_label(f),
            InMean::Replaced => tr("replaced", "已替换"),
        }
    }
}

pub(super) fn signed_exact(r: &Ratio<i64>) -> String {
    if *r > Ratio::from_integer(0) {
        format!("+{}", fmt_exact(r))
    } else {
        fmt_exact(r)
    }
}

/// One sheet as `score show` gives it.
#[derive(Serialize)]
pub(super) struct SheetView {
    id: i64,
    source: &'static str,
    #[serde(skip)]
    source_label: &'static str,
    evaluator: String,
    c1: f64,
    c2: f64,
    c3: f64,
    c4: f64,
    c5: f64,
    total: f64,
    #[serde(skip)]
    marks: [Centi; 5],
    counted: &'static str,
    #[serde(skip)]
    counted_label: &'static str,
    note: String,
    recorded_at: String,
    recorded_by: String,
    replaced_at: Option<String>,
    withdraw_reason: Option<String>,
}

#[derive(Serialize)]
pub(super) struct CriterionView {
    key: &'static str,
    name_zh: String,
    name_en: String,
    max: f64,
    #[serde(skip)]
    name: String,
}

/// One nominee's sheets and what the joint mean made of them: it serialises itself as the
/// JSON report and renders the table and the summary.
#[derive(Serialize)]
pub(super) struct ShowView {
    code: String,
    category: &'static str,
    name: String,
    unit: String,
    group: String,
    status: &'static str,
    criteria: Vec<CriterionView>,
    sheets: Vec<SheetView>,
    #[serde(rename = "self")]
    self_total: Option<f64>,
    joint: Option<f64>,
    joint_exact: Option<String>,
    joint_sheets: usize,
    joint_counted: Option<usize>,
    dropped_highest: Option<i64>,
    dropped_lowest: Option<i64>,
    gap: Option<f64>,
    gap_exact: Option<String>,
    #[serde(skip)]
    heading: String,
    #[serde(skip)]
    self_text: Option<String>,
    #[serde(skip)]
    joint_text: Option<String>,
    #[serde(skip)]
    gap_text: Option<String>,
}

/// Loads the nominee's sheets and lets the core work out the joint mean.
pub(super) fn load(conn: &Connection, year: i32, code: &str, all: bool) -> Result<ShowView> {
    let scheme = load_scheme(conn, year)?;
    let n = nominee_by_code(conn, year, code)?;
    let rule = scheme.rule(n.category);
    let mut sheets = load_sheets(conn, year, &[("n.id =", SqlValue::Integer(n.id))], all)?;
    // The sheets that count first; replaced ones after them, as they were recorded.
    sheets.sort_by_key(|s| s.replaced_at.is_some());
    let self_sheet = sheets
        .iter()
        .find(|s| s.source == Source::SelfEval && s.replaced_at.is_none());
    // The joint sheets that count, in the order they were recorded.
    let mut joint_rows: Vec<&SheetRow> = sheets
        .iter()
        .filter(|s| s.source == Source::Joint && s.replaced_at.is_none())
        .collect();
    joint_rows.sort_by_key(|s| s.id);
    let joint_sheets: Vec<Sheet> = joint_rows
        .iter()
        .map(|s| Sheet {
            evaluator: s.evaluator.clone(),
            marks: s.marks,
        })
        .collect();
    let joint = joint_mean(&joint_sheets, scheme.trim_from);
    let counted = |s: &SheetRow| {
        if s.replaced_at.is_some() {
            InMean::Replaced
        } else if s.source == Source::SelfEval {
            InMean::SelfSheet
        } else {
            let at = joint_rows.iter().position(|j| j.id == s.id);
            InMean::Joint(match (&joint, at) {
                (Some(j), Some(i)) => j.fate(i),
                _ => Fate::Counted,
            })
        }
    };
    let self_total: Option<Centi> = self_sheet.map(|s| s.marks.iter().sum());
    let gap = match (self_total, &joint) {
        (Some(s), Some(j)) => Some(Ratio::from_integer(s) - j.mean),
        _ => None,
    };
    let points = |c: Centi| c as f64 / 100.0;
    let sheet_views = sheets
        .iter()
        .map(|s| {
            let c = counted(s);
            SheetView {
                id: s.id,
                source: s.source.code(),
                source_label: s.source.label(),
                evaluator: s.evaluator.clone(),
                c1: points(s.marks[0]),
                c2: points(s.marks[1]),
                c3: points(s.marks[2]),
                c4: points(s.marks[3]),
                c5: points(s.marks[4]),
                total: points(s.marks.iter().sum()),
                marks: s.marks,
                counted: c.code(),
                counted_label: c.label(),
                note: s.note.clone(),
                recorded_at: s.recorded_at.clone(),
                recorded_by: s.recorded_by.clone(),
                replaced_at: s.replaced_at.clone(),
                withdraw_reason: s.withdraw_reason.clone(),
            }
        })
        .collect();
    Ok(ShowView {
        heading: format!(
            "{} {} / {} ({}, {})",
            n.code,
            n.name,
            n.unit,
            n.category.title(),
            n.status.label()
        ),
        code: n.code.clone(),
        category: n.category.code(),
        name: n.name.clone(),
        unit: n.unit.clone(),
        group: n.group.clone(),
        status: n.status.code(),
        criteria: rule
            .criteria
            .iter()
            .enumerate()
            .map(|(i, c)| CriterionView {
                key: MARK_KEYS[i],
                name_zh: c.name_zh.clone(),
                name_en: c.name_en.clone(),
                max: points(c.max),
                name: criterion_name(c).to_string(),
            })
            .collect(),
        sheets: sheet_views,
        self_total: self_total.map(points),
        joint: joint.as_ref().map(|j| to_f64(&j.mean)),
        joint_exact: joint.as_ref().map(|j| fmt_exact(&j.mean)),
        joint_sheets: joint_rows.len(),
        joint_counted: joint.as_ref().map(|j| j.counted),
        dropped_highest: joint.as_ref().and_then(|j| j.dropped_high).map(|i| joint_rows[i].id),
        dropped_lowest: joint.as_ref().and_then(|j| j.dropped_low).map(|i| joint_rows[i].id),
        gap: gap.as_ref().map(to_f64),
        gap_exact: gap.as_ref().map(fmt_exact),
        self_text: self_total.map(fmt_points),
        joint_text: joint
            .as_ref()
            .map(|j| JointText::new(j, &joint_sheets, scheme.trim_from).summary()),
        gap_text: gap.as_ref().map(signed_exact),
    })
}

impl ShowView {
    /// The sheets, one row each (with `all`, when replaced and why withdrawn).
    fn sheets_listing(&self, all: bool) -> Listing {
        let mut cols = vec![
            col("id", tr("sheet", "表号")),
            col("source", tr("source", "来源")),
            col("evaluator", tr("evaluator", "评分人")),
        ];
        for (i, c) in self.criteria.iter().enumerate() {
            cols.push(col(c.key, &format!("{} {}", i + 1, c.name)));
        }
        cols.push(col("total", tr("total", "合计")));
        cols.push(col("counted", tr("in the joint mean", "联评计分")));
        cols.push(col("note", tr("note", "备注")));
        if all {
            cols.push(col("replaced_at", tr("replaced", "替换时间")));
            cols.push(col("withdraw_reason", tr("withdrawn because", "撤回理由")));
        }
        let mut l = Listing::new(cols);
        for s in &self.sheets {
            let mut row = vec![
                Cell::Int(s.id),
                Cell::code(s.source, s.source_label),
                s.evaluator.clone().into(),
            ];
            row.extend(s.marks.iter().map(|m| points_cell(Some(*m))));
            row.push(points_cell(Some(s.marks.iter().sum())));
            row.push(Cell::code(s.counted, s.counted_label));
            row.push(s.note.clone().into());
            if all {
                row.push(s.replaced_at.clone().into());
                row.push(s.withdraw_reason.clone().into());
            }
            l.push(row);
        }
        l
    }

    pub(super) fn render(&self, format: Format, all: bool) -> Result<String> {
        match format {
            Format::Json => return Ok(format!("{}\n", serde_json::to_string_pretty(self)?)),
            Format::Csv => return self.sheets_listing(all).render(format),
            Format::Table | Format::Md => {}
        }
        let none = || tr("none", "无").to_string();
        let mut summary = Listing::new(vec![col("item", tr("item", "项目")), col("value", tr("value", "内容"))]);
        summary.push(vec![
            tr("self-evaluation total", "自评合计").into(),
            self.self_text.clone().unwrap_or_else(none).into(),
        ]);
        summary.push(vec![
            tr("joint evaluation", "联评得分").into(),
            self.joint_text.clone().unwrap_or_else(none).into(),
        ]);
        summary.push(vec![
            tr("gap (self − joint)", "自评与联评之差（自评 − 联评）").into(),
            self.gap_text.clone().unwrap_or_else(none).into(),
        ]);
        let heading = match format {
            Format::Md => format!("**{}**\n\n", self.heading),
            _ => format!("{}\n", self.heading),
        };
        let sep = if format == Format::Md { "\n" } else { "" };
        Ok(format!(
            "{heading}{}{sep}{}",
            self.sheets_listing(all).render(format)?,
            summary.render(format)?
        ))
    }
}

pub(super) fn show(ctx: &Ctx, code: &str, all: bool) -> Result<()> {
    let conn = ctx.read()?;
    let term = store::resolve_term(conn, ctx)?;
    let view = load(conn, term.year, code, all)?;
    out(&view.render(ctx.format, all)?)
}
