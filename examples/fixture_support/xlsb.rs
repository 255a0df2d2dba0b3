//! A minimal Excel Binary Workbook (.xlsb) writer for the fixture generator.
//!
//! No maintained Rust crate writes XLSB, and Excel is not available where fixtures are
//! built, so this writes the handful of records [MS-XLSB] needs for a workbook of plain
//! values: shared strings, numbers and dates with their number formats, and `SUM` formulas
//! with cached results, merged regions. Enough for calamine (and LibreOffice) to read the
//! same plan back as from the `.xlsx` twin; no bold, fills or column widths.
//!
//! A part is a stream of records: a record type (1–2 bytes, 7 bits each) and a body size
//! (1–4 bytes, 7 bits each), then the body (MS-XLSB 2.1.4).

use std::collections::BTreeMap;
use std::io::{Cursor, Write};
use std::path::Path;

use anyhow::{Context, Result, bail};

/// One cell to store; `fmt` is an Excel number format ("" = General).
pub enum Value<'a> {
    Empty,
    Text(&'a str),
    Number(f64, &'a str),
    /// A `=SUM(A1:B2,C3,…)` formula and its cached result.
    Sum(&'a str, f64, &'a str),
}

/// A worksheet: its tab name, its rows from A1 down and its merged regions (0-based
/// first row, first column, last row, last column).
pub struct XlsbSheet<'a> {
    pub name: &'a str,
    pub rows: Vec<Vec<Value<'a>>>,
    pub merges: Vec<(u32, u32, u32, u32)>,
}

// Record types used below (MS-XLSB 2.3).
const ROW_HDR: u16 = 0x0000;
const CELL_REAL: u16 = 0x0005;
const CELL_ISST: u16 = 0x0007;
const FMLA_NUM: u16 = 0x0009;
const SST_ITEM: u16 = 0x0013;
const FMT: u16 = 0x002C;
const XF: u16 = 0x002F;
const BEGIN_SHEET: u16 = 0x0081;
const END_SHEET: u16 = 0x0082;
const BEGIN_BOOK: u16 = 0x0083;
const END_BOOK: u16 = 0x0084;
const BEGIN_BUNDLE_SHS: u16 = 0x008F;
const END_BUNDLE_SHS: u16 = 0x0090;
const BEGIN_SHEET_DATA: u16 = 0x0091;
const END_SHEET_DATA: u16 = 0x0092;
const WS_DIM: u16 = 0x0094;
const WB_PROP: u16 = 0x0099;
const MERGE_CELL: u16 = 0x00B0;
const BEGIN_MERGE_CELLS: u16 = 0x00B1;
const END_MERGE_CELLS: u16 = 0x00B2;
const BUNDLE_SH: u16 = 0x009C;
const CALC_PROP: u16 = 0x009D;
const BEGIN_SST: u16 = 0x009F;
const END_SST: u16 = 0x00A0;
const BEGIN_STYLE_SHEET: u16 = 0x0116;
const END_STYLE_SHEET: u16 = 0x0117;
const FONT: u16 = 0x002B;
const FILL: u16 = 0x002D;
const BORDER: u16 = 0x002E;
const STYLE: u16 = 0x0030;
const BEGIN_FILLS: u16 = 0x025B;
const END_FILLS: u16 = 0x025C;
const BEGIN_FONTS: u16 = 0x0263;
const END_FONTS: u16 = 0x0264;
const BEGIN_BORDERS: u16 = 0x0265;
const END_BORDERS: u16 = 0x0266;
const BEGIN_CELL_STYLE_XFS: u16 = 0x0272;
const END_CELL_STYLE_XFS: u16 = 0x0273;
const BEGIN_STYLES: u16 = 0x028B;
const END_STYLES: u16 = 0x028C;
const BEGIN_CELL_XFS: u16 = 0x0269;
const END_CELL_XFS: u16 = 0x026A;
const BEGIN_FMTS: u16 = 0x0267;
const END_FMTS: u16 = 0x0268;

/// `SUM` in the built-in function table (Ftab).
const FTAB_SUM: u16 = 4;
/// Custom number formats are numbered from 164 up.
const FIRST_CUSTOM_FORMAT: u16 = 164;

/// A record stream being built.
#[derive(Default)]
struct Records(Vec<u8>);

