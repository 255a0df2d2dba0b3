//! Shared by tests/review.rs and tests/recalc.rs: a small Chinese plan workbook written with
//! rust_xlsxwriter, hand-made findings, and readers for the parts calamine does not expose.

#![allow(dead_code)]

use std::io::Read;
use std::path::{Path, PathBuf};

use goalsheet::model::{CellPos, Lang};
use goalsheet::rules::{Finding, Letter, Severity};
use rust_xlsxwriter::{ExcelDateTime, Format, Formula, Workbook};

pub const PLAN_SHEET: &str = "目标分解";

/// Title row, two-row header (季度目标 over Q1..Q4, other headers merged down), a merged
/// 目标维度 cell over three goals, a percent metric, a totals row with SUM formulas, and an
/// action sheet.
pub fn write_plan_xlsx(path: &Path) {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name(PLAN_SHEET).unwrap();
    let plain = Format::new();
    let pct = Format::new().set_num_format("0%");
    let date = Format::new().set_num_format("yyyy-mm-dd");
    ws.merge_range(0, 0, 0, 13, "2026年市场部目标分解", &plain)
        .unwrap();
    let heads = [
        "编号",
        "上级目标",
        "目标维度",
        "目标",
        "指标",
        "单位",
        "目标值",
        "",
        "",
        "",
        "",
        "负责人",
        "渠道",
        "截止日期",
    ];
    for (c, h) in heads.iter().enumerate() {
        if h.is_empty() {
            continue;
        }
        ws.merge_range(2, c as u16, 3, c as u16, h, &plain).unwrap();
    }
    ws.merge_range(2, 7, 2, 10, "季度目标", &plain).unwrap();
    for (k, q) in ["Q1", "Q2", "Q3", "Q4"].iter().enumerate() {
        ws.write_string(3, 7 + k as u16, *q).unwrap();
    }
    // id, parent, objective, metric, unit, target, quarters, owner, channel
    type Row<'a> = (
        &'a str,
        &'a str,
        &'a str,
        &'a str,
        &'a str,
        f64,
        [f64; 4],
        &'a str,
        &'a str,
    );
    let rows: [Row; 4] = [
        (
            "G1",
            "",
            "全年销售额达到1000万",
            "销售额",
            "万元",
            1000.0,
            [200.0, 250.0, 250.0, 300.0],
            "张三",
            "线上",
        ),
        (
            "G1.1",
            "G1",
            "线上销售额600万",
            "销售额",
            "万元",
            600.0,
            [100.0, 150.0, 150.0, 200.0],
            "李四",
            "线上",
        ),
        (
            "G1.2",
            "G1",
            "线下销售额400万",
            "销售额",
            "万元",
            400.0,
            [100.0, 100.0, 100.0, 100.0],
            "王五",
            "线下",
        ),
        (
            "G2",
            "",
            "复购率达到35%",
            "复购率",
            "%",
            0.35,
            [0.30, 0.32, 0.34, 0.35],
            "张三",
            "线上",
        ),
    ];
    for (k, (id, parent, objective, metric, unit, target, qs, owner, channel)) in
        rows.iter().enumerate()
    {
        let r = 4 + k as u32;
        ws.write_string(r, 0, *id).unwrap();
        if !parent.is_empty() {
            ws.write_string(r, 1, *parent).unwrap();
        }
        ws.write_string(r, 3, *objective).unwrap();
        ws.write_string(r, 4, *metric).unwrap();
        ws.write_string(r, 5, *unit).unwrap();
        let f = if *unit == "%" { &pct } else { &plain };
        ws.write_number_with_format(r, 6, *target, f).unwrap();
        for (q, v) in qs.iter().enumerate() {
            ws.write_number_with_format(r, 7 + q as u16, *v, f).unwrap();
        }
        ws.write_string(r, 11, *owner).unwrap();
        ws.write_string(r, 12, *channel).unwrap();
        let due = ExcelDateTime::from_ymd(2026, 12, 31).unwrap();
        ws.write_datetime_with_format(r, 13, &due, &date).unwrap();
    }
    ws.merge_range(4, 2, 6, 2, "业务增长", &plain).unwrap();
    ws.write_string(7, 2, "客户运营").unwrap();
    // Totals of the two leaf sales goals.
    ws.write_string(8, 0, "合计").unwrap();
    ws.write_formula(8, 6, Formula::new("=SUM(G6:G7)").set_result("1000"))
        .unwrap();
    ws.write_formula(8, 7, Formula::new("=SUM(H6:H7)").set_result("200"))
        .unwrap();

    let actions = wb.add_worksheet();
    actions.set_name("执行计划").unwrap();
    for (c, h) in [
        "行动编号",
        "做什么",
        "所属目标",
        "谁来做",
        "开始日期",
        "结束日期",
        "预算",
    ]
    .iter()
    .enumerate()
    {
        actions.write_string(0, c as u16, *h).unwrap();
    }
    actions.write_string(1, 0, "A1").unwrap();
    actions.write_string(1, 1, "双十一直播").unwrap();
    actions.write_string(1, 2, "G1.1").unwrap();
    actions.write_string(1, 3, "李四").unwrap();
    actions
        .write_datetime_with_format(1, 4, ExcelDateTime::from_ymd(2026, 10, 1).unwrap(), &date)
        .unwrap();
    actions
        .write_datetime_with_format(1, 5, ExcelDateTime::from_ymd(2026, 11, 11).unwrap(), &date)
        .unwrap();
    actions.write_number(1, 6, 50.0).unwrap();
    wb.save(path).unwrap();
}

