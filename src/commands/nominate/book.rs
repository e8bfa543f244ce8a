//! The organisation and the term's nominations as one import or `add` sees them: the rules
//! that decide whether an entry is new, already present, a change, or refused, and the writes.

use std::collections::HashMap;

use anyhow::{Context, Result};
use rusqlite::params;
use serde_json::{Map, Value, json};

use super::entry::{Change, DETAIL_KEYS, Entry, STAFF_NO, changes, same_staff};
use crate::db::now;
use crate::i18n::{Lang, lang};
use crate::messages::say;
use crate::store::NominationStatus;
use crate::values::Category;

/// A problem with an entry: the column (or flag) it concerns, if one, and what is wrong.
pub struct Issue {
    pub key: Option<&'static str>,
    pub message: String,
}

fn issue(key: &'static str, message: impl Into<String>) -> Issue {
    Issue {
        key: Some(key),
        message: message.into(),
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
        code_of(s.category, self.year, s.serial)
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
            let near = crate::values::near(&e.unit, self.units.keys().map(String::as_str));
            return Ok(Err(vec![issue("unit", no_such("unit", &e.unit, near))]));
        };
        let (unit_id, unit_group, has_window) = (unit.id, unit.group_id, unit.has_window);
        let group_id = match &e.group {
            None => unit_group,
            Some(g) => match self.groups.get(g) {
                Some(id) => *id,
                None => {
                    let near = crate::values::near(g, self.groups.keys().map(String::as_str));
                    return Ok(Err(vec![issue("group", no_such("group", g, near))]));
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
            let msg = not_in_group(&e.unit, self.group_name(unit_group));
            issues.push(issue("group", msg));
        }
        if e.category == Category::Window && !has_window {
            issues.push(issue("unit", no_window(&e.unit)));
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
            let codes: Vec<String> = matches.iter().map(|&i| self.code(i)).collect();
            let codes: Vec<&str> = codes.iter().map(String::as_str).collect();
            return Err(issue("staff_no", ambiguous(&codes)));
        }
        Ok(matches.first().copied())
    }

    /// Why a change to a nomination on record is refused, if it is.
    fn refuse_change(&self, i: usize, diff: &[Change]) -> Vec<Issue> {
        let s = &self.stored[i];
        let code = self.code(i);
        if s.status == NominationStatus::Withdrawn {
            let msg = say!(
                en("{code} is withdrawn; its record does not change"),
                zh("{code} 已撤回，记录不再更改")
            );
            return vec![Issue {
                key: None,
                message: msg,
            }];
        }
        if self.replace {
            return Vec::new();
        }
        diff.iter().map(|c| issue(c.key, differs(&code, &c.old))).collect()
    }

    fn add(&mut self, e: &Entry, unit_id: i64, group_id: i64) -> Result<std::result::Result<Outcome, Vec<Issue>>> {
        let serial = 1 + self.last_serial.get(&e.category).copied().unwrap_or(0);
        // Three digits up to 999, then as many as it takes: P2026-1000 (schema.sql's CHECK).
        let code = code_of(e.category, self.year, serial);
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
    fn replace(&mut self, i: usize, group_id: i64, mut d: [String; 7], diff: Vec<Change>) -> Result<Outcome> {
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

/// A nomination's code: three digits up to 999, then as many as it takes (P2026-1000), as
/// the nomination table's CHECK has it.
fn code_of(category: Category, year: i32, serial: i64) -> String {
    format!("{}{year}-{serial:03}", category.letter())
}

fn no_such(what: &str, name: &str, near: Option<&str>) -> String {
    if let Some(near) = near {
        return match lang() {
            Lang::En => format!("there is no {what} {name}; did you mean {near}?"),
            Lang::Zh => format!(
                "没有{} {name}；是否指“{near}”？",
                if what == "unit" { "单位" } else { "片组" }
            ),
        };
    }
    match (lang(), what) {
        (Lang::En, "unit") => {
            format!("there is no unit {name}; add it with `pingxuan org add-unit` or `pingxuan org import`")
        }
        (Lang::En, _) => format!("there is no group {name}; see `pingxuan org list`"),
        (Lang::Zh, "unit") => format!("没有单位 {name}；请先用 `pingxuan org add-unit` 或 `pingxuan org import` 添加"),
        (Lang::Zh, _) => format!("没有片组 {name}；请查看 `pingxuan org list`"),
    }
}

fn not_in_group(unit: &str, group: &str) -> String {
    match lang() {
        Lang::En => format!("the unit {unit} belongs to {group}, not to this group"),
        Lang::Zh => format!("单位 {unit} 属于 {group}，不属于该片组"),
    }
}

fn no_window(unit: &str) -> String {
    match lang() {
        Lang::En => format!("the unit {unit} has no external window (对外窗口); a window nomination needs one"),
        Lang::Zh => format!("单位 {unit} 没有对外窗口，不能推荐示范窗口"),
    }
}

fn ambiguous(codes: &[&str]) -> String {
    match lang() {
        Lang::En => format!(
            "several nominees of this name in the unit ({}); give the staff number (工号)",
            codes.join(", ")
        ),
        Lang::Zh => format!("该单位有多个同名推荐对象（{}），请填写工号", codes.join("、")),
    }
}

fn differs(code: &str, old: &str) -> String {
    let mut shown: String = old.chars().take(30).collect();
    if shown.chars().count() < old.chars().count() {
        shown.push('…');
    }
    match lang() {
        Lang::En => format!("{code} has \"{shown}\" on record; to update it use --replace"),
        Lang::Zh => format!("{code} 登记的是“{shown}”；如需更新请加 --replace"),
    }
}

/// Stores a nomination's place in its unit's year-end assessment ("3/120"; "" for none).
fn set_unit_rank(conn: &rusqlite::Connection, nomination: i64, rank: &str) -> Result<()> {
    match super::entry::parse_unit_rank(rank) {
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
