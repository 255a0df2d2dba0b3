//! R004 dimension-invalid: a dimension outside the allowed set.

use std::collections::{HashMap, HashSet};

use crate::model::Field;
use crate::rules::hierarchy::name_key;
use crate::rules::{Context, Finding, Letter, Rule, RuleInfo, Severity};

pub struct DimensionInvalid;

static INFO: RuleInfo = RuleInfo {
    id: "R004",
    name: "dimension-invalid",
    letter: Letter::R,
    severity: Severity::Info,
    title_en: "Dimension is not one of the allowed dimensions",
    title_zh: "目标维度不在允许范围内",
    hint_en: "File the goal under one of the four dimensions (business growth, brand building, customer operations, marketing efficiency); if your team uses its own dimensions, use them consistently and have them added to the allowed list.",
    hint_zh: "请将目标归入四个维度之一（业务增长、品牌建设、客户运营、营销效率）；如果团队使用自己的维度，请保持一致，并将其加入允许的维度列表。",
    doc: "## What it checks\n\
A goal's dimension cell holds a value that is not in `relevant.dimensions` (compared \
ignoring case and spaces; the four dimensions and their short forms — Growth, Brand, \
Customer, Efficiency, 增长, 品牌, 客户, 效率 — are allowed by default). Blank cells are not \
checked here. One info per distinct value, on its first cell, counting the goals that use \
it: a plan that files its goals under its own dimension names consistently gets one note \
per name, not one per row.\n\n\
## Why it matters\n\
Goals are meant to cover the plan's dimensions; a goal filed under an unknown dimension \
(a typo, or a private category) falls out of every breakdown by dimension.\n\n\
## Example\n\
Bad: `G3 | dimension: 品牌推广 | …`.\n\
Fixed: `G3 | dimension: 品牌建设 | …`.\n",
    doc_zh: "## 检查内容\n\
目标的维度单元格中的值不在 `relevant.dimensions` 中（比较时忽略大小写和空格；默认允许四个维度及其简称——Growth、Brand、Customer、Efficiency、增长、品牌、客户、效率）。空单元格不在这里检查。每个不同的值报一条提示，位于它第一次出现的单元格，并统计使用它的目标数：计划若一贯使用自己的维度名称，每个名称只得到一条说明，而不是每行一条。\n\n\
## 为什么重要\n\
目标应覆盖计划的各个维度；归在未知维度（笔误或私有分类）下的目标会从所有按维度的分析中掉出。\n\n\
## 示例\n\
错误：`G3 | 维度：品牌推广 | …`。\n\
修正：`G3 | 维度：品牌建设 | …`。\n",
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
        // Distinct values in order of first use: (first goal, goals using it).
        let mut seen: indexmap::IndexMap<String, (usize, Vec<usize>)> = indexmap::IndexMap::new();
        // Each distinct cell text reduced once: a plan writes a handful of dimensions.
        let mut keys: HashMap<&str, Option<String>> = HashMap::new();
        for (i, goal) in ctx.plan.goals.iter().enumerate() {
            let Some(dim) = goal.dimension.text() else {
                continue;
            };
            let key = keys.entry(dim).or_insert_with(|| {
                let key = name_key(dim);
                (!allowed.contains(&key)).then_some(key)
            });
            let Some(key) = key else {
                continue;
            };
            seen.entry(key.clone())
                .or_insert_with(|| (i, Vec::new()))
                .1
                .push(i);
        }
        for (first, users) in seen.into_values() {
            let goal = &ctx.plan.goals[first];
            let dim = goal.dimension.text().unwrap_or_default();
            let labels: Vec<String> = users
                .iter()
                .take(5)
                .map(|&g| ctx.plan.goals[g].label())
                .collect();
            let more = users.len().saturating_sub(labels.len());
            let (list_en, list_zh) = if more > 0 {
                (
                    format!("{}, and {more} more", labels.join(", ")),
                    format!("{} 等", labels.join("、")),
                )
            } else {
                (labels.join(", "), labels.join("、"))
            };
            let n = users.len();
            let message = ctx.msg(
                format!(
                    "dimension \"{dim}\" ({} {list_en}) is not one of: {shown}",
                    if n == 1 { "goal" } else { "goals" }
                ),
                format!("维度“{dim}”（{n} 个目标：{list_zh}）不在允许范围内（{shown_zh}）"),
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
            G::new(1, "G1").dimension("品牌推广").build(),
            G::new(2, "G2").dimension("Brand Building").build(),
        ]);
        let f = run(&DimensionInvalid, &p);
        assert_eq!(hits(&f), vec![("R004", "Goals!C2".into())]);
        assert!(f[0].message.contains("\"品牌推广\""), "{}", f[0].message);
        assert_eq!(f[0].severity, Severity::Info);
    }

    #[test]
    fn one_info_per_distinct_value_not_one_per_row() {
        // A plan with its own dimension names, used consistently over many rows.
        let goals: Vec<_> = (1..=40)
            .map(|i| {
                let dim = ["Revenue", "Community", "revenue "][i % 3];
                G::new(i as u32, &format!("G{i}")).dimension(dim).build()
            })
            .collect();
        let f = run(&DimensionInvalid, &plan(goals));
        // "Revenue" and "revenue " are one value; "Community" the other.
        assert_eq!(
            hits(&f),
            vec![("R004", "Goals!C2".into()), ("R004", "Goals!C3".into())]
        );
        assert!(
            f[0].message
                .starts_with("dimension \"Community\" (goals G1, G4, G7, G10, G13, and 9 more)"),
            "{}",
            f[0].message
        );
    }

    #[test]
    fn allowed_dimensions_in_any_case_or_spacing_and_blanks_are_fine() {
        let p = plan(vec![
            G::new(1, "G1").dimension(" 业务增长").build(),
            G::new(2, "G2").dimension("customer  OPERATIONS").build(),
            G::new(3, "G3").build(),
            // the short forms people write
            G::new(4, "G4").dimension("Growth").build(),
            G::new(5, "G5").dimension("品牌").build(),
            G::new(6, "G6").dimension("Efficiency").build(),
            G::new(7, "G7").dimension("客户").build(),
        ]);
        assert!(run(&DimensionInvalid, &p).is_empty());
        assert_info(&DimensionInvalid);
    }
}
