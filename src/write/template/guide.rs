//! The instructions sheet (填写说明 / Instructions): SMART in a table, what each column of each
//! sheet takes, and the four dimensions with one worked goal each.

use rust_xlsxwriter::{Format, FormatAlign, Worksheet, XlsxError};

use super::columns::{ACTION_COLUMNS, BUDGET_COLUMNS, Column, GOAL_COLUMNS, List};
use super::example::{Example, Value};
use super::{Names, header_format};

/// The five SMART letters: (letter, English name, Chinese name, what it asks, in both).
const SMART: [(&str, &str, &str, &str, &str); 5] = [
    (
        "S",
        "Specific",
        "具体",
        "One result, one accountable owner, worded as an outcome — not \"improve the brand\".",
        "一个结果、一位负责人，写成结果而不是口号（不要只写“提升品牌”）。",
    ),
    (
        "M",
        "Measurable",
        "可衡量",
        "A metric, a unit, a baseline and a numeric target; quarters that add up to the year.",
        "有指标、单位、基线和数值目标；季度目标与全年目标一致。",
    ),
    (
        "A",
        "Achievable",
        "可实现",
        "A stretch, not a leap: growth over the baseline that the budget and actions can carry.",
        "有挑战但可实现：相对基线的增长要有预算和行动支撑。",
    ),
    (
        "R",
        "Relevant",
        "相关性",
        "Every key result serves its objective (Parent) and one of the four dimensions.",
        "每个关键结果都支撑其上级目标，并归入四个维度之一。",
    ),
    (
        "T",
        "Time-bound",
        "时限性",
        "A due date or period inside the plan year; quarterly targets before it.",
        "有计划年度内的截止日期或期间；季度目标不晚于截止日期。",
    ),
];

/// Column widths, in characters: sheet or dimension, column or goal, the explanation, and
/// the worked example's metric, unit, baseline, target, owner.
const WIDTHS: [f64; 8] = [20.0, 28.0, 62.0, 22.0, 8.0, 10.0, 10.0, 14.0];

/// Display width of a text: a Chinese character takes two columns.
fn display_width(text: &str) -> usize {
    text.chars().map(|c| if c.is_ascii() { 1 } else { 2 }).sum()
}

/// Texts in one row, every cell top-aligned and wrapped, the row as tall as its longest
/// wrapped cell.
fn write_row(ws: &mut Worksheet, row: u32, cells: &[(u16, &str)]) -> Result<(), XlsxError> {
    let wrap = Format::new().set_text_wrap().set_align(FormatAlign::Top);
    let mut lines = 1.0f64;
    for &(col, text) in cells {
        ws.write_string_with_format(row, col, text, &wrap)?;
        let width = WIDTHS.get(usize::from(col)).copied().unwrap_or(10.0);
        // Rendered text runs wider than the nominal width: count on 80% of it.
        lines = lines.max((display_width(text) as f64 / (width * 0.8)).ceil());
    }
    if lines > 1.0 {
        ws.set_row_height(row, 15.0 * lines)?;
    }
    Ok(())
}

