//! Files as they really arrive: damaged quoting, mixed encodings, Excel's blank columns.

use crate::common::Env;

const HEAD: &str = "类别,名称,单位,片组,主要事迹\n";

#[test]
fn an_unclosed_quote_is_named_with_its_line() {
    let env = Env::with_org();
    let p = env.write(
        "n.csv",
        &format!("{HEAD}个人,张三,北仑海关,北仑单位共建片组,\"全年无差错\n个人,李四,北仑海关,北仑单位共建片组,好\n"),
    );
    let err = env.fails(&["nominate", "import", p.to_str().unwrap()]);
    assert!(
        err.contains("n.csv") && err.contains("line 2") && err.contains("never closed"),
        "{err}"
    );
    assert_eq!(env.query::<i64>("SELECT count(*) FROM nomination"), 0);
}

#[test]
fn a_file_of_mixed_encodings_is_refused_not_garbled() {
    let env = Env::with_org();
    let mut bytes = format!("{HEAD}个人,张三,北仑海关,北仑单位共建片组,全年").into_bytes();
    bytes.extend_from_slice(b"\xa3\xa1\n"); // a GBK full-width "!" in a UTF-8 file
    let p = env.write_bytes("m.csv", &bytes);
    let err = env.fails(&["nominate", "import", p.to_str().unwrap()]);
    assert!(err.contains("m.csv") && err.contains("mixes encodings"), "{err}");
    assert_eq!(env.query::<i64>("SELECT count(*) FROM nomination"), 0);
}

#[test]
fn excel_blank_columns_are_ignored_but_a_line_break_in_a_name_is_not() {
    let env = Env::with_org();
    let p = env.write_gbk(
        "n.csv",
        "类别,名称,单位,片组,主要事迹,,\r\n个人,张三,北仑海关,北仑单位共建片组,\"全年\r\n无差错\",,\r\n",
    );
    env.ok(&["nominate", "import", p.to_str().unwrap()]);
    assert_eq!(env.query::<String>("SELECT deeds FROM nomination"), "全年\r\n无差错");
    let p = env.write(
        "bad.csv",
        &format!("{HEAD}个人,\"王\n五\",北仑海关,北仑单位共建片组,好\n"),
    );
    let err = env.fails(&["nominate", "import", p.to_str().unwrap()]);
    assert!(err.contains("line 2") && err.contains("a line break"), "{err}");
}

#[test]
fn csv_output_carries_plain_numbers_and_booleans() {
    let env = Env::with_org();
    env.nominate_individual("张三");
    env.ok(&["nominate", "verify"]);
    env.ok(&[
        "score",
        "add",
        "P2026-001",
        "--source",
        "self",
        "--points",
        "18,18,18,18,18",
    ]);
    for (who, pts) in [
        ("甲", "17,17,17,17,17.5"),
        ("乙", "18,18,18,18,18"),
        ("丙", "19,19,19,19,19"),
    ] {
        env.ok(&[
            "score",
            "add",
            "P2026-001",
            "--source",
            "joint",
            "--evaluator",
            who,
            "--points",
            pts,
        ]);
    }
    let csv = env.ok(&["rank", "--format", "csv"]);
    let mut rdr = csv::Reader::from_reader(csv.as_bytes());
    let headers = rdr.headers().unwrap().clone();
    let row = rdr.records().next().unwrap().unwrap();
    let get = |k: &str| row[headers.iter().position(|h| h == k).unwrap()].to_string();
    assert_eq!(get("joint"), "90.1667", "a repeating decimal is a plain number in CSV");
    assert_eq!(get("shortlisted"), "true");
    assert_eq!(get("total_exact"), "1117/12");
}

