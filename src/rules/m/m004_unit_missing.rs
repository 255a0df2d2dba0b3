//! M004 unit-missing: no unit, and none can be inferred.

use crate::model::Field;
use crate::rules::text::{WordList, present};
use crate::rules::{Context, Finding, Letter, Rule, RuleInfo, Severity};

/// A measured goal with no unit and no unit word in its metric.
pub struct UnitMissing;

static INFO: RuleInfo = RuleInfo {
    id: "M004",
    name: "unit-missing",
    letter: Letter::M,
    severity: Severity::Warning,
    title_en: "Goal has no unit",
    title_zh: "目标没有单位",
    hint_en: "Fill in the unit (元, 万元, 人, 个, %, USD, …) or name it in the metric (\"销售额(万元)\").",
    hint_zh: "填写单位（元、万元、人、个、%、USD……），或在指标名称里写明（如“销售额(万元)”）。",
    doc: "## What it checks\n\
A goal that has a metric or a numeric target has a blank unit cell (or no unit column), and \
no unit can be inferred: the values are not written as percentages, no value carries a \
currency sign, and the metric name has no unit word (率 % 元 万元 人 个 次 单 件 条, rate, \
ratio, percent, USD, …). A bare count (合作伙伴数量, number of partners) is not a unit: say \
what is counted (家, partners).\n\n\
## Why it matters\n\
\"销售额 1,200\" may be 1,200 元 or 1,200 万元; a rollup that adds the two is off by ten \
thousand times.\n\n\
## Example\n\
Bad: `线上销售额 | (blank unit) | 1,200`\n\n\
Fixed: `线上销售额 | 万元 | 1,200`\n",
    doc_zh: "## 检查内容\n\
有指标或数值目标的目标，单位单元格为空（或没有单位列），且无法推断单位：数值不是以百分比写的，没有数值带货币符号，指标名称中也没有单位词（率 % 元 万元 人 个 次 单 件 条、rate、ratio、percent、USD……）。单纯的“数量”（合作伙伴数量）不是单位：要写明数的是什么（家、位）。\n\n\
## 为什么重要\n\
“销售额 1,200”可能是 1,200 元，也可能是 1,200 万元；把两者相加的汇总会差一万倍。\n\n\
## 示例\n\
错误：`线上销售额 |（单位为空）| 1,200`\n\n\
修正：`线上销售额 | 万元 | 1,200`\n",
};

/// Words in a metric name that say its unit.
const UNIT_WORDS: [&str; 28] = [
    "率", "%", "％", "元", "人", "个", "次", "单", "件", "条", "篇", "家", "户", "天", "小时",
    "评分", "rate", "ratio", "percent", "pct", "share", "usd", "cny", "rmb", "eur", "roi", "roas",
    "ctr",
];

/// Signs in a value's text that say its unit.
const UNIT_SIGNS: [char; 8] = ['%', '％', '¥', '￥', '$', '€', '£', '元'];

impl Rule for UnitMissing {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn check(&self, ctx: &Context, out: &mut Vec<Finding>) {
        let unit_words = WordList::new(&UNIT_WORDS);
        for goal in &ctx.plan.goals {
            if present(&goal.unit).is_some() || goal.is_percent {
                continue;
            }
            let metric = present(&goal.metric);
            let has_number = goal.annual_target().is_some() || goal.baseline.value.is_some();
            if metric.is_none() && !has_number {
                continue; // nothing measured yet: M001/M002 say so
            }
            if metric.is_some_and(|m| unit_words.find(m).is_some()) {
                continue;
            }
            let signed = std::iter::once(&goal.target)
                .chain(std::iter::once(&goal.baseline))
                .chain(goal.quarters.iter())
                .any(|v| v.raw.contains(UNIT_SIGNS));
            if signed {
                continue;
            }
            let label = goal.label();
            let message = match metric {
                Some(m) => ctx.msg(
                    format!("goal {label} has no unit, and the metric \"{m}\" does not say one"),
                    format!("目标 {label} 没有单位，指标“{m}”也看不出单位"),
                ),
                None => ctx.msg(
                    format!("goal {label} has no unit"),
                    format!("目标 {label} 没有单位"),
                ),
            };
            out.push(ctx.goal_finding(&INFO, goal, Field::Unit, goal.unit.cell, message));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::test_support::*;

    #[test]
    fn ambiguous_amount_fires_inferable_units_do_not() {
        let mut plan = wide_plan();
        plan.goals = vec![
            goal(&plan, 2)
                .text(Field::Metric, "线上销售额")
                .num(Field::Target, 1200.0)
                .build(),
            goal(&plan, 3)
                .text(Field::Metric, "线上销售额")
                .text(Field::Unit, "万元")
                .num(Field::Target, 1200.0)
                .build(),
            goal(&plan, 4)
                .text(Field::Metric, "转化率")
                .num(Field::Target, 0.05)
                .build(),
            goal(&plan, 5)
                .text(Field::Metric, "Revenue")
                .num_raw(Field::Target, "$2,000,000", Some(2e6))
                .build(),
            goal(&plan, 6)
                .text(Field::Metric, "CSAT")
                .pct(Field::Target, 0.9)
                .build(),
            goal(&plan, 7)
                .text(Field::Metric, "Revenue")
                .num(Field::Target, 2e6)
                .build(),
            // nothing measured yet: left to M001/M002
            goal(&plan, 8).text(Field::Objective, "品牌").build(),
            // a count is not a unit
            goal(&plan, 9)
                .text(Field::Metric, "合作伙伴数量")
                .num(Field::Target, 50.0)
                .build(),
        ];
        let f = run(&UnitMissing, &plan);
        assert_eq!(hits(&f, "M004"), vec!["G2", "G7", "G9"]);
        assert!(f[0].message.contains("线上销售额"), "{}", f[0].message);
    }
}
