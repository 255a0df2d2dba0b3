//! Deterministic fixture generator for goalsheet's reader, rule and rollup tests.
//!
//! Run `cargo run --example make_fixtures` from the crate root: it (re)writes every file in
//! `fixtures/` (including `fixtures/README.md`, which documents what each file contains).
//! The same goal data feeds each workbook and its CSV/TXT/ODS exports, so the variants read
//! the same. Reruns give identical bytes: workbook creation times and zip timestamps are fixed.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::fs;
use std::io::{Cursor, Read, Write};
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};
use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, FormatAlign, Formula, Workbook};

#[path = "fixture_support/cases.rs"]
mod cases;
#[path = "fixture_support/formulas.rs"]
mod formulas;
#[path = "fixture_support/headers.rs"]
mod headers;
#[path = "fixture_support/keys.rs"]
mod keys;
#[path = "fixture_support/periods.rs"]
mod periods;
#[path = "fixture_support/values.rs"]
mod values;
#[path = "fixture_support/xlsb.rs"]
mod xlsb;

// ---------------------------------------------------------------------------------------------
// Grid model shared by every writer
// ---------------------------------------------------------------------------------------------

/// One cell as it is stored in the workbook; `fmt` is an Excel number format ("" = General).
#[derive(Clone, Debug)]
enum Cell {
    Empty,
    Text(String),
    Num(f64, &'static str),
    Date(i32, u32, u32, &'static str),
    Formula(String, f64, &'static str),
    ErrFormula(String, &'static str),
}

/// Text cell, or an empty cell for "".
fn s(text: &str) -> Cell {
    if text.is_empty() {
        Cell::Empty
    } else {
        Cell::Text(text.to_string())
    }
}

/// General number.
fn n(v: f64) -> Cell {
    Cell::Num(v, "")
}

/// Number with thousands separators (`#,##0`).
fn k(v: f64) -> Cell {
    Cell::Num(v, "#,##0")
}

/// Fraction shown as a percentage (`0%`).
fn pct(v: f64) -> Cell {
    Cell::Num(v, "0%")
}

/// Date cell shown as `yyyy-mm-dd`.
fn d(y: i32, m: u32, day: u32) -> Cell {
    Cell::Date(y, m, day, "yyyy-mm-dd")
}

fn opt_num(v: Option<f64>, fmt: &'static str) -> Cell {
    v.map_or(Cell::Empty, |v| Cell::Num(v, fmt))
}

type Row = Vec<Cell>;

/// A merged region, 0-based and inclusive: (first_row, first_col, last_row, last_col).
type Merge = (u32, u16, u32, u16);

struct Sheet {
    name: String,
    rows: Vec<Row>,
    merges: Vec<Merge>,
    /// 0-based rows drawn bold (header rows).
    bold_rows: Vec<u32>,
}

impl Sheet {
    fn new(name: &str) -> Sheet {
        Sheet {
            name: name.to_string(),
            rows: Vec::new(),
            merges: Vec::new(),
            bold_rows: Vec::new(),
        }
    }

    fn push(&mut self, row: Row) -> u32 {
        self.rows.push(row);
        (self.rows.len() - 1) as u32
    }

    fn header(&mut self, words: &[&str]) -> u32 {
        let r = self.push(words.iter().map(|w| s(w)).collect());
        self.bold_rows.push(r);
        r
    }
}

/// Column letter of a 0-based column index.
fn col_letter(c: usize) -> String {
    let mut c = c + 1;
    let mut out = Vec::new();
    while c > 0 {
        let rem = (c - 1) % 26;
        out.push(b'A' + rem as u8);
        c = (c - 1) / 26;
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

// ---------------------------------------------------------------------------------------------
// Display text (what Excel shows, and so what its CSV/TXT exports contain)
// ---------------------------------------------------------------------------------------------

fn group_thousands(v: i64, sep: char) -> String {
    let digits = v.unsigned_abs().to_string();
    let mut out = String::new();
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(sep);
        }
        out.push(ch);
    }
    if v < 0 { format!("-{out}") } else { out }
}

fn general(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 1e15 {
        format!("{}", v as i64)
    } else {
        let t = format!("{v:.10}");
        t.trim_end_matches('0').trim_end_matches('.').to_string()
    }
}

fn display_number(v: f64, fmt: &str) -> String {
    match fmt {
        "" => general(v),
        "#,##0" => group_thousands(v.round() as i64, ','),
        "$#,##0" => format!("${}", group_thousands(v.round() as i64, ',')),
        "€0" => format!("€{}", v.round() as i64),
        "0%" => format!("{}%", (v * 100.0).round() as i64),
        _ => general(v),
    }
}

fn display_date(y: i32, m: u32, day: u32, fmt: &str) -> String {
    match fmt {
        "dd/mm/yyyy" => format!("{day:02}/{m:02}/{y}"),
        "yyyy/m/d" => format!("{y}/{m}/{day}"),
        _ => format!("{y}-{m:02}-{day:02}"),
    }
}

fn display(cell: &Cell) -> String {
    match cell {
        Cell::Empty => String::new(),
        Cell::Text(t) => t.clone(),
        Cell::Num(v, f) => display_number(*v, f),
        Cell::Date(y, m, day, f) => display_date(*y, *m, *day, f),
        Cell::Formula(_, v, f) => display_number(*v, f),
        Cell::ErrFormula(_, e) => (*e).to_string(),
    }
}

// ---------------------------------------------------------------------------------------------
// Writers
// ---------------------------------------------------------------------------------------------

/// Days since the workbook epoch (1900 or 1904 system) of a date.
fn serial(y: i32, m: u32, day: u32, date1904: bool) -> Result<f64> {
    let date = chrono::NaiveDate::from_ymd_opt(y, m, day).context("bad date")?;
    let epoch = if date1904 {
        chrono::NaiveDate::from_ymd_opt(1904, 1, 1)
    } else {
        // Excel's 1900 system counts the phantom 1900-02-29, so day 1 = 1900-01-01 works out
        // as an epoch of 1899-12-30 for every date after February 1900.
        chrono::NaiveDate::from_ymd_opt(1899, 12, 30)
    }
    .context("bad epoch")?;
    Ok((date - epoch).num_days() as f64)
}

fn write_xlsx(path: &Path, sheets: &[Sheet], date1904: bool) -> Result<()> {
    workbook(sheets, date1904)?.save(path)?;
    if date1904 {
        set_date1904(path)?;
    }
    Ok(())
}

/// The sheets as an Excel workbook: values, number formats, formulas with their results,
/// bold header rows and merged regions.
fn workbook(sheets: &[Sheet], date1904: bool) -> Result<Workbook> {
    let mut wb = Workbook::new();
    let created = ExcelDateTime::from_ymd(2026, 1, 5)?.and_hms(9, 0, 0)?;
    let props = DocProperties::new()
        .set_creation_datetime(&created)
        .set_author("goalsheet fixtures")
        .set_title("goalsheet test fixture");
    wb.set_properties(&props);
    for sh in sheets {
        let ws = wb.add_worksheet();
        ws.set_name(&sh.name)?;
        for (r, row) in sh.rows.iter().enumerate() {
            let r = r as u32;
            let bold = sh.bold_rows.contains(&r);
            for (c, cell) in row.iter().enumerate() {
                let c = c as u16;
                let mut fmt = Format::new();
                if bold {
                    fmt = fmt.set_bold();
                }
                match cell {
                    Cell::Empty => {}
                    Cell::Text(t) => {
                        ws.write_string_with_format(r, c, t, &fmt)?;
                    }
                    Cell::Num(v, f) => {
                        if !f.is_empty() {
                            fmt = fmt.set_num_format(*f);
                        }
                        ws.write_number_with_format(r, c, *v, &fmt)?;
                    }
                    Cell::Date(y, m, day, f) => {
                        let fmt = fmt.set_num_format(*f);
                        if date1904 {
                            ws.write_number_with_format(r, c, serial(*y, *m, *day, true)?, &fmt)?;
                        } else {
                            let dt = ExcelDateTime::from_ymd(*y as u16, *m as u8, *day as u8)?;
                            ws.write_datetime_with_format(r, c, &dt, &fmt)?;
                        }
                    }
                    Cell::Formula(text, v, f) => {
                        if !f.is_empty() {
                            fmt = fmt.set_num_format(*f);
                        }
                        let formula = Formula::new(text.as_str()).set_result(general(*v));
                        ws.write_formula_with_format(r, c, formula, &fmt)?;
                    }
                    Cell::ErrFormula(text, e) => {
                        let formula = Formula::new(text.as_str()).set_result(*e);
                        ws.write_formula_with_format(r, c, formula, &fmt)?;
                    }
                }
            }
        }
        for &(r1, c1, r2, c2) in &sh.merges {
            let text = sh
                .rows
                .get(r1 as usize)
                .and_then(|row| row.get(c1 as usize))
                .map(display)
                .unwrap_or_default();
            let mut fmt = Format::new()
                .set_align(FormatAlign::Center)
                .set_align(FormatAlign::VerticalCenter);
            if sh.bold_rows.contains(&r1) {
                fmt = fmt.set_bold();
            }
            ws.merge_range(r1, c1, r2, c2, &text, &fmt)?;
        }
        ws.set_column_range_width(0, 30, 12)?;
    }
    Ok(wb)
}

/// A 1×1 transparent PNG, the smallest image a workbook can carry.
const TINY_PNG: [u8; 67] = [
    0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52,
    0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1F, 0x15, 0xC4,
    0x89, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9C, 0x63, 0x00, 0x01, 0x00, 0x00,
    0x05, 0x00, 0x01, 0x0D, 0x0A, 0x2D, 0xB4, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4E, 0x44, 0xAE,
    0x42, 0x60, 0x82,
];

/// plan_en as the macro-enabled workbook a team actually keeps: the same sheets plus a VBA
/// project, an owner drop-down, a traffic-light rule on Q1, a cell comment, a logo and a
/// chart of quarterly revenue — everything `review` cannot carry over and must say so.
/// `vbaProject.bin` is rust_xlsxwriter's example project (MIT OR Apache-2.0).
fn write_xlsm(path: &Path, sheets: &[Sheet]) -> Result<()> {
    use rust_xlsxwriter::{
        Chart, ChartType, ConditionalFormatCell, ConditionalFormatCellRule, DataValidation, Image,
        Note,
    };
    let mut wb = workbook(sheets, false)?;
    wb.add_vba_project(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/fixture_support/vbaProject.bin"),
    )?;
    let ws = wb.worksheet_from_index(0)?;
    let owners = [
        "Sarah Chen",
        "Mike Johnson",
        "Emma Davis",
        "Laura Kim",
        "David Brown",
    ];
    ws.add_data_validation(
        3,
        13,
        12,
        13,
        &DataValidation::new().allow_list_strings(&owners)?,
    )?;
    let red = Format::new()
        .set_font_color("9C0006")
        .set_background_color("FFC7CE");
    let below = ConditionalFormatCell::new()
        .set_rule(ConditionalFormatCellRule::LessThan(0))
        .set_format(red);
    ws.add_conditional_format(3, 9, 12, 9, &below)?;
    ws.insert_note(
        3,
        0,
        &Note::new("Signed off by the CMO on 2026-01-05").set_author("Sarah Chen"),
    )?;
    ws.insert_image(0, 17, &Image::new_from_buffer(&TINY_PNG)?)?;
    let mut chart = Chart::new(ChartType::Column);
    chart
        .add_series()
        .set_name("Revenue (O1)")
        .set_categories("Goals!$J$3:$M$3")
        .set_values("Goals!$J$4:$M$4");
    ws.insert_chart(15, 1, &chart)?;
    wb.save(path)?;
    Ok(())
}

/// Write the sheets as an Excel binary workbook: same values, number formats, formulas and
/// merged regions as [`write_xlsx`], without bold rows or column widths.
fn write_xlsb(path: &Path, sheets: &[Sheet]) -> Result<()> {
    let mut binary = Vec::new();
    for sh in sheets {
        let mut rows = Vec::new();
        for row in &sh.rows {
            let mut values = Vec::new();
            for cell in row {
                values.push(match cell {
                    Cell::Empty => xlsb::Value::Empty,
                    Cell::Text(t) => xlsb::Value::Text(t),
                    Cell::Num(v, f) => xlsb::Value::Number(*v, f),
                    Cell::Date(y, m, day, f) => {
                        xlsb::Value::Number(serial(*y, *m, *day, false)?, f)
                    }
                    Cell::Formula(text, v, f) => xlsb::Value::Sum(text, *v, f),
                    Cell::ErrFormula(text, _) => bail!("{text}: no error formulas in xlsb"),
                });
            }
            rows.push(values);
        }
        let merges = sh
            .merges
            .iter()
            .map(|&(r1, c1, r2, c2)| (r1, u32::from(c1), r2, u32::from(c2)))
            .collect();
        binary.push(xlsb::XlsbSheet {
            name: &sh.name,
            rows,
            merges,
        });
    }
    xlsb::write_xlsb(path, &binary)
}

fn zip_options(method: zip::CompressionMethod) -> zip::write::SimpleFileOptions {
    zip::write::SimpleFileOptions::default()
        .compression_method(method)
        .last_modified_time(zip::DateTime::default())
}

/// Rewrite a saved workbook so that it uses the 1904 date system (rust_xlsxwriter has no
/// public switch for it): `<workbookPr date1904="1" .../>` in xl/workbook.xml.
fn set_date1904(path: &Path) -> Result<()> {
    let bytes = patch_part(&fs::read(path)?, "xl/workbook.xml", |xml| {
        if !xml.contains("<workbookPr") {
            bail!("no workbookPr in workbook.xml");
        }
        Ok(xml.replacen("<workbookPr", "<workbookPr date1904=\"1\"", 1))
    })?;
    fs::write(path, bytes)?;
    Ok(())
}

/// A copy of a zip package with one text part edited.
fn patch_part(
    package: &[u8],
    part: &str,
    edit: impl Fn(String) -> Result<String>,
) -> Result<Vec<u8>> {
    let mut archive = zip::ZipArchive::new(Cursor::new(package))?;
    let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let mut patched = false;
    for i in 0..archive.len() {
        let mut entry = archive.by_index(i)?;
        let name = entry.name()?.to_string();
        let mut data = Vec::new();
        entry.read_to_end(&mut data)?;
        if name == part {
            data = edit(String::from_utf8(data)?)?.into_bytes();
            patched = true;
        }
        out.start_file(name, zip_options(zip::CompressionMethod::Deflated))?;
        out.write_all(&data)?;
    }
    if !patched {
        bail!("{part} not found");
    }
    Ok(out.finish()?.into_inner())
}

/// Render a sheet as delimited text, as Excel's exports do: displayed values, merged cells
/// only in their top-left cell, minimal quoting, CRLF line ends.
fn delimited(sheet: &Sheet, delim: u8) -> Result<String> {
    let width = sheet.rows.iter().map(Vec::len).max().unwrap_or(0);
    let mut w = csv::WriterBuilder::new()
        .delimiter(delim)
        .terminator(csv::Terminator::CRLF)
        .flexible(true)
        .from_writer(Vec::new());
    for row in &sheet.rows {
        let mut fields: Vec<String> = row.iter().map(display).collect();
        fields.resize(width, String::new());
        w.write_record(&fields)?;
    }
    let bytes = w.into_inner().map_err(|e| anyhow::anyhow!("csv: {e}"))?;
    Ok(String::from_utf8(bytes)?)
}

fn write_encoded(path: &Path, text: &str, encoding: &'static encoding_rs::Encoding) -> Result<()> {
    let (bytes, _, unmappable) = encoding.encode(text);
    if unmappable {
        bail!(
            "{}: text not representable in {}",
            path.display(),
            encoding.name()
        );
    }
    fs::write(path, bytes)?;
    Ok(())
}

fn write_utf8_bom(path: &Path, text: &str) -> Result<()> {
    let mut bytes = vec![0xEF, 0xBB, 0xBF];
    bytes.extend_from_slice(text.as_bytes());
    fs::write(path, bytes)?;
    Ok(())
}

fn write_utf16le_bom(path: &Path, text: &str) -> Result<()> {
    let mut bytes = vec![0xFF, 0xFE];
    for unit in text.encode_utf16() {
        bytes.extend_from_slice(&unit.to_le_bytes());
    }
    fs::write(path, bytes)?;
    Ok(())
}

fn xml_escape(t: &str) -> String {
    t.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// A minimal OpenDocument spreadsheet of one sheet: merged regions become
/// `number-columns-spanned` / `number-rows-spanned` with covered cells.
fn write_ods(path: &Path, sheet: &Sheet) -> Result<()> {
    let width = sheet.rows.iter().map(Vec::len).max().unwrap_or(0);
    let mut spans: BTreeMap<(u32, u16), (u32, u16)> = BTreeMap::new();
    let mut covered: BTreeSet<(u32, u16)> = BTreeSet::new();
    for &(r1, c1, r2, c2) in &sheet.merges {
        spans.insert((r1, c1), (r2 - r1 + 1, c2 - c1 + 1));
        for r in r1..=r2 {
            for c in c1..=c2 {
                if (r, c) != (r1, c1) {
                    covered.insert((r, c));
                }
            }
        }
    }
    let mut body = String::new();
    let _ = write!(
        body,
        "<table:table table:name=\"{}\">",
        xml_escape(&sheet.name)
    );
    let _ = write!(
        body,
        "<table:table-column table:number-columns-repeated=\"{width}\"/>"
    );
    for (r, row) in sheet.rows.iter().enumerate() {
        let r = r as u32;
        body.push_str("<table:table-row>");
        for c in 0..width {
            let c16 = c as u16;
            if covered.contains(&(r, c16)) {
                body.push_str("<table:covered-table-cell/>");
                continue;
            }
            let mut attrs = String::new();
            if let Some((rows, cols)) = spans.get(&(r, c16)) {
                let _ = write!(
                    attrs,
                    " table:number-rows-spanned=\"{rows}\" table:number-columns-spanned=\"{cols}\""
                );
            }
            let cell = row.get(c).cloned().unwrap_or(Cell::Empty);
            let shown = xml_escape(&display(&cell));
            match &cell {
                Cell::Empty => {
                    let _ = write!(body, "<table:table-cell{attrs}/>");
                }
                Cell::Text(_) => {
                    let _ = write!(
                        body,
                        "<table:table-cell{attrs} office:value-type=\"string\"><text:p>{shown}</text:p></table:table-cell>"
                    );
                }
                Cell::Num(v, f) | Cell::Formula(_, v, f) => {
                    let formula = match &cell {
                        Cell::Formula(text, _, _) => {
                            format!(" table:formula=\"of:{}\"", xml_escape(&ods_formula(text)))
                        }
                        _ => String::new(),
                    };
                    let kind = if *f == "0%" { "percentage" } else { "float" };
                    let _ = write!(
                        body,
                        "<table:table-cell{attrs}{formula} office:value-type=\"{kind}\" office:value=\"{}\"><text:p>{shown}</text:p></table:table-cell>",
                        general(*v)
                    );
                }
                Cell::Date(y, m, day, _) => {
                    let _ = write!(
                        body,
                        "<table:table-cell{attrs} office:value-type=\"date\" office:date-value=\"{y:04}-{m:02}-{day:02}\"><text:p>{shown}</text:p></table:table-cell>"
                    );
                }
                Cell::ErrFormula(text, _) => {
                    let _ = write!(
                        body,
                        "<table:table-cell{attrs} table:formula=\"of:{}\" office:value-type=\"string\" office:string-value=\"{shown}\"><text:p>{shown}</text:p></table:table-cell>",
                        xml_escape(&ods_formula(text))
                    );
                }
            }
        }
        body.push_str("</table:table-row>");
    }
    body.push_str("</table:table>");

    let content = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<office:document-content \
xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" \
xmlns:table=\"urn:oasis:names:tc:opendocument:xmlns:table:1.0\" \
xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\" \
xmlns:of=\"urn:oasis:names:tc:opendocument:xmlns:of:1.2\" office:version=\"1.2\">\
<office:body><office:spreadsheet>{body}</office:spreadsheet></office:body></office:document-content>\n"
    );
    let manifest = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<manifest:manifest \
xmlns:manifest=\"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0\" manifest:version=\"1.2\">\
<manifest:file-entry manifest:full-path=\"/\" manifest:version=\"1.2\" \
manifest:media-type=\"application/vnd.oasis.opendocument.spreadsheet\"/>\
<manifest:file-entry manifest:full-path=\"content.xml\" manifest:media-type=\"text/xml\"/>\
</manifest:manifest>\n";

    let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
    out.start_file("mimetype", zip_options(zip::CompressionMethod::Stored))?;
    out.write_all(b"application/vnd.oasis.opendocument.spreadsheet")?;
    out.start_file(
        "META-INF/manifest.xml",
        zip_options(zip::CompressionMethod::Deflated),
    )?;
    out.write_all(manifest.as_bytes())?;
    out.start_file("content.xml", zip_options(zip::CompressionMethod::Deflated))?;
    out.write_all(content.as_bytes())?;
    fs::write(path, out.finish()?.into_inner())?;
    Ok(())
}

/// `=SUM(I7:I9,Q3)` → `=SUM([.I7:.I9];[.Q3])` (OpenFormula references and separators).
fn ods_formula(excel: &str) -> String {
    let mut out = String::new();
    let chars: Vec<char> = excel.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let ch = chars[i];
        if ch == '(' || ch == ',' {
            out.push(if ch == ',' { ';' } else { ch });
            // a reference or range until ')' or ','
            let mut j = i + 1;
            let mut arg = String::new();
            while j < chars.len() && chars[j] != ')' && chars[j] != ',' {
                arg.push(chars[j]);
                j += 1;
            }
            let is_ref =
                !arg.is_empty() && arg.chars().all(|c| c.is_ascii_alphanumeric() || c == ':');
            if is_ref && arg.chars().next().is_some_and(|c| c.is_ascii_alphabetic()) {
                let refs: Vec<String> = arg.split(':').map(|p| format!(".{p}")).collect();
                let _ = write!(out, "[{}]", refs.join(":"));
            } else {
                out.push_str(&arg);
            }
            i = j;
        } else {
            out.push(ch);
            i += 1;
        }
    }
    out
}

// ---------------------------------------------------------------------------------------------
// plan_zh / clean_zh: the realistic Chinese plan
// ---------------------------------------------------------------------------------------------

/// A goal row of the wide layout used by plan_zh / plan_en (18 columns A..R).
struct Goal {
    id: &'static str,
    parent: &'static str,
    dimension: &'static str,
    objective: &'static str,
    key_result: &'static str,
    metric: &'static str,
    unit: &'static str,
    baseline: Cell,
    target: Cell,
    quarters: [Cell; 4],
    owner: &'static str,
    channel: &'static str,
    due: Cell,
    budget: Option<f64>,
    notes: &'static str,
}

impl Goal {
    fn row(&self, budget_fmt: &'static str) -> Row {
        let [q1, q2, q3, q4] = self.quarters.clone();
        vec![
            s(self.id),
            s(self.parent),
            s(self.dimension),
            s(self.objective),
            s(self.key_result),
            s(self.metric),
            s(self.unit),
            self.baseline.clone(),
            self.target.clone(),
            q1,
            q2,
            q3,
            q4,
            s(self.owner),
            s(self.channel),
            self.due.clone(),
            opt_num(self.budget, budget_fmt),
            s(self.notes),
        ]
    }
}

fn ks(v: [f64; 4]) -> [Cell; 4] {
    v.map(k)
}

fn pcts(v: [f64; 4]) -> [Cell; 4] {
    v.map(pct)
}

const ZH_TITLE: &str = "2026年市场部营销目标分解表";
const ZH_NOTE: &str = "说明：金额单位为万元；百分比指标填写百分数";
const ZH_HEAD3: [&str; 18] = [
    "编号",
    "上级目标",
    "目标维度",
    "目标",
    "关键结果(KR)",
    "衡量指标",
    "单位",
    "基线",
    "全年目标",
    "季度目标",
    "",
    "",
    "",
    "负责人",
    "渠道",
    "截止日期",
    "预算(万元)",
    "备注",
];
const ZH_QUARTERS: [&str; 4] = ["一季度", "二季度", "三季度", "四季度"];

/// The 16 goals of plan_zh (rows 5–20). `clean` removes the four planted defects.
fn zh_goals(clean: bool) -> Vec<Goal> {
    let kr22 = if clean {
        "2026年底18-30岁用户品牌认知度达到30%"
    } else {
        "进一步提升品牌在年轻用户中的认知度"
    };
    let kr13_q4 = if clean { 6000.0 } else { 5000.0 };
    vec![
        Goal {
            id: "O1",
            parent: "",
            dimension: "业务增长",
            objective: "2026年全渠道销售额达到3000万元",
            key_result: "",
            metric: "销售额",
            unit: "万元",
            baseline: k(2200.0),
            target: k(3000.0),
            quarters: ks([600.0, 700.0, 750.0, 950.0]),
            owner: "张伟",
            channel: "",
            due: d(2026, 12, 31),
            budget: None,
            notes: "公司级目标",
        },
        Goal {
            id: "KR1.1",
            parent: "O1",
            dimension: "",
            objective: "",
            key_result: "线上销售额达到1800万元",
            metric: "销售额",
            unit: "万元",
            baseline: k(1300.0),
            target: k(1800.0),
            quarters: ks([360.0, 420.0, 450.0, 570.0]),
            owner: "李娜",
            channel: "线上",
            due: d(2026, 12, 31),
            budget: Some(450.0),
            notes: "含KR1.1a、KR1.1b",
        },
        Goal {
            id: "KR1.1a",
            parent: "KR1.1",
            dimension: "",
            objective: "",
            key_result: "天猫旗舰店销售额达到1200万元",
            metric: "销售额",
            unit: "万元",
            baseline: k(900.0),
            target: k(1200.0),
            quarters: ks([240.0, 280.0, 300.0, 380.0]),
            owner: "李娜",
            channel: "天猫",
            due: s("2026年12月31日"),
            budget: Some(300.0),
            notes: "618、双11为重点",
        },
        Goal {
            id: "KR1.1b",
            parent: "KR1.1",
            dimension: "",
            objective: "",
            key_result: "抖音直播间销售额达到600万元",
            metric: "销售额",
            unit: "万元",
            baseline: k(400.0),
            target: k(600.0),
            quarters: ks([120.0, 140.0, 150.0, 190.0]),
            owner: "刘洋",
            channel: "抖音",
            due: s("Q4"),
            budget: Some(150.0),
            notes: "",
        },
        Goal {
            id: "KR1.2",
            parent: "O1",
            dimension: "",
            objective: "",
            key_result: "线下门店销售额达到1200万元",
            metric: "销售额",
            unit: "万元",
            baseline: k(900.0),
            target: k(1200.0),
            quarters: ks([240.0, 280.0, 300.0, 380.0]),
            owner: "王芳",
            channel: "线下",
            due: d(2026, 12, 31),
            budget: Some(350.0),
            notes: "",
        },
        Goal {
            id: "KR1.3",
            parent: "O1",
            dimension: "",
            objective: "",
            key_result: "全年获取销售线索20000个",
            metric: "线索数",
            unit: "个",
            baseline: k(15000.0),
            target: k(20000.0),
            quarters: ks([4000.0, 5000.0, 5000.0, kr13_q4]),
            owner: "陈静",
            channel: "微信",
            due: s("下半年"),
            budget: Some(120.0),
            notes: "",
        },
        Goal {
            id: "O2",
            parent: "",
            dimension: "品牌建设",
            objective: "2026年底品牌认知度达到35%",
            key_result: "",
            metric: "品牌认知度",
            unit: "%",
            baseline: pct(0.22),
            target: pct(0.35),
            quarters: pcts([0.25, 0.28, 0.32, 0.35]),
            owner: "陈静",
            channel: "",
            due: d(2026, 12, 31),
            budget: None,
            notes: "第三方调研口径",
        },
        Goal {
            id: "KR2.1",
            parent: "O2",
            dimension: "",
            objective: "",
            key_result: "品牌官方账号粉丝总数达到50万",
            metric: "粉丝数",
            unit: "人",
            baseline: s("20万"),
            target: s("50万"),
            quarters: ks([280000.0, 350000.0, 420000.0, 500000.0]),
            owner: "刘洋",
            channel: "抖音",
            due: d(2026, 12, 31),
            budget: Some(180.0),
            notes: "年末存量",
        },
        Goal {
            id: "KR2.2",
            parent: "O2",
            dimension: "",
            objective: "",
            key_result: kr22,
            metric: "品牌认知度",
            unit: "%",
            baseline: pct(0.18),
            target: pct(0.30),
            quarters: pcts([0.20, 0.23, 0.27, 0.30]),
            owner: "王芳",
            channel: "小红书",
            due: d(2026, 12, 31),
            budget: Some(150.0),
            notes: "18-30岁人群",
        },
        Goal {
            id: "O3",
            parent: "",
            dimension: "客户运营",
            objective: "2026年新增会员达到60000人",
            key_result: "",
            metric: "新增会员",
            unit: "人",
            baseline: k(45000.0),
            target: k(60000.0),
            quarters: ks([12000.0, 15000.0, 15000.0, 18000.0]),
            owner: "王芳",
            channel: "",
            due: d(2026, 12, 31),
            budget: None,
            notes: "",
        },
        Goal {
            id: "KR3.1",
            parent: "O3",
            dimension: "",
            objective: "",
            key_result: "微信私域新增会员达到36000人",
            metric: "新增会员",
            unit: "人",
            baseline: k(27000.0),
            target: k(36000.0),
            quarters: ks([7200.0, 9000.0, 9000.0, 10800.0]),
            owner: "陈静",
            channel: "微信",
            due: s("2026年12月31日"),
            budget: Some(100.0),
            notes: "",
        },
        Goal {
            id: "KR3.2",
            parent: "O3",
            dimension: "",
            objective: "",
            key_result: "门店新增会员达到24000人",
            metric: "新增会员",
            unit: "人",
            baseline: k(18000.0),
            target: k(24000.0),
            quarters: ks([4800.0, 6000.0, 6000.0, 7200.0]),
            owner: if clean { "王芳" } else { "" },
            channel: "线下",
            due: d(2026, 12, 31),
            budget: Some(60.0),
            notes: "",
        },
        Goal {
            id: "KR3.3",
            parent: "O3",
            dimension: "",
            objective: "",
            key_result: "会员复购率达到35%",
            metric: "复购率",
            unit: "%",
            baseline: pct(0.28),
            target: s("35%"),
            quarters: pcts([0.30, 0.32, 0.34, 0.35]),
            owner: "王芳",
            channel: "天猫",
            due: if clean { d(2026, 12, 31) } else { s("待定") },
            budget: Some(80.0),
            notes: "",
        },
        Goal {
            id: "O4",
            parent: "",
            dimension: "营销效率",
            objective: "2026年平均获客成本降至80元",
            key_result: "",
            metric: "获客成本",
            unit: "元",
            baseline: n(100.0),
            target: n(80.0),
            quarters: [n(95.0), n(90.0), n(85.0), n(80.0)],
            owner: "刘洋",
            channel: "",
            due: d(2026, 12, 31),
            budget: None,
            notes: "越低越好",
        },
        Goal {
            id: "KR4.1",
            parent: "O4",
            dimension: "",
            objective: "",
            key_result: "抖音信息流获客成本降至70元",
            metric: "获客成本",
            unit: "元",
            baseline: n(90.0),
            target: n(70.0),
            quarters: [n(85.0), n(80.0), n(75.0), n(70.0)],
            owner: "刘洋",
            channel: "抖音",
            due: s("下半年"),
            budget: Some(200.0),
            notes: "",
        },
        Goal {
            id: "KR4.2",
            parent: "O4",
            dimension: "",
            objective: "",
            key_result: "官网线索转化率达到12%",
            metric: "转化率",
            unit: "%",
            baseline: pct(0.08),
            target: pct(0.12),
            quarters: [pct(0.10), pct(0.12), Cell::Empty, Cell::Empty],
            owner: "李娜",
            channel: "微信",
            due: s("2026/6/30"),
            budget: Some(50.0),
            notes: "上半年完成",
        },
    ]
}

/// Row groups (0-based first/last goal index) that share one merged 目标维度 cell.
const ZH_DIMENSION_GROUPS: [(usize, usize); 4] = [(0, 5), (6, 8), (9, 12), (13, 15)];

/// The 目标分解 sheet: title, note, two-row header, 16 goals, 合计, blank, 注.
fn zh_goal_sheet(clean: bool) -> Sheet {
    let mut sh = Sheet::new("目标分解");
    sh.push(vec![s(ZH_TITLE)]);
    sh.merges.push((0, 0, 0, 17));
    sh.push(vec![s(ZH_NOTE)]);
    let h3 = sh.header(&ZH_HEAD3);
    let mut h4: Row = vec![Cell::Empty; 18];
    for (i, q) in ZH_QUARTERS.iter().enumerate() {
        h4[9 + i] = s(q);
    }
    let h4r = sh.push(h4);
    sh.bold_rows.push(h4r);
    for c in 0..18u16 {
        if !(9..=12).contains(&c) {
            sh.merges.push((h3, c, h4r, c));
        }
    }
    sh.merges.push((h3, 9, h3, 12));
    let first = h4r + 1;
    let goals = zh_goals(clean);
    for g in &goals {
        sh.push(g.row("#,##0"));
    }
    for (a, b) in ZH_DIMENSION_GROUPS {
        sh.merges.push((first + a as u32, 2, first + b as u32, 2));
    }
    // 合计: 销售额 leaf rows (KR1.1a, KR1.1b, KR1.2 = rows 7..9) for I..M, all leaf budgets for Q.
    let mut total: Row = vec![Cell::Empty; 18];
    total[0] = s("合计");
    let sales_leaves = [2usize, 3, 4];
    for (c, cell) in total.iter_mut().enumerate().take(13).skip(8) {
        let sum: f64 = sales_leaves
            .iter()
            .map(|&i| number_of(&goals[i].row("")[c]))
            .sum();
        let l = col_letter(c);
        *cell = Cell::Formula(format!("=SUM({l}7:{l}9)"), sum, "#,##0");
    }
    let leaf_budget: f64 = leaf_indices(&goals)
        .iter()
        .filter_map(|&i| goals[i].budget)
        .sum();
    total[16] = Cell::Formula(
        "=SUM(Q7:Q10,Q12:Q13,Q15:Q17,Q19:Q20)".into(),
        leaf_budget,
        "#,##0",
    );
    sh.push(total);
    sh.push(vec![]);
    sh.push(vec![s("注：预算为各渠道投放与活动费用，机动资金见“预算”表；季度目标为当季目标值（粉丝数、认知度为季末值）。")]);
    sh
}

fn number_of(cell: &Cell) -> f64 {
    match cell {
        Cell::Num(v, _) | Cell::Formula(_, v, _) => *v,
        _ => 0.0,
    }
}

/// Indices of goals that no other goal names as its parent.
fn leaf_indices(goals: &[Goal]) -> Vec<usize> {
    let parents: BTreeSet<&str> = goals
        .iter()
        .map(|g| g.parent)
        .filter(|p| !p.is_empty())
        .collect();
    (0..goals.len())
        .filter(|&i| !parents.contains(goals[i].id))
        .collect()
}

struct Action {
    id: &'static str,
    goal: &'static str,
    what: &'static str,
    how: &'static str,
    owner: &'static str,
    start: Cell,
    end: Cell,
    resources: &'static str,
    budget: Option<f64>,
}

impl Action {
    fn row(&self, budget_fmt: &'static str) -> Row {
        vec![
            s(self.id),
            s(self.goal),
            s(self.what),
            s(self.how),
            s(self.owner),
            self.start.clone(),
            self.end.clone(),
            s(self.resources),
            opt_num(self.budget, budget_fmt),
        ]
    }
}

#[allow(clippy::too_many_arguments)]
fn act(
    id: &'static str,
    goal: &'static str,
    what: &'static str,
    how: &'static str,
    owner: &'static str,
    start: Cell,
    end: Cell,
    resources: &'static str,
    budget: Option<f64>,
) -> Action {
    Action {
        id,
        goal,
        what,
        how,
        owner,
        start,
        end,
        resources,
        budget,
    }
}

const ZH_ACTION_HEAD: [&str; 9] = [
    "编号",
    "所属目标",
    "做什么",
    "怎么做",
    "谁来做",
    "开始日期",
    "结束日期",
    "需要什么资源",
    "预算(万元)",
];

fn zh_actions(clean: bool) -> Vec<Action> {
    vec![
        act(
            "A01",
            "KR1.1a",
            "天猫618大促",
            "提前锁定平台资源位，满减叠加会员券",
            "李娜",
            d(2026, 5, 1),
            d(2026, 6, 20),
            "平台资源位、设计2人",
            Some(120.0),
        ),
        act(
            "A02",
            "KR1.1a",
            "天猫双11大促",
            "预售与直播联动，老客专享价",
            "李娜",
            d(2026, 9, 15),
            d(2026, 11, 15),
            "平台资源位、客服加班",
            Some(150.0),
        ),
        act(
            "A03",
            "KR1.1b",
            "抖音直播间日播",
            "每日两场直播，每月两场达人专场",
            "刘洋",
            d(2026, 1, 10),
            d(2026, 12, 20),
            "主播3人、直播设备",
            Some(150.0),
        ),
        act(
            "A04",
            "KR1.2",
            "门店会员日活动",
            "每月第一个周六举办会员日",
            "王芳",
            d(2026, 2, 1),
            d(2026, 12, 31),
            "门店物料、导购培训",
            Some(200.0),
        ),
        act(
            "A05",
            "KR1.3",
            "企业微信线索收集",
            "公众号表单与直播预约收集线索",
            "陈静",
            d(2026, 3, 1),
            d(2026, 12, 15),
            "企业微信、表单工具",
            Some(80.0),
        ),
        act(
            "A06",
            "KR2.1",
            "官方账号内容矩阵",
            "每周5条短视频，每季度合作10位KOL",
            "刘洋",
            d(2026, 1, 5),
            d(2026, 12, 31),
            "KOL费用、剪辑2人",
            Some(180.0),
        ),
        act(
            "A07",
            "KR2.2",
            "小红书种草笔记",
            "合作100位达人发布种草笔记",
            "王芳",
            d(2026, 2, 15),
            d(2026, 11, 30),
            "达人费用",
            Some(100.0),
        ),
        act(
            "A08",
            "KR2.2",
            "品牌认知度调研",
            "委托第三方每半年调研一次",
            if clean { "王芳" } else { "" },
            d(2026, 6, 1),
            d(2026, 12, 15),
            "调研公司",
            Some(30.0),
        ),
        act(
            "A09",
            "KR3.1",
            "私域社群运营",
            "社群分层运营，每周会员福利",
            "陈静",
            d(2026, 1, 15),
            d(2026, 12, 31),
            "SCRM系统、运营2人",
            Some(100.0),
        ),
        act(
            "A10",
            "KR3.2",
            "门店扫码入会",
            "收银台扫码入会赠券",
            "王芳",
            d(2026, 1, 15),
            d(2026, 12, 31),
            "台卡物料、导购激励",
            Some(60.0),
        ),
        act(
            "A11",
            "KR3.3",
            "会员复购券",
            "购后30天推送复购券",
            "王芳",
            d(2026, 3, 1),
            d(2026, 12, 31),
            "CRM短信",
            Some(80.0),
        ),
        act(
            "A12",
            "KR4.1",
            "信息流人群测试",
            "分人群AB测试出价与素材",
            "刘洋",
            d(2026, 1, 10),
            d(2026, 12, 31),
            "投放费用、数据分析师",
            Some(200.0),
        ),
        act(
            "A13",
            "KR4.2",
            "官网落地页改版",
            "表单缩短为3项并做A/B测试",
            "李娜",
            d(2026, 2, 1),
            d(2026, 6, 15),
            "前端开发1人",
            Some(50.0),
        ),
    ]
}

fn action_sheet(name: &str, head: &[&str], actions: &[Action], budget_fmt: &'static str) -> Sheet {
    let mut sh = Sheet::new(name);
    sh.header(head);
    for a in actions {
        sh.push(a.row(budget_fmt));
    }
    sh
}

struct BudgetLine {
    item: &'static str,
    owner: &'static str,
    channel: &'static str,
    amount: f64,
}

fn bl(item: &'static str, owner: &'static str, channel: &'static str, amount: f64) -> BudgetLine {
    BudgetLine {
        item,
        owner,
        channel,
        amount,
    }
}

fn zh_budget_lines() -> Vec<BudgetLine> {
    vec![
        bl("天猫店铺运营", "李娜", "天猫", 300.0),
        bl("抖音直播与信息流", "刘洋", "抖音", 350.0),
        bl("品牌内容与KOL", "刘洋", "抖音", 180.0),
        bl("小红书内容种草", "王芳", "小红书", 150.0),
        bl("线下门店活动", "王芳", "线下", 410.0),
        bl("会员复购活动", "王芳", "天猫", 80.0),
        bl("微信私域运营", "陈静", "微信", 270.0),
        bl("机动资金", "张伟", "", 100.0),
    ]
}

/// Budget sheet with a `total` row: a live SUM over the lines, or a typed number when given.
fn budget_sheet(
    name: &str,
    head: &[&str],
    lines: &[BudgetLine],
    total_label: &str,
    typed_total: Option<f64>,
    fmt: &'static str,
) -> Sheet {
    let mut sh = Sheet::new(name);
    sh.header(head);
    for l in lines {
        sh.push(vec![
            s(l.item),
            s(l.owner),
            s(l.channel),
            Cell::Num(l.amount, fmt),
        ]);
    }
    let sum: f64 = lines.iter().map(|l| l.amount).sum();
    let total = match typed_total {
        Some(v) => Cell::Num(v, fmt),
        None => Cell::Formula(format!("=SUM(D2:D{})", lines.len() + 1), sum, fmt),
    };
    sh.push(vec![s(total_label), Cell::Empty, Cell::Empty, total]);
    sh
}

// ---------------------------------------------------------------------------------------------
// plan_en / clean_en and their text exports
// ---------------------------------------------------------------------------------------------

const EN_HEAD: [&str; 18] = [
    "ID",
    "Parent",
    "Dimension",
    "Objective",
    "Key Result",
    "Metric",
    "Unit",
    "Baseline",
    "Annual target",
    "Q1",
    "Q2",
    "Q3",
    "Q4",
    "Owner",
    "Channel",
    "Due date",
    "Budget",
    "Notes",
];

/// Currency/locale flavour of the English plan: US dollars, or the Windows-1252 euro export.
#[derive(Clone, Copy, PartialEq)]
enum EnFlavour {
    Dollar,
    Euro,
}

impl EnFlavour {
    fn money(self, v: f64) -> Cell {
        match self {
            EnFlavour::Dollar => Cell::Num(v, "$#,##0"),
            EnFlavour::Euro => Cell::Num(v, "€0"),
        }
    }

    fn money_fmt(self) -> &'static str {
        match self {
            EnFlavour::Dollar => "$#,##0",
            EnFlavour::Euro => "€0",
        }
    }

    /// A plain count: thousands separators in the US flavour, none in the euro one (where
    /// `9,000` would read as a decimal).
    fn count(self, v: f64) -> Cell {
        match self {
            EnFlavour::Dollar => k(v),
            EnFlavour::Euro => n(v),
        }
    }

    fn cur(self) -> &'static str {
        match self {
            EnFlavour::Dollar => "$",
            EnFlavour::Euro => "€",
        }
    }

    fn date(self, y: i32, m: u32, day: u32) -> Cell {
        match self {
            EnFlavour::Dollar => d(y, m, day),
            EnFlavour::Euro => Cell::Date(y, m, day, "dd/mm/yyyy"),
        }
    }

    /// Owner names: plain ASCII, or accented ones that need Windows-1252.
    fn owner(self, i: usize) -> &'static str {
        const PLAIN: [&str; 5] = [
            "Sarah Chen",
            "Mike Johnson",
            "Emma Davis",
            "Laura Kim",
            "David Brown",
        ];
        const ACCENTED: [&str; 5] = [
            "José Müller",
            "Zoë Laurent",
            "François Dubois",
            "Søren Ødegård",
            "Ana Peña",
        ];
        match self {
            EnFlavour::Dollar => PLAIN[i],
            EnFlavour::Euro => ACCENTED[i],
        }
    }

