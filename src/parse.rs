//! parse stage: pure value parsers (numbers, percentages, markers, dates, periods, headers).
//!
//! Numbers live in `number` (one cell under the file's decimal-mark convention),
//! `convention` (deciding that convention once per file) and `qualified` (targets written
//! with `≥`, `约`, `以上`, or as a range).
//!
//! Every function here is a pure function of its text: no I/O, no panics on any input.
//! DESIGN §2 "Values" lists the forms people write; the choices made where the forms are
//! ambiguous are documented on each function.

use chrono::{Datelike, Month, NaiveDate};

pub mod convention;
mod number;
pub mod qualified;

pub use convention::{ConventionEvidence, decide_convention};
pub use number::{NumberConvention, NumberValue, parse_number, parse_number_in};
pub use qualified::{Qualified, Qualifier, parse_qualified};

/// Round away binary float noise: 15 significant digits (`7.0000000000000009` → 7).
///
/// Zero, infinities and NaN are returned unchanged; so is a value whose rounding would
/// overflow to infinity. The result is within 1e-14 relative of the input, and rounding
/// twice gives the same as rounding once.
///
/// ```
/// use goalsheet::parse::round_noise;
/// assert_eq!(round_noise(0.1 + 0.2), 0.3);
/// assert_eq!(round_noise(7.000_000_000_000_001), 7.0);
/// ```
pub fn round_noise(x: f64) -> f64 {
    if x == 0.0 || !x.is_finite() {
        return x;
    }
    // Whole numbers below 2^53 carry no noise: the common case, without formatting.
    if x.fract() == 0.0 && x.abs() < 9_007_199_254_740_992.0 {
        return x;
    }
    // The nearest double to a decimal of at most 15 significant digits and six decimals
    // (`3.5`, `0.125`, `1234.56`) is what the rounding below gives back: no formatting.
    // (`n / scale` is correctly rounded, so equality says `x` is that nearest double.)
    for scale in [1e1, 1e2, 1e3, 1e4, 1e5, 1e6] {
        let n = (x * scale).round();
        if n.abs() < 1e15 && n / scale == x {
            return x;
        }
    }
    // 15 significant digits in scientific notation, read back. Written into a buffer on
    // the stack: this runs for every fractional number of a plan.
    let mut buf = [0u8; 40];
    let mut out = &mut buf[..];
    if std::io::Write::write_fmt(&mut out, format_args!("{x:.14e}")).is_err() {
        return x;
    }
    let written = 40 - out.len();
    match std::str::from_utf8(&buf[..written]).map(str::parse::<f64>) {
        Ok(Ok(r)) if r.is_finite() => r,
        _ => x,
    }
}

/// A date, or a period as the span it covers (a single date has `start == end`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct DateSpan {
    pub start: NaiveDate,
    pub end: NaiveDate,
}

impl DateSpan {
    /// The span of one day.
    pub fn day(date: NaiveDate) -> Self {
        DateSpan {
            start: date,
            end: date,
        }
    }

    /// The span of a calendar month (`None` when the month or year is out of range).
    pub fn month(year: i32, month: u32) -> Option<Self> {
        let start = NaiveDate::from_ymd_opt(year, month, 1)?;
        Some(DateSpan {
            start,
            end: last_of_month(year, month)?,
        })
    }

    /// The span of quarter `quarter` (1–4) of `year`.
    pub fn quarter(year: i32, quarter: u32) -> Option<Self> {
        if !(1..=4).contains(&quarter) {
            return None;
        }
        let first = quarter * 3 - 2;
        Some(DateSpan {
            start: NaiveDate::from_ymd_opt(year, first, 1)?,
            end: last_of_month(year, first + 2)?,
        })
    }

    /// The span of half `half` (1 or 2) of `year`.
    pub fn half(year: i32, half: u32) -> Option<Self> {
        if !(1..=2).contains(&half) {
            return None;
        }
        let first = half * 6 - 5;
        Some(DateSpan {
            start: NaiveDate::from_ymd_opt(year, first, 1)?,
            end: last_of_month(year, first + 5)?,
        })
    }

    /// The span of a whole calendar year.
    pub fn year(year: i32) -> Option<Self> {
        Some(DateSpan {
            start: NaiveDate::from_ymd_opt(year, 1, 1)?,
            end: NaiveDate::from_ymd_opt(year, 12, 31)?,
        })
    }
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
///
/// Dates (`start == end`):
/// - `2026-03-31` `2026/3/31` `2026.3.31` `20260331`, with a time after it ignored
///   (`2026-3-31 00:00:00`, `2026-03-31T08:00`);
/// - `31/03/2026` `31.03.2026` `31-03-2026` (also with a 2-digit year → 20yy): when the
///   first number is above 12 it is the day; when the second is above 12 it is the day
///   (US `03/31/2026`); when both are at most 12 the first is the **day** (`04/03/2026` is
///   4 March), as in DESIGN's `31/03/2026`;
/// - `Dec 31, 2026` `December 31, 2026` `31-Dec-2026` `31 December 2026` `31-Dec-26`
///   (2-digit years are 20yy), ordinals (`31st`) and a leading weekday are accepted;
/// - `2026年3月31日` (also `号`), and with the plan year `3月31日`, `Dec 31`, `31 Dec`,
///   `3/31` (year-less `a/b` is month/day unless the first number is above 12).
///
/// Deadlines written as "by" (`3月31日前`, `之前`, `以前`) or "end of" (`3月底`, `Q3末`,
/// `年底`, `2026年末`) read as the date or period itself.
///
/// Ranges `A ~ B` (also `～ 〜 至 到 to — –`, `-` with spaces around it, or `-` between
/// forms that have no `-` of their own and are not bare numbers: `3月-5月`, `Q1-Q2`,
/// `2026.3.1-2026.5.31`) are the span from A's start to B's end; a side without a year takes
/// the other's (`2026年3月-5月`, `Mar 1 - Mar 31, 2026`). B must not end before A starts.
///
/// Periods (the span of the period; callers take `.end` as its last day):
/// - months `2026年3月` `2026-03` `2026/03` `03/2026` `Mar 2026` `Mar-26` (Excel's
///   `mmm-yy`), and with the plan year `3月` `三月` `March`;
/// - quarters `Q3` `2026Q3` `2026-Q3` `2026 Q3` `Q3 2026` `Q3/2026` `3Q` `三季度` `第三季度`
///   `第3季度` `3季度` `2026年第三季度` `2026年三季度` `Quarter 3`;
/// - halves `H1` `H2` `2026H1` `1H` `上半年` `下半年` `2026年上半年`;
/// - years `2026年` `2026年度` `FY2026` `FY26` (fiscal years are taken as calendar years) and
///   a bare 4-digit number from 1900 to 2100.
///
/// Markers (see [`marker`]) give [`DateValue::Marker`]; empty text [`DateValue::Blank`]; a
/// year-less form without `plan_year` [`DateValue::NeedsYear`]; anything else, including
/// impossible calendar dates (`2026-02-30`), [`DateValue::Invalid`].
///
/// ```
/// use goalsheet::parse::{parse_date, DateValue};
/// use chrono::NaiveDate;
/// let DateValue::Date(q3) = parse_date("2026年第三季度", None) else { panic!() };
/// assert_eq!(q3.end, NaiveDate::from_ymd_opt(2026, 9, 30).unwrap());
/// assert_eq!(parse_date("Q3", None), DateValue::NeedsYear);
/// ```
pub fn parse_date(text: &str, plan_year: Option<i32>) -> DateValue {
    let trimmed = text.trim();
    if trimmed.is_empty() {
        return DateValue::Blank;
    }
    if marker(trimmed).is_some() {
        return DateValue::Marker(trimmed.to_string());
    }
    // Without a plan year, year-less forms are checked against a leap year (so `2月29日`
    // is accepted) and then reported as needing a year.
    let default_year = plan_year.unwrap_or(2000);
    match date_core(trimmed, default_year) {
        Some(parsed) if parsed.used_default && plan_year.is_none() => DateValue::NeedsYear,
        Some(parsed) => DateValue::Date(parsed.span),
        None => DateValue::Invalid,
    }
}

/// The date of an Excel serial number (1900 or 1904 epoch).
///
/// 1900 system: serial 1 is 1900-01-01. Excel counts a 1900-02-29 that never was (serial
/// 60); it gives `None`, and serials from 61 on are shifted back one day so that they
/// match Excel (61 is 1900-03-01). Serial 0 (Excel's "1900-01-00", a time-only value) is
/// `None` too. 1904 system: serial 0 is 1904-01-01 (1462 days after the 1900 system).
/// The fractional part (the time of day) is ignored. Negative, NaN, infinite serials and
/// dates after 9999-12-31 give `None`.
///
/// ```
/// use goalsheet::parse::excel_serial_to_date;
/// use chrono::NaiveDate;
/// assert_eq!(excel_serial_to_date(46112.0, false), NaiveDate::from_ymd_opt(2026, 3, 31));
/// assert_eq!(excel_serial_to_date(44650.0, true), NaiveDate::from_ymd_opt(2026, 3, 31));
/// ```
pub fn excel_serial_to_date(serial: f64, epoch_1904: bool) -> Option<NaiveDate> {
    if !(0.0..3_000_000.0).contains(&serial) {
        return None;
    }
    let days = serial.floor() as i64;
    let (base, days) = if epoch_1904 {
        (NaiveDate::from_ymd_opt(1904, 1, 1)?, days)
    } else {
        match days {
            0 | 60 => return None,
            1..=59 => (NaiveDate::from_ymd_opt(1899, 12, 31)?, days),
            _ => (NaiveDate::from_ymd_opt(1899, 12, 30)?, days),
        }
    };
    let date = base.checked_add_signed(chrono::TimeDelta::try_days(days)?)?;
    (date.year() <= 9999).then_some(date)
}

/// The year written explicitly in a date text, if any.
///
/// For any text [`parse_date`] reads with its own year, that year (`31-Dec-26` and `FY26`
/// give 2026); otherwise `FY` + 2 or 4 digits, or the first run of exactly four digits from
/// 1900 to 2100 (`2026年3月底` → 2026). Year-less forms (`Q3`, `3月31日`) give `None`.
pub fn explicit_year(text: &str) -> Option<i32> {
    if let Some(parsed) = date_core(text.trim(), 2000) {
        return (!parsed.used_default).then(|| parsed.span.start.year());
    }
    year_in_text(&halfwidth(text), 1900..=2100)
}

/// The quarter named by a long-layout quarter cell (`Q1`, `一季度`, `2026Q1`, …).
///
/// Accepts `Q1` `q1` `1Q` `2026Q1` `2026-Q1` `Q1 2026` `FY26 Q1` `一季度` `第一季度`
/// `第1季度` `1季度` `2026年第一季度` `Quarter 1` and a bare digit `1`–`4`; not header
/// words like `Q1目标`.
///
/// ```
/// use goalsheet::parse::parse_quarter;
/// assert_eq!(parse_quarter("2026年第三季度"), Some(3));
/// assert_eq!(parse_quarter("Q5"), None);
/// ```
pub fn parse_quarter(text: &str) -> Option<u8> {
    let toks = soft_tokens(&tokenize(&halfwidth(text.trim())));
    if let [Tok::Num { v, .. }] = toks.as_slice() {
        return quarter_number(*v);
    }
    let (_, body) = split_year(&toks);
    match period_body(body)? {
        Body::Quarter(q) => quarter_number(q),
        _ => None,
    }
}

/// A period named in a date text: a quarter, a half or a whole year (what a fiscal year
/// re-reads; months and days are calendar dates in any plan).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Period {
    Year,
    /// Quarter 1–4 as written (`Q5` is returned as 5: the caller decides it is no quarter).
    Quarter(u32),
    /// Half 1–2.
    Half(u32),
}

