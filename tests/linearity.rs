//! Linearity guard: the work `check` and `rollup` do per goal must not grow with the plan.
//!
//! Not a wall clock (timings depend on the machine and its load): a counting global allocator
//! counts heap allocations and allocated bytes while a plan is read, modelled, checked, rolled
//! up and reported, at two plan sizes of the same generated plan (`examples/big_plan.rs`'s rows).
//! Work that rescans the plan per row (O(n²)) or formats per pair of goals shows up as
//! allocations per goal that grow with the size; linear work keeps them flat.
//!
//! This file holds one test only, so no other test's allocations are counted.

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};

use goalsheet::model::{LoadOptions, load_plan};
use goalsheet::rollup::{Analysis, GroupBy, rollup};
use goalsheet::rules::check_plan;
use goalsheet::write::findings::{FileFindings, findings_json, findings_text};

#[path = "../examples/big_plan_support/rows.rs"]
mod rows;

/// The system allocator, counting calls and bytes.
struct Counting;

static CALLS: AtomicUsize = AtomicUsize::new(0);
static BYTES: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        CALLS.fetch_add(1, Ordering::Relaxed);
        BYTES.fetch_add(layout.size(), Ordering::Relaxed);
        // SAFETY: forwarded unchanged to the system allocator.
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: `ptr` came from `alloc`/`realloc` above with this layout.
        unsafe { System.dealloc(ptr, layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        CALLS.fetch_add(1, Ordering::Relaxed);
        BYTES.fetch_add(new_size, Ordering::Relaxed);
        // SAFETY: forwarded unchanged to the system allocator.
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// Allocation calls and bytes per goal for each stage on a plan of `goals` rows.
#[derive(Debug)]
struct Cost {
    stage: &'static str,
    calls: f64,
    bytes: f64,
}

fn measure(goals: usize) -> Vec<Cost> {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("plan.csv");
    std::fs::write(&path, rows::plan_csv(goals)).expect("write plan");
    let options = LoadOptions::default();
    let mut costs = Vec::new();
    let mut stage = |name: &'static str, work: &mut dyn FnMut()| {
        let (c0, b0) = (CALLS.load(Ordering::Relaxed), BYTES.load(Ordering::Relaxed));
        work();
        let (c1, b1) = (CALLS.load(Ordering::Relaxed), BYTES.load(Ordering::Relaxed));
        costs.push(Cost {
            stage: name,
            calls: (c1 - c0) as f64 / goals as f64,
            bytes: (b1 - b0) as f64 / goals as f64,
        });
    };
    let mut plan = None;
    stage("read + model", &mut || {
        plan = Some(load_plan(&path, &options).expect("plan loads"));
    });
    let plan = plan.expect("plan");
    assert_eq!(plan.goals.len(), goals, "every generated row is a goal");
    let lang = plan.lang;
    let mut findings = Vec::new();
    stage("check", &mut || {
        findings = check_plan(&plan, &options.config, lang);
    });
    assert!(
        !findings.is_empty(),
        "the generated plan has defective rows"
    );
    let files = vec![FileFindings {
        file: "plan.csv".into(),
        sheet: plan.sheet.clone(),
        goals: plan.goals.len(),
        findings,
        values: plan.cell_texts(),
    }];
    stage("check json", &mut || {
        let _ = findings_json(&files).to_string();
    });
    stage("check text", &mut || {
        let _ = findings_text(&files, false);
    });
    stage("rollup by owner", &mut || {
        let r = rollup(&plan, &options.config, &[GroupBy::Owner]);
        assert!(!r.rows.is_empty());
    });
    stage("rollup by parent", &mut || {
        let r = rollup(&plan, &options.config, &[GroupBy::Parent]);
        assert!(!r.rows.is_empty());
    });
    let as_of = chrono::NaiveDate::from_ymd_opt(2026, 6, 30).expect("date");
    stage("analysis", &mut || {
        let a = Analysis::new(plan.clone(), &options.config, lang, as_of);
        assert_eq!(a.tree.parent.len(), goals);
    });
    costs
}

#[test]
fn check_and_rollup_cost_per_goal_does_not_grow_with_the_plan() {
    let small = measure(2_000);
    let large = measure(16_000);
    for (s, l) in small.iter().zip(&large) {
        eprintln!(
            "{:<18} {:>8.1} -> {:>8.1} allocations/goal, {:>8.0} -> {:>8.0} bytes/goal",
            s.stage, s.calls, l.calls, s.bytes, l.bytes
        );
        assert_eq!(s.stage, l.stage);
        // Eight times the goals: amortised growth of vectors and maps adds a little per goal,
        // a per-row rescan would multiply it by about eight.
        assert!(
            l.calls <= s.calls * 1.25 + 2.0,
            "{}: {:.1} allocations per goal at 16,000 goals vs {:.1} at 2,000",
            s.stage,
            l.calls,
            s.calls
        );
        assert!(
            l.bytes <= s.bytes * 1.5 + 256.0,
            "{}: {:.0} bytes per goal at 16,000 goals vs {:.0} at 2,000",
            s.stage,
            l.bytes,
            s.bytes
        );
    }
}
