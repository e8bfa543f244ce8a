//! `panel`: the joint-evaluation panel (联评小组) of the term. Once a term has a panel, only
//! its members give joint sheets, and none for a nominee of their own unit (回避).

mod import;

use anyhow::{Context, Result, bail};
use clap::{Args, Subcommand};
use rusqlite::{Connection, OptionalExtension, params};
use serde_json::json;

use super::Ctx;
use super::common::{ImportFile, summary_prefix};
use crate::core::panel::Member;
use crate::db::now;
use crate::i18n::tr;
use crate::messages::say;
use crate::output::{Cell, Listing, col, say, unit_col};
use crate::store;

/// The joint-evaluation panel of the term (联评小组)
///
/// Once the term has a panel, a joint sheet from anyone not on it is refused, and so is a
/// sheet by a member for a nominee of the member's own unit (回避).
///
/// Example:
///   pingxuan panel add 陈建国 --unit 宁波市口岸办 --role 组长
///   pingxuan panel import 联评小组.csv
///   pingxuan panel list
///   pingxuan panel remove 陈建国 --reason "工作调动"
#[derive(Args, Debug)]
#[command(verbatim_doc_comment)]
pub struct PanelArgs {
    #[command(subcommand)]
    pub command: PanelCommand,
}

#[derive(Subcommand, Debug)]
pub enum PanelCommand {
    /// Add a member to the panel
    ///
    /// Example:
    ///   pingxuan panel add 陈建国 --unit 宁波市口岸办 --role 组长
    #[command(verbatim_doc_comment)]
    Add {
        /// The member's name, as it appears on the joint sheets (评分人)
        name: String,
        /// The member's own unit (for conflicts of interest)
        #[arg(long, value_name = "UNIT")]
        unit: String,
        /// The member's role on the panel, e.g. 组长
        #[arg(long, value_name = "ROLE")]
        role: Option<String>,
        /// Check everything and write nothing
        #[arg(long)]
        dry_run: bool,
    },
    /// Add the members of a file: name/姓名, unit/单位, role/职务
    ///
    /// Example:
    ///   pingxuan panel import 联评小组.csv
    #[command(verbatim_doc_comment)]
    Import {
        #[command(flatten)]
        input: ImportFile,
    },
    /// List the panel (with --all, removed members too)
    ///
    /// Example:
    ///   pingxuan panel list --format json
    #[command(verbatim_doc_comment)]
    List {
        /// Removed members too, with who removed them, when and why
        #[arg(long)]
        all: bool,
    },
    /// Remove a member from the panel, saying why; their sheets stay
    ///
    /// Example:
    ///   pingxuan panel remove 陈建国 --reason "工作调动"
    #[command(verbatim_doc_comment)]
    Remove {
        /// The member's name
        name: String,
        /// Why (kept with the member and on the audit record)
        #[arg(long, value_name = "TEXT")]
        reason: String,
        /// Check everything and write nothing
        #[arg(long)]
        dry_run: bool,
    },
}

pub fn run(ctx: &Ctx, args: PanelArgs) -> Result<()> {
    match args.command {
        PanelCommand::Add {
            name,
            unit,
            role,
            dry_run,
        } => add(ctx, &name, &unit, role.as_deref().unwrap_or(""), dry_run),
        PanelCommand::Import { input } => import::run(ctx, &input),
        PanelCommand::List { all } => list(ctx, all),
        PanelCommand::Remove { name, reason, dry_run } => remove(ctx, &name, &reason, dry_run),
    }
}

/// A member of the panel as recorded.
#[derive(Clone, Debug)]
pub struct PanelMember {
    pub name: String,
    pub unit: String,
    pub role: String,
    pub added_at: String,
    pub added_by: String,
    pub removed: Option<crate::load::Withdrawal>,
}

impl PanelMember {
    pub fn member(&self) -> Member {
        Member {
            name: self.name.clone(),
            unit: self.unit.clone(),
        }
    }
}

/// The term's panel: its current members (with `all`, the removed ones too), in the order added.
pub fn members(conn: &Connection, year: i32, all: bool) -> Result<Vec<PanelMember>> {
    let mut st = conn.prepare_cached(
        "SELECT name, unit, role, added_at, added_by, removed_at, removed_by, remove_reason
         FROM panel_member WHERE term = ?1 AND (?2 OR removed_at IS NULL) ORDER BY id",
    )?;
    let rows = st.query_map(params![year, all], |r| {
        Ok(PanelMember {
            name: r.get(0)?,
            unit: r.get(1)?,
            role: r.get(2)?,
            added_at: r.get(3)?,
            added_by: r.get(4)?,
            removed: crate::load::withdrawal(r, 5)?,
        })
    })?;
    rows.collect::<rusqlite::Result<_>>().context("reading the panel")
}

/// What adding one member does: added, already present, or refused (the clerk's message).
pub(crate) enum Added {
    Added,
    Present,
}