/// The year written with a period text, whether it was written as a fiscal year (`FY2026`,
/// `FY26 Q3`), and the period: `Q3` → `(None, false, Quarter(3))`, `2026年上半年` →
/// `(Some(2026), false, Half(1))`, `FY2026` → `(Some(2026), true, Year)`. Month and day
/// forms, ranges and plain dates give `None`.
///
/// ```
/// use goalsheet::parse::{period_of, Period};
/// assert_eq!(period_of("FY26 Q3"), Some((Some(2026), true, Period::Quarter(3))));
/// assert_eq!(period_of("下半年"), Some((None, false, Period::Half(2))));
/// assert_eq!(period_of("2026-03-31"), None);
/// ```
pub fn period_of(text: &str) -> Option<(Option<i32>, bool, Period)> {
    let text = halfwidth(text.trim());
    if text.chars().count() > MAX_DATE_CHARS {
        return None;
    }
    let mut body_text = text.as_str();
    for suffix in ["之前", "以前", "前"] {
        if let Some(t) = body_text.strip_suffix(suffix) {
            body_text = t.trim_end();
            break;
        }
    }
    for suffix in ["底", "末"] {
        if let Some(t) = body_text.strip_suffix(suffix) {
            body_text = t.trim_end();
            break;
        }
    }
    let toks = soft_tokens(&tokenize(body_text));
    let fiscal = toks.iter().any(|t| matches!(t, Tok::Word(w) if w == "fy"));
    if let [Tok::Num { v, len: 4 }] = toks.as_slice() {
        return Some((year4(*v), false, Period::Year));
    }
    let (year, body) = split_year(&toks);
    let period = match period_body(body)? {
        Body::Year if year.is_some() => Period::Year,
        Body::Quarter(q) => Period::Quarter(q),
        Body::Half(h) => Period::Half(h),
        _ => return None,
    };
    Some((year, fiscal, period))
}

/// The year in a sheet title (`2026年营销目标`, `FY2026 Marketing Plan`).
///
/// `FY` followed by 2 or 4 digits wins; otherwise the first run of exactly four digits
/// that is a plausible plan year (2000–2100).
///
/// ```
/// use goalsheet::parse::year_in_title;
/// assert_eq!(year_in_title("FY26 营销计划"), Some(2026));
/// assert_eq!(year_in_title("Marketing plan v12345"), None);
/// ```
pub fn year_in_title(text: &str) -> Option<i32> {
    year_in_text(&halfwidth(text), 2000..=2100)
}

/// A not-yet-set marker, if the text is one.
///
/// The whole trimmed text (full-width forms and case folded) must be one of `待定` `待确认`
/// `待确定` `未定` `TBD` `TBC` `N/A` `NA` `N.A.` `-` `--` `—` `——` `–` `无` `暂无`; the
/// canonical spelling is returned (`n/a` → `N/A`, `——` → `—`).
pub fn marker(text: &str) -> Option<&'static str> {
    if !may_be_marker(text) {
        return None;
    }
    let norm: String = halfwidth(text.trim())
        .chars()
        .map(|c| match c {
            '\u{2212}' | '\u{FE63}' => '-',
            '\u{2015}' => '—',
            c => c.to_ascii_lowercase(),
        })
        .collect();
    Some(match norm.as_str() {
        "待定" | "待确认" | "待确定" => "待定",
        "未定" => "未定",
        "tbd" => "TBD",
        "tbc" => "TBC",
        "n/a" | "na" | "n.a." | "n.a" => "N/A",
        "-" => "-",
        "--" => "--",
        "—" | "——" | "–" => "—",
        "无" => "无",
        "暂无" => "暂无",
        _ => return None,
    })
}

/// False when `text` cannot be a [`marker`] whatever its spacing and invisible characters:
/// its first visible character starts no marker (`张三`, `%`, `Online`), or it has more
/// visible characters than the longest marker (`n.a.`). Looks without allocating, so the
/// common case — a real value — costs no copy.
pub fn may_be_marker(text: &str) -> bool {
    let mut visible = 0;
    for c in text.chars() {
        // Among ASCII, exactly the graphic characters are neither whitespace nor invisible.
        let shows = if c.is_ascii() {
            c.is_ascii_graphic()
        } else {
            !c.is_whitespace() && !crate::model::is_invisible(c)
        };
        if shows {
            if visible == 0 && !may_start_marker(c) {
                return false;
            }
            visible += 1;
            if visible > 4 {
                return false;
            }
        }
    }
    true
}

/// Whether a [`marker`] can start with `c`, folded as [`marker`] folds it (full-width forms,
/// minus signs, case): `待` `未` `t` `n` `-` `—` `–` `无` `暂`.
fn may_start_marker(c: char) -> bool {
    let c = match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        '\u{2212}' | '\u{FE63}' => '-',
        '\u{2015}' => '—',
        c => c,
    };
    matches!(
        c.to_ascii_lowercase(),
        '待' | '未' | 't' | 'n' | '-' | '—' | '–' | '无' | '暂'
    )
}

/// Full-width to half-width (`１２００` → `1200`, `（` → `(`).
///
/// U+FF01–U+FF5E map to ASCII U+0021–U+007E and the ideographic space U+3000 to a space;
/// everything else is kept.
pub fn halfwidth(text: &str) -> String {
    text.chars().map(halfwidth_char).collect()
}

/// One character of [`halfwidth`].
pub(crate) fn halfwidth_char(c: char) -> char {
    match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        '\u{3000}' => ' ',
        c => c,
    }
}

