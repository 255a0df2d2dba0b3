//! Formulas without stored results (workbooks written by scripts): goalsheet computes what it
//! can, reports the rest (D005) and never reads or writes an unknown result as 0 — in the
//! original and in its review copy alike.

mod common;

use std::path::Path;

use common::{Workdir, fixture, goalsheet};
use rust_xlsxwriter::{Formula, Workbook};
use serde_json::Value;

fn json(args: &[&str], file: &Path) -> Value {
    let out = goalsheet().args(args).arg(file).output().unwrap();
    assert!(
        out.status.code().is_some_and(|c| c <= 1),
        "{args:?} {}: {}",
        file.display(),
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

/// The rollup rows by owner, keyed by metric: (q1..q4, year).
fn rollup(file: &Path) -> Vec<(String, [Option<f64>; 5])> {
    let v = json(&["rollup", "--format", "json"], file);
    v["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            let n = |k: &str| r[k].as_f64();
            (
                r["metric"].as_str().unwrap().to_string(),
                [n("q1"), n("q2"), n("q3"), n("q4"), n("year")],
            )
        })
        .collect()
}

fn row<'a>(rows: &'a [(String, [Option<f64>; 5])], metric: &str) -> &'a [Option<f64>; 5] {
    &rows
        .iter()
        .find(|(m, _)| m == metric)
        .unwrap_or_else(|| panic!("no rollup row for {metric}: {rows:?}"))
        .1
}

fn close(a: Option<f64>, b: f64) -> bool {
    a.is_some_and(|a| (a - b).abs() < 1e-9)
}

/// (rule, sheet!cell) of every finding, sorted.
fn findings(file: &Path) -> Vec<(String, String)> {
    let v = json(&["check", "--format", "json"], file);
    let mut out: Vec<(String, String)> = v["files"][0]["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["rule"].as_str().unwrap().to_string(),
                format!(
                    "{}!{}",
                    f["sheet"].as_str().unwrap(),
                    f["cell"].as_str().unwrap_or("-")
                ),
            )
        })
        .collect();
    out.sort();
    out
}

fn has(found: &[(String, String)], rule: &str, cell: &str) -> bool {
    found.iter().any(|(r, c)| r == rule && c == cell)
}

const CASES: [(&str, &str, [&str; 4]); 2] = [
    (
        "formulas_uncached_en.xlsx",
        "Goals",
        ["Online revenue", "New leads", "CAC", "Repurchase rate"],
    ),
    (
        "formulas_uncached_zh.xlsx",
        "目标分解",
        ["线上销售额", "新增线索", "获客成本", "会员复购率"],
    ),
];

#[test]
fn uncached_formulas_are_computed_into_the_rollup() {
    let wd = Workdir::new();
    for (name, _, [revenue, leads, cost, rate]) in CASES {
        // The same workbook saved as .xlsm reads the same.
        let xlsm = wd.path(&name.replace(".xlsx", ".xlsm"));
        std::fs::copy(fixture(name), &xlsm).unwrap();
        for file in [fixture(name), xlsm] {
            let rows = rollup(&file);
            let at = |metric: &str, i: usize, want: f64| {
                let got = row(&rows, metric)[i];
                assert!(close(got, want), "{name} {metric}[{i}]: {got:?} ≠ {want}");
            };
            // Annual target =SUM(quarters) over plain quarters.
            at(revenue, 4, 1100.0);
            // A chain through the parameter sheet, computed in dependency order.
            for (i, want) in [2000.0, 2400.0, 2900.0, 3190.0, 10490.0]
                .into_iter()
                .enumerate()
            {
                at(leads, i, want);
            }
            // A ratio metric's year is its annual target, here =MIN(quarters).
            at(cost, 4, 44.0);
            // A percentage computed from a percentage (=J5+1%) stays a fraction.
            at(rate, 3, 0.35);
            at(rate, 4, 0.35);
        }
    }
}

