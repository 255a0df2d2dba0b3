//! A plan sheet's cells, made ready row by row (see [`super::prepared`]): what each stored
//! cell of the grid becomes (its value as the plan reads it, its format key, its formula with
//! the stored result), the cells written for no stored cell (merges beyond a row's end,
//! blank cells carrying findings), and what the rows tally on the way (column widths, the
//! numbers the rollup formulas read, what had to be cut to fit Excel).
//!
//! [`CellContext`] is what every row reads and none changes; [`Tally`] is what the rows add
//! up, in row order.

use std::collections::{BTreeMap, HashSet};
use std::ops::Range;

use chrono::NaiveDate;
use rust_xlsxwriter::Formula;

use super::cell_style::{FmtKey, NumFmt, Shown};
use super::goal_columns::GoalColumns;
use super::plan_sheet::Tracked;
use super::plan_values::{Override, Overrides, Plans, blank_key, chosen_format, styled};
use super::prepared::{CellFmt, PreparedCell, Value};
use super::{CellFindings, Ctx, Limits, MAX_ROWS, Widths, col16, excel_date, excel_serial};
use crate::model::Plan;
use crate::read::{CellValue, Sheet};
use crate::rules::{Finding, Severity};

/// A cell written for no stored grid cell.
enum Extra {
    /// A merge anchored beyond its row's stored length: (column, as u16, last row, last
    /// column as u16).
    Merge(u32, u16, u32, u16),
    /// A finding's blank cell, with the worst severity there.
    Blank(u32, u16, Option<Severity>),
}

/// The worst severity of a cell's findings.
pub(crate) fn worst(findings: &[&Finding]) -> Option<Severity> {
    findings.iter().map(|f| f.severity).min()
}

const ERROR_VALUES: [&str; 7] = [
    "#DIV/0!", "#N/A", "#NAME?", "#NULL!", "#NUM!", "#REF!", "#VALUE!",
];

/// What the rows of one plan sheet add up, in row order.
pub(crate) struct Tally<'a> {
    /// Number format codes and font scales by format key, to measure numbers with.
    pub shown: Shown<'a>,
    /// Widths of the table's cells (header and table rows).
    pub widths: Widths,
    /// Widths of cells outside the table, which size no column.
    unmeasured: Widths,
    pub numbers: Tracked,
    pub limits: Limits,
}

impl<'a> Tally<'a> {
    pub fn new(sheet: &'a Sheet, numbers: Tracked) -> Self {
        Tally {
            shown: Shown::new(styled(sheet)),
            widths: Widths::default(),
            unmeasured: Widths::default(),
            numbers,
            limits: Limits::default(),
        }
    }
}

/// What one row's cells share, looked up once: its overrides and its findings' cells (most
/// rows have none), instead of a map lookup per cell.
struct RowInfo<'r, 'a> {
    r: u32,
    overrides: &'r [(u32, Override)],
    found: Vec<(u32, &'r Vec<&'a Finding>)>,
    is_header: bool,
    in_table: bool,
}

/// What every row of one plan sheet reads to make its cells ready.
pub(crate) struct CellContext<'a> {
    ctx: &'a Ctx<'a>,
    sheet: &'a Sheet,
    plans: &'a Plans,
    /// The stored rows written (at most Excel's).
    height: u32,
    /// Findings by cell; those on a covered merged cell are at the merge's anchor.
    pub by_cell: CellFindings<'a>,
    header: HashSet<u32>,
    /// The chosen format of each column, by index: looked up for every cell.
    column_fmts: Vec<Option<NumFmt>>,
    /// Merges kept, by anchor: valid (more than one cell), inside the grid, not overlapping.
    merge_at: BTreeMap<(u32, u32), (u32, u32)>,
    /// The cells of the kept merges.
    taken: HashSet<(u32, u32)>,
    /// The goal sheet's table rows (goals, totals, header), which size its columns; `None`
    /// for other sheets, whose rows from the first header down do.
    table_rows: Option<HashSet<u32>>,
    first_header: u32,
    /// Cells of no stored grid cell, by row.
    extras: BTreeMap<u32, Vec<Extra>>,
}

