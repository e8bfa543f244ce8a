//! Verification of the nomination forms (核对): every rule that rejects a form, in one place,
//! with its code and its words.

use std::collections::BTreeMap;

use chrono::NaiveDate;

use crate::values::Category;

/// Why a form is rejected at verification; stored by its code.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Rejection {
    NoDate,
    BeforeWindow,
    Late,
    OutOfScope,
    LeftGroup,
    NoWindow,
    Incomplete,
    UnitRank,
    OverGroupCap,
}

impl Rejection {
    pub const ALL: [Rejection; 9] = [
        Rejection::NoDate,
        Rejection::BeforeWindow,
        Rejection::Late,
        Rejection::OutOfScope,
        Rejection::LeftGroup,
        Rejection::NoWindow,
        Rejection::Incomplete,
        Rejection::UnitRank,
        Rejection::OverGroupCap,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Rejection::NoDate => "no_date",
            Rejection::BeforeWindow => "before_window",
            Rejection::Late => "late",
            Rejection::OutOfScope => "out_of_scope",
            Rejection::LeftGroup => "left_group",
            Rejection::NoWindow => "no_window",
            Rejection::Incomplete => "incomplete",
            Rejection::UnitRank => "unit_rank",
            Rejection::OverGroupCap => "over_group_cap",
        }
    }

    /// The rejection of a stored code; an unknown one (a hand edit) is none.
    pub fn from_code(code: &str) -> Option<Rejection> {
        Rejection::ALL.into_iter().find(|r| r.code() == code)
    }
}

/// What verification looks at of one form, as of now.
#[derive(Clone, Debug)]
pub struct Facts {
    pub category: Category,
    /// The day on the form, if any.
    pub sent: Option<NaiveDate>,
    /// The intake window: first and last day.
    pub opens: NaiveDate,
    pub deadline: NaiveDate,
    /// The unit still belongs to the group that sent the nomination.
    pub in_group: bool,
    pub unit_has_window: bool,
    pub has_deeds: bool,
    /// The place in the unit's year-end assessment, and of how many (`3/120`).
    pub unit_rank: Option<(u32, u32)>,
    /// The top share required of individuals, in percent.
    pub unit_rank_top_percent: Option<u32>,
}

/// Whether place `n` of `of` is within the top `percent`: n ≤ of × percent / 100, exactly.
pub fn within_top(n: u32, of: u32, percent: u32) -> bool {
    n >= 1 && n <= of && u64::from(n) * 100 <= u64::from(of) * u64::from(percent)
}

/// The rejection codes of one form on its own, in a fixed order; none: it passes.
pub fn rejections(f: &Facts) -> Vec<&'static str> {
    let mut r = Vec::new();
    match f.sent {
        None => r.push("no_date"),
        Some(d) if d < f.opens => r.push("before_window"),
        Some(d) if d > f.deadline => r.push("late"),
        Some(_) => {}
    }
    if !f.in_group {
        r.push("left_group");
    }
    if f.category == Category::Window && !f.unit_has_window {
        r.push("no_window");
    }
    if !f.has_deeds {
        r.push("incomplete");
    }
    if f.category == Category::Individual
        && let Some(p) = f.unit_rank_top_percent
    {
        let ok = f.unit_rank.is_some_and(|(n, of)| within_top(n, of, p));
        if !ok {
            r.push("unit_rank");
        }
    }
    r
}

/// One form that passes on its own, for the cap on a group's nominations.
#[derive(Clone, Debug)]
pub struct Sent {
    pub group: String,
    pub category: Category,
    pub sent: Option<NaiveDate>,
    /// The order of import, to settle forms of the same day.
    pub serial: i64,
}

