//! Why an entry of a nomination form is refused at intake.

use super::{Lang, Render, say};
use crate::core::intake::Refusal;

impl Render for Refusal {
    fn render(&self, lang: Lang) -> String {
        match self {
            Refusal::NoUnit { name, near: Some(near) } | Refusal::NoGroup { name, near: Some(near) } => {
                let (en, zh) = match self {
                    Refusal::NoUnit { .. } => ("unit", "单位"),
                    _ => ("group", "片组"),
                };
                say!(lang; en: "there is no {en} {name}; did you mean {near}?", zh: "没有{zh} {name}；是否指“{near}”？")
            }
            Refusal::NoUnit { name, near: None } => say!(lang;
                en: "there is no unit {name}; add it with `pingxuan org add-unit` or `pingxuan org import`",
                zh: "没有单位 {name}；请先用 `pingxuan org add-unit` 或 `pingxuan org import` 添加"),
            Refusal::NoGroup { name, near: None } => say!(lang;
                en: "there is no group {name}; see `pingxuan org list`",
                zh: "没有片组 {name}；请查看 `pingxuan org list`"),
            Refusal::NotInGroup { unit, group } => say!(lang;
                en: "the unit {unit} belongs to {group}, not to this group",
                zh: "单位 {unit} 属于 {group}，不属于该片组"),
            Refusal::NoWindow { unit } => say!(lang;
                en: "the unit {unit} has no external window (对外窗口); a window nomination needs one",
                zh: "单位 {unit} 没有对外窗口，不能推荐示范窗口"),
            Refusal::Ambiguous { codes } => say!(lang;
                en("several nominees of this name in the unit ({}); give the staff number (工号)", codes.join(", ")),
                zh("该单位有多个同名推荐对象（{}），请填写工号", codes.join("、"))),
            Refusal::Withdrawn { code } => say!(lang;
                en: "{code} is withdrawn; its record does not change",
                zh: "{code} 已撤回，记录不再更改"),
            Refusal::Differs { code, old } => {
                let mut shown: String = old.chars().take(30).collect();
                if shown.chars().count() < old.chars().count() {
                    shown.push('…');
                }
                say!(lang;
                    en: "{code} has \"{shown}\" on record; to update it use --replace",
                    zh: "{code} 登记的是“{shown}”；如需更新请加 --replace")
            }
        }
    }
}

super::display_in_the_run_language!(Refusal);

#[cfg(test)]
pub fn examples() -> Vec<Refusal> {
    let name = || "北仑海关".to_string();
    let all = vec![
        Refusal::NoUnit {
            name: name(),
            near: Some("北仑海关驻港办".into()),
        },
        Refusal::NoUnit {
            name: name(),
            near: None,
        },
        Refusal::NoGroup {
            name: name(),
            near: Some("北仑单位共建片组".into()),
        },
        Refusal::NoGroup {
            name: name(),
            near: None,
        },
        Refusal::NotInGroup {
            unit: name(),
            group: "梅山港区共建片组".into(),
        },
        Refusal::NoWindow { unit: name() },
        Refusal::Ambiguous {
            codes: vec!["P2026-001".into(), "P2026-002".into()],
        },
        Refusal::Withdrawn {
            code: "P2026-001".into(),
        },
        Refusal::Differs {
            code: "P2026-001".into(),
            old: "好".repeat(40),
        },
    ];
    for r in &all {
        match r {
            Refusal::NoUnit { .. }
            | Refusal::NoGroup { .. }
            | Refusal::NotInGroup { .. }
            | Refusal::NoWindow { .. }
            | Refusal::Ambiguous { .. }
            | Refusal::Withdrawn { .. }
            | Refusal::Differs { .. } => {}
        }
    }
    all
}
