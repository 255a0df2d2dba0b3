//! `goalsheet rollup` on the shipped plans: hand-worked numbers from fixtures/README.md and the
//! DESIGN §6 JSON shape.

mod common;

use common::{fixture, goalsheet};
use serde_json::Value;

fn rollup_json(file: &str, by: &str) -> Value {
    let out = goalsheet()
        .args(["rollup", "--format", "json", "--by", by])
        .arg(fixture(file))
        .output()
        .expect("run");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("json")
}

fn row<'a>(json: &'a Value, key: &str, value: &str, metric: &str) -> &'a Value {
    json["rows"]
        .as_array()
        .expect("rows")
        .iter()
        .find(|r| r[key] == value && r["metric"] == metric)
        .unwrap_or_else(|| panic!("no row {key}={value} metric={metric}"))
}

#[test]
fn revenue_by_owner_counts_leaf_goals_only() {
    let j = rollup_json("plan_zh.xlsx", "owner");
    assert_eq!(j["by"], serde_json::json!(["owner"]));
    // O1 (3000) and KR1.1 (1800) are parents of the same metric: not counted again.
    let li = row(&j, "owner", "李娜", "销售额");
    assert_eq!(li["year"], 1200.0);
    assert_eq!(li["q1"], 240.0);
    assert_eq!(li["goals"], 1);
    assert_eq!(row(&j, "owner", "刘洋", "销售额")["year"], 600.0);
    assert_eq!(row(&j, "owner", "王芳", "销售额")["year"], 1200.0);
    let total: f64 = j["rows"]
        .as_array()
        .expect("rows")
        .iter()
        .filter(|r| r["metric"] == "销售额")
        .map(|r| r["year"].as_f64().expect("number"))
        .sum();
    assert_eq!(total, 3000.0, "equals O1's target: no double count");
}

#[test]
fn levels_and_ratios_are_not_summed() {
    let j = rollup_json("plan_zh.xlsx", "owner");
    let followers = row(&j, "owner", "刘洋", "粉丝数");
    assert_eq!(followers["aggregation"], "level");
    assert_eq!(
        followers["year"], 500000.0,
        "50万 as a level: the year is Q4"
    );
    let repurchase = row(&j, "owner", "王芳", "复购率");
    assert_eq!(repurchase["aggregation"], "ratio");
    assert_eq!(repurchase["year"], 0.35, "percentages as fractions");
    assert_eq!(repurchase["mean_of_goals"], true);
}

#[test]
fn budget_by_owner_and_channel() {
    let j = rollup_json("plan_zh.xlsx", "owner");
    let budget = |who: &str| {
        j["budget"]
            .as_array()
            .expect("budget")
            .iter()
            .find(|b| b["owner"] == who)
            .map(|b| b["budget"].as_f64().expect("number"))
    };
    assert_eq!(
        budget("李娜"),
        Some(350.0),
        "KR1.1's 450 = its children's: not counted again"
    );
    assert_eq!(budget("刘洋"), Some(530.0));
    assert_eq!(budget("王芳"), Some(580.0));
    assert_eq!(budget("陈静"), Some(220.0));
    let c = rollup_json("plan_zh.xlsx", "channel");
    let by_channel: f64 = c["budget"]
        .as_array()
        .expect("budget")
        .iter()
        .map(|b| b["budget"].as_f64().unwrap_or(0.0))
        .sum();
    assert_eq!(by_channel, 1740.0, "the totals row's Q21");
    assert_eq!(row(&c, "channel", "天猫", "销售额")["year"], 1200.0);
    assert_eq!(row(&c, "channel", "线下", "销售额")["year"], 1200.0);
}

#[test]
fn json_shape_matches_the_design() {
    let j = rollup_json("plan_zh.xlsx", "owner,channel");
    assert_eq!(j["by"], serde_json::json!(["owner", "channel"]));
    assert!(j["file"].as_str().expect("file").ends_with("plan_zh.xlsx"));
    for r in j["rows"].as_array().expect("rows") {
        for key in ["owner", "channel", "metric", "unit", "aggregation"] {
            assert!(r[key].is_string(), "{key} in {r}");
        }
        for key in ["q1", "q2", "q3", "q4", "year"] {
            assert!(r[key].is_number() || r[key].is_null(), "{key} in {r}");
        }
        assert!(r["goals"].is_u64());
    }
    for b in j["budget"].as_array().expect("budget") {
        assert!(b["owner"].is_string() && b["channel"].is_string());
        assert!(b["budget"].is_number() || b["budget"].is_null());
        assert!(b["planned"].is_number() || b["planned"].is_null());
    }
}

#[test]
fn long_layout_rolls_up_like_wide() {
    let j = rollup_json("plan_long_zh.xlsx", "owner");
    let rows = j["rows"].as_array().expect("rows");
    assert!(!rows.is_empty());
    for r in rows {
        if r["aggregation"] == "sum" {
            let qs: f64 = ["q1", "q2", "q3", "q4"]
                .iter()
                .filter_map(|q| r[*q].as_f64())
                .sum();
            assert_eq!(r["year"].as_f64(), Some(qs), "{r}");
        }
    }
}

#[test]
fn unknown_by_field_is_exit_2() {
    let out = goalsheet()
        .args(["rollup", "--by", "region"])
        .arg(fixture("plan_zh.xlsx"))
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("unknown --by field `region`"));
}

#[test]
fn text_and_csv_outputs() {
    let out = goalsheet()
        .args(["rollup", "--by", "channel"])
        .arg(fixture("plan_zh.xlsx"))
        .output()
        .expect("run");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("3,000"),
        "a total line for the sum metric: {text}"
    );
    let out = goalsheet()
        .args(["rollup", "--format", "csv"])
        .arg(fixture("plan_en.xlsx"))
        .output()
        .expect("run");
    assert!(out.status.success());
    assert!(out.stdout.starts_with(b"\xEF\xBB\xBF"), "UTF-8 with a BOM");
    let csv = String::from_utf8_lossy(&out.stdout[3..]);
    assert!(
        csv.lines()
            .next()
            .is_some_and(|h| h.starts_with("table,owner")),
        "{csv}"
    );
}
