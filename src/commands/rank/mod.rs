//! `rank`: the ranked list of each category, with every candidate's parts, status and the
//! shortlist mark; `--explain CODE` shows every step for one candidate.

mod explain;
mod listing;
mod view;

use listing::print;
use view::View;

use anyhow::{Result, bail};
use clap::Args;

use super::Ctx;
use crate::load::{self, Board, Detail};
use crate::messages::say;
use crate::store::{load_scheme, resolve_term};
use crate::values::Category;

/// Show the ranked list of candidates, with each one's breakdown, status and the shortlist
///
/// Each category is ranked on its own by the term's scheme (by default: total, then joint
/// evaluation, inspection and satisfaction, all descending). Totals are exact: candidates whose
/// totals are mathematically equal share a rank. ★ marks the shortlist (within the category's
/// quota); "tie at cutoff ⚖" marks equals that straddle the quota, for the committee to decide.
/// Candidates who are not eligible follow, with every reason.
///
/// Example:
///   pingxuan rank
///   pingxuan rank --category window --format csv > windows.csv
///   pingxuan rank --group 北仑单位共建片组
///   pingxuan rank --shortlist
///   pingxuan rank --explain W2026-007
#[derive(Args, Debug)]
#[command(verbatim_doc_comment)]
pub struct RankArgs {
    /// Only this category (window/窗口 or individual/个人); default both, window first
    #[arg(long, value_parser = parse_category, value_name = "CATEGORY")]
    pub category: Option<Category>,
    /// Only the candidates of this group, ranked within the group; ★ and ⚖ stay those of
    /// the category-wide ranking, since the quota is the category's
    #[arg(long, value_name = "GROUP", conflicts_with = "explain")]
    pub group: Option<String>,
    /// Show every step of one candidate's score, status and place
    #[arg(long, value_name = "CODE", conflicts_with = "category")]
    pub explain: Option<String>,
    /// Only the shortlist: the candidates within the quota, and any tie at the cutoff
    #[arg(long, conflicts_with = "explain")]
    pub shortlist: bool,
    /// Beside the official rank, advice only: the order of the eligible by the mean of their
    /// joint sheets' per-evaluator z-scores (each evaluator's totals standardised against
    /// their own). It never changes a status, the shortlist or an award.
    #[arg(long, conflicts_with = "explain")]
    pub normalized: bool,
}

/// Per code: the advisory place and mean z-score among the eligible of its category.
type Normalized = std::collections::HashMap<String, (usize, f64)>;

fn normalized(conn: &rusqlite::Connection, year: i32, boards: &[Board]) -> Result<Normalized> {
    let z = crate::core::panel::normalized(&super::score::evaluators::joint_totals(conn, year)?);
    let mut out = Normalized::new();
    for b in boards {
        let scores: Vec<(String, f64)> = b
            .rows
            .iter()
            .filter(|r| r.rank.is_some())
            .filter_map(|r| {
                z.get(&r.entry.candidate.code)
                    .map(|v| (r.entry.candidate.code.clone(), *v))
            })
            .collect();
        for (code, place) in crate::core::panel::order(&scores) {
            let v = scores.iter().find(|s| s.0 == code).map_or(0.0, |s| s.1);
            out.insert(code, (place, (v * 1000.0).round() / 1000.0));
        }
    }
    Ok(out)
}

fn parse_category(s: &str) -> std::result::Result<Category, String> {
    Category::parse(s).map_err(|e| e.to_string())
}

pub fn run(ctx: &Ctx, args: RankArgs) -> Result<()> {
    let term = resolve_term(ctx.read()?, ctx)?;
    let scheme = load_scheme(ctx.read()?, term.year)?;
    // A listing needs the scores only; --explain shows every record behind them.
    let detail = if args.explain.is_some() {
        Detail::Full
    } else {
        Detail::Scores
    };
    let boards = load::boards(ctx.read()?, term.year, &scheme, detail)?;
    if let Some(code) = args.explain {
        // The explanation works each value out: its tables show them exact.
        crate::output::keep_numbers_exact();
        return explain::run(ctx, ctx.read()?, term.year, &scheme, &boards, &code);
    }
    let boards: Vec<Board> = boards
        .into_iter()
        .filter(|b| args.category.is_none_or(|c| c == b.category))
        .collect();
    let mut views: Vec<View> = match &args.group {
        None => boards.iter().map(View::whole).collect(),
        Some(g) => {
            let known = group_names(ctx.read()?)?;
            if !known.iter().any(|k| k == g.trim()) {
                bail!(
                    "{}",
                    say!(
                        en(
                            "there is no group \"{g}\"; the groups are: {}",
                            if known.is_empty() {
                                "-".to_string()
                            } else {
                                known.join(", ")
                            }
                        ),
                        zh(
                            "没有片组 \"{g}\"；现有片组：{}",
                            if known.is_empty() {
                                "-".to_string()
                            } else {
                                known.join(", ")
                            }
                        )
                    )
                );
            }
            boards.iter().map(|b| View::group(b, g.trim(), &scheme)).collect()
        }
    };
    for v in &mut views {
        v.shortlist_only = args.shortlist;
    }
    let norm = if args.normalized {
        Some(normalized(ctx.read()?, term.year, &boards)?)
    } else {
        None
    };
    let past = crate::history::past_awards(ctx.read()?, term.year)?;
    let head = crate::chain::head(ctx.read()?)?;
    print(ctx.format, term.year, &views, norm.as_ref(), &past, head)
}

fn group_names(conn: &rusqlite::Connection) -> Result<Vec<String>> {
    let mut st = conn.prepare_cached("SELECT name FROM org_group ORDER BY id")?;
    let names = st
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<Vec<String>>>()?;
    Ok(names)
}
