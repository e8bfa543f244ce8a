//! completions and man: generated from the clap definitions, so they name every command.

use std::path::Path;

use crate::common::Env;

const COMMANDS: &[&str] = &[
    "term",
    "org",
    "nominate",
    "score",
    "inspect",
    "veto",
    "rank",
    "award",
    "audit",
    "db",
    "status",
    "completions",
    "man",
];

#[test]
fn completions_for_each_shell_name_every_command() {
    let env = Env::new();
    for shell in ["bash", "zsh", "fish", "powershell"] {
        let script = env.ok(&["completions", shell]);
        for c in COMMANDS {
            assert!(script.contains(c), "{shell} completions lack {c}");
        }
        // Subcommands and their options too.
        assert!(script.contains("certificates") && script.contains("dry-run"), "{shell}");
    }
    assert!(env.ok(&["completions", "bash"]).contains("complete -F _pingxuan"));
    assert!(env.ok(&["completions", "fish"]).contains("complete -c pingxuan"));
    // A shell that does not exist is a usage error, naming the ones that do.
    let r = env.run(&["completions", "cmd"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("powershell"), "{}", r.stderr);
    // No database is needed, or made.
    assert!(!env.db().exists());
}

#[test]
fn the_bash_script_is_valid_bash() {
    let env = Env::new();
    let path = env.write("pingxuan.bash", &env.ok(&["completions", "bash"]));
    match std::process::Command::new("bash").arg("-n").arg(&path).output() {
        Ok(out) => assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr)),
        Err(_) => eprintln!("skipped: no bash to check the completion script with"),
    }
}

#[test]
fn the_man_page_and_one_page_per_command() {
    let env = Env::new();
    let page = env.ok(&["man"]);
    assert!(page.starts_with(".ie") || page.contains(".TH pingxuan 1"), "{page}");
    assert!(page.contains(".TH pingxuan 1"));
    for c in COMMANDS {
        assert!(
            page.contains(&format!("pingxuan\\-{c}")) || page.contains(c),
            "man page lacks {c}"
        );
    }
    let dir = env.path("man1");
    env.ok(&["man", "--out", &dir]);
    let open = std::fs::read_to_string(env.dir.path().join("man1/pingxuan-term-open.1")).unwrap();
    assert!(
        open.contains(".TH pingxuan\\-term\\-open 1") || open.contains(".TH pingxuan-term-open 1"),
        "{open}"
    );
    assert!(open.contains("\\-\\-deadline"), "{open}");
    assert!(env.dir.path().join("man1/pingxuan-award-notice.1").exists());
    let pages = std::fs::read_dir(env.dir.path().join("man1")).unwrap().count();
    assert!(pages > 40, "{pages} pages");
    // In Chinese, the same pages, and no page for the help subcommands.
    let zh = env.path("man1zh");
    env.ok(&["--lang", "zh", "man", "--out", &zh]);
    let names: Vec<String> = std::fs::read_dir(&zh)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names.len(), pages, "{names:?}");
    assert!(!names.iter().any(|n| n.contains("-help")), "{names:?}");
    // Its headings and placeholders are Chinese too.
    let open = std::fs::read_to_string(Path::new(&zh).join("pingxuan-term-open.1")).unwrap();
    for heading in [".SH 名称", ".SH 用法", ".SH 说明", ".SH 选项"] {
        assert!(open.contains(heading), "{heading}: {open}");
    }
    assert!(!open.contains(".SH NAME") && !open.contains(".SH SYNOPSIS"), "{open}");
    assert!(open.contains("<年份>") && !open.contains("<YEAR>"), "{open}");
    assert!(page.contains(".SH NAME"), "English stays English");
    assert!(!env.db().exists());
}
