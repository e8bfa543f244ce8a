//! What is wrong with a file taken in: its encoding, a cell, and the report of every bad row.

use std::fmt::Write;

use super::{Lang, Render, pick, say};
use crate::csvin::{CellFault, DecodeFault, Message, Problems};
use crate::sheetin;

impl Render for CellFault {
    fn render(&self, lang: Lang) -> String {
        let as_text = || {
            pick(
                lang,
                "format the column as Text (Format Cells > Text) and type the numbers again",
                "请将该列设置为文本格式（设置单元格格式 > 文本）后重新录入",
            )
        };
        match self {
            CellFault::BeyondLastColumn => say!(lang;
                en: "values beyond the last column",
                zh: "超出表头范围的多余数据"),
            CellFault::NoHeader => say!(lang;
                en: "a value under a column with no header",
                zh: "该列没有表头，却填了内容"),
            CellFault::Text(fault) => super::values::text_fault(lang, pick(lang, "the value", "该值"), *fault),
            CellFault::ExcelError => say!(lang;
                en: "the cell shows an Excel error, not a value",
                zh: "单元格显示的是 Excel 错误，不是数值"),
            CellFault::ExcelNumber => {
                let then = as_text();
                say!(lang;
                    en: "Excel stored this as a number (shown as 1.39582E+10), which loses digits; {then}",
                    zh: "Excel 将其存成了数字（显示如 1.39582E+10），号码的位数会丢失；{then}")
            }
            CellFault::ExcelScientific => {
                let then = as_text();
                say!(lang;
                    en: "Excel turned this number into scientific form and its digits are lost; {then}",
                    zh: "Excel 已把这个号码变成科学计数法，部分数字已丢失；{then}")
            }
            CellFault::ExcelDate => say!(lang;
                en: "Excel took this value for a date; format the column as Text (Format Cells > Text) and type it again",
                zh: "Excel 把这个值当成了日期；请将该列设置为文本格式（设置单元格格式 > 文本）后重新录入"),
        }
    }
}

impl Render for Message {
    fn render(&self, lang: Lang) -> String {
        match self {
            Message::Said(s) => s.clone(),
            Message::Cell(f) => f.render(lang),
        }
    }
}

impl Render for DecodeFault {
    fn render(&self, lang: Lang) -> String {
        match *self {
            DecodeFault::NotUtf8 { byte } => say!(lang;
                en: "is not valid UTF-8 (byte {byte})",
                zh: "不是有效的 UTF-8 编码（第 {byte} 字节）"),
            DecodeFault::NotGbk => say!(lang;
                en: "is not valid GBK/GB18030",
                zh: "不是有效的 GBK/GB18030 编码"),
            DecodeFault::MarkedNotUtf8 { byte } => say!(lang;
                en: "starts with a UTF-8 mark but is not valid UTF-8 (byte {byte})",
                zh: "带 UTF-8 标记但内容不是有效的 UTF-8（第 {byte} 字节）"),
            DecodeFault::Utf16 => say!(lang;
                en: "is UTF-16 (\"Unicode text\"); save it from Excel as \"CSV UTF-8\" or \"CSV\"",
                zh: "是 UTF-16 编码（Unicode 文本），请在 Excel 中另存为“CSV UTF-8”或“CSV”"),
            DecodeFault::Mixed { line } => say!(lang;
                en: "mixes encodings: it is UTF-8 up to a byte that is not, on line {line}; save it again from Excel as \"CSV UTF-8\", or name the encoding with --encoding",
                zh: "混用了编码：前面是 UTF-8，但其后出现非 UTF-8 字节，位于第 {line} 行；请在 Excel 中重新另存为“CSV UTF-8”，或用 --encoding 指定编码"),
            DecodeFault::Neither => say!(lang;
                en: "is neither UTF-8 nor GBK/GB18030; name the encoding with --encoding",
                zh: "既不是 UTF-8 也不是 GBK/GB18030 编码，请用 --encoding 指定"),
        }
    }
}

/// How many rows with the same message are listed before the rest are counted.
const SAME_SHOWN: usize = 3;

