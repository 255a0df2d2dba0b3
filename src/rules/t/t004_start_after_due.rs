//! T004 start-after-due: a goal that starts after it is due.

use crate::model::Field;
use crate::rules::t::shown;
use crate::rules::{Context, Finding, Letter, Rule, RuleInfo, Severity};

pub struct StartAfterDue;

static INFO: RuleInfo = RuleInfo {
    id: "T004",
    name: "start-after-due",
    letter: Letter::T,
    severity: Severity::Error,
    title_en: "Start date after due date",
    title_zh: "开始时间晚于截止时间",
    hint_en: "Swap or correct the dates so the goal starts on or before its due date.",
    hint_zh: "请更正日期，使开始时间不晚于截止时间。",
    doc: "## What it checks\n\
A goal's start (the first day of a start period) is after its due date (the last day of a \
due period).\n\n\
## Why it matters\n\
The dates contradict each other, so at least one is wrong; timelines and progress against \
the calendar are meaningless until it is fixed.\n\n\
## Example\n\
Bad: `G6 | start: 2026-09-01 | due: 2026-06-30`.\n\
Fixed: `G6 | start: 2026-04-01 | due: 2026-06-30`.\n",
    doc_zh: "## 检查内容\n\
目标的开始日期（开始时段的第一天）晚于截止日期（截止时段的最后一天）。\n\n\
## 为什么重要\n\
两个日期互相矛盾，至少有一个是错的；修正之前，时间线和按日历衡量的进度都没有意义。\n\n\
## 示例\n\
错误：`G6 | 开始：2026-09-01 | 截止：2026-06-30`。\n\
修正：`G6 | 开始：2026-04-01 | 截止：2026-06-30`。\n",
};

impl Rule for StartAfterDue {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn check(&self, ctx: &Context, out: &mut Vec<Finding>) {
        for goal in &ctx.plan.goals {
            let (Some(start), Some(due)) = (goal.start.value, goal.due.value) else {
                continue;
            };
            if start.start <= due.end {
                continue;
            }
            let (label, s, d) = (goal.label(), shown(&goal.start), shown(&goal.due));
            let message = ctx.msg(
                format!("goal {label} starts {s}, after it is due {d}"),
                format!("目标 {label} 的开始时间 {s} 晚于截止时间 {d}"),
            );
            out.push(ctx.goal_finding(&INFO, goal, Field::Start, goal.start.cell, message));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testkit::*;

    #[test]
    fn start_after_due_fires_on_the_start_cell() {
        let p = plan(vec![
            G::new(1, "G1").start(2026, 9, 1).due(2026, 6, 30).build(),
        ]);
        let f = run(&StartAfterDue, &p);
        assert_eq!(hits(&f), vec![("T004", "Goals!P2".into())]);
        assert!(
            f[0].message
                .contains("2026-09-01, after it is due 2026-06-30"),
            "{}",
            f[0].message
        );
    }

    #[test]
    fn same_day_or_start_inside_a_due_period_is_fine() {
        let p = plan(vec![
            G::new(1, "G1").start(2026, 6, 30).due(2026, 6, 30).build(),
            G::new(2, "G2")
                .start(2026, 8, 15)
                .due_span("Q3", day(2026, 7, 1), day(2026, 9, 30))
                .build(),
            G::new(3, "G3").start(2026, 8, 15).build(),
        ]);
        assert!(run(&StartAfterDue, &p).is_empty());
        assert_info(&StartAfterDue);
    }
}
