//! A002 target-worse-than-baseline: a target that goes backwards.

use crate::model::{Direction, Field};
use crate::rules::text::{fmt_num, present};
use crate::rules::{Context, Finding, Letter, Rule, RuleInfo, Severity};

/// A target below the baseline for a higher-is-better metric, above it for lower-is-better.
pub struct TargetWorseThanBaseline;

static INFO: RuleInfo = RuleInfo {
    id: "A002",
    name: "target-worse-than-baseline",
    letter: Letter::A,
    severity: Severity::Warning,
    title_en: "Target is worse than the baseline",
    title_zh: "目标比基线还差",
    hint_en: "Check the target, the baseline and the metric's direction; if a decline is \
planned, say why in the notes (or set the direction column).",
    hint_zh: "核对目标值、基线和指标方向；如果确实计划下降，请在备注中说明原因（或填写方向列）。",
    doc: "## What it checks\n\
The annual target is below the baseline for a higher-is-better metric (revenue, leads, \
conversion), or above it for a lower-is-better one (cost, CAC, churn, 获客成本, 流失率 — \
from `lexicon.lower_is_better` or a direction column). Cutting 获客成本 from 300 to 250 is an \
improvement and does not fire.\n\n\
## Why it matters\n\
A goal that plans to do worse than today is usually a swapped column, a unit slip or a \
metric whose direction was misread; if it is intended, reviewers need the reason.\n\n\
## Example\n\
Bad: `线上销售额 | 基线 900 | 目标 800`\n\n\
Fixed: `线上销售额 | 基线 900 | 目标 1,200`\n",
    doc_zh: "## 检查内容\n\
越高越好的指标（销售额、线索、转化率）全年目标低于基线，或越低越好的指标（成本、获客成本、流失率——来自 `lexicon.lower_is_better` 或方向列）全年目标高于基线。获客成本从 300 降到 250 是改善，不会触发。\n\n\
## 为什么重要\n\
计划比现状更差的目标，通常是列填错了、单位弄错了，或者看反了指标方向；如果确实是有意为之，审阅人需要知道原因。\n\n\
## 示例\n\
错误：`线上销售额 | 基线 900 | 目标 800`\n\n\
修正：`线上销售额 | 基线 900 | 目标 1,200`\n",
};

impl Rule for TargetWorseThanBaseline {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn judges_values(&self) -> bool {
        true
    }

    fn check(&self, ctx: &Context, out: &mut Vec<Finding>) {
        for goal in &ctx.plan.goals {
            let (Some(baseline), Some(target)) = (goal.baseline.value, goal.annual_target()) else {
                continue;
            };
            let eps = 1e-9 * baseline.abs().max(1.0);
            let worse = match goal.direction {
                Direction::HigherIsBetter => target < baseline - eps,
                Direction::LowerIsBetter => target > baseline + eps,
            };
            if !worse {
                continue;
            }
            let pct = goal.is_percent;
            let (t, b) = (fmt_num(target, pct), fmt_num(baseline, pct));
            let label = goal.label();
            let metric = present(&goal.metric).unwrap_or("-");
            let message = match goal.direction {
                Direction::HigherIsBetter => ctx.msg(
                    format!(
                        "goal {label}: target {t} is below the baseline {b} (higher is better for \"{metric}\")"
                    ),
                    format!("目标 {label}：目标值 {t} 低于基线 {b}（“{metric}”越高越好）"),
                ),
                Direction::LowerIsBetter => ctx.msg(
                    format!(
                        "goal {label}: target {t} is above the baseline {b} (lower is better for \"{metric}\")"
                    ),
                    format!("目标 {label}：目标值 {t} 高于基线 {b}（“{metric}”越低越好）"),
                ),
            };
            out.push(ctx.goal_finding(&INFO, goal, Field::Target, goal.target.cell, message));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Lang;
    use crate::rules::test_support::*;

    #[test]
    fn direction_decides_what_is_worse() {
        let mut plan = wide_plan();
        plan.goals = vec![
            goal(&plan, 2)
                .text(Field::Id, "KR1")
                .text(Field::Metric, "线上销售额")
                .num(Field::Baseline, 900.0)
                .num(Field::Target, 800.0)
                .build(),
            // 获客成本 300 → 250: lower is better, an improvement
            goal(&plan, 3)
                .text(Field::Metric, "获客成本")
                .direction(Direction::LowerIsBetter)
                .num(Field::Baseline, 300.0)
                .num(Field::Target, 250.0)
                .build(),
            // 获客成本 300 → 350: worse
            goal(&plan, 4)
                .text(Field::Id, "KR3")
                .text(Field::Metric, "获客成本")
                .direction(Direction::LowerIsBetter)
                .num(Field::Baseline, 300.0)
                .num(Field::Target, 350.0)
                .build(),
            // equal is not worse
            goal(&plan, 5)
                .num(Field::Baseline, 900.0)
                .num(Field::Target, 900.0)
                .build(),
        ];
        let f = run(&TargetWorseThanBaseline, &plan);
        assert_eq!(hits(&f, "A002"), vec!["I2", "I4"]);
        let zh = run_with(
            &TargetWorseThanBaseline,
            &plan,
            &crate::Config::default(),
            Lang::Zh,
        );
        assert_eq!(
            zh[1].message,
            "目标 KR3：目标值 350 高于基线 300（“获客成本”越低越好）"
        );
    }
}
