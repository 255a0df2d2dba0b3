//! How an xlsx/xlsm plan looks, which calamine does not report: each cell's style (number
//! format, font, fill, borders, alignment and wrap, from `xl/styles.xml`'s `cellXfs`), the
//! sheet's column widths (`<cols>`) and row heights (`<row ht>`).
//!
//! The parts are read with quick-xml straight from the archive (after the archive's sizes
//! were checked). Nothing read is trusted for allocation: every list grows only with the
//! elements actually present, and each stops at a fixed cap ([`MAX_STYLES`],
//! [`MAX_COLUMN_RANGES`], [`MAX_STYLED_CELLS`]); what lies past a cap keeps the default look.

use std::collections::HashMap;
use std::io::{Read, Seek};
use std::sync::Arc;

use quick_xml::events::{BytesStart, Event};
use quick_xml::{Reader, XmlVersion};

mod sheet;
use sheet::read_sheet;

/// Styles (and fonts, fills, borders, number formats) read at most: Excel itself allows
/// about 64,000 cell formats.
pub const MAX_STYLES: usize = 65_536;
/// `<col>` ranges read at most per sheet (a sheet has 16,384 columns).
pub const MAX_COLUMN_RANGES: usize = 16_384;
/// Styled cells and custom row heights kept at most per sheet.
pub const MAX_STYLED_CELLS: usize = 20_000_000;
/// Excel's grid.
const GRID_ROWS: u32 = 1_048_576;
const GRID_COLS: u32 = 16_384;

/// A cell's number format: one of Excel's built-in formats by id, or a format code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NumberFormat {
    /// A built-in format id (1 = `0`, 3 = `#,##0`, 9 = `0%`, 14 = a short date, …).
    Builtin(u8),
    /// A custom format code such as `"$"#,##0` or `yyyy-mm-dd`.
    Code(String),
}

impl NumberFormat {
    /// The format's code: a custom code as written, a built-in id as Excel's (en-US) code.
    pub fn code(&self) -> &str {
        match self {
            NumberFormat::Code(c) => c,
            NumberFormat::Builtin(id) => builtin_code(*id),
        }
    }
}

/// Excel's built-in number format codes (en-US), by id; General for unknown ids.
pub fn builtin_code(id: u8) -> &'static str {
    match id {
        1 => "0",
        2 => "0.00",
        3 => "#,##0",
        4 => "#,##0.00",
        5 => "($#,##0_);($#,##0)",
        6 => "($#,##0_);[Red]($#,##0)",
        7 => "($#,##0.00_);($#,##0.00)",
        8 => "($#,##0.00_);[Red]($#,##0.00)",
        9 => "0%",
        10 => "0.00%",
        11 => "0.00E+00",
        12 => "# ?/?",
        13 => "# ??/??",
        14 => "m/d/yy",
        15 => "d-mmm-yy",
        16 => "d-mmm",
        17 => "mmm-yy",
        18 => "h:mm AM/PM",
        19 => "h:mm:ss AM/PM",
        20 => "h:mm",
        21 => "h:mm:ss",
        22 => "m/d/yy h:mm",
        37 => "#,##0 ;(#,##0)",
        38 => "#,##0 ;[Red](#,##0)",
        39 => "#,##0.00;(#,##0.00)",
        40 => "#,##0.00;[Red](#,##0.00)",
        45 => "mm:ss",
        46 => "[h]:mm:ss",
        47 => "mmss.0",
        48 => "##0.0E+0",
        49 => "@",
        _ => "General",
    }
}

/// A font as the original gives it; `None` fields keep the workbook's default.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct FontLook {
    pub name: Option<String>,
    /// Points.
    pub size: Option<f64>,
    pub bold: bool,
    pub italic: bool,
    /// `single`, `double`, `singleAccounting`, `doubleAccounting`.
    pub underline: Option<String>,
    pub strike: bool,
    /// RGB.
    pub color: Option<u32>,
}

