//! Workbooks for the clerk: a listing as a sheet (a title row with the term, headers in the
//! language asked for, numbers as numbers, widths that fit Chinese text, the header frozen),
//! and blank or pre-filled forms with drop-down lists.
//!
//! rust_xlsxwriter writes the xlsx parts (shared strings, styles, data validation, frozen
//! panes) that Excel, WPS and LibreOffice all read; writing that XML by hand is not worth it.

use anyhow::{Context, Result};
use rust_xlsxwriter::{DataValidation, Format, FormatAlign, Formula, Workbook, Worksheet, XlsxError};
use unicode_width::UnicodeWidthStr;

use crate::i18n::tr;
use crate::output::{Cell, Listing};

/// Rows of a form that get the drop-down lists and the text format.
const FORM_ROWS: u32 = 500;

/// The title row and the header row come before the data.
const FIRST_DATA_ROW: u32 = 2;

/// A sheet name as Excel allows it: at most 31 characters, none of `[]:*?/\`.
pub fn sheet_name(s: &str) -> String {
    let clean: String = s
        .chars()
        .filter(|c| !matches!(c, '[' | ']' | ':' | '*' | '?' | '/' | '\\'))
        .take(31)
        .collect();
    let clean = clean.trim_matches('\'').trim().to_string();
    if clean.is_empty() { "Sheet1".to_string() } else { clean }
}

/// The width Excel needs for a text: Chinese characters take two columns.
fn text_width(s: &str) -> usize {
    s.lines().map(UnicodeWidthStr::width).max().unwrap_or(0)
}

/// The lines a text takes in a column of this width (in Excel's character widths).
fn wrapped_lines(text: &str, width: f64) -> usize {
    let room = (width - 2.0).max(1.0) as usize;
    // Lines break between words, so a wrapped line holds somewhat less than the column's width.
    let wrapped = (room * 17 / 20).max(1);
    text.lines()
        .map(|l| match UnicodeWidthStr::width(l) {
            w if w <= room => 1,
            w => w.div_ceil(wrapped),
        })
        .sum::<usize>()
        .max(1)
}

/// The width a header asks of its column at most; a longer one wraps.
const HEADER_WIDTH: usize = 12;

/// The widest a column grows to fit its texts; a longer text wraps.
const MAX_WIDTH: usize = 50;

fn column_width(widths: impl Iterator<Item = usize>) -> f64 {
    (widths.max().unwrap_or(0).clamp(6, MAX_WIDTH) + 2) as f64
}

fn title_format() -> Format {
    Format::new()
        .set_bold()
        .set_font_size(14)
        .set_align(FormatAlign::Center)
        .set_align(FormatAlign::VerticalCenter)
}

fn header_format() -> Format {
    Format::new()
        .set_bold()
        .set_background_color("#DDEBF7")
        .set_border(rust_xlsxwriter::FormatBorder::Thin)
        .set_align(FormatAlign::Center)
        .set_align(FormatAlign::VerticalCenter)
        .set_text_wrap()
}

/// Writes the title across the columns and the headers under it, and freezes both.
fn head(ws: &mut Worksheet, title: &str, headers: &[String]) -> Result<(), XlsxError> {
    let last = headers.len().saturating_sub(1) as u16;
    if last > 0 {
        ws.merge_range(0, 0, 0, last, title, &title_format())?;
    } else {
        ws.write_string_with_format(0, 0, title, &title_format())?;
    }
    ws.set_row_height(0, 24)?;
    for (i, h) in headers.iter().enumerate() {
        ws.write_string_with_format(1, i as u16, h, &header_format())?;
    }
    ws.set_freeze_panes(FIRST_DATA_ROW, 0)?;
    ws.set_repeat_rows(0, 1)?;
    // Printed: A4 landscape, every column on the page's width.
    ws.set_paper_size(9).set_landscape().set_print_fit_to_pages(1, 0);
    Ok(())
}

/// The decimals a number is shown with, read from the text people see ("17.50" has two).
fn decimals(text: &str) -> usize {
    text.split_once('.')
        .map(|(_, frac)| frac.chars().take_while(char::is_ascii_digit).count())
        .unwrap_or(0)
}

/// The marks after a number's digits that its cell shows too: "%" and the "…" of a cut decimal.
fn suffix(text: &str) -> &str {
    let digits = text.trim_end_matches(['…', '%']).len();
    &text[digits..]
}

/// Listings as a workbook, one sheet each.
pub fn listings(ls: &[Listing], title: &str, sheet: &str) -> Result<Vec<u8>> {
    let named: Vec<Sheet> = ls
        .iter()
        .enumerate()
        .map(|(i, l)| Sheet {
            name: match i {
                0 => sheet_name(sheet),
                _ => format!("{} {}", sheet_name(sheet).chars().take(26).collect::<String>(), i + 1),
            },
            title: title.to_string(),
            listing: l,
        })
        .collect();
    sheets(&named)
}

