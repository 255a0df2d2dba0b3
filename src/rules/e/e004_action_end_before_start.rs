//! E004 action-end-before-start: an action that ends before it starts.

use crate::model::ActionField;
use crate::rules::e::action_label;
use crate::rules::t::shown;
use crate::rules::{Context, Finding, Letter, Rule, RuleInfo, Severity};

pub struct ActionEndBeforeStart;

static INFO: RuleInfo = RuleInfo {
    id: "E004",
    name: "action-end-before-start",
    letter: Letter::E,
    severity: Severity::Error,
    title_en: "Action ends before it starts",
    title_zh: "行动结束时间早于开始时间",
    hint_en: "Correct the dates so the action ends on or after its start.",
    hint_zh: "请更正日期，使结束时间不早于开始时间。",
    doc: "## What it checks\n\
An action's end (the last day of an end period) is before its start (the first day of a \
start period).\n\n\
## Why it matters\n\
The dates contradict each other; the timeline cannot draw the action and at least one date \
is a typo.\n\n\
## Example\n\
Bad: `A5 | start: 2026-06-01 | end: 2026-05-01`.\n\
Fixed: `A5 | start: 2026-05-01 | end: 2026-06-01`.\n",
    doc_zh: "## 检查内容\n\
行动的结束日期（结束时段的最后一天）早于开始日期（开始时段的第一天）。\n\n\
## 为什么重要\n\
两个日期互相矛盾；时间线画不出这项行动，而且至少有一个日期是笔误。\n\n\
## 示例\n\
错误：`A5 | 开始：2026-06-01 | 结束：2026-05-01`。\n\
修正：`A5 | 开始：2026-05-01 | 结束：2026-06-01`。\n",
};

impl Rule for ActionEndBeforeStart {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn check(&self, ctx: &Context, out: &mut Vec<Finding>) {
        let Some(sheet) = &ctx.plan.actions else {
            return;
        };
        for action in &sheet.actions {
            let (Some(start), Some(end)) = (action.start.value, action.end.value) else {
                continue;
            };
            if end.end >= start.start {
                continue;
            }
            let (label, s, e) = (
                action_label(action),
                shown(&action.start),
                shown(&action.end),
            );
            let message = ctx.msg(
                format!("action {label} ends {e}, before it starts {s}"),
                format!("行动 {label} 的结束时间 {e} 早于开始时间 {s}"),
            );
            out.push(ctx.action_finding(&INFO, action, ActionField::End, action.end.cell, message));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testkit::*;

    #[test]
    fn end_before_start_fires_on_the_end_cell() {
        let mut p = plan(vec![G::new(1, "G1").build()]);
        p.actions = Some(action_sheet(vec![
            A::new(1, "A1", "G1")
                .dates(day(2026, 6, 1), day(2026, 5, 1))
                .build(),
        ]));
        let f = run(&ActionEndBeforeStart, &p);
        assert_eq!(hits(&f), vec![("E004", "Actions!F2".into())]);
        assert!(
            f[0].message
                .contains("ends 2026-05-01, before it starts 2026-06-01"),
            "{}",
            f[0].message
        );
    }

    #[test]
    fn one_day_actions_and_ordered_dates_are_fine() {
        let mut p = plan(vec![G::new(1, "G1").build()]);
        p.actions = Some(action_sheet(vec![
            A::new(1, "A1", "G1")
                .dates(day(2026, 5, 1), day(2026, 5, 1))
                .build(),
            A::new(2, "A2", "G1")
                .dates(day(2026, 5, 1), day(2026, 6, 1))
                .build(),
        ]));
        assert!(run(&ActionEndBeforeStart, &p).is_empty());
        assert_info(&ActionEndBeforeStart);
    }
}
