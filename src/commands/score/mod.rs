//! `score`: the scoring sheets (考核评分表), five criteria each: the nominee's own
//! self-evaluation and the sheets of the joint panel.

pub mod evaluators;
mod panel;
pub mod progress;
mod withdraw;

use std::collections::HashMap;

use anyhow::{Context, Result, bail};
use clap::{Args, Subcommand, ValueEnum};
use num_rational::Ratio;
use rusqlite::{Connection, OptionalExtension, params, params_from_iter, types::Value as SqlValue};
use serde_json::json;

use super::Ctx;
use super::common::{
    Counts, ImportFile, JointText, Outcome, cell_problem, check_nominee_columns, column, fate_label, points_cell,
    row_nominee, set_aside_text, summary_prefix,
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

// ---- the marks -------------------------------------------------------------------------

/// The most any nominee may get on criterion `i`, for checking a row whose nominee is unknown.
fn widest_max(scheme: &Scheme, i: usize) -> Centi {
    Category::ALL
        .iter()
        .map(|c| scheme.rule(*c).criteria[i].max)
        .max()
        .unwrap_or(0)
}

fn marks_json(marks: &[Centi; 5]) -> serde_json::Value {
    json!(marks.iter().map(|m| fmt_points(*m)).collect::<Vec<_>>())
}

// ---- recording a sheet -------------------------------------------------------------------

struct NewSheet<'a> {
    nominee: &'a Nominee,
    source: Source,
    evaluator: String,
    marks: [Centi; 5],
    note: String,
    /// Where the sheet came from, for the audit record.
    origin: serde_json::Value,
}

struct OnRecord {
    id: i64,
    marks: [Centi; 5],
    note: String,
    recorded_at: String,
    recorded_by: String,
}

fn sheet_on_record(conn: &Connection, nomination: i64, source: Source, evaluator: &str) -> Result<Option<OnRecord>> {
    conn.prepare_cached(
        "SELECT id, c1, c2, c3, c4, c5, note, recorded_at, recorded_by FROM sheet
             WHERE nomination = ?1 AND source = ?2 AND evaluator = ?3 AND replaced_at IS NULL",
    )?
    .query_row(params![nomination, source.code(), evaluator], |r| {
        Ok(OnRecord {
            id: r.get(0)?,
            marks: [r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?],
            note: r.get(6)?,
            recorded_at: r.get(7)?,
            recorded_by: r.get(8)?,
        })
    })
    .optional()
    .context("reading the sheets on record")
}

fn describe_sheet(n: &Nominee, source: Source, evaluator: &str) -> String {
    match source {
        Source::SelfEval => format!("{} {}", n.code, tr("self-evaluation sheet", "自评表")),
        Source::Joint => format!("{} {} ({evaluator})", n.code, tr("joint sheet", "联评表")),
    }
}

