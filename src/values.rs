//! Parsing and printing of the values clerks type: points, dates, yes/no, categories.

use anyhow::{Result, bail};
use chrono::NaiveDate;
use num_rational::Ratio;
use num_traits::{Signed, ToPrimitive, Zero};

use crate::i18n::tr;
use crate::messages::say;

/// Points in whole hundredths (17.5 points = 1750).
pub type Centi = i64;

/// Full-width digits and signs, as a Chinese input method types them, in their ASCII form:
/// "１８．５" is 18.5, "２０２６－１０－０９" a date.
pub fn halfwidth(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '０'..='９' => char::from(b'0' + (c as u32 - '０' as u32) as u8),
            '．' | '。' => '.',
            '－' => '-',
            '＋' => '+',
            '／' => '/',
            '\u{3000}' => ' ',
            _ => c,
        })
        .collect()
}

/// A name as compared for "did you mean": without spaces, full-width forms as ASCII, lower case.
fn fold_name(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c as u32 {
            0xFF01..=0xFF5E => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            _ => c,
        })
        .flat_map(char::to_lowercase)
        .collect()
}

/// The one name among `known` that differs from `name` only in spaces, full-width or
/// half-width punctuation, or case.
pub fn near<'a>(name: &str, known: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let folded = fold_name(name);
    let mut hits = known.into_iter().filter(|k| *k != name && fold_name(k) == folded);
    match (hits.next(), hits.next()) {
        (Some(one), None) => Some(one),
        _ => None,
    }
}

/// Why a text is not a number of points.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PointsFault {
    NotPoints,
    Decimals,
    TooLarge,
}

impl std::error::Error for PointsFault {}

/// Parses "17.5", "18", "0.25" into hundredths; more than two decimals is refused.
pub fn parse_points(s: &str) -> Result<Centi> {
    Ok(points(s)?)
}

/// As `parse_points`, with the fault typed.
pub fn points(s: &str) -> std::result::Result<Centi, PointsFault> {
    let s = halfwidth(s);
    let s = s.trim();
    let (neg, body) = match s.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, s.strip_prefix('+').unwrap_or(s)),
    };
    let (whole, frac) = body.split_once('.').unwrap_or((body, ""));
    let digits_ok = |d: &str| d.bytes().all(|b| b.is_ascii_digit());
    if body.is_empty() || (whole.is_empty() && frac.is_empty()) || !digits_ok(whole) || !digits_ok(frac) {
        return Err(PointsFault::NotPoints);
    }
    if frac.len() > 2 {
        return Err(PointsFault::Decimals);
    }
    if whole.len() > 9 {
        return Err(PointsFault::TooLarge);
    }
    let number = |d: &str| d.parse::<i64>().map_err(|_| PointsFault::NotPoints);
    let w: i64 = if whole.is_empty() { 0 } else { number(whole)? };
    let f: i64 = match frac.len() {
        0 => 0,
        1 => number(frac)? * 10,
        _ => number(frac)?,
    };
    let v = w * 100 + f;
    Ok(if neg { -v } else { v })
}

/// Prints hundredths as points: 1750 → "17.5", 1800 → "18".
pub fn fmt_points(c: Centi) -> String {
    let sign = if c < 0 { "-" } else { "" };
    let a = c.abs();
    match a % 100 {
        0 => format!("{sign}{}", a / 100),
        f if f % 10 == 0 => format!("{sign}{}.{}", a / 100, f / 10),
        f => format!("{sign}{}.{f:02}", a / 100),
    }
}

/// Prints an exact value given in hundredths with up to four decimals, and "…" when
/// the decimal is cut short (a third of a point, say): nothing printed looks exact unless it is.
pub fn fmt_exact(r: &Ratio<i64>) -> String {
    let v = r / Ratio::from_integer(100);
    let neg = v.is_negative();
    let v = v.abs();
    let whole = v.to_integer();
    let mut frac = v.fract();
    let mut digits = String::new();
    while !frac.is_zero() && digits.len() < 4 {
        frac *= Ratio::from_integer(10);
        let d = frac.to_integer();
        digits.push(char::from(b'0' + d as u8));
        frac = frac.fract();
    }
    let mut s = format!("{}{whole}", if neg { "-" } else { "" });
    if !digits.is_empty() {
        s.push('.');
        s.push_str(&digits);
    }
    if !frac.is_zero() {
        s.push('…');
    }
    s
}

