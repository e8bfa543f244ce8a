//! The certificates (荣誉证书), one A4 landscape sheet each, and the plaques' text (匾牌文字)
//! of the Model Windows.

use chrono::{Datelike, NaiveDate};

use super::{Awardee, COMMITTEE, HEI, SERIF, cn_date, cn_number, cn_year, escape, page};
use crate::values::Category;

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
