//! The hidden helper columns appended to the goal sheet, shared by the goal sheet that
//! writes them (`plan_sheet`) and the By owner / By channel sheets whose formulas read them
//! (`rollup_sheets`): their names, what the rollup formulas know of the written goal sheet,
//! and the texts the helper cells and the criteria share.
//!
//! The owner, channel and metric as criteria can match them exactly (spreadsheet criteria
//! ignore case and treat `* ? ~` as wildcards; merged owner cells are blank but for their
//! first cell).

use std::collections::{HashMap, HashSet};

use super::Ctx;
use crate::model::{Aggregation, Key};
use crate::rollup::{Analysis, GroupBy, Rollup, has_same_metric_child, norm};

/// Header names of the hidden helper columns appended to the goal sheet (recognised and
/// skipped on re-review through `layout::OWN_COLUMNS`).
pub(crate) const HELPER_LEAF: &str = "goalsheet leaf";
pub(crate) const HELPER_OWNER: &str = "goalsheet owner";
pub(crate) const HELPER_CHANNEL: &str = "goalsheet channel";
pub(crate) const HELPER_METRIC: &str = "goalsheet metric";
pub(crate) const HELPER_QUARTER: &str = "goalsheet quarter";
pub(crate) const HELPER_YEAR: &str = "goalsheet year";
pub(crate) const HELPER_METRIC_NAME: &str = "goalsheet metric name";
/// Hidden columns holding each goal's quarters folded from its month columns, for plans
/// without those quarter columns.
pub(crate) const HELPER_FOLDED: [&str; 4] = [
    "goalsheet folded 1",
    "goalsheet folded 2",
    "goalsheet folded 3",
    "goalsheet folded 4",
];
pub(crate) const HELPER_ACTUAL: &str = "goalsheet actual";
pub(crate) const HELPER_BUDGET: &str = "goalsheet budget";
pub(crate) const HELPER_PLANNED: &str = "goalsheet planned";

/// Numbers by cell, kept per column as (row, value) in row order. Noted for every numeric
/// cell of the columns the rollups read (some 800,000 on a 100,000-goal plan) as the sheet is
/// written row by row, so noting one is an append — a hash map spent a tenth of a second
/// probing and growing — and reading one a binary search.
#[derive(Debug, Clone, Default)]
pub(crate) struct CellNumbers {
    columns: Vec<(u32, Vec<(u32, f64)>)>,
    /// Per column, once all are noted ([`CellNumbers::indexed`]): its numbers by row from
    /// its first, where its rows are dense enough that this costs at most about twice the
    /// list. The rollup sheets read some 500,000 cells each by row.
    dense: Vec<Option<DenseColumn>>,
}

#[derive(Debug, Clone)]
struct DenseColumn {
    first_row: u32,
    values: Vec<Option<f64>>,
}

impl CellNumbers {
    /// Note the number of cell (`row`, `col`), replacing one noted before.
    pub fn insert(&mut self, row: u32, col: u32, value: f64) {
        self.dense.clear();
        let at = match self.columns.iter().position(|(c, _)| *c == col) {
            Some(at) => at,
            None => {
                self.columns.push((col, Vec::new()));
                self.columns.len() - 1
            }
        };
        let Some((_, cells)) = self.columns.get_mut(at) else {
            return;
        };
        match cells.last() {
            Some(&(last, _)) if last >= row => match cells.binary_search_by_key(&row, |c| c.0) {
                Ok(i) => {
                    if let Some(cell) = cells.get_mut(i) {
                        cell.1 = value;
                    }
                }
                Err(i) => cells.insert(i, (row, value)),
            },
            _ => cells.push((row, value)),
        }
    }

    /// The number noted for cell (`row`, `col`).
    pub fn get(&self, row: u32, col: u32) -> Option<f64> {
        let at = self.columns.iter().position(|(c, _)| *c == col)?;
        if let Some(Some(dense)) = self.dense.get(at) {
            let i = row.checked_sub(dense.first_row)?;
            return dense.values.get(i as usize).copied().flatten();
        }
        let (_, cells) = self.columns.get(at)?;
        let i = cells.binary_search_by_key(&row, |c| c.0).ok()?;
        cells.get(i).map(|c| c.1)
    }

