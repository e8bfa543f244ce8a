//! The cells and words of listings and reports: points, exact values and rates, the kind of a
//! finding, the fate of a joint sheet, and the joint mean worked out in words.

use clap::ValueEnum;
use num_rational::Ratio;

use crate::core::assess::{Exact, Fate, Joint, JointSteps, Satisfaction, Sheet};
use crate::i18n::{Lang, lang, tr};
use crate::messages::say;
use crate::output::Cell;
use crate::values::{Centi, fmt_exact, fmt_points, to_f64};

/// Points in hundredths as a cell: a number in JSON, "17.5" for people.
pub fn points_cell(c: Option<Centi>) -> Cell {
    match c {
        Some(c) => Cell::Num(c as f64 / 100.0, fmt_points(c)),
        None => Cell::Null,
    }
}

/// An exact value in hundredths as a cell.
pub fn exact_cell(r: Option<Exact>) -> Cell {
    match r {
        Some(r) => Cell::Num(to_f64(&r), fmt_exact(&r)),
        None => Cell::Null,
    }
}

/// A satisfaction rate as a cell: the unrounded percent in JSON, the exact one for people.
pub fn satisfaction_cell(s: Option<Satisfaction>) -> Cell {
    match s {
        Some(s) => Cell::Num(s.percent(), s.percent_text()),
        None => Cell::Null,
    }
}

/// An exact value in hundredths as a fraction of points, "a/b".
pub fn fraction(r: &Exact) -> String {
    let p = r / Ratio::from_integer(100);
    format!("{}/{}", p.numer(), p.denom())
}

/// An exact value as its fraction of points and its decimal; a whole or short value as itself.
pub fn exact_text(r: &Exact) -> String {
    let points = r / Ratio::from_integer(100);
    if points.is_integer() {
        fmt_exact(r)
    } else {
        format!("{} = {}", fraction(r), fmt_exact(r))
    }
}

/// How a finding was made.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, ValueEnum)]
pub enum FindingKind {
    /// An announced inspection (明查)
    #[value(name = "open", alias = "明查", alias = "明察")]
    Open,
    /// A covert visit, mystery shopping (暗访)
    #[value(name = "covert", alias = "暗访")]
    Covert,
}

impl FindingKind {
    pub fn code(self) -> &'static str {
        match self {
            FindingKind::Open => "open",
            FindingKind::Covert => "covert",
        }
    }
    pub fn label(self) -> &'static str {
        match self {
            FindingKind::Open => tr("open inspection", "明查"),
            FindingKind::Covert => tr("covert visit", "暗访"),
        }
    }
    /// As stored.
    pub fn from_code(s: &str) -> Option<FindingKind> {
        match s {
            "open" => Some(FindingKind::Open),
            "covert" => Some(FindingKind::Covert),
            _ => None,
        }
    }
    /// As typed in a file: English or Chinese.
    pub fn parse(s: &str) -> Option<FindingKind> {
        match s.trim().to_lowercase().as_str() {
            "open" | "明查" | "明察" => Some(FindingKind::Open),
            "covert" | "暗访" => Some(FindingKind::Covert),
            _ => None,
        }
    }
}

impl rusqlite::types::FromSql for FindingKind {
    fn column_result(v: rusqlite::types::ValueRef<'_>) -> rusqlite::types::FromSqlResult<Self> {
        let s = v.as_str()?;
        FindingKind::from_code(s)
            .ok_or_else(|| rusqlite::types::FromSqlError::Other(format!("unknown kind of finding {s}").into()))
    }
}

/// What became of a joint sheet, as a cell of `score show`'s column "in the joint mean".
pub fn fate_label(f: Fate) -> &'static str {
    match f {
        Fate::Counted => tr("counted", "计入"),
        Fate::DroppedHigh => tr("dropped as highest", "去掉最高分"),
        Fate::DroppedLow => tr("dropped as lowest", "去掉最低分"),
    }
}

/// What became of a joint sheet, as a note of `rank --explain`'s table of sheets.
pub fn fate_note(f: Fate) -> &'static str {
    match f {
        Fate::Counted => tr("counted", "计入"),
        Fate::DroppedHigh => tr("dropped: highest", "去掉：最高分"),
        Fate::DroppedLow => tr("dropped: lowest", "去掉：最低分"),
    }
}

/// A joint mean in words: which sheets were dropped, and the mean of the others.
pub struct JointText {
    steps: JointSteps,
    trim_from: usize,
}

impl JointText {
    /// `sheets` are the ones the mean was taken of, in the same order; `trim_from` is the
    /// term's scheme's.
    pub fn new(joint: &Joint, sheets: &[Sheet], trim_from: usize) -> JointText {
        JointText {
            steps: joint.steps(sheets),
            trim_from,
        }
    }

    fn trimmed(&self) -> Option<(&str, String, &str, String)> {
        let h = self.steps.dropped(Fate::DroppedHigh)?;
        let l = self.steps.dropped(Fate::DroppedLow)?;
        Some((&h.evaluator, fmt_points(h.total), &l.evaluator, fmt_points(l.total)))
    }

    /// The mean and which sheets were dropped, in one line, in the language of the run.
    pub fn summary(&self) -> String {
        self.summary_in(lang())
    }

