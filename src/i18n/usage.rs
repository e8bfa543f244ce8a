//! clap's usage errors, in Chinese: rendered from the error's kind and context (the
//! argument, the value, the accepted words, the suggestion), where clap writes English.

use clap::Command;
use clap::error::{ContextKind, ContextValue, ErrorKind};

use super::help::{self, catalogue};

/// The message for a usage error, in Chinese, without the "错误" prefix: what is wrong,
/// any suggestion, the usage line and where to read more.
pub fn render(err: &clap::Error, cmd: &Command) -> String {
    let text = |k| match err.get(k) {
        Some(ContextValue::String(s)) => Some(s.clone()),
        _ => None,
    };
    let texts = |k| match err.get(k) {
        Some(ContextValue::Strings(v)) => v.clone(),
        Some(ContextValue::String(s)) => vec![s.clone()],
        _ => Vec::new(),
    };
    let number = |k| match err.get(k) {
        Some(ContextValue::Number(n)) => Some(*n),
        _ => None,
    };
    let arg = text(ContextKind::InvalidArg);
    let value = text(ContextKind::InvalidValue);
    let sub = text(ContextKind::InvalidSubcommand);
    let message = match (err.kind(), &arg, &value) {
        (ErrorKind::InvalidValue, Some(a), Some(v)) if v.is_empty() => {
            let mut m = format!("{a} 需要一个值，但没有给出");
            m += &accepted(cmd, a, &texts(ContextKind::ValidValue));
            m
        }
        (ErrorKind::InvalidValue, Some(a), Some(v)) => {
            let mut m = format!("“{v}”不是 {a} 可用的值");
            m += &accepted(cmd, a, &texts(ContextKind::ValidValue));
            m
        }
        (ErrorKind::ValueValidation, Some(a), Some(v)) => {
            let why = std::error::Error::source(err).map(reason).unwrap_or_default();
            if why.is_empty() {
                format!("{a} 的值“{v}”无效")
            } else {
                format!("{a} 的值“{v}”无效：{why}")
            }
        }
        (ErrorKind::UnknownArgument, Some(a), _) => format!("无法识别的参数“{a}”"),
        (ErrorKind::TooManyValues, Some(a), Some(v)) => {
            format!("{a} 多出了值“{v}”；它不再接受更多的值")
        }
        (ErrorKind::NoEquals, Some(a), _) => format!("给 {a} 赋值须用等号（{a}=值）"),
        (ErrorKind::TooFewValues, Some(a), _) => format!(
            "{a} 至少需要 {} 个值，只给出了 {} 个",
            number(ContextKind::MinValues).unwrap_or_default(),
            number(ContextKind::ActualNumValues).unwrap_or_default()
        ),
        (ErrorKind::WrongNumberOfValues, Some(a), _) => format!(
            "{a} 需要 {} 个值，给出了 {} 个",
            number(ContextKind::ExpectedNumValues).unwrap_or_default(),
            number(ContextKind::ActualNumValues).unwrap_or_default()
        ),
        (ErrorKind::ArgumentConflict, _, _) => conflict(err, arg.as_deref().or(sub.as_deref())),
        (ErrorKind::MissingRequiredArgument, _, _) => {
            let missing = texts(ContextKind::InvalidArg);
            format!("缺少必需的参数：\n  {}", missing.join("\n  "))
        }
        (ErrorKind::InvalidSubcommand, _, _) if sub.is_some() => {
            format!("无法识别的子命令“{}”", sub.unwrap_or_default())
        }
        (ErrorKind::MissingSubcommand, _, _) if sub.is_some() => {
            let mut m = format!("{} 需要一个子命令，但没有给出", sub.unwrap_or_default());
            let valid = texts(ContextKind::ValidSubcommand);
            if !valid.is_empty() {
                m += &format!("\n  [可用的子命令：{}]", valid.join("、"));
            }
            m
        }
        (ErrorKind::InvalidUtf8, _, _) => "命令行中有不是有效 UTF-8 的文字".to_string(),
        _ => fallback(err),
    };
    let mut out = message;
    let mut tips = Vec::new();
    for (kind, what) in [
        (ContextKind::SuggestedSubcommand, "子命令"),
        (ContextKind::SuggestedArg, "参数"),
        (ContextKind::SuggestedValue, "值"),
    ] {
        let similar = texts(kind);
        if !similar.is_empty() {
            let quoted: Vec<String> = similar.iter().map(|s| format!("“{s}”")).collect();
            tips.push(format!("你是不是要用{what} {}？", quoted.join("或")));
        }
    }
    if let Some(ContextValue::StyledStrs(suggested)) = err.get(ContextKind::Suggested) {
        tips.extend(suggested.iter().map(|s| tip(&s.to_string())));
    }
    if !tips.is_empty() {
        out += "\n";
        for t in tips {
            out += &format!("\n  提示：{t}");
        }
    }
    if let Some(ContextValue::StyledStr(usage)) = err.get(ContextKind::Usage) {
        let usage = usage.to_string();
        let line = usage.trim().strip_prefix("Usage:").unwrap_or(usage.trim()).trim();
        let heading = catalogue().map_or("用法：", |c| c.clap.usage.as_str());
        out += &format!("\n\n{heading}{line}");
    }
    out += "\n\n更多信息请用 --help 查看。";
    out
}

