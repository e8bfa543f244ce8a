//! The panel: who may give joint sheets, conflicts of interest, progress, withdrawn sheets,
//! sheets set aside at import, each evaluator's leniency and the advisory z-order.

use serde_json::Value;

use crate::common::{Env, json};
use crate::decide::{find, rank_json, seed, year};

fn with_panel() -> Env {
    let env = Env::with_term();
    seed(&env, &year());
    env.ok(&["panel", "add", "评委甲", "--unit", "北仑海关", "--role", "组长"]);
    env.write(
        "panel.csv",
        "姓名,单位,职务\n评委乙,梅山海关,组员\n评委丙,宁波市口岸办,组员\n评委丙,宁波市口岸办,组员\n",
    );
    let err = env.fails(&["panel", "import", &env.path("panel.csv")]);
    assert!(
        err.contains("line 4") && err.contains("评委丙 is already on line 3"),
        "{err}"
    );
    assert_eq!(
        env.query::<i64>("SELECT count(*) FROM panel_member"),
        1,
        "all or nothing"
    );
    env.write(
        "panel.csv",
        "姓名,单位,职务\n评委乙,梅山海关,组员\n评委丙,宁波市口岸办,组员\n评委丁,镇海海关,\n评委戊,宁波市口岸办,\n",
    );
    let said = env.run(&["panel", "import", &env.path("panel.csv")]).stderr;
    assert!(said.contains("panel members added 4, already present 0"), "{said}");
    env
}

#[test]
fn the_panel_is_listed_and_a_member_removed_stays_on_record() {
    let env = with_panel();
    let list = json(&env.ok(&["panel", "list", "--format", "json"]));
    assert_eq!(list.as_array().unwrap().len(), 5);
    assert_eq!(list[0]["name"], "评委甲");
    assert_eq!(list[0]["role"], "组长");
    let err = env.fails(&["panel", "add", "评委甲", "--unit", "梅山海关"]);
    assert!(err.contains("评委甲 is already on the panel, of 北仑海关"), "{err}");
    let err = env.fails(&["panel", "add", "评委己", "--unit", "北仑 海关"]);
    assert!(err.contains("did you mean 北仑海关"), "{err}");
    env.ok(&["panel", "remove", "评委戊", "--reason", "工作调动"]);
    let err = env.fails(&["panel", "remove", "评委戊", "--reason", "again"]);
    assert!(err.contains("评委戊 is not on the panel of 2026"), "{err}");
    assert_eq!(
        json(&env.ok(&["panel", "list", "--format", "json"]))
            .as_array()
            .unwrap()
            .len(),
        4
    );
    let all = json(&env.ok(&["panel", "list", "--all", "--format", "json"]));
    let gone = all.as_array().unwrap().iter().find(|m| m["name"] == "评委戊").unwrap();
    assert_eq!(gone["active"], false);
    assert_eq!(gone["remove_reason"], "工作调动");
    // A removed member's sheets are no longer taken.
    let err = env.fails(&[
        "score",
        "add",
        "W2026-002",
        "--source",
        "joint",
        "--evaluator",
        "评委戊",
        "--points",
        "18,18,18,18,18",
    ]);
    assert!(err.contains("评委戊 is not on the panel of 2026"), "{err}");
}