    /// The mean and which sheets were dropped, in one line.
    pub fn summary_in(&self, lang: Lang) -> String {
        let mean = fmt_exact(&self.steps.mean);
        let (all, counted, t) = (self.steps.lines.len(), self.steps.counted, self.trim_from);
        match (self.trimmed(), t) {
            (Some((h, ht, l, lt)), _) => say!(lang;
                en: "{mean} (mean of {counted} of {all} sheets; dropped the highest, {h} {ht}, and the lowest, {l} {lt})",
                zh: "{mean}（{all} 张联评表去掉最高分 {h} {ht}、最低分 {l} {lt} 后 {counted} 张的平均）"),
            (None, 0) => say!(lang;
                en: "{mean} (mean of {all} sheets; this term drops none)",
                zh: "{mean}（{all} 张联评表的平均；本届不去掉最高最低分）"),
            (None, t) => say!(lang;
                en: "{mean} (mean of {all} sheets; the highest and lowest are dropped from {t} sheets on)",
                zh: "{mean}（{all} 张联评表的平均；满 {t} 张时去掉一个最高分和一个最低分）"),
        }
    }

    /// The mean worked out, in the language of the run.
    pub fn derivation(&self) -> String {
        self.derivation_in(lang())
    }

    /// The mean worked out: the sheets dropped, then "mean of n = (a + b + c) / n = p/q = decimal".
    pub fn derivation_in(&self, lang: Lang) -> String {
        let (all, t) = (self.steps.lines.len(), self.trim_from);
        let trim = match self.trimmed() {
            Some((h, ht, l, lt)) => say!(lang;
                en: "{all} sheets, {t} or more: the highest ({h}, {ht}) and the lowest ({l}, {lt}) are dropped; ",
                zh: "共 {all} 张，达到 {t} 张，去掉一个最高分（{h}，{ht}）和一个最低分（{l}，{lt}）；"),
            None => say!(lang; en: "{all} sheets, none dropped; ", zh: "共 {all} 张，不去分；"),
        };
        let n = self.steps.counted;
        let sum = self
            .steps
            .counted_totals()
            .into_iter()
            .map(fmt_points)
            .collect::<Vec<_>>()
            .join(" + ");
        let mean = exact_text(&self.steps.mean);
        say!(lang;
            en: "{trim}mean of {n} = ({sum}) / {n} = {mean}",
            zh: "{trim}{n} 张平均 = ({sum}) / {n} = {mean}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::assess::joint_mean;

    fn sheets(totals: &[(&str, Centi)]) -> Vec<Sheet> {
        totals
            .iter()
            .map(|(who, t)| Sheet {
                evaluator: who.to_string(),
                marks: [t - 4 * (t / 5), t / 5, t / 5, t / 5, t / 5],
            })
            .collect()
    }

    #[test]
    fn a_trimmed_mean_in_both_forms() {
        let s = sheets(&[("甲", 8000), ("乙", 8600), ("丙", 8700), ("丁", 8800), ("戊", 9500)]);
        let t = JointText::new(&joint_mean(&s, 5).unwrap(), &s, 5);
        assert_eq!(
            t.derivation_in(Lang::En),
            "5 sheets, 5 or more: the highest (戊, 95) and the lowest (甲, 80) are dropped; mean of 3 = (86 + 87 + 88) / 3 = 87"
        );
        assert_eq!(
            t.summary_in(Lang::En),
            "87 (mean of 3 of 5 sheets; dropped the highest, 戊 95, and the lowest, 甲 80)"
        );
        assert_eq!(
            t.derivation_in(Lang::Zh),
            "共 5 张，达到 5 张，去掉一个最高分（戊，95）和一个最低分（甲，80）；3 张平均 = (86 + 87 + 88) / 3 = 87"
        );
        assert_eq!(
            t.summary_in(Lang::Zh),
            "87（5 张联评表去掉最高分 戊 95、最低分 甲 80 后 3 张的平均）"
        );
    }

    #[test]
    fn an_untrimmed_mean_says_why() {
        let s = sheets(&[("甲", 8000), ("乙", 8650), ("丙", 8700)]);
        let j = joint_mean(&s, 5).unwrap();
        assert_eq!(
            JointText::new(&j, &s, 5).derivation_in(Lang::En),
            "3 sheets, none dropped; mean of 3 = (80 + 86.5 + 87) / 3 = 169/2 = 84.5"
        );
        assert_eq!(
            JointText::new(&j, &s, 5).summary_in(Lang::En),
            "84.5 (mean of 3 sheets; the highest and lowest are dropped from 5 sheets on)"
        );
        assert_eq!(
            JointText::new(&j, &s, 0).summary_in(Lang::En),
            "84.5 (mean of 3 sheets; this term drops none)"
        );
        assert_eq!(
            JointText::new(&j, &s, 0).summary_in(Lang::Zh),
            "84.5（3 张联评表的平均；本届不去掉最高最低分）"
        );
    }

    #[test]
    fn finding_kinds_as_stored_and_as_typed() {
        assert_eq!(FindingKind::from_code("open"), Some(FindingKind::Open));
        assert_eq!(FindingKind::from_code("明查"), None);
        assert_eq!(FindingKind::parse(" 暗访 "), Some(FindingKind::Covert));
        assert_eq!(FindingKind::parse("明察"), Some(FindingKind::Open));
        assert_eq!(FindingKind::parse("visit"), None);
    }
}
