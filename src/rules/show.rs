//! How rule messages show values: numbers with thousands separators, percentages, lists.

/// A number as a message shows it: thousands separators, at most two decimals, no trailing
/// zeros (`1150` → `1,150`, `1234.5` → `1,234.5`, `-20` → `-20`).
pub fn num(x: f64) -> String {
    if !x.is_finite() {
        return x.to_string();
    }
    let rounded = (x * 100.0).round() / 100.0;
    if rounded.abs() >= 1e15 {
        return format!("{rounded}");
    }
    let body = format!("{:.2}", rounded.abs());
    let (int, frac) = body.split_once('.').unwrap_or((body.as_str(), ""));
    let frac = frac.trim_end_matches('0');
    let mut grouped = String::with_capacity(int.len() + int.len() / 3);
    for (i, ch) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(ch);
    }
    let sign = if rounded < 0.0 { "-" } else { "" };
    if frac.is_empty() {
        format!("{sign}{grouped}")
    } else {
        format!("{sign}{grouped}.{frac}")
    }
}

/// A fraction as a percentage (`0.025` → `2.5%`).
pub fn pct(fraction: f64) -> String {
    format!("{}%", num(fraction * 100.0))
}

/// A value of a goal: a percentage when the metric is one, else a number.
pub fn value(x: f64, percent: bool) -> String {
    if percent { pct(x) } else { num(x) }
}

/// At most `max` items joined by `sep`, then `…` and the full count (`A, B, C, … (7)`).
pub fn list(items: &[String], max: usize, sep: &str) -> String {
    if items.len() <= max {
        return items.join(sep);
    }
    format!("{}{sep}… ({})", items[..max].join(sep), items.len())
}

/// Named values as a list in the message language: `KR1 (300), KR2 (500)` /
/// `KR1（300）、KR2（500）`, cut like [`list`].
pub fn named(lang: crate::model::Lang, items: &[(String, String)], max: usize) -> String {
    let (shown, sep): (Vec<String>, &str) = match lang {
        crate::model::Lang::En => (
            items.iter().map(|(n, v)| format!("{n} ({v})")).collect(),
            ", ",
        ),
        crate::model::Lang::Zh => (
            items.iter().map(|(n, v)| format!("{n}（{v}）")).collect(),
            "、",
        ),
    };
    list(&shown, max, sep)
}

/// `n` and the English noun in its right number: `1 goal`, `2 goals`, `1 info`, `0 infos`.
pub fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_read_like_a_spreadsheet() {
        assert_eq!(num(1150.0), "1,150");
        assert_eq!(num(1234.5), "1,234.5");
        assert_eq!(num(-1234567.0), "-1,234,567");
        assert_eq!(num(0.35), "0.35");
        assert_eq!(num(-0.001), "0");
        assert_eq!(num(999.999), "1,000");
        assert_eq!(pct(0.025), "2.5%");
        assert_eq!(value(0.35, true), "35%");
        assert_eq!(value(35.0, false), "35");
    }

    #[test]
    fn long_lists_are_cut() {
        let items: Vec<String> = (1..=7).map(|i| format!("A{i}")).collect();
        assert_eq!(list(&items[..2], 3, ", "), "A1, A2");
        assert_eq!(list(&items, 3, ", "), "A1, A2, A3, … (7)");
        let pairs = vec![
            ("KR1".to_string(), "300".to_string()),
            ("KR2".to_string(), "500".to_string()),
        ];
        assert_eq!(
            named(crate::model::Lang::En, &pairs, 5),
            "KR1 (300), KR2 (500)"
        );
        assert_eq!(
            named(crate::model::Lang::Zh, &pairs, 5),
            "KR1（300）、KR2（500）"
        );
    }
}
