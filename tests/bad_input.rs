//! Bad input never panics: one clear line on stderr naming the file and the problem, exit 2.

mod common;

use common::{Workdir, goalsheet, small_xlsx};

/// Run `inspect` on a file and return its stderr, asserting exit 2, one line, no panic, no
/// stdout, and that the message names the file.
fn fails_cleanly(path: &std::path::Path) -> String {
    let out = goalsheet().arg("inspect").arg(path).output().expect("run");
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(out.stdout.is_empty(), "no partial output");
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert_eq!(stderr.trim_end().lines().count(), 1, "one line: {stderr}");
    let name = path
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or_default();
    assert!(stderr.contains(name), "names the file: {stderr}");
    stderr
}

#[test]
fn text_named_xlsx_is_not_a_zip() {
    let w = Workdir::new();
    let p = w.write("plan.xlsx", "编号,目标\nG1,销售额\n");
    assert!(fails_cleanly(&p).contains("not a zip archive"));
}

#[test]
fn truncated_xlsx() {
    let w = Workdir::new();
    let bytes = small_xlsx();
    let p = w.write("cut.xlsx", &bytes[..bytes.len() / 2]);
    assert!(fails_cleanly(&p).contains("not a valid xlsx"));
}

#[test]
fn empty_files() {
    let w = Workdir::new();
    assert!(fails_cleanly(&w.write("empty.csv", "")).contains("empty"));
    assert!(fails_cleanly(&w.write("empty.xlsx", "")).contains("empty"));
    assert!(fails_cleanly(&w.write("blank.csv", "\n\n  \n")).contains("empty"));
}

/// Excel saves a password-protected workbook as an OLE compound file with these streams.
fn encrypted_xlsx() -> Vec<u8> {
    let mut file = cfb::CompoundFile::create(std::io::Cursor::new(Vec::new())).expect("cfb");
    for name in ["/EncryptionInfo", "/EncryptedPackage"] {
        let mut stream = file.create_stream(name).expect("stream");
        std::io::Write::write_all(&mut stream, &[0x04, 0x00, 0x04, 0x00]).expect("write");
    }
    file.into_inner().into_inner()
}

#[test]
fn password_protected_xlsx() {
    let w = Workdir::new();
    let p = w.write("secret.xlsx", encrypted_xlsx());
    assert!(fails_cleanly(&p).contains("password protected"));
}

#[test]
fn garbage_xls_and_binary_csv() {
    let w = Workdir::new();
    let garbage: Vec<u8> = (0..4096u32)
        .map(|i| (i.wrapping_mul(2654435761) >> 13) as u8)
        .collect();
    assert!(fails_cleanly(&w.write("junk.xls", &garbage)).contains("not a valid xls"));
    assert!(fails_cleanly(&w.write("junk.csv", &garbage)).contains("binary"));
    // A real workbook given a .csv name is binary too.
    assert!(fails_cleanly(&w.write("book.csv", small_xlsx())).contains("binary"));
}

#[test]
fn no_header() {
    let w = Workdir::new();
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    for r in 0..10u32 {
        for c in 0..5u16 {
            ws.write_number(r, c, f64::from(r * u32::from(c)))
                .expect("write");
        }
    }
    let p = w.write("numbers.xlsx", wb.save_to_buffer().expect("bytes"));
    assert!(fails_cleanly(&p).contains("no goal header"));
    let p = w.write("numbers.csv", "1,2,3\n4,5,6\n");
    assert!(fails_cleanly(&p).contains("no goal header"));
}

#[test]
fn unsupported_extension_missing_file_and_unknown_encoding() {
    let w = Workdir::new();
    assert!(fails_cleanly(&w.write("plan.pdf", "%PDF-1.4")).contains("unsupported file type"));
    let missing = fails_cleanly(&w.path("missing.xlsx"));
    assert!(missing.contains("missing.xlsx: no such file"), "{missing}");
    assert!(
        !missing.contains("os error"),
        "said once, in words: {missing}"
    );
    let missing_csv = fails_cleanly(&w.path("缺失.csv"));
    assert!(
        missing_csv.ends_with("缺失.csv: no such file\n"),
        "{missing_csv}"
    );
    let p = w.write("plan.csv", "目标,负责人\n");
    let out = goalsheet()
        .args(["inspect", "--encoding", "klingon"])
        .arg(&p)
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("unknown encoding `klingon`"));
}

#[test]
fn missing_sheet_lists_the_sheets() {
    let w = Workdir::new();
    let p = w.write("plan.xlsx", small_xlsx());
    let out = goalsheet()
        .args(["inspect", "--sheet", "Nope"])
        .arg(&p)
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("no sheet named `Nope`") && stderr.contains("Sheet1"),
        "{stderr}"
    );
}

/// Patch the uncompressed-size fields of every entry of a zip (local headers and central
/// directory) to `size`, leaving the data as is: a bomb that lies about its size.
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

#[test]
fn zip_declaring_absurd_sizes_is_refused_before_parsing() {
    let w = Workdir::new();
    let p = w.write("bomb.xlsx", patch_declared_sizes(small_xlsx(), 0xFFFF_FF00));
    let err = fails_cleanly(&p);
    assert!(err.contains("refusing to unpack"), "{err}");
}

