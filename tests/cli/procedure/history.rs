//! A nominee across terms: its earlier terms in `nominate show`, its past awards in `rank`,
//! and a unit's vetoes of every term.

use crate::common::{Env, json};

/// A verified individual of 北仑海关 in the term, with a self sheet and three joint sheets.
fn scored(env: &Env, year: &str, name: &str, staff_no: &str, code: &str, points: &str) {
    env.ok(&[
        "--term",
        year,
        "nominate",
        "add",
        "--category",
        "individual",
        "--name",
        name,
        "--unit",
        "北仑海关",
        "--staff-no",
        staff_no,
        "--deeds",
        "好",
        "--submitted-on",
        &format!("{year}-10-09"),
    ]);
    env.ok(&["--term", year, "nominate", "verify", code]);
    env.ok(&[
        "--term", year, "score", "add", code, "--source", "self", "--points", points,
    ]);
    for e in ["评委甲", "评委乙", "评委丙"] {
        env.ok(&[
            "--term",
            year,
            "score",
            "add",
            code,
            "--source",
            "joint",
            "--evaluator",
            e,
            "--points",
            points,
        ]);
    }
}

#[test]
fn a_nominee_carries_its_earlier_terms_and_awards() {
    let env = Env::with_org();
    env.ok(&["term", "open", "2025"]);
    scored(&env, "2025", "王芳", "A01", "P2025-001", "18,18,18,18,18");
    scored(&env, "2025", "李明", "A02", "P2025-002", "17,17,17,17,17");
    env.ok(&[
        "--term",
        "2025",
        "veto",
        "add",
        "P2025-002",
        "--reason",
        "discipline",
        "--evidence",
        "受到警告处分",
    ]);
    env.ok(&["--term", "2025", "award", "grant"]);
    env.ok(&["--term", "2025", "term", "close"]);

    // 2026: 王芳 again (renamed on the form, same staff number), 李明 again, and a namesake.
    scored(&env, "2026", "王 芳", "A01", "P2026-001", "18,18,18,18,18");
    scored(&env, "2026", "李明", "A02", "P2026-002", "17,17,17,17,17");
    scored(&env, "2026", "王芳", "B77", "P2026-003", "16,16,16,16,16");

    let rows = json(&env.ok(&["--term", "2026", "rank", "--format", "json"]));
    let past = |code: &str| rows.as_array().unwrap().iter().find(|r| r["code"] == code).unwrap()["past_awards"].clone();
    assert_eq!(past("P2026-001"), serde_json::json!([2025]));
    assert_eq!(past("P2026-002"), serde_json::json!([]), "vetoed, not awarded");
    assert_eq!(
        past("P2026-003"),
        serde_json::json!([]),
        "a namesake of another staff number"
    );
    let table = env.ok(&["--term", "2026", "rank"]);
    assert!(table.contains("awarded before") && table.contains("2025"), "{table}");

    let show = json(&env.ok(&["--term", "2026", "nominate", "show", "P2026-001", "--format", "json"]));
    let terms = show["past_terms"].as_array().unwrap();
    assert_eq!(terms.len(), 1, "{show}");
    let line = terms[0].as_str().unwrap();
    assert!(
        line.starts_with("2025 P2025-001: nominated")
            && line.contains("shortlisted")
            && line.contains("awarded (NBKA-2025-P-001)"),
        "{line}"
    );
    let show = json(&env.ok(&["--term", "2026", "nominate", "show", "P2026-002", "--format", "json"]));
    let line = show["past_terms"][0].as_str().unwrap().to_string();
    assert!(
        line.contains("vetoed: sanction for a serious violation") && !line.contains("awarded"),
        "{line}"
    );

    // A unit's vetoes of every term.
    env.ok(&[
        "--term",
        "2026",
        "veto",
        "add",
        "--unit",
        "北仑海关",
        "--all",
        "--reason",
        "safety",
        "--evidence",
        "重大安全责任事故",
    ]);
    let all = json(&env.ok(&[
        "--term",
        "2026",
        "veto",
        "list",
        "--unit",
        "北仑海关",
        "--all-terms",
        "--format",
        "json",
    ]));
    let terms: Vec<i64> = all
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v["term"].as_i64().unwrap())
        .collect();
    assert_eq!(terms, vec![2025, 2026], "{all}");
    let this = json(&env.ok(&[
        "--term",
        "2026",
        "veto",
        "list",
        "--unit",
        "北仑海关",
        "--format",
        "json",
    ]));
    assert_eq!(this.as_array().unwrap().len(), 1);
}
