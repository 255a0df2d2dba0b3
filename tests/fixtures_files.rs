//! The committed fixtures (written by `cargo run --example make_fixtures`) hold the facts
//! that fixtures/README.md documents, read back with calamine and encoding_rs directly
//! (independent of goalsheet's own reader).

use std::path::PathBuf;

use calamine::{Data, Range, Reader, open_workbook_auto};

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures")
        .join(name)
}

fn sheet(file: &str, name: &str) -> Range<Data> {
    let mut wb = open_workbook_auto(fixture(file)).unwrap_or_else(|e| panic!("{file}: {e}"));
    wb.worksheet_range(name)
        .unwrap_or_else(|e| panic!("{file}!{name}: {e}"))
}

/// Value at an A1-style cell (absolute position; ranges may not start at A1).
fn at<'a>(range: &'a Range<Data>, cell: &str) -> &'a Data {
    let letters: String = cell.chars().take_while(char::is_ascii_alphabetic).collect();
    let row: u32 = cell[letters.len()..].parse().expect("row number");
    let col = letters
        .bytes()
        .fold(0u32, |acc, b| acc * 26 + u32::from(b - b'A' + 1))
        - 1;
    range.get_value((row - 1, col)).unwrap_or(&Data::Empty)
}

fn text(range: &Range<Data>, cell: &str) -> String {
    match at(range, cell) {
        Data::String(s) => s.clone(),
        Data::Empty => String::new(),
        other => other.to_string(),
    }
}

fn num(range: &Range<Data>, cell: &str) -> f64 {
    match at(range, cell) {
        Data::Float(v) => *v,
        Data::Int(v) => *v as f64,
        other => panic!("{cell}: not a number: {other:?}"),
    }
}

fn date(range: &Range<Data>, cell: &str) -> String {
    match at(range, cell) {
        Data::DateTime(dt) if dt.is_datetime() => {
            let (y, m, d, ..) = dt.to_ymd_hms_milli();
            format!("{y:04}-{m:02}-{d:02}")
        }
        Data::DateTimeIso(s) => s.chars().take(10).collect(),
        other => panic!("{cell}: not a date: {other:?}"),
    }
}

#[test]
fn plan_zh_layout_and_values() {
    let wb = open_workbook_auto(fixture("plan_zh.xlsx")).expect("open");
    assert_eq!(wb.sheet_names(), vec!["目标分解", "执行计划", "预算"]);
    let g = sheet("plan_zh.xlsx", "目标分解");
    assert_eq!(text(&g, "A1"), "2026年市场部营销目标分解表");
    assert_eq!(text(&g, "A3"), "编号");
    assert_eq!(text(&g, "J3"), "季度目标");
    assert_eq!(text(&g, "J4"), "一季度");
    assert_eq!(text(&g, "M4"), "四季度");
    assert_eq!(text(&g, "A5"), "O1");
    assert_eq!(text(&g, "C5"), "业务增长");
    assert_eq!(text(&g, "C6"), "");
    assert_eq!(text(&g, "A20"), "KR4.2");
    assert_eq!(text(&g, "A21"), "合计");
    assert_eq!(num(&g, "I21"), 3000.0);
    assert_eq!(num(&g, "M21"), 950.0);
    assert_eq!(num(&g, "Q21"), 1740.0);
    assert!(text(&g, "A23").starts_with("注："));
    assert_eq!(date(&g, "P5"), "2026-12-31");
    assert_eq!(text(&g, "P7"), "2026年12月31日");
    assert_eq!(text(&g, "P17"), "待定");
    assert_eq!(text(&g, "N16"), "");
    assert_eq!(text(&g, "I12"), "50万");
    assert_eq!(text(&g, "I17"), "35%");
    assert_eq!(num(&g, "I11"), 0.35);
    assert_eq!(num(&g, "M10"), 5000.0);
    let b = sheet("plan_zh.xlsx", "预算");
    assert_eq!(text(&b, "A9"), "机动资金");
    assert_eq!(num(&b, "D10"), 1840.0);
    let a = sheet("plan_zh.xlsx", "执行计划");
    assert_eq!(text(&a, "A9"), "A08");
    assert_eq!(text(&a, "E9"), "");
}

