//! Damaged workbooks never crash the reader: whatever bytes a part of a shipped plan is
//! changed to, reading gives a plan or an error naming the file, never a panic or an abort.

mod common;

use std::io::{Cursor, Read, Write};

use goalsheet::model::{LoadOptions, build_plan};
use goalsheet::read::read_grid;
use proptest::prelude::*;

/// The fixture with one part's bytes overwritten at the given positions (fractions of its
/// length) and, optionally, cut short.
fn damaged(fixture: &str, part: &str, edits: &[(f64, u8)], cut: Option<f64>) -> Vec<u8> {
    let bytes = std::fs::read(common::fixture(fixture)).expect("fixture");
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).expect("zip");
    let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
    for i in 0..archive.len() {
        let mut entry = archive.by_index(i).expect("entry");
        let name = entry.name().expect("name").to_string();
        let mut data = Vec::new();
        entry.read_to_end(&mut data).expect("read");
        if name == part && !data.is_empty() {
            for &(at, byte) in edits {
                let i = ((data.len() - 1) as f64 * at) as usize;
                data[i] = byte;
            }
            if let Some(keep) = cut {
                data.truncate((data.len() as f64 * keep) as usize);
            }
        }
        out.start_file(name, zip::write::SimpleFileOptions::default())
            .expect("start");
        out.write_all(&data).expect("write");
    }
    out.finish().expect("finish").into_inner()
}

const PARTS: [(&str, &str); 10] = [
    ("plan_en.xlsb", "xl/worksheets/sheet1.bin"),
    ("plan_zh.xlsb", "xl/worksheets/sheet1.bin"),
    ("plan_zh.xlsb", "xl/_rels/workbook.bin.rels"),
    ("plan_en.xlsb", "xl/sharedStrings.bin"),
    ("plan_en.xlsb", "xl/workbook.bin"),
    ("plan_en.xlsb", "xl/styles.bin"),
    ("plan_zh.xlsx", "xl/worksheets/sheet1.xml"),
    ("plan_zh.xlsx", "xl/sharedStrings.xml"),
    ("plan_zh.xlsx", "xl/workbook.xml"),
    ("plan_zh.ods", "content.xml"),
];

proptest! {
    #![proptest_config(ProptestConfig::with_cases(160))]
    #[test]
    fn a_damaged_part_gives_a_plan_or_an_error(
        which in 0..PARTS.len(),
        edits in proptest::collection::vec((0.0..1.0f64, any::<u8>()), 1..6),
        cut in proptest::option::of(0.0..1.0f64),
    ) {
        let (fixture, part) = PARTS[which];
        let w = common::Workdir::new();
        let path = w.write(fixture, damaged(fixture, part, &edits, cut));
        match read_grid(&path, None) {
            Ok(grid) => {
                let _ = build_plan(&grid, &LoadOptions::default());
            }
            Err(e) => prop_assert!(e.to_string().contains(fixture), "{e}"),
        }
    }
}
