//! The commendation notice and the 公示 as Word documents (.docx) for Word and WPS, laid out as
//! GB/T 9704 asks, like the HTML page: A4, the 156 mm × 225 mm type area, 3号仿宋 on 22 lines,
//! the red letterhead over a red rule, the document number, the title, the recipients, the
//! body, the signature over a seal placeholder, the imprint block between rules at the foot of
//! the last page, page numbers "— 1 —" at the outer edge (right on odd pages, left on even
//! ones), and the head hash of the audit record in small print. docx-rs writes the package;
//! `crate::ooxml` puts its parts in the schema's order, so that they pass the Open XML SDK's
//! validator (a test runs it where it is installed).

use anyhow::{Context, Result};
use docx_rs::{
    AlignmentType, BorderType, Docx, Footer, LineSpacing, LineSpacingType, PageMargin, PageNum, Paragraph,
    ParagraphBorder, ParagraphBorderPosition, ParagraphBorders, Run, RunFonts, Shading, SpecialIndentType, Tab,
    TabValueType,
};

use super::{NoticeData, Official, notice};

/// Millimetres in twentieths of a point.
fn mm(v: f64) -> i32 {
    (v * 1440.0 / 25.4).round() as i32
}

const FANGSONG: &str = "仿宋_GB2312";
const TITLE: &str = "方正小标宋简体";
const HEI: &str = "黑体";
const KAI: &str = "楷体_GB2312";
const SONG: &str = "宋体";
/// 三号 (16 pt) and the other sizes, in half-points.
const SIZE_3: usize = 32;
const SIZE_2: usize = 44;
const SIZE_4: usize = 28;
/// 22 lines in the 225 mm type area: 28.95 pt a line, in twentieths of a point.
const LINE: i32 = 579;
const RED: &str = "E00000";

fn run(text: &str, font: &str, size: usize) -> Run {
    Run::new()
        .add_text(text)
        .size(size)
        .fonts(RunFonts::new().east_asia(font).ascii(font).hi_ansi(font))
}

fn exact(p: Paragraph) -> Paragraph {
    p.line_spacing(LineSpacing::new().line_rule(LineSpacingType::Exact).line(LINE))
}

/// A body paragraph: indented two characters.
fn body(text: &str) -> Paragraph {
    exact(
        Paragraph::new()
            .add_run(run(text, FANGSONG, SIZE_3))
            .align(AlignmentType::Both)
            .indent(None, Some(SpecialIndentType::FirstLine(640)), None, None),
    )
}

fn blank() -> Paragraph {
    exact(Paragraph::new().add_run(run("", FANGSONG, SIZE_3)))
}

fn rule(position: ParagraphBorderPosition, eighths: usize, color: &str) -> ParagraphBorder {
    ParagraphBorder::new(position)
        .val(BorderType::Single)
        .size(eighths)
        .space(1)
        .color(color)
}

/// The page number, a full-width space in from the outer edge: right on odd pages.
fn page_number(odd: bool) -> Footer {
    let dash = |t: &str| run(t, SONG, SIZE_4);
    let p = Paragraph::new()
        .align(if odd { AlignmentType::Right } else { AlignmentType::Left })
        .add_run(dash(if odd { "— " } else { "\u{3000}— " }))
        .add_page_num(PageNum::new())
        .add_run(dash(if odd { " —\u{3000}" } else { " —" }));
    Footer::new().add_paragraph(p)
}

/// The notice as the bytes of a .docx file.
pub fn notice_docx(d: &NoticeData) -> Result<Vec<u8>> {
    official_docx(&notice(d)?.official())
}

