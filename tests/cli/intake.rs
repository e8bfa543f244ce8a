//! org and nominate: the groups and units, and October's nomination forms.

use crate::common::{Env, Run, fixture, json};

/// The 2026 term open and the fixture's 3 groups and 6 units on record.
fn with_org() -> Env {
    let env = Env::with_term();
    env.ok(&["org", "import", &fixture("intake/units.csv")]);
    env
}

/// Runs and requires success; returns the whole run (the summary is on stderr).
#[track_caller]
fn good(env: &Env, args: &[&str]) -> Run {
    let r = env.run(args);
    assert_eq!(r.code, 0, "pingxuan {args:?} failed:\n{}\n{}", r.stderr, r.stdout);
    r
}

fn import(env: &Env, name: &str) -> Run {
    good(env, &["nominate", "import", &fixture(&format!("intake/{name}"))])
}

fn count(env: &Env, sql: &str) -> i64 {
    env.query(sql)
}

/// The code, name and status of every nomination, as `nominate list --format json` gives them.
fn listed(env: &Env) -> Vec<(String, String, String)> {
    json(&env.ok(&["nominate", "list", "--format", "json"]))
        .as_array()
        .unwrap()
        .iter()
        .map(|n| {
            let s = |k: &str| n[k].as_str().unwrap().to_string();
            (s("code"), s("name"), s("status"))
        })
        .collect()
}

fn help(env: &Env, args: &[&str]) -> String {
    let out = env
        .cmd()
        .env("COLUMNS", "100")
        .args(args)
        .arg("--help")
        .output()
        .unwrap();
    assert!(out.status.success());
    String::from_utf8(out.stdout).unwrap()
}

// ---- org ----

#[test]
fn org_import_lists_units_and_a_reimport_adds_nothing() {
    let env = Env::with_term();
    let r = good(&env, &["org", "import", &fixture("intake/units.csv")]);
    assert!(r.stderr.contains("added 3 groups and 6 units"), "{}", r.stderr);
    let units = json(&env.ok(&["org", "list", "--format", "json"]));
    assert_eq!(units.as_array().unwrap().len(), 6);
    assert_eq!(units[3]["unit"], "梅山海关");
    assert_eq!(units[3]["group"], "梅山港区共建片组");
    assert_eq!(units[3]["kind"], "port_area");
    assert_eq!(units[3]["has_window"], true);
    assert_eq!(units[4]["has_window"], false);

    let r = good(&env, &["org", "import", &fixture("intake/units.csv")]);
    assert!(
        r.stderr
            .contains("added 0 groups and 0 units, already present 6, replaced 0, refused 0"),
        "{}",
        r.stderr
    );
    assert_eq!(count(&env, "SELECT count(*) FROM unit"), 6);
    assert_eq!(count(&env, "SELECT count(*) FROM audit WHERE action LIKE 'org.%'"), 9);

    let only = json(&env.ok(&["org", "list", "--group", "镇海区域共建片组", "--format", "json"]));
    assert_eq!(only.as_array().unwrap().len(), 1);
    let err = env.fails(&["org", "list", "--group", "北仑片组"]);
    assert!(err.contains("no group 北仑片组"), "{err}");
}

#[test]
fn org_import_reads_gbk_with_english_headers() {
    let env = Env::with_term();
    let path = env.write_gbk(
        "units.csv",
        "unit,has_window,group_kind,group\r\n北仑海关,yes,unit,北仑单位共建片组\r\n梅山港区消防救援站,no,港区共建片组,梅山港区共建片组\r\n",
    );
    let r = good(&env, &["org", "import", path.to_str().unwrap()]);
    assert!(r.stderr.contains("GBK"), "{}", r.stderr);
    let units = json(&env.ok(&["org", "list", "--format", "json"]));
    assert_eq!(units[1]["unit"], "梅山港区消防救援站");
    assert_eq!(units[1]["kind"], "port_area");
}

