//! Reading the clerk's CSV files, for every import: encoding, headers by name, and bad rows
//! reported all at once with line, column and value.

use std::path::Path;

use anyhow::{Context, Result, bail};

use crate::i18n::tr;
use crate::messages::say;
use crate::sheetin::{self, Kind, SheetCell};

/// How a file's bytes are decoded; decided once per file.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Encoding {
    #[value(name = "utf-8", alias = "utf8")]
    Utf8,
    #[value(name = "gbk", alias = "gb18030", alias = "gb2312")]
    Gbk,
}

impl Encoding {
    fn name(self) -> &'static str {
        match self {
            Encoding::Utf8 => "UTF-8",
            Encoding::Gbk => "GB18030/GBK",
        }
    }
}

/// One column a file may carry: its key (the English glossary name) and every header
/// accepted for it, in English and Chinese.
#[derive(Clone, Copy, Debug)]
pub struct Column {
    pub key: &'static str,
    pub names: &'static [&'static str],
    pub required: bool,
}

/// Headers that forms often carry and that are ignored.
const SERIAL_HEADERS: &[&str] = &["序号", "no.", "no", "#"];

/// Columns of free text, where a line break inside a quoted cell is kept; every other value
/// is one line.
const MULTILINE_KEYS: &[&str] = &["deeds", "finding", "note"];

/// Columns of numbers that are text (a phone, a staff number): Excel turns them into floats
/// and shows `1.39582E+10`, losing digits and leading zeros.
const TEXT_NUMBER_KEYS: &[&str] = &["phone", "staff_no"];

/// Columns of dates, where a cell Excel typed as a date is what the clerk meant.
const DATE_KEYS: &[&str] = &["date", "submitted_on"];

/// "1.39582E+10": a number Excel wrote in scientific form into a CSV file.
fn scientific(v: &str) -> bool {
    let v = v.trim();
    let Some((mantissa, exponent)) = v.split_once(['E', 'e']) else {
        return false;
    };
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    let (whole, frac) = mantissa.split_once('.').unwrap_or((mantissa, "0"));
    digits(whole) && digits(frac) && digits(exponent.trim_start_matches('+'))
}

/// What is wrong with a cell for its column because of how Excel typed it, if anything.
fn typed_problem(key: &str, text: &str, kind: Kind) -> Option<CellFault> {
    match kind {
        Kind::Error => Some(CellFault::ExcelError),
        Kind::Number(f) if TEXT_NUMBER_KEYS.contains(&key) && (f.fract() != 0.0 || f.abs() >= 1e10) => {
            Some(CellFault::ExcelNumber)
        }
        Kind::Text if TEXT_NUMBER_KEYS.contains(&key) && scientific(text) => Some(CellFault::ExcelScientific),
        Kind::Date if !DATE_KEYS.contains(&key) => Some(CellFault::ExcelDate),
        _ => None,
    }
}

/// What the file itself finds wrong with a cell or a row.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CellFault {
    BeyondLastColumn,
    NoHeader,
    Text(crate::core::text::TextFault),
    /// The cell shows an Excel error (`#N/A`).
    ExcelError,
    /// A phone or staff number stored as a number, which loses digits.
    ExcelNumber,
    /// A number Excel turned into scientific form as text.
    ExcelScientific,
    /// A value Excel took for a date.
    ExcelDate,
}

/// The message of a problem: the caller's words, or a fault the file reader found.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Message {
    Said(String),
    Cell(CellFault),
}

impl From<String> for Message {
    fn from(s: String) -> Message {
        Message::Said(s)
    }
}

impl From<&str> for Message {
    fn from(s: &str) -> Message {
        Message::Said(s.to_string())
    }
}

impl From<CellFault> for Message {
    fn from(f: CellFault) -> Message {
        Message::Cell(f)
    }
}

/// The line of a quote that opens a value and is never closed, which would swallow the rest
/// of the file into one cell.
fn unclosed_quote(text: &str) -> Option<u64> {
    let mut chars = text.chars().peekable();
    let (mut line, mut opened, mut quoted, mut field_start) = (1, 0, false, true);
    while let Some(c) = chars.next() {
        match c {
            '"' if quoted => {
                if chars.peek() == Some(&'"') {
                    chars.next();
                } else {
                    quoted = false;
                }
            }
            '"' if field_start => {
                quoted = true;
                opened = line;
            }
            '\n' => line += 1,
            _ => {}
        }
        field_start = !quoted && matches!(c, ',' | '\n' | '\r');
    }
    quoted.then_some(opened)
}

/// A file decoded, its headers read: CSV text, or the rows of a workbook's sheet.
pub struct Decoded {
    pub name: String,
    pub encoding: Encoding,
    /// The sheet read, for a workbook; CSV files have none.
    pub sheet: Option<String>,
    pub text: String,
    /// A sheet's rows, from its first used row; empty for CSV.
    grid: Vec<(u64, Vec<SheetCell>)>,
    /// The index in `grid` of the header row.
    header: usize,
    /// The other sheets of the workbook.
    others: Vec<String>,
    pub headers: Vec<String>,
}

fn norm_header(h: &str) -> String {
    h.trim_matches(|c: char| c.is_whitespace() || c == '\u{feff}' || c == '*' || c == '＊')
        .to_lowercase()
}

