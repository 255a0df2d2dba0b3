//! S003 vague-wording: 提升 / improve / more … in the goal statement.

use crate::model::{Field, Goal};
use crate::rules::text::{WordList, present, states_a_quantity};
use crate::rules::{Context, Finding, Letter, Rule, RuleInfo, Severity};

/// Vague wording in the statement: a warning when the row has no metric or no numeric target,
/// an info when its columns already make it specific.
pub struct VagueWording;

static INFO: RuleInfo = RuleInfo {
    id: "S003",
    name: "vague-wording",
    letter: Letter::S,
    severity: Severity::Warning,
    title_en: "Statement uses vague wording",
    title_zh: "目标表述含糊",
    hint_en: "Say what changes and by how much: name the metric and the number \
(\"raise online revenue to 1,200万\" instead of \"improve sales\").",
    hint_zh: "写明改变什么、改变多少：给出指标和数值（如“线上销售额达到 1,200 万”，而不是“提升销售”）。",
    doc: "## What it checks\n\
The key result (or, without one, the objective) contains a word from `lexicon.vague` \
(提升 提高 加强 优化 大幅 进一步 improve increase boost enhance better more …). English words \
match whole words only (`more` does not match `moreover`). A statement that carries its own \
number (`复购率提升至35%`, `grow revenue to $1.2M`; years and period labels such as `2026年` or \
`Q3` do not count) already says how much, and is not flagged.\n\n\
It is a **warning** when the row has no metric or no numeric target, so the vague word is \
all there is. When the metric and target columns already make the goal specific, the \
finding is only an **info** (the wording could still be sharper). So is a qualitative \
objective with no metric or target of its own whose key results sit below it in the tree.\n\n\
## Why it matters\n\
\"提升品牌影响力\" cannot be checked at the end of the year. A SMART goal says what changes \
and by how much.\n\n\
## Example\n\
Bad: `提升线上销售 | (no metric) | (no target)`\n\n\
Fixed: `线上销售额达到 1,200 万 | 线上销售额 | 1,200`\n",
    doc_zh: "## 检查内容\n\
关键结果（没有关键结果时为目标）中含有 `lexicon.vague` 中的词（提升 提高 加强 优化 大幅 进一步 improve increase boost enhance better more……）。英文词只按整词匹配（`more` 不匹配 `moreover`）。表述本身带有数字的（`复购率提升至35%`、`grow revenue to $1.2M`；`2026年`、`Q3` 这样的年份和期间不算）已经说明了幅度，不报。\n\n\
当该行没有指标或没有数值目标、模糊的词就是全部内容时，报**警告**。当指标列和目标值列已经让目标具体时，只报**提示**（措辞仍可以更明确）。自身没有指标和目标值、下挂关键结果的定性目标也只报提示。\n\n\
## 为什么重要\n\
“提升品牌影响力”到年底无法检验。符合 SMART 的目标要说明什么发生变化、变化多少。\n\n\
## 示例\n\
错误：`提升线上销售 |（无指标）|（无目标值）`\n\n\
修正：`线上销售额达到 1,200 万 | 线上销售额 | 1,200`\n",
};

/// The statement's text field and text: the key result, else the objective.
pub(crate) fn statement_field(goal: &Goal) -> Option<(Field, &str)> {
    if let Some(kr) = goal.key_result.text() {
        return Some((Field::KeyResult, kr));
    }
    goal.objective.text().map(|o| (Field::Objective, o))
}