#[test]
fn org_changes_are_refused_without_replace_and_audited_with_it() {
    let env = with_org();
    let path = env.write(
        "moved.csv",
        "片组,片组类型,单位,对外窗口\n梅山港区共建片组,港区,北仑海关,是\n北仑单位共建片组,区域,北仑区口岸打私办,否\n镇海区域共建片组,区域,镇海海关,否\n",
    );
    let file = path.to_str().unwrap();
    let err = env.fails(&["org", "import", file]);
    assert!(
        err.contains("line 2, column 1 (片组), value \"梅山港区共建片组\""),
        "{err}"
    );
    assert!(err.contains("belongs to 北仑单位共建片组"), "{err}");
    assert!(err.contains("line 3, column 2 (片组类型), value \"区域\""), "{err}");
    assert!(err.contains("line 4, column 4 (对外窗口), value \"否\""), "{err}");
    assert!(err.contains("refused 3"), "{err}");
    assert_eq!(
        count(
            &env,
            "SELECT count(*) FROM unit u JOIN org_group g ON g.id = u.group_id WHERE u.name = '北仑海关' AND g.name = '北仑单位共建片组'"
        ),
        1
    );

    let r = good(&env, &["org", "import", file, "--replace"]);
    assert!(r.stderr.contains("replaced 3"), "{}", r.stderr);
    let detail: String = env.query("SELECT detail FROM audit WHERE action = 'org.unit.move' AND target = '北仑海关'");
    assert!(
        detail.contains("北仑单位共建片组") && detail.contains("梅山港区共建片组"),
        "{detail}"
    );
    assert_eq!(
        count(&env, "SELECT count(*) FROM audit WHERE action = 'org.group.kind'"),
        1
    );
    assert_eq!(count(&env, "SELECT has_window FROM unit WHERE name = '镇海海关'"), 0);
}

#[test]
fn a_group_of_two_kinds_in_one_file_is_refused() {
    let env = Env::with_term();
    let path = env.write("u.csv", "片组,片组类型,单位\nA组,单位,甲单位\nA组,港区,乙单位\n");
    let err = env.fails(&["org", "import", path.to_str().unwrap(), "--replace"]);
    assert!(
        err.contains("line 3") && err.contains("given as unit on line 2"),
        "{err}"
    );
    assert_eq!(env.query::<i64>("SELECT count(*) FROM org_group"), 0);
}

#[test]
fn add_group_and_add_unit() {
    let env = Env::with_term();
    env.ok(&["org", "add-group", "北仑单位共建片组", "--kind", "unit"]);
    env.ok(&["org", "add-group", "梅山港区共建片组", "--kind", "port_area"]);
    let err = env.fails(&["org", "add-unit", "北仑海关", "--group", "镇海区域共建片组"]);
    assert!(err.contains("no group 镇海区域共建片组"), "{err}");
    env.ok(&[
        "org",
        "add-unit",
        "北仑海关",
        "--group",
        "北仑单位共建片组",
        "--has-window",
        "yes",
    ]);
    let r = good(&env, &["org", "add-unit", "北仑海关", "--group", "北仑单位共建片组"]);
    assert!(r.stderr.contains("already present"), "{}", r.stderr);

    let err = env.fails(&["org", "add-unit", "北仑海关", "--group", "梅山港区共建片组"]);
    assert!(
        err.contains("belongs to 北仑单位共建片组") && err.contains("--move"),
        "{err}"
    );
    env.ok(&["org", "add-unit", "北仑海关", "--group", "梅山港区共建片组", "--move"]);
    let units = json(&env.ok(&["org", "list", "--format", "json"]));
    assert_eq!(units[1]["group"], "梅山港区共建片组");
    assert_eq!(units[1]["has_window"], true);
    assert_eq!(
        count(&env, "SELECT count(*) FROM audit WHERE action = 'org.unit.move'"),
        1
    );

    let err = env.fails(&["org", "add-group", "梅山港区共建片组", "--kind", "region"]);
    assert!(err.contains("on record as port_area"), "{err}");
    env.ok(&["org", "add-group", "梅山港区共建片组", "--kind", "region", "--replace"]);
    let r = env.run(&["org", "add-group", "X", "--kind", "harbour"]);
    assert_eq!(r.code, 2, "{}", r.stderr);
}

