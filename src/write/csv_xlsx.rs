//! CSV → xlsx, streamed: the file is read twice (once to settle its encoding, once to write)
//! and never held in memory, and the workbook is written in rust_xlsxwriter's constant-memory
//! mode (rows go to a temporary file beside the output as they are written).
//!
//! Cells are typed one by one: a plain number (`1,200`, `-5`, `3.5`) becomes a number, a
//! percentage (`35%`) a number formatted as a percentage, a date (`2026-03-31`,
//! `2026/3/31`, `2026年3月31日`) a date, and everything else — codes with leading zeros
//! (`007`), numbers longer than Excel's 15 digits, text that looks like a formula — a string,
//! never a formula. The decimal mark is settled on the first [`CONVENTION_ROWS`] rows, as the
//! plan reader does for a whole file. The first row is the header: styled, frozen, filtered.
//! Past Excel's 1,048,576 rows the data continues on further sheets (`name (2)`, …), as the
//! in-memory conversion does, and [`CsvConversion::continued`] says so. A CSV wider than
//! Excel's 16,384 columns is not streamed ([`csv_to_xlsx`] returns `None`): the in-memory
//! conversion splits it by columns as well.
//!
//! Reading and typing ([`CsvRows`], giving [`TypedRow`]s) are apart from writing
//! ([`XlsxRows`]) so that the command line can run them on two threads; [`csv_to_xlsx`] runs
//! them in turn (in the browser there is one thread).

use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

use encoding_rs::{Decoder, Encoding, UTF_8};
use rust_xlsxwriter::{Color, ExcelDateTime, Format, FormatBorder, Workbook, Worksheet, XlsxError};

use crate::error::{Error, Result};
use crate::parse::{NumberConvention, decide_convention};
use crate::write::convert::plain_number;
use crate::write::{MAX_COLS, MAX_ROWS, fit_cell, unique_sheet_name};

/// Rows whose cells decide the decimal mark (`.` or `,`).
pub const CONVENTION_ROWS: usize = 10_000;
/// Files above this size are compressed at zip level 1 (compression dominates their time).
const BIG_FILE_BYTES: u64 = 8 << 20;
/// Rows sampled for column widths.
const WIDTH_ROWS: u32 = 1_000;

/// What a conversion wrote.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CsvConversion {
    /// Data rows and the header row, as read.
    pub rows: u64,
    /// The sheets written, in order (more than one past Excel's row limit).
    pub sheets: Vec<String>,
    /// Cells cut to Excel's 32,767 characters.
    pub cut_cells: usize,
    /// When the rows went on past one sheet: a line naming the sheets they continue on.
    pub continued: Option<String>,
    /// The encoding the file was read in (`UTF-8`, `GBK`, `UTF-16LE`, …).
    pub encoding: String,
}

/// Convert the CSV at `input` into a workbook written to `out` (a fresh file the caller
/// renames into place as `output`; the rows spill meanwhile to a temporary file in
/// `output`'s folder). `forced` overrides encoding detection.
///
/// # Errors
/// [`Error::Io`] when the input cannot be read, [`Error::Empty`], [`Error::UnknownEncoding`],
/// [`Error::Corrupt`] for binary data or a broken CSV, [`Error::Output`] when the workbook
/// cannot be written.
pub fn csv_to_xlsx(
    input: &Path,
    forced: Option<&str>,
    output: &Path,
    out: &mut std::fs::File,
) -> Result<Option<CsvConversion>> {
    let rows = CsvRows::open(input, forced)?;
    let mut sheets = XlsxRows::new(&rows, output)?;
    for row in rows {
        if !sheets.write(row?)? {
            return Ok(None);
        }
    }
    sheets.finish(out).map(Some)
}

/// Check that `input` reads as CSV text (it opens, is not empty or binary, its encoding is
/// known) without converting it, so a batch can refuse a bad input before writing anything.
///
/// # Errors
/// As [`csv_to_xlsx`] for the input.
pub fn probe_csv(input: &Path, forced: Option<&str>) -> Result<()> {
    let encoding = detect_encoding(input, forced)?;
    open_records(input, encoding).map(|_| ())
}

type Records = csv::StringRecordsIntoIter<BufReader<DecodeReader<std::fs::File>>>;

/// The CSV's records, decoded, after a `sep=` line; and its delimiter.
fn open_records(input: &Path, encoding: &'static Encoding) -> Result<(Records, u8)> {
    let file = std::fs::File::open(input).map_err(|e| Error::io(input, e))?;
    let mut text = BufReader::with_capacity(1 << 16, DecodeReader::new(file, encoding));
    let head =
        String::from_utf8_lossy(text.fill_buf().map_err(|e| Error::io(input, e))?).into_owned();
    crate::read::refuse_empty_or_binary(input, &head)?;
    let declared = crate::read::declared_delimiter(&head).map(|(d, _)| d);
    let is_tsv = input
        .extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("tsv"));
    let delimiter = match declared {
        Some(d) => d,
        None if is_tsv => b'\t',
        None => crate::read::sniff_delimiter(&head),
    };
    let mut records = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(text)
        .into_records();
    if declared.is_some() {
        // The `sep=` line names the delimiter; it is not a row.
        records.next().transpose().map_err(|e| corrupt(input, e))?;
    }
    Ok((records, delimiter))
}

