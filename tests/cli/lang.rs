//! The language of the help and of the command line's errors: Chinese under a Chinese
//! locale, PINGXUAN_LANG or --lang, English otherwise; the output for scripts the same in both.

use crate::common::{Env, Run, json};

/// Runs under a Chinese locale (and whatever else is set on the command).
fn zh(env: &Env, args: &[&str]) -> Run {
    let out = env
        .cmd()
        .env("LANG", "zh_CN.UTF-8")
        .args(args)
        .output()
        .expect("running pingxuan");
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

fn first_line(s: &str) -> &str {
    s.lines().next().unwrap_or_default()
}

#[test]
fn the_help_is_chinese_under_a_chinese_locale() {
    let env = Env::new();
    let commands: &[&[&str]] = &[
        &[],
        &["award", "grant"],
        &["veto", "add"],
        &["score", "import"],
        &["template"],
        &["inspect", "list"],
        &["term", "scheme", "show"],
    ];
    for command in commands {
        for flag in ["--help", "-h"] {
            let mut args = command.to_vec();
            args.push(flag);
            let english = env.ok(&args);
            let r = zh(&env, &args);
            assert_eq!(r.code, 0, "{args:?}: {}", r.stderr);
            let help = &r.stdout;
            // The doc comment's first line is gone; the Chinese and its headings are there.
            assert!(!help.contains(first_line(&english)), "{args:?}:\n{help}");
            for english_word in [
                "Usage:",
                "Options:",
                "Arguments:",
                "Commands:",
                "Print help",
                "[OPTIONS]",
            ] {
                assert!(!help.contains(english_word), "{args:?} has {english_word}:\n{help}");
            }
            assert!(help.contains("用法：pingxuan"), "{args:?}:\n{help}");
            assert!(help.contains("选项:"), "{args:?}:\n{help}");
            if flag == "--help" {
                assert!(help.contains("示例：\n  pingxuan"), "{args:?}:\n{help}");
            }
        }
    }
    let top = zh(&env, &["--help"]).stdout;
    assert!(top.starts_with("文明和谐口岸评选"), "{top}");
    assert!(top.contains("命令:\n  term"), "{top}");
    let grant = zh(&env, &["award", "grant", "--help"]).stdout;
    assert!(grant.starts_with("按入围名单记录本届表彰"), "{grant}");
    assert!(!grant.contains("Record the awards of the term"), "{grant}");
    assert!(grant.contains("评审委员会选中的名额线并列者（可重复）"), "{grant}");
    // The accepted words are the Chinese ones, with their meaning in the long help.
    let veto = zh(&env, &["veto", "add", "--help"]).stdout;
    assert!(veto.contains("违纪（discipline）：严重违法违纪受到处分"), "{veto}");
    assert!(!veto.contains("Possible values"), "{veto}");
    // The help subcommand too.
    let r = zh(&env, &["help", "award"]);
    assert_eq!(r.code, 0);
    assert!(r.stdout.starts_with("办理本届表彰"), "{}", r.stdout);
}

#[test]
fn lang_on_the_command_line_wins_over_the_locale_and_pingxuan_lang_over_lang() {
    let env = Env::new();
    // --lang en under a Chinese locale, before or after the command.
    for args in [
        &["--lang", "en", "--help"][..],
        &["award", "grant", "--help", "--lang=en"][..],
    ] {
        let r = zh(&env, args);
        assert_eq!(r.code, 0);
        assert!(r.stdout.contains("Usage: pingxuan"), "{args:?}:\n{}", r.stdout);
        assert!(!r.stdout.contains("用法"), "{args:?}:\n{}", r.stdout);
    }
    // PINGXUAN_LANG=zh under LANG=C, and --lang zh (or 中文).
    let out = env
        .cmd()
        .env("PINGXUAN_LANG", "zh")
        .args(["rank", "--help"])
        .output()
        .unwrap();
    let help = String::from_utf8_lossy(&out.stdout);
    assert!(help.contains("用法：pingxuan rank"), "{help}");
    assert!(help.contains("显示候选对象排名"), "{help}");
    for lang in ["zh", "中文"] {
        let help = env.ok(&["--lang", lang, "term", "--help"]);
        assert!(help.starts_with("开启、查看和结束年度届期"), "{help}");
    }
    // An English usage error stays clap's own.
    let r = zh(
        &env,
        &[
            "--lang",
            "en",
            "veto",
            "add",
            "X",
            "--reason",
            "nonsense",
            "--evidence",
            "e",
        ],
    );
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains("invalid value 'nonsense' for '--reason <REASON>'"),
        "{}",
        r.stderr
    );
}

