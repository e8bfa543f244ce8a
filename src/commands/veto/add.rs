//! `veto add`: against one nomination, or against a unit.

use anyhow::{Context, Result, bail};
use rusqlite::{Connection, OptionalExtension, params};
use serde_json::json;

use super::AddArgs;
use crate::commands::Ctx;
use crate::commands::common::summary_prefix;
use crate::core::veto::{Ground, Scope};
use crate::db::now;
use crate::i18n::tr;
use crate::messages::say;
use crate::output::say;
use crate::store::{self, NominationStatus, nominee_by_code, unit_by_name};

pub fn run(ctx: &Ctx, a: AddArgs) -> Result<()> {
    let evidence = a.evidence.trim();
    let document = a.document.as_deref().unwrap_or("").trim();
    if evidence.is_empty() {
        bail!(
            "{}",
            say!(
                en("--evidence: a veto needs its evidence: what was found, and by whom"),
                zh("--evidence: 一票否决须写明依据：查实的事实及认定部门")
            )
        );
    }
    let what = Veto {
        ground: a.reason,
        evidence,
        document,
    };
    match (&a.code, &a.unit) {
        (Some(code), _) => against_nomination(ctx, code, &what, a.dry_run),
        (None, Some(unit)) => {
            let scope = if a.all { Scope::All } else { Scope::Windows };
            let person = a.person.as_deref().unwrap_or("").trim();
            against_unit(ctx, unit, scope, person, &what, a.dry_run)
        }
        (None, None) => bail!(
            "{}",
            tr(
                "name a nomination code, or --unit UNIT",
                "请给出推荐编号，或 --unit 单位"
            )
        ),
    }
}

struct Veto<'a> {
    ground: Ground,
    evidence: &'a str,
    document: &'a str,
}

/// The next veto number: the two kinds share one series, so `veto revoke ID` names either.
fn next_id(conn: &Connection) -> Result<i64> {
    conn.query_row(
        "SELECT 1 + max((SELECT coalesce(max(id), 0) FROM veto), (SELECT coalesce(max(id), 0) FROM unit_veto))",
        [],
        |r| r.get(0),
    )
    .context("numbering the veto")
}

/// A veto in force on the same ground: the same again is already on record (a re-run
/// script), anything else is refused naming it.
fn same_ground(
    ctx: &Ctx,
    whom: &str,
    w: &Veto<'_>,
    found: Option<(i64, String, String, String, String)>,
) -> Result<bool> {
    let Some((id, old_evidence, old_document, added_at, added_by)) = found else {
        return Ok(false);
    };
    if old_evidence == w.evidence && old_document == w.document {
        say(&say!(
            en("{whom}: veto #{id} is already on record; nothing added"),
            zh("{whom}：否决 #{id} 已有记录，未重复添加")
        ));
        return Ok(true);
    }
    let ground = w.ground.label();
    let term_flag = ctx.term.map(|y| format!(" --term {y}")).unwrap_or_default();
    let document = if old_document.is_empty() {
        tr("no document", "无文号").to_string()
    } else {
        old_document
    };
    bail!(
        "{}",
        say!(
            en(
                "{whom} already has a veto in force on this ground ({ground}): #{id}, document {document}, added {added_at} by {added_by}; a ground is vetoed once. If #{id} is wrong, revoke it first: `pingxuan{term_flag} veto revoke {id} --reason TEXT`"
            ),
            zh(
                "{whom} 已有同一事由（{ground}）的有效否决 #{id}，文号 {document}，{added_at} 由 {added_by} 录入；同一事由只否决一次。如 #{id} 有误，请先撤销：`pingxuan{term_flag} veto revoke {id} --reason 理由`"
            )
        )
    )
}

