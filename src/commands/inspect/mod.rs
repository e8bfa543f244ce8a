//! `inspect`: the year-round record: findings of open inspections (明查) and covert visits
//! (暗访), and satisfaction surveys (满意度调查) of the people served.

mod add;
mod import;
mod list;
mod record;
mod records;
mod withdraw;
mod words;

use add::*;
use import::*;

use std::collections::HashMap;

use anyhow::{Context, Result, bail};
use chrono::NaiveDate;
use clap::{Args, Subcommand, ValueEnum};

use super::Ctx;
use super::common::{Counts, Outcome};
use super::common::{
    FindingKind, ImportFile, RowNominees, check_nominee_columns, column, set_aside_text, summary_prefix,
};
use crate::core::inspection;
use crate::csvin::{self, Column, CsvFile, Row};
use crate::i18n::tr;
use crate::messages::say;
use crate::output::say;
use crate::store::{self, check_assessable, nominee_by_code};
use crate::values::parse_date;
use records::{Finding, Identity, Record, Survey};
use words::Origin;

/// Record open inspections, covert visits and satisfaction surveys over the year
///
/// A finding takes points off the inspection score; a survey counts the people satisfied
/// among those asked, kept as the two counts so that 49 of 50 is exactly 98%.
///
/// Example:
///   pingxuan inspect import inspections.csv
///   pingxuan inspect survey W2026-001 --satisfied 49 --total 50
///   pingxuan inspect list --code W2026-001
#[derive(Args, Debug)]
#[command(verbatim_doc_comment)]
pub struct InspectArgs {
    #[command(subcommand)]
    pub command: InspectCommand,
}

#[derive(Subcommand, Debug)]
pub enum InspectCommand {
    /// Import a file of findings or a file of surveys, told apart by their headers
    ///
    /// Findings: code/编号 (or category/类别 + unit/单位 + name/名称), kind/方式*
    /// (open/明查, covert/暗访), date/日期*, inspector/检查人, finding/发现问题, deduction/扣分*.
    /// Surveys: code/编号 (or category + unit + name), date/日期, satisfied/满意人数*,
    /// total/调查人数*. Every bad row is reported at once and then nothing is written.
    ///
    /// A finding is the same record when nominee, kind, date, inspector and finding match; a
    /// survey when nominee and date match (a nominee has one undated survey at most). A row
    /// already on record counts as already present; a row that is on record with another
    /// deduction or other counts is refused, naming what is on record, unless --replace.
    ///
    /// Example:
    ///   pingxuan inspect import inspections.csv
    ///   pingxuan inspect import surveys.csv --dry-run
    ///   pingxuan inspect import surveys-corrected.csv --replace
    #[command(verbatim_doc_comment)]
    Import {
        /// Correct records on file whose deduction or counts differ: the old one is withdrawn
        /// (it stays listed with --all) and the row is recorded; also records again a row that
        /// is the same as a withdrawn one
        #[arg(long)]
        replace: bool,
        #[command(flatten)]
        input: ImportFile,
    },
    /// Record one finding of an open inspection or a covert visit
    ///
    /// The same finding (nominee, kind, date, inspector and finding) with another deduction is
    /// refused unless --replace.
    ///
    /// Example:
    ///   pingxuan inspect add P2026-056 --kind covert --date 2026-10-26 \
    ///     --inspector 林卫东 --finding 包干区保洁不到位 --deduction 1
    #[command(verbatim_doc_comment)]
    Add {
        /// The nomination code, e.g. W2026-001
        code: String,
        /// open (明查) or covert (暗访)
        #[arg(long, value_enum)]
        kind: FindingKind,
        /// The day of the inspection (YYYY-MM-DD), within the term's year
        #[arg(long, value_name = "DATE")]
        date: String,
        /// Who inspected
        #[arg(long, value_name = "NAME")]
        inspector: Option<String>,
        /// What was found
        #[arg(long, value_name = "TEXT")]
        finding: String,
        /// Points taken off the inspection score, e.g. 1.5
        #[arg(long, value_name = "POINTS", allow_hyphen_values = true)]
        deduction: String,
        /// Correct the same finding on file with another deduction (the old one is withdrawn)
        #[arg(long)]
        replace: bool,
        /// Check everything and write nothing
        #[arg(long)]
        dry_run: bool,
    },
    /// Record one satisfaction survey: how many of those asked were satisfied
    ///
    /// A survey of the same nominee and date (or a second undated one) with other counts is
    /// refused unless --replace; a second survey needs its own date.
    ///
    /// Example:
    ///   pingxuan inspect survey W2026-001 --satisfied 49 --total 50 --date 2026-11-08
    ///   pingxuan inspect survey W2026-001 --satisfied 48 --total 50 --date 2026-11-08 --replace
    #[command(verbatim_doc_comment)]
    Survey {
        /// The nomination code, e.g. W2026-001
        code: String,
        /// How many were satisfied
        #[arg(long, value_name = "N", allow_hyphen_values = true)]
        satisfied: String,
        /// How many were asked
        #[arg(long, value_name = "N", allow_hyphen_values = true)]
        total: String,
        /// The day of the survey (YYYY-MM-DD), within the term's year
        #[arg(long, value_name = "DATE")]
        date: Option<String>,
        /// Correct the survey on file of the same date with other counts (the old one is withdrawn)
        #[arg(long)]
        replace: bool,
        /// Check everything and write nothing
        #[arg(long)]
        dry_run: bool,
    },
    /// List the findings and surveys of the term, by date
    ///
    /// Each record is numbered as `inspect withdraw` names it: F12 for a finding, S3 for a
    /// survey. Withdrawn records do not count and are left out unless --all.
    ///
    /// Example:
    ///   pingxuan inspect list --kind covert --from 2026-10-01 --to 2026-10-31
    ///   pingxuan inspect list --kind survey --format csv
    ///   pingxuan inspect list --code W2026-001 --all
    #[command(verbatim_doc_comment)]
    List {
        /// Only the records of this nomination
        #[arg(long)]
        code: Option<String>,
        /// Only open inspections, covert visits or surveys
        #[arg(long, value_enum)]
        kind: Option<ListKind>,
        /// Only records dated on or after this day
        #[arg(long, value_name = "DATE")]
        from: Option<String>,
        /// Only records dated on or before this day
        #[arg(long, value_name = "DATE")]
        to: Option<String>,
        /// Also list withdrawn records, with who withdrew them, when and why
        #[arg(long)]
        all: bool,
    },
    /// Withdraw a wrong finding or survey, saying why; it stays listed (with --all) and no longer counts
    ///
    /// Name the record as `inspect list` shows it: F12 for a finding, S3 for a survey (either
    /// case; a bare number such as 12 is accepted when only one finding or survey of the term
    /// has it). A withdrawn record stays on the record with who, when and why, and no longer
    /// counts in the inspection score or the pooled satisfaction. It cannot be withdrawn twice
    /// or brought back: record it again instead (`inspect add`, `inspect survey`, or the
    /// import with --replace). To correct a deduction or counts, --replace on the import or
    /// on `inspect add` / `inspect survey` withdraws the old record and adds the new one.
    ///
    /// Example:
    ///   pingxuan inspect withdraw F12 --reason "记错了被推荐对象，应为 W2026-003"
    ///   pingxuan inspect withdraw S3 --reason "重复录入" --dry-run
    #[command(verbatim_doc_comment)]
    Withdraw {
        /// The record, as `inspect list` shows it: F12 or S3
        id: String,
        /// Why the record is withdrawn (kept with it and on the audit record)
        #[arg(long, value_name = "TEXT")]
        reason: String,
        /// Check everything and write nothing
        #[arg(long)]
        dry_run: bool,
    },
}

