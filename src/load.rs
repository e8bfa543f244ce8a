//! Loads a term's candidates for the decision stage: every nomination with its current sheets,
//! findings, surveys and active vetoes, one query per table, grouped in memory; then the
//! category-wide standings the core computes from them. Withdrawn findings and surveys are
//! loaded apart, to be shown as not counted; they never reach the core.

use std::collections::{BTreeMap, HashMap};

use anyhow::{Context, Result, bail};
use rusqlite::Connection;

use crate::core::assess::{Assessment, Candidate, Sheet, Standing, VetoFact, assess};
use crate::core::rank::{AtCut, CutTie, rank_in_places, ties_at_cuts};
use crate::core::scheme::Scheme;
use crate::core::veto::Scope;
use crate::i18n::tr;
use crate::messages::say;
use crate::store::NominationStatus;
use crate::values::{Category, Centi, fmt_points};

/// How a finding is named to the clerk: `F12` (`inspect list`, `inspect withdraw`).
pub fn finding_ref(id: i64) -> String {
    format!("F{id}")
}

/// How a survey is named to the clerk: `S3`.
pub fn survey_ref(id: i64) -> String {
    format!("S{id}")
}

/// One finding of an open inspection or a covert visit.
#[derive(Clone, Debug)]
pub struct Finding {
    pub id: i64,
    pub kind: String,
    pub date: String,
    pub inspector: String,
    pub finding: String,
    pub deduction: Centi,
}

/// One satisfaction survey.
#[derive(Clone, Debug)]
pub struct Survey {
    pub id: i64,
    pub date: Option<String>,
    pub satisfied: i64,
    pub total: i64,
}

/// An active veto, with its evidence.
#[derive(Clone, Debug)]
pub struct Veto {
    pub id: i64,
    pub reason: String,
    pub evidence: String,
    pub document: String,
    /// The unit, for a veto against the unit rather than this one nomination.
    pub unit: Option<String>,
    /// The member of the unit's staff it names, if any.
    pub person: String,
}

/// Who withdrew a finding or a survey, when and why.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Withdrawal {
    pub at: String,
    pub by: String,
    pub reason: String,
}

/// A nomination with everything recorded of it. `candidate.deductions` follows `findings`,
/// `candidate.surveys` follows `surveys` and `candidate.vetoes` follows `vetoes`, in order;
/// the withdrawn findings and surveys are not counted and not in the candidate.
#[derive(Clone, Debug)]
pub struct Entry {
    pub id: i64,
    pub candidate: Candidate,
    pub findings: Vec<Finding>,
    pub surveys: Vec<Survey>,
    pub vetoes: Vec<Veto>,
    pub withdrawn_findings: Vec<(Finding, Withdrawal)>,
    pub withdrawn_surveys: Vec<(Survey, Withdrawal)>,
}

/// A current sheet with a mark the scheme does not allow.
#[derive(Clone, Debug)]
pub struct OutsideMark {
    pub sheet: i64,
    pub code: String,
    pub evaluator: String,
    /// 1 to 5.
    pub criterion: usize,
    pub mark: Centi,
    pub max: Centi,
}

/// The current sheets of the term whose marks the scheme does not allow (a replaced sheet
/// no longer counts, so replacing it fixes it).
pub fn sheets_outside_scheme(conn: &Connection, year: i32, scheme: &Scheme) -> Result<Vec<OutsideMark>> {
    let mut st = conn.prepare_cached(
        "SELECT s.id, n.code, n.category, s.evaluator, s.c1, s.c2, s.c3, s.c4, s.c5
         FROM sheet s JOIN nomination n ON n.id = s.nomination
         WHERE n.term = ?1 AND s.replaced_at IS NULL ORDER BY s.id",
    )?;
    let mut q = st.query([year])?;
    let mut out = Vec::new();
    while let Some(r) = q.next()? {
        let Some(category) = Category::from_code(&r.get::<_, String>(2)?) else {
            continue;
        };
        for idx in 0..5 {
            let mark: Centi = r.get(4 + idx)?;
            if scheme.mark_fault(category, idx, mark).is_some() {
                out.push(OutsideMark {
                    sheet: r.get(0)?,
                    code: r.get(1)?,
                    evaluator: r.get(3)?,
                    criterion: idx + 1,
                    mark,
                    max: scheme.rule(category).criteria[idx].max,
                });
            }
        }
    }
    Ok(out)
}

