//! A finding or a survey and its identity on the record: the same record again adds nothing,
//! the same record with another value is refused unless replaced, and a replaced or wrong one
//! is withdrawn, never edited or deleted.

use anyhow::{Context, Result};
use chrono::{Datelike, NaiveDate};
use rusqlite::{Connection, params};
use serde_json::json;

use crate::change::Change;
use crate::commands::Ctx;
use crate::commands::common::{FindingKind, Outcome, semi};
use crate::core::assess::Satisfaction;
use crate::db::now;
use crate::i18n::{Lang, both, lang, tr};
use crate::load::{Withdrawal, finding_ref, survey_ref, withdrawal};
use crate::store::Nominee;
use crate::values::{Centi, fmt_points, parse_points};

// ---- the records -----------------------------------------------------------------------

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub(super) struct Finding {
    pub kind: FindingKind,
    pub date: NaiveDate,
    pub inspector: String,
    pub finding: String,
    pub deduction: Centi,
}

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub(super) struct Survey {
    pub date: Option<NaiveDate>,
    pub satisfied: i64,
    pub total: i64,
}

impl Survey {
    /// At least one person asked, and no more satisfied than asked.
    pub fn check(&self) -> std::result::Result<(), String> {
        if self.total == 0 {
            return Err(tr(
                "nobody was asked: the total must be above 0",
                "调查人数为 0：调查人数须大于 0",
            )
            .to_string());
        }
        if self.satisfied > self.total {
            return Err(match lang() {
                Lang::En => format!("{} satisfied is more than the {} asked", self.satisfied, self.total),
                Lang::Zh => format!("满意人数 {} 多于调查人数 {}", self.satisfied, self.total),
            });
        }
        Ok(())
    }
}

pub(super) enum Record {
    Finding(Finding),
    Survey(Survey),
}

impl Record {
    /// What identifies the record within a nomination: a finding by kind, date, inspector and
    /// finding; a survey by its date (a nomination has one undated survey at most).
    pub fn identity(&self) -> Identity {
        match self {
            Record::Finding(f) => Identity::Finding(f.kind, f.date, f.inspector.clone(), f.finding.clone()),
            Record::Survey(s) => Identity::Survey(s.date),
        }
    }

    fn value(&self) -> Value {
        match self {
            Record::Finding(f) => Value::Deduction(f.deduction),
            Record::Survey(s) => Value::Counts(s.satisfied, s.total),
        }
    }

    /// The record's fields for the audit record.
    pub fn json(&self) -> serde_json::Value {
        match self {
            Record::Finding(f) => json!({
                "kind": f.kind.code(), "date": f.date.to_string(), "inspector": f.inspector,
                "finding": f.finding, "deduction": fmt_points(f.deduction),
            }),
            Record::Survey(s) => json!({
                "date": s.date.map(|d| d.to_string()), "satisfied": s.satisfied, "total": s.total,
            }),
        }
    }

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

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub(super) enum Identity {
    Finding(FindingKind, NaiveDate, String, String),
    Survey(Option<NaiveDate>),
}

/// The value a record of a given identity carries.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Value {
    Deduction(Centi),
    Counts(i64, i64),
}

impl Value {
    fn text(self) -> String {
        match self {
            Value::Deduction(d) => format!("{} {}", tr("deduction", "扣分"), fmt_points(d)),
            Value::Counts(s, t) => rate_text(s, t),
        }
    }
}

/// "49/50 = 98%", exact: a rate that does not end is cut with "…".
pub(super) fn rate_text(satisfied: i64, total: i64) -> String {
    Satisfaction { satisfied, total }.ratio_text()
}

/// Points taken off: not negative, in hundredths at most.
pub(super) fn check_deduction(raw: &str) -> std::result::Result<Centi, String> {
    let accepted = tr(
        "accepted: points not below 0, e.g. 1 or 0.5",
        "应为不小于 0 的分数，如 1 或 0.5",
    );
    if raw.trim().is_empty() {
        return Err(format!(
            "{}{}{accepted}",
            tr("no deduction given", "未填写扣分"),
            semi()
        ));
    }
    match parse_points(raw) {
        Ok(v) if v >= 0 => Ok(v),
        Ok(_) => Err(format!("{}{}{accepted}", tr("below 0", "小于 0"), semi())),
        Err(e) => Err(format!("{e}{}{accepted}", semi())),
    }
}

