//! M — Measurable: a metric, a number to reach (one number, not a range), a unit, a
//! baseline, and quarters that add up.

pub mod m001_metric_missing;
pub mod m002_target_missing;
pub mod m003_number_unparsable;
pub mod m004_unit_missing;
pub mod m005_quarters_reconcile;
pub mod m006_percent_over_100;
pub mod m007_baseline_missing;
pub mod m008_target_range;

pub use m001_metric_missing::MetricMissing;
pub use m002_target_missing::TargetMissing;
pub use m003_number_unparsable::NumberUnparsable;
pub use m004_unit_missing::UnitMissing;
pub use m005_quarters_reconcile::QuartersReconcile;
pub use m006_percent_over_100::PercentOver100;
pub use m007_baseline_missing::BaselineMissing;
pub use m008_target_range::TargetRange;

use crate::rules::Context;
use crate::rules::text::present;

/// A qualitative objective measured through its key results: the goal has children in the
/// tree and no metric, target or quarterly target of its own (not even a marker). M001, M002
/// and M007 leave it alone; S003 rates its wording an info.
pub(crate) fn measured_by_children(ctx: &Context, index: usize) -> bool {
    let Some(goal) = ctx.plan.goals.get(index) else {
        return false;
    };
    let has_children = ctx.tree.children.get(index).is_some_and(|c| !c.is_empty());
    has_children
        && present(&goal.metric).is_none()
        && goal.metric.is_blank()
        && goal.target.is_blank()
        && goal.quarters.iter().all(|q| q.is_blank())
}

#[cfg(test)]
mod tests {
    use crate::model::Field;
    use crate::rules::Severity;
    use crate::rules::s::VagueWording;
    use crate::rules::test_support::*;

    /// An objective row with no metric or target, and two measured key results below it.
    fn okr_plan(parent_ids: bool) -> crate::model::Plan {
        let mut plan = wide_plan();
        let kr = |row: u32, id: &str| {
            let g = goal(&plan, row)
                .text(Field::Id, id)
                .text(Field::KeyResult, "粉丝数达到50万")
                .text(Field::Metric, "粉丝数")
                .text(Field::Unit, "人")
                .num(Field::Baseline, 200000.0)
                .num(Field::Target, 500000.0)
                .text(Field::Owner, "刘洋");
            if parent_ids {
                g.text(Field::Parent, "O1")
            } else {
                g
            }
        };
        let goals = vec![
            goal(&plan, 2)
                .text(Field::Id, "O1")
                .text(Field::Objective, "提升品牌影响力")
                .text(Field::Owner, "陈静")
                .build(),
            kr(3, "KR1.1").build(),
            kr(4, "KR1.2").build(),
        ];
        plan.goals = goals;
        plan
    }

    #[test]
    fn a_qualitative_objective_is_measured_through_its_key_results() {
        let plan = okr_plan(true);
        for rule in [
            &super::MetricMissing as &dyn crate::rules::Rule,
            &super::TargetMissing,
            &super::BaselineMissing,
        ] {
            assert_eq!(run(rule, &plan), vec![], "{}", rule.info().id);
        }
        let s003 = run(&VagueWording, &plan);
        assert_eq!(hits(&s003, "S003"), vec!["D2"]);
        assert_eq!(s003[0].severity, Severity::Info);
        assert!(
            s003[0].message.contains("2 key results"),
            "{}",
            s003[0].message
        );
    }

    #[test]
    fn the_same_objective_without_children_is_flagged() {
        let plan = okr_plan(false);
        assert_eq!(hits(&run(&super::MetricMissing, &plan), "M001"), vec!["F2"]);
        assert_eq!(hits(&run(&super::TargetMissing, &plan), "M002"), vec!["I2"]);
        assert_eq!(
            hits(&run(&super::BaselineMissing, &plan), "M007"),
            vec!["H2"]
        );
        let s003 = run(&VagueWording, &plan);
        assert_eq!(s003[0].severity, Severity::Warning);
    }
}
