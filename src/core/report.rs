//! The figures of the term report: the funnel from nomination to award, the ranking around the
//! quota line, the panel's marking, the windows' satisfaction and the deductions by month.
//! Pure: the candidates as the ranking placed them go in, plain numbers come out; words and
//! pictures are the shell's. Exact values stay rationals until they are printed.

use std::collections::{BTreeMap, HashMap};

use num_rational::Ratio;
use num_traits::Signed;
use serde::{Serialize, Serializer};

use super::assess::{Assessment, Candidate, Exact, Reason, Standing, Status};
use super::rank::deciding_key;
use super::scheme::{OrderKey, Scheme};
use crate::values::{Category, Centi, to_f64};

/// Candidates whose total is this close to the last one in (in hundredths: half a point) are
/// counted as near the line.
pub const NEAR_LINE: Centi = 50;
/// How many places above and below the quota line the ranking chart shows.
pub const AROUND_LINE: usize = 8;
/// An evaluator who marks on average this far (hundredths: 1.5 points) above or below the
/// other members on the same nominees is named.
pub const LENIENCY_OUTLIER: Centi = 150;

/// An exact value in hundredths, serialized as a decimal number of points.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Points(pub Exact);

impl Points {
    pub fn centi(c: Centi) -> Points {
        Points(Ratio::from_integer(c))
    }
    /// Points as a float, for drawing (never for comparing).
    pub fn f(&self) -> f64 {
        to_f64(&self.0)
    }
}

impl Serialize for Points {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_f64(self.f())
    }
}

/// Points as an exact fraction, "a/b" (a whole number as itself), for JSON beside the decimal.
pub fn fraction(p: &Points) -> String {
    let v = p.0 / 100;
    if v.is_integer() {
        v.numer().to_string()
    } else {
        format!("{}/{}", v.numer(), v.denom())
    }
}

/// What became of an award of the nominee, if one was granted.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum AwardMark {
    None,
    Active,
    Revoked,
}

/// One candidate as the category-wide ranking placed it, with what followed.
#[derive(Clone, Debug)]
pub struct Placed<'a> {
    pub candidate: &'a Candidate,
    pub assessment: &'a Assessment,
    pub rank: Option<usize>,
    pub shortlisted: bool,
    pub tie_at_cutoff: bool,
    /// On the proposed list (公示); None when the term has no proposal recorded.
    pub proposed: Option<bool>,
    pub award: AwardMark,
}

// ---- the funnel ------------------------------------------------------------------------------

/// The steps from nomination to award, in order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Stage {
    Nominated,
    Verified,
    Complete,
    Eligible,
    /// Within the quota, with the equals that straddle it (the committee's to decide).
    Shortlisted,
    Proposed,
    Awarded,
}

