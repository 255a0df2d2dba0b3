//! The review workbook end to end: write it, read it back with calamine and by unzipping.

mod review_support;

use std::path::{Path, PathBuf};

use calamine::{Data, Reader, Xlsx, open_workbook};
use goalsheet::model::{CellPos, Lang, LoadOptions, Plan, build_plan};
use goalsheet::read::{Grid, read_grid};
use goalsheet::rules::Finding;
use goalsheet::write::review::{
    ReviewOptions, ReviewSummary, default_output_path, review_bytes, write_review,
    write_review_streamed,
};
use goalsheet::{Config, Error};
use review_support::*;

fn load(path: &Path) -> (Grid, Plan) {
    let grid = read_grid(path, None).unwrap();
    let plan = build_plan(&grid, &LoadOptions::default()).unwrap();
    (grid, plan)
}

fn review(path: &Path, findings: &[Finding], lang: Lang) -> (PathBuf, ReviewSummary) {
    let (grid, plan) = load(path);
    let output = default_output_path(path);
    let options = ReviewOptions {
        output: output.clone(),
        force: false,
    };
    let analysis = analysed(&plan, findings, &Config::default(), lang);
    let summary = write_review(&grid, &analysis, &Config::default(), &options).unwrap();
    (output, summary)
}

fn range(path: &Path, sheet: &str) -> calamine::Range<Data> {
    let mut wb: Xlsx<_> = open_workbook(path).unwrap();
    wb.worksheet_range(sheet).unwrap()
}

fn formulas(path: &Path, sheet: &str) -> calamine::Range<String> {
    let mut wb: Xlsx<_> = open_workbook(path).unwrap();
    wb.worksheet_formula(sheet).unwrap()
}

/// Every stored cell of `sheet` with its style as the file resolves it (number format code,
/// font, fill, borders, alignment), in the order written: equal for two files that look the
/// same, however each numbers its format table and custom number formats.
fn cell_styles(path: &Path, sheet: &str) -> Vec<((u32, u32), Option<calamine::Style>)> {
    let mut wb: Xlsx<_> = open_workbook(path).unwrap();
    let mut reader = wb.worksheet_cells_reader(sheet).unwrap();
    let styles = reader.styles().to_vec();
    let mut cells = Vec::new();
    while let Some((c, style)) = reader.next_cell_with_style_id().unwrap() {
        let mut style = styles.get(style).cloned();
        if let Some(format) = style.as_mut().and_then(|s| s.number_format.as_mut()) {
            format.format_id = None;
        }
        cells.push((c.get_position(), style));
    }
    cells
}

fn cell(r: &calamine::Range<Data>, row: u32, col: u32) -> Data {
    r.get_value((row, col)).cloned().unwrap_or(Data::Empty)
}

fn text(r: &calamine::Range<Data>, row: u32, col: u32) -> String {
    cell(r, row, col).to_string()
}

fn num(r: &calamine::Range<Data>, row: u32, col: u32) -> f64 {
    match cell(r, row, col) {
        Data::Float(f) => f,
        Data::Int(i) => i as f64,
        other => panic!("({row},{col}) is not a number: {other:?}"),
    }
}

#[test]
fn sheets_are_named_and_ordered_by_language() {
    let (_dir, path) = temp_plan();
    let (out, summary) = review(&path, &sample_findings(), Lang::Zh);
    let wb: Xlsx<_> = open_workbook(&out).unwrap();
    let names = wb.sheet_names();
    assert_eq!(
        names,
        [
            "概览",
            "目标分解",
            "执行计划",
            "问题清单",
            "按负责人",
            "按渠道",
            "目标层级",
            "时间线"
        ]
    );
    assert_eq!(summary.sheets, names);
    assert_eq!(summary.goals, 4);
    assert_eq!(summary.findings, 4);

    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("plan.xlsx");
    write_plan_xlsx(&path);
    let (out, _) = review(&path, &[], Lang::En);
    let wb: Xlsx<_> = open_workbook(&out).unwrap();
    assert_eq!(
        wb.sheet_names(),
        [
            "Summary",
            "目标分解",
            "执行计划",
            "Findings",
            "By owner",
            "By channel",
            "Hierarchy",
            "Timeline"
        ]
    );
}

#[test]
fn problem_cells_carry_notes_and_fills_by_worst_severity() {
    let (_dir, path) = temp_plan();
    let (out, _) = review(&path, &sample_findings(), Lang::En);
    let part = sheet_part(&out, PLAN_SHEET).unwrap();
    let comments: Vec<String> = zip_names(&out)
        .into_iter()
        .filter(|n| n.starts_with("xl/comments"))
        .collect();
    assert_eq!(comments.len(), 1, "only the plan sheet has notes");
    let xml = zip_part(&out, &comments[0]).unwrap();
    // G5 holds the error and the info, D8 the warning, A1 the plan-level finding.
    let g5 = &xml[xml.find("ref=\"G5\"").unwrap()..];
    let g5 = &g5[..g5.find("</comment>").unwrap()];
    assert!(g5.contains("error M005: message of M005"), "{g5}");
    assert!(g5.contains("→ hint of M005"));
    assert!(g5.contains("info M004"));
    assert!(xml.contains("ref=\"D8\""));
    assert!(xml.contains("ref=\"A1\""));
    assert_eq!(cell_fill(&out, &part, "G5").as_deref(), Some("FFFFC7CE"));
    assert_eq!(cell_fill(&out, &part, "D8").as_deref(), Some("FFFFEB9C"));
    assert_eq!(cell_fill(&out, &part, "A1").as_deref(), Some("FFDDEBF7"));
    assert_eq!(cell_fill(&out, &part, "G6"), None);
}

