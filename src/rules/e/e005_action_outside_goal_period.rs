//! E005 action-outside-goal-period: an action dated outside its goal's period.

use crate::model::ActionField;
use crate::rules::e::action_label;
use crate::rules::t::{show_day, shown};
use crate::rules::{Context, Finding, Letter, Rule, RuleInfo, Severity};

pub struct ActionOutsideGoalPeriod;

static INFO: RuleInfo = RuleInfo {
    id: "E005",
    name: "action-outside-goal-period",
    letter: Letter::E,
    severity: Severity::Warning,
    title_en: "Action dated outside its goal's period",
    title_zh: "行动时间超出所属目标的期间",
    hint_en: "Move the action inside its goal's period, or correct the goal's start or due date.",
    hint_zh: "将行动安排在所属目标的期间内，或更正目标的开始/截止时间。",
    doc: "## What it checks\n\
An action starts before its goal's period or ends after it. The goal's period runs from \
its start date (else the first day of the plan year) to its due date (the last day of a \
due period; else the last day of the plan year). One finding per offending date.\n\n\
## Why it matters\n\
Work scheduled after the goal is due cannot contribute to it; work before the goal starts \
usually means a date typo or an action filed under the wrong goal.\n\n\
## Example\n\
Bad: goal `KR2 | due: 2026-06-30`, action `A6 | goal: KR2 | end: 2026-08-15`.\n\
Fixed: action `A6 | goal: KR2 | end: 2026-06-20`.\n",
    doc_zh: "## 检查内容\n\
行动开始于其目标的期限之前，或结束于期限之后。目标的期限从其开始日期（没有则为计划年度的第一天）到截止日期（截止时段的最后一天；没有则为计划年度的最后一天）。每个越界的日期报一条。\n\n\
## 为什么重要\n\
排在目标截止之后的工作对目标没有贡献；早于目标开始的工作通常意味着日期笔误，或行动挂错了目标。\n\n\
## 示例\n\
错误：目标 `KR2 | 截止：2026-06-30`，行动 `A6 | 目标：KR2 | 结束：2026-08-15`。\n\
修正：行动 `A6 | 目标：KR2 | 结束：2026-06-20`。\n",
};

impl Rule for ActionOutsideGoalPeriod {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn check(&self, ctx: &Context, out: &mut Vec<Finding>) {
        let Some(sheet) = &ctx.plan.actions else {
            return;
        };
        let year = ctx.plan.year_span();
        let year_start = year.map(|y| y.start);
        let year_end = year.map(|y| y.end);
        for action in &sheet.actions {
            let Some(goal) = ctx
                .tree
                .find(&action.goal_id)
                .and_then(|i| ctx.plan.goals.get(i))
            else {
                continue;
            };
            let from = goal.start.value.map(|s| s.start).or(year_start);
            let until = goal.due.value.map(|d| d.end).or(year_end);
            let (label, glabel) = (action_label(action), goal.label());
            if let (Some(start), Some(from)) = (action.start.value, from)
                && start.start < from
            {
                let (s, f) = (shown(&action.start), show_day(from));
                let message = ctx.msg(
                    format!(
                        "action {label} starts {s}, before its goal {glabel}'s period begins ({f})"
                    ),
                    format!("行动 {label} 的开始时间 {s} 早于所属目标 {glabel} 的起始日期（{f}）"),
                );
                out.push(ctx.action_finding(
                    &INFO,
                    action,
                    ActionField::Start,
                    action.start.cell,
                    message,
                ));
            }
            if let (Some(end), Some(until)) = (action.end.value, until)
                && end.end > until
            {
                let (e, u) = (shown(&action.end), show_day(until));
                let message = ctx.msg(
                    format!("action {label} ends {e}, after its goal {glabel} is due ({u})"),
                    format!("行动 {label} 的结束时间 {e} 晚于所属目标 {glabel} 的截止时间（{u}）"),
                );
                out.push(ctx.action_finding(
                    &INFO,
                    action,
                    ActionField::End,
                    action.end.cell,
                    message,
                ));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testkit::*;

    #[test]
    fn actions_outside_the_goal_period_fire_per_date() {
        let mut p = plan(vec![
            G::new(1, "G1").start(2026, 3, 1).due(2026, 6, 30).build(),
            G::new(2, "G2").build(),
        ]);
        p.actions = Some(action_sheet(vec![
            A::new(1, "A1", "G1")
                .dates(day(2026, 2, 1), day(2026, 8, 15))
                .build(),
            A::new(2, "A2", "G2")
                .dates(day(2025, 12, 1), day(2026, 1, 31))
                .build(),
        ]));
        let f = run(&ActionOutsideGoalPeriod, &p);
        assert_eq!(
            hits(&f),
            vec![
                ("E005", "Actions!E2".into()),
                ("E005", "Actions!F2".into()),
                ("E005", "Actions!E3".into()),
            ]
        );
        assert!(
            f[1].message
                .contains("ends 2026-08-15, after its goal G1 is due (2026-06-30)"),
            "{}",
            f[1].message
        );
        assert!(f[2].message.contains("(2026-01-01)"), "{}", f[2].message);
    }

    #[test]
    fn actions_inside_the_period_or_with_unknown_goals_are_fine() {
        let mut p = plan(vec![
            G::new(1, "G1")
                .due_span("H1", day(2026, 1, 1), day(2026, 6, 30))
                .build(),
        ]);
        p.actions = Some(action_sheet(vec![
            A::new(1, "A1", "G1")
                .dates(day(2026, 1, 1), day(2026, 6, 30))
                .build(),
            A::new(2, "A2", "G9")
                .dates(day(2020, 1, 1), day(2030, 1, 1))
                .build(),
        ]));
        assert!(run(&ActionOutsideGoalPeriod, &p).is_empty());
        assert_info(&ActionOutsideGoalPeriod);
    }
}
