//! `award grant`: loads the ranked boards and the awards held, lets the core decide who is
//! granted (the shortlist, a tie at the cutoff settled only by the committee's choice), and
//! records the awards with certificate numbers that are never reused.

mod proposed;

use std::collections::HashMap;

use anyhow::{Context, Result, bail};
use rusqlite::{Connection, params};
use serde_json::json;

use crate::change::Change;
use crate::commands::Ctx;
use crate::commands::award::{Show, award_listing, awards};
use crate::commands::common::fraction;
use crate::core::award::{self, Choice, Grant, Held, Outcome, Problem};
use crate::db::now;
use crate::i18n::tr;
use crate::load::{self, Ranked};
use crate::messages::say;
use crate::output::say;
use crate::store::{Term, TermState, load_scheme, term_not_closed};
use crate::values::Category;

/// The awards on the record of the term, by nomination.
pub(super) fn held(conn: &Connection, year: i32) -> Result<HashMap<i64, Held>> {
    let mut st = conn.prepare_cached("SELECT nomination, revoked_at IS NULL FROM award WHERE term = ?1")?;
    let rows = st.query_map([year], |r| {
        let active: bool = r.get(1)?;
        Ok((r.get::<_, i64>(0)?, if active { Held::Active } else { Held::Revoked }))
    })?;
    rows.collect::<rusqlite::Result<_>>()
        .context(crate::i18n::tr("reading the awards", "读取奖项"))
}

/// The highest serial given in each category, revoked awards included: numbers are never reused.
fn serials(conn: &Connection, year: i32) -> Result<HashMap<Category, i64>> {
    let mut m = HashMap::new();
    for cat in Category::ALL {
        let max: i64 = conn
            .prepare_cached("SELECT COALESCE(MAX(serial), 0) FROM award WHERE term = ?1 AND category = ?2")?
            .query_row(params![year, cat], |r| r.get(0))?;
        m.insert(cat, max);
    }
    Ok(m)
}

/// The boards as the core takes them.
pub(super) fn plain(boards: &[load::Board]) -> Vec<award::Board> {
    boards
        .iter()
        .map(|b| award::Board {
            category: b.category,
            quota: b.quota,
            places: b.places.clone(),
            rows: b
                .rows
                .iter()
                .map(|r| award::Row {
                    id: r.entry.id,
                    code: r.entry.candidate.code.clone(),
                    name: r.entry.candidate.name.clone(),
                    group: r.entry.candidate.group.clone(),
                    rank: r.rank,
                    shortlisted: r.shortlisted,
                    tie_at_cutoff: r.tie_at_cutoff,
                })
                .collect(),
        })
        .collect()
}

/// Every problem at once, under a heading that says what to do on an awarded term.
fn refusal(term: &Term, problems: &[Problem]) -> String {
    let heading = if term.state == TermState::Awarded {
        say!(
            en(
                "the {} term is awarded and the shortlist differs from the awards; reopen it first with `pingxuan term reopen --reason TEXT`:",
                term.year
            ),
            zh(
                "{} 届已授奖，入围名单与已授奖项不一致；请先执行 `pingxuan term reopen --reason 理由`：",
                term.year
            )
        )
    } else {
        tr("nothing was granted:", "未授奖：").to_string()
    };
    let lines: Vec<String> = problems.iter().map(Problem::text).collect();
    format!("{heading}\n  {}", lines.join("\n  "))
}

/// Records each new award with the next number of its category; returns the numbers given.
fn record(tx: &Change, ctx: &Ctx, year: i32, boards: &[load::Board], grants: &[Grant]) -> Result<Vec<String>> {
    let by_id: HashMap<i64, &Ranked> = boards.iter().flat_map(|b| &b.rows).map(|r| (r.entry.id, r)).collect();
    let mut last = serials(tx, year)?;
    let at = now();
    let mut given = Vec::with_capacity(grants.len());
    for g in grants {
        let serial = last.entry(g.category).or_insert(0);
        *serial += 1;
        let certificate = award::certificate(year, g.category, *serial);
        let total = by_id
            .get(&g.id)
            .and_then(|r| r.assessment.total.as_ref())
            .map(fraction)
            .unwrap_or_default();
        let rank = g.rank.map(|r| r as i64);
        tx.prepare_cached(
            "INSERT INTO award (nomination, term, category, serial, certificate, rank, total, decision, granted_at, granted_by)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
        )?
        .execute(params![
            g.id,
            year,
            g.category,
            *serial,
            certificate,
            rank,
            total,
            g.basis.code(),
            at,
            ctx.operator
        ])
        .with_context(|| say!(en("recording the award of {}", g.code), zh("登记 {} 的奖项", g.code)))?;
        tx.record(
            Some(year),
            "award.grant",
            &g.code,
            json!({ "certificate": certificate, "rank": rank, "total": total, "decision": g.basis.code() }),
        )?;
        given.push(certificate);
    }
    Ok(given)
}

