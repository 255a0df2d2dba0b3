//! A goal sheet's data rows read into goals: each row's own cells, read in parallel, then
//! what it inherits from the rows above (fill-down), in sheet order.

use indexmap::IndexMap;

use super::{CellReader, PERCENT_FLAGS, RowFacts};
use crate::layout::RowKind;
use crate::model::{Field, Goal, Key, Text};

/// Goal rows one thread reads in one go, at least.
pub(super) const ROWS_PER_TASK: usize = 512;

/// Read the goal rows in sheet order: each goal with the facts of its row that are not the
/// goal's, filled from the rows above where it is blank.
///
/// A row's own cells depend on nothing else, so rows are read on every core, each goal made
/// in its place in the plan's vector; what a row takes from the rows above it (fill-down of
/// dimension and objective, which a totals row ends) is then settled in sheet order. The
/// same goals come out whatever the threads.
pub(super) fn read_goal_rows(
    reader: &CellReader,
    columns: &IndexMap<Field, u32>,
    months: &[crate::periods::MonthColumn],
    kinds: &[(u32, RowKind)],
) -> (Vec<Goal>, Vec<RowFacts>) {
    // Each row asks for some thirty columns: one hash lookup per field for the plan, not per
    // row (`Field` is a fieldless enum, so `f as usize` is its place in `Field::ALL`).
    let mut by_field = [None; Field::ALL.len()];
    for (f, &c) in columns {
        if let Some(slot) = by_field.get_mut(*f as usize) {
            *slot = Some(c);
        }
    }
    // Each data row, and whether a totals row came between it and the data row before.
    let mut data_rows = Vec::with_capacity(kinds.len());
    let mut after_totals = false;
    for &(row, kind) in kinds {
        match kind {
            RowKind::Totals => after_totals = true,
            RowKind::Data => data_rows.push((row, std::mem::take(&mut after_totals))),
            _ => {}
        }
    }
    let (sheet, year, convention, fiscal) =
        (reader.sheet, reader.year, reader.convention, reader.fiscal);
    let (mut goals, facts) = crate::par::map_unzip(
        &data_rows,
        ROWS_PER_TASK,
        // A reader per run of rows: its memo of date texts is its own.
        || CellReader::new(sheet, year, convention, fiscal),
        |reader, &(row, _)| read_goal_row(reader, &by_field, months, row),
    );
    let mut carry = FillDown {
        enabled: !reader.sheet.has_merge_info,
        has_parent_col: columns.contains_key(&Field::Parent),
        ..FillDown::default()
    };
    for (i, &(_, after_totals)) in data_rows.iter().enumerate() {
        if after_totals {
            // A totals row ends a group: nothing carries over it.
            carry.clear();
        }
        carry.settle(&mut goals, i);
    }
    (goals, facts)
}

/// What a goal row inherits from the rows above it, in a sheet without merge information
/// (merged cells lost on export, so only the first row of a group names it).
#[derive(Default)]
struct FillDown {
    enabled: bool,
    has_parent_col: bool,
    /// The goal (by place) whose dimension, and the one whose objective, the next blank
    /// takes: places, not copies, as most goals name their own.
    last_dimension: Option<usize>,
    last_objective: Option<usize>,
    last_objective_id: Option<Key>,
}

impl FillDown {
    fn clear(&mut self) {
        self.last_dimension = None;
        self.last_objective = None;
        self.last_objective_id = None;
    }

