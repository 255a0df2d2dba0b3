//! By owner / 按负责人 and By channel / 按渠道: the rows of [`crate::rollup::rollup`] (per
//! metric and unit, then key), each quarter, the year and the goal count written as live
//! SUMIFS / AVERAGEIFS / COUNTIFS formulas over the re-written goal sheet, with the result a
//! spreadsheet computes stored beside each; after each block of a sum metric a total row
//! (SUM over the block); where the plan has actuals, per row the actual, the baseline, the
//! progress, the progress expected at the as-of date and the status, as formulas that read
//! the as-of date from a cell on the sheet (change it and the status recomputes); below the
//! table the budget by key (the goals' budgets that count, and the actions' planned budgets);
//! and a column chart of the first sum metric.
//!
//! The formulas read the hidden helper columns of the goal sheet ([`super::helper_columns`]):
//! the keys and metric as criteria, a flag on the goals the rollup counts, each goal's year
//! value and actual as formulas over its own cells, a flag on the budgets that count and each
//! goal's planned action budget. The stored results are computed from the cells as written,
//! so they are what a recalculation gives; progress, expected and status from those with
//! [`crate::rollup::judge_row`], the one definition the rollup stage uses too.
//!
//! Sum metrics use SUMIFS, level and ratio metrics AVERAGEIFS (the mean of goals, `-` when
//! no goal has a value); a ratio the config defines by its parts (`[[ratios]]`) divides the
//! numerator metric's SUMIFS by the denominator's; one defined over the budget, or a key
//! longer than a criterion may be, is written as the rollup's value (and its progress as the
//! rollup stage's). Where no goal has a value, a sum shows the 0 SUMIFS gives (the rollup
//! stage reports none).

mod budget;
mod formulas;
mod progress;

use formulas::*;

use std::collections::HashMap;

use chrono::NaiveDate;
use rust_xlsxwriter::{Chart, ChartType, Format, Worksheet, XlsxError};

use super::helper_columns::{
    GoalSheetInfo, HelperRow, HelperTexts, exact_criterion, literal, metric_criterion_key,
};
use super::{Ctx, Limits, Styles, Text, Widths, abs_ref, aggregation_label, quote_sheet};
use crate::model::{Aggregation, Direction, Field, Key, Lang, LayoutKind};
use crate::rollup::{
    BudgetRow, GroupBy, PlanCalendar, Rollup, RollupRow, RowFigures, RowProgress, judge_row, norm,
};

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
    fn none_label(self, lang: Lang) -> &'static str {
        match self {
            By::Owner => GroupBy::Owner.blank_label(lang),
            By::Channel => GroupBy::Channel.blank_label(lang),
        }
    }
}

/// The rollup behind a sheet, its rows' progress, and the helper texts of its keys.
fn rollup_of<'a>(ctx: &'a Ctx, by: By) -> (&'a Rollup, &'a [Option<RowProgress>], &'a HelperTexts) {
    let a = ctx.analysis;
    match by {
        By::Owner => (&a.by_owner, &a.owner_progress, &ctx.keys.owner),
        By::Channel => (&a.by_channel, &a.channel_progress, &ctx.keys.channel),
    }
}

/// The longest metric label a chart's title and series name carry.
const MAX_CHART_LABEL: usize = 200;

const KEY_COL: u16 = 0;
const FIRST_Q_COL: u16 = 4;
const YEAR_COL: u16 = 8;
const GOALS_COL: u16 = 9;
/// Progress columns (where the plan has actuals).
const ACTUAL_COL: u16 = 10;
const BASELINE_COL: u16 = 11;
const PROGRESS_COL: u16 = 12;
const EXPECTED_COL: u16 = 13;
const STATUS_COL: u16 = 14;
/// The as-of date (label in A, the date in B) the status formulas read.
const AS_OF_ROW: u32 = 3;
/// The share of each quarter (E..H) and of the year (I) elapsed at the as-of date.
const SHARE_ROW: u32 = 4;
const HEADER_ROW: u32 = 5;

