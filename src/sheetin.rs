//! Reading a sheet of a workbook (`.xlsx`, `.xls`, also `.ods`) into rows of cells that keep
//! what Excel typed them as, so that the one reader of `csvin` can check them like CSV values.

use anyhow::{Result, anyhow, bail};
use calamine::{Data, Reader, SheetVisible, open_workbook_auto_from_rs};

use crate::i18n::tr;
use crate::messages::say;

/// What a cell was typed as in the workbook.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Kind {
    Text,
    Number(f64),
    Date,
    Bool,
    /// An error value such as `#N/A` or `#REF!`.
    Error,
}

/// One cell: its value as the clerk meant it, in text, and its type in the workbook.
#[derive(Clone, Debug)]
pub struct SheetCell {
    pub text: String,
    pub kind: Kind,
}

impl SheetCell {
    pub fn text(text: impl Into<String>) -> SheetCell {
        SheetCell {
            text: text.into(),
            kind: Kind::Text,
        }
    }
}

/// The rows of one sheet: the row number Excel shows (from 1) and the cells from column A.
pub struct SheetRows {
    pub sheet: String,
    /// Every sheet of the workbook, in order.
    pub sheets: Vec<String>,
    pub rows: Vec<(u64, Vec<SheetCell>)>,
}

/// Whether the bytes are a workbook (a zip: xlsx, ods; or an OLE file: xls) rather than text.
pub fn is_workbook(bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"\xD0\xCF\x11\xE0")
}

/// Reads the sheet named, or the first visible sheet.
pub fn read(bytes: Vec<u8>, sheet: Option<&str>) -> Result<SheetRows> {
    let mut book = open_workbook_auto_from_rs(std::io::Cursor::new(bytes)).map_err(|e| {
        anyhow!(
            "{}",
            say!(
                en("looks like a workbook but cannot be read as .xlsx, .xls or .ods ({e})"),
                zh("看起来是工作簿，但无法按 .xlsx、.xls 或 .ods 读取（{e}）")
            )
        )
    })?;
    let names: Vec<String> = book.sheet_names();
    // The sheets a clerk sees; a hidden one (a form's lists) is read only when named.
    let visible: Vec<String> = book
        .sheets_metadata()
        .iter()
        .filter(|s| s.visible == SheetVisible::Visible)
        .map(|s| s.name.clone())
        .collect();
    let name = match sheet {
        Some(wanted) => match names.iter().find(|n| n.trim() == wanted.trim()) {
            Some(n) => n.clone(),
            None => bail!(
                "{}",
                say!(
                    en("has no sheet \"{wanted}\"; its sheets: {}", visible.join(", ")),
                    zh("没有名为“{wanted}”的工作表；其中的工作表：{}", visible.join("、"))
                )
            ),
        },
        None => visible
            .first()
            .or_else(|| names.first())
            .cloned()
            .ok_or_else(|| anyhow!("{}", tr("has no sheet", "没有工作表")))?,
    };
    let range = book.worksheet_range(&name).map_err(|e| {
        anyhow!(
            "{}",
            say!(
                en("cannot read the sheet {name}: {e}"),
                zh("无法读取工作表 {name}：{e}")
            )
        )
    })?;
    let (top, left) = range.start().unwrap_or((0, 0));
    let mut rows = Vec::new();
    for (i, r) in range.rows().enumerate() {
        // Cells start at column A whatever the sheet's first used column, so that a position
        // is the column Excel shows.
        let mut cells = vec![SheetCell::text(""); left as usize];
        cells.extend(r.iter().map(cell));
        rows.push((top as u64 + i as u64 + 1, cells));
    }
    Ok(SheetRows {
        sheet: name,
        sheets: visible,
        rows,
    })
}

fn cell(d: &Data) -> SheetCell {
    let (text, kind) = match d {
        Data::Empty => (String::new(), Kind::Text),
        Data::String(s) => (s.clone(), Kind::Text),
        Data::Int(i) => (i.to_string(), Kind::Number(*i as f64)),
        Data::Float(f) => (number_text(*f), Kind::Number(*f)),
        Data::Bool(b) => ((if *b { "yes" } else { "no" }).to_string(), Kind::Bool),
        Data::DateTime(dt) if dt.is_duration() => (number_text(dt.as_f64()), Kind::Number(dt.as_f64())),
        Data::DateTime(dt) => match dt.as_datetime() {
            Some(t) if t.time() == chrono::NaiveTime::MIN => (t.format("%Y-%m-%d").to_string(), Kind::Date),
            Some(t) => (t.format("%Y-%m-%d %H:%M").to_string(), Kind::Date),
            None => (number_text(dt.as_f64()), Kind::Number(dt.as_f64())),
        },
        Data::DateTimeIso(s) => (s.strip_suffix("T00:00:00").unwrap_or(s).to_string(), Kind::Date),
        Data::DurationIso(s) => (s.clone(), Kind::Text),
        Data::Error(e) => (format!("{e}"), Kind::Error),
    };
    SheetCell { text, kind }
}

/// A number as the clerk typed it: whole numbers without a decimal point, and no binary noise
/// from a formula (17.499999999999996 is 17.5). Excel keeps 15 significant digits.
pub fn number_text(f: f64) -> String {
    if f.fract() == 0.0 && f.abs() < 1e15 {
        return format!("{f:.0}");
    }
    let rounded = (f * 1e9).round() / 1e9;
    if rounded.is_finite() && (rounded - f).abs() < 1e-9 * f.abs().max(1.0) {
        format!("{rounded}")
    } else {
        format!("{f}")
    }
}

/// A cell as Excel names it: column 2, row 7 is `B7`.
pub fn cell_name(column: usize, row: u64) -> String {
    let mut letters = Vec::new();
    let mut n = column;
    while n > 0 {
        let r = (n - 1) % 26;
        letters.push((b'A' + r as u8) as char);
        n = (n - 1) / 26;
    }
    letters.iter().rev().collect::<String>() + &row.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_are_named_as_excel_names_them() {
        assert_eq!(cell_name(1, 1), "A1");
        assert_eq!(cell_name(2, 7), "B7");
        assert_eq!(cell_name(26, 3), "Z3");
        assert_eq!(cell_name(27, 3), "AA3");
        assert_eq!(cell_name(703, 10), "AAA10");
    }

    #[test]
    fn numbers_read_as_typed() {
        assert_eq!(number_text(18.0), "18");
        assert_eq!(number_text(17.5), "17.5");
        assert_eq!(number_text(17.499999999999996), "17.5");
        assert_eq!(number_text(0.1 + 0.2), "0.3");
        assert_eq!(number_text(13958212345.0), "13958212345");
        assert_eq!(number_text(-2.25), "-2.25");
    }
}
