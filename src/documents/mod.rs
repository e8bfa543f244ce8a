//! The documents of the award: the commendation notice (通报表彰) as text, Markdown, a
//! printable HTML page or a Word document, the 公示 in the same official layout, and the
//! certificates (荣誉证书) with the plaques' text (匾牌文字) as standalone HTML pages or as
//! the variable text for pre-printed paper. Pure functions: data in, String or bytes out. The
//! documents are in Chinese whatever the language of the screens, as the committee issues them.
//!
//! - `notice`: what the notice says, and its plain text and Markdown;
//! - `official`: an official document (GB/T 9704) as a printable page;
//! - `docx`: the same as a Word document;
//! - `certificates`: the certificates and plaques;
//! - `overprint`: the certificates' variable text for pre-printed paper.

mod certificates;
pub mod docx;
mod notice;
mod official;
pub mod overprint;

pub use certificates::{certificate_html, certificates_index_html, plaques_html};
pub use notice::{Official, notice, notice_markdown, notice_text};
pub use official::{notice_html, official_html};

use chrono::{Datelike, NaiveDate};

use crate::values::Category;
use crate::wording::Template;

/// The awarding body.
pub const COMMITTEE: &str = "宁波市口岸协调委员会";

/// One active award as the documents show it.
#[derive(Clone, Debug)]
pub struct Awardee {
    pub category: Category,
    pub name: String,
    pub unit: String,
    pub group: String,
    pub certificate: String,
}

impl Awardee {
    /// A window's full name: the unit, then the window (unless the name already says the unit).
    pub fn full_name(&self) -> String {
        match self.category {
            Category::Window if !self.name.starts_with(&self.unit) => format!("{}{}", self.unit, self.name),
            _ => self.name.clone(),
        }
    }
}

/// What the notice says: the term, its date, an optional document number (else the
/// template's), the awards in the order they are listed (by group, then unit), the template
/// it is worded by, and the audit record's head hash printed small under the signature.
#[derive(Clone, Debug)]
pub struct NoticeData {
    pub year: i32,
    pub date: NaiveDate,
    pub number: Option<String>,
    pub awards: Vec<Awardee>,
    pub template: Template,
    pub head: Option<String>,
    /// The serial of the notice in its term, for the template's number.
    pub serial: i64,
}

/// Escapes a value for HTML text and attributes.
pub fn escape(s: &str) -> String {
    let mut o = String::with_capacity(s.len());
    for ch in s.chars() {
        match ch {
            '&' => o.push_str("&amp;"),
            '<' => o.push_str("&lt;"),
            '>' => o.push_str("&gt;"),
            '"' => o.push_str("&quot;"),
            '\'' => o.push_str("&#39;"),
            c => o.push(c),
        }
    }
    o
}

