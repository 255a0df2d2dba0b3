//! Building a [`Plan`] from a [`Grid`]: the layout says where things are, the parsers read
//! the values, and every value keeps its cell.

use std::collections::HashMap;
use std::path::Path;

use indexmap::IndexMap;

use super::*;
use crate::config::{Config, ListedWords};
use crate::error::{Error, Result};
use crate::layout::{self, HeaderMatch, RowKind};
use crate::parse::{self, DateValue, NumberConvention, NumberValue, Qualified};
use crate::read::{self, CellValue, Grid, Sheet};

mod goal_rows;
mod metric;
use goal_rows::read_goal_rows;
pub use metric::classify_metric;
use metric::{MetricKinds, MetricLexicon, MetricMeaning, MetricTexts};

/// Read a planning file into a [`Plan`]. The sheets' look (styles, widths) is not read: a
/// plan holds values only.
///
/// # Errors
/// Every [`read::read_grid`] error, [`Error::NoSuchSheet`] for a `--sheet` that does not
/// exist, [`Error::NotGoalSheet`] for a `--sheet` that names another kind of sheet (the
/// action plan, the budget) and [`Error::NoHeader`] when no sheet has a goal header in its
/// first 30 rows.
pub fn load_plan(path: &Path, options: &LoadOptions) -> Result<Plan> {
    let grid = read::read_grid_cells(path, options.encoding.as_deref())?;
    build_plan(&grid, options)
}

