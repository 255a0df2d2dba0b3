//! `cargo bench`: each pipeline stage on a generated 100,000-goal plan (DESIGN §8: a
//! 100,000-row plan is reviewed in a few seconds). Prints one line per stage; no assertions —
//! speed is measured here, never in timed tests.
//!
//! `GOALSHEET_BENCH_GOALS=20000 cargo bench` changes the size.

use std::fmt::Write as _;
use std::time::{Duration, Instant};

use goalsheet::model::{LoadOptions, build_plan};
use goalsheet::read::read_grid;
use goalsheet::rollup::Analysis;
use goalsheet::rollup::{GroupBy, rollup};
use goalsheet::rules::check_plan;
use goalsheet::write::review::review_bytes;

/// A wide Chinese plan: objectives with three key results each, owners and channels cycling.
fn plan_csv(goals: usize) -> String {
    let owners = [
        "张伟", "李娜", "王芳", "刘洋", "陈静", "杨帆", "赵磊", "黄敏",
    ];
    let channels = ["抖音", "小红书", "微信", "天猫", "线下"];
    let mut csv = String::from(
        "2026年营销目标\n编号,上级目标,目标维度,目标,关键结果,衡量指标,单位,基线,全年目标,一季度,二季度,三季度,四季度,负责人,渠道,截止日期,预算(万元)\n",
    );
    for i in 0..goals {
        let objective = i / 4;
        if i % 4 == 0 {
            let _ = writeln!(
                csv,
                "O{objective},,业务增长,销售额达到{}万元,,销售额,万元,{},{},{},{},{},{},{},,2026-12-31,",
                1200,
                900,
                1200,
                300,
                300,
                300,
                300,
                owners[objective % owners.len()]
            );
        } else {
            let _ = writeln!(
                csv,
                "KR{objective}.{k},O{objective},业务增长,,渠道销售额达到400万元,销售额,万元,300,400,100,100,100,100,{owner},{channel},Q4,50",
                k = i % 4,
                owner = owners[i % owners.len()],
                channel = channels[i % channels.len()],
            );
        }
    }
    csv
}

fn time<T>(label: &str, f: impl FnOnce() -> T) -> (T, Duration) {
    let start = Instant::now();
    let out = f();
    let took = start.elapsed();
    println!("{label:<28} {:>8.3} s", took.as_secs_f64());
    (out, took)
}

fn main() {
    let goals: usize = std::env::var("GOALSHEET_BENCH_GOALS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(100_000);
    let dir = tempfile::tempdir().expect("temp dir");
    let csv_path = dir.path().join("plan.csv");
    std::fs::write(&csv_path, plan_csv(goals)).expect("write plan");
    println!("goalsheet pipeline on {goals} goals");
    let options = LoadOptions::default();
    let mut total = Duration::ZERO;
    let (grid, t) = time("read csv", || read_grid(&csv_path, None).expect("read"));
    total += t;
    let (plan, t) = time("layout + parse + model", || {
        build_plan(&grid, &options).expect("plan")
    });
    total += t;
    // Parts of the analysis, timed alone (not added to the total).
    time("  rules", || check_plan(&plan, &options.config, plan.lang));
    time("  rollup by owner, channel", || {
        rollup(&plan, &options.config, &[GroupBy::Owner]);
        rollup(&plan, &options.config, &[GroupBy::Channel])
    });
    // What `review` does: analyse once (rules, rollups, tree, progress), then write.
    let as_of = chrono::NaiveDate::from_ymd_opt(2026, 6, 30).expect("date");
    let (analysis, t) = time("analysis (all of it)", || {
        Analysis::new(plan.clone(), &options.config, plan.lang, as_of)
    });
    total += t;
    let (bytes, t) = time("review workbook (write)", || {
        review_bytes(&grid, &analysis, &options.config).expect("review")
    });
    total += t;
    println!("{:<28} {:>8.3} s", "review total", total.as_secs_f64());
    let xlsx_path = dir.path().join("plan.reviewed.xlsx");
    std::fs::write(&xlsx_path, &bytes).expect("write");
    let (grid, _) = time("read xlsx (re-review)", || {
        read_grid(&xlsx_path, None).expect("read")
    });
    time("layout + parse + model (xlsx)", || {
        build_plan(&grid, &options).expect("plan")
    });
}
