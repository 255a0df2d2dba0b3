//! E006 action-goal-unknown: an action whose goal id is missing or names no goal.

use crate::model::ActionField;
use crate::rules::e::action_label;
use crate::rules::{Context, Finding, Letter, Rule, RuleInfo, Severity};

pub struct ActionGoalUnknown;

static INFO: RuleInfo = RuleInfo {
    id: "E006",
    name: "action-goal-unknown",
    letter: Letter::E,
    severity: Severity::Error,
    title_en: "Action's goal id is missing or unknown",
    title_zh: "行动的所属目标缺失或不存在",
    hint_en: "Fill in the id of the goal this action works towards, exactly as it appears on the goal sheet.",
    hint_zh: "填写该行动所支撑目标的编号，与目标表中的编号保持一致。",
    doc: "## What it checks\n\
An action's goal id cell is blank, or names an id that no goal on the goal sheet has \
(compared exactly after trimming spaces).\n\n\
## Why it matters\n\
An action that serves no known goal is either unnecessary or filed against a typo; its \
budget cannot be checked against the goal's, and the goal looks as if it has no action.\n\n\
## Example\n\
Bad: `A8 | 社群运营 | goal: KR-3` where the goal sheet has `KR3`.\n\
Fixed: `A8 | 社群运营 | goal: KR3`.\n",
    doc_zh: "## 检查内容\n\
行动的目标编号单元格为空，或填写的编号在目标表中不存在（去掉首尾空格后精确比较）。\n\n\
## 为什么重要\n\
不服务于任何已知目标的行动，要么没有必要，要么挂在了一个写错的编号上；它的预算无法与目标的预算核对，而目标看起来就像没有行动。\n\n\
## 示例\n\
错误：`A8 | 社群运营 | 目标：KR-3`，而目标表中是 `KR3`。\n\
修正：`A8 | 社群运营 | 目标：KR3`。\n",
};

impl Rule for ActionGoalUnknown {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn check(&self, ctx: &Context, out: &mut Vec<Finding>) {
        let Some(sheet) = &ctx.plan.actions else {
            return;
        };
        let goal_sheet = &ctx.plan.sheet;
        for action in &sheet.actions {
            let label = action_label(action);
            if ctx.tree.find(&action.goal_id).is_some() {
                continue;
            }
            let message = match action.goal_id.shown() {
                Some(id) => ctx.msg(
                    format!(
                        "action {label}: goal \"{id}\" matches no goal on sheet \"{goal_sheet}\""
                    ),
                    format!("行动 {label} 的所属目标“{id}”在“{goal_sheet}”中不存在"),
                ),
                None => ctx.msg(
                    format!("action {label} names no goal"),
                    format!("行动 {label} 未填写所属目标"),
                ),
            };
            out.push(ctx.action_finding(
                &INFO,
                action,
                ActionField::GoalId,
                action.goal_id.cell,
                message,
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testkit::*;

    #[test]
    fn missing_and_unknown_goal_ids_fire() {
        let mut p = plan(vec![G::new(1, "KR3").build()]);
        p.actions = Some(action_sheet(vec![
            A::new(1, "A1", "KR-3").build(),
            A::new(2, "A2", "").build(),
        ]));
        let f = run(&ActionGoalUnknown, &p);
        assert_eq!(
            hits(&f),
            vec![("E006", "Actions!C2".into()), ("E006", "Actions!C3".into())]
        );
        assert!(
            f[0].message.contains("\"KR-3\" matches no goal"),
            "{}",
            f[0].message
        );
        assert!(f[1].message.contains("names no goal"), "{}", f[1].message);
    }

    #[test]
    fn known_goal_ids_are_fine() {
        let mut p = plan(vec![G::new(1, "KR3").build()]);
        p.actions = Some(action_sheet(vec![A::new(1, "A1", "KR3 ").build()]));
        assert!(run(&ActionGoalUnknown, &p).is_empty());
        assert_info(&ActionGoalUnknown);
    }
}
