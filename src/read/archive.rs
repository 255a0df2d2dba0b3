//! The checks an xlsx, xlsb or ods package passes before calamine may read it: every part's
//! declared and real unpacked sizes (a zip can lie about them), the shared strings' declared
//! count, an ods's repeated rows and cells — and what the package holds that a re-written
//! copy does not carry (charts, images, comments, formulas, merged cells, …).

use std::io::Read;
use std::path::Path;

use super::{
    MAX_PART_BYTES, MAX_TOTAL_BYTES, MAX_WORKBOOK_CELLS, OriginalParts, limits, xlsb_extra,
};
use crate::error::{Error, Result};

/// Largest unpacked size of the workbook part (`xl/workbook.xml`: the sheet list and the
/// defined names), which calamine reads whole as it opens the file: a real one is a few
/// kilobytes to a few megabytes, and its defined names take about twice their bytes in memory.
pub const MAX_WORKBOOK_PART_BYTES: u64 = 64 << 20;

/// Check the archive's declared and actual unpacked sizes before calamine parses it, and note
/// what parts it holds (charts, images, comments, …).
///
/// Checks the parts `unpack` names among the first `until` (in the archive's order) and
/// stops at the first that fails: its place and its error. The first worksheet XML part of
/// at least `keep_from` unpacked bytes is kept as unpacked, for reading in two halves at once
/// (`read::split`), when it is no larger than [`MAX_KEPT_BYTES`] and packs like rows of cells
/// ([`MAX_KEPT_PACKING`]); `u64::MAX` keeps none.
pub(super) fn check_archive(
    path: &Path,
    expected: &'static str,
    bytes: &[u8],
    unpack: PartsToUnpack,
    until: usize,
    workbook: &WorkbookParts,
    keep_from: u64,
) -> std::result::Result<(OriginalParts, Vec<UnpackedPart>), PartFailure> {
    let mut archive =
        zip::ZipArchive::new(std::io::Cursor::new(bytes)).map_err(|e| PartFailure {
            at: 0,
            error: Error::Corrupt {
                path: path.to_path_buf(),
                expected,
                detail: format!("broken zip archive: {e}"),
            },
        })?;
    let too_large = |detail: String, limit: u64| Error::TooLarge {
        path: path.to_path_buf(),
        detail,
        limit,
    };
    let mut parts = OriginalParts::default();
    let mut kept = Vec::new();
    let mut declared_total: u64 = 0;
    let count = archive.len();
    let mut check_entry = |i: usize| -> Result<()> {
        let mut entry = archive.by_index(i).map_err(|e| Error::Corrupt {
            path: path.to_path_buf(),
            expected,
            detail: format!("broken zip entry: {e}"),
        })?;
        let name = entry.name().map(|n| n.to_string()).unwrap_or_default();
        let declared = entry.size();
        if declared > MAX_PART_BYTES {
            return Err(too_large(
                format!("part `{name}` declares {declared} unpacked bytes"),
                MAX_PART_BYTES,
            ));
        }
        if declared > MAX_WORKBOOK_PART_BYTES && workbook.may_be(&name) {
            return Err(too_large(
                format!(
                    "the workbook part `{name}` (its sheet list and defined names) declares \
                     {declared} unpacked bytes"
                ),
                MAX_WORKBOOK_PART_BYTES,
            ));
        }
        declared_total = declared_total.saturating_add(declared);
        if declared_total > MAX_TOTAL_BYTES {
            return Err(too_large(
                format!("the archive declares more than {MAX_TOTAL_BYTES} unpacked bytes"),
                MAX_TOTAL_BYTES,
            ));
        }
        let sheet = name.contains("worksheets/");
        let wanted = match unpack {
            PartsToUnpack::All => true,
            PartsToUnpack::AllButWorksheets => !is_worksheet_part(&name),
            PartsToUnpack::Worksheets => is_worksheet_part(&name),
        };
        if !wanted {
            return Ok(());
        }
        note_part(&name, &mut parts);
        // The declared size can lie: unpack with a cap one byte above it.
        let xml_sheet = sheet && name.ends_with(".xml");
        let keep_xml = xml_sheet
            && kept.is_empty()
            && declared >= keep_from
            && declared <= MAX_KEPT_BYTES
            && declared <= entry.compressed_size().saturating_mul(MAX_KEPT_PACKING);
        let mut sink = PartScan::new(xml_sheet, sheet && name.ends_with(".bin"));
        if keep_xml {
            // Room for the declared size at once (bounded by the packed size, above).
            sink.whole = Some(Vec::with_capacity(usize::try_from(declared).unwrap_or(0)));
        }
        let shared_strings = name.to_ascii_lowercase().ends_with("sharedstrings.xml");
        let copied =
            std::io::copy(&mut (&mut entry).take(declared + 1), &mut sink).map_err(|e| {
                Error::Corrupt {
                    path: path.to_path_buf(),
                    expected,
                    detail: format!("part `{name}` cannot be unpacked: {e}"),
                }
            })?;
        if copied > declared {
            return Err(too_large(
                format!("part `{name}` unpacks to more than the {declared} bytes it declares"),
                declared,
            ));
        }
        if shared_strings
            && let Some(declared) = limits::declared_shared_strings(&sink.head)
            && let Some((detail, limit)) = limits::shared_strings_refusal(declared, copied)
        {
            return Err(Error::OverLimit {
                path: path.to_path_buf(),
                detail,
                limit,
                unit: "strings",
            });
        }
        if keep_xml && let Some(xml) = sink.whole.take() {
            kept.push(UnpackedPart {
                name: name.clone(),
                xml,
            });
        }
        if let Some(records) = &sink.whole {
            let [validation, conditional] = xlsb_extra::sheet_features(records);
            sink.found[0] = validation;
            sink.found[1] = conditional;
        }
        parts.data_validation |= sink.found[0];
        parts.conditional_formatting |= sink.found[1];
        // xlsb sheets are binary: their formulas and merges are not scanned for.
        let binary_sheet = sheet && !name.ends_with(".xml");
        parts.formulas |= sink.found[2] || binary_sheet;
        parts.merges |= sink.found[3] || binary_sheet;
        Ok(())
    };
    for i in 0..count.min(until) {
        check_entry(i).map_err(|error| PartFailure { at: i, error })?;
    }
    if expected == "ods" && unpack != PartsToUnpack::Worksheets {
        check_ods_repeats(path, &mut archive).map_err(|error| PartFailure { at: count, error })?;
    }
    Ok((parts, kept))
}