/// How many rows above the header a sheet may have (a title, a subtitle, a note).
const TITLE_ROWS: usize = 5;

/// Decodes a file: a workbook's sheet (the one named, else the first); else text as a UTF-8
/// BOM, else strict UTF-8, else strict GB18030; `forced` overrides.
pub fn decode(path: &Path, forced: Option<Encoding>, sheet: Option<&str>) -> Result<Decoded> {
    let name = path.display().to_string();
    let bytes = std::fs::read(path).with_context(|| format!("{} {name}", tr("cannot read", "无法读取")))?;
    if sheetin::is_workbook(&bytes) {
        if forced.is_some() {
            bail!(
                "{name}: {}",
                tr(
                    "--encoding is for CSV files; a workbook says its own",
                    "--encoding 只用于 CSV 文件，工作簿自带编码"
                )
            );
        }
        return decode_sheet(
            name,
            sheetin::read(bytes, sheet).with_context(|| path.display().to_string())?,
        );
    }
    if let Some(sheet) = sheet {
        bail!(
            "{name}: {} (--sheet {sheet})",
            tr(
                "is a CSV file, which has no sheets; --sheet is for workbooks",
                "是 CSV 文件，没有工作表；--sheet 只用于工作簿"
            )
        );
    }
    let (encoding, text) = decode_owned(bytes, forced).with_context(|| name.clone())?;
    if let Some(line) = unclosed_quote(&text) {
        bail!(
            "{}: {} {line} {}",
            name,
            tr("a quote opened on line", "第"),
            tr(
                "is never closed; every quoted value needs its closing \"",
                "行的引号没有闭合；每个带引号的值都需要结尾的 \""
            )
        );
    }
    let mut reader = csv::ReaderBuilder::new().flexible(true).from_reader(text.as_bytes());
    let headers = reader
        .headers()
        .with_context(|| format!("{name}: {}", tr("cannot read the header line", "无法读取表头行")))?
        .iter()
        .map(|h| {
            h.trim_matches(|c: char| c.is_whitespace() || c == '\u{feff}')
                .to_string()
        })
        .collect::<Vec<_>>();
    if headers.iter().all(|h| h.is_empty()) {
        bail!(
            "{name}: {}",
            tr("the file is empty or has no header line", "文件为空或没有表头行")
        );
    }
    Ok(Decoded {
        name,
        encoding,
        sheet: None,
        text,
        grid: Vec::new(),
        header: 0,
        others: Vec::new(),
        headers,
    })
}

/// A sheet's header is the first row with two or more values: a title above it is one value,
/// often across merged cells. Once the columns are known, a row further down that names them
/// is taken instead (a subtitle such as "填报单位：… 日期：…" has two values too).
fn decode_sheet(name: String, sheet: sheetin::SheetRows) -> Result<Decoded> {
    let filled = |cells: &[SheetCell]| cells.iter().filter(|c| !c.text.trim().is_empty()).count();
    let Some(at) = sheet
        .rows
        .iter()
        .take(TITLE_ROWS + 1)
        .position(|(_, cells)| filled(cells) >= 2)
        .or_else(|| sheet.rows.iter().position(|(_, cells)| filled(cells) >= 1))
    else {
        bail!(
            "{name}: {}",
            say!(
                en("the sheet \"{}\" is empty", sheet.sheet),
                zh("工作表“{}”是空的", sheet.sheet)
            )
        );
    };
    let headers = header_texts(&sheet.rows[at].1);
    let others = sheet.sheets.iter().filter(|s| **s != sheet.sheet).cloned().collect();
    Ok(Decoded {
        name,
        encoding: Encoding::Utf8,
        sheet: Some(sheet.sheet),
        text: String::new(),
        grid: sheet.rows,
        header: at,
        others,
        headers,
    })
}

fn header_texts(cells: &[SheetCell]) -> Vec<String> {
    cells.iter().map(|c| c.text.trim().to_string()).collect()
}

fn names_a_column(headers: &[String], columns: &[Column]) -> bool {
    headers.iter().any(|h| {
        columns
            .iter()
            .any(|c| c.names.iter().any(|n| norm_header(n) == norm_header(h)))
    })
}

/// As `decode_bytes`, but a UTF-8 file, the usual one, becomes its text in the buffer it was
/// read into, without a copy the size of the file.
fn decode_owned(bytes: Vec<u8>, forced: Option<Encoding>) -> std::result::Result<(Encoding, String), DecodeFault> {
    if forced == Some(Encoding::Gbk) {
        return decode_bytes(&bytes, forced);
    }
    match String::from_utf8(bytes) {
        Ok(mut text) => {
            if text.starts_with('\u{feff}') {
                text.drain(..'\u{feff}'.len_utf8());
            }
            Ok((Encoding::Utf8, text))
        }
        Err(e) => decode_bytes(e.as_bytes(), forced),
    }
}

/// Why the bytes of a file do not decode as text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DecodeFault {
    /// `--encoding utf8`, and the byte where it stops being UTF-8.
    NotUtf8 {
        byte: usize,
    },
    NotGbk,
    /// A UTF-8 mark, then a byte that is not UTF-8.
    MarkedNotUtf8 {
        byte: usize,
    },
    Utf16,
    /// UTF-8 with Chinese in it up to this line, then not.
    Mixed {
        line: usize,
    },
    Neither,
}

