//! `--out FILE` for every listing and report: what the command prints is kept instead of going
//! to stdout, and written once at the end in the form the file's ending picks: `.xlsx` (a
//! workbook with a title row), `.csv` (UTF-8 with a BOM, headers in the language asked for, as
//! Chinese Excel opens it), `.json`, `.md`, `.html`.
//!
//! Commands that write a file of their own kind (`award notice`, `award certificates`,
//! `nominate template`, `term scheme export`, the form templates) take the path instead
//! ([`take_out`]) and nothing is kept.

use std::path::{Path, PathBuf};
use std::sync::Mutex;

use anyhow::{Result, bail};

use crate::i18n::tr;
use crate::messages::say;
use crate::output::{Format, Listing};

/// The forms a listing can be saved in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Form {
    Xlsx,
    Csv,
    Json,
    Md,
    Html,
}

impl Form {
    /// The form a file's ending names, if any.
    pub fn of(path: &Path) -> Option<Form> {
        let ending = path.extension()?.to_str()?.to_ascii_lowercase();
        Some(match ending.as_str() {
            "xlsx" => Form::Xlsx,
            "csv" => Form::Csv,
            "json" => Form::Json,
            "md" | "markdown" => Form::Md,
            "html" | "htm" => Form::Html,
            _ => return None,
        })
    }

    /// The format the command renders in for this form: listings kept whole for the tables,
    /// text for JSON and Markdown.
    pub fn format(self) -> Format {
        match self {
            Form::Json => Format::Json,
            Form::Md => Format::Md,
            Form::Xlsx | Form::Csv | Form::Html => Format::Csv,
        }
    }
}

/// What `--out` asked for and what the command printed meanwhile.
#[derive(Default)]
struct State {
    path: Option<PathBuf>,
    /// Taken by a command that writes the file itself.
    taken: bool,
    text: String,
    listings: Vec<Listing>,
    /// The term the listing is about, for the title row.
    term: Option<String>,
}

static STATE: Mutex<Option<State>> = Mutex::new(None);

fn with<T>(f: impl FnOnce(&mut State) -> T) -> T {
    let mut guard = STATE.lock().unwrap_or_else(|e| e.into_inner());
    f(guard.get_or_insert_with(State::default))
}

/// Sets the file of `--out`, once, at start-up.
pub fn set_out(path: Option<PathBuf>) {
    with(|s| s.path = path);
}

/// The `--out` path for a command that writes the file itself; nothing is kept.
pub fn take_out() -> Option<PathBuf> {
    with(|s| {
        s.taken = true;
        s.path.clone()
    })
}

/// Whether what is printed is being kept for the file.
fn keeping(s: &mut State) -> bool {
    s.path.is_some() && !s.taken
}

/// Whether what is printed goes to the `--out` file instead of stdout.
pub fn capturing() -> bool {
    with(keeping)
}

/// Keeps printed text instead of writing it to stdout; false when there is no `--out`.
pub fn keep_text(text: &str) -> bool {
    with(|s| {
        let keep = keeping(s);
        if keep {
            s.text.push_str(text);
        }
        keep
    })
}

/// Keeps a listing instead of printing it; false when there is no `--out` or its form is text.
pub fn keep_listing(l: &Listing) -> bool {
    with(|s| {
        let keep = keeping(s)
            && s.path
                .as_deref()
                .and_then(Form::of)
                .is_some_and(|f| f.format() == Format::Csv);
        if keep {
            s.listings.push(l.clone());
        }
        keep
    })
}

/// Notes the term a command acts on: "2026年度文明和谐口岸评选".
pub fn note_term(year: i32, title: &str) {
    let text = if title.trim().is_empty() {
        say!(en("Term {year}"), zh("{year} 年度"))
    } else {
        title.trim().to_string()
    };
    with(|s| s.term = Some(text));
}

/// Refuses an ending that names no form, before the command does anything.
pub fn check(path: &Path) -> Result<Form> {
    Form::of(path).ok_or_else(|| {
        anyhow::anyhow!(
            "{}",
            say!(
                en(
                    "{}: --out needs a file ending in .xlsx, .csv, .json, .md or .html",
                    path.display()
                ),
                zh(
                    "{}：--out 的文件名须以 .xlsx、.csv、.json、.md 或 .html 结尾",
                    path.display()
                )
            )
        )
    })
}

/// Writes what was kept to the `--out` file, once the command has succeeded.
pub fn finish() -> Result<()> {
    let Some((path, text, listings, term)) = with(|s| {
        keeping(s).then(|| {
            (
                s.path.clone().unwrap_or_default(),
                std::mem::take(&mut s.text),
                std::mem::take(&mut s.listings),
                s.term.clone(),
            )
        })
    }) else {
        return Ok(());
    };
    let form = check(&path)?;
    let stem = path.file_stem().and_then(|s| s.to_str()).unwrap_or("").to_string();
    let title = match &term {
        Some(t) if !stem.contains(t.as_str()) => format!("{t} {stem}"),
        _ => stem.clone(),
    };
    let bytes = match form {
        Form::Json | Form::Md => {
            if text.is_empty() {
                nothing(&path)?;
            }
            text.into_bytes()
        }
        Form::Xlsx | Form::Csv | Form::Html if listings.is_empty() => {
            if text.is_empty() || form != Form::Csv {
                nothing(&path)?;
            }
            let mut b = b"\xEF\xBB\xBF".to_vec();
            b.extend_from_slice(text.as_bytes());
            b
        }
        Form::Xlsx => crate::xlsxout::listings(&listings, &title, &stem)?,
        Form::Csv => csv_for_excel(&listings.iter().map(|l| (None, l)).collect::<Vec<_>>())?,
        Form::Html => html(&listings, &title).into_bytes(),
    };
    write(&path, &bytes)?;
    crate::output::say(&say!(en("wrote {}", path.display()), zh("已写出 {}", path.display())));
    Ok(())
}

