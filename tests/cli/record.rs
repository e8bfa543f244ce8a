//! What the record promises: the hash chain finds every hand edit, outputs never replace the
//! database, reading never writes, the file's troubles are told apart, and text is clean.

use std::time::Duration;

use rusqlite::Connection;

use crate::common::{Env, fixture};

/// A veto of the one nominee of `open_year`.
const VETO: &[&str] = &[
    "veto",
    "add",
    "P2026-001",
    "--reason",
    "complaint",
    "--evidence",
    "查实",
];

/// The example year, awarded, as the version before the hash chain left it (schema 1).
fn awarded_year() -> Env {
    let env = Env::new();
    std::fs::copy(fixture("db/v1-cycle-2026.sqlite"), env.db()).expect("copying the fixture");
    env
}

/// An open term with one nominee, verified, with a self sheet.
fn open_year() -> Env {
    let env = Env::with_org();
    env.nominate_individual("王五");
    env.ok(&["nominate", "verify"]);
    let points = "18,17.5,19,18,16";
    env.ok(&["score", "add", "P2026-001", "--source", "self", "--points", points]);
    env
}

/// The binary in the test's folder, with no database named yet.
fn bare(env: &Env) -> std::process::Command {
    let mut c = std::process::Command::new(env!("CARGO_BIN_EXE_pingxuan"));
    c.current_dir(env.dir.path())
        .env_remove("PINGXUAN_DB")
        .env_remove("LC_ALL")
        .env_remove("PINGXUAN_LANG")
        .env_remove("COLUMNS")
        .env("LANG", "C")
        .env("USER", "tester");
    c
}

/// Runs SQL on the file by hand, as a tamperer with sqlite3 would.
fn by_hand(env: &Env, sql: &str) {
    let c = Connection::open(env.db()).expect("open");
    c.execute_batch(sql).unwrap_or_else(|e| panic!("{sql}: {e}"));
}

/// `audit verify` fails, and says each of `needles`.
#[track_caller]
fn verify_finds(env: &Env, needles: &[&str]) -> String {
    let r = env.run(&["audit", "verify"]);
    assert_eq!(r.code, 1, "audit verify should fail:\n{}\n{}", r.stdout, r.stderr);
    for n in needles {
        assert!(r.stdout.contains(n), "audit verify should say {n:?}:\n{}", r.stdout);
    }
    r.stdout
}

#[test]
fn a_database_of_schema_1_opens_carries_on_and_verifies() {
    let env = awarded_year();
    let out = env.run(&["audit", "verify"]);
    assert_eq!(out.code, 0, "{}\n{}", out.stdout, out.stderr);
    assert!(out.stderr.contains("brought up to date"), "{}", out.stderr);
    assert!(out.stderr.contains("the record holds"), "{}", out.stderr);
    // The history is chained and every row recorded once, by the seal.
    assert_eq!(env.query::<i64>("PRAGMA user_version"), crate::common::schema_version());
    assert_eq!(
        env.query::<String>("SELECT action FROM audit ORDER BY id DESC LIMIT 1"),
        "record.sealed"
    );
    assert_eq!(env.query::<i64>("SELECT count(*) FROM audit WHERE hash IS NULL"), 0);
    // It ranks as before, and takes writes that verify.
    let shortlist = env.ok(&["rank", "--shortlist", "--format", "csv"]);
    assert!(shortlist.contains("W2026-021"), "{shortlist}");
    env.ok(&["term", "reopen", "--reason", "a late objection"]);
    env.ok(&[
        "veto",
        "add",
        "W2026-021",
        "--reason",
        "complaint",
        "--evidence",
        "查实",
    ]);
    env.ok(&["audit", "verify"]);
    env.ok(&["db", "check"]);
    let head = env.ok(&["audit", "head"]);
    assert_eq!(head.trim().len(), 64, "{head}");
}

