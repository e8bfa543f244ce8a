//! The joint-evaluation panel: conflicts of interest (回避), the sheets still missing, each
//! evaluator's leniency, and the advisory order of per-evaluator z-scores.

use std::collections::{BTreeMap, HashMap};

use num_rational::Ratio;

use crate::core::assess::Exact;
use crate::values::{Category, Centi};

/// A member of the panel.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Member {
    pub name: String,
    pub unit: String,
}

/// A nomination as the panel sees it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Subject {
    pub code: String,
    pub category: Category,
    pub name: String,
    pub unit: String,
}

/// Why an evaluator may not give a sheet for a nominee.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Conflict {
    /// The nominee is the evaluator.
    IsNominee,
    /// The evaluator's own unit is the nominee's unit.
    OwnUnit,
}

/// Whether an evaluator (of this unit, when on a panel) must recuse from a nominee. Without
/// a unit (no panel) only the evaluator's own nomination is told.
pub fn conflict(evaluator: &str, unit: Option<&str>, s: &Subject) -> Option<Conflict> {
    let same_unit = unit.is_some_and(|u| u == s.unit);
    if s.category == Category::Individual && s.name == evaluator && (unit.is_none() || same_unit) {
        return Some(Conflict::IsNominee);
    }
    same_unit.then_some(Conflict::OwnUnit)
}

/// Who still owes which sheet.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Progress {
    /// Per member, in the panel's order: the codes still missing a sheet, and those recused.
    pub evaluators: Vec<(Member, Vec<String>, Vec<String>)>,
    /// Per nominee, in the given order: joint sheets it has, and the members recused.
    pub nominees: Vec<(Subject, usize, Vec<String>)>,
}

/// `sheets`: (code, evaluator) of the current joint sheets.
pub fn progress(members: &[Member], subjects: &[Subject], sheets: &[(String, String)]) -> Progress {
    let mut have: HashMap<&str, Vec<&str>> = HashMap::new();
    for (code, evaluator) in sheets {
        have.entry(code).or_default().push(evaluator);
    }
    let gave = |code: &str, name: &str| have.get(code).is_some_and(|v| v.contains(&name));
    let evaluators = members
        .iter()
        .map(|m| {
            let (mut missing, mut recused) = (Vec::new(), Vec::new());
            for s in subjects {
                if conflict(&m.name, Some(&m.unit), s).is_some() {
                    recused.push(s.code.clone());
                } else if !gave(&s.code, &m.name) {
                    missing.push(s.code.clone());
                }
            }
            (m.clone(), missing, recused)
        })
        .collect();
    let nominees = subjects
        .iter()
        .map(|s| {
            let n = have.get(s.code.as_str()).map_or(0, Vec::len);
            let recused = members
                .iter()
                .filter(|m| conflict(&m.name, Some(&m.unit), s).is_some())
                .map(|m| m.name.clone())
                .collect();
            (s.clone(), n, recused)
        })
        .collect();
    Progress { evaluators, nominees }
}

/// One current joint sheet, by its total.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct JointTotal {
    pub code: String,
    pub evaluator: String,
    pub total: Centi,
}

/// How an evaluator marks, beside the others.
#[derive(Clone, Debug, PartialEq)]
pub struct Leniency {
    pub evaluator: String,
    pub sheets: usize,
    /// Mean sheet total, exact.
    pub mean: Exact,
    /// Population standard deviation of the totals, in points (advice: not exact).
    pub spread: f64,
    /// Mean of (this sheet's total − the mean of the other evaluators' totals on the same
    /// nominee), over the sheets that have others beside them; exact.
    pub mean_difference: Option<Exact>,
}

fn mean(v: &[Centi]) -> Exact {
    Ratio::new(v.iter().sum::<i64>(), v.len().max(1) as i64)
}

fn sd(v: &[Centi]) -> f64 {
    if v.is_empty() {
        return 0.0;
    }
    let m = v.iter().sum::<i64>() as f64 / v.len() as f64;
    (v.iter().map(|x| (*x as f64 - m).powi(2)).sum::<f64>() / v.len() as f64).sqrt()
}

