//! What calamine does not report about an Excel binary workbook (.xlsb): merged regions, and
//! whether a sheet has data validation or conditional formatting.
//!
//! The workbook part lists each sheet (BrtBundleSh: relationship id and name); the workbook's
//! relationships give its part; in the sheet part each merge is a BrtMergeCell record with the
//! region's first and last row and column (MS-XLSB 2.4.565). A record is a 1–2 byte type and
//! a 1–4 byte size, 7 bits per byte, then its body (MS-XLSB 2.1.4).

use std::collections::HashMap;
use std::io::{BufReader, Read, Seek};

use quick_xml::events::Event;
use quick_xml::{Reader, XmlVersion};

use super::Merge;

const BUNDLE_SH: u16 = 0x009C;
const END_BUNDLE_SHS: u16 = 0x0090;
const MERGE_CELL: u16 = 0x00B0;
const BEGIN_CONDITIONAL_FORMATTING: u16 = 0x01CD;
const BEGIN_DATA_VALIDATIONS: u16 = 0x023D;

/// Whether a sheet part holds [data validation, conditional formatting].
pub(super) fn sheet_features(part: &[u8]) -> [bool; 2] {
    let mut found = [false; 2];
    for (typ, _) in Records(part) {
        match typ {
            BEGIN_DATA_VALIDATIONS => found[0] = true,
            BEGIN_CONDITIONAL_FORMATTING => found[1] = true,
            _ => {}
        }
    }
    found
}

/// Sheet name → its merged regions.
pub(super) fn merges<R: Read + Seek>(package: R) -> Result<HashMap<String, Vec<Merge>>, String> {
    let mut zip = zip::ZipArchive::new(package).map_err(|e| e.to_string())?;
    let targets = relationships(&mut zip)?;
    let book = part(&mut zip, "xl/workbook.bin")?;
    let mut sheets = HashMap::new();
    for (typ, body) in Records(&book) {
        match typ {
            BUNDLE_SH => {
                let (rel_id, name) = sheet_entry(body).ok_or("a damaged sheet entry")?;
                let Some(target) = targets.get(&rel_id) else {
                    continue;
                };
                let path = match target.strip_prefix('/') {
                    Some(absolute) => absolute.to_string(),
                    None => format!("xl/{target}"),
                };
                let Ok(sheet) = part(&mut zip, &path) else {
                    continue;
                };
                let merges = Records(&sheet)
                    .filter(|&(typ, _)| typ == MERGE_CELL)
                    .filter_map(|(_, body)| merge(body))
                    .collect();
                sheets.insert(name, merges);
            }
            END_BUNDLE_SHS => break,
            _ => {}
        }
    }
    Ok(sheets)
}

fn part<R: Read + Seek>(zip: &mut zip::ZipArchive<R>, name: &str) -> Result<Vec<u8>, String> {
    let mut file = zip.by_name(name).map_err(|e| format!("{name}: {e}"))?;
    let mut bytes = Vec::new();
    file.read_to_end(&mut bytes)
        .map_err(|e| format!("{name}: {e}"))?;
    Ok(bytes)
}

/// Relationship id → target, from `xl/_rels/workbook.bin.rels`.
fn relationships<R: Read + Seek>(
    zip: &mut zip::ZipArchive<R>,
) -> Result<HashMap<String, String>, String> {
    let rels = zip
        .by_name("xl/_rels/workbook.bin.rels")
        .map_err(|e| e.to_string())?;
    let mut xml = Reader::from_reader(BufReader::new(rels));
    let mut buf = Vec::new();
    let mut out = HashMap::new();
    loop {
        match xml.read_event_into(&mut buf).map_err(|e| e.to_string())? {
            Event::Start(e) | Event::Empty(e) if e.local_name().as_ref() == "Relationship" => {
                let value = |key: &str| {
                    e.try_get_attribute(key)
                        .ok()
                        .flatten()
                        .and_then(|a| a.normalized_value(XmlVersion::Implicit1_0).ok())
                        .map(|v| v.into_owned())
                };
                if let (Some(id), Some(target)) = (value("Id"), value("Target")) {
                    out.insert(id, target);
                }
            }
            Event::Eof => break,
            _ => {}
        }
        buf.clear();
    }
    Ok(out)
}