/// Refuses to rank on marks the scheme does not allow, naming each sheet.
fn check_marks(conn: &Connection, year: i32, scheme: &Scheme) -> Result<()> {
    let bad = sheets_outside_scheme(conn, year, scheme)?;
    if bad.is_empty() {
        return Ok(());
    }
    let lines: Vec<String> = bad
        .iter()
        .map(|b| {
            let who = if b.evaluator.is_empty() {
                tr("self-evaluation", "自评").to_string()
            } else {
                b.evaluator.clone()
            };
            say!(
                en(
                    "  sheet {} ({}, {who}): criterion {} is {}, but the scheme allows 0 to {} in steps of {}",
                    b.sheet,
                    b.code,
                    b.criterion,
                    fmt_points(b.mark),
                    fmt_points(b.max),
                    fmt_points(scheme.step)
                ),
                zh(
                    "  评分表 {}（{}，{who}）：指标{} 为 {} 分，而方案只允许 0 至 {} 分、以 {} 分为单位",
                    b.sheet,
                    b.code,
                    b.criterion,
                    fmt_points(b.mark),
                    fmt_points(b.max),
                    fmt_points(scheme.step)
                )
            )
        })
        .collect();
    bail!(
        "{}\n{}",
        say!(
            en(
                "{} sheet mark(s) are outside the term's scheme, so nothing is ranked; correct each sheet with `pingxuan score add CODE --replace`, or run `pingxuan audit verify` if the file was edited by hand:",
                bad.len()
            ),
            zh(
                "有 {} 个评分超出本届评分方案，暂不排名；请用 `pingxuan score add 编号 --replace` 更正各评分表，若数据库文件被手工改动，请运行 `pingxuan audit verify`：",
                bad.len()
            )
        ),
        lines.join("\n")
    )
}

/// How much of the record to load with each candidate.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Detail {
    /// Everything: the findings, surveys and vetoes as recorded, the withdrawn ones, and who
    /// filled in each sheet (for `rank --explain`, the award's documents).
    Full,
    /// What the scores, statuses and ranks are computed from, and nothing else: the marks of
    /// each sheet without its evaluator, the deductions, the survey counts, the vetoes'
    /// grounds. A listing of a hundred thousand candidates fits in memory many times over.
    Scores,
}