/// Build the plan from cells already read.
pub fn build_plan(grid: &Grid, options: &LoadOptions) -> Result<Plan> {
    let config = &options.config;
    let located = layout::locate(grid, config, options.sheet.as_deref()).map_err(|e| match e {
        Some(available) => Error::NoSuchSheet {
            path: grid.path.clone(),
            sheet: options.sheet.clone().unwrap_or_default(),
            available,
        },
        None => match options.sheet.as_deref().and_then(|wanted| {
            Some((
                wanted,
                layout::describe_non_goal_sheet(grid, config, wanted)?,
            ))
        }) {
            Some((wanted, what)) => Error::NotGoalSheet {
                path: grid.path.clone(),
                sheet: wanted.to_string(),
                what,
                goal_sheet: layout::locate(grid, config, None)
                    .ok()
                    .and_then(|l| grid.sheets.get(l.goal_sheet))
                    .map_or_else(
                        || "no sheet has a goal header".to_string(),
                        |s| format!("the goal sheet is {}", s.name),
                    ),
            },
            None => Error::NoHeader {
                path: grid.path.clone(),
            },
        },
    })?;
    let sheet = &grid.sheets[located.goal_sheet];
    let header = &located.goal_header;
    let columns: IndexMap<Field, u32> = header
        .columns
        .iter()
        .filter_map(|(k, &c)| Some((Field::from_name(k)?, c)))
        .collect();
    let layout_kind = if columns.contains_key(&Field::Quarter)
        && !Field::QUARTERS.iter().any(|q| columns.contains_key(q))
    {
        LayoutKind::Long
    } else {
        LayoutKind::Wide
    };
    let title = (0..header.header_rows[0]).find_map(|r| {
        (0..sheet.width()).find_map(|c| match sheet.raw(r, c) {
            CellValue::String(s) if !s.trim().is_empty() => Some(s.trim().to_string()),
            _ => None,
        })
    });
    let statement_cols: Vec<u32> = [Field::Objective, Field::KeyResult]
        .iter()
        .filter_map(|f| columns.get(f).copied())
        .collect();
    let classifier = layout::RowClassifier::new(config, header, statement_cols);
    // Each row's kind depends on that row alone: worked out on every core, beside the file's
    // number convention (a pass over every cell on one).
    let rows: Vec<u32> = (header.data_start..sheet.height()).collect();
    let ((number_convention, number_evidence), kinds) = crate::par::join(
        || values::file_convention(grid, &located),
        || -> Vec<(u32, RowKind)> {
            crate::par::map(&rows, |&r| (r, classifier.classify(sheet, r)))
        },
    );

    let month_columns = calendar::month_columns(sheet, header);
    let (fiscal, fiscal_source, stated_year) =
        calendar::fiscal_of(config, sheet, header, &columns, &month_columns);
    // Without a due column, a long layout's period column dates its rows.
    let date_col = columns
        .get(&Field::Due)
        .or_else(|| columns.get(&Field::Quarter))
        .copied();
    let plan_year = options
        .year
        .or(config.plan.year)
        .or_else(|| vote_year(sheet, date_col, &kinds, fiscal))
        .or(stated_year)
        .or_else(|| title.as_deref().and_then(parse::year_in_title));

    let reader = CellReader::new(sheet, plan_year, number_convention, fiscal);
    let column_units = column_units(header, &columns);
    let (mut goals, facts) = read_goal_rows(&reader, &columns, &month_columns, &kinds);
    let lexicon = MetricLexicon::new(config);
    let goals: Vec<Goal> = match layout_kind {
        // What a row means depends on it alone: each goal is finished in its place, on every
        // core (a memo of metric meanings per run of rows).
        LayoutKind::Wide => {
            crate::par::update_beside(
                &mut goals,
                &facts,
                goal_rows::ROWS_PER_TASK,
                MetricKinds::default,
                |seen, goal, facts| {
                    apply_column_units(goal, &column_units);
                    finish_goal(goal, &facts.percent_written, &lexicon, seen);
                    calendar::settle(goal, None, fiscal);
                },
            );
            goals
        }
        // A long layout's rows are grouped into goals first.
        LayoutKind::Long => {
            let rows = goals
                .into_iter()
                .zip(facts)
                .map(|(mut goal, facts)| {
                    apply_column_units(&mut goal, &column_units);
                    GoalRow {
                        goal,
                        percent_written: facts.percent_written,
                        quarter: facts.quarter,
                        long: None,
                    }
                })
                .collect();
            let mut seen = MetricKinds::default();
            calendar::group_long_rows(rows, &reader, fiscal)
                .into_iter()
                .map(|mut row| {
                    finish_goal(&mut row.goal, &row.percent_written, &lexicon, &mut seen);
                    calendar::settle(&mut row.goal, row.long.as_ref(), fiscal);
                    row.goal
                })
                .collect()
        }
    };
    let month_cols: std::collections::HashSet<u32> = month_columns.iter().map(|m| m.col).collect();

    let totals = kinds
        .iter()
        .filter(|(_, k)| *k == RowKind::Totals)
        .map(|&(r, _)| totals_row(&reader, r, &columns))
        .collect();

    let mut formula_errors = Vec::new();
    collect_formula_errors(sheet, header, &columns, &mut formula_errors);
    let mut uncomputed_formulas = Vec::new();
    collect_uncomputed(sheet, header, &columns, &mut uncomputed_formulas);

    let actions = located.action_sheet.as_ref().map(|(i, h)| {
        let s = &grid.sheets[*i];
        collect_formula_errors(s, h, &IndexMap::new(), &mut formula_errors);
        collect_uncomputed(s, h, &IndexMap::new(), &mut uncomputed_formulas);
        let reader = CellReader::new(s, plan_year, number_convention, fiscal);
        let mut sheet = read_actions(&reader, h, config);
        let unit = h.columns.get("budget").and_then(|c| h.units.get(c));
        for a in &mut sheet.actions {
            to_budget_unit(&mut a.budget, unit, column_units.get(&Field::Budget));
        }
        sheet
    });
    let budget = located.budget_sheet.as_ref().map(|(i, h)| {
        let s = &grid.sheets[*i];
        collect_formula_errors(s, h, &IndexMap::new(), &mut formula_errors);
        collect_uncomputed(s, h, &IndexMap::new(), &mut uncomputed_formulas);
        let reader = CellReader::new(s, None, number_convention, Default::default());
        let mut sheet = read_budget(&reader, h, config);
        let unit = h.columns.get("amount").and_then(|c| h.units.get(c));
        for l in &mut sheet.lines {
            to_budget_unit(&mut l.amount, unit, column_units.get(&Field::Budget));
        }
        sheet
    });

    let computed_formulas = std::iter::once(located.goal_sheet)
        .chain(located.action_sheet.as_ref().map(|(i, _)| *i))
        .chain(located.budget_sheet.as_ref().map(|(i, _)| *i))
        .filter_map(|i| grid.sheets.get(i))
        .map(|s| s.computed.len())
        .sum();

    let lang = if layout::header_is_chinese(&header.texts) {
        Lang::Zh
    } else {
        Lang::En
    };
    Ok(Plan {
        file: grid.path.display().to_string(),
        sheet: sheet.name.clone(),
        encoding: grid.encoding.clone(),
        lang,
        plan_year,
        header_rows: header.header_rows.clone(),
        layout: layout_kind,
        columns,
        unknown_columns: header
            .unknown
            .iter()
            .filter(|(c, _)| !month_cols.contains(c))
            .cloned()
            .collect(),
        duplicate_columns: header
            .duplicates
            .iter()
            .filter_map(|(c, t, f)| Some((*c, t.clone(), Field::from_name(f)?)))
            .collect(),
        derived_columns: header.derived.clone(),
        column_units,
        goals,
        totals,
        formula_errors,
        uncomputed_formulas,
        computed_formulas,
        actions,
        budget,
        title,
        number_convention,
        number_evidence,
        fiscal,
        fiscal_source,
        month_columns,
    })
}

