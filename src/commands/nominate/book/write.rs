//! The writes of the book: a new nomination, a nomination brought up to what the form says,
//! and a nominee's place in the unit's year-end assessment; each on the audit record.

use anyhow::{Context, Result};
use rusqlite::params;
use serde_json::{Map, Value, json};

use super::super::entry::{Change, DETAIL_KEYS, Entry, STAFF_NO};
use super::{Book, Issue, Outcome, Stored};
use crate::core::intake;
use crate::db::now;
use crate::messages::say;
use crate::store::NominationStatus;

impl Book<'_> {
    pub(super) fn add(
        &mut self,
        e: &Entry,
        unit_id: i64,
        group_id: i64,
    ) -> Result<std::result::Result<Outcome, Vec<Issue>>> {
        let serial = 1 + self.last_serial.get(&e.category).copied().unwrap_or(0);
        // Three digits up to 999, then as many as it takes: P2026-1000 (schema.sql's CHECK).
        let code = intake::code(e.category, self.year, serial);
        let detail: [String; 7] = e.detail.clone().map(Option::unwrap_or_default);
        self.tx
            .prepare_cached(
                "INSERT INTO nomination (term, category, serial, code, name, unit_id, group_id, position, staff_no,
                   deeds, contact, phone, submitted_on, source_file, imported_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, nullif(?13, ''), ?14, ?15)",
            )?
            .execute(params![
                self.year,
                e.category,
                serial,
                code,
                e.name,
                unit_id,
                group_id,
                detail[0],
                detail[1],
                detail[2],
                detail[3],
                detail[4],
                detail[5],
                self.source,
                now()
            ])
            .with_context(|| say!(en("adding the nomination {code}"), zh("添加推荐 {code}")))?;
        let id = self.tx.last_insert_rowid();
        // A new nomination has no place on record to clear: one is written only when given.
        if !detail[6].is_empty() {
            set_unit_rank(self.tx, id, &detail[6])?;
        }
        let group = self.group_name(group_id).to_string();
        let what = json!({ "category": e.category.code(), "name": e.name, "unit": e.unit, "group": group, "file": self.source });
        self.tx.record(Some(self.year), "nomination.add", &code, what)?;
        let stored = Stored {
            id,
            category: e.category,
            serial,
            group_id,
            status: NominationStatus::Pending,
            staff_no: detail[STAFF_NO].as_str().into(),
        };
        self.remember(stored, unit_id, e.name.clone());
        Ok(Ok(Outcome::Added(e.category, code)))
    }

    /// Updates a nomination to what was given; verified or rejected, it goes back to pending,
    /// since its verification was of the old values.
    pub(super) fn replace(
        &mut self,
        i: usize,
        group_id: i64,
        mut d: [String; 7],
        diff: Vec<Change>,
    ) -> Result<Outcome> {
        let code = self.code(i);
        let s = &mut self.stored[i];
        for c in &diff {
            if let Some(k) = DETAIL_KEYS.iter().position(|k| *k == c.key) {
                d[k] = c.new.clone();
            }
        }
        s.staff_no = d[STAFF_NO].as_str().into();
        self.tx
            .prepare_cached(
                "UPDATE nomination SET group_id = ?1, position = ?2, staff_no = ?3, deeds = ?4, contact = ?5,
                   phone = ?6, submitted_on = nullif(?7, ''), status = 'pending', reasons = '', verified_at = NULL
                 WHERE id = ?8",
            )?
            .execute(params![group_id, d[0], d[1], d[2], d[3], d[4], d[5], s.id])
            .with_context(|| say!(en("updating the nomination {code}"), zh("更新推荐 {code}")))?;
        set_unit_rank(self.tx, s.id, &d[6])?;
        let mut fields = Map::new();
        for c in &diff {
            fields.insert(c.key.to_string(), json!({ "from": c.old, "to": c.new }));
        }
        let what = json!({ "changes": Value::Object(fields), "status_from": s.status.code(), "file": self.source });
        self.tx.record(Some(self.year), "nomination.replace", &code, what)?;
        s.group_id = group_id;
        s.status = NominationStatus::Pending;
        Ok(Outcome::Replaced(code))
    }
}

/// Stores a nomination's place in its unit's year-end assessment ("3/120"; "" for none).
fn set_unit_rank(conn: &rusqlite::Connection, nomination: i64, rank: &str) -> Result<()> {
    match super::super::entry::parse_unit_rank(rank) {
        Ok((n, of)) => {
            conn.prepare_cached(
                "INSERT INTO nomination_unit_rank (nomination, place, of_count) VALUES (?1, ?2, ?3)
                 ON CONFLICT (nomination) DO UPDATE SET place = excluded.place, of_count = excluded.of_count
                 WHERE place IS NOT excluded.place OR of_count IS NOT excluded.of_count",
            )?
            .execute(params![nomination, n, of])
            .context("recording the place in the unit's assessment")?;
        }
        Err(_) => {
            conn.prepare_cached("DELETE FROM nomination_unit_rank WHERE nomination = ?1")?
                .execute([nomination])
                .context("clearing the place in the unit's assessment")?;
        }
    }
    Ok(())
}
