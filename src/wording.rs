//! The wording of the commendation notice, from a template the office can edit: a TOML file
//! whose texts are minijinja templates, filled with the term's numbers and first names. The
//! built-in one is `templates/notice.toml`; `award notice --export-template` writes it out.

use std::path::Path;

use anyhow::{Context, Result, anyhow};
use minijinja::{Environment, UndefinedBehavior, context};
use serde::Deserialize;

use crate::messages::say;

pub const BUILTIN: &str = include_str!("../templates/notice.toml");

#[derive(Deserialize, Debug, Clone)]
#[serde(deny_unknown_fields)]
pub struct Template {
    issuer: String,
    letterhead: String,
    number: String,
    title: String,
    recipients: String,
    body: Vec<String>,
    closing: Vec<String>,
    #[serde(default)]
    cc: String,
    printer: String,
}

/// What the template is filled with.
pub struct Vars<'a> {
    pub year: i32,
    pub windows: usize,
    pub people: usize,
    pub first_window: &'a str,
    pub first_person: &'a str,
    pub date: &'a str,
    /// The document's serial in its term (its 文号's number).
    pub serial: i64,
}

/// The template's texts, filled in.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Wording {
    pub issuer: String,
    pub letterhead: String,
    pub number: String,
    pub title: String,
    pub recipients: String,
    pub body: Vec<String>,
    pub closing: Vec<String>,
    pub cc: String,
    pub printer: String,
}

impl Template {
    pub fn builtin() -> Template {
        Template::parse(BUILTIN, "templates/notice.toml").expect("the built-in notice template is valid")
    }

    /// Reads an edited template, naming the file and where it is wrong.
    pub fn read(path: &Path) -> Result<Template> {
        let text = std::fs::read_to_string(path)
            .with_context(|| say!(en("cannot read {}", path.display()), zh("无法读取 {}", path.display())))?;
        Template::parse(&text, &path.display().to_string())
    }

    fn parse(text: &str, origin: &str) -> Result<Template> {
        let t: Template = toml::from_str(text).map_err(|e| {
            anyhow!(
                "{}",
                say!(
                    en("{origin}: not a valid notice template\n{e}"),
                    zh("{origin}：通报模板有误\n{e}")
                )
            )
        })?;
        // Every text must compile, so that a mistake is named before anything is written.
        let env = environment();
        for (field, src) in t.fields() {
            env.template_from_str(src).map_err(|e| field_error(origin, &field, e))?;
        }
        Ok(t)
    }

    fn fields(&self) -> Vec<(String, &str)> {
        let mut f = vec![
            ("issuer".to_string(), self.issuer.as_str()),
            ("letterhead".to_string(), self.letterhead.as_str()),
            ("number".to_string(), self.number.as_str()),
            ("title".to_string(), self.title.as_str()),
            ("recipients".to_string(), self.recipients.as_str()),
            ("cc".to_string(), self.cc.as_str()),
            ("printer".to_string(), self.printer.as_str()),
        ];
        f.extend(
            self.body
                .iter()
                .enumerate()
                .map(|(i, s)| (format!("body[{}]", i + 1), s.as_str())),
        );
        f.extend(
            self.closing
                .iter()
                .enumerate()
                .map(|(i, s)| (format!("closing[{}]", i + 1), s.as_str())),
        );
        f
    }

    /// Fills every text in; a variable the template names that does not exist is an error.
    pub fn render(&self, v: &Vars, origin: &str) -> Result<Wording> {
        let env = environment();
        let ctx = context! {
            year => v.year,
            windows => v.windows,
            people => v.people,
            first_window => v.first_window,
            first_person => v.first_person,
            date => v.date,
            serial => v.serial,
        };
        let one = |field: &str, src: &str| -> Result<String> {
            env.render_str(src, &ctx)
                .map(|s| s.trim().to_string())
                .map_err(|e| field_error(origin, field, e))
        };
        let many = |field: &str, list: &[String]| -> Result<Vec<String>> {
            list.iter()
                .enumerate()
                .map(|(i, s)| one(&format!("{field}[{}]", i + 1), s))
                .filter(|r| r.as_ref().map_or(true, |s| !s.is_empty()))
                .collect()
        };
        Ok(Wording {
            issuer: one("issuer", &self.issuer)?,
            letterhead: one("letterhead", &self.letterhead)?,
            number: one("number", &self.number)?,
            title: one("title", &self.title)?,
            recipients: one("recipients", &self.recipients)?,
            body: many("body", &self.body)?,
            closing: many("closing", &self.closing)?,
            cc: one("cc", &self.cc)?,
            printer: one("printer", &self.printer)?,
        })
    }
}

fn environment() -> Environment<'static> {
    let mut env = Environment::new();
    env.set_undefined_behavior(UndefinedBehavior::Strict);
    env
}

fn field_error(origin: &str, field: &str, e: minijinja::Error) -> anyhow::Error {
    anyhow!("{}", say!(en("{origin}, {field}: {e}"), zh("{origin}，{field}：{e}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vars(windows: usize, people: usize) -> Vars<'static> {
        Vars {
            year: 2026,
            windows,
            people,
            first_window: "北仑海关行政审批综合窗口",
            first_person: "王芳",
            date: "2026年12月20日",
            serial: 1,
        }
    }

    #[test]
    fn the_builtin_template_says_what_was_granted() {
        let w = Template::builtin().render(&vars(2, 3), "built-in").unwrap();
        assert_eq!(w.number, "甬口协〔2026〕1号");
        assert_eq!(
            w.title,
            "关于表彰2026年度“文明和谐口岸示范窗口”和“文明和谐口岸服务标兵”的通报"
        );
        assert!(w.body[1].contains(
            "决定授予北仑海关行政审批综合窗口等2个窗口“文明和谐口岸示范窗口”称号，授予王芳等3名同志“文明和谐口岸服务标兵”称号，对受表彰的窗口颁发匾牌和证书，对受表彰的个人颁发证书。名单如下："
        ));
        assert!(w.closing[0].starts_with("希望受表彰的窗口和个人"));
        let only = Template::builtin().render(&vars(0, 3), "built-in").unwrap();
        assert_eq!(only.title, "关于表彰2026年度“文明和谐口岸服务标兵”的通报");
        assert!(only.body[1].contains("决定授予王芳等3名同志“文明和谐口岸服务标兵”称号，颁发证书。"));
        assert!(only.closing[0].starts_with("希望受表彰的个人"));
    }

    #[test]
    fn a_mistake_in_a_template_is_named() {
        let bad = BUILTIN.replace("{{ year }}年，各口岸", "{{ year }年，各口岸");
        let e = Template::parse(&bad, "通报模板.toml").unwrap_err().to_string();
        assert!(e.contains("通报模板.toml") && e.contains("body[1]"), "{e}");
        let unknown = BUILTIN.replace("issuer = ", "issuerr = ");
        assert!(Template::parse(&unknown, "t.toml").is_err());
        let undefined = BUILTIN.replace("{{ year }}年，各口岸", "{{ yaer }}年，各口岸");
        let t = Template::parse(&undefined, "t.toml").unwrap();
        let e = t.render(&vars(1, 1), "t.toml").unwrap_err().to_string();
        assert!(e.contains("body[1]") && e.contains("undefined"), "{e}");
    }
}
