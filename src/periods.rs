//! The plan's calendar: which month its year starts in (fiscal years), how quarters, halves
//! and years read in it, and the month columns (`1月`..`12月`, `Jan`..`Dec`, `2026-01`..)
//! a sheet may carry instead of, or beside, its quarters.
//!
//! A fiscal year is named by the calendar year it starts in unless the plan says otherwise:
//! with a first month of April, fiscal 2026 runs from 2026-04-01 to 2027-03-31, its Q1 is
//! April–June and its Q4 January–March 2027. A title that states both a label and a span
//! teaches the naming (`FY2027 (Jul 2026 – Jun 2027)` names years by the year they end in),
//! and so does `[plan] fiscal_year_named_by = "end"`. Every `year` taken or returned below is
//! such a label.

use chrono::{Datelike, NaiveDate};
use serde::Serialize;

use crate::parse::{self, DateSpan, DateValue, Period};

/// The month a plan's year starts in: 1 for a calendar year, 4 for an April–March fiscal
/// year, 7 for July–June, 10 for October–September.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct FiscalYear {
    /// 1–12.
    pub first_month: u32,
    /// Years are named by the calendar year they end in (`FY2027` = July 2026 – June 2027)
    /// rather than the one they start in.
    pub named_by_end: bool,
}

impl Default for FiscalYear {
    fn default() -> Self {
        FiscalYear {
            first_month: 1,
            named_by_end: false,
        }
    }
}

/// Where the plan's first month came from, reported by `inspect`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum FiscalSource {
    /// Nothing said otherwise: the calendar year.
    #[default]
    Calendar,
    /// `[plan] fiscal_year_start` in the config.
    Config,
    /// The title above the header states the year's span (`FY2026 (Apr 2026 – Mar 2027)`,
    /// `2026财年 (2026年4月-2027年3月)`) or a two-year label (`FY2026-27`).
    Title,
    /// The quarter headers name their months (`Q1 (Apr-Jun)`, `一季度(4-6月)`).
    QuarterHeaders,
    /// Twelve month columns in order, starting at a month other than January.
    MonthColumns,
}

impl FiscalYear {
    /// A fiscal year starting in `first_month` (1–12), `None` for any other number.
    pub fn starting(first_month: u32) -> Option<FiscalYear> {
        (1..=12).contains(&first_month).then_some(FiscalYear {
            first_month,
            named_by_end: false,
        })
    }

    /// The same first month, years named by the year they end in.
    pub fn named_by_end(self) -> FiscalYear {
        FiscalYear {
            named_by_end: !self.is_calendar(),
            ..self
        }
    }

    /// The calendar year fiscal year `label` starts in.
    pub fn start_year(self, label: i32) -> i32 {
        if self.named_by_end && !self.is_calendar() {
            label - 1
        } else {
            label
        }
    }

    /// The label of the fiscal year starting in calendar year `start`.
    pub fn label_of_start(self, start: i32) -> i32 {
        if self.named_by_end && !self.is_calendar() {
            start + 1
        } else {
            start
        }
    }

    /// Whether this is the calendar year.
    pub fn is_calendar(self) -> bool {
        self.first_month == 1
    }

    /// The calendar month (1–12) and calendar year of month `index` (0-based) of fiscal
    /// `year`.
    fn month_at(self, year: i32, index: u32) -> (i32, u32) {
        let m0 = self.first_month - 1 + index;
        (self.start_year(year) + (m0 / 12) as i32, m0 % 12 + 1)
    }

    /// The span of months `from..from + count` (0-based) of fiscal `year`.
    fn months_span(self, year: i32, from: u32, count: u32) -> Option<DateSpan> {
        let (y0, m0) = self.month_at(year, from);
        let (y1, m1) = self.month_at(year, from + count - 1);
        Some(DateSpan {
            start: DateSpan::month(y0, m0)?.start,
            end: DateSpan::month(y1, m1)?.end,
        })
    }

