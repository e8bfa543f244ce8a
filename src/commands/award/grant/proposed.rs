//! `award grant` after 公示: exactly the proposed list, less any nominee no longer eligible,
//! once the notice period has ended and every objection is resolved.

use std::collections::HashMap;

use anyhow::{Context, Result, bail};
use rusqlite::Connection;
use serde_json::json;

use super::{held, record, show_granted, summary};
use crate::change::Change;
use crate::commands::Ctx;
use crate::commands::award::proposal::{Item, Proposal, today};
use crate::core::assess::Status;
use crate::core::award::{Basis, Grant, Held, Outcome};
use crate::core::publicity;
use crate::i18n::tr;
use crate::load::{self, Ranked};
use crate::messages::say;
use crate::output::say;
use crate::store::Term;

/// The objections of the term not yet resolved.
fn open_objections(conn: &Connection, year: i32) -> Result<Vec<publicity::Open>> {
    let mut st = conn.prepare_cached(
        "SELECT o.id, n.code, o.sender FROM objection o JOIN nomination n ON n.id = o.nomination
         WHERE o.term = ?1 AND o.outcome IS NULL ORDER BY o.id",
    )?;
    let rows = st.query_map([year], |r| {
        Ok(publicity::Open {
            id: r.get(0)?,
            code: r.get(1)?,
            from: r.get(2)?,
        })
    })?;
    rows.collect::<rusqlite::Result<_>>().context("reading the objections")
}

/// After 公示: exactly the proposed list, less any nominee no longer eligible, once the period
/// has ended and every objection is resolved.
pub(super) fn grant(
    ctx: &Ctx,
    tx: Change<'_>,
    term: &Term,
    boards: &[load::Board],
    p: Proposal,
    dry_run: bool,
) -> Result<()> {
    let year = term.year;
    let stops = publicity::stops(p.ends_on, today(), &open_objections(&tx, year)?);
    if !stops.is_empty() {
        let lines: Vec<String> = stops.iter().map(|s| s.text()).collect();
        bail!(
            "{}",
            say!(
                en("nothing was granted:\n  {}", lines.join("\n  ")),
                zh("未授奖：\n  {}", lines.join("\n  "))
            )
        );
    }
    let rows: HashMap<i64, &Ranked> = boards.iter().flat_map(|b| &b.rows).map(|r| (r.entry.id, r)).collect();
    let eligible = |i: &Item| {
        rows.get(&i.nomination)
            .is_some_and(|r| r.assessment.status == Status::Eligible)
    };
    let (kept, dropped) = publicity::still_eligible(&p.items, eligible);
    let held = held(&tx, year)?;
    // On a term reopened after its grant: an award held by a nominee no longer eligible is
    // settled (revoked) before anything else is granted.
    let off: Vec<String> = held
        .iter()
        .filter(|(id, h)| **h == Held::Active && rows.get(id).is_none_or(|r| r.assessment.status != Status::Eligible))
        .filter_map(|(id, _)| rows.get(id).map(|r| r.entry.candidate.code.clone()))
        .collect();
    if !off.is_empty() {
        bail!(
            "{}",
            say!(
                en(
                    "nothing was granted: {} holds an award but is no longer eligible; revoke it first with `pingxuan award revoke CODE --reason TEXT`",
                    off.join(", ")
                ),
                zh(
                    "未授奖：{} 持有奖项但已不再符合条件；请先用 `pingxuan award revoke 编号 --reason 理由` 撤销",
                    off.join("、")
                )
            )
        );
    }
    let grants: Vec<Grant> = kept
        .iter()
        .filter(|i| !held.contains_key(&i.nomination))
        .map(|i| Grant {
            id: i.nomination,
            code: i.code.clone(),
            category: i.category,
            rank: rows.get(&i.nomination).and_then(|r| r.rank),
            basis: Basis::from_code(&i.decision).unwrap_or(Basis::Shortlisted),
        })
        .collect();
    if grants.is_empty() && !held.values().any(|h| *h == Held::Active) {
        bail!(
            "{}",
            tr(
                "nothing to grant: no one of the proposed list is still eligible; see `pingxuan rank`",
                "无可授奖：公示名单中已无符合条件者，请查看 `pingxuan rank`"
            )
        );
    }
    let dropped_text: Vec<String> = dropped
        .iter()
        .map(|i| {
            let status = rows.get(&i.nomination).map_or("-", |r| r.assessment.status.label());
            format!("{} ({status})", i.code)
        })
        .collect();
    let given = record(&tx, ctx, year, boards, &grants)?;
    tx.execute("UPDATE term SET state = 'awarded' WHERE year = ?1", [year])
        .context("marking the term awarded")?;
    tx.record(
        Some(year),
        "term.awarded",
        &year.to_string(),
        json!({
            "granted": given.len(),
            "proposal": p.id,
            "not_granted": dropped.iter().map(|i| i.code.clone()).collect::<Vec<_>>(),
        }),
    )?;
    show_granted(ctx, &tx, year, &given)?;
    tx.finish(dry_run)?;
    if !dropped_text.is_empty() {
        say(&say!(
            en(
                "not granted, no longer eligible since the proposal: {}",
                dropped_text.join(", ")
            ),
            zh("公示后不再符合条件，未授奖：{}", dropped_text.join("、"))
        ));
    }
    let outcome = Outcome {
        grants,
        not_again: Vec::new(),
        held_active: held.values().filter(|h| **h == Held::Active).count(),
    };
    say(&summary(year, &outcome, dry_run));
    Ok(())
}