fn corrupt(input: &Path, e: csv::Error) -> Error {
    Error::Corrupt {
        path: input.to_path_buf(),
        expected: "CSV",
        detail: e.to_string(),
    }
}

/// A CSV opened for conversion: its rows in order, each typed ([`TypedRow`]). Reading and
/// typing are kept apart from writing ([`XlsxRows`]) so that a caller with threads can read
/// on one while the workbook is written on another; [`csv_to_xlsx`] does both in turn.
pub struct CsvRows {
    input: PathBuf,
    records: Records,
    /// The rows read to settle the decimal mark, not yet handed out.
    first: std::vec::IntoIter<csv::StringRecord>,
    convention: NumberConvention,
    encoding: &'static Encoding,
}

impl CsvRows {
    /// Open the CSV at `input` (`forced` overrides encoding detection) and read its first
    /// [`CONVENTION_ROWS`] rows to settle the decimal mark.
    ///
    /// # Errors
    /// As [`csv_to_xlsx`] for the input.
    pub fn open(input: &Path, forced: Option<&str>) -> Result<CsvRows> {
        let encoding = detect_encoding(input, forced)?;
        let (records, delimiter) = open_records(input, encoding)?;
        CsvRows::from_records(input, records, delimiter, encoding)
    }

    fn from_records(
        input: &Path,
        mut records: Records,
        delimiter: u8,
        encoding: &'static Encoding,
    ) -> Result<CsvRows> {
        let mut first = Vec::new();
        for record in records.by_ref().take(CONVENTION_ROWS) {
            first.push(record.map_err(|e| corrupt(input, e))?);
        }
        let convention = decide_convention(
            first
                .iter()
                .flat_map(|r| r.iter())
                .filter(|c| looks_like_number(c)),
            delimiter == b';',
        )
        .0;
        Ok(CsvRows {
            input: input.to_path_buf(),
            records,
            first: first.into_iter(),
            convention,
            encoding,
        })
    }
}

impl Iterator for CsvRows {
    type Item = Result<TypedRow>;

    fn next(&mut self) -> Option<Result<TypedRow>> {
        let record = match self.first.next() {
            Some(record) => record,
            None => match self.records.next()? {
                Ok(record) => record,
                Err(e) => return Some(Err(corrupt(&self.input, e))),
            },
        };
        Some(Ok(TypedRow::new(record, self.convention)))
    }
}

/// One CSV row and how each of its cells (up to Excel's last column) is written. A text
/// cell's string is made here, cut to Excel's limit, so that the writer only moves it on.
pub struct TypedRow {
    record: csv::StringRecord,
    cells: Vec<Cell>,
    /// Text cells cut to Excel's 32,767 characters.
    cut: usize,
}

/// A [`Typed`] cell owning its text.
#[derive(Debug, Clone)]
enum Cell {
    Blank,
    Number(f64),
    Percent(f64),
    Date(chrono::NaiveDate),
    Text(String),
}

impl TypedRow {
    fn new(record: csv::StringRecord, convention: NumberConvention) -> TypedRow {
        let mut cut = 0;
        let cells = record
            .iter()
            .take(MAX_COLS as usize)
            .map(|cell| match type_cell(cell, convention) {
                Typed::Blank => Cell::Blank,
                Typed::Number(n) => Cell::Number(n),
                Typed::Percent(n) => Cell::Percent(n),
                Typed::Date(d) => Cell::Date(d),
                Typed::Text(text) => {
                    let (text, was_cut) = fit_cell(text);
                    cut += usize::from(was_cut);
                    Cell::Text(text.into_owned())
                }
            })
            .collect();
        TypedRow { record, cells, cut }
    }
}

/// The workbook a CSV's rows are written into, in constant memory.
pub struct XlsxRows {
    writer: SheetWriter,
    output: PathBuf,
}

impl XlsxRows {
    /// A workbook for the rows of `rows`, to be saved as `output` (rows spill meanwhile to a
    /// temporary file in `output`'s folder).
    ///
    /// # Errors
    /// [`Error::Output`] when the workbook cannot be started.
    pub fn new(rows: &CsvRows, output: &Path) -> Result<XlsxRows> {
        XlsxRows::with_sheet_rows(rows, output, MAX_ROWS)
    }

