//! Memory limits checked before memory is spent: counts a file declares (shared strings,
//! repeated rows and cells) are weighed before calamine sees them, and every row and cell of
//! a workbook counts toward one cap, [`MAX_WORKBOOK_CELLS`], whatever the format.
//!
//! The cap is sized so that no input under 10 MB takes more than 1 GB: a stored cell is
//! 32 bytes (more with its text), and calamine holds a value and a formula per cell of an
//! OpenDocument table while it reads it.

use std::io::{BufReader, Read};

use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};

use super::{EXCEL_COLS, EXCEL_ROWS};

/// The most rows plus cells a whole workbook (every sheet together; a CSV file) may hold,
/// each row counted up to its last value: far beyond any plan (a 100,000-row plan of 30
/// columns is 3 million), small enough to stay well under 1 GB.
pub const MAX_WORKBOOK_CELLS: usize = 10_000_000;

/// The fewest bytes one shared string takes in `sharedStrings.xml` (`<si/>`).
const MIN_SHARED_STRING_BYTES: u64 = 5;

/// The `uniqueCount` an xlsx shared-strings part declares in its `<sst>` tag, read from the
/// first bytes of the part (`head`); `None` when the tag or the attribute is absent.
pub(super) fn declared_shared_strings(head: &[u8]) -> Option<u64> {
    let text = String::from_utf8_lossy(head);
    let tag_start = text.find("sst ")?;
    let tag = &text[tag_start..];
    let tag = &tag[..tag.find('>').unwrap_or(tag.len())];
    let at = tag.find("uniqueCount")?;
    let rest = tag[at + "uniqueCount".len()..].trim_start();
    let rest = rest.strip_prefix('=')?.trim_start();
    let quote = rest.chars().next()?;
    let value = rest.get(1..)?;
    let value = &value[..value.find(quote)?];
    // A count too long for u64 is absurd: report it as the largest.
    Some(value.trim().parse::<u64>().unwrap_or(u64::MAX))
}

/// Why a shared-strings declaration is refused, or `None` when it is plausible: no more
/// strings than the part's `bytes` can hold, and no more than [`MAX_WORKBOOK_CELLS`] (calamine
/// reserves room for every declared string before it reads one).
pub(super) fn shared_strings_refusal(declared: u64, bytes: u64) -> Option<(String, u64)> {
    let room = bytes / MIN_SHARED_STRING_BYTES;
    let limit = room.min(MAX_WORKBOOK_CELLS as u64);
    (declared > limit).then(|| {
        (
            format!(
                "the shared-strings part declares {declared} strings in {bytes} bytes; \
                 refusing to read it"
            ),
            limit,
        )
    })
}

/// The cells calamine will hold while reading an OpenDocument `content.xml`, counted from
/// its rows and the repeat attributes (`table:number-rows-repeated`,
/// `table:number-columns-repeated`) before calamine expands them: per table, the cells of
/// every row as written plus the rectangle up to its last value, twice (a value and a
/// formula per cell), summed over the tables (calamine reads them all at once).
///
/// Stops counting as soon as the total passes [`MAX_WORKBOOK_CELLS`].
pub(super) fn ods_expanded_cells<R: Read>(content: R) -> Result<u64, String> {
    let mut xml = Reader::from_reader(BufReader::new(content));
    let mut buf = Vec::new();
    let mut total: u64 = 0;
    let mut table = TableCount::default();
    let mut depth = 0u32;
    loop {
        let event = xml.read_event_into(&mut buf).map_err(|e| e.to_string())?;
        match &event {
            Event::Start(e) | Event::Empty(e) => {
                let empty = matches!(event, Event::Empty(_));
                match e.name().as_ref() {
                    "table:table" => {
                        depth += 1;
                        if depth == 1 {
                            table = TableCount::default();
                        }
                    }
                    "table:table-row" if depth == 1 => {
                        table.start_row(repeat(e, "table:number-rows-repeated"));
                        if empty {
                            table.end_row();
                        }
                    }
                    "table:table-cell" | "table:covered-table-cell" if depth == 1 => {
                        let has_value = !empty
                            || e.try_get_attribute("office:value-type")
                                .ok()
                                .flatten()
                                .is_some();
                        table.cell(repeat(e, "table:number-columns-repeated"), has_value);
                    }
                    _ => {}
                }
                if empty && e.name().as_ref() == "table:table" {
                    depth = depth.saturating_sub(1);
                }
            }
            Event::End(e) => match e.name().as_ref() {
                "table:table-row" if depth == 1 => table.end_row(),
                "table:table" => {
                    if depth == 1 {
                        total = total.saturating_add(table.cells());
                        if total > MAX_WORKBOOK_CELLS as u64 {
                            return Ok(total);
                        }
                    }
                    depth = depth.saturating_sub(1);
                }
                _ => {}
            },
            Event::Eof => break,
            _ => {}
        }
        buf.clear();
    }
    Ok(total)
}

