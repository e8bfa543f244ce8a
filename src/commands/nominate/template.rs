//! `nominate template`: the blank nomination form for the groups.

use std::path::PathBuf;

use anyhow::Result;

use crate::csvin::Encoding;
use crate::messages::say;
use crate::output::{out, say};

/// The form's headers, as `nominate import` reads them; 序号 is for the groups' own numbering.
const HEADERS: &[&str] = &[
    "序号",
    "类别",
    "名称",
    "单位",
    "片组",
    "职务",
    "工号",
    "主要事迹",
    "联系人",
    "联系电话",
    "报送日期",
    "本单位年终测评排名",
];

/// The form's bytes: CRLF line ends as Excel writes them; a BOM for UTF-8 meant for Excel.
pub fn form(encoding: Encoding, bom: bool) -> Vec<u8> {
    let text = format!("{}\r\n", HEADERS.join(","));
    match encoding {
        Encoding::Gbk => encoding_rs::GBK.encode(&text).0.into_owned(),
        Encoding::Utf8 => {
            let mut b = if bom { b"\xEF\xBB\xBF".to_vec() } else { Vec::new() };
            b.extend_from_slice(text.as_bytes());
            b
        }
    }
}

pub fn run(file: Option<PathBuf>, encoding: Option<Encoding>) -> Result<()> {
    let bom = encoding.is_some() || file.is_some();
    let bytes = form(encoding.unwrap_or(Encoding::Utf8), bom);
    let Some(file) = file else {
        return match encoding {
            None => out(&String::from_utf8_lossy(&bytes)),
            Some(_) => write_stdout(&bytes),
        };
    };
    crate::output::write_file(&file, &bytes)?;
    let enc = match encoding {
        Some(Encoding::Gbk) => "GBK",
        _ => "UTF-8 (BOM)",
    };
    say(&say!(
        en("wrote the nomination form {} ({enc})", file.display()),
        zh("已写出推荐表模板 {}（{enc}）", file.display())
    ));
    Ok(())
}

fn write_stdout(bytes: &[u8]) -> Result<()> {
    use std::io::Write;
    let mut o = std::io::stdout().lock();
    match o.write_all(bytes).and_then(|_| o.flush()) {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        r => Ok(r?),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_form_reads_back_in_both_encodings() {
        let gbk = form(Encoding::Gbk, true);
        let (text, _, bad) = encoding_rs::GBK.decode(&gbk);
        assert!(!bad);
        assert!(text.starts_with("序号,类别,名称,单位,片组"));
        assert!(form(Encoding::Utf8, true).starts_with(b"\xEF\xBB\xBF"));
        assert!(!form(Encoding::Utf8, false).starts_with(b"\xEF\xBB\xBF"));
    }
}