/// Largest worksheet part [`check_archive`] keeps unpacked (one per workbook): 100,000 goals
/// take about 52 MB. Reading a part in halves holds it and a copy of it at once, while one
/// pass streams it; a bigger part, or the workbook's other parts, are read in one pass.
pub(super) const MAX_KEPT_BYTES: u64 = 128 << 20;

/// Most times its packed size a kept part may unpack to: a plan's rows pack about nine to
/// fourteen times; a part that packs much smaller is padding or repetition, cheap to stream
/// and dear to hold.
pub(super) const MAX_KEPT_PACKING: u64 = 16;

/// A worksheet part as [`check_archive`] unpacked it: its name in the archive and its XML.
pub(super) struct UnpackedPart {
    pub name: String,
    pub xml: Vec<u8>,
}

/// The first part [`check_archive`] refused: its place in the archive and why.
pub(super) struct PartFailure {
    pub at: usize,
    pub error: Error,
}

/// Which parts [`check_archive`] unpacks; it checks every part's declared size either way.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum PartsToUnpack {
    All,
    /// All but [`is_worksheet_part`]s.
    AllButWorksheets,
    /// The [`is_worksheet_part`]s: an xlsx's or xlsb's cells, most of its bytes.
    Worksheets,
}

/// A part named as Excel names a worksheet (`…/worksheets/sheet12.xml`, or `.bin` in an
/// xlsb). Calamine opens a workbook without reading one, unless a hostile package points its
/// workbook at one — then the zip reader still stops at the part's declared size, and the
/// part's own check (beside the opening) is the error reported. Shared strings and styles are
/// never one, whatever folder the package puts them in: they are checked before calamine
/// reserves room for the strings the first declares.
fn is_worksheet_part(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    let Some((folder, file)) = lower.rsplit_once('/') else {
        return false;
    };
    let in_worksheets = folder == "worksheets" || folder.ends_with("/worksheets");
    let numbered = file
        .strip_prefix("sheet")
        .and_then(|rest| {
            rest.strip_suffix(".xml")
                .or_else(|| rest.strip_suffix(".bin"))
        })
        .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()));
    in_worksheets && numbered
}

