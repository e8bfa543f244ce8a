//! The help in Chinese, as data. The English lives in the doc comments of the clap
//! definitions (the source of `--help` in English, of the completions and of `man`); the
//! Chinese of every command, argument and described value lives in `help.zh.toml`, one
//! catalogue a translator reads whole, keyed by command path and argument. Under Chinese it
//! is filled into the built command tree before the command line is parsed.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use clap::builder::{Resettable, StyledStr};
use clap::{Arg, ArgAction, Command};

const CATALOGUE: &str = include_str!("help.zh.toml");

/// The catalogue: clap's own words, and the help of every command and argument.
#[derive(Debug, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Catalogue {
    pub clap: Words,
    pub help: BTreeMap<String, String>,
}

/// The words clap writes itself: headings, the built-in `-h`, `-V` and `help`.
#[derive(Debug, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Words {
    pub usage: String,
    pub commands: String,
    pub arguments: String,
    pub options: String,
    pub command: String,
    pub any_options: String,
    pub help: String,
    pub help_more: String,
    pub help_summary: String,
    pub version: String,
    pub help_command: String,
    pub possible_values: String,
    pub or: String,
    pub default: String,
}

/// The catalogue as embedded; an error only if the file is not valid TOML of this shape,
/// which the tests rule out.
pub fn parse() -> Result<Catalogue, toml::de::Error> {
    toml::from_str(CATALOGUE)
}

/// The embedded catalogue, read once; None if it cannot be read (then help stays English).
pub fn catalogue() -> Option<&'static Catalogue> {
    static CAT: OnceLock<Option<Catalogue>> = OnceLock::new();
    CAT.get_or_init(|| parse().ok()).as_ref()
}

/// The key of a command: its path below the program ("award grant"), or "pingxuan".
pub fn command_key(path: &str) -> String {
    if path.is_empty() {
        "pingxuan".to_string()
    } else {
        path.to_string()
    }
}

/// The key of an argument: its command's path, then `--long`, `-s`, or `<id>` for a
/// positional one ("award grant --include", "org add-unit <name>"). A global option has no
/// path ("--db"), wherever it is met.
pub fn arg_key(path: &str, arg: &Arg) -> String {
    let name = if arg.is_positional() {
        format!("<{}>", arg.get_id())
    } else if let Some(long) = arg.get_long() {
        format!("--{long}")
    } else if let Some(short) = arg.get_short() {
        format!("-{short}")
    } else {
        arg.get_id().to_string()
    };
    if path.is_empty() || arg.is_global_set() {
        name
    } else {
        format!("{path} {name}")
    }
}

/// The key of one described value of an argument ("veto add --reason criminal").
pub fn value_key(arg_key: &str, value: &str) -> String {
    format!("{arg_key} {value}")
}

/// Whether an argument's accepted words are listed in its help.
fn lists_values(arg: &Arg) -> bool {
    arg.get_action().takes_values() && !arg.is_hide_possible_values_set()
}

/// Every key the command tree needs, with its English text, in the order of the tree:
/// each command, its arguments, and the values that carry a description. The built-in
/// `--help`, `--version` and `help` are clap's, in the catalogue's `[clap]` table.
pub fn keys(cmd: &Command) -> Vec<(String, String)> {
    let mut out = Vec::new();
    collect(cmd, "", &mut out);
    out
}

fn collect(cmd: &Command, path: &str, out: &mut Vec<(String, String)>) {
    let about = cmd.get_long_about().or(cmd.get_about());
    out.push((command_key(path), about.map(|s| s.to_string()).unwrap_or_default()));
    for arg in cmd.get_arguments() {
        if arg.is_global_set() && !path.is_empty() {
            continue; // propagated: its key is the program's
        }
        if matches!(
            arg.get_action(),
            ArgAction::Help | ArgAction::HelpShort | ArgAction::HelpLong | ArgAction::Version
        ) {
            continue;
        }
        let key = arg_key(path, arg);
        let help = arg.get_long_help().or(arg.get_help());
        out.push((key.clone(), help.map(|s| s.to_string()).unwrap_or_default()));
        if lists_values(arg) {
            for pv in arg.get_possible_values().iter().filter(|pv| !pv.is_hide_set()) {
                if let Some(help) = pv.get_help() {
                    out.push((value_key(&key, pv.get_name()), help.to_string()));
                }
            }
        }
    }
    for sub in cmd.get_subcommands() {
        let sub_path = if path.is_empty() {
            sub.get_name().to_string()
        } else {
            format!("{path} {}", sub.get_name())
        };
        collect(sub, &sub_path, out);
    }
}

