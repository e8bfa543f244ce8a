//! Loads what the report shows: the ranked boards (`load::boards`, the same as `rank`), the
//! awards, the vetoes with their outcome and the audit head, and has the core compute the
//! figures. Reads only, through one `&Connection`.

use std::collections::{HashMap, HashSet};

use anyhow::{Context, Result};
use rusqlite::{Connection, OptionalExtension};
use serde::Serialize;

use crate::core::assess::Candidate;
use crate::core::report::{self, AwardMark, Deductions, FindingFact, Funnel, Line, Panel, Placed, Satisfaction};
use crate::load;
use crate::store::{Term, load_scheme};

/// A veto of the term, in force or revoked, with its outcome.
#[derive(Clone, Debug, Serialize)]
pub struct VetoRow {
    pub id: i64,
    /// `nomination`, or `unit`: a veto against a unit reaches its windows (with scope `all`,
    /// its individuals too); then `code` is empty and `name` is the person it names, if any.
    pub against: &'static str,
    pub code: String,
    pub category: crate::values::Category,
    pub name: String,
    pub unit: String,
    /// `criminal`, `safety`, `complaint`, `discipline`.
    pub reason: String,
    pub evidence: String,
    pub document: String,
    pub added_at: String,
    /// `in_force` (the nominee is disqualified for the term) or `revoked`.
    pub outcome: &'static str,
    pub revoked_at: Option<String>,
    pub revoke_reason: Option<String>,
}

/// An objection raised during the public notice, with its outcome.
#[derive(Clone, Debug, Serialize)]
pub struct ObjectionRow {
    pub id: i64,
    pub code: String,
    pub name: String,
    pub from: String,
    pub text: String,
    /// `open`, `upheld` or `dismissed`.
    pub outcome: String,
    pub finding: String,
}

/// Everything the report shows, in the order it shows it; `--format json` prints this.
#[derive(Clone, Debug, Serialize)]
pub struct Report {
    pub year: i32,
    pub title: String,
    /// `open`, `awarded` or `closed`.
    pub state: &'static str,
    /// The day the report speaks for.
    pub date: String,
    /// The hash at the head of the audit chain; None where the record carries no hashes.
    pub audit_head: Option<String>,
    /// The weights of self, joint and inspection, in percent.
    pub weights: [i64; 3],
    pub funnel: Vec<Funnel>,
    pub line: Vec<Line>,
    pub panel: Panel,
    pub satisfaction: Satisfaction,
    pub deductions: Deductions,
    pub vetoes: Vec<VetoRow>,
    /// Null where the term has no proposed list (公示) on record.
    pub proposed: Option<Vec<String>>,
    /// Null where the database keeps no objections.
    pub objections: Option<Vec<ObjectionRow>>,
}

/// Gathers the report of a term as of `date`.
pub fn report(conn: &Connection, term: &Term, date: String) -> Result<Report> {
    let scheme = load_scheme(conn, term.year)?;
    let boards = load::boards(conn, term.year, &scheme, load::Detail::Full)?;
    let awards = awards(conn, term.year)?;
    let proposed = proposed(conn, term.year)?;
    let placed: Vec<Placed> = boards
        .iter()
        .flat_map(|b| b.rows.iter())
        .map(|r| Placed {
            candidate: &r.entry.candidate,
            assessment: &r.assessment,
            rank: r.rank,
            shortlisted: r.shortlisted,
            tie_at_cutoff: r.tie_at_cutoff,
            proposed: proposed.as_ref().map(|p| p.contains(&r.entry.candidate.code)),
            award: awards.get(&r.entry.candidate.code).copied().unwrap_or(AwardMark::None),
        })
        .collect();
    let refs: Vec<&Placed> = placed.iter().collect();
    let lines = boards
        .iter()
        .map(|b| {
            let of: Vec<&Placed> = refs
                .iter()
                .copied()
                .filter(|p| p.candidate.category == b.category)
                .collect();
            report::line(b.category, &of, &scheme)
        })
        .collect();
    let candidates: Vec<&Candidate> = placed.iter().map(|p| p.candidate).collect();
    let findings: Vec<FindingFact> = boards
        .iter()
        .flat_map(|b| b.rows.iter())
        .flat_map(|r| r.entry.findings.iter())
        .map(|f| FindingFact {
            kind: f.kind.clone(),
            date: f.date.clone(),
            deduction: f.deduction,
        })
        .collect();
    let mut proposed_codes: Option<Vec<String>> = proposed.map(|p| p.into_iter().collect());
    if let Some(p) = proposed_codes.as_mut() {
        p.sort();
    }
    Ok(Report {
        year: term.year,
        title: term.title.clone(),
        state: term.state.code(),
        date,
        audit_head: audit_head(conn)?,
        weights: [scheme.weight_self, scheme.weight_joint, scheme.weight_inspection],
        funnel: report::funnels(&placed, proposed_codes.is_some()),
        line: lines,
        panel: report::panel(&candidates),
        satisfaction: report::satisfaction(&refs, &scheme),
        deductions: report::deductions(&findings),
        vetoes: vetoes(conn, term.year)?,
        proposed: proposed_codes,
        objections: objections(conn, term.year)?,
    })
}

