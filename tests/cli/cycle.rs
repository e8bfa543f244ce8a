//! The whole yearly cycle on the bundled example data, through the command line only:
//! the shortlists must be the ones worked out independently in expected-shortlist.txt.

use std::collections::BTreeMap;

use crate::common::{Env, json};

pub fn example(name: &str) -> String {
    format!("{}/examples/2026/{name}", env!("CARGO_MANIFEST_DIR"))
}

/// Runs term → org → nominate → verify → panel → score → inspect → veto (of nominations and
/// of a unit) on the example files.
pub fn assessed_year() -> Env {
    let env = Env::with_term();
    env.ok(&["org", "import", &example("units.csv")]);
    for group in ["beilun", "meishan", "zhenhai"] {
        env.ok(&["nominate", "import", &example(&format!("nominations-{group}.csv"))]);
    }
    env.ok(&["nominate", "verify"]);
    env.ok(&["panel", "import", &example("panel.csv")]);
    env.ok(&["score", "import", &example("self-scores.csv"), "--source", "self"]);
    env.ok(&["score", "import", &example("joint-scores.csv"), "--source", "joint"]);
    env.ok(&["inspect", "import", &example("inspections.csv")]);
    env.ok(&["inspect", "import", &example("surveys.csv")]);
    let vetoes = std::fs::read_to_string(example("vetoes.txt")).unwrap();
    for line in vetoes.lines().filter(|l| !l.trim().is_empty()) {
        let f: Vec<&str> = line.split('|').collect();
        env.ok(&[
            "veto",
            "add",
            f[0],
            "--reason",
            f[1],
            "--evidence",
            f[2],
            "--document",
            f[3],
        ]);
    }
    let unit_vetoes = std::fs::read_to_string(example("unit-vetoes.txt")).unwrap();
    for line in unit_vetoes.lines().filter(|l| !l.trim().is_empty()) {
        let f: Vec<&str> = line.split('|').collect();
        env.ok(&[
            "veto",
            "add",
            "--unit",
            f[0],
            "--person",
            f[1],
            "--reason",
            f[2],
            "--evidence",
            f[3],
            "--document",
            f[4],
        ]);
    }
    env
}

/// The shortlists of expected-shortlist.txt: category heading → [(rank, code, exact total)].
fn expected() -> BTreeMap<&'static str, Vec<(u64, String, String)>> {
    let text = std::fs::read_to_string(example("expected-shortlist.txt")).unwrap();
    let mut out: BTreeMap<&str, Vec<(u64, String, String)>> = BTreeMap::new();
    let mut current = None;
    for line in text.lines() {
        if line.starts_with("== Model Windows") {
            current = Some("window");
        } else if line.starts_with("== Service Pacesetters") {
            current = Some("individual");
        } else if line.starts_with("---- quota line") {
            current = None;
        } else if let Some(cat) = current {
            let f: Vec<&str> = line.split_whitespace().collect();
            if let [rank, code, exact, ..] = f[..]
                && let Ok(rank) = rank.parse()
            {
                out.entry(cat)
                    .or_default()
                    .push((rank, code.to_string(), exact.to_string()));
            }
        }
    }
    out
}

