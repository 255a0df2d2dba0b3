//! Every good fixture plan, reviewed with the real rules: the workbook is written, and read
//! back it gives the same goals and the same findings (DESIGN §5: a team can fix, re-run
//! and see the list shrink).

use std::collections::HashSet;
use std::path::Path;

/// The date progress is judged at.
const AS_OF: chrono::NaiveDate =
    chrono::NaiveDate::from_ymd_opt(2026, 6, 30).expect("a valid date");

use goalsheet::model::{LoadOptions, build_plan};
use goalsheet::read::read_grid;
use goalsheet::rules::{Finding, check_plan};
use goalsheet::write::review::{ReviewOptions, write_review};

const FIXTURES: [&str; 17] = [
    "clean_en.xlsx",
    "clean_zh.xlsx",
    "defects_en.xlsx",
    "defects_zh.xlsx",
    "plan_1904.xlsx",
    "plan_en.xlsx",
    "plan_en.xlsb",
    "plan_en.xlsm",
    "plan_en_1252.csv",
    "plan_en_utf16.txt",
    "plan_en_utf8bom.csv",
    "plan_long_en.csv",
    "plan_long_zh.xlsx",
    "plan_zh.ods",
    "plan_zh.xlsx",
    "plan_zh.xlsb",
    "plan_zh_gbk.csv",
];

/// A finding by rule, cell and message. The copy writes a percentage typed without `%`
/// (percent points `120` with unit %, or a bare fraction `0.35`) as the fraction it means,
/// shown with a percent format (1.2 as 120%), so a message quoting such a cell quotes `120%`
/// instead: for those cells only the rule and cell are compared. A cell that already read as
/// a percentage (`120%` typed, or a number formatted as one) must give the same message.
fn key(
    f: &Finding,
    percent_cells: &HashSet<(u32, u32)>,
) -> (String, Option<(u32, u32)>, Option<String>) {
    let cell = f.cell.map(|c| (c.row, c.col));
    let message = match cell {
        Some(c) if percent_cells.contains(&c) => None,
        _ => Some(f.message.clone()),
    };
    (f.rule.to_string(), cell, message)
}

/// The numeric cells of percentage goals whose value was not written as a percentage.
fn percent_cells(plan: &goalsheet::Plan) -> HashSet<(u32, u32)> {
    let mut out = HashSet::new();
    for g in plan.goals.iter().filter(|g| g.is_percent) {
        let nums = [&g.baseline, &g.target, &g.actual]
            .into_iter()
            .chain(&g.quarters)
            .chain(&g.actual_quarters);
        out.extend(
            nums.filter(|n| !n.raw.trim_end().ends_with('%'))
                .filter_map(|n| n.cell)
                .map(|c| (c.row, c.col)),
        );
    }
    out
}

#[test]
fn reviewed_fixtures_read_back_with_the_same_goals_and_findings() {
    let dir = tempfile::tempdir().unwrap();
    let options = LoadOptions::default();
    for name in FIXTURES {
        let input = Path::new("fixtures").join(name);
        let grid = read_grid(&input, None).unwrap();
        let plan = build_plan(&grid, &options).unwrap();
        let analysis =
            goalsheet::rollup::Analysis::new(plan.clone(), &options.config, plan.lang, AS_OF);
        let findings = &analysis.findings;
        let output = dir.path().join(format!("{name}.reviewed.xlsx"));
        let review = ReviewOptions {
            output: output.clone(),
            force: false,
        };
        let summary = write_review(&grid, &analysis, &options.config, &review).unwrap();
        assert_eq!(summary.findings, findings.len());

        let grid2 = read_grid(&output, None).unwrap();
        let plan2 = build_plan(&grid2, &options).unwrap();
        assert_eq!(plan2.goals.len(), plan.goals.len(), "{name}: goals");
        for (a, b) in plan2.goals.iter().zip(&plan.goals) {
            assert_eq!(a.id_text(), b.id_text(), "{name}: ids");
            assert_eq!(a.rows, b.rows, "{name}: rows of {}", b.label());
            assert_eq!(
                a.target.value,
                b.target.value,
                "{name}: target of {}",
                b.label()
            );
            assert_eq!(
                a.quarter_values(),
                b.quarter_values(),
                "{name}: quarters of {}",
                b.label()
            );
            assert_eq!(
                a.owner.text(),
                b.owner.text(),
                "{name}: owner of {}",
                b.label()
            );
            assert_eq!(a.due.value, b.due.value, "{name}: due of {}", b.label());
        }
        let findings2 = check_plan(&plan2, &options.config, plan2.lang);
        let percent = percent_cells(&plan);
        let mut k1: Vec<_> = findings.iter().map(|f| key(f, &percent)).collect();
        let mut k2: Vec<_> = findings2.iter().map(|f| key(f, &percent)).collect();
        k1.sort();
        k2.sort();
        assert_eq!(k2, k1, "{name}: findings differ on re-review");
    }
}
