//! M006 percent-over-100: a percentage metric above 100%.

use crate::model::{Field, Lang};
use crate::rules::text::{WordList, field_label, fmt_num, present};
use crate::rules::{Context, Finding, Letter, Rule, RuleInfo, Severity};

/// A percentage target, baseline or quarter above 100%, for a metric that cannot exceed it.
pub struct PercentOver100;

static INFO: RuleInfo = RuleInfo {
    id: "M006",
    name: "percent-over-100",
    letter: Letter::M,
    severity: Severity::Error,
    title_en: "Percentage above 100%",
    title_zh: "百分比超过 100%",
    hint_en: "Check the value: a share or rate cannot exceed 100%. If the metric is a growth \
rate or ROI, say so in its name (增长率, growth, ROI).",
    hint_zh: "检查数值：占比或比率不会超过 100%。如果是增长率或 ROI，请在指标名称中写明（增长率、同比、ROI）。",
    doc: "## What it checks\n\
For a percentage metric (unit `%`, or values written with `%`), the baseline, the annual \
target and each quarterly target must be at most 100%. Percentages are stored as fractions, \
so both `120%` and `1.2` in a percent-formatted cell are caught. Metrics whose name matches \
`lexicon.growth` (增长率 同比 环比 growth YoY ROI ROAS 达成率) may exceed 100%.\n\n\
## Why it matters\n\
A conversion rate or market share above 100% is a typo (`35` typed into a `%` cell as \
3500%) or a misread unit, and it throws every rollup of that metric off.\n\n\
## Example\n\
Bad: `转化率 | % | 目标 120%`\n\n\
Fixed: `转化率 | % | 目标 12%`\n",
    doc_zh: "## 检查内容\n\
对百分比指标（单位为 `%`，或数值带 `%`），基线、全年目标和每个季度目标都不得超过 100%。百分比按小数存储，因此 `120%` 和百分比格式单元格中的 `1.2` 都会被发现。名称匹配 `lexicon.growth` 的指标（增长率 同比 环比 growth YoY ROI ROAS 达成率）可以超过 100%。\n\n\
## 为什么重要\n\
超过 100% 的转化率或市场份额是笔误（在 `%` 单元格里输入 `35` 变成 3500%）或单位看错，会让该指标的所有汇总失真。\n\n\
## 示例\n\
错误：`转化率 | % | 目标 120%`\n\n\
修正：`转化率 | % | 目标 12%`\n",
};

const FIELDS: [Field; 6] = [
    Field::Baseline,
    Field::Target,
    Field::Q1,
    Field::Q2,
    Field::Q3,
    Field::Q4,
];

impl Rule for PercentOver100 {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn condemns_value(&self) -> bool {
        true
    }

    fn check(&self, ctx: &Context, out: &mut Vec<Finding>) {
        let growth = WordList::new(&ctx.config.lexicon.growth);
        for goal in &ctx.plan.goals {
            if !goal.is_percent {
                continue;
            }
            let name = present(&goal.metric).or_else(|| goal.statement());
            if name.is_some_and(|n| growth.find(n).is_some()) {
                continue;
            }
            let values = [
                &goal.baseline,
                &goal.target,
                &goal.quarters[0],
                &goal.quarters[1],
                &goal.quarters[2],
                &goal.quarters[3],
            ];
            // One finding per goal, on its first value over 100%, naming every such value:
            // a typo copied into the annual and the Q4 cell is one fault.
            let over: Vec<(Field, String, Option<crate::model::CellPos>)> = FIELDS
                .into_iter()
                .zip(values)
                .filter_map(|(field, value)| {
                    let v = value.value.filter(|v| *v > 1.0 + 1e-9)?;
                    let raw = value.raw.trim();
                    let shown = if raw.contains('%') || raw.contains('％') || raw.is_empty() {
                        fmt_num(v, true)
                    } else {
                        format!("\"{raw}\" ({})", fmt_num(v, true))
                    };
                    Some((field, shown, value.cell))
                })
                .collect();
            let Some(&(first, _, cell)) = over.first() else {
                continue;
            };
            let listed = |lang: Lang, sep: &str| {
                over.iter()
                    .map(|(field, shown, _)| format!("{} {shown}", field_label(*field, lang)))
                    .collect::<Vec<_>>()
                    .join(sep)
            };
            let metric = name.unwrap_or("-");
            let message = ctx.msg(
                format!(
                    "{} of the percentage metric \"{metric}\" {} over 100%",
                    listed(Lang::En, ", "),
                    if over.len() == 1 { "is" } else { "are" }
                ),
                format!("百分比指标“{metric}”的{} 超过 100%", listed(Lang::Zh, "、")),
            );
            out.push(ctx.goal_finding(&INFO, goal, first, cell, message));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::test_support::*;

    #[test]
    fn over_100_percent_fires_written_either_way() {
        let mut plan = wide_plan();
        plan.goals = vec![
            goal(&plan, 2)
                .text(Field::Metric, "转化率")
                .text(Field::Unit, "%")
                .pct(Field::Target, 1.2)
                .pct(Field::Q1, 0.9)
                .build(),
            goal(&plan, 3)
                .text(Field::Metric, "市场份额")
                .text(Field::Unit, "%")
                .percent(true)
                .num_raw(Field::Baseline, "1.2", Some(1.2))
                .build(),
            // exactly 100% is fine
            goal(&plan, 4)
                .text(Field::Metric, "覆盖率")
                .pct(Field::Target, 1.0)
                .build(),
            // growth metrics may exceed 100%
            goal(&plan, 5)
                .text(Field::Metric, "销售额同比增长率")
                .pct(Field::Target, 1.5)
                .build(),
            goal(&plan, 6)
                .text(Field::Metric, "ROI")
                .pct(Field::Target, 3.0)
                .build(),
            // not a percentage metric: 1,200 is just a number
            goal(&plan, 7)
                .text(Field::Metric, "订单数")
                .num(Field::Target, 1200.0)
                .build(),
            // one typo copied into the annual and the Q4 cell: one finding naming both
            goal(&plan, 8)
                .text(Field::Metric, "复购率")
                .text(Field::Unit, "%")
                .pct(Field::Target, 1.2)
                .pct(Field::Q4, 1.2)
                .build(),
        ];
        let f = run(&PercentOver100, &plan);
        assert_eq!(hits(&f, "M006"), vec!["I2", "H3", "I8"]);
        assert_eq!(
            f[2].message,
            "annual target 120%, Q4 target 120% of the percentage metric \"复购率\" are over 100%"
        );
        assert_eq!(
            f[0].message,
            "annual target 120% of the percentage metric \"转化率\" is over 100%"
        );
        assert!(f[1].message.contains("\"1.2\" (120%)"), "{}", f[1].message);
    }
}
