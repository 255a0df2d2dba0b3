//! Progress of a rollup row (one key, metric and unit): the goals' actuals and baselines
//! combined as their targets are, judged against the row's own quarterly phasing.
//!
//! The same arithmetic is what the review workbook writes as live formulas beside each row
//! of By owner / By channel, so [`judge_row`] is the one definition both use.

use chrono::NaiveDate;

use super::ProgressStatus;
use super::progress::actual_of;
use std::collections::HashMap;

use super::{Norms, Rollup, RollupRow, has_same_metric_child, metric_keys, norm, tidy};
use crate::model::{Aggregation, Direction, Goal, Hierarchy, Key, Plan};

/// The progress of one rollup row whose goals have actuals.
#[derive(Debug, Clone, PartialEq)]
pub struct RowProgress {
    /// The goals' actuals combined as the row's targets are: `sum` adds, `level` and
    /// `ratio` take the mean of the goals that have one.
    pub actual: f64,
    /// 0 for an additive metric where higher is better (a flow starts from zero each year);
    /// else the goals' baselines combined the same way (0 where none has one).
    pub baseline: f64,
    /// The row's year value (see [`RollupRow::year`]).
    pub target: Option<f64>,
    /// (actual − baseline) / (target − baseline), clamped to 0–1; `None` without a target.
    pub progress: Option<f64>,
    /// Progress expected at the as-of date by the row's quarters (see [`judge_row`]), 0–1.
    pub expected: f64,
    /// `None` without a target.
    pub status: Option<ProgressStatus>,
    /// How many of the row's goals have an actual.
    pub goals_with_actual: usize,
    /// The direction of the row's metric (its first goal's).
    pub direction: Direction,
}

/// The plan's year on the calendar: its quarters' and its own first and last days (a fiscal
/// year's quarters where the plan has one), the periods expected progress is phased over.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PlanCalendar {
    pub quarters: [(NaiveDate, NaiveDate); 4],
    pub year: (NaiveDate, NaiveDate),
}

impl PlanCalendar {
    /// The plan year (the plan's, else the one `as_of` falls in) under the plan's fiscal
    /// calendar; `None` for a year outside the calendar's range.
    pub fn of(plan: &Plan, as_of: NaiveDate) -> Option<PlanCalendar> {
        let fiscal = plan.fiscal;
        let label = plan.plan_year.unwrap_or_else(|| fiscal.year_of(as_of));
        let span = |s: crate::model::DateSpan| (s.start, s.end);
        let q = |n: u32| fiscal.quarter(label, n).map(span);
        Some(PlanCalendar {
            quarters: [q(1)?, q(2)?, q(3)?, q(4)?],
            year: span(fiscal.year_span(label)?),
        })
    }
    /// The share of each quarter elapsed at `as_of` (inclusive), 0–1.
    pub fn quarter_shares(&self, as_of: NaiveDate) -> [f64; 4] {
        self.quarters.map(|q| share(q, as_of))
    }
    /// The share of the year elapsed at `as_of` (inclusive), 0–1.
    pub fn year_share(&self, as_of: NaiveDate) -> f64 {
        share(self.year, as_of)
    }
}

/// The share of `first..=last` elapsed at `as_of` (inclusive), 0–1.
fn share((first, last): (NaiveDate, NaiveDate), as_of: NaiveDate) -> f64 {
    let total = (last - first).num_days() + 1;
    if total <= 0 {
        return if as_of >= last { 1.0 } else { 0.0 };
    }
    let elapsed = ((as_of - first).num_days() + 1).clamp(0, total);
    elapsed as f64 / total as f64
}

/// What [`judge_row`] needs of a row.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RowFigures {
    pub aggregation: Aggregation,
    pub direction: Direction,
    pub actual: f64,
    pub baseline: f64,
    pub target: Option<f64>,
    pub quarters: [Option<f64>; 4],
}

/// Progress, expected progress and status of a row, with `shares` and `year_share` from
/// [`PlanCalendar`].
///
/// - progress = (actual − baseline) / (target − baseline), clamped to 0–1; when target =
///   baseline, 1 if the actual reaches it in the metric's direction, else 0.
/// - expected, where the row is phased (a `sum` row whose quarters add to something other
///   than 0, a `level` or `ratio` row with any quarter) and target ≠ baseline: for `sum` the
///   quarters to date, the current one pro rata (Σ quarter × share), for `level` and `ratio`
///   the line from the baseline through each quarter's value (a blank quarter holds the one
///   before), each as progress from the baseline to the target, clamped to 0–1; otherwise
///   the share of the year elapsed.
/// - status: on track at progress ≥ 95% of expected, at risk at ≥ 75%, else behind.
pub fn judge_row(
    f: RowFigures,
    shares: [f64; 4],
    year_share: f64,
) -> (Option<f64>, f64, Option<ProgressStatus>) {
    let progress = f.target.map(|t| {
        if t == f.baseline {
            let reached = match f.direction {
                Direction::HigherIsBetter => f.actual >= t,
                Direction::LowerIsBetter => f.actual <= t,
            };
            if reached { 1.0 } else { 0.0 }
        } else {
            tidy(((f.actual - f.baseline) / (t - f.baseline)).clamp(0.0, 1.0))
        }
    });
    let phased = match f.aggregation {
        Aggregation::Sum => f.quarters.iter().flatten().sum::<f64>() != 0.0,
        Aggregation::Level | Aggregation::Ratio => f.quarters.iter().any(Option::is_some),
    };
    let expected = match f.target {
        Some(t) if phased && t != f.baseline => {
            let planned = match f.aggregation {
                Aggregation::Sum => f
                    .quarters
                    .iter()
                    .zip(shares)
                    .map(|(q, e)| q.unwrap_or(0.0) * e)
                    .sum::<f64>(),
                Aggregation::Level | Aggregation::Ratio => {
                    let mut from = f.baseline;
                    let mut value = f.baseline;
                    for (q, e) in f.quarters.iter().zip(shares) {
                        let to = q.unwrap_or(from);
                        value += (to - from) * e;
                        from = to;
                    }
                    value
                }
            };
            tidy(((planned - f.baseline) / (t - f.baseline)).clamp(0.0, 1.0))
        }
        _ => tidy(year_share),
    };
    let status = progress.map(|p| ProgressStatus::judge(p, expected));
    (progress, expected, status)
}

