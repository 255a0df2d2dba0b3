//! R — Relevant: the goal tree (parents, cycles, decomposition) and the dimensions.

pub mod r001_parent_unknown;
pub mod r002_parent_cycle;
pub mod r003_parent_missing;
pub mod r004_dimension_invalid;
pub mod r005_dimension_column_missing;
pub mod r006_decomposition_shortfall;
pub mod r007_decomposition_overassigned;

pub use r001_parent_unknown::ParentUnknown;
pub use r002_parent_cycle::ParentCycle;
pub use r003_parent_missing::ParentMissing;
pub use r004_dimension_invalid::DimensionInvalid;
pub use r005_dimension_column_missing::DimensionColumnMissing;
pub use r006_decomposition_shortfall::DecompositionShortfall;
pub use r007_decomposition_overassigned::DecompositionOverassigned;
