//! `goalsheet template` writes a workbook that goalsheet itself reads with every column mapped.

mod common;

use common::{Workdir, goalsheet};

fn inspect_json(path: &std::path::Path) -> serde_json::Value {
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
    serde_json::from_slice(&out.stdout).expect("json")
}

#[test]
fn chinese_template_reads_back_with_every_field() {
    let w = Workdir::new();
    let out = w.path("plan.xlsx");
    goalsheet()
        .args(["template", "--lang", "zh", "--year", "2027", "-o"])
        .arg(&out)
        .assert()
        .success();
    let j = inspect_json(&out);
    assert_eq!(j["sheet"], "目标分解");
    assert_eq!(j["header_rows"], serde_json::json!([3, 4]));
    assert_eq!(j["goals"], 0);
    assert_eq!(j["plan_year"], 2027);
    let cols = &j["columns"];
    // Every field of a wide plan has its column, and nothing is left unread.
    for (field, letter) in [
        ("id", "A"),
        ("parent", "B"),
        ("dimension", "C"),
        ("objective", "D"),
        ("key_result", "E"),
        ("metric", "F"),
        ("unit", "G"),
        ("aggregation", "H"),
        ("direction", "I"),
        ("baseline", "J"),
        ("target", "K"),
        ("q1", "L"),
        ("q4", "O"),
        ("owner", "P"),
        ("channel", "Q"),
        ("product_line", "R"),
        ("start", "S"),
        ("due", "T"),
        ("budget", "U"),
        ("actual", "V"),
        ("actual_q1", "W"),
        ("actual_q4", "Z"),
        ("status", "AA"),
        ("notes", "AB"),
    ] {
        assert_eq!(cols[field], letter, "{field}");
    }
    assert_eq!(cols.as_object().map(|c| c.len()), Some(28));
    assert_eq!(j["action_sheet"]["sheet"], "执行计划");
    assert_eq!(j["budget_sheet"]["sheet"], "预算");
}

#[test]
fn english_template_and_overwrite_refusal() {
    let w = Workdir::new();
    let out = w.path("plan.xlsx");
    goalsheet()
        .args(["template", "--year", "2026", "-o"])
        .arg(&out)
        .assert()
        .success();
    let j = inspect_json(&out);
    assert_eq!(j["sheet"], "Goals");
    assert_eq!(j["columns"]["q3"], "N");
    assert_eq!(j["plan_year"], 2026);
    assert_eq!(j["action_sheet"]["sheet"], "Action Plan");
    let before = std::fs::read(&out).expect("read");
    let again = goalsheet()
        .args(["template", "-o"])
        .arg(&out)
        .output()
        .expect("run");
    assert_eq!(again.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&again.stderr).contains("already exists"));
    assert_eq!(std::fs::read(&out).expect("read"), before, "untouched");
    goalsheet()
        .args(["template", "--year", "2026", "--force", "-o"])
        .arg(&out)
        .assert()
        .success();
    assert_eq!(
        std::fs::read(&out).expect("read"),
        before,
        "deterministic bytes"
    );
}

/// The `<dataValidation>` elements of a sheet part: (type, first range) pairs.
fn validations(path: &std::path::Path, part: &str) -> Vec<(String, String)> {
    let bytes = std::fs::read(path).expect("read");
    let xml = common::zip_text(&bytes, part);
    xml.split("<dataValidation ")
        .skip(1)
        .map(|v| {
            let attr = |name: &str| {
                v.split(&format!("{name}=\""))
                    .nth(1)
                    .and_then(|r| r.split('"').next())
                    .unwrap_or("")
                    .to_string()
            };
            (attr("type"), attr("sqref"))
        })
        .collect()
}

