//! What calamine does not report about an OpenDocument spreadsheet: merged regions and which
//! number cells are percentages.
//!
//! A merge is a `table:table-cell` with `table:number-columns-spanned` and/or
//! `table:number-rows-spanned`; the cells it covers are `table:covered-table-cell`s. A
//! percentage is a cell with `office:value-type="percentage"`. Rows and cells may repeat
//! (`number-rows-repeated`, `number-columns-repeated`), so positions are counted the way
//! calamine counts them when it reads the values.

use std::collections::{HashMap, HashSet};
use std::io::{BufReader, Read, Seek};

use quick_xml::events::{BytesStart, Event};
use quick_xml::{Reader, XmlVersion};

use super::Merge;

/// Percent cells kept per sheet at most: they only change how values are quoted.
const MAX_PERCENT_CELLS: usize = 1_000_000;

/// One table's merged regions and percentage cells.
#[derive(Default)]
pub(super) struct OdsSheet {
    pub merges: Vec<Merge>,
    pub percent_cells: HashSet<(u32, u32)>,
}

/// Sheet name → its merged regions and percentage cells, from the package's `content.xml`.
pub(super) fn read<R: Read + Seek>(package: R) -> Result<HashMap<String, OdsSheet>, String> {
    let mut zip = zip::ZipArchive::new(package).map_err(|e| e.to_string())?;
    let content = zip.by_name("content.xml").map_err(|e| e.to_string())?;
    let mut xml = Reader::from_reader(BufReader::new(content));
    let mut buf = Vec::new();
    let mut sheets = HashMap::new();
    let mut table: Option<(String, OdsSheet)> = None;
    let (mut row, mut col, mut row_repeats) = (0u64, 0u64, 1u64);
    // The percentage columns of the current row, applied to each of its repeats at its end.
    let mut percent_cols: Vec<u64> = Vec::new();
    loop {
        let event = xml.read_event_into(&mut buf).map_err(|e| e.to_string())?;
        let (start, empty) = match &event {
            Event::Start(e) => (Some(e), false),
            Event::Empty(e) => (Some(e), true),
            _ => (None, false),
        };
        if let Some(e) = start {
            match e.name().as_ref() {
                "table:table" => {
                    let name = attr(e, "table:name").unwrap_or_default();
                    table = Some((name, OdsSheet::default()));
                    row = 0;
                }
                "table:table-row" => {
                    row_repeats = count(e, "table:number-rows-repeated");
                    col = 0;
                    percent_cols.clear();
                    if empty {
                        row = row.saturating_add(row_repeats);
                    }
                }
                "table:table-cell" | "table:covered-table-cell" => {
                    let (cols, rows) = (
                        count(e, "table:number-columns-spanned"),
                        count(e, "table:number-rows-spanned"),
                    );
                    if (cols > 1 || rows > 1)
                        && let Some((_, sheet)) = table.as_mut()
                    {
                        sheet.merges.push(Merge {
                            first_row: clamp(row),
                            first_col: clamp(col),
                            last_row: clamp(row.saturating_add(rows - 1)),
                            last_col: clamp(col.saturating_add(cols - 1)),
                        });
                    }
                    let repeats = count(e, "table:number-columns-repeated");
                    if attr(e, "office:value-type").as_deref() == Some("percentage") {
                        let room = MAX_PERCENT_CELLS.saturating_sub(percent_cols.len()) as u64;
                        percent_cols.extend((col..col.saturating_add(repeats)).take(room as usize));
                    }
                    col = col.saturating_add(repeats);
                }
                _ => {}
            }
        }
        match &event {
            Event::End(e) if e.name().as_ref() == "table:table-row" => {
                if let Some((_, sheet)) = table.as_mut() {
                    'rows: for r in row..row.saturating_add(row_repeats) {
                        for &c in &percent_cols {
                            if sheet.percent_cells.len() >= MAX_PERCENT_CELLS {
                                break 'rows;
                            }
                            sheet.percent_cells.insert((clamp(r), clamp(c)));
                        }
                    }
                }
                row = row.saturating_add(row_repeats)
            }
            Event::End(e) if e.name().as_ref() == "table:table" => {
                if let Some((name, sheet)) = table.take() {
                    sheets.insert(name, sheet);
                }
            }
            Event::Eof => break,
            _ => {}
        }
        buf.clear();
    }
    Ok(sheets)
}

fn attr(e: &BytesStart, name: &str) -> Option<String> {
    e.try_get_attribute(name)
        .ok()
        .flatten()
        .and_then(|a| a.normalized_value(XmlVersion::Implicit1_0).ok())
        .map(|v| v.into_owned())
}

/// A repeat or span count: at least 1.
fn count(e: &BytesStart, name: &str) -> u64 {
    attr(e, name)
        .and_then(|v| v.trim().parse::<u64>().ok())
        .unwrap_or(1)
        .max(1)
}

fn clamp(v: u64) -> u32 {
    u32::try_from(v).unwrap_or(u32::MAX)
}