#[test]
fn plan_sheet_keeps_values_formats_formulas_and_merges() {
    let (_dir, path) = temp_plan();
    let (out, _) = review(&path, &sample_findings(), Lang::Zh);
    let r = range(&out, PLAN_SHEET);
    assert_eq!(text(&r, 0, 0), "2026年市场部目标分解");
    assert_eq!(num(&r, 4, 6), 1000.0);
    assert_eq!(num(&r, 7, 6), 0.35);
    assert!(matches!(cell(&r, 4, 13), Data::DateTime(_)));
    // The totals row's formulas, with their stored results.
    let f = formulas(&out, PLAN_SHEET);
    assert_eq!(f.get_value((8, 6)).map(String::as_str), Some("SUM(G6:G7)"));
    assert_eq!(num(&r, 8, 6), 1000.0);
    // Percent and date formats.
    let part = sheet_part(&out, PLAN_SHEET).unwrap();
    let styles = zip_part(&out, "xl/styles.xml").unwrap();
    assert!(styles.contains("formatCode=\"0%\""));
    assert!(styles.contains("formatCode=\"yyyy-mm-dd\""));
    // Amounts in 万元 keep thousands separators but no ¥: 1,000 万元 is not ¥1,000.00.
    assert!(styles.contains("formatCode=\"#,##0\""), "{styles}");
    let sheet = zip_part(&out, &part).unwrap();
    assert!(
        sheet.contains("<mergeCell ref=\"C5:C7\"/>"),
        "dimension merge kept"
    );
    assert!(
        sheet.contains("<mergeCell ref=\"H3:K3\"/>"),
        "header band kept"
    );
    assert!(
        sheet.contains("<pane ySplit=\"4\""),
        "header frozen below row 4"
    );
    assert!(
        sheet.contains("<autoFilter ref=\"A4:P9\"/>"),
        "{}",
        &sheet[..200]
    );
    // Appended SMART and score: G1 has an M error, G2 an S warning, G1.1 nothing.
    assert_eq!(text(&r, 3, 14), "SMART");
    assert_eq!(text(&r, 3, 15), "评分");
    assert_eq!(text(&r, 4, 14), "S✓ M✗ A✓ R✓ T✓");
    assert_eq!(num(&r, 4, 15), 4.0);
    assert_eq!(text(&r, 5, 14), "S✓ M✓ A✓ R✓ T✓");
    assert_eq!(num(&r, 5, 15), 5.0);
    assert_eq!(text(&r, 7, 14), "S✗ M✓ A✓ R✓ T✓");
    // The hidden leaf helper: G1 is not counted (its children carry its metric).
    assert_eq!(text(&r, 3, 16), "goalsheet leaf");
    assert_eq!(num(&r, 4, 16), 0.0);
    assert_eq!(num(&r, 5, 16), 1.0);
    assert_eq!(num(&r, 7, 16), 1.0);
    assert!(sheet.contains("hidden=\"1\""));
}

#[test]
fn findings_sheet_links_to_cells() {
    let (_dir, path) = temp_plan();
    let (out, _) = review(&path, &sample_findings(), Lang::Zh);
    let r = range(&out, "问题清单");
    assert_eq!(text(&r, 0, 0), "级别");
    assert_eq!(text(&r, 1, 0), "错误");
    assert_eq!(text(&r, 1, 1), "M005");
    assert_eq!(text(&r, 1, 3), "G1");
    assert_eq!(text(&r, 1, 5), "目标分解!G5");
    assert_eq!(text(&r, 1, 6), "message of M005");
    let part = sheet_part(&out, "问题清单").unwrap();
    let xml = zip_part(&out, &part).unwrap();
    assert!(
        xml.contains("location=\"'目标分解'!G5\"")
            || xml.contains("location=\"&apos;目标分解&apos;!G5\""),
        "{xml}"
    );
    assert!(
        zip_names(&out)
            .iter()
            .any(|n| n.starts_with("xl/tables/table"))
    );
}

#[test]
fn no_findings_still_gives_summary_and_rollups() {
    let (_dir, path) = temp_plan();
    let (out, _) = review(&path, &[], Lang::En);
    let r = range(&out, "Findings");
    assert_eq!(text(&r, 1, 0), "No findings — the plan passes every check.");
    let s = range(&out, "Summary");
    assert_eq!(text(&s, 0, 0), "Plan review");
    let owners = range(&out, "By owner");
    assert!(owners.used_cells().any(|(_, _, v)| *v == "李四"));
    let plan_sheet = range(&out, PLAN_SHEET);
    assert_eq!(text(&plan_sheet, 4, 14), "S✓ M✓ A✓ R✓ T✓");
}

/// Find the row of a key and metric on a rollup sheet.
fn rollup_row(r: &calamine::Range<Data>, key: &str, metric: &str) -> u32 {
    (0..r.end().unwrap().0 + 1)
        .find(|&row| text(r, row, 0) == key && text(r, row, 1) == metric)
        .unwrap_or_else(|| panic!("no row for {key} / {metric}"))
}

#[test]
fn rollups_are_live_formulas_with_stored_results() {
    let (_dir, path) = temp_plan();
    let (out, _) = review(&path, &sample_findings(), Lang::Zh);
    let r = range(&out, "按负责人");
    let f = formulas(&out, "按负责人");
    // 李四's sales: one leaf goal; Q1 100, year 600.
    let row = rollup_row(&r, "李四", "销售额");
    assert_eq!(num(&r, row, 4), 100.0);
    assert_eq!(num(&r, row, 8), 600.0);
    assert_eq!(num(&r, row, 9), 1.0);
    let q1 = f.get_value((row, 4)).unwrap();
    assert!(q1.starts_with("SUMIFS('目标分解'!$H$5:$H$"), "{q1}");
    assert!(q1.contains("\"=李四\""), "{q1}");
    assert!(q1.contains("\"=销售额 [万元]\""), "{q1}");
    assert!(q1.contains("\">0\""), "{q1}");
    let year = f.get_value((row, 8)).unwrap();
    assert!(year.starts_with("SUMIFS('目标分解'!$U$5:$U$"), "{year}");
    // Each counted goal's year is a formula over its own cells: G1.1's is its target.
    let plan_formulas = formulas(&out, PLAN_SHEET);
    assert_eq!(
        plan_formulas.get_value((5, 20)).map(String::as_str),
        Some("G6")
    );
    assert_eq!(num(&range(&out, PLAN_SHEET), 5, 20), 600.0);
    // 张三's sales goal G1 is a parent whose children carry its metric: not counted.
    assert!((0..20).all(|row| !(text(&r, row, 0) == "张三" && text(&r, row, 1) == "销售额")));
    // 张三's repurchase rate: a ratio, the mean of goals, as a fraction.
    let row = rollup_row(&r, "张三", "复购率");
    assert_eq!(num(&r, row, 4), 0.3);
    assert!(text(&r, row, 3).contains("目标平均值"));
    assert!(
        f.get_value((row, 4))
            .unwrap()
            .starts_with("IFERROR(AVERAGEIFS(")
    );
    assert_eq!(num(&r, row, 8), 0.35, "a ratio's year is the annual target");
    // By channel: 线上 sums G1.1 only among the sales goals.
    let c = range(&out, "按渠道");
    let row = rollup_row(&c, "线上", "销售额");
    assert_eq!(num(&c, row, 8), 600.0);
    let row = rollup_row(&c, "线下", "销售额");
    assert_eq!(num(&c, row, 8), 400.0);
    // A chart per rollup sheet and on the summary.
    let charts = zip_names(&out)
        .into_iter()
        .filter(|n| n.starts_with("xl/charts/chart"))
        .count();
    assert_eq!(charts, 3);
}