/// A count of people: a whole number, not negative.
pub(super) fn check_count(raw: &str) -> std::result::Result<i64, String> {
    let s = crate::values::halfwidth(raw);
    let s = s.trim();
    if s.is_empty() {
        return Err(tr("no number given", "未填写人数").to_string());
    }
    if s.contains('/') {
        return Err(tr(
            "one number per cell: put those satisfied under satisfied/满意人数 and those asked under total/调查人数",
            "每格填一个数：满意人数填在“满意人数”列，调查人数填在“调查人数”列",
        )
        .to_string());
    }
    if !s.bytes().all(|b| b.is_ascii_digit()) {
        return Err(tr(
            "expected a whole number of people, 0 or more",
            "应为不小于 0 的整数人数",
        )
        .to_string());
    }
    // A survey asks people one by one: ten million is past any port's count, and a number
    // that long is a slip of the keyboard.
    if s.trim_start_matches('0').len() > 7 {
        return Err(tr(
            "too many people for one survey (at most 9,999,999); check the number",
            "一次调查人数过多（最多 9999999 人），请核对",
        )
        .to_string());
    }
    s.parse::<i64>().map_err(|e| e.to_string())
}

/// The record of a term is the record of its year.
pub(super) fn check_in_year(date: NaiveDate, year: i32) -> std::result::Result<(), String> {
    if date.year() == year {
        return Ok(());
    }
    Err(match lang() {
        Lang::En => format!("{date} is not in the {year} term's year ({year}-01-01 to {year}-12-31)"),
        Lang::Zh => format!("{date} 不在 {year} 届的年度内（{year}-01-01 至 {year}-12-31）"),
    })
}

// ---- the record on file ------------------------------------------------------------------

/// A date as stored: checked by the schema, so a bad one is a damaged database.
pub(super) fn stored_date(r: &rusqlite::Row<'_>, idx: usize) -> rusqlite::Result<NaiveDate> {
    let s: String = r.get(idx)?;
    NaiveDate::parse_from_str(&s, "%Y-%m-%d")
        .map_err(|e| rusqlite::Error::FromSqlConversionFailure(idx, rusqlite::types::Type::Text, Box::new(e)))
}

/// Findings or surveys: the two tables that are withdrawn alike.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Table {
    Finding,
    Survey,
}

impl Table {
    fn name(self) -> &'static str {
        match self {
            Table::Finding => "finding",
            Table::Survey => "survey",
        }
    }
    /// `F12`, `S3`.
    pub fn reference(self, id: i64) -> String {
        match self {
            Table::Finding => finding_ref(id),
            Table::Survey => survey_ref(id),
        }
    }
}

/// A stored record of the same identity as a new one.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Stored {
    id: i64,
    value: Value,
    recorded_at: String,
    recorded_by: String,
    withdrawn: Option<Withdrawal>,
}

fn stored_row(r: &rusqlite::Row<'_>, value: Value) -> rusqlite::Result<Stored> {
    Ok(Stored {
        id: r.get(0)?,
        value,
        recorded_at: r.get(1)?,
        recorded_by: r.get(2)?,
        withdrawn: withdrawal(r, 3)?,
    })
}

