//! E001 leaf-without-action: a leaf goal that no action works towards.

use std::collections::HashSet;

use crate::model::{Field, Key};
use crate::rules::{Context, Finding, Letter, Rule, RuleInfo, Severity};

pub struct LeafWithoutAction;

static INFO: RuleInfo = RuleInfo {
    id: "E001",
    name: "leaf-without-action",
    letter: Letter::E,
    severity: Severity::Warning,
    title_en: "Goal has no action in the action plan",
    title_zh: "目标在执行计划中没有对应行动",
    hint_en: "Add at least one action for this goal to the action plan, with the goal's id in its goal column.",
    hint_zh: "在执行计划中为该目标添加至少一项行动，并在“所属目标”列填写该目标编号。",
    doc: "## What it checks\n\
When the workbook has an action-plan sheet, every leaf goal (a goal no other goal names as \
its parent) must be named by at least one action's goal id. Parents are reached through \
their children and are not checked. Without an action sheet this rule is silent.\n\n\
## Why it matters\n\
A goal with no action is a wish: the plan says what, but not who does what, when and how.\n\n\
## Example\n\
Bad: goal `KR3 | 新增会员 2,000` and no action with goal id `KR3`.\n\
Fixed: action `A7 | 会员日活动 | goal: KR3 | owner: 王芳 | 2026-03-01 – 2026-03-31`.\n",
    doc_zh: "## 检查内容\n\
工作簿有执行计划表时，每个叶子目标（没有其他目标把它作为上级的目标）都必须至少被一项行动的目标编号引用。上级目标通过其下级来达成，不检查。没有执行计划表时本规则不报。\n\n\
## 为什么重要\n\
没有行动的目标只是愿望：计划说了做成什么，却没说谁在何时、如何去做。\n\n\
## 示例\n\
错误：目标 `KR3 | 新增会员 2,000`，但没有目标编号为 `KR3` 的行动。\n\
修正：行动 `A7 | 会员日活动 | 目标：KR3 | 负责人：王芳 | 2026-03-01 – 2026-03-31`。\n",
};

impl Rule for LeafWithoutAction {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn check(&self, ctx: &Context, out: &mut Vec<Finding>) {
        let Some(sheet) = &ctx.plan.actions else {
            return;
        };
        let linked: HashSet<Key> = sheet
            .actions
            .iter()
            .filter_map(|a| a.goal_id.key())
            .collect();
        let name = &sheet.sheet;
        for (i, goal) in ctx.plan.goals.iter().enumerate() {
            if !ctx.tree.is_leaf(i) {
                continue;
            }
            let id = goal.id.key();
            if id.as_ref().is_some_and(|id| linked.contains(id)) {
                continue;
            }
            // The label (a copy of the id) only for a goal that gets a finding.
            let label = goal.label();
            let message = match id {
                Some(_) => ctx.msg(
                    format!("goal {label} has no action on sheet \"{name}\""),
                    format!("目标 {label} 在“{name}”中没有对应的行动"),
                ),
                None => ctx.msg(
                    format!(
                        "goal {label} has no id, so no action on sheet \"{name}\" can refer to it"
                    ),
                    format!("目标 {label} 没有编号，“{name}”中的行动无法关联到它"),
                ),
            };
            out.push(ctx.goal_finding(&INFO, goal, Field::Id, goal.id.cell, message));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testkit::*;

    #[test]
    fn leaf_goals_without_actions_fire() {
        let mut p = plan(vec![
            G::new(1, "O1").build(),
            G::new(2, "KR1").parent("O1").build(),
            G::new(3, "KR2").parent("O1").build(),
            G::new(4, "").key_result("Leads 500").build(),
        ]);
        p.actions = Some(action_sheet(vec![A::new(1, "A1", "KR1").build()]));
        let f = run(&LeafWithoutAction, &p);
        assert_eq!(
            hits(&f),
            vec![("E001", "Goals!A4".into()), ("E001", "Goals!A5".into())]
        );
        assert!(
            f[0].message
                .contains("KR2 has no action on sheet \"Actions\""),
            "{}",
            f[0].message
        );
        assert!(f[1].message.contains("has no id"), "{}", f[1].message);
    }

    #[test]
    fn parents_covered_leaves_and_plans_without_an_action_sheet_are_fine() {
        let mut p = plan(vec![
            G::new(1, "O1").build(),
            G::new(2, "KR1").parent("O1").build(),
            G::new(3, "KR2").parent("O1").build(),
        ]);
        assert!(run(&LeafWithoutAction, &p).is_empty());
        p.actions = Some(action_sheet(vec![
            A::new(1, "A1", "KR1").build(),
            A::new(2, "A2", " KR2 ").build(),
        ]));
        assert!(run(&LeafWithoutAction, &p).is_empty());
        assert_info(&LeafWithoutAction);
    }
}