/// What was granted, or would be on a dry run.
fn summary(year: i32, outcome: &Outcome, dry_run: bool) -> String {
    let count = |cat: Category| outcome.grants.iter().filter(|g| g.category == cat).count();
    let (w, p) = (count(Category::Window), count(Category::Individual));
    let held = outcome.held_active;
    if dry_run {
        say!(
            en(
                "dry run: would grant {w} window and {p} individual awards and mark the {year} term awarded; nothing was written"
            ),
            zh("试运行：将授予示范窗口 {w} 个、服务标兵 {p} 名，并将 {year} 届标记为已授奖；未写入")
        )
    } else if outcome.grants.is_empty() {
        say!(
            en("nothing new to grant; the {year} term is marked awarded again with its {held} awards"),
            zh("无新增授奖；{year} 届重新标记为已授奖，共 {held} 个奖项")
        )
    } else {
        say!(
            en(
                "granted {w} window and {p} individual awards; the {year} term is now awarded (its records change only after `pingxuan term reopen --reason TEXT`)"
            ),
            zh(
                "已授予示范窗口 {w} 个、服务标兵 {p} 名；{year} 届已标记为已授奖（须 `pingxuan term reopen --reason 理由` 后才能修改）"
            )
        )
    }
}

pub fn run(ctx: &Ctx, dry_run: bool, include: &[String], exclude: &[String]) -> Result<()> {
    let choice = Choice::new(include, exclude);
    let tx = ctx.change()?;
    let term = term_not_closed(&tx, ctx)?;
    let year = term.year;
    let scheme = load_scheme(&tx, year)?;
    let boards = load::boards(&tx, year, &scheme, load::Detail::Full)?;
    let awarded = term.state == TermState::Awarded;
    if !awarded && let Some(p) = super::proposal::in_force(&tx, year)? {
        if !include.is_empty() || !exclude.is_empty() {
            bail!(
                "{}",
                say!(
                    en(
                        "the committee's choice was given with the proposal #{}; the grant takes the proposed list as it stands (to change it, `pingxuan award propose --replace`)",
                        p.id
                    ),
                    zh(
                        "评委会的选择已在公示名单 #{} 中给出；授奖按公示名单进行（如需更改，请 `pingxuan award propose --replace`）",
                        p.id
                    )
                )
            );
        }
        return proposed::grant(ctx, tx, &term, &boards, p, dry_run);
    }
    let outcome = award::decide(year, awarded, &plain(&boards), &held(&tx, year)?, &choice)
        .map_err(|problems| anyhow::anyhow!("{}", refusal(&term, &problems)))?;
    let held = outcome.held_active;
    if awarded {
        say(&say!(
            en("nothing to add: the {year} term is awarded and its {held} awards stand as granted"),
            zh("无新增：{year} 届已授奖，{held} 个奖项维持不变")
        ));
        return Ok(());
    }
    if !outcome.not_again.is_empty() {
        say(&say!(
            en(
                "not granted again (the award was revoked; its number stays taken): {}",
                outcome.not_again.join(", ")
            ),
            zh(
                "不再授予（奖项已撤销，证书编号不再使用）：{}",
                outcome.not_again.join("、")
            )
        ));
    }
    if outcome.nothing_to_grant() {
        bail!(
            "{}",
            tr(
                "nothing to grant: no candidate is shortlisted; see `pingxuan rank`",
                "无可授奖：没有入围者，请查看 `pingxuan rank`"
            )
        );
    }

    let given = record(&tx, ctx, year, &boards, &outcome.grants)?;
    tx.execute("UPDATE term SET state = 'awarded' WHERE year = ?1", [year])
        .context(crate::i18n::tr("marking the term awarded", "标记届期为已授奖"))?;
    tx.record(
        Some(year),
        "term.awarded",
        &year.to_string(),
        json!({
            "granted": given.len(),
            "include": choice.include.iter().collect::<Vec<_>>(),
            "exclude": choice.exclude.iter().collect::<Vec<_>>(),
        }),
    )?;
    show_granted(ctx, &tx, year, &given)?;
    tx.finish(dry_run)?;
    say(&summary(year, &outcome, dry_run));
    Ok(())
}

/// Lists the awards just granted (by their certificate numbers), before the change is finished.
fn show_granted(ctx: &Ctx, tx: &Change<'_>, year: i32, given: &[String]) -> Result<()> {
    if !given.is_empty() {
        let mut rows = awards(tx, year)?;
        rows.retain(|a| given.contains(&a.certificate));
        award_listing(&rows, Show::Grant).print(ctx.format)?;
    }
    Ok(())
}