/// The accepted words of the argument that refused a value: in Chinese use its Chinese
/// words first, found on the argument in the command tree; else the names clap gave.
fn accepted(cmd: &Command, arg: &str, names: &[String]) -> String {
    if names.is_empty() {
        return String::new();
    }
    let or = catalogue().map_or("或", |c| c.clap.or.as_str());
    let list = find_arg(cmd, arg, names)
        .map(|a| help::value_list(a, or))
        .unwrap_or_else(|| names.join("、"));
    format!("\n  [可用的值：{list}]")
}

/// The argument shown as `shown` ("--reason <REASON>") whose values are `names`: the same
/// arguments share their values, so the first found serves.
fn find_arg<'a>(cmd: &'a Command, shown: &str, names: &[String]) -> Option<&'a clap::Arg> {
    let found = cmd.get_arguments().find(|a| {
        a.to_string() == shown && {
            let own: Vec<String> = a
                .get_possible_values()
                .iter()
                .filter(|pv| !pv.is_hide_set())
                .map(|pv| pv.get_name().to_string())
                .collect();
            own == names
        }
    });
    found.or_else(|| cmd.get_subcommands().find_map(|s| find_arg(s, shown, names)))
}

fn conflict(err: &clap::Error, first: Option<&str>) -> String {
    let Some(first) = first else {
        return "有参数不能同时使用".to_string();
    };
    match err.get(ContextKind::PriorArg) {
        Some(ContextValue::String(prior)) if prior == first => {
            format!("参数 {first} 只能用一次")
        }
        Some(ContextValue::String(prior)) => format!("参数 {first} 不能与 {prior} 同时使用"),
        Some(ContextValue::Strings(prior)) => {
            format!("参数 {first} 不能与以下参数同时使用：\n  {}", prior.join("\n  "))
        }
        _ => format!("参数 {first} 不能与已给出的其他参数同时使用"),
    }
}

