//! Ranking one list of candidates: the order of the term, shared ranks for equals, and the
//! shortlist within the quota. A tie that straddles the quota is flagged, never broken.

use std::cmp::Ordering;

use num_rational::Ratio;

use super::assess::{Assessment, Status};
use super::scheme::OrderKey;

/// Where one candidate (by its index in the input) stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Placed {
    pub index: usize,
    /// Shared by equals; the next rank skips (1, 2, 2, 4). None when not eligible.
    pub rank: Option<usize>,
    pub shortlisted: bool,
    pub tie_at_cutoff: bool,
}

fn key(a: &Assessment, k: OrderKey) -> Option<Ratio<i64>> {
    match k {
        OrderKey::Total => a.total,
        OrderKey::SelfEval => a.self_total.map(Ratio::from_integer),
        OrderKey::Joint => a.joint.as_ref().map(|j| j.mean),
        OrderKey::Inspection => Some(Ratio::from_integer(a.inspection)),
        // A missing rate sorts below any rate: None < Some.
        OrderKey::Satisfaction => a.satisfaction.map(|s| s.rate()),
    }
}

/// Compares two candidates by the term's order, best first. Exact: no floating point.
pub fn compare(a: &Assessment, b: &Assessment, order: &[OrderKey]) -> Ordering {
    order
        .iter()
        .map(|&k| key(b, k).cmp(&key(a, k)))
        .find(|o| o.is_ne())
        .unwrap_or(Ordering::Equal)
}

/// The first key on which two candidates differ, for explaining why one stands above another.
pub fn deciding_key(a: &Assessment, b: &Assessment, order: &[OrderKey]) -> Option<OrderKey> {
    order.iter().copied().find(|&k| key(a, k) != key(b, k))
}

/// Ranks the eligible candidates and marks the shortlist; the others follow in input order.
pub fn rank(list: &[&Assessment], order: &[OrderKey], quota: usize) -> Vec<Placed> {
    let mut eligible: Vec<usize> = (0..list.len())
        .filter(|&i| list[i].status == Status::Eligible)
        .collect();
    // A stable sort keeps equals in input order for display; their rank is shared all the same.
    eligible.sort_by(|&a, &b| compare(list[a], list[b], order));

    let mut placed = Vec::with_capacity(list.len());
    let mut start = 0;
    while start < eligible.len() {
        let mut end = start + 1;
        while end < eligible.len() && compare(list[eligible[start]], list[eligible[end]], order) == Ordering::Equal {
            end += 1;
        }
        let rank = start + 1;
        let last = end; // 1-based position of the group's last member
        let within = last <= quota;
        let straddles = rank <= quota && last > quota;
        for &i in &eligible[start..end] {
            placed.push(Placed {
                index: i,
                rank: Some(rank),
                shortlisted: within,
                tie_at_cutoff: straddles,
            });
        }
        start = end;
    }
    for i in (0..list.len()).filter(|&i| list[i].status != Status::Eligible) {
        placed.push(Placed {
            index: i,
            rank: None,
            shortlisted: false,
            tie_at_cutoff: false,
        });
    }
    placed
}

/// Ranks across the category, and draws the shortlist within each group's award places:
/// a group's candidates, in the category's order, are shortlisted up to its places, and
/// equals straddling a group's cut are a tie at the cutoff, as with the quota. A group
/// without places has none. With no places at all, this is `rank` within the quota.
pub fn rank_in_places(
    list: &[&Assessment],
    groups: &[&str],
    order: &[OrderKey],
    quota: usize,
    places: &std::collections::BTreeMap<String, usize>,
) -> Vec<Placed> {
    if places.is_empty() {
        return rank(list, order, quota);
    }
    let mut placed = rank(list, order, usize::MAX);
    // Where each candidate stands in `placed`, by its index in the input.
    let mut at = vec![0; list.len()];
    for (pos, p) in placed.iter().enumerate() {
        at[p.index] = pos;
    }
    let mut names: Vec<&str> = groups.to_vec();
    names.sort_unstable();
    names.dedup();
    for g in names {
        let members: Vec<usize> = (0..list.len()).filter(|&i| groups[i] == g).collect();
        let sub: Vec<&Assessment> = members.iter().map(|&i| list[i]).collect();
        let cut = places.get(g).copied().unwrap_or(0);
        for p in rank(&sub, order, cut) {
            let slot = &mut placed[at[members[p.index]]];
            slot.shortlisted = p.shortlisted;
            slot.tie_at_cutoff = p.tie_at_cutoff;
        }
    }
    placed
}

/// A tie at one cut of the shortlist: the category's quota, or one group's places.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CutTie {
    /// The group whose places are cut; `None` for the category's quota.
    pub group: Option<String>,
    /// The places of that cut: the quota, or the group's places.
    pub places: usize,
    /// The places still open there: its places less those shortlisted within it.
    pub left: usize,
    /// The tied rows, by their index in the input, in input order.
    pub tied: Vec<usize>,
}

