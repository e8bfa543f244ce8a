//! `award grant`: the awards from the category-wide shortlist, a tie at the cutoff settled
//! only by the committee's choice, certificate numbers never reused.

use std::collections::{BTreeSet, HashMap};

use anyhow::{Context, Result, bail};
use rusqlite::{Connection, params};
use serde_json::json;

use super::decision_label;
use crate::commands::Ctx;
use crate::commands::rank::{both, exact_cell, fraction};
use crate::db::{Db, audit, now};
use crate::i18n::tr;
use crate::load::{self, Board, Ranked};
use crate::output::{Cell, Listing, col, say};
use crate::store::{TermState, load_scheme, resolve_term};
use crate::values::Category;

/// The decision kept with an award within the quota.
pub const SHORTLISTED: &str = "shortlisted";
/// The decision kept with an award the committee chose from a tie at the cutoff.
pub const INCLUDED: &str = "included by the committee";

/// An award row already on the record.
struct Existing {
    active: bool,
}

/// One award to record.
struct New<'a> {
    row: &'a Ranked,
    decision: &'static str,
    serial: i64,
    certificate: String,
}

fn codes(list: &[String]) -> BTreeSet<String> {
    list.iter()
        .map(|c| c.trim().to_uppercase())
        .filter(|c| !c.is_empty())
        .collect()
}