/// The units the header states, by the field of their column.
fn column_units(header: &HeaderMatch, columns: &IndexMap<Field, u32>) -> IndexMap<Field, String> {
    columns
        .iter()
        .filter_map(|(f, c)| Some((*f, header.units.get(c)?.clone())))
        .collect()
}

/// The goal fields whose header unit is the goal's unit, in order of precedence: the value
/// columns, not the budget (a 万元 budget says nothing about a leads target).
const VALUE_FIELDS: [Field; 11] = [
    Field::Target,
    Field::Q1,
    Field::Q2,
    Field::Q3,
    Field::Q4,
    Field::Baseline,
    Field::Actual,
    Field::ActualQ1,
    Field::ActualQ2,
    Field::ActualQ3,
    Field::ActualQ4,
];

/// A goal whose unit cell is blank (or who has no unit column) takes the unit its value
/// columns' headers state (`全年目标(万元)`); a unit cell that is filled in wins for its row
/// (a cost-per-lead in 元 under a `全年目标(万元)` header stays in 元).
///
/// Numbers stay in the sheet's unit. Where the value columns state different scales of one
/// currency (`全年目标(万元)` beside `Q1 (元)`), each value is brought to the scale of the
/// goal's unit so the quarters and the year add up.
fn apply_column_units(goal: &mut Goal, units: &IndexMap<Field, String>) {
    if units.is_empty() || goal.unit.text().is_some() {
        return;
    }
    let Some(unit) = VALUE_FIELDS.iter().find_map(|f| units.get(f)) else {
        return;
    };
    goal.unit.value = Some(unit.clone());
    let (base, scale) = layout::unit_scale(unit);
    let rescale = |field: Field, n: &mut Num| {
        let Some(own) = units.get(&field) else {
            return;
        };
        let (b, s) = layout::unit_scale(own);
        if b == base
            && s != scale
            && let Some(v) = n.value.as_mut()
        {
            *v = parse::round_noise(*v * s / scale);
        }
    };
    rescale(Field::Target, &mut goal.target);
    rescale(Field::Baseline, &mut goal.baseline);
    rescale(Field::Actual, &mut goal.actual);
    for (i, q) in Field::QUARTERS.into_iter().enumerate() {
        rescale(q, &mut goal.quarters[i]);
    }
    for (i, q) in Field::ACTUAL_QUARTERS.into_iter().enumerate() {
        rescale(q, &mut goal.actual_quarters[i]);
    }
}

