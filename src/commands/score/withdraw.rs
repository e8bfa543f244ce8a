//! `score withdraw ID --reason`: a sheet entered by mistake is taken back. It stays on the
//! record, marked withdrawn, and stops counting.

use anyhow::{Context, Result, bail};
use rusqlite::{OptionalExtension, params};
use serde_json::json;

use crate::commands::Ctx;
use crate::commands::common::summary_prefix;
use crate::db::now;
use crate::messages::say;
use crate::output::say;
use crate::store;

pub fn run(ctx: &Ctx, id: &str, reason: &str, dry_run: bool) -> Result<()> {
    let reason = reason.trim();
    if reason.is_empty() {
        bail!(
            "{}",
            say!(
                en("--reason: say why the sheet is withdrawn"),
                zh("--reason: 请写明撤回评分表的理由")
            )
        );
    }
    let id: i64 = id.trim().trim_start_matches('#').parse().map_err(|_| {
        anyhow::anyhow!(
            "{}",
            say!(
                en("\"{id}\": a sheet is named by its number, as `pingxuan score list` shows it"),
                zh("\"{id}\": 请用 `pingxuan score list` 中的表号指明评分表")
            )
        )
    })?;
    let tx = ctx.change()?;
    let term = store::writable_term(&tx, ctx)?;
    type Found = (String, String, String, Option<String>, Option<String>);
    let found: Option<Found> = tx
        .query_row(
            "SELECT n.code, s.source, s.evaluator, s.replaced_at, w.reason
             FROM sheet s JOIN nomination n ON n.id = s.nomination LEFT JOIN sheet_withdrawal w ON w.sheet = s.id
             WHERE s.id = ?1 AND n.term = ?2",
            params![id, term.year],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)),
        )
        .optional()?;
    let Some((code, source, evaluator, replaced_at, withdrawn)) = found else {
        bail!(
            "{}",
            say!(
                en(
                    "there is no sheet #{id} in the term {}; see `pingxuan score list`",
                    term.year
                ),
                zh(
                    "{}年度没有表号为 #{id} 的评分表；请查看 `pingxuan score list`",
                    term.year
                )
            )
        );
    };
    if let Some(at) = replaced_at {
        bail!(
            "{}",
            match withdrawn {
                Some(why) => say!(
                    en("sheet #{id} of {code} was already withdrawn on {at} ({why})"),
                    zh("{code} 的评分表 #{id} 已于 {at} 撤回（{why}）")
                ),
                None => say!(
                    en("sheet #{id} of {code} was replaced on {at}; it no longer counts"),
                    zh("{code} 的评分表 #{id} 已于 {at} 被替换，不再计分")
                ),
            }
        );
    }
    let at = now();
    tx.execute("UPDATE sheet SET replaced_at = ?2 WHERE id = ?1", params![id, at])
        .context("withdrawing the sheet")?;
    tx.execute(
        "INSERT INTO sheet_withdrawal (sheet, withdrawn_at, withdrawn_by, reason) VALUES (?1, ?2, ?3, ?4)",
        params![id, at, ctx.operator, reason],
    )
    .context("recording why the sheet is withdrawn")?;
    tx.record(
        Some(term.year),
        "score.withdraw",
        &code,
        json!({ "sheet": id, "source": source, "evaluator": evaluator, "reason": reason }),
    )?;
    tx.finish(dry_run)?;
    say(&say!(
        en(
            "{}withdrew sheet #{id} ({code}{}): {reason}",
            summary_prefix(dry_run),
            if evaluator.is_empty() {
                String::new()
            } else {
                format!(", {evaluator}")
            }
        ),
        zh(
            "{}已撤回评分表 #{id}（{code}{}）：{reason}",
            summary_prefix(dry_run),
            if evaluator.is_empty() {
                String::new()
            } else {
                format!(", {evaluator}")
            }
        )
    ));
    Ok(())
}
