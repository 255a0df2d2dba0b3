//! E002 action-owner-missing: an action without an owner.

use crate::model::ActionField;
use crate::rules::e::action_label;
use crate::rules::{Context, Finding, Letter, Rule, RuleInfo, Severity};

pub struct ActionOwnerMissing;

static INFO: RuleInfo = RuleInfo {
    id: "E002",
    name: "action-owner-missing",
    letter: Letter::E,
    severity: Severity::Error,
    title_en: "Action has no owner",
    title_zh: "行动缺少负责人",
    hint_en: "Name the one person who does this action.",
    hint_zh: "填写负责执行该行动的人（谁来做）。",
    doc: "## What it checks\n\
An action on the action-plan sheet has a blank owner (who) cell, or the sheet has no owner \
column.\n\n\
## Why it matters\n\
An action that belongs to nobody does not happen; the plan must say who does what.\n\n\
## Example\n\
Bad: `A3 | 直播带货 | goal: KR2 | owner: (blank)`.\n\
Fixed: `A3 | 直播带货 | goal: KR2 | owner: 李明`.\n",
    doc_zh: "## 检查内容\n\
执行计划表中某项行动的负责人（谁来做）单元格为空，或该表没有负责人列。\n\n\
## 为什么重要\n\
不属于任何人的行动不会发生；计划必须写明谁做什么。\n\n\
## 示例\n\
错误：`A3 | 直播带货 | 目标：KR2 | 负责人：（空）`。\n\
修正：`A3 | 直播带货 | 目标：KR2 | 负责人：李明`。\n",
};

impl Rule for ActionOwnerMissing {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn check(&self, ctx: &Context, out: &mut Vec<Finding>) {
        let Some(sheet) = &ctx.plan.actions else {
            return;
        };
        for action in &sheet.actions {
            if action.owner.has_key()
                || action.owner.issue() == Some(&crate::model::ValueIssue::FormulaNotComputed)
            {
                continue; // D005 reports a formula that could not be computed
            }
            let label = action_label(action);
            let message = ctx.msg(
                format!("action {label} has no owner"),
                format!("行动 {label} 未填写负责人"),
            );
            out.push(ctx.action_finding(
                &INFO,
                action,
                ActionField::Owner,
                action.owner.cell,
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
    fn action_without_owner_fires_on_the_owner_cell() {
        let mut p = plan(vec![G::new(1, "G1").build()]);
        p.actions = Some(action_sheet(vec![
            A::new(1, "A1", "G1")
                .with(|a| a.owner = blank_cell(at(1, 3)))
                .build(),
            A::new(2, "A2", "G1").build(),
        ]));
        let f = run(&ActionOwnerMissing, &p);
        assert_eq!(hits(&f), vec![("E002", "Actions!D2".into())]);
        assert_eq!(f[0].action.as_deref(), Some("A1"));
        assert_eq!(f[0].goal.as_deref(), Some("G1"));
        assert_eq!(f[0].field, Some("owner"));
    }

    #[test]
    fn owned_actions_are_fine() {
        let mut p = plan(vec![G::new(1, "G1").build()]);
        p.actions = Some(action_sheet(vec![A::new(1, "A1", "G1").build()]));
        assert!(run(&ActionOwnerMissing, &p).is_empty());
        assert_info(&ActionOwnerMissing);
    }
}
