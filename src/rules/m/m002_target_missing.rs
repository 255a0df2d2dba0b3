//! M002 target-missing: no annual target and no quarterly targets.

use crate::model::{Field, ValueIssue};
use crate::rules::text::marker_of;
use crate::rules::{Context, Finding, Letter, Rule, RuleInfo, Severity};

/// A goal with no numeric target at all (or only 待定 / TBD).
pub struct TargetMissing;

static INFO: RuleInfo = RuleInfo {
    id: "M002",
    name: "target-missing",
    letter: Letter::M,
    severity: Severity::Error,
    title_en: "Goal has no numeric target",
    title_zh: "目标没有数值目标",
    hint_en: "Enter the annual target (or the four quarterly targets) as a number.",
    hint_zh: "填写全年目标值（或四个季度的目标值），用数字表示。",
    doc: "## What it checks\n\
The goal has neither an annual target (Target / 目标值 / 全年目标) nor any quarterly target \
(Q1..Q4 / 一季度..四季度) with a number. A not-yet-set marker (待定, TBD, N/A) counts as \
missing and the message says so. Text that is not a number is reported by M003 instead. A \
qualitative objective (no metric, no target cells at all) with key results below it is \
measured through them and not flagged.\n\n\
## Why it matters\n\
A goal without a number cannot be measured, rolled up or reviewed: \"提升销售额\" is met by \
one extra sale.\n\n\
## Example\n\
Bad: `KR1.2 | 线上销售额 | 目标值: 待定`\n\n\
Fixed: `KR1.2 | 线上销售额 | 目标值: 1,200 | Q1..Q4: 250, 300, 300, 350`\n",
    doc_zh: "## 检查内容\n\
目标既没有全年目标值（Target / 目标值 / 全年目标），也没有任何带数字的季度目标（Q1..Q4 / 一季度..四季度）。待定标记（待定、TBD、N/A）算作缺失，提示中会说明。不是数字的文字由 M003 报告。下挂关键结果的定性目标（没有指标，也没有任何目标值单元格）通过其关键结果衡量，不报。\n\n\
## 为什么重要\n\
没有数字的目标无法衡量、汇总或复盘：“提升销售额”多卖一单就算达成。\n\n\
## 示例\n\
错误：`KR1.2 | 线上销售额 | 目标值：待定`\n\n\
修正：`KR1.2 | 线上销售额 | 目标值：1,200 | 一至四季度：250, 300, 300, 350`\n",
};

impl Rule for TargetMissing {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn check(&self, ctx: &Context, out: &mut Vec<Finding>) {
        for (i, goal) in ctx.plan.goals.iter().enumerate() {
            if super::measured_by_children(ctx, i) {
                continue;
            }
            if goal.annual_target().is_some() {
                continue;
            }
            let fields = std::iter::once(&goal.target).chain(goal.quarters.iter());
            // Unreadable numbers and formula errors have their own rules (M003, D002, D005, D006).
            let unreadable = fields.clone().any(|v| {
                matches!(
                    v.issue(),
                    Some(ValueIssue::Unparsable)
                        | Some(ValueIssue::FormulaError(_))
                        | Some(ValueIssue::AmbiguousNumber)
                        | Some(ValueIssue::FormulaNotComputed)
                )
            });
            if unreadable {
                continue;
            }
            let label = goal.label();
            let message = match fields.clone().find_map(marker_of) {
                Some(m) => ctx.msg(
                    format!("goal {label} has no target yet (\"{m}\" is not a number)"),
                    format!("目标 {label} 的目标值尚未确定（“{m}”不是数值）"),
                ),
                None => ctx.msg(
                    format!("goal {label} has no annual or quarterly target"),
                    format!("目标 {label} 没有全年目标值，也没有季度目标值"),
                ),
            };
            let cell = goal
                .target
                .cell
                .or_else(|| goal.quarters.iter().find_map(|q| q.cell));
            out.push(ctx.goal_finding(&INFO, goal, Field::Target, cell, message));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::test_support::*;

    #[test]
    fn no_target_or_marker_fires_quarters_alone_are_enough() {
        let mut plan = wide_plan();
        plan.goals = vec![
            goal(&plan, 2).text(Field::Id, "KR1").build(),
            goal(&plan, 3)
                .text(Field::Id, "KR2")
                .quarters([1.0, 2.0, 3.0, 4.0])
                .build(),
            goal(&plan, 4)
                .text(Field::Id, "KR3")
                .marker(Field::Target, "待定")
                .build(),
            goal(&plan, 5)
                .text(Field::Id, "KR4")
                .unparsable(Field::Target, "a lot")
                .build(),
            goal(&plan, 6)
                .text(Field::Id, "KR5")
                .num(Field::Target, 0.0)
                .build(),
        ];
        let f = run(&TargetMissing, &plan);
        assert_eq!(hits(&f, "M002"), vec!["I2", "I4"]);
        assert!(f[1].message.contains("待定"), "{}", f[1].message);
    }

    #[test]
    fn without_target_column_points_at_the_id_cell() {
        let mut plan = plan_with(&[Field::Id, Field::Metric]);
        plan.goals = vec![goal(&plan, 2).text(Field::Id, "KR1").build()];
        assert_eq!(hits(&run(&TargetMissing, &plan), "M002"), vec!["A2"]);
    }
}