/// An official document (the notice, the 公示) as the bytes of a .docx file.
pub fn official_docx(w: &Official) -> Result<Vec<u8>> {
    let mut doc = Docx::new()
        .page_size(mm(210.0) as u32, mm(297.0) as u32)
        .page_margin(
            PageMargin::new()
                .top(mm(37.0))
                .bottom(mm(35.0))
                .left(mm(28.0))
                .right(mm(26.0))
                .footer(mm(28.0))
                .header(mm(15.0)),
        )
        .default_fonts(RunFonts::new().east_asia(FANGSONG))
        .footer(page_number(true))
        .even_footer(page_number(false));
    // The letterhead in red, the number, and the red rule under it.
    doc = doc.add_paragraph(
        Paragraph::new()
            .align(AlignmentType::Center)
            .add_run(run(&w.letterhead, TITLE, 68).color(RED)),
    );
    doc = doc.add_paragraph(blank()).add_paragraph(blank());
    doc = doc.add_paragraph(
        exact(Paragraph::new().align(AlignmentType::Center).add_run(run(
            w.number.as_deref().unwrap_or(""),
            FANGSONG,
            SIZE_3,
        )))
        .set_borders(ParagraphBorders::with_empty().set(rule(ParagraphBorderPosition::Bottom, 18, RED))),
    );
    doc = doc.add_paragraph(blank()).add_paragraph(blank());
    doc = doc.add_paragraph(
        Paragraph::new()
            .align(AlignmentType::Center)
            .line_spacing(LineSpacing::new().line_rule(LineSpacingType::AtLeast).line(LINE))
            .add_run(run(&w.title, TITLE, SIZE_2)),
    );
    doc = doc.add_paragraph(blank());
    doc = doc.add_paragraph(exact(Paragraph::new().add_run(run(&w.recipients, FANGSONG, SIZE_3))));
    // The body, the lists and the closing; its last paragraph goes with the signature.
    let mut text: Vec<Paragraph> = w.body.iter().map(|p| body(p)).collect();
    for (heading, groups) in &w.sections {
        text.push(exact(
            Paragraph::new()
                .keep_next(true)
                .indent(None, Some(SpecialIndentType::FirstLine(640)), None, None)
                .add_run(run(heading, HEI, SIZE_3)),
        ));
        for (group, lines) in groups {
            if let Some(group) = group {
                text.push(exact(
                    Paragraph::new()
                        .keep_next(true)
                        .indent(None, Some(SpecialIndentType::FirstLine(640)), None, None)
                        .add_run(run(group, KAI, SIZE_3)),
                ));
            }
            for l in lines {
                text.push(exact(
                    Paragraph::new()
                        .indent(Some(1280), None, None, None)
                        .add_run(run(l, FANGSONG, SIZE_3)),
                ));
            }
        }
    }
    text.extend(w.closing.iter().map(|p| body(p)));
    // The signature never stands on a page without the body (GB/T 9704 §7.3.5): the body's
    // last lines go with it, as the blank lines between do.
    if let Some(last) = text.pop() {
        text.push(last.keep_next(true));
    }
    for p in text {
        doc = doc.add_paragraph(p);
    }
    // The signature, four characters from the right edge, with the seal's place marked.
    doc = doc
        .add_paragraph(blank().keep_next(true))
        .add_paragraph(blank().keep_next(true));
    let sign = |t: &str| {
        exact(
            Paragraph::new()
                .align(AlignmentType::Right)
                .keep_next(true)
                .indent(None, None, Some(1280), None)
                .add_run(run(t, FANGSONG, SIZE_3)),
        )
    };
    doc = doc.add_paragraph(sign(&w.issuer).add_run(run("", FANGSONG, SIZE_3)));
    doc = doc.add_paragraph(sign(&w.date));
    doc = doc.add_paragraph(exact(
        Paragraph::new()
            .align(AlignmentType::Right)
            .keep_next(w.head.is_some())
            .indent(None, None, Some(1920), None)
            .add_run(run("（印章）", FANGSONG, 21).color(RED)),
    ));
    // The record's check in small print under the signature, and on its page.
    if let Some(head) = &w.head {
        doc = doc.add_paragraph(
            Paragraph::new().add_run(run(&format!("记录校验：审计记录链头 {head}"), SONG, 14).color("555555")),
        );
    }
    doc = doc.add_paragraph(blank()).add_paragraph(blank());
    // The imprint (版记) at the foot of the last page, as GB/T 9704 §7.4 places it: its
    // paragraphs share one frame, the width of the type area, aligned to the bottom of the type
    // area of the page where they fall, the body flowing above. 抄送 stands between a thick and a
    // thin rule, 印发机关 and 印发日期 over a thick one. The rules are paragraphs of their own,
    // shaded black and a rule's thickness high: a frame whose paragraphs had borders is not
    // kept as a frame by LibreOffice.
    let foot = |p: Paragraph| {
        p.wrap("around")
            .h_anchor("margin")
            .v_anchor("margin")
            .x_align("center")
            .y_align("bottom")
            .frame_width(mm(156.0) as u32)
    };
    let rule_of = |twips: i32| {
        let mut p = foot(
            Paragraph::new()
                .line_spacing(LineSpacing::new().line_rule(LineSpacingType::Exact).line(twips))
                .size(2),
        );
        p.property = p.property.shading(Shading::new().fill("000000"));
        p
    };
    let imprint = |p: Paragraph| {
        foot(p)
            .indent(Some(320), None, Some(320), None)
            .line_spacing(LineSpacing::new().line_rule(LineSpacingType::Exact).line(560))
    };
    // 0.35 mm for the first and last rules, 0.25 mm between, in twentieths of a point.
    let (thick, thin) = (20, 14);
    doc = doc.add_paragraph(rule_of(thick));
    if !w.cc.is_empty() {
        doc = doc.add_paragraph(imprint(Paragraph::new().add_run(run(
            &format!("抄送：{}。", w.cc.trim_end_matches('。')),
            FANGSONG,
            SIZE_4,
        ))));
        doc = doc.add_paragraph(rule_of(thin));
    }
    // 印发机关 on the left, 印发日期 on the right at a tab stop a character from the edge.
    let right_edge = (mm(156.0) - 320 - 280) as usize;
    doc = doc.add_paragraph(imprint(
        Paragraph::new()
            .add_tab(Tab::new().val(TabValueType::Right).pos(right_edge))
            .add_run(run(&w.printer, FANGSONG, SIZE_4))
            .add_run(run("", FANGSONG, SIZE_4).add_tab())
            .add_run(run(&format!("{}印发", w.date), FANGSONG, SIZE_4)),
    ));
    doc = doc.add_paragraph(rule_of(thick));
    let mut xml = doc.build();
    // In the schema's order, as Word requires (docx-rs writes some properties in its own).
    for part in [
        &mut xml.document,
        &mut xml.settings,
        &mut xml.styles,
        &mut xml.numberings,
        &mut xml.comments,
        &mut xml.footnotes,
    ]
    .into_iter()
    .chain(xml.footers.iter_mut())
    .chain(xml.headers.iter_mut())
    {
        *part = crate::ooxml::in_schema_order(part).context("ordering the .docx parts")?;
    }
    let mut buf = std::io::Cursor::new(Vec::new());
    xml.pack(&mut buf).context("writing the .docx package")?;
    Ok(buf.into_inner())
}

