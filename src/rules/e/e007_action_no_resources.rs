//! E007 action-no-resources: an action with neither resources nor budget.

use crate::model::ActionField;
use crate::rules::e::action_label;
use crate::rules::{Context, Finding, Letter, Rule, RuleInfo, Severity};

pub struct ActionNoResources;

static INFO: RuleInfo = RuleInfo {
    id: "E007",
    name: "action-no-resources",
    letter: Letter::E,
    severity: Severity::Warning,
    title_en: "Action has no resources or budget",
    title_zh: "行动未说明资源或预算",
    hint_en: "Say what the action needs: people, tools, an agency, or a budget amount.",
    hint_zh: "说明该行动需要什么资源：人员、工具、外部机构，或填写预算金额。",
    doc: "## What it checks\n\
An action's resources cell is blank and it has no budget (blank or zero).\n\n\
## Why it matters\n\
An execution plan says with what the work gets done; an action with no people, tools or \
money behind it is the one that slips first.\n\n\
## Example\n\
Bad: `A9 | KOL 种草 | resources: (blank) | budget: (blank)`.\n\
Fixed: `A9 | KOL 种草 | resources: 3 位达人, 内容组 | budget: 20万`.\n",
    doc_zh: "## 检查内容\n\
行动的资源单元格为空，且没有预算（为空或为零）。\n\n\
## 为什么重要\n\
执行计划要说明靠什么完成工作；没有人员、工具或资金支撑的行动最先落空。\n\n\
## 示例\n\
错误：`A9 | KOL 种草 | 资源：（空）| 预算：（空）`。\n\
修正：`A9 | KOL 种草 | 资源：3 位达人、内容组 | 预算：20万`。\n",
};

impl Rule for ActionNoResources {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn check(&self, ctx: &Context, out: &mut Vec<Finding>) {
        let Some(sheet) = &ctx.plan.actions else {
            return;
        };
        for action in &sheet.actions {
            let has_budget = action.budget.value.is_some_and(|b| b != 0.0);
            if action.resources.text().is_some() || has_budget {
                continue;
            }
            let label = action_label(action);
            let message = ctx.msg(
                format!("action {label} names no resources and has no budget"),
                format!("行动 {label} 既未说明所需资源，也没有预算"),
            );
            out.push(ctx.action_finding(
                &INFO,
                action,
                ActionField::Resources,
                action.resources.cell,
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
    fn no_resources_and_no_or_zero_budget_fires() {
        let mut p = plan(vec![G::new(1, "G1").build()]);
        p.actions = Some(action_sheet(vec![
            A::new(1, "A1", "G1")
                .with(|a| a.resources = blank_cell(at(1, 7)))
                .build(),
            A::new(2, "A2", "G1")
                .with(|a| a.resources = blank_cell(at(2, 7)))
                .budget(0.0)
                .build(),
        ]));
        let f = run(&ActionNoResources, &p);
        assert_eq!(
            hits(&f),
            vec![("E007", "Actions!H2".into()), ("E007", "Actions!H3".into())]
        );
    }

    #[test]
    fn resources_or_a_budget_is_enough() {
        let mut p = plan(vec![G::new(1, "G1").build()]);
        p.actions = Some(action_sheet(vec![
            A::new(1, "A1", "G1").build(),
            A::new(2, "A2", "G1")
                .with(|a| a.resources = blank_cell(at(2, 7)))
                .budget(5.0)
                .build(),
        ]));
        assert!(run(&ActionNoResources, &p).is_empty());
        assert_info(&ActionNoResources);
    }
}
