//! Periods while building a plan: the plan's fiscal year, month columns folded into
//! quarters, and long layouts whose rows each carry one period's target, baseline, actual
//! and due date.

use std::collections::HashMap;

use super::build::{CellReader, GoalRow};
use super::*;
use crate::config::Config;
use crate::layout::HeaderMatch;
use crate::parse::{self, DateValue, Period};
use crate::periods::{self, FiscalSource, FiscalYear, MonthColumn};
use crate::read::{CellValue, Sheet};

/// The month columns of a goal header: header cells that matched no field and name a month
/// (`1月`, `Jan`, `2026-01`, `M1`, or a date cell on the 1st of a month), first one per
/// calendar month. In a two-row header the lower cell is read first, then the band.
pub(super) fn month_columns(sheet: &Sheet, header: &HeaderMatch) -> Vec<MonthColumn> {
    let mut out: Vec<MonthColumn> = Vec::new();
    let mapped: std::collections::HashSet<u32> = header.columns.values().copied().collect();
    for col in 0..sheet.width() {
        if mapped.contains(&col) {
            continue;
        }
        let mut found = None;
        for &row in header.header_rows.iter().rev() {
            found = match sheet.value(row, col) {
                CellValue::String(s) => {
                    periods::month_of_header(s).map(|(y, m)| (y, m, s.trim().to_string()))
                }
                CellValue::Date(d) if chrono::Datelike::day(d) == 1 => Some((
                    Some(chrono::Datelike::year(d)),
                    chrono::Datelike::month(d),
                    d.format("%Y-%m").to_string(),
                )),
                _ => None,
            };
            if found.is_some() {
                break;
            }
        }
        // A band over the months that says they are actuals (`月度实际` over `1月`).
        let band_actual = header.header_rows.len() > 1
            && header.header_rows.first().is_some_and(|&r| {
                matches!(sheet.value(r, col), CellValue::String(s)
                    if periods::month_of_header(s).is_none()
                        && ["实际", "完成", "actual"].iter().any(|w| s.to_lowercase().contains(w)))
            });
        if let Some((year, month, text)) = found
            && !band_actual
            && !out.iter().any(|m| m.month == month)
        {
            out.push(MonthColumn {
                month,
                year,
                col,
                header: text,
            });
        }
    }
    out
}

/// The plan's fiscal year, where it came from, and the year it starts in when the sheet
/// states it: the config's `fiscal_year_start`, else the title (rows above the header and
/// the sheet name), else the quarter headers (`Q1 (Apr-Jun)`), else twelve month columns
/// starting after January, else the calendar year.
pub(super) fn fiscal_of(
    config: &Config,
    sheet: &Sheet,
    header: &HeaderMatch,
    columns: &IndexMap<Field, u32>,
    months: &[MonthColumn],
) -> (FiscalYear, FiscalSource, Option<i32>) {
    let top = header.header_rows.first().copied().unwrap_or(0);
    let mut titles: Vec<String> = (0..top)
        .flat_map(|r| (0..sheet.width()).map(move |c| (r, c)))
        .filter_map(|(r, c)| match sheet.raw(r, c) {
            CellValue::String(s) if !s.trim().is_empty() => Some(s.trim().to_string()),
            _ => None,
        })
        .collect();
    titles.push(sheet.name.clone());
    let stated = titles.iter().find_map(|t| periods::fiscal_from_title(t));
    let by_end = config
        .plan
        .fiscal_year_named_by
        .as_deref()
        .map(|w| w.trim().eq_ignore_ascii_case("end"));
    let naming = |fy: FiscalYear, stated_end: bool| {
        if by_end.unwrap_or(stated_end) {
            fy.named_by_end()
        } else {
            fy
        }
    };
    if let Some(first) = config.plan.fiscal_year_start.and_then(FiscalYear::starting) {
        let agrees = stated.filter(|s| s.first_month == first.first_month);
        let fy = naming(first, agrees.is_some_and(|s| s.named_by_end));
        let year = agrees
            .and_then(|s| s.start_year)
            .map(|y| fy.label_of_start(y));
        return (fy, FiscalSource::Config, year);
    }
    if let Some(s) = stated
        && let Some(fy) = FiscalYear::starting(s.first_month)
    {
        let fy = naming(fy, s.named_by_end);
        let year = s.start_year.map(|y| fy.label_of_start(y));
        return (fy, FiscalSource::Title, year);
    }
    let quarter_headers: Vec<(u32, String)> = Field::QUARTERS
        .iter()
        .zip(1u32..)
        .filter_map(|(f, q)| {
            let col = *columns.get(f)?;
            let text = header
                .header_rows
                .iter()
                .filter_map(|&r| match sheet.value(r, col) {
                    CellValue::String(s) => Some(s.clone()),
                    _ => None,
                })
                .collect::<Vec<_>>()
                .join(" ");
            Some((q, text))
        })
        .collect();
    if let Some(fy) =
        periods::fiscal_from_quarter_headers(&quarter_headers).and_then(FiscalYear::starting)
    {
        return (naming(fy, false), FiscalSource::QuarterHeaders, None);
    }
    if let Some((m, year)) = periods::fiscal_from_months(months)
        && let Some(fy) = FiscalYear::starting(m)
    {
        let fy = naming(fy, false);
        let year = year.map(|y| fy.label_of_start(y));
        return (fy, FiscalSource::MonthColumns, year);
    }
    (FiscalYear::default(), FiscalSource::Calendar, None)
}