impl std::error::Error for DecodeFault {}

fn decode_bytes(bytes: &[u8], forced: Option<Encoding>) -> std::result::Result<(Encoding, String), DecodeFault> {
    let utf8 = |b: &[u8]| std::str::from_utf8(b).map(str::to_string);
    let gbk = |b: &[u8]| {
        encoding_rs::GB18030
            .decode_without_bom_handling_and_without_replacement(b)
            .map(|c| c.into_owned())
    };
    let body = bytes.strip_prefix(b"\xEF\xBB\xBF");
    match forced {
        Some(Encoding::Utf8) => utf8(body.unwrap_or(bytes))
            .map(|t| (Encoding::Utf8, t))
            .map_err(|e| DecodeFault::NotUtf8 { byte: e.valid_up_to() }),
        Some(Encoding::Gbk) => gbk(bytes).map(|t| (Encoding::Gbk, t)).ok_or(DecodeFault::NotGbk),
        None => {
            if let Some(b) = body {
                return utf8(b)
                    .map(|t| (Encoding::Utf8, t))
                    .map_err(|e| DecodeFault::MarkedNotUtf8 {
                        byte: e.valid_up_to() + 3,
                    });
            }
            if bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF") {
                return Err(DecodeFault::Utf16);
            }
            let e = match std::str::from_utf8(bytes) {
                Ok(t) => return Ok((Encoding::Utf8, t.to_string())),
                Err(e) => e,
            };
            // Chinese text in UTF-8 before the first bad byte means a mixed file, not GBK:
            // decoding it all as GBK would turn every earlier character into nonsense.
            // Only whole lines count, and only Chinese in them: a few GBK characters happen to
            // be valid UTF-8 byte sequences too ("甬" begins one), but never a whole line of text.
            let prefix = &bytes[..e.valid_up_to()];
            let whole_lines = &prefix[..prefix.iter().rposition(|&b| b == b'\n').unwrap_or(0)];
            let chinese = std::str::from_utf8(whole_lines)
                .map(|t| {
                    t.chars().any(
                        |c| matches!(c, '\u{3000}'..='\u{303F}' | '\u{4E00}'..='\u{9FFF}' | '\u{FF00}'..='\u{FFEF}'),
                    )
                })
                .unwrap_or(false);
            if chinese {
                let line = prefix.iter().filter(|&&b| b == b'\n').count() + 1;
                return Err(DecodeFault::Mixed { line });
            }
            gbk(bytes).map(|t| (Encoding::Gbk, t)).ok_or(DecodeFault::Neither)
        }
    }
}

fn find_in(headers: &[String], col: &Column) -> Option<usize> {
    headers.iter().position(|h| {
        let h = norm_header(h);
        col.names.iter().any(|n| norm_header(n) == h)
    })
}

/// One data row: its line in the file and its values by column key, trimmed.
pub struct Row {
    pub line: u64,
    /// The row a spreadsheet shows: the header is row 1, each record one row, however
    /// many lines its quoted cells take in the file.
    pub sheet_row: u64,
    values: Vec<Option<String>>,
}

/// A file read against a set of columns and checked whole. Its rows are not kept: `rows`
/// reads them again from the decoded text (or the sheet's cells) one at a time, so that a
/// large file is never held in memory as rows.
pub struct CsvFile {
    pub name: String,
    pub encoding: Encoding,
    pub sheet: Option<String>,
    columns: &'static [Column],
    /// For each column of `columns`, its 1-based position and header in the file.
    found: Vec<Option<(usize, String)>>,
    /// The decoded text of a CSV file; empty for a workbook.
    text: String,
    /// A sheet's rows below its header; empty for CSV.
    grid: Vec<(u64, Vec<SheetCell>)>,
    /// How many columns the header has.
    width: usize,
    /// The columns with a blank header, whose cells must stay empty.
    blank: Vec<usize>,
    /// How many data rows the file has (blank lines are not rows).
    rows_in_file: usize,
}

impl Decoded {
    /// True when every required column of `columns` is among the headers.
    pub fn fits(&self, columns: &[Column]) -> bool {
        let all = |headers: &[String]| {
            columns
                .iter()
                .filter(|c| c.required)
                .all(|c| find_in(headers, c).is_some())
        };
        all(&self.headers) || self.header_rows().any(|(_, h)| all(&h))
    }

