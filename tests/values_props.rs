//! Property tests of the number convention and of qualified targets (DESIGN §2 "Values"):
//! a number written the European way reads back exactly under the convention its file's
//! evidence decides; the same text never reads as a different number cell by cell; a
//! qualifier or a range around any number keeps that number.

use goalsheet::parse::{
    NumberConvention, NumberValue, Qualified, Qualifier, decide_convention, parse_number_in,
    parse_qualified,
};
use proptest::prelude::*;

/// `n` with `sep` between groups of three digits.
fn grouped(n: u64, sep: &str) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push_str(sep);
        }
        out.push(c);
    }
    out
}

/// `int + cents/100` written with the given group separator and decimal mark.
fn written(int: u64, cents: u64, group: &str, decimal: &str) -> String {
    if cents == 0 {
        grouped(int, group)
    } else {
        format!("{}{decimal}{cents:02}", grouped(int, group))
    }
}

fn value_of(n: &NumberValue) -> Option<f64> {
    match n {
        NumberValue::Number { value, .. } => Some(*value),
        _ => None,
    }
}

proptest! {
    /// A European column (`1.250.000`, `48.000,50`) with one value of a million or more or
    /// with cents is read as a decimal comma, and every value reads back exactly.
    #[test]
    fn european_columns_read_back_exactly(
        values in prop::collection::vec((0u64..5_000_000, 0u64..100), 1..12),
        big in 1_000_000u64..900_000_000,
    ) {
        let mut cells: Vec<String> =
            values.iter().map(|&(i, c)| written(i, c, ".", ",")).collect();
        cells.push(written(big, 0, ".", ","));
        let (convention, _) = decide_convention(cells.iter().map(String::as_str), false);
        prop_assert_eq!(convention, NumberConvention::Comma);
        for (cell, &(int, cents)) in cells.iter().zip(&values) {
            let want = int as f64 + cents as f64 / 100.0;
            let got = value_of(&parse_number_in(cell, convention));
            prop_assert_eq!(got, Some(want), "{}", cell);
        }
    }

    /// The same values written the English way decide the decimal point and read back.
    #[test]
    fn english_columns_read_back_exactly(
        values in prop::collection::vec((0u64..5_000_000, 0u64..100), 1..12),
        big in 1_000_000u64..900_000_000,
    ) {
        let mut cells: Vec<String> =
            values.iter().map(|&(i, c)| written(i, c, ",", ".")).collect();
        cells.push(written(big, 0, ",", "."));
        let (convention, _) = decide_convention(cells.iter().map(String::as_str), false);
        prop_assert_eq!(convention, NumberConvention::Point);
        for (cell, &(int, cents)) in cells.iter().zip(&values) {
            let want = int as f64 + cents as f64 / 100.0;
            prop_assert_eq!(value_of(&parse_number_in(cell, convention)), Some(want), "{}", cell);
        }
    }

    /// Under an undecided convention a number is either read the same as under both
    /// conventions or not read at all: never one of two guesses.
    #[test]
    fn an_ambiguous_file_never_guesses(int in 0u64..10_000_000, cents in 0u64..1000, dot in any::<bool>()) {
        let text = if dot { written(int, cents, ".", ",") } else { written(int, cents, ",", ".") };
        let point = value_of(&parse_number_in(&text, NumberConvention::Point));
        let comma = value_of(&parse_number_in(&text, NumberConvention::Comma));
        match parse_number_in(&text, NumberConvention::Ambiguous) {
            NumberValue::Number { value, .. } => {
                prop_assert_eq!(point, Some(value));
                prop_assert_eq!(comma, Some(value));
            }
            NumberValue::Ambiguous(raw) => {
                prop_assert_eq!(raw, text.clone());
                prop_assert!(point != comma, "{}", text);
            }
            other => prop_assert!(point.is_none() && comma.is_none(), "{} {:?}", text, other),
        }
    }

    /// A qualifier before or after any number keeps the number and gives its direction.
    #[test]
    fn qualifiers_keep_the_number(
        int in 1u64..10_000_000,
        which in 0usize..12,
    ) {
        let n = grouped(int, ",");
        let (text, want) = match which {
            0 => (format!("≥{n}"), Qualifier::AtLeast),
            1 => (format!(">= {n}"), Qualifier::AtLeast),
            2 => (format!("不低于{n}"), Qualifier::AtLeast),
            3 => (format!("至少{n}"), Qualifier::AtLeast),
            4 => (format!("{n}以上"), Qualifier::AtLeast),
            5 => (format!("at least {n}"), Qualifier::AtLeast),
            6 => (format!("≤{n}"), Qualifier::AtMost),
            7 => (format!("不超过{n}"), Qualifier::AtMost),
            8 => (format!("{n}以下"), Qualifier::AtMost),
            9 => (format!("up to {n}"), Qualifier::AtMost),
            10 => (format!("约{n}"), Qualifier::About),
            _ => (format!("~{n}"), Qualifier::About),
        };
        prop_assert_eq!(
            parse_qualified(&text, NumberConvention::Point),
            Qualified::Bound { qualifier: want, value: int as f64, percent: false },
            "{}", text
        );
    }

    /// A range of any two ordered numbers reads as both ends; reversed, it is not a range.
    #[test]
    fn ranges_keep_both_ends(a in 0u64..100_000, b in 0u64..100_000, mark in 0usize..5, pct in any::<bool>()) {
        let (low, high) = (a.min(b), a.max(b));
        let sep = ["-", "–", "~", "至", " to "][mark];
        let suffix = if pct { "%" } else { "" };
        let text = format!("{low}{sep}{high}{suffix}");
        let scale = if pct { 100.0 } else { 1.0 };
        let got = parse_qualified(&text, NumberConvention::Point);
        match got {
            Qualified::Range { low: l, high: h, percent } => {
                prop_assert!((l - low as f64 / scale).abs() < 1e-9, "{}", text);
                prop_assert!((h - high as f64 / scale).abs() < 1e-9, "{}", text);
                prop_assert_eq!(percent, pct);
            }
            other => prop_assert!(false, "{} read as {:?}", text, other),
        }
        if low < high {
            let reversed = format!("{high}{sep}{low}{suffix}");
            prop_assert!(
                matches!(parse_qualified(&reversed, NumberConvention::Point), Qualified::Plain(_)),
                "{}", reversed
            );
        }
    }
}