    /// The whole fiscal `year` (`2026` with April: 2026-04-01 – 2027-03-31).
    pub fn year_span(self, year: i32) -> Option<DateSpan> {
        self.months_span(year, 0, 12)
    }

    /// Quarter `quarter` (1–4) of fiscal `year`; `None` for any other quarter number.
    pub fn quarter(self, year: i32, quarter: u32) -> Option<DateSpan> {
        (1..=4)
            .contains(&quarter)
            .then(|| self.months_span(year, (quarter - 1) * 3, 3))?
    }

    /// Half `half` (1–2) of fiscal `year`.
    pub fn half(self, year: i32, half: u32) -> Option<DateSpan> {
        (1..=2)
            .contains(&half)
            .then(|| self.months_span(year, (half - 1) * 6, 6))?
    }

    /// The fiscal year a date falls in.
    pub fn year_of(self, date: NaiveDate) -> i32 {
        self.label_of_start(if date.month() >= self.first_month {
            date.year()
        } else {
            date.year() - 1
        })
    }

    /// The 0-based position of calendar month `month` (1–12) in the fiscal year.
    pub fn position(self, month: u32) -> u32 {
        (month + 12 - self.first_month) % 12
    }

    /// The 0-based quarter calendar month `month` (1–12) belongs to.
    pub fn quarter_of_month(self, month: u32) -> usize {
        (self.position(month) / 3) as usize
    }

    /// The year as messages show it: `2026` for a calendar year, `FY2026 (2026-04 – 2027-03)`
    /// for a fiscal one.
    pub fn label(self, year: i32) -> String {
        if self.is_calendar() {
            return year.to_string();
        }
        let (y0, m0) = self.month_at(year, 0);
        let (y1, m1) = self.month_at(year, 11);
        format!("FY{year} ({y0}-{m0:02} – {y1}-{m1:02})")
    }

    /// Read a date or period cell in this plan's year: quarters (`Q3`, `2026Q3`, `三季度`),
    /// halves (`H1`, `上半年`) and fiscal years (`FY2026`, `2026财年`) are fiscal periods, and
    /// a date written without its year (`3月31日`, `Mar 31`) falls inside fiscal `plan_year`.
    /// Other dates, months and ranges read as [`parse::parse_date`] reads them; in a calendar
    /// plan this is exactly [`parse::parse_date`].
    pub fn parse_date(self, text: &str, plan_year: Option<i32>) -> DateValue {
        if self.is_calendar() {
            return parse::parse_date(text, plan_year);
        }
        if let Some(span) = self.fiscal_period(text, plan_year) {
            return span;
        }
        match parse::parse_date(text, None) {
            DateValue::NeedsYear => {
                let Some(year) = plan_year.map(|y| self.start_year(y)) else {
                    return DateValue::NeedsYear;
                };
                match parse::parse_date(text, Some(year)) {
                    DateValue::Date(span) if span.start.month() < self.first_month => {
                        parse::parse_date(text, year.checked_add(1))
                    }
                    other => other,
                }
            }
            other => other,
        }
    }

    /// A quarter, half or fiscal-year text as its span in this fiscal year.
    fn fiscal_period(self, text: &str, plan_year: Option<i32>) -> Option<DateValue> {
        let half = parse::halfwidth(text.trim());
        let (stripped, fiscal_word) = match half
            .strip_suffix("财年")
            .or_else(|| half.strip_suffix("财务年度"))
        {
            Some(t) => (t.trim().to_string(), true),
            None => (half.clone(), false),
        };
        if let Some((first, _)) = two_year_label(&stripped) {
            return Some(date_value(self.year_span(self.label_of_start(first))));
        }
        let (year, fy, period) = parse::period_of(&stripped)?;
        let year = match year.or(plan_year) {
            Some(y) => y,
            None => return Some(DateValue::NeedsYear),
        };
        Some(match period {
            Period::Quarter(q) => date_value(self.quarter(year, q)),
            Period::Half(h) => date_value(self.half(year, h)),
            // `2026年` and a bare `2026` are the calendar year; `FY2026` and `2026财年` the
            // fiscal one.
            Period::Year if fy || fiscal_word => date_value(self.year_span(year)),
            Period::Year => return None,
        })
    }
}

