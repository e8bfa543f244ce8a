//! 公示: `award propose` records the proposed list (the shortlist with the committee's choice
//! on a tie, as `grant` would take it today) and its notice period; the proposal in force then
//! fixes what `award grant` grants.

use anyhow::{Context, Result, bail};
use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension, params};
use serde::Serialize;
use serde_json::json;

use super::grant::{held, plain};
use crate::commands::Ctx;
use crate::commands::common::{fraction, summary_prefix};
use crate::core::award::{self, Choice};
use crate::core::publicity::{Calendar, days_of};
use crate::db::now;
use crate::i18n::tr;
use crate::load;
use crate::messages::say;
use crate::output::say;
use crate::store::{TermState, load_scheme, writable_term};
use crate::values::{Category, parse_date};

/// Where objections go unless --contact says otherwise.
pub const DEFAULT_CONTACT: &str = "宁波市口岸打私办（宁波市口岸协调委员会办公室）";

/// One nominee of the proposed list.
#[derive(Clone, Debug, Serialize)]
pub struct Item {
    #[serde(skip)]
    pub nomination: i64,
    pub code: String,
    pub category: Category,
    pub name: String,
    pub unit: String,
    pub group: String,
    pub rank: Option<i64>,
    pub decision: String,
}

/// The proposal in force of a term.
#[derive(Clone, Debug, Serialize)]
pub struct Proposal {
    pub id: i64,
    pub days: i64,
    #[serde(serialize_with = "as_text")]
    pub starts_on: NaiveDate,
    #[serde(serialize_with = "as_text")]
    pub ends_on: NaiveDate,
    pub contact: String,
    pub proposed_at: String,
    pub items: Vec<Item>,
}

fn as_text<S: serde::Serializer>(d: &NaiveDate, s: S) -> std::result::Result<S::Ok, S::Error> {
    s.serialize_str(&d.to_string())
}

