//! R001 parent-unknown: a parent id that names no goal.

use std::collections::HashMap;

use crate::model::{Field, Key};
use crate::rules::{Context, Finding, Letter, Rule, RuleInfo, Severity};

pub struct ParentUnknown;

static INFO: RuleInfo = RuleInfo {
    id: "R001",
    name: "parent-unknown",
    letter: Letter::R,
    severity: Severity::Error,
    title_en: "Parent id matches no goal",
    title_zh: "上级目标编号不存在",
    hint_en: "Use the id of an existing goal as the parent, or clear the parent cell for a top-level goal.",
    hint_zh: "上级目标应填写已有目标的编号；顶层目标请留空。",
    doc: "## What it checks\n\
A goal's parent cell names an id that no goal in the sheet has. Ids are compared as keys \
(Unicode NFKC, invisible characters such as zero-width spaces removed, spaces trimmed and \
collapsed, so `KR1` + U+200B and `ＫＲ１` are `KR1`); when an id differs only in case or \
spacing the message names it.\n\n\
## Why it matters\n\
A goal that points at a missing parent drops out of the hierarchy: its targets are not \
compared with the parent's, and rollups along the tree miss it.\n\n\
## Example\n\
Bad: `KR1.1 | parent: O9 | …` where there is no goal `O9`.\n\
Fixed: `KR1.1 | parent: O1 | …`.\n",
    doc_zh: "## 检查内容\n\
目标的上级目标单元格填写的编号在表中没有对应的目标。编号精确比较（去掉首尾空格后）；若只差大小写或空格，提示中会指出相近的编号。\n\n\
## 为什么重要\n\
指向不存在的上级的目标会脱离目标层级：它的目标值不会与上级比较，沿层级的汇总也会漏掉它。\n\n\
## 示例\n\
错误：`KR1.1 | 上级：O9 | …`，而表中没有目标 `O9`。\n\
修正：`KR1.1 | 上级：O1 | …`。\n",
};

impl Rule for ParentUnknown {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn check(&self, ctx: &Context, out: &mut Vec<Finding>) {
        // Near misses (case, spacing) are looked up in one map built on demand: loose key →
        // the first goal whose id shows that key.
        let mut loose: Option<HashMap<Key, usize, foldhash::fast::RandomState>> = None;
        for (i, goal) in ctx.plan.goals.iter().enumerate() {
            // A parent the tree resolved is known (or, for a key result listed under its
            // objective, blank), and so is one that names a goal (itself: R002's): no key to
            // build.
            if ctx.tree.parent.get(i).is_some_and(Option::is_some)
                || ctx.tree.named_parent.get(i).is_some_and(Option::is_some)
            {
                continue;
            }
            let Some(key) = goal.parent.key() else {
                continue;
            };
            if ctx.tree.by_id.contains_key(&key) {
                continue;
            }
            // Only an unknown parent is shown (a key is never built from invisible text alone).
            let Some(parent) = goal.parent.shown() else {
                continue;
            };
            let loose = loose.get_or_insert_with(|| {
                let mut m = HashMap::with_hasher(Default::default());
                for (at, (g, k)) in ctx.plan.goals.iter().zip(&ctx.tree.id_keys).enumerate() {
                    if let Some(k) = k
                        && g.id
                            .value
                            .as_deref()
                            .is_some_and(crate::model::shows_anything)
                    {
                        m.entry(k.loose()).or_insert(at);
                    }
                }
                m
            });
            let near = loose
                .get(&key.loose())
                .and_then(|&at| ctx.plan.goals.get(at))
                .and_then(|g| g.id.shown());
            let label = goal.label();
            let message = match near {
                Some(near) => ctx.msg(
                    format!("goal {label}: parent \"{parent}\" matches no goal id (did you mean \"{near}\"?)"),
                    format!("目标 {label} 的上级目标“{parent}”不存在（是否应为“{near}”？）"),
                ),
                None => ctx.msg(
                    format!("goal {label}: parent \"{parent}\" matches no goal id"),
                    format!("目标 {label} 的上级目标“{parent}”不存在"),
                ),
            };
            out.push(ctx.goal_finding(&INFO, goal, Field::Parent, goal.parent.cell, message));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Lang;
    use crate::rules::testkit::*;

    #[test]
    fn unknown_parent_fires_on_the_parent_cell() {
        let p = plan(vec![
            G::new(1, "O1").build(),
            G::new(2, "KR1").parent("O9").build(),
            G::new(3, "KR2").parent("O1").build(),
            G::new(4, "KR3").parent("o1 ").build(),
        ]);
        let f = run(&ParentUnknown, &p);
        assert_eq!(
            hits(&f),
            vec![("R001", "Goals!B3".into()), ("R001", "Goals!B5".into())]
        );
        assert!(f[0].message.contains("\"O9\""), "{}", f[0].message);
        assert!(
            f[1].message.contains("did you mean \"O1\""),
            "{}",
            f[1].message
        );
        assert_eq!(f[0].goal.as_deref(), Some("KR1"));
        let zh = run_in(&ParentUnknown, &p, Lang::Zh);
        assert!(zh[0].message.contains("O9") && zh[0].message.contains("不存在"));
    }

    #[test]
    fn known_or_blank_parent_is_fine() {
        let p = plan(vec![
            G::new(1, "O1").build(),
            G::new(2, "KR1").parent(" O1 ").build(),
            G::new(3, "KR2").parent("").build(),
        ]);
        assert!(run(&ParentUnknown, &p).is_empty());
        assert_info(&ParentUnknown);
    }
}