/// The value in points as a float, for JSON only (ordering never uses it).
pub fn to_f64(r: &Ratio<i64>) -> f64 {
    let v = (r / Ratio::from_integer(100)).to_f64().unwrap_or(f64::NAN);
    (v * 10_000.0).round() / 10_000.0
}

/// Accepts `YYYY-MM-DD`, `YYYY/M/D` and `YYYY年M月D日`.
pub fn parse_date(s: &str) -> Result<NaiveDate> {
    let s = halfwidth(s);
    let s = s.trim();
    // Excel shows a date cell formatted as a number as its serial: 45940 is 2025-10-10.
    if s.len() == 5 && s.bytes().all(|b| b.is_ascii_digit()) {
        bail!(
            "{}",
            tr(
                "a number, not a date: Excel shows a date this way when its cell is formatted as a number; format the column as a date (YYYY-MM-DD) and save again",
                "这是数字而不是日期：单元格设为“数值”格式时，Excel 会这样显示日期；请把该列设为日期格式（YYYY-MM-DD）后重新保存"
            )
        );
    }
    let normal: String = s.replace(['年', '月'], "-").replace('日', "").replace(['/', '.'], "-");
    let parts: Vec<&str> = normal.split('-').collect();
    if parts.len() == 3
        && parts[0].len() == 4
        && parts
            .iter()
            .all(|p| !p.is_empty() && p.len() <= 4 && p.bytes().all(|b| b.is_ascii_digit()))
        && let (Ok(y), Ok(m), Ok(d)) = (parts[0].parse(), parts[1].parse(), parts[2].parse())
        && let Some(date) = NaiveDate::from_ymd_opt(y, m, d)
    {
        return Ok(date);
    }
    bail!(
        "{}",
        tr(
            "not a date (YYYY-MM-DD, YYYY/M/D or YYYY年M月D日)",
            "不是有效日期（应为 YYYY-MM-DD、YYYY/M/D 或 YYYY年M月D日）"
        )
    )
}

/// yes/no in the forms a spreadsheet carries.
pub fn parse_yes_no(s: &str) -> Result<bool> {
    match s.trim().to_lowercase().as_str() {
        "yes" | "y" | "true" | "1" | "是" | "有" | "√" => Ok(true),
        "no" | "n" | "false" | "0" | "否" | "无" | "" => Ok(false),
        _ => bail!("{}", tr("expected yes/no (是/否)", "应为 是/否（yes/no）")),
    }
}

/// The two awards.
/// The order of nomination codes: by letter and year, then by serial as a number, so that
/// P2026-999 comes before P2026-1000 (codes have three digits up to 999, then widen).
pub fn code_order(code: &str) -> (&str, usize, &str) {
    match code.split_once('-') {
        Some((head, serial)) => (head, serial.len(), serial),
        None => (code, 0, ""),
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, clap::ValueEnum, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Category {
    #[value(alias = "窗口", alias = "示范窗口")]
    Window,
    #[value(alias = "个人", alias = "服务标兵")]
    Individual,
}

impl Category {
    pub const ALL: [Category; 2] = [Category::Window, Category::Individual];

    pub fn code(self) -> &'static str {
        match self {
            Category::Window => "window",
            Category::Individual => "individual",
        }
    }
    pub fn letter(self) -> char {
        match self {
            Category::Window => 'W',
            Category::Individual => 'P',
        }
    }
    pub fn title_zh(self) -> &'static str {
        match self {
            Category::Window => "文明和谐口岸示范窗口",
            Category::Individual => "文明和谐口岸服务标兵",
        }
    }
    pub fn from_code(s: &str) -> Option<Category> {
        match s {
            "window" => Some(Category::Window),
            "individual" => Some(Category::Individual),
            _ => None,
        }
    }
    /// As typed in a file: English or Chinese.
    pub fn parse(s: &str) -> Result<Category> {
        match s.trim().to_lowercase().as_str() {
            "window" | "窗口" | "示范窗口" | "w" => Ok(Category::Window),
            "individual" | "个人" | "服务标兵" | "标兵" | "p" => Ok(Category::Individual),
            _ => bail!(
                "{}",
                tr(
                    "expected window/窗口 or individual/个人",
                    "应为 窗口/window 或 个人/individual"
                )
            ),
        }
    }
}

