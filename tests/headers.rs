//! Header cells that say more than the field name (fixtures/headers/, written by
//! examples/fixture_support/headers.rs): bilingual cells, compounds read by their head noun,
//! units in brackets, OKR tracker words, and quarter bands over Target/Actual/Progress
//! sub-headers. Every fixture is checked as .xlsx and as .csv, and as .ods where written.

mod common;

use std::collections::BTreeMap;

use common::{fixture, goalsheet};
use goalsheet::model::{Field, LoadOptions, Plan, load_plan};
use serde_json::Value;

fn run_json(args: &[&str], file: &str) -> Value {
    let out = goalsheet()
        .args(args)
        .arg(fixture(&format!("headers/{file}")))
        .output()
        .expect("run");
    assert!(
        matches!(out.status.code(), Some(0 | 1)),
        "{file}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("json")
}

fn inspect(file: &str) -> Value {
    run_json(&["inspect", "--format", "json"], file)
}

fn plan(file: &str) -> Plan {
    load_plan(
        &fixture(&format!("headers/{file}")),
        &LoadOptions::default(),
    )
    .expect("plan loads")
}

/// The field → column letter map `inspect` reports.
fn columns(file: &str) -> BTreeMap<String, String> {
    let j = inspect(file);
    j["columns"]
        .as_object()
        .expect("columns")
        .iter()
        .map(|(k, v)| (k.clone(), v.as_str().unwrap_or_default().to_string()))
        .collect()
}

fn expect_columns(file: &str, want: &[(&str, &str)]) {
    let got = columns(file);
    let want: BTreeMap<String, String> = want
        .iter()
        .map(|(f, c)| (f.to_string(), c.to_string()))
        .collect();
    assert_eq!(got, want, "{file}");
}

/// Rule ids of every finding on the file, with their cells.
fn findings(file: &str) -> Vec<(String, Option<String>, String)> {
    let j = run_json(&["check", "--format", "json"], file);
    j["files"][0]["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .map(|f| {
            (
                f["rule"].as_str().unwrap_or_default().to_string(),
                f["cell"].as_str().map(str::to_string),
                f["message"].as_str().unwrap_or_default().to_string(),
            )
        })
        .collect()
}

fn rules(file: &str) -> Vec<String> {
    findings(file).into_iter().map(|(r, _, _)| r).collect()
}

/// `rollup --by owner` as (owner, metric) → [q1, q2, q3, q4, year] (None for null).
fn rollup(file: &str) -> BTreeMap<(String, String), [Option<f64>; 5]> {
    let j = run_json(&["rollup", "--by", "owner", "--format", "json"], file);
    j["rows"]
        .as_array()
        .expect("rows")
        .iter()
        .map(|r| {
            let key = (
                r["owner"].as_str().unwrap_or_default().to_string(),
                r["metric"].as_str().unwrap_or_default().to_string(),
            );
            (key, ["q1", "q2", "q3", "q4", "year"].map(|k| r[k].as_f64()))
        })
        .collect()
}

fn expect_rollup(file: &str, owner: &str, metric: &str, want: [f64; 5]) {
    let got = rollup(file);
    assert_eq!(
        got.get(&(owner.to_string(), metric.to_string())),
        Some(&want.map(Some)),
        "{file}: {owner} / {metric} in {got:?}"
    );
}

const BOTH: [&str; 2] = ["xlsx", "csv"];
/// The fixtures also written as .ods (bands and merges, bilingual cells, compounds).
const ALL3: [&str; 3] = ["xlsx", "csv", "ods"];

// ---------------------------------------------------------------------------------------
// Kind 1: bilingual cells, compounds, units

#[test]
fn bilingual_two_line_cells_map_every_column() {
    for ext in ALL3 {
        let file = format!("bilingual_newline.{ext}");
        expect_columns(
            &file,
            &[
                ("id", "A"),
                ("objective", "B"),
                ("metric", "C"),
                ("baseline", "D"),
                ("target", "E"),
                ("q1", "F"),
                ("q2", "G"),
                ("q3", "H"),
                ("q4", "I"),
                ("owner", "J"),
                ("due", "K"),
                ("budget", "L"),
            ],
        );
        let j = inspect(&file);
        assert_eq!(j["header_rows"], serde_json::json!([3]), "{file}");
        assert_eq!(j["goals"], 3, "{file}");
        assert_eq!(j["column_units"]["target"], "万元", "{file}");
        assert_eq!(j["column_units"]["budget"], "万元", "{file}");
        assert_eq!(j["unknown_columns"], serde_json::json!([]), "{file}");
    }
}

