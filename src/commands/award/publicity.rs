//! `award publicity`: the 公示 notice of the proposed list, with its period and where to send
//! objections, as plain text, Markdown or JSON, as an official document (GB/T 9704: the red
//! letterhead, its number, the issuer over a seal placeholder, the imprint) in printable HTML
//! or .docx, and its list as CSV or a workbook.

use std::path::PathBuf;

use anyhow::{Result, bail};

use super::form::{DocForm, doc_form, list_bytes};
use super::notice::{Kind, document_number};
use super::proposal::{Item, Proposal, in_force};
use crate::commands::Ctx;
use crate::documents::{COMMITTEE, Official, date_zh, official_html};
use crate::i18n::tr;
use crate::messages::say;
use crate::output::{Cell, Listing, category_col, code_col, col, group_col, name_col, out, say, unit_col, write_file};
use crate::store::resolve_term;
use crate::values::Category;
use crate::wording::{Template, Vars, Wording};

/// The notice's parts, shared by every rendering.
struct Notice {
    title: String,
    body: Vec<String>,
    /// Per category: heading and its numbered lines.
    sections: Vec<(String, Vec<String>)>,
    closing: Vec<String>,
    date: String,
}

fn line(i: &Item) -> String {
    match i.category {
        Category::Window if !i.name.starts_with(&i.unit) => format!("{}{}", i.unit, i.name),
        Category::Window => i.name.clone(),
        Category::Individual => format!("{}（{}）", i.name, i.unit),
    }
}

fn notice(year: i32, p: &Proposal) -> Notice {
    let of = |c: Category| p.items.iter().filter(|i| i.category == c).collect::<Vec<_>>();
    let (windows, people) = (of(Category::Window), of(Category::Individual));
    let mut counts = Vec::new();
    if !windows.is_empty() {
        counts.push(format!("“文明和谐口岸示范窗口”{}个", windows.len()));
    }
    if !people.is_empty() {
        counts.push(format!("“文明和谐口岸服务标兵”{}名", people.len()));
    }
    let title = format!("关于{year}年度“文明和谐口岸示范窗口”“文明和谐口岸服务标兵”拟表彰名单的公示");
    let body = vec![
        format!(
            "根据《“文明和谐口岸示范窗口”、“文明和谐口岸服务标兵”评选办法》，经各共建片组推荐、市口岸打私办核对，\
             通过自评与联评、明查与暗访、服务对象满意度调查等方式考核评定，拟表彰{year}年度{}。现将拟表彰名单予以公示，接受监督。",
            counts.join("、")
        ),
        format!(
            "公示时间：{}至{}（{}个工作日）。",
            date_zh(p.starts_on),
            date_zh(p.ends_on),
            p.days
        ),
        format!(
            "公示期间，对公示对象有异议的，请以书面形式向{}反映。反映情况应实事求是，并署真实姓名、提供联系方式，以便调查核实；逾期反映的，一并登记核查。",
            p.contact
        ),
    ];
    let mut sections = Vec::new();
    for (n, (list, cat, measure)) in [
        (&windows, Category::Window, "个"),
        (&people, Category::Individual, "名"),
    ]
    .into_iter()
    .filter(|(l, _, _)| !l.is_empty())
    .enumerate()
    {
        let heading = format!("{}、{}（{}{measure}）", ["一", "二"][n], cat.title_zh(), list.len());
        let lines = list
            .iter()
            .enumerate()
            .map(|(k, i)| format!("{}. {}", k + 1, line(i)))
            .collect();
        sections.push((heading, lines));
    }
    Notice {
        title,
        body,
        sections,
        closing: vec![],
        date: date_zh(p.starts_on),
    }
}

const INDENT: &str = "\u{3000}\u{3000}";

fn text(n: &Notice) -> String {
    let mut s = format!("{}\n\n", n.title);
    for p in &n.body {
        s += &format!("{INDENT}{p}\n");
    }
    for (heading, lines) in &n.sections {
        s += &format!("\n{INDENT}{heading}\n");
        for l in lines {
            s += &format!("{INDENT}{INDENT}{l}\n");
        }
    }
    for p in &n.closing {
        s += &format!("{INDENT}{p}\n");
    }
    s += &format!("\n{COMMITTEE}\n{}\n", n.date);
    s
}

fn markdown(n: &Notice) -> String {
    let mut s = format!("# {}\n\n", n.title);
    for p in &n.body {
        s += &format!("{p}\n\n");
    }
    for (heading, lines) in &n.sections {
        s += &format!("## {heading}\n\n");
        for l in lines {
            s += &format!("- {l}\n");
        }
        s.push('\n');
    }
    s += &format!("{COMMITTEE}  \n{}\n", n.date);
    s
}

