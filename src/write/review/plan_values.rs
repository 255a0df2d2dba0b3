//! What each cell of a plan sheet becomes: the values the plan reads in place of the raw
//! cells (numbers of text amounts, dates of text dates, filled-down group cells of a CSV),
//! and the number format each is written with — the cell's own where the input has styles
//! (an xlsx), else one per column chosen from its field and unit (CSV, ods, xls, xlsb).

use std::collections::HashMap;

use chrono::NaiveDate;

use super::cell_style::{Currency, FmtKey, NumFmt, Symbol, currency_of, decimals_of};
use crate::model::{Field, Num, Plan};
use crate::read::{CellValue, Sheet};
use crate::rules::Severity;

/// A percent format with the decimals a fraction needs (`0.355` → `0.0%`).
pub(super) fn percent_fmt(v: f64) -> NumFmt {
    NumFmt::Percent(decimals_of(v * 100.0))
}

/// An amount format: thousands separators, no decimals (settled per column later).
fn amount_fmt(cur: Option<Currency>) -> NumFmt {
    NumFmt::Amount {
        decimals: 0,
        symbol: cur.map(Currency::symbol).unwrap_or_default(),
    }
}

/// A value the plan gives a cell, in place of the grid's raw value.
#[derive(Debug, Clone)]
pub(super) enum Override {
    Number(f64, NumFmt),
    Date(NaiveDate),
    Text(String),
}

/// The overrides of a sheet by row, then column: the writer, going row by row, takes each
/// row's few at once instead of looking every cell up in a map of them all.
#[derive(Default)]
pub(super) struct Overrides(Vec<Vec<(u32, Override)>>);

impl Overrides {
    /// Set the override of cell (`row`, `col`), replacing one set before.
    pub fn insert(&mut self, row: u32, col: u32, value: Override) {
        let r = row as usize;
        if self.0.len() <= r {
            self.0.resize_with(r + 1, Vec::new);
        }
        let Some(cells) = self.0.get_mut(r) else {
            return;
        };
        match cells.iter_mut().find(|(c, _)| *c == col) {
            Some(slot) => slot.1 = value,
            None => cells.push((col, value)),
        }
    }
    /// The overrides of one row, as (column, override).
    pub fn row(&self, row: u32) -> &[(u32, Override)] {
        self.0.get(row as usize).map_or(&[], Vec::as_slice)
    }
    /// The override of one row's cell, from [`Overrides::row`].
    pub fn in_row(cells: &[(u32, Override)], col: u32) -> Option<&Override> {
        cells.iter().find(|(c, _)| *c == col).map(|(_, o)| o)
    }
    fn cells_mut(&mut self) -> impl Iterator<Item = &mut (u32, Override)> {
        self.0.iter_mut().flatten()
    }
}

/// What one sheet's cells become.
#[derive(Default)]
pub(super) struct Plans {
    pub overrides: Overrides,
    /// Formats for formula cells and raw numbers, by column.
    pub column_fmt: HashMap<u32, NumFmt>,
    pub header_rows: Vec<u32>,
}

impl Plans {
    fn number(&mut self, n: &Num, fmt: NumFmt, sheet: &Sheet) {
        if let (Some(v), Some(c)) = (n.value, n.cell)
            && sheet.merged_from(c.row, c.col).is_none()
        {
            // An amount the sheet wrote in 万 (`50万`) is shown in 万; one written with its
            // currency symbol (`$250,000`) keeps the symbol.
            let fmt = match fmt {
                NumFmt::Amount { .. } if written_in_wan(&n.raw) => NumFmt::Wan,
                NumFmt::Amount {
                    decimals,
                    symbol: Symbol::None,
                } => NumFmt::Amount {
                    decimals,
                    symbol: currency_of(&n.raw)
                        .map(Currency::symbol)
                        .unwrap_or_default(),
                },
                other => other,
            };
            self.overrides
                .insert(c.row, c.col, Override::Number(v, fmt));
        }
    }
    fn date(&mut self, d: &crate::model::DateField, sheet: &Sheet) {
        if let (Some(span), Some(c)) = (d.value, d.cell) {
            let single = span.start == span.end;
            let raw = sheet.raw(c.row, c.col);
            let convertible = matches!(raw, CellValue::String(_) | CellValue::Number(_));
            if single && convertible && sheet.merged_from(c.row, c.col).is_none() {
                self.overrides
                    .insert(c.row, c.col, Override::Date(span.start));
            }
        }
    }

