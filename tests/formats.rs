//! The same plan saved as .xlsx, .xls, .ods and .csv reads the same (DESIGN §2). LibreOffice
//! does the saving; without `soffice` on PATH the test says so and checks xlsx alone.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use common::{Workdir, fixture};
use goalsheet::model::{LoadOptions, load_plan};
use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};

/// A Chinese plan with a title, a two-row header under a merged band, merged dimension and
/// objective cells, a date cell, a percentage and a totals row.
fn plan_workbook() -> Vec<u8> {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name("目标分解").expect("name");
    let plain = Format::new();
    let date = Format::new().set_num_format("yyyy-mm-dd");
    let pct = Format::new().set_num_format("0.0%");
    ws.merge_range(0, 0, 0, 12, "2026年营销目标", &plain)
        .expect("title");
    let heads = [
        "编号",
        "上级目标",
        "目标维度",
        "目标",
        "衡量指标",
        "单位",
        "全年目标",
    ];
    for (c, h) in heads.iter().enumerate() {
        ws.merge_range(1, c as u16, 2, c as u16, h, &plain)
            .expect("head");
    }
    ws.merge_range(1, 7, 1, 10, "季度目标", &plain)
        .expect("band");
    for (i, q) in ["一季度", "二季度", "三季度", "四季度"].iter().enumerate() {
        ws.write_string(2, 7 + i as u16, *q).expect("q");
    }
    ws.merge_range(1, 11, 2, 11, "负责人", &plain)
        .expect("owner");
    ws.merge_range(1, 12, 2, 12, "截止日期", &plain)
        .expect("due");
    type Row<'a> = (&'a str, &'a str, &'a str, &'a str, f64, [f64; 4], &'a str);
    let rows: [Row; 4] = [
        (
            "O1",
            "",
            "销售额",
            "万元",
            1200.0,
            [200.0, 300.0, 300.0, 400.0],
            "张伟",
        ),
        (
            "KR1",
            "O1",
            "销售额",
            "万元",
            700.0,
            [100.0, 200.0, 200.0, 200.0],
            "李娜",
        ),
        (
            "KR2",
            "O1",
            "销售额",
            "万元",
            500.0,
            [100.0, 100.0, 100.0, 200.0],
            "王芳",
        ),
        (
            "O2",
            "",
            "转化率",
            "%",
            0.05,
            [0.04, 0.045, 0.05, 0.05],
            "刘洋",
        ),
    ];
    for (i, (id, parent, metric, unit, target, qs, owner)) in rows.iter().enumerate() {
        let r = 3 + i as u32;
        ws.write_string(r, 0, *id).expect("w");
        ws.write_string(r, 1, *parent).expect("w");
        ws.write_string(r, 4, *metric).expect("w");
        ws.write_string(r, 5, *unit).expect("w");
        let f = if *unit == "%" { &pct } else { &plain };
        ws.write_number_with_format(r, 6, *target, f).expect("w");
        for (q, v) in qs.iter().enumerate() {
            ws.write_number_with_format(r, 7 + q as u16, *v, f)
                .expect("w");
        }
        ws.write_string(r, 11, *owner).expect("w");
        let due = ExcelDateTime::from_ymd(2026, 12, 31).expect("date");
        ws.write_datetime_with_format(r, 12, &due, &date)
            .expect("w");
    }
    ws.merge_range(3, 2, 5, 2, "业务增长", &plain).expect("dim");
    ws.merge_range(3, 3, 5, 3, "销售额达到1200万元", &plain)
        .expect("obj");
    ws.write_string(6, 2, "营销效率").expect("w");
    ws.write_string(6, 3, "转化率达到5%").expect("w");
    ws.write_string(7, 0, "合计").expect("w");
    ws.write_number(7, 6, 2400.0).expect("w");
    wb.save_to_buffer().expect("bytes")
}

fn soffice() -> Option<&'static str> {
    ["soffice", "libreoffice"].into_iter().find(|bin| {
        Command::new(bin)
            .arg("--version")
            .output()
            .is_ok_and(|o| o.status.success())
    })
}

