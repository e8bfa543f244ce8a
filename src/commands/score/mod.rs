//! `score`: the scoring sheets (考核评分表), five criteria each: the nominee's own
//! self-evaluation and the sheets of the joint panel.

mod add;
pub mod evaluators;
mod import;
mod list;
mod panel;
pub mod progress;
mod sheet;
mod show;
mod withdraw;

use std::collections::HashMap;

use anyhow::{Context, Result, bail};
use clap::{Args, Subcommand, ValueEnum};
use num_rational::Ratio;
use rusqlite::{Connection, OptionalExtension, params, params_from_iter, types::Value as SqlValue};
use serde_json::json;

use super::Ctx;
use super::common::{
    Counts, ImportFile, JointText, Outcome, RowNominees, cell_problem, check_nominee_columns, column, fate_label,
    points_cell, set_aside_text, summary_prefix,
};
use crate::change::Change;
use crate::core::assess::{Fate, Sheet, joint_mean};
use crate::core::scheme::Scheme;
use crate::core::scheme::check_mark;
use crate::csvin::{Column, CsvFile, Problems, Row};
use crate::db::now;
use crate::i18n::{Lang, lang, tr};
use crate::output::{Cell, Format, Listing, col, out, say};
use crate::store::{self, Nominee, check_assessable, criterion_name, load_scheme, nominee_by_code};
use crate::values::{Category, Centi, fmt_exact, fmt_points, to_f64};
use panel::PanelCheck;

/// Record and read the scoring sheets (考核评分表): self-evaluation and the joint panel
///
/// A sheet marks the five criteria of the term's scheme. A nominee has one self-evaluation
/// sheet (自评) and one joint sheet (联评) per evaluator of the panel. A sheet is never
/// deleted: a replaced one stays on the record.
///
/// Example:
///   pingxuan score import self-scores.csv --source self
///   pingxuan score import joint-scores.csv --source joint
///   pingxuan score show W2026-001
#[derive(Args, Debug)]
#[command(verbatim_doc_comment)]
pub struct ScoreArgs {
    #[command(subcommand)]
    pub command: ScoreCommand,
}

#[derive(Subcommand, Debug)]
pub enum ScoreCommand {
    /// Import a file of scoring sheets, one sheet a row
    ///
    /// Columns, in English or Chinese and in any order: code/编号 (or category/类别 +
    /// unit/单位 + name/名称 together), source/来源 (self/自评 or joint/联评; or --source for
    /// the whole file), evaluator/评分人 (joint sheets only), c1..c5/指标1..指标5, note/备注.
    /// Marks must lie within each criterion's maximum, in the steps of the term's scheme.
    /// Every bad row is reported at once and then nothing is written. A sheet already on
    /// record with the same marks counts as already present.
    ///
    /// Example:
    ///   pingxuan score import self-scores.csv --source self
    ///   pingxuan score import joint-scores.csv --source joint --dry-run
    #[command(verbatim_doc_comment)]
    Import {
        /// The source of every sheet in the file, when it has no source/来源 column
        #[arg(long, value_enum)]
        source: Option<Source>,
        /// Replace sheets already on record with different marks (the old ones stay, marked replaced)
        #[arg(long)]
        replace: bool,
        #[command(flatten)]
        input: ImportFile,
    },
    /// Record one scoring sheet typed at the terminal
    ///
    /// Example:
    ///   pingxuan score add W2026-001 --source self --points 18.5,18,17,16.5,17
    ///   pingxuan score add W2026-001 --source joint --evaluator 陈国良 --points 16,16,17.5,17,17.5
    #[command(verbatim_doc_comment)]
    Add {
        /// The nomination code, e.g. W2026-001
        code: String,
        /// self (自评) or joint (联评)
        #[arg(long, value_enum)]
        source: Source,
        /// The panel member who marked a joint sheet
        #[arg(long, value_name = "NAME")]
        evaluator: Option<String>,
        /// The five marks, criterion 1 to 5, separated by commas
        #[arg(long, value_name = "A,B,C,D,E", allow_hyphen_values = true)]
        points: String,
        /// A remark kept with the sheet
        #[arg(long, value_name = "TEXT")]
        note: Option<String>,
        /// Replace the sheet already on record (the old one stays, marked replaced)
        #[arg(long)]
        replace: bool,
        /// Check everything and write nothing
        #[arg(long)]
        dry_run: bool,
    },
    /// List the current scoring sheets, one row each, with the five marks and the total
    ///
    /// Example:
    ///   pingxuan score list --source joint --evaluator 陈国良
    ///   pingxuan score list --category window --format csv
    #[command(verbatim_doc_comment)]
    List {
        /// Only the sheets of this nomination
        #[arg(long)]
        code: Option<String>,
        /// Only self (自评) or joint (联评) sheets
        #[arg(long, value_enum)]
        source: Option<Source>,
        /// Only the sheets of this evaluator
        #[arg(long, value_name = "NAME")]
        evaluator: Option<String>,
        /// Only windows or individuals
        #[arg(long, value_enum)]
        category: Option<Category>,
        /// Also list replaced sheets
        #[arg(long)]
        all: bool,
    },
    /// Take back a sheet entered by mistake; it stays on the record, marked withdrawn, and stops counting
    ///
    /// Example:
    ///   pingxuan score withdraw 42 --reason "录入时张冠李戴，应为 W2026-003"
    #[command(verbatim_doc_comment)]
    Withdraw {
        /// The sheet's number, as `score list` shows it
        id: String,
        /// Why (kept with the sheet and on the audit record)
        #[arg(long, value_name = "TEXT")]
        reason: String,
        /// Check everything and write nothing
        #[arg(long)]
        dry_run: bool,
    },
    /// Per evaluator, the nominees still missing a joint sheet; per nominee, its joint sheets of the minimum
    ///
    /// Members recuse from nominees of their own unit (回避): those are not missing. Without a
    /// panel, the evaluators are those who have given sheets. --reminders FILE writes a
    /// printable reminder list (催办单), one page per evaluator with sheets outstanding.
    ///
    /// Example:
    ///   pingxuan score progress
    ///   pingxuan score progress --format json
    ///   pingxuan score progress --reminders 催办单.html
    #[command(verbatim_doc_comment)]
    Progress {
        /// Write the printable reminder list (HTML) to this file
        #[arg(long, value_name = "FILE")]
        reminders: Option<std::path::PathBuf>,
    },
    /// Per evaluator: sheets given, mean total, spread, and mean difference from the other members
    ///
    /// The mean difference compares each of the evaluator's sheets with the mean of the other
    /// evaluators' sheets on the same nominee: a lenient evaluator shows a positive one.
    ///
    /// Example:
    ///   pingxuan score evaluators
    #[command(verbatim_doc_comment)]
    Evaluators,
    /// Show one nominee's sheets criterion by criterion, the joint mean and the gap to the self-evaluation
    ///
    /// The joint mean is the term's: with enough sheets (5 by default) the highest and the
    /// lowest total are dropped first, and the report names them.
    ///
    /// Example:
    ///   pingxuan score show W2026-001
    ///   pingxuan score show P2026-014 --all --format json
    #[command(verbatim_doc_comment)]
    Show {
        /// The nomination code, e.g. W2026-001
        code: String,
        /// Also show replaced sheets
        #[arg(long)]
        all: bool,
    },
}

