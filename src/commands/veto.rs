//! `veto`: the one-vote veto (一票否决). A veto is never deleted: it is revoked, with who,
//! when and why, and both acts stay on the record.

use anyhow::{Context, Result, bail};
use clap::{Args, Subcommand, ValueEnum};
use rusqlite::{OptionalExtension, params};
use serde_json::json;

use super::Ctx;
use super::common::summary_prefix;
use crate::core::assess::veto_reason_label;
use crate::db::now;
use crate::i18n::{Lang, both, lang, tr};
use crate::output::{Cell, Listing, col, say};
use crate::store::{self, NominationStatus, nominee_by_code};
use crate::values::Category;

/// Record, list and revoke one-vote vetoes (一票否决)
///
/// Any one of the four grounds disqualifies a nominee for the term, whatever its score:
/// criminal (违法犯罪被追究刑事责任), safety (重大安全责任事故), complaint (不作为、乱作为被投诉查实),
/// discipline (严重违法违纪受到处分).
///
/// Example:
///   pingxuan veto add P2026-025 --reason criminal \
///     --evidence "因危险驾驶罪被判处拘役二个月，判决已生效" --document "甬口岸〔2026〕36号"
///   pingxuan veto list --active
///   pingxuan veto revoke 1 --reason "判决已被撤销"
#[derive(Args, Debug)]
#[command(verbatim_doc_comment)]
pub struct VetoArgs {
    #[command(subcommand)]
    pub command: VetoCommand,
}

#[derive(Subcommand, Debug)]
pub enum VetoCommand {
    /// Record a veto against a nomination, with its ground and the evidence
    ///
    /// A ground is in force against a nomination once: a second veto on a ground already in
    /// force is refused, naming the first; revoke that one first if it is wrong. Another
    /// ground may be added beside it.
    ///
    /// Example:
    ///   pingxuan veto add W2026-015 --reason complaint \
    ///     --evidence "企业向12345热线投诉，经调查属实" --document "甬口岸〔2026〕31号"
    #[command(verbatim_doc_comment)]
    Add {
        /// The nomination code, e.g. P2026-025
        code: String,
        /// The ground of the veto
        #[arg(long, value_enum)]
        reason: VetoReason,
        /// What was found, and by whom (required)
        #[arg(long, value_name = "TEXT")]
        evidence: String,
        /// The number of the document that found it, e.g. 甬口岸〔2026〕36号
        #[arg(long, value_name = "NO")]
        document: Option<String>,
        /// Check everything and write nothing
        #[arg(long)]
        dry_run: bool,
    },
    /// List the vetoes of the term, revoked ones too (marked, with who, when and why)
    ///
    /// Example:
    ///   pingxuan veto list
    ///   pingxuan veto list --code P2026-025 --format json
    #[command(verbatim_doc_comment)]
    List {
        /// Only the vetoes of this nomination
        #[arg(long)]
        code: Option<String>,
        /// Only vetoes in force
        #[arg(long, conflicts_with = "revoked")]
        active: bool,
        /// Only revoked vetoes
        #[arg(long)]
        revoked: bool,
    },
    /// Revoke a veto, saying why; the veto stays listed as revoked
    ///
    /// Example:
    ///   pingxuan veto revoke 3 --reason "复核后投诉不属实（甬口岸〔2026〕40号）"
    #[command(verbatim_doc_comment)]
    Revoke {
        /// The veto's number, as `veto list` shows it
        id: String,
        /// Why the veto is revoked (kept with it and on the audit record)
        #[arg(long, value_name = "TEXT")]
        reason: String,
        /// Check everything and write nothing
        #[arg(long)]
        dry_run: bool,
    },
}

/// The four grounds of the one-vote veto.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum VetoReason {
    /// A cadre or employee prosecuted for a crime (违法犯罪被追究刑事责任)
    #[value(alias = "刑事", alias = "违法犯罪")]
    Criminal,
    /// A major safety accident, or one of wide impact (重大安全责任事故)
    #[value(alias = "安全", alias = "安全事故")]
    Safety,
    /// Inaction or misconduct, complained of and verified (投诉查实)
    #[value(alias = "投诉", alias = "不作为", alias = "乱作为")]
    Complaint,
    /// A serious violation punished by a sanction (违纪处分)
    #[value(alias = "违纪", alias = "处分")]
    Discipline,
}

impl VetoReason {
    fn code(self) -> &'static str {
        match self {
            VetoReason::Criminal => "criminal",
            VetoReason::Safety => "safety",
            VetoReason::Complaint => "complaint",
            VetoReason::Discipline => "discipline",
        }
    }
}

