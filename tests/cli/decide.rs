//! rank, award and audit: the decision stage, over data seeded into the database.

use rusqlite::{Connection, params};
use serde_json::Value;

use crate::common::{Env, json};

// ---------------------------------------------------------------------------------------------
// The seed: what the intake and assessment commands would have recorded, written directly.
// Everything goes through `seed`, so that it can be swapped for those commands' CLI calls.

const UNITS: &[(&str, &str, &str)] = &[
    ("北仑海关", "北仑单位共建片组", "unit"),
    ("宁波海事局北仑海事处", "北仑单位共建片组", "unit"),
    ("梅山海关", "梅山港区共建片组", "port_area"),
    ("宁波梅东集装箱码头有限公司", "梅山港区共建片组", "port_area"),
    ("镇海海关", "镇海区域共建片组", "region"),
];

/// One nomination and what is recorded of it, points as written on the sheets.
#[derive(Clone)]
pub struct Nom {
    code: &'static str,
    name: &'static str,
    unit: &'static str,
    status: &'static str,
    reasons: &'static str,
    withdrawn: Option<&'static str>,
    self_sheet: Option<f64>,
    joint: Vec<f64>,
    findings: Vec<(&'static str, &'static str, f64, &'static str)>,
    surveys: Vec<(i64, i64)>,
    vetoes: Vec<(&'static str, &'static str, &'static str)>,
}

/// A verified nomination with nothing recorded yet.
pub(crate) fn nom(code: &'static str, name: &'static str, unit: &'static str) -> Nom {
    Nom {
        code,
        name,
        unit,
        status: "verified",
        reasons: "",
        withdrawn: None,
        self_sheet: None,
        joint: Vec::new(),
        findings: Vec::new(),
        surveys: Vec::new(),
        vetoes: Vec::new(),
    }
}

impl Nom {
    /// The self-evaluation sheet and the joint sheets, by their totals.
    pub(crate) fn sheets(mut self, own: f64, joint: &[f64]) -> Nom {
        self.self_sheet = Some(own);
        self.joint = joint.to_vec();
        self
    }
    pub(crate) fn finding(mut self, kind: &'static str, date: &'static str, deduction: f64, what: &'static str) -> Nom {
        self.findings.push((kind, date, deduction, what));
        self
    }
    pub(crate) fn survey(mut self, satisfied: i64, total: i64) -> Nom {
        self.surveys.push((satisfied, total));
        self
    }
    fn veto(mut self, reason: &'static str, evidence: &'static str, document: &'static str) -> Nom {
        self.vetoes.push((reason, evidence, document));
        self
    }
    fn pending(mut self) -> Nom {
        self.status = "pending";
        self
    }
    pub(crate) fn rejected(mut self, reasons: &'static str) -> Nom {
        self.status = "rejected";
        self.reasons = reasons;
        self
    }
    pub(crate) fn withdrawn(mut self, why: &'static str) -> Nom {
        self.status = "withdrawn";
        self.withdrawn = Some(why);
        self
    }
}

fn centi(points: f64) -> i64 {
    (points * 100.0).round() as i64
}

/// A sheet total spread over the five criteria in half points, none above 20.
fn marks(total: f64) -> [i64; 5] {
    let halves = centi(total) / 50;
    let (q, r) = (halves / 5, halves % 5);
    std::array::from_fn(|i| (q + i64::from((i as i64) < r)) * 50)
}

/// Writes the groups, units and nominations of the 2026 term with their sheets, findings,
/// surveys and vetoes.
pub fn seed(env: &Env, list: &[Nom]) {
    let c = Connection::open(env.db()).expect("open the test database");
    c.execute_batch("PRAGMA foreign_keys = ON;").unwrap();
    let at = "2026-11-02 09:00:00";
    for (unit, group, kind) in UNITS {
        c.execute(
            "INSERT OR IGNORE INTO org_group (name, kind) VALUES (?1, ?2)",
            params![group, kind],
        )
        .unwrap();
        c.execute(
            "INSERT OR IGNORE INTO unit (name, group_id, has_window)
             SELECT ?1, id, 1 FROM org_group WHERE name = ?2",
            params![unit, group],
        )
        .unwrap();
    }
    for n in list {
        let category = if n.code.starts_with('W') {
            "window"
        } else {
            "individual"
        };
        let serial: i64 = n.code[6..].parse().unwrap();
        c.execute(
            "INSERT INTO nomination (term, category, serial, code, name, unit_id, group_id, imported_at,
                                     status, reasons, verified_at, withdrawn_reason, deeds)
             SELECT 2026, ?1, ?2, ?3, ?4, u.id, u.group_id, ?5, ?6, ?7,
                    CASE WHEN ?6 = 'pending' THEN NULL ELSE ?5 END, ?8, '全年无有效投诉。'
             FROM unit u WHERE u.name = ?9",
            params![
                category,
                serial,
                n.code,
                n.name,
                at,
                n.status,
                n.reasons,
                n.withdrawn,
                n.unit
            ],
        )
        .unwrap_or_else(|e| panic!("seeding {}: {e}", n.code));
        let id = c.last_insert_rowid();
        let sheets = n.self_sheet.iter().map(|t| ("self", String::new(), *t)).chain(
            n.joint
                .iter()
                .enumerate()
                .map(|(i, t)| ("joint", format!("评委{}", "甲乙丙丁戊己庚".chars().nth(i).unwrap()), *t)),
        );
        for (source, evaluator, total) in sheets {
            let m = marks(total);
            c.execute(
                "INSERT INTO sheet (nomination, source, evaluator, c1, c2, c3, c4, c5, recorded_at, recorded_by)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, 'seed')",
                params![id, source, evaluator, m[0], m[1], m[2], m[3], m[4], at],
            )
            .unwrap();
        }
        for (kind, date, deduction, what) in &n.findings {
            c.execute(
                "INSERT INTO finding (nomination, kind, date, inspector, finding, deduction, recorded_at, recorded_by)
                 VALUES (?1, ?2, ?3, '市口岸打私办', ?4, ?5, ?6, 'seed')",
                params![id, kind, date, what, centi(*deduction), at],
            )
            .unwrap();
        }
        for (satisfied, total) in &n.surveys {
            c.execute(
                "INSERT INTO survey (nomination, date, satisfied, total, recorded_at, recorded_by)
                 VALUES (?1, '2026-11-10', ?2, ?3, ?4, 'seed')",
                params![id, satisfied, total, at],
            )
            .unwrap();
        }
        for (reason, evidence, document) in &n.vetoes {
            c.execute(
                "INSERT INTO veto (nomination, reason, evidence, document, added_at, added_by)
                 VALUES (?1, ?2, ?3, ?4, ?5, 'seed')",
                params![id, reason, evidence, document, at],
            )
            .unwrap();
        }
    }
}

/// A small year with each case the ranking must tell apart.
pub fn year() -> Vec<Nom> {
    vec![
        nom("W2026-001", "行政审批综合窗口", "北仑海关")
            .sheets(95.0, &[92.0, 93.0, 94.0])
            .survey(50, 50),
        nom("W2026-002", "报关业务受理窗口", "梅山海关")
            .sheets(90.0, &[88.0, 88.0, 88.0])
            .survey(49, 50),
        nom("W2026-003", "单证业务窗口", "宁波梅东集装箱码头有限公司")
            .sheets(92.0, &[90.0, 90.0, 90.0])
            .survey(48, 50),
        nom("W2026-004", "危险品检验受理窗口", "镇海海关")
            .sheets(93.0, &[91.0, 91.0, 91.0])
            .survey(50, 50)
            .veto("complaint", "服务对象投诉推诿，经查属实", "甬口岸〔2026〕31号"),
        nom("W2026-005", "船舶签证窗口", "宁波海事局北仑海事处").sheets(91.0, &[89.0, 89.0, 89.0]),
        nom("W2026-006", "出口退税业务窗口", "北仑海关").pending(),
        nom("W2026-007", "货运业务窗口", "梅山海关").withdrawn("单位撤回"),
        nom("P2026-001", "王芳", "北仑海关").sheets(96.0, &[94.0, 95.0, 96.0]),
        nom("P2026-002", "李强", "梅山海关")
            .sheets(92.0, &[90.0, 90.0, 90.0])
            .finding("open", "2026-09-15", 1.5, "工作台面不整洁"),
        nom("P2026-003", "陈静", "镇海海关")
            .sheets(92.0, &[90.0, 90.0, 90.0])
            .finding("covert", "2026-10-08", 1.5, "未亮牌上岗"),
        nom("P2026-004", "张伟", "北仑海关")
            .sheets(88.0, &[80.0, 86.0, 87.0, 88.0, 95.0])
            .finding("covert", "2026-08-20", 2.0, "接听电话未使用礼貌用语")
            .finding("open", "2026-09-15", 0.5, "工号牌佩戴不规范"),
        nom("P2026-005", "赵敏", "宁波海事局北仑海事处")
            .rejected("late")
            .sheets(90.0, &[90.0, 90.0, 90.0]),
        nom("P2026-006", "刘洋", "梅山海关").sheets(90.0, &[90.0, 90.0]),
        nom("P2026-007", "孙丽", "宁波梅东集装箱码头有限公司")
            .sheets(85.0, &[85.0, 85.0, 85.0])
            .survey(30, 100),
        nom("P2026-008", "周杰", "镇海海关").sheets(85.0, &[85.0, 85.0, 85.0]),
        nom("P2026-009", "吴磊", "北仑海关").sheets(99.0, &[99.0, 99.0]).veto(
            "discipline",
            "受到警告处分",
            "甬口岸〔2026〕35号",
        ),
    ]
}

pub(crate) fn rank_json(env: &Env, extra: &[&str]) -> Vec<Value> {
    let mut args = vec!["rank", "--format", "json"];
    args.extend_from_slice(extra);
    json(&env.ok(&args)).as_array().expect("an array").clone()
}

pub(crate) fn find<'a>(rows: &'a [Value], code: &str) -> &'a Value {
    rows.iter()
        .find(|r| r["code"] == code)
        .unwrap_or_else(|| panic!("{code} not in {rows:?}"))
}