#[test]
fn a_unit_in_the_target_header_is_every_goals_unit() {
    for ext in ALL3 {
        let file = format!("bilingual_newline.{ext}");
        let p = plan(&file);
        for g in &p.goals {
            assert_eq!(g.unit.text(), Some("万元"), "{file} row {}", g.row + 1);
        }
        let r = rules(&file);
        for absent in ["M004", "D004", "M001", "S001", "T001", "M005"] {
            assert!(!r.iter().any(|x| x == absent), "{file}: {absent} in {r:?}");
        }
        // numbers stay in the sheet's unit (万元)
        expect_rollup(
            &file,
            "Kevin Zhang 张凯",
            "销售额",
            [750.0, 850.0, 950.0, 1050.0, 3600.0],
        );
        expect_rollup(
            &file,
            "王璐",
            "销售额",
            [250.0, 300.0, 300.0, 350.0, 1200.0],
        );
    }
}

#[test]
fn both_languages_on_one_line_map_every_column() {
    for ext in BOTH {
        let file = format!("bilingual_inline.{ext}");
        expect_columns(
            &file,
            &[
                ("id", "A"),
                ("objective", "B"),
                ("metric", "C"),
                ("unit", "D"),
                ("baseline", "E"),
                ("target", "F"),
                ("q1", "G"),
                ("q2", "H"),
                ("q3", "I"),
                ("q4", "J"),
                ("owner", "K"),
                ("channel", "L"),
                ("due", "M"),
            ],
        );
        assert!(!rules(&file).iter().any(|r| r == "D004"), "{file}");
        expect_rollup(
            &file,
            "Ann Lee",
            "Revenue",
            [400.0, 500.0, 500.0, 600.0, 2000.0],
        );
        expect_rollup(
            &file,
            "Bo Chen",
            "Revenue",
            [150.0, 200.0, 200.0, 250.0, 800.0],
        );
        expect_rollup(
            &file,
            "Bo Chen",
            "Leads",
            [1800.0, 2000.0, 2000.0, 2200.0, 8000.0],
        );
    }
}

#[test]
fn chinese_compounds_read_by_their_head_noun_and_weight_is_a_weight() {
    for ext in ALL3 {
        let file = format!("compounds_zh.{ext}");
        expect_columns(
            &file,
            &[
                ("id", "A"),
                ("dimension", "B"),
                ("objective", "C"),
                ("metric", "D"),
                ("weight", "E"),
                ("baseline", "F"),
                ("target", "G"),
                ("q1", "H"),
                ("q2", "I"),
                ("q3", "J"),
                ("q4", "K"),
                ("owner", "L"),
                ("budget", "M"),
                ("due", "N"),
            ],
        );
        let j = inspect(&file);
        assert_eq!(j["header_rows"], serde_json::json!([2]), "{file}");
        assert_eq!(j["totals_rows"], serde_json::json!([6]), "{file}");
        let p = plan(&file);
        assert_eq!(p.goals.len(), 3);
        let weights: Vec<Option<f64>> = p.goals.iter().map(|g| g.weight.value).collect();
        assert_eq!(weights, [Some(0.3), Some(0.4), Some(0.3)], "{file}");
        // the weight never leaks into the target, baseline or budget, nor makes a percentage
        let g = &p.goals[0];
        assert_eq!(
            (g.target.value, g.baseline.value, g.budget.value),
            (Some(1800.0), Some(1500.0), Some(100.0)),
            "{file}"
        );
        assert!(!g.is_percent, "{file}");
        assert_eq!(g.unit.text(), Some("万元"), "{file}");
        let r = rules(&file);
        for absent in ["M004", "M006", "D004", "D003", "M005", "S001"] {
            assert!(!r.iter().any(|x| x == absent), "{file}: {absent} in {r:?}");
        }
        expect_rollup(
            &file,
            "罗敏",
            "线上销售额",
            [400.0, 450.0, 450.0, 500.0, 1800.0],
        );
        expect_rollup(
            &file,
            "罗敏",
            "会员销售额",
            [150.0, 150.0, 150.0, 150.0, 600.0],
        );
        expect_rollup(
            &file,
            "韩冬",
            "渠道销售额",
            [250.0, 300.0, 300.0, 350.0, 1200.0],
        );
    }
}

