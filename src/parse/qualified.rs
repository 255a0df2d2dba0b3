//! Targets written with a qualifier (`≥1200`, `不超过150`, `约500万`, `50万+`) or as a
//! range (`10-15%`, `1000–1500`, `10至15万`).
//!
//! The number is the target; the qualifier says which way it binds (at least, at most,
//! about) and is kept for messages through the cell's raw text. A range is two numbers:
//! which end is the commitment depends on the metric's direction, decided by the model.

use serde::Serialize;

use super::normalize_value_text;
use super::number::{NumberConvention, NumberValue, parse_number_in, strip_prefix_ci};

/// What a qualifier written with a number says about it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Qualifier {
    /// `≥1200` `>=1200` `不低于1200` `至少1200` `1200以上` `50万+` `at least 1,200`.
    AtLeast,
    /// `≤150` `<=150` `不超过150` `不高于150` `150以下` `150以内` `up to 150`.
    AtMost,
    /// `约500万` `~500万` `≈500万` `500万左右` `about 500`.
    About,
}

/// A numeric cell's text read as a target: plain, qualified, or a range.
#[derive(Debug, Clone, PartialEq)]
pub enum Qualified {
    /// No qualifier: the plain reading of [`parse_number_in`] (a number, a marker, blank,
    /// ambiguous or invalid).
    Plain(NumberValue),
    /// A number with a qualifier; `percent` as in [`NumberValue::Number`].
    Bound {
        qualifier: Qualifier,
        value: f64,
        percent: bool,
    },
    /// Two numbers, `low <= high`, as written (`10-15%` is 0.10..0.15 with `percent`;
    /// `10至15万` is 100 000..150 000: a `%`, multiplier or unit after the second number
    /// applies to a bare first one).
    Range { low: f64, high: f64, percent: bool },
}

/// Read a numeric cell's text as a target under the file's convention.
///
/// ```
/// use goalsheet::parse::{parse_qualified, NumberConvention as C, Qualified, Qualifier};
/// assert_eq!(
///     parse_qualified("≥1,200", C::Point),
///     Qualified::Bound { qualifier: Qualifier::AtLeast, value: 1200.0, percent: false }
/// );
/// assert_eq!(
///     parse_qualified("不超过150", C::Point),
///     Qualified::Bound { qualifier: Qualifier::AtMost, value: 150.0, percent: false }
/// );
/// assert_eq!(
///     parse_qualified("10至15万", C::Point),
///     Qualified::Range { low: 100_000.0, high: 150_000.0, percent: false }
/// );
/// ```
pub fn parse_qualified(text: &str, convention: NumberConvention) -> Qualified {
    qualified_with(text, &|t: &str| parse_number_in(t, convention))
}

/// [`parse_qualified`] with the plain reader given (the convention evidence reads each cell
/// under both conventions).
pub(crate) fn qualified_with(text: &str, read: &dyn Fn(&str) -> NumberValue) -> Qualified {
    qualified_by(text, read, true)
}

/// [`qualified_with`]; `shortcut` allows the early answer for digits and marks alone. The
/// tests compare both paths.
fn qualified_by(text: &str, read: &dyn Fn(&str) -> NumberValue, shortcut: bool) -> Qualified {
    let trimmed = text.trim();
    let plain = read(trimmed);
    if plain != NumberValue::Invalid {
        return Qualified::Plain(plain);
    }
    // Digits and marks alone (`12.5.3`, `-1,25`) carry no qualifier word and no range mark
    // (a leading `-` is a sign): nothing more to find.
    let unsigned = trimmed.strip_prefix('-').unwrap_or(trimmed);
    if shortcut
        && unsigned
            .bytes()
            .all(|b| b.is_ascii_digit() || b == b'.' || b == b',')
    {
        return Qualified::Plain(plain);
    }
    // Qualified targets and ranges are short; a long text is not one (and is not searched
    // for range marks, which would take time quadratic in its length).
    if trimmed.chars().count() > MAX_QUALIFIED_CHARS {
        return Qualified::Plain(NumberValue::Invalid);
    }
    let normal = normalize_value_text(trimmed);
    if let Some((qualifier, inner)) = strip_qualifier(&normal) {
        return match read(inner) {
            NumberValue::Number { value, percent } => Qualified::Bound {
                qualifier,
                value,
                percent,
            },
            NumberValue::Ambiguous(_) => Qualified::Plain(NumberValue::Ambiguous(trimmed.into())),
            _ => Qualified::Plain(NumberValue::Invalid),
        };
    }
    match range(&normal, read) {
        Some(Ok((low, high, percent))) => Qualified::Range { low, high, percent },
        Some(Err(())) => Qualified::Plain(NumberValue::Ambiguous(trimmed.into())),
        None => Qualified::Plain(NumberValue::Invalid),
    }
}

