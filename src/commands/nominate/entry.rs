//! One nomination as a group sends it (a file row or `nominate add`), and the pure rules of
//! who it is and how it differs from the record.

use anyhow::{Result, bail};

use super::AddArgs;
use crate::csvin::{Column, CsvFile, Problem, Row};
use crate::i18n::tr;
use crate::messages::say;
use crate::values::{Category, parse_date};

pub static COLUMNS: &[Column] = &[
    Column {
        key: "category",
        names: &["category", "类别"],
        required: true,
    },
    Column {
        key: "name",
        names: &["name", "名称"],
        required: true,
    },
    Column {
        key: "unit",
        names: &["unit", "单位"],
        required: true,
    },
    Column {
        key: "group",
        names: &["group", "片组"],
        required: true,
    },
    Column {
        key: "position",
        names: &["position", "职务"],
        required: false,
    },
    Column {
        key: "staff_no",
        names: &["staff_no", "工号"],
        required: false,
    },
    Column {
        key: "deeds",
        names: &["deeds", "主要事迹"],
        required: false,
    },
    Column {
        key: "contact",
        names: &["contact", "联系人"],
        required: false,
    },
    Column {
        key: "phone",
        names: &["phone", "联系电话"],
        required: false,
    },
    Column {
        key: "submitted_on",
        names: &["submitted_on", "报送日期"],
        required: false,
    },
    Column {
        key: "unit_rank",
        names: &["unit_rank", "本单位年终测评排名", "年终测评排名"],
        required: false,
    },
];

/// The fields besides category, name, unit and group, in the order of `DETAIL_KEYS`.
pub const DETAIL_KEYS: [&str; 7] = [
    "position",
    "staff_no",
    "deeds",
    "contact",
    "phone",
    "submitted_on",
    "unit_rank",
];
pub const STAFF_NO: usize = 1;
pub const SUBMITTED_ON: usize = 5;
pub const UNIT_RANK: usize = 6;

/// A nomination as sent. A detail that is `None` was not given (the file has no such column,
/// the flag was left out): a new nomination gets it empty, a known one keeps what it has.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry {
    pub category: Category,
    pub name: String,
    pub unit: String,
    /// `None` only from `nominate add` without --group: the unit's group.
    pub group: Option<String>,
    /// Dates as YYYY-MM-DD, "" for none.
    pub detail: [Option<String>; 7],
}

impl Entry {
    pub fn staff_no(&self) -> &str {
        self.detail[STAFF_NO].as_deref().unwrap_or("")
    }

    /// Reads a file row; every bad cell is returned.
    pub fn from_row(file: &CsvFile, row: &Row) -> std::result::Result<Entry, Vec<Problem>> {
        let mut problems = Vec::new();
        let category = Category::parse(file.get(row, "category"))
            .map_err(|e| problems.push(file.problem(row, "category", e.to_string())))
            .ok();
        for key in ["name", "unit", "group"] {
            if file.get(row, key).is_empty() {
                problems.push(file.problem(row, key, tr("is required", "不能为空")));
            }
        }
        let mut detail: [Option<String>; 7] = Default::default();
        for (i, key) in DETAIL_KEYS.iter().enumerate() {
            if file.has(key) {
                detail[i] = Some(file.get(row, key).to_string());
            }
        }
        if let Some(d) = &mut detail[SUBMITTED_ON] {
            match normal_date(d) {
                Ok(v) => *d = v,
                Err(e) => problems.push(file.problem(row, "submitted_on", e.to_string())),
            }
        }
        if let Some(r) = &mut detail[UNIT_RANK] {
            match normal_unit_rank(r) {
                Ok(v) => *r = v,
                Err(e) => problems.push(file.problem(row, "unit_rank", e)),
            }
        }
        match category {
            Some(category) if problems.is_empty() => Ok(Entry {
                category,
                name: file.get(row, "name").to_string(),
                unit: file.get(row, "unit").to_string(),
                group: Some(file.get(row, "group").to_string()),
                detail,
            }),
            _ => Err(problems),
        }
    }

    /// Reads the flags of `nominate add`.
    pub fn from_flags(a: &AddArgs) -> Result<Entry> {
        let trim = |s: &Option<String>| s.as_deref().map(|v| v.trim().to_string());
        for (flag, v) in [("--name", &a.name), ("--unit", &a.unit)] {
            if v.trim().is_empty() {
                bail!("{}", say!(en("{flag}: is required"), zh("{flag}：不能为空")));
            }
        }
        let mut detail = [
            trim(&a.position),
            trim(&a.staff_no),
            trim(&a.deeds),
            trim(&a.contact),
            trim(&a.phone),
            trim(&a.submitted_on),
            trim(&a.unit_rank),
        ];
        if let Some(r) = &mut detail[UNIT_RANK] {
            *r = normal_unit_rank(r).map_err(|e| anyhow::anyhow!("--unit-rank \"{r}\": {e}"))?;
        }
        if let Some(d) = &mut detail[SUBMITTED_ON] {
            *d = normal_date(d).map_err(|e| anyhow::anyhow!("--submitted-on \"{d}\": {e}"))?;
        }
        Ok(Entry {
            category: a.category,
            name: a.name.trim().to_string(),
            unit: a.unit.trim().to_string(),
            group: trim(&a.group).filter(|g| !g.is_empty()),
            detail,
        })
    }
}