#[test]
fn hierarchy_shows_children_sum_and_gap() {
    let (_dir, path) = temp_plan();
    let (out, _) = review(&path, &[], Lang::En);
    let r = range(&out, "Hierarchy");
    let f = formulas(&out, "Hierarchy");
    assert_eq!(text(&r, 2, 0), "G1");
    assert_eq!(text(&r, 3, 0), "G1.1");
    assert_eq!(text(&r, 4, 0), "G1.2");
    assert_eq!(text(&r, 5, 0), "G2");
    assert_eq!(f.get_value((2, 6)).map(String::as_str), Some("SUM(F4,F5)"));
    assert_eq!(num(&r, 2, 6), 1000.0);
    assert_eq!(f.get_value((2, 7)).map(String::as_str), Some("F3-G3"));
    assert_eq!(num(&r, 2, 7), 0.0);
}

#[test]
fn timeline_fills_the_weeks_an_action_runs() {
    let (_dir, path) = temp_plan();
    let (out, _) = review(&path, &[], Lang::En);
    let r = range(&out, "Timeline");
    assert_eq!(text(&r, 3, 0), "A1");
    assert_eq!(text(&r, 2, 6), "Dates");
    assert_eq!(text(&r, 3, 6), "✓");
    assert_eq!(text(&r, 2, 7), "W1");
    // 2026-10-01 is in ISO week 40, 2026-11-11 in week 46; every week cell is written (ruled
    // off from the next row), only those filled.
    let part = sheet_part(&out, "Timeline").unwrap();
    let col = |w: u32| CellPos::column_letters(7 + w - 1);
    let fill = |w: u32| cell_fill(&out, &part, &format!("{}4", col(w)));
    for w in 40..=46 {
        assert_eq!(fill(w).as_deref(), Some("FF5B9BD5"), "week {w}");
    }
    assert_eq!(fill(39), None);
    assert_eq!(fill(47), None);
}

#[test]
fn reviewed_workbook_reads_back_as_the_same_plan() {
    let (_dir, path) = temp_plan();
    let (out, _) = review(&path, &sample_findings(), Lang::Zh);
    let (_, before) = load(&path);
    let (_, after) = load(&out);
    assert_eq!(after.sheet, before.sheet);
    assert_eq!(after.goals.len(), before.goals.len());
    for (a, b) in after.goals.iter().zip(&before.goals) {
        assert_eq!(a.id_text(), b.id_text());
        assert_eq!(a.rows, b.rows);
        assert_eq!(a.target.cell, b.target.cell);
        assert_eq!(a.target.value, b.target.value);
        assert_eq!(a.quarter_values(), b.quarter_values());
        assert_eq!(a.dimension.text(), b.dimension.text());
        assert_eq!(a.owner.text(), b.owner.text());
        assert_eq!(a.due.value, b.due.value);
        assert_eq!(a.is_percent, b.is_percent);
    }
    assert_eq!(after.columns, before.columns);
    assert!(
        after.unknown_columns.is_empty(),
        "{:?}",
        after.unknown_columns
    );
    assert_eq!(after.totals.len(), before.totals.len());
    let actions = after.actions.as_ref().unwrap();
    assert_eq!(actions.sheet, "执行计划");
    assert_eq!(actions.actions.len(), 1);
}

#[test]
fn csv_input_gives_numbers_percentages_and_literal_text() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("plan.csv");
    std::fs::write(
        &path,
        "ID,Objective,Metric,Unit,Target,Q1,Q2,Q3,Q4,Owner,Due,Notes\n\
         G1,Grow revenue,Revenue,USD,\"1,200\",300,300,300,300,Ann,2026-12-31,=1+1\n\
         G2,Lift conversion,Conversion rate,,35%,30%,32%,34%,35%,Bob,2026-12-31,@cmd\n",
    )
    .unwrap();
    let (out, _) = review(&path, &[], Lang::En);
    let r = range(&out, "plan");
    assert_eq!(num(&r, 1, 4), 1200.0);
    assert_eq!(num(&r, 2, 4), 0.35);
    assert!(matches!(cell(&r, 1, 10), Data::DateTime(_)));
    assert_eq!(text(&r, 1, 11), "=1+1");
    assert_eq!(text(&r, 2, 11), "@cmd");
    let f = formulas(&out, "plan");
    // Text from a CSV is never a formula; the only formulas are goalsheet's own helper column.
    let helper_col = 12 + 6;
    assert!(
        f.used_cells()
            .all(|(_, c, v)| v.is_empty() || f.start().unwrap().1 + c as u32 == helper_col),
        "no formulas from CSV text"
    );
    let (_, before) = load(&path);
    let (_, after) = load(&out);
    assert_eq!(
        after
            .goals
            .iter()
            .map(|g| g.target.value)
            .collect::<Vec<_>>(),
        before
            .goals
            .iter()
            .map(|g| g.target.value)
            .collect::<Vec<_>>()
    );
    assert_eq!(after.goals[1].target.cell, before.goals[1].target.cell);
}

