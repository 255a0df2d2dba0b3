//! Timeline / 时间线: the action plan with one column per ISO week of the plan year, filled
//! where each action runs; one row per action, ruled off from the next. An action whose
//! dates cannot be read, are missing or end before they start gets a marker (⚠) and the
//! findings on its row in the Dates column, instead of an empty bar.
//!
//! The sheet is named Timeline / 时间线 (not Actions / 执行计划): the original action sheet
//! is often called 执行计划 itself, and a copy under an action-sheet name would be taken for
//! the action plan when the reviewed workbook is read back.

use chrono::{Datelike, NaiveDate, Weekday};
use rust_xlsxwriter::{Color, Format, FormatAlign, FormatBorder, Worksheet, XlsxError};

use super::{Ctx, Limits, MAX_ROWS, Styles, Text, Widths};
use crate::model::{Action, ActionSheet, Lang};

/// The ISO weeks of a year: (week number, Monday, Sunday).
pub(crate) fn iso_weeks(year: i32) -> Vec<(u32, NaiveDate, NaiveDate)> {
    (1..=53)
        .filter_map(|w| {
            let monday = NaiveDate::from_isoywd_opt(year, w, Weekday::Mon)?;
            let sunday = NaiveDate::from_isoywd_opt(year, w, Weekday::Sun)?;
            Some((w, monday, sunday))
        })
        .collect()
}

const DATES_COL: u16 = 6;
const FIRST_WEEK_COL: u16 = 7;
const HEADER_ROW: u32 = 2;

pub(crate) fn write(
    ctx: &Ctx,
    actions: &ActionSheet,
    limits: &mut Limits,
) -> Result<Worksheet, XlsxError> {
    let mut ws = Worksheet::new();
    ws.set_name(&ctx.names.timeline)?;
    let lang = ctx.lang;
    let year = ctx.plan.plan_year.or_else(|| {
        actions
            .actions
            .iter()
            .find_map(|a| a.start.value.map(|s| s.start.year()))
    });
    let title = match year {
        Some(y) => format!(
            "{} {y}",
            lang.pick("Action timeline by ISO week,", "行动时间线（按ISO周），")
        ),
        None => lang
            .pick(
                "Action timeline: no plan year and no start dates, so no weeks to show.",
                "行动时间线：没有计划年份和开始日期，无法按周显示。",
            )
            .to_string(),
    };
    ws.write_string_with_format(0, 0, title, &Styles::title())?;
    let header = Styles::header();
    let heads = [
        Text::Id,
        Text::Action,
        Text::Goal,
        Text::Owner,
        Text::Start,
        Text::End,
    ];
    let mut widths = Widths::default();
    for (c, h) in heads.iter().enumerate() {
        ws.write_string_with_format(HEADER_ROW, c as u16, ctx.text(*h), &header)?;
        widths.see(c as u32, ctx.text(*h));
    }
    let dates_head = lang.pick("Dates", "日期检查");
    ws.write_string_with_format(HEADER_ROW, DATES_COL, dates_head, &header)?;
    widths.see(u32::from(DATES_COL), dates_head);
    let weeks = year.map(iso_weeks).unwrap_or_default();
    let week_header = header
        .clone()
        .set_align(rust_xlsxwriter::FormatAlign::Center);
    for (k, (w, monday, _)) in weeks.iter().enumerate() {
        let col = FIRST_WEEK_COL + k as u16;
        ws.write_string_with_format(HEADER_ROW, col, format!("W{w}"), &week_header)?;
        ws.write_string_with_format(
            HEADER_ROW - 1,
            col,
            monday.format("%m-%d").to_string(),
            &Styles::note(),
        )?;
        ws.set_column_width(col, 4.5)?;
    }
    // Each row ruled off from the next; the bar's weeks filled.
    let rule = |f: Format| {
        f.set_border_bottom(FormatBorder::Thin)
            .set_border_bottom_color(Color::RGB(0xBFBFBF))
            .set_align(FormatAlign::Top)
    };
    let text = rule(Format::new());
    let date = rule(Styles::date());
    let week = rule(Format::new());
    let bar = rule(Format::new().set_background_color(Color::RGB(0x5B9BD5)));
    let marked = rule(
        Format::new()
            .set_background_color(super::severity_fill(crate::rules::Severity::Warning))
            .set_text_wrap(),
    );
    let max = (MAX_ROWS - HEADER_ROW - 1) as usize;
    if actions.actions.len() > max {
        limits.cut_rows += actions.actions.len() - max;
    }
    for (k, a) in actions.actions.iter().take(max).enumerate() {
        let r = HEADER_ROW + 1 + k as u32;
        for (c, t) in [
            (0u16, a.id.text()),
            (1, a.action.text()),
            (2, a.goal_id.text()),
            (3, a.owner.text()),
        ] {
            let t = limits.cell_text(t.unwrap_or_default());
            widths.see(u32::from(c), &t);
            ws.write_string_with_format(r, c, t, &text)?;
        }
        let start = a.start.value.map(|s| s.start);
        let end = a.end.value.map(|s| s.end);
        for (c, d, raw) in [(4u16, start, &a.start.raw), (5, end, &a.end.raw)] {
            match d.and_then(super::excel_date) {
                Some(dt) => {
                    widths.see(u32::from(c), "yyyy-mm-dd");
                    ws.write_datetime_with_format(r, c, &dt, &date)?;
                }
                None => {
                    let raw = limits.cell_text(raw.trim());
                    widths.see(u32::from(c), &raw);
                    ws.write_string_with_format(r, c, raw, &text)?;
                }
            }
        }
        let problem = date_problem(a, start, end, lang);
        match &problem {
            Some(why) => {
                let found = row_findings(ctx, actions, a.row);
                let note = std::iter::once(format!("⚠ {why}"))
                    .chain(found)
                    .collect::<Vec<_>>()
                    .join("\n");
                let note = limits.cell_text(&note);
                // The column grows to the longest line (up to 60 characters); longer lines
                // wrap, and the row is as tall as the wrapped lines.
                let lines: usize = note
                    .lines()
                    .map(|l| super::text_width(l).div_ceil(58).max(1))
                    .sum();
                for line in note.lines() {
                    widths.see(u32::from(DATES_COL), line);
                }
                ws.write_string_with_format(r, DATES_COL, &note, &marked)?;
                if lines > 1 {
                    ws.set_row_height(r, 15.0 * lines.min(20) as f64)?;
                }
            }
            None => {
                ws.write_string_with_format(r, DATES_COL, "✓", &text)?;
            }
        }
        for (j, (_, monday, sunday)) in weeks.iter().enumerate() {
            let runs = problem.is_none()
                && start
                    .zip(end)
                    .is_some_and(|(s, e)| s <= *sunday && e >= *monday);
            let col = FIRST_WEEK_COL + j as u16;
            ws.write_blank(r, col, if runs { &bar } else { &week })?;
        }
    }
    widths.apply(&mut ws)?;
    // Week columns stay narrow.
    for k in 0..weeks.len() {
        ws.set_column_width(FIRST_WEEK_COL + k as u16, 4.5)?;
    }
    ws.set_freeze_panes(HEADER_ROW + 1, FIRST_WEEK_COL)?;
    Ok(ws)
}

