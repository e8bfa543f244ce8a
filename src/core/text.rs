//! What a text field may hold: no control characters (a line break only where a field
//! takes several lines), no bidirectional overrides that would reorder every listing they
//! appear in, and a length that fits a form.

/// Names, units, codes, evaluators: one line of a form.
pub const SHORT: usize = 200;
/// Deeds, evidence, findings, notes, reasons: a paragraph or a few.
pub const LONG: usize = 10_000;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TextFault {
    /// More characters than the field holds.
    TooLong { chars: usize, max: usize },
    /// A control character (a line break where one line is expected, an escape…), at a
    /// position counted in characters from 1.
    Control { ch: char, at: usize },
    /// A character that changes the direction of the text around it.
    Bidi { ch: char, at: usize },
}

/// The limits of a field: how long, and whether it may break lines.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Field {
    pub max: usize,
    pub lines: bool,
}

pub const ONE_LINE: Field = Field {
    max: SHORT,
    lines: false,
};
pub const PARAGRAPHS: Field = Field { max: LONG, lines: true };

/// The limits of a stored column, by its name.
pub fn field_of(column: &str) -> Field {
    match column {
        "deeds" | "evidence" | "finding" | "text" | "contact" | "note" | "decision" | "document"
        | "withdrawn_reason" | "withdraw_reason" | "revoke_reason" | "reasons" | "source_file" | "title"
        | "order_keys" => PARAGRAPHS,
        _ => ONE_LINE,
    }
}

fn is_bidi(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{061C}')
}

/// The first fault of a text for a field, if any.
pub fn text_fault(s: &str, field: Field) -> Option<TextFault> {
    for (i, c) in s.chars().enumerate() {
        let allowed_break = field.lines && (c == '\n' || c == '\r' || c == '\t');
        if c.is_control() && !allowed_break {
            return Some(TextFault::Control { ch: c, at: i + 1 });
        }
        if is_bidi(c) {
            return Some(TextFault::Bidi { ch: c, at: i + 1 });
        }
    }
    let chars = s.chars().count();
    (chars > field.max).then_some(TextFault::TooLong { chars, max: field.max })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_one_clean_line() {
        assert_eq!(text_fault("宁波海关 旅检一科", ONE_LINE), None);
        assert_eq!(
            text_fault("clerk\nforged", ONE_LINE),
            Some(TextFault::Control { ch: '\n', at: 6 })
        );
        assert_eq!(
            text_fault("a\u{1b}[31m", ONE_LINE),
            Some(TextFault::Control { ch: '\u{1b}', at: 2 })
        );
        assert_eq!(
            text_fault("王\u{202E}五", ONE_LINE),
            Some(TextFault::Bidi { ch: '\u{202E}', at: 2 })
        );
        assert_eq!(text_fault(&"名".repeat(200), ONE_LINE), None);
        assert_eq!(
            text_fault(&"名".repeat(201), ONE_LINE),
            Some(TextFault::TooLong { chars: 201, max: 200 })
        );
    }

    #[test]
    fn paragraphs_may_break_lines_but_not_hide_text() {
        assert_eq!(text_fault("第一段\r\n第二段\t完", PARAGRAPHS), None);
        assert_eq!(
            text_fault("x\u{0}", PARAGRAPHS),
            Some(TextFault::Control { ch: '\u{0}', at: 2 })
        );
        assert_eq!(
            text_fault("\u{2067}x", PARAGRAPHS),
            Some(TextFault::Bidi { ch: '\u{2067}', at: 1 })
        );
        assert!(text_fault(&"x".repeat(10_000_000), PARAGRAPHS).is_some());
        assert_eq!(field_of("evidence"), PARAGRAPHS);
        assert_eq!(field_of("name"), ONE_LINE);
    }
}
