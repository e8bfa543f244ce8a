//! `org`: the co-construction groups (片组) and their member units (单位). Not per term: groups
//! and units persist from year to year, and a nomination keeps the group that sent it.

mod import;
mod register;

use anyhow::{Result, bail};
use clap::{Args, Subcommand};

use self::register::Org;
use super::Ctx;
use super::common::ImportFile;
use crate::i18n::{Lang, lang, tr};
use crate::messages::say;
use crate::output::{Cell, Format, Listing, col, group_col, say, unit_col};
use crate::values::parse_yes_no;

/// The co-construction groups (片组) and their member units (单位)
///
/// Groups and units are kept from year to year, not per term. Each unit belongs to exactly one
/// group; a group is a unit group (单位共建片组), a port-area group (港区共建片组) or a
/// regional group (区域共建片组).
///
/// Example:
///   pingxuan org import units.csv
///   pingxuan org list --group 北仑单位共建片组
#[derive(Args, Debug)]
#[command(verbatim_doc_comment)]
pub struct OrgArgs {
    #[command(subcommand)]
    pub command: OrgCommand,
}

#[derive(Subcommand, Debug)]
pub enum OrgCommand {
    /// Import groups and units from a CSV file
    ///
    /// Columns (English or Chinese headers, any order; * required):
    ///   group/片组*, group_kind/片组类型* (unit/单位, port_area/港区, region/区域),
    ///   unit/单位*, has_window/对外窗口 (yes/no, 是/否; empty: no for a new unit,
    ///   unchanged for a known one). A serial column 序号/No. is ignored.
    /// A row already on record adds nothing. A unit under another group, a different
    /// window or a group of another kind is refused unless --replace.
    ///
    /// Example:
    ///   pingxuan org import units.csv --dry-run
    ///   pingxuan org import units.csv --replace
    #[command(verbatim_doc_comment)]
    Import {
        /// Move units to the group named in the file, and update windows and group kinds
        #[arg(long)]
        replace: bool,
        #[command(flatten)]
        input: ImportFile,
    },
    /// List the units with their group, the group's kind and whether they have a window
    ///
    /// Example:
    ///   pingxuan org list
    ///   pingxuan org list --group 梅山港区共建片组 --format csv
    #[command(verbatim_doc_comment)]
    List {
        /// Only the units of this group
        #[arg(long, value_name = "GROUP")]
        group: Option<String>,
    },
    /// Add a co-construction group
    ///
    /// Example:
    ///   pingxuan org add-group 北仑单位共建片组 --kind unit
    #[command(verbatim_doc_comment)]
    AddGroup {
        /// The group's name, e.g. 北仑单位共建片组
        name: String,
        /// The kind of group
        #[arg(long, value_enum)]
        kind: GroupKind,
        /// Change the kind of a group already on record
        #[arg(long)]
        replace: bool,
    },
    /// Add a member unit to a group, or move a unit to another group
    ///
    /// Example:
    ///   pingxuan org add-unit 北仑海关 --group 北仑单位共建片组 --has-window yes
    ///   pingxuan org add-unit 北仑海关 --group 梅山港区共建片组 --move
    #[command(verbatim_doc_comment)]
    AddUnit {
        /// The unit's name, e.g. 北仑海关
        name: String,
        /// The group it belongs to
        #[arg(long, value_name = "GROUP")]
        group: String,
        /// Whether the unit has an external service window, yes or no (default for a new unit: no)
        #[arg(long, value_name = "YES|NO", value_parser = yes_no_flag)]
        has_window: Option<bool>,
        /// Move the unit if it belongs to another group now
        #[arg(long = "move")]
        move_unit: bool,
    },
}

/// The three kinds of co-construction group.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum GroupKind {
    /// 单位共建片组
    #[value(alias = "单位")]
    Unit,
    /// 港区共建片组
    #[value(name = "port_area", alias = "port-area", alias = "港区")]
    PortArea,
    /// 区域共建片组
    #[value(alias = "区域")]
    Region,
}

impl GroupKind {
    pub fn code(self) -> &'static str {
        match self {
            GroupKind::Unit => "unit",
            GroupKind::PortArea => "port_area",
            GroupKind::Region => "region",
        }
    }
    pub fn label(self) -> &'static str {
        match self {
            GroupKind::Unit => tr("unit group", "单位共建片组"),
            GroupKind::PortArea => tr("port-area group", "港区共建片组"),
            GroupKind::Region => tr("regional group", "区域共建片组"),
        }
    }
    pub fn from_code(s: &str) -> Option<GroupKind> {
        match s {
            "unit" => Some(GroupKind::Unit),
            "port_area" => Some(GroupKind::PortArea),
            "region" => Some(GroupKind::Region),
            _ => None,
        }
    }
    /// As typed in a file: English or Chinese, short or full.
    pub fn parse(s: &str) -> Option<GroupKind> {
        match s.trim().to_lowercase().replace('-', "_").as_str() {
            "unit" | "单位" | "单位共建" | "单位共建片组" => Some(GroupKind::Unit),
            "port_area" | "港区" | "港区共建" | "港区共建片组" => Some(GroupKind::PortArea),
            "region" | "区域" | "区域共建" | "区域共建片组" => Some(GroupKind::Region),
            _ => None,
        }
    }
}

fn yes_no_flag(s: &str) -> std::result::Result<bool, String> {
    if s.trim().is_empty() {
        return Err(tr("expected yes or no", "应为 yes 或 no").to_string());
    }
    parse_yes_no(s).map_err(|e| e.to_string())
}