#[test]
fn existing_output_is_refused_without_force() {
    let (_dir, path) = temp_plan();
    let (grid, plan) = load(&path);
    let output = default_output_path(&path);
    std::fs::write(&output, b"keep me").unwrap();
    let mut options = ReviewOptions {
        output: output.clone(),
        force: false,
    };
    let err = write_review(
        &grid,
        &analysed(&plan, &[], &Config::default(), Lang::En),
        &Config::default(),
        &options,
    )
    .unwrap_err();
    assert!(matches!(err, Error::OutputExists { .. }), "{err}");
    assert!(
        err.to_string()
            .contains("already exists; use --force to replace it")
    );
    assert_eq!(std::fs::read(&output).unwrap(), b"keep me");
    options.force = true;
    write_review(
        &grid,
        &analysed(&plan, &[], &Config::default(), Lang::En),
        &Config::default(),
        &options,
    )
    .unwrap();
    assert!(std::fs::read(&output).unwrap().starts_with(b"PK"));
}

#[test]
fn the_input_is_never_overwritten() {
    let (_dir, path) = temp_plan();
    let before = std::fs::read(&path).unwrap();
    let (grid, plan) = load(&path);
    let options = ReviewOptions {
        output: path.clone(),
        force: true,
    };
    let err = write_review(
        &grid,
        &analysed(&plan, &[], &Config::default(), Lang::En),
        &Config::default(),
        &options,
    )
    .unwrap_err();
    assert!(matches!(err, Error::SameAsInput { .. }), "{err}");
    assert_eq!(std::fs::read(&path).unwrap(), before);
}

#[test]
fn a_failed_write_leaves_nothing_behind() {
    let (dir, path) = temp_plan();
    let (grid, plan) = load(&path);
    // A folder that cannot be made: its parent is a file (missing folders are created).
    let output = path.join("out.xlsx");
    let options = ReviewOptions {
        output: output.clone(),
        force: false,
    };
    let err = write_review(
        &grid,
        &analysed(&plan, &[], &Config::default(), Lang::En),
        &Config::default(),
        &options,
    )
    .unwrap_err();
    assert!(matches!(err, Error::Output { .. }), "{err}");
    assert!(!output.exists());
    // A successful write leaves only the output beside the input: no temporary file.
    let (out, _) = review(&path, &[], Lang::En);
    let mut names: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names, ["plan.reviewed.xlsx", "plan.xlsx"]);
    assert!(out.exists());
}

/// A review written to a file streams the plan's sheets row by row (low-memory worksheets);
/// one built in memory (the web page's) holds them. Both must carry the same cells, formulas
/// and notes — wide and long layouts, merges, notes, folded months, English and Chinese.
#[test]
fn streamed_file_and_in_memory_workbook_hold_the_same_cells() {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
    for name in [
        "plan_zh.xlsx",
        "defects_en.xlsx",
        "defects_zh.xlsx",
        "plan_long_en.csv",
        "plan_long_zh.xlsx",
        "periods/months_en.xlsx",
        "plan_en_1252.csv",
    ] {
        let dir = tempfile::tempdir().unwrap();
        let input = repo.join(name);
        let grid = read_grid(&input, None).unwrap();
        let plan = build_plan(&grid, &LoadOptions::default()).unwrap();
        let analysis =
            goalsheet::rollup::Analysis::new(plan.clone(), &Config::default(), plan.lang, as_of());
        let streamed = dir.path().join("streamed.xlsx");
        let options = ReviewOptions {
            output: streamed.clone(),
            force: false,
        };
        write_review_streamed(&grid, &analysis, &Config::default(), &options).unwrap();
        let in_memory = dir.path().join("in_memory.xlsx");
        std::fs::write(
            &in_memory,
            review_bytes(&grid, &analysis, &Config::default()).unwrap(),
        )
        .unwrap();
        let sheets = open_workbook::<Xlsx<_>, _>(&streamed)
            .unwrap()
            .sheet_names();
        assert_eq!(
            sheets,
            open_workbook::<Xlsx<_>, _>(&in_memory)
                .unwrap()
                .sheet_names(),
            "{name}"
        );
        assert!(sheets.len() >= 5, "{name}: {sheets:?}");
        for sheet in &sheets {
            assert_eq!(
                range(&streamed, sheet),
                range(&in_memory, sheet),
                "{name}: values of {sheet}"
            );
            assert_eq!(
                formulas(&streamed, sheet),
                formulas(&in_memory, sheet),
                "{name}: formulas of {sheet}"
            );
            let (a, b) = (
                cell_styles(&streamed, sheet),
                cell_styles(&in_memory, sheet),
            );
            assert_eq!(a.len(), b.len(), "{name}: cells of {sheet}");
            for (a, b) in a.iter().zip(&b) {
                assert_eq!(a, b, "{name}: format of {sheet} {:?}", a.0);
            }
        }
        let notes = zip_part(&streamed, "xl/comments1.xml");
        assert_eq!(
            notes,
            zip_part(&in_memory, "xl/comments1.xml"),
            "{name}: notes"
        );
        if name.starts_with("defects") {
            assert!(
                notes.is_some_and(|n| n.contains("<comment ")),
                "{name}: has notes"
            );
        }
    }
}

/// Below the streaming threshold the file is the in-memory workbook, byte for byte: what the
/// web page (which has no temporary files) offers for download is what `goalsheet review`
/// writes.
#[test]
fn a_plan_below_the_streaming_threshold_is_written_byte_for_byte_as_in_memory() {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
    for name in ["plan_zh.xlsx", "defects_en.xlsx", "plan_long_en.csv"] {
        let dir = tempfile::tempdir().unwrap();
        let grid = read_grid(&repo.join(name), None).unwrap();
        let plan = build_plan(&grid, &LoadOptions::default()).unwrap();
        let analysis =
            goalsheet::rollup::Analysis::new(plan.clone(), &Config::default(), plan.lang, as_of());
        let output = dir.path().join("reviewed.xlsx");
        let options = ReviewOptions {
            output: output.clone(),
            force: false,
        };
        write_review(&grid, &analysis, &Config::default(), &options).unwrap();
        let in_memory = review_bytes(&grid, &analysis, &Config::default()).unwrap();
        assert!(std::fs::read(&output).unwrap() == in_memory, "{name}");
        let streamed = dir.path().join("streamed.xlsx");
        let options = ReviewOptions {
            output: streamed.clone(),
            force: false,
        };
        write_review_streamed(&grid, &analysis, &Config::default(), &options).unwrap();
        assert!(
            std::fs::read(&streamed).unwrap() != in_memory,
            "{name}: streamed differs"
        );
    }
}