/// The wording the office's template gives a document of this proposal: the letterhead, the
/// number's form, the recipients, the issuer and the imprint (the 公示's own text is above).
fn wording(year: i32, p: &Proposal, template: &Template, serial: i64) -> Result<Wording> {
    let count = |c: Category| p.items.iter().filter(|i| i.category == c).count();
    let first = |c: Category| p.items.iter().find(|i| i.category == c).map(line).unwrap_or_default();
    let date = date_zh(p.starts_on);
    template.render(
        &Vars {
            year,
            windows: count(Category::Window),
            people: count(Category::Individual),
            first_window: &first(Category::Window),
            first_person: &first(Category::Individual),
            date: &date,
            serial,
        },
        "--template",
    )
}

/// The 公示 as an official document: its own title, body and list under the office's
/// letterhead, number, recipients and imprint; dated the first day of the period.
fn official(n: Notice, w: Wording, number: Option<String>, head: Option<String>) -> Official {
    Official {
        letterhead: w.letterhead,
        number,
        title: n.title,
        recipients: w.recipients,
        body: n.body,
        sections: n
            .sections
            .into_iter()
            .map(|(heading, lines)| (heading, vec![(None, lines)]))
            .collect(),
        closing: n.closing,
        issuer: w.issuer,
        date: n.date,
        cc: w.cc,
        printer: w.printer,
        head,
    }
}

pub struct Args {
    pub file: Option<PathBuf>,
    pub html: bool,
    pub number: Option<String>,
    pub template: Option<PathBuf>,
}

pub fn run(ctx: &Ctx, a: Args) -> Result<()> {
    let conn = ctx.read()?;
    let term = resolve_term(conn, ctx)?;
    let Some(p) = in_force(conn, term.year)? else {
        bail!(
            "{}",
            say!(
                en(
                    "the {} term has no proposal; record it with `pingxuan award propose`",
                    term.year
                ),
                zh("{} 届尚无公示名单；请先用 `pingxuan award propose` 提出", term.year)
            )
        );
    };
    let template = match &a.template {
        Some(t) => Template::read(t)?,
        None => Template::builtin(),
    };
    let file = a.file;
    let form = doc_form(file.as_deref(), a.html, ctx.format)?;
    let n = notice(term.year, &p);
    let doc = match form {
        DocForm::Docx | DocForm::Html => {
            // The official print: numbered at the first one, the same number on every reprint.
            let number = match a.number {
                Some(given) => given,
                None => document_number(ctx, conn, &term, Kind::Publicity, |serial| {
                    Ok(Some(wording(term.year, &p, &template, serial)?.number))
                })?,
            };
            let serial: i64 = ctx
                .read()?
                .query_row(
                    "SELECT serial FROM document_number WHERE term = ?1 AND kind = 'publicity'",
                    [term.year],
                    |r| r.get(0),
                )
                .unwrap_or(0);
            let w = wording(term.year, &p, &template, serial)?;
            let head = crate::chain::head(ctx.read()?)?.map(|(_, hash)| hash);
            let o = official(n, w, Some(number), head);
            if form == DocForm::Docx {
                crate::documents::docx::official_docx(&o)?
            } else {
                official_html(&o).into_bytes()
            }
        }
        DocForm::Text => text(&n).into_bytes(),
        DocForm::Md => markdown(&n).into_bytes(),
        // For scripts, the proposal whole: its period, contact and list.
        DocForm::Json => format!("{}\n", serde_json::to_string_pretty(&p)?).into_bytes(),
        DocForm::Csv | DocForm::Xlsx => {
            let title = say!(en("{} proposed list", term.year), zh("{}年度拟表彰名单", term.year));
            list_bytes(form, &items_listing(&p), file.is_some(), &title)?
        }
    };
    match file {
        Some(f) => {
            write_file(&f, &doc)?;
            say(&say!(
                en("wrote the 公示 notice to {}", f.display()),
                zh("已写出公示：{}", f.display())
            ));
            Ok(())
        }
        None => out(&String::from_utf8_lossy(&doc)),
    }
}

/// The proposed list: code, category, name, unit, group and rank.
fn items_listing(p: &Proposal) -> Listing {
    let mut l = Listing::new(vec![
        code_col(),
        category_col(),
        name_col(),
        unit_col(),
        group_col(),
        col("rank", tr("rank", "名次")),
    ]);
    for i in &p.items {
        l.push(vec![
            i.code.clone().into(),
            Cell::code(i.category.code(), i.category.label()),
            i.name.clone().into(),
            i.unit.clone().into(),
            i.group.clone().into(),
            i.rank.map_or(Cell::Null, Cell::Int),
        ]);
    }
    l
}
