//! `audit`: the audit record of the term, every change with who, when and what.

use anyhow::{Context, Result, bail};
use clap::{Args, Subcommand};
use rusqlite::params;
use serde_json::Value;

use super::Ctx;
use crate::chain::verify::{Finding, LinkFault, TriggerFault, verify};
use crate::i18n::tr;
use crate::messages::say;
use crate::output::{Cell, Format, Listing, col, out, say};
use crate::store::resolve_term;
use crate::values::fmt_points;

/// Show the audit record of the term: every change, who made it and when
///
/// The record is append-only and hash-chained: imports, scores, findings, vetoes, awards, revocations and
/// every change of the term itself, oldest first. Changes to the groups and units, which
/// belong to no one term, are shown with every term.
///
/// Example:
///   pingxuan audit
///   pingxuan audit --action award --limit 20
///   pingxuan --term 2026 audit --format csv > audit2026.csv
///   pingxuan audit verify      # the hash chain against every row
///   pingxuan audit head        # the latest hash, to print with the published lists
#[derive(Args, Debug)]
#[command(verbatim_doc_comment, args_conflicts_with_subcommands = true)]
pub struct AuditArgs {
    #[command(subcommand)]
    pub command: Option<AuditCommand>,
    /// Only actions starting with this, e.g. "award" or "veto.revoke"
    #[arg(long, value_name = "PREFIX")]
    pub action: Option<String>,
    /// Only the latest N entries
    #[arg(long, value_name = "N")]
    pub limit: Option<usize>,
}

#[derive(Subcommand, Debug)]
pub enum AuditCommand {
    /// Check the hash-chained record against every row; exit 1 when anything is found
    ///
    /// Walks the chain from the first entry and names the first broken link; holds every
    /// row against what the record last said of it (a row changed, with no record, or gone);
    /// checks the guards (triggers) of the schema, that no awarded or closed term was
    /// reopened outside the tool, and that every mark is within the term's scheme.
    ///
    /// Example:
    ///   pingxuan audit verify
    #[command(verbatim_doc_comment)]
    Verify,
    /// Print the hash of the latest entry, to print on the published shortlist and notice
    ///
    /// A copy of the database can later be checked against the paper: its record must
    /// contain this entry with this hash (`audit verify` on the copy, then `audit head`).
    ///
    /// Example:
    ///   pingxuan audit head
    #[command(verbatim_doc_comment)]
    Head,
}

pub fn run(ctx: &Ctx, args: AuditArgs) -> Result<()> {
    match args.command {
        Some(AuditCommand::Verify) => return verify_command(ctx),
        Some(AuditCommand::Head) => return head_command(ctx),
        None => {}
    }
    let term = resolve_term(ctx.read()?, ctx)?;
    if args.limit == Some(0) {
        bail!("{}", tr("--limit must be at least 1", "--limit 至少为 1"));
    }
    let prefix = args.action.unwrap_or_default();
    // LIKE would treat "_" in an action name as a wildcard; compare the prefix exactly.
    let mut st = ctx.read()?.prepare_cached(
        "SELECT id, at, operator, action, target, detail, coalesce(hash, '') FROM audit
         WHERE (term = ?1 OR term IS NULL) AND substr(action, 1, length(?2)) = ?2
         ORDER BY id DESC LIMIT ?3",
    )?;
    let limit = args.limit.map(|n| n as i64).unwrap_or(-1);
    let mut rows = st
        .query_map(params![term.year, prefix, limit], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, String>(3)?,
                r.get::<_, String>(4)?,
                r.get::<_, String>(5)?,
                r.get::<_, String>(6)?,
            ))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()
        .context(crate::i18n::tr("reading the audit record", "读取操作记录"))?;
    rows.reverse();
    let mut l = Listing::new(vec![
        col("id", tr("id", "序号")),
        col("at", tr("at", "时间")),
        col("operator", tr("operator", "操作人")),
        col("action", tr("action", "操作")),
        col("target", tr("target", "对象")),
        col("detail", tr("detail", "详情")),
        col("hash", tr("hash", "校验码")),
    ]);
    for (id, at, operator, action, target, detail, hash) in &rows {
        l.push(vec![
            Cell::Int(*id),
            at.clone().into(),
            operator.clone().into(),
            // The code for scripts and in English; in Chinese, what was done, in words.
            Cell::code(
                action,
                match crate::i18n::lang() {
                    crate::i18n::Lang::Zh => {
                        crate::messages::audit::action_label(action, crate::i18n::Lang::Zh).unwrap_or(action)
                    }
                    crate::i18n::Lang::En => action,
                },
            ),
            target.clone().into(),
            match ctx.format {
                // A whole scheme can be a detail: people get its start, CSV and JSON all of it.
                Format::Table | Format::Md if detail.chars().count() > 80 => {
                    format!("{}…", detail.chars().take(80).collect::<String>()).into()
                }
                _ => detail.clone().into(),
            },
            match ctx.format {
                Format::Table | Format::Md => hash.chars().take(12).collect::<String>().into(),
                _ => hash.clone().into(),
            },
        ]);
    }
    if ctx.format != Format::Json {
        return l.print(ctx.format);
    }
    // In JSON the detail is the object it was recorded as, not a string.
    let mut v = l.to_json();
    if let Value::Array(items) = &mut v {
        for (item, row) in items.iter_mut().zip(&rows) {
            if let Ok(parsed) = serde_json::from_str::<Value>(&row.5) {
                item["detail"] = parsed;
            }
        }
    }
    out(&format!("{}\n", serde_json::to_string_pretty(&v)?))
}

