//! Every listing is one `Listing`, rendered in the format asked for: a table that lines up
//! with Chinese text, CSV, JSON or Markdown. Data goes to stdout only.

use std::io::Write;

use anyhow::{Context, Result};
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
                    w.write_record(r.iter().map(|c| c.machine_text()))?;
                }
                String::from_utf8(w.into_inner().map_err(|e| anyhow::anyhow!("{e}"))?)?
            }
            Format::Json => format!("{}\n", serde_json::to_string_pretty(&self.to_json())?),
            Format::Md => {
                let esc = |s: String| s.replace('|', "\\|").replace('\n', "<br>");
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

/// Writes a document or a file for the clerk, making its folder when it does not exist yet.
pub fn write_file(path: &std::path::Path, bytes: &[u8]) -> Result<()> {
    let cannot = || format!("{} {}", crate::i18n::tr("cannot write", "无法写入"), path.display());
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).with_context(cannot)?;
    }
    crate::place::write(path, bytes).with_context(cannot)
}

/// A message for the clerk, on stderr.
pub fn say(s: &str) {
    let _ = writeln!(std::io::stderr(), "{s}");
}