    fn text(self, t: &str) -> &'static str {
        // Statements mention the currency; leak the few owned variants (fixtures only).
        match self {
            EnFlavour::Dollar => Box::leak(t.to_string().into_boxed_str()),
            EnFlavour::Euro => Box::leak(t.replace('$', "€").into_boxed_str()),
        }
    }
}

fn en_goals(f: EnFlavour) -> Vec<Goal> {
    let m = |v: f64| f.money(v);
    let ms = |v: [f64; 4]| v.map(|x| f.money(x));
    let c = |v: f64| f.count(v);
    let cs = |v: [f64; 4]| v.map(|x| f.count(x));
    vec![
        Goal {
            id: "O1",
            parent: "",
            dimension: "Business growth",
            objective: f.text("Reach $5.0M revenue in FY2026"),
            key_result: "",
            metric: "Revenue",
            unit: f.cur(),
            baseline: m(4_000_000.0),
            target: m(5_000_000.0),
            quarters: ms([1_100_000.0, 1_200_000.0, 1_250_000.0, 1_450_000.0]),
            owner: f.owner(0),
            channel: "",
            due: f.date(2026, 12, 31),
            budget: None,
            notes: "Company goal",
        },
        Goal {
            id: "KR1.1",
            parent: "O1",
            dimension: "Business growth",
            objective: "",
            key_result: f.text("Online revenue reaches $3,000,000"),
            metric: "Revenue",
            unit: f.cur(),
            baseline: m(2_400_000.0),
            target: m(3_000_000.0),
            quarters: ms([660_000.0, 720_000.0, 750_000.0, 870_000.0]),
            owner: f.owner(1),
            channel: "Online",
            due: s("Dec 31, 2026"),
            budget: Some(250_000.0),
            notes: "",
        },
        Goal {
            id: "KR1.2",
            parent: "O1",
            dimension: "Business growth",
            objective: "",
            key_result: f.text("Retail revenue reaches $2,000,000"),
            metric: "Revenue",
            unit: f.cur(),
            baseline: m(1_600_000.0),
            target: m(2_000_000.0),
            quarters: ms([440_000.0, 480_000.0, 500_000.0, 580_000.0]),
            owner: f.owner(2),
            channel: "Retail",
            due: f.date(2026, 12, 31),
            budget: Some(150_000.0),
            notes: "",
        },
        Goal {
            id: "KR1.3",
            parent: "O1",
            dimension: "Business growth",
            objective: "",
            key_result: "Generate 12,000 qualified leads",
            metric: "Leads",
            unit: "leads",
            baseline: c(9000.0),
            target: c(12000.0),
            quarters: cs([2500.0, 3000.0, 3000.0, 3500.0]),
            owner: f.owner(1),
            channel: "Paid search",
            due: s("Q4"),
            budget: Some(120_000.0),
            notes: "MQL definition v2",
        },
        Goal {
            id: "O2",
            parent: "",
            dimension: "Brand",
            objective: "Reach 400,000 social followers by year end",
            key_result: "",
            metric: "Followers",
            unit: "followers",
            baseline: c(250_000.0),
            target: c(400_000.0),
            quarters: cs([290_000.0, 330_000.0, 360_000.0, 400_000.0]),
            owner: f.owner(3),
            channel: "",
            due: f.date(2026, 12, 31),
            budget: None,
            notes: "Year-end count",
        },
        Goal {
            id: "KR2.1",
            parent: "O2",
            dimension: "Brand",
            objective: "",
            key_result: "LinkedIn followers reach 150,000",
            metric: "Followers",
            unit: "followers",
            baseline: c(90_000.0),
            target: c(150_000.0),
            quarters: cs([105_000.0, 120_000.0, 135_000.0, 150_000.0]),
            owner: f.owner(3),
            channel: "LinkedIn",
            due: s("31-Dec-2026"),
            budget: Some(80_000.0),
            notes: "",
        },
        Goal {
            id: "O3",
            parent: "",
            dimension: "Customer operations",
            objective: "NPS reaches 45 by year end",
            key_result: "",
            metric: "NPS",
            unit: "points",
            baseline: n(32.0),
            target: n(45.0),
            quarters: [n(35.0), n(38.0), n(42.0), n(45.0)],
            owner: f.owner(2),
            channel: "",
            due: f.date(2026, 12, 31),
            budget: None,
            notes: "",
        },
        Goal {
            id: "KR3.1",
            parent: "O3",
            dimension: "Customer operations",
            objective: "",
            key_result: "Trial-to-paid conversion rate reaches 18%",
            metric: "Conversion rate",
            unit: "%",
            baseline: pct(0.12),
            target: pct(0.18),
            quarters: pcts([0.13, 0.15, 0.16, 0.18]),
            owner: f.owner(0),
            channel: "Email",
            due: f.date(2026, 12, 31),
            budget: Some(60_000.0),
            notes: "",
        },
        Goal {
            id: "O4",
            parent: "",
            dimension: "Marketing efficiency",
            objective: f.text("Bring blended CAC down to $150"),
            key_result: "",
            metric: "CAC",
            unit: f.cur(),
            baseline: m(190.0),
            target: m(150.0),
            quarters: ms([180.0, 170.0, 160.0, 150.0]),
            owner: f.owner(4),
            channel: "",
            due: f.date(2026, 12, 31),
            budget: None,
            notes: "Lower is better",
        },
        Goal {
            id: "KR4.1",
            parent: "O4",
            dimension: "Marketing efficiency",
            objective: "",
            key_result: f.text("Paid search CAC at or below $140"),
            metric: "CAC",
            unit: f.cur(),
            baseline: m(180.0),
            target: m(140.0),
            quarters: ms([170.0, 160.0, 150.0, 140.0]),
            owner: f.owner(4),
            channel: "Paid search",
            due: f.date(2026, 12, 31),
            budget: Some(90_000.0),
            notes: "",
        },
    ]
}

