//! The language of messages, headers and documents (`--lang zh|en`), and what is said in
//! it beyond the messages: the help (`help`, from the catalogue `help.zh.toml`), clap's
//! usage errors (`usage`) and the operating system's errors (`os_error`).

pub mod help;
pub mod usage;

use std::ffi::OsString;
use std::sync::OnceLock;

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Lang {
    #[value(alias = "英文", alias = "英语")]
    En,
    #[value(alias = "中文", alias = "汉语")]
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

/// The language `--lang` names on the command line, looked for before the command line is
/// parsed (the help and the usage errors depend on it): `--lang zh`, `--lang=zh`, the last
/// one given, up to a bare `--`. A word that is not a language is left to the parser.
pub fn lang_arg(args: &[OsString]) -> Option<Lang> {
    use clap::ValueEnum;
    let mut found = None;
    let mut it = args.iter().skip(1);
    while let Some(a) = it.next() {
        let Some(a) = a.to_str() else { continue };
        let value = match a {
            "--" => break,
            "--lang" => it.next().and_then(|v| v.to_str()),
            _ => a.strip_prefix("--lang="),
        };
        if let Some(lang) = value.and_then(|v| Lang::from_str(v.trim(), true).ok()) {
            found = Some(lang);
        }
    }
    found
}

/// An error of the operating system in Chinese: what its kind means, and its number
/// ("没有那个文件或目录（os error 2）"). None for an error the library made with its own
/// words, and for a kind without a name here: those stay as they are.
pub fn os_error_zh(e: &std::io::Error) -> Option<String> {
    use std::io::ErrorKind as K;
    if e.get_ref().is_some() {
        return None;
    }
    let what = match e.kind() {
        K::NotFound => "没有那个文件或目录",
        K::PermissionDenied => "权限不够",
        K::AlreadyExists => "文件已存在",
        K::IsADirectory => "是一个目录",
        K::NotADirectory => "不是目录",
        K::DirectoryNotEmpty => "目录非空",
        K::ReadOnlyFilesystem => "只读文件系统",
        K::StorageFull => "磁盘已满",
        K::QuotaExceeded => "超出磁盘限额",
        K::FileTooLarge => "文件过大",
        K::ResourceBusy => "设备或资源忙",
        K::ExecutableFileBusy => "文件正被执行",
        K::CrossesDevices => "不能跨设备移动或链接",
        K::TooManyLinks => "链接过多",
        K::InvalidFilename => "文件名无效或过长",
        K::ArgumentListTooLong => "参数列表过长",
        K::NotSeekable => "无法在其中定位",
        K::StaleNetworkFileHandle => "网络文件句柄已失效",
        K::Deadlock => "已避免资源死锁",
        K::WouldBlock => "资源暂时不可用",
        K::Interrupted => "操作被中断",
        K::Unsupported => "不支持的操作",
        K::UnexpectedEof => "文件意外结束",
        K::OutOfMemory => "内存不足",
        K::InvalidInput => "无效的参数",
        K::InvalidData => "数据无效",
        K::TimedOut => "操作超时",
        K::WriteZero => "无法写入",
        K::BrokenPipe => "管道已断开",
        K::ConnectionRefused => "连接被拒绝",
        K::ConnectionReset => "连接被对方重置",
        K::ConnectionAborted => "连接中断",
        K::NotConnected => "尚未连接",
        K::AddrInUse => "地址已在使用",
        K::AddrNotAvailable => "无法使用所请求的地址",
        K::NetworkDown => "网络已断开",
        K::NetworkUnreachable => "网络不可达",
        K::HostUnreachable => "主机不可达",
        _ => return None,
    };
    Some(match e.raw_os_error() {
        Some(n) => format!("{what}（os error {n}）"),
        None => what.to_string(),
    })
}

/// Picks the text for the current language.
pub fn tr(en: &'static str, zh: &'static str) -> &'static str {
    match lang() {
        Lang::En => en,
        Lang::Zh => zh,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn argv(args: &[&str]) -> Vec<OsString> {
        args.iter().map(OsString::from).collect()
    }

    #[test]
    fn the_language_is_found_on_the_command_line_before_parsing() {
        assert_eq!(lang_arg(&argv(&["pingxuan", "--lang", "en", "rank"])), Some(Lang::En));
        assert_eq!(lang_arg(&argv(&["pingxuan", "rank", "--lang=zh"])), Some(Lang::Zh));
        assert_eq!(
            lang_arg(&argv(&["pingxuan", "--lang", "中文", "--help"])),
            Some(Lang::Zh)
        );
        assert_eq!(
            lang_arg(&argv(&["pingxuan", "--lang", "zh", "--lang", "EN"])),
            Some(Lang::En)
        );
        assert_eq!(lang_arg(&argv(&["pingxuan", "--lang", "klingon"])), None);
        assert_eq!(lang_arg(&argv(&["pingxuan", "--lang"])), None);
        // The program's own name, and what follows a bare --, are not options.
        assert_eq!(lang_arg(&argv(&["--lang=zh"])), None);
        assert_eq!(lang_arg(&argv(&["pingxuan", "--", "--lang", "zh"])), None);
    }

    #[test]
    fn an_os_error_is_said_in_chinese_with_its_number() {
        let e = std::io::Error::from_raw_os_error(2);
        if e.kind() == std::io::ErrorKind::NotFound {
            assert_eq!(os_error_zh(&e).as_deref(), Some("没有那个文件或目录（os error 2）"));
        }
        let e = std::io::Error::from(std::io::ErrorKind::PermissionDenied);
        assert_eq!(os_error_zh(&e).as_deref(), Some("权限不够"));
        let e = std::io::Error::from(std::io::ErrorKind::StorageFull);
        assert_eq!(os_error_zh(&e).as_deref(), Some("磁盘已满"));
        // A library's own words stay.
        let e = std::io::Error::new(std::io::ErrorKind::InvalidData, "stream did not contain valid UTF-8");
        assert_eq!(os_error_zh(&e), None);
    }

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
