//! Every message the core's typed reasons and problems become, in one place per area, each
//! sentence whole in English and in Chinese side by side, rendered in a language the caller
//! names. `src/core/` returns typed values and never text; this layer turns them into words.
//!
//! A message is a `match` over its enum, so a new variant without words is a compile error,
//! and every arm is written with [`say!`] or [`pick`], which take both languages, so a missing
//! Chinese is one too. `Display` of a typed value renders it in the language of the run
//! (`i18n::lang()`), at the boundary where it becomes an error or a line of output; tests
//! render with an explicit [`Lang`].
//!
//! To add a message: add the variant (with its data) to the enum where the rule lives, add
//! its arm to the `render` here (both languages), and an example of it to the area's
//! `examples()`, which the test below renders in both languages.

pub use crate::i18n::Lang;

pub mod assess;
pub mod audit;
pub mod award;
pub mod csvin;
pub mod db;
pub mod intake;
pub mod publicity;
pub mod scheme;
pub mod values;
pub mod verify;
pub mod veto;

/// A message formatted in one language only: the other is never formatted.
///
/// `say!(lang; en: "..{x}..", zh: "..{x}..")` in an explicit language;
/// `say!(en: "..", zh: "..")` in the language of the run. Each text is a `format!` string
/// (its `{name}`s are the variables in scope); for arguments, give each side as
/// `en("..{}..", a)`.
macro_rules! say {
    (en: $en:literal, zh: $zh:literal $(,)?) => {
        $crate::messages::say!($crate::i18n::lang(); en: $en, zh: $zh)
    };
    (en($($en:tt)+), zh($($zh:tt)+) $(,)?) => {
        $crate::messages::say!($crate::i18n::lang(); en($($en)+), zh($($zh)+))
    };
    ($lang:expr; en: $en:literal, zh: $zh:literal $(,)?) => {
        match $lang {
            $crate::i18n::Lang::En => format!($en),
            $crate::i18n::Lang::Zh => format!($zh),
        }
    };
    ($lang:expr; en($($en:tt)+), zh($($zh:tt)+) $(,)?) => {
        match $lang {
            $crate::i18n::Lang::En => format!($($en)+),
            $crate::i18n::Lang::Zh => format!($($zh)+),
        }
    };
}
pub(crate) use say;

/// A fixed text in one of two languages.
pub fn pick(lang: Lang, en: &'static str, zh: &'static str) -> &'static str {
    match lang {
        Lang::En => en,
        Lang::Zh => zh,
    }
}

/// A typed message: words in the language asked for.
pub trait Render {
    fn render(&self, lang: Lang) -> String;
}

/// Implements `Display` in the language of the run for types that render.
macro_rules! display_in_the_run_language {
    ($($t:ty),+ $(,)?) => {
        $(impl std::fmt::Display for $t {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(&$crate::messages::Render::render(self, $crate::i18n::lang()))
            }
        })+
    };
}
pub(crate) use display_in_the_run_language;

/// Whether a text has Chinese in it (CJK ideographs or full-width punctuation).
#[cfg(test)]
pub fn has_cjk(s: &str) -> bool {
    s.chars()
        .any(|c| matches!(c, '\u{3000}'..='\u{303F}' | '\u{4E00}'..='\u{9FFF}' | '\u{FF00}'..='\u{FFEF}'))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every example of every message enum, by name: each has Chinese, and differs from
    /// its English.
    fn every_example() -> Vec<(String, Box<dyn Render>)> {
        fn boxed<T: Render + std::fmt::Debug + 'static>(v: Vec<T>) -> Vec<(String, Box<dyn Render>)> {
            v.into_iter()
                .map(|m| (format!("{m:?}"), Box::new(m) as Box<dyn Render>))
                .collect()
        }
        let mut all = Vec::new();
        all.extend(boxed(assess::examples_status()));
        all.extend(boxed(assess::examples_reason()));
        all.extend(boxed(award::examples_basis()));
        all.extend(boxed(award::examples_problem()));
        all.extend(boxed(publicity::examples()));
        all.extend(boxed(scheme::examples_problem()));
        all.extend(boxed(scheme::examples_mark()));
        all.extend(boxed(scheme::examples_field()));
        all.extend(boxed(verify::examples()));
        all.extend(boxed(veto::examples_ground()));
        all.extend(boxed(veto::examples_scope()));
        all.extend(boxed(csvin::examples_cell()));
        all.extend(boxed(csvin::examples_decode()));
        all.extend(boxed(db::examples()));
        all.extend(boxed(intake::examples()));
        all.extend(boxed(values::examples()));
        all.extend(boxed(values::examples_points()));
        all
    }

    #[test]
    fn every_message_has_its_chinese() {
        let all = every_example();
        assert!(all.len() > 60, "{} examples", all.len());
        for (name, m) in &all {
            let (en, zh) = (m.render(Lang::En), m.render(Lang::Zh));
            assert!(!en.trim().is_empty(), "{name}: no English");
            assert!(has_cjk(&zh), "{name}: no Chinese in {zh:?}");
            assert_ne!(en, zh, "{name}: the Chinese is the English");
        }
    }

    #[test]
    fn say_formats_the_language_asked_for() {
        let n = 3;
        assert_eq!(say!(Lang::En; en: "{n} rows", zh: "{n} 行"), "3 rows");
        assert_eq!(say!(Lang::Zh; en: "{n} rows", zh: "{n} 行"), "3 行");
        assert_eq!(say!(Lang::Zh; en("{} rows", n + 1), zh("{} 行", n + 1)), "4 行");
        assert_eq!(pick(Lang::En, "a", "甲"), "a");
    }

    /// The Chinese of every message in the sources uses Chinese punctuation: a full-width
    /// colon, semicolon and brackets after Chinese text, not the ASCII ones.
    #[test]
    fn chinese_sentences_take_chinese_punctuation() {
        fn sources(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
            for e in std::fs::read_dir(dir).unwrap() {
                let p = e.unwrap().path();
                if p.is_dir() {
                    sources(&p, out);
                } else if p.extension().is_some_and(|x| x == "rs") {
                    out.push(p);
                }
            }
        }
        let mut files = Vec::new();
        sources(
            std::path::Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/src")),
            &mut files,
        );
        let cjk = |c: char| ('\u{4e00}'..='\u{9fff}').contains(&c) || c == '）';
        let mut wrong = Vec::new();
        let mut seen = 0;
        for f in files {
            let text = std::fs::read_to_string(&f).unwrap();
            for start in ["zh(\"", "zh: \""] {
                for part in text.split(start).skip(1) {
                    let Some(end) = part.find('"') else { continue };
                    let zh = &part[..end];
                    if !has_cjk(zh) {
                        continue;
                    }
                    seen += 1;
                    let chars: Vec<char> = zh.chars().collect();
                    let bad = chars.windows(3).any(|w| {
                        (cjk(w[0]) && w[1] == ':' && w[2] == ' ')
                            || (w[0] == ';' && w[1] == ' ' && has_cjk(&w[2].to_string()))
                            || (cjk(w[0]) && w[1] == ' ' && w[2] == '(')
                    });
                    if bad {
                        wrong.push(format!("{}: {zh}", f.display()));
                    }
                }
            }
        }
        assert!(seen > 200, "only {seen} Chinese messages found");
        assert!(wrong.is_empty(), "ASCII punctuation in Chinese: {wrong:#?}");
    }
}