/// The parts a package names as its workbook (`officeDocument` in `_rels/.rels`), read once
/// per file for [`check_archive`] and for the choice to check worksheets beside calamine's
/// opening.
pub(super) struct WorkbookParts {
    /// The targets named, without a leading `/`; `None` when `_rels/.rels` is missing, past
    /// 64 KB or not XML.
    named: Option<Vec<String>>,
}

/// Where Excel keeps a workbook part: calamine opens it there when a package names none.
const EXCELS_WORKBOOK_PARTS: [&str; 2] = ["xl/workbook.xml", "xl/workbook.bin"];

impl WorkbookParts {
    /// The package's own relationships, as far as they can be read (not at all from a
    /// package that is not a zip).
    pub(super) fn of(bytes: &[u8]) -> WorkbookParts {
        let named = zip::ZipArchive::new(std::io::Cursor::new(bytes))
            .ok()
            .and_then(|mut archive| workbook_targets(&mut archive));
        WorkbookParts { named }
    }

    /// Whether the package names `xl/workbook.xml` (or `xl/workbook.bin`) as its one
    /// workbook: then calamine, opening it, reads no part named as a worksheet
    /// ([`is_worksheet_part`]), and the worksheets may be checked while it does. A package
    /// that keeps its workbook anywhere else — or whose relationships cannot be read here —
    /// is checked whole first.
    pub(super) fn where_excel_keeps_it(&self) -> bool {
        matches!(
            self.named.as_deref(),
            Some([only]) if EXCELS_WORKBOOK_PARTS.contains(&only.as_str())
        )
    }

    /// Whether calamine may open part `name` as the workbook: one the package names, or
    /// where Excel keeps it (names compared without case).
    fn may_be(&self, name: &str) -> bool {
        self.named
            .iter()
            .flatten()
            .map(String::as_str)
            .chain(EXCELS_WORKBOOK_PARTS)
            .any(|part| part.eq_ignore_ascii_case(name))
    }
}

/// The parts the package's relationships name as its workbook (`officeDocument`), without a
/// leading `/`; `None` when `_rels/.rels` is missing, past 64 KB or not XML.
fn workbook_targets<R: Read + std::io::Seek>(
    archive: &mut zip::ZipArchive<R>,
) -> Option<Vec<String>> {
    const MAX_RELS_BYTES: u64 = 64 << 10;
    let rels = archive.by_name("_rels/.rels").ok()?;
    if rels.size() > MAX_RELS_BYTES {
        return None;
    }
    let mut xml = Vec::new();
    rels.take(MAX_RELS_BYTES).read_to_end(&mut xml).ok()?;
    let mut reader = quick_xml::Reader::from_reader(&xml[..]);
    let mut targets = Vec::new();
    loop {
        match reader.read_event().ok()? {
            quick_xml::events::Event::Start(e) | quick_xml::events::Event::Empty(e)
                if e.local_name().as_ref() == "Relationship" =>
            {
                let value = |name: &str| {
                    e.attributes()
                        .flatten()
                        .find(|a| a.key.local_name().as_ref() == name)
                        .map(|a| a.value.into_owned())
                };
                if value("Type").is_some_and(|t| t.ends_with("/officeDocument")) {
                    let target = value("Target").unwrap_or_default();
                    targets.push(target.trim_start_matches('/').to_string());
                }
            }
            quick_xml::events::Event::Eof => return Some(targets),
            _ => {}
        }
    }
}

/// Refuse an OpenDocument spreadsheet whose repeated rows and cells would expand past
/// [`MAX_WORKBOOK_CELLS`] inside calamine, before calamine expands them.
fn check_ods_repeats<R: std::io::Read + std::io::Seek>(
    path: &Path,
    archive: &mut zip::ZipArchive<R>,
) -> Result<()> {
    let corrupt = |detail: String| Error::Corrupt {
        path: path.to_path_buf(),
        expected: "ods",
        detail,
    };
    let content = archive
        .by_name("content.xml")
        .map_err(|e| corrupt(format!("content.xml: {e}")))?;
    let cells =
        limits::ods_expanded_cells(content).map_err(|e| corrupt(format!("content.xml: {e}")))?;
    if cells > MAX_WORKBOOK_CELLS as u64 {
        return Err(Error::OverLimit {
            path: path.to_path_buf(),
            detail: "its repeated rows and cells (table:number-rows-repeated, \
                     table:number-columns-repeated) expand to more cells than allowed; \
                     refusing to read it"
                .into(),
            limit: MAX_WORKBOOK_CELLS as u64,
            unit: "cells",
        });
    }
    Ok(())
}

