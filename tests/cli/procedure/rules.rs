//! Caps and places per group, and the rules of the forms: no date, the intake window, the
//! place in the unit's year-end assessment.

use crate::common::{Env, json};
use crate::decide::{find, nom, rank_json, seed, set_scheme, year};

/// Edits the exported scheme of a term that has scores already (--force).
fn force_scheme(env: &Env, from: &str, to: &str) {
    let path = env.path("scheme.toml");
    env.ok(&["term", "scheme", "export", "--out", &path]);
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains(from), "{text}");
    env.write("scheme.toml", &text.replacen(from, to, 1));
    env.ok(&["term", "scheme", "import", &path, "--force"]);
}

fn window(env: &Env, name: &str, date: Option<&str>) {
    let mut args = vec![
        "nominate",
        "add",
        "--category",
        "window",
        "--name",
        name,
        "--unit",
        "北仑海关",
        "--deeds",
        "好",
    ];
    if let Some(d) = date {
        args.extend(["--submitted-on", d]);
    }
    env.ok(&args);
}

fn reasons(env: &Env) -> Vec<(String, String, Vec<String>)> {
    json(&env.ok(&["nominate", "list", "--format", "json"]))
        .as_array()
        .unwrap()
        .iter()
        .map(|n| {
            let codes: Vec<String> =
                json(&env.ok(&["nominate", "show", n["code"].as_str().unwrap(), "--format", "json"]))["reason_codes"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|c| c.as_str().unwrap().to_string())
                    .collect();
            (
                n["code"].as_str().unwrap().to_string(),
                n["status"].as_str().unwrap().to_string(),
                codes,
            )
        })
        .collect()
}

#[test]
fn a_group_past_its_cap_loses_its_latest_forms_and_the_forms_need_a_date_in_the_window() {
    let env = Env::with_org();
    set_scheme(
        &env,
        "survey_required = true\n",
        "survey_required = true\nmax_per_group = 2\n",
    );
    let text = env.ok(&["term", "scheme"]);
    assert!(text.contains("max_per_group"), "{text}");
    window(&env, "报关窗口", Some("2026-10-20"));
    window(&env, "查验窗口", Some("2026-10-05"));
    window(&env, "审批窗口", Some("2026-10-09"));
    window(&env, "无日期窗口", None);
    window(&env, "提前窗口", Some("2026-09-28"));
    window(&env, "逾期窗口", Some("2026-11-02"));
    let said = env.run(&["nominate", "verify"]).stderr;
    assert!(said.contains("verified 2, rejected 4"), "{said}");
    let r = reasons(&env);
    let of = |code: &str| r.iter().find(|x| x.0 == code).unwrap().clone();
    assert_eq!(
        of("W2026-001").2,
        vec!["over_group_cap"],
        "the latest of three, past a cap of two"
    );
    assert_eq!(of("W2026-002").1, "verified");
    assert_eq!(of("W2026-003").1, "verified");
    assert_eq!(of("W2026-004").2, vec!["no_date"]);
    assert_eq!(of("W2026-005").2, vec!["before_window"]);
    assert_eq!(of("W2026-006").2, vec!["late"]);
    assert!(
        said.contains("no submission date on the form") && said.contains("past the group's cap"),
        "{said}"
    );

    // The intake window opens when the scheme says.
    set_scheme(&env, "[window]\n", "[intake]\nopens_on = \"2026-09-15\"\n\n[window]\n");
    env.ok(&["nominate", "verify", "W2026-005"]);
    let r = reasons(&env);
    let w5 = r.iter().find(|x| x.0 == "W2026-005").unwrap();
    // In the window now, and the earliest of the group's forms: within the cap.
    assert_eq!(w5.1, "verified", "{w5:?}");
}

#[test]
fn the_place_in_the_units_assessment_is_checked_against_the_top_share() {
    let env = Env::with_org();
    set_scheme(
        &env,
        "survey_required = false\n",
        "survey_required = false\nunit_rank_top_percent = 20\n",
    );
    let add = |name: &str, rank: Option<&str>| {
        let mut args = vec![
            "nominate",
            "add",
            "--category",
            "individual",
            "--name",
            name,
            "--unit",
            "北仑海关",
            "--deeds",
            "好",
            "--submitted-on",
            "2026-10-09",
        ];
        if let Some(r) = rank {
            args.extend(["--unit-rank", r]);
        }
        env.ok(&args);
    };
    add("甲", Some("24/120"));
    add("乙", Some("第25名/共120人"));
    add("丙", None);
    let err = env.fails(&[
        "nominate",
        "add",
        "--category",
        "individual",
        "--name",
        "丁",
        "--unit",
        "北仑海关",
        "--unit-rank",
        "130/120",
    ]);
    assert!(err.contains("--unit-rank"), "{err}");
    env.write(
        "forms.csv",
        "类别,名称,单位,片组,主要事迹,报送日期,本单位年终测评排名\n个人,戊,北仑海关,北仑单位共建片组,好,2026-10-09,3/120\n个人,己,北仑海关,北仑单位共建片组,好,2026-10-09,3-120\n",
    );
    let err = env.fails(&["nominate", "import", &env.path("forms.csv")]);
    assert!(
        err.contains("line 3") && err.contains("本单位年终测评排名") && err.contains("3/120"),
        "{err}"
    );
    env.write(
        "forms.csv",
        "类别,名称,单位,片组,主要事迹,报送日期,本单位年终测评排名\n个人,戊,北仑海关,北仑单位共建片组,好,2026-10-09,3／120\n",
    );
    env.ok(&["nominate", "import", &env.path("forms.csv")]);
    env.ok(&["nominate", "verify"]);
    let r = reasons(&env);
    let of = |code: &str| r.iter().find(|x| x.0 == code).unwrap().clone();
    assert_eq!(of("P2026-001").1, "verified", "24 of 120 is exactly the top 20%");
    assert_eq!(of("P2026-002").2, vec!["unit_rank"]);
    assert_eq!(of("P2026-003").2, vec!["unit_rank"], "no place given");
    assert_eq!(of("P2026-004").1, "verified");
    let show = json(&env.ok(&["nominate", "show", "P2026-004", "--format", "json"]));
    assert_eq!(show["unit_rank"], "3/120");
}

