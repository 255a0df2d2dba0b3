//! rollup stage: per-metric breakdowns by owner, channel, dimension or parent, the goal
//! hierarchy with its decomposition gaps, budgets and progress (DESIGN §4).
//!
//! Everything here returns data; the writers in [`crate::write::rollup`] render it.
//!
//! # How goals are combined
//!
//! - A goal is rolled up when it has a metric and at least one target value (the target
//!   column or a quarter); the others are counted in [`Rollup::skipped`].
//! - Only leaf goals feed the rollups, per metric: a goal with at least one child carrying the
//!   same metric (case- and space-insensitive) is their total and is not counted again; a
//!   parent whose children carry other metrics still counts.
//! - Rows are grouped by the key values, the metric and the unit (both case- and
//!   space-insensitive; the first spelling in the sheet is shown). A missing key is `""`.
//! - A goal's quarters are its Q1..Q4 targets. Its year value is, for `sum`, the annual
//!   target, else the quarters added; for `level`, the last quarter present (the end of the
//!   period), else the annual target; for `ratio`, the annual target, else the mean of the
//!   quarters.
//! - Across the goals of a group, each quarter and the year: `sum` adds; `level` and `ratio`
//!   take the mean of the goals that have a value ([`RollupRow::mean_of_goals`] marks the
//!   ratio means, which are not true rates).
//! - A ratio the config defines by its parts (`[[ratios]] metric = "ROI", numerator =
//!   "销售额", denominator = "预算"`) is instead the sum of the numerator metric's values over
//!   the group's rolled-up goals divided by the denominator metric's. When no goal in the plan
//!   carries the denominator as a metric and it is a budget word (a `[headers] budget` word
//!   such as 预算 / budget / spend), the denominator is the group's budget as rolled up in
//!   [`Rollup::budget`] (all of the group's counted goal budgets); a budget is annual, so such
//!   a ratio has a year value only. When the parts give no value at all for a group, the row
//!   falls back to the mean of goals and is marked so.
//! - The aggregation kind of a metric is the one of its first goal in the sheet.
//!
//! # Order
//!
//! Rows are sorted by the metric's first appearance in the sheet, then by the unit's first
//! appearance (so the rows of one metric and unit stay together, one table each), then by each
//! key value's first appearance (key by key); budget rows by their keys the same way. The order therefore depends on the sheet order, but the set of rows
//! does not.

mod analysis;
mod budget;
mod headline;
mod hierarchy;
mod progress;
mod row_progress;

use std::collections::{HashMap, HashSet};
use std::str::FromStr;

use indexmap::IndexMap;

pub use analysis::Analysis;
pub use budget::BudgetRow;
pub use headline::{Headline, headlines};
pub use hierarchy::{HierarchyRow, hierarchy_rollup, hierarchy_rollup_with_tree};
pub use progress::{GoalProgress, ProgressStatus, progress};
pub use row_progress::{
    PlanCalendar, RowFigures, RowProgress, judge_row, row_progress, row_progress_with_keys,
};

use crate::config::Config;
use crate::error::Error;
use crate::model::{Aggregation, Goal, Hierarchy, Key, Lang, Plan, Spellings, Text};

/// A field the rollup groups by (`--by owner,channel`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum GroupBy {
    Owner,
    Channel,
    Dimension,
    Parent,
    ProductLine,
}

impl GroupBy {
    pub const ALL: [GroupBy; 5] = [
        GroupBy::Owner,
        GroupBy::Channel,
        GroupBy::Dimension,
        GroupBy::Parent,
        GroupBy::ProductLine,
    ];