/// BrtBundleSh: state (4 bytes), tab id (4), relationship id and name as wide strings.
fn sheet_entry(body: &[u8]) -> Option<(String, String)> {
    let (rel_id, rest) = wide_string(body.get(8..)?)?;
    let (name, _) = wide_string(rest)?;
    Some((rel_id, name))
}

/// A character count (u32) and that many UTF-16LE units; the rest of the buffer after it.
fn wide_string(bytes: &[u8]) -> Option<(String, &[u8])> {
    let len = u32::from_le_bytes(bytes.get(..4)?.try_into().ok()?) as usize;
    let end = len.checked_mul(2)?.checked_add(4)?;
    let units: Vec<u16> = bytes
        .get(4..end)?
        .chunks_exact(2)
        .map(|c| u16::from_le_bytes([c[0], c[1]]))
        .collect();
    Some((String::from_utf16_lossy(&units), bytes.get(end..)?))
}

/// BrtMergeCell: first row, last row, first column, last column (u32 each).
fn merge(body: &[u8]) -> Option<Merge> {
    let at = |i: usize| -> Option<u32> {
        Some(u32::from_le_bytes(body.get(i..i + 4)?.try_into().ok()?))
    };
    Some(Merge {
        first_row: at(0)?,
        last_row: at(4)?,
        first_col: at(8)?,
        last_col: at(12)?,
    })
}

/// The records of a part as (type, body); stops at the end or at a damaged record.
struct Records<'a>(&'a [u8]);

impl<'a> Iterator for Records<'a> {
    type Item = (u16, &'a [u8]);

    fn next(&mut self) -> Option<Self::Item> {
        let bytes = self.0;
        let mut at = 0;
        let mut typ = u16::from(*bytes.first()?);
        at += 1;
        if typ & 0x80 != 0 {
            typ = (typ & 0x7F) | (u16::from(*bytes.get(at)? & 0x7F) << 7);
            at += 1;
        }
        let mut size = 0usize;
        for shift in 0..4 {
            let b = *bytes.get(at)?;
            at += 1;
            size |= usize::from(b & 0x7F) << (7 * shift);
            if b & 0x80 == 0 {
                break;
            }
        }
        let body = bytes.get(at..at + size)?;
        self.0 = &bytes[at + size..];
        Some((typ, body))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A record as Excel writes it: 7-bit type and size bytes, then the body.
    fn record(typ: u16, body: &[u8]) -> Vec<u8> {
        let mut out = if typ < 0x80 {
            vec![typ as u8]
        } else {
            vec![(typ & 0x7F) as u8 | 0x80, (typ >> 7) as u8]
        };
        let mut size = body.len();
        loop {
            let byte = (size & 0x7F) as u8;
            size >>= 7;
            if size == 0 {
                out.push(byte);
                break;
            }
            out.push(byte | 0x80);
        }
        out.extend_from_slice(body);
        out
    }

    #[test]
    fn records_walk_two_byte_types_and_long_sizes() {
        let long = vec![7u8; 300]; // size 300 takes two bytes
        let part = [
            record(0x0081, &[]),
            record(0x0000, &long),
            record(
                MERGE_CELL,
                &[1, 0, 0, 0, 3, 0, 0, 0, 2, 0, 0, 0, 2, 0, 0, 0],
            ),
        ]
        .concat();
        let types: Vec<(u16, usize)> = Records(&part).map(|(t, b)| (t, b.len())).collect();
        assert_eq!(types, [(0x0081, 0), (0x0000, 300), (MERGE_CELL, 16)]);
        let (_, body) = Records(&part).last().expect("merge record");
        let m = merge(body).expect("merge");
        assert_eq!(
            (m.first_row, m.last_row, m.first_col, m.last_col),
            (1, 3, 2, 2)
        );
        // A record cut short ends the walk instead of reading past the part.
        assert_eq!(Records(&part[..part.len() - 1]).count(), 2);
    }

    #[test]
    fn validation_and_conditional_formats_are_found_by_record_type() {
        let data = record(0x0091, &[]);
        assert_eq!(sheet_features(&data), [false, false]);
        let with_dv = [data.clone(), record(BEGIN_DATA_VALIDATIONS, &[0; 18])].concat();
        assert_eq!(sheet_features(&with_dv), [true, false]);
        let with_both = [with_dv, record(BEGIN_CONDITIONAL_FORMATTING, &[0; 8])].concat();
        assert_eq!(sheet_features(&with_both), [true, true]);
    }
}