#[test]
fn english_compounds_read_by_their_head_noun() {
    for ext in BOTH {
        let file = format!("compounds_en.{ext}");
        expect_columns(
            &file,
            &[
                ("id", "A"),
                ("dimension", "B"),
                ("objective", "C"),
                ("metric", "D"),
                ("weight", "E"),
                ("baseline", "F"),
                ("target", "G"),
                ("q1", "H"),
                ("q2", "I"),
                ("q3", "J"),
                ("q4", "K"),
                ("owner", "L"),
                ("budget", "M"),
                ("due", "N"),
            ],
        );
        let j = inspect(&file);
        assert_eq!(j["column_units"]["target"], "$k", "{file}");
        assert_eq!(j["column_units"]["budget"], "$k", "{file}");
        let p = plan(&file);
        assert!(
            p.goals.iter().all(|g| g.unit.text() == Some("$k")),
            "{file}"
        );
        let r = rules(&file);
        for absent in ["M004", "M006", "D004", "R004", "M005"] {
            assert!(!r.iter().any(|x| x == absent), "{file}: {absent} in {r:?}");
        }
        expect_rollup(
            &file,
            "Ann Lee",
            "Direct revenue",
            [500.0, 600.0, 600.0, 700.0, 2400.0],
        );
        expect_rollup(
            &file,
            "Bo Chen",
            "Partner revenue",
            [200.0, 250.0, 250.0, 300.0, 1000.0],
        );
    }
}

#[test]
fn okr_tracker_start_target_and_current_values() {
    for stem in ["okr_en", "okr_zh"] {
        for ext in BOTH {
            let file = format!("{stem}.{ext}");
            expect_columns(
                &file,
                &[
                    ("objective", "A"),
                    ("key_result", "B"),
                    ("metric", "C"),
                    ("unit", "D"),
                    ("owner", "E"),
                    ("baseline", "F"),
                    ("target", "G"),
                    ("actual", "H"),
                    ("due", "K"),
                ],
            );
            let j = inspect(&file);
            let derived: Vec<&str> = j["derived_columns"]
                .as_array()
                .expect("derived")
                .iter()
                .filter_map(|d| d["column"].as_str())
                .collect();
            assert_eq!(derived, ["I", "J"], "{file}");
            let p = plan(&file);
            assert_eq!(p.goals.len(), 4, "{file}");
            let first = &p.goals[0];
            // Start Value is the baseline, Current Value the actual (never the baseline).
            assert_eq!(first.baseline.value, Some(80000.0), "{file}");
            assert_eq!(first.target.value, Some(120000.0), "{file}");
            assert_eq!(first.actual.value, Some(96000.0), "{file}");
            let rate = &p.goals[2];
            assert_eq!(
                (rate.baseline.value, rate.target.value),
                (Some(0.18), Some(0.25)),
                "{file}"
            );
            let r = rules(&file);
            for absent in ["M002", "M007", "A002", "D004", "T001", "S001"] {
                assert!(!r.iter().any(|x| x == absent), "{file}: {absent} in {r:?}");
            }
        }
    }
}

// ---------------------------------------------------------------------------------------
// Kind 2: the quarter in the band, the field under it

#[test]
fn quarter_bands_over_target_actual_progress() {
    for stem in ["band_en", "band_zh"] {
        for ext in ALL3 {
            let file = format!("{stem}.{ext}");
            expect_columns(
                &file,
                &[
                    ("objective", "A"),
                    ("metric", "B"),
                    ("owner", "C"),
                    ("unit", "D"),
                    ("target", "E"),
                    ("q1", "F"),
                    ("actual_q1", "G"),
                    ("q2", "I"),
                    ("actual_q2", "J"),
                    ("q3", "L"),
                    ("actual_q3", "M"),
                    ("q4", "O"),
                    ("actual_q4", "P"),
                ],
            );
            let j = inspect(&file);
            assert_eq!(j["header_rows"], serde_json::json!([2, 3]), "{file}");
            assert_eq!(j["goals"], 3, "{file}");
            let derived: Vec<&str> = j["derived_columns"]
                .as_array()
                .expect("derived")
                .iter()
                .filter_map(|d| d["column"].as_str())
                .collect();
            assert_eq!(derived, ["H", "K", "N", "Q"], "{file}");
            let r = rules(&file);
            for absent in ["M002", "M005", "M003", "T001"] {
                assert!(!r.iter().any(|x| x == absent), "{file}: {absent} in {r:?}");
            }
        }
    }
}