/// A text of the catalogue as clap takes it: the first paragraph is the short help, the
/// whole the long help when there is more than one paragraph (as with doc comments).
pub fn split(text: &str) -> (String, Option<String>) {
    let text = text.trim();
    match text.split_once("\n\n") {
        Some((first, _)) => (first.trim().to_string(), Some(text.to_string())),
        None => (text.to_string(), None),
    }
}

/// Whether a word is Chinese (it has a CJK ideograph).
pub fn is_chinese(s: &str) -> bool {
    s.chars().any(|c| {
        matches!(c, '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}' | '\u{F900}'..='\u{FAFF}' | '\u{20000}'..='\u{2EBEF}')
    })
}

/// The words a value of an argument is given as, in Chinese use: its first Chinese alias
/// where it has one, else its name; and the names that were replaced, to list after.
pub fn value_words(arg: &Arg) -> (Vec<String>, Vec<String>) {
    let mut words = Vec::new();
    let mut english = Vec::new();
    for pv in arg.get_possible_values().iter().filter(|pv| !pv.is_hide_set()) {
        match pv.get_name_and_aliases().find(|w| is_chinese(w)) {
            Some(zh) => {
                words.push(zh.to_string());
                english.push(pv.get_name().to_string());
            }
            None => words.push(pv.get_name().to_string()),
        }
    }
    (words, english)
}

/// "刑事、安全、投诉、违纪（或 criminal、safety、complaint、discipline）"
pub fn value_list(arg: &Arg, or: &str) -> String {
    let (words, english) = value_words(arg);
    let mut s = words.join("、");
    if !english.is_empty() {
        s += &format!("（{or} {}）", english.join("、"));
    }
    s
}

/// Fills the Chinese of the catalogue into the command tree, which is built first so that
/// clap's own `--help`, `--version` and `help` are there to be filled too. Without a
/// readable catalogue the tree stays as it is.
pub fn localize(mut cmd: Command) -> Command {
    cmd.build();
    let Some(cat) = catalogue() else {
        return cmd;
    };
    fill(&mut cmd, "", cat);
    cmd
}

fn fill(cmd: &mut Command, path: &str, cat: &'static Catalogue) {
    let w = &cat.clap;
    let mut c = std::mem::take(cmd);
    if let Some(text) = cat.help.get(&command_key(path)) {
        let (short, long) = split(text);
        c = c.about(short).long_about(styled(long));
    }
    let usage_style = c.get_styles().get_usage();
    let template = StyledStr::from(format!(
        "{{before-help}}{{about-with-newline}}\n{usage_style}{}{usage_style:#}{{usage}}\n\n{{all-args}}{{after-help}}",
        w.usage
    ));
    c = c
        .help_template(template)
        .subcommand_help_heading(w.commands.as_str())
        .subcommand_value_name(w.command.as_str())
        .mut_args(|a| localize_arg(a, path, cat));
    // The usage line, as clap makes it, with its placeholder for options in the language.
    let usage = c.render_usage().to_string();
    let usage = usage.trim();
    let line = usage.strip_prefix("Usage:").unwrap_or(usage).trim();
    c = c.override_usage(line.replace("[OPTIONS]", &w.any_options));
    for sub in c.get_subcommands_mut() {
        let name = sub.get_name().to_string();
        if name == "help" {
            fill_help(sub, path, cat);
        } else {
            let sub_path = if path.is_empty() {
                name
            } else {
                format!("{path} {name}")
            };
            fill(sub, &sub_path, cat);
        }
    }
    *cmd = c;
}

/// clap's `help` subcommand, with a copy of the commands beside it for completion: each
/// copy takes the short help of the command it stands for.
fn fill_help(help: &mut Command, parent: &str, cat: &Catalogue) {
    let mut c = std::mem::take(help).about(cat.clap.help_command.clone());
    for sub in c.get_subcommands_mut() {
        let name = sub.get_name().to_string();
        if name == "help" {
            *sub = std::mem::take(sub).about(cat.clap.help_command.clone());
            continue;
        }
        let path = if parent.is_empty() {
            name
        } else {
            format!("{parent} {name}")
        };
        copy_abouts(sub, &path, cat);
    }
    *help = c;
}

