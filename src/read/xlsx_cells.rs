//! An xlsx sheet's cells through calamine, with what calamine's pass notes beside them (the
//! numbers shown as percentages, each cell's style): in one pass, or — for a big part written
//! plainly — in two halves at once ([`super::split`]).

use std::collections::{HashMap, HashSet};
use std::io::Cursor;

use calamine::{DataRef, Reader};

use super::split::Halves;
use super::{CellRefused, SparseRows, as_spreadsheet_reader, look};

/// A sheet's cells as read, with the cells shown as percentages and the cells' styles.
pub(super) struct XlsxCells {
    pub cells: SparseRows,
    pub percent_cells: HashSet<(u32, u32)>,
    pub styles: look::StyledCells,
}

/// Why a sheet's cells could not be read.
pub(super) enum Failed {
    Calamine(calamine::XlsxError),
    Refused(CellRefused),
}

/// Sheet `sheet` of `book` (the package `bytes`): cut in `halves` of its part where given —
/// read in one pass when the halves do not give exactly what one pass gives — with `used`
/// rows and cells of the workbook read before it. `formulas` are the sheet's, read first: an
/// empty formula cell keeps its percentage style for the result computed later. Styles are
/// noted when `styled`.
pub(super) fn read(
    book: &mut calamine::Xlsx<Cursor<&[u8]>>,
    sheet: &str,
    bytes: &[u8],
    halves: Option<(&str, Halves)>,
    formulas: &HashMap<(u32, u32), String>,
    styled: bool,
    used: usize,
) -> Result<XlsxCells, Failed> {
    if let Some((part, halves)) = halves {
        let mut read = XlsxCells::new(used);
        // A half calamine panics on is read again in one pass too, which panics or not as
        // calamine does on the whole part.
        let in_halves = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            read_halves(bytes, part, sheet, halves, formulas, styled, &mut read)
        }))
        .unwrap_or(false);
        #[cfg(test)]
        super::split_equivalence::note_cut(sheet, in_halves);
        if in_halves {
            return Ok(read);
        }
    }
    let mut read = XlsxCells::new(used);
    let mut reader = book
        .worksheet_cells_reader(sheet)
        .map_err(Failed::Calamine)?;
    let (cells, mut notes) = read.notes(percent_styles(reader.styles()), formulas, styled);
    cells
        .put_all(|send| {
            while let Some((c, style)) = reader.next_cell_with_style_id()? {
                let data = c.get_value().clone();
                notes.note(c.get_position(), ValueKind::of(&data), style);
                if !send((c.get_position(), data)) {
                    break;
                }
            }
            Ok(())
        })
        .map_err(Failed::Calamine)?
        .map_err(Failed::Refused)?;
    Ok(read)
}

impl XlsxCells {
    fn new(used: usize) -> XlsxCells {
        XlsxCells {
            cells: SparseRows {
                rows: Vec::new(),
                used,
                last_len: 0,
            },
            percent_cells: HashSet::new(),
            styles: look::StyledCells::default(),
        }
    }

    /// The cells to put values in, and the notes beside them.
    fn notes<'a>(
        &'a mut self,
        percent_styles: Vec<bool>,
        formulas: &'a HashMap<(u32, u32), String>,
        styled: bool,
    ) -> (&'a mut SparseRows, CellNotes<'a>) {
        let notes = CellNotes {
            percent_styles,
            formulas,
            percent_cells: &mut self.percent_cells,
            styles: &mut self.styles,
            styled,
        };
        (&mut self.cells, notes)
    }
}

