//! Checks on OLE compound files made before calamine opens them: whether a would-be .xlsx is
//! an encrypted package, and whether an .xls's cells lie on Excel 97-2003's grid.

use std::io::Read;
use std::path::Path;

use super::MAX_PART_BYTES;
use crate::error::{Error, Result};

/// Whether an OLE compound file is an encrypted OOXML package (Excel's password-protected
/// .xlsx): its directory holds `EncryptionInfo` and `EncryptedPackage` streams.
pub(super) fn is_encrypted(bytes: &[u8]) -> bool {
    cfb::CompoundFile::open(std::io::Cursor::new(bytes))
        .is_ok_and(|file| file.exists("EncryptedPackage") || file.exists("EncryptionInfo"))
}

/// Refuse an .xls whose cell records lie outside the 65,536 × 256 grid of Excel 97-2003.
///
/// calamine sizes each sheet from its DIMENSIONS record and its cells' positions before it
/// can report anything, so one damaged column number asks for billions of cells and the
/// process aborts. This walks the BIFF records of the workbook stream first.
pub(super) fn check_xls_grid(path: &Path, bytes: &[u8]) -> Result<()> {
    const MAX_ROWS: u32 = 65_536;
    const MAX_COLS: u32 = 256;
    let damaged = |detail: String| Error::Corrupt {
        path: path.to_path_buf(),
        expected: "xls",
        detail,
    };
    // calamine reads a compound file with a broken sector table regardless, and sizes sheets
    // from whatever bytes it then finds.
    let mut file = cfb::CompoundFile::open(std::io::Cursor::new(bytes))
        .map_err(|e| damaged(format!("its compound-file structure is broken: {e}")))?;
    let Some(name) = ["Workbook", "Book"].into_iter().find(|n| file.is_stream(n)) else {
        return Err(damaged("it holds no Excel workbook stream".into()));
    };
    let mut stream = Vec::new();
    file.open_stream(name)
        .and_then(|s| s.take(MAX_PART_BYTES).read_to_end(&mut stream))
        .map_err(|e| damaged(format!("its workbook stream cannot be read: {e}")))?;
    let u16_at = |data: &[u8], at: usize| {
        data.get(at..at + 2)
            .map_or(0, |b| u32::from(u16::from_le_bytes([b[0], b[1]])))
    };
    let u32_at = |data: &[u8], at: usize| {
        data.get(at..at + 4)
            .map_or(0, |b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    };
    let mut at = 0;
    while let Some(head) = stream.get(at..at + 4) {
        let typ = u16::from_le_bytes([head[0], head[1]]);
        let len = usize::from(u16::from_le_bytes([head[2], head[3]]));
        let data = stream.get(at + 4..at + 4 + len).unwrap_or_default();
        at += 4 + len;
        let cols = match typ {
            // FILEPASS: the rest is encrypted; calamine reports the password.
            0x002F => return Ok(()),
            // DIMENSIONS: first row, last row + 1, first column, last column + 1.
            0x0200 => {
                let (first_row, end_row, end_col) = if data.len() >= 14 {
                    (u32_at(data, 0), u32_at(data, 4), u16_at(data, 10))
                } else {
                    (u16_at(data, 0), u16_at(data, 2), u16_at(data, 6))
                };
                if end_row > MAX_ROWS || first_row > end_row || end_col > MAX_COLS {
                    return Err(damaged(format!(
                        "a sheet declares rows {first_row}..{end_row} and {end_col} columns"
                    )));
                }
                continue;
            }
            // Cell records: row, column, … (MULRK/MULBLANK end with their last column).
            0x0006 | 0x00D6 | 0x00FD | 0x0201 | 0x0203 | 0x0204 | 0x0205 | 0x027E => {
                [u16_at(data, 2), 0]
            }
            0x00BD | 0x00BE => [u16_at(data, 2), u16_at(data, data.len().saturating_sub(2))],
            _ => continue,
        };
        if cols.iter().any(|&c| c >= MAX_COLS) {
            return Err(damaged(format!(
                "a cell lies in column {}, beyond the 256 columns of an .xls sheet",
                cols[0].max(cols[1]) + 1
            )));
        }
    }
    Ok(())
}
