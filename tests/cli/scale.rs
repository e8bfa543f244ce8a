//! Past 999 nominations of a category: codes widen (P2026-1000), sort as numbers, and every
//! command takes them; a database of schema 1 opens and carries on with its codes as they were.

use crate::common::{Env, fixture, json};

/// A nominations file of individuals of 北仑海关, 职工{from}..职工{to}, sent before the deadline.
fn individuals(env: &Env, name: &str, from: usize, to: usize) -> String {
    let mut text = String::from("类别,名称,单位,片组,主要事迹,报送日期\n");
    for i in from..=to {
        text += &format!("个人,职工{i:05},北仑海关,北仑单位共建片组,全年无差错,2026-10-09\n");
    }
    env.write(name, &text);
    env.path(name)
}

fn codes(listing: &serde_json::Value) -> Vec<String> {
    let rows = listing.as_array().expect("an array");
    rows.iter().map(|r| r["code"].as_str().unwrap().to_string()).collect()
}

#[test]
fn the_thousandth_and_ten_thousandth_nominations_widen_their_codes_and_rank() {
    let env = Env::with_org();
    let first = individuals(&env, "first.csv", 1, 999);
    let said = env.run(&["nominate", "import", &first]);
    assert_eq!(said.code, 0, "{}", said.stderr);
    assert!(
        said.stderr.contains("added 999 (P2026-001–P2026-999)"),
        "{}",
        said.stderr
    );
    // The 1,000th by hand, then the rest of ten thousand from a file.
    env.nominate_individual("职工01000");
    let rest = individuals(&env, "rest.csv", 1001, 10000);
    let said = env.run(&["nominate", "import", &rest]);
    assert_eq!(said.code, 0, "{}", said.stderr);
    assert!(
        said.stderr.contains("added 9000 (P2026-1001–P2026-10000)"),
        "{}",
        said.stderr
    );
    // stderr is a pipe here: no progress line, however long the import took (the summary,
    // and the file written).
    assert!(
        !said.stderr.contains('\r') && said.stderr.lines().count() == 2,
        "{}",
        said.stderr
    );
    // The same file again names the same nominees: nothing is added.
    let said = env.run(&["nominate", "import", &rest]);
    assert!(said.stderr.contains("added 0, already present 9000"), "{}", said.stderr);

    let list = codes(&json(&env.ok(&["nominate", "list", "--format", "json"])));
    assert_eq!(list.len(), 10000);
    assert_eq!(list[998..1001], ["P2026-999", "P2026-1000", "P2026-1001"]);
    assert_eq!(list[9999], "P2026-10000");
    let shown = env.ok(&["nominate", "show", "p2026-10000"]);
    assert!(shown.contains("职工10000"), "{shown}");
    env.ok(&["nominate", "verify"]);

    // Sheets for six nominees either side of the widening, named by code; equal totals tie.
    let ranked = [
        "P2026-010",
        "P2026-999",
        "P2026-1000",
        "P2026-9999",
        "P2026-10000",
        "P2026-100",
    ];
    let mut self_sheets = String::from("编号,指标1,指标2,指标3,指标4,指标5\n");
    let mut joint = String::from("编号,评分人,指标1,指标2,指标3,指标4,指标5\n");
    for (i, code) in ranked.iter().enumerate() {
        let mark = if i < 2 { 20 } else { 18 };
        self_sheets += &format!("{code},{mark},{mark},{mark},{mark},{mark}\n");
        for e in 1..=3 {
            joint += &format!("{code},评委{e},{mark},{mark},{mark},{mark},{mark}\n");
        }
    }
    env.write("self.csv", &self_sheets);
    env.write("joint.csv", &joint);
    env.write(
        "inspections.csv",
        "编号,方式,日期,扣分\nP2026-10000,明查,2026-06-01,1\nP2026-1000,暗访,2026-06-02,1\nP2026-9999,明查,2026-06-01,1\n",
    );
    env.ok(&["score", "import", &env.path("self.csv"), "--source", "self"]);
    env.ok(&["score", "import", &env.path("joint.csv"), "--source", "joint"]);
    env.ok(&["inspect", "import", &env.path("inspections.csv")]);
    env.ok(&[
        "veto",
        "add",
        "P2026-9999",
        "--reason",
        "complaint",
        "--evidence",
        "投诉查实",
    ]);

    let sheets = codes(&json(
        &env.ok(&["score", "list", "--source", "self", "--format", "json"]),
    ));
    assert_eq!(
        sheets,
        [
            "P2026-010",
            "P2026-100",
            "P2026-999",
            "P2026-1000",
            "P2026-9999",
            "P2026-10000"
        ]
    );
    let findings = codes(&json(&env.ok(&["inspect", "list", "--format", "json"])));
    // by date, then by code as a number: P2026-9999 before P2026-10000
    assert_eq!(findings, ["P2026-9999", "P2026-10000", "P2026-1000"]);

    let rank = json(&env.ok(&["rank", "--category", "individual", "--format", "json"]));
    let rows = rank.as_array().unwrap();
    let top: Vec<(String, Option<i64>, String)> = rows[..5]
        .iter()
        .map(|r| {
            let code = r["code"].as_str().unwrap().to_string();
            (code, r["rank"].as_i64(), r["status"].as_str().unwrap().to_string())
        })
        .collect();
    let want = |c: &str, r: Option<i64>, s: &str| (c.to_string(), r, s.to_string());
    assert_eq!(
        top,
        [
            want("P2026-010", Some(1), "eligible"),
            want("P2026-999", Some(1), "eligible"),
            want("P2026-100", Some(3), "eligible"),
            // 100 less 1 point of inspection: below P2026-100, tied with each other
            want("P2026-1000", Some(4), "eligible"),
            want("P2026-10000", Some(4), "eligible"),
        ]
    );
    let vetoed = rows.iter().find(|r| r["code"] == "P2026-9999").unwrap();
    assert_eq!(vetoed["status"], "vetoed");
    let explain = env.ok(&["rank", "--explain", "P2026-10000"]);
    assert!(explain.contains("P2026-10000"), "{explain}");
}