impl Records {
    fn record(&mut self, typ: u16, body: &[u8]) {
        if typ < 0x80 {
            self.0.push(typ as u8);
        } else {
            self.0.push((typ & 0x7F) as u8 | 0x80);
            self.0.push((typ >> 7) as u8);
        }
        let mut size = body.len();
        loop {
            let byte = (size & 0x7F) as u8;
            size >>= 7;
            if size == 0 {
                self.0.push(byte);
                break;
            }
            self.0.push(byte | 0x80);
        }
        self.0.extend_from_slice(body);
    }
}

/// An XLWideString: character count, then UTF-16LE.
fn wide(text: &str, out: &mut Vec<u8>) {
    let units: Vec<u16> = text.encode_utf16().collect();
    out.extend_from_slice(&(units.len() as u32).to_le_bytes());
    for u in units {
        out.extend_from_slice(&u.to_le_bytes());
    }
}

/// The Cell structure that starts every cell record: column and style (XF) index.
fn cell_head(col: u32, style: u32) -> Vec<u8> {
    let mut body = col.to_le_bytes().to_vec();
    body.extend_from_slice(&(style & 0x00FF_FFFF).to_le_bytes());
    body
}

/// A cell reference like `Q12` as a 0-based (row, column).
fn parse_ref(text: &str) -> Result<(u32, u16)> {
    let split = text
        .find(|c: char| c.is_ascii_digit())
        .with_context(|| format!("no row in cell reference {text:?}"))?;
    let (letters, digits) = text.split_at(split);
    if letters.is_empty() || !letters.bytes().all(|b| b.is_ascii_uppercase()) {
        bail!("bad column in cell reference {text:?}");
    }
    let col = letters
        .bytes()
        .fold(0u32, |acc, b| acc * 26 + u32::from(b - b'A' + 1))
        - 1;
    let row: u32 = digits.parse().context("bad row in cell reference")?;
    Ok((row.checked_sub(1).context("row 0")?, u16::try_from(col)?))
}

/// Compile `=SUM(I4:I5)` or `=SUM(Q5,Q6,Q9)` into a parsed-formula token stream (Rgce).
///
/// Areas are stored absolute: calamine prints an area's columns without masking the
/// relative-reference bits, so `$I$4:$I$5` is what a reader shows either way.
fn compile_sum(formula: &str) -> Result<Vec<u8>> {
    let args = formula
        .strip_prefix("=SUM(")
        .and_then(|rest| rest.strip_suffix(')'))
        .with_context(|| format!("only SUM formulas can be written to xlsb, not {formula:?}"))?;
    let mut rgce = Vec::new();
    let mut argc = 0u8;
    for arg in args.split(',') {
        if let Some((first, last)) = arg.split_once(':') {
            let (r1, c1) = parse_ref(first)?;
            let (r2, c2) = parse_ref(last)?;
            rgce.push(0x25); // PtgArea (reference class)
            for v in [r1, r2] {
                rgce.extend_from_slice(&v.to_le_bytes());
            }
            for v in [c1, c2] {
                rgce.extend_from_slice(&v.to_le_bytes());
            }
        } else {
            let (r, c) = parse_ref(arg)?;
            rgce.push(0x24); // PtgRef (reference class)
            rgce.extend_from_slice(&r.to_le_bytes());
            // Relative row and column, as Excel stores `Q5`.
            rgce.extend_from_slice(&(c | 0xC000).to_le_bytes());
        }
        argc = argc.checked_add(1).context("too many SUM arguments")?;
    }
    rgce.push(0x22); // PtgFuncVar
    rgce.push(argc);
    rgce.extend_from_slice(&FTAB_SUM.to_le_bytes());
    Ok(rgce)
}

/// Number formats in first-use order: format code → XF index (0 is General).
fn styles_of(sheets: &[XlsbSheet]) -> BTreeMap<String, u32> {
    let mut styles = BTreeMap::new();
    let mut next = 1;
    for sheet in sheets {
        for row in &sheet.rows {
            for value in row {
                let fmt = match value {
                    Value::Number(_, f) | Value::Sum(_, _, f) => *f,
                    _ => continue,
                };
                if !fmt.is_empty() && !styles.contains_key(fmt) {
                    styles.insert(fmt.to_string(), next);
                    next += 1;
                }
            }
        }
    }
    styles
}

