//! Reads and writes shared by several commands: the term, its scheme, and finding a nominee.

use anyhow::{Context, Result, bail};
use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension, params};

use crate::commands::Ctx;
use crate::core::scheme::{CategoryRule, Criterion, OrderKey, Scheme};
use crate::i18n::{Lang, lang, tr};
use crate::messages::say;
use crate::values::Category;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TermState {
    Open,
    Awarded,
    Closed,
}

impl TermState {
    pub fn code(self) -> &'static str {
        match self {
            TermState::Open => "open",
            TermState::Awarded => "awarded",
            TermState::Closed => "closed",
        }
    }
    pub fn label(self) -> &'static str {
        match self {
            TermState::Open => tr("open", "进行中"),
            TermState::Awarded => tr("awarded", "已授奖"),
            TermState::Closed => tr("closed", "已结束"),
        }
    }
    fn parse(s: &str) -> TermState {
        match s {
            "awarded" => TermState::Awarded,
            "closed" => TermState::Closed,
            _ => TermState::Open,
        }
    }
}

#[derive(Clone, Debug)]
pub struct Term {
    pub year: i32,
    pub title: String,
    pub deadline: NaiveDate,
    pub state: TermState,
    pub opened_at: String,
    pub opened_by: String,
}

const TERM_COLS: &str = "year, title, deadline, state, opened_at, opened_by";

fn term_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Term> {
    let deadline: String = r.get(2)?;
    Ok(Term {
        year: r.get(0)?,
        title: r.get(1)?,
        deadline: NaiveDate::parse_from_str(&deadline, "%Y-%m-%d").unwrap_or_default(),
        state: TermState::parse(&r.get::<_, String>(3)?),
        opened_at: r.get(4)?,
        opened_by: r.get(5)?,
    })
}