fn date_value(span: Option<DateSpan>) -> DateValue {
    span.map_or(DateValue::Invalid, DateValue::Date)
}

/// `FY2026-27`, `FY2026/27`, `FY26-27`, `2026-27`, `2026/2027` (a year and the next): the
/// first year and the second.
fn two_year_label(text: &str) -> Option<(i32, i32)> {
    let t = text.trim();
    let t = t
        .get(..2)
        .filter(|p| p.eq_ignore_ascii_case("fy"))
        .map_or(t, |_| t[2..].trim_start());
    let (a, b) = t.split_once(['-', '/', '–'])?;
    let (a, b) = (a.trim(), b.trim());
    let digits = |s: &str| !s.is_empty() && s.chars().all(|c| c.is_ascii_digit());
    if !digits(a) || !digits(b) {
        return None;
    }
    let first: i32 = match a.len() {
        4 => a.parse().ok()?,
        2 => 2000 + a.parse::<i32>().ok()?,
        _ => return None,
    };
    let second: i32 = match b.len() {
        4 => b.parse().ok()?,
        2 => first / 100 * 100 + b.parse::<i32>().ok()?,
        _ => return None,
    };
    (second == first + 1 && (2000..=2100).contains(&first)).then_some((first, second))
}

/// Whether a span is twelve whole months (its first day a 1st, its last the day before the
/// same date a year on).
fn is_twelve_months(span: DateSpan) -> bool {
    let (s, e) = (span.start, span.end);
    if s.day() != 1 {
        return false;
    }
    let next = NaiveDate::from_ymd_opt(s.year() + 1, s.month(), 1);
    next.and_then(|n| n.pred_opt()) == Some(e)
}

/// What a title says of its fiscal year.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StatedFiscal {
    /// 1–12.
    pub first_month: u32,
    /// The calendar year it starts in, when the title gives it.
    pub start_year: Option<i32>,
    /// The title's own label (`FY2027`) is the year the span ends in.
    pub named_by_end: bool,
}

impl StatedFiscal {
    /// The fiscal year it states.
    pub fn fiscal(self) -> Option<FiscalYear> {
        let fy = FiscalYear::starting(self.first_month)?;
        Some(if self.named_by_end {
            fy.named_by_end()
        } else {
            fy
        })
    }
    /// The plan year it states, as its own label.
    pub fn label(self) -> Option<i32> {
        let fy = self.fiscal()?;
        self.start_year.map(|y| fy.label_of_start(y))
    }
}