/// A header cell's text reduced for matching: half-width, lower case, no spaces or punctuation.
///
/// Removes all whitespace (newlines inside header cells too) and punctuation, ASCII and
/// CJK (`（）【】：，、。·` …). If that leaves nothing, the trimmed, lower-cased half-width
/// text is returned instead, so `#` stays `#`.
///
/// ```
/// use goalsheet::parse::normalize_header;
/// assert_eq!(normalize_header("预算（万元）"), "预算万元");
/// assert_eq!(normalize_header("Goal\nID"), "goalid");
/// assert_eq!(normalize_header("No."), "no");
/// assert_eq!(normalize_header("#"), "#");
/// ```
pub fn normalize_header(text: &str) -> String {
    let lower = halfwidth(text).to_lowercase();
    let reduced: String = lower
        .chars()
        .filter(|&c| !c.is_whitespace() && !is_punctuation(c))
        .collect();
    if reduced.is_empty() {
        lower.trim().to_string()
    } else {
        reduced
    }
}

// ---------------------------------------------------------------------------------------
// Shared helpers

/// ASCII punctuation plus the CJK, general and Latin-1 punctuation people put in headers.
pub(crate) fn is_punctuation(c: char) -> bool {
    c.is_ascii_punctuation()
        || matches!(c,
            '\u{3001}'..='\u{3003}'   // 、。〃
            | '\u{3008}'..='\u{3011}' // 〈〉《》「」『』【】
            | '\u{3014}'..='\u{301F}' // 〔〕〖〗〘〙〚〛〜〝〞〟
            | '\u{2010}'..='\u{2027}' // dashes, quotes, bullets, ellipsis
            | '\u{2030}'..='\u{205E}' // per mille, primes, other general punctuation
            | '\u{FF5F}'..='\u{FF65}' // half-width CJK brackets and dots
            | '\u{FE10}'..='\u{FE19}' // vertical forms
            | '\u{FE30}'..='\u{FE6B}' // CJK compatibility and small forms
            | '\u{00A1}' | '\u{00A7}' | '\u{00AB}' | '\u{00B6}' | '\u{00B7}' | '\u{00BB}'
            | '\u{00BF}' | '\u{30FB}' | '\u{2212}')
}

/// Half-width, every whitespace as one plain space, minus signs as `-`.
fn normalize_value_text(text: &str) -> String {
    halfwidth(text)
        .chars()
        .map(|c| match c {
            '\u{2212}' | '\u{FE63}' => '-',
            c if c.is_whitespace() => ' ',
            c => c,
        })
        .collect()
}

fn last_of_month(year: i32, month: u32) -> Option<NaiveDate> {
    let next = if month == 12 {
        NaiveDate::from_ymd_opt(year.checked_add(1)?, 1, 1)?
    } else {
        NaiveDate::from_ymd_opt(year, month + 1, 1)?
    };
    next.pred_opt()
}

/// `FY` + 2/4 digits, else the first run of exactly four ASCII digits within `range`.
fn year_in_text(text: &str, range: std::ops::RangeInclusive<i32>) -> Option<i32> {
    let toks = tokenize(text);
    let fy = toks.windows(2).find_map(|w| match w {
        [Tok::Word(fy), Tok::Num { v, len }] if fy == "fy" => fy_year(*v, *len),
        _ => None,
    });
    if let Some(year) = fy.filter(|y| range.contains(y)) {
        return Some(year);
    }
    toks.iter().find_map(|t| match t {
        Tok::Num { v, len: 4 } => i32::try_from(*v).ok().filter(|y| range.contains(y)),
        _ => None,
    })
}

// ---------------------------------------------------------------------------------------
// Dates

/// One token of a date text.
#[derive(Debug, Clone, PartialEq)]
enum Tok {
    /// A run of ASCII digits (`len` digits; values beyond u32 saturate), or of Chinese
    /// numerals for 1–12 (`len` 0, so never a year).
    Num { v: u32, len: usize },
    /// A run of ASCII letters, lower-cased.
    Word(String),
    /// A separator: `-` `/` `.` `,` `'` or a space (runs of spaces are one).
    Sep(char),
    /// Any other character (`年`, `月`, `季`, …).
    Char(char),
}

fn cn_numeral(c: char) -> Option<u32> {
    "〇一二三四五六七八九十"
        .chars()
        .position(|d| d == c)
        .map(|p| p as u32)
}

/// The value of a run of Chinese numerals from 1 to 12 (`三`, `十`, `十二`).
fn cn_number(run: &[u32]) -> u32 {
    match run {
        [d] if (1..=10).contains(d) => *d,
        [10, d] if (1..=9).contains(d) => 10 + d,
        _ => u32::MAX,
    }
}

fn tokenize(text: &str) -> Vec<Tok> {
    let chars: Vec<char> = text.chars().collect();
    let mut toks = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c.is_ascii_digit() {
            let start = i;
            let mut v: u32 = 0;
            while i < chars.len() && chars[i].is_ascii_digit() {
                v = v
                    .saturating_mul(10)
                    .saturating_add(chars[i].to_digit(10).unwrap_or(0));
                i += 1;
            }
            toks.push(Tok::Num { v, len: i - start });
        } else if c.is_ascii_alphabetic() {
            let start = i;
            while i < chars.len() && chars[i].is_ascii_alphabetic() {
                i += 1;
            }
            let word: String = chars[start..i].iter().collect();
            toks.push(Tok::Word(word.to_ascii_lowercase()));
        } else if cn_numeral(c).is_some() {
            let mut run = Vec::new();
            while let Some(d) = chars.get(i).and_then(|&c| cn_numeral(c)) {
                run.push(d);
                i += 1;
            }
            toks.push(Tok::Num {
                v: cn_number(&run),
                len: 0,
            });
        } else if c.is_whitespace() {
            while i < chars.len() && chars[i].is_whitespace() {
                i += 1;
            }
            toks.push(Tok::Sep(' '));
        } else {
            let tok = match c {
                '-' | '/' | '.' | ',' | '\'' | '\u{2212}' | '\u{FE63}' => {
                    Tok::Sep(if c == '\u{2212}' || c == '\u{FE63}' {
                        '-'
                    } else {
                        c
                    })
                }
                '、' | '，' => Tok::Sep(','),
                _ => Tok::Char(c),
            };
            toks.push(tok);
            i += 1;
        }
    }
    toks
}

/// Tokens without separators, `第`, ordinal suffixes (`31st`) and weekday names.
fn soft_tokens(toks: &[Tok]) -> Vec<Tok> {
    let mut out: Vec<Tok> = Vec::with_capacity(toks.len());
    for t in toks {
        match t {
            Tok::Sep(_) | Tok::Char('第') => {}
            Tok::Word(w)
                if matches!(w.as_str(), "st" | "nd" | "rd" | "th")
                    && matches!(out.last(), Some(Tok::Num { len: 1..=2, .. })) => {}
            Tok::Word(w) if is_weekday(w) => {}
            t => out.push(t.clone()),
        }
    }
    out
}

fn is_weekday(word: &str) -> bool {
    matches!(
        word,
        "mon"
            | "monday"
            | "tue"
            | "tues"
            | "tuesday"
            | "wed"
            | "wednesday"
            | "thu"
            | "thur"
            | "thurs"
            | "thursday"
            | "fri"
            | "friday"
            | "sat"
            | "saturday"
            | "sun"
            | "sunday"
    )
}

fn month_name(word: &str) -> Option<u32> {
    if word == "sept" {
        return Some(9);
    }
    word.parse::<Month>().ok().map(|m| m.number_from_month())
}

fn quarter_number(v: u32) -> Option<u8> {
    u8::try_from(v).ok().filter(|q| (1..=4).contains(q))
}

/// A 2-digit year is 20yy; a 4-digit one is itself.
fn year_of(v: u32, len: usize) -> Option<i32> {
    match len {
        2 => i32::try_from(2000 + v).ok(),
        4 => year4(v),
        _ => None,
    }
}

/// A 4-digit year as written (years before 1000 are not dates anyone plans for).
fn year4(v: u32) -> Option<i32> {
    i32::try_from(v).ok().filter(|y| (1000..=9999).contains(y))
}

fn fy_year(v: u32, len: usize) -> Option<i32> {
    year_of(v, len)
}

/// A parsed date text: its span and whether the year came from the default.
struct Parsed {
    span: DateSpan,
    used_default: bool,
}

fn date_core(text: &str, default_year: i32) -> Option<Parsed> {
    // No date or range is this long; the cap keeps range splitting cheap on any cell.
    if text.chars().count() > MAX_DATE_CHARS {
        return None;
    }
    let text = halfwidth(text);
    single_date(&text, default_year).or_else(|| date_range(&text, default_year))
}