/// Every nomination of the term in the category, by code, each with everything recorded of
/// it and assessed by the scheme; not yet ranked. The second value is true when a current
/// sheet has a mark the scheme does not allow (see `check_marks`).
fn assessed(
    conn: &Connection,
    year: i32,
    category: Category,
    detail: Detail,
    scheme: &Scheme,
) -> Result<(Vec<Ranked>, bool)> {
    let full = detail == Detail::Full;
    // Sized once: a vector grown by doubling may hold twice the room it needs.
    let count: i64 = conn
        .prepare_cached("SELECT count(*) FROM nomination WHERE term = ?1 AND category = ?2")?
        .query_row(rusqlite::params![year, category], |r| r.get(0))?;
    let mut list: Vec<Ranked> = Vec::with_capacity(count.max(0) as usize);
    let mut st = conn.prepare_cached(
        "SELECT n.id, n.code, n.category, n.name, u.name, g.name, n.status, n.reasons, n.withdrawn_reason
         FROM nomination n JOIN unit u ON u.id = n.unit_id JOIN org_group g ON g.id = n.group_id
         WHERE n.term = ?1 AND n.category = ?2 ORDER BY n.serial",
    )?;
    let rows = st
        .query_map(rusqlite::params![year, category], |r| {
            let status: NominationStatus = r.get(6)?;
            let reasons: String = r.get(7)?;
            let withdrawn: Option<String> = r.get(8)?;
            let standing = match status {
                NominationStatus::Verified => Standing::Verified,
                NominationStatus::Rejected => Standing::Rejected(
                    reasons
                        .split(',')
                        .map(str::trim)
                        .filter(|s| !s.is_empty())
                        .map(String::from)
                        .collect(),
                ),
                NominationStatus::Withdrawn => Standing::Withdrawn(withdrawn.unwrap_or_default()),
                NominationStatus::Pending => Standing::Pending,
            };
            Ok(Entry {
                id: r.get(0)?,
                candidate: Candidate {
                    code: r.get(1)?,
                    category: r.get(2)?,
                    name: r.get(3)?,
                    unit: r.get(4)?,
                    group: r.get(5)?,
                    standing,
                    self_sheet: None,
                    joint: Vec::new(),
                    deductions: Vec::new(),
                    surveys: Vec::new(),
                    vetoes: Vec::new(),
                },
                findings: Vec::new(),
                surveys: Vec::new(),
                vetoes: Vec::new(),
                withdrawn_findings: Vec::new(),
                withdrawn_surveys: Vec::new(),
            })
        })
        .context(tr("reading the nominations", "读取推荐"))?;
    for row in rows {
        let entry = row.context(tr("reading the nominations", "读取推荐"))?;
        list.push(Ranked {
            assessment: not_assessed(),
            entry,
            rank: None,
            shortlisted: false,
            tie_at_cutoff: false,
        });
    }
    let at: HashMap<i64, usize> = list.iter().enumerate().map(|(i, r)| (r.entry.id, i)).collect();

    // The findings and surveys in date order, as shown with every detail; a listing only adds
    // them up, and takes them in the order of the index, without sorting them all.
    let in_order = |by: &str| if full { format!(" ORDER BY {by}") } else { String::new() };
    let mut st = conn.prepare_cached(&format!(
        "SELECT f.nomination, f.id, f.kind, f.date, f.inspector, f.finding, f.deduction,
                f.withdrawn_at, f.withdrawn_by, f.withdraw_reason
         FROM finding f JOIN nomination n ON n.id = f.nomination
         WHERE n.term = ?1 AND n.category = ?2{}",
        in_order("f.date, f.id")
    ))?;
    let rows = st.query_map(rusqlite::params![year, category], |r| {
        Ok((
            r.get::<_, i64>(0)?,
            Finding {
                id: r.get(1)?,
                kind: r.get(2)?,
                date: r.get(3)?,
                inspector: r.get(4)?,
                finding: r.get(5)?,
                deduction: r.get(6)?,
            },
            withdrawal(r, 7)?,
        ))
    })?;
    for row in rows {
        let (id, f, withdrawn) = row.context(tr("reading the inspection findings", "读取检查发现"))?;
        if let Some(&i) = at.get(&id) {
            match withdrawn {
                Some(w) if full => list[i].entry.withdrawn_findings.push((f, w)),
                Some(_) => {}
                None => {
                    list[i].entry.candidate.deductions.push(f.deduction);
                    if full {
                        list[i].entry.findings.push(f);
                    }
                }
            }
        }
    }

    let mut st = conn.prepare_cached(&format!(
        "SELECT s.nomination, s.id, s.date, s.satisfied, s.total, s.withdrawn_at, s.withdrawn_by, s.withdraw_reason
         FROM survey s JOIN nomination n ON n.id = s.nomination
         WHERE n.term = ?1 AND n.category = ?2{}",
        in_order("s.date, s.id")
    ))?;
    let rows = st.query_map(rusqlite::params![year, category], |r| {
        Ok((
            r.get::<_, i64>(0)?,
            Survey {
                id: r.get(1)?,
                date: r.get(2)?,
                satisfied: r.get(3)?,
                total: r.get(4)?,
            },
            withdrawal(r, 5)?,
        ))
    })?;
    for row in rows {
        let (id, s, withdrawn) = row.context(tr("reading the satisfaction surveys", "读取满意度调查"))?;
        if let Some(&i) = at.get(&id) {
            match withdrawn {
                Some(w) if full => list[i].entry.withdrawn_surveys.push((s, w)),
                Some(_) => {}
                None => {
                    list[i].entry.candidate.surveys.push((s.satisfied, s.total));
                    if full {
                        list[i].entry.surveys.push(s);
                    }
                }
            }
        }
    }

    let mut st = conn.prepare_cached(
        "SELECT v.nomination, v.id, v.reason, v.evidence, v.document
         FROM veto v JOIN nomination n ON n.id = v.nomination
         WHERE n.term = ?1 AND n.category = ?2 AND v.revoked_at IS NULL ORDER BY v.id",
    )?;
    let rows = st.query_map(rusqlite::params![year, category], |r| {
        Ok((
            r.get::<_, i64>(0)?,
            Veto {
                id: r.get(1)?,
                reason: r.get(2)?,
                evidence: r.get(3)?,
                document: r.get(4)?,
                unit: None,
                person: String::new(),
            },
        ))
    })?;
    let mut found: Vec<(usize, Veto)> = Vec::new();
    for row in rows {
        let (id, v) = row.context(tr("reading the vetoes", "读取否决"))?;
        if let Some(&i) = at.get(&id) {
            found.push((i, v));
        }
    }
    // A veto against a unit reaches each of its nominations in scope, made before it or after.
    for uv in unit_vetoes(conn, year, None, true)? {
        for (i, e) in list.iter().enumerate() {
            if e.entry.candidate.unit == uv.unit && uv.scope.reaches(e.entry.candidate.category) {
                found.push((
                    i,
                    Veto {
                        id: uv.id,
                        reason: uv.reason.clone(),
                        evidence: uv.evidence.clone(),
                        document: uv.document.clone(),
                        unit: Some(uv.unit.clone()),
                        person: uv.person.clone(),
                    },
                ));
            }
        }
    }
    found.sort_by_key(|(i, v)| (*i, v.id));
    for (i, v) in found {
        list[i].entry.candidate.vetoes.push(VetoFact {
            id: v.id,
            reason: v.reason.clone(),
            document: v.document.clone(),
            unit: v.unit.clone(),
            person: v.person.clone(),
        });
        if full {
            list[i].entry.vetoes.push(v);
        }
    }
    let outside = read_sheets(conn, year, category, detail, scheme, &at, &mut list)?;
    Ok((list, outside))
}