    /// The field name, used as the JSON key (`owner`, `product_line`).
    pub fn name(self) -> &'static str {
        match self {
            GroupBy::Owner => "owner",
            GroupBy::Channel => "channel",
            GroupBy::Dimension => "dimension",
            GroupBy::Parent => "parent",
            GroupBy::ProductLine => "product_line",
        }
    }

    /// The plan column this key is read from.
    pub fn field(self) -> crate::model::Field {
        use crate::model::Field;
        match self {
            GroupBy::Owner => Field::Owner,
            GroupBy::Channel => Field::Channel,
            GroupBy::Dimension => Field::Dimension,
            GroupBy::Parent => Field::Parent,
            GroupBy::ProductLine => Field::ProductLine,
        }
    }

    /// A column title for people (`Owner` / `负责人`).
    pub fn title(self, lang: Lang) -> &'static str {
        let (en, zh) = match self {
            GroupBy::Owner => ("Owner", "负责人"),
            GroupBy::Channel => ("Channel", "渠道"),
            GroupBy::Dimension => ("Dimension", "目标维度"),
            GroupBy::Parent => ("Parent", "上级目标"),
            GroupBy::ProductLine => ("Product line", "产品线"),
        };
        lang.pick(en, zh)
    }

    /// The label of the row of goals that leave this key blank, the same in every printer
    /// (`(no owner)` / `（无负责人）`).
    pub fn blank_label(self, lang: Lang) -> &'static str {
        let (en, zh) = match self {
            GroupBy::Owner => ("(no owner)", "（无负责人）"),
            GroupBy::Channel => ("(no channel)", "（无渠道）"),
            GroupBy::Dimension => ("(no dimension)", "（无维度）"),
            GroupBy::Parent => ("(no parent)", "（无上级目标）"),
            GroupBy::ProductLine => ("(no product line)", "（无产品线）"),
        };
        lang.pick(en, zh)
    }

    /// The goal's cell for this field (the parent key is the parent id).
    pub fn text(self, goal: &Goal) -> &Text {
        match self {
            GroupBy::Owner => &goal.owner,
            GroupBy::Channel => &goal.channel,
            GroupBy::Dimension => &goal.dimension,
            GroupBy::Parent => &goal.parent,
            GroupBy::ProductLine => &goal.product_line,
        }
    }

    /// The goal's value for this field as compared ([`Key`]: `李娜` + U+200B is `李娜`);
    /// empty when missing.
    pub fn key(self, goal: &Goal) -> Key {
        self.text(goal).key().unwrap_or_default()
    }

    /// Parse a `--by` value: one field or a comma-separated list (`owner,channel`).
    ///
    /// # Errors
    ///
    /// [`Error::Usage`] naming the unknown or repeated field, or for an empty list.
    ///
    /// ```
    /// use goalsheet::rollup::GroupBy;
    /// assert_eq!(GroupBy::parse_list("owner, channel").unwrap(),
    ///            vec![GroupBy::Owner, GroupBy::Channel]);
    /// assert!(GroupBy::parse_list("region").is_err());
    /// ```
    pub fn parse_list(text: &str) -> Result<Vec<GroupBy>, Error> {
        let mut out = Vec::new();
        for word in text.split([',', '，', '×', '*']) {
            let by: GroupBy = word.parse()?;
            if out.contains(&by) {
                return Err(Error::Usage(format!("--by lists `{}` twice", by.name())));
            }
            out.push(by);
        }
        Ok(out)
    }
}

impl FromStr for GroupBy {
    type Err = Error;

    fn from_str(word: &str) -> Result<GroupBy, Error> {
        let w = word.trim().to_lowercase().replace(['-', ' '], "_");
        let by = match w.as_str() {
            "owner" | "负责人" | "责任人" => GroupBy::Owner,
            "channel" | "渠道" => GroupBy::Channel,
            "dimension" | "维度" | "目标维度" => GroupBy::Dimension,
            "parent" | "上级目标" => GroupBy::Parent,
            "product_line" | "product" | "产品线" => GroupBy::ProductLine,
            _ => {
                let shown = if word.trim().is_empty() {
                    "(empty)".to_string()
                } else {
                    format!("`{}`", word.trim())
                };
                return Err(Error::Usage(format!(
                    "unknown --by field {shown}: expected owner, channel, owner,channel, \
                     dimension, parent or product_line"
                )));
            }
        };
        Ok(by)
    }
}

/// One line of a rollup: a group of goals sharing the key values, the metric and the unit.
#[derive(Debug, Clone, PartialEq)]
pub struct RollupRow {
    /// The key values, one per [`Rollup::by`] field (`""` when missing), each as first
    /// written in the sheet: goals are grouped by [`Key`], so `李娜` and `李娜` + U+200B are
    /// one row.
    pub keys: Vec<String>,
    pub metric: String,
    pub unit: String,
    pub aggregation: Aggregation,
    /// The metric is a percentage (values are fractions).
    pub is_percent: bool,
    pub quarters: [Option<f64>; 4],
    pub year: Option<f64>,
    /// How many goals the row combines.
    pub goals: usize,
    /// A ratio rolled up as the mean of its goals (its parts unknown): not a true rate.
    pub mean_of_goals: bool,
}

