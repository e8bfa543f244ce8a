//! `inspect`: the year-round record: findings of open inspections (明查) and covert visits
//! (暗访), and satisfaction surveys (满意度调查) of the people served.

use std::collections::HashMap;

use anyhow::{Context, Result, bail};
use chrono::{Datelike, NaiveDate};
use clap::{Args, Subcommand, ValueEnum};
use rusqlite::{Connection, OptionalExtension, params};
use serde_json::json;

use super::common::{
    FindingKind, ImportFile, check_nominee_columns, column, points_cell, row_nominee, satisfaction_cell, semi,
    summary_prefix,
};
use super::{Access, Ctx, need};
use crate::core::assess::Satisfaction;
use crate::csvin::{self, Column, CsvFile, Row};
use crate::db::{Db, audit, now};
use crate::i18n::{Lang, lang, tr};
use crate::output::{Cell, Listing, col, say};
use crate::store::{self, Nominee, check_assessable, nominee_by_code};
use crate::values::{Centi, fmt_points, parse_date, parse_points};

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
    /// total/调查人数*. Every bad row is reported at once and then nothing is written; a row
    /// already on record counts as already present.
    ///
    /// Example:
    ///   pingxuan inspect import inspections.csv
    ///   pingxuan inspect import surveys.csv --dry-run
    #[command(verbatim_doc_comment)]
    Import {
        #[command(flatten)]
        input: ImportFile,
    },
    /// Record one finding of an open inspection or a covert visit
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
        /// Check everything and write nothing
        #[arg(long)]
        dry_run: bool,
    },
    /// Record one satisfaction survey: how many of those asked were satisfied
    ///
    /// Example:
    ///   pingxuan inspect survey W2026-001 --satisfied 49 --total 50 --date 2026-11-08
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
        /// Check everything and write nothing
        #[arg(long)]
        dry_run: bool,
    },
    /// List the findings and surveys of the term, by date
    ///
    /// Example:
    ///   pingxuan inspect list --kind covert --from 2026-10-01 --to 2026-10-31
    ///   pingxuan inspect list --kind survey --format csv
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

