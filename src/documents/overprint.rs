//! Certificates on pre-printed paper: only the variable text (who, the year, the title, the
//! date, the number), each placed in millimetres from the sheet's top-left corner, so that a
//! printer fills in the blanks of the office's printed certificates. A calibration page comes
//! first: printed on plain paper and laid over a printed certificate against the light, its
//! marks show how far each field lands from its blank; `--offset-x`/`--offset-y` move all of
//! them, and a layout file (`--layout`) moves each.

use std::path::Path;

use anyhow::{Context, Result, anyhow, bail};
use chrono::NaiveDate;
use serde::Deserialize;

use super::{Awardee, cn_date, escape};
use crate::messages::say;
use crate::values::Category;

/// Where a field goes: its left edge and baseline box top in mm, and its size in points.
#[derive(Deserialize, Debug, Clone, Copy, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Place {
    pub x: f64,
    pub y: f64,
    pub size: f64,
}

/// The fields of a certificate, on A4 landscape (297 mm × 210 mm) unless the layout says
/// another sheet.
#[derive(Deserialize, Debug, Clone, PartialEq)]
#[serde(deny_unknown_fields, default)]
pub struct Layout {
    pub width: f64,
    pub height: f64,
    pub recipient: Place,
    pub year: Place,
    pub award: Place,
    pub date: Place,
    pub number: Place,
}

impl Default for Layout {
    fn default() -> Layout {
        Layout {
            width: 297.0,
            height: 210.0,
            recipient: Place {
                x: 45.0,
                y: 66.0,
                size: 22.0,
            },
            year: Place {
                x: 92.0,
                y: 92.0,
                size: 20.0,
            },
            award: Place {
                x: 140.0,
                y: 92.0,
                size: 20.0,
            },
            date: Place {
                x: 196.0,
                y: 160.0,
                size: 18.0,
            },
            number: Place {
                x: 45.0,
                y: 182.0,
                size: 11.0,
            },
        }
    }
}

impl Layout {
    pub fn read(path: &Path) -> Result<Layout> {
        let text = std::fs::read_to_string(path)
            .with_context(|| say!(en("cannot read {}", path.display()), zh("无法读取 {}", path.display())))?;
        let layout: Layout = toml::from_str(&text).map_err(|e| {
            anyhow!(
                "{}",
                say!(
                    en("{}: not a valid certificate layout\n{e}", path.display()),
                    zh("{}：证书套打版式有误\n{e}", path.display())
                )
            )
        })?;
        for (name, p) in layout.fields() {
            if !(0.0..layout.width).contains(&p.x)
                || !(0.0..layout.height).contains(&p.y)
                || !(4.0..=72.0).contains(&p.size)
            {
                bail!(
                    "{}",
                    say!(
                        en(
                            "{}: {name} (x = {}, y = {}, size = {}): must lie on the sheet, with a size of 4 to 72 points",
                            path.display(),
                            p.x,
                            p.y,
                            p.size
                        ),
                        zh(
                            "{}：{name}（x = {}, y = {}, size = {}）：须在纸张范围内，字号 4 至 72 磅",
                            path.display(),
                            p.x,
                            p.y,
                            p.size
                        )
                    )
                );
            }
        }
        Ok(layout)
    }