/// Per evaluator (by name), how they mark.
pub fn leniency(sheets: &[JointTotal]) -> Vec<Leniency> {
    let mut by_evaluator: BTreeMap<&str, Vec<&JointTotal>> = BTreeMap::new();
    let mut by_code: HashMap<&str, Vec<&JointTotal>> = HashMap::new();
    for s in sheets {
        by_evaluator.entry(&s.evaluator).or_default().push(s);
        by_code.entry(&s.code).or_default().push(s);
    }
    by_evaluator
        .into_iter()
        .map(|(evaluator, own)| {
            let totals: Vec<Centi> = own.iter().map(|s| s.total).collect();
            let diffs: Vec<Exact> = own
                .iter()
                .filter_map(|s| {
                    let others: Vec<Centi> = by_code[s.code.as_str()]
                        .iter()
                        .filter(|o| o.evaluator != s.evaluator)
                        .map(|o| o.total)
                        .collect();
                    (!others.is_empty()).then(|| Ratio::from_integer(s.total) - mean(&others))
                })
                .collect();
            let mean_difference = (!diffs.is_empty()).then(|| {
                diffs.iter().fold(Ratio::from_integer(0), |a, d| a + d) / Ratio::from_integer(diffs.len() as i64)
            });
            Leniency {
                evaluator: evaluator.to_string(),
                sheets: own.len(),
                mean: mean(&totals),
                spread: sd(&totals) / 100.0,
                mean_difference,
            }
        })
        .collect()
}

/// Per nominee, the mean of its joint sheets' z-scores, each sheet's total standardised
/// against its evaluator's own sheets (an evaluator whose totals are all equal gives 0).
/// Advice only: it is not exact and it decides nothing.
pub fn normalized(sheets: &[JointTotal]) -> HashMap<String, f64> {
    let mut by_evaluator: HashMap<&str, Vec<Centi>> = HashMap::new();
    for s in sheets {
        by_evaluator.entry(&s.evaluator).or_default().push(s.total);
    }
    let stats: HashMap<&str, (f64, f64)> = by_evaluator
        .iter()
        .map(|(e, v)| (*e, (v.iter().sum::<i64>() as f64 / v.len() as f64, sd(v))))
        .collect();
    let mut z: HashMap<String, Vec<f64>> = HashMap::new();
    for s in sheets {
        let (m, d) = stats[s.evaluator.as_str()];
        let v = if d == 0.0 { 0.0 } else { (s.total as f64 - m) / d };
        z.entry(s.code.clone()).or_default().push(v);
    }
    z.into_iter()
        .map(|(code, v)| (code, v.iter().sum::<f64>() / v.len() as f64))
        .collect()
}

