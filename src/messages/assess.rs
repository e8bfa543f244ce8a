//! A candidate's status and the reasons it is not eligible.

use super::{Lang, Render, pick, say};
use crate::core::assess::{Reason, Status};
use crate::values::fmt_points;

impl Status {
    /// The status in words, in the language asked for.
    pub fn label_in(self, lang: Lang) -> &'static str {
        match self {
            Status::Withdrawn => pick(lang, "withdrawn", "已撤回"),
            Status::Vetoed => pick(lang, "vetoed", "一票否决"),
            Status::Unverified => pick(lang, "unverified", "未经核准"),
            Status::Incomplete => pick(lang, "incomplete", "材料不全"),
            Status::BelowThreshold => pick(lang, "below threshold", "满意度未达标"),
            Status::Eligible => pick(lang, "eligible", "符合条件"),
        }
    }

    /// The status in words, in the language of the run.
    pub fn label(self) -> &'static str {
        self.label_in(crate::i18n::lang())
    }
}

impl Render for Status {
    fn render(&self, lang: Lang) -> String {
        self.label_in(lang).to_string()
    }
}

impl Render for Reason {
    fn render(&self, lang: Lang) -> String {
        match self {
            Reason::Withdrawn(why) => say!(lang; en: "withdrawn: {why}", zh: "已撤回：{why}"),
            Reason::Vetoed(v) => {
                let id = v.id;
                let ground = super::veto::ground_label(&v.reason, lang);
                let doc = match (v.document.is_empty(), lang) {
                    (true, _) => String::new(),
                    (false, Lang::En) => format!(" ({})", v.document),
                    (false, Lang::Zh) => format!("（{}）", v.document),
                };
                match (&v.unit, v.person.as_str()) {
                    (None, _) => say!(lang;
                        en: "one-vote veto #{id}: {ground}{doc}",
                        zh: "一票否决 #{id}：{ground}{doc}"),
                    (Some(unit), "") => say!(lang;
                        en: "one-vote veto #{id} against the unit {unit}: {ground}{doc}",
                        zh: "一票否决 #{id} 针对单位 {unit}：{ground}{doc}"),
                    (Some(unit), person) => say!(lang;
                        en: "one-vote veto #{id} against the unit {unit} ({person}): {ground}{doc}",
                        zh: "一票否决 #{id} 针对单位 {unit}（{person}）：{ground}{doc}"),
                }
            }
            Reason::Pending => say!(lang; en: "not yet verified", zh: "尚未核对"),
            Reason::Rejected(codes) => {
                let why = codes
                    .iter()
                    .map(|c| super::verify::rejection_label(c, lang))
                    .collect::<Vec<_>>()
                    .join(", ");
                say!(lang; en: "rejected at verification: {why}", zh: "核对未通过：{why}")
            }
            Reason::NoSelfSheet => say!(lang; en: "no self-evaluation sheet", zh: "缺少自评表"),
            Reason::TooFewJoint { have, need } => say!(lang;
                en: "only {have} joint evaluators, {need} needed",
                zh: "联评仅 {have} 人，至少需要 {need} 人"),
            Reason::NoSurvey => say!(lang; en: "no satisfaction survey", zh: "缺少满意度调查"),
            Reason::BelowThreshold {
                satisfaction,
                threshold,
            } => {
                let (rate, threshold) = (satisfaction.ratio_text(), fmt_points(*threshold));
                say!(lang;
                    en: "satisfaction {rate} < {threshold}%",
                    zh: "满意度 {rate} < {threshold}%")
            }
        }
    }
}

impl Reason {
    /// The reason in words, in the language of the run.
    pub fn text(&self) -> String {
        self.render(crate::i18n::lang())
    }
}

super::display_in_the_run_language!(Reason, Status);

#[cfg(test)]
pub fn examples_status() -> Vec<Status> {
    use Status::*;
    let all = vec![Withdrawn, Vetoed, Unverified, Incomplete, BelowThreshold, Eligible];
    for s in &all {
        // A new status is a compile error here until it has an example above.
        match s {
            Withdrawn | Vetoed | Unverified | Incomplete | BelowThreshold | Eligible => {}
        }
    }
    all
}

#[cfg(test)]
pub fn examples_reason() -> Vec<Reason> {
    use crate::core::assess::{Satisfaction, VetoFact};
    let veto = |unit: Option<&str>, person: &str, document: &str| VetoFact {
        id: 2,
        reason: "criminal".into(),
        document: document.into(),
        unit: unit.map(str::to_string),
        person: person.into(),
    };
    let all = vec![
        Reason::Withdrawn("moved".into()),
        Reason::Vetoed(veto(None, "", "")),
        Reason::Vetoed(veto(Some("Beilun Customs"), "", "doc 3")),
        Reason::Vetoed(veto(Some("Beilun Customs"), "Wang", "")),
        Reason::Pending,
        Reason::Rejected(vec!["late".into(), "no_date".into()]),
        Reason::NoSelfSheet,
        Reason::TooFewJoint { have: 2, need: 3 },
        Reason::NoSurvey,
        Reason::BelowThreshold {
            satisfaction: Satisfaction {
                satisfied: 48_999,
                total: 50_000,
            },
            threshold: 9800,
        },
    ];
    for r in &all {
        match r {
            Reason::Withdrawn(_)
            | Reason::Vetoed(_)
            | Reason::Pending
            | Reason::Rejected(_)
            | Reason::NoSelfSheet
            | Reason::TooFewJoint { .. }
            | Reason::NoSurvey
            | Reason::BelowThreshold { .. } => {}
        }
    }
    all
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_rate_below_the_threshold_reads_exactly() {
        let r = &examples_reason()[9];
        assert_eq!(r.render(Lang::En), "satisfaction 48999/50000 = 97.998% < 98%");
        assert_eq!(r.render(Lang::Zh), "满意度 48999/50000 = 97.998% < 98%");
    }

    #[test]
    fn a_units_veto_is_told_as_the_units() {
        let r = &examples_reason()[3];
        assert_eq!(
            r.render(Lang::En),
            "one-vote veto #2 against the unit Beilun Customs (Wang): criminal prosecution"
        );
        assert_eq!(
            r.render(Lang::Zh),
            "一票否决 #2 针对单位 Beilun Customs（Wang）：违法犯罪被追究刑事责任"
        );
        assert_eq!(
            examples_reason()[2].render(Lang::En),
            "one-vote veto #2 against the unit Beilun Customs: criminal prosecution (doc 3)"
        );
    }
}