/// Where a sheet comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, ValueEnum)]
pub enum Source {
    /// The nominee's own self-evaluation (自评)
    #[value(name = "self", alias = "自评")]
    SelfEval,
    /// A sheet of the joint panel (联评)
    #[value(name = "joint", alias = "联评")]
    Joint,
}

impl Source {
    pub fn code(self) -> &'static str {
        match self {
            Source::SelfEval => "self",
            Source::Joint => "joint",
        }
    }
    pub fn label(self) -> &'static str {
        match self {
            Source::SelfEval => tr("self", "自评"),
            Source::Joint => tr("joint", "联评"),
        }
    }
    fn parse(s: &str) -> Option<Source> {
        match s.trim().to_lowercase().as_str() {
            "self" | "自评" | "自评表" => Some(Source::SelfEval),
            "joint" | "联评" | "联评表" => Some(Source::Joint),
            _ => None,
        }
    }
    fn from_code(s: &str) -> Source {
        if s == "self" { Source::SelfEval } else { Source::Joint }
    }
}

const MARK_KEYS: [&str; 5] = ["c1", "c2", "c3", "c4", "c5"];

static COLUMNS: &[Column] = &[
    column("code", &["code", "编号"], false),
    column("category", &["category", "类别"], false),
    column("unit", &["unit", "单位"], false),
    column("name", &["name", "名称"], false),
    column("source", &["source", "来源"], false),
    column("evaluator", &["evaluator", "评分人"], false),
    column("c1", &["c1", "指标1"], true),
    column("c2", &["c2", "指标2"], true),
    column("c3", &["c3", "指标3"], true),
    column("c4", &["c4", "指标4"], true),
    column("c5", &["c5", "指标5"], true),
    column("note", &["note", "备注"], false),
];

pub fn run(ctx: &Ctx, args: ScoreArgs) -> Result<()> {
    match args.command {
        ScoreCommand::Import { source, replace, input } => import(ctx, &input, source, replace),
        ScoreCommand::Add {
            code,
            source,
            evaluator,
            points,
            note,
            replace,
            dry_run,
        } => add(ctx, &code, source, evaluator, &points, note, replace, dry_run),
        ScoreCommand::List {
            code,
            source,
            evaluator,
            category,
            all,
        } => list(ctx, code, source, evaluator, category, all),
        ScoreCommand::Show { code, all } => show(ctx, &code, all),
        ScoreCommand::Withdraw { id, reason, dry_run } => withdraw::run(ctx, &id, &reason, dry_run),
        ScoreCommand::Progress { reminders } => progress::run(ctx, reminders),
        ScoreCommand::Evaluators => evaluators::run(ctx),
    }
}

use add::add;
use import::import;
use list::{SheetRow, list, load_sheets};
use sheet::*;
use show::show;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sources_in_both_languages() {
        assert_eq!(Source::parse("自评"), Some(Source::SelfEval));
        assert_eq!(Source::parse(" Joint "), Some(Source::Joint));
        assert_eq!(Source::parse("联评"), Some(Source::Joint));
        assert_eq!(Source::parse("panel"), None);
    }
}
