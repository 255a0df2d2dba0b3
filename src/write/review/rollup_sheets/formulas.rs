//! The formula pieces of the By owner / By channel sheets: the goal sheet's ranges and
//! criteria, the computed value a formula stores, number formats, and the cell writers.

use std::collections::{HashMap, HashSet};

use rust_xlsxwriter::{Format, Formula, Worksheet, XlsxError};

use super::By;
use crate::model::Field;
use crate::rollup::norm;
use crate::write::review::helper_columns::{
    GoalSheetInfo, exact_criterion, literal, metric_criterion_key,
};
use crate::write::review::{Ctx, Styles, abs_ref, result_text};

/// Ratios the config defines by their parts, by normalised metric: (numerator, denominator)
/// as the helper column holds metric names. A ratio over the budget (its denominator a budget
/// word no goal carries as a metric) is left out: its denominator is not on the sheet.
pub(super) fn derived_ratios(ctx: &Ctx) -> HashMap<String, (String, String)> {
    if ctx.config.ratios.is_empty() {
        return HashMap::new();
    }
    // A few metric spellings over many goals: each normalised once.
    let spellings: HashSet<&str> = ctx
        .plan
        .goals
        .iter()
        .filter_map(|g| g.metric.text())
        .collect();
    let metrics: HashSet<String> = spellings.into_iter().map(norm).collect();
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
pub(super) struct Measure {
    pub(super) col: u32,
    pub(super) quarter: Option<u8>,
}

/// The goal sheet's ranges the formulas read.
pub(super) struct Ranges<'a> {
    pub(super) info: &'a GoalSheetInfo,
    pub(super) sheet: String,
}

impl Ranges<'_> {
    pub(super) fn range(&self, col: u32) -> String {
        format!(
            "{}!{}:{}",
            self.sheet,
            abs_ref(self.info.first_data_row, col),
            abs_ref(self.info.last_row, col)
        )
    }
    /// The criteria pairs of a key and metric (and quarter), plus the leaf flag.
    pub(super) fn criteria(
        &self,
        by: By,
        key: &str,
        metric: &str,
        quarter: Option<u8>,
        leaf: &str,
    ) -> String {
        self.criteria_in(by, key, self.info.metric_col, metric, quarter, leaf)
    }
    /// The same, matching the metric in `metric_col` (the metric with unit, or alone).
    pub(super) fn criteria_in(
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
pub(super) enum Value {
    Num(f64),
    Dash,
    /// Not known: a cell it covers is a formula without a known result.
    Unknown,
    /// A text result: a status, or `""` where there is nothing to show.
    Text(&'static str),
}

pub(super) const DASH: &str = "-";

impl Value {
    pub(super) fn result(self) -> String {
        match self {
            Value::Num(x) => result_text(x),
            Value::Dash => DASH.to_string(),
            // Written as an empty result (the sheet's default), never a made-up 0.
            Value::Unknown => String::new(),
            Value::Text(t) => t.to_string(),
        }
    }
    pub(super) fn num(self) -> Option<f64> {
        match self {
            Value::Num(x) => Some(x),
            _ => None,
        }
    }
}

pub(super) fn mean(values: &[f64]) -> Value {
    if values.is_empty() {
        Value::Dash
    } else {
        Value::Num(values.iter().sum::<f64>() / values.len() as f64)
    }
}

/// A relative A1 reference.
pub(super) fn cell_ref(row: u32, col: u16) -> String {
    crate::model::CellPos {
        row,
        col: u32::from(col),
    }
    .a1()
}

/// Whether every column the formulas read lies inside Excel's grid: the helper columns
/// and the plan's target and quarter columns.
pub(super) fn columns_fit(info: &GoalSheetInfo, plan: &crate::model::Plan) -> bool {
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
    .all(|c| c < crate::write::review::MAX_COLS)
}

/// The format code of a rolled-up number: a percent, a whole number, or two decimals.
pub(super) fn number_code(x: f64, percent: bool) -> &'static str {
    if percent {
        "0.0%"
    } else if x.fract() == 0.0 {
        "#,##0"
    } else {
        "#,##0.00"
    }
}

pub(super) fn number_format(value: Value, percent: bool) -> Format {
    match value {
        Value::Num(x) => Format::new().set_num_format(number_code(x, percent)),
        Value::Dash => Format::new().set_align(rust_xlsxwriter::FormatAlign::Right),
        Value::Text(_) if percent => Styles::percent(),
        Value::Text(_) => Format::new(),
        Value::Unknown if percent => Styles::percent(),
        Value::Unknown => Format::new().set_num_format("#,##0.00"),
    }
}

pub(super) fn write_formula(
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
pub(super) fn total_format(format: Format) -> Format {
    format
        .set_bold()
        .set_border_top(rust_xlsxwriter::FormatBorder::Thin)
}

/// [`write_formula`] in bold (a total row).
pub(super) fn write_formula_bold(
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

pub(super) fn write_static(
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
