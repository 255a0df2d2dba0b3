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
#[derive(Clone)]
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
    /// A streamed sheet's appended goal columns carry their format as a column format while
    /// the rows are written ([`ColumnFormats`]); `None` for a sheet held in memory.
    columns: Option<ColumnFormats>,
}

/// The appended goal columns' formats set on their columns while a streamed sheet's rows are
/// written, so that their cells are stored without a format of their own and take the
/// column's: rust_xlsxwriter hashes a cell's whole [`Format`] to number it (about a sixth of
/// writing a big goal sheet, on the thread every other step waits for), a column's once.
///
/// The file is byte for byte what writing every cell with its format gives. That holds
/// because a streamed worksheet gives a cell without a format its column's format when its
/// row is written out, which is when the next row begins (or when the workbook is saved, for
/// the last row), and the column formats are put back before the save:
/// - a column's format is changed only just after one of its cells has been stored, so the
///   change reaches that cell's row and no row before it;
/// - a cell prepared without a format, in a column carrying one, takes the column back to
///   none (just after it is stored);
/// - the last row's cells are held back until a later row comes, or to the end: there they
///   are written with their own formats and the columns put back to none, so the save writes
///   the columns (`<cols>`) as before, and the last row with its own formats.
///
/// Only the columns the caller names carry a format: setting one adds the column to
/// `<cols>`, so each must be given a width or hidden after the rows anyway (the goal sheet's
/// appended columns are). Not for a sheet with merged cells (a merge stores several cells in
/// one call) or one held in memory (its rows are written out only at the save).
struct ColumnFormats {
    /// Whether a column may carry a format, by column.
    may_carry: Vec<bool>,
    /// The goal format each column carries now, by column.
    carried: Vec<Option<GoalFmt>>,
    /// The cells of the last row given so far.
    held: Vec<PreparedCell>,
}

impl<'a> Writer<'a> {
    /// A writer for a sheet held in memory, or one that has merged cells: every cell is
    /// written with its own format.
    pub fn new(formats: Formats<'a>) -> Self {
        Writer {
            formats,
            center: Format::new().set_align(FormatAlign::Center),
            fail: Format::new().set_font_color(Color::RGB(0x9C0006)),
            pass: Format::new().set_font_color(Color::RGB(0x006100)),
            number: Format::new().set_num_format("General"),
            plain: Format::new(),
            columns: None,
        }
    }

    /// A writer for a streamed sheet without merged cells: the appended goal columns
    /// `may_carry` names, each given a width or hidden after the rows, carry their format as
    /// a column format ([`ColumnFormats`]). Call [`Writer::finish`] after the last batch.
    pub fn streamed(formats: Formats<'a>, may_carry: impl IntoIterator<Item = u16>) -> Self {
        let mut allowed = Vec::new();
        for c in may_carry {
            let c = usize::from(c);
            if allowed.len() <= c {
                allowed.resize(c + 1, false);
            }
            if let Some(slot) = allowed.get_mut(c) {
                *slot = true;
            }
        }
        Writer {
            columns: Some(ColumnFormats {
                may_carry: allowed,
                carried: Vec::new(),
                held: Vec::new(),
            }),
            ..Writer::new(formats)
        }
    }

    /// Make the cells' calls, in order.
    pub fn write(&mut self, ws: &mut Worksheet, cells: Vec<PreparedCell>) -> Result<(), XlsxError> {
        let Some(mut columns) = self.columns.take() else {
            for cell in cells {
                self.put(ws, cell)?;
            }
            return Ok(());
        };
        // The cells of the last row given so far wait for a later row; every cell before
        // them is written now.
        let mut given = std::mem::take(&mut columns.held);
        given.extend(cells);
        let last_row = given.last().map(|c| c.row);
        let mut written = Ok(());
        for cell in given {
            if Some(cell.row) == last_row {
                columns.held.push(cell);
            } else if written.is_ok() {
                written = self.put_carried(ws, &mut columns, cell);
            }
        }
        self.columns = Some(columns);
        written
    }