/// Every record of the nomination with the identity, withdrawn ones too, newest first.
fn same_identity(tx: &Connection, nomination: i64, id: &Identity) -> Result<Vec<Stored>> {
    const COMMON: &str = "id, recorded_at, recorded_by, withdrawn_at, withdrawn_by, withdraw_reason";
    let rows = match id {
        Identity::Finding(kind, date, inspector, finding) => tx
            .prepare_cached(&format!(
                "SELECT {COMMON}, deduction FROM finding WHERE nomination = ?1 AND kind = ?2 AND date = ?3
                 AND inspector = ?4 AND finding = ?5 ORDER BY id DESC"
            ))?
            .query_map(
                params![nomination, kind.code(), date.to_string(), inspector, finding],
                |r| stored_row(r, Value::Deduction(r.get(6)?)),
            )?
            .collect::<rusqlite::Result<Vec<_>>>(),
        Identity::Survey(date) => tx
            .prepare_cached(&format!(
                "SELECT {COMMON}, satisfied, total FROM survey WHERE nomination = ?1 AND date IS ?2 ORDER BY id DESC"
            ))?
            .query_map(params![nomination, date.map(|d| d.to_string())], |r| {
                stored_row(r, Value::Counts(r.get(6)?, r.get(7)?))
            })?
            .collect::<rusqlite::Result<Vec<_>>>(),
    };
    rows.context(crate::i18n::tr("reading the records on file", "读取已登记的记录"))
}

/// What to do with a new record, given the records of its identity.
#[derive(Debug, PartialEq)]
enum Decision<'a> {
    Add,
    Present,
    /// The record in force has another value: refused without --replace.
    Differs(&'a Stored),
    /// The same as one withdrawn: refused without --replace, so that re-importing an old file
    /// does not bring back what was withdrawn.
    Withdrawn(&'a Stored),
    Replace(&'a Stored),
}

fn decide(stored: &[Stored], value: Value, replace: bool, revive: bool) -> Decision<'_> {
    match stored.iter().find(|s| s.withdrawn.is_none()) {
        Some(s) if s.value == value => Decision::Present,
        Some(s) if replace => Decision::Replace(s),
        Some(s) => Decision::Differs(s),
        None => match stored.iter().find(|s| s.value == value) {
            // Brought back only by --replace on one record named at the terminal (`revive`).
            Some(s) if !revive => Decision::Withdrawn(s),
            _ => Decision::Add,
        },
    }
}

// ---- recording ---------------------------------------------------------------------------

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
    fn json(&self) -> serde_json::Value {
        match self {
            Origin::Line(file, line) => json!({ "file": file, "line": line }),
            Origin::Command(c) => json!({ "via": c }),
        }
    }
    fn text(&self) -> String {
        match self {
            Origin::Line(file, line) => both(format!("{file}, line {line}"), format!("{file} 第 {line} 行")),
            Origin::Command(c) => format!("pingxuan {c}"),
        }
    }
}

