//! `term scheme`: show, export and import the term's scheme.

use super::*;
use crate::messages::say;

pub(super) fn scheme_show(ctx: &Ctx) -> Result<()> {
    let t = resolve_term(ctx.read()?, ctx)?;
    let s = load_scheme(ctx.read()?, t.year)?;
    let mut l = Listing::new(vec![
        col("setting", tr("setting", "项目")),
        col("window", Category::Window.title()),
        col("individual", Category::Individual.title()),
    ]);
    let both = |v: String| vec![Cell::Text(v.clone()), Cell::Text(v)];
    let mut row = |k: &str, cells: Vec<Cell>| {
        let mut r = vec![Cell::Text(k.to_string())];
        r.extend(cells);
        l.push(r);
    };
    row(
        tr("weights (self / joint / inspection)", "权重（自评/联评/检查）"),
        both(format!(
            "{}% / {}% / {}%",
            s.weight_self, s.weight_joint, s.weight_inspection
        )),
    );
    row(tr("mark step", "评分步长"), both(fmt_points(s.step)));
    row(
        tr("joint evaluators at least", "联评至少人数"),
        both(s.min_joint.to_string()),
    );
    row(
        tr("drop highest and lowest from", "去掉最高最低分的人数下限"),
        both(if s.trim_from == 0 {
            tr("never", "不去掉").to_string()
        } else {
            s.trim_from.to_string()
        }),
    );
    row(tr("inspection base", "检查基础分"), both(fmt_points(s.inspection_base)));
    row(
        tr("order", "排序依据"),
        // The keys as the scheme file writes them in English; in words in Chinese.
        both(match crate::i18n::lang() {
            crate::i18n::Lang::En => s.order.iter().map(|k| k.code()).collect::<Vec<_>>().join(", "),
            crate::i18n::Lang::Zh => s.order.iter().map(|k| k.label()).collect::<Vec<_>>().join("、"),
        }),
    );
    let per = |f: &dyn Fn(&crate::core::scheme::CategoryRule) -> String| {
        Category::ALL
            .iter()
            .map(|c| Cell::Text(f(s.rule(*c))))
            .collect::<Vec<_>>()
    };
    row(tr("quota", "名额"), per(&|r| r.quota.to_string()));
    row(
        tr("satisfaction at least", "满意度下限"),
        per(&|r| {
            r.threshold
                .map(|t| format!("{}%", fmt_points(t)))
                .unwrap_or_else(|| tr("none", "无").to_string())
        }),
    );
    row(
        tr("survey required", "须有满意度调查"),
        per(&|r| {
            if r.survey_required {
                tr("yes", "是")
            } else {
                tr("no", "否")
            }
            .to_string()
        }),
    );
    row(
        tr("max_per_group (nominations a group may send)", "每片组推荐上限"),
        per(&|r| {
            if r.max_per_group == 0 {
                tr("no cap", "不限").to_string()
            } else {
                r.max_per_group.to_string()
            }
        }),
    );
    row(
        tr("places per group", "各片组名额"),
        per(&|r| {
            if r.places.is_empty() {
                tr("within the quota", "按类别名额").to_string()
            } else {
                r.places
                    .iter()
                    .map(|(g, n)| format!("{g} {n}"))
                    .collect::<Vec<_>>()
                    .join("; ")
            }
        }),
    );
    row(
        tr("unit_rank_top_percent", "本单位测评排名须在前"),
        per(&|r| {
            r.unit_rank_top_percent
                .map_or_else(|| "-".to_string(), |p| format!("{p}%"))
        }),
    );
    row(
        tr("intake opens", "报送起始日"),
        both(
            s.intake_opens_on
                .map_or_else(|| tr("1 October", "10月1日").to_string(), |d| d.to_string()),
        ),
    );
    for i in 0..5 {
        row(
            &say!(en("criterion {}", i + 1), zh("指标 {}", i + 1)),
            per(&|r| {
                say!(
                    en(
                        "{} (max {})",
                        criterion_name(&r.criteria[i]),
                        fmt_points(r.criteria[i].max)
                    ),
                    zh(
                        "{}（满分 {}）",
                        criterion_name(&r.criteria[i]),
                        fmt_points(r.criteria[i].max)
                    )
                )
            }),
        );
    }
    l.print(ctx.format)
}

pub(super) fn scheme_export(ctx: &Ctx, file: Option<PathBuf>) -> Result<()> {
    let t = resolve_term(ctx.read()?, ctx)?;
    let text = load_scheme(ctx.read()?, t.year)?.to_toml(t.year)?;
    match file {
        Some(f) => {
            crate::output::write_file(&f, text.as_bytes())?;
            say(&match crate::i18n::lang() {
                crate::i18n::Lang::En => format!("wrote the scheme of {} to {}", t.year, f.display()),
                crate::i18n::Lang::Zh => format!("已将 {} 届方案导出到 {}", t.year, f.display()),
            });
            Ok(())
        }
        None => out(&text),
    }
}

pub(super) fn scheme_import(ctx: &Ctx, file: PathBuf, force: bool, dry_run: bool) -> Result<()> {
    let new = read_scheme_file(&file)?;
    let tx = ctx.change()?;
    let t = store::writable_term(&tx, ctx)?;
    let old = load_scheme(&tx, t.year)?;
    let started = scoring_started(&tx, t.year)?;
    if started && !force {
        bail!(
            "{}",
            say!(
                en(
                    "scores of the {} term are already recorded; changing its scheme now needs --force (kept on the audit record)",
                    t.year
                ),
                zh(" {} 届已有评分记录，此时修改方案须加 --force（将记入审计记录）", t.year)
            )
        );
    }
    if old == new {
        say(tr("the scheme is unchanged", "方案没有变化"));
        return Ok(());
    }
    save_scheme(&tx, t.year, &new)?;
    tx.record(
        Some(t.year),
        if started { "term.scheme.force" } else { "term.scheme" },
        &file.display().to_string(),
        json!({ "changes": old.changes(&new), "before": old.to_toml(t.year)?, "after": new.to_toml(t.year)? }),
    )?;
    let changes = old.changes(&new).join("\n  ");
    if dry_run {
        say(&say!(
            en("dry run: the scheme is valid and would change; nothing was written\n  {changes}"),
            zh("试运行：方案有效，将作如下修改；未写入\n  {changes}")
        ));
        return Ok(());
    }
    tx.finish(false)?;
    say(&say!(
        en("loaded the scheme into the term {}:\n  {changes}", t.year),
        zh("已载入方案，届期 {}：\n  {changes}", t.year)
    ));
    Ok(())
}