#[test]
fn usage_errors_are_chinese_and_exit_2() {
    let env = Env::new();
    // A word that is not a ground: the accepted Chinese words are listed.
    let r = zh(&env, &["veto", "add", "X", "--reason", "nonsense", "--evidence", "e"]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(
        r.stderr.starts_with("错误：“nonsense”不是 --reason <事由> 可用的值"),
        "{}",
        r.stderr
    );
    assert!(
        r.stderr
            .contains("刑事、安全、投诉、违纪（或 criminal、safety、complaint、discipline）"),
        "{}",
        r.stderr
    );
    assert!(!r.stderr.contains("invalid value"), "{}", r.stderr);
    // A flag that does not exist: the one meant is suggested.
    let r = zh(
        &env,
        &["veto", "add", "X", "--reason", "违纪", "--evidence", "e", "--dry-rn"],
    );
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("无法识别的参数“--dry-rn”"), "{}", r.stderr);
    assert!(r.stderr.contains("你是不是要用参数 “--dry-run”？"), "{}", r.stderr);
    assert!(r.stderr.contains("用法：pingxuan veto add"), "{}", r.stderr);
    assert!(!r.stderr.contains("unexpected argument"), "{}", r.stderr);
    // A required argument left out.
    let r = zh(&env, &["veto", "add", "X", "--reason", "违纪"]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains("缺少必需的参数：\n  --evidence <文字>"),
        "{}",
        r.stderr
    );
    assert!(!r.stderr.contains("required arguments"), "{}", r.stderr);
    // A command that does not exist, and a number that is not one.
    let r = zh(&env, &["rnak"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("无法识别的子命令“rnak”"), "{}", r.stderr);
    assert!(r.stderr.contains("“rank”"), "{}", r.stderr);
    let r = zh(&env, &["--term", "二〇二六", "rank"]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains("--term <年份> 的值“二〇二六”无效：不是有效的整数"),
        "{}",
        r.stderr
    );
    // No database was made by any of them.
    assert!(!env.db().exists());
}

#[test]
fn help_and_version_exit_0_and_a_missing_command_shows_the_chinese_help() {
    let env = Env::new();
    assert_eq!(zh(&env, &["--version"]).code, 0);
    let r = zh(&env, &["veto"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.starts_with("记录、列出和撤销一票否决"), "{}", r.stderr);
    assert!(r.stderr.contains("命令:\n  add"), "{}", r.stderr);
}

#[test]
fn the_chinese_words_of_a_value_are_taken_in_either_language() {
    let env = Env::with_org();
    env.nominate_individual("袁婷");
    let by_code = env.ok(&["nominate", "list", "--category", "individual", "--format", "json"]);
    let by_word = env.ok(&["nominate", "list", "--category", "个人", "--format", "json"]);
    assert_eq!(by_code, by_word);
    let form = env.ok(&["template", "推荐表"]);
    assert_eq!(form, env.ok(&["template", "nominations"]));
}

#[test]
fn output_for_scripts_is_the_same_in_both_languages() {
    let env = Env::with_org();
    env.nominate_individual("袁婷");
    env.nominate_individual("李明");
    for args in [
        &["term", "list", "--format", "json"][..],
        &["org", "list", "--format", "json"][..],
        &["nominate", "list", "--format", "csv"][..],
        &["veto", "list", "--format", "json"][..],
    ] {
        let english = env.ok(args);
        let r = zh(&env, args);
        assert_eq!(r.code, 0, "{args:?}: {}", r.stderr);
        assert_eq!(english, r.stdout, "{args:?}");
    }
    // The rank, its reasons included: sentences for people in the table, the same English
    // words for scripts in JSON and CSV, whatever the locale.
    for format in ["json", "csv"] {
        let english = env.ok(&["rank", "--format", format]);
        let r = zh(&env, &["rank", "--format", format]);
        assert_eq!(r.code, 0, "{}", r.stderr);
        assert_eq!(english, r.stdout, "rank --format {format}");
    }
    let rows = json(&env.ok(&["rank", "--format", "json"]));
    let reasons = rows[0]["reasons"].as_array().expect("reasons").clone();
    assert!(!reasons.is_empty(), "the nominees are not verified: {rows}");
    let table = zh(&env, &["rank"]).stdout;
    assert!(table.contains("未核对"), "{table}");
    // A form rejected as late: why, in English words for scripts, in Chinese for people.
    env.ok(&[
        "nominate",
        "add",
        "--category",
        "individual",
        "--name",
        "迟交",
        "--unit",
        "北仑海关",
        "--deeds",
        "好",
        "--submitted-on",
        "2026-11-20",
    ]);
    env.ok(&["nominate", "verify"]);
    for args in [
        &["nominate", "list", "--format", "json"][..],
        &["nominate", "show", "P2026-003", "--format", "json"][..],
        &["rank", "--format", "json"][..],
        &["rank", "--explain", "P2026-003", "--format", "json"][..],
        &["rank", "--explain", "P2026-003", "--format", "csv"][..],
    ] {
        let english = env.ok(args);
        assert_eq!(english, zh(&env, args).stdout, "{args:?}");
    }
    let show = json(&env.ok(&["nominate", "show", "P2026-003", "--format", "json"]));
    assert_eq!(show["reason_codes"], serde_json::json!(["late"]), "{show}");
    assert!(!show["reasons"].as_array().unwrap().is_empty(), "{show}");
    let shown = zh(&env, &["nominate", "show", "P2026-003"]).stdout;
    assert!(!shown.contains(show["reasons"][0].as_str().unwrap()), "{shown}");
}

#[test]
fn a_missing_file_is_named_in_chinese() {
    let env = Env::with_term();
    let r = zh(&env, &["nominate", "import", "没有这个文件.csv"]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(r.stderr.contains("没有那个文件或目录（os error 2）"), "{}", r.stderr);
    assert!(!r.stderr.contains("No such file"), "{}", r.stderr);
    // In English, the system's own words.
    let r = env.run(&["nominate", "import", "没有这个文件.csv"]);
    assert!(
        r.stderr.contains("No such file or directory (os error 2)"),
        "{}",
        r.stderr
    );
}

#[test]
fn audit_actions_and_order_keys_are_words_in_chinese_and_codes_for_scripts() {
    let env = Env::with_org();
    let audit = zh(&env, &["audit"]).stdout;
    assert!(audit.contains("开启届期") && audit.contains("新增成员单位"), "{audit}");
    assert!(!audit.contains("term.open"), "{audit}");
    let data = env.ok(&["audit", "--format", "json"]);
    assert!(data.contains("\"action\": \"term.open\""), "{data}");
    assert_eq!(data, zh(&env, &["audit", "--format", "json"]).stdout);
    let scheme = zh(&env, &["term", "scheme"]).stdout;
    assert!(scheme.contains("总分、联评、检查得分、满意度"), "{scheme}");
    assert!(!scheme.contains("max_per_group"), "{scheme}");
}
