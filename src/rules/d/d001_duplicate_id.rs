//! D001 duplicate-id: an id used by more than one goal.

use crate::model::Field;
use crate::rules::{Context, Finding, Letter, Rule, RuleInfo, Severity};

pub struct DuplicateId;

static INFO: RuleInfo = RuleInfo {
    id: "D001",
    name: "duplicate-id",
    letter: Letter::D,
    severity: Severity::Error,
    title_en: "Goal id used more than once",
    title_zh: "目标编号重复",
    hint_en: "Give every goal its own id; renumber the repeat (and the parents and actions that point at it).",
    hint_zh: "每个目标使用唯一编号；为重复的目标重新编号（并同步修改引用它的上级目标和行动）。",
    doc: "## What it checks\n\
Two or more goals carry the same id (compared as keys: Unicode NFKC, invisible characters \
such as zero-width spaces removed, spaces trimmed and collapsed, so `KR2`, ` KR2` and \
`ＫＲ２` are one id). The first goal keeps \
it; every repeat gets a finding on its id cell naming the row of the first.\n\n\
## Why it matters\n\
Parents, actions and budget lines point at goals by id; with a repeated id they silently \
attach to the first goal, and the repeat loses its children, actions and budget.\n\n\
## Example\n\
Bad: rows 5 and 9 both have id `KR2`.\n\
Fixed: row 9 has id `KR3`.\n",
    doc_zh: "## 检查内容\n\
两个或更多目标使用同一个编号（去掉首尾空格后比较）。第一个目标保留该编号；之后每个重复的目标在其编号单元格报一条，并指出第一个目标所在的行。\n\n\
## 为什么重要\n\
上级目标、行动和预算行都通过编号指向目标；编号重复时，它们会悄悄挂到第一个目标上，重复的那个目标就失去了它的下级、行动和预算。\n\n\
## 示例\n\
错误：第 5 行和第 9 行的编号都是 `KR2`。\n\
修正：第 9 行的编号改为 `KR3`。\n",
};

impl Rule for DuplicateId {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn check(&self, ctx: &Context, out: &mut Vec<Finding>) {
        // The tree indexes each id's first goal.
        for (i, (goal, key)) in ctx.plan.goals.iter().zip(&ctx.tree.id_keys).enumerate() {
            let Some(key) = key else {
                continue;
            };
            let Some(&first) = ctx.tree.by_id.get(key) else {
                continue;
            };
            if first == i {
                continue;
            }
            let (Some(id), Some(row)) = (goal.id.shown(), ctx.plan.goals.get(first).map(|g| g.row))
            else {
                continue;
            };
            let n = row + 1;
            let message = ctx.msg(
                format!("id {id} is already used by the goal on row {n}"),
                format!("编号 {id} 与第 {n} 行的目标重复"),
            );
            out.push(ctx.goal_finding(&INFO, goal, Field::Id, goal.id.cell, message));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testkit::*;

    #[test]
    fn every_repeat_after_the_first_fires() {
        let p = plan(vec![
            G::new(4, "KR2").build(),
            G::new(5, "KR3").build(),
            G::new(8, " KR2").build(),
            G::new(9, "KR2").build(),
        ]);
        let f = run(&DuplicateId, &p);
        assert_eq!(
            hits(&f),
            vec![("D001", "Goals!A9".into()), ("D001", "Goals!A10".into())]
        );
        assert!(
            f[0].message
                .contains("KR2 is already used by the goal on row 5"),
            "{}",
            f[0].message
        );
    }

    #[test]
    fn distinct_or_blank_ids_are_fine() {
        let p = plan(vec![
            G::new(1, "KR1").build(),
            G::new(2, "kr1").build(),
            G::new(3, "").build(),
            G::new(4, "").build(),
        ]);
        assert!(run(&DuplicateId, &p).is_empty());
        assert_info(&DuplicateId);
    }
}
