//! The plan's own sheets (goal, action, budget), re-written cell by cell from the grid: values
//! with their number formats, the original's formulas with their stored results, merged
//! regions, a frozen header and an autofilter; problem cells filled by severity with a note
//! of their findings; on the goal sheet the appended SMART and score columns and the hidden
//! helper columns the rollup formulas read.
//!
//! Values: numbers stay numbers; the plan's numeric fields are written as the plan read them
//! (a CSV's `1,200` or `35%` becomes 1200 or 0.35), percentages of a percent goal as fractions
//! with a `0%` format, budgets and currency units (元/万元 → ¥, $) with a currency format,
//! single dates (cells or text) as dates `yyyy-mm-dd`; every other text stays text, never a
//! formula. A formula is kept with its stored result unless it refers to a sheet the copy
//! does not carry (then its value is written and counted); a formula the original stored no
//! result for carries the result goalsheet computed, or an empty one where that is unknown
//! (never a made-up 0). In sheets without merge
//! information (CSV) the dimension and objective filled down by the reader are written out,
//! so the copy, which has merge information, reads the same.
//!
//! Helper columns (hidden, after SMART and score): `goalsheet leaf` (1 on a rolled-up goal's
//! first row, 2 on its other rows in a long layout, 0 for other goals), `goalsheet owner`,
//! `goalsheet channel`, `goalsheet metric` and `goalsheet metric name` (keys as the criteria
//! match them: metric with unit, metric alone),
//! `goalsheet year` (the goal's year value as a formula over its own cells) and, for long
//! layouts, `goalsheet quarter` (which quarter a row's target holds, 0 for the annual row).

use std::collections::{BTreeMap, HashMap, HashSet};

use chrono::NaiveDate;
use rust_xlsxwriter::{Color, Format, Formula, Worksheet, XlsxError};

use super::cell_style::{FmtKey, Formats};
pub(crate) use super::formula_text::{excel_formula, formula_refs_ok};
use super::helper_columns::{
    GoalSheetInfo, HELPER_ACTUAL, HELPER_BUDGET, HELPER_CHANNEL, HELPER_FOLDED, HELPER_LEAF,
    HELPER_METRIC, HELPER_METRIC_NAME, HELPER_OWNER, HELPER_PLANNED, HELPER_QUARTER, HELPER_YEAR,
    HelperRow, metric_criterion_key, rolled_up_goals,
};
use super::plan_values::{
    Override, Plans, action_sheet_plans, blank_key, budget_sheet_plans, chosen_format,
    goal_sheet_plans, styled,
};
use super::{
    CellFindings, Ctx, Limits, MAX_ROWS, Text, Widths, col16, findings_by_cell, severity_word,
};
use crate::model::{Aggregation, CellPos, Field, Goal, Key, Plan};
use crate::read::{CellValue, Sheet};
use crate::rules::{Finding, Letter, Severity};

/// One re-written sheet.
pub(crate) struct PlanSheet {
    pub worksheet: Worksheet,
    /// What the rollup sheets need to know about the goal sheet.
    pub goal: Option<GoalSheetInfo>,
}

/// What the rollup formulas need to know about a goal's year value: a formula over the
/// goal's own cells, mirroring [`crate::rollup`]'s per-goal year.
#[derive(Debug, Clone, PartialEq)]
enum YearFormula {
    Cell(CellPos),
    Sum(Vec<CellPos>),
    Mean(Vec<CellPos>),
}

impl YearFormula {
    /// The goal's year formula: for a level metric the last quarter present (else the annual
    /// target); otherwise the annual target, else the quarters combined by the goal's kind.
    fn of(goal: &Goal, group: Aggregation) -> Option<YearFormula> {
        let quarters: Vec<CellPos> = goal
            .quarters
            .iter()
            .filter(|q| q.value.is_some_and(f64::is_finite))
            .filter_map(|q| q.cell)
            .collect();
        let target = goal
            .target
            .cell
            .filter(|_| goal.target.value.is_some_and(f64::is_finite));
        if group == Aggregation::Level
            && let Some(last) = quarters.last()
        {
            return Some(YearFormula::Cell(*last));
        }
        if let Some(t) = target {
            return Some(YearFormula::Cell(t));
        }
        let last = *quarters.last()?;
        Some(match goal.aggregation {
            Aggregation::Sum => YearFormula::Sum(quarters),
            Aggregation::Level => YearFormula::Cell(last),
            Aggregation::Ratio => YearFormula::Mean(quarters),
        })
    }
    fn cells(&self) -> &[CellPos] {
        match self {
            YearFormula::Cell(c) => std::slice::from_ref(c),
            YearFormula::Sum(cs) | YearFormula::Mean(cs) => cs,
        }
    }
    fn text(&self) -> String {
        let refs = |cs: &[CellPos]| cs.iter().map(CellPos::a1).collect::<Vec<_>>().join(",");
        match self {
            YearFormula::Cell(c) => format!("={}", c.a1()),
            YearFormula::Sum(cs) => format!("=SUM({})", refs(cs)),
            YearFormula::Mean(cs) => format!("=AVERAGE({})", refs(cs)),
        }
    }
    /// What a spreadsheet computes from the written numbers (`None` when a cell is not one).
    fn value(&self, numbers: &HashMap<(u32, u32), f64>) -> Option<f64> {
        let values: Option<Vec<f64>> = self
            .cells()
            .iter()
            .map(|c| numbers.get(&(c.row, c.col)).copied())
            .collect();
        let values = values?;
        match self {
            YearFormula::Cell(_) => values.first().copied(),
            YearFormula::Sum(_) => Some(values.iter().sum()),
            YearFormula::Mean(_) => Some(values.iter().sum::<f64>() / values.len() as f64),
        }
    }
}

