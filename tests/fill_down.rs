//! Fill-down on plans long enough that their goal rows are read in many parts (batches of a
//! few thousand rows, split among threads): what a row inherits from the rows above
//! (dimension, objective) crosses every boundary between parts as it does within one, and a
//! totals row still ends it.

mod common;

use common::Workdir;
use goalsheet::model::{LoadOptions, load_plan};

/// Goals in groups of seven: a group's first row names its objective, the rest are key
/// results under it; every third group's first row names the dimension. A totals row sits
/// before goal `totals_before`, inside a group.
struct LongPlan {
    goals: usize,
    totals_before: usize,
}

const GROUP: usize = 7;

impl LongPlan {
    fn csv(&self, zh: bool) -> String {
        let (head, dim, obj, kr, total) = if zh {
            (
                "目标维度,目标,关键结果,指标,单位,全年目标,负责人\n",
                "维度",
                "目标",
                "关键结果",
                "合计",
            )
        } else {
            (
                "Dimension,Objective,Key result,Metric,Unit,Target,Owner\n",
                "Dimension",
                "Objective",
                "Key result",
                "Total",
            )
        };
        let mut csv = String::from(head);
        for i in 0..self.goals {
            if i == self.totals_before {
                csv.push_str(&format!("{total},,,,,{},\n", 100 * i));
            }
            let group = i / GROUP;
            let first = i.is_multiple_of(GROUP);
            let dimension = if first && group.is_multiple_of(3) {
                format!("{dim} {group}")
            } else {
                String::new()
            };
            let (objective, key_result) = if first {
                (format!("{obj} {group}"), String::new())
            } else {
                (String::new(), format!("{kr} {i}"))
            };
            csv.push_str(&format!(
                "{dimension},{objective},{key_result},Leads,people,{},Owner {}\n",
                100 + i,
                group % 40
            ));
        }
        csv
    }

    /// The dimension goal `i` should have: the last one named above it, unless the totals
    /// row came between.
    fn dimension(&self, i: usize, zh: bool) -> Option<String> {
        let named_at = (i / GROUP / 3) * 3 * GROUP;
        let cut = named_at < self.totals_before && i >= self.totals_before;
        (!cut).then(|| {
            format!(
                "{} {}",
                if zh { "维度" } else { "Dimension" },
                named_at / GROUP
            )
        })
    }

    /// The objective goal `i` should have: its group's, unless the totals row came between.
    fn objective(&self, i: usize, zh: bool) -> Option<String> {
        let first = i - i % GROUP;
        let cut = first < self.totals_before && i >= self.totals_before;
        (!cut).then(|| format!("{} {}", if zh { "目标" } else { "Objective" }, i / GROUP))
    }
}

fn check(plan: &LongPlan, zh: bool) {
    let w = Workdir::new();
    let path = w.write("plan.csv", plan.csv(zh));
    let read = load_plan(&path, &LoadOptions::default()).expect("plan loads");
    assert_eq!(read.goals.len(), plan.goals);
    assert_eq!(read.totals.len(), 1);
    for (i, g) in read.goals.iter().enumerate() {
        assert_eq!(
            g.dimension.text().map(str::to_string),
            plan.dimension(i, zh),
            "dimension of goal {i}"
        );
        assert_eq!(
            g.objective.text().map(str::to_string),
            plan.objective(i, zh),
            "objective of goal {i}"
        );
        // Inherited values keep the row's own cell, and the objective's row is where it was
        // named.
        assert_eq!(g.dimension.cell.map(|c| c.row), Some(g.row), "goal {i}");
        if plan.objective(i, zh).is_some() {
            let named = (i - i % GROUP) as u32;
            let row_of = |goal: u32| goal + 1 + u32::from(goal as usize >= plan.totals_before);
            assert_eq!(g.objective_row, Some(row_of(named)), "goal {i}");
            assert_eq!(g.objective_inherited, !i.is_multiple_of(GROUP), "goal {i}");
        }
    }
}

#[test]
fn fill_down_runs_through_a_long_csv_in_english() {
    // Many parts, the totals row inside a group in one of the later ones.
    check(
        &LongPlan {
            goals: 17_000,
            totals_before: 10_001,
        },
        false,
    );
}

#[test]
fn fill_down_runs_through_a_long_csv_in_chinese() {
    // Groups and dimension runs straddle boundaries at every power of two from 512 up.
    check(
        &LongPlan {
            goals: 5_000,
            totals_before: 4_097,
        },
        true,
    );
}

#[test]
fn fill_down_in_a_short_csv() {
    check(
        &LongPlan {
            goals: 40,
            totals_before: 23,
        },
        false,
    );
}

/// An xlsx keeps its merges: each group's objective is one merged cell down the group's rows
/// (groups of seven straddle every boundary between parts), and every row under it reads the
/// objective as inherited from the merge's first row.
#[test]
fn merged_objectives_run_through_a_long_xlsx() {
    let w = Workdir::new();
    let path = w.path("plan.xlsx");
    let goals = 5_000u32;
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    for (c, h) in ["Objective", "Key result", "Metric", "Target", "Owner"]
        .iter()
        .enumerate()
    {
        sheet.write_string(0, c as u16, *h).unwrap();
    }
    let group = GROUP as u32;
    for i in 0..goals {
        let row = i + 1;
        if i.is_multiple_of(group) {
            let last = (i + group - 1).min(goals - 1) + 1;
            let text = format!("Objective {}", i / group);
            let plain = rust_xlsxwriter::Format::new();
            sheet.merge_range(row, 0, last, 0, &text, &plain).unwrap();
        }
        sheet
            .write_string(row, 1, format!("Key result {i}"))
            .unwrap();
        sheet.write_string(row, 2, "Leads").unwrap();
        sheet.write_number(row, 3, f64::from(100 + i)).unwrap();
        sheet
            .write_string(row, 4, format!("Owner {}", i % 40))
            .unwrap();
    }
    book.save(&path).unwrap();
    let read = load_plan(&path, &LoadOptions::default()).expect("plan loads");
    assert_eq!(read.goals.len(), goals as usize);
    for (i, g) in read.goals.iter().enumerate() {
        let first = (i - i % GROUP) as u32 + 1;
        assert_eq!(
            g.objective.text().map(str::to_string),
            Some(format!("Objective {}", i / GROUP)),
            "objective of goal {i}"
        );
        assert_eq!(g.objective_inherited, g.row > first, "goal {i}");
    }
}
