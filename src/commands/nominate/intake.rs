//! `nominate import` and `nominate add`: one set of rules for a file row and for a nomination
//! typed by hand. Good rows are written as they are read, inside the one transaction, which is
//! dropped if any row is bad or on --dry-run.

use std::collections::HashMap;

use anyhow::{Result, bail};

use super::AddArgs;
use super::book::{Book, Outcome};
use super::entry::{COLUMNS, DETAIL_KEYS, Entry, SUBMITTED_ON, same_staff};
use crate::commands::Ctx;
use crate::commands::common::ImportFile;
use crate::csvin::{self, CsvFile};
use crate::i18n::{Lang, lang};
use crate::messages::say;
use crate::output::say;
use crate::progress::Progress;
use crate::store::writable_term;
use crate::values::Category;

fn duplicate(line: u64) -> String {
    match lang() {
        Lang::En => format!("names the same nominee as line {line}"),
        Lang::Zh => format!("与第 {line} 行是同一推荐对象"),
    }
}

/// What one import did or would do.
#[derive(Default)]
struct Counts {
    /// Per category: how many were added, the first code and the last.
    added: Vec<(Category, usize, String, String)>,
    present: usize,
    replaced: usize,
    refused: usize,
}

impl Counts {
    fn count(&mut self, o: Outcome) {
        match o {
            Outcome::Added(c, code) => match self.added.iter_mut().find(|a| a.0 == c) {
                Some(a) => {
                    a.1 += 1;
                    a.3 = code;
                }
                None => self.added.push((c, 1, code.clone(), code)),
            },
            Outcome::Present(_) => self.present += 1,
            Outcome::Replaced(_) => self.replaced += 1,
        }
    }

    /// "added 12 (W2026-001–W2026-004, P2026-001–P2026-008), already present 3, …"
    fn summary(&self, what: &str, nothing_written: bool) -> String {
        let ranges: Vec<String> = Category::ALL
            .iter()
            .filter_map(|cat| match self.added.iter().find(|a| a.0 == *cat)? {
                (_, 1, one, _) => Some(one.clone()),
                (_, _, first, last) => Some(format!("{first}–{last}")),
            })
            .collect();
        let ranges = if ranges.is_empty() {
            String::new()
        } else {
            format!(" ({})", ranges.join(", "))
        };
        let a: usize = self.added.iter().map(|a| a.1).sum();
        let (p, r, x) = (self.present, self.replaced, self.refused);
        match (lang(), nothing_written) {
            (Lang::En, false) => format!("{what}: added {a}{ranges}, already present {p}, replaced {r}, refused {x}"),
            (Lang::En, true) => format!(
                "{what}: nothing was written; would add {a}{ranges}, already present {p}, would replace {r}, refused {x}"
            ),
            (Lang::Zh, false) => format!("{what}：新增 {a}{ranges}，已存在 {p}，更新 {r}，拒绝 {x}"),
            (Lang::Zh, true) => format!("{what}：未写入任何数据；将新增 {a}{ranges}，已存在 {p}，将更新 {r}，拒绝 {x}"),
        }
    }
}

pub fn import(ctx: &Ctx, input: &ImportFile, replace: bool) -> Result<()> {
    let dry_run = input.dry_run;
    let file = input.read(COLUMNS)?;
    let source = input
        .file
        .file_name()
        .map(|f| f.to_string_lossy().into_owned())
        .unwrap_or_default();
    let tx = ctx.change()?;
    let term = writable_term(&tx, ctx)?;
    let mut book = Book::load(&tx, term.year, source, replace)?;
    let mut problems = file.problems();
    let mut counts = Counts::default();
    let mut seen = Seen::default();
    let mut dated: Vec<String> = Vec::new();
    let mut progress = Progress::new(file.row_count());
    for row in file.rows() {
        progress.tick();
        let row = &row;
        let entry = match Entry::from_row(&file, row) {
            Ok(e) => e,
            Err(found) => {
                counts.refused += 1;
                found.into_iter().for_each(|p| problems.push(p));
                continue;
            }
        };
        match take_row(&mut book, &file, row, &entry, &seen)? {
            Ok(outcome) => {
                if !matches!(outcome, Outcome::Present(_)) {
                    dated.extend(entry.detail[SUBMITTED_ON].clone().filter(|d| !d.is_empty()));
                }
                counts.count(outcome)
            }
            Err(found) => {
                counts.refused += 1;
                found.into_iter().for_each(|p| problems.push(p));
            }
        }
        seen.note(entry, row.line);
    }
    drop(progress);
    let summary = counts.summary(&file.describe(), dry_run || !problems.is_empty());
    if !problems.is_empty() {
        say(&summary);
        return problems.into_result();
    }
    tx.finish(dry_run)?;
    say(&summary);
    if let Some(w) = other_year_warning(&dated, term.year, dry_run, lang()) {
        say(&w);
    }
    Ok(())
}

