//! D003 totals-mismatch: a totals row that disagrees with the goals above it.

use indexmap::IndexMap;

use crate::model::{Aggregation, Field, Goal, Num};
use crate::rules::b::{lines_sum, total_line};
use crate::rules::hierarchy::name_key;
use crate::rules::{Context, Finding, Letter, Rule, RuleInfo, Severity, show};

pub struct TotalsMismatch;

static INFO: RuleInfo = RuleInfo {
    id: "D003",
    name: "totals-mismatch",
    letter: Letter::D,
    severity: Severity::Warning,
    title_en: "Totals row disagrees with the goals above it",
    title_zh: "合计行与上方目标之和不一致",
    hint_en: "Make the totals row a formula over the goal rows (=SUM(...)), or correct the goal that is off.",
    hint_zh: "将合计行改为对目标行求和的公式（=SUM(...)），或更正有误的目标数值。",
    doc: "## What it checks\n\
A totals row (合计, 小计, Total …) shows a number that differs by more than 0.5% from the \
total computed from the goals above it: the goals since the previous totals row, or all \
goals above it (a grand total under subtotals); in a sheet of several metrics, the total \
of any one metric's goals also counts as agreeing. Only additive columns are compared \
(baseline, target, Q1–Q4, actuals, budget); for targets and actuals only `sum` metrics \
count, and a parent whose children carry its metric is not counted again (nor a parent \
budget that equals its children's). The budget sheet's total line is compared with the sum \
of its lines the same way. The finding sits on the totals cell.\n\n\
## Why it matters\n\
A typed-over total, or a SUM range that misses rows, shows the team a different plan from \
the one its rows add up to.\n\n\
## Example\n\
Bad: targets `300`, `500`, `400` and a totals row `1,100`.\n\
Fixed: a totals row `1,200` (`=SUM(I5:I7)`).\n",
    doc_zh: "## 检查内容\n\
合计行（合计、小计、Total……）显示的数字，与由其上方目标算出的合计相差超过 0.5%：上方目标指上一个合计行之后的目标，或其上方的全部目标（小计之下的总计）；在含多个指标的表中，与任一指标的目标合计一致也算一致。只比较可相加的列（基线、目标值、一至四季度、实际、预算）；目标值和实际值只计累加型指标，下级带有同一指标的上级目标不重复计算（预算等于下级之和的上级也不重复计算）。预算表的合计行也以同样方式与各行之和比较。问题标在合计单元格。\n\n\
## 为什么重要\n\
被手工改写的合计，或漏掉几行的 SUM 区域，会让团队看到一个与各行加总不同的计划。\n\n\
## 示例\n\
错误：目标值 `300`、`500`、`400`，合计行为 `1,100`。\n\
修正：合计行为 `1,200`（`=SUM(I5:I7)`）。\n",
};

/// The additive fields a totals row is compared on.
const FIELDS: [Field; 12] = Field::NUMERIC;

fn field_value(goal: &Goal, field: Field) -> &Num {
    match field {
        Field::Baseline => &goal.baseline,
        Field::Q1 => &goal.quarters[0],
        Field::Q2 => &goal.quarters[1],
        Field::Q3 => &goal.quarters[2],
        Field::Q4 => &goal.quarters[3],
        Field::ActualQ1 => &goal.actual_quarters[0],
        Field::ActualQ2 => &goal.actual_quarters[1],
        Field::ActualQ3 => &goal.actual_quarters[2],
        Field::ActualQ4 => &goal.actual_quarters[3],
        Field::Actual => &goal.actual,
        Field::Budget => &goal.budget,
        _ => &goal.target,
    }
}

