//! R006 decomposition-shortfall: children's targets do not cover the parent's.

use crate::model::{Direction, Field};
use crate::rules::hierarchy::Decomposition;
use crate::rules::{Context, Finding, Letter, Rule, RuleInfo, Severity, show};

pub struct DecompositionShortfall;

static INFO: RuleInfo = RuleInfo {
    id: "R006",
    name: "decomposition-shortfall",
    letter: Letter::R,
    severity: Severity::Warning,
    title_en: "Children's targets fall short of the parent's target",
    title_zh: "下级目标合计低于上级目标",
    hint_en: "Raise the children's targets, add the missing child goal, or lower the parent's target so the decomposition adds up.",
    hint_zh: "提高下级目标、补充缺失的下级目标，或调整上级目标，使分解后的目标合计能覆盖上级目标。",
    doc: "## What it checks\n\
For a parent whose metric is additive (`sum`: revenue, leads, orders …) and whose children \
carry the same metric (same name, ignoring case and spaces; same unit), the children's \
annual targets must add up to at least the parent's annual target (within \
`measurable.reconcile_tolerance`). The finding sits on the parent's target cell and names \
the gap. Level and ratio metrics (followers, conversion rate) are never summed, and a \
lower-is-better metric (a cost cap) is not short when its children plan less.\n\n\
## Why it matters\n\
Top-down decomposition only works if the pieces add up: when they don't, the parent's \
target is owned by nobody for the difference.\n\n\
## Example\n\
Bad: `O1 销售额 1,000` with children `KR1 销售额 300` and `KR2 销售额 500` (gap 200).\n\
Fixed: `KR2 销售额 700`, or a third child for the remaining 200.\n",
    doc_zh: "## 检查内容\n\
上级目标的指标可相加（累加型：销售额、线索、订单……），且其下级使用同一指标（名称相同，忽略大小写和空格；单位相同）时，下级的全年目标之和至少要达到上级的全年目标（误差在 `measurable.reconcile_tolerance` 之内）。问题标在上级的目标值单元格，并给出差额。时点型和比率型指标（粉丝数、转化率）从不相加；越低越好的指标（成本上限）在下级计划更少时不算不足。\n\n\
## 为什么重要\n\
自上而下的分解只有在各部分加得起来时才成立：加不起来时，差额那部分上级目标没人负责。\n\n\
## 示例\n\
错误：`O1 销售额 1,000`，下级 `KR1 销售额 300` 和 `KR2 销售额 500`（差 200）。\n\
修正：`KR2 销售额 700`，或为剩下的 200 增加第三个下级。\n",
};

/// The children as `KR1 (300), KR2 (500)` in the message language, cut after five.
pub(crate) fn children_list(ctx: &Context, d: &Decomposition) -> String {
    let items: Vec<(String, String)> = d
        .children
        .iter()
        .filter_map(|&c| ctx.plan.goals.get(c))
        .map(|g| {
            let v = g
                .annual_target()
                .map_or_else(String::new, |t| show::value(t, g.is_percent));
            (g.label(), v)
        })
        .collect();
    show::named(ctx.lang, &items, 5)
}

impl Rule for DecompositionShortfall {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn judges_values(&self) -> bool {
        true
    }

    fn check(&self, ctx: &Context, out: &mut Vec<Finding>) {
        let tolerance = ctx.config.measurable.reconcile_tolerance.max(0.0);
        for d in ctx.decompositions() {
            let Some(parent) = ctx.plan.goals.get(d.parent) else {
                continue;
            };
            if parent.direction == Direction::LowerIsBetter || d.parent_target <= 0.0 {
                continue;
            }
            let gap = d.gap();
            if gap <= tolerance * d.parent_target || gap <= 1e-9 {
                continue;
            }
            let p = parent.is_percent;
            let (label, metric) = (parent.label(), &d.metric);
            let (sum, target, gap) = (
                show::value(d.children_sum, p),
                show::value(d.parent_target, p),
                show::value(gap, p),
            );
            let kids = children_list(ctx, d);
            let missing = if d.untargeted.is_empty() {
                (String::new(), String::new())
            } else {
                let names: Vec<String> = d
                    .untargeted
                    .iter()
                    .filter_map(|&c| ctx.plan.goals.get(c))
                    .map(|g| g.label())
                    .collect();
                let names = show::list(&names, 5, ", ");
                (
                    format!("; {names} have no target"),
                    format!("；{names} 未设目标值"),
                )
            };
            let message = ctx.msg(
                format!(
                    "goal {label}: children's {metric} targets {kids} sum to {sum}, short of this goal's {target} by {gap}{}",
                    missing.0
                ),
                format!(
                    "目标 {label}：下级目标的{metric}目标 {kids} 合计 {sum}，比本目标 {target} 少 {gap}{}",
                    missing.1
                ),
            );
            out.push(ctx.goal_finding(&INFO, parent, Field::Target, parent.target.cell, message));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Aggregation, Lang};
    use crate::rules::testkit::*;

    #[test]
    fn shortfall_fires_on_the_parent_target_naming_the_gap() {
        let p = plan(vec![
            G::new(1, "O1").metric("销售额").target(1000.0).build(),
            G::new(2, "KR1")
                .parent("O1")
                .metric("销售额")
                .target(300.0)
                .build(),
            G::new(3, "KR2")
                .parent("O1")
                .metric("销售额")
                .target(500.0)
                .build(),
        ]);
        let f = run(&DecompositionShortfall, &p);
        assert_eq!(hits(&f), vec![("R006", "Goals!I2".into())]);
        assert!(
            f[0].message.contains("KR1 (300), KR2 (500) sum to 800"),
            "{}",
            f[0].message
        );
        assert!(f[0].message.contains("1,000 by 200"), "{}", f[0].message);
        let zh = run_in(&DecompositionShortfall, &p, Lang::Zh);
        assert!(zh[0].message.contains("少 200"), "{}", zh[0].message);
    }

    #[test]
    fn covered_within_tolerance_or_not_additive_is_fine() {
        let p = plan(vec![
            G::new(1, "O1").metric("销售额").target(1000.0).build(),
            G::new(2, "KR1")
                .parent("O1")
                .metric("销售额")
                .target(500.0)
                .build(),
            G::new(3, "KR2")
                .parent("O1")
                .metric("销售额")
                .target(498.0)
                .build(),
            G::new(4, "O2")
                .metric("粉丝数")
                .agg(Aggregation::Level)
                .target(1000.0)
                .build(),
            G::new(5, "KR3")
                .parent("O2")
                .metric("粉丝数")
                .agg(Aggregation::Level)
                .target(100.0)
                .build(),
            G::new(6, "O3").metric("线索").target(1000.0).build(),
            G::new(7, "KR4")
                .parent("O3")
                .metric("订单")
                .target(10.0)
                .build(),
        ]);
        assert!(run(&DecompositionShortfall, &p).is_empty());
        assert_info(&DecompositionShortfall);
    }
}
