//! The sheets of the record: the panel's marking, the windows' satisfaction, the deductions by
//! month, the vetoes and the objections.

use super::points;
use crate::commands::common::FindingKind;
use crate::commands::report::gather::{ObjectionRow, Report};
use crate::core::report::{Percent, Points};
use crate::i18n::{Lang, lang, tr};
use crate::messages::veto::ground_text as veto_reason_label;
use crate::output::{Cell, Listing, code_col, col, name_col, unit_col};
use crate::values::fmt_exact;

/// A rate in percent as a cell: the number the JSON gives, shown "97.9899…%" where it is cut.
pub fn percent(p: &Percent) -> Cell {
    Cell::Num(p.f(), format!("{}%", fmt_exact(&(p.0 * 100))))
}

/// Each evaluator's sheets: lowest, quartiles, highest and mean, and how they mark against the
/// other members on the same nominees.
pub fn panel(r: &Report) -> Listing {
    let mut l = Listing::new(vec![
        col("evaluator", tr("evaluator", "评委")),
        col("sheets", tr("sheets", "份数")),
        col("min", tr("lowest", "最低")),
        col("q1", tr("lower quartile", "下四分位数")),
        col("median", tr("median", "中位数")),
        col("q3", tr("upper quartile", "上四分位数")),
        col("max", tr("highest", "最高")),
        col("mean", tr("mean", "平均")),
        col("leniency", tr("against others", "与他人之差")),
        col("compared", tr("nominees compared", "比较对象数")),
        col("outlier", tr("named", "需关注")),
    ]);
    for e in &r.panel.evaluators {
        l.push(vec![
            e.evaluator.as_str().into(),
            Cell::Int(e.sheets as i64),
            points(&e.min),
            points(&e.q1),
            points(&e.median),
            points(&e.q3),
            points(&e.max),
            points(&e.mean),
            e.leniency.as_ref().map_or(Cell::Null, points),
            Cell::Int(e.compared as i64),
            Cell::Bool(e.outlier),
        ]);
    }
    l
}

/// Every window with a survey, lowest rate first, against the term's line.
pub fn satisfaction(r: &Report) -> Listing {
    let s = &r.satisfaction;
    let meets = match (s.threshold, lang()) {
        (Some(t), Lang::En) => format!("meets {}%", fmt_exact(&(t.0 * 100))),
        (Some(t), Lang::Zh) => format!("达到{}%", fmt_exact(&(t.0 * 100))),
        (None, _) => tr("meets the line", "达标").to_string(),
    };
    let mut l = Listing::new(vec![
        code_col(),
        name_col(),
        unit_col(),
        col("satisfied", tr("satisfied", "满意")),
        col("total", tr("surveyed", "调查总数")),
        col("percent", tr("satisfaction", "满意度")),
        col("meets", &meets),
    ]);
    for w in &s.windows {
        l.push(vec![
            w.code.as_str().into(),
            w.name.as_str().into(),
            w.unit.as_str().into(),
            Cell::Int(w.satisfied),
            Cell::Int(w.total),
            percent(&w.percent),
            Cell::Bool(w.meets),
        ]);
    }
    l
}

/// The findings in force and their points, by month and kind, quiet months kept, with the sum.
pub fn deductions(r: &Report) -> Listing {
    let (open, covert) = (FindingKind::Open.label(), FindingKind::Covert.label());
    let mut l = Listing::new(vec![
        col("month", tr("month", "月份")),
        col("open_findings", &format!("{open}{}", tr(": findings", "（项）"))),
        col("open_points", &format!("{open}{}", tr(": points", "扣分"))),
        col("covert_findings", &format!("{covert}{}", tr(": findings", "（项）"))),
        col("covert_points", &format!("{covert}{}", tr(": points", "扣分"))),
        col("findings", tr("findings", "合计（项）")),
        col("points", tr("points", "合计扣分")),
    ]);
    let d = &r.deductions;
    let mut months: Vec<&str> = d.months.iter().map(|m| m.month.as_str()).collect();
    months.dedup();
    for month in months {
        let of = |kind: &str| d.months.iter().find(|m| m.month == month && m.kind == kind);
        let (o, c) = (of("open"), of("covert"));
        let n = |m: Option<&crate::core::report::MonthKind>| m.map_or(0, |m| m.findings as i64);
        let p = |m: Option<&crate::core::report::MonthKind>| m.map_or(Points::centi(0), |m| m.points);
        l.push(vec![
            month.into(),
            Cell::Int(n(o)),
            points(&p(o)),
            Cell::Int(n(c)),
            points(&p(c)),
            Cell::Int(n(o) + n(c)),
            points(&Points(p(o).0 + p(c).0)),
        ]);
    }
    l.push(vec![
        tr("total", "合计").into(),
        Cell::Null,
        Cell::Null,
        Cell::Null,
        Cell::Null,
        Cell::Int(d.findings as i64),
        points(&d.points),
    ]);
    l
}

/// Every veto of the term, in force or revoked, with its outcome.
pub fn vetoes(r: &Report) -> Listing {
    let mut l = Listing::new(vec![
        col("id", tr("no.", "序号")),
        col("against", tr("against", "对象")),
        code_col(),
        name_col(),
        unit_col(),
        col("reason", tr("ground", "否决事由")),
        col("evidence", tr("evidence", "事实依据")),
        col("document", tr("document", "文件")),
        col("added_at", tr("recorded", "登记时间")),
        col("outcome", tr("outcome", "结果")),
        col("revoked_at", tr("revoked", "撤销时间")),
        col("revoke_reason", tr("reason of the revocation", "撤销理由")),
    ]);
    for v in &r.vetoes {
        let against = match v.against {
            "unit" => tr("the unit's nominations", "该单位的推荐"),
            _ => tr("nomination", "被推荐对象"),
        };
        let outcome = match v.outcome {
            "revoked" => tr("revoked", "已撤销"),
            _ => tr("in force: disqualified for the term", "有效：本届取消资格"),
        };
        l.push(vec![
            Cell::Int(v.id),
            Cell::code(v.against, against),
            v.code.as_str().into(),
            v.name.as_str().into(),
            v.unit.as_str().into(),
            Cell::code(&v.reason, veto_reason_label(&v.reason)),
            v.evidence.as_str().into(),
            v.document.as_str().into(),
            v.added_at.as_str().into(),
            Cell::code(v.outcome, outcome),
            v.revoked_at.clone().into(),
            v.revoke_reason.clone().into(),
        ]);
    }
    l
}

/// The objections raised during the public notice (公示), with their outcome.
pub fn objections(list: &[ObjectionRow]) -> Listing {
    let mut l = Listing::new(vec![
        col("id", tr("no.", "序号")),
        code_col(),
        name_col(),
        col("from", tr("from", "反映人")),
        col("text", tr("objection", "反映内容")),
        col("status", tr("status", "办理情况")),
        col("finding", tr("finding", "调查结论")),
    ]);
    for o in list {
        let status = match o.outcome.as_str() {
            "upheld" => tr("upheld", "属实"),
            "dismissed" => tr("dismissed", "不属实"),
            _ => tr("open", "待办"),
        };
        l.push(vec![
            Cell::Int(o.id),
            o.code.as_str().into(),
            o.name.as_str().into(),
            o.from.as_str().into(),
            o.text.as_str().into(),
            Cell::code(&o.outcome, status),
            o.finding.as_str().into(),
        ]);
    }
    l
}