/// One row as the cuts see it: its group, whether shortlisted, whether tied at its cut.
#[derive(Clone, Copy, Debug)]
pub struct AtCut<'a> {
    pub group: &'a str,
    pub shortlisted: bool,
    pub tie_at_cutoff: bool,
}

/// Every tie at a cut of one category, each with the places left at its own cut: with places
/// per group, a tie at one group's cut competes only for that group's places, whatever the
/// other groups have shortlisted. Groups in name order.
pub fn ties_at_cuts(rows: &[AtCut], quota: usize, places: &std::collections::BTreeMap<String, usize>) -> Vec<CutTie> {
    let cut = |group: Option<&str>, places: usize| {
        let within = |r: &AtCut| group.is_none_or(|g| r.group == g);
        let tied: Vec<usize> = (0..rows.len())
            .filter(|&i| within(&rows[i]) && rows[i].tie_at_cutoff)
            .collect();
        let taken = rows.iter().filter(|r| within(r) && r.shortlisted).count();
        (!tied.is_empty()).then(|| CutTie {
            group: group.map(str::to_string),
            places,
            left: places.saturating_sub(taken),
            tied,
        })
    };
    if places.is_empty() {
        return cut(None, quota).into_iter().collect();
    }
    places.iter().filter_map(|(g, &n)| cut(Some(g), n)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::assess::{Candidate, Sheet, Standing, assess};
    use crate::core::scheme::Scheme;
    use crate::values::{Category, Centi};

    fn sheet(marks_total: Centi) -> Sheet {
        let base = (marks_total / 5 / 50) * 50;
        Sheet {
            evaluator: "e".into(),
            marks: [base, base, base, base, marks_total - 4 * base],
        }
    }

    /// A candidate from points in hundredths.
    fn cand(self_c: Centi, joint: &[Centi], deduction: Centi) -> Candidate {
        Candidate {
            code: String::new(),
            category: Category::Individual,
            name: String::new(),
            unit: String::new(),
            group: String::new(),
            standing: Standing::Verified,
            self_sheet: Some(sheet(self_c)),
            joint: joint.iter().map(|&j| sheet(j)).collect(),
            deductions: vec![deduction],
            surveys: vec![],
            vetoes: vec![],
        }
    }

    fn ranks(list: &[Assessment], order: &[OrderKey], quota: usize) -> Vec<(usize, Option<usize>, bool, bool)> {
        let refs: Vec<&Assessment> = list.iter().collect();
        rank(&refs, order, quota)
            .into_iter()
            .map(|p| (p.index, p.rank, p.shortlisted, p.tie_at_cutoff))
            .collect()
    }

    #[test]
    fn equals_share_a_rank_and_the_next_skips() {
        let s = Scheme::default();
        let list: Vec<Assessment> = [9000, 8500, 8500, 8000]
            .iter()
            .map(|&j| assess(&cand(9000, &[j, j, j], 0), &s))
            .collect();
        let r = ranks(&list, &s.order, 20);
        let got: Vec<Option<usize>> = r.iter().map(|x| x.1).collect();
        assert_eq!(got, vec![Some(1), Some(2), Some(2), Some(4)]);
    }

    #[test]
    fn an_exact_tie_that_floating_point_would_split() {
        // 0.2·94 + 0.5·(80 + 88.5 + 87.5)/3 + 0.3·94 and 0.2·90 + 0.5·(82 + 96 + 85.5)/3 + 0.3·92.5
        // are both exactly 89 2/3; in f64 the first is 89.66666666666667, the second 89.66666666666666.
        let a = cand(9400, &[8000, 8850, 8750], 600);
        let b = cand(9000, &[8200, 9600, 8550], 750);
        let float = |s: f64, j: [f64; 3], i: f64| 0.2 * s + 0.5 * ((j[0] + j[1] + j[2]) / 3.0) + 0.3 * i;
        assert!(float(94.0, [80.0, 88.5, 87.5], 94.0) > float(90.0, [82.0, 96.0, 85.5], 92.5));
        let total_only = vec![OrderKey::Total];
        let s = Scheme {
            order: total_only.clone(),
            ..Scheme::default()
        };
        let list = vec![assess(&a, &s), assess(&b, &s)];
        assert_eq!(list[0].total, list[1].total);
        assert_eq!(
            ranks(&list, &total_only, 20),
            vec![(0, Some(1), true, false), (1, Some(1), true, false)]
        );
        // With the default order the exact tie on total goes to the joint evaluation: b's is higher.
        let d = Scheme::default();
        let list = vec![assess(&a, &d), assess(&b, &d)];
        assert_eq!(
            ranks(&list, &d.order, 20),
            vec![(1, Some(1), true, false), (0, Some(2), true, false)]
        );
        assert_eq!(deciding_key(&list[0], &list[1], &d.order), Some(OrderKey::Joint));
    }

    #[test]
    fn a_tie_straddling_the_quota_is_flagged_not_broken() {
        let s = Scheme::default();
        let list: Vec<Assessment> = [9500, 9000, 8500, 8500, 8500, 8000]
            .iter()
            .map(|&j| assess(&cand(9000, &[j, j, j], 0), &s))
            .collect();
        let r = ranks(&list, &s.order, 3);
        assert_eq!(
            r,
            vec![
                (0, Some(1), true, false),
                (1, Some(2), true, false),
                (2, Some(3), false, true),
                (3, Some(3), false, true),
                (4, Some(3), false, true),
                (5, Some(6), false, false),
            ]
        );
        // A tie that ends exactly at the quota is shortlisted whole.
        let r = ranks(&list, &s.order, 5);
        assert!(r[2..5].iter().all(|x| x.2 && !x.3));
        assert!(!r[5].2);
    }

    #[test]
    fn missing_satisfaction_sorts_below_any_rate_and_ineligible_follow() {
        let s = Scheme::default();
        let mut with = cand(9000, &[9000; 3], 0);
        with.surveys = vec![(1, 100)];
        let without = cand(9000, &[9000; 3], 0);
        let mut vetoed = cand(9900, &[9900; 3], 0);
        vetoed.vetoes.push(crate::core::assess::VetoFact {
            unit: None,
            person: String::new(),
            id: 1,
            reason: "criminal".into(),
            document: String::new(),
        });
        let list = vec![assess(&without, &s), assess(&vetoed, &s), assess(&with, &s)];
        assert_eq!(
            ranks(&list, &s.order, 20),
            vec![
                (2, Some(1), true, false),
                (0, Some(2), true, false),
                (1, None, false, false)
            ]
        );
    }

    #[test]
    fn places_per_group_draw_the_shortlist_within_each_group() {
        let s = Scheme::default();
        let list = [
            assess(&cand(9900, &[9900; 3], 0), &s), // A, 1st overall
            assess(&cand(9800, &[9800; 3], 0), &s), // A, 2nd
            assess(&cand(9700, &[9700; 3], 0), &s), // B, 3rd
            assess(&cand(9600, &[9600; 3], 0), &s), // B, 4th
            assess(&cand(9600, &[9600; 3], 0), &s), // B, equal 4th
            assess(&cand(9500, &[9500; 3], 0), &s), // C, no places
        ];
        let refs: Vec<&Assessment> = list.iter().collect();
        let groups = ["A", "A", "B", "B", "B", "C"];
        let places: std::collections::BTreeMap<String, usize> =
            [("A".to_string(), 1), ("B".to_string(), 2)].into_iter().collect();
        let mut got = rank_in_places(&refs, &groups, &s.order, 10, &places);
        got.sort_by_key(|p| p.index);
        let marks: Vec<(Option<usize>, bool, bool)> =
            got.iter().map(|p| (p.rank, p.shortlisted, p.tie_at_cutoff)).collect();
        assert_eq!(
            marks,
            vec![
                (Some(1), true, false),
                (Some(2), false, false),
                (Some(3), true, false),
                // the two equal at B's cut: neither shortlisted, both flagged for the committee
                (Some(4), false, true),
                (Some(4), false, true),
                (Some(6), false, false),
            ]
        );
        // No places: the category's quota.
        let plain = rank_in_places(&refs, &groups, &s.order, 2, &Default::default());
        assert_eq!(plain.iter().filter(|p| p.shortlisted).count(), 2);
    }

    #[test]
    fn a_tie_at_a_groups_cut_counts_only_that_groups_places() {
        let at = |group, shortlisted, tie_at_cutoff| AtCut {
            group,
            shortlisted,
            tie_at_cutoff,
        };
        // A has 1 place and shortlisted 1; B has 3 places, shortlisted 1, and two tied for
        // the next: 2 places left in B, whatever A holds.
        let rows = [
            at("A", true, false),
            at("B", true, false),
            at("B", false, true),
            at("B", false, true),
            at("A", false, false),
        ];
        let places: std::collections::BTreeMap<String, usize> =
            [("A".to_string(), 1), ("B".to_string(), 3)].into_iter().collect();
        assert_eq!(
            ties_at_cuts(&rows, 4, &places),
            [CutTie {
                group: Some("B".into()),
                places: 3,
                left: 2,
                tied: vec![2, 3],
            }]
        );
        // Without places, one cut: the category's quota of 3, of which 2 are shortlisted.
        assert_eq!(
            ties_at_cuts(&rows, 3, &Default::default()),
            [CutTie {
                group: None,
                places: 3,
                left: 1,
                tied: vec![2, 3],
            }]
        );
        assert!(ties_at_cuts(&rows[..2], 3, &Default::default()).is_empty());
    }
}
