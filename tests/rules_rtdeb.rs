//! The R, T, E, B and D rules on the shipped fixtures (fixtures/README.md lists every planted
//! defect and look-alike): exactly the expected findings, by rule and cell, and none on the
//! clean plans.

mod common;

use goalsheet::Config;
use goalsheet::model::{Lang, LoadOptions, load_plan};
use goalsheet::rules::{Finding, Severity, check_plan};

const RTEBD: [&str; 28] = [
    "R001", "R002", "R003", "R004", "R005", "R006", "R007", "T001", "T002", "T003", "T004", "T005",
    "T006", "T007", "E001", "E002", "E003", "E004", "E005", "E006", "E007", "B001", "B002", "B003",
    "D001", "D002", "D003", "D004",
];

/// The R/T/E/B/D findings of a fixture, messages in `lang`.
fn findings(name: &str, lang: Lang) -> Vec<Finding> {
    let plan = load_plan(&common::fixture(name), &LoadOptions::default())
        .unwrap_or_else(|e| panic!("{name}: {e}"));
    check_plan(&plan, &Config::default(), lang)
        .into_iter()
        .filter(|f| RTEBD.contains(&f.rule))
        .collect()
}

/// (rule, `sheet!cell`) pairs, sorted; `-` for a plan-level finding.
fn hits(findings: &[Finding]) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = findings
        .iter()
        .map(|f| {
            let cell = f.cell.map_or_else(|| "-".to_string(), |c| c.a1());
            (f.rule.to_string(), format!("{}!{cell}", f.sheet))
        })
        .collect();
    out.sort();
    out
}

fn expected(goals: &str, actions: &str, budget: &str) -> Vec<(String, String)> {
    let rows: [(&str, &str, &str); 31] = [
        ("D004", goals, "-"),
        ("R001", goals, "B28"),
        ("R002", goals, "B29"),
        ("R002", goals, "B30"),
        ("R003", goals, "B31"),
        ("R004", goals, "C32"),
        ("R006", goals, "I33"),
        ("R007", goals, "I36"),
        ("T001", goals, "Q39"),
        ("T002", goals, "Q40"),
        // T3's template start 2026-01-01 is after its planted due 2025-12-31: both fire.
        ("T004", goals, "P41"),
        ("T003", goals, "Q41"),
        ("T004", goals, "P42"),
        ("T005", goals, "Q44"),
        // One finding names both late quarters.
        ("T006", goals, "L45"),
        ("E001", goals, "A46"),
        ("B001", goals, "R48"),
        ("D001", goals, "A50"),
        ("D002", goals, "H51"),
        ("D003", goals, "R56"),
        // The plain actions of T3 (due 2025) and T4 (starting in August) co-fire.
        ("E005", actions, "G33"),
        ("E005", actions, "F34"),
        ("E002", actions, "E43"),
        ("E003", actions, "F44"),
        ("E004", actions, "G45"),
        ("E005", actions, "G46"),
        ("E006", actions, "B47"),
        ("E007", actions, "H48"),
        ("B003", budget, "D6"),
        ("B002", budget, "D7"),
        ("D003", budget, "D7"),
    ];
    let mut out: Vec<(String, String)> = rows
        .iter()
        .map(|(rule, sheet, cell)| (rule.to_string(), format!("{sheet}!{cell}")))
        .collect();
    out.sort();
    out
}

fn message<'a>(findings: &'a [Finding], rule: &str, cell: &str) -> &'a str {
    findings
        .iter()
        .find(|f| f.rule == rule && f.cell.map(|c| c.a1()).as_deref() == Some(cell))
        .map_or("", |f| f.message.as_str())
}

#[test]
fn defects_zh_gives_exactly_the_planted_findings() {
    let f = findings("defects_zh.xlsx", Lang::Zh);
    assert_eq!(hits(&f), expected("目标分解", "执行计划", "预算"));
    assert!(
        message(&f, "R006", "I33").contains("少 3,000"),
        "{}",
        message(&f, "R006", "I33")
    );
    assert!(
        message(&f, "B003", "D6").contains("2%"),
        "{}",
        message(&f, "B003", "D6")
    );
    let d004 = f
        .iter()
        .find(|x| x.rule == "D004")
        .map_or("", |x| x.message.as_str());
    assert!(d004.contains("T 列“自定义列”"), "{d004}");
}

