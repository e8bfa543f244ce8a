//! `template FORM`: the forms the clerk sends out and imports back, as a workbook with drop-down
//! lists (category, group, unit, kind) or as CSV. With a database, the lists hold its groups
//! and units, the self sheet lists the nominees, and the joint sheet has one sheet per
//! evaluator, pre-filled with that evaluator's nominees and marks on record; the units form
//! lists the units on record, to be extended.

use std::path::Path;

use anyhow::Result;
use clap::{Args, ValueEnum};

mod layout;
mod record;

use layout::{columns, sheets};
use record::{OnRecord, on_record};

use super::Ctx;
use crate::export::take_out;
use crate::messages::say;
use crate::output::{out, say};
use crate::values::Category;
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
pub(super) fn word(_en: &'static str, zh: &'static str) -> &'static str {
    zh
}

pub(super) trait ZhLabel {
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
                zh("{}：表格模板只能写成 .xlsx 或 .csv", path.display())
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
