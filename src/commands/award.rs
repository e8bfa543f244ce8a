//! `award`: the awards of the term from the shortlist, their revocation, the commendation
//! notice and the certificates.

mod grant;

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
use crate::i18n::both;
use crate::i18n::tr;
use crate::output::{Cell, Format, Listing, col, out, say};
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
    /// --html (or an --out file ending in .html) gives the official document as a printable
    /// A4 page laid out as GB/T 9704 asks (red letterhead and rule, 文号, title, recipients,
    /// body, signature over the seal's place, 抄送 and 印发 block, page numbers), and an --out
    /// file ending in .docx the same as a Word document (opens in Word and WPS). The wording
    /// comes from a template: export the built-in one, edit it, and give it with --template.
    /// The footer carries the audit record's head hash (`pingxuan audit head`).
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
        AwardCommand::List => list(ctx, ctx.read()?),
        AwardCommand::Revoke { code, reason, dry_run } => revoke(ctx, &code, &reason, dry_run),
        AwardCommand::Notice {
            export_template: Some(file),
            ..
        } => {
            write_file(&file, crate::template::BUILTIN)?;
            say(&both(
                format!("wrote the built-in notice template to {}", file.display()),
                format!("已写出内置通报模板：{}", file.display()),
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
                Some(t) => crate::template::Template::read(&t)?,
                None => crate::template::Template::builtin(),
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
                Some(f) => crate::overprint::Layout::read(&f)?,
                None => crate::overprint::Layout::default(),
            };
            text_only(ctx, ctx.read()?, &dir, date, &layout, offset_x, offset_y)
        }
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
    rows.collect::<rusqlite::Result<_>>()
        .context(crate::i18n::tr("reading the awards", "读取奖项"))
}

/// What a listing of awards shows: the grant, or the grant with its record (when granted,
/// whether revoked and why).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Show {
    Grant,
    Record,
}

/// The one listing of awards, for `award list` and for what `award grant` has granted.
fn award_listing(rows: &[AwardRow], show: Show) -> Listing {
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
            Cell::code(a.category.code(), a.category.label()),
            a.name.clone().into(),
            a.unit.clone().into(),
            a.group.clone().into(),
            a.certificate.clone().into(),
            a.rank.into(),
            total_cell(&a.total),
            Cell::code(&a.decision, &decision_label(&a.decision)),
        ];
        if show == Show::Record {
            let status = match a.revoked_at.is_some() {
                false => Cell::code("active", tr("active", "有效")),
                true => Cell::code("revoked", tr("revoked", "已撤销")),
            };
            cells.extend([a.granted_at.clone().into(), status, a.revoke_reason.clone().into()]);
        }
        l.push(cells);
    }
    l
}