/// What a long-layout period cell names.
#[derive(Debug, Clone, Copy, PartialEq)]
enum RowPeriod {
    Quarter(u8),
    /// A calendar month 1–12 (`2026-01`, `1月`, `Jan`): folded into its quarter.
    Month(u32),
    /// The whole year (blank, `全年`, `Annual`, `FY2026`, `2026`).
    Year,
    /// Anything else: `2026Q5`, `Q0`, `H1`, `Week 3`.
    NotAQuarter,
}

const YEAR_WORDS: [&str; 10] = [
    "全年",
    "年度",
    "全年目标",
    "年",
    "annual",
    "year",
    "fullyear",
    "fy",
    "total",
    "合计",
];

fn row_period(text: &str) -> RowPeriod {
    let t = text.trim();
    if t.is_empty() {
        return RowPeriod::Year;
    }
    if let Some(q) = parse::parse_quarter(t) {
        return RowPeriod::Quarter(q);
    }
    match parse::period_of(t) {
        Some((_, _, Period::Year)) => return RowPeriod::Year,
        Some(_) => return RowPeriod::NotAQuarter,
        None => {}
    }
    if let Some((_, m)) = periods::month_of_header(t) {
        return RowPeriod::Month(m);
    }
    let n = parse::normalize_header(t);
    if YEAR_WORDS.contains(&n.as_str()) {
        RowPeriod::Year
    } else {
        RowPeriod::NotAQuarter
    }
}

/// Per-period facts of a long-layout goal, settled once its metric kind is known.
#[derive(Debug, Clone, Default)]
pub(super) struct LongPeriods {
    /// The quarter rows' baselines (quarter 1–4, value as read before percent handling).
    baselines: Vec<(u8, Num)>,
    /// The first row's baseline before percent handling, to scale the others alike.
    first_baseline: Option<f64>,
    /// An annual row carried its own baseline.
    annual_baseline: bool,
    /// The only period row is this quarter (no annual row, no other quarter).
    single_quarter: Option<u8>,
    rows: usize,
    annual_row: bool,
    /// Some rows were months.
    month_rows: bool,
}

/// The due date a quarter row's period cell gives: its own year (`Q2 2026`), else the plan
/// year's quarter.
fn quarter_due(reader: &CellReader, period: &Text, q: u8, fiscal: FiscalYear) -> Option<DateField> {
    let span = match fiscal.parse_date(&period.raw, reader.year) {
        DateValue::Date(span) => Some(span),
        _ => reader.year.and_then(|y| fiscal.quarter(y, u32::from(q))),
    }?;
    Some(DateField {
        value: Some(span),
        raw: period.raw.clone(),
        cell: period.cell,
        issue: None,
    })
}

