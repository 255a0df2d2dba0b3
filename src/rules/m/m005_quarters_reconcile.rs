//! M005 quarters-reconcile: the quarterly targets agree with the annual target.

use crate::model::{Aggregation, AggregationSource, Field, Goal, months_fold};
use crate::rules::text::fmt_num;
use crate::rules::{Context, Finding, Letter, Rule, RuleInfo, Severity};

/// Quarters that do not reconcile with the annual target: for sum metrics their total, for
/// level and ratio metrics their range.
pub struct QuartersReconcile;

static INFO: RuleInfo = RuleInfo {
    id: "M005",
    name: "quarters-reconcile",
    letter: Letter::M,
    severity: Severity::Error,
    title_en: "Quarterly targets do not reconcile with the annual target",
    title_zh: "季度目标与全年目标不一致",
    hint_en: "Make Q1–Q4 add up to the annual target (sum metrics), or keep the annual target \
within the quarters' range (level and ratio metrics).",
    hint_zh: "让四个季度目标合计等于全年目标（累计型指标），或让全年目标落在各季度目标之间（存量/比率型指标）。",
    doc: "## What it checks\n\
For a goal with an annual target and quarterly targets (given, or folded from month \
columns such as `1月`..`12月`, `Jan`..`Dec`):\n\n\
- sum metrics (revenue, leads, orders, spend): the quarters add up to the annual target \
within `measurable.reconcile_tolerance` (default 0.5%);\n\
- level metrics (followers, share, NPS) and ratio metrics (conversion, ROI, CAC): the annual \
target lies between the smallest and the largest quarter (same tolerance).\n\n\
Where the sheet gives both quarters and months, each quarter must agree with its months \
(sum: their total; level: the quarter's last month; ratio: their mean).\n\n\
A blank quarter counts as nothing planned for that quarter; the message names it. The \
metric's kind comes from the aggregation column, the config, the unit and the metric \
lexicon (see `goalsheet inspect`). Where none of them named it and sum is only the \
fallback, an annual target within the quarters' range (a year equal to Q4, say) is read as \
a level metric and not flagged; set the kind in `[metrics.kinds]` or an aggregation column \
to have it checked as a sum.\n\n\
## Why it matters\n\
When the quarters and the year disagree, the plan says two different things and the rollups \
by owner and channel differ from the annual figures the plan was approved with.\n\n\
## Example\n\
Bad: `线上销售额 | 全年 1,200 | Q1..Q4: 250, 300, 250, 350` (sum 1,150, gap 50)\n\n\
Fixed: `线上销售额 | 全年 1,200 | Q1..Q4: 250, 300, 300, 350`\n",
    doc_zh: "## 检查内容\n\
对同时有全年目标和季度目标的目标：\n\n\
- 累加型指标（销售额、线索、订单、费用）：各季度之和等于全年目标，允许误差为 `measurable.reconcile_tolerance`（默认 0.5%）；\n\
- 时点型指标（粉丝数、份额、NPS）和比率型指标（转化率、ROI、获客成本）：全年目标介于最小和最大的季度目标之间（误差相同）。\n\n\
空的季度视为该季度没有计划，提示中会点名。指标类型依次来自汇总方式列、配置、单位和指标词库（见 `goalsheet inspect`）。如果都没有给出类型、累加只是默认值，那么全年目标落在季度范围内（例如全年等于四季度）时按时点型指标处理，不报；如需按累加型检查，请在 `[metrics.kinds]` 或汇总方式列中设定类型。\n\n\
## 为什么重要\n\
季度和全年对不上，计划就说了两件不同的事，按负责人和渠道的汇总也会与批准时的全年数字不一致。\n\n\
## 示例\n\
错误：`线上销售额 | 全年 1,200 | 一至四季度：250, 300, 250, 350`（合计 1,150，差 50）\n\n\
修正：`线上销售额 | 全年 1,200 | 一至四季度：250, 300, 300, 350`\n",
};

/// The smallest and the largest value.
fn range(values: &[f64]) -> (f64, f64) {
    let lo = values.iter().copied().fold(f64::INFINITY, f64::min);
    let hi = values.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    (lo, hi)
}

