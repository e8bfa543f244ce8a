//! The term's nominations as stored, with their unit and group, for listing and verifying.

use anyhow::{Context, Result};
use rusqlite::Connection;

use crate::store::NominationStatus;
use crate::values::Category;

/// One nomination with everything `show`, `list` and `verify` need.
#[derive(Clone, Debug)]
pub struct Record {
    pub id: i64,
    pub code: String,
    pub category: Category,
    pub name: String,
    pub unit: String,
    /// The group that sent it.
    pub group: String,
    /// The group the unit belongs to now.
    pub unit_group: String,
    pub unit_has_window: bool,
    pub position: String,
    pub staff_no: String,
    pub deeds: String,
    pub contact: String,
    pub phone: String,
    pub submitted_on: Option<String>,
    pub source_file: String,
    pub imported_at: String,
    pub status: NominationStatus,
    /// Rejection codes.
    pub reasons: Vec<String>,
    pub verified_at: Option<String>,
    pub withdrawn_reason: Option<String>,
    /// The place in the unit's year-end assessment, and of how many.
    pub unit_rank: Option<(u32, u32)>,
}

impl Record {
    /// Why it stands where it does, in words: the rejection reasons, or the withdrawal's reason.
    pub fn why(&self) -> Vec<String> {
        self.why_in(crate::i18n::lang())
    }

    /// Why it is rejected or withdrawn, in a language (the clerk's reason as written).
    pub fn why_in(&self, lang: crate::i18n::Lang) -> Vec<String> {
        match self.status {
            NominationStatus::Rejected => self
                .reasons
                .iter()
                .map(|r| crate::messages::verify::rejection_label(r, lang).to_string())
                .collect(),
            NominationStatus::Withdrawn => self.withdrawn_reason.iter().cloned().collect(),
            _ => Vec::new(),
        }
    }

    /// Why, in the run's language for people and in English for scripts.
    pub fn why_cell(&self) -> crate::output::Cell {
        crate::output::Cell::Words {
            shown: self.why(),
            data: self.why_in(crate::i18n::Lang::En),
        }
    }
}

/// How much of each nomination to read.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Detail {
    /// Everything, for `nominate show`.
    Full,
    /// What a listing and the verification use: the long texts of the form (position, deeds,
    /// contact, phone, source file, import time) are left empty, except that the deeds say
    /// whether there are any ("…" when there are). A term of 100 000 forms then fits in a
    /// fraction of the memory.
    Brief,
}

/// Every nomination of the term, windows first, each in code order.
pub fn load(conn: &Connection, year: i32) -> Result<Vec<Record>> {
    load_with(conn, year, Detail::Full)
}

/// Every nomination of the term, in the detail asked for.
pub fn load_with(conn: &Connection, year: i32, detail: Detail) -> Result<Vec<Record>> {
    let texts = match detail {
        Detail::Full => "n.position, n.deeds, n.contact, n.phone, n.source_file, n.imported_at",
        Detail::Brief => "'', CASE WHEN trim(n.deeds) = '' THEN '' ELSE '…' END, '', '', '', ''",
    };
    let mut st = conn.prepare_cached(&format!(
        "SELECT n.id, n.code, n.category, n.name, u.name, g.name, ug.name, u.has_window,
                n.staff_no, {texts}, n.submitted_on,
                n.status, n.reasons, n.verified_at, n.withdrawn_reason, r.place, r.of_count
         FROM nomination n
         LEFT JOIN nomination_unit_rank r ON r.nomination = n.id
         JOIN unit u ON u.id = n.unit_id
         JOIN org_group g ON g.id = n.group_id
         JOIN org_group ug ON ug.id = u.group_id
         WHERE n.term = ?1
         ORDER BY n.category = 'individual', n.serial"
    ))?;
    let rows = st.query_map([year], |r| {
        let reasons: String = r.get(17)?;
        Ok(Record {
            id: r.get(0)?,
            code: r.get(1)?,
            category: r.get(2)?,
            name: r.get(3)?,
            unit: r.get(4)?,
            group: r.get(5)?,
            unit_group: r.get(6)?,
            unit_has_window: r.get(7)?,
            staff_no: r.get(8)?,
            position: r.get(9)?,
            deeds: r.get(10)?,
            contact: r.get(11)?,
            phone: r.get(12)?,
            source_file: r.get(13)?,
            imported_at: r.get(14)?,
            submitted_on: r.get(15)?,
            status: r.get(16)?,
            reasons: reasons.split(',').filter(|s| !s.is_empty()).map(String::from).collect(),
            verified_at: r.get(18)?,
            withdrawn_reason: r.get(19)?,
            unit_rank: r.get::<_, Option<u32>>(20)?.zip(r.get::<_, Option<u32>>(21)?),
        })
    })?;
    rows.collect::<rusqlite::Result<Vec<_>>>()
        .context(crate::i18n::tr("reading the nominations", "读取推荐"))
}
