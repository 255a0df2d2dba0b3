//! By owner / By channel: total rows per sum metric, the budget by key (goal budgets counted
//! once, planned action budgets), and progress and status against the as-of date on the
//! sheet — formula text and stored results, checked against the rollup stage. (That the
//! stored results equal a recalculation is tests/recalc.rs.)

mod review_support;

use std::path::{Path, PathBuf};

use calamine::{Data, Reader, Xlsx, open_workbook};
use goalsheet::Config;
use goalsheet::model::{Lang, LoadOptions, Plan, build_plan};
use goalsheet::read::read_grid;
use goalsheet::rollup::Analysis;
use goalsheet::write::review::{ReviewOptions, write_review};
use review_support::*;

/// Review `input` at the tests' as-of date; the output path and the analysis it renders.
fn review(input: &Path, lang: Lang) -> (PathBuf, Analysis) {
    let grid = read_grid(input, None).unwrap();
    let plan: Plan = build_plan(&grid, &LoadOptions::default()).unwrap();
    let output = input.with_extension("reviewed.xlsx");
    let analysis = Analysis::new(plan, &Config::default(), lang, as_of());
    let options = ReviewOptions {
        output: output.clone(),
        force: true,
    };
    write_review(&grid, &analysis, &Config::default(), &options).unwrap();
    (output, analysis)
}

/// fixtures/plan_zh.xlsx copied into a temporary folder: the review is written beside its
/// input, never into fixtures/.
fn plan_zh_copy() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let plan = dir.path().join("plan_zh.xlsx");
    std::fs::copy("fixtures/plan_zh.xlsx", &plan).unwrap();
    (dir, plan)
}

fn csv(dir: &Path, name: &str, text: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path
}

struct Sheet {
    values: calamine::Range<Data>,
    formulas: calamine::Range<String>,
}

impl Sheet {
    fn open(path: &Path, name: &str) -> Sheet {
        let mut wb: Xlsx<_> = open_workbook(path).unwrap();
        Sheet {
            values: wb.worksheet_range(name).unwrap(),
            formulas: wb.worksheet_formula(name).unwrap(),
        }
    }
    fn cell(&self, row: u32, col: u32) -> Data {
        self.values
            .get_value((row, col))
            .cloned()
            .unwrap_or(Data::Empty)
    }
    fn text(&self, row: u32, col: u32) -> String {
        self.cell(row, col).to_string()
    }
    fn num(&self, row: u32, col: u32) -> f64 {
        match self.cell(row, col) {
            Data::Float(f) => f,
            Data::Int(i) => i as f64,
            Data::DateTime(d) => d.as_f64(),
            other => panic!("({row},{col}) is not a number: {other:?}"),
        }
    }
    /// The formula at (row, col), as calamine reads it (no leading `=`).
    fn formula(&self, row: u32, col: u32) -> String {
        self.formulas
            .get_value((row, col))
            .cloned()
            .unwrap_or_default()
    }
    /// The first row whose columns A and B hold `key` and `metric`.
    fn row(&self, key: &str, metric: &str) -> u32 {
        (0..self.values.height() as u32)
            .find(|&r| self.text(r, 0) == key && self.text(r, 1) == metric)
            .unwrap_or_else(|| panic!("no row {key} / {metric}"))
    }
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < 1e-9
}

