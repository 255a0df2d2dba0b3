//! R004 dimension-invalid: a dimension outside the allowed set.

use std::collections::HashSet;

use crate::model::Field;
use crate::rules::hierarchy::name_key;
use crate::rules::{Context, Finding, Letter, Rule, RuleInfo, Severity};

pub struct DimensionInvalid;

static INFO: RuleInfo = RuleInfo {
    id: "R004",
    name: "dimension-invalid",
    letter: Letter::R,
    severity: Severity::Warning,
    title_en: "Dimension is not one of the allowed dimensions",
    title_zh: "目标维度不在允许范围内",
    hint_en: "Use one of the plan's dimensions (business growth, brand building, customer operations, marketing efficiency), or add yours under [relevant] dimensions in goalsheet.toml.",
    hint_zh: "请使用规定的目标维度（业务增长、品牌建设、客户运营、营销效率），或在 goalsheet.toml 的 [relevant] dimensions 中添加。",
    doc: "## What it checks\n\
A goal's dimension cell holds a value that is not in `relevant.dimensions` (compared \
ignoring case and spaces). Blank cells are not checked here.\n\n\
## Why it matters\n\
Goals are meant to cover the plan's dimensions; a goal filed under an unknown dimension \
(a typo, or a private category) falls out of every breakdown by dimension.\n\n\
## Example\n\
Bad: `G3 | dimension: 品牌 | …`.\n\
Fixed: `G3 | dimension: 品牌建设 | …`.\n",
};

impl Rule for DimensionInvalid {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn check(&self, ctx: &Context, out: &mut Vec<Finding>) {
        let allowed_list = &ctx.config.relevant.dimensions;
        if allowed_list.is_empty() {
            return;
        }
        let allowed: HashSet<String> = allowed_list.iter().map(|d| name_key(d)).collect();
        let shown = allowed_list.join(", ");
        let shown_zh = allowed_list.join("、");
        for goal in &ctx.plan.goals {
            let Some(dim) = goal.dimension.text() else {
                continue;
            };
            if allowed.contains(&name_key(dim)) {
                continue;
            }
            let label = goal.label();
            let message = ctx.msg(
                format!("goal {label}: dimension \"{dim}\" is not one of: {shown}"),
                format!("目标 {label} 的维度“{dim}”不在允许范围内（{shown_zh}）"),
            );
            out.push(ctx.goal_finding(&INFO, goal, Field::Dimension, goal.dimension.cell, message));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testkit::*;

    #[test]
    fn unknown_dimension_fires() {
        let p = plan(vec![
            G::new(1, "G1").dimension("品牌").build(),
            G::new(2, "G2").dimension("Brand Building").build(),
        ]);
        let f = run(&DimensionInvalid, &p);
        assert_eq!(hits(&f), vec![("R004", "Goals!C2".into())]);
        assert!(f[0].message.contains("\"品牌\""), "{}", f[0].message);
    }

    #[test]
    fn allowed_dimensions_in_any_case_or_spacing_and_blanks_are_fine() {
        let p = plan(vec![
            G::new(1, "G1").dimension(" 业务增长").build(),
            G::new(2, "G2").dimension("customer  OPERATIONS").build(),
            G::new(3, "G3").build(),
        ]);
        assert!(run(&DimensionInvalid, &p).is_empty());
        assert_info(&DimensionInvalid);
    }
}