impl rusqlite::types::FromSql for Category {
    fn column_result(v: rusqlite::types::ValueRef<'_>) -> rusqlite::types::FromSqlResult<Self> {
        let s = v.as_str()?;
        Category::from_code(s)
            .ok_or_else(|| rusqlite::types::FromSqlError::Other(format!("unknown category {s}").into()))
    }
}

impl rusqlite::ToSql for Category {
    fn to_sql(&self) -> rusqlite::Result<rusqlite::types::ToSqlOutput<'_>> {
        Ok(self.code().into())
    }
}

/// A text fault in words: what is wrong and where.
pub fn describe_text_fault(what: &str, f: crate::core::text::TextFault) -> String {
    crate::messages::values::text_fault(crate::i18n::lang(), what, f)
}

/// Checks one text for a field, with a message naming it.
pub fn check_text(what: &str, s: &str, field: crate::core::text::Field) -> Result<()> {
    match crate::core::text::text_fault(s, field) {
        Some(f) => bail!(describe_text_fault(what, f)),
        None => Ok(()),
    }
}

/// Before a row goes on the record: every text in it fits its column. The last line of
/// defence for text from the command line; files are checked cell by cell as they are read.
pub fn check_row_texts(table: &crate::chain::Table, values: &[rusqlite::types::ValueRef<'_>]) -> Result<()> {
    use rusqlite::types::ValueRef;
    for (col, v) in table.cols.iter().zip(values) {
        if let ValueRef::Text(t) = v {
            let s = String::from_utf8_lossy(t);
            let what = say!(en("the {col} ({})", table.name), zh("{col}（{}）", table.name));
            check_text(&what, &s, crate::core::text::field_of(col))?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn points_round_trip() {
        assert_eq!(parse_points("17.5").unwrap(), 1750);
        assert_eq!(parse_points(" 18 ").unwrap(), 1800);
        assert_eq!(parse_points("0.25").unwrap(), 25);
        assert_eq!(parse_points(".5").unwrap(), 50);
        assert_eq!(parse_points("-2").unwrap(), -200);
        assert!(parse_points("17.125").is_err());
        assert!(parse_points("abc").is_err());
        assert!(parse_points("").is_err());
        assert!(parse_points("1e3").is_err());
        assert_eq!(fmt_points(1750), "17.5");
        assert_eq!(fmt_points(1800), "18");
        assert_eq!(fmt_points(1725), "17.25");
        assert_eq!(fmt_points(5), "0.05");
    }

    #[test]
    fn exact_values_print_honestly() {
        assert_eq!(fmt_exact(&Ratio::new(8760, 1)), "87.6");
        assert_eq!(fmt_exact(&Ratio::new(26290, 3)), "87.6333…");
        assert_eq!(fmt_exact(&Ratio::new(100, 8)), "0.125");
        assert_eq!(fmt_exact(&Ratio::new(0, 1)), "0");
    }

    #[test]
    fn full_width_digits_are_read_and_excel_serials_explained() {
        assert_eq!(parse_points("１８．５").unwrap(), 1850);
        assert_eq!(
            parse_date("２０２６－１０－０９").unwrap(),
            NaiveDate::from_ymd_opt(2026, 10, 9).unwrap()
        );
        let e = parse_date("45940").unwrap_err().to_string();
        assert!(e.contains("Excel"), "{e}");
    }

    #[test]
    fn near_names_differ_only_in_width_spaces_or_case() {
        let known = ["北仑海关(二)", "大榭区域共建片组", "Ningbo Port"];
        assert_eq!(near("北仑海关（二）", known), Some("北仑海关(二)"));
        assert_eq!(near("大榭 区域共建片组\u{3000}", known), Some("大榭区域共建片组"));
        assert_eq!(near("ningbo port", known), Some("Ningbo Port"));
        assert_eq!(near("北仑海关(二)", known), None);
        assert_eq!(near("镇海海关", known), None);
    }

    #[test]
    fn dates_in_three_forms() {
        let d = NaiveDate::from_ymd_opt(2026, 10, 9).unwrap();
        assert_eq!(parse_date("2026-10-09").unwrap(), d);
        assert_eq!(parse_date("2026/10/9").unwrap(), d);
        assert_eq!(parse_date("2026年10月9日").unwrap(), d);
        assert!(parse_date("2026-02-30").is_err());
        assert!(parse_date("10/9/2026").is_err());
    }
}
