//! Numbers: one cell's text as a number, under the file's number convention.
//!
//! The convention (which of `.` and `,` is the decimal mark) is decided once per file by
//! [`super::convention`]; here it is only applied. Accepted forms are listed on
//! [`parse_number`].

use serde::Serialize;

use super::{marker, normalize_value_text, round_noise};

/// A number read from a cell's text.
#[derive(Debug, Clone, PartialEq)]
pub enum NumberValue {
    /// A number; `percent` when it was written with `%` (then `value` is already a fraction).
    Number { value: f64, percent: bool },
    /// A not-yet-set marker (`待定`, `TBD`, `N/A`, `-`, …), kept as written.
    Marker(String),
    /// Nothing in the cell.
    Blank,
    /// A numeral the file's convention cannot settle (`1.250` is 1250 with a decimal comma
    /// and 1.25 with a decimal point) in a file whose convention is
    /// [`NumberConvention::Ambiguous`]: not read, kept as written.
    Ambiguous(String),
    /// Text that is not a number.
    Invalid,
}

/// Which mark is the decimal mark in a file's numbers: decided once per file from the
/// evidence of all its number cells (see [`super::convention::decide_convention`]).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum NumberConvention {
    /// `1,250,000.50`: `.` is the decimal mark, `,` (or a space) groups thousands. The
    /// default: English and Chinese sheets, and files with no evidence either way.
    #[default]
    Point,
    /// `1.250.000,50`: `,` is the decimal mark, `.` (or a space) groups thousands, as in
    /// exports from a German, French, Spanish or Italian Excel.
    Comma,
    /// The file's values could be read either way (`1.250` and `2,500`, nothing else): a
    /// numeral the two conventions read differently is [`NumberValue::Ambiguous`].
    Ambiguous,
}

impl NumberConvention {
    /// A name for reports: `point`, `comma`, `ambiguous`.
    pub fn name(self) -> &'static str {
        match self {
            NumberConvention::Point => "point",
            NumberConvention::Comma => "comma",
            NumberConvention::Ambiguous => "ambiguous",
        }
    }

    /// How the convention writes one million and a half, for reports.
    pub fn example(self) -> &'static str {
        match self {
            NumberConvention::Point => "1,000,000.5",
            NumberConvention::Comma => "1.000.000,5",
            NumberConvention::Ambiguous => "1.250 / 2,500 undecided",
        }
    }
}

/// The decimal mark of a settled convention.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Mark {
    Point,
    Comma,
}

/// Parse the text of a cell as a number, with a decimal point (the default convention);
/// see [`parse_number_in`] for the forms.
///
/// ```
/// use goalsheet::parse::{parse_number, NumberValue};
/// assert_eq!(parse_number("¥50万"), NumberValue::Number { value: 500_000.0, percent: false });
/// assert_eq!(parse_number("35 %"), NumberValue::Number { value: 0.35, percent: true });
/// assert_eq!(parse_number("(1,200)"), NumberValue::Number { value: -1200.0, percent: false });
/// assert_eq!(parse_number("TBD"), NumberValue::Marker("TBD".into()));
/// ```
pub fn parse_number(text: &str) -> NumberValue {
    parse_number_in(text, NumberConvention::Point)
}

