//! `report`: the term at a glance, one printable page with charts for the committee, or its
//! figures as JSON.

mod charts;
mod gather;
mod html;
mod sheets;
mod svg;
mod words;

use std::path::Path;

use anyhow::{Context, Result, bail};
use clap::Args;

use super::Ctx;
use crate::messages::say;
use crate::output::{Format, out, say};
use crate::store::resolve_term;
use crate::values::parse_date;

/// Write the term's report: one printable A4 page with charts, for the committee's meeting
///
/// The funnel from nomination to award per category and group, with every loss counted; the
/// ranking around the quota line, with the margin and any tie; the panel's marking and each
/// evaluator's leniency; the windows' satisfaction against the line and the deductions by
/// month; vetoes and objections; the term's state, the date and the audit head in the footer.
/// A self-contained HTML file (no scripts, no network; the system's fonts) in the language of
/// --lang. --out picks the form by the file's ending: .html the page, .json the figures for
/// scripts (as --format json), .xlsx the figures as a workbook, one sheet a section (headers
/// in the language of --lang, numbers as numbers); any other ending is refused.
///
/// Example:
///   pingxuan report --out 2026概览.html
///   pingxuan --lang en report --out report-2026.html
///   pingxuan --lang zh report --out 2026概览.xlsx
///   pingxuan report --format json > report-2026.json
#[derive(Args, Debug)]
#[command(verbatim_doc_comment)]
pub struct ReportArgs {
    /// The date the report speaks for (default: today)
    #[arg(long, value_name = "DATE")]
    pub date: Option<String>,
}

/// What the report is written as.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Form {
    Html,
    Json,
    Xlsx,
}

/// The form --out names by its ending (which wins over --format json, as for every listing),
/// else the one --format asks for; CSV and Markdown are refused, as any other ending, before
/// anything is read or written.
fn form(out_file: Option<&Path>, format: Format) -> Result<Form> {
    let asked = match format {
        Format::Json => Form::Json,
        Format::Table => Form::Html,
        other => bail!(
            "{}",
            say!(
                en(
                    "the report is a page (HTML, the default) or its figures (--format json), not {}",
                    format!("{other:?}").to_lowercase()
                ),
                zh(
                    "报告为页面（HTML，默认）或数据（--format json），不支持 {}",
                    format!("{other:?}").to_lowercase()
                )
            )
        ),
    };
    if let Some(path) = out_file {
        return Ok(match crate::export::Form::of(path) {
            Some(crate::export::Form::Html) => Form::Html,
            Some(crate::export::Form::Json) => Form::Json,
            Some(crate::export::Form::Xlsx) => Form::Xlsx,
            _ => bail!(
                "{}",
                say!(
                    en(
                        "{}: the report is written to a file ending in .html (the page), .json (its figures) or .xlsx (a workbook)",
                        path.display()
                    ),
                    zh(
                        "{}：报告只能写入以 .html（页面）、.json（数据）或 .xlsx（工作簿）结尾的文件",
                        path.display()
                    )
                )
            ),
        });
    }
    Ok(asked)
}

pub fn run(ctx: &Ctx, args: ReportArgs) -> Result<()> {
    // The global --out names the page (.html), its figures (.json) or a workbook (.xlsx).
    let out_file = crate::export::take_out();
    let date = match &args.date {
        Some(d) => parse_date(d).with_context(|| format!("--date \"{d}\""))?,
        None => chrono::Local::now().date_naive(),
    };
    let form = form(out_file.as_deref(), ctx.format)?;
    let term = resolve_term(ctx.read()?, ctx)?;
    let report = gather::report(ctx.read()?, &term, date.format("%Y-%m-%d").to_string())?;
    let bytes = match form {
        Form::Json => format!("{}\n", serde_json::to_string_pretty(&report)?).into_bytes(),
        Form::Html => html::page(&report).into_bytes(),
        Form::Xlsx => sheets::workbook(&report)?,
    };
    match &out_file {
        Some(path) => {
            write_output(path, &bytes)?;
            say(&say!(
                en("wrote the report to {}", path.display()),
                zh("已写出报告：{}", path.display())
            ));
            Ok(())
        }
        None => out(&String::from_utf8(bytes)?),
    }
}

/// The one place the report writes a file.
fn write_output(path: &Path, bytes: &[u8]) -> Result<()> {
    crate::output::write_file(path, bytes)
}
