//! `award`: the awards of the term from the shortlist, their revocation, the commendation
//! notice and the certificates.

mod grant;
pub mod proposal;
mod publicity;

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

/// The decision as people read it; the record keeps the English words.
fn decision_label(d: &str) -> String {
    Basis::from_code(d).map_or_else(|| d.to_string(), |b| b.label().to_string())
}

/// A stored exact total, "a/b" points, as a cell.
fn total_cell(text: &str) -> Cell {
    let parsed = match text.split_once('/') {
        Some((n, d)) => n.trim().parse::<i64>().ok().zip(d.trim().parse::<i64>().ok()),
        None => text.trim().parse::<i64>().ok().map(|n| (n, 1)),
    };
    match parsed {
        Some((n, d)) if d != 0 => exact_cell(Some(Ratio::new(n * 100, d))),
        _ => Cell::Text(text.to_string()),
    }
}

/// One award of the term as it is recorded.
struct AwardRow {
    code: String,
    category: Category,
    name: String,
    unit: String,
    group: String,
    certificate: String,
    rank: Option<i64>,
    /// Exact, "a/b" points.
    total: String,
    decision: String,
    granted_at: String,
    revoked_at: Option<String>,
    revoke_reason: Option<String>,
}

/// Every award of the term, active and revoked, by category and certificate number.
fn awards(conn: &Connection, year: i32) -> Result<Vec<AwardRow>> {
    let mut st = conn.prepare_cached(
        "SELECT n.code, a.category, n.name, u.name, g.name, a.certificate, a.rank, a.total, a.decision,
                a.granted_at, a.revoked_at, a.revoke_reason
         FROM award a JOIN nomination n ON n.id = a.nomination JOIN unit u ON u.id = n.unit_id
         JOIN org_group g ON g.id = n.group_id
         WHERE a.term = ?1 ORDER BY a.category = 'individual', a.serial",
    )?;
    let rows = st.query_map([year], |r| {
        Ok(AwardRow {
            code: r.get(0)?,
            category: r.get(1)?,
            name: r.get(2)?,
            unit: r.get(3)?,
            group: r.get(4)?,
            certificate: r.get(5)?,
            rank: r.get(6)?,
            total: r.get(7)?,
            decision: r.get(8)?,
            granted_at: r.get(9)?,
            revoked_at: r.get(10)?,
            revoke_reason: r.get(11)?,
        })
    })?;
    rows.collect::<rusqlite::Result<_>>().context("reading the awards")
}

/// What a listing of awards shows: the grant, or the grant with its record (when granted,
/// whether revoked and why).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Show {
    Grant,
    Record,
}

/// The one listing of awards, for `award list` and for what `award grant` has granted.
fn award_listing(rows: &[AwardRow], format: Format, show: Show) -> Listing {
    let data = matches!(format, Format::Json | Format::Csv);
    let mut cols = vec![
        col("code", tr("code", "编号")),
        col("category", tr("category", "类别")),
        col("name", tr("name", "名称")),
        col("unit", tr("unit", "单位")),
        col("group", tr("group", "片组")),
        col("certificate", tr("certificate", "证书编号")),
        col("rank", tr("rank", "名次")),
        col("total", tr("total", "总分")),
        col("decision", tr("decision", "决定")),
    ];
    if show == Show::Record {
        cols.extend([
            col("granted_at", tr("granted", "授予时间")),
            col("status", tr("status", "状态")),
            col("revoke_reason", tr("revoke reason", "撤销理由")),
        ]);
    }
    let mut l = Listing::new(cols);
    for a in rows {
        let mut cells = vec![
            a.code.clone().into(),
            Cell::Text(if data { a.category.code() } else { a.category.label() }.to_string()),
            a.name.clone().into(),
            a.unit.clone().into(),
            a.group.clone().into(),
            a.certificate.clone().into(),
            a.rank.into(),
            total_cell(&a.total),
            Cell::Text(if data {
                a.decision.clone()
            } else {
                decision_label(&a.decision)
            }),
        ];
        if show == Show::Record {
            let status = match (a.revoked_at.is_some(), data) {
                (false, true) => "active",
                (true, true) => "revoked",
                (false, false) => tr("active", "有效"),
                (true, false) => tr("revoked", "已撤销"),
            };
            cells.extend([
                a.granted_at.clone().into(),
                status.into(),
                a.revoke_reason.clone().into(),
            ]);
        }
        l.push(cells);
    }
    l
}

fn list(ctx: &Ctx, conn: &Connection) -> Result<()> {
    let term = resolve_term(conn, ctx)?;
    award_listing(&awards(conn, term.year)?, ctx.format, Show::Record).print(ctx.format)
}

