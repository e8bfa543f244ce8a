//! `rank`: the ranked list of each category, with every candidate's parts, status and the
//! shortlist mark; `--explain CODE` shows every step for one candidate.

mod explain;

use std::collections::HashMap;

use anyhow::{Result, bail};
use clap::Args;

use super::Ctx;
use super::common::{exact_cell, fraction, points_cell, satisfaction_cell};
use crate::i18n::{Lang, lang, tr};
use crate::load::{self, Board, Detail, Ranked};
use crate::messages::say;
use crate::output::{Cell, Format, Listing, col, out, print_rows};
use crate::store::{load_scheme, resolve_term};
use crate::values::{Category, code_order};

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
                            "没有片组 \"{g}\"; 现有片组: {}",
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

/// One category as shown: the rows in order, each with the rank shown and the category-wide
/// rank, shortlist and tie marks.
struct View<'a> {
    board: &'a Board,
    group: Option<String>,
    rows: Vec<(Option<usize>, &'a Ranked)>,
    /// Show only the shortlist and any tie at the cutoff (the heading still counts everyone).
    shortlist_only: bool,
}

impl<'a> View<'a> {
    fn whole(board: &'a Board) -> View<'a> {
        View {
            board,
            group: None,
            rows: board.rows.iter().map(|r| (r.rank, r)).collect(),
            shortlist_only: false,
        }
    }

    /// The group's candidates ranked among themselves; the marks stay the category's.
    fn group(board: &'a Board, group: &str, scheme: &crate::core::scheme::Scheme) -> View<'a> {
        let members: Vec<&Ranked> = board.rows.iter().filter(|r| r.entry.candidate.group == group).collect();
        let mut by_code: Vec<&Ranked> = members.clone();
        by_code.sort_by(|a, b| code_order(&a.entry.candidate.code).cmp(&code_order(&b.entry.candidate.code)));
        // The candidates as assessed already: the sheets may not have been kept.
        let sub = load::rank_rows(by_code.iter().map(|r| (*r).clone()).collect(), board.category, scheme);
        let by_id: HashMap<i64, &Ranked> = members.iter().map(|r| (r.entry.id, *r)).collect();
        let rows = sub
            .rows
            .iter()
            .filter_map(|s| by_id.get(&s.entry.id).map(|r| (s.rank, *r)))
            .collect();
        View {
            board,
            group: Some(group.to_string()),
            rows,
            shortlist_only: false,
        }
    }

    /// What stands in place of the table when no row is shown.
    fn empty_text(&self) -> &'static str {
        if self.shortlist_only && !self.rows.is_empty() {
            tr("(no one shortlisted)\n", "（无人入围）\n")
        } else {
            tr("(no nominations)\n", "（无推荐）\n")
        }
    }

    /// The rows to show.
    fn shown(&self) -> impl Iterator<Item = &(Option<usize>, &'a Ranked)> {
        self.rows
            .iter()
            .filter(|(_, r)| !self.shortlist_only || r.shortlisted || r.tie_at_cutoff)
    }

    fn heading(&self, year: i32) -> String {
        let b = self.board;
        let total = self.rows.len();
        let eligible = self.rows.iter().filter(|r| r.0.is_some()).count();
        let mut s = match lang() {
            Lang::En => format!(
                "{}, {year} term — quota {}; {eligible} eligible of {total}; {} shortlisted ★",
                b.category.title(),
                b.quota,
                self.rows.iter().filter(|r| r.1.shortlisted).count()
            ),
            Lang::Zh => format!(
                "{year} 届{} — 名额 {}；符合条件 {eligible} 个（共 {total} 个）；入围 {} 个 ★",
                b.category.title(),
                b.quota,
                self.rows.iter().filter(|r| r.1.shortlisted).count()
            ),
        };
        if let Some(g) = &self.group {
            s += &say!(
                en(
                    "\n{g}: ranked within the group; ★ and ⚖ are those of the category-wide ranking (the quota is the category's)"
                ),
                zh("\n{g}：片组内排名；★ 与 ⚖ 依全类别排名（名额按类别计）")
            );
        }
        for (cut, tie) in b.ties() {
            let Some(first) = tie.first() else { continue };
            let codes = tie
                .iter()
                .map(|r| r.entry.candidate.code.as_str())
                .collect::<Vec<_>>()
                .join(", ");
            let left = cut.left;
            let rank = first.rank.unwrap_or(0);
            let places = cut.places;
            s += &match &cut.group {
                None => say!(
                    en(
                        "\ntie at cutoff ⚖: {codes} share rank {rank} with {left} place(s) left; the committee decides (award grant --include CODE)"
                    ),
                    zh(
                        "\n名额线并列 ⚖：{codes} 并列第 {rank} 名，尚余名额 {left} 个，由评委会决定（award grant --include 编号）"
                    )
                ),
                Some(g) => say!(
                    en(
                        "\ntie at cutoff ⚖: {codes} share rank {rank} with {left} of {g}'s {places} place(s) left; the committee decides (award grant --include CODE)"
                    ),
                    zh(
                        "\n名额线并列 ⚖：{codes} 并列第 {rank} 名，{g}的 {places} 个名额尚余 {left} 个，由评委会决定（award grant --include 编号）"
                    )
                ),
            };
        }
        s
    }
}

/// The mark of the shortlist column.
pub(crate) fn mark(r: &Ranked) -> &'static str {
    if r.shortlisted {
        "★"
    } else if r.tie_at_cutoff {
        tr("tie at cutoff ⚖", "名额线并列 ⚖")
    } else {
        ""
    }
}

