//! Whatever the cells hold, the review workbook is written with the rules' findings (no
//! panic, no error) and reads back with the same goals.

use goalsheet::Config;
use goalsheet::model::{Lang, LoadOptions, build_plan};
use goalsheet::read::read_grid;
use goalsheet::write::review::review_bytes;
use proptest::prelude::*;

/// The date progress is judged at.
const AS_OF: chrono::NaiveDate =
    chrono::NaiveDate::from_ymd_opt(2026, 6, 30).expect("a valid date");

fn cell() -> impl Strategy<Value = String> {
    prop_oneof![
        Just(String::new()),
        Just("TBD".to_string()),
        Just("=1+1".to_string()),
        Just("#DIV/0!".to_string()),
        Just("Q3".to_string()),
        Just("2026-03-31".to_string()),
        Just("合计".to_string()),
        "[0-9]{1,6}(\\.[0-9]{1,3})?%?",
        "[A-Za-z*?~ ]{1,8}",
        "[张王李赵]{1,3}",
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]
    #[test]
    fn any_cells_give_a_workbook_that_reads_back(
        rows in proptest::collection::vec(proptest::collection::vec(cell(), 10), 1..8),
        lang in prop_oneof![Just(Lang::En), Just(Lang::Zh)],
    ) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("plan.csv");
        let mut text = String::from("ID,Parent,Objective,Metric,Unit,Target,Q1,Q4,Owner,Channel\n");
        for (i, row) in rows.iter().enumerate() {
            let mut cells = row.clone();
            cells[0] = format!("G{i}");
            cells[2] = format!("Goal {i}");
            let quoted: Vec<String> = cells.iter().map(|c| format!("\"{c}\"")).collect();
            text.push_str(&quoted.join(","));
            text.push('\n');
        }
        std::fs::write(&path, text).unwrap();
        let grid = read_grid(&path, None).unwrap();
        let options = LoadOptions::default();
        let plan = build_plan(&grid, &options).unwrap();
        let config = Config::default();
        let analysis = goalsheet::rollup::Analysis::new(plan.clone(), &config, lang, AS_OF);
        let bytes = review_bytes(&grid, &analysis, &config).unwrap();
        let out = dir.path().join("out.xlsx");
        std::fs::write(&out, bytes).unwrap();
        let again = build_plan(&read_grid(&out, None).unwrap(), &options).unwrap();
        prop_assert_eq!(again.goals.len(), plan.goals.len());
        let ids = |p: &goalsheet::Plan| p.goals.iter().map(|g| g.id_text().map(str::to_string)).collect::<Vec<_>>();
        prop_assert_eq!(ids(&again), ids(&plan));
    }
}
