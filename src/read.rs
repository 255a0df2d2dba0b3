//! read stage: a file on disk → [`Grid`], the cells of every sheet with their positions and
//! merged regions. Workbooks go through calamine (after a zip size check); CSV/TSV/TXT through
//! the csv crate after transcoding the whole file to UTF-8.

mod archive;
pub mod formula;
mod limits;
pub mod look;
mod ods_extra;
mod ods_look;
mod ole;
mod split;
#[cfg(test)]
mod split_equivalence;
mod text;
mod xlsb_extra;
mod xlsx_cells;

use std::collections::{HashMap, HashSet};
use std::io::Read;
use std::path::{Path, PathBuf};

use calamine::{Data, Reader};

use crate::error::{Error, Result};

use archive::{PartsToUnpack, check_archive};
pub use limits::MAX_WORKBOOK_CELLS;
use text::read_text;
pub use text::{declared_delimiter, decode_text, refuse_empty_or_binary, sniff_delimiter};

/// Largest unpacked size of one part of a workbook archive.
pub const MAX_PART_BYTES: u64 = 1 << 30;
/// Largest unpacked size of a whole workbook archive.
pub const MAX_TOTAL_BYTES: u64 = 2 << 30;
/// Largest text file read (it is held twice while it is transcoded).
pub const MAX_TEXT_BYTES: u64 = 256 << 20;
/// Largest workbook file read (it is read into memory once, then parsed from there).
pub const MAX_WORKBOOK_BYTES: u64 = 512 << 20;

/// Which file a path named when it was read: its device and inode, so an output can be
/// compared with the input whatever path (hard link, bind mount, symlink) leads to it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct FileId {
    pub device: u64,
    pub inode: u64,
}

impl FileId {
    /// The identity in `meta` (`None` where the platform has none).
    pub fn of(meta: &std::fs::Metadata) -> Option<FileId> {
        #[cfg(unix)]
        {
            use std::os::unix::fs::MetadataExt;
            Some(FileId {
                device: meta.dev(),
                inode: meta.ino(),
            })
        }
        #[cfg(not(unix))]
        {
            let _ = meta;
            None
        }
    }
}

/// One cell's value as stored.
#[derive(Debug, Clone, PartialEq, Default)]
pub enum CellValue {
    #[default]
    Empty,
    String(String),
    Number(f64),
    Bool(bool),
    /// A date cell, as its calendar date.
    Date(chrono::NaiveDate),
    /// A formula error (`#DIV/0!`).
    Error(String),
}

impl CellValue {
    pub fn is_empty(&self) -> bool {
        match self {
            CellValue::Empty => true,
            CellValue::String(s) => s.trim().is_empty(),
            _ => false,
        }
    }
    /// The text as a spreadsheet would show it (numbers without float noise, dates ISO).
    pub fn display(&self) -> String {
        match self {
            CellValue::Empty => String::new(),
            CellValue::String(s) => s.clone(),
            CellValue::Number(n) => format_number(*n),
            CellValue::Bool(b) => if *b { "TRUE" } else { "FALSE" }.to_string(),
            CellValue::Date(d) => d.format("%Y-%m-%d").to_string(),
            CellValue::Error(e) => e.clone(),
        }
    }
}

/// A number as text with at most 15 significant digits and no trailing zeros.
pub fn format_number(n: f64) -> String {
    if n.is_finite() && n == n.trunc() && n.abs() < 1e15 {
        // Most plan numbers are whole: itoa writes them without the formatting machinery
        // (every number cell's text is made once while the plan is read).
        return itoa::Buffer::new().format(n as i64).to_string();
    }
    let decimals = 15usize.saturating_sub(n.abs().log10().ceil().max(0.0) as usize);
    if n.is_finite() {
        // The shortest text that reads back as `n` (ryu) is what rounding to `decimals`
        // places and dropping trailing zeros gives, whenever it has no more decimals than
        // that: `n` lies within half an ulp (< 1.2e-16 |n|) of it, well inside half a unit
        // of the last kept place (≥ 5e-16 |n|). Exact formatting to 13-15 places costs far
        // more (`62.5`, `0.34` in every other number cell).
        let mut buffer = ryu::Buffer::new();
        let shortest = buffer.format_finite(n);
        if let Some((_, fraction)) = shortest.split_once('.')
            && !shortest.contains(['e', 'E'])
            && fraction.len() <= decimals
        {
            return shortest.to_string();
        }
    }
    let s = format!("{:.*}", decimals, n);
    let s = if s.contains('.') {
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        s
    };
    if s == "-0" { "0".into() } else { s }
}

/// A merged region, 0-based inclusive.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Merge {
    pub first_row: u32,
    pub first_col: u32,
    pub last_row: u32,
    pub last_col: u32,
}

impl Merge {
    /// Cells the region covers (0 when it is backwards).
    pub fn cells(&self) -> u64 {
        let rows = u64::from(self.last_row).checked_sub(u64::from(self.first_row));
        let cols = u64::from(self.last_col).checked_sub(u64::from(self.first_col));
        match (rows, cols) {
            (Some(r), Some(c)) => (r + 1) * (c + 1),
            _ => 0,
        }
    }
}

/// One sheet: its cells from A1, each row as long as its last value (or its last formula
/// whose result is unknown).
#[derive(Debug, Clone, Default)]
pub struct Sheet {
    pub name: String,
    pub rows: Vec<Vec<CellValue>>,
    /// Formulas by (row, col), without the leading `=`.
    pub formulas: HashMap<(u32, u32), String>,
    /// Formula cells the file stored no result for, whose value goalsheet computed (see
    /// [`formula`]): the value is in `rows` like any stored one.
    pub computed: HashSet<(u32, u32)>,
    /// Formula cells the file stored no result for and goalsheet could not compute, with
    /// the reason: their value is unknown (the cell reads as empty, never as 0).
    pub uncomputed: HashMap<(u32, u32), formula::NotComputed>,
    /// Number cells shown as percentages (`0%`, `0.0%` formats): `0.35` reads as `35%`.
    pub percent_cells: HashSet<(u32, u32)>,
    pub merges: Vec<Merge>,
    /// False for CSV (whose exports lose merges: blank group cells are filled down instead).
    pub has_merge_info: bool,
    /// How the original shows the sheet (cell styles, column widths, row heights): read for
    /// xlsx/xlsm; `None` where the input carries no formats (CSV) or they are not read.
    pub look: Option<look::SheetLook>,
    /// (row, col) → top-left cell of the merge covering it (only for covered, non-anchor cells).
    merge_anchor: HashMap<(u32, u32), (u32, u32)>,
    /// The widest row's length, computed once.
    width: u32,
}