pub fn all_terms(conn: &Connection) -> Result<Vec<Term>> {
    let mut st = conn.prepare_cached(&format!("SELECT {TERM_COLS} FROM term ORDER BY year DESC"))?;
    let rows = st.query_map([], term_row)?.collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

pub fn find_term(conn: &Connection, year: i32) -> Result<Option<Term>> {
    conn.prepare_cached(&format!("SELECT {TERM_COLS} FROM term WHERE year = ?1"))?
        .query_row([year], term_row)
        .optional()
        .context(crate::i18n::tr("reading the term", "读取届期"))
}

/// The term named by --term, else the newest that is not closed.
pub fn resolve_term(conn: &Connection, ctx: &Ctx) -> Result<Term> {
    let term = match ctx.term {
        Some(year) => find_term(conn, year)?.ok_or_else(|| {
            anyhow::anyhow!(
                "{}",
                say!(
                    en("there is no term {year}; see `pingxuan term list`"),
                    zh("没有 {year} 届；请查看 `pingxuan term list`")
                )
            )
        }),
        None => all_terms(conn)?
            .into_iter()
            .find(|t| t.state != TermState::Closed)
            .ok_or_else(|| {
                anyhow::anyhow!(
                    "{}",
                    tr(
                        "no term is open; open one with `pingxuan term open YEAR`, or name one with --term",
                        "没有进行中的届期；请用 `pingxuan term open 年份` 开启，或用 --term 指定"
                    )
                )
            }),
    }?;
    // The title row of a listing written with --out names the term.
    crate::export::note_term(term.year, &term.title);
    Ok(term)
}

/// The term for a command that changes its records: it must be open.
pub fn writable_term(conn: &Connection, ctx: &Ctx) -> Result<Term> {
    let t = term_not_closed(conn, ctx)?;
    if t.state == TermState::Awarded {
        let year = t.year;
        bail!(
            "{}",
            say!(
                en(
                    "the {year} term has been awarded; its records change only after `pingxuan term reopen --reason TEXT`"
                ),
                zh("{year} 届已授奖，须先执行 `pingxuan term reopen --reason 理由` 才能修改")
            )
        );
    }
    Ok(t)
}

/// The term for a command that may act on an awarded term but not on a closed one (granting
/// and revoking awards, closing the term): a closed term does not change.
pub fn term_not_closed(conn: &Connection, ctx: &Ctx) -> Result<Term> {
    let t = resolve_term(conn, ctx)?;
    if t.state == TermState::Closed {
        let year = t.year;
        bail!(
            "{}",
            say!(
                en("the {year} term is closed and does not change"),
                zh("{year} 届已结束，记录不可更改")
            )
        );
    }
    Ok(t)
}

pub fn load_scheme(conn: &Connection, year: i32) -> Result<Scheme> {
    let mut s = conn
        .prepare_cached(
            "SELECT weight_self, weight_joint, weight_inspection, step, min_joint, trim_from, inspection_base, order_keys
             FROM scheme WHERE term = ?1",
        )?
        .query_row([year], |r| {
            let order: String = r.get(7)?;
            let order = order
                .split(',')
                .map(|k| {
                    OrderKey::parse(k).ok_or_else(|| {
                        rusqlite::Error::FromSqlConversionFailure(
                            7,
                            rusqlite::types::Type::Text,
                            format!("unknown order key \"{k}\"").into(),
                        )
                    })
                })
                .collect::<rusqlite::Result<Vec<_>>>()?;
            Ok(Scheme {
                weight_self: r.get(0)?,
                weight_joint: r.get(1)?,
                weight_inspection: r.get(2)?,
                step: r.get(3)?,
                min_joint: r.get::<_, i64>(4)? as usize,
                trim_from: r.get::<_, i64>(5)? as usize,
                inspection_base: r.get(6)?,
                order,
                ..Scheme::default()
            })
        })
        .with_context(|| say!(en("reading the scheme of the {year} term"), zh("读取 {year} 届评分方案")))?;
    let mut st =
        conn.prepare_cached("SELECT category, quota, threshold, survey_required FROM scheme_category WHERE term = ?1")?;
    let rows = st.query_map([year], |r| {
        Ok((
            r.get::<_, Category>(0)?,
            r.get::<_, i64>(1)?,
            r.get::<_, Option<i64>>(2)?,
            r.get::<_, bool>(3)?,
        ))
    })?;
    for row in rows {
        let (cat, quota, threshold, survey) = row?;
        let rule = match cat {
            Category::Window => &mut s.window,
            Category::Individual => &mut s.individual,
        };
        rule.quota = quota as usize;
        rule.threshold = threshold;
        rule.survey_required = survey;
    }
    let mut st = conn.prepare_cached("SELECT category, idx, name_zh, name_en, max FROM criterion WHERE term = ?1")?;
    let rows = st.query_map([year], |r| {
        Ok((
            r.get::<_, Category>(0)?,
            r.get::<_, i64>(1)?,
            Criterion {
                name_zh: r.get(2)?,
                name_en: r.get(3)?,
                max: r.get(4)?,
            },
        ))
    })?;
    for row in rows {
        let (cat, idx, c) = row?;
        let rule: &mut CategoryRule = match cat {
            Category::Window => &mut s.window,
            Category::Individual => &mut s.individual,
        };
        if let Some(slot) = rule.criteria.get_mut((idx - 1) as usize) {
            *slot = c;
        }
    }
    let mut st = conn.prepare_cached(
        "SELECT category, max_per_group, unit_rank_top_percent FROM scheme_group_rule WHERE term = ?1",
    )?;
    let rows = st.query_map([year], |r| {
        Ok((
            r.get::<_, Category>(0)?,
            r.get::<_, i64>(1)?,
            r.get::<_, Option<i64>>(2)?,
        ))
    })?;
    for row in rows {
        let (cat, cap, top) = row?;
        let rule = match cat {
            Category::Window => &mut s.window,
            Category::Individual => &mut s.individual,
        };
        rule.max_per_group = cap as usize;
        rule.unit_rank_top_percent = top.map(|t| t as u32);
    }
    let mut st = conn.prepare_cached("SELECT category, group_name, places FROM scheme_places WHERE term = ?1")?;
    let rows = st.query_map([year], |r| {
        Ok((r.get::<_, Category>(0)?, r.get::<_, String>(1)?, r.get::<_, i64>(2)?))
    })?;
    for row in rows {
        let (cat, group, places) = row?;
        let rule = match cat {
            Category::Window => &mut s.window,
            Category::Individual => &mut s.individual,
        };
        rule.places.insert(group, places as usize);
    }
    s.intake_opens_on = conn
        .prepare_cached("SELECT opens_on FROM scheme_intake WHERE term = ?1")?
        .query_row([year], |r| r.get::<_, String>(0))
        .optional()?
        .and_then(|d| chrono::NaiveDate::parse_from_str(&d, "%Y-%m-%d").ok());
    s.validate().with_context(|| {
        say!(
            en("the scheme of the {year} term is damaged"),
            zh("{year} 届评分方案已损坏")
        )
    })?;
    Ok(s)
}

/// Stores the whole scheme of a term, replacing what was there.
pub fn save_scheme(conn: &Connection, year: i32, s: &Scheme) -> Result<()> {
    let order = s.order.iter().map(|k| k.code()).collect::<Vec<_>>().join(",");
    conn.execute(
        "INSERT INTO scheme (term, weight_self, weight_joint, weight_inspection, step, min_joint, trim_from, inspection_base, order_keys)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)
         ON CONFLICT (term) DO UPDATE SET weight_self = excluded.weight_self, weight_joint = excluded.weight_joint,
           weight_inspection = excluded.weight_inspection, step = excluded.step, min_joint = excluded.min_joint,
           trim_from = excluded.trim_from, inspection_base = excluded.inspection_base, order_keys = excluded.order_keys",
        params![year, s.weight_self, s.weight_joint, s.weight_inspection, s.step, s.min_joint as i64, s.trim_from as i64, s.inspection_base, order],
    )
    .context(crate::i18n::tr("saving the scheme", "保存评分方案"))?;
    match s.intake_opens_on {
        Some(d) => {
            conn.execute(
                "INSERT INTO scheme_intake (term, opens_on) VALUES (?1, ?2)
                 ON CONFLICT (term) DO UPDATE SET opens_on = excluded.opens_on WHERE opens_on IS NOT excluded.opens_on",
                params![year, d.to_string()],
            )?;
        }
        None => {
            conn.execute("DELETE FROM scheme_intake WHERE term = ?1", [year])?;
        }
    }
    for cat in Category::ALL {
        let r = s.rule(cat);
        conn.execute(
            "INSERT INTO scheme_category (term, category, quota, threshold, survey_required) VALUES (?1, ?2, ?3, ?4, ?5)
             ON CONFLICT (term, category) DO UPDATE SET quota = excluded.quota, threshold = excluded.threshold,
               survey_required = excluded.survey_required",
            params![year, cat, r.quota as i64, r.threshold, r.survey_required],
        )?;
        conn.execute(
            "INSERT INTO scheme_group_rule (term, category, max_per_group, unit_rank_top_percent) VALUES (?1, ?2, ?3, ?4)
             ON CONFLICT (term, category) DO UPDATE SET max_per_group = excluded.max_per_group,
               unit_rank_top_percent = excluded.unit_rank_top_percent
             WHERE max_per_group IS NOT excluded.max_per_group OR unit_rank_top_percent IS NOT excluded.unit_rank_top_percent",
            params![year, cat, r.max_per_group as i64, r.unit_rank_top_percent.map(i64::from)],
        )?;
        let stored: Vec<(String, i64)> = conn
            .prepare_cached("SELECT group_name, places FROM scheme_places WHERE term = ?1 AND category = ?2")?
            .query_map(params![year, cat], |row| Ok((row.get(0)?, row.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        for (g, _) in stored.iter().filter(|(g, _)| !r.places.contains_key(g)) {
            conn.execute(
                "DELETE FROM scheme_places WHERE term = ?1 AND category = ?2 AND group_name = ?3",
                params![year, cat, g],
            )?;
        }
        for (g, n) in &r.places {
            if stored.iter().any(|(sg, sn)| sg == g && *sn == *n as i64) {
                continue;
            }
            conn.execute(
                "INSERT INTO scheme_places (term, category, group_name, places) VALUES (?1, ?2, ?3, ?4)
                 ON CONFLICT (term, category, group_name) DO UPDATE SET places = excluded.places",
                params![year, cat, g, *n as i64],
            )?;
        }
        for (i, c) in r.criteria.iter().enumerate() {
            conn.execute(
                "INSERT INTO criterion (term, category, idx, name_zh, name_en, max) VALUES (?1, ?2, ?3, ?4, ?5, ?6)
                 ON CONFLICT (term, category, idx) DO UPDATE SET name_zh = excluded.name_zh, name_en = excluded.name_en, max = excluded.max",
                params![year, cat, (i + 1) as i64, c.name_zh, c.name_en, c.max],
            )?;
        }
    }
    Ok(())
}

/// True once any scoring sheet of the term is recorded: the scheme is then settled.
pub fn scoring_started(conn: &Connection, year: i32) -> Result<bool> {
    Ok(conn
        .prepare_cached(
            "SELECT EXISTS (SELECT 1 FROM sheet s JOIN nomination n ON n.id = s.nomination WHERE n.term = ?1)",
        )?
        .query_row([year], |r| r.get(0))?)
}

/// The name of a criterion in the current language.
pub fn criterion_name(c: &Criterion) -> &str {
    match lang() {
        Lang::Zh if !c.name_zh.is_empty() => &c.name_zh,
        _ if !c.name_en.is_empty() => &c.name_en,
        _ => &c.name_zh,
    }
}

/// Where a nomination stands: imported (pending), then verified or rejected; or withdrawn.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum NominationStatus {
    #[value(alias = "待核对")]
    Pending,
    #[value(alias = "已核对")]
    Verified,
    #[value(alias = "核对未通过", alias = "未通过")]
    Rejected,
    #[value(alias = "已撤回")]
    Withdrawn,
}

impl NominationStatus {
    pub fn code(self) -> &'static str {
        match self {
            NominationStatus::Pending => "pending",
            NominationStatus::Verified => "verified",
            NominationStatus::Rejected => "rejected",
            NominationStatus::Withdrawn => "withdrawn",
        }
    }
    pub fn label(self) -> &'static str {
        match self {
            NominationStatus::Pending => tr("pending", "待核对"),
            NominationStatus::Verified => tr("verified", "已核对"),
            NominationStatus::Rejected => tr("rejected", "核对未通过"),
            NominationStatus::Withdrawn => tr("withdrawn", "已撤回"),
        }
    }
    pub fn from_code(s: &str) -> Option<NominationStatus> {
        match s {
            "pending" => Some(NominationStatus::Pending),
            "verified" => Some(NominationStatus::Verified),
            "rejected" => Some(NominationStatus::Rejected),
            "withdrawn" => Some(NominationStatus::Withdrawn),
            _ => None,
        }
    }
}

impl rusqlite::types::FromSql for NominationStatus {
    fn column_result(v: rusqlite::types::ValueRef<'_>) -> rusqlite::types::FromSqlResult<Self> {
        let s = v.as_str()?;
        NominationStatus::from_code(s)
            .ok_or_else(|| rusqlite::types::FromSqlError::Other(format!("unknown nomination status {s}").into()))
    }
}

impl rusqlite::ToSql for NominationStatus {
    fn to_sql(&self) -> rusqlite::Result<rusqlite::types::ToSqlOutput<'_>> {
        Ok(self.code().into())
    }
}

