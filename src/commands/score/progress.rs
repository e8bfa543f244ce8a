//! `score progress`: per evaluator, the nominees still missing a joint sheet; per nominee,
//! its joint sheets against the minimum; and a printable reminder list (催办单).
//! Load → core (`core::panel::progress`) → a view that serialises itself → render.

use std::path::PathBuf;

use anyhow::{Context, Result};
use rusqlite::{Connection, params};
use serde::Serialize;

use crate::commands::Ctx;
use crate::commands::panel::members;
use crate::core::panel::{Member, Subject, progress};
use crate::documents::{FANGSONG, HEI, escape, page};
use crate::i18n::tr;
use crate::messages::say;
use crate::output::{Cell, Format, Listing, code_col, col, name_col, out, say, unit_col, write_file};
use crate::store::{self, load_scheme};
use crate::values::Category;

#[derive(Serialize)]
pub struct EvaluatorView {
    pub name: String,
    pub unit: String,
    /// Codes of the nominees still missing this evaluator's sheet.
    pub missing: Vec<String>,
    /// Codes the evaluator recuses from (own unit, or themself).
    pub recused: Vec<String>,
}

#[derive(Serialize)]
pub struct NomineeView {
    pub code: String,
    pub category: Category,
    pub name: String,
    pub unit: String,
    pub joint_sheets: usize,
    pub min_joint: usize,
    pub enough: bool,
    pub recused: Vec<String>,
}

#[derive(Serialize)]
pub struct ProgressView {
    pub term: i32,
    /// Whether the term has a panel; without one the evaluators are those who gave sheets.
    pub panel: bool,
    pub evaluators: Vec<EvaluatorView>,
    pub nominees: Vec<NomineeView>,
}

/// The nominations that stand (not withdrawn nor rejected), windows first.
fn subjects(conn: &Connection, year: i32) -> Result<Vec<Subject>> {
    let mut st = conn.prepare_cached(
        "SELECT n.code, n.category, n.name, u.name FROM nomination n JOIN unit u ON u.id = n.unit_id
         WHERE n.term = ?1 AND n.status IN ('pending', 'verified') ORDER BY n.category = 'individual', n.serial",
    )?;
    let rows = st.query_map([year], |r| {
        Ok(Subject {
            code: r.get(0)?,
            category: r.get(1)?,
            name: r.get(2)?,
            unit: r.get(3)?,
        })
    })?;
    rows.collect::<rusqlite::Result<_>>().context("reading the nominations")
}

/// The current joint sheets of the term: (code, evaluator).
fn joint_sheets(conn: &Connection, year: i32) -> Result<Vec<(String, String)>> {
    let mut st = conn.prepare_cached(
        "SELECT n.code, s.evaluator FROM sheet s JOIN nomination n ON n.id = s.nomination
         WHERE n.term = ?1 AND s.source = 'joint' AND s.replaced_at IS NULL ORDER BY s.id",
    )?;
    let rows = st.query_map(params![year], |r| Ok((r.get(0)?, r.get(1)?)))?;
    rows.collect::<rusqlite::Result<_>>()
        .context("reading the joint sheets")
}

pub fn load(conn: &Connection, year: i32) -> Result<ProgressView> {
    let panel = members(conn, year, false)?;
    let subjects = subjects(conn, year)?;
    let sheets = joint_sheets(conn, year)?;
    let has_panel = !panel.is_empty();
    let members: Vec<Member> = if has_panel {
        panel.iter().map(|m| m.member()).collect()
    } else {
        let mut names: Vec<String> = sheets.iter().map(|(_, e)| e.clone()).collect();
        names.sort();
        names.dedup();
        names
            .into_iter()
            .map(|name| Member {
                name,
                unit: String::new(),
            })
            .collect()
    };
    let min_joint = load_scheme(conn, year)?.min_joint as usize;
    let p = progress(&members, &subjects, &sheets);
    Ok(ProgressView {
        term: year,
        panel: has_panel,
        evaluators: p
            .evaluators
            .into_iter()
            .map(|(m, missing, recused)| EvaluatorView {
                name: m.name,
                unit: m.unit,
                missing,
                recused,
            })
            .collect(),
        nominees: p
            .nominees
            .into_iter()
            .map(|(s, n, recused)| NomineeView {
                code: s.code,
                category: s.category,
                name: s.name,
                unit: s.unit,
                joint_sheets: n,
                min_joint,
                enough: n >= min_joint,
                recused,
            })
            .collect(),
    })
}

