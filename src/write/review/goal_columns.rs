//! The columns appended to the goal sheet: SMART and score for people, then the hidden
//! helper columns the rollup formulas read (see [`super::helper_columns`]), written row by
//! row so the goal sheet can be streamed: [`GoalColumns::prepare_row`] makes one sheet row's
//! appended cells ready, after the row's own cells (a goal's year and actual formulas carry the
//! results computed from those cells).

use rust_xlsxwriter::Formula;

use super::cell_style::FmtKey;
use super::helper_columns::{
    CellNumbers, GoalSheetInfo, HELPER_ACTUAL, HELPER_BUDGET, HELPER_CHANNEL, HELPER_FOLDED,
    HELPER_LEAF, HELPER_METRIC, HELPER_METRIC_NAME, HELPER_OWNER, HELPER_PLANNED, HELPER_QUARTER,
    HELPER_YEAR, HelperRow, metric_criterion_key, rolled_up_goals,
};
use super::plan_sheet::Tracked;
use super::plan_values::blank_key;
use super::prepared::{CellFmt, GoalFmt, PreparedCell, Value};
use super::{Ctx, Limits, MAX_ROWS, Text, Widths, col16};
use crate::model::{Aggregation, CellPos, Field, Goal, Hierarchy, Key, Plan};
use crate::read::{CellValue, Sheet};
use crate::rules::{Finding, Letter, Severity};

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
    fn value(&self, numbers: &CellNumbers) -> Option<f64> {
        let values: Option<Vec<f64>> = self
            .cells()
            .iter()
            .map(|c| numbers.get(c.row, c.col))
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

/// SMART marks per goal: a letter fails when the goal's rows carry an error or warning of
/// it (a finding without a cell counts for the goal it names). One pass over the findings.
pub(crate) fn smart_passes(plan: &Plan, tree: &Hierarchy, findings: &[Finding]) -> Vec<[bool; 5]> {
    let by_row = GoalRows::new(plan);
    let mut pass = vec![[true; 5]; plan.goals.len()];
    for f in findings {
        if f.severity == Severity::Info {
            continue;
        }
        let Some(letter) = Letter::SMART.iter().position(|l| *l == f.letter) else {
            continue;
        };
        let goal = match f.cell {
            Some(c) if f.sheet == plan.sheet => by_row.goal(c.row),
            Some(_) => None,
            None => f
                .goal
                .as_deref()
                .and_then(|id| tree.by_id.get(&Key::new(id)).copied()),
        };
        if let Some(i) = goal {
            pass[i][letter] = false;
        }
    }
    pass
}

/// The goal on each row of the goal sheet (the first goal listing the row), by row: one
/// vector indexed by row instead of a map looked up per finding.
pub(crate) struct GoalRows(Vec<Option<usize>>);

impl GoalRows {
    pub(crate) fn new(plan: &Plan) -> GoalRows {
        let height = plan
            .goals
            .iter()
            .flat_map(|g| g.rows.iter())
            .max()
            .map_or(0, |&r| r as usize + 1);
        let mut by_row = vec![None; height];
        for (i, g) in plan.goals.iter().enumerate() {
            for &r in &g.rows {
                if let Some(slot @ None) = by_row.get_mut(r as usize) {
                    *slot = Some(i);
                }
            }
        }
        GoalRows(by_row)
    }
    /// The goal on row `r`.
    pub(crate) fn goal(&self, r: u32) -> Option<usize> {
        self.0.get(r as usize).copied().flatten()
    }
}

/// `S✓ M✗ A✓ R✓ T✓` (written on every goal row: pushed, not formatted).
pub(crate) fn smart_text(pass: &[bool; 5]) -> String {
    let mut text = String::with_capacity(24);
    for (l, ok) in Letter::SMART.iter().zip(pass) {
        if !text.is_empty() {
            text.push(' ');
        }
        text.push(l.as_char());
        text.push(if *ok { '✓' } else { '✗' });
    }
    text
}

/// The appended columns of one goal sheet: where they go and what every row's cells need,
/// computed once.
pub(crate) struct GoalColumns<'a> {
    ctx: &'a Ctx<'a>,
    sheet: &'a Sheet,
    name: String,
    smart_col: u32,
    score_col: u32,
    leaf_col: u32,
    owner_col: u32,
    channel_col: u32,
    metric_col: u32,
    year_col: u32,
    metric_name_col: u32,
    quarter_col: Option<u32>,
    folded_cols: [Option<u32>; 4],
    actual_col: u32,
    budget_flag_col: u32,
    planned_col: u32,
    planned: Option<PlannedFormula<'a>>,
    header_row: u32,
    /// The appended headers look like the plan's own last header cell.
    header_fmt: FmtKey,
    heads: Vec<(u32, &'static str)>,
    /// Per goal: the aggregation its rollup group uses, `None` when not rolled up.
    rolled: Vec<Option<Aggregation>>,
    passes: Vec<[bool; 5]>,
    /// (row, goal, the row's place among the goal's rows), by row then goal.
    goal_rows: Vec<(u32, usize, usize)>,
    /// The next entry of `goal_rows` to write.
    next: usize,
    /// The helper rows written, with their goal and place, for [`GoalColumns::finish`].
    rows: Vec<(usize, usize, HelperRow)>,
    metric_keys: MetricKeys<'a>,
}

/// A goal's metric with its unit and its metric alone as the helper columns hold them
/// ([`metric_criterion_key`]), worked out once per spelling: a plan repeats a few metrics
/// over many goals, and each key normalises and lower-cases its text.
#[derive(Default)]
struct MetricKeys<'a>(foldhash::HashMap<(&'a str, &'a str), (String, String)>);

impl<'a> MetricKeys<'a> {
    fn of(&mut self, g: &'a Goal) -> (String, String) {
        let metric = g.metric.text().unwrap_or_default();
        let unit = g.unit.text().unwrap_or_default();
        self.0
            .entry((metric, unit))
            .or_insert_with(|| {
                (
                    metric_criterion_key(metric, unit),
                    metric_criterion_key(metric, ""),
                )
            })
            .clone()
    }
}

impl<'a> GoalColumns<'a> {
    /// The columns after the sheet's `width` used columns.
    pub(crate) fn new(
        ctx: &'a Ctx<'a>,
        sheet: &'a Sheet,
        name: &str,
        width: u32,
        widths: &mut Widths,
    ) -> Self {
        let plan = ctx.plan;
        let long = plan.layout == crate::model::LayoutKind::Long;
        // After the folded-quarter helpers (width + 9 ..= width + 12).
        let next = width + 13;
        let header_row = plan.header_rows.last().copied().unwrap_or(0);
        let header_fmt = blank_key(sheet, header_row, width.saturating_sub(1), None, true);
        let folded_cols: [Option<u32>; 4] = [0, 1, 2, 3].map(|q| {
            let folded = plan.goals.iter().any(|g| g.folded_quarters[q]);
            (folded && !plan.has_column(Field::QUARTERS[q])).then_some(width + 9 + q as u32)
        });
        let mut goal_rows: Vec<(u32, usize, usize)> = plan
            .goals
            .iter()
            .enumerate()
            .flat_map(|(i, g)| g.rows.iter().enumerate().map(move |(k, &r)| (r, i, k)))
            .filter(|&(r, _, _)| r < MAX_ROWS)
            .collect();
        goal_rows.sort_unstable();
        let mut columns = GoalColumns {
            ctx,
            sheet,
            name: name.to_string(),
            smart_col: width,
            score_col: width + 1,
            leaf_col: width + 2,
            owner_col: width + 3,
            channel_col: width + 4,
            metric_col: width + 5,
            year_col: width + 6,
            metric_name_col: width + 7,
            quarter_col: long.then_some(width + 8),
            folded_cols,
            actual_col: next,
            budget_flag_col: next + 1,
            planned_col: next + 2,
            planned: PlannedFormula::new(ctx),
            header_row,
            header_fmt,
            heads: Vec::new(),
            rolled: rolled_up_goals(ctx),
            passes: smart_passes(plan, ctx.tree, ctx.findings),
            goal_rows,
            next: 0,
            rows: Vec::new(),
            metric_keys: MetricKeys::default(),
        };
        let c = &columns;
        let mut heads = vec![
            (c.smart_col, ctx.text(Text::Smart)),
            (c.score_col, ctx.text(Text::Score)),
            (c.leaf_col, HELPER_LEAF),
            (c.owner_col, HELPER_OWNER),
            (c.channel_col, HELPER_CHANNEL),
            (c.metric_col, HELPER_METRIC),
            (c.year_col, HELPER_YEAR),
            (c.metric_name_col, HELPER_METRIC_NAME),
            (c.actual_col, HELPER_ACTUAL),
            (c.budget_flag_col, HELPER_BUDGET),
            (c.planned_col, HELPER_PLANNED),
        ];
        if let Some(q) = c.quarter_col {
            heads.push((q, HELPER_QUARTER));
        }
        for (q, col) in folded_cols.iter().enumerate() {
            if let Some(col) = col {
                heads.push((*col, HELPER_FOLDED[q]));
            }
        }
        widths.see(columns.smart_col, "S✓ M✓ A✓ R✓ T✓");
        widths.see(columns.score_col, ctx.text(Text::Score));
        columns.heads = heads;
        columns
    }

    /// The appended columns: the SMART marks and the score (given widths by the texts they
    /// hold) and the helpers ([`GoalColumns::hidden`]).
    pub(crate) fn appended(&self) -> impl Iterator<Item = u32> + '_ {
        self.heads.iter().map(|&(c, _)| c)
    }

    /// The rows the appended cells are on (header rows and goal rows), in order.
    pub(crate) fn last_row(&self) -> Option<u32> {
        let header = self.ctx.plan.header_rows.iter().copied().max();
        let goal = self.goal_rows.last().map(|&(r, _, _)| r);
        header.max(goal)
    }

    /// Row `r`'s appended cells, onto `out`: the headers on the header rows (blank header
    /// cells above the last, so a two-row header keeps its shape), a goal's marks and helpers
    /// on its rows. Rows are made ready in increasing order.
    pub(crate) fn prepare_row(
        &mut self,
        out: &mut Vec<PreparedCell>,
        r: u32,
        numbers: &mut Tracked,
        limits: &mut Limits,
    ) {
        if self.ctx.plan.header_rows.contains(&r) {
            for (c, text) in &self.heads {
                if let Some(col) = col16(*c) {
                    let value = if r == self.header_row {
                        Value::Text(text.to_string())
                    } else {
                        Value::Blank
                    };
                    out.push(cell(r, col, CellFmt::Key(self.header_fmt), value));
                }
            }
        }
        while let Some(&(row, i, k)) = self.goal_rows.get(self.next) {
            if row > r {
                break;
            }
            self.next += 1;
            if row == r {
                self.prepare_goal_row(out, (i, k, r), numbers, limits);
            }
        }
    }

    /// The cells of goal `i` on its `k`-th row `r`.
    fn prepare_goal_row(
        &mut self,
        out: &mut Vec<PreparedCell>,
        (i, k, r): (usize, usize, u32),
        numbers: &mut Tracked,
        limits: &mut Limits,
    ) {
        let (ctx, plan) = (self.ctx, self.ctx.plan);
        let Some(g) = plan.goals.get(i) else {
            return;
        };
        let pass = self.passes.get(i).copied().unwrap_or([true; 5]);
        let smart_fmt = if pass.iter().any(|p| !p) {
            GoalFmt::Fail
        } else {
            GoalFmt::Pass
        };
        let mut put = |c: u16, fmt: CellFmt, value: Value| out.push(cell(r, c, fmt, value));
        if let (Some(sc), Some(pc)) = (col16(self.smart_col), col16(self.score_col)) {
            let score = pass.iter().filter(|p| **p).count() as f64;
            put(sc, CellFmt::Goal(smart_fmt), Value::Text(smart_text(&pass)));
            put(pc, CellFmt::Goal(GoalFmt::Center), Value::Number(score));
        }
        let none = Key::default();
        let owner = ctx
            .keys
            .owner(ctx.analysis.owner_keys.get(i).unwrap_or(&none));
        let channel = ctx
            .keys
            .channel(ctx.analysis.channel_keys.get(i).unwrap_or(&none));
        let counted = ctx
            .analysis
            .counted_budgets
            .get(i)
            .copied()
            .flatten()
            .is_some();
        let counted_budget = counted && g.budget.cell.map(|c| c.row) == Some(r);
        if let Some(c) = col16(self.budget_flag_col) {
            put(
                c,
                CellFmt::None,
                Value::Number(if counted_budget { 1.0 } else { 0.0 }),
            );
        }
        if k == 0
            && let Some(pc) = col16(self.planned_col)
            && let Some((text, value)) = PlannedFormula::of(&self.planned, ctx, self.sheet, g)
        {
            numbers.map.insert(r, self.planned_col, value);
            let f = Formula::new(text).set_result(super::result_text(value));
            put(pc, CellFmt::Goal(GoalFmt::Number), Value::Formula(f));
        }
        let Some(group) = self.rolled.get(i).copied().flatten() else {
            // Not rolled up (no metric or value, or a parent whose children carry its metric):
            // only its keys, for the budget by owner and channel.
            if let Some(c) = col16(self.leaf_col) {
                put(c, CellFmt::None, Value::Number(0.0));
            }
            for (c, v) in [(self.owner_col, &owner), (self.channel_col, &channel)] {
                if let (Some(c), Some(v)) = (col16(c), v) {
                    put(c, CellFmt::None, Value::Text(limits.cell_text(v)));
                }
            }
            let helper = HelperRow {
                row: r,
                owner,
                channel,
                counted_budget,
                ..HelperRow::default()
            };
            self.rows.push((i, k, helper));
            return;
        };
        let quarter = if self.quarter_col.is_some() {
            quarter_of_row(g, r)
        } else {
            None
        };
        let (metric, metric_name) = self.metric_keys.of(g);
        let helper = HelperRow {
            row: r,
            owner,
            channel,
            metric: Some(metric),
            metric_name: Some(metric_name),
            leaf: if k == 0 { 1 } else { 2 },
            quarter,
            counted_budget,
        };
        if let Some(c) = col16(self.leaf_col) {
            put(c, CellFmt::None, Value::Number(f64::from(helper.leaf)));
        }
        for (c, v) in [
            (self.owner_col, &helper.owner),
            (self.channel_col, &helper.channel),
            (self.metric_col, &helper.metric),
            (self.metric_name_col, &helper.metric_name),
        ] {
            if let (Some(c), Some(v)) = (col16(c), v) {
                // A key over Excel's cell limit is cut like any text (and counted); the
                // rollup writes such a key's totals as values, not criteria.
                put(c, CellFmt::None, Value::Text(limits.cell_text(v)));
            }
        }
        if let (Some(qc), Some(q)) = (self.quarter_col.and_then(col16), helper.quarter) {
            put(qc, CellFmt::None, Value::Number(f64::from(q)));
        }
        if k == 0 {
            for (c, value, text) in folded(plan, g, &self.folded_cols) {
                if let Some(c16) = col16(c) {
                    numbers.map.insert(r, c, value);
                    let f = Formula::new(text).set_result(super::result_text(value));
                    put(c16, CellFmt::Goal(GoalFmt::Number), Value::Formula(f));
                }
            }
            // Quarters folded from months are read from their helper cells.
            let with_folded;
            let for_year = if g.folded_quarters.iter().any(|f| *f) {
                with_folded = folded_in_helpers(g, r, &self.folded_cols);
                &with_folded
            } else {
                g
            };
            if let (Some(yc), Some(year)) = (col16(self.year_col), YearFormula::of(for_year, group))
                && let Some(value) = year.value(&numbers.map)
            {
                numbers.map.insert(r, self.year_col, value);
                let f = Formula::new(year.text()).set_result(super::result_text(value));
                put(yc, CellFmt::Goal(GoalFmt::Number), Value::Formula(f));
            }
            if let (Some(ac), Some(actual)) = (col16(self.actual_col), actual_formula(g))
                && let Some(value) = actual.value(&numbers.map)
            {
                numbers.map.insert(r, self.actual_col, value);
                let f = Formula::new(actual.text()).set_result(super::result_text(value));
                put(ac, CellFmt::Goal(GoalFmt::Number), Value::Formula(f));
            }
        }
        self.rows.push((i, k, helper));
    }

    /// What the rollup sheets need to know of the written goal sheet (numbers and unknown
    /// cells are the caller's to add); helper rows by goal, then by the goal's rows.
    pub(crate) fn finish(mut self) -> GoalSheetInfo {
        let plan = self.ctx.plan;
        self.rows.sort_by_key(|&(i, k, _)| (i, k));
        let rows: Vec<HelperRow> = self.rows.into_iter().map(|(_, _, h)| h).collect();
        let first_data_row = plan.header_rows.last().map_or(0, |h| h + 1);
        let last_row = rows
            .iter()
            .map(|h| h.row)
            .chain(std::iter::once(self.sheet.height().saturating_sub(1)))
            .max()
            .unwrap_or(first_data_row)
            .clamp(first_data_row, MAX_ROWS - 1);
        GoalSheetInfo {
            name: self.name,
            first_data_row,
            last_row,
            numbers: CellNumbers::default(),
            unknown: Default::default(),
            leaf_col: self.leaf_col,
            owner_col: self.owner_col,
            channel_col: self.channel_col,
            metric_col: self.metric_col,
            metric_name_col: self.metric_name_col,
            year_col: self.year_col,
            quarter_col: self.quarter_col,
            folded_cols: self.folded_cols,
            actual_col: self.actual_col,
            budget_flag_col: self.budget_flag_col,
            planned_col: self.planned_col,
            baseline_col: plan.columns.get(&Field::Baseline).copied(),
            budget_col: plan.columns.get(&Field::Budget).copied(),
            rows,
        }
    }

    /// The hidden helper columns.
    pub(crate) fn hidden(info: &GoalSheetInfo) -> impl Iterator<Item = u32> {
        [
            info.leaf_col,
            info.owner_col,
            info.channel_col,
            info.metric_col,
            info.metric_name_col,
            info.year_col,
            info.actual_col,
            info.budget_flag_col,
            info.planned_col,
        ]
        .into_iter()
        .chain(info.quarter_col)
        .chain(info.folded_cols.into_iter().flatten())
    }
}