    /// These numbers, each dense enough column also by row, for reading many back: once
    /// noting is done (noting another forgets the index).
    pub fn indexed(mut self) -> CellNumbers {
        self.dense = self
            .columns
            .iter()
            .map(|(_, cells)| {
                let (first, last) = (cells.first()?.0, cells.last()?.0);
                let span = (last - first) as usize + 1;
                // `Option<f64>` is 16 bytes, as a listed (row, number) is.
                if span > 2 * cells.len() + 1_024 {
                    return None;
                }
                let mut values = vec![None; span];
                for &(r, v) in cells {
                    if let Some(slot) = values.get_mut((r - first) as usize) {
                        *slot = Some(v);
                    }
                }
                Some(DenseColumn {
                    first_row: first,
                    values,
                })
            })
            .collect();
        self
    }
}

/// The written goal sheet, as the rollup formulas see it.
#[derive(Debug, Clone, Default)]
pub(crate) struct GoalSheetInfo {
    pub name: String,
    pub first_data_row: u32,
    /// The last row the formulas' ranges cover (at least `first_data_row`).
    pub last_row: u32,
    /// Numeric cells as written (formula cells by their stored result, dates as serials).
    pub numbers: CellNumbers,
    /// Cells of the columns the rollups read written as formulas with no result (the
    /// original stored none and goalsheet could not compute it): a rollup over one of them
    /// has no known result either.
    pub unknown: HashSet<(u32, u32)>,
    pub leaf_col: u32,
    pub owner_col: u32,
    pub channel_col: u32,
    pub metric_col: u32,
    /// The metric alone (any unit), for ratios defined by their parts.
    pub metric_name_col: u32,
    /// Each rolled-up goal's year value (a formula on its first row).
    pub year_col: u32,
    /// Long layout: the quarter (1–4, 0 for the annual row) each row's target cell holds.
    pub quarter_col: Option<u32>,
    /// Per quarter without a column of its own: the column of its value folded from the
    /// months (a formula over the goal's month cells on its first row).
    pub folded_cols: [Option<u32>; 4],
    /// Each rolled-up goal's actual so far (a formula on its first row: the actual cell, else
    /// the actual quarters combined), where it has one.
    pub actual_col: u32,
    /// 1 on the row of a goal's budget cell when that budget counts toward the owner and
    /// channel budgets, else 0.
    pub budget_flag_col: u32,
    /// Each goal's planned action budget: a SUMIFS over the action sheet by the goal's id.
    pub planned_col: u32,
    /// The plan's baseline and budget columns.
    pub baseline_col: Option<u32>,
    pub budget_col: Option<u32>,
    pub rows: Vec<HelperRow>,
}

/// The helper values of one written row of a rolled-up goal.
#[derive(Debug, Clone, Default)]
pub(crate) struct HelperRow {
    pub row: u32,
    /// The owner and channel as the criteria see them ([`RollupKeys`]).
    pub owner: Option<String>,
    pub channel: Option<String>,
    /// The metric and unit as the criteria see them ([`metric_criterion_key`]).
    pub metric: Option<String>,
    /// The metric alone, as the criteria see it.
    pub metric_name: Option<String>,
    /// 1 on the goal's first row, 2 on its other rows (long layout), 0 for a goal the
    /// rollups do not count.
    pub leaf: u8,
    pub quarter: Option<u8>,
    /// The row holds a budget that counts (`goalsheet budget` is 1).
    pub counted_budget: bool,
}

/// The metric and unit as the helper column holds them: both normalised as the rollup
/// compares them (case and spaces ignored), `销售额 [万元]`.
pub(crate) fn metric_criterion_key(metric: &str, unit: &str) -> String {
    let unit = norm(unit);
    let key = if unit.is_empty() {
        norm(metric)
    } else {
        format!("{} [{unit}]", norm(metric))
    };
    guard_key(key)
}

