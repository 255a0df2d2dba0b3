//! R003 parent-missing: a goal that clearly sits below the top level but has no parent.

use crate::model::{Field, Goal, Hierarchy, Key, Plan};
use crate::rules::{Context, Finding, Letter, Rule, RuleInfo, Severity};

pub struct ParentMissing;

static INFO: RuleInfo = RuleInfo {
    id: "R003",
    name: "parent-missing",
    letter: Letter::R,
    severity: Severity::Error,
    title_en: "Goal below the top level has no parent",
    title_zh: "下级目标未填写上级目标",
    hint_en: "Fill in the parent id of the goal this one contributes to.",
    hint_zh: "填写该目标所支撑的上级目标编号。",
    doc: "## What it checks\n\
In a sheet with a parent column, a goal whose parent cell is blank although it is clearly \
not a top-level goal: its id extends an existing id (`KR1.1` beside `KR1`, `O2-3` beside \
`O2`, `KR2.1` beside `O2`), or it is a key-result row listed under an objective (the \
objective carried down from the row above) while other rows do fill in their parents.\n\n\
## Why it matters\n\
Without the link the goal is counted as a separate top-level goal: the parent's \
decomposition looks short, and rollups along the tree miss it.\n\n\
## Example\n\
Bad: `KR1.1 | parent: (blank)` with a goal `KR1` in the sheet.\n\
Fixed: `KR1.1 | parent: KR1`.\n",
    doc_zh: "## 检查内容\n\
表中有上级目标列，而某个目标的上级单元格为空，但它显然不是顶层目标：它的编号是在已有编号上延伸出来的（`KR1` 旁的 `KR1.1`、`O2` 旁的 `O2-3`、`O2` 旁的 `KR2.1`），或者它是列在目标之下的关键结果行（目标从上一行延续下来），而其他行都填写了上级。\n\n\
## 为什么重要\n\
缺少链接，该目标会被当成独立的顶层目标：上级的分解看起来不足，沿层级的汇总也会漏掉它。\n\n\
## 示例\n\
错误：`KR1.1 | 上级：（空）`，表中有目标 `KR1`。\n\
修正：`KR1.1 | 上级：KR1`。\n",
};

/// The existing goal an id like `KR1.1`, `O2-3` or `KR2.1` (under `O2`) extends, if any: its
/// id as written. Ids are compared as [`crate::model::Key`]s.
pub fn implied_parent(id: &str, plan: &Plan, tree: &Hierarchy) -> Option<String> {
    let id = Key::new(id);
    let id = id.as_str();
    let cut = id.rfind(['.', '-', '_'])?;
    let prefix = id[..cut].trim();
    if prefix.is_empty() {
        return None;
    }
    let mut candidates = vec![prefix.to_string()];
    // Key results numbered after their objective: KR2.1 → O2.
    for kr in ["KR", "kr", "Kr"] {
        if let Some(rest) = prefix.strip_prefix(kr)
            && !rest.is_empty()
        {
            candidates.push(format!("O{rest}"));
            candidates.push(format!("o{rest}"));
        }
    }
    candidates.into_iter().find_map(|c| {
        let key = Key::new(&c);
        if key.as_str() == id {
            return None;
        }
        let goal = plan.goals.get(*tree.by_id.get(&key)?)?;
        goal.id.shown()
    })
}

/// A key-result row: key-result text and no objective of its own (blank, or carried down
/// from the objective row above).
fn is_key_result_row(goal: &Goal) -> bool {
    goal.key_result.text().is_some()
        && (goal.objective_inherited || goal.objective.text().is_none())
}

/// An id numbered as a key result: `KR` and a digit (`KR3`, `kr9.1`).
fn is_key_result_id(id: &str) -> bool {
    let mut chars = id.chars();
    matches!(
        (chars.next(), chars.next(), chars.next()),
        (Some('K' | 'k'), Some('R' | 'r'), Some(d)) if d.is_ascii_digit()
    )
}

