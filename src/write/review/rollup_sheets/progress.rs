//! The progress part of a By owner / By channel sheet: the as-of date and the elapsed
//! shares it drives, and per row the actual, baseline, progress, expected progress and
//! status — live formulas whose stored results come from [`crate::rollup::judge_row`], the
//! definition the rollup stage uses.

use chrono::{Datelike, NaiveDate};
use rust_xlsxwriter::{Format, Formula, XlsxError};

use super::formulas::*;
use super::*;

impl RollupSheet<'_> {
    /// The as-of date the status formulas read, and the share of each quarter and of the
    /// year elapsed at it.
    pub(super) fn write_as_of(&mut self) -> Result<(), XlsxError> {
        let lang = self.ctx.lang;
        let bold = Styles::bold();
        let label = lang.pick("As of", "截至日期");
        self.ws
            .write_string_with_format(AS_OF_ROW, 0, label, &bold)?;
        let date = Format::new()
            .set_num_format("yyyy-mm-dd")
            .set_align(rust_xlsxwriter::FormatAlign::Left);
        self.ws.write_number_with_format(
            AS_OF_ROW,
            1,
            crate::write::review::excel_serial(self.as_of),
            &date,
        )?;
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

    /// The progress columns of a row as live formulas: actual and baseline over the goal
    /// sheet, progress from them and the row's year, expected from the row's quarters and the
    /// elapsed shares (which read the as-of date), status against expected.
    pub(super) fn write_progress(
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
                .filter_map(|r| info.numbers.get(r.row, col))
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
    pub(super) fn write_progress_values(
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
}
