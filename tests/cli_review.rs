//! `goalsheet review` and `goalsheet batch` end to end: where the workbook goes, what is
//! refused, and that the workbook reads back as the same plan.

mod common;

use calamine::{Reader, open_workbook_auto};
use common::{Workdir, goalsheet};

#[test]
fn review_writes_beside_the_input_and_refuses_to_overwrite() {
    let w = Workdir::new();
    let plan = w.copy_fixture("plan_zh.xlsx");
    let before = std::fs::read(&plan).expect("read");
    let out = goalsheet().arg("review").arg(&plan).output().expect("run");
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("plan_zh.reviewed.xlsx") && stderr.contains("4 errors"),
        "{stderr}"
    );
    let reviewed = w.path("plan_zh.reviewed.xlsx");
    let book = open_workbook_auto(&reviewed).expect("opens");
    let names = book.sheet_names();
    assert_eq!(names.first().map(String::as_str), Some("概览"));
    assert!(names.iter().any(|n| n == "目标分解"));
    assert!(names.iter().any(|n| n == "问题清单"));
    assert_eq!(
        std::fs::read(&plan).expect("read"),
        before,
        "input untouched"
    );

    let first = std::fs::read(&reviewed).expect("read");
    let again = goalsheet().arg("review").arg(&plan).output().expect("run");
    assert_eq!(again.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&again.stderr).contains("--force"));
    goalsheet()
        .args(["review", "--force"])
        .arg(&plan)
        .assert()
        .success();
    assert_eq!(
        std::fs::read(&reviewed).expect("read"),
        first,
        "deterministic bytes"
    );
}

#[test]
fn review_never_writes_over_its_input_and_leaves_nothing_on_failure() {
    let w = Workdir::new();
    let plan = w.copy_fixture("plan_en.xlsx");
    let out = goalsheet()
        .args(["review", "--force", "-o"])
        .arg(&plan)
        .arg(&plan)
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(2));
    let bad = w.write("broken.xlsx", "not a zip");
    goalsheet().arg("review").arg(&bad).assert().code(2);
    // A folder that cannot be made (its parent is a file): exit 2, nothing left behind.
    let under_a_file = w.path("broken.xlsx/out.xlsx");
    goalsheet()
        .arg("review")
        .arg(&plan)
        .arg("-o")
        .arg(&under_a_file)
        .assert()
        .code(2);
    assert_eq!(
        w.files(),
        vec!["broken.xlsx".to_string(), "plan_en.xlsx".to_string()]
    );
    // A missing folder is created.
    let missing_dir = w.path("nowhere/out.xlsx");
    goalsheet()
        .arg("review")
        .arg(&plan)
        .arg("-o")
        .arg(&missing_dir)
        .assert()
        .success();
    assert!(missing_dir.is_file());
}

#[test]
fn english_labels_on_request_and_re_review_finds_the_same_plan() {
    let w = Workdir::new();
    let plan = w.copy_fixture("plan_zh.xlsx");
    let out_path = w.path("en.xlsx");
    goalsheet()
        .args(["review", "--lang", "en", "-o"])
        .arg(&out_path)
        .arg(&plan)
        .assert()
        .success();
    let book = open_workbook_auto(&out_path).expect("opens");
    assert_eq!(
        book.sheet_names().first().map(String::as_str),
        Some("Summary")
    );
    let check = |p: &std::path::Path| {
        let out = goalsheet()
            .args(["check", "--format", "json", "--lang", "en"])
            .arg(p)
            .output()
            .expect("run");
        let j: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
        let f = &j["files"][0];
        let cells: Vec<String> = f["findings"]
            .as_array()
            .expect("findings")
            .iter()
            .map(|x| format!("{}!{} {}", x["sheet"], x["cell"], x["rule"]))
            .collect();
        (f["goals"].clone(), cells)
    };
    assert_eq!(
        check(&out_path),
        check(&plan),
        "the reviewed copy reads as the same plan"
    );
}

#[test]
fn batch_reviews_many_plans_and_reports_failures() {
    let w = Workdir::new();
    let a = w.copy_fixture("plan_zh.xlsx");
    let b = w.copy_fixture("plan_en_utf8bom.csv");
    let bad = w.write("bad.xlsx", "nope");
    let out_dir = w.path("out");
    std::fs::create_dir(&out_dir).expect("mkdir");
    let out = goalsheet()
        .args(["batch", "--jobs", "2", "-o"])
        .arg(&out_dir)
        .arg(&a)
        .arg(&b)
        .arg(&bad)
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(2), "one file failed");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("2 reviewed, 1 failed"), "{text}");
    assert!(out_dir.join("plan_zh.reviewed.xlsx").exists());
    assert!(out_dir.join("plan_en_utf8bom.reviewed.xlsx").exists());
    assert!(!out_dir.join("bad.reviewed.xlsx").exists());
    let summary = std::fs::read_to_string(out_dir.join("batch-summary.csv")).expect("summary");
    assert_eq!(
        summary.lines().count(),
        5,
        "header, 3 files, total: {summary}"
    );
    assert!(
        summary.contains("plan_zh.xlsx,reviewed,16,4,0,1"),
        "{summary}"
    );
    assert!(summary.contains("bad.xlsx,failed"), "{summary}");
}
