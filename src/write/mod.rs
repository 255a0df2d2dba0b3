//! Writers: text, JSON, CSV and the review workbook. The stages before return data; only
//! these turn it into output.

pub mod atomic;
pub mod convert;
pub mod findings;
pub mod inspect;
pub mod review;
pub mod rollup;
pub mod template;

/// Prefix cells that a spreadsheet would run as formulas (`= + - @`), per DESIGN §8.
pub fn neutralise_formula(cell: &str) -> std::borrow::Cow<'_, str> {
    if cell.starts_with(['=', '+', '-', '@']) {
        std::borrow::Cow::Owned(format!("'{cell}"))
    } else {
        std::borrow::Cow::Borrowed(cell)
    }
}

pub use crate::rules::show::count;

/// Findings counted by severity for a status line: `1 error, 2 warnings, 1 info`.
pub fn findings_count(s: &crate::rules::Summary) -> String {
    format!(
        "{}, {}, {}",
        count(s.errors, "error", "errors"),
        count(s.warnings, "warning", "warnings"),
        count(s.infos, "info", "infos")
    )
}

/// Document properties with a fixed creation time, so the same input gives the same bytes.
pub fn fixed_properties() -> rust_xlsxwriter::DocProperties {
    let created =
        rust_xlsxwriter::ExcelDateTime::from_ymd(2026, 1, 1).expect("2026-01-01 is a valid date");
    rust_xlsxwriter::DocProperties::new()
        .set_creation_datetime(&created)
        .set_author("goalsheet")
}

/// Excel's longest cell text, in UTF-16 units.
pub const MAX_CELL_CHARS: usize = 32_767;
/// Excel's row count.
pub const MAX_ROWS: u32 = 1_048_576;
/// Excel's column count.
pub const MAX_COLS: u32 = 16_384;
/// Excel's longest sheet name.
pub const MAX_SHEET_NAME: usize = 31;

/// A text cut to Excel's cell limit (counted in UTF-16 units, as Excel does); true when cut.
pub fn fit_cell(text: &str) -> (std::borrow::Cow<'_, str>, bool) {
    if text.len() <= MAX_CELL_CHARS {
        return (text.into(), false);
    }
    let mut units = 0;
    for (i, ch) in text.char_indices() {
        units += ch.len_utf16();
        if units > MAX_CELL_CHARS {
            return (text[..i].to_string().into(), true);
        }
    }
    (text.into(), false)
}

/// A valid sheet name (no `[]:*?/\`, not blank, ≤ 31 characters), unique among `used`
/// (case-insensitive, as Excel compares them).
pub fn unique_sheet_name(wanted: &str, used: &[String]) -> String {
    let cleaned: String = wanted
        .chars()
        .map(|c| {
            if matches!(c, '[' | ']' | ':' | '*' | '?' | '/' | '\\') || c.is_control() {
                '_'
            } else {
                c
            }
        })
        .collect();
    let cleaned = cleaned.trim_matches('\'').trim().to_string();
    let base = if cleaned.is_empty() {
        "Sheet".to_string()
    } else {
        cleaned
    };
    // Excel reserves `History` for its change tracking.
    let taken = |n: &str| {
        n.eq_ignore_ascii_case("history")
            || used.iter().any(|u| u.to_lowercase() == n.to_lowercase())
    };
    let first: String = base.chars().take(MAX_SHEET_NAME).collect();
    if !taken(&first) {
        return first;
    }
    let mut k = 2usize;
    loop {
        let suffix = format!(" ({k})");
        let keep = MAX_SHEET_NAME.saturating_sub(suffix.chars().count());
        let candidate = format!("{}{suffix}", base.chars().take(keep).collect::<String>());
        if !taken(&candidate) {
            return candidate;
        }
        k += 1;
    }
}
