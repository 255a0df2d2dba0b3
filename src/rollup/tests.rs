//! Hand-worked rollups of a plan built in code, with the traps of real sheets.

use chrono::NaiveDate;

use super::*;
use crate::config::DerivedRatio;
use crate::model::{Action, ActionSheet, DateSpan, Direction, Num, Text};

fn text(s: &str) -> Text {
    Sourced {
        value: (!s.is_empty()).then(|| s.to_string()),
        raw: s.to_string(),
        ..Default::default()
    }
}

fn num(x: Option<f64>) -> Num {
    Sourced {
        value: x,
        raw: x.map(|x| x.to_string()).unwrap_or_default(),
        ..Default::default()
    }
}

use crate::model::Sourced;

/// A goal: id, parent, owner, channel, metric, unit, aggregation.
fn g(id: &str, parent: &str, owner: &str, channel: &str, metric: &str, unit: &str) -> Goal {
    let aggregation = if unit == "%" {
        Aggregation::Ratio
    } else {
        Aggregation::Sum
    };
    Goal {
        id: text(id),
        parent: text(parent),
        owner: text(owner),
        channel: text(channel),
        metric: text(metric),
        unit: text(unit),
        is_percent: unit == "%",
        aggregation,
        ..Default::default()
    }
}

trait Build {
    fn target(self, t: f64) -> Self;
    fn q(self, q: [Option<f64>; 4]) -> Self;
    fn budget(self, b: f64) -> Self;
    fn agg(self, a: Aggregation) -> Self;
    fn baseline(self, b: f64) -> Self;
}

impl Build for Goal {
    fn target(mut self, t: f64) -> Self {
        self.target = num(Some(t));
        self
    }
    fn q(mut self, q: [Option<f64>; 4]) -> Self {
        self.quarters = q.map(num);
        self
    }
    fn budget(mut self, b: f64) -> Self {
        self.budget = num(Some(b));
        self
    }
    fn agg(mut self, a: Aggregation) -> Self {
        self.aggregation = a;
        self
    }
    fn baseline(mut self, b: f64) -> Self {
        self.baseline = num(Some(b));
        self
    }
}

fn qs(a: f64, b: f64, c: f64, d: f64) -> [Option<f64>; 4] {
    [Some(a), Some(b), Some(c), Some(d)]
}

fn action(goal: &str, budget: f64) -> Action {
    Action {
        goal_id: text(goal),
        budget: num(Some(budget)),
        ..Default::default()
    }
}

/// The plan with the traps (numbers worked by hand in the tests below).
fn trap_plan() -> Plan {
    let mut long = g("G8", "", "Bo", "Online", "Revenue", "万元").q(qs(50.0, 50.0, 50.0, 50.0));
    long.rows = vec![20, 21, 22, 23];
    let mut no_metric = g("G10", "", "", "", "", "");
    no_metric.objective = text("Improve the brand");
    let goals = vec![
        // A parent and its children all in the sheet: the parent is not counted again.
        g("G1", "", "CMO", "", "Revenue", "万元")
            .target(1100.0)
            .q(qs(200.0, 250.0, 250.0, 300.0))
            .budget(100.0),
        g("G1.1", "G1", "Ann", "Online", "revenue ", "万元")
            .target(600.0)
            .q(qs(100.0, 150.0, 150.0, 200.0))
            .budget(60.0),
        g("G1.2", "G1", "Bo", "Offline", "REVENUE", "万元")
            .target(400.0)
            .q(qs(100.0, 100.0, 100.0, 100.0))
            .budget(40.0),
        // A percentage metric across two owners, one channel: mean, never summed.
        g("G2", "", "Ann", "Online", "Conversion rate", "%")
            .target(0.04)
            .q(qs(0.03, 0.035, 0.04, 0.045)),
        g("G3", "", "Bo", "Online", "Conversion rate", "%")
            .target(0.02)
            .q(qs(0.02, 0.02, 0.02, 0.02)),
        // Followers: level, year = Q4 (else the last quarter present).
        g("G4", "", "Ann", "Social", "Followers", "人")
            .agg(Aggregation::Level)
            .baseline(300_000.0)
            .target(500_000.0)
            .q(qs(350_000.0, 400_000.0, 450_000.0, 500_000.0))
            .budget(20.0),
        g("G5", "", "Bo", "Social", "Followers", "人")
            .agg(Aggregation::Level)
            .q([Some(100_000.0), Some(120_000.0), None, None]),
        // A parent whose child carries another metric still counts.
        g("G7", "", "CMO", "", "Leads", "条")
            .target(5000.0)
            .q(qs(1000.0, 1200.0, 1300.0, 1500.0)),
        g("G7.1", "G7", "Ann", "Online", "MQL", "条").target(2000.0),
        // Long-layout-like goal: quarters only, no annual target.
        long,
        // A ratio defined by its parts (ROI = Revenue / 预算, the budget column).
        g("G9", "", "Ann", "", "ROI", "")
            .agg(Aggregation::Ratio)
            .target(8.0),
        g("G9b", "", "", "", "ROI", "")
            .agg(Aggregation::Ratio)
            .target(5.0),
        // Skipped: no metric and no target; a metric but no target.
        no_metric,
        g("G11", "", "Bo", "", "NPS", "").agg(Aggregation::Level),
        // A parent with its own spend (50 ≠ 30): counted.
        g("P2", "", "CMO", "", "Brand awareness", "%")
            .agg(Aggregation::Level)
            .target(0.5)
            .budget(50.0),
        g("P2.1", "P2", "Ann", "", "Awareness", "%")
            .agg(Aggregation::Level)
            .target(0.4)
            .budget(30.0),
    ];
    Plan {
        goals,
        plan_year: Some(2026),
        actions: Some(ActionSheet {
            actions: vec![
                action("G1.1", 25.0),
                action("G1.1", 30.0),
                action("G1", 10.0),
                action("NOPE", 99.0),
            ],
            ..Default::default()
        }),
        ..Default::default()
    }
}