fn field_zh(field: Field) -> &'static str {
    match field {
        Field::Baseline => "基线",
        Field::Target => "目标值",
        Field::Q1 => "一季度",
        Field::Q2 => "二季度",
        Field::Q3 => "三季度",
        Field::Q4 => "四季度",
        Field::ActualQ1 => "一季度实际",
        Field::ActualQ2 => "二季度实际",
        Field::ActualQ3 => "三季度实际",
        Field::ActualQ4 => "四季度实际",
        Field::Actual => "实际完成",
        Field::Budget => "预算",
        _ => field.name(),
    }
}

/// The running total of one column: over all counted goals, and per metric (a totals row in
/// a sheet of mixed metrics usually adds up one of them).
#[derive(Clone, Default)]
struct Column {
    sum: f64,
    count: usize,
    /// metric key → (metric as written, sum).
    by_metric: IndexMap<String, (String, f64)>,
}

impl Column {
    fn add(&mut self, metric: Option<(&str, &str)>, v: f64) {
        self.sum += v;
        self.count += 1;
        if let Some((key, name)) = metric {
            match self.by_metric.get_mut(key) {
                Some(group) => group.1 += v,
                None => {
                    self.by_metric
                        .insert(key.to_string(), (name.to_string(), v));
                }
            }
        }
    }
    /// Every total this column could mean.
    fn candidates(&self) -> impl Iterator<Item = f64> + '_ {
        (self.count > 0)
            .then_some(self.sum)
            .into_iter()
            .chain(self.by_metric.values().map(|(_, v)| *v))
    }
}

fn empty_columns() -> Vec<Column> {
    vec![Column::default(); FIELDS.len()]
}

fn differs(shown: f64, computed: f64) -> bool {
    let diff = (shown - computed).abs();
    diff > 0.005 * shown.abs().max(computed.abs()) && diff > 1e-9
}

impl Rule for TotalsMismatch {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn check(&self, ctx: &Context, out: &mut Vec<Finding>) {
        check_goal_sheet(ctx, out);
        check_budget_sheet(ctx, out);
    }
}

/// The budget sheet's total line against the sum of its lines.
fn check_budget_sheet(ctx: &Context, out: &mut Vec<Finding>) {
    let Some(sheet) = &ctx.plan.budget else {
        return;
    };
    let (Some(total), Some(sum)) = (total_line(sheet), lines_sum(sheet)) else {
        return;
    };
    let Some(shown) = total.value.filter(|t| differs(*t, sum)) else {
        return;
    };
    let label = sheet.total.as_ref().map_or("", |t| t.label.trim());
    let (s, c, d) = (
        show::num(shown),
        show::num(sum),
        show::num((shown - sum).abs()),
    );
    let message = ctx.msg(
        format!("totals row \"{label}\" shows {s}, but the budget lines above add up to {c} (difference {d})"),
        format!("合计行“{label}”为 {s}，而上方预算各项合计为 {c}（相差 {d}）"),
    );
    out.push(ctx.cell_finding(&INFO, &sheet.sheet, total.cell, Some("budget"), message));
}