#[test]
fn output_is_deterministic() {
    let (_dir, path) = temp_plan();
    let (grid, plan) = load(&path);
    let findings = sample_findings();
    let a = review_bytes(
        &grid,
        &analysed(&plan, &findings, &Config::default(), Lang::Zh),
        &Config::default(),
    )
    .unwrap();
    let b = review_bytes(
        &grid,
        &analysed(&plan, &findings, &Config::default(), Lang::Zh),
        &Config::default(),
    )
    .unwrap();
    assert!(a == b, "two runs differ");
    let (grid2, plan2) = load(&path);
    let c = review_bytes(
        &grid2,
        &analysed(&plan2, &findings, &Config::default(), Lang::Zh),
        &Config::default(),
    )
    .unwrap();
    assert!(a == c, "a fresh read differs");
}

/// The review's sheets are built on two threads where there are two; a streamed workbook's
/// plan sheets and goal tree share one table of strings and one of formats, numbered in the
/// order written, so their order must not depend on which thread finishes first: the same
/// plan gives the same file every time, streamed or not.
#[test]
fn streamed_output_is_deterministic_too() {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
    for name in ["defects_zh.xlsx", "plan_en.xlsx", "plan_long_zh.xlsx"] {
        let dir = tempfile::tempdir().unwrap();
        let grid = read_grid(&repo.join(name), None).unwrap();
        let plan = build_plan(&grid, &LoadOptions::default()).unwrap();
        let analysis =
            goalsheet::rollup::Analysis::new(plan.clone(), &Config::default(), plan.lang, as_of());
        let written: Vec<Vec<u8>> = (0..4)
            .map(|i| {
                let output = dir.path().join(format!("streamed-{i}.xlsx"));
                let options = ReviewOptions {
                    output: output.clone(),
                    force: false,
                };
                write_review_streamed(&grid, &analysis, &Config::default(), &options).unwrap();
                std::fs::read(&output).unwrap()
            })
            .collect();
        assert!(written.len() == 4 && !written[0].is_empty(), "{name}");
        assert!(
            written.iter().all(|w| *w == written[0]),
            "{name}: runs differ"
        );
    }
}

#[test]
fn summary_lists_what_is_not_carried_over() {
    let (_dir, path) = temp_plan();
    let (out, _) = review(&path, &sample_findings(), Lang::En);
    let s = range(&out, "Summary");
    let texts: Vec<String> = s.used_cells().map(|(_, _, v)| v.to_string()).collect();
    assert!(
        texts
            .iter()
            .any(|t| t == "Not carried over from the original")
    );
    // An xlsx's styling is carried (fonts, fills, borders, widths, number formats).
    assert!(!texts.iter().any(|t| t.starts_with("• cell styling")));
    // Counts by severity and the SMART pass rate of M (one of four goals fails).
    let row = (0..60)
        .find(|&r| text(&s, r, 0) == "M" && text(&s, r, 1) == "Measurable")
        .unwrap();
    assert_eq!(num(&s, row, 2), 1.0);
    assert_eq!(num(&s, row, 4), 1.0);
    assert_eq!(num(&s, row, 5), 0.75);
    let totals = (0..60).find(|&r| text(&s, r, 0) == "销售额").unwrap();
    assert_eq!(num(&s, totals, 3), 2.0);
    // Plan target (the top goals), leaf rollup, gap.
    assert_eq!([4, 5, 6].map(|c| num(&s, totals, c)), [1000.0, 1000.0, 0.0]);
    let rate = (0..60).find(|&r| text(&s, r, 0) == "复购率").unwrap();
    assert!(text(&s, rate, 2).contains("mean of goals"));
}

/// The lines of the Summary's "Not carried over" list.
fn not_carried_over(fixture: &str) -> Vec<String> {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(fixture);
    std::fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("fixtures")
            .join(fixture),
        &path,
    )
    .unwrap();
    let (out, _) = review(&path, &[], Lang::En);
    range(&out, "Summary")
        .used_cells()
        .filter_map(|(_, _, v)| v.to_string().strip_prefix("• ").map(str::to_string))
        .collect()
}

/// plan_en.xlsm carries everything a kept workbook has besides its data; the review names
/// each kind, so nobody mistakes the copy for the working file. Cell styling is carried from
/// xlsx and xlsm, not from xlsb, whose styles are not read.
#[test]
fn summary_names_each_kind_of_content_the_copy_leaves_out() {
    assert_eq!(
        not_carried_over("plan_en.xlsm"),
        [
            "1 chart(s)",
            "1 image(s)",
            "1 comment part(s) (cell comments and notes)",
            "data validation (drop-down lists, input rules)",
            "conditional formatting",
            "macros (VBA)",
        ]
    );
    assert!(not_carried_over("plan_en.xlsx").is_empty());
    assert_eq!(
        not_carried_over("plan_en.xlsb"),
        ["cell styling (fonts, colours, borders, column widths, number formats)"]
    );
}

/// The rollup sheets show exactly the rows of `goalsheet::rollup` (order, keys, values,
/// goal counts): a sum with no value in a quarter is the 0 SUMIFS gives, a mean with none
/// the dash.
#[test]
fn rollup_sheets_agree_with_the_rollup_stage() {
    use goalsheet::rollup::{GroupBy, rollup};
    let dir = tempfile::tempdir().unwrap();
    let xlsx = dir.path().join("plan.xlsx");
    write_plan_xlsx(&xlsx);
    let wide = dir.path().join("wide.csv");
    std::fs::write(&wide, WIDE_CSV).unwrap();
    let long = dir.path().join("long.csv");
    std::fs::write(&long, LONG_CSV).unwrap();
    for input in [&xlsx, &wide, &long] {
        let (out, _) = review(input, &[], Lang::En);
        let (_, plan) = load(input);
        for (sheet, by, none) in [
            ("By owner", GroupBy::Owner, "(no owner)"),
            ("By channel", GroupBy::Channel, "(no channel)"),
        ] {
            let expected = rollup(&plan, &Config::default(), &[by]);
            assert!(!expected.rows.is_empty());
            let r = range(&out, sheet);
            // The table starts under the header (row 6); a sum metric's block ends with its
            // total row, which is not a rollup row.
            let mut at = 5;
            for row in &expected.rows {
                at += 1;
                if text(&r, at, 0) == "Total" {
                    at += 1;
                }
                let key = if row.keys[0].is_empty() {
                    none
                } else {
                    row.keys[0].as_str()
                };
                let place = format!("{}: {sheet} row {}", input.display(), at + 1);
                assert_eq!(text(&r, at, 0), key, "{place}");
                assert_eq!(text(&r, at, 1), row.metric, "{place}");
                assert_eq!(num(&r, at, 9), row.goals as f64, "{place}");
                let values = row.quarters.iter().chain(std::iter::once(&row.year));
                for (c, v) in (4..=8).zip(values) {
                    match (v, cell(&r, at, c)) {
                        (Some(x), Data::Float(y)) => {
                            assert!((x - y).abs() < 1e-9, "{place} col {c}: {x} vs {y}")
                        }
                        (None, Data::Float(y)) => {
                            assert_eq!(row.aggregation, goalsheet::model::Aggregation::Sum);
                            assert_eq!(y, 0.0, "{place} col {c}");
                        }
                        (None, Data::String(s)) => assert_eq!(s, "-", "{place} col {c}"),
                        (v, other) => panic!("{place} col {c}: {v:?} vs {other:?}"),
                    }
                }
            }
            let after = at + 1 + u32::from(text(&r, at + 1, 0) == "Total");
            assert_eq!(text(&r, after, 0), "", "{sheet}: no extra rows");
        }
    }
}

