//! The I/O floor for the benchmark: the least any tool must do to turn an xlsx plan into an
//! xlsx workbook — calamine reads every cell of every sheet, rust_xlsxwriter writes each one
//! back (numbers as numbers, text as text) at zip level 1. Nothing else: no layout, no rules.
//!
//! `cargo run --release --example io_floor -- IN.xlsx OUT.xlsx`

use anyhow::{Context, Result};
use calamine::{Data, Reader, open_workbook_auto};
use rust_xlsxwriter::Workbook;

fn main() -> Result<()> {
    let mut args = std::env::args().skip(1);
    let input = args.next().context("usage: io_floor IN.xlsx OUT.xlsx")?;
    let output = args.next().context("usage: io_floor IN.xlsx OUT.xlsx")?;
    let mut source = open_workbook_auto(&input)?;
    let mut workbook = Workbook::new();
    workbook.set_zip_compression_level(1);
    let mut cells = 0usize;
    for name in source.sheet_names() {
        let range = source.worksheet_range(&name)?;
        let sheet = workbook.add_worksheet().set_name(&name)?;
        let (r0, c0) = range.start().unwrap_or((0, 0));
        for (r, row) in range.rows().enumerate() {
            for (c, value) in row.iter().enumerate() {
                let (r, c) = (r0 + r as u32, (c0 as usize + c) as u16);
                match value {
                    Data::Empty => continue,
                    Data::Float(v) => sheet.write_number(r, c, *v)?,
                    Data::Int(v) => sheet.write_number(r, c, *v as f64)?,
                    Data::Bool(v) => sheet.write_boolean(r, c, *v)?,
                    Data::String(s) => sheet.write_string(r, c, s)?,
                    other => sheet.write_string(r, c, other.to_string())?,
                };
                cells += 1;
            }
        }
    }
    workbook.save(&output)?;
    eprintln!("io_floor: {cells} cells");
    Ok(())
}