impl Sheet {
    pub fn new(
        name: String,
        rows: Vec<Vec<CellValue>>,
        merges: Vec<Merge>,
        has_merge_info: bool,
    ) -> Sheet {
        let mut merge_anchor = HashMap::new();
        for m in &merges {
            for r in m.first_row..=m.last_row {
                for c in m.first_col..=m.last_col {
                    if (r, c) != (m.first_row, m.first_col) {
                        merge_anchor.insert((r, c), (m.first_row, m.first_col));
                    }
                }
            }
        }
        let width = rows.iter().map(Vec::len).max().unwrap_or(0).max(
            merges
                .iter()
                .map(|m| m.last_col as usize + 1)
                .max()
                .unwrap_or(0),
        ) as u32;
        Sheet {
            name,
            rows,
            formulas: HashMap::new(),
            computed: HashSet::new(),
            uncomputed: HashMap::new(),
            percent_cells: HashSet::new(),
            merges,
            has_merge_info,
            look: None,
            merge_anchor,
            width,
        }
    }
    pub fn height(&self) -> u32 {
        self.rows.len() as u32
    }
    /// Columns in use (the widest row, or the rightmost merge).
    pub fn width(&self) -> u32 {
        self.width
    }
    /// The cell as stored (a covered cell of a merge is empty).
    pub fn raw(&self, row: u32, col: u32) -> &CellValue {
        static EMPTY: CellValue = CellValue::Empty;
        self.rows
            .get(row as usize)
            .and_then(|r| r.get(col as usize))
            .unwrap_or(&EMPTY)
    }
    /// The cell's value with merged regions applied: a covered cell shows its anchor's value.
    pub fn value(&self, row: u32, col: u32) -> &CellValue {
        match self.merge_anchor.get(&(row, col)) {
            Some(&(r, c)) => self.raw(r, c),
            None => self.raw(row, col),
        }
    }
    /// Whether the cell (its merge anchor, if covered) is a number shown as a percentage.
    pub fn is_percent(&self, row: u32, col: u32) -> bool {
        let at = self.merged_from(row, col).unwrap_or((row, col));
        self.percent_cells.contains(&at)
    }
    /// The cell's value as the spreadsheet shows it, so far as it matters for reading a
    /// plan: a percentage-formatted `0.35` is `35%`; everything else as [`CellValue::display`].
    pub fn display(&self, row: u32, col: u32) -> String {
        match self.value(row, col) {
            CellValue::Number(n) if self.is_percent(row, col) => {
                format!("{}%", format_number(n * 100.0))
            }
            other => other.display(),
        }
    }
    /// Why the cell (its merge anchor, if covered) has no value: a formula the file stored
    /// no result for and goalsheet could not compute.
    pub fn not_computed(&self, row: u32, col: u32) -> Option<&formula::NotComputed> {
        if self.uncomputed.is_empty() {
            return None;
        }
        let at = self.merged_from(row, col).unwrap_or((row, col));
        self.uncomputed.get(&at)
    }
    /// Put a computed formula result into an empty cell (or, with [`CellValue::Empty`], only
    /// make the rows reach it: a formula whose result is unknown); false (nothing changed) when the
    /// cell lies beyond Excel's grid or the sheet would pass [`MAX_WORKBOOK_CELLS`]. `held`
    /// is the number of cells the rows hold (their lengths added), kept up to date.
    pub(crate) fn set_computed(
        &mut self,
        row: u32,
        col: u32,
        value: CellValue,
        held: &mut usize,
    ) -> bool {
        if row >= EXCEL_ROWS || col >= EXCEL_COLS {
            return false;
        }
        let (r, c) = (row as usize, col as usize);
        let row_len = self.rows.get(r).map_or(0, Vec::len);
        if c >= row_len {
            let grown = *held + (c + 1 - row_len);
            if grown > MAX_WORKBOOK_CELLS {
                return false;
            }
            *held = grown;
        }
        if r >= self.rows.len() {
            self.rows.resize_with(r + 1, Vec::new);
        }
        let Some(cells) = self.rows.get_mut(r) else {
            return false;
        };
        if c >= cells.len() {
            cells.resize(c + 1, CellValue::Empty);
        }
        if let Some(cell) = cells.get_mut(c) {
            *cell = value;
        }
        self.width = self.width.max(col + 1);
        true
    }
    /// The anchor of the merge covering this cell, when it is a covered (non-anchor) cell.
    pub fn merged_from(&self, row: u32, col: u32) -> Option<(u32, u32)> {
        self.merge_anchor.get(&(row, col)).copied()
    }
    /// The merge anchored at this cell, if any.
    pub fn merge_at(&self, row: u32, col: u32) -> Option<&Merge> {
        self.merges
            .iter()
            .find(|m| m.first_row == row && m.first_col == col)
    }
}

/// The kind of file read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Xlsx,
    Xlsb,
    Xls,
    Ods,
    Csv,
}

impl Format {
    /// The format a path's extension names.
    pub fn from_path(path: &Path) -> Option<Format> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        Some(match ext.as_str() {
            "xlsx" | "xlsm" => Format::Xlsx,
            "xlsb" => Format::Xlsb,
            "xls" => Format::Xls,
            "ods" => Format::Ods,
            "csv" | "tsv" | "txt" => Format::Csv,
            _ => return None,
        })
    }
    pub fn is_zip(self) -> bool {
        matches!(self, Format::Xlsx | Format::Xlsb | Format::Ods)
    }
}

/// What an original workbook holds that a re-written copy does not carry.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct OriginalParts {
    pub charts: usize,
    pub images: usize,
    pub comments: usize,
    pub pivot_tables: usize,
    pub data_validation: bool,
    pub conditional_formatting: bool,
    pub macros: bool,
    /// Cell styles beyond the default (fonts, fills, borders).
    pub styling: bool,
    /// Some xlsx worksheet part may hold a formula (`<f>`); when false the reader skips the
    /// formula pass over the sheets. Always true for formats it is not scanned in.
    pub formulas: bool,
    /// Some xlsx worksheet part may hold merged cells (`<mergeCell`); when false the reader
    /// skips the merge pass.
    pub merges: bool,
}

impl OriginalParts {
    /// What either of two checks of the same archive's parts found.
    fn and(self, other: OriginalParts) -> OriginalParts {
        OriginalParts {
            charts: self.charts + other.charts,
            images: self.images + other.images,
            comments: self.comments + other.comments,
            pivot_tables: self.pivot_tables + other.pivot_tables,
            data_validation: self.data_validation || other.data_validation,
            conditional_formatting: self.conditional_formatting || other.conditional_formatting,
            macros: self.macros || other.macros,
            styling: self.styling || other.styling,
            formulas: self.formulas || other.formulas,
            merges: self.merges || other.merges,
        }
    }
}