#[test]
fn excel_limits_cut_long_text_and_fix_sheet_names() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("plan[v2].csv");
    let long = "备".repeat(40_000);
    std::fs::write(
        &path,
        format!(
            "ID,Objective,Metric,Target,Owner,Due,Notes\n\
             G1,Grow revenue,Revenue,100,Ann,2026-12-31,{long}\n\
             G2,More leads,Leads,50,Bob,2026-12-31,short\n"
        ),
    )
    .unwrap();
    let mut finding = finding(
        "S001",
        goalsheet::rules::Letter::S,
        goalsheet::rules::Severity::Error,
        Some(CellPos::new(2, 4)),
        Some("G2"),
    );
    finding.sheet = "plan[v2]".to_string();
    let (out, summary) = review(&path, &[finding], Lang::En);
    assert_eq!(summary.renamed_sheets, 1);
    assert_eq!(summary.cut_cells, 1);
    assert_eq!(summary.sheets[1], "plan_v2_");
    let r = range(&out, "plan_v2_");
    assert_eq!(text(&r, 1, 6).chars().count(), 32_767);
    let findings = range(&out, "Findings");
    assert_eq!(text(&findings, 1, 4), "plan_v2_");
    assert_eq!(text(&findings, 1, 5), "plan_v2_!E3");
    let xml = zip_part(&out, &sheet_part(&out, "Findings").unwrap()).unwrap();
    assert!(
        xml.contains("plan_v2_&apos;!E3") || xml.contains("plan_v2_'!E3"),
        "{xml}"
    );
    let s = range(&out, "Summary");
    assert!(
        s.used_cells()
            .any(|(_, _, v)| *v == "1 cell text cut to 32,767 characters")
    );
    let (_, before) = load(&path);
    let (_, after) = load(&out);
    assert_eq!(after.goals.len(), before.goals.len());
}

/// A `Goals` sheet (ID, Objective, Metric, Target, Owner) with one revenue goal per target
/// formula, G1, G2, …, each with its stored result.
fn goals_with_formula_targets(targets: &[(&str, &str)]) -> rust_xlsxwriter::Workbook {
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name("Goals").unwrap();
    for (c, h) in ["ID", "Objective", "Metric", "Target", "Owner"]
        .iter()
        .enumerate()
    {
        ws.write_string(0, c as u16, *h).unwrap();
    }
    for (i, (formula, result)) in targets.iter().enumerate() {
        let r = i as u32 + 1;
        ws.write_string(r, 0, format!("G{r}")).unwrap();
        ws.write_string(r, 1, "Revenue goal").unwrap();
        ws.write_string(r, 2, "Revenue").unwrap();
        ws.write_formula(
            r,
            3,
            rust_xlsxwriter::Formula::new(*formula).set_result(*result),
        )
        .unwrap();
        ws.write_string(r, 4, "Ann").unwrap();
    }
    wb
}

#[test]
fn formulas_into_sheets_not_copied_become_values() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("plan.xlsx");
    let mut wb = goals_with_formula_targets(&[("=Data!A1*2", "20"), ("=2*3", "6")]);
    let data = wb.add_worksheet();
    data.set_name("Data").unwrap();
    data.write_number(0, 0, 10.0).unwrap();
    wb.save(&path).unwrap();
    let (out, summary) = review(&path, &[], Lang::En);
    assert_eq!(summary.formulas_as_values, 1);
    assert!(!summary.sheets.iter().any(|s| s == "Data"));
    let f = formulas(&out, "Goals");
    let r = range(&out, "Goals");
    assert!(
        f.get_value((1, 3)).is_none_or(String::is_empty),
        "Data! formula dropped"
    );
    assert_eq!(num(&r, 1, 3), 20.0);
    assert_eq!(f.get_value((2, 3)).map(String::as_str), Some("2*3"));
    assert_eq!(num(&r, 2, 3), 6.0);
}

/// A defined name that refers to a copied sheet is copied with it, so formulas using it stay
/// formulas; one that refers to a sheet left out is not, and formulas using it become values.
#[test]
fn defined_names_follow_the_sheets_they_refer_to() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("plan.xlsx");
    let mut wb = goals_with_formula_targets(&[("=Rate*100", "20"), ("=2*3", "6")]);
    let ws = wb.worksheet_from_name("Goals").unwrap();
    ws.write_string(3, 0, "Total").unwrap();
    ws.write_formula(
        3,
        3,
        rust_xlsxwriter::Formula::new("=SUM(Targets)").set_result("26"),
    )
    .unwrap();
    let data = wb.add_worksheet();
    data.set_name("Data").unwrap();
    data.write_number(0, 0, 0.2).unwrap();
    wb.define_name("Targets", "=Goals!$D$2:$D$3").unwrap();
    wb.define_name("Rate", "=Data!$A$1").unwrap();
    wb.save(&path).unwrap();

    let (out, summary) = review(&path, &[], Lang::En);
    assert_eq!(summary.formulas_as_values, 1, "the one using Rate");
    let f = formulas(&out, "Goals");
    let r = range(&out, "Goals");
    assert!(f.get_value((1, 3)).is_none_or(String::is_empty));
    assert_eq!(num(&r, 1, 3), 20.0);
    assert_eq!(
        f.get_value((3, 3)).map(String::as_str),
        Some("SUM(Targets)")
    );
    assert_eq!(num(&r, 3, 3), 26.0);
    let book: Xlsx<_> = open_workbook(&out).unwrap();
    let names: Vec<(String, String)> = book.defined_names().to_vec();
    assert!(
        names.contains(&("Targets".to_string(), "Goals!$D$2:$D$3".to_string())),
        "{names:?}"
    );
    assert!(!names.iter().any(|(n, _)| n == "Rate"), "{names:?}");
}