/// The fiscal year a title states: its first month, the year it starts in, and how the
/// title names it.
///
/// Reads a span in brackets or after the label (`FY2026 (Apr 2026 – Mar 2027)`,
/// `(1 Apr 2026 - 31 Mar 2027)`, `2026财年（2026年4月-2027年3月）`) that covers twelve months,
/// else a two-year label (`FY2026-27`, `FY26/27`, `2026-27财年`), which is taken as an
/// April–March year (the most common one with such labels). A calendar span
/// (`Jan 2026 – Dec 2026`) gives first month 1. A label (`FY2027`, `2027财年`) one year after
/// the span's start says years are named by the year they end in.
///
/// ```
/// use goalsheet::periods::fiscal_from_title;
/// let april = fiscal_from_title("FY2026 (Apr 2026 – Mar 2027)").unwrap();
/// assert_eq!((april.first_month, april.start_year, april.named_by_end), (4, Some(2026), false));
/// let july = fiscal_from_title("FY2027 plan (Jul 2026 – Jun 2027)").unwrap();
/// assert_eq!((july.first_month, july.label(), july.named_by_end), (7, Some(2027), true));
/// assert_eq!(fiscal_from_title("FY2026-27 Marketing Plan").map(|s| s.label()), Some(Some(2026)));
/// assert_eq!(fiscal_from_title("2026 Marketing Plan"), None);
/// ```
pub fn fiscal_from_title(title: &str) -> Option<StatedFiscal> {
    let text = parse::halfwidth(title);
    let mut pieces: Vec<&str> = Vec::new();
    let mut rest = text.as_str();
    while let Some(open) = rest.find(['(', '[']) {
        let after = &rest[open + 1..];
        let Some(close) = after.find([')', ']']) else {
            break;
        };
        pieces.push(&after[..close]);
        rest = &after[close + 1..];
    }
    // Unbracketed: the words after a fiscal label, and the whole title.
    pieces.extend(text.split([':', '|', ',']));
    pieces.push(&text);
    let words: Vec<&str> = text
        .split(|c: char| c.is_whitespace() || "()[]:|,".contains(c))
        .collect();
    let two_years = words
        .iter()
        .find_map(|w| two_year_label(w.trim_end_matches("财年").trim_end_matches("财务年度")));
    for piece in &pieces {
        for candidate in span_candidates(piece) {
            if let DateValue::Date(span) = parse::parse_date(&candidate, None)
                && is_twelve_months(span)
            {
                let start = span.start.year();
                let label = fiscal_label(&text);
                return Some(StatedFiscal {
                    first_month: span.start.month(),
                    start_year: Some(start),
                    named_by_end: two_years.is_none()
                        && span.start.month() != 1
                        && label == Some(start + 1),
                });
            }
        }
    }
    two_years.map(|(first, _)| StatedFiscal {
        first_month: 4,
        start_year: Some(first),
        named_by_end: false,
    })
}

/// The year a fiscal label names: `FY2027`, `FY27`, `2027财年`, `2027 fiscal year`.
fn fiscal_label(text: &str) -> Option<i32> {
    let lower = text.to_ascii_lowercase();
    if let Some(at) = lower.find("fy") {
        let digits: String = lower[at + 2..]
            .trim_start()
            .chars()
            .take_while(char::is_ascii_digit)
            .collect();
        match digits.len() {
            4 => return digits.parse().ok(),
            2 => return digits.parse::<i32>().ok().map(|y| 2000 + y),
            _ => {}
        }
    }
    for marker in ["财年", "财务年度", " fiscal year"] {
        if let Some(at) = lower.find(marker) {
            let before: String = lower[..at]
                .trim_end()
                .chars()
                .rev()
                .take_while(char::is_ascii_digit)
                .collect();
            if before.len() == 4 {
                return before.chars().rev().collect::<String>().parse().ok();
            }
        }
    }
    None
}

/// A piece of title text and its tails after each space (`FY2026 Apr 2026 – Mar 2027` →
/// `Apr 2026 – Mar 2027`, …): a span may follow other words.
fn span_candidates(piece: &str) -> Vec<String> {
    let piece = piece.trim();
    let mut out = vec![piece.to_string()];
    for (i, c) in piece.char_indices() {
        if c.is_whitespace() || (c == '财' || c == '年') && i > 0 {
            let tail = piece[i + c.len_utf8()..].trim();
            if !tail.is_empty() && out.len() < 16 {
                out.push(tail.to_string());
            }
        }
    }
    out
}

/// The first calendar month named in a quarter header's brackets: `Q1 (Apr-Jun)` → 4,
/// `一季度(4-6月)` → 4, `Q4 (Jan–Mar)` → 1; `None` without one.
pub fn first_month_in_brackets(header: &str) -> Option<u32> {
    let text = parse::halfwidth(header);
    let inner = match text.find('(') {
        Some(open) => {
            let inner = &text[open + 1..];
            &inner[..inner.find(')').unwrap_or(inner.len())]
        }
        // Unbracketed (`Q1 Apr-Jun`, `一季度 4-6月`): what follows the quarter's name.
        None => after_quarter_name(&text)?,
    };
    let has_yue = inner.contains('月');
    let mut word = String::new();
    let mut number = String::new();
    for c in inner.chars().chain(std::iter::once(' ')) {
        if c.is_ascii_alphabetic() {
            word.push(c);
            continue;
        }
        if !word.is_empty() {
            if let Some(m) = month_word(&word) {
                return Some(m);
            }
            word.clear();
        }
        if c.is_ascii_digit() {
            number.push(c);
            continue;
        }
        if !number.is_empty() {
            if has_yue
                && let Ok(m) = number.parse::<u32>()
                && (1..=12).contains(&m)
            {
                return Some(m);
            }
            number.clear();
        }
    }
    None
}