fn note_part(name: &str, parts: &mut OriginalParts) {
    let lower = name.to_ascii_lowercase();
    if lower.starts_with("xl/charts/chart")
        || lower.starts_with("objects ")
        || lower.contains("/charts/")
    {
        parts.charts += 1;
    } else if lower.starts_with("xl/media/") || lower.starts_with("pictures/") {
        parts.images += 1;
    } else if lower.starts_with("xl/comments") || lower.contains("threadedcomments") {
        parts.comments += 1;
    } else if lower.starts_with("xl/pivottables/") {
        parts.pivot_tables += 1;
    } else if lower.ends_with("vbaproject.bin") {
        parts.macros = true;
    } else if ["xl/styles.xml", "xl/styles.bin", "styles.xml"].contains(&lower.as_str()) {
        parts.styling = true;
    }
}

/// A write sink that counts bytes and looks for a few XML tags across chunk boundaries, and
/// keeps a part whole where asked (an xlsb sheet part to walk its records, a big XML sheet
/// part to read in halves).
struct PartScan {
    /// The part's first bytes (for the counts a header declares).
    head: Vec<u8>,
    scan: bool,
    tail: Vec<u8>,
    /// [data validation, conditional formatting, formula, merged cells] seen.
    found: [bool; 4],
    /// The part kept whole.
    whole: Option<Vec<u8>>,
}

/// How much of each part's start [`PartScan`] keeps.
const PART_HEAD_BYTES: usize = 4096;

/// The element names a worksheet part is scanned for, by kind (see `PartScan::found`),
/// compared without a namespace prefix (`<x:f>` is a formula).
const SCAN_TAGS: [&[u8]; 4] = [
    b"dataValidations",
    b"conditionalFormatting",
    b"f",
    b"mergeCell",
];

/// Marks in `found` each [`SCAN_TAGS`] element that starts in `xml`. An element name cut off
/// by the end of `xml` is skipped (the caller scans it again with the next bytes).
fn scan_elements(xml: &[u8], found: &mut [bool; 4]) {
    let mut rest = xml;
    // memchr: this runs over every byte of every worksheet part.
    while let Some(at) = memchr::memchr(b'<', rest) {
        rest = &rest[at + 1..];
        let Some(end) = rest
            .iter()
            .position(|b| matches!(b, b' ' | b'>' | b'/' | b'\t' | b'\r' | b'\n'))
        else {
            return;
        };
        let name = &rest[..end];
        let local = super::local_name(name);
        for (i, tag) in SCAN_TAGS.iter().enumerate() {
            if local == *tag {
                found[i] = true;
            }
        }
    }
}

/// The bytes either side of a chunk's end an element name (with a namespace prefix) can
/// straddle.
const SEAM_BYTES: usize = 64;

/// [`scan_elements`] where `xml` can hold one of [`SCAN_TAGS`]: each has an `f`, `g` or `d`
/// (`f`, `mergeCell`, `dataValidations`, `conditionalFormatting`), letters a sheet's rows of
/// cells (`<row r="5" spans="1:17"><c r="B5" t="s"><v>7</v></c>`) seldom hold — most of a
/// big worksheet is passed over at memchr's speed.
fn scan_window(xml: &[u8], found: &mut [bool; 4]) {
    if memchr::memchr3(b'f', b'g', b'd', xml).is_some() {
        scan_elements(xml, found);
    }
}

impl PartScan {
    fn new(scan_xml: bool, keep_binary: bool) -> Self {
        PartScan {
            head: Vec::new(),
            scan: scan_xml,
            tail: Vec::new(),
            found: [false; 4],
            whole: keep_binary.then(Vec::new),
        }
    }
}

