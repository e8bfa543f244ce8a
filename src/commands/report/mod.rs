//! `report`: the term at a glance, one printable page with charts for the committee, or its
//! figures as JSON, a workbook, Markdown or CSV.

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
/// in the language of --lang, numbers as numbers), .md the sections as Markdown tables (as
/// --format md), .csv the sections one under the other for Excel.
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
    Md,
    Csv,
}

/// The form --out names by its ending (which wins over --format, as for every listing), else
/// the one --format asks for: the page, the figures as JSON, or the sections as Markdown. The
/// sections as CSV are for Excel, in a file; on stdout, scripts take the JSON.
fn form(out_file: Option<&Path>, format: Format) -> Result<Form> {
    if let Some(path) = out_file {
        return Ok(match crate::export::check(path)? {
            crate::export::Form::Html => Form::Html,
            crate::export::Form::Json => Form::Json,
            crate::export::Form::Xlsx => Form::Xlsx,
            crate::export::Form::Md => Form::Md,
            crate::export::Form::Csv => Form::Csv,
        });
    }
    Ok(match format {
        Format::Json => Form::Json,
        Format::Table => Form::Html,
        Format::Md => Form::Md,
        Format::Csv => bail!(
            "{}",
            say!(
                en(
                    "the report on stdout is a page (HTML, the default), its figures (--format json) or Markdown (--format md); for CSV, give --out with a file ending in .csv"
                ),
                zh(
                    "报告输出到标准输出时为页面（HTML，默认）、数据（--format json）或 Markdown（--format md）；如需 CSV，请用 --out 给出以 .csv 结尾的文件"
                )
            )
        ),
    })
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
        Form::Md => sheets::markdown(&report)?.into_bytes(),
        Form::Csv => sheets::csv(&report)?,
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
