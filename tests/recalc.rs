//! The stored results of the review workbook's formulas equal what a spreadsheet computes:
//! LibreOffice (when `soffice` is on PATH) recalculates every formula on load and exports
//! every sheet as CSV; each formula cell's recalculated value is compared with the result
//! goalsheet stored. Without LibreOffice the test says it was skipped and passes (CI
//! installs it, so it runs there).

mod review_support;

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use calamine::{Data, Reader, Xlsx, open_workbook};
use goalsheet::model::{Lang, LoadOptions, build_plan};
use goalsheet::read::read_grid;
use goalsheet::write::review::{ReviewOptions, write_review, write_review_streamed};
use review_support::*;

fn soffice() -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|d| d.join("soffice"))
        .find(|p| p.is_file())
}

/// A LibreOffice profile that recalculates every formula when a file is loaded.
fn profile(dir: &Path) -> String {
    let user = dir.join("lo-profile").join("user");
    std::fs::create_dir_all(&user).unwrap();
    std::fs::write(
        user.join("registrymodifications.xcu"),
        r#"<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="ODFRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
"#,
    )
    .unwrap();
    format!(
        "-env:UserInstallation=file://{}",
        dir.join("lo-profile").display()
    )
}

/// `file` recalculated by LibreOffice and saved again as xlsx; its sheets as calamine reads
/// them, by name.
fn recalculated(soffice: &Path, file: &Path) -> HashMap<String, calamine::Range<Data>> {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    std::fs::create_dir_all(&out).unwrap();
    let status = Command::new(soffice)
        .arg(profile(dir.path()))
        .args([
            "--headless",
            "--norestore",
            "--convert-to",
            "xlsx",
            "--outdir",
        ])
        .arg(&out)
        .arg(file)
        .output()
        .unwrap();
    assert!(status.status.success(), "soffice failed: {status:?}");
    let converted = out.join(file.file_name().unwrap());
    let mut wb: Xlsx<_> =
        open_workbook(&converted).unwrap_or_else(|e| panic!("{}: {e}", converted.display()));
    wb.sheet_names()
        .into_iter()
        .map(|name| {
            let range = wb.worksheet_range(&name).unwrap();
            (name, range)
        })
        .collect()
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-9 * a.abs().max(b.abs()).max(1.0)
}

/// Compare every formula cell's stored result with LibreOffice's; returns how many.
fn compare(soffice: &Path, file: &Path) -> usize {
    let mut wb: Xlsx<_> = open_workbook(file).unwrap();
    let sheets = wb.sheet_names();
    let recalc = recalculated(soffice, file);
    let mut checked = 0;
    for name in &sheets {
        let formulas = wb.worksheet_formula(name).unwrap();
        let values = wb.worksheet_range(name).unwrap();
        let again = &recalc[name];
        for (r, c, f) in formulas.used_cells() {
            if f.is_empty() {
                continue;
            }
            let (r0, c0) = formulas.start().unwrap();
            let (row, col) = (r0 + r as u32, c0 + c as u32);
            let stored = values.get_value((row, col)).cloned().unwrap_or(Data::Empty);
            // A formula the original stored no result for and goalsheet could not compute
            // is written with none: there is no stored result to agree with.
            if matches!(&stored, Data::Empty) || stored == Data::String(String::new()) {
                continue;
            }
            let lo = again.get_value((row, col)).cloned().unwrap_or(Data::Empty);
            let number = |d: &Data| match d {
                Data::Float(x) => Some(*x),
                Data::Int(x) => Some(*x as f64),
                Data::DateTime(x) => Some(x.as_f64()),
                _ => None,
            };
            let ok = match (number(&stored), number(&lo)) {
                (Some(x), Some(y)) => close(x, y),
                _ => stored.to_string() == lo.to_string(),
            };
            assert!(
                ok,
                "{name}!{}: ={f}: stored {stored:?}, LibreOffice {lo:?}",
                goalsheet::model::CellPos::new(row, col)
            );
            checked += 1;
        }
    }
    checked
}

fn reviewed(input: &Path, out_dir: &Path, lang: Lang) -> PathBuf {
    let grid = read_grid(input, None).unwrap();
    let plan = build_plan(&grid, &LoadOptions::default()).unwrap();
    let output = out_dir.join(format!(
        "reviewed_{}.xlsx",
        input.file_stem().unwrap().to_string_lossy()
    ));
    let options = ReviewOptions {
        output: output.clone(),
        force: true,
    };
    // The sample plan gets hand-made findings, the fixtures the real rules' findings.
    let config = if input.file_name().is_some_and(|n| n == "roi.csv") {
        goalsheet::Config::from_toml(RATIO_TOML, Path::new("goalsheet.toml")).unwrap()
    } else {
        goalsheet::Config::default()
    };
    let findings = if input.starts_with("fixtures") {
        goalsheet::rules::check_plan(&plan, &config, plan.lang)
    } else {
        sample_findings()
    };
    write_review(
        &grid,
        &analysed(&plan, &findings, &config, lang),
        &config,
        &options,
    )
    .unwrap();
    output
}

