//! A nominee across terms: the same window when the unit and the window's name match; the
//! same person when the unit and the staff number match, or, where either form has no staff
//! number, the unit and the name.

use crate::values::Category;

/// What names a nominee from one term to the next.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Identity {
    pub category: Category,
    pub unit: String,
    pub name: String,
    pub staff_no: String,
}

pub fn same_nominee(a: &Identity, b: &Identity) -> bool {
    if a.category != b.category || a.unit != b.unit {
        return false;
    }
    match a.category {
        Category::Window => a.name == b.name,
        Category::Individual if !a.staff_no.is_empty() && !b.staff_no.is_empty() => a.staff_no == b.staff_no,
        Category::Individual => a.name == b.name,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn who(category: Category, unit: &str, name: &str, staff_no: &str) -> Identity {
        Identity {
            category,
            unit: unit.into(),
            name: name.into(),
            staff_no: staff_no.into(),
        }
    }

    #[test]
    fn a_window_is_its_unit_and_name() {
        let a = who(Category::Window, "北仑海关", "报关窗口", "");
        assert!(same_nominee(&a, &a.clone()));
        assert!(!same_nominee(&a, &who(Category::Window, "梅山海关", "报关窗口", "")));
        assert!(!same_nominee(&a, &who(Category::Window, "北仑海关", "查验窗口", "")));
    }

    #[test]
    fn a_person_is_the_unit_and_staff_number_else_the_name() {
        let a = who(Category::Individual, "北仑海关", "王芳", "A01");
        // Renamed, same staff number: the same person.
        assert!(same_nominee(&a, &who(Category::Individual, "北仑海关", "王 芳", "A01")));
        // Same name, another staff number: a namesake.
        assert!(!same_nominee(&a, &who(Category::Individual, "北仑海关", "王芳", "A02")));
        // A form without a staff number: the name decides.
        assert!(same_nominee(&a, &who(Category::Individual, "北仑海关", "王芳", "")));
        assert!(!same_nominee(&a, &who(Category::Individual, "梅山海关", "王芳", "A01")));
        assert!(!same_nominee(&a, &who(Category::Window, "北仑海关", "王芳", "A01")));
    }
}
