//! `award`: the awards of the term from the shortlist, their revocation, the commendation
//! notice and the certificates.

mod certificates;
mod form;
mod grant;
mod listing;
mod notice;
pub mod proposal;
mod publicity;
mod revoke;

use certificates::{certificates, text_only};
use listing::*;
use notice::*;
use revoke::revoke;

use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};
use chrono::NaiveDate;
use clap::{Args, Subcommand};
use num_rational::Ratio;
use rusqlite::{Connection, OptionalExtension, params};
use serde_json::json;

use super::Ctx;
use super::common::exact_cell;
use crate::core::award::{self, Basis};
use crate::db::now;
use crate::documents::{self, Awardee, NoticeData};
use crate::export::take_out;
use crate::i18n::tr;
use crate::messages::say;
use crate::output::{Cell, Listing, col, out, say};
use crate::store::{Term, TermState, nominee_by_code, resolve_term, term_not_closed};
use crate::values::{Category, parse_date};

/// Grant the awards of the term, revoke one, and print the notice and the certificates
///
/// `grant` records the awards from each category's shortlist (see `pingxuan rank`), with a
/// certificate number each (NBKA-2026-W-001, NBKA-2026-P-001, never reused); the term is then
/// awarded and its records stay as they are until `pingxuan term reopen --reason TEXT`.
///
/// Example:
///   pingxuan award grant --dry-run
///   pingxuan award grant
///   pingxuan award notice --out 通报.html
///   pingxuan award certificates --out 证书
#[derive(Args, Debug)]
#[command(verbatim_doc_comment)]
pub struct AwardArgs {
    #[command(subcommand)]
    pub command: AwardCommand,
}

