//! `award`: the awards of the term from the shortlist, their revocation, the commendation
//! notice and the certificates.

mod certificates;
mod grant;
mod listing;
mod notice;
pub mod proposal;
mod publicity;
mod revoke;

use certificates::certificates;
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
use crate::i18n::both;
use crate::i18n::tr;
use crate::output::{Cell, Format, Listing, col, out, say};
use crate::store::{nominee_by_code, resolve_term, term_not_closed};
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
        /// Supersede the proposal in force (it stays on the record)
        #[arg(long)]
        replace: bool,
        /// Check everything and write nothing
        #[arg(long)]
        dry_run: bool,
    },
    /// Print the 公示 notice of the proposed list, with its period and where to send objections
    ///
    /// --format table gives plain text, md gives Markdown, json the proposal; --html (or an
    /// --out file ending in .html) gives a printable A4 page.
    ///
    /// Example:
    ///   pingxuan award publicity
    ///   pingxuan award publicity --out 公示.html
    #[command(verbatim_doc_comment)]
    Publicity {
        /// Write to this file instead of stdout
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
        /// A printable HTML page
        #[arg(long)]
        html: bool,
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
    /// --format table gives plain text, md gives Markdown, json and csv give the lists;
    /// --html (or an --out file ending in .html) gives a printable A4 page.
    ///
    /// Example:
    ///   pingxuan award notice
    ///   pingxuan award notice --html --out 通报.html --number "甬口协〔2026〕5号"
    #[command(verbatim_doc_comment)]
    Notice {
        /// Write to this file instead of stdout
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
        /// A printable HTML page
        #[arg(long)]
        html: bool,
        /// The date of the notice (default: the day of the latest grant)
        #[arg(long, value_name = "DATE")]
        date: Option<String>,
        /// The document number (文号) printed above the title
        #[arg(long, value_name = "TEXT")]
        number: Option<String>,
    },
    /// Write one printable certificate per active award into a folder, with index.html
    ///
    /// Each certificate is a standalone A4 landscape HTML page named by its number
    /// (NBKA-2026-W-001.html); a window's page adds its plaque's text (匾牌文字) on a second
    /// sheet. index.html prints every certificate, one per page; plaques.html every plaque text.
    ///
    /// Example:
    ///   pingxuan award certificates --out 证书2026
    #[command(verbatim_doc_comment)]
    Certificates {
        /// The folder to write into (created if missing)
        #[arg(long, value_name = "DIR")]
        out: PathBuf,
        /// The date on the certificates (default: the day of the latest grant)
        #[arg(long, value_name = "DATE")]
        date: Option<String>,
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
                replace,
                dry_run,
            },
        ),
        AwardCommand::Publicity { out: file, html } => publicity::run(ctx, file, html),
        AwardCommand::List => list(ctx, ctx.read()?),
        AwardCommand::Revoke { code, reason, dry_run } => revoke(ctx, &code, &reason, dry_run),
        AwardCommand::Notice {
            out: file,
            html,
            date,
            number,
        } => notice(ctx, ctx.read()?, file, html, date, number),
        AwardCommand::Certificates { out: dir, date } => certificates(ctx, ctx.read()?, &dir, date),
    }
}
