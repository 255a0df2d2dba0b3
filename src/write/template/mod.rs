//! `goalsheet template`: a planning workbook laid out the way goalsheet reads best — the goal
//! sheet with every field and its dropdowns, an action plan, a budget with its contingency
//! reserve (机动资金) and total, and an instructions sheet that explains SMART, each column
//! and the four dimensions with a worked example each.
//!
//! ```
//! let bytes = goalsheet::write::template::template_bytes(goalsheet::model::Lang::Zh, 2027, false)
//!     .expect("template");
//! assert!(bytes.starts_with(b"PK"));
//! ```

use rust_xlsxwriter::{
    Color, DataValidation, DataValidationErrorStyle, DataValidationRule, ExcelDateTime, Format,
    FormatAlign, FormatBorder, Workbook, Worksheet, XlsxError,
};

use crate::model::Lang;

mod columns;
mod example;
mod guide;

use columns::{ACTION_COLUMNS, BUDGET_COLUMNS, Column, FIRST_QUARTER, GOAL_COLUMNS, Input};
use example::Example;

/// Rows below the header that get the columns' dropdowns and formats.
const ROWS: u32 = 300;
/// Budget lines above the reserve line of a blank template.
const BUDGET_LINES: u32 = 20;

/// The sheet names, by language.
pub(super) struct Names {
    pub goals: &'static str,
    pub actions: &'static str,
    pub budget: &'static str,
    pub guide: &'static str,
}

fn names(zh: bool) -> Names {
    if zh {
        Names {
            goals: "目标分解",
            actions: "执行计划",
            budget: "预算",
            guide: "填写说明",
        }
    } else {
        Names {
            goals: "Goals",
            actions: "Action Plan",
            budget: "Budget",
            guide: "Instructions",
        }
    }
}

/// The template workbook's bytes for a plan year, in English or Chinese; with `example`, its
/// sheets hold a worked plan (one objective per dimension, key results, actions, budget lines)
/// that checks clean, to be overwritten by the team's own.
///
/// # Errors
/// rust_xlsxwriter's, should a sheet not build (never for these fixed contents).
pub fn template_bytes(lang: Lang, year: i32, example: bool) -> Result<Vec<u8>, XlsxError> {
    let zh = lang == Lang::Zh;
    let names = names(zh);
    let example = example.then(|| Example::new(zh, year));
    let mut wb = Workbook::new();
    wb.set_properties(&crate::write::fixed_properties());
    let sheets = [
        goal_sheet(zh, year, &names, example.as_ref())?,
        action_sheet(zh, year, &names, example.as_ref())?,
        budget_sheet(zh, year, &names, example.as_ref())?,
        guide::sheet(zh, year, &names)?,
    ];
    for mut ws in sheets {
        // Printed, every sheet is one page wide, landscape, on A4.
        ws.set_landscape()
            .set_paper_size(9)
            .set_print_fit_to_pages(1, 0);
        wb.push_worksheet(ws);
    }
    wb.save_to_buffer()
}

fn header_format() -> Format {
    Format::new()
        .set_bold()
        .set_background_color(Color::RGB(0xD9E1F2))
        .set_border(FormatBorder::Thin)
        .set_align(FormatAlign::Center)
        .set_align(FormatAlign::VerticalCenter)
        .set_text_wrap()
}

/// The cell format of a column's data cells: text stays text (an id `1.1` is not a number),
/// numbers get thousands separators without invented decimals, dates read as dates.
fn column_format(c: &Column) -> Format {
    match c.input {
        Input::Text | Input::List { .. } => Format::new().set_num_format("@"),
        Input::Number => Format::new().set_num_format("General"),
        Input::Money => Format::new().set_num_format("#,##0"),
        Input::Date => Format::new().set_num_format("yyyy-mm-dd"),
    }
}

/// The column's dropdown or date check, if it has one.
fn validation(c: &Column, zh: bool, year: i32) -> Result<Option<DataValidation>, XlsxError> {
    let pick = |en: &str, zh_text: &str| {
        if zh {
            zh_text.to_string()
        } else {
            en.to_string()
        }
    };
    Ok(Some(match c.input {
        Input::Text | Input::Number | Input::Money => return Ok(None),
        Input::List { list, strict } => {
            let v = DataValidation::new()
                .allow_list_strings(list.values(zh))?
                .set_input_title(c.header(zh).chars().take(32).collect::<String>())?;
            if strict {
                v.set_error_message(pick("Pick a value from the list.", "请从下拉列表中选择。"))?
            } else {
                // Teams have their own channels and units: warn, keep the value.
                v.set_error_style(DataValidationErrorStyle::Information)
                    .set_error_message(pick(
                        "Not in the usual list — kept as typed.",
                        "不在常用列表中，将按输入保留。",
                    ))?
            }
        }
        Input::Date => {
            let first = ExcelDateTime::from_ymd((year - 1) as u16, 1, 1)?;
            let last = ExcelDateTime::from_ymd((year + 1) as u16, 12, 31)?;
            DataValidation::new()
                .allow_date(DataValidationRule::Between(first, last))
                .set_error_style(DataValidationErrorStyle::Information)
                .set_error_message(pick(
                    "A date near the plan year — or a period such as Q3 or H1.",
                    "请填写计划年度附近的日期，或季度、半年（如 Q3、上半年）。",
                ))?
        }
    }))
}

/// Column widths, formats and validations for `columns` from `first_row` on.
fn set_up_columns(
    ws: &mut Worksheet,
    columns: &[Column],
    first_row: u32,
    zh: bool,
    year: i32,
) -> Result<(), XlsxError> {
    for (c, column) in columns.iter().enumerate() {
        let c = c as u16;
        ws.set_column_width(c, column.width)?;
        ws.set_column_format(c, &column_format(column))?;
        if let Some(v) = validation(column, zh, year)? {
            ws.add_data_validation(first_row, c, first_row + ROWS, c, &v)?;
        }
    }
    Ok(())
}

