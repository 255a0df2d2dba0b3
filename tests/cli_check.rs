//! `goalsheet check` end to end: exit codes, the DESIGN §6 JSON shape, languages, CSV, and the
//! rule catalogue commands.

mod common;

use common::{Workdir, fixture, goalsheet};
use serde_json::Value;

fn check_json(args: &[&str], files: &[&str]) -> (i32, Value) {
    let mut cmd = goalsheet();
    cmd.args(["check", "--format", "json"]).args(args);
    for f in files {
        cmd.arg(fixture(f));
    }
    let out = cmd.output().expect("run");
    let json = serde_json::from_slice(&out.stdout).expect("json");
    (out.status.code().unwrap_or(-1), json)
}

#[test]
fn exit_codes() {
    goalsheet()
        .arg("check")
        .arg(fixture("clean_zh.xlsx"))
        .assert()
        .code(0);
    goalsheet()
        .arg("check")
        .arg(fixture("clean_en.xlsx"))
        .assert()
        .code(0);
    goalsheet()
        .arg("check")
        .arg(fixture("plan_zh.xlsx"))
        .assert()
        .code(1);
    goalsheet()
        .arg("check")
        .arg(fixture("bad/not_a_zip.xlsx"))
        .assert()
        .code(2);
    // One unreadable file among good ones: exit 2 and no partial report.
    let out = goalsheet()
        .arg("check")
        .arg(fixture("clean_zh.xlsx"))
        .arg(fixture("bad/empty.csv"))
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    goalsheet()
        .args(["check", "--format", "yaml"])
        .arg(fixture("clean_zh.xlsx"))
        .assert()
        .code(2);
}

#[test]
fn deny_warnings_fails_on_warnings_only() {
    let w = Workdir::new();
    // A clean goal except that it has no baseline: M007 is a warning.
    let p = w.write(
        "w.csv",
        "编号,目标维度,目标,衡量指标,单位,全年目标,一季度,二季度,三季度,四季度,负责人,截止日期\n\
         G1,业务增长,线上销售额达到1200万元,销售额,万元,1200,300,300,300,300,张伟,2026-12-31\n",
    );
    let out = goalsheet()
        .args(["check", "--format", "json"])
        .arg(&p)
        .output()
        .expect("run");
    let j: Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(j["files"][0]["summary"]["errors"], 0, "{j:#}");
    assert!(
        j["files"][0]["summary"]["warnings"].as_u64().unwrap_or(0) > 0,
        "{j:#}"
    );
    assert_eq!(out.status.code(), Some(0));
    goalsheet()
        .args(["check", "--deny", "warnings"])
        .arg(&p)
        .assert()
        .code(1);
}