#[test]
fn the_example_year_gives_the_expected_shortlists() {
    let env = assessed_year();
    let rows = json(&env.ok(&["rank", "--format", "json"]));
    let mut got: BTreeMap<&str, Vec<(u64, String, String)>> = BTreeMap::new();
    for r in rows.as_array().unwrap() {
        if r["shortlisted"] == true {
            let cat = if r["category"] == "window" {
                "window"
            } else {
                "individual"
            };
            let exact = r["total_exact"].as_str().unwrap();
            // expected-shortlist.txt writes whole numbers without "/1"
            let exact = exact.strip_suffix("/1").unwrap_or(exact).to_string();
            got.entry(cat).or_default().push((
                r["rank"].as_u64().unwrap(),
                r["code"].as_str().unwrap().to_string(),
                exact,
            ));
        }
        assert_eq!(
            r["tie_at_cutoff"], false,
            "the example year has no tie at a quota line: {r}"
        );
    }
    assert_eq!(got, expected());

    // The special cases the example data carries.
    let by_code = |code: &str| {
        rows.as_array()
            .unwrap()
            .iter()
            .find(|r| r["code"] == code)
            .unwrap()
            .clone()
    };
    assert_eq!(by_code("W2026-035")["status"], "unverified");
    assert_eq!(by_code("P2026-042")["status"], "unverified");
    assert_eq!(by_code("W2026-015")["status"], "vetoed");
    // The unit veto reaches each of 梅山海关's windows, the first of the year among them.
    for code in ["W2026-021", "W2026-022", "W2026-023"] {
        assert_eq!(by_code(code)["status"], "vetoed", "{code}");
    }
    assert_eq!(by_code("W2026-017")["satisfaction"], 98.0);
    assert_eq!(by_code("W2026-017")["status"], "eligible");
    assert_eq!(by_code("W2026-043")["status"], "below_threshold");
    assert_eq!(by_code("P2026-027")["rank"], by_code("P2026-060")["rank"]);

    let shortlist = env.ok(&["rank", "--shortlist"]);
    // The printed list names the record it was drawn from.
    let head = env.ok(&["audit", "head"]);
    assert!(shortlist.contains(&format!("hash {}", head.trim())), "{shortlist}");
    insta::assert_snapshot!("cycle_rank_shortlist", crate::common::redact_hash(shortlist));
    insta::assert_snapshot!("cycle_explain_tie", env.ok(&["rank", "--explain", "P2026-027"]));
    insta::assert_snapshot!(
        "cycle_explain_at_threshold",
        env.ok(&["rank", "--explain", "W2026-017"])
    );
}