impl std::io::Write for PartScan {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        if self.head.len() < PART_HEAD_BYTES {
            let take = buf.len().min(PART_HEAD_BYTES - self.head.len());
            self.head.extend_from_slice(&buf[..take]);
        }
        if let Some(whole) = &mut self.whole {
            whole.extend_from_slice(buf);
        }
        if self.scan && !self.found.iter().all(|f| *f) {
            // An element name cut by the last chunk's end lies in the seam: the last chunk's
            // end with this one's start.
            let mut seam = std::mem::take(&mut self.tail);
            seam.extend_from_slice(&buf[..buf.len().min(SEAM_BYTES)]);
            scan_window(&seam, &mut self.found);
            scan_window(buf, &mut self.found);
            let end = match buf.len().checked_sub(SEAM_BYTES) {
                Some(from) => &buf[from..],
                None => &seam[seam.len().saturating_sub(SEAM_BYTES)..],
            };
            self.tail = end.to_vec();
        }
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn worksheet_scan_finds_formulas_and_merges_in_any_chunking() {
        use std::io::Write as _;
        let xml: &[u8] = br#"<worksheet><sheetData><row r="1"><c r="A1"><v>1</v></c><c r="B1"><f>A1*2</f><v>2</v></c></row></sheetData><mergeCells count="1"><mergeCell ref="A2:B2"/></mergeCells></worksheet>"#;
        let prefixed: &[u8] = br#"<x:worksheet><x:sheetData><x:row><x:c><x:f t="shared" ref="B1:B9" si="0">A1</x:f></x:c></x:row></x:sheetData></x:worksheet>"#;
        let plain: &[u8] = br#"<worksheet><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&lt;f&gt; mergeCell</t></is></c><c><v>3</v></c></row></sheetData><cols><col min="1"/></cols></worksheet>"#;
        let spaced: &[u8] = b"<worksheet><sheetData><row><c><f\n>A1</f></c></row></sheetData><x:mergeCells><x:mergeCell\tref=\"A1:A2\"/></x:mergeCells><conditionalFormatting sqref=\"A1\"></conditionalFormatting><dataValidations count=\"1\"><dataValidation type=\"list\"/></dataValidations></worksheet>";
        // Each element far (more than a seam) from any other `f`, `g` or `d`: found on its own.
        let filler = r#"<cols><col min="1" max="2"/></cols>"#.repeat(6);
        let spread = format!(
            "<worksheet>{filler}<x:f>1</x:f>{filler}<mergeCell/>{filler}\
             <dataValidations count=\"1\"></dataValidations>{filler}</worksheet>"
        );
        let spread = spread.as_bytes();
        // Split into chunks of every size, so a tag cut between two writes is still found.
        for chunk in 1..=xml.len() {
            let scan = |bytes: &[u8]| {
                let mut sink = PartScan::new(true, false);
                for part in bytes.chunks(chunk) {
                    sink.write_all(part).unwrap();
                }
                sink.found
            };
            assert_eq!(scan(xml), [false, false, true, true], "chunk {chunk}");
            assert_eq!(scan(prefixed), [false, false, true, false], "chunk {chunk}");
            assert_eq!(scan(spaced), [true, true, true, true], "chunk {chunk}");
            assert_eq!(scan(spread), [true, false, true, true], "chunk {chunk}");
            // Text that reads like a tag, and <col> beside <c>, are not formulas or merges.
            assert_eq!(scan(plain), [false, false, false, false], "chunk {chunk}");
        }
    }