/// Why a candidate fell out at a step: `withdrawn`, `not_verified`, `rejected:late`,
/// `no_self_sheet`, `too_few_joint`, `no_survey`, `vetoed:criminal`, `below_threshold`,
/// `below_quota_line`, `not_proposed`, `tie_not_chosen`, `award_revoked`, `not_granted`,
/// `not_yet_granted`.
pub type LossCode = String;

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Loss {
    pub reason: LossCode,
    pub count: usize,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Step {
    pub stage: Stage,
    /// Candidates who reached this step.
    pub count: usize,
    /// Those who fell out here, by reason; one candidate may have several reasons, so the
    /// counts may add up to more than the candidates lost.
    pub losses: Vec<Loss>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Funnel {
    pub category: Category,
    /// None: the whole category.
    pub group: Option<String>,
    pub steps: Vec<Step>,
    /// Of the shortlisted step, how many are equals straddling the quota.
    pub tied_at_line: usize,
}

impl Funnel {
    pub fn count(&self, stage: Stage) -> Option<usize> {
        self.steps.iter().find(|s| s.stage == stage).map(|s| s.count)
    }
}

/// Where one candidate falls out, and why; None when it reaches the award.
fn fall(p: &Placed, granted: bool) -> Option<(Stage, Vec<LossCode>)> {
    match &p.candidate.standing {
        Standing::Verified => {}
        Standing::Withdrawn(_) => return Some((Stage::Verified, vec!["withdrawn".into()])),
        Standing::Pending => return Some((Stage::Verified, vec!["not_verified".into()])),
        Standing::Rejected(codes) => {
            let mut r: Vec<LossCode> = codes.iter().map(|c| format!("rejected:{c}")).collect();
            if r.is_empty() {
                r.push("rejected:other".into());
            }
            return Some((Stage::Verified, r));
        }
    }
    let missing: Vec<LossCode> = p
        .assessment
        .reasons
        .iter()
        .filter_map(|r| match r {
            Reason::NoSelfSheet => Some("no_self_sheet".into()),
            Reason::TooFewJoint { .. } => Some("too_few_joint".into()),
            Reason::NoSurvey => Some("no_survey".into()),
            _ => None,
        })
        .collect();
    if !missing.is_empty() {
        return Some((Stage::Complete, missing));
    }
    if p.assessment.status != Status::Eligible {
        let r: Vec<LossCode> = p
            .assessment
            .reasons
            .iter()
            .filter_map(|r| match r {
                Reason::Vetoed(v) => Some(format!("vetoed:{}", v.reason)),
                Reason::BelowThreshold { .. } => Some("below_threshold".into()),
                _ => None,
            })
            .collect();
        return Some((Stage::Eligible, r));
    }
    if !p.shortlisted && !p.tie_at_cutoff {
        return Some((Stage::Shortlisted, vec!["below_quota_line".into()]));
    }
    if p.proposed == Some(false) {
        return Some((Stage::Proposed, vec!["not_proposed".into()]));
    }
    let why = match p.award {
        AwardMark::Active => return None,
        AwardMark::Revoked => "award_revoked",
        AwardMark::None if p.tie_at_cutoff && granted => "tie_not_chosen",
        AwardMark::None if granted => "not_granted",
        AwardMark::None => "not_yet_granted",
    };
    Some((Stage::Awarded, vec![why.into()]))
}

/// The funnel of one list of candidates. `proposals`: the term has a proposed list, so the
/// step is shown; `granted`: awards were granted in this category (else the last loss reads
/// "not yet granted").
pub fn funnel(category: Category, group: Option<String>, list: &[&Placed], proposals: bool, granted: bool) -> Funnel {
    let stages: Vec<Stage> = [
        Stage::Nominated,
        Stage::Verified,
        Stage::Complete,
        Stage::Eligible,
        Stage::Shortlisted,
        Stage::Proposed,
        Stage::Awarded,
    ]
    .into_iter()
    .filter(|&s| s != Stage::Proposed || proposals)
    .collect();
    let mut out_at: BTreeMap<Stage, usize> = BTreeMap::new();
    let mut reasons: BTreeMap<Stage, BTreeMap<LossCode, usize>> = BTreeMap::new();
    for p in list {
        if let Some((stage, why)) = fall(p, granted) {
            *out_at.entry(stage).or_default() += 1;
            for w in why {
                *reasons.entry(stage).or_default().entry(w).or_default() += 1;
            }
        }
    }
    let mut left = list.len();
    let steps = stages
        .into_iter()
        .map(|stage| {
            left -= out_at.get(&stage).copied().unwrap_or(0);
            let mut losses: Vec<Loss> = reasons
                .remove(&stage)
                .unwrap_or_default()
                .into_iter()
                .map(|(reason, count)| Loss { reason, count })
                .collect();
            losses.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.reason.cmp(&b.reason)));
            Step {
                stage,
                count: left,
                losses,
            }
        })
        .collect();
    Funnel {
        category,
        group,
        steps,
        tied_at_line: list
            .iter()
            .filter(|p| p.tie_at_cutoff && p.candidate.standing == Standing::Verified)
            .count(),
    }
}

/// The funnel of each category, then of each group within it (groups by name).
pub fn funnels(list: &[Placed], proposals: bool) -> Vec<Funnel> {
    let mut out = Vec::new();
    for cat in Category::ALL {
        let of_cat: Vec<&Placed> = list.iter().filter(|p| p.candidate.category == cat).collect();
        let granted = of_cat.iter().any(|p| p.award != AwardMark::None);
        out.push(funnel(cat, None, &of_cat, proposals, granted));
        let mut groups: Vec<&str> = of_cat.iter().map(|p| p.candidate.group.as_str()).collect();
        groups.sort_unstable();
        groups.dedup();
        for g in groups {
            let of_group: Vec<&Placed> = of_cat.iter().copied().filter(|p| p.candidate.group == g).collect();
            out.push(funnel(cat, Some(g.to_string()), &of_group, proposals, granted));
        }
    }
    out
}

// ---- the quota line --------------------------------------------------------------------------

/// One candidate's total as its weighted parts; the parts add up to the total exactly.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Bar {
    pub rank: usize,
    /// 1-based place in the ranked order (equals share a rank, not a place); the quota line
    /// runs under place `quota`.
    pub place: usize,
    pub code: String,
    pub name: String,
    pub unit: String,
    #[serde(rename = "self")]
    pub self_part: Points,
    pub joint: Points,
    pub inspection: Points,
    pub total: Points,
    pub shortlisted: bool,
    pub tie_at_cutoff: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Mark {
    pub code: String,
    pub name: String,
    pub total: Points,
    /// The total as an exact fraction of points.
    pub total_exact: String,
}