/// Whether `annual` lies between the smallest and the largest quarter, within the tolerance.
fn within_range(annual: f64, quarters: &[f64], tol: f64) -> bool {
    let (lo, hi) = range(quarters);
    let slack = tol * lo.abs().max(hi.abs()) + 1e-9;
    annual >= lo - slack && annual <= hi + slack
}

impl Rule for QuartersReconcile {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn judges_values(&self) -> bool {
        true
    }

    fn check(&self, ctx: &Context, out: &mut Vec<Finding>) {
        let tol = ctx.config.measurable.reconcile_tolerance.max(0.0);
        for goal in &ctx.plan.goals {
            months_against_quarters(ctx, goal, tol, out);
            let Some(annual) = goal.target.value else {
                continue;
            };
            // A quarter whose formula could not be computed is unknown, not blank (D005).
            if goal
                .quarters
                .iter()
                .any(|q| q.issue() == Some(&crate::model::ValueIssue::FormulaNotComputed))
            {
                continue;
            }
            let qs = goal.quarter_values();
            let given: Vec<f64> = qs.iter().flatten().copied().collect();
            if given.is_empty() {
                continue;
            }
            let pct = goal.is_percent;
            let n = |v: f64| fmt_num(v, pct);
            // The label (a copy of the id) only for a goal that gets a finding.
            let message = match goal.aggregation {
                Aggregation::Sum => {
                    let sum: f64 = given.iter().sum();
                    let gap = sum - annual;
                    if gap.abs() <= tol * annual.abs() + 1e-9 {
                        continue;
                    }
                    // Sum is only the fallback guess here: a year that lies within its
                    // quarters reads as a level metric, so it is not flagged.
                    if goal.aggregation_source == AggregationSource::Default
                        && within_range(annual, &given, tol)
                    {
                        continue;
                    }
                    let blank: Vec<&str> = ["Q1", "Q2", "Q3", "Q4"]
                        .iter()
                        .zip(qs)
                        .filter(|(_, v)| v.is_none())
                        .map(|(q, _)| *q)
                        .collect();
                    let (blank_en, blank_zh) = if blank.is_empty() {
                        (String::new(), String::new())
                    } else {
                        (
                            format!("; {} blank", blank.join(", ")),
                            format!("；{} 未填", blank.join("、")),
                        )
                    };
                    let label = goal.label();
                    let from_months = goal.folded_quarters.iter().any(|f| *f);
                    let (what_en, what_zh) = if from_months {
                        ("the months", "各月目标")
                    } else {
                        ("quarters", "四个季度")
                    };
                    ctx.msg(
                        format!(
                            "goal {label}: {what_en} sum to {} but the annual target is {} (gap {}){blank_en}",
                            n(sum),
                            n(annual),
                            n(gap.abs())
                        ),
                        format!(
                            "目标 {label}：{what_zh}合计 {}，与全年目标 {} 不一致（差 {}）{blank_zh}",
                            n(sum),
                            n(annual),
                            n(gap.abs())
                        ),
                    )
                }
                kind @ (Aggregation::Level | Aggregation::Ratio) => {
                    if within_range(annual, &given, tol) {
                        continue;
                    }
                    let (lo, hi) = range(&given);
                    let label = goal.label();
                    let (kind_en, kind_zh) = match kind {
                        Aggregation::Level => ("level", "存量型"),
                        _ => ("ratio", "比率型"),
                    };
                    ctx.msg(
                        format!(
                            "goal {label}: the annual target {} is outside the quarters' range {}–{} ({kind_en} metric: the year lies within its quarters)",
                            n(annual),
                            n(lo),
                            n(hi)
                        ),
                        format!(
                            "目标 {label}：全年目标 {} 不在各季度目标 {}–{} 的范围内（{kind_zh}指标的全年值应介于各季度之间）",
                            n(annual),
                            n(lo),
                            n(hi)
                        ),
                    )
                }
            };
            out.push(ctx.goal_finding(&INFO, goal, Field::Target, goal.target.cell, message));
        }
    }
}