// ---- nominate import ----

#[test]
fn three_files_in_two_encodings_and_two_header_languages_get_codes_in_order() {
    let env = with_org();
    let r = import(&env, "nominations-beilun.csv");
    assert!(r.stderr.contains("(GB18030/GBK)"), "{}", r.stderr);
    assert!(
        r.stderr
            .contains("added 4 (W2026-001–W2026-002, P2026-001–P2026-002), already present 0, replaced 0, refused 0"),
        "{}",
        r.stderr
    );
    let r = import(&env, "nominations-meishan.csv");
    assert!(
        r.stderr.contains("(UTF-8)") && r.stderr.contains("added 3"),
        "{}",
        r.stderr
    );
    import(&env, "nominations-zhenhai.csv");
    let codes: Vec<(String, String)> = listed(&env).into_iter().map(|(c, n, _)| (c, n)).collect();
    let expect = [
        ("W2026-001", "报关业务受理窗口"),
        ("W2026-002", "船舶签证窗口"),
        ("W2026-003", "查验业务服务窗口"),
        ("W2026-004", "报关业务受理窗口"),
        ("P2026-001", "袁婷"),
        ("P2026-002", "林思远"),
        ("P2026-003", "夏梦瑶"),
        ("P2026-004", "周立军"),
        ("P2026-005", "袁玲"),
    ];
    let expect: Vec<(String, String)> = expect.iter().map(|(c, n)| (c.to_string(), n.to_string())).collect();
    assert_eq!(codes, expect);
    // English headers in their own order land in the right fields, dates in every form.
    let p5 = json(&env.ok(&["nominate", "show", "P2026-005", "--format", "json"]));
    assert_eq!(p5["position"], "科长");
    assert_eq!(p5["staff_no"], "3105675");
    assert_eq!(p5["unit"], "镇海海关");
    assert_eq!(p5["submitted_on"], "2026-10-14");
    assert_eq!(p5["deeds"], "参与“智慧口岸”系统建设，提出改进建议30条，被采纳3条。");
    assert_eq!(p5["source_file"], "nominations-zhenhai.csv");
    let w1 = json(&env.ok(&["nominate", "show", "W2026-001", "--format", "json"]));
    assert_eq!(w1["submitted_on"], "2026-10-14");
    assert_eq!(w1["deeds"], "全年受理报关单28,440票，申报差错率控制在0.1%以内。");
}

#[test]
fn the_encoding_can_be_named_when_detection_would_not_do() {
    let env = with_org();
    let gbk = fixture("intake/nominations-beilun.csv");
    let err = env.fails(&["nominate", "import", &gbk, "--encoding", "utf-8"]);
    assert!(
        err.contains("nominations-beilun.csv") && err.contains("not valid UTF-8"),
        "{err}"
    );
    let r = good(&env, &["nominate", "import", &gbk, "--encoding", "gbk"]);
    assert!(r.stderr.contains("added 4"), "{}", r.stderr);
}

#[test]
fn a_quoted_multiline_field_round_trips_into_show() {
    let env = with_org();
    import(&env, "nominations-meishan.csv");
    let shown = json(&env.ok(&["nominate", "show", "W2026-001", "--format", "json"]));
    assert_eq!(
        shown["deeds"],
        "1、深入推进\"提前申报\"\"两步申报\"改革，通关时间压缩至22小时。\r\n2、全年受理报关单5,573票，申报差错率控制在0.1%以内。"
    );
    let table = env.ok(&["nominate", "show", "W2026-001"]);
    assert!(table.contains("2、全年受理报关单5,573票"), "{table}");
    assert!(table.contains("应佳琪") && table.contains("0574-86782601"), "{table}");
}

#[test]
fn a_dry_run_writes_nothing() {
    let env = with_org();
    let audits = count(&env, "SELECT count(*) FROM audit");
    let r = good(
        &env,
        &[
            "nominate",
            "import",
            &fixture("intake/nominations-beilun.csv"),
            "--dry-run",
        ],
    );
    assert!(r.stderr.contains("nothing was written; would add 4"), "{}", r.stderr);
    assert_eq!(count(&env, "SELECT count(*) FROM nomination"), 0);
    assert_eq!(count(&env, "SELECT count(*) FROM audit"), audits);
    // The codes a dry run announces are the ones the import then gives.
    let r = import(&env, "nominations-beilun.csv");
    assert!(r.stderr.contains("W2026-001–W2026-002"), "{}", r.stderr);
}