impl Render for Problems {
    fn render(&self, lang: Lang) -> String {
        let mut f = String::new();
        let mut lines: Vec<u64> = self.items.iter().map(|p| p.line).collect();
        lines.dedup();
        let (file, bad) = (&self.file, lines.len());
        f += &say!(lang;
            en: "{file}: {bad} bad rows; nothing was written",
            zh: "{file}：{bad} 行有误，未写入任何数据");
        if self.rows_in_file >= 5 && lines.len() >= self.rows_in_file {
            f += &say!(lang;
                en: "\n  every row was refused: is it the right file, the right term (--term), and were the earlier stages imported first (org, then nominate, then score)?",
                zh: "\n  所有行均被拒绝：请确认文件是否正确、届期是否正确（--term），以及是否已按顺序先导入片组单位、推荐表，再导入评分");
        }
        // A message repeated on many rows (a missing unit, a missing --source) is listed a few
        // times, then counted.
        let mut shown: Vec<(String, usize, Vec<u64>)> = Vec::new();
        for p in &self.items {
            let message = p.message.render(lang);
            let i = match shown.iter().position(|(m, _, _)| *m == message) {
                Some(i) => i,
                None => {
                    shown.push((message.clone(), 0, Vec::new()));
                    shown.len() - 1
                }
            };
            let seen = &mut shown[i];
            seen.1 += 1;
            if seen.1 > SAME_SHOWN {
                seen.2.push(p.line);
                continue;
            }
            let (line, row, value) = (p.line, p.sheet_row, &p.value);
            let header = |h: &str| if h.is_empty() { String::new() } else { format!(" ({h})") };
            match (&self.sheet, &p.column) {
                (Some(sheet), Some((pos, h))) => {
                    let (cell, h) = (sheetin::cell_name(*pos, line), header(h));
                    f += &say!(lang;
                        en: "\n  {sheet}!{cell}{h}, value \"{value}\"",
                        zh: "\n  {sheet}!{cell}{h}，值 \"{value}\"");
                }
                (Some(sheet), None) => f += &say!(lang; en: "\n  {sheet} row {line}", zh: "\n  {sheet} 第 {line} 行"),
                (None, column) => {
                    f += &say!(lang; en: "\n  line {line}", zh: "\n  第 {line} 行");
                    if row != line && row > 0 {
                        f += &say!(lang; en: " (spreadsheet row {row})", zh: "（表格第 {row} 行）");
                    }
                    if let Some((pos, h)) = column {
                        let h = header(h);
                        f += &say!(lang;
                            en: ", column {pos}{h}, value \"{value}\"",
                            zh: "，第 {pos} 列{h}，值 \"{value}\"");
                    }
                }
            }
            f += pick(lang, ": ", "：");
            f += &message;
        }
        for (message, _, more) in shown.iter_mut().filter(|(_, _, more)| !more.is_empty()) {
            // Two cells of one row with the same message are one row more.
            more.dedup();
            let (n, first, last) = (more.len(), more[0], more[more.len() - 1]);
            let lines = if self.sheet.is_some() { "rows" } else { "lines" };
            let _ = write!(
                f,
                "{}",
                say!(lang;
                    en: "\n  {n} more rows ({lines} {first}–{last}) the same: {message}",
                    zh: "\n  另有 {n} 行（第 {first}–{last} 行）同样：{message}")
            );
        }
        f
    }
}

super::display_in_the_run_language!(Problems, DecodeFault);

#[cfg(test)]
pub fn examples_cell() -> Vec<CellFault> {
    use crate::core::text::TextFault;
    let all = vec![
        CellFault::BeyondLastColumn,
        CellFault::NoHeader,
        CellFault::Text(TextFault::TooLong { chars: 300, max: 200 }),
        CellFault::Text(TextFault::Control { ch: '\n', at: 4 }),
        CellFault::Text(TextFault::Control { ch: '\u{7}', at: 4 }),
        CellFault::Text(TextFault::Bidi { ch: '\u{202e}', at: 1 }),
        CellFault::ExcelError,
        CellFault::ExcelNumber,
        CellFault::ExcelScientific,
        CellFault::ExcelDate,
    ];
    for c in &all {
        match c {
            CellFault::BeyondLastColumn
            | CellFault::NoHeader
            | CellFault::Text(TextFault::TooLong { .. } | TextFault::Control { .. } | TextFault::Bidi { .. })
            | CellFault::ExcelError
            | CellFault::ExcelNumber
            | CellFault::ExcelScientific
            | CellFault::ExcelDate => {}
        }
    }
    all
}

#[cfg(test)]
pub fn examples_decode() -> Vec<DecodeFault> {
    let all = vec![
        DecodeFault::NotUtf8 { byte: 7 },
        DecodeFault::NotGbk,
        DecodeFault::MarkedNotUtf8 { byte: 9 },
        DecodeFault::Utf16,
        DecodeFault::Mixed { line: 2 },
        DecodeFault::Neither,
    ];
    for d in &all {
        match d {
            DecodeFault::NotUtf8 { .. }
            | DecodeFault::NotGbk
            | DecodeFault::MarkedNotUtf8 { .. }
            | DecodeFault::Utf16
            | DecodeFault::Mixed { .. }
            | DecodeFault::Neither => {}
        }
    }
    all
}