#[test]
fn hand_edits_of_a_closed_term_are_found() {
    let env = awarded_year();
    env.ok(&["audit", "verify"]);
    // Reopen by hand, change a sheet, set the term back: the term row is as it was.
    by_hand(
        &env,
        "UPDATE term SET state = 'open'; UPDATE sheet SET c1 = 1500 WHERE id = 1; UPDATE term SET state = 'awarded';",
    );
    verify_finds(
        &env,
        &["sheet 1 differs", "the 2026 term is awarded, yet 1 of its rows changed"],
    );
}

#[test]
fn a_term_reopened_by_hand_is_named() {
    let env = awarded_year();
    env.ok(&["audit", "verify"]);
    by_hand(&env, "UPDATE term SET state = 'open';");
    verify_finds(&env, &["the 2026 term is open, but the record has it awarded"]);
}

#[test]
fn a_mark_edited_past_the_scheme_is_found_and_never_ranked() {
    let env = open_year();
    let id: i64 = env.query("SELECT id FROM sheet");
    by_hand(&env, &format!("UPDATE sheet SET c1 = 999999 WHERE id = {id}"));
    verify_finds(
        &env,
        &[
            &format!("sheet {id} differs"),
            &format!("sheet {id} (P2026-001): criterion 1 is 9999.99"),
        ],
    );
    let err = env.fails(&["rank"]);
    assert!(
        err.contains(&format!(
            "sheet {id} (P2026-001, self-evaluation): criterion 1 is 9999.99"
        )),
        "{err}"
    );
    // Fixed by a new sheet in the tool, the mark no longer counts; the edit stays found.
    env.ok(&[
        "score",
        "add",
        "P2026-001",
        "--source",
        "self",
        "--points",
        "18,17.5,19,18,16",
        "--replace",
    ]);
    env.ok(&["rank"]);
}

#[test]
fn a_maximum_lowered_with_force_leaves_no_mark_above_it_counting() {
    let env = open_year();
    let scheme = env.ok(&["term", "scheme", "export"]);
    let at = scheme.find("[[individual.criteria]]").expect("individual criteria");
    let lowered = format!(
        "{}{}",
        &scheme[..at],
        scheme[at..].replacen("max = 20.0", "max = 15.0", 1)
    );
    assert_ne!(lowered, scheme, "the export should carry criterion maxima:\n{scheme}");
    let f = env.write("lower.toml", &lowered);
    env.ok(&["term", "scheme", "import", f.to_str().unwrap(), "--force"]);
    let err = env.fails(&["rank"]);
    assert!(
        err.contains("criterion 1 is 18, but the scheme allows 0 to 15"),
        "{err}"
    );
    let found = verify_finds(&env, &["criterion 1 is 18, outside the scheme (0 to 15"]);
    // The scheme change itself went through the tool: no row is out of line with the record.
    assert!(!found.contains("differs"), "{found}");
}

