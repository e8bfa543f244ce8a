//! `status`: which database this folder uses, its terms, where the current term stands and
//! what to do next. Reads only; a missing database is reported, not made.

use anyhow::Result;
use rusqlite::{Connection, params};

use super::{Ctx, Source, shown_path};
use crate::core::stage::{Progress, Stage, stage};
use crate::i18n::tr;
use crate::messages::say;
use crate::output::{Cell, Listing, col};
use crate::store::{self, Term, TermState};

pub fn run(ctx: &Ctx) -> Result<()> {
    let mut l = Listing::new(vec![col("item", tr("item", "项目")), col("value", tr("value", "内容"))]);
    // The item is a stable key for CSV and JSON, with its label for people.
    let mut add = |key: &str, label: &str, v: Cell| l.push(vec![Cell::code(key, label), v]);
    let source = match ctx.db_source() {
        Source::Flag => tr("named by --db", "由 --db 指定"),
        Source::Env => tr("named by PINGXUAN_DB", "由 PINGXUAN_DB 指定"),
        Source::Default => tr("the default in this folder", "当前文件夹的默认文件"),
    };
    add(
        "database",
        tr("database", "数据库"),
        Cell::Text(say!(
            en("{} ({source})", shown_path(ctx.db_path())),
            zh("{}（{source}）", shown_path(ctx.db_path()))
        )),
    );
    if std::fs::symlink_metadata(ctx.db_path()).is_err() {
        add(
            "state",
            tr("state", "状态"),
            Cell::code("missing", tr("no such file", "文件不存在")),
        );
        add(
            "next",
            tr("next", "下一步"),
            Cell::Text(
                tr(
                    "name the database with --db FILE or PINGXUAN_DB=FILE, or start one here: pingxuan term open YEAR",
                    "用 --db 文件 或 PINGXUAN_DB=文件 指定数据库，或在此新建：pingxuan term open 年份",
                )
                .to_string(),
            ),
        );
        return l.print(ctx.format);
    }
    let conn = ctx.read()?;
    let terms = store::all_terms(conn)?;
    add(
        "terms",
        tr("terms", "届期"),
        Cell::Text(if terms.is_empty() {
            tr("none", "无").to_string()
        } else {
            terms
                .iter()
                .map(|t| format!("{} {}", t.year, t.state.label()))
                .collect::<Vec<_>>()
                .join(tr(", ", "，"))
        }),
    );
    let current = match ctx.term {
        Some(year) => terms.iter().find(|t| t.year == year),
        None => terms.iter().find(|t| t.state != TermState::Closed),
    };
    let Some(t) = current else {
        let next = match ctx.term {
            Some(year) => say!(
                en("there is no term {year}; see `pingxuan term list`"),
                zh("没有 {year} 届；请查看 `pingxuan term list`")
            ),
            None => tr(
                "no term is open: pingxuan term open YEAR",
                "没有进行中的届期：pingxuan term open 年份",
            )
            .to_string(),
        };
        add("next", tr("next", "下一步"), Cell::Text(next));
        return l.print(ctx.format);
    };
    add(
        "term",
        tr("term", "当前届期"),
        Cell::Text(format!("{} {}", t.year, t.title)),
    );
    let s = stage(&progress(conn, t)?);
    add("stage", tr("stage", "阶段"), Cell::code(code(s), label(s)));
    add("next", tr("next", "下一步"), Cell::Text(next_step(s, t.year)));
    l.print(ctx.format)
}

