//! Verification of the nomination forms (核对): every rule that rejects a form, in one place,
//! with its code and its words.

use std::collections::BTreeMap;

use chrono::NaiveDate;

use crate::i18n::tr;
use crate::values::Category;

pub fn label(code: &str) -> &'static str {
    match code {
        "no_date" => tr("no submission date on the form", "推荐表未填报送日期"),
        "before_window" => tr("submitted before the intake window opened", "早于报送期报送"),
        "late" => tr("submitted after the deadline", "逾期报送"),
        "out_of_scope" => tr("out of scope", "不在评比范围"),
        "left_group" => tr("the unit has left the group", "单位已不属于该片组"),
        "no_window" => tr("the unit has no external window", "单位无对外窗口"),
        "incomplete" => tr("no deeds written", "未填写主要事迹"),
        "unit_rank" => tr(
            "not within the required top share of the unit's year-end assessment",
            "本单位年终测评排名未达到要求",
        ),
        "over_group_cap" => tr(
            "past the group's cap on nominations (the latest submitted)",
            "超出片组推荐名额（按报送先后，后报送者不予受理）",
        ),
        _ => tr("other", "其他"),
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
            assert_ne!(label(code), label("unknown"), "{code} has its words");
        }
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
