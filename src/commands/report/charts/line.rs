//! The quota line: the candidates near each category's cut as stacked weighted bars, with
//! the margin and any tie marked.

use super::{W, pts, x_axis};
use crate::commands::report::svg::{Anchor, Fill, Svg, text_width};
use crate::core::report::Line;
use crate::i18n::{Lang, lang, tr};

pub fn line(l: &Line, weights: [i64; 3], id: &str) -> String {
    let title = match lang() {
        Lang::En => format!(
            "Around the quota line — {} (quota {}, {} eligible)",
            l.category.title(),
            l.quota,
            l.eligible
        ),
        Lang::Zh => format!(
            "名额线附近 — {}（名额 {}，符合条件 {} 个）",
            l.category.title(),
            l.quota,
            l.eligible
        ),
    };
    let row_h = 17.0;
    let top = 50.0;
    let n = l.bars.len().max(3) as f64;
    let bottom = top + n * row_h;
    let h = bottom + 58.0;
    let mut s = Svg::new(id, W, h);
    // The legend, under the title.
    let mut x = 26.0;
    for (fill, en, zh, w) in [
        (Fill::Dark, "self", "自评", weights[0]),
        (Fill::Light, "joint", "联评", weights[1]),
        (Fill::Hatch, "inspection", "检查", weights[2]),
    ] {
        x = s.swatch(x, 34.0, fill, &format!("{} × {w}%", tr(en, zh)));
    }
    let dots = tr("total, zoomed: ● in, ○ out", "总分（放大）：● 入围 ○ 未入围");
    s.text(x, 34.0, dots, 10.0, Anchor::Start, false);
    x += text_width(dots, 10.0) + 14.0;
    s.text(
        x,
        34.0,
        tr("⚖ ◇ tie at the line", "⚖ ◇ 名额线并列"),
        10.0,
        Anchor::Start,
        false,
    );

    let label_w = 200.0;
    let a0 = 22.0 + label_w;
    let a1 = a0 + 200.0;
    let z0 = a1 + 30.0;
    let z1 = W - 64.0;
    let max_total = l.bars.iter().map(|b| b.total.f()).fold(0.0, f64::max);
    let a_hi = (max_total / 10.0).ceil().max(1.0) * 10.0;
    let (mut lo, mut hi) = l.bars.iter().fold((f64::MAX, f64::MIN), |(lo, hi), b| {
        (lo.min(b.total.f()), hi.max(b.total.f()))
    });
    if l.bars.is_empty() {
        (lo, hi) = (0.0, 100.0);
    }
    let pad = ((hi - lo) * 0.08).max(0.1);
    let (lo, hi) = (lo - pad, hi + pad);
    x_axis(
        &mut s,
        a0,
        a1,
        bottom,
        top,
        0.0,
        a_hi,
        5,
        tr("points: weighted parts", "分数：加权构成"),
    );
    x_axis(
        &mut s,
        z0,
        z1,
        bottom,
        top,
        lo,
        hi,
        4,
        tr("total, zoomed", "总分（放大）"),
    );
    s.vtext(
        10.0,
        (top + bottom) / 2.0,
        tr("rank, code, candidate", "名次、编号、候选对象"),
        10.0,
        bottom - top,
    );
    let ax = |v: f64| a0 + v / a_hi * (a1 - a0);
    // The quota line runs under place `quota`, through a tie that straddles it; the row above
    // it leaves room at its left for the line's label.
    let line_row = l
        .bars
        .iter()
        .position(|b| b.place == l.quota)
        .map(|i| i + 1)
        .filter(|&i| i < l.bars.len());
    let zx = |v: f64| z0 + (v - lo) / (hi - lo) * (z1 - z0);
    for (i, b) in l.bars.iter().enumerate() {
        let y = top + i as f64 * row_h;
        let mark = if b.tie_at_cutoff { "⚖ " } else { "" };
        let label = format!("{mark}{} {} {}", b.rank, b.code, b.name);
        let room = if line_row == Some(i + 1) {
            label_w - 74.0
        } else {
            label_w - 8.0
        };
        s.text_fit(
            a0 - 6.0,
            y + 12.5,
            &label,
            9.5,
            Anchor::End,
            b.tie_at_cutoff,
            Some(room),
        );
        let mut x = a0;
        for (p, fill) in [
            (&b.self_part, Fill::Dark),
            (&b.joint, Fill::Light),
            (&b.inspection, Fill::Hatch),
        ] {
            let w = ax(p.f()) - a0;
            s.rect(x, y + 3.0, w, row_h - 6.0, fill);
            x += w;
        }
        if b.tie_at_cutoff {
            s.outline(a0, y + 2.0, x - a0, row_h - 4.0);
        }
        s.grid(z0, y + row_h / 2.0, zx(b.total.f()), y + row_h / 2.0);
        if b.tie_at_cutoff {
            s.diamond(zx(b.total.f()), y + row_h / 2.0, 4.5);
        } else {
            s.dot(zx(b.total.f()), y + row_h / 2.0, 3.5, b.shortlisted);
        }
        s.text(W - 4.0, y + 12.5, &pts(&b.total), 9.5, Anchor::End, b.tie_at_cutoff);
    }
    // The quota line: under the last one within the quota (above the first tie member).
    if let Some(pos) = line_row {
        let y = top + pos as f64 * row_h;
        s.line(4.0, y, W - 4.0, y, 1.6, true);
        let label = match lang() {
            Lang::En => format!("quota line: {}", l.quota),
            Lang::Zh => format!("名额线：{}", l.quota),
        };
        s.text(24.0, y - 2.5, &label, 8.5, Anchor::Start, true);
    }
    s.frame(&title, &line_reading(l));
    s.finish(&title)
}