#[test]
fn an_identical_reimport_adds_nothing_and_says_so() {
    let env = with_org();
    import(&env, "nominations-beilun.csv");
    let r = import(&env, "nominations-beilun.csv");
    assert!(
        r.stderr.contains("added 0, already present 4, replaced 0, refused 0"),
        "{}",
        r.stderr
    );
    assert_eq!(count(&env, "SELECT count(*) FROM nomination"), 4);
    assert_eq!(
        count(&env, "SELECT count(*) FROM audit WHERE action LIKE 'nomination.%'"),
        4
    );
}

#[test]
fn a_differing_row_is_refused_without_replace_and_taken_with_it() {
    let env = with_org();
    import(&env, "nominations-beilun.csv");
    let path = env.write(
        "corrected.csv",
        "类别,名称,单位,片组,工号,主要事迹,联系电话\n个人,袁婷,北仑海关,北仑单位共建片组,3102826,全年零投诉，收到锦旗6面。,0574-86875299\n",
    );
    let file = path.to_str().unwrap();
    let err = env.fails(&["nominate", "import", file]);
    assert!(
        err.contains("line 2, column 6 (主要事迹), value \"全年零投诉，收到锦旗6面。\""),
        "{err}"
    );
    assert!(
        err.contains("line 2, column 7 (联系电话), value \"0574-86875299\""),
        "{err}"
    );
    assert!(
        err.contains("P2026-001 has \"0574-86875210\" on record") && err.contains("--replace"),
        "{err}"
    );

    let r = good(&env, &["nominate", "import", file, "--replace"]);
    assert!(
        r.stderr.contains("added 0, already present 0, replaced 1"),
        "{}",
        r.stderr
    );
    let shown = json(&env.ok(&["nominate", "show", "P2026-001", "--format", "json"]));
    assert_eq!(shown["phone"], "0574-86875299");
    assert_eq!(
        shown["position"], "窗口负责人",
        "a column the file lacks keeps its value"
    );
    assert_eq!(shown["submitted_on"], "2026-10-14");
    let detail: String =
        env.query("SELECT detail FROM audit WHERE action = 'nomination.replace' AND target = 'P2026-001'");
    assert!(
        detail.contains("0574-86875210") && detail.contains("0574-86875299"),
        "{detail}"
    );
    assert!(!detail.contains("窗口负责人"), "only what changed: {detail}");
}

#[test]
fn one_bad_row_among_good_ones_writes_nothing() {
    let env = with_org();
    let err = env.fails(&["nominate", "import", &fixture("intake/one-bad-row.csv")]);
    assert!(err.contains("1 bad rows; nothing was written"), "{err}");
    assert!(
        err.contains("line 3, column 6 (报送日期), value \"2026-10-32\": not a date"),
        "{err}"
    );
    assert!(err.contains("would add 2") && err.contains("refused 1"), "{err}");
    assert_eq!(count(&env, "SELECT count(*) FROM nomination"), 0);
}

#[test]
fn lines_are_counted_right_in_an_excel_file_with_a_multiline_cell() {
    let env = with_org();
    let path = env.write_bom(
        "excel.csv",
        "类别,名称,单位,片组,主要事迹,报送日期\r\n\
         个人,夏梦瑶,梅山海关,梅山港区共建片组,\"1、查获夹藏货物4批。\r\n2、坚守岗位10小时。\",2026/10/10\r\n\
         个人,蒋建军,梅山海关,梅山港区共建片组,全年零投诉。,2026年13月10日\r\n",
    );
    let err = env.fails(&["nominate", "import", path.to_str().unwrap()]);
    assert!(
        err.contains("line 4 (spreadsheet row 3), column 6 (报送日期), value \"2026年13月10日\""),
        "{err}"
    );
}