impl<'a> CellContext<'a> {
    /// The context of `sheet` (`width` columns and `height` rows written), with its findings
    /// by cell.
    pub fn new(
        ctx: &'a Ctx<'a>,
        sheet: &'a Sheet,
        plans: &'a Plans,
        (width, height): (u32, u32),
        by_cell: CellFindings<'a>,
        is_goal: bool,
    ) -> Self {
        let by_cell = to_anchors(sheet, by_cell);
        let (merge_at, taken) = kept_merges(sheet, height);
        // Column widths follow the header and the table's rows: a title or a note above or
        // below it, or a merge across columns, would otherwise widen its first column to the
        // text.
        let table_rows = is_goal.then(|| table_rows(ctx.plan, plans));
        let mut context = CellContext {
            ctx,
            sheet,
            plans,
            height,
            by_cell,
            header: plans.header_rows.iter().copied().collect(),
            column_fmts: (0..width)
                .map(|c| plans.column_fmt.get(&c).copied())
                .collect(),
            merge_at,
            taken,
            table_rows,
            first_header: plans.header_rows.first().copied().unwrap_or(0),
            extras: BTreeMap::new(),
        };
        context.extras = context.extras();
        context
    }

    /// The last row with a cell of no stored grid cell.
    pub fn last_extra_row(&self) -> Option<u32> {
        self.extras.keys().next_back().copied()
    }

    /// A cell of the grid's stored rows (written by [`CellContext::row_cells`] as stored).
    fn stored(&self, r: u32, c: u32) -> bool {
        r < self.height
            && self
                .sheet
                .rows
                .get(r as usize)
                .is_some_and(|row| (c as usize) < row.len())
    }

    fn in_table(&self, r: u32) -> bool {
        match &self.table_rows {
            Some(rows) => rows.contains(&r),
            None => r >= self.first_header,
        }
    }

    fn spans_columns(&self, r: u32, c: u32) -> bool {
        self.merge_at.get(&(r, c)).is_some_and(|&(_, lc)| lc > c)
    }

    /// Cells of no stored grid cell: merges anchored beyond a row's stored length, and
    /// finding cells never written (blank cells of the grid), by row.
    fn extras(&self) -> BTreeMap<u32, Vec<Extra>> {
        let mut extras: BTreeMap<u32, Vec<Extra>> = BTreeMap::new();
        for (&(r, c), &(lr, lc)) in &self.merge_at {
            if !self.stored(r, c)
                && let (Some(c16), Some(lc16)) = (col16(c), col16(lc))
            {
                extras
                    .entry(r)
                    .or_default()
                    .push(Extra::Merge(c, c16, lr, lc16));
            }
        }
        for (&(r, c), list) in &self.by_cell {
            if r >= MAX_ROWS {
                continue;
            }
            let Some(col) = col16(c) else { continue };
            if !self.stored(r, c)
                && !self.taken.contains(&(r, c))
                && !self.merge_at.contains_key(&(r, c))
            {
                extras
                    .entry(r)
                    .or_default()
                    .push(Extra::Blank(c, col, worst(list)));
            }
        }
        extras
    }

    /// Rows `rows`' cells, in the order they are written: each row's own cells, its extra
    /// cells, then (with `goal_columns`, when they go on their own rows) its appended cells.
    pub fn rows(
        &self,
        rows: Range<u32>,
        tally: &mut Tally<'a>,
        mut goal_columns: Option<&mut GoalColumns<'a>>,
    ) -> Vec<PreparedCell> {
        let mut out = Vec::new();
        for r in rows {
            self.row_cells(r, tally, &mut out);
            if let Some(g) = goal_columns.as_deref_mut() {
                g.prepare_row(&mut out, r, &mut tally.numbers, &mut tally.limits);
            }
        }
        out
    }

    /// Row `r`'s own cells and its extra cells.
    fn row_cells(&self, r: u32, tally: &mut Tally<'a>, out: &mut Vec<PreparedCell>) {
        let sheet = self.sheet;
        let row_len = if r < self.height {
            sheet.rows.get(r as usize).map_or(0, |v| v.len() as u32)
        } else {
            0
        };
        let row = RowInfo {
            r,
            overrides: self.plans.overrides.row(r),
            found: self
                .by_cell
                .range((r, 0)..=(r, u32::MAX))
                .map(|(&(_, c), list)| (c, list))
                .collect(),
            is_header: self.header.contains(&r),
            in_table: self.in_table(r),
        };
        for c in 0..row_len {
            if sheet.merged_from(r, c).is_some() && !self.merge_at.contains_key(&(r, c)) {
                // A covered cell of a merge: the merge writes it.
                if self.taken.contains(&(r, c)) {
                    continue;
                }
            }
            let Some(col) = col16(c) else {
                tally.limits.cut_rows += 1;
                break;
            };
            self.cell(&row, (c, col), tally, out);
        }
        for extra in self.extras.get(&r).into_iter().flatten() {
            let (c, col, value, fill) = match *extra {
                Extra::Merge(c, c16, lr, lc16) => {
                    let fill = self.by_cell.get(&(r, c)).and_then(|f| worst(f));
                    (c, c16, Value::Merge(lr, lc16), fill)
                }
                Extra::Blank(c, col, fill) => (c, col, Value::Blank, fill),
            };
            let key = blank_key(sheet, r, c, fill, row.is_header);
            out.push(PreparedCell {
                row: r,
                col,
                fmt: CellFmt::Key(key),
                value,
            });
        }
    }

