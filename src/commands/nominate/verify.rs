//! `nominate verify` (核对) and `nominate withdraw`.

use anyhow::{Context, Result, bail};
use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension, params};
use serde_json::json;

use super::records::{self, Record};
use super::show::listing;
use crate::commands::Ctx;
use crate::core::scheme::Scheme;
use crate::core::verify::{Facts, Sent, over_group_cap, rejections};
use crate::db::now;
use crate::i18n::{Lang, lang, tr};
use crate::messages::say;
use crate::messages::verify::rejection_text as rejection_label;
use crate::output::say;
use crate::store::{NominationStatus, load_scheme, nominee_by_code, writable_term};
use std::collections::HashSet;

fn facts(r: &Record, opens: NaiveDate, deadline: NaiveDate, scheme: &Scheme) -> Facts {
    let date = |s: &str| NaiveDate::parse_from_str(s.get(..10).unwrap_or(s), "%Y-%m-%d").ok();
    Facts {
        category: r.category,
        // Only the form's own date counts: the day of import is not the day it was sent.
        sent: r.submitted_on.as_deref().and_then(date),
        opens,
        deadline,
        in_group: r.group == r.unit_group,
        unit_has_window: r.unit_has_window,
        has_deeds: !r.deeds.trim().is_empty(),
        unit_rank: r.unit_rank,
        unit_rank_top_percent: scheme.rule(r.category).unit_rank_top_percent,
    }
}

/// The nominations to verify: the codes given, else every one not withdrawn.
fn chosen(all: Vec<Record>, conn: &Connection, year: i32, codes: &[String]) -> Result<Vec<Record>> {
    if codes.is_empty() {
        return Ok(all
            .into_iter()
            .filter(|r| r.status != NominationStatus::Withdrawn)
            .collect());
    }
    let mut picked = Vec::new();
    for code in codes {
        let id = nominee_by_code(conn, year, code)?.id;
        let r = all
            .iter()
            .find(|r| r.id == id)
            .context(crate::i18n::tr("reading the nomination", "读取推荐"))?;
        if r.status == NominationStatus::Withdrawn {
            bail!(
                "{}",
                say!(
                    en("{} is withdrawn; it is not verified", r.code),
                    zh("{} 已撤回，不予核对", r.code)
                )
            );
        }
        if !picked.iter().any(|p: &Record| p.id == id) {
            picked.push(r.clone());
        }
    }
    Ok(picked)
}

pub fn verify(ctx: &Ctx, codes: &[String], dry_run: bool) -> Result<()> {
    let tx = ctx.change()?;
    let term = writable_term(&tx, ctx)?;
    let all = records::load_with(&tx, term.year, records::Detail::Brief)?;
    let scheme = load_scheme(&tx, term.year)?;
    let opens = scheme
        .intake_opens_on
        .unwrap_or_else(|| NaiveDate::from_ymd_opt(term.year, 10, 1).unwrap_or(term.deadline));
    // The cap on a group's nominations counts every form of the term that passes on its own
    // (not only those verified now), and rejects the latest submitted past it.
    let passing: Vec<&Record> = all
        .iter()
        .filter(|r| r.status != NominationStatus::Withdrawn)
        .filter(|r| rejections(&facts(r, opens, term.deadline, &scheme)).is_empty())
        .collect();
    let forms: Vec<Sent> = passing
        .iter()
        .map(|r| Sent {
            group: r.group.clone(),
            category: r.category,
            sent: facts(r, opens, term.deadline, &scheme).sent,
            serial: r.id,
        })
        .collect();
    let capped: HashSet<i64> = over_group_cap(&forms, |c| scheme.rule(c).max_per_group)
        .into_iter()
        .map(|i| passing[i].id)
        .collect();
    let recs = chosen(all, &tx, term.year, codes)?;
    let mut rejected: Vec<Record> = Vec::new();
    let mut verified = 0;
    for mut r in recs {
        let mut codes: Vec<String> = rejections(&facts(&r, opens, term.deadline, &scheme))
            .into_iter()
            .map(String::from)
            .collect();
        if capped.contains(&r.id) {
            codes.push("over_group_cap".to_string());
        }
        let status = if codes.is_empty() {
            NominationStatus::Verified
        } else {
            NominationStatus::Rejected
        };
        if (status, &codes) != (r.status, &r.reasons) {
            tx.prepare_cached("UPDATE nomination SET status = ?1, reasons = ?2, verified_at = ?3 WHERE id = ?4")?
                .execute(params![status.code(), codes.join(","), now(), r.id])
                .with_context(|| say!(en("verifying {}", r.code), zh("核对 {}", r.code)))?;
            let what = json!({ "from": r.status.code(), "to": status.code(), "reasons": codes });
            tx.record(Some(term.year), "nomination.verify", &r.code, what)?;
        }
        (r.status, r.reasons) = (status, codes);
        match status {
            NominationStatus::Rejected => rejected.push(r),
            _ => verified += 1,
        }
    }
    tx.finish(dry_run)?;
    say(&verify_summary(verified, &rejected, dry_run));
    let refs: Vec<&Record> = rejected.iter().collect();
    listing(&refs).print(ctx.format)
}