#[test]
fn each_hand_edit_of_the_record_is_found() {
    // (what the tamperer does, what audit verify must say)
    let cases: &[(&str, &str)] = &[
        (
            "UPDATE term SET state = 'open'; UPDATE veto SET revoked_at = '2026-11-01 09:00:00', revoked_by = 'x', revoke_reason = 'x' WHERE id = 1;",
            "veto 1 differs",
        ),
        (
            "UPDATE term SET state = 'open'; UPDATE finding SET withdrawn_at = '2026-11-01', withdrawn_by = 'x', withdraw_reason = 'x' WHERE id = 37;",
            "finding 37 differs",
        ),
        (
            "UPDATE term SET state = 'open'; UPDATE nomination SET status = 'verified', reasons = '' WHERE status = 'rejected' AND id = (SELECT min(id) FROM nomination WHERE status = 'rejected');",
            "nomination ",
        ),
        (
            "UPDATE term SET state = 'open'; UPDATE scheme SET weight_self = 30, weight_joint = 40;",
            "scheme 2026 differs",
        ),
        (
            "INSERT INTO audit (at, operator, term, action, target, detail, prev, rows, hash) VALUES ('2026-10-01 09:00:00', 'x', 2026, 'veto.revoke', 'W2026-001', '{}', '', '', printf('%064d', 0));",
            "the chain breaks at audit entry",
        ),
        (
            "DROP TRIGGER audit_no_update; UPDATE audit SET operator = 'someone else' WHERE id = 10;",
            "the chain breaks at audit entry 10, which no longer gives its hash",
        ),
        (
            "DROP TRIGGER sheet_no_delete; DELETE FROM sheet WHERE id = 2;",
            "the guard sheet_no_delete is missing",
        ),
        (
            "DROP TRIGGER sheet_no_delete; DELETE FROM sheet WHERE id = 2;",
            "sheet 2 is on the record but gone",
        ),
        (
            "UPDATE term SET state = 'open'; INSERT INTO veto (nomination, reason, evidence, added_at, added_by) VALUES (1, 'safety', 'x', '2026-11-01', 'x');",
            "has no record: it was added outside pingxuan",
        ),
        (
            "DROP TRIGGER audit_no_delete; DELETE FROM audit WHERE id = 100;",
            "the chain breaks at audit entry 101, which does not follow the entry before it",
        ),
        (
            "CREATE TRIGGER mine AFTER INSERT ON veto BEGIN UPDATE veto SET revoked_at = NULL; END;",
            "the trigger mine is not pingxuan's",
        ),
    ];
    let base = awarded_year();
    base.ok(&["audit", "verify"]);
    for (sql, says) in cases {
        let env = Env::new();
        std::fs::copy(base.db(), env.db()).expect("copy");
        by_hand(&env, sql);
        verify_finds(&env, &[says]);
        // db check reports the same, and fails too.
        let r = env.run(&["db", "check"]);
        assert_eq!(r.code, 1, "db check after {sql}");
    }
}

#[test]
fn no_output_replaces_the_database_or_its_journal() {
    let env = open_year();
    let db = env.db().display().to_string();
    let before = std::fs::read(env.db()).expect("db");
    for args in [
        vec!["nominate", "template", "--out", db.as_str()],
        vec!["term", "scheme", "export", "--out", db.as_str()],
    ] {
        let err = env.fails(&args);
        assert!(err.contains("it is the database in use"), "{args:?}: {err}");
    }
    let wal = format!("{db}-wal");
    let err = env.fails(&["term", "scheme", "export", "--out", &wal]);
    assert!(err.contains("it is the database in use"), "{err}");
    // The same file by another name (a hard link) is refused too.
    let link = env.path("another-name.sqlite");
    std::fs::hard_link(env.db(), &link).expect("link");
    let err = env.fails(&["term", "scheme", "export", "--out", &link]);
    assert!(err.contains("it is the database in use"), "{err}");
    assert_eq!(std::fs::read(env.db()).expect("db"), before);
    env.ok(&["audit", "verify"]);
    // Nor a device, nor a folder.
    let err = env.fails(&["term", "scheme", "export", "--out", "/dev/null"]);
    assert!(err.contains("not a plain file"), "{err}");
}

#[test]
fn an_awarded_year_notice_never_replaces_the_database() {
    let env = awarded_year();
    let db = env.db().display().to_string();
    // Refused for its ending (.sqlite is no form of the notice), before anything is written.
    let err = env.fails(&["award", "notice", "--out", &db]);
    assert!(
        err.contains(&db) && err.contains("a file ending in .docx or .html"),
        "{err}"
    );
    env.ok(&["audit", "verify"]);
    // And the database under a name with a form's ending is the database in use all the same.
    let named = env.path("年度.json");
    std::fs::hard_link(env.db(), &named).expect("link");
    let err = env.fails(&["award", "notice", "--out", &named]);
    assert!(err.contains("it is the database in use"), "{err}");
    env.ok(&["audit", "verify"]);
}

