//! D002 formula-error: a cell showing a formula error.

use std::collections::HashMap;

use crate::rules::{Context, Finding, Letter, Rule, RuleInfo, Severity};

pub struct FormulaError;

static INFO: RuleInfo = RuleInfo {
    id: "D002",
    name: "formula-error",
    letter: Letter::D,
    severity: Severity::Error,
    title_en: "Cell shows a formula error",
    title_zh: "单元格公式错误",
    hint_en: "Fix the formula (a division by zero, a deleted reference, a wrong name) or enter the value directly.",
    hint_zh: "修正公式（除以零、引用已删除、名称错误等），或直接填写数值。",
    doc: "## What it checks\n\
A cell in the plan's data (goal, action or budget sheet) holds a formula error such as \
`#DIV/0!`, `#REF!`, `#N/A` or `#VALUE!`.\n\n\
## Why it matters\n\
A formula error is not a value: the goal's number is unknown, and every total that \
includes the cell is an error too.\n\n\
## Example\n\
Bad: `G3 | target: #DIV/0!` (the formula divides by an empty cell).\n\
Fixed: `G3 | target: 1,200`.\n",
    doc_zh: "## 检查内容\n\
计划数据（目标表、行动表或预算表）中的某个单元格是公式错误，例如 `#DIV/0!`、`#REF!`、`#N/A` 或 `#VALUE!`。\n\n\
## 为什么重要\n\
公式错误不是数值：目标的数字未知，包含该单元格的每个合计也都会出错。\n\n\
## 示例\n\
错误：`G3 | 目标值：#DIV/0!`（公式除以了一个空单元格）。\n\
修正：`G3 | 目标值：1,200`。\n",
};

impl Rule for FormulaError {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn condemns_value(&self) -> bool {
        true
    }

    fn check(&self, ctx: &Context, out: &mut Vec<Finding>) {
        if ctx.plan.formula_errors.is_empty() {
            return;
        }
        // Which goal or action each row belongs to, indexed once.
        let mut goal_rows: HashMap<u32, &str> = HashMap::new();
        for g in &ctx.plan.goals {
            if let Some(id) = g.id_text() {
                for &r in g.rows.iter().chain(std::iter::once(&g.row)) {
                    goal_rows.entry(r).or_insert(id);
                }
            }
        }
        let mut action_rows: HashMap<u32, (Option<&str>, Option<&str>)> = HashMap::new();
        if let Some(sheet) = &ctx.plan.actions {
            for a in &sheet.actions {
                action_rows.insert(a.row, (a.id.text(), a.goal_id.text()));
            }
        }
        let action_sheet = ctx.plan.actions.as_ref().map(|s| s.sheet.as_str());
        for e in &ctx.plan.formula_errors {
            let (cell, error) = (e.cell.a1(), e.error.trim());
            let message = ctx.msg(
                format!("cell {cell} shows the formula error {error}, not a value"),
                format!("单元格 {cell} 显示公式错误 {error}，不是有效数值"),
            );
            let mut f = ctx.cell_finding(
                &INFO,
                &e.sheet,
                Some(e.cell),
                e.field.map(|f| f.name()),
                message,
            );
            if e.sheet == ctx.plan.sheet {
                f.goal = goal_rows.get(&e.cell.row).map(|s| s.to_string());
            } else if Some(e.sheet.as_str()) == action_sheet
                && let Some((action, goal)) = action_rows.get(&e.cell.row)
            {
                f.action = action.map(str::to_string);
                f.goal = goal.map(str::to_string);
            }
            out.push(f);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Field, FormulaErrorCell};
    use crate::rules::testkit::*;

    #[test]
    fn each_formula_error_cell_fires_on_its_sheet() {
        let mut p = plan(vec![G::new(2, "G1").build()]);
        p.actions = Some(action_sheet(vec![A::new(3, "A1", "G1").build()]));
        p.formula_errors = vec![
            FormulaErrorCell {
                sheet: "Goals".into(),
                cell: at(2, 8),
                error: "#DIV/0!".into(),
                field: Some(Field::Target),
            },
            FormulaErrorCell {
                sheet: "Actions".into(),
                cell: at(3, 8),
                error: "#REF!".into(),
                field: None,
            },
        ];
        let f = run(&FormulaError, &p);
        assert_eq!(
            hits(&f),
            vec![("D002", "Goals!I3".into()), ("D002", "Actions!I4".into())]
        );
        assert_eq!(f[0].goal.as_deref(), Some("G1"));
        assert_eq!(f[0].field, Some("target"));
        assert_eq!(f[1].action.as_deref(), Some("A1"));
        assert!(
            f[0].message.contains("I3 shows the formula error #DIV/0!"),
            "{}",
            f[0].message
        );
    }

    #[test]
    fn a_plan_without_formula_errors_is_fine() {
        let p = plan(vec![G::new(2, "G1").target(5.0).build()]);
        assert!(run(&FormulaError, &p).is_empty());
        assert_info(&FormulaError);
    }
}