pub fn finding(
    rule: &'static str,
    letter: Letter,
    severity: Severity,
    cell: Option<CellPos>,
    goal: Option<&str>,
) -> Finding {
    Finding {
        rule,
        letter,
        severity,
        sheet: PLAN_SHEET.to_string(),
        cell,
        field: None,
        goal: goal.map(str::to_string),
        action: None,
        message: format!("message of {rule}"),
        hint: format!("hint of {rule}"),
    }
}

/// Findings on the plan: an error and an info on G1's target (G5), a warning on G2's
/// objective (D8), a plan-level info.
pub fn sample_findings() -> Vec<Finding> {
    vec![
        finding(
            "M005",
            Letter::M,
            Severity::Error,
            Some(CellPos::new(4, 6)),
            Some("G1"),
        ),
        finding(
            "M004",
            Letter::M,
            Severity::Info,
            Some(CellPos::new(4, 6)),
            Some("G1"),
        ),
        finding(
            "S003",
            Letter::S,
            Severity::Warning,
            Some(CellPos::new(7, 3)),
            Some("G2"),
        ),
        finding("B003", Letter::B, Severity::Info, None, None),
    ]
}

/// The text of one part of a zip archive.
pub fn zip_part(path: &Path, name: &str) -> Option<String> {
    let file = std::fs::File::open(path).ok()?;
    let mut archive = zip::ZipArchive::new(file).ok()?;
    let mut entry = archive.by_name(name).ok()?;
    let mut text = String::new();
    entry.read_to_string(&mut text).ok()?;
    Some(text)
}

/// The part names of a zip archive.
pub fn zip_names(path: &Path) -> Vec<String> {
    let file = std::fs::File::open(path).unwrap();
    let archive = zip::ZipArchive::new(file).unwrap();
    archive
        .file_names()
        .filter_map(|n| n.ok())
        .map(|n| n.to_string())
        .collect()
}

/// The value of an attribute in the first element of `tag` that contains `needle`.
pub fn attr_of(xml: &str, needle: &str, attr: &str) -> Option<String> {
    let at = xml.find(needle)?;
    let start = xml[..at].rfind('<')?;
    let end = at + xml[at..].find('>')?;
    let element = &xml[start..end];
    let key = format!(" {attr}=\"");
    let i = element.find(&key)? + key.len();
    let j = element[i..].find('"')? + i;
    Some(element[i..j].to_string())
}