fn against_nomination(ctx: &Ctx, code: &str, w: &Veto<'_>, dry_run: bool) -> Result<()> {
    let tx = ctx.change()?;
    let term = store::writable_term(&tx, ctx)?;
    let n = nominee_by_code(&tx, term.year, code)?;
    if n.status == NominationStatus::Withdrawn {
        bail!(
            "{}",
            say!(
                en(
                    "{} is withdrawn; a veto is recorded only against a nomination that stands",
                    n.code
                ),
                zh("{} 已撤回，不再对其作一票否决", n.code)
            )
        );
    }
    let in_force = tx
        .query_row(
            "SELECT id, evidence, document, added_at, added_by FROM veto
             WHERE nomination = ?1 AND reason = ?2 AND revoked_at IS NULL",
            params![n.id, w.ground.code()],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)),
        )
        .optional()?;
    if same_ground(ctx, &n.code, w, in_force)? {
        return Ok(());
    }
    let id = next_id(&tx)?;
    tx.execute(
        "INSERT INTO veto (id, nomination, reason, evidence, document, added_at, added_by)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![id, n.id, w.ground.code(), w.evidence, w.document, now(), ctx.operator],
    )
    .context("recording the veto")?;
    tx.record(
        Some(term.year),
        "veto.add",
        &n.code,
        json!({ "veto": id, "reason": w.ground.code(), "evidence": w.evidence, "document": w.document }),
    )?;
    tx.finish(dry_run)?;
    say(&say!(
        en(
            "{}veto #{id}: {} {} ({})",
            summary_prefix(dry_run),
            n.code,
            n.name,
            w.ground.label()
        ),
        zh(
            "{}一票否决 #{id}：{} {}（{}）",
            summary_prefix(dry_run),
            n.code,
            n.name,
            w.ground.label()
        )
    ));
    Ok(())
}

fn against_unit(ctx: &Ctx, unit: &str, scope: Scope, person: &str, w: &Veto<'_>, dry_run: bool) -> Result<()> {
    if unit.trim().is_empty() {
        bail!("{}", say!(en("--unit: name the unit"), zh("--unit: 请写明单位")));
    }
    let tx = ctx.change()?;
    let term = store::writable_term(&tx, ctx)?;
    let (unit_id, unit) = unit_by_name(&tx, unit)?;
    crate::values::check_text(tr("--person", "--person"), person, crate::core::text::ONE_LINE)?;
    let in_force = tx
        .query_row(
            "SELECT id, evidence, document, added_at, added_by FROM unit_veto
             WHERE term = ?1 AND unit_id = ?2 AND reason = ?3 AND revoked_at IS NULL",
            params![term.year, unit_id, w.ground.code()],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)),
        )
        .optional()?;
    if same_ground(ctx, &unit, w, in_force)? {
        return Ok(());
    }
    let id = next_id(&tx)?;
    tx.execute(
        "INSERT INTO unit_veto (id, term, unit_id, scope, person, reason, evidence, document, added_at, added_by)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
        params![
            id,
            term.year,
            unit_id,
            scope.code(),
            person,
            w.ground.code(),
            w.evidence,
            w.document,
            now(),
            ctx.operator
        ],
    )
    .context("recording the veto against the unit")?;
    // The nominations it reaches today (later ones are reached as they come).
    let reached: Vec<String> = tx
        .prepare(
            "SELECT code FROM nomination WHERE term = ?1 AND unit_id = ?2 AND status <> 'withdrawn'
               AND (?3 = 'all' OR category = 'window') ORDER BY code",
        )?
        .query_map(params![term.year, unit_id, scope.code()], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    tx.record(
        Some(term.year),
        "veto.add_unit",
        &unit,
        json!({
            "veto": id, "scope": scope.code(), "person": person, "reason": w.ground.code(),
            "evidence": w.evidence, "document": w.document, "reaches": reached,
        }),
    )?;
    tx.finish(dry_run)?;
    let reached = if reached.is_empty() {
        tr("no nomination yet", "暂无推荐对象").to_string()
    } else {
        reached.join(", ")
    };
    say(&say!(
        en(
            "{}veto #{id} against the unit {unit} ({}; {}): {reached}",
            summary_prefix(dry_run),
            scope.label(),
            w.ground.label()
        ),
        zh(
            "{}一票否决 #{id}，针对单位 {unit}（{}；{}）：{reached}",
            summary_prefix(dry_run),
            scope.label(),
            w.ground.label()
        )
    ));
    Ok(())
}