/// Reads the current sheets of the category into the rows and assesses every row. Returns
/// true when a sheet has a mark the scheme does not allow: the sheets are read once, and
/// checked as they are read.
///
/// The sheets come last. For a listing they come nominee by nominee (in the order of the
/// index, with no sort of them all), and each nominee is assessed as soon as its sheets are
/// in and its joint sheets let go: the many sheets are never all in memory. With every
/// detail, they are kept in the order recorded, for `rank --explain`.
fn read_sheets(
    conn: &Connection,
    year: i32,
    category: Category,
    detail: Detail,
    scheme: &Scheme,
    at: &HashMap<i64, usize>,
    list: &mut [Ranked],
) -> Result<bool> {
    let full = detail == Detail::Full;
    let order = if full { "s.id" } else { "n.serial" };
    let mut st = conn.prepare_cached(&format!(
        "SELECT s.nomination, s.source, s.evaluator, s.c1, s.c2, s.c3, s.c4, s.c5
         FROM sheet s JOIN nomination n ON n.id = s.nomination
         WHERE n.term = ?1 AND n.category = ?2 AND s.replaced_at IS NULL ORDER BY {order}"
    ))?;
    let rows = st.query_map(rusqlite::params![year, category], |r| {
        Ok((
            r.get::<_, i64>(0)?,
            r.get_ref(1)?.as_str()? == "self",
            Sheet {
                evaluator: if full { r.get(2)? } else { String::new() },
                marks: [r.get(3)?, r.get(4)?, r.get(5)?, r.get(6)?, r.get(7)?],
            },
        ))
    })?;
    let mut done = vec![false; list.len()];
    let finish = |r: &mut Ranked, done: &mut bool| {
        r.assessment = assess(&r.entry.candidate, scheme);
        if !full {
            r.entry.candidate.joint = Vec::new();
        }
        *done = true;
    };
    let mut current: Option<usize> = None;
    let mut outside = false;
    for row in rows {
        let (id, is_self, sheet) = row.context(tr("reading the scoring sheets", "读取评分表"))?;
        outside =
            outside || (sheet.marks.iter().enumerate()).any(|(idx, &m)| scheme.mark_fault(category, idx, m).is_some());
        let Some(&i) = at.get(&id) else { continue };
        // A listing's sheets come nominee by nominee: the one before is complete.
        if let Some(c) = current.filter(|&c| c != i && !full) {
            finish(&mut list[c], &mut done[c]);
        }
        current = Some(i);
        let c = &mut list[i].entry.candidate;
        if is_self {
            c.self_sheet = Some(sheet);
        } else {
            c.joint.push(sheet);
        }
    }
    for (r, done) in list.iter_mut().zip(&mut done) {
        if !*done {
            finish(r, done);
        }
    }
    Ok(outside)
}