    /// As [`XlsxRows::new`], with `sheet_rows` rows to a sheet (Excel's limit; fewer in tests).
    fn with_sheet_rows(rows: &CsvRows, output: &Path, sheet_rows: u32) -> Result<XlsxRows> {
        let size = std::fs::metadata(&rows.input).map_or(0, |m| m.len());
        let stem = rows
            .input
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or("Sheet1");
        let mut writer =
            SheetWriter::new(stem, output, size > BIG_FILE_BYTES).map_err(|e| xlsx(output, e))?;
        writer.sheet_rows = sheet_rows;
        writer.encoding = encoding_name(rows.encoding);
        Ok(XlsxRows {
            writer,
            output: output.to_path_buf(),
        })
    }

    /// Write the next row; `false` (and nothing written) when it is wider than Excel's
    /// 16,384 columns, which a streamed conversion cannot hold (see [`csv_to_xlsx`]).
    ///
    /// # Errors
    /// [`Error::Output`] when the row cannot be written.
    pub fn write(&mut self, row: TypedRow) -> Result<bool> {
        if row.record.len() > MAX_COLS as usize {
            return Ok(false);
        }
        self.writer.row(row).map_err(|e| xlsx(&self.output, e))?;
        Ok(true)
    }

    /// Finish the sheets (widths, filter) and write the workbook to `out`.
    ///
    /// # Errors
    /// [`Error::Output`] when the workbook cannot be written.
    pub fn finish(self, out: &mut std::fs::File) -> Result<CsvConversion> {
        let output = self.output;
        self.writer.finish(out).map_err(|e| xlsx(&output, e))
    }
}

fn xlsx(output: &Path, e: XlsxError) -> Error {
    Error::Output {
        path: output.to_path_buf(),
        message: format!("cannot write the workbook: {e}"),
    }
}

/// The name users know an encoding by (GB18030 files as GBK, as the reader says).
fn encoding_name(e: &'static Encoding) -> String {
    match e.name() {
        "gb18030" | "GBK" => "GBK".into(),
        other => other.into(),
    }
}

/// A number-like cell for the decimal-mark vote.
fn looks_like_number(cell: &str) -> bool {
    let t = cell.trim();
    !t.is_empty()
        && t.chars().any(|c| c.is_ascii_digit())
        && t.chars()
            .all(|c| c.is_ascii_digit() || ",.-+%％ ".contains(c))
}

/// The file's encoding: `forced`, else a BOM, else BOM-less UTF-16, else UTF-8 when the whole
/// file is valid UTF-8 (checked in chunks, never held whole), else chardetng's guess over the
/// whole file leaning to GBK, as [`crate::read::decode_text`] decides for the plan reader.
fn detect_encoding(path: &Path, forced: Option<&str>) -> Result<&'static Encoding> {
    if let Some(label) = forced {
        // The reader's label rules (utf16, cp936, …) and its error for an unknown name.
        let probe = crate::read::decode_text(path, b"", Some(label))?;
        return Encoding::for_label(probe.1.as_bytes())
            .or_else(|| Encoding::for_label(label.trim().as_bytes()))
            .ok_or_else(|| Error::UnknownEncoding {
                path: path.to_path_buf(),
                name: label.to_string(),
            });
    }
    let mut file = std::fs::File::open(path).map_err(|e| Error::io(path, e))?;
    let mut head = vec![0u8; 4096];
    let n = read_full(&mut file, &mut head).map_err(|e| Error::io(path, e))?;
    head.truncate(n);
    if n == 0 {
        return Err(Error::Empty {
            path: path.to_path_buf(),
        });
    }
    if let Some((enc, _)) = Encoding::for_bom(&head) {
        return Ok(enc);
    }
    // The reader's own rule for BOM-less UTF-16 (it looks at the head only).
    let (_, name) = crate::read::decode_text(path, &head[..n.min(512)], None)?;
    if name.starts_with("UTF-16") {
        return Ok(Encoding::for_label(name.as_bytes()).unwrap_or(encoding_rs::UTF_16LE));
    }
    // Valid UTF-8 throughout? (A chunk may end inside a character: carry its bytes over.)
    let mut file = std::fs::File::open(path).map_err(|e| Error::io(path, e))?;
    let mut buf = vec![0u8; 1 << 16];
    let mut carry = 0usize;
    let valid = loop {
        let n = file
            .read(&mut buf[carry..])
            .map_err(|e| Error::io(path, e))?;
        let end = carry + n;
        match std::str::from_utf8(&buf[..end]) {
            Ok(_) if n == 0 => break true,
            Ok(_) => carry = 0,
            Err(e) if e.error_len().is_some() => break false,
            Err(_) if n == 0 => break false,
            Err(e) => {
                let tail = e.valid_up_to();
                buf.copy_within(tail..end, 0);
                carry = end - tail;
            }
        }
    };
    if valid {
        return Ok(UTF_8);
    }
    // Not UTF-8: chardetng's guess over the first DETECT_BYTES.
    let mut file = std::fs::File::open(path).map_err(|e| Error::io(path, e))?;
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    let mut fed = 0usize;
    loop {
        let n = file.read(&mut buf).map_err(|e| Error::io(path, e))?;
        let last = n == 0 || fed + n >= DETECT_BYTES;
        detector.feed(&buf[..n], last);
        fed += n;
        if last {
            break;
        }
    }
    Ok(detector.guess(Some(b"cn"), chardetng::Utf8Detection::Deny))
}

