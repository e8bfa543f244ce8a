//! Excel both ways: workbooks read by every import (the tool's own and another program's),
//! errors named by sheet and cell, listings written with --out in every form, and every
//! workbook the tool writes opened by LibreOffice where it is installed.

use calamine::{Data, Reader, open_workbook_auto};

use crate::common::{Env, fixture, json};

/// The 2026 term with the units of the LibreOffice workbook and its three nominations.
fn nominated() -> Env {
    let env = Env::with_term();
    env.ok(&["org", "import", &fixture("excel/units.xlsx")]);
    env.ok(&["nominate", "import", &fixture("excel/nominations-title-row.xlsx")]);
    env
}

/// A year with a record in every import: sheets, findings, surveys.
fn assessed() -> Env {
    let env = nominated();
    env.ok(&["nominate", "verify"]);
    env.write(
        "self.csv",
        "code,c1,c2,c3,c4,c5,note\nW2026-001,18,17.5,16,15,19,\nP2026-001,17,17,17,17.5,18,自评\nW2026-002,16,16,16,16,16,\n",
    );
    env.ok(&["score", "import", "self.csv", "--source", "self"]);
    env.write(
        "joint.csv",
        "code,evaluator,c1,c2,c3,c4,c5\nW2026-001,王海,18,17,16,15,19\nW2026-002,王海,16.5,16,16,16,16\n\
         W2026-001,李娜,17,17,17,17,17\nW2026-002,李娜,15,15,15,15,15\nP2026-001,李娜,18,18,18,18,18\n",
    );
    env.ok(&["score", "import", "joint.csv", "--source", "joint"]);
    env.write(
        "findings.csv",
        "code,kind,date,inspector,finding,deduction\nW2026-001,open,2026-11-03,林卫东,台面杂乱,0.5\nP2026-001,covert,2026-11-10,,未佩戴工牌,1\n",
    );
    env.ok(&["inspect", "import", "findings.csv"]);
    env.write(
        "surveys.csv",
        "code,date,satisfied,total\nW2026-001,2026-11-20,49,50\nW2026-002,,45,50\n",
    );
    env.ok(&["inspect", "import", "surveys.csv"]);
    env
}