/// The ranking of one category around its quota line.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Line {
    pub category: Category,
    pub quota: usize,
    pub eligible: usize,
    pub shortlisted: usize,
    /// The last candidate within the quota, and the first below it.
    pub last_in: Option<Mark>,
    pub first_out: Option<Mark>,
    /// last_in's total less first_out's.
    pub margin: Option<Points>,
    pub margin_exact: Option<String>,
    /// When the two totals are equal, the key of the order that decided between them.
    pub decided_by: Option<OrderKey>,
    /// The equals that straddle the quota, for the committee.
    pub tie: Vec<String>,
    /// Candidates other than the last one in whose total is within NEAR_LINE of it.
    pub near: usize,
    pub near_points: Points,
    /// The candidates shown: AROUND_LINE places either side of the line, and every tie member.
    pub bars: Vec<Bar>,
}

/// The weighted parts of a total: self, joint and inspection, each times its weight.
pub fn parts(a: &Assessment, scheme: &Scheme) -> Option<[Exact; 3]> {
    let s = a.self_total?;
    let j = a.joint.as_ref()?.mean;
    Some([
        Ratio::new(scheme.weight_self * s, 100),
        j * scheme.weight_joint / 100,
        Ratio::new(scheme.weight_inspection * a.inspection, 100),
    ])
}

/// The line of one category; `list` is the category's candidates in any order.
pub fn line(category: Category, list: &[&Placed], scheme: &Scheme) -> Line {
    let quota = scheme.rule(category).quota;
    let mut ranked: Vec<&&Placed> = list.iter().filter(|p| p.rank.is_some()).collect();
    ranked.sort_by_key(|p| p.rank);
    let mark = |p: &Placed| {
        let total = Points(p.assessment.total.unwrap_or_default());
        Mark {
            code: p.candidate.code.clone(),
            name: p.candidate.name.clone(),
            total_exact: fraction(&total),
            total,
        }
    };
    let last_in = ranked.iter().rposition(|p| p.shortlisted);
    let first_out = ranked.iter().position(|p| !p.shortlisted);
    let (margin, decided_by) = match (last_in, first_out) {
        (Some(i), Some(o)) if i < o => {
            let (a, b) = (ranked[i].assessment, ranked[o].assessment);
            let m = a.total.unwrap_or_default() - b.total.unwrap_or_default();
            let by = (m == Ratio::from_integer(0))
                .then(|| deciding_key(a, b, &scheme.order))
                .flatten();
            (Some(Points(m)), by)
        }
        _ => (None, None),
    };
    let near = match last_in {
        Some(i) => {
            let cut = ranked[i].assessment.total.unwrap_or_default();
            ranked
                .iter()
                .enumerate()
                .filter(|&(j, p)| {
                    j != i && {
                        let d = p.assessment.total.unwrap_or_default() - cut;
                        d.abs() <= Ratio::from_integer(NEAR_LINE)
                    }
                })
                .count()
        }
        None => 0,
    };
    let from = quota.saturating_sub(AROUND_LINE);
    let to = quota + AROUND_LINE;
    let bars = ranked
        .iter()
        .enumerate()
        .filter(|&(i, p)| (i >= from && i < to) || p.tie_at_cutoff)
        .filter_map(|(i, p)| {
            let [s, j, insp] = parts(p.assessment, scheme)?;
            Some(Bar {
                rank: p.rank?,
                place: i + 1,
                code: p.candidate.code.clone(),
                name: p.candidate.name.clone(),
                unit: p.candidate.unit.clone(),
                self_part: Points(s),
                joint: Points(j),
                inspection: Points(insp),
                total: Points(p.assessment.total?),
                shortlisted: p.shortlisted,
                tie_at_cutoff: p.tie_at_cutoff,
            })
        })
        .collect();
    Line {
        category,
        quota,
        eligible: ranked.len(),
        shortlisted: ranked.iter().filter(|p| p.shortlisted).count(),
        last_in: last_in.map(|i| mark(ranked[i])),
        first_out: first_out.map(|o| mark(ranked[o])),
        margin_exact: margin.as_ref().map(fraction),
        margin,
        decided_by,
        tie: ranked
            .iter()
            .filter(|p| p.tie_at_cutoff)
            .map(|p| p.candidate.code.clone())
            .collect(),
        near,
        near_points: Points::centi(NEAR_LINE),
        bars,
    }
}

// ---- the panel ---------------------------------------------------------------------------------