#[cfg(unix)]
#[test]
fn certificates_do_not_follow_a_link_planted_in_their_folder() {
    let env = awarded_year();
    let dir = env.dir.path().join("certs");
    std::fs::create_dir(&dir).expect("dir");
    let victim = env.write("victim.txt", "keep me");
    std::os::unix::fs::symlink(&victim, dir.join("index.html")).expect("symlink");
    let err = env.fails(&["award", "certificates", "--out", dir.to_str().unwrap()]);
    assert!(err.contains("not a plain file"), "{err}");
    assert_eq!(std::fs::read_to_string(&victim).expect("victim"), "keep me");
}

#[test]
fn an_output_is_whole_or_not_there() {
    let env = open_year();
    let out = env.path("scheme.toml");
    env.ok(&["term", "scheme", "export", "--out", &out]);
    let first = std::fs::read_to_string(&out).expect("out");
    env.ok(&["term", "scheme", "export", "--out", &out]);
    assert_eq!(std::fs::read_to_string(&out).expect("out"), first);
    // No temporary file is left beside it.
    let left: Vec<String> = std::fs::read_dir(env.dir.path())
        .expect("dir")
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".part"))
        .collect();
    assert!(left.is_empty(), "{left:?}");
}

#[test]
fn csv_cells_a_spreadsheet_would_run_are_defused_and_markdown_escapes_html() {
    let env = Env::with_org();
    for name in [
        "=cmd|' /C calc'!A0",
        "+1+1",
        "-1+1",
        "@SUM(A1)",
        "<script>alert(1)</script>",
        "<img src=x onerror=alert(1)>",
    ] {
        let name = format!("--name={name}");
        env.ok(&[
            "nominate",
            "add",
            "--category",
            "individual",
            &name,
            "--unit",
            "北仑海关",
            "--deeds",
            "好",
        ]);
    }
    let csv = env.ok(&["nominate", "list", "--format", "csv"]);
    for bad in ["=cmd", "+1+1", "-1+1", "@SUM"] {
        assert!(csv.contains(&format!("'{bad}")), "{bad} should be defused:\n{csv}");
        assert!(!csv.contains(&format!(",{bad}")), "{bad} raw:\n{csv}");
    }
    let md = env.ok(&["nominate", "list", "--format", "md"]);
    assert!(
        md.contains("&lt;script&gt;") && md.contains("&lt;img src=x onerror=alert(1)&gt;"),
        "{md}"
    );
    assert!(!md.contains("<script>") && !md.contains("<img"), "{md}");
    // Numbers stay numbers: a rank's totals are not touched.
    let env = awarded_year();
    let rank = env.ok(&["rank", "--format", "csv"]);
    assert!(!rank.contains(",'9"), "{rank}");
}

#[test]
fn the_files_troubles_are_told_apart() {
    let env = awarded_year();
    env.ok(&["audit", "verify"]);
    // Damaged: the file cut in half.
    let damaged = Env::new();
    let bytes = std::fs::read(env.db()).expect("db");
    std::fs::write(damaged.db(), &bytes[..bytes.len() / 2]).expect("write");
    let err = damaged.fails(&["rank"]);
    assert!(err.contains("is damaged") && err.contains("db check"), "{err}");
    // Not ours.
    let text = Env::new();
    std::fs::write(text.db(), "name,unit\n").expect("write");
    let err = text.fails(&["rank"]);
    assert!(err.contains("is not a pingxuan database"), "{err}");
    // Busy: another program holds the file, and the clerk will not wait long.
    let conn = Connection::open(env.db()).expect("open");
    conn.execute_batch("PRAGMA locking_mode = EXCLUSIVE; BEGIN EXCLUSIVE;")
        .expect("lock");
    let r = env
        .cmd()
        .env("PINGXUAN_WAIT", "0.3")
        .args(["term", "reopen", "--reason", "x"])
        .output()
        .expect("run");
    let err = String::from_utf8_lossy(&r.stderr);
    assert_eq!(r.status.code(), Some(1), "{err}");
    assert!(
        err.contains("is busy") && !err.contains("not a pingxuan database"),
        "{err}"
    );
    drop(conn);
}

