//! A004 owner-overloaded: one owner carrying too many goals.

use std::collections::HashMap;

use indexmap::IndexMap;

use crate::model::{Field, Key, owner_names};
use crate::rules::text::present;
use crate::rules::{Context, Finding, Letter, Rule, RuleInfo, Severity};

/// An owner with more than `achievable.max_goals_per_owner` goals: one finding per owner.
pub struct OwnerOverloaded;

static INFO: RuleInfo = RuleInfo {
    id: "A004",
    name: "owner-overloaded",
    letter: Letter::A,
    severity: Severity::Warning,
    title_en: "Owner carries too many goals",
    title_zh: "负责人承担的目标过多",
    hint_en: "Hand some goals to other owners, or merge goals that measure the same thing.",
    hint_zh: "把部分目标分给其他负责人，或合并衡量同一件事的目标。",
    doc: "## What it checks\n\
Counts the goals per person (names compared as keys ignoring case and spaces: Unicode NFKC, \
invisible characters such as zero-width spaces removed, so `张三`, `张三 ` and `张三` + U+200B \
are one person). A cell naming several people (`罗敏、韩冬`, `Ann / Bo`) counts the goal for \
each of them: every person named carries it. A person with more than \
`achievable.max_goals_per_owner` (default 8) goals gets one finding, on the owner cell of \
the first goal beyond the limit.\n\n\
## Why it matters\n\
Nobody drives a dozen goals at once; an overloaded owner means some goals are owned on \
paper only.\n\n\
## Example\n\
Bad: `张三` named as owner on 12 key results.\n\n\
Fixed: `张三` on 6, `李四` and `王五` on the rest.\n",
    doc_zh: "## 检查内容\n\
统计每位负责人的目标数（姓名去掉首尾空格、不区分大小写比较）。目标数超过 `achievable.max_goals_per_owner`（默认 8）的负责人只报一条，位于超出上限的第一个目标的负责人单元格。\n\n\
## 为什么重要\n\
没有人能同时推动十几个目标；负责人过载意味着有些目标只是名义上有人负责。\n\n\
## 示例\n\
错误：`张三` 是 12 个关键结果的负责人。\n\n\
修正：`张三` 负责 6 个，其余由 `李四` 和 `王五` 负责。\n",
};