fn verify_summary(verified: usize, rejected: &[Record], dry_run: bool) -> String {
    let list: String = rejected
        .iter()
        .map(|r| {
            let why: Vec<String> = r.reasons.iter().map(|c| rejection_label(c).to_string()).collect();
            format!("\n  {} {} ({})", r.code, r.name, why.join("; "))
        })
        .collect();
    let n = rejected.len();
    match (lang(), dry_run) {
        (Lang::En, false) => format!("verified {verified}, rejected {n}{list}"),
        (Lang::En, true) => format!("dry run, nothing was written: would verify {verified}, would reject {n}{list}"),
        (Lang::Zh, false) => format!("核对通过 {verified}，未通过 {n}{list}"),
        (Lang::Zh, true) => format!("试运行，未写入：将核对通过 {verified}，未通过 {n}{list}"),
    }
}

pub fn withdraw(ctx: &Ctx, code: &str, reason: &str) -> Result<()> {
    let reason = reason.trim();
    if reason.is_empty() {
        bail!(
            "{}",
            tr("--reason must say why it is withdrawn", "--reason 须说明撤回理由")
        );
    }
    let tx = ctx.change()?;
    let term = writable_term(&tx, ctx)?;
    let n = nominee_by_code(&tx, term.year, code)?;
    if n.status == NominationStatus::Withdrawn {
        let why: String = tx.query_row(
            "SELECT coalesce(withdrawn_reason, '') FROM nomination WHERE id = ?1",
            [n.id],
            |r| r.get(0),
        )?;
        bail!(
            "{}",
            say!(
                en("{} is withdrawn already ({why})", n.code),
                zh("{} 已经撤回（{why}）", n.code)
            )
        );
    }
    let certificate: Option<String> = tx
        .query_row(
            "SELECT certificate FROM award WHERE nomination = ?1 AND revoked_at IS NULL",
            [n.id],
            |r| r.get(0),
        )
        .optional()?;
    if let Some(certificate) = certificate {
        bail!(
            "{}",
            say!(
                en(
                    "{} holds the award {certificate}; revoke it first: `pingxuan award revoke {} --reason TEXT`",
                    n.code,
                    n.code
                ),
                zh(
                    "{} 持有奖项 {certificate}；请先撤销奖项：`pingxuan award revoke {} --reason TEXT`",
                    n.code,
                    n.code
                )
            )
        );
    }
    tx.execute(
        "UPDATE nomination SET status = 'withdrawn', reasons = '', withdrawn_reason = ?1 WHERE id = ?2",
        params![reason, n.id],
    )
    .with_context(|| say!(en("withdrawing {}", n.code), zh("撤回 {}", n.code)))?;
    let what = json!({ "reason": reason, "status_from": n.status.code() });
    tx.record(Some(term.year), "nomination.withdraw", &n.code, what)?;
    tx.finish(false)?;
    say(&say!(
        en("withdrew {} {}: {reason}", n.code, n.name),
        zh("已撤回 {} {}：{reason}", n.code, n.name)
    ));
    Ok(())
}
