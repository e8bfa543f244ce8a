//! The report's figures for the committee's secretary, a listing a section: as a workbook,
//! one sheet a section, as every other workbook of the tool is written (`xlsxout`): a title
//! row, headers in the language of the run, numbers as numbers with the decimals the page
//! shows, and a cut decimal marked "…" beside its exact fraction where the figures carry one;
//! or as Markdown, or as one CSV for Excel.

mod ranking;
mod record;

use anyhow::Result;

use super::gather::Report;
use super::words::{stage_label, state_label};
use crate::commands::common::exact_cell;
use crate::core::report::{Points, Stage};
use crate::i18n::{Lang, lang, tr};
use crate::messages::say;
use crate::output::{Cell, Listing, col};
use crate::values::Category;
use crate::xlsxout::Sheet;

/// The report's title as the workbook and the Markdown give it.
fn title(r: &Report) -> String {
    match lang() {
        Lang::En => format!("The {} term at a glance", r.year),
        Lang::Zh => format!("{}年度评选概览", r.year),
    }
}

/// The sections, each a listing: overview, funnel, quota line, the ranking around it, panel,
/// satisfaction, deductions, vetoes, and the objections where the term had a public notice.
fn sections(r: &Report) -> Vec<(&'static str, Listing)> {
    let mut sections: Vec<(&str, Listing)> = vec![
        (tr("Overview", "概况"), overview(r)),
        (tr("Funnel", "评选漏斗"), ranking::funnel(r)),
        (tr("Quota line", "名额线"), ranking::line(r)),
        (tr("Around the line", "名额线附近排名"), ranking::around(r)),
        (tr("Panel", "联评"), record::panel(r)),
        (tr("Satisfaction", "满意度"), record::satisfaction(r)),
        (tr("Deductions", "扣分"), record::deductions(r)),
        (tr("Vetoes", "一票否决"), record::vetoes(r)),
    ];
    if let Some(list) = &r.objections {
        sections.push((tr("Objections", "公示异议"), record::objections(list)));
    }
    sections
}

/// The workbook: a sheet a section.
pub fn workbook(r: &Report) -> Result<Vec<u8>> {
    let term = title(r);
    let sections = sections(r);
    let sheets: Vec<Sheet> = sections
        .iter()
        .map(|(name, listing)| Sheet {
            name: name.to_string(),
            title: say!(en("{term}: {name}"), zh("{term}：{name}")),
            listing,
        })
        .collect();
    crate::xlsxout::sheets(&sheets)
}

/// The sections as Markdown: a heading and a table each.
pub fn markdown(r: &Report) -> Result<String> {
    let mut s = format!("# {}\n", title(r));
    for (name, listing) in sections(r) {
        s += &format!("\n## {name}\n\n{}", listing.render(crate::output::Format::Md)?);
    }
    Ok(s)
}

/// The sections as one CSV for Excel: each under a row with its name, a blank row between.
pub fn csv(r: &Report) -> Result<Vec<u8>> {
    let sections = sections(r);
    let titled: Vec<(Option<&str>, &Listing)> = sections.iter().map(|(n, l)| (Some(*n), l)).collect();
    crate::export::csv_for_excel(&titled)
}

/// Points as a cell: the decimal the report's JSON gives, shown as the page shows it.
fn points(p: &Points) -> Cell {
    exact_cell(Some(p.0))
}

/// The term, the date, the weights and the audit head, with the figures of the first page.
fn overview(r: &Report) -> Listing {
    let mut l = Listing::new(vec![col("item", tr("item", "项目")), col("value", tr("value", "内容"))]);
    let mut row = |item: String, value: Cell| l.push(vec![Cell::Text(item), value]);
    row(tr("term", "年度").into(), Cell::Int(r.year.into()));
    row(tr("title", "届期名称").into(), r.title.as_str().into());
    row(
        tr("state", "届期状态").into(),
        Cell::code(r.state, state_label(r.state)),
    );
    row(tr("as of", "统计日期").into(), r.date.as_str().into());
    let [s, j, i] = r.weights;
    row(
        tr("weight of self-evaluation (%)", "自评权重（%）").into(),
        Cell::Int(s),
    );
    row(
        tr("weight of joint evaluation (%)", "联评权重（%）").into(),
        Cell::Int(j),
    );
    row(tr("weight of inspection (%)", "检查权重（%）").into(), Cell::Int(i));
    row(
        tr("windows' satisfaction line", "窗口满意度标准线").into(),
        r.satisfaction.threshold.map_or(Cell::Null, |t| record::percent(&t)),
    );
    for c in Category::ALL {
        let Some(f) = r.funnel.iter().find(|f| f.category == c && f.group.is_none()) else {
            continue;
        };
        for stage in [Stage::Nominated, Stage::Eligible, Stage::Shortlisted, Stage::Awarded] {
            let n = f.count(stage).unwrap_or(0) as i64;
            row(
                say!(
                    en("{}: {}", c.label(), stage_label(stage)),
                    zh("{}：{}", c.label(), stage_label(stage))
                ),
                Cell::Int(n),
            );
        }
    }
    row(
        tr("joint evaluators", "联评评委（人）").into(),
        Cell::Int(r.panel.evaluators.len() as i64),
    );
    row(
        tr("inspection findings", "检查发现（项）").into(),
        Cell::Int(r.deductions.findings as i64),
    );
    row(tr("points deducted", "扣分合计").into(), points(&r.deductions.points));
    let in_force = r.vetoes.iter().filter(|v| v.outcome == "in_force").count();
    row(
        tr("vetoes in force", "有效的一票否决（项）").into(),
        Cell::Int(in_force as i64),
    );
    row(
        tr("proposed list (public notice)", "公示名单").into(),
        match &r.proposed {
            Some(p) => Cell::List(p.clone()),
            None => tr("none recorded", "无记录").into(),
        },
    );
    row(
        tr("objections", "异议（项）").into(),
        match &r.objections {
            Some(o) => Cell::Int(o.len() as i64),
            None => tr("none recorded", "无记录").into(),
        },
    );
    row(
        tr("audit head", "审计记录链头").into(),
        r.audit_head.as_deref().unwrap_or("—").into(),
    );
    l
}
