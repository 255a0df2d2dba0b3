//! T003 due-outside-year: due or start outside the plan year.

use crate::model::{DateField, Field};
use crate::rules::t::shown;
use crate::rules::{Context, Finding, Letter, Rule, RuleInfo, Severity};

pub struct DueOutsideYear;

static INFO: RuleInfo = RuleInfo {
    id: "T003",
    name: "due-outside-year",
    letter: Letter::T,
    severity: Severity::Warning,
    title_en: "Date outside the plan year",
    title_zh: "日期不在计划年度内",
    hint_en: "Check the year: the goal should start and be due within the plan year (the year most of the plan's due dates fall in); a date in another year is often a typo.",
    hint_zh: "请检查年份：目标的开始和截止时间应在计划年度内（计划年度为多数截止日期所在的年份）；其他年份的日期往往是笔误。",
    doc: "## What it checks\n\
A goal is due (the due date, or the last day of the due period) in a year other than the \
plan year, or starts in another year. The plan year is `--year`, the config's, the year \
most due dates fall in, or the sheet title's; without one this rule is skipped. A fiscal \
year (`[plan] fiscal_year_start`, or stated by the sheet: `FY2026 (Apr 2026 – Mar 2027)`, \
`Q1 (Apr-Jun)` headers) is the plan year's span: a goal due 2027-03-31 is inside fiscal \
2026 when the year starts in April.\n\n\
## Why it matters\n\
A wrong year is the most common date typo (last year's template copied forward), and a \
goal due next year falls outside this year's quarters and reviews.\n\n\
## Example\n\
Bad: `G5 | due: 2025-06-30` in the 2026 plan.\n\
Fixed: `G5 | due: 2026-06-30`.\n",
    doc_zh: "## 检查内容\n\
目标的截止日期（或截止时段的最后一天）不在计划年度内，或开始于其他年份。计划年度依次取 `--year`、配置中的年度、多数截止日期所在的年份，或表格标题中的年份；都没有时跳过本规则。\n\n\
## 为什么重要\n\
年份写错是最常见的日期笔误（沿用了去年的模板），而明年到期的目标落在今年的季度和复盘之外。\n\n\
## 示例\n\
错误：2026 年计划中的 `G5 | 截止：2025-06-30`。\n\
修正：`G5 | 截止：2026-06-30`。\n",
};

impl Rule for DueOutsideYear {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn check(&self, ctx: &Context, out: &mut Vec<Finding>) {
        let Some(year) = ctx.plan.plan_year else {
            return;
        };
        let fiscal = ctx.plan.fiscal;
        let shown_year = fiscal.label(year);
        for goal in &ctx.plan.goals {
            let fields: [(Field, &DateField, bool, &str, &str); 2] = [
                (Field::Start, &goal.start, false, "starts", "开始时间"),
                (Field::Due, &goal.due, true, "is due", "截止时间"),
            ];
            for (field, value, use_end, en, zh) in fields {
                let Some(span) = value.value else {
                    continue;
                };
                let date = if use_end { span.end } else { span.start };
                if fiscal.year_of(date) == year {
                    continue;
                }
                let (label, when) = (goal.label(), shown(value));
                let message = ctx.msg(
                    format!("goal {label} {en} {when}, outside the plan year {shown_year}"),
                    format!("目标 {label} 的{zh} {when} 不在计划年度 {shown_year} 内"),
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
    fn dates_in_another_year_fire() {
        let p = plan(vec![
            G::new(1, "G1").due(2025, 6, 30).build(),
            G::new(2, "G2").start(2025, 12, 1).due(2026, 3, 31).build(),
        ]);
        let f = run(&DueOutsideYear, &p);
        assert_eq!(
            hits(&f),
            vec![("T003", "Goals!Q2".into()), ("T003", "Goals!P3".into())]
        );
        assert!(
            f[0].message
                .contains("2025-06-30, outside the plan year 2026"),
            "{}",
            f[0].message
        );
    }

    #[test]
    fn dates_and_periods_inside_the_year_or_no_year_are_fine() {
        let mut p = plan(vec![
            G::new(1, "G1").start(2026, 1, 1).due(2026, 12, 31).build(),
            G::new(2, "G2")
                .due_span("FY2026", day(2026, 1, 1), day(2026, 12, 31))
                .build(),
            G::new(3, "G3").build(),
        ]);
        assert!(run(&DueOutsideYear, &p).is_empty());
        p.plan_year = None;
        p.goals.push(G::new(4, "G4").due(2030, 1, 1).build());
        assert!(run(&DueOutsideYear, &p).is_empty());
        assert_info(&DueOutsideYear);
    }

    #[test]
    fn a_fiscal_year_from_april_holds_next_march_but_not_this_march() {
        let mut p = plan(vec![
            G::new(1, "G1").start(2026, 4, 1).due(2027, 3, 31).build(),
            G::new(2, "G2").due(2026, 3, 31).build(),
            G::new(3, "G3").due(2027, 4, 1).build(),
        ]);
        p.fiscal = crate::periods::FiscalYear::starting(4).unwrap();
        let f = run(&DueOutsideYear, &p);
        assert_eq!(
            hits(&f),
            vec![("T003", "Goals!Q3".into()), ("T003", "Goals!Q4".into())]
        );
        assert!(
            f[0].message
                .contains("outside the plan year FY2026 (2026-04 – 2027-03)"),
            "{}",
            f[0].message
        );
    }
}
