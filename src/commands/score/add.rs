//! `score add`: one sheet typed at the terminal.

use super::*;
use crate::messages::say;

#[allow(clippy::too_many_arguments)]
pub(super) fn add(
    ctx: &Ctx,
    code: &str,
    source: Source,
    evaluator: Option<String>,
    points: &str,
    note: Option<String>,
    replace: bool,
    dry_run: bool,
) -> Result<()> {
    let evaluator = evaluator.unwrap_or_default().trim().to_string();
    match source {
        Source::Joint if evaluator.is_empty() => bail!(
            "{}",
            tr(
                "a joint sheet needs --evaluator NAME",
                "联评表须用 --evaluator 指明评分人"
            )
        ),
        Source::SelfEval if !evaluator.is_empty() => bail!(
            "{}",
            tr(
                "a self-evaluation sheet has no evaluator; leave out --evaluator",
                "自评表没有评分人，请去掉 --evaluator"
            )
        ),
        _ => {}
    }
    let raw: Vec<&str> = points.split([',', '，']).map(str::trim).collect();
    if raw.len() != 5 {
        bail!(
            "--points \"{points}\": {}",
            match lang() {
                Lang::En => format!(
                    "five marks are needed, one per criterion, e.g. 18,17.5,19,18,17 (got {})",
                    raw.len()
                ),
                Lang::Zh => format!(
                    "须有五个分数，每项指标一个，如 18,17.5,19,18,17（现有 {} 个）",
                    raw.len()
                ),
            }
        );
    }
    let tx = ctx.change()?;
    let term = store::writable_term(&tx, ctx)?;
    let scheme = load_scheme(&tx, term.year)?;
    let nominee = nominee_by_code(&tx, term.year, code)?;
    check_assessable(&nominee).map_err(anyhow::Error::msg)?;
    if source == Source::Joint
        && let Some(m) = PanelCheck::load(&tx, term.year)?.refusal(&evaluator, &nominee)
    {
        bail!("--evaluator {evaluator}: {m}");
    }
    let rule = scheme.rule(nominee.category);
    let mut marks = [0; 5];
    let mut bad = Vec::new();
    for (i, r) in raw.iter().enumerate() {
        match check_mark(r, rule.criteria[i].max, scheme.step) {
            Ok(v) => marks[i] = v,
            Err(m) => bad.push(say!(
                en(
                    "\n  criterion {} ({}), value \"{r}\": {m}",
                    i + 1,
                    criterion_name(&rule.criteria[i])
                ),
                zh(
                    "\n  指标 {}（{}），值 \"{r}\"：{m}",
                    i + 1,
                    criterion_name(&rule.criteria[i])
                )
            )),
        }
    }
    if !bad.is_empty() {
        bail!(
            "{}",
            say!(
                en("--points \"{points}\": marks outside the term's scheme{}", bad.concat()),
                zh("--points \"{points}\": 分数不符合本届评选方案{}", bad.concat())
            )
        );
    }
    let s = NewSheet {
        nominee: &nominee,
        source,
        evaluator,
        marks,
        note: note.unwrap_or_default().trim().to_string(),
        origin: json!({ "via": "score add" }),
    };
    let outcome = record(&tx, ctx, term.year, &s, replace)?.map_err(anyhow::Error::msg)?;
    tx.finish(dry_run)?;
    let what = describe_sheet(&nominee, source, &s.evaluator);
    let total = fmt_points(marks.iter().sum());
    say(&format!(
        "{}{what}: {}",
        summary_prefix(dry_run),
        match (outcome, lang()) {
            (Outcome::Added, Lang::En) => format!("added, total {total}"),
            (Outcome::Added, Lang::Zh) => format!("已录入，合计 {total}"),
            (Outcome::Replaced, Lang::En) => format!("replaced, total now {total}"),
            (Outcome::Replaced, Lang::Zh) => format!("已替换，现合计 {total}"),
            (Outcome::Present, Lang::En) => "already present with these marks; nothing added".to_string(),
            (Outcome::Present, Lang::Zh) => "已有相同记录，未重复录入".to_string(),
            // Sheets are replaced, never withdrawn: this does not arise for them.
            (Outcome::LeftWithdrawn, Lang::En) => "left as replaced; nothing added".to_string(),
            (Outcome::LeftWithdrawn, Lang::Zh) => "保持已替换，未录入".to_string(),
        }
    ));
    Ok(())
}
