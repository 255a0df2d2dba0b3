//! `goalsheet batch`: folders, same-stem inputs, bad and hostile files, the summary, reruns.

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use calamine::{Data, Reader};
use common::{Workdir, fixture, goalsheet, small_xlsx};

/// Patch the uncompressed-size fields of every zip entry to `size`: a bomb lying about its
/// size (the reader must refuse it before unpacking).
fn patch_declared_sizes(mut zip: Vec<u8>, size: u32) -> Vec<u8> {
    let mut i = 0;
    while i + 30 < zip.len() {
        if zip[i..i + 4] == *b"PK\x03\x04" {
            zip[i + 22..i + 26].copy_from_slice(&size.to_le_bytes());
        } else if zip[i..i + 4] == *b"PK\x01\x02" && i + 28 < zip.len() {
            zip[i + 24..i + 28].copy_from_slice(&size.to_le_bytes());
        }
        i += 1;
    }
    zip
}

fn put(root: &Path, rel: &str, bytes: &[u8]) -> PathBuf {
    let p = root.join(rel);
    std::fs::create_dir_all(p.parent().unwrap()).unwrap();
    std::fs::write(&p, bytes).unwrap();
    p
}

fn copy(root: &Path, rel: &str, fixture_name: &str) -> PathBuf {
    put(root, rel, &std::fs::read(fixture(fixture_name)).unwrap())
}

