//! Progress against target where actual columns exist, and a status against the progress
//! expected by the as-of date.

use chrono::NaiveDate;

use super::tidy;
use crate::model::{Aggregation, Direction, Goal, Lang, Plan};

/// A goal's status against the progress expected by the as-of date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ProgressStatus {
    /// Progress at least 95% of expected.
    OnTrack,
    /// Progress at least 75% of expected.
    AtRisk,
    /// Progress below 75% of expected.
    Behind,
}

impl ProgressStatus {
    /// `on_track`, `at_risk`, `behind` (for JSON).
    pub fn code(self) -> &'static str {
        match self {
            ProgressStatus::OnTrack => "on_track",
            ProgressStatus::AtRisk => "at_risk",
            ProgressStatus::Behind => "behind",
        }
    }
    /// `on track` / `正常`, `at risk` / `有风险`, `behind` / `落后`.
    pub fn name(self, lang: Lang) -> &'static str {
        match self {
            ProgressStatus::OnTrack => lang.pick("on track", "正常"),
            ProgressStatus::AtRisk => lang.pick("at risk", "有风险"),
            ProgressStatus::Behind => lang.pick("behind", "落后"),
        }
    }
    /// The status of `progress` against `expected` (both 0–1).
    pub fn judge(progress: f64, expected: f64) -> ProgressStatus {
        const EPS: f64 = 1e-9;
        if progress + EPS >= 0.95 * expected {
            ProgressStatus::OnTrack
        } else if progress + EPS >= 0.75 * expected {
            ProgressStatus::AtRisk
        } else {
            ProgressStatus::Behind
        }
    }
}

/// The progress of one goal that has actuals.
#[derive(Debug, Clone, PartialEq)]
pub struct GoalProgress {
    /// The goal's index in [`Plan::goals`].
    pub goal: usize,
    pub label: String,
    pub metric: String,
    /// The actual so far: the actual column, else the actual quarters combined by the
    /// aggregation kind (sum adds, level takes the last, ratio the mean).
    pub actual: f64,
    /// The annual target.
    pub target: Option<f64>,
    /// The baseline used (see [`progress`]).
    pub baseline: f64,
    /// (actual − baseline) / (target − baseline), clamped to 0–1; `None` without a target.
    pub progress: Option<f64>,
    /// The share of the goal's period elapsed at the as-of date, 0–1.
    pub expected: f64,
    /// `None` without a target.
    pub status: Option<ProgressStatus>,
}

/// The progress of every goal with an actual value, in sheet order.
///
/// - progress = (actual − baseline) / (target − baseline), clamped to 0–1, which scores
///   lower-is-better metrics right without a special case; when target = baseline it is 1
///   if the actual reaches the target (in the metric's direction), else 0.
/// - The baseline is the goal's baseline, 0 when missing. For an additive (`sum`) metric
///   where higher is better the baseline is always 0: the actual of a flow (revenue, leads)
///   accumulates from zero each period, so last year's total is not its starting point.
/// - expected follows the goal's own quarterly phasing where it has quarterly targets: the
///   value planned for `as_of` — for a `sum` metric the planned quarters to date, the
///   current one in proportion to its elapsed days; for `level` and `ratio` metrics the
///   value on the line from the baseline through each quarter's target — as progress from
///   the baseline to the annual target. A back-loaded plan expects little by June, so a
///   goal ahead of its phasing is on track. A goal without quarterly targets expects the
///   share of its period elapsed at `as_of` (inclusive): start..due when given (each bound
///   falling back to the plan year's first or last day), else the plan year (the plan's
///   year, else the year of `as_of`). Quarters and the year are the plan's fiscal ones
///   when its year does not start in January.
/// - status: on track at progress ≥ 95% of expected, at risk at ≥ 75%, else behind.
pub fn progress(plan: &Plan, as_of: NaiveDate) -> Vec<GoalProgress> {
    let fiscal = plan.fiscal;
    let year = PlanYear {
        label: plan.plan_year.unwrap_or_else(|| fiscal.year_of(as_of)),
        fiscal,
    };
    plan.goals
        .iter()
        .enumerate()
        .filter_map(|(i, g)| goal_progress(i, g, year, as_of))
        .collect()
}

fn finite(v: Option<f64>) -> Option<f64> {
    v.filter(|x| x.is_finite())
}

/// The actual for the year: the actual column, else the quarters combined.
pub(crate) fn actual_of(goal: &Goal) -> Option<f64> {
    if let Some(a) = finite(goal.actual.value) {
        return Some(a);
    }
    let qs: Vec<f64> = goal
        .actual_quarters
        .iter()
        .filter_map(|q| finite(q.value))
        .collect();
    if qs.is_empty() {
        return None;
    }
    Some(match goal.aggregation {
        Aggregation::Sum => qs.iter().sum(),
        Aggregation::Level => *qs.last()?,
        Aggregation::Ratio => qs.iter().sum::<f64>() / qs.len() as f64,
    })
}

