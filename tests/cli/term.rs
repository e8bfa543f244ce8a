//! term: opening, the scheme, closing and reopening; the database file itself.

use crate::common::{Env, json};

#[test]
fn opening_a_year_twice_is_refused() {
    let env = Env::with_term();
    let err = env.fails(&["term", "open", "2026"]);
    assert!(err.contains("2026") && err.contains("already open"), "{err}");
    let terms = json(&env.ok(&["term", "list", "--format", "json"]));
    assert_eq!(terms.as_array().unwrap().len(), 1);
    assert_eq!(terms[0]["deadline"], "2026-10-31");
    assert_eq!(terms[0]["state"], "open");
}

#[test]
fn a_read_on_a_missing_database_creates_nothing() {
    let env = Env::new();
    let err = env.fails(&["term", "list"]);
    assert!(err.contains("no database"), "{err}");
    assert!(!env.db().exists());
}

#[test]
fn a_foreign_file_is_refused_and_left_unchanged() {
    let env = Env::new();
    let text = "片组,单位\n北仑,海关\n";
    env.write("test.sqlite", text);
    let err = env.fails(&["term", "open", "2026"]);
    assert!(err.contains("not a pingxuan database"), "{err}");
    assert_eq!(std::fs::read_to_string(env.db()).unwrap(), text);

    // Another program's SQLite database is refused too, byte for byte unchanged.
    std::fs::remove_file(env.db()).unwrap();
    {
        let c = rusqlite::Connection::open(env.db()).unwrap();
        c.execute_batch("CREATE TABLE t (x); INSERT INTO t VALUES (1);")
            .unwrap();
    }
    let before = std::fs::read(env.db()).unwrap();
    let err = env.fails(&["term", "list"]);
    assert!(err.contains("not a pingxuan database"), "{err}");
    assert_eq!(std::fs::read(env.db()).unwrap(), before);
}

#[test]
fn a_database_from_a_newer_version_is_refused() {
    let env = Env::with_term();
    {
        let c = rusqlite::Connection::open(env.db()).unwrap();
        c.execute_batch("PRAGMA user_version = 99;").unwrap();
    }
    let err = env.fails(&["term", "list"]);
    assert!(err.contains("newer version"), "{err}");
}

#[test]
fn the_scheme_round_trips_and_is_settled_once_scoring_starts() {
    let env = Env::with_term();
    let path = env.path("scheme.toml");
    env.ok(&["term", "scheme", "export", "--out", &path]);
    let text = std::fs::read_to_string(&path)
        .unwrap()
        .replace("quota = 10", "quota = 8");
    env.write("scheme.toml", &text);
    let r = env.run(&["term", "scheme", "import", &path]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stderr.contains("window.quota: 10 → 8"),
        "the change is said: {}",
        r.stderr
    );
    let audited: String = env.query("SELECT detail FROM audit WHERE action = 'term.scheme'");
    assert!(audited.contains("window.quota: 10 → 8"), "{audited}");
    let rows = json(&env.ok(&["term", "scheme", "--format", "json"]));
    let quota = rows
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["setting"] == "quota")
        .unwrap();
    assert_eq!(quota["window"], "8");

    let bad = text.replace("joint = 50", "joint = 55");
    env.write("bad.toml", &bad);
    let err = env.fails(&["term", "scheme", "import", &env.path("bad.toml")]);
    assert!(err.contains("add up to 100"), "{err}");
    assert_eq!(env.query::<i64>("SELECT weight_joint FROM scheme"), 50);

    // A hand edit cannot bypass the rules either.
    let c = rusqlite::Connection::open(env.db()).unwrap();
    assert!(c.execute("UPDATE scheme SET weight_joint = 90", []).is_err());
    assert!(c.execute("DELETE FROM audit", []).is_err());
}

