//! A worksheet read in halves ([`super::split`]) gives what one pass gives: every xlsx
//! fixture and hand-made sheets (rows out of order, unnumbered, repeated, damaged, off the
//! grid) read both ways, cut everywhere, compare cell for cell, look for look, error for
//! error.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use super::split::{Policy, package_with};
use super::{Format, Grid, Look, Result, read_workbook_split};

/// Each sheet cut in halves: its name, and whether the halves gave it (or it was read again
/// in one pass).
static CUTS: Mutex<Vec<(String, bool)>> = Mutex::new(Vec::new());

/// Note a sheet cut in halves (called by the reader in tests).
pub fn note_cut(sheet: &str, read_in_halves: bool) {
    if let Ok(mut cuts) = CUTS.lock() {
        cuts.push((sheet.to_string(), read_in_halves));
    }
}

/// The cuts noted since the last call: (sheets cut, sheets read in halves), of sheet `only`
/// or of all.
fn cuts_since(only: Option<&str>) -> (usize, usize) {
    let cuts = std::mem::take(&mut *CUTS.lock().unwrap());
    let cuts = cuts
        .iter()
        .filter(|(sheet, _)| only.is_none_or(|only| only == sheet));
    cuts.fold((0, 0), |(cut, read), (_, halves)| {
        (cut + 1, read + usize::from(*halves))
    })
}

/// Everything a read gives, in an order that does not depend on hashing.
fn canonical(read: &Result<Grid>) -> String {
    let grid = match read {
        Ok(grid) => grid,
        Err(e) => return format!("error: {e}"),
    };
    fn sorted<T: std::fmt::Debug>(items: impl Iterator<Item = T>) -> Vec<String> {
        let mut items: Vec<String> = items.map(|item| format!("{item:?}")).collect();
        items.sort();
        items
    }
    let mut out = format!("{:?} {:?}\n", grid.parts, grid.defined_names);
    for sheet in &grid.sheets {
        let _ = writeln!(
            out,
            "{} {:?}\n formulas {:?}\n computed {:?} {:?}\n percent {:?}\n merges {:?} {}",
            sheet.name,
            sheet.rows,
            sorted(sheet.formulas.iter()),
            sorted(sheet.computed.iter()),
            sorted(sheet.uncomputed.iter()),
            sorted(sheet.percent_cells.iter()),
            sheet.merges,
            sheet.has_merge_info,
        );
        if let Some(look) = &sheet.look {
            let _ = writeln!(
                out,
                " look {:?} {:?} {:?} {:?} {:?}",
                look.styles,
                look.cells,
                look.columns,
                sorted(look.row_heights.iter()),
                look.default_col_width
            );
        }
    }
    out
}

fn read(path: &Path, bytes: &[u8], split: Policy) -> String {
    canonical(&read_workbook_split(
        path,
        Format::Xlsx,
        bytes,
        Look::Read,
        split,
    ))
}

/// Read `bytes` in one pass and cut at many places; every cut gives the one pass's read.
fn assert_halves_read_as_one_pass(path: &Path, bytes: &[u8]) {
    let one_pass = read(path, bytes, Policy::NEVER);
    for share in [0, 1, 20, 50, 70, 99, 100] {
        let split = Policy {
            min_part_bytes: 0,
            first_share_percent: share,
        };
        let halves = read(path, bytes, split);
        assert!(
            halves == one_pass,
            "{} cut at {share} %:\none pass:\n{one_pass}\nhalves:\n{halves}",
            path.display()
        );
    }
}

fn xlsx_fixtures(dir: &Path, found: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            xlsx_fixtures(&path, found);
        } else if path
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("xlsx") || e.eq_ignore_ascii_case("xlsm"))
        {
            found.push(path);
        }
    }
}

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures")
        .join(name)
}