pub fn in_force(conn: &Connection, year: i32) -> Result<Option<Proposal>> {
    let head: Option<(i64, i64, String, String, String, String)> = conn
        .prepare_cached(
            "SELECT id, days, starts_on, ends_on, contact, proposed_at FROM proposal
             WHERE term = ?1 AND superseded_at IS NULL",
        )?
        .query_row([year], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?))
        })
        .optional()
        .context("reading the proposal")?;
    let Some((id, days, starts_on, ends_on, contact, proposed_at)) = head else {
        return Ok(None);
    };
    let mut st = conn.prepare_cached(
        "SELECT i.nomination, n.code, i.category, n.name, u.name, g.name, i.rank, i.decision
         FROM proposal_item i JOIN nomination n ON n.id = i.nomination JOIN unit u ON u.id = n.unit_id
         JOIN org_group g ON g.id = n.group_id
         WHERE i.proposal = ?1 ORDER BY i.category = 'individual', i.position",
    )?;
    let items = st
        .query_map([id], |r| {
            Ok(Item {
                nomination: r.get(0)?,
                code: r.get(1)?,
                category: r.get(2)?,
                name: r.get(3)?,
                unit: r.get(4)?,
                group: r.get(5)?,
                rank: r.get(6)?,
                decision: r.get(7)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()
        .context("reading the proposed list")?;
    let date = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").context("a date of the proposal");
    Ok(Some(Proposal {
        id,
        days,
        starts_on: date(&starts_on)?,
        ends_on: date(&ends_on)?,
        contact,
        proposed_at,
        items,
    }))
}

pub fn today() -> NaiveDate {
    chrono::Local::now().date_naive()
}

pub struct ProposeArgs<'a> {
    pub days: u32,
    pub from: Option<&'a str>,
    pub contact: Option<&'a str>,
    pub include: &'a [String],
    pub exclude: &'a [String],
    /// Days (or spans `FIRST..LAST`) that are holidays besides the fixed statutory ones.
    pub holidays: &'a [String],
    /// Weekend days that are working days in the year's arrangement (调休).
    pub workdays: &'a [String],
    pub replace: bool,
    pub dry_run: bool,
}

/// The calendar of the notice period from `--holiday` and `--workday`; a value that is not a
/// day or a span of days is refused, naming the option and the value.
fn calendar(holidays: &[String], workdays: &[String]) -> Result<Calendar> {
    let days = |flag: &str, list: &[String]| -> Result<std::collections::BTreeSet<NaiveDate>> {
        let mut out = std::collections::BTreeSet::new();
        for v in list
            .iter()
            .flat_map(|v| v.split([',', '，']))
            .filter(|v| !v.trim().is_empty())
        {
            let Some(days) = days_of(v) else {
                bail!(
                    "{}",
                    say!(
                        en("{flag} \"{v}\": not a day YYYY-MM-DD or a span FIRST..LAST of at most a year"),
                        zh("{flag} \"{v}\"：应为日期 YYYY-MM-DD，或不超过一年的起止日期 起..止")
                    )
                );
            };
            out.extend(days);
        }
        Ok(out)
    };
    Ok(Calendar {
        holidays: days("--holiday", holidays)?,
        workdays: days("--workday", workdays)?,
    })
}

pub fn propose(ctx: &Ctx, a: ProposeArgs<'_>) -> Result<()> {
    if !(1..=60).contains(&a.days) {
        bail!(
            "{}",
            say!(
                en("--days {}: between 1 and 60 working days", a.days),
                zh("--days {}：应为 1 至 60 个工作日", a.days)
            )
        );
    }
    let from = match a.from {
        Some(s) => parse_date(s).with_context(|| format!("--from \"{s}\""))?,
        None => today(),
    };
    if from > today() {
        bail!(
            "{}",
            say!(
                en(
                    "--from {from}: the notice period cannot start in the future (today is {})",
                    today()
                ),
                zh("--from {from}：公示不能从将来的日期开始（今天是 {}）", today())
            )
        );
    }
    let cal = calendar(a.holidays, a.workdays)?;
    let contact = a.contact.unwrap_or(DEFAULT_CONTACT).trim().to_string();
    let tx = ctx.change()?;
    let term = writable_term(&tx, ctx)?;
    if term.state != TermState::Open {
        bail!("{}", tr("the term is already awarded", "本届已授奖"));
    }
    let year = term.year;
    if let Some(old) = in_force(&tx, year)? {
        if !a.replace {
            bail!(
                "{}",
                say!(
                    en(
                        "the {year} term already has a proposal in force (#{}, notice period {} to {}); give --replace to propose again",
                        old.id,
                        old.starts_on,
                        old.ends_on
                    ),
                    zh(
                        "{year} 届已有公示方案 #{}（公示期 {} 至 {}）；如需重新公示请加 --replace",
                        old.id,
                        old.starts_on,
                        old.ends_on
                    )
                )
            );
        }
        tx.execute(
            "UPDATE proposal SET superseded_at = ?2 WHERE id = ?1",
            params![old.id, now()],
        )
        .context("superseding the proposal")?;
    }
    let scheme = load_scheme(&tx, year)?;
    let boards = load::boards(&tx, year, &scheme, load::Detail::Full)?;
    let choice = Choice::new(a.include, a.exclude);
    let outcome = award::decide(year, false, &plain(&boards), &held(&tx, year)?, &choice).map_err(|problems| {
        let lines: Vec<String> = problems.iter().map(|p| p.text()).collect();
        anyhow::anyhow!(
            "{}",
            say!(
                en("nothing was proposed:\n  {}", lines.join("\n  ")),
                zh("未能提出公示名单：\n  {}", lines.join("\n  "))
            )
        )
    })?;
    if outcome.grants.is_empty() {
        bail!(
            "{}",
            tr(
                "nothing to propose: no candidate is shortlisted; see `pingxuan rank`",
                "无可公示：没有入围者，请查看 `pingxuan rank`"
            )
        );
    }
    let (starts_on, ends_on) = cal.period(from, a.days);
    let skipped: Vec<String> = cal
        .holidays_within(starts_on, ends_on)
        .iter()
        .map(|d| d.to_string())
        .collect();
    tx.execute(
        "INSERT INTO proposal (term, days, starts_on, ends_on, contact, proposed_at, proposed_by)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![
            year,
            a.days,
            starts_on.to_string(),
            ends_on.to_string(),
            contact,
            now(),
            ctx.operator
        ],
    )
    .context("recording the proposal")?;
    let id = tx.last_insert_rowid();
    let totals: std::collections::HashMap<i64, String> = boards
        .iter()
        .flat_map(|b| &b.rows)
        .map(|r| {
            (
                r.entry.id,
                r.assessment.total.as_ref().map(fraction).unwrap_or_default(),
            )
        })
        .collect();
    for (i, g) in outcome.grants.iter().enumerate() {
        tx.execute(
            "INSERT INTO proposal_item (proposal, nomination, category, position, rank, total, decision)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![
                id,
                g.id,
                g.category,
                i as i64 + 1,
                g.rank.map(|r| r as i64),
                totals.get(&g.id).cloned().unwrap_or_default(),
                g.basis.code()
            ],
        )
        .with_context(|| format!("proposing {}", g.code))?;
    }
    let codes: Vec<&str> = outcome.grants.iter().map(|g| g.code.as_str()).collect();
    tx.record(
        Some(year),
        "award.propose",
        &year.to_string(),
        json!({
            "proposal": id, "days": a.days, "starts_on": starts_on.to_string(), "ends_on": ends_on.to_string(),
            "contact": contact, "proposed": codes, "holidays_skipped": skipped,
            "holidays": cal.holidays.iter().map(|d| d.to_string()).collect::<Vec<_>>(),
            "workdays": cal.workdays.iter().map(|d| d.to_string()).collect::<Vec<_>>(),
            "include": choice.include.iter().collect::<Vec<_>>(), "exclude": choice.exclude.iter().collect::<Vec<_>>(),
        }),
    )?;
    tx.finish(a.dry_run)?;
    let count = |c: Category| outcome.grants.iter().filter(|g| g.category == c).count();
    say(&format!(
        "{}{}",
        summary_prefix(a.dry_run),
        say!(
            en(
                "proposed {} windows and {} individuals (#{id}); notice period (公示) {} working days, {starts_on} to {ends_on}; objections to {contact}",
                count(Category::Window),
                count(Category::Individual),
                a.days
            ),
            zh(
                "公示名单 #{id}：示范窗口 {} 个、服务标兵 {} 名；公示期 {} 个工作日，{starts_on} 至 {ends_on}；异议请向{contact}反映",
                count(Category::Window),
                count(Category::Individual),
                a.days
            )
        )
    ));
    if !skipped.is_empty() {
        say(&say!(
            en(
                "  holidays skipped besides the weekends: {} (name the year's other holidays with --holiday, weekend working days with --workday)",
                skipped.join(", ")
            ),
            zh(
                "  除周末外跳过的节假日：{}（当年其他节假日用 --holiday 给出，周末调休上班日用 --workday 给出）",
                skipped.join("、")
            )
        ));
    } else {
        say(tr(
            "  only weekends and the fixed statutory holidays (1 Jan, 1–2 May, 1–3 Oct) are known; name the year's other holidays with --holiday",
            "  仅按周末和固定日期的法定节假日（1月1日、5月1—2日、10月1—3日）计算；当年其他节假日请用 --holiday 给出",
        ));
    }
    Ok(())
}