#[test]
fn a_closed_term_does_not_change_until_reopened_with_a_reason() {
    let env = Env::with_term();
    env.ok(&["term", "close"]);
    let err = env.fails(&["term", "show"]);
    assert!(err.contains("no term is open"), "{err}");
    let shown = env.ok(&["--term", "2026", "term", "show", "--format", "json"]);
    assert!(shown.contains("closed"), "{shown}");
    env.write(
        "s.toml",
        &env.ok(&["--term", "2026", "term", "scheme", "export"])
            .replace("quota = 10", "quota = 9"),
    );
    let err = env.fails(&["--term", "2026", "term", "scheme", "import", &env.path("s.toml")]);
    assert!(err.contains("closed"), "{err}");
    // Even a hand edit of a closed term's records is refused by the database.
    let c = rusqlite::Connection::open(env.db()).unwrap();
    assert!(c.execute("UPDATE scheme_category SET quota = 1", []).is_err());
    drop(c);

    let r = env.run(&["term", "reopen"]);
    assert_eq!(r.code, 2, "--reason is required: {}", r.stderr);
    env.ok(&["term", "reopen", "--reason", "a late appeal"]);
    let reason: String = env.query("SELECT detail FROM audit WHERE action = 'term.reopen'");
    assert!(reason.contains("a late appeal"));
}

#[test]
fn a_refused_first_command_leaves_no_file() {
    let env = Env::new();
    let err = env.fails(&["term", "open", "1999"]);
    assert!(err.contains("1999"), "{err}");
    assert!(!env.db().exists());
    // Any other first command, a dry run too, is refused: only `term open` makes the file.
    let units = format!("{}/examples/2026/units.csv", env!("CARGO_MANIFEST_DIR"));
    let err = env.fails(&["org", "import", &units, "--dry-run"]);
    assert!(err.contains("no database at"), "{err}");
    assert!(!env.db().exists());
    // An existing database is never removed, whatever fails.
    env.ok(&["term", "open", "2026"]);
    env.fails(&["term", "open", "2026"]);
    assert!(env.db().exists());
}

#[test]
fn the_database_refuses_hand_edits_of_the_official_record() {
    let env = Env::with_org();
    env.ok(&[
        "nominate",
        "add",
        "--category",
        "individual",
        "--name",
        "张三",
        "--unit",
        "北仑海关",
        "--deeds",
        "全年无差错",
    ]);
    env.ok(&[
        "veto",
        "add",
        "P2026-001",
        "--reason",
        "safety",
        "--evidence",
        "事故认定书",
    ]);
    env.ok(&["veto", "revoke", "1", "--reason", "认定书已撤销"]);
    let c = rusqlite::Connection::open(env.db()).unwrap();
    // A revoked veto keeps who, when and why.
    assert!(c.execute("UPDATE veto SET revoke_reason = 'other'", []).is_err());
    assert!(
        c.execute(
            "UPDATE veto SET revoked_at = NULL, revoked_by = NULL, revoke_reason = NULL",
            []
        )
        .is_err()
    );
    // An awarded term takes no new records, even by hand.
    c.execute("UPDATE term SET state = 'awarded'", []).unwrap();
    assert!(c.execute("UPDATE nomination SET deeds = 'x'", []).is_err());
    c.execute("UPDATE term SET state = 'closed'", []).unwrap();
    // A closed term can only be reopened, nothing else about it changes.
    assert!(
        c.execute("UPDATE term SET state = 'open', title = 'changed'", [])
            .is_err()
    );
    assert!(c.execute("UPDATE term SET title = 'changed'", []).is_err());
    c.execute("UPDATE term SET state = 'open'", []).unwrap();
}

#[test]
fn a_damaged_scheme_is_refused_not_guessed() {
    let env = Env::with_term();
    let c = rusqlite::Connection::open(env.db()).unwrap();
    c.execute("UPDATE scheme SET order_keys = 'totl,joint'", []).unwrap();
    drop(c);
    let err = env.fails(&["rank"]);
    assert!(err.contains("totl"), "{err}");
}

#[test]
fn the_audit_record_shows_organisation_changes_with_the_term() {
    let env = Env::with_term();
    env.ok(&["org", "add-group", "北仑单位共建片组", "--kind", "unit"]);
    let rows = json(&env.ok(&["audit", "--format", "json"]));
    let actions: Vec<&str> = rows
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["action"].as_str().unwrap())
        .collect();
    assert!(actions.contains(&"term.open"), "{actions:?}");
    assert!(actions.iter().any(|a| a.starts_with("org.")), "{actions:?}");
}