/// Records a finding or a survey of the nominee, or says why not.
pub(super) fn record(
    tx: &Change,
    ctx: &Ctx,
    year: i32,
    n: &Nominee,
    rec: &Record,
    origin: &Origin<'_>,
    replace: bool,
) -> Result<std::result::Result<Outcome, Refusal>> {
    let stored = same_identity(tx, n.id, &rec.identity())?;
    let value = rec.value();
    let table = match rec {
        Record::Finding(_) => Table::Finding,
        Record::Survey(_) => Table::Survey,
    };
    // A file never brings back what was withdrawn, --replace or not; one record named at
    // the terminal with --replace does.
    let from_file = matches!(origin, Origin::Line(..));
    let replaced = match decide(&stored, value, replace, replace && !from_file) {
        Decision::Present => return Ok(Ok(Outcome::Present)),
        Decision::Differs(s) => return Ok(Err(differs(n, rec, table, s))),
        Decision::Withdrawn(_) if from_file => return Ok(Ok(Outcome::LeftWithdrawn)),
        Decision::Withdrawn(s) => return Ok(Err(withdrawn_before(table, s))),
        Decision::Add => None,
        Decision::Replace(s) => {
            let reason = both(
                format!("replaced by a corrected record ({})", origin.text()),
                format!("已由更正后的记录替换（{}）", origin.text()),
            );
            withdraw(tx, ctx, table, s.id, &reason)?;
            Some(s)
        }
    };
    let at = now();
    match rec {
        Record::Finding(f) => tx
            .prepare_cached(
                "INSERT INTO finding (nomination, kind, date, inspector, finding, deduction, recorded_at, recorded_by)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            )?
            .execute(params![
                n.id,
                f.kind.code(),
                f.date.to_string(),
                f.inspector,
                f.finding,
                f.deduction,
                at,
                ctx.operator
            ])
            .with_context(|| {
                crate::i18n::both(
                    format!("recording a finding on {}", n.code),
                    format!("登记 {} 的检查发现", n.code),
                )
            })?,
        Record::Survey(s) => tx
            .prepare_cached(
                "INSERT INTO survey (nomination, date, satisfied, total, recorded_at, recorded_by)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            )?
            .execute(params![
                n.id,
                s.date.map(|d| d.to_string()),
                s.satisfied,
                s.total,
                at,
                ctx.operator
            ])
            .with_context(|| {
                crate::i18n::both(
                    format!("recording a survey of {}", n.code),
                    format!("登记 {} 的满意度调查", n.code),
                )
            })?,
    };
    let id = tx.last_insert_rowid();
    let mut detail = rec.json();
    let action = match table {
        Table::Finding => {
            detail["finding_id"] = json!(id);
            "inspect.finding"
        }
        Table::Survey => {
            detail["survey_id"] = json!(id);
            "inspect.survey"
        }
    };
    detail["record"] = json!(table.reference(id));
    detail["origin"] = origin.json();
    let action = match replaced {
        Some(old) => {
            detail["replaced"] = json!({
                "record": table.reference(old.id),
                "value": old.value.text(),
                "recorded_at": old.recorded_at,
                "recorded_by": old.recorded_by,
            });
            format!("{action}.replace")
        }
        None => action.to_string(),
    };
    tx.record(Some(year), &action, &n.code, detail)?;
    Ok(Ok(if replaced.is_some() {
        Outcome::Replaced
    } else {
        Outcome::Added
    }))
}

/// The record in force has another value.
fn differs(n: &Nominee, rec: &Record, table: Table, s: &Stored) -> Refusal {
    let r = table.reference(s.id);
    let (old, at, by) = (s.value.text(), &s.recorded_at, &s.recorded_by);
    let (key, message) = match rec {
        Record::Finding(_) => (
            "deduction",
            both(
                format!(
                    "{} has this finding on record as {r} with {old} (recorded {at} by {by}); to correct it give --replace",
                    n.code
                ),
                format!(
                    "{} 已有此条检查发现 {r}，{old}（{at} 由 {by} 录入）；如需更正请加 --replace",
                    n.code
                ),
            ),
        ),
        Record::Survey(new) => {
            let key = match s.value {
                Value::Counts(satisfied, _) if satisfied == new.satisfied => "total",
                _ => "satisfied",
            };
            let message = match new.date {
                Some(d) => both(
                    format!(
                        "{} has the survey of {d} on record as {r}: {old} (recorded {at} by {by}); to correct it give --replace",
                        n.code
                    ),
                    format!(
                        "{} 已有 {d} 的满意度调查 {r}：{old}（{at} 由 {by} 录入）；如需更正请加 --replace",
                        n.code
                    ),
                ),
                None => both(
                    format!(
                        "{} has an undated survey on record as {r}: {old} (recorded {at} by {by}); to correct it give --replace; a second survey needs its date",
                        n.code
                    ),
                    format!(
                        "{} 已有一次未注明日期的满意度调查 {r}：{old}（{at} 由 {by} 录入）；如需更正请加 --replace；如是另一次调查，请填写日期",
                        n.code
                    ),
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
fn withdrawn_before(table: Table, s: &Stored) -> Refusal {
    let r = table.reference(s.id);
    let w = s.withdrawn.clone().unwrap_or_default();
    Refusal {
        key: None,
        message: both(
            format!(
                "the same as {r}, which was withdrawn on {} by {} ({}); to record it again, give this command --replace",
                w.at, w.by, w.reason
            ),
            format!(
                "与已撤销的 {r} 相同（{} 由 {} 撤销：{}）；如需重新录入，请对本条命令加 --replace",
                w.at, w.by, w.reason
            ),
        ),
    }
}

/// Marks a record withdrawn: who, when and why. It stays on the record and no longer counts.
pub(super) fn withdraw(tx: &Change, ctx: &Ctx, table: Table, id: i64, reason: &str) -> Result<()> {
    tx.prepare_cached(&format!(
        "UPDATE {} SET withdrawn_at = ?2, withdrawn_by = ?3, withdraw_reason = ?4 WHERE id = ?1",
        table.name()
    ))?
    .execute(params![id, now(), ctx.operator, reason])
    .with_context(|| {
        crate::i18n::both(
            format!("withdrawing {}", table.reference(id)),
            format!("撤回 {}", table.reference(id)),
        )
    })?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stored(id: i64, value: Value, withdrawn: bool) -> Stored {
        Stored {
            id,
            value,
            recorded_at: "2026-11-01 09:00:00".into(),
            recorded_by: "tester".into(),
            withdrawn: withdrawn.then(|| Withdrawal {
                at: "2026-11-02 09:00:00".into(),
                by: "tester".into(),
                reason: "wrong".into(),
            }),
        }
    }

    #[test]
    fn the_same_identity_decides_present_differs_replace_or_add() {
        let one = Value::Deduction(100);
        let two = Value::Deduction(200);
        assert_eq!(decide(&[], one, false, false), Decision::Add);
        let live = [stored(3, one, false)];
        assert_eq!(decide(&live, one, false, false), Decision::Present);
        assert_eq!(decide(&live, one, true, true), Decision::Present);
        assert!(matches!(decide(&live, two, false, false), Decision::Differs(s) if s.id == 3));
        assert!(matches!(decide(&live, two, true, true), Decision::Replace(s) if s.id == 3));
        // Replaced before: the one in force decides; the withdrawn one is history.
        let history = [stored(7, two, false), stored(3, one, true)];
        assert_eq!(decide(&history, two, false, false), Decision::Present);
        assert!(matches!(decide(&history, one, false, false), Decision::Differs(s) if s.id == 7));
        // Withdrawn and nothing in force: the same again is refused, another value is added.
        let gone = [stored(3, one, true)];
        assert!(matches!(decide(&gone, one, false, false), Decision::Withdrawn(s) if s.id == 3));
        assert_eq!(decide(&gone, one, true, true), Decision::Add);
        // A file with --replace replaces what is in force but leaves the withdrawn withdrawn.
        assert!(matches!(decide(&gone, one, true, false), Decision::Withdrawn(s) if s.id == 3));
        assert_eq!(decide(&gone, two, false, false), Decision::Add);
    }

    #[test]
    fn counts_and_deductions() {
        assert_eq!(check_count("49"), Ok(49));
        assert!(check_count("-1").is_err());
        assert!(check_count("49.5").is_err());
        assert!(check_count("").is_err());
        assert_eq!(check_count("４９"), Ok(49));
        assert!(check_count("49/50").unwrap_err().contains("one number per cell"));
        assert_eq!(check_deduction("1.5"), Ok(150));
        assert_eq!(check_deduction("0"), Ok(0));
        assert!(check_deduction("-0.5").is_err());
        assert!(check_deduction("0.125").is_err());
    }

    #[test]
    fn surveys_keep_their_counts() {
        let s = |satisfied, total| Survey {
            date: None,
            satisfied,
            total,
        };
        assert!(s(49, 50).check().is_ok());
        assert!(s(50, 50).check().is_ok());
        assert!(s(51, 50).check().is_err());
        assert!(s(0, 0).check().is_err());
        assert_eq!(rate_text(49, 50), "49/50 = 98%");
        assert_eq!(rate_text(2, 3), "2/3 = 66.6666…%");
    }

    #[test]
    fn dates_within_the_year() {
        let d = |s| crate::values::parse_date(s).unwrap();
        assert!(check_in_year(d("2026-01-01"), 2026).is_ok());
        assert!(check_in_year(d("2026-12-31"), 2026).is_ok());
        assert!(check_in_year(d("2025-12-31"), 2026).is_err());
        assert!(check_in_year(d("2027-01-01"), 2026).is_err());
    }
}
