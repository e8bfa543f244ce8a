//! `inspect import`: a file of findings or of surveys, told apart by its headers; rows of
//! withdrawn or rejected nominees are set aside and named.

use super::*;
use crate::messages::say;

/// A second row of a file for the same record.
pub(super) fn same_as_line(rec: &Record, first: u64) -> String {
    match rec {
        Record::Finding(_) => say!(
            en(
                "the same finding as line {first} (nominee, kind, date, inspector and finding); if there were really two, tell them apart (inspector, finding or date)"
            ),
            zh(
                "与第 {first} 行是同一条检查发现（被推荐对象、方式、日期、检查人、发现问题均相同）；如确有两条，请在检查人、发现问题或日期上加以区分"
            )
        ),
        Record::Survey(_) => say!(
            en(
                "the same survey as line {first} (nominee and date); a file gives each survey once, and two surveys of one nominee need their dates"
            ),
            zh("与第 {first} 行是同一次满意度调查（被推荐对象、日期相同）；同一被推荐对象的两次调查须注明各自日期")
        ),
    }
}

pub(super) fn import(ctx: &Ctx, input: &ImportFile, replace: bool) -> Result<()> {
    let dry_run = input.dry_run;
    let decoded = input.decode()?;
    let findings = decoded.fits(FINDING_COLUMNS);
    let surveys = decoded.fits(SURVEY_COLUMNS);
    let needs = |cols: &[Column]| {
        cols.iter()
            .filter(|c| c.required)
            .map(|c| c.names.join("/"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let explain = || {
        format!(
            "\n  {}: {}\n  {}: {}\n  {}: {}\n  {}: {}",
            tr("a findings file needs", "检查发现文件须有"),
            needs(FINDING_COLUMNS),
            tr("a surveys file needs", "满意度调查文件须有"),
            needs(SURVEY_COLUMNS),
            tr("both name the nominee by", "两者均须指明被推荐对象"),
            tr(
                "code/编号, or category/类别 + unit/单位 + name/名称",
                "编号/code，或 类别/category + 单位/unit + 名称/name"
            ),
            tr("the file has", "文件的列"),
            decoded.headers.join(", ")
        ) + &decoded.other_sheets()
    };
    let file = match (findings, surveys) {
        (true, false) => decoded.parse(FINDING_COLUMNS)?,
        (false, true) => decoded.parse(SURVEY_COLUMNS)?,
        (true, true) => bail!(
            "{}: {}{}",
            decoded.name,
            tr(
                "has the columns of both findings and surveys; give them in two files",
                "同时含有检查发现和满意度调查的列，请分成两个文件"
            ),
            explain()
        ),
        (false, false) => bail!(
            "{}: {}{}",
            decoded.name,
            tr(
                "is neither a findings file nor a surveys file",
                "既不是检查发现文件，也不是满意度调查文件"
            ),
            explain()
        ),
    };
    check_nominee_columns(&file)?;
    let tx = ctx.change()?;
    let term = store::writable_term(&tx, ctx)?;
    let mut problems = file.problems();
    let mut set_aside = Vec::new();
    let mut seen: HashMap<(i64, Identity), u64> = HashMap::new();
    let mut nominees = RowNominees::default();
    let mut counts = Counts::default();
    let mut progress = crate::progress::Progress::new(file.row_count());
    for owned in file.rows() {
        progress.tick();
        let row = &owned;
        let nominee = nominees.find(&tx, term.year, &file, row, &mut problems, &mut set_aside);
        let rec = if findings {
            read_finding(&file, row, term.year, &mut problems).map(Record::Finding)
        } else {
            read_survey(&file, row, term.year, &mut problems).map(Record::Survey)
        };
        let (Some(n), Some(rec)) = (nominee, rec) else {
            continue;
        };
        let first = *seen.entry((n.id, rec.identity())).or_insert(row.line);
        if first != row.line {
            problems.push(file.row_problem(row, same_as_line(&rec, first)));
            continue;
        }
        // Recorded as it is read: the rows of a large file are never all held. Every row is
        // still checked against the record, so that one run reports every problem; the
        // transaction is dropped if there is any.
        let origin = Origin::Line(&file.name, row.line);
        match record::record(&tx, ctx, term.year, &n, &rec, &origin, replace)? {
            Ok(o) => counts.bump(o),
            Err(refusal) => problems.push(match refusal.key {
                Some(key) => file.problem(row, key, refusal.message),
                None => file.row_problem(row, refusal.message),
            }),
        }
    }
    drop(progress);
    problems.into_result()?;
    tx.finish(dry_run)?;
    let text = if findings {
        counts.text("findings", "检查发现")
    } else {
        counts.text("surveys", "满意度调查")
    };
    say(&format!(
        "{}{}{}{text}",
        summary_prefix(dry_run),
        file.describe(),
        tr(": ", "：")
    ));
    if let Some(t) = set_aside_text(&set_aside) {
        say(&t);
    }
    Ok(())
}

pub(super) fn read_date(
    file: &CsvFile,
    row: &Row,
    year: i32,
    problems: &mut csvin::Problems,
) -> Option<Option<NaiveDate>> {
    let raw = file.get(row, "date");
    if raw.is_empty() {
        return Some(None);
    }
    match parse_date(raw)
        .map_err(|e| e.to_string())
        .and_then(|d| inspection::in_year(d, year).map(|()| d).map_err(|f| f.to_string()))
    {
        Ok(d) => Some(Some(d)),
        Err(m) => {
            problems.push(file.problem(row, "date", m));
            None
        }
    }
}

pub(super) fn read_finding(file: &CsvFile, row: &Row, year: i32, problems: &mut csvin::Problems) -> Option<Finding> {
    let kind = FindingKind::parse(file.get(row, "kind"));
    if kind.is_none() {
        problems.push(file.problem(
            row,
            "kind",
            tr("expected open/明查 or covert/暗访", "应为 明查/open 或 暗访/covert"),
        ));
    }
    let date = match read_date(file, row, year, problems) {
        Some(None) => {
            problems.push(file.problem(row, "date", tr("no date given", "未填写日期")));
            None
        }
        d => d.flatten(),
    };
    let deduction = inspection::deduction(file.get(row, "deduction"))
        .map_err(|m| problems.push(file.problem(row, "deduction", m.to_string())))
        .ok();
    Some(Finding {
        kind: kind?,
        date: date?,
        inspector: file.get(row, "inspector").to_string(),
        finding: file.get(row, "finding").to_string(),
        deduction: deduction?,
    })
}

pub(super) fn read_survey(file: &CsvFile, row: &Row, year: i32, problems: &mut csvin::Problems) -> Option<Survey> {
    let date = read_date(file, row, year, problems);
    let satisfied = inspection::count(file.get(row, "satisfied"))
        .map_err(|m| problems.push(file.problem(row, "satisfied", m.to_string())))
        .ok();
    let total = inspection::count(file.get(row, "total"))
        .map_err(|m| problems.push(file.problem(row, "total", m.to_string())))
        .ok();
    let s = Survey {
        date: date?,
        satisfied: satisfied?,
        total: total?,
    };
    if let Err(m) = s.check() {
        let key = if s.total == 0 { "total" } else { "satisfied" };
        problems.push(file.problem(row, key, m.to_string()));
        return None;
    }
    Some(s)
}
