//! `inspect withdraw ID --reason TEXT`: a wrong finding or survey is withdrawn, never edited or
//! deleted; it stays on the record with who, when and why, and no longer counts.

use anyhow::{Context, Result, bail};
use rusqlite::{Connection, OptionalExtension};
use serde_json::json;

use super::record::withdraw;
use super::records::{Finding, Record, Survey, Table, stored_date};
use crate::commands::Ctx;
use crate::commands::common::summary_prefix;
use crate::i18n::tr;
use crate::load::{Withdrawal, withdrawal};
use crate::messages::say;
use crate::output::say;
use crate::store::{self, other_term};

/// A record as the clerk names it: `F12`, `S3`, or a bare number.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Named {
    One(Table, i64),
    Either(i64),
}

fn parse(raw: &str) -> Option<Named> {
    let s = raw.trim().trim_start_matches('#');
    let (table, digits) = match s.chars().next()? {
        'F' | 'f' => (Some(Table::Finding), &s[1..]),
        'S' | 's' => (Some(Table::Survey), &s[1..]),
        _ => (None, s),
    };
    let id: i64 = digits.trim().parse().ok().filter(|&id| id > 0)?;
    Some(match table {
        Some(t) => Named::One(t, id),
        None => Named::Either(id),
    })
}

/// A finding or survey as stored, with its nomination and term.
struct Found {
    table: Table,
    id: i64,
    term: i32,
    code: String,
    name: String,
    record: Record,
    withdrawn: Option<Withdrawal>,
}

impl Found {
    fn reference(&self) -> String {
        self.table.reference(self.id)
    }
}

fn find(conn: &Connection, table: Table, id: i64) -> Result<Option<Found>> {
    let sql = match table {
        Table::Finding => {
            "SELECT n.term, n.code, n.name, f.withdrawn_at, f.withdrawn_by, f.withdraw_reason,
                    f.kind, f.date, f.inspector, f.finding, f.deduction
             FROM finding f JOIN nomination n ON n.id = f.nomination WHERE f.id = ?1"
        }
        Table::Survey => {
            "SELECT n.term, n.code, n.name, s.withdrawn_at, s.withdrawn_by, s.withdraw_reason,
                    s.date, s.satisfied, s.total
             FROM survey s JOIN nomination n ON n.id = s.nomination WHERE s.id = ?1"
        }
    };
    let found = conn
        .prepare_cached(sql)?
        .query_row([id], |r| {
            let record = match table {
                Table::Finding => Record::Finding(Finding {
                    kind: r.get(6)?,
                    date: stored_date(r, 7)?,
                    inspector: r.get(8)?,
                    finding: r.get(9)?,
                    deduction: r.get(10)?,
                }),
                Table::Survey => Record::Survey(Survey {
                    date: match r.get::<_, Option<String>>(6)? {
                        Some(_) => Some(stored_date(r, 6)?),
                        None => None,
                    },
                    satisfied: r.get(7)?,
                    total: r.get(8)?,
                }),
            };
            Ok(Found {
                table,
                id,
                term: r.get(0)?,
                code: r.get(1)?,
                name: r.get(2)?,
                record,
                withdrawn: withdrawal(r, 3)?,
            })
        })
        .optional()
        .context(crate::i18n::tr("reading the record", "读取记录"))?;
    Ok(found)
}

fn see_list() -> &'static str {
    tr("see `pingxuan inspect list`", "请查看 `pingxuan inspect list`")
}