/// The indexes of the forms past their group's cap in their category: each group keeps the
/// earliest submitted up to the cap, and the latest submitted go first.
pub fn over_group_cap(forms: &[Sent], cap: impl Fn(Category) -> usize) -> Vec<usize> {
    let mut by_group: BTreeMap<(&str, Category), Vec<usize>> = BTreeMap::new();
    for (i, f) in forms.iter().enumerate() {
        by_group.entry((&f.group, f.category)).or_default().push(i);
    }
    let mut out = Vec::new();
    for ((_, category), mut idx) in by_group {
        let cap = cap(category);
        if cap == 0 || idx.len() <= cap {
            continue;
        }
        idx.sort_by_key(|&i| (forms[i].sent, forms[i].serial));
        out.extend_from_slice(&idx[cap..]);
    }
    out.sort_unstable();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn ok() -> Facts {
        Facts {
            category: Category::Window,
            sent: Some(d("2026-10-31")),
            opens: d("2026-10-01"),
            deadline: d("2026-10-31"),
            in_group: true,
            unit_has_window: true,
            has_deeds: true,
            unit_rank: None,
            unit_rank_top_percent: None,
        }
    }

    #[test]
    fn the_intake_window_is_from_its_first_to_its_last_day() {
        assert!(rejections(&ok()).is_empty());
        let on_first = Facts {
            sent: Some(d("2026-10-01")),
            ..ok()
        };
        assert!(rejections(&on_first).is_empty());
        let early = Facts {
            sent: Some(d("2026-09-30")),
            ..ok()
        };
        assert_eq!(rejections(&early), vec!["before_window"]);
        let late = Facts {
            sent: Some(d("2026-11-01")),
            ..ok()
        };
        assert_eq!(rejections(&late), vec!["late"]);
        let undated = Facts { sent: None, ..ok() };
        assert_eq!(rejections(&undated), vec!["no_date"]);
    }

    #[test]
    fn every_reason_that_applies_is_given_in_order() {
        let f = Facts {
            sent: Some(d("2026-11-03")),
            in_group: false,
            unit_has_window: false,
            has_deeds: false,
            ..ok()
        };
        assert_eq!(rejections(&f), vec!["late", "left_group", "no_window", "incomplete"]);
        for code in rejections(&f) {
            assert!(Rejection::from_code(code).is_some(), "{code} is a known rejection");
        }
        assert_eq!(Rejection::from_code("over_group_cap"), Some(Rejection::OverGroupCap));
        assert_eq!(Rejection::from_code("unknown"), None);
    }

    #[test]
    fn an_individual_needs_no_window_but_the_top_share_when_required() {
        let person = Facts {
            category: Category::Individual,
            unit_has_window: false,
            ..ok()
        };
        assert!(rejections(&person).is_empty());
        let top = |rank| Facts {
            unit_rank: rank,
            unit_rank_top_percent: Some(20),
            ..person.clone()
        };
        assert!(rejections(&top(Some((24, 120)))).is_empty(), "24 of 120 is exactly 20%");
        assert_eq!(rejections(&top(Some((25, 120)))), vec!["unit_rank"]);
        assert_eq!(rejections(&top(None)), vec!["unit_rank"], "no place given");
        assert_eq!(rejections(&top(Some((0, 120)))), vec!["unit_rank"]);
        // A window is not ranked so.
        let window = Facts {
            unit_rank_top_percent: Some(20),
            ..ok()
        };
        assert!(rejections(&window).is_empty());
    }

    #[test]
    fn the_cap_keeps_the_earliest_and_rejects_the_latest() {
        let f = |group: &str, sent: &str, serial| Sent {
            group: group.into(),
            category: Category::Window,
            sent: Some(d(sent)),
            serial,
        };
        let forms = vec![
            f("A", "2026-10-20", 1),
            f("A", "2026-10-05", 2),
            f("A", "2026-10-20", 3),
            f("A", "2026-10-09", 4),
            f("B", "2026-10-30", 5),
        ];
        assert_eq!(over_group_cap(&forms, |_| 2), vec![0, 2]);
        assert_eq!(over_group_cap(&forms, |_| 3), vec![2]);
        assert!(over_group_cap(&forms, |_| 0).is_empty(), "0: no cap");
    }
}