#[test]
fn help_texts() {
    let env = Env::new();
    let help = |args: &[&str]| {
        let out = env
            .cmd()
            .env("COLUMNS", "100")
            .args(args)
            .arg("--help")
            .output()
            .unwrap();
        assert!(out.status.success());
        String::from_utf8(out.stdout).unwrap()
    };
    insta::assert_snapshot!("help_pingxuan", help(&[]));
    insta::assert_snapshot!("help_term", help(&["term"]));
    for sub in ["open", "list", "show", "scheme", "close", "reopen"] {
        insta::assert_snapshot!(format!("help_term_{sub}"), help(&["term", sub]));
    }
    for sub in ["show", "export", "import"] {
        insta::assert_snapshot!(format!("help_term_scheme_{sub}"), help(&["term", "scheme", sub]));
    }
}

#[test]
fn pingxuan_lang_wins_over_the_locale_and_the_operator_falls_back_to_username() {
    let env = Env::with_term();
    let zh = env
        .cmd()
        .env("LC_ALL", "en_US.UTF-8")
        .env("PINGXUAN_LANG", "zh")
        .args(["term", "list"])
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&zh.stdout).contains("年度"));
    let named = env
        .cmd()
        .env("PINGXUAN_LANG", "zh")
        .args(["term", "list", "--lang", "en"])
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&named.stdout).contains("deadline"));
    // As on Windows: no USER, the account name in USERNAME.
    let out = env
        .cmd()
        .env_remove("USER")
        .env("USERNAME", "张晓梅")
        .args(["org", "add-group", "大榭区域共建片组", "--kind", "region"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let audit = env.cmd().args(["audit", "--format", "csv"]).output().unwrap();
    let last = String::from_utf8_lossy(&audit.stdout)
        .lines()
        .last()
        .unwrap()
        .to_string();
    assert!(last.contains(",张晓梅,"), "{last}");
}

#[test]
fn the_language_follows_the_environment_unless_named() {
    let env = Env::with_term();
    let zh = env
        .cmd()
        .env("LANG", "zh_CN.UTF-8")
        .args(["term", "list"])
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&zh.stdout).contains("年度"));
    let en = env
        .cmd()
        .env("LC_ALL", "en_US.UTF-8")
        .env("LANG", "zh_CN.UTF-8")
        .args(["term", "list"])
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&en.stdout).contains("year"));
    let named = env
        .cmd()
        .env("LANG", "zh_CN.UTF-8")
        .args(["term", "list", "--lang", "en"])
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&named.stdout).contains("deadline"));
    let err = env
        .cmd()
        .env("LANG", "zh_CN.UTF-8")
        .args(["term", "open", "2026"])
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&err.stderr).contains("错误"));
}

/// The binary in the test folder without `--db`: the database is named by `PINGXUAN_DB`
/// when given, else it is `pingxuan.sqlite` there.
fn bare(env: &Env, pingxuan_db: Option<&str>, lang: &str, args: &[&str]) -> (i32, String, String) {
    let mut c = assert_cmd::Command::cargo_bin("pingxuan").unwrap();
    c.current_dir(env.dir.path())
        .env_remove("PINGXUAN_DB")
        .env_remove("LC_ALL")
        .env_remove("PINGXUAN_LANG")
        .env("LANG", lang)
        .env("USER", "tester")
        .env("COLUMNS", "200")
        .args(args);
    if let Some(db) = pingxuan_db {
        c.env("PINGXUAN_DB", db);
    }
    let out = c.output().unwrap();
    let dir = env.dir.path().canonicalize().unwrap().display().to_string();
    let clean = |b: &[u8]| {
        String::from_utf8_lossy(b)
            .replace(&dir, "[DIR]")
            .replace(&env.dir.path().display().to_string(), "[DIR]")
    };
    (out.status.code().unwrap_or(-1), clean(&out.stdout), clean(&out.stderr))
}

#[test]
fn only_term_open_makes_a_database_and_the_others_say_which_file_they_looked_for() {
    let env = Env::new();
    let (code, _, err) = bare(
        &env,
        None,
        "C",
        &["org", "add-group", "北仑单位共建片组", "--kind", "unit"],
    );
    assert_eq!(code, 1);
    insta::assert_snapshot!("no_database_default", err);
    let (code, _, err) = bare(&env, Some("港口.sqlite"), "C", &["nominate", "list"]);
    assert_eq!(code, 1);
    insta::assert_snapshot!("no_database_env", err);
    let (code, _, err) = bare(&env, None, "zh_CN.UTF-8", &["nominate", "verify"]);
    assert_eq!(code, 1, "{err}");
    insta::assert_snapshot!("no_database_zh", err);
    let err = env.fails(&["veto", "list"]);
    assert!(err.contains("(named by --db)"), "{err}");
    assert_eq!(std::fs::read_dir(env.dir.path()).unwrap().count(), 0, "no file made");

    // An empty file is not a database to write to either; only `term open` makes one of it.
    env.write("test.sqlite", "");
    let err = env.fails(&["org", "add-group", "北仑单位共建片组", "--kind", "unit"]);
    assert!(err.contains("is an empty file"), "{err}");
    assert_eq!(std::fs::metadata(env.db()).unwrap().len(), 0);
    env.ok(&["term", "open", "2026"]);
    env.ok(&["org", "add-group", "北仑单位共建片组", "--kind", "unit"]);
}