/// Every sheet of a file, as read.
#[derive(Debug, Clone)]
pub struct Grid {
    pub path: PathBuf,
    pub format: Format,
    /// The text encoding a CSV was read in (`UTF-8`, `GBK`, `UTF-16LE`, …).
    pub encoding: Option<String>,
    pub sheets: Vec<Sheet>,
    pub parts: OriginalParts,
    /// The workbook's defined names.
    pub defined_names: Vec<DefinedName>,
    /// The delimiter a CSV was split at (sniffed, or declared by a `sep=` first line);
    /// `None` for workbooks. A `;` is evidence of a decimal comma.
    pub delimiter: Option<char>,
    /// The file read, by device and inode (`None` for a grid not read from a file).
    pub source: Option<FileId>,
}

/// A defined name and what it refers to, without `=`: `("Targets", "Goals!$D$2:$D$3")`.
pub type DefinedName = (String, String);

/// Read a file into a [`Grid`]. `encoding` overrides CSV encoding detection.
///
/// # Errors
/// [`Error::Io`] when it cannot be opened, [`Error::Empty`], [`Error::UnsupportedFormat`],
/// [`Error::Corrupt`] when it is not what its name says, [`Error::Encrypted`],
/// [`Error::TooLarge`] for zip bombs, [`Error::UnknownEncoding`].
pub fn read_grid(path: &Path, encoding: Option<&str>) -> Result<Grid> {
    read_file(path, encoding, Look::Read)
}

/// [`read_grid`] without the sheets' look ([`Sheet::look`] stays `None`): for commands that
/// never show the original's cells (`check`). Spares an xlsx a whole pass over every sheet's
/// XML and its styles.
///
/// # Errors
/// As [`read_grid`].
pub fn read_grid_cells(path: &Path, encoding: Option<&str>) -> Result<Grid> {
    read_file(path, encoding, Look::Skip)
}

/// Whether a workbook's look (styles, column widths, row heights) is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Look {
    Read,
    Skip,
}

fn read_file(path: &Path, encoding: Option<&str>, look: Look) -> Result<Grid> {
    let format = Format::from_path(path).ok_or_else(|| Error::UnsupportedFormat {
        path: path.to_path_buf(),
    })?;
    // Opened once and read whole: every later step parses these bytes, so a file swapped
    // for another mid-run is never read as a mix of the two.
    let file = std::fs::File::open(path).map_err(|e| Error::io(path, e))?;
    let meta = file.metadata().map_err(|e| Error::io(path, e))?;
    if meta.is_dir() {
        return Err(Error::io(path, std::io::Error::other("is a directory")));
    }
    let limit = match format {
        Format::Csv => MAX_TEXT_BYTES,
        _ => MAX_WORKBOOK_BYTES,
    };
    if meta.len() > limit {
        return Err(Error::TooLarge {
            path: path.to_path_buf(),
            detail: format!("the file is {} bytes", meta.len()),
            limit,
        });
    }
    // Room for what the file says it holds (at most `limit`, checked above), so a big file is
    // read without growing the buffer; a device or pipe reports no length, and the cap holds
    // while reading too.
    let mut bytes = Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0).saturating_add(1));
    file.take(limit + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| Error::io(path, e))?;
    if bytes.len() as u64 > limit {
        return Err(Error::TooLarge {
            path: path.to_path_buf(),
            detail: "the file is larger than that".into(),
            limit,
        });
    }
    let mut grid = parse_bytes(path, format, bytes, encoding, look)?;
    grid.source = FileId::of(&meta);
    Ok(grid)
}

/// Read a file's bytes into a [`Grid`], with no file system: the browser's and any caller's
/// entry that already holds the file. `name` is the file's name (its extension picks the
/// format, as [`read_grid`]'s path does) and is what error messages show; `encoding`
/// overrides CSV encoding detection. The same size caps as [`read_grid`] apply
/// ([`MAX_TEXT_BYTES`] for text, [`MAX_WORKBOOK_BYTES`] for workbooks).
///
/// # Errors
/// As [`read_grid`], less [`Error::Io`].
pub fn read_bytes(name: &str, bytes: Vec<u8>, encoding: Option<&str>) -> Result<Grid> {
    let path = Path::new(name);
    let format = Format::from_path(path).ok_or_else(|| Error::UnsupportedFormat {
        path: path.to_path_buf(),
    })?;
    let limit = match format {
        Format::Csv => MAX_TEXT_BYTES,
        _ => MAX_WORKBOOK_BYTES,
    };
    if bytes.len() as u64 > limit {
        return Err(Error::TooLarge {
            path: path.to_path_buf(),
            detail: format!("the file is {} bytes", bytes.len()),
            limit,
        });
    }
    parse_bytes(path, format, bytes, encoding, Look::Read)
}

/// The byte-parsing half shared by [`read_grid`] and [`read_bytes`]: empty files refused,
/// then text or workbook parsing by `format`.
fn parse_bytes(
    path: &Path,
    format: Format,
    bytes: Vec<u8>,
    encoding: Option<&str>,
    look: Look,
) -> Result<Grid> {
    if bytes.is_empty() {
        return Err(Error::Empty {
            path: path.to_path_buf(),
        });
    }
    match format {
        Format::Csv => read_text(path, bytes, encoding),
        _ => read_workbook(path, format, &bytes, look),
    }
}