/// A criterion text that looks like a number, date or boolean would be compared as one;
/// brackets keep it text. Control characters (NUL, ESC, …) become `\u{FFFD}`: a workbook
/// cannot hold them as they are in a formula, so the helper cell and the criterion carry
/// the same visible stand-in and the stored and recalculated results agree.
pub(crate) fn guard_key(key: String) -> String {
    let key = if key.chars().any(char::is_control) {
        key.chars()
            .map(|c| if c.is_control() { '\u{FFFD}' } else { c })
            .collect()
    } else {
        key
    };
    let lower = key.to_lowercase();
    if !key.chars().any(char::is_alphabetic) || lower == "true" || lower == "false" {
        format!("[{key}]")
    } else {
        key
    }
}

/// The helper text of every owner and channel key: unique ignoring case (as criteria
/// compare), never blank (a goal without an owner is under `(no owner)`).
#[derive(Debug, Clone, Default)]
pub(crate) struct RollupKeys {
    pub(super) owner: HelperTexts,
    pub(super) channel: HelperTexts,
}

/// Helper texts by key. Looked up for every goal row: foldhash, not SipHash.
pub(crate) type HelperTexts = foldhash::HashMap<Key, String>;

impl RollupKeys {
    pub(crate) fn new(analysis: &Analysis) -> Self {
        let lang = analysis.lang;
        RollupKeys {
            owner: helper_texts(&analysis.by_owner, GroupBy::Owner.blank_label(lang)),
            channel: helper_texts(&analysis.by_channel, GroupBy::Channel.blank_label(lang)),
        }
    }
    /// The helper text of a goal's owner key (`None` when the goal is in no owner row).
    pub(crate) fn owner(&self, key: &Key) -> Option<String> {
        self.owner.get(key).cloned()
    }
    /// The helper text of a goal's channel key.
    pub(crate) fn channel(&self, key: &Key) -> Option<String> {
        self.channel.get(key).cloned()
    }
}

/// The helper text of each row key, by [`Key`]: the key as first written (so a goal whose
/// owner carries a zero-width space gets the same helper text, and the same SUMIFS row, as
/// the others), made unique ignoring case. The keys of the budget rows too, so a goal with a
/// budget but no rolled-up metric is under its key in the budget by owner and channel.
fn helper_texts(rollup: &Rollup, none: &str) -> HelperTexts {
    let mut map = HelperTexts::default();
    let mut used: HashSet<String> = HashSet::new();
    let keys = rollup.rows.iter().map(|r| &r.keys);
    for keys in keys.chain(rollup.budget.iter().map(|b| &b.keys)) {
        let Some(key) = keys.first() else {
            continue;
        };
        if map.contains_key(&Key::new(key)) {
            continue;
        }
        let base = guard_key(if key.is_empty() {
            none.to_string()
        } else {
            key.clone()
        });
        let mut candidate = base.clone();
        let mut n = 2;
        while used.contains(&candidate.to_lowercase()) {
            candidate = format!("{base} #{n}");
            n += 1;
        }
        used.insert(candidate.to_lowercase());
        map.insert(Key::new(key), candidate);
    }
    map
}

/// Per goal: `Some(kind)` when the rollups count it (a metric, a target or quarter value,
/// no child carrying the same metric — as [`crate::rollup`] decides), with its metric's
/// aggregation kind there.
pub(crate) fn rolled_up_goals(ctx: &Ctx) -> Vec<Option<Aggregation>> {
    let plan = ctx.plan;
    let metrics = &ctx.analysis.metric_keys;
    let kinds: HashMap<String, Aggregation> = ctx
        .analysis
        .by_owner
        .rows
        .iter()
        .map(|r| (norm(&r.metric), r.aggregation))
        .collect();
    plan.goals
        .iter()
        .enumerate()
        .map(|(i, g)| {
            let metric = metrics[i].as_ref()?;
            let has_value = g.target.value.is_some_and(f64::is_finite)
                || g.quarters
                    .iter()
                    .any(|q| q.value.is_some_and(f64::is_finite));
            if !has_value || has_same_metric_child(ctx.tree, metrics, i) {
                return None;
            }
            Some(kinds.get(metric).copied().unwrap_or(g.aggregation))
        })
        .collect()
}