/// Each nominee's award of the term: in force, or revoked.
fn awards(conn: &Connection, year: i32) -> Result<HashMap<String, AwardMark>> {
    let mut st = conn.prepare_cached(
        "SELECT n.code, a.revoked_at IS NULL FROM award a JOIN nomination n ON n.id = a.nomination
         WHERE a.term = ?1",
    )?;
    let rows = st
        .query_map([year], |r| {
            let active: bool = r.get(1)?;
            Ok((
                r.get::<_, String>(0)?,
                if active { AwardMark::Active } else { AwardMark::Revoked },
            ))
        })
        .context("reading the awards")?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

/// Every veto of the term, in force and revoked, in the order recorded.
fn vetoes(conn: &Connection, year: i32) -> Result<Vec<VetoRow>> {
    let mut st = conn.prepare_cached(
        "SELECT v.id, n.code, n.category, n.name, u.name, v.reason, v.evidence, v.document, v.added_at,
                v.revoked_at, v.revoke_reason
         FROM veto v JOIN nomination n ON n.id = v.nomination JOIN unit u ON u.id = n.unit_id
         WHERE n.term = ?1 ORDER BY v.id",
    )?;
    let rows = st
        .query_map([year], |r| {
            let category: String = r.get(2)?;
            let revoked_at: Option<String> = r.get(9)?;
            Ok(VetoRow {
                id: r.get(0)?,
                against: "nomination",
                code: r.get(1)?,
                category: crate::values::Category::from_code(&category).unwrap_or(crate::values::Category::Window),
                name: r.get(3)?,
                unit: r.get(4)?,
                reason: r.get(5)?,
                evidence: r.get(6)?,
                document: r.get(7)?,
                added_at: r.get(8)?,
                outcome: if revoked_at.is_some() { "revoked" } else { "in_force" },
                revoked_at,
                revoke_reason: r.get(10)?,
            })
        })
        .context(crate::i18n::tr("reading the vetoes", "读取否决"))?
        .collect::<rusqlite::Result<Vec<VetoRow>>>()?;
    let mut rows = rows;
    for uv in crate::load::unit_vetoes_of(conn, Some(year), None, false)? {
        let revoked = uv.revoked.as_ref();
        rows.push(VetoRow {
            id: uv.id,
            against: "unit",
            code: String::new(),
            category: crate::values::Category::Window,
            name: uv.person.clone(),
            unit: uv.unit.clone(),
            reason: uv.reason.clone(),
            evidence: uv.evidence.clone(),
            document: uv.document.clone(),
            added_at: uv.added_at.clone(),
            outcome: if revoked.is_some() { "revoked" } else { "in_force" },
            revoked_at: revoked.map(|w| w.at.clone()),
            revoke_reason: revoked.map(|w| w.reason.clone()),
        });
    }
    rows.sort_by_key(|v| v.id);
    Ok(rows)
}

/// The codes on the proposal (公示) in force, if the term has one.
fn proposed(conn: &Connection, year: i32) -> Result<Option<HashSet<String>>> {
    let Some(id) = conn
        .query_row(
            "SELECT id FROM proposal WHERE term = ?1 AND superseded_at IS NULL",
            [year],
            |r| r.get::<_, i64>(0),
        )
        .optional()?
    else {
        return Ok(None);
    };
    let mut st = conn
        .prepare("SELECT n.code FROM proposal_item p JOIN nomination n ON n.id = p.nomination WHERE p.proposal = ?1")?;
    let codes = st
        .query_map([id], |r| r.get::<_, String>(0))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(Some(codes))
}

/// The objections of the term's public notice (公示), with their outcome; None when the term
/// has had no public notice and no objection.
fn objections(conn: &Connection, year: i32) -> Result<Option<Vec<ObjectionRow>>> {
    let mut st = conn.prepare(
        "SELECT o.id, n.code, n.name, o.sender, o.text, coalesce(o.outcome, 'open'), coalesce(o.finding, '')
         FROM objection o JOIN nomination n ON n.id = o.nomination WHERE o.term = ?1 ORDER BY o.id",
    )?;
    let rows: Vec<ObjectionRow> = st
        .query_map([year], |r| {
            Ok(ObjectionRow {
                id: r.get(0)?,
                code: r.get(1)?,
                name: r.get(2)?,
                from: r.get(3)?,
                text: r.get(4)?,
                outcome: r.get(5)?,
                finding: r.get(6)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    let noticed = proposed(conn, year)?.is_some();
    Ok((noticed || !rows.is_empty()).then_some(rows))
}

/// The hash at the head of the audit record's chain, where the record carries one (a `hash`
/// column); None for a record without hashes. The one place the report reads it.
pub fn audit_head(conn: &Connection) -> Result<Option<String>> {
    Ok(crate::chain::head(conn)?.map(|(_, h)| h).filter(|h| !h.is_empty()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_audit_head_is_the_last_hash_where_the_record_has_hashes() {
        let c = Connection::open_in_memory().unwrap();
        c.execute_batch("CREATE TABLE audit (id INTEGER PRIMARY KEY, action TEXT, hash TEXT);")
            .unwrap();
        assert_eq!(audit_head(&c).unwrap(), None, "an empty record");
        c.execute_batch("INSERT INTO audit (action, hash) VALUES ('a', 'aa11'), ('b', 'bb22');")
            .unwrap();
        assert_eq!(audit_head(&c).unwrap().as_deref(), Some("bb22"));
    }
}