#[cfg(test)]
mod tests {
    use std::io::Read;

    use super::*;
    use crate::wording::Template;

    /// Every XML part of the package, by name.
    fn parts(docx: &[u8]) -> Vec<(String, Vec<u8>)> {
        let mut zip = zip::ZipArchive::new(std::io::Cursor::new(docx)).unwrap();
        (0..zip.len())
            .map(|i| {
                let mut f = zip.by_index(i).unwrap();
                let mut bytes = Vec::new();
                f.read_to_end(&mut bytes).unwrap();
                (f.name().to_string(), bytes)
            })
            .filter(|(name, _)| name.ends_with(".xml"))
            .collect()
    }

    #[test]
    fn every_part_is_in_the_schemas_order() {
        let data = NoticeData {
            year: 2026,
            date: chrono::NaiveDate::from_ymd_opt(2026, 12, 20).unwrap(),
            number: None,
            awards: crate::documents::tests::awards(),
            template: Template::builtin(),
            head: Some("ab".repeat(32)),
            serial: 1,
        };
        let docx = notice_docx(&data).unwrap();
        let parts = parts(&docx);
        assert!(parts.iter().any(|(n, _)| n == "word/document.xml"));
        for (name, xml) in &parts {
            let wrong = crate::ooxml::out_of_order(xml).unwrap();
            assert!(wrong.is_empty(), "{name}: {wrong:?}");
        }
        let doc = &parts.iter().find(|(n, _)| n == "word/document.xml").unwrap().1;
        let doc = String::from_utf8_lossy(doc);
        assert!(
            doc.contains("<w:sectPr><w:footerReference"),
            "the footers first in the section"
        );
    }
}
