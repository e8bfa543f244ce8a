//! Who of the ranked candidates holds an award: each category's shortlist, and from a tie
//! straddling the quota only whom the committee chooses; awards already held stand, a revoked
//! one is not granted again, and no category passes its quota. Certificate numbers count per
//! category and are never reused. Pure: no SQL, no printing, no clock.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use super::rank::{AtCut, CutTie, ties_at_cuts};
use crate::values::Category;

/// One candidate of a category where the ranking puts it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Row {
    /// The nomination, as the awards held refer to it.
    pub id: i64,
    pub code: String,
    pub name: String,
    /// The group it was nominated by; its places are the cut when the scheme allots them.
    pub group: String,
    pub rank: Option<usize>,
    pub shortlisted: bool,
    pub tie_at_cutoff: bool,
}

/// One category ranked: best first, as the ranking lists it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Board {
    pub category: Category,
    pub quota: usize,
    /// Award places per group, when the scheme allots them: each group's shortlist is cut
    /// within its own places. Empty: the category's quota is the one cut.
    pub places: BTreeMap<String, usize>,
    pub rows: Vec<Row>,
}

impl Board {
    /// The equals that straddle the quota, if any.
    fn tie(&self) -> Vec<&Row> {
        self.rows.iter().filter(|r| r.tie_at_cutoff).collect()
    }
}

/// An award already on the record of the term.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Held {
    Active,
    /// Revoked: its number stays taken and it is not granted again.
    Revoked,
}

/// The committee's choice from a tie at the cutoff: nomination codes, trimmed and upper-case.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Choice {
    pub include: BTreeSet<String>,
    pub exclude: BTreeSet<String>,
}

impl Choice {
    pub fn new(include: &[String], exclude: &[String]) -> Choice {
        let codes = |list: &[String]| {
            list.iter()
                .map(|c| c.trim().to_uppercase())
                .filter(|c| !c.is_empty())
                .collect()
        };
        Choice {
            include: codes(include),
            exclude: codes(exclude),
        }
    }
}

/// Why a candidate holds its award; the record keeps the code.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Basis {
    /// Within the quota.
    Shortlisted,
    /// Chosen by the committee from a tie at the cutoff.
    Included,
}

impl Basis {
    pub fn code(self) -> &'static str {
        match self {
            Basis::Shortlisted => "shortlisted",
            Basis::Included => "included by the committee",
        }
    }
    pub fn from_code(s: &str) -> Option<Basis> {
        [Basis::Shortlisted, Basis::Included]
            .into_iter()
            .find(|b| b.code() == s)
    }
}

/// One award to grant.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Grant {
    pub id: i64,
    pub code: String,
    pub category: Category,
    pub rank: Option<usize>,
    pub basis: Basis,
}

/// What the grant comes to when nothing stands in its way.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Outcome {
    /// The new awards, window first, each category in the ranking's order: the order of the
    /// certificate numbers. Empty on an awarded term.
    pub grants: Vec<Grant>,
    /// Chosen again but revoked: not granted again.
    pub not_again: Vec<String>,
    /// Awards already held and not revoked.
    pub held_active: usize,
}

impl Outcome {
    /// Nobody to grant and nobody holding an award: the term cannot be awarded.
    pub fn nothing_to_grant(&self) -> bool {
        self.grants.is_empty() && self.held_active == 0
    }
}

/// What stops the grant; every one is reported, and nothing is granted.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Problem {
    /// Named with both --include and --exclude.
    IncludedAndExcluded(String),
    /// A known candidate named, but not in a tie at the cutoff; the codes that are.
    NotTied { code: String, tied: Vec<String> },
    /// A code that no nomination of the term has.
    Unknown { code: String, year: i32 },
    /// Included from a tie, but its award was revoked.
    Revoked(String),
    /// More chosen from a tie than places left within the quota (or the group's places).
    TooMany {
        category: Category,
        /// The group whose places are cut; `None` for the category's quota.
        group: Option<String>,
        rank: usize,
        chosen: usize,
        places: usize,
        quota: usize,
    },
    /// A tie straddling the quota (or a group's places) that the committee has not settled;
    /// code and name of each.
    Tie {
        category: Category,
        group: Option<String>,
        rank: usize,
        tied: Vec<(String, String)>,
        places: usize,
        quota: usize,
    },
    /// The awards held and the new ones would pass the quota; `off`: awarded but no longer
    /// on the shortlist.
    OverQuota {
        category: Category,
        active: usize,
        added: usize,
        quota: usize,
        off: Vec<String>,
    },
    /// The term is awarded; these would be granted only once it is reopened.
    Pending(Vec<String>),
    /// New awards while some held ones belong to candidates no longer on the shortlist
    /// (withdrawn, vetoed, fallen below the line): those are settled first.
    OffList { category: Category, off: Vec<String> },
}

