//! Delimited text files (CSV and its kin): the encoding worked out or forced, the delimiter
//! declared (`sep=`) or sniffed, every record one row of text cells.

use std::collections::HashMap;
use std::path::Path;

use super::{CellValue, Format, Grid, MAX_WORKBOOK_CELLS, OriginalParts, Sheet};
use crate::error::{Error, Result};

/// Refuse a text file whose start (`head`, as decoded) is blank ([`Error::Empty`]) or holds
/// more than a few control characters in its first 4,096 ([`Error::Corrupt`]: binary data).
pub fn refuse_empty_or_binary(path: &Path, head: &str) -> Result<()> {
    if head.trim().is_empty() {
        return Err(Error::Empty {
            path: path.to_path_buf(),
        });
    }
    let controls = head
        .chars()
        .take(4096)
        .filter(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t'))
        .count();
    if controls > 8 {
        return Err(Error::Corrupt {
            path: path.to_path_buf(),
            expected: "text (CSV)",
            detail: "it holds binary data".into(),
        });
    }
    Ok(())
}

/// Read a delimited text file: transcode the whole file, then sniff the delimiter and split.
pub(super) fn read_text(path: &Path, bytes: Vec<u8>, encoding: Option<&str>) -> Result<Grid> {
    let (text, encoding_name) = decode_text(path, &bytes, encoding)?;
    drop(bytes);
    refuse_empty_or_binary(path, &text)?;
    let is_tsv = path
        .extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("tsv"));
    // Excel's `sep=;` first line names the delimiter; it is not a row of the sheet.
    let (declared, text) = match declared_delimiter(&text) {
        Some((d, rest)) => (Some(d), rest),
        None => (None, text.as_str()),
    };
    let delimiter = match declared {
        Some(d) => d,
        None if is_tsv => b'\t',
        None => sniff_delimiter(text),
    };
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(text.as_bytes());
    let name = path
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or("sheet")
        .to_string();
    let mut rows = Vec::new();
    // Rows and cells count toward the same cap as a workbook's.
    let mut used = 0usize;
    for record in reader.records() {
        let record = record.map_err(|e| Error::Corrupt {
            path: path.to_path_buf(),
            expected: "CSV",
            detail: e.to_string(),
        })?;
        // Counted before the row is built: one line may hold millions of fields.
        used = used.saturating_add(1 + record.len());
        if used > MAX_WORKBOOK_CELLS {
            return Err(Error::TooManyCells {
                path: path.to_path_buf(),
                sheet: name,
                limit: MAX_WORKBOOK_CELLS,
            });
        }
        let mut row: Vec<CellValue> = record
            .iter()
            .map(|s| {
                if s.trim().is_empty() {
                    CellValue::Empty
                } else {
                    CellValue::String(s.to_string())
                }
            })
            .collect();
        while matches!(row.last(), Some(CellValue::Empty)) {
            row.pop();
        }
        rows.push(row);
    }
    Ok(Grid {
        path: path.to_path_buf(),
        format: Format::Csv,
        encoding: Some(encoding_name),
        sheets: vec![Sheet::new(name, rows, Vec::new(), false)],
        parts: OriginalParts::default(),
        defined_names: Vec::new(),
        delimiter: Some(char::from(delimiter)),
        source: None,
    })
}

