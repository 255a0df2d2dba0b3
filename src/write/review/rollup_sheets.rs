//! By owner / 按负责人 and By channel / 按渠道: the rows of [`crate::rollup::rollup`] (per
//! metric and unit, then key), each quarter, the year and the goal count written as live
//! SUMIFS / AVERAGEIFS / COUNTIFS formulas over the re-written goal sheet, with the result a
//! spreadsheet computes stored beside each.
//!
//! The formulas read hidden helper columns of the goal sheet, written by `plan_sheet`: the
//! owner, channel and metric as criteria can match them exactly (spreadsheet criteria ignore
//! case and treat `* ? ~` as wildcards; merged owner cells are blank but for their first
//! cell), a flag on the goals the rollup counts (leaf goals with a metric and a value), and
//! each goal's year value as a formula over its own cells. The stored results are computed
//! from the cells as written, so they are what a recalculation gives.
//!
//! Sum metrics use SUMIFS, level and ratio metrics AVERAGEIFS (the mean of goals, `-` when
//! no goal has a value); a ratio the config defines by its parts (`[[ratios]]`) divides the
//! numerator metric's SUMIFS by the denominator's; one defined over the budget, or a key
//! longer than a criterion may be, is written as the rollup's value. Where no goal has a
//! value, a sum shows the 0 SUMIFS gives (the rollup stage reports none).

use std::collections::{HashMap, HashSet};

use rust_xlsxwriter::{Chart, ChartType, Format, Formula, Worksheet, XlsxError};

use super::plan_sheet::{GoalSheetInfo, HelperRow};
use super::{
    Ctx, Limits, Styles, Text, Widths, abs_ref, aggregation_label, quote_sheet, result_text,
};
use crate::model::{Aggregation, Field, Key, LayoutKind};
use crate::rollup::{Analysis, Rollup, RollupRow, has_same_metric_child, norm};

/// The key a rollup sheet groups by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum By {
    Owner,
    Channel,
}