const OLE_MAGIC: [u8; 8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

fn sniff_magic(path: &Path, bytes: &[u8]) -> Result<[u8; 8]> {
    let mut head = [0u8; 8];
    let n = bytes.len().min(8);
    head[..n].copy_from_slice(&bytes[..n]);
    if n < 4 {
        return Err(Error::Corrupt {
            path: path.to_path_buf(),
            expected: "spreadsheet",
            detail: "the file is too short".into(),
        });
    }
    Ok(head)
}

fn read_workbook(path: &Path, format: Format, bytes: &[u8], look: Look) -> Result<Grid> {
    read_workbook_split(path, format, bytes, look, split::Policy::here())
}

/// [`read_workbook`] with big xlsx worksheets read in halves as `split` says.
fn read_workbook_split(
    path: &Path,
    format: Format,
    bytes: &[u8],
    look: Look,
    split: split::Policy,
) -> Result<Grid> {
    let head = sniff_magic(path, bytes)?;
    let corrupt = |expected: &'static str, detail: String| Error::Corrupt {
        path: path.to_path_buf(),
        expected,
        detail,
    };
    let is_zip = head.starts_with(b"PK\x03\x04");
    let is_ole = head == OLE_MAGIC;
    let expected = match format {
        Format::Xlsx => "xlsx",
        Format::Xlsb => "xlsb",
        Format::Xls => "xls",
        Format::Ods => "ods",
        Format::Csv => "csv",
    };
    // Excel saves a password-protected .xlsx as an OLE container holding EncryptedPackage.
    if format.is_zip() && is_ole {
        if ole::is_encrypted(bytes) {
            return Err(Error::Encrypted {
                path: path.to_path_buf(),
            });
        }
        return Err(corrupt(
            expected,
            "it is an old-style OLE file; is it really .xls?".into(),
        ));
    }
    if format.is_zip() && !is_zip {
        return Err(corrupt(expected, "it is not a zip archive".into()));
    }
    if format == Format::Xls && !is_ole {
        return Err(corrupt(
            expected,
            "it is not an Excel 97-2003 (OLE) file".into(),
        ));
    }
    // An xlsx's or xlsb's worksheets (most of its bytes) are checked while calamine opens the
    // workbook, which reads only parts checked before (shared strings, styles, the sheet
    // list) — when the package keeps its workbook where Excel does; an ods's cells are read
    // as it opens, so all of it is checked first, as is a package that moves its workbook.
    let workbook_parts = archive::WorkbookParts::of(bytes);
    let sheets_beside_open =
        matches!(format, Format::Xlsx | Format::Xlsb) && workbook_parts.where_excel_keeps_it();
    // A big xlsx worksheet is kept as unpacked by its check, to be read in halves at once —
    // where its look is read too (a review): the look reader then uses the same bytes, and
    // the review's memory peaks later, while writing. Reading cells only (check, rollup),
    // the unpacked part and its copies would raise the peak by twice the part (~100 MB at
    // 100,000 goals) for ~0.09 s.
    let keep_from = if format == Format::Xlsx && look == Look::Read {
        split.min_part_bytes
    } else {
        u64::MAX
    };
    let (parts, kept) = if sheets_beside_open {
        match check_archive(
            path,
            expected,
            bytes,
            PartsToUnpack::AllButWorksheets,
            usize::MAX,
            &workbook_parts,
            u64::MAX,
        ) {
            Ok((parts, _)) => (parts, Vec::new()),
            // The error is the first part that fails in the archive's order, as one pass
            // over it would report: a worksheet before the one refused, if one fails.
            Err(refused) => {
                let earlier = check_archive(
                    path,
                    expected,
                    bytes,
                    PartsToUnpack::Worksheets,
                    refused.at,
                    &workbook_parts,
                    u64::MAX,
                );
                return Err(earlier.err().unwrap_or(refused).error);
            }
        }
    } else if format.is_zip() {
        check_archive(
            path,
            expected,
            bytes,
            PartsToUnpack::All,
            usize::MAX,
            &workbook_parts,
            keep_from,
        )
        .map_err(|refused| refused.error)?
    } else {
        ole::check_xls_grid(path, bytes)?;
        let parts = OriginalParts {
            formulas: true,
            merges: true,
            ..OriginalParts::default()
        };
        (parts, Vec::new())
    };

    // calamine indexes into records without checking their length, so a damaged part can
    // panic inside it; that is bad input like any other, not a crash.
    let damaged = || corrupt(expected, "part of it is damaged and cannot be read".into());
    let open = || {
        std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            as_spreadsheet_reader(|| open_workbook(path, format, expected, bytes))
        }))
    };
    let (sheet_parts, workbook) = if sheets_beside_open {
        crate::par::join(
            || {
                check_archive(
                    path,
                    expected,
                    bytes,
                    PartsToUnpack::Worksheets,
                    usize::MAX,
                    &workbook_parts,
                    keep_from,
                )
                .map_err(|refused| refused.error)
            },
            open,
        )
    } else {
        (Ok((OriginalParts::default(), kept)), open())
    };
    // A worksheet that fails its check is the error, whatever calamine made of the rest.
    let (sheet_parts, kept) = sheet_parts?;
    let parts = parts.and(sheet_parts);
    let workbook = workbook.map_err(|_| damaged())??;
    let sheets = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        as_spreadsheet_reader(|| {
            let kept = split::Kept {
                parts: &kept,
                first_share_percent: split.first_share_percent,
            };
            read_sheets(path, expected, bytes, &parts, kept, look, workbook)
        })
    }));
    drop(kept);
    let (mut sheets, defined_names) = sheets.map_err(|_| damaged())??;
    formula::compute_uncached(&mut sheets, &defined_names);
    Ok(Grid {
        path: path.to_path_buf(),
        format,
        encoding: None,
        sheets,
        parts,
        defined_names,
        delimiter: None,
        source: None,
    })
}

thread_local! {
    static IN_SPREADSHEET_READER: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// An XML name without its namespace prefix (`x:row` → `row`): after its first `:`, as
/// quick-xml's `local_name` takes it. For the byte-level scans of a part that do not parse it.
fn local_name(name: &[u8]) -> &[u8] {
    match memchr::memchr(b':', name) {
        Some(colon) => &name[colon + 1..],
        None => name,
    }
}

/// Run `f` with this thread marked as inside calamine ([`in_spreadsheet_reader`]), restoring
/// the mark after, also when `f` panics. Called on every thread that runs calamine: the
/// cells may be read on a worker thread while this one reads the look.
fn as_spreadsheet_reader<T>(f: impl FnOnce() -> T) -> T {
    struct Restore(bool);
    impl Drop for Restore {
        fn drop(&mut self) {
            IN_SPREADSHEET_READER.with(|flag| flag.set(self.0));
        }
    }
    let _restore = Restore(IN_SPREADSHEET_READER.with(|flag| flag.replace(true)));
    f()
}

/// True while this thread is inside calamine, whose panics [`read_grid`] turns into
/// [`Error::Corrupt`]. A panic hook can stay quiet then: the error says what went wrong.
pub fn in_spreadsheet_reader() -> bool {
    IN_SPREADSHEET_READER.with(|flag| flag.get())
}

/// The workbook opened by calamine: its sheet list, shared strings and styles read, no cells
/// yet.
fn open_workbook<'a>(
    path: &Path,
    format: Format,
    expected: &'static str,
    bytes: &'a [u8],
) -> Result<calamine::Sheets<std::io::Cursor<&'a [u8]>>> {
    let data = std::io::Cursor::new(bytes);
    let opened = match format {
        Format::Xlsx => calamine::open_workbook_from_rs(data.clone())
            .map(calamine::Sheets::Xlsx)
            .map_err(calamine::Error::from),
        Format::Xlsb => calamine::open_workbook_from_rs(data.clone())
            .map(calamine::Sheets::Xlsb)
            .map_err(calamine::Error::from),
        Format::Xls => calamine::open_workbook_from_rs(data.clone())
            .map(calamine::Sheets::Xls)
            .map_err(calamine::Error::from),
        Format::Ods | Format::Csv => calamine::open_workbook_from_rs(data.clone())
            .map(calamine::Sheets::Ods)
            .map_err(calamine::Error::from),
    };
    opened.map_err(|e| calamine_error(path, expected, e))
}