/// Records a sheet. The inner error is the clerk's: a different sheet is already on record.
fn record(
    tx: &Change,
    ctx: &Ctx,
    year: i32,
    s: &NewSheet<'_>,
    replace: bool,
) -> Result<std::result::Result<Outcome, String>> {
    let old = sheet_on_record(tx, s.nominee.id, s.source, &s.evaluator)?;
    if let Some(old) = &old {
        if old.marks == s.marks && old.note == s.note {
            return Ok(Ok(Outcome::Present));
        }
        if !replace {
            let total: Centi = old.marks.iter().sum();
            return Ok(Err(match lang() {
                Lang::En => format!(
                    "{} is already on record with other marks ({}, total {}, recorded {} by {}); give --replace to replace it",
                    describe_sheet(s.nominee, s.source, &s.evaluator),
                    old.marks.iter().map(|m| fmt_points(*m)).collect::<Vec<_>>().join(","),
                    fmt_points(total),
                    old.recorded_at,
                    old.recorded_by
                ),
                Lang::Zh => format!(
                    "{}已有记录且分数不同（{}，合计 {}，{} 由 {} 录入）；如需替换请加 --replace",
                    describe_sheet(s.nominee, s.source, &s.evaluator),
                    old.marks.iter().map(|m| fmt_points(*m)).collect::<Vec<_>>().join(","),
                    fmt_points(total),
                    old.recorded_at,
                    old.recorded_by
                ),
            }));
        }
        tx.prepare_cached("UPDATE sheet SET replaced_at = ?2 WHERE id = ?1")?
            .execute(params![old.id, now()])
            .context("marking the old sheet replaced")?;
    }
    let m = &s.marks;
    tx.prepare_cached(
        "INSERT INTO sheet (nomination, source, evaluator, c1, c2, c3, c4, c5, note, recorded_at, recorded_by)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
    )?
    .execute(params![
        s.nominee.id,
        s.source.code(),
        s.evaluator,
        m[0],
        m[1],
        m[2],
        m[3],
        m[4],
        s.note,
        now(),
        ctx.operator
    ])
    .with_context(|| format!("recording the {}", describe_sheet(s.nominee, s.source, &s.evaluator)))?;
    let id = tx.last_insert_rowid();
    let mut detail = json!({
        "sheet": id,
        "source": s.source.code(),
        "evaluator": s.evaluator,
        "marks": marks_json(m),
        "total": fmt_points(m.iter().sum()),
        "note": s.note,
        "origin": s.origin,
    });
    let action = match &old {
        Some(old) => {
            detail["replaced"] = json!({
                "sheet": old.id,
                "marks": marks_json(&old.marks),
                "total": fmt_points(old.marks.iter().sum()),
                "note": old.note,
                "recorded_at": old.recorded_at,
                "recorded_by": old.recorded_by,
            });
            "score.replace"
        }
        None => "score.add",
    };
    tx.record(Some(year), action, &s.nominee.code, detail)?;
    Ok(Ok(if old.is_some() {
        Outcome::Replaced
    } else {
        Outcome::Added
    }))
}

// ---- import ------------------------------------------------------------------------------

fn import(ctx: &Ctx, input: &ImportFile, flag_source: Option<Source>, replace: bool) -> Result<()> {
    let dry_run = input.dry_run;
    let file = input.read(COLUMNS)?;
    check_nominee_columns(&file)?;
    let tx = ctx.change()?;
    let term = store::writable_term(&tx, ctx)?;
    let scheme = load_scheme(&tx, term.year)?;
    let mut problems = file.problems();
    let mut seen: HashMap<(i64, Source, String), u64> = HashMap::new();
    let mut sheets = Vec::new();
    let mut set_aside = Vec::new();
    let panel = PanelCheck::load(&tx, term.year)?;
    for row in &file.rows {
        let nominee = row_nominee(&tx, term.year, &file, row, &mut problems, &mut set_aside);
        let source = row_source(&file, row, flag_source, &mut problems);
        let evaluator = file.get(row, "evaluator").to_string();
        let evaluator_problem = match source {
            Some(Source::Joint) if evaluator.is_empty() => Some(cell_problem(
                &file,
                row,
                "evaluator",
                tr(
                    "a joint sheet needs the evaluator's name (评分人)",
                    "联评表须填写评分人",
                ),
            )),
            Some(Source::SelfEval) if !evaluator.is_empty() => Some(file.problem(
                row,
                "evaluator",
                tr(
                    "a self-evaluation sheet has no evaluator; leave 评分人 empty",
                    "自评表不填评分人，请留空",
                ),
            )),
            _ => None,
        };
        let evaluator_ok = evaluator_problem.is_none();
        if let Some(p) = evaluator_problem {
            problems.push(p);
        }
        let mut marks = [0; 5];
        let mut marks_ok = true;
        for (i, key) in MARK_KEYS.iter().enumerate() {
            let max = match &nominee {
                Some(n) => scheme.rule(n.category).criteria[i].max,
                None => widest_max(&scheme, i),
            };
            match check_mark(file.get(row, key), max, scheme.step) {
                Ok(v) => marks[i] = v,
                Err(m) => {
                    marks_ok = false;
                    problems.push(file.problem(row, key, m));
                }
            }
        }
        let (Some(nominee), Some(source), true) = (nominee, source, marks_ok && evaluator_ok) else {
            continue;
        };
        if source == Source::Joint
            && let Some(m) = panel.refusal(&evaluator, &nominee)
        {
            problems.push(cell_problem(&file, row, "evaluator", &m));
            continue;
        }
        let key = (nominee.id, source, evaluator.clone());
        if let Some(first) = seen.get(&key) {
            problems.push(file.row_problem(
                row,
                match lang() {
                    Lang::En => format!(
                        "the same sheet ({}) as line {first}; a file gives each sheet once",
                        describe_sheet(&nominee, source, &evaluator)
                    ),
                    Lang::Zh => format!(
                        "与第 {first} 行是同一张评分表（{}）；每张表在文件中只能出现一次",
                        describe_sheet(&nominee, source, &evaluator)
                    ),
                },
            ));
            continue;
        }
        seen.insert(key, row.line);
        sheets.push((row, nominee, source, evaluator, marks));
    }
    let mut counts = Counts::default();
    for (row, nominee, source, evaluator, marks) in &sheets {
        let s = NewSheet {
            nominee,
            source: *source,
            evaluator: evaluator.clone(),
            marks: *marks,
            note: file.get(row, "note").to_string(),
            origin: json!({ "file": file.name, "line": row.line }),
        };
        match record(&tx, ctx, term.year, &s, replace)? {
            Ok(o) => counts.bump(o),
            Err(m) => problems.push(file.row_problem(row, m)),
        }
    }
    problems.into_result()?;
    tx.finish(dry_run)?;
    say(&format!(
        "{}{}{}{}",
        summary_prefix(dry_run),
        file.describe(),
        tr(": ", "："),
        counts.text("", "")
    ));
    if let Some(t) = set_aside_text(&set_aside) {
        say(&t);
    }
    Ok(())
}

