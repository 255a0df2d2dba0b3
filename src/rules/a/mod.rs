//! A — Achievable: targets that are ambitious but possible, and owners who can carry them.

pub mod a001_growth_too_high;
pub mod a002_target_worse_than_baseline;
pub mod a003_quarter_jump;
pub mod a004_owner_overloaded;

pub use a001_growth_too_high::GrowthTooHigh;
pub use a002_target_worse_than_baseline::TargetWorseThanBaseline;
pub use a003_quarter_jump::QuarterJump;
pub use a004_owner_overloaded::OwnerOverloaded;