/// The codes named in the choice that are not in a tie at the cutoff: each is a problem.
fn misnamed(year: i32, boards: &[Board], choice: &Choice) -> Vec<Problem> {
    let mut problems: Vec<Problem> = choice
        .include
        .intersection(&choice.exclude)
        .map(|code| Problem::IncludedAndExcluded(code.clone()))
        .collect();
    let tied: Vec<&str> = boards.iter().flat_map(|b| b.tie()).map(|r| r.code.as_str()).collect();
    for code in choice.include.union(&choice.exclude) {
        if tied.contains(&code.as_str()) {
            continue;
        }
        let known = boards.iter().flat_map(|b| &b.rows).any(|r| &r.code == code);
        problems.push(if known {
            Problem::NotTied {
                code: code.clone(),
                tied: tied.iter().map(|c| c.to_string()).collect(),
            }
        } else {
            Problem::Unknown {
                code: code.clone(),
                year,
            }
        });
    }
    problems
}

/// Who of one category is to hold an award: the shortlist, and from a tie at the cutoff the
/// committee's choice. A tied candidate already holding an award counts as chosen, one whose
/// award was revoked as left out. The ones left undecided take the places left only when the
/// committee leaves some of this tie out now (--exclude); a tie reopened by a revocation is put
/// to the committee again. Problems are pushed, not returned early, so that all are reported.
fn chosen<'a>(
    b: &'a Board,
    held: &HashMap<i64, Held>,
    choice: &Choice,
    problems: &mut Vec<Problem>,
) -> Vec<(&'a Row, Basis)> {
    let mut out: Vec<(&Row, Basis)> = b
        .rows
        .iter()
        .filter(|r| r.shortlisted)
        .map(|r| (r, Basis::Shortlisted))
        .collect();
    let at: Vec<AtCut> = b
        .rows
        .iter()
        .map(|r| AtCut {
            group: &r.group,
            shortlisted: r.shortlisted,
            tie_at_cutoff: r.tie_at_cutoff,
        })
        .collect();
    for cut in ties_at_cuts(&at, b.quota, &b.places) {
        out.extend(settled(b, cut, held, choice, problems));
    }
    out
}

/// Who of one tie at a cut is chosen, within the places left at that cut.
fn settled<'a>(
    b: &'a Board,
    cut: CutTie,
    held: &HashMap<i64, Held>,
    choice: &Choice,
    problems: &mut Vec<Problem>,
) -> Vec<(&'a Row, Basis)> {
    let tie: Vec<&Row> = cut.tied.iter().map(|&i| &b.rows[i]).collect();
    let (group, cut_places, places) = (cut.group, cut.places, cut.left);
    let Some(first) = tie.first() else {
        return Vec::new();
    };
    let included = |r: &Row| choice.include.contains(&r.code);
    let excluded = |r: &Row| choice.exclude.contains(&r.code);
    let inc: Vec<&Row> = tie
        .iter()
        .copied()
        .filter(|r| included(r) || held.get(&r.id) == Some(&Held::Active))
        .collect();
    let undecided: Vec<&Row> = tie
        .iter()
        .copied()
        .filter(|r| !included(r) && !excluded(r) && !held.contains_key(&r.id))
        .collect();
    problems.extend(
        tie.iter()
            .filter(|r| included(r) && held.get(&r.id) == Some(&Held::Revoked))
            .map(|r| Problem::Revoked(r.code.clone())),
    );
    let excluded_now = tie.iter().any(|r| excluded(r));
    let rank = first.rank.unwrap_or(0);
    if inc.len() > places {
        problems.push(Problem::TooMany {
            category: b.category,
            group,
            rank,
            chosen: inc.len(),
            places,
            quota: cut_places,
        });
        return Vec::new();
    }
    let take: Vec<&Row> = if inc.len() == places {
        inc
    } else if undecided.is_empty() || (excluded_now && inc.len() + undecided.len() <= places) {
        inc.into_iter().chain(undecided).collect()
    } else {
        problems.push(Problem::Tie {
            category: b.category,
            group,
            rank,
            tied: tie.iter().map(|r| (r.code.clone(), r.name.clone())).collect(),
            places,
            quota: cut_places,
        });
        return Vec::new();
    };
    // Tie order is the ranking's; keep it for the certificate numbers.
    tie.into_iter()
        .filter(|r| take.iter().any(|t| t.id == r.id))
        .map(|r| (r, Basis::Included))
        .collect()
}

