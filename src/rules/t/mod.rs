//! T — Time-bound: due dates and periods, inside the plan year, in order along the tree.

pub mod t001_due_missing;
pub mod t002_due_unparsable;
pub mod t003_due_outside_year;
pub mod t004_start_after_due;
pub mod t005_child_due_after_parent;
pub mod t006_quarter_after_due;
pub mod t007_period_not_quarter;

pub use t001_due_missing::DueMissing;
pub use t002_due_unparsable::DueUnparsable;
pub use t003_due_outside_year::DueOutsideYear;
pub use t004_start_after_due::StartAfterDue;
pub use t005_child_due_after_parent::ChildDueAfterParent;
pub use t006_quarter_after_due::QuarterAfterDue;
pub use t007_period_not_quarter::PeriodNotQuarter;

use crate::model::DateField;

/// A date as messages show it (`2026-03-31`).
pub fn show_day(d: chrono::NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

/// A date cell as messages show it: the text as written, with the date it was read as when
/// they differ (`"Q3" (2026-07-01 – 2026-09-30)`, `2026-03-31`).
pub fn shown(field: &DateField) -> String {
    let raw = field.raw.trim();
    let Some(span) = field.value else {
        return format!("\"{raw}\"");
    };
    let read = if span.start == span.end {
        show_day(span.end)
    } else {
        format!("{} – {}", show_day(span.start), show_day(span.end))
    };
    if raw.is_empty() || raw == read {
        read
    } else {
        format!("\"{raw}\" ({read})")
    }
}