/// Ranks by a score, best first, equal scores sharing a rank (1, 2, 2, 4).
pub fn order(scores: &[(String, f64)]) -> Vec<(String, usize)> {
    let mut v: Vec<&(String, f64)> = scores.iter().collect();
    v.sort_by(|a, b| b.1.total_cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    let mut out = Vec::with_capacity(v.len());
    for (i, (code, s)) in v.iter().enumerate() {
        let rank = if i > 0 && (v[i - 1].1 - s).abs() < 1e-12 {
            out.last().map_or(1, |(_, r): &(String, usize)| *r)
        } else {
            i + 1
        };
        out.push((code.clone(), rank));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn subject(code: &str, category: Category, name: &str, unit: &str) -> Subject {
        Subject {
            code: code.into(),
            category,
            name: name.into(),
            unit: unit.into(),
        }
    }

    fn member(name: &str, unit: &str) -> Member {
        Member {
            name: name.into(),
            unit: unit.into(),
        }
    }

    fn sheet(code: &str, evaluator: &str, total: Centi) -> JointTotal {
        JointTotal {
            code: code.into(),
            evaluator: evaluator.into(),
            total,
        }
    }

    #[test]
    fn an_evaluator_recuses_from_their_own_unit_and_from_themself() {
        let w = subject("W2026-001", Category::Window, "报关窗口", "北仑海关");
        let p = subject("P2026-001", Category::Individual, "张三", "北仑海关");
        let q = subject("P2026-002", Category::Individual, "张三", "梅山海关");
        assert_eq!(conflict("李四", Some("北仑海关"), &w), Some(Conflict::OwnUnit));
        assert_eq!(conflict("李四", Some("梅山海关"), &w), None);
        assert_eq!(conflict("张三", Some("北仑海关"), &p), Some(Conflict::IsNominee));
        // A namesake in another unit is not the nominee.
        assert_eq!(conflict("张三", Some("北仑海关"), &q), None);
        // Without a panel, only the name is known.
        assert_eq!(conflict("张三", None, &q), Some(Conflict::IsNominee));
        assert_eq!(conflict("李四", None, &w), None);
        // A window is never the evaluator, whatever its name.
        assert_eq!(conflict("报关窗口", None, &w), None);
    }

    #[test]
    fn progress_lists_what_is_missing_and_leaves_out_the_recused() {
        let subjects = vec![
            subject("W2026-001", Category::Window, "报关窗口", "北仑海关"),
            subject("W2026-002", Category::Window, "签证窗口", "梅山海关"),
        ];
        let members = vec![member("甲", "北仑海关"), member("乙", "市口岸办")];
        let sheets = vec![("W2026-002".to_string(), "甲".to_string())];
        let p = progress(&members, &subjects, &sheets);
        assert_eq!(p.evaluators[0].1, Vec::<String>::new());
        assert_eq!(p.evaluators[0].2, vec!["W2026-001".to_string()]);
        assert_eq!(
            p.evaluators[1].1,
            vec!["W2026-001".to_string(), "W2026-002".to_string()]
        );
        assert_eq!(p.nominees[0].1, 0);
        assert_eq!(p.nominees[0].2, vec!["甲".to_string()]);
        assert_eq!(p.nominees[1].1, 1);
    }

    #[test]
    fn leniency_is_the_mean_difference_from_the_others_on_the_same_nominees() {
        let sheets = vec![
            sheet("A", "甲", 9000),
            sheet("A", "乙", 8000),
            sheet("A", "丙", 8200),
            sheet("B", "甲", 9500),
            sheet("B", "乙", 8500),
            sheet("C", "甲", 7000),
        ];
        let l = leniency(&sheets);
        let jia = l.iter().find(|l| l.evaluator == "甲").unwrap();
        assert_eq!(jia.sheets, 3);
        assert_eq!(jia.mean, Ratio::new(25500, 3));
        // A: 9000 − 8100 = 900; B: 9500 − 8500 = 1000; C has no other sheet.
        assert_eq!(jia.mean_difference, Some(Ratio::from_integer(950)));
        let bing = l.iter().find(|l| l.evaluator == "丙").unwrap();
        // 8200 − mean(9000, 8000) = −300.
        assert_eq!(bing.mean_difference, Some(Ratio::from_integer(-300)));
        assert_eq!(bing.spread, 0.0);
        let yi = l.iter().find(|l| l.evaluator == "乙").unwrap();
        assert!((yi.spread - 2.5).abs() < 1e-9, "{}", yi.spread);
    }

    #[test]
    fn z_scores_undo_a_lenient_evaluator_and_equal_scores_share_a_place() {
        // 甲 marks everyone 10 points higher than 乙, in the same order: z-scores agree.
        let sheets = vec![
            sheet("A", "甲", 9800),
            sheet("B", "甲", 9600),
            sheet("A", "乙", 8800),
            sheet("B", "乙", 8600),
            sheet("C", "乙", 8700),
        ];
        let z = normalized(&sheets);
        assert!(z["A"] > z["B"]);
        let o = order(&[
            ("A".into(), 1.0),
            ("B".into(), 0.5),
            ("C".into(), 0.5),
            ("D".into(), 0.0),
        ]);
        assert_eq!(
            o,
            vec![("A".into(), 1), ("B".into(), 2), ("C".into(), 2), ("D".into(), 4)]
        );
    }
}
