//! `rank --explain` as tables: the sheets, the findings, the surveys and the composite's
//! parts, for the text and Markdown pages.

use super::*;

impl<'a> Facts<'a> {
    pub(super) fn sheets_listing(&self) -> Listing {
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

    pub(super) fn findings_listing(&self) -> Listing {
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

    pub(super) fn surveys_listing(&self) -> Listing {
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

    pub(super) fn parts_listing(&self) -> Listing {
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
}