/// An amount from the action-plan or budget sheet, brought to the scale of the goal sheet's
/// budget column when both headers state scales of one currency (`预算(元)` on the action
/// plan, `预算(万元)` on the goals: 50 000 元 is 5 万元), so the budget checks compare like
/// with like. Without a unit on both sides the numbers are taken as written.
fn to_budget_unit(n: &mut Num, from: Option<&String>, to: Option<&String>) {
    let (Some(from), Some(to)) = (from, to) else {
        return;
    };
    let ((fb, fs), (tb, ts)) = (layout::unit_scale(from), layout::unit_scale(to));
    if fb == tb
        && fs != ts
        && let Some(v) = n.value.as_mut()
    {
        *v = parse::round_noise(*v * fs / ts);
    }
}

/// The (fiscal) year most due dates fall in.
fn vote_year(
    sheet: &Sheet,
    due_col: Option<u32>,
    kinds: &[(u32, RowKind)],
    fiscal: crate::periods::FiscalYear,
) -> Option<i32> {
    let col = due_col?;
    let mut votes: HashMap<i32, usize> = HashMap::new();
    // The year of each distinct text, read once: a plan repeats a few due dates.
    let mut text_years: HashMap<&str, Option<i32>> = HashMap::new();
    let year_of_text = |s: &str| {
        if fiscal.is_calendar() {
            return parse::explicit_year(s);
        }
        match fiscal.parse_date(s, None) {
            DateValue::Date(span) => Some(fiscal.year_of(span.end)),
            _ => parse::explicit_year(s),
        }
    };
    for &(r, kind) in kinds {
        if kind != RowKind::Data {
            continue;
        }
        let year = match sheet.value(r, col) {
            CellValue::Date(d) => Some(fiscal.year_of(*d)),
            CellValue::String(s) => *text_years
                .entry(s.as_str())
                .or_insert_with(|| year_of_text(s)),
            _ => None,
        };
        if let Some(y) = year {
            *votes.entry(y).or_default() += 1;
        }
    }
    // Most votes; the earlier year on a tie, so the choice does not depend on hash order.
    votes
        .into_iter()
        .max_by_key(|&(y, n)| (n, std::cmp::Reverse(y)))
        .map(|(y, _)| y)
}

/// Reads typed values out of one sheet.
pub(super) struct CellReader<'a> {
    pub(super) sheet: &'a Sheet,
    /// The plan year, for dates and periods written without one.
    pub(super) year: Option<i32>,
    /// The file's decimal-mark convention, for numbers written as text.
    pub(super) convention: NumberConvention,
    /// The plan's year: quarters and halves are its quarters and halves.
    pub(super) fiscal: crate::periods::FiscalYear,
    /// Date texts already read: a plan writes a few due dates over many rows.
    dates: std::cell::RefCell<HashMap<String, DateValue>>,
}

