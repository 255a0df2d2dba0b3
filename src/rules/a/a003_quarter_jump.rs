//! A003 quarter-jump: a quarter far above the one before.

use crate::model::{Aggregation, Field, Lang};
use crate::rules::text::{field_label, fmt_num, fmt_ratio};
use crate::rules::{Context, Finding, Letter, Rule, RuleInfo, Severity};

/// A quarterly target above `achievable.max_quarter_jump` times the previous quarter's
/// (sum and level metrics).
pub struct QuarterJump;

static INFO: RuleInfo = RuleInfo {
    id: "A003",
    name: "quarter-jump",
    letter: Letter::A,
    severity: Severity::Warning,
    title_en: "Quarterly target jumps from the quarter before",
    title_zh: "季度目标较上季度跳升过大",
    hint_en: "Spread the target more evenly across the quarters, or note what drives the jump \
(a launch, a campaign, seasonality).",
    hint_zh: "把目标在各季度间分配得更均匀，或在备注中说明跳升的原因（新品上市、大促、季节性）。",
    doc: "## What it checks\n\
For sum metrics (revenue, leads) and level metrics (followers, share), a quarterly target \
is more than `achievable.max_quarter_jump` (default 2.5) times the previous quarter's \
target, when the previous quarter is positive. Ratio metrics (conversion, ROI) are not \
checked.\n\n\
## Why it matters\n\
Back-loaded plans (a small Q1–Q3 and a huge Q4) push the risk to the end of the year, when \
there is no time left to recover.\n\n\
## Example\n\
Bad: `线上销售额 | Q1..Q4: 100, 120, 150, 830`\n\n\
Fixed: `线上销售额 | Q1..Q4: 250, 300, 300, 350`, or a note: \"Q4 双十一大促\".\n",
    doc_zh: "## 检查内容\n\
对累加型指标（销售额、线索）和时点型指标（粉丝数、份额），某季度目标超过上一季度目标的 `achievable.max_quarter_jump` 倍（默认 2.5），且上一季度为正数。比率型指标（转化率、ROI）不检查。\n\n\
## 为什么重要\n\
前松后紧的计划（一至三季度很小、四季度巨大）把风险推到年底，那时已经没有时间补救。\n\n\
## 示例\n\
错误：`线上销售额 | 一至四季度：100, 120, 150, 830`\n\n\
修正：`线上销售额 | 一至四季度：250, 300, 300, 350`，或备注说明：“Q4 双十一大促”。\n",
};

impl Rule for QuarterJump {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn judges_values(&self) -> bool {
        true
    }

    fn check(&self, ctx: &Context, out: &mut Vec<Finding>) {
        let limit = ctx.config.achievable.max_quarter_jump;
        for goal in &ctx.plan.goals {
            if goal.aggregation == Aggregation::Ratio {
                continue;
            }
            let qs = goal.quarter_values();
            for i in 1..4 {
                let (Some(prev), Some(cur)) = (qs[i - 1], qs[i]) else {
                    continue;
                };
                if prev <= 0.0 || cur <= limit * prev + 1e-9 {
                    continue;
                }
                let pct = goal.is_percent;
                let (field, prev_field) = (Field::QUARTERS[i], Field::QUARTERS[i - 1]);
                let (c, p, r, l) = (
                    fmt_num(cur, pct),
                    fmt_num(prev, pct),
                    fmt_ratio(cur / prev),
                    fmt_ratio(limit),
                );
                let label = goal.label();
                let (q, pq) = (format!("Q{}", i + 1), format!("Q{i}"));
                let message = ctx.msg(
                    format!("goal {label}: {q} target {c} is {r}× {pq}'s {p} (limit {l}×)"),
                    format!(
                        "目标 {label}：{} {c} 是{} {p} 的 {r} 倍（上限 {l} 倍）",
                        field_label(field, Lang::Zh),
                        field_label(prev_field, Lang::Zh)
                    ),
                );
                let cell = goal.quarters[i].cell;
                out.push(ctx.goal_finding(&INFO, goal, field, cell, message));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::test_support::*;

    #[test]
    fn a_jump_beyond_the_limit_fires_on_that_quarter() {
        let mut plan = wide_plan();
        plan.goals = vec![
            goal(&plan, 2)
                .text(Field::Id, "KR1")
                .quarters([100.0, 120.0, 150.0, 830.0])
                .build(),
            // 2.5× exactly: fine
            goal(&plan, 3)
                .quarters([100.0, 250.0, 250.0, 250.0])
                .build(),
            // ratio metrics are not checked
            goal(&plan, 4)
                .aggregation(Aggregation::Ratio)
                .pct(Field::Q1, 0.01)
                .pct(Field::Q2, 0.05)
                .build(),
            // level metric jumping from 0: no previous base
            goal(&plan, 5)
                .aggregation(Aggregation::Level)
                .quarters([0.0, 1000.0, 1200.0, 1300.0])
                .build(),
            // a level metric that jumps
            goal(&plan, 6)
                .aggregation(Aggregation::Level)
                .quarters([1000.0, 3000.0, 3200.0, 3300.0])
                .build(),
        ];
        let f = run(&QuarterJump, &plan);
        assert_eq!(hits(&f, "A003"), vec!["M2", "K6"]);
        assert_eq!(
            f[0].message,
            "goal KR1: Q4 target 830 is 5.5× Q3's 150 (limit 2.5×)"
        );
    }
}