/// Read the sheet in two halves at once: the first half's cells put into `read` as calamine
/// hands them over on this thread, while the other thread reads the second half into cells
/// of its own, added below them after.
///
/// `false` when the halves do not give exactly what one pass over the part gives — a half
/// calamine cannot read (a panic is the caller's to catch), a cut where one pass is not between two rows, a cell of
/// one half among the other's rows (the copy's part is then not where calamine read the
/// sheet), a cell `read` refuses — and the caller reads the sheet in one pass, which also
/// reports any error as one pass does.
fn read_halves(
    bytes: &[u8],
    part: &str,
    sheet: &str,
    halves: Halves,
    formulas: &HashMap<(u32, u32), String>,
    styled: bool,
    read: &mut XlsxCells,
) -> bool {
    let open = |pieces: &[&[u8]]| -> Option<calamine::Xlsx<Cursor<Vec<u8>>>> {
        let package = super::split::package_with(bytes, part, pieces)?;
        calamine::Xlsx::new(Cursor::new(package)).ok()
    };
    let Some(mut first_book) = open(&halves.first_part()) else {
        return false;
    };
    let Ok(mut first) = first_book.worksheet_cells_reader(sheet) else {
        return false;
    };
    let second_row = halves.second_row;
    // The second half on the other thread, into cells of its own (as if the sheet's rows
    // above it were empty), with its own notes.
    let read_second = || -> Option<XlsxCells> {
        if !halves.first_half_is_whole_rows() {
            return None;
        }
        let mut book = open(&halves.second_part())?;
        let mut reader = book.worksheet_cells_reader(sheet).ok()?;
        let mut second = XlsxCells::new(0);
        let (cells, mut notes) = second.notes(percent_styles(reader.styles()), formulas, styled);
        while let Some((c, style)) = reader.next_cell_with_style_id().ok()? {
            let at = c.get_position();
            if at.0 < second_row {
                return None;
            }
            let data = c.get_value().clone();
            notes.note(at, ValueKind::of(&data), style);
            cells.put(at, data.into()).ok()?;
        }
        Some(second)
    };
    let (cells, mut notes) = read.notes(percent_styles(first.styles()), formulas, styled);
    let mut second = None;
    let put = cells.put_all(|send| -> Result<(), ()> {
        let first_read;
        (first_read, second) = crate::par::join(
            || -> Option<()> {
                while let Some((c, style)) = first.next_cell_with_style_id().ok()? {
                    let at = c.get_position();
                    if at.0 >= second_row {
                        return None;
                    }
                    let data = c.get_value().clone();
                    notes.note(at, ValueKind::of(&data), style);
                    if !send((at, data)) {
                        return None;
                    }
                }
                Some(())
            },
            || as_spreadsheet_reader(read_second),
        );
        first_read.ok_or(())
    });
    drop(first);
    drop(first_book);
    let (Ok(Ok(())), Some(second)) = (put, second) else {
        return false;
    };
    if !read.cells.append_below(second_row, second.cells) {
        return false;
    }
    read.percent_cells.extend(second.percent_cells);
    read.styles.append(second.styles);
    true
}

/// What calamine's pass over an xlsx sheet notes beside each cell's value: the numbers shown
/// as percentages, and each cell's style for the look.
struct CellNotes<'a> {
    /// By style id (index into `cellXfs`): whether its number format shows a percentage.
    percent_styles: Vec<bool>,
    formulas: &'a HashMap<(u32, u32), String>,
    percent_cells: &'a mut HashSet<(u32, u32)>,
    styles: &'a mut look::StyledCells,
    /// Whether cell styles are kept (the look is read).
    styled: bool,
}

/// The kind of value a cell holds, as far as [`CellNotes`] cares.
#[derive(Clone, Copy, PartialEq, Eq)]
enum ValueKind {
    Number,
    Empty,
    Other,
}

impl ValueKind {
    fn of(data: &DataRef) -> ValueKind {
        match data {
            DataRef::Float(_) | DataRef::Int(_) => ValueKind::Number,
            DataRef::Empty => ValueKind::Empty,
            _ => ValueKind::Other,
        }
    }
}

impl CellNotes<'_> {
    fn note(&mut self, at: (u32, u32), kind: ValueKind, style: usize) {
        // An empty formula cell is computed later: noted too, and dropped once its result is
        // known not to be a number.
        let number = kind == ValueKind::Number
            || (kind == ValueKind::Empty && self.formulas.contains_key(&at));
        if number && self.percent_styles.get(style).copied().unwrap_or(false) {
            self.percent_cells.insert(at);
        }
        if self.styled {
            self.styles.note(at, style);
        }
    }
}

/// By style id: whether the style's number format shows a percentage.
fn percent_styles(styles: &[calamine::Style]) -> Vec<bool> {
    styles
        .iter()
        .map(|style| {
            style
                .number_format
                .as_ref()
                .is_some_and(|f| is_percent_format(&f.format_code))
        })
        .collect()
}

/// Whether an Excel number format shows its number as a percentage: a `%` outside quoted
/// text, escapes and `[…]` sections (`0.0%`, `#,##0%;[Red]-0%`, but not `0"%"` or `0\%`).
pub(super) fn is_percent_format(code: &str) -> bool {
    let mut chars = code.chars();
    while let Some(c) = chars.next() {
        match c {
            '"' => {
                for q in chars.by_ref() {
                    if q == '"' {
                        break;
                    }
                }
            }
            '\\' | '_' | '*' => {
                chars.next();
            }
            '[' => {
                for q in chars.by_ref() {
                    if q == ']' {
                        break;
                    }
                }
            }
            '%' => return true,
            _ => {}
        }
    }
    false
}