impl<'a> CellReader<'a> {
    pub(super) fn new(
        sheet: &'a Sheet,
        year: Option<i32>,
        convention: NumberConvention,
        fiscal: crate::periods::FiscalYear,
    ) -> CellReader<'a> {
        CellReader {
            sheet,
            year,
            convention,
            fiscal,
            dates: Default::default(),
        }
    }

    /// A date text read under the plan's (fiscal) year, each distinct text once.
    fn parse_date(&self, text: &str) -> DateValue {
        if let Some(known) = self.dates.borrow().get(text) {
            return known.clone();
        }
        let value = self.fiscal.parse_date(text, self.year);
        self.dates
            .borrow_mut()
            .insert(text.to_string(), value.clone());
        value
    }

    fn text(&self, row: u32, col: Option<u32>) -> Text {
        let Some(col) = col else {
            return Text::default();
        };
        let v = self.sheet.value(row, col);
        let mut t = Text {
            value: None,
            raw: self.sheet.display(row, col),
            cell: Some(CellPos::new(row, col)),
            issue: None,
        };
        match v {
            CellValue::Error(e) => t.set_issue(ValueIssue::FormulaError(e.clone())),
            CellValue::Empty if self.sheet.not_computed(row, col).is_some() => {
                t.set_issue(ValueIssue::FormulaNotComputed)
            }
            _ if t.raw.trim().is_empty() => {}
            _ => t.value = Some(t.raw.trim().to_string()),
        }
        t
    }

    /// A number; the flag says it was written with `%` (and is already a fraction). A
    /// qualifier is dropped (`约50万` is 500 000); a range, outside a goal, is not a number.
    fn number(&self, row: u32, col: Option<u32>) -> (Num, bool) {
        let (mut n, percent, qualifier) = self.qualified_number(row, col);
        if matches!(qualifier, Some(ValueQualifier::Range { .. })) {
            n.value = None;
            n.set_issue(ValueIssue::Unparsable);
        }
        (n, percent)
    }

    /// A number with what was written with it: a qualifier (`≥1200`) or a range
    /// (`10-15%`, whose value is its low end until the goal's direction says otherwise).
    fn qualified_number(&self, row: u32, col: Option<u32>) -> (Num, bool, Option<ValueQualifier>) {
        let Some(col) = col else {
            return (Num::default(), false, None);
        };
        let v = self.sheet.value(row, col);
        let mut n = Num {
            value: None,
            raw: self.sheet.display(row, col),
            cell: Some(CellPos::new(row, col)),
            issue: None,
        };
        let mut percent = false;
        let mut qualifier = None;
        match v {
            CellValue::Empty if self.sheet.not_computed(row, col).is_some() => {
                n.set_issue(ValueIssue::FormulaNotComputed)
            }
            CellValue::Empty => {}
            CellValue::Number(x) => {
                n.value = Some(parse::round_noise(*x));
                percent = self.sheet.is_percent(row, col);
            }
            CellValue::String(s) => match parse::parse_qualified(s, self.convention) {
                Qualified::Plain(NumberValue::Number { value, percent: p }) => {
                    n.value = Some(value);
                    percent = p;
                }
                Qualified::Plain(NumberValue::Marker(m)) => n.set_issue(ValueIssue::Marker(m)),
                Qualified::Plain(NumberValue::Blank) => {}
                Qualified::Plain(NumberValue::Ambiguous(_)) => {
                    n.set_issue(ValueIssue::AmbiguousNumber)
                }
                Qualified::Plain(NumberValue::Invalid) => n.set_issue(ValueIssue::Unparsable),
                Qualified::Bound {
                    qualifier: q,
                    value,
                    percent: p,
                } => {
                    (n.value, percent) = (Some(value), p);
                    qualifier = Some(ValueQualifier::Bound(q));
                }
                Qualified::Range {
                    low,
                    high,
                    percent: p,
                } => {
                    (n.value, percent) = (Some(low), p);
                    qualifier = Some(ValueQualifier::Range { low, high });
                }
            },
            CellValue::Error(e) => n.set_issue(ValueIssue::FormulaError(e.clone())),
            CellValue::Bool(_) | CellValue::Date(_) => n.set_issue(ValueIssue::Unparsable),
        }
        (n, percent, qualifier)
    }

    fn date(&self, row: u32, col: Option<u32>) -> DateField {
        let Some(col) = col else {
            return DateField::default();
        };
        let v = self.sheet.value(row, col);
        let mut d = DateField {
            value: None,
            raw: self.sheet.display(row, col),
            cell: Some(CellPos::new(row, col)),
            issue: None,
        };
        match v {
            CellValue::Empty if self.sheet.not_computed(row, col).is_some() => {
                d.set_issue(ValueIssue::FormulaNotComputed)
            }
            CellValue::Empty => {}
            CellValue::Date(date) => {
                d.value = Some(DateSpan {
                    start: *date,
                    end: *date,
                })
            }
            CellValue::Number(x) => {
                // A bare year (2026) is the year; anything else an Excel serial.
                let whole = x.trunc() == *x;
                d.value = if whole && (1900.0..=2100.0).contains(x) {
                    match self.fiscal.parse_date(&format!("{x}"), self.year) {
                        DateValue::Date(span) => Some(span),
                        _ => None,
                    }
                } else {
                    parse::excel_serial_to_date(*x, false).map(|date| DateSpan {
                        start: date,
                        end: date,
                    })
                };
                if d.value.is_none() {
                    d.set_issue(ValueIssue::Unparsable);
                }
            }
            CellValue::String(s) => match self.parse_date(s) {
                DateValue::Date(span) => d.value = Some(span),
                DateValue::Marker(m) => d.set_issue(ValueIssue::Marker(m)),
                DateValue::Blank => {}
                DateValue::NeedsYear | DateValue::Invalid => d.set_issue(ValueIssue::Unparsable),
            },
            CellValue::Error(e) => d.set_issue(ValueIssue::FormulaError(e.clone())),
            CellValue::Bool(_) => d.set_issue(ValueIssue::Unparsable),
        }
        d
    }
}