#[derive(Subcommand, Debug)]
pub enum AwardCommand {
    /// Record the awards of the term from the shortlist, within each category's quota
    ///
    /// Every shortlisted candidate (★ in `pingxuan rank`) gets an award and a certificate
    /// number. While equals straddle a quota (tie at cutoff ⚖), nothing is granted until the
    /// committee's choice is given: --include for each one chosen (or --exclude for each one
    /// left out), no more than the places left. Granting again adds only what is new.
    ///
    /// Example:
    ///   pingxuan award grant --dry-run
    ///   pingxuan award grant --include W2026-007
    #[command(verbatim_doc_comment)]
    Grant {
        /// Check everything and show what would be granted; write nothing
        #[arg(long)]
        dry_run: bool,
        /// A candidate of a tie at the cutoff whom the committee includes (repeatable)
        #[arg(long, value_name = "CODE", num_args = 1..)]
        include: Vec<String>,
        /// A candidate of a tie at the cutoff whom the committee leaves out (repeatable)
        #[arg(long, value_name = "CODE", num_args = 1..)]
        exclude: Vec<String>,
    },
    /// 公示: record the proposed list and its notice period, in working days
    ///
    /// The proposed list is the shortlist, with the committee's choice on a tie at the cutoff
    /// (--include / --exclude), as `grant` would take it today. The period is N working days
    /// (weekends skipped) from --from (default today; never in the future). Once a proposal is
    /// in force, `award grant` grants exactly that list, less anyone no longer eligible, after
    /// the period has ended and every objection is resolved.
    ///
    /// Example:
    ///   pingxuan award propose --days 5 --from 2026-11-23
    ///   pingxuan award publicity --out 公示.html
    #[command(verbatim_doc_comment)]
    Propose {
        /// The notice period in working days
        #[arg(long, default_value_t = 5, value_name = "N")]
        days: u32,
        /// The first day of the period (default today)
        #[arg(long, value_name = "DATE")]
        from: Option<String>,
        /// Where objections are sent (printed on the notice)
        #[arg(long, value_name = "TEXT")]
        contact: Option<String>,
        /// A candidate of a tie at the cutoff whom the committee includes (repeatable)
        #[arg(long, value_name = "CODE", num_args = 1..)]
        include: Vec<String>,
        /// A candidate of a tie at the cutoff whom the committee leaves out (repeatable)
        #[arg(long, value_name = "CODE", num_args = 1..)]
        exclude: Vec<String>,
        /// A holiday besides the weekends and the fixed statutory ones (1 Jan, 1–2 May, 1–3 Oct):
        /// a day or a span, such as the year's Spring Festival 2026-02-15..2026-02-23 (repeatable)
        #[arg(long, value_name = "DATE[..DATE]", num_args = 1..)]
        holiday: Vec<String>,
        /// A weekend day that the year's holiday arrangement makes a working day (调休; repeatable)
        #[arg(long, value_name = "DATE", num_args = 1..)]
        workday: Vec<String>,
        /// Supersede the proposal in force (it stays on the record)
        #[arg(long)]
        replace: bool,
        /// Check everything and write nothing
        #[arg(long)]
        dry_run: bool,
    },
    /// Print the 公示 notice of the proposed list, with its period and where to send objections
    ///
    /// --format table gives plain text, md gives Markdown, json the proposal, csv its list; an
    /// --out file ending in .xlsx gives the list as a workbook, .csv as CSV for Excel. --html (or an
    /// --out file ending in .html) gives the official document as a printable A4 page, and an
    /// --out file ending in .docx the same for Word and WPS (GB/T 9704: the red letterhead,
    /// the number (文号), the issuer over the seal's place, the imprint). The first official
    /// print takes the term's next number and registers it; every reprint keeps it. The
    /// letterhead, number, recipients, issuer and imprint come from the notice's template.
    ///
    /// Example:
    ///   pingxuan award publicity
    ///   pingxuan award publicity --out 公示.html
    ///   pingxuan award publicity --out 公示.docx
    #[command(verbatim_doc_comment)]
    Publicity {
        /// A printable HTML page
        #[arg(long)]
        html: bool,
        /// The document number (文号) (default: the template's, with the term's next serial)
        #[arg(long, value_name = "TEXT")]
        number: Option<String>,
        /// The letterhead, number, recipients, issuer and imprint from this notice template
        #[arg(long, value_name = "FILE")]
        template: Option<PathBuf>,
    },
    /// List the awards of the term, active and revoked
    ///
    /// Example:
    ///   pingxuan award list
    ///   pingxuan award list --format csv > awards.csv
    #[command(verbatim_doc_comment)]
    List,
    /// Revoke an award, with the reason (its certificate number stays taken)
    ///
    /// Allowed while the term is open or awarded, not once it is closed.
    ///
    /// Example:
    ///   pingxuan award revoke P2026-011 --reason "veto found after the award (甬口岸〔2027〕3号)"
    #[command(verbatim_doc_comment)]
    Revoke {
        /// The nomination code, e.g. P2026-011
        code: String,
        /// Why the award is revoked (kept with the award and on the audit record)
        #[arg(long)]
        reason: String,
        /// Check and show what would change; write nothing
        #[arg(long)]
        dry_run: bool,
    },
    /// Print the commendation notice (通报表彰) of the active awards, in Chinese
    ///
    /// --format table gives plain text, md gives Markdown, json and csv give the list; an --out
    /// file ending in .xlsx gives the list as a workbook, .csv as CSV for Excel;
    /// --html (or an --out file ending in .html) gives the official document as a printable
    /// A4 page laid out as GB/T 9704 asks (red letterhead and rule, 文号, title, recipients,
    /// body, signature over the seal's place, 抄送 and 印发 block at the foot of the last page,
    /// page numbers), and an --out file ending in .docx the same as a Word document (for Word
    /// and WPS). The wording comes from a template: export the built-in one, edit it, and give
    /// it with --template.
    /// The audit record's head hash is printed small under the signature (`pingxuan audit head`).
    ///
    /// Example:
    ///   pingxuan award notice
    ///   pingxuan award notice --html --out 通报.html --number "甬口协〔2026〕5号"
    ///   pingxuan award notice --out 通报.docx
    ///   pingxuan award notice --export-template 通报模板.toml
    ///   pingxuan award notice --template 通报模板.toml --out 通报.docx
    #[command(verbatim_doc_comment)]
    Notice {
        /// A printable HTML page
        #[arg(long)]
        html: bool,
        /// The date of the notice (default: the day of the latest grant)
        #[arg(long, value_name = "DATE")]
        date: Option<String>,
        /// The document number (文号) (default: the template's, numbered with the term's year)
        #[arg(long, value_name = "TEXT")]
        number: Option<String>,
        /// The wording from this template file instead of the built-in one
        #[arg(long, value_name = "FILE")]
        template: Option<PathBuf>,
        /// Write the built-in template to this file, to edit; nothing else is done
        #[arg(long, value_name = "FILE", conflicts_with_all = ["out", "html", "date", "number", "template"])]
        export_template: Option<PathBuf>,
    },
    /// Write one printable certificate per active award into a folder, with index.html
    ///
    /// Each certificate is a standalone A4 landscape HTML page named by its number
    /// (NBKA-2026-W-001.html); a window's page adds its plaque's text (匾牌文字) on a second
    /// sheet. index.html prints every certificate, one per page; plaques.html every plaque text.
    ///
    /// The folder is given with --out (created if missing).
    ///
    /// With --text-only, for the office's pre-printed certificate paper, it writes instead
    /// text-only.html: a calibration page, then per award only the variable text (who, the
    /// year, the title, the date, the number), each at its place in millimetres. Print the
    /// calibration page at actual size on plain paper, lay it over a printed certificate
    /// against the light, and shift with --offset-x/--offset-y, or place each field with a
    /// layout file (TOML: width, height, and [recipient] [year] [award] [date] [number],
    /// each with x, y in mm and size in points).
    ///
    /// Example:
    ///   pingxuan award certificates --out 证书2026
    ///   pingxuan award certificates --out 套打 --text-only --offset-x 1.5 --offset-y -2
    #[command(verbatim_doc_comment)]
    Certificates {
        /// The date on the certificates (default: the day of the latest grant)
        #[arg(long, value_name = "DATE")]
        date: Option<String>,
        /// Only the variable text, placed for pre-printed certificate paper, after a calibration page
        #[arg(long)]
        text_only: bool,
        /// Move every field right by this many millimetres (negative: left)
        #[arg(
            long,
            value_name = "MM",
            default_value_t = 0.0,
            allow_negative_numbers = true,
            requires = "text_only"
        )]
        offset_x: f64,
        /// Move every field down by this many millimetres (negative: up)
        #[arg(
            long,
            value_name = "MM",
            default_value_t = 0.0,
            allow_negative_numbers = true,
            requires = "text_only"
        )]
        offset_y: f64,
        /// Where each field goes on the paper (TOML), instead of the built-in places
        #[arg(long, value_name = "FILE", requires = "text_only")]
        layout: Option<PathBuf>,
    },
}

