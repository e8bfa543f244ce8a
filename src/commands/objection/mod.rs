//! `objection`: objections received during 公示. Each is recorded (marked late when it came
//! after the period) and resolved, upheld or dismissed, with the finding; the grant waits for
//! every one. An upheld objection leads to a veto or a withdrawal, which the clerk records.

use anyhow::{Context, Result, bail};
use clap::{Args, Subcommand};
use rusqlite::{OptionalExtension, params};
use serde_json::json;

use super::Ctx;
use super::award::proposal::{in_force, today};
use super::common::summary_prefix;
use crate::core::publicity::late;
use crate::db::now;
use crate::i18n::tr;
use crate::messages::say;
use crate::output::{Cell, Listing, code_col, col, name_col, say, unit_col};
use crate::store::{self, nominee_by_code};
use crate::values::parse_date;

/// Objections during 公示: record, list and resolve them
///
/// Every objection must be resolved before `award grant`, a late one too.
///
/// Example:
///   pingxuan objection add W2026-003 --from "某物流企业" --text "该窗口8月曾推诿办事群众"
///   pingxuan objection list
///   pingxuan objection resolve 1 --dismissed --finding "经调查，所反映情况不属实"
#[derive(Args, Debug)]
#[command(verbatim_doc_comment)]
pub struct ObjectionArgs {
    #[command(subcommand)]
    pub command: ObjectionCommand,
}

#[derive(Subcommand, Debug)]
pub enum ObjectionCommand {
    /// Record an objection about a nominee; one received after the period is marked late
    ///
    /// Example:
    ///   pingxuan objection add W2026-003 --from "某物流企业" --text "……" --date 2026-11-25
    #[command(verbatim_doc_comment)]
    Add {
        /// The nomination code the objection is about
        code: String,
        /// Who sent it
        #[arg(long, value_name = "NAME")]
        from: String,
        /// What it says
        #[arg(long, value_name = "TEXT")]
        text: String,
        /// The day it was received (default today)
        #[arg(long, value_name = "DATE")]
        date: Option<String>,
        /// Check everything and write nothing
        #[arg(long)]
        dry_run: bool,
    },
    /// List the objections of the term, open and resolved
    ///
    /// Example:
    ///   pingxuan objection list --format json
    #[command(verbatim_doc_comment)]
    List,
    /// Resolve an objection: upheld or dismissed, with the finding of the investigation
    ///
    /// Example:
    ///   pingxuan objection resolve 1 --dismissed --finding "经调查，所反映情况不属实"
    ///   pingxuan objection resolve 2 --upheld --finding "投诉属实，已作一票否决（甬口岸〔2026〕41号）"
    #[command(verbatim_doc_comment)]
    Resolve {
        /// The objection's number, as `objection list` shows it
        id: String,
        /// The objection is founded
        #[arg(long, conflicts_with = "dismissed", required_unless_present = "dismissed")]
        upheld: bool,
        /// The objection is not founded
        #[arg(long)]
        dismissed: bool,
        /// What the investigation found (required)
        #[arg(long, value_name = "TEXT")]
        finding: String,
        /// Check everything and write nothing
        #[arg(long)]
        dry_run: bool,
    },
}

pub fn run(ctx: &Ctx, args: ObjectionArgs) -> Result<()> {
    match args.command {
        ObjectionCommand::Add {
            code,
            from,
            text,
            date,
            dry_run,
        } => add(ctx, &code, from.trim(), text.trim(), date.as_deref(), dry_run),
        ObjectionCommand::List => list(ctx),
        ObjectionCommand::Resolve {
            id,
            upheld,
            dismissed: _,
            finding,
            dry_run,
        } => resolve(ctx, &id, upheld, finding.trim(), dry_run),
    }
}