/// Sets the quota of a category by exporting, editing and importing the term's scheme.
pub fn set_scheme(env: &Env, from: &str, to: &str) {
    let path = env.path("scheme.toml");
    env.ok(&["term", "scheme", "export", "--out", &path]);
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains(from), "{text}");
    env.write("scheme.toml", &text.replacen(from, to, 1));
    env.ok(&["term", "scheme", "import", &path]);
}

// ---------------------------------------------------------------------------------------------

/// Columns a line takes on a terminal: Chinese characters take two.
fn line_width(line: &str) -> usize {
    line.chars()
        .map(|c| {
            if ('\u{2E80}'..='\u{FFEF}').contains(&c) && !('\u{FF61}'..='\u{FFDC}').contains(&c) {
                2
            } else {
                1
            }
        })
        .sum()
}

#[test]
fn a_rank_table_fits_the_width_it_is_given_and_wide_shortens_nothing() {
    let env = Env::with_term();
    let mut list = year();
    list.push(
        nom(
            "W2026-008",
            "宁波舟山港股份有限公司北仑第二集装箱码头分公司进出口货物查验及单证受理综合服务窗口",
            "宁波梅东集装箱码头有限公司",
        )
        .sheets(90.0, &[88.0, 89.0, 89.0])
        .survey(50, 50),
    );
    seed(&env, &list);
    // The table's lines, without the line naming the record (a hash is not cut).
    let widest = |out: &str| {
        out.lines()
            .filter(|l| !l.starts_with("Record:"))
            .map(line_width)
            .max()
            .unwrap_or(0)
    };
    let full = env.ok(&["rank"]);
    assert!(
        widest(&full) > 80,
        "the table is wider than 80 columns unless it is made to fit:\n{full}"
    );
    let fitted = env.cmd().env("COLUMNS", "80").arg("rank").output().unwrap();
    let fitted = String::from_utf8(fitted.stdout).unwrap();
    assert!(widest(&fitted) <= 80, "{fitted}");
    for code in ["W2026-001", "W2026-008", "P2026-009"] {
        assert!(fitted.contains(code), "every row is still there: {code}\n{fitted}");
    }
    // A wider screen keeps the table a table, its long names wrapped.
    let wrapped = env.cmd().env("COLUMNS", "150").arg("rank").output().unwrap();
    let wrapped = String::from_utf8(wrapped.stdout).unwrap();
    assert!(
        widest(&wrapped) <= 150 && wrapped.contains("┆ W2026-008 ┆"),
        "{wrapped}"
    );
    assert!(
        !wrapped.contains("进出口货物查验及单证受理综合服务窗口"),
        "the name is wrapped:\n{wrapped}"
    );
    // Totals to two decimals in the table, cut, never rounded up; exact in JSON and under --wide.
    assert!(full.contains("92.33…") && full.contains("88.66…"), "{full}");
    assert!(!full.contains("92.333") && !full.contains("88.666"), "{full}");
    let wide = env
        .cmd()
        .env("COLUMNS", "80")
        .args(["--wide", "rank"])
        .output()
        .unwrap();
    let wide = String::from_utf8(wide.stdout).unwrap();
    assert!(widest(&wide) > 80, "{wide}");
    assert!(
        wide.contains("宁波舟山港股份有限公司北仑第二集装箱码头分公司进出口货物查验及单证受理综合服务窗口"),
        "{wide}"
    );
    assert!(wide.contains("92.3333…") && wide.contains("88.6666…"), "{wide}");
    let json = rank_json(&env, &[]);
    assert_eq!(find(&json, "W2026-008")["total"].as_f64(), Some(92.3333));
}