/// The English Goals sheet. `titled`: title row + blank row above the header (plan_en);
/// otherwise the header is row 1 (clean_en).
fn en_goal_sheet(f: EnFlavour, titled: bool) -> Sheet {
    let mut sh = Sheet::new("Goals");
    if titled {
        sh.push(vec![s("FY2026 Marketing Plan")]);
        sh.push(vec![]);
    }
    let head = sh.header(&EN_HEAD);
    let first = head + 2; // 1-based row of the first goal
    let goals = en_goals(f);
    for g in &goals {
        sh.push(g.row(f.money_fmt()));
    }
    // Total: revenue leaves (KR1.1, KR1.2) for I..M; all leaf budgets for Q.
    let mut total: Row = vec![Cell::Empty; 18];
    total[0] = s("Total");
    let (a, b) = (first + 1, first + 2);
    for (c, cell) in total.iter_mut().enumerate().take(13).skip(8) {
        let sum = number_of(&goals[1].row("")[c]) + number_of(&goals[2].row("")[c]);
        let l = col_letter(c);
        *cell = Cell::Formula(format!("=SUM({l}{a}:{l}{b})"), sum, f.money_fmt());
    }
    let leaves = leaf_indices(&goals);
    let refs: Vec<String> = leaves
        .iter()
        .map(|&i| format!("Q{}", first + i as u32))
        .collect();
    let leaf_budget: f64 = leaves.iter().filter_map(|&i| goals[i].budget).sum();
    total[16] = Cell::Formula(
        format!("=SUM({})", refs.join(",")),
        leaf_budget,
        f.money_fmt(),
    );
    sh.push(total);
    sh
}