#[test]
fn progress_and_status_are_live_formulas_judged_at_the_as_of_cell() {
    let dir = tempfile::tempdir().unwrap();
    let (out, analysis) = review(&csv(dir.path(), "a.csv", ACTUALS_EN_CSV), Lang::En);
    let s = Sheet::open(&out, "By owner");
    // The as-of date in B4 (a date serial), labelled; the elapsed shares read it.
    assert_eq!(s.text(3, 0), "As of");
    assert_eq!(s.num(3, 1), 46203.0, "2026-06-30 as a serial");
    assert!(s.formula(4, 4).contains("$B$4"), "{}", s.formula(4, 4));
    assert_eq!((s.num(4, 4), s.num(4, 5), s.num(4, 6)), (1.0, 1.0, 0.0));
    assert!(close(s.num(4, 8), 181.0 / 365.0));
    let heads: Vec<String> = (10..15).map(|c| s.text(5, c)).collect();
    assert_eq!(
        heads,
        ["Actual", "Baseline", "Progress", "Expected", "Status"]
    );

    // Ann's revenue: a flow (baseline 0), actual 60 + 50 = 110 of 600; the back-loaded
    // plan expects Q1 + Q2 = 100 of 600 by 30 June → on track.
    let ann = s.row("Ann", "Revenue");
    assert_eq!(s.num(ann, 10), 110.0);
    assert_eq!(s.num(ann, 11), 0.0);
    assert!(close(s.num(ann, 12), 110.0 / 600.0));
    assert!(close(s.num(ann, 13), 100.0 / 600.0));
    assert_eq!(s.text(ann, 14), "on track");
    let a = ann + 1;
    assert!(
        s.formula(ann, 10).starts_with("IF(COUNTIFS("),
        "{}",
        s.formula(ann, 10)
    );
    assert!(s.formula(ann, 10).contains("SUMIFS("));
    assert_eq!(
        s.formula(ann, 12),
        format!(
            "IFERROR(IF(I{a}=L{a},IF(K{a}>=I{a},1,0),MAX(0,MIN(1,(K{a}-L{a})/(I{a}-L{a})))),\"\")"
        )
    );
    assert!(
        s.formula(ann, 13)
            .contains(&format!("SUMPRODUCT(E{a}:H{a},$E$5:$H$5)")),
        "{}",
        s.formula(ann, 13)
    );
    assert!(s.formula(ann, 14).contains("\"on track\""));
    // Bob's revenue: 90 of 400 where 100 was planned: 0.9 of expected → at risk.
    let bob = s.row("Bob", "Revenue");
    assert_eq!(s.text(bob, 14), "at risk");
    // Awareness, a level from 20% to 40%: 26% is 0.3 of the way, the line through 25% and
    // 30% expects 0.5 → behind; the baseline is averaged over the goals.
    let aw = s.row("Ann", "Brand awareness");
    assert!(close(s.num(aw, 11), 0.2));
    assert!(close(s.num(aw, 12), 0.3));
    assert!(close(s.num(aw, 13), 0.5));
    assert_eq!(s.text(aw, 14), "behind");
    assert!(s.formula(aw, 11).starts_with("IFERROR(AVERAGEIFS("));
    // CAC, lower is better: (180 − 200) / (150 − 200) = 0.4, the line 200 → 190 → 180
    // expects 0.4 → on track; "reached" compares the other way.
    let cac = s.row("Bob", "CAC");
    assert!(close(s.num(cac, 12), 0.4));
    assert_eq!(s.text(cac, 14), "on track");
    let c = cac + 1;
    assert!(s.formula(cac, 12).contains(&format!("K{c}<=I{c}")));
    // No actual: no progress cells.
    let signups = s.row("Bob", "Signups");
    assert_eq!(s.cell(signups, 10), Data::Empty);

    // Every progress row agrees with the rollup stage's.
    for (row, p) in analysis.by_owner.rows.iter().zip(&analysis.owner_progress) {
        let Some(p) = p else { continue };
        let at = s.row(&row.keys[0], &row.metric);
        assert!(close(s.num(at, 10), p.actual), "{}", row.metric);
        assert!(close(s.num(at, 12), p.progress.unwrap()), "{}", row.metric);
        assert!(close(s.num(at, 13), p.expected), "{}", row.metric);
        assert_eq!(s.text(at, 14), p.status.unwrap().name(Lang::En));
    }
}

#[test]
fn chinese_status_words_and_a_plan_with_actual_quarters_only() {
    let dir = tempfile::tempdir().unwrap();
    let (out, analysis) = review(&csv(dir.path(), "a.csv", ACTUALS_ZH_CSV), Lang::Zh);
    let s = Sheet::open(&out, "按负责人");
    assert_eq!(s.text(3, 0), "截至日期");
    // 李娜 销售额: 60 + 50 = 110 of 600, planned 100 → 正常; 王芳: 90 of 400 → 有风险.
    let li = s.row("李娜", "销售额");
    assert_eq!(s.num(li, 10), 110.0);
    assert_eq!(s.text(li, 14), "正常");
    assert!(s.formula(li, 14).contains("\"有风险\""));
    assert_eq!(s.text(s.row("王芳", "销售额"), 14), "有风险");
    // 品牌认知度, a rate (%): its actual quarters are averaged, not added: 26%, 0.3 of the
    // way from 20% to 40% where the plan expects 0.5 → 落后.
    let aw = s.row("李娜", "品牌认知度");
    assert!(close(s.num(aw, 10), 0.26), "{:?}", s.cell(aw, 10));
    assert!(close(s.num(aw, 12), 0.3));
    assert_eq!(s.text(aw, 14), "落后");
    // By channel carries the same columns.
    let ch = Sheet::open(&out, "按渠道");
    assert_eq!(ch.text(5, 14), "状态");
    let expected: usize = analysis.channel_progress.iter().flatten().count();
    let written = (6..ch.values.height() as u32)
        .filter(|&r| !ch.text(r, 14).is_empty())
        .count();
    assert_eq!(written, expected);
}