fn progress(conn: &Connection, t: &Term) -> Result<Progress> {
    let count = |sql: &str| -> Result<i64> { Ok(conn.query_row(sql, params![t.year], |r| r.get(0))?) };
    let status = |s: &str| -> Result<i64> {
        Ok(conn.query_row(
            "SELECT count(*) FROM nomination WHERE term = ?1 AND status = ?2",
            params![t.year, s],
            |r| r.get(0),
        )?)
    };
    let without = |source: &str| -> Result<i64> {
        Ok(conn.query_row(
            "SELECT count(*) FROM nomination n WHERE n.term = ?1 AND n.status = 'verified'
               AND NOT EXISTS (SELECT 1 FROM sheet s WHERE s.nomination = n.id
                               AND s.source = ?2 AND s.replaced_at IS NULL)",
            params![t.year, source],
            |r| r.get(0),
        )?)
    };
    Ok(Progress {
        units: conn.query_row("SELECT count(*) FROM unit", [], |r| r.get(0))?,
        nominations: count("SELECT count(*) FROM nomination WHERE term = ?1 AND status <> 'withdrawn'")?,
        pending: status("pending")?,
        verified: status("verified")?,
        without_self: without("self")?,
        without_joint: without("joint")?,
        inspections: count(
            "SELECT (SELECT count(*) FROM finding f JOIN nomination n ON n.id = f.nomination
                      WHERE n.term = ?1 AND f.withdrawn_at IS NULL)
                  + (SELECT count(*) FROM survey s JOIN nomination n ON n.id = s.nomination
                      WHERE n.term = ?1 AND s.withdrawn_at IS NULL)",
        )?,
        awarded: t.state == TermState::Awarded,
        closed: t.state == TermState::Closed,
    })
}

/// The stage for scripts: the command of the cycle it is at.
fn code(s: Stage) -> &'static str {
    match s {
        Stage::Org => "org",
        Stage::Nominate => "nominate",
        Stage::Verify => "verify",
        Stage::Score => "score",
        Stage::Inspect => "inspect",
        Stage::Award => "award",
        Stage::Publish => "publish",
        Stage::Closed => "closed",
    }
}

fn label(s: Stage) -> &'static str {
    match s {
        Stage::Org => tr("org: no groups and units yet", "片组及单位：尚未录入"),
        Stage::Nominate => tr("nominate: no nominations yet", "推荐：尚无推荐"),
        Stage::Verify => tr("nominate: nominations to verify", "推荐：有待核对的推荐"),
        Stage::Score => tr(
            "score: verified nominees without self or joint sheets",
            "评分：有已核对的推荐尚缺自评表或联评表",
        ),
        Stage::Inspect => tr(
            "inspect: no inspections or surveys yet",
            "检查：尚无明查暗访或满意度调查",
        ),
        Stage::Award => tr("rank and award: everything is in", "排名授奖：各项记录已齐"),
        Stage::Publish => tr("awarded: notice and certificates", "已授奖：印发通报和证书"),
        Stage::Closed => tr("closed: nothing of it changes", "已结束：不再变动"),
    }
}

fn next_step(s: Stage, year: i32) -> String {
    match s {
        Stage::Org => tr(
            "pingxuan org import units.csv (or org add-group, org add-unit)",
            "pingxuan org import 片组单位.csv（或 org add-group、org add-unit）",
        )
        .to_string(),
        Stage::Nominate => tr(
            "pingxuan nominate template --out form.csv for the groups; then pingxuan nominate import FILE",
            "pingxuan nominate template --out 推荐表.csv 发给各片组；再 pingxuan nominate import 文件",
        )
        .to_string(),
        Stage::Verify => tr(
            "pingxuan nominate verify; correct the rejected (nominate list --status rejected) and verify again",
            "pingxuan nominate verify；更正未通过的推荐（nominate list --status rejected）后再核对",
        )
        .to_string(),
        Stage::Score => tr(
            "pingxuan score import FILE --source self|joint; see who is missing with pingxuan rank",
            "pingxuan score import 文件 --source self|joint；缺哪些见 pingxuan rank",
        )
        .to_string(),
        Stage::Inspect => tr(
            "pingxuan inspect import FILE (findings or surveys)",
            "pingxuan inspect import 文件（检查发现或满意度调查）",
        )
        .to_string(),
        Stage::Award => tr(
            "pingxuan rank --shortlist, then pingxuan award grant",
            "pingxuan rank --shortlist，然后 pingxuan award grant",
        )
        .to_string(),
        Stage::Publish => say!(
            en(
                "pingxuan award notice --html --out notice.html; pingxuan award certificates --out certificates; then pingxuan --term {year} term close"
            ),
            zh(
                "pingxuan award notice --html --out 通报.html；pingxuan award certificates --out 证书；然后 pingxuan --term {year} term close"
            )
        ),
        Stage::Closed => say!(
            en("pingxuan term open {}", year + 1),
            zh("pingxuan term open {}", year + 1)
        ),
    }
}
