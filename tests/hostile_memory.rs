//! Hostile inputs that ask for memory: each is small on disk, refused before the memory is
//! spent. The CLI runs as a child process under a 1 GB address-space limit (RLIMIT_AS), so
//! a file that would still allocate its declared size aborts the process instead of passing;
//! every refusal is exit 2 with one line naming the file and the limit.

mod common;

use std::os::unix::process::CommandExt;
use std::path::Path;
use std::process::{Command, Output};

use common::{Workdir, fixture, patch_part, rewrite_parts, small_xlsx};

/// The most address space the child may use: the goal for any input under 10 MB.
const MEMORY_LIMIT: u64 = 1 << 30;

/// Run `goalsheet args…` under [`MEMORY_LIMIT`].
fn run_limited(args: &[&std::ffi::OsStr]) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_goalsheet"));
    cmd.args(args).env("NO_COLOR", "1");
    // SAFETY: setrlimit is async-signal-safe; the closure touches nothing else.
    unsafe {
        cmd.pre_exec(|| {
            let limit = libc::rlimit {
                rlim_cur: MEMORY_LIMIT,
                rlim_max: MEMORY_LIMIT,
            };
            if libc::setrlimit(libc::RLIMIT_AS, &limit) != 0 {
                return Err(std::io::Error::last_os_error());
            }
            Ok(())
        });
    }
    cmd.output().expect("run goalsheet")
}

/// `goalsheet <command> <path>` under the memory limit: exit 2, one line on stderr naming the
/// file and a limit, no panic, no abort, nothing on stdout. Returns the line.
fn refused(command: &str, path: &Path) -> String {
    let out = run_limited(&[command.as_ref(), path.as_os_str()]);
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert_eq!(out.status.code(), Some(2), "{command} {path:?}: {stderr}");
    assert!(out.stdout.is_empty(), "no partial output");
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert!(!stderr.contains("memory allocation"), "{stderr}");
    assert_eq!(stderr.trim_end().lines().count(), 1, "one line: {stderr}");
    let name = path
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or_default();
    assert!(stderr.contains(name), "names the file: {stderr}");
    assert!(stderr.contains("limit"), "names the limit: {stderr}");
    stderr
}

/// A workbook with one shared string, whose `<sst>` declares `count` unique strings.
fn xlsx_declaring_shared_strings(count: &str) -> Vec<u8> {
    patch_part(&small_xlsx(), "xl/sharedStrings.xml", |xml| {
        let start = xml.find("<sst").expect("sst tag");
        let end = start + xml[start..].find('>').expect("tag end");
        let tag = &xml[start..end];
        let patched = match tag.find("uniqueCount=\"") {
            Some(at) => {
                let value_start = at + "uniqueCount=\"".len();
                let value_end = value_start + tag[value_start..].find('"').expect("quote");
                format!("{}{count}{}", &tag[..value_start], &tag[value_end..])
            }
            None => format!("{tag} uniqueCount=\"{count}\""),
        };
        format!("{}{patched}{}", &xml[..start], &xml[end..])
    })
}

#[test]
fn declared_shared_string_counts_are_weighed_before_the_reader_reserves_them() {
    let w = Workdir::new();
    for (name, count) in [
        ("four_billion.xlsx", "4000000000"),
        ("beyond_u64.xlsx", "99999999999999999999999"),
        ("more_than_fits.xlsx", "5000"),
    ] {
        let bytes = xlsx_declaring_shared_strings(count);
        assert!(bytes.len() < 10_000, "a small file");
        let p = w.write(name, bytes);
        for command in ["inspect", "check", "review"] {
            let err = refused(command, &p);
            assert!(err.contains("shared-strings part declares"), "{err}");
        }
    }
    // The look-alike: an honest count reads as usual.
    let honest = w.write("honest.xlsx", xlsx_declaring_shared_strings("14"));
    let out = run_limited(&["inspect".as_ref(), honest.as_os_str()]);
    assert_eq!(out.status.code(), Some(0), "{out:?}");
}