fn add(ctx: &Ctx, code: &str, from: &str, text: &str, date: Option<&str>, dry_run: bool) -> Result<()> {
    if from.is_empty() || text.is_empty() {
        bail!(
            "{}",
            tr(
                "an objection needs who sent it (--from) and what it says (--text)",
                "异议须写明反映人（--from）和反映内容（--text）"
            )
        );
    }
    let received = match date {
        Some(s) => parse_date(s).with_context(|| format!("--date \"{s}\""))?,
        None => today(),
    };
    if received > today() {
        bail!(
            "{}",
            say!(
                en("--date {received}: a day not yet come"),
                zh("--date {received}：日期尚未到来")
            )
        );
    }
    let tx = ctx.change()?;
    let term = store::writable_term(&tx, ctx)?;
    let Some(p) = in_force(&tx, term.year)? else {
        bail!(
            "{}",
            say!(
                en(
                    "the {} term has no proposal in 公示; objections come after `pingxuan award propose`",
                    term.year
                ),
                zh("{} 届尚未公示；异议须在 `pingxuan award propose` 之后登记", term.year)
            )
        );
    };
    let n = nominee_by_code(&tx, term.year, code)?;
    if !p.items.iter().any(|i| i.nomination == n.id) {
        bail!(
            "{}",
            say!(
                en(
                    "{} is not on the proposed list #{}; see `pingxuan award publicity`",
                    n.code,
                    p.id
                ),
                zh(
                    "{} 不在公示名单 #{} 中；请查看 `pingxuan award publicity`",
                    n.code,
                    p.id
                )
            )
        );
    }
    let is_late = late(p.ends_on, received);
    tx.execute(
        "INSERT INTO objection (term, nomination, sender, text, received_on, late, recorded_at, recorded_by)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        params![
            term.year,
            n.id,
            from,
            text,
            received.to_string(),
            is_late,
            now(),
            ctx.operator
        ],
    )
    .context("recording the objection")?;
    let id = tx.last_insert_rowid();
    tx.record(
        Some(term.year),
        "objection.add",
        &n.code,
        json!({ "objection": id, "from": from, "text": text, "received_on": received.to_string(), "late": is_late }),
    )?;
    tx.finish(dry_run)?;
    let late_note = if is_late {
        say!(
            en(
                " — late: received after the period ended on {}; it must still be resolved",
                p.ends_on
            ),
            zh("——逾期：公示期已于 {} 结束，仍须办结", p.ends_on)
        )
    } else {
        String::new()
    };
    say(&format!(
        "{}{}",
        summary_prefix(dry_run),
        say!(
            en("objection #{id}: {} {} ({from}){late_note}", n.code, n.name),
            zh("异议 #{id}：{} {}（{from}）{late_note}", n.code, n.name)
        )
    ));
    Ok(())
}