    /// One format per column, the same all the way down: its percents with the decimals
    /// the most precise one needs, its amounts likewise (0–2, so money gets no invented
    /// cents), one currency symbol when all its amounts share it. Amounts shown in 万 stay
    /// so (their goal's row was written in 万).
    fn settle(&mut self) {
        #[derive(Default)]
        struct Column {
            percent: u8,
            amount: u8,
            /// The symbols its amounts carry (three kinds at most: a list, not a hash set).
            symbols: Vec<Symbol>,
        }
        // By column index: every number of the sheet looks its column up twice.
        let mut columns: Vec<Option<Column>> = Vec::new();
        for (c, o) in self.overrides.cells_mut() {
            let Override::Number(v, f) = o else { continue };
            let at = *c as usize;
            if columns.len() <= at {
                columns.resize_with(at + 1, || None);
            }
            let Some(col) = columns
                .get_mut(at)
                .map(|c| c.get_or_insert_with(Column::default))
            else {
                continue;
            };
            match f {
                NumFmt::Percent(d) => col.percent = col.percent.max(*d),
                NumFmt::Amount { symbol, .. } => {
                    col.amount = col.amount.max(decimals_of(*v));
                    if !col.symbols.contains(symbol) {
                        col.symbols.push(*symbol);
                    }
                }
                _ => {}
            }
        }
        let settled = |c: u32, f: NumFmt| -> NumFmt {
            let Some(col) = columns.get(c as usize).and_then(Option::as_ref) else {
                return f;
            };
            match f {
                NumFmt::Percent(_) => NumFmt::Percent(col.percent),
                NumFmt::Amount { .. } => NumFmt::Amount {
                    decimals: col.amount,
                    symbol: match col.symbols.as_slice() {
                        [one] => *one,
                        _ => Symbol::None,
                    },
                },
                other => other,
            }
        };
        for (c, o) in self.overrides.cells_mut() {
            if let Override::Number(_, f) = o {
                *f = settled(*c, *f);
            }
        }
        for (&c, f) in self.column_fmt.iter_mut() {
            *f = settled(c, *f);
        }
    }
}

/// Whether a number's text carries a 万 multiplier (`50万`, `1.2万元`, `¥50万`).
fn written_in_wan(raw: &str) -> bool {
    raw.contains('万') && raw.chars().any(|c| c.is_ascii_digit())
}

fn header_text(sheet: &Sheet, header_rows: &[u32], col: u32) -> String {
    header_rows
        .iter()
        .map(|&r| sheet.value(r, col).display())
        .collect::<Vec<_>>()
        .join(" ")
}

pub(super) fn goal_sheet_plans(plan: &Plan, sheet: &Sheet) -> Plans {
    let mut p = Plans {
        header_rows: plan.header_rows.clone(),
        ..Plans::default()
    };
    let budget_col = plan.columns.get(&Field::Budget).copied();
    let budget_fmt =
        amount_fmt(budget_col.and_then(|c| currency_of(&header_text(sheet, &plan.header_rows, c))));
    if let Some(c) = budget_col {
        p.column_fmt.insert(c, budget_fmt);
    }
    for f in [Field::Start, Field::Due] {
        if let Some(&c) = plan.columns.get(&f) {
            p.column_fmt.insert(c, NumFmt::Date);
        }
    }
    // A few unit spellings over many goals: each one's currency read once.
    let mut currencies: foldhash::HashMap<&str, Option<Currency>> = Default::default();
    for g in &plan.goals {
        let unit_currency = g
            .unit
            .text()
            .and_then(|u| *currencies.entry(u).or_insert_with(|| currency_of(u)));
        let fields = || {
            [&g.baseline, &g.target]
                .into_iter()
                .chain(&g.quarters)
                .chain(&g.actual_quarters)
                .chain([&g.actual])
        };
        // A goal whose amounts the sheet wrote in 万 (`50万`) shows all of them in 万, so
        // its row reads in one unit.
        let wan = fields().any(|n| written_in_wan(&n.raw));
        let fmt_of = |n: &Num| -> NumFmt {
            match (g.is_percent, n.value) {
                (true, Some(v)) => percent_fmt(v),
                _ if wan => NumFmt::Wan,
                _ => amount_fmt(unit_currency),
            }
        };
        for n in fields() {
            p.number(n, fmt_of(n), sheet);
        }
        p.number(&g.budget, budget_fmt, sheet);
        p.date(&g.start, sheet);
        p.date(&g.due, sheet);
        // Sheets without merge information had blanks filled down; write what was read, so
        // the copy (which has merge information) reads the same.
        if !sheet.has_merge_info {
            for t in [&g.dimension, &g.objective] {
                if let (Some(v), Some(c)) = (t.text(), t.cell)
                    && sheet.raw(c.row, c.col).is_empty()
                {
                    p.overrides
                        .insert(c.row, c.col, Override::Text(v.to_string()));
                }
            }
        }
    }
    for t in &plan.totals {
        for (field, n) in &t.values {
            let fmt = if *field == Field::Budget {
                budget_fmt
            } else if n.raw.contains('%') || n.raw.contains('％') {
                n.value.map(percent_fmt).unwrap_or_default()
            } else {
                amount_fmt(None)
            };
            p.number(n, fmt, sheet);
        }
    }
    p.settle();
    p
}