/// The goal sheet's totals rows against the goals above them.
fn check_goal_sheet(ctx: &Context, out: &mut Vec<Finding>) {
    let plan = ctx.plan;
    if plan.totals.is_empty() {
        return;
    }
    let goals = &plan.goals;
    // Which goals count, decided once: a parent whose children share its metric is their
    // total; a parent budget equal to its children's budgets is their total.
    let mut counts_metric = vec![true; goals.len()];
    let mut counts_budget = vec![true; goals.len()];
    for (i, g) in goals.iter().enumerate() {
        let kids = &ctx.tree.children[i];
        if kids.is_empty() {
            continue;
        }
        let key = g.metric.text().map(name_key);
        counts_metric[i] = !kids
            .iter()
            .any(|&c| key.is_some() && goals[c].metric.text().map(name_key) == key);
        let kid_budgets: Vec<f64> = kids.iter().filter_map(|&c| goals[c].budget.value).collect();
        if let (Some(own), false) = (g.budget.value, kid_budgets.is_empty()) {
            counts_budget[i] = differs(own, kid_budgets.iter().sum());
        }
    }
    let mut order: Vec<usize> = (0..goals.len()).collect();
    order.sort_by_key(|&i| goals[i].row);
    let mut totals: Vec<usize> = (0..plan.totals.len()).collect();
    totals.sort_by_key(|&t| plan.totals[t].row);

    let (mut segment, mut cumulative) = (empty_columns(), empty_columns());
    let mut next = 0;
    for t in totals {
        let row = &plan.totals[t];
        while let Some(&i) = order.get(next) {
            let g = &goals[i];
            if g.row >= row.row {
                break;
            }
            next += 1;
            let metric = g.metric.text().map(|m| (name_key(m), m));
            for (k, &field) in FIELDS.iter().enumerate() {
                let (counted, grouped) = if field == Field::Budget {
                    (counts_budget[i], None)
                } else {
                    let counted =
                        counts_metric[i] && g.aggregation == Aggregation::Sum && !g.is_percent;
                    (counted, metric.as_ref().map(|(key, m)| (key.as_str(), *m)))
                };
                if let (true, Some(v)) = (counted, field_value(g, field).value) {
                    segment[k].add(grouped, v);
                    cumulative[k].add(grouped, v);
                }
            }
        }
        for (k, &field) in FIELDS.iter().enumerate() {
            let Some(cell) = row.values.get(&field) else {
                continue;
            };
            let Some(shown) = cell.value else {
                continue;
            };
            let (seg, all) = (&segment[k], &cumulative[k]);
            let view = if seg.count > 0 { seg } else { all };
            if view.count == 0
                || seg
                    .candidates()
                    .chain(all.candidates())
                    .any(|c| !differs(shown, c))
            {
                continue;
            }
            let (label, name) = (row.label.trim(), field.name());
            let (s, c, d) = (
                show::num(shown),
                show::num(view.sum),
                show::num((shown - view.sum).abs()),
            );
            let message = if view.by_metric.len() > 1 {
                let groups: Vec<String> = view
                    .by_metric
                    .values()
                    .map(|(m, v)| format!("{m} {}", show::num(*v)))
                    .collect();
                let groups = show::list(&groups, 4, "; ");
                ctx.msg(
                    format!("totals row \"{label}\" shows {s} for {name}, but the goals above add up to {c} in all and no single metric's goals match it ({groups})"),
                    format!("合计行“{label}”的{}为 {s}，与上方目标总计 {c} 及任一指标的合计（{groups}）都不一致", field_zh(field)),
                )
            } else {
                ctx.msg(
                    format!("totals row \"{label}\" shows {s} for {name}, but the goals above add up to {c} (difference {d})"),
                    format!("合计行“{label}”的{}为 {s}，而上方目标合计为 {c}（相差 {d}）", field_zh(field)),
                )
            };
            let cell_pos = cell.cell.or_else(|| {
                plan.columns
                    .get(&field)
                    .map(|&col| crate::model::CellPos::new(row.row, col))
            });
            out.push(ctx.cell_finding(&INFO, &plan.sheet, cell_pos, Some(name), message));
        }
        segment = empty_columns();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Aggregation;
    use crate::rules::testkit::*;

    fn total_at(row: u32, values: &[(Field, f64)]) -> crate::model::TotalsRow {
        let v: Vec<(Field, crate::model::CellPos, f64)> = values
            .iter()
            .map(|&(f, x)| (f, at(row, col(f)), x))
            .collect();
        totals_row(row, "合计", &v)
    }

    #[test]
    fn a_total_that_disagrees_fires_on_its_cell() {
        let mut p = plan(vec![
            G::new(1, "G1").target(300.0).budget(10.0).build(),
            G::new(2, "G2").target(500.0).budget(20.0).build(),
            G::new(3, "G3").target(400.0).budget(30.0).build(),
        ]);
        p.totals = vec![total_at(
            4,
            &[(Field::Target, 1100.0), (Field::Budget, 60.0)],
        )];
        let f = run(&TotalsMismatch, &p);
        assert_eq!(hits(&f), vec![("D003", "Goals!I5".into())]);
        assert!(
            f[0].message.contains(
                "shows 1,100 for target, but the goals above add up to 1,200 (difference 100)"
            ),
            "{}",
            f[0].message
        );
    }

    #[test]
    fn a_total_of_one_metric_in_a_mixed_sheet_agrees_and_a_wrong_one_names_the_metrics() {
        let mut p = plan(vec![
            G::new(1, "G1").metric("销售额").target(1200.0).build(),
            G::new(2, "G2").metric("销售额").target(1800.0).build(),
            G::new(3, "G3").metric("线索数").target(20000.0).build(),
        ]);
        p.totals = vec![total_at(4, &[(Field::Target, 3000.0)])];
        assert!(run(&TotalsMismatch, &p).is_empty());
        p.totals = vec![total_at(4, &[(Field::Target, 2900.0)])];
        let f = run(&TotalsMismatch, &p);
        assert_eq!(hits(&f), vec![("D003", "Goals!I5".into())]);
        assert!(
            f[0].message.contains(
                "23,000 in all and no single metric's goals match it (销售额 3,000; 线索数 20,000)"
            ),
            "{}",
            f[0].message
        );
    }

    #[test]
    fn a_budget_total_line_that_disagrees_fires_either_way() {
        let mut p = plan(vec![G::new(1, "G1").build()]);
        p.budget = Some(budget_sheet(
            vec![
                budget_line(1, "投放", 600.0, false),
                budget_line(2, "活动", 300.0, false),
            ],
            Some((3, 1000.0)),
        ));
        let f = run(&TotalsMismatch, &p);
        assert_eq!(hits(&f), vec![("D003", "Budget!B4".into())]);
        assert!(
            f[0].message
                .contains("shows 1,000, but the budget lines above add up to 900"),
            "{}",
            f[0].message
        );
        p.budget = Some(budget_sheet(
            vec![
                budget_line(1, "投放", 600.0, false),
                budget_line(2, "活动", 400.0, false),
            ],
            Some((3, 1000.0)),
        ));
        assert!(run(&TotalsMismatch, &p).is_empty());
    }

    #[test]
    fn subtotals_grand_totals_parents_and_ratios_are_read_right() {
        let mut p = plan(vec![
            // Parent O1 = its children's total; not counted again.
            G::new(1, "O1")
                .metric("销售额")
                .target(800.0)
                .budget(30.0)
                .build(),
            G::new(2, "KR1")
                .parent("O1")
                .metric("销售额")
                .target(300.0)
                .budget(10.0)
                .build(),
            G::new(3, "KR2")
                .parent("O1")
                .metric("销售额")
                .target(500.0)
                .budget(20.0)
                .build(),
            // A ratio is never summed.
            G::new(4, "KR3")
                .metric("转化率")
                .agg(Aggregation::Ratio)
                .target(0.3)
                .build(),
            // Subtotal at row 5, a second group, its subtotal, and a grand total.
            G::new(6, "G4").metric("销售额").target(200.0).build(),
        ]);
        p.totals = vec![
            total_at(5, &[(Field::Target, 800.0), (Field::Budget, 30.0)]),
            total_at(7, &[(Field::Target, 200.0)]),
            total_at(8, &[(Field::Target, 1000.0), (Field::Budget, 30.0)]),
        ];
        assert!(
            run(&TotalsMismatch, &p).is_empty(),
            "{:?}",
            run(&TotalsMismatch, &p)
        );
        // Within 0.5% is fine too.
        p.totals = vec![total_at(7, &[(Field::Target, 1004.0)])];
        assert!(run(&TotalsMismatch, &p).is_empty());
        assert_info(&TotalsMismatch);
    }
}
