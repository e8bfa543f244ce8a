//! The panel: each evaluator's totals as box plots, and how lenient each is against the
//! others on the same nominees.

use super::{W, pts, x_axis};
use crate::commands::report::svg::{Anchor, Fill, Svg};
use crate::core::report::Panel;
use crate::i18n::{Lang, lang, tr};
use crate::messages::say;

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
        return say!(en("Named: {}", named.join("; ")), zh("需关注：{}", named.join("；")));
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