/// A goal's actual so far as a formula over its own cells, as [`crate::rollup`] reads it: the
/// actual cell, else the actual quarters combined by the goal's kind (sum adds, level takes
/// the last, ratio the mean).
fn actual_formula(goal: &Goal) -> Option<YearFormula> {
    let finite = |n: &crate::model::Num| n.value.is_some_and(f64::is_finite);
    if finite(&goal.actual) {
        return goal.actual.cell.map(YearFormula::Cell);
    }
    let quarters: Vec<CellPos> = goal
        .actual_quarters
        .iter()
        .filter(|q| finite(q))
        .filter_map(|q| q.cell)
        .collect();
    let last = *quarters.last()?;
    Some(match goal.aggregation {
        Aggregation::Sum => YearFormula::Sum(quarters),
        Aggregation::Level => YearFormula::Cell(last),
        Aggregation::Ratio => YearFormula::Mean(quarters),
    })
}

/// Whether an action's goal-id cell matches a goal's id, as SUMIFS compares them.
type IdMatch = Box<dyn Fn(&CellValue) -> bool>;

/// Where the planned action budgets are: the action sheet's goal-id and budget ranges.
struct PlannedFormula<'a> {
    ids: String,
    budgets: String,
    /// The action sheet as read (its goal-id cells, as SUMIFS compares them).
    actions: &'a Sheet,
}

