//! What is wrong with a scheme file, and with a mark as the scheme allows it.

use super::{Lang, Render, pick, say};
use crate::core::scheme::{Field, MarkProblem, MarkRefusal, OrderKey, SchemeProblem, SchemeProblems};
use crate::values::fmt_points;

impl OrderKey {
    /// The key in words: what the candidates are compared by.
    pub fn label_in(self, lang: Lang) -> &'static str {
        match self {
            OrderKey::Total => pick(lang, "total", "总分"),
            OrderKey::SelfEval => pick(lang, "self-evaluation", "自评"),
            OrderKey::Joint => pick(lang, "joint evaluation", "联评"),
            OrderKey::Inspection => pick(lang, "inspection", "检查得分"),
            OrderKey::Satisfaction => pick(lang, "satisfaction", "满意度"),
        }
    }

    /// The key in the words of the run's language.
    pub fn label(self) -> &'static str {
        self.label_in(crate::i18n::lang())
    }
}

impl Render for Field {
    fn render(&self, lang: Lang) -> String {
        match *self {
            Field::Step => say!(lang; en: "step", zh: "评分步长（step）"),
            Field::InspectionBase => say!(lang; en: "inspection_base", zh: "检查基础分（inspection_base）"),
            Field::Threshold(c) => {
                let c = c.code();
                say!(lang; en: "{c} satisfaction_threshold", zh: "{c} 满意度门槛（satisfaction_threshold）")
            }
            Field::CriterionMax(c, n) => {
                let c = c.code();
                say!(lang; en: "{c} criterion {n} max", zh: "{c} 第 {n} 项指标满分（max）")
            }
        }
    }
}

impl Render for SchemeProblem {
    fn render(&self, lang: Lang) -> String {
        match self {
            SchemeProblem::File(e) => say!(lang; en: "{e}", zh: "评分方案文件有误：{e}"),
            SchemeProblem::NotPoints { field, x } => {
                let what = field.render(lang);
                say!(lang;
                    en: "{what}: {x} is not a number of points; write points such as 0.5 or 100",
                    zh: "{what}：{x} 不是分值，请填写如 0.5 或 100 的分数")
            }
            SchemeProblem::TooLarge { field, x, max } => {
                let what = field.render(lang);
                say!(lang;
                    en: "{what}: {x} is too large; a scheme's points are at most {max}",
                    zh: "{what}：{x} 过大，评分方案中的分值最多为 {max}")
            }
            SchemeProblem::Decimals { field, x } => {
                let what = field.render(lang);
                say!(lang; en: "{what}: {x} has more than two decimals", zh: "{what}：{x} 的小数超过两位")
            }
            SchemeProblem::CriteriaCount { category, have } => {
                let c = category.code();
                say!(lang;
                    en: "{c}: exactly 5 criteria are needed, the file has {have}",
                    zh: "{c}：评分指标须为 5 项，文件中有 {have} 项")
            }
            SchemeProblem::OpensOn(v) => say!(lang;
                en: "intake.opens_on: \"{v}\" is not a date YYYY-MM-DD",
                zh: "intake.opens_on：“{v}”不是 YYYY-MM-DD 格式的日期"),
            SchemeProblem::Weights([s, j, i]) => say!(lang;
                en: "weights must be 0..100 and add up to 100 (they are {s} + {j} + {i})",
                zh: "权重须在 0 至 100 之间且合计为 100（现为 {s} + {j} + {i}）"),
            SchemeProblem::Step => say!(lang;
                en: "step must be between 0.01 and 100 points",
                zh: "评分步长（step）须在 0.01 至 100 分之间"),
            SchemeProblem::MinJoint => say!(lang;
                en: "min_joint_evaluators must be at least 1",
                zh: "联评最少人数（min_joint_evaluators）至少为 1"),
            SchemeProblem::TrimFrom => say!(lang;
                en: "trim_from must be 0 (never) or at least 3",
                zh: "trim_from 须为 0（不去分）或至少为 3"),
            SchemeProblem::InspectionBase => say!(lang;
                en: "inspection_base must be above 0",
                zh: "明查暗访基础分（inspection_base）须大于 0"),
            SchemeProblem::OrderStart => say!(lang;
                en: "order must start with the keys that rank candidates, e.g. [\"total\", \"joint\"]",
                zh: "order 须以用于排名的键开头，如 [\"total\", \"joint\"]"),
            SchemeProblem::OrderTwice(k) => {
                let k = k.code();
                say!(lang; en: "order names \"{k}\" twice", zh: "order 中“{k}”出现了两次")
            }
            SchemeProblem::UnitRankPercent(c) => {
                let c = c.code();
                say!(lang;
                    en: "{c}: unit_rank_top_percent must be 1..100",
                    zh: "{c}：unit_rank_top_percent 须在 1 至 100 之间")
            }
            SchemeProblem::PlacesGroupName(c) => {
                let c = c.code();
                say!(lang; en: "{c}.places: a group needs its name", zh: "{c}.places：片组须填写名称")
            }
            SchemeProblem::Threshold(c) => {
                let c = c.code();
                say!(lang;
                    en: "{c}: satisfaction_threshold must be 0..100 percent",
                    zh: "{c}：满意度门槛（satisfaction_threshold）须在 0 至 100% 之间")
            }
            SchemeProblem::OffStep { category, step, maxima } => {
                let (c, step) = (category.code(), fmt_points(*step));
                let maxima = maxima.iter().map(|m| fmt_points(*m)).collect::<Vec<_>>();
                let maxima = maxima.join(pick(lang, ", ", "、"));
                say!(lang;
                    en: "{c}: the step {step} does not fit the criterion maxima ({maxima}); a maximum must be a whole number of steps",
                    zh: "{c}：评分步长 {step} 与指标满分（{maxima}）不相符；满分须为步长的整数倍")
            }
            SchemeProblem::CriterionMax { category, n } => {
                let c = category.code();
                say!(lang;
                    en: "{c}: criterion {n} maximum must be above 0",
                    zh: "{c}：第 {n} 项指标的满分须大于 0")
            }
            SchemeProblem::CriterionName { category, n } => {
                let c = category.code();
                say!(lang; en: "{c}: criterion {n} needs a name", zh: "{c}：第 {n} 项指标须填写名称")
            }
        }
    }
}

