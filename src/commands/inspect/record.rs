//! A finding or a survey on the record: the same record again adds nothing, the same record
//! with another value is refused unless replaced, and a replaced or wrong one is withdrawn,
//! never edited or deleted (the rule is `core::inspection::decide`).

use anyhow::{Context, Result};
use rusqlite::{Connection, params};
use serde_json::json;

use super::records::{Identity, Record, Table};
use super::words::{Origin, Refusal, differs, value_text, withdrawn_before};
use crate::change::Change;
use crate::commands::Ctx;
use crate::commands::common::Outcome;
use crate::core::inspection::{Decision, OnFile, Value, decide};
use crate::db::now;
use crate::load::{Withdrawal, withdrawal};
use crate::messages::say;
use crate::store::Nominee;

/// A stored record of the same identity as a new one.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct Stored {
    pub id: i64,
    pub value: Value,
    pub recorded_at: String,
    pub recorded_by: String,
    pub withdrawn: Option<Withdrawal>,
}

impl OnFile for Stored {
    fn value(&self) -> Value {
        self.value
    }
    fn withdrawn(&self) -> bool {
        self.withdrawn.is_some()
    }
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
            let reason = say!(
                en("replaced by a corrected record ({})", origin.text()),
                zh("已由更正后的记录替换（{}）", origin.text())
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
                say!(
                    en("recording a finding on {}", n.code),
                    zh("登记 {} 的检查发现", n.code)
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
                say!(
                    en("recording a survey of {}", n.code),
                    zh("登记 {} 的满意度调查", n.code)
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
                "value": value_text(old.value),
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

/// Marks a record withdrawn: who, when and why. It stays on the record and no longer counts.
pub(super) fn withdraw(tx: &Change, ctx: &Ctx, table: Table, id: i64, reason: &str) -> Result<()> {
    tx.prepare_cached(&format!(
        "UPDATE {} SET withdrawn_at = ?2, withdrawn_by = ?3, withdraw_reason = ?4 WHERE id = ?1",
        table.name()
    ))?
    .execute(params![id, now(), ctx.operator, reason])
    .with_context(|| {
        say!(
            en("withdrawing {}", table.reference(id)),
            zh("撤回 {}", table.reference(id))
        )
    })?;
    Ok(())
}