/// Bytes of a non-UTF-8 file the encoding guess looks at.
const DETECT_BYTES: usize = 4 << 20;

fn read_full(r: &mut impl Read, buf: &mut [u8]) -> std::io::Result<usize> {
    let mut filled = 0;
    while filled < buf.len() {
        match r.read(&mut buf[filled..])? {
            0 => break,
            n => filled += n,
        }
    }
    Ok(filled)
}

/// A reader that decodes any encoding to UTF-8 chunk by chunk (a BOM is removed).
struct DecodeReader<R> {
    inner: R,
    decoder: Decoder,
    input: Vec<u8>,
    output: Vec<u8>,
    start: usize,
    end: usize,
    done: bool,
}

impl<R: Read> DecodeReader<R> {
    fn new(inner: R, encoding: &'static Encoding) -> DecodeReader<R> {
        DecodeReader {
            inner,
            decoder: encoding.new_decoder_with_bom_removal(),
            input: vec![0; 1 << 16],
            output: Vec::new(),
            start: 0,
            end: 0,
            done: false,
        }
    }
}

impl<R: Read> Read for DecodeReader<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        while self.start == self.end && !self.done {
            let n = self.inner.read(&mut self.input)?;
            let last = n == 0;
            let needed = self
                .decoder
                .max_utf8_buffer_length(n)
                .unwrap_or(n * 3 + 16)
                .max(16);
            self.output.resize(needed, 0);
            let (_, read, written, _) =
                self.decoder
                    .decode_to_utf8(&self.input[..n], &mut self.output, last);
            debug_assert_eq!(read, n);
            self.start = 0;
            self.end = written;
            self.done = last;
        }
        let n = (self.end - self.start).min(buf.len());
        buf[..n].copy_from_slice(&self.output[self.start..self.start + n]);
        self.start += n;
        Ok(n)
    }
}

/// How one CSV cell is written.
#[derive(Debug, Clone, PartialEq)]
pub enum Typed<'a> {
    Blank,
    Number(f64),
    /// A fraction shown as a percentage (`35%` is 0.35).
    Percent(f64),
    Date(chrono::NaiveDate),
    Text(&'a str),
}

/// The type of one CSV cell (see the module docs).
pub fn type_cell(cell: &str, convention: NumberConvention) -> Typed<'_> {
    let t = cell.trim();
    if t.is_empty() {
        return Typed::Blank;
    }
    // Fast path: most text cannot be a number or a date.
    let first = t.as_bytes()[0];
    if !(first.is_ascii_digit() || matches!(first, b'-' | b'+' | b'.' | b',' | b'(')) {
        return Typed::Text(cell);
    }
    if let Some((n, percent)) = common_number(t, convention) {
        return if percent {
            Typed::Percent(n)
        } else {
            Typed::Number(n)
        };
    }
    if let Some(d) = iso_date(t) {
        return Typed::Date(d);
    }
    let significant = t.chars().filter(|c| c.is_ascii_digit()).count();
    if significant <= 15 {
        match plain_number(t, convention) {
            Some((n, true)) => return Typed::Percent(n),
            Some((n, false)) => return Typed::Number(n),
            None => {}
        }
    }
    Typed::Text(cell)
}

/// Digits a number may have and stay a number (Excel keeps 15 significant digits).
const MAX_DIGITS: usize = 15;