fn row_source(file: &CsvFile, row: &Row, flag: Option<Source>, problems: &mut Problems) -> Option<Source> {
    let raw = file.get(row, "source");
    if raw.is_empty() {
        if flag.is_none() {
            problems.push(cell_problem(
                file,
                row,
                "source",
                tr(
                    "no source: give a source/来源 column (self/自评 or joint/联评) or --source self|joint",
                    "未指明来源：请提供 来源/source 列（自评/self 或 联评/joint），或使用 --source self|joint",
                ),
            ));
        }
        return flag;
    }
    let Some(s) = Source::parse(raw) else {
        problems.push(file.problem(
            row,
            "source",
            tr("expected self/自评 or joint/联评", "应为 自评/self 或 联评/joint"),
        ));
        return None;
    };
    match flag {
        Some(f) if f != s => {
            problems.push(file.problem(
                row,
                "source",
                match lang() {
                    Lang::En => format!("the row says {} but --source {} was given", s.code(), f.code()),
                    Lang::Zh => format!("该行为{}，但命令指定了 --source {}", s.label(), f.code()),
                },
            ));
            None
        }
        _ => Some(s),
    }
}

// ---- add ---------------------------------------------------------------------------------

#[allow(clippy::too_many_arguments)]
fn add(
    ctx: &Ctx,
    code: &str,
    source: Source,
    evaluator: Option<String>,
    points: &str,
    note: Option<String>,
    replace: bool,
    dry_run: bool,
) -> Result<()> {
    let evaluator = evaluator.unwrap_or_default().trim().to_string();
    match source {
        Source::Joint if evaluator.is_empty() => bail!(
            "{}",
            tr(
                "a joint sheet needs --evaluator NAME",
                "联评表须用 --evaluator 指明评分人"
            )
        ),
        Source::SelfEval if !evaluator.is_empty() => bail!(
            "{}",
            tr(
                "a self-evaluation sheet has no evaluator; leave out --evaluator",
                "自评表没有评分人，请去掉 --evaluator"
            )
        ),
        _ => {}
    }
    let raw: Vec<&str> = points.split([',', '，']).map(str::trim).collect();
    if raw.len() != 5 {
        bail!(
            "--points \"{points}\": {}",
            match lang() {
                Lang::En => format!(
                    "five marks are needed, one per criterion, e.g. 18,17.5,19,18,17 (got {})",
                    raw.len()
                ),
                Lang::Zh => format!(
                    "须有五个分数，每项指标一个，如 18,17.5,19,18,17（现有 {} 个）",
                    raw.len()
                ),
            }
        );
    }
    let tx = ctx.change()?;
    let term = store::writable_term(&tx, ctx)?;
    let scheme = load_scheme(&tx, term.year)?;
    let nominee = nominee_by_code(&tx, term.year, code)?;
    check_assessable(&nominee).map_err(anyhow::Error::msg)?;
    if source == Source::Joint
        && let Some(m) = PanelCheck::load(&tx, term.year)?.refusal(&evaluator, &nominee)
    {
        bail!("--evaluator {evaluator}: {m}");
    }
    let rule = scheme.rule(nominee.category);
    let mut marks = [0; 5];
    let mut bad = Vec::new();
    for (i, r) in raw.iter().enumerate() {
        match check_mark(r, rule.criteria[i].max, scheme.step) {
            Ok(v) => marks[i] = v,
            Err(m) => bad.push(format!(
                "\n  {} {} ({}), {} \"{r}\": {m}",
                tr("criterion", "指标"),
                i + 1,
                criterion_name(&rule.criteria[i]),
                tr("value", "值")
            )),
        }
    }
    if !bad.is_empty() {
        bail!(
            "--points \"{points}\": {}{}",
            tr("marks outside the term's scheme", "分数不符合本届评选方案"),
            bad.concat()
        );
    }
    let s = NewSheet {
        nominee: &nominee,
        source,
        evaluator,
        marks,
        note: note.unwrap_or_default().trim().to_string(),
        origin: json!({ "via": "score add" }),
    };
    let outcome = record(&tx, ctx, term.year, &s, replace)?.map_err(anyhow::Error::msg)?;
    tx.finish(dry_run)?;
    let what = describe_sheet(&nominee, source, &s.evaluator);
    let total = fmt_points(marks.iter().sum());
    say(&format!(
        "{}{what}: {}",
        summary_prefix(dry_run),
        match (outcome, lang()) {
            (Outcome::Added, Lang::En) => format!("added, total {total}"),
            (Outcome::Added, Lang::Zh) => format!("已录入，合计 {total}"),
            (Outcome::Replaced, Lang::En) => format!("replaced, total now {total}"),
            (Outcome::Replaced, Lang::Zh) => format!("已替换，现合计 {total}"),
            (Outcome::Present, Lang::En) => "already present with these marks; nothing added".to_string(),
            (Outcome::Present, Lang::Zh) => "已有相同记录，未重复录入".to_string(),
            // Sheets are replaced, never withdrawn: this does not arise for them.
            (Outcome::LeftWithdrawn, Lang::En) => "left as replaced; nothing added".to_string(),
            (Outcome::LeftWithdrawn, Lang::Zh) => "保持已替换，未录入".to_string(),
        }
    ));
    Ok(())
}