#[test]
fn joint_sheets_only_from_the_panel_and_never_from_the_nominees_unit_or_the_nominee() {
    let env = with_panel();
    let pts = "18,18,18,18,18";
    let err = env.fails(&[
        "score",
        "add",
        "W2026-002",
        "--source",
        "joint",
        "--evaluator",
        "路人",
        "--points",
        pts,
    ]);
    assert!(err.contains("路人 is not on the panel of 2026"), "{err}");
    let err = env.fails(&[
        "score",
        "add",
        "W2026-006",
        "--source",
        "joint",
        "--evaluator",
        "评委甲",
        "--points",
        pts,
    ]);
    assert!(
        err.contains("评委甲 is of 北仑海关, the unit of W2026-006: a conflict of interest (回避)"),
        "{err}"
    );
    env.ok(&[
        "score",
        "add",
        "W2026-006",
        "--source",
        "joint",
        "--evaluator",
        "评委丙",
        "--points",
        pts,
    ]);
    env.write(
        "joint.csv",
        "编号,评分人,指标1,指标2,指标3,指标4,指标5\nW2026-006,评委乙,18,18,18,18,18\nW2026-006,评委甲,18,18,18,18,18\nW2026-006,评委庚,18,18,18,18,18\n",
    );
    let err = env.fails(&["score", "import", &env.path("joint.csv"), "--source", "joint"]);
    assert!(
        err.contains("line 3, column 2 (评分人), value \"评委甲\"") && err.contains("回避"),
        "{err}"
    );
    assert!(
        err.contains("line 4, column 2 (评分人), value \"评委庚\"") && err.contains("not on the panel"),
        "{err}"
    );
    assert!(!err.contains("line 2,"), "{err}");

    // Without a panel, only the nominee marking their own nomination is told.
    let bare = Env::with_term();
    seed(&bare, &year());
    let err = bare.fails(&[
        "score",
        "add",
        "P2026-001",
        "--source",
        "joint",
        "--evaluator",
        "王芳",
        "--points",
        pts,
    ]);
    assert!(err.contains("王芳 is the nominee P2026-001"), "{err}");
    bare.ok(&[
        "score",
        "add",
        "P2026-001",
        "--source",
        "joint",
        "--evaluator",
        "评委己",
        "--points",
        pts,
    ]);

    // rank --explain names who recused.
    let explain = env.ok(&["rank", "--explain", "W2026-001"]);
    assert!(
        explain.contains("recused (conflict of interest, own unit): 评委甲 (北仑海关)"),
        "{explain}"
    );
    let j = json(&env.ok(&["rank", "--explain", "W2026-002", "--format", "json"]));
    assert_eq!(
        j["recused"],
        serde_json::json!([{ "name": "评委乙", "unit": "梅山海关" }])
    );
}

#[test]
fn progress_lists_missing_sheets_and_a_printable_reminder_list() {
    let env = with_panel();
    let p = json(&env.ok(&["score", "progress", "--format", "json"]));
    assert_eq!(p["panel"], true);
    let ev = |name: &str| -> Value {
        p["evaluators"]
            .as_array()
            .unwrap()
            .iter()
            .find(|e| e["name"] == name)
            .unwrap()
            .clone()
    };
    // 评委甲 recuses from 北仑海关's nominees; they are not missing.
    let jia = ev("评委甲");
    assert!(
        jia["recused"].as_array().unwrap().contains(&"W2026-001".into()),
        "{jia}"
    );
    assert!(
        !jia["missing"].as_array().unwrap().contains(&"W2026-001".into()),
        "{jia}"
    );
    assert!(
        !jia["missing"].as_array().unwrap().contains(&"W2026-002".into()),
        "{jia}"
    );
    // 评委丁 gave sheets to those with four or five, not W2026-006 (pending, none yet).
    let ding = ev("评委丁");
    assert!(
        ding["missing"].as_array().unwrap().contains(&"W2026-006".into()),
        "{ding}"
    );
    assert!(
        !ding["missing"].as_array().unwrap().contains(&"P2026-004".into()),
        "{ding}"
    );
    // Rejected and withdrawn nominations are not waited for.
    let codes: Vec<&str> = p["nominees"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["code"].as_str().unwrap())
        .collect();
    assert!(
        !codes.contains(&"P2026-005") && !codes.contains(&"W2026-007"),
        "{codes:?}"
    );
    let nom = |code: &str| {
        p["nominees"]
            .as_array()
            .unwrap()
            .iter()
            .find(|n| n["code"] == code)
            .unwrap()
            .clone()
    };
    assert_eq!(nom("P2026-006")["joint_sheets"], 2);
    assert_eq!(nom("P2026-006")["min_joint"], 3);
    assert_eq!(nom("P2026-006")["enough"], false);
    assert_eq!(nom("W2026-005")["enough"], true);
    assert_eq!(nom("W2026-001")["recused"], serde_json::json!(["评委甲"]));

    let table = env.ok(&["score", "progress"]);
    assert!(table.contains("评委丁") && table.contains("W2026-006"), "{table}");

    let path = env.path("催办单.html");
    env.ok(&["score", "progress", "--reminders", &path]);
    let html = std::fs::read_to_string(&path).unwrap();
    assert!(
        html.contains("联评评分催办单") && html.contains("评委丁") && html.contains("W2026-006"),
        "{html}"
    );
    assert!(html.contains("page-break-after"), "one page per evaluator");
}

