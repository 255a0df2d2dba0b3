//! `goalsheet convert`: CSV exports in any encoding to xlsx, workbooks to CSV.

mod common;

use calamine::{Data, Reader, open_workbook_auto};
use common::{Workdir, goalsheet};

#[test]
fn gbk_csv_to_xlsx_keeps_text_as_text_and_numbers_as_numbers() {
    let w = Workdir::new();
    let (gbk, _, _) = encoding_rs::GBK.encode("编号,目标,全年目标,转化率,备注\nG1,销售额,\"1,200\",35%,=HYPERLINK(\"x\")\nG2,线索,007,0.3,@cmd\n");
    let input = w.write("export.csv", gbk);
    goalsheet().arg("convert").arg(&input).assert().success();
    let mut book = open_workbook_auto(w.path("export.xlsx")).expect("open");
    let range = book.worksheet_range("export").expect("sheet");
    assert_eq!(
        range.get_value((1, 1)),
        Some(&Data::String("销售额".into()))
    );
    assert_eq!(range.get_value((1, 2)), Some(&Data::Float(1200.0)));
    assert_eq!(range.get_value((1, 3)), Some(&Data::Float(0.35)));
    // A formula-looking string from a CSV stays a string.
    assert_eq!(
        range.get_value((1, 4)),
        Some(&Data::String("=HYPERLINK(\"x\")".into()))
    );
    assert_eq!(
        range.get_value((2, 2)),
        Some(&Data::String("007".into())),
        "codes keep their zeros"
    );
    let formulas = book.worksheet_formula("export").expect("formulas");
    assert!(
        formulas.used_cells().all(|(_, _, f)| f.is_empty()),
        "no formulas written"
    );
}

#[test]
fn xlsx_to_csv_neutralises_formula_injection() {
    let w = Workdir::new();
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name("目标").expect("name");
    ws.write_string(0, 0, "目标").expect("w");
    ws.write_string(1, 0, "=1+2").expect("w");
    ws.write_string(2, 0, "-5 是负数").expect("w");
    ws.write_number(3, 0, 12.5).expect("w");
    let input = w.write("book.xlsx", wb.save_to_buffer().expect("bytes"));
    let out_dir = w.path("out");
    std::fs::create_dir(&out_dir).expect("mkdir");
    goalsheet()
        .arg("convert")
        .arg(&input)
        .arg("-o")
        .arg(&out_dir)
        .assert()
        .success();
    let text = std::fs::read_to_string(out_dir.join("book.csv")).expect("csv");
    assert!(text.starts_with('\u{feff}'), "BOM for Excel");
    assert!(text.contains("'=1+2"));
    assert!(text.contains("'-5 是负数"));
    assert!(text.contains("12.5"));
}

#[test]
fn one_bad_input_writes_nothing() {
    let w = Workdir::new();
    let good = w.write("good.csv", "a,b\n1,2\n");
    let bad = w.write("bad.xlsx", "not a zip");
    let out = goalsheet()
        .arg("convert")
        .arg(&good)
        .arg(&bad)
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        w.files(),
        vec!["bad.xlsx".to_string(), "good.csv".to_string()]
    );
}
