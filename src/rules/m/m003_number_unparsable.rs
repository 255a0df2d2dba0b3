//! M003 number-unparsable: text in a numeric cell that is not a number.

use crate::model::{Field, Goal, Num, ValueIssue};
use crate::rules::text::field_label;
use crate::rules::{Context, Finding, Letter, Rule, RuleInfo, Severity};

/// A numeric field (baseline, target, quarters, actuals, budget) holding text that is not a
/// number.
pub struct NumberUnparsable;

static INFO: RuleInfo = RuleInfo {
    id: "M003",
    name: "number-unparsable",
    letter: Letter::M,
    severity: Severity::Error,
    title_en: "Numeric cell is not a number",
    title_zh: "数值单元格不是数字",
    hint_en: "Write a plain number (1,200 / 1200万 / 35%); put remarks in the notes column.",
    hint_zh: "填写纯数字（1,200 / 1200万 / 35%），说明文字请写在备注列。",
    doc: "## What it checks\n\
A baseline, target, quarterly target, actual or budget cell holds text that cannot be read \
as a number. Thousands separators, full-width digits, currency signs, `万`/`亿`/`k`/`M` \
suffixes, `(500)` negatives and percentages are all read, with the file's decimal mark \
(`1.250.000` in a European export), and so are qualified targets (`≥1200`, `不超过150`, \
`约500万`) and ranges (`10-15%`, see M008); a rank (`Top 3`, `前三`) is not a number. \
Not-yet-set markers (待定, TBD) are reported as missing values by other rules, and numbers \
the file's convention cannot settle by D006, not here.\n\n\
## Why it matters\n\
A number the tool cannot read is a number nobody can add up: the rollups skip it and the \
reconciliation checks cannot run.\n\n\
## Example\n\
Bad: `Q2 目标: 约三百万`\n\n\
Fixed: `Q2 目标: 300万`\n",
    doc_zh: "## 检查内容\n\
基线、目标值、季度目标、实际值或预算单元格中的文字无法读成数字。千位分隔符、全角数字、货币符号、`万`/`亿`/`k`/`M` 后缀、`(500)` 形式的负数和百分比都能读取，并按文件的小数点写法读取（欧洲导出文件中的 `1.250.000`）；带限定词的目标（`≥1200`、`不超过150`、`约500万`）和区间（`10-15%`，见 M008）也能读取；排名（`Top 3`、`前三`）不是数字。待定标记（待定、TBD）由其他规则作为缺失值报告，文件写法无法确定的数字由 D006 报告，都不在这里报。\n\n\
## 为什么重要\n\
工具读不出的数字也没人能加总：汇总会跳过它，核对类检查也无法进行。\n\n\
## 示例\n\
错误：`Q2 目标：约三百万`\n\n\
修正：`Q2 目标：300万`\n",
};

/// The numeric fields of a goal this rule checks, with their values.
pub(crate) fn numeric_fields(goal: &Goal) -> [(Field, &Num); 12] {
    [
        (Field::Baseline, &goal.baseline),
        (Field::Target, &goal.target),
        (Field::Q1, &goal.quarters[0]),
        (Field::Q2, &goal.quarters[1]),
        (Field::Q3, &goal.quarters[2]),
        (Field::Q4, &goal.quarters[3]),
        (Field::ActualQ1, &goal.actual_quarters[0]),
        (Field::ActualQ2, &goal.actual_quarters[1]),
        (Field::ActualQ3, &goal.actual_quarters[2]),
        (Field::ActualQ4, &goal.actual_quarters[3]),
        (Field::Actual, &goal.actual),
        (Field::Budget, &goal.budget),
    ]
}

impl Rule for NumberUnparsable {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn condemns_value(&self) -> bool {
        true
    }

    fn check(&self, ctx: &Context, out: &mut Vec<Finding>) {
        for goal in &ctx.plan.goals {
            for (field, value) in numeric_fields(goal) {
                if value.issue() != Some(&ValueIssue::Unparsable) {
                    continue;
                }
                let raw = value.raw.trim();
                let message = ctx.msg(
                    format!(
                        "{} \"{raw}\" of goal {} is not a number",
                        field_label(field, crate::model::Lang::En),
                        goal.label()
                    ),
                    format!(
                        "目标 {} 的{}“{raw}”不是数字",
                        goal.label(),
                        field_label(field, crate::model::Lang::Zh)
                    ),
                );
                out.push(ctx.goal_finding(&INFO, goal, field, value.cell, message));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::test_support::*;

    #[test]
    fn text_in_numeric_cells_fires_numbers_and_markers_do_not() {
        let mut plan = wide_plan();
        plan.goals = vec![
            goal(&plan, 2)
                .text(Field::Id, "KR1")
                .num(Field::Target, 1200.0)
                .unparsable(Field::Q2, "约三百万")
                .unparsable(Field::Budget, "see notes")
                .build(),
            goal(&plan, 3)
                .text(Field::Id, "KR2")
                .marker(Field::Target, "待定")
                .num_raw(Field::Q1, "1,200", Some(1200.0))
                .build(),
        ];
        let f = run(&NumberUnparsable, &plan);
        assert_eq!(hits(&f, "M003"), vec!["K2", "Q2"]);
        assert_eq!(
            f[0].message,
            "Q2 target \"约三百万\" of goal KR1 is not a number"
        );
        assert_eq!(f[0].field, Some("q2"));
    }
}