/// A rollup of a plan by some fields.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Rollup {
    pub by: Vec<GroupBy>,
    pub rows: Vec<RollupRow>,
    pub budget: Vec<BudgetRow>,
    /// Goals left out because they have no metric or no target value.
    pub skipped: usize,
}

/// Case- and space-insensitive form of a metric or unit name: the one comparison form of
/// names, [`crate::rules::hierarchy::name_key`] ([`crate::model::Key::loose`]).
pub(crate) fn norm(text: &str) -> String {
    crate::rules::hierarchy::name_key(text)
}

/// [`norm`] of texts that repeat down a sheet (metric and unit names: a few distinct
/// spellings over many goals), each worked out once.
/// Looked up once per goal by several stages: foldhash, not SipHash.
#[derive(Default)]
pub(crate) struct Norms<'a>(foldhash::HashMap<&'a str, String>);

impl<'a> Norms<'a> {
    pub(crate) fn of(&mut self, text: &'a str) -> &str {
        self.0.entry(text).or_insert_with(|| norm(text))
    }
    /// [`norm`] of a text [`Norms::of`] saw, `""` for one it did not.
    pub(crate) fn get(&self, text: &str) -> &str {
        self.0.get(text).map_or("", String::as_str)
    }
}

/// Round away binary float noise (15 significant digits), so sums print as written
/// (`0.1 + 0.2` → `0.3`).
pub fn tidy(x: f64) -> f64 {
    if !x.is_finite() || x == 0.0 || x.abs() >= 1e15 {
        return x;
    }
    // Scale so that 15 significant digits are the integer part; powers of ten up to 1e22
    // are exact, so the division rounds correctly. Tiny values take the slow, exact path.
    let digits = 14 - x.abs().log10().floor() as i32;
    if (0..=22).contains(&digits) {
        let scale = 10f64.powi(digits);
        let r = (x * scale).round() / scale;
        if r.is_finite() {
            return r;
        }
    }
    format!("{x:.14e}").parse().unwrap_or(x)
}

fn finite(v: Option<f64>) -> Option<f64> {
    v.filter(|x| x.is_finite())
}

/// The goal's quarter targets (finite values only).
pub(crate) fn goal_quarters(goal: &Goal) -> [Option<f64>; 4] {
    goal.quarter_values().map(finite)
}

/// The goal's year value (see the module docs).
pub(crate) fn goal_year(goal: &Goal, aggregation: Aggregation) -> Option<f64> {
    match aggregation {
        Aggregation::Level => goal_quarters(goal)
            .iter()
            .rev()
            .find_map(|q| *q)
            .or_else(|| finite(goal.annual_target())),
        Aggregation::Sum | Aggregation::Ratio => finite(goal.annual_target()),
    }
}

/// The goals' normalised metric names, `None` without a metric.
pub(crate) fn metric_keys(plan: &Plan) -> Vec<Option<String>> {
    let mut norms = Norms::default();
    plan.goals
        .iter()
        .map(|g| {
            let m = norms.of(g.metric.text()?);
            (!m.is_empty()).then(|| m.to_string())
        })
        .collect()
}

/// Goals that are the total of at least one child carrying the same metric.
pub(crate) fn has_same_metric_child(
    hierarchy: &Hierarchy,
    metrics: &[Option<String>],
    goal: usize,
) -> bool {
    match &metrics[goal] {
        Some(m) => hierarchy.children[goal]
            .iter()
            .any(|&c| metrics[c].as_deref() == Some(m.as_str())),
        None => false,
    }
}

/// First-appearance rank of values, in sheet order (noted per goal: foldhash, not SipHash).
#[derive(Default)]
struct Ranks(foldhash::HashMap<String, usize>);

