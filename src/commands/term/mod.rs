//! `term`: one term a year, with its scheme and quotas.

mod scheme;

use scheme::*;

use std::path::PathBuf;

use anyhow::{Context, Result, bail};
use chrono::NaiveDate;
use clap::{Args, Subcommand};
use rusqlite::params;
use serde_json::json;

use super::Ctx;
use crate::core::scheme::Scheme;
use crate::db::now;
use crate::i18n::tr;
use crate::messages::say;
use crate::output::{Cell, Listing, col, out, say};
use crate::store::{
    self, TermState, criterion_name, find_term, load_scheme, resolve_term, save_scheme, scoring_started,
};
use crate::values::{Category, fmt_points, parse_date};

/// Open, show and close the year's term (届) and its scheme
///
/// Example:
///   pingxuan term open 2026
///   pingxuan term scheme export --out scheme2026.toml
///   pingxuan term scheme import scheme2026.toml
#[derive(Args, Debug)]
#[command(verbatim_doc_comment)]
pub struct TermArgs {
    #[command(subcommand)]
    pub command: TermCommand,
}

#[derive(Subcommand, Debug)]
pub enum TermCommand {
    /// Open the term of a year, with the default scheme (or one from a file)
    ///
    /// Example:
    ///   pingxuan term open 2026 --deadline 2026-10-31
    #[command(verbatim_doc_comment)]
    Open {
        /// The year of the term, e.g. 2026
        year: i32,
        /// The term's title (default: 2026年度“文明和谐口岸示范窗口”“文明和谐口岸服务标兵”评选)
        #[arg(long)]
        title: Option<String>,
        /// Last day for the groups' nominations (default: 31 October of the year)
        #[arg(long, value_name = "DATE")]
        deadline: Option<String>,
        /// A scheme file (as `term scheme export` writes) instead of the defaults
        #[arg(long, value_name = "FILE")]
        scheme: Option<PathBuf>,
    },
    /// List every term
    ///
    /// Example:
    ///   pingxuan term list --format csv
    #[command(verbatim_doc_comment)]
    List,
    /// Show the term: state, deadline, and what has been recorded so far
    ///
    /// Example:
    ///   pingxuan --term 2026 term show
    #[command(verbatim_doc_comment)]
    Show,
    /// Show the term's scheme, or export it to a file and import it back
    ///
    /// Example:
    ///   pingxuan term scheme
    ///   pingxuan term scheme export --out scheme.toml
    #[command(verbatim_doc_comment)]
    Scheme {
        #[command(subcommand)]
        action: Option<SchemeAction>,
    },
    /// Close the term: from then on nothing of it changes
    ///
    /// Example:
    ///   pingxuan --term 2026 term close
    #[command(verbatim_doc_comment)]
    Close,
    /// Reopen an awarded or closed term, with the reason for the record
    ///
    /// Example:
    ///   pingxuan --term 2026 term reopen --reason "veto found after the award"
    #[command(verbatim_doc_comment)]
    Reopen {
        /// Why the term is reopened (kept on the audit record)
        #[arg(long)]
        reason: String,
    },
}

#[derive(Subcommand, Debug)]
pub enum SchemeAction {
    /// Print the scheme (the default)
    ///
    /// Example:
    ///   pingxuan --term 2026 term scheme show
    #[command(verbatim_doc_comment)]
    Show,
    /// Write the scheme as a TOML file to edit
    ///
    /// Example:
    ///   pingxuan term scheme export --out scheme.toml
    #[command(verbatim_doc_comment)]
    Export,
    /// Load an edited scheme file into the term (before scoring starts)
    ///
    /// Example:
    ///   pingxuan term scheme import scheme.toml
    #[command(verbatim_doc_comment)]
    Import {
        /// The scheme file
        file: PathBuf,
        /// Change the scheme although scores are already recorded (kept on the audit record)
        #[arg(long)]
        force: bool,
        /// Check the file and write nothing
        #[arg(long)]
        dry_run: bool,
    },
}

pub fn run(ctx: &Ctx, args: TermArgs) -> Result<()> {
    match args.command {
        TermCommand::Open {
            year,
            title,
            deadline,
            scheme,
        } => open(ctx, year, title, deadline, scheme),
        TermCommand::List => list(ctx),
        TermCommand::Show => show(ctx),
        TermCommand::Scheme { action } => match action.unwrap_or(SchemeAction::Show) {
            SchemeAction::Show => scheme_show(ctx),
            SchemeAction::Export => scheme_export(ctx, crate::export::take_out()),
            SchemeAction::Import { file, force, dry_run } => scheme_import(ctx, file, force, dry_run),
        },
        TermCommand::Close => close(ctx),
        TermCommand::Reopen { reason } => reopen(ctx, reason),
    }
}