#[test]
fn band_targets_are_quarters_and_the_annual_target_stays() {
    for ext in ALL3 {
        let file = format!("band_en.{ext}");
        let p = plan(&file);
        let revenue = &p.goals[0];
        assert_eq!(revenue.target.value, Some(4_000_000.0), "{file}");
        assert_eq!(
            revenue.quarter_values(),
            [
                Some(900_000.0),
                Some(1_000_000.0),
                Some(1_000_000.0),
                Some(1_100_000.0)
            ],
            "{file}"
        );
        assert_eq!(revenue.actual_quarters[0].value, Some(870_000.0), "{file}");
        assert_eq!(revenue.actual.value, None, "{file}");
        expect_rollup(
            &file,
            "Dana Whitfield",
            "Revenue",
            [
                900_000.0,
                1_000_000.0,
                1_000_000.0,
                1_100_000.0,
                4_000_000.0,
            ],
        );
        expect_rollup(
            &file,
            "Luis Ortega",
            "MQLs",
            [1600.0, 1800.0, 1800.0, 2000.0, 7200.0],
        );
        expect_rollup(
            &file,
            "Grace Okafor",
            "CSAT",
            [84.0, 85.0, 87.0, 88.0, 88.0],
        );

        let file = format!("band_zh.{ext}");
        let p = plan(&file);
        assert_eq!(p.goals[0].target.value, Some(2400.0), "{file}");
        assert_eq!(p.goals[0].actual_quarters[0].value, Some(480.0), "{file}");
        expect_rollup(
            &file,
            "罗敏",
            "销售额",
            [500.0, 550.0, 650.0, 700.0, 2400.0],
        );
        expect_rollup(&file, "韩冬", "新增经销商数", [8.0, 10.0, 10.0, 12.0, 40.0]);
    }
}

#[test]
fn dropped_columns_are_reported_by_d004_and_inspect() {
    for (stem, second, unknown, field) in [
        ("band_en", "Stretch Target", "Sign-off", Field::Target),
        ("band_zh", "协同负责人", "审批意见", Field::Owner),
    ] {
        for ext in ALL3 {
            let file = format!("{stem}.{ext}");
            let j = inspect(&file);
            assert_eq!(
                j["duplicate_columns"],
                serde_json::json!([{"column": "R", "header": second, "field": field.name()}]),
                "{file}"
            );
            assert_eq!(
                j["unknown_columns"],
                serde_json::json!([{"column": "S", "header": unknown}]),
                "{file}"
            );
            let d004: Vec<_> = findings(&file)
                .into_iter()
                .filter(|(r, _, _)| r == "D004")
                .collect();
            assert_eq!(d004.len(), 1, "{file}");
            let message = &d004[0].2;
            assert!(
                message.contains(second) && message.contains(unknown),
                "{file}: {message}"
            );
            assert!(
                message.starts_with("2 ") || message.contains(" 2 "),
                "{file}: {message}"
            );
        }
    }
}

// ---------------------------------------------------------------------------------------
// Scales across sheets

#[test]
fn action_budgets_in_yuan_are_compared_in_the_goal_sheets_wan_yuan() {
    let b001: Vec<_> = findings("budget_units_zh.xlsx")
        .into_iter()
        .filter(|(r, _, _)| r == "B001")
        .collect();
    let cells: Vec<Option<String>> = b001.iter().map(|(_, c, _)| c.clone()).collect();
    // G2 (row 3): 40 000 + 20 000 元 = 6 万元 over its 5 万元; G1's 9 万元 fit its 10.
    assert_eq!(cells, [Some("H3".to_string())], "{b001:?}");
    assert!(b001[0].2.contains("6 万元"), "{}", b001[0].2);
    let p = plan("budget_units_zh.xlsx");
    let actions = p.actions.expect("action sheet");
    assert_eq!(actions.actions[0].budget.value, Some(6.0));
    assert_eq!(actions.actions[0].budget.raw, "60000");
    assert_eq!(
        p.column_units.get(&Field::Budget).map(String::as_str),
        Some("万元")
    );
}

