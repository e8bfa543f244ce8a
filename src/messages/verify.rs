//! Why a form is rejected at verification.

use super::{Lang, Render, pick};
use crate::core::verify::Rejection;

impl Rejection {
    pub fn label_in(self, lang: Lang) -> &'static str {
        match self {
            Rejection::NoDate => pick(lang, "no submission date on the form", "推荐表未填报送日期"),
            Rejection::BeforeWindow => pick(lang, "submitted before the intake window opened", "早于报送期报送"),
            Rejection::Late => pick(lang, "submitted after the deadline", "逾期报送"),
            Rejection::OutOfScope => pick(lang, "out of scope", "不在评比范围"),
            Rejection::LeftGroup => pick(lang, "the unit has left the group", "单位已不属于该片组"),
            Rejection::NoWindow => pick(lang, "the unit has no external window", "单位无对外窗口"),
            Rejection::Incomplete => pick(lang, "no deeds written", "未填写主要事迹"),
            Rejection::UnitRank => pick(
                lang,
                "not within the required top share of the unit's year-end assessment",
                "本单位年终测评排名未达到要求",
            ),
            Rejection::OverGroupCap => pick(
                lang,
                "past the group's cap on nominations (the latest submitted)",
                "超出片组推荐名额（按报送先后，后报送者不予受理）",
            ),
        }
    }
}

impl Render for Rejection {
    fn render(&self, lang: Lang) -> String {
        self.label_in(lang).to_string()
    }
}

/// The words for a stored rejection code; an unknown code (a hand edit) reads "other".
pub fn rejection_label(code: &str, lang: Lang) -> &'static str {
    Rejection::from_code(code).map_or(pick(lang, "other", "其他"), |r| r.label_in(lang))
}

/// As `rejection_label`, in the language of the run.
pub fn rejection_text(code: &str) -> &'static str {
    rejection_label(code, crate::i18n::lang())
}

super::display_in_the_run_language!(Rejection);

#[cfg(test)]
pub fn examples() -> Vec<Rejection> {
    Rejection::ALL.to_vec()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_unknown_code_reads_other() {
        assert_eq!(rejection_label("late", Lang::En), "submitted after the deadline");
        assert_eq!(rejection_label("hand_edit", Lang::En), "other");
        assert_eq!(rejection_label("hand_edit", Lang::Zh), "其他");
    }
}