/// [`xlsx_declaring_shared_strings`] with the workbook's folder moved under
/// `xl/worksheets/` (the package's relationship pointing there): its shared strings are read
/// from `xl/worksheets/sharedStrings.xml`, named like no worksheet, and must be weighed
/// before calamine opens the workbook all the same.
fn relocated_xlsx_declaring_shared_strings(count: &str) -> Vec<u8> {
    rewrite_parts(&xlsx_declaring_shared_strings(count), |name, data| {
        let name = match name.strip_prefix("xl/") {
            Some(rest) => format!("xl/worksheets/{rest}"),
            None => name,
        };
        let data = if name == "_rels/.rels" {
            String::from_utf8(data)
                .expect("text")
                .replace("xl/workbook.xml", "xl/worksheets/workbook.xml")
                .into_bytes()
        } else {
            data
        };
        (name, data)
    })
}

#[test]
fn shared_strings_in_a_worksheets_folder_are_weighed_before_the_reader_reserves_them() {
    let w = Workdir::new();
    let honest = w.write("moved.xlsx", relocated_xlsx_declaring_shared_strings("14"));
    let out = run_limited(&["inspect".as_ref(), honest.as_os_str()]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "the moved workbook reads: {out:?}"
    );
    for (name, count) in [
        ("moved_bomb.xlsx", "1000000000000000"),
        ("moved_5e8.xlsx", "500000000"),
    ] {
        let p = w.write(name, relocated_xlsx_declaring_shared_strings(count));
        for command in ["check", "review"] {
            let err = refused(command, &p);
            assert!(err.contains("shared-strings part declares"), "{err}");
        }
    }
}

/// `sheets` sheets, each with a goal header and one value in Excel's last row.
fn xlsx_with_values_in_the_last_row(sheets: usize) -> Vec<u8> {
    let mut wb = rust_xlsxwriter::Workbook::new();
    for _ in 0..sheets {
        let ws = wb.add_worksheet();
        ws.write_string(0, 0, "目标").expect("w");
        ws.write_string(0, 1, "负责人").expect("w");
        ws.write_number(1_048_575, 0, 1.0).expect("w");
    }
    wb.save_to_buffer().expect("xlsx")
}

