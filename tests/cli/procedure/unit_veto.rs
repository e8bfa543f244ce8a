//! A veto against a unit reaches all its windows (with --all, its individuals too), those
//! nominated after it as well, and revoking it lifts it from every one.

use serde_json::Value;

use crate::common::{Env, json};
use crate::decide::{find, rank_json, seed, year};

fn unit_veto(env: &Env, extra: &[&str]) -> String {
    let mut args = vec![
        "veto",
        "add",
        "--unit",
        "北仑海关",
        "--person",
        "王某",
        "--reason",
        "criminal",
        "--evidence",
        "职工王某因受贿罪被判处有期徒刑，判决已生效",
        "--document",
        "甬口岸〔2026〕37号",
    ];
    args.extend_from_slice(extra);
    env.run(&args).stderr
}

#[test]
fn a_unit_veto_reaches_its_windows_present_and_later_and_is_lifted_by_revoking() {
    let env = Env::with_term();
    seed(&env, &year());
    let said = unit_veto(&env, &[]);
    assert!(
        said.contains("veto #3 against the unit 北仑海关") && said.contains("W2026-001, W2026-006"),
        "{said}"
    );

    let rows = rank_json(&env, &[]);
    let w1 = find(&rows, "W2026-001");
    assert_eq!(w1["status"], "vetoed");
    assert_eq!(w1["rank"], Value::Null);
    assert_eq!(
        w1["reasons"],
        serde_json::json!([
            "one-vote veto #3 against the unit 北仑海关 (王某): criminal prosecution (甬口岸〔2026〕37号)"
        ])
    );
    // Its individuals are not reached without --all, nor another unit's window.
    assert_eq!(find(&rows, "P2026-001")["status"], "eligible");
    assert_eq!(find(&rows, "W2026-002")["status"], "eligible");

    let explain = env.ok(&["rank", "--explain", "W2026-001"]);
    assert!(
        explain.contains("a veto against the unit: 北仑海关; person: 王某")
            && explain.contains("职工王某因受贿罪被判处有期徒刑"),
        "{explain}"
    );

    // A window nominated after the veto is reached too.
    env.ok(&[
        "nominate",
        "add",
        "--category",
        "window",
        "--name",
        "物流监控窗口",
        "--unit",
        "北仑海关",
        "--deeds",
        "好",
        "--submitted-on",
        "2026-10-09",
    ]);
    let show = json(&env.ok(&["nominate", "show", "W2026-008", "--format", "json"]));
    let vetoes = show["vetoes"].as_array().unwrap();
    assert_eq!(vetoes.len(), 1, "{show}");
    assert!(
        vetoes[0].as_str().unwrap().contains("#3") && vetoes[0].as_str().unwrap().contains("北仑海关, 王某"),
        "{show}"
    );
    assert_eq!(find(&rank_json(&env, &[]), "W2026-008")["status"], "vetoed");

    // veto list shows it once, as the unit's, with the nominations it reaches.
    let list = json(&env.ok(&["veto", "list", "--format", "json"]));
    let unit_row = list.as_array().unwrap().iter().find(|v| v["id"] == 3).unwrap();
    assert_eq!(unit_row["against"], "unit");
    assert_eq!(unit_row["unit"], "北仑海关");
    assert_eq!(unit_row["person"], "王某");
    assert_eq!(unit_row["category"], "window");
    assert_eq!(unit_row["code"], "", "code stays one code, empty for a unit's veto");
    assert_eq!(
        unit_row["reaches"],
        serde_json::json!(["W2026-001", "W2026-006", "W2026-008"])
    );
    let of_code = json(&env.ok(&["veto", "list", "--code", "W2026-008", "--format", "json"]));
    assert_eq!(of_code.as_array().unwrap().len(), 1, "{of_code}");

    // The same again is already on record; another veto on the ground in force is refused.
    let again = unit_veto(&env, &[]);
    assert!(again.contains("already on record"), "{again}");
    let err = env.fails(&[
        "veto",
        "add",
        "--unit",
        "北仑海关",
        "--reason",
        "criminal",
        "--evidence",
        "另一名职工",
    ]);
    assert!(
        err.contains("北仑海关 already has a veto in force") && err.contains("#3"),
        "{err}"
    );

    // With --all a veto reaches its individuals; the numbers of both kinds are one series.
    env.ok(&[
        "veto",
        "add",
        "--unit",
        "北仑海关",
        "--all",
        "--reason",
        "safety",
        "--evidence",
        "单位发生重大安全责任事故",
    ]);
    assert_eq!(find(&rank_json(&env, &[]), "P2026-001")["status"], "vetoed");
    env.ok(&[
        "veto",
        "add",
        "W2026-002",
        "--reason",
        "complaint",
        "--evidence",
        "投诉属实",
    ]);
    assert_eq!(env.query::<i64>("SELECT max(id) FROM veto"), 5);

    // Revoking lifts each from every nomination it reached.
    env.ok(&["veto", "revoke", "4", "--reason", "事故责任不在本单位"]);
    assert_eq!(find(&rank_json(&env, &[]), "P2026-001")["status"], "eligible");
    env.ok(&["veto", "revoke", "3", "--reason", "判决已被撤销"]);
    let rows = rank_json(&env, &[]);
    assert_eq!(find(&rows, "W2026-001")["status"], "eligible");
    assert_eq!(find(&rows, "W2026-001")["rank"], 1);
    let err = env.fails(&["veto", "revoke", "3", "--reason", "again"]);
    assert!(err.contains("veto #3 on 北仑海关 was already revoked"), "{err}");
    let show = json(&env.ok(&["nominate", "show", "W2026-008", "--format", "json"]));
    assert_eq!(show["vetoes"], serde_json::json!([]));
    let audit = env.query::<i64>("SELECT count(*) FROM audit WHERE action IN ('veto.add_unit', 'veto.revoke_unit')");
    assert_eq!(audit, 4);

    // A unit's vetoes of every term.
    let all = json(&env.ok(&["veto", "list", "--unit", "北仑海关", "--all-terms", "--format", "json"]));
    let all = all.as_array().unwrap();
    assert!(
        all.iter().all(|v| v["term"] == 2026 && v["unit"] == "北仑海关"),
        "{all:?}"
    );
    assert_eq!(all.iter().filter(|v| v["against"] == "unit").count(), 2);
}

#[test]
fn a_unit_veto_names_a_unit_that_exists_and_takes_its_flags_with_unit_only() {
    let env = Env::with_term();
    seed(&env, &year());
    let err = env.fails(&[
        "veto",
        "add",
        "--unit",
        "北仑 海关",
        "--reason",
        "safety",
        "--evidence",
        "x",
    ]);
    assert!(err.contains("did you mean 北仑海关"), "{err}");
    let err = env.fails(&[
        "veto",
        "add",
        "--unit",
        "不存在",
        "--reason",
        "safety",
        "--evidence",
        "x",
    ]);
    assert!(err.contains("there is no unit 不存在"), "{err}");
    for args in [
        &[
            "veto",
            "add",
            "W2026-001",
            "--all",
            "--reason",
            "safety",
            "--evidence",
            "x",
        ][..],
        &[
            "veto",
            "add",
            "W2026-001",
            "--unit",
            "北仑海关",
            "--reason",
            "safety",
            "--evidence",
            "x",
        ][..],
        &["veto", "add", "--reason", "safety", "--evidence", "x"][..],
        &["veto", "list", "--all-terms"][..],
    ] {
        assert_eq!(env.run(args).code, 2, "{args:?}");
    }
    assert_eq!(env.query::<i64>("SELECT count(*) FROM unit_veto"), 0);
}
