//! Property tests of the value parsers (DESIGN §2 "Values"): whatever people write in the
//! supported forms reads back as the value it says, and no text makes a parser panic.

use chrono::{Datelike, NaiveDate, TimeDelta};
use goalsheet::parse::{
    DateSpan, DateValue, NumberValue, excel_serial_to_date, explicit_year, halfwidth, marker,
    normalize_header, parse_date, parse_number, parse_quarter, round_noise, year_in_title,
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

/// ASCII to full-width (U+0021–U+007E → U+FF01–U+FF5E).
fn fullwidth(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '!'..='~' => char::from_u32(c as u32 + 0xFEE0).unwrap_or(c),
            c => c,
        })
        .collect()
}

fn number(value: f64) -> NumberValue {
    NumberValue::Number {
        value,
        percent: false,
    }
}

const SEPARATORS: [&str; 6] = [",", " ", "\u{00A0}", "\u{202F}", "\u{2009}", "，"];
const CURRENCIES: [(&str, &str); 12] = [
    ("¥", ""),
    ("￥", ""),
    ("$", ""),
    ("€", ""),
    ("£", ""),
    ("RMB ", ""),
    ("CNY", ""),
    ("USD ", ""),
    ("EUR", ""),
    ("", "元"),
    ("", " 美元"),
    ("", " USD"),
];

fn date_in_range(from: NaiveDate, to: NaiveDate) -> impl Strategy<Value = NaiveDate> {
    let days = (to - from).num_days();
    (0..=days).prop_map(move |n| from + TimeDelta::days(n))
}

fn any_date() -> impl Strategy<Value = NaiveDate> {
    date_in_range(
        NaiveDate::from_ymd_opt(1900, 1, 1).unwrap(),
        NaiveDate::from_ymd_opt(2100, 12, 31).unwrap(),
    )
}

fn day(date: NaiveDate) -> DateValue {
    DateValue::Date(DateSpan::day(date))
}