/// The longest text read as a qualified target or a range.
const MAX_QUALIFIED_CHARS: usize = 64;

/// Words before the number, matched case-insensitively; the longest match wins.
const PREFIXES: [(&str, Qualifier); 49] = [
    ("≥", Qualifier::AtLeast),
    (">=", Qualifier::AtLeast),
    ("=>", Qualifier::AtLeast),
    (">", Qualifier::AtLeast),
    ("不低于", Qualifier::AtLeast),
    ("不少于", Qualifier::AtLeast),
    ("不小于", Qualifier::AtLeast),
    ("至少", Qualifier::AtLeast),
    ("最少", Qualifier::AtLeast),
    ("最低", Qualifier::AtLeast),
    ("大于等于", Qualifier::AtLeast),
    ("大于", Qualifier::AtLeast),
    ("高于", Qualifier::AtLeast),
    ("超过", Qualifier::AtLeast),
    ("at least", Qualifier::AtLeast),
    ("no less than", Qualifier::AtLeast),
    ("more than", Qualifier::AtLeast),
    ("minimum", Qualifier::AtLeast),
    ("min.", Qualifier::AtLeast),
    ("min", Qualifier::AtLeast),
    ("≤", Qualifier::AtMost),
    ("<=", Qualifier::AtMost),
    ("=<", Qualifier::AtMost),
    ("<", Qualifier::AtMost),
    ("不超过", Qualifier::AtMost),
    ("不高于", Qualifier::AtMost),
    ("不多于", Qualifier::AtMost),
    ("不大于", Qualifier::AtMost),
    ("最多", Qualifier::AtMost),
    ("至多", Qualifier::AtMost),
    ("最高", Qualifier::AtMost),
    ("小于等于", Qualifier::AtMost),
    ("小于", Qualifier::AtMost),
    ("低于", Qualifier::AtMost),
    ("控制在", Qualifier::AtMost),
    ("up to", Qualifier::AtMost),
    ("at most", Qualifier::AtMost),
    ("no more than", Qualifier::AtMost),
    ("maximum", Qualifier::AtMost),
    ("max.", Qualifier::AtMost),
    ("max", Qualifier::AtMost),
    ("约为", Qualifier::About),
    ("大约", Qualifier::About),
    ("约", Qualifier::About),
    ("~", Qualifier::About),
    ("≈", Qualifier::About),
    ("approx.", Qualifier::About),
    ("approx", Qualifier::About),
    ("about", Qualifier::About),
];

/// Words after the number; the longest match wins.
const SUFFIXES: [(&str, Qualifier); 14] = [
    ("及以上", Qualifier::AtLeast),
    ("或以上", Qualifier::AtLeast),
    ("以上", Qualifier::AtLeast),
    ("+", Qualifier::AtLeast),
    ("or more", Qualifier::AtLeast),
    ("and above", Qualifier::AtLeast),
    ("及以下", Qualifier::AtMost),
    ("或以下", Qualifier::AtMost),
    ("以下", Qualifier::AtMost),
    ("以内", Qualifier::AtMost),
    ("or less", Qualifier::AtMost),
    ("and below", Qualifier::AtMost),
    ("左右", Qualifier::About),
    ("上下", Qualifier::About),
];

/// The qualifier of a text and the text without it; `None` without one, or with two that
/// disagree (`≥150以下`).
fn strip_qualifier(text: &str) -> Option<(Qualifier, &str)> {
    let text = text.trim();
    let prefix = PREFIXES
        .iter()
        .filter_map(|(w, q)| strip_prefix_ci(text, w).map(|rest| (w.len(), *q, rest)))
        .max_by_key(|(len, _, _)| *len);
    let rest = prefix.map_or(text, |(_, _, r)| r).trim();
    let suffix = SUFFIXES
        .iter()
        .filter_map(|(w, q)| strip_suffix_ci(rest, w).map(|r| (w.len(), *q, r)))
        .max_by_key(|(len, _, _)| *len);
    let inner = suffix.map_or(rest, |(_, _, r)| r).trim();
    match (prefix.map(|p| p.1), suffix.map(|s| s.1)) {
        (Some(p), Some(s)) if p != s => None,
        (Some(q), _) | (None, Some(q)) => Some((q, inner)),
        (None, None) => None,
    }
}

