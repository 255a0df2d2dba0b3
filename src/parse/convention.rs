//! A file's number convention, decided once from the evidence of all its number cells.
//!
//! European Excel writes `1.250.000` for one million two hundred and fifty thousand and
//! `3,5%` for three and a half percent; an English or Chinese sheet writes `1,250,000` and
//! `3.5%`. Read cell by cell, `280.000` would be 280 in one file and 280 000 in the next
//! row; so the choice is made for the whole file, from cells that only one convention can
//! read, from day-first dotted dates (`31.12.2026`) and from a `;` delimiter (`sep=;`).

use serde::Serialize;

use super::number::{Mark, NumberConvention, NumberValue, parse_number_in};
use super::qualified::{Qualified, qualified_with};

/// What a file's cells say about its decimal mark: counts of cells by the reading they
/// allow. Collect with [`ConventionEvidence::add_cell`], decide with
/// [`ConventionEvidence::decide`].
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct ConventionEvidence {
    /// Cells only a decimal point reads: `3.5`, `0.125`, `1,250,000`, `1,250.50`.
    pub point: usize,
    /// Cells only a decimal comma reads (`3,5%`, `1.250.000`, `48.000,50`) and European
    /// dates (`31.12.2026`; in a date column also `12.2026`).
    pub comma: usize,
    /// Cells like `1.250`: 1.25 with a decimal point, 1250 with a decimal comma.
    pub dot_groups: usize,
    /// Cells like `2,500`: 2500 with a decimal point, 2.5 with a decimal comma.
    pub comma_groups: usize,
    /// The file is split at `;` (sniffed, or declared by a `sep=;` first line): Excel
    /// writes CSV that way where the comma is the decimal mark.
    pub semicolon: bool,
}

impl ConventionEvidence {
    /// Count one cell's text: a number (a qualified target or range too) or a date.
    pub fn add_cell(&mut self, text: &str) {
        let text = text.trim();
        if text.is_empty() {
            return;
        }
        if day_first_dotted_date(text) {
            self.comma += 1;
            return;
        }
        // Without a `.` or `,` (half- or full-width) both conventions read the cell alike:
        // no evidence, and no need to parse it twice.
        if !text.contains(['.', ',', '\u{FF0E}', '\u{FF0C}']) {
            return;
        }
        if plain_point_decimal(text) {
            self.point += 1;
            return;
        }
        self.add_parsed(text);
    }

    /// [`ConventionEvidence::add_cell`]'s count for a cell with a mark, from the cell read
    /// with each decimal mark.
    fn add_parsed(&mut self, text: &str) {
        let point = ends(text, Mark::Point);
        let comma = ends(text, Mark::Comma);
        match (point, comma) {
            (Some(p), Some(c)) if p == c => {}
            (Some(_), Some(_)) => {
                if text.contains(['.', '．']) {
                    self.dot_groups += 1;
                } else {
                    self.comma_groups += 1;
                }
            }
            (Some(_), None) => self.point += 1,
            (None, Some(_)) => self.comma += 1,
            (None, None) => {}
        }
    }

    /// Count one cell of a date column: only a European date (`31.12.2026`, `12.2026`) is
    /// evidence there — `2026.12` is a month, not a number with a decimal point.
    pub fn add_date_cell(&mut self, text: &str) {
        let text = text.trim();
        if day_first_dotted_date(text) || month_dotted_year(text) {
            self.comma += 1;
        }
    }

    /// The convention the evidence supports.
    ///
    /// The side with more cells only it can read wins. On a tie (no such cells, or as
    /// many each way) a `;` delimiter decides for the comma; otherwise a file with such
    /// cells on both sides, or with `1.250`-style cells (which a decimal point would read a
    /// thousand times too small), is [`NumberConvention::Ambiguous`]. A file with nothing
    /// to decide, or only `2,500`-style cells, keeps the decimal point.
    ///
    /// ```
    /// use goalsheet::parse::{ConventionEvidence, NumberConvention};
    /// let mut e = ConventionEvidence::default();
    /// for cell in ["1.250.000", "280.000", "3,5%"] {
    ///     e.add_cell(cell);
    /// }
    /// assert_eq!(e.decide(), NumberConvention::Comma);
    /// let mut e = ConventionEvidence::default();
    /// e.add_cell("1.250");
    /// e.add_cell("2,500");
    /// assert_eq!(e.decide(), NumberConvention::Ambiguous);
    /// ```
    pub fn decide(&self) -> NumberConvention {
        use std::cmp::Ordering;
        match self.point.cmp(&self.comma) {
            Ordering::Greater => NumberConvention::Point,
            Ordering::Less => NumberConvention::Comma,
            Ordering::Equal if self.semicolon => NumberConvention::Comma,
            Ordering::Equal if self.point > 0 || self.dot_groups > 0 => NumberConvention::Ambiguous,
            Ordering::Equal => NumberConvention::Point,
        }
    }