fn convert(bin: &str, input: &Path, filter: &str, ext: &str, out_dir: &Path) -> PathBuf {
    let profile = out_dir.join("lo-profile");
    let status = Command::new(bin)
        .arg(format!(
            "-env:UserInstallation=file://{}",
            profile.display()
        ))
        .args(["--headless", "--convert-to", filter, "--outdir"])
        .arg(out_dir)
        .arg(input)
        .output()
        .expect("run soffice");
    assert!(
        status.status.success(),
        "{}",
        String::from_utf8_lossy(&status.stderr)
    );
    let out = out_dir.join(input.with_extension(ext).file_name().expect("name"));
    assert!(out.exists(), "soffice wrote {}", out.display());
    out
}

type Reading = Vec<(
    Option<String>,
    Option<String>,
    Option<String>,
    Option<f64>,
    [Option<f64>; 4],
    Option<String>,
    Option<String>,
)>;

fn reading(path: &Path) -> (Reading, usize, Option<i32>) {
    let plan = load_plan(path, &LoadOptions::default()).expect("loads");
    let goals = plan
        .goals
        .iter()
        .map(|g| {
            (
                g.id.value.clone(),
                g.dimension.value.clone(),
                g.objective.value.clone(),
                g.target.value,
                g.quarter_values(),
                g.owner.value.clone(),
                g.due.value.map(|d| d.end.to_string()),
            )
        })
        .collect();
    (goals, plan.totals.len(), plan.plan_year)
}

/// The merged regions of the first sheet, sorted.
fn merges(path: &Path) -> Vec<(u32, u32, u32, u32)> {
    let grid = goalsheet::read::read_grid(path, None).expect("grid");
    let sheet = &grid.sheets[0];
    assert!(sheet.has_merge_info, "{}", path.display());
    let mut out: Vec<_> = sheet
        .merges
        .iter()
        .map(|m| (m.first_row, m.first_col, m.last_row, m.last_col))
        .collect();
    out.sort();
    out
}

fn load_fixture(name: &str) -> goalsheet::model::Plan {
    load_plan(&fixture(name), &LoadOptions::default()).expect("loads")
}

/// Baseline, target and quarter cells whose text reads as a percentage (`12%`).
fn percent_raws(plan: &goalsheet::model::Plan) -> usize {
    plan.goals
        .iter()
        .flat_map(|g| g.quarters.iter().chain([&g.baseline, &g.target]))
        .filter(|n| n.raw.ends_with('%'))
        .count()
}

/// calamine reports neither merges nor percentage cells for ODS; goalsheet reads both from
/// content.xml. The shipped ODS (the fixture generator writes plan_zh's goal sheet) reads
/// exactly like its xlsx twin: every merge, and every goal and totals row cell for cell, down
/// to the text quoted for a percentage (`35%`, not `0.35`).
#[test]
fn ods_reads_like_xlsx_cell_for_cell() {
    let ods = merges(&fixture("plan_zh.ods"));
    assert_eq!(
        ods.len(),
        20,
        "title, 15 header cells, the 季度目标 band, 4 dimensions"
    );
    assert_eq!(ods, merges(&fixture("plan_zh.xlsx")));

    let (xlsx, ods) = (load_fixture("plan_zh.xlsx"), load_fixture("plan_zh.ods"));
    assert!(percent_raws(&ods) > 0);
    assert_eq!(format!("{:?}", ods.goals), format!("{:?}", xlsx.goals));
    assert_eq!(format!("{:?}", ods.totals), format!("{:?}", xlsx.totals));
}

#[test]
fn xlsx_xls_ods_and_csv_read_the_same() {
    let w = Workdir::new();
    let xlsx = w.write("plan.xlsx", plan_workbook());
    let expected = reading(&xlsx);
    assert_eq!(expected.0.len(), 4);
    assert_eq!(
        expected.0[2].1.as_deref(),
        Some("业务增长"),
        "merged dimension holds for KR2"
    );
    assert_eq!(
        expected.0[2].2.as_deref(),
        Some("销售额达到1200万元"),
        "merged objective too"
    );
    assert_eq!(expected.0[3].3, Some(0.05));
    assert_eq!(expected.1, 1);
    let Some(bin) = soffice() else {
        eprintln!("soffice not found: the .xls/.ods/.csv comparison was skipped");
        return;
    };
    for (filter, ext) in [
        ("xls", "xls"),
        ("ods", "ods"),
        ("csv:Text - txt - csv (StarCalc):44,34,76", "csv"),
    ] {
        let other = convert(bin, &xlsx, filter, ext, w.dir.path());
        let got = reading(&other);
        assert_eq!(got, expected, "{ext} reads like xlsx");
        if ext != "csv" {
            assert_eq!(
                merges(&other),
                merges(&xlsx),
                "{ext} keeps the merged regions"
            );
        }
    }
}