/// Every sheet of a workbook through calamine (cells, merged regions, formulas), and the
/// workbook's defined names. An xlsx's formula and merge passes run only when `parts` saw a
/// formula or a merge in some worksheet part: each pass parses every sheet's XML again.
fn read_sheets(
    path: &Path,
    expected: &'static str,
    bytes: &[u8],
    parts: &OriginalParts,
    kept: split::Kept,
    look: Look,
    mut workbook: calamine::Sheets<std::io::Cursor<&[u8]>>,
) -> Result<(Vec<Sheet>, Vec<DefinedName>)> {
    // How an xlsx or ods looks (styles, widths, heights; calamine does not report it) is read
    // from the same bytes while calamine reads the cells: at once where there are threads.
    // Whichever thread runs calamine is marked as in it: its panics are bad input (see above).
    let look_of = match workbook {
        _ if look == Look::Skip => None,
        calamine::Sheets::Xlsx(_) => Some(Format::Xlsx),
        calamine::Sheets::Ods(_) => Some(Format::Ods),
        _ => None,
    };
    let (cells, mut looks) = crate::par::join(
        || {
            as_spreadsheet_reader(|| {
                let styled = look_of == Some(Format::Xlsx);
                read_sheet_cells(path, expected, bytes, parts, &mut workbook, styled, kept)
            })
        },
        || read_looks(look_of, bytes, kept.parts),
    );
    let (mut sheets, defined_names) = cells?;
    for sheet in &mut sheets {
        // An xlsx's cell styles came with its cells (calamine's pass), unless the look reader
        // read them from the part itself (a style attribute calamine reads otherwise); the
        // rest of its look from the parts. A sheet whose look could not be read keeps none.
        let styled = sheet.look.take().map(|l| l.cells).unwrap_or_default();
        sheet.look = looks.remove(&sheet.name).map(|mut look| {
            if look.has_styles() && look.cells.is_empty() {
                look.cells = styled;
            }
            look
        });
    }
    Ok((sheets, defined_names))
}

/// How the sheets of an xlsx (`Some(Format::Xlsx)`) or ods look, by sheet name. A part that
/// cannot be parsed leaves the sheets without their look, not the plan unread.
fn read_looks(
    format: Option<Format>,
    bytes: &[u8],
    kept: &[archive::UnpackedPart],
) -> HashMap<String, look::SheetLook> {
    let data = std::io::Cursor::new(bytes);
    match format {
        Some(Format::Xlsx) => look::read_xlsx(data, kept).unwrap_or_default(),
        // An ods: its column widths only.
        Some(Format::Ods) => ods_look::column_widths(data)
            .unwrap_or_default()
            .into_iter()
            .filter(|(_, columns)| !columns.is_empty())
            .map(|(name, columns)| {
                let look = look::SheetLook {
                    columns,
                    ..Default::default()
                };
                (name, look)
            })
            .collect(),
        _ => HashMap::new(),
    }
}

