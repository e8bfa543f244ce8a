//! `template FORM`: the forms the clerk sends out and imports back, as a workbook with drop-down
//! lists (category, group, unit, kind) or as CSV. With a database, the lists hold its groups
//! and units, the self sheet lists the nominees, and the joint sheet has one sheet per
//! evaluator, pre-filled with that evaluator's nominees and marks on record; the units form
//! lists the units on record, to be extended.

use std::path::Path;

use anyhow::{Context, Result};
use clap::{Args, ValueEnum};
use rusqlite::Connection;

use super::Ctx;
use crate::export::take_out;
use crate::messages::say;
use crate::output::{out, say};
use crate::store::resolve_term;
use crate::values::{Category, fmt_points};
use crate::xlsxout::{FormColumn, form};

/// Write a blank or pre-filled form to fill in Excel and import back
///
/// The ending of --out picks the form: .xlsx (drop-down lists for category, group, unit and
/// kind; phones and staff numbers kept as text) or .csv (UTF-8 with a BOM). Without --out,
/// CSV goes to stdout. With a database, the lists hold its groups and units, `units` lists the
/// units on record, `self` lists the nominees of the term with the marks on record, and
/// `joint` has one sheet per evaluator who has sheets on record, pre-filled with the nominees
/// of that evaluator's categories and the marks already given. With --filled, the other forms
/// hold what is on record, to correct in Excel and import back. A form's headers and words are
/// Chinese, as the groups fill it in; the imports read the English ones too.
///
/// Example:
///   pingxuan template nominations --out 推荐表.xlsx
///   pingxuan template joint --out 联评表.xlsx
///   pingxuan score import 联评表.xlsx --sheet 王海 --source joint
#[derive(Args, Debug)]
#[command(verbatim_doc_comment)]
pub struct TemplateArgs {
    /// Which form
    #[arg(value_enum)]
    pub form: Form,
    /// Fill in what is on record (nominations, findings, surveys), to correct in Excel and
    /// import back
    #[arg(long)]
    pub filled: bool,
}

/// The forms of the cycle, each read by one import.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Form {
    /// Groups and their member units (org import)
    #[value(alias = "单位", alias = "片组")]
    Units,
    /// Nominations (nominate import)
    #[value(alias = "推荐表", alias = "推荐")]
    Nominations,
    /// Self-evaluation sheet, 考核评分表 (score import --source self)
    #[value(name = "self", alias = "自评", alias = "考核评分表")]
    SelfSheet,
    /// Joint-panel sheets, one per evaluator (score import --source joint --sheet NAME)
    #[value(alias = "联评", alias = "联评表")]
    Joint,
    /// Findings of open inspections and covert visits (inspect import)
    #[value(alias = "明查暗访", alias = "检查")]
    Findings,
    /// Satisfaction surveys (inspect import)
    #[value(alias = "满意度", alias = "满意度调查")]
    Surveys,
    /// The joint-evaluation panel (panel import)
    #[value(alias = "联评小组", alias = "联评组")]
    Panel,
}

impl Form {
    fn title(self) -> &'static str {
        match self {
            Form::Units => word("Groups and member units", "片组及成员单位表"),
            Form::Nominations => word("Nomination form", "推荐表"),
            Form::SelfSheet => word("Self-evaluation sheet", "考核评分表（自评）"),
            Form::Joint => word("Joint evaluation sheet", "联评评分表"),
            Form::Findings => word("Inspection findings", "明查暗访情况表"),
            Form::Surveys => word("Satisfaction surveys", "满意度调查表"),
            Form::Panel => word("Joint-evaluation panel", "联评组成员表"),
        }
    }
}

/// A form's words are Chinese whatever the language of messages: the forms go to the groups
/// and the panel of a Chinese office, as `nominate template` always did; the imports read
/// the English words too.
fn word(_en: &'static str, zh: &'static str) -> &'static str {
    zh
}

trait ZhLabel {
    fn zh_label(self) -> &'static str;
}

impl ZhLabel for Category {
    fn zh_label(self) -> &'static str {
        match self {
            Category::Window => "窗口",
            Category::Individual => "个人",
        }
    }
}

/// What the database offers the lists and the pre-filled rows.
#[derive(Default)]
struct OnRecord {
    term: Option<(i32, String)>,
    groups: Vec<String>,
    units: Vec<String>,
    /// The units on record with their group: group, group kind, unit, has a window.
    members: Vec<(String, String, String, bool)>,
    /// Nominees that may be assessed: code, category, unit, name.
    nominees: Vec<(String, Category, String, String)>,
    /// Sheets on record: evaluator ("" for self), code, marks in hundredths, note.
    joint: Vec<(String, String, [i64; 5], String)>,
    sheets: Vec<(String, String, [i64; 5], String)>,
    /// With --filled, the rows on record of the form, as the form's cells.
    filled: Vec<Vec<String>>,
}

