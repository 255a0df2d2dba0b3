//! Conversions: a CSV export to a workbook, a workbook's sheets to CSV.

use rust_xlsxwriter::{Format, Workbook};

use crate::error::{Error, Result};
use crate::parse::{NumberConvention, NumberValue, decide_convention, parse_number_in};
use crate::read::{CellValue, Grid, Sheet};
use crate::write::{MAX_ROWS, fit_cell, unique_sheet_name};

/// Is this CSV text a plain number (digits, separators, sign) rather than a code like `007`?
/// Read under the file's number convention (`1.250.000` in a European export).
fn plain_number(text: &str, convention: NumberConvention) -> Option<(f64, bool)> {
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

/// Write the sheets of a grid into a new workbook: numbers as numbers, dates as dates, every
/// other text as a string (never as a formula). Returns the bytes and the number of cells cut.
pub fn grid_to_xlsx(grid: &Grid) -> Result<(Vec<u8>, usize)> {
    let err = |e: rust_xlsxwriter::XlsxError| Error::Output {
        path: grid.path.clone(),
        message: e.to_string(),
    };
    let mut wb = Workbook::new();
    wb.set_properties(&crate::write::fixed_properties());
    let date = Format::new().set_num_format("yyyy-mm-dd");
    let percent = Format::new().set_num_format("0.##%");
    let mut names = Vec::new();
    let mut cut = 0;
    let convention = grid_convention(grid);
    for sheet in &grid.sheets {
        let name = unique_sheet_name(&sheet.name, &names);
        names.push(name.clone());
        let ws = wb.add_worksheet();
        ws.set_name(&name).map_err(err)?;
        for (r, row) in sheet.rows.iter().enumerate().take(MAX_ROWS as usize) {
            let r = r as u32;
            for (c, v) in row.iter().enumerate().take(16_384) {
                let c = c as u16;
                match v {
                    CellValue::Empty => {}
                    CellValue::Number(n) => {
                        ws.write_number(r, c, *n).map_err(err)?;
                    }
                    CellValue::Bool(b) => {
                        ws.write_boolean(r, c, *b).map_err(err)?;
                    }
                    CellValue::Date(d) => {
                        let dt = rust_xlsxwriter::ExcelDateTime::parse_from_str(
                            &d.format("%Y-%m-%d").to_string(),
                        )
                        .map_err(err)?;
                        ws.write_datetime_with_format(r, c, &dt, &date)
                            .map_err(err)?;
                    }
                    CellValue::Error(e) | CellValue::String(e) => match plain_number(e, convention)
                    {
                        Some((n, true)) => {
                            ws.write_number_with_format(r, c, n, &percent)
                                .map_err(err)?;
                        }
                        Some((n, false)) => {
                            ws.write_number(r, c, n).map_err(err)?;
                        }
                        None => {
                            let (text, was_cut) = fit_cell(e);
                            cut += usize::from(was_cut);
                            ws.write_string(r, c, text).map_err(err)?;
                        }
                    },
                }
            }
        }
        for m in &sheet.merges {
            // Re-creating a merge needs its anchor value; a blank anchor keeps it empty.
            let anchor = sheet.raw(m.first_row, m.first_col).display();
            ws.merge_range(
                m.first_row,
                m.first_col as u16,
                m.last_row,
                m.last_col as u16,
                &anchor,
                &Format::new(),
            )
            .map_err(err)?;
        }
    }
    let bytes = wb.save_to_buffer().map_err(err)?;
    Ok((bytes, cut))
}

/// A sheet as CSV text (UTF-8 with a BOM so Excel and WPS open Chinese correctly), values as
/// displayed, cells that would run as formulas prefixed with `'`.
pub fn sheet_to_csv(sheet: &Sheet) -> String {
    let mut w = csv::WriterBuilder::new()
        .flexible(true)
        .from_writer(Vec::new());
    for r in 0..sheet.height() {
        let width = sheet.rows[r as usize].len() as u32;
        let record: Vec<String> = (0..width)
            .map(|c| crate::write::neutralise_formula(&sheet.raw(r, c).display()).into_owned())
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