fn mean(values: &[f64]) -> Option<f64> {
    (!values.is_empty()).then(|| values.iter().sum::<f64>() / values.len() as f64)
}

/// Per row of `rollup` (same order), its progress where at least one of its goals has an
/// actual, judged at `as_of` in the plan year ([`PlanCalendar`]).
pub fn row_progress(
    plan: &Plan,
    tree: &Hierarchy,
    rollup: &Rollup,
    as_of: NaiveDate,
) -> Vec<Option<RowProgress>> {
    let keys = super::goal_keys(plan, &rollup.by);
    row_progress_with_keys(plan, tree, rollup, as_of, &keys)
}

/// [`row_progress`] with each goal's keys for the rollup's fields as
/// [`goal_keys`](super::goal_keys) gives them.
pub fn row_progress_with_keys(
    plan: &Plan,
    tree: &Hierarchy,
    rollup: &Rollup,
    as_of: NaiveDate,
    keys: &[Vec<Key>],
) -> Vec<Option<RowProgress>> {
    row_progress_with_metrics(plan, tree, rollup, as_of, keys, &metric_keys(plan))
}

/// [`row_progress_with_keys`] with each goal's normalised metric as
/// [`metric_keys`] gives it.
pub(crate) fn row_progress_with_metrics(
    plan: &Plan,
    tree: &Hierarchy,
    rollup: &Rollup,
    as_of: NaiveDate,
    keys: &[Vec<Key>],
    metrics: &[Option<String>],
) -> Vec<Option<RowProgress>> {
    let (shares, share) = PlanCalendar::of(plan, as_of).map_or(([0.0; 4], 0.0), |c| {
        (c.quarter_shares(as_of), c.year_share(as_of))
    });
    let rolled = |i: usize, g: &Goal| {
        let has_value = g.target.value.is_some_and(f64::is_finite)
            || g.quarters
                .iter()
                .any(|q| q.value.is_some_and(f64::is_finite));
        metrics[i].is_some() && has_value && !has_same_metric_child(tree, metrics, i)
    };
    // Rows by what their goals are matched on (keys, metric and unit as compared), so each
    // goal finds its row by one lookup: a scan of the goals per row is quadratic.
    let mut rows_by_match: HashMap<(Vec<Key>, &str, String), Vec<usize>> = HashMap::new();
    let row_metrics: Vec<String> = rollup.rows.iter().map(|r| norm(&r.metric)).collect();
    for (r, (row, metric)) in rollup.rows.iter().zip(&row_metrics).enumerate() {
        let keys = row.keys.iter().map(|k| Key::new(k)).collect();
        rows_by_match
            .entry((keys, metric.as_str(), norm(&row.unit)))
            .or_default()
            .push(r);
    }
    let mut members: Vec<Vec<&Goal>> = vec![Vec::new(); rollup.rows.len()];
    let mut unit_norms = Norms::default();
    for (i, goal) in plan.goals.iter().enumerate() {
        let Some(metric) = metrics[i].as_deref().filter(|_| rolled(i, goal)) else {
            continue;
        };
        let Some(goal_keys) = keys.get(i) else {
            continue;
        };
        let unit = unit_norms
            .of(goal.unit.text().unwrap_or_default())
            .to_string();
        let found = rows_by_match.get(&(goal_keys.clone(), metric, unit));
        for &r in found.into_iter().flatten() {
            if let Some(goals) = members.get_mut(r) {
                goals.push(goal);
            }
        }
    }
    rollup
        .rows
        .iter()
        .zip(&members)
        .map(|(row, goals)| one_row(row, goals, shares, share))
        .collect()
}

/// The progress of `row` from its goals (sheet order).
fn one_row(row: &RollupRow, goals: &[&Goal], shares: [f64; 4], share: f64) -> Option<RowProgress> {
    let actuals: Vec<f64> = goals.iter().filter_map(|g| actual_of(g)).collect();
    if actuals.is_empty() {
        return None;
    }
    let sum = row.aggregation == Aggregation::Sum;
    let combine = |v: &[f64]| if sum { Some(v.iter().sum()) } else { mean(v) };
    let direction = goals
        .first()
        .map_or(Direction::HigherIsBetter, |g| g.direction);
    let baselines: Vec<f64> = goals
        .iter()
        .filter_map(|g| g.baseline.value.filter(|x| x.is_finite()))
        .collect();
    let baseline = if sum && direction == Direction::HigherIsBetter {
        0.0
    } else {
        combine(&baselines).map_or(0.0, tidy)
    };
    let figures = RowFigures {
        aggregation: row.aggregation,
        direction,
        actual: combine(&actuals).map_or(0.0, tidy),
        baseline,
        target: row.year,
        quarters: row.quarters,
    };
    let (progress, expected, status) = judge_row(figures, shares, share);
    Some(RowProgress {
        actual: figures.actual,
        baseline,
        target: row.year,
        progress,
        expected,
        status,
        goals_with_actual: actuals.len(),
        direction,
    })
}
