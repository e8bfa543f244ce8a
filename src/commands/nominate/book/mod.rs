//! The organisation and the term's nominations as one import or `add` sees them: the rules
//! that decide whether an entry is new, already present, a change, or refused (`Refusal`, in
//! `core::intake`); the writes are in `write`.

mod write;

use std::collections::HashMap;

use anyhow::{Context, Result};

use super::entry::{Change, Entry, changes, same_staff};
use crate::core::intake::{self, Refusal};
use crate::store::NominationStatus;
use crate::values::Category;

/// A problem with an entry: the column (or flag) it concerns, if one, and what is wrong.
pub struct Issue {
    pub key: Option<&'static str>,
    pub message: String,
}

fn issue(key: &'static str, why: Refusal) -> Issue {
    Issue {
        key: Some(key),
        message: why.to_string(),
    }
}

/// What became of an entry.
pub enum Outcome {
    Added(Category, String),
    Present(String),
    Replaced(String),
}

struct UnitInfo {
    id: i64,
    group_id: i64,
    has_window: bool,
}

/// A nomination on record, as far as identity goes. Its details are read from the record
/// when an entry names it (`details`): a term of a hundred thousand nominations is not
/// held in memory whole. Its name is the key it is found by (`Book::by_name`), and its code
/// follows from its category and serial (the table's CHECK), so neither is kept twice.
struct Stored {
    id: i64,
    serial: i64,
    group_id: i64,
    category: Category,
    status: NominationStatus,
    staff_no: Box<str>,
}

/// A nomination as read from the record, to be kept.
struct Loaded {
    stored: Stored,
    unit_id: i64,
    name: String,
}

/// The organisation and the term's nominations, kept up to date as entries are written.
pub struct Book<'a> {
    tx: &'a crate::change::Change<'a>,
    year: i32,
    source: String,
    replace: bool,
    units: HashMap<String, UnitInfo>,
    groups: HashMap<String, i64>,
    group_names: HashMap<i64, String>,
    stored: Vec<Stored>,
    /// The stored nominations by unit, category and name: the nominee an entry may name
    /// (mostly one).
    by_name: HashMap<(i64, Category, String), Vec<u32>>,
    /// The highest serial on record per category.
    last_serial: HashMap<Category, i64>,
}