    /// A one-line account of the evidence for reports (`3 cells only a decimal comma
    /// reads; ; delimiter`), empty when there was none.
    pub fn summary(&self) -> String {
        let mut parts = Vec::new();
        let mut add = |n: usize, what: &str| {
            if n > 0 {
                parts.push(format!("{n} {what}"));
            }
        };
        add(self.point, "decimal-point only");
        add(self.comma, "decimal-comma only");
        add(self.dot_groups, "like 1.250");
        add(self.comma_groups, "like 2,500");
        if self.semicolon {
            parts.push("; delimiter".into());
        }
        parts.join(", ")
    }
}

/// Decide the convention of a file from the texts of its number and date cells and
/// whether it is `;`-delimited. Returns the evidence too, for reports.
pub fn decide_convention<'a>(
    cells: impl IntoIterator<Item = &'a str>,
    semicolon: bool,
) -> (NumberConvention, ConventionEvidence) {
    let mut evidence = ConventionEvidence {
        semicolon,
        ..ConventionEvidence::default()
    };
    for cell in cells {
        evidence.add_cell(cell);
    }
    (evidence.decide(), evidence)
}

/// The number (or both ends of a range) a text reads as with one decimal mark.
fn ends(text: &str, mark: Mark) -> Option<(f64, f64, bool)> {
    let convention = match mark {
        Mark::Point => NumberConvention::Point,
        Mark::Comma => NumberConvention::Comma,
    };
    match qualified_with(text, &|t: &str| parse_number_in(t, convention)) {
        Qualified::Plain(NumberValue::Number { value, percent }) => Some((value, value, percent)),
        Qualified::Bound { value, percent, .. } => Some((value, value, percent)),
        Qualified::Range { low, high, percent } => Some((low, high, percent)),
        Qualified::Plain(_) => None,
    }
}

/// `57.5`, `0.34`, `1200.2500`: ASCII digits, one point, then one, two, four or more digits.
/// Only a decimal point reads such a cell (a decimal comma's `.` groups exactly three
/// digits), so it is point evidence without parsing it both ways: most decimals a plan
/// holds look like this.
fn plain_point_decimal(text: &str) -> bool {
    let Some((whole, fraction)) = text.split_once('.') else {
        return false;
    };
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    digits(whole) && digits(fraction) && fraction.len() != 3
}

/// `31.12.2026`, `1.4.2026`: day, month, four-digit year, as a European Excel shows dates.
fn day_first_dotted_date(text: &str) -> bool {
    // Exactly three parts, split without collecting: this runs on every number cell.
    let mut parts = text.split('.');
    let (Some(d), Some(m), Some(y), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return false;
    };
    let num = |s: &str, max_len: usize| {
        (!s.is_empty() && s.len() <= max_len && s.bytes().all(|b| b.is_ascii_digit()))
            .then(|| s.parse::<u32>().ok())
            .flatten()
    };
    matches!(
        (num(d, 2), num(m, 2), num(y, 4)),
        (Some(1..=31), Some(1..=12), Some(1000..=9999))
    ) && y.len() == 4
}

