//! Every listing is one `Listing`, rendered in the format asked for: a table that lines up
//! with Chinese text, CSV, JSON or Markdown. Data goes to stdout only.

use std::io::Write;

use std::path::Path;

use crate::messages::say;
use anyhow::{Context, Result, bail};
use comfy_table::{ColumnConstraint, ContentArrangement, Table, presets};
use serde_json::{Map, Value};
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum, Default)]
pub enum Format {
    #[default]
    #[value(alias = "表格")]
    Table,
    #[value(alias = "逗号分隔")]
    Csv,
    Json,
    #[value(alias = "markdown")]
    Md,
}

/// One column of a listing: a stable key (CSV and JSON) and a label for people (table, Markdown).
#[derive(Clone)]
pub struct Col {
    pub key: &'static str,
    pub label: String,
}

pub fn col(key: &'static str, label: &str) -> Col {
    Col {
        key,
        label: label.to_string(),
    }
}

/// The columns most listings share, named one way everywhere: the nominee's code, category,
/// name, unit and group.
pub fn code_col() -> Col {
    col("code", crate::i18n::tr("code", "编号"))
}

pub fn category_col() -> Col {
    col("category", crate::i18n::tr("category", "类别"))
}

pub fn name_col() -> Col {
    col("name", crate::i18n::tr("name", "名称"))
}

pub fn unit_col() -> Col {
    col("unit", crate::i18n::tr("unit", "单位"))
}

pub fn group_col() -> Col {
    col("group", crate::i18n::tr("group", "片组"))
}

/// A cell keeps its type for JSON and prints as text elsewhere.
#[derive(Clone, Debug)]
pub enum Cell {
    Text(String),
    Int(i64),
    /// A number for JSON with the text people see (which may say "…" for a cut decimal).
    Num(f64, String),
    Bool(bool),
    List(Vec<String>),
    /// Words for people in the language of the run, and the same in English for JSON and
    /// CSV, which scripts read: a script gets the same data whatever the locale.
    Words {
        shown: Vec<String>,
        data: Vec<String>,
    },
    /// Whole numbers, as a JSON array of numbers (years, say).
    Ints(Vec<i64>),
    /// A code for CSV and JSON (`below_threshold`) with its label for people.
    Code(String, String),
    Null,
}

impl Cell {
    pub fn text(&self) -> String {
        match self {
            Cell::Text(s) => s.clone(),
            Cell::Int(i) => i.to_string(),
            Cell::Num(_, s) => s.clone(),
            Cell::Bool(b) => if *b {
                crate::i18n::tr("yes", "是")
            } else {
                crate::i18n::tr("no", "否")
            }
            .to_string(),
            Cell::List(l) | Cell::Words { shown: l, .. } => l.join(crate::i18n::tr("; ", "；")),
            Cell::Ints(l) => l.iter().map(i64::to_string).collect::<Vec<_>>().join(", "),
            Cell::Code(_, label) => label.clone(),
            Cell::Null => String::new(),
        }
    }
    /// A CSV cell: plain numbers and true/false, and text a spreadsheet would run defused.
    pub fn csv_text(&self) -> String {
        match self {
            Cell::Int(_) | Cell::Num(..) | Cell::Bool(_) | Cell::Null => self.machine_text(),
            _ => defuse(self.machine_text()),
        }
    }

    /// For CSV, which spreadsheets and scripts read: plain numbers and true/false.
    fn machine_text(&self) -> String {
        match self {
            Cell::Num(f, _) => f.to_string(),
            Cell::Bool(b) => b.to_string(),
            Cell::Code(code, _) => code.clone(),
            Cell::List(l) | Cell::Words { data: l, .. } => l.join("; "),
            _ => self.text(),
        }
    }
    fn json(&self) -> Value {
        match self {
            Cell::Text(s) => Value::String(s.clone()),
            Cell::Int(i) => Value::from(*i),
            Cell::Num(f, _) => serde_json::Number::from_f64(*f)
                .map(Value::Number)
                .unwrap_or(Value::Null),
            Cell::Bool(b) => Value::Bool(*b),
            Cell::List(l) | Cell::Words { data: l, .. } => Value::Array(l.iter().cloned().map(Value::String).collect()),
            Cell::Ints(l) => Value::Array(l.iter().map(|i| Value::from(*i)).collect()),
            Cell::Code(code, _) => Value::String(code.clone()),
            Cell::Null => Value::Null,
        }
    }
}

