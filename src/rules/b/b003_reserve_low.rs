//! B003 reserve-low: no contingency reserve, or one below the minimum share.

use crate::config::ListedWords;
use crate::model::CellPos;
use crate::rules::b::{leaf_budgets, lines_sum, total_line};
use crate::rules::{Context, Finding, Letter, Rule, RuleInfo, Severity, show};

pub struct ReserveLow;

static INFO: RuleInfo = RuleInfo {
    id: "B003",
    name: "reserve-low",
    letter: Letter::B,
    severity: Severity::Warning,
    title_en: "Contingency reserve missing or too small",
    title_zh: "缺少机动资金或比例过低",
    hint_en: "Keep a contingency reserve line (Reserve / 机动资金) of at least the minimum share of the total budget.",
    hint_zh: "预算中保留一项机动资金（预备金），且不低于总预算的最低比例。",
    doc: "## What it checks\n\
The budget has a contingency reserve line (an item matching `lexicon.reserve`: 机动, 预备, \
备用, contingency, reserve …) of at least `budget.min_reserve` (default 5%) of the total. \
The total is the budget sheet's total line, else the sum of its lines. Without a budget \
sheet, a goal row named like a reserve is checked against the leaf goals' budgets, and a \
missing reserve is not reported (a goal sheet alone is not the budget). Plan-level; on \
the reserve's amount cell when there is one.\n\n\
## Why it matters\n\
Plans meet surprises — a competitor's campaign, a channel that suddenly converts. Without \
a reserve every reaction means cutting something that was already promised.\n\n\
## Example\n\
Bad: budget lines `线上投放 600`, `活动 380`, `机动资金 20` (2% of 1,000).\n\
Fixed: `活动 350`, `机动资金 50` (5%).\n",
    doc_zh: "## 检查内容\n\
预算中有一行机动资金（项目名匹配 `lexicon.reserve`：机动、预备、备用、contingency、reserve……），且至少占总额的 `budget.min_reserve`（默认 5%）。总额取预算表的合计行，没有则为各行之和。没有预算表时，名称像机动资金的目标行与叶子目标的预算之和比较，缺少机动资金不报（只有目标表不算预算）。属于计划级问题；有机动资金行时标在其金额单元格。\n\n\
## 为什么重要\n\
计划总会遇到意外——竞争对手的活动、某个渠道突然转化。没有机动资金，每一次应对都意味着砍掉已经承诺的事情。\n\n\
## 示例\n\
错误：预算行 `线上投放 600`、`活动 380`、`机动资金 20`（占 1,000 的 2%）。\n\
修正：`活动 350`、`机动资金 50`（5%）。\n",
};

/// The reserve found: its summed amount and the first reserve's amount cell.
type Reserve = Option<(f64, Option<CellPos>)>;

/// Named like a reserve, matched as the reader matches (`lexicon.reserve`, whole ASCII words).
fn is_reserve_word(text: &str, words: &ListedWords) -> bool {
    words.first_in(text).is_some()
}

