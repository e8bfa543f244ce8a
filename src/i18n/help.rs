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
    pub man: ManWords,
    /// The placeholders of values in the usage lines and help: `<文件>` for `<FILE>`.
    pub names: BTreeMap<String, String>,
    pub help: BTreeMap<String, String>,
}

/// The section headings of a manual page that clap_mangen writes itself.
#[derive(Debug, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ManWords {
    pub name: String,
    pub synopsis: String,
    pub description: String,
    pub version: String,
}

/// A manual page as clap_mangen renders it, with its own section headings in the catalogue's
/// words (the other headings come from the tree, in Chinese already).
pub fn man_headings(page: &str, w: &ManWords) -> String {
    page.lines()
        .map(|line| match line {
            ".SH NAME" => format!(".SH {}", w.name),
            ".SH SYNOPSIS" => format!(".SH {}", w.synopsis),
            ".SH DESCRIPTION" => format!(".SH {}", w.description),
            ".SH VERSION" => format!(".SH {}", w.version),
            other => other.to_string(),
        })
        .collect::<Vec<_>>()
        .join("\n")
        + if page.ends_with('\n') { "\n" } else { "" }
}

/// The placeholders of an argument's values as the help shows them: its value names, else
/// its id in capitals, as clap shows it.
#[cfg(test)]
pub fn value_names(a: &Arg) -> Vec<String> {
    match a.get_value_names() {
        Some(names) if !names.is_empty() => names.iter().map(|n| n.to_string()).collect(),
        _ => vec![a.get_id().as_str().to_uppercase()],
    }
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

/// One text the command tree needs: its key, the English, and whether it is a command's.
#[cfg(test)]
pub struct Key {
    pub key: String,
    pub english: String,
    pub command: bool,
}

/// Every key the command tree needs, with its English text, in the order of the tree:
/// each command, its arguments, and the values that carry a description. The built-in
/// `--help`, `--version` and `help` are clap's, in the catalogue's `[clap]` table.
#[cfg(test)]
pub fn keys(cmd: &Command) -> Vec<Key> {
    let mut out = Vec::new();
    collect(cmd, "", &mut out);
    out
}

#[cfg(test)]
fn collect(cmd: &Command, path: &str, out: &mut Vec<Key>) {
    let text = |s: Option<&StyledStr>| s.map(|s| s.to_string()).unwrap_or_default();
    out.push(Key {
        key: command_key(path),
        english: text(cmd.get_long_about().or(cmd.get_about())),
        command: true,
    });
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
        out.push(Key {
            key: key.clone(),
            english: text(arg.get_long_help().or(arg.get_help())),
            command: false,
        });
        if lists_values(arg) {
            for pv in arg.get_possible_values().iter().filter(|pv| !pv.is_hide_set()) {
                if let Some(help) = pv.get_help() {
                    out.push(Key {
                        key: value_key(&key, pv.get_name()),
                        english: help.to_string(),
                        command: false,
                    });
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

/// Fills the Chinese of the catalogue into the command tree: the texts first, so that clap
/// builds the tree from them (which help is long, the `help` subcommand's list), then
/// clap's own `--help`, `--version` and `help`, which the build adds, and the usage lines.
/// Without a readable catalogue the tree stays as it is.
pub fn localize(mut cmd: Command) -> Command {
    let Some(cat) = catalogue() else {
        return cmd;
    };
    fill(&mut cmd, "", cat);
    cmd.build();
    finish(&mut cmd, cat);
    cmd
}

fn fill(cmd: &mut Command, path: &str, cat: &'static Catalogue) {
    let w = &cat.clap;
    let mut c = std::mem::take(cmd);
    if let Some(text) = cat.help.get(&command_key(path)) {
        let (short, long) = split(text);
        c = c.about(short).long_about(styled(long));
    }
    c = headings(c, w).mut_args(|a| localize_arg(a, path, cat));
    for sub in c.get_subcommands_mut() {
        let sub_path = if path.is_empty() {
            sub.get_name().to_string()
        } else {
            format!("{path} {}", sub.get_name())
        };
        fill(sub, &sub_path, cat);
    }
    *cmd = c;
}

/// The help's headings: 用法, 命令, and the command placeholder.
fn headings(c: Command, w: &'static Words) -> Command {
    let usage_style = c.get_styles().get_usage();
    let template = StyledStr::from(format!(
        "{{before-help}}{{about-with-newline}}\n{usage_style}{}{usage_style:#}{{usage}}\n\n{{all-args}}{{after-help}}",
        w.usage
    ));
    c.help_template(template)
        .subcommand_help_heading(w.commands.as_str())
        .subcommand_value_name(w.command.as_str())
}

/// The usage line as clap makes it, with its placeholder for options in the language.
fn usage(mut c: Command, w: &'static Words) -> Command {
    let usage = c.render_usage().to_string();
    let usage = usage.trim();
    let line = usage.strip_prefix("Usage:").unwrap_or(usage).trim();
    let line = line.replace("[OPTIONS]", &w.any_options);
    c.override_usage(line)
}

/// What the build added: `-h`, `-V`, the `help` subcommand; and the usage line, as clap
/// makes it, with its placeholder for options in the language.
fn finish(cmd: &mut Command, cat: &'static Catalogue) {
    let w = &cat.clap;
    let mut c = usage(std::mem::take(cmd).mut_args(|a| builtin_arg(a, w)), w);
    for sub in c.get_subcommands_mut() {
        if sub.get_name() == "help" {
            // Its list of commands was copied from the tree, in Chinese already.
            let help = headings(std::mem::take(sub), w).about(w.help_command.as_str());
            let mut help = usage(help, w);
            for inner in help.get_subcommands_mut().filter(|s| s.get_name() == "help") {
                *inner = std::mem::take(inner).about(w.help_command.as_str());
            }
            *sub = help;
        } else {
            finish(sub, cat);
        }
    }
    *cmd = c;
}

fn builtin_arg(a: Arg, w: &'static Words) -> Arg {
    match a.get_action() {
        ArgAction::Help | ArgAction::HelpShort | ArgAction::HelpLong => {
            let a = a.help_heading(w.options.as_str());
            if a.get_long_help().is_some() {
                a.help(w.help_more.as_str()).long_help(w.help_summary.as_str())
            } else {
                a.help(w.help.as_str())
            }
        }
        ArgAction::Version => a.help_heading(w.options.as_str()).help(w.version.as_str()),
        _ => a,
    }
}

fn localize_arg(a: Arg, path: &str, cat: &'static Catalogue) -> Arg {
    let w = &cat.clap;
    let key = arg_key(path, &a);
    // The placeholders, as many as there were: their number is the number of values.
    let names: Option<Vec<clap::builder::Str>> = a.get_value_names().map(|names| {
        names
            .iter()
            .map(|n| {
                cat.names
                    .get(n.as_str())
                    .map_or_else(|| n.clone(), |zh| zh.as_str().into())
            })
            .collect()
    });
    let a = match names {
        Some(names) if a.get_action().takes_values() => a.value_names(names),
        _ => a,
    };
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
    use std::collections::BTreeSet;

    use clap::CommandFactory;

    use super::*;
    use crate::cli::Cli;

    /// The test a translator runs (`cargo test help_catalogue`): it names every command,
    /// argument or described value that has no Chinese, and every key that is stale.
    #[test]
    fn help_catalogue_has_the_chinese_of_every_command_and_argument_and_nothing_stale() {
        let cat = parse().unwrap_or_else(|e| panic!("src/i18n/help.zh.toml: {e}"));
        let keys = keys(&Cli::command());
        let missing: Vec<&str> = keys
            .iter()
            .filter(|k| !cat.help.contains_key(&k.key))
            .map(|k| k.key.as_str())
            .collect();
        assert!(
            missing.is_empty(),
            "src/i18n/help.zh.toml [help] lacks the Chinese of {missing:?}"
        );
        let known: BTreeSet<&str> = keys.iter().map(|k| k.key.as_str()).collect();
        let stale: Vec<&String> = cat.help.keys().filter(|k| !known.contains(k.as_str())).collect();
        assert!(
            stale.is_empty(),
            "src/i18n/help.zh.toml [help] has keys that no command or argument has any more: {stale:?}"
        );
        for (key, zh) in &cat.help {
            assert!(
                is_chinese(zh),
                "src/i18n/help.zh.toml: \"{key}\" is not in Chinese: {zh:?}"
            );
        }
    }

    #[test]
    fn help_catalogue_names_every_placeholder_in_chinese() {
        fn walk(cmd: &Command, found: &mut BTreeSet<String>) {
            for a in cmd.get_arguments().filter(|a| a.get_action().takes_values()) {
                found.extend(value_names(a));
            }
            for sub in cmd.get_subcommands() {
                walk(sub, found);
            }
        }
        let cat = parse().expect("the catalogue");
        let mut found = BTreeSet::new();
        walk(&Cli::command(), &mut found);
        let missing: Vec<&String> = found.iter().filter(|n| !cat.names.contains_key(*n)).collect();
        assert!(missing.is_empty(), "src/i18n/help.zh.toml [names] lacks {missing:?}");
        let stale: Vec<&String> = cat.names.keys().filter(|n| !found.contains(*n)).collect();
        assert!(
            stale.is_empty(),
            "src/i18n/help.zh.toml [names] has placeholders no argument has: {stale:?}"
        );
        for zh in cat.names.values() {
            assert!(is_chinese(zh), "{zh}");
        }
        // In the Chinese tree: `--db <路径>`, and a value's count unchanged.
        let zh = localize(Cli::command());
        let db = zh.get_arguments().find(|a| a.get_id() == "db").unwrap();
        assert_eq!(value_names(db), vec![cat.names["PATH"].clone()]);
        let mut en = Cli::command();
        en.build();
        let en_db = en.get_arguments().find(|a| a.get_id() == "db").unwrap();
        assert_eq!(db.get_num_args(), en_db.get_num_args());
    }

    #[test]
    fn a_manual_pages_own_headings_are_in_the_catalogues_words() {
        let cat = parse().expect("the catalogue");
        let page = ".TH pingxuan 1\n.SH NAME\npingxuan\n.SH SYNOPSIS\n.SH DESCRIPTION\n.SH 选项\n.SH VERSION\nv0.1.0\n";
        assert_eq!(
            man_headings(page, &cat.man),
            ".TH pingxuan 1\n.SH 名称\npingxuan\n.SH 用法\n.SH 说明\n.SH 选项\n.SH 版本\nv0.1.0\n"
        );
    }

    #[test]
    fn help_catalogue_gives_an_example_wherever_the_english_does_and_every_command_one() {
        let cat = parse().expect("the catalogue");
        for k in keys(&Cli::command()) {
            let Some(zh) = cat.help.get(&k.key) else {
                continue; // named by the test of the catalogue's keys
            };
            if k.english.contains("Example:") || k.command {
                assert!(
                    zh.contains("\n示例：\n  pingxuan"),
                    "\"{}\" has no example (示例：)",
                    k.key
                );
            }
            // A long English help has its long Chinese; an argument's short one a short one.
            let (en_long, zh_long) = (k.english.trim().contains("\n\n"), zh.trim().contains("\n\n"));
            assert!(
                zh_long || !en_long,
                "\"{}\": the English has more than one paragraph, the Chinese one",
                k.key
            );
            assert!(
                en_long || !zh_long || k.command,
                "\"{}\": the English has one paragraph, the Chinese more",
                k.key
            );
        }
    }

    #[test]
    fn help_catalogue_words_of_clap_are_chinese() {
        let w = parse().expect("the catalogue").clap;
        for word in [
            &w.usage,
            &w.commands,
            &w.arguments,
            &w.options,
            &w.command,
            &w.any_options,
            &w.help,
            &w.help_more,
            &w.help_summary,
            &w.version,
            &w.help_command,
            &w.possible_values,
            &w.or,
            &w.default,
        ] {
            assert!(is_chinese(word), "[clap] {word:?}");
        }
    }

    /// Every text the Chinese tree shows, clap's own included, is Chinese.
    #[test]
    fn the_chinese_tree_has_no_english_help_left() {
        fn check(cmd: &Command, path: &str) {
            if let Some(about) = cmd.get_about() {
                assert!(is_chinese(&about.to_string()), "{path}: {about}");
            }
            for a in cmd.get_arguments().filter(|a| !a.is_hide_set()) {
                let help = a.get_help().map(|s| s.to_string()).unwrap_or_default();
                assert!(is_chinese(&help), "{path} {}: {help:?}", a.get_id());
                let heading = a.get_help_heading().unwrap_or_default();
                assert!(is_chinese(heading), "{path} {}: heading {heading:?}", a.get_id());
            }
            for sub in cmd.get_subcommands() {
                check(sub, &format!("{path} {}", sub.get_name()));
            }
        }
        check(&localize(Cli::command()), "pingxuan");
    }

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