impl Cell {
    pub fn code(code: &str, label: &str) -> Cell {
        Cell::Code(code.to_string(), label.to_string())
    }
    /// Typed messages: in the run's language for people, in English for scripts.
    pub fn words<'a, M: crate::messages::Render + 'a>(list: impl IntoIterator<Item = &'a M>) -> Cell {
        let (shown, data) = list
            .into_iter()
            .map(|m| (m.render(crate::i18n::lang()), m.render(crate::i18n::Lang::En)))
            .unzip();
        Cell::Words { shown, data }
    }
    /// For a file people open in Excel: what people read, with numbers plain to the decimals
    /// they see ("17.333…" is 17.333).
    pub fn plain_text(&self) -> String {
        match self {
            Cell::Num(f, text) => {
                let d = text
                    .split_once('.')
                    .map_or(0, |(_, frac)| frac.chars().take_while(char::is_ascii_digit).count());
                format!("{f:.d$}")
            }
            _ => self.text(),
        }
    }
    pub fn is_number(&self) -> bool {
        matches!(self, Cell::Int(_) | Cell::Num(..))
    }
}

impl From<String> for Cell {
    fn from(s: String) -> Self {
        Cell::Text(s)
    }
}
impl From<&str> for Cell {
    fn from(s: &str) -> Self {
        Cell::Text(s.to_string())
    }
}
impl From<i64> for Cell {
    fn from(i: i64) -> Self {
        Cell::Int(i)
    }
}
impl From<bool> for Cell {
    fn from(b: bool) -> Self {
        Cell::Bool(b)
    }
}
impl<T: Into<Cell>> From<Option<T>> for Cell {
    fn from(o: Option<T>) -> Self {
        o.map(Into::into).unwrap_or(Cell::Null)
    }
}

#[derive(Clone)]
pub struct Listing {
    pub cols: Vec<Col>,
    pub rows: Vec<Vec<Cell>>,
}

impl Listing {
    pub fn new(cols: Vec<Col>) -> Listing {
        Listing { cols, rows: Vec::new() }
    }

    pub fn push(&mut self, row: Vec<Cell>) {
        debug_assert_eq!(row.len(), self.cols.len());
        self.rows.push(row);
    }

    /// The same rows with only these columns, in this order (a view for people of a listing
    /// built for machines, say).
    pub fn only(&self, keys: &[&str]) -> Listing {
        let idx: Vec<usize> = keys
            .iter()
            .filter_map(|k| self.cols.iter().position(|c| c.key == *k))
            .collect();
        Listing {
            cols: idx
                .iter()
                .map(|&i| Col {
                    key: self.cols[i].key,
                    label: self.cols[i].label.clone(),
                })
                .collect(),
            rows: self
                .rows
                .iter()
                .map(|r| idx.iter().map(|&i| r[i].clone()).collect())
                .collect(),
        }
    }

    pub fn to_json(&self) -> Value {
        Value::Array(
            self.rows
                .iter()
                .map(|r| {
                    let mut m = Map::new();
                    for (c, v) in self.cols.iter().zip(r) {
                        m.insert(c.key.to_string(), v.json());
                    }
                    Value::Object(m)
                })
                .collect(),
        )
    }

    pub fn render(&self, format: Format) -> Result<String> {
        let mut bytes = Vec::new();
        self.write(format, &mut bytes)?;
        Ok(String::from_utf8(bytes)?)
    }