impl By {
    fn helper(self, row: &HelperRow) -> Option<&str> {
        match self {
            By::Owner => row.owner.as_deref(),
            By::Channel => row.channel.as_deref(),
        }
    }
    fn field(self) -> Field {
        match self {
            By::Owner => Field::Owner,
            By::Channel => Field::Channel,
        }
    }
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
fn guard_key(key: String) -> String {
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
    owner: HashMap<Key, String>,
    channel: HashMap<Key, String>,
}

impl RollupKeys {
    pub(crate) fn new(analysis: &Analysis) -> Self {
        let lang = analysis.lang;
        RollupKeys {
            owner: helper_texts(&analysis.by_owner.rows, none_label(By::Owner, lang)),
            channel: helper_texts(&analysis.by_channel.rows, none_label(By::Channel, lang)),
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

/// The rollup behind a sheet, and the helper texts of its keys.
fn rollup_of<'a>(ctx: &'a Ctx, by: By) -> (&'a Rollup, &'a HashMap<Key, String>) {
    match by {
        By::Owner => (&ctx.analysis.by_owner, &ctx.keys.owner),
        By::Channel => (&ctx.analysis.by_channel, &ctx.keys.channel),
    }
}

fn none_label(by: By, lang: crate::model::Lang) -> &'static str {
    match by {
        By::Owner => crate::rollup::GroupBy::Owner.blank_label(lang),
        By::Channel => crate::rollup::GroupBy::Channel.blank_label(lang),
    }
}

/// The helper text of each row key, by [`Key`]: the key as first written (so a goal whose
/// owner carries a zero-width space gets the same helper text, and the same SUMIFS row, as
/// the others), made unique ignoring case.
fn helper_texts(rows: &[RollupRow], none: &str) -> HashMap<Key, String> {
    let mut map = HashMap::new();
    let mut used: HashSet<String> = HashSet::new();
    for row in rows {
        let Some(key) = row.keys.first() else {
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
    let metrics: Vec<Option<String>> = plan
        .goals
        .iter()
        .map(|g| g.metric.text().map(norm).filter(|m| !m.is_empty()))
        .collect();
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
            if !has_value || has_same_metric_child(ctx.tree, &metrics, i) {
                return None;
            }
            Some(kinds.get(metric).copied().unwrap_or(g.aggregation))
        })
        .collect()
}

/// Ratios the config defines by their parts, by normalised metric: (numerator, denominator)
/// as the helper column holds metric names. A ratio over the budget (its denominator a budget
/// word no goal carries as a metric) is left out: its denominator is not on the sheet.
fn derived_ratios(ctx: &Ctx) -> HashMap<String, (String, String)> {
    let metrics: HashSet<String> = ctx
        .plan
        .goals
        .iter()
        .filter_map(|g| g.metric.text().map(norm))
        .collect();
    let budget_words: HashSet<String> = ctx
        .config
        .headers
        .get("budget")
        .into_iter()
        .flatten()
        .map(|w| norm(w))
        .chain(["预算".to_string(), "budget".to_string()])
        .collect();
    let mut out = HashMap::new();
    for r in &ctx.config.ratios {
        let (metric, num, den) = (norm(&r.metric), norm(&r.numerator), norm(&r.denominator));
        if out.contains_key(&metric) {
            continue;
        }
        let over_budget = !metrics.contains(&den) && budget_words.contains(&den);
        if !over_budget {
            out.insert(
                metric,
                (
                    metric_criterion_key(&num, ""),
                    metric_criterion_key(&den, ""),
                ),
            );
        } else {
            out.insert(metric, (String::new(), String::new()));
        }
    }
    out.retain(|_, (n, _)| !n.is_empty());
    out
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
fn literal(text: &str) -> String {
    format!("\"{}\"", text.replace('"', "\"\""))
}

/// What a formula sums or averages: a column, and for long layouts the quarter rows.
#[derive(Debug, Clone, Copy)]
struct Measure {
    col: u32,
    quarter: Option<u8>,
}

struct Ranges<'a> {
    info: &'a GoalSheetInfo,
    sheet: String,
}

impl Ranges<'_> {
    fn range(&self, col: u32) -> String {
        format!(
            "{}!{}:{}",
            self.sheet,
            abs_ref(self.info.first_data_row, col),
            abs_ref(self.info.last_row, col)
        )
    }
    /// The criteria pairs of a key and metric (and quarter), plus the leaf flag.
    fn criteria(&self, by: By, key: &str, metric: &str, quarter: Option<u8>, leaf: &str) -> String {
        self.criteria_in(by, key, self.info.metric_col, metric, quarter, leaf)
    }
    /// The same, matching the metric in `metric_col` (the metric with unit, or alone).
    fn criteria_in(
        &self,
        by: By,
        key: &str,
        metric_col: u32,
        metric: &str,
        quarter: Option<u8>,
        leaf: &str,
    ) -> String {
        let key_col = match by {
            By::Owner => self.info.owner_col,
            By::Channel => self.info.channel_col,
        };
        let mut parts = vec![
            self.range(key_col),
            literal(&exact_criterion(key)),
            self.range(metric_col),
            literal(&exact_criterion(metric)),
            self.range(self.info.leaf_col),
            literal(leaf),
        ];
        if let (Some(q), Some(qc)) = (quarter, self.info.quarter_col) {
            parts.push(self.range(qc));
            parts.push(q.to_string());
        }
        parts.join(",")
    }
}

/// A computed cell: a number, or the text shown when there is nothing to average.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Value {
    Num(f64),
    Dash,
    /// Not known: a cell it covers is a formula without a known result.
    Unknown,
}

const DASH: &str = "-";

impl Value {
    fn result(self) -> String {
        match self {
            Value::Num(x) => result_text(x),
            Value::Dash => DASH.to_string(),
            // Written as an empty result (the sheet's default), never a made-up 0.
            Value::Unknown => String::new(),
        }
    }
}

fn mean(values: &[f64]) -> Value {
    if values.is_empty() {
        Value::Dash
    } else {
        Value::Num(values.iter().sum::<f64>() / values.len() as f64)
    }
}

/// The longest metric label a chart's title and series name carry.
const MAX_CHART_LABEL: usize = 200;

const KEY_COL: u16 = 0;
const FIRST_Q_COL: u16 = 4;
const YEAR_COL: u16 = 8;
const GOALS_COL: u16 = 9;
const HEADER_ROW: u32 = 3;