impl<'a> PlannedFormula<'a> {
    fn new(ctx: &'a Ctx) -> Option<PlannedFormula<'a>> {
        use crate::model::ActionField;
        let actions = ctx.plan.actions.as_ref()?;
        let name = ctx.names.original(ctx.grid, &actions.sheet)?;
        let sheet = ctx.grid.sheets.iter().find(|s| s.name == actions.sheet)?;
        let id_col = *actions.columns.get(&ActionField::GoalId)?;
        let budget_col = *actions.columns.get(&ActionField::Budget)?;
        let first = actions.header_rows.last().map_or(0, |h| h + 1);
        let last = actions.actions.iter().map(|a| a.row).max()?.max(first);
        if last >= MAX_ROWS || id_col >= super::MAX_COLS || budget_col >= super::MAX_COLS {
            return None;
        }
        let range = |c: u32| {
            format!(
                "{}!{}:{}",
                super::quote_sheet(name),
                super::abs_ref(first, c),
                super::abs_ref(last, c)
            )
        };
        Some(PlannedFormula {
            ids: range(id_col),
            budgets: range(budget_col),
            actions: sheet,
        })
    }
    /// A goal's planned budget: the formula and what it gives, the budgets of the actions
    /// whose goal-id cell equals the goal's id as SUMIFS compares them — a text id exactly
    /// (ignoring case; the criterion escapes wildcards), a numeric id the equal numbers.
    /// `None` for a goal without an id, or with a text id a criterion would read as a number,
    /// date or boolean.
    fn of(this: &Option<Self>, ctx: &Ctx, sheet: &Sheet, goal: &Goal) -> Option<(String, f64)> {
        let this = this.as_ref()?;
        let id = goal.id.cell?;
        let actions = ctx.plan.actions.as_ref()?;
        let (criterion, matches): (String, IdMatch) = match sheet.raw(id.row, id.col) {
            CellValue::Number(n) => {
                let n = *n;
                (
                    id.a1(),
                    Box::new(move |c| matches!(c, CellValue::Number(x) if *x == n)),
                )
            }
            CellValue::String(t) if !t.trim().is_empty() => {
                let lower = t.to_lowercase();
                let guarded = super::helper_columns::guard_key(t.clone());
                if guarded != *t {
                    return None;
                }
                let criterion = super::helper_columns::exact_criterion(t);
                (
                    super::helper_columns::literal(&criterion),
                    Box::new(
                        move |c| matches!(c, CellValue::String(x) if x.to_lowercase() == lower),
                    ),
                )
            }
            _ => return None,
        };
        let value: f64 = actions
            .actions
            .iter()
            .filter(|a| {
                a.goal_id
                    .cell
                    .is_some_and(|c| matches(this.actions.raw(c.row, c.col)))
            })
            .filter(|a| a.budget.cell.is_some())
            .filter_map(|a| a.budget.value.filter(|x| x.is_finite()))
            .sum();
        Some((
            format!("=SUMIFS({},{},{criterion})", this.budgets, this.ids),
            crate::rollup::tidy(value),
        ))
    }
}

/// The numeric cells written in some columns, as the rollup formulas will read them.
pub(crate) struct Tracked {
    pub map: HashMap<(u32, u32), f64>,
    /// Formula cells written with no result (their value is unknown).
    pub unknown: HashSet<(u32, u32)>,
    cols: Vec<u32>,
}

impl Tracked {
    fn new(cols: Vec<u32>) -> Self {
        Tracked {
            map: HashMap::new(),
            unknown: HashSet::new(),
            cols,
        }
    }
    fn note(&mut self, r: u32, c: u32, v: f64) {
        if self.cols.contains(&c) {
            self.map.insert((r, c), v);
        }
    }
    fn note_unknown(&mut self, r: u32, c: u32) {
        if self.cols.contains(&c) {
            self.unknown.insert((r, c));
        }
    }
}

/// Days since Excel's epoch (1899-12-30) for a date.
fn excel_serial(d: NaiveDate) -> f64 {
    let epoch = NaiveDate::from_ymd_opt(1899, 12, 30).unwrap_or_default();
    (d - epoch).num_days() as f64
}

fn excel_date(d: NaiveDate) -> Option<rust_xlsxwriter::ExcelDateTime> {
    use chrono::Datelike;
    let year = u16::try_from(d.year())
        .ok()
        .filter(|y| (1900..=9999).contains(y))?;
    rust_xlsxwriter::ExcelDateTime::from_ymd(year, d.month() as u8, d.day() as u8).ok()
}

const ERROR_VALUES: [&str; 7] = [
    "#DIV/0!", "#N/A", "#NAME?", "#NULL!", "#NUM!", "#REF!", "#VALUE!",
];

/// The note text of a cell's findings: `error M005: message` then `→ hint`.
fn note_text(findings: &[&Finding], lang: crate::model::Lang) -> String {
    findings
        .iter()
        .map(|f| {
            let mut s = format!(
                "{} {}: {}",
                severity_word(f.severity, lang),
                f.rule,
                f.message
            );
            if !f.hint.is_empty() {
                s.push_str("\n→ ");
                s.push_str(&f.hint);
            }
            s
        })
        .collect::<Vec<_>>()
        .join("\n\n")
}

fn worst(findings: &[&Finding]) -> Option<Severity> {
    findings.iter().map(|f| f.severity).min()
}

/// Re-write every sheet of the original the plan uses, in the original's order.
pub(crate) fn write_all(ctx: &Ctx, limits: &mut Limits) -> Result<Vec<PlanSheet>, XlsxError> {
    let mut out = Vec::new();
    for (i, name) in &ctx.names.originals {
        let sheet = &ctx.grid.sheets[*i];
        let plan = ctx.plan;
        let is_goal = sheet.name == plan.sheet;
        let plans = if is_goal {
            goal_sheet_plans(plan, sheet)
        } else if let Some(a) = plan.actions.as_ref().filter(|a| a.sheet == sheet.name) {
            action_sheet_plans(a, sheet)
        } else if let Some(b) = plan.budget.as_ref().filter(|b| b.sheet == sheet.name) {
            budget_sheet_plans(b, sheet)
        } else {
            Plans::default()
        };
        out.push(write_sheet(ctx, sheet, name, &plans, is_goal, limits)?);
    }
    Ok(out)
}

#[allow(clippy::too_many_arguments)]
fn write_sheet(
    ctx: &Ctx,
    sheet: &Sheet,
    name: &str,
    plans: &Plans,
    is_goal: bool,
    limits: &mut Limits,
) -> Result<PlanSheet, XlsxError> {
    let mut ws = Worksheet::new();
    ws.set_name(name)?;
    ws.set_default_note_author("goalsheet");
    // A formula whose result is unknown (the original stored none and goalsheet could not
    // compute it) is written with an empty result, not rust_xlsxwriter's default 0: reading
    // the copy back finds it unknown again, never a quarter of 0.
    ws.set_formula_result_default("");
    let plan = ctx.plan;
    // The used width: cells, the plan's columns, and merges from the header down (a title
    // merged across more columns above the header does not push the appended columns out).
    let first_header = plans.header_rows.first().copied().unwrap_or(0);
    let width = sheet
        .width()
        .max(plan.columns.values().map(|c| c + 1).max().unwrap_or(0) * u32::from(is_goal))
        .max(
            sheet
                .merges
                .iter()
                .filter(|m| m.last_row >= first_header)
                .map(|m| m.last_col + 1)
                .max()
                .unwrap_or(0),
        )
        .min(super::MAX_COLS);
    let height = sheet.height();
    if height > MAX_ROWS {
        limits.cut_rows += (height - MAX_ROWS) as usize;
    }
    let height = height.min(MAX_ROWS);

    // Findings by cell; those on a covered merged cell go to the merge's anchor.
    let goal_row: HashMap<Key, u32> = if is_goal {
        plan.goals
            .iter()
            .filter_map(|g| Some((g.id.key()?, g.row)))
            .collect()
    } else {
        HashMap::new()
    };
    let mut by_cell: CellFindings = findings_by_cell(ctx.findings, &sheet.name, width, &goal_row);
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

    let mut formats = Formats::new(styled(sheet));
    let mut widths = Widths::default();
    // Only the columns the rollup formulas read (target, quarters) are remembered.
    let mut numbers = Tracked::new(if is_goal {
        [
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
            Field::Budget,
        ]
        .iter()
        .filter_map(|f| plan.columns.get(f).copied())
        .collect()
    } else {
        Vec::new()
    });
    let header: HashSet<u32> = plans.header_rows.iter().copied().collect();

    // Merges: valid (more than one cell), inside the grid, not overlapping.
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

    // Column widths follow the header and the table's rows: a title or a note above or below
    // it, or a merge across columns, would otherwise widen its first column to the text.
    let first_header = plans.header_rows.first().copied().unwrap_or(0);
    let table_rows: Option<HashSet<u32>> = is_goal.then(|| {
        plan.goals
            .iter()
            .flat_map(|g| g.rows.iter().copied())
            .chain(plan.totals.iter().map(|t| t.row))
            .chain(plans.header_rows.iter().copied())
            .collect()
    });
    let measured = |r: u32, c: u32| {
        let in_table = match &table_rows {
            Some(rows) => rows.contains(&r),
            None => r >= first_header,
        };
        let spans_columns = merge_at.get(&(r, c)).is_some_and(|&(_, lc)| lc > c);
        in_table && !spans_columns
    };
    let mut unmeasured = Widths::default();
    // A cell of the grid's stored rows is written by the loop below.
    let stored = |r: u32, c: u32| {
        r < height
            && sheet
                .rows
                .get(r as usize)
                .is_some_and(|row| (c as usize) < row.len())
    };
    for r in 0..height {
        let row_len = sheet.rows.get(r as usize).map_or(0, |v| v.len() as u32);
        for c in 0..row_len {
            if sheet.merged_from(r, c).is_some() && !merge_at.contains_key(&(r, c)) {
                // A covered cell of a merge: the merge writes it.
                if taken.contains(&(r, c)) {
                    continue;
                }
            }
            let Some(col) = col16(c) else {
                limits.cut_rows += 1;
                break;
            };
            let found = by_cell.get(&(r, c));
            let fill = found.and_then(|f| worst(f));
            write_cell(
                &mut ws,
                sheet,
                (r, c, col),
                plans,
                fill,
                header.contains(&r),
                &merge_at,
                &ctx.formulas,
                &mut formats,
                &mut numbers,
                if measured(r, c) {
                    &mut widths
                } else {
                    &mut unmeasured
                },
                limits,
            )?;
        }
    }
    // Merges anchored at cells beyond a row's stored length, and finding cells never written
    // (blank cells of the grid).
    for (&(r, c), &(lr, lc)) in &merge_at {
        if !stored(r, c)
            && let (Some(c16), Some(lc16)) = (col16(c), col16(lc))
        {
            let fill = by_cell.get(&(r, c)).and_then(|f| worst(f));
            let key = blank_key(sheet, r, c, fill, header.contains(&r));
            ws.merge_range(r, c16, lr, lc16, "", formats.get(key))?;
        }
    }
    for (&(r, c), list) in &by_cell {
        if r >= MAX_ROWS {
            continue;
        }
        let Some(col) = col16(c) else { continue };
        if !stored(r, c) && !taken.contains(&(r, c)) && !merge_at.contains_key(&(r, c)) {
            let key = blank_key(sheet, r, c, worst(list), header.contains(&r));
            ws.write_blank(r, col, formats.get(key))?;
        }
        let text = limits.cell_text(&note_text(list, ctx.lang));
        ws.insert_note(r, col, &super::cell_style::sized_note(text))?;
    }

    let last_header = plans.header_rows.last().copied();
    let last_row = height.saturating_sub(1);
    let mut last_col = width.saturating_sub(1);

    let goal = if is_goal {
        let mut info = append_goal_columns(
            ctx,
            &mut ws,
            sheet,
            name,
            width,
            &mut formats,
            &mut widths,
            &mut numbers,
            limits,
        )?;
        info.numbers = numbers.map;
        info.unknown = numbers.unknown;
        last_col = width + 1; // SMART, Score
        Some(info)
    } else {
        None
    };

    match &sheet.look {
        // The original's widths, each widened where a number would not fit.
        Some(look) => widths.apply_own(&mut ws, look, width)?,
        None => widths.apply(&mut ws)?,
    }
    if let Some(look) = &sheet.look {
        for (&r, &h) in &look.row_heights {
            if r < height {
                ws.set_row_height(r, h)?;
            }
        }
    }
    if let Some(g) = &goal {
        for c in [
            g.leaf_col,
            g.owner_col,
            g.channel_col,
            g.metric_col,
            g.metric_name_col,
            g.year_col,
            g.actual_col,
            g.budget_flag_col,
            g.planned_col,
        ]
        .into_iter()
        .chain(g.quarter_col)
        .chain(g.folded_cols.into_iter().flatten())
        {
            if let Some(c) = col16(c) {
                ws.set_column_hidden(c)?;
            }
        }
    }
    if let Some(h) = last_header {
        if h + 1 < MAX_ROWS {
            ws.set_freeze_panes(h + 1, 0)?;
        }
        if let Some(lc) = col16(last_col) {
            ws.autofilter(h, 0, last_row.max(h), lc)?;
        }
    }
    Ok(PlanSheet {
        worksheet: ws,
        goal,
    })
}

#[allow(clippy::too_many_arguments)]
fn write_cell(
    ws: &mut Worksheet,
    sheet: &Sheet,
    (r, c, col): (u32, u32, u16),
    plans: &Plans,
    fill: Option<Severity>,
    is_header: bool,
    merge_at: &BTreeMap<(u32, u32), (u32, u32)>,
    scope: &super::FormulaScope,
    formats: &mut Formats,
    numbers: &mut Tracked,
    widths: &mut Widths,
    limits: &mut Limits,
) -> Result<(), XlsxError> {
    let raw = sheet.raw(r, c);
    let column_fmt = plans.column_fmt.get(&c).copied();
    let over = plans.overrides.get(&(r, c));
    let key = FmtKey {
        style: styled(sheet).map(|l| l.style_index(r, c)),
        num: chosen_format(sheet, over, raw, column_fmt),
        fill,
        header: is_header && styled(sheet).is_none(),
    };
    if let Some(&(lr, lc)) = merge_at.get(&(r, c))
        && let Some(lc16) = col16(lc)
    {
        ws.merge_range(r, col, lr, lc16, "", formats.get(key))?;
    }
    // The original's formula in Excel's syntax, `Some(None)` when it cannot be kept.
    let formula: Option<Option<String>> = sheet
        .formulas
        .get(&(r, c))
        .map(|f| excel_formula(f).filter(|f| scope.keeps(f)));
    // The common case, fast: a plain text or number cell with nothing to add.
    let plain = key.is_plain();
    if plain
        && formula.is_none()
        && !merge_at.contains_key(&(r, c))
        && let Some(Override::Number(v, _)) = over
    {
        numbers.note(r, c, *v);
        widths.number_lazy(r, c, *v, "General", 1.0);
        ws.write_number(r, col, *v)?;
        return Ok(());
    }
    if plain && over.is_none() && formula.is_none() && !merge_at.contains_key(&(r, c)) {
        match raw {
            CellValue::String(s) => {
                let text = limits.cell_text(s);
                widths.see_lazy(r, c, || text.to_string());
                ws.write_string(r, col, text)?;
                return Ok(());
            }
            CellValue::Number(x) => {
                numbers.note(r, c, *x);
                widths.number_lazy(r, c, *x, "General", 1.0);
                ws.write_number(r, col, *x)?;
                return Ok(());
            }
            CellValue::Empty => return Ok(()),
            _ => {}
        }
    }
    // How this cell's numbers show: its format code and its font's scale.
    let (code, scale) = (formats.code(key), formats.font_scale(key));
    let format = formats.get(key);
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
            CellValue::Number(x) => widths.number_lazy(r, c, *x, &code, scale),
            CellValue::Date(d) => widths.number_lazy(r, c, excel_serial(*d), &code, scale),
            other => widths.see_lazy(r, c, || other.display()),
        }
        let formula = Formula::new(format!("={f}")).set_result(result);
        ws.write_formula_with_format(r, col, formula, format)?;
        return Ok(());
    }
    if formula.is_some() {
        limits.formulas_as_values += 1;
    }
    if let Some(o) = over {
        match o {
            Override::Number(v, _) => {
                numbers.note(r, c, *v);
                widths.number_lazy(r, c, *v, &code, scale);
                ws.write_number_with_format(r, col, *v, format)?;
            }
            Override::Date(d) => match excel_date(*d) {
                Some(dt) => {
                    numbers.note(r, c, excel_serial(*d));
                    widths.number_lazy(r, c, excel_serial(*d), &code, scale);
                    ws.write_datetime_with_format(r, col, &dt, format)?;
                }
                None => {
                    let text = limits.cell_text(&raw.display());
                    ws.write_string_with_format(r, col, text, format)?;
                }
            },
            Override::Text(t) => {
                let text = limits.cell_text(t);
                widths.see_lazy(r, c, || text.to_string());
                ws.write_string_with_format(r, col, text, format)?;
            }
        }
        return Ok(());
    }
    match raw {
        CellValue::Empty => {
            if fill.is_some() || is_header {
                ws.write_blank(r, col, format)?;
            }
        }
        CellValue::String(s) => {
            let text = limits.cell_text(s);
            widths.see_lazy(r, c, || text.to_string());
            ws.write_string_with_format(r, col, text, format)?;
        }
        CellValue::Number(x) => {
            numbers.note(r, c, *x);
            widths.number_lazy(r, c, *x, &code, scale);
            ws.write_number_with_format(r, col, *x, format)?;
        }
        CellValue::Bool(b) => {
            ws.write_boolean_with_format(r, col, *b, format)?;
        }
        CellValue::Date(d) => match excel_date(*d) {
            Some(dt) => {
                numbers.note(r, c, excel_serial(*d));
                widths.number_lazy(r, c, excel_serial(*d), &code, scale);
                ws.write_datetime_with_format(r, col, &dt, format)?;
            }
            None => {
                ws.write_string_with_format(r, col, limits.cell_text(&raw.display()), format)?;
            }
        },
        CellValue::Error(e) => {
            if ERROR_VALUES.contains(&e.as_str()) {
                // An error value without its formula: a formula that yields it.
                let formula = Formula::new(format!("={e}")).set_result(e.clone());
                ws.write_formula_with_format(r, col, formula, format)?;
            } else {
                ws.write_string_with_format(r, col, limits.cell_text(e), format)?;
            }
        }
    }
    Ok(())
}