/// The shapes nearly every exported number has, read directly instead of by the full number
/// reader (which normalises the text, looks for currencies, units and markers, and allocates):
/// an optional `-`; an integer part of plain digits without a leading zero (`1200`, `0`) or
/// grouped in threes by the file's thousands mark (`1,200`, or `1.200` under a decimal
/// comma); an optional decimal part (`.5`, or `,5` under a decimal comma); an optional `%`
/// (a fraction: `12.5%` is 0.125); at most 15 digits. Returns the value and whether it was a
/// percentage. Anything else — `+5`, `1 200`, `¥5`, full-width digits, either mark in a file
/// whose convention is undecided — is left to the full reader, which reads these shapes to
/// the same values (checked by a property test against it).
fn common_number(t: &str, convention: NumberConvention) -> Option<(f64, bool)> {
    let (decimal, group) = match convention {
        NumberConvention::Point => (Some(b'.'), Some(b',')),
        NumberConvention::Comma => (Some(b','), Some(b'.')),
        NumberConvention::Ambiguous => (None, None),
    };
    let (body, percent) = match t.strip_suffix('%') {
        Some(body) => (body, true),
        None => (t, false),
    };
    let (negative, body) = match body.strip_prefix('-') {
        Some(body) => (true, body.as_bytes()),
        None => (false, body.as_bytes()),
    };
    let (int, frac) = match decimal.and_then(|d| body.iter().position(|b| *b == d)) {
        Some(at) => (&body[..at], Some(&body[at + 1..])),
        None => (body, None),
    };
    // The number rewritten for Rust's (correctly rounding) reader: sign, digits, decimal
    // point, and `e-2` for a percentage — `12.5%` read as 12.5e-2 is the value the full
    // reader's 12.5 / 100, rounded to 15 digits, comes to.
    let mut out = Numeral::default();
    if negative {
        out.push_mark(b'-');
    }
    match group.filter(|g| int.contains(g)) {
        Some(g) => {
            // Grouped: a first group of one to three digits (not a lone `0`), then threes.
            let mut groups = int.split(|b| *b == g);
            let first = groups.next()?;
            if !(1..=3).contains(&first.len()) || first.first() == Some(&b'0') {
                return None;
            }
            out.push_digits(first)?;
            for rest in groups {
                if rest.len() != 3 {
                    return None;
                }
                out.push_digits(rest)?;
            }
        }
        None => {
            // Plain: `0`, or digits without a leading zero (`007` is a code).
            if int.is_empty() || (int.len() > 1 && int.first() == Some(&b'0')) {
                return None;
            }
            out.push_digits(int)?;
        }
    }
    if let Some(frac) = frac {
        if frac.is_empty() {
            return None;
        }
        out.push_mark(b'.');
        out.push_digits(frac)?;
    }
    if percent {
        out.push_mark(b'e');
        out.push_mark(b'-');
        out.push_mark(b'2');
    }
    let value: f64 = std::str::from_utf8(out.as_bytes()).ok()?.parse().ok()?;
    Some((value, percent))
}

/// A number's text rebuilt on the stack (no allocation per cell): at most a sign, 15 digits,
/// a decimal point and `e-2`.
#[derive(Default)]
struct Numeral {
    bytes: [u8; 1 + MAX_DIGITS + 1 + 3],
    len: usize,
    digits: usize,
}

impl Numeral {
    /// A sign, point or exponent byte (at most five of them are ever pushed).
    fn push_mark(&mut self, b: u8) {
        if let Some(slot) = self.bytes.get_mut(self.len) {
            *slot = b;
            self.len += 1;
        }
    }

    /// ASCII digits; `None` for any other byte or past 15 digits in all.
    fn push_digits(&mut self, digits: &[u8]) -> Option<()> {
        if !digits.iter().all(u8::is_ascii_digit) || self.digits + digits.len() > MAX_DIGITS {
            return None;
        }
        self.bytes
            .get_mut(self.len..self.len + digits.len())?
            .copy_from_slice(digits);
        self.len += digits.len();
        self.digits += digits.len();
        Some(())
    }

    fn as_bytes(&self) -> &[u8] {
        &self.bytes[..self.len]
    }
}

/// A year-first calendar date: `2026-03-31`, `2026/3/31`, `2026.03.31`, `2026年3月31日`.
fn iso_date(t: &str) -> Option<chrono::NaiveDate> {
    if t.len() < 8 || !t.as_bytes()[..4].iter().all(u8::is_ascii_digit) {
        return None;
    }
    let t = t.strip_suffix('日').unwrap_or(t);
    let mut parts = t.split(['-', '/', '.', '年', '月']);
    let (Some(y), Some(m), Some(d), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return None;
    };
    if y.len() != 4 || m.is_empty() || m.len() > 2 || d.is_empty() || d.len() > 2 {
        return None;
    }
    let all_digits = |s: &str| s.chars().all(|c| c.is_ascii_digit());
    if !(all_digits(y) && all_digits(m) && all_digits(d)) {
        return None;
    }
    let year: i32 = y.parse().ok()?;
    if !(1900..=9999).contains(&year) {
        return None;
    }
    chrono::NaiveDate::from_ymd_opt(year, m.parse().ok()?, d.parse().ok()?)
}

/// Writes rows into constant-memory sheets, starting a new sheet at Excel's row limit.
struct SheetWriter {
    workbook: Workbook,
    stem: String,
    names: Vec<String>,
    header: Option<Vec<String>>,
    /// Row within the current sheet.
    row: u32,
    /// Rows a sheet holds (Excel's limit; smaller in tests).
    sheet_rows: u32,
    /// Widest column count of the current sheet.
    cols: u16,
    widths: Vec<usize>,
    /// The widest record.
    width: usize,
    rows: u64,
    cut_cells: usize,
    encoding: String,
    formats: Formats,
}

struct Formats {
    header: Format,
    date: Format,
    percent: Format,
    percent_decimals: Format,
}