const EN_ACTION_HEAD: [&str; 9] = [
    "Action ID",
    "Goal ID",
    "Action",
    "How",
    "Owner",
    "Start",
    "End",
    "Resources",
    "Budget",
];

fn en_actions() -> Vec<Action> {
    let f = EnFlavour::Dollar;
    vec![
        act(
            "A1",
            "KR1.1",
            "Spring online sale",
            "Email and paid social promotion",
            f.owner(1),
            d(2026, 3, 1),
            d(2026, 4, 30),
            "Agency, creative team",
            Some(100_000.0),
        ),
        act(
            "A2",
            "KR1.1",
            "Black Friday campaign",
            "Site-wide offer with retargeting",
            f.owner(1),
            d(2026, 10, 15),
            d(2026, 11, 30),
            "Paid social budget",
            Some(120_000.0),
        ),
        act(
            "A3",
            "KR1.2",
            "In-store demo days",
            "Monthly product demos in the top 20 stores",
            f.owner(2),
            d(2026, 2, 1),
            d(2026, 12, 15),
            "Demo staff, POS materials",
            Some(150_000.0),
        ),
        act(
            "A4",
            "KR1.3",
            "Always-on paid search",
            "Keyword expansion and bid rules",
            f.owner(1),
            d(2026, 1, 5),
            d(2026, 12, 31),
            "Search budget, analyst",
            Some(120_000.0),
        ),
        act(
            "A5",
            "KR2.1",
            "LinkedIn thought leadership",
            "Three posts a week plus employee advocacy",
            f.owner(3),
            d(2026, 1, 10),
            d(2026, 12, 31),
            "Content writer, designer",
            Some(80_000.0),
        ),
        act(
            "A6",
            "KR3.1",
            "Onboarding email series",
            "Seven-step nurture with in-app prompts",
            f.owner(0),
            d(2026, 2, 1),
            d(2026, 9, 30),
            "Marketing automation tool",
            Some(60_000.0),
        ),
        act(
            "A7",
            "KR4.1",
            "Search bid tuning",
            "Weekly negative keywords and bid caps",
            f.owner(4),
            d(2026, 1, 5),
            d(2026, 12, 31),
            "Search analyst",
            Some(90_000.0),
        ),
    ]
}