pub(super) fn action_sheet_plans(actions: &crate::model::ActionSheet, sheet: &Sheet) -> Plans {
    use crate::model::ActionField;
    let mut p = Plans {
        header_rows: actions.header_rows.clone(),
        ..Plans::default()
    };
    let budget_col = actions.columns.get(&ActionField::Budget).copied();
    let fmt = amount_fmt(
        budget_col.and_then(|c| currency_of(&header_text(sheet, &actions.header_rows, c))),
    );
    if let Some(c) = budget_col {
        p.column_fmt.insert(c, fmt);
    }
    for f in [ActionField::Start, ActionField::End] {
        if let Some(&c) = actions.columns.get(&f) {
            p.column_fmt.insert(c, NumFmt::Date);
        }
    }
    for a in &actions.actions {
        p.date(&a.start, sheet);
        p.date(&a.end, sheet);
        p.number(&a.budget, fmt, sheet);
    }
    p.settle();
    p
}

pub(super) fn budget_sheet_plans(budget: &crate::model::BudgetSheet, sheet: &Sheet) -> Plans {
    let mut p = Plans {
        header_rows: budget.header_rows.clone(),
        ..Plans::default()
    };
    let amount_col = budget
        .lines
        .iter()
        .find_map(|l| l.amount.cell)
        .map(|c| c.col);
    let fmt = amount_fmt(
        amount_col.and_then(|c| currency_of(&header_text(sheet, &budget.header_rows, c))),
    );
    if let Some(c) = amount_col {
        p.column_fmt.insert(c, fmt);
    }
    for l in &budget.lines {
        p.number(&l.amount, fmt, sheet);
    }
    if let Some(t) = &budget.total {
        for n in t.values.values() {
            p.number(n, fmt, sheet);
        }
    }
    p.settle();
    p
}

/// The sheet's own cell styles, when the input has them (an xlsx; an ods gives widths only).
pub(super) fn styled(sheet: &Sheet) -> Option<&crate::read::look::SheetLook> {
    sheet.look.as_ref().filter(|l| l.has_styles())
}

/// The format of a cell written blank (a merge's anchor, a finding's empty cell).
pub(super) fn blank_key(
    sheet: &Sheet,
    r: u32,
    c: u32,
    fill: Option<Severity>,
    header: bool,
) -> FmtKey {
    let look = styled(sheet);
    FmtKey {
        style: look.map(|l| l.style_index(r, c)),
        num: None,
        fill,
        header: header && look.is_none(),
    }
}

/// The number format a cell is written with in place of its style's: on a sheet with a look
/// only where the value changed kind (a text date written as a date, a text amount as a
/// number); elsewhere the format chosen for its field and column.
pub(super) fn chosen_format(
    sheet: &Sheet,
    over: Option<&Override>,
    raw: &CellValue,
    column_fmt: Option<NumFmt>,
) -> Option<NumFmt> {
    if styled(sheet).is_some() {
        return match (over, raw) {
            (Some(Override::Date(_)), CellValue::Date(_)) => None,
            (Some(Override::Date(_)), _) => Some(NumFmt::Date),
            (Some(Override::Number(v, _)), CellValue::Number(x))
                if (v - x).abs() <= 1e-12 * v.abs().max(1.0) =>
            {
                None
            }
            (Some(Override::Number(_, f)), _) => Some(*f),
            _ => None,
        };
    }
    match (over, raw) {
        (Some(Override::Number(_, f)), _) => Some(*f),
        (Some(Override::Date(_)), _) | (_, CellValue::Date(_)) => Some(NumFmt::Date),
        (_, CellValue::Number(_)) => {
            column_fmt.filter(|f| matches!(f, NumFmt::Amount { .. } | NumFmt::Wan))
        }
        _ => None,
    }
}
