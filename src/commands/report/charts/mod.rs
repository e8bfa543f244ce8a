//! The report's charts as SVG, each with its title, axis labels and a one-line reading, drawn
//! in black, greys and hatching for black-and-white print.

mod funnel;
mod inspection;
mod line;
mod panel;

pub use funnel::funnel;
pub use inspection::{deductions, satisfaction};
pub use line::line;
pub use panel::{panel_box, panel_leniency};

use super::svg::{Anchor, Svg, num, ticks};
use crate::values::fmt_exact;

/// The width of every chart, in CSS pixels: the printable width of A4 at the page's margins.
pub const W: f64 = 680.0;

pub(super) fn pts(p: &crate::core::report::Points) -> String {
    fmt_exact(&p.0)
}

pub(super) fn pct(p: &crate::core::report::Percent) -> String {
    // A percent is a ratio of points × 100 already; fmt_exact reads hundredths.
    format!("{}%", fmt_exact(&(p.0 * 100)))
}

/// A horizontal axis along `y` from `x0` to `x1` for values `lo`..`hi`, with ticks, a grid up
/// to `top`, and its label centred below.
#[allow(clippy::too_many_arguments)]
pub(super) fn x_axis(s: &mut Svg, x0: f64, x1: f64, y: f64, top: f64, lo: f64, hi: f64, n: usize, label: &str) {
    let at = |v: f64| x0 + (v - lo) / (hi - lo) * (x1 - x0);
    for t in ticks(lo, hi, n) {
        let x = at(t);
        s.grid(x, top, x, y);
        s.line(x, y, x, y + 4.0, 0.8, false);
        s.text(x, y + 15.0, &num(t), 9.0, Anchor::Middle, false);
    }
    s.line(x0, y, x1, y, 1.0, false);
    s.text((x0 + x1) / 2.0, y + 29.0, label, 10.0, Anchor::Middle, false);
}

/// The plotting area of a chart: from `x0` to `x1` across, from `top` down to `bottom`.
pub(super) struct Plot {
    pub x0: f64,
    pub x1: f64,
    pub top: f64,
    pub bottom: f64,
}

/// A vertical value axis at the plot's left with a grid line and a label at each tick
/// (`(y, label)`), the two axis lines, the value's name up the side and the name of what runs
/// across centred below.
pub(super) fn value_axes(s: &mut Svg, p: &Plot, ticks: &[(f64, String)], value: &str, across: &str) {
    for (y, label) in ticks {
        s.grid(p.x0, *y, p.x1, *y);
        s.text(p.x0 - 6.0, y + 3.0, label, 9.0, Anchor::End, false);
    }
    s.line(p.x0, p.top, p.x0, p.bottom, 1.0, false);
    s.line(p.x0, p.bottom, p.x1, p.bottom, 1.0, false);
    s.vtext(14.0, (p.top + p.bottom) / 2.0, value, 10.0, p.bottom - p.top);
    s.text(
        (p.x0 + p.x1) / 2.0,
        p.bottom + 29.0,
        across,
        10.0,
        Anchor::Middle,
        false,
    );
}