impl Ranks {
    fn note(&mut self, value: &str) {
        if !self.0.contains_key(value) {
            let next = self.0.len();
            self.0.insert(value.to_string(), next);
        }
    }
    fn of(&self, value: &str) -> usize {
        self.0.get(value).copied().unwrap_or(usize::MAX)
    }
}

/// Per grouping field, each key's first spelling and first-appearance rank: keys are
/// compared as [`Key`]s and shown as first written ([`crate::model::shown`]).
pub(crate) struct KeyRanks(Vec<Spellings>);

impl KeyRanks {
    /// From each goal's keys for `by` ([`goal_keys`]).
    pub(crate) fn build(plan: &Plan, by: &[GroupBy], keys: &[Vec<Key>]) -> KeyRanks {
        let mut ranks: Vec<Spellings> = by.iter().map(|_| Spellings::default()).collect();
        for (goal, goal_keys) in plan.goals.iter().zip(keys) {
            for ((r, b), key) in ranks.iter_mut().zip(by).zip(goal_keys) {
                r.note_keyed(key, b.text(goal).value.as_deref().unwrap_or(""));
            }
        }
        KeyRanks(ranks)
    }
    pub(crate) fn of(&self, keys: &[Key]) -> Vec<usize> {
        self.0.iter().zip(keys).map(|(r, k)| r.rank(k)).collect()
    }
    /// How the keys are shown: each one's first spelling in the sheet.
    pub(crate) fn shown(&self, keys: &[Key]) -> Vec<String> {
        self.0.iter().zip(keys).map(|(r, k)| r.of(k)).collect()
    }
}

/// Each goal's keys for `by` ([`GroupBy::key`]), by goal index: built once per run, as a key
/// normalises its text ([`Key::new`]).
pub fn goal_keys(plan: &Plan, by: &[GroupBy]) -> Vec<Vec<Key>> {
    plan.goals.iter().map(|g| keys_of(g, by)).collect()
}

pub(crate) fn keys_of(goal: &Goal, by: &[GroupBy]) -> Vec<Key> {
    by.iter().map(|b| b.key(goal)).collect()
}

/// Sums of a metric's values over a group: the parts of a derived ratio.
#[derive(Debug, Clone, Copy, Default)]
struct Parts {
    quarters: [Option<f64>; 4],
    year: Option<f64>,
}

fn add(acc: &mut Option<f64>, v: Option<f64>) {
    if let Some(v) = v {
        *acc = Some(acc.unwrap_or(0.0) + v);
    }
}

fn divide(num: Option<f64>, den: Option<f64>) -> Option<f64> {
    match (num, den) {
        (Some(n), Some(d)) if d != 0.0 => finite(Some(tidy(n / d))),
        _ => None,
    }
}

/// Combine per-goal values by the aggregation kind across goals (sum or mean).
fn combine(values: impl Iterator<Item = Option<f64>>, sum: bool) -> Option<f64> {
    let (mut total, mut n) = (0.0, 0usize);
    for v in values.flatten() {
        total += v;
        n += 1;
    }
    if n == 0 {
        None
    } else if sum {
        Some(tidy(total))
    } else {
        Some(tidy(total / n as f64))
    }
}

/// Roll the plan up by the given fields (none: one row per metric and unit for the plan).
///
/// ```
/// use goalsheet::model::{Goal, Plan, Sourced};
/// use goalsheet::rollup::{GroupBy, rollup};
/// let text = |s: &str| Sourced { value: Some(s.to_string()), raw: s.into(), ..Default::default() };
/// let num = |x: f64| Sourced { value: Some(x), raw: x.to_string(), ..Default::default() };
/// let goal = |owner: &str, target: f64| Goal {
///     owner: text(owner), metric: text("Leads"), target: num(target), ..Default::default()
/// };
/// let plan = Plan { goals: vec![goal("Ann", 100.0), goal("Bo", 50.0), goal("Ann", 20.0)],
///                   ..Default::default() };
/// let r = rollup(&plan, &goalsheet::Config::default(), &[GroupBy::Owner]);
/// assert_eq!(r.rows.len(), 2);
/// assert_eq!((r.rows[0].keys[0].as_str(), r.rows[0].year, r.rows[0].goals), ("Ann", Some(120.0), 2));
/// ```
pub fn rollup(plan: &Plan, config: &Config, by: &[GroupBy]) -> Rollup {
    rollup_with_tree(plan, config, by, &Hierarchy::build(plan))
}