fn config() -> Config {
    let mut c = Config::default();
    c.ratios.push(DerivedRatio {
        metric: "roi".into(),
        numerator: "Revenue".into(),
        denominator: "预算".into(),
    });
    c
}

fn row<'a>(r: &'a Rollup, keys: &[&str], metric: &str) -> &'a RollupRow {
    r.rows
        .iter()
        .find(|x| x.keys == keys && norm(&x.metric) == norm(metric))
        .unwrap_or_else(|| panic!("no row {keys:?} {metric}: {:#?}", r.rows))
}

fn close(a: Option<f64>, b: f64) -> bool {
    a.is_some_and(|a| (a - b).abs() < 1e-9)
}

#[test]
fn owner_rollup_counts_leaves_once_and_sorts_by_first_appearance() {
    let r = rollup(&trap_plan(), &config(), &[GroupBy::Owner]);
    assert_eq!(r.skipped, 2);
    // Revenue: the parent G1 (1100) is not added; Bo = G1.2 + the long goal G8 (quarters).
    let ann = row(&r, &["Ann"], "Revenue");
    assert_eq!(ann.metric, "Revenue");
    assert_eq!(ann.unit, "万元");
    assert_eq!(ann.quarters, qs(100.0, 150.0, 150.0, 200.0));
    assert_eq!((ann.year, ann.goals), (Some(600.0), 1));
    let bo = row(&r, &["Bo"], "Revenue");
    assert_eq!(bo.quarters, qs(150.0, 150.0, 150.0, 150.0));
    assert_eq!((bo.year, bo.goals), (Some(600.0), 2));
    assert!(
        !r.rows
            .iter()
            .any(|x| x.keys == ["CMO"] && x.metric == "Revenue")
    );
    let revenue_total: f64 = r
        .rows
        .iter()
        .filter(|x| x.metric == "Revenue")
        .filter_map(|x| x.year)
        .sum();
    assert_eq!(revenue_total, 1200.0);
    // Leads: the parent counts, its child has another metric.
    let leads = row(&r, &["CMO"], "Leads");
    assert_eq!((leads.year, leads.goals), (Some(5000.0), 1));
    assert_eq!(row(&r, &["Ann"], "MQL").year, Some(2000.0));
    // Order: metrics by first appearance, then owners by first appearance (CMO, Ann, Bo, "").
    let order: Vec<(String, String)> = r
        .rows
        .iter()
        .map(|x| (x.metric.clone(), x.keys[0].clone()))
        .collect();
    let expected = [
        ("Revenue", "Ann"),
        ("Revenue", "Bo"),
        ("Conversion rate", "Ann"),
        ("Conversion rate", "Bo"),
        ("Followers", "Ann"),
        ("Followers", "Bo"),
        ("Leads", "CMO"),
        ("MQL", "Ann"),
        ("ROI", "Ann"),
        ("ROI", ""),
        ("Brand awareness", "CMO"),
        ("Awareness", "Ann"),
    ];
    let expected: Vec<(String, String)> = expected
        .iter()
        .map(|(m, o)| (m.to_string(), o.to_string()))
        .collect();
    assert_eq!(order, expected);
}

