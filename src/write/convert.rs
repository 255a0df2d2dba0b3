//! Conversions: a CSV export to a workbook, a workbook's sheets to CSV.

use rust_xlsxwriter::{Format, Workbook};

use crate::error::{Error, Result};
use crate::parse::{NumberConvention, NumberValue, decide_convention, parse_number_in};
use crate::read::{CellValue, Grid, Sheet};
use crate::write::{MAX_COLS, MAX_ROWS, fit_cell, unique_sheet_name};

/// Is this CSV text a plain number (digits, separators, sign) rather than a code like `007`?
/// Read under the file's number convention (`1.250.000` in a European export).
pub(crate) fn plain_number(text: &str, convention: NumberConvention) -> Option<(f64, bool)> {
    let t = text.trim();
    if !looks_numeric(t) {
        return None;
    }
    match parse_number_in(t, convention) {
        NumberValue::Number { value, percent } => Some((value, percent)),
        _ => None,
    }
}

/// The number convention of a whole grid: the evidence of every text cell that looks like a
/// plain number, and the CSV delimiter (the plan reader narrows this to its number columns).
fn grid_convention(grid: &Grid) -> NumberConvention {
    let cells = grid.sheets.iter().flat_map(|s| s.rows.iter().flatten());
    let texts = cells.filter_map(|v| match v {
        CellValue::String(s) if looks_numeric(s) => Some(s.as_str()),
        _ => None,
    });
    decide_convention(texts, grid.delimiter == Some(';')).0
}

/// Digits, separators and a sign, with an optional `%`, and not a code like `007`.
fn looks_numeric(text: &str) -> bool {
    let body = text.trim().trim_end_matches(['%', '％']).trim();
    let digits_only = body
        .chars()
        .all(|c| c.is_ascii_digit() || ",.-".contains(c));
    // A leading zero marks a code (`007`), unless a decimal mark follows it (`0.5`, `0,5`).
    let code = body.len() > 1
        && body.starts_with('0')
        && !body.starts_with("0.")
        && !body.starts_with("0,");
    !body.is_empty() && digits_only && !code
}

/// A grid converted to a workbook.
#[derive(Debug, Clone, Default)]
pub struct XlsxConversion {
    /// The workbook file's bytes.
    pub bytes: Vec<u8>,
    /// Cells whose text was cut to Excel's 32,767 characters.
    pub cut_cells: usize,
    /// One line for each sheet too big for Excel's 1,048,576 rows × 16,384 columns, naming
    /// the sheets it continues on.
    pub continued: Vec<String>,
}

/// Write the sheets of a grid into a new workbook: numbers as numbers, dates as dates, every
/// other text as a string (never as a formula). A sheet beyond Excel's 1,048,576 rows or
/// 16,384 columns continues on further sheets (`Name (2)`, …), rows first, and says so in
/// [`XlsxConversion::continued`]; nothing is cut silently.
///
/// # Errors
/// [`Error::Output`] naming the grid's file when the workbook cannot be built.
pub fn grid_to_xlsx(grid: &Grid) -> Result<XlsxConversion> {
    let err = |e: rust_xlsxwriter::XlsxError| Error::Output {
        path: grid.path.clone(),
        message: e.to_string(),
    };
    let mut wb = Workbook::new();
    wb.set_properties(&crate::write::fixed_properties());
    let mut names = Vec::new();
    let mut out = XlsxConversion::default();
    let convention = grid_convention(grid);
    for sheet in &grid.sheets {
        let height = sheet.height();
        let width = sheet.width();
        let row_blocks = height.div_ceil(MAX_ROWS).max(1);
        let col_blocks = width.div_ceil(MAX_COLS).max(1);
        let mut parts = Vec::new();
        for rb in 0..row_blocks {
            for cb in 0..col_blocks {
                let wanted = if parts.is_empty() {
                    sheet.name.clone()
                } else {
                    format!("{} ({})", sheet.name, parts.len() + 1)
                };
                let name = unique_sheet_name(&wanted, &names);
                names.push(name.clone());
                let ws = wb.add_worksheet();
                ws.set_name(&name).map_err(err)?;
                let block = Block {
                    first_row: rb * MAX_ROWS,
                    first_col: cb * MAX_COLS,
                };
                out.cut_cells += write_block(ws, sheet, block, convention).map_err(err)?;
                parts.push(name);
            }
        }
        if let [first, rest @ ..] = parts.as_slice()
            && !rest.is_empty()
        {
            out.continued.push(format!(
                "sheet `{first}` has {height} rows and {width} columns, more than Excel's \
                 {MAX_ROWS} rows or {MAX_COLS} columns; it continues on {}",
                rest.iter()
                    .map(|n| format!("`{n}`"))
                    .collect::<Vec<_>>()
                    .join(", ")
            ));
        }
    }
    out.bytes = wb.save_to_buffer().map_err(err)?;
    Ok(out)
}

