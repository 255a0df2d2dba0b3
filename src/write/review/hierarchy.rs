//! Hierarchy / 目标层级: the goal tree, indented by depth, each parent's target beside the sum
//! of its children's (for additive metrics the children share) and the gap, as formulas.

use std::collections::HashMap;

use rust_xlsxwriter::{Format, Formula, Worksheet, XlsxError};

use super::plan_sheet::metric_key;
use super::{Ctx, Limits, MAX_ROWS, Styles, Text, Widths, rel_ref, result_text};
use crate::model::Aggregation;

/// Goals in tree order (depth-first from the top-level goals, in sheet order), with depths.
/// Goals only reachable through a cycle start their own branch; nothing is visited twice.
pub(crate) fn tree_order(ctx: &Ctx) -> Vec<(usize, usize)> {
    let n = ctx.plan.goals.len();
    let mut visited = vec![false; n];
    let mut out = Vec::with_capacity(n);
    let roots: Vec<usize> = (0..n)
        .filter(|&i| ctx.tree.parent[i].is_none())
        .chain(0..n)
        .collect();
    for root in roots {
        if visited[root] {
            continue;
        }
        let mut stack = vec![(root, 0usize)];
        while let Some((i, depth)) = stack.pop() {
            if visited[i] {
                continue;
            }
            visited[i] = true;
            out.push((i, depth));
            for &c in ctx.tree.children[i].iter().rev() {
                if !visited[c] {
                    stack.push((c, depth + 1));
                }
            }
        }
    }
    out
}

const TARGET_COL: u16 = 5;
const SUM_COL: u16 = 6;
const GAP_COL: u16 = 7;
const FIRST_ROW: u32 = 2;
/// Beyond this many children a sum formula gets unwieldy; the value is written instead.
const MAX_REFS: usize = 1000;

pub(crate) fn write(ctx: &Ctx, limits: &mut Limits) -> Result<Worksheet, XlsxError> {
    let mut ws = Worksheet::new();
    ws.set_name(&ctx.names.hierarchy)?;
    let lang = ctx.lang;
    ws.write_string_with_format(
        0,
        0,
        lang.pick(
            "Goal tree: each parent's target beside the sum of its children's targets (additive metrics shared by the children) and the gap.",
            "目标层级：上级目标值与下级目标值合计（仅限下级与上级指标相同且可相加）及差额。",
        ),
        &Styles::note(),
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
    let header = Styles::header();
    let mut widths = Widths::default();
    for (c, h) in heads.iter().enumerate() {
        ws.write_string_with_format(FIRST_ROW - 1, c as u16, ctx.text(*h), &header)?;
        widths.see(c as u32, ctx.text(*h));
    }
    let order = tree_order(ctx);
    let max = (MAX_ROWS - FIRST_ROW) as usize;
    if order.len() > max {
        limits.cut_rows += order.len() - max;
    }
    let order = &order[..order.len().min(max)];
    let row_of: HashMap<usize, u32> = order
        .iter()
        .enumerate()
        .map(|(k, &(i, _))| (i, FIRST_ROW + k as u32))
        .collect();
    let plan = ctx.plan;
    let targets: Vec<Option<f64>> = plan.goals.iter().map(|g| g.annual_target()).collect();
    let mut indents: HashMap<usize, Format> = HashMap::new();
    for &(i, depth) in order {
        let Some(&r) = row_of.get(&i) else { continue };
        let g = &plan.goals[i];
        if let Some(id) = g.id_text() {
            widths.see(0, id);
            ws.write_string(r, 0, limits.cell_text(id))?;
        }
        let statement = g.statement().unwrap_or_default();
        let indent = indents
            .entry(depth.min(15))
            .or_insert_with(|| Format::new().set_indent(depth.min(15) as u8));
        widths.see(1, &format!("{}{statement}", "  ".repeat(depth.min(15))));
        ws.write_string_with_format(r, 1, limits.cell_text(statement), indent)?;
        for (c, t) in [
            (2u16, g.metric.text()),
            (3, g.unit.text()),
            (4, g.owner.text()),
        ] {
            if let Some(t) = t {
                widths.see(u32::from(c), t);
                ws.write_string(r, c, limits.cell_text(t))?;
            }
        }
        let fmt = if g.is_percent {
            Styles::percent()
        } else {
            Styles::number()
        };
        if let Some(t) = targets[i] {
            ws.write_number_with_format(r, TARGET_COL, t, &fmt)?;
        }
        // Children's sum: additive metric, children carrying the same metric.
        let key = metric_key(g).map(|k| k.to_lowercase());
        if g.aggregation != Aggregation::Sum || key.is_none() {
            continue;
        }
        let kids: Vec<usize> = ctx.tree.children[i]
            .iter()
            .copied()
            .filter(|&c| metric_key(&plan.goals[c]).map(|k| k.to_lowercase()) == key)
            .filter(|c| row_of.contains_key(c))
            .collect();
        if kids.is_empty() {
            continue;
        }
        let sum: f64 = kids.iter().filter_map(|&c| targets[c]).sum();
        if kids.len() <= MAX_REFS {
            let refs: Vec<String> = kids
                .iter()
                .filter_map(|c| row_of.get(c))
                .map(|&kr| rel_ref(kr, u32::from(TARGET_COL)))
                .collect();
            let f = Formula::new(format!("=SUM({})", refs.join(","))).set_result(result_text(sum));
            ws.write_formula_with_format(r, SUM_COL, f, &fmt)?;
        } else {
            ws.write_number_with_format(r, SUM_COL, sum, &fmt)?;
        }
        if let Some(t) = targets[i] {
            let f = Formula::new(format!(
                "={}-{}",
                rel_ref(r, u32::from(TARGET_COL)),
                rel_ref(r, u32::from(SUM_COL))
            ))
            .set_result(result_text(t - sum));
            ws.write_formula_with_format(r, GAP_COL, f, &fmt)?;
        }
    }
    for c in [TARGET_COL, SUM_COL, GAP_COL] {
        widths.see(u32::from(c), "000,000,000");
    }
    widths.apply(&mut ws)?;
    ws.set_freeze_panes(FIRST_ROW, 0)?;
    Ok(ws)
}