/// Write the By owner or By channel sheet (see the module docs).
pub(crate) fn write(
    ctx: &Ctx,
    info: Option<&GoalSheetInfo>,
    by: By,
    limits: &mut Limits,
) -> Result<Worksheet, XlsxError> {
    let (mut ws, name, title) = start_sheet(ctx, by)?;
    let Some(info) = info else {
        return Ok(ws);
    };
    let lang = ctx.lang;
    if !ctx.plan.has_column(by.field()) {
        let msg = match by {
            By::Owner => lang.pick("The plan has no owner column.", "目标表没有负责人列。"),
            By::Channel => lang.pick("The plan has no channel column.", "目标表没有渠道列。"),
        };
        ws.write_string_with_format(2, 0, msg, &Styles::note())?;
        return Ok(ws);
    }
    let mut sheet = RollupSheet::new(ctx, info, by, ws);
    sheet.write_header()?;
    if sheet.rollup.rows.is_empty() {
        sheet.ws.write_string_with_format(
            HEADER_ROW + 1,
            0,
            lang.pick(
                "No goal has a metric and a target.",
                "没有同时填写指标和目标值的目标。",
            ),
            &Styles::note(),
        )?;
        sheet.widths.apply(&mut sheet.ws)?;
        return Ok(sheet.ws);
    }
    if sheet.as_values {
        sheet.ws.write_string_with_format(
            2,
            0,
            lang.pick(
                "The plan is too wide for the helper columns within Excel's 16,384 columns: these totals are values, not live formulas.",
                "目标表太宽，Excel 的 16,384 列内放不下辅助列：以下汇总为数值，而非实时公式。",
            ),
            &Styles::note(),
        )?;
    }
    if sheet.show_progress {
        sheet.write_as_of()?;
    }

    let mut row = HEADER_ROW + 1;
    let mut chart: Option<(u32, u32, usize)> = None;
    'blocks: for block in blocks(&sheet.rollup.rows) {
        let first = row;
        let mut stored: Vec<[Value; 6]> = Vec::new();
        for index in block.clone() {
            stored.push(sheet.write_row(row, index, limits)?);
            row += 1;
            if row >= super::MAX_ROWS {
                limits.cut_rows += 1;
                break 'blocks;
            }
        }
        let is_sum = sheet.rollup.rows[block.start].aggregation == Aggregation::Sum;
        if is_sum {
            chart.get_or_insert((first, row - 1, block.start));
            sheet.write_total_row(row, first, block.start, &stored, limits)?;
            row += 1;
            if row >= super::MAX_ROWS {
                limits.cut_rows += 1;
                break;
            }
        }
    }
    let table_end = row - 1;
    if row + 4 < super::MAX_ROWS {
        sheet.write_budget(row + 1, limits)?;
    }
    sheet.finish(table_end, chart, &name, title)
}

/// A new sheet with its name, title and the note on what it counts.
fn start_sheet(ctx: &Ctx, by: By) -> Result<(Worksheet, String, &'static str), XlsxError> {
    let mut ws = Worksheet::new();
    // A rollup over a cell whose value is unknown has an empty result, not the default 0.
    ws.set_formula_result_default("");
    let name = match by {
        By::Owner => ctx.names.by_owner.clone(),
        By::Channel => ctx.names.by_channel.clone(),
    };
    ws.set_name(&name)?;
    let lang = ctx.lang;
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
    Ok((ws, name, title))
}

/// The rows of each metric block (one metric, unit and kind), in order.
fn blocks(rows: &[RollupRow]) -> Vec<std::ops::Range<usize>> {
    let id = |r: &RollupRow| (norm(&r.metric), norm(&r.unit), r.aggregation);
    let mut out: Vec<std::ops::Range<usize>> = Vec::new();
    for (i, r) in rows.iter().enumerate() {
        match out.last_mut() {
            Some(b) if rows.get(b.start).map(id) == Some(id(r)) => b.end = i + 1,
            _ => out.push(i..i + 1),
        }
    }
    out
}