pub fn run(ctx: &Ctx, reminders: Option<PathBuf>) -> Result<()> {
    let conn = ctx.read()?;
    let term = store::resolve_term(conn, ctx)?;
    let view = load(conn, term.year)?;
    if let Some(file) = reminders {
        let nominees = view.nominees.iter().map(|n| (n.code.as_str(), n)).collect();
        write_file(&file, reminder_html(&view, &nominees).as_bytes())?;
        say(&say!(
            en("wrote the reminder list to {}", file.display()),
            zh("已写出催办单： {}", file.display())
        ));
        return Ok(());
    }
    match ctx.format {
        Format::Json => out(&format!("{}\n", serde_json::to_string_pretty(&view)?)),
        f => {
            let mut e = Listing::new(vec![
                col("evaluator", tr("evaluator", "评分人")),
                unit_col(),
                col("missing_count", tr("missing", "未评数")),
                col("missing", tr("nominees missing a sheet", "尚未评分的推荐对象")),
                col("recused", tr("recused from", "回避")),
            ]);
            for v in &view.evaluators {
                e.push(vec![
                    Cell::Text(v.name.clone()),
                    Cell::Text(v.unit.clone()),
                    Cell::Int(v.missing.len() as i64),
                    Cell::List(v.missing.clone()),
                    Cell::List(v.recused.clone()),
                ]);
            }
            let mut n = Listing::new(vec![
                code_col(),
                name_col(),
                unit_col(),
                col("joint_sheets", tr("joint sheets", "联评表数")),
                col("min_joint", tr("minimum", "最少")),
                col("enough", tr("enough", "已够")),
                col("recused", tr("recused", "回避")),
            ]);
            for v in &view.nominees {
                n.push(vec![
                    Cell::Text(v.code.clone()),
                    Cell::Text(v.name.clone()),
                    Cell::Text(v.unit.clone()),
                    Cell::Int(v.joint_sheets as i64),
                    Cell::Int(v.min_joint as i64),
                    Cell::Bool(v.enough),
                    Cell::List(v.recused.clone()),
                ]);
            }
            if matches!(f, Format::Table | Format::Md) {
                say(tr("Per evaluator:", "按评分人："));
                e.print(f)?;
                say(tr("Per nominee:", "按推荐对象："));
                n.print(f)
            } else {
                // One table per stream for machines: the per-nominee counts.
                n.print(f)
            }
        }
    }
}

/// The printable reminder list: one A4 page per evaluator with sheets still missing.
fn reminder_html(v: &ProgressView, nominees: &std::collections::HashMap<&str, &NomineeView>) -> String {
    let title = format!("{}年度文明和谐口岸评选联评评分催办单", v.term);
    let css = format!(
        "@page {{ size: A4 portrait; margin: 25mm 22mm; }}\n\
         body {{ font-family: {FANGSONG}; font-size: 14pt; line-height: 1.6; color: #000; margin: 0; }}\n\
         section {{ page-break-after: always; break-after: page; }}\n\
         section:last-child {{ page-break-after: auto; break-after: auto; }}\n\
         h1 {{ font-family: {HEI}; font-size: 18pt; font-weight: normal; text-align: center; margin: 0 0 0.8em; }}\n\
         p {{ margin: 0.3em 0; }}\n\
         table {{ border-collapse: collapse; width: 100%; margin-top: 0.8em; font-size: 12pt; }}\n\
         th, td {{ border: 1px solid #000; padding: 4px 6px; text-align: left; white-space: nowrap; }}\n\
         td.w {{ white-space: normal; }}\n\
         th {{ font-family: {HEI}; font-weight: normal; }}\n\
         td.n {{ width: 2.5em; text-align: center; }}\n\
         .done {{ margin-top: 2em; }}\n"
    );
    let mut b = String::new();
    let waiting: Vec<&EvaluatorView> = v.evaluators.iter().filter(|e| !e.missing.is_empty()).collect();
    if waiting.is_empty() {
        b += &format!(
            "<section>\n<h1>{}</h1>\n<p>{}</p>\n</section>\n",
            escape(&title),
            escape(tr("Every evaluator has given every sheet.", "各评分人均已完成评分。"))
        );
    }
    for e in waiting {
        b += &format!("<section>\n<h1>{}</h1>\n", escape(&title));
        let unit = if e.unit.is_empty() {
            String::new()
        } else {
            format!("（{}）", e.unit)
        };
        b += &format!(
            "<p>{}{}：</p>\n<p>　　您尚有以下 {} 个推荐对象的联评评分表未交，请尽快评分并交口岸办。</p>\n",
            escape(&e.name),
            escape(&unit),
            e.missing.len()
        );
        b += "<table>\n<tr><th>序号</th><th>编号</th><th>类别</th><th>名称</th><th>单位</th></tr>\n";
        for (i, code) in e.missing.iter().enumerate() {
            let (cat, name, unit) = nominees
                .get(code.as_str())
                .map(|n| {
                    let cat = match n.category {
                        Category::Window => "窗口",
                        Category::Individual => "个人",
                    };
                    (cat, n.name.as_str(), n.unit.as_str())
                })
                .unwrap_or(("", "", ""));
            b += &format!(
                "<tr><td class=\"n\">{}</td><td>{}</td><td>{}</td><td class=\"w\">{}</td><td class=\"w\">{}</td></tr>\n",
                i + 1,
                escape(code),
                escape(cat),
                escape(name),
                escape(unit)
            );
        }
        b += "</table>\n";
        if !e.recused.is_empty() {
            b += &format!(
                "<p class=\"done\">按回避规定，您不为以下推荐对象评分：{}</p>\n",
                escape(&e.recused.join("、"))
            );
        }
        b += "<p class=\"done\" style=\"text-align:right\">宁波市口岸办</p>\n</section>\n";
    }
    page(&title, &css, &b)
}
