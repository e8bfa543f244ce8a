//! `panel import`: the members of a file, all or nothing.

use std::collections::HashMap;

use anyhow::Result;
use serde_json::json;

use super::{Added, add_member};
use crate::commands::Ctx;
use crate::commands::common::{ImportFile, column, summary_prefix};
use crate::csvin::Column;
use crate::i18n::{Lang, lang, tr};
use crate::messages::say;
use crate::output::say;
use crate::store;

static COLUMNS: &[Column] = &[
    column("name", &["name", "姓名", "评分人"], true),
    column("unit", &["unit", "单位", "工作单位"], true),
    column("role", &["role", "职务", "组内职务"], false),
];

pub fn run(ctx: &Ctx, input: &ImportFile) -> Result<()> {
    let file = input.read(COLUMNS)?;
    let tx = ctx.change()?;
    let term = store::writable_term(&tx, ctx)?;
    let mut problems = file.problems();
    let mut seen: HashMap<String, u64> = HashMap::new();
    let (mut added, mut present) = (Vec::new(), 0usize);
    for owned in file.rows() {
        let row = &owned;
        let (name, unit, role) = (file.get(row, "name"), file.get(row, "unit"), file.get(row, "role"));
        if let Some(first) = seen.get(name) {
            problems.push(file.problem(
                row,
                "name",
                match lang() {
                    Lang::En => format!("{name} is already on line {first}; a file names each member once"),
                    Lang::Zh => format!("{name} 已在第 {first} 行；每名成员在文件中只能出现一次"),
                },
            ));
            continue;
        }
        seen.insert(name.to_string(), row.line);
        match add_member(&tx, ctx, term.year, name, unit, role)? {
            Ok(Added::Added) => added.push(json!({ "name": name, "unit": unit, "role": role, "line": row.line })),
            Ok(Added::Present) => present += 1,
            Err(m) => {
                let key = if m.contains(unit) && !unit.is_empty() {
                    "unit"
                } else {
                    "name"
                };
                problems.push(file.problem(row, key, m));
            }
        }
    }
    problems.into_result()?;
    if !added.is_empty() {
        tx.record(Some(term.year), "panel.import", &file.name, json!({ "added": added }))?;
    }
    tx.finish(input.dry_run)?;
    say(&format!(
        "{}{}{}{}",
        summary_prefix(input.dry_run),
        file.describe(),
        tr(": ", "："),
        say!(
            en("panel members added {}, already present {present}", added.len()),
            zh("新增联评小组成员 {}，已存在 {present}", added.len())
        )
    ));
    Ok(())
}