/// The record named, in the term; the error says what would be accepted.
fn resolve(conn: &Connection, year: i32, raw: &str) -> Result<Found> {
    let Some(named) = parse(raw) else {
        bail!(
            "{}",
            say!(
                en(
                    "\"{raw}\": a record is named as `pingxuan inspect list` shows it: F12 for a finding, S3 for a survey"
                ),
                zh("\"{raw}\": 请按 `pingxuan inspect list` 中的序号指明记录：检查发现如 F12，满意度调查如 S3")
            )
        );
    };
    let candidates = match named {
        Named::One(t, id) => vec![find(conn, t, id)?],
        Named::Either(id) => vec![find(conn, Table::Finding, id)?, find(conn, Table::Survey, id)?],
    };
    let (here, elsewhere): (Vec<Found>, Vec<Found>) = candidates.into_iter().flatten().partition(|f| f.term == year);
    match (here.len(), named) {
        (1, _) => Ok(here.into_iter().next().expect("one record")),
        (0, _) => {
            if let Some(f) = elsewhere.first() {
                bail!("{}", other_term(&f.reference(), f.term));
            }
            let shown = match named {
                Named::One(t, id) => t.reference(id),
                Named::Either(id) => id.to_string(),
            };
            bail!(
                "{}",
                say!(
                    en(
                        "there is no finding or survey {shown} in the {year} term; {}",
                        see_list()
                    ),
                    zh("{year} 届没有检查发现或满意度调查 {shown}；{}", see_list())
                )
            );
        }
        _ => {
            let each: Vec<String> = here
                .iter()
                .map(|f| format!("{} ({} {}: {})", f.reference(), f.code, f.name, f.record.describe()))
                .collect();
            bail!(
                "{}",
                say!(
                    en("\"{raw}\" could be {}; give the letter", each.join(" or ")),
                    zh("“{raw}”可能是 {}；请加上字母", each.join(" 或 "))
                )
            );
        }
    }
}

pub(super) fn run(ctx: &Ctx, raw: &str, reason: &str, dry_run: bool) -> Result<()> {
    let reason = reason.trim();
    if reason.is_empty() {
        bail!(
            "{}",
            say!(
                en("--reason: say why the record is withdrawn"),
                zh("--reason: 请写明撤销该记录的理由")
            )
        );
    }
    let tx = ctx.change()?;
    let term = store::writable_term(&tx, ctx)?;
    let found = resolve(&tx, term.year, raw)?;
    let r = found.reference();
    if let Some(w) = &found.withdrawn {
        bail!(
            "{}",
            say!(
                en(
                    "{r} on {} was already withdrawn on {} by {} ({})",
                    found.code,
                    w.at,
                    w.by,
                    w.reason
                ),
                zh("{} 的 {r} 已于 {} 由 {} 撤销（{}）", found.code, w.at, w.by, w.reason)
            )
        );
    }
    withdraw(&tx, ctx, found.table, found.id, reason)?;
    let mut detail = found.record.json();
    detail["record"] = json!(r);
    detail["reason"] = json!(reason);
    tx.record(Some(term.year), "inspect.withdraw", &found.code, detail)?;
    tx.finish(dry_run)?;
    let counts = match found.table {
        Table::Finding => tr("it no longer counts in the inspection score", "不再计入检查得分"),
        Table::Survey => tr("it no longer counts in the satisfaction", "不再计入满意度"),
    };
    say(&say!(
        en(
            "{}withdrew {r} ({} {}: {}): {reason}; {counts}",
            summary_prefix(dry_run),
            found.code,
            found.name,
            found.record.describe()
        ),
        zh(
            "{}已撤销 {r}（{} {}：{}）：{reason}；{counts}",
            summary_prefix(dry_run),
            found.code,
            found.name,
            found.record.describe()
        )
    ));
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn records_are_named_with_or_without_their_letter() {
        assert_eq!(parse("F12"), Some(Named::One(Table::Finding, 12)));
        assert_eq!(parse(" s3 "), Some(Named::One(Table::Survey, 3)));
        assert_eq!(parse("#F7"), Some(Named::One(Table::Finding, 7)));
        assert_eq!(parse("12"), Some(Named::Either(12)));
        assert_eq!(parse("X12"), None);
        assert_eq!(parse("F"), None);
        assert_eq!(parse("F0"), None);
        assert_eq!(parse("F-1"), None);
        assert_eq!(parse(""), None);
    }
}
