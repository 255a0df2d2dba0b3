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

use std::cell::OnceCell;
use std::collections::{BTreeMap, HashMap, HashSet};

use chrono::NaiveDate;
use rust_xlsxwriter::{Formula, Worksheet, XlsxError};

use super::cell_style::{FmtKey, Formats, NumFmt};
pub(crate) use super::formula_text::{excel_formula, formula_refs_ok};
use super::goal_columns::{GoalColumns, goals_on_own_rows};
use super::helper_columns::{CellNumbers, GoalSheetInfo};
use super::plan_values::{
    Override, Overrides, Plans, action_sheet_plans, blank_key, budget_sheet_plans, chosen_format,
    goal_sheet_plans, styled,
};
use super::{CellFindings, Ctx, Limits, MAX_ROWS, Widths, col16, findings_by_cell, severity_word};
use crate::model::{Field, Key};
use crate::read::{CellValue, Sheet};
use crate::rules::{Finding, Severity};

/// One re-written sheet.
pub(crate) struct PlanSheet {
    pub worksheet: Worksheet,
    /// What the rollup sheets need to know about the goal sheet.
    pub goal: Option<GoalSheetInfo>,
}

/// A cell written for no stored grid cell.
enum Extra {
    /// A merge anchored beyond its row's stored length: (column, as u16, last row, last
    /// column as u16).
    Merge(u32, u16, u32, u16),
    /// A finding's blank cell, with the worst severity there.
    Blank(u32, u16, Option<Severity>),
}

/// The numeric cells written in some columns, as the rollup formulas will read them.
pub(crate) struct Tracked {
    pub map: CellNumbers,
    /// Formula cells written with no result (their value is unknown).
    pub unknown: HashSet<(u32, u32)>,
    cols: Vec<u32>,
}