#[test]
fn every_write_names_the_database_file_once() {
    let env = Env::new();
    let (code, _, err) = bare(&env, None, "C", &["term", "open", "2026"]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(err.matches("written to [DIR]/pingxuan.sqlite\n").count(), 1, "{err}");
    let units = format!("{}/examples/2026/units.csv", env!("CARGO_MANIFEST_DIR"));
    let (_, _, err) = bare(&env, None, "C", &["org", "import", &units]);
    assert_eq!(err.matches("written to [DIR]/pingxuan.sqlite").count(), 1, "{err}");
    let (_, _, err) = bare(
        &env,
        None,
        "zh_CN.UTF-8",
        &["org", "add-group", "大榭区域共建片组", "--kind", "region"],
    );
    assert_eq!(err.matches("已写入 [DIR]/pingxuan.sqlite").count(), 1, "{err}");
    // Reads, dry runs and refusals write nothing, and say nothing of it.
    for args in [
        &["term", "list"][..],
        &["org", "import", &units, "--dry-run"],
        &["term", "open", "2026"],
    ] {
        let (_, _, err) = bare(&env, None, "C", args);
        assert!(!err.contains("written to"), "{args:?}: {err}");
    }
}

#[test]
fn status_shows_the_file_the_terms_the_stage_and_the_next_step() {
    let env = Env::new();
    let (code, out, _) = bare(&env, None, "C", &["status", "--format", "csv"]);
    assert_eq!(code, 0);
    insta::assert_snapshot!("status_no_database", out);
    assert!(!env.dir.path().join("pingxuan.sqlite").exists());

    let stage = |env: &Env| {
        let rows = json(&env.ok(&["status", "--format", "json"]));
        let get = |k: &str| {
            rows.as_array()
                .unwrap()
                .iter()
                .find(|r| r["item"] == k)
                .map(|r| r["value"].as_str().unwrap().to_string())
                .unwrap_or_default()
        };
        (get("stage"), get("next"))
    };
    env.ok(&["term", "open", "2025"]);
    env.ok(&["--term", "2025", "term", "close"]);
    env.ok(&["term", "open", "2026"]);
    let (_, out, _) = bare(&env, Some("test.sqlite"), "C", &["status", "--format", "csv"]);
    insta::assert_snapshot!("status_opened", out);
    let (_, out, _) = bare(&env, Some("test.sqlite"), "zh_CN.UTF-8", &["status", "--format", "csv"]);
    insta::assert_snapshot!("status_opened_zh", out);

    env.ok(&["org", "add-group", "北仑单位共建片组", "--kind", "unit"]);
    env.ok(&[
        "org",
        "add-unit",
        "北仑海关",
        "--group",
        "北仑单位共建片组",
        "--has-window",
        "yes",
    ]);
    assert_eq!(stage(&env).0, "nominate");
    env.nominate_individual("张三");
    let (s, next) = stage(&env);
    assert!(s == "verify" && next.contains("nominate verify"), "{s} {next}");
    env.ok(&["nominate", "verify"]);
    let (s, next) = stage(&env);
    assert!(s == "score" && next.contains("score import"), "{s} {next}");
    // The table shows the stage in words.
    let table = env.ok(&["status"]);
    assert!(
        table.contains("score: verified nominees without self or joint sheets"),
        "{table}"
    );
    // A closed term is shown when named.
    let (s, next) = {
        let rows = json(&env.ok(&["--term", "2025", "status", "--format", "json"]));
        (
            rows[3]["value"].as_str().unwrap().to_string(),
            rows[4]["value"].as_str().unwrap().to_string(),
        )
    };
    assert!(s == "closed" && next.contains("term open 2026"), "{s} {next}");
}
