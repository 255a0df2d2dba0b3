//! D005 formula-not-computed: a formula the file stored no result for, that goalsheet
//! cannot compute.

use std::collections::HashMap;

use crate::model::CellPos;
use crate::read::formula::NotComputed;
use crate::rules::{Context, Finding, Letter, Rule, RuleInfo, Severity};

pub struct FormulaNotComputed;

static INFO: RuleInfo = RuleInfo {
    id: "D005",
    name: "formula-not-computed",
    letter: Letter::D,
    severity: Severity::Error,
    title_en: "Formula has no stored result and cannot be computed",
    title_zh: "公式没有保存结果，且无法计算",
    hint_en: "Open the file in Excel or WPS and save it once (that stores every formula's result), or replace the formula with its value.",
    hint_zh: "用 Excel 或 WPS 打开文件并保存一次（会保存所有公式的结果），或将公式替换为数值。",
    doc: "## What it checks\n\
A cell in the plan's data (goal, action or budget sheet) holds a formula for which the file \
stores no result — workbooks written by scripts (openpyxl, some BI tools) often do — and \
goalsheet cannot compute it: it uses a function goalsheet does not evaluate (INDIRECT, \
VLOOKUP, TEXT…), joins text, refers to another workbook or to a sheet that does not exist, \
is circular, or uses another such cell. goalsheet computes arithmetic, comparisons, SUM, \
AVERAGE, MIN, MAX, COUNT, COUNTA, ROUND, ROUNDUP, ROUNDDOWN, ABS, IF, IFERROR, AND, OR, \
NOT and DATE over references anywhere in the workbook; those cells need no fix.\n\n\
## Why it matters\n\
The value is unknown: goalsheet reads it as missing (never as 0), so the goal's target, \
quarter or budget is missing from every check and rollup.\n\n\
## Example\n\
Bad: `G3 | Q1: =INDIRECT(\"Targets!B5\")` written by a script, with no stored result.\n\
Fixed: the file saved once in Excel (Q1 then shows 1,200), or `G3 | Q1: 1,200`.\n",
    doc_zh: "## 检查内容\n\
计划数据（目标表、行动表或预算表）中的某个单元格是公式，文件中没有保存其结果——脚本（openpyxl、某些 BI 工具）写出的工作簿常常如此——而 goalsheet 也算不出它：它用了 goalsheet 不计算的函数（INDIRECT、VLOOKUP、TEXT……）、拼接文字、引用其他工作簿或不存在的工作表、循环引用，或引用了另一个这样的单元格。goalsheet 能计算四则运算、比较、SUM、AVERAGE、MIN、MAX、COUNT、COUNTA、ROUND、ROUNDUP、ROUNDDOWN、ABS、IF、IFERROR、AND、OR、NOT 和 DATE，引用可以在工作簿的任何位置；这些单元格无需修改。\n\n\
## 为什么重要\n\
值是未知的：goalsheet 把它当作缺失（绝不当作 0），所以该目标的目标值、季度目标或预算在所有检查和汇总中都缺席。\n\n\
## 示例\n\
错误：脚本写出的 `G3 | Q1：=INDIRECT(\"Targets!B5\")`，没有保存结果。\n\
修正：用 Excel 打开并保存一次（Q1 随即显示 1,200），或直接写 `G3 | Q1：1,200`。\n",
};

/// The reason in English and Chinese.
fn reason_text(reason: &NotComputed) -> (String, String) {
    match reason {
        NotComputed::UnknownFunction(f) => (
            format!("goalsheet does not compute the function {f}"),
            format!("函数 {f} 不在 goalsheet 能计算的范围内"),
        ),
        NotComputed::UnknownName(n) => (
            format!("the name {n} is not defined in the workbook"),
            format!("工作簿中没有定义名称 {n}"),
        ),
        NotComputed::UnknownSheet(s) => (
            format!("it refers to a sheet \"{s}\" the workbook does not have"),
            format!("引用了工作簿中不存在的工作表“{s}”"),
        ),
        NotComputed::ExternalReference => (
            "it refers to another workbook".into(),
            "引用了其他工作簿".into(),
        ),
        NotComputed::TextOperation => (
            "it works on text (joining text, or text used as a number)".into(),
            "涉及文本运算（连接文本，或把文本当作数值）".into(),
        ),
        NotComputed::Unsupported(what) => (
            format!("goalsheet does not compute {what}"),
            format!("此类公式（{what}）不在 goalsheet 能计算的范围内"),
        ),
        NotComputed::Syntax => ("the formula cannot be read".into(), "无法解析该公式".into()),
        NotComputed::Circular => (
            "it refers to itself (a circular reference)".into(),
            "公式循环引用自身".into(),
        ),
        NotComputed::TooComplex => (
            "it is beyond goalsheet's limits (too long, too deeply nested or too long a chain)"
                .into(),
            "超出 goalsheet 的计算限制（过长、嵌套过深或引用链过长）".into(),
        ),
        NotComputed::Uses { sheet, cell, cause } => {
            let at = CellPos::new(cell.0, cell.1);
            let (en, zh) = reason_text(cause);
            (
                format!("it uses {sheet}!{at}, which has no stored result either: {en}"),
                format!("它引用的 {sheet}!{at} 同样没有保存结果：{zh}"),
            )
        }
    }
}