/// [`rollup`] with the goal tree the caller built for `plan` (`Hierarchy::build(plan)`), so
/// several rollups of one run index the goals once.
pub fn rollup_with_tree(
    plan: &Plan,
    config: &Config,
    by: &[GroupBy],
    hierarchy: &Hierarchy,
) -> Rollup {
    rollup_with_keys(plan, config, by, hierarchy, &goal_keys(plan, by))
}

/// [`rollup_with_tree`] with each goal's keys for `by` as [`goal_keys`] gives them.
pub fn rollup_with_keys(
    plan: &Plan,
    config: &Config,
    by: &[GroupBy],
    hierarchy: &Hierarchy,
    keys: &[Vec<Key>],
) -> Rollup {
    rollup_with_metrics(plan, config, by, hierarchy, keys, &metric_keys(plan))
}

/// [`rollup_with_keys`] with each goal's normalised metric as [`metric_keys`] gives it (the
/// analysis works them out once for all its rollups).
pub(crate) fn rollup_with_metrics(
    plan: &Plan,
    config: &Config,
    by: &[GroupBy],
    hierarchy: &Hierarchy,
    keys: &[Vec<Key>],
    metrics: &[Option<String>],
) -> Rollup {
    // Per metric: its rank, spelling and aggregation kind (first goal in the sheet).
    let mut metric_rank = Ranks::default();
    let mut unit_rank = Ranks::default();
    // Looked up once per goal: foldhash, not SipHash.
    let mut metric_info: foldhash::HashMap<&str, (String, Aggregation)> = Default::default();
    let mut unit_spelling: foldhash::HashMap<String, String> = Default::default();
    // Each unit as written: its shown spelling and that spelling's comparison form.
    let mut units: foldhash::HashMap<Option<&str>, (String, String)> = Default::default();
    for (goal, m) in plan.goals.iter().zip(metrics) {
        if let Some(m) = m {
            metric_rank.note(m);
            metric_info
                .entry(m.as_str())
                .or_insert_with(|| (goal.metric.shown().unwrap_or_default(), goal.aggregation));
            let (unit, unit_key) = units.entry(goal.unit.value.as_deref()).or_insert_with(|| {
                let unit = goal.unit.shown().unwrap_or_default();
                let key = norm(&unit);
                (unit, key)
            });
            unit_rank.note(unit_key);
            if !unit_spelling.contains_key(unit_key.as_str()) {
                unit_spelling.insert(unit_key.clone(), unit.clone());
            }
        }
    }
    let key_ranks = KeyRanks::build(plan, by, keys);

    // Which goals are rolled up.
    let mut skipped = 0;
    let mut included = vec![false; plan.goals.len()];
    for (i, goal) in plan.goals.iter().enumerate() {
        let has_target =
            finite(goal.target.value).is_some() || goal_quarters(goal).iter().any(Option::is_some);
        if metrics[i].is_none() || !has_target {
            skipped += 1;
        } else {
            included[i] = !has_same_metric_child(hierarchy, metrics, i);
        }
    }

    // The derived ratios and the metrics that are their parts.
    let mut derived: HashMap<String, (String, String)> = HashMap::new();
    for ratio in &config.ratios {
        derived
            .entry(norm(&ratio.metric))
            .or_insert_with(|| (norm(&ratio.numerator), norm(&ratio.denominator)));
    }
    let budget_words: HashSet<String> = config
        .headers
        .get("budget")
        .into_iter()
        .flatten()
        .map(|w| norm(w))
        .chain(["预算".to_string(), "budget".to_string()])
        .collect();
    let part_metrics: HashSet<&str> = derived
        .values()
        .flat_map(|(n, d)| [n.as_str(), d.as_str()])
        .collect();
    let mut parts: HashMap<(&[Key], &str), Parts> = HashMap::new();

    // Each unit's comparison form, worked out once per spelling before the goals are grouped
    // by borrowed keys (no copies of a goal's keys, metric and unit per goal).
    let mut unit_norms = Norms::default();
    for goal in &plan.goals {
        unit_norms.of(goal.unit.text().unwrap_or(""));
    }
    let unit_norms = unit_norms;
    // Group the goals (in order of first appearance; foldhash: one lookup per goal).
    type GroupKey<'k> = (&'k [Key], &'k str, &'k str);
    let mut groups: IndexMap<GroupKey, Vec<usize>, foldhash::fast::RandomState> =
        IndexMap::default();
    for (i, goal) in plan.goals.iter().enumerate() {
        let Some(m) = metrics[i].as_deref().filter(|_| included[i]) else {
            continue;
        };
        let Some(keys) = keys.get(i) else {
            continue;
        };
        if part_metrics.contains(m) {
            let agg = metric_info.get(m).map_or(Aggregation::Sum, |x| x.1);
            let p = parts.entry((keys, m)).or_default();
            for (acc, v) in p.quarters.iter_mut().zip(goal_quarters(goal)) {
                add(acc, v);
            }
            add(&mut p.year, goal_year(goal, agg));
        }
        let unit = unit_norms.get(goal.unit.text().unwrap_or(""));
        groups.entry((keys, m, unit)).or_default().push(i);
    }

    let budget = budget::budget_rows(plan, hierarchy, keys, &key_ranks);
    let budget_by_keys: HashMap<&Vec<String>, Option<f64>> =
        budget.iter().map(|b| (&b.keys, b.budget)).collect();
    let budget_of = |keys: &[Key]| {
        budget_by_keys
            .get(&key_ranks.shown(keys))
            .copied()
            .flatten()
    };
    let metric_exists: HashSet<&str> = metrics.iter().flatten().map(String::as_str).collect();

    let mut rows: Vec<(Vec<usize>, RollupRow)> = Vec::with_capacity(groups.len());
    for ((keys, m, u), members) in groups {
        let (metric, mut aggregation) = metric_info
            .get(m)
            .cloned()
            .unwrap_or_else(|| (m.to_string(), Aggregation::Sum));
        if derived.contains_key(m) {
            // A ratio the config defines by its parts is a ratio, whatever the sheet says.
            aggregation = Aggregation::Ratio;
        }
        let is_percent = members.iter().any(|&i| plan.goals[i].is_percent);
        let values: Vec<([Option<f64>; 4], Option<f64>)> = members
            .iter()
            .map(|&i| {
                let g = &plan.goals[i];
                (goal_quarters(g), goal_year(g, aggregation))
            })
            .collect();
        let sum = aggregation == Aggregation::Sum;
        let mut quarters = [0, 1, 2, 3].map(|q| combine(values.iter().map(|v| v.0[q]), sum));
        let mut year = combine(values.iter().map(|v| v.1), sum);
        let mut mean_of_goals = aggregation == Aggregation::Ratio;
        if let Some((num, den)) = derived.get(m) {
            let n = parts
                .get(&(keys, num.as_str()))
                .copied()
                .unwrap_or_default();
            let (dq, dy) = if !metric_exists.contains(den.as_str()) && budget_words.contains(den) {
                let total = budget_of(keys);
                ([None; 4], total)
            } else {
                let d = parts
                    .get(&(keys, den.as_str()))
                    .copied()
                    .unwrap_or_default();
                (d.quarters, d.year)
            };
            let dq_ = [0, 1, 2, 3].map(|q| divide(n.quarters[q], dq[q]));
            let dy_ = divide(n.year, dy);
            if dy_.is_some() || dq_.iter().any(Option::is_some) {
                quarters = dq_;
                year = dy_;
                mean_of_goals = false;
            }
        }
        let mut rank = vec![metric_rank.of(m), unit_rank.of(u)];
        rank.extend(key_ranks.of(keys));
        let unit = unit_spelling.get(u).cloned().unwrap_or_default();
        rows.push((
            rank,
            RollupRow {
                keys: key_ranks.shown(keys),
                metric,
                unit,
                aggregation,
                is_percent,
                quarters,
                year,
                goals: members.len(),
                mean_of_goals,
            },
        ));
    }
    rows.sort_by(|a, b| a.0.cmp(&b.0));

    Rollup {
        by: by.to_vec(),
        rows: rows.into_iter().map(|(_, r)| r).collect(),
        budget,
        skipped,
    }
}

#[cfg(test)]
mod tests;
