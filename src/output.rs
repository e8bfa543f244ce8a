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
    fn text(&self) -> String {
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
        Ok(match format {
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
            Format::Csv => {
                let mut w = csv::Writer::from_writer(Vec::new());
                w.write_record(self.cols.iter().map(|c| c.key))?;
                for r in &self.rows {
                    w.write_record(r.iter().map(|c| match c {
                        Cell::Int(_) | Cell::Num(..) | Cell::Bool(_) | Cell::Null => c.machine_text(),
                        _ => defuse(c.machine_text()),
                    }))?;
                }
                String::from_utf8(w.into_inner().map_err(|e| anyhow::anyhow!("{e}"))?)?
            }
            Format::Json => format!("{}\n", serde_json::to_string_pretty(&self.to_json())?),
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
        })
    }

    /// Renders to stdout.
    pub fn print(&self, format: Format) -> Result<()> {
        out(&self.render(format)?)
    }
}

/// Writes data to stdout. A closed pipe (`| head`) ends the program quietly.
pub fn out(s: &str) -> Result<()> {
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
    tmp.persist(path)
        .map_err(|e| e.error)
        .with_context(|| cannot_write(path))?;
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
