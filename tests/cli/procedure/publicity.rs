//! 公示: the proposed list and its notice period, objections, and the grant that follows.

use crate::common::{Env, json};
use crate::decide::{seed, year};

fn codes(v: &serde_json::Value) -> Vec<String> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|a| a["code"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn a_proposal_its_notice_objections_and_the_grant_of_the_list_less_the_ineligible() {
    let env = Env::with_term();
    seed(&env, &year());
    let err = env.fails(&["award", "publicity"]);
    assert!(err.contains("has no proposal"), "{err}");
    let err = env.fails(&["objection", "add", "W2026-001", "--from", "某企业", "--text", "x"]);
    assert!(err.contains("no proposal in 公示"), "{err}");
    let err = env.fails(&["award", "propose", "--from", "2999-01-04"]);
    assert!(err.contains("cannot start in the future"), "{err}");

    let said = env.run(&["award", "propose", "--from", "2026-11-02"]).stderr;
    assert!(
        said.contains(
            "proposed 2 windows and 6 individuals (#1); notice period (公示) 5 working days, 2026-11-02 to 2026-11-06"
        ),
        "{said}"
    );
    let err = env.fails(&["award", "propose", "--from", "2026-11-02"]);
    assert!(
        err.contains("already has a proposal in force (#1") && err.contains("--replace"),
        "{err}"
    );

    let text = env.ok(&["award", "publicity"]);
    assert!(
        text.contains("公示时间：2026年11月2日至2026年11月6日（5个工作日）"),
        "{text}"
    );
    assert!(
        text.contains("北仑海关行政审批综合窗口") && text.contains("王芳（北仑海关）"),
        "{text}"
    );
    assert!(text.contains("宁波市口岸打私办"), "where to send objections: {text}");
    let md = env.ok(&["award", "publicity", "--format", "md"]);
    assert!(md.starts_with("# 关于2026年度"), "{md}");
    let path = env.path("公示.html");
    env.ok(&["award", "publicity", "--out", &path]);
    let html = std::fs::read_to_string(&path).unwrap();
    assert!(html.contains("<h1>关于2026年度") && html.contains("@page"), "{html}");
    let p = json(&env.ok(&["award", "publicity", "--format", "json"]));
    assert_eq!(p["ends_on"], "2026-11-06");
    assert_eq!(codes(&p["items"])[..2], ["W2026-001", "W2026-002"]);

    // Objections: about the proposed list only; one after the period is marked late.
    let err = env.fails(&["objection", "add", "W2026-003", "--from", "某企业", "--text", "x"]);
    assert!(err.contains("W2026-003 is not on the proposed list #1"), "{err}");
    env.ok(&[
        "objection",
        "add",
        "W2026-002",
        "--from",
        "某物流企业",
        "--text",
        "推诿办事群众",
        "--date",
        "2026-11-04",
    ]);
    let said = env
        .run(&[
            "objection",
            "add",
            "P2026-001",
            "--from",
            "匿名",
            "--text",
            "迟到",
            "--date",
            "2026-11-10",
        ])
        .stderr;
    assert!(
        said.contains("late: received after the period ended on 2026-11-06"),
        "{said}"
    );
    let list = json(&env.ok(&["objection", "list", "--format", "json"]));
    assert_eq!(list[0]["late"], false);
    assert_eq!(list[1]["late"], true);
    assert_eq!(list[1]["status"], "open");

    // The grant waits for every objection, naming each.
    let err = env.fails(&["award", "grant"]);
    assert!(
        err.contains("objection #1 about W2026-002 from 某物流企业 is not resolved"),
        "{err}"
    );
    assert!(
        err.contains("objection #2 about P2026-001 from 匿名 is not resolved"),
        "{err}"
    );
    assert!(!err.contains("runs until"), "the period is over: {err}");
    let r = env.run(&["objection", "resolve", "1", "--finding", "x"]);
    assert_eq!(r.code, 2, "upheld or dismissed must be said: {}", r.stderr);

    // Upheld: the clerk records the veto that follows; dismissed: nothing follows.
    env.ok(&["objection", "resolve", "1", "--upheld", "--finding", "经调查属实"]);
    env.ok(&[
        "veto",
        "add",
        "W2026-002",
        "--reason",
        "complaint",
        "--evidence",
        "公示期间投诉，经调查属实",
    ]);
    let err = env.fails(&["award", "grant"]);
    assert!(err.contains("objection #2") && !err.contains("objection #1"), "{err}");
    env.ok(&[
        "objection",
        "resolve",
        "2",
        "--dismissed",
        "--finding",
        "所反映情况不属实",
    ]);
    let err = env.fails(&["objection", "resolve", "2", "--dismissed", "--finding", "again"]);
    assert!(err.contains("already resolved (dismissed)"), "{err}");
    let err = env.fails(&["award", "grant", "--include", "W2026-003"]);
    assert!(err.contains("given with the proposal #1"), "{err}");

    let r = env.run(&["award", "grant"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stderr
            .contains("not granted, no longer eligible since the proposal: W2026-002 (vetoed)"),
        "{}",
        r.stderr
    );
    let awards = json(&env.ok(&["award", "list", "--format", "json"]));
    let mut expected = codes(&p["items"]);
    expected.retain(|c| c != "W2026-002");
    assert_eq!(codes(&awards), expected);
    assert_eq!(
        env.query::<i64>("SELECT count(*) FROM audit WHERE action LIKE 'objection.%'"),
        4
    );
}

#[test]
fn the_grant_waits_for_the_end_of_the_period_and_a_proposal_may_be_replaced() {
    let env = Env::with_term();
    seed(&env, &year());
    env.ok(&["award", "propose", "--from", "2026-11-02", "--days", "3"]);
    env.ok(&["award", "propose", "--replace", "--days", "5"]);
    assert_eq!(
        env.query::<i64>("SELECT count(*) FROM proposal WHERE superseded_at IS NOT NULL"),
        1
    );
    let err = env.fails(&["award", "grant"]);
    assert!(
        err.contains("the notice period (公示) runs until") && err.contains("may be granted from"),
        "{err}"
    );
    assert_eq!(env.query::<i64>("SELECT count(*) FROM award"), 0);
    // Without a proposal, the direct grant stays as it was.
    let direct = Env::with_term();
    seed(&direct, &year());
    direct.ok(&["award", "grant"]);
    assert_eq!(direct.query::<i64>("SELECT count(*) FROM award"), 8);
}

#[test]
fn the_period_skips_the_holidays_and_counts_the_weekend_working_days() {
    let env = Env::with_term();
    seed(&env, &year());
    // From Wed 30 Sep 2026: 1–2 Oct are statutory holidays (3 Oct a Saturday), so five working
    // days end on Thu 8 Oct, and the clerk hears which holidays were skipped.
    let said = env
        .run(&["award", "propose", "--from", "2026-09-30", "--dry-run"])
        .stderr;
    assert!(said.contains("2026-09-30 to 2026-10-08"), "{said}");
    assert!(
        said.contains("holidays skipped besides the weekends: 2026-10-01, 2026-10-02"),
        "{said}"
    );
    // The year's arrangement: the holiday runs to 8 Oct and Saturday 10 Oct is worked.
    let said = env
        .run(&[
            "award",
            "propose",
            "--from",
            "2026-09-30",
            "--holiday",
            "2026-10-01..2026-10-08",
            "--workday",
            "2026-10-10",
        ])
        .stderr;
    assert!(said.contains("2026-09-30 to 2026-10-13"), "{said}");
    assert_eq!(
        env.query::<String>("SELECT ends_on FROM proposal WHERE superseded_at IS NULL"),
        "2026-10-13"
    );
    let detail = env.query::<String>("SELECT detail FROM audit WHERE action = 'award.propose'");
    assert!(detail.contains("\"workdays\":[\"2026-10-10\"]"), "{detail}");
    let err = env.fails(&["award", "propose", "--replace", "--holiday", "10/1"]);
    assert!(err.contains("--holiday \"10/1\""), "{err}");
    assert_eq!(env.query::<i64>("SELECT count(*) FROM proposal"), 1, "nothing written");
}

#[test]
fn the_publicity_prints_as_an_official_document_numbered_once() {
    let env = Env::with_term();
    seed(&env, &year());
    env.ok(&["award", "propose", "--from", "2026-11-02"]);
    // The plain text stays unnumbered; the official print takes the term's first number.
    assert!(!env.ok(&["award", "publicity"]).contains("甬口协"));
    let html = env.path("公示.html");
    let said = env.run(&["award", "publicity", "--out", &html]).stderr;
    assert!(said.contains("the 公示 notice is numbered 甬口协〔2026〕1号"), "{said}");
    let page = std::fs::read_to_string(&html).unwrap();
    for part in [
        "<div class=\"letterhead\">宁波市口岸协调委员会文件</div>",
        "<div class=\"number\">甬口协〔2026〕1号</div>",
        "<div class=\"rule\"></div>",
        "拟表彰名单的公示</h1>",
        "<p class=\"to\">各口岸单位、各共建片组：</p>",
        "公示时间：2026年11月2日至2026年11月6日（5个工作日）",
        "<div class=\"seal\">（印章）</div>",
        "<p>宁波市口岸协调委员会</p>",
        "抄送：",
        "<span>宁波市口岸协调委员会办公室</span><span>2026年11月2日印发</span>",
        "记录校验：审计记录链头 ",
    ] {
        assert!(page.contains(part), "{part} missing from\n{page}");
    }
    // A reprint, in Word's form, keeps the number; the notice after the grant takes the next.
    let docx = env.path("公示.docx");
    let said = env.run(&["award", "publicity", "--out", &docx]).stderr;
    assert!(!said.contains("numbered"), "{said}");
    let xml = crate::official::unzip(std::path::Path::new(&docx), "word/document.xml");
    for part in [
        "宁波市口岸协调委员会文件",
        "甬口协〔2026〕1号",
        "（印章）",
        "印发",
        "公示时间",
    ] {
        assert!(xml.contains(part), "{part} missing from the .docx");
    }
    assert_eq!(
        env.query::<i64>("SELECT count(*) FROM audit WHERE action = 'publicity.number'"),
        1
    );
    assert_eq!(
        env.query::<String>("SELECT 文种 FROM v_document_numbers WHERE 顺序号 = 1"),
        "公示"
    );
    // A number given is printed and not registered.
    let given = env.path("given.html");
    env.ok(&["award", "publicity", "--out", &given, "--number", "甬口协办〔2026〕9号"]);
    assert!(std::fs::read_to_string(&given).unwrap().contains("甬口协办〔2026〕9号"));
    assert_eq!(env.query::<i64>("SELECT count(*) FROM document_number"), 1);
    // Its list for Excel and for scripts, unnumbered; an ending that is no form of it is
    // refused and nothing written.
    let items = env.query::<i64>("SELECT count(*) FROM proposal_item");
    let book = env.path("拟表彰名单.xlsx");
    env.ok(&["--lang", "zh", "award", "publicity", "--out", &book]);
    let rows = crate::excel::cells(&book, None);
    assert_eq!(rows[1][0].to_string(), "编号");
    assert_eq!(rows.len() as i64, 2 + items, "a title, the headers and the list");
    let csv = env.ok(&["award", "publicity", "--format", "csv"]);
    assert!(csv.starts_with("code,category,name,unit,group,rank\n"), "{csv}");
    assert_eq!(csv.lines().count() as i64, 1 + items);
    let pdf = env.path("公示.pdf");
    let err = env.fails(&["award", "publicity", "--out", &pdf]);
    assert!(err.contains("公示.pdf") && err.contains(".docx or .html"), "{err}");
    assert!(!std::path::Path::new(&pdf).exists());
    assert_eq!(env.query::<i64>("SELECT count(*) FROM document_number"), 1);
}