#[test]
fn a_withdrawn_sheet_stays_on_record_and_stops_counting() {
    let env = with_panel();
    let id: i64 = env.query(
        "SELECT s.id FROM sheet s JOIN nomination n ON n.id = s.nomination
         WHERE n.code = 'P2026-001' AND s.evaluator = '评委甲'",
    );
    assert_eq!(find(&rank_json(&env, &[]), "P2026-001")["status"], "eligible");
    let err = env.fails(&["score", "withdraw", &id.to_string(), "--reason", " "]);
    assert!(err.contains("--reason"), "{err}");
    env.ok(&["score", "withdraw", &id.to_string(), "--reason", "录错了对象"]);
    let p1 = find(&rank_json(&env, &[]), "P2026-001").clone();
    assert_eq!(p1["status"], "incomplete", "{p1}");
    let err = env.fails(&["score", "withdraw", &id.to_string(), "--reason", "again"]);
    assert!(err.contains("already withdrawn") && err.contains("录错了对象"), "{err}");
    let all = json(&env.ok(&["score", "list", "--code", "P2026-001", "--all", "--format", "json"]));
    let row = all.as_array().unwrap().iter().find(|r| r["id"] == id).unwrap();
    assert_eq!(row["withdraw_reason"], "录错了对象");
    assert!(row["replaced_at"].is_string());
    assert_eq!(
        env.query::<i64>("SELECT count(*) FROM audit WHERE action = 'score.withdraw'"),
        1
    );
    // A new sheet may then be given in its place.
    env.ok(&[
        "score",
        "add",
        "P2026-001",
        "--source",
        "joint",
        "--evaluator",
        "评委丁",
        "--points",
        "18,18,18,18,18",
    ]);
    assert_eq!(find(&rank_json(&env, &[]), "P2026-001")["status"], "eligible");
}

#[test]
fn imports_set_aside_rows_of_withdrawn_or_rejected_nominees() {
    let env = Env::with_term();
    seed(&env, &year());
    env.write(
        "findings.csv",
        "编号,方式,日期,检查人,发现问题,扣分\nW2026-007,明查,2026-09-01,市口岸办,台面不整洁,1\nW2026-002,暗访,2026-09-02,市口岸办,未亮牌,0.5\nP2026-005,明查,2026-09-03,市口岸办,迟到,1\n",
    );
    let r = env.run(&["inspect", "import", &env.path("findings.csv")]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stderr.contains("added 1"), "{}", r.stderr);
    assert!(
        r.stderr.contains("set aside 2 rows")
            && r.stderr.contains("line 2 (W2026-007 is withdrawn)")
            && r.stderr.contains("line 4 (P2026-005 was rejected"),
        "{}",
        r.stderr
    );
    env.write(
        "surveys.csv",
        "编号,日期,满意人数,调查人数\nW2026-007,2026-11-01,50,50\n",
    );
    let r = env.run(&["inspect", "import", &env.path("surveys.csv")]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stderr.contains("line 2 (W2026-007 is withdrawn)"), "{}", r.stderr);
    // One score add for such a nominee is still refused.
    let err = env.fails(&[
        "score",
        "add",
        "W2026-007",
        "--source",
        "self",
        "--points",
        "18,18,18,18,18",
    ]);
    assert!(err.contains("W2026-007 is withdrawn"), "{err}");
}

#[test]
fn evaluators_leniency_and_the_advisory_z_order() {
    let env = with_panel();
    let ev = json(&env.ok(&["score", "evaluators", "--format", "json"]));
    let wu = ev
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["evaluator"] == "评委戊")
        .unwrap();
    // 评委戊 marked only P2026-004: 95 against the others' 80, 86, 87, 88 (mean 85.25).
    assert_eq!(wu["sheets"], 1);
    assert_eq!(wu["mean_total"], 95.0);
    assert_eq!(wu["mean_difference"], 9.75);
    assert_eq!(wu["unit"], "宁波市口岸办");
    let table = env.ok(&["score", "evaluators"]);
    assert!(table.contains("+9.75"), "{table}");

    let plain = rank_json(&env, &[]);
    let advised = rank_json(&env, &["--normalized"]);
    assert_eq!(plain.len(), advised.len());
    for (a, b) in plain.iter().zip(&advised) {
        for key in ["code", "rank", "status", "shortlisted", "tie_at_cutoff"] {
            assert_eq!(a[key], b[key], "the z-order changes nothing official");
        }
        assert_eq!(b["normalized_rank"].is_null(), b["rank"].is_null(), "{b}");
    }
    assert!(plain[0].get("normalized_rank").is_none());
    let text = env.ok(&["rank", "--normalized"]);
    assert!(text.contains("advice only"), "{text}");
}