/// Long layout: rows of one goal (same id, else same statement and owner) become one goal.
/// Each row's target is its quarter's target (a row for the whole year carries the annual
/// target), its actual that quarter's actual, its baseline that quarter's baseline (settled
/// by [`settle`]); the goal is due on its latest row's due date, else at the end of its
/// latest quarter. A row whose period is no quarter, or a quarter the goal already has, is
/// kept out and recorded as a [`PeriodProblem`].
pub(super) fn group_long_rows(
    rows: Vec<GoalRow>,
    reader: &CellReader,
    fiscal: FiscalYear,
) -> Vec<GoalRow> {
    // Ids and owners compared as keys (`KR1` + U+200B is `KR1`).
    let mut index: HashMap<(Key, String, Key), usize> = HashMap::new();
    let mut out: Vec<GoalRow> = Vec::new();
    // Per goal: the latest quarter seen and its due from the period cell.
    let mut quarter_dues: Vec<Option<(u8, DateField)>> = Vec::new();
    for row in rows {
        let g = &row.goal;
        let key = match g.id.key() {
            Some(id) => (id, String::new(), Key::default()),
            None => (
                Key::default(),
                g.statement().unwrap_or_default().to_string(),
                g.owner.key().unwrap_or_default(),
            ),
        };
        let period = row.quarter.clone();
        let kind = row_period(&period.raw);
        let target = row.goal.target.clone();
        let baseline = row.goal.baseline.clone();
        let actual = row.goal.actual.clone();
        let (due, start) = (row.goal.due.clone(), row.goal.start.clone());
        let target_percent = row.percent_written.get(1).copied().unwrap_or(false);
        // A qualifier written with the row's target (`≥1200`) goes where the target goes.
        let target_qualifier = row.goal.qualifier(Field::Target);
        let actual_percent = row.percent_written.get(10).copied().unwrap_or(false);
        let at = match index.get(&key) {
            Some(&i) => {
                out[i].goal.rows.push(row.goal.row);
                let merged = &mut out[i].goal;
                // The goal is due on its latest row's date and starts on its earliest.
                if let Some(d) = due.value
                    && merged.due.value.is_none_or(|m| d.end > m.end)
                {
                    merged.due = due.clone();
                }
                if let Some(s) = start.value
                    && merged.start.value.is_none_or(|m| s.start < m.start)
                {
                    merged.start = start.clone();
                }
                i
            }
            None => {
                let mut first = row;
                first.goal.target = Num::default();
                first.goal.qualifiers.retain(|(f, _)| *f != Field::Target);
                first.goal.actual = Num::default();
                first.long = Some(LongPeriods {
                    first_baseline: baseline.value,
                    ..LongPeriods::default()
                });
                index.insert(key, out.len());
                out.push(first);
                quarter_dues.push(None);
                out.len() - 1
            }
        };
        let merged = &mut out[at];
        let Some(long) = merged.long.as_mut() else {
            continue;
        };
        long.rows += 1;
        match kind {
            RowPeriod::Quarter(q) => {
                // A quarter of another year (`2027Q1` in the 2026 plan) is not this plan's.
                let year = parse::period_of(&period.raw).and_then(|(y, _, _)| y);
                if let (Some(y), Some(plan)) = (year, reader.year)
                    && y != plan
                {
                    merged.goal.period_problems.push(PeriodProblem {
                        period,
                        kind: PeriodProblemKind::OtherYear(y),
                    });
                    continue;
                }
                let qi = usize::from(q - 1);
                if long.baselines.iter().any(|(b, _)| *b == q)
                    || merged.goal.quarters[qi].value.is_some()
                    || merged.goal.quarters[qi].issue.is_some()
                {
                    merged.goal.period_problems.push(PeriodProblem {
                        period,
                        kind: PeriodProblemKind::Repeated(q),
                    });
                    continue;
                }
                merged.goal.quarters[qi] = target;
                merged.percent_written[2 + qi] = target_percent;
                set_qualifier(&mut merged.goal, Field::QUARTERS[qi], target_qualifier);
                if actual.value.is_some() || actual.issue.is_some() {
                    merged.goal.actual_quarters[qi] = actual;
                    merged.percent_written[6 + qi] = actual_percent;
                }
                long.baselines.push((q, baseline));
                long.single_quarter = Some(q);
                let due_here = quarter_due(reader, &period, q, fiscal);
                if let (Some(d), true) = (
                    due_here,
                    quarter_dues[at].as_ref().is_none_or(|(p, _)| q > *p),
                ) {
                    quarter_dues[at] = Some((q, d));
                }
            }
            RowPeriod::Month(m) => {
                let Some(slot) = merged.goal.months.get_mut(m as usize - 1) else {
                    continue;
                };
                if !slot.is_blank() {
                    merged.goal.period_problems.push(PeriodProblem {
                        period,
                        kind: PeriodProblemKind::RepeatedMonth(m),
                    });
                    continue;
                }
                *slot = target;
                if let Some(flag) = merged.percent_written.get_mut(11 + m as usize) {
                    *flag = target_percent;
                }
                // Months are dated like quarters: the goal is due at its latest period's end.
                if let DateValue::Date(span) = fiscal.parse_date(&period.raw, reader.year) {
                    let q = fiscal.quarter_of_month(m) as u8 + 1;
                    if quarter_dues[at]
                        .as_ref()
                        .is_none_or(|(_, d)| d.value.is_none_or(|v| span.end > v.end))
                    {
                        quarter_dues[at] = Some((
                            q,
                            DateField {
                                value: Some(span),
                                raw: period.raw.clone(),
                                cell: period.cell,
                                issue: None,
                            },
                        ));
                    }
                }
                long.month_rows = true;
            }
            RowPeriod::Year => {
                long.annual_row = true;
                merged.goal.target = target;
                merged.percent_written[1] = target_percent;
                set_qualifier(&mut merged.goal, Field::Target, target_qualifier);
                merged.goal.actual = actual;
                merged.percent_written[10] = actual_percent;
                if baseline.value.is_some() {
                    long.annual_baseline = true;
                    long.first_baseline = baseline.value;
                    merged.goal.baseline = baseline;
                }
            }
            RowPeriod::NotAQuarter => merged.goal.period_problems.push(PeriodProblem {
                period,
                kind: PeriodProblemKind::NotAQuarter,
            }),
        }
    }
    for (row, quarter_due) in out.iter_mut().zip(quarter_dues) {
        let goal = &mut row.goal;
        if let Some(long) = row.long.as_mut()
            && (long.rows != 1 || long.annual_row || long.month_rows)
        {
            long.single_quarter = None;
        }
        // No due date on any row: the latest quarter is the time node.
        if goal.due.value.is_none()
            && goal.due.issue.is_none()
            && let Some((_, due)) = quarter_due
        {
            goal.due = due;
        }
    }
    out
}