#[test]
fn every_bad_row_is_reported_at_once() {
    let env = with_org();
    let err = env.fails(&["nominate", "import", &fixture("intake/many-bad-rows.csv")]);
    for want in [
        "7 bad rows",
        "line 2, column 2 (类别), value \"集体\": expected window/窗口 or individual/个人",
        "line 3, column 3 (名称), value \"\": is required",
        "line 4, column 4 (单位), value \"北仑港务局\": there is no unit 北仑港务局",
        "line 5, column 5 (片组), value \"北仑单位共建片组\": the unit 梅山海关 belongs to 梅山港区共建片组",
        "line 6, column 4 (单位), value \"北仑区口岸打私办\": the unit 北仑区口岸打私办 has no external window",
        "line 8, column 3 (名称), value \"袁婷\": names the same nominee as line 7",
        "line 9, column 8 (报送日期), value \"10/15/2026\": not a date",
    ] {
        assert!(err.contains(want), "missing {want:?} in:\n{err}");
    }
    assert!(!err.contains("line 7,"), "line 7 is good: {err}");
    assert_eq!(count(&env, "SELECT count(*) FROM nomination"), 0);
}

#[test]
fn unknown_and_missing_columns_are_named() {
    let env = with_org();
    let path = env.write("odd.csv", "序号,类别,名称,单位,备注,推荐理由\n1,个人,袁婷,北仑海关,,\n");
    let err = env.fails(&["nominate", "import", path.to_str().unwrap()]);
    assert!(err.contains("missing required columns: group/片组"), "{err}");
    assert!(err.contains("unknown columns: \"备注\", \"推荐理由\""), "{err}");
    assert!(!err.contains("\"序号\""), "the serial column is ignored: {err}");
}

#[test]
fn a_window_needs_a_unit_with_a_window_and_a_unit_must_be_in_the_group() {
    let env = with_org();
    let err = env.fails(&[
        "nominate",
        "add",
        "--category",
        "window",
        "--name",
        "综合服务窗口",
        "--unit",
        "北仑区口岸打私办",
        "--group",
        "北仑单位共建片组",
        "--deeds",
        "首问负责制落实到位。",
    ]);
    assert!(
        err.contains("--unit \"北仑区口岸打私办\"") && err.contains("no external window"),
        "{err}"
    );
    let err = env.fails(&[
        "nominate",
        "add",
        "--category",
        "individual",
        "--name",
        "夏梦瑶",
        "--unit",
        "梅山海关",
        "--group",
        "北仑单位共建片组",
    ]);
    assert!(err.contains("belongs to 梅山港区共建片组"), "{err}");
    let path = env.write(
        "w.csv",
        "类别,名称,单位,片组\n窗口,消防窗口,梅山港区消防救援站,梅山港区共建片组\n",
    );
    let err = env.fails(&["nominate", "import", path.to_str().unwrap()]);
    assert!(
        err.contains("line 2, column 3 (单位)") && err.contains("no external window"),
        "{err}"
    );
    assert_eq!(count(&env, "SELECT count(*) FROM nomination"), 0);
}

