//! E003 action-dates-missing: an action without a readable start or end.

use crate::model::{ActionField, DateField, ValueIssue};
use crate::rules::e::action_label;
use crate::rules::{Context, Finding, Letter, Rule, RuleInfo, Severity};

pub struct ActionDatesMissing;

static INFO: RuleInfo = RuleInfo {
    id: "E003",
    name: "action-dates-missing",
    letter: Letter::E,
    severity: Severity::Error,
    title_en: "Action has no start or end date",
    title_zh: "行动缺少开始或结束时间",
    hint_en: "Give the action a start and an end date (2026-03-01, 2026/3/31, Q2).",
    hint_zh: "为行动填写开始和结束时间（如 2026-03-01、2026/3/31、Q2）。",
    doc: "## What it checks\n\
An action's start or end cell is blank, holds a not-yet-set marker (`待定`, `TBD`), or \
holds text that is not a date or period. One finding per action, on the first missing \
date's cell, naming what is wrong with each.\n\n\
## Why it matters\n\
The action plan says when things happen; an action without dates cannot be scheduled, \
shown on the timeline, or checked against its goal's period.\n\n\
## Example\n\
Bad: `A4 | 发布会 | start: 2026-05-10 | end: 待定`.\n\
Fixed: `A4 | 发布会 | start: 2026-05-10 | end: 2026-05-12`.\n",
    doc_zh: "## 检查内容\n\
行动的开始或结束单元格为空、填的是待定标记（`待定`、`TBD`），或填的文字既不是日期也不是时段。每项行动报一条，位于第一个缺失日期的单元格，并说明每个日期的问题。\n\n\
## 为什么重要\n\
执行计划要说明事情何时发生；没有日期的行动无法排期、无法显示在时间线上，也无法与目标的期限核对。\n\n\
## 示例\n\
错误：`A4 | 发布会 | 开始：2026-05-10 | 结束：待定`。\n\
修正：`A4 | 发布会 | 开始：2026-05-10 | 结束：2026-05-12`。\n",
};

impl Rule for ActionDatesMissing {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn check(&self, ctx: &Context, out: &mut Vec<Finding>) {
        let Some(sheet) = &ctx.plan.actions else {
            return;
        };
        for action in &sheet.actions {
            let fields: [(ActionField, &DateField, &str, &str); 2] = [
                (ActionField::Start, &action.start, "start", "开始时间"),
                (ActionField::End, &action.end, "end", "结束时间"),
            ];
            // What is wrong with each missing date, in the action's words.
            let mut problems_en = Vec::new();
            let mut problems_zh = Vec::new();
            let mut first: Option<(ActionField, &DateField)> = None;
            for (field, value, en, zh) in fields {
                // A formula goalsheet could not compute is D005's.
                if value.value.is_some() || value.issue() == Some(&ValueIssue::FormulaNotComputed) {
                    continue;
                }
                first.get_or_insert((field, value));
                let raw = value.raw.trim();
                let (e, z) = match value.issue() {
                    Some(ValueIssue::Marker(m)) => (
                        format!("{en} date is \"{m}\", not set yet"),
                        format!("{zh}为“{m}”，尚未确定"),
                    ),
                    Some(_) => (
                        format!("{en} date \"{raw}\" is not a date"),
                        format!("{zh}“{raw}”无法识别为日期"),
                    ),
                    None => (format!("no {en} date"), format!("未填写{zh}")),
                };
                problems_en.push(e);
                problems_zh.push(z);
            }
            let Some((field, value)) = first else {
                continue;
            };
            let label = action_label(action);
            let message = ctx.msg(
                format!("action {label}: {}", problems_en.join("; ")),
                format!("行动 {label}：{}", problems_zh.join("；")),
            );
            out.push(ctx.action_finding(&INFO, action, field, value.cell, message));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testkit::*;

    #[test]
    fn blank_marker_and_unreadable_dates_fire_once_per_action() {
        let mut p = plan(vec![G::new(1, "G1").build()]);
        p.actions = Some(action_sheet(vec![
            A::new(1, "A1", "G1")
                .with(|a| a.end = issue_cell(at(1, 5), "待定", ValueIssue::Marker("待定".into())))
                .build(),
            A::new(2, "A2", "G1")
                .with(|a| {
                    a.start = blank_cell(at(2, 4));
                    a.end = issue_cell(at(2, 5), "soon", ValueIssue::Unparsable);
                })
                .build(),
        ]));
        let f = run(&ActionDatesMissing, &p);
        assert_eq!(
            hits(&f),
            vec![("E003", "Actions!F2".into()), ("E003", "Actions!E3".into())]
        );
        assert!(f[0].message.contains("\"待定\""), "{}", f[0].message);
        assert!(
            f[1].message
                .contains("no start date; end date \"soon\" is not a date"),
            "{}",
            f[1].message
        );
        assert_eq!(f[1].field, Some("start"));
    }

    #[test]
    fn dated_actions_are_fine() {
        let mut p = plan(vec![G::new(1, "G1").build()]);
        p.actions = Some(action_sheet(vec![A::new(1, "A1", "G1").build()]));
        assert!(run(&ActionDatesMissing, &p).is_empty());
        assert_info(&ActionDatesMissing);
    }
}
