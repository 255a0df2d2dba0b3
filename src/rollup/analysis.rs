//! The one result of a run: the plan, its findings and everything rolled up from it,
//! computed once. Every printer — the review workbook, text, JSON, CSV, the web page —
//! renders an [`Analysis`]; none computes.

use chrono::NaiveDate;

use super::headline::headlines_with_metrics;
use super::row_progress::row_progress_with_metrics;
use super::{
    GoalProgress, GroupBy, Headline, HierarchyRow, Rollup, RowProgress, goal_keys,
    hierarchy_rollup_with_tree, metric_keys, progress, rollup_with_metrics,
};
use crate::config::Config;
use crate::model::{Hierarchy, Key, Lang, Plan};
use crate::rules::{Finding, check_plan_with_tree};

/// A plan with its findings, rollups, goal tree, headlines and progress.
#[derive(Debug, Clone)]
pub struct Analysis {
    pub plan: Plan,
    /// The rules' findings, ordered by sheet, row, column, rule; messages in `lang`.
    pub findings: Vec<Finding>,
    /// The language of the messages and of the added sheets' labels.
    pub lang: Lang,
    /// The goal tree (parents and children by index).
    pub tree: Hierarchy,
    /// Leaf goals rolled up per owner, and per channel (see [`rollup`](super::rollup)).
    pub by_owner: Rollup,
    pub by_channel: Rollup,
    /// Leaf goals rolled up per metric and unit over the whole plan.
    pub totals: Rollup,
    /// Per metric: the plan's top-goal target beside the leaf rollup (see
    /// [`super::headline::headlines`]).
    pub headlines: Vec<Headline>,
    /// The goal tree with each parent's target beside its children's sum.
    pub hierarchy: Vec<HierarchyRow>,
    /// Progress of the goals that have actuals, judged at `as_of`.
    pub progress: Vec<GoalProgress>,
    /// Per row of [`Analysis::by_owner`] (same order): its progress where its goals have
    /// actuals, judged at `as_of`.
    pub owner_progress: Vec<Option<RowProgress>>,
    /// The same per row of [`Analysis::by_channel`].
    pub channel_progress: Vec<Option<RowProgress>>,
    /// Per goal: its budget where it counts toward the owner and channel budgets (a parent's
    /// budget equal to its children's sum is their total and does not count; see
    /// [`BudgetRow`](super::BudgetRow)).
    pub counted_budgets: Vec<Option<f64>>,
    /// The date progress is judged at.
    pub as_of: NaiveDate,
    /// Per goal (by index): its owner key ([`GroupBy::key`]), built once for every rollup
    /// and writer that groups by owner.
    pub owner_keys: Vec<Key>,
    /// The same for the channel.
    pub channel_keys: Vec<Key>,
    /// Per goal (by index): its metric as the rollups compare it (case and spaces ignored;
    /// `None` without one), worked out once for every rollup and writer.
    pub metric_keys: Vec<Option<String>>,
}

impl Analysis {
    /// Check and roll up `plan` once, with messages in `lang` and progress judged at `as_of`.
    pub fn new(plan: Plan, config: &Config, lang: Lang, as_of: NaiveDate) -> Analysis {
        // The goal tree is indexed once and shared by the rules and every rollup; each goal's
        // grouping keys are worked out meanwhile (at once where there are threads).
        let (tree, keys) = crate::par::join(|| Hierarchy::build(&plan), || GroupKeys::of(&plan));
        // The rules and the rollups read the plan and never each other: they run at once
        // where there are threads.
        let (findings, rolled) = crate::par::join(
            || check_plan_with_tree(&plan, config, lang, &tree),
            || Rolled::new(&plan, config, &tree, as_of, keys),
        );
        Analysis {
            plan,
            findings,
            lang,
            tree,
            by_owner: rolled.by_owner,
            by_channel: rolled.by_channel,
            totals: rolled.totals,
            headlines: rolled.headlines,
            hierarchy: rolled.hierarchy,
            progress: rolled.progress,
            owner_progress: rolled.owner_progress,
            channel_progress: rolled.channel_progress,
            counted_budgets: rolled.counted_budgets,
            as_of,
            owner_keys: rolled.owner,
            channel_keys: rolled.channel,
            metric_keys: rolled.metric_keys,
        }
    }