/// SMART marks per goal: a letter fails when the goal's rows carry an error or warning of
/// it (a finding without a cell counts for the goal it names). One pass over the findings.
pub(crate) fn smart_passes(plan: &Plan, findings: &[Finding]) -> Vec<[bool; 5]> {
    let mut by_row: HashMap<u32, usize> = HashMap::new();
    let mut by_id: HashMap<Key, usize> = HashMap::new();
    for (i, g) in plan.goals.iter().enumerate() {
        for &r in &g.rows {
            by_row.entry(r).or_insert(i);
        }
        if let Some(id) = g.id.key() {
            by_id.entry(id).or_insert(i);
        }
    }
    let mut pass = vec![[true; 5]; plan.goals.len()];
    for f in findings {
        if f.severity == Severity::Info {
            continue;
        }
        let Some(letter) = Letter::SMART.iter().position(|l| *l == f.letter) else {
            continue;
        };
        let goal = match f.cell {
            Some(c) if f.sheet == plan.sheet => by_row.get(&c.row).copied(),
            Some(_) => None,
            None => f
                .goal
                .as_deref()
                .and_then(|id| by_id.get(&Key::new(id)).copied()),
        };
        if let Some(i) = goal {
            pass[i][letter] = false;
        }
    }
    pass
}

/// `S✓ M✗ A✓ R✓ T✓`
pub(crate) fn smart_text(pass: &[bool; 5]) -> String {
    Letter::SMART
        .iter()
        .zip(pass)
        .map(|(l, ok)| format!("{}{}", l.as_char(), if *ok { '✓' } else { '✗' }))
        .collect::<Vec<_>>()
        .join(" ")
}