#[test]
fn rank_json_fields_and_how_they_relate() {
    let env = Env::with_term();
    seed(&env, &year());
    let rows = rank_json(&env, &[]);
    let codes: Vec<&str> = rows.iter().map(|r| r["code"].as_str().unwrap()).collect();
    // Windows first, best first, the ones not ranked after them in code order.
    assert_eq!(
        codes,
        [
            "W2026-001",
            "W2026-002",
            "W2026-003",
            "W2026-004",
            "W2026-005",
            "W2026-006",
            "W2026-007",
            "P2026-001",
            "P2026-002",
            "P2026-003",
            "P2026-004",
            "P2026-007",
            "P2026-008",
            "P2026-005",
            "P2026-006",
            "P2026-009",
        ]
    );
    for key in [
        "rank",
        "code",
        "category",
        "name",
        "unit",
        "group",
        "self",
        "joint",
        "inspection",
        "satisfaction",
        "total",
        "status",
        "reasons",
        "shortlisted",
        "tie_at_cutoff",
    ] {
        assert!(rows.iter().all(|r| r.get(key).is_some()), "{key} missing");
    }

    let w1 = find(&rows, "W2026-001");
    assert_eq!(w1["rank"], 1);
    assert_eq!(w1["category"], "window");
    assert_eq!(w1["name"], "行政审批综合窗口");
    assert_eq!(w1["unit"], "北仑海关");
    assert_eq!(w1["group"], "北仑单位共建片组");
    assert_eq!(w1["self"], 95.0);
    assert_eq!(w1["joint"], 93.0);
    assert_eq!(w1["inspection"], 100.0);
    assert_eq!(w1["satisfaction"], 100.0);
    assert_eq!(w1["total"], 95.5);
    assert_eq!(w1["total_exact"], "191/2");
    assert_eq!(w1["status"], "eligible");
    assert_eq!(w1["reasons"], serde_json::json!([]));
    assert_eq!(w1["shortlisted"], true);
    assert_eq!(w1["tie_at_cutoff"], false);

    // 49 of 50 is exactly 98%: eligible. 48 of 50 is below.
    let w2 = find(&rows, "W2026-002");
    assert_eq!(
        (w2["status"].as_str(), w2["rank"].as_i64()),
        (Some("eligible"), Some(2))
    );
    assert_eq!(w2["satisfaction"], 98.0);
    let w3 = find(&rows, "W2026-003");
    assert_eq!(w3["status"], "below_threshold");
    assert_eq!(w3["rank"], Value::Null);
    assert_eq!(w3["shortlisted"], false);
    assert_eq!(w3["reasons"], serde_json::json!(["satisfaction 48/50 = 96% < 98%"]));

    // Status takes the first that applies; reasons list every one.
    let w6 = find(&rows, "W2026-006");
    assert_eq!(w6["status"], "unverified");
    assert_eq!(
        w6["reasons"],
        serde_json::json!([
            "not yet verified",
            "no self-evaluation sheet",
            "only 0 joint evaluators, 3 needed",
            "no satisfaction survey"
        ])
    );
    assert_eq!(w6["total"], Value::Null);
    assert_eq!(w6["self"], Value::Null);
    let w7 = find(&rows, "W2026-007");
    assert_eq!(w7["status"], "withdrawn");
    assert_eq!(w7["reasons"][0], "withdrawn: 单位撤回");
    assert_eq!(find(&rows, "W2026-005")["status"], "incomplete");
    assert_eq!(
        find(&rows, "W2026-005")["reasons"],
        serde_json::json!(["no satisfaction survey"])
    );
    let p9 = find(&rows, "P2026-009");
    assert_eq!(p9["status"], "vetoed");
    assert_eq!(
        p9["reasons"],
        serde_json::json!([
            "one-vote veto #2: sanction for a serious violation (甬口岸〔2026〕35号)",
            "only 2 joint evaluators, 3 needed"
        ])
    );
    let p5 = find(&rows, "P2026-005");
    assert_eq!(p5["status"], "unverified");
    assert_eq!(
        p5["reasons"],
        serde_json::json!(["rejected at verification: submitted after the deadline"])
    );
    assert_eq!(p5["total"], 93.0);
    assert_eq!(find(&rows, "P2026-006")["status"], "incomplete");

    // Equals share a rank and the next skips; a missing satisfaction sorts below any rate.
    let ranks: Vec<Value> = rows
        .iter()
        .filter(|r| r["category"] == "individual")
        .map(|r| r["rank"].clone())
        .collect();
    assert_eq!(
        ranks,
        serde_json::json!([1, 2, 2, 4, 5, 6, null, null, null])
            .as_array()
            .unwrap()
            .clone()
    );
    let p7 = find(&rows, "P2026-007");
    let p8 = find(&rows, "P2026-008");
    assert_eq!(p7["total"], p8["total"]);
    assert_eq!(p7["satisfaction"], 30.0);
    assert_eq!(p8["satisfaction"], Value::Null);
    // Trimming at five evaluators: 95 and 80 dropped, (86 + 87 + 88) / 3 = 87.
    let p4 = find(&rows, "P2026-004");
    assert_eq!(p4["joint"], 87.0);
    assert_eq!(p4["inspection"], 97.5);
    assert_eq!(p4["total"], 90.35);
    // Every eligible one is within the default quotas.
    assert!(
        rows.iter()
            .all(|r| r["shortlisted"] == (r["status"] == "eligible") && r["tie_at_cutoff"] == false)
    );

    // One category only; one group, ranked within it, with the category's marks.
    let windows = rank_json(&env, &["--category", "窗口"]);
    assert!(windows.iter().all(|r| r["category"] == "window"));
    assert_eq!(windows.len(), 7);
    let group = rank_json(&env, &["--group", "梅山港区共建片组", "--category", "individual"]);
    let got: Vec<(&str, Value, Value)> = group
        .iter()
        .map(|r| {
            (
                r["code"].as_str().unwrap(),
                r["rank"].clone(),
                r["category_rank"].clone(),
            )
        })
        .collect();
    assert_eq!(
        got,
        vec![
            ("P2026-002", 1.into(), 2.into()),
            ("P2026-007", 2.into(), 5.into()),
            ("P2026-006", Value::Null, Value::Null),
        ]
    );
    let err = env.fails(&["rank", "--group", "江北片组"]);
    assert!(
        err.contains("no group \"江北片组\"") && err.contains("北仑单位共建片组"),
        "{err}"
    );
}

