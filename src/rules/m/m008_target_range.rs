//! M008 target-range: a target written as a range (`10-15%`, `1000–1500`, `10至15万`).

use crate::model::{Direction, ValueQualifier};
use crate::rules::text::{field_label, fmt_num};
use crate::rules::{Context, Finding, Letter, Rule, RuleInfo, Severity};

/// A target, quarterly target, baseline or actual written as a range: it is read as the end
/// the metric's direction favours least, and this info says so.
pub struct TargetRange;

static INFO: RuleInfo = RuleInfo {
    id: "M008",
    name: "target-range",
    letter: Letter::M,
    severity: Severity::Info,
    title_en: "Target is a range, not one number",
    title_zh: "目标是一个区间，不是一个数",
    hint_en: "Commit to one number (the range's lower end for a higher-is-better metric); put the stretch goal in the notes.",
    hint_zh: "请承诺一个数（越高越好的指标取区间下限），挑战目标可写在备注中。",
    doc: "## What it checks\n\
A numeric cell of a goal holds a range: `10-15%`, `10%~15%`, `1000–1500`, `10至15万`, \
`1,000 to 1,500`. goalsheet reads it as the end the metric's direction favours least — \
the low end when higher is better, the high end when lower is better (a cost) — because \
that is what the team commits to; the upper end is a stretch.\n\n\
## Why it matters\n\
A range is not a number to be measured against: at 12% the goal is both met and missed. \
Rollups, reconciliation and growth checks need one number, and whoever reads the plan \
should see which one was taken.\n\n\
## Example\n\
Bad: `转化率目标: 10-15%`\n\n\
Fixed: `转化率目标: 10%` (notes: `挑战目标 15%`)\n",
    doc_zh: "## 检查内容\n\
目标的数值单元格填的是区间：`10-15%`、`10%~15%`、`1000–1500`、`10至15万`、`1,000 to 1,500`。goalsheet 取对指标方向最不利的一端——越高越好时取低端，越低越好（成本）时取高端——因为这是团队承诺的数字；另一端是挑战目标。\n\n\
## 为什么重要\n\
区间不是可以衡量的数字：做到 12% 时，目标既算达成又算未达成。汇总、核对和增长检查都需要一个数字，读计划的人也应该看到取的是哪一个。\n\n\
## 示例\n\
错误：`转化率目标：10-15%`\n\n\
修正：`转化率目标：10%`（备注：`挑战目标 15%`）\n",
};

impl Rule for TargetRange {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn check(&self, ctx: &Context, out: &mut Vec<Finding>) {
        for goal in &ctx.plan.goals {
            for (field, qualifier) in &goal.qualifiers {
                if !matches!(qualifier, ValueQualifier::Range { .. }) {
                    continue;
                }
                let Some(num) = crate::rules::m::m003_number_unparsable::numeric_fields(goal)
                    .into_iter()
                    .find(|(f, _)| f == field)
                    .map(|(_, n)| n)
                else {
                    continue;
                };
                let Some(value) = num.value else { continue };
                let raw = num.raw.trim();
                let shown = fmt_num(value, goal.is_percent);
                let (end_en, end_zh) = match goal.direction {
                    Direction::HigherIsBetter => ("low end (higher is better)", "下限（越高越好）"),
                    Direction::LowerIsBetter => ("high end (lower is better)", "上限（越低越好）"),
                };
                let message = ctx.msg(
                    format!(
                        "{} \"{raw}\" of goal {} is a range, not one number; read as its {end_en}: {shown}",
                        field_label(*field, crate::model::Lang::En),
                        goal.label()
                    ),
                    format!(
                        "目标 {} 的{}“{raw}”是一个区间，不是一个数；按{end_zh}读作 {shown}",
                        goal.label(),
                        field_label(*field, crate::model::Lang::Zh)
                    ),
                );
                out.push(ctx.goal_finding(&INFO, goal, *field, num.cell, message));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Field;
    use crate::parse::Qualifier;
    use crate::rules::test_support::*;

    #[test]
    fn a_range_fires_a_qualified_or_plain_target_does_not() {
        let mut plan = wide_plan();
        let mut range = goal(&plan, 2)
            .text(Field::Id, "KR1")
            .num_raw(Field::Target, "10-15%", Some(0.10))
            .percent(true)
            .build();
        range.qualifiers = vec![(
            Field::Target,
            ValueQualifier::Range {
                low: 0.10,
                high: 0.15,
            },
        )];
        let mut cost = goal(&plan, 3)
            .text(Field::Id, "KR2")
            .num_raw(Field::Q2, "120-150", Some(150.0))
            .direction(Direction::LowerIsBetter)
            .build();
        cost.qualifiers = vec![(
            Field::Q2,
            ValueQualifier::Range {
                low: 120.0,
                high: 150.0,
            },
        )];
        let mut bound = goal(&plan, 4)
            .text(Field::Id, "KR3")
            .num_raw(Field::Target, "≥1200", Some(1200.0))
            .build();
        bound.qualifiers = vec![(Field::Target, ValueQualifier::Bound(Qualifier::AtLeast))];
        let plain = goal(&plan, 5)
            .text(Field::Id, "KR4")
            .num_raw(Field::Target, "1000", Some(1000.0))
            .build();
        plan.goals = vec![range, cost, bound, plain];
        let f = run(&TargetRange, &plan);
        assert_eq!(hits(&f, "M008"), vec!["I2", "K3"]);
        assert_eq!(
            f[0].message,
            "annual target \"10-15%\" of goal KR1 is a range, not one number; read as its low end (higher is better): 10%"
        );
        assert!(f[1].message.contains("high end"), "{}", f[1].message);
        assert_eq!(f[0].severity, Severity::Info);
    }
}
