//! A plan sheet's cells made ready away from the worksheet, then handed to it in order.
//!
//! Working out a cell (its value as the plan reads it, its format key, its formula text and
//! result, the width and numbers it notes) is ours; storing it is rust_xlsxwriter's, on the
//! one thread that holds the worksheet and its formats. On a big goal sheet the two take
//! comparable time, so rows are made ready in batches, each while the batch before is
//! written ([`pipelined`]). The worksheet sees the same calls, in the same order, whatever
//! the threads: its shared strings and formats are numbered by first use.

use std::ops::Range;

use rust_xlsxwriter::{Color, ExcelDateTime, Format, FormatAlign, Formula, Worksheet, XlsxError};

use super::cell_style::{FmtKey, Formats};

/// Rows made ready at once: enough that handing a batch over costs nothing next to it, few
/// enough that a batch's cells (about 20 a row) take little memory.
const ROWS_AT_ONCE: u32 = 1_024;

/// One worksheet call, ready to make.
pub(crate) struct PreparedCell {
    pub row: u32,
    pub col: u16,
    pub fmt: CellFmt,
    pub value: Value,
}

/// What a prepared cell holds.
pub(crate) enum Value {
    Number(f64),
    Text(String),
    Bool(bool),
    Date(ExcelDateTime),
    Formula(Formula),
    /// An empty cell with its format (written only with one).
    Blank,
    /// A merged range from this cell to (last row, last column), empty, with its format.
    Merge(u32, u16),
}

/// The format a prepared cell is written with.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum CellFmt {
    /// Written without a format.
    None,
    /// The sheet's format of a key (see [`Formats`]).
    Key(FmtKey),
    /// One of the appended goal columns' own formats.
    Goal(GoalFmt),
}

/// The fixed formats of the columns appended to the goal sheet.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum GoalFmt {
    /// The score, centred.
    Center,
    /// SMART marks with a failed letter: dark red.
    Fail,
    /// SMART marks all passed: dark green.
    Pass,
    /// The helper formulas' results: General.
    Number,
}

/// What a batch is written with: the sheet's formats by key and the goal columns' own.
pub(crate) struct Writer<'a> {
    formats: Formats<'a>,
    center: Format,
    fail: Format,
    pass: Format,
    number: Format,
    /// For a blank or merged cell prepared without a format (none is).
    plain: Format,
}

impl<'a> Writer<'a> {
    pub fn new(formats: Formats<'a>) -> Self {
        Writer {
            formats,
            center: Format::new().set_align(FormatAlign::Center),
            fail: Format::new().set_font_color(Color::RGB(0x9C0006)),
            pass: Format::new().set_font_color(Color::RGB(0x006100)),
            number: Format::new().set_num_format("General"),
            plain: Format::new(),
        }
    }

    /// Make the cells' calls, in order.
    pub fn write(&mut self, ws: &mut Worksheet, cells: Vec<PreparedCell>) -> Result<(), XlsxError> {
        for cell in cells {
            self.put(ws, cell)?;
        }
        Ok(())
    }

    fn put(&mut self, ws: &mut Worksheet, cell: PreparedCell) -> Result<(), XlsxError> {
        let PreparedCell {
            row: r,
            col: c,
            fmt,
            value,
        } = cell;
        let format = match fmt {
            CellFmt::None => None,
            CellFmt::Key(key) => Some(self.formats.get(key)),
            CellFmt::Goal(GoalFmt::Center) => Some(&self.center),
            CellFmt::Goal(GoalFmt::Fail) => Some(&self.fail),
            CellFmt::Goal(GoalFmt::Pass) => Some(&self.pass),
            CellFmt::Goal(GoalFmt::Number) => Some(&self.number),
        };
        match (value, format) {
            (Value::Number(x), None) => ws.write_number(r, c, x),
            (Value::Number(x), Some(f)) => ws.write_number_with_format(r, c, x, f),
            (Value::Text(t), None) => ws.write_string(r, c, t),
            (Value::Text(t), Some(f)) => ws.write_string_with_format(r, c, t, f),
            (Value::Bool(b), None) => ws.write_boolean(r, c, b),
            (Value::Bool(b), Some(f)) => ws.write_boolean_with_format(r, c, b, f),
            (Value::Date(d), None) => ws.write_datetime(r, c, d),
            (Value::Date(d), Some(f)) => ws.write_datetime_with_format(r, c, d, f),
            (Value::Formula(x), None) => ws.write_formula(r, c, x),
            (Value::Formula(x), Some(f)) => ws.write_formula_with_format(r, c, x, f),
            (Value::Blank, f) => ws.write_blank(r, c, f.unwrap_or(&self.plain)),
            (Value::Merge(lr, lc), f) => ws.merge_range(r, c, lr, lc, "", f.unwrap_or(&self.plain)),
        }?;
        Ok(())
    }
}

/// Rows `rows`, in batches of [`ROWS_AT_ONCE`]: each batch made ready by `prepare` (in row
/// order, so what it tallies comes out as if done row by row), then given to `write` while
/// the next is made ready (at once where there are threads). Stops at the first error.
pub(crate) fn pipelined<P, W, E>(rows: Range<u32>, mut prepare: P, mut write: W) -> Result<(), E>
where
    P: FnMut(Range<u32>) -> Vec<PreparedCell> + Send,
    W: FnMut(Vec<PreparedCell>) -> Result<(), E> + Send,
    E: Send,
{
    let batches = rows
        .clone()
        .step_by(ROWS_AT_ONCE as usize)
        .map(|start| start..start.saturating_add(ROWS_AT_ONCE).min(rows.end));
    let mut ready: Vec<PreparedCell> = Vec::new();
    for batch in batches {
        let written;
        (written, ready) =
            crate::par::join(|| write(std::mem::take(&mut ready)), || prepare(batch));
        written?;
    }
    write(ready)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn batches_are_prepared_and_written_in_row_order() {
        let mut prepared = Vec::new();
        let mut written = Vec::new();
        let cell = |r: u32| PreparedCell {
            row: r,
            col: 0,
            fmt: CellFmt::None,
            value: Value::Number(f64::from(r)),
        };
        let done: Result<(), ()> = pipelined(
            3..2_500,
            |rows| {
                prepared.push(rows.clone());
                rows.map(cell).collect()
            },
            |cells| {
                written.extend(cells.into_iter().map(|c| c.row));
                Ok(())
            },
        );
        assert_eq!(done, Ok(()));
        assert_eq!(prepared, [3..1_027, 1_027..2_051, 2_051..2_500]);
        assert_eq!(written, (3..2_500).collect::<Vec<_>>());
    }

    #[test]
    fn a_failed_write_stops_the_rows() {
        let mut batches = 0;
        let done = pipelined(
            0..10_000,
            |rows| {
                vec![PreparedCell {
                    row: rows.start,
                    col: 0,
                    fmt: CellFmt::None,
                    value: Value::Blank,
                }]
            },
            |cells| {
                batches += 1;
                if cells.first().is_some_and(|c| c.row >= 2_048) {
                    Err("full")
                } else {
                    Ok(())
                }
            },
        );
        assert_eq!(done, Err("full"));
        // An empty first hand-over, then rows 0, 1,024 and 2,048.
        assert_eq!(batches, 4);
    }
}