fn styles_part(styles: &BTreeMap<String, u32>) -> Vec<u8> {
    let mut by_xf: Vec<(&String, u32)> = styles.iter().map(|(f, &xf)| (f, xf)).collect();
    by_xf.sort_by_key(|&(_, xf)| xf);
    let mut r = Records::default();
    r.record(BEGIN_STYLE_SHEET, &[]);
    r.record(BEGIN_FMTS, &(by_xf.len() as u32).to_le_bytes());
    for &(code, xf) in &by_xf {
        let mut body = (FIRST_CUSTOM_FORMAT + xf as u16 - 1).to_le_bytes().to_vec();
        wide(code, &mut body);
        r.record(FMT, &body);
    }
    r.record(END_FMTS, &[]);
    // One font (Calibri 11), the two fills and the empty border every workbook has: readers
    // apply the number formats of the cell XFs only within a complete style sheet.
    let auto_color = [0x01, 0, 0, 0, 0, 0, 0, 0]; // automatic colour
    r.record(BEGIN_FONTS, &1u32.to_le_bytes());
    let mut font = Vec::new();
    font.extend_from_slice(&220u16.to_le_bytes()); // 11 pt in twips
    font.extend_from_slice(&0u16.to_le_bytes()); // not italic, struck or outlined
    font.extend_from_slice(&400u16.to_le_bytes()); // normal weight
    font.extend_from_slice(&0u16.to_le_bytes()); // no super/subscript
    font.extend_from_slice(&[0, 2, 0, 0]); // no underline, Swiss family, ANSI charset
    font.extend_from_slice(&auto_color);
    font.push(2); // minor theme font
    wide("Calibri", &mut font);
    r.record(FONT, &font);
    r.record(END_FONTS, &[]);
    r.record(BEGIN_FILLS, &2u32.to_le_bytes());
    for pattern in [0u32, 17] {
        // none, gray125
        let mut fill = pattern.to_le_bytes().to_vec();
        fill.extend_from_slice(&auto_color);
        fill.extend_from_slice(&auto_color);
        fill.extend_from_slice(&[0; 4 + 8 + 32 + 4]); // no gradient
        r.record(FILL, &fill);
    }
    r.record(END_FILLS, &[]);
    r.record(BEGIN_BORDERS, &1u32.to_le_bytes());
    let mut border = vec![0u8];
    for _ in 0..5 {
        border.extend_from_slice(&[0, 0]); // no line
        border.extend_from_slice(&auto_color);
    }
    r.record(BORDER, &border);
    r.record(END_BORDERS, &[]);
    let xf_body = |parent: u16, ifmt: u16| {
        let mut body = parent.to_le_bytes().to_vec();
        body.extend_from_slice(&ifmt.to_le_bytes());
        body.extend_from_slice(&[0; 12]); // font, fill, border 0; no alignment flags
        body
    };
    r.record(BEGIN_CELL_STYLE_XFS, &1u32.to_le_bytes());
    r.record(XF, &xf_body(0xFFFF, 0));
    r.record(END_CELL_STYLE_XFS, &[]);
    r.record(BEGIN_CELL_XFS, &(by_xf.len() as u32 + 1).to_le_bytes());
    r.record(XF, &xf_body(0, 0));
    for &(_, xf) in &by_xf {
        r.record(XF, &xf_body(0, FIRST_CUSTOM_FORMAT + xf as u16 - 1));
    }
    r.record(END_CELL_XFS, &[]);
    r.record(BEGIN_STYLES, &1u32.to_le_bytes());
    let mut normal = 0u32.to_le_bytes().to_vec(); // cell style XF 0
    normal.extend_from_slice(&1u16.to_le_bytes()); // built-in
    normal.extend_from_slice(&[0, 0xFF]); // Normal, no outline level
    wide("Normal", &mut normal);
    r.record(STYLE, &normal);
    r.record(END_STYLES, &[]);
    r.record(END_STYLE_SHEET, &[]);
    r.0
}