/// The text after a quarter's name (`Q1`, `1Q`, `Quarter 1`, `一季度`, `第1季度`), `None`
/// without one.
fn after_quarter_name(text: &str) -> Option<&str> {
    if let Some(at) = text.find("季度") {
        return Some(&text[at + "季度".len()..]);
    }
    let lower = text.to_ascii_lowercase();
    let bytes = lower.as_bytes();
    let at = lower
        .find("quarter")
        .map(|i| i + "quarter".len())
        .or_else(|| {
            (0..bytes.len()).find_map(|i| {
                let q = bytes[i] == b'q';
                let digit_after = bytes.get(i + 1).is_some_and(u8::is_ascii_digit);
                let digit_before = i > 0 && bytes[i - 1].is_ascii_digit();
                (q && (digit_after || digit_before)).then_some(i + 1)
            })
        })?;
    let rest = text.get(at..)?;
    Some(rest.trim_start_matches(|c: char| c.is_ascii_digit() || c == ' '))
}

/// An English month name or its three-letter (or `Sept`) abbreviation.
fn month_word(word: &str) -> Option<u32> {
    let w = word.to_ascii_lowercase();
    if w == "sept" {
        return Some(9);
    }
    if w.len() < 3 {
        return None;
    }
    w.parse::<chrono::Month>()
        .ok()
        .map(|m| m.number_from_month())
}

/// The fiscal year the quarter headers state: each `(quarter 1–4, header text)` that names
/// its first month gives the year's first month; they must agree.
pub fn fiscal_from_quarter_headers(headers: &[(u32, String)]) -> Option<u32> {
    let mut found: Option<u32> = None;
    for (q, text) in headers {
        let Some(m) = first_month_in_brackets(text) else {
            continue;
        };
        let first = (m + 12 * 2 - 1 - 3 * (q.saturating_sub(1) % 4)) % 12 + 1;
        match found {
            Some(f) if f != first => return None,
            _ => found = Some(first),
        }
    }
    found
}

/// A month column: the calendar month it holds, its year when the header names one, and its
/// 0-based column.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MonthColumn {
    /// 1–12.
    pub month: u32,
    pub year: Option<i32>,
    pub col: u32,
    /// The header text as written.
    pub header: String,
}

/// Words around a month in its header that say nothing more (`1月目标`, `Jan Target`,
/// `1月份`, `M1 plan`).
const MONTH_HEADER_EXTRAS: [&str; 12] = [
    "目标值",
    "目标",
    "计划",
    "份",
    "target",
    "plan",
    "goal",
    "tgt",
    "月度",
    "monthly",
    "budget",
    "预算",
];

/// Words that make a month column something other than a monthly target (`1月实际`,
/// `Jan Actual`, `1月完成率`).
const NOT_TARGET_WORDS: [&str; 8] = [
    "实际", "完成", "actual", "达成", "进度", "progress", "achieved", "%",
];

