//! A small SVG writer for the report's charts: rectangles, lines, marks and text, in black,
//! greys and hatching so that a chart reads the same printed in black and white.
//!
//! Our own rather than plotters': plotters lays out text by measuring it with a font it loads
//! itself (font-kit or ttf-parser and a font file), which for Chinese labels means finding a
//! CJK font at run time and a much heavier build. Here text is left to the browser, which has
//! the system's fonts; widths are only estimated (unicode-width) to leave room for labels, and
//! a line that might not fit is fitted with `textLength`.

use std::fmt::Write;

use unicode_width::UnicodeWidthStr;

use crate::documents::escape;

/// How an area is filled.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Fill {
    Black,
    Dark,
    Light,
    /// Black diagonal lines on white.
    Hatch,
}

/// Where a text stands against its x.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Anchor {
    Start,
    Middle,
    End,
}

impl Anchor {
    fn attr(self) -> &'static str {
        match self {
            Anchor::Start => "start",
            Anchor::Middle => "middle",
            Anchor::End => "end",
        }
    }
}

/// The estimated width of a text at a font size: a CJK character is about one em wide, a
/// Latin one about half.
pub fn text_width(s: &str, size: f64) -> f64 {
    s.width() as f64 * size * 0.55
}

/// Round numbers for an axis from `lo` to `hi`: about `n` ticks at 1, 2 or 5 times a power of ten.
pub fn ticks(lo: f64, hi: f64, n: usize) -> Vec<f64> {
    if hi.partial_cmp(&lo) != Some(std::cmp::Ordering::Greater) || n == 0 {
        return vec![lo];
    }
    let raw = (hi - lo) / n as f64;
    let mag = 10f64.powf(raw.log10().floor());
    let step = [1.0, 2.0, 2.5, 5.0, 10.0]
        .iter()
        .map(|m| m * mag)
        .find(|s| *s >= raw)
        .unwrap_or(10.0 * mag);
    let mut t = (lo / step).ceil() * step;
    let mut out = Vec::new();
    while t <= hi + step * 1e-9 {
        out.push(if t.abs() < step * 1e-9 { 0.0 } else { t });
        t += step;
    }
    out
}

/// A number for an axis: no needless decimals.
pub fn num(v: f64) -> String {
    let r = (v * 100.0).round() / 100.0;
    if (r - r.round()).abs() < 1e-9 {
        format!("{}", r.round() as i64)
    } else {
        let s = format!("{r:.2}");
        s.trim_end_matches('0').to_string()
    }
}

pub struct Svg {
    id: String,
    pub w: f64,
    pub h: f64,
    body: String,
}

impl Svg {
    /// A drawing of `w` × `h` units; `id` keeps its patterns apart from other charts' on the page.
    pub fn new(id: &str, w: f64, h: f64) -> Svg {
        Svg {
            id: id.to_string(),
            w,
            h,
            body: String::new(),
        }
    }

    fn fill(&self, f: Fill) -> String {
        match f {
            Fill::Black => "#000".into(),
            Fill::Dark => "#555".into(),
            Fill::Light => "#c8c8c8".into(),
            Fill::Hatch => format!("url(#{}-hatch)", self.id),
        }
    }

    /// A filled rectangle with a thin black border.
    pub fn rect(&mut self, x: f64, y: f64, w: f64, h: f64, fill: Fill) {
        if w <= 0.0 || h <= 0.0 {
            return;
        }
        let f = self.fill(fill);
        let _ = writeln!(
            self.body,
            "<rect x=\"{x:.2}\" y=\"{y:.2}\" width=\"{w:.2}\" height=\"{h:.2}\" fill=\"{f}\" stroke=\"#000\" stroke-width=\"0.6\"/>"
        );
    }

    /// A rectangle with a heavier border, to mark it (a tie at the line, an outlier).
    pub fn outline(&mut self, x: f64, y: f64, w: f64, h: f64) {
        let _ = writeln!(
            self.body,
            "<rect x=\"{x:.2}\" y=\"{y:.2}\" width=\"{w:.2}\" height=\"{h:.2}\" fill=\"none\" stroke=\"#000\" stroke-width=\"2\"/>"
        );
    }

    /// A line; `dash` draws it dashed.
    pub fn line(&mut self, x1: f64, y1: f64, x2: f64, y2: f64, width: f64, dash: bool) {
        let d = if dash { " stroke-dasharray=\"5 3\"" } else { "" };
        let _ = writeln!(
            self.body,
            "<line x1=\"{x1:.2}\" y1=\"{y1:.2}\" x2=\"{x2:.2}\" y2=\"{y2:.2}\" stroke=\"#000\" stroke-width=\"{width}\"{d}/>"
        );
    }

    /// A light grid line.
    pub fn grid(&mut self, x1: f64, y1: f64, x2: f64, y2: f64) {
        let _ = writeln!(
            self.body,
            "<line x1=\"{x1:.2}\" y1=\"{y1:.2}\" x2=\"{x2:.2}\" y2=\"{y2:.2}\" stroke=\"#bbb\" stroke-width=\"0.5\"/>"
        );
    }

    /// A dot: filled black, or hollow.
    pub fn dot(&mut self, cx: f64, cy: f64, r: f64, filled: bool) {
        let f = if filled { "#000" } else { "#fff" };
        let _ = writeln!(
            self.body,
            "<circle cx=\"{cx:.2}\" cy=\"{cy:.2}\" r=\"{r}\" fill=\"{f}\" stroke=\"#000\" stroke-width=\"1\"/>"
        );
    }

