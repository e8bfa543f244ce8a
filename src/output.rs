//! Every listing is one `Listing`, rendered in the format asked for: a table that lines up
//! with Chinese text, CSV, JSON or Markdown. Data goes to stdout only.

use std::io::Write;

use std::path::Path;

use anyhow::{Context, Result, bail};
use comfy_table::{ContentArrangement, Table, presets};
use serde_json::{Map, Value};

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum, Default)]
pub enum Format {
    #[default]
    Table,
    Csv,
    Json,
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

/// A cell keeps its type for JSON and prints as text elsewhere.
#[derive(Clone, Debug)]
pub enum Cell {
    Text(String),
    Int(i64),
    /// A number for JSON with the text people see (which may say "…" for a cut decimal).
    Num(f64, String),
    Bool(bool),
    List(Vec<String>),
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
            Cell::List(l) => l.join("; "),
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
            Cell::List(l) => Value::Array(l.iter().cloned().map(Value::String).collect()),
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
            Format::Table => {
                let mut t = Table::new();
                t.load_style(presets::UTF8_FULL_CONDENSED)
                    .set_content_arrangement(ContentArrangement::Disabled)
                    .set_header(self.cols.iter().map(|c| c.label.clone()));
                for r in &self.rows {
                    t.add_row(r.iter().map(|c| c.text()));
                }
                format!("{t}\n")
            }
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
                    "{} {}{}",
                    crate::i18n::tr("will not write over", "不会覆盖"),
                    path.display(),
                    crate::i18n::tr(
                        ": it is the database in use (or its journal); choose another file name",
                        "：这是正在使用的数据库（或其日志文件），请换一个文件名"
                    )
                );
            }
        }
    }
    if let Ok(meta) = std::fs::symlink_metadata(path)
        && !meta.file_type().is_file()
    {
        bail!(
            "{} {}{}",
            crate::i18n::tr("will not write over", "不会覆盖"),
            path.display(),
            crate::i18n::tr(
                ": it is not a plain file (a folder, a link or a device); choose another file name",
                "：它不是普通文件（是文件夹、链接或设备），请换一个文件名"
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
    format!("{} {}", crate::i18n::tr("cannot write", "无法写入"), path.display())
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
