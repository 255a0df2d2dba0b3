//! B001 actions-exceed-goal-budget: a goal's actions plan more money than the goal has.

use crate::model::Field;
use crate::rules::b::exceeds;
use crate::rules::e::action_label;
use crate::rules::{Context, Finding, Letter, Rule, RuleInfo, Severity, show};

pub struct ActionsExceedGoalBudget;

static INFO: RuleInfo = RuleInfo {
    id: "B001",
    name: "actions-exceed-goal-budget",
    letter: Letter::B,
    severity: Severity::Error,
    title_en: "Actions' budgets exceed the goal's budget",
    title_zh: "行动预算合计超出目标预算",
    hint_en: "Trim the actions' budgets, or raise the goal's budget (and the total) to match.",
    hint_zh: "压缩行动预算，或相应提高目标预算（及总预算）。",
    doc: "## What it checks\n\
The budgets of the actions that name a goal add up to more than that goal's budget. \
Goals without a budget are not checked. One overspend is one finding: it sits on the \
goal's budget cell and names each action with its budget.\n\n\
## Why it matters\n\
Actions spend the goal's money: planned spending above the goal's allocation is an \
overspend decided in advance, or a budget that was never updated.\n\n\
## Example\n\
Bad: goal `KR1 | budget 100` with actions `A1 budget 60` and `A2 budget 70`.\n\
Fixed: `A2 budget 40`, or `KR1 | budget 130`.\n",
    doc_zh: "## 检查内容\n\
指向同一目标的各项行动预算合计超过该目标的预算。没有预算的目标不检查。一次超支报一条：位于目标的预算单元格，并列出每项行动及其预算。\n\n\
## 为什么重要\n\
行动花的是目标的钱：计划支出超过目标的分配额，等于事先决定超支，或者预算从未更新。\n\n\
## 示例\n\
错误：目标 `KR1 | 预算 100`，行动 `A1 预算 60` 和 `A2 预算 70`。\n\
修正：`A2 预算 40`，或 `KR1 | 预算 130`。\n",
};

impl Rule for ActionsExceedGoalBudget {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn check(&self, ctx: &Context, out: &mut Vec<Finding>) {
        let Some(sheet) = &ctx.plan.actions else {
            return;
        };
        // Per goal: the planned sum and the actions that carry a budget.
        let mut planned: Vec<(f64, Vec<usize>)> = vec![(0.0, Vec::new()); ctx.plan.goals.len()];
        for (a, action) in sheet.actions.iter().enumerate() {
            let (Some(amount), Some(g)) = (action.budget.value, ctx.tree.find(&action.goal_id))
            else {
                continue;
            };
            if let Some(slot) = planned.get_mut(g) {
                slot.0 += amount;
                slot.1.push(a);
            }
        }
        // Amounts in the goal sheet's budget unit when its header states one (`预算(万元)`):
        // the action amounts were brought to it when the plan was read.
        let unit = ctx.plan.column_units.get(&Field::Budget);
        let money = |x: f64| match unit {
            Some(u) => format!("{} {u}", show::num(x)),
            None => show::num(x),
        };
        for (goal, (sum, actions)) in ctx.plan.goals.iter().zip(planned) {
            let Some(budget) = goal.budget.value else {
                continue;
            };
            if actions.is_empty() || !exceeds(sum, budget) {
                continue;
            }
            let items: Vec<(String, String)> = actions
                .iter()
                .filter_map(|&a| sheet.actions.get(a))
                .map(|a| (action_label(a), money(a.budget.value.unwrap_or(0.0))))
                .collect();
            let list = show::named(ctx.lang, &items, 5);
            let (label, s, b, over) =
                (goal.label(), money(sum), money(budget), money(sum - budget));
            let message = ctx.msg(
                format!("goal {label}: its actions {list} plan {s}, over its budget {b} by {over}"),
                format!("目标 {label} 的行动 {list} 预算合计 {s}，超出目标预算 {b}（超 {over}）"),
            );
            // One overspend, one finding: on the goal's budget, naming the actions.
            out.push(ctx.goal_finding(&INFO, goal, Field::Budget, goal.budget.cell, message));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testkit::*;

    #[test]
    fn actions_over_the_goal_budget_fire_on_the_budget_cell() {
        let mut p = plan(vec![
            G::new(1, "KR1").budget(100.0).build(),
            G::new(2, "KR2").budget(50.0).build(),
        ]);
        p.actions = Some(action_sheet(vec![
            A::new(1, "A1", "KR1").budget(60.0).build(),
            A::new(2, "A2", "KR1").budget(70.0).build(),
            A::new(3, "A3", "KR2").budget(50.0).build(),
        ]));
        let f = run(&ActionsExceedGoalBudget, &p);
        // One overspend, one finding.
        assert_eq!(hits(&f), vec![("B001", "Goals!R2".into())]);
        assert!(
            f[0].message
                .contains("A1 (60), A2 (70) plan 130, over its budget 100 by 30"),
            "{}",
            f[0].message
        );
    }

    #[test]
    fn the_budget_unit_from_the_header_is_named() {
        let mut p = plan(vec![G::new(1, "KR1").budget(5.0).build()]);
        p.column_units.insert(Field::Budget, "万元".into());
        p.actions = Some(action_sheet(vec![
            A::new(1, "A1", "KR1").budget(4.0).build(),
            A::new(2, "A2", "KR1").budget(2.0).build(),
        ]));
        let f = run(&ActionsExceedGoalBudget, &p);
        assert_eq!(f.len(), 1);
        assert!(
            f[0].message
                .contains("A1 (4 万元), A2 (2 万元) plan 6 万元, over its budget 5 万元 by 1 万元"),
            "{}",
            f[0].message
        );
    }

    #[test]
    fn actions_within_budget_or_goals_without_budget_are_fine() {
        let mut p = plan(vec![
            G::new(1, "KR1").budget(100.0).build(),
            G::new(2, "KR2").build(),
        ]);
        p.actions = Some(action_sheet(vec![
            A::new(1, "A1", "KR1").budget(60.0).build(),
            A::new(2, "A2", "KR1").budget(40.0).build(),
            A::new(3, "A3", "KR2").budget(500.0).build(),
            A::new(4, "A4", "KR9").budget(500.0).build(),
        ]));
        assert!(run(&ActionsExceedGoalBudget, &p).is_empty());
        assert_info(&ActionsExceedGoalBudget);
    }
}
