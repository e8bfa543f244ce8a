//! What the notice or the 公示 is written as: the official document (.docx, or printable HTML
//! with --html), the text, Markdown, or its list for scripts (JSON, CSV) and for Excel (.xlsx,
//! and .csv with a BOM). An `--out` file's ending says which, over --format; an ending that is
//! none of these is refused before anything is read or written.

use std::path::Path;

use anyhow::{Result, bail};

use crate::messages::say;
use crate::output::{Format, Listing};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum DocForm {
    Docx,
    Html,
    Text,
    Md,
    Json,
    /// The list as CSV: for scripts on stdout, for Excel in a file.
    Csv,
    Xlsx,
}

impl DocForm {
    /// The official print, which takes the term's document number (文号).
    pub(super) fn official(self) -> bool {
        matches!(self, DocForm::Docx | DocForm::Html)
    }
}

pub(super) fn doc_form(file: Option<&Path>, html: bool, format: Format) -> Result<DocForm> {
    if html {
        return Ok(DocForm::Html);
    }
    let ending = file
        .and_then(|f| f.extension())
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    Ok(match ending.as_deref() {
        Some("docx") => DocForm::Docx,
        Some("html" | "htm") => DocForm::Html,
        Some("md" | "markdown") => DocForm::Md,
        Some("json") => DocForm::Json,
        Some("csv") => DocForm::Csv,
        Some("xlsx") => DocForm::Xlsx,
        Some("txt") => DocForm::Text,
        Some(_) => bail!(
            "{}",
            say!(
                en(
                    "{}: the document is written to a file ending in .docx or .html (the official print), .txt, .md, .json, .csv or .xlsx (its list)",
                    file.unwrap_or(Path::new("")).display()
                ),
                zh(
                    "{}：文件须以 .docx 或 .html（正式公文）、.txt、.md、.json、.csv 或 .xlsx（名单）结尾",
                    file.unwrap_or(Path::new("")).display()
                )
            )
        ),
        None => match format {
            Format::Table => DocForm::Text,
            Format::Md => DocForm::Md,
            Format::Json => DocForm::Json,
            Format::Csv => DocForm::Csv,
        },
    })
}

/// The document's list in a form for scripts or for Excel: CSV with the keys on stdout, CSV
/// with a BOM and the headers people read in a file, or a workbook.
pub(super) fn list_bytes(form: DocForm, list: &Listing, to_file: bool, title: &str) -> Result<Vec<u8>> {
    Ok(match form {
        DocForm::Xlsx => crate::xlsxout::listings(std::slice::from_ref(list), title, title)?,
        DocForm::Csv if to_file => crate::export::csv_for_excel(&[(None, list)])?,
        DocForm::Csv => list.render(Format::Csv)?.into_bytes(),
        _ => list.render(Format::Json)?.into_bytes(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_ending_says_the_form_over_the_format_and_an_unknown_one_is_refused() {
        let form = |f: &str, format| doc_form(Some(Path::new(f)), false, format).unwrap();
        assert_eq!(form("通报.docx", Format::Table), DocForm::Docx);
        assert_eq!(form("通报.HTML", Format::Json), DocForm::Html);
        assert_eq!(form("名单.xlsx", Format::Json), DocForm::Xlsx);
        assert_eq!(form("名单.csv", Format::Table), DocForm::Csv);
        assert_eq!(form("通报.txt", Format::Md), DocForm::Text);
        assert_eq!(form("通报", Format::Md), DocForm::Md);
        assert_eq!(doc_form(None, false, Format::Json).unwrap(), DocForm::Json);
        assert_eq!(doc_form(None, true, Format::Json).unwrap(), DocForm::Html);
        let err = doc_form(Some(Path::new("通报.pdf")), false, Format::Table).unwrap_err();
        assert!(err.to_string().contains("通报.pdf"), "{err}");
        assert!(DocForm::Docx.official() && DocForm::Html.official() && !DocForm::Xlsx.official());
    }
}