/// The columns of the table and Markdown views; JSON and CSV carry every column but the mark.
const TABLE_COLUMNS: &[&str] = &[
    "rank",
    "mark",
    "code",
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
    "past_awards",
];
const DATA_COLUMNS: &[&str] = &[
    "rank",
    "category_rank",
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
    "total_exact",
    "status",
    "reasons",
    "shortlisted",
    "tie_at_cutoff",
    "past_awards",
];

/// Every row shown, with every column: one row type for every format.
/// Per nomination, the earlier years in which the same nominee was awarded.
type Past = std::collections::HashMap<i64, Vec<i32>>;

fn listing<'a>(views: impl IntoIterator<Item = &'a View<'a>>, norm: Option<&Normalized>, past: &Past) -> Listing {
    let mut l = Listing::new(all_columns());
    for v in views {
        for (shown, r) in v.shown() {
            l.push(row(*shown, r, norm, past));
        }
    }
    l
}

/// Every column a rank listing has; each output shows some of them.
fn all_columns() -> Vec<crate::output::Col> {
    vec![
        col("rank", tr("#", "名次")),
        col("category_rank", tr("rank in category", "类别名次")),
        col("mark", tr("shortlist", "入围")),
        col("code", tr("code", "编号")),
        col("category", tr("category", "类别")),
        col("name", tr("name", "名称")),
        col("unit", tr("unit", "单位")),
        col("group", tr("group", "片组")),
        col("self", tr("self", "自评")),
        col("joint", tr("joint", "联评")),
        col("inspection", tr("inspection", "检查")),
        col("satisfaction", tr("satisfaction", "满意度")),
        col("total", tr("total", "总分")),
        col("total_exact", tr("total (exact)", "总分（精确）")),
        col("status", tr("status", "状态")),
        col("reasons", tr("reasons", "原因")),
        col("shortlisted", tr("shortlisted", "入围")),
        col("tie_at_cutoff", tr("tie at cutoff", "名额线并列")),
        col("past_awards", tr("awarded before", "往年获表彰")),
        col("normalized_rank", tr("z-order (advice)", "标准化参考名次")),
        col("normalized_score", tr("mean z (advice)", "标准分均值（参考）")),
    ]
}

/// One candidate's row, at the rank shown.
fn row(shown: Option<usize>, r: &Ranked, norm: Option<&Normalized>, past: &Past) -> Vec<Cell> {
    let c = &r.entry.candidate;
    let a = &r.assessment;
    vec![
        shown.map(|n| n as i64).into(),
        r.rank.map(|n| n as i64).into(),
        mark(r).into(),
        c.code.clone().into(),
        Cell::code(c.category.code(), c.category.label()),
        c.name.clone().into(),
        c.unit.clone().into(),
        c.group.clone().into(),
        points_cell(a.self_total),
        exact_cell(a.joint.as_ref().map(|j| j.mean)),
        points_cell(Some(a.inspection)),
        satisfaction_cell(a.satisfaction),
        exact_cell(a.total),
        a.total.as_ref().map(fraction).into(),
        Cell::code(a.status.code(), a.status.label()),
        Cell::words(&a.reasons),
        r.shortlisted.into(),
        r.tie_at_cutoff.into(),
        Cell::Ints(
            past.get(&r.entry.id)
                .map(|v| v.iter().map(|y| i64::from(*y)).collect())
                .unwrap_or_default(),
        ),
        norm.and_then(|n| n.get(&c.code)).map(|x| x.0 as i64).into(),
        match norm.and_then(|n| n.get(&c.code)) {
            Some((_, z)) => Cell::Num(*z, format!("{z:+.3}")),
            None => Cell::Null,
        },
    ]
}

/// The columns shown, with the advisory ones when asked for.
fn columns(base: &[&'static str], norm: Option<&Normalized>) -> Vec<&'static str> {
    let mut v = base.to_vec();
    if norm.is_some() {
        v.extend(["normalized_rank", "normalized_score"]);
    }
    v
}

fn print(
    format: Format,
    year: i32,
    views: &[View],
    norm: Option<&Normalized>,
    past: &Past,
    head: Option<(i64, String)>,
) -> Result<()> {
    match format {
        // Row by row: a hundred thousand candidates take the memory of one row.
        Format::Json | Format::Csv => {
            let rows = views
                .iter()
                .flat_map(|v| v.shown().map(|(shown, r)| row(*shown, r, norm, past)));
            print_rows(&all_columns(), &columns(DATA_COLUMNS, norm), rows, format)
        }
        Format::Table | Format::Md => {
            let mut s = String::new();
            for (i, v) in views.iter().enumerate() {
                if i > 0 {
                    s.push('\n');
                }
                let mut heading = v.heading(year);
                if norm.is_some() {
                    heading += tr(
                        "\nz-order: advice only, the order per-evaluator z-scores of the joint sheets would give; it changes no status, shortlist or award",
                        "\n标准化参考名次：仅供参考，按各评委联评分的标准分排序；不改变资格、入围和授奖",
                    );
                }
                if format == Format::Md {
                    let mut lines = heading.lines();
                    s += &format!("## {}\n\n", lines.next().unwrap_or_default());
                    for line in lines {
                        s += &format!("{line}\n\n");
                    }
                } else {
                    s += &heading;
                    s.push('\n');
                }
                if v.shown().next().is_none() {
                    s += v.empty_text();
                } else {
                    s += &listing([v], norm, past)
                        .only(&columns(TABLE_COLUMNS, norm))
                        .render(format)?;
                }
            }
            // The record this list was drawn from, to print with it: a later copy of the
            // database can be checked against the paper (`audit head`, `audit verify`).
            if let Some((entry, hash)) = head {
                s += &say!(
                    en("\nRecord: audit entry {entry}, hash {hash}\n"),
                    zh("\n记录校验：第 {entry} 条操作记录，校验码 {hash}\n")
                );
            }
            out(&s)
        }
    }
}