#[allow(clippy::too_many_arguments)]
fn append_goal_columns(
    ctx: &Ctx,
    ws: &mut Worksheet,
    sheet: &Sheet,
    name: &str,
    width: u32,
    formats: &mut Formats,
    widths: &mut Widths,
    numbers: &mut Tracked,
    limits: &mut Limits,
) -> Result<GoalSheetInfo, XlsxError> {
    let plan = ctx.plan;
    let smart_col = width;
    let score_col = width + 1;
    let leaf_col = width + 2;
    let owner_col = width + 3;
    let channel_col = width + 4;
    let metric_col = width + 5;
    let year_col = width + 6;
    let metric_name_col = width + 7;
    let long = plan.layout == crate::model::LayoutKind::Long;
    let quarter_col = long.then_some(width + 8);
    // After the folded-quarter helpers (width + 9 ..= width + 12).
    let next = width + 13;
    let (actual_col, budget_flag_col, planned_col) = (next, next + 1, next + 2);
    let planned = PlannedFormula::new(ctx);
    let header_row = plan.header_rows.last().copied().unwrap_or(0);
    // The appended headers look like the plan's own last header cell.
    let header_fmt = formats
        .get(blank_key(
            sheet,
            header_row,
            width.saturating_sub(1),
            None,
            true,
        ))
        .clone();
    let mut heads = vec![
        (smart_col, ctx.text(Text::Smart)),
        (score_col, ctx.text(Text::Score)),
        (leaf_col, HELPER_LEAF),
        (owner_col, HELPER_OWNER),
        (channel_col, HELPER_CHANNEL),
        (metric_col, HELPER_METRIC),
        (year_col, HELPER_YEAR),
        (metric_name_col, HELPER_METRIC_NAME),
        (actual_col, HELPER_ACTUAL),
        (budget_flag_col, HELPER_BUDGET),
        (planned_col, HELPER_PLANNED),
    ];
    if let Some(q) = quarter_col {
        heads.push((q, HELPER_QUARTER));
    }
    let folded_cols: [Option<u32>; 4] = [0, 1, 2, 3].map(|q| {
        let folded = plan.goals.iter().any(|g| g.folded_quarters[q]);
        (folded && !plan.has_column(Field::QUARTERS[q])).then_some(width + 9 + q as u32)
    });
    for (q, c) in folded_cols.iter().enumerate() {
        if let Some(c) = c {
            heads.push((*c, HELPER_FOLDED[q]));
        }
    }
    for (c, text) in &heads {
        if let Some(col) = col16(*c) {
            ws.write_string_with_format(header_row, col, *text, &header_fmt)?;
        }
    }
    // Blank header cells above, so a two-row header keeps its shape.
    for &r in &plan.header_rows {
        if r != header_row {
            for (c, _) in &heads {
                if let Some(col) = col16(*c) {
                    ws.write_blank(r, col, &header_fmt)?;
                }
            }
        }
    }
    widths.see(smart_col, "S✓ M✓ A✓ R✓ T✓");
    widths.see(score_col, ctx.text(Text::Score));

    let rolled = rolled_up_goals(ctx);
    let passes = smart_passes(plan, ctx.findings);
    let mut rows = Vec::new();
    let center = Format::new().set_align(rust_xlsxwriter::FormatAlign::Center);
    let fail_fmt = Format::new().set_font_color(Color::RGB(0x9C0006));
    let pass_fmt = Format::new().set_font_color(Color::RGB(0x006100));
    let year_fmt = Format::new().set_num_format("General");
    for (i, g) in plan.goals.iter().enumerate() {
        let pass = passes[i];
        let text = smart_text(&pass);
        let score = pass.iter().filter(|p| **p).count() as f64;
        let smart_fmt = if pass.iter().any(|p| !p) {
            &fail_fmt
        } else {
            &pass_fmt
        };
        for &r in &g.rows {
            if let (true, Some(sc), Some(pc)) = (r < MAX_ROWS, col16(smart_col), col16(score_col)) {
                ws.write_string_with_format(r, sc, &text, smart_fmt)?;
                ws.write_number_with_format(r, pc, score, &center)?;
            }
        }
        let owner = ctx.keys.owner(&crate::rollup::GroupBy::Owner.key(g));
        let channel = ctx.keys.channel(&crate::rollup::GroupBy::Channel.key(g));
        let budget_row = g.budget.cell.map(|c| c.row);
        let counted = ctx
            .analysis
            .counted_budgets
            .get(i)
            .copied()
            .flatten()
            .is_some();
        for &r in g.rows.iter().filter(|&&r| r < MAX_ROWS) {
            if let Some(c) = col16(budget_flag_col) {
                let flag = counted && budget_row == Some(r);
                ws.write_number(r, c, if flag { 1.0 } else { 0.0 })?;
            }
        }
        if let (Some(&first), Some(pc)) = (g.rows.first(), col16(planned_col))
            && first < MAX_ROWS
            && let Some((text, value)) = PlannedFormula::of(&planned, ctx, sheet, g)
        {
            numbers.map.insert((first, planned_col), value);
            let f = Formula::new(text).set_result(super::result_text(value));
            ws.write_formula_with_format(first, pc, f, &year_fmt)?;
        }
        let Some(group) = rolled[i] else {
            // Not rolled up (no metric or value, or a parent whose children carry its metric):
            // only its keys, for the budget by owner and channel.
            for &r in g.rows.iter().filter(|&&r| r < MAX_ROWS) {
                if let Some(c) = col16(leaf_col) {
                    ws.write_number(r, c, 0.0)?;
                }
                for (c, v) in [(owner_col, &owner), (channel_col, &channel)] {
                    if let (Some(c), Some(v)) = (col16(c), v) {
                        ws.write_string(r, c, limits.cell_text(v))?;
                    }
                }
                rows.push(HelperRow {
                    row: r,
                    owner: owner.clone(),
                    channel: channel.clone(),
                    counted_budget: counted && budget_row == Some(r),
                    ..HelperRow::default()
                });
            }
            continue;
        };
        let mut quarter_of: HashMap<u32, u8> = HashMap::new();
        if long {
            if let Some(c) = g.target.cell {
                quarter_of.insert(c.row, 0);
            }
            for (q, n) in g.quarters.iter().enumerate() {
                if let Some(c) = n.cell {
                    quarter_of.insert(c.row, q as u8 + 1);
                }
            }
        }
        let metric = Some(metric_criterion_key(
            g.metric.text().unwrap_or_default(),
            g.unit.text().unwrap_or_default(),
        ));
        let metric_name = Some(metric_criterion_key(
            g.metric.text().unwrap_or_default(),
            "",
        ));
        for (k, &r) in g.rows.iter().enumerate() {
            if r >= MAX_ROWS {
                continue;
            }
            let helper = HelperRow {
                row: r,
                owner: owner.clone(),
                channel: channel.clone(),
                metric: metric.clone(),
                metric_name: metric_name.clone(),
                leaf: if k == 0 { 1 } else { 2 },
                quarter: quarter_of.get(&r).copied(),
                counted_budget: counted && budget_row == Some(r),
            };
            if let Some(c) = col16(leaf_col) {
                ws.write_number(r, c, f64::from(helper.leaf))?;
            }
            for (c, v) in [
                (owner_col, &helper.owner),
                (channel_col, &helper.channel),
                (metric_col, &helper.metric),
                (metric_name_col, &helper.metric_name),
            ] {
                if let (Some(c), Some(v)) = (col16(c), v) {
                    // A key over Excel's cell limit is cut like any text (and counted); the
                    // rollup writes such a key's totals as values, not criteria.
                    ws.write_string(r, c, limits.cell_text(v))?;
                }
            }
            if let (Some(qc), Some(q)) = (quarter_col.and_then(col16), helper.quarter) {
                ws.write_number(r, qc, f64::from(q))?;
            }
            if k == 0 {
                write_folded(ws, plan, g, r, &folded_cols, numbers, &year_fmt)?;
                // Quarters folded from months are read from their helper cells.
                let with_folded;
                let for_year = if g.folded_quarters.iter().any(|f| *f) {
                    with_folded = folded_in_helpers(g, r, &folded_cols);
                    &with_folded
                } else {
                    g
                };
                if let (Some(yc), Some(year)) = (col16(year_col), YearFormula::of(for_year, group))
                    && let Some(value) = year.value(&numbers.map)
                {
                    numbers.map.insert((r, year_col), value);
                    let f = Formula::new(year.text()).set_result(super::result_text(value));
                    ws.write_formula_with_format(r, yc, f, &year_fmt)?;
                }
            }
            if k == 0
                && let (Some(ac), Some(actual)) = (col16(actual_col), actual_formula(g))
                && let Some(value) = actual.value(&numbers.map)
            {
                numbers.map.insert((r, actual_col), value);
                let f = Formula::new(actual.text()).set_result(super::result_text(value));
                ws.write_formula_with_format(r, ac, f, &year_fmt)?;
            }
            rows.push(helper);
        }
    }
    let first_data_row = plan.header_rows.last().map_or(0, |h| h + 1);
    let last_row = rows
        .iter()
        .map(|h| h.row)
        .chain(std::iter::once(sheet.height().saturating_sub(1)))
        .max()
        .unwrap_or(first_data_row)
        .clamp(first_data_row, MAX_ROWS - 1);
    Ok(GoalSheetInfo {
        name: name.to_string(),
        first_data_row,
        last_row,
        numbers: HashMap::new(),
        unknown: HashSet::new(),
        leaf_col,
        owner_col,
        channel_col,
        metric_col,
        metric_name_col,
        year_col,
        quarter_col,
        folded_cols,
        actual_col,
        budget_flag_col,
        planned_col,
        baseline_col: plan.columns.get(&Field::Baseline).copied(),
        budget_col: plan.columns.get(&Field::Budget).copied(),
        rows,
    })
}

