//! parse stage: pure value parsers (numbers, percentages, markers, dates, periods, headers).
//! PLACEHOLDER SIGNATURES — being implemented.

use chrono::NaiveDate;

/// A number read from a cell's text.
#[derive(Debug, Clone, PartialEq)]
pub enum NumberValue {
    /// A number; `percent` when it was written with `%` (then `value` is already a fraction).
    Number { value: f64, percent: bool },
    /// A not-yet-set marker (`待定`, `TBD`, `N/A`, `-`, …), kept as written.
    Marker(String),
    /// Nothing in the cell.
    Blank,
    /// Text that is not a number.
    Invalid,
}

/// Parse the text of a cell as a number.
pub fn parse_number(_text: &str) -> NumberValue {
    todo!()
}

/// Round away binary float noise: 15 significant digits (`7.0000000000000009` → 7).
pub fn round_noise(_x: f64) -> f64 {
    todo!()
}

/// A date, or a period as the span it covers (a single date has `start == end`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct DateSpan {
    pub start: NaiveDate,
    pub end: NaiveDate,
}

/// A date read from a cell's text.
#[derive(Debug, Clone, PartialEq)]
pub enum DateValue {
    Date(DateSpan),
    Marker(String),
    Blank,
    /// A form without a year (`3月31日`, `Q3`) and no plan year was given.
    NeedsYear,
    Invalid,
}

/// Parse a date or period text; year-less forms use `plan_year`.
pub fn parse_date(_text: &str, _plan_year: Option<i32>) -> DateValue {
    todo!()
}

/// The date of an Excel serial number (1900 or 1904 epoch).
pub fn excel_serial_to_date(_serial: f64, _epoch_1904: bool) -> Option<NaiveDate> {
    todo!()
}

/// The year written explicitly in a date text, if any.
pub fn explicit_year(_text: &str) -> Option<i32> {
    todo!()
}

/// The quarter named by a long-layout quarter cell (`Q1`, `一季度`, `2026Q1`, …).
pub fn parse_quarter(_text: &str) -> Option<u8> {
    todo!()
}

/// The year in a sheet title (`2026年营销目标`, `FY2026 Marketing Plan`).
pub fn year_in_title(_text: &str) -> Option<i32> {
    todo!()
}

/// A not-yet-set marker, if the text is one.
pub fn marker(_text: &str) -> Option<&'static str> {
    todo!()
}

/// Full-width to half-width (`１２００` → `1200`, `（` → `(`).
pub fn halfwidth(_text: &str) -> String {
    todo!()
}

/// A header cell's text reduced for matching: half-width, lower case, no spaces or punctuation.
pub fn normalize_header(_text: &str) -> String {
    todo!()
}
