//! D006 number-ambiguous: a number that reads one way with a decimal point and another with
//! a decimal comma, in a file that does not show which it uses.

use crate::model::{Num, ValueIssue};
use crate::rules::m::m003_number_unparsable::numeric_fields;
use crate::rules::text::field_label;
use crate::rules::{Context, Finding, Letter, Rule, RuleInfo, Severity};

/// A numeric cell whose text the file's number convention cannot settle (`1.250` is 1250
/// with a decimal comma, 1.25 with a decimal point); its value is not read.
pub struct NumberAmbiguous;

static INFO: RuleInfo = RuleInfo {
    id: "D006",
    name: "number-ambiguous",
    letter: Letter::D,
    severity: Severity::Warning,
    title_en: "Number could be read two ways",
    title_zh: "数字有两种读法",
    hint_en: "Write the number without separators (1250000), or make the convention plain: a decimal part (1.250,00 or 1,250.00), or save the CSV again with the file's regional settings.",
    hint_zh: "请去掉千位分隔符直接填写（1250000），或写出小数部分（1.250,00 或 1,250.00）让小数点写法一目了然。",
    doc: "## What it checks\n\
goalsheet decides once per file whether `.` or `,` is the decimal mark, from the cells \
that only one convention can read (`1.250.000`, `3,5%`, `48.000,50` say comma; `3.5`, \
`1,250,000` say point), from day-first dotted dates (`31.12.2026`) and from a `;` \
delimiter. When a file gives no such evidence but holds numbers like `1.250` (1250 or \
1.25?) — or as much evidence each way — those numbers are not read, and each gets this \
finding.\n\n\
## Why it matters\n\
Guessing would be wrong a thousand times over on one side: a `1.250.000` budget read as \
1.25, or a `2,5%` target read as 25%. A number left out is visible; a wrong one is not.\n\n\
## Example\n\
Bad: a CSV whose only amounts are `1.250` and `2,500`.\n\n\
Fixed: `1250` and `2500` (or `1.250,00` and `2.500,00` for a decimal comma).\n",
    doc_zh: "## 检查内容\n\
goalsheet 对每个文件只判断一次小数点是 `.` 还是 `,`，依据是只能按一种写法读通的单元格（`1.250.000`、`3,5%`、`48.000,50` 说明是小数逗号；`3.5`、`1,250,000` 说明是小数点）、日在前的点分日期（`31.12.2026`）以及 `;` 分隔符。如果文件没有这样的依据，却含有像 `1.250` 这样的数字（是 1250 还是 1.25？），或两种依据一样多，这些数字就不读取，每个都报这一条。\n\n\
## 为什么重要\n\
猜错时会差一千倍：`1.250.000` 的预算被读成 1.25，或 `2,5%` 的目标被读成 25%。漏掉的数字看得见，读错的数字看不见。\n\n\
## 示例\n\
错误：一个 CSV 中的金额只有 `1.250` 和 `2,500`。\n\n\
修正：写成 `1250` 和 `2500`（小数逗号的文件写成 `1.250,00` 和 `2.500,00`）。\n",
};

impl Rule for NumberAmbiguous {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn check(&self, ctx: &Context, out: &mut Vec<Finding>) {
        let ambiguous = |n: &Num| n.issue() == Some(&ValueIssue::AmbiguousNumber);
        for goal in &ctx.plan.goals {
            for (field, value) in numeric_fields(goal) {
                if !ambiguous(value) {
                    continue;
                }
                let raw = value.raw.trim();
                let message = ctx.msg(
                    format!(
                        "{} \"{raw}\" of goal {} could be read with a decimal point or a decimal comma, and the file does not show which; it is not read",
                        field_label(field, crate::model::Lang::En),
                        goal.label()
                    ),
                    format!(
                        "目标 {} 的{}“{raw}”既可按小数点、也可按小数逗号理解，文件中没有可判断的依据，未读取该值",
                        goal.label(),
                        field_label(field, crate::model::Lang::Zh)
                    ),
                );
                out.push(ctx.goal_finding(&INFO, goal, field, value.cell, message));
            }
        }
        let mut other = |sheet: &str, n: &Num, field: &'static str| {
            if !ambiguous(n) {
                return;
            }
            let raw = n.raw.trim();
            let message = ctx.msg(
                format!("\"{raw}\" could be read with a decimal point or a decimal comma, and the file does not show which; it is not read"),
                format!("“{raw}”既可按小数点、也可按小数逗号理解，文件中没有可判断的依据，未读取该值"),
            );
            out.push(ctx.cell_finding(&INFO, sheet, n.cell, Some(field), message));
        };
        for totals in &ctx.plan.totals {
            for (field, n) in &totals.values {
                other(&ctx.plan.sheet, n, field.name());
            }
        }
        if let Some(sheet) = &ctx.plan.budget {
            for line in &sheet.lines {
                other(&sheet.sheet, &line.amount, "budget");
            }
        }
        if let Some(sheet) = &ctx.plan.actions {
            for action in &sheet.actions {
                other(&sheet.sheet, &action.budget, "budget");
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Field;
    use crate::parse::NumberConvention;
    use crate::rules::test_support::*;

    #[test]
    fn ambiguous_numbers_fire_on_their_cells_unreadable_and_plain_ones_do_not() {
        let mut plan = wide_plan();
        plan.number_convention = NumberConvention::Ambiguous;
        plan.goals = vec![
            goal(&plan, 2)
                .text(Field::Id, "KR1")
                .issue(Field::Target, "1.250", ValueIssue::AmbiguousNumber)
                .issue(Field::Q1, "2,500", ValueIssue::AmbiguousNumber)
                .build(),
            goal(&plan, 3)
                .text(Field::Id, "KR2")
                .num_raw(Field::Target, "1 250", Some(1250.0))
                .unparsable(Field::Q1, "Top 3")
                .build(),
        ];
        let f = run(&NumberAmbiguous, &plan);
        assert_eq!(hits(&f, "D006"), vec!["I2", "J2"]);
        assert!(f[0].message.contains("\"1.250\""), "{}", f[0].message);
        assert_eq!(f[0].severity, Severity::Warning);
        let zh = run_with(
            &NumberAmbiguous,
            &plan,
            &crate::config::Config::default(),
            crate::model::Lang::Zh,
        );
        assert!(zh[1].message.contains("“2,500”"), "{}", zh[1].message);
    }
}