/// `text` with an ASCII-case-insensitive `suffix` removed.
fn strip_suffix_ci<'a>(text: &'a str, suffix: &str) -> Option<&'a str> {
    let at = text.len().checked_sub(suffix.len())?;
    let tail = text.get(at..)?;
    tail.eq_ignore_ascii_case(suffix).then(|| &text[..at])
}

/// The marks between the two ends of a range.
const RANGE_MARKS: [&str; 8] = ["~", "〜", "–", "—", "至", "到", " to ", "-"];

/// Both ends of a range (`low <= high`, the same `%` on both); `Err` when an end is a
/// numeral the file's convention cannot settle; `None` when the text is not a range.
#[allow(clippy::type_complexity)]
fn range(text: &str, read: &dyn Fn(&str) -> NumberValue) -> Option<Result<(f64, f64, bool), ()>> {
    for mark in RANGE_MARKS {
        for (at, _) in text.match_indices(mark) {
            let (left, right) = (text[..at].trim(), text[at + mark.len()..].trim());
            if left.is_empty() || right.is_empty() {
                continue;
            }
            let (high, high_pct) = match read(right) {
                NumberValue::Number { value, percent } => (value, percent),
                NumberValue::Ambiguous(_) => return Some(Err(())),
                _ => continue,
            };
            let (low, low_pct) = match left_end(left, right, read) {
                NumberValue::Number { value, percent } => (value, percent),
                NumberValue::Ambiguous(_) => return Some(Err(())),
                _ => continue,
            };
            if low_pct == high_pct && low <= high {
                return Some(Ok((low, high, high_pct)));
            }
        }
    }
    None
}

