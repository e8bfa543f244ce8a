//! `rank --explain` as one JSON object, or as CSV rows of step, item and value.

use serde::Serialize;

use super::*;
use crate::messages::Render;

/// The report as key/value rows (step, item, value), for CSV: every field of the JSON object,
/// its path as the item (`joint_sheets.5.dropped`, lists counted from 1). A field without a
/// value gives an empty value; an empty list gives no row.
pub(super) fn csv_listing(report: &Value) -> Listing {
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

pub(super) fn flatten(step: &str, path: String, v: &Value, rows: &mut Vec<(String, String, String)>) {
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

/// A finding as the report gives it; a withdrawn one also says who withdrew it, when and why.
#[derive(Serialize)]
struct FindingView<'a> {
    id: String,
    kind: &'a str,
    date: &'a str,
    inspector: &'a str,
    finding: &'a str,
    deduction: f64,
    #[serde(flatten)]
    withdrawn: Option<WithdrawalView<'a>>,
}

#[derive(Serialize)]
struct SurveyView<'a> {
    id: String,
    date: Option<&'a str>,
    satisfied: i64,
    total: i64,
    #[serde(flatten)]
    withdrawn: Option<WithdrawalView<'a>>,
}

#[derive(Serialize)]
struct WithdrawalView<'a> {
    withdrawn_at: &'a str,
    withdrawn_by: &'a str,
    withdraw_reason: &'a str,
}

fn finding_view<'a>(f: &'a load::Finding, w: Option<&'a Withdrawal>) -> FindingView<'a> {
    FindingView {
        id: finding_ref(f.id),
        kind: &f.kind,
        date: &f.date,
        inspector: &f.inspector,
        finding: &f.finding,
        deduction: to_f64(&Ratio::from_integer(f.deduction)),
        withdrawn: w.map(withdrawal_view),
    }
}

fn survey_view<'a>(s: &'a load::Survey, w: Option<&'a Withdrawal>) -> SurveyView<'a> {
    SurveyView {
        id: survey_ref(s.id),
        date: s.date.as_deref(),
        satisfied: s.satisfied,
        total: s.total,
        withdrawn: w.map(withdrawal_view),
    }
}

fn withdrawal_view(w: &Withdrawal) -> WithdrawalView<'_> {
    WithdrawalView {
        withdrawn_at: &w.at,
        withdrawn_by: &w.by,
        withdraw_reason: &w.reason,
    }
}

#[derive(Serialize)]
struct NeighbourView<'a> {
    code: &'a str,
    name: &'a str,
    rank: Option<usize>,
    deciding_key: Option<&'static str>,
    value: Option<String>,
    own_value: Option<String>,
}

#[derive(Serialize)]
struct SheetView<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    evaluator: Option<&'a str>,
    marks: Vec<f64>,
    total: f64,
    /// A joint sheet's fate: "highest" or "lowest" when it is dropped, else null.
    #[serde(skip_serializing_if = "Option::is_none")]
    dropped: Option<Option<&'static str>>,
}

#[derive(Serialize)]
struct JointView {
    counted: usize,
    mean: f64,
    mean_exact: String,
}

#[derive(Serialize)]
struct InspectionView {
    base: f64,
    deductions: f64,
    score: f64,
}

#[derive(Serialize)]
struct SatisfactionView {
    satisfied: i64,
    total: i64,
    percent: f64,
    threshold: Option<f64>,
    meets: Option<bool>,
}

#[derive(Serialize)]
struct WeightsView {
    #[serde(rename = "self")]
    self_eval: i64,
    joint: i64,
    inspection: i64,
}

#[derive(Serialize)]
struct PartView {
    score: Option<f64>,
    weight: i64,
    weighted: Option<f64>,
}

#[derive(Serialize)]
struct PartsView {
    #[serde(rename = "self")]
    self_eval: PartView,
    joint: PartView,
    inspection: PartView,
}

#[derive(Serialize)]
struct RecusedView<'a> {
    name: &'a str,
    unit: &'a str,
}

#[derive(Serialize)]
struct VetoView<'a> {
    id: i64,
    reason: &'a str,
    evidence: &'a str,
    document: &'a str,
    unit: Option<&'a str>,
    person: &'a str,
}

/// The whole report of one candidate, step by step, as it serialises itself: the JSON object
/// of `rank --explain --format json`, and the rows of its CSV.
#[derive(Serialize)]
pub(super) struct ExplainView<'a> {
    // The candidate.
    code: &'a str,
    category: &'static str,
    name: &'a str,
    unit: &'a str,
    group: &'a str,
    unit_rank: Option<String>,
    criteria: Vec<String>,
    // The sheets.
    self_sheet: Option<SheetView<'a>>,
    joint_sheets: Vec<SheetView<'a>>,
    recused: Vec<RecusedView<'a>>,
    joint: Option<JointView>,
    // The inspection.
    findings: Vec<FindingView<'a>>,
    withdrawn_findings: Vec<FindingView<'a>>,
    inspection: InspectionView,
    // Satisfaction.
    surveys: Vec<SurveyView<'a>>,
    withdrawn_surveys: Vec<SurveyView<'a>>,
    satisfaction: Option<SatisfactionView>,
    // The composite.
    weights: WeightsView,
    parts: PartsView,
    #[serde(rename = "self")]
    self_total: Option<f64>,
    total: Option<f64>,
    total_exact: Option<String>,
    // The status; its reasons in English words for scripts, whatever the run's language.
    status: &'static str,
    reasons: Vec<String>,
    vetoes: Vec<VetoView<'a>>,
    // The place.
    rank: Option<usize>,
    quota: usize,
    eligible: usize,
    shortlisted: bool,
    tie_at_cutoff: bool,
    above: Option<NeighbourView<'a>>,
    below: Option<NeighbourView<'a>>,
    equals: Vec<&'a str>,
}

