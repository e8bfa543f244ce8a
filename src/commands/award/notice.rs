//! `award notice`: the commendation notice (通报表彰) of the active awards.

use super::form::{DocForm, doc_form, list_bytes};
use super::*;
use crate::messages::say;
use crate::output::{category_col, group_col, name_col, unit_col};

/// The active awards of the term for the documents, by group, unit and certificate number.
pub(super) fn awardees(conn: &Connection, year: i32, by_group: bool) -> Result<(Vec<Awardee>, Option<String>)> {
    let order = if by_group {
        "g.id, u.id, a.category = 'individual', a.serial"
    } else {
        "a.category = 'individual', a.serial"
    };
    let mut st = conn.prepare(&format!(
        "SELECT a.category, n.name, u.name, g.name, a.certificate, a.granted_at
         FROM award a JOIN nomination n ON n.id = a.nomination JOIN unit u ON u.id = n.unit_id
         JOIN org_group g ON g.id = n.group_id
         WHERE a.term = ?1 AND a.revoked_at IS NULL ORDER BY {order}"
    ))?;
    let mut last: Option<String> = None;
    let mut list = Vec::new();
    let rows = st.query_map([year], |r| {
        Ok((
            Awardee {
                category: r.get(0)?,
                name: r.get(1)?,
                unit: r.get(2)?,
                group: r.get(3)?,
                certificate: r.get(4)?,
            },
            r.get::<_, String>(5)?,
        ))
    })?;
    for row in rows {
        let (a, at) = row.context(crate::i18n::tr("reading the awards", "读取奖项"))?;
        if last.as_ref().is_none_or(|l| at > *l) {
            last = Some(at);
        }
        list.push(a);
    }
    if list.is_empty() {
        bail!(
            "{}",
            say!(
                en("there are no active awards in the term {year}; grant them with `pingxuan award grant`"),
                zh("本届没有有效的奖项，届期 {year}；请先用 `pingxuan award grant` 授奖")
            )
        );
    }
    Ok((list, last))
}

/// The date given, else the day of the latest grant.
pub(super) fn document_date(given: Option<String>, last_grant: Option<String>) -> Result<NaiveDate> {
    if let Some(d) = given {
        return parse_date(&d).with_context(|| format!("--date \"{d}\""));
    }
    let at = last_grant.unwrap_or_else(now);
    Ok(NaiveDate::parse_from_str(at.get(..10).unwrap_or_default(), "%Y-%m-%d")
        .unwrap_or_else(|_| chrono::Local::now().date_naive()))
}

pub(super) fn write_file(path: &Path, text: &str) -> Result<()> {
    crate::output::write_file(path, text.as_bytes())
}

pub(super) fn notice(
    ctx: &Ctx,
    conn: &Connection,
    file: Option<PathBuf>,
    html: bool,
    date: Option<String>,
    number: Option<String>,
    template: crate::wording::Template,
) -> Result<()> {
    let term = resolve_term(conn, ctx)?;
    let (awards, last) = awardees(conn, term.year, true)?;
    let mut data = NoticeData {
        year: term.year,
        date: document_date(date, last)?,
        number,
        awards,
        template,
        head: None,
        serial: 0,
    };
    // The file's ending says what it is, unless --html says so; else --format.
    let form = doc_form(file.as_deref(), html, ctx.format)?;
    if form.official() && data.number.is_none() {
        data.number = Some(notice_number(ctx, conn, &term, &mut data)?);
    }
    // The head of the record as it stands now, the number's entry included.
    data.head = crate::chain::head(ctx.read()?)?.map(|(_, hash)| hash);
    let bytes = match form {
        DocForm::Docx => crate::documents::docx::notice_docx(&data)?,
        DocForm::Html => documents::notice_html(&data)?.into_bytes(),
        DocForm::Text => documents::notice_text(&data)?.into_bytes(),
        DocForm::Md => documents::notice_markdown(&data)?.into_bytes(),
        DocForm::Json | DocForm::Csv | DocForm::Xlsx => {
            let title = say!(en("{} awards", term.year), zh("{}年度表彰名单", term.year));
            list_bytes(form, &awards_listing(&data.awards), file.is_some(), &title)?
        }
    };
    match file {
        Some(f) => {
            crate::output::write_file(&f, &bytes)?;
            say(&say!(
                en("wrote the notice to {}", f.display()),
                zh("已写出通报：{}", f.display())
            ));
            Ok(())
        }
        None => out(&String::from_utf8_lossy(&bytes)),
    }
}