#[test]
fn add_gives_the_next_code_and_replace_corrects() {
    let env = with_org();
    import(&env, "nominations-beilun.csv");
    let r = good(
        &env,
        &[
            "nominate",
            "add",
            "--category",
            "个人",
            "--name",
            "叶建华",
            "--unit",
            "北仑海关",
            "--staff-no",
            "3102581",
            "--deeds",
            "扎根一线岗位18年。",
            "--submitted-on",
            "2026年10月16日",
        ],
    );
    assert!(r.stderr.contains("added P2026-003"), "{}", r.stderr);
    let p3 = json(&env.ok(&["nominate", "show", "P2026-003", "--format", "json"]));
    assert_eq!(p3["group"], "北仑单位共建片组", "the unit's group by default");
    assert_eq!(p3["submitted_on"], "2026-10-16");

    // The same name without a staff number is the same nominee.
    let same = [
        "nominate",
        "add",
        "--category",
        "individual",
        "--name",
        "叶建华",
        "--unit",
        "北仑海关",
    ];
    let r = good(&env, &same);
    assert!(r.stderr.contains("P2026-003: already present"), "{}", r.stderr);
    let mut changed = same.to_vec();
    changed.extend(["--deeds", "扎根一线岗位19年。"]);
    let err = env.fails(&changed);
    assert!(err.contains("--deeds") && err.contains("--replace"), "{err}");
    changed.push("--replace");
    good(&env, &changed);
    assert_eq!(
        env.query::<String>("SELECT deeds FROM nomination WHERE code = 'P2026-003'"),
        "扎根一线岗位19年。"
    );
    // Another staff number is another person of the same name.
    let r = good(
        &env,
        &[
            "nominate",
            "add",
            "--category",
            "individual",
            "--name",
            "叶建华",
            "--unit",
            "北仑海关",
            "--staff-no",
            "3102999",
        ],
    );
    assert!(r.stderr.contains("added P2026-004"), "{}", r.stderr);
    let err = env.fails(&same);
    assert!(
        err.contains("P2026-003, P2026-004") && err.contains("staff number"),
        "{err}"
    );
}

#[test]
fn nothing_is_taken_into_a_closed_term() {
    let env = with_org();
    env.ok(&["term", "close"]);
    let err = env.fails(&[
        "--term",
        "2026",
        "nominate",
        "import",
        &fixture("intake/nominations-beilun.csv"),
    ]);
    assert!(err.contains("closed"), "{err}");
    let err = env.fails(&[
        "--term",
        "2026",
        "nominate",
        "add",
        "--category",
        "individual",
        "--name",
        "袁婷",
        "--unit",
        "北仑海关",
    ]);
    assert!(err.contains("closed"), "{err}");
}

// ---- verify and withdraw ----

#[test]
fn a_late_nomination_is_rejected_until_corrected() {
    let env = with_org();
    import(&env, "nominations-meishan.csv");
    let r = good(&env, &["nominate", "verify", "--dry-run"]);
    assert!(r.stderr.contains("would verify 2, would reject 1"), "{}", r.stderr);
    assert_eq!(
        count(&env, "SELECT count(*) FROM nomination WHERE status = 'pending'"),
        3
    );
    let r = good(&env, &["nominate", "verify", "--format", "json"]);
    assert!(r.stderr.contains("verified 2, rejected 1"), "{}", r.stderr);
    assert!(
        r.stderr.contains("P2026-002 周立军 (submitted after the deadline)"),
        "{}",
        r.stderr
    );
    let rejected = json(&r.stdout);
    assert_eq!(rejected.as_array().unwrap().len(), 1);
    assert_eq!(rejected[0]["code"], "P2026-002");
    assert_eq!(rejected[0]["status"], "rejected");
    assert_eq!(
        rejected[0]["reasons"],
        serde_json::json!(["submitted after the deadline"])
    );
    let shown = json(&env.ok(&["nominate", "show", "P2026-002", "--format", "json"]));
    assert_eq!(shown["reason_codes"], serde_json::json!(["late"]));
    assert_eq!(
        env.query::<String>("SELECT reasons FROM nomination WHERE code = 'P2026-002'"),
        "late"
    );

    // The group's corrected form: the date was mistyped.
    let path = env.write(
        "fix.csv",
        "类别,名称,单位,片组,工号,报送日期\n个人,周立军,梅山港区消防救援站,梅山港区共建片组,MS003,2026-10-30\n",
    );
    good(&env, &["nominate", "import", path.to_str().unwrap(), "--replace"]);
    assert_eq!(listed(&env)[2].2, "pending");
    let r = good(&env, &["nominate", "verify"]);
    assert!(r.stderr.contains("verified 3, rejected 0"), "{}", r.stderr);
    assert_eq!(listed(&env)[2].2, "verified");
}