#[test]
fn the_award_closes_the_records_until_the_term_is_reopened() {
    let env = assessed_year();
    env.ok(&["award", "grant"]);
    assert_eq!(env.query::<i64>("SELECT count(*) FROM award"), 30);
    assert_eq!(env.query::<String>("SELECT state FROM term"), "awarded");
    let again = env.run(&["award", "grant"]);
    assert_eq!(again.code, 0, "{}", again.stderr);
    assert_eq!(env.query::<i64>("SELECT count(*) FROM award"), 30);

    insta::assert_snapshot!("cycle_notice", env.ok(&["award", "notice", "--date", "2026-12-01"]));
    // The file's ending picks the form of the notice.
    let md = env.path("notice.md");
    env.ok(&["award", "notice", "--out", &md]);
    assert!(std::fs::read_to_string(&md).unwrap().starts_with("# 关于表彰2026年度"));
    let html = env.path("notice.html");
    env.ok(&["award", "notice", "--out", &html]);
    assert!(std::fs::read_to_string(&html).unwrap().contains("<html"));
    let dir = env.path("certificates");
    env.ok(&["award", "certificates", "--out", &dir]);
    let pages = std::fs::read_dir(&dir).unwrap().count();
    assert!(pages >= 31, "30 certificates and an index, found {pages} files");

    // Every assessment and intake write is refused on an awarded term, and writes nothing.
    let audit_before: i64 = env.query("SELECT count(*) FROM audit");
    for args in [
        &[
            "score",
            "add",
            "P2026-021",
            "--source",
            "joint",
            "--evaluator",
            "新评委",
            "--points",
            "20,20,20,20,20",
        ][..],
        &[
            "inspect",
            "add",
            "P2026-111",
            "--kind",
            "covert",
            "--date",
            "2026-11-20",
            "--finding",
            "x",
            "--deduction",
            "5",
        ],
        &["inspect", "survey", "W2026-021", "--satisfied", "1", "--total", "50"],
        &[
            "veto",
            "add",
            "P2026-111",
            "--reason",
            "safety",
            "--evidence",
            "found late",
        ],
        &["nominate", "withdraw", "P2026-111", "--reason", "moved"],
        &["inspect", "withdraw", "F1", "--reason", "wrong nominee"],
        &["nominate", "verify"],
        &["nominate", "import", &example("nominations-zhenhai.csv")],
    ] {
        let err = env.fails(args);
        assert!(err.contains("awarded"), "{args:?}: {err}");
    }
    assert_eq!(env.query::<i64>("SELECT count(*) FROM audit"), audit_before);

    // A veto found after the award: reopen, veto, revoke the award; the number is not reused.
    env.ok(&["term", "reopen", "--reason", "a veto found after the award"]);
    env.ok(&[
        "veto",
        "add",
        "P2026-111",
        "--reason",
        "discipline",
        "--evidence",
        "处分决定",
    ]);
    // An award held off the shortlist is settled before anything new is granted.
    let err = env.fails(&["award", "grant"]);
    assert!(
        err.contains("P2026-111") && err.contains("no longer on the shortlist"),
        "{err}"
    );
    let err = env.fails(&[
        "nominate",
        "withdraw",
        "P2026-046",
        "--reason",
        "the unit withdrew the form",
    ]);
    assert!(err.contains("holds the award NBKA-2026-P-020"), "{err}");
    env.ok(&[
        "award",
        "revoke",
        "P2026-111",
        "--reason",
        "one-vote veto found after the award",
    ]);
    let awards = json(&env.ok(&["award", "list", "--format", "json"]));
    let revoked = awards
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["code"] == "P2026-111")
        .unwrap();
    assert_eq!(revoked["certificate"], "NBKA-2026-P-001");
    let ranked = json(&env.ok(&["rank", "--category", "individual", "--format", "json"]));
    let next = ranked.as_array().unwrap().iter().find(|r| r["rank"] == 20).unwrap();
    assert_eq!(next["code"], "P2026-021", "the first one below the line moves up");
    env.ok(&["award", "grant"]);
    let number: String = env
        .query("SELECT certificate FROM award a JOIN nomination n ON n.id = a.nomination WHERE n.code = 'P2026-021'");
    assert_eq!(number, "NBKA-2026-P-021");

    // Reopened with the awards standing: closing it is not closing without awards.
    env.ok(&["term", "reopen", "--reason", "a correction to the notice"]);
    let r = env.run(&["term", "close"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(!r.stderr.contains("without awards"), "{}", r.stderr);
}

#[test]
fn the_example_year_with_publicity_and_a_dismissed_objection() {
    let env = assessed_year();
    env.ok(&["award", "propose", "--from", "2026-11-23", "--days", "5"]);
    let notice = env.ok(&["award", "publicity"]);
    assert!(
        notice.contains("公示时间：2026年11月23日至2026年11月27日（5个工作日）"),
        "{notice}"
    );
    let proposed = json(&env.ok(&["award", "publicity", "--format", "json"]));
    let proposed: Vec<String> = proposed["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["code"].as_str().unwrap().to_string())
        .collect();
    let mut shortlist: Vec<String> = expected()
        .values()
        .flat_map(|v| v.iter().map(|(_, code, _)| code.clone()))
        .collect();
    shortlist.sort();
    let mut sorted = proposed.clone();
    sorted.sort();
    assert_eq!(sorted, shortlist, "the proposed list is the expected shortlist");
    env.ok(&[
        "objection",
        "add",
        "W2026-032",
        "--from",
        "某货代企业",
        "--text",
        "该窗口曾要求重复提交材料",
        "--date",
        "2026-11-25",
    ]);
    let err = env.fails(&["award", "grant"]);
    assert!(err.contains("objection #1 about W2026-032"), "{err}");
    env.ok(&[
        "objection",
        "resolve",
        "1",
        "--dismissed",
        "--finding",
        "经调查，系企业材料不全，窗口已一次性告知",
    ]);
    env.ok(&["award", "grant"]);
    let awards = json(&env.ok(&["award", "list", "--format", "json"]));
    let granted: Vec<String> = awards
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["code"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(granted, proposed, "exactly the proposed list, in its order");
}