    /// Fill goal `i` from the goals above it where it is blank, then remember what it names.
    fn settle(&mut self, goals: &mut [Goal], i: usize) {
        let (above, rest) = goals.split_at_mut(i.min(goals.len()));
        let Some(g) = rest.first_mut() else {
            return;
        };
        if self.enabled {
            if g.dimension.text().is_none()
                && let Some(prev) = self.last_dimension.and_then(|j| above.get(j))
            {
                g.dimension = Text {
                    cell: g.dimension.cell,
                    ..prev.dimension.clone()
                };
            }
            // Key results listed under their objective: in a sheet without a parent column, or
            // where the key result names the objective's row as its parent (the objective was a
            // merged cell before the file lost its merges).
            let under_objective = (!self.has_parent_col && g.key_result.text().is_some())
                || g.parent
                    .key()
                    .is_some_and(|p| Some(&p) == self.last_objective_id.as_ref());
            if under_objective
                && g.objective.text().is_none()
                && let Some(prev) = self.last_objective.and_then(|j| above.get(j))
            {
                g.objective_row = prev.objective.cell.map(|c| c.row);
                g.objective = Text {
                    cell: g.objective.cell,
                    ..prev.objective.clone()
                };
                g.objective_inherited = true;
            }
        }
        if g.dimension.text().is_some() {
            self.last_dimension = Some(i);
        }
        if g.objective.text().is_some() && g.objective_row.is_none() {
            g.objective_row = Some(g.row);
        }
        if g.objective.text().is_some() && !g.objective_inherited {
            self.last_objective = Some(i);
            self.last_objective_id = g.id.key();
        }
    }
}

/// One goal row's own cells, as written (nothing inherited yet).
fn read_goal_row(
    reader: &CellReader,
    by_field: &[Option<u32>; Field::ALL.len()],
    months: &[crate::periods::MonthColumn],
    row: u32,
) -> (Goal, RowFacts) {
    let col = |f: Field| by_field.get(f as usize).copied().flatten();
    let mut g = Goal {
        row,
        rows: vec![row],
        id: reader.text(row, col(Field::Id)),
        parent: reader.text(row, col(Field::Parent)),
        dimension: reader.text(row, col(Field::Dimension)),
        objective: reader.text(row, col(Field::Objective)),
        key_result: reader.text(row, col(Field::KeyResult)),
        metric: reader.text(row, col(Field::Metric)),
        unit: reader.text(row, col(Field::Unit)),
        owner: reader.text(row, col(Field::Owner)),
        channel: reader.text(row, col(Field::Channel)),
        product_line: reader.text(row, col(Field::ProductLine)),
        start: reader.date(row, col(Field::Start)),
        due: reader.date(row, col(Field::Due)),
        aggregation_text: reader.text(row, col(Field::Aggregation)),
        direction_text: reader.text(row, col(Field::Direction)),
        status: reader.text(row, col(Field::Status)),
        notes: reader.text(row, col(Field::Notes)),
        ..Goal::default()
    };
    // A fixed array, not a Vec: one allocation less per goal.
    let mut percent_written = [false; PERCENT_FLAGS];
    let mut flags = percent_written.iter_mut();
    let mut qualifiers = Vec::new();
    let mut num = |f: Field| {
        let (n, p, q) = reader.qualified_number(row, col(f));
        if let Some(flag) = flags.next() {
            *flag = p;
        }
        qualifiers.extend(q.map(|q| (f, q)));
        n
    };
    g.baseline = num(Field::Baseline);
    g.target = num(Field::Target);
    g.quarters = Field::QUARTERS.map(&mut num);
    g.actual_quarters = Field::ACTUAL_QUARTERS.map(&mut num);
    g.actual = num(Field::Actual);
    g.budget = num(Field::Budget);
    g.qualifiers = qualifiers;
    // A weight written as 30% says nothing about whether the metric is a percentage.
    g.weight = reader.number(row, col(Field::Weight)).0;
    // The months' flags follow the twelve numbers' (baseline .. budget).
    let month_percent = percent_written.get_mut(12..).unwrap_or_default();
    for m in months {
        let i = m.month as usize - 1;
        if let (Some(slot), Some(flag)) = (g.months.get_mut(i), month_percent.get_mut(i)) {
            (*slot, *flag) = reader.number(row, Some(m.col));
        }
    }
    if let Some(c) = col(Field::Objective)
        && let Some((anchor_row, _)) = reader.sheet.merged_from(row, c)
    {
        g.objective_inherited = anchor_row < row;
    }
    let quarter = reader.text(row, col(Field::Quarter));
    (
        g,
        RowFacts {
            percent_written,
            quarter,
        },
    )
}