    #[test]
    fn the_first_big_worksheet_that_packs_like_rows_is_kept_unpacked() {
        use std::io::Write as _;
        // Rows of varied numbers pack a few times smaller; padding packs ~1000 times.
        let rows: String = (0..800u64)
            .map(|r| {
                let n = r.wrapping_mul(2_654_435_761) % 1_000_003;
                format!(r#"<row r="{r}"><c r="A{r}"><v>{n}</v></c></row>"#)
            })
            .collect();
        let padded = format!("<sheetData>{}</sheetData>", " ".repeat(rows.len()));
        let package = |parts: &[(&str, &str)]| {
            let mut z = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
            for (name, text) in parts {
                z.start_file(*name, zip::write::SimpleFileOptions::default())
                    .unwrap();
                z.write_all(text.as_bytes()).unwrap();
            }
            z.finish().unwrap().into_inner()
        };
        let kept = |parts: &[(&str, &str)], keep_from: u64| -> Vec<(String, usize)> {
            let bytes = package(parts);
            let (_, kept) = check_archive(
                Path::new("t.xlsx"),
                "xlsx",
                &bytes,
                PartsToUnpack::Worksheets,
                usize::MAX,
                &WorkbookParts::of(&bytes),
                keep_from,
            )
            .ok()
            .unwrap();
            kept.into_iter().map(|p| (p.name, p.xml.len())).collect()
        };
        let (one, two, pad) = (
            "xl/worksheets/sheet1.xml",
            "xl/worksheets/sheet2.xml",
            "xl/worksheets/sheet3.xml",
        );
        let all = [(pad, padded.as_str()), (one, &rows), (two, &rows)];
        assert_eq!(kept(&all, 1000), vec![(one.to_string(), rows.len())]);
        assert_eq!(kept(&all[1..], 1000), vec![(one.to_string(), rows.len())]);
        assert_eq!(kept(&all[2..], 1000), vec![(two.to_string(), rows.len())]);
        assert_eq!(kept(&all[..1], 1000), vec![]);
        // Smaller than asked, or asked for none.
        assert_eq!(kept(&all, rows.len() as u64 + 1), vec![]);
        assert_eq!(kept(&all, u64::MAX), vec![]);
        // Not a worksheet part.
        assert_eq!(kept(&[("xl/sharedStrings.xml", &rows)], 1000), vec![]);
    }

    #[test]
    fn the_workbook_is_where_excel_keeps_it_only_when_the_package_says_so() {
        use std::io::Write as _;
        let package = |rels: Option<&str>| {
            let mut buf = std::io::Cursor::new(Vec::new());
            let mut z = zip::ZipWriter::new(&mut buf);
            if let Some(rels) = rels {
                z.start_file("_rels/.rels", zip::write::SimpleFileOptions::default())
                    .unwrap();
                z.write_all(rels.as_bytes()).unwrap();
            }
            z.finish().unwrap();
            buf.into_inner()
        };
        let rel = |target: &str| {
            format!(
                r#"<Relationship Id="r{target}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="{target}"/>"#
            )
        };
        let rels = |inner: String| format!("<Relationships>{inner}</Relationships>");
        for (target, expected) in [
            ("xl/workbook.xml", true),
            ("/xl/workbook.xml", true),
            ("xl/workbook.bin", true),
            ("xl/worksheets/sheet9.xml", false),
            ("xl/worksheets/workbook.xml", false),
            ("book.xml", false),
        ] {
            let bytes = package(Some(&rels(rel(target))));
            assert_eq!(
                WorkbookParts::of(&bytes).where_excel_keeps_it(),
                expected,
                "{target}"
            );
        }
        let keeps = |bytes: &[u8]| WorkbookParts::of(bytes).where_excel_keeps_it();
        let two = rels(rel("xl/workbook.xml") + &rel("xl/worksheets/sheet1.xml"));
        assert!(!keeps(&package(Some(&two))));
        assert!(!keeps(&package(None)));
        assert!(!keeps(&package(Some("<Relationships><"))));
        assert!(!keeps(b"not a zip"));
        // The parts calamine may open as the workbook: those named, and Excel's own.
        let moved = WorkbookParts::of(&package(Some(&rels(rel("/xl/worksheets/sheet9.xml")))));
        assert!(moved.may_be("xl/worksheets/sheet9.xml"));
        assert!(moved.may_be("XL/Workbook.xml"));
        assert!(!moved.may_be("xl/worksheets/sheet1.xml"));
    }

    #[test]
    fn parts_named_as_excel_names_worksheets() {
        for name in [
            "xl/worksheets/sheet1.xml",
            "xl/worksheets/sheet12.bin",
            "XL/Worksheets/Sheet3.XML",
            "worksheets/sheet1.xml",
        ] {
            assert!(is_worksheet_part(name), "{name}");
        }
        for name in [
            "xl/worksheets/sharedStrings.xml",
            "xl/worksheets/styles.xml",
            "xl/worksheets/_rels/sheet1.xml.rels",
            "xl/worksheets/sheet.xml",
            "xl/worksheets/sheet1a.xml",
            "xl/chartsheets/sheet1.xml",
            "xl/myworksheets/sheet1.xml",
            "sheet1.xml",
        ] {
            assert!(!is_worksheet_part(name), "{name}");
        }
    }
}
