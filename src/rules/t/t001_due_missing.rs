//! T001 due-missing: a goal with no due date or period.

use crate::model::{Field, ValueIssue};
use crate::rules::{Context, Finding, Letter, Rule, RuleInfo, Severity};

pub struct DueMissing;

static INFO: RuleInfo = RuleInfo {
    id: "T001",
    name: "due-missing",
    letter: Letter::T,
    severity: Severity::Error,
    title_en: "Goal has no due date",
    title_zh: "目标缺少截止时间",
    hint_en: "Give the goal a due date or period (2026-06-30, Q2, H1, 2026年).",
    hint_zh: "为目标填写截止时间或期间（如 2026-06-30、Q2、上半年、2026年）。",
    doc: "## What it checks\n\
A goal has no due date: its due cell is blank, or holds a not-yet-set marker such as \
`待定` or `TBD`; or the sheet has no due column and the goal carries no quarterly targets \
that would place it in the plan year. Text that is not a date is T002.\n\n\
## Why it matters\n\
A goal without a time node is not time-bound: nobody can tell whether it is late, and it \
cannot be placed in the quarterly rollups.\n\n\
## Example\n\
Bad: `G4 | 线索 | 5,000 | due: 待定`.\n\
Fixed: `G4 | 线索 | 5,000 | due: 2026-06-30`.\n",
    doc_zh: "## 检查内容\n\
目标没有截止日期：截止单元格为空，或填的是 `待定`、`TBD` 等待定标记；或者表中没有截止日期列，且目标也没有能把它放进计划年度的季度目标。不是日期的文字由 T002 报告。\n\n\
## 为什么重要\n\
没有时间节点的目标不满足时限性：没人能判断它是否延期，也无法放进季度汇总。\n\n\
## 示例\n\
错误：`G4 | 线索 | 5,000 | 截止：待定`。\n\
修正：`G4 | 线索 | 5,000 | 截止：2026-06-30`。\n",
};

impl Rule for DueMissing {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn check(&self, ctx: &Context, out: &mut Vec<Finding>) {
        for goal in &ctx.plan.goals {
            // The label (a copy of the id) only for a goal that gets a finding.
            let label = || goal.label();
            let message = match goal.due.issue() {
                Some(ValueIssue::Marker(m)) => ctx.msg(
                    format!("goal {}: due date is \"{m}\", not set yet", label()),
                    format!("目标 {} 的截止时间为“{m}”，尚未确定", label()),
                ),
                None if goal.due.value.is_none() && goal.due.is_blank() => {
                    if goal.due.cell.is_some() {
                        ctx.msg(
                            format!("goal {} has no due date", label()),
                            format!("目标 {} 未填写截止时间", label()),
                        )
                    } else if goal.quarters.iter().any(|q| !q.is_blank()) {
                        // No due column: quarterly targets place the goal in the plan year.
                        continue;
                    } else {
                        ctx.msg(
                            format!("goal {} has no due date (the sheet has no due column) and no quarterly targets", label()),
                            format!("目标 {} 没有截止时间（表格无截止时间列），也没有季度目标", label()),
                        )
                    }
                }
                _ => continue,
            };
            out.push(ctx.goal_finding(&INFO, goal, Field::Due, goal.due.cell, message));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::ValueIssue;
    use crate::rules::testkit::*;

    #[test]
    fn blank_and_marker_dues_fire() {
        let p = plan(vec![
            G::new(1, "G1").build(),
            G::new(2, "G2")
                .with(|g| {
                    g.due = issue_cell(
                        at(2, col(Field::Due)),
                        "待定",
                        ValueIssue::Marker("待定".into()),
                    )
                })
                .build(),
        ]);
        let f = run(&DueMissing, &p);
        assert_eq!(
            hits(&f),
            vec![("T001", "Goals!Q2".into()), ("T001", "Goals!Q3".into())]
        );
        assert!(f[1].message.contains("\"待定\""), "{}", f[1].message);
    }

    #[test]
    fn a_date_or_quarterly_targets_without_a_due_column_place_the_goal_in_time() {
        // A blank due cell fires even when quarters are set.
        let p = plan(vec![
            G::new(1, "G1")
                .quarters([Some(1.0), None, None, None])
                .build(),
        ]);
        assert_eq!(
            hits(&run(&DueMissing, &p)),
            vec![("T001", "Goals!Q2".into())]
        );
        let mut p = plan(vec![
            G::new(1, "G1").due(2026, 6, 30).build(),
            G::new(3, "G3")
                .with(|g| {
                    g.due = issue_cell(at(3, col(Field::Due)), "soon", ValueIssue::Unparsable)
                })
                .build(),
        ]);
        assert!(run(&DueMissing, &p).is_empty());
        // Without a due column, quarterly targets are enough; a goal without them fires.
        p.columns.shift_remove(&Field::Due);
        p.goals.push(
            G::new(2, "G2")
                .quarters([Some(1.0), None, None, None])
                .with(|g| g.due = Default::default())
                .build(),
        );
        p.goals
            .push(G::new(4, "G4").with(|g| g.due = Default::default()).build());
        let f = run(&DueMissing, &p);
        assert_eq!(hits(&f), vec![("T001", "Goals!A5".into())]);
        assert_info(&DueMissing);
    }
}