/// The first end of a range: a bare number takes the second end's `%`, multiplier or unit
/// (`10-15%`, `10至15万`); one written in full is read as written (`10%-15%`, `1k-2M`).
fn left_end(left: &str, right: &str, read: &dyn Fn(&str) -> NumberValue) -> NumberValue {
    let tail = right
        .rfind(|c: char| c.is_ascii_digit())
        .map_or("", |at| &right[at + 1..]);
    if left.ends_with(|c: char| c.is_ascii_digit()) && !tail.trim().is_empty() {
        let extended = read(&format!("{left}{tail}"));
        if matches!(
            extended,
            NumberValue::Number { .. } | NumberValue::Ambiguous(_)
        ) {
            return extended;
        }
    }
    read(left)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn q(text: &str) -> Qualified {
        parse_qualified(text, NumberConvention::Point)
    }

    fn bound(qualifier: Qualifier, value: f64) -> Qualified {
        Qualified::Bound {
            qualifier,
            value,
            percent: false,
        }
    }

    #[test]
    fn qualifiers_in_both_languages() {
        use Qualifier::*;
        let cases = [
            ("≥1200", bound(AtLeast, 1200.0)),
            (">=1200", bound(AtLeast, 1200.0)),
            ("＞＝1200", bound(AtLeast, 1200.0)),
            ("≥ 1,200", bound(AtLeast, 1200.0)),
            ("不低于1200", bound(AtLeast, 1200.0)),
            ("至少1200", bound(AtLeast, 1200.0)),
            ("1200以上", bound(AtLeast, 1200.0)),
            ("1200及以上", bound(AtLeast, 1200.0)),
            ("50万+", bound(AtLeast, 500_000.0)),
            ("at least 1,200", bound(AtLeast, 1200.0)),
            ("At Least 1,200", bound(AtLeast, 1200.0)),
            ("1,200 or more", bound(AtLeast, 1200.0)),
            ("≤150", bound(AtMost, 150.0)),
            ("<=150", bound(AtMost, 150.0)),
            ("不超过150", bound(AtMost, 150.0)),
            ("不高于150", bound(AtMost, 150.0)),
            ("150以下", bound(AtMost, 150.0)),
            ("控制在120元以内", bound(AtMost, 120.0)),
            ("up to 150", bound(AtMost, 150.0)),
            ("max 150", bound(AtMost, 150.0)),
            ("约500万", bound(About, 5_000_000.0)),
            ("~500万", bound(About, 5_000_000.0)),
            ("～500万", bound(About, 5_000_000.0)),
            ("500万左右", bound(About, 5_000_000.0)),
            ("about $5k", bound(About, 5000.0)),
        ];
        for (text, want) in cases {
            assert_eq!(q(text), want, "{text}");
        }
        assert_eq!(
            q("≥35%"),
            Qualified::Bound {
                qualifier: AtLeast,
                value: 0.35,
                percent: true
            }
        );
    }

    #[test]
    fn ranges_share_the_second_ends_suffix() {
        let range = |low, high, percent| Qualified::Range { low, high, percent };
        assert_eq!(q("10-15%"), range(0.10, 0.15, true));
        assert_eq!(q("10%~15%"), range(0.10, 0.15, true));
        assert_eq!(q("10%-15%"), range(0.10, 0.15, true));
        assert_eq!(q("10% - 15%"), range(0.10, 0.15, true));
        assert_eq!(q("1000–1500"), range(1000.0, 1500.0, false));
        assert_eq!(q("1,000 to 1,500"), range(1000.0, 1500.0, false));
        assert_eq!(q("10至15万"), range(100_000.0, 150_000.0, false));
        assert_eq!(q("10万到15万"), range(100_000.0, 150_000.0, false));
        assert_eq!(q("$1k-2M"), range(1000.0, 2_000_000.0, false));
        assert_eq!(q("120～150"), range(120.0, 150.0, false));
    }

    #[test]
    fn look_alikes_are_not_qualified_or_ranges() {
        for text in [
            "Top 3",
            "前三",
            "2026-12",
            "2026-12-31",
            "15-10",
            "10%-15",
            "Q1-Q2",
            "约三百万",
            "≥",
            "≥150以下",
            "-",
            &"1-".repeat(5000),
        ] {
            assert!(
                matches!(q(text), Qualified::Plain(_)),
                "{text}: {:?}",
                q(text)
            );
        }
        // Plain numbers stay plain, negatives included.
        assert_eq!(
            q("-5%"),
            Qualified::Plain(NumberValue::Number {
                value: -0.05,
                percent: true
            })
        );
        assert_eq!(
            q("+5"),
            Qualified::Plain(NumberValue::Number {
                value: 5.0,
                percent: false
            })
        );
    }

    #[test]
    fn the_files_convention_reads_qualified_numbers() {
        assert_eq!(
            parse_qualified("≥1.250.000", NumberConvention::Comma),
            bound(Qualifier::AtLeast, 1_250_000.0)
        );
        assert_eq!(
            parse_qualified("3,5-4,5%", NumberConvention::Comma),
            Qualified::Range {
                low: 0.035,
                high: 0.045,
                percent: true
            }
        );
        assert_eq!(
            parse_qualified("≥1.250", NumberConvention::Ambiguous),
            Qualified::Plain(NumberValue::Ambiguous("≥1.250".into()))
        );
        assert_eq!(
            parse_qualified("1.250-2.500", NumberConvention::Ambiguous),
            Qualified::Plain(NumberValue::Ambiguous("1.250-2.500".into()))
        );
    }
}

#[cfg(test)]
mod shortcut_props {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// Texts of digits, marks, signs and the qualifier and range words read the same with
        /// and without the early answer for digits and marks alone.
        #[test]
        fn the_shortcut_agrees_with_the_full_reading(
            text in "[-0-9.,]{0,12}|[-0-9.,~至+ ]{0,12}|(≥|约|>)?[-0-9.,]{1,8}(以上|%|万)?",
        ) {
            for convention in [NumberConvention::Point, NumberConvention::Comma, NumberConvention::Ambiguous] {
                let read = |t: &str| parse_number_in(t, convention);
                prop_assert_eq!(
                    qualified_by(&text, &read, true),
                    qualified_by(&text, &read, false),
                    "{:?} under {:?}", text, convention
                );
            }
        }
    }

    #[test]
    fn digits_and_marks_alone_are_plain() {
        let read = |t: &str| parse_number_in(t, NumberConvention::Comma);
        for text in ["12.5.3", "-1.25", "1,2,3", "-", "1-2", "1.2-1.5"] {
            assert_eq!(
                qualified_by(text, &read, true),
                qualified_by(text, &read, false),
                "{text}"
            );
        }
        assert_eq!(
            qualified_with("1,0-1,5", &read),
            Qualified::Range {
                low: 1.0,
                high: 1.5,
                percent: false
            }
        );
    }
}
