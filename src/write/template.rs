//! `goalsheet template`: a blank planning workbook laid out the way goalsheet reads best.

use rust_xlsxwriter::{
    DataValidation, Format, FormatAlign, FormatBorder, Formula, Workbook, XlsxError,
};

use crate::model::Lang;

struct Words {
    goal_sheet: &'static str,
    title: &'static str,
    note: &'static str,
    header: [&'static str; 18],
    band: &'static str,
    quarters: [&'static str; 4],
    dimensions: [&'static str; 4],
    action_sheet: &'static str,
    action_header: [&'static str; 9],
    budget_sheet: &'static str,
    budget_header: [&'static str; 4],
    reserve: &'static str,
    total: &'static str,
}

const ZH: Words = Words {
    goal_sheet: "目标分解",
    title: "年营销目标分解表",
    note: "说明：一行一个目标或关键结果；上级目标填其编号；百分比指标单位填 %；金额单位为万元；截止日期写日期或季度（如 Q3）。",
    header: [
        "编号",
        "上级目标",
        "目标维度",
        "目标",
        "关键结果(KR)",
        "衡量指标",
        "单位",
        "基线",
        "全年目标",
        "",
        "",
        "",
        "",
        "负责人",
        "渠道",
        "截止日期",
        "预算(万元)",
        "备注",
    ],
    band: "季度目标",
    quarters: ["一季度", "二季度", "三季度", "四季度"],
    dimensions: ["业务增长", "品牌建设", "客户运营", "营销效率"],
    action_sheet: "执行计划",
    action_header: [
        "编号",
        "所属目标",
        "做什么",
        "怎么做",
        "谁来做",
        "开始日期",
        "结束日期",
        "需要什么资源",
        "预算(万元)",
    ],
    budget_sheet: "预算",
    budget_header: ["项目", "负责人", "渠道", "预算(万元)"],
    reserve: "机动资金",
    total: "合计",
};

const EN: Words = Words {
    goal_sheet: "Goals",
    title: " Marketing Plan",
    note: "One goal or key result per row; Parent holds the parent's ID; unit % for percentages; due date as a date or a quarter (e.g. Q3).",
    header: [
        "ID",
        "Parent",
        "Dimension",
        "Objective",
        "Key Result",
        "Metric",
        "Unit",
        "Baseline",
        "Annual target",
        "",
        "",
        "",
        "",
        "Owner",
        "Channel",
        "Due date",
        "Budget",
        "Notes",
    ],
    band: "Quarterly targets",
    quarters: ["Q1", "Q2", "Q3", "Q4"],
    dimensions: [
        "Business growth",
        "Brand",
        "Customer operations",
        "Marketing efficiency",
    ],
    action_sheet: "Action Plan",
    action_header: [
        "Action ID",
        "Goal ID",
        "Action",
        "How",
        "Owner",
        "Start",
        "End",
        "Resources",
        "Budget",
    ],
    budget_sheet: "Budget",
    budget_header: ["Item", "Owner", "Channel", "Amount"],
    reserve: "Contingency reserve",
    total: "Total",
};

/// The template workbook's bytes for a plan year, in English or Chinese.
pub fn template_bytes(lang: Lang, year: i32) -> Result<Vec<u8>, XlsxError> {
    let w = match lang {
        Lang::Zh => &ZH,
        Lang::En => &EN,
    };
    let mut wb = Workbook::new();
    wb.set_properties(&crate::write::fixed_properties());
    let head = Format::new()
        .set_bold()
        .set_background_color("D9E1F2")
        .set_border(FormatBorder::Thin)
        .set_align(FormatAlign::Center)
        .set_align(FormatAlign::VerticalCenter)
        .set_text_wrap();
    let title = Format::new().set_bold().set_font_size(16);
    let date = Format::new().set_num_format("yyyy-mm-dd");
    let rows_to_format = 200;

    let ws = wb.add_worksheet();
    ws.set_name(w.goal_sheet)?;
    let title_text = match lang {
        Lang::Zh => format!("{year}{}", w.title),
        Lang::En => format!("FY{year}{}", w.title),
    };
    ws.merge_range(0, 0, 0, 17, &title_text, &title)?;
    ws.write_string(1, 0, w.note)?;
    for (c, h) in w.header.iter().enumerate() {
        let c = c as u16;
        if (9..13).contains(&c) {
            continue;
        }
        ws.merge_range(2, c, 3, c, h, &head)?;
    }
    ws.merge_range(2, 9, 2, 12, w.band, &head)?;
    for (i, q) in w.quarters.iter().enumerate() {
        ws.write_string_with_format(3, 9 + i as u16, *q, &head)?;
    }
    ws.set_freeze_panes(4, 0)?;
    let widths = [
        8, 10, 12, 28, 30, 14, 8, 10, 12, 9, 9, 9, 9, 10, 10, 12, 12, 20,
    ];
    for (c, width) in widths.iter().enumerate() {
        ws.set_column_width(c as u16, *width)?;
    }
    ws.set_column_format(15, &date)?;
    let dims = DataValidation::new().allow_list_strings(&w.dimensions)?;
    ws.add_data_validation(4, 2, 4 + rows_to_format, 2, &dims)?;

    let ws = wb.add_worksheet();
    ws.set_name(w.action_sheet)?;
    for (c, h) in w.action_header.iter().enumerate() {
        ws.write_string_with_format(0, c as u16, *h, &head)?;
        ws.set_column_width(c as u16, if c == 2 || c == 3 || c == 7 { 26 } else { 12 })?;
    }
    ws.set_column_format(5, &date)?;
    ws.set_column_format(6, &date)?;
    ws.set_freeze_panes(1, 0)?;

    let ws = wb.add_worksheet();
    ws.set_name(w.budget_sheet)?;
    for (c, h) in w.budget_header.iter().enumerate() {
        ws.write_string_with_format(0, c as u16, *h, &head)?;
        ws.set_column_width(c as u16, 16)?;
    }
    ws.write_string(1, 0, w.reserve)?;
    ws.write_string(2, 0, w.total)?;
    ws.write_formula(2, 3, Formula::new("=SUM(D2:D2)").set_result("0"))?;
    ws.set_freeze_panes(1, 0)?;
    wb.save_to_buffer()
}
