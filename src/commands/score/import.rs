//! `score import`: a file of sheets, all or nothing; rows of withdrawn or rejected nominees
//! are set aside and named.

use super::*;

pub(super) fn import(ctx: &Ctx, input: &ImportFile, flag_source: Option<Source>, replace: bool) -> Result<()> {
    let dry_run = input.dry_run;
    let file = input.read(COLUMNS)?;
    check_nominee_columns(&file)?;
    let tx = ctx.change()?;
    let term = store::writable_term(&tx, ctx)?;
    let scheme = load_scheme(&tx, term.year)?;
    let mut problems = file.problems();
    // The sheets of the file so far, by nominee, source and evaluator (by number: a panel
    // has few members, and a file of 600,000 sheets names each of them many times).
    let mut seen: HashMap<(i64, Source, u32), u64> = HashMap::new();
    let mut evaluators: HashMap<String, u32> = HashMap::new();
    let mut counts = Counts::default();
    let mut set_aside = Vec::new();
    let panel = PanelCheck::load(&tx, term.year)?;
    let mut nominees = RowNominees::default();
    let mut progress = crate::progress::Progress::new(file.row_count());
    for owned in file.rows() {
        progress.tick();
        let row = &owned;
        let nominee = nominees.find(&tx, term.year, &file, row, &mut problems, &mut set_aside);
        let source = row_source(&file, row, flag_source, &mut problems);
        let evaluator = file.get(row, "evaluator").to_string();
        let evaluator_problem = match source {
            Some(Source::Joint) if evaluator.is_empty() => Some(cell_problem(
                &file,
                row,
                "evaluator",
                tr(
                    "a joint sheet needs the evaluator's name (评分人)",
                    "联评表须填写评分人",
                ),
            )),
            Some(Source::SelfEval) if !evaluator.is_empty() => Some(file.problem(
                row,
                "evaluator",
                tr(
                    "a self-evaluation sheet has no evaluator; leave 评分人 empty",
                    "自评表不填评分人，请留空",
                ),
            )),
            _ => None,
        };
        let evaluator_ok = evaluator_problem.is_none();
        if let Some(p) = evaluator_problem {
            problems.push(p);
        }
        let mut marks = [0; 5];
        let mut marks_ok = true;
        for (i, key) in MARK_KEYS.iter().enumerate() {
            let max = match &nominee {
                Some(n) => scheme.rule(n.category).criteria[i].max,
                None => widest_max(&scheme, i),
            };
            match check_mark(file.get(row, key), max, scheme.step) {
                Ok(v) => marks[i] = v,
                Err(m) => {
                    marks_ok = false;
                    problems.push(file.problem(row, key, m.to_string()));
                }
            }
        }
        let (Some(nominee), Some(source), true) = (nominee, source, marks_ok && evaluator_ok) else {
            continue;
        };
        if source == Source::Joint
            && let Some(m) = panel.refusal(&evaluator, &nominee)
        {
            problems.push(cell_problem(&file, row, "evaluator", &m));
            continue;
        }
        let next = evaluators.len() as u32;
        let who = match evaluators.get(&evaluator) {
            Some(&n) => n,
            None => *evaluators.entry(evaluator.clone()).or_insert(next),
        };
        let key = (nominee.id, source, who);
        if let Some(first) = seen.get(&key) {
            problems.push(file.row_problem(
                row,
                match lang() {
                    Lang::En => format!(
                        "the same sheet ({}) as line {first}; a file gives each sheet once",
                        describe_sheet(&nominee, source, &evaluator)
                    ),
                    Lang::Zh => format!(
                        "与第 {first} 行是同一张评分表（{}）；每张表在文件中只能出现一次",
                        describe_sheet(&nominee, source, &evaluator)
                    ),
                },
            ));
            continue;
        }
        seen.insert(key, row.line);
        // Recorded as it is read: the rows of a large file are never all held. Every row is
        // still checked against the record, so that one run reports every problem; the
        // transaction is dropped if there is any.
        let s = NewSheet {
            nominee: &nominee,
            source,
            evaluator,
            marks,
            note: file.get(row, "note").to_string(),
            origin: json!({ "file": file.name, "line": row.line }),
        };
        match record(&tx, ctx, term.year, &s, replace)? {
            Ok(o) => counts.bump(o),
            Err(m) => problems.push(file.row_problem(row, m)),
        }
    }
    drop(progress);
    problems.into_result()?;
    tx.finish(dry_run)?;
    say(&format!(
        "{}{}{}{}",
        summary_prefix(dry_run),
        file.describe(),
        tr(": ", "："),
        counts.text("", "")
    ));
    if let Some(t) = set_aside_text(&set_aside) {
        say(&t);
    }
    Ok(())
}

pub(super) fn row_source(file: &CsvFile, row: &Row, flag: Option<Source>, problems: &mut Problems) -> Option<Source> {
    let raw = file.get(row, "source");
    if raw.is_empty() {
        if flag.is_none() {
            problems.push(cell_problem(
                file,
                row,
                "source",
                tr(
                    "no source: give a source/来源 column (self/自评 or joint/联评) or --source self|joint",
                    "未指明来源：请提供 来源/source 列（自评/self 或 联评/joint），或使用 --source self|joint",
                ),
            ));
        }
        return flag;
    }
    let Some(s) = Source::parse(raw) else {
        problems.push(file.problem(
            row,
            "source",
            tr("expected self/自评 or joint/联评", "应为 自评/self 或 联评/joint"),
        ));
        return None;
    };
    match flag {
        Some(f) if f != s => {
            problems.push(file.problem(
                row,
                "source",
                match lang() {
                    Lang::En => format!("the row says {} but --source {} was given", s.code(), f.code()),
                    Lang::Zh => format!("该行为{}，但命令指定了 --source {}", s.label(), f.code()),
                },
            ));
            None
        }
        _ => Some(s),
    }
}