#[test]
fn a_database_of_schema_1_opens_keeps_its_codes_and_carries_on() {
    let env = Env::new();
    std::fs::copy(fixture("db/v1-cycle-2026.sqlite"), env.db()).unwrap();
    let before = codes(&json(
        &env.ok(&["nominate", "list", "--term", "2026", "--format", "json"]),
    ));
    assert_eq!(before.len(), 172);
    assert_eq!(env.query::<i64>("PRAGMA user_version"), crate::common::schema_version());
    assert_eq!(env.query::<i64>("SELECT count(*) FROM pragma_foreign_key_check"), 0);
    assert_eq!(env.query::<String>("PRAGMA integrity_check"), "ok");
    let c = rusqlite::Connection::open(env.db()).unwrap();
    let stored: Vec<String> = c
        .prepare("SELECT code FROM nomination ORDER BY category = 'individual', serial")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(before, stored);
    // Every trigger of schema 1 is still there, and still refuses.
    let names = |c: &rusqlite::Connection| -> std::collections::BTreeSet<String> {
        c.prepare("SELECT name FROM sqlite_schema WHERE type = 'trigger'")
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap()
    };
    let old = rusqlite::Connection::open_with_flags(
        fixture("db/v1-cycle-2026.sqlite"),
        rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY,
    )
    .unwrap();
    let (was, now) = (names(&old), names(&c));
    assert_eq!(was.len(), 33);
    // Migration 9 made the two checks of a new sheet one trigger.
    let merged = ["sheet_closed_insert", "sheet_marks_in_scheme"];
    let kept: std::collections::BTreeSet<String> =
        was.iter().filter(|n| !merged.contains(&n.as_str())).cloned().collect();
    assert!(kept.is_subset(&now), "{:?}", kept.difference(&now).collect::<Vec<_>>());
    assert!(now.contains("sheet_insert_guard"), "{now:?}");
    assert!(c.execute("DELETE FROM nomination WHERE id = 1", []).is_err());
    assert!(c.execute("UPDATE nomination SET deeds = 'x' WHERE id = 1", []).is_err());
    assert!(c.execute("DELETE FROM sheet WHERE id = 1", []).is_err());
    // The 2026 term is awarded: no new sheet, whatever its marks.
    let sheet = |marks: &str| {
        c.execute_batch(&format!(
            "INSERT INTO sheet (nomination, source, evaluator, c1, c2, c3, c4, c5, recorded_at, recorded_by)
             VALUES (1, 'joint', '手工', {marks}, '2026-12-01 00:00:00', 'x')"
        ))
        .map_err(|e| e.to_string())
    };
    let refused = sheet("0, 0, 0, 0, 0").unwrap_err();
    assert!(refused.contains("the term is not open"), "{refused}");
    drop(c);
    // The awarded 2026 term takes no new nomination; a new term does, with the new rule.
    let err = env.fails(&[
        "nominate",
        "add",
        "--term",
        "2026",
        "--category",
        "individual",
        "--name",
        "新人",
        "--unit",
        "北仑海关",
    ]);
    assert!(err.contains("2026"), "{err}");
    env.ok(&["term", "open", "2027"]);
    let c = rusqlite::Connection::open(env.db()).unwrap();
    c.execute_batch(
        "INSERT INTO nomination (term, category, serial, code, name, unit_id, group_id, imported_at)
         VALUES (2027, 'individual', 1000, 'P2027-1000', '手工', 1, 1, '2027-01-01 00:00:00')",
    )
    .unwrap();
    // A sheet of the open term: its marks must be within the term's scheme, and good ones pass.
    let id: i64 = c
        .query_row("SELECT id FROM nomination WHERE code = 'P2027-1000'", [], |r| r.get(0))
        .unwrap();
    let sheet = |marks: &str| {
        c.execute_batch(&format!(
            "BEGIN; INSERT INTO sheet (nomination, source, evaluator, c1, c2, c3, c4, c5, recorded_at, recorded_by)
             VALUES ({id}, 'joint', '手工', {marks}, '2027-01-01 00:00:00', 'x'); ROLLBACK;"
        ))
        .map_err(|e| {
            let _ = c.execute_batch("ROLLBACK");
            e.to_string()
        })
    };
    sheet("0, 0, 0, 0, 0").unwrap();
    let bad = sheet("0, 0, 0, 0, 1000000").unwrap_err();
    assert!(bad.contains("a mark is outside the term's scheme"), "{bad}");
    // The code still has to match the serial.
    assert!(
        c.execute_batch(
            "INSERT INTO nomination (term, category, serial, code, name, unit_id, group_id, imported_at)
             VALUES (2027, 'individual', 1001, 'P2027-01001', '手工二', 1, 1, '2027-01-01 00:00:00')",
        )
        .is_err()
    );
    drop(c);
    env.nominate_individual("新人");
    let codes27 = codes(&json(
        &env.ok(&["nominate", "list", "--term", "2027", "--format", "json"]),
    ));
    assert_eq!(codes27, ["P2027-1000", "P2027-1001"]);
    let rank = env.ok(&["rank", "--term", "2026", "--format", "json"]);
    assert_eq!(json(&rank).as_array().unwrap().len(), 172);
}
