//! The one-vote veto (一票否决): its four grounds, and whom a veto against a unit reaches.
//! The grounds live here only; the schema's CHECK repeats the codes for hand edits.

use clap::ValueEnum;

use crate::values::Category;

/// The four grounds of the one-vote veto.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Ground {
    /// A cadre or employee prosecuted for a crime (违法犯罪被追究刑事责任)
    #[value(alias = "刑事", alias = "违法犯罪")]
    Criminal,
    /// A major safety accident, or one of wide impact (重大安全责任事故)
    #[value(alias = "安全", alias = "安全事故")]
    Safety,
    /// Inaction or misconduct, complained of and verified (投诉查实)
    #[value(alias = "投诉", alias = "不作为", alias = "乱作为")]
    Complaint,
    /// A serious violation punished by a sanction (违纪处分)
    #[value(alias = "违纪", alias = "处分")]
    Discipline,
}

impl Ground {
    pub const ALL: [Ground; 4] = [Ground::Criminal, Ground::Safety, Ground::Complaint, Ground::Discipline];

    pub fn code(self) -> &'static str {
        match self {
            Ground::Criminal => "criminal",
            Ground::Safety => "safety",
            Ground::Complaint => "complaint",
            Ground::Discipline => "discipline",
        }
    }

    pub fn from_code(code: &str) -> Option<Ground> {
        Ground::ALL.into_iter().find(|g| g.code() == code)
    }
}

/// Whom a veto against a unit reaches: its windows, or (`--all`) every nomination of it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scope {
    Windows,
    All,
}

impl Scope {
    pub fn code(self) -> &'static str {
        match self {
            Scope::Windows => "window",
            Scope::All => "all",
        }
    }

    pub fn from_code(code: &str) -> Option<Scope> {
        match code {
            "window" => Some(Scope::Windows),
            "all" => Some(Scope::All),
            _ => None,
        }
    }

    /// Whether a veto of this scope against a unit reaches a nomination of that unit in
    /// this category. It reaches nominations made after it as well as before: it is the
    /// unit that is disqualified for the term.
    pub fn reaches(self, category: Category) -> bool {
        match self {
            Scope::Windows => category == Category::Window,
            Scope::All => true,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_unit_veto_reaches_windows_and_with_all_individuals() {
        assert!(Scope::Windows.reaches(Category::Window));
        assert!(!Scope::Windows.reaches(Category::Individual));
        assert!(Scope::All.reaches(Category::Window));
        assert!(Scope::All.reaches(Category::Individual));
    }

    #[test]
    fn every_ground_reads_back_from_its_code() {
        for g in Ground::ALL {
            assert_eq!(Ground::from_code(g.code()), Some(g));
        }
        assert_eq!(Ground::from_code("other"), None);
        assert_eq!(Scope::from_code("all"), Some(Scope::All));
    }
}
