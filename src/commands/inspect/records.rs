//! A finding or a survey as the clerk gives it, and what identifies it on the record: a
//! finding by kind, date, inspector and finding; a survey by its date.

use chrono::NaiveDate;
use serde_json::json;

use crate::commands::common::FindingKind;
use crate::core::inspection::{self, Fault, Value};
use crate::load::{finding_ref, survey_ref};
use crate::values::{Centi, fmt_points};

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
    pub fn check(&self) -> Result<(), Fault> {
        inspection::survey(self.satisfied, self.total)
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

    pub fn value(&self) -> Value {
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
}

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub(super) enum Identity {
    Finding(FindingKind, NaiveDate, String, String),
    Survey(Option<NaiveDate>),
}

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
    pub fn name(self) -> &'static str {
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
