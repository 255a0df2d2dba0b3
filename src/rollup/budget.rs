//! Budget by the rollup keys: goal budgets counted once, action budgets beside them.

use indexmap::IndexMap;

use super::{KeyRanks, tidy};
use crate::model::{Hierarchy, Key, Plan};

/// How far a parent's budget may be from its children's sum and still be their total.
pub const BUDGET_TOLERANCE: f64 = 0.005;

/// The budget of one group of goals.
#[derive(Debug, Clone, PartialEq)]
pub struct BudgetRow {
    /// The key values, one per [`super::Rollup::by`] field, each as first written (goals
    /// whose keys differ only invisibly are one group).
    pub keys: Vec<String>,
    /// The goals' budgets, each counted once (`None` when no goal of the group has one).
    pub budget: Option<f64>,
    /// The budgets of the actions under the group's goals: the planned use of the budget,
    /// never added to it (`None` when no action has one).
    pub planned: Option<f64>,
}

/// Each goal's budget where it counts: a parent's budget that equals the sum of its
/// children's budgets (within [`BUDGET_TOLERANCE`]) is their total and does not count;
/// otherwise it is the parent's own spend and counts.
pub(crate) fn counted_budgets(plan: &Plan, hierarchy: &Hierarchy) -> Vec<Option<f64>> {
    let budget = |i: usize| plan.goals[i].budget.value.filter(|x| x.is_finite());
    (0..plan.goals.len())
        .map(|i| {
            let own = budget(i)?;
            let kids: Vec<f64> = hierarchy.children[i]
                .iter()
                .filter_map(|&c| budget(c))
                .collect();
            if kids.is_empty() {
                return Some(own);
            }
            let sum: f64 = kids.iter().sum();
            if (own - sum).abs() <= BUDGET_TOLERANCE * own.abs().max(sum.abs()) {
                None
            } else {
                Some(own)
            }
        })
        .collect()
}

/// Budget rows by the keys, sorted by the keys' first appearance in the sheet.
pub(crate) fn budget_rows(
    plan: &Plan,
    hierarchy: &Hierarchy,
    keys: &[Vec<Key>],
    ranks: &KeyRanks,
) -> Vec<BudgetRow> {
    let counted = counted_budgets(plan, hierarchy);
    let mut groups: IndexMap<Vec<Key>, (Option<f64>, Option<f64>)> = IndexMap::new();
    for (goal_keys, amount) in keys.iter().zip(&counted) {
        if let Some(amount) = amount {
            let entry = groups.entry(goal_keys.clone()).or_default();
            entry.0 = Some(entry.0.unwrap_or(0.0) + amount);
        }
    }
    if let Some(sheet) = &plan.actions {
        for action in &sheet.actions {
            let Some(amount) = action.budget.value.filter(|x| x.is_finite()) else {
                continue;
            };
            let Some(goal) = hierarchy.find(&action.goal_id) else {
                continue;
            };
            let Some(goal_keys) = keys.get(goal) else {
                continue;
            };
            let entry = groups.entry(goal_keys.clone()).or_default();
            entry.1 = Some(entry.1.unwrap_or(0.0) + amount);
        }
    }
    let mut rows: Vec<(Vec<usize>, BudgetRow)> = groups
        .into_iter()
        .map(|(keys, (budget, planned))| {
            (
                ranks.of(&keys),
                BudgetRow {
                    keys: ranks.shown(&keys),
                    budget: budget.map(tidy),
                    planned: planned.map(tidy),
                },
            )
        })
        .collect();
    rows.sort_by(|a, b| a.0.cmp(&b.0));
    rows.into_iter().map(|(_, r)| r).collect()
}
