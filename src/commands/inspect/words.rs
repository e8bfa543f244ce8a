//! Inspections and surveys in words: the faults of a value, a record described, and why a
//! record is refused, in the language of the messages.

use std::fmt;

use serde_json::json;

use crate::core::assess::Satisfaction;
use crate::core::inspection::{Fault, MAX_PEOPLE, Value};
use crate::i18n::{Lang, lang, tr};
use crate::store::Nominee;
use crate::values::fmt_points;

use super::record::Stored;
use super::records::{Record, Table};
use crate::messages::{pick, say};

/// A fault in the given language.
pub(super) fn fault_text(f: &Fault, l: Lang) -> String {
    let semi = pick(l, "; ", "；");
    let points = pick(
        l,
        "accepted: points not below 0, e.g. 1 or 0.5",
        "应为不小于 0 的分数，如 1 或 0.5",
    );
    match f {
        Fault::NoDeduction => say!(l; en("no deduction given{semi}{points}"), zh("未填写扣分{semi}{points}")),
        Fault::DeductionBelowZero => say!(l; en("below 0{semi}{points}"), zh("小于 0{semi}{points}")),
        Fault::DeductionNotPoints(why) => format!("{why}{semi}{points}"),
        Fault::NoCount => pick(l, "no number given", "未填写人数").to_string(),
        Fault::TwoCounts => pick(
            l,
            "one number per cell: put those satisfied under satisfied/满意人数 and those asked under total/调查人数",
            "每格填一个数：满意人数填在“满意人数”列，调查人数填在“调查人数”列",
        )
        .to_string(),
        Fault::NotWholeNumber => pick(
            l,
            "expected a whole number of people, 0 or more",
            "应为不小于 0 的整数人数",
        )
        .to_string(),
        Fault::TooManyPeople => say!(l;
            en("too many people for one survey (at most {}); check the number", grouped(MAX_PEOPLE)),
            zh("一次调查人数过多（最多 {MAX_PEOPLE} 人），请核对")
        ),
        Fault::OutsideYear { date, year } => say!(l;
            en("{date} is not in the {year} term's year ({year}-01-01 to {year}-12-31)"),
            zh("{date} 不在 {year} 届的年度内（{year}-01-01 至 {year}-12-31）")
        ),
        Fault::NobodyAsked => pick(
            l,
            "nobody was asked: the total must be above 0",
            "调查人数为 0：调查人数须大于 0",
        )
        .to_string(),
        Fault::MoreSatisfiedThanAsked { satisfied, total } => say!(l;
            en("{satisfied} satisfied is more than the {total} asked"),
            zh("满意人数 {satisfied} 多于调查人数 {total}")
        ),
    }
}

/// A number with its thousands grouped, as English writes it: 9,999,999.
fn grouped(n: i64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// A fault in the language of the messages.
impl fmt::Display for Fault {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&fault_text(self, lang()))
    }
}

/// "49/50 = 98%", exact: a rate that does not end is cut with "…".
pub(super) fn rate_text(satisfied: i64, total: i64) -> String {
    Satisfaction { satisfied, total }.ratio_text()
}

/// A record's value in words: "deduction 1.5", "49/50 = 98%".
pub(super) fn value_text(v: Value) -> String {
    match v {
        Value::Deduction(d) => format!("{} {}", tr("deduction", "扣分"), fmt_points(d)),
        Value::Counts(s, t) => rate_text(s, t),
    }
}

impl Record {
    /// The record in words, for a message: "covert visit 2026-10-26 包干区保洁不到位, deduction 1".
    pub fn describe(&self) -> String {
        match self {
            Record::Finding(f) => format!(
                "{} {} {}{}{} {}",
                f.kind.label(),
                f.date,
                f.finding,
                tr(", ", "，"),
                tr("deduction", "扣分"),
                fmt_points(f.deduction)
            ),
            Record::Survey(s) => format!(
                "{} {}{}",
                tr("satisfaction survey", "满意度调查"),
                s.date.map(|d| format!("{d} ")).unwrap_or_default(),
                rate_text(s.satisfied, s.total)
            ),
        }
    }
}

/// The clerk's refusal of one record, and the column (or flag) it is about.
pub(super) struct Refusal {
    pub key: Option<&'static str>,
    pub message: String,
}

/// Where a record came from: a line of a file, or a command.
pub(super) enum Origin<'a> {
    Line(&'a str, u64),
    Command(&'static str),
}

impl Origin<'_> {
    pub(super) fn json(&self) -> serde_json::Value {
        match self {
            Origin::Line(file, line) => json!({ "file": file, "line": line }),
            Origin::Command(c) => json!({ "via": c }),
        }
    }
    pub(super) fn text(&self) -> String {
        match self {
            Origin::Line(file, line) => say!(en("{file}, line {line}"), zh("{file} 第 {line} 行")),
            Origin::Command(c) => format!("pingxuan {c}"),
        }
    }
}

