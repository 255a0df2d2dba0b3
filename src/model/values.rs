//! What a plan's numbers mean beyond the cell: the file's number convention (decided once,
//! from every number and date cell the plan reads) and the commitment of a target written
//! as a range or with a qualifier.

use crate::layout::{HeaderMatch, WorkbookLayout};
use crate::parse::{ConventionEvidence, NumberConvention, Qualifier, decide_convention};
use crate::read::{CellValue, Grid, Sheet};

use super::{Direction, Field, Goal, ValueQualifier};

/// Header keys of the columns whose text cells are evidence of the number convention:
/// every numeric and date field of the goal, action and budget sheets.
fn is_number_or_date_key(key: &str) -> bool {
    Field::from_name(key).is_some_and(|f| Field::NUMERIC.contains(&f))
        || matches!(key, "start" | "due" | "end" | "amount" | "budget")
}

/// The text cells of one sheet's number and date columns, below its header.
fn evidence_cells<'a>(sheet: &'a Sheet, header: &HeaderMatch) -> Vec<&'a str> {
    let cols: Vec<u32> = header
        .columns
        .iter()
        .filter(|(k, _)| is_number_or_date_key(k))
        .map(|(_, &c)| c)
        .collect();
    let mut out = Vec::new();
    for row in header.data_start..sheet.height() {
        for &col in &cols {
            if let CellValue::String(s) = sheet.raw(row, col) {
                out.push(s.as_str());
            }
        }
    }
    out
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
    let mut cells = Vec::new();
    for (i, header) in sheets {
        if let Some(sheet) = grid.sheets.get(i) {
            cells.extend(evidence_cells(sheet, header));
        }
    }
    decide_convention(cells, grid.delimiter == Some(';'))
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