// ---- list --------------------------------------------------------------------------------

struct SheetRow {
    id: i64,
    code: String,
    category: Category,
    name: String,
    unit: String,
    source: Source,
    evaluator: String,
    marks: [Centi; 5],
    note: String,
    recorded_at: String,
    recorded_by: String,
    replaced_at: Option<String>,
    withdraw_reason: Option<String>,
}

fn load_sheets(conn: &Connection, year: i32, filters: &[(&str, SqlValue)], all: bool) -> Result<Vec<SheetRow>> {
    let mut sql = String::from(
        "SELECT s.id, n.code, n.category, n.name, u.name, s.source, s.evaluator, s.c1, s.c2, s.c3, s.c4, s.c5,
                s.note, s.recorded_at, s.recorded_by, s.replaced_at, w.reason
         FROM sheet s JOIN nomination n ON n.id = s.nomination JOIN unit u ON u.id = n.unit_id
         LEFT JOIN sheet_withdrawal w ON w.sheet = s.id
         WHERE n.term = ?1",
    );
    if !all {
        sql += " AND s.replaced_at IS NULL";
    }
    let mut values = vec![SqlValue::Integer(year as i64)];
    for (i, (cond, v)) in filters.iter().enumerate() {
        sql += &format!(" AND {cond} ?{}", i + 2);
        values.push(v.clone());
    }
    sql += " ORDER BY n.code, s.source DESC, s.evaluator, s.id";
    let mut st = conn.prepare(&sql).context("reading the sheets")?;
    let rows = st
        .query_map(params_from_iter(values), |r| {
            Ok(SheetRow {
                id: r.get(0)?,
                code: r.get(1)?,
                category: r.get(2)?,
                name: r.get(3)?,
                unit: r.get(4)?,
                source: Source::from_code(&r.get::<_, String>(5)?),
                evaluator: r.get(6)?,
                marks: [r.get(7)?, r.get(8)?, r.get(9)?, r.get(10)?, r.get(11)?],
                note: r.get(12)?,
                recorded_at: r.get(13)?,
                recorded_by: r.get(14)?,
                replaced_at: r.get(15)?,
                withdraw_reason: r.get(16)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()
        .context("reading the sheets")?;
    Ok(rows)
}

fn list(
    ctx: &Ctx,
    code: Option<String>,
    source: Option<Source>,
    evaluator: Option<String>,
    category: Option<Category>,
    all: bool,
) -> Result<()> {
    let conn = ctx.read()?;
    let term = store::resolve_term(conn, ctx)?;
    let mut filters = Vec::new();
    if let Some(code) = code {
        let n = nominee_by_code(conn, term.year, &code)?;
        filters.push(("n.id =", SqlValue::Integer(n.id)));
    }
    if let Some(s) = source {
        filters.push(("s.source =", SqlValue::Text(s.code().to_string())));
    }
    if let Some(e) = evaluator {
        filters.push(("s.evaluator =", SqlValue::Text(e.trim().to_string())));
    }
    if let Some(c) = category {
        filters.push(("n.category =", SqlValue::Text(c.code().to_string())));
    }
    let mut cols = vec![
        col("id", tr("sheet", "表号")),
        col("code", tr("code", "编号")),
        col("category", tr("category", "类别")),
        col("name", tr("name", "名称")),
        col("unit", tr("unit", "单位")),
        col("source", tr("source", "来源")),
        col("evaluator", tr("evaluator", "评分人")),
        col("c1", tr("c1", "指标1")),
        col("c2", tr("c2", "指标2")),
        col("c3", tr("c3", "指标3")),
        col("c4", tr("c4", "指标4")),
        col("c5", tr("c5", "指标5")),
        col("total", tr("total", "合计")),
        col("note", tr("note", "备注")),
        col("recorded_at", tr("recorded", "录入时间")),
        col("recorded_by", tr("by", "录入人")),
    ];
    if all {
        cols.push(col("replaced_at", tr("replaced", "替换时间")));
        cols.push(col("withdraw_reason", tr("withdrawn because", "撤回理由")));
    }
    let mut l = Listing::new(cols);
    for s in load_sheets(conn, term.year, &filters, all)? {
        let mut row = vec![
            Cell::Int(s.id),
            s.code.into(),
            Cell::code(s.category.code(), s.category.label()),
            s.name.into(),
            s.unit.into(),
            Cell::code(s.source.code(), s.source.label()),
            s.evaluator.into(),
        ];
        row.extend(s.marks.iter().map(|m| points_cell(Some(*m))));
        row.push(points_cell(Some(s.marks.iter().sum())));
        row.extend([s.note.into(), s.recorded_at.into(), s.recorded_by.into()]);
        if all {
            row.push(s.replaced_at.into());
            row.push(s.withdraw_reason.into());
        }
        l.push(row);
    }
    l.print(ctx.format)
}

// ---- show --------------------------------------------------------------------------------

/// What became of a sheet in the joint mean.
#[derive(Clone, Copy, PartialEq, Eq)]
enum InMean {
    SelfSheet,
    Joint(Fate),
    Replaced,
}

impl InMean {
    fn code(self) -> &'static str {
        match self {
            InMean::SelfSheet => "self",
            InMean::Joint(f) => f.code(),
            InMean::Replaced => "replaced",
        }
    }
    fn label(self) -> &'static str {
        match self {
            InMean::SelfSheet => tr("self-evaluation", "自评"),
            InMean::Joint(f) => fate_label(f),
            InMean::Replaced => tr("replaced", "已替换"),
        }
    }
}

fn signed_exact(r: &Ratio<i64>) -> String {
    if *r > Ratio::from_integer(0) {
        format!("+{}", fmt_exact(r))
    } else {
        fmt_exact(r)
    }
}

fn show(ctx: &Ctx, code: &str, all: bool) -> Result<()> {
    let conn = ctx.read()?;
    let term = store::resolve_term(conn, ctx)?;
    let scheme = load_scheme(conn, term.year)?;
    let n = nominee_by_code(conn, term.year, code)?;
    let rule = scheme.rule(n.category);
    let mut sheets = load_sheets(conn, term.year, &[("n.id =", SqlValue::Integer(n.id))], all)?;
    // The sheets that count first; replaced ones after them, as they were recorded.
    sheets.sort_by_key(|s| s.replaced_at.is_some());
    let self_sheet = sheets
        .iter()
        .find(|s| s.source == Source::SelfEval && s.replaced_at.is_none());
    // The joint sheets that count, in the order they were recorded.
    let mut joint_rows: Vec<&SheetRow> = sheets
        .iter()
        .filter(|s| s.source == Source::Joint && s.replaced_at.is_none())
        .collect();
    joint_rows.sort_by_key(|s| s.id);
    let joint_sheets: Vec<Sheet> = joint_rows
        .iter()
        .map(|s| Sheet {
            evaluator: s.evaluator.clone(),
            marks: s.marks,
        })
        .collect();
    let joint = joint_mean(&joint_sheets, scheme.trim_from);
    let dropped_high = joint.as_ref().and_then(|j| j.dropped_high).map(|i| joint_rows[i]);
    let dropped_low = joint.as_ref().and_then(|j| j.dropped_low).map(|i| joint_rows[i]);
    let counted = |s: &SheetRow| {
        if s.replaced_at.is_some() {
            InMean::Replaced
        } else if s.source == Source::SelfEval {
            InMean::SelfSheet
        } else {
            let at = joint_rows.iter().position(|j| j.id == s.id);
            InMean::Joint(match (&joint, at) {
                (Some(j), Some(i)) => j.fate(i),
                _ => Fate::Counted,
            })
        }
    };
    let self_total: Option<Centi> = self_sheet.map(|s| s.marks.iter().sum());
    let gap = match (self_total, &joint) {
        (Some(s), Some(j)) => Some(Ratio::from_integer(s) - j.mean),
        _ => None,
    };
    let total_of = |s: &SheetRow| -> Centi { s.marks.iter().sum() };
    let joint_text = joint
        .as_ref()
        .map(|j| JointText::new(j, &joint_sheets, scheme.trim_from).summary());

    if ctx.format == Format::Json {
        let sheet_json = |s: &SheetRow| {
            json!({
                "id": s.id,
                "source": s.source.code(),
                "evaluator": s.evaluator,
                "c1": s.marks[0] as f64 / 100.0,
                "c2": s.marks[1] as f64 / 100.0,
                "c3": s.marks[2] as f64 / 100.0,
                "c4": s.marks[3] as f64 / 100.0,
                "c5": s.marks[4] as f64 / 100.0,
                "total": total_of(s) as f64 / 100.0,
                "counted": counted(s).code(),
                "note": s.note,
                "recorded_at": s.recorded_at,
                "recorded_by": s.recorded_by,
                "replaced_at": s.replaced_at,
            })
        };
        let report = json!({
            "code": n.code,
            "category": n.category.code(),
            "name": n.name,
            "unit": n.unit,
            "group": n.group,
            "status": n.status.code(),
            "criteria": rule.criteria.iter().enumerate().map(|(i, c)| json!({
                "key": MARK_KEYS[i], "name_zh": c.name_zh, "name_en": c.name_en, "max": c.max as f64 / 100.0,
            })).collect::<Vec<_>>(),
            "sheets": sheets.iter().map(sheet_json).collect::<Vec<_>>(),
            "self": self_total.map(|t| t as f64 / 100.0),
            "joint": joint.as_ref().map(|j| to_f64(&j.mean)),
            "joint_exact": joint.as_ref().map(|j| fmt_exact(&j.mean)),
            "joint_sheets": joint_rows.len(),
            "joint_counted": joint.as_ref().map(|j| j.counted),
            "dropped_highest": dropped_high.map(|s| s.id),
            "dropped_lowest": dropped_low.map(|s| s.id),
            "gap": gap.as_ref().map(to_f64),
            "gap_exact": gap.as_ref().map(fmt_exact),
        });
        return out(&format!("{}\n", serde_json::to_string_pretty(&report)?));
    }

    let mut cols = vec![
        col("id", tr("sheet", "表号")),
        col("source", tr("source", "来源")),
        col("evaluator", tr("evaluator", "评分人")),
    ];
    for (i, c) in rule.criteria.iter().enumerate() {
        cols.push(col(MARK_KEYS[i], &format!("{} {}", i + 1, criterion_name(c))));
    }
    cols.push(col("total", tr("total", "合计")));
    cols.push(col("counted", tr("in the joint mean", "联评计分")));
    cols.push(col("note", tr("note", "备注")));
    if all {
        cols.push(col("replaced_at", tr("replaced", "替换时间")));
        cols.push(col("withdraw_reason", tr("withdrawn because", "撤回理由")));
    }
    let mut l = Listing::new(cols);
    for s in &sheets {
        let c = counted(s);
        let mut row = vec![
            Cell::Int(s.id),
            Cell::code(s.source.code(), s.source.label()),
            s.evaluator.clone().into(),
        ];
        row.extend(s.marks.iter().map(|m| points_cell(Some(*m))));
        row.push(points_cell(Some(total_of(s))));
        row.push(Cell::code(c.code(), c.label()));
        row.push(s.note.clone().into());
        if all {
            row.push(s.replaced_at.clone().into());
        }
        l.push(row);
    }
    if ctx.format == Format::Csv {
        return l.print(ctx.format);
    }
    let none = || tr("none", "无").to_string();
    let mut summary = Listing::new(vec![col("item", tr("item", "项目")), col("value", tr("value", "内容"))]);
    summary.push(vec![
        tr("self-evaluation total", "自评合计").into(),
        self_total.map(fmt_points).unwrap_or_else(none).into(),
    ]);
    summary.push(vec![
        tr("joint evaluation", "联评得分").into(),
        joint_text.unwrap_or_else(none).into(),
    ]);
    summary.push(vec![
        tr("gap (self − joint)", "自评与联评之差（自评 − 联评）").into(),
        gap.as_ref().map(signed_exact).unwrap_or_else(none).into(),
    ]);
    let heading = format!(
        "{} {} / {} ({}, {})",
        n.code,
        n.name,
        n.unit,
        n.category.title(),
        n.status.label()
    );
    let heading = match ctx.format {
        Format::Md => format!("**{heading}**\n\n"),
        _ => format!("{heading}\n"),
    };
    let sep = if ctx.format == Format::Md { "\n" } else { "" };
    out(&format!(
        "{heading}{}{sep}{}",
        l.render(ctx.format)?,
        summary.render(ctx.format)?
    ))
}

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