/// Parse the text of a cell as a number under the file's [`NumberConvention`].
///
/// Accepted, around a decimal number (with the convention's decimal mark; optionally with
/// thousands separators in groups of three — `,` `，` or spaces with a decimal point, `.` or
/// spaces with a decimal comma — and an optional exponent `1e5`):
/// - full-width forms (`１２００`, `１，２００．５`, `３５％`);
/// - a sign `-` `−` `+`, or accounting parentheses `(500)` for a negative;
/// - one currency, before (`¥ ￥ $ € £ RMB CNY USD EUR 人民币`) or after (also `元 美元`);
/// - one multiplier after the number: `万 w W` 1e4, `亿` 1e8, `千 k K` 1e3, `M m mn` 1e6,
///   `B bn` 1e9, `百万` 1e6, `千万` 1e7, `万亿` 1e12 (`50万元`, `1.2M`, `¥50万`);
/// - one unit word after the number (`1000人`, `5万人`: 元 块 个 人 次 篇 条 家 场 单 件 位
///   名 户 点 天 小时 分);
/// - a percent sign: `35%` `35 %` → `Number { value: 0.35, percent: true }`.
///
/// A whole-cell marker (see [`marker`]) gives [`NumberValue::Marker`] with the trimmed text;
/// an empty cell gives [`NumberValue::Blank`]; under [`NumberConvention::Ambiguous`] a
/// numeral the two conventions read differently gives [`NumberValue::Ambiguous`]; anything
/// else that is not a number [`NumberValue::Invalid`]. The value passes through
/// [`round_noise`].
///
/// ```
/// use goalsheet::parse::{parse_number_in, NumberConvention as C, NumberValue as V};
/// let n = |value| V::Number { value, percent: false };
/// assert_eq!(parse_number_in("1.250.000", C::Comma), n(1_250_000.0));
/// assert_eq!(parse_number_in("48.000,50", C::Comma), n(48_000.5));
/// assert_eq!(parse_number_in("3,5%", C::Comma), V::Number { value: 0.035, percent: true });
/// assert_eq!(parse_number_in("280.000", C::Point), n(280.0));
/// assert_eq!(parse_number_in("1.250", C::Ambiguous), V::Ambiguous("1.250".into()));
/// assert_eq!(parse_number_in("1 200", C::Ambiguous), n(1200.0));
/// ```
pub fn parse_number_in(text: &str, convention: NumberConvention) -> NumberValue {
    parse_number_with(text, convention, true)
}

/// [`parse_number_in`]; `shortcut` allows the plain-ASCII path ([`is_plain_ascii_number`]).
/// The tests compare both paths.
fn parse_number_with(text: &str, convention: NumberConvention, shortcut: bool) -> NumberValue {
    let trimmed = text.trim();
    if trimmed.is_empty() {
        return NumberValue::Blank;
    }
    // Most number cells are plain ASCII (`1200`, `3.5`, `$1,200`, `35%`): no marker can be
    // one, and the normal form is the text itself, so neither is worked out (each cost a
    // pass over the text, the normal form a copy too).
    let plain = shortcut && is_plain_ascii_number(trimmed);
    if plain && let Some(value) = bare_numeral(trimmed, convention) {
        return NumberValue::Number {
            value: round_noise(value),
            percent: false,
        };
    }
    if !plain && marker(trimmed).is_some() {
        return NumberValue::Marker(trimmed.to_string());
    }
    let normal = if plain {
        std::borrow::Cow::Borrowed(trimmed)
    } else {
        std::borrow::Cow::Owned(normalize_value_text(trimmed))
    };
    let read =
        |mark| number_core(&normal, mark).map(|(value, percent)| (round_noise(value), percent));
    let found = match convention {
        NumberConvention::Point => read(Mark::Point),
        NumberConvention::Comma => read(Mark::Comma),
        NumberConvention::Ambiguous => match (read(Mark::Point), read(Mark::Comma)) {
            (Some(a), Some(b)) if a == b => Some(a),
            (None, None) => None,
            _ => return NumberValue::Ambiguous(trimmed.to_string()),
        },
    };
    match found {
        Some((value, percent)) => NumberValue::Number { value, percent },
        None => NumberValue::Invalid,
    }
}

/// Whether a trimmed cell text is printable ASCII (spaces allowed) with at least one digit.
/// Such a text is never a [`marker`] (no marker has a digit) and is its own normal form
/// ([`normalize_value_text`] changes only full-width forms, other whitespace and minus
/// signs), so [`parse_number_in`] may read it as it stands.
fn is_plain_ascii_number(text: &str) -> bool {
    let bytes = text.as_bytes();
    bytes.iter().all(|&b| b.is_ascii_graphic() || b == b' ') && bytes.iter().any(u8::is_ascii_digit)
}