impl Rule for OwnerOverloaded {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn check(&self, ctx: &Context, out: &mut Vec<Finding>) {
        let limit = ctx.config.achievable.max_goals_per_owner;
        // Per person: the first spelling and the goals they carry, in sheet order.
        let mut by_person: IndexMap<Key, (String, Vec<usize>)> = IndexMap::new();
        // A plan names a few dozen people: each distinct owner cell is split and keyed once,
        // into the places of its people in `by_person`.
        let mut people_of: HashMap<&str, Vec<usize>> = HashMap::new();
        for (i, goal) in ctx.plan.goals.iter().enumerate() {
            let Some(owner) = present(&goal.owner) else {
                continue;
            };
            let people = people_of.entry(owner).or_insert_with(|| {
                owner_names(owner)
                    .iter()
                    .map(|name| {
                        let entry = by_person.entry(Key::new(name).loose());
                        let place = entry.index();
                        entry.or_insert_with(|| (name.clone(), Vec::new()));
                        place
                    })
                    .collect()
            });
            for &place in people.iter() {
                if let Some((_, (_, goals))) = by_person.get_index_mut(place)
                    && goals.last() != Some(&i)
                {
                    goals.push(i);
                }
            }
        }
        for (owner, goals) in by_person.values() {
            if goals.len() <= limit {
                continue;
            }
            let Some(goal) = goals.get(limit).and_then(|&i| ctx.plan.goals.get(i)) else {
                continue;
            };
            let n = goals.len();
            let message = ctx.msg(
                format!("owner {owner} carries {n} goals (limit {limit})"),
                format!("负责人 {owner} 承担了 {n} 个目标（上限 {limit} 个）"),
            );
            out.push(ctx.goal_finding(&INFO, goal, Field::Owner, goal.owner.cell, message));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::test_support::*;

    #[test]
    fn one_finding_per_overloaded_owner_on_the_first_goal_beyond_the_limit() {
        let mut plan = wide_plan();
        let config = config_with(|c| c.achievable.max_goals_per_owner = 2);
        let owners = [
            "张三", "李四", "张三", "Ann", "张三 ", "张三", "李四", "ann", "ANN",
        ];
        plan.goals = owners
            .iter()
            .enumerate()
            .map(|(i, o)| goal(&plan, i as u32 + 2).text(Field::Owner, o).build())
            .collect();
        let f = run_with(&OwnerOverloaded, &plan, &config, crate::model::Lang::En);
        // 张三: rows 2, 4, 6, 7 → the third is row 6; Ann: rows 5, 9, 10 → row 10; 李四: 2 goals
        assert_eq!(hits(&f, "A004"), vec!["N6", "N10"]);
        assert_eq!(f[0].message, "owner 张三 carries 4 goals (limit 2)");
    }

    #[test]
    fn a_shared_goal_counts_for_each_person_named_and_invisible_marks_do_not_split() {
        let mut plan = wide_plan();
        let config = config_with(|c| c.achievable.max_goals_per_owner = 2);
        let owners = [
            "罗敏",
            "罗敏、韩冬",
            "罗敏\u{200B}",
            "韩冬",
            "Ann / Bo",
            "ann\u{00A0}",
        ];
        plan.goals = owners
            .iter()
            .enumerate()
            .map(|(i, o)| goal(&plan, i as u32 + 2).text(Field::Owner, o).build())
            .collect();
        let f = run_with(&OwnerOverloaded, &plan, &config, crate::model::Lang::Zh);
        // 罗敏: rows 2, 3, 4 → row 4; 韩冬: rows 3, 5 (2 goals); Ann: rows 6, 7 (2 goals).
        assert_eq!(hits(&f, "A004"), vec!["N4"]);
        assert_eq!(f[0].message, "负责人 罗敏 承担了 3 个目标（上限 2 个）");
        // Look-alike: other names that merely contain 罗敏 or Ann are other people.
        let lookalike = ["罗敏", "罗敏", "罗敏敏", "Ann", "ann", "Anna"];
        plan.goals = lookalike
            .iter()
            .enumerate()
            .map(|(i, o)| goal(&plan, i as u32 + 2).text(Field::Owner, o).build())
            .collect();
        assert!(run_with(&OwnerOverloaded, &plan, &config, crate::model::Lang::En).is_empty());
    }

    #[test]
    fn a_repeated_cell_counts_each_goal_once_per_person() {
        // The same owner cells again and again (each split once), one naming a person twice.
        let mut plan = wide_plan();
        let config = config_with(|c| c.achievable.max_goals_per_owner = 3);
        let owners = [
            "Ann / Bo",
            "Ann / Bo",
            "Ann、ann",
            "Bo",
            "Ann / Bo",
            "李四，王五",
            "李四，王五",
        ];
        plan.goals = owners
            .iter()
            .enumerate()
            .map(|(i, o)| goal(&plan, i as u32 + 2).text(Field::Owner, o).build())
            .collect();
        let f = run_with(&OwnerOverloaded, &plan, &config, crate::model::Lang::En);
        // Ann: rows 2, 3, 4, 6 → the fourth is row 6; Bo: rows 2, 3, 5, 6 → row 6 as well;
        // 李四 and 王五: 2 goals each.
        assert_eq!(hits(&f, "A004"), vec!["N6", "N6"]);
        assert_eq!(f[0].message, "owner Ann carries 4 goals (limit 3)");
        assert_eq!(f[1].message, "owner Bo carries 4 goals (limit 3)");
    }
}