fn en_budget_lines() -> Vec<BudgetLine> {
    let f = EnFlavour::Dollar;
    vec![
        bl("Online campaigns", f.owner(1), "Online", 250_000.0),
        bl("Retail events", f.owner(2), "Retail", 150_000.0),
        bl("Paid search leads", f.owner(1), "Paid search", 120_000.0),
        bl("LinkedIn content", f.owner(3), "LinkedIn", 80_000.0),
        bl("Lifecycle email", f.owner(0), "Email", 60_000.0),
        bl(
            "Paid search efficiency",
            f.owner(4),
            "Paid search",
            90_000.0,
        ),
        bl("Contingency reserve", f.owner(4), "", 50_000.0),
    ]
}

const EN_BUDGET_HEAD: [&str; 4] = ["Item", "Owner", "Channel", "Amount"];
const ZH_BUDGET_HEAD: [&str; 4] = ["项目", "负责人", "渠道", "金额(万元)"];

// ---------------------------------------------------------------------------------------------
// Long layout
// ---------------------------------------------------------------------------------------------

struct LongGoal {
    id: &'static str,
    goal: &'static str,
    metric: &'static str,
    unit: &'static str,
    quarters: [Cell; 4],
    owner: &'static str,
    channel: &'static str,
}

fn long_goals(en: bool) -> Vec<LongGoal> {
    let t = |zh: &'static str, e: &'static str| if en { e } else { zh };
    vec![
        LongGoal {
            id: "G01",
            goal: t(
                "天猫旗舰店销售额达到1200万元",
                "Tmall flagship revenue reaches 12M CNY",
            ),
            metric: t("销售额", "Revenue"),
            unit: t("万元", "10k CNY"),
            quarters: ks([240.0, 280.0, 300.0, 380.0]),
            owner: t("李娜", "Li Na"),
            channel: t("天猫", "Tmall"),
        },
        LongGoal {
            id: "G02",
            goal: t(
                "抖音直播间销售额达到600万元",
                "Douyin live revenue reaches 6M CNY",
            ),
            metric: t("销售额", "Revenue"),
            unit: t("万元", "10k CNY"),
            quarters: ks([120.0, 140.0, 150.0, 190.0]),
            owner: t("刘洋", "Liu Yang"),
            channel: t("抖音", "Douyin"),
        },
        LongGoal {
            id: "G03",
            goal: t(
                "微信私域新增会员达到36000人",
                "WeChat new members reach 36,000",
            ),
            metric: t("新增会员", "New members"),
            unit: t("人", "members"),
            quarters: ks([7200.0, 9000.0, 9000.0, 10800.0]),
            owner: t("陈静", "Chen Jing"),
            channel: t("微信", "WeChat"),
        },
        LongGoal {
            id: if en { "" } else { "G04" },
            goal: t(
                "品牌官方账号粉丝总数达到50万",
                "Official account followers reach 500,000",
            ),
            metric: t("粉丝数", "Followers"),
            unit: t("人", "followers"),
            quarters: ks([280000.0, 350000.0, 420000.0, 500000.0]),
            owner: t("刘洋", "Liu Yang"),
            channel: t("小红书", "Xiaohongshu"),
        },
        LongGoal {
            id: if en { "" } else { "G05" },
            goal: t("会员复购率达到35%", "Member repurchase rate reaches 35%"),
            metric: t("复购率", "Repurchase rate"),
            unit: "%",
            quarters: pcts([0.30, 0.32, 0.34, 0.35]),
            owner: t("王芳", "Wang Fang"),
            channel: t("天猫", "Tmall"),
        },
    ]
}

fn long_sheet(en: bool) -> Sheet {
    let mut sh = Sheet::new(if en {
        "Quarterly targets"
    } else {
        "季度目标"
    });
    if en {
        sh.header(&[
            "ID", "Goal", "Metric", "Unit", "Quarter", "Target", "Owner", "Channel", "Due date",
        ]);
    } else {
        sh.header(&[
            "编号",
            "目标",
            "衡量指标",
            "单位",
            "季度",
            "目标值",
            "负责人",
            "渠道",
            "截止日期",
        ]);
    }
    let quarter_names: [&str; 4] = if en {
        ["Q1", "Q2", "Q3", "Q4"]
    } else {
        ZH_QUARTERS
    };
    for g in long_goals(en) {
        for (qi, q) in g.quarters.iter().enumerate() {
            sh.push(vec![
                s(g.id),
                s(g.goal),
                s(g.metric),
                s(g.unit),
                s(quarter_names[qi]),
                q.clone(),
                s(g.owner),
                s(g.channel),
                d(2026, 12, 31),
            ]);
        }
    }
    sh
}

// ---------------------------------------------------------------------------------------------
// plan_1904
// ---------------------------------------------------------------------------------------------

fn plan_1904_sheet() -> Sheet {
    let mut sh = Sheet::new("Goals");
    sh.header(&[
        "ID",
        "Objective",
        "Metric",
        "Unit",
        "Baseline",
        "Annual target",
        "Q1",
        "Q2",
        "Q3",
        "Q4",
        "Owner",
        "Due date",
    ]);
    sh.push(vec![
        s("G1"),
        s("Q1 webinar leads reach 900"),
        s("Leads"),
        s("leads"),
        n(700.0),
        n(900.0),
        n(900.0),
        Cell::Empty,
        Cell::Empty,
        Cell::Empty,
        s("Sarah Chen"),
        d(2026, 3, 31),
    ]);
    sh.push(vec![
        s("G2"),
        s("H1 newsletter signups reach 4,000"),
        s("Signups"),
        s("signups"),
        n(3000.0),
        n(4000.0),
        n(1800.0),
        n(2200.0),
        Cell::Empty,
        Cell::Empty,
        s("Mike Johnson"),
        d(2026, 6, 30),
    ]);
    sh.push(vec![
        s("G3"),
        s("Event revenue reaches $800,000"),
        s("Revenue"),
        s("$"),
        n(650_000.0),
        n(800_000.0),
        n(150_000.0),
        n(200_000.0),
        n(200_000.0),
        n(250_000.0),
        s("Emma Davis"),
        d(2026, 12, 31),
    ]);
    sh
}

// ---------------------------------------------------------------------------------------------
// defects_zh / defects_en
// ---------------------------------------------------------------------------------------------

/// A row of the defects sheets (20 columns A..T; P = start, Q = due, T = unrecognised column).
struct DGoal {
    id: &'static str,
    parent: &'static str,
    dim: &'static str,
    objective: &'static str,
    kr: &'static str,
    metric: &'static str,
    unit: &'static str,
    baseline: Cell,
    target: Cell,
    quarters: [Cell; 4],
    owner: &'static str,
    channel: &'static str,
    start: Cell,
    due: Cell,
    budget: Option<f64>,
    /// What this row plants: (column letter, expectation). Empty for plain rows.
    expect: Vec<(&'static str, &'static str)>,
}

impl DGoal {
    fn row(&self) -> Row {
        let [q1, q2, q3, q4] = self.quarters.clone();
        vec![
            s(self.id),
            s(self.parent),
            s(self.dim),
            s(self.objective),
            s(self.kr),
            s(self.metric),
            s(self.unit),
            self.baseline.clone(),
            self.target.clone(),
            q1,
            q2,
            q3,
            q4,
            s(self.owner),
            s(self.channel),
            self.start.clone(),
            self.due.clone(),
            opt_num(self.budget, ""),
            Cell::Empty,
            Cell::Empty,
        ]
    }
}

const D_HEAD_ZH: [&str; 20] = [
    "编号",
    "上级目标",
    "目标维度",
    "目标",
    "关键结果",
    "衡量指标",
    "单位",
    "基线",
    "全年目标",
    "一季度",
    "二季度",
    "三季度",
    "四季度",
    "负责人",
    "渠道",
    "开始日期",
    "截止日期",
    "预算(万元)",
    "备注",
    "自定义列",
];
const D_HEAD_EN: [&str; 20] = [
    "ID",
    "Parent",
    "Dimension",
    "Objective",
    "Key Result",
    "Metric",
    "Unit",
    "Baseline",
    "Annual target",
    "Q1",
    "Q2",
    "Q3",
    "Q4",
    "Owner",
    "Channel",
    "Start date",
    "Due date",
    "Budget",
    "Notes",
    "Custom column",
];