    /// The rows of a sheet that may be its header, with their texts.
    fn header_rows(&self) -> impl Iterator<Item = (usize, Vec<String>)> + '_ {
        self.grid
            .iter()
            .take(TITLE_ROWS + 1)
            .enumerate()
            .map(|(i, (_, cells))| (i, header_texts(cells)))
    }

    /// Takes as a sheet's header the first row that names one of the columns, when the row
    /// taken at first names none.
    fn choose_header(&mut self, columns: &[Column]) {
        if self.sheet.is_none() || names_a_column(&self.headers, columns) {
            return;
        }
        let found = self.header_rows().find(|(_, h)| names_a_column(h, columns));
        if let Some((i, headers)) = found {
            self.header = i;
            self.headers = headers;
        }
    }

    fn find(&self, col: &Column) -> Option<usize> {
        find_in(&self.headers, col)
    }

    /// For a header that does not fit: the workbook's other sheets, one of which may be meant.
    pub fn other_sheets(&self) -> String {
        match self.others.is_empty() {
            true => String::new(),
            false => say!(
                en(
                    "\n  the workbook's other sheets: {}; choose one with --sheet NAME",
                    self.others.join(", ")
                ),
                zh(
                    "\n  工作簿中的其他工作表：{}；可用 --sheet 工作表名 选择",
                    self.others.join("、")
                )
            ),
        }
    }

    /// Where the header is, for a message about it.
    fn header_place(&self) -> String {
        match (&self.sheet, self.grid.get(self.header)) {
            (Some(sheet), Some((row, _))) => say!(
                en("{}, sheet {sheet}, header row {row}", self.name),
                zh("{}，工作表“{sheet}”第 {row} 行表头", self.name)
            ),
            _ => self.name.clone(),
        }
    }

    /// Matches headers to columns by name and reads every row. Unknown and missing
    /// columns are named; structural CSV faults give the line.
    pub fn parse(mut self, columns: &'static [Column]) -> Result<CsvFile> {
        self.choose_header(columns);
        let mut found = Vec::with_capacity(columns.len());
        let mut missing = Vec::new();
        for col in columns {
            match self.find(col) {
                Some(i) => found.push(Some((i + 1, self.headers[i].clone()))),
                None => {
                    if col.required {
                        missing.push(col.names.join("/"));
                    }
                    found.push(None);
                }
            }
        }
        // Blank headers are the empty columns Excel leaves at the right; their cells must be empty.
        let mut blank = Vec::new();
        let mut unknown = Vec::new();
        for (i, h) in self.headers.iter().enumerate() {
            let known = found.iter().flatten().any(|(pos, _)| *pos == i + 1);
            let serial = SERIAL_HEADERS.contains(&norm_header(h).as_str());
            if h.trim().is_empty() {
                blank.push(i);
            } else if !known && !serial {
                unknown.push(format!("\"{h}\""));
            }
        }
        let mut dup = Vec::new();
        for (i, f) in found.iter().enumerate() {
            if f.is_some() {
                let col = &columns[i];
                let hits = self
                    .headers
                    .iter()
                    .filter(|h| col.names.iter().any(|n| norm_header(n) == norm_header(h)))
                    .count();
                if hits > 1 {
                    dup.push(col.names.join("/"));
                }
            }
        }
        if !missing.is_empty() || !unknown.is_empty() || !dup.is_empty() {
            let mut msg = format!(
                "{}: {}",
                self.header_place(),
                tr("the header line does not fit", "表头不符合要求")
            );
            if !missing.is_empty() {
                msg += &format!(
                    "\n  {}: {}",
                    tr("missing required columns", "缺少必填列"),
                    missing.join(", ")
                );
            }
            if !unknown.is_empty() {
                msg += &format!("\n  {}: {}", tr("unknown columns", "无法识别的列"), unknown.join(", "));
            }
            if !dup.is_empty() {
                msg += &format!("\n  {}: {}", tr("columns given twice", "重复的列"), dup.join(", "));
            }
            msg += &format!(
                "\n  {}: {}",
                tr("accepted columns", "可用的列"),
                columns
                    .iter()
                    .map(|c| format!("{}{}", c.names.join("/"), if c.required { "*" } else { "" }))
                    .collect::<Vec<_>>()
                    .join(", ")
            );
            msg += &self.other_sheets();
            bail!(msg);
        }

        let mut grid = std::mem::take(&mut self.grid);
        grid.drain(..(self.header + 1).min(grid.len()));
        let mut file = CsvFile {
            name: self.name,
            encoding: self.encoding,
            sheet: self.sheet,
            columns,
            found,
            text: std::mem::take(&mut self.text),
            grid,
            width: self.headers.len(),
            blank,
            rows_in_file: 0,
        };
        // Every row is checked here, so that a file with a fault is refused, with all its
        // faults, before anything is done with it; `rows` reads the rows again when they are
        // wanted.
        let mut problems = file.problems();
        let mut rows = 0;
        let mut records = file.records();
        while let Some(record) = records.next() {
            let record = match record {
                Ok(r) => r,
                Err(Fault { line, error }) => bail!("{}: {} {line}: {error}", file.name, tr("line", "第")),
            };
            match file.read(&record) {
                Read::Row(_) => rows += 1,
                Read::Blank => {}
                Read::Bad(found) => found.into_iter().for_each(|p| problems.push(p)),
            }
        }
        problems.into_result()?;
        file.rows_in_file = rows;
        Ok(file)
    }
}

/// One record of a file as read: where it is, and its cells.
struct Record<'a> {
    line: u64,
    sheet_row: u64,
    cells: Cells<'a>,
}

/// The fields of a CSV line, or a sheet's cells with the types Excel gave them.
enum Cells<'a> {
    Csv(&'a csv::StringRecord),
    Sheet(&'a [SheetCell]),
}

/// A fault of CSV structure (a stray quote), on its line.
struct Fault {
    line: u64,
    error: csv::Error,
}

impl Record<'_> {
    fn len(&self) -> usize {
        match self.cells {
            Cells::Csv(r) => r.len(),
            Cells::Sheet(cells) => cells.len(),
        }
    }

    /// The text of the cell at 0-based position `i`, when the record reaches it.
    fn text(&self, i: usize) -> Option<&str> {
        match self.cells {
            Cells::Csv(r) => r.get(i),
            Cells::Sheet(cells) => cells.get(i).map(|c| c.text.as_str()),
        }
    }

    /// What the cell at `i` was typed as: text, in a CSV file.
    fn kind(&self, i: usize) -> Kind {
        match self.cells {
            Cells::Csv(_) => Kind::Text,
            Cells::Sheet(cells) => cells.get(i).map_or(Kind::Text, |c| c.kind),
        }
    }

    fn texts(&self) -> impl Iterator<Item = &str> {
        (0..self.len()).filter_map(|i| self.text(i))
    }
}

