//! M — Measurable: a metric, a number to reach, a unit, a baseline, and quarters that add up.

pub mod m001_metric_missing;
pub mod m002_target_missing;
pub mod m003_number_unparsable;
pub mod m004_unit_missing;
pub mod m005_quarters_reconcile;
pub mod m006_percent_over_100;
pub mod m007_baseline_missing;

pub use m001_metric_missing::MetricMissing;
pub use m002_target_missing::TargetMissing;
pub use m003_number_unparsable::NumberUnparsable;
pub use m004_unit_missing::UnitMissing;
pub use m005_quarters_reconcile::QuartersReconcile;
pub use m006_percent_over_100::PercentOver100;
pub use m007_baseline_missing::BaselineMissing;