fn on_record(ctx: &Ctx, conn: &Connection, form: Form, filled: bool) -> Result<OnRecord> {
    let names = |sql: &str| -> Result<Vec<String>> {
        let mut st = conn.prepare(sql)?;
        let rows = st
            .query_map([], |r| r.get(0))?
            .collect::<rusqlite::Result<Vec<String>>>()?;
        Ok(rows)
    };
    let mut rec = OnRecord {
        groups: names("SELECT name FROM org_group ORDER BY id").context("reading the groups")?,
        units: names("SELECT name FROM unit ORDER BY id").context("reading the units")?,
        ..OnRecord::default()
    };
    let mut st = conn
        .prepare("SELECT g.name, g.kind, u.name, u.has_window FROM unit u JOIN org_group g ON g.id = u.group_id ORDER BY u.id")
        .context("reading the units")?;
    rec.members = st
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let Ok(term) = resolve_term(conn, ctx) else {
        return Ok(rec);
    };
    rec.term = Some((term.year, term.title.clone()));
    let mut st = conn
        .prepare(
            "SELECT n.code, n.category, u.name, n.name FROM nomination n JOIN unit u ON u.id = n.unit_id
             WHERE n.term = ?1 AND n.status IN ('pending', 'verified') ORDER BY n.category DESC, n.code",
        )
        .context("reading the nominees")?;
    rec.nominees = st
        .query_map([term.year], |r| {
            let category: String = r.get(1)?;
            Ok((
                r.get(0)?,
                Category::from_code(&category).unwrap_or(Category::Window),
                r.get(2)?,
                r.get(3)?,
            ))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let mut st = conn
        .prepare(
            "SELECT s.evaluator, n.code, s.c1, s.c2, s.c3, s.c4, s.c5, s.note FROM sheet s
             JOIN nomination n ON n.id = s.nomination
             WHERE n.term = ?1 AND s.replaced_at IS NULL
             ORDER BY s.id",
        )
        .context("reading the sheets")?;
    let mut sheets = st
        .query_map([term.year], |r| {
            Ok((
                r.get(0)?,
                r.get(1)?,
                [r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?, r.get(6)?],
                r.get(7)?,
            ))
        })?
        .collect::<rusqlite::Result<Vec<(String, String, [i64; 5], String)>>>()?;
    sheets.retain(|s| !s.0.is_empty() || form == Form::SelfSheet);
    (rec.joint, rec.sheets) = sheets.into_iter().partition(|s| !s.0.is_empty());
    if filled {
        rec.filled = filled_rows(conn, term.year, form)?;
    }
    Ok(rec)
}

/// The rows on record of a form that is blank unless --filled, as its cells.
fn filled_rows(conn: &Connection, year: i32, form: Form) -> Result<Vec<Vec<String>>> {
    let (sql, width) = match form {
        Form::Nominations => (
            "SELECT n.category, n.name, u.name, g.name, n.position, n.staff_no, n.deeds, n.contact, n.phone,
                    coalesce(n.submitted_on, '')
             FROM nomination n JOIN unit u ON u.id = n.unit_id JOIN org_group g ON g.id = n.group_id
             WHERE n.term = ?1 AND n.status <> 'withdrawn' ORDER BY n.category DESC, n.serial",
            10,
        ),
        Form::Findings => (
            "SELECT n.code, n.category, u.name, n.name, f.kind, f.date, f.inspector, f.finding, f.deduction
             FROM finding f JOIN nomination n ON n.id = f.nomination JOIN unit u ON u.id = n.unit_id
             WHERE n.term = ?1 AND f.withdrawn_at IS NULL ORDER BY f.id",
            9,
        ),
        Form::Surveys => (
            "SELECT n.code, n.category, u.name, n.name, coalesce(s.date, ''), s.satisfied, s.total
             FROM survey s JOIN nomination n ON n.id = s.nomination JOIN unit u ON u.id = n.unit_id
             WHERE n.term = ?1 AND s.withdrawn_at IS NULL ORDER BY s.id",
            7,
        ),
        _ => return Ok(Vec::new()),
    };
    let mut st = conn.prepare(sql).context("reading the records of the form")?;
    let rows = st
        .query_map([year], |r| {
            (0..width)
                .map(|i| match r.get_ref(i)? {
                    rusqlite::types::ValueRef::Integer(n) => Ok(n.to_string()),
                    v => Ok(v.as_str().unwrap_or("").to_string()),
                })
                .collect::<rusqlite::Result<Vec<String>>>()
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    // Words and points as the form shows them.
    let category = |c: &str| Category::from_code(c).map_or(c.to_string(), |c| c.zh_label().to_string());
    Ok(rows
        .into_iter()
        .map(|mut row| {
            match form {
                Form::Nominations => row[0] = category(&row[0]),
                Form::Findings => {
                    row[1] = category(&row[1]);
                    row[4] = match row[4].as_str() {
                        "covert" => word("covert", "暗访"),
                        _ => word("open", "明查"),
                    }
                    .to_string();
                    row[8] = fmt_points(row[8].parse().unwrap_or(0));
                }
                Form::Surveys => row[1] = category(&row[1]),
                _ => {}
            }
            row
        })
        .collect())
}

fn column(header: &str, choices: &[String], text: bool) -> FormColumn {
    FormColumn {
        header: header.to_string(),
        choices: choices.to_vec(),
        text,
    }
}

fn words(ws: &[&str]) -> Vec<String> {
    ws.iter().map(|w| w.to_string()).collect()
}

fn categories() -> Vec<String> {
    Category::ALL.iter().map(|c| c.zh_label().to_string()).collect()
}

const MARKS: [(&str, &str); 5] = [
    ("c1", "指标1"),
    ("c2", "指标2"),
    ("c3", "指标3"),
    ("c4", "指标4"),
    ("c5", "指标5"),
];

/// The columns of a form, as its import reads them, with their lists.
fn columns(f: Form, rec: &OnRecord) -> Vec<FormColumn> {
    let none: &[String] = &[];
    let h = word;
    let nominee = || {
        vec![
            column(h("code", "编号"), none, true),
            column(h("category", "类别"), &categories(), false),
            column(h("unit", "单位"), &rec.units, false),
            column(h("name", "名称"), none, false),
        ]
    };
    let marks = || {
        MARKS
            .iter()
            .map(|(en, zh)| column(h(en, zh), none, false))
            .collect::<Vec<_>>()
    };
    match f {
        Form::Units => vec![
            column(h("group", "片组"), &rec.groups, false),
            column(
                h("group_kind", "片组类型"),
                &words(&[h("unit", "单位"), h("port_area", "港区"), h("region", "区域")]),
                false,
            ),
            column(h("unit", "单位"), none, false),
            column(
                h("has_window", "对外窗口"),
                &words(&[h("yes", "是"), h("no", "否")]),
                false,
            ),
        ],
        Form::Nominations => vec![
            column(h("category", "类别"), &categories(), false),
            column(h("name", "名称"), none, false),
            column(h("unit", "单位"), &rec.units, false),
            column(h("group", "片组"), &rec.groups, false),
            column(h("position", "职务"), none, false),
            column(h("staff_no", "工号"), none, true),
            column(h("deeds", "主要事迹"), none, false),
            column(h("contact", "联系人"), none, false),
            column(h("phone", "联系电话"), none, true),
            column(h("submitted_on", "报送日期"), none, false),
        ],
        Form::SelfSheet => {
            let mut c = nominee();
            c.extend(marks());
            c.push(column(h("note", "备注"), none, false));
            c
        }
        Form::Joint => {
            let mut c = nominee();
            c.push(column(h("evaluator", "评分人"), none, false));
            c.extend(marks());
            c.push(column(h("note", "备注"), none, false));
            c
        }
        Form::Findings => {
            let mut c = nominee();
            c.extend([
                column(
                    h("kind", "方式"),
                    &words(&[h("open", "明查"), h("covert", "暗访")]),
                    false,
                ),
                column(h("date", "日期"), none, false),
                column(h("inspector", "检查人"), none, false),
                column(h("finding", "发现问题"), none, false),
                column(h("deduction", "扣分"), none, false),
            ]);
            c
        }
        Form::Surveys => {
            let mut c = nominee();
            c.extend([
                column(h("date", "日期"), none, false),
                column(h("satisfied", "满意人数"), none, false),
                column(h("total", "调查人数"), none, false),
            ]);
            c
        }
        Form::Panel => vec![
            column(h("name", "姓名"), none, false),
            column(h("unit", "单位"), &rec.units, false),
            column(h("role", "职务"), none, false),
        ],
    }
}

/// The sheets of a form and their rows: one sheet, except the joint form's one per evaluator.
fn sheets(f: Form, rec: &OnRecord) -> Vec<(String, Vec<Vec<String>>)> {
    let id = |(code, category, unit, name): &(String, Category, String, String)| {
        vec![
            code.clone(),
            category.zh_label().to_string(),
            unit.clone(),
            name.clone(),
        ]
    };
    match f {
        Form::SelfSheet => {
            let rows = rec
                .nominees
                .iter()
                .map(|n| {
                    let mut row = id(n);
                    match rec.sheets.iter().find(|s| s.1 == n.0) {
                        Some((_, _, marks, note)) => {
                            row.extend(marks.iter().map(|m| fmt_points(*m)));
                            row.push(note.clone());
                        }
                        None => row.extend(std::iter::repeat_n(String::new(), 6)),
                    }
                    row
                })
                .collect();
            vec![(f.title().to_string(), rows)]
        }
        Form::Joint => {
            let mut evaluators: Vec<&str> = Vec::new();
            for (e, ..) in &rec.joint {
                if !evaluators.contains(&e.as_str()) {
                    evaluators.push(e);
                }
            }
            if evaluators.is_empty() {
                return vec![(f.title().to_string(), Vec::new())];
            }
            let category_of = |code: &str| rec.nominees.iter().find(|n| n.0 == code).map(|n| n.1);
            evaluators
                .into_iter()
                .map(|e| {
                    let theirs: Vec<_> = rec.joint.iter().filter(|s| s.0 == e).collect();
                    let categories: Vec<Category> = theirs.iter().filter_map(|s| category_of(&s.1)).collect();
                    let rows = rec
                        .nominees
                        .iter()
                        .filter(|n| categories.contains(&n.1))
                        .map(|n| {
                            let mut row = id(n);
                            row.push(e.to_string());
                            match theirs.iter().find(|s| s.1 == n.0) {
                                Some((_, _, marks, note)) => {
                                    row.extend(marks.iter().map(|m| fmt_points(*m)));
                                    row.push(note.clone());
                                }
                                None => row.extend(std::iter::repeat_n(String::new(), 6)),
                            }
                            row
                        })
                        .collect();
                    (e.to_string(), rows)
                })
                .collect()
        }
        Form::Units => {
            let kind = |k: &str| match k {
                "port_area" => word("port_area", "港区"),
                "region" => word("region", "区域"),
                _ => word("unit", "单位"),
            };
            let rows = rec
                .members
                .iter()
                .map(|(g, k, u, w)| {
                    let w = if *w { word("yes", "是") } else { word("no", "否") };
                    vec![g.clone(), kind(k).to_string(), u.clone(), w.to_string()]
                })
                .collect();
            vec![(f.title().to_string(), rows)]
        }
        Form::Nominations | Form::Findings | Form::Surveys | Form::Panel => {
            vec![(f.title().to_string(), rec.filled.clone())]
        }
    }
}

/// The form as CSV for Excel: a BOM, CRLF, every sheet's rows under one header.
fn csv_form(columns: &[FormColumn], sheets: &[(String, Vec<Vec<String>>)]) -> Result<Vec<u8>> {
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(b"\xEF\xBB\xBF".to_vec());
    w.write_record(columns.iter().map(|c| c.header.as_str()))?;
    for row in sheets.iter().flat_map(|(_, rows)| rows) {
        w.write_record(row)?;
    }
    w.into_inner().map_err(|e| anyhow::anyhow!("{e}"))
}

pub fn run(ctx: &Ctx, args: TemplateArgs) -> Result<()> {
    let rec = match ctx.read_if_there()? {
        Some(conn) => on_record(ctx, conn, args.form, args.filled)?,
        None => OnRecord::default(),
    };
    write(args.form, &rec, take_out().as_deref())
}

/// The nomination form of `nominate template --out FILE.xlsx`.
pub fn nominations_workbook(ctx: &Ctx, path: &Path) -> Result<()> {
    let rec = match ctx.read_if_there()? {
        Some(conn) => on_record(ctx, conn, Form::Nominations, false)?,
        None => OnRecord::default(),
    };
    write(Form::Nominations, &rec, Some(path))
}

fn write(f: Form, rec: &OnRecord, path: Option<&Path>) -> Result<()> {
    let cols = columns(f, rec);
    let sheets = sheets(f, rec);
    let title = match &rec.term {
        Some((_, t)) => format!("{t} {}", f.title()),
        None => f.title().to_string(),
    };
    let Some(path) = path else {
        return out(&String::from_utf8_lossy(&csv_form(&cols, &sheets)?[3..]));
    };
    let bytes = match crate::export::Form::of(path) {
        Some(crate::export::Form::Xlsx) => form(&title, &sheets, &cols)?,
        Some(crate::export::Form::Csv) => csv_form(&cols, &sheets)?,
        _ => anyhow::bail!(
            "{}",
            say!(
                en("{}: a form is written as .xlsx or .csv", path.display()),
                zh("{}: 表格模板只能写成 .xlsx 或 .csv", path.display())
            )
        ),
    };
    crate::export::write(path, &bytes)?;
    let rows: usize = sheets.iter().map(|s| s.1.len()).sum();
    let sheet_word = if sheets.len() == 1 { "sheet" } else { "sheets" };
    say(&say!(
        en(
            "wrote {} ({} {sheet_word}, {rows} rows filled in)",
            path.display(),
            sheets.len()
        ),
        zh("已写出 {}（{} 个工作表，预填 {rows} 行）", path.display(), sheets.len())
    ));
    Ok(())
}
