//! Shared helpers for the end-to-end tests: a scratch directory and the built binary.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

use assert_cmd::Command;

/// The `goalsheet` binary built for this test run.
pub fn goalsheet() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_goalsheet"));
    cmd.env("NO_COLOR", "1");
    cmd
}

/// A fixture shipped in `fixtures/`.
pub fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures")
        .join(name)
}

/// A scratch directory removed when dropped.
pub struct Workdir {
    pub dir: tempfile::TempDir,
}

impl Workdir {
    pub fn new() -> Workdir {
        Workdir {
            dir: tempfile::tempdir().expect("temp dir"),
        }
    }
    pub fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }
    /// Write a file and return its path.
    pub fn write(&self, name: &str, bytes: impl AsRef<[u8]>) -> PathBuf {
        let p = self.path(name);
        std::fs::write(&p, bytes).expect("write test file");
        p
    }
    /// Copy a fixture in and return its new path.
    pub fn copy_fixture(&self, name: &str) -> PathBuf {
        let to = self.path(
            Path::new(name)
                .file_name()
                .and_then(|n| n.to_str())
                .unwrap_or(name),
        );
        std::fs::copy(fixture(name), &to).expect("copy fixture");
        to
    }
    /// Every file in the directory.
    pub fn files(&self) -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(self.dir.path())
            .expect("read dir")
            .filter_map(|e| e.ok())
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }
}

/// A small valid xlsx with a goal header, written with rust_xlsxwriter.
pub fn small_xlsx() -> Vec<u8> {
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    let header = [
        "编号",
        "目标",
        "衡量指标",
        "单位",
        "全年目标",
        "负责人",
        "截止日期",
    ];
    for (c, h) in header.iter().enumerate() {
        ws.write_string(0, c as u16, *h).expect("write");
    }
    let row = [
        "G1",
        "销售额达到1200万元",
        "销售额",
        "万元",
        "1200",
        "张伟",
        "2026-12-31",
    ];
    for (c, v) in row.iter().enumerate() {
        ws.write_string(1, c as u16, *v).expect("write");
    }
    wb.save_to_buffer().expect("xlsx bytes")
}

/// A copy of a zip package (xlsx, ods) with one text part edited.
pub fn patch_part(package: &[u8], part: &str, edit: impl Fn(String) -> String) -> Vec<u8> {
    patch_bytes(package, part, |data| {
        edit(String::from_utf8(data).expect("a text part")).into_bytes()
    })
}

/// A copy of a zip package (xlsx, xlsb, ods) with one part's bytes edited.
pub fn patch_bytes(package: &[u8], part: &str, edit: impl Fn(Vec<u8>) -> Vec<u8>) -> Vec<u8> {
    rewrite_parts(package, |name, data| {
        let data = if name == part { edit(data) } else { data };
        (name, data)
    })
}

/// A copy of a zip package with every part passed through `edit` (its name and bytes in,
/// the name and bytes to write out), in the package's order.
pub fn rewrite_parts(
    package: &[u8],
    edit: impl Fn(String, Vec<u8>) -> (String, Vec<u8>),
) -> Vec<u8> {
    use std::io::{Read, Write};
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(package)).expect("zip");
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for i in 0..archive.len() {
        let mut entry = archive.by_index(i).expect("entry");
        let name = entry.name().expect("name").to_string();
        let mut data = Vec::new();
        entry.read_to_end(&mut data).expect("read");
        let (name, data) = edit(name, data);
        out.start_file(name, zip::write::SimpleFileOptions::default())
            .expect("start");
        out.write_all(&data).expect("write");
    }
    out.finish().expect("zip").into_inner()
}

/// The text of one part of a zip package (xlsx, ods); panics when it is missing.
pub fn zip_text(package: &[u8], part: &str) -> String {
    use std::io::Read;
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(package)).expect("zip");
    let mut entry = archive.by_name(part).expect("part");
    let mut text = String::new();
    entry.read_to_string(&mut text).expect("a text part");
    text
}