#[test]
fn plan_zh_merged_regions() {
    let mut wb =
        calamine::open_workbook::<calamine::Xlsx<_>, _>(fixture("plan_zh.xlsx")).expect("open");
    let mut found: Vec<String> = wb
        .merge_cells_by_sheet_name("目标分解")
        .expect("merges")
        .iter()
        .map(|d| format!("{:?}-{:?}", d.start, d.end))
        .collect();
    found.sort();
    for want in [
        "(0, 0)-(0, 17)",
        "(2, 9)-(2, 12)",
        "(2, 0)-(3, 0)",
        "(4, 2)-(9, 2)",
        "(17, 2)-(19, 2)",
    ] {
        assert!(
            found.iter().any(|f| f == want),
            "missing merge {want} in {found:?}"
        );
    }
}

#[test]
fn ods_export_reads_the_same_values() {
    let g = sheet("plan_zh.ods", "目标分解");
    assert_eq!(text(&g, "A1"), "2026年市场部营销目标分解表");
    assert_eq!(text(&g, "J3"), "季度目标");
    assert_eq!(text(&g, "K4"), "二季度");
    assert_eq!(text(&g, "A5"), "O1");
    assert_eq!(text(&g, "C5"), "业务增长");
    assert_eq!(num(&g, "I5"), 3000.0);
    assert_eq!(num(&g, "I21"), 3000.0);
    assert_eq!(text(&g, "P8"), "Q4");
    assert_eq!(date(&g, "P5"), "2026-12-31");
}

#[test]
fn plan_en_and_clean_en() {
    let g = sheet("plan_en.xlsx", "Goals");
    assert_eq!(text(&g, "A1"), "FY2026 Marketing Plan");
    assert_eq!(text(&g, "A3"), "ID");
    assert_eq!(text(&g, "R3"), "Notes");
    assert_eq!(text(&g, "A4"), "O1");
    assert_eq!(text(&g, "A14"), "Total");
    assert_eq!(num(&g, "I14"), 5_000_000.0);
    assert_eq!(num(&g, "Q14"), 750_000.0);
    let b = sheet("plan_en.xlsx", "Budget");
    assert_eq!(text(&b, "A8"), "Contingency reserve");
    assert_eq!(num(&b, "D9"), 800_000.0);
    let c = sheet("clean_en.xlsx", "Goals");
    assert_eq!(text(&c, "A1"), "ID");
    assert_eq!(text(&c, "A12"), "Total");
    assert_eq!(num(&c, "Q12"), 750_000.0);
}

#[test]
fn workbook_1904_dates() {
    let g = sheet("plan_1904.xlsx", "Goals");
    assert_eq!(date(&g, "L2"), "2026-03-31");
    assert_eq!(date(&g, "L3"), "2026-06-30");
    assert_eq!(date(&g, "L4"), "2026-12-31");
}

#[test]
fn defect_cells() {
    for (file, name, custom) in [
        ("defects_zh.xlsx", "目标分解", "自定义列"),
        ("defects_en.xlsx", "Goals", "Custom column"),
    ] {
        let g = sheet(file, name);
        assert_eq!(text(&g, "T1"), custom);
        let div = (1..=g.height() as u32 + 1)
            .find(|r| matches!(at(&g, &format!("H{r}")), Data::Error(_)));
        assert!(div.is_some(), "{file}: no #DIV/0! cell");
    }
}