/// The awards of the notice as a list: category, group, unit, name and certificate.
fn awards_listing(awards: &[crate::documents::Awardee]) -> Listing {
    let mut l = Listing::new(vec![
        category_col(),
        group_col(),
        unit_col(),
        name_col(),
        col("certificate", tr("certificate", "证书编号")),
    ]);
    for a in awards {
        l.push(vec![
            Cell::code(a.category.code(), a.category.label()),
            a.group.clone().into(),
            a.unit.clone().into(),
            a.name.clone().into(),
            a.certificate.clone().into(),
        ]);
    }
    l
}

/// The number (文号) of the term's notice: the one registered at its first official print,
/// else the next serial of the term in the template's form, registered now (on the record),
/// so that every reprint carries the same number.
pub(super) fn notice_number(ctx: &Ctx, conn: &Connection, term: &Term, data: &mut NoticeData) -> Result<String> {
    let number = document_number(ctx, conn, term, Kind::Notice, |serial| {
        data.serial = serial;
        Ok(documents::notice(data)?.number)
    })?;
    Ok(number)
}

/// The official documents of a term that carry a number (文号).
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Kind {
    Notice,
    Publicity,
}

impl Kind {
    fn code(self) -> &'static str {
        match self {
            Kind::Notice => "notice",
            Kind::Publicity => "publicity",
        }
    }
    fn name(self) -> &'static str {
        match self {
            Kind::Notice => tr("the notice", "通报"),
            Kind::Publicity => tr("the 公示 notice", "公示"),
        }
    }
}

/// The number of a term's document of this kind: the one registered at its first official
/// print, else the one `make` gives for the term's next serial (the serials are shared by
/// every kind), registered now, on the record, so that every reprint carries it.
pub(super) fn document_number(
    ctx: &Ctx,
    conn: &Connection,
    term: &Term,
    kind: Kind,
    mut make: impl FnMut(i64) -> Result<Option<String>>,
) -> Result<String> {
    let registered = |c: &Connection| -> Result<Option<String>> {
        Ok(c.query_row(
            "SELECT number FROM document_number WHERE term = ?1 AND kind = ?2",
            params![term.year, kind.code()],
            |r| r.get(0),
        )
        .optional()?)
    };
    if let Some(n) = registered(conn)? {
        return Ok(n);
    }
    if term.state == TermState::Closed {
        bail!(
            "{}",
            say!(
                en(
                    "the {} term is closed and {} was never numbered; give the number with --number",
                    term.year,
                    kind.name()
                ),
                zh(
                    "{} 届已结束，其{}未曾编号；请用 --number 给出文号",
                    term.year,
                    kind.name()
                )
            )
        );
    }
    let tx = ctx.change()?;
    // Read again under the write lock: another clerk may have numbered it meanwhile.
    if let Some(n) = registered(&tx)? {
        return Ok(n);
    }
    let serial: i64 = tx.query_row(
        "SELECT coalesce(max(serial), 0) + 1 FROM document_number WHERE term = ?1",
        [term.year],
        |r| r.get(0),
    )?;
    let Some(number) = make(serial)?.filter(|n| !n.trim().is_empty()) else {
        bail!(
            "{}",
            tr(
                "the template gives no document number; give one with --number",
                "模板未给出发文字号；请用 --number 给出文号"
            )
        );
    };
    tx.execute(
        "INSERT INTO document_number (term, kind, serial, number, issued_at, issued_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![term.year, kind.code(), serial, number, now(), ctx.operator],
    )
    .with_context(|| format!("registering the number of {}", kind.name()))?;
    tx.record(
        Some(term.year),
        &format!("{}.number", kind.code()),
        &number,
        json!({ "serial": serial }),
    )?;
    tx.finish(false)?;
    let what = kind.name();
    say(&say!(
        en("{what} is numbered {number}; every reprint keeps this number"),
        zh("{what}文号为 {number}，已登记，重印沿用此文号")
    ));
    Ok(number)
}