/// The awards to grant from the ranked boards of a term, given the awards it holds and the
/// committee's choice; on an awarded term, anything new is a problem until it is reopened.
/// Either what to grant, or every problem that stops it.
pub fn decide(
    year: i32,
    awarded: bool,
    boards: &[Board],
    held: &HashMap<i64, Held>,
    choice: &Choice,
) -> Result<Outcome, Vec<Problem>> {
    let mut problems = misnamed(year, boards, choice);
    let mut outcome = Outcome {
        held_active: held.values().filter(|h| **h == Held::Active).count(),
        ..Outcome::default()
    };
    for b in boards {
        let active = b.rows.iter().filter(|r| held.get(&r.id) == Some(&Held::Active)).count();
        let mut added = 0;
        for (row, basis) in chosen(b, held, choice, &mut problems) {
            match held.get(&row.id) {
                Some(Held::Revoked) => outcome.not_again.push(row.code.clone()),
                Some(Held::Active) => {}
                None => {
                    added += 1;
                    outcome.grants.push(Grant {
                        id: row.id,
                        code: row.code.clone(),
                        category: b.category,
                        rank: row.rank,
                        basis,
                    });
                }
            }
        }
        let off: Vec<String> = b
            .rows
            .iter()
            .filter(|r| !r.shortlisted && !r.tie_at_cutoff && held.get(&r.id) == Some(&Held::Active))
            .map(|r| r.code.clone())
            .collect();
        if active + added <= b.quota && added > 0 && !off.is_empty() {
            problems.push(Problem::OffList {
                category: b.category,
                off,
            });
        } else if active + added > b.quota {
            problems.push(Problem::OverQuota {
                category: b.category,
                active,
                added,
                quota: b.quota,
                off: b
                    .rows
                    .iter()
                    .filter(|r| !r.shortlisted && held.get(&r.id) == Some(&Held::Active))
                    .map(|r| r.code.clone())
                    .collect(),
            });
        }
    }
    if awarded && !outcome.grants.is_empty() {
        problems.push(Problem::Pending(
            outcome.grants.iter().map(|g| g.code.clone()).collect(),
        ));
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    if awarded {
        outcome.grants.clear();
        outcome.not_again.clear();
    }
    Ok(outcome)
}

/// The certificate number of an award: NBKA-2026-W-001, counted per category and term.
pub fn certificate(year: i32, category: Category, serial: i64) -> String {
    format!("NBKA-{year}-{}-{serial:03}", category.letter())
}

/// The term of a text shaped as a certificate number, if it is one.
pub fn certificate_year(text: &str) -> Option<i32> {
    let rest = text.strip_prefix("NBKA-")?;
    let (year, rest) = rest.split_once('-')?;
    let (letter, serial) = rest.split_once('-')?;
    let letter_ok = Category::ALL
        .iter()
        .any(|c| letter.len() == 1 && letter.starts_with(c.letter()));
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    (letter_ok && digits(year) && year.len() == 4 && digits(serial) && serial.len() >= 3)
        .then(|| year.parse().ok())
        .flatten()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(id: i64, rank: Option<usize>, shortlisted: bool, tie_at_cutoff: bool) -> Row {
        Row {
            id,
            code: format!("P2026-{id:03}"),
            name: format!("n{id}"),
            group: "g".into(),
            rank,
            shortlisted,
            tie_at_cutoff,
        }
    }

    /// Individuals with a quota of 2: #1 shortlisted, #2 and #3 tied at rank 2, #4 below.
    fn tied_board() -> Board {
        Board {
            category: Category::Individual,
            quota: 2,
            places: BTreeMap::new(),
            rows: vec![
                row(1, Some(1), true, false),
                row(2, Some(2), false, true),
                row(3, Some(2), false, true),
                row(4, Some(4), false, false),
            ],
        }
    }

    fn choice(include: &[&str], exclude: &[&str]) -> Choice {
        let own = |l: &[&str]| l.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        Choice::new(&own(include), &own(exclude))
    }

    fn held(list: &[(i64, Held)]) -> HashMap<i64, Held> {
        list.iter().copied().collect()
    }

    fn granted(o: &Outcome) -> Vec<(&str, Basis)> {
        o.grants.iter().map(|g| (g.code.as_str(), g.basis)).collect()
    }

    fn run(h: &[(i64, Held)], include: &[&str], exclude: &[&str]) -> Result<Outcome, Vec<Problem>> {
        decide(2026, false, &[tied_board()], &held(h), &choice(include, exclude))
    }

    /// Windows with places per group, A 2 and B 2: A shortlisted one (and has no more
    /// candidates), B shortlisted one and two are tied for its last place.
    fn board_with_places() -> Board {
        let in_group = |g: &str, r: Row| Row { group: g.into(), ..r };
        Board {
            category: Category::Window,
            quota: 4,
            places: [("A".to_string(), 2), ("B".to_string(), 2)].into_iter().collect(),
            rows: vec![
                in_group("A", row(1, Some(1), true, false)),
                in_group("B", row(2, Some(2), true, false)),
                in_group("B", row(3, Some(3), false, true)),
                in_group("B", row(4, Some(3), false, true)),
            ],
        }
    }

    #[test]
    fn a_tie_at_a_groups_cut_has_only_that_groups_places_left() {
        let err = decide(2026, false, &[board_with_places()], &HashMap::new(), &Choice::default()).unwrap_err();
        assert_eq!(
            err,
            [Problem::Tie {
                category: Category::Window,
                group: Some("B".into()),
                rank: 3,
                tied: vec![("P2026-003".into(), "n3".into()), ("P2026-004".into(), "n4".into())],
                places: 1,
                quota: 2,
            }]
        );
        // One chosen fills B's last place, though the category's quota has two places open.
        let o = decide(
            2026,
            false,
            &[board_with_places()],
            &HashMap::new(),
            &choice(&["P2026-003"], &[]),
        )
        .unwrap();
        assert_eq!(
            granted(&o),
            [
                ("P2026-001", Basis::Shortlisted),
                ("P2026-002", Basis::Shortlisted),
                ("P2026-003", Basis::Included)
            ]
        );
        let err = decide(
            2026,
            false,
            &[board_with_places()],
            &HashMap::new(),
            &choice(&["P2026-003", "P2026-004"], &[]),
        )
        .unwrap_err();
        assert!(
            matches!(
                &err[..],
                [Problem::TooMany {
                    places: 1,
                    chosen: 2,
                    ..
                }]
            ),
            "{err:?}"
        );
    }

    #[test]
    fn the_shortlist_is_granted_in_rank_order() {
        let b = Board {
            category: Category::Window,
            quota: 10,
            places: BTreeMap::new(),
            rows: vec![
                row(7, Some(1), true, false),
                row(5, Some(2), true, false),
                row(9, None, false, false),
            ],
        };
        let o = decide(2026, false, &[b], &HashMap::new(), &Choice::default()).unwrap();
        assert_eq!(
            granted(&o),
            [("P2026-007", Basis::Shortlisted), ("P2026-005", Basis::Shortlisted)]
        );
        assert_eq!(o.grants[0].category, Category::Window);
        assert_eq!(o.grants[0].rank, Some(1));
        assert!(!o.nothing_to_grant());
    }

    #[test]
    fn a_tie_straddling_the_quota_is_refused_naming_the_tied() {
        let problems = run(&[], &[], &[]).unwrap_err();
        assert_eq!(
            problems,
            [Problem::Tie {
                category: Category::Individual,
                group: None,
                rank: 2,
                tied: vec![("P2026-002".into(), "n2".into()), ("P2026-003".into(), "n3".into())],
                places: 1,
                quota: 2,
            }]
        );
    }

    #[test]
    fn include_fills_the_places_left() {
        let o = run(&[], &[" p2026-003 "], &[]).unwrap();
        assert_eq!(
            granted(&o),
            [("P2026-001", Basis::Shortlisted), ("P2026-003", Basis::Included)]
        );
    }

    #[test]
    fn exclude_leaves_the_rest_of_the_tie_to_fill_the_places() {
        let o = run(&[], &[], &["P2026-002"]).unwrap();
        assert_eq!(
            granted(&o),
            [("P2026-001", Basis::Shortlisted), ("P2026-003", Basis::Included)]
        );
        // Excluding one of three tied for one place still leaves two for it: refused.
        let mut b = tied_board();
        b.rows.insert(3, row(5, Some(2), false, true));
        let err = decide(2026, false, &[b], &HashMap::new(), &choice(&[], &["P2026-002"])).unwrap_err();
        assert!(
            matches!(&err[..], [Problem::Tie { tied, .. }] if tied.len() == 3),
            "{err:?}"
        );
    }

    #[test]
    fn no_more_chosen_than_places_left() {
        let err = run(&[], &["P2026-002", "P2026-003"], &[]).unwrap_err();
        assert_eq!(
            err,
            [Problem::TooMany {
                category: Category::Individual,
                group: None,
                rank: 2,
                chosen: 2,
                places: 1,
                quota: 2
            }]
        );
    }

    #[test]
    fn a_code_not_in_a_tie_is_named() {
        let err = run(&[], &["P2026-001", "P2026-099", "P2026-003"], &["P2026-003"]).unwrap_err();
        assert_eq!(
            err[..3],
            [
                Problem::IncludedAndExcluded("P2026-003".into()),
                Problem::NotTied {
                    code: "P2026-001".into(),
                    tied: vec!["P2026-002".into(), "P2026-003".into()]
                },
                Problem::Unknown {
                    code: "P2026-099".into(),
                    year: 2026
                },
            ]
        );
        // Without any tie, the message says so.
        let b = Board {
            category: Category::Individual,
            quota: 2,
            places: BTreeMap::new(),
            rows: vec![row(1, Some(1), true, false)],
        };
        let err = decide(2026, false, &[b], &HashMap::new(), &choice(&["P2026-001"], &[])).unwrap_err();
        assert!(
            matches!(&err[0], Problem::NotTied { tied, .. } if tied.is_empty()),
            "{err:?}"
        );
    }

    #[test]
    fn a_second_grant_adds_nothing() {
        let h = [(1, Held::Active), (3, Held::Active)];
        let o = run(&h, &[], &[]).unwrap();
        assert_eq!(granted(&o), []);
        assert_eq!(o.held_active, 2);
        assert!(!o.nothing_to_grant());
        // On an awarded term it stands as it is.
        let o = decide(2026, true, &[tied_board()], &held(&h), &Choice::default()).unwrap();
        assert_eq!(
            o,
            Outcome {
                held_active: 2,
                ..Outcome::default()
            }
        );
    }

    #[test]
    fn an_awarded_term_takes_nothing_new() {
        let err = decide(
            2026,
            true,
            &[tied_board()],
            &held(&[(1, Held::Active)]),
            &choice(&["P2026-002"], &[]),
        )
        .unwrap_err();
        assert_eq!(err, [Problem::Pending(vec!["P2026-002".into()])]);
    }

    #[test]
    fn a_revoked_award_is_not_granted_again() {
        // Shortlisted, revoked: not granted again, its place not filled from below.
        let b = Board {
            category: Category::Window,
            quota: 2,
            places: BTreeMap::new(),
            rows: vec![row(1, Some(1), true, false), row(2, Some(2), true, false)],
        };
        let o = decide(2026, false, &[b], &held(&[(1, Held::Revoked)]), &Choice::default()).unwrap();
        assert_eq!(granted(&o), [("P2026-002", Basis::Shortlisted)]);
        assert_eq!(o.not_again, ["P2026-001"]);
        assert_eq!(o.held_active, 0);
        // Tied, revoked: counted as left out; the tie goes back to the committee.
        let h = [(1, Held::Active), (2, Held::Revoked)];
        let err = run(&h, &[], &[]).unwrap_err();
        assert!(matches!(&err[..], [Problem::Tie { places: 1, .. }]), "{err:?}");
        let err = run(&h, &["P2026-002"], &[]).unwrap_err();
        assert_eq!(err[0], Problem::Revoked("P2026-002".into()));
        let o = run(&h, &["P2026-003"], &[]).unwrap();
        assert_eq!(granted(&o), [("P2026-003", Basis::Included)]);
        let o = run(&h, &[], &["P2026-003"]).unwrap();
        assert_eq!(granted(&o), []);
        assert!(!o.nothing_to_grant());
    }

    #[test]
    fn an_award_held_off_the_shortlist_stops_new_grants() {
        // #9 was awarded, then withdrawn or vetoed: it is no longer eligible (rank None).
        let b = Board {
            category: Category::Window,
            quota: 3,
            places: BTreeMap::new(),
            rows: vec![
                row(1, Some(1), true, false),
                row(2, Some(2), true, false),
                row(9, None, false, false),
            ],
        };
        let h = held(&[(1, Held::Active), (9, Held::Active)]);
        let err = decide(2026, false, std::slice::from_ref(&b), &h, &Choice::default()).unwrap_err();
        assert_eq!(
            err,
            [Problem::OffList {
                category: Category::Window,
                off: vec!["P2026-009".into()]
            }]
        );
        // With nothing new to grant there is nothing to stop.
        let h = held(&[(1, Held::Active), (2, Held::Active), (9, Held::Active)]);
        assert!(
            decide(2026, false, &[b], &h, &Choice::default())
                .unwrap()
                .grants
                .is_empty()
        );
    }

    #[test]
    fn a_tied_candidate_holding_an_award_counts_as_chosen() {
        let o = run(&[(1, Held::Active), (2, Held::Active)], &[], &[]).unwrap();
        assert_eq!(granted(&o), []);
        let err = run(&[(1, Held::Active), (2, Held::Active)], &["P2026-003"], &[]).unwrap_err();
        assert!(
            matches!(
                &err[..],
                [Problem::TooMany {
                    chosen: 2,
                    places: 1,
                    ..
                }]
            ),
            "{err:?}"
        );
    }

    #[test]
    fn the_quota_counts_the_active_awards() {
        // #4 holds an award from before the quota went down to 2; #1 and the tie's choice would pass it.
        let h = [(4, Held::Active)];
        let err = run(&h, &["P2026-002"], &[]).unwrap_err();
        assert_eq!(
            err,
            [Problem::OverQuota {
                category: Category::Individual,
                active: 1,
                added: 2,
                quota: 2,
                off: vec!["P2026-004".into()]
            }]
        );
    }

    #[test]
    fn nobody_shortlisted_is_nothing_to_grant() {
        let b = Board {
            category: Category::Window,
            quota: 10,
            places: BTreeMap::new(),
            rows: vec![row(1, None, false, false)],
        };
        let o = decide(2026, false, &[b], &HashMap::new(), &Choice::default()).unwrap();
        assert!(o.nothing_to_grant());
    }

    #[test]
    fn certificate_numbers_and_their_shape() {
        assert_eq!(certificate(2026, Category::Window, 7), "NBKA-2026-W-007");
        assert_eq!(certificate(2026, Category::Individual, 1234), "NBKA-2026-P-1234");
        assert_eq!(certificate_year("NBKA-2026-P-1234"), Some(2026));
        assert_eq!(certificate_year("NBKA-2025-W-001"), Some(2025));
        for not in [
            "NBKA-2026-X-001",
            "NBKA-2026-W-01",
            "NBKA-26-W-001",
            "nbka-2026-W-001",
            "NBKA-2026-W-001a",
            "index",
        ] {
            assert_eq!(certificate_year(not), None, "{not}");
        }
    }
}
