//! `convert` round trips: CSV → xlsx (typed cells) → CSV keeps every value; other encodings
//! in, UTF-8 with a BOM out.

mod common;

use calamine::{Data, Reader, open_workbook_auto};
use common::{Workdir, goalsheet};

const CSV: &str = "编号,名称,金额,增长,日期,代码,公式,长号,备注\n\
G1,销售额,\"1,200\",35%,2026-03-31,007,=SUM(A1),12345678901234567890,\"含,逗号\"\n\
G2,线索,-5,12.5%,2026年3月31日,A-1,@cmd,3.5,\"两行\n文字\"\n\
G3,Leads,0.5,100%,2026/12/1,0012,-,+86 138,\n";

fn convert(args: &[&std::ffi::OsStr]) {
    let out = goalsheet().arg("convert").args(args).output().expect("run");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// A value as a spreadsheet holds it: a number (percentages as fractions), a date, or text.
#[derive(Debug, PartialEq)]
enum Value {
    Number(f64),
    Date(chrono::NaiveDate),
    Text(String),
}

fn value(cell: &str) -> Value {
    let t = cell.trim();
    if let Some(p) = t
        .strip_suffix('%')
        .and_then(|p| p.replace(',', "").parse::<f64>().ok())
    {
        return Value::Number(p / 100.0);
    }
    let digits = t.chars().filter(|c| c.is_ascii_digit()).count();
    if digits <= 15
        && !(t.len() > 1 && t.starts_with('0') && !t.starts_with("0."))
        && let Ok(n) = t.replace(',', "").parse::<f64>()
    {
        return Value::Number(n);
    }
    for f in ["%Y-%m-%d", "%Y/%m/%d", "%Y年%m月%d日"] {
        if let Ok(d) = chrono::NaiveDate::parse_from_str(t, f) {
            return Value::Date(d);
        }
    }
    Value::Text(cell.to_string())
}

fn read_csv(bytes: &[u8]) -> Vec<Vec<String>> {
    let mut r = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(bytes);
    r.records()
        .map(|rec| rec.expect("record").iter().map(String::from).collect())
        .collect()
}

#[test]
fn csv_to_xlsx_types_cells_and_back_to_csv_keeps_every_value() {
    let w = Workdir::new();
    let input = w.write("plan.csv", CSV);
    convert(&[input.as_os_str()]);
    let xlsx = w.path("plan.xlsx");

    let mut book = open_workbook_auto(&xlsx).expect("open");
    let range = book.worksheet_range("plan").expect("sheet");
    assert_eq!(range.get_value((1, 2)), Some(&Data::Float(1200.0)));
    assert_eq!(range.get_value((2, 2)), Some(&Data::Float(-5.0)));
    assert_eq!(range.get_value((1, 3)), Some(&Data::Float(0.35)));
    for (row, ymd) in [(1, (2026, 3, 31)), (2, (2026, 3, 31)), (3, (2026, 12, 1))] {
        let Some(Data::DateTime(d)) = range.get_value((row, 4)) else {
            panic!("row {row}: a date, not {:?}", range.get_value((row, 4)));
        };
        let date = d.as_datetime().expect("a date").date();
        assert_eq!(
            date,
            chrono::NaiveDate::from_ymd_opt(ymd.0, ymd.1, ymd.2).expect("date")
        );
    }
    for (row, col, text) in [
        (1, 5, "007"),
        (1, 6, "=SUM(A1)"),
        (1, 7, "12345678901234567890"),
        (2, 6, "@cmd"),
        (3, 5, "0012"),
        (3, 7, "+86 138"),
    ] {
        assert_eq!(
            range.get_value((row, col)),
            Some(&Data::String(text.into())),
            "text stays text"
        );
    }
    let formulas = book.worksheet_formula("plan").expect("formulas");
    assert!(
        formulas.used_cells().all(|(_, _, f)| f.is_empty()),
        "no formula written"
    );

    // The workbook's furniture: a styled, frozen, filtered header and column widths.
    let mut zip = zip::ZipArchive::new(std::fs::File::open(&xlsx).expect("xlsx")).expect("zip");
    let mut sheet = String::new();
    std::io::Read::read_to_string(
        &mut zip.by_name("xl/worksheets/sheet1.xml").expect("sheet1"),
        &mut sheet,
    )
    .expect("xml");
    assert!(sheet.contains("<autoFilter ref=\"A1:I4\""), "{sheet}");
    assert!(sheet.contains("state=\"frozen\""), "{sheet}");
    assert!(sheet.contains("<col "), "widths: {sheet}");

    // Back to CSV: every value as it was (text neutralised against formulas only).
    let out = w.path("back");
    convert(&[
        std::ffi::OsStr::new("--to"),
        std::ffi::OsStr::new("csv"),
        xlsx.as_os_str(),
        std::ffi::OsStr::new("-o"),
        out.as_os_str(),
    ]);
    let back = std::fs::read(out.join("plan.csv")).expect("csv");
    assert!(back.starts_with(b"\xEF\xBB\xBF"), "UTF-8 with a BOM");
    let before = read_csv(CSV.as_bytes());
    let after = read_csv(&back[3..]);
    assert_eq!(before.len(), after.len());
    for (r, (a, b)) in before.iter().zip(&after).enumerate() {
        let trimmed: Vec<&String> = {
            let mut v: Vec<&String> = a.iter().collect();
            while v.last().is_some_and(|s| s.is_empty()) {
                v.pop();
            }
            v
        };
        assert_eq!(trimmed.len(), b.len(), "row {r}: {a:?} vs {b:?}");
        for (x, y) in trimmed.iter().zip(b) {
            let y = if x.starts_with(['=', '+', '-', '@']) && value(x) == Value::Text((*x).clone())
            {
                y.strip_prefix('\'')
                    .unwrap_or_else(|| panic!("{y} neutralised"))
            } else {
                y.as_str()
            };
            assert_eq!(value(x), value(y), "row {r}: {x} → {y}");
        }
    }
}

#[test]
fn gb18030_in_utf8_with_bom_out() {
    let w = Workdir::new();
    // 𠮷 and 😀 need GB18030's four-byte sequences; 销售额 is plain GBK.
    let text = "名称,金额\n销售额𠮷,100\n表情😀,200\n";
    let (bytes, _, unmappable) = encoding_rs::GB18030.encode(text);
    assert!(!unmappable);
    let input = w.write("gb.csv", &bytes);
    convert(&[input.as_os_str()]);
    let mut book = open_workbook_auto(w.path("gb.xlsx")).expect("open");
    let range = book.worksheet_range("gb").expect("sheet");
    assert_eq!(
        range.get_value((1, 0)),
        Some(&Data::String("销售额𠮷".into()))
    );
    assert_eq!(
        range.get_value((2, 0)),
        Some(&Data::String("表情😀".into()))
    );
    assert_eq!(range.get_value((2, 1)), Some(&Data::Float(200.0)));
    // Straight to CSV, and back from the workbook: UTF-8 with a BOM, the same text.
    let out = w.path("csv");
    convert(&[
        std::ffi::OsStr::new("--to"),
        std::ffi::OsStr::new("csv"),
        w.path("gb.xlsx").as_os_str(),
        std::ffi::OsStr::new("-o"),
        out.as_os_str(),
    ]);
    let back = std::fs::read(out.join("gb.csv")).expect("csv");
    assert!(back.starts_with(b"\xEF\xBB\xBF"));
    assert_eq!(std::str::from_utf8(&back[3..]).expect("utf-8"), text);
}

#[test]
fn european_csv_with_a_sep_line_reads_its_decimal_comma() {
    let w = Workdir::new();
    let input = w.write(
        "eu.csv",
        "sep=;\nName;Budget;Rate;Due\nA;1.250.000,50;3,5%;31.12.2026\nB;48.000;12%;2026-06-30\n",
    );
    convert(&[input.as_os_str()]);
    let mut book = open_workbook_auto(w.path("eu.xlsx")).expect("open");
    let range = book.worksheet_range("eu").expect("sheet");
    assert_eq!(
        range.get_value((0, 0)),
        Some(&Data::String("Name".into())),
        "sep= is no row"
    );
    assert_eq!(range.get_value((1, 1)), Some(&Data::Float(1_250_000.5)));
    assert_eq!(range.get_value((2, 1)), Some(&Data::Float(48_000.0)));
    assert_eq!(range.get_value((1, 2)), Some(&Data::Float(0.035)));
    assert!(matches!(range.get_value((2, 3)), Some(Data::DateTime(_))));
}