impl SheetWriter {
    fn new(stem: &str, output: &Path, big: bool) -> std::result::Result<SheetWriter, XlsxError> {
        let mut workbook = Workbook::new();
        workbook.set_properties(&crate::write::fixed_properties());
        if big {
            workbook.set_zip_compression_level(1);
        }
        // Rows spill to a temporary file beside the output, not into a memory-backed /tmp.
        if let Some(dir) = output.parent().filter(|d| !d.as_os_str().is_empty()) {
            workbook.set_tempdir(dir)?;
        }
        let mut w = SheetWriter {
            workbook,
            stem: stem.to_string(),
            names: Vec::new(),
            header: None,
            row: 0,
            sheet_rows: MAX_ROWS,
            cols: 0,
            widths: Vec::new(),
            width: 0,
            rows: 0,
            cut_cells: 0,
            encoding: String::new(),
            formats: Formats {
                header: Format::new()
                    .set_bold()
                    .set_background_color(Color::RGB(0xDDEBF7))
                    .set_border_bottom(FormatBorder::Thin),
                date: Format::new().set_num_format("yyyy-mm-dd"),
                percent: Format::new().set_num_format("0%"),
                percent_decimals: Format::new().set_num_format("0.0###%"),
            },
        };
        w.start_sheet()?;
        Ok(w)
    }

    fn sheet(&mut self) -> std::result::Result<&mut Worksheet, XlsxError> {
        let index = self.names.len().saturating_sub(1);
        self.workbook.worksheet_from_index(index)
    }

    /// A new sheet; a continuation sheet holds only the rows that continue there.
    fn start_sheet(&mut self) -> std::result::Result<(), XlsxError> {
        let wanted = if self.names.is_empty() {
            self.stem.clone()
        } else {
            format!("{} ({})", self.stem, self.names.len() + 1)
        };
        let name = unique_sheet_name(&wanted, &self.names);
        self.names.push(name.clone());
        let ws = self.workbook.add_worksheet_with_constant_memory()?;
        ws.set_name(&name)?;
        self.row = 0;
        self.cols = 0;
        self.widths.clear();
        Ok(())
    }

    fn write_header(&mut self, header: &[String]) -> std::result::Result<(), XlsxError> {
        let format = self.formats.header.clone();
        let ws = self.sheet()?;
        for (c, text) in header.iter().enumerate() {
            ws.write_string_with_format(0, c as u16, text, &format)?;
        }
        ws.set_freeze_panes(1, 0)?;
        self.cols = header.len() as u16;
        self.widths = header.iter().map(|h| display_width(h)).collect();
        self.row = 1;
        Ok(())
    }

    fn row(&mut self, row: TypedRow) -> std::result::Result<(), XlsxError> {
        let record = &row.record;
        self.rows += 1;
        if self.header.is_none() {
            let header: Vec<String> = record
                .iter()
                .take(MAX_COLS as usize)
                .map(|c| fit_cell(c).0.into_owned())
                .collect();
            self.width = self.width.max(record.len());
            self.write_header(&header)?;
            self.header = Some(header);
            return Ok(());
        }
        if self.row >= self.sheet_rows {
            self.close_sheet()?;
            self.start_sheet()?;
        }
        let r = self.row;
        self.width = self.width.max(record.len());
        let measure = r <= WIDTH_ROWS;
        let Formats {
            date,
            percent,
            percent_decimals,
            ..
        } = &self.formats;
        let mut widths = Vec::new();
        let index = self.names.len().saturating_sub(1);
        let ws = self.workbook.worksheet_from_index(index)?;
        for (c, (text, cell)) in record.iter().zip(row.cells).enumerate() {
            let c = c as u16;
            match cell {
                Cell::Blank => continue,
                Cell::Number(n) => {
                    ws.write_number(r, c, n)?;
                }
                Cell::Percent(n) => {
                    let whole = ((n * 100.0).round() - n * 100.0).abs() < 1e-9;
                    ws.write_number_with_format(
                        r,
                        c,
                        n,
                        if whole { percent } else { percent_decimals },
                    )?;
                }
                Cell::Date(d) => {
                    use chrono::Datelike;
                    let dt = ExcelDateTime::from_ymd(
                        u16::try_from(d.year()).unwrap_or(1900),
                        d.month() as u8,
                        d.day() as u8,
                    )?;
                    ws.write_datetime_with_format(r, c, &dt, date)?;
                }
                Cell::Text(string) => {
                    ws.write_string(r, c, string)?;
                }
            }
            if measure {
                widths.push((c as usize, display_width(text)));
            }
        }
        self.cut_cells += row.cut;
        self.cols = self.cols.max(record.len().min(MAX_COLS as usize) as u16);
        for (c, w) in widths {
            if self.widths.len() <= c {
                self.widths.resize(c + 1, 0);
            }
            self.widths[c] = self.widths[c].max(w);
        }
        self.row += 1;
        Ok(())
    }

