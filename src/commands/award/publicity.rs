//! `award publicity`: the 公示 notice of the proposed list, with its period and where to send
//! objections, as plain text, Markdown, JSON or a printable A4 page.

use std::path::PathBuf;

use anyhow::{Result, bail};

use super::proposal::{Item, Proposal, in_force};
use crate::commands::Ctx;
use crate::documents::{COMMITTEE, FANGSONG, HEI, TITLE, date_zh, escape, page};
use crate::messages::say;
use crate::output::{Format, out, say, write_file};
use crate::store::resolve_term;
use crate::values::Category;

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

fn html(n: &Notice) -> String {
    let css = format!(
        "@page {{ size: A4 portrait; margin: 37mm 26mm 35mm 28mm; }}\n\
         html, body {{ margin: 0; padding: 0; }}\n\
         body {{ font-family: {FANGSONG}; font-size: 16pt; line-height: 1.75; color: #000; background: #eee; }}\n\
         main {{ box-sizing: border-box; width: 210mm; min-height: 297mm; margin: 10mm auto; padding: 37mm 26mm 35mm 28mm; background: #fff; }}\n\
         h1 {{ font-family: {TITLE}; font-size: 22pt; font-weight: normal; text-align: center; line-height: 1.5; margin: 0 0 1em; }}\n\
         h2 {{ font-family: {HEI}; font-size: 16pt; font-weight: normal; margin: 0.5em 0 0; text-indent: 2em; page-break-after: avoid; break-after: avoid; }}\n\
         p {{ margin: 0; text-indent: 2em; text-align: justify; }}\n\
         ol {{ margin: 0; padding: 0 0 0 4em; list-style: none; }}\n\
         .sign {{ margin-top: 3em; text-align: right; padding-right: 2em; }}\n\
         .sign p {{ text-indent: 0; text-align: right; }}\n\
         @media print {{ body {{ background: none; }} main {{ width: auto; min-height: 0; margin: 0; padding: 0; }} }}\n"
    );
    let mut b = format!("<main>\n<h1>{}</h1>\n", escape(&n.title));
    for p in &n.body {
        b += &format!("<p>{}</p>\n", escape(p));
    }
    for (heading, lines) in &n.sections {
        b += &format!("<h2>{}</h2>\n<ol>\n", escape(heading));
        for l in lines {
            b += &format!("<li>{}</li>\n", escape(l));
        }
        b += "</ol>\n";
    }
    b += &format!(
        "<div class=\"sign\">\n<p>{COMMITTEE}</p>\n<p>{}</p>\n</div>\n</main>\n",
        escape(&n.date)
    );
    page(&n.title, &css, &b)
}

pub fn run(ctx: &Ctx, file: Option<PathBuf>, as_html: bool) -> Result<()> {
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
    let ending = file
        .as_ref()
        .and_then(|f| f.extension())
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    let as_html = as_html || matches!(ending.as_deref(), Some("html" | "htm"));
    let format = match (ctx.format, ending.as_deref()) {
        (Format::Table, Some("md" | "markdown")) => Format::Md,
        (Format::Table, Some("json")) => Format::Json,
        (f, _) => f,
    };
    let n = notice(term.year, &p);
    let doc = if as_html {
        html(&n)
    } else {
        match format {
            Format::Md => markdown(&n),
            Format::Json | Format::Csv => format!("{}\n", serde_json::to_string_pretty(&p)?),
            Format::Table => text(&n),
        }
    };
    match file {
        Some(f) => {
            write_file(&f, doc.as_bytes())?;
            say(&say!(
                en("wrote the 公示 notice to {}", f.display()),
                zh("已写出公示： {}", f.display())
            ));
            Ok(())
        }
        None => out(&doc),
    }
}
