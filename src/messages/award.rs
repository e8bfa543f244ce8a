//! Why an award is held, and what stops a grant.

use super::{Lang, Render, pick, say};
use crate::core::award::{Basis, Problem};

/// The cut a tie straddles, in words: the category's quota, or a group's places.
fn cut(lang: Lang, group: &Option<String>, places: usize) -> String {
    match group {
        None => say!(lang; en: "the quota of {places}", zh: "名额 {places} "),
        Some(g) => say!(lang; en: "the {places} place(s) of {g}", zh: "{g}的 {places} 个名额"),
    }
}

impl Basis {
    pub fn label_in(self, lang: Lang) -> &'static str {
        match self {
            Basis::Shortlisted => pick(lang, "shortlisted", "名额内入围"),
            Basis::Included => pick(lang, "included by the committee", "评委会决定纳入"),
        }
    }

    /// Why the award is held, in the language of the run.
    pub fn label(self) -> &'static str {
        self.label_in(crate::i18n::lang())
    }
}

impl Render for Basis {
    fn render(&self, lang: Lang) -> String {
        self.label_in(lang).to_string()
    }
}

/// A list of codes or names: a comma in English, the enumeration comma in Chinese.
fn list(lang: Lang, items: &[String]) -> String {
    items.join(pick(lang, ", ", "、"))
}

impl Render for Problem {
    fn render(&self, lang: Lang) -> String {
        match self {
            Problem::IncludedAndExcluded(code) => say!(lang;
                en: "{code} is named with both --include and --exclude",
                zh: "{code} 同时出现在 --include 和 --exclude 中"),
            Problem::NotTied { code, tied } => {
                let ties = match tied.is_empty() {
                    true => say!(lang; en: "there is no tie at the cutoff", zh: "目前没有名额线并列"),
                    false => {
                        let tied = tied.join(", ");
                        say!(lang; en: "tied at the cutoff: {tied}", zh: "名额线并列：{tied}")
                    }
                };
                say!(lang;
                    en: "{code} is not in a tie at the cutoff; --include and --exclude only settle such a tie ({ties})",
                    zh: "{code} 不在名额线并列之中；--include 与 --exclude 只用于决定名额线并列（{ties}）")
            }
            Problem::Unknown { code, year } => say!(lang;
                en: "there is no nomination {code} in the {year} term",
                zh: "{year} 届没有编号为 {code} 的推荐"),
            Problem::Revoked(code) => say!(lang;
                en: "{code}: its award was revoked; it is not granted again (the number stays taken)",
                zh: "{code}：奖项已撤销，不再授予（证书编号不再使用）"),
            Problem::TooMany {
                category,
                group,
                rank,
                chosen,
                places,
                quota,
            } => {
                let title = category.title_in(lang);
                let cut = cut(lang, group, *quota);
                say!(lang;
                    en: "{title}: {chosen} chosen from the tie at rank {rank}, but only {places} place(s) are left within {cut}",
                    zh: "{title}：从并列第 {rank} 名中选了 {chosen} 个，但{cut}内仅余 {places} 个")
            }
            Problem::Tie {
                category,
                group,
                rank,
                tied,
                places,
                quota,
            } => {
                let title = category.title_in(lang);
                let names: Vec<String> = tied.iter().map(|(code, name)| format!("{code} {name}")).collect();
                let names = list(lang, &names);
                let cut = cut(lang, group, *quota);
                say!(lang;
                    en: "{title}: a tie at the cutoff: {names} share rank {rank} with {places} place(s) left within {cut}; \
                         the committee chooses: give --include CODE for each one chosen (or --exclude CODE for each one left out)",
                    zh: "{title}：名额线并列：{names} 并列第 {rank} 名，{cut}内尚余 {places} 个；\
                         请按评委会决定，对选中者逐一给出 --include 编号（或对不选者给出 --exclude 编号）")
            }
            Problem::OverQuota {
                category,
                active,
                added,
                quota,
                off,
            } => {
                let title = category.title_in(lang);
                let off = match off.is_empty() {
                    true => "-".to_string(),
                    false => list(lang, off),
                };
                say!(lang;
                    en: "{title}: {active} awards already held and {added} new would pass the quota of {quota}; awarded but no longer on the shortlist: {off} (see `pingxuan award revoke`)",
                    zh: "{title}：已有 {active} 个奖项，再授 {added} 个将超出名额 {quota}；已获奖但不在入围名单中：{off}（参见 `pingxuan award revoke`）")
            }
            Problem::OffList { category, off } => {
                let (title, off) = (category.title_in(lang), list(lang, off));
                say!(lang;
                    en: "{title}: awards are held by {off}, who are no longer on the shortlist; revoke those awards first (`pingxuan award revoke CODE --reason TEXT`), or restore the candidates",
                    zh: "{title}：{off} 已获奖但已不在入围名单中；请先撤销其奖项（`pingxuan award revoke 编号 --reason 理由`），或恢复其入围资格")
            }
            Problem::Pending(codes) => {
                let codes = list(lang, codes);
                say!(lang; en: "to be granted: {codes}", zh: "待授：{codes}")
            }
        }
    }
}