#[test]
fn verify_rejects_a_unit_that_left_its_group_or_lost_its_window_and_deeds_left_empty() {
    let env = with_org();
    import(&env, "nominations-beilun.csv");
    env.ok(&[
        "nominate",
        "add",
        "--category",
        "individual",
        "--name",
        "王芳",
        "--unit",
        "镇海海关",
        "--submitted-on",
        "2026-10-20",
    ]);
    env.ok(&["org", "add-unit", "北仑海关", "--group", "梅山港区共建片组", "--move"]);
    env.ok(&[
        "org",
        "add-unit",
        "宁波海事局北仑海事处",
        "--group",
        "北仑单位共建片组",
        "--has-window",
        "no",
    ]);
    let r = good(&env, &["nominate", "verify", "--format", "csv"]);
    assert!(r.stderr.contains("verified 1, rejected 4"), "{}", r.stderr);
    let s = |code: &str| env.query::<String>(&format!("SELECT reasons FROM nomination WHERE code = '{code}'"));
    assert_eq!(s("W2026-001"), "left_group");
    assert_eq!(s("P2026-001"), "left_group");
    assert_eq!(s("W2026-002"), "no_window");
    assert_eq!(s("P2026-003"), "incomplete");
    assert!(r.stdout.contains("W2026-002,window,船舶签证窗口"), "{}", r.stdout);

    // Once the organisation is put right, verifying again lets them through.
    env.ok(&["org", "add-unit", "北仑海关", "--group", "北仑单位共建片组", "--move"]);
    let r = good(&env, &["nominate", "verify", "W2026-001", "P2026-001"]);
    assert!(r.stderr.contains("verified 2, rejected 0"), "{}", r.stderr);
    assert_eq!(
        count(&env, "SELECT count(*) FROM nomination WHERE status = 'rejected'"),
        2
    );
}

#[test]
fn withdraw_keeps_the_code_and_the_reason() {
    let env = with_org();
    import(&env, "nominations-beilun.csv");
    let r = env.run(&["nominate", "withdraw", "P2026-002"]);
    assert_eq!(r.code, 2, "--reason is required");
    env.ok(&[
        "nominate",
        "withdraw",
        "p2026-002",
        "--reason",
        "调离原单位，片组来函撤回",
    ]);
    let err = env.fails(&["nominate", "withdraw", "P2026-002", "--reason", "again"]);
    assert!(err.contains("withdrawn already"), "{err}");
    let shown = json(&env.ok(&["nominate", "show", "P2026-002", "--format", "json"]));
    assert_eq!(shown["status"], "withdrawn");
    assert_eq!(shown["withdrawn_reason"], "调离原单位，片组来函撤回");
    let gone = json(&env.ok(&["nominate", "list", "--status", "withdrawn", "--format", "json"]));
    assert_eq!(gone[0]["reasons"], serde_json::json!(["调离原单位，片组来函撤回"]));
    let detail: String = env.query("SELECT detail FROM audit WHERE action = 'nomination.withdraw'");
    assert!(detail.contains("调离原单位"), "{detail}");

    // Verify passes it by; naming it is an error.
    let r = good(&env, &["nominate", "verify"]);
    assert!(r.stderr.contains("verified 3, rejected 0"), "{}", r.stderr);
    let err = env.fails(&["nominate", "verify", "P2026-002"]);
    assert!(err.contains("withdrawn"), "{err}");
    // A re-import of the same form leaves it withdrawn, and its code is never given again.
    let r = import(&env, "nominations-beilun.csv");
    assert!(r.stderr.contains("already present 4"), "{}", r.stderr);
    let r = good(
        &env,
        &[
            "nominate",
            "add",
            "--category",
            "individual",
            "--name",
            "舒晓峰",
            "--unit",
            "北仑区口岸打私办",
            "--deeds",
            "全年零差错。",
        ],
    );
    assert!(r.stderr.contains("added P2026-003"), "{}", r.stderr);
    assert_eq!(
        listed(&env)[3],
        ("P2026-002".into(), "林思远".into(), "withdrawn".into())
    );
}

// ---- list, template, help ----

