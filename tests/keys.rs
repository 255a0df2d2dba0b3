//! Keys written with invisible differences, and owner cells naming several people, end to end
//! through `rollup`, `check` and `review` on the `keys_*` fixtures (xlsx, csv, ods) and on
//! small plans written here. Every number is worked out in examples/fixture_support/keys.rs.

mod common;

use std::path::Path;

use common::{Workdir, fixture, goalsheet};
use serde_json::Value;

fn json_of(args: &[&str], file: &Path) -> Value {
    let out = goalsheet()
        .args(args)
        .args(["--format", "json"])
        .arg(file)
        .output()
        .expect("run");
    assert!(
        out.status.code().is_some_and(|c| c <= 1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("json")
}

fn rollup(file: &Path, by: &str) -> Value {
    json_of(&["rollup", "--by", by], file)
}

fn rows(json: &Value) -> &Vec<Value> {
    json["rows"].as_array().expect("rows")
}

/// The rows of a metric, as (key, [q1..q4, year], goals).
fn metric_rows(json: &Value, by: &str, metric: &str) -> Vec<(String, Vec<f64>, u64)> {
    rows(json)
        .iter()
        .filter(|r| r["metric"] == metric)
        .map(|r| {
            let values = ["q1", "q2", "q3", "q4", "year"]
                .iter()
                .map(|k| r[*k].as_f64().unwrap_or(f64::NAN))
                .collect();
            (
                r[by].as_str().expect("key").to_string(),
                values,
                r["goals"].as_u64().expect("goals"),
            )
        })
        .collect()
}

/// The rows of a metric, as (key, year, goals).
fn years(json: &Value, by: &str, metric: &str) -> Vec<(String, f64, u64)> {
    metric_rows(json, by, metric)
        .into_iter()
        .map(|(k, v, g)| (k, v[4], g))
        .collect()
}

fn row(key: &str, values: [f64; 5], goals: u64) -> (String, Vec<f64>, u64) {
    (key.to_string(), values.to_vec(), goals)
}

/// (rule, cell) of every finding on the goal sheet and the others.
fn findings(file: &Path) -> Vec<(String, String)> {
    findings_with(file, &[])
}

fn findings_with(file: &Path, extra: &[&str]) -> Vec<(String, String)> {
    let mut args = vec!["check"];
    args.extend_from_slice(extra);
    let j = json_of(&args, file);
    j["files"][0]["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .map(|f| {
            (
                f["rule"].as_str().expect("rule").to_string(),
                format!(
                    "{}!{}",
                    f["sheet"].as_str().unwrap_or(""),
                    f["cell"].as_str().unwrap_or("-")
                ),
            )
        })
        .collect()
}

fn fired(found: &[(String, String)], rule: &str) -> Vec<String> {
    found
        .iter()
        .filter(|(r, _)| r == rule)
        .map(|(_, c)| c.clone())
        .collect()
}

// ---------------------------------------------------------------------------------------------
// Kind 7: invisible differences in keys
// ---------------------------------------------------------------------------------------------

const INVISIBLE_ZH: [&str; 3] = [
    "keys_invisible_zh.xlsx",
    "keys_invisible_zh.csv",
    "keys_invisible_zh.ods",
];
const INVISIBLE_EN: [&str; 2] = ["keys_invisible_en.xlsx", "keys_invisible_en.csv"];

#[test]
fn a_zero_width_space_after_an_owner_no_longer_halves_her_rollup() {
    for name in INVISIBLE_ZH {
        let j = rollup(&fixture(name), "owner");
        // KR1.1 (李娜 + U+200B) and KR1.2 (BOM + 李娜) are one owner; O1 is their parent.
        assert_eq!(
            metric_rows(&j, "owner", "销售额"),
            vec![
                row("李娜", [490.0, 550.0, 550.0, 610.0, 2200.0], 2),
                row("王芳", [160.0, 150.0, 250.0, 240.0, 800.0], 1),
            ],
            "{name}"
        );
        // 王　芳 (a padded name) and 王芳 + NBSP are 王芳.
        assert_eq!(
            metric_rows(&j, "owner", "新增会员数"),
            vec![
                row("李娜", [5000.0, 5000.0, 5000.0, 5000.0, 20000.0], 1),
                row("王芳", [10000.0, 12000.0, 13000.0, 15000.0, 50000.0], 1),
            ],
            "{name}"
        );
        let owners: Vec<&str> = rows(&j)
            .iter()
            .map(|r| r["owner"].as_str().unwrap_or(""))
            .collect();
        assert!(
            owners.iter().all(|o| *o == "李娜" || *o == "王芳"),
            "{name}: {owners:?}"
        );
    }
}

#[test]
fn channels_product_lines_and_parents_group_as_written_once() {
    for name in INVISIBLE_ZH {
        let file = fixture(name);
        let j = rollup(&file, "channel");
        assert_eq!(
            metric_rows(&j, "channel", "销售额"),
            vec![row("线上", [650.0, 700.0, 800.0, 850.0, 3000.0], 3)],
            "{name}"
        );
        assert_eq!(
            metric_rows(&j, "channel", "新增会员数"),
            vec![row(
                "社交",
                [15000.0, 17000.0, 18000.0, 20000.0, 70000.0],
                2
            )],
            "{name}"
        );
        let j = rollup(&file, "product_line");
        assert_eq!(
            metric_rows(&j, "product_line", "销售额"),
            vec![
                row("美妆", [490.0, 550.0, 550.0, 610.0, 2200.0], 2),
                row("个护", [160.0, 150.0, 250.0, 240.0, 800.0], 1),
            ],
            "{name}"
        );
        // Parents `O1` + U+200B, `Ｏ１` and ` O1 ` + U+3000 all name O1, shown as first written.
        let j = rollup(&file, "parent");
        assert_eq!(
            metric_rows(&j, "parent", "销售额"),
            vec![row("O1", [650.0, 700.0, 800.0, 850.0, 3000.0], 3)],
            "{name}"
        );
    }
}

#[test]
fn english_keys_with_nbsp_full_width_and_word_joiners_group_too() {
    for name in INVISIBLE_EN {
        let file = fixture(name);
        let j = rollup(&file, "owner");
        assert_eq!(
            metric_rows(&j, "owner", "Revenue"),
            vec![
                row("Ann Lee", [490.0, 550.0, 550.0, 610.0, 2200.0], 2),
                row("Bo Chen", [160.0, 150.0, 250.0, 240.0, 800.0], 1),
            ],
            "{name}"
        );
        // `Bo　Chen` (an ideographic space between Latin words) is Bo Chen.
        assert_eq!(
            metric_rows(&j, "owner", "New members"),
            vec![
                row("Ann Lee", [5000.0, 5000.0, 5000.0, 5000.0, 20000.0], 1),
                row("Bo Chen", [10000.0, 12000.0, 13000.0, 15000.0, 50000.0], 1),
            ],
            "{name}"
        );
        let j = rollup(&file, "channel");
        // Online, Ｏｎｌｉｎｅ, Online + NBSP and On + U+2060 + line: one channel.
        assert_eq!(
            metric_rows(&j, "channel", "Revenue"),
            vec![row("Online", [650.0, 700.0, 800.0, 850.0, 3000.0], 3)],
            "{name}"
        );
        let j = rollup(&file, "owner,channel");
        let pairs: Vec<(String, String)> = rows(&j)
            .iter()
            .filter(|r| r["metric"] == "Revenue")
            .map(|r| {
                (
                    r["owner"].as_str().unwrap_or("").to_string(),
                    r["channel"].as_str().unwrap_or("").to_string(),
                )
            })
            .collect();
        assert_eq!(
            pairs,
            vec![
                ("Ann Lee".to_string(), "Online".to_string()),
                ("Bo Chen".to_string(), "Online".to_string())
            ],
            "{name}"
        );
    }
}

#[test]
fn action_goal_ids_with_invisible_marks_still_link_budgets() {
    for (name, owner) in [
        ("keys_invisible_zh.xlsx", ["李娜", "王芳"]),
        ("keys_invisible_en.xlsx", ["Ann Lee", "Bo Chen"]),
    ] {
        let j = rollup(&fixture(name), "owner");
        let budget = j["budget"].as_array().expect("budget");
        let of = |key: &str| {
            budget
                .iter()
                .find(|b| b["owner"] == key)
                .unwrap_or_else(|| panic!("{name}: no budget row {key}"))
        };
        // Goal budgets 100 + 80 and 60 + 40; actions A1 50 + A2 40 and A3 30 + A4 20 + A5 10.
        assert_eq!(of(owner[0])["budget"], 180.0, "{name}");
        assert_eq!(of(owner[0])["planned"], 90.0, "{name}");
        assert_eq!(of(owner[1])["budget"], 100.0, "{name}");
        assert_eq!(of(owner[1])["planned"], 60.0, "{name}");
        assert_eq!(budget.len(), 2, "{name}");
    }
}

#[test]
fn invisible_marks_in_ids_and_parents_break_no_link_and_hide_no_duplicate() {
    for (name, sheet) in INVISIBLE_ZH
        .iter()
        .map(|n| (*n, "目标分解"))
        .chain(INVISIBLE_EN.iter().map(|n| (*n, "Goals")))
    {
        let found = findings(&fixture(name));
        let csv_sheet = name.strip_suffix(".csv").unwrap_or(sheet);
        let sheet = if name.ends_with(".csv") {
            csv_sheet
        } else {
            sheet
        };
        // O3 and O3 + U+200B are the same id: the repeat is named.
        assert_eq!(fired(&found, "D001"), vec![format!("{sheet}!A8")], "{name}");
        // Its goal is named as written, less the zero-width space.
        let j = json_of(&["check"], &fixture(name));
        let d001 = j["files"][0]["findings"]
            .as_array()
            .expect("findings")
            .iter()
            .find(|f| f["rule"] == "D001")
            .expect("D001");
        assert_eq!(d001["goal"], "O3", "{name}");
        // Every parent resolves, and O1 decomposes exactly into its three children.
        for rule in [
            "R001", "R002", "R003", "R006", "R007", "S001", "S006", "A004",
        ] {
            assert!(fired(&found, rule).is_empty(), "{name}: {rule} {found:?}");
        }
        // Every action's goal id resolves and every leaf has an action.
        for rule in ["E001", "E006", "B001"] {
            assert!(fired(&found, rule).is_empty(), "{name}: {rule} {found:?}");
        }
    }
}

#[test]
fn a_goal_id_that_is_really_different_still_fails_to_link() {
    // Look-alike: `O1` + U+200B links, `O1-` and `Q1` do not.
    let dir = Workdir::new();
    let csv = dir.write(
        "plan.csv",
        "编号,上级目标,目标,衡量指标,单位,全年目标,负责人,截止日期\n\
         O1,,线上销售额达到3000万元,销售额,万元,3000,李娜,2026-12-31\n\
         KR1,O1\u{200B},天猫销售额达到1500万元,销售额,万元,1500,李娜\u{2060},2026-12-31\n\
         KR2,O1-,京东销售额达到1000万元,销售额,万元,1000,王芳,2026-12-31\n\
         KR3,Ｑ１,抖音销售额达到500万元,销售额,万元,500,王芳,2026-12-31\n",
    );
    let found = findings(&csv);
    assert_eq!(
        fired(&found, "R001"),
        vec!["plan!B4".to_string(), "plan!B5".to_string()]
    );
    let j = rollup(&csv, "parent");
    assert_eq!(
        years(&j, "parent", "销售额"),
        vec![
            ("O1".to_string(), 1500.0, 1),
            ("O1-".to_string(), 1000.0, 1),
            ("Ｑ１".to_string(), 500.0, 1),
        ]
    );
    // Only the two 李娜 spellings are one owner.
    let j = rollup(&csv, "owner");
    assert_eq!(
        years(&j, "owner", "销售额"),
        vec![
            ("李娜".to_string(), 1500.0, 1),
            ("王芳".to_string(), 1500.0, 2)
        ]
    );
}

// ---------------------------------------------------------------------------------------------
// Kind 8: several owners in one cell
// ---------------------------------------------------------------------------------------------

/// (fixture, goal sheet, sales metric)
const OWNERS: [(&str, &str, &str); 4] = [
    ("keys_owners_zh.xlsx", "KPI考核表", "销售额"),
    ("keys_owners_zh.csv", "keys_owners_zh", "销售额"),
    ("keys_owners_en.xlsx", "KPIs", "Revenue"),
    ("keys_owners_en.csv", "keys_owners_en", "Revenue"),
];

fn expected_sales(zh: bool) -> Vec<(String, f64, u64)> {
    let rows: &[(&str, f64, u64)] = if zh {
        &[
            ("罗敏、韩冬", 2400.0, 1),
            ("罗敏", 1000.0, 1),
            ("张三 李四", 600.0, 1),
            ("欧阳娜娜/潘悦", 500.0, 1),
            // 张三 and the padded 张　三: one person, two goals.
            ("张三", 400.0, 2),
            ("王和平", 200.0, 1),
        ]
    } else {
        &[
            ("Maria Garcia / Tom Lee", 2400.0, 1),
            ("Maria Garcia", 1000.0, 1),
            ("Ann & Bo", 600.0, 1),
            ("Kevin Zhang 张凯", 500.0, 1),
            ("Zhang, Wei", 300.0, 1),
            ("Sam and Alex", 200.0, 1),
            ("R&D", 100.0, 1),
        ]
    };
    rows.iter()
        .map(|(k, y, g)| (k.to_string(), *y, *g))
        .collect()
}

#[test]
fn a_goal_with_several_owners_counts_once_under_its_own_cell() {
    for (name, _, sales) in OWNERS {
        let zh = name.contains("_zh");
        let j = rollup(&fixture(name), "owner");
        let got = years(&j, "owner", sales);
        assert_eq!(got, expected_sales(zh), "{name}");
        let total: f64 = got.iter().map(|r| r.1).sum();
        assert_eq!(
            total, 5100.0,
            "{name}: every target once, none split or copied"
        );
        // The plan has no channel column: rolling up by channel is an error naming it, not
        // one row of blanks.
        let out = goalsheet()
            .args(["rollup", "--by", "channel"])
            .arg(fixture(name))
            .output()
            .expect("run");
        assert_eq!(out.status.code(), Some(2), "{name}");
        assert!(
            String::from_utf8_lossy(&out.stderr).contains("no channel column"),
            "{name}"
        );
    }
}

#[test]
fn several_owners_are_an_owner_with_an_info_asking_for_one() {
    for (name, sheet, _) in OWNERS {
        let zh = name.contains("_zh");
        let found = findings(&fixture(name));
        let rows: &[u32] = if zh { &[3, 6, 7, 11] } else { &[3, 6, 9, 11] };
        let expected: Vec<String> = rows.iter().map(|r| format!("{sheet}!K{r}")).collect();
        assert_eq!(fired(&found, "S006"), expected, "{name}");
        assert!(fired(&found, "S001").is_empty(), "{name}: {found:?}");
        assert!(fired(&found, "A004").is_empty(), "{name}: {found:?}");
        let j = json_of(&["check"], &fixture(name));
        let first = j["files"][0]["findings"]
            .as_array()
            .expect("findings")
            .iter()
            .find(|f| f["rule"] == "S006")
            .expect("an S006");
        assert_eq!(first["severity"], "info", "{name}");
        assert_eq!(first["goal"], "1", "{name}");
        let message = first["message"].as_str().unwrap_or("");
        if zh {
            assert_eq!(
                message,
                "目标 1 有 2 位负责人（罗敏、韩冬），应由一人负总责"
            );
        } else {
            assert_eq!(
                message,
                "goal 1 names 2 owners (Maria Garcia, Tom Lee); one person should be accountable"
            );
        }
    }
}

#[test]
fn the_workload_rule_counts_a_shared_goal_for_each_person_named() {
    let dir = Workdir::new();
    let config = dir.write("goalsheet.toml", "[achievable]\nmax_goals_per_owner = 1\n");
    let config = config.to_str().expect("utf-8 path");
    for (name, sheet, _) in OWNERS {
        let found = findings_with(&fixture(name), &["--config", config]);
        // zh: 罗敏 (goals 1, 2, 9) → goal 2; 韩冬 (1, 3) → 3; 张三 (4, 6, 7) → 6; 潘悦 (5, 9)
        // → 9. en: Maria Garcia (1, 2, 9) → 2; Tom Lee (1, 3, 9) → 3; the rest carry one.
        let rows: &[u32] = if name.contains("_zh") {
            &[4, 5, 8, 11]
        } else {
            &[4, 5]
        };
        let expected: Vec<String> = rows.iter().map(|r| format!("{sheet}!K{r}")).collect();
        assert_eq!(fired(&found, "A004"), expected, "{name}");
    }
}

#[test]
fn owner_cells_written_here_in_other_separators() {
    // CSV written in the test: more separators, and one-person look-alikes beside them.
    let dir = Workdir::new();
    let csv = dir.write(
        "owners.csv",
        "Goal ID,Key Result,Metric,Unit,Target,Owner,Due\n\
         K1,Web revenue reaches $900k,Revenue,$k,900,Ann; Bo,2026-12-31\n\
         K2,Shop revenue reaches $800k,Revenue,$k,800,Ann + Bo,2026-12-31\n\
         K3,App revenue reaches $700k,Revenue,$k,700,\"Ann\nBo\",2026-12-31\n\
         K4,Mail revenue reaches $600k,Revenue,$k,600,张三和李四,2026-12-31\n\
         K5,Store revenue reaches $500k,Revenue,$k,500,Anderson,2026-12-31\n\
         K6,Event revenue reaches $400k,Revenue,$k,400,N/A,2026-12-31\n\
         K7,Partner revenue reaches $300k,Revenue,$k,300,P&G,2026-12-31\n",
    );
    let found = findings(&csv);
    assert_eq!(
        fired(&found, "S006"),
        vec!["owners!F2", "owners!F3", "owners!F4", "owners!F5"]
    );
    // N/A is a not-yet-set marker: no owner (S001), not two people.
    assert_eq!(fired(&found, "S001"), vec!["owners!F7"]);
    let j = rollup(&csv, "owner");
    let total: f64 = years(&j, "owner", "Revenue").iter().map(|r| r.1).sum();
    assert_eq!(total, 4200.0);
    assert_eq!(years(&j, "owner", "Revenue").len(), 7);
}

// ---------------------------------------------------------------------------------------------
// The review workbook: helper keys, rollup sheets, and reading the reviewed copy again
// ---------------------------------------------------------------------------------------------

fn reviewed(dir: &Workdir, name: &str) -> std::path::PathBuf {
    let out = dir.path(&format!("reviewed_{name}.xlsx"));
    let status = goalsheet()
        .args(["review", "--force", "-o"])
        .arg(&out)
        .arg(fixture(name))
        .output()
        .expect("run");
    assert!(
        status.status.success(),
        "{}",
        String::from_utf8_lossy(&status.stderr)
    );
    out
}

fn sheet(path: &Path, name: &str) -> calamine::Range<calamine::Data> {
    use calamine::Reader;
    let mut wb: calamine::Xlsx<_> = calamine::open_workbook(path).expect("xlsx");
    wb.worksheet_range(name).expect("sheet")
}

fn text_at(r: &calamine::Range<calamine::Data>, row: u32, col: u32) -> String {
    r.get_value((row, col))
        .map(ToString::to_string)
        .unwrap_or_default()
}

#[test]
fn the_review_helper_key_is_the_rollup_key_for_every_spelling() {
    let dir = Workdir::new();
    let out = reviewed(&dir, "keys_invisible_zh.xlsx");
    let plan = sheet(&out, "目标分解");
    let width = plan.end().expect("cells").1;
    let helper = (0..=width)
        .find(|&c| text_at(&plan, 0, c) == "goalsheet owner")
        .expect("a goalsheet owner column");
    // Rows 2–8: 李娜 (O1, a parent the rollup does not count: its key is there for the
    // budget by owner, its leaf flag 0 keeps it out of the targets), 李娜 + U+200B, BOM + 李娜,
    // 王芳, 王芳 + NBSP, 王　芳, 李娜.
    let keys: Vec<String> = (1..=7).map(|r| text_at(&plan, r, helper)).collect();
    assert_eq!(
        keys,
        ["李娜", "李娜", "李娜", "王芳", "王芳", "王芳", "李娜"].map(String::from)
    );
    let leaf = (0..=width)
        .find(|&c| text_at(&plan, 0, c) == "goalsheet leaf")
        .expect("a goalsheet leaf column");
    assert_eq!(text_at(&plan, 1, leaf), "0", "O1 is not rolled up");
    // The owner cells themselves are kept as written.
    let owner = (0..=width)
        .find(|&c| text_at(&plan, 0, c) == "负责人")
        .expect("owner column");
    assert_eq!(text_at(&plan, 2, owner), "李娜\u{200B}");
    // The by-owner sheet: one 李娜 row for 销售额, its stored year the rollup's.
    let by_owner = sheet(&out, "按负责人");
    let last = by_owner.end().expect("cells").0;
    let sales: Vec<(String, String)> = (0..=last)
        .filter(|&r| text_at(&by_owner, r, 1) == "销售额")
        .map(|r| (text_at(&by_owner, r, 0), text_at(&by_owner, r, 8)))
        .collect();
    assert_eq!(
        sales,
        vec![
            ("李娜".to_string(), "2200".to_string()),
            ("王芳".to_string(), "800".to_string()),
            // The block's total row.
            ("合计".to_string(), "3000".to_string())
        ]
    );
}

#[test]
fn the_reviewed_copy_reads_back_with_the_same_rollups_and_findings() {
    let dir = Workdir::new();
    for name in [
        "keys_invisible_zh.xlsx",
        "keys_invisible_en.xlsx",
        "keys_owners_zh.xlsx",
        "keys_owners_en.csv",
    ] {
        let input = fixture(name);
        let out = reviewed(&dir, name);
        for by in ["owner", "channel", "parent", "owner,channel"] {
            // A key the plan has no column for is an error for the copy as for the original.
            let exit = |file: &Path| {
                goalsheet()
                    .args(["rollup", "--by", by])
                    .arg(file)
                    .output()
                    .expect("run")
                    .status
                    .code()
            };
            let (ea, eb) = (exit(&input), exit(&out));
            assert_eq!(ea, eb, "{name} by {by}");
            if ea == Some(2) {
                continue;
            }
            let (a, b) = (rollup(&input, by), rollup(&out, by));
            assert_eq!(a["rows"], b["rows"], "{name} by {by}");
            assert_eq!(a["budget"], b["budget"], "{name} by {by}");
        }
        let cells = |found: Vec<(String, String)>| -> Vec<(String, String)> {
            // A CSV's goal sheet is named after the file; the copy's after the sheet.
            found
                .into_iter()
                .map(|(r, c)| (r, c.split_once('!').map_or(c.clone(), |x| x.1.to_string())))
                .collect()
        };
        assert_eq!(
            cells(findings(&input)),
            cells(findings(&out)),
            "{name}: the reviewed copy gets the same findings"
        );
    }
}

// ---------------------------------------------------------------------------------------------
// The shared field case f07 (KPI 考核表, weights, several owners, dotted dates), reproduced
// cell for cell by the generator
// ---------------------------------------------------------------------------------------------

#[test]
fn case_f07_counts_the_shared_goal_once_and_notes_its_owners() {
    for (name, sheet) in [
        ("keys_f07_kpi_owners.xlsx", "KPI考核表"),
        ("keys_f07_kpi_owners.csv", "keys_f07_kpi_owners"),
    ] {
        let file = fixture(name);
        let inspect = json_of(&["inspect"], &file);
        assert_eq!(inspect["goals"], 5, "{name}");
        assert_eq!(inspect["header_rows"], serde_json::json!([3]), "{name}");
        assert_eq!(inspect["totals_rows"], serde_json::json!([9]), "{name}");
        let columns = &inspect["columns"];
        for (field, col) in [
            ("id", "A"),
            ("objective", "C"),
            ("metric", "D"),
            ("unit", "F"),
            ("baseline", "G"),
            ("target", "H"),
            ("q1", "I"),
            ("q4", "L"),
            ("owner", "M"),
            ("due", "N"),
        ] {
            assert_eq!(columns[field], col, "{name}: {field}");
        }
        for field in ["target", "baseline", "budget", "q1"] {
            assert_ne!(columns[field], "E", "{name}: 权重 is no {field}");
        }
        let plan = goalsheet::load_plan(&file, &goalsheet::LoadOptions::default()).expect("plan");
        for g in &plan.goals {
            let due = g.due.value.map(|d| d.end.to_string());
            assert_eq!(due.as_deref(), Some("2026-12-31"), "{name}: {}", g.label());
        }

        let j = rollup(&file, "owner");
        let sales = years(&j, "owner", "销售额");
        assert_eq!(sales, vec![("罗敏、韩冬".to_string(), 2400.0, 1)], "{name}");
        for (metric, owner, values) in [
            ("新增经销商数", "韩冬", [8.0, 10.0, 10.0, 12.0, 40.0]),
            ("获客成本", "韩冬", [140.0, 132.0, 126.0, 120.0, 120.0]),
            (
                "粉丝数",
                "潘悦",
                [120000.0, 150000.0, 170000.0, 200000.0, 200000.0],
            ),
        ] {
            assert_eq!(
                metric_rows(&j, "owner", metric),
                vec![row(owner, values, 1)],
                "{name}: {metric}"
            );
        }

        let found = findings(&file);
        for rule in ["T002", "T003", "M005", "S001", "D003"] {
            assert!(fired(&found, rule).is_empty(), "{name}: {rule} {found:?}");
        }
        assert_eq!(
            fired(&found, "S006"),
            vec![format!("{sheet}!M4"), format!("{sheet}!M6")],
            "{name}"
        );
    }
}

#[test]
fn cycles_and_decomposition_follow_parents_written_with_invisible_marks() {
    let dir = Workdir::new();
    for (name, text) in [
        (
            "zh.csv",
            "编号,上级目标,目标,衡量指标,单位,全年目标,负责人,截止日期\n\
             C1,C2\u{200B},线上销售额达到100万元,销售额,万元,100,李娜,2026-12-31\n\
             C2,Ｃ１,线下销售额达到100万元,销售额,万元,100,王芳,2026-12-31\n\
             O1,,全年销售额达到1000万元,销售额,万元,1000,李娜,2026-12-31\n\
             K1,\u{FEFF}O1,天猫销售额达到400万元,销售额,万元,400,李娜,2026-12-31\n\
             K2,O1\u{3000},京东销售额达到200万元,销售额,万元,200,王芳,2026-12-31\n",
        ),
        (
            "en.csv",
            "ID,Parent,Objective,Metric,Unit,Target,Owner,Due\n\
             C1,C2\u{2060},Web revenue reaches $100k,Revenue,$k,100,Ann,2026-12-31\n\
             C2,Ｃ１ ,Shop revenue reaches $100k,Revenue,$k,100,Bo,2026-12-31\n\
             O1,,Revenue reaches $1000k,Revenue,$k,1000,Ann,2026-12-31\n\
             K1,\u{00A0}O1,Marketplace revenue reaches $400k,Revenue,$k,400,Ann,2026-12-31\n\
             K2,O1\u{200B},App revenue reaches $200k,Revenue,$k,200,Bo,2026-12-31\n",
        ),
    ] {
        let file = dir.write(name, text);
        let stem = name.trim_end_matches(".csv");
        let found = findings(&file);
        // C1 → C2 → C1 is a cycle, however the ids are written.
        assert_eq!(
            fired(&found, "R002"),
            vec![format!("{stem}!B2"), format!("{stem}!B3")],
            "{name}"
        );
        assert!(fired(&found, "R001").is_empty(), "{name}: {found:?}");
        // O1's children K1 and K2 add up to 600 of its 1000: a shortfall on O1's target.
        assert_eq!(fired(&found, "R006"), vec![format!("{stem}!F4")], "{name}");
        // O1 is their total, not counted again; C1 and C2, each the other's child, are both
        // parents of the same metric and neither counts: 400 + 200 (summed over the owners;
        // the plan has no channel column to roll up by).
        let j = rollup(&file, "owner");
        let total: f64 = rows(&j)
            .iter()
            .map(|r| r["year"].as_f64().unwrap_or(0.0))
            .sum();
        assert_eq!(total, 600.0, "{name}");
    }
}

#[test]
fn long_layout_rows_of_one_goal_stay_one_goal_however_its_id_is_written() {
    let dir = Workdir::new();
    for (name, text, owner) in [
        (
            "long_en.csv",
            "ID,Goal,Metric,Unit,Quarter,Target,Owner,Due date\n\
             G01,Web revenue reaches $1000k,Revenue,$k,Q1,200,Li Na,2026-12-31\n\
             G01\u{200B},Web revenue reaches $1000k,Revenue,$k,Q2,250,Li Na\u{00A0},2026-12-31\n\
             Ｇ０１,Web revenue reaches $1000k,Revenue,$k,Q3,250,\u{FEFF}Li Na,2026-12-31\n\
             G01 ,Web revenue reaches $1000k,Revenue,$k,Q4,300,Li Na,2026-12-31\n\
             G02,App revenue reaches $400k,Revenue,$k,Q1,100,Bo,2026-12-31\n\
             G02\u{2060},App revenue reaches $400k,Revenue,$k,Q2,300,Bo,2026-12-31\n",
            "Li Na",
        ),
        (
            "long_zh.csv",
            "编号,目标,衡量指标,单位,季度,目标值,负责人,截止日期\n\
             G01,天猫销售额达到1000万元,销售额,万元,Q1,200,李娜,2026-12-31\n\
             G01\u{200B},天猫销售额达到1000万元,销售额,万元,Q2,250,李娜\u{3000},2026-12-31\n\
             Ｇ０１,天猫销售额达到1000万元,销售额,万元,Q3,250,\u{FEFF}李娜,2026-12-31\n\
             G01 ,天猫销售额达到1000万元,销售额,万元,Q4,300,李娜,2026-12-31\n\
             G02,京东销售额达到400万元,销售额,万元,Q1,100,王芳,2026-12-31\n\
             G02\u{2060},京东销售额达到400万元,销售额,万元,Q2,300,王芳,2026-12-31\n",
            "李娜",
        ),
    ] {
        let file = dir.write(name, text);
        let inspect = json_of(&["inspect"], &file);
        assert_eq!(inspect["layout"], "long", "{name}");
        assert_eq!(inspect["goals"], 2, "{name}");
        let metric = if name.contains("_zh") {
            "销售额"
        } else {
            "Revenue"
        };
        let j = rollup(&file, "owner");
        let got = metric_rows(&j, "owner", metric);
        assert_eq!(
            got[0],
            row(owner, [200.0, 250.0, 250.0, 300.0, 1000.0], 1),
            "{name}"
        );
        assert_eq!(got.len(), 2, "{name}");
        let found = findings(&file);
        assert!(fired(&found, "D001").is_empty(), "{name}: {found:?}");
    }
}
