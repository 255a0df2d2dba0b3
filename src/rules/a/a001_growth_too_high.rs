//! A001 growth-too-high: a target far beyond the baseline.

use crate::model::{Direction, Field};
use crate::rules::text::{fmt_num, fmt_ratio};
use crate::rules::{Context, Finding, Letter, Rule, RuleInfo, Severity};

/// Target over baseline above `achievable.max_growth_ratio` (for lower-is-better metrics,
/// baseline over target).
pub struct GrowthTooHigh;

static INFO: RuleInfo = RuleInfo {
    id: "A001",
    name: "growth-too-high",
    letter: Letter::A,
    severity: Severity::Warning,
    title_en: "Target is far beyond the baseline",
    title_zh: "目标相对基线增幅过大",
    hint_en: "Check the target and the baseline (same unit?), or explain in the notes what \
makes this jump achievable (new channel, budget, launch).",
    hint_zh: "核对目标值和基线（单位是否一致？），或在备注中说明凭什么能实现这么大的跨越（新渠道、预算、新品）。",
    doc: "## What it checks\n\
With a positive baseline and target, the target is more than `achievable.max_growth_ratio` \
(default 3.0) times the baseline. For lower-is-better metrics (cost, CAC, churn, 获客成本, \
流失率, or a direction column saying so) the ratio is baseline / target: cutting CAC from \
300 to 50 is a 6× improvement.\n\n\
## Why it matters\n\
A target several times last year's result is either a typo (万 vs 元, a missing decimal) \
or a wish; either way the plan built on it will not hold.\n\n\
## Example\n\
Bad: `新增会员 | 基线 5,000 | 目标 50,000` (10×)\n\n\
Fixed: `新增会员 | 基线 5,000 | 目标 12,000`, or a note naming the new channel that makes \
50,000 plausible.\n",
    doc_zh: "## 检查内容\n\
基线和目标都为正数时，目标超过基线的 `achievable.max_growth_ratio` 倍（默认 3.0）。对越低越好的指标（成本、获客成本、流失率，或方向列注明越低越好），比值按 基线 ÷ 目标 计算：获客成本从 300 降到 50 是 6 倍的改善。\n\n\
## 为什么重要\n\
目标是去年实际的好几倍，要么是笔误（万和元混用、漏了小数点），要么只是愿望；无论哪种，建立在它上面的计划都站不住。\n\n\
## 示例\n\
错误：`新增会员 | 基线 5,000 | 目标 50,000`（10 倍）\n\n\
修正：`新增会员 | 基线 5,000 | 目标 12,000`，或在备注中写明让 50,000 变得可信的新渠道。\n",
};

impl Rule for GrowthTooHigh {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn judges_values(&self) -> bool {
        true
    }

    fn check(&self, ctx: &Context, out: &mut Vec<Finding>) {
        let limit = ctx.config.achievable.max_growth_ratio;
        for goal in &ctx.plan.goals {
            let (Some(baseline), Some(target)) = (goal.baseline.value, goal.annual_target()) else {
                continue;
            };
            if baseline <= 0.0 || target <= 0.0 {
                continue;
            }
            let ratio = match goal.direction {
                Direction::HigherIsBetter => target / baseline,
                Direction::LowerIsBetter => baseline / target,
            };
            if ratio <= limit + 1e-9 {
                continue;
            }
            let pct = goal.is_percent;
            let (t, b, r, l) = (
                fmt_num(target, pct),
                fmt_num(baseline, pct),
                fmt_ratio(ratio),
                fmt_ratio(limit),
            );
            let label = goal.label();
            let message = match goal.direction {
                Direction::HigherIsBetter => ctx.msg(
                    format!("goal {label}: target {t} is {r}× the baseline {b} (limit {l}×)"),
                    format!("目标 {label}：目标值 {t} 是基线 {b} 的 {r} 倍（上限 {l} 倍）"),
                ),
                Direction::LowerIsBetter => ctx.msg(
                    format!(
                        "goal {label}: target {t} cuts the baseline {b} by {r}× (lower is better; limit {l}×)"
                    ),
                    format!(
                        "目标 {label}：目标值 {t} 把基线 {b} 降到 1/{r}（越低越好的指标；上限 {l} 倍）"
                    ),
                ),
            };
            out.push(ctx.goal_finding(&INFO, goal, Field::Target, goal.target.cell, message));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::test_support::*;

    #[test]
    fn growth_beyond_the_limit_fires_in_the_metric_direction() {
        let mut plan = wide_plan();
        plan.goals = vec![
            goal(&plan, 2)
                .text(Field::Id, "KR1")
                .num(Field::Baseline, 5000.0)
                .num(Field::Target, 50000.0)
                .build(),
            // exactly 3×: at the limit, fine
            goal(&plan, 3)
                .num(Field::Baseline, 5000.0)
                .num(Field::Target, 15000.0)
                .build(),
            // CAC 300 → 50: a 6× cut
            goal(&plan, 4)
                .direction(Direction::LowerIsBetter)
                .num(Field::Baseline, 300.0)
                .num(Field::Target, 50.0)
                .build(),
            // CAC 300 → 200: modest
            goal(&plan, 5)
                .direction(Direction::LowerIsBetter)
                .num(Field::Baseline, 300.0)
                .num(Field::Target, 200.0)
                .build(),
            // no baseline (0): nothing to compare
            goal(&plan, 6)
                .num(Field::Baseline, 0.0)
                .num(Field::Target, 100.0)
                .build(),
            // target from the quarters
            goal(&plan, 7)
                .num(Field::Baseline, 10.0)
                .quarters([10.0, 10.0, 10.0, 10.0])
                .build(),
        ];
        let f = run(&GrowthTooHigh, &plan);
        assert_eq!(hits(&f, "A001"), vec!["I2", "I4", "I7"]);
        assert_eq!(
            f[0].message,
            "goal KR1: target 50,000 is 10× the baseline 5,000 (limit 3×)"
        );
    }
}