/// LibreOffice cannot save .xlsb, so the fixture generator writes `plan_zh.xlsb` and
/// `plan_en.xlsb` itself from the same sheets as their `.xlsx` twins. Every goal, totals row,
/// action and budget line must read the same, cell for cell; so must the merged regions
/// (which goalsheet reads from the xlsb itself) and the formulas.
#[test]
fn xlsb_reads_like_its_xlsx_twin() {
    for (stem, goals, percent_cells) in [("plan_zh", 16, 22), ("plan_en", 10, 6)] {
        let (xlsx, xlsb) = (
            load_fixture(&format!("{stem}.xlsx")),
            load_fixture(&format!("{stem}.xlsb")),
        );
        assert_eq!(xlsb.goals.len(), goals, "{stem}");

        // calamine reports no number formats for xlsb: a fraction formatted as a percentage
        // reads `0.12` where the xlsx says `12%` (same value). plan_en has six such cells
        // (KR3.1); plan_zh 22, typed or formatted.
        assert_eq!(percent_raws(&xlsx), percent_cells, "{stem}");
        let comparable = |plan: &goalsheet::model::Plan| {
            let mut goals = plan.goals.clone();
            for g in &mut goals {
                for n in g
                    .quarters
                    .iter_mut()
                    .chain([&mut g.baseline, &mut g.target])
                {
                    if let (true, Some(v)) = (n.raw.ends_with('%'), n.value) {
                        n.raw = goalsheet::read::format_number(v);
                    }
                }
            }
            format!("{goals:?}")
        };
        assert_eq!(comparable(&xlsb), comparable(&xlsx), "{stem}: goals");
        assert_eq!(format!("{:?}", xlsb.totals), format!("{:?}", xlsx.totals));
        assert_eq!(format!("{:?}", xlsb.actions), format!("{:?}", xlsx.actions));
        assert_eq!(format!("{:?}", xlsb.budget), format!("{:?}", xlsx.budget));
        assert_eq!(
            (
                xlsb.plan_year,
                &xlsb.header_rows,
                &xlsb.columns,
                &xlsb.title
            ),
            (
                xlsx.plan_year,
                &xlsx.header_rows,
                &xlsx.columns,
                &xlsx.title
            ),
            "{stem}"
        );
        assert_eq!(
            merges(&fixture(&format!("{stem}.xlsb"))),
            merges(&fixture(&format!("{stem}.xlsx"))),
            "{stem}: merged regions"
        );

        // Every formula survives (calamine spells xlsb areas absolute: `SUM($I$5:$I$6)`).
        let formulas = |name: &str| {
            let grid = goalsheet::read::read_grid(&fixture(name), None).expect("grid");
            let mut all: Vec<(String, (u32, u32), String)> = grid
                .sheets
                .iter()
                .flat_map(|sheet| {
                    sheet
                        .formulas
                        .iter()
                        .map(|(&at, f)| (sheet.name.clone(), at, f.replace('$', "")))
                })
                .collect();
            all.sort();
            all
        };
        let from_xlsx = formulas(&format!("{stem}.xlsx"));
        assert!(from_xlsx.len() >= 2, "{stem}: {from_xlsx:?}");
        assert_eq!(formulas(&format!("{stem}.xlsb")), from_xlsx, "{stem}");
    }
    // A date-formatted number cell is a date, not a serial.
    let en = load_fixture("plan_en.xlsb");
    let due = en.goals[0].due.value.as_ref().map(|d| d.end.to_string());
    assert_eq!(due.as_deref(), Some("2026-12-31"));
}
