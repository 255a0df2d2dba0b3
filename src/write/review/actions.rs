//! Timeline / 时间线: the action plan with one column per ISO week of the plan year, filled
//! where each action runs.
//!
//! The sheet is named Timeline / 时间线 (not Actions / 执行计划): the original action sheet
//! is often called 执行计划 itself, and a copy under an action-sheet name would be taken for
//! the action plan when the reviewed workbook is read back.

use chrono::{Datelike, NaiveDate, Weekday};
use rust_xlsxwriter::{Color, Format, Worksheet, XlsxError};

use super::{Ctx, Limits, MAX_ROWS, Styles, Text, Widths};
use crate::model::ActionSheet;

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

const FIRST_WEEK_COL: u16 = 6;
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
    let date = Styles::date();
    let bar = Format::new().set_background_color(Color::RGB(0x5B9BD5));
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
            if let Some(t) = t {
                let t = limits.cell_text(t);
                widths.see(u32::from(c), &t);
                ws.write_string(r, c, t)?;
            }
        }
        let start = a.start.value.map(|s| s.start);
        let end = a.end.value.map(|s| s.end);
        for (c, d, raw) in [(4u16, start, &a.start.raw), (5, end, &a.end.raw)] {
            match d.and_then(to_excel) {
                Some(dt) => {
                    widths.see(u32::from(c), "yyyy-mm-dd");
                    ws.write_datetime_with_format(r, c, &dt, &date)?;
                }
                None if !raw.trim().is_empty() => {
                    ws.write_string(r, c, limits.cell_text(raw))?;
                }
                None => {}
            }
        }
        if let (Some(s), Some(e)) = (start, end) {
            for (j, (_, monday, sunday)) in weeks.iter().enumerate() {
                if s <= *sunday && e >= *monday {
                    ws.write_blank(r, FIRST_WEEK_COL + j as u16, &bar)?;
                }
            }
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

fn to_excel(d: NaiveDate) -> Option<rust_xlsxwriter::ExcelDateTime> {
    let year = u16::try_from(d.year())
        .ok()
        .filter(|y| (1900..=9999).contains(y))?;
    rust_xlsxwriter::ExcelDateTime::from_ymd(year, d.month() as u8, d.day() as u8).ok()
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