/// The records below the header, read one at a time, each with its line and spreadsheet row.
enum Records<'a> {
    Csv {
        reader: csv::Reader<&'a [u8]>,
        /// The one record read into, again and again.
        record: csv::StringRecord,
        lines: LineCounter<'a>,
        /// Records read so far, blank ones included.
        index: u64,
    },
    Sheet(std::slice::Iter<'a, (u64, Vec<SheetCell>)>),
}

impl Records<'_> {
    /// The next record, or a fault of CSV structure with its line.
    fn next(&mut self) -> Option<std::result::Result<Record<'_>, Fault>> {
        match self {
            Records::Sheet(rows) => rows.next().map(|(row, cells)| {
                Ok(Record {
                    line: *row,
                    sheet_row: *row,
                    cells: Cells::Sheet(cells),
                })
            }),
            Records::Csv {
                reader,
                record,
                lines,
                index,
            } => match reader.read_record(record) {
                Ok(false) => None,
                Ok(true) => {
                    *index += 1;
                    let line = record.position().map(|p| lines.line_at(p.byte())).unwrap_or(0);
                    Some(Ok(Record {
                        line,
                        sheet_row: *index + 1,
                        cells: Cells::Csv(record),
                    }))
                }
                Err(e) => {
                    let line = e.position().map(|p| lines.line_at(p.byte())).unwrap_or(0);
                    Some(Err(Fault { line, error: e }))
                }
            },
        }
    }
}

/// What one record turned out to be.
enum Read {
    Row(Row),
    Blank,
    Bad(Vec<Problem>),
}

/// The rows of a checked file, each read when it is reached.
pub struct Rows<'a> {
    file: &'a CsvFile,
    records: Records<'a>,
}

impl Iterator for Rows<'_> {
    type Item = Row;

    fn next(&mut self) -> Option<Row> {
        loop {
            // The file was checked whole by `parse`: every record reads and is a row, or is
            // blank and passed over.
            let Ok(record) = self.records.next()? else {
                return None;
            };
            if let Read::Row(row) = self.file.read(&record) {
                return Some(row);
            }
        }
    }
}

/// The line a record starts on, counted from its byte offset. The csv crate's own line count
/// lags by one in CRLF files (Excel's): a record's position is taken before the `\n` of the
/// line ending in front of it is read.
struct LineCounter<'a> {
    text: &'a [u8],
    byte: usize,
    line: u64,
}

impl<'a> LineCounter<'a> {
    fn new(text: &'a str) -> Self {
        LineCounter {
            text: text.as_bytes(),
            byte: 0,
            line: 1,
        }
    }

    /// Offsets must not go backwards.
    fn line_at(&mut self, byte: u64) -> u64 {
        let mut start = (byte as usize).min(self.text.len());
        while start < self.text.len() && matches!(self.text[start], b'\r' | b'\n') {
            start += 1;
        }
        let from = self.byte.min(start);
        self.line += self.text[from..start].iter().filter(|&&b| b == b'\n').count() as u64;
        self.byte = start;
        self.line
    }
}