fn sheet_part(
    sheet: &XlsbSheet,
    styles: &BTreeMap<String, u32>,
    strings: &mut Vec<String>,
    string_index: &mut BTreeMap<String, u32>,
) -> Result<Vec<u8>> {
    let style = |fmt: &str| styles.get(fmt).copied().unwrap_or(0);
    let width = sheet.rows.iter().map(Vec::len).max().unwrap_or(0) as u32;
    let height = sheet.rows.len() as u32;
    let mut r = Records::default();
    r.record(BEGIN_SHEET, &[]);
    let mut dim = Vec::new();
    for v in [0, height.saturating_sub(1), 0, width.saturating_sub(1)] {
        dim.extend_from_slice(&v.to_le_bytes());
    }
    r.record(WS_DIM, &dim);
    r.record(BEGIN_SHEET_DATA, &[]);
    for (row_index, row) in sheet.rows.iter().enumerate() {
        if row.iter().all(|v| matches!(v, Value::Empty)) {
            continue;
        }
        let mut hdr = (row_index as u32).to_le_bytes().to_vec();
        hdr.extend_from_slice(&0u32.to_le_bytes()); // ixfe
        hdr.extend_from_slice(&300u16.to_le_bytes()); // height in twips (15 pt)
        hdr.extend_from_slice(&[0, 0, 0]); // flags
        hdr.extend_from_slice(&0u32.to_le_bytes()); // no column spans
        r.record(ROW_HDR, &hdr);
        for (col, value) in row.iter().enumerate() {
            let col = col as u32;
            match value {
                Value::Empty => {}
                Value::Text(text) => {
                    let next = strings.len() as u32;
                    let isst = *string_index.entry((*text).to_string()).or_insert_with(|| {
                        strings.push((*text).to_string());
                        next
                    });
                    let mut body = cell_head(col, 0);
                    body.extend_from_slice(&isst.to_le_bytes());
                    r.record(CELL_ISST, &body);
                }
                Value::Number(v, fmt) => {
                    let mut body = cell_head(col, style(fmt));
                    body.extend_from_slice(&v.to_le_bytes());
                    r.record(CELL_REAL, &body);
                }
                Value::Sum(formula, cached, fmt) => {
                    let rgce = compile_sum(formula)?;
                    let mut body = cell_head(col, style(fmt));
                    body.extend_from_slice(&cached.to_le_bytes());
                    body.extend_from_slice(&0u16.to_le_bytes()); // grbitFlags
                    body.extend_from_slice(&(rgce.len() as u32).to_le_bytes());
                    body.extend_from_slice(&rgce);
                    body.extend_from_slice(&0u32.to_le_bytes()); // no extra formula data
                    r.record(FMLA_NUM, &body);
                }
            }
        }
    }
    r.record(END_SHEET_DATA, &[]);
    if !sheet.merges.is_empty() {
        r.record(
            BEGIN_MERGE_CELLS,
            &(sheet.merges.len() as u32).to_le_bytes(),
        );
        for &(first_row, first_col, last_row, last_col) in &sheet.merges {
            let mut body = Vec::new();
            for v in [first_row, last_row, first_col, last_col] {
                body.extend_from_slice(&v.to_le_bytes());
            }
            r.record(MERGE_CELL, &body);
        }
        r.record(END_MERGE_CELLS, &[]);
    }
    r.record(END_SHEET, &[]);
    Ok(r.0)
}

fn shared_strings_part(strings: &[String]) -> Vec<u8> {
    let mut r = Records::default();
    let count = (strings.len() as u32).to_le_bytes();
    r.record(BEGIN_SST, &[count, count].concat()); // total uses, unique strings
    for s in strings {
        let mut body = vec![0u8]; // no rich text, no phonetics
        wide(s, &mut body);
        r.record(SST_ITEM, &body);
    }
    r.record(END_SST, &[]);
    r.0
}

