//! M001 metric-missing: a goal without a metric (指标).

use crate::model::Field;
use crate::rules::text::{marker_of, present};
use crate::rules::{Context, Finding, Letter, Rule, RuleInfo, Severity};

/// A goal whose metric cell is blank, a marker, or absent.
pub struct MetricMissing;

static INFO: RuleInfo = RuleInfo {
    id: "M001",
    name: "metric-missing",
    letter: Letter::M,
    severity: Severity::Error,
    title_en: "Goal has no metric",
    title_zh: "目标没有衡量指标",
    hint_en: "Name the metric that shows whether the goal is met (revenue, leads, conversion rate, …).",
    hint_zh: "填写衡量是否达成的指标（销售额、线索数、转化率……）。",
    doc: "## What it checks\n\
The goal's metric cell (Metric / KPI / 指标 / 考核指标) is blank or a not-yet-set marker \
(待定, TBD), or the sheet has no metric column. One finding per goal. A qualitative \
objective with no metric, target or quarterly target of its own, whose key results sit below \
it in the tree, is measured through them and not flagged.\n\n\
## Why it matters\n\
Without a metric nobody can say at the end of the quarter whether the goal was met, and the \
rollups cannot group the target with the other goals that measure the same thing.\n\n\
## Example\n\
Bad: `KR1.2 | 线上销售额达到 1,200 万 | (blank metric) | 1,200`\n\n\
Fixed: `KR1.2 | 线上销售额达到 1,200 万 | 线上销售额 | 1,200`\n",
    doc_zh: "## 检查内容\n\
目标的指标单元格（Metric / KPI / 指标 / 考核指标）为空或为待定标记（待定、TBD），或该表没有指标列。每个目标报一条。没有自己的指标、目标值和季度目标，而在目标层级中下挂关键结果的定性目标，通过其关键结果衡量，不报。\n\n\
## 为什么重要\n\
没有指标，季度末没人能说清目标是否达成，汇总也无法把该目标与衡量同一事物的其他目标归在一起。\n\n\
## 示例\n\
错误：`KR1.2 | 线上销售额达到 1,200 万 |（指标为空）| 1,200`\n\n\
修正：`KR1.2 | 线上销售额达到 1,200 万 | 线上销售额 | 1,200`\n",
};

impl Rule for MetricMissing {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn check(&self, ctx: &Context, out: &mut Vec<Finding>) {
        for (i, goal) in ctx.plan.goals.iter().enumerate() {
            if super::measured_by_children(ctx, i) {
                continue;
            }
            if present(&goal.metric).is_some() {
                continue;
            }
            let label = goal.label();
            let message = match marker_of(&goal.metric) {
                Some(m) => ctx.msg(
                    format!("goal {label} has no metric yet (metric is \"{m}\")"),
                    format!("目标 {label} 的指标尚未确定（填的是“{m}”）"),
                ),
                None => ctx.msg(
                    format!("goal {label} has no metric"),
                    format!("目标 {label} 没有衡量指标"),
                ),
            };
            out.push(ctx.goal_finding(&INFO, goal, Field::Metric, goal.metric.cell, message));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::test_support::*;

    #[test]
    fn blank_or_marker_metric_fires() {
        let mut plan = wide_plan();
        plan.goals = vec![
            goal(&plan, 2)
                .text(Field::Id, "KR1")
                .num(Field::Target, 5.0)
                .build(),
            goal(&plan, 3)
                .text(Field::Id, "KR2")
                .text(Field::Metric, "线索数")
                .build(),
            goal(&plan, 4)
                .text(Field::Id, "KR3")
                .marker(Field::Metric, "TBD")
                .build(),
        ];
        let f = run(&MetricMissing, &plan);
        assert_eq!(hits(&f, "M001"), vec!["F2", "F4"]);
        assert_eq!(f[0].message, "goal KR1 has no metric");
        assert!(f[1].message.contains("TBD"));
    }
}