/// One evaluator's joint sheets: the distribution of their totals and how they mark against
/// the other members on the same nominees.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Evaluator {
    pub evaluator: String,
    pub sheets: usize,
    pub min: Points,
    pub q1: Points,
    pub median: Points,
    pub q3: Points,
    pub max: Points,
    pub mean: Points,
    /// The mean, over the nominees others also marked, of this evaluator's total less the
    /// mean of the others' totals. None when no nominee was marked by another member.
    pub leniency: Option<Points>,
    /// The nominees that mean is taken over.
    pub compared: usize,
    pub outlier: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Panel {
    pub evaluators: Vec<Evaluator>,
    pub outlier_points: Points,
    pub outliers: Vec<String>,
}

/// The value at fraction `p` of the sorted values, interpolated between neighbours (the
/// usual "type 7" quantile), exactly.
pub fn quantile(sorted: &[Centi], p: Ratio<i64>) -> Exact {
    if sorted.is_empty() {
        return Ratio::from_integer(0);
    }
    let pos = p * (sorted.len() as i64 - 1);
    let lo = pos.to_integer() as usize;
    let frac = pos - Ratio::from_integer(lo as i64);
    let a = Ratio::from_integer(sorted[lo]);
    match sorted.get(lo + 1) {
        Some(&b) => a + (Ratio::from_integer(b) - a) * frac,
        None => a,
    }
}

/// The panel's marking over every joint sheet in force of the given candidates.
pub fn panel(list: &[&Candidate]) -> Panel {
    let mut totals: BTreeMap<&str, Vec<Centi>> = BTreeMap::new();
    let mut diffs: HashMap<&str, Vec<Exact>> = HashMap::new();
    for c in list {
        let sheets: Vec<(&str, Centi)> = c.joint.iter().map(|s| (s.evaluator.as_str(), s.total())).collect();
        let sum: Centi = sheets.iter().map(|s| s.1).sum();
        for &(who, t) in &sheets {
            totals.entry(who).or_default().push(t);
            let others = sheets.len() as i64 - 1;
            if others > 0 {
                let mean_others = Ratio::new(sum - t, others);
                diffs.entry(who).or_default().push(Ratio::from_integer(t) - mean_others);
            }
        }
    }
    let evaluators: Vec<Evaluator> = totals
        .into_iter()
        .map(|(who, mut t)| {
            t.sort_unstable();
            let n = t.len() as i64;
            let d = diffs.remove(who).unwrap_or_default();
            let leniency = (!d.is_empty()).then(|| {
                let len = d.len() as i64;
                Points(d.into_iter().fold(Ratio::from_integer(0), |a, b| a + b) / len)
            });
            let compared = diffs_len(&leniency, list, who);
            Evaluator {
                evaluator: who.to_string(),
                sheets: t.len(),
                min: Points::centi(t[0]),
                q1: Points(quantile(&t, Ratio::new(1, 4))),
                median: Points(quantile(&t, Ratio::new(1, 2))),
                q3: Points(quantile(&t, Ratio::new(3, 4))),
                max: Points::centi(t[t.len() - 1]),
                mean: Points(Ratio::new(t.iter().sum(), n)),
                outlier: leniency.is_some_and(|l| l.0.abs() >= Ratio::from_integer(LENIENCY_OUTLIER)),
                leniency,
                compared,
            }
        })
        .collect();
    Panel {
        outliers: evaluators
            .iter()
            .filter(|e| e.outlier)
            .map(|e| e.evaluator.clone())
            .collect(),
        outlier_points: Points::centi(LENIENCY_OUTLIER),
        evaluators,
    }
}

/// How many nominees an evaluator marked together with another member.
fn diffs_len(leniency: &Option<Points>, list: &[&Candidate], who: &str) -> usize {
    if leniency.is_none() {
        return 0;
    }
    list.iter()
        .filter(|c| c.joint.len() > 1 && c.joint.iter().any(|s| s.evaluator == who))
        .count()
}

// ---- satisfaction and deductions ---------------------------------------------------------------

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct WindowRate {
    pub code: String,
    pub name: String,
    pub unit: String,
    pub satisfied: i64,
    pub total: i64,
    /// Not rounded, so that a rate below the line never prints as the line.
    pub percent: Percent,
    pub meets: bool,
}

/// A rate in percent, exact, serialized as a decimal.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Percent(pub Ratio<i64>);

impl Percent {
    pub fn f(&self) -> f64 {
        *self.0.numer() as f64 / *self.0.denom() as f64
    }
}