#[test]
fn json_has_the_design_shape() {
    let (code, j) = check_json(&[], &["plan_zh.xlsx", "clean_en.xlsx"]);
    assert_eq!(code, 1);
    let files = j["files"].as_array().expect("files");
    assert_eq!(files.len(), 2);
    let f = &files[0];
    assert!(f["file"].as_str().expect("file").ends_with("plan_zh.xlsx"));
    assert_eq!(f["sheet"], "目标分解");
    assert_eq!(f["goals"], 16);
    assert_eq!(
        f["summary"],
        serde_json::json!({"errors": 4, "warnings": 0, "infos": 1})
    );
    let m005 = f["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .find(|x| x["rule"] == "M005")
        .expect("M005");
    assert_eq!(m005["letter"], "M");
    assert_eq!(m005["severity"], "error");
    assert_eq!(m005["sheet"], "目标分解");
    assert_eq!(m005["cell"], "I10");
    assert_eq!(m005["row"], 10);
    assert_eq!(m005["column"], "I");
    assert_eq!(m005["field"], "target");
    assert_eq!(m005["goal"], "KR1.3");
    assert!(m005["action"].is_null());
    assert!(
        m005["message"]
            .as_str()
            .expect("message")
            .contains("19,000")
    );
    assert!(!m005["hint"].as_str().expect("hint").is_empty());
    let e002 = f["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .find(|x| x["rule"] == "E002")
        .expect("E002");
    assert_eq!(e002["sheet"], "执行计划");
    assert_eq!(e002["cell"], "E9");
    assert_eq!(e002["action"], "A08");
    assert_eq!(files[1]["findings"], serde_json::json!([]));
}

#[test]
fn findings_are_ordered_by_sheet_row_column_rule() {
    let (_, j) = check_json(&[], &["defects_zh.xlsx"]);
    let findings = j["files"][0]["findings"].as_array().expect("findings");
    let goal_sheet = j["files"][0]["sheet"].as_str().expect("sheet");
    let key = |f: &Value| {
        (
            f["sheet"] != goal_sheet,
            f["sheet"].as_str().unwrap_or_default().to_string(),
            f["row"].as_u64(),
            f["column"].as_str().map(|c| (c.len(), c.to_string())),
            f["rule"].as_str().unwrap_or_default().to_string(),
        )
    };
    let keys: Vec<_> = findings.iter().map(key).collect();
    let mut sorted = keys.clone();
    sorted.sort();
    assert_eq!(keys, sorted);
    let letters: std::collections::BTreeSet<&str> = findings
        .iter()
        .filter_map(|f| f["letter"].as_str())
        .collect();
    assert_eq!(
        letters.into_iter().collect::<String>(),
        "ABDEMRST",
        "every rule family"
    );
}

#[test]
fn plan_level_findings_have_null_cell_row_and_goal() {
    let (_, j) = check_json(&[], &["defects_en.xlsx"]);
    let d004 = j["files"][0]["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .find(|f| f["rule"] == "D004")
        .expect("D004");
    assert!(d004["cell"].is_null() && d004["row"].is_null() && d004["goal"].is_null());
    assert!(
        d004["message"]
            .as_str()
            .expect("message")
            .contains("Custom column")
    );
}

#[test]
fn language_follows_the_headers_unless_asked() {
    let (_, zh) = check_json(&[], &["plan_zh.xlsx"]);
    let (_, en) = check_json(&["--lang", "en"], &["plan_zh.xlsx"]);
    let msg = |j: &Value| {
        j["files"][0]["findings"][0]["message"]
            .as_str()
            .unwrap_or_default()
            .to_string()
    };
    assert!(msg(&zh).contains("季度"), "{}", msg(&zh));
    assert!(msg(&en).contains("quarters"), "{}", msg(&en));
}

#[test]
fn text_and_csv_outputs() {
    let out = goalsheet()
        .arg("check")
        .arg(fixture("plan_zh.xlsx"))
        .output()
        .expect("run");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("plan_zh.xlsx:目标分解!I10: error[M005]"),
        "{text}"
    );
    assert!(text.contains("= help:"), "{text}");
    assert!(!text.contains("\u{1b}["), "no colour when not a terminal");
    let out = goalsheet()
        .args(["check", "--format", "csv"])
        .arg(fixture("plan_zh.xlsx"))
        .output()
        .expect("run");
    assert!(out.stdout.starts_with(b"\xEF\xBB\xBF"), "UTF-8 with a BOM");
    let csv = String::from_utf8_lossy(&out.stdout[3..]);
    assert!(
        csv.lines()
            .next()
            .is_some_and(|h| h.starts_with("file,sheet,cell")),
        "{csv}"
    );
    assert_eq!(csv.lines().count(), 6, "header + 5 findings: {csv}");
}

#[test]
fn rules_and_explain() {
    let out = goalsheet()
        .args(["rules", "--format", "json"])
        .output()
        .expect("run");
    assert!(out.status.success());
    let rules: Value = serde_json::from_slice(&out.stdout).expect("json");
    let ids: Vec<&str> = rules
        .as_array()
        .expect("array")
        .iter()
        .filter_map(|r| r["id"].as_str())
        .collect();
    // Every registered rule is listed (the count follows the registry as rules are added).
    assert_eq!(ids.len(), goalsheet::rules::REGISTRY.len());
    assert!(ids.len() >= 47, "{ids:?}");
    for id in ["M005", "D004", "M008", "D005", "D006", "S006"] {
        assert!(ids.contains(&id), "{id} not listed");
    }
    let out = goalsheet().args(["explain", "m005"]).output().expect("run");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("M005") && text.contains("Example"), "{text}");
    goalsheet().args(["explain", "X999"]).assert().code(2);
    let out = goalsheet()
        .args(["rules", "--config-template"])
        .output()
        .expect("run");
    let template = String::from_utf8_lossy(&out.stdout);
    goalsheet::Config::from_toml(&template, std::path::Path::new("template"))
        .expect("valid config");
}

#[test]
fn config_turns_a_rule_off_and_changes_severity() {
    let w = Workdir::new();
    let cfg = w.write(
        "goalsheet.toml",
        "[rules]\nM005 = \"off\"\nS001 = \"warning\"\n",
    );
    let out = goalsheet()
        .args(["check", "--format", "json", "--config"])
        .arg(&cfg)
        .arg(fixture("plan_zh.xlsx"))
        .output()
        .expect("run");
    let j: Value = serde_json::from_slice(&out.stdout).expect("json");
    let findings = j["files"][0]["findings"].as_array().expect("findings");
    assert!(!findings.iter().any(|f| f["rule"] == "M005"));
    let s001 = findings.iter().find(|f| f["rule"] == "S001").expect("S001");
    assert_eq!(s001["severity"], "warning");
    let bad = w.write("bad.toml", "[rules]\nM005 = \"loud\"\n");
    let out = goalsheet()
        .args(["check", "--config"])
        .arg(&bad)
        .arg(fixture("plan_zh.xlsx"))
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("bad.toml"));
}
