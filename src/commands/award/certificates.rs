//! `award certificates`: one printable certificate per award, an index, the plaques' text;
//! or only the variable text, for pre-printed certificate paper.

use super::*;
use crate::messages::say;

/// The page of one certificate, named by its number.
pub(super) fn certificate_file(certificate: &str) -> String {
    format!("{certificate}.html")
}

/// Removes what an earlier run wrote into the folder and the awards no longer back: the pages
/// of the term's certificates not among `awards` (revoked since), and plaques.html when no
/// window holds an award. Nothing else in the folder is touched.
pub(super) fn remove_stale(dir: &Path, year: i32, awards: &[Awardee]) -> Result<Vec<String>> {
    let current: Vec<String> = awards.iter().map(|a| certificate_file(&a.certificate)).collect();
    let windows = awards.iter().any(|a| a.category == Category::Window);
    let mut removed = Vec::new();
    let cannot_read = || say!(en("cannot read {}", dir.display()), zh("无法读取 {}", dir.display()));
    for entry in std::fs::read_dir(dir).with_context(cannot_read)? {
        let entry = entry.with_context(cannot_read)?;
        let Ok(name) = entry.file_name().into_string() else {
            continue;
        };
        let ours = match name.strip_suffix(".html") {
            Some("plaques") => !windows,
            Some(number) => award::certificate_year(number) == Some(year) && !current.contains(&name),
            None => false,
        };
        if ours && entry.file_type().is_ok_and(|t| t.is_file()) {
            std::fs::remove_file(entry.path()).with_context(|| {
                say!(
                    en("cannot remove {}", entry.path().display()),
                    zh("无法删除 {}", entry.path().display())
                )
            })?;
            removed.push(name);
        }
    }
    removed.sort();
    Ok(removed)
}

pub(super) fn certificates(ctx: &Ctx, conn: &Connection, dir: &Path, date: Option<String>) -> Result<()> {
    let term = resolve_term(conn, ctx)?;
    let (awards, last) = awardees(conn, term.year, false)?;
    let date = document_date(date, last)?;
    if dir.exists() && !dir.is_dir() {
        bail!(
            "{}",
            say!(
                en("{} is a file, not a folder", dir.display()),
                zh("{} 是文件，不是文件夹", dir.display())
            )
        );
    }
    std::fs::create_dir_all(dir)
        .with_context(|| say!(en("cannot create {}", dir.display()), zh("无法创建 {}", dir.display())))?;
    for a in &awards {
        write_file(
            &dir.join(certificate_file(&a.certificate)),
            &documents::certificate_html(term.year, date, a),
        )?;
    }
    write_file(
        &dir.join("index.html"),
        &documents::certificates_index_html(term.year, date, &awards),
    )?;
    let windows = awards.iter().filter(|a| a.category == Category::Window).count();
    if windows > 0 {
        write_file(
            &dir.join("plaques.html"),
            &documents::plaques_html(term.year, date, &awards),
        )?;
    }
    let removed = remove_stale(dir, term.year, &awards)?;
    say(&say!(
        en(
            "wrote {} certificates, index.html (prints them all){} to {}",
            awards.len(),
            if windows > 0 { " and plaques.html" } else { "" },
            dir.display()
        ),
        zh(
            "已写出 {} 份证书、index.html（逐页打印全部证书）{}，位置：{}",
            awards.len(),
            if windows > 0 {
                "和 plaques.html（匾牌文字）"
            } else {
                ""
            },
            dir.display()
        )
    ));
    if !removed.is_empty() {
        say(&say!(
            en(
                "removed what an earlier run wrote for awards no longer active: {}",
                removed.join(", ")
            ),
            zh("已删除先前为已失效奖项写出的文件：{}", removed.join("、"))
        ));
    }
    Ok(())
}

/// The variable text for pre-printed certificate paper, after a calibration page.
pub(super) fn text_only(
    ctx: &Ctx,
    conn: &Connection,
    dir: &Path,
    date: Option<String>,
    layout: &crate::documents::overprint::Layout,
    dx: f64,
    dy: f64,
) -> Result<()> {
    for (name, v) in [("--offset-x", dx), ("--offset-y", dy)] {
        if !v.is_finite() || v.abs() > 50.0 {
            bail!(
                "{}",
                say!(
                    en("{name} {v}: expected a shift of at most 50 mm"),
                    zh("{name} {v}：偏移量应在 50 毫米以内")
                )
            );
        }
    }
    let term = resolve_term(conn, ctx)?;
    let (awards, last) = awardees(conn, term.year, false)?;
    let date = document_date(date, last)?;
    let file = dir.join("text-only.html");
    write_file(
        &file,
        &crate::documents::overprint::text_only_html(term.year, date, &awards, layout, dx, dy),
    )?;
    say(&say!(
        en(
            "wrote a calibration page and the text of {} certificates, for pre-printed paper, to {}",
            awards.len(),
            file.display()
        ),
        zh(
            "已写出套打校准页和 {} 份证书的套打文字：{}",
            awards.len(),
            file.display()
        )
    ));
    Ok(())
}
