//! Rollups of plans read from CSV by the reader (there are no shared fixtures yet, so the
//! plans are written here), numbers worked by hand.

mod common;

use chrono::NaiveDate;
use common::Workdir;
use goalsheet::Config;
use goalsheet::config::DerivedRatio;
use goalsheet::model::{Aggregation, LoadOptions, load_plan};
use goalsheet::rollup::{GroupBy, ProgressStatus, hierarchy_rollup, progress, rollup};
use goalsheet::write::rollup::{rollup_csv, rollup_json, rollup_text};
use serde_json::json;

const PLAN: &str = "\
ID,Parent,Dimension,Objective,Key result,Metric,Unit,Baseline,Target,Q1,Q2,Q3,Q4,Actual,Owner,Channel,Budget,Due date
G1,,business growth,Revenue 1200,,销售额,万元,900,1200,200,300,300,400,,张伟,,100,2026-12-31
G1.1,G1,business growth,,Online revenue 800,销售额,万元,600,800,100,200,200,300,350,李娜,天猫,60,2026-12-31
G1.2,G1,business growth,,Offline revenue 400,销售额,万元,300,400,100,100,100,100,,王芳,门店,40,2026-12-31
G2,,customer operations,,Repurchase rate 35%,复购率,%,28,35%,30,32,33,35,,李娜,天猫,,2026-12-31
G3,,customer operations,,Repurchase rate 25%,复购率,%,20,25%,25,25,25,25,,王芳,门店,,2026-12-31
G4,,brand,,Followers 500k,粉丝数,人,30万,50万,35万,40万,45万,50万,,李娜,抖音,20,2026-12-31
G5,,marketing efficiency,,CAC down to 150,获客成本,元,200,150,190,180,160,150,170,王芳,,15,2026-12-31
G6,,marketing efficiency,,ROI 8,ROI,,,8,,,,,,李娜,,,2026-12-31
";

fn load() -> (Workdir, goalsheet::Plan) {
    let w = Workdir::new();
    let p = w.write("plan.csv", PLAN);
    let plan = load_plan(&p, &LoadOptions::default()).expect("plan loads");
    (w, plan)
}

fn config() -> Config {
    let mut c = Config::default();
    c.ratios.push(DerivedRatio {
        metric: "ROI".into(),
        numerator: "销售额".into(),
        denominator: "预算".into(),
    });
    c
}

#[test]
fn the_reader_fills_what_the_rollup_needs() {
    let (_w, plan) = load();
    assert_eq!(plan.goals.len(), 8);
    let kinds: Vec<Aggregation> = plan.goals.iter().map(|g| g.aggregation).collect();
    assert_eq!(kinds[0], Aggregation::Sum);
    assert_eq!(kinds[3], Aggregation::Ratio, "unit %");
    assert_eq!(kinds[5], Aggregation::Level, "粉丝数");
    assert_eq!(kinds[6], Aggregation::Ratio, "获客成本");
}

#[test]
fn by_owner_from_a_csv_plan() {
    let (_w, plan) = load();
    let r = rollup(&plan, &config(), &[GroupBy::Owner]);
    let v = rollup_json("plan.csv", &r);
    let rows = v["rows"].as_array().cloned().unwrap_or_default();
    let pick = |owner: &str, metric: &str| {
        rows.iter()
            .find(|r| r["owner"] == owner && r["metric"] == metric)
            .cloned()
            .unwrap_or_else(|| panic!("no row {owner} {metric} in {rows:#?}"))
    };
    // The parent G1 (张伟, 1200) is its children's total: not counted again.
    assert!(
        !rows
            .iter()
            .any(|r| r["owner"] == "张伟" && r["metric"] == "销售额")
    );
    assert_eq!(
        pick("李娜", "销售额"),
        json!({"owner": "李娜", "metric": "销售额", "unit": "万元", "aggregation": "sum",
               "q1": 100.0, "q2": 200.0, "q3": 200.0, "q4": 300.0, "year": 800.0,
               "goals": 1, "mean_of_goals": false})
    );
    assert_eq!(pick("王芳", "销售额")["year"], 400.0);
    // Percentages are fractions.
    assert_eq!(pick("李娜", "复购率")["year"], 0.35);
    assert_eq!(pick("李娜", "复购率")["q1"], 0.3);
    // Followers: level, year = Q4.
    assert_eq!(pick("李娜", "粉丝数")["year"], 500000.0);
    assert_eq!(pick("李娜", "粉丝数")["aggregation"], "level");
    // ROI = 销售额 / 预算: 800 / (60 + 20).
    assert_eq!(pick("李娜", "ROI")["year"], 10.0);
    assert_eq!(pick("李娜", "ROI")["mean_of_goals"], false);
    // Budget: G1's 100 = 60 + 40 is not counted again, so 张伟 has no budget row.
    assert_eq!(
        v["budget"],
        json!([
            {"owner": "李娜", "budget": 80.0, "planned": null},
            {"owner": "王芳", "budget": 55.0, "planned": null},
        ])
    );
    let text = rollup_text(&r, goalsheet::model::Lang::Zh);
    assert!(text.contains("合计"), "{text}");
    assert!(rollup_csv(&r).starts_with("\u{feff}table,owner,metric,"));
}

#[test]
fn by_dimension_ratios_are_means_of_goals() {
    let (_w, plan) = load();
    let r = rollup(&plan, &config(), &[GroupBy::Dimension]);
    let row = r
        .rows
        .iter()
        .find(|x| x.keys == ["customer operations"])
        .expect("customer operations row");
    assert_eq!(row.metric, "复购率");
    assert!(row.mean_of_goals);
    assert_eq!(row.goals, 2);
    // (0.35 + 0.25) / 2 and Q1 (0.30 + 0.25) / 2 — not summed to 0.6.
    assert!((row.year.unwrap_or(f64::NAN) - 0.30).abs() < 1e-9);
    assert!((row.quarters[0].unwrap_or(f64::NAN) - 0.275).abs() < 1e-9);
}

#[test]
fn hierarchy_and_progress_from_a_csv_plan() {
    let (_w, plan) = load();
    let h = hierarchy_rollup(&plan);
    assert_eq!(h[0].id(&plan), "G1");
    assert_eq!((h[0].children_sum, h[0].gap), (Some(1200.0), Some(0.0)));
    assert_eq!((h[1].id(&plan).as_str(), h[1].depth), ("G1.1", 1));

    let as_of = NaiveDate::from_ymd_opt(2026, 6, 30).expect("date");
    let p = progress(&plan, as_of);
    assert_eq!(p.len(), 2);
    // Online revenue: 350 / 800 = 0.4375. Its own phasing plans Q1 100 + Q2 200 = 300 of
    // 800 by June (0.375), so it is ahead: on track (a straight line, 181/365, would have
    // called it at risk).
    assert_eq!(p[0].label, "G1.1");
    assert_eq!(p[0].progress, Some(0.4375));
    assert_eq!(p[0].expected, 0.375);
    assert_eq!(p[0].status, Some(ProgressStatus::OnTrack));
    // CAC, lower is better: (170 − 200) / (150 − 200) = 0.6 → on track.
    assert_eq!(p[1].label, "G5");
    assert_eq!(p[1].progress, Some(0.6));
    assert_eq!(p[1].status, Some(ProgressStatus::OnTrack));
}