impl Rule for VagueWording {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn check(&self, ctx: &Context, out: &mut Vec<Finding>) {
        let vague = WordList::new(&ctx.config.lexicon.vague);
        for (i, goal) in ctx.plan.goals.iter().enumerate() {
            let Some((field, statement)) = statement_field(goal) else {
                continue;
            };
            let Some(word) = vague.find(statement) else {
                continue;
            };
            // `复购率提升至35%` already says how much: the vague verb is harmless there.
            if states_a_quantity(statement) {
                continue;
            }
            let has_metric = present(&goal.metric).is_some();
            let has_target = goal.annual_target().is_some();
            let (severity, message) = match (has_metric, has_target) {
                _ if crate::rules::m::measured_by_children(ctx, i) => {
                    let n = ctx.tree.children.get(i).map_or(0, Vec::len);
                    (
                        Severity::Info,
                        ctx.msg(
                            format!(
                                "\"{word}\" in \"{statement}\" is vague; its {n} key results below make it measurable"
                            ),
                            format!("“{statement}”中的“{word}”表述含糊；下面的 {n} 个关键结果使其可衡量"),
                        ),
                    )
                }
                (false, false) => (
                    Severity::Warning,
                    ctx.msg(
                        format!(
                            "vague word \"{word}\" in \"{statement}\", and the row has no metric and no numeric target"
                        ),
                        format!("“{statement}”中的“{word}”表述含糊，且该行没有指标和数值目标"),
                    ),
                ),
                (false, true) => (
                    Severity::Warning,
                    ctx.msg(
                        format!("vague word \"{word}\" in \"{statement}\", and the row has no metric"),
                        format!("“{statement}”中的“{word}”表述含糊，且该行没有指标"),
                    ),
                ),
                (true, false) => (
                    Severity::Warning,
                    ctx.msg(
                        format!(
                            "vague word \"{word}\" in \"{statement}\", and the row has no numeric target"
                        ),
                        format!("“{statement}”中的“{word}”表述含糊，且该行没有数值目标"),
                    ),
                ),
                (true, true) => (
                    Severity::Info,
                    ctx.msg(
                        format!(
                            "\"{word}\" in \"{statement}\" is vague; the metric and target columns make the goal specific, but the wording could say it too"
                        ),
                        format!("“{statement}”中的“{word}”表述含糊；指标和目标值已使目标具体，表述也可以写得更明确"),
                    ),
                ),
            };
            let cell = match field {
                Field::KeyResult => goal.key_result.cell,
                _ => goal.objective.cell,
            };
            let mut finding = ctx.goal_finding(&INFO, goal, field, cell, message);
            finding.severity = severity;
            out.push(finding);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::SeveritySetting;
    use crate::model::Lang;
    use crate::rules::test_support::*;

    #[test]
    fn warning_without_metric_or_target_info_when_specific() {
        let mut plan = wide_plan();
        plan.goals = vec![
            // vague, no metric, no target: warning
            goal(&plan, 2)
                .text(Field::Id, "KR1")
                .text(Field::KeyResult, "大幅提升线上销售")
                .build(),
            // vague but metric and target given: info
            goal(&plan, 3)
                .text(Field::Id, "KR2")
                .text(Field::KeyResult, "提升线上销售额")
                .text(Field::Metric, "线上销售额")
                .num(Field::Target, 1200.0)
                .build(),
            // look-alike: "moreover" is not "more", "growth" is not "grow"
            goal(&plan, 4)
                .text(Field::Id, "KR3")
                .text(Field::KeyResult, "Moreover, reach 20% revenue growth")
                .build(),
            // vague objective, no key result, metric but only quarterly targets: info
            goal(&plan, 5)
                .text(Field::Id, "O2")
                .text(Field::Objective, "Improve brand awareness")
                .text(Field::Metric, "awareness")
                .quarters([0.2, 0.25, 0.3, 0.35])
                .build(),
        ];
        let f = run(&VagueWording, &plan);
        assert_eq!(hits(&f, "S003"), vec!["E2", "E3", "D5"]);
        assert_eq!(f[0].severity, Severity::Warning);
        assert!(f[0].message.contains("\"大幅\""), "{}", f[0].message);
        assert_eq!(f[1].severity, Severity::Info);
        assert_eq!(f[2].severity, Severity::Info);
    }

    #[test]
    fn a_statement_that_carries_its_number_is_not_vague() {
        let mut plan = wide_plan();
        plan.goals = vec![
            goal(&plan, 2)
                .text(Field::KeyResult, "复购率提升至35%")
                .build(),
            goal(&plan, 3)
                .text(Field::KeyResult, "Boost Tmall revenue to $150k")
                .build(),
            goal(&plan, 4)
                .text(Field::KeyResult, "提升线上销售额至 1,200 万")
                .text(Field::Metric, "线上销售额")
                .num(Field::Target, 1200.0)
                .build(),
            // a year or a quarter is no quantity: still vague
            goal(&plan, 5)
                .text(Field::KeyResult, "2026年提升品牌影响力")
                .build(),
            goal(&plan, 6)
                .text(Field::KeyResult, "Improve Q3 conversion")
                .build(),
        ];
        let f = run(&VagueWording, &plan);
        assert_eq!(hits(&f, "S003"), vec!["E5", "E6"]);
    }

    #[test]
    fn metric_without_target_is_a_warning_naming_what_is_missing() {
        let mut plan = wide_plan();
        plan.goals = vec![
            goal(&plan, 2)
                .text(Field::KeyResult, "increase leads")
                .text(Field::Metric, "leads")
                .build(),
        ];
        let f = run_with(&VagueWording, &plan, &crate::Config::default(), Lang::Zh);
        assert_eq!(hits(&f, "S003"), vec!["E2"]);
        assert_eq!(f[0].severity, Severity::Warning);
        assert!(f[0].message.contains("没有数值目标"), "{}", f[0].message);
    }

    #[test]
    fn engine_keeps_the_info_severity_unless_configured() {
        let mut plan = wide_plan();
        plan.goals = vec![
            goal(&plan, 2)
                .text(Field::KeyResult, "提升线上销售额")
                .text(Field::Metric, "线上销售额")
                .num(Field::Target, 1200.0)
                .build(),
        ];
        let config = crate::Config::default();
        let found = crate::rules::check_plan(&plan, &config, Lang::En);
        let s003: Vec<_> = found.iter().filter(|f| f.rule == "S003").collect();
        assert_eq!(s003.len(), 1);
        assert_eq!(s003[0].severity, Severity::Info);
        let config = config_with(|c| {
            c.rules.insert("S003".into(), SeveritySetting::Error);
        });
        let found = crate::rules::check_plan(&plan, &config, Lang::En);
        let s003: Vec<_> = found.iter().filter(|f| f.rule == "S003").collect();
        assert_eq!(s003[0].severity, Severity::Error);
    }
}
