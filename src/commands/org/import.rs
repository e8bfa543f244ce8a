//! `org import`: groups and units from a CSV file. Good rows are written as they are read,
//! inside the one transaction, which is dropped if any row is bad or on --dry-run.

use std::collections::HashMap;

use anyhow::Result;

use super::register::Org;
use super::{GroupKind, group_stored_as, unit_belongs};
use crate::commands::Ctx;
use crate::commands::common::ImportFile;
use crate::csvin::{Column, CsvFile, Problems, Row};
use crate::i18n::{Lang, lang, tr};
use crate::output::say;
use crate::progress::Progress;
use crate::values::parse_yes_no;

static COLUMNS: &[Column] = &[
    Column {
        key: "group",
        names: &["group", "片组", "片组名称"],
        required: true,
    },
    Column {
        key: "group_kind",
        names: &["group_kind", "片组类型"],
        required: true,
    },
    Column {
        key: "unit",
        names: &["unit", "单位", "单位名称"],
        required: true,
    },
    Column {
        key: "has_window",
        names: &["has_window", "对外窗口"],
        required: false,
    },
];

/// What one import did or would do.
#[derive(Default)]
struct Counts {
    groups_added: usize,
    units_added: usize,
    present: usize,
    replaced: usize,
    refused: usize,
}

pub fn import(ctx: &Ctx, input: &ImportFile, replace: bool) -> Result<()> {
    let dry_run = input.dry_run;
    let file = input.read(COLUMNS)?;
    let tx = ctx.change()?;
    let mut run = OrgImport {
        file: &file,
        org: Org::load(&tx, &file.name)?,
        replace,
        problems: file.problems(),
        counts: Counts::default(),
        seen_groups: HashMap::new(),
        seen_units: HashMap::new(),
    };
    let mut progress = Progress::new(file.row_count());
    for row in file.rows() {
        progress.tick();
        let before = run.problems.len();
        run.row(&row)?;
        if run.problems.len() > before {
            run.counts.refused += 1;
        }
    }
    drop(progress);
    let (problems, counts) = (run.problems, run.counts);
    let summary = summary(&file, &counts, dry_run || !problems.is_empty());
    if !problems.is_empty() {
        say(&summary);
        return problems.into_result();
    }
    tx.finish(dry_run)?;
    say(&summary);
    Ok(())
}

/// One import under way: good rows are written as they are read; the transaction is
/// dropped if any row is bad.
struct OrgImport<'a> {
    file: &'a CsvFile,
    org: Org<'a>,
    replace: bool,
    problems: Problems,
    counts: Counts,
    /// Each group's kind and the line that first named it.
    seen_groups: HashMap<String, (GroupKind, u64)>,
    seen_units: HashMap<String, u64>,
}