fn read_scheme_file(file: &PathBuf) -> Result<Scheme> {
    let text = std::fs::read_to_string(file)
        .with_context(|| say!(en("cannot read {}", file.display()), zh("无法读取 {}", file.display())))?;
    Scheme::from_toml(&text).with_context(|| {
        say!(
            en("{}: not a valid scheme", file.display()),
            zh("{}：方案文件有误", file.display())
        )
    })
}

fn open(ctx: &Ctx, year: i32, title: Option<String>, deadline: Option<String>, scheme: Option<PathBuf>) -> Result<()> {
    if !(2000..=2999).contains(&year) {
        bail!(
            "{}",
            say!(
                en("year {year}: expected a year such as 2026"),
                zh("年份 {year}：应为如 2026 的年份")
            )
        );
    }
    let deadline = match deadline {
        Some(d) => parse_date(&d).with_context(|| format!("--deadline \"{d}\""))?,
        None => NaiveDate::from_ymd_opt(year, 10, 31).context(crate::i18n::tr("deadline", "截止日期"))?,
    };
    let title = title.unwrap_or_else(|| format!("{year}年度“文明和谐口岸示范窗口”“文明和谐口岸服务标兵”评选"));
    let scheme = match scheme {
        Some(f) => read_scheme_file(&f)?,
        None => Scheme::default(),
    };
    let tx = ctx.create()?;
    if let Some(t) = find_term(&tx, year)? {
        bail!(
            "{}",
            say!(
                en(
                    "the term {year} is already open ({}); see `pingxuan --term {year} term show`",
                    t.state.label()
                ),
                zh(
                    "届期 {year} 已经开启（{}）；请查看 `pingxuan --term {year} term show`",
                    t.state.label()
                )
            )
        );
    }
    tx.execute(
        "INSERT INTO term (year, title, deadline, state, opened_at, opened_by) VALUES (?1, ?2, ?3, 'open', ?4, ?5)",
        params![year, title, deadline.to_string(), now(), ctx.operator],
    )
    .context(crate::i18n::tr("opening the term", "开启届期"))?;
    save_scheme(&tx, year, &scheme)?;
    tx.record(
        Some(year),
        "term.open",
        &year.to_string(),
        json!({ "title": title, "deadline": deadline.to_string() }),
    )?;
    tx.finish(false)?;
    say(&match crate::i18n::lang() {
        crate::i18n::Lang::En => format!("opened the term {year}: {title} (deadline {deadline})"),
        crate::i18n::Lang::Zh => format!("已开启 {year} 届：{title}（报送截止 {deadline}）"),
    });
    Ok(())
}

