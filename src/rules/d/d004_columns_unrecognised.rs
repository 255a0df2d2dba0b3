//! D004 columns-unrecognised: header cells that matched no field.

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
Header cells on the goal sheet that matched no field. One plan-level finding lists them \
with their column letters.\n\n\
## Why it matters\n\
An unrecognised column is ignored: if it holds the owner or the due date under an unusual \
name, every goal will look like it lacks one.\n\n\
## Example\n\
Bad: a column headed `拍板人` holding the owners.\n\
Fixed: head it `负责人`, or add `拍板人` to `[headers] owner` in goalsheet.toml.\n",
};

impl Rule for ColumnsUnrecognised {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn check(&self, ctx: &Context, out: &mut Vec<Finding>) {
        let unknown = &ctx.plan.unknown_columns;
        if unknown.is_empty() {
            return;
        }
        let en: Vec<String> = unknown
            .iter()
            .map(|(c, h)| format!("{} \"{}\"", CellPos::column_letters(*c), h.trim()))
            .collect();
        let zh: Vec<String> = unknown
            .iter()
            .map(|(c, h)| format!("{} 列“{}”", CellPos::column_letters(*c), h.trim()))
            .collect();
        let (n, sheet) = (unknown.len(), &ctx.plan.sheet);
        let message = ctx.msg(
            format!(
                "{} on sheet \"{sheet}\" {} no field and {} ignored: {}",
                show::count(n, "column", "columns"),
                if n == 1 { "matches" } else { "match" },
                if n == 1 { "is" } else { "are" },
                show::list(&en, 12, ", ")
            ),
            format!(
                "工作表“{sheet}”有 {n} 列无法识别，已忽略：{}",
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
    fn all_columns_recognised_is_fine() {
        let p = plan(vec![G::new(1, "G1").build()]);
        assert!(run(&ColumnsUnrecognised, &p).is_empty());
        assert_info(&ColumnsUnrecognised);
    }
}