#[test]
fn percentage_across_owners_is_a_mean_marked_as_such() {
    let r = rollup(&trap_plan(), &config(), &[GroupBy::Channel]);
    let online = row(&r, &["Online"], "Conversion rate");
    assert_eq!(online.aggregation, Aggregation::Ratio);
    assert!(online.mean_of_goals && online.is_percent);
    assert_eq!(online.goals, 2);
    // Q1 (0.03 + 0.02) / 2, Q4 (0.045 + 0.02) / 2, year (0.04 + 0.02) / 2 — never 0.06.
    assert!(close(online.quarters[0], 0.025));
    assert!(close(online.quarters[3], 0.0325));
    assert!(close(online.year, 0.03));
    // Revenue by channel: Online = G1.1 + G8, Offline = G1.2.
    let rev = row(&r, &["Online"], "Revenue");
    assert_eq!(rev.quarters, qs(150.0, 200.0, 200.0, 250.0));
    assert_eq!(rev.year, Some(800.0));
    assert_eq!(row(&r, &["Offline"], "Revenue").year, Some(400.0));
}

#[test]
fn followers_are_levels_year_is_the_end_of_period() {
    let r = rollup(&trap_plan(), &config(), &[GroupBy::Owner]);
    let ann = row(&r, &["Ann"], "Followers");
    assert_eq!(ann.aggregation, Aggregation::Level);
    assert_eq!(ann.year, Some(500_000.0));
    assert!(!ann.mean_of_goals);
    // Bo has Q1 and Q2 only: the year is the last quarter present.
    assert_eq!(row(&r, &["Bo"], "Followers").year, Some(120_000.0));
    // Across owners on one channel: the mean of the goals, quarter by quarter.
    let r = rollup(&trap_plan(), &config(), &[GroupBy::Channel]);
    let social = row(&r, &["Social"], "Followers");
    assert_eq!(
        social.quarters,
        [
            Some(225_000.0),
            Some(260_000.0),
            Some(450_000.0),
            Some(500_000.0)
        ]
    );
    assert_eq!(social.year, Some(310_000.0));
}

#[test]
fn roi_is_the_ratio_of_its_summed_parts() {
    let r = rollup(&trap_plan(), &config(), &[GroupBy::Owner]);
    // Ann: revenue 600 (G1.1) / budget 60 (G1.1) + 20 (G4) + 30 (P2.1) = 110.
    let ann = row(&r, &["Ann"], "ROI");
    assert!(close(ann.year, 600.0 / 110.0), "{ann:?}");
    assert_eq!(ann.quarters, [None; 4]);
    assert!(!ann.mean_of_goals);
    // No parts for the owner-less ROI goal: its target, as a mean of goals.
    let none = row(&r, &[""], "ROI");
    assert_eq!(none.year, Some(5.0));
    assert!(none.mean_of_goals);
    // Defined by its parts, ROI is a ratio even where the sheet calls it a sum.
    let mut plan = trap_plan();
    for g in plan.goals.iter_mut() {
        if g.metric.text() == Some("ROI") {
            g.aggregation = Aggregation::Sum;
        }
    }
    let r = rollup(&plan, &config(), &[]);
    let all = row(&r, &[], "ROI");
    assert_eq!(all.aggregation, Aggregation::Ratio);
    // The whole plan's parts: revenue 1200 / counted budget 60 + 40 + 20 + 50 + 30 = 200.
    assert_eq!(all.year, Some(6.0));

    // With the denominator as a metric in the sheet, quarters divide too.
    let mut plan = trap_plan();
    plan.goals.push(
        g("S1", "", "Ann", "", "Spend", "万元")
            .target(200.0)
            .q(qs(40.0, 50.0, 50.0, 60.0)),
    );
    let mut c = Config::default();
    c.ratios.push(DerivedRatio {
        metric: "ROI".into(),
        numerator: "revenue".into(),
        denominator: "spend".into(),
    });
    let r = rollup(&plan, &c, &[GroupBy::Owner]);
    let ann = row(&r, &["Ann"], "ROI");
    // (100 / 40, 150 / 50, 150 / 50, 200 / 60) and 600 / 200.
    assert_eq!(&ann.quarters[..3], &qs(2.5, 3.0, 3.0, 0.0)[..3]);
    assert!(close(ann.quarters[3], 200.0 / 60.0));
    assert_eq!(ann.year, Some(3.0));
}