/// A cell of digits alone (`1200`), or, under a decimal point, digits, a point and digits
/// (`62.5`): what most number cells hold. Every convention reads such a cell as Rust's
/// parser does (a decimal comma's `.` groups thousands, so `62.5` is left to the full path
/// there), without the scans for signs, currencies, multipliers and units.
fn bare_numeral(text: &str, convention: NumberConvention) -> Option<f64> {
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    match text.split_once('.') {
        None if digits(text) => text.parse().ok(),
        Some((whole, fraction))
            if convention == NumberConvention::Point && digits(whole) && digits(fraction) =>
        {
            text.parse().ok()
        }
        _ => None,
    }
}

const CURRENCY_PREFIXES: [&str; 11] = [
    "人民币",
    "US$",
    "RMB",
    "CNY",
    "USD",
    "EUR",
    "¥",
    "￥",
    "$",
    "€",
    "£",
];
const CURRENCY_SUFFIXES: [&str; 12] = [
    "人民币",
    "美元",
    "元",
    "RMB",
    "CNY",
    "USD",
    "EUR",
    "¥",
    "￥",
    "$",
    "€",
    "£",
];
const UNIT_WORDS: [&str; 17] = [
    "小时", "块", "个", "人", "次", "篇", "条", "家", "场", "单", "件", "位", "名", "户", "点",
    "天", "分",
];
const MULTIPLIERS: [(&str, f64); 19] = [
    ("万亿", 1e12),
    ("百万", 1e6),
    ("千万", 1e7),
    ("万", 1e4),
    ("亿", 1e8),
    ("千", 1e3),
    ("bn", 1e9),
    ("Bn", 1e9),
    ("BN", 1e9),
    ("mn", 1e6),
    ("MN", 1e6),
    ("Mn", 1e6),
    ("w", 1e4),
    ("W", 1e4),
    ("k", 1e3),
    ("K", 1e3),
    ("M", 1e6),
    ("m", 1e6),
    ("B", 1e9),
];

/// `text` with an ASCII-case-insensitive `prefix` removed.
pub(crate) fn strip_prefix_ci<'a>(text: &'a str, prefix: &str) -> Option<&'a str> {
    let head = text.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix)
        .then(|| &text[prefix.len()..])
}

fn strip_any_prefix<'a>(text: &'a str, words: &[&str]) -> Option<&'a str> {
    words.iter().find_map(|w| strip_prefix_ci(text, w))
}

/// The value of a normalized number text and whether it was a percentage.
pub(crate) fn number_core(text: &str, mark: Mark) -> Option<(f64, bool)> {
    let mut rest = text.trim();
    let (mut neg, mut paren, mut sign, mut currency) = (false, false, false, false);
    loop {
        rest = rest.trim_start();
        if let Some(r) = rest.strip_prefix('(') {
            if paren || sign {
                return None;
            }
            (paren, neg, rest) = (true, true, r);
        } else if let Some(r) = rest.strip_prefix('-') {
            if sign || paren {
                return None;
            }
            (sign, neg, rest) = (true, true, r);
        } else if let Some(r) = rest.strip_prefix('+') {
            if sign || paren {
                return None;
            }
            (sign, rest) = (true, r);
        } else if let Some(r) = strip_any_prefix(rest, &CURRENCY_PREFIXES) {
            if currency {
                return None;
            }
            (currency, rest) = (true, r);
        } else {
            break;
        }
    }
    let (digits, rest) = split_numeral(rest);
    let mut value = numeral_value(digits, mark)?;

    let mut rest = rest;
    let (mut mult, mut unit, mut percent, mut closed) = (false, false, false, false);
    loop {
        rest = rest.trim_start();
        if rest.is_empty() {
            break;
        }
        if let Some(r) = rest.strip_prefix(')') {
            if !paren || closed {
                return None;
            }
            (closed, rest) = (true, r);
        } else if let Some(r) = rest.strip_prefix('%') {
            if percent || mult || unit || closed {
                return None;
            }
            (percent, rest) = (true, r);
            value /= 100.0;
        } else if let Some((r, factor)) = MULTIPLIERS
            .iter()
            .find_map(|(w, f)| rest.strip_prefix(w).map(|r| (r, *f)))
        {
            if mult || unit || percent || closed {
                return None;
            }
            (mult, rest) = (true, r);
            value *= factor;
        } else if let Some(r) = strip_any_prefix(rest, &CURRENCY_SUFFIXES) {
            if currency || unit || percent {
                return None;
            }
            (currency, unit, rest) = (true, true, r);
        } else if let Some(r) = strip_any_prefix(rest, &UNIT_WORDS) {
            if unit || percent {
                return None;
            }
            (unit, rest) = (true, r);
        } else {
            return None;
        }
    }
    if paren != closed || !value.is_finite() {
        return None;
    }
    Some((if neg { -value } else { value }, percent))
}