#[test]
fn a_waiting_clerk_waits_and_is_told_so() {
    let env = open_year();
    let db = env.db();
    let conn = Connection::open(&db).expect("open");
    conn.execute_batch("BEGIN IMMEDIATE;").expect("lock");
    let release = std::thread::spawn(move || {
        std::thread::sleep(Duration::from_millis(1800));
        conn.execute_batch("COMMIT;").expect("commit");
    });
    let r = env.run(VETO);
    release.join().expect("thread");
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stderr.contains("waiting for another pingxuan"), "{}", r.stderr);
}

#[test]
fn reading_never_writes() {
    // A 0-byte file stays 0 bytes, with nothing beside it.
    let env = Env::new();
    std::fs::write(env.db(), b"").expect("write");
    let err = env.fails(&["rank"]);
    assert!(err.contains("is an empty file"), "{err}");
    assert_eq!(std::fs::metadata(env.db()).expect("db").len(), 0);
    let beside: Vec<_> = std::fs::read_dir(env.dir.path()).expect("dir").collect();
    assert_eq!(beside.len(), 1, "{beside:?}");
    // A device is not a database, and no journal is made beside it.
    let r = bare(&env).args(["--db", "/dev/null", "rank"]).output().expect("run");
    assert_eq!(r.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&r.stderr).contains("not a regular file"));
    assert!(!std::path::Path::new("/dev/null-journal").exists());
    assert!(!std::path::Path::new("/dev/null-wal").exists());
}

#[cfg(unix)]
#[test]
fn a_database_in_a_read_only_folder_can_be_read() {
    use std::os::unix::fs::PermissionsExt;
    let env = open_year();
    let dir = env.dir.path().join("ro");
    std::fs::create_dir(&dir).expect("dir");
    let db = dir.join("port.sqlite");
    std::fs::copy(env.db(), &db).expect("copy");
    std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o555)).expect("chmod");
    let probe = std::fs::write(dir.join("probe"), b"x").is_ok();
    let r = bare(&env)
        .arg("--db")
        .arg(&db)
        .args(["rank", "--format", "csv"])
        .output()
        .expect("run");
    std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o755)).expect("chmod");
    if probe {
        eprintln!("skipped in part: this user (root?) can write to a read-only folder, so the folder is not read-only");
    }
    assert_eq!(r.status.code(), Some(0), "{}", String::from_utf8_lossy(&r.stderr));
    assert!(String::from_utf8_lossy(&r.stdout).contains("P2026-001"));
}

#[test]
fn after_a_write_the_main_file_alone_holds_everything() {
    let env = open_year();
    // A reader keeps the file open, so closing the writer does not tidy the log away.
    let reader = Connection::open(env.db()).expect("open");
    let _: i64 = reader
        .query_row("SELECT count(*) FROM term", [], |r| r.get(0))
        .expect("read");
    env.ok(VETO);
    let wal = std::fs::metadata(format!("{}-wal", env.db().display()))
        .map(|m| m.len())
        .unwrap_or(0);
    assert_eq!(wal, 0, "the write-ahead log should be checkpointed into the main file");
    // Only the main file, copied as a clerk would with the file manager:
    let copy = Env::new();
    std::fs::copy(env.db(), copy.db()).expect("copy");
    assert_eq!(copy.query::<i64>("SELECT count(*) FROM veto"), 1);
    copy.ok(&["audit", "verify"]);
    drop(reader);
}

#[test]
fn a_backup_is_a_checked_copy_and_never_the_database() {
    let env = awarded_year();
    let to = env.path("backups/port-2026.sqlite");
    let r = env.run(&["db", "backup", &to]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stderr.contains("a checked copy"), "{}", r.stderr);
    let copy = Env::new();
    std::fs::copy(&to, copy.db()).expect("copy");
    copy.ok(&["db", "check"]);
    assert_eq!(copy.ok(&["audit", "head"]), env.ok(&["audit", "head"]));
    let db = env.db().display().to_string();
    let err = env.fails(&["db", "backup", &db]);
    assert!(err.contains("it is the database in use"), "{err}");
}

