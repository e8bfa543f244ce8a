//! `report`: the figures of the term report pinned on the example year, the page's sections
//! and charts, a tie at the line, and the page rendered in headless Chromium.

use std::path::{Path, PathBuf};
use std::process::Command;

use calamine::{Data, Reader, open_workbook_auto};
use serde_json::Value;

use crate::common::{Env, json};
use crate::cycle::{assessed_year, example};
use crate::decide::{seed, set_scheme, year};
use crate::excel::cells;

fn report_json(env: &Env) -> Value {
    json(&env.ok(&["report", "--format", "json", "--date", "2026-12-04"]))
}

/// One funnel: (category, group or "") → the counts step by step and the losses step by step.
fn funnel<'a>(r: &'a Value, category: &str, group: Option<&str>) -> &'a Value {
    r["funnel"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["category"] == category && f["group"].as_str() == group)
        .unwrap_or_else(|| panic!("no funnel {category} {group:?}"))
}

fn counts(f: &Value) -> Vec<(String, u64)> {
    f["steps"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| (s["stage"].as_str().unwrap().to_string(), s["count"].as_u64().unwrap()))
        .collect()
}

fn losses(f: &Value) -> Vec<(String, String, u64)> {
    f["steps"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|s| {
            s["losses"].as_array().unwrap().iter().map(move |l| {
                (
                    s["stage"].as_str().unwrap().to_string(),
                    l["reason"].as_str().unwrap().to_string(),
                    l["count"].as_u64().unwrap(),
                )
            })
        })
        .collect()
}

fn steps(list: [u64; 6]) -> Vec<(String, u64)> {
    [
        "nominated",
        "verified",
        "complete",
        "eligible",
        "shortlisted",
        "awarded",
    ]
    .iter()
    .zip(list)
    .map(|(s, n)| (s.to_string(), n))
    .collect()
}

fn loss(stage: &str, reason: &str, n: u64) -> (String, String, u64) {
    (stage.to_string(), reason.to_string(), n)
}

/// The last one in and the first one out of each category, as expected-shortlist.txt (worked
/// out independently by examples/generate.py) writes them around its quota line: code, exact total.
fn expected_line() -> Vec<((String, String), (String, String))> {
    let text = std::fs::read_to_string(example("expected-shortlist.txt")).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    let row = |l: &str| {
        let f: Vec<&str> = l.split_whitespace().collect();
        (f[1].to_string(), f[2].to_string())
    };
    lines
        .iter()
        .enumerate()
        .filter(|(_, l)| l.starts_with("---- quota line"))
        .map(|(i, _)| (row(lines[i - 1]), row(lines[i + 1])))
        .collect()
}