impl InspectArgs {
    pub fn access(&self) -> Access {
        match self.command {
            InspectCommand::List { .. } => Access::Read,
            _ => Access::Write,
        }
    }
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

pub fn run(ctx: &Ctx, db: Option<&Db>, args: InspectArgs) -> Result<()> {
    let db = need(db)?;
    match args.command {
        InspectCommand::Import { input } => import(ctx, db, &input),
        InspectCommand::Add {
            code,
            kind,
            date,
            inspector,
            finding,
            deduction,
            dry_run,
        } => {
            let f = Finding {
                kind,
                date: parse_date(&date).with_context(|| format!("--date \"{date}\""))?,
                inspector: inspector.unwrap_or_default().trim().to_string(),
                finding: finding.trim().to_string(),
                deduction: check_deduction(&deduction)
                    .map_err(|m| anyhow::anyhow!("--deduction \"{deduction}\": {m}"))?,
            };
            if f.finding.is_empty() {
                bail!("--finding: {}", tr("say what was found", "请写明发现的问题"));
            }
            add_one(ctx, db, &code, Record::Finding(f), dry_run)
        }
        InspectCommand::Survey {
            code,
            satisfied,
            total,
            date,
            dry_run,
        } => {
            let date = date
                .map(|d| parse_date(&d).with_context(|| format!("--date \"{d}\"")))
                .transpose()?;
            let satisfied = check_count(&satisfied).map_err(|m| anyhow::anyhow!("--satisfied \"{satisfied}\": {m}"))?;
            let total = check_count(&total).map_err(|m| anyhow::anyhow!("--total \"{total}\": {m}"))?;
            let s = Survey { date, satisfied, total };
            s.check().map_err(anyhow::Error::msg)?;
            add_one(ctx, db, &code, Record::Survey(s), dry_run)
        }
        InspectCommand::List { code, kind, from, to } => list(ctx, db, code, kind, from, to),
    }
}

// ---- the rules of a record -----------------------------------------------------------------

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
struct Finding {
    kind: FindingKind,
    date: NaiveDate,
    inspector: String,
    finding: String,
    deduction: Centi,
}

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
struct Survey {
    date: Option<NaiveDate>,
    satisfied: i64,
    total: i64,
}

impl Survey {
    /// At least one person asked, and no more satisfied than asked.
    fn check(&self) -> std::result::Result<(), String> {
        if self.total == 0 {
            return Err(tr(
                "nobody was asked: the total must be above 0",
                "调查人数为 0：调查人数须大于 0",
            )
            .to_string());
        }
        if self.satisfied > self.total {
            return Err(match lang() {
                Lang::En => format!("{} satisfied is more than the {} asked", self.satisfied, self.total),
                Lang::Zh => format!("满意人数 {} 多于调查人数 {}", self.satisfied, self.total),
            });
        }
        Ok(())
    }
}

enum Record {
    Finding(Finding),
    Survey(Survey),
}

/// Points taken off: not negative, in hundredths at most.
fn check_deduction(raw: &str) -> std::result::Result<Centi, String> {
    let accepted = tr(
        "accepted: points not below 0, e.g. 1 or 0.5",
        "应为不小于 0 的分数，如 1 或 0.5",
    );
    if raw.trim().is_empty() {
        return Err(format!(
            "{}{}{accepted}",
            tr("no deduction given", "未填写扣分"),
            semi()
        ));
    }
    match parse_points(raw) {
        Ok(v) if v >= 0 => Ok(v),
        Ok(_) => Err(format!("{}{}{accepted}", tr("below 0", "小于 0"), semi())),
        Err(e) => Err(format!("{e}{}{accepted}", semi())),
    }
}

/// A count of people: a whole number, not negative.
fn check_count(raw: &str) -> std::result::Result<i64, String> {
    let s = raw.trim();
    if s.is_empty() {
        return Err(tr("no number given", "未填写人数").to_string());
    }
    if !s.bytes().all(|b| b.is_ascii_digit()) || s.len() > 9 {
        return Err(tr(
            "expected a whole number of people, 0 or more",
            "应为不小于 0 的整数人数",
        )
        .to_string());
    }
    s.parse::<i64>().map_err(|e| e.to_string())
}

/// The record of a term is the record of its year.
fn check_in_year(date: NaiveDate, year: i32) -> std::result::Result<(), String> {
    if date.year() == year {
        return Ok(());
    }
    Err(match lang() {
        Lang::En => format!("{date} is not in the {year} term's year ({year}-01-01 to {year}-12-31)"),
        Lang::Zh => format!("{date} 不在 {year} 届的年度内（{year}-01-01 至 {year}-12-31）"),
    })
}

// ---- recording -------------------------------------------------------------------------------

#[derive(Clone, Copy, PartialEq, Eq)]
enum Outcome {
    Added,
    Present,
}

fn record_finding(
    tx: &Connection,
    ctx: &Ctx,
    year: i32,
    n: &Nominee,
    f: &Finding,
    origin: serde_json::Value,
) -> Result<Outcome> {
    let date = f.date.to_string();
    let present = tx
        .prepare_cached(
            "SELECT id FROM finding WHERE nomination = ?1 AND kind = ?2 AND date = ?3 AND inspector = ?4
             AND finding = ?5 AND deduction = ?6",
        )?
        .query_row(
            params![n.id, f.kind.code(), date, f.inspector, f.finding, f.deduction],
            |r| r.get::<_, i64>(0),
        )
        .optional()?;
    if present.is_some() {
        return Ok(Outcome::Present);
    }
    tx.prepare_cached(
        "INSERT INTO finding (nomination, kind, date, inspector, finding, deduction, recorded_at, recorded_by)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )?
    .execute(params![
        n.id,
        f.kind.code(),
        date,
        f.inspector,
        f.finding,
        f.deduction,
        now(),
        ctx.operator
    ])
    .with_context(|| format!("recording a finding on {}", n.code))?;
    let id = tx.last_insert_rowid();
    audit(
        tx,
        &ctx.operator,
        Some(year),
        "inspect.finding",
        &n.code,
        json!({
            "finding_id": id, "kind": f.kind.code(), "date": date, "inspector": f.inspector,
            "finding": f.finding, "deduction": fmt_points(f.deduction), "origin": origin,
        }),
    )?;
    Ok(Outcome::Added)
}

fn record_survey(
    tx: &Connection,
    ctx: &Ctx,
    year: i32,
    n: &Nominee,
    s: &Survey,
    origin: serde_json::Value,
) -> Result<Outcome> {
    let date = s.date.map(|d| d.to_string());
    let present = tx
        .prepare_cached("SELECT id FROM survey WHERE nomination = ?1 AND date IS ?2 AND satisfied = ?3 AND total = ?4")?
        .query_row(params![n.id, date, s.satisfied, s.total], |r| r.get::<_, i64>(0))
        .optional()?;
    if present.is_some() {
        return Ok(Outcome::Present);
    }
    tx.prepare_cached(
        "INSERT INTO survey (nomination, date, satisfied, total, recorded_at, recorded_by)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?
    .execute(params![n.id, date, s.satisfied, s.total, now(), ctx.operator])
    .with_context(|| format!("recording a survey of {}", n.code))?;
    let id = tx.last_insert_rowid();
    audit(
        tx,
        &ctx.operator,
        Some(year),
        "inspect.survey",
        &n.code,
        json!({
            "survey_id": id, "date": date, "satisfied": s.satisfied, "total": s.total, "origin": origin,
        }),
    )?;
    Ok(Outcome::Added)
}

fn counts_text(added: usize, present: usize, what_en: &str, what_zh: &str) -> String {
    match lang() {
        Lang::En => format!("{what_en}: added {added}, already present {present}"),
        Lang::Zh => format!("{what_zh}：新增 {added}，已存在 {present}"),
    }
}

// ---- import --------------------------------------------------------------------------------

fn import(ctx: &Ctx, db: &Db, input: &ImportFile) -> Result<()> {
    let dry_run = input.dry_run;
    let decoded = input.decode()?;
    let findings = decoded.fits(FINDING_COLUMNS);
    let surveys = decoded.fits(SURVEY_COLUMNS);
    let needs = |cols: &[Column]| {
        cols.iter()
            .filter(|c| c.required)
            .map(|c| c.names.join("/"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let explain = || {
        format!(
            "\n  {}: {}\n  {}: {}\n  {}: {}\n  {}: {}",
            tr("a findings file needs", "检查发现文件须有"),
            needs(FINDING_COLUMNS),
            tr("a surveys file needs", "满意度调查文件须有"),
            needs(SURVEY_COLUMNS),
            tr("both name the nominee by", "两者均须指明被推荐对象"),
            tr(
                "code/编号, or category/类别 + unit/单位 + name/名称",
                "编号/code，或 类别/category + 单位/unit + 名称/name"
            ),
            tr("the file has", "文件的列"),
            decoded.headers.join(", ")
        )
    };
    let file = match (findings, surveys) {
        (true, false) => decoded.parse(FINDING_COLUMNS)?,
        (false, true) => decoded.parse(SURVEY_COLUMNS)?,
        (true, true) => bail!(
            "{}: {}{}",
            decoded.name,
            tr(
                "has the columns of both findings and surveys; give them in two files",
                "同时含有检查发现和满意度调查的列，请分成两个文件"
            ),
            explain()
        ),
        (false, false) => bail!(
            "{}: {}{}",
            decoded.name,
            tr(
                "is neither a findings file nor a surveys file",
                "既不是检查发现文件，也不是满意度调查文件"
            ),
            explain()
        ),
    };
    check_nominee_columns(&file)?;
    let tx = db.begin()?;
    let term = store::writable_term(&tx, ctx)?;
    let mut problems = file.problems();
    let mut records: Vec<(&Row, Nominee, Record)> = Vec::new();
    let mut seen_findings: HashMap<(i64, Finding), u64> = HashMap::new();
    let mut seen_surveys: HashMap<(i64, Survey), u64> = HashMap::new();
    for row in &file.rows {
        let nominee = row_nominee(&tx, term.year, &file, row, &mut problems);
        let rec = if findings {
            read_finding(&file, row, term.year, &mut problems).map(Record::Finding)
        } else {
            read_survey(&file, row, term.year, &mut problems).map(Record::Survey)
        };
        let (Some(n), Some(rec)) = (nominee, rec) else {
            continue;
        };
        let first = match &rec {
            Record::Finding(f) => seen_findings.insert((n.id, f.clone()), row.line),
            Record::Survey(s) => seen_surveys.insert((n.id, s.clone()), row.line),
        };
        if let Some(first) = first {
            problems.push(file.row_problem(
                row,
                match lang() {
                    Lang::En => format!(
                        "the same as line {first}; if there were really two, tell them apart (inspector, finding or date)"
                    ),
                    Lang::Zh => format!("与第 {first} 行完全相同；如确有两条，请在检查人、发现问题或日期上加以区分"),
                },
            ));
            continue;
        }
        records.push((row, n, rec));
    }
    problems.into_result()?;
    let (mut added, mut present) = (0, 0);
    for (row, n, rec) in &records {
        let origin = json!({ "file": file.name, "line": row.line });
        let o = match rec {
            Record::Finding(f) => record_finding(&tx, ctx, term.year, n, f, origin)?,
            Record::Survey(s) => record_survey(&tx, ctx, term.year, n, s, origin)?,
        };
        match o {
            Outcome::Added => added += 1,
            Outcome::Present => present += 1,
        }
    }
    if !dry_run {
        tx.commit().context("committing")?;
    }
    let text = if findings {
        counts_text(added, present, "findings", "检查发现")
    } else {
        counts_text(added, present, "surveys", "满意度调查")
    };
    say(&format!(
        "{}{}{}{text}",
        summary_prefix(dry_run),
        file.describe(),
        tr(": ", "：")
    ));
    Ok(())
}

fn read_date(file: &CsvFile, row: &Row, year: i32, problems: &mut csvin::Problems) -> Option<Option<NaiveDate>> {
    let raw = file.get(row, "date");
    if raw.is_empty() {
        return Some(None);
    }
    match parse_date(raw)
        .map_err(|e| e.to_string())
        .and_then(|d| check_in_year(d, year).map(|()| d))
    {
        Ok(d) => Some(Some(d)),
        Err(m) => {
            problems.push(file.problem(row, "date", m));
            None
        }
    }
}

fn read_finding(file: &CsvFile, row: &Row, year: i32, problems: &mut csvin::Problems) -> Option<Finding> {
    let kind = FindingKind::parse(file.get(row, "kind"));
    if kind.is_none() {
        problems.push(file.problem(
            row,
            "kind",
            tr("expected open/明查 or covert/暗访", "应为 明查/open 或 暗访/covert"),
        ));
    }
    let date = match read_date(file, row, year, problems) {
        Some(None) => {
            problems.push(file.problem(row, "date", tr("no date given", "未填写日期")));
            None
        }
        d => d.flatten(),
    };
    let deduction = check_deduction(file.get(row, "deduction"))
        .map_err(|m| problems.push(file.problem(row, "deduction", m)))
        .ok();
    Some(Finding {
        kind: kind?,
        date: date?,
        inspector: file.get(row, "inspector").to_string(),
        finding: file.get(row, "finding").to_string(),
        deduction: deduction?,
    })
}

fn read_survey(file: &CsvFile, row: &Row, year: i32, problems: &mut csvin::Problems) -> Option<Survey> {
    let date = read_date(file, row, year, problems);
    let satisfied = check_count(file.get(row, "satisfied"))
        .map_err(|m| problems.push(file.problem(row, "satisfied", m)))
        .ok();
    let total = check_count(file.get(row, "total"))
        .map_err(|m| problems.push(file.problem(row, "total", m)))
        .ok();
    let s = Survey {
        date: date?,
        satisfied: satisfied?,
        total: total?,
    };
    if let Err(m) = s.check() {
        let key = if s.total == 0 { "total" } else { "satisfied" };
        problems.push(file.problem(row, key, m));
        return None;
    }
    Some(s)
}

// ---- add and survey --------------------------------------------------------------------------

fn add_one(ctx: &Ctx, db: &Db, code: &str, rec: Record, dry_run: bool) -> Result<()> {
    let tx = db.begin()?;
    let term = store::writable_term(&tx, ctx)?;
    let n = nominee_by_code(&tx, term.year, code)?;
    check_assessable(&n).map_err(anyhow::Error::msg)?;
    let origin = json!({ "via": "inspect" });
    let (outcome, what) = match &rec {
        Record::Finding(f) => {
            check_in_year(f.date, term.year).map_err(|m| anyhow::anyhow!("--date: {m}"))?;
            (
                record_finding(&tx, ctx, term.year, &n, f, origin)?,
                format!(
                    "{} {} {}, {} {}",
                    f.kind.label(),
                    f.date,
                    f.finding,
                    tr("deduction", "扣分"),
                    fmt_points(f.deduction)
                ),
            )
        }
        Record::Survey(s) => {
            if let Some(d) = s.date {
                check_in_year(d, term.year).map_err(|m| anyhow::anyhow!("--date: {m}"))?;
            }
            (
                record_survey(&tx, ctx, term.year, &n, s, origin)?,
                format!(
                    "{} {}",
                    tr("satisfaction survey", "满意度调查"),
                    rate_text(s.satisfied, s.total)
                ),
            )
        }
    };
    if !dry_run {
        tx.commit().context("committing")?;
    }
    say(&format!(
        "{}{} {}: {what}{}",
        summary_prefix(dry_run),
        n.code,
        n.name,
        match outcome {
            Outcome::Added => "",
            Outcome::Present => tr(" (already present; nothing added)", "（已有相同记录，未重复录入）",),
        }
    ));
    Ok(())
}

/// "49/50 = 98%", exact: a rate that does not end is cut with "…".
fn rate_text(satisfied: i64, total: i64) -> String {
    Satisfaction { satisfied, total }.ratio_text()
}

// ---- list ----------------------------------------------------------------------------------

struct Line {
    kind: &'static str,
    kind_label: &'static str,
    id: i64,
    code: String,
    name: String,
    unit: String,
    date: Option<String>,
    inspector: String,
    finding: String,
    deduction: Option<Centi>,
    counts: Option<(i64, i64)>,
    recorded_at: String,
    recorded_by: String,
}

fn list(
    ctx: &Ctx,
    db: &Db,
    code: Option<String>,
    kind: Option<ListKind>,
    from: Option<String>,
    to: Option<String>,
) -> Result<()> {
    let conn = &db.conn;
    let term = store::resolve_term(conn, ctx)?;
    let nomination = code
        .map(|c| nominee_by_code(conn, term.year, &c).map(|n| n.id))
        .transpose()?;
    let day = |flag: &str, v: Option<String>| -> Result<Option<String>> {
        v.map(|d| {
            parse_date(&d)
                .map(|d| d.to_string())
                .with_context(|| format!("{flag} \"{d}\""))
        })
        .transpose()
    };
    let from = day("--from", from)?;
    let to = day("--to", to)?;
    let mut lines = Vec::new();
    let want_findings = !matches!(kind, Some(ListKind::Survey));
    let want_surveys = matches!(kind, None | Some(ListKind::Survey));
    if want_findings {
        let kind_code = match kind {
            Some(ListKind::Open) => Some(FindingKind::Open.code()),
            Some(ListKind::Covert) => Some(FindingKind::Covert.code()),
            _ => None,
        };
        let mut st = conn.prepare(
            "SELECT f.id, f.kind, n.code, n.name, u.name, f.date, f.inspector, f.finding, f.deduction,
                    f.recorded_at, f.recorded_by
             FROM finding f JOIN nomination n ON n.id = f.nomination JOIN unit u ON u.id = n.unit_id
             WHERE n.term = ?1 AND (?2 IS NULL OR n.id = ?2) AND (?3 IS NULL OR f.kind = ?3)
               AND (?4 IS NULL OR f.date >= ?4) AND (?5 IS NULL OR f.date <= ?5)",
        )?;
        let rows = st.query_map(params![term.year, nomination, kind_code, from, to], |r| {
            let k: FindingKind = r.get(1)?;
            Ok(Line {
                kind: k.code(),
                kind_label: k.label(),
                id: r.get(0)?,
                code: r.get(2)?,
                name: r.get(3)?,
                unit: r.get(4)?,
                date: r.get(5)?,
                inspector: r.get(6)?,
                finding: r.get(7)?,
                deduction: Some(r.get(8)?),
                counts: None,
                recorded_at: r.get(9)?,
                recorded_by: r.get(10)?,
            })
        })?;
        for l in rows {
            lines.push(l.context("reading the findings")?);
        }
    }
    if want_surveys {
        let dated = from.is_some() || to.is_some();
        let mut st = conn.prepare(
            "SELECT s.id, n.code, n.name, u.name, s.date, s.satisfied, s.total, s.recorded_at, s.recorded_by
             FROM survey s JOIN nomination n ON n.id = s.nomination JOIN unit u ON u.id = n.unit_id
             WHERE n.term = ?1 AND (?2 IS NULL OR n.id = ?2)
               AND (?3 = 0 OR s.date IS NOT NULL)
               AND (?4 IS NULL OR s.date >= ?4) AND (?5 IS NULL OR s.date <= ?5)",
        )?;
        let rows = st.query_map(params![term.year, nomination, dated, from, to], |r| {
            Ok(Line {
                kind: "survey",
                kind_label: tr("survey", "满意度调查"),
                id: r.get(0)?,
                code: r.get(1)?,
                name: r.get(2)?,
                unit: r.get(3)?,
                date: r.get(4)?,
                inspector: String::new(),
                finding: String::new(),
                deduction: None,
                counts: Some((r.get(5)?, r.get(6)?)),
                recorded_at: r.get(7)?,
                recorded_by: r.get(8)?,
            })
        })?;
        for l in rows {
            lines.push(l.context("reading the surveys")?);
        }
    }
    // By date (undated surveys last), then nominee, findings before surveys, as recorded.
    lines.sort_by(|a, b| {
        (a.date.is_none(), &a.date, &a.code, a.kind == "survey", a.id).cmp(&(
            b.date.is_none(),
            &b.date,
            &b.code,
            b.kind == "survey",
            b.id,
        ))
    });
    let mut l = Listing::new(vec![
        col("kind", tr("kind", "方式")),
        col("id", tr("no.", "序号")),
        col("code", tr("code", "编号")),
        col("name", tr("name", "名称")),
        col("unit", tr("unit", "单位")),
        col("date", tr("date", "日期")),
        col("inspector", tr("inspector", "检查人")),
        col("finding", tr("finding", "发现问题")),
        col("deduction", tr("deduction", "扣分")),
        col("satisfied", tr("satisfied", "满意人数")),
        col("total", tr("asked", "调查人数")),
        col("rate", tr("satisfaction", "满意度")),
        col("percent", tr("percent", "百分比")),
        col("recorded_at", tr("recorded", "录入时间")),
        col("recorded_by", tr("by", "录入人")),
    ]);
    for x in lines {
        let (satisfied, total, rate, percent) = match x.counts {
            Some((satisfied, total)) => {
                let sat = Satisfaction { satisfied, total };
                (
                    Cell::Int(satisfied),
                    Cell::Int(total),
                    Cell::Text(sat.ratio_text()),
                    satisfaction_cell(Some(sat)),
                )
            }
            None => (Cell::Null, Cell::Null, Cell::Null, Cell::Null),
        };
        l.push(vec![
            Cell::code(x.kind, x.kind_label),
            Cell::Int(x.id),
            x.code.into(),
            x.name.into(),
            x.unit.into(),
            x.date.into(),
            x.inspector.into(),
            x.finding.into(),
            points_cell(x.deduction),
            satisfied,
            total,
            rate,
            percent,
            x.recorded_at.into(),
            x.recorded_by.into(),
        ]);
    }
    l.print(ctx.format)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_and_deductions() {
        assert_eq!(check_count("49"), Ok(49));
        assert!(check_count("-1").is_err());
        assert!(check_count("49.5").is_err());
        assert!(check_count("").is_err());
        assert_eq!(check_deduction("1.5"), Ok(150));
        assert_eq!(check_deduction("0"), Ok(0));
        assert!(check_deduction("-0.5").is_err());
        assert!(check_deduction("0.125").is_err());
    }

    #[test]
    fn surveys_keep_their_counts() {
        let s = |satisfied, total| Survey {
            date: None,
            satisfied,
            total,
        };
        assert!(s(49, 50).check().is_ok());
        assert!(s(50, 50).check().is_ok());
        assert!(s(51, 50).check().is_err());
        assert!(s(0, 0).check().is_err());
        assert_eq!(rate_text(49, 50), "49/50 = 98%");
        assert_eq!(rate_text(2, 3), "2/3 = 66.6666…%");
    }

    #[test]
    fn dates_within_the_year() {
        let d = |s| parse_date(s).unwrap();
        assert!(check_in_year(d("2026-01-01"), 2026).is_ok());
        assert!(check_in_year(d("2026-12-31"), 2026).is_ok());
        assert!(check_in_year(d("2025-12-31"), 2026).is_err());
        assert!(check_in_year(d("2027-01-01"), 2026).is_err());
    }
}
