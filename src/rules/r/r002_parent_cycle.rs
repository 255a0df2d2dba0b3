//! R002 parent-cycle: goals whose parent links loop back on themselves.

use crate::model::Field;
use crate::rules::{Context, Finding, Letter, Rule, RuleInfo, Severity, show};

pub struct ParentCycle;

static INFO: RuleInfo = RuleInfo {
    id: "R002",
    name: "parent-cycle",
    letter: Letter::R,
    severity: Severity::Error,
    title_en: "Goal is on a parent cycle",
    title_zh: "上级目标形成循环",
    hint_en: "Break the loop: one goal on the cycle must be the top (blank parent) or point to a goal outside it.",
    hint_zh: "打破循环：让循环中的某个目标成为顶层目标（上级留空），或指向循环外的目标。",
    doc: "## What it checks\n\
Following parent links from a goal (parent ids, and key results listed under an objective \
row) leads back to the goal itself (`A → B → A`, or a goal that names itself as its parent). Every goal on the loop gets one finding on its parent cell; goals \
that merely hang below a loop do not. The walk is iterative and linear, so a chain of any \
depth is checked.\n\n\
## Why it matters\n\
A loop has no top: the goals on it cannot be rolled up, and nobody owns the result they \
are supposed to add up to.\n\n\
## Example\n\
Bad: `O1 | parent: KR1` and `KR1 | parent: O1`.\n\
Fixed: `O1 | parent: (blank)` and `KR1 | parent: O1`.\n",
    doc_zh: "## 检查内容\n\
从某个目标沿上级链接（上级编号，以及列在目标行下方的关键结果）往上走，又回到了它自己（`A → B → A`，或目标把自己填为上级）。环上的每个目标在其上级单元格各报一条；只是挂在环下方的目标不报。遍历是迭代、线性的，任意深度的链都会检查。\n\n\
## 为什么重要\n\
环没有顶端：环上的目标无法汇总，它们应当合力达成的结果也没人负责。\n\n\
## 示例\n\
错误：`O1 | 上级：KR1` 且 `KR1 | 上级：O1`。\n\
修正：`O1 | 上级：（空）` 且 `KR1 | 上级：O1`。\n",
};

const UNSEEN: u8 = 0;
const ON_PATH: u8 = 1;
const DONE: u8 = 2;

/// For each goal, the length of the parent cycle it lies on (0 when on none; 1 for a goal that
/// is its own parent). Iterative: each goal is visited once, so the time is linear and the
/// stack does not grow with depth.
pub fn cycle_lengths(ctx: &Context) -> Vec<usize> {
    let goals = &ctx.plan.goals;
    // The tree's parent links (parent ids, and key results listed under an objective row),
    // plus the self-links the tree drops.
    let next: Vec<Option<usize>> = (0..goals.len())
        .map(|i| {
            let own = ctx.tree.named_parent.get(i).copied().flatten();
            if own == Some(i) {
                own
            } else {
                ctx.tree.parent[i]
            }
        })
        .collect();
    let mut state = vec![UNSEEN; goals.len()];
    let mut cyclic = vec![0; goals.len()];
    let mut members = Vec::new();
    let mut path = Vec::new();
    for startpoint in 0..goals.len() {
        if state[startpoint] != UNSEEN {
            continue;
        }
        path.clear();
        let mut at = Some(startpoint);
        while let Some(i) = at {
            match state[i] {
                UNSEEN => {
                    state[i] = ON_PATH;
                    path.push(i);
                    at = next[i];
                }
                ON_PATH => {
                    // Back on this walk's own path: i .. end of path is the loop.
                    members.clear();
                    let mut j = i;
                    loop {
                        members.push(j);
                        match next[j] {
                            Some(n) if n != i => j = n,
                            _ => break,
                        }
                    }
                    for &m in &members {
                        cyclic[m] = members.len();
                    }
                    break;
                }
                _ => break,
            }
        }
        for &i in &path {
            state[i] = DONE;
        }
    }
    cyclic
}