    /// One stored cell of a row: its merge (when it anchors one), then its value.
    fn cell(
        &self,
        row: &RowInfo<'_, 'a>,
        (c, col): (u32, u16),
        tally: &mut Tally<'a>,
        out: &mut Vec<PreparedCell>,
    ) {
        let (sheet, r) = (self.sheet, row.r);
        let over = Overrides::in_row(row.overrides, c);
        let fill = row
            .found
            .iter()
            .find(|(fc, _)| *fc == c)
            .and_then(|(_, f)| worst(f));
        let Tally {
            shown,
            widths,
            unmeasured,
            numbers,
            limits,
        } = tally;
        let widths = if row.in_table && !self.spans_columns(r, c) {
            widths
        } else {
            unmeasured
        };
        let raw = sheet.raw(r, c);
        let key = FmtKey {
            style: styled(sheet).map(|l| l.style_index(r, c)),
            num: chosen_format(
                sheet,
                over,
                raw,
                self.column_fmts.get(c as usize).copied().flatten(),
            ),
            fill,
            header: row.is_header && styled(sheet).is_none(),
        };
        let mut push = |fmt: CellFmt, value: Value| {
            out.push(PreparedCell {
                row: r,
                col,
                fmt,
                value,
            })
        };
        let merge = self.merge_at.get(&(r, c)).copied();
        if let Some((lr, lc)) = merge
            && let Some(lc16) = col16(lc)
        {
            push(CellFmt::Key(key), Value::Merge(lr, lc16));
        }
        // The original's formula in Excel's syntax, `Some(None)` when it cannot be kept.
        let formula: Option<Option<String>> = sheet
            .formulas
            .get(&(r, c))
            .map(|f| super::formula_text::excel_formula(f).filter(|f| self.ctx.formulas.keeps(f)));
        // The common case, fast: a plain text or number cell with nothing to add.
        let plain = key.is_plain() && formula.is_none() && merge.is_none();
        if plain && let Some(Override::Number(v, _)) = over {
            numbers.note(r, c, *v);
            widths.number_lazy(r, c, *v, "General", 1.0);
            return push(CellFmt::None, Value::Number(*v));
        }
        if plain && over.is_none() {
            match raw {
                CellValue::String(s) => {
                    let text = limits.cell_text(s);
                    widths.see_lazy(r, c, || text.to_string());
                    return push(CellFmt::None, Value::Text(text));
                }
                CellValue::Number(x) => {
                    numbers.note(r, c, *x);
                    widths.number_lazy(r, c, *x, "General", 1.0);
                    return push(CellFmt::None, Value::Number(*x));
                }
                CellValue::Empty => return,
                _ => {}
            }
        }
        // How this cell's numbers show: its format code and its font's scale.
        let (code, scale) = shown.get(key);
        let fmt = CellFmt::Key(key);
        if let Some(Some(f)) = &formula {
            let result = match raw {
                CellValue::Number(x) => {
                    numbers.note(r, c, *x);
                    super::result_text(*x)
                }
                CellValue::Date(d) => {
                    let s = excel_serial(*d);
                    numbers.note(r, c, s);
                    super::result_text(s)
                }
                CellValue::Bool(b) => if *b { "TRUE" } else { "FALSE" }.to_string(),
                CellValue::Empty if sheet.uncomputed.contains_key(&(r, c)) => {
                    numbers.note_unknown(r, c);
                    String::new()
                }
                other => limits.cell_text(&other.display()),
            };
            match raw {
                CellValue::Number(x) => widths.number_lazy(r, c, *x, code, scale),
                CellValue::Date(d) => widths.number_lazy(r, c, excel_serial(*d), code, scale),
                other => widths.see_lazy(r, c, || other.display()),
            }
            let formula = Formula::new(format!("={f}")).set_result(result);
            return push(fmt, Value::Formula(formula));
        }
        if formula.is_some() {
            limits.formulas_as_values += 1;
        }
        let date =
            |d: NaiveDate, numbers: &mut Tracked, widths: &mut Widths, limits: &mut Limits| {
                match excel_date(d) {
                    Some(dt) => {
                        numbers.note(r, c, excel_serial(d));
                        widths.number_lazy(r, c, excel_serial(d), code, scale);
                        Value::Date(dt)
                    }
                    None => Value::Text(limits.cell_text(&raw.display())),
                }
            };
        if let Some(o) = over {
            let value = match o {
                Override::Number(v, _) => {
                    numbers.note(r, c, *v);
                    widths.number_lazy(r, c, *v, code, scale);
                    Value::Number(*v)
                }
                Override::Date(d) => date(*d, numbers, widths, limits),
                Override::Text(t) => {
                    let text = limits.cell_text(t);
                    widths.see_lazy(r, c, || text.to_string());
                    Value::Text(text)
                }
            };
            return push(fmt, value);
        }
        let value = match raw {
            CellValue::Empty if fill.is_some() || row.is_header => Value::Blank,
            CellValue::Empty => return,
            CellValue::String(s) => {
                let text = limits.cell_text(s);
                widths.see_lazy(r, c, || text.to_string());
                Value::Text(text)
            }
            CellValue::Number(x) => {
                numbers.note(r, c, *x);
                widths.number_lazy(r, c, *x, code, scale);
                Value::Number(*x)
            }
            CellValue::Bool(b) => Value::Bool(*b),
            CellValue::Date(d) => date(*d, numbers, widths, limits),
            // An error value without its formula: a formula that yields it.
            CellValue::Error(e) if ERROR_VALUES.contains(&e.as_str()) => {
                Value::Formula(Formula::new(format!("={e}")).set_result(e.clone()))
            }
            CellValue::Error(e) => Value::Text(limits.cell_text(e)),
        };
        push(fmt, value)
    }
}