/// Where one output sheet starts in its source sheet (0-based).
#[derive(Debug, Clone, Copy)]
struct Block {
    first_row: u32,
    first_col: u32,
}

/// Write the cells of `sheet` from `block` on, as many as one worksheet holds, and the
/// merges that lie wholly inside. Returns the cells whose text was cut.
fn write_block(
    ws: &mut rust_xlsxwriter::Worksheet,
    sheet: &Sheet,
    block: Block,
    convention: NumberConvention,
) -> std::result::Result<usize, rust_xlsxwriter::XlsxError> {
    let date = Format::new().set_num_format("yyyy-mm-dd");
    let percent = Format::new().set_num_format("0.##%");
    let mut cut = 0;
    let rows = sheet
        .rows
        .iter()
        .skip(block.first_row as usize)
        .take(MAX_ROWS as usize);
    for (r, row) in rows.enumerate() {
        let r = r as u32;
        let cells = row
            .iter()
            .skip(block.first_col as usize)
            .take(MAX_COLS as usize);
        for (c, v) in cells.enumerate() {
            let c = c as u16;
            match v {
                CellValue::Empty => {}
                CellValue::Number(n) => {
                    ws.write_number(r, c, *n)?;
                }
                CellValue::Bool(b) => {
                    ws.write_boolean(r, c, *b)?;
                }
                CellValue::Date(d) => {
                    let dt = rust_xlsxwriter::ExcelDateTime::parse_from_str(
                        &d.format("%Y-%m-%d").to_string(),
                    )?;
                    ws.write_datetime_with_format(r, c, &dt, &date)?;
                }
                CellValue::Error(e) | CellValue::String(e) => match plain_number(e, convention) {
                    Some((n, true)) => {
                        ws.write_number_with_format(r, c, n, &percent)?;
                    }
                    Some((n, false)) => {
                        ws.write_number(r, c, n)?;
                    }
                    None => {
                        let (text, was_cut) = fit_cell(e);
                        cut += usize::from(was_cut);
                        ws.write_string(r, c, text)?;
                    }
                },
            }
        }
    }
    let inside = |m: &&crate::read::Merge| {
        m.first_row >= block.first_row
            && m.first_col >= block.first_col
            && m.last_row >= m.first_row
            && m.last_col >= m.first_col
            && m.last_row - block.first_row < MAX_ROWS
            && m.last_col - block.first_col < MAX_COLS
    };
    for m in sheet.merges.iter().filter(inside) {
        // Re-creating a merge needs its anchor value; a blank anchor keeps it empty.
        let anchor = sheet.raw(m.first_row, m.first_col).display();
        ws.merge_range(
            m.first_row - block.first_row,
            (m.first_col - block.first_col) as u16,
            m.last_row - block.first_row,
            (m.last_col - block.first_col) as u16,
            &anchor,
            &Format::new(),
        )?;
    }
    Ok(cut)
}

/// A sheet as CSV text (UTF-8 with a BOM so Excel and WPS open Chinese correctly), values as
/// displayed; text cells that would run as formulas are prefixed with `'`
/// ([`crate::write::neutralise_formula`]), numbers never are.
pub fn sheet_to_csv(sheet: &Sheet) -> String {
    let mut w = csv::WriterBuilder::new()
        .flexible(true)
        .from_writer(Vec::new());
    for row in &sheet.rows {
        let record: Vec<String> = row
            .iter()
            .map(|cell| match cell {
                CellValue::String(text) | CellValue::Error(text) => {
                    crate::write::neutralise_formula(text).into_owned()
                }
                other => other.display(),
            })
            .collect();
        // Writing to a Vec cannot fail.
        let _ = w.write_record(&record);
    }
    let body = w
        .into_inner()
        .map(|v| String::from_utf8_lossy(&v).into_owned())
        .unwrap_or_default();
    format!("\u{feff}{body}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_numbers_only() {
        let point = NumberConvention::Point;
        assert_eq!(plain_number("1,200", point), Some((1200.0, false)));
        assert_eq!(plain_number("35%", point), Some((0.35, true)));
        assert_eq!(plain_number("007", point), None);
        assert_eq!(plain_number("=1+1", point), None);
        assert_eq!(plain_number("50万", point), None);
        let comma = NumberConvention::Comma;
        assert_eq!(plain_number("1.250.000", comma), Some((1_250_000.0, false)));
        assert_eq!(plain_number("3,5%", comma), Some((0.035, true)));
        assert_eq!(plain_number("1.250", NumberConvention::Ambiguous), None);
    }
}