    /// Writes the listing in `format`. JSON and CSV are written row by row, never held whole
    /// as text: a listing of a hundred thousand candidates goes out as it is written.
    pub fn write(&self, format: Format, w: &mut dyn Write) -> Result<()> {
        match format {
            Format::Json => {
                // Each object's keys in the order a serde_json map keeps them (sorted), as
                // `to_json` gives them.
                let mut order: Vec<usize> = (0..self.cols.len()).collect();
                order.sort_by_key(|&i| self.cols[i].key);
                serde_json::to_writer_pretty(
                    &mut *w,
                    &JsonRows {
                        listing: self,
                        order: &order,
                    },
                )?;
                w.write_all(b"\n")?;
            }
            Format::Csv => {
                let mut out = csv::Writer::from_writer(w);
                out.write_record(self.cols.iter().map(|c| c.key))?;
                for r in &self.rows {
                    out.write_record(r.iter().map(Cell::csv_text))?;
                }
                out.flush()?;
            }
            Format::Table | Format::Md => w.write_all(self.render_text(format).as_bytes())?,
        }
        Ok(())
    }

    fn render_text(&self, format: Format) -> String {
        match format {
            Format::Table => self.table(table_layout()),
            Format::Json | Format::Csv => unreachable!("written row by row"),
            Format::Md => {
                let esc = |s: String| md_escape(&s);
                let mut s = String::new();
                s += &format!(
                    "| {} |\n",
                    self.cols
                        .iter()
                        .map(|c| esc(c.label.clone()))
                        .collect::<Vec<_>>()
                        .join(" | ")
                );
                s += &format!("|{}\n", "---|".repeat(self.cols.len()));
                for r in &self.rows {
                    s += &format!(
                        "| {} |\n",
                        r.iter().map(|c| esc(c.text())).collect::<Vec<_>>().join(" | ")
                    );
                }
                s
            }
        }
    }

    /// The listing as a table for people, laid out as `layout` says.
    fn table(&self, layout: Layout) -> String {
        let headers: Vec<String> = self.cols.iter().map(|c| c.label.clone()).collect();
        let rows: Vec<Vec<String>> = self
            .rows
            .iter()
            .map(|r| {
                r.iter()
                    .map(|c| match (c, layout.exact) {
                        (Cell::Num(_, text), false) => two_decimals(text),
                        _ => c.text(),
                    })
                    .collect()
            })
            .collect();
        let full = grid(&headers, &rows, None);
        let Some(width) = layout.width else {
            return full;
        };
        if full.lines().all(|l| text_width(l) <= width) {
            return full;
        }
        // Too wide: the columns of text (names, reasons) are wrapped; where even that does
        // not fit, each row is shown as a record of its own, a line for each column.
        let short: Vec<bool> = (0..headers.len())
            .map(|i| {
                self.rows
                    .iter()
                    .all(|r| r.get(i).is_none_or(|c| c.is_number() || text_width(&c.text()) <= SHORT))
            })
            .collect();
        match fit(&headers, &rows, &short, width) {
            Some(widths) => grid(&headers, &rows, Some(&widths)),
            None => records(&headers, &rows, width),
        }
    }

    /// Writes to stdout. A closed pipe (`| head`) ends the program quietly.
    pub fn print(&self, format: Format) -> Result<()> {
        if crate::export::keep_listing(self) {
            return Ok(());
        }
        if crate::export::capturing() {
            return out(&self.render(format)?);
        }
        let mut o = std::io::BufWriter::with_capacity(1 << 16, std::io::stdout().lock());
        match self.write(format, &mut o).and_then(|()| Ok(o.flush()?)) {
            Err(e) if broken_pipe(&e) => std::process::exit(0),
            r => r,
        }
    }
}

/// How tables are laid out for this run.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Layout {
    /// The width to fit, in terminal columns; none: each column as wide as its widest cell.
    pub width: Option<usize>,
    /// Numbers as exact as they are (`--wide`); else to two decimals.
    pub exact: bool,
}

static LAYOUT: std::sync::OnceLock<Layout> = std::sync::OnceLock::new();

/// Sets the layout of tables once, at start-up: `--wide` shows everything in full; else a
/// table fits `COLUMNS` when it is set, or the terminal when stdout is one.
pub fn set_table_layout(wide: bool) {
    let columns = std::env::var("COLUMNS").ok();
    let terminal = || {
        use std::io::IsTerminal;
        let out = std::io::stdout();
        out.is_terminal()
            .then(|| terminal_size::terminal_size_of(&out).map(|(w, _)| usize::from(w.0)))
            .flatten()
    };
    let _ = LAYOUT.set(layout(wide, columns.as_deref(), terminal));
}

