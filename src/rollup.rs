//! rollup stage