impl CsvFile {
    /// The file's rows, in order, each read when it is reached.
    pub fn rows(&self) -> Rows<'_> {
        Rows {
            file: self,
            records: self.records(),
        }
    }

    /// How many data rows the file has (blank lines are not rows).
    pub fn row_count(&self) -> usize {
        self.rows_in_file
    }

    /// The records below the header, from the first.
    fn records(&self) -> Records<'_> {
        if self.sheet.is_some() {
            return Records::Sheet(self.grid.iter());
        }
        Records::Csv {
            reader: csv::ReaderBuilder::new()
                .flexible(true)
                .from_reader(self.text.as_bytes()),
            record: csv::StringRecord::new(),
            lines: LineCounter::new(&self.text),
            index: 0,
        }
    }

    /// One record: a row, a blank line, or every problem that keeps it from being a row. Both
    /// the check of `parse` and the reading of `rows` go through here.
    fn read(&self, rec: &Record) -> Read {
        let (line, sheet_row) = (rec.line, rec.sheet_row);
        if rec.texts().all(|v| v.trim().is_empty()) {
            return Read::Blank;
        }
        let width = self.width;
        let extra: Vec<&str> = rec.texts().skip(width).filter(|v| !v.trim().is_empty()).collect();
        if !extra.is_empty() {
            return Read::Bad(vec![Problem {
                line,
                sheet_row,
                column: Some((width + 1, String::new())),
                value: extra.join(","),
                message: CellFault::BeyondLastColumn.into(),
            }]);
        }
        let mut bad = Vec::new();
        for &i in &self.blank {
            let v = rec.text(i).unwrap_or("").trim();
            if !v.is_empty() {
                bad.push(Problem {
                    line,
                    sheet_row,
                    column: Some((i + 1, String::new())),
                    value: v.to_string(),
                    message: CellFault::NoHeader.into(),
                });
            }
        }
        let values: Vec<Option<String>> = self
            .found
            .iter()
            .map(|f| {
                f.as_ref()
                    .map(|(pos, _)| rec.text(pos - 1).unwrap_or("").trim().to_string())
            })
            .collect();
        for ((col, f), v) in self.columns.iter().zip(&self.found).zip(&values) {
            let field = if MULTILINE_KEYS.contains(&col.key) {
                crate::core::text::PARAGRAPHS
            } else {
                crate::core::text::ONE_LINE
            };
            if let (Some((pos, header)), Some(v)) = (f, v)
                && let Some(fault) = crate::core::text::text_fault(v, field)
            {
                let shown: String = v.chars().take(60).collect::<String>().escape_debug().to_string();
                bad.push(Problem {
                    line,
                    sheet_row,
                    column: Some((*pos, header.clone())),
                    value: if v.chars().count() > 60 { shown + "…" } else { shown },
                    message: CellFault::Text(fault).into(),
                });
            }
        }
        for (f, col) in self.found.iter().zip(self.columns) {
            if let Some((pos, header)) = f
                && let Some(text) = rec.text(pos - 1)
                && let Some(message) = typed_problem(col.key, text, rec.kind(pos - 1))
            {
                bad.push(Problem {
                    line,
                    sheet_row,
                    column: Some((*pos, header.clone())),
                    value: text.to_string(),
                    message: message.into(),
                });
            }
        }
        if !bad.is_empty() {
            return Read::Bad(bad);
        }
        Read::Row(Row {
            line,
            sheet_row,
            values,
        })
    }

    fn index(&self, key: &str) -> usize {
        self.columns
            .iter()
            .position(|c| c.key == key)
            .unwrap_or_else(|| panic!("column key {key} is not declared"))
    }

    /// The row's value of column `key`: "" when the file lacks the column or the cell is empty.
    pub fn get<'a>(&self, row: &'a Row, key: &str) -> &'a str {
        row.values[self.index(key)].as_deref().unwrap_or("")
    }

    /// Whether the file carries column `key`.
    pub fn has(&self, key: &str) -> bool {
        self.found[self.index(key)].is_some()
    }

    /// A problem with the cell of `key` in `row`.
    pub fn problem(&self, row: &Row, key: &str, message: impl Into<Message>) -> Problem {
        let column = self.found[self.index(key)].clone();
        Problem {
            line: row.line,
            sheet_row: row.sheet_row,
            column,
            value: self.get(row, key).to_string(),
            message: message.into(),
        }
    }

    /// A problem with the row as a whole.
    pub fn row_problem(&self, row: &Row, message: impl Into<Message>) -> Problem {
        Problem {
            line: row.line,
            sheet_row: row.sheet_row,
            column: None,
            value: String::new(),
            message: message.into(),
        }
    }

    /// An empty report for this file, which knows how many rows the file has.
    pub fn problems(&self) -> Problems {
        let mut p = Problems::new(&self.name);
        p.rows_in_file = self.rows_in_file;
        p.sheet = self.sheet.clone();
        p
    }

    /// A short description for the summary: "units.csv (GBK)".
    pub fn describe(&self) -> String {
        match &self.sheet {
            Some(sheet) => say!(
                en("{} (sheet {sheet})", self.name),
                zh("{}（工作表“{sheet}”）", self.name)
            ),
            None => format!("{} ({})", self.name, self.encoding.name()),
        }
    }
}

/// One bad cell or row.
#[derive(Debug, Clone)]
pub struct Problem {
    pub line: u64,
    /// The spreadsheet row, when it differs from the line (multi-line cells above it).
    pub sheet_row: u64,
    /// 1-based position and the header as written in the file.
    pub column: Option<(usize, String)>,
    pub value: String,
    pub message: Message,
}

/// Every bad row of a file, reported together.
#[derive(Debug)]
pub struct Problems {
    pub(crate) file: String,
    /// The sheet of a workbook: cells are named as Excel names them (`推荐表!B7`).
    pub(crate) sheet: Option<String>,
    pub(crate) items: Vec<Problem>,
    /// Rows the file has, when known: a report where every one is bad says so first.
    pub(crate) rows_in_file: usize,
}

impl Problems {
    pub fn new(file: &str) -> Problems {
        Problems {
            file: file.to_string(),
            sheet: None,
            items: Vec::new(),
            rows_in_file: 0,
        }
    }
    pub fn push(&mut self, p: Problem) {
        self.items.push(p);
    }
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }
    pub fn len(&self) -> usize {
        self.items.len()
    }
    /// Ok when there are none; else the whole report as one error.
    pub fn into_result(mut self) -> Result<()> {
        if self.items.is_empty() {
            return Ok(());
        }
        self.items.sort_by_key(|p| (p.line, p.column.as_ref().map(|c| c.0)));
        Err(anyhow::Error::new(self))
    }
}