/// Names of the 8 ordinary owners (≤ 8 goals each) and the overloaded one (exactly 9 goals).
fn d_owners(en: bool) -> ([&'static str; 8], &'static str) {
    if en {
        (
            [
                "Alice Wong",
                "Ben Carter",
                "Chloe Martin",
                "Dan Lee",
                "Eva Rossi",
                "Frank Ortiz",
                "Grace Hall",
                "Henry Park",
            ],
            "Zoe Overload",
        )
    } else {
        (
            [
                "张伟", "李娜", "王芳", "刘洋", "陈静", "杨帆", "黄磊", "周婷",
            ],
            "赵敏",
        )
    }
}

// One push per planted row keeps each defect readable on its own.
#[allow(clippy::vec_init_then_push)]
fn defect_goals(en: bool) -> Vec<DGoal> {
    let t = |zh: &'static str, e: &'static str| if en { e } else { zh };
    let (owners, busy) = d_owners(en);
    let sales = t("销售额", "Revenue");
    let wan = t("万元", "$k");
    let leads = t("线索数", "Leads");
    let ge = t("个", "leads");
    let dims = [
        t("业务增长", "Business growth"),
        t("品牌建设", "Brand"),
        t("客户运营", "Customer operations"),
        t("营销效率", "Marketing efficiency"),
    ];
    // A plain, well-formed key result under O1: 销售额 100 → 120, 30 per quarter.
    let base = |id: &'static str, kr: &'static str| DGoal {
        id,
        parent: "O1",
        dim: dims[0],
        objective: "",
        kr,
        metric: sales,
        unit: wan,
        baseline: n(100.0),
        target: n(120.0),
        quarters: [n(30.0), n(30.0), n(30.0), n(30.0)],
        owner: "",
        channel: t("天猫", "Online"),
        start: d(2026, 1, 1),
        due: d(2026, 12, 31),
        budget: Some(10.0),
        expect: Vec::new(),
    };
    let mut g: Vec<DGoal> = Vec::new();
    // --- top objectives (metrics not shared with their children, so no decomposition check)
    g.push(DGoal {
        id: "O1",
        parent: "",
        dim: dims[0],
        objective: t(
            "2026年营业收入达到5000万元",
            "FY2026 turnover reaches $5,000k",
        ),
        kr: "",
        metric: t("营业收入", "Turnover"),
        unit: wan,
        baseline: n(4000.0),
        target: n(5000.0),
        quarters: [n(1100.0), n(1200.0), n(1250.0), n(1450.0)],
        budget: None,
        ..base("", "")
    });
    g.push(DGoal {
        id: "O2",
        parent: "",
        dim: dims[1],
        objective: t(
            "2026年底品牌认知度达到30%",
            "Brand awareness reaches 30% by year end",
        ),
        kr: "",
        metric: t("品牌认知度", "Brand awareness"),
        unit: "%",
        baseline: pct(0.2),
        target: pct(0.3),
        quarters: pcts([0.22, 0.25, 0.28, 0.3]),
        budget: None,
        ..base("", "")
    });
    g.push(DGoal {
        id: "O3",
        parent: "",
        dim: dims[2],
        objective: t(
            "2026年底会员总数达到20万人",
            "Member base reaches 200,000 by year end",
        ),
        kr: "",
        metric: t("会员总数", "Member base"),
        unit: t("人", "members"),
        baseline: n(150000.0),
        target: n(200000.0),
        quarters: [n(160000.0), n(172000.0), n(185000.0), n(200000.0)],
        budget: None,
        ..base("", "")
    });
    g.push(DGoal {
        id: "O4",
        parent: "",
        dim: dims[3],
        objective: t(
            "2026年营销费用率降至12%",
            "Marketing cost ratio falls to 12%",
        ),
        kr: "",
        metric: t("营销费用率", "Marketing cost ratio"),
        unit: "%",
        baseline: pct(0.15),
        target: pct(0.12),
        quarters: pcts([0.14, 0.13, 0.125, 0.12]),
        budget: None,
        ..base("", "")
    });
    // --- S
    g.push(DGoal {
        expect: vec![("N", "S: owner missing (error)")],
        ..base(
            "S1",
            t("天猫销售额达到120万元", "Online revenue reaches $120k"),
        )
    });
    g.push(DGoal {
        expect: vec![(
            "D",
            "S: statement missing — objective and key result both blank (error)",
        )],
        ..base("S2", "")
    });
    g.push(DGoal {
        metric: "",
        expect: vec![
            ("E", "S: vague wording with no metric (warning)"),
            ("F", "M: metric missing (error)"),
        ],
        ..base(
            "S3",
            t("进一步提升品牌影响力", "Further improve brand influence"),
        )
    });
    g.push(DGoal {
        expect: vec![
            ("E", "S: bundled statement — two goals in one (warning)"),
            ("E", "S: vague word with metric and target (info only)"),
        ],
        ..base(
            "S4",
            t(
                "提升销售额并且扩大品牌影响",
                "Increase revenue and expand brand reach",
            ),
        )
    });
    g.push(DGoal {
        metric: "",
        unit: "",
        baseline: Cell::Empty,
        target: Cell::Empty,
        quarters: [Cell::Empty, Cell::Empty, Cell::Empty, Cell::Empty],
        expect: vec![
            (
                "E",
                "S: key result worded as an activity, no metric (warning)",
            ),
            ("F", "M: metric missing (error)"),
            ("I", "M: target missing (error)"),
            ("H", "M: baseline missing (warning)"),
        ],
        ..base("S5", t("上线新版官网", "Launch the new website"))
    });
    // --- M
    g.push(DGoal {
        metric: "",
        expect: vec![("F", "M: metric missing (error)")],
        ..base(
            "M1",
            t("线上渠道达到120万元", "Online channel reaches $120k"),
        )
    });
    g.push(DGoal {
        target: Cell::Empty,
        quarters: [Cell::Empty, Cell::Empty, Cell::Empty, Cell::Empty],
        expect: vec![("I", "M: target missing (error)")],
        ..base(
            "M2",
            t("门店销售额达到目标", "Store revenue hits its target"),
        )
    });
    g.push(DGoal {
        target: s(t("待定", "TBD")),
        quarters: [Cell::Empty, Cell::Empty, Cell::Empty, Cell::Empty],
        expect: vec![(
            "I",
            "M: target not yet set (待定/TBD) — missing with that reason (error)",
        )],
        ..base(
            "M3",
            t("直播销售额达到目标", "Live-stream revenue hits its target"),
        )
    });
    g.push(DGoal {
        target: s(t("很多", "lots")),
        quarters: [Cell::Empty, Cell::Empty, Cell::Empty, Cell::Empty],
        expect: vec![("I", "M: target not numeric / unparsable (error)")],
        ..base(
            "M4",
            t("团购销售额达到目标", "Group-buy revenue hits its target"),
        )
    });
    g.push(DGoal {
        metric: t("合作伙伴数量", "Partner count"),
        unit: "",
        baseline: n(40.0),
        target: n(50.0),
        quarters: [n(10.0), n(12.0), n(13.0), n(15.0)],
        expect: vec![("G", "M: unit missing (not inferable from the metric)")],
        ..base("M5", t("合作伙伴数量达到50家", "Partner count reaches 50"))
    });
    g.push(DGoal {
        baseline: Cell::Empty,
        expect: vec![("H", "M: baseline missing (warning)")],
        ..base(
            "M6",
            t("社群销售额达到120万元", "Community revenue reaches $120k"),
        )
    });
    g.push(DGoal {
        quarters: [n(30.0), n(30.0), n(30.0), n(20.0)],
        expect: vec![("I", "M: sum metric quarters 110 ≠ annual 120 (error)")],
        ..base(
            "M7",
            t("分销销售额达到120万元", "Reseller revenue reaches $120k"),
        )
    });
    g.push(DGoal {
        parent: "O2",
        dim: dims[1],
        metric: t("粉丝数", "Followers"),
        unit: t("人", "followers"),
        baseline: n(250000.0),
        target: n(600000.0),
        quarters: [n(200000.0), n(250000.0), n(300000.0), n(350000.0)],
        expect: vec![(
            "I",
            "M: level metric annual 600000 outside quarters' range 200000–350000 (error)",
        )],
        ..base(
            "M8",
            t("视频号粉丝数达到60万", "Video followers reach 600,000"),
        )
    });
    g.push(DGoal {
        parent: "O4",
        dim: dims[3],
        metric: t("转化率", "Conversion rate"),
        unit: "%",
        baseline: pct(0.5),
        target: s("120%"),
        quarters: [Cell::Empty, Cell::Empty, Cell::Empty, Cell::Empty],
        expect: vec![("I", "M: percentage 120% (text) over 100% (error)")],
        ..base(
            "M9",
            t(
                "落地页转化率达到120%",
                "Landing page conversion reaches 120%",
            ),
        )
    });
    g.push(DGoal {
        parent: "O4",
        dim: dims[3],
        metric: t("点击率", "Click-through rate"),
        unit: "%",
        baseline: n(50.0),
        target: n(120.0),
        quarters: [Cell::Empty, Cell::Empty, Cell::Empty, Cell::Empty],
        expect: vec![(
            "I",
            "M: bare number 120 with unit % = 120 percent points (1.2) over 100% (error)",
        )],
        ..base(
            "M10",
            t("广告点击率达到120", "Ad click-through rate reaches 120"),
        )
    });
    g.push(DGoal {
        metric: t("销售额增长率", "Revenue growth rate"),
        unit: "%",
        baseline: pct(0.6),
        target: s("150%"),
        quarters: [Cell::Empty, Cell::Empty, Cell::Empty, Cell::Empty],
        expect: vec![(
            "I",
            "LOOK-ALIKE: growth-rate metric at 150% — allowed, no percentage finding",
        )],
        ..base(
            "M11",
            t(
                "新品销售额增长率达到150%",
                "New-product revenue rises 150% on last year",
            ),
        )
    });
    // --- A
    g.push(DGoal {
        target: n(500.0),
        quarters: [n(125.0), n(125.0), n(125.0), n(125.0)],
        expect: vec![("I", "A: target 5× baseline 100, above 3.0 (warning)")],
        ..base(
            "A1",
            t("海外销售额达到500万元", "Export revenue reaches $500k"),
        )
    });
    g.push(DGoal {
        baseline: n(200.0),
        target: n(150.0),
        quarters: [n(30.0), n(40.0), n(40.0), n(40.0)],
        expect: vec![(
            "I",
            "A: target 150 worse than baseline 200 for a higher-is-better metric (warning)",
        )],
        ..base(
            "A2",
            t("礼品卡销售额达到150万元", "Gift card revenue reaches $150k"),
        )
    });
    g.push(DGoal { parent: "O4", dim: dims[3], metric: t("获客成本", "CAC"), unit: t("元", "$"), baseline: n(100.0), target: n(80.0), quarters: [n(95.0), n(90.0), n(85.0), n(80.0)], expect: vec![("I", "LOOK-ALIKE: lower-is-better 获客成本/CAC with target below baseline — no direction finding")], ..base("A3", t("搜索广告获客成本降至80元", "Search CAC falls to $80")) });
    g.push(DGoal {
        quarters: [n(10.0), n(40.0), n(40.0), n(30.0)],
        expect: vec![("K", "A: Q2 40 is 4× Q1 10, above 2.5 (warning)")],
        ..base(
            "A4",
            t(
                "企业团购销售额达到120万元",
                "Corporate revenue reaches $120k",
            ),
        )
    });
    g.push(DGoal {
        quarters: [n(10.0), n(25.0), n(40.0), n(45.0)],
        expect: vec![(
            "K",
            "LOOK-ALIKE: Q2 25 is exactly 2.5× Q1 10 — not above, no jump finding",
        )],
        ..base(
            "A5",
            t("校园渠道销售额达到120万元", "Campus revenue reaches $120k"),
        )
    });
    g.push(DGoal {
        baseline: n(40.0),
        expect: vec![(
            "I",
            "LOOK-ALIKE: target exactly 3.0× baseline 40 — not above, no growth finding",
        )],
        ..base(
            "A6",
            t("异业合作销售额达到120万元", "Partner revenue reaches $120k"),
        )
    });
    // --- R
    g.push(DGoal {
        parent: "O9",
        expect: vec![("B", "R: parent O9 does not exist (error)")],
        ..base(
            "R1",
            t(
                "员工内购销售额达到120万元",
                "Staff-shop revenue reaches $120k",
            ),
        )
    });
    g.push(DGoal {
        parent: "R2B",
        metric: leads,
        unit: ge,
        budget: None,
        expect: vec![("B", "R: cycle R2A → R2B → R2A (error)")],
        ..base(
            "R2A",
            t("展会线索数达到120个", "Trade-show leads reach 120"),
        )
    });
    g.push(DGoal {
        parent: "R2A",
        metric: t("新增会员", "New members"),
        unit: t("人", "members"),
        budget: None,
        expect: vec![("B", "R: cycle R2B → R2A → R2B (error)")],
        ..base(
            "R2B",
            t("展会新增会员达到120人", "Trade-show new members reach 120"),
        )
    });
    g.push(DGoal {
        parent: "",
        expect: vec![("B", "R: key result without a parent (error)")],
        ..base(
            "KR9.1",
            t(
                "电视购物销售额达到120万元",
                "TV-shopping revenue reaches $120k",
            ),
        )
    });
    g.push(DGoal {
        dim: t("其他", "Other"),
        expect: vec![(
            "C",
            "R: dimension 其他/Other not in the allowed set (warning)",
        )],
        ..base(
            "R4",
            t("礼盒销售额达到120万元", "Gift-box revenue reaches $120k"),
        )
    });
    g.push(DGoal {
        metric: leads,
        unit: ge,
        baseline: n(8000.0),
        target: n(10000.0),
        quarters: [n(2500.0), n(2500.0), n(2500.0), n(2500.0)],
        budget: None,
        expect: vec![(
            "I",
            "R: children R5a + R5b = 7000 fall short of 10000 by 3000 (warning on parent)",
        )],
        ..base("R5", t("全年线索数达到10000个", "Leads reach 10,000"))
    });
    g.push(DGoal {
        parent: "R5",
        metric: leads,
        unit: ge,
        baseline: n(2500.0),
        target: n(3000.0),
        quarters: [n(750.0), n(750.0), n(750.0), n(750.0)],
        ..base("R5a", t("百度线索数达到3000个", "Search leads reach 3,000"))
    });
    g.push(DGoal {
        parent: "R5",
        metric: leads,
        unit: ge,
        baseline: n(3500.0),
        target: n(4000.0),
        quarters: [n(1000.0), n(1000.0), n(1000.0), n(1000.0)],
        ..base(
            "R5b",
            t("信息流线索数达到4000个", "Feed-ad leads reach 4,000"),
        )
    });
    g.push(DGoal {
        metric: leads,
        unit: ge,
        baseline: n(7000.0),
        target: n(8000.0),
        quarters: [n(2000.0), n(2000.0), n(2000.0), n(2000.0)],
        budget: None,
        expect: vec![(
            "I",
            "R: children R6a + R6b = 12000 over-assign 8000 by 50% (> 20%, info)",
        )],
        ..base("R6", t("渠道线索数达到8000个", "Channel leads reach 8,000"))
    });
    g.push(DGoal {
        parent: "R6",
        metric: leads,
        unit: ge,
        baseline: n(5000.0),
        target: n(6000.0),
        quarters: [n(1500.0), n(1500.0), n(1500.0), n(1500.0)],
        ..base(
            "R6a",
            t("代理商线索数达到6000个", "Agency leads reach 6,000"),
        )
    });
    g.push(DGoal {
        parent: "R6",
        metric: leads,
        unit: ge,
        baseline: n(5000.0),
        target: n(6000.0),
        quarters: [n(1500.0), n(1500.0), n(1500.0), n(1500.0)],
        ..base("R6b", t("电话线索数达到6000个", "Phone leads reach 6,000"))
    });
    // --- T
    let h1 = [n(60.0), n(60.0), Cell::Empty, Cell::Empty];
    g.push(DGoal {
        due: Cell::Empty,
        expect: vec![("Q", "T: due date missing (error)")],
        ..base(
            "T1",
            t(
                "会员商城销售额达到120万元",
                "Member-shop revenue reaches $120k",
            ),
        )
    });
    g.push(DGoal {
        due: s(t("下个月吧", "next month maybe")),
        expect: vec![("Q", "T: due date unparsable (error)")],
        ..base(
            "T2",
            t("小程序销售额达到120万元", "Mini-app revenue reaches $120k"),
        )
    });
    g.push(DGoal {
        due: d(2025, 12, 31),
        expect: vec![
            ("Q", "T: due 2025-12-31 outside plan year 2026 (warning)"),
            (
                "P",
                "T004: the row's 2026 start is after the 2025 due date (error)",
            ),
        ],
        ..base(
            "T3",
            t(
                "社区团购销售额达到120万元",
                "Neighbourhood revenue reaches $120k",
            ),
        )
    });
    g.push(DGoal {
        start: d(2026, 8, 1),
        due: d(2026, 6, 30),
        quarters: h1.clone(),
        expect: vec![("P", "T: start 2026-08-01 after due 2026-06-30 (error)")],
        ..base(
            "T4",
            t(
                "春季新品销售额达到120万元",
                "Spring range revenue reaches $120k",
            ),
        )
    });
    g.push(DGoal {
        due: d(2026, 6, 30),
        quarters: h1.clone(),
        budget: None,
        ..base(
            "T5",
            t(
                "上半年促销销售额达到120万元",
                "H1 promo revenue reaches $120k",
            ),
        )
    });
    g.push(DGoal {
        parent: "T5",
        due: d(2026, 12, 31),
        quarters: h1.clone(),
        expect: vec![(
            "Q",
            "T: child due 2026-12-31 after parent T5 due 2026-06-30 (warning)",
        )],
        ..base(
            "T5a",
            t(
                "上半年促销天猫销售额达到120万元",
                "H1 promo online revenue reaches $120k",
            ),
        )
    });
    g.push(DGoal {
        due: d(2026, 6, 30),
        expect: vec![(
            "L",
            "T: Q3 and Q4 targets after due 2026-06-30 (one finding, on Q3)",
        )],
        ..base(
            "T6",
            t(
                "夏季清仓销售额达到120万元",
                "Summer clearance revenue reaches $120k",
            ),
        )
    });
    // --- E / B targets (the actions that carry the defects are in the action sheet)
    g.push(DGoal {
        expect: vec![(
            "A",
            "E001: leaf goal with no action in the action sheet (warning)",
        )],
        ..base(
            "E1",
            t(
                "直营店销售额达到120万元",
                "Direct-store revenue reaches $120k",
            ),
        )
    });
    g.push(DGoal {
        due: d(2026, 6, 30),
        quarters: h1.clone(),
        ..base(
            "E2",
            t(
                "上半年会员日销售额达到120万元",
                "H1 member-day revenue reaches $120k",
            ),
        )
    });
    g.push(DGoal {
        expect: vec![(
            "R",
            "B: actions' budgets 8 + 7 = 15 exceed the goal's budget 10 (error)",
        )],
        ..base(
            "B1",
            t(
                "旗舰店活动销售额达到120万元",
                "Flagship event revenue reaches $120k",
            ),
        )
    });
    // --- D
    g.push(DGoal {
        ..base(
            "D1",
            t(
                "直播专场销售额达到120万元",
                "Live special revenue reaches $120k",
            ),
        )
    });
    g.push(DGoal {
        expect: vec![("A", "D: duplicate id D1 (error, on the second occurrence)")],
        ..base(
            "D1",
            t(
                "达人专场销售额达到120万元",
                "Creator special revenue reaches $120k",
            ),
        )
    });
    g.push(DGoal {
        baseline: Cell::ErrFormula("=1/0".into(), "#DIV/0!"),
        expect: vec![("H", "D: formula error #DIV/0! (error)")],
        ..base(
            "D3",
            t("品牌日销售额达到120万元", "Brand-day revenue reaches $120k"),
        )
    });
    // --- look-alikes
    g.push(DGoal {
        target: n(150.0),
        quarters: [n(30.0), n(35.0), n(40.0), n(45.0)],
        expect: vec![(
            "E",
            "LOOK-ALIKE: vague word, but the statement carries its number — no S003",
        )],
        ..base(
            "L1",
            t(
                "持续提升天猫销售额至150万元",
                "Boost Tmall revenue to $150k",
            ),
        )
    });
    g.push(DGoal {
        parent: "O2",
        dim: dims[1],
        metric: t("粉丝数", "Followers"),
        unit: t("人", "followers"),
        baseline: n(200000.0),
        target: n(300000.0),
        quarters: [n(220000.0), n(250000.0), n(280000.0), n(300000.0)],
        expect: vec![("I", "LOOK-ALIKE: level metric, annual = Q4 — reconciles")],
        ..base(
            "L2",
            t(
                "小红书粉丝数达到30万",
                "Xiaohongshu followers reach 300,000",
            ),
        )
    });
    g.push(DGoal { parent: "O3", dim: dims[2], metric: t("复购率", "Repurchase rate"), unit: "%", baseline: n(0.25), target: n(0.3), quarters: [n(0.26), n(0.27), n(0.28), n(0.3)], expect: vec![("I", "LOOK-ALIKE: 30% written as the bare number 0.3 with unit % — a fraction, within 0–100%")], ..base("L3", t("会员复购率达到30%", "Member repurchase rate reaches 30%")) });
    g.push(DGoal {
        parent: "O4",
        dim: dims[3],
        metric: t("点击率", "Click-through rate"),
        unit: "%",
        baseline: n(1.1),
        target: n(1.2),
        quarters: [Cell::Empty, Cell::Empty, Cell::Empty, Cell::Empty],
        expect: vec![(
            "I",
            "LOOK-ALIKE: bare 1.2 with unit % is 1.2 percent points (0.012: with unit %, a bare number above 1 is percent points), not 120% — no percentage finding",
        )],
        ..base(
            "L4",
            t("搜索广告点击率达到1.2%", "Search ad click-through rate reaches 1.2%"),
        )
    });

    // Owners: the overloaded owner gets exactly 9 goals, the rest rotate over 8 names;
    // S1 has no owner.
    let busy_ids = ["O1", "O2", "O3", "O4", "A3", "A5", "A6", "L2", "L3"];
    let mut next = 0usize;
    for goal in &mut g {
        if goal.id == "S1" {
            continue;
        }
        if busy_ids.contains(&goal.id) {
            goal.owner = busy;
        } else {
            goal.owner = owners[next % owners.len()];
            next += 1;
        }
    }
    g
}

fn defect_actions(en: bool, goals: &[DGoal]) -> (Vec<Action>, Vec<(String, &'static str)>) {
    let t = |zh: &'static str, e: &'static str| if en { e } else { zh };
    let parents: BTreeSet<&str> = goals
        .iter()
        .map(|g| g.parent)
        .filter(|p| !p.is_empty())
        .collect();
    let mut actions = Vec::new();
    let mut notes: Vec<(String, &'static str)> = Vec::new();
    let mut seen = BTreeSet::new();
    for g in goals {
        if parents.contains(g.id)
            || g.id.is_empty()
            || !seen.insert(g.id)
            || ["E1", "E2", "B1"].contains(&g.id)
        {
            continue;
        }
        let end = if matches!(g.due, Cell::Date(2026, 6, 30, _)) {
            d(2026, 6, 15)
        } else {
            d(2026, 11, 30)
        };
        let owner = if g.owner.is_empty() {
            d_owners(en).0[0]
        } else {
            g.owner
        };
        let id: &'static str = Box::leak(format!("X-{}", g.id).into_boxed_str());
        actions.push(act(
            id,
            g.id,
            t("常规推广", "Routine promotion"),
            t("按月排期执行", "Monthly schedule"),
            owner,
            d(2026, 2, 1),
            end,
            t("运营1人", "One marketer"),
            Some(5.0),
        ));
    }
    let o = d_owners(en).0;
    let mut planted = vec![
        (
            act(
                "E2-1",
                "E2",
                t("会员日活动", "Member day"),
                t("每月一次", "Monthly"),
                "",
                d(2026, 2, 1),
                d(2026, 3, 31),
                t("门店物料", "POS materials"),
                Some(2.0),
            ),
            "E: action without owner (error)",
            "E",
        ),
        (
            act(
                "E2-2",
                "E2",
                t("会员日短信", "Member-day SMS"),
                t("提前三天发送", "Three days ahead"),
                o[1],
                Cell::Empty,
                Cell::Empty,
                t("短信平台", "SMS platform"),
                Some(1.0),
            ),
            "E: action without start and end dates (error)",
            "F",
        ),
        (
            act(
                "E2-3",
                "E2",
                t("会员日海报", "Member-day posters"),
                t("门店张贴", "In-store"),
                o[2],
                d(2026, 5, 20),
                d(2026, 5, 1),
                t("设计1人", "Designer"),
                Some(1.0),
            ),
            "E: end 2026-05-01 before start 2026-05-20 (error)",
            "G",
        ),
        (
            act(
                "E2-4",
                "E2",
                t("会员日复盘", "Member-day review"),
                t("活动后复盘", "After-action review"),
                o[3],
                d(2026, 7, 1),
                d(2026, 9, 30),
                t("运营1人", "One marketer"),
                Some(1.0),
            ),
            "E: action 2026-07-01..2026-09-30 outside goal E2's period (due 2026-06-30) (warning)",
            "G",
        ),
        (
            act(
                "E2-5",
                "E9",
                t("未知目标的活动", "Action for an unknown goal"),
                t("线上投放", "Online ads"),
                o[4],
                d(2026, 2, 1),
                d(2026, 3, 31),
                t("投放费用", "Ad spend"),
                Some(1.0),
            ),
            "E: goal id E9 does not exist (error)",
            "B",
        ),
        (
            act(
                "E2-6",
                "E2",
                t("会员日物料准备", "Member-day prep"),
                t("提前备货", "Stock up early"),
                o[5],
                d(2026, 2, 1),
                d(2026, 3, 31),
                "",
                None,
            ),
            "E: action with no resources and no budget (warning)",
            "H",
        ),
        (
            act(
                "B1-1",
                "B1",
                t("旗舰店开业活动", "Flagship opening event"),
                t("开业三天满减", "Three-day discount"),
                o[6],
                d(2026, 3, 1),
                d(2026, 3, 31),
                t("活动物料", "Event materials"),
                Some(8.0),
            ),
            "B: with B1-2, 15 > goal B1's budget 10 (the one finding sits on B1's budget)",
            "I",
        ),
        (
            act(
                "B1-2",
                "B1",
                t("旗舰店周年庆", "Flagship anniversary"),
                t("周年庆满赠", "Anniversary gifts"),
                o[7],
                d(2026, 9, 1),
                d(2026, 9, 30),
                t("赠品", "Gifts"),
                Some(7.0),
            ),
            "B: with B1-1, 15 > goal B1's budget 10 (the one finding sits on B1's budget)",
            "I",
        ),
        (
            act(
                "LA-1",
                "E2",
                t("会员日抽奖", "Member-day raffle"),
                t("线上抽奖", "Online raffle"),
                o[0],
                d(2026, 2, 1),
                d(2026, 3, 31),
                "",
                Some(1.0),
            ),
            "LOOK-ALIKE: no resources but a budget — fine",
            "H",
        ),
    ];
    let first = actions.len() + 2; // 1-based row of the first planted action
    for (i, (a, what, col)) in planted.drain(..).enumerate() {
        notes.push((format!("{col}{}", first + i), what));
        actions.push(a);
    }
    (actions, notes)
}

fn defect_budget_lines(en: bool) -> Vec<BudgetLine> {
    let (o, _) = d_owners(en);
    let t = |zh: &'static str, e: &'static str| if en { e } else { zh };
    vec![
        bl(
            t("天猫投放", "Online ads"),
            o[0],
            t("天猫", "Online"),
            200.0,
        ),
        bl(t("抖音投放", "Video ads"), o[1], t("抖音", "Video"), 200.0),
        bl(t("微信私域", "Email"), o[2], t("微信", "Email"), 100.0),
        bl(
            t("小红书种草", "Influencers"),
            o[3],
            t("小红书", "Social"),
            60.0,
        ),
        bl(t("机动资金", "Contingency reserve"), o[4], "", 10.0),
    ]
}

struct DefectBook {
    goals: Sheet,
    actions: Sheet,
    budget: Sheet,
    doc: DefectDoc,
}

/// What fixtures/README.md says about one defects workbook.
struct DefectDoc {
    name: &'static str,
    en: bool,
    /// (cell, expectation) for the goal sheet, in row order.
    goal_notes: Vec<(String, &'static str)>,
    action_notes: Vec<(String, &'static str)>,
    goal_budget_sum: f64,
    stated_total: f64,
    lines: Vec<BudgetLine>,
    goal_count: usize,
    /// Markdown: one line per goal row, and the goals per owner.
    summary: String,
}

fn defect_book(en: bool) -> DefectBook {
    let goals = defect_goals(en);
    let mut sh = Sheet::new(if en { "Goals" } else { "目标分解" });
    sh.header(if en { &D_HEAD_EN } else { &D_HEAD_ZH });
    let mut goal_notes = Vec::new();
    for (i, g) in goals.iter().enumerate() {
        let row = i + 2;
        for (col, what) in &g.expect {
            goal_notes.push((format!("{col}{row}"), *what));
        }
        sh.push(g.row());
    }
    let goal_budget_sum: f64 = goals.iter().filter_map(|g| g.budget).sum();
    let mut summary = String::from(
        "| row | id | parent | metric | unit | owner | budget |\n|---|---|---|---|---|---|---|\n",
    );
    let mut per_owner: BTreeMap<&str, usize> = BTreeMap::new();
    for (i, g) in goals.iter().enumerate() {
        let budget = g.budget.map(general).unwrap_or_default();
        let _ = writeln!(
            summary,
            "| {} | {} | {} | {} | {} | {} | {budget} |",
            i + 2,
            g.id,
            g.parent,
            g.metric,
            g.unit,
            g.owner
        );
        if !g.owner.is_empty() {
            *per_owner.entry(g.owner).or_default() += 1;
        }
    }
    summary.push_str("\nGoals per owner: ");
    let counts: Vec<String> = per_owner.iter().map(|(o, c)| format!("{o} {c}")).collect();
    summary.push_str(&counts.join(", "));
    summary.push_str(".\n");
    let stated_total = goal_budget_sum + 100.0;
    let mut total: Row = vec![Cell::Empty; 20];
    total[0] = s(if en { "Total" } else { "合计" });
    total[17] = n(stated_total);
    let total_row = sh.push(total) + 1;
    goal_notes.push((
        format!("R{total_row}"),
        "D: totals row budget disagrees with the sum of the goal budgets (+100) (warning)",
    ));
    goal_notes.push((
        "T1".into(),
        "D004: unrecognised column header (info, one plan-level finding for the sheet, no cell)",
    ));
    let (actions, action_notes) = defect_actions(en, &goals);
    let lines = defect_budget_lines(en);
    let actions = action_sheet(
        if en { "Action Plan" } else { "执行计划" },
        if en { &EN_ACTION_HEAD } else { &ZH_ACTION_HEAD },
        &actions,
        "",
    );
    let budget = budget_sheet(
        if en { "Budget" } else { "预算" },
        if en { &EN_BUDGET_HEAD } else { &ZH_BUDGET_HEAD },
        &lines,
        if en { "Total" } else { "合计" },
        Some(500.0),
        "",
    );
    DefectBook {
        goals: sh,
        actions,
        budget,
        doc: DefectDoc {
            name: if en {
                "defects_en.xlsx"
            } else {
                "defects_zh.xlsx"
            },
            en,
            goal_notes,
            action_notes,
            goal_budget_sum,
            stated_total,
            lines,
            goal_count: goals.len(),
            summary,
        },
    }
}

// ---------------------------------------------------------------------------------------------
// bad/ inputs
// ---------------------------------------------------------------------------------------------

/// A compound file (CFB/OLE2) shaped like Excel's password-protected .xlsx: the streams
/// EncryptionInfo (version 4.4 header only) and EncryptedPackage (an 8-byte size of 0).
/// Timestamps are cleared so reruns give identical bytes.
fn encrypted_cfb() -> Result<Vec<u8>> {
    let mut file = cfb::CompoundFile::create(Cursor::new(Vec::new()))?;
    file.create_stream("/EncryptionInfo")?
        .write_all(&[0x04, 0x00, 0x04, 0x00, 0x40, 0x00, 0x00, 0x00])?;
    file.create_stream("/EncryptedPackage")?
        .write_all(&[0; 8])?;
    for entry in ["/", "/EncryptionInfo", "/EncryptedPackage"] {
        file.set_created_time(entry, std::time::UNIX_EPOCH)?;
        file.set_modified_time(entry, std::time::UNIX_EPOCH)?;
    }
    file.flush()?;
    Ok(file.into_inner().into_inner())
}

fn pseudo_random(len: usize, mut seed: u64) -> Vec<u8> {
    (0..len)
        .map(|_| {
            seed = seed
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            (seed >> 33) as u8
        })
        .collect()
}

fn numbers_only_sheet() -> Sheet {
    let mut sh = Sheet::new("Sheet1");
    for r in 0..10 {
        sh.push((0..5).map(|c| n(f64::from(r * 10 + c + 1))).collect());
    }
    sh
}

// ---------------------------------------------------------------------------------------------
// main
// ---------------------------------------------------------------------------------------------

/// plan_zh's (or clean_zh's) three sheets: goals, action plan, budget.
fn zh_book(clean: bool) -> [Sheet; 3] {
    [
        zh_goal_sheet(clean),
        action_sheet("执行计划", &ZH_ACTION_HEAD, &zh_actions(clean), "#,##0"),
        budget_sheet(
            "预算",
            &ZH_BUDGET_HEAD,
            &zh_budget_lines(),
            "合计",
            None,
            "#,##0",
        ),
    ]
}

/// plan_en's three sheets; `titled` puts the title and a blank row above the header
/// (plan_en), else the header is row 1 (clean_en).
fn en_book(titled: bool) -> [Sheet; 3] {
    [
        en_goal_sheet(EnFlavour::Dollar, titled),
        action_sheet("Action Plan", &EN_ACTION_HEAD, &en_actions(), "$#,##0"),
        budget_sheet(
            "Budget",
            &EN_BUDGET_HEAD,
            &en_budget_lines(),
            "Total",
            None,
            "$#,##0",
        ),
    ]
}

fn main() -> Result<()> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("fixtures");
    fs::create_dir_all(dir.join("bad"))?;
    let p = |name: &str| dir.join(name);

    // 1. plan_zh (+ its xlsb twin, GBK CSV and ODS exports)
    let zh_plan = zh_book(false);
    let zh = &zh_plan[0];
    write_xlsx(&p("plan_zh.xlsx"), &zh_plan, false)?;
    write_xlsb(&p("plan_zh.xlsb"), &zh_plan)?;
    write_encoded(
        &p("plan_zh_gbk.csv"),
        &delimited(zh, b',')?,
        encoding_rs::GB18030,
    )?;
    write_ods(&p("plan_zh.ods"), zh)?;

    // 2. plan_en (+ xlsb and xlsm twins, UTF-16 text, UTF-8 BOM CSV, Windows-1252 euro CSV)
    let en_plan = en_book(true);
    let en = &en_plan[0];
    write_xlsx(&p("plan_en.xlsx"), &en_plan, false)?;
    write_xlsb(&p("plan_en.xlsb"), &en_plan)?;
    write_xlsm(&p("plan_en.xlsm"), &en_plan)?;
    write_utf16le_bom(&p("plan_en_utf16.txt"), &delimited(en, b'\t')?)?;
    write_utf8_bom(&p("plan_en_utf8bom.csv"), &delimited(en, b',')?)?;
    let euro = en_goal_sheet(EnFlavour::Euro, true);
    write_encoded(
        &p("plan_en_1252.csv"),
        &delimited(&euro, b';')?,
        encoding_rs::WINDOWS_1252,
    )?;

    // 3. clean plans
    write_xlsx(&p("clean_zh.xlsx"), &zh_book(true), false)?;
    write_xlsx(&p("clean_en.xlsx"), &en_book(false), false)?;

    // 4. long layouts
    write_xlsx(&p("plan_long_zh.xlsx"), &[long_sheet(false)], false)?;
    fs::write(p("plan_long_en.csv"), delimited(&long_sheet(true), b',')?)?;

    // 5. 1904 date system
    write_xlsx(&p("plan_1904.xlsx"), &[plan_1904_sheet()], true)?;

    // 6. defects
    let mut docs = Vec::new();
    for en in [false, true] {
        let DefectBook {
            goals,
            actions,
            budget,
            doc,
        } = defect_book(en);
        write_xlsx(&p(doc.name), &[goals, actions, budget], false)?;
        docs.push(doc);
    }

    // 7. bad inputs
    fs::write(
        p("bad/not_a_zip.xlsx"),
        b"This is not a spreadsheet, just plain text pretending to be one.\n",
    )?;
    let valid = fs::read(p("plan_en.xlsx"))?;
    fs::write(p("bad/truncated.xlsx"), &valid[..valid.len() / 2])?;
    fs::write(p("bad/empty.csv"), b"")?;
    // The sheet's relationship id no longer matches the workbook's (calamine panics on it).
    let xlsb = fs::read(p("plan_en.xlsb"))?;
    let damaged = patch_part(&xlsb, "xl/_rels/workbook.bin.rels", |xml| {
        Ok(xml.replacen("Id=\"rId1\"", "Id=\"rId9\"", 1))
    })?;
    fs::write(p("bad/damaged.xlsb"), damaged)?;
    fs::write(p("bad/encrypted.xlsx"), encrypted_cfb()?)?;
    fs::write(p("bad/garbage.xls"), pseudo_random(4096, 2026))?;
    write_xlsx(&p("bad/no_header.xlsx"), &[numbers_only_sheet()], false)?;
    fs::write(
        p("bad/no_header.csv"),
        delimited(&numbers_only_sheet(), b',')?,
    )?;

    // 7b. how values are written (decimal marks, qualified targets)
    values::write_all(&dir)?;
    formulas::write(&dir)?;

    // 7c. keys written with invisible differences; several owners in one cell
    keys::write(&dir)?;

    // 8. the field cases
    cases::write_cases(&dir)?;

    // 9. README
    fs::write(p("README.md"), readme(&docs) + formulas::README)?;

    headers::write_all(&dir.join("headers"))?;
    periods::write_all(&dir)?;
    Ok(())
}

fn readme(docs: &[DefectDoc]) -> String {
    let mut out = String::from(README_HEAD);
    for doc in docs {
        let (gs, as_, bs) = if doc.en {
            ("Goals", "Action Plan", "Budget")
        } else {
            ("目标分解", "执行计划", "预算")
        };
        let _ = writeln!(out, "\n### {}\n", doc.name);
        let _ = writeln!(
            out,
            "Goal sheet `{gs}`: header row 1, wide layout, data rows 2–{}, totals row {}. Rows:\n",
            doc.goal_count + 1,
            doc.goal_count + 2,
        );
        out.push_str(&doc.summary);
        let _ = writeln!(
            out,
            "\nPlanted defects and look-alikes in `{gs}` (cell → expectation):\n"
        );
        out.push_str("| cell | expectation |\n|---|---|\n");
        for (cell, what) in &doc.goal_notes {
            let _ = writeln!(out, "| {gs}!{cell} | {what} |");
        }
        let _ = writeln!(
            out,
            "\nAction sheet `{as_}` (rows named `X-<goal id>` are one plain action per other leaf goal):\n"
        );
        out.push_str("| cell | expectation |\n|---|---|\n");
        for (cell, what) in &doc.action_notes {
            let _ = writeln!(out, "| {as_}!{cell} | {what} |");
        }
        let (lines, goal_sum, stated) = (&doc.lines, &doc.goal_budget_sum, &doc.stated_total);
        let line_sum: f64 = lines.iter().map(|l| l.amount).sum();
        let reserve = lines.last().map_or(0.0, |l| l.amount);
        let rows = lines.len() + 2;
        let _ = writeln!(
            out,
            "\nBudget sheet `{bs}`: lines D2:D{} sum to {}, the typed total D{rows} is 500 → B: allocations exceed the total \
(error; the totals row also disagrees with the lines, D); reserve line A{} = {} is {:.1}% of 500 → B: reserve below 5% \
(warning). The goal budgets (column R) sum to {} and the goal sheet's totals row states {}.\n",
            rows - 1,
            general(line_sum),
            rows - 1,
            general(reserve),
            reserve / 500.0 * 100.0,
            general(*goal_sum),
            general(*stated)
        );
    }
    out.push_str(values::README);
    out.push_str(&cases::readme_section());
    out.push_str(README_TAIL);
    out
}

const README_HEAD: &str = include_str!("make_fixtures_readme.md");
const README_TAIL: &str = "\n";