pub(crate) fn write(
    ctx: &Ctx,
    info: Option<&GoalSheetInfo>,
    by: By,
    limits: &mut Limits,
) -> Result<Worksheet, XlsxError> {
    let mut ws = Worksheet::new();
    // A rollup over a cell whose value is unknown has an empty result, not the default 0.
    ws.set_formula_result_default("");
    let name = match by {
        By::Owner => ctx.names.by_owner.clone(),
        By::Channel => ctx.names.by_channel.clone(),
    };
    ws.set_name(&name)?;
    let lang = ctx.lang;
    let key_label = match by {
        By::Owner => ctx.text(Text::Owner),
        By::Channel => ctx.text(Text::Channel),
    };
    let mut widths = Widths::default();
    let title = match by {
        By::Owner => lang.pick("Targets by owner", "按负责人汇总目标"),
        By::Channel => lang.pick("Targets by channel", "按渠道汇总目标"),
    };
    ws.write_string_with_format(0, 0, title, &Styles::title())?;
    ws.write_string_with_format(
        1,
        0,
        lang.pick(
            "Live formulas over the plan sheet: leaf goals only (a parent whose children carry the same metric is not counted again), per metric and unit. Sum metrics add; level and ratio metrics show the mean of goals — not a true rate.",
            "公式实时引用目标表：只汇总末级目标（下级目标与上级指标相同时不重复计算），按指标和单位分别汇总。求和类指标相加；期末值与比率类指标为各目标的平均值，并非真实比率。",
        ),
        &Styles::note(),
    )?;
    let Some(info) = info else {
        return Ok(ws);
    };
    if !ctx.plan.has_column(by.field()) {
        let msg = match by {
            By::Owner => lang.pick("The plan has no owner column.", "目标表没有负责人列。"),
            By::Channel => lang.pick("The plan has no channel column.", "目标表没有渠道列。"),
        };
        ws.write_string_with_format(2, 0, msg, &Styles::note())?;
        return Ok(ws);
    }
    let (rollup, helper_of) = rollup_of(ctx, by);
    let header = Styles::header();
    let heads = [
        key_label,
        ctx.text(Text::Metric),
        ctx.text(Text::Unit),
        ctx.text(Text::Aggregation),
        "Q1",
        "Q2",
        "Q3",
        "Q4",
        ctx.text(Text::Year),
        ctx.text(Text::Goals),
    ];
    // Headers of number columns sit right, above their numbers.
    let header_right = header
        .clone()
        .set_align(rust_xlsxwriter::FormatAlign::Right);
    for (c, h) in heads.iter().enumerate() {
        let fmt = if c >= usize::from(FIRST_Q_COL) {
            &header_right
        } else {
            &header
        };
        ws.write_string_with_format(HEADER_ROW, c as u16, *h, fmt)?;
        widths.see(c as u32, h);
    }
    if rollup.rows.is_empty() {
        ws.write_string_with_format(
            HEADER_ROW + 1,
            0,
            lang.pick(
                "No goal has a metric and a target.",
                "没有同时填写指标和目标值的目标。",
            ),
            &Styles::note(),
        )?;
        widths.apply(&mut ws)?;
        return Ok(ws);
    }

    let ranges = Ranges {
        info,
        sheet: quote_sheet(&info.name),
    };
    // A plan too wide for the helper columns (or with a measure past XFD): no formula may
    // point beyond Excel's grid, so the totals are written as values, with a note.
    let as_values = !columns_fit(info, ctx.plan);
    if as_values {
        ws.write_string_with_format(
            2,
            0,
            lang.pick(
                "The plan is too wide for the helper columns within Excel's 16,384 columns: these totals are values, not live formulas.",
                "目标表太宽，Excel 的 16,384 列内放不下辅助列：以下汇总为数值，而非实时公式。",
            ),
            &Styles::note(),
        )?;
    }
    let long = ctx.plan.layout == LayoutKind::Long;
    let col_of = |f: Field| ctx.plan.columns.get(&f).copied();
    let quarter_measures: [Option<Measure>; 4] = [0u8, 1, 2, 3].map(|q| {
        if long {
            col_of(Field::Target).map(|col| Measure {
                col,
                quarter: Some(q + 1),
            })
        } else {
            col_of(Field::QUARTERS[q as usize])
                .or(info.folded_cols[q as usize])
                .map(|col| Measure { col, quarter: None })
        }
    });
    let year_measure = Measure {
        col: info.year_col,
        quarter: None,
    };
    // The helper rows each formula's criteria select, indexed once.
    let mut members: HashMap<(String, String), Vec<&HelperRow>> = HashMap::new();
    for h in &info.rows {
        if let (Some(k), Some(m)) = (by.helper(h), h.metric.as_deref()) {
            members
                .entry((k.to_lowercase(), m.to_lowercase()))
                .or_default()
                .push(h);
        }
    }
    // By key and metric alone: the parts of ratios the config defines.
    let mut by_name: HashMap<(String, String), Vec<&HelperRow>> = HashMap::new();
    for h in &info.rows {
        if let (Some(k), Some(m)) = (by.helper(h), h.metric_name.as_deref()) {
            by_name
                .entry((k.to_lowercase(), m.to_lowercase()))
                .or_default()
                .push(h);
        }
    }
    let parts_of = derived_ratios(ctx);
    // The numbers a formula covers; `None` when one of them is unknown.
    let select = |rows: &[&HelperRow], m: Measure| -> Option<Vec<f64>> {
        let rows = rows
            .iter()
            .filter(|r| m.quarter.is_none() || r.quarter == m.quarter);
        if rows.clone().any(|r| info.unknown.contains(&(r.row, m.col))) {
            return None;
        }
        Some(
            rows.filter_map(|r| info.numbers.get(&(r.row, m.col)).copied())
                .collect(),
        )
    };

    let mut row = HEADER_ROW + 1;
    let mut chart_block: Option<(u32, u32, String)> = None;
    let mut block: Option<(u32, String, bool)> = None;
    for rr in &rollup.rows {
        let key = rr.keys.first().cloned().unwrap_or_default();
        let metric_key = metric_criterion_key(&rr.metric, &rr.unit);
        let shown_key = if key.is_empty() {
            none_label(by, lang).to_string()
        } else {
            key.clone()
        };
        let block_id = format!("{metric_key}\u{1}{}", rr.aggregation.name());
        if block.as_ref().is_none_or(|b| b.1 != block_id) {
            if let Some((first, _, true)) = block.take()
                && chart_block.is_none()
            {
                chart_block = Some((first, row - 1, rollup_metric_label(rollup, first)));
            }
            block = Some((row, block_id, rr.aggregation == Aggregation::Sum));
        }
        let helper = helper_of
            .get(&Key::new(&key))
            .cloned()
            .unwrap_or_else(|| shown_key.clone());
        let from_parts = rr.aggregation == Aggregation::Ratio && !rr.mean_of_goals;
        let too_long = exact_criterion(&helper).chars().count() > 255
            || exact_criterion(&metric_key).chars().count() > 255;
        let rows: &[&HelperRow] = members
            .get(&(helper.to_lowercase(), metric_key.to_lowercase()))
            .map_or(&[], Vec::as_slice);
        let percent = rr.is_percent;
        let label = if from_parts {
            lang.pick("ratio (of summed parts)", "比率（按分子分母合计）")
                .to_string()
        } else {
            aggregation_label(rr.aggregation, lang)
        };
        let parts = parts_of
            .get(&norm(&rr.metric))
            .filter(|_| from_parts && !too_long && !as_values);
        if let Some((num, den)) = parts {
            // A ratio of summed parts (config `[[ratios]]`): the numerator metric's values over
            // the denominator's, for the same key.
            let rows_of = |metric: &str| -> &[&HelperRow] {
                by_name
                    .get(&(helper.to_lowercase(), metric.to_lowercase()))
                    .map_or(&[], Vec::as_slice)
            };
            let (num_rows, den_rows) = (rows_of(num), rows_of(den));
            let ratio = |m: Measure| -> (String, Value) {
                let sum = |metric: &str| {
                    format!(
                        "SUMIFS({},{})",
                        ranges.range(m.col),
                        ranges.criteria_in(
                            by,
                            &helper,
                            info.metric_name_col,
                            metric,
                            m.quarter,
                            ">0"
                        )
                    )
                };
                let value = match (select(num_rows, m), select(den_rows, m)) {
                    (Some(n), Some(d)) => {
                        let (n, d): (f64, f64) = (n.iter().sum(), d.iter().sum());
                        if d == 0.0 {
                            Value::Dash
                        } else {
                            Value::Num(n / d)
                        }
                    }
                    _ => Value::Unknown,
                };
                (
                    format!("IFERROR({}/{},{})", sum(num), sum(den), literal(DASH)),
                    value,
                )
            };
            for (q, m) in quarter_measures.iter().enumerate() {
                if let Some(m) = m {
                    let (f, v) = ratio(*m);
                    write_formula(&mut ws, row, FIRST_Q_COL + q as u16, &f, v, percent)?;
                }
            }
            let (f, v) = ratio(year_measure);
            write_formula(&mut ws, row, YEAR_COL, &f, v, percent)?;
            let count = rows.iter().filter(|r| r.leaf == 1).count();
            let f = format!(
                "COUNTIFS({})",
                ranges.criteria(by, &helper, &metric_key, None, "1")
            );
            write_formula(&mut ws, row, GOALS_COL, &f, Value::Num(count as f64), false)?;
        } else if from_parts || too_long || as_values {
            // A ratio over the budget (config `[[ratios]]` with a budget denominator) or a key
            // too long for a criterion: the rollup's own number.
            for (q, v) in rr.quarters.iter().enumerate() {
                if let Some(v) = v {
                    write_static(&mut ws, row, FIRST_Q_COL + q as u16, *v, percent)?;
                }
            }
            if let Some(v) = rr.year {
                write_static(&mut ws, row, YEAR_COL, v, percent)?;
            }
            ws.write_number(row, GOALS_COL, rr.goals as f64)?;
        } else {
            let crit =
                |q: Option<u8>, leaf: &str| ranges.criteria(by, &helper, &metric_key, q, leaf);
            let over = |m: Measure, sum: bool| -> (String, Value) {
                let values = select(rows, m);
                if sum {
                    (
                        format!("SUMIFS({},{})", ranges.range(m.col), crit(m.quarter, ">0")),
                        values.map_or(Value::Unknown, |v| Value::Num(v.iter().sum())),
                    )
                } else {
                    (
                        format!(
                            "IFERROR(AVERAGEIFS({},{}),{})",
                            ranges.range(m.col),
                            crit(m.quarter, ">0"),
                            literal(DASH)
                        ),
                        values.map_or(Value::Unknown, |v| mean(&v)),
                    )
                }
            };
            let sum = rr.aggregation == Aggregation::Sum;
            for (q, m) in quarter_measures.iter().enumerate() {
                if let Some(m) = m {
                    let (f, v) = over(*m, sum);
                    write_formula(&mut ws, row, FIRST_Q_COL + q as u16, &f, v, percent)?;
                }
            }
            let (f, v) = over(year_measure, sum);
            write_formula(&mut ws, row, YEAR_COL, &f, v, percent)?;
            let count = rows.iter().filter(|r| r.leaf == 1).count();
            let f = format!("COUNTIFS({})", crit(None, "1"));
            write_formula(&mut ws, row, GOALS_COL, &f, Value::Num(count as f64), false)?;
        }
        let key_text = limits.cell_text(&shown_key);
        widths.see(0, &key_text);
        ws.write_string(row, KEY_COL, key_text)?;
        widths.see(1, &rr.metric);
        ws.write_string(row, 1, limits.cell_text(&rr.metric))?;
        widths.see(2, &rr.unit);
        ws.write_string(row, 2, limits.cell_text(&rr.unit))?;
        widths.see(3, &label);
        ws.write_string(row, 3, label)?;
        // The numbers as they show, so none is written as `###`.
        let shown = rr.quarters.iter().enumerate();
        let shown = shown.map(|(q, v)| (FIRST_Q_COL + q as u16, *v));
        for (c, v) in shown.chain([(YEAR_COL, rr.year)]) {
            if let Some(v) = v {
                widths.number(u32::from(c), v, number_code(v, percent), 1.0);
            }
        }
        row += 1;
        if row >= super::MAX_ROWS {
            limits.cut_rows += 1;
            break;
        }
    }
    if let Some((first, _, true)) = block
        && chart_block.is_none()
    {
        chart_block = Some((first, row - 1, rollup_metric_label(rollup, first)));
    }
    for c in FIRST_Q_COL..=GOALS_COL {
        widths.see(u32::from(c), "000,000,000");
    }
    widths.apply(&mut ws)?;
    ws.set_freeze_panes(HEADER_ROW + 1, 1)?;
    ws.autofilter(HEADER_ROW, 0, row - 1, GOALS_COL)?;
    if let Some((first, last, metric)) = chart_block {
        let index = (first - HEADER_ROW - 1) as usize;
        let percent = rollup.rows.get(index).is_some_and(|r| r.is_percent);
        let chart_code = if percent { "0%" } else { "#,##0" };
        let mut chart = Chart::new(ChartType::Column);
        chart
            .add_series()
            .set_name(&format!("{metric} — {}", ctx.text(Text::Year)))
            .set_categories((name.as_str(), first, KEY_COL, last, KEY_COL))
            .set_values((name.as_str(), first, YEAR_COL, last, YEAR_COL))
            .set_data_label(
                rust_xlsxwriter::ChartDataLabel::new()
                    .show_value()
                    .set_num_format(chart_code),
            );
        chart.title().set_name(&format!("{title}: {metric}"));
        chart.legend().set_hidden();
        // Thousands separators on the value axis (percentages for a percent metric).
        chart.y_axis().set_num_format(chart_code);
        ws.insert_chart(HEADER_ROW, GOALS_COL + 2, &chart)?;
    }
    Ok(ws)
}