/// How many `%` flags a goal row has: twelve numbers, then twelve months.
pub(super) const PERCENT_FLAGS: usize = 24;

/// What a goal sheet's row says beside its goal: the `%` flags of its numbers (baseline,
/// target, q1..q4, actual q1..q4, actual, budget, then the months January..December) and the
/// long layout's period cell.
pub(super) struct RowFacts {
    pub(super) percent_written: [bool; PERCENT_FLAGS],
    /// The long layout's period cell.
    pub(super) quarter: Text,
}

/// A long layout's goal as read from one row or grouped from several: the goal with its
/// [`RowFacts`], and the per-period facts the grouping found.
pub(super) struct GoalRow {
    pub(super) goal: Goal,
    pub(super) percent_written: [bool; PERCENT_FLAGS],
    /// The long layout's period cell.
    pub(super) quarter: Text,
    /// The long layout's per-period facts, until the metric kind settles them.
    pub(super) long: Option<super::calendar::LongPeriods>,
}

/// Metric kind, direction, percent handling: what a goal's values mean.
fn finish_goal(
    goal: &mut Goal,
    percent_written: &[bool; PERCENT_FLAGS],
    lexicon: &MetricLexicon,
    seen: &mut MetricKinds,
) {
    let MetricMeaning {
        unit_percent,
        kind,
        source,
        direction,
    } = seen.meaning(
        MetricTexts {
            metric: goal
                .metric
                .text()
                .or_else(|| goal.statement())
                .unwrap_or_default(),
            unit: goal.unit.text().unwrap_or_default(),
            aggregation: goal.aggregation_text.text(),
            direction: goal.direction_text.text(),
        },
        lexicon,
    );
    goal.is_percent = unit_percent || percent_written.iter().any(|p| *p);
    goal.aggregation = kind;
    goal.aggregation_source = source;
    // Neither a direction column nor the lexicon: the target's own `≥` / `≤` says.
    goal.direction = direction
        .or_else(|| values::qualified_direction(goal))
        .unwrap_or_default();
    values::commit_ranges(goal);
    if goal.is_percent {
        normalise_percentages(goal, percent_written);
    }
}

/// With unit `%`, bare numbers are percent points when above 1 and fractions at most 1 —
/// unless the row is written in fractions (a value in (0, 1] and none above 10), in which case
/// `1.2` is 120% rather than 1.2%.
fn normalise_percentages(goal: &mut Goal, percent_written: &[bool]) {
    let mut fields: Vec<&mut Num> = Vec::with_capacity(23);
    fields.push(&mut goal.baseline);
    fields.push(&mut goal.target);
    fields.extend(goal.quarters.iter_mut());
    fields.extend(goal.actual_quarters.iter_mut());
    fields.push(&mut goal.actual);
    fields.extend(goal.months.iter_mut());
    // The flags in the same order: the budget's (index 11) is not a percentage.
    let percent_written: Vec<bool> = percent_written
        .iter()
        .enumerate()
        .filter(|(i, _)| *i != 11)
        .map(|(_, p)| *p)
        .collect();
    let percent_written = percent_written.as_slice();
    let bare: Vec<f64> = fields
        .iter()
        .zip(percent_written)
        .filter(|(_, p)| !**p)
        .filter_map(|(n, _)| n.value)
        .collect();
    let fractions =
        bare.iter().any(|v| *v > 0.0 && *v <= 1.0) && bare.iter().all(|v| v.abs() <= 10.0);
    for (n, written) in fields.into_iter().zip(percent_written) {
        if *written {
            continue;
        }
        if let Some(v) = n.value
            && !fractions
            && v.abs() > 1.0
        {
            n.value = Some(parse::round_noise(v / 100.0));
        }
    }
}