/// The layout from `--wide`, `COLUMNS` and the terminal's width (asked only when needed).
fn layout(wide: bool, columns: Option<&str>, terminal: impl FnOnce() -> Option<usize>) -> Layout {
    if wide {
        return Layout {
            width: None,
            exact: true,
        };
    }
    let width = match columns.map(str::trim).filter(|c| !c.is_empty()) {
        Some(c) => c.parse::<usize>().ok(),
        None => terminal(),
    };
    Layout {
        // Narrower than this, no table reads well: it is laid out as if the screen were wide.
        width: width.filter(|&w| w >= 20),
        exact: false,
    }
}

static EXACT: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// Numbers in this run's tables as exact as they are: for a view that works a value out
/// (`rank --explain`), where a cut decimal would not add up.
pub fn keep_numbers_exact() {
    EXACT.store(true, std::sync::atomic::Ordering::Relaxed);
}

fn table_layout() -> Layout {
    let layout = LAYOUT.get().copied().unwrap_or_default();
    Layout {
        exact: layout.exact || EXACT.load(std::sync::atomic::Ordering::Relaxed),
        ..layout
    }
}

/// Columns a text takes on a terminal (Chinese characters take two): its widest line.
fn text_width(s: &str) -> usize {
    s.lines().map(UnicodeWidthStr::width).max().unwrap_or(0)
}

/// A column whose every cell is at most this wide is not wrapped to fit.
const SHORT: usize = 12;
/// A column of text is not wrapped narrower than this (four Chinese characters).
const NARROWEST: usize = 8;
/// A short column's header is not wrapped narrower than this.
const HEADER: usize = 6;

/// The table, each column as wide as its widest cell, or as `widths` (of content) say.
fn grid(headers: &[String], rows: &[Vec<String>], widths: Option<&[usize]>) -> String {
    let mut t = Table::new();
    t.load_style(presets::UTF8_FULL_CONDENSED)
        .set_content_arrangement(ContentArrangement::Disabled)
        .set_header(headers);
    for r in rows {
        t.add_row(r);
    }
    if let Some(widths) = widths {
        for (column, w) in t.column_iter_mut().zip(widths) {
            let w = u16::try_from(w + 2).unwrap_or(u16::MAX);
            column.set_constraint(ColumnConstraint::Absolute(comfy_table::Width::Fixed(w)));
        }
    }
    format!("{t}\n")
}

/// Content widths that fit the table in `width` columns, or none when even the narrowest
/// do not. A short column keeps its cells whole (its header may wrap); the columns of text
/// share what is left, each at least `NARROWEST` wide, up to what it needs.
fn fit(headers: &[String], rows: &[Vec<String>], short: &[bool], width: usize) -> Option<Vec<usize>> {
    let n = headers.len();
    let cells = |i: usize| rows.iter().filter_map(move |r| r.get(i)).map(|c| text_width(c));
    let need: Vec<usize> = (0..n)
        .map(|i| cells(i).chain([text_width(&headers[i])]).max().unwrap_or(0).max(1))
        .collect();
    let mut widths: Vec<usize> = (0..n)
        .map(|i| match short[i] {
            // Its cells whole; its header may wrap, to `HEADER` columns.
            true => cells(i).max().unwrap_or(0).max(HEADER).min(need[i]),
            false => need[i].min(NARROWEST),
        })
        .collect();
    // A border before each column and after the last; a space either side of each cell.
    let frame = 3 * n + 1;
    let used = frame + widths.iter().sum::<usize>();
    let mut left = width.checked_sub(used)?;
    // What is left goes to the columns of text, in turn, a column at a time, up to what
    // each needs; then to the short columns' headers.
    let mut grew = true;
    while left > 0 && grew {
        grew = false;
        for i in (0..n).filter(|&i| !short[i]) {
            if left > 0 && widths[i] < need[i] {
                widths[i] += 1;
                left -= 1;
                grew = true;
            }
        }
    }
    for i in (0..n).filter(|&i| short[i]) {
        let more = (need[i] - widths[i]).min(left);
        widths[i] += more;
        left -= more;
    }
    Some(widths)
}