impl Tracked {
    fn new(cols: Vec<u32>) -> Self {
        Tracked {
            map: CellNumbers::default(),
            unknown: HashSet::new(),
            cols,
        }
    }
    fn note(&mut self, r: u32, c: u32, v: f64) {
        if self.cols.contains(&c) {
            self.map.insert(r, c, v);
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
///
/// `new_sheet(streamable)` gives each sheet's worksheet: with `true` it may be one that
/// writes each row out as the next begins (rust_xlsxwriter's low-memory mode), since every
/// sheet here is written row by row, in order — except a goal sheet whose goals span several
/// rows (long layout), whose appended formulas read cells below their own row.
pub(crate) fn write_all(
    ctx: &Ctx,
    limits: &mut Limits,
    new_sheet: &mut dyn FnMut(bool) -> Result<Worksheet, XlsxError>,
) -> Result<Vec<PlanSheet>, XlsxError> {
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
        let inline = !is_goal || goals_on_own_rows(plan);
        let ws = new_sheet(inline)?;
        out.push(write_sheet(
            ctx, ws, sheet, name, &plans, is_goal, inline, limits,
        )?);
    }
    Ok(out)
}

#[allow(clippy::too_many_arguments)]
fn write_sheet<'a>(
    ctx: &'a Ctx<'a>,
    mut ws: Worksheet,
    sheet: &'a Sheet,
    name: &str,
    plans: &Plans,
    is_goal: bool,
    inline: bool,
    limits: &mut Limits,
) -> Result<PlanSheet, XlsxError> {
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
    // A goal's row by its id (the last goal of an id), built only when a finding without a
    // cell needs it: keying every goal costs more than the rest of this.
    let goal_rows: OnceCell<HashMap<Key, u32>> = OnceCell::new();
    let goal_row = |id: &str| {
        if !is_goal {
            return None;
        }
        let rows = goal_rows.get_or_init(|| {
            plan.goals
                .iter()
                .filter_map(|g| Some((g.id.key()?, g.row)))
                .collect()
        });
        rows.get(&Key::new(id)).copied()
    };
    let mut by_cell: CellFindings = findings_by_cell(ctx.findings, &sheet.name, width, goal_row);
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
    // The chosen format of each column, by index: looked up for every cell.
    let column_fmts: Vec<Option<NumFmt>> = (0..width)
        .map(|c| plans.column_fmt.get(&c).copied())
        .collect();

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
    let in_table = |r: u32| match &table_rows {
        Some(rows) => rows.contains(&r),
        None => r >= first_header,
    };
    let spans_columns = |r: u32, c: u32| merge_at.get(&(r, c)).is_some_and(|&(_, lc)| lc > c);
    let mut unmeasured = Widths::default();
    // A cell of the grid's stored rows is written by the loop below.
    let stored = |r: u32, c: u32| {
        r < height
            && sheet
                .rows
                .get(r as usize)
                .is_some_and(|row| (c as usize) < row.len())
    };
    // Row heights before the rows: a streamed sheet writes each row once, in order.
    if let Some(look) = &sheet.look {
        for (&r, &h) in &look.row_heights {
            if r < height {
                ws.set_row_height(r, h)?;
            }
        }
    }
    // Cells of no stored grid cell: merges anchored beyond a row's stored length, and finding
    // cells never written (blank cells of the grid), by row.
    let mut extras: BTreeMap<u32, Vec<Extra>> = BTreeMap::new();
    for (&(r, c), &(lr, lc)) in &merge_at {
        if !stored(r, c)
            && let (Some(c16), Some(lc16)) = (col16(c), col16(lc))
        {
            extras
                .entry(r)
                .or_default()
                .push(Extra::Merge(c, c16, lr, lc16));
        }
    }
    for (&(r, c), list) in &by_cell {
        if r >= MAX_ROWS {
            continue;
        }
        let Some(col) = col16(c) else { continue };
        if !stored(r, c) && !taken.contains(&(r, c)) && !merge_at.contains_key(&(r, c)) {
            extras
                .entry(r)
                .or_default()
                .push(Extra::Blank(c, col, worst(list)));
        }
    }
    let mut goal_columns = if is_goal {
        Some(GoalColumns::new(
            ctx,
            sheet,
            name,
            width,
            &mut formats,
            &mut widths,
        ))
    } else {
        None
    };
    let end = [
        Some(height),
        extras.keys().next_back().map(|r| r + 1),
        goal_columns
            .as_ref()
            .and_then(GoalColumns::last_row)
            .map(|r| r + 1),
    ]
    .into_iter()
    .flatten()
    .max()
    .unwrap_or(0)
    .min(MAX_ROWS);
    for r in 0..end {
        let row_len = if r < height {
            sheet.rows.get(r as usize).map_or(0, |v| v.len() as u32)
        } else {
            0
        };
        // What holds for the whole row, looked up once: its overrides and its findings'
        // cells (most rows have none), instead of a map lookup per cell.
        let row_overrides = plans.overrides.row(r);
        let row_found: Vec<(u32, &Vec<&Finding>)> = by_cell
            .range((r, 0)..=(r, u32::MAX))
            .map(|(&(_, c), list)| (c, list))
            .collect();
        let (is_header, row_in_table) = (header.contains(&r), in_table(r));
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
            let fill = row_found
                .iter()
                .find(|(fc, _)| *fc == c)
                .and_then(|(_, f)| worst(f));
            write_cell(
                &mut ws,
                sheet,
                (r, c, col),
                column_fmts.get(c as usize).copied().flatten(),
                Overrides::in_row(row_overrides, c),
                fill,
                is_header,
                &merge_at,
                &ctx.formulas,
                &mut formats,
                &mut numbers,
                if row_in_table && !spans_columns(r, c) {
                    &mut widths
                } else {
                    &mut unmeasured
                },
                limits,
            )?;
        }
        for extra in extras.remove(&r).into_iter().flatten() {
            match extra {
                Extra::Merge(c, c16, lr, lc16) => {
                    let fill = by_cell.get(&(r, c)).and_then(|f| worst(f));
                    let key = blank_key(sheet, r, c, fill, header.contains(&r));
                    ws.merge_range(r, c16, lr, lc16, "", formats.get(key))?;
                }
                Extra::Blank(c, col, fill) => {
                    let key = blank_key(sheet, r, c, fill, header.contains(&r));
                    ws.write_blank(r, col, formats.get(key))?;
                }
            }
        }
        if inline && let Some(g) = goal_columns.as_mut() {
            g.write_row(&mut ws, r, &mut numbers, limits)?;
        }
    }
    if !inline && let Some(g) = goal_columns.as_mut() {
        // The goals' formulas read cells on rows below their first: every row's own cells
        // first, then the appended ones.
        for r in 0..end {
            g.write_row(&mut ws, r, &mut numbers, limits)?;
        }
    }
    for (&(r, c), list) in &by_cell {
        if r >= MAX_ROWS {
            continue;
        }
        let Some(col) = col16(c) else { continue };
        let text = limits.note_text(&note_text(list, ctx.lang));
        ws.insert_note(r, col, &super::cell_style::sized_note(text))?;
    }

    let last_header = plans.header_rows.last().copied();
    let last_row = height.saturating_sub(1);
    let mut last_col = width.saturating_sub(1);

    let goal = goal_columns.map(|g| {
        let mut info = g.finish();
        info.numbers = numbers.map;
        info.unknown = numbers.unknown;
        last_col = width + 1; // SMART, Score
        info
    });

    match &sheet.look {
        // The original's widths, each widened where a number would not fit.
        Some(look) => widths.apply_own(&mut ws, look, width)?,
        None => widths.apply(&mut ws)?,
    }
    if let Some(g) = &goal {
        for c in GoalColumns::hidden(g) {
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
    column_fmt: Option<NumFmt>,
    over: Option<&Override>,
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
    let (format, code, scale) = formats.shown(key);
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
                widths.number_lazy(r, c, *v, code, scale);
                ws.write_number_with_format(r, col, *v, format)?;
            }
            Override::Date(d) => match excel_date(*d) {
                Some(dt) => {
                    numbers.note(r, c, excel_serial(*d));
                    widths.number_lazy(r, c, excel_serial(*d), code, scale);
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
            widths.number_lazy(r, c, *x, code, scale);
            ws.write_number_with_format(r, col, *x, format)?;
        }
        CellValue::Bool(b) => {
            ws.write_boolean_with_format(r, col, *b, format)?;
        }
        CellValue::Date(d) => match excel_date(*d) {
            Some(dt) => {
                numbers.note(r, c, excel_serial(*d));
                widths.number_lazy(r, c, excel_serial(*d), code, scale);
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
