//! 公示: the notice period of the proposed awards, in working days, and what stops the grant
//! that follows it.

use std::collections::BTreeSet;

use chrono::{Datelike, Duration, NaiveDate, Weekday};

/// The statutory holidays that fall on the same date every year (《全国年节及纪念日放假办法》):
/// New Year's Day, 1–2 May and 1–3 October. The lunar festivals (春节, 清明, 端午, 中秋) move
/// with the calendar, and the State Council's yearly arrangement adds bridge days and turns
/// some weekend days into working days (调休): those the clerk names, as `Calendar` takes them.
pub fn fixed_holiday(d: NaiveDate) -> bool {
    matches!(
        (d.month(), d.day()),
        (1, 1) | (5, 1) | (5, 2) | (10, 1) | (10, 2) | (10, 3)
    )
}

/// Why a day is not a working day.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Off {
    Weekend,
    /// One of the holidays with a fixed date.
    Statutory,
    /// Named a holiday by the clerk (a lunar festival, a bridge day of the year's arrangement).
    Named,
}

/// The working days: Monday to Friday, less the fixed statutory holidays and the days named
/// as holidays, plus the weekend days named as working days (调休).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Calendar {
    pub holidays: BTreeSet<NaiveDate>,
    pub workdays: BTreeSet<NaiveDate>,
}

impl Calendar {
    /// Why `d` is not a working day; None when it is one.
    pub fn off(&self, d: NaiveDate) -> Option<Off> {
        if self.workdays.contains(&d) {
            None
        } else if matches!(d.weekday(), Weekday::Sat | Weekday::Sun) {
            Some(Off::Weekend)
        } else if self.holidays.contains(&d) {
            Some(Off::Named)
        } else if fixed_holiday(d) {
            Some(Off::Statutory)
        } else {
            None
        }
    }

    pub fn is_working_day(&self, d: NaiveDate) -> bool {
        self.off(d).is_none()
    }

    /// The holidays (not the weekends) from `first` to `last`, both included: what the period
    /// skipped besides Saturdays and Sundays, for the clerk to see.
    pub fn holidays_within(&self, first: NaiveDate, last: NaiveDate) -> Vec<NaiveDate> {
        first
            .iter_days()
            .take_while(|d| *d <= last)
            .filter(|&d| matches!(self.off(d), Some(Off::Statutory | Off::Named)))
            .collect()
    }

    /// The notice period: `days` working days from `from` (that day counting when it is a
    /// working day; otherwise it begins on the next one). Returns the first and the last day.
    pub fn period(&self, from: NaiveDate, days: u32) -> (NaiveDate, NaiveDate) {
        let mut d = from;
        while !self.is_working_day(d) {
            d += Duration::days(1);
        }
        let start = d;
        let mut left = days.max(1) - 1;
        while left > 0 {
            d += Duration::days(1);
            if self.is_working_day(d) {
                left -= 1;
            }
        }
        (start, d)
    }
}

/// A day or a span of days as the clerk writes it: `2026-10-01` or `2026-10-01..2026-10-08`
/// (both ends included). None when it is neither, or the span runs backwards or past a year.
pub fn days_of(text: &str) -> Option<Vec<NaiveDate>> {
    let date = |s: &str| NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d").ok();
    let (first, last) = match text.split_once("..") {
        Some((a, b)) => (date(a)?, date(b)?),
        None => (date(text)?, date(text)?),
    };
    if last < first || (last - first).num_days() > 366 {
        return None;
    }
    Some(first.iter_days().take_while(|d| *d <= last).collect())
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

    fn period(from: NaiveDate, days: u32) -> (NaiveDate, NaiveDate) {
        Calendar::default().period(from, days)
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
    fn the_fixed_statutory_holidays_are_skipped() {
        // Wednesday 2026-09-30, then Thu 1 Oct and Fri 2 Oct are holidays, then the weekend:
        // Wed 30 Sep, Mon 5, Tue 6, Wed 7, Thu 8 Oct.
        assert_eq!(period(d("2026-09-30"), 5), (d("2026-09-30"), d("2026-10-08")));
        // Starting on New Year's Day (a Friday in 2027) begins on the Monday after.
        assert_eq!(period(d("2027-01-01"), 1), (d("2027-01-04"), d("2027-01-04")));
        assert_eq!(
            Calendar::default().holidays_within(d("2026-04-30"), d("2026-05-06")),
            [d("2026-05-01")],
            "2 May 2026 is a Saturday: a weekend, not named again as a holiday"
        );
    }

    #[test]
    fn named_holidays_and_weekend_working_days_follow_the_years_arrangement() {
        let cal = Calendar {
            holidays: days_of("2026-10-01..2026-10-08").unwrap().into_iter().collect(),
            workdays: [d("2026-10-10")].into_iter().collect(),
        };
        // From Wed 30 Sep: 30 Sep, then 9 Oct (Fri), 10 Oct (a Saturday worked), 12, 13 Oct.
        assert_eq!(cal.period(d("2026-09-30"), 5), (d("2026-09-30"), d("2026-10-13")));
        assert_eq!(cal.off(d("2026-10-05")), Some(Off::Named));
        assert_eq!(cal.off(d("2026-10-10")), None);
        assert_eq!(cal.off(d("2026-10-11")), Some(Off::Weekend));
        // The holidays on weekdays: 1, 2, 5, 6, 7, 8 October.
        assert_eq!(cal.holidays_within(d("2026-09-30"), d("2026-10-13")).len(), 6);
    }

    #[test]
    fn days_are_written_one_or_as_a_span() {
        assert_eq!(days_of("2026-10-01"), Some(vec![d("2026-10-01")]));
        assert_eq!(days_of(" 2026-02-15 .. 2026-02-17 ").map(|v| v.len()), Some(3));
        assert_eq!(days_of("2026-10-08..2026-10-01"), None, "backwards");
        assert_eq!(days_of("2026-10-01..2028-10-01"), None, "more than a year");
        assert_eq!(days_of("10/1"), None);
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