#[test]
fn dropdowns_and_date_checks_are_on_their_columns() {
    let w = Workdir::new();
    for (lang, first) in [("zh", "业务增长"), ("en", "Business growth")] {
        let out = w.path(&format!("plan_{lang}.xlsx"));
        goalsheet()
            .args(["template", "--lang", lang, "--year", "2027", "-o"])
            .arg(&out)
            .assert()
            .success();
        let goals = validations(&out, "xl/worksheets/sheet1.xml");
        // dimension, unit, aggregation, direction, channel, status: lists; start, due: dates.
        let lists: Vec<&str> = goals
            .iter()
            .filter(|(t, _)| t == "list")
            .map(|(_, r)| r.as_str())
            .collect();
        let dates: Vec<&str> = goals
            .iter()
            .filter(|(t, _)| t == "date")
            .map(|(_, r)| r.as_str())
            .collect();
        let mut lists = lists;
        lists.sort_unstable();
        assert_eq!(
            lists,
            [
                "AA5:AA305",
                "C5:C305",
                "G5:G305",
                "H5:H305",
                "I5:I305",
                "Q5:Q305"
            ],
            "{lang}"
        );
        assert_eq!(dates, ["S5:S305", "T5:T305"], "{lang}");
        let sheet1 = common::zip_text(
            &std::fs::read(&out).expect("read"),
            "xl/worksheets/sheet1.xml",
        );
        assert!(sheet1.contains(first), "{lang}: the dimension list");
        // Action plan: the quarter list and the two dates; budget: the channel list.
        let actions = validations(&out, "xl/worksheets/sheet2.xml");
        assert_eq!(actions.len(), 3, "{lang}: {actions:?}");
        assert_eq!(
            validations(&out, "xl/worksheets/sheet3.xml").len(),
            1,
            "{lang}"
        );
    }
}

#[test]
fn the_instructions_explain_smart_each_column_and_the_four_dimensions() {
    let w = Workdir::new();
    let out = w.path("plan.xlsx");
    goalsheet()
        .args(["template", "--lang", "zh", "-o"])
        .arg(&out)
        .assert()
        .success();
    let bytes = std::fs::read(&out).expect("read");
    let workbook = common::zip_text(&bytes, "xl/workbook.xml");
    for name in ["目标分解", "执行计划", "预算", "填写说明"] {
        assert!(workbook.contains(name), "{name}");
    }
    let strings = common::zip_text(&bytes, "xl/sharedStrings.xml");
    for text in [
        "可衡量",
        "时限性",
        "机动资金",
        "业务增长",
        "品牌建设",
        "客户运营",
        "营销效率",
        "全年销售额达到3,000万元",
    ] {
        assert!(strings.contains(text), "{text}");
    }
}

#[test]
fn a_filled_in_template_checks_and_reviews_clean() {
    let w = Workdir::new();
    for lang in ["zh", "en"] {
        let out = w.path(&format!("example_{lang}.xlsx"));
        goalsheet()
            .args([
                "template",
                "--example",
                "--year",
                "2027",
                "--lang",
                lang,
                "-o",
            ])
            .arg(&out)
            .assert()
            .success();
        let check = goalsheet()
            .args(["check", "--format", "json"])
            .arg(&out)
            .output()
            .expect("run");
        assert_eq!(check.status.code(), Some(0), "{lang}");
        let j: serde_json::Value = serde_json::from_slice(&check.stdout).expect("json");
        assert_eq!(j["files"][0]["goals"], 6, "{lang}");
        assert_eq!(
            j["files"][0]["findings"],
            serde_json::json!([]),
            "{lang}: {j}"
        );
        let reviewed = w.path(&format!("example_{lang}.reviewed.xlsx"));
        goalsheet()
            .arg("review")
            .arg(&out)
            .arg("-o")
            .arg(&reviewed)
            .assert()
            .success();
        let again = goalsheet()
            .args(["check", "--format", "json"])
            .arg(&reviewed)
            .output()
            .expect("run");
        let j: serde_json::Value = serde_json::from_slice(&again.stdout).expect("json");
        assert_eq!(
            j["files"][0]["findings"],
            serde_json::json!([]),
            "{lang} reviewed: {j}"
        );
    }
    // The fresh template has no goals and nothing to find.
    let blank = w.path("blank.xlsx");
    goalsheet()
        .args(["template", "-o"])
        .arg(&blank)
        .assert()
        .success();
    let check = goalsheet()
        .args(["check", "--format", "json"])
        .arg(&blank)
        .output()
        .expect("run");
    assert_eq!(check.status.code(), Some(0));
    let j: serde_json::Value = serde_json::from_slice(&check.stdout).expect("json");
    assert_eq!(j["files"][0]["findings"], serde_json::json!([]));
}