/// What `inspect list` shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ListKind {
    /// Open inspections (明查)
    #[value(alias = "明查")]
    Open,
    /// Covert visits (暗访)
    #[value(alias = "暗访")]
    Covert,
    /// Satisfaction surveys (满意度调查)
    #[value(alias = "满意度")]
    Survey,
}

static FINDING_COLUMNS: &[Column] = &[
    column("code", &["code", "编号"], false),
    column("category", &["category", "类别"], false),
    column("unit", &["unit", "单位"], false),
    column("name", &["name", "名称"], false),
    column("kind", &["kind", "方式"], true),
    column("date", &["date", "日期"], true),
    column("inspector", &["inspector", "检查人"], false),
    column("finding", &["finding", "发现问题"], false),
    column("deduction", &["deduction", "扣分"], true),
];

static SURVEY_COLUMNS: &[Column] = &[
    column("code", &["code", "编号"], false),
    column("category", &["category", "类别"], false),
    column("unit", &["unit", "单位"], false),
    column("name", &["name", "名称"], false),
    column("date", &["date", "日期"], false),
    column("satisfied", &["satisfied", "满意人数"], true),
    column("total", &["total", "调查人数"], true),
];

pub fn run(ctx: &Ctx, args: InspectArgs) -> Result<()> {
    match args.command {
        InspectCommand::Import { replace, input } => import(ctx, &input, replace),
        InspectCommand::Add {
            code,
            kind,
            date,
            inspector,
            finding,
            deduction,
            replace,
            dry_run,
        } => {
            let f = Finding {
                kind,
                date: parse_date(&date).with_context(|| format!("--date \"{date}\""))?,
                inspector: inspector.unwrap_or_default().trim().to_string(),
                finding: finding.trim().to_string(),
                deduction: inspection::deduction(&deduction)
                    .map_err(|m| anyhow::anyhow!("--deduction \"{deduction}\": {m}"))?,
            };
            if f.finding.is_empty() {
                bail!(
                    "{}",
                    say!(en("--finding: say what was found"), zh("--finding: 请写明发现的问题"))
                );
            }
            add_one(ctx, &code, Record::Finding(f), replace, dry_run)
        }
        InspectCommand::Survey {
            code,
            satisfied,
            total,
            date,
            replace,
            dry_run,
        } => {
            let date = date
                .map(|d| parse_date(&d).with_context(|| format!("--date \"{d}\"")))
                .transpose()?;
            let satisfied =
                inspection::count(&satisfied).map_err(|m| anyhow::anyhow!("--satisfied \"{satisfied}\": {m}"))?;
            let total = inspection::count(&total).map_err(|m| anyhow::anyhow!("--total \"{total}\": {m}"))?;
            let s = Survey { date, satisfied, total };
            s.check().map_err(anyhow::Error::msg)?;
            add_one(ctx, &code, Record::Survey(s), replace, dry_run)
        }
        InspectCommand::List {
            code,
            kind,
            from,
            to,
            all,
        } => list::list(
            ctx,
            list::Filter {
                code,
                kind,
                from,
                to,
                all,
            },
        ),
        InspectCommand::Withdraw { id, reason, dry_run } => withdraw::run(ctx, &id, &reason, dry_run),
    }
}