const MAX_DATE_CHARS: usize = 80;

/// One date or period, without a range separator.
fn single_date(text: &str, default_year: i32) -> Option<Parsed> {
    let text = strip_time(text)?;
    let text = strip_weekday(&text);
    // A deadline written as "by" (`3月31日前`) or "end of" (`3月底`, `年末`) is the date or
    // period itself.
    let mut text = text.as_str();
    for suffix in ["之前", "以前", "前"] {
        if let Some(t) = text.strip_suffix(suffix) {
            text = t.trim_end();
            break;
        }
    }
    for suffix in ["底", "末"] {
        if let Some(t) = text.strip_suffix(suffix) {
            text = t.trim_end();
            break;
        }
    }
    if text == "年" {
        return Some(Parsed {
            span: DateSpan::year(default_year)?,
            used_default: true,
        });
    }
    let toks = tokenize(text);
    numeric_date(&toks, default_year).or_else(|| worded_date(&toks, default_year))
}

/// The text without a trailing Chinese weekday (`2026年3月31日 星期二`, `3/31(周二)`).
fn strip_weekday(text: &str) -> String {
    let mut chars: Vec<char> = text.trim_end().chars().collect();
    let paren = chars.last() == Some(&')');
    if paren {
        chars.pop();
    }
    if !chars.pop().is_some_and(|c| "一二三四五六日天".contains(c)) {
        return text.to_string();
    }
    let Some(word) = ["星期", "礼拜", "周"].iter().find(|w| {
        let w: Vec<char> = w.chars().collect();
        chars.ends_with(&w)
    }) else {
        return text.to_string();
    };
    chars.truncate(chars.len() - word.chars().count());
    let mut rest: String = chars.into_iter().collect();
    if paren {
        let Some(open) = rest.trim_end().strip_suffix('(') else {
            return text.to_string();
        };
        rest = open.to_string();
    }
    let rest = rest.trim_end();
    if rest.is_empty() {
        text.to_string()
    } else {
        rest.trim_end_matches(',').to_string()
    }
}

/// A range `A ~ B` (also `至 到 to — –`, and `-` between forms that contain no `-`) as the
/// span from A's start to B's end. A side without a year takes the other side's year
/// (`2026年3月-5月`, `Mar 1 - Mar 31, 2026`); B must not end before A starts.
fn date_range(text: &str, default_year: i32) -> Option<Parsed> {
    let lower = text.to_ascii_lowercase();
    let separators = ["~", "\u{301C}", "至", "到", " to ", " - ", "—", "–", "-"];
    for sep in separators {
        for (at, _) in lower.match_indices(sep) {
            let (left, right) = (text[..at].trim(), text[at + sep.len()..].trim());
            if left.is_empty() || right.is_empty() {
                continue;
            }
            if sep == "-" && !(plain_dash_side(left) && plain_dash_side(right)) {
                continue;
            }
            if let Some(parsed) = range_of(left, right, default_year) {
                return Some(parsed);
            }
        }
    }
    None
}

/// Whether `side` may stand beside an unspaced `-` range separator: no `-` of its own, and
/// not a bare number (`2026-03/31` is not the year 2026 to March 31).
fn plain_dash_side(side: &str) -> bool {
    let numeric = side
        .chars()
        .all(|c| c.is_ascii_digit() || c == '.' || c == '/');
    let bare_number = numeric && !side.contains(['.', '/']);
    !side.contains('-') && !bare_number
}

fn range_of(left: &str, right: &str, default_year: i32) -> Option<Parsed> {
    let mut a = single_date(left, default_year)?;
    let mut b = single_date(right, default_year)?;
    if a.used_default && !b.used_default {
        a = single_date(left, b.span.start.year())?;
        a.used_default = false;
    } else if b.used_default && !a.used_default {
        b = single_date(right, a.span.end.year())?;
        b.used_default = false;
    }
    (a.span.start <= b.span.end).then_some(Parsed {
        span: DateSpan {
            start: a.span.start,
            end: b.span.end,
        },
        used_default: a.used_default,
    })
}

/// The text without a trailing time of day (`2026-03-31 08:00:00`, `…T08:00Z`).
fn strip_time(text: &str) -> Option<String> {
    let text = text.trim();
    let Some(colon) = text.find(':') else {
        return Some(text.to_string());
    };
    let cut = text[..colon].rfind([' ', 'T', 't'])?;
    let time = &text[cut..];
    let time_ok = time
        .chars()
        .all(|c| c.is_ascii_digit() || " :.tTaApPmMzZ+-".contains(c));
    time_ok.then(|| text[..cut].trim().to_string())
}

fn ymd(y: i32, m: u32, d: u32) -> Option<DateSpan> {
    NaiveDate::from_ymd_opt(y, m, d).map(DateSpan::day)
}

/// Day and month from two numbers of a `a/b/yyyy` date: the day is whichever is above 12,
/// and the first when both are at most 12.
fn day_month(a: u32, b: u32) -> (u32, u32) {
    if a <= 12 && b > 12 { (b, a) } else { (a, b) }
}

/// All-digit forms with `-` `/` `.` separators (spaces ignored) and `yyyymmdd`.
fn numeric_date(toks: &[Tok], default_year: i32) -> Option<Parsed> {
    let hard: Vec<&Tok> = toks.iter().filter(|t| **t != Tok::Sep(' ')).collect();
    let is_hard = |c: char| matches!(c, '-' | '/' | '.');
    let full = |span: Option<DateSpan>| {
        span.map(|span| Parsed {
            span,
            used_default: false,
        })
    };
    match hard.as_slice() {
        [Tok::Num { v, len: 8 }] => {
            let (y, m, d) = (v / 10_000, v / 100 % 100, v % 100);
            full(ymd(year4(y)?, m, d))
        }
        [
            Tok::Num { v: a, len: la },
            Tok::Sep(s1),
            Tok::Num { v: b, len: lb },
            Tok::Sep(s2),
            Tok::Num { v: c, len: lc },
        ] if s1 == s2 && is_hard(*s1) => {
            if *la == 4 && (1..=2).contains(lb) && (1..=2).contains(lc) {
                full(ymd(year4(*a)?, *b, *c))
            } else if (1..=2).contains(la) && (1..=2).contains(lb) {
                let year = year_of(*c, *lc)?;
                let (d, m) = day_month(*a, *b);
                full(ymd(year, m, d))
            } else {
                None
            }
        }
        [
            Tok::Num { v: a, len: la },
            Tok::Sep(s),
            Tok::Num { v: b, len: lb },
        ] if is_hard(*s) => {
            if *la == 4 && (1..=2).contains(lb) {
                full(DateSpan::month(year4(*a)?, *b))
            } else if (1..=2).contains(la) && *lb == 4 {
                full(DateSpan::month(year4(*b)?, *a))
            } else if (1..=2).contains(la) && (1..=2).contains(lb) {
                // Year-less: month/day, unless the first is too big to be a month.
                let (m, d) = if *a > 12 && *b <= 12 {
                    (*b, *a)
                } else {
                    (*a, *b)
                };
                ymd(default_year, m, d).map(|span| Parsed {
                    span,
                    used_default: true,
                })
            } else {
                None
            }
        }
        _ => None,
    }
}

/// What a date text says apart from its year.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Body {
    /// Nothing: the text is just a year.
    Year,
    Quarter(u32),
    Half(u32),
    Month(u32),
    /// Month and day.
    Day(u32, u32),
}

/// The year written at the start (`2026年`, `2026年度`, `2026`, `FY26`) or end (`2026`,
/// `FY26`) of soft tokens, and the rest.
fn split_year(toks: &[Tok]) -> (Option<i32>, &[Tok]) {
    let n4 = |t: &Tok| match t {
        Tok::Num { v, len: 4 } => year4(*v),
        _ => None,
    };
    match toks {
        [
            Tok::Num { v, len: 4 },
            Tok::Char('年'),
            Tok::Char('度'),
            rest @ ..,
        ]
        | [Tok::Num { v, len: 4 }, Tok::Char('年'), rest @ ..] => {
            return (year4(*v), rest);
        }
        [Tok::Word(fy), Tok::Num { v, len }, rest @ ..] if fy == "fy" => {
            if let Some(y) = fy_year(*v, *len) {
                return (Some(y), rest);
            }
        }
        [first, rest @ ..] if !rest.is_empty() && !matches!(rest[0], Tok::Num { .. }) => {
            if let Some(y) = n4(first) {
                return (Some(y), rest);
            }
        }
        _ => {}
    }
    match toks {
        [rest @ .., Tok::Word(fy), Tok::Num { v, len }] if fy == "fy" && !rest.is_empty() => {
            if let Some(y) = fy_year(*v, *len) {
                return (Some(y), rest);
            }
        }
        [rest @ .., last] if !rest.is_empty() => {
            if let Some(y) = n4(last) {
                return (Some(y), rest);
            }
        }
        _ => {}
    }
    (None, toks)
}

