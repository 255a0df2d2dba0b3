//! Hierarchy / 目标层级: the goal tree ([`crate::rollup::hierarchy_rollup`]), indented by depth,
//! each additive parent's target beside the sum of its same-metric children's and the gap, as
//! formulas over this sheet's target column.

use std::collections::HashMap;
use std::fmt::Write as _;

use rust_xlsxwriter::{Format, Formula, Worksheet, XlsxError};

use super::{Ctx, Limits, MAX_ROWS, Styles, Text, Widths, indented_text_width, result_text};
use crate::model::CellPos;
use crate::rollup::HierarchyRow;

const TARGET_COL: u16 = 5;
const SUM_COL: u16 = 6;
const GAP_COL: u16 = 7;
const FIRST_ROW: u32 = 2;
/// Beyond this many children a sum formula gets unwieldy; the value is written instead.
const MAX_REFS: usize = 800;

/// The goal tree's formats, each made once, remembered in the order the tree first uses them.
///
/// Decided before a cell is written so that a streamed tree can be written beside the plan
/// sheets: its formats are registered with the workbook first ([`TreeFormats::in_first_use`]),
/// and the numbering of the workbook's shared format table then never depends on which
/// thread got there first.
pub(crate) struct TreeFormats {
    note: Format,
    header: Format,
    /// Headers of number columns sit right, above their numbers.
    header_right: Format,
    /// Indented by depth (15 at most).
    indents: HashMap<usize, Format>,
    /// One number format per code (four at most), not one built per row.
    numbers: HashMap<&'static str, Format>,
    first_use: Vec<Format>,
}

impl TreeFormats {
    /// The formats the tree of `ctx` writes, from its rows as [`write`] will write them.
    pub(crate) fn of(ctx: &Ctx) -> TreeFormats {
        let (note, header) = (Styles::note(), Styles::header());
        let header_right = Styles::header().set_align(rust_xlsxwriter::FormatAlign::Right);
        let mut formats = TreeFormats {
            first_use: vec![note.clone(), header.clone(), header_right.clone()],
            note,
            header,
            header_right,
            indents: HashMap::new(),
            numbers: HashMap::new(),
        };
        let rows = shown_rows(ctx);
        let mut shown = vec![false; ctx.plan.goals.len()];
        for h in rows {
            if let Some(s) = shown.get_mut(h.goal) {
                *s = true;
            }
        }
        for h in rows {
            formats.indent(row_depth(h));
            // A row writes numbers when it has a target or children on the sheet to sum.
            let shown_child = h.children.iter().any(|&c| shown.get(c) == Some(&true));
            if h.target.is_some() || shown_child {
                formats.number(row_code(ctx, h));
            }
        }
        formats
    }

    /// Every format, in the order the tree first writes it.
    pub(crate) fn in_first_use(&self) -> impl Iterator<Item = &Format> {
        self.first_use.iter()
    }

    fn indent(&mut self, depth: usize) -> &Format {
        self.indents.entry(depth).or_insert_with(|| {
            let f = Format::new().set_indent(depth as u8);
            self.first_use.push(f.clone());
            f
        })
    }

    fn number(&mut self, code: &'static str) -> &Format {
        self.numbers.entry(code).or_insert_with(|| {
            let f = Format::new().set_num_format(code);
            self.first_use.push(f.clone());
            f
        })
    }
}

/// The tree's rows as written: no more than a sheet holds below the header.
fn shown_rows<'a>(ctx: &Ctx<'a>) -> &'a [HierarchyRow] {
    let tree = &ctx.analysis.hierarchy;
    &tree[..tree.len().min((MAX_ROWS - FIRST_ROW) as usize)]
}

/// How deep a row is indented.
fn row_depth(h: &HierarchyRow) -> usize {
    h.depth.min(15)
}

/// The number format of a row's target, sum and gap: the decimals the target needs.
fn row_code(ctx: &Ctx, h: &HierarchyRow) -> &'static str {
    if ctx.plan.goals.get(h.goal).is_some_and(|g| g.is_percent) {
        "0.0%"
    } else {
        Styles::number_code(h.target.unwrap_or(0.0))
    }
}