/// Each row as a record of its own: a rule naming the row, then a line for each column,
/// its label and its value wrapped to the width.
fn records(headers: &[String], rows: &[Vec<String>], width: usize) -> String {
    let label = headers.iter().map(|h| text_width(h)).max().unwrap_or(0);
    let value = width.saturating_sub(label + 3).max(NARROWEST);
    let mut s = String::new();
    for (n, r) in rows.iter().enumerate() {
        let title = format!("─[ {} / {} ]", n + 1, rows.len());
        let rule = width.saturating_sub(text_width(&title));
        s += &format!("{title}{}\n", "─".repeat(rule));
        for (h, v) in headers.iter().zip(r) {
            let pad = " ".repeat(label - text_width(h));
            let mut lines = wrap(v, value).into_iter();
            s += &format!("{h}{pad} │ {}\n", lines.next().unwrap_or_default());
            for more in lines {
                s += &format!("{} │ {more}\n", " ".repeat(label));
            }
        }
    }
    s
}

/// A text in lines at most `width` columns wide: broken at a space where there is one,
/// else between characters (Chinese has no spaces).
fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut out = Vec::new();
    for para in text.split('\n') {
        let mut line = String::new();
        let mut w = 0;
        for word in para.split_inclusive(' ') {
            let ww = UnicodeWidthStr::width(word.trim_end());
            if w + ww > width && !line.is_empty() {
                out.push(line.trim_end().to_string());
                line.clear();
                w = 0;
            }
            for ch in word.chars() {
                let cw = UnicodeWidthChar::width(ch).unwrap_or(0);
                if w + cw > width && !(ch == ' ' || line.is_empty()) {
                    out.push(line.trim_end().to_string());
                    line.clear();
                    w = 0;
                }
                if !(ch == ' ' && line.is_empty()) {
                    line.push(ch);
                    w += cw;
                }
            }
        }
        out.push(line.trim_end().to_string());
    }
    out
}

/// A number as people see it in a table: at most two decimals, cut, never rounded, with "…"
/// where digits were cut ("87.333…" → "87.33…", "97.998%" → "97.99…%"); the exact value
/// stays in JSON, CSV, `--explain` and under `--wide`.
pub fn two_decimals(text: &str) -> String {
    let Some(dot) = text.find('.') else {
        return text.to_string();
    };
    let (head, rest) = text.split_at(dot + 1);
    let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
    let after = &rest[digits.len()..];
    if digits.len() <= 2 {
        return text.to_string();
    }
    let (kept, cut) = digits.split_at(2);
    let marked = after.starts_with('…');
    let after = after.strip_prefix('…').unwrap_or(after);
    let more = marked || cut.bytes().any(|b| b != b'0');
    format!("{head}{kept}{}{after}", if more { "…" } else { "" })
}

/// Writes rows made one at a time as JSON or CSV to stdout, with only the columns `keys`, in
/// that order, as `Listing::into_only` and `print` would, without holding the rows: a listing
/// of a hundred thousand candidates takes the memory of one row.
pub fn print_rows(cols: &[Col], keys: &[&str], rows: impl Iterator<Item = Vec<Cell>>, format: Format) -> Result<()> {
    let idx: Vec<usize> = keys
        .iter()
        .filter_map(|k| cols.iter().position(|c| c.key == *k))
        .collect();
    let cols: Vec<Col> = idx.iter().map(|&i| cols[i].clone()).collect();
    let rows = rows.map(|mut r| {
        idx.iter()
            .map(|&i| std::mem::replace(&mut r[i], Cell::Null))
            .collect::<Vec<Cell>>()
    });
    // A file named by --out is made from the whole listing (a workbook, say).
    if crate::export::capturing() {
        let mut l = Listing::new(cols);
        rows.for_each(|r| l.push(r));
        return l.print(format);
    }
    let mut o = std::io::BufWriter::with_capacity(1 << 16, std::io::stdout().lock());
    let done = match format {
        Format::Json => {
            let mut order: Vec<usize> = (0..cols.len()).collect();
            order.sort_by_key(|&i| cols[i].key);
            let mut ser = serde_json::Serializer::pretty(&mut o);
            let objects = rows.map(|row| OwnedJsonRow {
                cols: &cols,
                row,
                order: &order,
            });
            serde::Serializer::collect_seq(&mut ser, objects)
                .map_err(anyhow::Error::from)
                .and_then(|()| Ok(o.write_all(b"\n")?))
        }
        Format::Csv => (|| {
            let mut out = csv::Writer::from_writer(&mut o);
            out.write_record(cols.iter().map(|c| c.key))?;
            for r in rows {
                out.write_record(r.iter().map(Cell::csv_text))?;
            }
            Ok(out.flush()?)
        })(),
        Format::Table | Format::Md => {
            let mut l = Listing::new(cols.clone());
            rows.for_each(|r| l.push(r));
            l.write(format, &mut o)
        }
    };
    match done.and_then(|()| Ok(o.flush()?)) {
        Err(e) if broken_pipe(&e) => std::process::exit(0),
        r => r,
    }
}