pub fn run(ctx: &Ctx, args: VetoArgs) -> Result<()> {
    match args.command {
        VetoCommand::Add {
            code,
            reason,
            evidence,
            document,
            dry_run,
        } => add(
            ctx,
            &code,
            reason,
            &evidence,
            document.as_deref().unwrap_or(""),
            dry_run,
        ),
        VetoCommand::List { code, active, revoked } => list(ctx, code, active, revoked),
        VetoCommand::Revoke { id, reason, dry_run } => revoke(ctx, &id, &reason, dry_run),
    }
}

fn add(ctx: &Ctx, code: &str, reason: VetoReason, evidence: &str, document: &str, dry_run: bool) -> Result<()> {
    let (evidence, document) = (evidence.trim(), document.trim());
    if evidence.is_empty() {
        bail!(
            "--evidence: {}",
            tr(
                "a veto needs its evidence: what was found, and by whom",
                "一票否决须写明依据：查实的事实及认定部门"
            )
        );
    }
    let tx = ctx.change()?;
    let term = store::writable_term(&tx, ctx)?;
    let n = nominee_by_code(&tx, term.year, code)?;
    if n.status == NominationStatus::Withdrawn {
        bail!(
            "{} {}",
            n.code,
            tr(
                "is withdrawn; a veto is recorded only against a nomination that stands",
                "已撤回，不再对其作一票否决"
            )
        );
    }
    // One veto in force per ground: a second one on the same ground is refused, naming the first.
    type InForce = (i64, String, String, String, String);
    let in_force: Option<InForce> = tx
        .query_row(
            "SELECT id, evidence, document, added_at, added_by FROM veto
             WHERE nomination = ?1 AND reason = ?2 AND revoked_at IS NULL",
            params![n.id, reason.code()],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)),
        )
        .optional()?;
    if let Some((id, old_evidence, old_document, added_at, added_by)) = in_force {
        let ground = veto_reason_label(reason.code());
        if old_evidence == evidence && old_document == document {
            // The same veto again, as a re-run script gives it: already on record.
            say(&both(
                format!("{}: veto #{id} is already on record; nothing added", n.code),
                format!("{}：否决 #{id} 已有记录，未重复添加", n.code),
            ));
            return Ok(());
        }
        let term_flag = ctx.term.map(|y| format!(" --term {y}")).unwrap_or_default();
        let document = if old_document.is_empty() {
            tr("no document", "无文号").to_string()
        } else {
            old_document
        };
        bail!(
            "{}",
            both(
                format!(
                    "{} already has a veto in force on this ground ({ground}): #{id}, document {document}, added {added_at} by {added_by}; a ground is vetoed once. If #{id} is wrong, revoke it first: `pingxuan{term_flag} veto revoke {id} --reason TEXT`",
                    n.code
                ),
                format!(
                    "{} 已有同一事由（{ground}）的有效否决 #{id}，文号 {document}，{added_at} 由 {added_by} 录入；同一事由只否决一次。如 #{id} 有误，请先撤销：`pingxuan{term_flag} veto revoke {id} --reason 理由`",
                    n.code
                ),
            )
        );
    }
    tx.execute(
        "INSERT INTO veto (nomination, reason, evidence, document, added_at, added_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![n.id, reason.code(), evidence, document, now(), ctx.operator],
    )
    .context(crate::i18n::tr("recording the veto", "登记否决"))?;
    let id = tx.last_insert_rowid();
    tx.record(
        Some(term.year),
        "veto.add",
        &n.code,
        json!({ "veto": id, "reason": reason.code(), "evidence": evidence, "document": document }),
    )?;
    tx.finish(dry_run)?;
    say(&format!(
        "{}{} #{id}: {} {} ({})",
        summary_prefix(dry_run),
        tr("veto", "一票否决"),
        n.code,
        n.name,
        veto_reason_label(reason.code())
    ));
    Ok(())
}