/// The month a header names: `1月` `01月` `一月` `十二月` `2026年1月` `Jan` `January` `Sept`
/// `Jan 2026` `Jan-26` `2026-01` `2026/01` `M1`..`M12`, with a target word or a unit in
/// brackets around it (`1月目标`, `Jan Target`, `1月(万元)`). Returns (year if written,
/// month). Actuals (`1月实际`, `Jan Actual`) and formula columns (`月度合计`, `月均目标`)
/// are not months.
///
/// ```
/// use goalsheet::periods::month_of_header;
/// assert_eq!(month_of_header("十一月"), Some((None, 11)));
/// assert_eq!(month_of_header("2026-03"), Some((Some(2026), 3)));
/// assert_eq!(month_of_header("M12"), Some((None, 12)));
/// assert_eq!(month_of_header("月均目标"), None);
/// assert_eq!(month_of_header("1月实际"), None);
/// ```
pub fn month_of_header(header: &str) -> Option<(Option<i32>, u32)> {
    let mut text = parse::halfwidth(header).trim().to_lowercase();
    if NOT_TARGET_WORDS.iter().any(|w| text.contains(w)) {
        return None;
    }
    // A unit in brackets at the end.
    if let Some(open) = text.rfind('(')
        && text.ends_with(')')
        && open > 0
    {
        text.truncate(open);
    }
    let mut text = text.trim().to_string();
    for w in MONTH_HEADER_EXTRAS {
        text = text.replace(w, " ");
    }
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if text.is_empty() || text.chars().count() > 20 {
        return None;
    }
    if let Some(n) = text.strip_prefix('m')
        && !n.is_empty()
        && n.len() <= 2
        && n.chars().all(|c| c.is_ascii_digit())
    {
        let m: u32 = n.parse().ok()?;
        return (1..=12).contains(&m).then_some((None, m));
    }
    let whole_month = |span: DateSpan| {
        let m = span.start.month();
        (span.start.day() == 1 && DateSpan::month(span.start.year(), m) == Some(span)).then_some(m)
    };
    match parse::parse_date(&text, None) {
        DateValue::Date(span) => whole_month(span).map(|m| (Some(span.start.year()), m)),
        DateValue::NeedsYear => match parse::parse_date(&text, Some(2000)) {
            DateValue::Date(span) => whole_month(span).map(|m| (None, m)),
            _ => None,
        },
        _ => None,
    }
}

/// How many cells of a sheet row name a month ([`month_of_header`]); a row of months under a
/// band makes the header two rows deep.
pub fn month_headers_in_row(sheet: &crate::read::Sheet, row: u32) -> usize {
    (0..sheet.width())
        .filter(|&c| is_month_cell(sheet, row, c))
        .count()
}

/// Whether a cell names a month ([`month_of_header`], or a date on the 1st of a month).
pub fn is_month_cell(sheet: &crate::read::Sheet, row: u32, col: u32) -> bool {
    match sheet.raw(row, col) {
        crate::read::CellValue::String(s) => month_of_header(s).is_some(),
        crate::read::CellValue::Date(d) => d.day() == 1,
        _ => false,
    }
}

