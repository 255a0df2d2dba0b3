//! S002 statement-missing: a goal row with neither an objective nor a key result.

use crate::model::Field;
use crate::rules::{Context, Finding, Letter, Rule, RuleInfo, Severity};

/// A goal with no objective and no key result text.
pub struct StatementMissing;

static INFO: RuleInfo = RuleInfo {
    id: "S002",
    name: "statement-missing",
    letter: Letter::S,
    severity: Severity::Error,
    title_en: "Goal has no objective or key result text",
    title_zh: "目标没有目标描述或关键结果",
    hint_en: "Write what the goal is: an objective, or a key result with its outcome.",
    hint_zh: "写明这个目标是什么：填写目标描述，或写出关键结果（KR）。",
    doc: "## What it checks\n\
Both the objective (Objective / 目标) and the key result (Key Result / 关键结果) cells of a \
goal row are blank, although the row carries other values (a metric, a target, an owner).\n\n\
## Why it matters\n\
Numbers without a statement cannot be reviewed or aligned: nobody can tell what the target \
is for, and rollups show an unnamed line.\n\n\
## Example\n\
Bad: `KR2.1 | (blank) | (blank) | 线索数 | 5,000`\n\n\
Fixed: `KR2.1 | 扩大线索池 | 全年获取有效线索 5,000 条 | 线索数 | 5,000`\n",
    doc_zh: "## 检查内容\n\
目标行的目标（Objective / 目标）和关键结果（Key Result / 关键结果）单元格都为空，而该行有其他内容（指标、目标值、负责人）。\n\n\
## 为什么重要\n\
没有表述的数字无法审阅，也无法对齐：没人知道这个目标值是为了什么，汇总里也会出现一行没有名字的数据。\n\n\
## 示例\n\
错误：`KR2.1 |（空）|（空）| 线索数 | 5,000`\n\n\
修正：`KR2.1 | 扩大线索池 | 全年获取有效线索 5,000 条 | 线索数 | 5,000`\n",
};

impl Rule for StatementMissing {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn check(&self, ctx: &Context, out: &mut Vec<Finding>) {
        for goal in &ctx.plan.goals {
            if goal.statement().is_some() {
                continue;
            }
            // Point at the objective cell, else the key result cell.
            let (field, cell) = if ctx.plan.has_column(Field::Objective) {
                (Field::Objective, goal.objective.cell)
            } else {
                (Field::KeyResult, goal.key_result.cell)
            };
            let label = goal.label();
            let message = ctx.msg(
                format!("goal {label} has neither an objective nor a key result"),
                format!("目标 {label} 既没有目标描述也没有关键结果"),
            );
            out.push(ctx.goal_finding(&INFO, goal, field, cell, message));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::test_support::*;

    #[test]
    fn no_statement_fires_a_key_result_alone_is_enough() {
        let mut plan = wide_plan();
        plan.goals = vec![
            goal(&plan, 2)
                .text(Field::Id, "KR1")
                .text(Field::Metric, "线索数")
                .build(),
            goal(&plan, 3)
                .text(Field::Id, "KR2")
                .text(Field::KeyResult, "全年获取线索 5,000 条")
                .build(),
            goal(&plan, 4)
                .text(Field::Id, "O1")
                .text(Field::Objective, "扩大线索池")
                .build(),
        ];
        assert_eq!(hits(&run(&StatementMissing, &plan), "S002"), vec!["D2"]);
    }

    #[test]
    fn without_objective_column_points_at_key_result() {
        let mut plan = plan_with(&[Field::Id, Field::KeyResult]);
        plan.goals = vec![goal(&plan, 2).text(Field::Id, "KR1").build()];
        assert_eq!(hits(&run(&StatementMissing, &plan), "S002"), vec!["B2"]);
    }
}