/// A pattern fill: `solid` with its colour, or another pattern with foreground and background.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct FillLook {
    /// The OOXML pattern name (`solid`, `gray125`, `lightGray`, …).
    pub pattern: String,
    /// RGB of the pattern's foreground (the colour of a solid fill).
    pub fg: Option<u32>,
    /// RGB of the pattern's background.
    pub bg: Option<u32>,
}

/// One side of a cell's border.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct BorderLook {
    /// The OOXML style name (`thin`, `medium`, `double`, …); `None` for no border.
    pub style: Option<String>,
    /// RGB.
    pub color: Option<u32>,
}

/// A cell's alignment.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct AlignLook {
    /// `left`, `center`, `right`, `fill`, `justify`, `centerContinuous`, `distributed`.
    pub horizontal: Option<String>,
    /// `top`, `center`, `bottom`, `justify`, `distributed`.
    pub vertical: Option<String>,
    pub wrap: bool,
    pub shrink: bool,
    pub indent: u8,
    /// Degrees (0–180, or 255 for vertical text).
    pub rotation: i16,
}

/// How one cell looks: what a `cellXfs` entry of `styles.xml` says.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct CellLook {
    /// `None` is General.
    pub num_format: Option<NumberFormat>,
    pub font: FontLook,
    pub fill: Option<FillLook>,
    /// Left, right, top, bottom.
    pub borders: [BorderLook; 4],
    pub align: AlignLook,
}

/// One `<col>` range: its width in Excel's character units (as stored), hidden or not.
#[derive(Debug, Clone, PartialEq)]
pub struct ColumnLook {
    /// First and last column, 0-based, inclusive.
    pub first: u32,
    pub last: u32,
    /// Width as stored in the file (character units, padding included).
    pub width: Option<f64>,
    pub hidden: bool,
}

/// The cells of a sheet whose style is not the default: (row, col, style index), sorted by
/// position — 12 bytes a cell, where a hash map took about 40 (a 100,000-goal plan has 1.6
/// million styled cells).
#[derive(Debug, Clone, Default)]
pub struct StyledCells(Vec<(u32, u32, u32)>);

