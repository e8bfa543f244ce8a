//! `audit`: the audit record of the term, every change with who, when and what.

use anyhow::{Context, Result, bail};
use clap::Args;
use rusqlite::params;
use serde_json::Value;

use super::{Ctx, need};
use crate::db::Db;
use crate::i18n::tr;
use crate::output::{Cell, Format, Listing, col, out};
use crate::store::resolve_term;

/// Show the audit record of the term: every change, who made it and when
///
/// The record is append-only: imports, scores, findings, vetoes, awards, revocations and
/// every change of the term itself, oldest first. Changes to the groups and units, which
/// belong to no one term, are shown with every term.
///
/// Example:
///   pingxuan audit
///   pingxuan audit --action award --limit 20
///   pingxuan --term 2026 audit --format csv > audit2026.csv
#[derive(Args, Debug)]
#[command(verbatim_doc_comment)]
pub struct AuditArgs {
    /// Only actions starting with this, e.g. "award" or "veto.revoke"
    #[arg(long, value_name = "PREFIX")]
    pub action: Option<String>,
    /// Only the latest N entries
    #[arg(long, value_name = "N")]
    pub limit: Option<usize>,
}

pub fn run(ctx: &Ctx, db: Option<&Db>, args: AuditArgs) -> Result<()> {
    let db = need(db)?;
    let term = resolve_term(&db.conn, ctx)?;
    if args.limit == Some(0) {
        bail!("{}", tr("--limit must be at least 1", "--limit 至少为 1"));
    }
    let prefix = args.action.unwrap_or_default();
    // LIKE would treat "_" in an action name as a wildcard; compare the prefix exactly.
    let mut st = db.conn.prepare_cached(
        "SELECT id, at, operator, action, target, detail FROM audit
         WHERE (term = ?1 OR term IS NULL) AND substr(action, 1, length(?2)) = ?2
         ORDER BY id DESC LIMIT ?3",
    )?;
    let limit = args.limit.map(|n| n as i64).unwrap_or(-1);
    let mut rows = st
        .query_map(params![term.year, prefix, limit], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, String>(3)?,
                r.get::<_, String>(4)?,
                r.get::<_, String>(5)?,
            ))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()
        .context("reading the audit record")?;
    rows.reverse();
    let mut l = Listing::new(vec![
        col("id", tr("id", "序号")),
        col("at", tr("at", "时间")),
        col("operator", tr("operator", "操作人")),
        col("action", tr("action", "操作")),
        col("target", tr("target", "对象")),
        col("detail", tr("detail", "详情")),
    ]);
    for (id, at, operator, action, target, detail) in &rows {
        l.push(vec![
            Cell::Int(*id),
            at.clone().into(),
            operator.clone().into(),
            action.clone().into(),
            target.clone().into(),
            match ctx.format {
                // A whole scheme can be a detail: people get its start, CSV and JSON all of it.
                Format::Table | Format::Md if detail.chars().count() > 80 => {
                    format!("{}…", detail.chars().take(80).collect::<String>()).into()
                }
                _ => detail.clone().into(),
            },
        ]);
    }
    if ctx.format != Format::Json {
        return l.print(ctx.format);
    }
    // In JSON the detail is the object it was recorded as, not a string.
    let mut v = l.to_json();
    if let Value::Array(items) = &mut v {
        for (item, row) in items.iter_mut().zip(&rows) {
            if let Ok(parsed) = serde_json::from_str::<Value>(&row.5) {
                item["detail"] = parsed;
            }
        }
    }
    out(&format!("{}\n", serde_json::to_string_pretty(&v)?))
}