fn period_body(body: &[Tok]) -> Option<Body> {
    use Tok::{Char, Num, Word};
    let w = |t: &Tok, s: &str| matches!(t, Word(x) if x == s);
    Some(match body {
        [] => Body::Year,
        [q, Num { v, .. }] if w(q, "q") || w(q, "quarter") => Body::Quarter(*v),
        [Num { v, .. }, q] if w(q, "q") => Body::Quarter(*v),
        [Num { v, .. }, Char('季'), Char('度')] | [Num { v, .. }, Char('季')] => {
            Body::Quarter(*v)
        }
        [h, Num { v, .. }] if w(h, "h") => Body::Half(*v),
        [Num { v, .. }, h] if w(h, "h") => Body::Half(*v),
        [Char('上'), Char('半'), Char('年')] => Body::Half(1),
        [Char('下'), Char('半'), Char('年')] => Body::Half(2),
        [Num { v, len: 0..=2 }, Char('月')] => Body::Month(*v),
        [
            Num { v: m, len: 0..=2 },
            Char('月'),
            Num { v: d, len: 1..=2 },
        ]
        | [
            Num { v: m, len: 0..=2 },
            Char('月'),
            Num { v: d, len: 1..=2 },
            Char('日' | '号'),
        ] => Body::Day(*m, *d),
        [Word(m)] => Body::Month(month_name(m)?),
        [Word(m), Num { v: d, len: 1..=2 }] | [Num { v: d, len: 1..=2 }, Word(m)] => {
            Body::Day(month_name(m)?, *d)
        }
        _ => return None,
    })
}

/// Every form other than the all-digit ones.
fn worded_date(toks: &[Tok], default_year: i32) -> Option<Parsed> {
    // Excel's `mmm-yy` (`Mar-26`) and `d-mmm-yy` (`31-Dec-26`) carry a 2-digit year.
    let hard: Vec<&Tok> = toks.iter().filter(|t| **t != Tok::Sep(' ')).collect();
    match hard.as_slice() {
        [Tok::Word(m), Tok::Sep('-'), Tok::Num { v, len: 2 }] => {
            let span = DateSpan::month(year_of(*v, 2)?, month_name(m)?)?;
            return Some(Parsed {
                span,
                used_default: false,
            });
        }
        [
            Tok::Num { v: d, len: 1..=2 },
            Tok::Sep(s1),
            Tok::Word(m),
            Tok::Sep(s2),
            Tok::Num { v: y, len: 2 },
        ] if s1 == s2 && matches!(s1, '-' | '/' | '.') => {
            let span = ymd(year_of(*y, 2)?, month_name(m)?, *d)?;
            return Some(Parsed {
                span,
                used_default: false,
            });
        }
        _ => {}
    }
    let soft = soft_tokens(toks);
    if let [Tok::Num { v, len: 4 }] = soft.as_slice() {
        let year = i32::try_from(*v)
            .ok()
            .filter(|y| (1900..=2100).contains(y))?;
        return Some(Parsed {
            span: DateSpan::year(year)?,
            used_default: false,
        });
    }
    let (year, body) = split_year(&soft);
    let body = period_body(body)?;
    if body == Body::Year && year.is_none() {
        return None;
    }
    let y = year.unwrap_or(default_year);
    let span = match body {
        Body::Year => DateSpan::year(y),
        Body::Quarter(q) => DateSpan::quarter(y, q),
        Body::Half(h) => DateSpan::half(y, h),
        Body::Month(m) => DateSpan::month(y, m),
        Body::Day(m, d) => ymd(y, m, d),
    }?;
    Some(Parsed {
        span,
        used_default: year.is_none(),
    })
}

#[cfg(test)]
mod fast_path_props {
    use super::*;
    use proptest::prelude::*;

    /// [`round_noise`] as it was, through a heap `String`: the reference for the stack buffer.
    fn round_noise_by_string(x: f64) -> f64 {
        if x == 0.0 || !x.is_finite() {
            return x;
        }
        if x.fract() == 0.0 && x.abs() < 9_007_199_254_740_992.0 {
            return x;
        }
        match format!("{x:.14e}").parse::<f64>() {
            Ok(r) if r.is_finite() => r,
            _ => x,
        }
    }

    /// [`may_be_marker`]'s count of visible characters as it was, by a char filter.
    fn may_be_marker_by_filter(text: &str) -> bool {
        text.chars()
            .filter(|c| !c.is_whitespace() && !crate::model::is_invisible(*c))
            .nth(4)
            .is_none()
    }

    proptest! {
        /// Decimals as plans write them, and the same after arithmetic (percentages,
        /// multipliers), which is where the noise comes from.
        #[test]
        fn decimals_round_as_through_a_string(
            n in -10_000_000_000_000_000i64..10_000_000_000_000_000,
            decimals in 0i32..9,
            factor in prop::sample::select(vec![1.0, 0.01, 100.0, 1e4, 1e-4, 3.0]),
        ) {
            let x = n as f64 / 10f64.powi(decimals);
            prop_assert_eq!(round_noise(x).to_bits(), round_noise_by_string(x).to_bits(), "{}", x);
            let y = x * factor;
            prop_assert_eq!(round_noise(y).to_bits(), round_noise_by_string(y).to_bits(), "{}", y);
        }

        #[test]
        fn rounding_on_the_stack_is_rounding_through_a_string(
            bits in any::<u64>(),
            small in -1e6f64..1e6,
        ) {
            let x = f64::from_bits(bits);
            prop_assert_eq!(round_noise(x).to_bits(), round_noise_by_string(x).to_bits());
            prop_assert_eq!(round_noise(small).to_bits(), round_noise_by_string(small).to_bits());
        }

        /// The screen never turns a marker away (as written, or as shown without its
        /// invisible characters), and passes no more than the old count did.
        #[test]
        fn marker_screening_keeps_every_marker(
            text in "[ a-zA-Z./\\-\t\u{200B}\u{3000}\u{00A0}待定—１张%]{0,9}",
            marker_like in "[ \u{200B}\u{3000}待定确认未无暂tTbBdDcCnNaA./\\-—–―−﹣－ｔＢＤＮ／ａ]{0,6}",
        ) {
            for t in [&text, &marker_like] {
                if marker(t).is_some() || marker(&crate::model::shown(t)).is_some() {
                    prop_assert!(may_be_marker(t), "{:?}", t);
                }
                if may_be_marker(t) {
                    prop_assert!(may_be_marker_by_filter(t), "{:?}", t);
                }
            }
        }
    }

    #[test]
    fn markers_pass_the_screen_and_ordinary_short_values_do_not() {
        for m in [
            "待定",
            "待确认",
            "未定",
            "TBD",
            "ｔｂｃ",
            "N/A",
            "n.a.",
            "Na",
            "-",
            "--",
            "—",
            "——",
            "–",
            "\u{2212}",
            "\u{FE63}",
            "\u{2015}",
            "－",
            "无",
            "暂无",
            " \u{200B}TBD ",
        ] {
            assert!(may_be_marker(m), "{m:?}");
        }
        for v in ["张三", "%", "万元", "Ann", "Q1", "S", "12", "李"] {
            assert!(!may_be_marker(v), "{v:?}");
            assert_eq!(marker(v), None, "{v:?}");
        }
    }

