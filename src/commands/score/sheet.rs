//! Recording one sheet, as import and add both do: the marks, what is on record, and the
//! audit entry.

use super::*;
use crate::messages::say;

/// The most any nominee may get on criterion `i`, for checking a row whose nominee is unknown.
pub(super) fn widest_max(scheme: &Scheme, i: usize) -> Centi {
    Category::ALL
        .iter()
        .map(|c| scheme.rule(*c).criteria[i].max)
        .max()
        .unwrap_or(0)
}

pub(super) fn marks_json(marks: &[Centi; 5]) -> serde_json::Value {
    json!(marks.iter().map(|m| fmt_points(*m)).collect::<Vec<_>>())
}

// ---- recording a sheet -------------------------------------------------------------------

pub(super) struct NewSheet<'a> {
    pub(super) nominee: &'a Nominee,
    pub(super) source: Source,
    pub(super) evaluator: String,
    pub(super) marks: [Centi; 5],
    pub(super) note: String,
    /// Where the sheet came from, for the audit record.
    pub(super) origin: serde_json::Value,
}

pub(super) struct OnRecord {
    pub(super) id: i64,
    pub(super) marks: [Centi; 5],
    pub(super) note: String,
    pub(super) recorded_at: String,
    pub(super) recorded_by: String,
}

pub(super) fn sheet_on_record(
    conn: &Connection,
    nomination: i64,
    source: Source,
    evaluator: &str,
) -> Result<Option<OnRecord>> {
    conn.prepare_cached(
        "SELECT id, c1, c2, c3, c4, c5, note, recorded_at, recorded_by FROM sheet
             WHERE nomination = ?1 AND source = ?2 AND evaluator = ?3 AND replaced_at IS NULL",
    )?
    .query_row(params![nomination, source.code(), evaluator], |r| {
        Ok(OnRecord {
            id: r.get(0)?,
            marks: [r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?],
            note: r.get(6)?,
            recorded_at: r.get(7)?,
            recorded_by: r.get(8)?,
        })
    })
    .optional()
    .context("reading the sheets on record")
}

pub(super) fn describe_sheet(n: &Nominee, source: Source, evaluator: &str) -> String {
    match source {
        Source::SelfEval => say!(en("{} self-evaluation sheet", n.code), zh("{} 自评表", n.code)),
        Source::Joint => say!(
            en("{} joint sheet ({evaluator})", n.code),
            zh("{} 联评表（{evaluator}）", n.code)
        ),
    }
}

/// Records a sheet. The inner error is the clerk's: a different sheet is already on record.
pub(super) fn record(
    tx: &Change,
    ctx: &Ctx,
    year: i32,
    s: &NewSheet<'_>,
    replace: bool,
) -> Result<std::result::Result<Outcome, String>> {
    let old = sheet_on_record(tx, s.nominee.id, s.source, &s.evaluator)?;
    if let Some(old) = &old {
        if old.marks == s.marks && old.note == s.note {
            return Ok(Ok(Outcome::Present));
        }
        if !replace {
            let total: Centi = old.marks.iter().sum();
            return Ok(Err(match lang() {
                Lang::En => format!(
                    "{} is already on record with other marks ({}, total {}, recorded {} by {}); give --replace to replace it",
                    describe_sheet(s.nominee, s.source, &s.evaluator),
                    old.marks.iter().map(|m| fmt_points(*m)).collect::<Vec<_>>().join(","),
                    fmt_points(total),
                    old.recorded_at,
                    old.recorded_by
                ),
                Lang::Zh => format!(
                    "{}已有记录且分数不同（{}，合计 {}，{} 由 {} 录入）；如需替换请加 --replace",
                    describe_sheet(s.nominee, s.source, &s.evaluator),
                    old.marks.iter().map(|m| fmt_points(*m)).collect::<Vec<_>>().join(","),
                    fmt_points(total),
                    old.recorded_at,
                    old.recorded_by
                ),
            }));
        }
        tx.prepare_cached("UPDATE sheet SET replaced_at = ?2 WHERE id = ?1")?
            .execute(params![old.id, now()])
            .context("marking the old sheet replaced")?;
    }
    let m = &s.marks;
    tx.prepare_cached(
        "INSERT INTO sheet (nomination, source, evaluator, c1, c2, c3, c4, c5, note, recorded_at, recorded_by)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
    )?
    .execute(params![
        s.nominee.id,
        s.source.code(),
        s.evaluator,
        m[0],
        m[1],
        m[2],
        m[3],
        m[4],
        s.note,
        now(),
        ctx.operator
    ])
    .with_context(|| format!("recording the {}", describe_sheet(s.nominee, s.source, &s.evaluator)))?;
    let id = tx.last_insert_rowid();
    let mut detail = json!({
        "sheet": id,
        "source": s.source.code(),
        "evaluator": s.evaluator,
        "marks": marks_json(m),
        "total": fmt_points(m.iter().sum()),
        "note": s.note,
        "origin": s.origin,
    });
    let action = match &old {
        Some(old) => {
            detail["replaced"] = json!({
                "sheet": old.id,
                "marks": marks_json(&old.marks),
                "total": fmt_points(old.marks.iter().sum()),
                "note": old.note,
                "recorded_at": old.recorded_at,
                "recorded_by": old.recorded_by,
            });
            "score.replace"
        }
        None => "score.add",
    };
    tx.record(Some(year), action, &s.nominee.code, detail)?;
    Ok(Ok(if old.is_some() {
        Outcome::Replaced
    } else {
        Outcome::Added
    }))
}