/// A quarter the sheet gives beside its month columns must agree with its months (sum:
/// their total; level: the last month; ratio: their mean): one finding per quarter that
/// does not, on the quarter's cell.
fn months_against_quarters(ctx: &Context, goal: &Goal, tol: f64, out: &mut Vec<Finding>) {
    if goal.months.iter().all(|m| m.value.is_none()) {
        return;
    }
    for (q, quarter) in goal.quarters.iter().enumerate() {
        if goal.folded_quarters.get(q).copied().unwrap_or(true) {
            continue;
        }
        let (Some(given), Some(months)) = (quarter.value, months_fold(goal, ctx.plan.fiscal, q))
        else {
            continue;
        };
        if (months - given).abs() <= tol * given.abs() + 1e-9 {
            continue;
        }
        let n = |v: f64| fmt_num(v, goal.is_percent);
        let (label, k) = (goal.label(), q + 1);
        let (how_en, how_zh) = match goal.aggregation {
            Aggregation::Sum => ("add up to", "合计"),
            Aggregation::Level => ("end at", "期末为"),
            Aggregation::Ratio => ("average", "平均为"),
        };
        let message = ctx.msg(
            format!(
                "goal {label}: Q{k} is {} but its months {how_en} {}",
                n(given),
                n(months)
            ),
            format!(
                "目标 {label}：第{k}季度目标 {}，但该季度各月目标{how_zh} {}",
                n(given),
                n(months)
            ),
        );
        out.push(ctx.goal_finding(&INFO, goal, Field::QUARTERS[q], quarter.cell, message));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Lang, ValueIssue};
    use crate::rules::test_support::*;

    #[test]
    fn a_quarter_whose_formula_could_not_be_computed_is_not_a_blank_quarter() {
        // Q1 is a formula with no stored result goalsheet could not compute (D005 reports
        // it): the other quarters do not add up to the year, but that proves nothing.
        let mut plan = wide_plan();
        plan.goals = vec![
            goal(&plan, 5)
                .text(Field::Id, "KR1")
                .num(Field::Target, 500.0)
                .quarters([100.0, 100.0, 150.0, 150.0])
                .issue(Field::Q1, "", ValueIssue::FormulaNotComputed)
                .build(),
            // The look-alike: Q1 really blank, the gap is reported.
            goal(&plan, 6)
                .text(Field::Id, "KR2")
                .num(Field::Target, 500.0)
                .quarters([100.0, 100.0, 150.0, 150.0])
                .issue(Field::Q1, "", ValueIssue::Marker("待定".into()))
                .build(),
        ];
        let f = run(&QuartersReconcile, &plan);
        assert_eq!(hits(&f, "M005"), vec!["I6"]);
    }

    #[test]
    fn sum_metric_quarters_must_add_up_within_tolerance() {
        let mut plan = wide_plan();
        plan.goals = vec![
            goal(&plan, 5)
                .text(Field::Id, "KR1.2")
                .num(Field::Target, 1200.0)
                .quarters([250.0, 300.0, 250.0, 350.0])
                .build(),
            // within 0.5%: 1,195 vs 1,200
            goal(&plan, 6)
                .text(Field::Id, "KR1.3")
                .num(Field::Target, 1200.0)
                .quarters([250.0, 300.0, 295.0, 350.0])
                .build(),
            // no quarters: nothing to reconcile
            goal(&plan, 7)
                .text(Field::Id, "KR1.4")
                .num(Field::Target, 10.0)
                .build(),
        ];
        let f = run(&QuartersReconcile, &plan);
        assert_eq!(hits(&f, "M005"), vec!["I5"]);
        assert_eq!(
            f[0].message,
            "goal KR1.2: quarters sum to 1,150 but the annual target is 1,200 (gap 50)"
        );
        let zh = run_with(
            &QuartersReconcile,
            &plan,
            &crate::Config::default(),
            Lang::Zh,
        );
        assert_eq!(
            zh[0].message,
            "目标 KR1.2：四个季度合计 1,150，与全年目标 1,200 不一致（差 50）"
        );
    }

    #[test]
    fn a_guessed_sum_whose_year_is_within_its_quarters_reads_as_a_level() {
        let mut plan = wide_plan();
        let qs = [160000.0, 172000.0, 185000.0, 200000.0];
        let mut guessed = goal(&plan, 2)
            .num(Field::Target, 200000.0)
            .quarters(qs)
            .build();
        guessed.aggregation_source = AggregationSource::Default;
        let mut named = goal(&plan, 3)
            .num(Field::Target, 200000.0)
            .quarters(qs)
            .build();
        named.aggregation_source = AggregationSource::Lexicon;
        let mut guessed_off = goal(&plan, 4)
            .num(Field::Target, 900000.0)
            .quarters(qs)
            .build();
        guessed_off.aggregation_source = AggregationSource::Default;
        plan.goals = vec![guessed, named, guessed_off];
        assert_eq!(
            hits(&run(&QuartersReconcile, &plan), "M005"),
            vec!["I3", "I4"]
        );
    }

    #[test]
    fn blank_quarters_are_named() {
        let mut plan = wide_plan();
        plan.goals = vec![
            goal(&plan, 2)
                .num(Field::Target, 100.0)
                .num(Field::Q1, 50.0)
                .num(Field::Q2, 30.0)
                .build(),
        ];
        let f = run(&QuartersReconcile, &plan);
        assert_eq!(hits(&f, "M005"), vec!["I2"]);
        assert!(f[0].message.ends_with("Q3, Q4 blank"), "{}", f[0].message);
    }

    #[test]
    fn level_and_ratio_metrics_check_the_range_not_the_sum() {
        let mut plan = wide_plan();
        plan.goals = vec![
            // ratio 5% within 4%..6%: fine, although the quarters sum to 20%
            goal(&plan, 2)
                .aggregation(Aggregation::Ratio)
                .pct(Field::Target, 0.05)
                .pct(Field::Q1, 0.04)
                .pct(Field::Q2, 0.05)
                .pct(Field::Q3, 0.05)
                .pct(Field::Q4, 0.06)
                .build(),
            // level 50,000 above the Q4 40,000
            goal(&plan, 3)
                .aggregation(Aggregation::Level)
                .num(Field::Target, 50000.0)
                .quarters([10000.0, 20000.0, 30000.0, 40000.0])
                .build(),
        ];
        let f = run(&QuartersReconcile, &plan);
        assert_eq!(hits(&f, "M005"), vec!["I3"]);
        assert!(f[0].message.contains("10,000–40,000"), "{}", f[0].message);
    }

    fn with_months(mut g: crate::model::Goal, months: [f64; 12]) -> crate::model::Goal {
        for (i, v) in months.into_iter().enumerate() {
            *g.months.get_mut(i).unwrap() = crate::model::Num {
                value: Some(v),
                raw: v.to_string(),
                cell: Some(crate::model::CellPos::new(g.row, 20 + i as u32)),
                issue: None,
            };
        }
        g
    }

    #[test]
    fn quarters_given_beside_months_must_agree_with_them() {
        let mut plan = wide_plan();
        let months = [
            10.0, 10.0, 10.0, 20.0, 20.0, 20.0, 30.0, 30.0, 30.0, 40.0, 40.0, 40.0,
        ];
        plan.goals = vec![
            // Q2 says 70 but April–June add up to 60.
            with_months(
                goal(&plan, 2)
                    .num(Field::Target, 300.0)
                    .quarters([30.0, 70.0, 90.0, 110.0])
                    .build(),
                months,
            ),
            // Agreeing quarters and months.
            with_months(
                goal(&plan, 3)
                    .num(Field::Target, 300.0)
                    .quarters([30.0, 60.0, 90.0, 120.0])
                    .build(),
                months,
            ),
        ];
        let f = run(&QuartersReconcile, &plan);
        let cells = hits(&f, "M005");
        // The Q2 cell against its months, and the year against the quarters (310 ≠ 300).
        assert_eq!(cells.len(), 2, "{f:?}");
        assert!(
            f.iter()
                .any(|x| x.message == "goal row 2: Q2 is 70 but its months add up to 60"),
            "{f:?}"
        );
        let zh = run_with(
            &QuartersReconcile,
            &plan,
            &crate::Config::default(),
            Lang::Zh,
        );
        assert!(
            zh.iter().any(|x| x
                .message
                .contains("第2季度目标 70，但该季度各月目标合计 60")),
            "{zh:?}"
        );
    }

    #[test]
    fn months_folded_into_quarters_are_named_as_months() {
        let mut plan = wide_plan();
        let mut g = goal(&plan, 2)
            .num(Field::Target, 1000.0)
            .quarters([100.0, 200.0, 300.0, 300.0])
            .build();
        g.folded_quarters = [true; 4];
        plan.goals = vec![g];
        let f = run(&QuartersReconcile, &plan);
        assert_eq!(
            f[0].message,
            "goal row 2: the months sum to 900 but the annual target is 1,000 (gap 100)"
        );
    }
}
