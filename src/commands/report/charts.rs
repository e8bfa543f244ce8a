//! The report's charts as SVG, each with its title, axis labels and a one-line reading, drawn
//! in black, greys and hatching for black-and-white print.

use super::svg::{Anchor, Fill, Svg, num, text_width, ticks};
use super::words::{short_losses, stage_label};
use crate::core::report::{Deductions, Funnel, Line, Panel, Satisfaction, Stage};
use crate::i18n::{Lang, lang, tr};
use crate::messages::say;
use crate::values::fmt_exact;

/// The width of every chart, in CSS pixels: the printable width of A4 at the page's margins.
pub const W: f64 = 680.0;

fn pts(p: &crate::core::report::Points) -> String {
    fmt_exact(&p.0)
}

fn pct(p: &crate::core::report::Percent) -> String {
    // A percent is a ratio of points × 100 already; fmt_exact reads hundredths.
    format!("{}%", fmt_exact(&(p.0 * 100)))
}

/// A horizontal axis along `y` from `x0` to `x1` for values `lo`..`hi`, with ticks, a grid up
/// to `top`, and its label centred below.
#[allow(clippy::too_many_arguments)]
fn x_axis(s: &mut Svg, x0: f64, x1: f64, y: f64, top: f64, lo: f64, hi: f64, n: usize, label: &str) {
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

// ---- the funnel --------------------------------------------------------------------------------

pub fn funnel(f: &Funnel, id: &str) -> String {
    let title = match lang() {
        Lang::En => format!("From nomination to award — {}", f.category.title()),
        Lang::Zh => format!("从推荐到授奖 — {}", f.category.title()),
    };
    let rows = f.steps.len() as f64;
    let row_h = 16.0;
    let top = 24.0;
    let h = top + rows * row_h + 50.0;
    let mut s = Svg::new(id, W, h);
    let label_w = f
        .steps
        .iter()
        .map(|st| text_width(stage_label(st.stage), 10.0))
        .fold(0.0, f64::max);
    let x0 = 26.0 + label_w + 8.0;
    let x1 = x0 + 260.0;
    let max = f.steps.first().map(|s| s.count).unwrap_or(0).max(1) as f64;
    let bottom = top + rows * row_h;
    x_axis(
        &mut s,
        x0,
        x1,
        bottom,
        top,
        0.0,
        max,
        5,
        tr("candidates", "候选对象（个）"),
    );
    s.vtext(10.0, (top + bottom) / 2.0, tr("step", "环节"), 10.0, bottom - top);
    for (i, st) in f.steps.iter().enumerate() {
        let y = top + i as f64 * row_h;
        s.text(x0 - 6.0, y + 12.0, stage_label(st.stage), 10.0, Anchor::End, false);
        let w = st.count as f64 / max * (x1 - x0);
        let fill = if st.stage == Stage::Awarded {
            Fill::Black
        } else {
            Fill::Light
        };
        s.rect(x0, y + 3.0, w, row_h - 6.0, fill);
        s.text(x0 + w + 4.0, y + 12.5, &st.count.to_string(), 10.0, Anchor::Start, true);
        if !st.losses.is_empty() {
            let lost: usize = f.steps.get(i.wrapping_sub(1)).map(|p| p.count - st.count).unwrap_or(0);
            let why = short_losses(&st.losses)
                .iter()
                .map(|(label, n)| format!("{label} {n}"))
                .collect::<Vec<_>>()
                .join(tr(", ", "，"));
            let x = x0 + w + 12.0 + text_width(&st.count.to_string(), 10.0);
            let text = format!("−{lost}: {why}");
            s.text_fit(x, y + 12.5, &text, 9.0, Anchor::Start, false, Some(W - x - 4.0));
        }
    }
    let nominated = f.count(Stage::Nominated).unwrap_or(0);
    let last = f.steps.last().map(|s| (s.stage, s.count));
    let worst = f
        .steps
        .windows(2)
        .map(|w| (w[1].stage, w[0].count - w[1].count))
        .filter(|w| w.1 > 0)
        .fold(None::<(Stage, usize)>, |b, w| match b {
            Some(b) if b.1 >= w.1 => Some(b),
            _ => Some(w),
        });
    let mut reading = match (lang(), last) {
        (Lang::En, Some((st, n))) => format!("{nominated} nominated, {n} {}", stage_label(st)),
        (Lang::Zh, Some((st, n))) => format!("推荐 {nominated} 个，{}{n} 个", stage_label(st)),
        _ => String::new(),
    };
    if let Some((st, n)) = worst {
        reading += &match lang() {
            Lang::En => format!("; the most fell out at \"{}\": {n}", stage_label(st)),
            Lang::Zh => format!("；减少最多的环节为“{}”：{n} 个", stage_label(st)),
        };
    }
    if f.tied_at_line > 0 {
        reading += &match lang() {
            Lang::En => format!("; {} of the shortlisted are tied at the quota line", f.tied_at_line),
            Lang::Zh => format!("；入围中 {} 个在名额线并列", f.tied_at_line),
        };
    }
    s.frame(&title, &reading);
    s.finish(&title)
}

// ---- the quota line ------------------------------------------------------------------------------

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
                Lang::En => format!(" (equal totals, decided by {k})"),
                Lang::Zh => format!("（总分相同，按{}区分）", super::words::order_key_label(k)),
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

// ---- the panel -------------------------------------------------------------------------------------

fn evaluator_rows(p: &Panel) -> (f64, f64) {
    let row_h = 24.0;
    let top = 50.0;
    (top, top + p.evaluators.len().max(3) as f64 * row_h)
}

pub fn panel_box(p: &Panel, id: &str) -> String {
    let title = tr(
        "Each evaluator's sheet totals (box: middle half; bar: median; ◇: mean)",
        "各评委所评总分的分布（方框：中间一半；竖线：中位数；◇：平均）",
    );
    let (top, bottom) = evaluator_rows(p);
    let row_h = 24.0;
    let h = bottom + 58.0;
    let mut s = Svg::new(id, W, h);
    let lo = p.evaluators.iter().map(|e| e.min.f()).fold(f64::MAX, f64::min);
    let hi = p.evaluators.iter().map(|e| e.max.f()).fold(f64::MIN, f64::max);
    let (lo, hi) = if p.evaluators.is_empty() {
        (0.0, 100.0)
    } else {
        ((lo - 1.0).floor(), (hi + 1.0).ceil().min(100.0).max(lo + 1.0))
    };
    let x0 = 170.0;
    let x1 = W - 20.0;
    x_axis(
        &mut s,
        x0,
        x1,
        bottom,
        top,
        lo,
        hi,
        8,
        tr("sheet total (points)", "评分表总分（分）"),
    );
    s.vtext(
        10.0,
        (top + bottom) / 2.0,
        tr("evaluator (sheets)", "评委（份数）"),
        10.0,
        bottom - top,
    );
    let x = |v: f64| x0 + (v - lo) / (hi - lo) * (x1 - x0);
    for (i, e) in p.evaluators.iter().enumerate() {
        let y = top + i as f64 * row_h;
        let mid = y + row_h / 2.0;
        let label = format!("{} ({})", e.evaluator, e.sheets);
        s.text_fit(
            x0 - 8.0,
            mid + 4.0,
            &label,
            10.0,
            Anchor::End,
            e.outlier,
            Some(x0 - 34.0),
        );
        s.line(x(e.min.f()), mid, x(e.q1.f()), mid, 1.0, false);
        s.line(x(e.q3.f()), mid, x(e.max.f()), mid, 1.0, false);
        s.line(x(e.min.f()), mid - 5.0, x(e.min.f()), mid + 5.0, 1.0, false);
        s.line(x(e.max.f()), mid - 5.0, x(e.max.f()), mid + 5.0, 1.0, false);
        s.rect(
            x(e.q1.f()),
            y + 4.0,
            x(e.q3.f()) - x(e.q1.f()),
            row_h - 8.0,
            Fill::Light,
        );
        s.line(x(e.median.f()), y + 3.0, x(e.median.f()), y + row_h - 3.0, 2.5, false);
        s.diamond(x(e.mean.f()), mid, 4.0);
    }
    let reading = match (
        p.evaluators.iter().min_by(|a, b| a.median.cmp(&b.median)),
        p.evaluators.iter().max_by(|a, b| a.median.cmp(&b.median)),
    ) {
        (Some(a), Some(b)) => {
            let sheets: usize = p.evaluators.iter().map(|e| e.sheets).sum();
            match lang() {
                Lang::En => format!(
                    "{} evaluators, {sheets} sheets; medians from {} ({}) to {} ({})",
                    p.evaluators.len(),
                    pts(&a.median),
                    a.evaluator,
                    pts(&b.median),
                    b.evaluator
                ),
                Lang::Zh => format!(
                    "评委 {} 人，评分表 {sheets} 份；中位数从 {}（{}）到 {}（{}）",
                    p.evaluators.len(),
                    pts(&a.median),
                    a.evaluator,
                    pts(&b.median),
                    b.evaluator
                ),
            }
        }
        _ => tr("No joint sheets recorded", "尚无联评表").to_string(),
    };
    s.frame(title, &reading);
    s.finish(title)
}

pub fn panel_leniency(p: &Panel, id: &str) -> String {
    let title = tr(
        "Leniency: each evaluator against the other members on the same nominees",
        "宽严程度：各评委与其他评委对同一对象评分之差",
    );
    let (top, bottom) = evaluator_rows(p);
    let row_h = 24.0;
    let h = bottom + 58.0;
    let mut s = Svg::new(id, W, h);
    let limit = p.outlier_points.f();
    let reach = p
        .evaluators
        .iter()
        .filter_map(|e| e.leniency.map(|l| l.f().abs()))
        .fold(limit, f64::max);
    let reach = (reach + 0.5).ceil();
    let x0 = 170.0;
    let x1 = W - 60.0;
    x_axis(
        &mut s,
        x0,
        x1,
        bottom,
        top,
        -reach,
        reach,
        8,
        tr(
            "mean difference from the others' mean (points)",
            "与其他评委平均分之差的平均（分）",
        ),
    );
    s.vtext(10.0, (top + bottom) / 2.0, tr("evaluator", "评委"), 10.0, bottom - top);
    let x = |v: f64| x0 + (v + reach) / (2.0 * reach) * (x1 - x0);
    for v in [-limit, limit] {
        s.line(x(v), top - 4.0, x(v), bottom, 1.0, true);
    }
    s.text(
        x(limit) + 3.0,
        top - 2.0,
        &format!("±{}", pts(&p.outlier_points)),
        9.0,
        Anchor::Start,
        false,
    );
    s.line(x(0.0), top - 4.0, x(0.0), bottom, 1.2, false);
    for (i, e) in p.evaluators.iter().enumerate() {
        let y = top + i as f64 * row_h;
        let mid = y + row_h / 2.0;
        s.text_fit(
            x0 - 8.0,
            mid + 4.0,
            &e.evaluator,
            10.0,
            Anchor::End,
            e.outlier,
            Some(x0 - 34.0),
        );
        if let Some(l) = e.leniency {
            let (a, b) = if l.f() < 0.0 {
                (x(l.f()), x(0.0))
            } else {
                (x(0.0), x(l.f()))
            };
            let fill = if e.outlier { Fill::Black } else { Fill::Light };
            s.rect(a, y + 5.0, b - a, row_h - 10.0, fill);
            let text = format!("{}{}", if l.f() > 0.0 { "+" } else { "" }, pts(&l));
            if l.f() < 0.0 {
                s.text(a - 3.0, mid + 4.0, &text, 9.0, Anchor::End, e.outlier);
            } else {
                s.text(b + 3.0, mid + 4.0, &text, 9.0, Anchor::Start, e.outlier);
            }
        }
    }
    s.frame(title, &leniency_reading(p));
    s.finish(title)
}

pub fn leniency_reading(p: &Panel) -> String {
    let named: Vec<String> = p
        .evaluators
        .iter()
        .filter(|e| e.outlier)
        .filter_map(|e| {
            let l = e.leniency?;
            let above = l.f() > 0.0;
            let abs = crate::core::report::Points(if above { l.0 } else { -l.0 });
            Some(match lang() {
                Lang::En => format!(
                    "{} marks {} points {} the others",
                    e.evaluator,
                    pts(&abs),
                    if above { "above" } else { "below" }
                ),
                Lang::Zh => format!(
                    "{} 平均比其他评委{} {} 分",
                    e.evaluator,
                    if above { "高" } else { "低" },
                    pts(&abs)
                ),
            })
        })
        .collect();
    if !named.is_empty() {
        return say!(
            en("Named: {}", named.join(tr("; ", "；"))),
            zh("需关注：{}", named.join(tr("; ", "；")))
        );
    }
    match p
        .evaluators
        .iter()
        .filter_map(|e| e.leniency.map(|l| (e, l)))
        .max_by(|a, b| a.1.0.abs_cmp(&b.1.0))
    {
        Some((e, l)) => match lang() {
            Lang::En => format!(
                "No evaluator is {} points or more from the others; the farthest is {} at {}",
                pts(&p.outlier_points),
                e.evaluator,
                pts(&l)
            ),
            Lang::Zh => format!(
                "没有评委与其他评委相差 {} 分及以上；相差最大的是 {}：{}",
                pts(&p.outlier_points),
                e.evaluator,
                pts(&l)
            ),
        },
        None => tr(
            "No evaluator marked a nominee with another member",
            "尚无两名以上评委共同评分的对象",
        )
        .to_string(),
    }
}

/// Comparing exact values by their size, sign aside.
trait AbsCmp {
    fn abs_cmp(&self, other: &Self) -> std::cmp::Ordering;
}

impl AbsCmp for num_rational::Ratio<i64> {
    fn abs_cmp(&self, other: &Self) -> std::cmp::Ordering {
        use num_traits::Signed;
        self.abs().cmp(&other.abs())
    }
}

// ---- satisfaction ------------------------------------------------------------------------------------

pub fn satisfaction(sat: &Satisfaction, id: &str) -> String {
    let threshold = sat.threshold.map(|t| t.f());
    let title = match (lang(), &sat.threshold) {
        (Lang::En, Some(t)) => format!("Windows' satisfaction against the {} line", pct(t)),
        (Lang::Zh, Some(t)) => format!("窗口满意度与 {} 标准线", pct(t)),
        _ => tr("Windows' satisfaction", "窗口满意度").to_string(),
    };
    let top = 40.0;
    let plot_h = 200.0;
    let bottom = top + plot_h;
    let h = bottom + 58.0;
    let mut s = Svg::new(id, W, h);
    let min = sat
        .windows
        .iter()
        .map(|w| w.percent.f())
        .fold(threshold.unwrap_or(100.0), f64::min);
    let lo = (min - 1.0).floor().max(0.0);
    let hi = 100.0;
    let x0 = 56.0;
    let x1 = W - 20.0;
    let y = |v: f64| bottom - (v - lo) / (hi - lo).max(1e-9) * plot_h;
    for t in ticks(lo, hi, 6) {
        s.grid(x0, y(t), x1, y(t));
        s.text(x0 - 6.0, y(t) + 3.0, &format!("{}%", num(t)), 9.0, Anchor::End, false);
    }
    s.line(x0, top, x0, bottom, 1.0, false);
    s.line(x0, bottom, x1, bottom, 1.0, false);
    s.vtext(
        14.0,
        (top + bottom) / 2.0,
        tr("satisfied (pooled surveys)", "满意率（合并各次调查）"),
        10.0,
        bottom - top,
    );
    s.text(
        (x0 + x1) / 2.0,
        bottom + 29.0,
        tr(
            "windows with a survey, lowest rate first (● below the line, ○ at or above)",
            "有满意度调查的窗口，按满意率由低到高（● 低于标准线，○ 达标）",
        ),
        10.0,
        Anchor::Middle,
        false,
    );
    let n = sat.windows.len().max(1) as f64;
    let step = (x1 - x0) / n;
    for (i, w) in sat.windows.iter().enumerate() {
        let cx = x0 + step * (i as f64 + 0.5);
        s.dot(cx, y(w.percent.f()), 3.5, !w.meets);
        if !w.meets {
            s.text(
                cx + 6.0,
                y(w.percent.f()) + 3.0,
                &format!("{} {}", w.code, pct(&w.percent)),
                9.0,
                Anchor::Start,
                true,
            );
        }
    }
    if let (Some(t), Some(tp)) = (threshold, &sat.threshold) {
        s.line(x0, y(t), x1, y(t), 1.4, true);
        s.text(x1, y(t) - 4.0, &pct(tp), 9.0, Anchor::End, true);
    }
    for (i, label) in [
        (0usize, "1".to_string()),
        (sat.windows.len().saturating_sub(1), sat.windows.len().to_string()),
    ] {
        if !sat.windows.is_empty() {
            s.text(
                x0 + step * (i as f64 + 0.5),
                bottom + 14.0,
                &label,
                9.0,
                Anchor::Middle,
                false,
            );
        }
    }
    s.frame(&title, &satisfaction_reading(sat));
    s.finish(&title)
}

pub fn satisfaction_reading(sat: &Satisfaction) -> String {
    let n = sat.windows.len();
    if n == 0 {
        return tr("No satisfaction survey recorded", "尚无满意度调查").to_string();
    }
    let Some(t) = &sat.threshold else {
        return match lang() {
            Lang::En => format!("{n} windows surveyed; the term sets no threshold"),
            Lang::Zh => format!("调查窗口 {n} 个；本届未设满意度标准"),
        };
    };
    let below: Vec<String> = sat
        .windows
        .iter()
        .filter(|w| !w.meets)
        .map(|w| format!("{} {}/{}", w.code, w.satisfied, w.total))
        .collect();
    let at = sat.windows.iter().filter(|w| w.percent == *t).count();
    let mut r = match lang() {
        Lang::En => format!("{} of {n} windows below {}", below.len(), pct(t)),
        Lang::Zh => format!("{n} 个窗口中 {} 个低于 {}", below.len(), pct(t)),
    };
    if !below.is_empty() {
        r += &say!(
            en(": {}", below.join(tr(", ", "、"))),
            zh("：{}", below.join(tr(", ", "、")))
        );
    }
    if at > 0 {
        r += &match lang() {
            Lang::En => format!("; {at} exactly at {} (passes)", pct(t)),
            Lang::Zh => format!("；{at} 个恰为 {}（达标）", pct(t)),
        };
    }
    r
}

// ---- deductions ---------------------------------------------------------------------------------------

pub fn deductions(d: &Deductions, id: &str) -> String {
    let title = tr(
        "Deductions by month and kind of inspection",
        "各月检查扣分（按检查方式）",
    );
    let top = 44.0;
    let plot_h = 190.0;
    let bottom = top + plot_h;
    let h = bottom + 58.0;
    let mut s = Svg::new(id, W, h);
    let mut x = 60.0;
    x = s.swatch(x, 32.0, Fill::Dark, tr("open inspection", "明查"));
    s.swatch(x, 32.0, Fill::Hatch, tr("covert visit", "暗访"));
    let months: Vec<&str> = {
        let mut m: Vec<&str> = d.months.iter().map(|m| m.month.as_str()).collect();
        m.dedup();
        m
    };
    let max = d.months.iter().map(|m| m.points.f()).fold(0.0, f64::max).max(1.0);
    let mut t = ticks(0.0, max, 5);
    // The axis ends on a tick at or above the highest bar.
    if let [.., a, b] = t[..]
        && b < max
    {
        t.push(b + (b - a));
    }
    let hi = t.last().copied().unwrap_or(max).max(max);
    let x0 = 56.0;
    let x1 = W - 20.0;
    let y = |v: f64| bottom - v / hi * plot_h;
    for v in t {
        s.grid(x0, y(v), x1, y(v));
        s.text(x0 - 6.0, y(v) + 3.0, &num(v), 9.0, Anchor::End, false);
    }
    s.line(x0, top, x0, bottom, 1.0, false);
    s.line(x0, bottom, x1, bottom, 1.0, false);
    s.vtext(
        14.0,
        (top + bottom) / 2.0,
        tr("points deducted", "扣分（分）"),
        10.0,
        bottom - top,
    );
    s.text(
        (x0 + x1) / 2.0,
        bottom + 29.0,
        tr("month", "月份"),
        10.0,
        Anchor::Middle,
        false,
    );
    let slot = (x1 - x0) / months.len().max(1) as f64;
    let bar = (slot * 0.34).min(22.0);
    for (i, m) in months.iter().enumerate() {
        let cx = x0 + slot * (i as f64 + 0.5);
        s.text(cx, bottom + 14.0, m, 9.0, Anchor::Middle, false);
        for (k, fill, dx) in [("open", Fill::Dark, -bar), ("covert", Fill::Hatch, 0.0)] {
            if let Some(mk) = d.months.iter().find(|x| x.month == *m && x.kind == k) {
                let v = mk.points.f();
                s.rect(cx + dx, y(v), bar, bottom - y(v), fill);
                if mk.findings > 0 {
                    s.text(
                        cx + dx + bar / 2.0,
                        y(v) - 3.0,
                        &mk.findings.to_string(),
                        8.0,
                        Anchor::Middle,
                        false,
                    );
                }
            }
        }
    }
    s.frame(title, &deductions_reading(d));
    s.finish(title)
}

pub fn deductions_reading(d: &Deductions) -> String {
    let Some(peak) = &d.peak else {
        return tr("No deductions recorded", "尚无扣分记录").to_string();
    };
    let (n, p) = d
        .months
        .iter()
        .filter(|m| &m.month == peak)
        .fold((0usize, num_rational::Ratio::from_integer(0)), |(n, p), m| {
            (n + m.findings, p + m.points.0)
        });
    let p = crate::core::report::Points(p);
    match lang() {
        Lang::En => format!(
            "{} findings deducted {} points in all (numbers on the bars: findings); the most in {peak}: {} points in {n} findings",
            d.findings,
            pts(&d.points),
            pts(&p)
        ),
        Lang::Zh => format!(
            "共发现问题 {} 项，扣 {} 分（柱上数字为问题项数）；扣分最多的是 {peak}：{n} 项扣 {} 分",
            d.findings,
            pts(&d.points),
            pts(&p)
        ),
    }
}