/// Why a value was refused: the parser's own message (ours are in the language already),
/// or the standard library's number errors said in Chinese.
fn reason(source: &(dyn std::error::Error + 'static)) -> String {
    use std::num::IntErrorKind;
    if let Some(e) = source.downcast_ref::<std::num::ParseIntError>() {
        return match e.kind() {
            IntErrorKind::Empty => "不能为空",
            IntErrorKind::PosOverflow | IntErrorKind::NegOverflow => "数值超出范围",
            _ => "不是有效的整数",
        }
        .to_string();
    }
    if source.downcast_ref::<std::num::ParseFloatError>().is_some() {
        return "不是有效的数".to_string();
    }
    let text = source.to_string();
    // clap's ranged integers: "2000000 is not in 0..=65535".
    if let Some((n, range)) = text.split_once(" is not in ") {
        return format!("{n} 不在 {range} 的范围内");
    }
    text
}

/// clap's tips, such as "to pass '-x' as a value, use '-- -x'".
fn tip(text: &str) -> String {
    let parts: Vec<&str> = text.split('\'').collect();
    match parts.as_slice() {
        ["to pass ", value, " as a value, use ", how, ""] => {
            format!("要把“{value}”作为值传入，请写成“{how}”")
        }
        [
            "subcommand ",
            name,
            " exists; to use it, remove the ",
            dashes,
            " before it",
        ] => {
            format!("有子命令“{name}”；要用它，请去掉它前面的“{dashes}”")
        }
        _ => text.to_string(),
    }
}

/// A kind without a Chinese sentence of its own: said in Chinese in general, with clap's
/// own detail after.
fn fallback(err: &clap::Error) -> String {
    let english = err.render().to_string();
    let detail = english
        .lines()
        .next()
        .unwrap_or_default()
        .trim_start_matches("error:")
        .trim();
    if detail.is_empty() {
        "命令行有误".to_string()
    } else {
        format!("命令行有误：{detail}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::{Arg, ArgAction};

    fn cmd() -> Command {
        Command::new("pingxuan")
            .subcommand(
                Command::new("veto").subcommand(
                    Command::new("add")
                        .arg(Arg::new("code").required(true))
                        .arg(
                            Arg::new("reason").long("reason").value_parser([
                                clap::builder::PossibleValue::new("criminal").alias("刑事"),
                                clap::builder::PossibleValue::new("discipline")
                                    .alias("违纪")
                                    .alias("处分"),
                            ]),
                        )
                        .arg(Arg::new("dry-run").long("dry-run").action(ArgAction::SetTrue))
                        .arg(Arg::new("year").long("year").value_parser(clap::value_parser!(i32))),
                ),
            )
            .subcommand(Command::new("rank"))
    }

    fn error(args: &[&str]) -> (clap::Error, Command) {
        let mut c = cmd();
        let e = c.try_get_matches_from_mut(args).expect_err("a usage error");
        (e, c)
    }

    #[test]
    fn a_refused_value_lists_the_chinese_words() {
        let (e, c) = error(&["pingxuan", "veto", "add", "X", "--reason", "nonsense"]);
        let m = render(&e, &c);
        assert!(m.starts_with("“nonsense”不是 --reason <reason> 可用的值"), "{m}");
        assert!(m.contains("[可用的值：刑事、违纪（或 criminal、discipline）]"), "{m}");
        assert!(m.ends_with("\n\n更多信息请用 --help 查看。"), "{m}");
    }

    #[test]
    fn an_unknown_flag_names_the_flag_and_the_likely_one() {
        let (e, c) = error(&["pingxuan", "veto", "add", "X", "--dry-rn"]);
        let m = render(&e, &c);
        assert!(m.starts_with("无法识别的参数“--dry-rn”"), "{m}");
        assert!(m.contains("提示：你是不是要用参数 “--dry-run”？"), "{m}");
        assert!(m.contains("\n\n用法：pingxuan veto add"), "{m}");
        assert!(!m.contains("Usage"), "{m}");
    }

    #[test]
    fn a_missing_argument_and_an_unknown_command_are_said_in_chinese() {
        let (e, c) = error(&["pingxuan", "veto", "add"]);
        let m = render(&e, &c);
        assert!(m.starts_with("缺少必需的参数：\n  <code>"), "{m}");
        let (e, c) = error(&["pingxuan", "rnak"]);
        let m = render(&e, &c);
        assert!(m.starts_with("无法识别的子命令“rnak”"), "{m}");
        assert!(m.contains("你是不是要用子命令 “rank”？"), "{m}");
    }

    #[test]
    fn clap_tips_are_said_in_chinese_and_others_kept() {
        assert_eq!(
            tip("to pass '-x' as a value, use '-- -x'"),
            "要把“-x”作为值传入，请写成“-- -x”"
        );
        assert_eq!(
            tip("subcommand 'rank' exists; to use it, remove the '--' before it"),
            "有子命令“rank”；要用它，请去掉它前面的“--”"
        );
        assert_eq!(tip("something new"), "something new");
    }

    #[test]
    fn a_number_refused_by_the_standard_library_says_why_in_chinese() {
        let (e, c) = error(&["pingxuan", "veto", "add", "X", "--year", "二〇二六"]);
        let m = render(&e, &c);
        assert!(m.starts_with("--year <year> 的值“二〇二六”无效：不是有效的整数"), "{m}");
        let (e, c) = error(&["pingxuan", "veto", "add", "X", "--dry-run", "--dry-run"]);
        let m = render(&e, &c);
        assert!(m.starts_with("参数 --dry-run 只能用一次"), "{m}");
    }
}