struct OwnedJsonRow<'a> {
    cols: &'a [Col],
    row: Vec<Cell>,
    order: &'a [usize],
}

impl serde::Serialize for OwnedJsonRow<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        JsonRow {
            cols: self.cols,
            row: &self.row,
            order: self.order,
        }
        .serialize(s)
    }
}

/// Whether writing failed because the reader went away (`| head`).
fn broken_pipe(e: &anyhow::Error) -> bool {
    let pipe = |k: Option<std::io::ErrorKind>| k == Some(std::io::ErrorKind::BrokenPipe);
    e.chain().any(|c| {
        pipe(c.downcast_ref::<std::io::Error>().map(std::io::Error::kind))
            || pipe(
                c.downcast_ref::<serde_json::Error>()
                    .and_then(serde_json::Error::io_error_kind),
            )
            || c.downcast_ref::<csv::Error>()
                .is_some_and(|e| matches!(e.kind(), csv::ErrorKind::Io(io) if pipe(Some(io.kind()))))
    })
}

/// A listing as a JSON array of objects, written row by row.
struct JsonRows<'a> {
    listing: &'a Listing,
    order: &'a [usize],
}

struct JsonRow<'a> {
    cols: &'a [Col],
    row: &'a [Cell],
    order: &'a [usize],
}

impl serde::Serialize for JsonRows<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        use serde::ser::SerializeSeq;
        let mut seq = s.serialize_seq(Some(self.listing.rows.len()))?;
        for row in &self.listing.rows {
            seq.serialize_element(&JsonRow {
                cols: &self.listing.cols,
                row,
                order: self.order,
            })?;
        }
        seq.end()
    }
}

impl serde::Serialize for JsonRow<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut map = s.serialize_map(Some(self.order.len()))?;
        for &i in self.order {
            map.serialize_entry(self.cols[i].key, &self.row[i].json())?;
        }
        map.end()
    }
}

/// Writes data to stdout. A closed pipe (`| head`) ends the program quietly.
pub fn out(s: &str) -> Result<()> {
    if crate::export::keep_text(s) {
        return Ok(());
    }
    let mut o = std::io::stdout().lock();
    match o.write_all(s.as_bytes()).and_then(|_| o.flush()) {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => std::process::exit(0),
        r => Ok(r?),
    }
}

static DATABASE: std::sync::OnceLock<std::path::PathBuf> = std::sync::OnceLock::new();

/// Names the database of this run: no output may ever be written over it.
pub fn protect(db: &Path) {
    let _ = DATABASE.set(db.to_path_buf());
}

/// The same file, whether named by two paths or through links (on Unix, the same inode).
fn same_file(a: &Path, b: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        if let (Ok(x), Ok(y)) = (std::fs::metadata(a), std::fs::metadata(b)) {
            return x.dev() == y.dev() && x.ino() == y.ino();
        }
    }
    let abs = |p: &Path| {
        p.canonicalize()
            .or_else(|_| std::path::absolute(p))
            .unwrap_or_else(|_| p.to_path_buf())
    };
    abs(a) == abs(b)
}

