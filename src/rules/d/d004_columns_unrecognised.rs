//! D004 columns-unrecognised: header cells that matched no field, and header cells naming a
//! field already read from another column; neither is read.

use crate::model::CellPos;
use crate::rules::{Context, Finding, Letter, Rule, RuleInfo, Severity, show};

pub struct ColumnsUnrecognised;

static INFO: RuleInfo = RuleInfo {
    id: "D004",
    name: "columns-unrecognised",
    letter: Letter::D,
    severity: Severity::Info,
    title_en: "Columns not recognised",
    title_zh: "存在未识别的列",
    hint_en: "If the column holds a goal field, rename its header to a usual name (Owner, Target, Q1, Due date, Budget…); columns that are only notes can stay as they are.",
    hint_zh: "如果该列是目标字段，请将表头改为常用名称（负责人、目标值、一季度、截止日期、预算等）；仅作备注的列可以保留。",
    doc: "## What it checks\n\
Header cells on the goal sheet that matched no field, and header cells naming a field \
already read from a column to their left (a second `负责人`, a second `Target` outside any \
quarter band). One plan-level finding lists them with their column letters. Recognised \
derived columns (Progress, Score, 完成率) are not listed.\n\n\
## Why it matters\n\
An unrecognised column is ignored: if it holds the owner or the due date under an unusual \
name, every goal will look like it lacks one.\n\n\
## Example\n\
Bad: a column headed `拍板人` holding the owners.\n\
Fixed: head it `负责人`, or add `拍板人` to `[headers] owner` in goalsheet.toml.\n",
    doc_zh: "## 检查内容\n\
目标表中没有对应任何字段的表头单元格。报一条计划级问题，列出这些表头及其列号。\n\n\
## 为什么重要\n\
无法识别的列会被忽略：如果它以不常见的名称存放负责人或截止日期，每个目标看起来都会缺少这一项。\n\n\
## 示例\n\
错误：一列表头为 `拍板人`，内容是负责人。\n\
修正：表头改为 `负责人`，或在 goalsheet.toml 的 `[headers] owner` 中加入 `拍板人`。\n",
};

impl Rule for ColumnsUnrecognised {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn check(&self, ctx: &Context, out: &mut Vec<Finding>) {
        let plan = ctx.plan;
        let mut dropped: Vec<(u32, &str, Option<crate::model::Field>)> = plan
            .unknown_columns
            .iter()
            .map(|(c, h)| (*c, h.as_str(), None))
            .chain(
                plan.duplicate_columns
                    .iter()
                    .map(|(c, h, f)| (*c, h.as_str(), Some(*f))),
            )
            .collect();
        if dropped.is_empty() {
            return;
        }
        dropped.sort_by_key(|d| d.0);
        let en: Vec<String> = dropped
            .iter()
            .map(|(c, h, f)| {
                let col = CellPos::column_letters(*c);
                match f {
                    None => format!("{col} \"{}\"", h.trim()),
                    Some(f) => format!(
                        "{col} \"{}\" (a second {} column)",
                        h.trim(),
                        crate::rules::text::field_label(*f, crate::model::Lang::En)
                    ),
                }
            })
            .collect();
        let zh: Vec<String> = dropped
            .iter()
            .map(|(c, h, f)| {
                let col = CellPos::column_letters(*c);
                match f {
                    None => format!("{col} 列“{}”", h.trim()),
                    Some(f) => format!(
                        "{col} 列“{}”（重复的{}列）",
                        h.trim(),
                        crate::rules::text::field_label(*f, crate::model::Lang::Zh)
                    ),
                }
            })
            .collect();
        let (n, sheet) = (dropped.len(), &plan.sheet);
        let why_zh = if plan.duplicate_columns.is_empty() {
            "无法识别"
        } else {
            "无法识别或重复"
        };
        let message = ctx.msg(
            format!(
                "{} on sheet \"{sheet}\" {} and {} ignored: {}",
                show::count(n, "column", "columns"),
                match (n == 1, plan.duplicate_columns.is_empty()) {
                    (true, true) => "matches no field",
                    (false, true) => "match no field",
                    (true, false) => "matches no field or repeats one",
                    (false, false) => "match no field or repeat one",
                },
                if n == 1 { "is" } else { "are" },
                show::list(&en, 12, ", ")
            ),
            format!(
                "工作表“{sheet}”有 {n} 列{why_zh}，已忽略：{}",
                show::list(&zh, 12, "、")
            ),
        );
        out.push(ctx.plan_finding(&INFO, message));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testkit::*;

    #[test]
    fn unknown_columns_give_one_plan_level_finding_listing_them() {
        let mut p = plan(vec![G::new(1, "G1").build()]);
        p.unknown_columns = vec![(18, "拍板人".into()), (20, "Remark 2".into())];
        let f = run(&ColumnsUnrecognised, &p);
        assert_eq!(hits(&f), vec![("D004", "Goals!-".into())]);
        assert!(
            f[0].message.contains("S \"拍板人\", U \"Remark 2\""),
            "{}",
            f[0].message
        );
    }

    #[test]
    fn a_second_column_of_a_mapped_field_is_listed_with_its_field() {
        let mut p = plan(vec![G::new(1, "G1").build()]);
        p.duplicate_columns = vec![(9, "Target".into(), crate::model::Field::Target)];
        p.unknown_columns = vec![(18, "拍板人".into())];
        let f = run(&ColumnsUnrecognised, &p);
        assert_eq!(hits(&f), vec![("D004", "Goals!-".into())]);
        assert!(f[0].message.starts_with("2 columns"), "{}", f[0].message);
        assert!(
            f[0].message
                .contains("J \"Target\" (a second annual target column), S \"拍板人\""),
            "{}",
            f[0].message
        );
    }

    #[test]
    fn derived_columns_are_recognised_not_listed() {
        let mut p = plan(vec![G::new(1, "G1").build()]);
        p.derived_columns = vec![(8, "Q1 2026 Progress".into())];
        assert!(run(&ColumnsUnrecognised, &p).is_empty());
    }

    #[test]
    fn all_columns_recognised_is_fine() {
        let p = plan(vec![G::new(1, "G1").build()]);
        assert!(run(&ColumnsUnrecognised, &p).is_empty());
        assert_info(&ColumnsUnrecognised);
    }
}
