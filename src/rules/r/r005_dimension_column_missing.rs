//! R005 dimension-column-missing: the sheet has no dimension column.

use crate::model::Field;
use crate::rules::{Context, Finding, Letter, Rule, RuleInfo, Severity};

pub struct DimensionColumnMissing;

static INFO: RuleInfo = RuleInfo {
    id: "R005",
    name: "dimension-column-missing",
    letter: Letter::R,
    severity: Severity::Info,
    title_en: "The sheet has no dimension column",
    title_zh: "表格没有目标维度列",
    hint_en: "Add a Dimension column (business growth, brand building, customer operations, marketing efficiency) so goals can be checked for coverage.",
    hint_zh: "增加“目标维度”列（业务增长、品牌建设、客户运营、营销效率），以便检查目标是否覆盖各维度。",
    doc: "## What it checks\n\
The goal sheet has no column that maps to the dimension field. One plan-level finding, \
not one per row.\n\n\
## Why it matters\n\
The planning method sets goals across four dimensions (business growth, brand, customer \
operations, marketing efficiency); without the column nobody can see whether a dimension \
was forgotten.\n\n\
## Example\n\
Bad: headers `ID | Objective | Metric | Target | Owner | Due`.\n\
Fixed: headers `ID | Dimension | Objective | Metric | Target | Owner | Due`.\n",
    doc_zh: "## 检查内容\n\
目标表中没有对应维度字段的列。报一条计划级问题，而不是每行一条。\n\n\
## 为什么重要\n\
这套计划方法要求在四个维度（业务增长、品牌建设、客户运营、营销效率）上设定目标；没有这一列，就没人能看出是否漏掉了某个维度。\n\n\
## 示例\n\
错误：表头为 `编号 | 目标 | 指标 | 目标值 | 负责人 | 截止日期`。\n\
修正：表头为 `编号 | 维度 | 目标 | 指标 | 目标值 | 负责人 | 截止日期`。\n",
};

impl Rule for DimensionColumnMissing {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn check(&self, ctx: &Context, out: &mut Vec<Finding>) {
        if ctx.plan.goals.is_empty() || ctx.plan.has_column(Field::Dimension) {
            return;
        }
        let sheet = &ctx.plan.sheet;
        let n = ctx.plan.goals.len();
        let message = ctx.msg(
            format!(
                "sheet \"{sheet}\" has no dimension column, so its {n} goals carry no dimension"
            ),
            format!("工作表“{sheet}”没有目标维度列，{n} 个目标均未标明维度"),
        );
        out.push(ctx.plan_finding(&INFO, message));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testkit::*;

    #[test]
    fn missing_column_gives_one_plan_level_finding() {
        let mut p = plan(vec![G::new(1, "G1").build(), G::new(2, "G2").build()]);
        p.columns.shift_remove(&Field::Dimension);
        let f = run(&DimensionColumnMissing, &p);
        assert_eq!(hits(&f), vec![("R005", "Goals!-".into())]);
        assert!(f[0].message.contains("2 goals"), "{}", f[0].message);
    }

    #[test]
    fn a_present_column_even_blank_is_fine() {
        let p = plan(vec![G::new(1, "G1").build()]);
        assert!(run(&DimensionColumnMissing, &p).is_empty());
        let mut empty = plan(vec![]);
        empty.columns.shift_remove(&Field::Dimension);
        assert!(run(&DimensionColumnMissing, &empty).is_empty());
        assert_info(&DimensionColumnMissing);
    }
}