/// What is wrong with an action's dates, if anything: unreadable, missing, or an end
/// before the start.
fn date_problem(
    a: &Action,
    start: Option<NaiveDate>,
    end: Option<NaiveDate>,
    lang: Lang,
) -> Option<String> {
    let unreadable =
        |raw: &str, value: Option<NaiveDate>| value.is_none() && !raw.trim().is_empty();
    if unreadable(&a.start.raw, start) || unreadable(&a.end.raw, end) {
        return Some(
            lang.pick("dates cannot be read", "日期无法识别")
                .to_string(),
        );
    }
    match (start, end) {
        (Some(s), Some(e)) if e < s => Some(
            lang.pick("ends before it starts", "结束早于开始")
                .to_string(),
        ),
        (None, _) | (_, None) => Some(lang.pick("no dates", "缺少日期").to_string()),
        _ => None,
    }
}

/// The findings on an action's row of the action sheet, as `rule: message` lines.
fn row_findings(ctx: &Ctx, actions: &ActionSheet, row: u32) -> Vec<String> {
    ctx.findings
        .iter()
        .filter(|f| f.sheet == actions.sheet && f.cell.is_some_and(|c| c.row == row))
        .map(|f| format!("{}: {}", f.rule, f.message))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iso_weeks_of_a_year() {
        assert_eq!(iso_weeks(2026).len(), 53);
        assert_eq!(iso_weeks(2025).len(), 52);
        let first = iso_weeks(2026)[0];
        assert_eq!(first.1, NaiveDate::from_ymd_opt(2025, 12, 29).unwrap());
    }
}