impl Rule for ReserveLow {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn check(&self, ctx: &Context, out: &mut Vec<Finding>) {
        let words = &ListedWords::new(&ctx.config.lexicon.reserve);
        // (sheet, total, reserve amount, the reserve's first cell); None when no reserve.
        let (sheet, total, reserve): (&str, Option<f64>, Reserve) = match &ctx.plan.budget {
            Some(b) => {
                let total = total_line(b).and_then(|t| t.value).or_else(|| lines_sum(b));
                let mut reserve: Reserve = None;
                for line in &b.lines {
                    let named = line.item.text().is_some_and(|t| is_reserve_word(t, words));
                    if line.is_reserve || named {
                        let r = reserve.get_or_insert((0.0, line.amount.cell));
                        r.0 += line.amount.value.unwrap_or(0.0);
                    }
                }
                (b.sheet.as_str(), total, reserve)
            }
            None => {
                let mut reserve: Reserve = None;
                // Only a goal with a budget can be the reserve: its wording is read only then.
                for g in ctx.plan.goals.iter().filter(|g| g.budget.value.is_some()) {
                    let named = [g.objective.text(), g.key_result.text(), g.metric.text()]
                        .into_iter()
                        .flatten()
                        .any(|t| is_reserve_word(t, words));
                    if named {
                        let r = reserve.get_or_insert((0.0, g.budget.cell));
                        r.0 += g.budget.value.unwrap_or(0.0);
                    }
                }
                // A goal sheet alone is not the budget: without a budget sheet, only a
                // reserve row on the goal sheet is checked (its share), never its absence.
                if reserve.is_none() {
                    return;
                }
                (ctx.plan.sheet.as_str(), leaf_budgets(ctx), reserve)
            }
        };
        let Some(total) = total.filter(|t| *t > 0.0) else {
            return;
        };
        let min = ctx.config.budget.min_reserve.max(0.0);
        let (t, need, share) = (show::num(total), show::num(total * min), show::pct(min));
        match reserve {
            None => {
                let message = ctx.msg(
                    format!("the budget (total {t}) has no contingency reserve line; keep at least {share} ({need})"),
                    format!("预算（总计 {t}）中没有机动资金；建议至少保留 {share}（{need}）"),
                );
                out.push(ctx.cell_finding(&INFO, sheet, None, None, message));
            }
            Some((amount, cell)) if amount < total * min - 1e-9 => {
                let (a, got) = (show::num(amount), show::pct(amount / total));
                let message = ctx.msg(
                    format!("the contingency reserve {a} is {got} of the total budget {t}, below the minimum {share} ({need})"),
                    format!("机动资金 {a} 仅占总预算 {t} 的 {got}，低于最低比例 {share}（{need}）"),
                );
                out.push(ctx.cell_finding(&INFO, sheet, cell, Some("budget"), message));
            }
            Some(_) => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testkit::*;

    #[test]
    fn a_small_reserve_fires_on_its_cell() {
        let mut p = plan(vec![G::new(1, "G1").build()]);
        p.budget = Some(budget_sheet(
            vec![
                budget_line(1, "线上投放", 600.0, false),
                budget_line(2, "活动", 380.0, false),
                budget_line(3, "机动资金", 20.0, true),
            ],
            Some((4, 1000.0)),
        ));
        let f = run(&ReserveLow, &p);
        assert_eq!(hits(&f), vec![("B003", "Budget!B4".into())]);
        assert!(
            f[0].message
                .contains("reserve 20 is 2% of the total budget 1,000, below the minimum 5% (50)"),
            "{}",
            f[0].message
        );
    }

    #[test]
    fn no_reserve_is_a_plan_level_finding() {
        let mut p = plan(vec![G::new(1, "G1").build()]);
        p.budget = Some(budget_sheet(
            // "Buffering" is not the word "buffer": no reserve here.
            vec![
                budget_line(1, "投放", 700.0, false),
                budget_line(2, "Buffering ads", 100.0, false),
            ],
            None,
        ));
        let f = run(&ReserveLow, &p);
        assert_eq!(hits(&f), vec![("B003", "Budget!-".into())]);
        assert!(f[0].message.contains("total 800"), "{}", f[0].message);
        // Without a budget sheet, a small reserve row on the goal sheet fires on its budget.
        let p = plan(vec![
            G::new(1, "G1").budget(99.0).build(),
            G::new(2, "G2").objective("机动资金").budget(1.0).build(),
        ]);
        assert_eq!(
            hits(&run(&ReserveLow, &p)),
            vec![("B003", "Goals!R3".into())]
        );
    }

    #[test]
    fn enough_reserve_or_no_budget_is_fine() {
        let mut p = plan(vec![G::new(1, "G1").build()]);
        assert!(run(&ReserveLow, &p).is_empty());
        // A goal sheet with budgets but no budget sheet and no reserve row: not reported.
        assert!(
            run(
                &ReserveLow,
                &plan(vec![G::new(1, "G1").budget(100.0).build()])
            )
            .is_empty()
        );
        p.budget = Some(budget_sheet(
            vec![
                budget_line(1, "投放", 950.0, false),
                budget_line(2, "Contingency", 50.0, false),
            ],
            None,
        ));
        assert!(run(&ReserveLow, &p).is_empty());
        let p = plan(vec![
            G::new(1, "G1").budget(95.0).build(),
            G::new(2, "G2").objective("机动资金").budget(5.0).build(),
        ]);
        assert!(run(&ReserveLow, &p).is_empty());
        assert_info(&ReserveLow);
    }
}