impl Render for SchemeProblems {
    fn render(&self, lang: Lang) -> String {
        self.0.iter().map(|p| p.render(lang)).collect::<Vec<_>>().join("\n")
    }
}

impl Render for MarkProblem {
    fn render(&self, lang: Lang) -> String {
        let fault = match self.fault {
            MarkRefusal::Missing => pick(lang, "no mark given", "未填写分数").to_string(),
            MarkRefusal::NotPoints(f) => f.render(lang),
            MarkRefusal::Negative => pick(lang, "below 0", "低于 0 分").to_string(),
            MarkRefusal::AboveMax => pick(lang, "above the criterion's maximum", "超过该指标满分").to_string(),
            MarkRefusal::OffStep => pick(lang, "not in the steps the scheme allows", "不符合评分步长").to_string(),
        };
        let (max, step) = (fmt_points(self.max), fmt_points(self.step));
        say!(lang;
            en: "{fault}; accepted: 0 to {max} in steps of {step}",
            zh: "{fault}；应为 0 至 {max} 分，以 {step} 分为单位")
    }
}

super::display_in_the_run_language!(SchemeProblems, MarkProblem);

#[cfg(test)]
pub fn examples_problem() -> Vec<SchemeProblem> {
    use crate::core::scheme::OrderKey;
    use crate::values::Category::{Individual, Window};
    let all = vec![
        SchemeProblem::File("unknown field `bonus`".into()),
        SchemeProblem::NotPoints {
            field: Field::Step,
            x: f64::NAN,
        },
        SchemeProblem::TooLarge {
            field: Field::CriterionMax(Window, 2),
            x: 20000.0,
            max: 10000.0,
        },
        SchemeProblem::Decimals {
            field: Field::Threshold(Individual),
            x: 97.125,
        },
        SchemeProblem::Decimals {
            field: Field::InspectionBase,
            x: 0.125,
        },
        SchemeProblem::CriteriaCount {
            category: Window,
            have: 4,
        },
        SchemeProblem::OpensOn("2026-13-01".into()),
        SchemeProblem::Weights([20, 60, 30]),
        SchemeProblem::Step,
        SchemeProblem::MinJoint,
        SchemeProblem::TrimFrom,
        SchemeProblem::InspectionBase,
        SchemeProblem::OrderStart,
        SchemeProblem::OrderTwice(OrderKey::Joint),
        SchemeProblem::UnitRankPercent(Individual),
        SchemeProblem::PlacesGroupName(Window),
        SchemeProblem::Threshold(Window),
        SchemeProblem::OffStep {
            category: Window,
            step: 150,
            maxima: vec![2000, 2500],
        },
        SchemeProblem::CriterionMax {
            category: Individual,
            n: 3,
        },
        SchemeProblem::CriterionName { category: Window, n: 1 },
    ];
    for p in &all {
        match p {
            SchemeProblem::File(_)
            | SchemeProblem::NotPoints { .. }
            | SchemeProblem::TooLarge { .. }
            | SchemeProblem::Decimals { .. }
            | SchemeProblem::CriteriaCount { .. }
            | SchemeProblem::OpensOn(_)
            | SchemeProblem::Weights(_)
            | SchemeProblem::Step
            | SchemeProblem::MinJoint
            | SchemeProblem::TrimFrom
            | SchemeProblem::InspectionBase
            | SchemeProblem::OrderStart
            | SchemeProblem::OrderTwice(_)
            | SchemeProblem::UnitRankPercent(_)
            | SchemeProblem::PlacesGroupName(_)
            | SchemeProblem::Threshold(_)
            | SchemeProblem::OffStep { .. }
            | SchemeProblem::CriterionMax { .. }
            | SchemeProblem::CriterionName { .. } => {}
        }
    }
    all
}