/// `12.2026`: month and four-digit year, as a European Excel shows a month.
fn month_dotted_year(text: &str) -> bool {
    let Some((m, y)) = text.split_once('.') else {
        return false;
    };
    (1..=2).contains(&m.len())
        && y.len() == 4
        && m.bytes().chain(y.bytes()).all(|b| b.is_ascii_digit())
        && m.parse::<u32>().is_ok_and(|m| (1..=12).contains(&m))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_without_a_mark_read_alike_under_both_conventions() {
        for text in [
            "1200",
            "1 200",
            "12%",
            "≥ 300",
            "300-500",
            "约300",
            "1e5",
            "-40",
            "(40)",
            "3万",
            "Q4",
            "１２００",
            "１２％",
            "1'200",
            "300~500",
            "TBD",
            "待定",
            "",
            "abc",
            "2026-12-31",
        ] {
            assert_eq!(ends(text, Mark::Point), ends(text, Mark::Comma), "{text:?}");
        }
        // And such cells add nothing.
        let mut e = ConventionEvidence::default();
        for text in ["1200", "1 200", "12%", "约300", "１２００"] {
            e.add_cell(text);
        }
        assert_eq!(
            (e.point, e.comma, e.dot_groups, e.comma_groups),
            (0, 0, 0, 0)
        );
    }

    fn decide(cells: &[&str], semicolon: bool) -> NumberConvention {
        decide_convention(cells.iter().copied(), semicolon).0
    }

    #[test]
    fn comma_evidence_of_each_kind_decides_for_the_comma() {
        use NumberConvention::Comma;
        assert_eq!(decide(&["1.250.000", "280.000"], false), Comma);
        assert_eq!(decide(&["3,5%", "280.000"], false), Comma);
        assert_eq!(decide(&["48.000,50"], false), Comma);
        assert_eq!(decide(&["280.000", "31.12.2026"], false), Comma);
        assert_eq!(decide(&["280.000", "1.250"], true), Comma);
        assert_eq!(decide(&["≥1.250.000", "10-15%"], false), Comma);
        assert_eq!(decide(&["1.200 €", "2,5M"], true), Comma);
    }

    #[test]
    fn point_evidence_of_each_kind_decides_for_the_point() {
        use NumberConvention::Point;
        assert_eq!(decide(&["1,250,000", "280,000"], false), Point);
        assert_eq!(decide(&["3.5%", "1,200"], false), Point);
        assert_eq!(decide(&["1,250.50"], false), Point);
        assert_eq!(decide(&["0.125", "1.250"], false), Point);
        // Only `2,500`-style values: the common thousands comma, nothing to doubt.
        assert_eq!(decide(&["2,500", "1,200", "50万"], false), Point);
        // Nothing to decide at all.
        assert_eq!(decide(&["1200", "50万", "1 200", "待定"], false), Point);
        // More point evidence than a `;` delimiter.
        assert_eq!(decide(&["1,250,000", "3.5%"], true), Point);
        // Dates a Chinese sheet writes with dots are not European evidence.
        assert_eq!(decide(&["2026.12.31", "2026.12", "1,200"], false), Point);
    }

    #[test]
    fn files_that_could_be_read_either_way_are_ambiguous() {
        use NumberConvention::Ambiguous;
        assert_eq!(decide(&["1.250", "2,500"], false), Ambiguous);
        assert_eq!(decide(&["1.250", "280.000"], false), Ambiguous);
        assert_eq!(decide(&["3.5", "3,5"], false), Ambiguous);
    }

    #[test]
    fn date_columns_count_only_european_dates() {
        let mut e = ConventionEvidence::default();
        for d in ["2026.12", "2026.12.31", "2026-12-31", "Q4", "12/31/2026"] {
            e.add_date_cell(d);
        }
        assert_eq!(e, ConventionEvidence::default());
        for d in ["31.12.2026", "12.2026", "1.4.2026"] {
            e.add_date_cell(d);
        }
        assert_eq!(e.comma, 3);
        assert!(!month_dotted_year("13.2026"));
        assert!(!month_dotted_year("2026.12"));
    }

    proptest::proptest! {
        /// The plain-decimal shortcut counts a cell as parsing it with both marks would: a
        /// decimal point only. Decimals of every fraction length (three digits too, which
        /// the shortcut leaves to the parsers), leading zeros, and cells that only look
        /// like one (signs, a second point, full-width digits, spaces, percent signs).
        #[test]
        fn plain_decimals_count_as_their_parsed_readings(
            text in "[0-9]{1,8}\\.[0-9]{1,8}|[-+ 0-9.,%０-９．]{1,10}|0{1,3}\\.[0-9]{0,5}",
        ) {
            let mut fast = ConventionEvidence::default();
            fast.add_cell(&text);
            // add_cell with every marked cell parsed both ways.
            let mut parsed = ConventionEvidence::default();
            let trimmed = text.trim();
            if day_first_dotted_date(trimmed) {
                parsed.comma += 1;
            } else if trimmed.contains(['.', ',', '\u{FF0E}', '\u{FF0C}']) {
                parsed.add_parsed(trimmed);
            }
            proptest::prop_assert_eq!(fast, parsed, "{:?}", text);
        }
    }

    #[test]
    fn plain_decimals_are_point_evidence_without_parsing() {
        for text in ["57.5", "0.34", "2.75", "1200.2500", "00.5"] {
            assert!(plain_point_decimal(text), "{text}");
            let mut e = ConventionEvidence::default();
            e.add_cell(text);
            assert_eq!(e.point, 1, "{text}");
        }
        for text in [
            "1.250", "0.125", "1.2.3", ".5", "5.", "-2.5", "２.５", "1,5", "2.5%",
        ] {
            assert!(!plain_point_decimal(text), "{text}");
        }
    }

    #[test]
    fn dotted_dates_are_recognised_only_day_first() {
        assert!(day_first_dotted_date("31.12.2026"));
        assert!(day_first_dotted_date("1.4.2026"));
        assert!(!day_first_dotted_date("2026.12.31"));
        assert!(!day_first_dotted_date("32.12.2026"));
        assert!(!day_first_dotted_date("31.13.2026"));
        assert!(!day_first_dotted_date("1.250.000"));
    }
}