/// A nomination as later files and commands name it.
#[derive(Clone, Debug)]
pub struct Nominee {
    pub id: i64,
    pub code: String,
    pub category: Category,
    pub name: String,
    pub unit: String,
    pub group: String,
    pub status: NominationStatus,
}

const NOMINEE_SQL: &str = "SELECT n.id, n.code, n.category, n.name, u.name, g.name, n.status
     FROM nomination n JOIN unit u ON u.id = n.unit_id JOIN org_group g ON g.id = n.group_id";

fn nominee_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Nominee> {
    Ok(Nominee {
        id: r.get(0)?,
        code: r.get(1)?,
        category: r.get(2)?,
        name: r.get(3)?,
        unit: r.get(4)?,
        group: r.get(5)?,
        status: r.get(6)?,
    })
}

/// The nomination with this code in the term; the error says what would be accepted, and
/// which term to name when the code is another term's.
pub fn nominee_by_code(conn: &Connection, year: i32, code: &str) -> Result<Nominee> {
    let code = code.trim().to_uppercase();
    if let Some(n) = conn
        .prepare_cached(&format!("{NOMINEE_SQL} WHERE n.term = ?1 AND n.code = ?2"))?
        .query_row(params![year, code], nominee_row)
        .optional()?
    {
        return Ok(n);
    }
    let elsewhere: Option<i32> = conn
        .prepare_cached("SELECT term FROM nomination WHERE code = ?1")?
        .query_row([&code], |r| r.get(0))
        .optional()?;
    if let Some(other) = elsewhere {
        bail!("{}", other_term(&code, other));
    }
    bail!(
        "{}",
        say!(
            en(
                "no nomination {code} in the term {year} (codes look like W2026-001 or P2026-001; see `pingxuan nominate list`)"
            ),
            zh("{year} 届没有编号为 {code} 的推荐（编号形如 W2026-001 或 P2026-001，请查看 `pingxuan nominate list`）")
        )
    )
}

