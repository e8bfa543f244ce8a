//! The assessment stage: scoring sheets, inspections and surveys, and the one-vote veto.

use crate::common::{Env, fixture, json};

/// The organisations and nominations the assessment works on, written straight into the
/// database. Kept in one place so that it can become `org import` / `nominate import` calls.
///
/// W2026-001 报关业务受理窗口 / 北仑海关   verified
/// W2026-002 行政审批综合窗口 / 北仑海关   pending
/// P2026-001 袁婷 / 北仑海关               verified
/// P2026-002 陈明 / 北仑海关               withdrawn
/// P2026-003 王芳 / 宁波海事局北仑海事处   rejected
/// P2026-004, P2026-005 李明 / 北仑海关    verified, two people of one name
fn seed(env: &Env) {
    let c = rusqlite::Connection::open(env.db()).expect("open test database");
    c.execute_batch(
        "INSERT INTO org_group (id, name, kind) VALUES (1, '北仑单位共建片组', 'unit');
         INSERT INTO unit (id, name, group_id, has_window) VALUES (1, '北仑海关', 1, 1), (2, '宁波海事局北仑海事处', 1, 1);",
    )
    .expect("seeding groups and units");
    let nominations: &[(&str, i64, &str, &str, i64, &str, &str)] = &[
        ("window", 1, "W2026-001", "报关业务受理窗口", 1, "", "verified"),
        ("window", 2, "W2026-002", "行政审批综合窗口", 1, "", "pending"),
        ("individual", 1, "P2026-001", "袁婷", 1, "A01", "verified"),
        ("individual", 2, "P2026-002", "陈明", 1, "A02", "withdrawn"),
        ("individual", 3, "P2026-003", "王芳", 2, "B01", "rejected"),
        ("individual", 4, "P2026-004", "李明", 1, "A04", "verified"),
        ("individual", 5, "P2026-005", "李明", 1, "A05", "verified"),
    ];
    for (cat, serial, code, name, unit, staff, status) in nominations {
        c.execute(
            "INSERT INTO nomination (term, category, serial, code, name, unit_id, group_id, staff_no, imported_at,
                                     status, reasons, withdrawn_reason)
             VALUES (2026, ?1, ?2, ?3, ?4, ?5, 1, ?6, '2026-10-20 09:00:00', ?7,
                     CASE ?7 WHEN 'rejected' THEN 'late' ELSE '' END,
                     CASE ?7 WHEN 'withdrawn' THEN 'moved to another post' END)",
            rusqlite::params![cat, serial, code, name, unit, staff, status],
        )
        .expect("seeding a nomination");
    }
}

pub(crate) fn env() -> Env {
    let env = Env::with_term();
    seed(&env);
    env
}

/// A file snapshot under tests/cli/snapshots/, named assess__NAME.snap.
fn snapshot(name: &str, value: &str) {
    let mut settings = insta::Settings::clone_current();
    settings.set_prepend_module_to_snapshot(false);
    settings.bind(|| insta::assert_snapshot!(format!("assess__{name}"), value));
}

fn count(env: &Env, table: &str) -> i64 {
    env.query(&format!("SELECT count(*) FROM {table}"))
}

fn audits(env: &Env, action: &str) -> i64 {
    env.query(&format!("SELECT count(*) FROM audit WHERE action = '{action}'"))
}

const FIVE_JOINT: [(&str, &str); 5] = [
    ("陈国良", "16,16,17.5,17,17.5"),
    ("王丽萍", "18,17,17,17.5,18"),
    ("胡一鸣", "19,18.5,18,19,19.5"),
    ("徐慧娟", "15,16,15.5,16,15"),
    ("周建平", "17.5,17,18,17.5,17"),
];

// ---- score -----------------------------------------------------------------------------