/// 1 → 一, 12 → 十二, 20 → 二十, 31 → 三十一 (1..=99).
pub fn cn_number(n: u32) -> String {
    const D: [&str; 10] = ["〇", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    match n {
        0..=9 => D[n as usize].to_string(),
        10 => "十".to_string(),
        11..=19 => format!("十{}", D[(n % 10) as usize]),
        _ if n.is_multiple_of(10) => format!("{}十", D[(n / 10 % 10) as usize]),
        _ => format!("{}十{}", D[(n / 10 % 10) as usize], D[(n % 10) as usize]),
    }
}

/// The year digit by digit, as certificates write it: 2026 → 二〇二六.
pub fn cn_year(year: i32) -> String {
    const D: [char; 10] = ['〇', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
    year.to_string()
        .chars()
        .map(|c| c.to_digit(10).map(|d| D[d as usize]).unwrap_or(c))
        .collect()
}

/// 二〇二六年十二月二十日
pub fn cn_date(d: NaiveDate) -> String {
    format!(
        "{}年{}月{}日",
        cn_year(d.year()),
        cn_number(d.month()),
        cn_number(d.day())
    )
}

/// 2026年12月20日, as official documents date themselves.
pub fn date_zh(d: NaiveDate) -> String {
    format!("{}年{}月{}日", d.year(), d.month(), d.day())
}

pub const SERIF: &str =
    "\"SimSun\", \"宋体\", \"STSong\", \"Songti SC\", \"Noto Serif CJK SC\", \"Source Han Serif SC\", serif";
pub const FANGSONG: &str = "\"FangSong_GB2312\", \"仿宋_GB2312\", \"FangSong\", \"仿宋\", \"STFangsong\", \"SimSun\", \"宋体\", \"STSong\", \"Songti SC\", \"Noto Serif CJK SC\", \"Source Han Serif SC\", serif";
pub const HEI: &str = "\"SimHei\", \"黑体\", \"Microsoft YaHei\", \"微软雅黑\", \"PingFang SC\", \"Heiti SC\", \"Noto Sans CJK SC\", \"Source Han Sans SC\", sans-serif";
const KAI: &str = "\"KaiTi_GB2312\", \"楷体_GB2312\", \"KaiTi\", \"楷体\", \"STKaiti\", \"AR PL UKai CN\", \"Noto Serif CJK SC\", serif";
pub const TITLE: &str = "\"FZXiaoBiaoSong-B05S\", \"方正小标宋简体\", \"SimHei\", \"黑体\", \"Microsoft YaHei\", \"微软雅黑\", \"PingFang SC\", \"Heiti SC\", \"Noto Sans CJK SC\", \"Source Han Sans SC\", sans-serif";

pub fn page(title: &str, css: &str, body: &str) -> String {
    format!(
        "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n<title>{}</title>\n<style>\n{css}</style>\n</head>\n<body>\n{body}</body>\n</html>\n",
        escape(title)
    )
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    fn date() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 12, 20).unwrap()
    }

    pub(crate) fn awards() -> Vec<Awardee> {
        vec![
            Awardee {
                category: Category::Window,
                name: "行政审批综合窗口".into(),
                unit: "北仑海关".into(),
                group: "北仑单位共建片组".into(),
                certificate: "NBKA-2026-W-001".into(),
            },
            Awardee {
                category: Category::Window,
                name: "<script>alert('x')</script> & \"窗口\"".into(),
                unit: "梅山海关".into(),
                group: "梅山港区共建片组".into(),
                certificate: "NBKA-2026-W-002".into(),
            },
            Awardee {
                category: Category::Individual,
                name: "王芳".into(),
                unit: "北仑海关".into(),
                group: "北仑单位共建片组".into(),
                certificate: "NBKA-2026-P-001".into(),
            },
            Awardee {
                category: Category::Individual,
                name: "李强".into(),
                unit: "北仑海关".into(),
                group: "北仑单位共建片组".into(),
                certificate: "NBKA-2026-P-002".into(),
            },
        ]
    }

    #[test]
    fn escapes_every_special_character() {
        assert_eq!(
            escape("<a href=\"x\">&'</a>"),
            "&lt;a href=&quot;x&quot;&gt;&amp;&#39;&lt;/a&gt;"
        );
        for html in [
            certificates_index_html(2026, date(), &awards()),
            certificate_html(2026, date(), &awards()[1]),
            plaques_html(2026, date(), &awards()),
            notice_html(&NoticeData {
                year: 2026,
                date: date(),
                number: Some("<b>甬口协〔2026〕5号</b>".into()),
                awards: awards(),
                template: Template::builtin(),
                head: Some("<i>abc</i>".into()),
                serial: 1,
            })
            .unwrap(),
        ] {
            // The notice's own script (the imprint's place) is the only one.
            assert!(!html.contains("<script>alert"), "{html}");
            assert!(html.matches("<script>").count() <= 1, "{html}");
            assert!(!html.contains("<b>"), "{html}");
            assert!(
                html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;窗口&quot;"),
                "{html}"
            );
        }
    }

    #[test]
    fn the_notice_in_markdown_shows_html_in_names_as_text() {
        let d = NoticeData {
            year: 2026,
            date: date(),
            number: None,
            awards: awards(),
            template: Template::builtin(),
            head: None,
            serial: 1,
        };
        let md = notice_markdown(&d).unwrap();
        assert!(md.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"), "{md}");
        assert!(!md.contains("<script"), "{md}");
    }

    #[test]
    fn one_page_per_award_and_a_plaque_for_windows() {
        let list = awards();
        let index = certificates_index_html(2026, date(), &list);
        assert_eq!(index.matches("<section class=\"page certificate\"").count(), list.len());
        assert!(index.contains("size: A4 landscape"));
        assert!(index.contains("break-after: page"));
        assert!(index.contains("\"SimSun\", \"宋体\", \"STSong\""));
        assert!(index.contains("\"SimHei\", \"黑体\", \"Microsoft YaHei\""));
        for a in &list {
            assert!(index.contains(&format!("id=\"{}\"", escape(&a.certificate))));
        }
        let w = certificate_html(2026, date(), &list[0]);
        assert_eq!(w.matches("<section class=\"page").count(), 2);
        assert!(w.contains("北仑海关行政审批综合窗口："));
        assert!(w.contains("匾牌文字"));
        assert!(w.contains("二〇二六年十二月二十日"));
        assert!(w.contains("证书编号：NBKA-2026-W-001"));
        assert!(w.contains(COMMITTEE));
        let p = certificate_html(2026, date(), &list[2]);
        assert_eq!(p.matches("<section class=\"page").count(), 1);
        assert!(p.contains("王芳 同志（北仑海关）："));
        assert!(p.contains("文明和谐口岸服务标兵"));
        assert!(!p.contains("匾牌"));
        let plaques = plaques_html(2026, date(), &list);
        assert_eq!(plaques.matches("<section class=\"page plaque\"").count(), 2);
    }

    #[test]
    fn chinese_numbers_and_dates() {
        assert_eq!(cn_number(1), "一");
        assert_eq!(cn_number(10), "十");
        assert_eq!(cn_number(12), "十二");
        assert_eq!(cn_number(20), "二十");
        assert_eq!(cn_number(31), "三十一");
        assert_eq!(cn_year(2026), "二〇二六");
        assert_eq!(
            cn_date(NaiveDate::from_ymd_opt(2026, 1, 5).unwrap()),
            "二〇二六年一月五日"
        );
        assert_eq!(date_zh(date()), "2026年12月20日");
    }

    #[test]
    fn the_notice_lists_by_group_and_unit() {
        let d = NoticeData {
            year: 2026,
            date: date(),
            number: None,
            awards: awards(),
            template: Template::builtin(),
            head: Some("0f".repeat(32)),
            serial: 1,
        };
        let t = notice_text(&d).unwrap();
        assert!(
            t.starts_with("关于表彰2026年度“文明和谐口岸示范窗口”和“文明和谐口岸服务标兵”的通报\n"),
            "{t}"
        );
        assert!(t.contains("各口岸单位、各共建片组："));
        assert!(t.contains("一、文明和谐口岸示范窗口（2个）"));
        assert!(t.contains("二、文明和谐口岸服务标兵（2名）"));
        assert!(t.contains("北仑海关：王芳、李强"));
        assert!(t.contains("希望受表彰的窗口和个人"));
        assert!(t.trim_end().ends_with("2026年12月20日"));
        // Only individuals: the title and the closing say so.
        let only = NoticeData {
            awards: awards()
                .into_iter()
                .filter(|a| a.category == Category::Individual)
                .collect(),
            ..d.clone()
        };
        let t = notice_text(&only).unwrap();
        assert!(t.starts_with("关于表彰2026年度“文明和谐口岸服务标兵”的通报\n"), "{t}");
        assert!(t.contains("一、文明和谐口岸服务标兵（2名）"));
        assert!(t.contains("希望受表彰的个人"));
        let md = notice_markdown(&d).unwrap();
        assert!(md.contains("# 关于表彰2026年度"));
        assert!(md.contains("### （一）北仑单位共建片组"));
        let html = notice_html(&d).unwrap();
        assert!(html.contains("size: A4 portrait"));
        assert!(html.contains("@media print"));
        // The parts of GB/T 9704: letterhead and rule, number, title, recipients, signature
        // over a seal, imprint with 抄送 and 印发, page numbers, and the record's head hash.
        assert!(html.contains("<div class=\"letterhead\">宁波市口岸协调委员会文件</div>"));
        assert!(html.contains("<div class=\"number\">甬口协〔2026〕1号</div>\n<div class=\"rule\">"));
        assert!(html.contains("<p class=\"to\">各口岸单位、各共建片组：</p>"));
        assert!(
            html.contains("<div class=\"seal\">（印章）</div>\n<p>宁波市口岸协调委员会</p>\n<p>2026年12月20日</p>")
        );
        assert!(html.contains("<p class=\"cc\">抄送：市委宣传部"));
        assert!(html.contains("<span>宁波市口岸协调委员会办公室</span><span>2026年12月20日印发</span>"));
        assert!(html.contains("counter(page)"));
        assert!(html.contains(&"0f".repeat(32)));
    }
}