impl std::error::Error for Problems {}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::messages::{Lang, Render};

    /// The report of a file refused, in English.
    fn refused(e: anyhow::Error) -> String {
        e.downcast_ref::<Problems>()
            .map_or_else(|| format!("{e:#}"), |p| p.render(Lang::En))
    }

    fn problem(line: u64, sheet_row: u64, message: &str) -> Problem {
        Problem {
            line,
            sheet_row,
            column: Some((2, "单位".into())),
            value: "北仑海关".into(),
            message: message.into(),
        }
    }

    #[test]
    fn a_message_on_many_rows_is_counted_and_rows_are_given_as_the_spreadsheet_shows_them() {
        let mut p = Problems::new("n.csv");
        p.rows_in_file = 6;
        for line in 2..8 {
            p.push(problem(line, line, "no unit 北仑海关"));
        }
        p.push(problem(9, 7, "other"));
        let zh = p.render(Lang::Zh);
        assert!(zh.contains("另有 3 行（第 5–7 行）同样：no unit 北仑海关"), "{zh}");
        assert!(
            zh.contains("第 9 行（表格第 7 行），第 2 列 (单位)，值 \"北仑海关\"：other"),
            "{zh}"
        );
        let text = p.render(Lang::En);
        assert!(text.contains("every row was refused"), "{text}");
        assert_eq!(
            text.matches("no unit 北仑海关").count(),
            4,
            "three shown, one summary: {text}"
        );
        assert!(
            text.contains("3 more rows (lines 5–7) the same: no unit 北仑海关"),
            "{text}"
        );
        assert!(text.contains("line 9 (spreadsheet row 7), column 2 (单位)"), "{text}");
    }

    #[test]
    fn excel_typed_cells_are_checked_for_their_column() {
        let cell = |text: &str, kind| SheetCell {
            text: text.into(),
            kind,
        };
        let typed = |key: &str, c: &SheetCell| typed_problem(key, &c.text, c.kind);
        assert!(scientific("1.39582E+10") && scientific("1E+10") && scientific("2e5"));
        assert!(!scientific("0574-86875210") && !scientific("E+10") && !scientific("BL017"));
        let phone = cell("13958212345", Kind::Number(13958212345.0));
        assert!(typed("phone", &phone).is_some());
        assert!(typed("note", &phone).is_none(), "a number where numbers belong");
        // A short staff number typed as a number loses nothing.
        assert!(typed("staff_no", &cell("3102826", Kind::Number(3102826.0))).is_none());
        assert!(typed("staff_no", &cell("1.39582E+10", Kind::Text)).is_some());
        let date = cell("2026-01-03", Kind::Date);
        assert!(typed("submitted_on", &date).is_none());
        assert!(typed("name", &date).is_some());
        assert!(typed("c1", &cell("#N/A", Kind::Error)).is_some());
    }

    #[test]
    fn finds_an_unclosed_quote() {
        assert_eq!(unclosed_quote("a,b\nx,\"y\nz\n"), Some(2));
        assert_eq!(unclosed_quote("a,b\n\"x \"\"q\"\", y\",z\n\"m\nn\",o\n"), None);
        assert_eq!(unclosed_quote("a,b\nx\"y,z\n"), None);
        assert_eq!(unclosed_quote("a\n\"x\"\"\n"), Some(2));
    }

    #[test]
    fn a_gbk_file_whose_first_characters_look_like_utf8_is_still_gbk() {
        // In GBK "甬江" is F0 AE BD AD, a valid four-byte UTF-8 sequence.
        let (bytes, _, _) =
            encoding_rs::GBK.encode("group,group_kind,unit\r\n甬江区域共建片组,region,甬江街道办事处\r\n");
        let (e, t) = decode_bytes(&bytes, None).unwrap();
        assert_eq!(e, Encoding::Gbk);
        assert!(t.contains("甬江街道办事处"));
    }

    #[test]
    fn a_mixed_file_is_not_taken_for_gbk() {
        let mut bytes = "名称,单位\n张三,".as_bytes().to_vec();
        bytes.extend_from_slice(b"\xa3\xa1\n");
        let e = decode_bytes(&bytes, None).unwrap_err();
        assert_eq!(e, DecodeFault::Mixed { line: 2 });
        let (en, zh) = (e.render(Lang::En), e.render(Lang::Zh));
        assert!(en.contains("mixes encodings") && en.contains("line 2"), "{en}");
        assert!(zh.contains("位于第 2 行"), "{zh}");
        assert!(decode_bytes(&bytes, Some(Encoding::Gbk)).is_ok());
    }

    #[test]
    fn a_file_decoded_in_its_own_buffer_reads_as_when_copied() {
        let cases: &[&[u8]] = &[
            b"\xEF\xBB\xBFa,b",
            b"a,b",
            "片组".as_bytes(),
            b"\xFF\xFEa\x00",
            b"\xEF\xBB\xBF\xb2\xe2",
        ];
        let (gbk, _, _) = encoding_rs::GBK.encode("片组,单位");
        for bytes in cases.iter().copied().chain([&gbk[..]]) {
            for forced in [None, Some(Encoding::Utf8), Some(Encoding::Gbk)] {
                let owned = decode_owned(bytes.to_vec(), forced).map_err(|e| e.to_string());
                let copied = decode_bytes(bytes, forced).map_err(|e| e.to_string());
                assert_eq!(owned, copied, "{bytes:?} {forced:?}");
            }
        }
    }

    #[test]
    fn decodes_bom_utf8_and_gbk() {
        let (e, t) = decode_bytes(b"\xEF\xBB\xBFa,b", None).unwrap();
        assert_eq!((e, t.as_str()), (Encoding::Utf8, "a,b"));
        let (gbk_bytes, _, _) = encoding_rs::GBK.encode("片组,单位");
        let (e, t) = decode_bytes(&gbk_bytes, None).unwrap();
        assert_eq!((e, t.as_str()), (Encoding::Gbk, "片组,单位"));
        let (e, t) = decode_bytes("片组".as_bytes(), None).unwrap();
        assert_eq!((e, t.as_str()), (Encoding::Utf8, "片组"));
        assert!(decode_bytes(b"\xFF\xFEa\x00", None).is_err());
        assert!(decode_bytes(&gbk_bytes, Some(Encoding::Utf8)).is_err());
    }

    const COLS: &[Column] = &[
        Column {
            key: "a",
            names: &["a"],
            required: true,
        },
        Column {
            key: "note",
            names: &["b"],
            required: true,
        },
    ];

    fn lines_of(text: &str) -> Vec<u64> {
        let d = Decoded {
            name: "t.csv".into(),
            encoding: Encoding::Utf8,
            sheet: None,
            grid: Vec::new(),
            header: 0,
            others: Vec::new(),
            text: text.into(),
            headers: vec!["a".into(), "b".into()],
        };
        d.parse(COLS).unwrap().rows().map(|r| r.line).collect()
    }

    #[test]
    fn a_line_break_is_refused_outside_free_text_and_blank_columns_must_stay_empty() {
        let d = |text: &str, headers: &[&str]| Decoded {
            name: "t.csv".into(),
            encoding: Encoding::Utf8,
            sheet: None,
            grid: Vec::new(),
            header: 0,
            others: Vec::new(),
            text: text.into(),
            headers: headers.iter().map(|h| h.to_string()).collect(),
        };
        let e = refused(d("a,b\n\"x\ny\",z\n", &["a", "b"]).parse(COLS).err().unwrap());
        assert!(e.contains("line 2, column 1 (a)") && e.contains("a line break"), "{e}");
        assert!(d("a,b,,\n1,2,,\n", &["a", "b", "", ""]).parse(COLS).is_ok());
        let e = refused(d("a,b,\n1,2,x\n", &["a", "b", ""]).parse(COLS).err().unwrap());
        assert!(e.contains("column 3") && e.contains("no header"), "{e}");
    }

    #[test]
    fn rows_carry_the_line_they_start_on_with_any_line_ending() {
        assert_eq!(lines_of("a,b\n1,2\n3,4\n"), vec![2, 3]);
        assert_eq!(lines_of("a,b\r\n1,2\r\n3,4\r\n"), vec![2, 3]);
        assert_eq!(lines_of("a,b\r\n1,\"x\r\ny\"\r\n3,4\r\n\r\n5,6"), vec![2, 4, 6]);
    }

    #[test]
    fn rows_are_read_again_each_time_and_counted_without_blank_lines() {
        let d = Decoded {
            name: "t.csv".into(),
            encoding: Encoding::Utf8,
            sheet: None,
            grid: Vec::new(),
            header: 0,
            others: Vec::new(),
            text: "a,b\n1,x\n,\n\n2,\"y\nz\"\n".into(),
            headers: vec!["a".into(), "b".into()],
        };
        let file = d.parse(COLS).unwrap();
        assert_eq!(file.row_count(), 2);
        let read = |file: &CsvFile| {
            file.rows()
                .map(|r| {
                    (
                        r.line,
                        r.sheet_row,
                        file.get(&r, "a").to_string(),
                        file.get(&r, "note").to_string(),
                    )
                })
                .collect::<Vec<_>>()
        };
        let first = read(&file);
        assert_eq!(
            first,
            vec![(2, 2, "1".into(), "x".into()), (5, 4, "2".into(), "y\nz".into())]
        );
        assert_eq!(read(&file), first, "a second reading gives the same rows");
    }

    #[test]
    fn a_sheets_rows_below_its_title_are_read_with_their_row_numbers_and_types_checked() {
        let text = |t: &str| SheetCell::text(t);
        let grid = vec![
            (1, vec![text("推荐表")]),
            (2, vec![text("a"), text("b")]),
            (3, vec![text("1"), text("x")]),
            (4, vec![text(""), text("")]),
            (5, vec![text("2"), text("y")]),
        ];
        let d = |grid| Decoded {
            name: "t.xlsx".into(),
            encoding: Encoding::Utf8,
            sheet: Some("表".into()),
            grid,
            header: 1,
            others: Vec::new(),
            text: String::new(),
            headers: vec!["a".into(), "b".into()],
        };
        let file = d(grid.clone()).parse(COLS).unwrap();
        assert_eq!(file.row_count(), 2);
        let rows: Vec<_> = file.rows().map(|r| (r.line, file.get(&r, "a").to_string())).collect();
        assert_eq!(rows, vec![(3, "1".to_string()), (5, "2".to_string())]);
        let mut bad = grid;
        bad[4].1[0] = SheetCell {
            text: "2026-01-03".into(),
            kind: Kind::Date,
        };
        bad[2].1.push(text("z"));
        let e = refused(d(bad).parse(COLS).err().unwrap());
        assert!(e.contains("表!C3") && e.contains("表!A5"), "every bad row at once: {e}");
    }
}