#[test]
fn budget_counts_a_parent_once_and_actions_as_planned() {
    let r = rollup(&trap_plan(), &config(), &[GroupBy::Owner]);
    let got: Vec<(String, Option<f64>, Option<f64>)> = r
        .budget
        .iter()
        .map(|b| (b.keys[0].clone(), b.budget, b.planned))
        .collect();
    // CMO: G1's 100 = 60 + 40 is its children's total (not counted), P2's 50 ≠ 30 counts;
    // the action on G1 (10) is planned. Ann: 60 + 20 + 30, actions 25 + 30. Bo: 40.
    assert_eq!(
        got,
        vec![
            ("CMO".to_string(), Some(50.0), Some(10.0)),
            ("Ann".to_string(), Some(110.0), Some(55.0)),
            ("Bo".to_string(), Some(40.0), None),
        ]
    );
    // Within 0.5%: 100.4 is still the children's 100.
    let mut plan = trap_plan();
    plan.goals[0].budget = num(Some(100.4));
    let r = rollup(&plan, &config(), &[GroupBy::Owner]);
    assert_eq!(r.budget[0].budget, Some(50.0));
}

#[test]
fn owner_by_channel_keys_and_missing_keys() {
    let r = rollup(&trap_plan(), &config(), &[GroupBy::Owner, GroupBy::Channel]);
    assert_eq!(row(&r, &["Bo", "Online"], "Revenue").year, Some(200.0));
    assert_eq!(row(&r, &["Bo", "Offline"], "Revenue").year, Some(400.0));
    assert_eq!(row(&r, &["CMO", ""], "Leads").year, Some(5000.0));
    let r = rollup(&trap_plan(), &config(), &[GroupBy::Parent]);
    // By parent: the children of G1 add up under "G1".
    assert_eq!(row(&r, &["G1"], "Revenue").year, Some(1000.0));
    assert_eq!(row(&r, &[""], "Revenue").year, Some(200.0));
}

#[test]
fn group_by_parses_lists_and_rejects_unknown_fields() {
    assert_eq!(
        GroupBy::parse_list("owner,channel").unwrap(),
        vec![GroupBy::Owner, GroupBy::Channel]
    );
    assert_eq!(
        GroupBy::parse_list("Product line").unwrap(),
        vec![GroupBy::ProductLine]
    );
    assert_eq!(
        GroupBy::parse_list("dimension").unwrap(),
        vec![GroupBy::Dimension]
    );
    assert_eq!(
        GroupBy::parse_list("parent").unwrap(),
        vec![GroupBy::Parent]
    );
    let err = GroupBy::parse_list("owner,region").unwrap_err().to_string();
    assert!(err.contains("unknown --by field `region`"), "{err}");
    assert!(GroupBy::parse_list("owner,owner").is_err());
    assert!(GroupBy::parse_list("").is_err());
}

#[test]
fn hierarchy_lists_every_goal_in_tree_order_with_gaps() {
    let plan = trap_plan();
    let rows = hierarchy_rollup(&plan);
    assert_eq!(rows.len(), plan.goals.len());
    let tree: Vec<(String, usize)> = rows.iter().map(|r| (r.label(&plan), r.depth)).collect();
    assert_eq!(tree[0], ("G1".to_string(), 0));
    assert_eq!(tree[1], ("G1.1".to_string(), 1));
    assert_eq!(tree[2], ("G1.2".to_string(), 1));
    let g1 = &rows[0];
    assert_eq!(g1.children_ids(&plan), vec!["G1.1", "G1.2"]);
    assert_eq!(
        (g1.target, g1.children_sum, g1.gap),
        (Some(1100.0), Some(1000.0), Some(100.0))
    );
    // Children with another metric are not summed.
    let g7 = rows.iter().find(|r| r.label(&plan) == "G7").unwrap();
    assert!(g7.children.is_empty() && g7.children_sum.is_none() && g7.gap.is_none());
    let g71 = rows.iter().position(|r| r.label(&plan) == "G7.1").unwrap();
    assert_eq!(rows[g71 - 1].label(&plan), "G7");
    assert_eq!(rows[g71].depth, 1);
    // Levels are never summed.
    let p2 = rows.iter().find(|r| r.label(&plan) == "P2").unwrap();
    assert!(p2.children_sum.is_none());
}