/// The fill colour (RGB hex) of a cell, through its style index in styles.xml.
pub fn cell_fill(path: &Path, sheet_part: &str, a1: &str) -> Option<String> {
    let sheet = zip_part(path, sheet_part)?;
    // The needle lies inside the cell's element: attr_of reads the element around it.
    let style: usize = attr_of(&sheet, &format!(" r=\"{a1}\""), "s")?
        .parse()
        .ok()?;
    let styles = zip_part(path, "xl/styles.xml")?;
    let xfs = &styles[styles.find("<cellXfs")?..];
    let xf = xfs.split("<xf ").nth(style + 1)?;
    let fill_id: usize = {
        let i = xf.find("fillId=\"")? + 8;
        let j = xf[i..].find('"')? + i;
        xf[i..j].parse().ok()?
    };
    let fills = &styles[styles.find("<fills")?..styles.find("</fills>")?];
    let fill = fills.split("<fill>").nth(fill_id + 1)?;
    let i = fill.find("rgb=\"")? + 5;
    let j = fill[i..].find('"')? + i;
    Some(fill[i..j].to_string())
}

/// The worksheet part of a sheet by name, through workbook.xml and its rels.
pub fn sheet_part(path: &Path, name: &str) -> Option<String> {
    let wb = zip_part(path, "xl/workbook.xml")?;
    let rid = attr_of(&wb, &format!("name=\"{name}\""), "r:id")?;
    let rels = zip_part(path, "xl/_rels/workbook.xml.rels")?;
    let target = attr_of(&rels, &format!("Id=\"{rid}\""), "Target")?;
    Some(format!("xl/{}", target.trim_start_matches("/xl/")))
}

pub fn temp_plan() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("plan.xlsx");
    write_plan_xlsx(&path);
    (dir, path)
}

pub fn zh() -> Lang {
    Lang::Zh
}

/// A wide CSV plan: owners differing only in case, wildcard characters in keys, a marker
/// target, a percent metric, a level metric, a goal with only a Q1 value.
pub const WIDE_CSV: &str = "ID,Parent,Objective,Metric,Unit,Target,Q1,Q2,Q3,Q4,Owner,Channel,Due\n\
     O1,,Grow revenue,Revenue,USD,1000,200,250,250,300,Ann,Online,2026-12-31\n\
     K1,O1,Online revenue,Revenue,USD,600,100,150,150,200,bob,Online,2026-12-31\n\
     K2,O1,Store revenue,Revenue,USD,450,100,100,100,150,Bob,Stores,2026-12-31\n\
     K3,,Leads from ads,Leads,,TBD,1000,1200,,1500,Ann*,Ads?,2026-12-31\n\
     K4,,Conversion,Conversion rate,%,12%,10%,11%,12%,12.5%,Ann,Online,2026-12-31\n\
     K5,,Followers,Followers,,50000,20000,30000,40000,50000,Bob,Social,2026-12-31\n\
     K6,,Followers B,Followers,,,10000,,,,Bob,Social,2026-12-31\n\
     K7,,Newsletter,Signups,,300,,,,,,Email,2026-12-31\n";

/// A long-layout CSV plan: one row per goal and quarter.
pub const LONG_CSV: &str = "ID,Objective,Metric,Unit,Quarter,Target,Owner,Channel,Due\n\
     L1,Revenue online,Revenue,,Q1,100,Ann,Online,2026-03-31\n\
     L1,Revenue online,Revenue,,Q2,120,Ann,Online,2026-06-30\n\
     L1,Revenue online,Revenue,,Q3,130,Ann,Online,2026-09-30\n\
     L1,Revenue online,Revenue,,Q4,150,Ann,Online,2026-12-31\n\
     L2,Revenue stores,Revenue,,Q1,50,Bob,Stores,2026-03-31\n\
     L2,Revenue stores,Revenue,,Q2,60,Bob,Stores,2026-06-30\n\
     L3,CTR,Click-through rate,%,Q1,2%,Ann,Online,2026-03-31\n\
     L3,CTR,Click-through rate,%,Q2,3%,Ann,Online,2026-06-30\n";

