//! The rules of inspections and surveys: what a deduction, a count of people and a survey
//! may be, and what a new record does to the records of the same identity already on file.
//! Faults are typed; the commands put them into words.

use chrono::{Datelike, NaiveDate};

use crate::values::{Centi, halfwidth, parse_points};

/// Why a value of a finding or a survey is refused.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Fault {
    NoDeduction,
    DeductionBelowZero,
    /// Not points as written (the reason from the points' reader).
    DeductionNotPoints(String),
    NoCount,
    /// Two numbers in one cell, as "49/50".
    TwoCounts,
    NotWholeNumber,
    /// More people than one survey can ask: a slip of the keyboard.
    TooManyPeople,
    OutsideYear {
        date: NaiveDate,
        year: i32,
    },
    NobodyAsked,
    MoreSatisfiedThanAsked {
        satisfied: i64,
        total: i64,
    },
}

/// The most people one survey asks: ten million is past any port's count.
pub const MAX_PEOPLE: i64 = 9_999_999;

/// Points taken off: not negative, in hundredths at most.
pub fn deduction(raw: &str) -> Result<Centi, Fault> {
    if raw.trim().is_empty() {
        return Err(Fault::NoDeduction);
    }
    match parse_points(raw) {
        Ok(v) if v >= 0 => Ok(v),
        Ok(_) => Err(Fault::DeductionBelowZero),
        Err(e) => Err(Fault::DeductionNotPoints(e.to_string())),
    }
}

/// A count of people: a whole number, not negative, full-width digits read as half-width.
pub fn count(raw: &str) -> Result<i64, Fault> {
    let s = halfwidth(raw);
    let s = s.trim();
    if s.is_empty() {
        return Err(Fault::NoCount);
    }
    if s.contains('/') {
        return Err(Fault::TwoCounts);
    }
    if !s.bytes().all(|b| b.is_ascii_digit()) {
        return Err(Fault::NotWholeNumber);
    }
    match s.trim_start_matches('0') {
        "" => Ok(0),
        digits if digits.len() > 7 => Err(Fault::TooManyPeople),
        digits => digits.parse().map_err(|_| Fault::NotWholeNumber),
    }
}

/// The record of a term is the record of its year.
pub fn in_year(date: NaiveDate, year: i32) -> Result<(), Fault> {
    if date.year() == year {
        Ok(())
    } else {
        Err(Fault::OutsideYear { date, year })
    }
}

/// A survey asked at least one person, and no more were satisfied than were asked.
pub fn survey(satisfied: i64, total: i64) -> Result<(), Fault> {
    if total == 0 {
        Err(Fault::NobodyAsked)
    } else if satisfied > total {
        Err(Fault::MoreSatisfiedThanAsked { satisfied, total })
    } else {
        Ok(())
    }
}

/// The value a record of a given identity carries.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Value {
    Deduction(Centi),
    Counts(i64, i64),
}

/// A record on file of the same identity as a new one: its value and whether withdrawn.
pub trait OnFile {
    fn value(&self) -> Value;
    fn withdrawn(&self) -> bool;
}