#[test]
fn what_cannot_be_computed_is_reported_on_its_cell_and_never_read_as_zero() {
    for (name, sheet, _) in CASES {
        let found = findings(&fixture(name));
        // INDIRECT is not computed; a text join is not computed; =G7/(H7-H7) is #DIV/0!.
        for (rule, cell) in [
            ("D005", "F6"),
            ("D005", "H6"),
            ("D005", "O7"),
            ("D002", "F7"),
        ] {
            assert!(
                has(&found, rule, &format!("{sheet}!{cell}")),
                "{name}: {rule} on {cell}: {found:?}"
            );
        }
        let d005 = found.iter().filter(|(r, _)| r == "D005").count();
        assert_eq!(d005, 3, "{name}: only those cells: {found:?}");
        // `inspect` says how many formulas were computed and which were not.
        let inspect = json(&["inspect", "--format", "json"], &fixture(name));
        let formulas = &inspect["formulas_without_results"];
        assert_eq!(formulas["computed"], 10, "{name}: {formulas}");
        assert_eq!(
            formulas["not_computed"],
            serde_json::json!([
                format!("{sheet}!F6"),
                format!("{sheet}!H6"),
                format!("{sheet}!O7")
            ])
        );
        // The unknown baseline is the formula's fault, not a missing baseline; the computed
        // quarters reconcile with their computed annual targets, and the goal with an unknown
        // quarter is not said not to; no target is missing.
        for rule in ["M007", "M005", "M002", "M003"] {
            assert!(
                !found.iter().any(|(r, _)| r == rule),
                "{name}: {rule} fired: {found:?}"
            );
        }
    }
}

#[test]
fn the_review_copy_reads_back_with_the_same_findings() {
    let wd = Workdir::new();
    for (name, sheet, [_, leads, ..]) in CASES {
        let input = wd.copy_fixture(name);
        let out = wd.path(&format!("reviewed_{name}"));
        goalsheet()
            .args(["review", "-o"])
            .arg(&out)
            .arg(&input)
            .assert()
            .success();
        let before = findings(&input);
        let after = findings(&out);
        assert_eq!(before, after, "{name}: the copy reads differently");
        assert_eq!(rollup(&input), rollup(&out), "{name}");
        assert!(close(row(&rollup(&out), leads)[4], 10490.0));
        // The copy keeps the formulas, with the computed results stored (not 0), and the
        // formula nobody could compute with no stored result.
        let mut wb: calamine::Xlsx<_> = calamine::open_workbook(&out).unwrap();
        use calamine::Reader;
        let values = wb.worksheet_range(sheet).unwrap();
        let formulas = wb.worksheet_formula(sheet).unwrap();
        let value = |r: u32, c: u32| values.get_value((r, c)).cloned();
        assert_eq!(value(2, 6), Some(calamine::Data::Float(10490.0)));
        assert_eq!(value(2, 10), Some(calamine::Data::Float(3190.0)));
        assert!(
            matches!(value(5, 5), None | Some(calamine::Data::Empty))
                || value(5, 5) == Some(calamine::Data::String(String::new())),
            "F6: {:?}",
            value(5, 5)
        );
        let formula = |r: u32, c: u32| formulas.get_value((r, c)).cloned().unwrap_or_default();
        assert_eq!(formula(2, 6), "SUM(H3:K3)");
        assert_eq!(formula(5, 5), "INDIRECT(\"F2\")");
        // The owner rollup's Q1 over the unknown H6 is a live formula with no stored result;
        // its Q2 is known.
        let by_owner = if sheet == "Goals" {
            "By owner"
        } else {
            "按负责人"
        };
        let impressions = if sheet == "Goals" {
            "Impressions"
        } else {
            "品牌曝光量"
        };
        let rollup_values = wb.worksheet_range(by_owner).unwrap();
        let rollup_formulas = wb.worksheet_formula(by_owner).unwrap();
        let at = (0..rollup_values.height() as u32 + 10)
            .find(|&r| {
                rollup_values.get_value((r, 1)) == Some(&calamine::Data::String(impressions.into()))
            })
            .expect("a rollup row for the metric with the unknown quarter");
        let q1 = rollup_values.get_value((at, 4)).cloned();
        assert!(
            matches!(q1, None | Some(calamine::Data::Empty))
                || q1 == Some(calamine::Data::String(String::new())),
            "Q1: {q1:?}"
        );
        assert!(
            rollup_formulas
                .get_value((at, 4))
                .is_some_and(|f| f.starts_with("SUMIFS(")),
            "{:?}",
            rollup_formulas.get_value((at, 4))
        );
        assert_eq!(
            rollup_values.get_value((at, 5)),
            Some(&calamine::Data::Float(100.0))
        );
    }
}

/// A workbook written in the test, as a script would, with every formula's result dropped.
fn uncached(build: impl FnOnce(&mut Workbook)) -> Vec<u8> {
    let mut wb = Workbook::new();
    build(&mut wb);
    let bytes = wb.save_to_buffer().unwrap();
    common::patch_part(&bytes, "xl/worksheets/sheet1.xml", |xml| {
        let mut out = String::new();
        let mut rest = xml.as_str();
        while let Some(at) = rest.find("</f><v>") {
            out.push_str(&rest[..at + 4]);
            let after = &rest[at + 7..];
            let end = after.find("</v>").unwrap();
            rest = &after[end + 4..];
        }
        out.push_str(rest);
        out
    })
}

