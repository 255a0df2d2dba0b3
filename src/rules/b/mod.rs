//! B — Budget and resources: actions within their goal's budget, allocations within the
//! total, a contingency reserve.

pub mod b001_actions_exceed_goal_budget;
pub mod b002_allocation_exceeds_total;
pub mod b003_reserve_low;

pub use b001_actions_exceed_goal_budget::ActionsExceedGoalBudget;
pub use b002_allocation_exceeds_total::AllocationExceedsTotal;
pub use b003_reserve_low::ReserveLow;

use crate::model::{BudgetSheet, Field, Num, Plan};
use crate::rules::Context;

/// `a` exceeds `b` by more than float noise.
pub fn exceeds(a: f64, b: f64) -> bool {
    a - b > 1e-9 * a.abs().max(b.abs()).max(1.0)
}

/// The budget sheet's total line amount, when it has one with a number.
pub fn total_line(sheet: &BudgetSheet) -> Option<&Num> {
    sheet
        .total
        .as_ref()
        .and_then(|t| t.values.get(&Field::Budget))
        .filter(|n| n.value.is_some())
}

/// The sum of the budget sheet's lines (the total line excluded), when any has an amount.
pub fn lines_sum(sheet: &BudgetSheet) -> Option<f64> {
    let amounts: Vec<f64> = sheet.lines.iter().filter_map(|l| l.amount.value).collect();
    (!amounts.is_empty()).then(|| amounts.iter().sum())
}

/// The sum of the leaf goals' budgets, when any leaf goal has one.
pub fn leaf_budgets(ctx: &Context) -> Option<f64> {
    let plan: &Plan = ctx.plan;
    let amounts: Vec<f64> = plan
        .goals
        .iter()
        .enumerate()
        .filter(|(i, _)| ctx.tree.is_leaf(*i))
        .filter_map(|(_, g)| g.budget.value)
        .collect();
    (!amounts.is_empty()).then(|| amounts.iter().sum())
}