#[test]
fn zip_unpacking_beyond_its_declared_size_is_refused() {
    // A part that inflates far past what it declares (here: declares 16 bytes).
    let mut buf = std::io::Cursor::new(Vec::new());
    {
        let mut z = zip::ZipWriter::new(&mut buf);
        let opts = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        z.start_file("xl/sharedStrings.xml", opts).expect("entry");
        std::io::Write::write_all(&mut z, &vec![b'a'; 1 << 20]).expect("data");
        z.finish().expect("finish");
    }
    let w = Workdir::new();
    let p = w.write("liar.xlsx", patch_declared_sizes(buf.into_inner(), 16));
    let err = fails_cleanly(&p);
    assert!(
        err.contains("more than the 16 bytes it declares") || err.contains("not a valid xlsx"),
        "{err}"
    );
}

/// A package of `parts` (name, bytes), deflated, in that order, every part declaring 16
/// unpacked bytes.
fn lying_package(parts: &[(&str, Vec<u8>)]) -> Vec<u8> {
    let mut buf = std::io::Cursor::new(Vec::new());
    {
        let mut z = zip::ZipWriter::new(&mut buf);
        let opts = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        for (name, bytes) in parts {
            z.start_file(*name, opts).expect("entry");
            std::io::Write::write_all(&mut z, bytes).expect("data");
        }
        z.finish().expect("finish");
    }
    patch_declared_sizes(buf.into_inner(), 16)
}

/// Of two parts that fail their checks, the one first in the archive is the error, as one
/// pass over it reports — also now that an xlsx's or xlsb's worksheets are checked after
/// the rest, beside calamine's opening of the workbook.
#[test]
fn the_first_part_that_fails_in_the_archive_is_the_error() {
    let w = Workdir::new();
    let big = vec![b'a'; 1 << 20];
    let strings = br#"<sst uniqueCount="100000000000"><si><t>a</t></si></sst>"#.to_vec();
    for (ext, sheet) in [
        ("xlsx", "xl/worksheets/sheet1.xml"),
        ("xlsb", "xl/worksheets/sheet1.bin"),
    ] {
        for (other, other_bytes) in [
            ("xl/sharedStrings.xml", strings.clone()),
            ("docProps/app.xml", big.clone()),
        ] {
            let sheet_first = lying_package(&[(sheet, big.clone()), (other, other_bytes.clone())]);
            let p = w.write(&format!("sheet_first.{ext}"), sheet_first);
            let err = fails_cleanly(&p);
            assert!(
                err.contains(sheet) && !err.contains(other),
                "{ext}, {sheet} before {other}: {err}"
            );
            let other_first = lying_package(&[(other, other_bytes), (sheet, big.clone())]);
            let p = w.write(&format!("other_first.{ext}"), other_first);
            let err = fails_cleanly(&p);
            assert!(
                err.contains(other) && !err.contains(sheet),
                "{ext}, {other} before {sheet}: {err}"
            );
        }
    }
}

#[test]
fn every_shipped_bad_fixture_fails_cleanly() {
    let dir = common::fixture("bad");
    let mut seen = 0;
    for entry in std::fs::read_dir(&dir).expect("fixtures/bad") {
        let path = entry.expect("entry").path();
        let before = std::fs::read(&path).expect("read");
        for command in ["inspect", "check", "rollup"] {
            let out = goalsheet().arg(command).arg(&path).output().expect("run");
            let stderr = String::from_utf8_lossy(&out.stderr);
            assert_eq!(
                out.status.code(),
                Some(2),
                "{command} {}: {stderr}",
                path.display()
            );
            assert!(!stderr.contains("panicked"), "{stderr}");
            assert!(out.stdout.is_empty());
        }
        assert_eq!(
            std::fs::read(&path).expect("read"),
            before,
            "input untouched"
        );
        seen += 1;
    }
    assert!(seen >= 8, "all the bad fixtures were tried");
}

#[test]
fn header_words_extend_from_the_config() {
    let w = Workdir::new();
    let plan = w.write(
        "p.csv",
        "指标名,对接人,目标值,截止日期\n销售额,张伟,100,2026-12-31\n",
    );
    // 指标名 and 对接人 are not built-in header words: no goal header without the config.
    assert!(fails_cleanly(&plan).contains("no goal header"));
    let cfg = w.write(
        "goalsheet.toml",
        "[headers]\nowner = [\"对接人\"]\nmetric = [\"指标名\"]\n",
    );
    let out = goalsheet()
        .args(["inspect", "--format", "json", "--config"])
        .arg(&cfg)
        .arg(&plan)
        .output()
        .expect("run");
    let j: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(j["columns"]["owner"], "B");
    assert_eq!(j["columns"]["metric"], "A");
    assert_eq!(j["goals"], 1);
}

/// calamine panics on some damaged xlsb parts (here a relationship id that points nowhere);
/// that is reported like any other damaged file, without the panic's message.
#[test]
fn a_damaged_xlsb_is_an_error_not_a_crash() {
    let err = fails_cleanly(&common::fixture("bad/damaged.xlsb"));
    assert!(err.contains("damaged and cannot be read"), "{err}");
}