impl OrgImport<'_> {
    fn row(&mut self, row: &Row) -> Result<()> {
        let Some((kind, window)) = self.cells(row) else {
            return Ok(());
        };
        let (group, unit) = (self.file.get(row, "group"), self.file.get(row, "unit"));
        if !self.group(row, group, kind)? {
            return Ok(());
        }
        if let Some(line) = self.seen_units.insert(unit.to_string(), row.line) {
            let msg = format!("{} {line}", tr("the unit is listed already on line", "该单位已列在第"));
            self.problems.push(self.file.problem(row, "unit", msg));
            return Ok(());
        }
        self.unit(row, unit, group, window)
    }

    /// The row's cells, each checked on its own.
    fn cells(&mut self, row: &Row) -> Option<(GroupKind, Option<bool>)> {
        let (file, before) = (self.file, self.problems.len());
        for key in ["group", "unit"] {
            if file.get(row, key).is_empty() {
                self.problems
                    .push(file.problem(row, key, tr("is required", "不能为空")));
            }
        }
        let kind = GroupKind::parse(file.get(row, "group_kind"));
        if kind.is_none() {
            let msg = tr(
                "expected unit/单位, port_area/港区 or region/区域",
                "应为 单位/unit、港区/port_area 或 区域/region",
            );
            self.problems.push(file.problem(row, "group_kind", msg));
        }
        let window = match file.get(row, "has_window") {
            "" => None,
            v => parse_yes_no(v)
                .map_err(|e| self.problems.push(file.problem(row, "has_window", e.to_string())))
                .ok(),
        };
        (self.problems.len() == before).then_some((kind?, window))
    }

    /// The group: one kind on every row of the file, and as stored unless --replace.
    /// False when the row is refused.
    fn group(&mut self, row: &Row, group: &str, kind: GroupKind) -> Result<bool> {
        let file = self.file;
        if let Some((k, line)) = self.seen_groups.get(group) {
            if *k != kind {
                self.problems
                    .push(file.problem(row, "group_kind", group_given_as(group, *k, *line)));
                return Ok(false);
            }
            return Ok(true);
        }
        self.seen_groups.insert(group.to_string(), (kind, row.line));
        match self.org.groups.get(group).copied() {
            None => {
                self.org.add_group(group, kind)?;
                self.counts.groups_added += 1;
            }
            Some((_, stored)) if stored != kind && !self.replace => {
                self.problems
                    .push(file.problem(row, "group_kind", group_stored_as(group, stored)));
                return Ok(false);
            }
            Some((_, stored)) if stored != kind => {
                self.org.set_kind(group, kind)?;
                self.counts.replaced += 1;
            }
            Some(_) => {}
        }
        Ok(true)
    }

    /// The unit: added, already present, or moved/updated with --replace.
    fn unit(&mut self, row: &Row, unit: &str, group: &str, window: Option<bool>) -> Result<()> {
        let file = self.file;
        let Some(stored) = self.org.units.get(unit).cloned() else {
            self.org.add_unit(unit, group, window.unwrap_or(false))?;
            self.counts.units_added += 1;
            return Ok(());
        };
        let window = window.unwrap_or(stored.has_window);
        let moved = stored.group_id != self.org.groups[group].0;
        let rewindowed = window != stored.has_window;
        if !moved && !rewindowed {
            self.counts.present += 1;
        } else if self.replace {
            self.org.change_unit(unit, group, window)?;
            self.counts.replaced += 1;
        } else {
            if moved {
                let msg = unit_belongs(unit, self.org.group_name(stored.group_id), "--replace");
                self.problems.push(file.problem(row, "group", msg));
            }
            if rewindowed {
                self.problems
                    .push(file.problem(row, "has_window", window_stored(stored.has_window)));
            }
        }
        Ok(())
    }
}

fn group_given_as(group: &str, kind: GroupKind, line: u64) -> String {
    match lang() {
        Lang::En => format!("the group {group} is given as {} on line {line}", kind.code()),
        Lang::Zh => format!("片组 {group} 在第 {line} 行的类型为{}", kind.label()),
    }
}

fn window_stored(has: bool) -> String {
    let yes_no = if has { tr("yes", "是") } else { tr("no", "否") };
    match lang() {
        Lang::En => format!("the unit is on record with has_window {yes_no}; to change it use --replace"),
        Lang::Zh => format!("该单位登记的对外窗口为“{yes_no}”；如需更改请加 --replace"),
    }
}

fn summary(file: &CsvFile, c: &Counts, nothing_written: bool) -> String {
    let (g, u, p, r, x) = (c.groups_added, c.units_added, c.present, c.replaced, c.refused);
    let what = file.describe();
    match (lang(), nothing_written) {
        (Lang::En, false) => {
            format!("{what}: added {g} groups and {u} units, already present {p}, replaced {r}, refused {x}")
        }
        (Lang::En, true) => format!(
            "{what}: nothing was written; would add {g} groups and {u} units, already present {p}, would replace {r}, refused {x}"
        ),
        (Lang::Zh, false) => format!("{what}：新增片组 {g} 个、单位 {u} 个，已存在 {p}，更新 {r}，拒绝 {x}"),
        (Lang::Zh, true) => {
            format!("{what}：未写入任何数据；将新增片组 {g} 个、单位 {u} 个，已存在 {p}，将更新 {r}，拒绝 {x}")
        }
    }
}
