//! S006 several-owners: one goal's owner cell names several people.

use crate::model::{Field, OwnerNames};
use crate::rules::text::present;
use crate::rules::{Context, Finding, Letter, Rule, RuleInfo, Severity};

/// An owner cell naming two or more people (`罗敏、韩冬`, `Ann / Bo`): the goal has owners, but
/// SMART wants one accountable owner. An info on the owner cell.
pub struct SeveralOwners;

static INFO: RuleInfo = RuleInfo {
    id: "S006",
    name: "several-owners",
    letter: Letter::S,
    severity: Severity::Info,
    title_en: "Goal names several owners",
    title_zh: "目标有多个负责人",
    hint_en: "Name one person who is accountable for the goal; list the others as contributors (in the notes or the action plan).",
    hint_zh: "指定一位对目标负总责的负责人，其他人作为协作者写在备注或行动计划中。",
    doc: "## What it checks\n\
The owner cell (Owner / 负责人) names two or more people: separated by `、` `,` `，` `;` `/` \
`&` `+` or a line break, joined by `and` / `和` / `与` / `及`, or Chinese names side by side \
with a space (`张三 李四`). A name written in two scripts (`Kevin Zhang 张凯`), pinyin \
written surname first (`Zhang, Wei`), and an abbreviation (`R&D`, `P&G`) are one owner; a \
not-yet-set marker (`N/A`, `待定`) is no owner (S001).\n\n\
The goal still has an owner (no S001), is counted once in every rollup under the cell as \
written (the owner row `罗敏、韩冬`), and counts for each person named in the workload rule \
(A004).\n\n\
## Why it matters\n\
A goal owned by everyone is owned by no one: when it slips, each owner waits for the other. \
SMART asks for one accountable owner, with helpers named in the action plan.\n\n\
## Example\n\
Bad: `KR1 | 销售额 | 2,400 | 罗敏、韩冬`.\n\
Fixed: `KR1 | 销售额 | 2,400 | 罗敏`, and 韩冬 as the owner of the actions she drives.\n",
    doc_zh: "## 检查内容\n\
负责人单元格（Owner / 负责人）写了两个或更多人：用 `、` `,` `，` `;` `/` `&` `+` 或换行分隔，用 `and` / `和` / `与` / `及` 连接，或中文姓名之间以空格并列（`张三 李四`）。用两种文字书写的同一个名字（`Kevin Zhang 张凯`）、姓在前的拼音（`Zhang, Wei`）和缩写（`R&D`、`P&G`）都算一个负责人；待定标记（`N/A`、`待定`）算没有负责人（S001）。\n\n\
这样的目标仍算有负责人（不报 S001），在每个汇总中按单元格原文计为一次（负责人行 `罗敏、韩冬`），在负责人工作量规则（A004）中为每个被点名的人各计一次。\n\n\
## 为什么重要\n\
人人负责等于无人负责：目标延误时，每个负责人都在等别人。SMART 要求一位负总责的负责人，协作者写在执行计划中。\n\n\
## 示例\n\
错误：`KR1 | 销售额 | 2,400 | 罗敏、韩冬`。\n\
修正：`KR1 | 销售额 | 2,400 | 罗敏`，韩冬作为她所推动的行动的负责人。\n",
};

impl Rule for SeveralOwners {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn check(&self, ctx: &Context, out: &mut Vec<Finding>) {
        let mut owner_names = OwnerNames::default();
        for goal in &ctx.plan.goals {
            let Some(owner) = present(&goal.owner) else {
                continue;
            };
            let names = owner_names.of(owner);
            if names.len() < 2 {
                continue;
            }
            let label = goal.label();
            let (n, en, zh) = (names.len(), names.join(", "), names.join("、"));
            let message = ctx.msg(
                format!("goal {label} names {n} owners ({en}); one person should be accountable"),
                format!("目标 {label} 有 {n} 位负责人（{zh}），应由一人负总责"),
            );
            out.push(ctx.goal_finding(&INFO, goal, Field::Owner, goal.owner.cell, message));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Lang;
    use crate::rules::test_support::*;

    #[test]
    fn owner_cells_naming_several_people_get_an_info_on_the_owner_cell() {
        let mut plan = wide_plan();
        let owners = [
            "罗敏、韩冬",
            "罗敏/潘悦",
            "Ann / Bo",
            "张三，李四",
            "张三 李四",
            "Ann & Bo",
            "Ann and Bo",
        ];
        plan.goals = owners
            .iter()
            .enumerate()
            .map(|(i, o)| {
                goal(&plan, i as u32 + 2)
                    .text(Field::Id, &format!("KR{i}"))
                    .text(Field::Owner, o)
                    .build()
            })
            .collect();
        let f = run(&SeveralOwners, &plan);
        assert_eq!(
            hits(&f, "S006"),
            vec!["N2", "N3", "N4", "N5", "N6", "N7", "N8"]
        );
        assert!(f.iter().all(|f| f.severity == Severity::Info));
        assert_eq!(
            f[2].message,
            "goal KR2 names 2 owners (Ann, Bo); one person should be accountable"
        );
        let zh = run_with(&SeveralOwners, &plan, &crate::Config::default(), Lang::Zh);
        assert_eq!(
            zh[0].message,
            "目标 KR0 有 2 位负责人（罗敏、韩冬），应由一人负总责"
        );
        assert!(zh[0].hint.contains("负总责"));
    }

    #[test]
    fn one_person_however_written_is_not_several() {
        let mut plan = wide_plan();
        let owners = [
            "李娜\u{200B}",
            "Kevin Zhang 张凯",
            "张　三",
            "Zhang, Wei",
            "R&D",
            "N/A",
            "王和平",
            "",
        ];
        plan.goals = owners
            .iter()
            .enumerate()
            .map(|(i, o)| goal(&plan, i as u32 + 2).text(Field::Owner, o).build())
            .collect();
        assert!(run(&SeveralOwners, &plan).is_empty());
    }
}
