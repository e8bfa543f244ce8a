//! The documents of the award: the commendation notice (通报表彰) as text, Markdown or a
//! printable HTML page, and the certificates (荣誉证书) with the plaques' text (匾牌文字) as
//! standalone HTML pages. Pure functions: data in, String out. The documents are in Chinese
//! whatever the language of the screens, as the committee issues them.

use chrono::{Datelike, NaiveDate};

use anyhow::Result;

use crate::values::Category;
use crate::wording::{Template, Vars, Wording};

/// The awarding body.
pub const COMMITTEE: &str = "宁波市口岸协调委员会";

/// One active award as the documents show it.
#[derive(Clone, Debug)]
pub struct Awardee {
    pub category: Category,
    pub name: String,
    pub unit: String,
    pub group: String,
    pub certificate: String,
}

impl Awardee {
    /// A window's full name: the unit, then the window (unless the name already says the unit).
    pub fn full_name(&self) -> String {
        match self.category {
            Category::Window if !self.name.starts_with(&self.unit) => format!("{}{}", self.unit, self.name),
            _ => self.name.clone(),
        }
    }
}

/// What the notice says: the term, its date, an optional document number (else the
/// template's), the awards in the order they are listed (by group, then unit), the template
/// it is worded by, and the audit record's head hash printed small under the signature.
#[derive(Clone, Debug)]
pub struct NoticeData {
    pub year: i32,
    pub date: NaiveDate,
    pub number: Option<String>,
    pub awards: Vec<Awardee>,
    pub template: Template,
    pub head: Option<String>,
    /// The serial of the notice in its term, for the template's number.
    pub serial: i64,
}

/// Escapes a value for HTML text and attributes.
pub fn escape(s: &str) -> String {
    let mut o = String::with_capacity(s.len());
    for ch in s.chars() {
        match ch {
            '&' => o.push_str("&amp;"),
            '<' => o.push_str("&lt;"),
            '>' => o.push_str("&gt;"),
            '"' => o.push_str("&quot;"),
            '\'' => o.push_str("&#39;"),
            c => o.push(c),
        }
    }
    o
}