    #[test]
    fn extremes_round_as_before() {
        for x in [
            f64::MAX,
            f64::MIN_POSITIVE,
            -f64::MAX,
            5e-324,
            0.1 + 0.2,
            -7.000_000_000_000_001,
        ] {
            assert_eq!(
                round_noise(x).to_bits(),
                round_noise_by_string(x).to_bits(),
                "{x}"
            );
        }
    }
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
    fn numbers() {
        let cases: &[(&str, NumberValue)] = &[
            ("1200", num(1200.0)),
            ("  1200  ", num(1200.0)),
            ("1,200", num(1200.0)),
            ("1 200", num(1200.0)),
            ("1\u{00A0}200", num(1200.0)),
            ("1\u{202F}200", num(1200.0)),
            ("1\u{2009}200", num(1200.0)),
            ("1，200", num(1200.0)),
            ("１２００", num(1200.0)),
            ("１，２００．５", num(1200.5)),
            ("1,234,567.89", num(1_234_567.89)),
            ("0.5", num(0.5)),
            (".5", num(0.5)),
            ("5.", num(5.0)),
            ("+5", num(5.0)),
            ("-500", num(-500.0)),
            ("−500", num(-500.0)),
            ("－500", num(-500.0)),
            ("(500)", num(-500.0)),
            ("（500）", num(-500.0)),
            ("(1,200.50)", num(-1200.5)),
            ("(¥500)", num(-500.0)),
            ("¥(500)", num(-500.0)),
            ("-¥500", num(-500.0)),
            ("¥-500", num(-500.0)),
            ("¥500", num(500.0)),
            ("￥500", num(500.0)),
            ("$1,200", num(1200.0)),
            ("＄1,200", num(1200.0)),
            ("€ 99.5", num(99.5)),
            ("£7", num(7.0)),
            ("RMB 1,000", num(1000.0)),
            ("rmb1000", num(1000.0)),
            ("CNY 20", num(20.0)),
            ("USD 20", num(20.0)),
            ("EUR20", num(20.0)),
            ("20 USD", num(20.0)),
            ("20EUR", num(20.0)),
            ("500元", num(500.0)),
            ("500 元", num(500.0)),
            ("500美元", num(500.0)),
            ("500€", num(500.0)),
            ("50万", num(500_000.0)),
            ("50万元", num(500_000.0)),
            ("¥50万", num(500_000.0)),
            ("-50万元", num(-500_000.0)),
            ("(50万)", num(-500_000.0)),
            ("3.5亿", num(350_000_000.0)),
            ("3.5亿元", num(350_000_000.0)),
            ("2千", num(2000.0)),
            ("1.5w", num(15_000.0)),
            ("1.5W", num(15_000.0)),
            ("5k", num(5000.0)),
            ("5K", num(5000.0)),
            ("$5k", num(5000.0)),
            ("1.2M", num(1_200_000.0)),
            ("1.2m", num(1_200_000.0)),
            ("1.2 M", num(1_200_000.0)),
            ("2B", num(2e9)),
            ("2bn", num(2e9)),
            ("1.1百万", num(1_100_000.0)),
            ("35%", pct(0.35)),
            ("35 %", pct(0.35)),
            ("35％", pct(0.35)),
            ("３５％", pct(0.35)),
            ("-5%", pct(-0.05)),
            ("(5%)", pct(-0.05)),
            ("0.1%", pct(0.001)),
            ("100%", pct(1.0)),
            ("1000人", num(1000.0)),
            ("5万人", num(50_000.0)),
            ("3次", num(3.0)),
            ("20篇", num(20.0)),
            ("8条", num(8.0)),
            ("5家", num(5.0)),
            ("4场", num(4.0)),
            ("100单", num(100.0)),
            ("10件", num(10.0)),
            ("3位", num(3.0)),
            ("2名", num(2.0)),
            ("60户", num(60.0)),
            ("3个", num(3.0)),
            ("5块", num(5.0)),
            ("2点", num(2.0)),
            ("7天", num(7.0)),
            ("24小时", num(24.0)),
            ("30分", num(30.0)),
            ("1e5", num(100_000.0)),
            ("1E5", num(100_000.0)),
            ("2.5e-3", num(0.0025)),
            ("7.0000000000000009", num(7.0)),
            ("0", num(0.0)),
        ];
        for (text, want) in cases {
            assert_eq!(&parse_number(text), want, "parse_number({text:?})");
        }
    }

    #[test]
    fn number_markers_blanks_invalid() {
        for m in [
            "待定", "TBD", "tbd", "TBC", "N/A", "NA", "n/a", "-", "—", "--", "无", "暂无", "未定",
            " TBD ", "－",
        ] {
            assert_eq!(
                parse_number(m),
                NumberValue::Marker(m.trim().to_string()),
                "{m:?}"
            );
        }
        for b in ["", "   ", "\n\t", "\u{3000}"] {
            assert_eq!(parse_number(b), NumberValue::Blank, "{b:?}");
        }
        for bad in [
            "abc",
            "1,2",
            "1,20",
            "1,2000",
            "12,34,567",
            "1.2.3",
            "1 2",
            "¥",
            "万",
            "%",
            "()",
            "(500",
            "500)",
            "--5",
            "-(500)",
            "5-",
            "1e",
            "e5",
            "50万万",
            "5元万",
            "5%万",
            "¥$5",
            "5kg",
            "inf",
            "NaN",
            "1e400",
            "12:30",
            "1/2",
            "2026 Q3",
            "Q3",
            ".",
            "1,,200",
            "5 %%",
            "(5))",
        ] {
            assert_eq!(parse_number(bad), NumberValue::Invalid, "{bad:?}");
        }
    }

    #[test]
    fn noise_is_rounded() {
        assert_eq!(round_noise(7.000_000_000_000_001), 7.0);
        assert_eq!(round_noise(0.1 + 0.2), 0.3);
        assert_eq!(round_noise(1.2 * 1e6), 1_200_000.0);
        assert_eq!(round_noise(0.0), 0.0);
        assert_eq!(round_noise(-2.5), -2.5);
        assert_eq!(round_noise(f64::INFINITY), f64::INFINITY);
        assert_eq!(round_noise(f64::NEG_INFINITY), f64::NEG_INFINITY);
        assert!(round_noise(f64::NAN).is_nan());
        assert_eq!(round_noise(f64::MAX), f64::MAX);
        assert_eq!(
            round_noise(123_456_789_012_345_678.0),
            123_456_789_012_346_000.0
        );
    }

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn on(y: i32, m: u32, day: u32) -> DateValue {
        DateValue::Date(DateSpan::day(d(y, m, day)))
    }

    fn span(a: NaiveDate, b: NaiveDate) -> DateValue {
        DateValue::Date(DateSpan { start: a, end: b })
    }

    #[test]
    fn dates_with_year() {
        let cases: &[(&str, DateValue)] = &[
            ("2026-03-31", on(2026, 3, 31)),
            ("2026/3/31", on(2026, 3, 31)),
            ("2026.3.31", on(2026, 3, 31)),
            ("2026-3-31", on(2026, 3, 31)),
            ("2026-3-31 00:00:00", on(2026, 3, 31)),
            ("2026-03-31T08:30:00Z", on(2026, 3, 31)),
            ("2026/3/31 0:00", on(2026, 3, 31)),
            ("2026/3/31 10:00 AM", on(2026, 3, 31)),
            ("20260331", on(2026, 3, 31)),
            ("２０２６－０３－３１", on(2026, 3, 31)),
            ("31/03/2026", on(2026, 3, 31)),
            ("31.03.2026", on(2026, 3, 31)),
            ("31-03-2026", on(2026, 3, 31)),
            ("03/31/2026", on(2026, 3, 31)),
            ("04/03/2026", on(2026, 3, 4)),
            ("31/03/26", on(2026, 3, 31)),
            ("Dec 31, 2026", on(2026, 12, 31)),
            ("Dec 31 2026", on(2026, 12, 31)),
            ("Dec. 31, 2026", on(2026, 12, 31)),
            ("December 31, 2026", on(2026, 12, 31)),
            ("December 31st, 2026", on(2026, 12, 31)),
            ("Thu, Dec 31, 2026", on(2026, 12, 31)),
            ("31-Dec-2026", on(2026, 12, 31)),
            ("31 December 2026", on(2026, 12, 31)),
            ("31 Dec 2026", on(2026, 12, 31)),
            ("31-Dec-26", on(2026, 12, 31)),
            ("1-Sept-2026", on(2026, 9, 1)),
            ("2026年3月31日", on(2026, 3, 31)),
            ("2026年3月31号", on(2026, 3, 31)),
            ("2026 年 3 月 31 日", on(2026, 3, 31)),
            ("２０２６年３月３１日", on(2026, 3, 31)),
            ("2026年3月31日 18:00", on(2026, 3, 31)),
            ("2024-02-29", on(2024, 2, 29)),
            ("2026年3月31日 星期二", on(2026, 3, 31)),
            ("2026/3/31 周二", on(2026, 3, 31)),
            ("2026/3/31(周二)", on(2026, 3, 31)),
            ("2026年3月31日（星期二） 09:00", on(2026, 3, 31)),
            ("9999-12-31", on(9999, 12, 31)),
        ];
        for (text, want) in cases {
            assert_eq!(&parse_date(text, None), want, "parse_date({text:?})");
            assert_eq!(
                &parse_date(text, Some(2030)),
                want,
                "with plan year: {text:?}"
            );
        }
    }

