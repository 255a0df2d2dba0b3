//! Writers: text, JSON, CSV and the review workbook. The stages before return data; only
//! these turn it into output.

pub mod atomic;
pub mod batch;
pub mod convert;
pub mod csv_xlsx;
pub mod findings;
pub mod inspect;
pub mod review;
pub mod rollup;
pub mod streamed;
pub mod template;

/// The byte-order mark every CSV goalsheet writes starts with, so Excel (on Chinese Windows
/// too) reads it as UTF-8.
pub const UTF8_BOM: &str = "\u{feff}";

/// Characters that make a spreadsheet run a cell as a formula, ASCII and full-width.
const FORMULA_STARTS: [char; 8] = ['=', '+', '-', '@', '＝', '＋', '－', '＠'];

/// A text cell made safe for a spreadsheet (formula injection, DESIGN §8): prefixed with `'`
/// when its first character after any whitespace or control characters (tab, CR, NUL, …)
/// is `= + - @` or a full-width `＝ ＋ － ＠`. A plain number (`-5`, `+1,200.5`, `-3%`,
/// `-1e3`) is left as it is: a spreadsheet reads it as the number it is.
///
/// ```
/// use goalsheet::write::neutralise_formula;
/// assert_eq!(neutralise_formula("=1+2"), "'=1+2");
/// assert_eq!(neutralise_formula("\t @SUM(A1)"), "'\t @SUM(A1)");
/// assert_eq!(neutralise_formula("＝HYPERLINK(\"x\")"), "'＝HYPERLINK(\"x\")");
/// assert_eq!(neutralise_formula("-5"), "-5");
/// assert_eq!(neutralise_formula("-5 是负数"), "'-5 是负数");
/// assert_eq!(neutralise_formula("Sales"), "Sales");
/// ```
pub fn neutralise_formula(cell: &str) -> std::borrow::Cow<'_, str> {
    let first = cell.chars().find(|c| !c.is_whitespace() && !c.is_control());
    match first {
        Some(c) if FORMULA_STARTS.contains(&c) && !is_plain_number(cell) => {
            std::borrow::Cow::Owned(format!("'{cell}"))
        }
        _ => std::borrow::Cow::Borrowed(cell),
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

/// Whether a text is only a number as a spreadsheet types it: an optional sign, digits with
/// thousands separators and a decimal mark (`.` or `,`, either convention), an optional
/// exponent, an optional `%`. Such a text cannot run as a formula.
fn is_plain_number(text: &str) -> bool {
    let t = text.trim_matches(|c: char| c.is_whitespace() || c.is_control());
    let t = t.strip_prefix(['+', '-']).unwrap_or(t);
    let t = t.strip_suffix('%').unwrap_or(t);
    let (mantissa, exponent) = match t.find(['e', 'E']) {
        Some(at) => (&t[..at], Some(&t[at + 1..])),
        None => (t, None),
    };
    let mantissa_ok = mantissa.starts_with(|c: char| c.is_ascii_digit())
        && mantissa
            .chars()
            .all(|c| c.is_ascii_digit() || c == ',' || c == '.');
    let exponent_ok = exponent.is_none_or(|e| {
        let e = e.strip_prefix(['+', '-']).unwrap_or(e);
        !e.is_empty() && e.chars().all(|c| c.is_ascii_digit())
    });
    mantissa_ok && exponent_ok
}

/// A text made safe to print on a terminal: control characters (ESC, NUL, CR, …) and the
/// bidirectional overrides are shown escaped (`\u{1b}`), never sent raw, so a cell holding
/// `ESC[2J` cannot clear the screen. Line feeds are kept when `keep_lines` (whole reports);
/// a single field escapes them too, so it stays on its line.
///
/// ```
/// use goalsheet::write::terminal_safe;
/// assert_eq!(terminal_safe("李\u{1b}[2J娜", false), "李\\u{1b}[2J娜");
/// assert_eq!(terminal_safe("a\0b\nc", false), "a\\u{0}b\\nc");
/// assert_eq!(terminal_safe("a\nb\tc", true), "a\nb\tc");
/// ```
pub fn terminal_safe(text: &str, keep_lines: bool) -> std::borrow::Cow<'_, str> {
    let unsafe_char = |c: char| {
        (c.is_control() && !(keep_lines && (c == '\n' || c == '\t')))
            || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
    };
    if !text.chars().any(unsafe_char) {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if unsafe_char(c) {
            out.extend(c.escape_default());
        } else {
            out.push(c);
        }
    }
    std::borrow::Cow::Owned(out)
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

/// The longest note (comment) text rust_xlsxwriter writes, in UTF-16 units: Excel's cell
/// limit less the 54 it keeps for an author's name, even when none is shown.
pub const MAX_NOTE_CHARS: usize = MAX_CELL_CHARS - 54;

/// A text cut to Excel's cell limit (counted in UTF-16 units, as Excel does); true when cut.
pub fn fit_cell(text: &str) -> (std::borrow::Cow<'_, str>, bool) {
    fit_units(text, MAX_CELL_CHARS)
}

/// A text cut to a note's limit ([`MAX_NOTE_CHARS`]); true when cut.
pub fn fit_note(text: &str) -> (std::borrow::Cow<'_, str>, bool) {
    fit_units(text, MAX_NOTE_CHARS)
}

/// `text` cut to at most `max` UTF-16 units, at a character boundary; true when cut.
fn fit_units(text: &str, max: usize) -> (std::borrow::Cow<'_, str>, bool) {
    // A UTF-8 text has at least as many bytes as UTF-16 units.
    if text.len() <= max {
        return (text.into(), false);
    }
    let mut units = 0;
    for (i, ch) in text.char_indices() {
        units += ch.len_utf16();
        if units > max {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formula_starts_are_prefixed_after_whitespace_and_control_characters() {
        for cell in [
            "=1+2",
            "+cmd|' /C calc'!A0",
            "-2+3",
            "@SUM(A1:A3)",
            "\t=1+2",
            "\r=1+2",
            " \t\r\n@x",
            "\u{0}=1",
            "\u{1b}=1",
            "＝1+2",
            "＋1",
            "－1",
            "＠SUM(A1)",
            "\u{3000}=全角空格后",
            "-5 是负数",
            "-",
            "--5",
            "-.5e",
        ] {
            assert_eq!(neutralise_formula(cell), format!("'{cell}"), "{cell:?}");
        }
    }

    #[test]
    fn numbers_and_ordinary_text_are_left_alone() {
        for cell in [
            "-5",
            "+5",
            "-1,200.50",
            "-3%",
            "-1e3",
            "+2.5E-4",
            " -5 ",
            "\t-7",
            "12.5",
            "Sales",
            "销售额",
            "a=b",
            "",
            "   ",
        ] {
            assert_eq!(neutralise_formula(cell), cell, "{cell:?}");
        }
    }
}