/// Every file under `dir` with its bytes, by relative path.
fn snapshot(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    fn walk(base: &Path, dir: &Path, out: &mut BTreeMap<String, Vec<u8>>) {
        for e in std::fs::read_dir(dir).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                walk(base, &p, out);
            } else {
                let rel = p
                    .strip_prefix(base)
                    .unwrap()
                    .to_string_lossy()
                    .replace('\\', "/");
                out.insert(rel, std::fs::read(&p).unwrap());
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(dir, dir, &mut out);
    out
}

/// The summary CSV's rows after the header (BOM checked and removed).
fn summary_rows(out: &Path) -> Vec<Vec<String>> {
    let bytes = std::fs::read(out.join("batch-summary.csv")).unwrap();
    assert!(bytes.starts_with(b"\xEF\xBB\xBF"), "UTF-8 with a BOM");
    let mut r = csv::Reader::from_reader(&bytes[3..]);
    r.records()
        .map(|rec| rec.unwrap().iter().map(String::from).collect())
        .collect()
}

/// A folder of plans: nested folders, a same-stem pair, same names in two folders, a
/// truncated workbook, a zip bomb, and an earlier review that must not be re-reviewed.
fn plans_folder(root: &Path) -> PathBuf {
    let plans = root.join("plans");
    copy(&plans, "plan.xlsx", "plan_en.xlsx");
    copy(&plans, "plan.ods", "plan_zh.ods");
    copy(&plans, "a/plan.csv", "plan_zh_gbk.csv");
    copy(&plans, "b/plan.csv", "plan_en_1252.csv");
    copy(&plans, "bad/truncated.xlsx", "bad/truncated.xlsx");
    put(
        &plans,
        "bad/bomb.xlsx",
        &patch_declared_sizes(small_xlsx(), 0xFFFF_FF00),
    );
    copy(&plans, "old.reviewed.xlsx", "clean_en.xlsx");
    plans
}

#[test]
fn a_folder_with_nested_plans_same_stems_broken_and_hostile_files() {
    let w = Workdir::new();
    let plans = plans_folder(w.dir.path());
    let out = w.path("out/new");
    let run = goalsheet()
        .args(["batch", "--recursive", "--jobs", "3", "-o"])
        .arg(&out)
        .arg(&plans)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert_eq!(
        run.status.code(),
        Some(2),
        "a file could not be read: {stderr}"
    );
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert!(
        stderr.contains("skipped") && stderr.contains("old.reviewed.xlsx"),
        "{stderr}"
    );
    assert!(
        stderr.contains("[6/6]"),
        "plain progress lines off a terminal: {stderr}"
    );

    let files: Vec<String> = snapshot(&out).into_keys().collect();
    assert_eq!(
        files,
        [
            "a/plan.reviewed.xlsx",
            "b/plan.reviewed.xlsx",
            "batch-summary.csv",
            "batch-summary.xlsx",
            "plan.ods.reviewed.xlsx",
            "plan.xlsx.reviewed.xlsx",
        ]
    );
    let rows = summary_rows(&out);
    let find = |suffix: &str| -> &Vec<String> {
        rows.iter()
            .find(|r| r[0].replace('\\', "/").ends_with(suffix))
            .unwrap_or_else(|| panic!("{suffix} in {rows:?}"))
    };
    assert_eq!(
        find("a/plan.csv")[1..],
        ["reviewed", "16", "3", "0", "1", "a/plan.reviewed.xlsx"]
    );
    assert_eq!(
        find("b/plan.csv")[1..],
        ["reviewed", "10", "0", "0", "0", "b/plan.reviewed.xlsx"]
    );
    assert_eq!(
        find("plans/plan.ods")[1..],
        ["reviewed", "16", "3", "0", "1", "plan.ods.reviewed.xlsx"]
    );
    assert_eq!(find("plans/plan.xlsx")[2], "10");
    let truncated = find("truncated.xlsx");
    assert_eq!(truncated[1], "failed");
    assert!(truncated[6].contains("not a valid xlsx"), "{truncated:?}");
    let bomb = find("bomb.xlsx");
    assert_eq!(bomb[1], "failed");
    assert!(bomb[6].contains("refusing to unpack"), "{bomb:?}");
    assert_eq!(rows.len(), 7, "six files and a total: {rows:?}");
    assert_eq!(
        rows[6][..6],
        ["total", "4 reviewed, 2 failed", "52", "6", "0", "2"]
    );

    // The workbook: a header, one row per file, totals as live sums, links, a chart.
    let xlsx = out.join("batch-summary.xlsx");
    let mut book = calamine::open_workbook_auto(&xlsx).unwrap();
    let range = book.worksheet_range("Batch summary").unwrap();
    assert_eq!(range.height(), 8);
    assert_eq!(range.get((0, 3)), Some(&Data::String("Errors".into())));
    let formulas = book.worksheet_formula("Batch summary").unwrap();
    assert_eq!(
        formulas.get_value((7, 3)).map(String::as_str),
        Some("SUM(D2:D7)")
    );
    let mut zip = zip::ZipArchive::new(std::fs::File::open(&xlsx).unwrap()).unwrap();
    assert!(
        zip.by_name("xl/charts/chart1.xml").is_ok(),
        "a chart of errors per file"
    );
    let mut rels = String::new();
    std::io::Read::read_to_string(
        &mut zip.by_name("xl/worksheets/_rels/sheet1.xml.rels").unwrap(),
        &mut rels,
    )
    .unwrap();
    assert!(rels.contains("Target=\"a/plan.reviewed.xlsx\""), "{rels}");
}

#[test]
fn a_second_run_into_the_same_folder_changes_nothing_without_force() {
    let w = Workdir::new();
    let plans = plans_folder(w.dir.path());
    let out = w.path("out");
    let first = goalsheet()
        .arg("batch")
        .arg(&plans)
        .arg("-o")
        .arg(&out)
        .output()
        .unwrap();
    assert_eq!(first.status.code(), Some(1), "plan.ods has error findings");
    let before = snapshot(&out);
    let again = goalsheet()
        .arg("batch")
        .arg(&plans)
        .arg("-o")
        .arg(&out)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&again.stderr);
    assert_eq!(again.status.code(), Some(2));
    assert_eq!(stderr.trim_end().lines().count(), 1, "{stderr}");
    assert!(
        stderr.contains("batch-summary") && stderr.contains("--force"),
        "{stderr}"
    );
    assert_eq!(snapshot(&out), before, "nothing changed");
    let forced = goalsheet()
        .arg("batch")
        .arg(&plans)
        .args(["--force", "-o"])
        .arg(&out)
        .output()
        .unwrap();
    assert_eq!(forced.status.code(), Some(1));
    assert_eq!(
        snapshot(&out).len(),
        before.len(),
        "replaced, nothing added"
    );
}

