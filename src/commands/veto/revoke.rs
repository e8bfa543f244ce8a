//! `veto revoke ID --reason`: a veto against a nomination or against a unit, by its number.

use anyhow::{Context, Result, bail};
use rusqlite::{OptionalExtension, params};
use serde_json::json;

use super::RevokeArgs;
use crate::commands::Ctx;
use crate::commands::common::summary_prefix;
use crate::db::now;
use crate::i18n::{Lang, lang};
use crate::messages::say;
use crate::output::say;
use crate::store;

pub fn run(ctx: &Ctx, a: RevokeArgs) -> Result<()> {
    let (id, reason, dry_run) = (a.id.as_str(), a.reason.trim(), a.dry_run);
    if reason.is_empty() {
        bail!(
            "{}",
            say!(
                en("--reason: say why the veto is revoked"),
                zh("--reason: 请写明撤销否决的理由")
            )
        );
    }
    let id: i64 = id.trim().trim_start_matches('#').parse().map_err(|_| {
        anyhow::anyhow!(
            "{}",
            say!(
                en("\"{id}\": a veto is named by its number, as `pingxuan veto list` shows it"),
                zh("\"{id}\": 请用 `pingxuan veto list` 中的序号指明否决")
            )
        )
    })?;
    let tx = ctx.change()?;
    let term = store::writable_term(&tx, ctx)?;
    type Found = (String, String, Option<String>, Option<String>, Option<String>, bool);
    let found: Option<Found> = tx
        .query_row(
            "SELECT n.code, v.reason, v.revoked_at, v.revoked_by, v.revoke_reason, 0
             FROM veto v JOIN nomination n ON n.id = v.nomination WHERE v.id = ?1 AND n.term = ?2
             UNION ALL
             SELECT u.name, v.reason, v.revoked_at, v.revoked_by, v.revoke_reason, 1
             FROM unit_veto v JOIN unit u ON u.id = v.unit_id WHERE v.id = ?1 AND v.term = ?2",
            params![id, term.year],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?)),
        )
        .optional()?;
    let Some((target, ground, revoked_at, revoked_by, why, of_unit)) = found else {
        bail!(
            "{}",
            say!(
                en(
                    "there is no veto #{id} in the term {}; see `pingxuan veto list`",
                    term.year
                ),
                zh("没有一票否决 #{id}，届期 {}；请查看 `pingxuan veto list`", term.year)
            )
        );
    };
    if let Some(at) = revoked_at {
        bail!(
            "{}",
            match lang() {
                Lang::En => format!(
                    "veto #{id} on {target} was already revoked on {at} by {} ({})",
                    revoked_by.unwrap_or_default(),
                    why.unwrap_or_default()
                ),
                Lang::Zh => format!(
                    "{target} 的一票否决 #{id} 已于 {at} 由 {} 撤销（{}）",
                    revoked_by.unwrap_or_default(),
                    why.unwrap_or_default()
                ),
            }
        );
    }
    let table = if of_unit { "unit_veto" } else { "veto" };
    tx.execute(
        &format!("UPDATE {table} SET revoked_at = ?2, revoked_by = ?3, revoke_reason = ?4 WHERE id = ?1"),
        params![id, now(), ctx.operator, reason],
    )
    .context("revoking the veto")?;
    let action = if of_unit { "veto.revoke_unit" } else { "veto.revoke" };
    tx.record(
        Some(term.year),
        action,
        &target,
        json!({ "veto": id, "ground": ground, "reason": reason }),
    )?;
    tx.finish(dry_run)?;
    say(&say!(
        en("{}revoked veto #{id} ({target}): {reason}", summary_prefix(dry_run)),
        zh("{}已撤销一票否决 #{id}（{target}）：{reason}", summary_prefix(dry_run))
    ));
    Ok(())
}
