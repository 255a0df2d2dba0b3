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

use std::collections::{HashMap, HashSet};

use chrono::{Datelike, NaiveDate};
use rust_xlsxwriter::{Chart, ChartType, Format, Formula, Worksheet, XlsxError};

use super::helper_columns::{
    GoalSheetInfo, HelperRow, exact_criterion, literal, metric_criterion_key,
};
use super::{
    Ctx, Limits, Styles, Text, Widths, abs_ref, aggregation_label, quote_sheet, result_text,
};
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
fn rollup_of<'a>(
    ctx: &'a Ctx,
    by: By,
) -> (
    &'a Rollup,
    &'a [Option<RowProgress>],
    &'a HashMap<Key, String>,
) {
    let a = ctx.analysis;
    match by {
        By::Owner => (&a.by_owner, &a.owner_progress, &ctx.keys.owner),
        By::Channel => (&a.by_channel, &a.channel_progress, &ctx.keys.channel),
    }
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
    /// A text result: a status, or `""` where there is nothing to show.
    Text(&'static str),
}

const DASH: &str = "-";

impl Value {
    fn result(self) -> String {
        match self {
            Value::Num(x) => result_text(x),
            Value::Dash => DASH.to_string(),
            // Written as an empty result (the sheet's default), never a made-up 0.
            Value::Unknown => String::new(),
            Value::Text(t) => t.to_string(),
        }
    }
    fn num(self) -> Option<f64> {
        match self {
            Value::Num(x) => Some(x),
            _ => None,
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

/// One rollup sheet being written: what every row's formulas need, built once.
struct RollupSheet<'a> {
    ctx: &'a Ctx<'a>,
    by: By,
    info: &'a GoalSheetInfo,
    ranges: Ranges<'a>,
    rollup: &'a Rollup,
    progress: &'a [Option<RowProgress>],
    helper_of: &'a HashMap<Key, String>,
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
            let mut map: HashMap<(String, String), Vec<&HelperRow>> = HashMap::new();
            for h in &info.rows {
                if let (Some(k), Some(m)) = (by.helper(h), metric(h)) {
                    map.entry((k.to_lowercase(), m.to_lowercase()))
                        .or_default()
                        .push(h);
                }
            }
            map
        };
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

    /// The as-of date the status formulas read, and the share of each quarter and of the
    /// year elapsed at it.
    fn write_as_of(&mut self) -> Result<(), XlsxError> {
        let lang = self.ctx.lang;
        let bold = Styles::bold();
        let label = lang.pick("As of", "截至日期");
        self.ws
            .write_string_with_format(AS_OF_ROW, 0, label, &bold)?;
        let date = Format::new()
            .set_num_format("yyyy-mm-dd")
            .set_align(rust_xlsxwriter::FormatAlign::Left);
        self.ws
            .write_number_with_format(AS_OF_ROW, 1, excel_serial(self.as_of), &date)?;
        self.ws.write_string_with_format(
            AS_OF_ROW,
            2,
            lang.pick(
                "change the date and the expected progress and status recompute",
                "修改日期，应达进度与状态随之重算",
            ),
            &Styles::note(),
        )?;
        self.ws
            .write_string_with_format(SHARE_ROW, 3, lang.pick("Elapsed", "已过时间"), &bold)?;
        let Some(calendar) = self.calendar else {
            return Ok(());
        };
        // The share of first..=last elapsed at the as-of cell, as PlanCalendar computes it.
        let as_of = abs_ref(AS_OF_ROW, 1);
        let day = |d: NaiveDate| format!("DATE({},{},{})", d.year(), d.month(), d.day());
        let share = |(first, last): (NaiveDate, NaiveDate)| {
            let (first, last) = (day(first), day(last));
            format!("MAX(0,MIN(1,({as_of}-{first}+1)/({last}-{first}+1)))")
        };
        let shares = calendar.quarter_shares(self.as_of);
        for (q, s) in shares.iter().enumerate() {
            let f = share(calendar.quarters[q]);
            self.write_share(FIRST_Q_COL + q as u16, &f, *s)?;
        }
        let f = share(calendar.year);
        self.write_share(YEAR_COL, &f, calendar.year_share(self.as_of))
    }

    /// An elapsed share: a formula over the as-of cell, or its value where the sheet holds
    /// values only.
    fn write_share(&mut self, col: u16, formula: &str, share: f64) -> Result<(), XlsxError> {
        if self.as_values {
            write_static(&mut self.ws, SHARE_ROW, col, share, true)
        } else {
            write_formula(
                &mut self.ws,
                SHARE_ROW,
                col,
                formula,
                Value::Num(share),
                true,
            )
        }
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
            rows.filter_map(|r| info.numbers.get(&(r.row, m.col)).copied())
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

    /// The progress columns of a row as live formulas: actual and baseline over the goal
    /// sheet, progress from them and the row's year, expected from the row's quarters and the
    /// elapsed shares (which read the as-of date), status against expected.
    fn write_progress(
        &mut self,
        row: u32,
        rr: &RollupRow,
        p: &RowProgress,
        helper: &str,
        metric_key: &str,
        stored: &[Value; 6],
    ) -> Result<(), XlsxError> {
        let info = self.info;
        let rows: Vec<&HelperRow> = self
            .rows_of(helper, metric_key)
            .into_iter()
            .filter(|r| r.leaf == 1)
            .collect();
        let crit = self.ranges.criteria(self.by, helper, metric_key, None, "1");
        let sum = rr.aggregation == Aggregation::Sum;
        let numbers_at = |col: u32| -> Vec<f64> {
            rows.iter()
                .filter_map(|r| info.numbers.get(&(r.row, col)).copied())
                .collect()
        };
        // Actual: the goals' actual helpers added (sum) or averaged; blank when none has one.
        let actuals = numbers_at(info.actual_col);
        let actual_range = self.ranges.range(info.actual_col);
        let combine = if sum { "SUMIFS" } else { "AVERAGEIFS" };
        let f = format!(
            "IF(COUNTIFS({crit},{actual_range},\"<>\")=0,\"\",{combine}({actual_range},{crit}))"
        );
        let actual = match (actuals.is_empty(), sum) {
            (true, _) => Value::Text(""),
            (false, true) => Value::Num(actuals.iter().sum()),
            (false, false) => mean(&actuals),
        };
        write_formula(&mut self.ws, row, ACTUAL_COL, &f, actual, rr.is_percent)?;
        // Baseline: 0 for a flow; else the goals' baselines added or averaged (0 when none).
        let flow = sum && p.direction == Direction::HigherIsBetter;
        let baseline = match info.baseline_col.filter(|_| !flow) {
            Some(col) => {
                let values = numbers_at(col);
                let range = self.ranges.range(col);
                let (f, v) = if sum {
                    (
                        format!("SUMIFS({range},{crit})"),
                        values.iter().sum::<f64>(),
                    )
                } else {
                    let v = if values.is_empty() {
                        0.0
                    } else {
                        values.iter().sum::<f64>() / values.len() as f64
                    };
                    (format!("IFERROR(AVERAGEIFS({range},{crit}),0)"), v)
                };
                write_formula(
                    &mut self.ws,
                    row,
                    BASELINE_COL,
                    &f,
                    Value::Num(v),
                    rr.is_percent,
                )?;
                v
            }
            None => {
                write_static(&mut self.ws, row, BASELINE_COL, 0.0, rr.is_percent)?;
                0.0
            }
        };
        // Progress, expected and status, judged as the rollup stage judges.
        let r = |c: u16| cell_ref(row, c);
        let (k, l, y) = (r(ACTUAL_COL), r(BASELINE_COL), r(YEAR_COL));
        let reached = match p.direction {
            Direction::HigherIsBetter => format!("{k}>={y}"),
            Direction::LowerIsBetter => format!("{k}<={y}"),
        };
        let progress_f = format!(
            "IFERROR(IF({y}={l},IF({reached},1,0),MAX(0,MIN(1,({k}-{l})/({y}-{l})))),\"\")"
        );
        let quarters = [0, 1, 2, 3].map(|q| stored[q].num());
        let figures = match (actual.num(), stored[4]) {
            (Some(a), Value::Num(t)) if stored[..4].iter().all(|v| *v != Value::Unknown) => {
                Some(RowFigures {
                    aggregation: rr.aggregation,
                    direction: p.direction,
                    actual: a,
                    baseline,
                    target: Some(t),
                    quarters,
                })
            }
            _ => None,
        };
        let unknown = stored.contains(&Value::Unknown);
        let judged = figures
            .zip(self.calendar)
            .map(|(f, c)| judge_row(f, c.quarter_shares(self.as_of), c.year_share(self.as_of)));
        let blank = if unknown {
            Value::Unknown
        } else {
            Value::Text("")
        };
        let progress = judged.and_then(|j| j.0).map_or(blank, Value::Num);
        write_formula(&mut self.ws, row, PROGRESS_COL, &progress_f, progress, true)?;
        let expected_f = self.expected_formula(row, rr.aggregation);
        let expected = match (stored[4], judged) {
            (Value::Num(_), Some(j)) => Value::Num(j.1),
            _ => blank,
        };
        write_formula(&mut self.ws, row, EXPECTED_COL, &expected_f, expected, true)?;
        let lang = self.ctx.lang;
        let (m, n) = (r(PROGRESS_COL), r(EXPECTED_COL));
        let name = |s: crate::rollup::ProgressStatus| literal(s.name(lang));
        use crate::rollup::ProgressStatus as S;
        let status_f = format!(
            "IF(AND(ISNUMBER({m}),ISNUMBER({n})),IF({m}+1E-9>=0.95*{n},{},IF({m}+1E-9>=0.75*{n},{},{})),\"\")",
            name(S::OnTrack),
            name(S::AtRisk),
            name(S::Behind)
        );
        let status = match judged.and_then(|j| j.2) {
            Some(s) if expected.num().is_some() => Value::Text(s.name(lang)),
            _ => blank,
        };
        let f = Formula::new(format!("={status_f}")).set_result(status.result());
        let centered = Format::new().set_align(rust_xlsxwriter::FormatAlign::Center);
        self.ws
            .write_formula_with_format(row, STATUS_COL, f, &centered)?;
        self.widths.see(u32::from(STATUS_COL), "on track");
        Ok(())
    }

    /// Expected progress of the row at `row`: phased by its quarters where they plan
    /// something and the target differs from the baseline, else the share of the year.
    fn expected_formula(&self, row: u32, kind: Aggregation) -> String {
        let r = |c: u16| cell_ref(row, c);
        let (l, y) = (r(BASELINE_COL), r(YEAR_COL));
        let q = |i: u16| r(FIRST_Q_COL + i);
        let share = |i: u16| abs_ref(SHARE_ROW, u32::from(FIRST_Q_COL + i));
        let (first, last) = (q(0), q(3));
        let (phased, planned) = match kind {
            Aggregation::Sum => (
                format!("SUM({first}:{last})<>0"),
                format!("SUMPRODUCT({first}:{last},{}:{})", share(0), share(3)),
            ),
            Aggregation::Level | Aggregation::Ratio => {
                // The line from the baseline through each quarter's value; a blank quarter
                // holds the value before it.
                let mut to = Vec::new();
                let mut prev = l.clone();
                for i in 0..4 {
                    let t = format!("IF(ISNUMBER({0}),{0},{prev})", q(i));
                    to.push(t.clone());
                    prev = t;
                }
                let mut terms = Vec::new();
                let mut from = l.clone();
                for (i, t) in to.iter().enumerate() {
                    terms.push(format!("({t}-{from})*{}", share(i as u16)));
                    from = t.clone();
                }
                (
                    format!("COUNT({first}:{last})>0"),
                    format!("{l}+{}", terms.join("+")),
                )
            }
        };
        let year_share = abs_ref(SHARE_ROW, u32::from(YEAR_COL));
        format!(
            "IFERROR(IF(AND({phased},{y}<>{l}),MAX(0,MIN(1,({planned}-{l})/({y}-{l}))),{year_share}),\"\")"
        )
    }

    /// The rollup stage's progress as values (a row whose numbers are values, or a long
    /// layout, whose goals' cells are on several rows).
    fn write_progress_values(
        &mut self,
        row: u32,
        rr: &RollupRow,
        p: &RowProgress,
    ) -> Result<(), XlsxError> {
        write_static(&mut self.ws, row, ACTUAL_COL, p.actual, rr.is_percent)?;
        write_static(&mut self.ws, row, BASELINE_COL, p.baseline, rr.is_percent)?;
        if let Some(x) = p.progress {
            write_static(&mut self.ws, row, PROGRESS_COL, x, true)?;
            write_static(&mut self.ws, row, EXPECTED_COL, p.expected, true)?;
        }
        if let Some(s) = p.status {
            self.ws
                .write_string(row, STATUS_COL, s.name(self.ctx.lang))?;
        }
        Ok(())
    }

    /// Below the table: per key, the goals' budgets that count (a parent's budget equal to
    /// its children's sum is not counted again) and the actions' planned budgets, with a
    /// total; SUMIFS over the goal sheet's budget and planned helper columns.
    fn write_budget(&mut self, top: u32, limits: &mut Limits) -> Result<(), XlsxError> {
        let budget = &self.rollup.budget;
        if budget.is_empty() {
            return Ok(());
        }
        let lang = self.ctx.lang;
        self.ws
            .write_string_with_format(top, 0, lang.pick("Budget", "预算"), &Styles::bold())?;
        self.ws.write_string_with_format(
            top,
            1,
            lang.pick(
                "goal budgets counted once (a parent's budget equal to its children's sum is their total); planned = the budgets of the goals' actions",
                "目标预算只计一次（上级预算等于下级之和时视为合计）；计划使用 = 各目标下行动计划的预算",
            ),
            &Styles::note(),
        )?;
        let header_row = top + 1;
        let mut heads = vec![self.key_label(), lang.pick("Goal budget", "目标预算")];
        if self.has_planned() {
            heads.push(lang.pick("Planned (actions)", "计划使用（行动）"));
        }
        for (c, h) in heads.iter().enumerate() {
            self.ws
                .write_string_with_format(header_row, c as u16, *h, &Styles::header())?;
        }
        let mut row = header_row + 1;
        let live = !self.as_values;
        for b in budget {
            if row + 1 >= super::MAX_ROWS {
                limits.cut_rows += 1;
                break;
            }
            self.write_budget_row(row, b, live, limits)?;
            row += 1;
        }
        let bold = total_format(Format::new());
        self.ws
            .write_string_with_format(row, KEY_COL, lang.pick("Total", "合计"), &bold)?;
        for c in (1u16..=2).take(heads.len() - 1) {
            let value = (header_row + 1..row)
                .map(|r| self.budget_stored.get(&(r, c)).copied())
                .try_fold(0.0, |acc, v| v.map(|x| acc + x))
                .map_or(Value::Unknown, |x| Value::Num(crate::rollup::tidy(x)));
            let f = format!(
                "SUM({}:{})",
                cell_ref(header_row + 1, c),
                cell_ref(row - 1, c)
            );
            self.write_total(row, c, &f, value, false)?;
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

    /// The plan has an action sheet with a budget column: the planned column is written.
    fn has_planned(&self) -> bool {
        self.ctx
            .plan
            .actions
            .as_ref()
            .is_some_and(|a| a.columns.contains_key(&crate::model::ActionField::Budget))
    }

    fn write_budget_row(
        &mut self,
        row: u32,
        b: &BudgetRow,
        live: bool,
        limits: &mut Limits,
    ) -> Result<(), XlsxError> {
        let info = self.info;
        let key = b.keys.first().cloned().unwrap_or_default();
        let shown = if key.is_empty() {
            self.by.none_label(self.ctx.lang).to_string()
        } else {
            key.clone()
        };
        let key_text = limits.cell_text(&shown);
        self.widths.see(0, &key_text);
        self.ws.write_string(row, KEY_COL, key_text)?;
        let helper = self.helper_of.get(&Key::new(&key)).cloned();
        let helper = helper.filter(|h| live && exact_criterion(h).chars().count() <= 255);
        let Some(helper) = helper else {
            let planned = self.has_planned().then_some((2, b.planned));
            for (c, v) in [(1u16, b.budget)].into_iter().chain(planned) {
                let v = v.unwrap_or(0.0);
                write_static(&mut self.ws, row, c, v, false)?;
                self.budget_stored.insert((row, c), v);
            }
            return Ok(());
        };
        let lower = helper.to_lowercase();
        let rows: Vec<&HelperRow> = info
            .rows
            .iter()
            .filter(|h| self.by.helper(h).map(str::to_lowercase).as_deref() == Some(&lower))
            .collect();
        let key_col = match self.by {
            By::Owner => info.owner_col,
            By::Channel => info.channel_col,
        };
        let key_crit = format!(
            "{},{}",
            self.ranges.range(key_col),
            literal(&exact_criterion(&helper))
        );
        // Goal budget: the budget cells whose flag says they count.
        let goal = match info.budget_col {
            Some(col) => {
                let v: f64 = rows
                    .iter()
                    .filter(|h| h.counted_budget)
                    .filter_map(|h| info.numbers.get(&(h.row, col)).copied())
                    .sum();
                let f = format!(
                    "SUMIFS({},{key_crit},{},1)",
                    self.ranges.range(col),
                    self.ranges.range(info.budget_flag_col)
                );
                write_formula(&mut self.ws, row, 1, &f, Value::Num(v), false)?;
                v
            }
            None => {
                write_static(&mut self.ws, row, 1, 0.0, false)?;
                0.0
            }
        };
        self.budget_stored.insert((row, 1), goal);
        if !self.has_planned() {
            return Ok(());
        }
        // Planned: each goal's planned helper (its actions' budgets) by key.
        let mut seen = HashSet::new();
        let planned: f64 = rows
            .iter()
            .filter(|h| seen.insert(h.row))
            .filter_map(|h| info.numbers.get(&(h.row, info.planned_col)).copied())
            .sum();
        let f = format!("SUMIFS({},{key_crit})", self.ranges.range(info.planned_col));
        write_formula(&mut self.ws, row, 2, &f, Value::Num(planned), false)?;
        self.budget_stored.insert((row, 2), planned);
        Ok(())
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

/// A relative A1 reference.
fn cell_ref(row: u32, col: u16) -> String {
    crate::model::CellPos {
        row,
        col: u32::from(col),
    }
    .a1()
}

/// Days since Excel's epoch (1899-12-30).
fn excel_serial(d: NaiveDate) -> f64 {
    NaiveDate::from_ymd_opt(1899, 12, 30).map_or(0.0, |epoch| (d - epoch).num_days() as f64)
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
        Value::Text(_) if percent => Styles::percent(),
        Value::Text(_) => Format::new(),
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

/// A total row's look: bold, with a rule above it that closes the block.
fn total_format(format: Format) -> Format {
    format
        .set_bold()
        .set_border_top(rust_xlsxwriter::FormatBorder::Thin)
}

/// [`write_formula`] in bold (a total row).
fn write_formula_bold(
    ws: &mut Worksheet,
    row: u32,
    col: u16,
    formula: &str,
    value: Value,
    percent: bool,
) -> Result<(), XlsxError> {
    let f = Formula::new(format!("={formula}")).set_result(value.result());
    ws.write_formula_with_format(row, col, f, &total_format(number_format(value, percent)))?;
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
    fn mean_of_nothing_is_a_dash() {
        assert_eq!(mean(&[]), Value::Dash);
        assert_eq!(mean(&[1.0, 2.0]), Value::Num(1.5));
        assert_eq!(Value::Dash.result(), "-");
    }
}