/// Split off the leading numeral: digits with `,` `.` or space separators and an exponent.
/// A separator or `e` is taken only when a digit follows it (a `.` also after a digit:
/// `5.`). Which separator is the decimal mark is [`numeral_value`]'s question.
fn split_numeral(text: &str) -> (&str, &str) {
    let bytes = text.as_bytes();
    let digit_at = |i: usize| bytes.get(i).is_some_and(u8::is_ascii_digit);
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'0'..=b'9' => i += 1,
            b',' | b' ' if i > 0 && digit_at(i + 1) => i += 1,
            b'.' if digit_at(i + 1) || (i > 0 && digit_at(i - 1)) => i += 1,
            b'e' | b'E' if i > 0 => {
                let after_sign = if matches!(bytes.get(i + 1), Some(b'+' | b'-')) {
                    i + 2
                } else {
                    i + 1
                };
                if digit_at(after_sign) {
                    i = after_sign;
                } else {
                    break;
                }
            }
            _ => break,
        }
    }
    text.split_at(i)
}

/// The value of a numeral from [`split_numeral`] with the given decimal mark, checking the
/// grouping: at most one decimal mark, after every group separator.
fn numeral_value(numeral: &str, mark: Mark) -> Option<f64> {
    if numeral.is_empty() {
        return None;
    }
    let (decimal, groups): (char, [char; 2]) = match mark {
        Mark::Point => ('.', [',', ' ']),
        Mark::Comma => (',', ['.', ' ']),
    };
    let (mantissa, exponent) = match numeral.find(['e', 'E']) {
        Some(at) => (&numeral[..at], Some(&numeral[at + 1..])),
        None => (numeral, None),
    };
    let (int, frac) = match mantissa.split_once(decimal) {
        Some((int, frac)) => (int, Some(frac)),
        None => (mantissa, None),
    };
    if frac.is_some_and(|f| !f.bytes().all(|b| b.is_ascii_digit())) {
        return None;
    }
    let int_digits = ungroup(int, groups)?;
    if int_digits.is_empty() && frac.is_none_or(str::is_empty) {
        return None;
    }
    // Without group separators and with a decimal point (or none), the numeral is already
    // what Rust parses (`e` and `E` alike): no copy.
    if int_digits.len() == int.len() && (frac.is_none() || decimal == '.') {
        return numeral.parse::<f64>().ok();
    }
    let mut clean = int_digits.into_owned();
    if let Some(frac) = frac {
        clean.push('.');
        clean.push_str(frac);
    }
    if let Some(exp) = exponent {
        clean.push('e');
        clean.push_str(exp);
    }
    clean.parse::<f64>().ok()
}