proptest! {
    #[test]
    fn integers_in_every_written_form(
        n in 0u64..100_000_000_000,
        sep in prop::sample::select(SEPARATORS.to_vec()),
        currency in prop::sample::select(CURRENCIES.to_vec()),
        negative in 0usize..4,
    ) {
        let value = n as f64;
        let plain = n.to_string();
        let with_sep = grouped(n, sep);
        prop_assert_eq!(parse_number(&plain), number(value));
        prop_assert_eq!(parse_number(&with_sep), number(value));
        prop_assert_eq!(parse_number(&fullwidth(&plain)), number(value));
        prop_assert_eq!(parse_number(&fullwidth(&grouped(n, ","))), number(value));

        let (prefix, suffix) = currency;
        let money = format!("{prefix}{with_sep}{suffix}");
        prop_assert_eq!(parse_number(&money), number(value), "{}", money);

        let (text, want) = match negative {
            0 => (format!("-{money}"), -value),
            1 => (format!("({money})"), -value),
            2 => (format!("\u{2212}{with_sep}"), -value),
            _ => (format!("+{money}"), value),
        };
        prop_assert_eq!(parse_number(&text), number(round_noise(want)), "{}", text);
    }

    #[test]
    fn multiplier_suffixes(n in 0u64..100_000_000, sep in prop::sample::select(SEPARATORS.to_vec())) {
        let g = grouped(n, sep);
        let cases = [
            (format!("{g}万"), 1e4),
            (format!("{g}万元"), 1e4),
            (format!("¥{g}万"), 1e4),
            (format!("{g}w"), 1e4),
            (format!("{g}亿"), 1e8),
            (format!("{g}千"), 1e3),
            (format!("{g}k"), 1e3),
            (format!("{g}K"), 1e3),
            (format!("{g}M"), 1e6),
            (format!("{g}m"), 1e6),
            (format!("{g}B"), 1e9),
            (format!("{g}bn"), 1e9),
            (format!("{}万", fullwidth(&n.to_string())), 1e4),
        ];
        for (text, factor) in cases {
            let want = round_noise((n as f64) * factor);
            prop_assert_eq!(parse_number(&text), number(want), "{}", text);
        }
    }

    #[test]
    fn decimals(int in 0u64..1_000_000_000, frac in "[0-9]{1,6}", sep in prop::sample::select(SEPARATORS.to_vec())) {
        let exact: f64 = format!("{int}.{frac}").parse().unwrap();
        let text = format!("{}.{frac}", grouped(int, sep));
        prop_assert_eq!(parse_number(&text), number(round_noise(exact)), "{}", &text);
        prop_assert_eq!(parse_number(&fullwidth(&text)), number(round_noise(exact)));

        // 万 and % scale the value; compare within float tolerance.
        let scaled = [(format!("{text}万"), exact * 1e4, false), (format!("{text}%"), exact / 100.0, true)];
        for (written, want, is_percent) in scaled {
            match parse_number(&written) {
                NumberValue::Number { value, percent } => {
                    prop_assert_eq!(percent, is_percent);
                    prop_assert!((value - want).abs() <= 1e-12 * want.abs().max(1e-300), "{} → {}", written, value);
                }
                other => prop_assert!(false, "{} → {:?}", written, other),
            }
        }
    }

    #[test]
    fn whole_percentages(n in 0u32..10_000, space in prop::bool::ANY, full in prop::bool::ANY) {
        let mut text = if space { format!("{n} %") } else { format!("{n}%") };
        if full {
            text = fullwidth(&text);
        }
        prop_assert_eq!(
            parse_number(&text),
            NumberValue::Number { value: round_noise(f64::from(n) / 100.0), percent: true }
        );
    }

    #[test]
    fn dates_in_every_pattern(date in any_date()) {
        let patterns = [
            "%Y-%m-%d", "%Y/%-m/%-d", "%Y.%-m.%-d", "%Y-%-m-%-d", "%Y%m%d", "%d/%m/%Y",
            "%d.%m.%Y", "%b %-d, %Y", "%B %-d, %Y", "%d-%b-%Y", "%-d %B %Y", "%-d %b %Y",
            "%Y年%-m月%-d日", "%Y-%m-%d %H:%M:%S", "%Y/%-m/%-d %-H:%M", "%Y-%m-%dT%H:%M:%S",
            "%a, %b %-d, %Y",
        ];
        let at = date.and_hms_opt(13, 5, 9).unwrap();
        for pattern in patterns {
            let text = at.format(pattern).to_string();
            prop_assert_eq!(parse_date(&text, None), day(date), "{}", &text);
            prop_assert_eq!(explicit_year(&text), Some(date.year()), "{}", &text);
        }
        for pattern in ["%Y-%m-%d", "%Y年%-m月%-d日"] {
            let text = fullwidth(&date.format(pattern).to_string());
            prop_assert_eq!(parse_date(&text, None), day(date), "{}", &text);
        }
        // US month-first is read right whenever it is not ambiguous.
        if date.day() > 12 || date.day() == date.month() {
            let text = date.format("%m/%d/%Y").to_string();
            prop_assert_eq!(parse_date(&text, None), day(date), "{}", &text);
        }
        // Year-less forms take the plan year.
        for pattern in ["%-m月%-d日", "%-m/%-d", "%b %-d", "%-d %B"] {
            let text = date.format(pattern).to_string();
            prop_assert_eq!(parse_date(&text, Some(date.year())), day(date), "{}", &text);
            prop_assert_eq!(parse_date(&text, None), DateValue::NeedsYear, "{}", &text);
        }
    }

    #[test]
    fn ranges_span_from_first_to_last(a in any_date(), b in any_date(), sep in prop::sample::select(vec![" ~ ", "~", "～", " - ", "至", "到", " to ", "—"])) {
        let (from, to) = if a <= b { (a, b) } else { (b, a) };
        let want = DateValue::Date(DateSpan { start: from, end: to });
        for pattern in ["%Y-%m-%d", "%Y/%-m/%-d", "%Y年%-m月%-d日", "%b %-d, %Y"] {
            let text = format!("{}{sep}{}", from.format(pattern), to.format(pattern));
            prop_assert_eq!(parse_date(&text, None), want.clone(), "{}", &text);
        }
        let dotted = format!("{}-{}", from.format("%Y.%-m.%-d"), to.format("%Y.%-m.%-d"));
        prop_assert_eq!(parse_date(&dotted, None), want.clone(), "{}", &dotted);
        if from < to {
            let reversed = format!("{}{sep}{}", to.format("%Y-%m-%d"), from.format("%Y-%m-%d"));
            prop_assert_eq!(parse_date(&reversed, None), DateValue::Invalid, "{}", &reversed);
        }
    }

    #[test]
    fn two_digit_years_are_this_century(date in date_in_range(
        NaiveDate::from_ymd_opt(2000, 1, 1).unwrap(),
        NaiveDate::from_ymd_opt(2099, 12, 31).unwrap(),
    )) {
        let text = date.format("%d-%b-%y").to_string();
        prop_assert_eq!(parse_date(&text, None), day(date), "{}", &text);
    }

    #[test]
    fn periods_end_on_their_last_day(year in 1900i32..=2100, q in 1u32..=4, m in 1u32..=12) {
        let first = NaiveDate::from_ymd_opt(year, q * 3 - 2, 1).unwrap();
        let last = NaiveDate::from_ymd_opt(year, q * 3, 1).unwrap()
            .checked_add_months(chrono::Months::new(1)).unwrap()
            .pred_opt().unwrap();
        let quarter = DateValue::Date(DateSpan { start: first, end: last });
        let cn = ["一", "二", "三", "四"][q as usize - 1];
        for text in [
            format!("{year}Q{q}"), format!("{year}-Q{q}"), format!("{year} Q{q}"),
            format!("Q{q} {year}"), format!("Q{q}/{year}"), format!("{year}年第{cn}季度"),
            format!("{year}年{cn}季度"), format!("{year}年第{q}季度"),
        ] {
            prop_assert_eq!(parse_date(&text, None), quarter.clone(), "{}", &text);
            prop_assert_eq!(parse_date(&format!("Q{q}"), Some(year)), quarter.clone());
            prop_assert_eq!(parse_quarter(&text), Some(q as u8), "{}", &text);
            prop_assert_eq!(explicit_year(&text), Some(year), "{}", &text);
        }
        let month = DateSpan::month(year, m).unwrap();
        for text in [format!("{year}-{m:02}"), format!("{year}/{m}"), format!("{year}年{m}月")] {
            prop_assert_eq!(parse_date(&text, None), DateValue::Date(month), "{}", &text);
        }
        prop_assert_eq!(month.end.month(), m);
        prop_assert_eq!(month.end.succ_opt().map(|d| d.day()), Some(1));
        let whole = DateValue::Date(DateSpan::year(year).unwrap());
        prop_assert_eq!(parse_date(&format!("FY{year}"), None), whole.clone());
        prop_assert_eq!(parse_date(&format!("{year}年"), None), whole.clone());
        prop_assert_eq!(parse_date(&year.to_string(), None), whole);
    }

    #[test]
    fn titles_name_their_year(year in 2000i32..=2100, words in "[a-zA-Z 目标计划营销]{0,12}") {
        prop_assert_eq!(year_in_title(&format!("{year}年{words}")), Some(year));
        prop_assert_eq!(year_in_title(&format!("FY{year} {words}")), Some(year));
        prop_assert_eq!(year_in_title(&format!("{words} {year}")), Some(year));
    }

    #[test]
    fn no_panic_on_arbitrary_text(text in any::<String>(), year in prop::option::of(-5000i32..5000)) {
        let _ = parse_number(&text);
        let _ = parse_date(&text, year);
        let _ = normalize_header(&text);
        let _ = parse_quarter(&text);
        let _ = explicit_year(&text);
        let _ = year_in_title(&text);
        let _ = marker(&text);
        let _ = halfwidth(&text);
    }

    #[test]
    fn no_panic_on_near_miss_text(
        text in "[0-9０-９,，.．%％()（）¥￥$€万亿千kKMmBbnwW元人年月日号季度第上下半一二三四十QqHhFfYyTt /:\\-−—'eE+]{0,24}",
        year in prop::option::of(1i32..3000),
    ) {
        let parsed = parse_number(&text);
        if let NumberValue::Number { value, .. } = parsed {
            prop_assert!(value.is_finite());
        }
        if let DateValue::Date(span) = parse_date(&text, year) {
            prop_assert!(span.start <= span.end);
        }
        let _ = normalize_header(&text);
        if let Some(q) = parse_quarter(&text) {
            prop_assert!((1..=4).contains(&q));
        }
        let _ = explicit_year(&text);
    }

    #[test]
    fn normalized_headers_are_stable(text in "[a-zA-Z0-9 ()（）【】：，、。·/_\\-.#目标预算负责人\n]{0,16}") {
        let once = normalize_header(&text);
        prop_assert_eq!(normalize_header(&once), once.clone());
        if text.chars().any(char::is_alphanumeric) {
            prop_assert!(!once.contains(char::is_whitespace), "{:?}", once);
            prop_assert!(!once.contains(|c: char| c.is_ascii_punctuation()), "{:?}", once);
            prop_assert!(!once.contains(char::is_uppercase), "{:?}", once);
        }
        prop_assert_eq!(normalize_header(&fullwidth(&text)), once);
    }

    #[test]
    fn round_noise_is_idempotent_and_close(
        x in prop::num::f64::NORMAL | prop::num::f64::ZERO
    ) {
        let r = round_noise(x);
        prop_assert_eq!(round_noise(r), r);
        prop_assert!((r - x).abs() <= 1e-14 * x.abs(), "{} → {}", x, r);
    }

    #[test]
    fn excel_serials_are_monotonic(a in 0.0f64..2_958_465.0, b in 0.0f64..2_958_465.0, e1904 in prop::bool::ANY) {
        let (lo, hi) = if a <= b { (a, b) } else { (b, a) };
        if let (Some(dl), Some(dh)) = (excel_serial_to_date(lo, e1904), excel_serial_to_date(hi, e1904)) {
            prop_assert!(dl <= dh);
            let whole_days = hi.floor() - lo.floor();
            // Outside Excel's fake 1900-02-29, one serial is one day.
            if e1904 || lo >= 61.0 {
                prop_assert_eq!((dh - dl).num_days() as f64, whole_days);
            }
        }
    }

    #[test]
    fn epoch_1904_is_1462_days_later(serial in 0u32..2_900_000, time in 0.0f64..0.999) {
        let in_1904 = excel_serial_to_date(f64::from(serial) + time, true);
        prop_assert!(in_1904.is_some());
        prop_assert_eq!(in_1904, excel_serial_to_date(f64::from(serial + 1462), false));
    }
}