#[test]
fn text_exports_are_encoded_as_documented() {
    let gbk = std::fs::read(fixture("plan_zh_gbk.csv")).expect("read");
    let (t, _, bad) = encoding_rs::GB18030.decode(&gbk);
    assert!(!bad);
    assert!(t.starts_with("2026年市场部营销目标分解表,"));
    assert!(t.contains("\r\n合计,,,,,,,,\"3,000\",600,700,750,950,,,,\"1,740\",\r\n"));
    let u16 = std::fs::read(fixture("plan_en_utf16.txt")).expect("read");
    assert_eq!(&u16[..2], &[0xFF, 0xFE]);
    let (t, _, bad) = encoding_rs::UTF_16LE.decode(&u16);
    assert!(!bad);
    assert!(t.contains("ID\tParent\tDimension"));
    let w = std::fs::read(fixture("plan_en_1252.csv")).expect("read");
    let (t, _, bad) = encoding_rs::WINDOWS_1252.decode(&w);
    assert!(!bad);
    assert!(t.contains(";José Müller;") && t.contains("€5000000"));
    let u8b = std::fs::read(fixture("plan_en_utf8bom.csv")).expect("read");
    assert_eq!(&u8b[..3], &[0xEF, 0xBB, 0xBF]);
}

#[test]
fn bad_inputs() {
    assert!(
        std::fs::read(fixture("bad/empty.csv"))
            .expect("read")
            .is_empty()
    );
    let enc = cfb::open(fixture("bad/encrypted.xlsx")).expect("a compound file");
    assert!(enc.is_stream("EncryptionInfo") && enc.is_stream("EncryptedPackage"));
    for f in [
        "bad/not_a_zip.xlsx",
        "bad/truncated.xlsx",
        "bad/encrypted.xlsx",
        "bad/garbage.xls",
    ] {
        assert!(
            open_workbook_auto(fixture(f))
                .and_then(|mut wb| {
                    let first = wb.sheet_names().first().cloned().unwrap_or_default();
                    wb.worksheet_range(&first)
                })
                .is_err(),
            "{f} opened"
        );
    }
}

/// The facts a reader must agree on for every goal, whatever the file format.
fn goal_facts(file: &str) -> Vec<String> {
    let options = goalsheet::model::LoadOptions::default();
    let plan = goalsheet::model::load_plan(&fixture(file), &options)
        .unwrap_or_else(|e| panic!("{file}: {e}"));
    plan.goals
        .iter()
        .map(|g| {
            let t = |s: &goalsheet::model::Text| s.value.clone().unwrap_or_default();
            let q: Vec<Option<f64>> = g.quarters.iter().map(|q| q.value).collect();
            format!(
                "{} | {} | {} | {} | {} | {:?} | {:?} | {q:?} | {} | {:?} | {:?}",
                t(&g.id),
                t(&g.parent),
                t(&g.dimension),
                t(&g.metric),
                t(&g.unit),
                g.baseline.value,
                g.target.value,
                t(&g.channel),
                g.due.value.map(|d| d.end),
                g.budget.value,
            )
        })
        .collect()
}

#[test]
fn zh_plan_reads_the_same_as_xlsx_xlsb_ods_and_gbk_csv() {
    let xlsx = goal_facts("plan_zh.xlsx");
    assert_eq!(xlsx.len(), 16);
    assert_eq!(goal_facts("plan_zh.xlsb"), xlsx);
    assert_eq!(goal_facts("plan_zh.ods"), xlsx);
    assert_eq!(goal_facts("plan_zh_gbk.csv"), xlsx);
}

#[test]
fn en_plan_reads_the_same_as_xlsx_and_its_text_exports() {
    let xlsx = goal_facts("plan_en.xlsx");
    assert_eq!(xlsx.len(), 10);
    assert_eq!(goal_facts("plan_en_utf16.txt"), xlsx);
    assert_eq!(goal_facts("plan_en_utf8bom.csv"), xlsx);
    // The Windows-1252 export differs only in the currency symbol (unit `€`).
    let euro: Vec<String> = goal_facts("plan_en_1252.csv")
        .iter()
        .map(|l| l.replace(" | € | ", " | $ | "))
        .collect();
    assert_eq!(euro, xlsx);
}