#[test]
fn every_xlsx_fixture_reads_the_same_in_halves() {
    let _alone = ALONE.lock();
    let mut paths = Vec::new();
    xlsx_fixtures(&fixture(""), &mut paths);
    paths.sort();
    assert!(paths.len() > 40, "{} fixtures", paths.len());
    cuts_since(None);
    for path in &paths {
        let bytes = std::fs::read(path).unwrap();
        assert_halves_read_as_one_pass(path, &bytes);
    }
    // Most fixtures were read in halves, not all in one pass again.
    let (cut, read_in_halves) = cuts_since(None);
    assert!(
        read_in_halves > paths.len() * 2,
        "{read_in_halves} of {cut}"
    );
}

/// `plan_en.xlsx` with its first sheet's part replaced by `sheet_data` (the rows) inside a
/// worksheet's start and end.
/// Returns the package and the sheet's name.
fn plan_with_rows(sheet_data: &str) -> (Vec<u8>, String) {
    let bytes = std::fs::read(fixture("plan_en.xlsx")).unwrap();
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(&bytes[..])).unwrap();
    let parts = super::look::sheet_parts(&mut zip).unwrap();
    let (sheet, part) = parts.first().unwrap();
    let xml = format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><dimension ref="A1:D40"/><sheetFormatPr defaultRowHeight="15"/><cols><col min="1" max="1" width="30" customWidth="1"/></cols><sheetData>{sheet_data}</sheetData><pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/></worksheet>"#
    );
    let package = package_with(&bytes, part, &[xml.as_bytes()]).unwrap();
    (package, sheet.clone())
}

