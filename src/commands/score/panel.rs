//! Who may give a joint sheet: once the term has a panel, its members only, and none for a
//! nominee of their own unit or for themself (回避).

use anyhow::Result;
use rusqlite::Connection;

use crate::commands::panel::{PanelMember, members};
use crate::core::panel::{Conflict, Subject, conflict};
use crate::messages::say;
use crate::store::Nominee;

pub struct PanelCheck {
    year: i32,
    members: Vec<PanelMember>,
}

pub fn subject(n: &Nominee) -> Subject {
    Subject {
        code: n.code.clone(),
        category: n.category,
        name: n.name.clone(),
        unit: n.unit.clone(),
    }
}

impl PanelCheck {
    pub fn load(conn: &Connection, year: i32) -> Result<PanelCheck> {
        Ok(PanelCheck {
            year,
            members: members(conn, year, false)?,
        })
    }

    /// Why this evaluator's joint sheet for this nominee is refused, if it is.
    pub fn refusal(&self, evaluator: &str, n: &Nominee) -> Option<String> {
        let year = self.year;
        let unit = if self.members.is_empty() {
            None
        } else {
            match self.members.iter().find(|m| m.name == evaluator) {
                Some(m) => Some(m.unit.as_str()),
                None => {
                    return Some(say!(
                        en(
                            "{evaluator} is not on the panel of {year}; see `pingxuan panel list`, or add them with `pingxuan panel add`"
                        ),
                        zh(
                            "{evaluator} 不是{year}年度联评小组成员；请查看 `pingxuan panel list`，或用 `pingxuan panel add` 添加"
                        )
                    ));
                }
            }
        };
        match conflict(evaluator, unit, &subject(n))? {
            Conflict::IsNominee => Some(say!(
                en(
                    "{evaluator} is the nominee {} ({}): no one marks their own nomination (conflict of interest, 回避)",
                    n.code,
                    n.unit
                ),
                zh(
                    "{evaluator} 即被推荐对象 {}（{}），不得为本人评分（回避）",
                    n.code,
                    n.unit
                )
            )),
            Conflict::OwnUnit => Some(say!(
                en(
                    "{evaluator} is of {}, the unit of {}: a conflict of interest (回避); the sheet is not taken",
                    n.unit,
                    n.code
                ),
                zh("{evaluator} 与 {} 同属 {}，应当回避，不得评分", n.code, n.unit)
            )),
        }
    }
}