fn goal_sheet(
    zh: bool,
    year: i32,
    names: &Names,
    example: Option<&Example>,
) -> Result<Worksheet, XlsxError> {
    let mut ws = Worksheet::new();
    ws.set_name(names.goals)?;
    let last = (GOAL_COLUMNS.len() - 1) as u16;
    let title = if zh {
        format!("{year}年营销目标分解表")
    } else {
        format!("FY{year} Marketing Plan")
    };
    ws.merge_range(
        0,
        0,
        0,
        last,
        &title,
        &Format::new().set_bold().set_font_size(16),
    )?;
    let note = if zh {
        format!(
            "说明：一行一个目标或关键结果，上级目标填其编号；比率单位填 %；截止日期写日期或季度。各列怎么填见“{}”工作表。",
            names.guide
        )
    } else {
        format!(
            "One goal or key result per row; Parent holds the parent's ID; unit % for rates; due date as a date or a quarter. See the \"{}\" sheet for each column.",
            names.guide
        )
    };
    ws.merge_range(1, 0, 1, last, &note, &Format::new().set_italic())?;
    let head = header_format();
    // Two header rows: the quarterly targets under one band, every other header merged down.
    let quarters = FIRST_QUARTER..FIRST_QUARTER + 4;
    for (c, column) in GOAL_COLUMNS.iter().enumerate() {
        if quarters.contains(&c) {
            ws.write_string_with_format(3, c as u16, column.header(zh), &head)?;
        } else {
            ws.merge_range(2, c as u16, 3, c as u16, column.header(zh), &head)?;
        }
    }
    let band = if zh {
        "季度目标"
    } else {
        "Quarterly targets"
    };
    ws.merge_range(
        2,
        FIRST_QUARTER as u16,
        2,
        FIRST_QUARTER as u16 + 3,
        band,
        &head,
    )?;
    ws.set_row_height(3, 30)?;
    set_up_columns(&mut ws, &GOAL_COLUMNS, 4, zh, year)?;
    ws.set_freeze_panes(4, 2)?;
    if let Some(example) = example {
        example.write_goals(&mut ws, 4)?;
    }
    Ok(ws)
}

/// A one-row header of `columns` in row 1.
fn header_row(ws: &mut Worksheet, columns: &[Column], zh: bool) -> Result<(), XlsxError> {
    let head = header_format();
    for (c, column) in columns.iter().enumerate() {
        ws.write_string_with_format(0, c as u16, column.header(zh), &head)?;
    }
    Ok(())
}

fn action_sheet(
    zh: bool,
    year: i32,
    names: &Names,
    example: Option<&Example>,
) -> Result<Worksheet, XlsxError> {
    let mut ws = Worksheet::new();
    ws.set_name(names.actions)?;
    header_row(&mut ws, &ACTION_COLUMNS, zh)?;
    set_up_columns(&mut ws, &ACTION_COLUMNS, 1, zh, year)?;
    ws.set_freeze_panes(1, 0)?;
    if let Some(example) = example {
        example.write_actions(&mut ws, 1)?;
    }
    Ok(ws)
}

fn budget_sheet(
    zh: bool,
    year: i32,
    names: &Names,
    example: Option<&Example>,
) -> Result<Worksheet, XlsxError> {
    let mut ws = Worksheet::new();
    ws.set_name(names.budget)?;
    header_row(&mut ws, &BUDGET_COLUMNS, zh)?;
    for (c, column) in BUDGET_COLUMNS.iter().enumerate() {
        ws.set_column_width(c as u16, column.width)?;
    }
    let amount_col = (BUDGET_COLUMNS.len() - 1) as u16;
    let money = Format::new().set_num_format("#,##0");
    let lines = match example {
        Some(example) => example.write_budget_lines(&mut ws, 1, &money)?,
        None => BUDGET_LINES,
    };
    // The lines' dropdowns (the channel), down to the reserve line.
    for (c, column) in BUDGET_COLUMNS.iter().enumerate() {
        if let Some(v) = validation(column, zh, year)? {
            ws.add_data_validation(1, c as u16, lines, c as u16, &v)?;
        }
    }
    // The contingency reserve and the total, under the lines.
    let reserve_row = 1 + lines;
    let reserve = if zh {
        "机动资金"
    } else {
        "Contingency reserve"
    };
    ws.write_string_with_format(reserve_row, 0, reserve, &Format::new().set_bold())?;
    let reserve_amount = example.map(Example::reserve);
    match reserve_amount {
        Some(v) => ws.write_number_with_format(reserve_row, amount_col, v, &money)?,
        None => ws.write_blank(reserve_row, amount_col, &money)?,
    };
    let total_row = reserve_row + 1;
    let total = if zh { "合计" } else { "Total" };
    let bold = Format::new().set_bold().set_border_top(FormatBorder::Thin);
    ws.write_string_with_format(total_row, 0, total, &bold)?;
    let sum = example.map_or(0.0, Example::budget_total);
    let formula = rust_xlsxwriter::Formula::new(format!(
        "=SUM(D2:D{})",
        reserve_row + 1 // 1-based: the reserve's row
    ))
    .set_result(crate::write::review::result_text(sum));
    ws.write_formula_with_format(
        total_row,
        amount_col,
        formula,
        &bold.clone().set_num_format("#,##0"),
    )?;
    ws.set_freeze_panes(1, 0)?;
    Ok(ws)
}