/// The fiscal year twelve month columns in sheet order state: their first month when it is
/// not January (`4月`..`3月`, `2026-04`..`2027-03`), with the year when the headers carry it.
pub fn fiscal_from_months(months: &[MonthColumn]) -> Option<(u32, Option<i32>)> {
    if months.len() != 12 {
        return None;
    }
    let first = months.first()?;
    let in_order = months
        .iter()
        .enumerate()
        .all(|(i, m)| m.month == (first.month - 1 + i as u32) % 12 + 1);
    (in_order && first.month != 1).then_some((first.month, first.year))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn an_april_year_has_its_own_quarters_halves_and_span() {
        let fy = FiscalYear::starting(4).unwrap();
        let q4 = fy.quarter(2026, 4).unwrap();
        assert_eq!((q4.start, q4.end), (day(2027, 1, 1), day(2027, 3, 31)));
        let h1 = fy.half(2026, 1).unwrap();
        assert_eq!((h1.start, h1.end), (day(2026, 4, 1), day(2026, 9, 30)));
        let y = fy.year_span(2026).unwrap();
        assert_eq!((y.start, y.end), (day(2026, 4, 1), day(2027, 3, 31)));
        assert_eq!(fy.year_of(day(2027, 3, 31)), 2026);
        assert_eq!(fy.year_of(day(2026, 4, 1)), 2026);
        assert_eq!(fy.quarter_of_month(3), 3);
        assert_eq!(fy.quarter_of_month(4), 0);
        assert_eq!(fy.quarter(2026, 5), None);
        let oct = FiscalYear::starting(10).unwrap();
        assert_eq!(oct.quarter(2026, 2).unwrap().end, day(2027, 3, 31));
        assert_eq!(FiscalYear::starting(13), None);
        // Named by the year it ends in: FY2027 is July 2026 – June 2027.
        let july = FiscalYear::starting(7).unwrap().named_by_end();
        let y = july.year_span(2027).unwrap();
        assert_eq!((y.start, y.end), (day(2026, 7, 1), day(2027, 6, 30)));
        assert_eq!(july.year_of(day(2026, 7, 1)), 2027);
        assert_eq!(july.year_of(day(2026, 6, 30)), 2026);
        assert_eq!(july.quarter(2027, 1).unwrap().end, day(2026, 9, 30));
        assert_eq!(july.label(2027), "FY2027 (2026-07 – 2027-06)");
        assert_eq!(FiscalYear::default().named_by_end(), FiscalYear::default());
    }

    #[test]
    fn periods_read_in_the_fiscal_year_and_calendar_plans_are_unchanged() {
        let fy = FiscalYear::starting(4).unwrap();
        let end = |t: &str| match fy.parse_date(t, Some(2026)) {
            DateValue::Date(s) => Some(s.end),
            _ => None,
        };
        assert_eq!(end("Q3"), Some(day(2026, 12, 31)));
        assert_eq!(end("Q4"), Some(day(2027, 3, 31)));
        assert_eq!(end("三季度"), Some(day(2026, 12, 31)));
        assert_eq!(end("H1"), Some(day(2026, 9, 30)));
        assert_eq!(end("上半年"), Some(day(2026, 9, 30)));
        assert_eq!(end("FY2026"), Some(day(2027, 3, 31)));
        assert_eq!(end("2026财年"), Some(day(2027, 3, 31)));
        assert_eq!(end("FY2026-27"), Some(day(2027, 3, 31)));
        assert_eq!(end("3月31日"), Some(day(2027, 3, 31)));
        assert_eq!(end("6月30日"), Some(day(2026, 6, 30)));
        assert_eq!(end("2026-12-31"), Some(day(2026, 12, 31)));
        assert_eq!(end("2026年"), Some(day(2026, 12, 31)));
        let july = FiscalYear::starting(7).unwrap().named_by_end();
        let end27 = |t: &str| match july.parse_date(t, Some(2027)) {
            DateValue::Date(s) => Some(s.end),
            _ => None,
        };
        assert_eq!(end27("FY2027"), Some(day(2027, 6, 30)));
        assert_eq!(end27("Q2"), Some(day(2026, 12, 31)));
        assert_eq!(end27("3月31日"), Some(day(2027, 3, 31)));
        assert_eq!(end27("8月31日"), Some(day(2026, 8, 31)));
        assert_eq!(end27("FY2026-27"), Some(day(2027, 6, 30)));
        assert_eq!(fy.parse_date("Q3", None), DateValue::NeedsYear);
        let cal = FiscalYear::default();
        assert_eq!(
            cal.parse_date("Q3", Some(2026)),
            parse::parse_date("Q3", Some(2026))
        );
    }

    #[test]
    fn titles_and_headers_state_the_fiscal_year() {
        let stated = |t: &str| {
            fiscal_from_title(t).map(|s| (s.first_month, s.start_year, s.named_by_end, s.label()))
        };
        assert_eq!(
            stated("FY2026-27 Marketing Plan (1 Apr 2026 - 31 Mar 2027)"),
            Some((4, Some(2026), false, Some(2026)))
        );
        assert_eq!(
            stated("FY2027 plan: Oct 2026 – Sep 2027"),
            Some((10, Some(2026), true, Some(2027)))
        );
        assert_eq!(
            stated("2026财年(2026年4月-2027年3月)目标"),
            Some((4, Some(2026), false, Some(2026)))
        );
        assert_eq!(
            stated("2027财年目标（2026年7月-2027年6月）"),
            Some((7, Some(2026), true, Some(2027)))
        );
        assert_eq!(
            stated("FY26/27 目标"),
            Some((4, Some(2026), false, Some(2026)))
        );
        assert_eq!(stated("2026年营销目标 (更新于 2026-03-01)"), None);
        assert_eq!(
            stated("Plan (Jan 2026 - Dec 2026)"),
            Some((1, Some(2026), false, Some(2026)))
        );
        let heads = |v: &[(u32, &str)]| {
            fiscal_from_quarter_headers(
                &v.iter()
                    .map(|(q, t)| (*q, t.to_string()))
                    .collect::<Vec<_>>(),
            )
        };
        assert_eq!(heads(&[(1, "Q1 (Apr-Jun)"), (4, "Q4 (Jan-Mar)")]), Some(4));
        assert_eq!(
            heads(&[(1, "一季度（7-9月）"), (2, "二季度（10-12月）")]),
            Some(7)
        );
        assert_eq!(heads(&[(1, "Q1 (Jan-Mar)")]), Some(1));
        assert_eq!(heads(&[(1, "Q1 (万元)"), (2, "Q2")]), None);
        assert_eq!(heads(&[(1, "Q1 Apr-Jun"), (2, "Q2 Jul–Sep")]), Some(4));
        assert_eq!(heads(&[(1, "一季度 4-6月"), (4, "四季度1-3月")]), Some(4));
        assert_eq!(heads(&[(1, "Quarter 1: October–December")]), Some(10));
        assert_eq!(heads(&[(1, "Q1"), (2, "Q2 Target")]), None);
        assert_eq!(heads(&[(1, "Q1 (Apr-Jun)"), (2, "Q2 (Jan-Mar)")]), None);
    }

    #[test]
    fn month_headers_in_english_chinese_and_iso_forms() {
        for (t, m) in [
            ("1月", 1),
            ("01月", 1),
            ("一月", 1),
            ("十二月", 12),
            ("3月目标", 3),
            ("5月份", 5),
            ("Jan", 1),
            ("January", 1),
            ("Sept", 9),
            ("Dec Target", 12),
            ("M7", 7),
            ("m10", 10),
            ("6月(万元)", 6),
        ] {
            assert_eq!(month_of_header(t), Some((None, m)), "{t}");
        }
        for (t, y, m) in [
            ("2026-01", 2026, 1),
            ("2026/12", 2026, 12),
            ("2026年1月", 2026, 1),
            ("Jan 2026", 2026, 1),
            ("Mar-27", 2027, 3),
        ] {
            assert_eq!(month_of_header(t), Some((Some(y), m)), "{t}");
        }
        for t in [
            "月度合计",
            "分解校验",
            "人均目标",
            "月均目标",
            "1月实际",
            "Jan Actual",
            "M13",
            "Q1",
            "2026",
            "3月31日",
            "Owner",
            "Mar",
            "May",
        ] {
            let want = matches!(t, "Mar" | "May");
            assert_eq!(month_of_header(t).is_some(), want, "{t}");
        }
    }

    #[test]
    fn twelve_months_from_april_state_an_april_year() {
        let cols = |first: u32, year: Option<i32>| -> Vec<MonthColumn> {
            (0..12)
                .map(|i| MonthColumn {
                    month: (first - 1 + i) % 12 + 1,
                    year,
                    col: i,
                    header: String::new(),
                })
                .collect()
        };
        assert_eq!(fiscal_from_months(&cols(4, None)), Some((4, None)));
        assert_eq!(fiscal_from_months(&cols(1, None)), None);
        assert_eq!(fiscal_from_months(&cols(4, None)[..6]), None);
    }
}