#[test]
fn hierarchy_tolerates_cycles() {
    let plan = Plan {
        goals: vec![
            g("C1", "C2", "A", "", "Leads", "").target(1.0),
            g("C2", "C1", "A", "", "Leads", "").target(2.0),
            g("C3", "C1", "A", "", "Leads", "").target(3.0),
            g("R", "", "A", "", "Leads", "").target(4.0),
        ],
        ..Default::default()
    };
    let rows = hierarchy_rollup(&plan);
    let order: Vec<(String, usize)> = rows.iter().map(|r| (r.label(&plan), r.depth)).collect();
    let labelled = |l: &str, d| (l.to_string(), d);
    assert_eq!(
        order,
        vec![
            labelled("R", 0),
            labelled("C1", 1),
            labelled("C2", 2),
            labelled("C3", 2)
        ]
    );
    // Every goal on the cycle has a same-metric child: nothing is rolled up but C3 and R.
    let r = rollup(&plan, &Config::default(), &[]);
    assert_eq!(r.rows.len(), 1);
    assert_eq!((r.rows[0].year, r.rows[0].goals), (Some(7.0), 2));
}

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

#[test]
fn progress_is_direction_aware_and_judged_against_the_calendar() {
    let mut cac = g("CAC", "", "Ann", "", "CAC", "元")
        .agg(Aggregation::Ratio)
        .baseline(200.0)
        .target(150.0);
    cac.direction = Direction::LowerIsBetter;
    cac.actual_quarters = [Some(190.0), Some(170.0), None, None].map(num);
    let mut revenue = g("REV", "", "Ann", "", "Revenue", "万元")
        .baseline(800.0)
        .target(1000.0);
    revenue.actual = num(Some(600.0));
    let mut followers = g("F", "", "Bo", "", "Followers", "")
        .agg(Aggregation::Level)
        .baseline(300_000.0)
        .target(500_000.0);
    followers.actual_quarters = [Some(320_000.0), None, None, None].map(num);
    let mut span = g("SPAN", "", "Bo", "", "Leads", "").target(100.0);
    span.actual = num(Some(40.0));
    span.start.value = Some(DateSpan {
        start: date(2026, 4, 1),
        end: date(2026, 4, 1),
    });
    span.due.value = Some(DateSpan {
        start: date(2026, 4, 1),
        end: date(2026, 6, 30),
    });
    let mut flat = g("FLAT", "", "Bo", "", "Churn", "%")
        .baseline(0.05)
        .target(0.05);
    flat.direction = Direction::LowerIsBetter;
    flat.actual = num(Some(0.04));
    let no_actual = g("NONE", "", "Bo", "", "Leads", "").target(1.0);
    let plan = Plan {
        goals: vec![cac, revenue, followers, span, flat, no_actual],
        plan_year: Some(2026),
        ..Default::default()
    };

    let p = progress(&plan, date(2026, 6, 30));
    assert_eq!(p.len(), 5);
    // CAC: actual = mean(190, 170) = 180; (180 − 200) / (150 − 200) = 0.4.
    // Expected by 30 June: 181 / 365 = 0.4959; 0.4 ≥ 0.75 × 0.4959 but < 0.95 × → at risk.
    assert!(close(p[0].progress, 0.4));
    assert!((p[0].expected - 181.0 / 365.0).abs() < 1e-9);
    assert_eq!(p[0].status, Some(ProgressStatus::AtRisk));
    assert_eq!(p[0].status.map(|s| s.name(Lang::Zh)), Some("有风险"));
    // Revenue is a flow: progress from zero, 600 / 1000 = 0.6 → on track.
    assert_eq!(p[1].baseline, 0.0);
    assert!(close(p[1].progress, 0.6));
    assert_eq!(p[1].status, Some(ProgressStatus::OnTrack));
    // Followers: the last actual quarter, (320000 − 300000) / 200000 = 0.1 → behind.
    assert!(close(p[2].progress, 0.1));
    assert_eq!(p[2].status, Some(ProgressStatus::Behind));
    // A goal with its own span, fully elapsed: 40% of the way → behind.
    assert_eq!(p[3].expected, 1.0);
    assert_eq!(p[3].status, Some(ProgressStatus::Behind));
    // Target = baseline, lower is better, actual below: reached.
    assert_eq!(p[4].progress, Some(1.0));

    // Mid-span: 15 May is day 45 of 91.
    let p = progress(&plan, date(2026, 5, 15));
    assert!((p[3].expected - 45.0 / 91.0).abs() < 1e-9);
    // Before the plan year: nothing expected yet, everything on track.
    let p = progress(&plan, date(2025, 12, 1));
    assert_eq!(p[2].expected, 0.0);
    assert_eq!(p[2].status, Some(ProgressStatus::OnTrack));
}