/// "W2026-001 belongs to the 2026 term; add --term 2026": what was named is another term's.
pub fn other_term(what: &str, year: i32) -> String {
    match lang() {
        Lang::En => format!("{what} belongs to the {year} term; add --term {year}"),
        Lang::Zh => format!("{what} 属于 {year} 届；请加 --term {year}"),
    }
}

/// The nomination named by code, or by category, unit and name together, as a file row may.
/// The error is a message for a row problem.
pub fn nominee_by_ref(
    conn: &Connection,
    year: i32,
    code: &str,
    category: &str,
    unit: &str,
    name: &str,
) -> std::result::Result<Nominee, String> {
    if !code.is_empty() {
        let n = nominee_by_code(conn, year, code).map_err(|e| e.to_string())?;
        let cat_ok = category.is_empty() || Category::parse(category).map(|c| c == n.category).unwrap_or(false);
        if !cat_ok || (!unit.is_empty() && unit != n.unit) || (!name.is_empty() && name != n.name) {
            let (code, category, unit, name) = (&n.code, n.category.label(), &n.unit, &n.name);
            return Err(say!(
                en("{code} is {category} / {unit} / {name}"),
                zh("{code} 是 {category} / {unit} / {name}")
            ));
        }
        return Ok(n);
    }
    if category.is_empty() || unit.is_empty() || name.is_empty() {
        return Err(tr(
            "name the nominee by code (编号), or by category, unit and name (类别、单位、名称) together",
            "请用编号，或同时用类别、单位、名称指明被推荐对象",
        )
        .to_string());
    }
    let cat = Category::parse(category).map_err(|e| e.to_string())?;
    let mut st = conn
        .prepare_cached(&format!(
            "{NOMINEE_SQL} WHERE n.term = ?1 AND n.category = ?2 AND u.name = ?3 AND n.name = ?4"
        ))
        .map_err(|e| e.to_string())?;
    let mut found: Vec<Nominee> = st
        .query_map(params![year, cat, unit, name], nominee_row)
        .and_then(|rows| rows.collect())
        .map_err(|e| e.to_string())?;
    match found.len() {
        1 => Ok(found.swap_remove(0)),
        0 => {
            let category = cat.label();
            let mut m = say!(
                en("no nomination in this term for {category} / {unit} / {name}"),
                zh("本届没有此推荐对象：{category} / {unit} / {name}")
            );
            let elsewhere: Option<(String, i32)> = conn
                .prepare_cached(
                    "SELECT n.code, n.term FROM nomination n JOIN unit u ON u.id = n.unit_id
                     WHERE n.term <> ?1 AND n.category = ?2 AND u.name = ?3 AND n.name = ?4
                     ORDER BY n.term DESC, n.serial LIMIT 1",
                )
                .and_then(|mut st| {
                    st.query_row(params![year, cat, unit, name], |r| Ok((r.get(0)?, r.get(1)?)))
                        .optional()
                })
                .map_err(|e| e.to_string())?;
            if let Some((code, other)) = elsewhere {
                m += &say!(
                    en("; {}", other_term(&code, other)),
                    zh("；{}", other_term(&code, other))
                );
            } else {
                // The same nominee written a little differently ("袁 婷", "（二）").
                let nominees: Vec<(String, String, String)> = conn
                    .prepare_cached(
                        "SELECT n.code, u.name, n.name FROM nomination n JOIN unit u ON u.id = n.unit_id
                         WHERE n.term = ?1 AND n.category = ?2",
                    )
                    .and_then(|mut st| {
                        st.query_map(params![year, cat], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
                            .collect()
                    })
                    .map_err(|e| e.to_string())?;
                let wanted = format!("{unit}/{name}");
                let written: Vec<String> = nominees.iter().map(|(_, u, n)| format!("{u}/{n}")).collect();
                if let Some(hit) = crate::values::near(&wanted, written.iter().map(String::as_str))
                    && let Some((code, u, n)) = nominees.iter().find(|(_, u, n)| format!("{u}/{n}") == hit)
                {
                    m += &match crate::i18n::lang() {
                        Lang::En => format!("; did you mean {code} {u} / {n}?"),
                        Lang::Zh => format!("；是否指 {code} {u} / {n}？"),
                    };
                }
            }
            Err(m)
        }
        _ => {
            let codes = found.iter().map(|n| n.code.as_str()).collect::<Vec<_>>().join(", ");
            Err(say!(
                en("more than one nomination has this name in the unit; give the code: {codes}"),
                zh("该单位有多个同名推荐对象，请填写编号：{codes}")
            ))
        }
    }
}

/// Refuses to record an assessment of a nomination that is withdrawn or rejected.
pub fn check_assessable(n: &Nominee) -> std::result::Result<(), String> {
    match n.status {
        NominationStatus::Withdrawn => {
            let code = &n.code;
            Err(say!(en("{code} is withdrawn"), zh("{code} 已撤回")))
        }
        NominationStatus::Rejected => {
            let code = &n.code;
            Err(say!(
                en("{code} was rejected at verification; correct and verify it first"),
                zh("{code} 核对未通过，请更正并重新核对")
            ))
        }
        NominationStatus::Pending | NominationStatus::Verified => Ok(()),
    }
}

/// The unit with this name: its id and the name as stored. A name written a little
/// differently (spaces, full-width brackets) is answered with a did-you-mean.
pub fn unit_by_name(conn: &Connection, name: &str) -> Result<(i64, String)> {
    let name = name.trim();
    if let Some(id) = conn
        .prepare_cached("SELECT id FROM unit WHERE name = ?1")?
        .query_row([name], |r| r.get::<_, i64>(0))
        .optional()?
    {
        return Ok((id, name.to_string()));
    }
    let known: Vec<String> = conn
        .prepare_cached("SELECT name FROM unit ORDER BY name")?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    if let Some(near) = crate::values::near(name, known.iter().map(String::as_str)) {
        bail!(
            "{}",
            say!(
                en("there is no unit {name}; did you mean {near}?"),
                zh("没有单位 {name}；是否指“{near}”？")
            )
        );
    }
    bail!(
        "{}",
        say!(
            en("there is no unit {name}; see `pingxuan org list`"),
            zh("没有单位 {name}；请查看 `pingxuan org list`")
        )
    )
}