/// A plan with a ratio defined by its parts (with [`RATIO_TOML`]): ROI = Revenue / Spend.
pub const ROI_CSV: &str = "ID,Objective,Metric,Unit,Target,Q1,Q2,Q3,Q4,Owner,Channel\n\
     G1,Revenue A,Revenue,,1000,200,300,,500,Ann,Online\n\
     G2,Revenue B,Revenue,USD,500,100,100,100,200,Bob,Online\n\
     G3,Spend A,Spend,,250,50,0,100,100,Ann,Online\n\
     G4,Spend B,Spend,,100,25,25,25,25,Bob,Stores\n\
     G5,ROI A,ROI,,4,4,4,4,4,Ann,Online\n\
     G6,ROI B,ROI,,5,5,5,5,5,Bob,Stores\n";

/// The config that defines ROI by its parts.
pub const RATIO_TOML: &str =
    "[[ratios]]\nmetric = \"ROI\"\nnumerator = \"Revenue\"\ndenominator = \"Spend\"\n";

/// The date progress is judged at in these tests.
pub fn as_of() -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(2026, 6, 30).expect("a valid date")
}

/// The analysis of `plan` with `findings` in place of the rules' own (hand-made findings
/// exercise the workbook's notes and fills on chosen cells).
pub fn analysed(
    plan: &goalsheet::Plan,
    findings: &[Finding],
    config: &goalsheet::Config,
    lang: Lang,
) -> goalsheet::rollup::Analysis {
    let mut analysis = goalsheet::rollup::Analysis::new(plan.clone(), config, lang, as_of());
    analysis.findings = findings.to_vec();
    analysis
}

/// A plan with actuals (an actual column, and actual quarters), baselines and budgets:
/// revenue is a back-loaded flow, awareness a level, CAC a lower-is-better ratio.
pub const ACTUALS_EN_CSV: &str = "ID,Parent,Objective,Metric,Unit,Baseline,Target,Q1,Q2,Q3,Q4,Q1 Actual,Q2 Actual,Actual,Owner,Channel,Budget\n\
     O1,,Grow revenue,Revenue,USD,800,1000,100,100,300,500,,,,Ann,Online,900\n\
     K1,O1,Online revenue,Revenue,USD,500,600,50,50,200,300,60,50,,Ann,Online,500\n\
     K2,O1,Store revenue,Revenue,USD,300,400,50,50,100,200,,,90,Bob,Stores,400\n\
     K3,,Awareness,Brand awareness,%,20%,40%,25%,30%,35%,40%,,,26%,Ann,Social,100\n\
     K4,,Acquisition cost,CAC,USD,200,150,190,180,170,150,190,170,,Bob,Ads,50\n\
     K5,,Newsletter,Signups,,,300,,,,,,,,Bob,Email,\n";

/// The same plan in Chinese, with actual quarters only.
pub const ACTUALS_ZH_CSV: &str = "目标编号,上级目标,目标,指标,单位,基线值,目标值,Q1,Q2,Q3,Q4,Q1实际,Q2实际,负责人,渠道,预算\n\
     O1,,销售增长,销售额,万元,800,1000,100,100,300,500,,,李娜,线上,900\n\
     K1,O1,线上销售,销售额,万元,500,600,50,50,200,300,60,50,李娜,线上,500\n\
     K2,O1,门店销售,销售额,万元,300,400,50,50,100,200,70,20,王芳,门店,400\n\
     K3,,品牌认知,品牌认知度,%,20%,40%,25%,30%,35%,40%,24%,28%,李娜,社交,100\n\
     K4,,获客成本,获客成本,元,200,150,190,180,170,150,190,170,王芳,广告,50\n";
