//! The actions on the audit record in words: the record keeps the code (`award.grant`), a
//! person reads what was done (授奖).

use super::{Lang, pick};

/// Every action the program records, with its words; `audit` shows an action it does not
/// know (one of a later version) by its code.
const ACTIONS: &[(&str, &str, &str)] = &[
    ("term.open", "term opened", "开启届期"),
    ("term.scheme", "scheme changed", "修改评分方案"),
    (
        "term.scheme.force",
        "scheme changed after scoring began",
        "评分开始后修改评分方案",
    ),
    ("term.awarded", "term awarded", "届期完成授奖"),
    ("term.close", "term closed", "结束届期"),
    ("term.reopen", "term reopened", "重新开启届期"),
    ("org.group.add", "group added", "新增片组"),
    ("org.group.kind", "group's kind changed", "修改片组类型"),
    ("org.unit.add", "unit added", "新增成员单位"),
    ("org.unit.move", "unit moved to another group", "成员单位转入其他片组"),
    ("org.unit.window", "unit's window changed", "修改单位窗口设置"),
    ("nomination.add", "nomination added", "新增推荐"),
    ("nomination.replace", "nomination corrected", "更正推荐"),
    ("nomination.verify", "nominations verified", "核对推荐"),
    ("nomination.withdraw", "nomination withdrawn", "撤回推荐"),
    ("panel.add", "panel member added", "新增评委"),
    ("panel.import", "panel imported", "导入评委名单"),
    ("panel.remove", "panel member removed", "移除评委"),
    ("score.add", "sheet recorded", "录入评分表"),
    ("score.replace", "sheet corrected", "更正评分表"),
    ("score.withdraw", "sheet withdrawn", "撤回评分表"),
    ("inspect.finding", "finding recorded", "录入检查发现"),
    ("inspect.finding.replace", "finding corrected", "更正检查发现"),
    ("inspect.survey", "survey recorded", "录入满意度调查"),
    ("inspect.survey.replace", "survey corrected", "更正满意度调查"),
    ("inspect.withdraw", "inspection record withdrawn", "撤回检查记录"),
    ("veto.add", "veto recorded", "一票否决"),
    ("veto.add_unit", "veto against a unit recorded", "对单位一票否决"),
    ("veto.revoke", "veto revoked", "撤销一票否决"),
    (
        "veto.revoke_unit",
        "veto against a unit revoked",
        "撤销对单位的一票否决",
    ),
    ("award.propose", "awards proposed (公示)", "提出拟表彰名单（公示）"),
    ("objection.add", "objection received", "登记异议"),
    ("objection.resolve", "objection resolved", "办结异议"),
    ("award.grant", "awards granted", "授奖"),
    ("award.revoke", "award revoked", "撤销奖项"),
    ("notice.number", "notice numbered", "通报编号"),
    ("publicity.number", "公示 numbered", "公示编号"),
    ("record.sealed", "record sealed", "审计记录封存"),
];

/// The words of an action, or None for a code this version does not know.
pub fn action_label(code: &str, lang: Lang) -> Option<&'static str> {
    ACTIONS
        .iter()
        .find(|(c, _, _)| *c == code)
        .map(|(_, en, zh)| pick(lang, en, zh))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_action_has_its_words_in_both_languages() {
        for (code, en, zh) in ACTIONS {
            assert!(!en.is_empty() && en != code, "{code}");
            assert!(
                zh.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
                "{code}: {zh}"
            );
        }
        assert_eq!(action_label("award.grant", Lang::Zh), Some("授奖"));
        assert_eq!(action_label("award.grant", Lang::En), Some("awards granted"));
        assert_eq!(action_label("later.action", Lang::Zh), None);
    }

    /// Every action the code records is in the list: the sources are read for `record(` calls.
    #[test]
    fn every_recorded_action_has_words() {
        let (mut missing, mut found) = (Vec::new(), 0);
        for file in sources(std::path::Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/src"))) {
            let text = std::fs::read_to_string(&file).unwrap();
            for part in text.split(".record(").skip(1) {
                // The action is the first string literal after the term argument.
                let Some(start) = part.find('"') else { continue };
                let rest = &part[start + 1..];
                let Some(end) = rest.find('"') else { continue };
                let code = &rest[..end];
                if code.contains('.') && !code.contains('{') {
                    found += 1;
                    if action_label(code, Lang::En).is_none() {
                        missing.push(format!("{}: {code}", file.display()));
                    }
                }
            }
        }
        assert!(missing.is_empty(), "actions without words: {missing:?}");
        assert!(found >= 20, "only {found} recorded actions were found in the sources");
    }

    fn sources(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
        let mut out = Vec::new();
        for e in std::fs::read_dir(dir).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                out.extend(sources(&p));
            } else if p.extension().is_some_and(|x| x == "rs") {
                out.push(p);
            }
        }
        out
    }
}