/// Long layout: which quarter row `r`'s target cell holds (0 for the annual row).
fn quarter_of_row(g: &Goal, r: u32) -> Option<u8> {
    // The last of the target and quarters on the row wins, as when they were mapped by row.
    let mut out = None;
    if g.target.cell.is_some_and(|c| c.row == r) {
        out = Some(0);
    }
    for (q, n) in g.quarters.iter().enumerate() {
        if n.cell.is_some_and(|c| c.row == r) {
            out = Some(q as u8 + 1);
        }
    }
    out
}

/// Whether each goal's cells the appended formulas read lie on the goal's one row, so its
/// appended cells can be written right after that row's own cells (see
/// [`GoalColumns::prepare_row`]); a long layout's goal spans several rows.
pub(crate) fn goals_on_own_rows(plan: &Plan) -> bool {
    plan.goals.iter().all(|g| {
        let [row] = g.rows.as_slice() else {
            return false;
        };
        let on_row = |n: &crate::model::Num| n.cell.is_none_or(|c| c.row == *row);
        on_row(&g.target)
            && on_row(&g.actual)
            && g.quarters.iter().all(on_row)
            && g.actual_quarters.iter().all(on_row)
            && g.months.iter().all(on_row)
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
/// row (written in its helper columns on that row): a sum metric `=SUM(…)`, a level the quarter's last month, a ratio `=AVERAGE(…)`; each
/// as (helper column, value, formula text).
fn folded(
    plan: &Plan,
    g: &crate::model::Goal,
    folded_cols: &[Option<u32>; 4],
) -> Vec<(u32, f64, String)> {
    let mut out = Vec::new();
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
        out.push((col, value, text));
    }
    out
}

/// A cell of the appended columns.
fn cell(row: u32, col: u16, fmt: CellFmt, value: Value) -> PreparedCell {
    PreparedCell {
        row,
        col,
        fmt,
        value,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn goal_rows_name_the_first_goal_listing_a_row() {
        let goal = |rows: Vec<u32>| Goal {
            rows,
            ..Goal::default()
        };
        let plan = Plan {
            goals: vec![goal(vec![2]), goal(vec![3, 4]), goal(vec![4, 7])],
            ..Plan::default()
        };
        let rows = GoalRows::new(&plan);
        let found: Vec<Option<usize>> = (0..9).map(|r| rows.goal(r)).collect();
        assert_eq!(
            found,
            [
                None,
                None,
                Some(0),
                Some(1),
                Some(1),
                None,
                None,
                Some(2),
                None
            ]
        );
    }

    #[test]
    fn smart_text_marks_failures() {
        assert_eq!(
            smart_text(&[true, false, true, true, true]),
            "S✓ M✗ A✓ R✓ T✓"
        );
    }
}
