//! `goalsheet inspect` on every shipped fixture: the right sheet, header rows, column letters,
//! goal count, totals rows, layout and plan year (facts from fixtures/README.md).

mod common;

use common::{fixture, goalsheet};
use serde_json::{Value, json};

fn inspect(name: &str) -> Value {
    inspect_with(&[], &fixture(name))
}

/// `goalsheet inspect --format json ARGS PATH`, which must succeed.
fn inspect_with(args: &[&str], path: &std::path::Path) -> Value {
    let out = goalsheet()
        .args(["inspect", "--format", "json"])
        .args(args)
        .arg(path)
        .output()
        .expect("run");
    assert!(
        out.status.success(),
        "{}: {}",
        path.display(),
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("json")
}

/// The full column map of plan_zh / plan_en / clean_* (DESIGN-order header, A..R).
fn wide_columns() -> Value {
    json!({
        "id": "A", "parent": "B", "dimension": "C", "objective": "D", "key_result": "E",
        "metric": "F", "unit": "G", "baseline": "H", "target": "I", "q1": "J", "q2": "K",
        "q3": "L", "q4": "M", "owner": "N", "channel": "O", "due": "P", "budget": "Q", "notes": "R"
    })
}

struct Expect {
    file: &'static str,
    sheet: &'static str,
    encoding: &'static str,
    header_rows: Value,
    layout: &'static str,
    goals: u64,
    totals_rows: Value,
}

#[test]
fn every_fixture_is_read_as_documented() {
    let cases = [
        Expect {
            file: "plan_zh.xlsx",
            sheet: "目标分解",
            encoding: "xlsx",
            header_rows: json!([3, 4]),
            layout: "wide",
            goals: 16,
            totals_rows: json!([21]),
        },
        Expect {
            file: "plan_zh.xlsb",
            sheet: "目标分解",
            encoding: "xlsb",
            header_rows: json!([3, 4]),
            layout: "wide",
            goals: 16,
            totals_rows: json!([21]),
        },
        Expect {
            file: "plan_zh.ods",
            sheet: "目标分解",
            encoding: "ods",
            header_rows: json!([3, 4]),
            layout: "wide",
            goals: 16,
            totals_rows: json!([21]),
        },
        Expect {
            file: "plan_zh_gbk.csv",
            sheet: "plan_zh_gbk",
            encoding: "GBK",
            header_rows: json!([3, 4]),
            layout: "wide",
            goals: 16,
            totals_rows: json!([21]),
        },
        Expect {
            file: "clean_zh.xlsx",
            sheet: "目标分解",
            encoding: "xlsx",
            header_rows: json!([3, 4]),
            layout: "wide",
            goals: 16,
            totals_rows: json!([21]),
        },
        Expect {
            file: "plan_en.xlsx",
            sheet: "Goals",
            encoding: "xlsx",
            header_rows: json!([3]),
            layout: "wide",
            goals: 10,
            totals_rows: json!([14]),
        },
        Expect {
            file: "plan_en.xlsm",
            sheet: "Goals",
            encoding: "xlsm",
            header_rows: json!([3]),
            layout: "wide",
            goals: 10,
            totals_rows: json!([14]),
        },
        Expect {
            file: "plan_en.xlsb",
            sheet: "Goals",
            encoding: "xlsb",
            header_rows: json!([3]),
            layout: "wide",
            goals: 10,
            totals_rows: json!([14]),
        },
        Expect {
            file: "plan_en_utf16.txt",
            sheet: "plan_en_utf16",
            encoding: "UTF-16LE",
            header_rows: json!([3]),
            layout: "wide",
            goals: 10,
            totals_rows: json!([14]),
        },
        Expect {
            file: "plan_en_utf8bom.csv",
            sheet: "plan_en_utf8bom",
            encoding: "UTF-8",
            header_rows: json!([3]),
            layout: "wide",
            goals: 10,
            totals_rows: json!([14]),
        },
        Expect {
            file: "plan_en_1252.csv",
            sheet: "plan_en_1252",
            encoding: "windows-1252",
            header_rows: json!([3]),
            layout: "wide",
            goals: 10,
            totals_rows: json!([14]),
        },
        Expect {
            file: "clean_en.xlsx",
            sheet: "Goals",
            encoding: "xlsx",
            header_rows: json!([1]),
            layout: "wide",
            goals: 10,
            totals_rows: json!([12]),
        },
    ];
    for c in cases {
        let j = inspect(c.file);
        assert_eq!(j["sheet"], c.sheet, "{}", c.file);
        assert_eq!(j["encoding"], c.encoding, "{}", c.file);
        assert_eq!(j["header_rows"], c.header_rows, "{}", c.file);
        assert_eq!(j["layout"], c.layout, "{}", c.file);
        assert_eq!(j["goals"], c.goals, "{}", c.file);
        assert_eq!(j["totals_rows"], c.totals_rows, "{}", c.file);
        assert_eq!(j["plan_year"], 2026, "{}", c.file);
        assert_eq!(j["columns"], wide_columns(), "{}", c.file);
        assert_eq!(j["unknown_columns"], json!([]), "{}", c.file);
    }
}

#[test]
fn long_layouts() {
    for file in ["plan_long_zh.xlsx", "plan_long_en.csv"] {
        let j = inspect(file);
        assert_eq!(j["layout"], "long", "{file}");
        assert_eq!(j["goals"], 5, "{file}: 20 rows, 4 per goal");
        assert_eq!(j["header_rows"], json!([1]));
        assert_eq!(j["totals_rows"], json!([]));
        assert_eq!(
            j["columns"],
            json!({"id": "A", "objective": "B", "metric": "C", "unit": "D", "quarter": "E",
                   "target": "F", "owner": "G", "channel": "H", "due": "I"}),
            "{file}"
        );
    }
}

#[test]
fn defect_workbooks_report_the_unrecognised_column() {
    for (file, header) in [
        ("defects_zh.xlsx", "自定义列"),
        ("defects_en.xlsx", "Custom column"),
    ] {
        let j = inspect(file);
        assert_eq!(j["goals"], 54, "{file}");
        assert_eq!(j["totals_rows"], json!([56]), "{file}");
        assert_eq!(j["columns"]["start"], "P");
        assert_eq!(j["columns"]["due"], "Q");
        assert_eq!(
            j["unknown_columns"],
            json!([{"column": "T", "header": header}])
        );
    }
}

#[test]
fn metric_kinds_and_side_sheets_of_the_chinese_plan() {
    let j = inspect("plan_zh.xlsx");
    assert_eq!(j["metrics"]["销售额"], "sum");
    assert_eq!(j["metrics"]["线索数"], "sum");
    assert_eq!(j["metrics"]["粉丝数"], "level");
    assert_eq!(j["metrics"]["复购率"], "ratio");
    assert_eq!(j["metrics"]["获客成本"], "ratio");
    assert_eq!(j["metric_sources"]["复购率"], "unit");
    assert_eq!(j["metric_sources"]["粉丝数"], "lexicon");
    assert_eq!(
        j["action_sheet"],
        json!({"sheet": "执行计划", "actions": 13})
    );
    assert_eq!(j["budget_sheet"]["sheet"], "预算");
    assert_eq!(j["title"], "2026年市场部营销目标分解表");
}

#[test]
fn dates_in_a_1904_workbook() {
    let plan = goalsheet::load_plan(&fixture("plan_1904.xlsx"), &Default::default()).expect("plan");
    let dues: Vec<String> = plan
        .goals
        .iter()
        .filter_map(|g| g.due.value.map(|d| d.end.to_string()))
        .collect();
    assert_eq!(dues, ["2026-03-31", "2026-06-30", "2026-12-31"]);
}

#[test]
fn text_output_names_the_columns() {
    let out = goalsheet()
        .arg("inspect")
        .arg(fixture("plan_zh.xlsx"))
        .output()
        .expect("run");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("header      row 3–4"), "{text}");
    assert!(text.contains("totals rows 21 (合计)"), "{text}");
    assert!(text.contains("  N    owner"), "{text}");
}

/// `--encoding` reaches the reader and the JSON says what was used.
#[test]
fn encoding_flag_overrides_detection() {
    let w = common::Workdir::new();
    let text = "ID,Objective,Metric,Target,Owner\nO1,Grow revenue to 100,Revenue,100,陳大文\n";
    let (bytes, _, _) = encoding_rs::BIG5.encode(text);
    let p = w.write("big5.csv", bytes);
    assert_eq!(inspect_with(&[], &p)["encoding"], "GBK");
    assert_eq!(
        inspect_with(&["--encoding", "big5"], &p)["encoding"],
        "Big5"
    );
}