/// Row `r` (1-based) with an inline string, a number, a boolean, a styled number and a
/// formula with its stored result.
fn row(r: u32, numbered: bool) -> String {
    let at = |col: char| {
        if numbered {
            format!(r#" r="{col}{r}""#)
        } else {
            String::new()
        }
    };
    let row_number = if numbered {
        format!(r#" r="{r}""#)
    } else {
        String::new()
    };
    format!(
        r#"<row{row_number} spans="1:5" ht="{height}" customHeight="1"><c{a} t="inlineStr"><is><t>Goal &amp; {r}</t></is></c><c{b}><v>{n}</v></c><c{c} t="b"><v>{bool}</v></c><c{d} s="1"><v>0.{r}</v></c><c{e}><f>B{r}*2</f><v>{twice}</v></c></row>"#,
        height = 15 + r % 3,
        a = at('A'),
        b = at('B'),
        c = at('C'),
        d = at('D'),
        e = at('E'),
        n = f64::from(r) * 1.5,
        bool = r % 2,
        twice = f64::from(r) * 3.0,
    )
}

/// `count` rows with a cell in the grid's first and last columns: 16,384 cells a row towards
/// the workbook's limit of 10 million.
fn wide_rows(count: u32) -> String {
    (1..=count)
        .map(|r| {
            format!(r#"<row r="{r}"><c r="A{r}"><v>{r}</v></c><c r="XFD{r}"><v>2</v></c></row>"#)
        })
        .collect()
}

/// What reading a hand-made sheet in halves should come to, besides the one pass's read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Expect {
    /// Cut, and read in halves.
    Halves,
    /// Cut, but read again in one pass (a half failed, a cell was refused, a row out of place).
    OnePassAgain,
    /// Not cut.
    NotCut,
    /// Any of these.
    Any,
}

#[test]
fn hand_made_sheets_read_the_same_in_halves_whatever_their_rows() {
    let _alone = ALONE.lock();
    let numbered: String = (1..=40).map(|r| row(r, true)).collect();
    let unnumbered_cells = (1..=40)
        .map(|r| row(r, false).replacen("<row", &format!(r#"<row r="{r}""#), 1))
        .collect::<String>();
    use Expect::*;
    let variants = [
        ("numbered rows", Halves, numbered.clone()),
        (
            "rows in reverse",
            OnePassAgain,
            (1..=40).rev().map(|r| row(r, true)).collect(),
        ),
        (
            "the first row again at the end",
            OnePassAgain,
            format!(
                r#"{numbered}<row r="1"><c r="A1" t="inlineStr"><is><t>later</t></is></c></row>"#
            ),
        ),
        (
            "rows without numbers",
            NotCut,
            (1..=40).map(|r| row(r, false)).collect(),
        ),
        (
            "numbered rows, cells without places",
            Halves,
            unnumbered_cells,
        ),
        (
            "the first rows unnumbered",
            Halves,
            (1..=40).map(|r| row(r, r > 10)).collect(),
        ),
        (
            "every other row unnumbered",
            Halves,
            (1..=40).map(|r| row(r, r % 2 == 0)).collect(),
        ),
        (
            "an empty row after each",
            NotCut,
            (1..=40)
                .map(|r| format!(r#"{}<row r="{}"/>"#, row(2 * r, true), 2 * r + 1))
                .collect(),
        ),
        (
            "white space between rows",
            Halves,
            (1..=40).map(|r| format!("{}\n  ", row(r, true))).collect(),
        ),
        (
            "a cell off the grid at the end",
            OnePassAgain,
            format!(r#"{numbered}<row r="1048577"><c r="A1048577"><v>1</v></c></row>"#),
        ),
        (
            "a damaged cell at the end",
            OnePassAgain,
            format!(r#"{numbered}<row r="41"><c r="A41"><v>1</c></row>"#),
        ),
        (
            "rows as wide as the grid, just under the workbook's cell limit",
            Halves,
            wide_rows(600),
        ),
        (
            "rows as wide as the grid, past the workbook's cell limit",
            OnePassAgain,
            wide_rows(700),
        ),
        // Where one pass is not between two rows at the cut, or stops before it.
        (
            "an empty sheetData element among the rows",
            Any,
            numbered.replacen("</row>", "</row><sheetData/>", 10),
        ),
        (
            "a prefixed empty sheetData element inside a row",
            Any,
            numbered.replace(
                r#"<c r="A10""#,
                r#"<x:sheetData xmlns:x="urn:x"/><c r="A10""#,
            ),
        ),
        (
            "a stray prefixed sheetData end among the rows",
            Any,
            numbered.replace(r#"<row r="10""#, r#"</x:sheetData><row r="10""#),
        ),
        (
            "rows written inside an inline string",
            Any,
            (1..=40)
                .map(|r| match r {
                    28 => row(r, true).replace(
                        "</t></is>",
                        r#"</t><ext><row r="29"></row><row r="30"><c r="A30"><v>9</v></c></row></ext></is>"#,
                    ),
                    _ => row(r, true),
                })
                .collect(),
        ),
        (
            "a cell left open before the cut",
            Any,
            numbered.replace(
                r#"<v>0.28</v></c>"#,
                r#"<v>0.28</v>"#,
            ),
        ),
        (
            "a value left open before the cut",
            Any,
            numbered.replace(r#"<v>0.28</v></c>"#, r#"<v>0.28"#),
        ),
        (
            "a row end inside an attribute value",
            Any,
            (1..=40)
                .map(|r| match r {
                    28 => row(r, false).replacen(
                        "<row",
                        r#"<row r="28" x="</row><row r='29'>""#,
                        1,
                    ),
                    _ => row(r, true),
                })
                .collect(),
        ),
        (
            "a shared string that is not there at the end",
            Any,
            format!(r#"{numbered}<row r="41"><c r="A41" t="s"><v>99999</v></c></row>"#),
        ),
        (
            "a cell place that is not one at the end",
            Any,
            format!(r#"{numbered}<row r="41"><c r="41A"><v>1</v></c></row>"#),
        ),
    ];
    for (what, expect, rows) in &variants {
        let (package, sheet) = plan_with_rows(rows);
        cuts_since(None);
        assert_halves_read_as_one_pass(Path::new(what), &package);
        let (tried, read) = cuts_since(Some(&sheet));
        let came_to = match (tried, read) {
            (0, _) => NotCut,
            (_, 0) => OnePassAgain,
            (t, r) if t == r => Halves,
            _ => Any,
        };
        assert!(
            *expect == Any || came_to == *expect,
            "{what}: {came_to:?} ({tried} cut, {read} read in halves), not {expect:?}"
        );
    }
}

/// The tests here count the reads in halves: one at a time.
static ALONE: std::sync::Mutex<()> = std::sync::Mutex::new(());
