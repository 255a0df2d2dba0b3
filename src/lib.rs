//! goalsheet — read marketing planning sheets, check every goal against SMART, roll the
//! quarterly targets up, and write a review-ready workbook.
//!
//! The pipeline (DESIGN §1) is one module per stage; each knows only the one before it:
//!
//! ```text
//! read → layout → parse → model → rules → rollup → write
//! ```
//!
//! ```no_run
//! let plan = goalsheet::load_plan(std::path::Path::new("fixtures/plan_zh.xlsx"),
//!     &goalsheet::LoadOptions::default()).unwrap();
//! println!("{} goals on sheet {}", plan.goals.len(), plan.sheet);
//! ```

pub mod cli;
pub mod config;
pub mod engine;
pub mod error;
pub mod layout;
pub mod model;
pub mod par;
pub mod parse;
pub mod periods;
pub mod read;
pub mod rollup;
pub mod rules;
pub mod write;

pub use config::Config;
pub use error::{Error, Result};
pub use model::{LoadOptions, Plan, load_plan};