pub fn run(ctx: &Ctx, args: AwardArgs) -> Result<()> {
    match args.command {
        AwardCommand::Grant {
            dry_run,
            include,
            exclude,
        } => grant::run(ctx, dry_run, &include, &exclude),
        AwardCommand::Propose {
            days,
            from,
            contact,
            include,
            exclude,
            holiday,
            workday,
            replace,
            dry_run,
        } => proposal::propose(
            ctx,
            proposal::ProposeArgs {
                days,
                from: from.as_deref(),
                contact: contact.as_deref(),
                include: &include,
                exclude: &exclude,
                holidays: &holiday,
                workdays: &workday,
                replace,
                dry_run,
            },
        ),
        AwardCommand::Publicity { html, number, template } => publicity::run(
            ctx,
            publicity::Args {
                file: take_out(),
                html,
                number,
                template,
            },
        ),
        AwardCommand::List => list(ctx, ctx.read()?),
        AwardCommand::Revoke { code, reason, dry_run } => revoke(ctx, &code, &reason, dry_run),
        AwardCommand::Notice {
            export_template: Some(file),
            ..
        } => {
            write_file(&file, crate::wording::BUILTIN)?;
            say(&say!(
                en("wrote the built-in notice template to {}", file.display()),
                zh("已写出内置通报模板：{}", file.display())
            ));
            Ok(())
        }
        AwardCommand::Notice {
            html,
            date,
            number,
            template,
            ..
        } => {
            // The template is read first: a mistake in it is named before the database is.
            let template = match template {
                Some(t) => crate::wording::Template::read(&t)?,
                None => crate::wording::Template::builtin(),
            };
            notice(ctx, ctx.read()?, take_out(), html, date, number, template)
        }
        AwardCommand::Certificates {
            date,
            text_only: is_text_only,
            offset_x,
            offset_y,
            layout,
        } => {
            let dir = take_out().ok_or_else(|| {
                anyhow::anyhow!(
                    "{}",
                    tr(
                        "award certificates needs the folder to write into: --out DIR",
                        "award certificates 需要用 --out 指定写入的文件夹"
                    )
                )
            })?;
            if !is_text_only {
                return certificates(ctx, ctx.read()?, &dir, date);
            }
            let layout = match layout {
                Some(f) => crate::documents::overprint::Layout::read(&f)?,
                None => crate::documents::overprint::Layout::default(),
            };
            text_only(ctx, ctx.read()?, &dir, date, &layout, offset_x, offset_y)
        }
    }
}