/// What to do with a new record, given the records of its identity.
#[derive(Debug, PartialEq)]
pub enum Decision<'a, S> {
    Add,
    Present,
    /// The record in force has another value: refused without --replace.
    Differs(&'a S),
    /// The same as one withdrawn: refused without --replace, so that re-importing an old file
    /// does not bring back what was withdrawn.
    Withdrawn(&'a S),
    Replace(&'a S),
}

/// The records on file decide, newest first: the one in force, else one withdrawn with the
/// same value. Only `revive` (--replace on one record named at the terminal) brings back
/// what was withdrawn.
pub fn decide<S: OnFile>(stored: &[S], value: Value, replace: bool, revive: bool) -> Decision<'_, S> {
    match stored.iter().find(|s| !s.withdrawn()) {
        Some(s) if s.value() == value => Decision::Present,
        Some(s) if replace => Decision::Replace(s),
        Some(s) => Decision::Differs(s),
        None => match stored.iter().find(|s| s.value() == value) {
            Some(s) if !revive => Decision::Withdrawn(s),
            _ => Decision::Add,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, PartialEq)]
    struct Rec(i64, Value, bool);

    impl OnFile for Rec {
        fn value(&self) -> Value {
            self.1
        }
        fn withdrawn(&self) -> bool {
            self.2
        }
    }

    #[test]
    fn the_same_identity_decides_present_differs_replace_or_add() {
        let one = Value::Deduction(100);
        let two = Value::Deduction(200);
        assert_eq!(decide::<Rec>(&[], one, false, false), Decision::Add);
        let live = [Rec(3, one, false)];
        assert_eq!(decide(&live, one, false, false), Decision::Present);
        assert_eq!(decide(&live, one, true, true), Decision::Present);
        assert!(matches!(decide(&live, two, false, false), Decision::Differs(s) if s.0 == 3));
        assert!(matches!(decide(&live, two, true, true), Decision::Replace(s) if s.0 == 3));
        // Replaced before: the one in force decides; the withdrawn one is history.
        let history = [Rec(7, two, false), Rec(3, one, true)];
        assert_eq!(decide(&history, two, false, false), Decision::Present);
        assert!(matches!(decide(&history, one, false, false), Decision::Differs(s) if s.0 == 7));
        // Withdrawn and nothing in force: the same again is refused, another value is added.
        let gone = [Rec(3, one, true)];
        assert!(matches!(decide(&gone, one, false, false), Decision::Withdrawn(s) if s.0 == 3));
        assert_eq!(decide(&gone, one, true, true), Decision::Add);
        // A file with --replace replaces what is in force but leaves the withdrawn withdrawn.
        assert!(matches!(decide(&gone, one, true, false), Decision::Withdrawn(s) if s.0 == 3));
        assert_eq!(decide(&gone, two, false, false), Decision::Add);
    }

    #[test]
    fn counts_and_deductions() {
        assert_eq!(count("49"), Ok(49));
        assert_eq!(count("-1"), Err(Fault::NotWholeNumber));
        assert_eq!(count("49.5"), Err(Fault::NotWholeNumber));
        assert_eq!(count(""), Err(Fault::NoCount));
        assert_eq!(count("４９"), Ok(49));
        assert_eq!(count("000"), Ok(0));
        assert_eq!(count("49/50"), Err(Fault::TwoCounts));
        assert_eq!(count("9999999"), Ok(MAX_PEOPLE));
        assert_eq!(count("10000000"), Err(Fault::TooManyPeople));
        assert_eq!(count("0010000000"), Err(Fault::TooManyPeople));
        assert_eq!(deduction("1.5"), Ok(150));
        assert_eq!(deduction("0"), Ok(0));
        assert_eq!(deduction(" "), Err(Fault::NoDeduction));
        assert_eq!(deduction("-0.5"), Err(Fault::DeductionBelowZero));
        assert!(matches!(deduction("0.125"), Err(Fault::DeductionNotPoints(_))));
    }

    #[test]
    fn surveys_keep_their_counts() {
        assert_eq!(survey(49, 50), Ok(()));
        assert_eq!(survey(50, 50), Ok(()));
        assert_eq!(
            survey(51, 50),
            Err(Fault::MoreSatisfiedThanAsked {
                satisfied: 51,
                total: 50
            })
        );
        assert_eq!(survey(0, 0), Err(Fault::NobodyAsked));
    }

    #[test]
    fn dates_within_the_year() {
        let d = |s| crate::values::parse_date(s).unwrap();
        assert!(in_year(d("2026-01-01"), 2026).is_ok());
        assert!(in_year(d("2026-12-31"), 2026).is_ok());
        assert_eq!(
            in_year(d("2025-12-31"), 2026),
            Err(Fault::OutsideYear {
                date: d("2025-12-31"),
                year: 2026
            })
        );
        assert!(in_year(d("2027-01-01"), 2026).is_err());
    }
}