#[test]
fn text_fields_are_clean_lines_of_sensible_length() {
    let env = Env::with_org();
    let err = env.fails(&["--operator", "clerk\n2026-10-01 root veto.revoke", "org", "list"]);
    assert!(err.contains("operator") && err.contains("U+000A"), "{err}");
    let r = env.run(&[
        "nominate",
        "add",
        "--category",
        "individual",
        "--name",
        "王\u{202E}五",
        "--unit",
        "北仑海关",
        "--deeds",
        "好",
    ]);
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("U+202E"), "{}", r.stderr);
    let long = "名".repeat(5_000_000);
    let f = env.write(
        "long.csv",
        &format!("类别,名称,单位,片组,主要事迹\n个人,{long},北仑海关,北仑单位共建片组,好\n"),
    );
    let err = env.fails(&["nominate", "import", f.to_str().unwrap()]);
    assert!(
        err.contains("line 2") && err.contains("5000000 characters long; at most 200"),
        "{}",
        &err[..err.len().min(600)]
    );
    assert!(err.len() < 2000, "the error should not repeat the whole value");
    assert_eq!(env.query::<i64>("SELECT count(*) FROM nomination"), 0);
}

#[test]
fn messages_in_chinese_stay_chinese() {
    let env = open_year();
    let conn = Connection::open(env.db()).expect("open");
    conn.execute_batch("PRAGMA locking_mode = EXCLUSIVE; BEGIN EXCLUSIVE;")
        .expect("lock");
    let r = env
        .cmd()
        .env("PINGXUAN_WAIT", "0.2")
        .args([
            "--lang",
            "zh",
            "veto",
            "add",
            "P2026-001",
            "--reason",
            "complaint",
            "--evidence",
            "查实",
        ])
        .output()
        .expect("run");
    let err = String::from_utf8_lossy(&r.stderr);
    assert!(err.contains("正被占用"), "{err}");
    assert!(!err.contains("starting a write transaction"), "{err}");
    drop(conn);
}

#[test]
fn odd_numbers_get_the_right_message() {
    let env = open_year();
    let scheme = env.ok(&["term", "scheme", "export"]);
    for (from, to, says) in [
        ("step = 0.5", "step = nan", "is not a number of points"),
        ("inspection_base = 100.0", "inspection_base = 1e300", "is too large"),
        (
            "inspection_base = 100.0",
            "inspection_base = 100.125",
            "more than two decimals",
        ),
    ] {
        let f = env.write("odd.toml", &scheme.replacen(from, to, 1));
        let err = env.fails(&["term", "scheme", "import", f.to_str().unwrap()]);
        assert!(err.contains(says), "{to}: {err}");
    }
    let env = Env::with_org();
    env.ok(&[
        "nominate",
        "add",
        "--category",
        "window",
        "--name",
        "窗口",
        "--unit",
        "北仑海关",
        "--deeds",
        "好",
    ]);
    let err = env.fails(&[
        "inspect",
        "survey",
        "W2026-001",
        "--satisfied",
        "2147483647",
        "--total",
        "2147483647",
    ]);
    assert!(err.contains("too many people for one survey"), "{err}");
    assert!(!err.contains("0 or more"), "{err}");
}

#[test]
fn concurrent_clerks_all_land_on_one_unbroken_chain() {
    let env = Env::with_org();
    for i in 0..8 {
        env.ok(&[
            "nominate",
            "add",
            "--category",
            "window",
            &format!("--name=窗口{i}"),
            "--unit",
            "北仑海关",
            "--deeds",
            "好",
        ]);
    }
    let children: Vec<_> = (0..8)
        .map(|i| {
            env.process()
                .args([
                    "inspect",
                    "add",
                    &format!("W2026-{:03}", i + 1),
                    "--kind",
                    "open",
                    "--date",
                    "2026-10-09",
                ])
                .args(["--deduction", "1", "--finding", &format!("发现{i}")])
                .stdout(std::process::Stdio::null())
                .stderr(std::process::Stdio::piped())
                .spawn()
                .expect("spawn")
        })
        .collect();
    for c in children {
        let out = c.wait_with_output().expect("wait");
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    }
    assert_eq!(env.query::<i64>("SELECT count(*) FROM finding"), 8);
    env.ok(&["audit", "verify"]);
}

