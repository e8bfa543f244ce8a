//! The words of the values every area shares: the two award categories.

use super::{Lang, Render, pick};
use crate::values::Category;

impl Category {
    /// The award's full title.
    pub fn title_in(self, lang: Lang) -> &'static str {
        match self {
            Category::Window => pick(lang, "Model Window", "文明和谐口岸示范窗口"),
            Category::Individual => pick(lang, "Service Pacesetter", "文明和谐口岸服务标兵"),
        }
    }

    /// The award's full title, in the language of the run.
    pub fn title(self) -> &'static str {
        self.title_in(crate::i18n::lang())
    }

    /// Short label for tables.
    pub fn label_in(self, lang: Lang) -> &'static str {
        match self {
            Category::Window => pick(lang, "window", "窗口"),
            Category::Individual => pick(lang, "individual", "个人"),
        }
    }

    /// Short label for tables, in the language of the run.
    pub fn label(self) -> &'static str {
        self.label_in(crate::i18n::lang())
    }
}

impl Render for Category {
    fn render(&self, lang: Lang) -> String {
        format!("{} ({})", self.title_in(lang), self.label_in(lang))
    }
}

#[cfg(test)]
pub fn examples() -> Vec<Category> {
    Category::ALL.to_vec()
}

impl Render for crate::values::PointsFault {
    fn render(&self, lang: Lang) -> String {
        use crate::values::PointsFault;
        match self {
            PointsFault::NotPoints => pick(lang, "not a number of points", "不是有效的分数"),
            PointsFault::Decimals => pick(lang, "more than two decimals", "小数超过两位"),
            PointsFault::TooLarge => pick(lang, "too large", "数值过大"),
        }
        .to_string()
    }
}

super::display_in_the_run_language!(crate::values::PointsFault);

#[cfg(test)]
pub fn examples_points() -> Vec<crate::values::PointsFault> {
    use crate::values::PointsFault::*;
    let all = vec![NotPoints, Decimals, TooLarge];
    for f in &all {
        match f {
            NotPoints | Decimals | TooLarge => {}
        }
    }
    all
}

/// What is wrong with a text for its field; `what` names the text ("the value", "该值").
pub fn text_fault(lang: Lang, what: &str, f: crate::core::text::TextFault) -> String {
    use crate::core::text::TextFault;
    match f {
        TextFault::TooLong { chars, max } => super::say!(lang;
            en: "{what} is {chars} characters long; at most {max} are accepted",
            zh: "{what}长 {chars} 个字符，最多 {max} 个"),
        TextFault::Control { ch, at } => {
            let code = ch as u32;
            match ch == '\n' || ch == '\r' {
                true => super::say!(lang;
                    en: "{what} holds a control character (U+{code:04X}, a line break) at character {at}; type it on one line, without special characters",
                    zh: "{what}第 {at} 个字符为控制字符（U+{code:04X}，换行），请在一行内输入，不含特殊字符"),
                false => super::say!(lang;
                    en: "{what} holds a control character (U+{code:04X}) at character {at}; type it on one line, without special characters",
                    zh: "{what}第 {at} 个字符为控制字符（U+{code:04X}），请在一行内输入，不含特殊字符"),
            }
        }
        TextFault::Bidi { ch, at } => {
            let code = ch as u32;
            super::say!(lang;
                en: "{what} holds a text-direction control character (U+{code:04X}) at character {at}, which would reorder what is printed; remove it",
                zh: "{what}第 {at} 个字符为文字方向控制符（U+{code:04X}），会打乱显示顺序，请删除")
        }
    }
}
