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
use crate::messages::say;

/// A fault in the given language.
pub(super) fn fault_text(f: &Fault, l: Lang) -> String {
    let zh = l == Lang::Zh;
    let pick = |en: String, zh_text: String| if zh { zh_text } else { en };
    let semi = if zh { "；" } else { "; " };
    let points = pick(
        "accepted: points not below 0, e.g. 1 or 0.5".into(),
        "应为不小于 0 的分数，如 1 或 0.5".into(),
    );
    match f {
        Fault::NoDeduction => pick(
            format!("no deduction given{semi}{points}"),
            format!("未填写扣分{semi}{points}"),
        ),
        Fault::DeductionBelowZero => pick(format!("below 0{semi}{points}"), format!("小于 0{semi}{points}")),
        Fault::DeductionNotPoints(why) => format!("{why}{semi}{points}"),
        Fault::NoCount => pick("no number given".into(), "未填写人数".into()),
        Fault::TwoCounts => pick(
            "one number per cell: put those satisfied under satisfied/满意人数 and those asked under total/调查人数"
                .into(),
            "每格填一个数：满意人数填在“满意人数”列，调查人数填在“调查人数”列".into(),
        ),
        Fault::NotWholeNumber => pick(
            "expected a whole number of people, 0 or more".into(),
            "应为不小于 0 的整数人数".into(),
        ),
        Fault::TooManyPeople => pick(
            format!(
                "too many people for one survey (at most {}); check the number",
                grouped(MAX_PEOPLE)
            ),
            format!("一次调查人数过多（最多 {MAX_PEOPLE} 人），请核对"),
        ),
        Fault::OutsideYear { date, year } => pick(
            format!("{date} is not in the {year} term's year ({year}-01-01 to {year}-12-31)"),
            format!("{date} 不在 {year} 届的年度内（{year}-01-01 至 {year}-12-31）"),
        ),
        Fault::NobodyAsked => pick(
            "nobody was asked: the total must be above 0".into(),
            "调查人数为 0：调查人数须大于 0".into(),
        ),
        Fault::MoreSatisfiedThanAsked { satisfied, total } => pick(
            format!("{satisfied} satisfied is more than the {total} asked"),
            format!("满意人数 {satisfied} 多于调查人数 {total}"),
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
    fn rates_are_exact() {
        assert_eq!(rate_text(49, 50), "49/50 = 98%");
        assert_eq!(rate_text(2, 3), "2/3 = 66.6666…%");
    }
}