/// One sheet of a workbook of several listings: its name (made one Excel allows), the title
/// over its table, and the listing.
pub struct Sheet<'a> {
    pub name: String,
    pub title: String,
    pub listing: &'a Listing,
}

/// Named listings as a workbook, one sheet each, in order.
pub fn sheets(list: &[Sheet]) -> Result<Vec<u8>> {
    let build = || -> Result<Vec<u8>, XlsxError> {
        let mut wb = Workbook::new();
        for s in list {
            listing(wb.add_worksheet().set_name(sheet_name(&s.name))?, s.listing, &s.title)?;
        }
        wb.save_to_buffer()
    };
    build().context(tr("cannot make the workbook", "无法生成工作簿"))
}

/// A listing on a sheet.
fn listing(ws: &mut Worksheet, l: &Listing, title: &str) -> Result<(), XlsxError> {
    {
        let headers: Vec<String> = l.cols.iter().map(|c| c.label.clone()).collect();
        head(ws, title, &headers)?;
        let wrap = Format::new().set_text_wrap().set_align(FormatAlign::Top);
        let widths: Vec<f64> = headers
            .iter()
            .enumerate()
            .map(|(c, h)| {
                // A long header wraps over a column of short values (a count under
                // "淘汰：不符合推荐条件"); the values set the width.
                let texts = l.rows.iter().map(|row| text_width(&row[c].text()));
                column_width(std::iter::once(text_width(h).min(HEADER_WIDTH)).chain(texts))
            })
            .collect();
        for (c, w) in widths.iter().enumerate() {
            ws.set_column_width(c as u16, *w)?;
        }
        let header_lines = headers.iter().zip(&widths).map(|(h, w)| wrapped_lines(h, *w)).max();
        if let Some(n) = header_lines.filter(|&n| n > 1) {
            ws.set_row_height(1, 15.0 * n as f64)?;
        }
        for (r, row) in l.rows.iter().enumerate() {
            let r = FIRST_DATA_ROW + r as u32;
            // A row as high as its most wrapped text, which not every program works out.
            let lines = row
                .iter()
                .zip(&widths)
                .map(|(cell, w)| wrapped_lines(&cell.text(), *w))
                .max()
                .unwrap_or(1);
            let tall = lines > 1;
            if tall {
                ws.set_row_height(r, 15.0 * lines as f64)?;
            }
            // In a tall row every cell stands at the top, beside the first line of the text.
            let top = |f: Format| if tall { f.set_align(FormatAlign::Top) } else { f };
            for (c, cell) in row.iter().enumerate() {
                let c = c as u16;
                match cell {
                    Cell::Int(i) => {
                        ws.write_number_with_format(r, c, *i as f64, &top(Format::new()))?;
                    }
                    Cell::Num(f, text) if f.is_finite() => {
                        let d = decimals(text);
                        let mut fmt = if d == 0 {
                            "0".to_string()
                        } else {
                            format!("0.{}", "0".repeat(d))
                        };
                        // A rate of 98.75 shown as "98.75%" stays the number 98.75, and a
                        // decimal cut short ("92.3333…") shows its "…": nothing looks exact
                        // unless it is.
                        let suffix = suffix(text);
                        if !suffix.is_empty() {
                            fmt += &format!("\"{suffix}\"");
                        }
                        ws.write_number_with_format(r, c, *f, &top(Format::new().set_num_format(fmt)))?;
                    }
                    Cell::Null => {}
                    other => {
                        let t = other.text();
                        // A text wider than its column wraps within it, rather than running
                        // over its neighbours and off the printed page.
                        if t.contains('\n') || text_width(&t) > MAX_WIDTH {
                            ws.write_string_with_format(r, c, &t, &wrap)?;
                        } else {
                            ws.write_string_with_format(r, c, &t, &top(Format::new()))?;
                        }
                    }
                }
            }
        }
    }
    Ok(())
}

/// One column of a form: its header, the choices of its drop-down list (if any), and whether
/// its cells are text (numbers such as phones and staff numbers that Excel must not turn into
/// floats).
pub struct FormColumn {
    pub header: String,
    pub choices: Vec<String>,
    pub text: bool,
}