fn existing(conn: &Connection, year: i32) -> Result<HashMap<i64, Existing>> {
    let mut st = conn.prepare_cached("SELECT nomination, revoked_at IS NULL FROM award WHERE term = ?1")?;
    let rows = st.query_map([year], |r| Ok((r.get::<_, i64>(0)?, Existing { active: r.get(1)? })))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

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

/// Who of one category is to hold an award: the shortlist and the committee's choice from a
/// tie at the cutoff. Problems are pushed, not returned early, so that all are reported.
fn chosen<'a>(
    b: &'a Board,
    held: &HashMap<i64, Existing>,
    include: &BTreeSet<String>,
    exclude: &BTreeSet<String>,
    problems: &mut Vec<String>,
) -> Vec<(&'a Ranked, &'static str)> {
    let mut out: Vec<(&Ranked, &'static str)> = b
        .rows
        .iter()
        .filter(|r| r.shortlisted)
        .map(|r| (r, SHORTLISTED))
        .collect();
    let tie = b.tie();
    let Some(first) = tie.first() else {
        return out;
    };
    let places = b.quota.saturating_sub(out.len());
    let code = |r: &Ranked| r.entry.candidate.code.clone();
    let held_as = |r: &Ranked| held.get(&r.entry.id).map(|e| e.active);
    let inc: Vec<&Ranked> = tie
        .iter()
        .copied()
        .filter(|r| include.contains(&code(r)) || held_as(r) == Some(true))
        .collect();
    let undecided: Vec<&Ranked> = tie
        .iter()
        .copied()
        .filter(|r| !include.contains(&code(r)) && !exclude.contains(&code(r)) && held_as(r).is_none())
        .collect();
    for r in &tie {
        if include.contains(&code(r)) && held_as(r) == Some(false) {
            problems.push(both(
                format!(
                    "{}: its award was revoked; it is not granted again (the number stays taken)",
                    code(r)
                ),
                format!("{}：奖项已撤销，不再授予（证书编号不再使用）", code(r)),
            ));
        }
    }
    // The ones left undecided take the places left only when the committee leaves some of this
    // tie out now (--exclude); a tie reopened by a revocation is put to the committee again.
    let excluded_now = tie.iter().any(|r| exclude.contains(&code(r)));
    let names = tie
        .iter()
        .map(|r| format!("{} {}", code(r), r.entry.candidate.name))
        .collect::<Vec<_>>();
    let rank = first.rank.unwrap_or(0);
    if inc.len() > places {
        problems.push(both(
            format!(
                "{}: {} chosen from the tie at rank {rank}, but only {places} place(s) are left within the quota of {}",
                b.category.title(),
                inc.len(),
                b.quota
            ),
            format!(
                "{}：从并列第 {rank} 名中选了 {} 个，但名额 {} 内仅余 {places} 个",
                b.category.title(),
                inc.len(),
                b.quota
            ),
        ));
        return out;
    }
    let take: Vec<&Ranked> = if inc.len() == places {
        inc
    } else if undecided.is_empty() || (excluded_now && inc.len() + undecided.len() <= places) {
        inc.into_iter().chain(undecided).collect()
    } else {
        problems.push(both(
            format!(
                "{}: a tie at the cutoff: {} share rank {rank} with {places} place(s) left within the quota of {}; \
                 the committee chooses: give --include CODE for each one chosen (or --exclude CODE for each one left out)",
                b.category.title(),
                names.join(", "),
                b.quota
            ),
            format!(
                "{}：名额线并列：{} 并列第 {rank} 名，名额 {} 内尚余 {places} 个；\
                 请按评委会决定，对选中者逐一给出 --include 编号（或对不选者给出 --exclude 编号）",
                b.category.title(),
                names.join("、"),
                b.quota
            ),
        ));
        return out;
    };
    // Tie order is the ranking's; keep it for the certificate numbers.
    for r in tie {
        if take.iter().any(|t| t.entry.id == r.entry.id) {
            out.push((r, INCLUDED));
        }
    }
    out
}

pub fn run(ctx: &Ctx, db: &Db, dry_run: bool, include: &[String], exclude: &[String]) -> Result<()> {
    let include = codes(include);
    let exclude = codes(exclude);
    let tx = db.begin()?;
    let term = resolve_term(&tx, ctx)?;
    if term.state == TermState::Closed {
        bail!(
            "{} {} {}",
            tr("the", ""),
            term.year,
            tr("term is closed and does not change", "届已结束，记录不可更改")
        );
    }
    let scheme = load_scheme(&tx, term.year)?;
    let boards = load::boards(&tx, term.year, &scheme)?;
    let held = existing(&tx, term.year)?;

    let mut problems = Vec::new();
    for code in include.intersection(&exclude) {
        problems.push(both(
            format!("{code} is named with both --include and --exclude"),
            format!("{code} 同时出现在 --include 和 --exclude 中"),
        ));
    }
    let tied: Vec<&Ranked> = boards.iter().flat_map(|b| b.tie()).collect();
    for code in include.union(&exclude) {
        if tied.iter().any(|r| &r.entry.candidate.code == code) {
            continue;
        }
        let known = boards
            .iter()
            .flat_map(|b| &b.rows)
            .any(|r| &r.entry.candidate.code == code);
        let ties = if tied.is_empty() {
            tr("there is no tie at the cutoff", "目前没有名额线并列").to_string()
        } else {
            format!(
                "{}: {}",
                tr("tied at the cutoff", "名额线并列"),
                tied.iter()
                    .map(|r| r.entry.candidate.code.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            )
        };
        problems.push(if known {
            both(
                format!(
                    "{code} is not in a tie at the cutoff; --include and --exclude only settle such a tie ({ties})"
                ),
                format!("{code} 不在名额线并列之中；--include 与 --exclude 只用于决定名额线并列（{ties}）"),
            )
        } else {
            both(
                format!("there is no nomination {code} in the {} term", term.year),
                format!("{} 届没有编号为 {code} 的推荐", term.year),
            )
        });
    }

    let mut next = serials(&tx, term.year)?;
    let mut new: Vec<New> = Vec::new();
    let mut not_again = Vec::new();
    for b in &boards {
        let list = chosen(b, &held, &include, &exclude, &mut problems);
        let active = b
            .rows
            .iter()
            .filter(|r| held.get(&r.entry.id).is_some_and(|e| e.active))
            .count();
        let mut added = 0;
        for (row, decision) in list {
            match held.get(&row.entry.id) {
                Some(e) if !e.active => not_again.push(row.entry.candidate.code.clone()),
                Some(_) => {}
                None => {
                    let serial = next.get(&b.category).copied().unwrap_or(0) + 1;
                    next.insert(b.category, serial);
                    added += 1;
                    new.push(New {
                        row,
                        decision,
                        serial,
                        certificate: format!("NBKA-{}-{}-{serial:03}", term.year, b.category.letter()),
                    });
                }
            }
        }
        if active + added > b.quota {
            let off: Vec<String> = b
                .rows
                .iter()
                .filter(|r| !r.shortlisted && held.get(&r.entry.id).is_some_and(|e| e.active))
                .map(|r| r.entry.candidate.code.clone())
                .collect();
            problems.push(both(
                format!(
                    "{}: {active} awards already held and {added} new would pass the quota of {}; awarded but no longer on the shortlist: {} (see `pingxuan award revoke`)",
                    b.category.title(),
                    b.quota,
                    if off.is_empty() { "-".to_string() } else { off.join(", ") }
                ),
                format!(
                    "{}：已有 {active} 个奖项，再授 {added} 个将超出名额 {}；已获奖但不在入围名单中：{}（参见 `pingxuan award revoke`）",
                    b.category.title(),
                    b.quota,
                    if off.is_empty() { "-".to_string() } else { off.join("、") }
                ),
            ));
        }
    }
    let held_active = held.values().filter(|e| e.active).count();
    if term.state == TermState::Awarded {
        if new.is_empty() && problems.is_empty() {
            say(&both(
                format!(
                    "nothing to add: the {} term is awarded and its {held_active} awards stand as granted",
                    term.year
                ),
                format!("无新增：{} 届已授奖，{held_active} 个奖项维持不变", term.year),
            ));
            return Ok(());
        }
        let pending: Vec<&str> = new.iter().map(|n| n.row.entry.candidate.code.as_str()).collect();
        if !pending.is_empty() {
            problems.push(both(
                format!("to be granted: {}", pending.join(", ")),
                format!("待授：{}", pending.join("、")),
            ));
        }
        bail!(
            "{}\n  {}",
            both(
                format!(
                    "the {} term is awarded and the shortlist differs from the awards; reopen it first with `pingxuan term reopen --reason TEXT`:",
                    term.year
                ),
                format!(
                    "{} 届已授奖，入围名单与已授奖项不一致；请先执行 `pingxuan term reopen --reason 理由`：",
                    term.year
                ),
            ),
            problems.join("\n  ")
        );
    }
    if !problems.is_empty() {
        bail!(
            "{}\n  {}",
            tr("nothing was granted:", "未授奖："),
            problems.join("\n  ")
        );
    }
    if !not_again.is_empty() {
        say(&both(
            format!(
                "not granted again (the award was revoked; its number stays taken): {}",
                not_again.join(", ")
            ),
            format!("不再授予（奖项已撤销，证书编号不再使用）：{}", not_again.join("、")),
        ));
    }
    if new.is_empty() && held_active == 0 {
        bail!(
            "{}",
            tr(
                "nothing to grant: no candidate is shortlisted; see `pingxuan rank`",
                "无可授奖：没有入围者，请查看 `pingxuan rank`"
            )
        );
    }

    let at = now();
    for n in &new {
        let c = &n.row.entry.candidate;
        let total = n.row.assessment.total.as_ref().map(fraction).unwrap_or_default();
        tx.prepare_cached(
            "INSERT INTO award (nomination, term, category, serial, certificate, rank, total, decision, granted_at, granted_by)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
        )?
        .execute(params![
            n.row.entry.id,
            term.year,
            c.category,
            n.serial,
            n.certificate,
            n.row.rank.map(|r| r as i64),
            total,
            n.decision,
            at,
            ctx.operator
        ])
        .with_context(|| format!("recording the award of {}", c.code))?;
        audit(
            &tx,
            &ctx.operator,
            Some(term.year),
            "award.grant",
            &c.code,
            json!({ "certificate": n.certificate, "rank": n.row.rank, "total": total, "decision": n.decision }),
        )?;
    }
    tx.execute("UPDATE term SET state = 'awarded' WHERE year = ?1", [term.year])
        .context("marking the term awarded")?;
    audit(
        &tx,
        &ctx.operator,
        Some(term.year),
        "term.awarded",
        &term.year.to_string(),
        json!({
            "granted": new.len(),
            "include": include.iter().collect::<Vec<_>>(),
            "exclude": exclude.iter().collect::<Vec<_>>(),
        }),
    )?;

    let mut l = Listing::new(vec![
        col("code", tr("code", "编号")),
        col("category", tr("category", "类别")),
        col("name", tr("name", "名称")),
        col("unit", tr("unit", "单位")),
        col("group", tr("group", "片组")),
        col("certificate", tr("certificate", "证书编号")),
        col("rank", tr("rank", "名次")),
        col("total", tr("total", "总分")),
        col("decision", tr("decision", "决定")),
    ]);
    let data = matches!(ctx.format, crate::output::Format::Json | crate::output::Format::Csv);
    for n in &new {
        let c = &n.row.entry.candidate;
        l.push(vec![
            c.code.clone().into(),
            Cell::Text(if data { c.category.code() } else { c.category.label() }.to_string()),
            c.name.clone().into(),
            c.unit.clone().into(),
            c.group.clone().into(),
            n.certificate.clone().into(),
            n.row.rank.map(|r| r as i64).into(),
            exact_cell(n.row.assessment.total),
            Cell::Text(if data {
                n.decision.to_string()
            } else {
                decision_label(n.decision)
            }),
        ]);
    }
    let count = |cat: Category| new.iter().filter(|n| n.row.entry.candidate.category == cat).count();
    let (w, p) = (count(Category::Window), count(Category::Individual));
    if !new.is_empty() {
        l.print(ctx.format)?;
    }
    if dry_run {
        say(&both(
            format!(
                "dry run: would grant {w} window and {p} individual awards and mark the {} term awarded; nothing was written",
                term.year
            ),
            format!(
                "试运行：将授予示范窗口 {w} 个、服务标兵 {p} 名，并将 {} 届标记为已授奖；未写入",
                term.year
            ),
        ));
        return Ok(());
    }
    tx.commit().context("committing the awards")?;
    say(&if new.is_empty() {
        both(
            format!(
                "nothing new to grant; the {} term is marked awarded again with its {held_active} awards",
                term.year
            ),
            format!("无新增授奖；{} 届重新标记为已授奖，共 {held_active} 个奖项", term.year),
        )
    } else {
        both(
            format!(
                "granted {w} window and {p} individual awards; the {} term is now awarded (its records change only after `pingxuan term reopen --reason TEXT`)",
                term.year
            ),
            format!(
                "已授予示范窗口 {w} 个、服务标兵 {p} 名；{} 届已标记为已授奖（须 `pingxuan term reopen --reason 理由` 后才能修改）",
                term.year
            ),
        )
    });
    Ok(())
}