#[test]
fn a_revoked_veto_no_longer_counts() {
    let env = Env::with_term();
    seed(&env, &year());
    let rows = rank_json(&env, &["--category", "window"]);
    let w4 = find(&rows, "W2026-004");
    assert_eq!(w4["status"], "vetoed");
    assert_eq!(w4["rank"], Value::Null);
    assert_eq!(
        w4["reasons"],
        serde_json::json!(["one-vote veto #1: verified complaint of inaction or misconduct (甬口岸〔2026〕31号)"])
    );
    assert_eq!(w4["total"], 94.1);

    let c = Connection::open(env.db()).unwrap();
    c.execute(
        "UPDATE veto SET revoked_at = '2026-11-20 10:00:00', revoked_by = 'tester', revoke_reason = '复查不属实'
         WHERE id = 1",
        [],
    )
    .unwrap();
    let rows = rank_json(&env, &["--category", "window"]);
    let w4 = find(&rows, "W2026-004");
    assert_eq!(w4["status"], "eligible");
    assert_eq!(w4["reasons"], serde_json::json!([]));
    assert_eq!(w4["rank"], 2);
    assert_eq!(find(&rows, "W2026-002")["rank"], 3);
}

#[test]
fn marks_edited_past_the_scheme_stop_the_ranking_and_each_sheet_is_named() {
    let env = Env::with_term();
    seed(&env, &year());
    let before = env.ok(&["rank", "--format", "json"]);
    let c = Connection::open(env.db()).unwrap();
    // By hand, past the tool: a window's sheet above the maximum, an individual's off the step.
    let sheet_of = |code: &str| -> (i64, i64, i64) {
        c.query_row(
            "SELECT s.id, s.c3, s.c5 FROM sheet s JOIN nomination n ON n.id = s.nomination
             WHERE n.code = ?1 AND s.replaced_at IS NULL ORDER BY s.id LIMIT 1",
            [code],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .unwrap()
    };
    let ((w, w_c3, _), (p, _, p_c5)) = (sheet_of("W2026-002"), sheet_of("P2026-001"));
    c.execute("UPDATE sheet SET c3 = 99900 WHERE id = ?1", [w]).unwrap();
    c.execute("UPDATE sheet SET c5 = c5 + 1 WHERE id = ?1", [p]).unwrap();
    let run = env.run(&["rank", "--format", "json"]);
    assert!(run.code != 0 && run.stdout.is_empty(), "{}", run.stdout);
    let err = run.stderr;
    assert!(err.contains("2 sheet mark(s) are outside the term's scheme"), "{err}");
    let at = |text: String| err.find(&text).unwrap_or_else(|| panic!("{text} in {err}"));
    let (at_w, at_p) = (
        at(format!("sheet {w} (W2026-002, ")),
        at(format!("sheet {p} (P2026-001, ")),
    );
    assert_eq!(at_w < at_p, w < p, "the sheets in order of their number: {err}");
    assert!(err.contains("criterion 3 is 999"), "{err}");
    // Put back, the ranking is as it was.
    c.execute("UPDATE sheet SET c3 = ?2 WHERE id = ?1", [w, w_c3]).unwrap();
    c.execute("UPDATE sheet SET c5 = ?2 WHERE id = ?1", [p, p_c5]).unwrap();
    drop(c);
    assert_eq!(env.ok(&["rank", "--format", "json"]), before);
}

#[test]
fn an_exact_tie_that_floating_point_would_split() {
    let env = Env::with_term();
    set_scheme(
        &env,
        "order = [\n    \"total\",\n    \"joint\",\n    \"inspection\",\n    \"satisfaction\",\n]",
        "order = [\"total\"]",
    );
    // 0.2·94 + 0.5·(80 + 88.5 + 87.5)/3 + 0.3·94 = 0.2·90 + 0.5·(82 + 96 + 85.5)/3 + 0.3·92.5 = 89 2/3,
    // which f64 arithmetic puts as 89.66666666666667 against 89.66666666666666.
    seed(
        &env,
        &[
            nom("P2026-001", "王芳", "北仑海关")
                .sheets(94.0, &[80.0, 88.5, 87.5])
                .finding("open", "2026-09-15", 6.0, "多项服务规范未落实"),
            nom("P2026-002", "李强", "梅山海关")
                .sheets(90.0, &[82.0, 96.0, 85.5])
                .finding("covert", "2026-10-08", 7.5, "多项服务规范未落实"),
        ],
    );
    let rows = rank_json(&env, &[]);
    let (a, b) = (find(&rows, "P2026-001"), find(&rows, "P2026-002"));
    assert_eq!(a["total_exact"], "269/3");
    assert_eq!(b["total_exact"], "269/3");
    assert_eq!((a["rank"].as_i64(), b["rank"].as_i64()), (Some(1), Some(1)));
    assert_eq!(a["total"], 89.6667);
    let table = env.ok(&["rank", "--category", "individual"]);
    assert_eq!(table.matches("┆ 89.66… ┆").count(), 2, "{table}");
    let table = env.ok(&["--wide", "rank", "--category", "individual"]);
    assert_eq!(table.matches("┆ 89.6666… ┆").count(), 2, "{table}");
    let text = env.ok(&["rank", "--explain", "P2026-002"]);
    assert!(
        text.contains("equal on every key, sharing rank 1: P2026-001 王芳"),
        "{text}"
    );
}

#[test]
fn a_tie_straddling_the_quota_goes_to_the_committee() {
    let env = Env::with_term();
    set_scheme(&env, "quota = 20", "quota = 2");
    seed(&env, &year());
    let rows = rank_json(&env, &["--category", "individual"]);
    for code in ["P2026-002", "P2026-003"] {
        let r = find(&rows, code);
        assert_eq!(r["rank"], 2);
        assert_eq!(r["tie_at_cutoff"], true);
        assert_eq!(r["shortlisted"], false);
    }
    assert_eq!(find(&rows, "P2026-001")["shortlisted"], true);
    assert_eq!(find(&rows, "P2026-004")["shortlisted"], false);
    assert_eq!(find(&rows, "P2026-004")["tie_at_cutoff"], false);
    let table = env.ok(&["rank", "--category", "individual"]);
    assert!(
        table.contains("tie at cutoff ⚖: P2026-002, P2026-003 share rank 2 with 1 place(s) left"),
        "{table}"
    );

    // Refused, naming the tied, their rank and the places left; nothing written.
    let err = env.fails(&["award", "grant"]);
    assert!(
        err.contains("P2026-002 李强, P2026-003 陈静 share rank 2 with 1 place(s) left within the quota of 2"),
        "{err}"
    );
    assert_eq!(env.query::<i64>("SELECT count(*) FROM award"), 0);
    assert_eq!(env.query::<String>("SELECT state FROM term"), "open");
    // Only a member of the tie can be named; no more than the places left.
    let err = env.fails(&["award", "grant", "--include", "P2026-001"]);
    assert!(err.contains("P2026-001 is not in a tie at the cutoff"), "{err}");
    let err = env.fails(&["award", "grant", "--include", "P2026-099"]);
    assert!(err.contains("no nomination P2026-099"), "{err}");
    let err = env.fails(&["award", "grant", "--include", "P2026-002", "--include", "P2026-003"]);
    assert!(
        err.contains("2 chosen from the tie at rank 2, but only 1 place(s) are left"),
        "{err}"
    );
    let err = env.fails(&["award", "grant", "--include", "P2026-002", "--exclude", "p2026-002"]);
    assert!(err.contains("both --include and --exclude"), "{err}");

    let dry = env.run(&["award", "grant", "--exclude", "P2026-003", "--dry-run"]);
    assert_eq!(dry.code, 0, "{}", dry.stderr);
    assert!(
        dry.stdout.contains("P2026-002") && !dry.stdout.contains("P2026-003"),
        "{}",
        dry.stdout
    );
    assert!(
        dry.stderr
            .contains("dry run: would grant 2 window and 2 individual awards"),
        "{}",
        dry.stderr
    );
    assert_eq!(env.query::<i64>("SELECT count(*) FROM award"), 0);

    let r = env.run(&["award", "grant", "--include", "P2026-002", "--format", "json"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stderr.contains("granted 2 window and 2 individual awards"),
        "{}",
        r.stderr
    );
    let granted = json(&r.stdout);
    let got: Vec<(&str, &str, &str)> = granted
        .as_array()
        .unwrap()
        .iter()
        .map(|a| {
            (
                a["code"].as_str().unwrap(),
                a["certificate"].as_str().unwrap(),
                a["decision"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        got,
        vec![
            ("W2026-001", "NBKA-2026-W-001", "shortlisted"),
            ("W2026-002", "NBKA-2026-W-002", "shortlisted"),
            ("P2026-001", "NBKA-2026-P-001", "shortlisted"),
            ("P2026-002", "NBKA-2026-P-002", "included by the committee"),
        ]
    );
    assert_eq!(env.query::<String>("SELECT state FROM term"), "awarded");
    assert_eq!(
        env.query::<String>("SELECT total || ' ' || rank FROM award WHERE certificate = 'NBKA-2026-P-002'"),
        "1859/20 2"
    );

    // Granting again adds nothing; the awarded term refuses changes until reopened.
    let again = env.run(&["award", "grant"]);
    assert_eq!(again.code, 0, "{}", again.stderr);
    assert!(again.stderr.contains("nothing to add"), "{}", again.stderr);
    assert_eq!(again.stdout, "");
    assert_eq!(env.query::<i64>("SELECT count(*) FROM award"), 4);
    let err = env.fails(&["term", "scheme", "import", &env.path("scheme.toml")]);
    assert!(err.contains("awarded") && err.contains("term reopen"), "{err}");

    // A revoked award keeps its number; the place it leaves goes back to the committee.
    let err = env.fails(&["award", "revoke", "P2026-002", "--reason", " "]);
    assert!(err.contains("--reason"), "{err}");
    env.ok(&["award", "revoke", "P2026-002", "--reason", "获奖后查实受到处分"]);
    let err = env.fails(&["award", "revoke", "P2026-002", "--reason", "again"]);
    assert!(
        err.contains("already revoked") && err.contains("获奖后查实受到处分"),
        "{err}"
    );
    let err = env.fails(&["award", "revoke", "P2026-004", "--reason", "x"]);
    assert!(err.contains("P2026-004 has no award"), "{err}");
    let list = json(&env.ok(&["award", "list", "--format", "json"]));
    let p2 = list
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["code"] == "P2026-002")
        .unwrap();
    assert_eq!(p2["status"], "revoked");
    assert_eq!(p2["certificate"], "NBKA-2026-P-002");
    assert_eq!(p2["revoke_reason"], "获奖后查实受到处分");
    assert_eq!(p2["total"], 92.95);
    assert_eq!(p2["rank"], 2);
    assert_eq!(p2["group"], "梅山港区共建片组");

    // The revocation reopens the tie; an awarded term takes no new choice until reopened.
    let err = env.fails(&["award", "grant", "--include", "P2026-003"]);
    assert!(err.contains("term is awarded") && err.contains("term reopen"), "{err}");
    env.ok(&["term", "reopen", "--reason", "复核名额线并列"]);
    assert_eq!(env.query::<String>("SELECT state FROM term"), "open");
    let err = env.fails(&["award", "grant"]);
    assert!(err.contains("P2026-002 李强, P2026-003 陈静 share rank 2"), "{err}");
    let err = env.fails(&["award", "grant", "--include", "P2026-002"]);
    assert!(err.contains("P2026-002: its award was revoked"), "{err}");
    let r = env.run(&["award", "grant", "--include", "P2026-003"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.contains("NBKA-2026-P-003"), "{}", r.stdout);
    assert_eq!(env.query::<String>("SELECT state FROM term"), "awarded");
    assert_eq!(
        env.query::<i64>("SELECT count(*) FROM award WHERE revoked_at IS NULL"),
        4
    );

    // A closed term refuses both.
    env.ok(&["term", "close"]);
    let err = env.fails(&["--term", "2026", "award", "revoke", "P2026-003", "--reason", "x"]);
    assert!(err.contains("closed"), "{err}");
    let err = env.fails(&["--term", "2026", "award", "grant"]);
    assert!(err.contains("closed"), "{err}");
}

#[test]
fn certificate_numbers_count_per_category_and_are_never_reused() {
    let env = Env::with_term();
    seed(&env, &year());
    env.ok(&["award", "grant"]);
    let certs: Vec<String> = {
        let c = Connection::open(env.db()).unwrap();
        let mut st = c
            .prepare("SELECT certificate FROM award ORDER BY category = 'individual', serial")
            .unwrap();
        st.query_map([], |r| r.get(0)).unwrap().map(Result::unwrap).collect()
    };
    assert_eq!(
        certs,
        [
            "NBKA-2026-W-001",
            "NBKA-2026-W-002",
            "NBKA-2026-P-001",
            "NBKA-2026-P-002",
            "NBKA-2026-P-003",
            "NBKA-2026-P-004",
            "NBKA-2026-P-005",
            "NBKA-2026-P-006",
        ]
    );
    // A veto found after the award: revoke, reopen, and the next grant numbers past the revoked.
    env.ok(&["award", "revoke", "W2026-001", "--reason", "获奖后查实投诉"]);
    env.ok(&["term", "reopen", "--reason", "一票否决"]);
    let c = Connection::open(env.db()).unwrap();
    c.execute(
        "UPDATE veto SET revoked_at = '2026-12-01 10:00:00', revoked_by = 'tester', revoke_reason = '复查不属实'
         WHERE id = 1",
        [],
    )
    .unwrap();
    let r = env.run(&["award", "grant"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stderr.contains("not granted again"), "{}", r.stderr);
    assert!(
        r.stdout.contains("W2026-004") && r.stdout.contains("NBKA-2026-W-003"),
        "{}",
        r.stdout
    );
    assert_eq!(
        env.query::<String>(
            "SELECT certificate FROM award WHERE nomination = (SELECT id FROM nomination WHERE code = 'W2026-001')"
        ),
        "NBKA-2026-W-001"
    );
}

#[test]
fn grant_without_a_shortlist_and_on_a_missing_term() {
    let env = Env::with_term();
    seed(&env, &[nom("W2026-001", "行政审批综合窗口", "北仑海关").pending()]);
    let err = env.fails(&["award", "grant"]);
    assert!(err.contains("nothing to grant"), "{err}");
    let err = env.fails(&["award", "notice"]);
    assert!(err.contains("no active awards"), "{err}");
    let err = env.fails(&["rank", "--explain", "W2026-099"]);
    assert!(err.contains("no nomination W2026-099"), "{err}");
}

#[test]
fn notice_and_certificates() {
    let env = Env::with_term();
    set_scheme(&env, "quota = 20", "quota = 2");
    seed(&env, &year());
    env.ok(&["award", "grant", "--include", "P2026-003"]);
    let notice = env.ok(&["award", "notice", "--date", "2026-12-20"]);
    insta::assert_snapshot!("notice_text", notice);
    let md = env.ok(&["award", "notice", "--date", "2026-12-20", "--format", "md"]);
    assert!(
        md.starts_with("# 关于表彰2026年度“文明和谐口岸示范窗口”和“文明和谐口岸服务标兵”的通报"),
        "{md}"
    );
    let listed = json(&env.ok(&["award", "notice", "--format", "json"]));
    assert_eq!(listed.as_array().unwrap().len(), 4);

    env.ok(&[
        "award",
        "notice",
        "--out",
        &env.path("通报.html"),
        "--number",
        "甬口协〔2026〕5号",
    ]);
    let html = std::fs::read_to_string(env.path("通报.html")).unwrap();
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert!(html.contains("甬口协〔2026〕5号") && html.contains("@media print"));

    // Revoked awards get no certificate.
    env.ok(&["award", "revoke", "W2026-002", "--reason", "获奖后查实投诉"]);
    env.ok(&[
        "award",
        "certificates",
        "--out",
        &env.path("证书"),
        "--date",
        "2026-12-20",
    ]);
    let dir = env.dir.path().join("证书");
    let mut files: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    files.sort();
    assert_eq!(
        files,
        [
            "NBKA-2026-P-001.html",
            "NBKA-2026-P-002.html",
            "NBKA-2026-W-001.html",
            "index.html",
            "plaques.html"
        ]
    );
    let index = std::fs::read_to_string(dir.join("index.html")).unwrap();
    assert_eq!(index.matches("<section class=\"page certificate\"").count(), 3);
    let w = std::fs::read_to_string(dir.join("NBKA-2026-W-001.html")).unwrap();
    assert!(
        w.contains("北仑海关行政审批综合窗口：") && w.contains("匾牌文字"),
        "{w}"
    );
    assert!(w.contains("二〇二六年十二月二十日") && w.contains("宁波市口岸协调委员会"));
    let p = std::fs::read_to_string(dir.join("NBKA-2026-P-002.html")).unwrap();
    assert!(p.contains("陈静 同志（镇海海关）："), "{p}");
    let notice = env.ok(&["award", "notice", "--date", "2026-12-20"]);
    assert!(!notice.contains("报关业务受理窗口"), "{notice}");
    assert!(notice.contains("一、文明和谐口岸示范窗口（1个）"), "{notice}");
}

#[test]
fn certificates_of_awards_revoked_since_an_earlier_run_are_removed_and_nothing_else() {
    let env = Env::with_term();
    seed(&env, &year());
    env.ok(&["award", "grant"]);
    let out = env.path("证书");
    env.ok(&["award", "certificates", "--out", &out, "--date", "2026-12-20"]);
    let dir = env.dir.path().join("证书");
    let files = || {
        let mut f: Vec<String> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        f.sort();
        f
    };
    assert!(files().contains(&"NBKA-2026-W-001.html".to_string()), "{:?}", files());
    assert!(files().contains(&"plaques.html".to_string()), "{:?}", files());
    // What the clerk keeps in the folder, some of it named like the command's own pages.
    let others = [
        "NBKA-2025-W-001.html",
        "NBKA-2026-W-002.html.bak",
        "NBKA-2026-W-002.pdf",
        "cover.html",
        "说明.txt",
    ];
    for name in others {
        std::fs::write(dir.join(name), "kept").unwrap();
    }
    std::fs::create_dir(dir.join("NBKA-2026-W-009.html")).unwrap();

    env.ok(&["award", "revoke", "W2026-001", "--reason", "获奖后查实投诉"]);
    env.ok(&["award", "revoke", "W2026-002", "--reason", "获奖后查实投诉"]);
    env.ok(&["award", "revoke", "P2026-004", "--reason", "获奖后查实受到处分"]);
    let r = env.run(&["award", "certificates", "--out", &out, "--date", "2026-12-20"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stderr.contains(
            "removed what an earlier run wrote for awards no longer active: \
             NBKA-2026-P-004.html, NBKA-2026-W-001.html, NBKA-2026-W-002.html, plaques.html"
        ),
        "{}",
        r.stderr
    );
    assert_eq!(
        files(),
        [
            "NBKA-2025-W-001.html",
            "NBKA-2026-P-001.html",
            "NBKA-2026-P-002.html",
            "NBKA-2026-P-003.html",
            "NBKA-2026-P-005.html",
            "NBKA-2026-P-006.html",
            "NBKA-2026-W-002.html.bak",
            "NBKA-2026-W-002.pdf",
            "NBKA-2026-W-009.html",
            "cover.html",
            "index.html",
            "说明.txt",
        ]
    );
    for name in others {
        assert_eq!(std::fs::read_to_string(dir.join(name)).unwrap(), "kept", "{name}");
    }
    // A run with nothing stale says nothing of removing.
    let r = env.run(&["award", "certificates", "--out", &out, "--date", "2026-12-20"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(!r.stderr.contains("removed"), "{}", r.stderr);
}

#[test]
fn audit_lists_the_record_of_the_term() {
    let env = Env::with_term();
    seed(&env, &year());
    env.ok(&["award", "grant"]);
    env.ok(&["award", "revoke", "P2026-004", "--reason", "获奖后查实受到处分"]);
    let all = json(&env.ok(&["audit", "--format", "json"]));
    let all = all.as_array().unwrap();
    let actions: Vec<&str> = all.iter().map(|a| a["action"].as_str().unwrap()).collect();
    let mut expected = vec!["term.open"];
    expected.extend(["award.grant"; 8]);
    expected.extend(["term.awarded", "award.revoke"]);
    assert_eq!(actions, expected);
    assert!(all.iter().all(|a| a["operator"] == "tester"));
    let first_grant = &all[1];
    assert_eq!(first_grant["target"], "W2026-001");
    assert_eq!(first_grant["detail"]["certificate"], "NBKA-2026-W-001");
    assert_eq!(first_grant["detail"]["total"], "191/2");
    assert!(all.windows(2).all(|w| w[0]["id"].as_i64() < w[1]["id"].as_i64()));

    let awards = json(&env.ok(&["audit", "--action", "award", "--format", "json"]));
    assert_eq!(awards.as_array().unwrap().len(), 9);
    let revokes = json(&env.ok(&["audit", "--action", "award.revoke", "--format", "json"]));
    assert_eq!(revokes.as_array().unwrap().len(), 1);
    assert_eq!(revokes[0]["target"], "P2026-004");
    assert_eq!(revokes[0]["detail"]["reason"], "获奖后查实受到处分");
    assert_eq!(revokes[0]["detail"]["certificate"], "NBKA-2026-P-004");
    let last = json(&env.ok(&["audit", "--limit", "2", "--format", "json"]));
    let last: Vec<&str> = last
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["action"].as_str().unwrap())
        .collect();
    assert_eq!(last, ["term.awarded", "award.revoke"]);
    let table = env.ok(&["audit", "--action", "term"]);
    assert!(
        table.contains("term.open") && table.contains("term.awarded") && !table.contains("award.grant"),
        "{table}"
    );
    let err = env.fails(&["audit", "--limit", "0"]);
    assert!(err.contains("--limit"), "{err}");
    assert_eq!(
        json(&env.ok(&["audit", "--action", "veto", "--format", "json"])),
        serde_json::json!([])
    );
}

#[test]
fn the_rank_table_and_explanations() {
    let env = Env::with_term();
    seed(&env, &year());
    insta::assert_snapshot!("rank_table", crate::common::redact_hash(env.ok(&["rank"])));
    insta::assert_snapshot!(
        "rank_table_zh",
        crate::common::redact_hash(env.ok(&["--lang", "zh", "rank"]))
    );
    insta::assert_snapshot!("explain_trimmed", env.ok(&["rank", "--explain", "p2026-004"]));
    insta::assert_snapshot!(
        "explain_zh",
        env.ok(&["--lang", "zh", "rank", "--explain", "W2026-002"])
    );
    insta::assert_snapshot!("explain_vetoed", env.ok(&["rank", "--explain", "W2026-004"]));
    let md = env.ok(&["rank", "--format", "md", "--category", "window"]);
    assert!(
        md.starts_with("## Model Window, 2026 term — quota 10; 2 eligible of 7; 2 shortlisted ★"),
        "{md}"
    );
    let csv = env.ok(&["rank", "--format", "csv"]);
    assert!(
        csv.starts_with("rank,category_rank,code,category,name,unit,group,self,joint,inspection,satisfaction,total")
    );
    assert_eq!(csv.lines().count(), 17);

    let e = json(&env.ok(&["rank", "--explain", "P2026-004", "--format", "json"]));
    assert_eq!(e["rank"], 4);
    assert_eq!(e["joint"]["mean_exact"], "87/1");
    assert_eq!(e["joint_sheets"][4]["dropped"], "highest");
    assert_eq!(e["joint_sheets"][0]["dropped"], "lowest");
    assert_eq!(e["joint_sheets"][1]["dropped"], Value::Null);
    assert_eq!(e["inspection"]["score"], 97.5);
    assert_eq!(e["findings"].as_array().unwrap().len(), 2);
    assert_eq!(e["parts"]["joint"]["weighted"], 43.5);
    assert_eq!(e["total_exact"], "1807/20");
    assert_eq!(e["above"]["code"], "P2026-003");
    assert_eq!(e["above"]["deciding_key"], "total");
    assert_eq!(e["below"]["code"], "P2026-007");
    assert_eq!(e["equals"], serde_json::json!([]));
    let e = json(&env.ok(&["rank", "--explain", "P2026-007", "--format", "json"]));
    assert_eq!(e["below"]["code"], "P2026-008");
    assert_eq!(e["below"]["deciding_key"], "satisfaction");
    let e = json(&env.ok(&["rank", "--explain", "P2026-002", "--format", "json"]));
    assert_eq!(e["equals"], serde_json::json!(["P2026-003"]));
    let e = json(&env.ok(&["rank", "--explain", "W2026-006", "--format", "json"]));
    assert_eq!(e["rank"], Value::Null);
    assert_eq!(e["status"], "unverified");
    assert_eq!(e["reasons"].as_array().unwrap().len(), 4);
}

#[test]
fn help_texts() {
    let env = Env::new();
    for (name, args) in [
        ("help_rank", vec!["rank", "--help"]),
        ("help_award", vec!["award", "--help"]),
        ("help_award_grant", vec!["award", "grant", "--help"]),
        ("help_award_list", vec!["award", "list", "--help"]),
        ("help_award_revoke", vec!["award", "revoke", "--help"]),
        ("help_award_notice", vec!["award", "notice", "--help"]),
        ("help_award_certificates", vec!["award", "certificates", "--help"]),
        ("help_audit", vec!["audit", "--help"]),
    ] {
        insta::assert_snapshot!(name, env.ok(&args));
    }
}

/// The rows of `rank --explain --format csv`: (step, item, value).
fn explain_csv(env: &Env, code: &str) -> Vec<(String, String, String)> {
    let text = env.ok(&["rank", "--explain", code, "--format", "csv"]);
    let mut r = csv::Reader::from_reader(text.as_bytes());
    assert_eq!(r.headers().unwrap(), vec!["step", "item", "value"]);
    r.records()
        .map(|rec| {
            let rec = rec.unwrap();
            assert_eq!(rec.len(), 3, "{rec:?}");
            (rec[0].to_string(), rec[1].to_string(), rec[2].to_string())
        })
        .collect()
}

#[test]
fn explain_as_csv_rows_of_step_item_and_value() {
    let env = Env::with_term();
    seed(&env, &year());
    let rows = explain_csv(&env, "P2026-004");
    let value = |item: &str| {
        let found: Vec<&(String, String, String)> = rows.iter().filter(|r| r.1 == item).collect();
        assert_eq!(found.len(), 1, "{item}: {found:?}");
        (found[0].0.as_str(), found[0].2.as_str())
    };
    assert_eq!(value("code"), ("candidate", "P2026-004"));
    assert_eq!(value("category"), ("candidate", "individual"));
    assert_eq!(value("joint_sheets.5.dropped"), ("sheets", "highest"));
    assert_eq!(value("joint_sheets.1.dropped"), ("sheets", "lowest"));
    assert_eq!(value("joint_sheets.2.dropped"), ("sheets", ""));
    assert_eq!(value("joint_sheets.1.total"), ("sheets", "80"));
    assert_eq!(value("joint.mean_exact"), ("sheets", "87/1"));
    assert_eq!(value("joint.counted"), ("sheets", "3"));
    assert_eq!(value("inspection.score"), ("inspection", "97.5"));
    assert_eq!(value("findings.2.deduction"), ("inspection", "0.5"));
    assert_eq!(value("satisfaction"), ("satisfaction", ""));
    assert_eq!(value("parts.joint.weighted"), ("composite", "43.5"));
    assert_eq!(value("total_exact"), ("composite", "1807/20"));
    assert_eq!(value("status"), ("status", "eligible"));
    assert_eq!(value("rank"), ("place", "4"));
    assert_eq!(value("shortlisted"), ("place", "true"));
    assert_eq!(value("above.code"), ("place", "P2026-003"));
    assert_eq!(value("above.deciding_key"), ("place", "total"));
    // The steps come in the order of the report, each once.
    let mut steps: Vec<&str> = rows.iter().map(|r| r.0.as_str()).collect();
    steps.dedup();
    assert_eq!(
        steps,
        [
            "candidate",
            "sheets",
            "inspection",
            "satisfaction",
            "composite",
            "status",
            "place"
        ]
    );
    // Every value of the JSON report is there, and nothing else.
    fn leaves(v: &Value) -> usize {
        match v {
            Value::Object(m) => m.values().map(leaves).sum(),
            Value::Array(a) => a.iter().map(leaves).sum(),
            _ => 1,
        }
    }
    let report = json(&env.ok(&["rank", "--explain", "P2026-004", "--format", "json"]));
    assert_eq!(rows.len(), leaves(&report));

    // A window below the threshold and a vetoed one: their reasons, one row each.
    let rows = explain_csv(&env, "W2026-003");
    assert!(rows.contains(&("satisfaction".into(), "satisfaction.meets".into(), "false".into())));
    assert!(rows.contains(&(
        "status".into(),
        "reasons.1".into(),
        "satisfaction 48/50 = 96% < 98%".into()
    )));
    let rows = explain_csv(&env, "W2026-004");
    assert!(rows.contains(&("status".into(), "status".into(), "vetoed".into())));
    assert!(rows.contains(&("place".into(), "rank".into(), String::new())));
    assert!(
        rows.iter()
            .any(|r| r.1 == "vetoes.1.evidence" && r.2 == "服务对象投诉推诿，经查属实"),
        "{rows:?}"
    );
}
