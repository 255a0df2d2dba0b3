//! T006 quarter-after-due: a quarterly target for a quarter that starts after the due date.

use crate::model::Field;
use crate::rules::t::shown;
use crate::rules::{Context, Finding, Letter, Rule, RuleInfo, Severity, show};

pub struct QuarterAfterDue;

static INFO: RuleInfo = RuleInfo {
    id: "T006",
    name: "quarter-after-due",
    letter: Letter::T,
    severity: Severity::Warning,
    title_en: "Quarterly target after the due date",
    title_zh: "截止时间之后仍有季度目标",
    hint_en: "Move the target into a quarter before the due date, or extend the due date.",
    hint_zh: "将该季度目标移到截止时间之前的季度，或推迟截止时间。",
    doc: "## What it checks\n\
A goal has a non-zero target in a quarter that begins after its due date (the last day of \
the due period), e.g. a Q4 target on a goal due in June. One finding per goal, on its \
first late quarter, names every late quarter. Quarters are those of the plan \
year (else the due date's year), fiscal quarters in a fiscal year (Q4 of an April–March \
year is January–March); a goal due in another year is left to T003.\n\n\
## Why it matters\n\
Either the due date or the quarterly phasing is wrong; the rollups will count work in a \
quarter where the goal is already over.\n\n\
## Example\n\
Bad: `G7 | due: 2026-06-30 | Q1 100 | Q2 100 | Q3 50 | Q4 0`.\n\
Fixed: `G7 | due: 2026-09-30 | …`, or `Q2 150 | Q3 0`.\n",
    doc_zh: "## 检查内容\n\
目标在截止日期（截止时段的最后一天）之后才开始的季度里有非零目标，例如 6 月到期的目标却有四季度目标。每个目标报一条，位于它第一个越期的季度，并列出所有越期的季度。季度按计划年度计算（没有则按截止日期所在年份）；在其他年份到期的目标交给 T003。\n\n\
## 为什么重要\n\
要么截止日期错了，要么季度分解错了；汇总会把工作算进一个目标已经结束的季度。\n\n\
## 示例\n\
错误：`G7 | 截止：2026-06-30 | 一季度 100 | 二季度 100 | 三季度 50 | 四季度 0`。\n\
修正：`G7 | 截止：2026-09-30 | …`，或 `二季度 150 | 三季度 0`。\n",
};

impl Rule for QuarterAfterDue {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn judges_values(&self) -> bool {
        true
    }

    fn check(&self, ctx: &Context, out: &mut Vec<Finding>) {
        for goal in &ctx.plan.goals {
            let Some(due) = goal.due.value else {
                continue;
            };
            let fiscal = ctx.plan.fiscal;
            let year = ctx
                .plan
                .plan_year
                .unwrap_or_else(|| fiscal.year_of(due.end));
            // A due date in another year is T003's finding; every quarter would follow here.
            if fiscal.year_of(due.end) != year {
                continue;
            }
            // One finding per goal, on its first late quarter, naming every late quarter.
            let late: Vec<(usize, f64)> = goal
                .quarters
                .iter()
                .enumerate()
                .filter_map(|(q, cell)| Some((q, cell.value.filter(|v| *v != 0.0)?)))
                .filter(|&(q, _)| {
                    fiscal
                        .quarter(year, q as u32 + 1)
                        .is_some_and(|span| span.start > due.end)
                })
                .collect();
            let Some(&(first, _)) = late.first() else {
                continue;
            };
            let (label, d) = (goal.label(), shown(&goal.due));
            let listed: Vec<String> = late
                .iter()
                .map(|&(q, v)| format!("Q{} {}", q + 1, show::value(v, goal.is_percent)))
                .collect();
            let message = ctx.msg(
                format!(
                    "goal {label} is due {d}, but has targets in later quarters: {}",
                    listed.join(", ")
                ),
                format!(
                    "目标 {label} 截止于 {d}，但其后的季度仍设有目标：{}",
                    listed.join("、")
                ),
            );
            out.push(ctx.goal_finding(
                &INFO,
                goal,
                Field::QUARTERS[first],
                goal.quarters[first].cell,
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
    fn targets_in_quarters_after_the_due_date_fire() {
        let p = plan(vec![
            G::new(1, "G1")
                .due(2026, 6, 30)
                .quarters([Some(100.0), Some(100.0), Some(50.0), Some(25.0)])
                .build(),
        ]);
        let f = run(&QuarterAfterDue, &p);
        // One finding for the goal, on Q3, naming both late quarters.
        assert_eq!(hits(&f), vec![("T006", "Goals!L2".into())]);
        assert_eq!(
            f[0].message,
            "goal G1 is due 2026-06-30, but has targets in later quarters: Q3 50, Q4 25"
        );
    }

    #[test]
    fn zero_or_blank_later_quarters_and_quarters_due_mid_quarter_are_fine() {
        let p = plan(vec![
            G::new(1, "G1")
                .due(2026, 6, 30)
                .quarters([Some(100.0), Some(100.0), Some(0.0), None])
                .build(),
            G::new(2, "G2")
                .due(2026, 7, 15)
                .quarters([None, None, Some(10.0), None])
                .build(),
            G::new(3, "G3")
                .quarters([None, None, None, Some(10.0)])
                .build(),
            G::new(4, "G4")
                .due(2025, 12, 31)
                .quarters([Some(1.0), Some(1.0), Some(1.0), Some(1.0)])
                .build(),
        ]);
        assert!(run(&QuarterAfterDue, &p).is_empty());
        assert_info(&QuarterAfterDue);
    }

    #[test]
    fn fiscal_quarters_follow_the_fiscal_year() {
        let qs = [Some(1.0), Some(1.0), Some(1.0), Some(1.0)];
        let mut p = plan(vec![
            G::new(1, "G1").due(2027, 3, 31).quarters(qs).build(),
            G::new(2, "G2").due(2026, 9, 30).quarters(qs).build(),
        ]);
        p.fiscal = crate::periods::FiscalYear::starting(4).unwrap();
        let f = run(&QuarterAfterDue, &p);
        // Fiscal Q3 (Oct–Dec) and Q4 (Jan–Mar) begin after 2026-09-30; Q1..Q4 of G1 do not.
        assert_eq!(hits(&f), vec![("T006", "Goals!L3".into())]);
        assert!(
            f[0].message.ends_with("later quarters: Q3 1, Q4 1"),
            "{}",
            f[0].message
        );
    }
}