/// Every sheet's cells, formulas, merges and percentage cells through calamine, and the
/// workbook's defined names. With `styled`, an xlsx sheet's cell styles too (met in the same
/// pass, as [`look::SheetLook::cells`] in the sheet's `look`; the rest of the look is
/// [`read_looks`]').
fn read_sheet_cells(
    path: &Path,
    expected: &'static str,
    bytes: &[u8],
    parts: &OriginalParts,
    workbook: &mut calamine::Sheets<std::io::Cursor<&[u8]>>,
    styled: bool,
    kept: split::Kept,
) -> Result<(Vec<Sheet>, Vec<DefinedName>)> {
    let corrupt = |detail: String| Error::Corrupt {
        path: path.to_path_buf(),
        expected,
        detail,
    };
    let open = || -> Result<std::io::Cursor<&[u8]>> { Ok(std::io::Cursor::new(bytes)) };
    // calamine reports merged regions for xlsx and xls only; the others are read here, with
    // the percentage cells of an ods.
    let mut ods_sheets = match workbook {
        calamine::Sheets::Ods(_) => {
            ods_extra::read(open()?).map_err(|e| corrupt(format!("content.xml: {e}")))?
        }
        _ => HashMap::new(),
    };
    let mut xlsb_merges = match workbook {
        calamine::Sheets::Xlsb(_) => {
            xlsb_extra::merges(open()?).map_err(|e| corrupt(format!("merged cells: {e}")))?
        }
        _ => HashMap::new(),
    };
    let names = workbook.sheet_names();
    // The part of each sheet, where a part was kept to be read in halves.
    let split_parts: HashMap<String, String> = if kept.parts.is_empty() {
        HashMap::new()
    } else {
        zip::ZipArchive::new(std::io::Cursor::new(bytes))
            .ok()
            .and_then(|mut zip| look::sheet_parts(&mut zip).ok())
            .unwrap_or_default()
            .into_iter()
            .collect()
    };
    let mut sheets = Vec::with_capacity(names.len());
    // Rows and cells of every sheet so far: the cap is over the whole workbook.
    let mut used = 0usize;
    for name in names {
        let too_large = || Error::TooManyCells {
            path: path.to_path_buf(),
            sheet: name.clone(),
            limit: MAX_WORKBOOK_CELLS,
        };
        let refused = |e: CellRefused| match e {
            CellRefused::TooMany => too_large(),
            CellRefused::OffGrid(row, col) => corrupt(format!(
                "sheet `{name}` has a cell at row {}, column {}, beyond Excel's {EXCEL_ROWS} rows \
                 and {EXCEL_COLS} columns",
                u64::from(row) + 1,
                u64::from(col) + 1
            )),
        };
        let calamine_err = |e: calamine::Error| calamine_error(path, expected, e);
        let mut cells = SparseRows {
            rows: Vec::new(),
            used,
            last_len: 0,
        };
        let mut formulas = HashMap::new();
        // Excel formats are read cell by cell: calamine's ranges are dense rectangles, and one
        // stray value in XFD1048576 would ask for 17 billion cells.
        let mut percent_cells = HashSet::new();
        let mut styles = look::StyledCells::default();
        match &mut *workbook {
            calamine::Sheets::Xlsx(x) => {
                // Formulas first: an empty formula cell (no stored result) keeps its
                // percentage style for the result computed later.
                if parts.formulas {
                    let mut reader = x
                        .worksheet_cells_reader(&name)
                        .map_err(|e| calamine_err(e.into()))?;
                    while let Ok(Some(c)) = reader.next_formula() {
                        note_formula(&mut formulas, c.get_position(), c.get_value());
                    }
                }
                let halves = split_parts
                    .get(&name)
                    .and_then(|part| Some((part.as_str(), kept.halves(part)?)));
                let read = xlsx_cells::read(x, &name, bytes, halves, &formulas, styled, used)
                    .map_err(|failed| match failed {
                        xlsx_cells::Failed::Calamine(e) => calamine_err(e.into()),
                        xlsx_cells::Failed::Refused(e) => refused(e),
                    })?;
                cells = read.cells;
                percent_cells = read.percent_cells;
                styles = read.styles;
            }
            calamine::Sheets::Xlsb(x) => {
                let mut reader = x
                    .worksheet_cells_reader(&name)
                    .map_err(|e| calamine_err(e.into()))?;
                cells
                    .put_all(|send| {
                        while let Some(c) =
                            reader.next_cell().map_err(|e| calamine_err(e.into()))?
                        {
                            if !send((c.get_position(), c.get_value().clone())) {
                                break;
                            }
                        }
                        Ok(())
                    })?
                    .map_err(refused)?;
                drop(reader);
                let mut reader = x
                    .worksheet_cells_reader(&name)
                    .map_err(|e| calamine_err(e.into()))?;
                // A formula calamine cannot parse is kept as its value only.
                while let Ok(Some(c)) = reader.next_formula() {
                    note_formula(&mut formulas, c.get_position(), c.get_value());
                }
            }
            other => {
                let range = other.worksheet_range(&name).map_err(calamine_err)?;
                let (r0, c0) = range.start().unwrap_or((0, 0));
                for (r, c, d) in range.used_cells() {
                    cells
                        .put((r0 + r as u32, c0 + c as u32), d.clone())
                        .map_err(refused)?;
                }
                if let Ok(range) = other.worksheet_formula(&name) {
                    let (r0, c0) = range.start().unwrap_or((0, 0));
                    for (r, c, f) in range.used_cells() {
                        note_formula(&mut formulas, (r0 + r as u32, c0 + c as u32), f);
                    }
                }
            }
        }
        let SparseRows {
            rows, used: now, ..
        } = cells;
        used = now;
        let from_dimensions = |merges: Vec<calamine::Dimensions>| -> Vec<Merge> {
            merges
                .into_iter()
                .map(|d| Merge {
                    first_row: d.start.0,
                    first_col: d.start.1,
                    last_row: d.end.0,
                    last_col: d.end.1,
                })
                .collect()
        };
        let (merges, has_merge_info) = match &mut *workbook {
            calamine::Sheets::Xlsx(_) if !parts.merges => (Vec::new(), true),
            calamine::Sheets::Xlsx(x) => (
                from_dimensions(
                    x.merge_cells_by_sheet_name(&name)
                        .map_err(|e| corrupt(e.to_string()))?,
                ),
                true,
            ),
            calamine::Sheets::Xls(x) => (
                from_dimensions(
                    x.merge_cells_by_sheet_name(&name)
                        .map_err(|e| corrupt(e.to_string()))?,
                ),
                true,
            ),
            calamine::Sheets::Ods(_) => {
                let ods = ods_sheets.remove(&name).unwrap_or_default();
                percent_cells = ods.percent_cells;
                (ods.merges, true)
            }
            calamine::Sheets::Xlsb(_) => (xlsb_merges.remove(&name).unwrap_or_default(), true),
        };
        let merges = clip_merges(merges.into_iter(), &rows);
        // Each covered cell of a merge is indexed: it counts like a cell.
        let covered: u64 = merges.iter().map(Merge::cells).sum();
        used = used.saturating_add(usize::try_from(covered).unwrap_or(usize::MAX));
        if used > MAX_WORKBOOK_CELLS {
            return Err(too_large());
        }
        let mut sheet = Sheet::new(name.clone(), rows, merges, has_merge_info);
        sheet.formulas = formulas;
        sheet.percent_cells = percent_cells;
        if styled {
            styles.finish();
            sheet.look = Some(look::SheetLook {
                cells: styles,
                ..look::SheetLook::default()
            });
        }
        sheets.push(sheet);
    }
    Ok((sheets, workbook.defined_names().to_vec()))
}

fn calamine_error(path: &Path, expected: &'static str, e: calamine::Error) -> Error {
    let text = e.to_string();
    if text.to_lowercase().contains("password") {
        return Error::Encrypted {
            path: path.to_path_buf(),
        };
    }
    Error::Corrupt {
        path: path.to_path_buf(),
        expected,
        detail: text,
    }
}

/// Rows built from cells in any order, each only as long as its last value.
struct SparseRows {
    rows: Vec<Vec<CellValue>>,
    /// Rows and cells of the workbook so far (this sheet's and the sheets before it).
    used: usize,
    /// The length of the row last grown: the next row is most likely as long, and gets that
    /// room at once instead of doubling its way there (which left up to twice the room).
    last_len: usize,
}

/// Excel's grid: no valid workbook has a cell beyond it.
pub const EXCEL_ROWS: u32 = 1_048_576;
pub const EXCEL_COLS: u32 = 16_384;

/// Why [`SparseRows::put`] refused a cell.
enum CellRefused {
    /// The workbook would grow past [`MAX_WORKBOOK_CELLS`] rows and cells.
    TooMany,
    /// The cell lies beyond Excel's grid: its position is damaged.
    OffGrid(u32, u32),
}

impl SparseRows {
    /// Store every cell `read` sends (position, value), in order, on another core where there
    /// are threads: calamine's parsing and the storing (the value made our own: a shared
    /// string copied) each take real time on a big sheet.
    /// `send` answers `false` after a cell is refused: `read` should stop then.
    ///
    /// Returns `read`'s own result, and inside it the refusal of the first cell refused —
    /// which came before anything `read` failed on after it, as it would one cell at a time.
    fn put_all<V, E>(
        &mut self,
        read: impl FnOnce(
            &mut (dyn FnMut(((u32, u32), V)) -> bool + Send),
        ) -> std::result::Result<(), E>,
    ) -> std::result::Result<std::result::Result<(), CellRefused>, E>
    where
        V: Into<Data> + Send,
    {
        let mut refusal = None;
        let read = crate::par::pipe(read, |(at, data): ((u32, u32), V)| {
            match self.put(at, data.into()) {
                Ok(()) => true,
                Err(refused) => {
                    refusal = Some(refused);
                    false
                }
            }
        });
        match refusal {
            Some(refused) => Ok(Err(refused)),
            None => read.map(Ok),
        }
    }

