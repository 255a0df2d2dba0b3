//! Computations over the goal tree that several rules (and the rollups and the review's
//! hierarchy sheet) share: which goals' targets decompose a parent's, and by how much.

use crate::model::{Aggregation, Goal, Hierarchy, Key, Plan};

/// A metric, unit or dimension name reduced for comparison: its [`Key::loose`] form (NFKC,
/// invisible characters dropped, lower case, no whitespace: `销售额 ` = `销售额`,
/// `New Leads` = `newleads`, `ＲＯＩ` = `roi`, `销售额` + U+200B = `销售额`).
pub fn name_key(text: &str) -> String {
    Key::new(text).loose().into_string()
}

/// A parent goal whose additive metric is decomposed into children carrying the same metric.
#[derive(Debug, Clone, PartialEq)]
pub struct Decomposition {
    /// The parent's goal index.
    pub parent: usize,
    /// The metric as the parent names it.
    pub metric: String,
    /// The parent's annual target.
    pub parent_target: f64,
    /// The sum of `children`'s annual targets.
    pub children_sum: f64,
    /// The children that share the metric and have an annual target, in sheet order.
    pub children: Vec<usize>,
    /// Children that share the metric but have no annual target (not in the sum).
    pub untargeted: Vec<usize>,
}

impl Decomposition {
    /// Parent target minus the children's sum (positive: a shortfall).
    pub fn gap(&self) -> f64 {
        self.parent_target - self.children_sum
    }
}

/// Whether a child carries the parent's metric in a way its target can be added up to it:
/// same metric name (case/space-insensitive), both additive, same unit when both give one,
/// same percent-ness. `key` is the parent's metric's [`name_key`].
fn shares_metric(parent: &Goal, key: &str, child: &Goal) -> bool {
    if child.aggregation != Aggregation::Sum || child.is_percent != parent.is_percent {
        return false;
    }
    // Children mostly repeat their parent's metric and unit as written: equal texts have
    // equal keys, and only differing texts are keyed.
    match child.metric.text() {
        Some(m) if Some(m) == parent.metric.text() || name_key(m) == key => {}
        _ => return false,
    }
    match (parent.unit.text(), child.unit.text()) {
        (Some(a), Some(b)) => a == b || name_key(a) == name_key(b),
        _ => true,
    }
}

