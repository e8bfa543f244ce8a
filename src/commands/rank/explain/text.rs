//! `rank --explain` in words: text or Markdown, step by step.

use super::*;
use crate::messages::say;

/// The report being written, as plain text or Markdown.
pub(super) struct Page {
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

impl<'a> Facts<'a> {
    /// The text of the report, as plain text or Markdown.
    pub(super) fn text(&self, format: Format) -> Result<String> {
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
        p.s += &say!(
            en(
                "category: {} · unit: {} · group: {}\n",
                c.category.title(),
                c.unit,
                c.group
            ),
            zh("类别：{} · 单位：{} · 片组：{}\n", c.category.title(), c.unit, c.group)
        );
        if let Some((n, of)) = self.unit_rank {
            let top = self
                .scheme
                .rule(c.category)
                .unit_rank_top_percent
                .map(|t| {
                    let ok = crate::core::verify::within_top(n, of, t);
                    say!(
                        en(" (top {t}% required: {})", if ok { "within" } else { "not within" }),
                        zh("（要求前 {t}%：{}）", if ok { "符合" } else { "不符合" })
                    )
                })
                .unwrap_or_default();
            p.s += &say!(
                en("place in the unit's year-end assessment: {n} of {of}{top}\n"),
                zh("本单位年终测评排名：第 {n} 名（共 {of} 人）{top}\n")
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
                say!(
                    en("c{} {} (max {})", i + 1, criterion_name(k), fmt_points(k.max)),
                    zh("c{} {}（满分 {}）", i + 1, criterion_name(k), fmt_points(k.max))
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
            p.s += &say!(
                en("recused (conflict of interest, own unit): {}\n", who.join(", ")),
                zh("回避（本单位）：{}\n", who.join("、"))
            );
        }
        p.s += &match a.self_total {
            Some(t) => say!(
                en("self-evaluation: {}\n", fmt_points(t)),
                zh("自评得分：{}\n", fmt_points(t))
            ),
            None => say!(en("self-evaluation: no sheet\n"), zh("自评得分：缺少自评表\n")),
        };
        p.s += &match &a.joint {
            Some(j) => {
                let derivation = JointText::new(j, &c.joint, self.scheme.trim_from).derivation();
                say!(en("joint evaluation: {derivation}\n"), zh("联评得分：{derivation}\n"))
            }
            None => say!(en("joint evaluation: no sheet\n"), zh("联评得分：缺少联评表\n")),
        };
        for r in &a.reasons {
            if let Reason::TooFewJoint { have, need } = r {
                p.s += &say!(
                    en("  {have} joint evaluators, at least {need} needed\n"),
                    zh("  联评 {have} 人，至少需要 {need} 人\n")
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
            say!(
                en("inspection score: {} (no deductions)\n", fmt_points(a.inspection)),
                zh("检查得分：{}（无扣分）\n", fmt_points(a.inspection))
            )
        } else {
            say!(
                en(
                    "inspection score: {}{} = {} (never below 0)\n",
                    fmt_points(self.scheme.inspection_base),
                    deductions.concat(),
                    fmt_points(a.inspection)
                ),
                zh(
                    "检查得分：{}{} = {}（最低为 0）\n",
                    fmt_points(self.scheme.inspection_base),
                    deductions.concat(),
                    fmt_points(a.inspection)
                )
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
                (Some(t), Some(true)) => say!(
                    en("pooled: {pooled} ≥ {}% threshold: met\n", fmt_points(t)),
                    zh("合计：{pooled} ≥ {}% 标准：达标\n", fmt_points(t))
                ),
                (Some(t), _) => say!(
                    en("pooled: {pooled} < {}% threshold: not met\n", fmt_points(t)),
                    zh("合计：{pooled} < {}% 标准：未达标\n", fmt_points(t))
                ),
                (None, _) => say!(
                    en("pooled: {pooled} (no threshold for this category)\n"),
                    zh("合计：{pooled}（本类别无满意度标准）\n")
                ),
            };
        }
        Ok(())
    }

    fn composite_text(&self, p: &mut Page) -> Result<()> {
        p.head(tr("Composite", "综合得分"));
        p.table(self.parts_listing())?;
        p.s += &match &self.a().total {
            Some(t) => say!(en("total = {}\n", exact_text(t)), zh("总分 = {}\n", exact_text(t))),
            None => say!(
                en("no total: it needs the self-evaluation and at least one joint sheet\n"),
                zh("无总分：须有自评表和至少一张联评表\n")
            ),
        };
        Ok(())
    }
}