impl StyledCells {
    /// Add a cell's style; [`StyledCells::finish`] orders them once all are in.
    pub fn push(&mut self, row: u32, col: u32, style: u32) {
        self.0.push((row, col, style));
    }
    /// Add a cell's style as calamine reports it ((row, col), index into `cellXfs`): kept
    /// when it is not the default, inside Excel's grid and under [`MAX_STYLED_CELLS`].
    pub fn note(&mut self, (row, col): (u32, u32), style: usize) {
        if let Ok(style) = u32::try_from(style)
            && style != 0
            && row < GRID_ROWS
            && col < GRID_COLS
            && self.0.len() < MAX_STYLED_CELLS
        {
            self.push(row, col, style);
        }
    }
    /// Add the styles `later` noted, after these, as noting each here would (up to
    /// [`MAX_STYLED_CELLS`]).
    pub fn append(&mut self, later: StyledCells) {
        let room = MAX_STYLED_CELLS.saturating_sub(self.0.len());
        self.0.extend(later.0.into_iter().take(room));
    }
    /// Sort by position (sheets list their cells in order, so this is usually a check only);
    /// of a cell written twice the last style counts, as in a map.
    pub fn finish(&mut self) {
        if !self.0.is_sorted_by_key(|&(r, c, _)| (r, c)) {
            // Stable: a cell's later entry stays after its earlier one.
            self.0.sort_by_key(|&(r, c, _)| (r, c));
        }
        let mut kept: Vec<(u32, u32, u32)> = Vec::with_capacity(self.0.len());
        for cell in self.0.drain(..) {
            match kept.last_mut() {
                Some(last) if (last.0, last.1) == (cell.0, cell.1) => *last = cell,
                _ => kept.push(cell),
            }
        }
        self.0 = kept;
    }
    /// The style index of a cell, 0 (the default) when it has none.
    pub fn get(&self, row: u32, col: u32) -> u32 {
        self.0
            .binary_search_by_key(&(row, col), |&(r, c, _)| (r, c))
            .map_or(0, |i| self.0[i].2)
    }
    /// How many cells have a style of their own.
    pub fn len(&self) -> usize {
        self.0.len()
    }
    /// Whether no cell has a style of its own.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

/// How one sheet looks: styles of its cells, column widths, row heights.
#[derive(Debug, Clone, Default)]
pub struct SheetLook {
    /// The workbook's cell styles (`cellXfs`), shared by its sheets; index 0 is the default.
    pub styles: Arc<Vec<CellLook>>,
    /// (row, col) → index into `styles`, for cells whose style is not the default.
    pub cells: StyledCells,
    pub columns: Vec<ColumnLook>,
    /// Row → height in points, for rows with a height of their own.
    pub row_heights: HashMap<u32, f64>,
    /// The sheet's default column width (character units, as stored), when it gives one.
    pub default_col_width: Option<f64>,
}

impl SheetLook {
    /// Whether the look holds cell styles (an xlsx); an ods gives column widths only.
    pub fn has_styles(&self) -> bool {
        !self.styles.is_empty()
    }
    /// The style index of a cell (0 for the default).
    pub fn style_index(&self, row: u32, col: u32) -> u32 {
        self.cells.get(row, col)
    }
    /// The look of a cell.
    pub fn style(&self, row: u32, col: u32) -> Option<&CellLook> {
        self.styles.get(self.style_index(row, col) as usize)
    }
    /// A column's stored width, when the sheet sets one.
    pub fn column_width(&self, col: u32) -> Option<f64> {
        self.columns
            .iter()
            .find(|c| c.first <= col && col <= c.last)
            .and_then(|c| c.width)
    }
    /// Whether the sheet hides a column.
    pub fn column_hidden(&self, col: u32) -> bool {
        self.columns
            .iter()
            .any(|c| c.first <= col && col <= c.last && c.hidden)
    }
}

/// Sheet name → its look, for every worksheet of an xlsx/xlsm package.
pub(super) fn read_xlsx<R: Read + Seek>(
    package: R,
    unpacked: &[super::archive::UnpackedPart],
) -> Result<HashMap<String, SheetLook>, String> {
    let mut zip = zip::ZipArchive::new(package).map_err(|e| e.to_string())?;
    let styles = Arc::new(match part(&mut zip, "xl/styles.xml") {
        Some(xml) => read_styles(&xml)?,
        None => Vec::new(),
    });
    let mut out = HashMap::new();
    for (name, path) in sheet_parts(&mut zip)? {
        // A part the archive check kept unpacked is not unpacked again.
        let unpacked_here;
        let xml = match unpacked.iter().find(|part| part.name == path) {
            Some(part) => &part.xml,
            None => match part(&mut zip, &path) {
                Some(xml) => {
                    unpacked_here = xml;
                    &unpacked_here
                }
                None => continue,
            },
        };
        let mut look = read_sheet(xml)?;
        look.styles = Arc::clone(&styles);
        out.insert(name, look);
    }
    Ok(out)
}

/// How many times its packed size a part's bytes are made room for at once: XML packs
/// about tenfold; a part declaring more than this (a lie, or a very repetitive part) grows
/// as it is read instead.
const UNPACKED_PER_PACKED: u64 = 64;

/// A part's bytes (at most [`super::MAX_PART_BYTES`]), `None` when the package lacks it.
fn part<R: Read + Seek>(zip: &mut zip::ZipArchive<R>, name: &str) -> Option<Vec<u8>> {
    let entry = zip.by_name(name).ok()?;
    // Room for the declared size at once (a sheet's 50 MB grown by doubling touched twice
    // the memory and copied it), bounded by what the packed size can plausibly unpack to.
    let room = entry
        .size()
        .min(entry.compressed_size().saturating_mul(UNPACKED_PER_PACKED))
        .min(super::MAX_PART_BYTES);
    let mut bytes = Vec::with_capacity(usize::try_from(room).unwrap_or(0));
    entry
        .take(super::MAX_PART_BYTES)
        .read_to_end(&mut bytes)
        .ok()?;
    Some(bytes)
}

/// (sheet name, part path) from `xl/workbook.xml` and its relationships.
pub(super) fn sheet_parts<R: Read + Seek>(
    zip: &mut zip::ZipArchive<R>,
) -> Result<Vec<(String, String)>, String> {
    let (Some(workbook), Some(rels)) = (
        part(zip, "xl/workbook.xml"),
        part(zip, "xl/_rels/workbook.xml.rels"),
    ) else {
        return Ok(Vec::new());
    };
    let mut targets: HashMap<String, String> = HashMap::new();
    each_start(&rels, |e, _| {
        if e.local_name().as_ref() == "Relationship"
            && let (Some(id), Some(target)) = (attr(e, "Id"), attr(e, "Target"))
        {
            let path = match target.strip_prefix('/') {
                Some(abs) => abs.to_string(),
                None => format!("xl/{target}"),
            };
            targets.insert(id, path);
        }
    })?;
    let mut sheets = Vec::new();
    each_start(&workbook, |e, _| {
        if e.local_name().as_ref() == "sheet"
            && let (Some(name), Some(id)) = (attr(e, "name"), attr(e, "id"))
            && let Some(path) = targets.get(&id)
        {
            sheets.push((name, path.clone()));
        }
    })?;
    Ok(sheets)
}

/// Call `f` on every start (or empty) element, with the names of its open ancestors.
fn each_start(xml: &[u8], mut f: impl FnMut(&BytesStart, &[String])) -> Result<(), String> {
    // Nesting deeper than any real part is not named (a hostile file).
    const MAX_NAMED_DEPTH: usize = 64;
    // Read in place from the part's bytes: no event is copied into a buffer of its own.
    let mut reader = Reader::from_reader(xml);
    // The ancestors' names; a slot is reused for the next element at its depth, so a sheet's
    // million `<c>` elements take no allocation each.
    let mut open: Vec<String> = Vec::new();
    let mut depth = 0usize;
    loop {
        match reader.read_event().map_err(|e| e.to_string())? {
            Event::Start(e) => {
                f(&e, &open[..depth.min(MAX_NAMED_DEPTH)]);
                let name = e.local_name();
                if let Some(slot) = open.get_mut(depth) {
                    slot.clear();
                    slot.push_str(name.as_ref());
                } else if depth < MAX_NAMED_DEPTH {
                    open.push(name.as_ref().to_string());
                }
                depth += 1;
            }
            Event::Empty(e) => f(&e, &open[..depth.min(MAX_NAMED_DEPTH)]),
            Event::End(_) => depth = depth.saturating_sub(1),
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(())
}

/// An attribute's value by its local name (`r:id` and `id` both answer `id`).
fn attr(e: &BytesStart, local: &str) -> Option<String> {
    e.attributes().flatten().find_map(|a| {
        (a.key.local_name().as_ref() == local)
            .then(|| a.normalized_value(XmlVersion::Implicit1_0).ok())
            .flatten()
            .map(|v| v.into_owned())
    })
}

/// A number or flag attribute read from its raw text: no unescaped copy (numbers have no
/// entities) — these are read for every row and cell of a sheet.
fn attr_num<T: std::str::FromStr>(e: &BytesStart, local: &str) -> Option<T> {
    e.attributes()
        .flatten()
        .find(|a| a.key.local_name().as_ref() == local)
        .and_then(|a| a.value.trim().parse().ok())
}

fn attr_bool(e: &BytesStart, local: &str) -> Option<bool> {
    e.attributes()
        .flatten()
        .find(|a| a.key.local_name().as_ref() == local)
        .map(|a| matches!(a.value.trim(), "1" | "true"))
}

/// `xl/styles.xml`'s `cellXfs`, each resolved to its number format, font, fill and border.
fn read_styles(xml: &[u8]) -> Result<Vec<CellLook>, String> {
    let mut num_fmts: HashMap<u32, String> = HashMap::new();
    let mut fonts: Vec<FontLook> = Vec::new();
    let mut fills: Vec<Option<FillLook>> = Vec::new();
    let mut borders: Vec<[BorderLook; 4]> = Vec::new();
    // (numFmtId, fontId, fillId, borderId, alignment)
    let mut xfs: Vec<(u32, usize, usize, usize, AlignLook)> = Vec::new();
    let within = |open: &[String], name: &str| open.iter().any(|o| o == name);
    each_start(xml, |e, open| {
        let name = e.local_name();
        let name = name.as_ref();
        let parent = open.last().map(String::as_str).unwrap_or_default();
        let in_dxfs = within(open, "dxfs");
        match name {
            "numFmt" if !in_dxfs && num_fmts.len() < MAX_STYLES => {
                if let (Some(id), Some(code)) = (attr_num(e, "numFmtId"), attr(e, "formatCode")) {
                    num_fmts.insert(id, code);
                }
            }
            "font" if parent == "fonts" && fonts.len() < MAX_STYLES => {
                fonts.push(FontLook::default())
            }
            "fill" if parent == "fills" && fills.len() < MAX_STYLES => fills.push(None),
            "border" if parent == "borders" && borders.len() < MAX_STYLES => {
                borders.push(Default::default())
            }
            "xf" if parent == "cellXfs" && xfs.len() < MAX_STYLES => xfs.push((
                attr_num(e, "numFmtId").unwrap_or(0),
                attr_num(e, "fontId").unwrap_or(0),
                attr_num(e, "fillId").unwrap_or(0),
                attr_num(e, "borderId").unwrap_or(0),
                AlignLook::default(),
            )),
            "alignment" if within(open, "cellXfs") && parent == "xf" => {
                if let Some(xf) = xfs.last_mut() {
                    xf.4 = AlignLook {
                        horizontal: attr(e, "horizontal").filter(|h| h != "general"),
                        vertical: attr(e, "vertical"),
                        wrap: attr_bool(e, "wrapText").unwrap_or(false),
                        shrink: attr_bool(e, "shrinkToFit").unwrap_or(false),
                        indent: attr_num::<u32>(e, "indent").unwrap_or(0).min(250) as u8,
                        rotation: attr_num::<i32>(e, "textRotation")
                            .unwrap_or(0)
                            .clamp(0, 255) as i16,
                    };
                }
            }
            _ if within(open, "fonts") && parent == "font" => {
                if let Some(font) = fonts.last_mut() {
                    font_part(font, name, e);
                }
            }
            "patternFill" if within(open, "fills") => {
                if let (Some(fill), Some(pattern)) = (fills.last_mut(), attr(e, "patternType"))
                    && pattern != "none"
                {
                    *fill = Some(FillLook {
                        pattern,
                        fg: None,
                        bg: None,
                    });
                }
            }
            "fgColor" | "bgColor" if within(open, "fills") && parent == "patternFill" => {
                if let Some(Some(fill)) = fills.last_mut() {
                    let color = color(e);
                    if name == "fgColor" {
                        fill.fg = color;
                    } else {
                        fill.bg = color;
                    }
                }
            }
            "left" | "right" | "top" | "bottom" | "start" | "end"
                if within(open, "borders") && parent == "border" =>
            {
                if let Some(border) = borders.last_mut() {
                    let side = match name {
                        "left" | "start" => 0,
                        "right" | "end" => 1,
                        "top" => 2,
                        _ => 3,
                    };
                    if let Some(b) = border.get_mut(side) {
                        b.style = attr(e, "style").filter(|s| s != "none");
                    }
                }
            }
            "color" if within(open, "borders") => {
                let side = match open.last().map(String::as_str) {
                    Some("left" | "start") => 0,
                    Some("right" | "end") => 1,
                    Some("top") => 2,
                    Some("bottom") => 3,
                    _ => return,
                };
                if let Some(b) = borders.last_mut().and_then(|b| b.get_mut(side)) {
                    b.color = color(e);
                }
            }
            _ => {}
        }
    })?;
    Ok(xfs
        .into_iter()
        .map(|(num, font, fill, border, align)| CellLook {
            num_format: match num {
                0 => None,
                id => Some(match num_fmts.get(&id) {
                    Some(code) => NumberFormat::Code(code.clone()),
                    None => NumberFormat::Builtin(u8::try_from(id).unwrap_or(0)),
                }),
            }
            .filter(|f| f.code() != "General"),
            font: fonts.get(font).cloned().unwrap_or_default(),
            fill: fills.get(fill).cloned().flatten(),
            borders: borders.get(border).cloned().unwrap_or_default(),
            align,
        })
        .collect())
}

/// One child of a `<font>`: `<b/>`, `<sz val="11"/>`, `<color rgb="FF000000"/>`, …
fn font_part(font: &mut FontLook, name: &str, e: &BytesStart) {
    let on = || attr_bool(e, "val").unwrap_or(true);
    match name {
        "b" => font.bold = on(),
        "i" => font.italic = on(),
        "strike" => font.strike = on(),
        "u" => {
            let v = attr(e, "val").unwrap_or_else(|| "single".into());
            font.underline = (v != "none").then_some(v);
        }
        "sz" => font.size = attr_num::<f64>(e, "val").filter(|s| (1.0..=409.0).contains(s)),
        "name" => font.name = attr(e, "val").filter(|n| !n.is_empty() && n.len() <= 64),
        "color" => font.color = color(e),
        _ => {}
    }
}

/// An RGB colour from `rgb="FFRRGGBB"`, a theme colour (Office's default theme, with its
/// tint) or a legacy palette index; `None` for automatic.
fn color(e: &BytesStart) -> Option<u32> {
    if let Some(rgb) = attr(e, "rgb") {
        let hex = rgb.trim();
        let hex = hex.get(hex.len().saturating_sub(6)..)?;
        return u32::from_str_radix(hex, 16).ok();
    }
    if let Some(theme) = attr_num::<usize>(e, "theme") {
        let base = *THEME.get(theme)?;
        let tint = attr_num::<f64>(e, "tint").unwrap_or(0.0).clamp(-1.0, 1.0);
        return Some(apply_tint(base, tint));
    }
    let index = attr_num::<usize>(e, "indexed")?;
    PALETTE.get(index.checked_sub(8)?).copied()
}

/// Office's default theme colours in SpreadsheetML's order (lt1, dk1, lt2, dk2, accents,
/// links).
const THEME: [u32; 12] = [
    0xFFFFFF, 0x000000, 0xE7E6E6, 0x44546A, 0x4472C4, 0xED7D31, 0xA5A5A5, 0xFFC000, 0x5B9BD5,
    0x70AD47, 0x0563C1, 0x954F72,
];

/// Excel's legacy colour palette, indexes 8–63.
const PALETTE: [u32; 56] = [
    0x000000, 0xFFFFFF, 0xFF0000, 0x00FF00, 0x0000FF, 0xFFFF00, 0xFF00FF, 0x00FFFF, 0x800000,
    0x008000, 0x000080, 0x808000, 0x800080, 0x008080, 0xC0C0C0, 0x808080, 0x9999FF, 0x993366,
    0xFFFFCC, 0xCCFFFF, 0x660066, 0xFF8080, 0x0066CC, 0xCCCCFF, 0x000080, 0xFF00FF, 0xFFFF00,
    0x00FFFF, 0x800080, 0x800000, 0x008080, 0x0000FF, 0x00CCFF, 0xCCFFFF, 0xCCFFCC, 0xFFFF99,
    0x99CCFF, 0xFF99CC, 0xCC99FF, 0xFFCC99, 0x3366FF, 0x33CCCC, 0x99CC00, 0xFFCC00, 0xFF9900,
    0xFF6600, 0x666699, 0x969696, 0x003366, 0x339966, 0x003300, 0x333300, 0x993300, 0x993366,
    0x333399, 0x333333,
];

/// A tint as Excel applies it: towards white (positive) or black (negative), per channel.
fn apply_tint(rgb: u32, tint: f64) -> u32 {
    let channel = |shift: u32| {
        let c = f64::from((rgb >> shift) & 0xFF);
        let t = if tint < 0.0 {
            c * (1.0 + tint)
        } else {
            c + (255.0 - c) * tint
        };
        (t.round().clamp(0.0, 255.0) as u32) << shift
    };
    channel(16) | channel(8) | channel(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    const STYLES: &str = r#"<?xml version="1.0"?>
<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">
<numFmts count="999999999"><numFmt numFmtId="164" formatCode="&quot;$&quot;#,##0"/></numFmts>
<fonts count="2"><font><sz val="11"/><name val="Calibri"/></font>
<font><b/><sz val="12"/><color theme="1"/><name val="Arial"/></font></fonts>
<fills count="3"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill>
<fill><patternFill patternType="solid"><fgColor rgb="FFD9E1F2"/><bgColor indexed="64"/></patternFill></fill></fills>
<borders count="2"><border><left/><right/><top/><bottom/></border>
<border><left style="thin"><color rgb="FF000000"/></left><right/><top/><bottom style="double"/></border></borders>
<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>
<cellXfs count="4"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/>
<xf numFmtId="164" fontId="1" fillId="2" borderId="1" applyNumberFormat="1"><alignment horizontal="center" vertical="top" wrapText="1"/></xf>
<xf numFmtId="3" fontId="0" fillId="0" borderId="0"/></cellXfs>
<dxfs count="1"><dxf><font><b/></font><numFmt numFmtId="200" formatCode="0.0"/></dxf></dxfs>
</styleSheet>"#;

    #[test]
    fn styles_resolve_formats_fonts_fills_borders_alignment() {
        let styles = read_styles(STYLES.as_bytes()).unwrap();
        assert_eq!(styles.len(), 3, "the declared count is not trusted");
        assert_eq!(styles[0].num_format, None);
        assert!(!styles[0].font.bold);
        let s = &styles[1];
        assert_eq!(
            s.num_format.as_ref().map(NumberFormat::code),
            Some("\"$\"#,##0")
        );
        assert!(s.font.bold);
        assert_eq!(s.font.size, Some(12.0));
        assert_eq!(s.font.name.as_deref(), Some("Arial"));
        assert_eq!(s.font.color, Some(0x000000));
        assert_eq!(s.fill.as_ref().and_then(|f| f.fg), Some(0xD9E1F2));
        assert_eq!(s.borders[0].style.as_deref(), Some("thin"));
        assert_eq!(s.borders[3].style.as_deref(), Some("double"));
        assert_eq!(s.borders[1].style, None);
        assert_eq!(s.align.horizontal.as_deref(), Some("center"));
        assert!(s.align.wrap);
        assert_eq!(styles[2].num_format, Some(NumberFormat::Builtin(3)));
        assert_eq!(
            styles[2].num_format.as_ref().map(NumberFormat::code),
            Some("#,##0")
        );
    }

    #[test]
    fn calamines_style_ids_are_kept_when_not_the_default_and_inside_the_grid() {
        let mut cells = StyledCells::default();
        cells.note((1, 1), 3);
        cells.note((1, 2), 0);
        cells.note((GRID_ROWS, 0), 4);
        cells.note((0, GRID_COLS), 4);
        cells.note((2, 0), usize::MAX);
        cells.finish();
        assert_eq!(cells.len(), 1);
        assert_eq!(cells.get(1, 1), 3);
    }

    #[test]
    fn styled_cells_are_found_by_position_whatever_order_they_came_in() {
        let mut cells = StyledCells::default();
        for (row, col, style) in [(3, 1, 7), (0, 2, 4), (3, 0, 5), (0, 2, 9)] {
            cells.push(row, col, style);
        }
        cells.finish();
        assert_eq!(cells.len(), 3, "a cell written twice is one cell");
        assert_eq!(cells.get(0, 2), 9, "the later style counts");
        assert_eq!((cells.get(3, 0), cells.get(3, 1)), (5, 7));
        assert_eq!((cells.get(0, 0), cells.get(9, 9)), (0, 0), "unstyled cells");
    }

    #[test]
    fn tints_lighten_and_darken() {
        assert_eq!(apply_tint(0x000000, 0.5), 0x808080);
        assert_eq!(apply_tint(0xFFFFFF, -0.5), 0x808080);
        assert_eq!(apply_tint(0x4472C4, 0.0), 0x4472C4);
    }
}