    /// A diamond (a mean, say).
    pub fn diamond(&mut self, cx: f64, cy: f64, r: f64) {
        let _ = writeln!(
            self.body,
            "<path d=\"M{:.2} {cy:.2} L{cx:.2} {:.2} L{:.2} {cy:.2} L{cx:.2} {:.2} Z\" fill=\"#fff\" stroke=\"#000\" stroke-width=\"1\"/>",
            cx - r,
            cy - r,
            cx + r,
            cy + r
        );
    }

    /// A text; `bold` for emphasis. A text that would run past `fit` units is squeezed to fit.
    pub fn text(&mut self, x: f64, y: f64, s: &str, size: f64, anchor: Anchor, bold: bool) {
        self.text_fit(x, y, s, size, anchor, bold, None);
    }

    #[allow(clippy::too_many_arguments)]
    pub fn text_fit(&mut self, x: f64, y: f64, s: &str, size: f64, anchor: Anchor, bold: bool, fit: Option<f64>) {
        let weight = if bold { " font-weight=\"bold\"" } else { "" };
        let squeeze = match fit {
            Some(room) if text_width(s, size) > room => {
                format!(" textLength=\"{room:.1}\" lengthAdjust=\"spacingAndGlyphs\"")
            }
            _ => String::new(),
        };
        let _ = writeln!(
            self.body,
            "<text x=\"{x:.2}\" y=\"{y:.2}\" font-size=\"{size}\" text-anchor=\"{}\"{weight}{squeeze}>{}</text>",
            anchor.attr(),
            escape(s)
        );
    }

    /// A text turned a quarter left (a vertical axis label), centred on (x, y), squeezed to
    /// `room` units when it would run longer.
    pub fn vtext(&mut self, x: f64, y: f64, s: &str, size: f64, room: f64) {
        let squeeze = if text_width(s, size) > room {
            format!(" textLength=\"{room:.1}\" lengthAdjust=\"spacingAndGlyphs\"")
        } else {
            String::new()
        };
        let _ = writeln!(
            self.body,
            "<text x=\"{x:.2}\" y=\"{y:.2}\" font-size=\"{size}\" text-anchor=\"middle\" transform=\"rotate(-90 {x:.2} {y:.2})\"{squeeze}>{}</text>",
            escape(s)
        );
    }

    /// The chart's title at the top and its one-line reading at the bottom, across the width.
    pub fn frame(&mut self, title: &str, reading: &str) {
        let room = self.w - 8.0;
        self.text_fit(4.0, 16.0, title, 13.0, Anchor::Start, true, Some(room));
        let y = self.h - 6.0;
        self.text_fit(4.0, y, reading, 11.0, Anchor::Start, false, Some(room));
    }

    /// A legend swatch with its label; returns the x after it.
    pub fn swatch(&mut self, x: f64, y: f64, fill: Fill, label: &str) -> f64 {
        self.rect(x, y - 9.0, 12.0, 10.0, fill);
        self.text(x + 16.0, y, label, 10.0, Anchor::Start, false);
        x + 16.0 + text_width(label, 10.0) + 14.0
    }

    /// The finished `<svg>` element, scaling to the width of its box.
    pub fn finish(self, label: &str) -> String {
        format!(
            "<svg class=\"chart\" id=\"{id}\" viewBox=\"0 0 {w} {h}\" width=\"{w}\" height=\"{h}\" role=\"img\" aria-label=\"{label}\" xmlns=\"http://www.w3.org/2000/svg\">\n\
             <defs><pattern id=\"{id}-hatch\" width=\"5\" height=\"5\" patternUnits=\"userSpaceOnUse\" patternTransform=\"rotate(45)\">\
             <rect width=\"5\" height=\"5\" fill=\"#fff\"/><line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"5\" stroke=\"#000\" stroke-width=\"1.4\"/></pattern></defs>\n\
             <rect width=\"{w}\" height=\"{h}\" fill=\"#fff\"/>\n{body}</svg>\n",
            id = escape(&self.id),
            w = self.w,
            h = self.h,
            label = escape(label),
            body = self.body
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ticks_are_round() {
        assert_eq!(ticks(0.0, 100.0, 5), vec![0.0, 20.0, 40.0, 60.0, 80.0, 100.0]);
        assert_eq!(ticks(90.0, 100.0, 5), vec![90.0, 92.0, 94.0, 96.0, 98.0, 100.0]);
        assert_eq!(ticks(-2.0, 1.0, 6), vec![-2.0, -1.5, -1.0, -0.5, 0.0, 0.5, 1.0]);
        assert_eq!(ticks(5.0, 5.0, 4), vec![5.0]);
    }

    #[test]
    fn numbers_and_text_escape() {
        assert_eq!(num(92.0), "92");
        assert_eq!(num(1.5), "1.5");
        assert_eq!(num(-0.25), "-0.25");
        let mut s = Svg::new("c", 100.0, 50.0);
        s.text(0.0, 0.0, "<A&B>", 10.0, Anchor::Start, false);
        let out = s.finish("t");
        assert!(out.contains("&lt;A&amp;B&gt;"));
        assert!(text_width("评选", 10.0) > text_width("ab", 10.0));
    }
}