    /// Widths and the filter of the current sheet.
    fn close_sheet(&mut self) -> std::result::Result<(), XlsxError> {
        let (last_row, cols, widths) = (self.row.saturating_sub(1), self.cols, self.widths.clone());
        // Only the first sheet starts with the header row.
        let has_header = self.header.is_some() && self.names.len() == 1;
        let ws = self.sheet()?;
        for (c, w) in widths.iter().enumerate() {
            ws.set_column_width(c as u16, (*w as f64 + 2.0).clamp(6.0, 60.0))?;
        }
        if cols > 0 && has_header {
            ws.autofilter(0, 0, last_row, cols - 1)?;
        }
        Ok(())
    }

    fn finish(mut self, out: &mut std::fs::File) -> std::result::Result<CsvConversion, XlsxError> {
        self.close_sheet()?;
        let continued = match self.names.as_slice() {
            [first, rest @ ..] if !rest.is_empty() => Some(format!(
                "sheet `{first}` has {} rows and {} columns, more than Excel's {MAX_ROWS} rows \
                 or {MAX_COLS} columns; it continues on {}",
                self.rows,
                self.width,
                rest.iter()
                    .map(|n| format!("`{n}`"))
                    .collect::<Vec<_>>()
                    .join(", ")
            )),
            _ => None,
        };
        // The file is written on another thread while the workbook is packed.
        let workbook = &mut self.workbook;
        crate::par::write_behind(out, |packed| {
            workbook
                .save_to_writer(packed)
                .map_err(std::io::Error::other)
        })
        .map_err(|e| match e.downcast::<XlsxError>() {
            Ok(packing) => packing,
            Err(written) => XlsxError::IoError(written),
        })?;
        Ok(CsvConversion {
            rows: self.rows,
            sheets: self.names,
            cut_cells: self.cut_cells,
            continued,
            encoding: self.encoding,
        })
    }
}