impl<'a> Facts<'a> {
    pub(super) fn view(&self) -> ExplainView<'_> {
        let c = &self.row.entry.candidate;
        let a = self.a();
        let rule = self.scheme.rule(c.category);
        let p = |x: Centi| to_f64(&Ratio::from_integer(x));
        let joint = a.joint.as_ref();
        let neighbour = |n: &Option<Neighbour<'a>>| {
            n.as_ref().map(|n| NeighbourView {
                code: &n.row.entry.candidate.code,
                name: &n.row.entry.candidate.name,
                rank: n.row.rank,
                deciding_key: n.key.map(|k| k.code()),
                value: n.key.and_then(|k| key_value(&n.row.assessment, k)),
                own_value: n.key.and_then(|k| key_value(a, k)),
            })
        };
        let num = |cell: Cell| match cell {
            Cell::Num(f, _) => Some(f),
            _ => None,
        };
        let [s, j, i] = self.weighted();
        let part = |(_, w, v): (&'static str, i64, Option<Exact>)| PartView {
            score: num(exact_cell(v)),
            weight: w,
            weighted: num(exact_cell(v.map(|v| v * w / 100))),
        };
        ExplainView {
            code: &c.code,
            category: c.category.code(),
            name: &c.name,
            unit: &c.unit,
            group: &c.group,
            unit_rank: self.unit_rank.map(|(n, of)| format!("{n}/{of}")),
            // The scheme's English names for scripts (the Chinese where a scheme gives no English).
            criteria: rule
                .criteria
                .iter()
                .map(|k| if k.name_en.is_empty() { &k.name_zh } else { &k.name_en }.clone())
                .collect(),
            self_sheet: c.self_sheet.as_ref().map(|s| SheetView {
                evaluator: None,
                marks: s.marks.iter().map(|m| p(*m)).collect(),
                total: p(s.total()),
                dropped: None,
            }),
            joint_sheets: c
                .joint
                .iter()
                .enumerate()
                .map(|(i, s)| SheetView {
                    evaluator: Some(&s.evaluator),
                    marks: s.marks.iter().map(|m| p(*m)).collect(),
                    total: p(s.total()),
                    dropped: Some(match joint.map(|j| j.fate(i)) {
                        Some(Fate::DroppedHigh) => Some("highest"),
                        Some(Fate::DroppedLow) => Some("lowest"),
                        _ => None,
                    }),
                })
                .collect(),
            recused: self
                .recused
                .iter()
                .map(|(n, u)| RecusedView { name: n, unit: u })
                .collect(),
            joint: joint.map(|j| JointView {
                counted: j.counted,
                mean: to_f64(&j.mean),
                mean_exact: fraction(&j.mean),
            }),
            findings: self.row.entry.findings.iter().map(|f| finding_view(f, None)).collect(),
            withdrawn_findings: self
                .row
                .entry
                .withdrawn_findings
                .iter()
                .map(|(f, w)| finding_view(f, Some(w)))
                .collect(),
            inspection: InspectionView {
                base: p(self.scheme.inspection_base),
                deductions: p(c.deductions.iter().sum()),
                score: p(a.inspection),
            },
            surveys: self.row.entry.surveys.iter().map(|s| survey_view(s, None)).collect(),
            withdrawn_surveys: self
                .row
                .entry
                .withdrawn_surveys
                .iter()
                .map(|(s, w)| survey_view(s, Some(w)))
                .collect(),
            satisfaction: a.satisfaction.map(|s| SatisfactionView {
                satisfied: s.satisfied,
                total: s.total,
                percent: s.percent(),
                threshold: rule.threshold.map(p),
                meets: self.meets_threshold(),
            }),
            weights: WeightsView {
                self_eval: self.scheme.weight_self,
                joint: self.scheme.weight_joint,
                inspection: self.scheme.weight_inspection,
            },
            parts: PartsView {
                self_eval: part(s),
                joint: part(j),
                inspection: part(i),
            },
            self_total: num(points_cell(a.self_total)),
            total: num(exact_cell(a.total)),
            total_exact: a.total.as_ref().map(fraction),
            status: a.status.code(),
            reasons: a.reasons.iter().map(|r| r.render(crate::i18n::Lang::En)).collect(),
            vetoes: self
                .row
                .entry
                .vetoes
                .iter()
                .map(|v| VetoView {
                    id: v.id,
                    reason: &v.reason,
                    evidence: &v.evidence,
                    document: &v.document,
                    unit: v.unit.as_deref(),
                    person: &v.person,
                })
                .collect(),
            rank: self.row.rank,
            quota: self.board.quota,
            eligible: self.board.eligible(),
            shortlisted: self.row.shortlisted,
            tie_at_cutoff: self.row.tie_at_cutoff,
            above: neighbour(&self.above),
            below: neighbour(&self.below),
            equals: self.equals.iter().map(|r| r.entry.candidate.code.as_str()).collect(),
        }
    }

    /// The report as one JSON value: its fields in name order, as it always was.
    pub(super) fn json(&self) -> Result<Value> {
        Ok(serde_json::to_value(self.view())?)
    }
}