    /// Add `later`, a sheet's rows from row `from` on stored apart (as their own
    /// `SparseRows`, counted from no rows and no cells), below these rows, which all lie
    /// above row `from`: the rows and the count are those storing each of `later`'s cells
    /// here would give. `false`, and nothing added, when the count would pass
    /// [`MAX_WORKBOOK_CELLS`] (storing them one by one would have refused a cell) or the
    /// rows are not where said.
    fn append_below(&mut self, from: u32, mut later: SparseRows) -> bool {
        let from = from as usize;
        if later.rows.is_empty() {
            return true;
        }
        if self.rows.len() > from || later.rows.len() <= from {
            return false;
        }
        // Rows count once, as the longer list; cells in either count as they are.
        let used = self
            .used
            .saturating_sub(self.rows.len())
            .saturating_add(later.used);
        if used > MAX_WORKBOOK_CELLS {
            return false;
        }
        self.rows.resize_with(from, Vec::new);
        self.rows.extend(later.rows.drain(from..));
        self.used = used;
        self.last_len = later.last_len;
        true
    }

    /// Store a cell.
    fn put(&mut self, (row, col): (u32, u32), data: Data) -> Result<(), CellRefused> {
        let value = convert(data);
        if value.is_empty() {
            return Ok(());
        }
        if row >= EXCEL_ROWS || col >= EXCEL_COLS {
            return Err(CellRefused::OffGrid(row, col));
        }
        let (row, col) = (row as usize, col as usize);
        if row >= self.rows.len() {
            // An empty row costs memory too (one far-down value means a million of them).
            self.used += row + 1 - self.rows.len();
            if self.used > MAX_WORKBOOK_CELLS {
                return Err(CellRefused::TooMany);
            }
            self.rows.resize_with(row + 1, Vec::new);
        }
        let Some(cells) = self.rows.get_mut(row) else {
            return Err(CellRefused::TooMany);
        };
        if col >= cells.len() {
            self.used += col + 1 - cells.len();
            if self.used > MAX_WORKBOOK_CELLS {
                return Err(CellRefused::TooMany);
            }
            if cells.capacity() < col + 1 {
                cells.reserve_exact((col + 1).max(self.last_len) - cells.len());
            }
            cells.resize(col + 1, CellValue::Empty);
            self.last_len = col + 1;
        }
        if let Some(cell) = cells.get_mut(col) {
            *cell = value;
        }
        Ok(())
    }
}

/// Merged regions cut to the cells that hold values (rows × widest row): a merge reaching
/// XFD1048576 says nothing about the plan beyond them, and covering it cell by cell would
/// not end. Regions left as one cell, or backwards, are dropped.
fn clip_merges(merges: impl Iterator<Item = Merge>, rows: &[Vec<CellValue>]) -> Vec<Merge> {
    let height = rows.len() as u32;
    let width = rows.iter().map(Vec::len).max().unwrap_or(0) as u32;
    merges
        .filter(|m| m.first_row < height && m.first_col < width)
        .map(|m| Merge {
            last_row: m.last_row.min(height - 1),
            last_col: m.last_col.min(width - 1),
            ..m
        })
        .filter(|m| m.cells() > 1)
        .collect()
}

fn note_formula(formulas: &mut HashMap<(u32, u32), String>, at: (u32, u32), formula: &str) {
    if !formula.is_empty() {
        formulas.insert(at, formula.trim_start_matches('=').to_string());
    }
}

/// Largest date serial (days) converted to a date: past ~1.07e8 calamine's millisecond count
/// overflows, and from ~9.6e7 on no date is held (chrono's ±262,143 years).
const MAX_DATE_SERIAL: f64 = 1e8;

