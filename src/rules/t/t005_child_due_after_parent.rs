//! T005 child-due-after-parent: a child goal due after its parent.

use crate::model::Field;
use crate::rules::t::shown;
use crate::rules::{Context, Finding, Letter, Rule, RuleInfo, Severity};

pub struct ChildDueAfterParent;

static INFO: RuleInfo = RuleInfo {
    id: "T005",
    name: "child-due-after-parent",
    letter: Letter::T,
    severity: Severity::Warning,
    title_en: "Child goal is due after its parent",
    title_zh: "下级目标截止时间晚于上级目标",
    hint_en: "Bring the child's due date forward to the parent's, or move the parent's later.",
    hint_zh: "将下级目标的截止时间提前到上级目标之前，或推迟上级目标的截止时间。",
    doc: "## What it checks\n\
A goal's due date (the last day of its due period) is after its parent's.\n\n\
## Why it matters\n\
A parent is reached through its children; a child that finishes later means the parent \
cannot be met on time as planned.\n\n\
## Example\n\
Bad: `O1 | due: 2026-06-30` with child `KR1 | parent: O1 | due: 2026-09-30`.\n\
Fixed: `KR1 | parent: O1 | due: 2026-06-30`.\n",
    doc_zh: "## 检查内容\n\
目标的截止日期（截止时段的最后一天）晚于其上级目标的截止日期。\n\n\
## 为什么重要\n\
上级目标靠下级目标达成；下级更晚完成，意味着上级无法按计划如期达成。\n\n\
## 示例\n\
错误：`O1 | 截止：2026-06-30`，下级 `KR1 | 上级：O1 | 截止：2026-09-30`。\n\
修正：`KR1 | 上级：O1 | 截止：2026-06-30`。\n",
};

impl Rule for ChildDueAfterParent {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn check(&self, ctx: &Context, out: &mut Vec<Finding>) {
        for (i, goal) in ctx.plan.goals.iter().enumerate() {
            let Some(parent) = ctx.tree.parent[i].and_then(|p| ctx.plan.goals.get(p)) else {
                continue;
            };
            let (Some(due), Some(parent_due)) = (goal.due.value, parent.due.value) else {
                continue;
            };
            if due.end <= parent_due.end {
                continue;
            }
            let (label, plabel) = (goal.label(), parent.label());
            let (d, pd) = (shown(&goal.due), shown(&parent.due));
            let message = ctx.msg(
                format!("goal {label} is due {d}, after its parent {plabel} ({pd})"),
                format!("目标 {label} 的截止时间 {d} 晚于上级目标 {plabel}（{pd}）"),
            );
            out.push(ctx.goal_finding(&INFO, goal, Field::Due, goal.due.cell, message));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testkit::*;

    #[test]
    fn child_due_after_parent_fires_on_the_child() {
        let p = plan(vec![
            G::new(1, "O1").due(2026, 6, 30).build(),
            G::new(2, "KR1").parent("O1").due(2026, 9, 30).build(),
        ]);
        let f = run(&ChildDueAfterParent, &p);
        assert_eq!(hits(&f), vec![("T005", "Goals!Q3".into())]);
        assert!(
            f[0].message.contains("after its parent O1 (2026-06-30)"),
            "{}",
            f[0].message
        );
    }

    #[test]
    fn child_due_inside_the_parent_period_is_fine() {
        let p = plan(vec![
            G::new(1, "O1")
                .due_span("H1", day(2026, 1, 1), day(2026, 6, 30))
                .build(),
            G::new(2, "KR1").parent("O1").due(2026, 6, 30).build(),
            G::new(3, "KR2")
                .parent("O1")
                .due_span("Q1", day(2026, 1, 1), day(2026, 3, 31))
                .build(),
            G::new(4, "KR3").parent("O1").build(),
            G::new(5, "X").due(2026, 12, 31).build(),
        ]);
        assert!(run(&ChildDueAfterParent, &p).is_empty());
        assert_info(&ChildDueAfterParent);
    }
}