/// The digits of an integer part written with one kind of thousands separator from
/// `separators`: a first group of one to three digits (not a lone `0`: `0.125` is never
/// 125), then groups of three.
fn ungroup(int: &str, separators: [char; 2]) -> Option<std::borrow::Cow<'_, str>> {
    let sep = int.chars().find(|c| separators.contains(c));
    let Some(sep) = sep else {
        return int
            .bytes()
            .all(|b| b.is_ascii_digit())
            .then_some(std::borrow::Cow::Borrowed(int));
    };
    let mut digits = String::with_capacity(int.len());
    for (i, group) in int.split(sep).enumerate() {
        let ok_len = if i == 0 {
            (1..=3).contains(&group.len()) && !group.starts_with('0')
        } else {
            group.len() == 3
        };
        if !ok_len || !group.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        digits.push_str(group);
    }
    Some(std::borrow::Cow::Owned(digits))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn num(value: f64) -> NumberValue {
        NumberValue::Number {
            value,
            percent: false,
        }
    }

    fn pct(value: f64) -> NumberValue {
        NumberValue::Number {
            value,
            percent: true,
        }
    }

    #[test]
    fn a_decimal_comma_reads_european_forms() {
        let cases: &[(&str, NumberValue)] = &[
            ("1.250.000", num(1_250_000.0)),
            ("280.000", num(280_000.0)),
            ("48.000,50", num(48_000.5)),
            ("3,5%", pct(0.035)),
            ("3,5 %", pct(0.035)),
            ("0,5", num(0.5)),
            ("1 250 000,75", num(1_250_000.75)),
            ("1\u{00A0}250,5", num(1250.5)),
            ("€ 1.200,00", num(1200.0)),
            ("1.200 €", num(1200.0)),
            ("-1.200,5", num(-1200.5)),
            ("(1.200)", num(-1200.0)),
            ("2,5M", num(2_500_000.0)),
            ("1.250", num(1250.0)),
            ("2,500", num(2.5)),
            ("１．２５０．０００", num(1_250_000.0)),
        ];
        for (text, want) in cases {
            assert_eq!(
                &parse_number_in(text, NumberConvention::Comma),
                want,
                "{text:?}"
            );
        }
        // Not European numbers: a point decimal, bad grouping, two decimal commas.
        for text in ["3.5", "1.25.000", "1,250,000", "1.2500", "0.125", "1,2,3"] {
            assert_eq!(
                parse_number_in(text, NumberConvention::Comma),
                NumberValue::Invalid,
                "{text:?}"
            );
        }
    }

    #[test]
    fn a_decimal_point_reads_as_before() {
        assert_eq!(parse_number("280.000"), num(280.0));
        assert_eq!(parse_number("1,250,000.5"), num(1_250_000.5));
        assert_eq!(parse_number("1.250.000"), NumberValue::Invalid);
        assert_eq!(parse_number("3,5%"), NumberValue::Invalid);
        assert_eq!(parse_number("0,125"), NumberValue::Invalid);
    }

    #[test]
    fn an_ambiguous_file_reads_only_what_both_conventions_agree_on() {
        let amb = |t| parse_number_in(t, NumberConvention::Ambiguous);
        assert_eq!(amb("1200"), num(1200.0));
        assert_eq!(amb("1 200"), num(1200.0));
        assert_eq!(amb("50万"), num(500_000.0));
        assert_eq!(amb("35%"), pct(0.35));
        assert_eq!(amb("TBD"), NumberValue::Marker("TBD".into()));
        assert_eq!(amb(""), NumberValue::Blank);
        assert_eq!(amb("about"), NumberValue::Invalid);
        for text in ["1.250", "2,500", "3.5", "3,5%", "1.250.000", "1,250,000"] {
            assert_eq!(amb(text), NumberValue::Ambiguous(text.into()), "{text:?}");
        }
    }
}

#[cfg(test)]
mod shortcut_props {
    use super::*;
    use proptest::prelude::*;

    const CONVENTIONS: [NumberConvention; 3] = [
        NumberConvention::Point,
        NumberConvention::Comma,
        NumberConvention::Ambiguous,
    ];