    #[test]
    fn periods_with_year() {
        let cases: &[(&str, DateValue)] = &[
            ("2026年3月", span(d(2026, 3, 1), d(2026, 3, 31))),
            ("2026年2月", span(d(2026, 2, 1), d(2026, 2, 28))),
            ("2026-03", span(d(2026, 3, 1), d(2026, 3, 31))),
            ("2026/03", span(d(2026, 3, 1), d(2026, 3, 31))),
            ("03/2026", span(d(2026, 3, 1), d(2026, 3, 31))),
            ("Mar 2026", span(d(2026, 3, 1), d(2026, 3, 31))),
            ("March 2026", span(d(2026, 3, 1), d(2026, 3, 31))),
            ("Mar-26", span(d(2026, 3, 1), d(2026, 3, 31))),
            ("Dec 2026", span(d(2026, 12, 1), d(2026, 12, 31))),
            ("2026Q3", span(d(2026, 7, 1), d(2026, 9, 30))),
            ("2026-Q3", span(d(2026, 7, 1), d(2026, 9, 30))),
            ("2026 Q3", span(d(2026, 7, 1), d(2026, 9, 30))),
            ("2026q3", span(d(2026, 7, 1), d(2026, 9, 30))),
            ("Q3 2026", span(d(2026, 7, 1), d(2026, 9, 30))),
            ("Q3/2026", span(d(2026, 7, 1), d(2026, 9, 30))),
            ("Q3-2026", span(d(2026, 7, 1), d(2026, 9, 30))),
            ("FY2026 Q3", span(d(2026, 7, 1), d(2026, 9, 30))),
            ("Q4 FY26", span(d(2026, 10, 1), d(2026, 12, 31))),
            ("2026年第三季度", span(d(2026, 7, 1), d(2026, 9, 30))),
            ("2026年三季度", span(d(2026, 7, 1), d(2026, 9, 30))),
            ("2026年第3季度", span(d(2026, 7, 1), d(2026, 9, 30))),
            ("2026年Q1", span(d(2026, 1, 1), d(2026, 3, 31))),
            ("2026H1", span(d(2026, 1, 1), d(2026, 6, 30))),
            ("2026 H2", span(d(2026, 7, 1), d(2026, 12, 31))),
            ("H2 2026", span(d(2026, 7, 1), d(2026, 12, 31))),
            ("2026年上半年", span(d(2026, 1, 1), d(2026, 6, 30))),
            ("2026年下半年", span(d(2026, 7, 1), d(2026, 12, 31))),
            ("2026年", span(d(2026, 1, 1), d(2026, 12, 31))),
            ("2026年度", span(d(2026, 1, 1), d(2026, 12, 31))),
            ("2026", span(d(2026, 1, 1), d(2026, 12, 31))),
            ("FY2026", span(d(2026, 1, 1), d(2026, 12, 31))),
            ("FY26", span(d(2026, 1, 1), d(2026, 12, 31))),
            ("fy 2026", span(d(2026, 1, 1), d(2026, 12, 31))),
            ("ＦＹ２０２６", span(d(2026, 1, 1), d(2026, 12, 31))),
            ("２０２６Ｑ３", span(d(2026, 7, 1), d(2026, 9, 30))),
        ];
        for (text, want) in cases {
            assert_eq!(&parse_date(text, None), want, "parse_date({text:?})");
        }
    }

    #[test]
    fn deadlines_and_ranges() {
        let cases: &[(&str, DateValue)] = &[
            ("2026年3月31日前", on(2026, 3, 31)),
            ("2026年3月31日之前", on(2026, 3, 31)),
            ("2026年3月底", span(d(2026, 3, 1), d(2026, 3, 31))),
            ("2026年底", span(d(2026, 1, 1), d(2026, 12, 31))),
            ("2026年末", span(d(2026, 1, 1), d(2026, 12, 31))),
            ("2026Q3末", span(d(2026, 7, 1), d(2026, 9, 30))),
            (
                "2026-03-01 ~ 2026-03-31",
                span(d(2026, 3, 1), d(2026, 3, 31)),
            ),
            (
                "2026-03-01 - 2026-03-31",
                span(d(2026, 3, 1), d(2026, 3, 31)),
            ),
            ("2026/3/1～2026/3/31", span(d(2026, 3, 1), d(2026, 3, 31))),
            ("2026.3.1-2026.5.31", span(d(2026, 3, 1), d(2026, 5, 31))),
            ("2026年3月-5月", span(d(2026, 3, 1), d(2026, 5, 31))),
            ("2026年3月至2026年5月", span(d(2026, 3, 1), d(2026, 5, 31))),
            ("2026Q1-Q2", span(d(2026, 1, 1), d(2026, 6, 30))),
            ("Mar 1 - Mar 31, 2026", span(d(2026, 3, 1), d(2026, 3, 31))),
            (
                "Mar 1, 2026 to Apr 30, 2026",
                span(d(2026, 3, 1), d(2026, 4, 30)),
            ),
            ("2026年1月—6月", span(d(2026, 1, 1), d(2026, 6, 30))),
        ];
        for (text, want) in cases {
            assert_eq!(&parse_date(text, None), want, "parse_date({text:?})");
        }
        let yearless: &[(&str, DateValue)] = &[
            ("3月31日前", on(2026, 3, 31)),
            ("6月底", span(d(2026, 6, 1), d(2026, 6, 30))),
            ("年底", span(d(2026, 1, 1), d(2026, 12, 31))),
            ("三季度末", span(d(2026, 7, 1), d(2026, 9, 30))),
            ("3月-5月", span(d(2026, 3, 1), d(2026, 5, 31))),
            ("Q1-Q2", span(d(2026, 1, 1), d(2026, 6, 30))),
            ("3/1-3/31", span(d(2026, 3, 1), d(2026, 3, 31))),
            ("3月1日到4月15日", span(d(2026, 3, 1), d(2026, 4, 15))),
        ];
        for (text, want) in yearless {
            assert_eq!(&parse_date(text, Some(2026)), want, "parse_date({text:?})");
            assert_eq!(
                parse_date(text, None),
                DateValue::NeedsYear,
                "no year: {text:?}"
            );
        }
        for bad in [
            "5月-3月",
            "2026-03/31",
            "5-3月",
            "~2026",
            "2026~",
            "Q3 ~ hello",
            "前",
            "底",
        ] {
            assert_eq!(parse_date(bad, Some(2026)), DateValue::Invalid, "{bad:?}");
        }
        assert_eq!(explicit_year("2026年3月-5月"), Some(2026));
        assert_eq!(explicit_year("3月-5月"), None);
        let long = format!("{}2026-03-31", " ".repeat(MAX_DATE_CHARS));
        assert_eq!(parse_date(&long, None), on(2026, 3, 31), "trimmed first");
        let long = "2026-03-31~".repeat(MAX_DATE_CHARS);
        assert_eq!(parse_date(&long, None), DateValue::Invalid);
    }

    #[test]
    fn yearless_forms_use_plan_year() {
        let cases: &[(&str, DateValue)] = &[
            ("3月31日", on(2026, 3, 31)),
            ("3月31号", on(2026, 3, 31)),
            ("３月３１日", on(2026, 3, 31)),
            ("3/31", on(2026, 3, 31)),
            ("31/3", on(2026, 3, 31)),
            ("12/1", on(2026, 12, 1)),
            ("Dec 31", on(2026, 12, 31)),
            ("31 Dec", on(2026, 12, 31)),
            ("3月", span(d(2026, 3, 1), d(2026, 3, 31))),
            ("十二月", span(d(2026, 12, 1), d(2026, 12, 31))),
            ("March", span(d(2026, 3, 1), d(2026, 3, 31))),
            ("Q1", span(d(2026, 1, 1), d(2026, 3, 31))),
            ("Q2", span(d(2026, 4, 1), d(2026, 6, 30))),
            ("Q3", span(d(2026, 7, 1), d(2026, 9, 30))),
            ("q4", span(d(2026, 10, 1), d(2026, 12, 31))),
            ("3Q", span(d(2026, 7, 1), d(2026, 9, 30))),
            ("Quarter 3", span(d(2026, 7, 1), d(2026, 9, 30))),
            ("三季度", span(d(2026, 7, 1), d(2026, 9, 30))),
            ("第三季度", span(d(2026, 7, 1), d(2026, 9, 30))),
            ("第3季度", span(d(2026, 7, 1), d(2026, 9, 30))),
            ("3季度", span(d(2026, 7, 1), d(2026, 9, 30))),
            ("四季度", span(d(2026, 10, 1), d(2026, 12, 31))),
            ("H1", span(d(2026, 1, 1), d(2026, 6, 30))),
            ("H2", span(d(2026, 7, 1), d(2026, 12, 31))),
            ("上半年", span(d(2026, 1, 1), d(2026, 6, 30))),
            ("下半年", span(d(2026, 7, 1), d(2026, 12, 31))),
            ("Ｑ３", span(d(2026, 7, 1), d(2026, 9, 30))),
        ];
        for (text, want) in cases {
            assert_eq!(&parse_date(text, Some(2026)), want, "parse_date({text:?})");
            assert_eq!(
                parse_date(text, None),
                DateValue::NeedsYear,
                "no year: {text:?}"
            );
        }
        // A leap day needs a leap plan year.
        assert_eq!(parse_date("2月29日", Some(2026)), DateValue::Invalid);
        assert_eq!(parse_date("2月29日", Some(2028)), on(2028, 2, 29));
        assert_eq!(parse_date("2月29日", None), DateValue::NeedsYear);
    }

