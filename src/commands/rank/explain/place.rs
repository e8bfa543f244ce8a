//! `rank --explain`: where the candidate stands, the cut of its quota or its group's places,
//! and how it compares with its neighbours above and below.

use super::*;
use crate::messages::say;

impl<'a> Facts<'a> {
    /// Why the candidate stands where it does.
    pub(super) fn place_text(&self) -> String {
        let b = self.board;
        let row = self.row;
        let cat = b.category.title();
        let Some(rank) = row.rank else {
            return say!(
                en(
                    "not ranked: only eligible candidates are ranked ({} of {} in {cat})\n",
                    b.eligible(),
                    b.rows.len()
                ),
                zh(
                    "不参与排名：只有符合条件的才排名（{cat}符合条件 {} 个，共 {} 个）\n",
                    b.eligible(),
                    b.rows.len()
                )
            );
        };
        let mut s = say!(
            en("rank {rank} of {} eligible in {cat}; quota {}\n", b.eligible(), b.quota),
            zh("{cat}第 {rank} 名（符合条件 {} 个）；名额 {}\n", b.eligible(), b.quota)
        );
        s += &if row.shortlisted {
            say!(en("shortlisted ★: within the quota\n"), zh("入围 ★：在名额之内\n"))
        } else if let Some((cut, tie)) = row.tie_at_cutoff.then(|| b.tie_of(row.entry.id)).flatten() {
            let tied: Vec<String> = tie.iter().map(|r| r.entry.candidate.code.clone()).collect();
            let within_en = match &cut.group {
                None => "the quota".to_string(),
                Some(g) => format!("{g}'s {} place(s)", cut.places),
            };
            let within_zh = match &cut.group {
                None => "名额".to_string(),
                Some(g) => format!("{g}的 {} 个名额", cut.places),
            };
            let left = cut.left;
            say!(
                en(
                    "tie at cutoff ⚖: {} share rank {rank} with {left} place(s) left within {within_en}; not shortlisted until the committee chooses (award grant --include CODE)\n",
                    tied.join(", ")
                ),
                zh(
                    "名额线并列 ⚖：{} 并列第 {rank} 名，{within_zh}内尚余 {left} 个；待评委会决定（award grant --include 编号）前不入围\n",
                    tied.join("、")
                )
            )
        } else {
            say!(
                en("not shortlisted: rank {rank} is past the quota of {}\n", b.quota),
                zh("未入围：第 {rank} 名在名额 {} 之外\n", b.quota)
            )
        };
        if let Some(n) = &self.above {
            s += &self.neighbour_text(n, true);
        }
        if let Some(n) = &self.below {
            s += &self.neighbour_text(n, false);
        }
        if !self.equals.is_empty() {
            let codes: Vec<String> = self
                .equals
                .iter()
                .map(|r| format!("{} {}", r.entry.candidate.code, r.entry.candidate.name))
                .collect();
            s += &say!(
                en("equal on every key, sharing rank {rank}: {}\n", codes.join(", ")),
                zh("各项排序依据均相同、并列第 {rank} 名：{}\n", codes.join("、"))
            );
        }
        s
    }

    fn neighbour_text(&self, n: &Neighbour, above: bool) -> String {
        let other = &n.row.entry.candidate;
        let rank = n.row.rank.unwrap_or(0);
        let who = say!(
            en("{} {} (rank {rank})", other.code, other.name),
            zh("{} {}（第 {rank} 名）", other.code, other.name)
        );
        let Some(k) = n.key else {
            return String::new();
        };
        let order = &self.scheme.order;
        let equal_keys: Vec<String> = order
            .iter()
            .take_while(|&&x| x != k)
            .map(|&x| format!("{} {}", x.label(), key_value(self.a(), x).unwrap_or_else(none_text)))
            .collect();
        let shown = (
            key_value(self.a(), k).unwrap_or_else(none_text),
            key_value(&n.row.assessment, k).unwrap_or_else(none_text),
        );
        let same = if equal_keys.is_empty() {
            String::new()
        } else {
            say!(
                en("equal on {}; ", equal_keys.join(", ")),
                zh("{}相同；", equal_keys.join("、"))
            )
        };
        if above {
            say!(
                en(
                    "just above: {who}: {same}{} {} against {} here\n",
                    k.label(),
                    shown.1,
                    shown.0
                ),
                zh("前一名：{who}：{same}{} {}，本候选 {}\n", k.label(), shown.1, shown.0)
            )
        } else {
            say!(
                en(
                    "just below: {who}: {same}{} {} against {} here\n",
                    k.label(),
                    shown.1,
                    shown.0
                ),
                zh("后一名：{who}：{same}{} {}，本候选 {}\n", k.label(), shown.1, shown.0)
            )
        }
    }
}