/// The size of the record and its head, in a few words.
pub fn report(conn: &rusqlite::Connection) -> Result<String> {
    let n: i64 = conn.query_row("SELECT count(*) FROM audit", [], |r| r.get(0))?;
    let head = crate::chain::head(conn)?.map(|(_, h)| h).unwrap_or_default();
    Ok(say!(
        en("{n} audit entries, head {}", short(&head)),
        zh("操作记录 {n} 条，末条校验码 {}", short(&head))
    ))
}

fn short(hash: &str) -> String {
    hash.chars().take(16).collect()
}

/// One finding of `audit verify`, in words.
pub fn finding_text(f: &Finding) -> String {
    match f {
        Finding::BrokenLink { entry, fault, more } => {
            let (en, zh) = match fault {
                LinkFault::Unhashed => (
                    "has no hash: it was written past pingxuan",
                    "没有校验码：不是由评选程序写入的",
                ),
                LinkFault::Unlinked => (
                    "does not follow the entry before it: an entry was removed, inserted or moved",
                    "与前一条记录衔接不上：有记录被删除、插入或移动",
                ),
                LinkFault::Altered => (
                    "no longer gives its hash: its content or the rows it lists were changed",
                    "内容或其所记的行已被改动，校验码不符",
                ),
            };
            say!(
                en(
                    "the chain breaks at audit entry {entry}, which {en}{}",
                    if *more > 0 {
                        format!(" ({more} more broken links after it)")
                    } else {
                        String::new()
                    }
                ),
                zh(
                    "哈希链在第 {entry} 条操作记录处断开：{zh}{}",
                    if *more > 0 {
                        format!("（其后另有 {more} 处断开）")
                    } else {
                        String::new()
                    }
                )
            )
        }
        Finding::Changed { table, key } => say!(
            en("{table} {key} differs from what the record says: it was changed outside pingxuan"),
            zh("{table} {key} 与操作记录不符：已在评选程序之外被改动")
        ),
        Finding::Unrecorded { table, key } => say!(
            en("{table} {key} has no record: it was added outside pingxuan"),
            zh("{table} {key} 没有操作记录：是在评选程序之外添加的")
        ),
        Finding::Vanished { table, key } => say!(
            en("{table} {key} is on the record but gone: it was deleted outside pingxuan"),
            zh("{table} {key} 有操作记录但已不存在：已在评选程序之外被删除")
        ),
        Finding::Trigger { name, fault } => match fault {
            TriggerFault::Missing => say!(
                en("the guard {name} is missing: it was dropped outside pingxuan"),
                zh("保护触发器 {name} 缺失：已在评选程序之外被删除")
            ),
            TriggerFault::Altered => say!(
                en("the guard {name} was altered outside pingxuan"),
                zh("保护触发器 {name} 已在评选程序之外被改动")
            ),
            TriggerFault::Foreign => say!(
                en("the trigger {name} is not pingxuan's: it was added outside pingxuan"),
                zh("触发器 {name} 不属于评选程序：是在程序之外添加的")
            ),
        },
        Finding::TermReopened { year, recorded } => say!(
            en("the {year} term is open, but the record has it {recorded}: it was reopened outside pingxuan"),
            zh(
                "{year} 届现为进行中，但记录为{}：已在评选程序之外被重新开启",
                if recorded == "closed" { "已结束" } else { "已授奖" }
            )
        ),
        Finding::ClosedTermChanged { year, state, rows } => say!(
            en(
                "the {year} term is {state}, yet {rows} of its rows changed outside pingxuan: it was reopened by hand, or its guards removed"
            ),
            zh(
                "{year} 届{}，但有 {rows} 行在评选程序之外被改动：曾被手工重新开启，或保护触发器被删除",
                if state == "closed" { "已结束" } else { "已授奖" }
            )
        ),
        Finding::MarkOutside {
            sheet,
            code,
            criterion,
            mark,
            max,
            step,
        } => say!(
            en(
                "sheet {sheet} ({code}): criterion {criterion} is {}, outside the scheme (0 to {} in steps of {})",
                fmt_points(*mark),
                fmt_points(*max),
                fmt_points(*step)
            ),
            zh(
                "评分表 {sheet}（{code}）：指标{criterion} 为 {} 分，超出评分方案（0 至 {} 分，以 {} 分为单位）",
                fmt_points(*mark),
                fmt_points(*max),
                fmt_points(*step)
            )
        ),
    }
}