#[test]
fn stored_formula_results_match_a_recalculation() {
    let Some(soffice) = soffice() else {
        println!("recalc: skipped (LibreOffice `soffice` is not on PATH)");
        return;
    };
    let dir = tempfile::tempdir().unwrap();

    // First prove LibreOffice recalculates: a stored result that is wrong must come back right.
    let probe = dir.path().join("probe.xlsx");
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    ws.write_formula(0, 0, rust_xlsxwriter::Formula::new("=1+1").set_result("5"))
        .unwrap();
    wb.save(&probe).unwrap();
    let again = recalculated(&soffice, &probe);
    assert_eq!(
        again["Sheet1"].get_value((0, 0)),
        Some(&Data::Float(2.0)),
        "LibreOffice did not recalculate on load"
    );

    let xlsx = dir.path().join("plan.xlsx");
    write_plan_xlsx(&xlsx);
    let wide = dir.path().join("wide.csv");
    std::fs::write(&wide, WIDE_CSV).unwrap();
    let long = dir.path().join("long.csv");
    std::fs::write(&long, LONG_CSV).unwrap();
    let roi = dir.path().join("roi.csv");
    std::fs::write(&roi, ROI_CSV).unwrap();
    let actuals_en = dir.path().join("actuals_en.csv");
    std::fs::write(&actuals_en, ACTUALS_EN_CSV).unwrap();
    let actuals_zh = dir.path().join("actuals_zh.csv");
    std::fs::write(&actuals_zh, ACTUALS_ZH_CSV).unwrap();
    let mut total = 0;
    let fixture = |name: &str| Path::new("fixtures").join(name);
    let inputs = [
        (xlsx.clone(), Lang::Zh),
        (xlsx, Lang::En),
        (wide, Lang::En),
        (long, Lang::Zh),
        (roi, Lang::En),
        // Actuals: progress, expected and status on By owner / By channel.
        (actuals_en, Lang::En),
        (actuals_zh, Lang::Zh),
        (fixture("plan_zh.xlsx"), Lang::Zh),
        (fixture("plan_long_zh.xlsx"), Lang::Zh),
        (fixture("defects_en.xlsx"), Lang::En),
        (fixture("plan_zh.ods"), Lang::Zh),
        (fixture("plan_zh.xlsb"), Lang::Zh),
        (fixture("plan_en.xlsm"), Lang::En),
        // Keys written with invisible differences, and owner cells naming several people.
        (fixture("keys_invisible_zh.xlsx"), Lang::Zh),
        (fixture("keys_invisible_en.csv"), Lang::En),
        (fixture("keys_owners_zh.xlsx"), Lang::Zh),
        (fixture("formulas_uncached_zh.xlsx"), Lang::Zh),
        (fixture("formulas_uncached_en.xlsx"), Lang::En),
    ];
    for (input, lang) in &inputs {
        let out = reviewed(input, dir.path(), *lang);
        let n = compare(&soffice, &out);
        assert!(n > 10, "{}: only {n} formulas checked", input.display());
        total += n;
    }
    println!("recalc: {total} formula results match LibreOffice");
}

/// Keys with control characters (NUL, ESC, BEL) still give stored results a recalculation
/// agrees with: helper cells and criteria carry the same stand-in.
#[test]
fn keys_with_control_characters_recalculate_to_the_stored_results() {
    let Some(soffice) = soffice() else {
        println!("recalc: skipped (LibreOffice `soffice` is not on PATH)");
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let controls = dir.path().join("controls.csv");
    std::fs::write(
        &controls,
        "ID,Objective,Metric,Unit,Q1,Q2,Q3,Q4,Annual Target,Owner,Channel,Due\n\
         G1,Leads 500,Leads,leads,100,100,100,200,500,Li\u{1b}[2JNa,On\u{0}line,2026-12-31\n\
         G2,Leads 300,Leads,leads,50,50,100,100,300,Li\u{1b}[2JNa,On\u{0}line,2026-12-31\n\
         G3,Leads 100,Le\u{7}ads,leads,25,25,25,25,100,Wang\u{7}Fang,Off\u{1b}line,2026-12-31\n",
    )
    .unwrap();
    let out = reviewed(&controls, dir.path(), Lang::En);
    let n = compare(&soffice, &out);
    assert!(n > 10, "only {n} formulas checked");
}

/// A big plan's review is streamed (its plan sheets and goal tree written row by row through
/// temporary files, the tree's texts in its cells): LibreOffice opens it and recalculates
/// every formula to the stored results, as for the in-memory workbook.
#[test]
fn a_streamed_review_recalculates_to_its_stored_results() {
    let Some(soffice) = soffice() else {
        println!("recalc: skipped (LibreOffice `soffice` is not on PATH)");
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let actuals_en = dir.path().join("actuals_en.csv");
    std::fs::write(&actuals_en, ACTUALS_EN_CSV).unwrap();
    for input in [
        Path::new("fixtures").join("plan_zh.xlsx"),
        Path::new("fixtures").join("defects_en.xlsx"),
        Path::new("fixtures").join("plan_long_zh.xlsx"),
        actuals_en,
    ] {
        let grid = read_grid(&input, None).unwrap();
        let plan = build_plan(&grid, &LoadOptions::default()).unwrap();
        let config = goalsheet::Config::default();
        let findings = goalsheet::rules::check_plan(&plan, &config, plan.lang);
        let output = dir.path().join(format!(
            "streamed_{}.xlsx",
            input.file_stem().unwrap().to_string_lossy()
        ));
        let options = ReviewOptions {
            output: output.clone(),
            force: true,
        };
        let analysis = analysed(&plan, &findings, &config, plan.lang);
        write_review_streamed(&grid, &analysis, &config, &options).unwrap();
        // The goal tree's sums are among the formulas checked.
        let tree = {
            let mut wb: Xlsx<_> = open_workbook(&output).unwrap();
            let name = wb.sheet_names().into_iter().rev().find(|n| {
                let f = wb.worksheet_formula(n).unwrap();
                f.used_cells().any(|(_, _, f)| f.starts_with("SUM(F"))
            });
            name.is_some()
        };
        assert!(tree, "{}: goal tree sums present", input.display());
        let n = compare(&soffice, &output);
        assert!(n > 10, "{}: only {n} formulas checked", input.display());
    }
}