    #[test]
    fn date_markers_blanks_invalid() {
        for m in ["待定", "TBD", "N/A", "-", "—", "暂无"] {
            assert_eq!(parse_date(m, None), DateValue::Marker(m.into()), "{m:?}");
        }
        assert_eq!(parse_date("  ", None), DateValue::Blank);
        for bad in [
            "2026-02-30",
            "2026-13-01",
            "2026-00-10",
            "32/01/2026",
            "13/13/2026",
            "2026年2月30日",
            "2026年13月",
            "Q5",
            "Q0",
            "2026Q5",
            "H3",
            "五季度",
            "Foo 31, 2026",
            "hello",
            "2026-03/31",
            "3/32",
            "1899",
            "2101",
            "12345",
            "2026 3 31",
            "2026-03-31 xx:yy",
            "Q3 目标",
            "3.5万",
            "FY",
            "0000-01-01",
            "0999年",
            "星期二",
            "周二",
            "2026/3/31 周八",
            "2026/3/31 周二)",
        ] {
            assert_eq!(parse_date(bad, Some(2026)), DateValue::Invalid, "{bad:?}");
        }
        assert_eq!(parse_date("2025-02-29", None), DateValue::Invalid);
        // Absurd plan years are not dates, and do not panic.
        for year in [i32::MIN, -1, 0, 262_143, i32::MAX] {
            for text in ["Q3", "3月31日", "年底", "12/31", "H2", "Dec", "3月-5月"] {
                let got = parse_date(text, Some(year));
                if let DateValue::Date(span) = got {
                    assert!(
                        span.start <= span.end && span.start.year() == year,
                        "{text:?}"
                    );
                }
            }
        }
    }

    #[test]
    fn excel_serials() {
        let cases: &[(f64, bool, Option<NaiveDate>)] = &[
            (1.0, false, Some(d(1900, 1, 1))),
            (59.0, false, Some(d(1900, 2, 28))),
            (60.0, false, None),
            (61.0, false, Some(d(1900, 3, 1))),
            (0.0, false, None),
            (0.75, false, None),
            (46112.0, false, Some(d(2026, 3, 31))),
            (46112.99, false, Some(d(2026, 3, 31))),
            (45658.0, false, Some(d(2025, 1, 1))),
            (2_958_465.0, false, Some(d(9999, 12, 31))),
            (2_958_466.0, false, None),
            (0.0, true, Some(d(1904, 1, 1))),
            (1.0, true, Some(d(1904, 1, 2))),
            (44650.0, true, Some(d(2026, 3, 31))),
            (-1.0, false, None),
            (-1.0, true, None),
            (f64::NAN, false, None),
            (f64::INFINITY, true, None),
            (1e300, false, None),
        ];
        for (serial, e1904, want) in cases {
            assert_eq!(
                excel_serial_to_date(*serial, *e1904),
                *want,
                "serial {serial} 1904={e1904}"
            );
        }
    }

    #[test]
    fn explicit_years() {
        let cases: &[(&str, Option<i32>)] = &[
            ("2026-03-31", Some(2026)),
            ("31/03/2026", Some(2026)),
            ("31-Dec-26", Some(2026)),
            ("Dec 31, 2027", Some(2027)),
            ("2026年3月31日", Some(2026)),
            ("2026Q3", Some(2026)),
            ("Q3 2026", Some(2026)),
            ("FY26", Some(2026)),
            ("FY2025", Some(2025)),
            ("2026", Some(2026)),
            ("2026年3月底", Some(2026)),
            ("Q3", None),
            ("3月31日", None),
            ("3/31", None),
            ("上半年", None),
            ("", None),
            ("hello", None),
            ("12345", None),
        ];
        for (text, want) in cases {
            assert_eq!(explicit_year(text), *want, "explicit_year({text:?})");
        }
    }

    #[test]
    fn quarters() {
        let cases: &[(&str, Option<u8>)] = &[
            ("Q1", Some(1)),
            ("q1", Some(1)),
            ("1Q", Some(1)),
            ("Q4", Some(4)),
            ("2026Q1", Some(1)),
            ("2026-Q2", Some(2)),
            ("Q3 2026", Some(3)),
            ("Q1/2026", Some(1)),
            ("一季度", Some(1)),
            ("第一季度", Some(1)),
            ("第1季度", Some(1)),
            ("1季度", Some(1)),
            ("二季度", Some(2)),
            ("2026年第一季度", Some(1)),
            ("2026年四季度", Some(4)),
            ("Quarter 1", Some(1)),
            ("quarter 4", Some(4)),
            ("Ｑ２", Some(2)),
            ("1", Some(1)),
            ("4", Some(4)),
            (" 3 ", Some(3)),
            ("0", None),
            ("5", None),
            ("Q5", None),
            ("Q1目标", None),
            ("H1", None),
            ("2026", None),
            ("", None),
            ("五季度", None),
        ];
        for (text, want) in cases {
            assert_eq!(parse_quarter(text), *want, "parse_quarter({text:?})");
        }
    }

    #[test]
    fn title_years() {
        let cases: &[(&str, Option<i32>)] = &[
            ("2026年营销目标", Some(2026)),
            ("FY2026 Marketing Plan", Some(2026)),
            ("2026 Marketing Plan", Some(2026)),
            ("FY26", Some(2026)),
            ("FY26 目标 (v2025)", Some(2026)),
            ("２０２６年度计划", Some(2026)),
            ("Plan 1999", None),
            ("Plan 20260", None),
            ("Marketing plan", None),
            ("Team of 3000", None),
        ];
        for (text, want) in cases {
            assert_eq!(year_in_title(text), *want, "year_in_title({text:?})");
        }
    }

    #[test]
    fn markers() {
        let cases: &[(&str, Option<&str>)] = &[
            ("待定", Some("待定")),
            ("TBD", Some("TBD")),
            ("tbd", Some("TBD")),
            ("TBC", Some("TBC")),
            ("N/A", Some("N/A")),
            ("n/a", Some("N/A")),
            ("NA", Some("N/A")),
            ("Ｎ／Ａ", Some("N/A")),
            ("-", Some("-")),
            ("－", Some("-")),
            ("—", Some("—")),
            ("——", Some("—")),
            ("--", Some("--")),
            ("无", Some("无")),
            ("暂无", Some("暂无")),
            ("未定", Some("未定")),
            (" TBD ", Some("TBD")),
            ("-5", None),
            ("TBD later", None),
            ("", None),
        ];
        for (text, want) in cases {
            assert_eq!(marker(text), *want, "marker({text:?})");
        }
    }

    #[test]
    fn halfwidth_forms() {
        assert_eq!(halfwidth("１２００"), "1200");
        assert_eq!(halfwidth("（目标）"), "(目标)");
        assert_eq!(halfwidth("Ｑ１　目标"), "Q1 目标");
        assert_eq!(halfwidth("！～"), "!~");
        assert_eq!(halfwidth("预算￥"), "预算￥");
    }

    #[test]
    fn headers() {
        let cases: &[(&str, &str)] = &[
            ("Goal ID", "goalid"),
            ("Goal\nID", "goalid"),
            ("  Key Result ", "keyresult"),
            ("目标(O)", "目标o"),
            ("目标（O）", "目标o"),
            ("预算（万元）", "预算万元"),
            ("预算(万元)", "预算万元"),
            ("【备注】", "备注"),
            ("负责人：", "负责人"),
            ("渠道、平台", "渠道平台"),
            ("Q1·目标", "q1目标"),
            ("Q1-Target", "q1target"),
            ("start_date", "startdate"),
            ("Ｑ１目标", "q1目标"),
            ("No.", "no"),
            ("#", "#"),
            (" # ", "#"),
            ("KR ID", "krid"),
            ("", ""),
        ];
        for (text, want) in cases {
            assert_eq!(normalize_header(text), *want, "normalize_header({text:?})");
        }
    }
}
