//! S005 activity-not-outcome: a key result that names an activity (上线, launch) and no metric.

use crate::model::Field;
use crate::rules::text::{WordList, present};
use crate::rules::{Context, Finding, Letter, Rule, RuleInfo, Severity};

/// A key result worded as an activity, with no metric.
pub struct ActivityNotOutcome;

static INFO: RuleInfo = RuleInfo {
    id: "S005",
    name: "activity-not-outcome",
    letter: Letter::S,
    severity: Severity::Warning,
    title_en: "Key result is an activity, not an outcome",
    title_zh: "关键结果写成了行动而不是结果",
    hint_en: "State the result the activity should bring (a metric and a number); move the \
activity itself to the action plan.",
    hint_zh: "写出这项行动要带来的结果（指标和数值），把行动本身放到执行计划里。",
    doc: "## What it checks\n\
The key result contains an activity verb from `lexicon.activity` (上线 完成 举办 发布 开展 \
launch complete publish hold run …) and the row has no metric. Without a key result column, \
the objective is checked instead.\n\n\
## Why it matters\n\
\"Launch the new website\" is done the day it ships, whether or not it brought a single lead. \
Key results measure outcomes; activities belong in the action plan (做什么、谁来做、何时做).\n\n\
## Example\n\
Bad: `KR3.1 | 上线新版官网 | (no metric)`\n\n\
Fixed: `KR3.1 | 官网月均线索达到 800 条 | 官网线索数 | 800`, with \"上线新版官网\" as an \
action under KR3.1.\n",
    doc_zh: "## 检查内容\n\
关键结果含有 `lexicon.activity` 中的活动动词（上线 完成 举办 发布 开展 launch complete publish hold run……），且该行没有指标。没有关键结果列时改为检查目标。\n\n\
## 为什么重要\n\
“上线新版官网”在上线那天就完成了，不管它带来没带来一条线索。关键结果衡量的是成果；活动属于执行计划（做什么、谁来做、何时做）。\n\n\
## 示例\n\
错误：`KR3.1 | 上线新版官网 |（无指标）`\n\n\
修正：`KR3.1 | 官网月均线索达到 800 条 | 官网线索数 | 800`，并把“上线新版官网”作为 KR3.1 下的一项行动。\n",
};

impl Rule for ActivityNotOutcome {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn check(&self, ctx: &Context, out: &mut Vec<Finding>) {
        let kr_column = ctx.plan.has_column(Field::KeyResult);
        let activity = WordList::new(&ctx.config.lexicon.activity);
        for goal in &ctx.plan.goals {
            if present(&goal.metric).is_some() {
                continue;
            }
            let (field, text, cell) = match goal.key_result.text() {
                Some(kr) => (Field::KeyResult, kr, goal.key_result.cell),
                None if !kr_column => match goal.objective.text() {
                    Some(o) => (Field::Objective, o, goal.objective.cell),
                    None => continue,
                },
                None => continue,
            };
            let Some(word) = activity.find(text) else {
                continue;
            };
            let message = ctx.msg(
                format!("\"{text}\" is an activity (\"{word}\") with no metric: what result should it bring?"),
                format!("“{text}”是一项行动（“{word}”），没有衡量指标：它要带来什么结果？"),
            );
            out.push(ctx.goal_finding(&INFO, goal, field, cell, message));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::test_support::*;

    #[test]
    fn activity_without_metric_fires_with_metric_or_outcome_does_not() {
        let mut plan = wide_plan();
        plan.goals = vec![
            goal(&plan, 2)
                .text(Field::KeyResult, "上线新版官网")
                .build(),
            goal(&plan, 3)
                .text(Field::KeyResult, "上线新版官网，官网线索达到 800 条")
                .text(Field::Metric, "官网线索数")
                .build(),
            // "brand building" is not the activity "build"
            goal(&plan, 4)
                .text(Field::KeyResult, "Brand building in Q3")
                .build(),
            goal(&plan, 5)
                .text(Field::KeyResult, "Launch the partner program")
                .build(),
            // an objective is not a key result when the sheet has a key result column
            goal(&plan, 6)
                .text(Field::Objective, "举办年度用户大会")
                .build(),
        ];
        let f = run(&ActivityNotOutcome, &plan);
        assert_eq!(hits(&f, "S005"), vec!["E2", "E5"]);
        assert!(f[1].message.contains("\"launch\""), "{}", f[1].message);
    }

    #[test]
    fn objective_checked_when_there_is_no_key_result_column() {
        let mut plan = plan_with(&[Field::Id, Field::Objective, Field::Metric]);
        plan.goals = vec![
            goal(&plan, 2)
                .text(Field::Objective, "举办年度用户大会")
                .build(),
            goal(&plan, 3)
                .text(Field::Objective, "年度用户大会到场 2,000 人")
                .build(),
        ];
        assert_eq!(hits(&run(&ActivityNotOutcome, &plan), "S005"), vec!["B2"]);
    }
}
