//! S004 bundled-goals: one statement carrying several goals.

use crate::rules::s::s003_vague_wording::statement_field;
use crate::rules::text::WordList;
use crate::rules::{Context, Finding, Letter, Rule, RuleInfo, Severity};

/// A statement that joins two or more goals with 和 / 并且 / and ….
pub struct BundledGoals;

static INFO: RuleInfo = RuleInfo {
    id: "S004",
    name: "bundled-goals",
    letter: Letter::S,
    severity: Severity::Warning,
    title_en: "Statement bundles several goals",
    title_zh: "一条目标包含多个目标",
    hint_en: "Split the statement into one goal per row, each with its own metric, target and owner.",
    hint_zh: "把这条拆成多行，每行一个目标，各有自己的指标、目标值和负责人。",
    doc: "## What it checks\n\
The key result (or objective) is cut at the joining words of `lexicon.bundle` (和 并且 同时 \
以及 and ; +). It fires only when at least two of the parts each carry a goal of their own: \
a goal verb (a word of `lexicon.vague` or `lexicon.activity`, or a verb such as 扩大 降低 \
达到 reach reduce) or a number. \"销售额和利润\" \
alone does not fire; \"提升销售额并且提高品牌知名度\" does.\n\n\
## Why it matters\n\
Two goals in one row share one metric, one target and one owner, so at least one of them \
cannot be measured or tracked, and rollups count them as one.\n\n\
## Example\n\
Bad: `KR1 | 线上销售额达到 1,200 万并且新增会员 5 万`\n\n\
Fixed: `KR1 | 线上销售额达到 1,200 万` and `KR2 | 新增会员 5 万` on two rows.\n",
    doc_zh: "## 检查内容\n\
在 `lexicon.bundle` 的连接词（和 并且 同时 以及 and ; +）处切分关键结果（或目标）。只有至少两个部分各自带有一个目标时才报：一个目标动词（`lexicon.vague` 或 `lexicon.activity` 中的词，或扩大、降低、达到、reach、reduce 等动词）或一个数字。单独的“销售额和利润”不报；“提升销售额并且提高品牌知名度”会报。\n\n\
## 为什么重要\n\
一行里的两个目标共用一个指标、一个目标值和一个负责人，所以至少有一个无法衡量或跟踪，汇总也会把它们算作一个。\n\n\
## 示例\n\
错误：`KR1 | 线上销售额达到 1,200 万并且新增会员 5 万`\n\n\
修正：分成两行：`KR1 | 线上销售额达到 1,200 万` 和 `KR2 | 新增会员 5 万`。\n",
};

/// Verbs that set a goal, besides the vague and activity lexicons.
const GOAL_VERBS: [&str; 38] = [
    "扩大", "降低", "减少", "增加", "达到", "实现", "突破", "拓展", "建立", "新增", "获取", "获得",
    "保持", "控制", "缩短", "覆盖", "翻倍", "超过", "reach", "achieve", "reduce", "cut", "lower",
    "raise", "expand", "gain", "acquire", "hit", "keep", "double", "triple", "exceed", "win",
    "lift", "drive", "generate", "attain", "decrease",
];

/// Whether a clause carries a goal of its own: a goal verb, or a number that is not part of a
/// name like `Q1`.
fn carries_goal(clause: &str, verbs: &[WordList]) -> bool {
    let mut prev: Option<char> = None;
    for c in clause.chars() {
        let digit = c.is_ascii_digit() || ('０'..='９').contains(&c);
        if digit && !prev.is_some_and(|p| p.is_ascii_alphabetic()) {
            return true;
        }
        prev = Some(c);
    }
    // clauses come lower-cased from the split
    verbs.iter().any(|list| list.find_lower(clause).is_some())
}

impl Rule for BundledGoals {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn check(&self, ctx: &Context, out: &mut Vec<Finding>) {
        let lex = &ctx.config.lexicon;
        let verbs = [
            WordList::new(&lex.vague),
            WordList::new(&lex.activity),
            WordList::new(&GOAL_VERBS),
        ];
        let bundle = WordList::new(&lex.bundle);
        for goal in &ctx.plan.goals {
            let Some((field, statement)) = statement_field(goal) else {
                continue;
            };
            let Some(joiner) = bundle.find(statement) else {
                continue;
            };
            let goals = bundle
                .split(statement)
                .iter()
                .filter(|c| carries_goal(c, &verbs))
                .count();
            if goals < 2 {
                continue;
            }
            let message = ctx.msg(
                format!("\"{statement}\" bundles {goals} goals joined by \"{joiner}\""),
                format!("“{statement}”用“{joiner}”把 {goals} 个目标写在了一起"),
            );
            let cell = match field {
                crate::model::Field::KeyResult => goal.key_result.cell,
                _ => goal.objective.cell,
            };
            out.push(ctx.goal_finding(&INFO, goal, field, cell, message));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Field;
    use crate::rules::test_support::*;

    #[test]
    fn two_goal_clauses_fire_a_list_of_nouns_does_not() {
        let mut plan = wide_plan();
        let rows = [
            (2, "提升销售额并且扩大品牌影响"),       // fires: two verbs
            (3, "提升销售额和利润"),                 // one verb only
            (4, "Reach 2M revenue and 5,000 leads"), // fires: two numbers
            (5, "Grow Q1 and Q2 revenue"),           // Q1/Q2 are names, one verb
            (6, "销售额和利润"),                     // nouns only
            (7, "线上销售额达到1200万"),             // no joining word
        ];
        plan.goals = rows
            .iter()
            .map(|&(r, s)| goal(&plan, r).text(Field::KeyResult, s).build())
            .collect();
        let f = run(&BundledGoals, &plan);
        assert_eq!(hits(&f, "S004"), vec!["E2", "E4"]);
        assert!(f[0].message.contains("\"并且\""), "{}", f[0].message);
        assert!(f[1].message.contains("\"and\""), "{}", f[1].message);
    }
}