fn revoke(ctx: &Ctx, code: &str, reason: &str, dry_run: bool) -> Result<()> {
    if reason.trim().is_empty() {
        bail!(
            "{}",
            tr("--reason must say why the award is revoked", "--reason 须说明撤销理由")
        );
    }
    let tx = ctx.change()?;
    let term = term_not_closed(&tx, ctx)?;
    let n = nominee_by_code(&tx, term.year, code)?;
    let found: Option<(i64, String, Option<String>, Option<String>)> = tx
        .prepare_cached("SELECT id, certificate, revoked_at, revoke_reason FROM award WHERE nomination = ?1")?
        .query_row([n.id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
        .optional()?;
    let Some((id, certificate, revoked_at, why)) = found else {
        bail!(
            "{} {} {}",
            n.code,
            tr("has no award in the term", "本届没有获奖记录"),
            tr("(see `pingxuan award list`)", "（请查看 `pingxuan award list`）")
        );
    };
    if let Some(at) = revoked_at {
        let why = why.unwrap_or_default();
        bail!(
            "{}",
            both(
                format!(
                    "the award of {} ({certificate}) was already revoked on {at}: {}",
                    n.code, why
                ),
                format!("{}的奖项（{certificate}）已于 {at} 撤销：{}", n.code, why),
            )
        );
    }
    tx.execute(
        "UPDATE award SET revoked_at = ?1, revoked_by = ?2, revoke_reason = ?3 WHERE id = ?4",
        params![now(), ctx.operator, reason.trim(), id],
    )
    .context("revoking the award")?;
    tx.record(
        Some(term.year),
        "award.revoke",
        &n.code,
        json!({ "certificate": certificate, "reason": reason.trim() }),
    )?;
    let what = both(
        format!(
            "the award of {} {} ({certificate}; the number stays taken)",
            n.code, n.name
        ),
        format!("{} {} 的奖项（{certificate}，证书编号不再使用）", n.code, n.name),
    );
    if dry_run {
        say(&format!("{} {what}", tr("dry run: would revoke", "试运行：将撤销")));
        return Ok(());
    }
    tx.finish(false)?;
    say(&format!("{} {what}", tr("revoked", "已撤销")));
    Ok(())
}

/// The active awards of the term for the documents, by group, unit and certificate number.
fn awardees(conn: &Connection, year: i32, by_group: bool) -> Result<(Vec<Awardee>, Option<String>)> {
    let order = if by_group {
        "g.id, u.id, a.category = 'individual', a.serial"
    } else {
        "a.category = 'individual', a.serial"
    };
    let mut st = conn.prepare(&format!(
        "SELECT a.category, n.name, u.name, g.name, a.certificate, a.granted_at
         FROM award a JOIN nomination n ON n.id = a.nomination JOIN unit u ON u.id = n.unit_id
         JOIN org_group g ON g.id = n.group_id
         WHERE a.term = ?1 AND a.revoked_at IS NULL ORDER BY {order}"
    ))?;
    let mut last: Option<String> = None;
    let mut list = Vec::new();
    let rows = st.query_map([year], |r| {
        Ok((
            Awardee {
                category: r.get(0)?,
                name: r.get(1)?,
                unit: r.get(2)?,
                group: r.get(3)?,
                certificate: r.get(4)?,
            },
            r.get::<_, String>(5)?,
        ))
    })?;
    for row in rows {
        let (a, at) = row.context("reading the awards")?;
        if last.as_ref().is_none_or(|l| at > *l) {
            last = Some(at);
        }
        list.push(a);
    }
    if list.is_empty() {
        bail!(
            "{} {year}; {}",
            tr("there are no active awards in the term", "本届没有有效的奖项，届期"),
            tr(
                "grant them with `pingxuan award grant`",
                "请先用 `pingxuan award grant` 授奖"
            )
        );
    }
    Ok((list, last))
}

/// The date given, else the day of the latest grant.
fn document_date(given: Option<String>, last_grant: Option<String>) -> Result<NaiveDate> {
    if let Some(d) = given {
        return parse_date(&d).with_context(|| format!("--date \"{d}\""));
    }
    let at = last_grant.unwrap_or_else(now);
    Ok(NaiveDate::parse_from_str(at.get(..10).unwrap_or_default(), "%Y-%m-%d")
        .unwrap_or_else(|_| chrono::Local::now().date_naive()))
}

fn write_file(path: &Path, text: &str) -> Result<()> {
    crate::output::write_file(path, text.as_bytes())
}

fn notice(
    ctx: &Ctx,
    conn: &Connection,
    file: Option<PathBuf>,
    html: bool,
    date: Option<String>,
    number: Option<String>,
) -> Result<()> {
    let term = resolve_term(conn, ctx)?;
    let (awards, last) = awardees(conn, term.year, true)?;
    let data = NoticeData {
        year: term.year,
        date: document_date(date, last)?,
        number,
        awards,
    };
    // The file's ending says what it is, unless --html or --format says so.
    let ending = file
        .as_ref()
        .and_then(|f| f.extension())
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    let html = html || matches!(ending.as_deref(), Some("html" | "htm"));
    let format = match (ctx.format, ending.as_deref()) {
        (Format::Table, Some("md" | "markdown")) => Format::Md,
        (Format::Table, Some("csv")) => Format::Csv,
        (Format::Table, Some("json")) => Format::Json,
        (f, _) => f,
    };
    let text = if html {
        documents::notice_html(&data)
    } else {
        match format {
            Format::Table => documents::notice_text(&data),
            Format::Md => documents::notice_markdown(&data),
            Format::Json | Format::Csv => {
                let mut l = Listing::new(vec![
                    col("category", "category"),
                    col("group", "group"),
                    col("unit", "unit"),
                    col("name", "name"),
                    col("certificate", "certificate"),
                ]);
                for a in &data.awards {
                    l.push(vec![
                        a.category.code().into(),
                        a.group.clone().into(),
                        a.unit.clone().into(),
                        a.name.clone().into(),
                        a.certificate.clone().into(),
                    ]);
                }
                l.render(format)?
            }
        }
    };
    match file {
        Some(f) => {
            write_file(&f, &text)?;
            say(&format!(
                "{} {}",
                tr("wrote the notice to", "已写出通报："),
                f.display()
            ));
            Ok(())
        }
        None => out(&text),
    }
}

/// The page of one certificate, named by its number.
fn certificate_file(certificate: &str) -> String {
    format!("{certificate}.html")
}

/// Removes what an earlier run wrote into the folder and the awards no longer back: the pages
/// of the term's certificates not among `awards` (revoked since), and plaques.html when no
/// window holds an award. Nothing else in the folder is touched.
fn remove_stale(dir: &Path, year: i32, awards: &[Awardee]) -> Result<Vec<String>> {
    let current: Vec<String> = awards.iter().map(|a| certificate_file(&a.certificate)).collect();
    let windows = awards.iter().any(|a| a.category == Category::Window);
    let mut removed = Vec::new();
    let cannot_read = || format!("{} {}", tr("cannot read", "无法读取"), dir.display());
    for entry in std::fs::read_dir(dir).with_context(cannot_read)? {
        let entry = entry.with_context(cannot_read)?;
        let Ok(name) = entry.file_name().into_string() else {
            continue;
        };
        let ours = match name.strip_suffix(".html") {
            Some("plaques") => !windows,
            Some(number) => award::certificate_year(number) == Some(year) && !current.contains(&name),
            None => false,
        };
        if ours && entry.file_type().is_ok_and(|t| t.is_file()) {
            std::fs::remove_file(entry.path())
                .with_context(|| format!("{} {}", tr("cannot remove", "无法删除"), entry.path().display()))?;
            removed.push(name);
        }
    }
    removed.sort();
    Ok(removed)
}

fn certificates(ctx: &Ctx, conn: &Connection, dir: &Path, date: Option<String>) -> Result<()> {
    let term = resolve_term(conn, ctx)?;
    let (awards, last) = awardees(conn, term.year, false)?;
    let date = document_date(date, last)?;
    if dir.exists() && !dir.is_dir() {
        bail!(
            "{} {}",
            dir.display(),
            tr("is a file, not a folder", "是文件，不是文件夹")
        );
    }
    std::fs::create_dir_all(dir).with_context(|| format!("{} {}", tr("cannot create", "无法创建"), dir.display()))?;
    for a in &awards {
        write_file(
            &dir.join(certificate_file(&a.certificate)),
            &documents::certificate_html(term.year, date, a),
        )?;
    }
    write_file(
        &dir.join("index.html"),
        &documents::certificates_index_html(term.year, date, &awards),
    )?;
    let windows = awards.iter().filter(|a| a.category == Category::Window).count();
    if windows > 0 {
        write_file(
            &dir.join("plaques.html"),
            &documents::plaques_html(term.year, date, &awards),
        )?;
    }
    let removed = remove_stale(dir, term.year, &awards)?;
    say(&both(
        format!(
            "wrote {} certificates, index.html (prints them all){} to {}",
            awards.len(),
            if windows > 0 { " and plaques.html" } else { "" },
            dir.display()
        ),
        format!(
            "已写出 {} 份证书、index.html（逐页打印全部证书）{}，位置：{}",
            awards.len(),
            if windows > 0 {
                "和 plaques.html（匾牌文字）"
            } else {
                ""
            },
            dir.display()
        ),
    ));
    if !removed.is_empty() {
        say(&both(
            format!(
                "removed what an earlier run wrote for awards no longer active: {}",
                removed.join(", ")
            ),
            format!("已删除先前为已失效奖项写出的文件：{}", removed.join("、")),
        ));
    }
    Ok(())
}