/// A repeat attribute's value (1 when absent or unreadable, as one row or cell).
fn repeat(e: &BytesStart, name: &str) -> u64 {
    e.try_get_attribute(name)
        .ok()
        .flatten()
        .and_then(|a| a.value.trim().parse::<u64>().ok())
        .unwrap_or(1)
        .max(1)
}

/// The counts of one OpenDocument table, with repeats capped as calamine caps them (at
/// Excel's 1,048,576 rows and 16,384 columns).
#[derive(Default)]
struct TableCount {
    /// Rows so far, repeats included.
    rows: u64,
    /// The row count just before the first row holding a value.
    rows_before_first_value: Option<u64>,
    /// The row count just after the last row holding a value.
    rows_to_last_value: u64,
    /// The widest row, up to its last value.
    width: u64,
    /// Cells calamine stores row by row before it expands repeated rows.
    written: u64,
    /// The current row: its repeat count, its position, the end of its last value.
    row_repeats: u64,
    col: u64,
    row_end: u64,
}

impl TableCount {
    fn start_row(&mut self, repeats: u64) {
        self.row_repeats = repeats;
        self.col = 0;
        self.row_end = 0;
    }
    fn cell(&mut self, repeats: u64, has_value: bool) {
        self.col = self.col.saturating_add(repeats).min(u64::from(EXCEL_COLS));
        if has_value {
            self.row_end = self.col;
        }
    }
    fn end_row(&mut self) {
        let repeats = self
            .row_repeats
            .min(u64::from(EXCEL_ROWS).saturating_sub(self.rows));
        if self.row_end > 0 && self.rows_before_first_value.is_none() {
            self.rows_before_first_value = Some(self.rows);
        }
        self.rows += repeats;
        self.written = self.written.saturating_add(self.row_end);
        if self.row_end > 0 {
            self.width = self.width.max(self.row_end);
            self.rows_to_last_value = self.rows;
        }
        self.row_end = 0;
    }
    fn cells(&self) -> u64 {
        let first = self
            .rows_before_first_value
            .unwrap_or(self.rows_to_last_value);
        let dense = (self.rows_to_last_value - first).saturating_mul(self.width);
        dense.saturating_add(self.written).saturating_mul(2)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_declared_unique_count() {
        let head = br#"<?xml version="1.0"?><sst xmlns="x" count="9" uniqueCount="4000000000">"#;
        assert_eq!(declared_shared_strings(head), Some(4_000_000_000));
        let head = br#"<x:sst count='3' uniqueCount = '2' xmlns:x="x">"#;
        assert_eq!(declared_shared_strings(head), Some(2));
        assert_eq!(declared_shared_strings(br#"<sst count="3">"#), None);
        let huge = br#"<sst uniqueCount="99999999999999999999999">"#;
        assert_eq!(declared_shared_strings(huge), Some(u64::MAX));
    }

    #[test]
    fn refuses_counts_the_part_cannot_hold() {
        assert!(shared_strings_refusal(4_000_000_000, 2_000).is_some());
        assert!(shared_strings_refusal(401, 2_000).is_some());
        assert!(shared_strings_refusal(400, 2_000).is_none());
        assert!(shared_strings_refusal(20_000_000, 1 << 30).is_some());
    }

    fn content(rows: &str) -> String {
        format!(
            "<office:document-content><office:body><office:spreadsheet>\
             <table:table table:name=\"A\">{rows}</table:table>\
             </office:spreadsheet></office:body></office:document-content>"
        )
    }

    #[test]
    fn counts_repeated_rows_and_cells_before_expanding_them() {
        let plain = content(
            "<table:table-row><table:table-cell office:value-type=\"string\"><text:p>a</text:p>\
             </table:table-cell><table:table-cell/></table:table-row>",
        );
        assert_eq!(ods_expanded_cells(plain.as_bytes()).unwrap(), 4);
        // A value repeated across 10,000 columns, its row repeated 10,000 times.
        let bomb = content(
            "<table:table-row table:number-rows-repeated=\"10000\">\
             <table:table-cell table:number-columns-repeated=\"10000\" office:value-type=\"float\" \
             office:value=\"1\"/></table:table-row>",
        );
        assert!(ods_expanded_cells(bomb.as_bytes()).unwrap() > MAX_WORKBOOK_CELLS as u64);
        // Trailing empty cells and rows are not expanded, however often they repeat.
        let blank_tail = content(
            "<table:table-row><table:table-cell office:value-type=\"float\"/>\
             <table:table-cell table:number-columns-repeated=\"16384\"/></table:table-row>\
             <table:table-row table:number-rows-repeated=\"1048575\"><table:table-cell/>\
             </table:table-row>",
        );
        assert_eq!(ods_expanded_cells(blank_tail.as_bytes()).unwrap(), 4);
    }
}
