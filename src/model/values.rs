//! What a plan's numbers mean beyond the cell: the file's number convention (decided once,
//! from every number and date cell the plan reads) and the commitment of a target written
//! as a range or with a qualifier.

use crate::layout::{HeaderMatch, WorkbookLayout};
use crate::parse::{ConventionEvidence, NumberConvention, Qualifier};
use crate::read::{CellValue, Grid, Sheet};

use super::{Direction, Field, Goal, ValueQualifier};

/// What the text cells of a column are evidence of: numbers, or dates.
#[derive(Clone, Copy, PartialEq)]
enum ColumnKind {
    Number,
    Date,
}

/// The evidence kind of a goal, action or budget sheet column, by its header key.
fn column_kind(key: &str) -> Option<ColumnKind> {
    if Field::from_name(key).is_some_and(|f| Field::NUMERIC.contains(&f))
        || matches!(key, "amount" | "budget")
    {
        Some(ColumnKind::Number)
    } else if matches!(key, "start" | "due" | "end") {
        Some(ColumnKind::Date)
    } else {
        None
    }
}

/// Count the text cells of one sheet's number and date columns, below its header.
fn add_sheet(evidence: &mut ConventionEvidence, sheet: &Sheet, header: &HeaderMatch) {
    let cols: Vec<(u32, ColumnKind)> = header
        .columns
        .iter()
        .filter_map(|(k, &c)| Some((c, column_kind(k)?)))
        .collect();
    for row in header.data_start..sheet.height() {
        for &(col, kind) in &cols {
            if let CellValue::String(s) = sheet.raw(row, col) {
                match kind {
                    ColumnKind::Number => evidence.add_cell(s),
                    ColumnKind::Date => evidence.add_date_cell(s),
                }
            }
        }
    }
}

/// Decide the number convention of a file from the goal, action and budget sheets' number
/// and date cells and the CSV delimiter (DESIGN §2 "Values": once per file, never per cell).
pub(super) fn file_convention(
    grid: &Grid,
    located: &WorkbookLayout,
) -> (NumberConvention, ConventionEvidence) {
    let sheets = std::iter::once((located.goal_sheet, &located.goal_header))
        .chain(located.action_sheet.iter().map(|(i, h)| (*i, h)))
        .chain(located.budget_sheet.iter().map(|(i, h)| (*i, h)));
    let mut evidence = ConventionEvidence {
        semicolon: grid.delimiter == Some(';'),
        ..ConventionEvidence::default()
    };
    for (i, header) in sheets {
        if let Some(sheet) = grid.sheets.get(i) {
            add_sheet(&mut evidence, sheet, header);
        }
    }
    (evidence.decide(), evidence)
}

/// The direction a goal's own qualifiers give: at-most targets mean lower is better,
/// at-least targets higher (`None` when there are none, or both kinds).
pub(super) fn qualified_direction(goal: &Goal) -> Option<Direction> {
    let targets = |q: Qualifier| {
        goal.qualifiers.iter().any(|(f, v)| {
            (*f == Field::Target || Field::QUARTERS.contains(f)) && *v == ValueQualifier::Bound(q)
        })
    };
    match (targets(Qualifier::AtLeast), targets(Qualifier::AtMost)) {
        (true, false) => Some(Direction::HigherIsBetter),
        (false, true) => Some(Direction::LowerIsBetter),
        _ => None,
    }
}

/// Set each range's field to its commitment: the end the metric's direction favours least
/// (the low end when higher is better, the high end when lower is better).
pub(super) fn commit_ranges(goal: &mut Goal) {
    let direction = goal.direction;
    let ranges: Vec<(Field, f64)> = goal
        .qualifiers
        .iter()
        .filter_map(|(f, q)| match q {
            ValueQualifier::Range { low, high } => Some((
                *f,
                match direction {
                    Direction::HigherIsBetter => *low,
                    Direction::LowerIsBetter => *high,
                },
            )),
            ValueQualifier::Bound(_) => None,
        })
        .collect();
    for (field, value) in ranges {
        if let Some(num) = goal.num_mut(field) {
            num.value = Some(value);
        }
    }
}