fn list(ctx: &Ctx) -> Result<()> {
    let mut l = Listing::new(vec![
        col("year", tr("year", "年度")),
        col("title", tr("title", "名称")),
        col("deadline", tr("deadline", "报送截止")),
        col("state", tr("state", "状态")),
        col("nominations", tr("nominations", "推荐数")),
        col("awards", tr("awards", "授奖数")),
    ]);
    for t in store::all_terms(ctx.read()?)? {
        let (noms, awards): (i64, i64) = ctx.read()?.query_row(
            "SELECT (SELECT count(*) FROM nomination WHERE term = ?1),
                    (SELECT count(*) FROM award WHERE term = ?1 AND revoked_at IS NULL)",
            [t.year],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        l.push(vec![
            Cell::Int(t.year as i64),
            t.title.into(),
            t.deadline.to_string().into(),
            Cell::code(t.state.code(), t.state.label()),
            noms.into(),
            awards.into(),
        ]);
    }
    l.print(ctx.format)
}

fn show(ctx: &Ctx) -> Result<()> {
    let t = resolve_term(ctx.read()?, ctx)?;
    let count = |sql: &str| -> Result<i64> { Ok(ctx.read()?.query_row(sql, [t.year], |r| r.get(0))?) };
    let mut l = Listing::new(vec![col("item", tr("item", "项目")), col("value", tr("value", "内容"))]);
    let mut add = |k: &str, v: Cell| l.push(vec![k.into(), v]);
    add(tr("year", "年度"), Cell::Int(t.year as i64));
    add(tr("title", "名称"), t.title.clone().into());
    add(tr("state", "状态"), Cell::code(t.state.code(), t.state.label()));
    add(tr("deadline", "报送截止"), t.deadline.to_string().into());
    add(
        tr("opened", "开启"),
        format!("{} ({})", t.opened_at, t.opened_by).into(),
    );
    for (label, status) in [
        (tr("nominations pending", "待核对推荐"), "pending"),
        (tr("nominations verified", "已核对推荐"), "verified"),
        (tr("nominations rejected", "核对未通过"), "rejected"),
        (tr("nominations withdrawn", "已撤回推荐"), "withdrawn"),
    ] {
        let n: i64 = ctx.read()?.query_row(
            "SELECT count(*) FROM nomination WHERE term = ?1 AND status = ?2",
            params![t.year, status],
            |r| r.get(0),
        )?;
        add(label, n.into());
    }
    add(
        tr("scoring sheets", "评分表"),
        count("SELECT count(*) FROM sheet s JOIN nomination n ON n.id = s.nomination WHERE n.term = ?1 AND s.replaced_at IS NULL")?.into(),
    );
    add(
        tr("findings", "检查发现"),
        count("SELECT count(*) FROM finding f JOIN nomination n ON n.id = f.nomination WHERE n.term = ?1 AND f.withdrawn_at IS NULL")?.into(),
    );
    add(
        tr("surveys", "满意度调查"),
        count("SELECT count(*) FROM survey s JOIN nomination n ON n.id = s.nomination WHERE n.term = ?1 AND s.withdrawn_at IS NULL")?.into(),
    );
    add(
        tr("active vetoes", "有效否决"),
        count("SELECT count(*) FROM veto v JOIN nomination n ON n.id = v.nomination WHERE n.term = ?1 AND v.revoked_at IS NULL")?.into(),
    );
    add(
        tr("awards", "授奖"),
        count("SELECT count(*) FROM award WHERE term = ?1 AND revoked_at IS NULL")?.into(),
    );
    l.print(ctx.format)
}

fn close(ctx: &Ctx) -> Result<()> {
    let tx = ctx.change()?;
    let t = store::term_not_closed(&tx, ctx)?;
    // After a reopen the state is open although awards stand: the awards decide the note.
    let awarded: bool = tx.query_row(
        "SELECT EXISTS (SELECT 1 FROM award WHERE term = ?1 AND revoked_at IS NULL)",
        [t.year],
        |r| r.get(0),
    )?;
    if !awarded {
        say(tr(
            "note: the term is closed without awards granted",
            "提示：本届尚未授奖即结束",
        ));
    }
    tx.execute("UPDATE term SET state = 'closed' WHERE year = ?1", [t.year])?;
    tx.record(
        Some(t.year),
        "term.close",
        &t.year.to_string(),
        json!({ "from": t.state.code() }),
    )?;
    tx.finish(false)?;
    say(&say!(en("closed the term {}", t.year), zh("已结束届期 {}", t.year)));
    Ok(())
}

fn reopen(ctx: &Ctx, reason: String) -> Result<()> {
    if reason.trim().is_empty() {
        bail!(
            "{}",
            tr(
                "--reason must say why the term is reopened",
                "--reason 须说明重新开启的理由"
            )
        );
    }
    let tx = ctx.change()?;
    // A closed term is not the default; reopening one is named with --term or is the newest.
    let t = match ctx.term {
        Some(_) => resolve_term(&tx, ctx)?,
        None => store::all_terms(&tx)?
            .into_iter()
            .next()
            .ok_or_else(|| anyhow::anyhow!("{}", tr("there is no term", "没有届期")))?,
    };
    if t.state == TermState::Open {
        bail!(
            "{}",
            say!(en("the {} term is open already", t.year), zh("{} 届已在进行中", t.year))
        );
    }
    tx.execute("UPDATE term SET state = 'open' WHERE year = ?1", [t.year])?;
    tx.record(
        Some(t.year),
        "term.reopen",
        &t.year.to_string(),
        json!({ "from": t.state.code(), "reason": reason }),
    )?;
    tx.finish(false)?;
    say(&say!(
        en("reopened the term {} ({})", t.year, reason),
        zh("已重新开启届期 {}（{}）", t.year, reason)
    ));
    Ok(())
}