#[test]
fn budgets_keep_their_own_format_or_get_their_headers_currency() {
    let (_dir, path) = temp_plan();
    let (out, _) = review(&path, &[], Lang::Zh);
    // The action sheet's 预算 cells have no format of their own (General): the copy keeps
    // it, inventing no cents.
    let part = sheet_part(&out, "执行计划").unwrap();
    let sheet = zip_part(&out, &part).unwrap();
    let style: usize = attr_of(&sheet, "<c r=\"G2\"", "s").map_or(0, |s| s.parse().unwrap());
    let styles = zip_part(&out, "xl/styles.xml").unwrap();
    let xfs = &styles[styles.find("<cellXfs").unwrap()..];
    let xf = xfs.split("<xf ").nth(style + 1).unwrap();
    let id = attr_of(&format!("<xf {xf}"), "numFmtId", "numFmtId").unwrap();
    assert_eq!(id, "0", "{xf}");

    // A CSV has no formats: the budget column gets its header's currency, no cents.
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("plan.csv");
    std::fs::write(
        &csv,
        "ID,Objective,Metric,Unit,Target,Owner,Budget (USD)\n\
         O1,Grow revenue,Revenue,USD,1000,Ann,\"2,500\"\n\
         O2,Grow leads,Leads,leads,300,Bob,800\n",
    )
    .unwrap();
    let (out, _) = review(&csv, &[], Lang::En);
    let sheet = zip_part(&out, &sheet_part(&out, "plan").unwrap()).unwrap();
    let styles = zip_part(&out, "xl/styles.xml").unwrap();
    for a1 in ["G2", "G3"] {
        let style: usize = attr_of(&sheet, &format!("<c r=\"{a1}\""), "s")
            .unwrap()
            .parse()
            .unwrap();
        let xfs = &styles[styles.find("<cellXfs").unwrap()..];
        let xf = xfs.split("<xf ").nth(style + 1).unwrap();
        let id = attr_of(&format!("<xf {xf}"), "numFmtId", "numFmtId").unwrap();
        assert!(
            styles.contains(&format!(
                "numFmtId=\"{id}\" formatCode=\"&quot;$&quot;#,##0\""
            )),
            "{a1}: {xf}"
        );
    }
}

#[test]
fn a_plan_named_like_an_added_sheet_is_renamed_and_still_read_back() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("summary.csv");
    std::fs::write(
        &path,
        "ID,Objective,Metric,Target,Owner,Due\n\
         G1,Grow revenue,Revenue,100,Ann,2026-12-31\n",
    )
    .unwrap();
    // A lone sheet is the goal sheet whatever its name.
    let grid = read_grid(&path, None).unwrap();
    let plan = build_plan(&grid, &LoadOptions::default()).unwrap();
    let out = dir.path().join("out.xlsx");
    let review = ReviewOptions {
        output: out.clone(),
        force: false,
    };
    let summary = write_review(
        &grid,
        &analysed(&plan, &[], &Config::default(), Lang::En),
        &Config::default(),
        &review,
    )
    .unwrap();
    assert_eq!(summary.sheets[0], "Summary");
    assert_eq!(summary.sheets[1], "summary (2)");
    assert_eq!(summary.renamed_sheets, 1);
    let (_, after) = load(&out);
    assert_eq!(after.sheet, "summary (2)");
    assert_eq!(after.goals.len(), 1);
}

/// A sheet as text: every non-empty cell with its stored value and, for formulas, the formula.
fn sheet_text(path: &Path, sheet: &str) -> String {
    let values = range(path, sheet);
    let f = formulas(path, sheet);
    let mut out = String::new();
    for (r, c, v) in values.used_cells() {
        let (r0, c0) = values.start().unwrap();
        let (row, col) = (r0 + r as u32, c0 + c as u32);
        if matches!(v, Data::Empty) {
            continue;
        }
        let formula = f.get_value((row, col)).filter(|s| !s.is_empty());
        let shown = match formula {
            Some(formula) => format!("{v}    ={formula}"),
            None => v.to_string(),
        };
        out.push_str(&format!("{}: {shown}\n", CellPos::new(row, col).a1()));
    }
    out
}

/// Golden copies of the added sheets of the sample plan (DESIGN §5); the output is
/// deterministic, so any change here is a real change.
#[test]
fn added_sheets_match_their_snapshots() {
    let (_dir, path) = temp_plan();
    let (out, _) = review(&path, &sample_findings(), Lang::Zh);
    for sheet in ["概览", "问题清单", "按负责人", "按渠道", "目标层级"] {
        insta::assert_snapshot!(format!("review_{sheet}"), sheet_text(&out, sheet));
    }
}

#[test]
fn a_ratio_of_summed_parts_is_written_as_the_rollup_computes_it() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("plan.csv");
    std::fs::write(
        &path,
        "ID,Objective,Metric,Unit,Target,Q1,Owner\n\
         G1,Revenue,Revenue,,1000,200,Ann\n\
         G2,Spend,Spend,,250,50,Ann\n\
         G3,ROI,ROI,,3,3,Ann\n",
    )
    .unwrap();
    let config = Config::from_toml(
        "[[ratios]]\nmetric = \"ROI\"\nnumerator = \"Revenue\"\ndenominator = \"Spend\"\n",
        Path::new("goalsheet.toml"),
    )
    .unwrap();
    let grid = read_grid(&path, None).unwrap();
    let plan = build_plan(&grid, &LoadOptions::default()).unwrap();
    let out = dir.path().join("out.xlsx");
    let options = ReviewOptions {
        output: out.clone(),
        force: false,
    };
    write_review(
        &grid,
        &analysed(&plan, &[], &config, Lang::En),
        &config,
        &options,
    )
    .unwrap();
    let r = range(&out, "By owner");
    let row = rollup_row(&r, "Ann", "ROI");
    assert_eq!(text(&r, row, 3), "ratio (of summed parts)");
    assert_eq!(num(&r, row, 8), 4.0, "1000 / 250");
    assert_eq!(num(&r, row, 4), 4.0, "200 / 50");
    let f = formulas(&out, "By owner");
    let year = f.get_value((row, 8)).unwrap();
    assert!(year.starts_with("IFERROR(SUMIFS('plan'!"), "{year}");
    assert!(
        year.contains(",\"=revenue\",") && year.contains(")/SUMIFS("),
        "{year}"
    );
    assert!(year.contains(",\"=spend\","), "{year}");
}