/// Refuses an output path that is the database (or its journal), or not a plain file.
fn check_target(path: &Path) -> Result<()> {
    if let Some(db) = DATABASE.get() {
        for suffix in ["", "-wal", "-shm", "-journal"] {
            let mut p = db.clone().into_os_string();
            p.push(suffix);
            let p = std::path::PathBuf::from(p);
            // Compared by name too, so that a database not created yet is protected as well.
            let by_name = std::path::absolute(&p).ok() == std::path::absolute(path).ok();
            if by_name || same_file(&p, path) {
                bail!(
                    "{}",
                    say!(
                        en(
                            "will not write over {}: it is the database in use (or its journal); choose another file name",
                            path.display()
                        ),
                        zh(
                            "不会覆盖 {}：这是正在使用的数据库（或其日志文件），请换一个文件名",
                            path.display()
                        )
                    )
                );
            }
        }
    }
    if let Ok(meta) = std::fs::symlink_metadata(path)
        && !meta.file_type().is_file()
    {
        bail!(
            "{}",
            say!(
                en(
                    "will not write over {}: it is not a plain file (a folder, a link or a device); choose another file name",
                    path.display()
                ),
                zh(
                    "不会覆盖 {}：它不是普通文件（是文件夹、链接或设备），请换一个文件名",
                    path.display()
                )
            )
        );
    }
    Ok(())
}

/// Writes a document or a file for the clerk, making its folder when it does not exist yet.
/// The bytes go to a temporary file beside it that is then renamed into place, so a full
/// disk or a kill leaves the old file or the new one, never a part of one. It never writes
/// over the database or anything that is not a plain file.
pub fn write_file(path: &Path, bytes: &[u8]) -> Result<()> {
    let mut tmp = temp_beside(path)?;
    tmp.write_all(bytes).with_context(|| cannot_write(path))?;
    put_in_place(tmp, path)
}

fn cannot_write(path: &Path) -> String {
    say!(en("cannot write {}", path.display()), zh("无法写入 {}", path.display()))
}

/// A temporary file beside `path` (in its folder, made if need be), to be put in its place
/// with `put_in_place` once it is whole.
pub fn temp_beside(path: &Path) -> Result<tempfile::NamedTempFile> {
    check_target(path)?;
    let dir = match path.parent().filter(|d| !d.as_os_str().is_empty()) {
        Some(dir) => {
            std::fs::create_dir_all(dir).with_context(|| cannot_write(path))?;
            dir.to_path_buf()
        }
        None => std::path::PathBuf::from("."),
    };
    tempfile::Builder::new()
        .prefix(".pingxuan-")
        .suffix(".part")
        .tempfile_in(&dir)
        .with_context(|| cannot_write(path))
}

/// Flushes the temporary file to the disk and renames it over `path`.
pub fn put_in_place(tmp: tempfile::NamedTempFile, path: &Path) -> Result<()> {
    tmp.as_file().sync_all().with_context(|| cannot_write(path))?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(path).map(|m| m.permissions().mode()).unwrap_or(0o644);
        let _ = tmp.as_file().set_permissions(std::fs::Permissions::from_mode(mode));
    }
    // Checked again just before the rename: nothing may have been planted meanwhile.
    check_target(path)?;
    // Renamed into place; on Windows, past a viewer that holds the old file open.
    let tmp = tmp.into_temp_path();
    crate::place::put(&tmp, path).with_context(|| cannot_write(path))?;
    // Renamed away already: nothing is left for the temporary path to remove.
    let _ = tmp.keep();
    Ok(())
}

/// A text cell that a spreadsheet would take for a formula (`=`, `+`, `-`, `@`, a tab or a
/// carriage return first) gets a leading apostrophe, which Excel and WPS show as text.
/// Numbers are never touched.
pub fn defuse(s: String) -> String {
    if s.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{s}")
    } else {
        s
    }
}

/// A Markdown table cell: HTML in names is shown as text, never run, and a cell stays one cell.
pub fn md_escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('|', "\\|")
        .replace("\r\n", "<br>")
        .replace('\n', "<br>")
}

