//! Correcting the record: a finding or survey on file with another value is refused unless
//! replaced, a wrong one is withdrawn and no longer counts; one veto per ground; work named in
//! another term's codes or dated in another year is pointed at the right term.

use crate::assess::env;
use crate::common::{Env, fixture, json};

fn count(env: &Env, sql: &str) -> i64 {
    env.query(sql)
}

/// The candidate's row of `rank --format json`.
fn ranked(env: &Env, code: &str) -> serde_json::Value {
    let rows = json(&env.ok(&["rank", "--format", "json"]));
    rows.as_array()
        .unwrap()
        .iter()
        .find(|r| r["code"] == code)
        .unwrap_or_else(|| panic!("{code} is not ranked: {rows}"))
        .clone()
}

fn listed(env: &Env, extra: &[&str]) -> Vec<serde_json::Value> {
    let mut args = vec!["inspect", "list", "--format", "json"];
    args.extend_from_slice(extra);
    json(&env.ok(&args)).as_array().unwrap().clone()
}

// ---- findings ----------------------------------------------------------------------------

#[test]
fn a_finding_with_another_deduction_is_refused_unless_replaced() {
    let env = env();
    env.ok(&["inspect", "import", &fixture("assess/findings.csv")]);
    assert_eq!(ranked(&env, "W2026-001")["inspection"], 99.0);
    // The same covert visit, its deduction corrected from 1 to 2.
    env.write(
        "fixed.csv",
        "编号,方式,日期,检查人,发现问题,扣分\n\
         W2026-001,暗访,2026/10/26,林卫东,包干区保洁不到位,2\n\
         P2026-001,明查,2026-10-28,应建华、邵敏,工作时间玩手机,1.5\n",
    );
    let err = env.fails(&["inspect", "import", &env.path("fixed.csv")]);
    assert!(
        err.contains(
            "line 2, column 6 (扣分), value \"2\": W2026-001 has this finding on record as F1 with deduction 1 (recorded 20"
        ) && err.contains("by tester); to correct it give --replace"),
        "{err}"
    );
    assert!(err.contains("fixed.csv: 1 bad rows; nothing was written"), "{err}");
    assert_eq!(count(&env, "SELECT count(*) FROM finding"), 2);

    let r = env.run(&["inspect", "import", &env.path("fixed.csv"), "--replace", "--dry-run"]);
    assert!(
        r.stderr.contains("added 0, replaced 1, already present 1"),
        "{}",
        r.stderr
    );
    assert_eq!(count(&env, "SELECT count(*) FROM finding"), 2);
    let r = env.run(&["inspect", "import", &env.path("fixed.csv"), "--replace"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stderr.contains("findings: added 0, replaced 1, already present 1"),
        "{}",
        r.stderr
    );

    // The old one stays, withdrawn, and no longer counts; the new one does.
    assert_eq!(count(&env, "SELECT count(*) FROM finding"), 3);
    let reason: String = env.query("SELECT withdrawn_by || ': ' || withdraw_reason FROM finding WHERE id = 1");
    assert!(
        reason.starts_with("tester: replaced by a corrected record (") && reason.ends_with("fixed.csv, line 2)"),
        "{reason}"
    );
    assert_eq!(ranked(&env, "W2026-001")["inspection"], 98.0);
    assert_eq!(
        count(
            &env,
            "SELECT count(*) FROM audit WHERE action = 'inspect.finding.replace'"
        ),
        1
    );
    let detail: String = env.query("SELECT detail FROM audit WHERE action = 'inspect.finding.replace'");
    let detail = json(&detail);
    assert_eq!(detail["record"], "F3");
    assert_eq!(detail["replaced"]["record"], "F1");
    assert_eq!(detail["replaced"]["value"], "deduction 1");

    let rows = listed(&env, &["--code", "W2026-001"]);
    assert_eq!(rows.len(), 1, "a withdrawn finding is left out: {rows:?}");
    assert_eq!(rows[0]["id"], "F3");
    assert_eq!(rows[0]["deduction"], 2.0);
    let rows = listed(&env, &["--code", "W2026-001", "--all"]);
    assert_eq!(rows.len(), 2);
    let old = rows.iter().find(|r| r["id"] == "F1").unwrap();
    assert_eq!(old["withdrawn_by"], "tester");
    assert!(
        old["withdrawn_at"].as_str().is_some_and(|s| s.starts_with("20")),
        "{old}"
    );
    assert!(rows.iter().find(|r| r["id"] == "F3").unwrap()["withdrawn_at"].is_null());

    // The explanation counts the new one and shows the old one as not counted.
    let e = json(&env.ok(&["rank", "--explain", "W2026-001", "--format", "json"]));
    assert_eq!(e["inspection"]["score"], 98.0);
    assert_eq!(e["findings"].as_array().unwrap().len(), 1);
    assert_eq!(e["findings"][0]["id"], "F3");
    assert_eq!(e["withdrawn_findings"][0]["id"], "F1");
    let text = env.ok(&["rank", "--explain", "W2026-001"]);
    assert!(
        text.contains("withdrawn, not counted: F1 covert visit 2026-10-26 包干区保洁不到位, −1 (withdrawn 20"),
        "{text}"
    );
    assert!(text.contains("inspection score: 100 − 2 = 98"), "{text}");

    // Importing the old file again is refused against the corrected record.
    let err = env.fails(&["inspect", "import", &fixture("assess/findings.csv")]);
    assert!(
        err.contains("value \"1\": W2026-001 has this finding on record as F3 with deduction 2"),
        "{err}"
    );
    // The corrected file again adds nothing.
    let r = env.run(&["inspect", "import", &env.path("fixed.csv")]);
    assert!(
        r.stderr.contains("added 0, replaced 0, already present 2"),
        "{}",
        r.stderr
    );
}

#[test]
fn inspect_add_follows_the_same_identity() {
    let env = env();
    let add = |deduction: &str, extra: &[&str]| {
        let mut args = vec![
            "inspect",
            "add",
            "P2026-001",
            "--kind",
            "open",
            "--date",
            "2026-05-02",
            "--inspector",
            "邵敏",
            "--finding",
            "台账不全",
            "--deduction",
            deduction,
        ];
        args.extend_from_slice(extra);
        env.run(&args)
    };
    assert_eq!(add("0.5", &[]).code, 0);
    let r = add("0.5", &[]);
    assert!(r.stderr.contains("already present"), "{}", r.stderr);
    let r = add("1", &[]);
    assert_eq!(r.code, 1);
    assert!(
        r.stderr
            .contains("--deduction \"1\": P2026-001 has this finding on record as F1 with deduction 0.5 (recorded"),
        "{}",
        r.stderr
    );
    // Another inspector on the same day is another finding.
    let mut args = vec![
        "inspect",
        "add",
        "P2026-001",
        "--kind",
        "open",
        "--date",
        "2026-05-02",
        "--inspector",
        "林卫东",
        "--finding",
        "台账不全",
        "--deduction",
        "1",
    ];
    env.ok(&args);
    let r = add("1", &["--replace"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stderr.contains("replaced the record on file"), "{}", r.stderr);
    assert_eq!(ranked(&env, "P2026-001")["inspection"], 98.0);
    assert_eq!(
        count(&env, "SELECT count(*) FROM finding WHERE withdrawn_at IS NULL"),
        2
    );
    // Chinese: the same refusal in Chinese.
    args.insert(0, "zh");
    args.insert(0, "--lang");
    let deduction = args.len() - 1;
    args[deduction] = "3";
    let err = env.fails(&args);
    assert!(err.contains("P2026-001 已有此条检查发现 F2，扣分 1（"), "{err}");
}

// ---- surveys -----------------------------------------------------------------------------

#[test]
fn a_corrected_survey_replaces_the_old_one_and_is_not_pooled_with_it() {
    let env = env();
    let survey = |satisfied: &str, total: &str, extra: &[&str]| {
        let mut args = vec![
            "inspect",
            "survey",
            "W2026-001",
            "--satisfied",
            satisfied,
            "--total",
            total,
        ];
        args.extend_from_slice(extra);
        env.run(&args)
    };
    assert_eq!(survey("50", "50", &["--date", "2026-11-08"]).code, 0);
    // A file with the corrected counts of the same survey.
    env.write("surveys.csv", "code,date,satisfied,total\nW2026-001,2026/11/8,49,50\n");
    let err = env.fails(&["inspect", "import", &env.path("surveys.csv")]);
    assert!(
        err.contains(
            "line 2, column 3 (satisfied), value \"49\": W2026-001 has the survey of 2026-11-08 on record as S1: 50/50 = 100% (recorded"
        ),
        "{err}"
    );
    let r = survey("49", "50", &["--date", "2026-11-08"]);
    assert_eq!(r.code, 1);
    assert!(
        r.stderr
            .contains("--satisfied \"49\": W2026-001 has the survey of 2026-11-08 on record as S1: 50/50 = 100%"),
        "{}",
        r.stderr
    );
    // Only the total differs: the total is named.
    env.write("total.csv", "code,date,satisfied,total\nW2026-001,2026-11-08,50,60\n");
    let err = env.fails(&["inspect", "import", &env.path("total.csv")]);
    assert!(err.contains("line 2, column 4 (total), value \"60\""), "{err}");
    assert_eq!(count(&env, "SELECT count(*) FROM survey"), 1);

    let r = env.run(&["inspect", "import", &env.path("surveys.csv"), "--replace"]);
    assert!(
        r.stderr.contains("surveys: added 0, replaced 1, already present 0"),
        "{}",
        r.stderr
    );
    // 49/50 exactly, not 99/100 pooled with the wrong one.
    let w = ranked(&env, "W2026-001");
    assert_eq!(w["satisfaction"], 98.0);
    let e = json(&env.ok(&["rank", "--explain", "W2026-001", "--format", "json"]));
    assert_eq!(e["satisfaction"]["satisfied"], 49);
    assert_eq!(e["satisfaction"]["total"], 50);
    assert_eq!(e["withdrawn_surveys"][0]["id"], "S1");
    assert_eq!(e["surveys"][0]["id"], "S2");
    assert_eq!(
        count(
            &env,
            "SELECT count(*) FROM audit WHERE action = 'inspect.survey.replace'"
        ),
        1
    );

    // Rows of one survey in one file are refused, the first line named.
    env.write(
        "twice.csv",
        "code,date,satisfied,total\nW2026-002,2026-11-20,60,60\nW2026-002,2026-11-20,59,60\nW2026-002,2026/11/20,58,60\n",
    );
    let err = env.fails(&["inspect", "import", &env.path("twice.csv")]);
    assert!(
        err.contains("line 3: the same survey as line 2") && err.contains("line 4: the same survey as line 2"),
        "{err}"
    );
}

#[test]
fn an_undated_survey_is_the_same_as_the_one_undated_survey_on_file() {
    let env = env();
    let survey = |satisfied: &str, extra: &[&str]| {
        let mut args = vec![
            "inspect",
            "survey",
            "W2026-002",
            "--satisfied",
            satisfied,
            "--total",
            "30",
        ];
        args.extend_from_slice(extra);
        env.run(&args)
    };
    assert_eq!(survey("30", &[]).code, 0);
    assert!(survey("30", &[]).stderr.contains("already present"));
    let r = survey("29", &[]);
    assert_eq!(r.code, 1);
    assert!(
        r.stderr
            .contains("W2026-002 has an undated survey on record as S1: 30/30 = 100%")
            && r.stderr.contains("a second survey needs its date"),
        "{}",
        r.stderr
    );
    // With its date it is another survey, pooled with the first.
    assert_eq!(survey("29", &["--date", "2026-11-20"]).code, 0);
    assert_eq!(count(&env, "SELECT count(*) FROM survey WHERE withdrawn_at IS NULL"), 2);
    let e = json(&env.ok(&["rank", "--explain", "W2026-002", "--format", "json"]));
    assert_eq!(e["satisfaction"]["satisfied"], 59);
    assert_eq!(e["satisfaction"]["total"], 60);
}

// ---- withdrawal --------------------------------------------------------------------------

#[test]
fn a_withdrawn_record_stays_listed_and_no_longer_counts() {
    let env = env();
    let finding = [
        "inspect",
        "add",
        "W2026-001",
        "--kind",
        "covert",
        "--date",
        "2026-10-26",
        "--finding",
        "包干区保洁不到位",
        "--deduction",
        "3",
    ];
    env.ok(&finding);
    env.ok(&["inspect", "survey", "W2026-001", "--satisfied", "40", "--total", "50"]);
    let rows = listed(&env, &[]);
    let ids: Vec<&str> = rows.iter().map(|r| r["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["F1", "S1"]);
    assert_eq!(ranked(&env, "W2026-001")["inspection"], 97.0);

    // A bare number is taken only when one record has it.
    let err = env.fails(&["inspect", "withdraw", "1", "--reason", "x"]);
    assert!(
        err.contains("\"1\" could be F1 (W2026-001 报关业务受理窗口: covert visit 2026-10-26")
            && err.contains("or S1 (W2026-001 报关业务受理窗口: satisfaction survey 40/50 = 80%); give the letter"),
        "{err}"
    );
    let err = env.fails(&["inspect", "withdraw", "X1", "--reason", "x"]);
    assert!(err.contains("F12 for a finding, S3 for a survey"), "{err}");
    let err = env.fails(&["inspect", "withdraw", "F9", "--reason", "x"]);
    assert!(
        err.contains("there is no finding or survey F9 in the 2026 term"),
        "{err}"
    );
    let err = env.fails(&["inspect", "withdraw", "F1", "--reason", "  "]);
    assert!(err.contains("--reason: say why the record is withdrawn"), "{err}");
    let r = env.run(&["inspect", "withdraw", "F1", "--reason", "记错了对象", "--dry-run"]);
    assert!(r.stderr.starts_with("dry run"), "{}", r.stderr);
    assert_eq!(
        count(&env, "SELECT count(*) FROM finding WHERE withdrawn_at IS NOT NULL"),
        0
    );

    let r = env.run(&[
        "--operator",
        "张科长",
        "inspect",
        "withdraw",
        "f1",
        "--reason",
        "记错了对象",
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stderr.contains(
            "withdrew F1 (W2026-001 报关业务受理窗口: covert visit 2026-10-26 包干区保洁不到位, deduction 3): 记错了对象; it no longer counts in the inspection score"
        ),
        "{}",
        r.stderr
    );
    assert_eq!(ranked(&env, "W2026-001")["inspection"], 100.0);
    let ids: Vec<String> = listed(&env, &[])
        .iter()
        .map(|r| r["id"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(ids, ["S1"]);
    let all = listed(&env, &["--all"]);
    let f1 = all.iter().find(|r| r["id"] == "F1").unwrap();
    assert_eq!(f1["withdrawn_by"], "张科长");
    assert_eq!(f1["withdraw_reason"], "记错了对象");
    let table = env.ok(&["inspect", "list", "--all"]);
    assert!(
        table.contains("记错了对象") && table.contains("why withdrawn"),
        "{table}"
    );

    // Once only, and the bare number is now still two records of the term.
    let err = env.fails(&["inspect", "withdraw", "F1", "--reason", "again"]);
    assert!(
        err.contains("F1 on W2026-001 was already withdrawn on 20") && err.contains("by 张科长 (记错了对象)"),
        "{err}"
    );
    let r = env.run(&["inspect", "withdraw", "s1", "--reason", "调查样本有误"]);
    assert!(
        r.stderr.contains("it no longer counts in the satisfaction"),
        "{}",
        r.stderr
    );
    assert!(ranked(&env, "W2026-001")["satisfaction"].is_null());
    assert_eq!(
        count(&env, "SELECT count(*) FROM audit WHERE action = 'inspect.withdraw'"),
        2
    );
    let detail =
        json(&env.query::<String>("SELECT detail FROM audit WHERE action = 'inspect.withdraw' ORDER BY id LIMIT 1"));
    assert_eq!(detail["record"], "F1");
    assert_eq!(detail["deduction"], "3");
    assert_eq!(detail["reason"], "记错了对象");

    // The same finding again is refused as withdrawn before, unless --replace.
    let err = env.fails(&finding);
    assert!(
        err.contains("the same as F1, which was withdrawn on 20")
            && err.contains("to record it again, give this command --replace"),
        "{err}"
    );
    let mut forced = finding.to_vec();
    forced.push("--replace");
    env.ok(&forced);
    assert_eq!(ranked(&env, "W2026-001")["inspection"], 97.0);

    // An awarded term takes no withdrawal.
    let c = rusqlite::Connection::open(env.db()).unwrap();
    c.execute("UPDATE term SET state = 'awarded'", []).unwrap();
    let err = env.fails(&["inspect", "withdraw", "F2", "--reason", "x"]);
    assert!(err.contains("awarded"), "{err}");
}

#[test]
fn the_database_lets_a_finding_or_survey_change_only_by_its_withdrawal() {
    let env = env();
    env.ok(&["inspect", "import", &fixture("assess/findings.csv")]);
    env.ok(&["inspect", "survey", "W2026-001", "--satisfied", "49", "--total", "50"]);
    let c = rusqlite::Connection::open(env.db()).unwrap();
    assert!(c.execute("UPDATE finding SET deduction = 0 WHERE id = 1", []).is_err());
    assert!(c.execute("UPDATE survey SET satisfied = 50 WHERE id = 1", []).is_err());
    assert!(c.execute("DELETE FROM finding WHERE id = 1", []).is_err());
    assert!(c.execute("DELETE FROM survey WHERE id = 1", []).is_err());
    // A withdrawal is whole: when, who and why together.
    assert!(
        c.execute(
            "UPDATE finding SET withdrawn_at = '2026-11-01 09:00:00' WHERE id = 1",
            []
        )
        .is_err()
    );
    // A second record of the same identity cannot count beside the first.
    assert!(
        c.execute(
            "INSERT INTO finding (nomination, kind, date, inspector, finding, deduction, recorded_at, recorded_by)
             SELECT nomination, kind, date, inspector, finding, 500, recorded_at, 'hand' FROM finding WHERE id = 1",
            [],
        )
        .is_err()
    );
    assert!(
        c.execute(
            "INSERT INTO survey (nomination, date, satisfied, total, recorded_at, recorded_by)
             SELECT nomination, NULL, 1, 50, recorded_at, 'hand' FROM survey WHERE id = 1",
            [],
        )
        .is_err()
    );
    c.execute(
        "UPDATE finding SET withdrawn_at = '2026-11-01 09:00:00', withdrawn_by = 'hand', withdraw_reason = 'wrong'
         WHERE id = 1",
        [],
    )
    .unwrap();
    // Withdrawn once, and then it stays as it is.
    assert!(
        c.execute("UPDATE finding SET withdraw_reason = 'other' WHERE id = 1", [])
            .is_err()
    );
    assert!(
        c.execute(
            "UPDATE finding SET withdrawn_at = NULL, withdrawn_by = NULL, withdraw_reason = NULL WHERE id = 1",
            []
        )
        .is_err()
    );
    // A closed term's records are not withdrawn either.
    c.execute("UPDATE term SET state = 'closed'", []).unwrap();
    assert!(
        c.execute(
            "UPDATE survey SET withdrawn_at = '2026-11-01', withdrawn_by = 'hand', withdraw_reason = 'x'",
            []
        )
        .is_err()
    );
}

// ---- vetoes ------------------------------------------------------------------------------

#[test]
fn a_ground_in_force_is_vetoed_once() {
    let env = env();
    env.ok(&[
        "veto",
        "add",
        "P2026-001",
        "--reason",
        "criminal",
        "--evidence",
        "因危险驾驶罪被判处拘役二个月",
        "--document",
        "甬口岸〔2026〕36号",
    ]);
    let added: String = env.query("SELECT added_at FROM veto WHERE id = 1");
    // The same ground again, in other words: refused, naming the veto in force.
    let err = env.fails(&[
        "veto",
        "add",
        "P2026-001",
        "--reason",
        "criminal",
        "--evidence",
        "危险驾驶，判决已生效",
    ]);
    assert!(
        err.contains("P2026-001 already has a veto in force on this ground (criminal prosecution)")
            && err.contains(&format!("#1, document 甬口岸〔2026〕36号, added {added} by tester"))
            && err.contains("revoke it first: `pingxuan veto revoke 1 --reason TEXT`"),
        "{err}"
    );
    // The very same veto again, as a re-run script gives it: already on record, nothing added.
    let r = env.run(&[
        "veto",
        "add",
        "P2026-001",
        "--reason",
        "criminal",
        "--evidence",
        "因危险驾驶罪被判处拘役二个月",
        "--document",
        "甬口岸〔2026〕36号",
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stderr.contains("already on record"), "{}", r.stderr);
    assert_eq!(count(&env, "SELECT count(*) FROM veto"), 1);
    // Another ground may stand beside it.
    env.ok(&[
        "veto",
        "add",
        "P2026-001",
        "--reason",
        "discipline",
        "--evidence",
        "受到记过处分",
    ]);
    // Once revoked, the ground may be vetoed again.
    env.ok(&["veto", "revoke", "1", "--reason", "判决被撤销"]);
    env.ok(&[
        "veto",
        "add",
        "P2026-001",
        "--reason",
        "criminal",
        "--evidence",
        "再审后维持原判",
    ]);
    assert_eq!(count(&env, "SELECT count(*) FROM veto"), 3);
    assert_eq!(count(&env, "SELECT count(*) FROM veto WHERE revoked_at IS NULL"), 2);
    // Even by hand, a ground is in force once.
    let c = rusqlite::Connection::open(env.db()).unwrap();
    assert!(
        c.execute(
            "INSERT INTO veto (nomination, reason, evidence, added_at, added_by)
             SELECT nomination, reason, 'x', added_at, 'hand' FROM veto WHERE id = 3",
            [],
        )
        .is_err()
    );
}

// ---- the wrong year ----------------------------------------------------------------------

/// Terms 2026 and 2027 open, the later one the default; the fixture's units on record.
fn two_terms() -> Env {
    let env = Env::with_term();
    env.ok(&["org", "import", &fixture("intake/units.csv")]);
    env.ok(&["term", "open", "2027"]);
    env
}

#[test]
fn a_code_of_another_term_names_that_term() {
    let env = two_terms();
    env.ok(&[
        "--term",
        "2026",
        "nominate",
        "add",
        "--category",
        "window",
        "--name",
        "报关业务受理窗口",
        "--unit",
        "北仑海关",
    ]);
    let hint = "W2026-001 belongs to the 2026 term; add --term 2026";
    let finding = [
        "inspect",
        "add",
        "W2026-001",
        "--kind",
        "open",
        "--date",
        "2027-05-02",
        "--finding",
        "台账不全",
        "--deduction",
        "1",
    ];
    let err = env.fails(&finding);
    assert!(err.contains(hint), "{err}");
    for args in [
        &["inspect", "survey", "w2026-001", "--satisfied", "49", "--total", "50"][..],
        &[
            "score",
            "add",
            "W2026-001",
            "--source",
            "self",
            "--points",
            "18,18,18,18,18",
        ],
        &["veto", "add", "W2026-001", "--reason", "safety", "--evidence", "x"],
        &["nominate", "show", "W2026-001"],
        &["rank", "--explain", "W2026-001"],
    ] {
        let err = env.fails(args);
        assert!(err.contains(hint), "{args:?}: {err}");
    }
    // In a file, by code and by category, unit and name: each row says so.
    env.write(
        "findings.csv",
        "code,kind,date,finding,deduction\nW2026-001,open,2027-05-02,台账不全,1\nW2026-001,covert,2027-05-03,未挂牌,1\n",
    );
    let err = env.fails(&["inspect", "import", &env.path("findings.csv")]);
    assert!(
        err.contains(&format!("line 2, column 1 (code), value \"W2026-001\": {hint}"))
            && err.contains(&format!("line 3, column 1 (code), value \"W2026-001\": {hint}")),
        "{err}"
    );
    env.write(
        "by-name.csv",
        "类别,单位,名称,日期,满意人数,调查人数\n窗口,北仑海关,报关业务受理窗口,2027-05-02,49,50\n",
    );
    let err = env.fails(&["inspect", "import", &env.path("by-name.csv")]);
    assert!(
        err.contains(&format!(
            "no nomination in this term for window / 北仑海关 / 报关业务受理窗口; {hint}"
        )),
        "{err}"
    );
    let err = env.fails(&[
        "--lang",
        "zh",
        "inspect",
        "add",
        "W2026-001",
        "--kind",
        "open",
        "--date",
        "2027-05-02",
        "--finding",
        "x",
        "--deduction",
        "1",
    ]);
    assert!(err.contains("W2026-001 属于 2026 届；请加 --term 2026"), "{err}");
    // A code no term has keeps its own message.
    let err = env.fails(&["inspect", "survey", "W2027-009", "--satisfied", "1", "--total", "2"]);
    assert!(err.contains("no nomination W2027-009 in the term 2027"), "{err}");
    // Named with its term, it works.
    let mut with_term = vec!["--term", "2026"];
    with_term.extend_from_slice(&finding);
    let last = with_term.len() - 5;
    with_term[last] = "2026-05-02";
    env.ok(&with_term);
}

#[test]
fn forms_dated_in_another_year_than_the_term_are_noted() {
    let env = two_terms();
    let file = fixture("intake/nominations-zhenhai.csv");
    let r = env.run(&["nominate", "import", &file, "--dry-run"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stderr.contains(
            "warning: the forms are dated 2026 but would go into the 2027 term; if that is wrong, add --term 2026"
        ),
        "{}",
        r.stderr
    );
    let r = env.run(&["nominate", "import", &file]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let summary = r.stderr.find("added").expect("a summary");
    let warning = r
        .stderr
        .find("warning: the forms are dated 2026 but went into the 2027 term; if that is wrong,")
        .unwrap_or_else(|| panic!("no warning:\n{}", r.stderr));
    assert!(summary < warning, "the warning follows the summary:\n{}", r.stderr);
    assert!(r.stderr.contains("--term 2026"), "{}", r.stderr);
    assert_eq!(count(&env, "SELECT count(*) FROM nomination WHERE term = 2027"), 2);
    // Nothing new taken in: nothing to warn of.
    let r = env.run(&["nominate", "import", &file]);
    assert!(!r.stderr.contains("warning"), "{}", r.stderr);
    // Into the term of the forms' year: no warning.
    let r = env.run(&["--term", "2026", "nominate", "import", &file]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(!r.stderr.contains("warning"), "{}", r.stderr);
    assert_eq!(count(&env, "SELECT count(*) FROM nomination WHERE term = 2026"), 2);
    // Chinese.
    env.write(
        "late.csv",
        "类别,名称,单位,片组,报送日期\n窗口,船舶签证窗口,宁波海事局北仑海事处,北仑单位共建片组,2026-10-20\n",
    );
    let r = env.run(&["--lang", "zh", "nominate", "import", &env.path("late.csv")]);
    assert!(
        r.stderr.contains("警告：推荐表的报送日期在 2026 年，却录入了 2027 届"),
        "{}",
        r.stderr
    );
}

// ---- rank and term -----------------------------------------------------------------------

#[test]
fn the_rank_names_its_year_and_an_empty_shortlist_says_so() {
    let empty = Env::with_term();
    let out = empty.ok(&["rank", "--shortlist"]);
    assert!(out.contains("Model Window, 2026 term — quota 10"), "{out}");
    assert!(out.contains("(no nominations)"), "{out}");
    let env = env();
    let out = env.ok(&["rank", "--shortlist"]);
    assert!(out.contains("Service Pacesetter, 2026 term — quota 20"), "{out}");
    assert_eq!(out.matches("(no one shortlisted)").count(), 2, "{out}");
    assert!(!out.contains("(no nominations)"), "{out}");
    let out = env.ok(&["--lang", "zh", "rank", "--shortlist"]);
    assert!(out.contains("2026 届文明和谐口岸示范窗口 — 名额 10"), "{out}");
    assert!(out.contains("（无人入围）"), "{out}");
    // Without --shortlist the candidates are listed.
    let out = env.ok(&["rank"]);
    assert!(
        out.contains("W2026-001") && !out.contains("(no one shortlisted)"),
        "{out}"
    );
}

#[test]
fn closing_a_term_notes_only_a_term_without_awards() {
    let env = Env::with_term();
    let r = env.run(&["term", "close"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stderr.contains("note: the term is closed without awards granted"),
        "{}",
        r.stderr
    );
}

#[test]
fn a_file_imported_again_leaves_withdrawn_records_withdrawn() {
    let env = env();
    env.ok(&["inspect", "import", &fixture("assess/findings.csv")]);
    let before: i64 = count(&env, "SELECT count(*) FROM finding WHERE withdrawn_at IS NULL");
    env.ok(&["inspect", "withdraw", "F1", "--reason", "记错了对象"]);
    let file = fixture("assess/findings.csv");
    for extra in [&[][..], &["--replace"][..]] {
        let mut args = vec!["inspect", "import", &file[..]];
        args.extend_from_slice(extra);
        let r = env.run(&args);
        assert_eq!(r.code, 0, "{}", r.stderr);
        assert!(r.stderr.contains("left withdrawn 1"), "{extra:?}: {}", r.stderr);
        assert_eq!(
            count(&env, "SELECT count(*) FROM finding WHERE withdrawn_at IS NULL"),
            before - 1
        );
    }
}
