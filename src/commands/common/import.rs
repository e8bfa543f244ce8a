//! What every import shares: its arguments, its columns, naming the nominee of a row, the rows
//! set aside, and what it did, counted.

use std::path::PathBuf;

use anyhow::{Result, bail};
use clap::Args;
use rusqlite::Connection;

use crate::csvin::{self, Column, CsvFile, Decoded, Encoding, Problem, Problems, Row};
use crate::i18n::{Lang, lang, tr};
use crate::messages::say;
use crate::store::{Nominee, check_assessable, nominee_by_ref};

// The arguments every `import` takes (flattened into each): the file, --dry-run, --encoding.
#[derive(Args, Debug)]
pub struct ImportFile {
    /// The file: CSV (UTF-8 with or without BOM, or GBK), or an Excel workbook (.xlsx, .xls)
    pub file: PathBuf,
    /// The workbook's sheet to read (default: the first)
    #[arg(long, value_name = "NAME")]
    pub sheet: Option<String>,
    /// Check everything and write nothing
    #[arg(long)]
    pub dry_run: bool,
    /// The file's encoding, when detection guesses wrong
    #[arg(long, value_enum, value_name = "ENCODING")]
    pub encoding: Option<Encoding>,
}

impl ImportFile {
    /// The file decoded, its columns not yet matched.
    pub fn decode(&self) -> Result<Decoded> {
        csvin::decode(&self.file, self.encoding, self.sheet.as_deref())
    }
    /// The file read against its table of columns.
    pub fn read(&self, columns: &'static [Column]) -> Result<CsvFile> {
        self.decode()?.parse(columns)
    }
}

/// One column of a file, as the tables of columns declare them.
pub const fn column(key: &'static str, names: &'static [&'static str], required: bool) -> Column {
    Column { key, names, required }
}

/// Refuses a file that has no way to name its nominees.
pub fn check_nominee_columns(file: &CsvFile) -> Result<()> {
    if file.has("code") || (file.has("category") && file.has("unit") && file.has("name")) {
        return Ok(());
    }
    bail!(
        "{}",
        say!(
            en(
                "{}: the file does not say whom each row is about: give a code/编号 column, or category/类别, unit/单位 and name/名称 columns together",
                file.name
            ),
            zh(
                "{}：文件未指明每行的被推荐对象：请提供 编号/code 列，或同时提供 类别/category、单位/unit、名称/name 列",
                file.name
            )
        )
    );
}

/// A row set aside at import because its nominee was withdrawn or rejected: named in the
/// summary with its line, and everything else is imported.
#[derive(Clone, Debug)]
pub struct SetAside {
    pub line: u64,
    pub why: String,
}

/// "set aside 2 rows for nominees withdrawn or rejected: line 4 (W2026-003 is withdrawn), …"
pub fn set_aside_text(rows: &[SetAside]) -> Option<String> {
    if rows.is_empty() {
        return None;
    }
    let each: Vec<String> = rows
        .iter()
        .map(|r| match crate::i18n::lang() {
            crate::i18n::Lang::En => format!("line {} ({})", r.line, r.why),
            crate::i18n::Lang::Zh => format!("第 {} 行（{}）", r.line, r.why),
        })
        .collect();
    Some(say!(
        en(
            "set aside {} rows for nominees withdrawn or rejected, not imported: {}",
            rows.len(),
            each.join(", ")
        ),
        zh(
            "已撤回或核对未通过的推荐对象 {} 行未导入：{}",
            rows.len(),
            each.join("，")
        )
    ))
}

/// The nominee a row names, when it is one that may be assessed. A row for a nominee
/// withdrawn or rejected is set aside; any other problem is noted.
pub fn row_nominee(
    conn: &Connection,
    year: i32,
    file: &CsvFile,
    row: &Row,
    problems: &mut Problems,
    set_aside: &mut Vec<SetAside>,
) -> Option<Nominee> {
    let code = file.get(row, "code");
    let key = if !code.is_empty() || !file.has("name") {
        "code"
    } else {
        "name"
    };
    let found = nominee_by_ref(
        conn,
        year,
        code,
        file.get(row, "category"),
        file.get(row, "unit"),
        file.get(row, "name"),
    );
    match found {
        Ok(n) => match check_assessable(&n) {
            Ok(()) => Some(n),
            Err(why) => {
                set_aside.push(SetAside { line: row.line, why });
                None
            }
        },
        Err(message) => {
            problems.push(cell_problem(file, row, key, &message));
            None
        }
    }
}

/// The nominees the rows of a file name, each found as `row_nominee` finds it. The last one
/// found is kept: a file of sheets or findings goes nominee by nominee, so most rows name the
/// same nominee as the row before and are answered without a query. A row whose nominee is
/// set aside or refused is asked anew, so that every such line is named.
#[derive(Default)]
pub struct RowNominees {
    last: Option<([String; 4], Nominee)>,
}

impl RowNominees {
    pub fn find(
        &mut self,
        conn: &Connection,
        year: i32,
        file: &CsvFile,
        row: &Row,
        problems: &mut Problems,
        set_aside: &mut Vec<SetAside>,
    ) -> Option<Nominee> {
        let key = ["code", "category", "unit", "name"].map(|k| file.get(row, k));
        if let Some((last, n)) = &self.last
            && last.iter().zip(&key).all(|(a, b)| a == b)
        {
            return Some(n.clone());
        }
        let n = row_nominee(conn, year, file, row, problems, set_aside)?;
        self.last = Some((key.map(str::to_string), n.clone()));
        Some(n)
    }
}

/// A problem with a cell, or with the row when the file lacks the column.
pub fn cell_problem(file: &CsvFile, row: &Row, key: &str, message: &str) -> Problem {
    if file.has(key) {
        file.problem(row, key, message)
    } else {
        file.row_problem(row, message)
    }
}

/// "dry run: " before a summary that wrote nothing.
pub fn summary_prefix(dry_run: bool) -> &'static str {
    if dry_run {
        tr("dry run, nothing was written: ", "试运行，未写入任何数据：")
    } else {
        ""
    }
}

/// What recording one sheet, finding or survey did (or would do).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    Added,
    Replaced,
    Present,
    /// The same as a record withdrawn earlier: a file does not bring it back.
    LeftWithdrawn,
}

/// What one import or command did or would do, counted.
#[derive(Default)]
pub struct Counts {
    pub added: usize,
    pub replaced: usize,
    pub present: usize,
    pub left_withdrawn: usize,
}

impl Counts {
    pub fn bump(&mut self, o: Outcome) {
        match o {
            Outcome::Added => self.added += 1,
            Outcome::Replaced => self.replaced += 1,
            Outcome::Present => self.present += 1,
            Outcome::LeftWithdrawn => self.left_withdrawn += 1,
        }
    }

    /// "added 3, replaced 0, already present 1", after what was counted when it is named.
    pub fn text(&self, what_en: &str, what_zh: &str) -> String {
        let lang = lang();
        let (a, r, p, w) = (self.added, self.replaced, self.present, self.left_withdrawn);
        let mut counted = say!(lang;
            en: "added {a}, replaced {r}, already present {p}",
            zh: "新增 {a}，替换 {r}，已存在 {p}");
        if w > 0 {
            counted += &say!(lang; en: ", left withdrawn {w}", zh: "，已撤销未恢复 {w}");
        }
        match (what_en.is_empty() && what_zh.is_empty(), lang) {
            (true, _) => counted,
            (false, Lang::En) => format!("{what_en}: {counted}"),
            (false, Lang::Zh) => format!("{what_zh}：{counted}"),
        }
    }
}
