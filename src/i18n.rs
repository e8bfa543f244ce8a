//! The language of messages, headers and documents (`--lang zh|en`).

use std::sync::OnceLock;

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Lang {
    En,
    Zh,
}

static LANG: OnceLock<Lang> = OnceLock::new();

/// Sets the language once, at start-up; later calls change nothing.
pub fn set_lang(lang: Lang) {
    let _ = LANG.set(lang);
}

pub fn lang() -> Lang {
    *LANG.get_or_init(|| from_env(|k| std::env::var(k).ok()))
}

/// `LC_ALL`, then `LANG`: a value starting with `zh` gives Chinese, anything else English.
pub fn from_env(get: impl Fn(&str) -> Option<String>) -> Lang {
    for key in ["LC_ALL", "LANG"] {
        if let Some(v) = get(key).filter(|v| !v.is_empty()) {
            return if v.to_ascii_lowercase().starts_with("zh") {
                Lang::Zh
            } else {
                Lang::En
            };
        }
    }
    Lang::En
}

/// Picks the text for the current language.
pub fn tr(en: &'static str, zh: &'static str) -> &'static str {
    match lang() {
        Lang::En => en,
        Lang::Zh => zh,
    }
}

/// Picks the text for the current language, for messages built with values.
pub fn both(en: String, zh: String) -> String {
    match lang() {
        Lang::En => en,
        Lang::Zh => zh,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lc_all_wins_over_lang() {
        let env = |k: &str| match k {
            "LC_ALL" => Some("zh_CN.UTF-8".to_string()),
            "LANG" => Some("en_US.UTF-8".to_string()),
            _ => None,
        };
        assert_eq!(from_env(env), Lang::Zh);
        assert_eq!(from_env(|_| None), Lang::En);
        assert_eq!(from_env(|k| (k == "LANG").then(|| "C.UTF-8".to_string())), Lang::En);
    }
}