/// Decode a text file: BOM, then BOM-less UTF-16, then valid UTF-8, then chardetng's guess
/// leaning to GBK (Chinese Excel's and WPS's CSV encoding) where the text is too short to
/// tell; `forced` overrides.
pub fn decode_text(path: &Path, bytes: &[u8], forced: Option<&str>) -> Result<(String, String)> {
    use encoding_rs::{Encoding, UTF_8};
    let encoding: &'static Encoding = if let Some(label) = forced {
        let label = label.trim();
        let canonical = match label.to_ascii_lowercase().as_str() {
            "utf16" | "utf-16" => "utf-16le",
            "cp1252" => "windows-1252",
            "cp936" => "gbk",
            other => other,
        }
        .to_string();
        Encoding::for_label(canonical.as_bytes()).ok_or_else(|| Error::UnknownEncoding {
            path: path.to_path_buf(),
            name: label.to_string(),
        })?
    } else if let Some((enc, _)) = Encoding::for_bom(bytes) {
        enc
    } else if let Some(enc) = utf16_without_bom(bytes) {
        // Before the UTF-8 check: ASCII text in UTF-16 is valid UTF-8, NULs and all.
        enc
    } else if std::str::from_utf8(bytes).is_ok() {
        UTF_8
    } else {
        let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
        detector.feed(bytes, true);
        detector.guess(Some(b"cn"), chardetng::Utf8Detection::Deny)
    };
    // decode() strips a BOM (and follows it, even over a forced choice: a BOM does not lie).
    let (text, used, _had_errors) = encoding.decode(bytes);
    // GBK files are detected as their superset GB18030; users know them as GBK.
    let name = match used.name() {
        "gb18030" | "GBK" => "GBK".to_string(),
        other => other.to_string(),
    };
    Ok((text.into_owned(), name))
}

/// UTF-16 without a BOM: every other byte zero in the head of an ASCII-heavy file.
fn utf16_without_bom(bytes: &[u8]) -> Option<&'static encoding_rs::Encoding> {
    let head = &bytes[..bytes.len().min(512)];
    if head.len() < 8 {
        return None;
    }
    let zeros_odd = head.iter().skip(1).step_by(2).filter(|b| **b == 0).count();
    let zeros_even = head.iter().step_by(2).filter(|b| **b == 0).count();
    let half = head.len() / 2;
    if zeros_odd * 10 > half * 6 && zeros_even == 0 {
        Some(encoding_rs::UTF_16LE)
    } else if zeros_even * 10 > half * 6 && zeros_odd == 0 {
        Some(encoding_rs::UTF_16BE)
    } else {
        None
    }
}

/// A `sep=X` first line (Excel writes and reads it to name a CSV's delimiter): the
/// delimiter and the text after that line. Only `,` `;` tab and `|` are taken.
pub fn declared_delimiter(text: &str) -> Option<(u8, &str)> {
    let (first, rest) = match text.find('\n') {
        Some(at) => (&text[..at], &text[at + 1..]),
        None => (text, ""),
    };
    let first = first.trim_end_matches('\r').trim_start_matches('\u{FEFF}');
    let line = first.trim_start_matches(' ');
    let value = line
        .strip_prefix("sep=")
        .or_else(|| line.strip_prefix("SEP="))?
        .trim_end_matches(' ')
        .trim_matches('"');
    match value.as_bytes() {
        [d @ (b',' | b';' | b'\t' | b'|')] => Some((*d, rest)),
        _ => None,
    }
}

/// The delimiter among `,` `;` tab `|` that splits the first lines most consistently.
pub fn sniff_delimiter(text: &str) -> u8 {
    let lines: Vec<&str> = text
        .lines()
        .filter(|l| !l.trim().is_empty())
        .take(30)
        .collect();
    let mut best = (b',', 0usize);
    for delim in [b',', b';', b'\t', b'|'] {
        let counts: Vec<usize> = lines
            .iter()
            .map(|l| count_outside_quotes(l, delim as char))
            .collect();
        // Score: lines where the delimiter appears, weighted by how often the most common
        // count repeats (a real delimiter splits most lines into the same number of fields).
        let mut freq: HashMap<usize, usize> = HashMap::new();
        for &c in counts.iter().filter(|c| **c > 0) {
            *freq.entry(c).or_default() += 1;
        }
        let mode = freq.values().copied().max().unwrap_or(0);
        let present = counts.iter().filter(|c| **c > 0).count();
        let score = mode * 4 + present;
        if score > best.1 {
            best = (delim, score);
        }
    }
    best.0
}

fn count_outside_quotes(line: &str, delim: char) -> usize {
    let mut in_quotes = false;
    let mut n = 0;
    for ch in line.chars() {
        if ch == '"' {
            in_quotes = !in_quotes;
        } else if ch == delim && !in_quotes {
            n += 1;
        }
    }
    n
}