fn totals_row(reader: &CellReader, row: u32, columns: &IndexMap<Field, u32>) -> TotalsRow {
    let label = (0..reader.sheet.width())
        .find_map(|c| match reader.sheet.value(row, c) {
            CellValue::String(s) if !s.trim().is_empty() => Some(s.trim().to_string()),
            _ => None,
        })
        .unwrap_or_default();

    let mut values = IndexMap::new();
    for f in Field::NUMERIC {
        if let Some(&c) = columns.get(&f) {
            let (n, _) = reader.number(row, Some(c));
            if n.value.is_some() || n.issue.is_some() {
                values.insert(f, n);
            }
        }
    }
    TotalsRow { row, label, values }
}

fn collect_formula_errors(
    sheet: &Sheet,
    header: &HeaderMatch,
    columns: &IndexMap<Field, u32>,
    out: &mut Vec<FormulaErrorCell>,
) {
    for (r, row) in sheet
        .rows
        .iter()
        .enumerate()
        .skip(header.data_start as usize)
    {
        for (c, v) in row.iter().enumerate() {
            if let CellValue::Error(e) = v {
                let col = c as u32;
                out.push(FormulaErrorCell {
                    sheet: sheet.name.clone(),
                    cell: CellPos::new(r as u32, col),
                    error: e.clone(),
                    field: columns.iter().find(|(_, c)| **c == col).map(|(f, _)| *f),
                });
            }
        }
    }
}

/// The data cells of a sheet (below its header) holding a formula without a stored result
/// that could not be computed, in row and column order.
fn collect_uncomputed(
    sheet: &Sheet,
    header: &HeaderMatch,
    columns: &IndexMap<Field, u32>,
    out: &mut Vec<UncomputedFormulaCell>,
) {
    let mut cells: Vec<_> = sheet
        .uncomputed
        .iter()
        .filter(|((r, _), _)| *r >= header.data_start)
        .collect();
    cells.sort_by_key(|(at, _)| **at);
    for (&(r, c), reason) in cells {
        out.push(UncomputedFormulaCell {
            sheet: sheet.name.clone(),
            cell: CellPos::new(r, c),
            formula: sheet.formulas.get(&(r, c)).cloned().unwrap_or_default(),
            reason: reason.clone(),
            field: columns.iter().find(|(_, col)| **col == c).map(|(f, _)| *f),
        });
    }
}

fn read_actions(reader: &CellReader, header: &HeaderMatch, config: &Config) -> ActionSheet {
    let sheet = reader.sheet;
    let columns: IndexMap<ActionField, u32> = header
        .columns
        .iter()
        .filter_map(|(k, &c)| {
            let f = match k.as_str() {
                "id" => ActionField::Id,
                "action" => ActionField::Action,
                "goal_id" => ActionField::GoalId,
                "owner" => ActionField::Owner,
                "start" => ActionField::Start,
                "end" => ActionField::End,
                "how" => ActionField::How,
                "resources" => ActionField::Resources,
                "budget" => ActionField::Budget,
                _ => return None,
            };
            Some((f, c))
        })
        .collect();
    let col = |f: ActionField| columns.get(&f).copied();
    let classifier = layout::RowClassifier::new(
        config,
        header,
        col(ActionField::Action).into_iter().collect(),
    );
    let mut actions = Vec::new();
    for row in header.data_start..sheet.height() {
        if classifier.classify(sheet, row) != RowKind::Data {
            continue;
        }
        actions.push(Action {
            row,
            id: reader.text(row, col(ActionField::Id)),
            action: reader.text(row, col(ActionField::Action)),
            goal_id: reader.text(row, col(ActionField::GoalId)),
            owner: reader.text(row, col(ActionField::Owner)),
            start: reader.date(row, col(ActionField::Start)),
            end: reader.date(row, col(ActionField::End)),
            how: reader.text(row, col(ActionField::How)),
            resources: reader.text(row, col(ActionField::Resources)),
            budget: reader.number(row, col(ActionField::Budget)).0,
        });
    }
    ActionSheet {
        sheet: sheet.name.clone(),
        header_rows: header.header_rows.clone(),
        columns,
        actions,
    }
}

