//! What the notice says, shared by every rendering, and its plain text and Markdown.

use anyhow::Result;

use super::{Awardee, NoticeData, cn_number, date_zh, escape};
use crate::values::Category;
use crate::wording::{Vars, Wording};

/// A heading and its lines; or a group, its units and their names.
type Nested<T> = Vec<(String, Vec<T>)>;

/// The awards grouped by group, then by unit, keeping the order given.
fn grouped(list: &[&Awardee]) -> Nested<(String, Vec<String>)> {
    let mut groups: Nested<(String, Vec<String>)> = Vec::new();
    for a in list {
        let gi = match groups.iter().position(|g| g.0 == a.group) {
            Some(i) => i,
            None => {
                groups.push((a.group.clone(), Vec::new()));
                groups.len() - 1
            }
        };
        let units = &mut groups[gi].1;
        let ui = match units.iter().position(|u| u.0 == a.unit) {
            Some(i) => i,
            None => {
                units.push((a.unit.clone(), Vec::new()));
                units.len() - 1
            }
        };
        units[ui].1.push(a.name.clone());
    }
    groups
}

/// The notice's parts, shared by every rendering.
pub struct Notice {
    pub number: Option<String>,
    pub wording: Wording,
    /// Per category: heading and, per group, its lines.
    pub sections: Nested<(String, Vec<String>)>,
    pub date: String,
    pub head: Option<String>,
}

/// Lines of a list under a subheading, or under none.
pub type Lines = (Option<String>, Vec<String>);

/// An official document as GB/T 9704 lays it out, whatever its kind (the commendation
/// notice, the 公示): the parts that `official_html` and the .docx writer print.
pub struct Official {
    pub letterhead: String,
    pub number: Option<String>,
    pub title: String,
    pub recipients: String,
    pub body: Vec<String>,
    /// Headings, each with its groups (under a subheading, or none) and their lines.
    pub sections: Vec<(String, Vec<Lines>)>,
    pub closing: Vec<String>,
    pub issuer: String,
    pub date: String,
    /// 抄送 (empty: no such line) and 印发机关 of the imprint.
    pub cc: String,
    pub printer: String,
    /// The head hash of the audit record, printed small.
    pub head: Option<String>,
}

impl Notice {
    /// The notice as an official document.
    pub fn official(self) -> Official {
        let w = self.wording;
        Official {
            letterhead: w.letterhead,
            number: self.number,
            title: w.title,
            recipients: w.recipients,
            body: w.body,
            sections: self
                .sections
                .into_iter()
                .map(|(heading, groups)| (heading, groups.into_iter().map(|(g, l)| (Some(g), l)).collect()))
                .collect(),
            closing: w.closing,
            issuer: w.issuer,
            date: self.date,
            cc: w.cc,
            printer: w.printer,
            head: self.head,
        }
    }
}

/// The notice, worded by its template and with the list of awards laid out.
pub fn notice(d: &NoticeData) -> Result<Notice> {
    let of = |c: Category| d.awards.iter().filter(|a| a.category == c).collect::<Vec<_>>();
    let windows = of(Category::Window);
    let people = of(Category::Individual);
    let date = date_zh(d.date);
    let first_window = windows.first().map(|a| a.full_name()).unwrap_or_default();
    let wording = d.template.render(
        &Vars {
            year: d.year,
            windows: windows.len(),
            people: people.len(),
            first_window: &first_window,
            first_person: people.first().map_or("", |a| a.name.as_str()),
            date: &date,
            serial: d.serial,
        },
        "--template",
    )?;
    let mut sections = Vec::new();
    let ordinals = ["一", "二"];
    for (i, (list, cat, measure)) in [
        (&windows, Category::Window, "个"),
        (&people, Category::Individual, "名"),
    ]
    .into_iter()
    .filter(|(l, _, _)| !l.is_empty())
    .enumerate()
    {
        let heading = format!("{}、{}（{}{measure}）", ordinals[i], cat.title_zh(), list.len());
        let groups = grouped(list)
            .into_iter()
            .enumerate()
            .map(|(gi, (group, units))| {
                let lines = units
                    .into_iter()
                    .map(|(unit, names)| match cat {
                        Category::Window => names
                            .iter()
                            .map(|n| {
                                if n.starts_with(&unit) {
                                    n.clone()
                                } else {
                                    format!("{unit}{n}")
                                }
                            })
                            .collect::<Vec<_>>()
                            .join("、"),
                        Category::Individual => format!("{unit}：{}", names.join("、")),
                    })
                    .collect();
                (format!("（{}）{group}", cn_number(gi as u32 + 1)), lines)
            })
            .collect();
        sections.push((heading, groups));
    }
    let number = d
        .number
        .clone()
        .or_else(|| Some(wording.number.clone()))
        .filter(|n| !n.trim().is_empty());
    Ok(Notice {
        number,
        wording,
        sections,
        date,
        head: d.head.clone(),
    })
}

const INDENT: &str = "\u{3000}\u{3000}";

/// The notice as plain text, ready to paste into a word processor.
pub fn notice_text(d: &NoticeData) -> Result<String> {
    let n = notice(d)?;
    let w = &n.wording;
    let mut s = String::new();
    // The plain forms keep what scripts read: the number only when --number gives it.
    if let Some(num) = d.number.as_ref().filter(|n| !n.trim().is_empty()) {
        s += &format!("{num}\n\n");
    }
    s += &format!("{}\n\n{}\n", w.title, w.recipients);
    for p in &w.body {
        s += &format!("{INDENT}{p}\n");
    }
    for (heading, groups) in &n.sections {
        s += &format!("\n{INDENT}{heading}\n");
        for (group, lines) in groups {
            s += &format!("{INDENT}{group}\n");
            for l in lines {
                s += &format!("{INDENT}{INDENT}{l}\n");
            }
        }
    }
    s.push('\n');
    for p in &w.closing {
        s += &format!("{INDENT}{p}\n");
    }
    let pad = |t: &str| " ".repeat(48usize.saturating_sub(unicode_width::UnicodeWidthStr::width(t)));
    s += &format!("\n\n{}{}\n{}{}\n", pad(&w.issuer), w.issuer, pad(&n.date), n.date);
    Ok(s)
}

/// The notice as Markdown.
pub fn notice_markdown(d: &NoticeData) -> Result<String> {
    let n = notice(d)?;
    let w = &n.wording;
    let mut s = String::new();
    if let Some(num) = d.number.as_ref().filter(|n| !n.trim().is_empty()) {
        s += &format!("<p align=\"center\">{}</p>\n\n", escape(num));
    }
    s += &format!("# {}\n\n{}\n\n", escape(&w.title), escape(&w.recipients));
    for p in &w.body {
        s += &format!("{INDENT}{}\n\n", escape(p));
    }
    for (heading, groups) in &n.sections {
        s += &format!("## {}\n\n", escape(heading));
        for (group, lines) in groups {
            s += &format!("### {}\n\n", escape(group));
            for l in lines {
                s += &format!("- {}\n", escape(l));
            }
            s.push('\n');
        }
    }
    for p in &w.closing {
        s += &format!("{INDENT}{}\n\n", escape(p));
    }
    s += &format!("<p align=\"right\">{}<br>{}</p>\n", escape(&w.issuer), escape(&n.date));
    Ok(s)
}