    fn fields(&self) -> [(&'static str, Place); 5] {
        [
            ("recipient", self.recipient),
            ("year", self.year),
            ("award", self.award),
            ("date", self.date),
            ("number", self.number),
        ]
    }
}

fn field(p: Place, dx: f64, dy: f64, text: &str) -> String {
    format!(
        "<div class=\"f\" style=\"left: {:.1}mm; top: {:.1}mm; font-size: {}pt\">{}</div>\n",
        p.x + dx,
        p.y + dy,
        p.size,
        escape(text)
    )
}

/// The calibration page and one page of variable text per award.
pub fn text_only_html(year: i32, date: NaiveDate, list: &[Awardee], layout: &Layout, dx: f64, dy: f64) -> String {
    let css = format!(
        "@page {{ size: {w}mm {h}mm; margin: 0; }}\n\
         html, body {{ margin: 0; padding: 0; }}\n\
         body {{ font-family: \"SimSun\", \"宋体\", \"STSong\", \"Noto Serif CJK SC\", serif; color: #000; }}\n\
         section {{ position: relative; width: {w}mm; height: {h}mm; overflow: hidden; break-after: page; page-break-after: always; }}\n\
         section:last-of-type {{ break-after: auto; page-break-after: auto; }}\n\
         .f {{ position: absolute; white-space: nowrap; line-height: 1; }}\n\
         .mark {{ position: absolute; width: 10mm; height: 10mm; margin: -5mm 0 0 -5mm; }}\n\
         .mark::before {{ content: \"\"; position: absolute; left: 5mm; top: 0; height: 10mm; border-left: 0.2mm solid #000; }}\n\
         .mark::after {{ content: \"\"; position: absolute; top: 5mm; left: 0; width: 10mm; border-top: 0.2mm solid #000; }}\n\
         .label {{ position: absolute; font-size: 8pt; color: #444; white-space: nowrap; }}\n\
         .ruler {{ position: absolute; left: 0; top: 0; width: {w}mm; height: 4mm; background: repeating-linear-gradient(to right, #000 0, #000 0.2mm, transparent 0.2mm, transparent 10mm); }}\n\
         .ruler.v {{ width: 4mm; height: {h}mm; background: repeating-linear-gradient(to bottom, #000 0, #000 0.2mm, transparent 0.2mm, transparent 10mm); }}\n\
         .how {{ position: absolute; left: 20mm; top: 118mm; width: 250mm; font-size: 10pt; line-height: 1.6; color: #222; }}\n",
        w = layout.width,
        h = layout.height,
    );
    let mut body =
        String::from("<section class=\"calibration\">\n<div class=\"ruler\"></div>\n<div class=\"ruler v\"></div>\n");
    for (name, p) in layout.fields() {
        let (x, y) = (p.x + dx, p.y + dy);
        body += &format!(
            "<div class=\"mark\" style=\"left: {x:.1}mm; top: {y:.1}mm\"></div>\n<div class=\"label\" style=\"left: {:.1}mm; top: {:.1}mm\">{name} ({x:.1} mm, {y:.1} mm)</div>\n",
            x + 6.0,
            y - 4.0
        );
    }
    body += &format!(
        "<div class=\"how\">套打校准页：请以“实际大小”（100%，不缩放）打印在普通纸上，与一张预印证书对齐后对光查看。\
         十字线的交点是各项文字的左上角；刻度线间隔 10 毫米。若整体偏右或偏下，用 --offset-x / --offset-y（毫米，可为负数）调整后重新生成；\
         个别项目的位置可用 --layout 版式文件逐项设定。当前偏移：横向 {dx:+.1} 毫米，纵向 {dy:+.1} 毫米。<br>\
         Calibration page: print at actual size (100%) on plain paper and lay it over a pre-printed certificate against the light. \
         Each cross marks the top-left corner of a field; the ruler ticks are 10 mm apart. Shift everything with --offset-x / --offset-y (mm), \
         or each field with --layout FILE.</div>\n</section>\n"
    );
    for a in list {
        let recipient = match a.category {
            Category::Window => format!("{}：", a.full_name()),
            Category::Individual => format!("{} 同志（{}）：", a.name, a.unit),
        };
        body += &format!("<section class=\"sheet\" id=\"{}\">\n", escape(&a.certificate));
        body += &field(layout.recipient, dx, dy, &recipient);
        body += &field(layout.year, dx, dy, &year.to_string());
        body += &field(layout.award, dx, dy, &format!("“{}”", a.category.title_zh()));
        body += &field(layout.date, dx, dy, &cn_date(date));
        body += &field(layout.number, dx, dy, &a.certificate);
        body += "</section>\n";
    }
    format!(
        "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n<title>{year}年度荣誉证书套打</title>\n<style>\n{css}</style>\n</head>\n<body>\n{body}</body>\n</html>\n"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn awardee() -> Awardee {
        Awardee {
            category: Category::Individual,
            name: "王芳".into(),
            unit: "北仑海关".into(),
            group: "北仑单位共建片组".into(),
            certificate: "NBKA-2026-P-001".into(),
        }
    }

    #[test]
    fn only_the_variable_text_at_its_place_shifted_by_the_offsets() {
        let date = NaiveDate::from_ymd_opt(2026, 12, 20).unwrap();
        let html = text_only_html(2026, date, &[awardee()], &Layout::default(), 2.5, -1.0);
        assert_eq!(html.matches("<section").count(), 2);
        assert!(
            html.contains("left: 47.5mm; top: 65.0mm; font-size: 22pt\">王芳 同志（北仑海关）："),
            "{html}"
        );
        assert!(html.contains(">二〇二六年十二月二十日<"));
        assert!(html.contains(">NBKA-2026-P-001<"));
        assert!(html.contains("“文明和谐口岸服务标兵”"));
        // What the paper already carries is not printed again.
        assert!(!html.contains("荣誉证书</") && !html.contains("特发此证"));
        assert!(html.contains("size: 297mm 210mm"));
    }
}
