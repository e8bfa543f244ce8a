//! The grounds of the one-vote veto, and whom a veto against a unit reaches.

use super::{Lang, Render, pick};
use crate::core::veto::{Ground, Scope};

impl Ground {
    pub fn label_in(self, lang: Lang) -> &'static str {
        match self {
            Ground::Criminal => pick(lang, "criminal prosecution", "违法犯罪被追究刑事责任"),
            Ground::Safety => pick(lang, "major safety accident", "发生重大安全责任事故"),
            Ground::Complaint => pick(
                lang,
                "verified complaint of inaction or misconduct",
                "不作为、乱作为被投诉查实",
            ),
            Ground::Discipline => pick(lang, "sanction for a serious violation", "严重违法违纪受到处分"),
        }
    }

    /// The ground in words, in the language of the run.
    pub fn label(self) -> &'static str {
        self.label_in(crate::i18n::lang())
    }
}

impl Render for Ground {
    fn render(&self, lang: Lang) -> String {
        self.label_in(lang).to_string()
    }
}

impl Scope {
    pub fn label_in(self, lang: Lang) -> &'static str {
        match self {
            Scope::Windows => pick(lang, "the unit's windows", "本单位窗口"),
            Scope::All => pick(lang, "all the unit's nominations", "本单位全部推荐对象"),
        }
    }

    /// The scope in words, in the language of the run.
    pub fn label(self) -> &'static str {
        self.label_in(crate::i18n::lang())
    }
}

impl Render for Scope {
    fn render(&self, lang: Lang) -> String {
        self.label_in(lang).to_string()
    }
}

/// The ground's words for a stored code (an unknown code, from a hand edit, reads "other").
pub fn ground_label(code: &str, lang: Lang) -> &'static str {
    Ground::from_code(code).map_or(pick(lang, "other", "其他"), |g| g.label_in(lang))
}

/// As `ground_label`, in the language of the run.
pub fn ground_text(code: &str) -> &'static str {
    ground_label(code, crate::i18n::lang())
}

super::display_in_the_run_language!(Ground, Scope);

#[cfg(test)]
pub fn examples_ground() -> Vec<Ground> {
    Ground::ALL.to_vec()
}

#[cfg(test)]
pub fn examples_scope() -> Vec<Scope> {
    let all = vec![Scope::Windows, Scope::All];
    for s in &all {
        match s {
            Scope::Windows | Scope::All => {}
        }
    }
    all
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_unknown_ground_reads_other() {
        assert_eq!(ground_label("safety", Lang::En), "major safety accident");
        assert_eq!(ground_label("hand_edit", Lang::En), "other");
        assert_eq!(ground_label("hand_edit", Lang::Zh), "其他");
    }
}
