//! What stops a grant after the proposal: the notice period (公示), and open objections.

use chrono::Duration;

use super::{Lang, Render, say};
use crate::core::publicity::Stop;

impl Render for Stop {
    fn render(&self, lang: Lang) -> String {
        match self {
            Stop::Running { ends_on } => {
                let next = *ends_on + Duration::days(1);
                say!(lang;
                    en: "the notice period (公示) runs until {ends_on}; the awards may be granted from {next}",
                    zh: "公示期至 {ends_on} 结束，{next} 起方可授奖")
            }
            Stop::Unresolved(o) => {
                let (id, code, from) = (o.id, &o.code, &o.from);
                say!(lang;
                    en: "objection #{id} about {code} from {from} is not resolved; resolve it with `pingxuan objection resolve {id} --upheld|--dismissed --finding TEXT`",
                    zh: "关于 {code} 的异议 #{id}（{from}）尚未处理；请用 `pingxuan objection resolve {id} --upheld|--dismissed --finding 调查结论` 办结")
            }
        }
    }
}

impl Stop {
    /// What stops the grant, in the language of the run.
    pub fn text(&self) -> String {
        self.render(crate::i18n::lang())
    }
}

super::display_in_the_run_language!(Stop);

#[cfg(test)]
pub fn examples() -> Vec<Stop> {
    use crate::core::publicity::Open;
    let all = vec![
        Stop::Running {
            ends_on: chrono::NaiveDate::from_ymd_opt(2026, 12, 11).unwrap_or_default(),
        },
        Stop::Unresolved(Open {
            id: 3,
            code: "P2026-002".into(),
            from: "a citizen".into(),
        }),
    ];
    for s in &all {
        match s {
            Stop::Running { .. } | Stop::Unresolved(_) => {}
        }
    }
    all
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_period_says_when_the_grant_may_be_made() {
        assert_eq!(
            examples()[0].render(Lang::En),
            "the notice period (公示) runs until 2026-12-11; the awards may be granted from 2026-12-12"
        );
        assert_eq!(
            examples()[1].render(Lang::Zh).split('；').next(),
            Some("关于 P2026-002 的异议 #3（a citizen）尚未处理")
        );
    }
}