/// A criterion that matches exactly this text: `=` then the text with `~ * ?` escaped.
pub(crate) fn exact_criterion(text: &str) -> String {
    let mut s = String::from("=");
    for c in text.chars() {
        if matches!(c, '~' | '*' | '?') {
            s.push('~');
        }
        s.push(c);
    }
    s
}

/// A string literal for a formula.
pub(crate) fn literal(text: &str) -> String {
    format!("\"{}\"", text.replace('"', "\"\""))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rollup::RollupRow;

    #[test]
    fn helper_keys_stay_text_and_unique_ignoring_case() {
        assert_eq!(
            metric_criterion_key("Sales Revenue", "万元"),
            "salesrevenue [万元]"
        );
        assert_eq!(metric_criterion_key("2026", ""), "[2026]");
        let row = |k: &str| RollupRow {
            keys: vec![k.to_string()],
            metric: "m".into(),
            unit: String::new(),
            aggregation: Aggregation::Sum,
            is_percent: false,
            quarters: [None; 4],
            year: None,
            goals: 1,
            mean_of_goals: false,
        };
        let rollup = Rollup {
            rows: vec![row("Bob"), row("bob"), row(""), row("007"), row("Bob")],
            ..Rollup::default()
        };
        let map = helper_texts(&rollup, "(none)");
        let at = |k: &str| map[&Key::new(k)].as_str();
        assert_eq!(at("Bob"), "Bob");
        assert_eq!(at("bob"), "bob #2");
        assert_eq!(at(""), "(none)");
        assert_eq!(at("007"), "[007]");
        assert_eq!(at("Bob\u{200B} "), "Bob");
        assert_eq!(map.len(), 4);
    }

    #[test]
    fn cell_numbers_find_what_was_noted_in_any_order() {
        let mut numbers = CellNumbers::default();
        // In row order (the writer's way), then out of order, then a cell noted again.
        numbers.insert(3, 7, 1.5);
        numbers.insert(5, 7, 2.0);
        numbers.insert(9, 2, -4.0);
        numbers.insert(4, 7, 8.0);
        numbers.insert(1, 7, 0.25);
        numbers.insert(5, 7, 3.0);
        assert_eq!(numbers.get(1, 7), Some(0.25));
        assert_eq!(numbers.get(3, 7), Some(1.5));
        assert_eq!(numbers.get(4, 7), Some(8.0));
        assert_eq!(numbers.get(5, 7), Some(3.0), "the later number counts");
        assert_eq!(numbers.get(9, 2), Some(-4.0));
        assert_eq!(numbers.get(9, 7), None);
        assert_eq!(numbers.get(2, 7), None);
        assert_eq!(numbers.get(3, 2), None);
        assert_eq!(numbers.get(3, 8), None);
        // Indexed by row (dense columns) or not (column 4: two rows far apart), the same.
        numbers.insert(0, 4, 6.0);
        numbers.insert(90_000, 4, 7.0);
        let indexed = numbers.clone().indexed();
        assert_eq!(
            indexed
                .dense
                .iter()
                .map(Option::is_some)
                .collect::<Vec<_>>(),
            [true, true, false]
        );
        for row in (0..12).chain([89_999, 90_000, 90_001]) {
            for col in [2, 4, 7, 8] {
                assert_eq!(indexed.get(row, col), numbers.get(row, col), "{row} {col}");
            }
        }
        assert_eq!(indexed.get(90_000, 4), Some(7.0));
        assert_eq!(indexed.get(4, 7), Some(8.0));
    }

    #[test]
    fn criteria_match_exactly() {
        assert_eq!(exact_criterion("张三"), "=张三");
        assert_eq!(exact_criterion("a*b?~"), "=a~*b~?~~");
        assert_eq!(literal("say \"hi\""), "\"say \"\"hi\"\"\"");
    }
}