#[test]
fn each_sum_metric_gets_a_total_row_and_no_other_does() {
    let (_dir, plan) = plan_zh_copy();
    let (out, analysis) = review(&plan, Lang::Zh);
    let s = Sheet::open(&out, "按负责人");
    let totals: Vec<u32> = (0..s.values.height() as u32)
        .filter(|&r| s.text(r, 0) == "合计" && !s.text(r, 3).is_empty())
        .collect();
    let sum_metrics: std::collections::BTreeSet<&str> = analysis
        .by_owner
        .rows
        .iter()
        .filter(|r| r.aggregation == goalsheet::model::Aggregation::Sum)
        .map(|r| r.metric.as_str())
        .collect();
    assert_eq!(totals.len(), sum_metrics.len());
    // 销售额: 李娜, 刘洋, 王芳 above the total; each column the SUM of the block.
    let t = s.row("合计", "销售额");
    let first = s.row("李娜", "销售额");
    assert_eq!(t - first, 3);
    for c in 4..=9 {
        let block: f64 = (first..t).map(|r| s.num(r, c)).sum();
        assert!(close(s.num(t, c), block), "col {c}");
    }
    let col = |c: u32| char::from(b'A' + c as u8);
    assert_eq!(
        s.formula(t, 8),
        format!("SUM({}{}:{}{})", col(8), first + 1, col(8), t)
    );
    let year: f64 = analysis
        .by_owner
        .rows
        .iter()
        .filter(|r| r.metric == "销售额")
        .filter_map(|r| r.year)
        .sum();
    assert!(close(s.num(t, 8), year));
    // No total under a ratio.
    let ratio = s.row("王芳", "复购率");
    assert_ne!(s.text(ratio + 1, 0), "合计");
}

#[test]
fn budget_by_key_counts_each_budget_once_and_sets_the_planned_beside_it() {
    let (_dir, plan) = plan_zh_copy();
    let (out, analysis) = review(&plan, Lang::Zh);
    for (name, rollup) in [
        ("按负责人", &analysis.by_owner),
        ("按渠道", &analysis.by_channel),
    ] {
        let s = Sheet::open(&out, name);
        let head = (0..s.values.height() as u32)
            .find(|&r| s.text(r, 1) == "目标预算")
            .expect("a budget table");
        assert_eq!(s.text(head, 2), "计划使用（行动）");
        assert!(!rollup.budget.is_empty());
        let (mut budget, mut planned) = (0.0, 0.0);
        for (i, b) in rollup.budget.iter().enumerate() {
            let r = head + 1 + i as u32;
            let key = if b.keys[0].is_empty() {
                s.text(r, 0)
            } else {
                b.keys[0].clone()
            };
            assert_eq!(s.text(r, 0), key, "{name}");
            assert!(
                close(s.num(r, 1), b.budget.unwrap_or(0.0)),
                "{name} {key} budget"
            );
            assert!(
                close(s.num(r, 2), b.planned.unwrap_or(0.0)),
                "{name} {key} planned"
            );
            assert!(
                s.formula(r, 1).starts_with("SUMIFS('目标分解'!"),
                "{}",
                s.formula(r, 1)
            );
            assert!(
                s.formula(r, 2).starts_with("SUMIFS('目标分解'!"),
                "{}",
                s.formula(r, 2)
            );
            budget += b.budget.unwrap_or(0.0);
            planned += b.planned.unwrap_or(0.0);
        }
        let total = head + 1 + rollup.budget.len() as u32;
        assert_eq!(s.text(total, 0), "合计");
        assert!(close(s.num(total, 1), budget));
        assert!(close(s.num(total, 2), planned));
        assert!(planned > 0.0, "the fixture's actions carry budgets");
    }
}

#[test]
fn a_parent_budget_equal_to_its_childrens_sum_is_not_counted_again() {
    let dir = tempfile::tempdir().unwrap();
    let (out, _) = review(&csv(dir.path(), "a.csv", ACTUALS_EN_CSV), Lang::En);
    let s = Sheet::open(&out, "By owner");
    let head = (0..s.values.height() as u32)
        .find(|&r| s.text(r, 1) == "Goal budget")
        .expect("a budget table");
    // O1 (900) = K1 (500) + K2 (400): Ann 500 + 100, Bob 400 + 50.
    assert_eq!(
        (s.text(head + 1, 0), s.num(head + 1, 1)),
        ("Ann".into(), 600.0)
    );
    assert_eq!(
        (s.text(head + 2, 0), s.num(head + 2, 1)),
        ("Bob".into(), 450.0)
    );
    assert_eq!(s.num(head + 3, 1), 1050.0);
    // No action sheet: no planned column.
    assert_eq!(s.text(head, 2), "");
    // The flag column that says which budgets count is on the plan sheet, hidden.
    assert!(
        s.formula(head + 1, 1).contains(",1)"),
        "{}",
        s.formula(head + 1, 1)
    );
}
