//! A large, realistic planning sheet for benchmarks and profiling.
//!
//! `cargo run --release --example big_plan -- --goals 100000 --out DIR` writes
//! `DIR/big_plan.xlsx` and `DIR/big_plan.csv` with the same rows: a Chinese wide-layout plan
//! (17 columns: id, parent, dimension, objective, key result, metric, unit, baseline, annual
//! target, four quarters, owner, channel, due date, budget) whose goals form a 3-level
//! hierarchy — objective → 3 key results → 2 sub-key-results each (10 rows per objective).
//!
//! What makes it realistic rather than uniform:
//! - ~40 owners and ~12 channels, assigned so no owner carries an absurd share;
//! - metrics of all three kinds (sum: 销售额, 新增用户, 线索; level: 品牌知名度, 粉丝总数, NPS;
//!   ratio: 线索转化率, ROI, 获客成本), each with its own unit and sensible numbers;
//! - the four dimensions as people write them (业务增长 and 增长, 品牌建设 and 品牌, …);
//! - year-end due dates as text in several forms (2026-12-31, 2026/12/31, Q4, 2026年12月31日);
//! - about 5% defective rows, one defect each, cycling through: quarters that do not add up,
//!   a missing owner, vague wording with no metric, a parent that does not exist, an
//!   implausible growth jump, a missing target, an unreadable number.
//!
//! Deterministic: the same `--goals` gives the same cells (no clock, no randomness).

use std::fs;
use std::path::PathBuf;

use anyhow::{Context, Result, bail};
use rust_xlsxwriter::Workbook;

#[path = "big_plan_support/rows.rs"]
mod rows;

use rows::{Cell, HEADER, TITLE, goal_row, plan_csv};

fn main() -> Result<()> {
    let mut goals = 100_000usize;
    let mut out = PathBuf::from(".");
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--goals" => {
                goals = args
                    .next()
                    .context("--goals N")?
                    .parse()
                    .context("--goals N")?;
            }
            "--out" => out = PathBuf::from(args.next().context("--out DIR")?),
            other => bail!("unknown argument {other}; usage: big_plan [--goals N] [--out DIR]"),
        }
    }
    fs::create_dir_all(&out)?;
    let csv_path = out.join("big_plan.csv");
    fs::write(&csv_path, plan_csv(goals))
        .with_context(|| format!("writing {}", csv_path.display()))?;

    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet().set_name("目标")?;
    sheet.write_string(0, 0, TITLE)?;
    for (c, h) in HEADER.iter().enumerate() {
        sheet.write_string(1, c as u16, *h)?;
    }
    for i in 0..goals {
        let row = goal_row(i);
        let r = (i + 2) as u32;
        for (c, cell) in row.iter().enumerate() {
            match cell {
                Cell::Empty => {}
                Cell::Text(s) => {
                    sheet.write_string(r, c as u16, s)?;
                }
                Cell::Num(v) => {
                    sheet.write_number(r, c as u16, *v)?;
                }
            }
        }
    }
    let xlsx_path = out.join("big_plan.xlsx");
    workbook.save(&xlsx_path)?;
    println!(
        "{goals} goals: {} and {}",
        xlsx_path.display(),
        csv_path.display()
    );
    Ok(())
}