fn list(ctx: &Ctx, conn: &Connection) -> Result<()> {
    let term = resolve_term(conn, ctx)?;
    award_listing(&awards(conn, term.year)?, Show::Record).print(ctx.format)
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
    .context(crate::i18n::tr("revoking the award", "撤销奖项"))?;
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
        let (a, at) = row.context(crate::i18n::tr("reading the awards", "读取奖项"))?;
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
    template: crate::template::Template,
) -> Result<()> {
    let term = resolve_term(conn, ctx)?;
    let (awards, last) = awardees(conn, term.year, true)?;
    let mut data = NoticeData {
        year: term.year,
        date: document_date(date, last)?,
        number,
        awards,
        template,
        head: None,
        serial: 0,
    };
    // The file's ending says what it is, unless --html or --format says so.
    let ending = file
        .as_ref()
        .and_then(|f| f.extension())
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    let official = html || matches!(ending.as_deref(), Some("html" | "htm" | "docx"));
    if official && data.number.is_none() {
        data.number = Some(notice_number(ctx, conn, &term, &mut data)?);
    }
    // The head of the record as it stands now, the number's entry included.
    data.head = crate::chain::head(ctx.read()?)?.map(|(_, hash)| hash);
    if ending.as_deref() == Some("docx") {
        let f = file.as_deref().unwrap_or(Path::new(""));
        crate::output::write_file(f, &crate::notice_docx::notice_docx(&data)?)?;
        say(&format!(
            "{} {}",
            tr("wrote the notice to", "已写出通报："),
            f.display()
        ));
        return Ok(());
    }
    let html = html || matches!(ending.as_deref(), Some("html" | "htm"));
    let format = match (ctx.format, ending.as_deref()) {
        (Format::Table, Some("md" | "markdown")) => Format::Md,
        (Format::Table, Some("csv")) => Format::Csv,
        (Format::Table, Some("json")) => Format::Json,
        (f, _) => f,
    };
    let text = if html {
        documents::notice_html(&data)?
    } else {
        match format {
            Format::Table => documents::notice_text(&data)?,
            Format::Md => documents::notice_markdown(&data)?,
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

/// The number (文号) of the term's notice: the one registered at its first official print,
/// else the next serial of the term in the template's form, registered now (on the record),
/// so that every reprint carries the same number.
fn notice_number(ctx: &Ctx, conn: &Connection, term: &Term, data: &mut NoticeData) -> Result<String> {
    let registered = |c: &Connection| -> Result<Option<String>> {
        Ok(c.query_row(
            "SELECT number FROM document_number WHERE term = ?1 AND kind = 'notice'",
            [term.year],
            |r| r.get(0),
        )
        .optional()?)
    };
    if let Some(n) = registered(conn)? {
        return Ok(n);
    }
    if term.state == TermState::Closed {
        bail!(
            "{}",
            both(
                format!(
                    "the {} term is closed and its notice was never numbered; give the number with --number",
                    term.year
                ),
                format!("{} 届已结束，其通报未曾编号；请用 --number 给出文号", term.year),
            )
        );
    }
    let tx = ctx.change()?;
    // Read again under the write lock: another clerk may have numbered it meanwhile.
    if let Some(n) = registered(&tx)? {
        return Ok(n);
    }
    data.serial = tx.query_row(
        "SELECT coalesce(max(serial), 0) + 1 FROM document_number WHERE term = ?1",
        [term.year],
        |r| r.get(0),
    )?;
    let Some(number) = documents::notice(data)?.number else {
        bail!(
            "{}",
            tr(
                "the template gives no document number; give one with --number",
                "模板未给出发文字号；请用 --number 给出文号"
            )
        );
    };
    tx.execute(
        "INSERT INTO document_number (term, kind, serial, number, issued_at, issued_by) VALUES (?1, 'notice', ?2, ?3, ?4, ?5)",
        params![term.year, data.serial, number, now(), ctx.operator],
    )
    .context("registering the notice's number")?;
    tx.record(
        Some(term.year),
        "notice.number",
        &number,
        json!({ "serial": data.serial }),
    )?;
    tx.finish(false)?;
    say(&both(
        format!("the notice is numbered {number}; every reprint keeps this number"),
        format!("通报文号为 {number}，已登记，重印沿用此文号"),
    ));
    Ok(number)
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

/// The variable text for pre-printed certificate paper, after a calibration page.
fn text_only(
    ctx: &Ctx,
    conn: &Connection,
    dir: &Path,
    date: Option<String>,
    layout: &crate::overprint::Layout,
    dx: f64,
    dy: f64,
) -> Result<()> {
    for (name, v) in [("--offset-x", dx), ("--offset-y", dy)] {
        if !v.is_finite() || v.abs() > 50.0 {
            bail!(
                "{name} {v}: {}",
                tr("expected a shift of at most 50 mm", "偏移量应在 50 毫米以内")
            );
        }
    }
    let term = resolve_term(conn, ctx)?;
    let (awards, last) = awardees(conn, term.year, false)?;
    let date = document_date(date, last)?;
    let file = dir.join("text-only.html");
    write_file(
        &file,
        &crate::overprint::text_only_html(term.year, date, &awards, layout, dx, dy),
    )?;
    say(&both(
        format!(
            "wrote a calibration page and the text of {} certificates, for pre-printed paper, to {}",
            awards.len(),
            file.display()
        ),
        format!(
            "已写出套打校准页和 {} 份证书的套打文字：{}",
            awards.len(),
            file.display()
        ),
    ));
    Ok(())
}
