//! The intake of a nomination form (an import's row, or `nominate add`): what makes an entry
//! refused against the organisation and the record, and the code a new nomination takes.

use crate::values::Category;

/// Why an entry of a nomination form is refused. The words are in `messages::intake`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Refusal {
    /// No unit of this name on record; `near` is a name close to it.
    NoUnit { name: String, near: Option<String> },
    /// No group of this name on record.
    NoGroup { name: String, near: Option<String> },
    /// The form names a group the unit does not belong to.
    NotInGroup { unit: String, group: String },
    /// A window nominated by a unit without an external window.
    NoWindow { unit: String },
    /// Several nominees of the name in the unit, and no staff number to tell them apart.
    Ambiguous { codes: Vec<String> },
    /// The nomination is withdrawn; its record does not change.
    Withdrawn { code: String },
    /// The form differs from the record (`old`), and `--replace` was not given.
    Differs { code: String, old: String },
}

/// A nomination's code: the category's letter, the year and the serial, three digits up to
/// 999, then as many as it takes (P2026-1000), as the nomination table's CHECK has it.
pub fn code(category: Category, year: i32, serial: i64) -> String {
    format!("{}{year}-{serial:03}", category.letter())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_have_three_digits_up_to_999_then_as_many_as_it_takes() {
        assert_eq!(code(Category::Window, 2026, 1), "W2026-001");
        assert_eq!(code(Category::Individual, 2026, 999), "P2026-999");
        assert_eq!(code(Category::Individual, 2026, 1000), "P2026-1000");
    }
}
