//! The year's inspections: windows' satisfaction against the line, and deductions by month
//! and kind of inspection.

use super::{Plot, W, pct, pts, value_axes};
use crate::commands::report::svg::{Anchor, Fill, Svg, num, ticks};
use crate::core::report::{Deductions, Satisfaction};
use crate::i18n::{Lang, lang, tr};
use crate::messages::say;

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
    let marks: Vec<(f64, String)> = ticks(lo, hi, 6)
        .into_iter()
        .map(|t| (y(t), format!("{}%", num(t))))
        .collect();
    value_axes(
        &mut s,
        &Plot { x0, x1, top, bottom },
        &marks,
        tr("satisfied (pooled surveys)", "满意率（合并各次调查）"),
        tr(
            "windows with a survey, lowest rate first (● below the line, ○ at or above)",
            "有满意度调查的窗口，按满意率由低到高（● 低于标准线，○ 达标）",
        ),
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
        r += &say!(en(": {}", below.join(", ")), zh("：{}", below.join("、")));
    }
    if at > 0 {
        r += &match lang() {
            Lang::En => format!("; {at} exactly at {} (passes)", pct(t)),
            Lang::Zh => format!("；{at} 个恰为 {}（达标）", pct(t)),
        };
    }
    r
}

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
    let marks: Vec<(f64, String)> = t.into_iter().map(|v| (y(v), num(v))).collect();
    value_axes(
        &mut s,
        &Plot { x0, x1, top, bottom },
        &marks,
        tr("points deducted", "扣分（分）"),
        tr("month", "月份"),
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