#[test]
fn totals_rows_long_layouts_and_defined_names_are_computed_too() {
    let wd = Workdir::new();
    // A long layout (one row per quarter) whose targets are formulas over a defined name
    // and whose totals row is =SUM(...) of formulas: nothing is 0, the totals agree.
    let bytes = uncached(|wb| {
        wb.define_name("Base", "=Goals!$H$2").unwrap();
        let ws = wb.add_worksheet();
        ws.set_name("Goals").unwrap();
        for (c, h) in [
            "ID", "Metric", "Owner", "Quarter", "Target", "Due date", "", "Base",
        ]
        .iter()
        .enumerate()
        {
            ws.write_string(0, c as u16, *h).unwrap();
        }
        ws.write_number(1, 7, 100.0).unwrap();
        for q in 0..4u32 {
            let r = q + 1;
            ws.write_string(r, 0, "L1").unwrap();
            ws.write_string(r, 1, "Leads").unwrap();
            ws.write_string(r, 2, "Ana").unwrap();
            ws.write_string(r, 3, format!("Q{}", q + 1)).unwrap();
            ws.write_formula(
                r,
                4,
                Formula::new(format!("=Base*{}", q + 1)).set_result("0"),
            )
            .unwrap();
            ws.write_string(r, 5, format!("2026-{:02}-28", 3 * (q + 1)))
                .unwrap();
        }
        ws.write_string(5, 0, "Total").unwrap();
        ws.write_formula(5, 4, Formula::new("=SUM(E2:E5)").set_result("0"))
            .unwrap();
    });
    let file = wd.write("long.xlsx", bytes);
    let rows = rollup(&file);
    let leads = row(&rows, "Leads");
    for (i, want) in [100.0, 200.0, 300.0, 400.0, 1000.0].into_iter().enumerate() {
        assert!(close(leads[i], want), "{i}: {leads:?}");
    }
    let found = findings(&file);
    assert!(
        !found
            .iter()
            .any(|(r, _)| ["D003", "D005", "M002", "M005"].contains(&r.as_str())),
        "{found:?}"
    );

    // A cycle and a formula over a missing sheet are reported, each on its cell.
    let bytes = uncached(|wb| {
        let ws = wb.add_worksheet();
        ws.set_name("Plan").unwrap();
        for (c, h) in [
            "ID", "Metric", "Owner", "Target", "Q1", "Q2", "Q3", "Q4", "Due",
        ]
        .iter()
        .enumerate()
        {
            ws.write_string(0, c as u16, *h).unwrap();
        }
        for (r, id) in [(1u32, "G1"), (2, "G2")] {
            ws.write_string(r, 0, id).unwrap();
            ws.write_string(r, 1, "Revenue").unwrap();
            ws.write_string(r, 2, "Bo").unwrap();
            for c in 4..8u16 {
                ws.write_number(r, c, 10.0).unwrap();
            }
            ws.write_string(r, 8, "2026-12-31").unwrap();
        }
        ws.write_formula(1, 3, Formula::new("=D3+SUM(E2:H2)").set_result("0"))
            .unwrap();
        ws.write_formula(2, 3, Formula::new("=D2").set_result("0"))
            .unwrap();
        ws.write_formula(2, 4, Formula::new("=Data!B2").set_result("0"))
            .unwrap();
    });
    let file = wd.write("cycle.xlsx", bytes);
    let found = findings(&file);
    for cell in ["Plan!D2", "Plan!D3", "Plan!E3"] {
        assert!(has(&found, "D005", cell), "{cell}: {found:?}");
    }
    // No target reads as 0 or as missing: the quarters are not reconciled against it.
    assert!(
        !found.iter().any(|(r, _)| r == "M002" || r == "M005"),
        "{found:?}"
    );
}

/// Formula cells without their stored results: in sheet XML the `<v>…</v>` after each
/// `</f>`; in ODS content the ` office:value-type="float" office:value="…"` after each
/// `table:formula="…"`. Returns the text and how many were dropped.
fn drop_results(text: &str, ods: bool) -> (String, usize) {
    let (anchor, start) = if ods {
        (
            "table:formula=\"",
            " office:value-type=\"float\" office:value=\"",
        )
    } else {
        ("</f>", "<v>")
    };
    let end = if ods { "\"" } else { "</v>" };
    let mut out = String::new();
    let mut rest = text;
    let mut n = 0;
    while let Some(at) = rest.find(anchor) {
        let mut keep = at + anchor.len();
        if ods {
            // Past the formula's closing quote.
            keep += rest[keep..].find('"').map_or(0, |q| q + 1);
        }
        out.push_str(&rest[..keep]);
        rest = &rest[keep..];
        if let Some(after) = rest.strip_prefix(start)
            && let Some(e) = after.find(end)
        {
            rest = &after[e + end.len()..];
            n += 1;
        }
    }
    out.push_str(rest);
    (out, n)
}