#[test]
fn a_file_with_several_bad_rows_reports_them_all_and_writes_nothing() {
    let env = env();
    let file = fixture("assess/bad-scores.csv");
    let err = env.fails(&["score", "import", &file]);
    let expect = [
        // an over-maximum mark
        "line 2, column 7 (c1), value \"21\": above the criterion's maximum; accepted: 0 to 20 in steps of 0.5",
        // a quarter point
        "line 3, column 7 (c1), value \"17.25\": not in the steps the scheme allows; accepted: 0 to 20 in steps of 0.5",
        "line 4, column 6 (evaluator), value \"\": a joint sheet needs the evaluator's name",
        // ambiguous and unknown nominees, named both ways
        "line 5, column 4 (name), value \"李明\": more than one nomination has this name in the unit; give the code: P2026-004, P2026-005",
        "line 6, column 1 (code), value \"W2026-999\": no nomination W2026-999",
        "line 7, column 4 (name), value \"不存在的窗口\": no nomination in this term for window / 北仑海关 / 不存在的窗口",
        "line 7, column 11 (c5), value \"-1\": below 0",
        "line 8, column 6 (evaluator), value \"陈国良\": a self-evaluation sheet has no evaluator",
        "line 8, column 7 (c1), value \"abc\": not a number of points",
    ];
    for e in expect {
        assert!(err.contains(e), "missing «{e}» in:\n{err}");
    }
    assert!(err.contains("bad-scores.csv: 7 bad rows; nothing was written"), "{err}");
    assert_eq!(count(&env, "sheet"), 0);
    assert_eq!(audits(&env, "score.add"), 0);
}