    /// Write the cells held back (the sheet's last row) with their own formats and take
    /// every column's format back to none. A writer for a sheet held in memory has nothing
    /// to do here.
    pub fn finish(&mut self, ws: &mut Worksheet) -> Result<(), XlsxError> {
        let Some(columns) = self.columns.take() else {
            return Ok(());
        };
        let mut held = columns.held.into_iter();
        // The row before is written out as this row's first cell is stored: with the column
        // formats it was written with.
        if let Some(first) = held.next() {
            self.put(ws, first)?;
        }
        for (c, carried) in columns.carried.iter().enumerate() {
            if carried.is_some() {
                ws.set_column_format(col_of(c), &Format::default())?;
            }
        }
        for cell in held {
            self.put(ws, cell)?;
        }
        Ok(())
    }

    /// Write `cell` with its column's format where it is an appended goal column's, else with
    /// its own; then set the column's format as the cell needs (see [`ColumnFormats`]).
    fn put_carried(
        &mut self,
        ws: &mut Worksheet,
        columns: &mut ColumnFormats,
        cell: PreparedCell,
    ) -> Result<(), XlsxError> {
        let c = usize::from(cell.col);
        let carried = columns.carried.get(c).copied().flatten();
        let may_carry = columns.may_carry.get(c).copied().unwrap_or(false);
        // Numbers, texts and formulas only: rust_xlsxwriter stores an empty text with a
        // format as a blank cell but drops one without, and treats dates, blanks and merges
        // apart (the goal columns write none of these).
        let stored_alike = match &cell.value {
            Value::Number(_) | Value::Formula(_) | Value::Bool(_) => true,
            Value::Text(t) => !t.is_empty(),
            Value::Date(_) | Value::Blank | Value::Merge(..) => false,
        };
        let wanted = match cell.fmt {
            CellFmt::Goal(goal) if may_carry && stored_alike => Some(goal),
            _ => None,
        };
        let Some(goal) = wanted else {
            let unformatted = cell.fmt == CellFmt::None;
            self.put(ws, cell)?;
            if unformatted && carried.is_some() {
                ws.set_column_format(col_of(c), &Format::default())?;
                set_carried(columns, c, None);
            }
            return Ok(());
        };
        self.put(
            ws,
            PreparedCell {
                fmt: CellFmt::None,
                ..cell
            },
        )?;
        if carried != Some(goal) {
            ws.set_column_format(col_of(c), self.goal_format(goal))?;
            set_carried(columns, c, Some(goal));
        }
        Ok(())
    }

