//! B002 allocation-exceeds-total: allocated budgets above the total budget.

use crate::rules::b::{exceeds, leaf_budgets, lines_sum, total_line};
use crate::rules::{Context, Finding, Letter, Rule, RuleInfo, Severity, show};

pub struct AllocationExceedsTotal;

static INFO: RuleInfo = RuleInfo {
    id: "B002",
    name: "allocation-exceeds-total",
    letter: Letter::B,
    severity: Severity::Error,
    title_en: "Allocated budgets exceed the total budget",
    title_zh: "已分配预算超出总预算",
    hint_en: "Cut the allocations or raise the total so the lines add up to no more than the total.",
    hint_zh: "压缩各项分配或提高总预算，使分配合计不超过总预算。",
    doc: "## What it checks\n\
On the budget sheet, the lines (the total line excluded, the reserve included) add up to \
more than the sheet's total line. And when goals carry budgets, the leaf goals' budgets add \
up to more than the budget sheet's total (its total line, else the sum of its lines). The \
finding sits on the total line's amount cell when there is one.\n\n\
## Why it matters\n\
Money allocated beyond the total does not exist: some line will be cut later, usually \
without anyone deciding which.\n\n\
## Example\n\
Bad: budget lines `线上投放 600`, `活动 450`, `机动资金 50`, total line `1,000`.\n\
Fixed: `活动 350`, or a total of `1,100` that was actually approved.\n",
    doc_zh: "## 检查内容\n\
预算表中各行（不含合计行，含机动资金）之和超过表中的合计行。目标带有预算时，叶子目标的预算之和超过预算表的总额（合计行，没有则为各行之和）。有合计行时，问题标在合计行的金额单元格。\n\n\
## 为什么重要\n\
超出总额分配出去的钱并不存在：之后总有某一行要被砍，而且通常没人决定砍哪一行。\n\n\
## 示例\n\
错误：预算行 `线上投放 600`、`活动 450`、`机动资金 50`，合计行 `1,000`。\n\
修正：`活动 350`，或改为真正批准过的合计 `1,100`。\n",
};

impl Rule for AllocationExceedsTotal {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn check(&self, ctx: &Context, out: &mut Vec<Finding>) {
        let Some(sheet) = &ctx.plan.budget else {
            return;
        };
        let name = &sheet.sheet;
        let total = total_line(sheet);
        let lines = lines_sum(sheet);
        let at_total = |ctx: &Context, message: String| match total {
            Some(t) => ctx.cell_finding(&INFO, name, t.cell, Some("budget"), message),
            None => ctx.plan_finding(&INFO, message),
        };
        if let (Some(t), Some(sum)) = (total.and_then(|t| t.value), lines)
            && exceeds(sum, t)
        {
            let (s, tt, over) = (show::num(sum), show::num(t), show::num(sum - t));
            let message = ctx.msg(
                    format!("the lines of budget sheet \"{name}\" add up to {s}, over its total line {tt} by {over}"),
                    format!("预算表“{name}”各项合计 {s}，超出总计 {tt}（超 {over}）"),
                );
            out.push(at_total(ctx, message));
        }
        let budget_total = total.and_then(|t| t.value).or(lines);
        if let (Some(bt), Some(goals)) = (budget_total, leaf_budgets(ctx))
            && exceeds(goals, bt)
        {
            let goal_sheet = &ctx.plan.sheet;
            let (g, b, over) = (show::num(goals), show::num(bt), show::num(goals - bt));
            let message = ctx.msg(
                    format!("the goals' budgets on sheet \"{goal_sheet}\" add up to {g}, over the budget total {b} on sheet \"{name}\" by {over}"),
                    format!("“{goal_sheet}”中各目标预算合计 {g}，超出预算表“{name}”的总预算 {b}（超 {over}）"),
                );
            out.push(at_total(ctx, message));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testkit::*;

    #[test]
    fn lines_over_the_total_line_fire_on_the_total_cell() {
        let mut p = plan(vec![G::new(1, "G1").build()]);
        p.budget = Some(budget_sheet(
            vec![
                budget_line(1, "线上投放", 600.0, false),
                budget_line(2, "活动", 450.0, false),
                budget_line(3, "机动资金", 50.0, true),
            ],
            Some((4, 1000.0)),
        ));
        let f = run(&AllocationExceedsTotal, &p);
        assert_eq!(hits(&f), vec![("B002", "Budget!B5".into())]);
        assert!(
            f[0].message
                .contains("add up to 1,100, over its total line 1,000 by 100"),
            "{}",
            f[0].message
        );
    }

    #[test]
    fn goal_budgets_over_the_budget_total_fire() {
        let mut p = plan(vec![
            G::new(1, "O1").budget(900.0).build(),
            G::new(2, "KR1").parent("O1").budget(500.0).build(),
            G::new(3, "KR2").parent("O1").budget(400.0).build(),
            G::new(4, "G2").budget(300.0).build(),
        ]);
        // Without a total line, the lines' sum is the total and the finding is plan-level.
        p.budget = Some(budget_sheet(
            vec![budget_line(1, "投放", 1000.0, false)],
            None,
        ));
        let f = run(&AllocationExceedsTotal, &p);
        assert_eq!(hits(&f), vec![("B002", "Goals!-".into())]);
        assert!(
            f[0].message
                .contains("add up to 1,200, over the budget total 1,000"),
            "{}",
            f[0].message
        );
    }

    #[test]
    fn allocations_within_the_total_are_fine() {
        let mut p = plan(vec![
            G::new(1, "O1").budget(900.0).build(),
            G::new(2, "KR1").parent("O1").budget(500.0).build(),
            G::new(3, "KR2").parent("O1").budget(400.0).build(),
        ]);
        assert!(run(&AllocationExceedsTotal, &p).is_empty());
        p.budget = Some(budget_sheet(
            vec![
                budget_line(1, "投放", 900.0, false),
                budget_line(2, "机动资金", 100.0, true),
            ],
            Some((3, 1000.0)),
        ));
        assert!(run(&AllocationExceedsTotal, &p).is_empty());
        assert_info(&AllocationExceedsTotal);
    }
}
