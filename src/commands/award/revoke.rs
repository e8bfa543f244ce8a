//! `award revoke`: an award taken back, with a reason; its certificate number stays taken.

use super::*;
use crate::messages::say;

pub(super) fn revoke(ctx: &Ctx, code: &str, reason: &str, dry_run: bool) -> Result<()> {
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
            "{}",
            say!(
                en("{} has no award in the term (see `pingxuan award list`)", n.code),
                zh("{} 本届没有获奖记录 （请查看 `pingxuan award list`）", n.code)
            )
        );
    };
    if let Some(at) = revoked_at {
        let why = why.unwrap_or_default();
        bail!(
            "{}",
            say!(
                en(
                    "the award of {} ({certificate}) was already revoked on {at}: {}",
                    n.code,
                    why
                ),
                zh("{}的奖项（{certificate}）已于 {at} 撤销：{}", n.code, why)
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
    let what = say!(
        en(
            "the award of {} {} ({certificate}; the number stays taken)",
            n.code,
            n.name
        ),
        zh("{} {} 的奖项（{certificate}，证书编号不再使用）", n.code, n.name)
    );
    if dry_run {
        say(&say!(en("dry run: would revoke {what}"), zh("试运行：将撤销 {what}")));
        return Ok(());
    }
    tx.finish(false)?;
    say(&say!(en("revoked {what}"), zh("已撤销 {what}")));
    Ok(())
}
