//! `report`: the term at a glance, one printable page with charts for the committee, or its
//! figures as JSON.

mod charts;
mod gather;
mod html;
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
/// --lang. --format json gives the same figures for scripts.
///
/// Example:
///   pingxuan report --out 2026概览.html
///   pingxuan --lang en report --out report-2026.html
///   pingxuan report --format json > report-2026.json
#[derive(Args, Debug)]
#[command(verbatim_doc_comment)]
pub struct ReportArgs {
    /// The date the report speaks for (default: today)
    #[arg(long, value_name = "DATE")]
    pub date: Option<String>,
}

pub fn run(ctx: &Ctx, args: ReportArgs) -> Result<()> {
    // The global --out names the page (.html) or its figures (.json).
    let out_file = crate::export::take_out();
    let date = match &args.date {
        Some(d) => parse_date(d).with_context(|| format!("--date \"{d}\""))?,
        None => chrono::Local::now().date_naive(),
    };
    let ending = out_file
        .as_ref()
        .and_then(|f| f.extension())
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    let json = match (ctx.format, ending.as_deref()) {
        (Format::Json, _) | (Format::Table, Some("json")) => true,
        (Format::Table, _) => false,
        (other, _) => bail!(
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
    let term = resolve_term(ctx.read()?, ctx)?;
    let report = gather::report(ctx.read()?, &term, date.format("%Y-%m-%d").to_string())?;
    let text = if json {
        format!("{}\n", serde_json::to_string_pretty(&report)?)
    } else {
        html::page(&report)
    };
    match &out_file {
        Some(path) => {
            write_output(path, text.as_bytes())?;
            say(&say!(
                en("wrote the report to {}", path.display()),
                zh("已写出报告：{}", path.display())
            ));
            Ok(())
        }
        None => out(&text),
    }
}

/// The one place the report writes a file.
fn write_output(path: &Path, bytes: &[u8]) -> Result<()> {
    crate::output::write_file(path, bytes)
}