/// The one-line reading of the quota line.
pub fn line_reading(l: &Line) -> String {
    if !l.tie.is_empty() {
        let left = l.quota.saturating_sub(l.shortlisted);
        let rank = l.bars.iter().find(|b| b.tie_at_cutoff).map(|b| b.rank).unwrap_or(0);
        return match lang() {
            Lang::En => format!(
                "Tie at the line: {} share rank {rank} for {left} place(s); the committee decides",
                l.tie.join(", ")
            ),
            Lang::Zh => format!(
                "名额线并列：{} 并列第 {rank} 名，余名额 {left} 个，由评委会决定",
                l.tie.join("、")
            ),
        };
    }
    match (&l.last_in, &l.first_out, &l.margin) {
        (Some(a), Some(b), Some(m)) => {
            let decided = l.decided_by.map(|k| match lang() {
                Lang::En => format!(" (equal totals, decided by {})", k.code()),
                Lang::Zh => format!("（总分相同，按{}区分）", k.label()),
            });
            match lang() {
                Lang::En => format!(
                    "Margin {} points between {} (last in, {}) and {} (first out, {}){}; {} other candidate(s) within {} points of the last one in",
                    pts(m),
                    a.code,
                    pts(&a.total),
                    b.code,
                    pts(&b.total),
                    decided.unwrap_or_default(),
                    l.near,
                    pts(&l.near_points)
                ),
                Lang::Zh => format!(
                    "末位入围 {}（{}）与首位未入围 {}（{}）相差 {} 分{}；另有 {} 个候选对象与末位入围者相差不超过 {} 分",
                    a.code,
                    pts(&a.total),
                    b.code,
                    pts(&b.total),
                    pts(m),
                    decided.unwrap_or_default(),
                    l.near,
                    pts(&l.near_points)
                ),
            }
        }
        _ if l.eligible == 0 => tr("No eligible candidate yet", "尚无符合条件的候选对象").to_string(),
        _ => match lang() {
            Lang::En => format!(
                "All {} eligible candidates are within the quota of {}",
                l.eligible, l.quota
            ),
            Lang::Zh => format!("符合条件的 {} 个均在名额 {} 以内", l.eligible, l.quota),
        },
    }
}
