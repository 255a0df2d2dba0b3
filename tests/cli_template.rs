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
    for (field, letter) in [
        ("id", "A"),
        ("parent", "B"),
        ("dimension", "C"),
        ("objective", "D"),
        ("key_result", "E"),
        ("metric", "F"),
        ("unit", "G"),
        ("baseline", "H"),
        ("target", "I"),
        ("q1", "J"),
        ("q4", "M"),
        ("owner", "N"),
        ("channel", "O"),
        ("due", "P"),
        ("budget", "Q"),
        ("notes", "R"),
    ] {
        assert_eq!(cols[field], letter, "{field}");
    }
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
    assert_eq!(j["columns"]["q3"], "L");
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