#[test]
fn rows_count_toward_one_cap_over_the_whole_workbook() {
    let w = Workdir::new();
    // Each sheet alone is 1,048,576 rows, well under the cap; twelve together are not.
    let p = w.write("far_rows.xlsx", xlsx_with_values_in_the_last_row(12));
    let err = refused("inspect", &p);
    assert!(err.contains("more than 10000000 rows and cells"), "{err}");
    assert!(err.contains("every sheet counted"), "{err}");
    // Its look-alike: two such sheets stay under the cap and are read.
    let p = w.write("two_far_rows.xlsx", xlsx_with_values_in_the_last_row(2));
    let out = run_limited(&["inspect".as_ref(), p.as_os_str()]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("limit"), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
}

/// The shipped ods plan with one more row in its first table: a value repeated across
/// `cols` columns, the row repeated `rows` times.
fn ods_with_repeats(rows: u64, cols: u64) -> Vec<u8> {
    let package = std::fs::read(fixture("plan_zh.ods")).expect("fixture");
    patch_part(&package, "content.xml", |xml| {
        let at = xml.find("</table:table>").expect("a table");
        let row = format!(
            "<table:table-row table:number-rows-repeated=\"{rows}\">\
             <table:table-cell table:number-columns-repeated=\"{cols}\" \
             office:value-type=\"float\" office:value=\"1\"><text:p>1</text:p>\
             </table:table-cell></table:table-row>"
        );
        format!("{}{row}{}", &xml[..at], &xml[at..])
    })
}

#[test]
fn ods_repeats_are_counted_in_content_xml_before_they_are_expanded() {
    let w = Workdir::new();
    for (name, rows, cols) in [
        ("square.ods", 100_000, 16_384),
        ("tall.ods", 1_000_000, 200),
        ("wide.ods", 5_000, 16_384),
    ] {
        let bytes = ods_with_repeats(rows, cols);
        assert!(bytes.len() < 100_000, "a small file");
        let p = w.write(name, bytes);
        let err = refused("check", &p);
        assert!(err.contains("number-rows-repeated"), "{err}");
        assert!(err.contains("limit 10000000 cells"), "{err}");
    }
    // A modest repeat is read as before.
    let p = w.write("modest.ods", ods_with_repeats(3, 2));
    let out = run_limited(&["inspect".as_ref(), p.as_os_str()]);
    assert_eq!(out.status.code(), Some(0), "{out:?}");
}

#[test]
fn csv_rows_and_cells_fall_under_the_same_cap() {
    let w = Workdir::new();
    // 10 MB of separators: one line of ten million empty fields, and ten million lines.
    let wide = w.write(
        "wide_line.csv",
        format!("目标,负责人\n{}\n", ",".repeat(10_000_000)),
    );
    let err = refused("inspect", &wide);
    assert!(err.contains("more than 10000000 rows and cells"), "{err}");
    let tall = w.write(
        "tall.csv",
        format!("Objective;Owner\n{}", "1;\n".repeat(5_000_001)),
    );
    let err = refused("check", &tall);
    assert!(err.contains("more than 10000000 rows and cells"), "{err}");
}

#[test]
fn an_endless_or_huge_config_is_refused_unread() {
    let w = Workdir::new();
    let plan = w.write("plan.xlsx", small_xlsx());
    let big = w.write("big.toml", format!("# {}\n", "x".repeat(3 << 20)));
    for config in [Path::new("/dev/zero"), big.as_path()] {
        let out = run_limited(&[
            "check".as_ref(),
            plan.as_os_str(),
            "--config".as_ref(),
            config.as_os_str(),
        ]);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{stderr}");
        assert_eq!(stderr.trim_end().lines().count(), 1, "{stderr}");
        assert!(
            stderr.contains(&config.display().to_string()),
            "names the file: {stderr}"
        );
        assert!(stderr.contains("limit 1048576 bytes"), "{stderr}");
    }
}

#[test]
fn a_threshold_that_is_not_a_finite_number_in_range_is_one_clear_error() {
    let w = Workdir::new();
    let plan = w.write("plan.xlsx", small_xlsx());
    for (text, key) in [
        ("[achievable]\nmax_growth_ratio = nan\n", "max_growth_ratio"),
        ("[achievable]\nmax_quarter_jump = inf\n", "max_quarter_jump"),
        ("[budget]\nmin_reserve = -0.5\n", "min_reserve"),
        (
            "[measurable]\nreconcile_tolerance = nan\n",
            "reconcile_tolerance",
        ),
    ] {
        let config = w.write("goalsheet.toml", text);
        let out = common::goalsheet()
            .arg("check")
            .arg(&plan)
            .arg("--config")
            .arg(&config)
            .output()
            .expect("run");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{stderr}");
        assert_eq!(stderr.trim_end().lines().count(), 1, "{stderr}");
        assert!(
            stderr.contains("goalsheet.toml") && stderr.contains(key),
            "{stderr}"
        );
        assert!(!stderr.contains("limit NaN"), "{stderr}");
    }
}

/// A 10 MB CSV plan of five million cells: read, checked and inspected within the limit;
/// too big to re-write into a review workbook within 1 GB, so `review` refuses it and
/// `batch` reports it as failed while the other plans are reviewed.
#[test]
fn a_plan_too_big_to_review_within_a_gigabyte_is_refused_and_batch_goes_on() {
    let w = Workdir::new();
    let mut text = String::from("ID,Objective,Metric,Unit,Annual Target,Owner,Due");
    for i in 0..993 {
        text.push_str(&format!(",x{i}"));
    }
    text.push('\n');
    let tail = ",1".repeat(993);
    for i in 0..5000 {
        text.push_str(&format!(
            "G{i},Reach {i} leads,Leads,leads,{},Owner {},2026-12-31{tail}\n",
            100 + i,
            i % 50
        ));
    }
    assert!(text.len() < 11 << 20);
    let dense = w.write("dense.csv", text);
    let err = refused("review", &dense);
    assert!(err.contains("limit 2500000 cells"), "{err}");
    assert!(!w.path("dense.reviewed.xlsx").exists());
    let out = run_limited(&["check".as_ref(), dense.as_os_str()]);
    assert_ne!(
        out.status.code(),
        Some(2),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );

    let good = w.write("good.xlsx", small_xlsx());
    let out_dir = w.path("out");
    std::fs::create_dir(&out_dir).expect("dir");
    let out = run_limited(&[
        "batch".as_ref(),
        dense.as_os_str(),
        good.as_os_str(),
        "-o".as_ref(),
        out_dir.as_os_str(),
        "--jobs".as_ref(),
        "1".as_ref(),
    ]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(2), "{stdout}");
    assert!(
        stdout.contains("failed") && stdout.contains("dense.csv"),
        "{stdout}"
    );
    assert!(out_dir.join("good.reviewed.xlsx").is_file(), "{stdout}");
}

/// Patch the declared unpacked size of the zip entry named `name` (local header and central
/// directory), leaving its data as is.
fn declare_size_of(mut zip: Vec<u8>, name: &str, size: u32) -> Vec<u8> {
    let le16 = |b: &[u8], at: usize| usize::from(u16::from_le_bytes([b[at], b[at + 1]]));
    let mut i = 0;
    while i + 46 < zip.len() {
        let (name_len_at, name_at, size_at) = match &zip[i..i + 4] {
            b"PK\x03\x04" => (26, 30, 22),
            b"PK\x01\x02" => (28, 46, 24),
            _ => {
                i += 1;
                continue;
            }
        };
        let len = le16(&zip, i + name_len_at);
        if zip.get(i + name_at..i + name_at + len) == Some(name.as_bytes()) {
            zip[i + size_at..i + size_at + 4].copy_from_slice(&size.to_le_bytes());
        }
        i += 4;
    }
    zip
}

/// A package whose workbook part, at `workbook_at` (named so in `_rels/.rels`), holds ~400
/// MB of defined names, declaring its true size or (`lie`) a little less.
fn package_with_defined_names(workbook_at: &str, lie: bool) -> Vec<u8> {
    use std::io::Write;
    let names = 10_000_000usize;
    let mut workbook = String::from(
        r#"<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets><definedNames>"#,
    );
    let one = r#"<definedName name="n">S!$A$1</definedName>"#;
    workbook.reserve(one.len() * names + 64);
    for _ in 0..names {
        workbook.push_str(one);
    }
    workbook.push_str("</definedNames></workbook>");
    let real = workbook.len();
    let (folder, file) = workbook_at.rsplit_once('/').expect("a folder");
    let rels = format!(
        r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="{workbook_at}"/></Relationships>"#
    );
    let workbook_rels = r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="sheet1.xml"/></Relationships>"#;
    let sheet = r#"<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData/></worksheet>"#;
    let mut buf = std::io::Cursor::new(Vec::new());
    {
        let mut z = zip::ZipWriter::new(&mut buf);
        let opts = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated)
            .compression_level(Some(1));
        let parts: [(String, &[u8]); 4] = [
            ("_rels/.rels".into(), rels.as_bytes()),
            (
                format!("{folder}/_rels/{file}.rels"),
                workbook_rels.as_bytes(),
            ),
            (format!("{folder}/sheet1.xml"), sheet.as_bytes()),
            (workbook_at.into(), workbook.as_bytes()),
        ];
        for (name, data) in parts {
            z.start_file(name, opts).expect("entry");
            z.write_all(data).expect("data");
        }
        z.finish().expect("finish");
    }
    let zip = buf.into_inner();
    match lie {
        true => declare_size_of(
            zip,
            workbook_at,
            u32::try_from(real - 1000).expect("< 4 GB"),
        ),
        false => zip,
    }
}

/// A workbook part full of defined names is refused by its size before calamine reads it
/// whole (its names take about twice their bytes): where Excel keeps it, or moved to a name
/// like a worksheet's (then, lying about its size, it must still be refused before calamine
/// parses it beside the worksheets' check), in a 2 MB file under a 1 GB limit.
#[test]
fn a_workbook_part_full_of_defined_names_is_refused_before_it_is_read() {
    let w = Workdir::new();
    for (at, lie, ext) in [
        ("xl/workbook.xml", false, "xlsx"),
        ("xl/worksheets/sheet9.xml", false, "xlsx"),
        ("xl/worksheets/sheet9.xml", true, "xlsx"),
        ("xl/workbook.bin", false, "xlsb"),
    ] {
        let bytes = package_with_defined_names(at, lie);
        assert!(bytes.len() < 10 << 20, "a small file");
        let p = w.write(&format!("names.{ext}"), bytes);
        let out = run_limited(&["check".as_ref(), p.as_os_str()]);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{at} {lie}: {stderr}");
        assert!(stderr.contains(at), "{at} {lie}: {stderr}");
        assert_eq!(stderr.trim_end().lines().count(), 1, "{stderr}");
    }
}