#[test]
fn status_thresholds() {
    assert_eq!(ProgressStatus::judge(0.475, 0.5), ProgressStatus::OnTrack);
    assert_eq!(ProgressStatus::judge(0.47, 0.5), ProgressStatus::AtRisk);
    assert_eq!(ProgressStatus::judge(0.375, 0.5), ProgressStatus::AtRisk);
    assert_eq!(ProgressStatus::judge(0.37, 0.5), ProgressStatus::Behind);
    assert_eq!(ProgressStatus::Behind.name(Lang::En), "behind");
}

#[test]
fn float_noise_is_rounded_away() {
    let plan = Plan {
        goals: vec![
            g("A", "", "X", "", "Leads", "").target(0.1),
            g("B", "", "X", "", "Leads", "").target(0.2),
        ],
        ..Default::default()
    };
    let r = rollup(&plan, &Config::default(), &[GroupBy::Owner]);
    assert_eq!(r.rows[0].year, Some(0.3));
}

#[test]
fn tidy_keeps_fifteen_significant_digits() {
    assert_eq!(tidy(0.1 + 0.2), 0.3);
    assert_eq!(tidy(7.000_000_000_000_001), 7.0);
    assert_eq!(tidy(-1234.5), -1234.5);
    assert_eq!(tidy(0.035 + 0.025), 0.06);
    assert_eq!(tidy(1e-12 * 3.0), 3e-12);
    assert_eq!(tidy(123_456_789_012_345_680.0), 123_456_789_012_345_680.0);
    assert_eq!(tidy(500_000.0), 500_000.0);
    assert!((tidy(1.0 / 3.0) - 1.0 / 3.0).abs() < 1e-15);
}

#[test]
fn units_split_a_metric_and_each_unit_stays_together() {
    let plan = Plan {
        goals: vec![
            g("A", "", "Ann", "", "Revenue", "万元").target(1.0),
            g("B", "", "Bo", "", "Revenue", "元").target(20_000.0),
            g("C", "", "Bo", "", "Revenue", "万元").target(2.0),
            g("D", "", "Ann", "", "revenue", "元").target(5_000.0),
        ],
        ..Default::default()
    };
    let r = rollup(&plan, &Config::default(), &[GroupBy::Owner]);
    let got: Vec<(&str, &str, Option<f64>)> = r
        .rows
        .iter()
        .map(|x| (x.keys[0].as_str(), x.unit.as_str(), x.year))
        .collect();
    assert_eq!(
        got,
        vec![
            ("Ann", "万元", Some(1.0)),
            ("Bo", "万元", Some(2.0)),
            ("Ann", "元", Some(5_000.0)),
            ("Bo", "元", Some(20_000.0)),
        ]
    );
}

#[test]
fn expected_progress_follows_the_plans_own_quarterly_phasing() {
    // A back-loaded flow: 100, 100, 300, 500 of 1,000.
    let mut revenue = g("REV", "", "Ann", "", "Revenue", "万元")
        .q(qs(100.0, 100.0, 300.0, 500.0))
        .target(1000.0);
    revenue.actual = num(Some(250.0));
    // A level metric climbing from 300k through each quarter's target to 500k.
    let mut followers = g("F", "", "Bo", "", "Followers", "")
        .agg(Aggregation::Level)
        .baseline(300_000.0)
        .q(qs(320_000.0, 350_000.0, 400_000.0, 500_000.0))
        .target(500_000.0);
    followers.actual = num(Some(380_000.0));
    let plan = Plan {
        goals: vec![revenue, followers],
        plan_year: Some(2026),
        ..Default::default()
    };

    // 30 June: two quarters planned, 200 of 1,000. 250 is ahead of the phasing: on track
    // (a straight line through the year would expect 49.6% and call it behind).
    let p = progress(&plan, date(2026, 6, 30));
    assert!((p[0].expected - 0.2).abs() < 1e-9, "{}", p[0].expected);
    assert_eq!(p[0].status, Some(ProgressStatus::OnTrack));
    // 15 May: Q1's 100 and 45/91 of Q2's 100.
    let p = progress(&plan, date(2026, 5, 15));
    assert!((p[0].expected - (100.0 + 100.0 * 45.0 / 91.0) / 1000.0).abs() < 1e-9);
    // 15 August, day 46 of Q3's 92: followers planned at 350k + 50k × 46/92 = 375k, i.e.
    // (375k − 300k) / 200k = 0.375 of the way; 380k is 0.4 → on track.
    let p = progress(&plan, date(2026, 8, 15));
    assert!((p[1].expected - 0.375).abs() < 1e-9, "{}", p[1].expected);
    assert_eq!(p[1].status, Some(ProgressStatus::OnTrack));
    // Revenue at 15 August: 200 + 300 × 46/92 = 350 expected; 250 is 71% of it → behind.
    assert_eq!(p[0].status, Some(ProgressStatus::Behind));
    // After the year everything planned is due; before it, nothing.
    assert_eq!(progress(&plan, date(2027, 2, 1))[0].expected, 1.0);
    assert_eq!(progress(&plan, date(2025, 12, 1))[1].expected, 0.0);
}