/// Whether every column the formulas read lies inside Excel's grid: the helper columns
/// and the plan's target and quarter columns.
fn columns_fit(info: &GoalSheetInfo, plan: &crate::model::Plan) -> bool {
    let measures = [Field::Target]
        .iter()
        .chain(Field::QUARTERS.iter())
        .filter_map(|f| plan.columns.get(f).copied());
    [
        info.leaf_col,
        info.owner_col,
        info.channel_col,
        info.metric_col,
        info.metric_name_col,
        info.year_col,
    ]
    .into_iter()
    .chain(info.quarter_col)
    .chain(measures)
    .all(|c| c < super::MAX_COLS)
}

/// The metric (and unit) of the rollup row written at sheet row `first`.
fn rollup_metric_label(rollup: &Rollup, first: u32) -> String {
    let index = (first - HEADER_ROW - 1) as usize;
    let label = match rollup.rows.get(index) {
        Some(r) if r.unit.is_empty() => r.metric.clone(),
        Some(r) => format!("{} ({})", r.metric, r.unit),
        None => String::new(),
    };
    // A chart title is short: a 30,000-character metric would make the chart unreadable.
    label.chars().take(MAX_CHART_LABEL).collect()
}

/// The format code of a rolled-up number: a percent, a whole number, or two decimals.
fn number_code(x: f64, percent: bool) -> &'static str {
    if percent {
        "0.0%"
    } else if x.fract() == 0.0 {
        "#,##0"
    } else {
        "#,##0.00"
    }
}