#[test]
fn the_shipped_plans_without_their_stored_results_read_the_same() {
    // The xlsx and ODS plans carry quarter-sum formulas with results; the same files with
    // every result dropped (as a script would write them) give the same rollup and findings.
    let wd = Workdir::new();
    for (name, part) in [
        ("plan_zh.xlsx", "xl/worksheets/sheet1.xml"),
        ("plan_en.xlsx", "xl/worksheets/sheet1.xml"),
        ("plan_zh.ods", "content.xml"),
    ] {
        let original = fixture(name);
        let bytes = std::fs::read(&original).unwrap();
        let dropped = std::cell::Cell::new(0);
        let patched = common::patch_part(&bytes, part, |xml| {
            let (xml, n) = drop_results(&xml, name.ends_with(".ods"));
            dropped.set(n);
            xml
        });
        assert!(
            dropped.get() >= 3,
            "{name}: {} formulas patched",
            dropped.get()
        );
        let copy = wd.write(&format!("uncached_{name}"), patched);
        assert_eq!(rollup(&original), rollup(&copy), "{name}");
        assert_eq!(findings(&original), findings(&copy), "{name}");
    }
}

#[test]
fn shared_formulas_without_results_are_computed_row_by_row() {
    // Excel and some BI tools write one formula for a block (`t="shared"`) and let the other
    // cells refer to it; with no results stored, each row still gets its own sum.
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name("目标").unwrap();
    for (c, h) in [
        "编号",
        "指标",
        "负责人",
        "全年目标",
        "一季度",
        "二季度",
        "三季度",
        "四季度",
        "截止日期",
    ]
    .iter()
    .enumerate()
    {
        ws.write_string(0, c as u16, *h).unwrap();
    }
    for r in 1..4u32 {
        ws.write_string(r, 0, format!("G{r}")).unwrap();
        ws.write_string(r, 1, "销售额").unwrap();
        ws.write_string(r, 2, format!("员工{r}")).unwrap();
        for q in 0..4u16 {
            ws.write_number(r, 4 + q, f64::from(r) * 10.0 + f64::from(q))
                .unwrap();
        }
        ws.write_formula(
            r,
            3,
            Formula::new(format!("=SUM(E{0}:H{0})", r + 1)).set_result("0"),
        )
        .unwrap();
        ws.write_string(r, 8, "2026-12-31").unwrap();
    }
    let bytes = wb.save_to_buffer().unwrap();
    let bytes = common::patch_part(&bytes, "xl/worksheets/sheet1.xml", |xml| {
        xml.replace(
            "<f>SUM(E2:H2)</f><v>0</v>",
            "<f t=\"shared\" ref=\"D2:D4\" si=\"0\">SUM(E2:H2)</f>",
        )
        .replace("<f>SUM(E3:H3)</f><v>0</v>", "<f t=\"shared\" si=\"0\"/>")
        .replace(
            "<f>SUM(E4:H4)</f><v>0</v>",
            "<f t=\"shared\" si=\"0\"/><v></v>",
        )
    });
    let wd = Workdir::new();
    let file = wd.write("shared.xlsx", bytes);
    let grid = goalsheet::read::read_grid(&file, None).unwrap();
    let sheet = &grid.sheets[0];
    for (r, want) in [(1, 46.0), (2, 86.0), (3, 126.0)] {
        assert_eq!(
            sheet.raw(r, 3),
            &goalsheet::read::CellValue::Number(want),
            "D{}",
            r + 1
        );
        assert!(sheet.computed.contains(&(r, 3)));
    }
    let rows = rollup(&file);
    // Row r's quarters are 10r, 10r+1, 10r+2, 10r+3: the year is 40r + 6.
    let mut years: Vec<f64> = rows.iter().filter_map(|(_, v)| v[4]).collect();
    years.sort_by(f64::total_cmp);
    assert_eq!(years, vec![46.0, 86.0, 126.0]);
    let found = findings(&file);
    assert!(
        !found
            .iter()
            .any(|(r, _)| ["D005", "M002", "M005"].contains(&r.as_str())),
        "{found:?}"
    );
}
