//! The headline figure per metric: what the plan itself commits to at its top, beside what
//! its leaf goals add up to, and the gap between them.

use super::{Rollup, norm, tidy};
use crate::model::{Aggregation, Hierarchy, Plan};

/// One metric's headline (per metric and unit, in the order of [`Rollup::rows`] of the
/// rollup by no field).
#[derive(Debug, Clone, PartialEq)]
pub struct Headline {
    pub metric: String,
    pub unit: String,
    pub aggregation: Aggregation,
    /// Values are fractions shown as percentages.
    pub is_percent: bool,
    /// The plan's own figure: the annual target of the highest goals carrying the metric
    /// (goals with no ancestor of the same metric) — their sum for a `sum` metric, else the
    /// one goal's target, or the mean of several (then `top_is_mean`). `None` when those
    /// goals have no target.
    pub plan_target: Option<f64>,
    /// How many top goals `plan_target` combines.
    pub top_goals: usize,
    /// `plan_target` is a mean of several top goals' level or ratio targets.
    pub top_is_mean: bool,
    /// The leaf rollup for the year (the rollup's total row).
    pub leaf_rollup: Option<f64>,
    /// The leaf rollup is a ratio's mean of goals (its parts unknown), marked `≈`.
    pub leaf_is_mean: bool,
    /// leaf rollup − plan target, when both exist.
    pub gap: Option<f64>,
}

/// The headline of every metric in `totals` (the rollup of `plan` by no field).
///
/// A ratio or level headline never comes from one leaf's value alone: where the plan's top
/// goal says 35% and its key results 30%, the headline is 35% with the leaves' 30% beside it.
pub fn headlines(plan: &Plan, tree: &Hierarchy, totals: &Rollup) -> Vec<Headline> {
    headlines_with_metrics(plan, tree, totals, &super::metric_keys(plan))
}

/// [`headlines`] with each goal's normalised metric as [`super::metric_keys`] gives it.
pub(crate) fn headlines_with_metrics(
    plan: &Plan,
    tree: &Hierarchy,
    totals: &Rollup,
    metrics: &[Option<String>],
) -> Vec<Headline> {
    let mut unit_norms = super::Norms::default();
    let units: Vec<String> = plan
        .goals
        .iter()
        .map(|g| unit_norms.of(g.unit.text().unwrap_or("")).to_string())
        .collect();
    // A goal is a top goal of its metric when no ancestor carries the same metric.
    let is_top = |i: usize| -> bool {
        let mut at = i;
        // The tree has no cycles through `parent`, but bound the walk regardless.
        for _ in 0..plan.goals.len() {
            match tree.parent.get(at).copied().flatten() {
                Some(p) if metrics[p] == metrics[i] => return false,
                Some(p) => at = p,
                None => return true,
            }
        }
        true
    };
    totals
        .rows
        .iter()
        .map(|row| {
            let (metric, unit) = (norm(&row.metric), norm(&row.unit));
            let targets: Vec<f64> = (0..plan.goals.len())
                .filter(|&i| metrics[i].as_deref() == Some(metric.as_str()) && units[i] == unit)
                .filter(|&i| is_top(i))
                .filter_map(|i| plan.goals[i].annual_target().filter(|t| t.is_finite()))
                .collect();
            let top_is_mean = row.aggregation != Aggregation::Sum && targets.len() > 1;
            let plan_target = (!targets.is_empty()).then(|| {
                let sum: f64 = targets.iter().sum();
                tidy(if top_is_mean {
                    sum / targets.len() as f64
                } else {
                    sum
                })
            });
            Headline {
                metric: row.metric.clone(),
                unit: row.unit.clone(),
                aggregation: row.aggregation,
                is_percent: row.is_percent,
                plan_target,
                top_goals: targets.len(),
                top_is_mean,
                leaf_rollup: row.year,
                leaf_is_mean: row.mean_of_goals,
                gap: plan_target
                    .zip(row.year)
                    .map(|(top, leaves)| tidy(leaves - top)),
            }
        })
        .collect()
}