#[test]
fn exit_codes_and_inputs_inside_the_output_folder() {
    let w = Workdir::new();
    let out = w.path("out");
    let clean = copy(&out, "clean.xlsx", "clean_zh.xlsx");
    let clean_bytes = std::fs::read(&clean).unwrap();
    // The output folder is the input folder: the plan is read, never written over.
    let run = goalsheet()
        .arg("batch")
        .arg(&out)
        .arg("-o")
        .arg(&out)
        .output()
        .unwrap();
    assert_eq!(
        run.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    assert_eq!(std::fs::read(&clean).unwrap(), clean_bytes);
    assert!(out.join("clean.reviewed.xlsx").is_file());
    // Rerun with --force: the review and the summary are not taken as inputs.
    let run = goalsheet()
        .arg("batch")
        .arg(&out)
        .args(["--force", "-o"])
        .arg(&out)
        .output()
        .unwrap();
    assert_eq!(run.status.code(), Some(0));
    assert_eq!(summary_rows(&out).len(), 2, "one plan and the total");
    // A plan with error findings: exit 1.
    let defects = copy(w.dir.path(), "d/defects.csv", "values_qualified_en.csv");
    let run = goalsheet()
        .arg("batch")
        .arg(&defects)
        .arg("-o")
        .arg(w.path("o2"))
        .output()
        .unwrap();
    assert_eq!(run.status.code(), Some(1));
    // A missing file: reported, summary written, exit 2.
    let run = goalsheet()
        .arg("batch")
        .arg(w.path("nope.xlsx"))
        .arg(&clean)
        .arg("-o")
        .arg(w.path("o3"))
        .output()
        .unwrap();
    assert_eq!(run.status.code(), Some(2));
    let rows = summary_rows(&w.path("o3"));
    assert!(rows[0][6].contains("no such file"), "{rows:?}");
    assert_eq!(rows[1][1], "reviewed");
    // No plans at all: a one-line error.
    std::fs::create_dir_all(w.path("empty")).unwrap();
    let run = goalsheet()
        .arg("batch")
        .arg(w.path("empty"))
        .arg("-o")
        .arg(w.path("o4"))
        .output()
        .unwrap();
    assert_eq!(run.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&run.stderr).contains("no plans"));
}

#[test]
fn the_same_stem_given_as_files_from_two_folders_gets_two_reviews() {
    let w = Workdir::new();
    let a = copy(w.dir.path(), "east/计划.csv", "plan_zh_gbk.csv");
    let b = copy(w.dir.path(), "west/计划.csv", "plan_zh_gbk.csv");
    let c = copy(w.dir.path(), "west/计划.xlsx", "plan_zh.xlsx");
    let out = w.path("out");
    let run = goalsheet()
        .arg("batch")
        .args([&a, &b, &c])
        .arg("-o")
        .arg(&out)
        .output()
        .unwrap();
    assert_eq!(run.status.code(), Some(1));
    let files: Vec<String> = snapshot(&out).into_keys().collect();
    assert_eq!(
        files,
        [
            "batch-summary.csv",
            "batch-summary.xlsx",
            "east/计划.reviewed.xlsx",
            "west/计划.csv.reviewed.xlsx",
            "west/计划.xlsx.reviewed.xlsx",
        ]
    );
}

#[test]
fn review_creates_missing_folders_of_its_output() {
    let w = Workdir::new();
    let out = w.path("new/deeper/plan.reviewed.xlsx");
    let run = goalsheet()
        .arg("review")
        .arg(fixture("plan_en.xlsx"))
        .arg("-o")
        .arg(&out)
        .output()
        .unwrap();
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    assert!(out.is_file());
    // A parent that is a file: one line naming the output, no temporary file.
    w.write("afile", b"");
    let run = goalsheet()
        .arg("review")
        .arg(fixture("plan_en.xlsx"))
        .arg("-o")
        .arg(w.path("afile/x.xlsx"))
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert_eq!(run.status.code(), Some(2));
    assert!(
        stderr.contains("x.xlsx") && !stderr.contains(".goalsheet-"),
        "{stderr}"
    );
}