/// The cells of a workbook's sheet, as calamine reads them.
pub(crate) fn cells(path: &str, sheet: Option<&str>) -> Vec<Vec<Data>> {
    let mut book = open_workbook_auto(path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let name = sheet
        .map(str::to_string)
        .unwrap_or_else(|| book.sheet_names()[0].clone());
    let range = book.worksheet_range(&name).expect("the sheet");
    range.rows().map(|r| r.to_vec()).collect()
}

#[test]
fn a_workbook_saved_by_another_program_is_read_as_the_clerk_meant_it() {
    let env = nominated();
    // The title row above the header is skipped; a date typed as a date and a staff number
    // typed as a number read as typed.
    assert_eq!(env.query::<i64>("SELECT count(*) FROM nomination"), 3);
    assert_eq!(
        env.query::<String>(
            "SELECT staff_no || ' ' || submitted_on || ' ' || phone FROM nomination WHERE code = 'P2026-001'"
        ),
        "3102826 2026-10-15 0574-86875210"
    );
    // The same form saved as .xls by the older Excel format.
    let out = env.run(&["nominate", "import", &fixture("excel/nominations-title-row.xls")]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(out.stderr.contains("already present 3"), "{}", out.stderr);
    assert!(out.stderr.contains("(sheet 推荐表)"), "{}", out.stderr);
}

#[test]
fn a_number_excel_turned_into_a_float_is_refused_by_sheet_and_cell() {
    let env = Env::with_term();
    env.ok(&["org", "import", &fixture("excel/units.xlsx")]);
    let err = env.fails(&["nominate", "import", &fixture("excel/nominations-float-phone.xlsx")]);
    assert!(err.contains("推荐表-有误!J2 (联系电话)"), "{err}");
    assert!(err.contains("value \"13958212345\""), "{err}");
    assert!(err.contains("Format Cells > Text"), "{err}");
    assert_eq!(env.query::<i64>("SELECT count(*) FROM nomination"), 0, "all or nothing");
    let err = env.fails(&[
        "--lang",
        "zh",
        "nominate",
        "import",
        &fixture("excel/nominations-float-phone.xlsx"),
    ]);
    assert!(err.contains("设置单元格格式 > 文本"), "{err}");
    // The same number saved into a CSV by Excel, in scientific form.
    env.write(
        "n.csv",
        "类别,名称,单位,片组,联系电话\n窗口,报关窗口,北仑海关,北仑单位共建片组,1.39582E+10\n",
    );
    let err = env.fails(&["nominate", "import", "n.csv"]);
    assert!(
        err.contains("line 2, column 5 (联系电话)") && err.contains("scientific"),
        "{err}"
    );
}

#[test]
fn a_bad_mark_in_a_workbook_is_named_by_sheet_and_cell() {
    let env = assessed();
    env.ok(&["template", "self", "--out", "自评.xlsx"]);
    // Another program (calamine reads, rust_xlsxwriter writes) changes one mark to 21.
    let mut rows = cells(&env.path("自评.xlsx"), None);
    let at = rows
        .iter()
        .position(|r| r[0] == Data::String("W2026-001".into()))
        .unwrap();
    rows[at][4] = Data::Float(21.0);
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet().set_name("考核评分表").unwrap();
    for (r, row) in rows.iter().enumerate() {
        for (c, v) in row.iter().enumerate() {
            match v {
                Data::Float(f) => ws.write_number(r as u32, c as u16, *f).map(|_| ()),
                Data::Int(i) => ws.write_number(r as u32, c as u16, *i as f64).map(|_| ()),
                Data::String(s) => ws.write_string(r as u32, c as u16, s).map(|_| ()),
                _ => Ok(()),
            }
            .unwrap();
        }
    }
    wb.save(env.path("自评2.xlsx")).unwrap();
    let err = env.fails(&["score", "import", "自评2.xlsx", "--source", "self"]);
    assert!(err.contains(&format!("考核评分表!E{} (指标1)", at + 1)), "{err}");
    assert!(err.contains("value \"21\""), "{err}");
}

#[test]
fn sheets_are_chosen_by_name() {
    let env = assessed();
    env.ok(&["template", "joint", "--out", "联评.xlsx"]);
    let err = env.fails(&["score", "import", "联评.xlsx", "--source", "joint", "--sheet", "张三"]);
    assert!(
        err.contains("no sheet \"张三\"") && err.contains("its sheets: 王海, 李娜\n"),
        "{err}"
    );
    let err = env.fails(&["inspect", "import", "联评.xlsx"]);
    assert!(err.contains("other sheets: 李娜; choose one with --sheet"), "{err}");
    let out = env.run(&["score", "import", "联评.xlsx", "--source", "joint", "--sheet", "李娜"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stderr.contains("(sheet 李娜)") && out.stderr.contains("already present 3"),
        "{}",
        out.stderr
    );
    env.write("a.csv", "code\n");
    let err = env.fails(&["score", "import", "a.csv", "--sheet", "李娜"]);
    assert!(err.contains("--sheet is for workbooks"), "{err}");
}

#[test]
fn every_import_takes_back_the_workbook_the_tool_wrote() {
    let env = assessed();
    for (form, filled) in [
        ("units", false),
        ("nominations", true),
        ("self", false),
        ("findings", true),
        ("surveys", true),
    ] {
        let file = format!("{form}.xlsx");
        let mut args = vec!["template", form, "--out", &file];
        if filled {
            args.push("--filled");
        }
        env.ok(&args);
    }
    env.ok(&["template", "joint", "--out", "joint.xlsx"]);
    let summary = |args: &[&str]| {
        let r = env.run(args);
        assert_eq!(r.code, 0, "{args:?}: {}", r.stderr);
        r.stderr
    };
    assert!(summary(&["org", "import", "units.xlsx"]).contains("already present 6"));
    assert!(summary(&["nominate", "import", "nominations.xlsx"]).contains("already present 3"));
    assert!(summary(&["score", "import", "self.xlsx", "--source", "self"]).contains("already present 3"));
    for evaluator in ["王海", "李娜"] {
        let s = summary(&[
            "score",
            "import",
            "joint.xlsx",
            "--source",
            "joint",
            "--sheet",
            evaluator,
        ]);
        assert!(s.contains("already present"), "{s}");
    }
    assert!(summary(&["inspect", "import", "findings.xlsx"]).contains("already present 2"));
    assert!(summary(&["inspect", "import", "surveys.xlsx"]).contains("already present 2"));
    let n = env.query::<i64>(
        "SELECT (SELECT count(*) FROM sheet) + (SELECT count(*) FROM finding) + (SELECT count(*) FROM survey)",
    );
    assert_eq!(n, 8 + 2 + 2, "nothing was added twice");
}

#[test]
fn a_form_has_drop_down_lists_and_the_joint_form_a_sheet_per_evaluator() {
    let env = assessed();
    env.ok(&["template", "joint", "--out", "联评.xlsx"]);
    let book = open_workbook_auto(env.path("联评.xlsx")).unwrap();
    assert_eq!(book.sheet_names(), ["王海", "李娜", "选项"]);
    let rows = cells(&env.path("联评.xlsx"), Some("王海"));
    // 王海 scored the windows: both are listed with the marks given; no individual.
    assert_eq!(
        rows[1][..6],
        ["编号", "类别", "单位", "名称", "评分人", "指标1"].map(|s| Data::String(s.into()))
    );
    assert_eq!(rows.len(), 4, "{rows:?}");
    assert_eq!(rows[3][5], Data::Float(16.5));
    let rows = cells(&env.path("联评.xlsx"), Some("选项"));
    assert_eq!(rows[0][0], Data::String("窗口".into()));
    assert_eq!(rows[1][0], Data::String("个人".into()));
    assert_eq!(rows[0][1], Data::String("北仑海关".into()), "the units on record");

    env.ok(&["template", "nominations", "--out", "blank.csv"]);
    let bytes = std::fs::read(env.path("blank.csv")).unwrap();
    assert!(
        bytes.starts_with("\u{feff}类别,名称,单位,片组,".as_bytes()),
        "{bytes:?}"
    );
    let none = Env::new();
    none.ok(&["nominate", "template", "--out", "推荐表.xlsx"]);
    assert!(!none.db().exists(), "a form without a database creates none");
    let rows = cells(&none.path("推荐表.xlsx"), None);
    assert_eq!(rows[1][0], Data::String("类别".into()), "a form is in Chinese");
}

#[test]
fn a_listing_goes_to_a_file_in_the_form_its_ending_picks() {
    let env = assessed();
    env.ok(&["--lang", "zh", "rank", "--out", "排名.xlsx"]);
    let rows = cells(&env.path("排名.xlsx"), None);
    match &rows[0][0] {
        Data::String(t) => assert!(t.contains("2026") && t.contains("排名"), "{t}"),
        other => panic!("no title: {other:?}"),
    }
    assert_eq!(rows[1][0], Data::String("名次".into()));
    let total = rows[1].iter().position(|h| *h == Data::String("总分".into())).unwrap();
    assert!(
        matches!(rows[2][total], Data::Float(_)),
        "a number: {:?}",
        rows[2][total]
    );

    // People's words in a file for people; codes stay in --format csv and json.
    env.ok(&["--lang", "zh", "nominate", "list", "--out", "名单.xlsx"]);
    let rows = cells(&env.path("名单.xlsx"), None);
    assert_eq!(rows[1][..2], ["编号", "类别"].map(|s| Data::String(s.into())));
    assert_eq!(rows[2][1], Data::String("窗口".into()));
    assert!(env.ok(&["nominate", "list", "--format", "csv"]).contains(",window,"));
    env.ok(&["nominate", "list", "--out", "名单.csv"]);
    let csv = std::fs::read(env.path("名单.csv")).unwrap();
    assert!(csv.starts_with("\u{feff}code,category,name".as_bytes()));
    let json_out = env.ok(&["nominate", "list", "--format", "json"]);
    env.ok(&["nominate", "list", "--out", "名单.json"]);
    assert_eq!(std::fs::read_to_string(env.path("名单.json")).unwrap(), json_out);
    assert_eq!(json(&json_out).as_array().unwrap().len(), 3);
    let md = env.ok(&["score", "list", "--format", "md"]);
    assert_eq!(env.ok(&["score", "list", "--out", "s.md"]), "", "nothing on stdout");
    assert_eq!(std::fs::read_to_string(env.path("s.md")).unwrap(), md);
    env.ok(&["inspect", "list", "--out", "检查.html"]);
    let html = std::fs::read_to_string(env.path("检查.html")).unwrap();
    assert!(html.contains("<table>") && html.contains("林卫东"), "{html}");

    let err = env.fails(&["org", "add-group", "新片组", "--kind", "unit", "--out", "a.xlsx"]);
    assert!(err.contains("--out is for listings"), "{err}");
    assert_eq!(
        env.query::<i64>("SELECT count(*) FROM org_group WHERE name = '新片组'"),
        0
    );
    let err = env.fails(&["rank", "--out", "rank.txt"]);
    assert!(err.contains(".xlsx, .csv, .json, .md or .html"), "{err}");
}

/// LibreOffice opens every workbook the tool writes (and a CSV written for Excel), where it is
/// installed: each is converted to CSV and a value checked.
#[test]
fn libreoffice_opens_every_workbook_the_tool_writes() {
    let Ok(soffice) = which("soffice") else {
        eprintln!("SKIPPED libreoffice_opens_every_workbook_the_tool_writes: soffice (LibreOffice) is not installed");
        return;
    };
    let env = assessed();
    let written = [
        (vec!["rank", "--out", "rank.xlsx"], "W2026-001"),
        (vec!["nominate", "list", "--out", "list.xlsx"], "P2026-001"),
        (vec!["score", "list", "--out", "scores.xlsx"], "李娜"),
        (vec!["template", "units", "--out", "units.xlsx"], "梅山海关"),
        (vec!["template", "nominations", "--out", "nominations.xlsx"], "类别"),
        (vec!["template", "self", "--out", "self.xlsx"], "W2026-002"),
        (vec!["template", "joint", "--out", "joint.xlsx"], "王海"),
        (
            vec!["template", "findings", "--filled", "--out", "findings.xlsx"],
            "林卫东",
        ),
        (vec!["template", "surveys", "--out", "surveys.xlsx"], "满意人数"),
        (vec!["template", "panel", "--out", "panel.xlsx"], "职务"),
    ];
    for (args, _) in &written {
        env.ok(args);
    }
    let profile = format!("-env:UserInstallation=file://{}", env.path("lo-profile"));
    let mut cmd = std::process::Command::new(soffice);
    cmd.current_dir(env.dir.path()).args([
        profile.as_str(),
        "--headless",
        "--convert-to",
        "csv:Text - txt - csv (StarCalc):44,34,76",
        "--outdir",
        "lo",
    ]);
    for (args, _) in &written {
        cmd.arg(args.last().unwrap());
    }
    let out = cmd.output().expect("running soffice");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    for (args, expect) in &written {
        let name = args.last().unwrap().replace(".xlsx", ".csv");
        let text = std::fs::read_to_string(env.path(&format!("lo/{name}")))
            .unwrap_or_else(|e| panic!("LibreOffice did not convert {name}: {e}"));
        assert!(text.contains(expect), "{name}:\n{text}");
    }
}

fn which(program: &str) -> Result<std::path::PathBuf, ()> {
    std::env::var_os("PATH")
        .and_then(|paths| {
            std::env::split_paths(&paths)
                .map(|d| d.join(program))
                .find(|p| p.is_file())
        })
        .ok_or(())
}

#[test]
fn a_header_below_a_title_and_a_subtitle_is_found_and_cells_are_named_from_column_a() {
    let env = Env::with_term();
    env.ok(&["org", "import", &fixture("excel/units.xlsx")]);
    // The form starts at column B, under a title and a two-valued subtitle.
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet().set_name("北仑").unwrap();
    ws.write_string(0, 1, "2026年度推荐表").unwrap();
    ws.write_string(1, 1, "填报单位：北仑单位共建片组").unwrap();
    ws.write_string(1, 3, "填报日期：2026年10月14日").unwrap();
    for (c, h) in ["类别", "名称", "单位", "片组", "报送日期"].iter().enumerate() {
        ws.write_string(2, 1 + c as u16, *h).unwrap();
    }
    for (r, row) in [
        ["窗口", "报关业务受理窗口", "北仑海关", "北仑单位共建片组"],
        ["窗口", "船舶签证窗口", "北仑海事处", "北仑单位共建片组"],
    ]
    .iter()
    .enumerate()
    {
        for (c, v) in row.iter().enumerate() {
            ws.write_string(3 + r as u32, 1 + c as u16, *v).unwrap();
        }
    }
    let date = rust_xlsxwriter::ExcelDateTime::from_ymd(2026, 10, 14).unwrap();
    let date_format = rust_xlsxwriter::Format::new().set_num_format("yyyy/m/d");
    ws.write_datetime_with_format(3, 5, &date, &date_format).unwrap();
    ws.write_datetime_with_format(4, 5, &date, &date_format).unwrap();
    wb.save(env.path("北仑.xlsx")).unwrap();
    let err = env.fails(&["nominate", "import", "北仑.xlsx"]);
    assert!(err.contains("北仑!D5 (单位), value \"北仑海事处\""), "{err}");
    assert!(!err.contains("header"), "{err}");
    env.ok(&[
        "org",
        "add-unit",
        "北仑海事处",
        "--group",
        "北仑单位共建片组",
        "--has-window",
        "yes",
    ]);
    env.ok(&["nominate", "import", "北仑.xlsx"]);
    assert_eq!(
        env.query::<String>("SELECT group_concat(submitted_on) FROM nomination"),
        "2026-10-14,2026-10-14"
    );
}

#[test]
fn help_text_of_template() {
    let env = Env::new();
    let out = env
        .cmd()
        .env("COLUMNS", "100")
        .args(["template", "--help"])
        .output()
        .unwrap();
    assert!(out.status.success());
    insta::assert_snapshot!("help_template", String::from_utf8(out.stdout).unwrap());
}
