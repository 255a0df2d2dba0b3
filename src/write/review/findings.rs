//! Findings / 问题清单: one row per finding, its cell as an internal link, in an Excel table.

use rust_xlsxwriter::{Format, Table, TableColumn, TableStyle, Url, Worksheet, XlsxError};

use super::{
    Ctx, Limits, MAX_ROWS, Styles, Text, Widths, quote_sheet, severity_fill, severity_word,
};

const COLUMNS: [Text; 8] = [
    Text::Severity,
    Text::Rule,
    Text::Letter,
    Text::Goal,
    Text::Sheet,
    Text::Cell,
    Text::Message,
    Text::Hint,
];

/// The internal link target of a cell: `internal:'目标分解'!H5`.
pub(crate) fn internal_link(sheet: &str, a1: &str) -> String {
    format!("internal:{}!{a1}", quote_sheet(sheet))
}

pub(crate) fn write(ctx: &Ctx, limits: &mut Limits) -> Result<Worksheet, XlsxError> {
    let mut ws = Worksheet::new();
    ws.set_name(&ctx.names.findings)?;
    let mut widths = Widths::default();
    let headers: Vec<&str> = COLUMNS.iter().map(|t| ctx.text(*t)).collect();
    for (c, h) in headers.iter().enumerate() {
        widths.see(c as u32, h);
    }
    if ctx.findings.is_empty() {
        let header = Styles::header();
        for (c, h) in headers.iter().enumerate() {
            ws.write_string_with_format(0, c as u16, *h, &header)?;
        }
        ws.write_string_with_format(1, 0, ctx.text(Text::NoFindings), &Styles::note())?;
        widths.apply(&mut ws)?;
        return Ok(ws);
    }
    let max = (MAX_ROWS - 1) as usize;
    if ctx.findings.len() > max {
        limits.cut_rows += ctx.findings.len() - max;
    }
    let wrap = Styles::wrap();
    let mut n = 0u32;
    for f in ctx.findings.iter().take(max) {
        n += 1;
        let r = n;
        let sev = Format::new().set_background_color(severity_fill(f.severity));
        ws.write_string_with_format(r, 0, severity_word(f.severity, ctx.lang), &sev)?;
        ws.write_string(r, 1, f.rule)?;
        ws.write_string(r, 2, f.letter.as_char().to_string())?;
        if let Some(g) = &f.goal {
            let g = limits.cell_text(g);
            widths.see(3, &g);
            ws.write_string(r, 3, g)?;
        }
        let written = ctx.names.original(ctx.grid, &f.sheet);
        let sheet_name = written.unwrap_or(&f.sheet);
        widths.see(4, sheet_name);
        ws.write_string(r, 4, limits.cell_text(sheet_name))?;
        if let Some(cell) = f.cell {
            let a1 = cell.a1();
            let text = format!("{sheet_name}!{a1}");
            widths.see(5, &text);
            match written {
                Some(name) => {
                    ws.write_url_with_text(r, 5, Url::new(internal_link(name, &a1)), text)?;
                }
                None => {
                    ws.write_string(r, 5, text)?;
                }
            }
        }
        let message = limits.cell_text(&f.message);
        widths.see(6, &message);
        ws.write_string_with_format(r, 6, message, &wrap)?;
        let hint = limits.cell_text(&f.hint);
        widths.see(7, &hint);
        ws.write_string_with_format(r, 7, hint, &wrap)?;
    }
    let columns: Vec<TableColumn> = headers
        .iter()
        .map(|h| TableColumn::new().set_header(*h))
        .collect();
    let table = Table::new()
        .set_columns(&columns)
        .set_style(TableStyle::Light9)
        .set_name("Findings");
    ws.add_table(0, 0, n, (COLUMNS.len() - 1) as u16, &table)?;
    ws.set_freeze_panes(1, 0)?;
    widths.apply(&mut ws)?;
    Ok(ws)
}