/// Every parent whose additive (`sum`) metric is shared by at least one child with a target,
/// with the children's annual targets summed. Level and ratio metrics are never summed.
/// Linear in the number of goals.
pub fn decomposition(plan: &Plan, tree: &Hierarchy) -> Vec<Decomposition> {
    let mut out = Vec::new();
    for (p, parent) in plan.goals.iter().enumerate() {
        let kids = match tree.children.get(p) {
            Some(k) if !k.is_empty() => k,
            _ => continue,
        };
        if parent.aggregation != Aggregation::Sum {
            continue;
        }
        let (Some(metric), Some(parent_target)) = (parent.metric.text(), parent.annual_target())
        else {
            continue;
        };
        let key = name_key(metric);
        let mut children = Vec::new();
        let mut untargeted = Vec::new();
        let mut children_sum = 0.0;
        for &c in kids {
            let Some(child) = plan.goals.get(c) else {
                continue;
            };
            if !shares_metric(parent, &key, child) {
                continue;
            }
            match child.annual_target() {
                Some(t) => {
                    children_sum += t;
                    children.push(c);
                }
                None => untargeted.push(c),
            }
        }
        if children.is_empty() {
            continue;
        }
        out.push(Decomposition {
            parent: p,
            metric: metric.to_string(),
            parent_target,
            children_sum,
            children,
            untargeted,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testkit::{G, plan};

    #[test]
    fn sums_children_sharing_an_additive_metric() {
        let p = plan(vec![
            G::new(3, "O1").metric("销售额").target(1000.0).build(),
            G::new(4, "KR1")
                .parent("O1")
                .metric(" 销售额")
                .target(300.0)
                .build(),
            G::new(5, "KR2")
                .parent("O1")
                .metric("销售额")
                .quarters([Some(100.0), Some(100.0), Some(100.0), Some(100.0)])
                .build(),
            G::new(6, "KR3").parent("O1").metric("销售额").build(),
            G::new(7, "KR4")
                .parent("O1")
                .metric("线索")
                .target(5000.0)
                .build(),
        ]);
        let tree = Hierarchy::build(&p);
        let d = decomposition(&p, &tree);
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].parent, 0);
        assert_eq!(d[0].children, vec![1, 2]);
        assert_eq!(d[0].untargeted, vec![3]);
        assert_eq!(d[0].children_sum, 700.0);
        assert_eq!(d[0].gap(), 300.0);
        // The context works them out once and hands R006 and R007 the same list.
        let config = crate::Config::default();
        let ctx = crate::rules::Context::with_tree(&p, &config, crate::model::Lang::Zh, &tree);
        let shared = ctx.decompositions();
        assert_eq!(shared, d.as_slice());
        assert!(std::ptr::eq(shared, ctx.decompositions()));
    }

    #[test]
    fn level_and_ratio_metrics_are_not_summed() {
        let p = plan(vec![
            G::new(3, "O1")
                .metric("粉丝数")
                .agg(Aggregation::Level)
                .target(1000.0)
                .build(),
            G::new(4, "KR1")
                .parent("O1")
                .metric("粉丝数")
                .agg(Aggregation::Level)
                .target(300.0)
                .build(),
            G::new(5, "O2")
                .metric("转化率")
                .agg(Aggregation::Ratio)
                .target(0.3)
                .build(),
            G::new(6, "KR2")
                .parent("O2")
                .metric("转化率")
                .agg(Aggregation::Ratio)
                .target(0.1)
                .build(),
        ]);
        assert!(decomposition(&p, &Hierarchy::build(&p)).is_empty());
    }

    #[test]
    fn different_units_are_not_added() {
        let p = plan(vec![
            G::new(3, "O1")
                .metric("销售额")
                .unit("万元")
                .target(1000.0)
                .build(),
            G::new(4, "KR1")
                .parent("O1")
                .metric("销售额")
                .unit("元")
                .target(300.0)
                .build(),
        ]);
        assert!(decomposition(&p, &Hierarchy::build(&p)).is_empty());
    }

    #[test]
    fn children_share_a_metric_written_alike_or_keyed_alike() {
        let p = plan(vec![
            G::new(3, "O1")
                .metric("New Leads")
                .unit("个")
                .target(100.0)
                .build(),
            // The same text; the same key (case, width, spaces); another metric; another unit.
            G::new(4, "KR1")
                .parent("O1")
                .metric("New Leads")
                .unit("个")
                .target(10.0)
                .build(),
            G::new(5, "KR2")
                .parent("O1")
                .metric("ｎｅｗ leads\u{200B}")
                .unit("个")
                .target(20.0)
                .build(),
            G::new(6, "KR3")
                .parent("O1")
                .metric("Leads")
                .unit("个")
                .target(40.0)
                .build(),
            G::new(7, "KR4")
                .parent("O1")
                .metric("New Leads")
                .unit("条")
                .target(80.0)
                .build(),
            G::new(8, "KR5")
                .parent("O1")
                .metric("newleads")
                .unit(" 个\u{FEFF}")
                .build(),
        ]);
        let d = decomposition(&p, &Hierarchy::build(&p));
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].children, vec![1, 2]);
        assert_eq!(d[0].untargeted, vec![5]);
        assert_eq!(d[0].children_sum, 30.0);
    }

    #[test]
    fn name_keys_ignore_case_space_and_width() {
        assert_eq!(name_key(" New  Leads "), "newleads");
        assert_eq!(name_key("ＲＯＩ"), "roi");
        assert_eq!(
            name_key("\u{FEFF}销售\u{200B}额\u{3000}"),
            name_key("销售额")
        );
    }
}