/// Helper rows grouped by a text key as criteria compare it (`lower`: ignoring case), each
/// group in row order. The rows repeat a few hundred spellings: each spelling is lower-cased
/// once, not once per row.
fn group_ignoring_case<'a, K, L>(
    rows: &'a [HelperRow],
    key: impl Fn(&'a HelperRow) -> Option<K>,
    lower: impl Fn(K) -> L,
) -> HashMap<L, Vec<&'a HelperRow>>
where
    K: Copy + Eq + std::hash::Hash,
    L: Clone + Eq + std::hash::Hash,
{
    let mut group_of: foldhash::HashMap<K, usize> = Default::default();
    let mut lowered: HashMap<L, usize> = HashMap::new();
    let mut groups: Vec<(L, Vec<&HelperRow>)> = Vec::new();
    for h in rows {
        let Some(k) = key(h) else { continue };
        let at = *group_of.entry(k).or_insert_with(|| {
            let l = lower(k);
            *lowered.entry(l.clone()).or_insert_with(|| {
                groups.push((l, Vec::new()));
                groups.len() - 1
            })
        });
        if let Some((_, group)) = groups.get_mut(at) {
            group.push(h);
        }
    }
    groups.into_iter().collect()
}

/// One rollup sheet being written: what every row's formulas need, built once.
struct RollupSheet<'a> {
    ctx: &'a Ctx<'a>,
    by: By,
    info: &'a GoalSheetInfo,
    ranges: Ranges<'a>,
    rollup: &'a Rollup,
    progress: &'a [Option<RowProgress>],
    helper_of: &'a HelperTexts,
    /// The plan is too wide for the helper columns: every number is a value.
    as_values: bool,
    /// The plan has actuals: the progress columns are written.
    show_progress: bool,
    /// Long layout: progress and budget as values (a goal's cells are on several rows).
    long: bool,
    quarter_measures: [Option<Measure>; 4],
    year_measure: Measure,
    /// The helper rows each key and metric (with unit) select, lower-cased.
    members: HashMap<(String, String), Vec<&'a HelperRow>>,
    /// The same by key and metric alone: the parts of ratios the config defines.
    by_name: HashMap<(String, String), Vec<&'a HelperRow>>,
    /// The helper rows of each key (lower-cased), whatever their metric: the budget part's.
    by_key: HashMap<String, Vec<&'a HelperRow>>,
    parts_of: HashMap<String, (String, String)>,
    /// The plan year and the as-of date the status formulas judge at.
    calendar: Option<PlanCalendar>,
    as_of: NaiveDate,
    ws: Worksheet,
    widths: Widths,
    /// The budget part's stored numbers by (row, column), for its total row.
    budget_stored: HashMap<(u32, u16), f64>,
}

impl<'a> RollupSheet<'a> {
    fn new(ctx: &'a Ctx<'a>, info: &'a GoalSheetInfo, by: By, ws: Worksheet) -> Self {
        let (rollup, progress, helper_of) = rollup_of(ctx, by);
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
        let index = |metric: fn(&HelperRow) -> Option<&str>| {
            group_ignoring_case(
                &info.rows,
                |h| Some((by.helper(h)?, metric(h)?)),
                |(k, m)| (k.to_lowercase(), m.to_lowercase()),
            )
        };
        let by_key = group_ignoring_case(&info.rows, |h| by.helper(h), str::to_lowercase);
        let as_of = ctx.analysis.as_of;
        RollupSheet {
            ctx,
            by,
            info,
            ranges: Ranges {
                info,
                sheet: quote_sheet(&info.name),
            },
            rollup,
            progress,
            helper_of,
            as_values: !columns_fit(info, ctx.plan),
            show_progress: progress.iter().any(Option::is_some)
                && PlanCalendar::of(ctx.plan, as_of).is_some(),
            long,
            quarter_measures,
            year_measure: Measure {
                col: info.year_col,
                quarter: None,
            },
            members: index(|h| h.metric.as_deref()),
            by_name: index(|h| h.metric_name.as_deref()),
            by_key,
            parts_of: derived_ratios(ctx),
            calendar: PlanCalendar::of(ctx.plan, as_of),
            as_of,
            ws,
            widths: Widths::default(),
            budget_stored: HashMap::new(),
        }
    }