#[test]
fn ods_formulas_are_kept_in_excel_syntax() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("plan_zh.ods");
    std::fs::copy("fixtures/plan_zh.ods", &path).unwrap();
    let (out, summary) = review(&path, &[], Lang::Zh);
    assert_eq!(summary.formulas_as_values, 0);
    let f = formulas(&out, "目标分解");
    assert_eq!(f.get_value((20, 8)).map(String::as_str), Some("SUM(I7:I9)"));
    assert_eq!(num(&range(&out, "目标分解"), 20, 8), 3000.0);
}

#[test]
fn findings_on_merged_or_outside_cells_go_to_a_visible_cell() {
    let (_dir, path) = temp_plan();
    let findings = vec![
        // C6 is covered by the merged dimension C5:C7: its note goes to C5.
        finding(
            "R004",
            goalsheet::rules::Letter::R,
            goalsheet::rules::Severity::Warning,
            Some(CellPos::new(5, 2)),
            Some("G1.1"),
        ),
        // Column Z is beyond the sheet: the row's first cell.
        finding(
            "D004",
            goalsheet::rules::Letter::D,
            goalsheet::rules::Severity::Info,
            Some(CellPos::new(6, 25)),
            Some("G1.2"),
        ),
        // No cell, but a goal: that goal's row, first cell.
        finding(
            "S004",
            goalsheet::rules::Letter::S,
            goalsheet::rules::Severity::Warning,
            None,
            Some("G2"),
        ),
    ];
    let (out, _) = review(&path, &findings, Lang::En);
    let comments: Vec<String> = zip_names(&out)
        .into_iter()
        .filter(|n| n.starts_with("xl/comments"))
        .collect();
    let xml = zip_part(&out, &comments[0]).unwrap();
    for (cell, rule) in [("C5", "R004"), ("A7", "D004"), ("A8", "S004")] {
        let at = xml
            .find(&format!("ref=\"{cell}\""))
            .unwrap_or_else(|| panic!("{cell}: {xml}"));
        let note = &xml[at..];
        let note = &note[..note.find("</comment>").unwrap()];
        assert!(note.contains(rule), "{cell}: {note}");
    }
    assert!(!xml.contains("ref=\"C6\""));
    let part = sheet_part(&out, PLAN_SHEET).unwrap();
    assert_eq!(cell_fill(&out, &part, "C5").as_deref(), Some("FFFFEB9C"));
    // G2's S warning marks its SMART cell although the finding has no cell.
    let r = range(&out, PLAN_SHEET);
    assert_eq!(text(&r, 7, 14), "S✗ M✓ A✓ R✓ T✓");
}

/// The Summary counts owners and channels as people and places, not spellings: the same
/// name with a zero-width space, a no-break space, other case or padding counts once; a
/// blank or invisible-only cell not at all. In a CSV and in an xlsx, in English and Chinese.
#[test]
fn summary_counts_owners_and_channels_by_key() {
    let cases = [
        (
            Lang::En,
            "Goals",
            "Owners",
            "Channels",
            [
                "Kevin Zhang",
                "kevin  zhang",
                "Kevin\u{200B} Zhang",
                " KEVIN ZHANG",
                "Ann",
            ],
            ["Online", "online\u{00A0}", "ONLINE", "\u{200B}", "Events"],
        ),
        (
            Lang::Zh,
            "目标",
            "负责人数",
            "渠道数",
            ["李娜", "李娜\u{200B}", " 李娜 ", "王芳", "\u{FEFF}李娜"],
            ["线上", "线上\u{00A0}", "\u{200B}", "线下", "线下 "],
        ),
    ];
    for (lang, sheet, owners_label, channels_label, owners, channels) in cases {
        let head = match lang {
            Lang::En => "Goal,Metric,Unit,Target,Owner,Channel\n",
            Lang::Zh => "目标,指标,单位,全年目标,负责人,渠道\n",
        };
        let mut csv = String::from(head);
        for (i, (owner, channel)) in owners.iter().zip(channels).enumerate() {
            csv.push_str(&format!(
                "Grow leads {i},Leads,people,{},{owner},{channel}\n",
                100 + i
            ));
        }
        let dir = tempfile::tempdir().unwrap();
        let csv_path = dir.path().join("plan_csv.csv");
        std::fs::write(&csv_path, &csv).unwrap();
        let xlsx_path = dir.path().join("plan_xlsx.xlsx");
        let mut book = rust_xlsxwriter::Workbook::new();
        let ws = book.add_worksheet().set_name(sheet).unwrap();
        for (r, line) in csv.lines().enumerate() {
            for (c, cell) in line.split(',').enumerate() {
                ws.write_string(r as u32, c as u16, cell).unwrap();
            }
        }
        book.save(&xlsx_path).unwrap();
        for path in [csv_path, xlsx_path] {
            let (out, _) = review(&path, &[], lang);
            let names = open_workbook::<Xlsx<_>, _>(&out).unwrap().sheet_names();
            let summary = range(&out, &names[0]);
            let count = |label: &str| {
                let row = (0..summary.height() as u32)
                    .find(|&r| text(&summary, r, 0) == label)
                    .unwrap_or_else(|| panic!("{label} in the Summary"));
                num(&summary, row, 1)
            };
            assert_eq!(count(owners_label), 2.0, "{}: owners", path.display());
            assert_eq!(count(channels_label), 2.0, "{}: channels", path.display());
        }
    }
}