fn workbook_part(sheets: &[XlsbSheet]) -> Vec<u8> {
    let mut r = Records::default();
    r.record(BEGIN_BOOK, &[]);
    let mut props = 0u32.to_le_bytes().to_vec(); // flags: 1900 date system
    props.extend_from_slice(&0u32.to_le_bytes()); // theme version
    wide("", &mut props); // code name
    r.record(WB_PROP, &props);
    r.record(BEGIN_BUNDLE_SHS, &[]);
    for (i, sheet) in sheets.iter().enumerate() {
        let mut body = 0u32.to_le_bytes().to_vec(); // visible
        body.extend_from_slice(&(i as u32 + 1).to_le_bytes()); // tab id
        wide(&format!("rId{}", i + 1), &mut body);
        wide(sheet.name, &mut body);
        r.record(BUNDLE_SH, &body);
    }
    r.record(END_BUNDLE_SHS, &[]);
    let mut calc = Vec::new();
    calc.extend_from_slice(&0u32.to_le_bytes()); // recalc id
    calc.extend_from_slice(&1u32.to_le_bytes()); // automatic recalculation
    calc.extend_from_slice(&100u32.to_le_bytes()); // iteration count
    calc.extend_from_slice(&0.001f64.to_le_bytes()); // iteration delta
    calc.extend_from_slice(&1i32.to_le_bytes()); // calculation threads
    calc.extend_from_slice(&0u16.to_le_bytes()); // flags
    r.record(CALC_PROP, &calc);
    r.record(END_BOOK, &[]);
    r.0
}

fn relationship(id: &str, kind: &str, target: &str) -> String {
    format!(
        "<Relationship Id=\"{id}\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/{kind}\" Target=\"{target}\"/>"
    )
}

const RELS_HEAD: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">";

/// Write `sheets` as an .xlsb workbook. Zip entries carry the DOS epoch as their time, so
/// reruns give identical bytes.
pub fn write_xlsb(path: &Path, sheets: &[XlsbSheet]) -> Result<()> {
    let styles = styles_of(sheets);
    let mut strings = Vec::new();
    let mut string_index = BTreeMap::new();
    let mut sheet_parts = Vec::new();
    for sheet in sheets {
        sheet_parts.push(sheet_part(sheet, &styles, &mut strings, &mut string_index)?);
    }

    let mut types = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"><Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/><Default Extension=\"xml\" ContentType=\"application/xml\"/><Override PartName=\"/xl/workbook.bin\" ContentType=\"application/vnd.ms-excel.sheet.binary.macroEnabled.main\"/><Override PartName=\"/xl/styles.bin\" ContentType=\"application/vnd.ms-excel.styles\"/><Override PartName=\"/xl/sharedStrings.bin\" ContentType=\"application/vnd.ms-excel.sharedStrings\"/>",
    );
    let mut book_rels = String::from(RELS_HEAD);
    for i in 1..=sheets.len() {
        types.push_str(&format!("<Override PartName=\"/xl/worksheets/sheet{i}.bin\" ContentType=\"application/vnd.ms-excel.worksheet\"/>"));
        book_rels.push_str(&relationship(
            &format!("rId{i}"),
            "worksheet",
            &format!("worksheets/sheet{i}.bin"),
        ));
    }
    types.push_str("</Types>");
    let n = sheets.len();
    book_rels.push_str(&relationship(
        &format!("rId{}", n + 1),
        "styles",
        "styles.bin",
    ));
    book_rels.push_str(&relationship(
        &format!("rId{}", n + 2),
        "sharedStrings",
        "sharedStrings.bin",
    ));
    book_rels.push_str("</Relationships>");
    let root_rels = format!(
        "{RELS_HEAD}{}</Relationships>",
        relationship("rId1", "officeDocument", "xl/workbook.bin")
    );

    let mut parts: Vec<(String, Vec<u8>)> = vec![
        ("[Content_Types].xml".into(), types.into_bytes()),
        ("_rels/.rels".into(), root_rels.into_bytes()),
        ("xl/workbook.bin".into(), workbook_part(sheets)),
        ("xl/_rels/workbook.bin.rels".into(), book_rels.into_bytes()),
        ("xl/styles.bin".into(), styles_part(&styles)),
        ("xl/sharedStrings.bin".into(), shared_strings_part(&strings)),
    ];
    for (i, part) in sheet_parts.into_iter().enumerate() {
        parts.push((format!("xl/worksheets/sheet{}.bin", i + 1), part));
    }

    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .last_modified_time(zip::DateTime::default());
    for (name, data) in parts {
        zip.start_file(name, options)?;
        zip.write_all(&data)?;
    }
    std::fs::write(path, zip.finish()?.into_inner())
        .with_context(|| format!("writing {}", path.display()))?;
    Ok(())
}