/// A warning when every form taken in is dated in another year than the term's: the term was
/// probably the default, not the one meant. Forms without a date say nothing.
fn other_year_warning(dates: &[String], year: i32, dry_run: bool, lang: Lang) -> Option<String> {
    let mut years: Vec<i32> = dates.iter().filter_map(|d| d.get(..4)?.parse().ok()).collect();
    years.sort_unstable();
    years.dedup();
    if years.is_empty() || years.contains(&year) {
        return None;
    }
    let shown = years
        .iter()
        .map(|y| y.to_string())
        .collect::<Vec<_>>()
        .join(crate::messages::pick(lang, " and ", " 和 "));
    let last = years[years.len() - 1];
    Some(match (lang, dry_run) {
        (Lang::En, false) => format!(
            "warning: the forms are dated {shown} but went into the {year} term; if that is wrong, withdraw them (`pingxuan nominate withdraw CODE --reason TEXT`) and import the file again with --term {last}"
        ),
        (Lang::En, true) => format!(
            "warning: the forms are dated {shown} but would go into the {year} term; if that is wrong, add --term {last}"
        ),
        (Lang::Zh, false) => format!(
            "警告：推荐表的报送日期在 {shown} 年，却录入了 {year} 届；如有误，请撤回这些推荐（`pingxuan nominate withdraw 编号 --reason 理由`），再加 --term {last} 重新导入"
        ),
        (Lang::Zh, true) => {
            format!("警告：推荐表的报送日期在 {shown} 年，却将录入 {year} 届；如有误，请加 --term {last}")
        }
    })
}

/// A staff number given on a row, and the row's line.
type StaffLine = (Box<str>, u64);

/// The nominees of the rows read so far, by unit, category and name: each staff number given
/// with the line it was on.
/// The units by number: a unit's name is kept once, not once a row.
/// Mostly one row a nominee: each list starts with room for one.
#[derive(Default)]
struct Seen {
    rows: HashMap<(u32, Category, String), Vec<StaffLine>>,
    units: HashMap<String, u32>,
}

impl Seen {
    fn note(&mut self, e: Entry, line: u64) {
        let staff: Box<str> = e.staff_no().into();
        let next = self.units.len() as u32;
        let unit = *self.units.entry(e.unit).or_insert(next);
        self.rows
            .entry((unit, e.category, e.name))
            .or_insert_with(|| Vec::with_capacity(1))
            .push((staff, line));
    }

    /// The line of an earlier row naming the same nominee, if any.
    fn earlier(&self, e: &Entry) -> Option<u64> {
        let unit = *self.units.get(&e.unit)?;
        let rows = self.rows.get(&(unit, e.category, e.name.clone()))?;
        rows.iter()
            .find(|(staff, _)| same_staff(staff, e.staff_no()))
            .map(|(_, line)| *line)
    }
}

/// One row's entry, checked against the rows before it in the file and then the record.
fn take_row(
    book: &mut Book,
    file: &CsvFile,
    row: &csvin::Row,
    entry: &Entry,
    seen: &Seen,
) -> Result<std::result::Result<Outcome, Vec<csvin::Problem>>> {
    if let Some(line) = seen.earlier(entry) {
        return Ok(Err(vec![file.problem(row, "name", duplicate(line))]));
    }
    Ok(book.take(entry)?.map_err(|issues| {
        issues
            .into_iter()
            .map(|i| match i.key {
                Some(key) => file.problem(row, key, i.message),
                None => file.row_problem(row, i.message),
            })
            .collect()
    }))
}

pub fn add(ctx: &Ctx, args: AddArgs) -> Result<()> {
    let entry = Entry::from_flags(&args)?;
    let tx = ctx.change()?;
    let term = writable_term(&tx, ctx)?;
    let mut book = Book::load(&tx, term.year, String::new(), args.replace)?;
    let outcome = match book.take(&entry)? {
        Ok(o) => o,
        Err(issues) => {
            let lines: Vec<String> = issues
                .into_iter()
                .map(|i| match i.key {
                    Some(key) => format!(
                        "--{} \"{}\": {}",
                        key.replace('_', "-"),
                        flag_value(&entry, key),
                        i.message
                    ),
                    None => i.message,
                })
                .collect();
            bail!(lines.join("\n  "));
        }
    };
    tx.finish(false)?;
    say(&match outcome {
        Outcome::Added(_, code) => say!(en("added {code}"), zh("已新增 {code}")),
        Outcome::Present(code) => say!(en("{code}: already present, unchanged"), zh("{code}：已存在，未更改")),
        Outcome::Replaced(code) => say!(
            en("{code}: updated; it is pending verification again"),
            zh("{code}：已更新，待重新核对")
        ),
    });
    Ok(())
}

fn flag_value<'e>(e: &'e Entry, key: &str) -> &'e str {
    match key {
        "unit" => &e.unit,
        "name" => &e.name,
        "category" => e.category.code(),
        "group" => e.group.as_deref().unwrap_or(""),
        _ => DETAIL_KEYS
            .iter()
            .position(|k| *k == key)
            .and_then(|i| e.detail[i].as_deref())
            .unwrap_or(""),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forms_dated_in_another_year_are_noted() {
        let d = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(other_year_warning(&d(&[]), 2027, false, Lang::En), None);
        assert_eq!(
            other_year_warning(&d(&["2027-10-15", "2026-10-15"]), 2027, false, Lang::En),
            None
        );
        let w = other_year_warning(&d(&["2026-10-15", "2026-10-16"]), 2027, false, Lang::En).unwrap();
        assert!(
            w.contains("the forms are dated 2026 but went into the 2027 term") && w.contains("--term 2026"),
            "{w}"
        );
        let w = other_year_warning(&d(&["2026-10-15", "2025-12-30"]), 2027, true, Lang::En).unwrap();
        assert!(w.contains("dated 2025 and 2026 but would go into the 2027 term"), "{w}");
        let w = other_year_warning(&d(&["2026-10-15", "2025-12-30"]), 2027, true, Lang::Zh).unwrap();
        assert!(w.contains("报送日期在 2025 和 2026 年，却将录入 2027 届"), "{w}");
    }
}