    fn key_label(&self) -> &'static str {
        match self.by {
            By::Owner => self.ctx.text(Text::Owner),
            By::Channel => self.ctx.text(Text::Channel),
        }
    }

    /// The column headers (with the progress columns where the plan has actuals).
    fn write_header(&mut self) -> Result<(), XlsxError> {
        let ctx = self.ctx;
        let lang = ctx.lang;
        let mut heads = vec![
            self.key_label(),
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
        if self.show_progress {
            heads.extend([
                lang.pick("Actual", "实际"),
                lang.pick("Baseline", "基线"),
                lang.pick("Progress", "进度"),
                lang.pick("Expected", "应达进度"),
                lang.pick("Status", "状态"),
            ]);
        }
        let header = Styles::header();
        // Headers of number columns sit right, above their numbers.
        let header_right = header
            .clone()
            .set_align(rust_xlsxwriter::FormatAlign::Right);
        for (c, h) in heads.iter().enumerate() {
            let fmt = if c >= usize::from(FIRST_Q_COL) && c != usize::from(STATUS_COL) {
                &header_right
            } else {
                &header
            };
            self.ws
                .write_string_with_format(HEADER_ROW, c as u16, *h, fmt)?;
            self.widths.see(c as u32, h);
        }
        Ok(())
    }

    /// One rollup row: its text cells, quarters, year and goal count, and its progress.
    /// Returns the stored quarters and year.
    fn write_row(
        &mut self,
        row: u32,
        index: usize,
        limits: &mut Limits,
    ) -> Result<[Value; 6], XlsxError> {
        let rollup = self.rollup;
        let Some(rr) = rollup.rows.get(index) else {
            return Ok([Value::Unknown; 6]);
        };
        let lang = self.ctx.lang;
        let key = rr.keys.first().cloned().unwrap_or_default();
        let shown_key = if key.is_empty() {
            self.by.none_label(lang).to_string()
        } else {
            key.clone()
        };
        let helper = self
            .helper_of
            .get(&Key::new(&key))
            .cloned()
            .unwrap_or_else(|| shown_key.clone());
        let metric_key = metric_criterion_key(&rr.metric, &rr.unit);
        let from_parts = rr.aggregation == Aggregation::Ratio && !rr.mean_of_goals;
        let too_long = exact_criterion(&helper).chars().count() > 255
            || exact_criterion(&metric_key).chars().count() > 255;
        let label = if from_parts {
            lang.pick("ratio (of summed parts)", "比率（按分子分母合计）")
                .to_string()
        } else {
            aggregation_label(rr.aggregation, lang)
        };
        let parts = self
            .parts_of
            .get(&norm(&rr.metric))
            .cloned()
            .filter(|_| from_parts && !too_long && !self.as_values);
        let stored = if let Some((num, den)) = parts {
            self.write_ratio_of_parts(row, rr, &helper, &metric_key, &num, &den)?
        } else if from_parts || too_long || self.as_values {
            self.write_values(row, rr)?
        } else {
            self.write_sums_or_means(row, rr, &helper, &metric_key)?
        };
        let key_text = limits.cell_text(&shown_key);
        self.widths.see(0, &key_text);
        self.ws.write_string(row, KEY_COL, key_text)?;
        self.widths.see(1, &rr.metric);
        self.ws.write_string(row, 1, limits.cell_text(&rr.metric))?;
        self.widths.see(2, &rr.unit);
        self.ws.write_string(row, 2, limits.cell_text(&rr.unit))?;
        self.widths.see(3, &label);
        self.ws.write_string(row, 3, label)?;
        // The numbers as they show, so none is written as `###`.
        for (slot, v) in stored.iter().take(5).enumerate() {
            if let Value::Num(x) = v {
                let col = u32::from(FIRST_Q_COL) + slot as u32;
                self.widths
                    .number(col, *x, number_code(*x, rr.is_percent), 1.0);
            }
        }
        if let Some(Some(p)) = self.progress.get(index) {
            let live = !(from_parts || too_long || self.as_values || self.long);
            if live {
                self.write_progress(row, rr, p, &helper, &metric_key, &stored)?;
            } else {
                self.write_progress_values(row, rr, p)?;
            }
        }
        Ok(stored)
    }

    /// The numbers a formula covers; `None` when one of them is unknown.
    fn select(&self, rows: &[&HelperRow], m: Measure) -> Option<Vec<f64>> {
        let info = self.info;
        let rows = rows
            .iter()
            .filter(|r| m.quarter.is_none() || r.quarter == m.quarter);
        if rows.clone().any(|r| info.unknown.contains(&(r.row, m.col))) {
            return None;
        }
        Some(
            rows.filter_map(|r| info.numbers.get(r.row, m.col))
                .collect(),
        )
    }

    /// The helper rows of a key and metric (with unit).
    fn rows_of(&self, helper: &str, metric_key: &str) -> Vec<&'a HelperRow> {
        self.members
            .get(&(helper.to_lowercase(), metric_key.to_lowercase()))
            .cloned()
            .unwrap_or_default()
    }

    /// The goal count of a row: COUNTIFS over the leaf flag; returns what it counts.
    fn write_count(
        &mut self,
        row: u32,
        helper: &str,
        metric_key: &str,
    ) -> Result<Value, XlsxError> {
        let rows = self.rows_of(helper, metric_key);
        let count = Value::Num(rows.iter().filter(|r| r.leaf == 1).count() as f64);
        let f = format!(
            "COUNTIFS({})",
            self.ranges.criteria(self.by, helper, metric_key, None, "1")
        );
        write_formula(&mut self.ws, row, GOALS_COL, &f, count, false)?;
        Ok(count)
    }

    /// A ratio of summed parts (config `[[ratios]]`): the numerator metric's SUMIFS over the
    /// denominator's, for the same key.
    fn write_ratio_of_parts(
        &mut self,
        row: u32,
        rr: &RollupRow,
        helper: &str,
        metric_key: &str,
        num: &str,
        den: &str,
    ) -> Result<[Value; 6], XlsxError> {
        let rows_of = |metric: &str| -> Vec<&HelperRow> {
            self.by_name
                .get(&(helper.to_lowercase(), metric.to_lowercase()))
                .cloned()
                .unwrap_or_default()
        };
        let (num_rows, den_rows) = (rows_of(num), rows_of(den));
        let ratio = |m: Measure| -> (String, Value) {
            let sum = |metric: &str| {
                format!(
                    "SUMIFS({},{})",
                    self.ranges.range(m.col),
                    self.ranges.criteria_in(
                        self.by,
                        helper,
                        self.info.metric_name_col,
                        metric,
                        m.quarter,
                        ">0"
                    )
                )
            };
            let value = match (self.select(&num_rows, m), self.select(&den_rows, m)) {
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
        let cells: Vec<(u16, String, Value)> = self
            .measures()
            .into_iter()
            .map(|(c, m)| {
                let (f, v) = ratio(m);
                (c, f, v)
            })
            .collect();
        let mut stored = self.write_measures(row, cells, rr.is_percent)?;
        stored[5] = self.write_count(row, helper, metric_key)?;
        Ok(stored)
    }

    /// The rollup's own numbers, for a ratio over the budget, a key too long for a
    /// criterion, or a plan too wide for the helper columns.
    fn write_values(&mut self, row: u32, rr: &RollupRow) -> Result<[Value; 6], XlsxError> {
        let mut stored = [Value::Dash; 6];
        for (q, v) in rr.quarters.iter().enumerate() {
            if let Some(v) = v {
                write_static(&mut self.ws, row, FIRST_Q_COL + q as u16, *v, rr.is_percent)?;
                stored[q] = Value::Num(*v);
            }
        }
        if let Some(v) = rr.year {
            write_static(&mut self.ws, row, YEAR_COL, v, rr.is_percent)?;
            stored[4] = Value::Num(v);
        }
        self.ws.write_number(row, GOALS_COL, rr.goals as f64)?;
        stored[5] = Value::Num(rr.goals as f64);
        Ok(stored)
    }

    /// SUMIFS (sum metrics) or AVERAGEIFS (level and ratio: the mean of goals) per quarter
    /// and the year, and the goal count.
    fn write_sums_or_means(
        &mut self,
        row: u32,
        rr: &RollupRow,
        helper: &str,
        metric_key: &str,
    ) -> Result<[Value; 6], XlsxError> {
        let rows = self.rows_of(helper, metric_key);
        let sum = rr.aggregation == Aggregation::Sum;
        let cells: Vec<(u16, String, Value)> = self
            .measures()
            .into_iter()
            .map(|(c, m)| {
                let range = self.ranges.range(m.col);
                let crit = self
                    .ranges
                    .criteria(self.by, helper, metric_key, m.quarter, ">0");
                let values = self.select(&rows, m);
                if sum {
                    (
                        c,
                        format!("SUMIFS({range},{crit})"),
                        values.map_or(Value::Unknown, |v| Value::Num(v.iter().sum())),
                    )
                } else {
                    (
                        c,
                        format!("IFERROR(AVERAGEIFS({range},{crit}),{})", literal(DASH)),
                        values.map_or(Value::Unknown, |v| mean(&v)),
                    )
                }
            })
            .collect();
        let mut stored = self.write_measures(row, cells, rr.is_percent)?;
        stored[5] = self.write_count(row, helper, metric_key)?;
        Ok(stored)
    }

    /// The quarter and year measures present, by column.
    fn measures(&self) -> Vec<(u16, Measure)> {
        let quarters = self.quarter_measures.iter().enumerate();
        quarters
            .filter_map(|(q, m)| m.map(|m| (FIRST_Q_COL + q as u16, m)))
            .chain([(YEAR_COL, self.year_measure)])
            .collect()
    }

    /// Write the quarter and year formulas; their stored values by Q1..Q4, year (`Dash`
    /// for a quarter the plan does not have).
    fn write_measures(
        &mut self,
        row: u32,
        cells: Vec<(u16, String, Value)>,
        percent: bool,
    ) -> Result<[Value; 6], XlsxError> {
        let mut stored = [Value::Dash; 6];
        for (c, f, v) in cells {
            write_formula(&mut self.ws, row, c, &f, v, percent)?;
            if let Some(slot) = stored.get_mut(usize::from(c - FIRST_Q_COL)) {
                *slot = v;
            }
        }
        Ok(stored)
    }

    /// After a sum metric's block: `Total` with SUM over the block's quarters, year and
    /// goal count.
    fn write_total_row(
        &mut self,
        row: u32,
        first: u32,
        index: usize,
        stored: &[[Value; 6]],
        limits: &mut Limits,
    ) -> Result<(), XlsxError> {
        let Some(rr) = self.rollup.rows.get(index) else {
            return Ok(());
        };
        let lang = self.ctx.lang;
        let bold = total_format(Format::new());
        self.ws
            .write_string_with_format(row, KEY_COL, lang.pick("Total", "合计"), &bold)?;
        let (metric, unit) = (limits.cell_text(&rr.metric), limits.cell_text(&rr.unit));
        self.ws.write_string_with_format(row, 1, metric, &bold)?;
        self.ws.write_string_with_format(row, 2, unit, &bold)?;
        self.ws
            .write_string_with_format(row, 3, aggregation_label(rr.aggregation, lang), &bold)?;
        let columns = self.measures().into_iter().map(|(c, _)| c);
        for c in columns.chain([GOALS_COL]) {
            let slot = usize::from(c - FIRST_Q_COL);
            let value = stored
                .iter()
                .map(|s| s.get(slot).copied().unwrap_or(Value::Unknown))
                .try_fold(0.0, |acc, v| match v {
                    Value::Num(x) => Some(acc + x),
                    Value::Dash => Some(acc),
                    _ => None,
                })
                .map_or(Value::Unknown, |x| Value::Num(crate::rollup::tidy(x)));
            let f = format!("SUM({}:{})", cell_ref(first, c), cell_ref(row - 1, c));
            let percent = rr.is_percent && c != GOALS_COL;
            self.write_total(row, c, &f, value, percent)?;
        }
        Ok(())
    }

    /// A total: a SUM formula in bold, or its value where the sheet holds values only.
    fn write_total(
        &mut self,
        row: u32,
        col: u16,
        formula: &str,
        value: Value,
        percent: bool,
    ) -> Result<(), XlsxError> {
        match value {
            Value::Num(x) if self.as_values => {
                let fmt = total_format(number_format(value, percent));
                self.ws.write_number_with_format(row, col, x, &fmt)?;
                Ok(())
            }
            _ => write_formula_bold(&mut self.ws, row, col, formula, value, percent),
        }
    }

    /// Widths, frozen header, autofilter over the table, and the chart of the first sum
    /// metric.
    fn finish(
        mut self,
        table_end: u32,
        chart: Option<(u32, u32, usize)>,
        name: &str,
        title: &str,
    ) -> Result<Worksheet, XlsxError> {
        let last_col = if self.show_progress {
            STATUS_COL
        } else {
            GOALS_COL
        };
        for c in FIRST_Q_COL..=last_col.min(EXPECTED_COL) {
            self.widths.see(u32::from(c), "000,000,000");
        }
        self.widths.see(1, "000,000,000");
        self.widths.see(2, "000,000,000");
        self.widths.apply(&mut self.ws)?;
        self.ws.set_freeze_panes(HEADER_ROW + 1, 1)?;
        self.ws
            .autofilter(HEADER_ROW, 0, table_end.max(HEADER_ROW), last_col)?;
        if let Some((first, last, index)) = chart {
            let metric = rollup_metric_label(self.rollup, index);
            let percent = self.rollup.rows.get(index).is_some_and(|r| r.is_percent);
            let code = if percent { "0%" } else { "#,##0" };
            let mut c = Chart::new(ChartType::Column);
            c.add_series()
                .set_name(&format!("{metric} — {}", self.ctx.text(Text::Year)))
                .set_categories((name, first, KEY_COL, last, KEY_COL))
                .set_values((name, first, YEAR_COL, last, YEAR_COL))
                .set_data_label(
                    rust_xlsxwriter::ChartDataLabel::new()
                        .show_value()
                        .set_num_format(code),
                );
            c.title().set_name(&format!("{title}: {metric}"));
            c.legend().set_hidden();
            // Thousands separators on the value axis (percentages for a percent metric).
            c.y_axis().set_num_format(code);
            self.ws.insert_chart(HEADER_ROW, last_col + 2, &c)?;
        }
        Ok(self.ws)
    }
}

/// The metric (and unit) of rollup row `index`.
fn rollup_metric_label(rollup: &Rollup, index: usize) -> String {
    let label = match rollup.rows.get(index) {
        Some(r) if r.unit.is_empty() => r.metric.clone(),
        Some(r) => format!("{} ({})", r.metric, r.unit),
        None => String::new(),
    };
    // A chart title is short: a 30,000-character metric would make the chart unreadable.
    label.chars().take(MAX_CHART_LABEL).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_group_by_key_ignoring_case_in_row_order() {
        let row = |row: u32, owner: Option<&str>| HelperRow {
            row,
            owner: owner.map(str::to_string),
            ..HelperRow::default()
        };
        let rows = [
            row(3, Some("Bob")),
            row(4, Some("李娜")),
            row(5, None),
            row(6, Some("BOB")),
            row(7, Some("bob")),
            row(8, Some("李娜")),
            row(9, Some("Bob")),
        ];
        let groups = group_ignoring_case(&rows, |h| By::Owner.helper(h), str::to_lowercase);
        let rows_of = |k: &str| -> Vec<u32> { groups[k].iter().map(|h| h.row).collect() };
        assert_eq!(groups.len(), 2);
        assert_eq!(rows_of("bob"), [3, 6, 7, 9]);
        assert_eq!(rows_of("李娜"), [4, 8]);
    }
}
