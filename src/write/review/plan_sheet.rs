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
//!
//! What each cell becomes is worked out in [`super::plan_cells`] (and, for the appended
//! columns, [`super::goal_columns`]), in batches of rows, each while the batch before is
//! handed to the worksheet ([`super::prepared`]).

use std::cell::OnceCell;
use std::collections::{HashMap, HashSet};

use rust_xlsxwriter::{Worksheet, XlsxError};

use super::cell_style::Formats;
pub(crate) use super::formula_text::formula_refs_ok;
use super::goal_columns::{GoalColumns, goals_on_own_rows};
use super::helper_columns::{CellNumbers, GoalSheetInfo};
use super::plan_cells::{CellContext, Tally};
use super::plan_values::{Plans, action_sheet_plans, budget_sheet_plans, goal_sheet_plans, styled};
use super::prepared::{Writer, pipelined};
use super::{Ctx, Limits, MAX_ROWS, col16, findings_by_cell, severity_word};
use crate::model::{Field, Key};
use crate::read::Sheet;
use crate::rules::Finding;

/// One re-written sheet.
pub(crate) struct PlanSheet {
    pub worksheet: Worksheet,
    /// What the rollup sheets need to know about the goal sheet.
    pub goal: Option<GoalSheetInfo>,
}

/// The numeric cells written in some columns, as the rollup formulas will read them.
pub(crate) struct Tracked {
    pub map: CellNumbers,
    /// Formula cells written with no result (their value is unknown).
    pub unknown: HashSet<(u32, u32)>,
    cols: Vec<u32>,
}

impl Tracked {
    pub fn new(cols: Vec<u32>) -> Self {
        Tracked {
            map: CellNumbers::default(),
            unknown: HashSet::new(),
            cols,
        }
    }
    pub fn note(&mut self, r: u32, c: u32, v: f64) {
        if self.cols.contains(&c) {
            self.map.insert(r, c, v);
        }
    }
    pub fn note_unknown(&mut self, r: u32, c: u32) {
        if self.cols.contains(&c) {
            self.unknown.insert((r, c));
        }
    }
}

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

/// The goal sheet's columns the rollup formulas read (the numeric fields: target, quarters,
/// actuals, baseline, budget): the numbers written in them are remembered.
fn tracked_columns(plan: &crate::model::Plan) -> Vec<u32> {
    Field::NUMERIC
        .iter()
        .filter_map(|f| plan.columns.get(f).copied())
        .collect()
}

/// What each sheet of the original the plan uses is written with ([`write_all`]), in the
/// original's order: the goal sheet's numbers and dates as the plan read them, the action
/// and budget sheets' likewise, nothing for other sheets. Read from the plan alone, so it is
/// worked out while other work is done (the goal tree's formats and the findings sheet).
pub(crate) struct SheetPlans(Vec<Plans>);

impl SheetPlans {
    pub(crate) fn of(ctx: &Ctx) -> SheetPlans {
        let plan = ctx.plan;
        let plans_of = |sheet: &Sheet| {
            if sheet.name == plan.sheet {
                return goal_sheet_plans(plan, sheet);
            }
            if let Some(a) = plan.actions.as_ref().filter(|a| a.sheet == sheet.name) {
                return action_sheet_plans(a, sheet);
            }
            match plan.budget.as_ref().filter(|b| b.sheet == sheet.name) {
                Some(b) => budget_sheet_plans(b, sheet),
                None => Plans::default(),
            }
        };
        let sheets = ctx.names.originals.iter();
        SheetPlans(
            sheets
                .map(|(i, _)| plans_of(&ctx.grid.sheets[*i]))
                .collect(),
        )
    }
}

/// Re-write every sheet of the original the plan uses, in the original's order, with
/// `plans` ([`SheetPlans::of`] the same `ctx`).
///
/// `new_sheet(streamable)` gives each sheet's worksheet: with `true` it may be one that
/// writes each row out as the next begins (rust_xlsxwriter's low-memory mode), since every
/// sheet here is written row by row, in order — except a goal sheet whose goals span several
/// rows (long layout), whose appended formulas read cells below their own row. It answers
/// the worksheet and whether it is such a one.
pub(crate) fn write_all(
    ctx: &Ctx,
    plans: &SheetPlans,
    limits: &mut Limits,
    new_sheet: &mut dyn FnMut(bool) -> Result<(Worksheet, bool), XlsxError>,
) -> Result<Vec<PlanSheet>, XlsxError> {
    let mut out = Vec::new();
    let empty = Plans::default();
    for (k, (i, name)) in ctx.names.originals.iter().enumerate() {
        let sheet = &ctx.grid.sheets[*i];
        let plan = ctx.plan;
        let is_goal = sheet.name == plan.sheet;
        let sheet_plans = plans.0.get(k).unwrap_or(&empty);
        let inline = !is_goal || goals_on_own_rows(plan);
        let (ws, streamed) = new_sheet(inline)?;
        out.push(write_sheet(
            ctx,
            (ws, streamed),
            sheet,
            name,
            sheet_plans,
            is_goal,
            inline,
            limits,
        )?);
    }
    Ok(out)
}

#[allow(clippy::too_many_arguments)]
fn write_sheet<'a>(
    ctx: &'a Ctx<'a>,
    (mut ws, streamed): (Worksheet, bool),
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
    let by_cell = findings_by_cell(ctx.findings, &sheet.name, width, goal_row);
    let cells = CellContext::new(ctx, sheet, plans, (width, height), by_cell, is_goal);
    // Only the columns the rollup formulas read (target, quarters) are remembered.
    let mut tally = Tally::new(
        sheet,
        Tracked::new(if is_goal {
            tracked_columns(plan)
        } else {
            Vec::new()
        }),
    );
    // Row heights before the rows: a streamed sheet writes each row once, in order.
    if let Some(look) = &sheet.look {
        for (&r, &h) in &look.row_heights {
            if r < height {
                ws.set_row_height(r, h)?;
            }
        }
    }
    let mut goal_columns =
        is_goal.then(|| GoalColumns::new(ctx, sheet, name, width, &mut tally.widths));
    let end = [
        Some(height),
        cells.last_extra_row().map(|r| r + 1),
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
    // Rows are made ready (ours) while the rows before them are written (rust_xlsxwriter's).
    let formats = Formats::new(styled(sheet));
    let mut writer = match &goal_columns {
        Some(g) if streamed && sheet.merges.is_empty() => {
            Writer::streamed(formats, g.appended().filter_map(col16))
        }
        _ => Writer::new(formats),
    };
    let mut write = |prepared| writer.write(&mut ws, prepared);
    pipelined(
        0..end,
        |rows| {
            let appended = goal_columns.as_mut().filter(|_| inline);
            cells.rows(rows, &mut tally, appended)
        },
        &mut write,
    )?;
    if !inline && let Some(g) = goal_columns.as_mut() {
        // The goals' formulas read cells on rows below their first: every row's own cells
        // first, then the appended ones.
        pipelined(
            0..end,
            |rows| {
                let mut out = Vec::new();
                for r in rows {
                    g.prepare_row(&mut out, r, &mut tally.numbers, &mut tally.limits);
                }
                out
            },
            &mut write,
        )?;
    }
    writer.finish(&mut ws)?;
    let Tally {
        widths,
        numbers,
        limits: counted,
        ..
    } = tally;
    *limits = std::mem::take(limits).plus(counted);
    for (&(r, c), list) in &cells.by_cell {
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
        info.numbers = numbers.map.indexed();
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
