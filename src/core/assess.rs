//! One candidate's assessment: the parts of the score, the composite total, the status
//! and every reason behind it. Pure: no SQL, no printing, no clock.

use num_rational::Ratio;

use super::scheme::Scheme;
use crate::values::{Category, Centi, fmt_exact};

/// An exact value in hundredths of a point.
pub type Exact = Ratio<i64>;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Sheet {
    /// Empty for a self-evaluation sheet.
    pub evaluator: String,
    pub marks: [Centi; 5],
}

impl Sheet {
    pub fn total(&self) -> Centi {
        self.marks.iter().sum()
    }
}

/// The joint evaluation: the mean of the sheets that count.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Joint {
    pub mean: Exact,
    /// Indices into the sheets given, of the ones dropped as highest and lowest.
    pub dropped_high: Option<usize>,
    pub dropped_low: Option<usize>,
    pub counted: usize,
}

/// What became of one joint sheet in the mean.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Fate {
    Counted,
    DroppedHigh,
    DroppedLow,
}

impl Fate {
    pub fn code(self) -> &'static str {
        match self {
            Fate::Counted => "counted",
            Fate::DroppedHigh => "dropped_highest",
            Fate::DroppedLow => "dropped_lowest",
        }
    }
}

/// One joint sheet as the mean took it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct JointLine {
    pub evaluator: String,
    pub total: Centi,
    pub fate: Fate,
}

/// How a joint mean came about: every sheet in the order given, with what became of it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct JointSteps {
    pub lines: Vec<JointLine>,
    pub counted: usize,
    pub mean: Exact,
}

impl JointSteps {
    /// The sheet dropped as highest or as lowest, if one was.
    pub fn dropped(&self, fate: Fate) -> Option<&JointLine> {
        self.lines.iter().find(|l| l.fate == fate && fate != Fate::Counted)
    }
    /// The totals that make the mean, in order.
    pub fn counted_totals(&self) -> Vec<Centi> {
        self.lines
            .iter()
            .filter(|l| l.fate == Fate::Counted)
            .map(|l| l.total)
            .collect()
    }
}

impl Joint {
    /// What became of the sheet at `index` of the sheets the mean was taken of.
    pub fn fate(&self, index: usize) -> Fate {
        if self.dropped_high == Some(index) {
            Fate::DroppedHigh
        } else if self.dropped_low == Some(index) {
            Fate::DroppedLow
        } else {
            Fate::Counted
        }
    }
    /// The sheets this mean was taken of, each with its total and what became of it.
    pub fn steps(&self, sheets: &[Sheet]) -> JointSteps {
        JointSteps {
            lines: sheets
                .iter()
                .enumerate()
                .map(|(i, s)| JointLine {
                    evaluator: s.evaluator.clone(),
                    total: s.total(),
                    fate: self.fate(i),
                })
                .collect(),
            counted: self.counted,
            mean: self.mean,
        }
    }
}

/// The mean of the joint sheets' totals; with `trim_from` or more sheets (and `trim_from` > 0),
/// one highest and one lowest total are dropped first. None without sheets.
pub fn joint_mean(sheets: &[Sheet], trim_from: usize) -> Option<Joint> {
    if sheets.is_empty() {
        return None;
    }
    let totals: Vec<Centi> = sheets.iter().map(Sheet::total).collect();
    let sum: Centi = totals.iter().sum();
    if trim_from > 0 && sheets.len() >= trim_from {
        // Which of equal sheets is named as dropped does not change the mean; the first wins.
        let hi = (0..totals.len()).max_by_key(|&i| (totals[i], std::cmp::Reverse(i)))?;
        let lo = (0..totals.len()).filter(|&i| i != hi).min_by_key(|&i| (totals[i], i))?;
        let n = sheets.len() as i64 - 2;
        return Some(Joint {
            mean: Ratio::new(sum - totals[hi] - totals[lo], n),
            dropped_high: Some(hi),
            dropped_low: Some(lo),
            counted: sheets.len() - 2,
        });
    }
    Some(Joint {
        mean: Ratio::new(sum, sheets.len() as i64),
        dropped_high: None,
        dropped_low: None,
        counted: sheets.len(),
    })
}

