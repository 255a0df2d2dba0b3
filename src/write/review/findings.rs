//! Findings / 问题清单: one row per finding, its cell as an internal link, in an Excel table
//! (filters on every column) under a styled, frozen header; sorted by severity, then sheet
//! (in the workbook's order) and row; every cell of a row aligned the same way (top,
//! wrapped), so a long message does not leave its neighbours floating at the bottom.

use rust_xlsxwriter::{Table, TableColumn, TableStyle, Url, Worksheet, XlsxError};

use crate::rules::{Finding, Severity};

use super::{
    Ctx, Limits, MAX_ROWS, Styles, Text, Widths, quote_sheet, severity_fill, severity_word,
};

/// Excel's limit of hyperlinks on one worksheet.
const MAX_LINKS: usize = 65_530;

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

/// The findings in the sheet's order: severity (errors first), then sheet in the workbook's
/// order (the goal sheet first), then row and column, then rule.
fn sorted<'f>(ctx: &Ctx<'f>) -> Vec<&'f Finding> {
    let sheet_rank = |name: &str| {
        ctx.names
            .originals
            .iter()
            .position(|(i, _)| ctx.grid.sheets.get(*i).is_some_and(|s| s.name == name))
            .unwrap_or(usize::MAX)
    };
    let mut list: Vec<&Finding> = ctx.findings.iter().collect();
    list.sort_by(|a, b| {
        a.severity
            .cmp(&b.severity)
            .then_with(|| sheet_rank(&a.sheet).cmp(&sheet_rank(&b.sheet)))
            .then_with(|| a.sheet.cmp(&b.sheet))
            .then_with(|| {
                let pos = |f: &Finding| f.cell.map(|c| (c.row, c.col));
                pos(a).cmp(&pos(b))
            })
            .then_with(|| a.rule.cmp(b.rule))
    });
    list
}

/// The width wrapped message and hint columns get (Widths caps columns at 60 characters).
const WRAP_WIDTH: usize = 58;

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
    let link = Styles::wrap().set_hyperlink();
    let fills = [Severity::Error, Severity::Warning, Severity::Info]
        .map(|s| Styles::wrap().set_background_color(severity_fill(s)));
    let mut n = 0u32;
    let mut links = 0usize;
    for f in sorted(ctx).into_iter().take(max) {
        n += 1;
        let r = n;
        let sev = match f.severity {
            Severity::Error => &fills[0],
            Severity::Warning => &fills[1],
            Severity::Info => &fills[2],
        };
        ws.write_string_with_format(r, 0, severity_word(f.severity, ctx.lang), sev)?;
        ws.write_string_with_format(r, 1, f.rule, &wrap)?;
        ws.write_string_with_format(r, 2, f.letter.as_char().to_string(), &wrap)?;
        let goal = limits.cell_text(f.goal.as_deref().unwrap_or_default());
        widths.see(3, &goal);
        ws.write_string_with_format(r, 3, goal, &wrap)?;
        let written = ctx.names.original(ctx.grid, &f.sheet);
        let sheet_name = written.unwrap_or(&f.sheet);
        widths.see(4, sheet_name);
        ws.write_string_with_format(r, 4, limits.cell_text(sheet_name), &wrap)?;
        match f.cell {
            Some(cell) => {
                let a1 = cell.a1();
                let text = format!("{sheet_name}!{a1}");
                widths.see(5, &text);
                match written {
                    // Excel holds at most 65,530 links per sheet; later cells stay plain text.
                    Some(name) if links < MAX_LINKS => {
                        links += 1;
                        let url = Url::new(internal_link(name, &a1)).set_text(text);
                        ws.write_url_with_format(r, 5, url, &link)?;
                    }
                    _ => {
                        ws.write_string_with_format(r, 5, text, &wrap)?;
                    }
                }
            }
            None => {
                ws.write_blank(r, 5, &wrap)?;
            }
        }
        let message = limits.cell_text(&f.message);
        widths.see(6, &message);
        ws.write_string_with_format(r, 6, &message, &wrap)?;
        let hint = limits.cell_text(&f.hint);
        widths.see(7, &hint);
        // Wrapped text needs a taller row: viewers that do not autofit would overlap lines.
        let lines = [&message, &hint]
            .iter()
            .map(|t| {
                t.lines()
                    .map(|l| super::text_width(l).div_ceil(WRAP_WIDTH).max(1))
                    .sum::<usize>()
            })
            .max()
            .unwrap_or(1);
        if lines > 1 {
            ws.set_row_height(r, 15.0 * lines as f64)?;
        }
        ws.write_string_with_format(r, 7, hint, &wrap)?;
    }
    let columns: Vec<TableColumn> = headers
        .iter()
        .map(|h| {
            TableColumn::new()
                .set_header(*h)
                .set_header_format(Styles::header())
        })
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