fn revoke(ctx: &Ctx, id: &str, reason: &str, dry_run: bool) -> Result<()> {
    let reason = reason.trim();
    if reason.is_empty() {
        bail!(
            "--reason: {}",
            tr("say why the veto is revoked", "请写明撤销否决的理由")
        );
    }
    let id: i64 = id.trim().trim_start_matches('#').parse().map_err(|_| {
        anyhow::anyhow!(
            "\"{id}\": {}",
            tr(
                "a veto is named by its number, as `pingxuan veto list` shows it",
                "请用 `pingxuan veto list` 中的序号指明否决"
            )
        )
    })?;
    let tx = ctx.change()?;
    let term = store::writable_term(&tx, ctx)?;
    type Found = (String, String, Option<String>, Option<String>, Option<String>);
    let found: Option<Found> = tx
        .query_row(
            "SELECT n.code, v.reason, v.revoked_at, v.revoked_by, v.revoke_reason
             FROM veto v JOIN nomination n ON n.id = v.nomination WHERE v.id = ?1 AND n.term = ?2",
            params![id, term.year],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)),
        )
        .optional()?;
    let Some((code, ground, revoked_at, revoked_by, why)) = found else {
        bail!(
            "{} #{id} {} {}; {}",
            tr("there is no veto", "没有一票否决"),
            tr("in the term", "，届期"),
            term.year,
            tr("see `pingxuan veto list`", "请查看 `pingxuan veto list`")
        );
    };
    if let Some(at) = revoked_at {
        bail!(
            "{}",
            match lang() {
                Lang::En => format!(
                    "veto #{id} on {code} was already revoked on {at} by {} ({})",
                    revoked_by.unwrap_or_default(),
                    why.unwrap_or_default()
                ),
                Lang::Zh => format!(
                    "{code} 的一票否决 #{id} 已于 {at} 由 {} 撤销（{}）",
                    revoked_by.unwrap_or_default(),
                    why.unwrap_or_default()
                ),
            }
        );
    }
    tx.execute(
        "UPDATE veto SET revoked_at = ?2, revoked_by = ?3, revoke_reason = ?4 WHERE id = ?1",
        params![id, now(), ctx.operator, reason],
    )
    .context(crate::i18n::tr("revoking the veto", "撤销否决"))?;
    tx.record(
        Some(term.year),
        "veto.revoke",
        &code,
        json!({ "veto": id, "ground": ground, "reason": reason }),
    )?;
    tx.finish(dry_run)?;
    say(&format!(
        "{}{} #{id} ({code}): {reason}",
        summary_prefix(dry_run),
        tr("revoked veto", "已撤销一票否决")
    ));
    Ok(())
}

fn list(ctx: &Ctx, code: Option<String>, active: bool, revoked: bool) -> Result<()> {
    let conn = ctx.read()?;
    let term = store::resolve_term(conn, ctx)?;
    let nomination = code
        .map(|c| nominee_by_code(conn, term.year, &c).map(|n| n.id))
        .transpose()?;
    let mut st = conn.prepare(
        "SELECT v.id, n.code, n.category, n.name, u.name, v.reason, v.evidence, v.document, v.added_at, v.added_by,
                v.revoked_at, v.revoked_by, v.revoke_reason
         FROM veto v JOIN nomination n ON n.id = v.nomination JOIN unit u ON u.id = n.unit_id
         WHERE n.term = ?1 AND (?2 IS NULL OR n.id = ?2)
           AND (?3 = 0 OR v.revoked_at IS NULL) AND (?4 = 0 OR v.revoked_at IS NOT NULL)
         ORDER BY v.id",
    )?;
    let mut l = Listing::new(vec![
        col("id", tr("no.", "序号")),
        col("code", tr("code", "编号")),
        col("category", tr("category", "类别")),
        col("name", tr("name", "名称")),
        col("unit", tr("unit", "单位")),
        col("reason", tr("ground", "否决事由")),
        col("evidence", tr("evidence", "依据")),
        col("document", tr("document", "文件")),
        col("active", tr("in force", "有效")),
        col("added_at", tr("added", "录入时间")),
        col("added_by", tr("by", "录入人")),
        col("revoked_at", tr("revoked", "撤销时间")),
        col("revoked_by", tr("revoked by", "撤销人")),
        col("revoke_reason", tr("why revoked", "撤销理由")),
    ]);
    let rows = st.query_map(params![term.year, nomination, active, revoked], |r| {
        let category: Category = r.get(2)?;
        let reason: String = r.get(5)?;
        let revoked_at: Option<String> = r.get(10)?;
        Ok(vec![
            Cell::Int(r.get(0)?),
            Cell::Text(r.get(1)?),
            Cell::code(category.code(), category.label()),
            Cell::Text(r.get(3)?),
            Cell::Text(r.get(4)?),
            Cell::code(&reason, veto_reason_label(&reason)),
            Cell::Text(r.get(6)?),
            Cell::Text(r.get(7)?),
            Cell::Bool(revoked_at.is_none()),
            Cell::Text(r.get(8)?),
            Cell::Text(r.get(9)?),
            revoked_at.into(),
            r.get::<_, Option<String>>(11)?.into(),
            r.get::<_, Option<String>>(12)?.into(),
        ])
    })?;
    for row in rows {
        l.push(row.context(crate::i18n::tr("reading the vetoes", "读取否决"))?);
    }
    l.print(ctx.format)
}