pub fn run(ctx: &Ctx, args: OrgArgs) -> Result<()> {
    match args.command {
        OrgCommand::Import { replace, input } => import::import(ctx, &input, replace),
        OrgCommand::List { group } => list(ctx, group),
        OrgCommand::AddGroup { name, kind, replace } => add_group(ctx, name.trim(), kind, replace),
        OrgCommand::AddUnit {
            name,
            group,
            has_window,
            move_unit,
        } => add_unit(ctx, name.trim(), group.trim(), has_window, move_unit),
    }
}

pub(super) fn group_stored_as(group: &str, kind: GroupKind) -> String {
    match lang() {
        Lang::En => format!(
            "the group {group} is on record as {}; to change its kind use --replace",
            kind.code()
        ),
        Lang::Zh => format!("片组 {group} 登记的类型为{}；如需更改请加 --replace", kind.label()),
    }
}

pub(super) fn unit_belongs(unit: &str, group: &str, flag: &str) -> String {
    match lang() {
        Lang::En => format!("the unit {unit} belongs to {group}; to move it use {flag}"),
        Lang::Zh => format!("单位 {unit} 现属 {group}；如需调整片组请加 {flag}"),
    }
}

fn list(ctx: &Ctx, group: Option<String>) -> Result<()> {
    let conn = ctx.read()?;
    let groups = register::groups(conn)?;
    if let Some(g) = group.as_deref().map(str::trim).filter(|g| !groups.contains_key(*g)) {
        bail!(unknown_group(&groups, g));
    }
    let mut l = Listing::new(vec![
        group_col(),
        col("kind", tr("kind", "片组类型")),
        unit_col(),
        col("has_window", tr("window", "对外窗口")),
    ]);
    let mut st = conn.prepare(
        "SELECT g.name, g.kind, u.name, u.has_window FROM org_group g LEFT JOIN unit u ON u.group_id = g.id
         WHERE ?1 IS NULL OR g.name = ?1 ORDER BY g.id, u.id",
    )?;
    let rows = st.query_map([group.as_deref().map(str::trim)], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, Option<String>>(2)?,
            r.get::<_, Option<bool>>(3)?,
        ))
    })?;
    let readable = matches!(ctx.format, Format::Table | Format::Md);
    for row in rows {
        let (g, kind, unit, window) = row?;
        let kind = GroupKind::from_code(&kind).unwrap_or(GroupKind::Unit);
        let window = match window {
            Some(w) if readable => Cell::Text(if w { tr("yes", "是") } else { tr("no", "否") }.to_string()),
            Some(w) => Cell::Bool(w),
            None => Cell::Null,
        };
        let kind = if readable { kind.label() } else { kind.code() };
        l.push(vec![g.into(), kind.into(), unit.into(), window]);
    }
    l.print(ctx.format)
}

fn unknown_group(groups: &register::Groups, name: &str) -> String {
    let mut known: Vec<&str> = groups.keys().map(String::as_str).collect();
    known.sort();
    let known = if known.is_empty() {
        tr(
            "none yet; add one with `pingxuan org add-group` or `pingxuan org import`",
            "尚无片组；请用 `pingxuan org add-group` 或 `pingxuan org import` 添加",
        )
        .to_string()
    } else {
        known.join(", ")
    };
    say!(
        en("there is no group {name} (groups: {known})"),
        zh("没有片组 {name}（现有片组：{known}）")
    )
}

fn add_group(ctx: &Ctx, name: &str, kind: GroupKind, replace: bool) -> Result<()> {
    if name.is_empty() {
        bail!("{}", tr("the group needs a name", "片组名称不能为空"));
    }
    let tx = ctx.change()?;
    let mut org = Org::load(&tx, "")?;
    match org.groups.get(name).copied() {
        None => {
            org.add_group(name, kind)?;
            tx.finish(false)?;
            say(&say!(
                en("{name}: group added ({})", kind.label()),
                zh("{name}：片组已添加（{}）", kind.label())
            ));
            return Ok(());
        }
        Some((_, k)) if k == kind => {
            say(&say!(en("{name}: already present"), zh("{name}：已存在")));
            return Ok(());
        }
        Some((_, k)) if !replace => bail!(group_stored_as(name, k)),
        Some(_) => org.set_kind(name, kind)?,
    }
    tx.finish(false)?;
    say(&say!(
        en("{name}: kind changed to {}", kind.label()),
        zh("{name}：类型已改为 {}", kind.label())
    ));
    Ok(())
}

fn add_unit(ctx: &Ctx, name: &str, group: &str, window: Option<bool>, move_unit: bool) -> Result<()> {
    if name.is_empty() {
        bail!("{}", tr("the unit needs a name", "单位名称不能为空"));
    }
    let tx = ctx.change()?;
    let mut org = Org::load(&tx, "")?;
    if !org.groups.contains_key(group) {
        bail!(unknown_group(&org.groups, group));
    }
    let Some(stored) = org.units.get(name).cloned() else {
        org.add_unit(name, group, window.unwrap_or(false))?;
        tx.finish(false)?;
        say(&say!(
            en("{name}: unit added to {group}"),
            zh("{name}：单位已加入 {group}")
        ));
        return Ok(());
    };
    let window = window.unwrap_or(stored.has_window);
    let moved = stored.group_id != org.groups[group].0;
    if moved && !move_unit {
        bail!(unit_belongs(name, org.group_name(stored.group_id), "--move"));
    }
    if !moved && window == stored.has_window {
        say(&say!(en("{name}: already present"), zh("{name}：已存在")));
        return Ok(());
    }
    org.change_unit(name, group, window)?;
    tx.finish(false)?;
    say(&say!(en("{name}: unit updated"), zh("{name}：单位已更新")));
    Ok(())
}
