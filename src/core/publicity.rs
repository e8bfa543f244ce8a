//! 公示: the notice period of the proposed awards, in working days, and what stops the grant
//! that follows it.

use chrono::{Datelike, Duration, NaiveDate, Weekday};

/// Monday to Friday. (Public holidays are not known to the tool; the clerk gives more days
/// when the period spans one.)
pub fn is_working_day(d: NaiveDate) -> bool {
    !matches!(d.weekday(), Weekday::Sat | Weekday::Sun)
}

/// The notice period: `days` working days from `from` (that day counting when it is a working
/// day; a weekend start begins on the Monday). Returns the first and the last day.
pub fn period(from: NaiveDate, days: u32) -> (NaiveDate, NaiveDate) {
    let mut d = from;
    while !is_working_day(d) {
        d += Duration::days(1);
    }
    let start = d;
    let mut left = days.max(1) - 1;
    while left > 0 {
        d += Duration::days(1);
        if is_working_day(d) {
            left -= 1;
        }
    }
    (start, d)
}

/// Whether the period ending on `ends_on` is over on `today`.
pub fn ended(ends_on: NaiveDate, today: NaiveDate) -> bool {
    today > ends_on
}

/// An objection received after the last day of the period is late (still recorded, and like
/// any other it must be resolved before the grant).
pub fn late(ends_on: NaiveDate, received_on: NaiveDate) -> bool {
    received_on > ends_on
}

/// An objection not yet resolved: its number, the nominee and who sent it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Open {
    pub id: i64,
    pub code: String,
    pub from: String,
}

/// What stops a grant after a proposal.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Stop {
    /// The period has not ended: the last day, and the first day a grant may be made.
    Running {
        ends_on: NaiveDate,
    },
    Unresolved(Open),
}

/// Everything that stops the grant, in order: the period, then each open objection.
pub fn stops(ends_on: NaiveDate, today: NaiveDate, open: &[Open]) -> Vec<Stop> {
    let mut v = Vec::new();
    if !ended(ends_on, today) {
        v.push(Stop::Running { ends_on });
    }
    v.extend(open.iter().cloned().map(Stop::Unresolved));
    v
}

/// The proposed list less the nominees no longer eligible: (granted, dropped), in order.
pub fn still_eligible<T: Clone>(proposed: &[T], eligible: impl Fn(&T) -> bool) -> (Vec<T>, Vec<T>) {
    proposed.iter().cloned().partition(|p| eligible(p))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn five_working_days_skip_the_weekend() {
        // Thursday 2026-11-05: Thu, Fri, Mon, Tue, Wed.
        assert_eq!(period(d("2026-11-05"), 5), (d("2026-11-05"), d("2026-11-11")));
        // Monday: the same week.
        assert_eq!(period(d("2026-11-02"), 5), (d("2026-11-02"), d("2026-11-06")));
        // A Saturday start begins on Monday.
        assert_eq!(period(d("2026-11-07"), 5), (d("2026-11-09"), d("2026-11-13")));
        assert_eq!(period(d("2026-11-06"), 1), (d("2026-11-06"), d("2026-11-06")));
        assert_eq!(period(d("2026-11-06"), 2), (d("2026-11-06"), d("2026-11-09")));
    }

    #[test]
    fn the_period_ends_after_its_last_day_and_late_is_after_it() {
        let end = d("2026-11-06");
        assert!(!ended(end, d("2026-11-06")));
        assert!(ended(end, d("2026-11-07")));
        assert!(!late(end, end));
        assert!(late(end, d("2026-11-09")));
    }

    #[test]
    fn the_grant_waits_for_the_period_and_every_objection() {
        let open = vec![Open {
            id: 2,
            code: "W2026-003".into(),
            from: "某企业".into(),
        }];
        let s = stops(d("2026-11-06"), d("2026-11-06"), &open);
        assert_eq!(s.len(), 2);
        assert!(matches!(s[0], Stop::Running { .. }));
        assert!(stops(d("2026-11-06"), d("2026-11-09"), &[]).is_empty());
        let (kept, dropped) = still_eligible(&[1, 2, 3, 4], |x| x % 2 == 0);
        assert_eq!((kept, dropped), (vec![2, 4], vec![1, 3]));
    }
}