    /// [`numeral_value`] as it was, always building the cleaned copy: the reference for the
    /// copy-free path.
    fn numeral_value_by_copy(numeral: &str, mark: Mark) -> Option<f64> {
        let (decimal, groups): (char, [char; 2]) = match mark {
            Mark::Point => ('.', [',', ' ']),
            Mark::Comma => (',', ['.', ' ']),
        };
        let (mantissa, exponent) = match numeral.find(['e', 'E']) {
            Some(at) => (&numeral[..at], Some(&numeral[at + 1..])),
            None => (numeral, None),
        };
        let (int, frac) = match mantissa.split_once(decimal) {
            Some((int, frac)) => (int, Some(frac)),
            None => (mantissa, None),
        };
        if numeral.is_empty() || frac.is_some_and(|f| !f.bytes().all(|b| b.is_ascii_digit())) {
            return None;
        }
        let int_digits = ungroup(int, groups)?;
        if int_digits.is_empty() && frac.is_none_or(str::is_empty) {
            return None;
        }
        let mut clean = int_digits.into_owned();
        if let Some(frac) = frac {
            clean.push('.');
            clean.push_str(frac);
        }
        if let Some(exp) = exponent {
            clean.push('e');
            clean.push_str(exp);
        }
        clean.parse::<f64>().ok()
    }

    /// `text` reads the same through the shortcuts as through the marker check and the normal
    /// form, under every convention.
    fn reads_as_the_full_path(text: &str) -> Result<(), TestCaseError> {
        for convention in CONVENTIONS {
            prop_assert_eq!(
                parse_number_with(text, convention, true),
                parse_number_with(text, convention, false),
                "{:?} under {:?}",
                text,
                convention
            );
        }
        Ok(())
    }

    proptest! {
        /// Plain ASCII cells read the same through the shortcut as through the marker check
        /// and the normal form, under every convention.
        #[test]
        fn plain_ascii_reads_as_the_full_path(
            text in "[ ]?[-+($]?[0-9]{0,7}([.,][0-9]{0,4}){0,3}(e-?[0-9])?[ ]?(%|k|M|万|元|\\)|RMB)?[ ]?",
        ) {
            reads_as_the_full_path(&text)?;
        }

        /// Bare numerals (digits, or digits, a point and digits; leading zeros, long
        /// ones, spaces around) read through `bare_numeral` as through the full path.
        #[test]
        fn bare_numerals_read_as_the_full_path(
            text in "[ ]?[0-9]{1,20}([.][0-9]{1,20})?[ ]?",
        ) {
            reads_as_the_full_path(&text)?;
        }

        /// Any short text, ASCII or not, too.
        #[test]
        fn any_text_reads_as_the_full_path(text in "\\PC{0,10}") {
            reads_as_the_full_path(&text)?;
        }

        /// A numeral without group separators is parsed in place, as its cleaned copy is.
        #[test]
        fn numerals_read_without_a_copy_as_with_one(
            numeral in "[0-9]{0,6}([., ][0-9]{0,4}){0,3}([eE][-+]?[0-9]{1,2})?",
        ) {
            for mark in [Mark::Point, Mark::Comma] {
                prop_assert_eq!(
                    numeral_value(&numeral, mark),
                    numeral_value_by_copy(&numeral, mark),
                    "{:?}", numeral
                );
            }
        }
    }

    #[test]
    fn the_shortcut_takes_plain_ascii_with_a_digit_only() {
        assert!(is_plain_ascii_number("1,200.50"));
        assert!(is_plain_ascii_number("$ 1.2M"));
        assert!(is_plain_ascii_number("35 %"));
        // No digit (markers), full-width forms, other whitespace and minus signs: full path.
        for text in [
            "-",
            "--",
            "N/A",
            "TBD",
            "１２００",
            "1\t200",
            "\u{2212}5",
            "50万",
            "",
        ] {
            assert!(!is_plain_ascii_number(text), "{text:?}");
        }
        assert_eq!(
            parse_number_in("１，２００", NumberConvention::Point),
            NumberValue::Number {
                value: 1200.0,
                percent: false
            }
        );
        assert_eq!(
            parse_number_in(" - ", NumberConvention::Point),
            NumberValue::Marker("-".into())
        );
    }
}