fn convert(d: Data) -> CellValue {
    match d {
        Data::Empty => CellValue::Empty,
        // Moved, not copied: calamine made this string for us.
        Data::String(s) => CellValue::String(s),
        Data::Int(i) => CellValue::Number(i as f64),
        Data::Float(f) => CellValue::Number(f),
        Data::Bool(b) => CellValue::Bool(b),
        // calamine counts a serial's milliseconds in an i64 and panics past it; a serial that
        // large (beyond the ±262,143 years a date holds) is no date anyway, and stays a number.
        Data::DateTime(dt) if dt.as_f64().abs() < MAX_DATE_SERIAL => match dt.as_datetime() {
            Some(t) if dt.is_datetime() => CellValue::Date(t.date()),
            _ => CellValue::Number(dt.as_f64()),
        },
        Data::DateTime(dt) => CellValue::Number(dt.as_f64()),
        Data::DateTimeIso(s) => {
            match chrono::NaiveDate::parse_from_str(s.get(..10).unwrap_or(&s), "%Y-%m-%d") {
                Ok(d) => CellValue::Date(d),
                Err(_) => CellValue::String(s),
            }
        }
        Data::DurationIso(s) => CellValue::String(s),
        Data::Error(e) => CellValue::Error(e.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_date_cell_far_outside_any_date_is_a_number_not_a_panic() {
        use calamine::{ExcelDateTime, ExcelDateTimeType};
        let date = |serial: f64, is_1904: bool| {
            convert(Data::DateTime(ExcelDateTime::new(
                serial,
                ExcelDateTimeType::DateTime,
                is_1904,
            )))
        };
        for serial in [-1e300, 1e300, -1e9, 1e9, 2e8, -1.5e8, f64::INFINITY] {
            for is_1904 in [false, true] {
                assert_eq!(date(serial, is_1904), CellValue::Number(serial));
            }
        }
        assert_eq!(
            date(46_000.0, false),
            CellValue::Date(chrono::NaiveDate::from_ymd_opt(2025, 12, 9).unwrap())
        );
        // Far but still a date chrono holds, as before.
        assert!(matches!(date(9e7, false), CellValue::Date(_)));
        assert!(matches!(
            date(f64::NAN, false),
            CellValue::Date(_) | CellValue::Number(_)
        ));
    }

    #[test]
    fn reading_cells_only_gives_the_same_cells_without_the_look() {
        for name in [
            "plan_zh.xlsx",
            "defects_en.xlsx",
            "formulas_uncached_en.xlsx",
            "plan_zh.ods",
            "plan_en.xlsb",
            "plan_en_1252.csv",
        ] {
            let path = Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("fixtures")
                .join(name);
            let full = read_grid(&path, None).unwrap();
            let cells = read_grid_cells(&path, None).unwrap();
            assert_eq!(full.sheets.len(), cells.sheets.len(), "{name}");
            for (a, b) in full.sheets.iter().zip(&cells.sheets) {
                assert_eq!(a.name, b.name, "{name}");
                assert_eq!(a.rows, b.rows, "{name} {}", a.name);
                assert_eq!(a.formulas, b.formulas, "{name} {}", a.name);
                assert_eq!(a.percent_cells, b.percent_cells, "{name} {}", a.name);
                assert_eq!(a.merges, b.merges, "{name} {}", a.name);
                assert_eq!(a.uncomputed.len(), b.uncomputed.len(), "{name} {}", a.name);
                assert!(b.look.is_none(), "{name} {}: no look read", a.name);
            }
            assert_eq!(full.parts, cells.parts, "{name}");
        }
        let xlsx = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/plan_zh.xlsx");
        assert!(
            read_grid(&xlsx, None)
                .unwrap()
                .sheets
                .iter()
                .any(|s| s.look.is_some()),
            "the full read keeps the look"
        );
    }

    #[test]
    fn percent_formats() {
        for code in ["0%", "0.0%", "#,##0.00%", "0%;[Red]-0%", "[Blue]0.0%"] {
            assert!(xlsx_cells::is_percent_format(code), "{code}");
        }
        for code in [
            "General",
            "0.00",
            "0\"%\"",
            "0\\%",
            "[$%-409]0",
            "yyyy-mm-dd",
            "_(* #,##0_)",
        ] {
            assert!(!xlsx_cells::is_percent_format(code), "{code}");
        }
    }

    #[test]
    fn a_sep_line_declares_the_delimiter_and_is_consumed() {
        assert_eq!(
            declared_delimiter("sep=;\r\na;b\r\n"),
            Some((b';', "a;b\r\n"))
        );
        assert_eq!(
            declared_delimiter("\u{FEFF}sep=,\na,b"),
            Some((b',', "a,b"))
        );
        assert_eq!(declared_delimiter("SEP=|\na|b"), Some((b'|', "a|b")));
        assert_eq!(declared_delimiter("sep=\t\na\tb"), Some((b'\t', "a\tb")));
        assert_eq!(declared_delimiter("\"sep=;\"\na;b"), None);
        assert_eq!(declared_delimiter("sep=x\na"), None);
        assert_eq!(declared_delimiter("sep=;;\na"), None);
        assert_eq!(declared_delimiter("ID;sep=;\na"), None);
    }

    #[test]
    fn sniffs_delimiters() {
        assert_eq!(sniff_delimiter("a,b,c\n1,2,3\n"), b',');
        assert_eq!(sniff_delimiter("a;b;c\n1;\"2,5\";3\n"), b';');
        assert_eq!(sniff_delimiter("a\tb\tc\n1\t2\t3\n"), b'\t');
        assert_eq!(sniff_delimiter("a|b|c\n1|2|3\n"), b'|');
    }

    #[test]
    fn decodes_gbk_utf16_and_1252() {
        let p = Path::new("x.csv");
        let (gbk, _, _) = encoding_rs::GBK.encode("目标,负责人\n销售额,张伟\n");
        let (text, name) = decode_text(p, &gbk, None).unwrap();
        assert_eq!(text, "目标,负责人\n销售额,张伟\n");
        assert_eq!(name, "GBK");
        let mut utf16 = vec![0xFF, 0xFE];
        utf16.extend(
            "Owner\tGoal\r\n"
                .encode_utf16()
                .flat_map(|u| u.to_le_bytes()),
        );
        let (text, name) = decode_text(p, &utf16, None).unwrap();
        assert_eq!(text, "Owner\tGoal\r\n");
        assert_eq!(name, "UTF-16LE");
        let (w, _, _) = encoding_rs::WINDOWS_1252.encode("Owner;Budget\nJosé Müller;€1200\n");
        let (text, name) = decode_text(p, &w, None).unwrap();
        assert!(text.contains("José Müller;€1200"));
        assert_eq!(name, "windows-1252");
        let err = decode_text(p, b"a,b", Some("klingon"))
            .unwrap_err()
            .to_string();
        assert!(err.contains("unknown encoding `klingon`"), "{err}");
    }

    /// [`format_number`] as it was, by exact formatting alone: the reference for the itoa
    /// and ryu paths.
    fn format_number_exactly(n: f64) -> String {
        if n.is_finite() && n == n.trunc() && n.abs() < 1e15 {
            return format!("{}", n as i64);
        }
        let s = format!(
            "{:.*}",
            15usize.saturating_sub(n.abs().log10().ceil().max(0.0) as usize),
            n
        );
        let s = if s.contains('.') {
            s.trim_end_matches('0').trim_end_matches('.').to_string()
        } else {
            s
        };
        if s == "-0" { "0".into() } else { s }
    }

    proptest::proptest! {
        /// Every double, short decimals (as plans write them, and their float noise), tiny
        /// and huge magnitudes: the fast paths write what exact formatting writes.
        #[test]
        fn numbers_format_as_by_exact_formatting(
            bits in proptest::num::u64::ANY,
            cents in -10_000_000i64..10_000_000,
            scale in 0u32..12,
            noise in -4i64..=4,
        ) {
            let any = f64::from_bits(bits);
            let decimal = cents as f64 / 10f64.powi(scale as i32);
            let noisy = f64::from_bits(decimal.to_bits().wrapping_add_signed(noise));
            for x in [any, decimal, noisy, decimal * 1e10, decimal * 1e-9, 1e15 + 0.5, -1e-20] {
                proptest::prop_assert_eq!(format_number(x), format_number_exactly(x), "{:e}", x);
            }
        }

        /// Whole numbers are written by itoa as `format!` writes the integer: signs, zero
        /// and negative zero, and the edge of the 15-digit range.
        #[test]
        fn whole_numbers_format_as_their_integer(
            n in -999_999_999_999_999i64..=999_999_999_999_999,
            small in -100_000i64..100_000,
        ) {
            for x in [n as f64, small as f64, -0.0, 0.0] {
                proptest::prop_assert_eq!(format_number(x), format!("{}", x as i64));
            }
        }
    }

    #[test]
    fn formats_numbers_without_noise() {
        assert_eq!(format_number(1200.0), "1200");
        assert_eq!(format_number(0.35), "0.35");
        assert_eq!(format_number(7.000000000000001), "7");
        assert_eq!(format_number(-2.5), "-2.5");
    }
}