fn nothing(path: &Path) -> Result<()> {
    bail!(
        "{}",
        say!(
            en(
                "{}: this command prints nothing in that form; --out is for listings and reports (try .json or .md)",
                path.display()
            ),
            zh(
                "{}：此命令没有这种形式的输出；--out 用于名单和报表（可试 .json 或 .md）",
                path.display()
            )
        )
    )
}

/// The one place a file of `--out` is written.
pub fn write(path: &Path, bytes: &[u8]) -> Result<()> {
    crate::output::write_file(path, bytes)
}

/// CSV that Chinese Excel opens cleanly: a BOM, CRLF, the headers people read, numbers plain
/// with the decimals people see; several listings one under the other, a blank row between,
/// each under a row with its title where it has one.
pub fn csv_for_excel(listings: &[(Option<&str>, &Listing)]) -> Result<Vec<u8>> {
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .flexible(true)
        .from_writer(b"\xEF\xBB\xBF".to_vec());
    for (i, (title, l)) in listings.iter().enumerate() {
        if i > 0 {
            w.write_record([""])?;
        }
        if let Some(title) = title {
            w.write_record([crate::output::defuse(title.to_string())])?;
        }
        w.write_record(l.cols.iter().map(|c| c.label.as_str()))?;
        for r in &l.rows {
            w.write_record(r.iter().map(|c| {
                if c.is_number() {
                    c.plain_text()
                } else {
                    crate::output::defuse(c.plain_text())
                }
            }))?;
        }
    }
    w.into_inner().map_err(|e| anyhow::anyhow!("{e}"))
}

fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// A page with the tables, for a browser or to print.
fn html(listings: &[Listing], title: &str) -> String {
    let mut s = format!(
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n<title>{t}</title>\n<style>\n\
         body {{ font-family: \"Noto Sans CJK SC\", \"Microsoft YaHei\", \"SimSun\", sans-serif; margin: 2em; }}\n\
         h1 {{ font-size: 1.4em; text-align: center; }}\n\
         table {{ border-collapse: collapse; margin: 1em auto; font-size: 10pt; }}\n\
         th, td {{ border: 1px solid #888; padding: 0.3em 0.6em; vertical-align: top; }}\n\
         th {{ background: #eef3f8; }}\n\
         td.n {{ text-align: right; }}\n\
         .s {{ white-space: nowrap; }}\n\
         @page {{ size: A4 landscape; margin: 1.5cm; }}\n\
         </style>\n</head>\n<body>\n<h1>{t}</h1>\n",
        tr("en", "zh-CN"),
        t = esc(title)
    );
    for l in listings {
        s += "<table>\n<thead><tr>";
        for c in &l.cols {
            let class = if c.label.chars().count() <= 6 {
                " class=\"s\""
            } else {
                ""
            };
            s += &format!("<th{class}>{}</th>", esc(&c.label));
        }
        s += "</tr></thead>\n<tbody>\n";
        for r in &l.rows {
            s += "<tr>";
            for c in r {
                let text = c.text();
                // Numbers right, short words on one line, long text wrapped.
                let class = match (c.is_number(), text.chars().count() <= 10) {
                    (true, _) => " class=\"n s\"",
                    (false, true) => " class=\"s\"",
                    (false, false) => "",
                };
                s += &format!("<td{class}>{}</td>", esc(&text).replace('\n', "<br>"));
            }
            s += "</tr>\n";
        }
        s += "</tbody>\n</table>\n";
    }
    s + "</body>\n</html>\n"
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_ending_picks_the_form() {
        assert_eq!(Form::of(Path::new("名单.XLSX")), Some(Form::Xlsx));
        assert_eq!(Form::of(Path::new("a.csv")), Some(Form::Csv));
        assert_eq!(Form::of(Path::new("a.htm")), Some(Form::Html));
        assert_eq!(Form::of(Path::new("a.txt")), None);
        assert_eq!(Form::of(Path::new("a")), None);
    }

    #[test]
    fn html_escapes_what_it_shows() {
        let mut l = Listing::new(vec![crate::output::col("name", "名称")]);
        l.push(vec!["<b>&".into()]);
        let page = html(&[l], "2026 <名单>");
        assert!(page.contains("&lt;b&gt;&amp;</td>") && !page.contains("<b>"), "{page}");
        assert!(page.contains("<h1>2026 &lt;名单&gt;</h1>"), "{page}");
    }
}