impl Rule for ParentMissing {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn check(&self, ctx: &Context, out: &mut Vec<Finding>) {
        if !ctx.plan.has_column(Field::Parent) {
            return;
        }
        let others_have_parents = ctx.plan.goals.iter().any(|g| g.parent.has_key());
        for goal in &ctx.plan.goals {
            if goal.parent.has_key() {
                continue;
            }
            // The label (a copy of the id) only for a goal that gets a finding.
            let label = || goal.label();
            let message = if let Some(p) = goal
                .id_text()
                .and_then(|id| implied_parent(id, ctx.plan, &ctx.tree))
            {
                ctx.msg(
                    format!(
                        "goal {} has no parent, but its id places it under {p}",
                        label()
                    ),
                    format!("目标 {} 未填写上级目标，但其编号表明它属于 {p}", label()),
                )
            } else if others_have_parents
                && let (true, Some(objective)) = (goal.objective_inherited, goal.objective.text())
                && goal.key_result.text().is_some()
            {
                ctx.msg(
                    format!(
                        "goal {} is a key result listed under objective \"{objective}\" but has no parent id, while other rows have one", label()
                    ),
                    format!("目标 {} 是目标“{objective}”下的关键结果，但未填写上级目标（其他行已填写）", label()),
                )
            } else if others_have_parents
                && (is_key_result_row(goal)
                    || goal.id.key().is_some_and(|k| is_key_result_id(k.as_str())))
            {
                ctx.msg(
                    format!(
                        "goal {} is a key result but has no parent id, while other rows have one",
                        label()
                    ),
                    format!(
                        "目标 {} 是关键结果，但未填写上级目标（其他行已填写）",
                        label()
                    ),
                )
            } else {
                continue;
            };
            out.push(ctx.goal_finding(&INFO, goal, Field::Parent, goal.parent.cell, message));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testkit::*;

    #[test]
    fn dotted_ids_and_key_result_rows_need_a_parent() {
        let p = plan(vec![
            G::new(1, "O1").objective("Grow revenue").build(),
            G::new(2, "KR1").parent("O1").build(),
            G::new(3, "KR1.1").build(),
            G::new(4, "O2").build(),
            G::new(5, "KR2.1").build(),
            G::new(6, "X7")
                .objective("Grow revenue")
                .key_result("Revenue 1,000")
                .with(|g| g.objective_inherited = true)
                .build(),
            G::new(7, "KR9.1").key_result("Leads 500").build(),
            G::new(8, "X8").key_result("Orders 300").build(),
            G::new(9, "KR10").build(),
        ]);
        let f = run(&ParentMissing, &p);
        assert_eq!(
            hits(&f),
            vec![
                ("R003", "Goals!B4".into()),
                ("R003", "Goals!B6".into()),
                ("R003", "Goals!B7".into()),
                ("R003", "Goals!B8".into()),
                ("R003", "Goals!B9".into()),
                ("R003", "Goals!B10".into()),
            ]
        );
        assert!(f[0].message.contains("under KR1"), "{}", f[0].message);
        assert!(f[1].message.contains("under O2"), "{}", f[1].message);
        assert!(f[2].message.contains("Grow revenue"), "{}", f[2].message);
        assert!(
            f[3].message.contains("KR9.1 is a key result"),
            "{}",
            f[3].message
        );
    }

    #[test]
    fn top_level_goals_and_sheets_without_a_parent_column_are_fine() {
        let goals = vec![
            G::new(1, "O1").build(),
            G::new(2, "O2").build(),
            G::new(3, "2026-01").build(),
            G::new(4, "KR9.1").build(),
            G::new(5, "K1")
                .key_result("Leads 500")
                .with(|g| g.objective_inherited = true)
                .build(),
        ];
        let p = plan(goals.clone());
        // No row has a parent: an inherited key-result row is not flagged on that alone.
        assert!(run(&ParentMissing, &p).is_empty());
        // Objectives (their own objective text) stay top-level beside rows with parents.
        let p = plan(vec![
            G::new(1, "O1").objective("Grow revenue").build(),
            G::new(2, "O2")
                .objective("Build the brand")
                .key_result("Awareness 35%")
                .build(),
            G::new(3, "G3")
                .parent("O1")
                .key_result("Revenue 1,000")
                .build(),
        ]);
        assert!(run(&ParentMissing, &p).is_empty());
        let mut p = plan(vec![G::new(1, "O1").build(), G::new(2, "O1.1").build()]);
        p.columns.shift_remove(&Field::Parent);
        assert!(run(&ParentMissing, &p).is_empty());
        assert_info(&ParentMissing);
    }
}