fn number_format(value: Value, percent: bool) -> Format {
    match value {
        Value::Num(x) => Format::new().set_num_format(number_code(x, percent)),
        Value::Dash => Format::new().set_align(rust_xlsxwriter::FormatAlign::Right),
        Value::Unknown if percent => Styles::percent(),
        Value::Unknown => Format::new().set_num_format("#,##0.00"),
    }
}

fn write_formula(
    ws: &mut Worksheet,
    row: u32,
    col: u16,
    formula: &str,
    value: Value,
    percent: bool,
) -> Result<(), XlsxError> {
    let f = Formula::new(format!("={formula}")).set_result(value.result());
    ws.write_formula_with_format(row, col, f, &number_format(value, percent))?;
    Ok(())
}

fn write_static(
    ws: &mut Worksheet,
    row: u32,
    col: u16,
    x: f64,
    percent: bool,
) -> Result<(), XlsxError> {
    ws.write_number_with_format(row, col, x, &number_format(Value::Num(x), percent))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn criteria_match_exactly() {
        assert_eq!(exact_criterion("张三"), "=张三");
        assert_eq!(exact_criterion("a*b?~"), "=a~*b~?~~");
        assert_eq!(literal("say \"hi\""), "\"say \"\"hi\"\"\"");
    }

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
        let map = helper_texts(
            &[row("Bob"), row("bob"), row(""), row("007"), row("Bob")],
            "(none)",
        );
        let at = |k: &str| map[&Key::new(k)].as_str();
        assert_eq!(at("Bob"), "Bob");
        assert_eq!(at("bob"), "bob #2");
        assert_eq!(at(""), "(none)");
        assert_eq!(at("007"), "[007]");
        assert_eq!(at("Bob\u{200B} "), "Bob");
        assert_eq!(map.len(), 4);
    }

    #[test]
    fn mean_of_nothing_is_a_dash() {
        assert_eq!(mean(&[]), Value::Dash);
        assert_eq!(mean(&[1.0, 2.0]), Value::Num(1.5));
        assert_eq!(Value::Dash.result(), "-");
    }
}