fn copy_abouts(cmd: &mut Command, path: &str, cat: &Catalogue) {
    let mut c = std::mem::take(cmd);
    if let Some(text) = cat.help.get(path) {
        c = c.about(split(text).0);
    }
    for sub in c.get_subcommands_mut() {
        let sub_path = format!("{path} {}", sub.get_name());
        copy_abouts(sub, &sub_path, cat);
    }
    *cmd = c;
}

fn localize_arg(a: Arg, path: &str, cat: &'static Catalogue) -> Arg {
    let w = &cat.clap;
    match a.get_action() {
        ArgAction::Help | ArgAction::HelpShort | ArgAction::HelpLong => {
            let a = a.help_heading(w.options.as_str());
            return if a.get_long_help().is_some() {
                a.help(w.help_more.clone()).long_help(w.help_summary.clone())
            } else {
                a.help(w.help.clone())
            };
        }
        ArgAction::Version => return a.help_heading(w.options.as_str()).help(w.version.clone()),
        _ => {}
    }
    let key = arg_key(path, &a);
    let (mut short, mut long) = match cat.help.get(&key) {
        Some(text) => split(text),
        None => (
            a.get_help().map(|s| s.to_string()).unwrap_or_default(),
            a.get_long_help().map(|s| s.to_string()),
        ),
    };
    let heading = if a.is_positional() { &w.arguments } else { &w.options };
    let mut a = if a.get_help_heading().is_none() {
        a.help_heading(heading.as_str())
    } else {
        a
    };
    if a.get_action().takes_values() && !a.is_hide_default_value_set() && !a.get_default_values().is_empty() {
        let defaults: Vec<String> = a
            .get_default_values()
            .iter()
            .map(|v| v.to_string_lossy().into_owned())
            .collect();
        let note = format!(" [{}：{}]", w.default, defaults.join("、"));
        short += &note;
        if let Some(l) = long.as_mut() {
            *l += &note;
        }
        a = a.hide_default_value(true);
    }
    if lists_values(&a) && !a.get_possible_values().is_empty() {
        let plain = short.clone();
        short += &format!(" [{}：{}]", w.possible_values, value_list(&a, &w.or));
        let described: Vec<String> = a
            .get_possible_values()
            .iter()
            .filter(|pv| !pv.is_hide_set())
            .filter_map(|pv| {
                let text = cat.help.get(&value_key(&key, pv.get_name()))?;
                let word = pv
                    .get_name_and_aliases()
                    .find(|w| is_chinese(w))
                    .map_or_else(|| pv.get_name().to_string(), |zh| format!("{zh}（{}）", pv.get_name()));
                Some(format!("  - {word}：{}", text.trim()))
            })
            .collect();
        if !described.is_empty() {
            let head = long.take().unwrap_or(plain);
            long = Some(format!("{head}\n\n{}：\n{}", w.possible_values, described.join("\n")));
        }
        a = a.hide_possible_values(true);
    }
    a.help(short).long_help(styled(long))
}

/// A text, or none: clap resets what is none.
fn styled(text: Option<String>) -> Resettable<StyledStr> {
    match text {
        Some(t) => Resettable::Value(t.into()),
        None => Resettable::Reset,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_text_splits_into_its_first_paragraph_and_the_whole() {
        assert_eq!(split("一句话\n"), ("一句话".to_string(), None));
        let (short, long) = split("开启届期\n\n示例：\n  pingxuan term open 2026\n");
        assert_eq!(short, "开启届期");
        assert_eq!(long.as_deref(), Some("开启届期\n\n示例：\n  pingxuan term open 2026"));
    }

    #[test]
    fn chinese_words_are_told_from_english_ones() {
        assert!(is_chinese("违纪"));
        assert!(is_chinese("W2026-001 号"));
        assert!(!is_chinese("discipline"));
        assert!(!is_chinese("（）：、"));
    }

    #[test]
    fn a_value_list_gives_the_chinese_words_then_the_english_names() {
        let arg = Arg::new("reason").long("reason").value_parser([
            clap::builder::PossibleValue::new("criminal").alias("刑事"),
            clap::builder::PossibleValue::new("safety").alias("安全"),
            clap::builder::PossibleValue::new("csv"),
        ]);
        assert_eq!(value_list(&arg, "或"), "刑事、安全、csv（或 criminal、safety）");
    }
}