/// The goal with each folded quarter placed in its helper cell on row `row` (where
/// [`write_folded`] writes it), so the year formula can refer to it.
fn folded_in_helpers(
    g: &crate::model::Goal,
    row: u32,
    folded_cols: &[Option<u32>; 4],
) -> crate::model::Goal {
    let mut goal = g.clone();
    for (q, col) in folded_cols.iter().enumerate() {
        if let (Some(col), true) = (col, g.folded_quarters[q]) {
            goal.quarters[q].cell = Some(CellPos::new(row, *col));
        }
    }
    goal
}

/// A goal's quarters folded from its months, as formulas over the month cells on its first
/// row: a sum metric `=SUM(…)`, a level the quarter's last month, a ratio `=AVERAGE(…)`.
fn write_folded(
    ws: &mut Worksheet,
    plan: &Plan,
    g: &crate::model::Goal,
    row: u32,
    folded_cols: &[Option<u32>; 4],
    numbers: &mut Tracked,
    fmt: &Format,
) -> Result<(), XlsxError> {
    for (q, col) in folded_cols.iter().enumerate() {
        let (Some(col), Some(value), true) = (*col, g.quarters[q].value, g.folded_quarters[q])
        else {
            continue;
        };
        let cells: Vec<String> = crate::model::months_of_quarter(g, plan.fiscal, q)
            .iter()
            .filter(|(_, n)| n.value.is_some())
            .filter_map(|(_, n)| n.cell.map(|c| c.a1()))
            .collect();
        let Some(last) = cells.last() else {
            continue;
        };
        let text = match g.aggregation {
            crate::model::Aggregation::Sum => format!("=SUM({})", cells.join(",")),
            crate::model::Aggregation::Level => format!("={last}"),
            crate::model::Aggregation::Ratio => format!("=AVERAGE({})", cells.join(",")),
        };
        if let Some(c) = col16(col) {
            numbers.map.insert((row, col), value);
            let f = Formula::new(text).set_result(super::result_text(value));
            ws.write_formula_with_format(row, c, f, fmt)?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn smart_text_marks_failures() {
        assert_eq!(
            smart_text(&[true, false, true, true, true]),
            "S✓ M✗ A✓ R✓ T✓"
        );
    }
}