/// A form to fill in: title, headers, drop-down lists on the columns that have choices (kept
/// on a hidden sheet, so that a long list of units fits), and rows already filled; one sheet
/// for each name given.
pub fn form(title: &str, sheets: &[(String, Vec<Vec<String>>)], columns: &[FormColumn]) -> Result<Vec<u8>> {
    let build = || -> Result<Vec<u8>, XlsxError> {
        let mut wb = Workbook::new();
        // In Chinese, as the forms are (see commands::template).
        let lists_name = "选项";
        let headers: Vec<String> = columns.iter().map(|c| c.header.clone()).collect();
        for (sheet, rows) in sheets {
            let last_row = FIRST_DATA_ROW + FORM_ROWS.max(rows.len() as u32) - 1;
            let ws = wb.add_worksheet();
            ws.set_name(sheet_name(sheet))?;
            head(ws, title, &headers)?;
            let text = Format::new().set_num_format("@");
            let mut list_col = 0u16;
            for (c, col) in columns.iter().enumerate() {
                let c16 = c as u16;
                if col.text {
                    ws.set_column_format(c16, &text)?;
                }
                if !col.choices.is_empty() {
                    let letter = crate::sheetin::cell_name(list_col as usize + 1, 1);
                    let letter = letter.trim_end_matches('1');
                    let formula = format!("='{lists_name}'!${letter}$1:${letter}${}", col.choices.len());
                    let dv = DataValidation::new()
                        .allow_list_formula(Formula::new(formula))
                        .set_error_title("不在列表中")?
                        .set_error_message("请从下拉列表中选择。")?;
                    ws.add_data_validation(FIRST_DATA_ROW, c16, last_row, c16, &dv)?;
                    list_col += 1;
                }
                let widths = std::iter::once(text_width(&col.header))
                    .chain(col.choices.iter().map(|s| text_width(s)))
                    .chain(rows.iter().map(|r| r.get(c).map_or(0, |s| text_width(s))));
                ws.set_column_width(c16, column_width(widths))?;
            }
            for (r, row) in rows.iter().enumerate() {
                for (c, v) in row.iter().enumerate() {
                    let (r, text) = (FIRST_DATA_ROW + r as u32, columns.get(c).is_some_and(|c| c.text));
                    match v.parse::<f64>() {
                        _ if v.is_empty() => {}
                        Ok(n) if !text && n.is_finite() => {
                            ws.write_number(r, c as u16, n)?;
                        }
                        _ => {
                            ws.write_string(r, c as u16, v)?;
                        }
                    }
                }
            }
        }
        if columns.iter().any(|c| !c.choices.is_empty()) {
            let lists = wb.add_worksheet();
            lists.set_name(lists_name)?;
            for (i, col) in columns.iter().filter(|c| !c.choices.is_empty()).enumerate() {
                for (r, v) in col.choices.iter().enumerate() {
                    lists.write_string(r as u32, i as u16, v)?;
                }
            }
            lists.set_hidden(true);
        }
        wb.save_to_buffer()
    };
    build().context(tr("cannot make the workbook", "无法生成工作簿"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sheet_names_are_what_excel_allows() {
        assert_eq!(sheet_name("2026/候选[名单]"), "2026候选名单");
        assert_eq!(sheet_name(""), "Sheet1");
        assert_eq!(sheet_name(&"长".repeat(40)).chars().count(), 31);
    }

    #[test]
    fn a_text_wider_than_its_column_takes_the_lines_it_wraps_to() {
        // A column sized to its widest text holds it on one line.
        let w = column_width([8].into_iter());
        assert_eq!(wrapped_lines("北仑海关", w), 1);
        assert_eq!(wrapped_lines("", w), 1);
        // 30 codes of a proposed list in a column of the widest width: several lines, and
        // a little more than the bare quotient, as lines break between words.
        let list = vec!["P2026-008"; 30].join("；");
        let w = column_width([text_width(&list)].into_iter());
        assert_eq!(w, (MAX_WIDTH + 2) as f64);
        let bare = text_width(&list).div_ceil(MAX_WIDTH);
        assert!(wrapped_lines(&list, w) > bare, "{}", wrapped_lines(&list, w));
        // Each line of a text of several counts on its own.
        assert_eq!(wrapped_lines("甲\n乙\n丙", w), 3);
        // A long header asks for no more than HEADER_WIDTH, and wraps over short values.
        let header = "淘汰：不符合推荐条件（逾期、越级、超额）";
        let w = column_width([text_width(header).min(HEADER_WIDTH), 3].into_iter());
        assert_eq!(w, (HEADER_WIDTH + 2) as f64);
        assert!(wrapped_lines(header, w) >= 3);
    }

    #[test]
    fn widths_count_chinese_twice_and_decimals_come_from_the_text() {
        assert_eq!(text_width("北仑海关"), 8);
        assert_eq!(text_width("ab\n北仑"), 4);
        assert_eq!(decimals("17.50"), 2);
        assert_eq!(decimals("17.333…"), 3);
        assert_eq!(decimals("18"), 0);
        assert_eq!(suffix("92.3333…"), "…");
        assert_eq!(suffix("97.9899…%"), "…%");
        assert_eq!(suffix("98%"), "%");
        assert_eq!(suffix("18"), "");
    }
}