/// What a candidate is before it is assessed.
fn not_assessed() -> Assessment {
    Assessment {
        self_total: None,
        joint: None,
        inspection: 0,
        satisfaction: None,
        total: None,
        status: crate::core::assess::Status::Incomplete,
        reasons: Vec::new(),
    }
}

/// A veto against a unit, as recorded.
#[derive(Clone, Debug)]
pub struct UnitVeto {
    pub id: i64,
    pub term: i32,
    pub unit: String,
    pub scope: Scope,
    pub person: String,
    pub reason: String,
    pub evidence: String,
    pub document: String,
    pub added_at: String,
    pub added_by: String,
    pub revoked: Option<Withdrawal>,
}

/// The vetoes against units: of one term (or of every term with `year` None), of one unit
/// or all, in force only or revoked too; by number.
pub fn unit_vetoes_of(
    conn: &Connection,
    year: Option<i32>,
    unit: Option<&str>,
    in_force_only: bool,
) -> Result<Vec<UnitVeto>> {
    let mut st = conn.prepare_cached(
        "SELECT v.id, v.term, u.name, v.scope, v.person, v.reason, v.evidence, v.document, v.added_at, v.added_by,
                v.revoked_at, v.revoked_by, v.revoke_reason
         FROM unit_veto v JOIN unit u ON u.id = v.unit_id
         WHERE (?1 IS NULL OR v.term = ?1) AND (?2 IS NULL OR u.name = ?2)
           AND (?3 = 0 OR v.revoked_at IS NULL)
         ORDER BY v.term, v.id",
    )?;
    let rows = st.query_map(rusqlite::params![year, unit, in_force_only], |r| {
        let scope: String = r.get(3)?;
        Ok(UnitVeto {
            id: r.get(0)?,
            term: r.get(1)?,
            unit: r.get(2)?,
            scope: Scope::from_code(&scope).unwrap_or(Scope::All),
            person: r.get(4)?,
            reason: r.get(5)?,
            evidence: r.get(6)?,
            document: r.get(7)?,
            added_at: r.get(8)?,
            added_by: r.get(9)?,
            revoked: withdrawal(r, 10)?,
        })
    })?;
    rows.collect::<rusqlite::Result<Vec<_>>>()
        .context("reading the vetoes against units")
}

