//! An official document (GB/T 9704, 党政机关公文格式) as a printable A4 page: the notice and
//! the 公示 share it.

use anyhow::Result;

use super::{FANGSONG, HEI, KAI, NoticeData, Official, SERIF, TITLE, escape, notice, page};

/// The script that stands the imprint at the foot of the last printed page (see the file).
const IMPRINT_AT_FOOT: &str = include_str!("imprint_at_foot.js");

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
