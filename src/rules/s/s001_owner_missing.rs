//! S001 owner-missing: every goal needs an owner (责任人).

use crate::model::Field;
use crate::rules::text::marker_of;
use crate::rules::{Context, Finding, Letter, Rule, RuleInfo, Severity};

/// A goal without an owner.
pub struct OwnerMissing;

static INFO: RuleInfo = RuleInfo {
    id: "S001",
    name: "owner-missing",
    letter: Letter::S,
    severity: Severity::Error,
    title_en: "Goal has no owner",
    title_zh: "目标没有负责人",
    hint_en: "Name one person who is accountable for the goal in the owner column.",
    hint_zh: "在负责人列填写对该目标负责的一个人。",
    doc: "## What it checks\n\
The goal's owner cell (Owner / 负责人 / 责任人) is blank, holds a not-yet-set marker \
(待定, TBD), or the sheet has no owner column at all.\n\n\
## Why it matters\n\
A goal nobody owns is a goal nobody drives. Decomposition (company → quarter → channel → \
person) ends with a named owner at every level; rollups by owner also need it.\n\n\
## Example\n\
Bad: `KR1.2 | 线上销售额 | 1,200 | (blank owner)`\n\n\
Fixed: `KR1.2 | 线上销售额 | 1,200 | 张三`\n",
    doc_zh: "## 检查内容\n\
目标的负责人单元格（Owner / 负责人 / 责任人）为空、填的是待定标记（待定、TBD），或该表根本没有负责人列。\n\n\
## 为什么重要\n\
没人负责的目标就没人推动。目标分解（公司 → 季度 → 渠道 → 个人）的每一层都要落到一个具体的负责人；按负责人汇总也需要它。\n\n\
## 示例\n\
错误：`KR1.2 | 线上销售额 | 1,200 |（负责人为空）`\n\n\
修正：`KR1.2 | 线上销售额 | 1,200 | 张三`\n",
};

impl Rule for OwnerMissing {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn check(&self, ctx: &Context, out: &mut Vec<Finding>) {
        for goal in &ctx.plan.goals {
            if goal.owner.has_key() && marker_of(&goal.owner).is_none() {
                continue;
            }
            if goal.owner.issue() == Some(&crate::model::ValueIssue::FormulaNotComputed) {
                continue; // D005
            }
            let label = goal.label();
            let message = match marker_of(&goal.owner) {
                Some(m) => ctx.msg(
                    format!("goal {label} has no owner yet (owner is \"{m}\")"),
                    format!("目标 {label} 的负责人尚未确定（填的是“{m}”）"),
                ),
                None => ctx.msg(
                    format!("goal {label} has no owner"),
                    format!("目标 {label} 没有负责人"),
                ),
            };
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
    fn blank_or_marker_owner_fires_named_owner_does_not() {
        let mut plan = wide_plan();
        plan.goals = vec![
            goal(&plan, 2).text(Field::Id, "KR1").build(),
            goal(&plan, 3)
                .text(Field::Id, "KR2")
                .text(Field::Owner, "张三")
                .build(),
            goal(&plan, 4)
                .text(Field::Id, "KR3")
                .marker(Field::Owner, "待定")
                .build(),
            // the reader keeps text cells as written: "TBD" is still no owner
            goal(&plan, 5)
                .text(Field::Id, "KR4")
                .text(Field::Owner, "TBD")
                .build(),
            // pasted invisible characters are no owner either, nor do they hide a marker
            goal(&plan, 6)
                .text(Field::Id, "KR5")
                .text(Field::Owner, "\u{200B}\u{FEFF}\u{3000}")
                .build(),
            goal(&plan, 7)
                .text(Field::Id, "KR6")
                .text(Field::Owner, "TBD\u{200B}")
                .build(),
            // several people are an owner (S006 notes the sharing)
            goal(&plan, 8)
                .text(Field::Id, "KR7")
                .text(Field::Owner, "罗敏、韩冬")
                .build(),
            goal(&plan, 9)
                .text(Field::Id, "KR8")
                .text(Field::Owner, "Ann / Bo")
                .build(),
        ];
        let f = run(&OwnerMissing, &plan);
        assert_eq!(hits(&f, "S001"), vec!["N2", "N4", "N5", "N6", "N7"]);
        assert!(f[1].message.contains("待定"), "{}", f[1].message);
        let zh = run_with(&OwnerMissing, &plan, &crate::Config::default(), Lang::Zh);
        assert_eq!(zh[0].message, "目标 KR1 没有负责人");
    }

    #[test]
    fn no_owner_column_still_one_finding_per_goal_on_the_id_cell() {
        let mut plan = plan_with(&[Field::Id, Field::KeyResult]);
        plan.goals = vec![goal(&plan, 2).text(Field::Id, "G1").build()];
        assert_eq!(hits(&run(&OwnerMissing, &plan), "S001"), vec!["A2"]);
    }
}