impl Rule for ParentCycle {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn check(&self, ctx: &Context, out: &mut Vec<Finding>) {
        let lengths = cycle_lengths(ctx);
        for (i, goal) in ctx.plan.goals.iter().enumerate() {
            let length = lengths[i];
            if length == 0 {
                continue;
            }
            // The loop as seen from this goal, cut after a few steps (linear overall).
            let mut steps = vec![goal.label()];
            let mut j = ctx.tree.parent[i];
            while let Some(n) = j {
                if n == i {
                    break;
                }
                if steps.len() == 6 {
                    steps.push("…".into());
                    break;
                }
                steps.push(ctx.plan.goals[n].label());
                j = ctx.tree.parent[n];
            }
            steps.push(goal.label());
            let chain = steps.join(" → ");
            let label = goal.label();
            let message = if length == 1 {
                ctx.msg(
                    format!("goal {label} names itself as its parent"),
                    format!("目标 {label} 的上级目标是它自己"),
                )
            } else {
                let n = show::num(length as f64);
                ctx.msg(
                    format!("goal {label} is on a parent cycle of {n} goals: {chain}"),
                    format!("目标 {label} 处于 {n} 个目标组成的上级循环中：{chain}"),
                )
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
    fn every_goal_on_a_loop_fires_and_its_tail_does_not() {
        let p = plan(vec![
            G::new(1, "A").parent("C").build(),
            G::new(2, "B").parent("A").build(),
            G::new(3, "C").parent("B").build(),
            G::new(4, "D").parent("A").build(),
            G::new(5, "E").parent("E").build(),
            G::new(6, "F").build(),
            G::new(7, "G").parent("F").build(),
        ]);
        let f = run(&ParentCycle, &p);
        assert_eq!(
            hits(&f),
            vec![
                ("R002", "Goals!B2".into()),
                ("R002", "Goals!B3".into()),
                ("R002", "Goals!B4".into()),
                ("R002", "Goals!B6".into()),
            ]
        );
        assert!(f[0].message.contains("A → C → B → A"), "{}", f[0].message);
        assert!(f[3].message.contains("names itself"), "{}", f[3].message);
    }

    #[test]
    fn a_loop_through_a_key_result_listed_under_its_objective_fires() {
        let p = plan(vec![
            G::new(1, "O1").objective("Grow").parent("KR1").build(),
            G::new(2, "KR1")
                .objective("Grow")
                .key_result("Revenue 1,000")
                .with(|g| {
                    g.objective_inherited = true;
                    g.objective_row = Some(1);
                })
                .build(),
        ]);
        let f = run(&ParentCycle, &p);
        assert_eq!(
            hits(&f),
            vec![("R002", "Goals!B2".into()), ("R002", "Goals!B3".into())]
        );
    }

    #[test]
    fn a_tree_has_no_cycle() {
        let p = plan(vec![
            G::new(1, "O1").build(),
            G::new(2, "KR1").parent("O1").build(),
            G::new(3, "KR1.1").parent("KR1").build(),
            G::new(4, "KR2").parent("O1").build(),
            G::new(5, "X").parent("missing").build(),
        ]);
        assert!(run(&ParentCycle, &p).is_empty());
        assert_info(&ParentCycle);
    }

    #[test]
    fn a_10000_deep_chain_is_fine_and_fast() {
        let n = 10_000;
        let goals = (0..n)
            .map(|i| {
                let g = G::new(i + 1, &format!("G{i}"));
                if i == 0 {
                    g.build()
                } else {
                    g.parent(&format!("G{}", i - 1)).build()
                }
            })
            .collect();
        let p = plan(goals);
        let started = std::time::Instant::now();
        assert!(run(&ParentCycle, &p).is_empty());
        assert!(started.elapsed().as_secs() < 5);
    }

    #[test]
    fn a_10000_goal_cycle_gives_10000_short_findings() {
        let n: u32 = 10_000;
        let goals = (0..n)
            .map(|i| {
                G::new(i + 1, &format!("G{i}"))
                    .parent(&format!("G{}", (i + 1) % n))
                    .build()
            })
            .collect();
        let p = plan(goals);
        let started = std::time::Instant::now();
        let f = run(&ParentCycle, &p);
        assert!(started.elapsed().as_secs() < 5);
        assert_eq!(f.len(), n as usize);
        assert!(f[0].message.contains("of 10,000 goals"), "{}", f[0].message);
        assert!(f[0].message.len() < 200, "{}", f[0].message);
    }
}