#[cfg(test)]
pub fn examples_field() -> Vec<Field> {
    use crate::values::Category::{Individual, Window};
    let all = vec![
        Field::Step,
        Field::InspectionBase,
        Field::Threshold(Window),
        Field::CriterionMax(Individual, 5),
    ];
    for f in &all {
        match f {
            Field::Step | Field::InspectionBase | Field::Threshold(_) | Field::CriterionMax(..) => {}
        }
    }
    all
}

#[cfg(test)]
pub fn examples_mark() -> Vec<MarkProblem> {
    use crate::values::PointsFault;
    let faults = [
        MarkRefusal::Missing,
        MarkRefusal::NotPoints(PointsFault::NotPoints),
        MarkRefusal::NotPoints(PointsFault::Decimals),
        MarkRefusal::Negative,
        MarkRefusal::AboveMax,
        MarkRefusal::OffStep,
    ];
    for f in &faults {
        match f {
            MarkRefusal::Missing
            | MarkRefusal::NotPoints(_)
            | MarkRefusal::Negative
            | MarkRefusal::AboveMax
            | MarkRefusal::OffStep => {}
        }
    }
    faults
        .into_iter()
        .map(|fault| MarkProblem {
            fault,
            max: 2000,
            step: 50,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::scheme::{Scheme, check_mark};

    #[test]
    fn a_refused_mark_says_what_is_accepted() {
        for bad in ["17.25", "21", "-1", "abc", "", "20.5", "17.125"] {
            let e = check_mark(bad, 2000, 50).unwrap_err();
            assert!(e.render(Lang::En).contains("0 to 20 in steps of 0.5"), "{bad}: {e:?}");
            assert!(
                e.render(Lang::Zh).contains("应为 0 至 20 分，以 0.5 分为单位"),
                "{bad}: {e:?}"
            );
        }
        let e = check_mark("", 2000, 50).unwrap_err();
        assert_eq!(e.render(Lang::En), "no mark given; accepted: 0 to 20 in steps of 0.5");
    }

    #[test]
    fn a_bad_scheme_file_is_told_in_the_language_asked_for() {
        let text = Scheme::default()
            .to_toml(2026)
            .unwrap()
            .replace("joint = 50", "joint = 60");
        let e = Scheme::from_toml(&text).unwrap_err();
        assert_eq!(
            e.render(Lang::En),
            "weights must be 0..100 and add up to 100 (they are 20 + 60 + 30)"
        );
        assert!(e.render(Lang::Zh).contains("合计为 100"));
        let text = Scheme::default()
            .to_toml(2026)
            .unwrap()
            .replace("step = 0.5", "step = 0.125");
        let e = Scheme::from_toml(&text).unwrap_err();
        assert_eq!(e.render(Lang::En), "step: 0.125 has more than two decimals");
    }
}