#[test]
fn places_per_group_draw_the_shortlist_within_each_group() {
    let env = Env::with_term();
    seed(&env, &year());
    // Windows: W2026-001 (北仑) ranks first, W2026-002 (梅山) second.
    force_scheme(
        &env,
        "[[window.criteria]]",
        "[window.places]\n\"北仑单位共建片组\" = 0\n\"梅山港区共建片组\" = 1\n\n[[window.criteria]]",
    );
    let export = env.ok(&["term", "scheme", "export"]);
    assert!(export.contains("[window.places]"), "{export}");
    let rows = rank_json(&env, &["--category", "window"]);
    let w1 = find(&rows, "W2026-001");
    assert_eq!(w1["rank"], 1, "the rank stays the category's");
    assert_eq!(w1["shortlisted"], false, "its group has no place");
    assert_eq!(find(&rows, "W2026-002")["shortlisted"], true);
    env.ok(&["award", "grant"]);
    let awards = json(&env.ok(&["award", "list", "--format", "json"]));
    let windows: Vec<&str> = awards
        .as_array()
        .unwrap()
        .iter()
        .filter(|a| a["category"] == "window")
        .map(|a| a["code"].as_str().unwrap())
        .collect();
    assert_eq!(windows, vec!["W2026-002"]);
}

#[test]
fn a_tie_at_a_groups_cut_counts_only_that_groups_places() {
    let env = Env::with_term();
    let mut list = year();
    // 陈静 (镇海) and 钱进 (镇海) are equal, and 镇海 has one place; 北仑 has three places but
    // only two eligible candidates, so the category as a whole has two places open.
    list.push(
        nom("P2026-010", "钱进", "镇海海关")
            .sheets(92.0, &[90.0, 90.0, 90.0])
            .finding("covert", "2026-10-08", 1.5, "未亮牌上岗"),
    );
    seed(&env, &list);
    force_scheme(
        &env,
        "[[individual.criteria]]",
        "[individual.places]\n\"北仑单位共建片组\" = 3\n\"梅山港区共建片组\" = 1\n\"镇海区域共建片组\" = 1\n\n[[individual.criteria]]",
    );
    let rows = rank_json(&env, &["--category", "individual"]);
    for code in ["P2026-003", "P2026-010"] {
        assert_eq!(find(&rows, code)["tie_at_cutoff"], true, "{code}");
    }
    let table = env.ok(&["rank", "--category", "individual"]);
    assert!(
        table.contains("with 1 of 镇海区域共建片组's 1 place(s) left"),
        "the places left are the group's, not the category's:\n{table}"
    );
    let explain = env.ok(&["rank", "--explain", "P2026-010"]);
    assert!(
        explain.contains("1 place(s) left within 镇海区域共建片组's 1 place(s)"),
        "{explain}"
    );
    // Naming one of the two fills 镇海's place; the grant does not ask for a second.
    env.ok(&["award", "grant", "--include", "P2026-003"]);
    let awards = json(&env.ok(&["award", "list", "--format", "json"]));
    let codes: Vec<&str> = awards
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["code"].as_str().unwrap())
        .collect();
    assert!(
        codes.contains(&"P2026-003") && !codes.contains(&"P2026-010"),
        "{codes:?}"
    );
}

#[test]
fn explain_shows_the_place_in_the_unit_against_the_top_share() {
    let env = Env::with_org();
    set_scheme(
        &env,
        "survey_required = false\n",
        "survey_required = false\nunit_rank_top_percent = 20\n",
    );
    env.ok(&[
        "nominate",
        "add",
        "--category",
        "individual",
        "--name",
        "甲",
        "--unit",
        "北仑海关",
        "--deeds",
        "好",
        "--submitted-on",
        "2026-10-09",
        "--unit-rank",
        "3/120",
    ]);
    env.ok(&["nominate", "verify"]);
    let pts = "18,18,18,18,18";
    env.ok(&["score", "add", "P2026-001", "--source", "self", "--points", pts]);
    for e in ["评委甲", "评委乙", "评委丙"] {
        env.ok(&[
            "score",
            "add",
            "P2026-001",
            "--source",
            "joint",
            "--evaluator",
            e,
            "--points",
            pts,
        ]);
    }
    let text = env.ok(&["rank", "--explain", "P2026-001"]);
    assert!(
        text.contains("place in the unit's year-end assessment: 3 of 120 (top 20% required: within)"),
        "{text}"
    );
    let j = json(&env.ok(&["rank", "--explain", "P2026-001", "--format", "json"]));
    assert_eq!(j["unit_rank"], "3/120");
}
