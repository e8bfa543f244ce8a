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
    *LANG.get_or_init(|| resolve(|k| std::env::var(k).ok(), system_locale()))
}

/// The language when `--lang` is not given: the first of `PINGXUAN_LANG`, `LC_ALL` and `LANG`
/// that is set decides (a value starting with `zh` gives Chinese, anything else English); where
/// none is set, the system's locale does (on Windows the user locale, such as `zh-CN`, which is
/// where a Windows clerk's language is: those variables are Unix ones); else English.
pub fn resolve(get: impl Fn(&str) -> Option<String>, system: Option<String>) -> Lang {
    let chinese = |v: &str| {
        if v.to_ascii_lowercase().starts_with("zh") {
            Lang::Zh
        } else {
            Lang::En
        }
    };
    ["PINGXUAN_LANG", "LC_ALL", "LANG"]
        .iter()
        .find_map(|k| get(k).filter(|v| !v.trim().is_empty()))
        .or(system.filter(|v| !v.trim().is_empty()))
        .map_or(Lang::En, |v| chinese(&v))
}

/// The Windows user locale (Control Panel, Region, Format), as a name such as `zh-CN`.
#[cfg(windows)]
fn system_locale() -> Option<String> {
    #[link(name = "kernel32")]
    unsafe extern "system" {
        fn GetUserDefaultLocaleName(name: *mut u16, len: i32) -> i32;
    }
    let mut buf = [0u16; 85]; // LOCALE_NAME_MAX_LENGTH
    // SAFETY: the buffer is writable for the whole length passed with it; the call writes at
    // most that many UTF-16 units, the terminating zero included, and returns how many.
    let n = unsafe { GetUserDefaultLocaleName(buf.as_mut_ptr(), buf.len() as i32) };
    (n > 1).then(|| String::from_utf16_lossy(&buf[..n as usize - 1]))
}

/// Elsewhere the locale is the environment, which `resolve` has read already.
#[cfg(not(windows))]
fn system_locale() -> Option<String> {
    None
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
        assert_eq!(resolve(env, None), Lang::Zh);
        assert_eq!(resolve(|_| None, None), Lang::En);
        assert_eq!(
            resolve(|k| (k == "LANG").then(|| "C.UTF-8".to_string()), None),
            Lang::En
        );
    }

    #[test]
    fn pingxuan_lang_wins_over_the_locale_variables() {
        let env = |k: &str| match k {
            "PINGXUAN_LANG" => Some("zh".to_string()),
            "LC_ALL" => Some("en_US.UTF-8".to_string()),
            _ => None,
        };
        assert_eq!(resolve(env, None), Lang::Zh);
        let env = |k: &str| match k {
            "PINGXUAN_LANG" => Some("en".to_string()),
            "LANG" => Some("zh_CN.UTF-8".to_string()),
            _ => None,
        };
        assert_eq!(resolve(env, Some("zh-CN".to_string())), Lang::En);
    }

    #[test]
    fn the_windows_user_locale_decides_where_no_variable_is_set() {
        assert_eq!(resolve(|_| None, Some("zh-CN".to_string())), Lang::Zh);
        assert_eq!(resolve(|_| None, Some("zh-Hans-CN".to_string())), Lang::Zh);
        assert_eq!(resolve(|_| None, Some("en-US".to_string())), Lang::En);
        // An empty variable counts as unset, as on Unix.
        assert_eq!(resolve(|_| Some(String::new()), Some("zh-CN".to_string())), Lang::Zh);
        // A variable that is set wins: LANG of a Unix-like shell (Git Bash, MSYS) on Windows.
        let lang_c = |k: &str| (k == "LANG").then(|| "C.UTF-8".to_string());
        assert_eq!(resolve(lang_c, Some("zh-CN".to_string())), Lang::En);
    }
}