/// The vetoes in force against one nomination: its own and its unit's that reach it.
pub fn vetoes_in_force(
    conn: &Connection,
    year: i32,
    nomination: i64,
    unit: &str,
    category: Category,
) -> Result<Vec<Veto>> {
    let mut st = conn.prepare_cached(
        "SELECT id, reason, evidence, document FROM veto WHERE nomination = ?1 AND revoked_at IS NULL ORDER BY id",
    )?;
    let mut out: Vec<Veto> = st
        .query_map([nomination], |r| {
            Ok(Veto {
                id: r.get(0)?,
                reason: r.get(1)?,
                evidence: r.get(2)?,
                document: r.get(3)?,
                unit: None,
                person: String::new(),
            })
        })?
        .collect::<rusqlite::Result<_>>()
        .context("reading the vetoes")?;
    for uv in unit_vetoes(conn, year, Some(unit), true)? {
        if uv.scope.reaches(category) {
            out.push(Veto {
                id: uv.id,
                reason: uv.reason,
                evidence: uv.evidence,
                document: uv.document,
                unit: Some(uv.unit),
                person: uv.person,
            });
        }
    }
    out.sort_by_key(|v| v.id);
    Ok(out)
}

impl Veto {
    /// The veto in one line: number, ground, whom it is against, evidence.
    pub fn line(&self) -> String {
        let ground = crate::messages::veto::ground_text(&self.reason);
        let (id, evidence) = (self.id, &self.evidence);
        let en_unit = match &self.unit {
            Some(unit) if self.person.is_empty() => format!(" [against the unit {unit}]"),
            Some(unit) => format!(" [against the unit {unit}, {}]", self.person),
            None => String::new(),
        };
        let zh_unit = match &self.unit {
            Some(unit) if self.person.is_empty() => format!("（针对单位 {unit}）"),
            Some(unit) => format!("（针对单位 {unit}，当事人 {}）", self.person),
            None => String::new(),
        };
        let (en_doc, zh_doc) = if self.document.is_empty() {
            (String::new(), String::new())
        } else {
            (format!(" ({})", self.document), format!("（{}）", self.document))
        };
        say!(
            en("#{id} {ground}{en_unit}: {evidence}{en_doc}"),
            zh("#{id} {ground}{zh_unit}：{evidence}{zh_doc}")
        )
    }
}

fn unit_vetoes(conn: &Connection, year: i32, unit: Option<&str>, in_force_only: bool) -> Result<Vec<UnitVeto>> {
    unit_vetoes_of(conn, Some(year), unit, in_force_only)
}

/// The withdrawal in columns `at`, `at + 1`, `at + 2` (when, who, why), if any.
pub fn withdrawal(r: &rusqlite::Row<'_>, at: usize) -> rusqlite::Result<Option<Withdrawal>> {
    let when: Option<String> = r.get(at)?;
    Ok(match when {
        Some(when) => Some(Withdrawal {
            at: when,
            by: r.get::<_, Option<String>>(at + 1)?.unwrap_or_default(),
            reason: r.get::<_, Option<String>>(at + 2)?.unwrap_or_default(),
        }),
        None => None,
    })
}

/// One candidate where the category-wide ranking puts it.
#[derive(Clone, Debug)]
pub struct Ranked {
    pub entry: Entry,
    pub assessment: Assessment,
    pub rank: Option<usize>,
    pub shortlisted: bool,
    pub tie_at_cutoff: bool,
}

/// One category ranked on its own: best first, the ones not ranked after, in code order.
#[derive(Clone, Debug)]
pub struct Board {
    pub category: Category,
    pub quota: usize,
    /// Award places per group, when the scheme allots them (the quota is then their sum).
    pub places: BTreeMap<String, usize>,
    pub rows: Vec<Ranked>,
}