#[test]
fn defects_en_gives_exactly_the_planted_findings() {
    let f = findings("defects_en.xlsx", Lang::En);
    assert_eq!(hits(&f), expected("Goals", "Action Plan", "Budget"));
    for (rule, cell, text) in [
        ("R001", "B28", "\"O9\""),
        ("R002", "B29", "R2A → R2B → R2A"),
        (
            "R006",
            "I33",
            "sum to 7,000, short of this goal's 10,000 by 3,000",
        ),
        ("R007", "I36", "4,000 (50%) above this goal's 8,000"),
        ("T002", "Q40", "\"next month maybe\""),
        ("T003", "Q41", "2025-12-31, outside the plan year 2026"),
        ("T005", "Q44", "after its parent T5 (2026-06-30)"),
        ("E005", "G46", "after its goal E2 is due (2026-06-30)"),
        ("B001", "R48", "plan 15, over its budget 10 by 5"),
        ("D001", "A50", "row 49"),
        ("D002", "H51", "#DIV/0!"),
        (
            "D003",
            "R56",
            "shows 550 for budget, but the goals above add up to 450",
        ),
        ("B002", "D7", "add up to 570, over its total line 500 by 70"),
    ] {
        let m = message(&f, rule, cell);
        assert!(m.contains(text), "{rule} {cell}: {m}");
    }
    let severity = |rule: &str| f.iter().find(|x| x.rule == rule).map(|x| x.severity);
    assert_eq!(severity("R002"), Some(Severity::Error));
    assert_eq!(severity("R006"), Some(Severity::Warning));
    assert_eq!(severity("R007"), Some(Severity::Info));
    assert_eq!(severity("D004"), Some(Severity::Info));
}

#[test]
fn clean_plans_have_no_findings_from_these_rules() {
    for name in [
        "clean_zh.xlsx",
        "clean_en.xlsx",
        "plan_en.xlsx",
        "plan_en_1252.csv",
        "plan_en_utf16.txt",
        "plan_en_utf8bom.csv",
    ] {
        let f = findings(name, Lang::En);
        assert!(f.is_empty(), "{name}: {:?}", hits(&f));
    }
}

#[test]
fn the_demo_plan_shows_its_planted_due_and_action_owner_defects() {
    let want: Vec<(String, String)> = vec![
        ("E002".into(), "执行计划!E9".into()),
        ("T001".into(), "目标分解!P17".into()),
    ];
    for name in ["plan_zh.xlsx", "plan_zh.xlsb"] {
        let f = findings(name, Lang::Zh);
        assert_eq!(hits(&f), want, "{name}");
        assert!(message(&f, "T001", "P17").contains("待定"), "{name}");
    }
    // The goal sheet alone, read from ODS and GBK CSV, gives the same goal-sheet finding.
    for name in ["plan_zh.ods", "plan_zh_gbk.csv"] {
        let f = findings(name, Lang::Zh);
        let got: Vec<(String, Option<String>)> = f
            .iter()
            .map(|x| (x.rule.to_string(), x.cell.map(|c| c.a1())))
            .collect();
        assert_eq!(
            got,
            vec![("T001".to_string(), Some("P17".to_string()))],
            "{name}"
        );
    }
}

#[test]
fn sheets_without_a_dimension_column_get_one_info() {
    for name in ["plan_long_zh.xlsx", "plan_long_en.csv", "plan_1904.xlsx"] {
        let f = findings(name, Lang::En);
        let got: Vec<(&str, Option<String>)> =
            f.iter().map(|x| (x.rule, x.cell.map(|c| c.a1()))).collect();
        assert_eq!(got, vec![("R005", None)], "{name}");
    }
}