fn goal_progress(i: usize, goal: &Goal, year: PlanYear, as_of: NaiveDate) -> Option<GoalProgress> {
    let actual = tidy(actual_of(goal)?);
    let target = finite(goal.annual_target());
    let flow = goal.aggregation == Aggregation::Sum && goal.direction == Direction::HigherIsBetter;
    let baseline = if flow {
        0.0
    } else {
        finite(goal.baseline.value).unwrap_or(0.0)
    };
    let progress = target.map(|t| {
        if t == baseline {
            let reached = match goal.direction {
                Direction::HigherIsBetter => actual >= t,
                Direction::LowerIsBetter => actual <= t,
            };
            if reached { 1.0 } else { 0.0 }
        } else {
            tidy(((actual - baseline) / (t - baseline)).clamp(0.0, 1.0))
        }
    });
    let expected = phased_share(goal, year, as_of, baseline, target)
        .unwrap_or_else(|| expected_share(goal, year, as_of));
    Some(GoalProgress {
        goal: i,
        label: goal.label(),
        metric: goal.metric.shown().unwrap_or_default(),
        actual,
        target,
        baseline,
        progress,
        expected,
        status: progress.map(|p| ProgressStatus::judge(p, expected)),
    })
}

/// The plan year: its label and the month it starts in.
#[derive(Debug, Clone, Copy)]
struct PlanYear {
    label: i32,
    fiscal: crate::periods::FiscalYear,
}

/// The first and last day of quarter `q` (0-based) of `year`.
fn quarter_span(year: PlanYear, q: usize) -> Option<(NaiveDate, NaiveDate)> {
    let span = year.fiscal.quarter(year.label, q as u32 + 1)?;
    Some((span.start, span.end))
}

/// The share of quarter `q` elapsed at `as_of` (inclusive), 0–1.
fn quarter_elapsed(year: PlanYear, q: usize, as_of: NaiveDate) -> Option<f64> {
    let (start, end) = quarter_span(year, q)?;
    let total = (end - start).num_days() + 1;
    let elapsed = ((as_of - start).num_days() + 1).clamp(0, total);
    Some(elapsed as f64 / total as f64)
}

/// Expected progress by the goal's quarterly phasing (see [`progress`]); `None` when the goal
/// has no quarterly targets or no annual target that differs from the baseline.
fn phased_share(
    goal: &Goal,
    year: PlanYear,
    as_of: NaiveDate,
    baseline: f64,
    target: Option<f64>,
) -> Option<f64> {
    let target = target?;
    let quarters = goal.quarter_values().map(finite);
    if quarters.iter().all(Option::is_none) || target == baseline {
        return None;
    }
    let elapsed: Vec<f64> = (0..4)
        .map(|q| quarter_elapsed(year, q, as_of))
        .collect::<Option<_>>()?;
    let planned = match goal.aggregation {
        // A flow: the quarters planned to date, the current one pro rata.
        Aggregation::Sum => quarters
            .iter()
            .zip(&elapsed)
            .map(|(q, e)| q.unwrap_or(0.0) * e)
            .sum::<f64>(),
        // A level or rate: the line from the baseline through each quarter's target (a blank
        // quarter holds the value before it).
        Aggregation::Level | Aggregation::Ratio => {
            let mut from = baseline;
            let mut value = baseline;
            for (q, e) in quarters.iter().zip(&elapsed) {
                let to = q.unwrap_or(from);
                if *e > 0.0 {
                    value = from + (to - from) * e;
                }
                from = to;
            }
            value
        }
    };
    Some(tidy(
        ((planned - baseline) / (target - baseline)).clamp(0.0, 1.0),
    ))
}

/// The share of the goal's period elapsed at `as_of`, counting `as_of` itself.
fn expected_share(goal: &Goal, year: PlanYear, as_of: NaiveDate) -> f64 {
    let span = year.fiscal.year_span(year.label);
    let first = span.map(|s| s.start);
    let last = span.map(|s| s.end);
    let start = goal.start.value.map(|s| s.start).or(first);
    let end = goal.due.value.map(|d| d.end).or(last);
    let (Some(start), Some(end)) = (start, end) else {
        return 0.0;
    };
    if end < start {
        return if as_of >= end { 1.0 } else { 0.0 };
    }
    let total = (end - start).num_days() + 1;
    let elapsed = ((as_of - start).num_days() + 1).clamp(0, total);
    tidy(elapsed as f64 / total as f64)
}
