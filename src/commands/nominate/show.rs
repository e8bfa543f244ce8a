//! `nominate list` and `nominate show`.

use anyhow::{Result, bail};
use rusqlite::Connection;

use super::ListArgs;
use super::records::{self, Record};
use crate::commands::Ctx;
use crate::i18n::tr;
use crate::messages::say;
use crate::output::{Cell, Format, Listing, category_col, code_col, col, group_col, name_col, out, unit_col};
use crate::store::{nominee_by_code, resolve_term};

/// Codes for machines, words for people.
fn readable(f: Format) -> bool {
    matches!(f, Format::Table | Format::Md)
}

/// The listing of nominations: the columns `list` and `verify` print.
pub fn listing(recs: &[&Record]) -> Listing {
    let mut l = Listing::new(vec![
        code_col(),
        category_col(),
        name_col(),
        unit_col(),
        group_col(),
        col("status", tr("status", "状态")),
        col("reasons", tr("why", "原因")),
        col("submitted_on", tr("submitted", "报送日期")),
    ]);
    for r in recs {
        l.push(vec![
            r.code.as_str().into(),
            Cell::code(r.category.code(), r.category.label()),
            r.name.as_str().into(),
            r.unit.as_str().into(),
            r.group.as_str().into(),
            Cell::code(r.status.code(), r.status.label()),
            r.why_cell(),
            r.submitted_on.clone().into(),
        ]);
    }
    l
}

pub fn list(ctx: &Ctx, a: ListArgs) -> Result<()> {
    let term = resolve_term(ctx.read()?, ctx)?;
    let group = a.group.as_deref().map(str::trim);
    let unit = a.unit.as_deref().map(str::trim);
    known(ctx.read()?, "org_group", group)?;
    known(ctx.read()?, "unit", unit)?;
    let all = records::load_with(ctx.read()?, term.year, records::Detail::Brief)?;
    let recs: Vec<&Record> = all
        .iter()
        .filter(|r| a.category.is_none_or(|c| c == r.category))
        .filter(|r| group.is_none_or(|g| g == r.group))
        .filter(|r| unit.is_none_or(|u| u == r.unit))
        .filter(|r| a.status.is_none_or(|s| s == r.status))
        .collect();
    listing(&recs).print(ctx.format)
}

/// A filter naming a group or unit that does not exist is a typo, not an empty list.
fn known(conn: &Connection, table: &str, name: Option<&str>) -> Result<()> {
    let Some(name) = name else { return Ok(()) };
    let sql = format!("SELECT EXISTS (SELECT 1 FROM {table} WHERE name = ?1)");
    if conn.query_row(&sql, [name], |r| r.get::<_, bool>(0))? {
        return Ok(());
    }
    let what = if table == "unit" {
        tr("there is no unit", "没有单位")
    } else {
        tr("there is no group", "没有片组")
    };
    bail!(
        "{}",
        say!(
            en("{what} {name}; see `pingxuan org list`"),
            zh("{what} {name}；请查看 `pingxuan org list`")
        )
    )
}

pub fn show(ctx: &Ctx, code: &str) -> Result<()> {
    let term = resolve_term(ctx.read()?, ctx)?;
    let id = nominee_by_code(ctx.read()?, term.year, code)?.id;
    let all = records::load(ctx.read()?, term.year)?;
    let Some(r) = all.iter().find(|r| r.id == id) else {
        bail!("{}", say!(en("{code}: not found"), zh("{code}：未找到")));
    };
    let mut fields = fields(ctx.format, r);
    let vetoes = crate::load::vetoes_in_force(ctx.read()?, term.year, r.id, &r.unit, r.category)?;
    fields.push((
        "vetoes",
        tr("vetoes in force", "有效的一票否决"),
        Cell::List(vetoes.iter().map(|v| v.line()).collect()),
    ));
    fields.push((
        "past_terms",
        tr("earlier terms", "往届记录"),
        Cell::List(crate::history::past_terms(ctx.read()?, r.id)?),
    ));
    match ctx.format {
        Format::Table | Format::Md => {
            let mut l = Listing::new(vec![
                col("field", tr("field", "项目")),
                col("value", tr("value", "内容")),
            ]);
            for (_, label, value) in fields {
                l.push(vec![label.into(), value]);
            }
            l.print(ctx.format)
        }
        Format::Json => {
            let mut l = Listing::new(fields.iter().map(|(k, label, _)| col(k, label)).collect());
            l.push(fields.into_iter().map(|f| f.2).collect());
            let obj = l.to_json().get(0).cloned().unwrap_or_default();
            out(&format!("{}\n", serde_json::to_string_pretty(&obj)?))
        }
        Format::Csv => {
            let mut l = Listing::new(fields.iter().map(|(k, label, _)| col(k, label)).collect());
            l.push(fields.into_iter().map(|f| f.2).collect());
            l.print(Format::Csv)
        }
    }
}

/// Every field of a nomination: its key, its label and its value.
fn fields(format: Format, r: &Record) -> Vec<(&'static str, &'static str, Cell)> {
    let text = |s: &str| Cell::Text(s.to_string());
    let (category, status) = if readable(format) {
        (r.category.title(), r.status.label())
    } else {
        (r.category.code(), r.status.code())
    };
    vec![
        ("code", tr("code", "编号"), text(&r.code)),
        ("category", tr("category", "类别"), text(category)),
        ("name", tr("name", "名称"), text(&r.name)),
        ("unit", tr("unit", "单位"), text(&r.unit)),
        ("group", tr("group (that sent it)", "报送片组"), text(&r.group)),
        (
            "unit_group",
            tr("the unit's group now", "单位现属片组"),
            text(&r.unit_group),
        ),
        ("position", tr("position", "职务"), text(&r.position)),
        ("staff_no", tr("staff number", "工号"), text(&r.staff_no)),
        (
            "unit_rank",
            tr("place in the unit's year-end assessment", "本单位年终测评排名"),
            r.unit_rank.map(|(n, of)| format!("{n}/{of}")).into(),
        ),
        ("deeds", tr("deeds", "主要事迹"), text(&r.deeds)),
        ("contact", tr("contact", "联系人"), text(&r.contact)),
        ("phone", tr("phone", "联系电话"), text(&r.phone)),
        (
            "submitted_on",
            tr("submitted on", "报送日期"),
            r.submitted_on.clone().into(),
        ),
        ("source_file", tr("source file", "来源文件"), text(&r.source_file)),
        ("imported_at", tr("imported at", "导入时间"), text(&r.imported_at)),
        ("status", tr("status", "状态"), text(status)),
        ("reasons", tr("why", "原因"), r.why_cell()),
        (
            "reason_codes",
            tr("reason codes", "原因代码"),
            Cell::List(r.reasons.clone()),
        ),
        (
            "verified_at",
            tr("verified at", "核对时间"),
            r.verified_at.clone().into(),
        ),
        (
            "withdrawn_reason",
            tr("withdrawn because", "撤回理由"),
            r.withdrawn_reason.clone().into(),
        ),
    ]
}