/// A cell record whose shared-string index points past the table makes calamine panic while
/// it reads the cells — which may run on a worker thread (the look is read meanwhile): every
/// command still says one line naming the file, never the panic's message.
#[test]
fn a_panic_while_the_cells_are_read_is_one_line_whatever_thread_reads_them() {
    let w = Workdir::new();
    let original = std::fs::read(common::fixture("plan_en.xlsb")).expect("fixture");
    let damaged = common::patch_bytes(&original, "xl/worksheets/sheet1.bin", |mut sheet| {
        // Two string cells' indexes (little-endian u32 in their records) raised past the
        // 115 strings of the table.
        for (at, byte) in [(242, 63), (371, 217)] {
            sheet[at] = byte;
        }
        sheet
    });
    let path = w.write("damaged_cells.xlsb", damaged);
    for command in ["check", "inspect", "rollup", "review"] {
        let out = goalsheet().arg(command).arg(&path).output().expect("run");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{command}: {stderr}");
        assert!(!stderr.contains("panicked"), "{command}: {stderr}");
        assert_eq!(stderr.trim_end().lines().count(), 1, "{command}: {stderr}");
        assert!(
            stderr.contains("damaged_cells.xlsb") && stderr.contains("damaged"),
            "{command}: {stderr}"
        );
    }
    assert!(!w.path("damaged_cells.reviewed.xlsx").exists());
}

/// Cells are read one by one, so a sheet is refused only for the cells it really spreads
/// over: here 1,300 rows each reaching column XFD (21 million cells).
#[test]
fn a_sheet_spread_over_too_many_cells_is_refused() {
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    ws.write_string(0, 0, "Objective").expect("w");
    ws.write_string(0, 1, "Owner").expect("w");
    for r in 1..1300 {
        ws.write_number(r, 16_383, 1.0).expect("w");
    }
    let w = Workdir::new();
    let p = w.write("wide.xlsx", wb.save_to_buffer().expect("save"));
    let err = fails_cleanly(&p);
    assert!(
        err.contains("spreads over more than 10000000 rows and cells"),
        "{err}"
    );
}

/// An .xls compound file whose workbook stream is BOF, one NUMBER cell at (`row`, `col`), EOF.
fn xls_with_one_number(row: u16, col: u16) -> Vec<u8> {
    let record = |typ: u16, data: &[u8]| {
        let mut r = typ.to_le_bytes().to_vec();
        r.extend_from_slice(&(data.len() as u16).to_le_bytes());
        r.extend_from_slice(data);
        r
    };
    let mut stream = record(0x0809, &[0x00, 0x06, 0x10, 0x00, 0, 0, 0, 0]); // BOF, BIFF8 sheet
    let mut number = row.to_le_bytes().to_vec();
    number.extend_from_slice(&col.to_le_bytes());
    number.extend_from_slice(&0u16.to_le_bytes()); // XF
    number.extend_from_slice(&1.0f64.to_le_bytes());
    stream.extend(record(0x0203, &number));
    stream.extend(record(0x000A, &[]));
    let mut file = cfb::CompoundFile::create(std::io::Cursor::new(Vec::new())).expect("cfb");
    std::io::Write::write_all(
        &mut file.create_stream("/Workbook").expect("stream"),
        &stream,
    )
    .expect("write");
    file.into_inner().into_inner()
}

/// A damaged cell position would make the reader size the sheet at billions of cells (and
/// abort); it is refused first, and so is a compound file whose sector table is broken.
#[test]
fn an_xls_with_cells_off_the_grid_or_a_broken_sector_table_is_refused() {
    let w = Workdir::new();
    let p = w.write("far.xls", xls_with_one_number(60_000, 65_000));
    let err = fails_cleanly(&p);
    assert!(
        err.contains("column 65001, beyond the 256 columns"),
        "{err}"
    );

    let mut broken = xls_with_one_number(0, 0);
    // The first FAT sector (header offset 0x4C) now points past the end of the file.
    broken[0x4C..0x50].copy_from_slice(&0x0100_0000u32.to_le_bytes());
    let p = w.write("broken.xls", broken);
    let err = fails_cleanly(&p);
    assert!(err.contains("compound-file structure is broken"), "{err}");
}

/// No valid workbook has a cell beyond Excel's 1,048,576 rows and 16,384 columns; one that
/// claims to is damaged (and would otherwise make every sheet scan millions of columns).
#[test]
fn a_cell_beyond_excels_grid_is_damage() {
    let w = Workdir::new();
    let bytes = common::patch_part(&small_xlsx(), "xl/worksheets/sheet1.xml", |xml| {
        xml.replace(
            "</sheetData>",
            "<row r=\"3\"><c r=\"A3\" t=\"n\"><v>1</v></c><c r=\"ZZZZ3\" t=\"n\"><v>2</v></c></row></sheetData>",
        )
    });
    let p = w.write("off_grid.xlsx", bytes);
    let err = fails_cleanly(&p);
    assert!(err.contains("column 475254, beyond Excel's"), "{err}");
}