/// The findings, to stdout: one line each, or JSON.
pub fn say_findings(ctx: &Ctx, findings: &[Finding]) -> Result<()> {
    if ctx.format == Format::Json {
        let v: Vec<Value> = findings
            .iter()
            .map(|f| serde_json::json!({ "finding": finding_text(f), "kind": kind(f) }))
            .collect();
        return out(&format!("{}\n", serde_json::to_string_pretty(&v)?));
    }
    let text: String = findings.iter().map(|f| format!("{}\n", finding_text(f))).collect();
    out(&text)
}

fn kind(f: &Finding) -> &'static str {
    match f {
        Finding::BrokenLink { .. } => "broken_link",
        Finding::Changed { .. } => "row_changed",
        Finding::Unrecorded { .. } => "row_unrecorded",
        Finding::Vanished { .. } => "row_deleted",
        Finding::Trigger { .. } => "trigger",
        Finding::TermReopened { .. } => "term_reopened",
        Finding::ClosedTermChanged { .. } => "closed_term_changed",
        Finding::MarkOutside { .. } => "mark_outside_scheme",
    }
}

fn verify_command(ctx: &Ctx) -> Result<()> {
    let conn = ctx.read()?;
    let findings = verify(conn)?;
    say_findings(ctx, &findings)?;
    if !findings.is_empty() {
        bail!(
            "{}",
            say!(
                en("the record does not hold: {} finding(s)", findings.len()),
                zh("记录校验未通过：发现 {} 个问题", findings.len())
            )
        );
    }
    say(&say!(
        en(
            "the record holds: every row agrees with the hash chain ({})",
            report(conn)?
        ),
        zh("记录校验通过：每一行都与哈希链一致（{}）", report(conn)?)
    ));
    Ok(())
}

fn head_command(ctx: &Ctx) -> Result<()> {
    let conn = ctx.read()?;
    let Some((id, hash)) = crate::chain::head(conn)? else {
        bail!("{}", tr("the audit record is empty", "操作记录为空"));
    };
    let at: String = conn.query_row("SELECT at FROM audit WHERE id = ?1", [id], |r| r.get(0))?;
    match ctx.format {
        Format::Json => out(&format!(
            "{}\n",
            serde_json::to_string_pretty(&serde_json::json!({ "entry": id, "at": at, "hash": hash }))?
        )),
        _ => out(&format!("{hash}\n")).map(|_| say(&say!(en("entry {id} of {at}"), zh("第 {id} 条记录，{at}")))),
    }
}