pub(super) fn sheet(zh: bool, year: i32, names: &Names) -> Result<Worksheet, XlsxError> {
    let mut ws = Worksheet::new();
    ws.set_name(names.guide)?;
    let title = Format::new().set_bold().set_font_size(16);
    let section = Format::new().set_bold().set_font_size(12);
    let head = header_format();
    let pick = |en: &'static str, zh_text: &'static str| if zh { zh_text } else { en };
    for (c, width) in [14.0, 22.0, 70.0, 14.0, 12.0, 10.0, 10.0, 12.0]
        .iter()
        .enumerate()
    {
        ws.set_column_width(c as u16, *width)?;
    }
    ws.write_string_with_format(
        0,
        0,
        pick("How to fill in this plan", "如何填写本计划"),
        &title,
    )?;
    ws.write_string(
        1,
        0,
        pick(
            "Each goal should be SMART. goalsheet checks every row against these rules and marks what is missing.",
            "每个目标都应符合 SMART 原则。goalsheet 会逐行检查，并标出缺少的内容。",
        ),
    )?;

    let mut row = 3;
    ws.write_string_with_format(row, 0, "SMART", &section)?;
    row += 1;
    for (c, h) in [
        pick("Letter", "字母"),
        pick("Means", "含义"),
        pick("In this plan", "在本计划中"),
    ]
    .iter()
    .enumerate()
    {
        ws.write_string_with_format(row, c as u16, *h, &head)?;
    }
    row += 1;
    for (letter, en, zh_name, ask_en, ask_zh) in SMART {
        let name = if zh { zh_name } else { en };
        write_row(
            &mut ws,
            row,
            &[
                (0, letter),
                (1, name),
                (2, if zh { ask_zh } else { ask_en }),
            ],
        )?;
        row += 1;
    }

    row += 1;
    ws.write_string_with_format(row, 0, pick("Columns", "各列说明"), &section)?;
    row += 1;
    for (c, h) in [
        pick("Sheet", "工作表"),
        pick("Column", "列"),
        pick("What to write", "填写内容"),
    ]
    .iter()
    .enumerate()
    {
        ws.write_string_with_format(row, c as u16, *h, &head)?;
    }
    row += 1;
    let sheets: [(&str, &[Column]); 3] = [
        (names.goals, &GOAL_COLUMNS),
        (names.actions, &ACTION_COLUMNS),
        (names.budget, &BUDGET_COLUMNS),
    ];
    for (sheet, columns) in sheets {
        for c in columns.iter().filter(|c| !c.help(zh).is_empty()) {
            write_row(
                &mut ws,
                row,
                &[(0, sheet), (1, c.header(zh)), (2, c.help(zh))],
            )?;
            row += 1;
        }
    }
    let reserve = pick(
        "Keep a contingency reserve line (at least 5% of the total) under the budget lines; the total adds up every line.",
        "在预算项目下保留“机动资金”一行（不少于总预算的 5%）；合计行为各行之和。",
    );
    let reserve_name = pick("Contingency reserve", "机动资金");
    write_row(
        &mut ws,
        row,
        &[(0, names.budget), (1, reserve_name), (2, reserve)],
    )?;
    row += 2;

    ws.write_string_with_format(
        row,
        0,
        pick(
            "The four dimensions, with a worked goal each",
            "四个目标维度及示例",
        ),
        &section,
    )?;
    row += 1;
    let heads = [
        pick("Dimension", "目标维度"),
        pick("Goal", "目标"),
        pick("What it covers", "涵盖内容"),
        pick("Metric", "衡量指标"),
        pick("Unit", "单位"),
        pick("Baseline", "基线"),
        pick("Target", "全年目标"),
        pick("Owner", "负责人"),
    ];
    for (c, h) in heads.iter().enumerate() {
        ws.write_string_with_format(row, c as u16, *h, &head)?;
    }
    row += 1;
    let covers: [(&str, &str); 4] = [
        (
            "Revenue, orders, new customers, market share.",
            "销售额、订单、新客户、市场份额。",
        ),
        (
            "Awareness, reach, followers, reputation.",
            "认知度、曝光、粉丝、口碑。",
        ),
        (
            "Retention, repeat purchase, satisfaction, membership.",
            "留存、复购、满意度、会员。",
        ),
        (
            "Cost per acquisition, ROI, conversion, spend efficiency.",
            "获客成本、投入产出比、转化率、费用效率。",
        ),
    ];
    let example = Example::new(zh, year);
    let dims = List::Dimension.values(zh);
    let top = Format::new().set_align(FormatAlign::Top);
    let percent = top.clone().set_num_format("0%");
    for (d, dimension) in dims.iter().enumerate() {
        // The top goal of each dimension in the worked plan.
        let Some(g) = example
            .goals
            .iter()
            .find(|g| g.dimension == d && g.parent.is_empty())
        else {
            continue;
        };
        let (en, zh_text) = covers[d];
        let texts = [
            (0, *dimension),
            (1, g.objective),
            (2, if zh { zh_text } else { en }),
            (3, g.metric),
            (4, g.unit),
            (7, g.owner),
        ];
        write_row(&mut ws, row, &texts)?;
        for (c, v) in [(5, g.baseline), (6, g.target)] {
            match v {
                Value::Amount(x) => ws.write_number_with_format(row, c, x, &top)?,
                Value::Percent(x) => ws.write_number_with_format(row, c, x, &percent)?,
            };
        }
        row += 1;
    }
    row += 1;
    ws.write_string(
        row,
        0,
        pick(
            "Keep one goal per row and the header as it is; extra columns of your own are fine, and a totals row under the goals is recognised.",
            "每行一个目标，表头保持不变；可以增加自己的列，目标下方的合计行会被识别。",
        ),
    )?;
    Ok(ws)
}
