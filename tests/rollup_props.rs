//! Invariants of the rollups on generated plans.

use goalsheet::Config;
use goalsheet::model::{Aggregation, Goal, Plan, Sourced};
use goalsheet::rollup::{GroupBy, RollupRow, rollup};
use proptest::prelude::*;

fn text(s: &str) -> Sourced<String> {
    Sourced {
        value: (!s.is_empty()).then(|| s.to_string()),
        raw: s.to_string(),
        ..Default::default()
    }
}

fn num(x: Option<f64>) -> Sourced<f64> {
    Sourced {
        value: x,
        raw: x.map(|x| x.to_string()).unwrap_or_default(),
        ..Default::default()
    }
}

const OWNERS: [&str; 4] = ["Ann", "Bo", "张三", ""];
const METRICS: [(&str, Aggregation); 3] = [
    ("Revenue", Aggregation::Sum),
    ("Followers", Aggregation::Level),
    ("Conversion", Aggregation::Ratio),
];

/// One generated goal: owner, metric, parent (an earlier goal, or none), target, quarters.
type Spec = (usize, usize, Option<usize>, Option<u32>, [Option<u32>; 4]);

fn spec() -> impl Strategy<Value = Spec> {
    (
        0..OWNERS.len(),
        0..METRICS.len(),
        proptest::option::of(0usize..40),
        proptest::option::of(0u32..10_000),
        [
            proptest::option::of(0u32..5_000),
            proptest::option::of(0u32..5_000),
            proptest::option::of(0u32..5_000),
            proptest::option::of(0u32..5_000),
        ],
    )
}

fn plan_of(specs: &[Spec]) -> Plan {
    let goals = specs
        .iter()
        .enumerate()
        .map(|(i, &(owner, metric, parent, target, quarters))| {
            let parent = parent.filter(|&p| p < i).map(|p| format!("G{p}"));
            Goal {
                id: text(&format!("G{i}")),
                parent: text(parent.as_deref().unwrap_or("")),
                owner: text(OWNERS[owner]),
                metric: text(METRICS[metric].0),
                aggregation: METRICS[metric].1,
                target: num(target.map(f64::from)),
                quarters: quarters.map(|q| num(q.map(|v| f64::from(v) / 4.0))),
                ..Default::default()
            }
        })
        .collect();
    Plan {
        goals,
        ..Default::default()
    }
}

fn sorted(mut rows: Vec<RollupRow>) -> Vec<RollupRow> {
    rows.sort_by(|a, b| (&a.metric, &a.unit, &a.keys).cmp(&(&b.metric, &b.unit, &b.keys)));
    rows
}

fn close(a: Option<f64>, b: Option<f64>) -> bool {
    match (a, b) {
        (Some(a), Some(b)) => (a - b).abs() <= 1e-6 * a.abs().max(b.abs()).max(1.0),
        (None, None) => true,
        _ => false,
    }
}

proptest! {
    /// The owner rollup of a sum metric's year is the sum over the owner's leaf goals: goals
    /// with a target value and no child carrying the same metric.
    #[test]
    fn sum_year_is_the_sum_over_leaf_goals(specs in proptest::collection::vec(spec(), 0..40)) {
        let plan = plan_of(&specs);
        let r = rollup(&plan, &Config::default(), &[GroupBy::Owner]);
        for owner in OWNERS {
            let mut expected: Option<f64> = None;
            for (i, g) in plan.goals.iter().enumerate() {
                if g.metric.text() != Some("Revenue") || g.owner.text().unwrap_or("") != owner {
                    continue;
                }
                let parent_of_same = plan.goals.iter().any(|c| {
                    c.parent.text() == Some(&format!("G{i}")) && c.metric.text() == Some("Revenue")
                });
                if parent_of_same {
                    continue;
                }
                let year = g.target.value.or_else(|| {
                    let qs: Vec<f64> = g.quarters.iter().filter_map(|q| q.value).collect();
                    (!qs.is_empty()).then(|| qs.iter().sum())
                });
                if let Some(y) = year {
                    expected = Some(expected.unwrap_or(0.0) + y);
                }
            }
            let got = r
                .rows
                .iter()
                .find(|row| row.metric == "Revenue" && row.keys == [owner])
                .and_then(|row| row.year);
            prop_assert!(close(got, expected), "owner {owner:?}: {got:?} vs {expected:?}");
        }
    }

    /// Any order of the goals gives the same rows (as a set) and the same budget.
    #[test]
    fn goal_order_does_not_change_the_rows(
        (specs, order) in proptest::collection::vec(spec(), 0..30).prop_flat_map(|specs| {
            let n = specs.len();
            (Just(specs), Just((0..n).collect::<Vec<usize>>()).prop_shuffle())
        })
    ) {
        let plan = plan_of(&specs);
        let mut shuffled = plan.clone();
        shuffled.goals = order.iter().map(|&i| plan.goals[i].clone()).collect();
        for by in [vec![GroupBy::Owner], vec![GroupBy::Owner, GroupBy::Parent], vec![]] {
            let a = sorted(rollup(&plan, &Config::default(), &by).rows);
            let b = sorted(rollup(&shuffled, &Config::default(), &by).rows);
            prop_assert_eq!(a.len(), b.len());
            for (x, y) in a.iter().zip(&b) {
                prop_assert_eq!((&x.keys, &x.metric, x.goals), (&y.keys, &y.metric, y.goals));
                prop_assert_eq!(x.aggregation, y.aggregation);
                prop_assert!(close(x.year, y.year), "{x:?} vs {y:?}");
                for q in 0..4 {
                    prop_assert!(close(x.quarters[q], y.quarters[q]), "{x:?} vs {y:?}");
                }
            }
        }
    }
}
