//! read stage