/// The inspection score: the base less every deduction, never below zero.
pub fn inspection_score(base: Centi, deductions: &[Centi]) -> Centi {
    (base - deductions.iter().sum::<Centi>()).max(0)
}

/// Satisfied and surveyed, pooled over every survey of the term.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Satisfaction {
    pub satisfied: i64,
    pub total: i64,
}

impl Satisfaction {
    pub fn pooled(surveys: &[(i64, i64)]) -> Option<Satisfaction> {
        if surveys.is_empty() {
            return None;
        }
        let (s, t) = surveys.iter().fold((0, 0), |(a, b), (s, t)| (a + s, b + t));
        (t > 0).then_some(Satisfaction { satisfied: s, total: t })
    }
    /// The rate as an exact fraction of one.
    pub fn rate(&self) -> Ratio<i64> {
        Ratio::new(self.satisfied, self.total)
    }
    /// Percent as a number, for JSON: not rounded, so that a rate below the threshold never
    /// shows as the threshold itself.
    pub fn percent(&self) -> f64 {
        self.satisfied as f64 * 100.0 / self.total as f64
    }
    /// Percent for people, exact: "98%", "97.998%"; a rate that does not end is cut with "…",
    /// never rounded up.
    pub fn percent_text(&self) -> String {
        format!("{}%", fmt_exact(&(self.rate() * Ratio::from_integer(10_000))))
    }
    /// "49/50 = 98%".
    pub fn ratio_text(&self) -> String {
        format!("{}/{} = {}", self.satisfied, self.total, self.percent_text())
    }
    /// At least `threshold` hundredths of a percent, compared exactly: "98%以上" includes 98%.
    pub fn meets(&self, threshold: i64) -> bool {
        self.satisfied as i128 * 10_000 >= threshold as i128 * self.total as i128
    }
}

/// Where a nomination stands after verification.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Standing {
    Pending,
    Verified,
    Rejected(Vec<String>),
    Withdrawn(String),
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct VetoFact {
    pub id: i64,
    pub reason: String,
    pub document: String,
    /// Set when the veto is against the unit (all its windows, or all its nominations).
    pub unit: Option<String>,
    /// The member of the unit's staff the veto names, if any.
    pub person: String,
}

/// Everything the ranking needs of one nomination.
#[derive(Clone, Debug)]
pub struct Candidate {
    pub code: String,
    pub category: Category,
    pub name: String,
    pub unit: String,
    pub group: String,
    pub standing: Standing,
    pub self_sheet: Option<Sheet>,
    pub joint: Vec<Sheet>,
    pub deductions: Vec<Centi>,
    pub surveys: Vec<(i64, i64)>,
    /// Active vetoes only.
    pub vetoes: Vec<VetoFact>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Withdrawn,
    Vetoed,
    Unverified,
    Incomplete,
    BelowThreshold,
    Eligible,
}

impl Status {
    pub fn code(self) -> &'static str {
        match self {
            Status::Withdrawn => "withdrawn",
            Status::Vetoed => "vetoed",
            Status::Unverified => "unverified",
            Status::Incomplete => "incomplete",
            Status::BelowThreshold => "below_threshold",
            Status::Eligible => "eligible",
        }
    }
}

/// Why a candidate is not eligible; each applies on its own.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Reason {
    Withdrawn(String),
    Vetoed(VetoFact),
    Pending,
    Rejected(Vec<String>),
    NoSelfSheet,
    TooFewJoint { have: usize, need: usize },
    NoSurvey,
    BelowThreshold { satisfaction: Satisfaction, threshold: i64 },
}