impl<'a> Book<'a> {
    pub fn load(tx: &'a crate::change::Change<'a>, year: i32, source: String, replace: bool) -> Result<Book<'a>> {
        let mut groups = HashMap::new();
        for r in tx
            .prepare("SELECT name, id FROM org_group")?
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        {
            let (name, id): (String, i64) = r?;
            groups.insert(name, id);
        }
        let mut units = HashMap::new();
        for r in tx
            .prepare("SELECT name, id, group_id, has_window FROM unit")?
            .query_map([], |r| {
                let info = UnitInfo {
                    id: r.get(1)?,
                    group_id: r.get(2)?,
                    has_window: r.get(3)?,
                };
                Ok((r.get::<_, String>(0)?, info))
            })?
        {
            let (name, info) = r?;
            units.insert(name, info);
        }
        let stored = tx
            .prepare(
                "SELECT id, code, category, name, unit_id, group_id, status, staff_no, serial
                 FROM nomination WHERE term = ?1 ORDER BY id",
            )?
            .query_map([year], |r| {
                Ok(Loaded {
                    stored: Stored {
                        id: r.get(0)?,
                        category: r.get(2)?,
                        serial: r.get(8)?,
                        group_id: r.get(5)?,
                        status: r.get(6)?,
                        staff_no: r.get::<_, String>(7)?.into_boxed_str(),
                    },
                    unit_id: r.get(4)?,
                    name: r.get(3)?,
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()
            .context(crate::i18n::tr("reading the term's nominations", "读取本届推荐"))?;
        let group_names = groups.iter().map(|(n, id)| (*id, n.clone())).collect();
        let mut book = Book {
            tx,
            year,
            source,
            replace,
            units,
            groups,
            group_names,
            stored: Vec::with_capacity(stored.len()),
            by_name: HashMap::with_capacity(stored.len()),
            last_serial: HashMap::new(),
        };
        stored
            .into_iter()
            .for_each(|l| book.remember(l.stored, l.unit_id, l.name));
        Ok(book)
    }

    /// Keeps a nomination on record in the book and its indexes.
    fn remember(&mut self, s: Stored, unit_id: i64, name: String) {
        let last = self.last_serial.entry(s.category).or_default();
        *last = (*last).max(s.serial);
        let at = self.stored.len() as u32;
        self.by_name
            .entry((unit_id, s.category, name))
            .or_insert_with(|| Vec::with_capacity(1))
            .push(at);
        self.stored.push(s);
    }

    /// The code of a stored nomination: W2026-001, P2026-1000.
    fn code(&self, i: usize) -> String {
        let s = &self.stored[i];
        intake::code(s.category, self.year, s.serial)
    }

    /// The details of a stored nomination, as on record now.
    fn details(&self, i: usize) -> Result<[String; 7]> {
        self.tx
            .prepare_cached(
                "SELECT position, staff_no, deeds, contact, phone, coalesce(submitted_on, ''),
                        coalesce((SELECT place || '/' || of_count FROM nomination_unit_rank WHERE nomination = n.id), '')
                 FROM nomination n WHERE id = ?1",
            )?
            .query_row([self.stored[i].id], |r| {
                Ok([r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?, r.get(6)?])
            })
            .with_context(|| format!("reading the nomination {}", self.code(i)))
    }

    fn group_name(&self, id: i64) -> &str {
        self.group_names.get(&id).map(String::as_str).unwrap_or("?")
    }

    /// Checks an entry against the organisation and the record, and writes what it adds or
    /// changes. The outer error is a database failure; the inner, the entry's problems.
    pub fn take(&mut self, e: &Entry) -> Result<std::result::Result<Outcome, Vec<Issue>>> {
        let Some(unit) = self.units.get(&e.unit) else {
            let near = crate::values::near(&e.unit, self.units.keys().map(String::as_str)).map(str::to_string);
            let name = e.unit.clone();
            return Ok(Err(vec![issue("unit", Refusal::NoUnit { name, near })]));
        };
        let (unit_id, unit_group, has_window) = (unit.id, unit.group_id, unit.has_window);
        let group_id = match &e.group {
            None => unit_group,
            Some(g) => match self.groups.get(g) {
                Some(id) => *id,
                None => {
                    let near = crate::values::near(g, self.groups.keys().map(String::as_str)).map(str::to_string);
                    let name = g.clone();
                    return Ok(Err(vec![issue("group", Refusal::NoGroup { name, near })]));
                }
            },
        };
        let found = match self.find(e, unit_id) {
            Ok(found) => found,
            Err(issue) => return Ok(Err(vec![issue])),
        };
        let details = found.map(|i| self.details(i)).transpose()?;
        let mut diff = match &details {
            Some(d) => changes(&e.detail, d),
            None => Vec::new(),
        };
        if let Some(i) = found.filter(|&i| self.stored[i].group_id != group_id) {
            let old = self.group_name(self.stored[i].group_id).to_string();
            let new = self.group_name(group_id).to_string();
            diff.insert(0, Change { key: "group", old, new });
        }
        if let Some(i) = found.filter(|_| diff.is_empty()) {
            return Ok(Ok(Outcome::Present(self.code(i))));
        }
        // Only what adds or changes the record is held to the organisation's rules.
        let mut issues = Vec::new();
        if group_id != unit_group {
            let (unit, group) = (e.unit.clone(), self.group_name(unit_group).to_string());
            issues.push(issue("group", Refusal::NotInGroup { unit, group }));
        }
        if e.category == Category::Window && !has_window {
            issues.push(issue("unit", Refusal::NoWindow { unit: e.unit.clone() }));
        }
        if let Some(i) = found {
            issues.extend(self.refuse_change(i, &diff));
        }
        if !issues.is_empty() {
            return Ok(Err(issues));
        }
        match (found, details) {
            (Some(i), Some(details)) => self.replace(i, group_id, details, diff).map(Ok),
            _ => self.add(e, unit_id, group_id),
        }
    }

    /// The nomination on record for the same nominee, if there is one; more than one is
    /// ambiguous, and the staff number must tell them apart.
    fn find(&self, e: &Entry, unit_id: i64) -> std::result::Result<Option<usize>, Issue> {
        // Found by unit, category and name: the same nominee if the staff numbers agree.
        let same_name = self.by_name.get(&(unit_id, e.category, e.name.clone()));
        let matches: Vec<usize> = same_name
            .into_iter()
            .flatten()
            .map(|&i| i as usize)
            .filter(|&i| same_staff(e.staff_no(), &self.stored[i].staff_no))
            .collect();
        if matches.len() > 1 {
            let codes = matches.iter().map(|&i| self.code(i)).collect();
            return Err(issue("staff_no", Refusal::Ambiguous { codes }));
        }
        Ok(matches.first().copied())
    }

    /// Why a change to a nomination on record is refused, if it is.
    fn refuse_change(&self, i: usize, diff: &[Change]) -> Vec<Issue> {
        let s = &self.stored[i];
        let code = self.code(i);
        if s.status == NominationStatus::Withdrawn {
            return vec![Issue {
                key: None,
                message: Refusal::Withdrawn { code }.to_string(),
            }];
        }
        if self.replace {
            return Vec::new();
        }
        diff.iter()
            .map(|c| {
                let (code, old) = (code.clone(), c.old.clone());
                issue(c.key, Refusal::Differs { code, old })
            })
            .collect()
    }
}
