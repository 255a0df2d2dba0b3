//! T002 due-unparsable: due or start text that is not a date or period.

use crate::model::{DateField, Field, ValueIssue};
use crate::rules::{Context, Finding, Letter, Rule, RuleInfo, Severity};

pub struct DueUnparsable;

static INFO: RuleInfo = RuleInfo {
    id: "T002",
    name: "due-unparsable",
    letter: Letter::T,
    severity: Severity::Error,
    title_en: "Due or start date cannot be read",
    title_zh: "日期无法识别",
    hint_en: "Write a date (2026-03-31, 2026/3/31, 31 Mar 2026, 2026年3月31日) or a period (Q3, H1, 2026年).",
    hint_zh: "请填写日期（2026-03-31、2026/3/31、2026年3月31日）或期间（Q3、三季度、上半年、2026年）。",
    doc: "## What it checks\n\
A goal's due or start cell holds text that is neither a date nor a period (`ASAP`, \
`月底前`, `2026-13-01`), or a year-less date (`3月31日`) when no plan year is known.\n\n\
## Why it matters\n\
A date nobody can read cannot be checked against the plan year or the quarters, and \
spreadsheets sort and filter it as text.\n\n\
## Example\n\
Bad: `G2 | due: 尽快`.\n\
Fixed: `G2 | due: 2026-04-30`.\n",
    doc_zh: "## 检查内容\n\
目标的截止或开始单元格中的文字既不是日期也不是时段（`ASAP`、`月底前`、`2026-13-01`），或者在计划年度未知时填了不带年份的日期（`3月31日`）。\n\n\
## 为什么重要\n\
读不出的日期无法与计划年度或季度核对，表格也会把它当文字排序和筛选。\n\n\
## 示例\n\
错误：`G2 | 截止：尽快`。\n\
修正：`G2 | 截止：2026-04-30`。\n",
};

impl Rule for DueUnparsable {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn check(&self, ctx: &Context, out: &mut Vec<Finding>) {
        for goal in &ctx.plan.goals {
            let fields: [(Field, &DateField, &str, &str); 2] = [
                (Field::Start, &goal.start, "start date", "开始时间"),
                (Field::Due, &goal.due, "due date", "截止时间"),
            ];
            for (field, value, en, zh) in fields {
                if value.issue() != Some(&ValueIssue::Unparsable) {
                    continue;
                }
                let (label, raw) = (goal.label(), value.raw.trim());
                let message = ctx.msg(
                    format!("goal {label}: {en} \"{raw}\" is not a date or period"),
                    format!("目标 {label} 的{zh}“{raw}”无法识别为日期或期间"),
                );
                out.push(ctx.goal_finding(&INFO, goal, field, value.cell, message));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testkit::*;

    #[test]
    fn unreadable_due_and_start_fire_on_their_cells() {
        let p = plan(vec![
            G::new(1, "G1")
                .with(|g| {
                    g.due = issue_cell(at(1, col(Field::Due)), "尽快", ValueIssue::Unparsable)
                })
                .build(),
            G::new(2, "G2")
                .due(2026, 6, 30)
                .with(|g| {
                    g.start = issue_cell(at(2, col(Field::Start)), "ASAP", ValueIssue::Unparsable)
                })
                .build(),
        ]);
        let f = run(&DueUnparsable, &p);
        assert_eq!(
            hits(&f),
            vec![("T002", "Goals!Q2".into()), ("T002", "Goals!P3".into())]
        );
        assert!(f[0].message.contains("\"尽快\""), "{}", f[0].message);
        assert_eq!(f[1].field, Some("start"));
    }

    #[test]
    fn dates_markers_and_blanks_are_not_unparsable() {
        let p = plan(vec![
            G::new(1, "G1").due(2026, 6, 30).start(2026, 1, 1).build(),
            G::new(2, "G2")
                .with(|g| {
                    g.due = issue_cell(
                        at(2, col(Field::Due)),
                        "TBD",
                        ValueIssue::Marker("TBD".into()),
                    )
                })
                .build(),
            G::new(3, "G3").build(),
        ]);
        assert!(run(&DueUnparsable, &p).is_empty());
        assert_info(&DueUnparsable);
    }
}