/// Once the goal's metric kind is known: its long-layout baseline (a sum metric's is the sum
/// of its quarters', a level metric's the last quarter's, a ratio's their mean), a level or
/// ratio key result stated for one quarter only kept as its target (where the metric should
/// stand by then, not a quarterly phasing), and quarters folded from its months.
pub(super) fn settle(goal: &mut Goal, long: Option<&LongPeriods>, fiscal: FiscalYear) {
    if let Some(long) = long {
        settle_long(goal, long);
    }
    fold_months(goal, fiscal);
}

fn settle_long(goal: &mut Goal, long: &LongPeriods) {
    // The first row's baseline as percent handling left it: scale the others alike.
    let scale = match (long.first_baseline, goal.baseline.value) {
        (Some(before), Some(after)) if before != 0.0 => after / before,
        _ => 1.0,
    };
    let mut given: Vec<(u8, &Num)> = long
        .baselines
        .iter()
        .filter(|(_, n)| n.value.is_some())
        .map(|(q, n)| (*q, n))
        .collect();
    given.sort_by_key(|(q, _)| *q);
    if !long.annual_baseline && given.len() > 1 {
        let values: Vec<f64> = given.iter().filter_map(|(_, n)| n.value).collect();
        let combined = match goal.aggregation {
            Aggregation::Sum => values.iter().sum(),
            Aggregation::Level => values.last().copied().unwrap_or_default(),
            Aggregation::Ratio => values.iter().sum::<f64>() / values.len() as f64,
        };
        // A level's baseline is its last quarter's cell; a sum or mean stands in no one cell
        // (and the review copy must not write it into one).
        goal.baseline = match (goal.aggregation, given.last()) {
            (Aggregation::Level, Some((_, last))) => Num {
                value: Some(parse::round_noise(combined * scale)),
                ..(*last).clone()
            },
            _ => derived(parse::round_noise(combined * scale)),
        };
    }
    if let Some(q) = long.single_quarter
        && goal.aggregation != Aggregation::Sum
        && goal.target.value.is_none()
    {
        let qi = usize::from(q - 1);
        goal.target = std::mem::take(&mut goal.quarters[qi]);
        let qualifier = goal.qualifier(Field::QUARTERS[qi]);
        goal.qualifiers.retain(|(f, _)| *f != Field::QUARTERS[qi]);
        set_qualifier(goal, Field::Target, qualifier);
    }
}

