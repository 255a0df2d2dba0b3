//! M007 baseline-missing: a measured goal without a baseline (基线).

use crate::model::{Field, ValueIssue};
use crate::rules::text::{marker_of, present};
use crate::rules::{Context, Finding, Letter, Rule, RuleInfo, Severity};

/// A goal with a metric or a target but no baseline to compare it with.
pub struct BaselineMissing;

static INFO: RuleInfo = RuleInfo {
    id: "M007",
    name: "baseline-missing",
    letter: Letter::M,
    severity: Severity::Warning,
    title_en: "Goal has no baseline",
    title_zh: "目标没有基线",
    hint_en: "Enter where the metric stands today (last year's actual or the current value).",
    hint_zh: "填写该指标的现状（去年实际或当前值）。",
    doc: "## What it checks\n\
A goal has a blank baseline cell (Baseline / 基线 / 去年实际 / 现状) or a not-yet-set \
marker. When the sheet has no baseline column at all, one plan-level finding says so \
instead of one per goal (counting the goals that have a metric or a target). A qualitative \
objective measured through its key results (no metric or target of its own) is skipped.\n\n\
## Why it matters\n\
Without a baseline nobody can tell whether the target is ambitious, achievable or already \
met, and the achievability checks (A001, A002) cannot run.\n\n\
## Example\n\
Bad: `线上销售额 | 基线: (blank) | 目标: 1,200`\n\n\
Fixed: `线上销售额 | 基线: 900 | 目标: 1,200`\n",
    doc_zh: "## 检查内容\n\
目标的基线单元格（Baseline / 基线 / 去年实际 / 现状）为空或为待定标记。如果表中根本没有基线列，则只报一条计划级问题（统计有指标或目标值的目标数），而不是每个目标一条。通过关键结果衡量的定性目标（自身没有指标或目标值）跳过。\n\n\
## 为什么重要\n\
没有基线，就无法判断目标是有挑战、可实现还是已经达到，可实现性检查（A001、A002）也无法进行。\n\n\
## 示例\n\
错误：`线上销售额 | 基线：（空）| 目标：1,200`\n\n\
修正：`线上销售额 | 基线：900 | 目标：1,200`\n",
};

impl Rule for BaselineMissing {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn check(&self, ctx: &Context, out: &mut Vec<Finding>) {
        let measured =
            |g: &crate::model::Goal| present(&g.metric).is_some() || g.annual_target().is_some();
        if !ctx.plan.has_column(Field::Baseline) {
            let n = ctx.plan.goals.iter().filter(|g| measured(g)).count();
            if n > 0 {
                let message = ctx.msg(
                    format!("the sheet has no baseline column, so none of its {n} measured goals has a baseline"),
                    format!("表格没有基线列，{n} 个可衡量目标都没有基线"),
                );
                out.push(ctx.plan_finding(&INFO, message));
            }
            return;
        }
        for (i, goal) in ctx.plan.goals.iter().enumerate() {
            if super::measured_by_children(ctx, i) {
                continue;
            }
            if goal.baseline.value.is_some() {
                continue;
            }
            if matches!(
                goal.baseline.issue(),
                Some(ValueIssue::Unparsable)
                    | Some(ValueIssue::FormulaError(_))
                    | Some(ValueIssue::AmbiguousNumber)
                    | Some(ValueIssue::FormulaNotComputed)
            ) {
                continue; // M003 / D002 / D005 / D006
            }
            let label = goal.label();
            let message = match marker_of(&goal.baseline) {
                Some(m) => ctx.msg(
                    format!("goal {label} has no baseline yet (\"{m}\")"),
                    format!("目标 {label} 的基线尚未填写（“{m}”）"),
                ),
                None => ctx.msg(
                    format!("goal {label} has no baseline"),
                    format!("目标 {label} 没有基线"),
                ),
            };
            out.push(ctx.goal_finding(&INFO, goal, Field::Baseline, goal.baseline.cell, message));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::test_support::*;

    #[test]
    fn measured_goal_without_baseline_fires() {
        let mut plan = wide_plan();
        plan.goals = vec![
            goal(&plan, 2)
                .text(Field::Id, "KR1")
                .text(Field::Metric, "线上销售额")
                .num(Field::Target, 1200.0)
                .build(),
            goal(&plan, 3)
                .text(Field::Id, "KR2")
                .text(Field::Metric, "线上销售额")
                .num(Field::Baseline, 900.0)
                .num(Field::Target, 1200.0)
                .build(),
            goal(&plan, 4)
                .text(Field::Id, "KR3")
                .text(Field::Metric, "线索数")
                .marker(Field::Baseline, "TBD")
                .build(),
            // an activity row with nothing measured has no baseline either
            goal(&plan, 5)
                .text(Field::KeyResult, "上线新版官网")
                .build(),
            // zero is a baseline
            goal(&plan, 6)
                .text(Field::Metric, "新渠道销售额")
                .num(Field::Baseline, 0.0)
                .build(),
        ];
        let f = run(&BaselineMissing, &plan);
        assert_eq!(hits(&f, "M007"), vec!["H2", "H4", "H5"]);
        assert!(f[1].message.contains("TBD"));
    }

    #[test]
    fn no_baseline_column_is_one_plan_level_finding() {
        let mut plan = plan_with(&[Field::Id, Field::Metric, Field::Target]);
        plan.goals = vec![
            goal(&plan, 2).text(Field::Metric, "线索数").build(),
            goal(&plan, 3).text(Field::Metric, "订单数").build(),
        ];
        let f = run(&BaselineMissing, &plan);
        assert_eq!(hits(&f, "M007"), vec!["-"]);
        assert!(
            f[0].message.contains("2 measured goals"),
            "{}",
            f[0].message
        );
    }
}