impl Problem {
    /// The problem in words, in the language of the run.
    pub fn text(&self) -> String {
        self.render(crate::i18n::lang())
    }
}

super::display_in_the_run_language!(Problem, Basis);

#[cfg(test)]
pub fn examples_basis() -> Vec<Basis> {
    let all = vec![Basis::Shortlisted, Basis::Included];
    for b in &all {
        match b {
            Basis::Shortlisted | Basis::Included => {}
        }
    }
    all
}

#[cfg(test)]
pub fn examples_problem() -> Vec<Problem> {
    use crate::values::Category;
    let codes = |v: &[&str]| v.iter().map(|c| c.to_string()).collect::<Vec<_>>();
    let all = vec![
        Problem::IncludedAndExcluded("P2026-003".into()),
        Problem::NotTied {
            code: "P2026-001".into(),
            tied: codes(&["P2026-002", "P2026-003"]),
        },
        Problem::NotTied {
            code: "P2026-001".into(),
            tied: vec![],
        },
        Problem::Unknown {
            code: "P2026-099".into(),
            year: 2026,
        },
        Problem::Revoked("P2026-002".into()),
        Problem::TooMany {
            category: Category::Individual,
            group: None,
            rank: 2,
            chosen: 2,
            places: 1,
            quota: 2,
        },
        Problem::Tie {
            category: Category::Individual,
            group: None,
            rank: 2,
            tied: vec![("P2026-002".into(), "n2".into()), ("P2026-003".into(), "n3".into())],
            places: 1,
            quota: 2,
        },
        Problem::OverQuota {
            category: Category::Individual,
            active: 1,
            added: 2,
            quota: 2,
            off: codes(&["P2026-004"]),
        },
        Problem::OverQuota {
            category: Category::Window,
            active: 3,
            added: 1,
            quota: 3,
            off: vec![],
        },
        Problem::Pending(codes(&["P2026-002"])),
        Problem::OffList {
            category: Category::Window,
            off: codes(&["W2026-001", "W2026-004"]),
        },
        Problem::Tie {
            category: Category::Window,
            group: Some("镇海区域共建片组".into()),
            rank: 3,
            tied: vec![("W2026-003".into(), "n3".into()), ("W2026-004".into(), "n4".into())],
            places: 1,
            quota: 1,
        },
    ];
    for p in &all {
        match p {
            Problem::IncludedAndExcluded(_)
            | Problem::NotTied { .. }
            | Problem::Unknown { .. }
            | Problem::Revoked(_)
            | Problem::TooMany { .. }
            | Problem::Tie { .. }
            | Problem::OverQuota { .. }
            | Problem::Pending(_)
            | Problem::OffList { .. } => {}
        }
    }
    all
}

#[cfg(test)]
mod tests {
    use super::*;

    fn en(i: usize) -> String {
        examples_problem()[i].render(Lang::En)
    }

    #[test]
    fn each_problem_names_what_to_do() {
        assert!(
            en(1).contains("(tied at the cutoff: P2026-002, P2026-003)"),
            "{}",
            en(1)
        );
        assert!(en(2).contains("(there is no tie at the cutoff)"), "{}", en(2));
        assert!(en(3).contains("no nomination P2026-099 in the 2026 term"));
        assert!(en(5).contains("2 chosen from the tie at rank 2, but only 1 place(s) are left"));
        assert!(en(6).contains("P2026-002 n2, P2026-003 n3 share rank 2 with 1 place(s) left"));
        assert!(en(7).contains("awarded but no longer on the shortlist: P2026-004"));
        assert!(en(8).contains("no longer on the shortlist: - (see"));
        assert_eq!(en(9), "to be granted: P2026-002");
        let zh = examples_problem()[6].render(Lang::Zh);
        assert!(
            zh.starts_with("文明和谐口岸服务标兵：名额线并列：P2026-002 n2、P2026-003 n3 并列第 2 名"),
            "{zh}"
        );
        assert_eq!(examples_problem()[9].render(Lang::Zh), "待授：P2026-002");
        // A tie at a group's cut names the group's places.
        assert!(
            en(11).contains("with 1 place(s) left within the 1 place(s) of 镇海区域共建片组"),
            "{}",
            en(11)
        );
        let zh = examples_problem()[11].render(Lang::Zh);
        assert!(zh.contains("镇海区域共建片组的 1 个名额内尚余 1 个"), "{zh}");
    }
}
