//! The term's scheme: what DOMAIN.md leaves open, with its defaults, and the file a clerk
//! edits to change it (TOML, points and percents as people write them).

use std::collections::BTreeMap;

use anyhow::Result;
use serde::{Deserialize, Serialize};

use crate::values::{Category, Centi, PointsFault, fmt_points, points};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OrderKey {
    Total,
    #[serde(rename = "self")]
    SelfEval,
    Joint,
    Inspection,
    Satisfaction,
}

impl OrderKey {
    pub fn code(self) -> &'static str {
        match self {
            OrderKey::Total => "total",
            OrderKey::SelfEval => "self",
            OrderKey::Joint => "joint",
            OrderKey::Inspection => "inspection",
            OrderKey::Satisfaction => "satisfaction",
        }
    }
    pub fn parse(s: &str) -> Option<OrderKey> {
        [
            OrderKey::Total,
            OrderKey::SelfEval,
            OrderKey::Joint,
            OrderKey::Inspection,
            OrderKey::Satisfaction,
        ]
        .into_iter()
        .find(|k| k.code() == s.trim())
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Criterion {
    pub name_zh: String,
    pub name_en: String,
    pub max: Centi,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CategoryRule {
    pub quota: usize,
    /// Minimum satisfaction in hundredths of a percent (98% = 9800); None: no threshold.
    pub threshold: Option<i64>,
    pub survey_required: bool,
    pub criteria: [Criterion; 5],
    /// The most nominations one group may send in this category; 0: no cap.
    pub max_per_group: usize,
    /// Award places per group (group name → places); empty: the quota is the category's.
    pub places: BTreeMap<String, usize>,
    /// An individual must be within this top share of the unit's year-end assessment.
    pub unit_rank_top_percent: Option<u32>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Scheme {
    /// Weights in percent; they add up to 100.
    pub weight_self: i64,
    pub weight_joint: i64,
    pub weight_inspection: i64,
    /// The smallest step of a mark, in hundredths (50: half points).
    pub step: Centi,
    pub min_joint: usize,
    /// With at least this many joint sheets, one highest and one lowest are dropped; 0: never.
    pub trim_from: usize,
    pub inspection_base: Centi,
    pub order: Vec<OrderKey>,
    pub window: CategoryRule,
    pub individual: CategoryRule,
    /// The first day forms are taken (the intake window closes on the term's deadline);
    /// None: 1 October of the term's year.
    pub intake_opens_on: Option<chrono::NaiveDate>,
}

fn criteria(list: [(&str, &str); 5]) -> [Criterion; 5] {
    list.map(|(zh, en)| Criterion {
        name_zh: zh.to_string(),
        name_en: en.to_string(),
        max: 2000,
    })
}

impl Default for Scheme {
    /// The defaults of DOMAIN.md.
    fn default() -> Self {
        Scheme {
            weight_self: 20,
            weight_joint: 50,
            weight_inspection: 30,
            step: 50,
            min_joint: 3,
            trim_from: 5,
            inspection_base: 10_000,
            order: vec![
                OrderKey::Total,
                OrderKey::Joint,
                OrderKey::Inspection,
                OrderKey::Satisfaction,
            ],
            window: CategoryRule {
                quota: 10,
                threshold: Some(9800),
                survey_required: true,
                max_per_group: 0,
                places: BTreeMap::new(),
                unit_rank_top_percent: None,
                criteria: criteria([
                    ("政治思想好", "political and ideological conduct"),
                    ("业务工作好", "work performance"),
                    ("服务信誉好", "service reputation"),
                    ("和谐秩序好", "harmony and order"),
                    ("创建活动好", "campaign activities"),
                ]),
            },
            individual: CategoryRule {
                quota: 20,
                threshold: None,
                survey_required: false,
                max_per_group: 0,
                places: BTreeMap::new(),
                unit_rank_top_percent: None,
                criteria: criteria([
                    ("政治思想好", "political and ideological conduct"),
                    ("服务基层好", "service to the grassroots"),
                    ("工作业绩好", "work results"),
                    ("遵守纪律好", "discipline"),
                    ("文明举止好", "civil conduct"),
                ]),
            },
            intake_opens_on: None,
        }
    }
}

impl Scheme {
    pub fn rule(&self, c: Category) -> &CategoryRule {
        match c {
            Category::Window => &self.window,
            Category::Individual => &self.individual,
        }
    }

    /// Checks the scheme's own consistency; every problem is listed.
    pub fn validate(&self) -> Result<(), SchemeProblems> {
        let mut errs = Vec::new();
        let w = [self.weight_self, self.weight_joint, self.weight_inspection];
        if w.iter().any(|x| !(0..=100).contains(x)) || w.iter().sum::<i64>() != 100 {
            errs.push(SchemeProblem::Weights(w));
        }
        if !(1..=10_000).contains(&self.step) {
            errs.push(SchemeProblem::Step);
        }
        if self.min_joint < 1 {
            errs.push(SchemeProblem::MinJoint);
        }
        if self.trim_from != 0 && self.trim_from < 3 {
            errs.push(SchemeProblem::TrimFrom);
        }
        if self.inspection_base <= 0 {
            errs.push(SchemeProblem::InspectionBase);
        }
        if self.order.is_empty() || self.order[0] == OrderKey::Satisfaction && self.order.len() == 1 {
            errs.push(SchemeProblem::OrderStart);
        }
        let mut seen = Vec::new();
        for k in &self.order {
            if seen.contains(k) {
                errs.push(SchemeProblem::OrderTwice(*k));
            }
            seen.push(*k);
        }
        for cat in Category::ALL {
            let r = self.rule(cat);
            if let Some(p) = r.unit_rank_top_percent
                && !(1..=100).contains(&p)
            {
                errs.push(SchemeProblem::UnitRankPercent(cat));
            }
            if r.places.keys().any(|g| g.trim().is_empty()) {
                errs.push(SchemeProblem::PlacesGroupName(cat));
            }
            if let Some(t) = r.threshold
                && !(0..=10_000).contains(&t)
            {
                errs.push(SchemeProblem::Threshold(cat));
            }
            let off_step: Vec<Centi> = r
                .criteria
                .iter()
                .filter(|c| c.max > 0 && self.step > 0 && c.max % self.step != 0)
                .map(|c| c.max)
                .collect();
            if !off_step.is_empty() {
                errs.push(SchemeProblem::OffStep {
                    category: cat,
                    step: self.step,
                    maxima: off_step,
                });
            }
            for (i, c) in r.criteria.iter().enumerate() {
                if c.max <= 0 {
                    errs.push(SchemeProblem::CriterionMax {
                        category: cat,
                        n: i + 1,
                    });
                }
                if c.name_zh.trim().is_empty() && c.name_en.trim().is_empty() {
                    errs.push(SchemeProblem::CriterionName {
                        category: cat,
                        n: i + 1,
                    });
                }
            }
        }
        match errs.is_empty() {
            true => Ok(()),
            false => Err(SchemeProblems(errs)),
        }
    }

    /// Every setting as (name, value), in the order of the scheme file.
    fn settings(&self) -> Vec<(String, String)> {
        let mut v = vec![
            ("weights.self".to_string(), format!("{}%", self.weight_self)),
            ("weights.joint".to_string(), format!("{}%", self.weight_joint)),
            ("weights.inspection".to_string(), format!("{}%", self.weight_inspection)),
            ("scoring.step".to_string(), fmt_points(self.step)),
            ("scoring.min_joint_evaluators".to_string(), self.min_joint.to_string()),
            ("scoring.trim_from".to_string(), self.trim_from.to_string()),
            ("scoring.inspection_base".to_string(), fmt_points(self.inspection_base)),
            (
                "intake.opens_on".to_string(),
                self.intake_opens_on
                    .map_or_else(|| "1 October".to_string(), |d| d.to_string()),
            ),
            (
                "scoring.order".to_string(),
                self.order.iter().map(|k| k.code()).collect::<Vec<_>>().join(", "),
            ),
        ];
        for cat in Category::ALL {
            let r = self.rule(cat);
            let c = cat.code();
            v.push((format!("{c}.quota"), r.quota.to_string()));
            v.push((
                format!("{c}.satisfaction_threshold"),
                r.threshold
                    .map(|t| format!("{}%", fmt_points(t)))
                    .unwrap_or_else(|| "-".to_string()),
            ));
            v.push((format!("{c}.survey_required"), r.survey_required.to_string()));
            v.push((format!("{c}.max_per_group"), r.max_per_group.to_string()));
            v.push((
                format!("{c}.places"),
                r.places
                    .iter()
                    .map(|(g, n)| format!("{g} = {n}"))
                    .collect::<Vec<_>>()
                    .join(", "),
            ));
            v.push((
                format!("{c}.unit_rank_top_percent"),
                r.unit_rank_top_percent
                    .map_or_else(|| "-".to_string(), |p| format!("{p}%")),
            ));
            for (i, k) in r.criteria.iter().enumerate() {
                v.push((format!("{c}.criterion{}.max", i + 1), fmt_points(k.max)));
                v.push((
                    format!("{c}.criterion{}.name", i + 1),
                    format!("{} / {}", k.name_zh, k.name_en),
                ));
            }
        }
        v
    }

    /// What `new` changes of this scheme, one "name: old → new" a setting.
    pub fn changes(&self, new: &Scheme) -> Vec<String> {
        self.settings()
            .into_iter()
            .zip(new.settings())
            .filter(|((_, a), (_, b))| a != b)
            .map(|((k, a), (_, b))| format!("{k}: {a} → {b}"))
            .collect()
    }

    /// The scheme as the TOML file a clerk edits.
    pub fn to_toml(&self, year: i32) -> Result<String> {
        let file = SchemeFile::from(self);
        let body = toml::to_string_pretty(&file)?;
        Ok(format!(
            "# Scheme of the {year} term (评选方案). Edit and load it back with\n\
             #   pingxuan --term {year} term scheme import FILE\n\
             # Points and percents as written on the sheets; weights add up to 100.\n\
             # order: the keys that rank candidates, compared in turn, all descending.\n\
             # trim_from: with at least this many joint sheets, one highest and one lowest are dropped (0: never).\n\n{body}"
        ))
    }

    pub fn from_toml(text: &str) -> Result<Scheme, SchemeProblems> {
        let file: SchemeFile =
            toml::from_str(text).map_err(|e| SchemeProblems(vec![SchemeProblem::File(e.to_string())]))?;
        let s = file.into_scheme().map_err(|p| SchemeProblems(vec![p]))?;
        s.validate()?;
        Ok(s)
    }
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct SchemeFile {
    weights: WeightsFile,
    scoring: ScoringFile,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    intake: Option<IntakeFile>,
    window: CategoryFile,
    individual: CategoryFile,
}

/// `[intake] opens_on = "2026-10-01"`: the first day forms are taken.
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct IntakeFile {
    opens_on: String,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct WeightsFile {
    #[serde(rename = "self")]
    self_eval: i64,
    joint: i64,
    inspection: i64,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct ScoringFile {
    step: f64,
    min_joint_evaluators: usize,
    trim_from: usize,
    inspection_base: f64,
    order: Vec<OrderKey>,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct CategoryFile {
    quota: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    satisfaction_threshold: Option<f64>,
    survey_required: bool,
    /// A cap on the nominations of one group; absent or 0: none.
    #[serde(default, skip_serializing_if = "is_zero")]
    max_per_group: usize,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    unit_rank_top_percent: Option<u32>,
    criteria: Vec<CriterionFile>,
    /// Award places per group: `[window.places]`, group name = places.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    places: BTreeMap<String, usize>,
}

fn is_zero(n: &usize) -> bool {
    *n == 0
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct CriterionFile {
    name_zh: String,
    name_en: String,
    max: f64,
}

/// A number with at most two decimals, to hundredths.
/// Points in a scheme are at most this many (a criterion, a base, a step).
const MAX_POINTS: f64 = 10_000.0;

fn centi(x: f64, field: Field) -> Result<i64, SchemeProblem> {
    if !x.is_finite() {
        return Err(SchemeProblem::NotPoints { field, x });
    }
    if x.abs() > MAX_POINTS {
        return Err(SchemeProblem::TooLarge {
            field,
            x,
            max: MAX_POINTS,
        });
    }
    let c = (x * 100.0).round();
    if (x * 100.0 - c).abs() > 1e-6 {
        return Err(SchemeProblem::Decimals { field, x });
    }
    Ok(c as i64)
}

fn from_centi(c: i64) -> f64 {
    c as f64 / 100.0
}

impl From<&Scheme> for SchemeFile {
    fn from(s: &Scheme) -> Self {
        let cat = |r: &CategoryRule| CategoryFile {
            quota: r.quota,
            satisfaction_threshold: r.threshold.map(from_centi),
            survey_required: r.survey_required,
            max_per_group: r.max_per_group,
            unit_rank_top_percent: r.unit_rank_top_percent,
            places: r.places.clone(),
            criteria: r
                .criteria
                .iter()
                .map(|c| CriterionFile {
                    name_zh: c.name_zh.clone(),
                    name_en: c.name_en.clone(),
                    max: from_centi(c.max),
                })
                .collect(),
        };
        SchemeFile {
            weights: WeightsFile {
                self_eval: s.weight_self,
                joint: s.weight_joint,
                inspection: s.weight_inspection,
            },
            scoring: ScoringFile {
                step: from_centi(s.step),
                min_joint_evaluators: s.min_joint,
                trim_from: s.trim_from,
                inspection_base: from_centi(s.inspection_base),
                order: s.order.clone(),
            },
            intake: s.intake_opens_on.map(|d| IntakeFile {
                opens_on: d.to_string(),
            }),
            window: cat(&s.window),
            individual: cat(&s.individual),
        }
    }
}

impl SchemeFile {
    fn into_scheme(self) -> Result<Scheme, SchemeProblem> {
        let cat = |category: Category, f: CategoryFile| -> Result<CategoryRule, SchemeProblem> {
            let have = f.criteria.len();
            if have != 5 {
                return Err(SchemeProblem::CriteriaCount { category, have });
            }
            let mut list = Vec::new();
            for (i, c) in f.criteria.into_iter().enumerate() {
                list.push(Criterion {
                    name_zh: c.name_zh,
                    name_en: c.name_en,
                    max: centi(c.max, Field::CriterionMax(category, i + 1))?,
                });
            }
            let criteria: [Criterion; 5] = list
                .try_into()
                .map_err(|_| SchemeProblem::CriteriaCount { category, have })?;
            Ok(CategoryRule {
                quota: f.quota,
                threshold: f
                    .satisfaction_threshold
                    .map(|t| centi(t, Field::Threshold(category)))
                    .transpose()?,
                survey_required: f.survey_required,
                criteria,
                max_per_group: f.max_per_group,
                places: f.places.into_iter().map(|(g, n)| (g.trim().to_string(), n)).collect(),
                unit_rank_top_percent: f.unit_rank_top_percent,
            })
        };
        Ok(Scheme {
            weight_self: self.weights.self_eval,
            weight_joint: self.weights.joint,
            weight_inspection: self.weights.inspection,
            step: centi(self.scoring.step, Field::Step)?,
            min_joint: self.scoring.min_joint_evaluators,
            trim_from: self.scoring.trim_from,
            inspection_base: centi(self.scoring.inspection_base, Field::InspectionBase)?,
            order: self.scoring.order,
            window: cat(Category::Window, self.window)?,
            individual: cat(Category::Individual, self.individual)?,
            intake_opens_on: self
                .intake
                .map(|i| {
                    chrono::NaiveDate::parse_from_str(i.opens_on.trim(), "%Y-%m-%d")
                        .map_err(|_| SchemeProblem::OpensOn(i.opens_on.clone()))
                })
                .transpose()?,
        })
    }
}

/// Why a stored mark is outside the scheme.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MarkFault {
    Negative,
    AboveMax,
    OffStep,
}

impl Scheme {
    /// Whether a stored mark for criterion `idx` (0 to 4) of a category is one the scheme
    /// allows: marks are held again to the scheme whenever they count, since a maximum may
    /// have been lowered, or the file edited, after they were recorded.
    pub fn mark_fault(&self, category: Category, idx: usize, mark: Centi) -> Option<MarkFault> {
        let max = self.rule(category).criteria[idx].max;
        if mark < 0 {
            Some(MarkFault::Negative)
        } else if mark > max {
            Some(MarkFault::AboveMax)
        } else if mark % self.step != 0 {
            Some(MarkFault::OffStep)
        } else {
            None
        }
    }
}

/// One mark as the scheme allows it: from 0 to the criterion's maximum, in the scheme's step.
/// The error says what was wrong and what would be accepted.
pub fn check_mark(raw: &str, max: Centi, step: Centi) -> Result<Centi, MarkProblem> {
    let refuse = |fault| Err(MarkProblem { fault, max, step });
    if raw.trim().is_empty() {
        return refuse(MarkRefusal::Missing);
    }
    let v = match points(raw) {
        Ok(v) => v,
        Err(f) => return refuse(MarkRefusal::NotPoints(f)),
    };
    if v < 0 {
        return refuse(MarkRefusal::Negative);
    }
    if v > max {
        return refuse(MarkRefusal::AboveMax);
    }
    if v % step != 0 {
        return refuse(MarkRefusal::OffStep);
    }
    Ok(v)
}

/// A mark refused, with what the scheme accepts: 0 to `max` in steps of `step`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct MarkProblem {
    pub fault: MarkRefusal,
    pub max: Centi,
    pub step: Centi,
}

impl std::error::Error for MarkProblem {}

/// Why a mark as typed is refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MarkRefusal {
    Missing,
    NotPoints(PointsFault),
    Negative,
    AboveMax,
    OffStep,
}

/// A setting of the scheme file that holds points.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Field {
    Step,
    InspectionBase,
    Threshold(Category),
    /// The category and the criterion's number, from 1.
    CriterionMax(Category, usize),
}

/// What is wrong with a scheme, or with the file it is read from.
#[derive(Clone, Debug, PartialEq)]
pub enum SchemeProblem {
    /// The file does not read as a scheme (TOML syntax, a key unknown or missing): the
    /// parser's words.
    File(String),
    NotPoints {
        field: Field,
        x: f64,
    },
    TooLarge {
        field: Field,
        x: f64,
        max: f64,
    },
    Decimals {
        field: Field,
        x: f64,
    },
    CriteriaCount {
        category: Category,
        have: usize,
    },
    OpensOn(String),
    /// Self, joint and inspection, in percent.
    Weights([i64; 3]),
    Step,
    MinJoint,
    TrimFrom,
    InspectionBase,
    OrderStart,
    OrderTwice(OrderKey),
    UnitRankPercent(Category),
    PlacesGroupName(Category),
    Threshold(Category),
    OffStep {
        category: Category,
        step: Centi,
        maxima: Vec<Centi>,
    },
    CriterionMax {
        category: Category,
        n: usize,
    },
    CriterionName {
        category: Category,
        n: usize,
    },
}

/// Every problem found with a scheme, reported together.
#[derive(Clone, Debug, PartialEq)]
pub struct SchemeProblems(pub Vec<SchemeProblem>);

impl std::error::Error for SchemeProblems {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_scheme_round_trips_through_toml() {
        let s = Scheme::default();
        s.validate().unwrap();
        let text = s.to_toml(2026).unwrap();
        assert!(text.contains("satisfaction_threshold = 98.0"), "{text}");
        assert_eq!(Scheme::from_toml(&text).unwrap(), s);
    }

    #[test]
    fn changes_name_each_setting_changed() {
        let old = Scheme::default();
        let mut new = old.clone();
        new.window.quota = 8;
        new.weight_joint = 45;
        new.weight_inspection = 35;
        assert_eq!(
            old.changes(&new),
            vec![
                "weights.joint: 50% → 45%",
                "weights.inspection: 30% → 35%",
                "window.quota: 10 → 8"
            ]
        );
        assert!(old.changes(&old).is_empty());
    }

    #[test]
    fn bad_weights_and_unknown_keys_are_refused() {
        let text = Scheme::default()
            .to_toml(2026)
            .unwrap()
            .replace("joint = 50", "joint = 60");
        let e = Scheme::from_toml(&text).unwrap_err();
        assert_eq!(e.0, vec![SchemeProblem::Weights([20, 60, 30])]);
        let text = Scheme::default()
            .to_toml(2026)
            .unwrap()
            .replace("[weights]", "[weights]\nbonus = 1");
        assert!(matches!(
            &Scheme::from_toml(&text).unwrap_err().0[..],
            [SchemeProblem::File(_)]
        ));
        let text = Scheme::default()
            .to_toml(2026)
            .unwrap()
            .replace("step = 0.5", "step = 0.125");
        assert_eq!(
            Scheme::from_toml(&text).unwrap_err().0,
            vec![SchemeProblem::Decimals {
                field: Field::Step,
                x: 0.125
            }]
        );
    }

    #[test]
    fn stored_marks_are_held_to_the_scheme_again() {
        let mut s = Scheme::default();
        assert_eq!(s.mark_fault(Category::Window, 0, 2000), None);
        assert_eq!(s.mark_fault(Category::Window, 0, 999_999), Some(MarkFault::AboveMax));
        assert_eq!(s.mark_fault(Category::Window, 4, 1725), Some(MarkFault::OffStep));
        assert_eq!(s.mark_fault(Category::Individual, 2, -50), Some(MarkFault::Negative));
        // A maximum lowered after the marks were given: the marks above it no longer count.
        s.window.criteria[0].max = 1500;
        assert_eq!(s.mark_fault(Category::Window, 0, 1750), Some(MarkFault::AboveMax));
        assert_eq!(s.mark_fault(Category::Individual, 0, 1750), None);
    }

    #[test]
    fn marks_within_the_scheme() {
        let (max, step) = (2000, 50);
        assert_eq!(check_mark("17.5", max, step), Ok(1750));
        assert_eq!(check_mark("0", max, step), Ok(0));
        assert_eq!(check_mark("20", max, step), Ok(2000));
        let refusal = |raw| check_mark(raw, max, step).map_err(|e| (e.fault, e.max, e.step));
        for (bad, fault) in [
            ("17.25", MarkRefusal::OffStep),
            ("21", MarkRefusal::AboveMax),
            ("-1", MarkRefusal::Negative),
            ("abc", MarkRefusal::NotPoints(PointsFault::NotPoints)),
            ("", MarkRefusal::Missing),
            ("20.5", MarkRefusal::AboveMax),
            ("17.125", MarkRefusal::NotPoints(PointsFault::Decimals)),
        ] {
            assert_eq!(refusal(bad), Err((fault, max, step)), "{bad}");
        }
        // A scheme of whole points refuses halves; one of quarter points takes 17.25.
        assert!(check_mark("17.5", max, 100).is_err());
        assert_eq!(check_mark("17.25", max, 25), Ok(1725));
        assert!(check_mark("11", 1000, 50).is_err());
    }
}
