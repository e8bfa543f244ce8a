//! `rank --explain` as one JSON object, or as CSV rows of step, item and value.

use super::*;

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

pub(super) fn finding_json(f: &load::Finding) -> Value {
    json!({
        "id": finding_ref(f.id),
        "kind": f.kind,
        "date": f.date,
        "inspector": f.inspector,
        "finding": f.finding,
        "deduction": to_f64(&Ratio::from_integer(f.deduction)),
    })
}

pub(super) fn survey_json(s: &load::Survey) -> Value {
    json!({
        "id": survey_ref(s.id),
        "date": s.date,
        "satisfied": s.satisfied,
        "total": s.total,
    })
}

/// A withdrawn finding's or survey's fields, with who withdrew it, when and why.
pub(super) fn with_withdrawal(mut v: Value, w: &Withdrawal) -> Value {
    v["withdrawn_at"] = json!(w.at);
    v["withdrawn_by"] = json!(w.by);
    v["withdraw_reason"] = json!(w.reason);
    v
}

impl<'a> Facts<'a> {
    pub(super) fn json(&self) -> Value {
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
