//! `award list`: the awards of the term, and the listing other subcommands show.

use super::*;
use crate::output::{category_col, code_col, group_col, name_col, unit_col};

/// The decision as people read it; the record keeps the English words.
pub(super) fn decision_label(d: &str) -> String {
    Basis::from_code(d).map_or_else(|| d.to_string(), |b| b.label().to_string())
}

/// A stored exact total, "a/b" points, as a cell.
pub(super) fn total_cell(text: &str) -> Cell {
    let parsed = match text.split_once('/') {
        Some((n, d)) => n.trim().parse::<i64>().ok().zip(d.trim().parse::<i64>().ok()),
        None => text.trim().parse::<i64>().ok().map(|n| (n, 1)),
    };
    match parsed {
        Some((n, d)) if d != 0 => exact_cell(Some(Ratio::new(n * 100, d))),
        _ => Cell::Text(text.to_string()),
    }
}

/// One award of the term as it is recorded.
pub(super) struct AwardRow {
    pub(super) code: String,
    pub(super) category: Category,
    pub(super) name: String,
    pub(super) unit: String,
    pub(super) group: String,
    pub(super) certificate: String,
    pub(super) rank: Option<i64>,
    /// Exact, "a/b" points.
    pub(super) total: String,
    pub(super) decision: String,
    pub(super) granted_at: String,
    pub(super) revoked_at: Option<String>,
    pub(super) revoke_reason: Option<String>,
}

/// Every award of the term, active and revoked, by category and certificate number.
pub(super) fn awards(conn: &Connection, year: i32) -> Result<Vec<AwardRow>> {
    let mut st = conn.prepare_cached(
        "SELECT n.code, a.category, n.name, u.name, g.name, a.certificate, a.rank, a.total, a.decision,
                a.granted_at, a.revoked_at, a.revoke_reason
         FROM award a JOIN nomination n ON n.id = a.nomination JOIN unit u ON u.id = n.unit_id
         JOIN org_group g ON g.id = n.group_id
         WHERE a.term = ?1 ORDER BY a.category = 'individual', a.serial",
    )?;
    let rows = st.query_map([year], |r| {
        Ok(AwardRow {
            code: r.get(0)?,
            category: r.get(1)?,
            name: r.get(2)?,
            unit: r.get(3)?,
            group: r.get(4)?,
            certificate: r.get(5)?,
            rank: r.get(6)?,
            total: r.get(7)?,
            decision: r.get(8)?,
            granted_at: r.get(9)?,
            revoked_at: r.get(10)?,
            revoke_reason: r.get(11)?,
        })
    })?;
    rows.collect::<rusqlite::Result<_>>()
        .context(crate::i18n::tr("reading the awards", "读取奖项"))
}

/// What a listing of awards shows: the grant, or the grant with its record (when granted,
/// whether revoked and why).
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Show {
    Grant,
    Record,
}

/// The one listing of awards, for `award list` and for what `award grant` has granted.
pub(super) fn award_listing(rows: &[AwardRow], show: Show) -> Listing {
    let mut cols = vec![
        code_col(),
        category_col(),
        name_col(),
        unit_col(),
        group_col(),
        col("certificate", tr("certificate", "证书编号")),
        col("rank", tr("rank", "名次")),
        col("total", tr("total", "总分")),
        col("decision", tr("decision", "决定")),
    ];
    if show == Show::Record {
        cols.extend([
            col("granted_at", tr("granted", "授予时间")),
            col("status", tr("status", "状态")),
            col("revoke_reason", tr("revoke reason", "撤销理由")),
        ]);
    }
    let mut l = Listing::new(cols);
    for a in rows {
        let mut cells = vec![
            a.code.clone().into(),
            Cell::code(a.category.code(), a.category.label()),
            a.name.clone().into(),
            a.unit.clone().into(),
            a.group.clone().into(),
            a.certificate.clone().into(),
            a.rank.into(),
            total_cell(&a.total),
            Cell::code(&a.decision, &decision_label(&a.decision)),
        ];
        if show == Show::Record {
            let status = match a.revoked_at.is_some() {
                false => Cell::code("active", tr("active", "有效")),
                true => Cell::code("revoked", tr("revoked", "已撤销")),
            };
            cells.extend([a.granted_at.clone().into(), status, a.revoke_reason.clone().into()]);
        }
        l.push(cells);
    }
    l
}

pub(super) fn list(ctx: &Ctx, conn: &Connection) -> Result<()> {
    let term = resolve_term(conn, ctx)?;
    award_listing(&awards(conn, term.year)?, Show::Record).print(ctx.format)
}