    fn goal_format(&self, goal: GoalFmt) -> &Format {
        match goal {
            GoalFmt::Center => &self.center,
            GoalFmt::Fail => &self.fail,
            GoalFmt::Pass => &self.pass,
            GoalFmt::Number => &self.number,
        }
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
            CellFmt::Goal(goal) => Some(self.goal_format(goal)),
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

/// Column `c` of [`ColumnFormats::carried`] (a cell's own column, so it fits).
fn col_of(c: usize) -> u16 {
    u16::try_from(c).unwrap_or(u16::MAX)
}

fn set_carried(columns: &mut ColumnFormats, c: usize, goal: Option<GoalFmt>) {
    if columns.carried.len() <= c {
        columns.carried.resize(c + 1, None);
    }
    if let Some(slot) = columns.carried.get_mut(c) {
        *slot = goal;
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

    /// Batches of cells as (row, column, format, value).
    type Batches = Vec<Vec<(u32, u16, CellFmt, Value)>>;

    /// A streamed sheet written in `batches` by [`Writer::streamed`] (`carried`), else by
    /// [`Writer::new`]; `finished` or not; saved.
    fn saved(
        batches: &[Vec<(u32, u16, CellFmt, Value)>],
        carried: bool,
        finished: bool,
    ) -> Vec<u8> {
        let dir = tempfile::tempdir().unwrap();
        let mut workbook = rust_xlsxwriter::Workbook::new();
        workbook.set_tempdir(dir.path()).unwrap();
        let mut ws = workbook.new_worksheet_with_low_memory().unwrap();
        let mut writer = if carried {
            // Column 5 is not named: a goal format there is the cell's own.
            Writer::streamed(Formats::new(None), [1, 2, 3])
        } else {
            Writer::new(Formats::new(None))
        };
        for batch in batches {
            let cells = batch
                .iter()
                .map(|(row, col, fmt, value)| PreparedCell {
                    row: *row,
                    col: *col,
                    fmt: *fmt,
                    value: value.clone(),
                })
                .collect();
            writer.write(&mut ws, cells).unwrap();
        }
        if finished {
            writer.finish(&mut ws).unwrap();
        }
        // As the goal sheet sizes its appended columns, after the rows.
        for c in [1, 2, 3] {
            ws.set_column_width(c, 12).unwrap();
        }
        workbook.push_worksheet(ws);
        workbook.save_to_buffer().unwrap()
    }

    #[test]
    fn carried_column_formats_give_the_bytes_of_formats_cell_by_cell() {
        use CellFmt::{Goal, Key, None as Plain};
        use GoalFmt::{Center, Fail, Number, Pass};
        let header = Key(FmtKey {
            header: true,
            ..FmtKey::default()
        });
        let text = |t: &str| Value::Text(t.to_string());
        let n = Value::Number;
        let cases: Vec<(&str, Batches)> = vec![
            (
                "a header, then goal rows whose marks pass and fail in turn",
                vec![
                    vec![(0, 1, header, text("SMART")), (0, 2, header, text("Score"))],
                    vec![
                        (1, 1, Goal(Pass), text("SMART")),
                        (1, 2, Goal(Center), n(5.0)),
                        (2, 1, Goal(Fail), text("S·ART")),
                        (2, 2, Goal(Center), n(4.0)),
                        (3, 1, Goal(Fail), text("S·A·T")),
                        (4, 1, Goal(Pass), text("SMART")),
                    ],
                    vec![
                        (5, 1, Goal(Pass), text("SMART")),
                        (5, 2, Goal(Center), n(5.0)),
                    ],
                ],
            ),
            (
                "cells without a format in a column that carried one, and back",
                vec![vec![
                    (1, 3, Goal(Number), n(1.0)),
                    (2, 3, Plain, n(2.0)),
                    (2, 4, Plain, text("kept plain")),
                    (3, 3, Goal(Number), n(3.0)),
                    (4, 3, Plain, Value::Blank),
                    (5, 3, Key(FmtKey::default()), n(5.0)),
                    (6, 3, Goal(Number), n(6.0)),
                    (6, 5, Goal(Number), n(7.0)),
                    (7, 5, Goal(Number), n(8.0)),
                    (8, 3, Goal(Number), text("")),
                    (8, 2, Goal(Center), Value::Blank),
                    (9, 3, Goal(Number), n(9.0)),
                ]],
            ),
            (
                "the last row relies on nothing: its batch is the last one given, or an empty one follows",
                vec![
                    vec![(1, 1, Goal(Center), n(1.0))],
                    vec![(2, 1, Goal(Center), n(2.0)), (2, 2, Goal(Pass), text("x"))],
                    vec![],
                ],
            ),
            (
                "a row split across two batches, then rows with gaps",
                vec![
                    vec![(1, 1, Goal(Center), n(1.0))],
                    vec![(1, 2, Goal(Center), n(2.0)), (7, 1, Plain, n(3.0))],
                    vec![],
                    vec![
                        (40, 2, Goal(Fail), text("y")),
                        (40, 1, Goal(Center), n(4.0)),
                    ],
                ],
            ),
            ("nothing at all", vec![vec![], vec![]]),
        ];
        for (what, batches) in &cases {
            assert!(
                saved(batches, true, true) == saved(batches, false, true),
                "{what}: the files differ"
            );
        }
        // Unfinished, the last row is never written and its columns keep their formats.
        let (_, goal_rows) = &cases[0];
        assert!(saved(goal_rows, true, false) != saved(goal_rows, false, true));
    }
}