impl Rule for FormulaNotComputed {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn check(&self, ctx: &Context, out: &mut Vec<Finding>) {
        if ctx.plan.uncomputed_formulas.is_empty() {
            return;
        }
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
        for u in &ctx.plan.uncomputed_formulas {
            let cell = u.cell.a1();
            let formula = u.formula.trim_start_matches("of:").trim_start_matches('=');
            let formula: String = formula.chars().take(80).collect();
            let (why_en, why_zh) = reason_text(&u.reason);
            let message = ctx.msg(
                format!(
                    "cell {cell} holds the formula ={formula} with no stored result, and {why_en}: its value is unknown"
                ),
                format!(
                    "单元格 {cell} 的公式 ={formula} 没有保存结果，且{why_zh}：其数值未知"
                ),
            );
            let mut f = ctx.cell_finding(
                &INFO,
                &u.sheet,
                Some(u.cell),
                u.field.map(|f| f.name()),
                message,
            );
            if u.sheet == ctx.plan.sheet {
                f.goal = goal_rows.get(&u.cell.row).map(|s| s.to_string());
            } else if Some(u.sheet.as_str()) == action_sheet
                && let Some((action, goal)) = action_rows.get(&u.cell.row)
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
    use crate::model::{Field, Lang, UncomputedFormulaCell};
    use crate::rules::testkit::*;

    fn uncomputed(cell: CellPos, formula: &str, reason: NotComputed) -> UncomputedFormulaCell {
        UncomputedFormulaCell {
            sheet: "Goals".into(),
            cell,
            formula: formula.into(),
            reason,
            field: Some(Field::Q1),
        }
    }

    #[test]
    fn each_uncomputed_formula_fires_on_its_cell_with_its_reason() {
        let mut p = plan(vec![G::new(2, "G1").build()]);
        p.uncomputed_formulas = vec![
            uncomputed(
                at(2, 5),
                "INDIRECT(\"B5\")",
                NotComputed::UnknownFunction("INDIRECT".into()),
            ),
            uncomputed(
                at(2, 9),
                "SUM(F3:I3)",
                NotComputed::Uses {
                    sheet: "Goals".into(),
                    cell: (2, 5),
                    cause: Box::new(NotComputed::UnknownFunction("INDIRECT".into())),
                },
            ),
        ];
        let f = run(&FormulaNotComputed, &p);
        assert_eq!(
            hits(&f),
            vec![("D005", "Goals!F3".into()), ("D005", "Goals!J3".into())]
        );
        assert_eq!(f[0].goal.as_deref(), Some("G1"));
        assert_eq!(f[0].field, Some("q1"));
        assert!(
            f[0].message
                .contains("F3 holds the formula =INDIRECT(\"B5\") with no stored result")
                && f[0].message.contains("function INDIRECT"),
            "{}",
            f[0].message
        );
        assert!(f[1].message.contains("uses Goals!F3"), "{}", f[1].message);
        let zh = run_in(&FormulaNotComputed, &p, Lang::Zh);
        assert!(zh[0].message.contains("没有保存结果"), "{}", zh[0].message);
    }

    #[test]
    fn computed_formulas_and_error_cells_are_not_its_business() {
        // A formula goalsheet computed is a plain value; a formula error is D002's.
        let mut p = plan(vec![G::new(2, "G1").target(5.0).build()]);
        p.formula_errors = vec![crate::model::FormulaErrorCell {
            sheet: "Goals".into(),
            cell: at(2, 8),
            error: "#DIV/0!".into(),
            field: Some(Field::Target),
        }];
        assert!(run(&FormulaNotComputed, &p).is_empty());
        assert_info(&FormulaNotComputed);
    }
}
