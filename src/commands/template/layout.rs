//! The columns of each form as its import reads them, with their drop-down lists, and the
//! rows it comes with: one sheet, or one per evaluator for the joint sheet.

use super::record::OnRecord;
use super::{Form, ZhLabel, word};
use crate::values::{Category, fmt_points};
use crate::xlsxout::FormColumn;

fn column(header: &str, choices: &[String], text: bool) -> FormColumn {
    FormColumn {
        header: header.to_string(),
        choices: choices.to_vec(),
        text,
    }
}

fn words(ws: &[&str]) -> Vec<String> {
    ws.iter().map(|w| w.to_string()).collect()
}

fn categories() -> Vec<String> {
    Category::ALL.iter().map(|c| c.zh_label().to_string()).collect()
}

const MARKS: [(&str, &str); 5] = [
    ("c1", "指标1"),
    ("c2", "指标2"),
    ("c3", "指标3"),
    ("c4", "指标4"),
    ("c5", "指标5"),
];

/// The columns of a form, as its import reads them, with their lists.
pub(super) fn columns(f: Form, rec: &OnRecord) -> Vec<FormColumn> {
    let none: &[String] = &[];
    let h = word;
    let nominee = || {
        vec![
            column(h("code", "编号"), none, true),
            column(h("category", "类别"), &categories(), false),
            column(h("unit", "单位"), &rec.units, false),
            column(h("name", "名称"), none, false),
        ]
    };
    let marks = || {
        MARKS
            .iter()
            .map(|(en, zh)| column(h(en, zh), none, false))
            .collect::<Vec<_>>()
    };
    match f {
        Form::Units => vec![
            column(h("group", "片组"), &rec.groups, false),
            column(
                h("group_kind", "片组类型"),
                &words(&[h("unit", "单位"), h("port_area", "港区"), h("region", "区域")]),
                false,
            ),
            column(h("unit", "单位"), none, false),
            column(
                h("has_window", "对外窗口"),
                &words(&[h("yes", "是"), h("no", "否")]),
                false,
            ),
        ],
        Form::Nominations => vec![
            column(h("category", "类别"), &categories(), false),
            column(h("name", "名称"), none, false),
            column(h("unit", "单位"), &rec.units, false),
            column(h("group", "片组"), &rec.groups, false),
            column(h("position", "职务"), none, false),
            column(h("staff_no", "工号"), none, true),
            column(h("deeds", "主要事迹"), none, false),
            column(h("contact", "联系人"), none, false),
            column(h("phone", "联系电话"), none, true),
            column(h("submitted_on", "报送日期"), none, false),
        ],
        Form::SelfSheet => {
            let mut c = nominee();
            c.extend(marks());
            c.push(column(h("note", "备注"), none, false));
            c
        }
        Form::Joint => {
            let mut c = nominee();
            c.push(column(h("evaluator", "评分人"), none, false));
            c.extend(marks());
            c.push(column(h("note", "备注"), none, false));
            c
        }
        Form::Findings => {
            let mut c = nominee();
            c.extend([
                column(
                    h("kind", "方式"),
                    &words(&[h("open", "明查"), h("covert", "暗访")]),
                    false,
                ),
                column(h("date", "日期"), none, false),
                column(h("inspector", "检查人"), none, false),
                column(h("finding", "发现问题"), none, false),
                column(h("deduction", "扣分"), none, false),
            ]);
            c
        }
        Form::Surveys => {
            let mut c = nominee();
            c.extend([
                column(h("date", "日期"), none, false),
                column(h("satisfied", "满意人数"), none, false),
                column(h("total", "调查人数"), none, false),
            ]);
            c
        }
        Form::Panel => vec![
            column(h("name", "姓名"), none, false),
            column(h("unit", "单位"), &rec.units, false),
            column(h("role", "职务"), none, false),
        ],
    }
}

/// The sheets of a form and their rows: one sheet, except the joint form's one per evaluator.
pub(super) fn sheets(f: Form, rec: &OnRecord) -> Vec<(String, Vec<Vec<String>>)> {
    let id = |(code, category, unit, name): &(String, Category, String, String)| {
        vec![
            code.clone(),
            category.zh_label().to_string(),
            unit.clone(),
            name.clone(),
        ]
    };
    match f {
        Form::SelfSheet => {
            let rows = rec
                .nominees
                .iter()
                .map(|n| {
                    let mut row = id(n);
                    match rec.sheets.iter().find(|s| s.1 == n.0) {
                        Some((_, _, marks, note)) => {
                            row.extend(marks.iter().map(|m| fmt_points(*m)));
                            row.push(note.clone());
                        }
                        None => row.extend(std::iter::repeat_n(String::new(), 6)),
                    }
                    row
                })
                .collect();
            vec![(f.title().to_string(), rows)]
        }
        Form::Joint => {
            let mut evaluators: Vec<&str> = Vec::new();
            for (e, ..) in &rec.joint {
                if !evaluators.contains(&e.as_str()) {
                    evaluators.push(e);
                }
            }
            if evaluators.is_empty() {
                return vec![(f.title().to_string(), Vec::new())];
            }
            let category_of = |code: &str| rec.nominees.iter().find(|n| n.0 == code).map(|n| n.1);
            evaluators
                .into_iter()
                .map(|e| {
                    let theirs: Vec<_> = rec.joint.iter().filter(|s| s.0 == e).collect();
                    let categories: Vec<Category> = theirs.iter().filter_map(|s| category_of(&s.1)).collect();
                    let rows = rec
                        .nominees
                        .iter()
                        .filter(|n| categories.contains(&n.1))
                        .map(|n| {
                            let mut row = id(n);
                            row.push(e.to_string());
                            match theirs.iter().find(|s| s.1 == n.0) {
                                Some((_, _, marks, note)) => {
                                    row.extend(marks.iter().map(|m| fmt_points(*m)));
                                    row.push(note.clone());
                                }
                                None => row.extend(std::iter::repeat_n(String::new(), 6)),
                            }
                            row
                        })
                        .collect();
                    (e.to_string(), rows)
                })
                .collect()
        }
        Form::Units => {
            let kind = |k: &str| match k {
                "port_area" => word("port_area", "港区"),
                "region" => word("region", "区域"),
                _ => word("unit", "单位"),
            };
            let rows = rec
                .members
                .iter()
                .map(|(g, k, u, w)| {
                    let w = if *w { word("yes", "是") } else { word("no", "否") };
                    vec![g.clone(), kind(k).to_string(), u.clone(), w.to_string()]
                })
                .collect();
            vec![(f.title().to_string(), rows)]
        }
        Form::Nominations | Form::Findings | Form::Surveys | Form::Panel => {
            vec![(f.title().to_string(), rec.filled.clone())]
        }
    }
}