/// Whether two rows of the same unit, category and name are the same nominee: an empty staff
/// number on either side matches.
pub fn same_staff(a: &str, b: &str) -> bool {
    a.is_empty() || b.is_empty() || a == b
}

fn normal_date(s: &str) -> Result<String> {
    Ok(if s.is_empty() {
        String::new()
    } else {
        parse_date(s)?.to_string()
    })
}

/// A place in the unit's year-end assessment as forms write it: `3/120`, `3／120`, `第3名/共120人`.
pub fn parse_unit_rank(s: &str) -> std::result::Result<(u32, u32), String> {
    let digits = |t: &str| -> Option<u32> {
        let d: String = crate::values::halfwidth(t)
            .chars()
            .filter(|c| !matches!(c, '第' | '名' | '共' | '人' | ' '))
            .collect();
        d.parse().ok()
    };
    let bad = || {
        tr(
            "expected the place and how many were assessed, e.g. 3/120",
            "应为名次/参评人数，如 3/120",
        )
        .to_string()
    };
    let t = crate::values::halfwidth(s.trim());
    let (a, b) = t.split_once('/').ok_or_else(bad)?;
    let (n, of) = (digits(a).ok_or_else(bad)?, digits(b).ok_or_else(bad)?);
    if n == 0 || n > of {
        return Err(tr(
            "the place must be between 1 and the number assessed",
            "名次应在 1 与参评人数之间",
        )
        .to_string());
    }
    Ok((n, of))
}

fn normal_unit_rank(s: &str) -> std::result::Result<String, String> {
    if s.trim().is_empty() {
        return Ok(String::new());
    }
    parse_unit_rank(s).map(|(n, of)| format!("{n}/{of}"))
}

/// One field that differs from the record: its key, the value on record and the one given.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Change {
    pub key: &'static str,
    pub old: String,
    pub new: String,
}

/// The details that differ from the record. An empty staff number given is no difference:
/// it names the same nominee and leaves the number on record.
pub fn changes(given: &[Option<String>; 7], stored: &[String; 7]) -> Vec<Change> {
    DETAIL_KEYS
        .iter()
        .enumerate()
        .filter_map(|(i, key)| {
            let new = given[i].as_ref()?;
            let differs = new != &stored[i] && !(i == STAFF_NO && new.is_empty());
            differs.then(|| Change {
                key,
                old: stored[i].clone(),
                new: new.clone(),
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const DEEDS: usize = 2;

    fn stored() -> [String; 7] {
        [
            "科长",
            "3102826",
            "全年零投诉",
            "郑晓岚",
            "0574-86875210",
            "2026-10-14",
            "3/120",
        ]
        .map(String::from)
    }

    #[test]
    fn an_empty_staff_number_matches_either_way() {
        assert!(same_staff("", "3102826"));
        assert!(same_staff("3102826", ""));
        assert!(same_staff("3102826", "3102826"));
        assert!(!same_staff("3102826", "3102827"));
    }

    #[test]
    fn only_given_fields_that_differ_are_changes() {
        let same = stored().map(Some);
        assert!(changes(&same, &stored()).is_empty());
        let none: [Option<String>; 7] = Default::default();
        assert!(changes(&none, &stored()).is_empty());

        let mut given = same.clone();
        given[STAFF_NO] = Some(String::new());
        assert!(
            changes(&given, &stored()).is_empty(),
            "an empty staff number is not a change"
        );
        given[DEEDS] = Some(String::new());
        given[SUBMITTED_ON] = Some("2026-10-15".into());
        let c = changes(&given, &stored());
        assert_eq!(
            c.iter().map(|c| c.key).collect::<Vec<_>>(),
            vec!["deeds", "submitted_on"]
        );
        assert_eq!(c[0].old, "全年零投诉");
        assert_eq!(c[0].new, "");
    }

    #[test]
    fn a_place_in_the_unit_is_read_as_forms_write_it() {
        assert_eq!(parse_unit_rank("3/120"), Ok((3, 120)));
        assert_eq!(parse_unit_rank(" ３／１２０ "), Ok((3, 120)));
        assert_eq!(parse_unit_rank("第3名/共120人"), Ok((3, 120)));
        assert!(parse_unit_rank("3").is_err());
        assert!(parse_unit_rank("121/120").is_err());
        assert!(parse_unit_rank("0/120").is_err());
        assert_eq!(normal_unit_rank(""), Ok(String::new()));
    }
}