#[test]
fn a_gbk_file_names_nominees_by_category_unit_and_name() {
    let env = env();
    let file = fixture("assess/self-scores-gbk.csv");
    let r = env.run(&["score", "import", &file, "--source", "self"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stderr
            .contains("(GB18030/GBK): added 2, replaced 0, already present 0"),
        "{}",
        r.stderr
    );
    let rows = json(&env.ok(&["score", "list", "--format", "json"]));
    let rows = rows.as_array().unwrap();
    assert_eq!(rows.len(), 2);
    let p = rows.iter().find(|r| r["code"] == "P2026-001").unwrap();
    assert_eq!(p["source"], "self");
    assert_eq!(p["evaluator"], "");
    assert_eq!(p["c1"], 18.5);
    assert_eq!(p["total"], 86.5);
    assert_eq!(p["note"], "片组已初审");
    let w = rows.iter().find(|r| r["code"] == "W2026-001").unwrap();
    assert_eq!(w["total"], 87.0);
    assert_eq!(
        env.query::<i64>("SELECT c4 FROM sheet WHERE evaluator = '' AND c1 = 1850 AND c2 = 1800"),
        1650
    );

    // A row whose source contradicts --source is refused.
    let err = env.fails(&["score", "import", &file, "--source", "joint"]);
    assert!(err.contains("joint sheet needs the evaluator"), "{err}");
    env.write(
        "mixed.csv",
        "编号,来源,评分人,指标1,指标2,指标3,指标4,指标5\nW2026-002,自评,,18,18,18,18,18\n",
    );
    let err = env.fails(&["score", "import", &env.path("mixed.csv"), "--source", "joint"]);
    assert!(
        err.contains("column 2 (来源), value \"自评\": the row says self but --source joint was given"),
        "{err}"
    );
    // Without --source, the column decides; without either, the row says what is missing.
    env.ok(&["score", "import", &env.path("mixed.csv")]);
    env.write("nosource.csv", "code,c1,c2,c3,c4,c5\nP2026-004,18,18,18,18,18\n");
    let err = env.fails(&["score", "import", &env.path("nosource.csv")]);
    assert!(err.contains("line 2: no source"), "{err}");
}

#[test]
fn a_bom_file_names_nominees_by_code_and_an_identical_reimport_adds_nothing() {
    let env = env();
    let file = fixture("assess/joint-scores-bom.csv");
    let err = env.run(&["score", "import", &file, "--source", "joint"]).stderr;
    assert!(err.contains("(UTF-8): added 5, replaced 0, already present 0"), "{err}");
    let err = env.run(&["score", "import", &file, "--source", "joint"]).stderr;
    assert!(err.contains("added 0, replaced 0, already present 5"), "{err}");
    assert_eq!(count(&env, "sheet"), 5);
    assert_eq!(audits(&env, "score.add"), 5);
    let rows = json(&env.ok(&["score", "list", "--evaluator", "胡一鸣", "--format", "json"]));
    assert_eq!(rows.as_array().unwrap().len(), 1);
    assert_eq!(rows[0]["total"], 94.0);
    let rows = json(&env.ok(&["score", "list", "--source", "self", "--format", "json"]));
    assert!(rows.as_array().unwrap().is_empty());
    let rows = json(&env.ok(&["score", "list", "--category", "individual", "--format", "json"]));
    assert!(rows.as_array().unwrap().is_empty());
    let csv = env.ok(&["score", "list", "--code", "w2026-001", "--format", "csv"]);
    assert!(
        csv.starts_with(
            "id,code,category,name,unit,source,evaluator,c1,c2,c3,c4,c5,total,note,recorded_at,recorded_by\n"
        ),
        "{csv}"
    );
    assert_eq!(csv.lines().count(), 6);
}

#[test]
fn two_rows_for_the_same_sheet_in_one_file_are_refused() {
    let env = env();
    env.write(
        "twice.csv",
        "code,evaluator,c1,c2,c3,c4,c5\nW2026-001,陈国良,18,18,18,18,18\nW2026-001,陈国良,17,18,18,18,18\n",
    );
    let err = env.fails(&["score", "import", &env.path("twice.csv"), "--source", "joint"]);
    assert!(
        err.contains("line 3: the same sheet (W2026-001 joint sheet (陈国良)) as line 2"),
        "{err}"
    );
    assert_eq!(count(&env, "sheet"), 0);
}

#[test]
fn a_second_self_sheet_needs_replace_and_the_replaced_one_stays() {
    let env = env();
    env.ok(&[
        "score",
        "add",
        "W2026-001",
        "--source",
        "self",
        "--points",
        "18,18,17,16.5,17",
    ]);
    // The same marks again: nothing added.
    let r = env.run(&[
        "score",
        "add",
        "W2026-001",
        "--source",
        "self",
        "--points",
        "18,18,17,16.5,17",
    ]);
    assert_eq!(r.code, 0);
    assert!(r.stderr.contains("already present"), "{}", r.stderr);
    assert_eq!(count(&env, "sheet"), 1);

    let err = env.fails(&[
        "score",
        "add",
        "W2026-001",
        "--source",
        "self",
        "--points",
        "19,18,17,16.5,17",
    ]);
    assert!(
        err.contains(
            "W2026-001 self-evaluation sheet is already on record with other marks (18,18,17,16.5,17, total 86.5"
        ),
        "{err}"
    );
    assert!(err.contains("give --replace"), "{err}");
    env.write(
        "again.csv",
        "编号,指标1,指标2,指标3,指标4,指标5\nW2026-001,19,18,17,16.5,17\n",
    );
    let err = env.fails(&["score", "import", &env.path("again.csv"), "--source", "self"]);
    assert!(
        err.contains("line 2: W2026-001 self-evaluation sheet is already on record"),
        "{err}"
    );
    assert_eq!(count(&env, "sheet"), 1);

    let r = env.run(&[
        "score",
        "import",
        &env.path("again.csv"),
        "--source",
        "self",
        "--replace",
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stderr.contains("added 0, replaced 1, already present 0"),
        "{}",
        r.stderr
    );
    // Both sheets stay in the table; only the new one is current.
    assert_eq!(count(&env, "sheet"), 2);
    assert_eq!(
        env.query::<i64>("SELECT c1 FROM sheet WHERE replaced_at IS NOT NULL"),
        1800
    );
    assert_eq!(env.query::<i64>("SELECT c1 FROM sheet WHERE replaced_at IS NULL"), 1900);
    // The replacement is on the audit record, with the marks it replaced.
    let detail: String = env.query("SELECT detail FROM audit WHERE action = 'score.replace'");
    let detail = json(&detail);
    assert_eq!(
        detail["replaced"]["marks"],
        serde_json::json!(["18", "18", "17", "16.5", "17"])
    );
    assert_eq!(detail["marks"][0], "19");
    assert_eq!(detail["origin"]["line"], 2);

    let rows = json(&env.ok(&["score", "list", "--format", "json"]));
    assert_eq!(rows.as_array().unwrap().len(), 1);
    let rows = json(&env.ok(&["score", "list", "--all", "--format", "json"]));
    assert_eq!(rows.as_array().unwrap().len(), 2);
    let shown = json(&env.ok(&["score", "show", "W2026-001", "--all", "--format", "json"]));
    let counted: Vec<&str> = shown["sheets"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["counted"].as_str().unwrap())
        .collect();
    assert_eq!(counted, ["self", "replaced"]);
    assert_eq!(shown["self"], 87.5);
    let table = env.ok(&["score", "show", "W2026-001"]);
    assert!(!table.contains("replaced"), "{table}");
}

#[test]
fn score_add_checks_every_mark_against_the_scheme() {
    let env = env();
    let err = env.fails(&[
        "score",
        "add",
        "P2026-001",
        "--source",
        "self",
        "--points",
        "21,17.25,-1,abc,18",
    ]);
    for e in [
        "criterion 1 (political and ideological conduct), value \"21\": above the criterion's maximum",
        "criterion 2 (service to the grassroots), value \"17.25\": not in the steps",
        "criterion 3 (work results), value \"-1\": below 0",
        "criterion 4 (discipline), value \"abc\": not a number of points",
    ] {
        assert!(err.contains(e), "missing «{e}» in:\n{err}");
    }
    assert!(!err.contains("criterion 5"), "{err}");
    let err = env.fails(&[
        "score",
        "add",
        "P2026-001",
        "--source",
        "self",
        "--points",
        "18,18,18,18",
    ]);
    assert!(err.contains("five marks are needed"), "{err}");
    let err = env.fails(&[
        "score",
        "add",
        "P2026-001",
        "--source",
        "joint",
        "--points",
        "18,18,18,18,18",
    ]);
    assert!(err.contains("--evaluator"), "{err}");
    let err = env.fails(&[
        "score",
        "add",
        "P2026-999",
        "--source",
        "self",
        "--points",
        "18,18,18,18,18",
    ]);
    assert!(err.contains("no nomination P2026-999"), "{err}");
    assert_eq!(count(&env, "sheet"), 0);
    // Chinese commas, as typed with a Chinese input method, are fine.
    env.ok(&[
        "score",
        "add",
        "P2026-001",
        "--source",
        "self",
        "--points",
        "18，18，18，18，18.5",
    ]);
    assert_eq!(env.query::<i64>("SELECT c5 FROM sheet"), 1850);
}

#[test]
fn scoring_a_withdrawn_or_rejected_nomination_is_refused() {
    let env = env();
    let err = env.fails(&[
        "score",
        "add",
        "P2026-002",
        "--source",
        "self",
        "--points",
        "18,18,18,18,18",
    ]);
    assert!(err.contains("P2026-002 is withdrawn"), "{err}");
    env.write(
        "rows.csv",
        "编号,评分人,指标1,指标2,指标3,指标4,指标5\nP2026-003,陈国良,18,18,18,18,18\nW2026-002,陈国良,18,18,18,18,18\n",
    );
    // In a file, the row of a rejected nominee is set aside, named with its line, and the
    // rest is imported (a pending nomination may be scored).
    let said = env.run(&["score", "import", &env.path("rows.csv"), "--source", "joint"]);
    assert_eq!(said.code, 0, "{}", said.stderr);
    assert!(
        said.stderr.contains(
            "set aside 1 rows for nominees withdrawn or rejected, not imported: line 2 (P2026-003 was rejected"
        ),
        "{}",
        said.stderr
    );
    assert!(said.stderr.contains("added 1"), "{}", said.stderr);
    assert_eq!(count(&env, "sheet"), 1);
}

#[test]
fn a_dry_run_writes_nothing() {
    let env = env();
    let before = count(&env, "audit");
    let r = env.run(&[
        "score",
        "import",
        &fixture("assess/joint-scores-bom.csv"),
        "--source",
        "joint",
        "--dry-run",
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stderr.contains("dry run") && r.stderr.contains("added 5"),
        "{}",
        r.stderr
    );
    env.ok(&[
        "score",
        "add",
        "W2026-001",
        "--source",
        "self",
        "--points",
        "18,18,18,18,18",
        "--dry-run",
    ]);
    let r = env.run(&["inspect", "import", &fixture("assess/surveys.csv"), "--dry-run"]);
    assert!(
        r.stderr.contains("dry run") && r.stderr.contains("surveys: added 2"),
        "{}",
        r.stderr
    );
    env.ok(&[
        "veto",
        "add",
        "P2026-001",
        "--reason",
        "safety",
        "--evidence",
        "x",
        "--dry-run",
    ]);
    assert_eq!(count(&env, "sheet"), 0);
    assert_eq!(count(&env, "survey"), 0);
    assert_eq!(count(&env, "veto"), 0);
    assert_eq!(count(&env, "audit"), before);
}

#[test]
fn score_show_names_the_sheets_dropped_at_five_evaluators() {
    let env = env();
    env.ok(&[
        "score",
        "import",
        &fixture("assess/self-scores-gbk.csv"),
        "--source",
        "self",
    ]);
    // Four sheets: the mean of all four.
    for (who, points) in &FIVE_JOINT[..4] {
        env.ok(&[
            "score",
            "add",
            "W2026-001",
            "--source",
            "joint",
            "--evaluator",
            who,
            "--points",
            points,
        ]);
    }
    let four = json(&env.ok(&["score", "show", "W2026-001", "--format", "json"]));
    assert_eq!(four["joint_exact"], "85.75"); // (84 + 87.5 + 94 + 77.5) / 4
    assert_eq!(four["dropped_highest"], serde_json::Value::Null);
    // The fifth: the highest (胡一鸣 94) and the lowest (徐慧娟 77.5) are dropped.
    let (who, points) = FIVE_JOINT[4];
    env.ok(&[
        "score",
        "add",
        "W2026-001",
        "--source",
        "joint",
        "--evaluator",
        who,
        "--points",
        points,
    ]);
    let five = json(&env.ok(&["score", "show", "W2026-001", "--format", "json"]));
    assert_eq!(five["joint_exact"], "86.1666…"); // (84 + 87.5 + 87) / 3
    assert_eq!(five["joint_counted"], 3);
    assert_eq!(five["self"], 87.0);
    assert_eq!(five["gap_exact"], "0.8333…");
    snapshot("score_show_trimmed", &env.ok(&["score", "show", "W2026-001"]));
    snapshot(
        "score_show_trimmed_zh",
        &env.ok(&["--lang", "zh", "score", "show", "W2026-001"]),
    );
}

#[test]
fn the_scheme_is_settled_once_scoring_starts_unless_forced() {
    let env = env();
    let path = env.path("scheme.toml");
    env.ok(&["term", "scheme", "export", "--out", &path]);
    let text = std::fs::read_to_string(&path)
        .unwrap()
        .replace("trim_from = 5", "trim_from = 0");
    env.write("scheme.toml", &text);
    env.ok(&[
        "score",
        "import",
        &fixture("assess/joint-scores-bom.csv"),
        "--source",
        "joint",
    ]);
    let err = env.fails(&["term", "scheme", "import", &path]);
    assert!(err.contains("needs --force"), "{err}");
    assert_eq!(env.query::<i64>("SELECT trim_from FROM scheme"), 5);
    env.ok(&["term", "scheme", "import", &path, "--force"]);
    assert_eq!(env.query::<i64>("SELECT trim_from FROM scheme"), 0);
    assert_eq!(audits(&env, "term.scheme.force"), 1);
    // The joint mean follows the term's scheme: now all five count.
    let shown = json(&env.ok(&["score", "show", "W2026-001", "--format", "json"]));
    assert_eq!(shown["joint_exact"], "86"); // 430 / 5
    assert_eq!(shown["dropped_lowest"], serde_json::Value::Null);
    // Marks are checked against the term's scheme: with whole points only, 17.5 is refused.
    let whole = text.replace("step = 0.5", "step = 1.0");
    env.write("scheme.toml", &whole);
    env.ok(&["term", "scheme", "import", &path, "--force"]);
    let err = env.fails(&[
        "score",
        "add",
        "P2026-001",
        "--source",
        "self",
        "--points",
        "18,17.5,18,18,18",
    ]);
    assert!(err.contains("accepted: 0 to 20 in steps of 1"), "{err}");
}

#[test]
fn an_awarded_term_refuses_new_records() {
    let env = env();
    let c = rusqlite::Connection::open(env.db()).unwrap();
    c.execute("UPDATE term SET state = 'awarded'", []).unwrap();
    drop(c);
    let err = env.fails(&[
        "score",
        "add",
        "W2026-001",
        "--source",
        "self",
        "--points",
        "18,18,18,18,18",
    ]);
    assert!(err.contains("awarded"), "{err}");
    let err = env.fails(&["inspect", "survey", "W2026-001", "--satisfied", "49", "--total", "50"]);
    assert!(err.contains("awarded"), "{err}");
    let err = env.fails(&["veto", "add", "W2026-001", "--reason", "safety", "--evidence", "x"]);
    assert!(err.contains("awarded"), "{err}");
    // Reading still works.
    env.ok(&["score", "list"]);
}

// ---- inspect ---------------------------------------------------------------------------

#[test]
fn forty_nine_of_fifty_is_stored_exactly() {
    let env = env();
    env.ok(&[
        "inspect",
        "survey",
        "W2026-001",
        "--satisfied",
        "49",
        "--total",
        "50",
        "--date",
        "2026-11-08",
    ]);
    assert_eq!(env.query::<i64>("SELECT satisfied FROM survey"), 49);
    assert_eq!(env.query::<i64>("SELECT total FROM survey"), 50);
    let rows = json(&env.ok(&["inspect", "list", "--format", "json"]));
    assert_eq!(rows[0]["kind"], "survey");
    assert_eq!(rows[0]["satisfied"], 49);
    assert_eq!(rows[0]["total"], 50);
    assert_eq!(rows[0]["rate"], "49/50 = 98%");
    assert_eq!(rows[0]["percent"], 98.0);
    let table = env.ok(&["inspect", "list"]);
    assert!(table.contains("49/50 = 98%"), "{table}");
    // The same survey again adds nothing.
    let r = env.run(&[
        "inspect",
        "survey",
        "W2026-001",
        "--satisfied",
        "49",
        "--total",
        "50",
        "--date",
        "2026-11-08",
    ]);
    assert!(r.stderr.contains("already present"), "{}", r.stderr);
    assert_eq!(count(&env, "survey"), 1);
}

#[test]
fn a_survey_with_more_satisfied_than_asked_is_refused() {
    let env = env();
    let err = env.fails(&["inspect", "survey", "W2026-001", "--satisfied", "51", "--total", "50"]);
    assert!(err.contains("51 satisfied is more than the 50 asked"), "{err}");
    let err = env.fails(&["inspect", "survey", "W2026-001", "--satisfied", "-1", "--total", "50"]);
    assert!(err.contains("--satisfied \"-1\": expected a whole number"), "{err}");
    let err = env.fails(&["inspect", "import", &fixture("assess/surveys-bad.csv")]);
    for e in [
        "line 2, column 3 (满意人数), value \"51\": 51 satisfied is more than the 50 asked",
        "line 3, column 4 (调查人数), value \"0\": nobody was asked",
        "line 4, column 3 (满意人数), value \"59.5\": expected a whole number of people",
    ] {
        assert!(err.contains(e), "missing «{e}» in:\n{err}");
    }
    assert_eq!(count(&env, "survey"), 0);
}

#[test]
fn findings_and_surveys_files_are_told_apart_by_their_headers() {
    let env = env();
    let r = env.run(&["inspect", "import", &fixture("assess/findings.csv")]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stderr.contains("findings: added 2, replaced 0, already present 0"),
        "{}",
        r.stderr
    );
    let r = env.run(&["inspect", "import", &fixture("assess/surveys.csv")]);
    assert!(
        r.stderr.contains("surveys: added 2, replaced 0, already present 0"),
        "{}",
        r.stderr
    );
    // Again: nothing new.
    let r = env.run(&["inspect", "import", &fixture("assess/findings.csv")]);
    assert!(
        r.stderr.contains("findings: added 0, replaced 0, already present 2"),
        "{}",
        r.stderr
    );
    assert_eq!(count(&env, "finding"), 2);
    assert_eq!(
        env.query::<i64>("SELECT deduction FROM finding WHERE kind = 'open'"),
        150
    );
    assert_eq!(
        env.query::<String>("SELECT date FROM finding WHERE kind = 'covert'"),
        "2026-10-26"
    );

    env.write("other.csv", "编号,满意度,备注\nW2026-001,98%,\n");
    let err = env.fails(&["inspect", "import", &env.path("other.csv")]);
    assert!(err.contains("is neither a findings file nor a surveys file"), "{err}");
    assert!(
        err.contains("a findings file needs: kind/方式, date/日期, deduction/扣分"),
        "{err}"
    );
    assert!(
        err.contains("a surveys file needs: satisfied/满意人数, total/调查人数"),
        "{err}"
    );

    let rows = json(&env.ok(&["inspect", "list", "--kind", "covert", "--format", "json"]));
    assert_eq!(rows.as_array().unwrap().len(), 1);
    assert_eq!(rows[0]["code"], "W2026-001");
    assert_eq!(rows[0]["deduction"], 1.0);
    let rows = json(&env.ok(&["inspect", "list", "--kind", "survey", "--format", "json"]));
    assert_eq!(rows.as_array().unwrap().len(), 2);
    let rows = json(&env.ok(&[
        "inspect",
        "list",
        "--from",
        "2026-10-27",
        "--to",
        "2026/11/10",
        "--format",
        "json",
    ]));
    let kinds: Vec<&str> = rows
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["kind"].as_str().unwrap())
        .collect();
    assert_eq!(kinds, ["open", "survey"]);
    let rows = json(&env.ok(&["inspect", "list", "--code", "P2026-001", "--format", "json"]));
    assert_eq!(rows.as_array().unwrap().len(), 1);
    let md = env.ok(&["inspect", "list", "--format", "md"]);
    assert!(md.starts_with("| kind | no. | code |"), "{md}");
}

#[test]
fn a_finding_outside_the_terms_year_and_other_bad_rows_are_refused() {
    let env = env();
    let err = env.fails(&["inspect", "import", &fixture("assess/findings-bad.csv")]);
    for e in [
        "line 2, column 5 (日期), value \"2025-12-30\": 2025-12-30 is not in the 2026 term's year",
        "line 3, column 4 (方式), value \"巡查\": expected open/明查 or covert/暗访",
        "line 4, column 8 (扣分), value \"-2\": below 0",
    ] {
        assert!(err.contains(e), "missing «{e}» in:\n{err}");
    }
    // The row of a withdrawn nominee is set aside, not a problem of the file.
    assert!(!err.contains("line 5"), "{err}");
    assert_eq!(count(&env, "finding"), 0);
    let err = env.fails(&[
        "inspect",
        "add",
        "W2026-001",
        "--kind",
        "open",
        "--date",
        "2027-01-02",
        "--finding",
        "x",
        "--deduction",
        "1",
    ]);
    assert!(err.contains("2027-01-02 is not in the 2026 term's year"), "{err}");
    let err = env.fails(&[
        "inspect",
        "add",
        "P2026-002",
        "--kind",
        "open",
        "--date",
        "2026-05-02",
        "--finding",
        "x",
        "--deduction",
        "1",
    ]);
    assert!(err.contains("withdrawn"), "{err}");
    env.ok(&[
        "inspect",
        "add",
        "W2026-001",
        "--kind",
        "明查",
        "--date",
        "2026年5月2日",
        "--inspector",
        "邵敏",
        "--finding",
        "台账不全",
        "--deduction",
        "0.5",
    ]);
    assert_eq!(
        env.query::<String>("SELECT date || ' ' || kind || ' ' || deduction FROM finding"),
        "2026-05-02 open 50"
    );
    assert_eq!(audits(&env, "inspect.finding"), 1);
}

// ---- veto ------------------------------------------------------------------------------

#[test]
fn a_veto_without_evidence_is_refused() {
    let env = env();
    let err = env.fails(&["veto", "add", "P2026-001", "--reason", "criminal", "--evidence", "   "]);
    assert!(
        err.contains("--evidence") && err.contains("needs its evidence"),
        "{err}"
    );
    let r = env.run(&["veto", "add", "P2026-001", "--reason", "bribery", "--evidence", "x"]);
    assert_eq!(r.code, 2, "an unknown ground is a usage error: {}", r.stderr);
    let err = env.fails(&["veto", "add", "P2026-002", "--reason", "criminal", "--evidence", "x"]);
    assert!(err.contains("withdrawn"), "{err}");
    assert_eq!(count(&env, "veto"), 0);
    // A pending nomination may be vetoed.
    env.ok(&[
        "veto",
        "add",
        "W2026-002",
        "--reason",
        "complaint",
        "--evidence",
        "投诉属实",
    ]);
    assert_eq!(count(&env, "veto"), 1);
}

#[test]
fn a_revoked_veto_keeps_its_history() {
    let env = env();
    env.ok(&[
        "--operator",
        "张科长",
        "veto",
        "add",
        "P2026-001",
        "--reason",
        "discipline",
        "--evidence",
        "受到党内警告处分",
        "--document",
        "甬口岸〔2026〕35号",
    ]);
    env.ok(&[
        "veto",
        "add",
        "W2026-001",
        "--reason",
        "safety",
        "--evidence",
        "重大安全责任事故",
    ]);
    let list = json(&env.ok(&["veto", "list", "--format", "json"]));
    assert_eq!(list[0]["id"], 1);
    assert_eq!(list[0]["code"], "P2026-001");
    assert_eq!(list[0]["reason"], "discipline");
    assert_eq!(list[0]["active"], true);
    assert_eq!(list[0]["document"], "甬口岸〔2026〕35号");
    assert_eq!(list[0]["added_by"], "张科长");

    let r = env.run(&["veto", "revoke", "1", "--reason", "  "]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    env.ok(&[
        "--operator",
        "李主任",
        "veto",
        "revoke",
        "1",
        "--reason",
        "处分已被撤销",
    ]);
    let list = json(&env.ok(&["veto", "list", "--code", "P2026-001", "--format", "json"]));
    assert_eq!(list.as_array().unwrap().len(), 1, "a revoked veto stays listed");
    let v = &list[0];
    assert_eq!(v["active"], false);
    assert_eq!(v["revoked_by"], "李主任");
    assert_eq!(v["revoke_reason"], "处分已被撤销");
    assert!(v["revoked_at"].as_str().is_some_and(|s| s.starts_with("20")), "{v}");
    assert_eq!(v["evidence"], "受到党内警告处分");

    let err = env.fails(&["veto", "revoke", "#1", "--reason", "again"]);
    assert!(
        err.contains("veto #1 on P2026-001 was already revoked") && err.contains("李主任"),
        "{err}"
    );
    let err = env.fails(&["veto", "revoke", "9", "--reason", "x"]);
    assert!(err.contains("there is no veto #9"), "{err}");
    assert_eq!(audits(&env, "veto.add"), 2);
    assert_eq!(audits(&env, "veto.revoke"), 1);

    let active = json(&env.ok(&["veto", "list", "--active", "--format", "json"]));
    assert_eq!(active.as_array().unwrap().len(), 1);
    assert_eq!(active[0]["code"], "W2026-001");
    let revoked = json(&env.ok(&["veto", "list", "--revoked", "--format", "json"]));
    assert_eq!(revoked[0]["id"], 1);
    // A second veto on a ground in force is refused, naming the first.
    let err = env.fails(&[
        "veto",
        "add",
        "W2026-001",
        "--reason",
        "safety",
        "--evidence",
        "另一起安全事故",
    ]);
    assert!(
        err.contains("W2026-001 already has a veto in force on this ground") && err.contains("#2"),
        "{err}"
    );
    assert_eq!(count(&env, "veto"), 2);
    // A new veto on the same ground may follow a revoked one.
    env.ok(&[
        "veto",
        "add",
        "P2026-001",
        "--reason",
        "discipline",
        "--evidence",
        "再次受到处分",
    ]);
    assert_eq!(count(&env, "veto"), 3);
}

// ---- help ------------------------------------------------------------------------------

#[test]
fn help_texts() {
    let env = Env::new();
    let commands: &[&[&str]] = &[
        &["score"],
        &["score", "import"],
        &["score", "add"],
        &["score", "list"],
        &["score", "show"],
        &["inspect"],
        &["inspect", "import"],
        &["inspect", "add"],
        &["inspect", "survey"],
        &["inspect", "list"],
        &["veto"],
        &["veto", "add"],
        &["veto", "list"],
        &["veto", "revoke"],
    ];
    for args in commands {
        let out = env
            .cmd()
            .args(*args)
            .arg("--help")
            .env("COLUMNS", "100")
            .output()
            .unwrap();
        assert!(out.status.success(), "{args:?}");
        let text = String::from_utf8(out.stdout).unwrap();
        assert!(text.contains("Example:"), "{args:?} has no example:\n{text}");
        snapshot(&format!("help_{}", args.join("_")), &text);
    }
}