/// 1 → 一, 12 → 十二, 20 → 二十, 31 → 三十一 (1..=99).
pub fn cn_number(n: u32) -> String {
    const D: [&str; 10] = ["〇", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    match n {
        0..=9 => D[n as usize].to_string(),
        10 => "十".to_string(),
        11..=19 => format!("十{}", D[(n % 10) as usize]),
        _ if n.is_multiple_of(10) => format!("{}十", D[(n / 10 % 10) as usize]),
        _ => format!("{}十{}", D[(n / 10 % 10) as usize], D[(n % 10) as usize]),
    }
}

/// The year digit by digit, as certificates write it: 2026 → 二〇二六.
pub fn cn_year(year: i32) -> String {
    const D: [char; 10] = ['〇', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
    year.to_string()
        .chars()
        .map(|c| c.to_digit(10).map(|d| D[d as usize]).unwrap_or(c))
        .collect()
}

/// 二〇二六年十二月二十日
pub fn cn_date(d: NaiveDate) -> String {
    format!(
        "{}年{}月{}日",
        cn_year(d.year()),
        cn_number(d.month()),
        cn_number(d.day())
    )
}

/// 2026年12月20日, as official documents date themselves.
pub fn date_zh(d: NaiveDate) -> String {
    format!("{}年{}月{}日", d.year(), d.month(), d.day())
}

/// A heading and its lines; or a group, its units and their names.
type Nested<T> = Vec<(String, Vec<T>)>;

/// The awards grouped by group, then by unit, keeping the order given.
fn grouped(list: &[&Awardee]) -> Nested<(String, Vec<String>)> {
    let mut groups: Nested<(String, Vec<String>)> = Vec::new();
    for a in list {
        let gi = match groups.iter().position(|g| g.0 == a.group) {
            Some(i) => i,
            None => {
                groups.push((a.group.clone(), Vec::new()));
                groups.len() - 1
            }
        };
        let units = &mut groups[gi].1;
        let ui = match units.iter().position(|u| u.0 == a.unit) {
            Some(i) => i,
            None => {
                units.push((a.unit.clone(), Vec::new()));
                units.len() - 1
            }
        };
        units[ui].1.push(a.name.clone());
    }
    groups
}

/// The notice's parts, shared by every rendering.
pub struct Notice {
    pub number: Option<String>,
    pub wording: Wording,
    /// Per category: heading and, per group, its lines.
    pub sections: Nested<(String, Vec<String>)>,
    pub date: String,
    pub head: Option<String>,
}

/// Lines of a list under a subheading, or under none.
pub type Lines = (Option<String>, Vec<String>);

/// An official document as GB/T 9704 lays it out, whatever its kind (the commendation
/// notice, the 公示): the parts that `official_html` and the .docx writer print.
pub struct Official {
    pub letterhead: String,
    pub number: Option<String>,
    pub title: String,
    pub recipients: String,
    pub body: Vec<String>,
    /// Headings, each with its groups (under a subheading, or none) and their lines.
    pub sections: Vec<(String, Vec<Lines>)>,
    pub closing: Vec<String>,
    pub issuer: String,
    pub date: String,
    /// 抄送 (empty: no such line) and 印发机关 of the imprint.
    pub cc: String,
    pub printer: String,
    /// The head hash of the audit record, printed small.
    pub head: Option<String>,
}

impl Notice {
    /// The notice as an official document.
    pub fn official(self) -> Official {
        let w = self.wording;
        Official {
            letterhead: w.letterhead,
            number: self.number,
            title: w.title,
            recipients: w.recipients,
            body: w.body,
            sections: self
                .sections
                .into_iter()
                .map(|(heading, groups)| (heading, groups.into_iter().map(|(g, l)| (Some(g), l)).collect()))
                .collect(),
            closing: w.closing,
            issuer: w.issuer,
            date: self.date,
            cc: w.cc,
            printer: w.printer,
            head: self.head,
        }
    }
}

/// The notice, worded by its template and with the list of awards laid out.
pub fn notice(d: &NoticeData) -> Result<Notice> {
    let of = |c: Category| d.awards.iter().filter(|a| a.category == c).collect::<Vec<_>>();
    let windows = of(Category::Window);
    let people = of(Category::Individual);
    let date = date_zh(d.date);
    let first_window = windows.first().map(|a| a.full_name()).unwrap_or_default();
    let wording = d.template.render(
        &Vars {
            year: d.year,
            windows: windows.len(),
            people: people.len(),
            first_window: &first_window,
            first_person: people.first().map_or("", |a| a.name.as_str()),
            date: &date,
            serial: d.serial,
        },
        "--template",
    )?;
    let mut sections = Vec::new();
    let ordinals = ["一", "二"];
    for (i, (list, cat, measure)) in [
        (&windows, Category::Window, "个"),
        (&people, Category::Individual, "名"),
    ]
    .into_iter()
    .filter(|(l, _, _)| !l.is_empty())
    .enumerate()
    {
        let heading = format!("{}、{}（{}{measure}）", ordinals[i], cat.title_zh(), list.len());
        let groups = grouped(list)
            .into_iter()
            .enumerate()
            .map(|(gi, (group, units))| {
                let lines = units
                    .into_iter()
                    .map(|(unit, names)| match cat {
                        Category::Window => names
                            .iter()
                            .map(|n| {
                                if n.starts_with(&unit) {
                                    n.clone()
                                } else {
                                    format!("{unit}{n}")
                                }
                            })
                            .collect::<Vec<_>>()
                            .join("、"),
                        Category::Individual => format!("{unit}：{}", names.join("、")),
                    })
                    .collect();
                (format!("（{}）{group}", cn_number(gi as u32 + 1)), lines)
            })
            .collect();
        sections.push((heading, groups));
    }
    let number = d
        .number
        .clone()
        .or_else(|| Some(wording.number.clone()))
        .filter(|n| !n.trim().is_empty());
    Ok(Notice {
        number,
        wording,
        sections,
        date,
        head: d.head.clone(),
    })
}

const INDENT: &str = "\u{3000}\u{3000}";

/// The script that stands the imprint at the foot of the last printed page (see the file).
const IMPRINT_AT_FOOT: &str = include_str!("imprint_at_foot.js");

/// The notice as plain text, ready to paste into a word processor.
pub fn notice_text(d: &NoticeData) -> Result<String> {
    let n = notice(d)?;
    let w = &n.wording;
    let mut s = String::new();
    // The plain forms keep what scripts read: the number only when --number gives it.
    if let Some(num) = d.number.as_ref().filter(|n| !n.trim().is_empty()) {
        s += &format!("{num}\n\n");
    }
    s += &format!("{}\n\n{}\n", w.title, w.recipients);
    for p in &w.body {
        s += &format!("{INDENT}{p}\n");
    }
    for (heading, groups) in &n.sections {
        s += &format!("\n{INDENT}{heading}\n");
        for (group, lines) in groups {
            s += &format!("{INDENT}{group}\n");
            for l in lines {
                s += &format!("{INDENT}{INDENT}{l}\n");
            }
        }
    }
    s.push('\n');
    for p in &w.closing {
        s += &format!("{INDENT}{p}\n");
    }
    let pad = |t: &str| " ".repeat(48usize.saturating_sub(unicode_width::UnicodeWidthStr::width(t)));
    s += &format!("\n\n{}{}\n{}{}\n", pad(&w.issuer), w.issuer, pad(&n.date), n.date);
    Ok(s)
}

/// The notice as Markdown.
pub fn notice_markdown(d: &NoticeData) -> Result<String> {
    let n = notice(d)?;
    let w = &n.wording;
    let mut s = String::new();
    if let Some(num) = d.number.as_ref().filter(|n| !n.trim().is_empty()) {
        s += &format!("<p align=\"center\">{}</p>\n\n", escape(num));
    }
    s += &format!("# {}\n\n{}\n\n", escape(&w.title), escape(&w.recipients));
    for p in &w.body {
        s += &format!("{INDENT}{}\n\n", escape(p));
    }
    for (heading, groups) in &n.sections {
        s += &format!("## {}\n\n", escape(heading));
        for (group, lines) in groups {
            s += &format!("### {}\n\n", escape(group));
            for l in lines {
                s += &format!("- {}\n", escape(l));
            }
            s.push('\n');
        }
    }
    for p in &w.closing {
        s += &format!("{INDENT}{}\n\n", escape(p));
    }
    s += &format!("<p align=\"right\">{}<br>{}</p>\n", escape(&w.issuer), escape(&n.date));
    Ok(s)
}

pub const SERIF: &str =
    "\"SimSun\", \"宋体\", \"STSong\", \"Songti SC\", \"Noto Serif CJK SC\", \"Source Han Serif SC\", serif";
pub const FANGSONG: &str = "\"FangSong_GB2312\", \"仿宋_GB2312\", \"FangSong\", \"仿宋\", \"STFangsong\", \"SimSun\", \"宋体\", \"STSong\", \"Songti SC\", \"Noto Serif CJK SC\", \"Source Han Serif SC\", serif";
pub const HEI: &str = "\"SimHei\", \"黑体\", \"Microsoft YaHei\", \"微软雅黑\", \"PingFang SC\", \"Heiti SC\", \"Noto Sans CJK SC\", \"Source Han Sans SC\", sans-serif";
const KAI: &str = "\"KaiTi_GB2312\", \"楷体_GB2312\", \"KaiTi\", \"楷体\", \"STKaiti\", \"AR PL UKai CN\", \"Noto Serif CJK SC\", serif";
pub const TITLE: &str = "\"FZXiaoBiaoSong-B05S\", \"方正小标宋简体\", \"SimHei\", \"黑体\", \"Microsoft YaHei\", \"微软雅黑\", \"PingFang SC\", \"Heiti SC\", \"Noto Sans CJK SC\", \"Source Han Sans SC\", sans-serif";

pub fn page(title: &str, css: &str, body: &str) -> String {
    format!(
        "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n<title>{}</title>\n<style>\n{css}</style>\n</head>\n<body>\n{body}</body>\n</html>\n",
        escape(title)
    )
}

/// The notice as a printable official document (GB/T 9704, 党政机关公文格式), A4 portrait:
/// the type area 156 mm × 225 mm (margins 37 mm top, 28 mm left), 3号仿宋 body on 22 lines of
/// 28 characters; the red letterhead and red rule, the document number, the title in 2号小标宋,
/// the main recipients, the body, the issuing body and date over a seal placeholder, the
/// imprint block (抄送, 印发机关, 印发日期) between rules at the foot of the last page, and
/// the page numbers "— 1 —" at the outer edge. The audit record's head hash is printed small
/// under the signature, so that a later copy of the database can be checked against the paper.
/// The seal's place is pressed onto the signature and date, its top within a line of the body;
/// the signature goes with the last line of the body, never onto a page of its own.
pub fn notice_html(d: &NoticeData) -> Result<String> {
    Ok(official_html(&notice(d)?.official()))
}

/// An official document as a printable A4 page, laid out as `notice_html` says.
pub fn official_html(w: &Official) -> String {
    let css = format!(
        "@page {{ size: A4 portrait; margin: 37mm 26mm 35mm 28mm; }}\n\
         @page :right {{ @bottom-right {{ content: \"— \" counter(page) \" —\"; font-family: {SERIF}; font-size: 14pt; vertical-align: top; padding-top: 7mm; margin-right: 1em; }} }}\n\
         @page :left {{ @bottom-left {{ content: \"— \" counter(page) \" —\"; font-family: {SERIF}; font-size: 14pt; vertical-align: top; padding-top: 7mm; margin-left: 1em; }} }}\n\
         html, body {{ margin: 0; padding: 0; }}\n\
         body {{ font-family: {FANGSONG}; font-size: 16pt; line-height: 28.9pt; color: #000; background: #eee; -webkit-print-color-adjust: exact; print-color-adjust: exact; }}\n\
         main {{ box-sizing: border-box; width: 210mm; min-height: 297mm; margin: 10mm auto; padding: 37mm 26mm 35mm 28mm; background: #fff; }}\n\
         .letterhead {{ font-family: {TITLE}; color: #e00; font-size: 34pt; line-height: 1.2; text-align: center; letter-spacing: 0.05em; margin: 0 0 1.8em; }}\n\
         .number {{ text-align: center; margin: 0; }}\n\
         .rule {{ border-top: 0.8mm solid #e00; margin: 4mm 0 0; }}\n\
         h1 {{ font-family: {TITLE}; font-size: 22pt; font-weight: normal; text-align: center; line-height: 1.5; margin: 57.8pt 0 28.9pt; }}\n\
         h2 {{ font-family: {HEI}; font-size: 16pt; font-weight: normal; margin: 0; text-indent: 2em; }}\n\
         h3 {{ font-family: {KAI}; font-size: 16pt; font-weight: normal; margin: 0; text-indent: 2em; }}\n\
         p {{ margin: 0; text-indent: 2em; text-align: justify; }}\n\
         p.to {{ text-indent: 0; }}\n\
         ul {{ list-style: none; margin: 0; padding: 0 0 0 4em; }}\n\
         .close {{ break-before: avoid; page-break-before: avoid; break-inside: avoid; page-break-inside: avoid; }}\n\
         .sign {{ position: relative; margin: 14.45pt 4em 0 auto; padding-top: 22mm; width: max-content; text-align: center; }}\n\
         .sign p {{ text-indent: 0; text-align: center; }}\n\
         .seal {{ position: absolute; left: 50%; top: 0; width: 42mm; height: 42mm; margin: 0 0 0 -21mm; border: 0.6mm dashed #e00; border-radius: 50%; color: #e00; font-size: 10.5pt; line-height: 16mm; text-align: center; opacity: 0.8; }}\n\
         .imprint {{ margin-top: 57.8pt; font-size: 14pt; line-height: 1.9; break-inside: avoid; page-break-inside: avoid; border-top: 0.35mm solid #000; border-bottom: 0.35mm solid #000; }}\n\
         .fill {{ height: 0; }}\n\
         .imprint p {{ text-indent: 0; padding: 0 1em; }}\n\
         .imprint .cc {{ border-bottom: 0.25mm solid #000; }}\n\
         .imprint .printed {{ display: flex; justify-content: space-between; }}\n\
         .check {{ font-family: {SERIF}; font-size: 7pt; line-height: 1.4; color: #555; text-indent: 0; margin-top: 4mm; word-break: break-all; }}\n\
         h2, h3 {{ page-break-after: avoid; break-after: avoid; }}\n\
         p, li {{ orphans: 1; widows: 1; }}\n\
         @media print {{ body {{ background: none; }} main {{ width: auto; min-height: 0; margin: 0; padding: 0; }}\n\
           html.paged .imprint {{ margin-top: 0; }} html.paged .fill {{ height: var(--fill, 0); }} html.paged .fill.page {{ break-before: page; }} }}\n"
    );
    let mut b = String::from("<main>\n<header>\n");
    b += &format!("<div class=\"letterhead\">{}</div>\n", escape(&w.letterhead));
    if let Some(num) = &w.number {
        b += &format!("<div class=\"number\">{}</div>\n", escape(num));
    }
    b += "<div class=\"rule\"></div>\n</header>\n";
    b += &format!(
        "<h1>{}</h1>\n<p class=\"to\">{}</p>\n",
        escape(&w.title),
        escape(&w.recipients)
    );
    for p in &w.body {
        b += &format!("<p>{}</p>\n", escape(p));
    }
    for (heading, groups) in &w.sections {
        b += &format!("<h2>{}</h2>\n", escape(heading));
        for (group, lines) in groups {
            if let Some(group) = group {
                b += &format!("<h3>{}</h3>\n", escape(group));
            }
            b += "<ul>\n";
            for l in lines {
                b += &format!("<li>{}</li>\n", escape(l));
            }
            b += "</ul>\n";
        }
    }
    for p in &w.closing {
        b += &format!("<p>{}</p>\n", escape(p));
    }
    // The signature and the record's check go together, with the last line of the body.
    b += &format!(
        "<div class=\"close\">\n<div class=\"sign\">\n<div class=\"seal\">（印章）</div>\n<p>{}</p>\n<p>{}</p>\n</div>\n",
        escape(&w.issuer),
        escape(&w.date)
    );
    if let Some(head) = &w.head {
        b += &format!("<p class=\"check\">记录校验：审计记录链头 {}</p>\n", escape(head));
    }
    b += "</div>\n<div class=\"fill\"></div>\n<footer class=\"imprint\">\n";
    if !w.cc.is_empty() {
        b += &format!("<p class=\"cc\">抄送：{}。</p>\n", escape(w.cc.trim_end_matches('。')));
    }
    b += &format!(
        "<p class=\"printed\"><span>{}</span><span>{}印发</span></p>\n</footer>\n",
        escape(&w.printer),
        escape(&w.date)
    );
    b += "</main>\n";
    b += &format!("<script>\n{IMPRINT_AT_FOOT}</script>\n");
    page(&w.title, &css, &b)
}

fn certificate_css() -> String {
    format!(
        "@page {{ size: A4 landscape; margin: 0; }}\n\
         html, body {{ margin: 0; padding: 0; }}\n\
         body {{ font-family: {SERIF}; color: #222; background: #ddd; -webkit-print-color-adjust: exact; print-color-adjust: exact; }}\n\
         section.page {{ box-sizing: border-box; width: 297mm; height: 210mm; margin: 10mm auto; padding: 12mm; background: #fffdf6; overflow: hidden; page-break-after: always; break-after: page; page-break-inside: avoid; break-inside: avoid; }}\n\
         section.page:last-of-type {{ page-break-after: auto; break-after: auto; }}\n\
         .frame {{ box-sizing: border-box; height: 100%; border: 2.5mm double #b8860b; padding: 16mm 30mm 12mm; position: relative; }}\n\
         h1 {{ font-family: {HEI}; font-size: 44pt; font-weight: bold; letter-spacing: 0.6em; text-indent: 0.6em; color: #b22222; text-align: center; margin: 0 0 12mm; }}\n\
         .to {{ font-size: 22pt; margin: 0 0 6mm; }}\n\
         .text {{ font-size: 20pt; line-height: 1.9; text-indent: 2em; margin: 0; }}\n\
         .award {{ font-family: {HEI}; color: #b22222; }}\n\
         .sign {{ position: absolute; right: 30mm; bottom: 24mm; text-align: center; font-size: 18pt; line-height: 1.8; }}\n\
         .number {{ position: absolute; left: 30mm; bottom: 14mm; font-size: 11pt; color: #555; }}\n\
         .plaque .frame {{ border-color: #8b0000; display: flex; flex-direction: column; justify-content: center; text-align: center; }}\n\
         .plaque .label {{ position: absolute; left: 10mm; top: 6mm; font-family: {HEI}; font-size: 11pt; color: #555; }}\n\
         .plaque .award {{ font-size: 46pt; letter-spacing: 0.15em; margin: 0 0 10mm; }}\n\
         .plaque .who {{ font-size: 26pt; margin: 0 0 16mm; }}\n\
         .plaque .by {{ font-size: 20pt; line-height: 1.8; }}\n\
         nav {{ width: 297mm; margin: 10mm auto 0; font-family: {HEI}; font-size: 11pt; }}\n\
         @media print {{ body {{ background: none; }} section.page {{ margin: 0; height: 209mm; }} nav, .noprint {{ display: none; }} }}\n"
    )
}

fn certificate_section(year: i32, date: NaiveDate, a: &Awardee) -> String {
    let to = match a.category {
        Category::Window => format!("{}：", escape(&a.full_name())),
        Category::Individual => format!("{} 同志（{}）：", escape(&a.name), escape(&a.unit)),
    };
    let text = format!(
        "被授予{year}年度<span class=\"award\">“{}”</span>称号。<br>特发此证，以资鼓励。",
        a.category.title_zh()
    );
    format!(
        "<section class=\"page certificate\" id=\"{id}\">\n<div class=\"frame\">\n<h1>荣誉证书</h1>\n\
         <p class=\"to\">{to}</p>\n<p class=\"text\">{text}</p>\n\
         <div class=\"sign\">{COMMITTEE}<br>{date}</div>\n\
         <div class=\"number\">证书编号：{id}</div>\n</div>\n</section>\n",
        id = escape(&a.certificate),
        date = cn_date(date),
    )
}

/// The plaque's text (匾牌文字) of a Model Window, line by line, as the sign-maker needs it:
/// the window, the term, the title, the awarding body and the month.
pub fn plaque_lines(year: i32, date: NaiveDate, a: &Awardee) -> [String; 5] {
    [
        a.full_name(),
        format!("{}年度", cn_year(year)),
        Category::Window.title_zh().to_string(),
        COMMITTEE.to_string(),
        format!("{}年{}月", cn_year(date.year()), cn_number(date.month())),
    ]
}

fn plaque_section(year: i32, date: NaiveDate, a: &Awardee) -> String {
    let [who, term, award, body, when] = plaque_lines(year, date, a).map(|l| escape(&l));
    format!(
        "<section class=\"page plaque\">\n<div class=\"frame\">\n<div class=\"label\">匾牌文字（{id}）</div>\n\
         <p class=\"who\">{who}</p>\n<p class=\"award\">{term}<br>{award}</p>\n\
         <p class=\"by\">{body}<br>{when}</p>\n</div>\n</section>\n",
        id = escape(&a.certificate),
    )
}

/// One award's certificate as a standalone page; a window's page adds its plaque's text on
/// a second sheet.
pub fn certificate_html(year: i32, date: NaiveDate, a: &Awardee) -> String {
    let mut body = certificate_section(year, date, a);
    if a.category == Category::Window {
        body += &plaque_section(year, date, a);
    }
    page(&format!("荣誉证书 {}", a.certificate), &certificate_css(), &body)
}

/// Every certificate in one page, one per printed sheet, with a list for the screen.
pub fn certificates_index_html(year: i32, date: NaiveDate, list: &[Awardee]) -> String {
    let mut body = format!(
        "<nav class=\"noprint\">\n<p>{year}年度荣誉证书，共 {} 份（打印本页即逐页打印全部证书；匾牌文字见 plaques.html）</p>\n<ol>\n",
        list.len()
    );
    for a in list {
        body += &format!(
            "<li><a href=\"{id}.html\">{id}</a> {who}</li>\n",
            id = escape(&a.certificate),
            who = escape(&match a.category {
                Category::Window => a.full_name(),
                Category::Individual => format!("{}（{}）", a.name, a.unit),
            })
        );
    }
    body += "</ol>\n</nav>\n";
    for a in list {
        body += &certificate_section(year, date, a);
    }
    page(&format!("{year}年度荣誉证书"), &certificate_css(), &body)
}

/// Every window's plaque text in one page, one per printed sheet.
pub fn plaques_html(year: i32, date: NaiveDate, list: &[Awardee]) -> String {
    let mut body = String::new();
    for a in list.iter().filter(|a| a.category == Category::Window) {
        body += &plaque_section(year, date, a);
    }
    page(&format!("{year}年度示范窗口匾牌文字"), &certificate_css(), &body)
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    fn date() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 12, 20).unwrap()
    }

    pub(crate) fn awards() -> Vec<Awardee> {
        vec![
            Awardee {
                category: Category::Window,
                name: "行政审批综合窗口".into(),
                unit: "北仑海关".into(),
                group: "北仑单位共建片组".into(),
                certificate: "NBKA-2026-W-001".into(),
            },
            Awardee {
                category: Category::Window,
                name: "<script>alert('x')</script> & \"窗口\"".into(),
                unit: "梅山海关".into(),
                group: "梅山港区共建片组".into(),
                certificate: "NBKA-2026-W-002".into(),
            },
            Awardee {
                category: Category::Individual,
                name: "王芳".into(),
                unit: "北仑海关".into(),
                group: "北仑单位共建片组".into(),
                certificate: "NBKA-2026-P-001".into(),
            },
            Awardee {
                category: Category::Individual,
                name: "李强".into(),
                unit: "北仑海关".into(),
                group: "北仑单位共建片组".into(),
                certificate: "NBKA-2026-P-002".into(),
            },
        ]
    }

    #[test]
    fn escapes_every_special_character() {
        assert_eq!(
            escape("<a href=\"x\">&'</a>"),
            "&lt;a href=&quot;x&quot;&gt;&amp;&#39;&lt;/a&gt;"
        );
        for html in [
            certificates_index_html(2026, date(), &awards()),
            certificate_html(2026, date(), &awards()[1]),
            plaques_html(2026, date(), &awards()),
            notice_html(&NoticeData {
                year: 2026,
                date: date(),
                number: Some("<b>甬口协〔2026〕5号</b>".into()),
                awards: awards(),
                template: Template::builtin(),
                head: Some("<i>abc</i>".into()),
                serial: 1,
            })
            .unwrap(),
        ] {
            // The notice's own script (the imprint's place) is the only one.
            assert!(!html.contains("<script>alert"), "{html}");
            assert!(html.matches("<script>").count() <= 1, "{html}");
            assert!(!html.contains("<b>"), "{html}");
            assert!(
                html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;窗口&quot;"),
                "{html}"
            );
        }
    }

    #[test]
    fn the_notice_in_markdown_shows_html_in_names_as_text() {
        let d = NoticeData {
            year: 2026,
            date: date(),
            number: None,
            awards: awards(),
            template: Template::builtin(),
            head: None,
            serial: 1,
        };
        let md = notice_markdown(&d).unwrap();
        assert!(md.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"), "{md}");
        assert!(!md.contains("<script"), "{md}");
    }

    #[test]
    fn one_page_per_award_and_a_plaque_for_windows() {
        let list = awards();
        let index = certificates_index_html(2026, date(), &list);
        assert_eq!(index.matches("<section class=\"page certificate\"").count(), list.len());
        assert!(index.contains("size: A4 landscape"));
        assert!(index.contains("break-after: page"));
        assert!(index.contains("\"SimSun\", \"宋体\", \"STSong\""));
        assert!(index.contains("\"SimHei\", \"黑体\", \"Microsoft YaHei\""));
        for a in &list {
            assert!(index.contains(&format!("id=\"{}\"", escape(&a.certificate))));
        }
        let w = certificate_html(2026, date(), &list[0]);
        assert_eq!(w.matches("<section class=\"page").count(), 2);
        assert!(w.contains("北仑海关行政审批综合窗口："));
        assert!(w.contains("匾牌文字"));
        assert!(w.contains("二〇二六年十二月二十日"));
        assert!(w.contains("证书编号：NBKA-2026-W-001"));
        assert!(w.contains(COMMITTEE));
        let p = certificate_html(2026, date(), &list[2]);
        assert_eq!(p.matches("<section class=\"page").count(), 1);
        assert!(p.contains("王芳 同志（北仑海关）："));
        assert!(p.contains("文明和谐口岸服务标兵"));
        assert!(!p.contains("匾牌"));
        let plaques = plaques_html(2026, date(), &list);
        assert_eq!(plaques.matches("<section class=\"page plaque\"").count(), 2);
    }

    #[test]
    fn chinese_numbers_and_dates() {
        assert_eq!(cn_number(1), "一");
        assert_eq!(cn_number(10), "十");
        assert_eq!(cn_number(12), "十二");
        assert_eq!(cn_number(20), "二十");
        assert_eq!(cn_number(31), "三十一");
        assert_eq!(cn_year(2026), "二〇二六");
        assert_eq!(
            cn_date(NaiveDate::from_ymd_opt(2026, 1, 5).unwrap()),
            "二〇二六年一月五日"
        );
        assert_eq!(date_zh(date()), "2026年12月20日");
    }

    #[test]
    fn the_notice_lists_by_group_and_unit() {
        let d = NoticeData {
            year: 2026,
            date: date(),
            number: None,
            awards: awards(),
            template: Template::builtin(),
            head: Some("0f".repeat(32)),
            serial: 1,
        };
        let t = notice_text(&d).unwrap();
        assert!(
            t.starts_with("关于表彰2026年度“文明和谐口岸示范窗口”和“文明和谐口岸服务标兵”的通报\n"),
            "{t}"
        );
        assert!(t.contains("各口岸单位、各共建片组："));
        assert!(t.contains("一、文明和谐口岸示范窗口（2个）"));
        assert!(t.contains("二、文明和谐口岸服务标兵（2名）"));
        assert!(t.contains("北仑海关：王芳、李强"));
        assert!(t.contains("希望受表彰的窗口和个人"));
        assert!(t.trim_end().ends_with("2026年12月20日"));
        // Only individuals: the title and the closing say so.
        let only = NoticeData {
            awards: awards()
                .into_iter()
                .filter(|a| a.category == Category::Individual)
                .collect(),
            ..d.clone()
        };
        let t = notice_text(&only).unwrap();
        assert!(t.starts_with("关于表彰2026年度“文明和谐口岸服务标兵”的通报\n"), "{t}");
        assert!(t.contains("一、文明和谐口岸服务标兵（2名）"));
        assert!(t.contains("希望受表彰的个人"));
        let md = notice_markdown(&d).unwrap();
        assert!(md.contains("# 关于表彰2026年度"));
        assert!(md.contains("### （一）北仑单位共建片组"));
        let html = notice_html(&d).unwrap();
        assert!(html.contains("size: A4 portrait"));
        assert!(html.contains("@media print"));
        // The parts of GB/T 9704: letterhead and rule, number, title, recipients, signature
        // over a seal, imprint with 抄送 and 印发, page numbers, and the record's head hash.
        assert!(html.contains("<div class=\"letterhead\">宁波市口岸协调委员会文件</div>"));
        assert!(html.contains("<div class=\"number\">甬口协〔2026〕1号</div>\n<div class=\"rule\">"));
        assert!(html.contains("<p class=\"to\">各口岸单位、各共建片组：</p>"));
        assert!(
            html.contains("<div class=\"seal\">（印章）</div>\n<p>宁波市口岸协调委员会</p>\n<p>2026年12月20日</p>")
        );
        assert!(html.contains("<p class=\"cc\">抄送：市委宣传部"));
        assert!(html.contains("<span>宁波市口岸协调委员会办公室</span><span>2026年12月20日印发</span>"));
        assert!(html.contains("counter(page)"));
        assert!(html.contains(&"0f".repeat(32)));
    }
}
