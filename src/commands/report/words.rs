//! The report's words for the core's codes, in the language of `--lang`.

use crate::core::report::Stage;
use crate::i18n::{Lang, lang, tr};
use crate::messages::verify::rejection_text as rejection_label;
use crate::messages::veto::ground_text as veto_reason_label;

pub fn stage_label(s: Stage) -> &'static str {
    match s {
        Stage::Nominated => tr("nominated", "推荐"),
        Stage::Verified => tr("verified", "核对通过"),
        Stage::Complete => tr("complete", "材料齐全"),
        Stage::Eligible => tr("eligible", "符合条件"),
        Stage::Shortlisted => tr("shortlisted", "入围"),
        Stage::Proposed => tr("proposed", "公示"),
        Stage::Awarded => tr("awarded", "授奖"),
    }
}

/// A loss code of the funnel in words: `rejected:late` → "rejected: submitted after the deadline".
pub fn loss_label(code: &str) -> String {
    if let Some(r) = code.strip_prefix("rejected:") {
        return match lang() {
            Lang::En => format!("rejected: {}", rejection_label(r)),
            Lang::Zh => format!("核对未通过：{}", rejection_label(r)),
        };
    }
    if let Some(r) = code.strip_prefix("vetoed:") {
        return match lang() {
            Lang::En => format!("veto: {}", veto_reason_label(r)),
            Lang::Zh => format!("一票否决：{}", veto_reason_label(r)),
        };
    }
    match code {
        "withdrawn" => tr("withdrawn", "撤回"),
        "not_verified" => tr("not yet verified", "尚未核对"),
        "no_self_sheet" => tr("no self-evaluation sheet", "缺少自评表"),
        "too_few_joint" => tr("too few joint evaluators", "联评人数不足"),
        "no_survey" => tr("no satisfaction survey", "缺少满意度调查"),
        "below_threshold" => tr("satisfaction below the line", "满意度未达标"),
        "below_quota_line" => tr("below the quota line", "名额线以下"),
        "not_proposed" => tr("not on the proposed list", "未列入公示名单"),
        "tie_not_chosen" => tr("tied at the line, not chosen", "名额线并列，未获选"),
        "award_revoked" => tr("award revoked", "奖项已撤销"),
        "not_granted" => tr("not granted", "未授奖"),
        "not_yet_granted" => tr("awards not yet granted", "尚未授奖"),
        other => return other.to_string(),
    }
    .to_string()
}

/// A loss code in few words, for a chart's margin: the grounds of a veto are one, a rejection
/// is its reason.
pub fn loss_short(code: &str) -> String {
    if code.starts_with("vetoed:") {
        return tr("vetoed", "一票否决").to_string();
    }
    if let Some(r) = code.strip_prefix("rejected:") {
        return rejection_label(r).to_string();
    }
    loss_label(code)
}

/// Losses in few words, the ones that read the same merged: "vetoed 2".
pub fn short_losses<'a>(losses: impl IntoIterator<Item = &'a crate::core::report::Loss>) -> Vec<(String, usize)> {
    let mut short: Vec<(String, usize)> = Vec::new();
    for l in losses {
        let label = loss_short(&l.reason);
        match short.iter_mut().find(|s| s.0 == label) {
            Some(s) => s.1 += l.count,
            None => short.push((label, l.count)),
        }
    }
    short
}

pub fn state_label(code: &str) -> &'static str {
    match code {
        "open" => tr("open", "进行中"),
        "awarded" => tr("awarded", "已授奖"),
        "closed" => tr("closed", "已结束"),
        _ => tr("unknown", "未知"),
    }
}
