//! The report as one self-contained, printable A4 HTML page: no scripts, no network, the
//! system's fonts, charts as inline SVG. One section a page, so the page count is known.

use std::fmt::Write;

use super::charts;
use super::gather::Report;
use super::words::{short_losses, stage_label, state_label};
use crate::core::report::{Funnel, Stage};
use crate::documents::escape;
use crate::i18n::{Lang, lang, tr};
use crate::messages::say;
use crate::messages::veto::ground_text as veto_reason_label;
use crate::values::{Category, fmt_exact};

const SANS: &str = "\"Noto Sans CJK SC\", \"Source Han Sans SC\", \"Microsoft YaHei\", \"微软雅黑\", \"PingFang SC\", \"SimHei\", \"黑体\", \"Heiti SC\", sans-serif";

fn css() -> String {
    format!(
        "@page {{ size: A4 portrait; margin: 12mm 14mm 12mm 14mm; }}\n\
         html, body {{ margin: 0; padding: 0; }}\n\
         body {{ font-family: {SANS}; font-size: 9.5pt; line-height: 1.4; color: #000; background: #eee; }}\n\
         main {{ width: 182mm; margin: 0 auto; }}\n\
         section.page {{ box-sizing: border-box; background: #fff; padding: 8mm; margin: 8mm 0; min-height: 281mm; display: flex; flex-direction: column; }}\n\
         h1 {{ font-size: 17pt; margin: 0 0 1mm; }}\n\
         h2 {{ font-size: 13pt; margin: 0 0 2mm; border-bottom: 1.5pt solid #000; padding-bottom: 1mm; }}\n\
         h3 {{ font-size: 10.5pt; margin: 3mm 0 1mm; }}\n\
         p {{ margin: 1mm 0; }}\n\
         .sub {{ margin: 0 0 3mm; }}\n\
         .figures {{ display: grid; grid-template-columns: 1fr 1fr; gap: 1.5mm; margin: 2mm 0 3mm; font-size: 8.5pt; }}\n\
         .figures div {{ border: 0.8pt solid #000; padding: 0.8mm 1.8mm; }}\n\
         .figures b {{ font-size: 10.5pt; }}\n\
         svg.chart {{ display: block; width: 100%; height: auto; margin: 1mm 0 2mm; }}\n\
         table {{ border-collapse: collapse; width: 100%; font-size: 8pt; margin: 1mm 0 2mm; }}\n\
         th, td {{ border: 0.6pt solid #000; padding: 0.6mm 1.2mm; text-align: left; vertical-align: top; }}\n\
         th {{ background: #e6e6e6; }}\n\
         td.n, th.n {{ text-align: right; white-space: nowrap; width: 1%; }}\n\
         th.n {{ white-space: normal; }}\n\
         table.funnel {{ table-layout: fixed; }}\n\
         table.funnel th.cat {{ width: 9%; }} table.funnel th.grp {{ width: 14%; }} table.funnel th.n {{ width: 6%; font-size: 7pt; }}\n\
         table.funnel td.k {{ white-space: normal; }}\n\
         table.vetoes {{ table-layout: fixed; }} table.vetoes th.n {{ width: 4%; }} table.vetoes th.who {{ width: 13%; }} table.vetoes th.doc {{ width: 11%; }}\n\
         tr.total td {{ font-weight: bold; }}\n\
         .note {{ font-size: 8.5pt; }}\n\
         footer {{ font-size: 8pt; border-top: 0.6pt solid #000; padding-top: 1mm; margin-top: auto; }}\n\
         td.k {{ white-space: nowrap; }}\n\
         .hash {{ font-family: \"DejaVu Sans Mono\", \"Noto Sans Mono\", monospace; font-size: 6.5pt; word-break: break-all; }}\n\
         @media print {{\n\
           body {{ background: none; }}\n\
           main {{ width: auto; }}\n\
           section.page {{ padding: 0; margin: 0; min-height: 266mm; break-after: page; page-break-after: always; }}\n\
           section.page:last-of-type {{ break-after: auto; page-break-after: auto; }}\n\
           svg.chart, table, .figures {{ break-inside: avoid; page-break-inside: avoid; }}\n\
         }}\n"
    )
}