/// The record in force has another value.
pub(super) fn differs(n: &Nominee, rec: &Record, table: Table, s: &Stored) -> Refusal {
    let r = table.reference(s.id);
    let (old, at, by) = (value_text(s.value), &s.recorded_at, &s.recorded_by);
    let (key, message) = match rec {
        Record::Finding(_) => (
            "deduction",
            say!(
                en(
                    "{} has this finding on record as {r} with {old} (recorded {at} by {by}); to correct it give --replace",
                    n.code
                ),
                zh(
                    "{} 已有此条检查发现 {r}，{old}（{at} 由 {by} 录入）；如需更正请加 --replace",
                    n.code
                )
            ),
        ),
        Record::Survey(new) => {
            let key = match s.value {
                Value::Counts(satisfied, _) if satisfied == new.satisfied => "total",
                _ => "satisfied",
            };
            let message = match new.date {
                Some(d) => say!(
                    en(
                        "{} has the survey of {d} on record as {r}: {old} (recorded {at} by {by}); to correct it give --replace",
                        n.code
                    ),
                    zh(
                        "{} 已有 {d} 的满意度调查 {r}：{old}（{at} 由 {by} 录入）；如需更正请加 --replace",
                        n.code
                    )
                ),
                None => say!(
                    en(
                        "{} has an undated survey on record as {r}: {old} (recorded {at} by {by}); to correct it give --replace; a second survey needs its date",
                        n.code
                    ),
                    zh(
                        "{} 已有一次未注明日期的满意度调查 {r}：{old}（{at} 由 {by} 录入）；如需更正请加 --replace；如是另一次调查，请填写日期",
                        n.code
                    )
                ),
            };
            (key, message)
        }
    };
    Refusal {
        key: Some(key),
        message,
    }
}

/// The same record was withdrawn before.
pub(super) fn withdrawn_before(table: Table, s: &Stored) -> Refusal {
    let r = table.reference(s.id);
    let w = s.withdrawn.clone().unwrap_or_default();
    Refusal {
        key: None,
        message: say!(
            en(
                "the same as {r}, which was withdrawn on {} by {} ({}); to record it again, give this command --replace",
                w.at,
                w.by,
                w.reason
            ),
            zh(
                "与已撤销的 {r} 相同（{} 由 {} 撤销：{}）；如需重新录入，请对本条命令加 --replace",
                w.at,
                w.by,
                w.reason
            )
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::inspection;

    #[test]
    fn faults_read_in_either_language() {
        let two = inspection::count("49/50").unwrap_err();
        assert!(fault_text(&two, Lang::En).contains("one number per cell"));
        assert!(fault_text(&two, Lang::Zh).contains("每格填一个数"));
        let below = inspection::deduction("-0.5").unwrap_err();
        assert_eq!(
            fault_text(&below, Lang::En),
            "below 0; accepted: points not below 0, e.g. 1 or 0.5"
        );
        assert_eq!(fault_text(&below, Lang::Zh), "小于 0；应为不小于 0 的分数，如 1 或 0.5");
        let many = inspection::count("10000000").unwrap_err();
        assert!(fault_text(&many, Lang::En).contains("at most 9,999,999"));
        assert!(fault_text(&many, Lang::Zh).contains("最多 9999999 人"));
    }

    #[test]
    fn every_fault_has_its_chinese() {
        let date = chrono::NaiveDate::from_ymd_opt(2025, 12, 31).unwrap();
        let all = [
            Fault::NoDeduction,
            Fault::DeductionBelowZero,
            Fault::DeductionNotPoints("not a number of points".into()),
            Fault::NoCount,
            Fault::TwoCounts,
            Fault::NotWholeNumber,
            Fault::TooManyPeople,
            Fault::OutsideYear { date, year: 2026 },
            Fault::NobodyAsked,
            Fault::MoreSatisfiedThanAsked {
                satisfied: 51,
                total: 50,
            },
        ];
        for f in &all {
            // Every variant is listed here: a new one fails to compile this match.
            match f {
                Fault::NoDeduction
                | Fault::DeductionBelowZero
                | Fault::DeductionNotPoints(_)
                | Fault::NoCount
                | Fault::TwoCounts
                | Fault::NotWholeNumber
                | Fault::TooManyPeople
                | Fault::OutsideYear { .. }
                | Fault::NobodyAsked
                | Fault::MoreSatisfiedThanAsked { .. } => {}
            }
            let (en, zh) = (fault_text(f, Lang::En), fault_text(f, Lang::Zh));
            assert!(
                zh.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
                "{f:?}: {zh}"
            );
            assert_ne!(en, zh, "{f:?}");
        }
    }

    #[test]
    fn rates_are_exact() {
        assert_eq!(rate_text(49, 50), "49/50 = 98%");
        assert_eq!(rate_text(2, 3), "2/3 = 66.6666…%");
    }
}