impl Reason {
    pub fn status(&self) -> Status {
        match self {
            Reason::Withdrawn(_) => Status::Withdrawn,
            Reason::Vetoed(_) => Status::Vetoed,
            Reason::Pending | Reason::Rejected(_) => Status::Unverified,
            Reason::NoSelfSheet | Reason::TooFewJoint { .. } | Reason::NoSurvey => Status::Incomplete,
            Reason::BelowThreshold { .. } => Status::BelowThreshold,
        }
    }
}

/// The outcome for one candidate.
#[derive(Clone, Debug)]
pub struct Assessment {
    pub self_total: Option<Centi>,
    pub joint: Option<Joint>,
    pub inspection: Centi,
    pub satisfaction: Option<Satisfaction>,
    /// The composite, when both the self sheet and a joint sheet exist.
    pub total: Option<Exact>,
    pub status: Status,
    pub reasons: Vec<Reason>,
}

/// Scores and judges one candidate by the term's scheme.
pub fn assess(c: &Candidate, scheme: &Scheme) -> Assessment {
    let rule = scheme.rule(c.category);
    let self_total = c.self_sheet.as_ref().map(Sheet::total);
    let joint = joint_mean(&c.joint, scheme.trim_from);
    let inspection = inspection_score(scheme.inspection_base, &c.deductions);
    let satisfaction = Satisfaction::pooled(&c.surveys);
    let total = match (self_total, &joint) {
        (Some(s), Some(j)) => Some(
            (Ratio::from_integer(scheme.weight_self * s)
                + j.mean * scheme.weight_joint
                + Ratio::from_integer(scheme.weight_inspection * inspection))
                / 100,
        ),
        _ => None,
    };

    let mut reasons = Vec::new();
    match &c.standing {
        Standing::Withdrawn(why) => reasons.push(Reason::Withdrawn(why.clone())),
        Standing::Pending => reasons.push(Reason::Pending),
        Standing::Rejected(rs) => reasons.push(Reason::Rejected(rs.clone())),
        Standing::Verified => {}
    }
    reasons.extend(c.vetoes.iter().cloned().map(Reason::Vetoed));
    if c.self_sheet.is_none() {
        reasons.push(Reason::NoSelfSheet);
    }
    if c.joint.len() < scheme.min_joint {
        reasons.push(Reason::TooFewJoint {
            have: c.joint.len(),
            need: scheme.min_joint,
        });
    }
    match (satisfaction, rule.threshold) {
        (None, _) if rule.survey_required => reasons.push(Reason::NoSurvey),
        (Some(s), Some(t)) if !s.meets(t) => reasons.push(Reason::BelowThreshold {
            satisfaction: s,
            threshold: t,
        }),
        _ => {}
    }
    let status = reasons.iter().map(Reason::status).min().unwrap_or(Status::Eligible);
    Assessment {
        self_total,
        joint,
        inspection,
        satisfaction,
        total,
        status,
        reasons,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    pub fn sheet(who: &str, total_points: i64) -> Sheet {
        // Spread a whole-point total over five criteria.
        let c = total_points * 100;
        let base = (c / 5 / 50) * 50;
        Sheet {
            evaluator: who.to_string(),
            marks: [base, base, base, base, c - 4 * base],
        }
    }

    pub fn candidate(
        cat: Category,
        self_pts: i64,
        joint: &[i64],
        deductions: &[Centi],
        surveys: &[(i64, i64)],
    ) -> Candidate {
        Candidate {
            code: "X".into(),
            category: cat,
            name: "n".into(),
            unit: "u".into(),
            group: "g".into(),
            standing: Standing::Verified,
            self_sheet: Some(sheet("", self_pts)),
            joint: joint
                .iter()
                .enumerate()
                .map(|(i, p)| sheet(&format!("e{i}"), *p))
                .collect(),
            deductions: deductions.to_vec(),
            surveys: surveys.to_vec(),
            vetoes: vec![],
        }
    }

    #[test]
    fn joint_mean_without_trimming_below_five() {
        let s: Vec<Sheet> = [80, 90, 95, 70].iter().map(|p| sheet("e", *p)).collect();
        let j = joint_mean(&s, 5).unwrap();
        assert_eq!(j.mean, Ratio::from_integer(8375));
        assert_eq!((j.dropped_high, j.dropped_low, j.counted), (None, None, 4));
    }

    #[test]
    fn joint_mean_trims_one_high_one_low_at_five() {
        let s: Vec<Sheet> = [80, 90, 95, 70, 85].iter().map(|p| sheet("e", *p)).collect();
        let j = joint_mean(&s, 5).unwrap();
        // 95 and 70 dropped: (80 + 90 + 85) / 3
        assert_eq!(j.mean, Ratio::new(25500, 3));
        assert_eq!((j.dropped_high, j.dropped_low, j.counted), (Some(2), Some(3), 3));
    }

    #[test]
    fn joint_mean_trims_only_one_of_equal_extremes() {
        let s: Vec<Sheet> = [90, 90, 80, 80, 85].iter().map(|p| sheet("e", *p)).collect();
        let j = joint_mean(&s, 5).unwrap();
        assert_eq!(j.mean, Ratio::from_integer(8500)); // (90 + 80 + 85) / 3
        assert_eq!((j.dropped_high, j.dropped_low), (Some(0), Some(2)));
        assert!(joint_mean(&s, 0).unwrap().dropped_high.is_none());
        assert!(joint_mean(&[], 5).is_none());
    }

    #[test]
    fn inspection_floors_at_zero() {
        assert_eq!(inspection_score(10_000, &[250, 50]), 9_700);
        assert_eq!(inspection_score(10_000, &[6_000, 5_000]), 0);
        assert_eq!(inspection_score(10_000, &[]), 10_000);
    }

    #[test]
    fn ninety_eight_percent_is_included() {
        let s = Satisfaction {
            satisfied: 49,
            total: 50,
        };
        assert!(s.meets(9800));
        let s = Satisfaction {
            satisfied: 9799,
            total: 10000,
        };
        assert!(!s.meets(9800));
        let scheme = Scheme::default();
        let a = assess(
            &candidate(Category::Window, 90, &[85, 85, 85], &[], &[(49, 50)]),
            &scheme,
        );
        assert_eq!(a.status, Status::Eligible);
        let a = assess(
            &candidate(Category::Window, 90, &[85, 85, 85], &[], &[(48, 50)]),
            &scheme,
        );
        assert_eq!(a.status, Status::BelowThreshold);
        // Pooled over two surveys: 97 + 49 of 150 is 97.33%.
        let a = assess(
            &candidate(Category::Window, 90, &[85, 85, 85], &[], &[(48, 100), (49, 50)]),
            &scheme,
        );
        assert_eq!(a.status, Status::BelowThreshold);
    }

    #[test]
    fn a_rate_below_the_threshold_never_reads_as_the_threshold() {
        let s = Satisfaction {
            satisfied: 48_999,
            total: 50_000,
        };
        assert!(!s.meets(9800));
        assert!(s.percent() < 98.0, "{}", s.percent());
        assert!((s.percent() - 97.998).abs() < 1e-9);
        assert_eq!(s.percent_text(), "97.998%");
        assert_eq!(s.ratio_text(), "48999/50000 = 97.998%");
        let third = Satisfaction { satisfied: 2, total: 3 };
        assert_eq!(third.percent_text(), "66.6666…%");
        assert_eq!(third.ratio_text(), "2/3 = 66.6666…%");
        let edge = Satisfaction {
            satisfied: 9_799_999,
            total: 10_000_000,
        };
        assert!(edge.percent() < 98.0);
        assert_eq!(edge.percent_text(), "97.9999…%");
        assert_eq!(
            Satisfaction {
                satisfied: 49,
                total: 50
            }
            .percent(),
            98.0
        );
    }

    #[test]
    fn joint_steps_name_each_sheet() {
        let s: Vec<Sheet> = [80, 90, 95, 70, 85].iter().map(|p| sheet("e", *p)).collect();
        let j = joint_mean(&s, 5).unwrap();
        let steps = j.steps(&s);
        let fates: Vec<Fate> = steps.lines.iter().map(|l| l.fate).collect();
        assert_eq!(
            fates,
            [
                Fate::Counted,
                Fate::Counted,
                Fate::DroppedHigh,
                Fate::DroppedLow,
                Fate::Counted
            ]
        );
        assert_eq!(steps.dropped(Fate::DroppedHigh).map(|l| l.total), Some(9500));
        assert_eq!(steps.dropped(Fate::DroppedLow).map(|l| l.total), Some(7000));
        assert_eq!(steps.dropped(Fate::Counted), None);
        assert_eq!(steps.counted_totals(), [8000, 9000, 8500]);
        assert_eq!((steps.counted, steps.mean), (3, Ratio::new(25500, 3)));
        let untrimmed = joint_mean(&s[..4], 5).unwrap().steps(&s[..4]);
        assert!(untrimmed.lines.iter().all(|l| l.fate == Fate::Counted));
        assert_eq!(untrimmed.dropped(Fate::DroppedHigh), None);
    }

    #[test]
    fn composite_is_exact() {
        let scheme = Scheme::default();
        let a = assess(
            &candidate(Category::Individual, 90, &[80, 85, 87], &[150], &[]),
            &scheme,
        );
        // 0.2·90 + 0.5·84 + 0.3·98.5 = 18 + 42 + 29.55
        assert_eq!(a.total, Some(Ratio::from_integer(8955)));
        assert_eq!(a.status, Status::Eligible);
    }

    #[test]
    fn a_window_without_survey_is_incomplete_an_individual_is_not() {
        let scheme = Scheme::default();
        let a = assess(&candidate(Category::Window, 90, &[85, 85, 85], &[], &[]), &scheme);
        assert_eq!(a.status, Status::Incomplete);
        assert_eq!(a.reasons, vec![Reason::NoSurvey]);
        let a = assess(&candidate(Category::Individual, 90, &[85, 85, 85], &[], &[]), &scheme);
        assert_eq!(a.status, Status::Eligible);
    }

    #[test]
    fn status_takes_the_first_that_applies_and_reasons_list_all() {
        let scheme = Scheme::default();
        let mut c = candidate(Category::Window, 90, &[85, 85], &[], &[(40, 50)]);
        c.self_sheet = None;
        c.vetoes.push(VetoFact {
            unit: None,
            person: String::new(),
            id: 1,
            reason: "safety".into(),
            document: String::new(),
        });
        let a = assess(&c, &scheme);
        assert_eq!(a.status, Status::Vetoed);
        let statuses: Vec<Status> = a.reasons.iter().map(Reason::status).collect();
        assert_eq!(
            statuses,
            vec![
                Status::Vetoed,
                Status::Incomplete,
                Status::Incomplete,
                Status::BelowThreshold
            ]
        );
        c.vetoes.push(VetoFact {
            unit: Some("北仑海关".into()),
            person: "王某".into(),
            id: 2,
            reason: "criminal".into(),
            document: String::new(),
        });
        let a = assess(&c, &scheme);
        assert!(
            a.reasons
                .iter()
                .any(|r| matches!(r, Reason::Vetoed(v) if v.id == 2 && v.unit.as_deref() == Some("北仑海关"))),
            "a unit's veto is kept as the unit's: {:?}",
            a.reasons
        );
        c.vetoes.clear(); // a revoked veto is not given to the core
        assert_eq!(assess(&c, &scheme).status, Status::Incomplete);
        c.standing = Standing::Withdrawn("moved".into());
        assert_eq!(assess(&c, &scheme).status, Status::Withdrawn);
    }
}