#[test]
fn headlines_take_the_plans_top_goals_not_a_leaf() {
    let pct = |g: Goal, t: f64| {
        let mut g = g.agg(Aggregation::Level).target(t);
        g.is_percent = true;
        g
    };
    let plan = Plan {
        goals: vec![
            g("O1", "", "Ann", "", "销售额", "万元").target(1200.0),
            g("KR1", "O1", "Ann", "", "销售额", "万元").target(700.0),
            g("KR2", "O1", "Bo", "", "销售额", "万元").target(400.0),
            pct(g("O2", "", "Ann", "", "品牌认知度", "%"), 0.35),
            pct(g("KR3", "O2", "Ann", "", "品牌认知度", "%"), 0.30),
            pct(g("KR4", "O2", "Bo", "", "品牌认知度", "%"), 0.30),
            // A metric only on leaves: its top goals are the leaves themselves.
            g("KR5", "O2", "Bo", "", "曝光量", "次").target(5000.0),
        ],
        plan_year: Some(2026),
        ..Default::default()
    };
    let totals = rollup(&plan, &Config::default(), &[]);
    let h = headlines(&plan, &Hierarchy::build(&plan), &totals);
    let of = |m: &str| h.iter().find(|x| x.metric == m).expect(m);
    // Revenue: the objective commits 1,200, its key results add up to 1,100: 100 short.
    let revenue = of("销售额");
    assert_eq!(
        (revenue.plan_target, revenue.leaf_rollup, revenue.gap),
        (Some(1200.0), Some(1100.0), Some(-100.0))
    );
    // Awareness: the headline is the objective's 35%, the leaves' 30% beside it.
    let awareness = of("品牌认知度");
    assert_eq!(awareness.plan_target, Some(0.35));
    assert_eq!(awareness.leaf_rollup, Some(0.3));
    assert!(!awareness.top_is_mean);
    assert!((awareness.gap.unwrap_or(f64::NAN) + 0.05).abs() < 1e-9);
    let exposure = of("曝光量");
    assert_eq!(
        (exposure.plan_target, exposure.gap),
        (Some(5000.0), Some(0.0))
    );
}

#[test]
fn keys_group_by_what_they_say_and_show_their_first_visible_spelling() {
    let plan = Plan {
        goals: vec![
            g("K1", "", "Ａｎｎ\u{200B}", "Online ", "Leads", "").target(100.0),
            g("K2", "", "Ann", "Ｏｎｌｉｎｅ", "Leads\u{2060}", "").target(50.0),
            g(
                "K3",
                "",
                "\u{FEFF}Ann\u{3000}",
                "Online\u{00A0}",
                "leads",
                "",
            )
            .target(25.0),
            // Look-alikes that are other people and channels.
            g("K4", "", "Anne", "Off line", "Leads", "").target(7.0),
            g("K5", "", "ann", "Online", "Leads", "").target(3.0),
        ],
        ..Default::default()
    };
    let r = rollup(&plan, &config(), &[GroupBy::Owner]);
    let got: Vec<(&str, Option<f64>, usize)> = r
        .rows
        .iter()
        .map(|x| (x.keys[0].as_str(), x.year, x.goals))
        .collect();
    // Full width as written, the zero-width space dropped; case still tells people apart.
    assert_eq!(
        got,
        vec![
            ("Ａｎｎ", Some(175.0), 3),
            ("Anne", Some(7.0), 1),
            ("ann", Some(3.0), 1)
        ]
    );
    assert_eq!(r.rows[0].metric, "Leads");
    let r = rollup(&plan, &config(), &[GroupBy::Channel]);
    let got: Vec<(&str, Option<f64>)> = r
        .rows
        .iter()
        .map(|x| (x.keys[0].as_str(), x.year))
        .collect();
    assert_eq!(got, vec![("Online", Some(178.0)), ("Off line", Some(7.0))]);
}