/// The whole page.
pub fn page(r: &Report) -> String {
    let title = match lang() {
        Lang::En => format!("The {} term at a glance", r.year),
        Lang::Zh => format!("{}年度评选概览", r.year),
    };
    let mut b = String::from("<main>\n");
    let foot = footer(r);
    for (prelude, h2, body) in [
        first_page(r, &title),
        line_page(r),
        panel_page(r),
        windows_page(r),
        record_page(r),
    ] {
        let _ = writeln!(
            b,
            "<section class=\"page\">\n{prelude}<h2>{}</h2>\n{body}{foot}</section>",
            escape(h2)
        );
    }
    b += "</main>\n";
    let html_lang = match lang() {
        Lang::En => "en",
        Lang::Zh => "zh-CN",
    };
    format!(
        "<!DOCTYPE html>\n<html lang=\"{html_lang}\">\n<head>\n<meta charset=\"utf-8\">\n<title>{}</title>\n<style>\n{}</style>\n</head>\n<body>\n{b}</body>\n</html>\n",
        escape(&title),
        css()
    )
}

/// One page: what comes before its heading, the heading, and the body.
type Page = (String, &'static str, String);

fn cell(s: &str) -> String {
    format!("<td>{}</td>", escape(s))
}

fn ncell(s: impl std::fmt::Display) -> String {
    format!("<td class=\"n\">{}</td>", escape(&s.to_string()))
}

fn category_funnel(r: &Report, c: Category) -> Option<&Funnel> {
    r.funnel.iter().find(|f| f.category == c && f.group.is_none())
}

fn first_page(r: &Report, title: &str) -> Page {
    let mut head = say!(
        en(
            "<h1>{}</h1>\n<p class=\"sub\">{} · term {} · as of {}</p>\n",
            escape(title),
            escape(&r.title),
            escape(state_label(r.state)),
            escape(&r.date)
        ),
        zh(
            "<h1>{}</h1>\n<p class=\"sub\">{} · 届期状态：{} · 统计日期：{}</p>\n",
            escape(title),
            escape(&r.title),
            escape(state_label(r.state)),
            escape(&r.date)
        )
    );
    let mut b = String::new();
    head += "<div class=\"figures\">\n";
    for c in Category::ALL {
        if let Some(f) = category_funnel(r, c) {
            let n = |s: Stage| f.count(s).unwrap_or(0);
            let _ = writeln!(
                head,
                "<div>{}<br><b>{}</b> {} · <b>{}</b> {} · <b>{}</b> {} · <b>{}</b> {}</div>",
                escape(c.title()),
                n(Stage::Nominated),
                escape(stage_label(Stage::Nominated)),
                n(Stage::Eligible),
                escape(stage_label(Stage::Eligible)),
                n(Stage::Shortlisted),
                escape(stage_label(Stage::Shortlisted)),
                n(Stage::Awarded),
                escape(stage_label(Stage::Awarded)),
            );
        }
    }
    let in_force = r.vetoes.iter().filter(|v| v.outcome == "in_force").count();
    let _ = writeln!(
        head,
        "<div>{}<br><b>{}</b> {} · <b>{}</b> {}</div>",
        tr("panel and inspection", "评委与检查"),
        r.panel.evaluators.len(),
        tr("evaluators", "名评委"),
        r.deductions.findings,
        tr("findings", "项检查发现"),
    );
    let objections = match &r.objections {
        Some(o) => match lang() {
            Lang::En => format!("<b>{}</b> objections", o.len()),
            Lang::Zh => format!("<b>{}</b> 项异议", o.len()),
        },
        None => tr("no objections recorded", "异议无记录").to_string(),
    };
    let _ = writeln!(
        head,
        "<div>{}<br><b>{in_force}</b> {} · {objections}</div>",
        tr("vetoes and objections", "一票否决与异议"),
        tr("vetoes in force", "项否决有效"),
    );
    head += "</div>\n";
    for (i, c) in Category::ALL.iter().enumerate() {
        if let Some(f) = category_funnel(r, *c) {
            b += &charts::funnel(f, &format!("funnel-{i}"));
        }
    }
    b += &say!(en("<h3>By group</h3>\n"), zh("<h3>按片组</h3>\n"));
    b += &group_table(r);
    b += &say!(
        en(
            "<p class=\"note\">Each candidate is counted at the step where it first falls out, with every reason that applies there; a candidate with two reasons is counted under both. Shortlisted includes equals that straddle the quota line.</p>\n"
        ),
        zh(
            "<p class=\"note\">每个候选对象计入其首次未通过的环节，并列出该环节适用的全部原因；有两项原因的分别计入。入围数含名额线上的并列者。</p>\n"
        )
    );
    (head, tr("1. From nomination to award", "一、从推荐到授奖"), b)
}

fn group_table(r: &Report) -> String {
    let stages: Vec<Stage> = r
        .funnel
        .first()
        .map(|f| f.steps.iter().map(|s| s.stage).collect())
        .unwrap_or_default();
    let mut t = say!(
        en("<table class=\"funnel\">\n<tr><th class=\"cat\">category</th><th class=\"grp\">group</th>"),
        zh("<table class=\"funnel\">\n<tr><th class=\"cat\">类别</th><th class=\"grp\">片组</th>")
    );
    for s in &stages {
        let _ = write!(t, "<th class=\"n\">{}</th>", escape(stage_label(*s)));
    }
    let _ = writeln!(
        t,
        "<th class=\"why\">{}</th></tr>",
        tr("fell out, and why", "未通过原因")
    );
    for f in &r.funnel {
        let class = if f.group.is_none() { " class=\"total\"" } else { "" };
        let _ = write!(
            t,
            "<tr{class}><td class=\"k\">{}</td><td class=\"k\">{}</td>",
            escape(f.category.label()),
            escape(f.group.as_deref().unwrap_or(tr("all groups", "全部片组")))
        );
        for s in &f.steps {
            t += &ncell(s.count);
        }
        let why: Vec<String> = short_losses(f.steps.iter().flat_map(|s| s.losses.iter()))
            .into_iter()
            .map(|(label, n)| format!("{label} {n}"))
            .collect();
        let _ = writeln!(t, "<td class=\"why\">{}</td></tr>", escape(&why.join(tr("; ", "；"))));
    }
    t += "</table>\n";
    t
}

fn line_page(r: &Report) -> Page {
    let mut b = String::new();
    let w = r.weights;
    for (i, l) in r.line.iter().enumerate() {
        b += &charts::line(l, w, &format!("line-{i}"));
    }
    b += &say!(
        en(
            "<p class=\"note\">Each bar is a candidate's total as its weighted parts; the dot beside it is the same total on a zoomed scale, so that small gaps show. The dashed line is the quota line; the margin is the last one in less the first one out, exact.</p>\n"
        ),
        zh(
            "<p class=\"note\">每条横条为候选对象的总分及其加权构成；右侧圆点为放大刻度上的同一总分，以便看清细微差距。虚线为名额线；分差为末位入围者与首位未入围者总分之差（精确值）。</p>\n"
        )
    );
    (String::new(), tr("2. Around the quota line", "二、名额线附近"), b)
}

fn panel_page(r: &Report) -> Page {
    let p = &r.panel;
    let mut b = charts::panel_box(p, "panel-box");
    b += &charts::panel_leniency(p, "panel-leniency");
    let mut t = say!(
        en(
            "<table>\n<tr><th>evaluator</th><th class=\"n\">sheets</th><th class=\"n\">lowest</th><th class=\"n\">median</th><th class=\"n\">highest</th><th class=\"n\">mean</th><th class=\"n\">against others</th><th class=\"n\">nominees compared</th><th>named</th></tr>\n"
        ),
        zh(
            "<table>\n<tr><th>评委</th><th class=\"n\">份数</th><th class=\"n\">最低</th><th class=\"n\">中位数</th><th class=\"n\">最高</th><th class=\"n\">平均</th><th class=\"n\">与他人之差</th><th class=\"n\">比较对象数</th><th>需关注</th></tr>\n"
        )
    );
    for e in &p.evaluators {
        let _ = writeln!(
            t,
            "<tr>{}{}{}{}{}{}{}{}{}</tr>",
            cell(&e.evaluator),
            ncell(e.sheets),
            ncell(fmt_exact(&e.min.0)),
            ncell(fmt_exact(&e.median.0)),
            ncell(fmt_exact(&e.max.0)),
            ncell(fmt_exact(&e.mean.0)),
            ncell(e.leniency.map(|l| fmt_exact(&l.0)).unwrap_or_else(|| "—".into())),
            ncell(e.compared),
            cell(if e.outlier { tr("yes", "是") } else { "" }),
        );
    }
    t += "</table>\n";
    b += &t;
    b += &format!(
        "<p class=\"note\">{}</p>\n",
        match lang() {
            Lang::En => format!(
                "“Against others” is, over the nominees this evaluator marked together with other members, the mean of their sheet total less the mean of the others' totals. An evaluator at {} points or more either way is named. This is for the committee's attention; it changes no score.",
                fmt_exact(&p.outlier_points.0)
            ),
            Lang::Zh => format!(
                "“与他人之差”：在该评委与其他评委共同评分的对象上，该评委总分减去其他评委总分平均值，再取平均。相差 {} 分及以上（偏高或偏低）的评委列为需关注。仅供评委会参考，不改变任何分数。",
                fmt_exact(&p.outlier_points.0)
            ),
        }
    );
    (String::new(), tr("3. The panel", "三、联评评委"), b)
}

fn windows_page(r: &Report) -> Page {
    let mut b = charts::satisfaction(&r.satisfaction, "satisfaction");
    b += &charts::deductions(&r.deductions, "deductions");
    (
        String::new(),
        tr("4. Windows' satisfaction and inspections", "四、窗口满意度与检查扣分"),
        b,
    )
}

fn record_page(r: &Report) -> Page {
    let mut b = say!(en("<h3>One-vote vetoes</h3>\n"), zh("<h3>一票否决</h3>\n"));
    if r.vetoes.is_empty() {
        b += &say!(en("<p>None recorded.</p>\n"), zh("<p>无记录。</p>\n"));
    } else {
        let _ = writeln!(
            b,
            "<table class=\"vetoes\">\n<tr><th class=\"n\">#</th><th class=\"who\">{}</th><th class=\"who\">{}</th><th class=\"who\">{}</th><th>{}</th><th class=\"doc\">{}</th><th class=\"doc\">{}</th></tr>",
            tr("nomination", "被推荐对象"),
            tr("unit", "单位"),
            tr("ground", "否决事由"),
            tr("evidence", "事实依据"),
            tr("document", "文件"),
            tr("outcome", "结果"),
        );
        for v in &r.vetoes {
            let outcome = match (&v.revoked_at, &v.revoke_reason) {
                (Some(at), why) => match lang() {
                    Lang::En => format!("revoked {at}: {}", why.as_deref().unwrap_or("")),
                    Lang::Zh => format!("已撤销（{at}）：{}", why.as_deref().unwrap_or("")),
                },
                (None, _) => tr("in force: disqualified for the term", "有效：本届取消资格").to_string(),
            };
            let _ = writeln!(
                b,
                "<tr>{}{}{}{}{}{}{}</tr>",
                ncell(v.id),
                cell(&if v.against == "unit" {
                    let who = if v.name.is_empty() {
                        String::new()
                    } else {
                        format!(" ({})", v.name)
                    };
                    match lang() {
                        Lang::En => format!("the unit's nominations{who}"),
                        Lang::Zh => format!("该单位的推荐{}", who.replace(" (", "（").replace(')', "）")),
                    }
                } else {
                    format!("{} {}", v.code, v.name)
                }),
                cell(&v.unit),
                cell(veto_reason_label(&v.reason)),
                cell(&v.evidence),
                cell(&v.document),
                cell(&outcome),
            );
        }
        b += "</table>\n";
    }
    if let Some(p) = &r.proposed {
        b += &say!(
            en(
                "<h3>Proposed list (public notice)</h3>\n<p>{}</p>\n",
                escape(&p.join(", "))
            ),
            zh("<h3>公示名单</h3>\n<p>{}</p>\n", escape(&p.join(", ")))
        );
    }
    b += &say!(en("<h3>Objections</h3>\n"), zh("<h3>异议</h3>\n"));
    match &r.objections {
        Some(list) if !list.is_empty() => {
            let _ = writeln!(
                b,
                "<table>\n<tr><th class=\"n\">#</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr>",
                tr("nomination", "被推荐对象"),
                tr("from", "提出人"),
                tr("objection", "异议内容"),
                tr("outcome", "结果"),
                tr("finding", "调查结论"),
            );
            for o in list {
                let _ = writeln!(
                    b,
                    "<tr>{}{}{}{}{}{}</tr>",
                    ncell(o.id),
                    cell(&format!("{} {}", o.code, o.name)),
                    cell(&o.from),
                    cell(&o.text),
                    cell(&o.outcome),
                    cell(&o.finding),
                );
            }
            b += "</table>\n";
        }
        _ => b += &say!(en("<p>None recorded.</p>\n"), zh("<p>无记录。</p>\n")),
    }
    (String::new(), tr("5. Vetoes and objections", "五、一票否决与异议"), b)
}

fn footer(r: &Report) -> String {
    // The year, not the whole title: the footer stays one line with the full hash.
    let (state, date) = (escape(state_label(r.state)), escape(&r.date));
    let head = escape(r.audit_head.as_deref().unwrap_or("—"));
    let year = r.year;
    say!(
        en(
            "<footer>The {year} term · term {state} · as of {date} · audit head: <span class=\"hash\">{head}</span></footer>\n"
        ),
        zh(
            "<footer>{year}年度评选 · 届期状态：{state} · 统计日期：{date} · 审计记录链头：<span class=\"hash\">{head}</span></footer>\n"
        )
    )
}