impl Serialize for Percent {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_f64(self.f())
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Satisfaction {
    /// The window threshold in percent; None when the term sets none.
    pub threshold: Option<Percent>,
    /// Every window with a survey in force, lowest rate first.
    pub windows: Vec<WindowRate>,
    pub below: Vec<String>,
}

/// The windows' pooled satisfaction rates against the term's threshold. Withdrawn
/// nominations are left out.
pub fn satisfaction(list: &[&Placed], scheme: &Scheme) -> Satisfaction {
    let threshold = scheme.window.threshold;
    let mut windows: Vec<WindowRate> = list
        .iter()
        .filter(|p| p.candidate.category == Category::Window)
        .filter(|p| !matches!(p.candidate.standing, Standing::Withdrawn(_)))
        .filter_map(|p| {
            let s = p.assessment.satisfaction?;
            Some(WindowRate {
                code: p.candidate.code.clone(),
                name: p.candidate.name.clone(),
                unit: p.candidate.unit.clone(),
                satisfied: s.satisfied,
                total: s.total,
                percent: Percent(s.rate() * 100),
                meets: threshold.is_none_or(|t| s.meets(t)),
            })
        })
        .collect();
    windows.sort_by(|a, b| a.percent.cmp(&b.percent).then_with(|| a.code.cmp(&b.code)));
    Satisfaction {
        threshold: threshold.map(|t| Percent(Ratio::new(t, 100))),
        below: windows.iter().filter(|w| !w.meets).map(|w| w.code.clone()).collect(),
        windows,
    }
}

/// One finding in force, as the deductions chart needs it.
#[derive(Clone, Debug)]
pub struct FindingFact {
    /// `open` or `covert`.
    pub kind: String,
    /// `YYYY-MM-DD`.
    pub date: String,
    pub deduction: Centi,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct MonthKind {
    /// `YYYY-MM`.
    pub month: String,
    pub kind: String,
    pub findings: usize,
    pub points: Points,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Deductions {
    /// Every month from the first finding to the last, each kind, in order (zeros kept, so a
    /// quiet month shows as quiet).
    pub months: Vec<MonthKind>,
    pub findings: usize,
    pub points: Points,
    /// The month with the most points deducted (the earliest of equals).
    pub peak: Option<String>,
}

fn next_month(m: &str) -> Option<String> {
    let (y, mo) = m.split_once('-')?;
    let (y, mo): (i32, u32) = (y.parse().ok()?, mo.parse().ok()?);
    Some(if mo >= 12 {
        format!("{:04}-01", y + 1)
    } else {
        format!("{y:04}-{:02}", mo + 1)
    })
}

/// The deductions of the findings in force, by month and kind (`open` first, then `covert`).
pub fn deductions(findings: &[FindingFact]) -> Deductions {
    let mut by: BTreeMap<(String, String), (usize, Centi)> = BTreeMap::new();
    for f in findings {
        let month = f.date.get(..7).unwrap_or(&f.date).to_string();
        let e = by.entry((month, f.kind.clone())).or_default();
        e.0 += 1;
        e.1 += f.deduction;
    }
    let first = by.keys().next().map(|k| k.0.clone());
    let last = by.keys().next_back().map(|k| k.0.clone());
    let mut months = Vec::new();
    let mut per_month: Vec<(String, Centi)> = Vec::new();
    if let (Some(mut m), Some(last)) = (first, last) {
        loop {
            let mut month_total = 0;
            for kind in ["open", "covert"] {
                let (n, pts) = by.get(&(m.clone(), kind.to_string())).copied().unwrap_or_default();
                month_total += pts;
                months.push(MonthKind {
                    month: m.clone(),
                    kind: kind.to_string(),
                    findings: n,
                    points: Points::centi(pts),
                });
            }
            per_month.push((m.clone(), month_total));
            if m >= last || per_month.len() > 1200 {
                break;
            }
            match next_month(&m) {
                Some(n) => m = n,
                None => break,
            }
        }
    }
    let peak = per_month
        .iter()
        .filter(|m| m.1 > 0)
        .fold(None::<&(String, Centi)>, |best, m| match best {
            Some(b) if b.1 >= m.1 => Some(b),
            _ => Some(m),
        })
        .map(|m| m.0.clone());
    Deductions {
        findings: findings.len(),
        points: Points::centi(findings.iter().map(|f| f.deduction).sum()),
        months,
        peak,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::assess::{Sheet, VetoFact, assess};
    use crate::core::rank::rank;

    fn sheet(who: &str, points: i64) -> Sheet {
        let c = points * 100;
        let base = (c / 5 / 50) * 50;
        Sheet {
            evaluator: who.to_string(),
            marks: [base, base, base, base, c - 4 * base],
        }
    }

    fn cand(code: &str, group: &str, self_pts: i64, joint: &[(&str, i64)]) -> Candidate {
        Candidate {
            code: code.into(),
            category: Category::Individual,
            name: code.into(),
            unit: "u".into(),
            group: group.into(),
            standing: Standing::Verified,
            self_sheet: Some(sheet("", self_pts)),
            joint: joint.iter().map(|(w, p)| sheet(w, *p)).collect(),
            deductions: vec![],
            surveys: vec![],
            vetoes: vec![],
        }
    }

    /// Assesses and ranks like the shell does, with a quota.
    fn placed<'a>(cands: &'a [Candidate], assessed: &'a [Assessment], quota: usize) -> Vec<Placed<'a>> {
        let refs: Vec<&Assessment> = assessed.iter().collect();
        let scheme = Scheme::default();
        let mut out: Vec<Placed> = rank(&refs, &scheme.order, quota)
            .into_iter()
            .map(|p| Placed {
                candidate: &cands[p.index],
                assessment: &assessed[p.index],
                rank: p.rank,
                shortlisted: p.shortlisted,
                tie_at_cutoff: p.tie_at_cutoff,
                proposed: None,
                award: AwardMark::None,
            })
            .collect();
        out.sort_by_key(|p| p.candidate.code.clone());
        out
    }

    fn quota(q: usize) -> Scheme {
        let mut s = Scheme::default();
        s.individual.quota = q;
        s
    }

    fn three(p: i64) -> Vec<(&'static str, i64)> {
        vec![("a", p), ("b", p), ("c", p)]
    }

    #[test]
    fn the_funnel_counts_each_loss_where_it_happens() {
        let mut c = vec![
            cand("P1", "g1", 90, &three(90)),
            cand("P2", "g1", 90, &three(85)),
            cand("P3", "g2", 90, &three(80)),
            cand("P4", "g2", 90, &[("a", 80)]),
            cand("P5", "g2", 90, &three(99)),
            cand("P6", "g2", 90, &three(99)),
        ];
        c[4].vetoes.push(VetoFact {
            id: 1,
            reason: "criminal".into(),
            document: String::new(),
            unit: None,
            person: String::new(),
        });
        c[5].standing = Standing::Rejected(vec!["late".into(), "incomplete".into()]);
        let s = Scheme::default();
        let a: Vec<Assessment> = c.iter().map(|x| assess(x, &s)).collect();
        let mut list = placed(&c, &a, 2);
        list[0].award = AwardMark::Active;
        list[1].award = AwardMark::Revoked;
        let f = funnels(&list, false);
        // Windows (none), then individuals, then their groups g1 and g2.
        assert_eq!(f.len(), 4);
        assert_eq!(f[0].count(Stage::Nominated), Some(0));
        let f = &f[1..];
        let all = &f[0];
        let counts: Vec<(Stage, usize)> = all.steps.iter().map(|s| (s.stage, s.count)).collect();
        assert_eq!(
            counts,
            vec![
                (Stage::Nominated, 6),
                (Stage::Verified, 5),
                (Stage::Complete, 4),
                (Stage::Eligible, 3),
                (Stage::Shortlisted, 2),
                (Stage::Awarded, 1),
            ]
        );
        let losses = |st: Stage| -> Vec<(String, usize)> {
            all.steps
                .iter()
                .find(|s| s.stage == st)
                .unwrap()
                .losses
                .iter()
                .map(|l| (l.reason.clone(), l.count))
                .collect()
        };
        // One candidate rejected on two grounds: both counted.
        assert_eq!(
            losses(Stage::Verified),
            vec![("rejected:incomplete".into(), 1), ("rejected:late".into(), 1)]
        );
        assert_eq!(losses(Stage::Complete), vec![("too_few_joint".into(), 1)]);
        assert_eq!(losses(Stage::Eligible), vec![("vetoed:criminal".into(), 1)]);
        assert_eq!(losses(Stage::Shortlisted), vec![("below_quota_line".into(), 1)]);
        assert_eq!(losses(Stage::Awarded), vec![("award_revoked".into(), 1)]);
        assert_eq!(f[1].group.as_deref(), Some("g1"));
        assert_eq!(f[1].count(Stage::Nominated), Some(2));
        assert_eq!(f[2].count(Stage::Awarded), Some(0));
        // A proposal adds its step; without a grant the last loss is "not yet granted".
        for p in &mut list {
            p.award = AwardMark::None;
            p.proposed = Some(p.candidate.code == "P1");
        }
        let f = funnels(&list, true);
        let f = &f[1..];
        let st: Vec<Stage> = f[0].steps.iter().map(|s| s.stage).collect();
        assert!(st.contains(&Stage::Proposed));
        assert_eq!(f[0].count(Stage::Proposed), Some(1));
        assert_eq!(f[0].steps.last().unwrap().losses[0].reason, "not_yet_granted");
    }

    #[test]
    fn the_line_states_the_margin_the_near_and_the_tie() {
        let s = quota(2);
        // Totals: 0.2·90 + 0.5·j + 0.3·100 = 48 + j/2.
        let c = vec![
            cand("P1", "g", 90, &three(96)),
            cand("P2", "g", 90, &three(94)),
            cand("P3", "g", 90, &three(93)),
            cand("P4", "g", 90, &three(92)),
        ];
        let a: Vec<Assessment> = c.iter().map(|x| assess(x, &s)).collect();
        let list = placed(&c, &a, 2);
        let refs: Vec<&Placed> = list.iter().collect();
        let l = line(Category::Individual, &refs, &s);
        assert_eq!(l.last_in.as_ref().unwrap().code, "P2");
        assert_eq!(l.first_out.as_ref().unwrap().code, "P3");
        assert_eq!(l.margin, Some(Points::centi(50)));
        // P3 is 0.5 below P2, P1 1 above, P4 1 below.
        assert_eq!(l.near, 1);
        assert!(l.tie.is_empty());
        let b = &l.bars[0];
        assert_eq!(b.self_part.0 + b.joint.0 + b.inspection.0, b.total.0);
        assert_eq!(b.self_part, Points::centi(1800));
        assert_eq!(b.inspection, Points::centi(3000));

        // Equal totals straddling a quota of 2: tied, no one is last in after P1.
        let c = vec![
            cand("P1", "g", 90, &three(96)),
            cand("P2", "g", 90, &three(94)),
            cand("P3", "g", 90, &three(94)),
        ];
        let a: Vec<Assessment> = c.iter().map(|x| assess(x, &s)).collect();
        let list = placed(&c, &a, 2);
        let refs: Vec<&Placed> = list.iter().collect();
        let l = line(Category::Individual, &refs, &s);
        assert_eq!(l.tie, vec!["P2".to_string(), "P3".to_string()]);
        assert_eq!(l.last_in.as_ref().unwrap().code, "P1");
        assert_eq!(l.first_out.as_ref().unwrap().code, "P2");
        assert!(l.bars.iter().filter(|b| b.tie_at_cutoff).count() == 2);
        let places: Vec<(usize, usize)> = l.bars.iter().map(|b| (b.rank, b.place)).collect();
        assert_eq!(places, vec![(1, 1), (2, 2), (2, 3)]);
    }

    #[test]
    fn equal_totals_decided_by_a_later_key_say_which() {
        let s = quota(1);
        // 0.2·90 + 0.5·92 + 0.3·100 = 94 = 0.2·95 + 0.5·90 + 0.3·100: the joint decides.
        let c = vec![cand("P1", "g", 90, &three(92)), cand("P2", "g", 95, &three(90))];
        let a: Vec<Assessment> = c.iter().map(|x| assess(x, &s)).collect();
        assert_eq!(a[0].total, a[1].total);
        let list = placed(&c, &a, 1);
        let refs: Vec<&Placed> = list.iter().collect();
        let l = line(Category::Individual, &refs, &s);
        assert!(l.tie.is_empty());
        assert_eq!(l.margin, Some(Points::centi(0)));
        assert_eq!(l.decided_by, Some(OrderKey::Joint));
        assert_eq!(l.near, 1);
        // Equal on every key: a tie at the line of one place, and no margin.
        let c = vec![cand("P1", "g", 90, &three(92)), cand("P2", "g", 90, &three(92))];
        let a: Vec<Assessment> = c.iter().map(|x| assess(x, &s)).collect();
        let list = placed(&c, &a, 1);
        let refs: Vec<&Placed> = list.iter().collect();
        let l = line(Category::Individual, &refs, &s);
        assert_eq!(l.tie.len(), 2);
        assert_eq!((l.margin, l.last_in.clone()), (None, None));
        assert_eq!(l.first_out.unwrap().code, "P1");
    }

    #[test]
    fn fractions_of_points() {
        assert_eq!(fraction(&Points(Ratio::new(188300, 20))), "1883/20");
        assert_eq!(fraction(&Points::centi(9400)), "94");
        assert_eq!(fraction(&Points(Ratio::new(-100, 15))), "-1/15");
    }

    #[test]
    fn quantiles_are_exact_and_interpolated() {
        let v = [8000, 8500, 9000, 9600];
        assert_eq!(quantile(&v, Ratio::new(1, 2)), Ratio::from_integer(8750));
        assert_eq!(quantile(&v, Ratio::new(1, 4)), Ratio::from_integer(8375));
        assert_eq!(quantile(&v, Ratio::new(3, 4)), Ratio::from_integer(9150));
        assert_eq!(quantile(&v, Ratio::from_integer(1)), Ratio::from_integer(9600));
        assert_eq!(quantile(&[7000], Ratio::new(1, 4)), Ratio::from_integer(7000));
    }

    #[test]
    fn leniency_compares_each_evaluator_with_the_others_on_the_same_nominees() {
        // "low" marks under the other three on both nominees; "solo" marks alone.
        let c = [
            cand("P1", "g", 90, &[("a", 90), ("b", 91), ("c", 91), ("low", 88)]),
            cand("P2", "g", 90, &[("a", 80), ("b", 80), ("c", 80), ("low", 77)]),
            cand("P3", "g", 90, &[("solo", 70)]),
        ];
        let refs: Vec<&Candidate> = c.iter().collect();
        let p = panel(&refs);
        let by = |n: &str| p.evaluators.iter().find(|e| e.evaluator == n).unwrap().clone();
        let low = by("low");
        // P1: 88 - 90 2/3; P2: 77 - 80 = -3; the mean is -2 5/6.
        assert_eq!(low.leniency, Some(Points(Ratio::new(-1700, 6))));
        assert_eq!(low.compared, 2);
        assert!(low.outlier);
        // a: P1 90 - 90 = 0, P2 80 - 79 = 1: 0.5.
        assert_eq!(by("a").leniency, Some(Points::centi(50)));
        assert!(!by("a").outlier);
        assert_eq!(by("solo").leniency, None);
        assert_eq!(by("solo").compared, 0);
        assert_eq!(p.outliers, vec!["low".to_string()]);
        assert_eq!(low.min, Points::centi(7700));
        assert_eq!(low.median, Points(Ratio::from_integer(8250)));
        // Exactly 1.5 points away is named: "at least".
        let c = [
            cand("P1", "g", 90, &[("a", 90), ("b", 90), ("hi", 91)]),
            cand("P2", "g", 90, &[("a", 80), ("b", 80), ("hi", 82)]),
        ];
        let refs: Vec<&Candidate> = c.iter().collect();
        assert_eq!(panel(&refs).outliers, vec!["hi".to_string()]);
    }

    #[test]
    fn satisfaction_at_exactly_the_line_meets_it() {
        let s = Scheme::default();
        let mut w = vec![
            cand("W1", "g", 90, &three(90)),
            cand("W2", "g", 90, &three(90)),
            cand("W3", "g", 90, &three(90)),
        ];
        for x in &mut w {
            x.category = Category::Window;
        }
        w[0].surveys = vec![(49, 50)];
        w[1].surveys = vec![(9799, 10000)];
        let a: Vec<Assessment> = w.iter().map(|x| assess(x, &s)).collect();
        let list = placed(&w, &a, 10);
        let refs: Vec<&Placed> = list.iter().collect();
        let r = satisfaction(&refs, &s);
        assert_eq!(r.windows.len(), 2, "a window without survey is not plotted");
        assert_eq!(r.windows[0].code, "W2");
        assert!(!r.windows[0].meets);
        assert!(r.windows[1].meets);
        assert_eq!(r.windows[1].percent, Percent(Ratio::from_integer(98)));
        assert_eq!(r.below, vec!["W2".to_string()]);
        assert_eq!(r.threshold, Some(Percent(Ratio::from_integer(98))));
    }

    #[test]
    fn deductions_by_month_keep_quiet_months() {
        let f = |kind: &str, date: &str, d: Centi| FindingFact {
            kind: kind.into(),
            date: date.into(),
            deduction: d,
        };
        let d = deductions(&[
            f("open", "2026-11-03", 100),
            f("covert", "2026-12-20", 50),
            f("covert", "2027-02-01", 250),
            f("open", "2027-02-11", 50),
        ]);
        let months: Vec<&str> = d.months.iter().map(|m| m.month.as_str()).collect();
        assert_eq!(
            months,
            [
                "2026-11", "2026-11", "2026-12", "2026-12", "2027-01", "2027-01", "2027-02", "2027-02"
            ]
        );
        assert_eq!(d.months[4].findings, 0);
        assert_eq!(d.months[7].points, Points::centi(250));
        assert_eq!(d.peak.as_deref(), Some("2027-02"));
        assert_eq!((d.findings, d.points), (4, Points::centi(450)));
        let none = deductions(&[]);
        assert!(none.months.is_empty() && none.peak.is_none());
    }
}