/// A message for the clerk, on stderr.
pub fn say(s: &str) {
    let _ = writeln!(std::io::stderr(), "{s}");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_in_a_table_are_cut_to_two_decimals_never_rounded_up() {
        assert_eq!(two_decimals("87"), "87");
        assert_eq!(two_decimals("87.5"), "87.5");
        assert_eq!(two_decimals("86.25"), "86.25");
        assert_eq!(two_decimals("87.3333…"), "87.33…");
        assert_eq!(two_decimals("97.998%"), "97.99…%");
        assert_eq!(two_decimals("97.9999…%"), "97.99…%");
        assert_eq!(two_decimals("+1.230"), "+1.23");
        assert_eq!(two_decimals("-0.125"), "-0.12…");
        assert_eq!(two_decimals("n/a"), "n/a");
    }

    #[test]
    fn the_layout_comes_from_wide_then_columns_then_the_terminal() {
        let tty = || Some(132);
        let none = || None;
        assert_eq!(
            layout(true, Some("80"), tty),
            Layout {
                width: None,
                exact: true
            }
        );
        assert_eq!(layout(false, Some("80"), tty).width, Some(80));
        assert_eq!(layout(false, None, tty).width, Some(132));
        assert_eq!(layout(false, None, none), Layout::default());
        assert_eq!(layout(false, Some(""), none).width, None, "an empty COLUMNS is unset");
        assert_eq!(layout(false, Some("abc"), tty).width, None);
        assert_eq!(layout(false, Some("12"), tty).width, None, "too narrow for any table");
    }

    #[test]
    fn text_wraps_at_spaces_or_between_chinese_characters() {
        assert_eq!(wrap("one-vote veto #1: safety", 10), ["one-vote", "veto #1:", "safety"]);
        assert_eq!(
            wrap("宁波梅东集装箱码头有限公司", 8),
            ["宁波梅东", "集装箱码", "头有限公", "司"]
        );
        assert_eq!(wrap("", 8), [""]);
        for line in wrap("satisfaction 48999/50000 = 97.998% < 98%", 9) {
            assert!(text_width(&line) <= 9, "{line}");
        }
    }

    fn listing(names: &[&str]) -> Listing {
        let mut l = Listing::new(vec![col("code", "code"), col("name", "name"), col("total", "total")]);
        for (i, n) in names.iter().enumerate() {
            l.push(vec![
                Cell::Text(format!("W2026-00{i}")),
                Cell::Text(n.to_string()),
                Cell::Num(92.3333, "92.3333…".into()),
            ]);
        }
        l
    }

    #[test]
    fn a_table_fits_its_width_by_wrapping_the_text_or_as_records() {
        let long = "宁波舟山港股份有限公司北仑第二集装箱码头分公司进出口货物查验窗口";
        let l = listing(&["行政审批综合窗口", long]);
        let widest = |s: &str| s.lines().map(text_width).max().unwrap_or(0);
        let full = l.table(Layout::default());
        assert!(
            widest(&full) > 60 && full.contains(long) && full.contains("92.33…"),
            "{full}"
        );
        // Wide enough for the table with the name wrapped.
        let fitted = l.table(Layout {
            width: Some(40),
            exact: false,
        });
        assert!(widest(&fitted) <= 40, "{fitted}");
        assert!(fitted.contains("│ W2026-001 ┆") && !fitted.contains(long), "{fitted}");
        // Too narrow for the columns side by side: a record for each row.
        let records = l.table(Layout {
            width: Some(22),
            exact: false,
        });
        assert!(widest(&records) <= 22, "{records}");
        assert!(
            records.contains("─[ 2 / 2 ]") && records.contains("code  │ W2026-000"),
            "{records}"
        );
        // Exact, and as wide as it needs, under --wide; a table that fits is left alone.
        let wide = l.table(Layout {
            width: None,
            exact: true,
        });
        assert!(wide.contains(long) && wide.contains("92.3333…"), "{wide}");
        let short = listing(&["窗口"]);
        assert_eq!(
            short.table(Layout {
                width: Some(80),
                exact: false
            }),
            short.table(Layout::default())
        );
    }
}