fn resolve(ctx: &Ctx, id: &str, upheld: bool, finding: &str, dry_run: bool) -> Result<()> {
    if finding.is_empty() {
        bail!(
            "{}",
            say!(
                en("--finding: say what the investigation found"),
                zh("--finding: 请写明调查结论")
            )
        );
    }
    let id: i64 = id.trim().trim_start_matches('#').parse().map_err(|_| {
        anyhow::anyhow!(
            "{}",
            say!(
                en("\"{id}\": an objection is named by its number, as `pingxuan objection list` shows it"),
                zh("\"{id}\": 请用 `pingxuan objection list` 中的序号指明异议")
            )
        )
    })?;
    let tx = ctx.change()?;
    let term = store::writable_term(&tx, ctx)?;
    let found: Option<(String, Option<String>, Option<String>)> = tx
        .query_row(
            "SELECT n.code, o.outcome, o.resolved_at FROM objection o JOIN nomination n ON n.id = o.nomination
             WHERE o.id = ?1 AND o.term = ?2",
            params![id, term.year],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .optional()?;
    let Some((code, outcome, at)) = found else {
        bail!(
            "{}",
            say!(
                en(
                    "there is no objection #{id} in the term {}; see `pingxuan objection list`",
                    term.year
                ),
                zh("{} 届没有异议 #{id}；请查看 `pingxuan objection list`", term.year)
            )
        );
    };
    if let Some(o) = outcome {
        let at = at.unwrap_or_default();
        bail!(
            "{}",
            say!(
                en("objection #{id} about {code} was already resolved ({o}) on {at}"),
                zh("关于 {code} 的异议 #{id} 已于 {at} 办结（{o}）")
            )
        );
    }
    let outcome = if upheld { "upheld" } else { "dismissed" };
    tx.execute(
        "UPDATE objection SET outcome = ?2, finding = ?3, resolved_at = ?4, resolved_by = ?5 WHERE id = ?1",
        params![id, outcome, finding, now(), ctx.operator],
    )
    .context("resolving the objection")?;
    tx.record(
        Some(term.year),
        "objection.resolve",
        &code,
        json!({ "objection": id, "outcome": outcome, "finding": finding }),
    )?;
    tx.finish(dry_run)?;
    let next = if upheld {
        say!(
            en("; record what follows: `pingxuan veto add {code} …` or `pingxuan nominate withdraw {code} --reason …`"),
            zh("；请据此登记：`pingxuan veto add {code} …` 或 `pingxuan nominate withdraw {code} --reason …`")
        )
    } else {
        String::new()
    };
    let verdict = if upheld {
        tr("upheld", "属实")
    } else {
        tr("dismissed", "不属实")
    };
    say(&format!(
        "{}{}",
        summary_prefix(dry_run),
        say!(
            en("objection #{id} ({code}): {verdict}{next}"),
            zh("异议 #{id}（{code}）：{verdict}{next}")
        )
    ));
    Ok(())
}

fn list(ctx: &Ctx) -> Result<()> {
    let conn = ctx.read()?;
    let term = store::resolve_term(conn, ctx)?;
    let mut st = conn.prepare(
        "SELECT o.id, n.code, n.name, u.name, o.sender, o.text, o.received_on, o.late, o.outcome, o.finding,
                o.resolved_at, o.resolved_by, o.recorded_by
         FROM objection o JOIN nomination n ON n.id = o.nomination JOIN unit u ON u.id = n.unit_id
         WHERE o.term = ?1 ORDER BY o.id",
    )?;
    let mut l = Listing::new(vec![
        col("id", tr("no.", "序号")),
        code_col(),
        name_col(),
        unit_col(),
        col("from", tr("from", "反映人")),
        col("text", tr("objection", "反映内容")),
        col("received_on", tr("received", "收到日期")),
        col("late", tr("late", "逾期")),
        col("status", tr("status", "办理情况")),
        col("finding", tr("finding", "调查结论")),
        col("resolved_at", tr("resolved", "办结时间")),
        col("resolved_by", tr("by", "办理人")),
    ]);
    let rows = st.query_map([term.year], |r| {
        let outcome: Option<String> = r.get(8)?;
        let status = match outcome.as_deref() {
            Some("upheld") => Cell::code("upheld", tr("upheld", "属实")),
            Some(_) => Cell::code("dismissed", tr("dismissed", "不属实")),
            None => Cell::code("open", tr("open", "待办")),
        };
        Ok(vec![
            Cell::Int(r.get(0)?),
            Cell::Text(r.get(1)?),
            Cell::Text(r.get(2)?),
            Cell::Text(r.get(3)?),
            Cell::Text(r.get(4)?),
            Cell::Text(r.get(5)?),
            Cell::Text(r.get(6)?),
            Cell::Bool(r.get(7)?),
            status,
            r.get::<_, Option<String>>(9)?.into(),
            r.get::<_, Option<String>>(10)?.into(),
            r.get::<_, Option<String>>(11)?.into(),
        ])
    })?;
    for row in rows {
        l.push(row.context("reading the objections")?);
    }
    l.print(ctx.format)
}