#[test]
fn a_rollup_row_is_judged_against_its_own_quarterly_phasing() {
    // Ann's revenue: two flows, back-loaded (100, 100, 300, 500 planned; 1000 a year).
    let mut a = g("A", "", "Ann", "", "Revenue", "万元").target(600.0);
    a.quarters = [Some(50.0), Some(50.0), Some(200.0), Some(300.0)].map(num);
    a.actual = num(Some(90.0));
    let mut b = g("B", "", "Ann", "", "Revenue", "万元").target(400.0);
    b.quarters = [Some(50.0), Some(50.0), Some(100.0), Some(200.0)].map(num);
    b.actual_quarters = [Some(60.0), Some(50.0), None, None].map(num);
    // Bo's awareness: a level from 20% to 40%, 25% by Q1, 30% by Q2; one goal has no actual.
    let mut c = g("C", "", "Bo", "", "Awareness", "%")
        .agg(Aggregation::Level)
        .baseline(0.2)
        .target(0.4);
    c.quarters = [Some(0.25), Some(0.3), Some(0.35), Some(0.4)].map(num);
    c.actual = num(Some(0.26));
    let no_actual = g("D", "", "Cy", "", "Revenue", "万元").target(10.0);
    let plan = Plan {
        goals: vec![a, b, c, no_actual],
        plan_year: Some(2026),
        ..Default::default()
    };
    let tree = Hierarchy::build(&plan);
    let r = rollup(&plan, &Config::default(), &[GroupBy::Owner]);
    let p = row_progress(&plan, &tree, &r, date(2026, 6, 30));
    assert_eq!(p.len(), r.rows.len());
    let ann = p[0].as_ref().unwrap();
    // Actuals add (90 + 60 + 50 = 200), a flow starts from 0: 200 / 1000 = 0.2.
    assert_eq!((ann.actual, ann.baseline), (200.0, 0.0));
    assert_eq!(ann.progress, Some(0.2));
    assert_eq!(ann.goals_with_actual, 2);
    // Expected by 30 June: Q1 and Q2 in full, 200 of 1000 = 0.2, not the calendar's 0.496
    // (against which 0.2 would be behind): on track.
    assert!((ann.expected - 0.2).abs() < 1e-12);
    assert_eq!(ann.status, Some(ProgressStatus::OnTrack));
    // Cy has no actual: no progress.
    assert!(p.iter().any(Option::is_none));
    let bo = p
        .iter()
        .zip(&r.rows)
        .find(|(_, row)| row.keys == ["Bo"])
        .and_then(|(p, _)| p.as_ref())
        .unwrap();
    // (0.26 − 0.2) / 0.2 = 0.3; expected at 30 June: the line reaches 0.3, (0.3 − 0.2) / 0.2
    // = 0.5; 0.3 < 0.75 × 0.5 → behind.
    assert!(close(bo.progress, 0.3));
    assert!((bo.expected - 0.5).abs() < 1e-12);
    assert_eq!(bo.status, Some(ProgressStatus::Behind));
    // Mid-February: 46 of Q1's 90 days; Ann expects 100 × 46/90 of 1000.
    let p = row_progress(&plan, &tree, &r, date(2026, 2, 15));
    let ann = p[0].as_ref().unwrap();
    assert!((ann.expected - 100.0 * 46.0 / 90.0 / 1000.0).abs() < 1e-12);
}

#[test]
fn a_row_without_quarters_expects_the_share_of_the_year() {
    let f = RowFigures {
        aggregation: Aggregation::Sum,
        direction: Direction::HigherIsBetter,
        actual: 40.0,
        baseline: 0.0,
        target: Some(100.0),
        quarters: [None; 4],
    };
    let as_of = date(2026, 7, 2);
    let plan = Plan {
        plan_year: Some(2026),
        ..Default::default()
    };
    let calendar = PlanCalendar::of(&plan, as_of).unwrap();
    let (progress, expected, status) = judge_row(
        f,
        calendar.quarter_shares(as_of),
        calendar.year_share(as_of),
    );
    assert_eq!(progress, Some(0.4));
    assert!((expected - 183.0 / 365.0).abs() < 1e-12);
    // 0.4 ≥ 0.75 × 0.501 → at risk.
    assert_eq!(status, Some(ProgressStatus::AtRisk));
    // Lower is better, target = baseline, actual above it: not reached.
    let flat = RowFigures {
        direction: Direction::LowerIsBetter,
        actual: 0.06,
        baseline: 0.05,
        target: Some(0.05),
        aggregation: Aggregation::Ratio,
        quarters: [Some(0.05); 4],
    };
    assert_eq!(judge_row(flat, [1.0; 4], 1.0).0, Some(0.0));
    // Without a target: no progress and no status.
    let none = RowFigures { target: None, ..f };
    assert_eq!(judge_row(none, [1.0; 4], 1.0).2, None);
}
