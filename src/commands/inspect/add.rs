//! `inspect add` and `inspect survey`: one finding or survey typed at the terminal.

use super::*;

/// The flag and the value given for a column of a record, for a refusal of `inspect add` or
/// `inspect survey`.
pub(super) fn flag_value(rec: &Record, key: &str) -> String {
    match (rec, key) {
        (Record::Finding(f), "deduction") => crate::values::fmt_points(f.deduction),
        (Record::Survey(s), "satisfied") => s.satisfied.to_string(),
        (Record::Survey(s), "total") => s.total.to_string(),
        _ => String::new(),
    }
}

pub(super) fn add_one(ctx: &Ctx, code: &str, rec: Record, replace: bool, dry_run: bool) -> Result<()> {
    let tx = ctx.change()?;
    let term = store::writable_term(&tx, ctx)?;
    let n = nominee_by_code(&tx, term.year, code)?;
    check_assessable(&n).map_err(anyhow::Error::msg)?;
    let date = match &rec {
        Record::Finding(f) => Some(f.date),
        Record::Survey(s) => s.date,
    };
    if let Some(d) = date {
        inspection::in_year(d, term.year).map_err(|m| anyhow::anyhow!("--date: {m}"))?;
    }
    let via = match rec {
        Record::Finding(_) => Origin::Command("inspect add"),
        Record::Survey(_) => Origin::Command("inspect survey"),
    };
    let outcome = match record::record(&tx, ctx, term.year, &n, &rec, &via, replace)? {
        Ok(o) => o,
        Err(refusal) => match refusal.key {
            Some(key) => bail!("--{key} \"{}\": {}", flag_value(&rec, key), refusal.message),
            None => bail!("{}", refusal.message),
        },
    };
    tx.finish(dry_run)?;
    say(&format!(
        "{}{} {}: {}{}",
        summary_prefix(dry_run),
        n.code,
        n.name,
        rec.describe(),
        match outcome {
            Outcome::Added => "",
            Outcome::Replaced => tr(
                " (replaced the record on file, which stays listed as withdrawn)",
                "（已替换原记录，原记录标为已撤销）"
            ),
            Outcome::Present => tr(" (already present; nothing added)", "（已有相同记录，未重复录入）"),
            Outcome::LeftWithdrawn => tr(" (withdrawn earlier; left withdrawn)", "（此前已撤销，保持撤销）"),
        }
    ));
    Ok(())
}