#[test]
fn the_figures_of_the_example_year() {
    let env = assessed_year();
    let r = report_json(&env);
    assert_eq!(r["year"], 2026);
    assert_eq!(r["state"], "open");
    assert_eq!(r["date"], "2026-12-04");
    assert_eq!(r["audit_head"], env.ok(&["audit", "head"]).trim(), "the record's head");
    assert_eq!(r["proposed"], Value::Null);
    assert_eq!(r["objections"], Value::Null);

    // The funnel: before the grant, the last step is lost as "not yet granted".
    let w = funnel(&r, "window", None);
    // The unit veto on 梅山海关 takes its three windows out at "eligible".
    assert_eq!(counts(w), steps([46, 45, 45, 39, 10, 0]));
    assert_eq!(
        losses(w),
        vec![
            loss("verified", "rejected:late", 1),
            loss("eligible", "vetoed:criminal", 3),
            loss("eligible", "below_threshold", 2),
            loss("eligible", "vetoed:complaint", 1),
            loss("shortlisted", "below_quota_line", 29),
            loss("awarded", "not_yet_granted", 10),
        ]
    );
    let p = funnel(&r, "individual", None);
    assert_eq!(counts(p), steps([126, 125, 123, 121, 20, 0]));

    env.ok(&["award", "grant"]);
    let r = report_json(&env);
    assert_eq!(r["state"], "awarded");
    let w = funnel(&r, "window", None);
    assert_eq!(counts(w), steps([46, 45, 45, 39, 10, 10]));
    assert_eq!(losses(w).len(), 5);
    let p = funnel(&r, "individual", None);
    assert_eq!(counts(p), steps([126, 125, 123, 121, 20, 20]));
    assert_eq!(
        losses(p),
        vec![
            loss("verified", "rejected:incomplete", 1),
            loss("complete", "too_few_joint", 2),
            loss("eligible", "vetoed:criminal", 1),
            loss("eligible", "vetoed:discipline", 1),
            loss("shortlisted", "below_quota_line", 101),
        ]
    );
    for (cat, group, n) in [
        ("window", "北仑单位共建片组", [20, 20, 20, 19, 4, 4]),
        ("window", "梅山港区共建片组", [15, 14, 14, 10, 1, 1]),
        ("window", "镇海区域共建片组", [11, 11, 11, 10, 5, 5]),
        ("individual", "北仑单位共建片组", [56, 55, 53, 51, 11, 11]),
        ("individual", "梅山港区共建片组", [38, 38, 38, 38, 3, 3]),
        ("individual", "镇海区域共建片组", [32, 32, 32, 32, 6, 6]),
    ] {
        assert_eq!(counts(funnel(&r, cat, Some(group))), steps(n), "{cat} {group}");
    }
    assert_eq!(r["funnel"].as_array().unwrap().len(), 8);

    // The quota line, against the file worked out independently.
    let line = r["line"].as_array().unwrap();
    let expected = expected_line();
    assert_eq!(line.len(), 2);
    assert_eq!(expected.len(), 2);
    for (l, (last_in, first_out)) in line.iter().zip(&expected) {
        assert_eq!(l["last_in"]["code"], last_in.0.as_str());
        assert_eq!(l["last_in"]["total_exact"], last_in.1.as_str());
        assert_eq!(l["first_out"]["code"], first_out.0.as_str());
        assert_eq!(l["first_out"]["total_exact"], first_out.1.as_str());
        assert_eq!(l["tie"], serde_json::json!([]));
        // Every bar's parts add up to its total.
        for b in l["bars"].as_array().unwrap() {
            let sum = b["self"].as_f64().unwrap() + b["joint"].as_f64().unwrap() + b["inspection"].as_f64().unwrap();
            assert!((sum - b["total"].as_f64().unwrap()).abs() < 1e-3, "{b}");
        }
    }
    let (w, p) = (&line[0], &line[1]);
    assert_eq!(
        (w["category"].as_str(), w["quota"].as_u64(), w["eligible"].as_u64()),
        (Some("window"), Some(10), Some(39))
    );
    assert_eq!(w["last_in"]["code"], "W2026-044");
    assert_eq!(w["first_out"]["code"], "W2026-025");
    assert_eq!(w["margin_exact"], "1/8");
    assert_eq!(w["margin"], 0.125);
    assert_eq!(w["near"], 5);
    assert_eq!(p["margin_exact"], "1/15");
    assert_eq!(p["near"], 14);
    assert_eq!(p["decided_by"], Value::Null);
    // Eight places either side of the line.
    let ranks: Vec<u64> = w["bars"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| b["rank"].as_u64().unwrap())
        .collect();
    assert_eq!(ranks, (3..=18).collect::<Vec<u64>>());
    let ranks: Vec<u64> = p["bars"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| b["rank"].as_u64().unwrap())
        .collect();
    assert_eq!(ranks, (13..=28).collect::<Vec<u64>>());
    // The same line as `rank` draws it.
    let rank = json(&env.ok(&["rank", "--format", "json", "--category", "window"]));
    let last_shortlisted = rank
        .as_array()
        .unwrap()
        .iter()
        .rfind(|x| x["shortlisted"] == true)
        .unwrap();
    assert_eq!(last_shortlisted["code"], w["last_in"]["code"]);
    assert_eq!(last_shortlisted["total"], w["last_in"]["total"]);

    // The panel.
    let panel = &r["panel"];
    let evaluators = panel["evaluators"].as_array().unwrap();
    assert_eq!(evaluators.len(), 7);
    let sheets: u64 = evaluators.iter().map(|e| e["sheets"].as_u64().unwrap()).sum();
    assert_eq!(sheets, 1014, "every joint sheet of the example year");
    assert_eq!(panel["outliers"], serde_json::json!(["张立群"]));
    assert_eq!(panel["outlier_points"], 1.5);
    let zhang = evaluators.iter().find(|e| e["evaluator"] == "张立群").unwrap();
    assert_eq!(zhang["sheets"], 143);
    assert!((zhang["leniency"].as_f64().unwrap() + 1.6101).abs() < 1e-4, "{zhang}");
    assert_eq!(zhang["outlier"], true);
    for e in evaluators.iter().filter(|e| e["evaluator"] != "张立群") {
        assert!(e["leniency"].as_f64().unwrap().abs() < 1.5, "{e}");
        let [min, q1, med, q3, max] = ["min", "q1", "median", "q3", "max"].map(|k| e[k].as_f64().unwrap());
        assert!(min <= q1 && q1 <= med && med <= q3 && q3 <= max, "{e}");
    }

    // Windows' satisfaction: 49 of 50 is exactly the line and passes.
    let sat = &r["satisfaction"];
    assert_eq!(sat["threshold"], 98.0);
    assert_eq!(sat["windows"].as_array().unwrap().len(), 45);
    assert_eq!(sat["below"], serde_json::json!(["W2026-043", "W2026-029"]));
    let w017 = sat["windows"]
        .as_array()
        .unwrap()
        .iter()
        .find(|w| w["code"] == "W2026-017")
        .unwrap();
    assert_eq!(
        (w017["percent"].as_f64(), w017["meets"].as_bool()),
        (Some(98.0), Some(true))
    );

    // Deductions by month and kind.
    let d = &r["deductions"];
    assert_eq!(d["findings"], 149);
    assert_eq!(d["points"], 184.5);
    assert_eq!(d["peak"], "2026-04");
    let months = d["months"].as_array().unwrap();
    assert_eq!(months.len(), 18, "March to November, open and covert");
    let april: Vec<(u64, f64)> = months
        .iter()
        .filter(|m| m["month"] == "2026-04")
        .map(|m| (m["findings"].as_u64().unwrap(), m["points"].as_f64().unwrap()))
        .collect();
    assert_eq!(april, vec![(16, 19.0), (13, 13.5)]);

    // Vetoes, with their outcome.
    let vetoes: Vec<(String, String, String)> = r["vetoes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| {
            (
                v["code"].as_str().unwrap().to_string(),
                v["reason"].as_str().unwrap().to_string(),
                v["outcome"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert_eq!(
        vetoes,
        [
            ("P2026-025", "criminal", "in_force"),
            ("P2026-037", "discipline", "in_force"),
            ("W2026-015", "complaint", "in_force"),
            // The veto against 梅山海关, which reaches its windows.
            ("", "criminal", "in_force")
        ]
        .map(|(a, b, c)| (a.to_string(), b.to_string(), c.to_string()))
    );
    let unit = &r["vetoes"][3];
    assert_eq!(
        (unit["against"].as_str(), unit["unit"].as_str(), unit["name"].as_str()),
        (Some("unit"), Some("梅山海关"), Some("王某"))
    );
}

#[test]
fn a_revoked_veto_is_shown_with_its_outcome() {
    let env = assessed_year();
    env.ok(&["veto", "revoke", "3", "--reason", "经复查投诉不属实"]);
    let r = report_json(&env);
    let v = &r["vetoes"][2];
    assert_eq!(
        (v["code"].as_str(), v["outcome"].as_str()),
        (Some("W2026-015"), Some("revoked"))
    );
    assert_eq!(v["revoke_reason"], "经复查投诉不属实");
    // 39 eligible before (the unit veto takes three), one more once the veto is revoked.
    assert_eq!(funnel(&r, "window", None)["steps"][3]["count"], 40);
    let html = env.ok(&["report", "--lang", "zh"]);
    assert!(html.contains("已撤销"), "{html}");
    assert!(html.contains("经复查投诉不属实"));
}

/// The `<svg>` elements of a page.
fn charts(html: &str) -> Vec<&str> {
    html.match_indices("<svg class=\"chart\"")
        .map(|(i, _)| {
            let end = html[i..].find("</svg>").expect("a closed svg") + i + "</svg>".len();
            &html[i..end]
        })
        .collect()
}

#[test]
fn the_page_holds_every_section_self_contained() {
    let env = assessed_year();
    env.ok(&["award", "grant"]);
    let out = env.path("概览.html");
    let r = env.run(&["report", "--out", &out, "--date", "2026-12-04"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.is_empty());
    assert!(r.stderr.contains("wrote the report to"), "{}", r.stderr);
    let html = std::fs::read_to_string(&out).unwrap();
    assert!(html.starts_with("<!DOCTYPE html>"));
    // Nothing to fetch and nothing to run.
    for bad in ["<script", "src=", "href=", "@import", "<link", "<img"] {
        assert!(!html.contains(bad), "the page holds {bad}");
    }
    assert_eq!(html.matches("url(").count(), html.matches("url(#").count());
    assert!(html.contains("@page { size: A4 portrait;"));
    assert_eq!(html.matches("<section class=\"page\">").count(), 5);
    assert_eq!(html.matches("<footer>").count(), 5, "the footer on every page");
    let head = env.ok(&["audit", "head"]);
    assert!(html.contains(&format!(
        "term awarded · as of 2026-12-04 · audit head: <span class=\"hash\">{}</span>",
        head.trim()
    )));
    let svgs = charts(&html);
    assert_eq!(svgs.len(), 8);
    for s in &svgs {
        // A title (the first text, bold), axis labels and a reading (the last text).
        assert!(s.contains("font-weight=\"bold\""), "{s}");
        assert!(s.matches("<text").count() >= 6, "{s}");
        assert!(s.contains("transform=\"rotate(-90"), "a vertical axis label: {s}");
    }
    for reading in [
        "46 nominated, 10 awarded; the most fell out at &quot;shortlisted&quot;: 29",
        "Margin 0.125 points between W2026-044 (last in, 91.375) and W2026-025 (first out, 91.25); 5 other candidate(s) within 0.5 points of the last one in",
        "Margin 0.0666… points between P2026-046 (last in, 94.15) and P2026-021 (first out, 94.0833…)",
        "7 evaluators, 1014 sheets; medians from",
        "Named: 张立群 marks 1.6101… points below the others",
        "2 of 45 windows below 98%: W2026-043 47/50, W2026-029 95/100; 1 exactly at 98% (passes)",
        "149 findings deducted 184.5 points in all",
        "quota line: 10",
    ] {
        assert!(html.contains(reading), "missing: {reading}");
    }
    // Objections: none recorded, as this database keeps none.
    assert!(html.contains("<h3>Objections</h3>\n<p>None recorded.</p>"));

    // In Chinese, with --lang.
    let zh = env.ok(&["report", "--lang", "zh", "--date", "2026-12-04"]);
    assert!(zh.starts_with("<!DOCTYPE html>\n<html lang=\"zh-CN\">"));
    for text in [
        "2026年度评选概览",
        "末位入围 W2026-044（91.375）与首位未入围 W2026-025（91.25）相差 0.125 分；另有 5 个候选对象与末位入围者相差不超过 0.5 分",
        "需关注：张立群 平均比其他评委低 1.6101… 分",
        "45 个窗口中 2 个低于 98%：W2026-043 47/50、W2026-029 95/100；1 个恰为 98%（达标）",
        "审计记录链头：",
        "异议",
    ] {
        assert!(zh.contains(text), "missing: {text}");
    }
    // A .json ending gives the figures.
    let out = env.path("report.json");
    env.ok(&["report", "--out", &out]);
    let v = json(&std::fs::read_to_string(&out).unwrap());
    assert_eq!(v["line"][0]["margin_exact"], "1/8");
}

#[test]
fn a_tie_at_the_line_is_marked_and_the_reading_says_so() {
    let env = Env::with_term();
    set_scheme(&env, "quota = 20", "quota = 2");
    seed(&env, &year());
    let r = report_json(&env);
    let l = &r["line"][1];
    assert_eq!(l["tie"], serde_json::json!(["P2026-002", "P2026-003"]));
    assert_eq!(l["last_in"]["code"], "P2026-001");
    assert_eq!(l["first_out"]["code"], "P2026-002");
    let tied: Vec<&str> = l["bars"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|b| b["tie_at_cutoff"] == true)
        .map(|b| b["code"].as_str().unwrap())
        .collect();
    assert_eq!(tied, ["P2026-002", "P2026-003"]);
    let places: Vec<u64> = l["bars"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| b["place"].as_u64().unwrap())
        .collect();
    assert_eq!(places, [1, 2, 3, 4, 5, 6], "every eligible one, the quota being 2");
    let f = funnel(&r, "individual", None);
    assert_eq!(f["tied_at_line"], 2);
    // Shortlisted counts the tied with the one within the quota.
    assert_eq!(f["steps"][4]["count"], 3);
    let html = env.ok(&["report"]);
    assert!(
        html.contains("Tie at the line: P2026-002, P2026-003 share rank 2 for 1 place(s); the committee decides"),
        "{html}"
    );
    assert!(html.contains("⚖ 2 P2026-002 李强"));
    assert!(html.contains("2 of the shortlisted are tied at the quota line"));
    // The funnel's other losses of this small year, each where it happens.
    assert!(losses(f).contains(&loss("verified", "rejected:late", 1)));
    assert!(losses(f).contains(&loss("complete", "too_few_joint", 2)));
    assert!(losses(funnel(&r, "window", None)).contains(&loss("verified", "not_verified", 1)));
    assert!(losses(funnel(&r, "window", None)).contains(&loss("verified", "withdrawn", 1)));
    assert!(losses(funnel(&r, "window", None)).contains(&loss("complete", "no_survey", 1)));
}

#[test]
fn a_wrong_date_and_a_missing_term_are_refused() {
    let env = assessed_year();
    let err = env.fails(&["report", "--date", "2026-13-01"]);
    assert!(err.contains("--date \"2026-13-01\""), "{err}");
    let empty = Env::new();
    let err = empty.fails(&["report"]);
    assert!(err.contains("no database at"), "{err}");
}

// ---- the workbook ----------------------------------------------------------------------------

fn sheet_names(path: &str) -> Vec<String> {
    open_workbook_auto(path).unwrap().sheet_names().to_vec()
}

fn text(d: &Data) -> String {
    match d {
        Data::String(s) => s.clone(),
        Data::Empty => String::new(),
        other => panic!("not text: {other:?}"),
    }
}

/// A number cell, as Excel stores it; panics on anything else (a number written as text).
fn number(d: &Data) -> f64 {
    match d {
        Data::Float(f) => *f,
        Data::Int(i) => *i as f64,
        other => panic!("not a number cell: {other:?}"),
    }
}

/// The headers (second row, under the title) and the rows of a sheet.
fn sheet(path: &str, name: &str) -> (Vec<String>, Vec<Vec<Data>>) {
    let mut rows = cells(path, Some(name));
    assert!(rows.len() >= 2, "{name}: no header");
    let body = rows.split_off(2);
    (rows[1].iter().map(text).collect(), body)
}

/// Equal as the JSON says it: serde_json reads a decimal to within a unit of its last place.
#[track_caller]
fn same(cell: f64, json: &Value) {
    let j = json.as_f64().unwrap_or_else(|| panic!("not a number: {json}"));
    assert!(
        (cell - j).abs() <= 1e-9 * j.abs().max(1.0),
        "{cell} in the workbook, {j} in the JSON"
    );
}

fn column(headers: &[String], label: &str) -> usize {
    headers
        .iter()
        .position(|h| h == label)
        .unwrap_or_else(|| panic!("no column {label} in {headers:?}"))
}

#[test]
fn the_report_as_a_workbook_holds_the_figures_of_the_json() {
    let env = assessed_year();
    env.ok(&["award", "grant"]);
    let r = report_json(&env);
    let path = env.path("2026概览.xlsx");
    env.ok(&["--lang", "zh", "report", "--date", "2026-12-04", "--out", &path]);
    assert_eq!(
        sheet_names(&path),
        [
            "概况",
            "评选漏斗",
            "名额线",
            "名额线附近排名",
            "联评",
            "满意度",
            "扣分",
            "一票否决"
        ]
    );
    let title = &cells(&path, Some("概况"))[0][0];
    assert_eq!(text(title), "2026年度评选概览：概况");

    // The funnel: a row a category and group, each count the JSON's, as numbers; every loss
    // counted in its own column.
    let (h, rows) = sheet(&path, "评选漏斗");
    assert_eq!(
        h[..9],
        [
            "类别",
            "片组",
            "推荐",
            "核对通过",
            "材料齐全",
            "符合条件",
            "入围",
            "授奖",
            "名额线并列"
        ]
    );
    assert!(
        h.contains(&"名额线以下".to_string()) && h.contains(&"联评人数不足".to_string()),
        "{h:?}"
    );
    let funnels = r["funnel"].as_array().unwrap();
    assert_eq!(rows.len(), funnels.len());
    for (f, row) in funnels.iter().zip(&rows) {
        let cat = match f["category"].as_str().unwrap() {
            "window" => "窗口",
            _ => "个人",
        };
        assert_eq!(text(&row[0]), cat);
        assert_eq!(text(&row[1]), f["group"].as_str().unwrap_or("全部片组"));
        let sheet_counts: Vec<u64> = row[2..8].iter().map(|d| number(d) as u64).collect();
        let json_counts: Vec<u64> = counts(f).into_iter().map(|c| c.1).collect();
        assert_eq!(sheet_counts, json_counts, "{f}");
        assert_eq!(number(&row[8]) as u64, f["tied_at_line"].as_u64().unwrap());
        let lost: f64 = row[9..].iter().filter(|d| **d != Data::Empty).map(number).sum();
        let json_lost: u64 = losses(f).iter().map(|l| l.2).sum();
        assert_eq!(lost as u64, json_lost, "{f}");
    }
    let below = column(&h, "名额线以下");
    assert_eq!(number(&rows[4][below]), 101.0, "individuals below the line");

    // The quota line: totals and margins as the JSON's numbers, with the exact fractions.
    let (h, rows) = sheet(&path, "名额线");
    for (l, row) in r["line"].as_array().unwrap().iter().zip(&rows) {
        same(number(&row[column(&h, "名额")]), &l["quota"]);
        same(number(&row[column(&h, "分差")]), &l["margin"]);
        assert_eq!(
            text(&row[column(&h, "分差（精确）")]),
            l["margin_exact"].as_str().unwrap()
        );
        let last = column(&h, "末位入围总分");
        same(number(&row[last]), &l["last_in"]["total"]);
        assert_eq!(text(&row[last + 1]), l["last_in"]["total_exact"].as_str().unwrap());
    }
    let (h, rows) = sheet(&path, "名额线附近排名");
    let bars: Vec<&Value> = r["line"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|l| l["bars"].as_array().unwrap())
        .collect();
    assert_eq!(rows.len(), bars.len());
    for (b, row) in bars.iter().zip(&rows) {
        assert_eq!(text(&row[column(&h, "编号")]), b["code"].as_str().unwrap());
        same(number(&row[column(&h, "总分")]), &b["total"]);
        same(number(&row[column(&h, "名次")]), &b["rank"]);
    }

    // The panel, the windows' satisfaction, the deductions and the vetoes.
    let (h, rows) = sheet(&path, "联评");
    for (e, row) in r["panel"]["evaluators"].as_array().unwrap().iter().zip(&rows) {
        assert_eq!(text(&row[0]), e["evaluator"].as_str().unwrap());
        same(number(&row[column(&h, "平均")]), &e["mean"]);
        same(number(&row[column(&h, "与他人之差")]), &e["leniency"]);
    }
    let (h, rows) = sheet(&path, "满意度");
    assert_eq!(h.last().unwrap(), "达到98%");
    let windows = r["satisfaction"]["windows"].as_array().unwrap();
    assert_eq!(rows.len(), windows.len());
    for (w, row) in windows.iter().zip(&rows) {
        same(number(&row[column(&h, "满意度")]), &w["percent"]);
    }
    let (h, rows) = sheet(&path, "扣分");
    let total = rows.last().unwrap();
    assert_eq!(text(&total[0]), "合计");
    same(number(&total[column(&h, "合计扣分")]), &r["deductions"]["points"]);
    let (_, rows) = sheet(&path, "一票否决");
    assert_eq!(rows.len(), r["vetoes"].as_array().unwrap().len());

    // In English without --lang (the tests run under LANG=C).
    let en = env.path("report-2026.xlsx");
    env.ok(&["report", "--out", &en]);
    assert_eq!(sheet_names(&en)[..3], ["Overview", "Funnel", "Quota line"]);
    assert_eq!(sheet(&en, "Funnel").0[..3], ["category", "group", "nominated"]);
}

#[test]
fn the_objections_reach_the_workbook_when_the_term_had_a_public_notice() {
    let env = assessed_year();
    propose_with_an_objection(&env);
    let path = env.path("概览.xlsx");
    env.ok(&["--lang", "zh", "report", "--out", &path]);
    assert_eq!(sheet_names(&path).last().unwrap(), "公示异议");
    let (h, rows) = sheet(&path, "公示异议");
    assert_eq!(text(&rows[0][column(&h, "反映内容")]), "该窗口曾要求重复提交材料");
    assert_eq!(text(&rows[0][column(&h, "办理情况")]), "待办");
    let (h, rows) = sheet(&path, "评选漏斗");
    assert_eq!(number(&rows[0][column(&h, "公示")]), 10.0);
}

/// The workbook passes the Open XML SDK's validator, where it is installed (see `official`).
#[test]
fn the_report_workbook_passes_the_open_xml_sdk_validator() {
    let env = assessed_year();
    let path = env.path("概览.xlsx");
    env.ok(&["--lang", "zh", "report", "--out", &path]);
    crate::official::passes_the_open_xml_validator(&path);
}

#[test]
fn an_ending_the_report_cannot_give_is_refused_and_nothing_written() {
    let env = assessed_year();
    for name in ["概览.docx", "概览", "report.txt"] {
        let path = env.path(name);
        let err = env.fails(&["report", "--out", &path]);
        assert!(
            err.contains(&path) && err.contains(".xlsx, .csv, .json, .md or .html"),
            "{err}"
        );
        assert!(!Path::new(&path).exists(), "{name} was written");
    }
    let path = env.path("概览.docx");
    let err = env.fails(&["--lang", "zh", "report", "--out", &path]);
    assert!(
        err.contains("--out 的文件名须以 .xlsx、.csv、.json、.md 或 .html 结尾"),
        "{err}"
    );
    // CSV on stdout is for scripts, which take the JSON; in a file it is for Excel.
    let err = env.fails(&["report", "--format", "csv"]);
    assert!(err.contains("for CSV, give --out with a file ending in .csv"), "{err}");
    // The ending picks the form, over --format: .json the figures.
    let json_path = env.path("概览.json");
    env.ok(&["report", "--format", "csv", "--date", "2026-12-04", "--out", &json_path]);
    assert_eq!(json(&std::fs::read_to_string(&json_path).unwrap()), report_json(&env));
}

/// The sections as Markdown tables and as one CSV for Excel, with the figures of the JSON.
#[test]
fn the_report_as_markdown_and_as_csv_for_excel() {
    let env = assessed_year();
    let r = report_json(&env);
    let nominated = funnel(&r, "window", None)["steps"][0]["count"].as_i64().unwrap();
    let md = env.ok(&["--lang", "zh", "report", "--format", "md", "--date", "2026-12-04"]);
    assert!(md.starts_with("# 2026年度评选概览\n"), "{md}");
    for section in [
        "## 概况",
        "## 评选漏斗",
        "## 名额线",
        "## 联评",
        "## 满意度",
        "## 扣分",
        "## 一票否决",
    ] {
        assert!(md.contains(section), "{section} missing from\n{md}");
    }
    assert!(md.contains(&format!("| 窗口：推荐 | {nominated} |")), "{md}");
    let same = env.path("概览.md");
    env.ok(&["--lang", "zh", "report", "--date", "2026-12-04", "--out", &same]);
    assert_eq!(std::fs::read_to_string(&same).unwrap(), md);
    let csv = env.path("概览.csv");
    env.ok(&["--lang", "zh", "report", "--date", "2026-12-04", "--out", &csv]);
    let bytes = std::fs::read(&csv).unwrap();
    assert!(bytes.starts_with(b"\xEF\xBB\xBF"), "a BOM for Excel");
    let text = String::from_utf8(bytes[3..].to_vec()).unwrap();
    assert!(text.contains("\r\n"), "CRLF for Excel");
    let mut rows = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let rows: Vec<Vec<String>> = rows
        .records()
        .map(|r| r.unwrap().iter().map(String::from).collect())
        .collect();
    assert_eq!(rows[0], vec!["概况".to_string()]);
    assert_eq!(rows[1], vec!["项目".to_string(), "内容".to_string()]);
    assert!(
        rows.contains(&vec!["窗口：推荐".to_string(), nominated.to_string()]),
        "{rows:?}"
    );
    assert!(rows.contains(&vec!["评选漏斗".to_string()]), "{rows:?}");
}

#[test]
fn a_term_with_nothing_recorded_yet_reports_zeros() {
    let env = Env::with_term();
    let r = report_json(&env);
    assert_eq!(counts(funnel(&r, "window", None)), steps([0; 6]));
    assert_eq!(r["line"][0]["last_in"], Value::Null);
    assert_eq!(r["line"][0]["bars"], serde_json::json!([]));
    assert_eq!(r["panel"]["evaluators"], serde_json::json!([]));
    assert_eq!(r["deductions"]["peak"], Value::Null);
    let book = env.path("empty.xlsx");
    env.ok(&["report", "--out", &book]);
    assert_eq!(sheet_names(&book).len(), 8);
    assert_eq!(sheet(&book, "Panel").1.len(), 0, "no evaluators");
    let html = env.ok(&["report"]);
    assert_eq!(charts(&html).len(), 8);
    for text in [
        "No eligible candidate yet",
        "No joint sheets recorded",
        "No satisfaction survey recorded",
        "No deductions recorded",
        "<h3>One-vote vetoes</h3>\n<p>None recorded.</p>",
    ] {
        assert!(html.contains(text), "missing: {text}");
    }
}

#[test]
fn help_text() {
    let env = Env::new();
    let out = env
        .cmd()
        .env("COLUMNS", "100")
        .args(["report", "--help"])
        .output()
        .unwrap();
    assert!(out.status.success());
    insta::assert_snapshot!("help_report", String::from_utf8(out.stdout).unwrap());
}

// ---- rendered in headless Chromium ------------------------------------------------------------------

/// The first of these programs on the PATH.
fn program(names: &[&str]) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .flat_map(|dir| names.iter().map(move |n| dir.join(n)))
        .find(|p| p.is_file())
}

/// Prints a page to PDF with headless Chromium.
fn print_pdf(chromium: &Path, html: &Path, pdf: &Path, profile: &Path) {
    let out = Command::new(chromium)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-pdf-header-footer",
            "--no-first-run",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .arg(format!("--print-to-pdf={}", pdf.display()))
        .arg(format!("file://{}", html.display()))
        .output()
        .expect("running chromium");
    assert!(
        pdf.is_file(),
        "chromium wrote no PDF: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

fn tool(name: &str, args: &[&str]) -> String {
    let out = Command::new(name)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("{name}: {e}"));
    assert!(
        out.status.success(),
        "{name} {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn pages(pdf: &Path) -> usize {
    tool("pdfinfo", &[&pdf.display().to_string()])
        .lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .and_then(|n| n.trim().parse().ok())
        .expect("a page count")
}

/// The share of a page's pixels that are not white, rendered in grey at 40 dpi.
fn ink(pdf: &Path, page: usize, dir: &Path) -> f64 {
    let stem = dir.join(format!("ink-{}-{page}", pdf.file_stem().unwrap().to_string_lossy()));
    let p = page.to_string();
    tool(
        "pdftoppm",
        &[
            "-gray",
            "-r",
            "40",
            "-f",
            &p,
            "-l",
            &p,
            "-singlefile",
            &pdf.display().to_string(),
            &stem.display().to_string(),
        ],
    );
    let bytes = std::fs::read(stem.with_extension("pgm")).expect("a PGM page");
    // P5 width height maxval, then one byte a pixel.
    let mut fields = Vec::new();
    let mut i = 0;
    while fields.len() < 4 {
        while bytes[i].is_ascii_whitespace() {
            i += 1;
        }
        let start = i;
        while !bytes[i].is_ascii_whitespace() {
            i += 1;
        }
        fields.push(String::from_utf8_lossy(&bytes[start..i]).into_owned());
    }
    let pixels = &bytes[i + 1..];
    assert_eq!(fields[0], "P5");
    pixels.iter().filter(|&&b| b < 230).count() as f64 / pixels.len() as f64
}

/// A chart alone on a page, or only its words (every shape taken out) for comparison.
fn chart_pages(svgs: &[&str], words_only: bool) -> String {
    let mut body = String::new();
    for s in svgs {
        let s = if words_only {
            s.lines()
                .filter(|l| l.starts_with("<svg") || l.starts_with("<text") || l.starts_with("</svg"))
                .collect::<Vec<_>>()
                .join("\n")
        } else {
            s.to_string()
        };
        body += &format!("<div style=\"break-after: page\">{s}</div>\n");
    }
    format!(
        "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><style>@page {{ size: A4; margin: 10mm; }} body {{ margin: 0; font-family: \"Noto Sans CJK SC\", sans-serif; }} svg {{ width: 100%; height: auto; }}</style></head><body>{body}</body></html>"
    )
}

#[test]
fn the_page_prints_on_a4_and_every_chart_draws() {
    let Some(chromium) = program(&["chromium", "chromium-browser", "google-chrome", "google-chrome-stable"]) else {
        eprintln!(
            "SKIPPED the_page_prints_on_a4_and_every_chart_draws: Chromium is not installed \
             (apt-get install chromium fonts-noto-cjk poppler-utils)"
        );
        return;
    };
    if program(&["pdftoppm"]).is_none() || program(&["pdfinfo"]).is_none() || program(&["pdftotext"]).is_none() {
        eprintln!("SKIPPED the_page_prints_on_a4_and_every_chart_draws: poppler-utils is not installed");
        return;
    }
    let fonts = Command::new("fc-list")
        .arg(":lang=zh")
        .output()
        .map(|o| o.stdout)
        .unwrap_or_default();
    if !String::from_utf8_lossy(&fonts).contains("Noto Sans CJK") {
        eprintln!(
            "SKIPPED the_page_prints_on_a4_and_every_chart_draws: Noto CJK fonts are not installed (fonts-noto-cjk)"
        );
        return;
    }
    let env = assessed_year();
    env.ok(&["award", "grant"]);
    let dir = env.dir.path();
    let profile = dir.join("chromium-profile");
    for lang in ["zh", "en"] {
        let html_path = dir.join(format!("report-{lang}.html"));
        env.ok(&[
            "report",
            "--lang",
            lang,
            "--date",
            "2026-12-04",
            "--out",
            &html_path.display().to_string(),
        ]);
        let pdf = dir.join(format!("report-{lang}.pdf"));
        print_pdf(&chromium, &html_path, &pdf, &profile);
        assert_eq!(pages(&pdf), 5, "{lang}: one page a section");
        // The page size is A4 (595 × 842 points).
        let info = tool("pdfinfo", &[&pdf.display().to_string()]);
        assert!(info.contains("(A4)"), "{info}");
        // Each section's heading and its readings are on their page.
        let text = |page: usize| {
            tool(
                "pdftotext",
                &[
                    "-f",
                    &page.to_string(),
                    "-l",
                    &page.to_string(),
                    &pdf.display().to_string(),
                    "-",
                ],
            )
        };
        let expect: [&str; 5] = match lang {
            "zh" => [
                "一、从推荐到授奖",
                "二、名额线附近",
                "三、联评评委",
                "四、窗口满意度与检查扣分",
                "五、一票否决与异议",
            ],
            _ => [
                "1. From nomination to award",
                "2. Around the quota line",
                "3. The panel",
                "4. Windows' satisfaction and inspections",
                "5. Vetoes and objections",
            ],
        };
        for (i, heading) in expect.iter().enumerate() {
            let t = text(i + 1);
            assert!(t.contains(heading), "{lang} page {}: {t}", i + 1);
            assert!(t.contains("2026-12-04"), "the footer on page {}", i + 1);
        }
        // The first page as a picture.
        let png = dir.join(format!("page-{lang}"));
        tool(
            "pdftoppm",
            &[
                "-png",
                "-r",
                "50",
                "-f",
                "1",
                "-l",
                "1",
                "-singlefile",
                &pdf.display().to_string(),
                &png.display().to_string(),
            ],
        );
        let bytes = std::fs::read(png.with_extension("png")).unwrap();
        assert!(bytes.starts_with(b"\x89PNG\r\n\x1a\n"));

        // Each chart drew: alone on a page it leaves clearly more ink than its words alone.
        let html = std::fs::read_to_string(&html_path).unwrap();
        let svgs = charts(&html);
        assert_eq!(svgs.len(), 8);
        let full = dir.join(format!("charts-{lang}.html"));
        let words = dir.join(format!("words-{lang}.html"));
        std::fs::write(&full, chart_pages(&svgs, false)).unwrap();
        std::fs::write(&words, chart_pages(&svgs, true)).unwrap();
        let (full_pdf, words_pdf) = (
            dir.join(format!("charts-{lang}.pdf")),
            dir.join(format!("words-{lang}.pdf")),
        );
        print_pdf(&chromium, &full, &full_pdf, &profile);
        print_pdf(&chromium, &words, &words_pdf, &profile);
        assert_eq!(pages(&full_pdf), 8);
        assert_eq!(pages(&words_pdf), 8);
        for i in 1..=8 {
            let (drawn, bare) = (ink(&full_pdf, i, dir), ink(&words_pdf, i, dir));
            assert!(bare > 0.001, "{lang} chart {i}: its words printed ({bare})");
            assert!(
                drawn > bare * 1.5 && drawn - bare > 0.005,
                "{lang} chart {i}: drawn {drawn}, words only {bare}"
            );
            let t = tool(
                "pdftotext",
                &[
                    "-f",
                    &i.to_string(),
                    "-l",
                    &i.to_string(),
                    &full_pdf.display().to_string(),
                    "-",
                ],
            );
            assert!(
                t.lines().filter(|l| !l.trim().is_empty()).count() >= 5,
                "{lang} chart {i}: {t}"
            );
        }
    }
}

/// The proposal of the example year, 公示 from 23 November, and one objection to W2026-032.
fn propose_with_an_objection(env: &Env) {
    env.ok(&["award", "propose", "--from", "2026-11-23", "--days", "5"]);
    env.ok(&[
        "objection",
        "add",
        "W2026-032",
        "--from",
        "某货代企业",
        "--text",
        "该窗口曾要求重复提交材料",
        "--date",
        "2026-11-25",
    ]);
}

#[test]
fn the_public_notice_and_its_objections_reach_the_report() {
    let env = assessed_year();
    propose_with_an_objection(&env);
    let r = report_json(&env);
    let o = &r["objections"][0];
    assert_eq!(
        (o["code"].as_str(), o["outcome"].as_str()),
        (Some("W2026-032"), Some("open"))
    );
    env.ok(&[
        "objection",
        "resolve",
        "1",
        "--dismissed",
        "--finding",
        "经调查，系企业材料不全",
    ]);
    let r = report_json(&env);
    let o = &r["objections"][0];
    assert_eq!(o["outcome"], "dismissed");
    assert_eq!(o["finding"], "经调查，系企业材料不全");
    // The proposed step of the funnel: the shortlist, as proposed.
    for (cat, n) in [("window", 10), ("individual", 20)] {
        let steps = counts(funnel(&r, cat, None));
        assert!(steps.contains(&("proposed".to_string(), n)), "{cat}: {steps:?}");
    }
    let html = env.ok(&["report", "--lang", "zh", "--date", "2026-12-04"]);
    assert!(html.contains("该窗口曾要求重复提交材料") && html.contains("经调查，系企业材料不全"));
}