fn read_budget(reader: &CellReader, header: &HeaderMatch, config: &Config) -> BudgetSheet {
    let sheet = reader.sheet;
    let col = |k: &str| header.columns.get(k).copied();
    let classifier = layout::RowClassifier::new(config, header, col("item").into_iter().collect());
    let reserve = ListedWords::new(&config.lexicon.reserve);
    let mut lines = Vec::new();
    let mut total = None;
    for row in header.data_start..sheet.height() {
        match classifier.classify(sheet, row) {
            RowKind::Data => {
                let item = reader.text(row, col("item"));
                let is_reserve = item.text().is_some_and(|t| reserve.first_in(t).is_some());
                lines.push(BudgetLine {
                    row,
                    item,
                    owner: reader.text(row, col("owner")),
                    channel: reader.text(row, col("channel")),
                    goal_id: reader.text(row, col("goal_id")),
                    amount: reader.number(row, col("amount")).0,
                    is_reserve,
                });
            }
            RowKind::Totals if total.is_none() => {
                let mut values = IndexMap::new();
                values.insert(Field::Budget, reader.number(row, col("amount")).0);
                let label = reader.text(row, col("item")).value.unwrap_or_default();
                total = Some(TotalsRow { row, label, values });
            }
            _ => {}
        }
    }
    BudgetSheet {
        sheet: sheet.name.clone(),
        header_rows: header.header_rows.clone(),
        lines,
        total,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_field_has_its_own_slot_in_the_column_table() {
        // read_goal_rows files each column under `field as usize` in an array of
        // `Field::ALL.len()` slots: each field needs its own slot, inside the array.
        let mut seen = [false; Field::ALL.len()];
        for f in Field::ALL {
            let i = f as usize;
            assert!(i < seen.len(), "{f:?} is outside the table");
            assert!(!seen[i], "{f:?} shares slot {i}");
            seen[i] = true;
        }
        assert!(seen.iter().all(|s| *s));
    }

    #[test]
    fn remembered_dates_read_as_each_cell_alone() {
        let texts = [
            "2026-06-30",
            "Q3",
            "2026-06-30",
            "6月底",
            "TBD",
            "Q3",
            "not a date",
            "6月底",
            "",
        ];
        let rows = texts
            .iter()
            .map(|t| vec![CellValue::String(t.to_string())])
            .collect();
        let sheet = Sheet::new("Goals".into(), rows, Vec::new(), false);
        for fiscal in [
            crate::periods::FiscalYear::default(),
            crate::periods::FiscalYear {
                first_month: 4,
                ..Default::default()
            },
        ] {
            let reader = CellReader::new(&sheet, Some(2026), NumberConvention::Point, fiscal);
            for (row, text) in texts.iter().enumerate() {
                let read = reader.date(row as u32, Some(0));
                let alone = CellReader::new(&sheet, Some(2026), NumberConvention::Point, fiscal)
                    .date(row as u32, Some(0));
                assert_eq!(read, alone, "{text}");
                if let DateValue::Date(span) = fiscal.parse_date(text, Some(2026)) {
                    assert_eq!(read.value, Some(span), "{text}");
                }
            }
            assert_eq!(
                reader.dates.borrow().len(),
                6,
                "each distinct text read once"
            );
        }
    }
}