/// Columns a text takes in Excel's default font: East Asian characters count two.
fn display_width(text: &str) -> usize {
    text.chars()
        .map(|c| if (c as u32) >= 0x2E80 { 2 } else { 1 })
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_are_typed_and_codes_stay_text() {
        let p = NumberConvention::Point;
        assert_eq!(type_cell("1,200", p), Typed::Number(1200.0));
        assert_eq!(type_cell("-5", p), Typed::Number(-5.0));
        assert_eq!(type_cell("35%", p), Typed::Percent(0.35));
        let d = chrono::NaiveDate::from_ymd_opt(2026, 3, 31);
        for text in ["2026-03-31", "2026/3/31", "2026.03.31", "2026年3月31日"] {
            assert_eq!(type_cell(text, p), Typed::Date(d.unwrap()), "{text}");
        }
        for text in [
            "007",
            "=1+2",
            "2026-13-01",
            "12345678901234567890",
            "Q1",
            "销售额",
        ] {
            assert_eq!(type_cell(text, p), Typed::Text(text), "{text}");
        }
        assert_eq!(type_cell("  ", p), Typed::Blank);
        assert_eq!(
            type_cell("1.250.000", NumberConvention::Comma),
            Typed::Number(1_250_000.0)
        );
    }

    /// The typing as it was before [`common_number`]: every number but the plainest went
    /// through the full number reader. The fast path must type every cell the same way.
    fn type_cell_by_full_reader(cell: &str, convention: NumberConvention) -> Typed<'_> {
        let t = cell.trim();
        if t.is_empty() {
            return Typed::Blank;
        }
        let first = t.as_bytes()[0];
        if !(first.is_ascii_digit() || matches!(first, b'-' | b'+' | b'.' | b',' | b'(')) {
            return Typed::Text(cell);
        }
        let plain_decimal = |t: &str| -> Option<f64> {
            let body = t.strip_prefix('-').unwrap_or(t).as_bytes();
            let (int, frac) = match body.iter().position(|b| *b == b'.') {
                Some(at) if convention == NumberConvention::Point => {
                    (&body[..at], Some(&body[at + 1..]))
                }
                Some(_) => return None,
                None => (body, None),
            };
            let digits = |s: &[u8]| !s.is_empty() && s.iter().all(u8::is_ascii_digit);
            let leading_zero = int.len() > 1 && int[0] == b'0';
            let count = int.len() + frac.map_or(0, <[u8]>::len);
            if !digits(int) || leading_zero || count > 15 || frac.is_some_and(|f| !digits(f)) {
                return None;
            }
            t.parse().ok()
        };
        if let Some(n) = plain_decimal(t) {
            return Typed::Number(n);
        }
        if let Some(d) = iso_date(t) {
            return Typed::Date(d);
        }
        if t.chars().filter(|c| c.is_ascii_digit()).count() <= 15 {
            match plain_number(t, convention) {
                Some((n, true)) => return Typed::Percent(n),
                Some((n, false)) => return Typed::Number(n),
                None => {}
            }
        }
        Typed::Text(cell)
    }

    /// A typed cell with its number's exact bits (so `-0` and `0`, or two neighbouring
    /// doubles, are told apart).
    fn exact(t: &Typed) -> String {
        match t {
            Typed::Number(n) => format!("number {:x}", n.to_bits()),
            Typed::Percent(n) => format!("percent {:x}", n.to_bits()),
            other => format!("{other:?}"),
        }
    }

    const CONVENTIONS: [NumberConvention; 3] = [
        NumberConvention::Point,
        NumberConvention::Comma,
        NumberConvention::Ambiguous,
    ];

    #[test]
    fn the_fast_path_types_common_numbers_as_the_full_reader_does() {
        let p = NumberConvention::Point;
        let c = NumberConvention::Comma;
        assert_eq!(type_cell("1,200", p), Typed::Number(1200.0));
        assert_eq!(type_cell("1.200", c), Typed::Number(1200.0));
        assert_eq!(type_cell("-1,234,567.25", p), Typed::Number(-1_234_567.25));
        assert_eq!(type_cell("12,5%", c), Typed::Percent(0.125));
        assert_eq!(type_cell("0.1%", p), Typed::Percent(0.001));
        assert_eq!(type_cell("7.3%", p), Typed::Percent(0.073));
        // Left to the full reader, which decides them.
        for text in ["0,123", "1,23", "05%", "1,200", "+5", "1 200", "１２"] {
            for convention in CONVENTIONS {
                assert_eq!(
                    exact(&type_cell(text, convention)),
                    exact(&type_cell_by_full_reader(text, convention)),
                    "{text} {convention:?}"
                );
            }
        }
        assert_eq!(
            type_cell("1,200", NumberConvention::Ambiguous),
            Typed::Text("1,200"),
            "either mark could be the decimal one"
        );
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(3000))]

        /// Number-shaped texts: signs, digits, both marks, a percent sign, spaces.
        #[test]
        fn numbers_are_typed_as_by_the_full_reader(
            text in "[-+]?[0-9]{0,4}([,.][0-9]{0,4}){0,4}%?",
            convention in proptest::sample::select(CONVENTIONS.to_vec()),
        ) {
            proptest::prop_assert_eq!(
                exact(&type_cell(&text, convention)),
                exact(&type_cell_by_full_reader(&text, convention))
            );
        }

        /// Long and odd ones: up to 20 digits, dates, currencies, units, spaces, full width.
        #[test]
        fn any_number_like_text_is_typed_as_by_the_full_reader(
            text in "[-+( ]{0,2}[0-9０-９]{0,8}[,. ]?[0-9]{0,12}[-/.年月日,%％)元万 ]{0,3}[0-9]{0,3}",
            convention in proptest::sample::select(CONVENTIONS.to_vec()),
        ) {
            proptest::prop_assert_eq!(
                exact(&type_cell(&text, convention)),
                exact(&type_cell_by_full_reader(&text, convention))
            );
        }
    }

    #[test]
    fn rows_past_a_sheet_continue_on_further_sheets_with_a_note() {
        use calamine::{Data, Reader};
        let dir = tempfile::tempdir().unwrap();
        let input = dir.path().join("big.csv");
        let mut text = String::from("id,value\n");
        for i in 1..=11 {
            text.push_str(&format!("r{i},{i}\n"));
        }
        std::fs::write(&input, text).unwrap();
        let output = dir.path().join("big.xlsx");
        let rows = CsvRows::open(&input, None).unwrap();
        let mut sheets = XlsxRows::with_sheet_rows(&rows, &output, 5).unwrap();
        for row in rows {
            assert!(sheets.write(row.unwrap()).unwrap());
        }
        let mut file = std::fs::File::create(&output).unwrap();
        let done = sheets.finish(&mut file).unwrap();
        drop(file);
        assert_eq!(done.sheets, ["big", "big (2)", "big (3)"]);
        assert_eq!(done.rows, 12);
        let note = done.continued.unwrap();
        assert!(
            note.contains("12 rows and 2 columns") && note.contains("`big (2)`, `big (3)`"),
            "{note}"
        );
        let mut book = calamine::open_workbook_auto(&output).unwrap();
        let first = book.worksheet_range("big").unwrap();
        assert_eq!(first.height(), 5, "header and four data rows");
        let second = book.worksheet_range("big (2)").unwrap();
        assert_eq!(second.get_value((0, 0)), Some(&Data::String("r5".into())));
        assert_eq!(second.get_value((0, 1)), Some(&Data::Float(5.0)));
        let third = book.worksheet_range("big (3)").unwrap();
        assert_eq!(third.get_value((1, 0)), Some(&Data::String("r11".into())));
    }

    #[test]
    fn a_csv_wider_than_excel_is_left_to_the_in_memory_conversion() {
        let dir = tempfile::tempdir().unwrap();
        let input = dir.path().join("wide.csv");
        let header: Vec<String> = (0..16_390).map(|c| format!("c{c}")).collect();
        std::fs::write(&input, format!("{}\n", header.join(","))).unwrap();
        let output = dir.path().join("wide.xlsx");
        let mut file = std::fs::File::create(&output).unwrap();
        assert_eq!(csv_to_xlsx(&input, None, &output, &mut file).unwrap(), None);
    }
}