#[test]
fn list_json_has_the_contract_fields_and_filters() {
    let env = with_org();
    import(&env, "nominations-beilun.csv");
    import(&env, "nominations-zhenhai.csv");
    let all = json(&env.ok(&["nominate", "list", "--format", "json"]));
    let first = &all[0];
    for key in [
        "code",
        "category",
        "name",
        "unit",
        "group",
        "status",
        "reasons",
        "submitted_on",
    ] {
        assert!(first.get(key).is_some(), "no {key} in {first}");
    }
    assert_eq!(first["category"], "window");
    assert_eq!(first["status"], "pending");
    assert!(first["reasons"].is_array());
    let n = |args: &[&str]| {
        let mut a = vec!["nominate", "list", "--format", "json"];
        a.extend(args);
        json(&env.ok(&a)).as_array().unwrap().len()
    };
    assert_eq!(n(&[]), 6);
    assert_eq!(n(&["--category", "window"]), 3);
    assert_eq!(n(&["--group", "镇海区域共建片组"]), 2);
    assert_eq!(n(&["--unit", "北仑海关", "--category", "individual"]), 1);
    assert_eq!(n(&["--status", "verified"]), 0);
    let err = env.fails(&["nominate", "list", "--unit", "北仑港务局"]);
    assert!(err.contains("no unit 北仑港务局"), "{err}");
}

#[test]
fn the_list_table_lines_up() {
    let env = with_org();
    import(&env, "nominations-beilun.csv");
    import(&env, "nominations-meishan.csv");
    env.ok(&["nominate", "verify"]);
    env.ok(&["nominate", "withdraw", "P2026-001", "--reason", "本人申请撤回"]);
    insta::assert_snapshot!("nominate_list_table", env.ok(&["nominate", "list"]));
}

#[test]
fn the_template_is_the_form_import_reads() {
    let env = with_org();
    let stdout = env.ok(&["nominate", "template"]);
    assert_eq!(
        stdout,
        "序号,类别,名称,单位,片组,职务,工号,主要事迹,联系人,联系电话,报送日期,本单位年终测评排名\r\n"
    );
    env.ok(&["nominate", "template", "--out", &env.path("form.csv")]);
    let bytes = std::fs::read(env.path("form.csv")).unwrap();
    assert!(
        bytes.starts_with(b"\xEF\xBB\xBF\xE5\xBA\x8F"),
        "UTF-8 with BOM for Excel"
    );
    env.ok(&[
        "nominate",
        "template",
        "--encoding",
        "gbk",
        "--out",
        &env.path("form-gbk.csv"),
    ]);
    let gbk = std::fs::read(env.path("form-gbk.csv")).unwrap();
    let (text, _, bad) = encoding_rs::GBK.decode(&gbk);
    assert!(!bad && text.starts_with("序号,类别"), "{text}");

    // A group fills it in Excel and saves it as GBK: it imports.
    let mut filled = text.into_owned();
    filled +=
        "1,个人,袁婷,北仑海关,北仑单位共建片组,窗口负责人,3102826,全年零投诉。,郑晓岚,0574-86875210,2026/10/14\r\n";
    let path = env.write_gbk("filled.csv", &filled);
    let r = good(&env, &["nominate", "import", path.to_str().unwrap()]);
    assert!(r.stderr.contains("added 1 (P2026-001)"), "{}", r.stderr);
}

#[test]
fn help_texts() {
    let env = Env::new();
    let cases: &[(&str, &[&str])] = &[
        ("org", &["org"]),
        ("org_import", &["org", "import"]),
        ("org_list", &["org", "list"]),
        ("org_add_group", &["org", "add-group"]),
        ("org_add_unit", &["org", "add-unit"]),
        ("nominate", &["nominate"]),
        ("nominate_import", &["nominate", "import"]),
        ("nominate_add", &["nominate", "add"]),
        ("nominate_list", &["nominate", "list"]),
        ("nominate_show", &["nominate", "show"]),
        ("nominate_verify", &["nominate", "verify"]),
        ("nominate_withdraw", &["nominate", "withdraw"]),
        ("nominate_template", &["nominate", "template"]),
    ];
    for (name, args) in cases {
        let text = help(&env, args);
        assert!(text.contains("Example:"), "{name}: {text}");
        insta::assert_snapshot!(format!("help_{name}"), text);
    }
}