/// Write the goal tree into `ws` (rows in order, so `ws` may be a streamed worksheet) with
/// `formats` ([`TreeFormats::of`] the same `ctx`).
pub(crate) fn write(
    ctx: &Ctx,
    mut ws: Worksheet,
    mut formats: TreeFormats,
    limits: &mut Limits,
) -> Result<Worksheet, XlsxError> {
    ws.set_name(&ctx.names.hierarchy)?;
    let lang = ctx.lang;
    ws.write_string_with_format(
        0,
        0,
        lang.pick(
            "Goal tree: each parent's target beside the sum of its children's targets (additive metrics shared by the children) and the gap.",
            "目标层级：上级目标值与下级目标值合计（仅限下级与上级指标相同且可相加）及差额。",
        ),
        &formats.note,
    )?;
    let heads = [
        Text::Id,
        Text::Statement,
        Text::Metric,
        Text::Unit,
        Text::Owner,
        Text::Target,
        Text::ChildrenSum,
        Text::Gap,
    ];
    let mut widths = Widths::default();
    for (c, h) in heads.iter().enumerate() {
        let fmt = if c >= usize::from(TARGET_COL) {
            &formats.header_right
        } else {
            &formats.header
        };
        ws.write_string_with_format(FIRST_ROW - 1, c as u16, ctx.text(*h), fmt)?;
        widths.see(c as u32, ctx.text(*h));
    }
    // The tree, its depths and each additive parent's same-metric children come from the
    // rollup stage; the sums here are formulas over the targets written on this sheet.
    limits.cut_rows += ctx.analysis.hierarchy.len() - shown_rows(ctx).len();
    let tree = shown_rows(ctx);
    let plan = ctx.plan;
    // Each goal's row on this sheet and its target, by goal index (looked up for every child).
    let mut row_of: Vec<Option<u32>> = vec![None; plan.goals.len()];
    let mut target_of: Vec<Option<f64>> = vec![None; plan.goals.len()];
    for (k, h) in tree.iter().enumerate() {
        if let (Some(row), Some(target)) = (row_of.get_mut(h.goal), target_of.get_mut(h.goal)) {
            *row = Some(FIRST_ROW + k as u32);
            *target = h.target;
        }
    }
    let row_of = |goal: usize| row_of.get(goal).copied().flatten();
    let target_of = |goal: usize| target_of.get(goal).copied().flatten();
    // The target column's letters, for the sum formulas' references (`F12`).
    let target_letters = CellPos::column_letters(u32::from(TARGET_COL));
    let sum_letters = CellPos::column_letters(u32::from(SUM_COL));
    let mut refs = String::new();
    for (k, h) in tree.iter().enumerate() {
        crate::par::yield_at_row(k);
        let r = FIRST_ROW + k as u32;
        let g = &plan.goals[h.goal];
        let depth = row_depth(h);
        let id = h.id(plan);
        if !id.is_empty() {
            widths.see(0, &id);
            ws.write_string(r, 0, limits.own_text(id))?;
        }
        // Measured as written indented by two spaces a level.
        let statement = h.statement(plan);
        widths.see_width(1, indented_text_width(2 * depth, statement));
        ws.write_string_with_format(r, 1, limits.cell_text(statement), formats.indent(depth))?;
        for (c, t) in [(2u16, h.metric(plan)), (3, h.unit(plan))] {
            if !t.is_empty() {
                widths.see(u32::from(c), &t);
                ws.write_string(r, c, limits.own_text(t))?;
            }
        }
        if let Some(owner) = g.owner.shown() {
            widths.see(4, &owner);
            ws.write_string(r, 4, limits.own_text(owner))?;
        }
        // One format for the row's target, sum and gap.
        let code = row_code(ctx, h);
        let fmt = formats.number(code);
        if let Some(t) = h.target {
            widths.number(u32::from(TARGET_COL), t, code, 1.0);
            widths.number(u32::from(GAP_COL), t, code, 1.0);
            ws.write_number_with_format(r, TARGET_COL, t, fmt)?;
        }
        let kids = || h.children.iter().filter_map(|&c| Some((c, row_of(c)?)));
        if kids().next().is_none() {
            continue;
        }
        // What the sum formula computes from the targets written above (blank cells add 0).
        let sum: f64 = kids().filter_map(|(c, _)| target_of(c)).sum();
        widths.number(u32::from(SUM_COL), sum, code, 1.0);
        if let Some(t) = h.target {
            widths.number(u32::from(GAP_COL), t - sum, code, 1.0);
        }
        if kids().count() <= MAX_REFS {
            // `=SUM(F11,F12)`, built in one reused buffer.
            refs.clear();
            refs.push_str("=SUM(");
            for (i, (_, kr)) in kids().enumerate() {
                if i > 0 {
                    refs.push(',');
                }
                let _ = write!(refs, "{target_letters}{}", kr + 1);
            }
            refs.push(')');
            let f = Formula::new(&refs).set_result(result_text(sum));
            ws.write_formula_with_format(r, SUM_COL, f, fmt)?;
        } else {
            ws.write_number_with_format(r, SUM_COL, sum, fmt)?;
        }
        if let Some(t) = h.target {
            let f = Formula::new(format!("={target_letters}{n}-{sum_letters}{n}", n = r + 1))
                .set_result(result_text(t - sum));
            ws.write_formula_with_format(r, GAP_COL, f, fmt)?;
        }
    }
    for c in [TARGET_COL, SUM_COL, GAP_COL] {
        widths.see(u32::from(c), "000,000,000");
    }
    widths.apply(&mut ws)?;
    ws.set_freeze_panes(FIRST_ROW, 0)?;
    Ok(ws)
}
