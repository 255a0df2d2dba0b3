//! S — Specific: who owns the goal and what exactly it says.

pub mod s001_owner_missing;
pub mod s002_statement_missing;
pub mod s003_vague_wording;
pub mod s004_bundled_goals;
pub mod s005_activity_not_outcome;
pub mod s006_several_owners;

pub use s001_owner_missing::OwnerMissing;
pub use s002_statement_missing::StatementMissing;
pub use s003_vague_wording::VagueWording;
pub use s004_bundled_goals::BundledGoals;
pub use s005_activity_not_outcome::ActivityNotOutcome;
pub use s006_several_owners::SeveralOwners;
