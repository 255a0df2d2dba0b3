//! T007 period-not-quarter: a long layout's period cell that names no quarter, or a quarter
//! the goal already has.

use crate::model::{Field, PeriodProblemKind};
use crate::rules::{Context, Finding, Letter, Rule, RuleInfo, Severity};

pub struct PeriodNotQuarter;

static INFO: RuleInfo = RuleInfo {
    id: "T007",
    name: "period-not-quarter",
    letter: Letter::T,
    severity: Severity::Error,
    title_en: "Period is not a quarter of the plan",
    title_zh: "期间不是计划中的季度",
    hint_en: "Write the row's quarter as Q1–Q4 (or 2026Q1, 一季度), or the year for an annual row; one row per goal and quarter.",
    hint_zh: "请把该行的季度写为 Q1–Q4（或 2026Q1、一季度），全年行写“全年”；每个目标每个季度只写一行。",
    doc: "## What it checks\n\
In a long layout (one row per goal per quarter or month, with a Quarter / 季度 / Period \
column), a row whose period is not a quarter, a month or the year (`2026Q5`, `Q0`, `Q7`, \
`H1`, `Week 3`), names a quarter of another year than the plan's (`2027Q1` in the 2026 \
plan), or names a quarter or month the same goal already has a row for. The row's target, baseline and actual are not counted: the \
finding stands on the row's period cell so the rollups never differ silently from what the \
rows say.\n\n\
## Why it matters\n\
A target in a quarter that does not exist, or a quarter written twice, cannot be placed: \
counting it would inflate the year, dropping it without a word would shrink it.\n\n\
## Example\n\
Bad: `KR1 | 2026Q5 | 300`.\n\
Fixed: `KR1 | 2026Q4 | 300`.\n",
    doc_zh: "## 检查内容\n\
在长表布局中（每个目标每季度或每月一行，带有 Quarter / 季度 / Period 列），某行的期间既不是季度、月份，也不是全年（`2026Q5`、`Q0`、`Q7`、`H1`、`Week 3`），或者写的是计划年度以外的季度（2026 年计划中的 `2027Q1`），或者同一目标已经有一行写了同一个季度或月份。该行的目标值、基线和实际值都不计入：问题标在该行的期间单元格，汇总不会悄悄与各行所写的内容不一致。\n\n\
## 为什么重要\n\
写在不存在的季度里的目标，或重复写了两次的季度，都无法归位：计入会虚增全年，不声不响地丢掉又会缩水。\n\n\
## 示例\n\
错误：`KR1 | 2026Q5 | 300`。\n\
修正：`KR1 | 2026Q4 | 300`。\n",
};

impl Rule for PeriodNotQuarter {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn check(&self, ctx: &Context, out: &mut Vec<Finding>) {
        for goal in &ctx.plan.goals {
            for problem in &goal.period_problems {
                let (label, raw) = (goal.label(), problem.period.raw.trim());
                let message = match problem.kind {
                    PeriodProblemKind::NotAQuarter => ctx.msg(
                        format!("goal {label}: period \"{raw}\" is not a quarter (Q1–Q4), a month or the year; the row is not counted"),
                        format!("目标 {label} 的期间“{raw}”不是季度（Q1–Q4）、月份或全年，该行未计入"),
                    ),
                    PeriodProblemKind::OtherYear(y) => {
                        let plan = ctx.plan.plan_year.map_or_else(String::new, |p| {
                            format!(" {}", ctx.plan.fiscal.label(p))
                        });
                        ctx.msg(
                            format!("goal {label}: period \"{raw}\" is in {y}, not the plan year{plan}; the row is not counted"),
                            format!("目标 {label} 的期间“{raw}”属于 {y} 年，不在计划年度{plan}内，该行未计入"),
                        )
                    }
                    PeriodProblemKind::RepeatedMonth(m) => ctx.msg(
                        format!("goal {label}: period \"{raw}\" repeats month {m}, which an earlier row already gives; the row is not counted"),
                        format!("目标 {label} 的期间“{raw}”与前面一行重复（{m}月），该行未计入"),
                    ),
                    PeriodProblemKind::Repeated(q) => ctx.msg(
                        format!("goal {label}: period \"{raw}\" repeats Q{q}, which an earlier row already gives; the row is not counted"),
                        format!("目标 {label} 的期间“{raw}”与前面一行重复（第{q}季度），该行未计入"),
                    ),
                };
                let mut finding =
                    ctx.goal_finding(&INFO, goal, Field::Quarter, problem.period.cell, message);
                finding.goal = goal.id_text().map(str::to_string);
                out.push(finding);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::PeriodProblem;
    use crate::rules::testkit::*;

    fn problem(row: u32, raw: &str, kind: PeriodProblemKind) -> PeriodProblem {
        PeriodProblem {
            period: text_cell(at(row, 20), raw),
            kind,
        }
    }

    #[test]
    fn periods_that_are_no_quarter_or_repeat_one_fire_on_their_rows() {
        let p = plan(vec![
            G::new(1, "KR1")
                .with(|g| {
                    g.rows = vec![1, 2, 3, 4];
                    g.period_problems = vec![
                        problem(2, "2026Q5", PeriodProblemKind::NotAQuarter),
                        problem(3, "Q2", PeriodProblemKind::Repeated(2)),
                        problem(4, "2027Q1", PeriodProblemKind::OtherYear(2027)),
                    ];
                })
                .build(),
        ]);
        let f = run(&PeriodNotQuarter, &p);
        assert_eq!(
            hits(&f),
            vec![
                ("T007", "Goals!U3".into()),
                ("T007", "Goals!U4".into()),
                ("T007", "Goals!U5".into())
            ]
        );
        assert!(
            f[2].message
                .contains("\"2027Q1\" is in 2027, not the plan year 2026"),
            "{}",
            f[2].message
        );
        assert!(
            f[0].message.contains("\"2026Q5\" is not a quarter"),
            "{}",
            f[0].message
        );
        assert!(f[1].message.contains("repeats Q2"), "{}", f[1].message);
        assert_eq!(f[0].goal.as_deref(), Some("KR1"));
    }

    #[test]
    fn goals_whose_periods_all_read_are_fine() {
        let p = plan(vec![
            G::new(1, "KR1")
                .quarters([Some(1.0), Some(2.0), None, None])
                .build(),
        ]);
        assert!(run(&PeriodNotQuarter, &p).is_empty());
        assert_info(&PeriodNotQuarter);
    }
}
