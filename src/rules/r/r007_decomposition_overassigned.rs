//! R007 decomposition-overassigned: children's targets exceed the parent's by too much.

use crate::model::Field;
use crate::rules::r::r006_decomposition_shortfall::children_list;
use crate::rules::{Context, Finding, Letter, Rule, RuleInfo, Severity, show};

pub struct DecompositionOverassigned;

static INFO: RuleInfo = RuleInfo {
    id: "R007",
    name: "decomposition-overassigned",
    letter: Letter::R,
    severity: Severity::Info,
    title_en: "Children's targets over-assign the parent's target",
    title_zh: "下级目标合计远超上级目标",
    hint_en: "Check that the children's targets are meant to exceed the parent's; otherwise raise the parent's target or trim the children's.",
    hint_zh: "确认下级目标是否有意超出上级目标；否则请提高上级目标或下调下级目标。",
    doc: "## What it checks\n\
For a parent whose additive metric is shared by its children (as in R006), the children's \
annual targets add up to more than the parent's target × (1 + `relevant.max_overassign`, \
default 20%). The finding sits on the parent's target cell.\n\n\
## Why it matters\n\
Some over-assignment is a healthy buffer; much more usually means the parent's target is \
stale or a child was counted twice.\n\n\
## Example\n\
Bad: `O1 线索 1,000` with children `KR1 线索 800` and `KR2 线索 700` (1,500, 50% over).\n\
Fixed: `O1 线索 1,400`, or children that add up to 1,000–1,200.\n",
    doc_zh: "## 检查内容\n\
上级目标的可相加指标由下级共享时（同 R006），下级的全年目标之和超过上级目标 ×（1 + `relevant.max_overassign`，默认 20%）。问题标在上级的目标值单元格。\n\n\
## 为什么重要\n\
适度超额分解是健康的缓冲；超出太多通常意味着上级目标过时了，或某个下级被重复计算。\n\n\
## 示例\n\
错误：`O1 线索 1,000`，下级 `KR1 线索 800` 和 `KR2 线索 700`（合计 1,500，超出 50%）。\n\
修正：`O1 线索 1,400`，或下级合计在 1,000–1,200 之间。\n",
};

impl Rule for DecompositionOverassigned {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn judges_values(&self) -> bool {
        true
    }

    fn check(&self, ctx: &Context, out: &mut Vec<Finding>) {
        let allowance = ctx.config.relevant.max_overassign.max(0.0);
        for d in ctx.decompositions() {
            let Some(parent) = ctx.plan.goals.get(d.parent) else {
                continue;
            };
            if d.parent_target <= 0.0 || d.children_sum <= d.parent_target * (1.0 + allowance) {
                continue;
            }
            let p = parent.is_percent;
            let (label, metric) = (parent.label(), &d.metric);
            let (sum, target, over) = (
                show::value(d.children_sum, p),
                show::value(d.parent_target, p),
                show::value(d.children_sum - d.parent_target, p),
            );
            let share = show::pct(d.children_sum / d.parent_target - 1.0);
            let limit = show::pct(allowance);
            let kids = children_list(ctx, d);
            let message = ctx.msg(
                format!(
                    "goal {label}: children's {metric} targets {kids} sum to {sum}, {over} ({share}) above this goal's {target} (more than {limit})"
                ),
                format!(
                    "目标 {label}：下级目标的{metric}目标 {kids} 合计 {sum}，比本目标 {target} 多 {over}（{share}，超过 {limit}）"
                ),
            );
            out.push(ctx.goal_finding(&INFO, parent, Field::Target, parent.target.cell, message));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testkit::*;

    #[test]
    fn overassignment_beyond_the_allowance_fires() {
        let p = plan(vec![
            G::new(1, "O1").metric("线索").target(1000.0).build(),
            G::new(2, "KR1")
                .parent("O1")
                .metric("线索")
                .target(800.0)
                .build(),
            G::new(3, "KR2")
                .parent("O1")
                .metric("线索")
                .target(700.0)
                .build(),
        ]);
        let f = run(&DecompositionOverassigned, &p);
        assert_eq!(hits(&f), vec![("R007", "Goals!I2".into())]);
        assert!(
            f[0].message.contains("sum to 1,500, 500 (50%) above"),
            "{}",
            f[0].message
        );
    }

    #[test]
    fn a_buffer_within_the_allowance_is_fine() {
        let p = plan(vec![
            G::new(1, "O1").metric("线索").target(1000.0).build(),
            G::new(2, "KR1")
                .parent("O1")
                .metric("线索")
                .target(600.0)
                .build(),
            G::new(3, "KR2")
                .parent("O1")
                .metric("线索")
                .target(600.0)
                .build(),
            G::new(4, "O2").metric("线索").target(100.0).build(),
            G::new(5, "KR3")
                .parent("O2")
                .metric("订单")
                .target(900.0)
                .build(),
        ]);
        assert!(run(&DecompositionOverassigned, &p).is_empty());
        assert_info(&DecompositionOverassigned);
    }
}