/// Findings on a covered merged cell moved to the merge's anchor.
fn to_anchors<'a>(sheet: &Sheet, mut by_cell: CellFindings<'a>) -> CellFindings<'a> {
    let covered: Vec<(u32, u32)> = by_cell
        .keys()
        .filter(|(r, c)| sheet.merged_from(*r, *c).is_some())
        .copied()
        .collect();
    for at in covered {
        if let (Some(list), Some(anchor)) = (by_cell.remove(&at), sheet.merged_from(at.0, at.1)) {
            by_cell.entry(anchor).or_default().extend(list);
        }
    }
    by_cell
}

/// The merges written, by anchor, and their cells: valid (more than one cell), inside the
/// grid's `height` rows, not overlapping one kept before.
#[allow(clippy::type_complexity)]
fn kept_merges(
    sheet: &Sheet,
    height: u32,
) -> (BTreeMap<(u32, u32), (u32, u32)>, HashSet<(u32, u32)>) {
    let mut merge_at: BTreeMap<(u32, u32), (u32, u32)> = BTreeMap::new();
    let mut taken: HashSet<(u32, u32)> = HashSet::new();
    for m in &sheet.merges {
        let single = m.first_row == m.last_row && m.first_col == m.last_col;
        let inside = m.last_row < height && col16(m.last_col).is_some();
        if single || !inside || m.first_row > m.last_row || m.first_col > m.last_col {
            continue;
        }
        let cells: Vec<(u32, u32)> = (m.first_row..=m.last_row)
            .flat_map(|r| (m.first_col..=m.last_col).map(move |c| (r, c)))
            .collect();
        if cells.iter().any(|c| taken.contains(c)) {
            continue;
        }
        taken.extend(cells);
        merge_at.insert((m.first_row, m.first_col), (m.last_row, m.last_col));
    }
    (merge_at, taken)
}

/// The goal sheet's table rows: its goals' rows, its totals rows and its header rows.
fn table_rows(plan: &Plan, plans: &Plans) -> HashSet<u32> {
    plan.goals
        .iter()
        .flat_map(|g| g.rows.iter().copied())
        .chain(plan.totals.iter().map(|t| t.row))
        .chain(plans.header_rows.iter().copied())
        .collect()
}