#[test]
fn a_killed_import_leaves_all_or_nothing() {
    let env = Env::with_org();
    let mut noms = String::from("类别,名称,单位,片组,主要事迹,报送日期\n");
    for i in 1..=300 {
        noms += &format!("个人,职工{i:03},北仑海关,北仑单位共建片组,全年无差错,2026-10-10\n");
    }
    env.ok(&["nominate", "import", env.write("n.csv", &noms).to_str().unwrap()]);
    let mut joint = String::from("编号,评分人,指标1,指标2,指标3,指标4,指标5\n");
    for i in 1..=300 {
        for e in 1..=7 {
            joint += &format!("P2026-{i:03},评委{e},18,18.5,17,19,18\n");
        }
    }
    let path = env.write("joint.csv", &joint);
    // Killed at different moments, the import has either happened whole or not at all.
    for delay_ms in [2, 10, 30, 80, 200, 600] {
        let mut child = env
            .process()
            .args(["score", "import", path.to_str().unwrap(), "--source", "joint"])
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(std::time::Duration::from_millis(delay_ms));
        let _ = child.kill();
        let _ = child.wait();
        let sheets: i64 = env.query("SELECT count(*) FROM sheet");
        assert!(
            sheets == 0 || sheets == 2100,
            "after a kill at {delay_ms} ms: {sheets} sheets"
        );
        let audited: i64 = env.query("SELECT count(*) FROM audit WHERE action LIKE 'score.%'");
        assert_eq!(audited > 0, sheets > 0, "the audit record goes with the sheets");
        assert_eq!(env.query::<String>("PRAGMA integrity_check"), "ok");
    }
}

#[test]
fn a_mistake_of_the_whole_file_is_said_once_not_on_every_row() {
    let env = Env::with_term();
    let file = format!("{}/examples/2026/nominations-beilun.csv", env!("CARGO_MANIFEST_DIR"));
    let err = env.fails(&["nominate", "import", &file]);
    assert!(err.contains("every row was refused"), "{err}");
    assert!(err.contains("more rows (lines"), "{err}");
    assert!(err.lines().count() < 60, "76 rows must not give 76 lines:\n{err}");
}

#[test]
fn a_broken_workbook_is_named_as_one() {
    let env = Env::with_org();
    let p = env.write_bytes("推荐表.xlsx", b"PK\x03\x04\x14\x00\x06\x00");
    let err = env.fails(&["nominate", "import", p.to_str().unwrap()]);
    assert!(
        err.contains("推荐表.xlsx") && err.contains("cannot be read as .xlsx"),
        "{err}"
    );
}

#[test]
fn a_document_goes_into_a_folder_made_for_it() {
    let env = Env::new();
    let out = env.path("表格/2026/推荐表.csv");
    env.ok(&["nominate", "template", "--out", &out]);
    assert!(std::fs::read(&out).unwrap().starts_with(b"\xEF\xBB\xBF"));
}

#[test]
fn chinese_words_are_taken_on_the_command_line_too() {
    let env = Env::with_org();
    env.ok(&["org", "add-group", "镇海区域共建片组", "--kind", "区域"]);
    env.ok(&[
        "nominate",
        "add",
        "--category",
        "个人",
        "--name",
        "张三",
        "--unit",
        "北仑海关",
        "--deeds",
        "好",
        "--submitted-on",
        "２０２６年１０月９日",
    ]);
    env.ok(&["nominate", "verify"]);
    let listed = env.ok(&["nominate", "list", "--status", "已核对", "--format", "csv"]);
    assert!(listed.contains("P2026-001"), "{listed}");
    env.ok(&[
        "veto",
        "add",
        "P2026-001",
        "--reason",
        "安全事故",
        "--evidence",
        "事故认定书",
    ]);
    assert_eq!(env.query::<String>("SELECT reason FROM veto"), "safety");
    let err = env.fails(&[
        "inspect",
        "survey",
        "P2026-001",
        "--satisfied",
        "49/50",
        "--total",
        "50",
    ]);
    assert!(err.contains("one number per cell"), "{err}");
}

#[test]
fn a_name_written_a_little_differently_gets_a_did_you_mean() {
    let env = Env::with_org();
    env.ok(&[
        "org",
        "add-unit",
        "北仑海关(二)",
        "--group",
        "北仑单位共建片组",
        "--has-window",
        "yes",
    ]);
    let p = env.write(
        "n.csv",
        &format!("{HEAD}个人,张三,北仑海关（二）,北仑单位共建片组,好\n"),
    );
    let err = env.fails(&["nominate", "import", p.to_str().unwrap()]);
    assert!(err.contains("did you mean 北仑海关(二)?"), "{err}");
    env.nominate_individual("张三");
    let p = env.write(
        "self.csv",
        "类别,单位,名称,指标1,指标2,指标3,指标4,指标5\n个人,北仑海关,张 三,18,18,18,18,18\n",
    );
    let err = env.fails(&["score", "import", p.to_str().unwrap(), "--source", "self"]);
    assert!(err.contains("did you mean P2026-001 北仑海关 / 张三?"), "{err}");
}
