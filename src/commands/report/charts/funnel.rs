//! The funnel: how many of each category and group were nominated, verified, eligible,
//! proposed and awarded, and what each step lost.

use super::{W, x_axis};
use crate::commands::report::svg::{Anchor, Fill, Svg, text_width};
use crate::commands::report::words::{short_losses, stage_label};
use crate::core::report::{Funnel, Stage};
use crate::i18n::{Lang, lang, tr};

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