/// The field's qualifier is now this one (or none).
fn set_qualifier(goal: &mut Goal, field: Field, qualifier: Option<ValueQualifier>) {
    goal.qualifiers.retain(|(f, _)| *f != field);
    goal.qualifiers.extend(qualifier.map(|q| (field, q)));
}

/// A value worked out from several cells: no cell of its own, its text the number.
fn derived(value: f64) -> Num {
    Num {
        value: Some(value),
        raw: value.to_string(),
        cell: None,
        issue: None,
    }
}

/// The months of quarter `q` (0-based) that hold something, in the order of the year, with
/// their calendar month (1–12).
pub fn months_of_quarter(goal: &Goal, fiscal: FiscalYear, q: usize) -> Vec<(u32, &Num)> {
    let mut months: Vec<(u32, &Num)> = (1u32..=12)
        .filter(|&m| fiscal.quarter_of_month(m) == q)
        .filter_map(|m| goal.months.get(m as usize - 1).map(|n| (m, n)))
        .filter(|(_, n)| !n.is_blank())
        .collect();
    months.sort_by_key(|(m, _)| fiscal.position(*m));
    months
}

/// Quarter `q` (0-based) as the goal's months give it: a sum metric adds them, a level
/// metric takes the last month given, a ratio their mean; `None` when no month of the
/// quarter holds a number.
pub fn months_fold(goal: &Goal, fiscal: FiscalYear, q: usize) -> Option<f64> {
    let values: Vec<f64> = months_of_quarter(goal, fiscal, q)
        .iter()
        .filter_map(|(_, n)| n.value)
        .collect();
    let last = *values.last()?;
    Some(parse::round_noise(match goal.aggregation {
        Aggregation::Sum => values.iter().sum(),
        Aggregation::Level => last,
        Aggregation::Ratio => values.iter().sum::<f64>() / values.len() as f64,
    }))
}

/// Quarters the sheet left blank take their months ([`months_fold`]). A month that could
/// not be read stands for its quarter, so the quarter's finding names it.
fn fold_months(goal: &mut Goal, fiscal: FiscalYear) {
    if goal.months.iter().all(|m| m.is_blank()) {
        return;
    }
    for q in 0..4 {
        if goal.quarters[q].value.is_some() || goal.quarters[q].issue.is_some() {
            continue;
        }
        let months = months_of_quarter(goal, fiscal, q);
        if let Some((_, bad)) = months.iter().find(|(_, n)| n.issue.is_some()) {
            goal.quarters[q] = (*bad).clone();
            continue;
        }
        let Some(value) = months_fold(goal, fiscal, q) else {
            continue;
        };
        goal.quarters[q] = derived(value);
        goal.folded_quarters[q] = true;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn period_cells() {
        for (t, want) in [
            ("Q1", RowPeriod::Quarter(1)),
            ("2026Q4", RowPeriod::Quarter(4)),
            ("Q2 2026", RowPeriod::Quarter(2)),
            ("三季度", RowPeriod::Quarter(3)),
            ("", RowPeriod::Year),
            ("全年", RowPeriod::Year),
            ("Annual", RowPeriod::Year),
            ("FY2026", RowPeriod::Year),
            ("2026", RowPeriod::Year),
            ("2026Q5", RowPeriod::NotAQuarter),
            ("Q0", RowPeriod::NotAQuarter),
            ("Q7", RowPeriod::NotAQuarter),
            ("H1", RowPeriod::NotAQuarter),
            ("第五季度", RowPeriod::NotAQuarter),
            ("Week 3", RowPeriod::NotAQuarter),
            ("2026-01", RowPeriod::Month(1)),
            ("3月", RowPeriod::Month(3)),
            ("Dec 2026", RowPeriod::Month(12)),
        ] {
            assert_eq!(row_period(t), want, "{t}");
        }
    }
}
