//! By owner / 按负责人 and By channel / 按渠道: per metric and key, Q1..Q4, year and goal count
//! as live SUMIFS / AVERAGEIFS / COUNTIFS formulas over the re-written goal sheet, each with
//! the result a spreadsheet computes stored beside it.
//!
//! The formulas read the goal sheet's hidden helper columns (owner, channel, metric and a
//! leaf flag, written as plain values by `plan_sheet`), so merged owner cells, wildcards and
//! stray spaces in names cannot change what a criterion matches. The groups are computed
//! here from the written cells, exactly as the formulas see them; when `crate::rollup`
//! lands, the group list can come from it while the formulas stay as they are.

use rust_xlsxwriter::{Chart, ChartType, Format, Formula, Worksheet, XlsxError};

use super::plan_sheet::{GoalSheetInfo, HelperRow};
use super::{
    Ctx, Limits, Styles, Text, Widths, abs_ref, aggregation_label, quote_sheet, rel_ref,
    result_text,
};
use crate::model::{Aggregation, Field, LayoutKind};

/// The key a rollup sheet groups by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum By {
    Owner,
    Channel,
}

impl By {
    fn key(self, row: &HelperRow) -> Option<&str> {
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

/// One metric's rows on a rollup sheet.
#[derive(Debug, Clone)]
pub(crate) struct MetricGroup {
    /// The metric key as written in the helper column (`销售额 [万元]`).
    pub key: String,
    pub metric: String,
    pub unit: String,
    pub aggregation: Aggregation,
    pub percent: bool,
    /// The keys (owner or channel), in sheet order, first spelling kept.
    pub keys: Vec<String>,
}

/// Groups by metric, then key, in order of first appearance; compared case-insensitively,
/// as spreadsheet criteria are.
pub(crate) fn groups(ctx: &Ctx, info: &GoalSheetInfo, by: By) -> Vec<MetricGroup> {
    let mut out: Vec<MetricGroup> = Vec::new();
    for row in info.rows.iter().filter(|r| r.leaf == 1) {
        let (Some(key), Some(metric)) = (by.key(row), row.metric.as_deref()) else {
            continue;
        };
        let goal = &ctx.plan.goals[row.goal];
        let lower = metric.to_lowercase();
        let at = match out.iter().position(|g| g.key.to_lowercase() == lower) {
            Some(i) => i,
            None => {
                out.push(MetricGroup {
                    key: metric.to_string(),
                    metric: goal.metric.text().unwrap_or_default().to_string(),
                    unit: goal.unit.text().unwrap_or_default().to_string(),
                    aggregation: goal.aggregation,
                    percent: goal.is_percent,
                    keys: Vec::new(),
                });
                out.len() - 1
            }
        };
        let g = &mut out[at];
        g.percent |= goal.is_percent;
        let k = key.to_lowercase();
        if !g.keys.iter().any(|x| x.to_lowercase() == k) {
            g.keys.push(key.to_string());
        }
    }
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
        let key_col = match by {
            By::Owner => self.info.owner_col,
            By::Channel => self.info.channel_col,
        };
        let mut parts = vec![
            self.range(key_col),
            literal(&exact_criterion(key)),
            self.range(self.info.metric_col),
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
    /// The numbers the formula's criteria select, in sheet order.
    fn select(&self, by: By, key: &str, metric: &str, m: Measure) -> Vec<f64> {
        let key = key.to_lowercase();
        let metric = metric.to_lowercase();
        self.info
            .rows
            .iter()
            .filter(|r| r.leaf > 0)
            .filter(|r| by.key(r).is_some_and(|k| k.to_lowercase() == key))
            .filter(|r| {
                r.metric
                    .as_deref()
                    .is_some_and(|k| k.to_lowercase() == metric)
            })
            .filter(|r| m.quarter.is_none() || r.quarter == m.quarter)
            .filter_map(|r| self.info.numbers.get(&(r.row, m.col)).copied())
            .collect()
    }
}

/// A computed cell: a number, or the text shown when there is nothing to average.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Value {
    Num(f64),
    Dash,
}

const DASH: &str = "-";

impl Value {
    fn result(self) -> String {
        match self {
            Value::Num(x) => result_text(x),
            Value::Dash => DASH.to_string(),
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
    let groups = groups(ctx, info, by);
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
    for (c, h) in heads.iter().enumerate() {
        ws.write_string_with_format(HEADER_ROW, c as u16, *h, &header)?;
        widths.see(c as u32, h);
    }
    if groups.is_empty() {
        let msg = match by {
            By::Owner => lang.pick(
                "No goal has both a metric and an owner.",
                "没有同时填写指标和负责人的目标。",
            ),
            By::Channel => lang.pick(
                "No goal has both a metric and a channel.",
                "没有同时填写指标和渠道的目标。",
            ),
        };
        ws.write_string_with_format(HEADER_ROW + 1, 0, msg, &Styles::note())?;
        widths.apply(&mut ws)?;
        return Ok(ws);
    }

    let ranges = Ranges {
        info,
        sheet: quote_sheet(&info.name),
    };
    let long = ctx.plan.layout == LayoutKind::Long;
    let col_of = |f: Field| ctx.plan.columns.get(&f).copied();
    let quarter_measures: [Option<Measure>; 4] = [0u8, 1, 2, 3].map(|q| {
        if long {
            col_of(Field::Target).map(|col| Measure {
                col,
                quarter: Some(q + 1),
            })
        } else {
            col_of(Field::QUARTERS[q as usize]).map(|col| Measure { col, quarter: None })
        }
    });
    let target_measure = col_of(Field::Target).map(|col| Measure {
        col,
        quarter: long.then_some(0),
    });

    let mut row = HEADER_ROW + 1;
    let mut chart_block: Option<(u32, u32, String)> = None;
    for g in &groups {
        let first = row;
        for key in &g.keys {
            let crit = |q: Option<u8>, leaf: &str| ranges.criteria(by, key, &g.key, q, leaf);
            let too_long = exact_criterion(key).chars().count() > 255
                || exact_criterion(&g.key).chars().count() > 255;
            // Q1..Q4
            let mut qvals: [Option<Value>; 4] = [None; 4];
            for (q, m) in quarter_measures.iter().enumerate() {
                let Some(m) = m else { continue };
                let values = ranges.select(by, key, &g.key, *m);
                let (formula, value) = match g.aggregation {
                    Aggregation::Sum => (
                        format!("SUMIFS({},{})", ranges.range(m.col), crit(m.quarter, ">0")),
                        Value::Num(values.iter().sum()),
                    ),
                    Aggregation::Level | Aggregation::Ratio => (
                        format!(
                            "IFERROR(AVERAGEIFS({},{}),{})",
                            ranges.range(m.col),
                            crit(m.quarter, ">0"),
                            literal(DASH)
                        ),
                        mean(&values),
                    ),
                };
                qvals[q] = Some(value);
                write_value(
                    &mut ws,
                    row,
                    FIRST_Q_COL + q as u16,
                    &formula,
                    value,
                    g.percent,
                    too_long,
                )?;
            }
            // Year
            let q_range = format!(
                "{}:{}",
                rel_ref(row, u32::from(FIRST_Q_COL)),
                rel_ref(row, u32::from(FIRST_Q_COL) + 3)
            );
            let any_q = quarter_measures.iter().any(Option::is_some);
            let year: Option<(String, Value)> = match g.aggregation {
                Aggregation::Sum if any_q => Some((
                    format!("SUM({q_range})"),
                    Value::Num(
                        qvals
                            .iter()
                            .flatten()
                            .filter_map(|v| match v {
                                Value::Num(x) => Some(*x),
                                Value::Dash => None,
                            })
                            .sum(),
                    ),
                )),
                Aggregation::Level if quarter_measures[3].is_some() => Some((
                    rel_ref(row, u32::from(FIRST_Q_COL) + 3),
                    qvals[3].unwrap_or(Value::Dash),
                )),
                Aggregation::Sum => target_measure.map(|m| {
                    let values = ranges.select(by, key, &g.key, m);
                    (
                        format!("SUMIFS({},{})", ranges.range(m.col), crit(m.quarter, ">0")),
                        Value::Num(values.iter().sum()),
                    )
                }),
                Aggregation::Level | Aggregation::Ratio => match target_measure {
                    Some(m) => {
                        let values = ranges.select(by, key, &g.key, m);
                        Some((
                            format!(
                                "IFERROR(AVERAGEIFS({},{}),{})",
                                ranges.range(m.col),
                                crit(m.quarter, ">0"),
                                literal(DASH)
                            ),
                            mean(&values),
                        ))
                    }
                    None if any_q => {
                        let nums: Vec<f64> = qvals
                            .iter()
                            .flatten()
                            .filter_map(|v| match v {
                                Value::Num(x) => Some(*x),
                                Value::Dash => None,
                            })
                            .collect();
                        Some((
                            format!("IFERROR(AVERAGE({q_range}),{})", literal(DASH)),
                            mean(&nums),
                        ))
                    }
                    None => None,
                },
            };
            if let Some((formula, value)) = year {
                // A formula over the row's own cells never needs the static fallback.
                let own_cells = !formula.contains('!');
                write_value(
                    &mut ws,
                    row,
                    YEAR_COL,
                    &formula,
                    value,
                    g.percent,
                    too_long && !own_cells,
                )?;
            }
            // Goals
            let count = info
                .rows
                .iter()
                .filter(|r| r.leaf == 1)
                .filter(|r| {
                    by.key(r)
                        .is_some_and(|k| k.to_lowercase() == key.to_lowercase())
                })
                .filter(|r| {
                    r.metric
                        .as_deref()
                        .is_some_and(|k| k.to_lowercase() == g.key.to_lowercase())
                })
                .count();
            let count_formula =
                format!("COUNTIFS({})", ranges.criteria(by, key, &g.key, None, "1"));
            write_value(
                &mut ws,
                row,
                GOALS_COL,
                &count_formula,
                Value::Num(count as f64),
                false,
                too_long,
            )?;
            let key_text = limits.cell_text(key);
            widths.see(0, &key_text);
            ws.write_string(row, KEY_COL, key_text)?;
            widths.see(1, &g.metric);
            ws.write_string(row, 1, limits.cell_text(&g.metric))?;
            widths.see(2, &g.unit);
            ws.write_string(row, 2, limits.cell_text(&g.unit))?;
            let agg = aggregation_label(g.aggregation, lang);
            widths.see(3, &agg);
            ws.write_string(row, 3, agg)?;
            row += 1;
            if row >= super::MAX_ROWS {
                break;
            }
        }
        if g.aggregation == Aggregation::Sum && chart_block.is_none() {
            chart_block = Some((first, row - 1, g.key.clone()));
        }
        if row >= super::MAX_ROWS {
            break;
        }
    }
    for c in FIRST_Q_COL..=GOALS_COL {
        widths.see(u32::from(c), "000,000,000");
    }
    widths.apply(&mut ws)?;
    ws.set_freeze_panes(HEADER_ROW + 1, 1)?;
    ws.autofilter(HEADER_ROW, 0, row - 1, GOALS_COL)?;
    if let Some((first, last, metric)) = chart_block {
        let mut chart = Chart::new(ChartType::Column);
        chart
            .add_series()
            .set_name(&format!("{metric} — {}", ctx.text(Text::Year)))
            .set_categories((name.as_str(), first, KEY_COL, last, KEY_COL))
            .set_values((name.as_str(), first, YEAR_COL, last, YEAR_COL));
        chart.title().set_name(&format!("{title}: {metric}"));
        chart.legend().set_hidden();
        ws.insert_chart(HEADER_ROW, GOALS_COL + 2, &chart)?;
    }
    Ok(ws)
}

fn write_value(
    ws: &mut Worksheet,
    row: u32,
    col: u16,
    formula: &str,
    value: Value,
    percent: bool,
    static_only: bool,
) -> Result<(), XlsxError> {
    let format = match value {
        Value::Num(_) if percent => Styles::percent(),
        Value::Num(x) if x.fract() == 0.0 => Format::new().set_num_format("#,##0"),
        Value::Num(_) => Format::new().set_num_format("#,##0.00"),
        Value::Dash => Format::new().set_align(rust_xlsxwriter::FormatAlign::Right),
    };
    if static_only {
        match value {
            Value::Num(x) => ws.write_number_with_format(row, col, x, &format)?,
            Value::Dash => ws.write_string_with_format(row, col, DASH, &format)?,
        };
        return Ok(());
    }
    let f = Formula::new(format!("={formula}")).set_result(value.result());
    ws.write_formula_with_format(row, col, f, &format)?;
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
    fn mean_of_nothing_is_a_dash() {
        assert_eq!(mean(&[]), Value::Dash);
        assert_eq!(mean(&[1.0, 2.0]), Value::Num(1.5));
        assert_eq!(Value::Dash.result(), "-");
    }
}