/// Adds a member within a change. The inner error is the clerk's.
pub(crate) fn add_member(
    conn: &Connection,
    ctx: &Ctx,
    year: i32,
    name: &str,
    unit: &str,
    role: &str,
) -> Result<std::result::Result<Added, String>> {
    if name.is_empty() || unit.is_empty() {
        return Ok(Err(tr(
            "a panel member needs a name and a unit",
            "联评小组成员须有姓名和单位",
        )
        .to_string()));
    }
    // The unit must match a member unit exactly when it nearly matches one, or a conflict
    // of interest would go untold.
    let known: Vec<String> = conn
        .prepare_cached("SELECT name FROM unit ORDER BY name")?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    if !known.iter().any(|k| k == unit)
        && let Some(near) = crate::values::near(unit, known.iter().map(String::as_str))
    {
        return Ok(Err(say!(
            en("there is no unit {unit}; did you mean {near}?"),
            zh("没有单位 {unit}；是否指“{near}”？")
        )));
    }
    let existing: Option<(String, String)> = conn
        .prepare_cached("SELECT unit, role FROM panel_member WHERE term = ?1 AND name = ?2 AND removed_at IS NULL")?
        .query_row(params![year, name], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?;
    if let Some((old_unit, old_role)) = existing {
        if old_unit == unit && old_role == role {
            return Ok(Ok(Added::Present));
        }
        return Ok(Err(say!(
            en(
                "{name} is already on the panel, of {old_unit}; to change it, `panel remove {name} --reason TEXT` first"
            ),
            zh("{name} 已在联评小组中（{old_unit}）；如需更改，请先 `panel remove {name} --reason 理由`")
        )));
    }
    conn.prepare_cached(
        "INSERT INTO panel_member (term, name, unit, role, added_at, added_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?
    .execute(params![year, name, unit, role, now(), ctx.operator])
    .context("adding the panel member")?;
    Ok(Ok(Added::Added))
}

fn add(ctx: &Ctx, name: &str, unit: &str, role: &str, dry_run: bool) -> Result<()> {
    let (name, unit, role) = (name.trim(), unit.trim(), role.trim());
    let tx = ctx.change()?;
    let term = store::writable_term(&tx, ctx)?;
    match add_member(&tx, ctx, term.year, name, unit, role)?.map_err(anyhow::Error::msg)? {
        Added::Present => {
            say(&say!(
                en("{name} is already on the panel; nothing added"),
                zh("{name} 已在联评小组中，未重复添加")
            ));
            return Ok(());
        }
        Added::Added => {}
    }
    tx.record(
        Some(term.year),
        "panel.add",
        name,
        json!({ "unit": unit, "role": role }),
    )?;
    tx.finish(dry_run)?;
    say(&say!(
        en("{}added to the panel: {name} ({unit})", summary_prefix(dry_run)),
        zh("{}已加入联评小组：{name}（{unit}）", summary_prefix(dry_run))
    ));
    Ok(())
}

fn remove(ctx: &Ctx, name: &str, reason: &str, dry_run: bool) -> Result<()> {
    let (name, reason) = (name.trim(), reason.trim());
    if reason.is_empty() {
        bail!(
            "{}",
            say!(
                en("--reason: say why the member is removed"),
                zh("--reason: 请写明移出的理由")
            )
        );
    }
    let tx = ctx.change()?;
    let term = store::writable_term(&tx, ctx)?;
    let n = tx
        .execute(
            "UPDATE panel_member SET removed_at = ?3, removed_by = ?4, remove_reason = ?5
             WHERE term = ?1 AND name = ?2 AND removed_at IS NULL",
            params![term.year, name, now(), ctx.operator, reason],
        )
        .context("removing the panel member")?;
    if n == 0 {
        bail!(
            "{}",
            say!(
                en("{name} is not on the panel of {}; see `pingxuan panel list`", term.year),
                zh("{name} 不在{}年度联评小组中；请查看 `pingxuan panel list`", term.year)
            )
        );
    }
    tx.record(Some(term.year), "panel.remove", name, json!({ "reason": reason }))?;
    tx.finish(dry_run)?;
    say(&say!(
        en("{}removed from the panel: {name} ({reason})", summary_prefix(dry_run)),
        zh("{}已移出联评小组：{name}（{reason}）", summary_prefix(dry_run))
    ));
    Ok(())
}

fn list(ctx: &Ctx, all: bool) -> Result<()> {
    let conn = ctx.read()?;
    let term = store::resolve_term(conn, ctx)?;
    let mut l = Listing::new(vec![
        col("name", tr("name", "姓名")),
        unit_col(),
        col("role", tr("role", "职务")),
        col("active", tr("on the panel", "在组")),
        col("added_at", tr("added", "加入时间")),
        col("added_by", tr("by", "录入人")),
        col("removed_at", tr("removed", "移出时间")),
        col("removed_by", tr("removed by", "移出人")),
        col("remove_reason", tr("why removed", "移出理由")),
    ]);
    for m in members(conn, term.year, all)? {
        let r = m.removed;
        l.push(vec![
            Cell::Text(m.name),
            Cell::Text(m.unit),
            Cell::Text(m.role),
            Cell::Bool(r.is_none()),
            Cell::Text(m.added_at),
            Cell::Text(m.added_by),
            r.as_ref().map(|w| w.at.clone()).into(),
            r.as_ref().map(|w| w.by.clone()).into(),
            r.map(|w| w.reason).into(),
        ]);
    }
    l.print(ctx.format)
}
