//! One category of the rank as shown: its rows in order, and its heading with the quota,
//! the counts and each tie at a cut.

use std::collections::HashMap;

use crate::i18n::{Lang, lang, tr};
use crate::load::{self, Board, Ranked};
use crate::messages::say;
use crate::values::code_order;

/// One category as shown: the rows in order, each with the rank shown and the category-wide
/// rank, shortlist and tie marks.
pub(super) struct View<'a> {
    pub board: &'a Board,
    pub group: Option<String>,
    pub rows: Vec<(Option<usize>, &'a Ranked)>,
    /// Show only the shortlist and any tie at the cutoff (the heading still counts everyone).
    pub shortlist_only: bool,
}

impl<'a> View<'a> {
    pub(super) fn whole(board: &'a Board) -> View<'a> {
        View {
            board,
            group: None,
            rows: board.rows.iter().map(|r| (r.rank, r)).collect(),
            shortlist_only: false,
        }
    }

    /// The group's candidates ranked among themselves; the marks stay the category's.
    pub(super) fn group(board: &'a Board, group: &str, scheme: &crate::core::scheme::Scheme) -> View<'a> {
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
    pub(super) fn empty_text(&self) -> &'static str {
        if self.shortlist_only && !self.rows.is_empty() {
            tr("(no one shortlisted)\n", "（无人入围）\n")
        } else {
            tr("(no nominations)\n", "（无推荐）\n")
        }
    }

    /// The rows to show.
    pub(super) fn shown(&self) -> impl Iterator<Item = &(Option<usize>, &'a Ranked)> {
        self.rows
            .iter()
            .filter(|(_, r)| !self.shortlist_only || r.shortlisted || r.tie_at_cutoff)
    }

    pub(super) fn heading(&self, year: i32) -> String {
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
pub(super) fn mark(r: &Ranked) -> &'static str {
    if r.shortlisted {
        "★"
    } else if r.tie_at_cutoff {
        tr("tie at cutoff ⚖", "名额线并列 ⚖")
    } else {
        ""
    }
}