#[test]
fn value_columns_in_different_scales_are_brought_to_the_goals_unit() {
    let dir = common::Workdir::new();
    let zh = dir.write(
        "scales_zh.csv",
        "目标,指标,全年目标(万元),一季度(元),二季度(元),三季度(元),四季度(元),负责人,截止日期\n\
         线上销售额达到400万元,销售额,400,\"1,000,000\",\"1,000,000\",\"1,000,000\",\"1,000,000\",李娜,2026-12-31\n",
    );
    let en = dir.write(
        "scales_en.csv",
        "Objective,Metric,Revenue target (USD m),Q1 ($k),Q2 ($k),Q3 ($k),Q4 ($k),Owner,Due\n\
         Grow revenue to 2m,Revenue,2,500,500,400,600,Ann Lee,2026-12-31\n",
    );
    for (path, unit, target, quarters) in [
        (&zh, "万元", 400.0, [100.0; 4]),
        (&en, "USD m", 2.0, [0.5, 0.5, 0.4, 0.6]),
    ] {
        let p = load_plan(path, &LoadOptions::default()).expect("plan loads");
        let g = &p.goals[0];
        assert_eq!(g.unit.text(), Some(unit), "{path:?}");
        assert_eq!(g.target.value, Some(target), "{path:?}");
        assert_eq!(g.quarter_values(), quarters.map(Some), "{path:?}");
        let out = goalsheet()
            .args(["check", "--format", "json"])
            .arg(path)
            .output()
            .expect("run");
        let j: Value = serde_json::from_slice(&out.stdout).expect("json");
        let rules: Vec<&str> = j["files"][0]["findings"]
            .as_array()
            .expect("findings")
            .iter()
            .filter_map(|f| f["rule"].as_str())
            .collect();
        for absent in ["M004", "M005", "D004"] {
            assert!(!rules.contains(&absent), "{path:?}: {absent} in {rules:?}");
        }
    }
}

/// Columns of a CSV plan as `inspect` maps them.
fn csv_columns(path: &std::path::Path) -> BTreeMap<String, String> {
    let out = goalsheet()
        .args(["inspect", "--format", "json"])
        .arg(path)
        .output()
        .expect("run");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let j: Value = serde_json::from_slice(&out.stdout).expect("json");
    j["columns"]
        .as_object()
        .expect("columns")
        .iter()
        .map(|(k, v)| (k.clone(), v.as_str().unwrap_or_default().to_string()))
        .collect()
}

#[test]
fn a_field_band_over_quarter_sub_headers_and_fiscal_quarter_bands() {
    let dir = common::Workdir::new();
    // The field in the band, the quarter under it (the other way round from band_en).
    let zh = dir.write(
        "field_band_zh.csv",
        "目标描述,负责人,单位,全年目标,季度目标,,,,实际完成,,,\n\
         ,,,,Q1,Q2,Q3,Q4,Q1,Q2,Q3,Q4\n\
         线上销售额达到400万元,李娜,万元,400,100,100,100,100,90,,,\n",
    );
    let want_zh: BTreeMap<String, String> = [
        ("objective", "A"),
        ("owner", "B"),
        ("unit", "C"),
        ("target", "D"),
        ("q1", "E"),
        ("q2", "F"),
        ("q3", "G"),
        ("q4", "H"),
        ("actual_q1", "I"),
        ("actual_q2", "J"),
        ("actual_q3", "K"),
        ("actual_q4", "L"),
    ]
    .iter()
    .map(|(f, c)| (f.to_string(), c.to_string()))
    .collect();
    assert_eq!(csv_columns(&zh), want_zh);
    // Fiscal quarter bands keep their quarter: `Q1 (Apr-Jun)` is Q1.
    let en = dir.write(
        "fiscal_band_en.csv",
        "Objective,Owner,Unit,FY Target,Q1 (Apr-Jun),,Q2 (Jul-Sep),,Q3 (Oct-Dec),,Q4 (Jan-Mar),\n\
         ,,,,Plan,Actual,Plan,Actual,Plan,Actual,Plan,Actual\n\
         Grow revenue to 400k,Ann Lee,$k,400,100,95,100,,100,,100,\n",
    );
    let got = csv_columns(&en);
    for (field, col) in [
        ("target", "D"),
        ("q1", "E"),
        ("actual_q1", "F"),
        ("q2", "G"),
        ("q3", "I"),
        ("q4", "K"),
        ("actual_q4", "L"),
    ] {
        assert_eq!(
            got.get(field).map(String::as_str),
            Some(col),
            "{field} in {got:?}"
        );
    }
    let p = load_plan(&en, &LoadOptions::default()).expect("plan loads");
    assert_eq!(p.goals[0].target.value, Some(400.0));
    assert_eq!(p.goals[0].actual_quarters[0].value, Some(95.0));
}