impl Board {
    pub fn eligible(&self) -> usize {
        self.rows.iter().filter(|r| r.rank.is_some()).count()
    }
    /// Each tie at a cut (the quota, or a group's places) with the places left there, and the
    /// tied rows themselves.
    pub fn ties(&self) -> Vec<(CutTie, Vec<&Ranked>)> {
        let at: Vec<AtCut> = self
            .rows
            .iter()
            .map(|r| AtCut {
                group: &r.entry.candidate.group,
                shortlisted: r.shortlisted,
                tie_at_cutoff: r.tie_at_cutoff,
            })
            .collect();
        ties_at_cuts(&at, self.quota, &self.places)
            .into_iter()
            .map(|cut| {
                let rows = cut.tied.iter().map(|&i| &self.rows[i]).collect();
                (cut, rows)
            })
            .collect()
    }
    /// The tie at the cut that holds this row, if it is tied there.
    pub fn tie_of(&self, id: i64) -> Option<(CutTie, Vec<&Ranked>)> {
        self.ties()
            .into_iter()
            .find(|(_, rows)| rows.iter().any(|r| r.entry.id == id))
    }
}

/// Both categories, window first, each ranked by the term's scheme within its quota.
pub fn boards(conn: &Connection, year: i32, scheme: &Scheme, detail: Detail) -> Result<Vec<Board>> {
    // One category at a time: only one category's records are ever loaded and not yet ranked.
    let mut boards = Vec::with_capacity(Category::ALL.len());
    let mut outside = false;
    for &cat in Category::ALL.iter() {
        let (rows, bad) = assessed(conn, year, cat, detail, scheme)?;
        outside |= bad;
        boards.push(rank_rows(rows, cat, scheme));
    }
    // Marks the scheme does not allow were seen as the sheets were read: nothing is ranked,
    // and every such sheet is named.
    if outside {
        check_marks(conn, year, scheme)?;
    }
    Ok(boards)
}

/// Ranks rows already assessed (their rank and marks are set anew). With places per group,
/// the shortlist is drawn within each group's places, and the category's awards are their sum.
pub fn rank_rows(mut rows: Vec<Ranked>, category: Category, scheme: &Scheme) -> Board {
    let rule = scheme.rule(category);
    let quota = if rule.places.is_empty() {
        rule.quota
    } else {
        rule.places.values().sum()
    };
    let placed = {
        let refs: Vec<&Assessment> = rows.iter().map(|r| &r.assessment).collect();
        let groups: Vec<&str> = rows.iter().map(|r| r.entry.candidate.group.as_str()).collect();
        rank_in_places(&refs, &groups, &scheme.order, quota, &rule.places)
    };
    let mut order = Vec::with_capacity(placed.len());
    for p in placed {
        let r = &mut rows[p.index];
        (r.rank, r.shortlisted, r.tie_at_cutoff) = (p.rank, p.shortlisted, p.tie_at_cutoff);
        order.push(p.index);
    }
    permute(&mut rows, order);
    Board {
        category,
        quota,
        places: rule.places.clone(),
        rows,
    }
}

/// Puts `rows` in `order` in place: afterwards `rows[i]` is what `rows[order[i]]` was.
/// `order` names every index once.
fn permute<T>(rows: &mut [T], mut order: Vec<usize>) {
    debug_assert_eq!(rows.len(), order.len());
    const DONE: usize = usize::MAX;
    for start in 0..order.len() {
        let mut at = start;
        while order[at] != DONE {
            let from = order[at];
            order[at] = DONE;
            if from == start {
                break;
            }
            rows.swap(at, from);
            at = from;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::permute;

    #[test]
    fn rows_are_put_in_order_in_place() {
        let mut rows = vec!['a', 'b', 'c', 'd', 'e'];
        permute(&mut rows, vec![3, 0, 4, 1, 2]);
        assert_eq!(rows, ['d', 'a', 'e', 'b', 'c']);
        let mut rows = vec!['a', 'b', 'c'];
        permute(&mut rows, vec![0, 1, 2]);
        assert_eq!(rows, ['a', 'b', 'c']);
        let mut rows = vec!['a', 'b', 'c', 'd'];
        permute(&mut rows, vec![1, 0, 3, 2]);
        assert_eq!(rows, ['b', 'a', 'd', 'c']);
    }
}