#[test]
fn the_auditor_views_show_real_points_chinese_labels_and_decimal_totals() {
    // A schema-1 database gets the views too, and its record still verifies: views hold no rows.
    let env = awarded_year();
    env.ok(&["audit", "verify"]);
    let c = Connection::open(env.db()).expect("open");
    let awards = serde_json::from_str::<serde_json::Value>(&env.ok(&["award", "list", "--format", "json"])).unwrap();
    let mut awards = awards.as_array().unwrap().clone();
    awards.sort_by_key(|a| a["certificate"].as_str().unwrap().to_string());
    let mut st = c
        .prepare("SELECT 证书编号, 编号, 类别, 总分, 总分精确值, 状态, 授奖依据 FROM v_awards ORDER BY 证书编号")
        .unwrap();
    let rows: Vec<(String, String, String, f64, String, String, String)> = st
        .query_map([], |r| {
            Ok((
                r.get(0)?,
                r.get(1)?,
                r.get(2)?,
                r.get(3)?,
                r.get(4)?,
                r.get(5)?,
                r.get(6)?,
            ))
        })
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap();
    assert_eq!(rows.len(), awards.len());
    for (row, a) in rows.iter().zip(&awards) {
        assert_eq!(row.0, a["certificate"].as_str().unwrap());
        assert_eq!(row.1, a["code"].as_str().unwrap());
        assert_eq!(row.2, if a["category"] == "window" { "窗口" } else { "个人" });
        assert!((row.3 - a["total"].as_f64().unwrap()).abs() < 1e-9, "{row:?} {a}");
        assert_eq!(row.5, "有效");
    }
    let first = rows.iter().find(|r| r.0 == "NBKA-2026-W-001").unwrap();
    assert_eq!(
        (first.3, first.4.as_str(), first.6.as_str()),
        (94.55, "1891/20", "名额内入围")
    );

    // Marks, deductions and surveys in points and percent, not hundredths.
    let env = open_year();
    env.ok(&[
        "inspect",
        "add",
        "P2026-001",
        "--kind",
        "covert",
        "--date",
        "2026-09-12",
        "--finding",
        "未佩戴工作牌",
        "--deduction",
        "1.5",
    ]);
    let c = Connection::open(env.db()).expect("open");
    let sheet: (String, f64, f64, String) = c
        .query_row(
            "SELECT 来源, 指标2, 合计, 状态 FROM v_sheets WHERE 编号 = 'P2026-001'",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
        )
        .unwrap();
    assert_eq!(sheet, ("自评".to_string(), 17.5, 88.5, "有效".to_string()));
    let finding: (String, f64) = c
        .query_row("SELECT 方式, 扣分 FROM v_findings", [], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .unwrap();
    assert_eq!(finding, ("暗访".to_string(), 1.5));
    let nomination: (String, String, String) = c
        .query_row("SELECT 类别, 单位, 状态 FROM v_nominations", [], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?))
        })
        .unwrap();
    assert_eq!(
        nomination,
        ("个人".to_string(), "北仑海关".to_string(), "已核对".to_string())
    );
    let (step, quota): (f64, i64) = c
        .query_row(
            "SELECT 评分步长, 个人名额 FROM v_scheme WHERE 年度 = 2026",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!((step, quota), (0.5, 20));
    // The views are not tables of the record.
    let views: i64 = c
        .query_row(
            "SELECT count(*) FROM sqlite_schema WHERE type = 'view' AND name LIKE 'v\\_%' ESCAPE '\\'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(views, 12);
    env.ok(&["audit", "verify"]);
}