    /// The progress of goal `i`, when it has actuals.
    pub fn progress_of(&self, goal: usize) -> Option<&GoalProgress> {
        self.progress
            .binary_search_by_key(&goal, |p| p.goal)
            .ok()
            .and_then(|at| self.progress.get(at))
    }
}

/// Each goal's keys as the rollups group and compare it, worked out once per analysis.
struct GroupKeys {
    /// Per goal: its metric as the rollups compare it ([`metric_keys`]).
    metrics: Vec<Option<String>>,
    /// Per goal: its owner key, and its channel key ([`goal_keys`] by one field).
    owner: Vec<Vec<Key>>,
    channel: Vec<Vec<Key>>,
}

impl GroupKeys {
    fn of(plan: &Plan) -> GroupKeys {
        let (metrics, (owner, channel)) = crate::par::join(
            || metric_keys(plan),
            || {
                crate::par::join(
                    || goal_keys(plan, &[GroupBy::Owner]),
                    || goal_keys(plan, &[GroupBy::Channel]),
                )
            },
        );
        GroupKeys {
            metrics,
            owner,
            channel,
        }
    }
}

/// Everything [`Analysis`] rolls up from a plan, before it is moved into the analysis.
struct Rolled {
    /// Per goal: its owner key, and its channel key ([`goal_keys`] by one field).
    owner: Vec<Key>,
    channel: Vec<Key>,
    by_owner: Rollup,
    by_channel: Rollup,
    totals: Rollup,
    headlines: Vec<Headline>,
    hierarchy: Vec<HierarchyRow>,
    progress: Vec<GoalProgress>,
    counted_budgets: Vec<Option<f64>>,
    owner_progress: Vec<Option<RowProgress>>,
    channel_progress: Vec<Option<RowProgress>>,
    metric_keys: Vec<Option<String>>,
}

impl Rolled {
    fn new(
        plan: &Plan,
        config: &Config,
        tree: &Hierarchy,
        as_of: NaiveDate,
        keys: GroupKeys,
    ) -> Rolled {
        // By owner, by channel and over the whole plan: independent, at once where there
        // are threads, each with the goals' keys worked out once.
        let GroupKeys {
            metrics,
            owner,
            channel,
        } = keys;
        let by = |field: GroupBy, keys: Vec<Vec<Key>>| {
            let rollup = rollup_with_metrics(plan, config, &[field], tree, &keys, &metrics);
            let progress = row_progress_with_metrics(plan, tree, &rollup, as_of, &keys, &metrics);
            // One key per goal (one field), made flat here, beside the other rollups.
            let keys: Vec<Key> = keys.into_iter().flatten().collect();
            (keys, rollup, progress)
        };
        let whole = || {
            let totals =
                rollup_with_metrics(plan, config, &[], tree, &goal_keys(plan, &[]), &metrics);
            let headlines = headlines_with_metrics(plan, tree, &totals, &metrics);
            (totals, headlines)
        };
        let goals = || {
            (
                hierarchy_rollup_with_tree(plan, tree),
                progress(plan, as_of),
                super::budget::counted_budgets(plan, tree),
            )
        };
        let (((owner, by_owner, owner_progress), (channel, by_channel, channel_progress)), rest) =
            crate::par::join(
                || {
                    crate::par::join(
                        || by(GroupBy::Owner, owner),
                        || by(GroupBy::Channel, channel),
                    )
                },
                || crate::par::join(whole, goals),
            );
        let ((totals, headlines), (hierarchy, progress, counted_budgets)) = rest;
        Rolled {
            owner,
            channel,
            by_owner,
            by_channel,
            totals,
            headlines,
            hierarchy,
            progress,
            counted_budgets,
            owner_progress,
            channel_progress,
            metric_keys: metrics,
        }
    }
}
