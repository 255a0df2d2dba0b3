//! How wide a number shows under a format code, in character widths (a digit of the default
//! font is one; CJK characters count two), so no column is written so narrow that a
//! spreadsheet shows `###` in place of its number.
//!
//! An estimate, on the generous side: it reads the section the value uses, its literals
//! (quoted text, `\x`, `[$€-409]`), percent, thousands separators, decimals and trailing
//! scaling commas; date and time codes count their own length; General shows up to 11
//! characters.

/// The characters a number shows as under `code`, plus one for the cell's margins.
pub(crate) fn rendered_width(value: f64, code: &str) -> usize {
    if !value.is_finite() {
        return 8;
    }
    let sections: Vec<&str> = split_sections(code);
    let (section, sign) = match sections.as_slice() {
        [] => ("General", value < 0.0),
        [one] => (*one, value < 0.0),
        [pos, neg, ..] if value < 0.0 => (*neg, false),
        [pos, _, zero, ..] if value == 0.0 => (*zero, false),
        [pos, ..] => (*pos, false),
    };
    let parsed = parse_section(section);
    let body = if parsed.general {
        general_width(value.abs())
    } else if parsed.date {
        0
    } else {
        number_width(value.abs(), &parsed)
    };
    body + parsed.literal + usize::from(sign) + 1
}

/// `pos;neg;zero;text` split on `;` outside quotes and brackets.
fn split_sections(code: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let (mut start, mut quoted, mut bracket, mut escaped) = (0, false, false, false);
    for (i, c) in code.char_indices() {
        if escaped {
            escaped = false;
            continue;
        }
        match c {
            '\\' if !quoted => escaped = true,
            '"' => quoted = !quoted,
            '[' if !quoted => bracket = true,
            ']' if !quoted => bracket = false,
            ';' if !quoted && !bracket => {
                out.push(&code[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    out.push(&code[start..]);
    out
}

#[derive(Debug, Default)]
struct Section {
    general: bool,
    date: bool,
    /// Width of literal text, date and time parts.
    literal: usize,
    percent: u32,
    thousands: bool,
    /// Trailing commas (each divides by 1,000).
    scale: u32,
    decimals: usize,
    /// Required integer digits (`0`s before the point).
    int_zeros: usize,
    exponent: bool,
}

fn parse_section(section: &str) -> Section {
    let mut s = Section::default();
    if section.trim().eq_ignore_ascii_case("general") || section.trim().is_empty() {
        s.general = true;
        return s;
    }
    let chars: Vec<char> = section.chars().collect();
    let mut i = 0;
    let mut after_point = false;
    let mut last_digit_at: Option<usize> = None;
    let mut commas_after_digit = 0u32;
    while let Some(&c) = chars.get(i) {
        match c {
            '"' => {
                let mut j = i + 1;
                while let Some(&q) = chars.get(j) {
                    if q == '"' {
                        break;
                    }
                    s.literal += super::text_width(&q.to_string());
                    j += 1;
                }
                i = j;
            }
            '\\' | '!' => {
                if let Some(&q) = chars.get(i + 1) {
                    s.literal += super::text_width(&q.to_string());
                }
                i += 1;
            }
            '_' => {
                s.literal += 1;
                i += 1;
            }
            '*' => i += 1,
            '[' => {
                let close = chars[i..].iter().position(|&c| c == ']').map(|p| p + i);
                let inner: String = chars[i + 1..close.unwrap_or(chars.len())].iter().collect();
                if let Some(cur) = inner.strip_prefix('$') {
                    let symbol = cur.split('-').next().unwrap_or_default();
                    s.literal += super::text_width(symbol);
                } else if inner
                    .chars()
                    .all(|c| "hms".contains(c.to_ascii_lowercase()))
                {
                    s.date = true;
                    s.literal += inner.len() + 1;
                }
                i = close.unwrap_or(chars.len());
            }
            '0' | '#' | '?' => {
                if after_point {
                    s.decimals += 1;
                } else if c == '0' {
                    s.int_zeros += 1;
                }
                last_digit_at = Some(i);
                commas_after_digit = 0;
            }
            '.' => after_point = true,
            ',' => {
                if last_digit_at.is_some() {
                    let next_digit = chars[i + 1..]
                        .iter()
                        .take_while(|c| !matches!(c, '.' | '"' | ';'))
                        .any(|c| matches!(c, '0' | '#' | '?'));
                    if next_digit && !after_point {
                        s.thousands = true;
                    } else {
                        commas_after_digit += 1;
                    }
                }
            }
            '%' => {
                s.percent += 1;
                s.literal += 1;
            }
            'E' | 'e' if last_digit_at.is_some() => {
                s.exponent = true;
                s.literal += 4;
            }
            'y' | 'Y' | 'm' | 'M' | 'd' | 'D' | 'h' | 'H' | 's' | 'S' => {
                s.date = true;
                let run = chars[i..].iter().take_while(|&&x| x == c).count();
                s.literal += match (c.to_ascii_lowercase(), run) {
                    ('m', 3) | ('d', 3) => 3,
                    ('m', n) | ('d', n) if n >= 4 => 9,
                    (_, n) => n.max(2),
                };
                i += run - 1;
            }
            'A' | 'a' if section[..].contains("AM/PM") => {
                s.literal += 2;
                i += 4;
            }
            _ => s.literal += super::text_width(&c.to_string()),
        }
        i += 1;
    }
    s.scale = commas_after_digit;
    s
}

/// Characters of a number under a General format (up to 11, then scientific).
fn general_width(v: f64) -> usize {
    crate::read::format_number(v).chars().count().min(11)
}

fn number_width(v: f64, s: &Section) -> usize {
    if s.exponent {
        return 1 + usize::from(s.decimals > 0) + s.decimals;
    }
    let scaled = v * 100f64.powi(s.percent as i32) / 1000f64.powi(s.scale as i32);
    let rounded = (scaled * 10f64.powi(s.decimals as i32)).round() / 10f64.powi(s.decimals as i32);
    let int_digits = if rounded.trunc() >= 1.0 {
        (rounded.trunc().log10().floor() as usize) + 1
    } else {
        0
    }
    .max(s.int_zeros.min(1));
    let separators = if s.thousands {
        int_digits.saturating_sub(1) / 3
    } else {
        0
    };
    int_digits + separators + usize::from(s.decimals > 0) + s.decimals
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widths_follow_the_format() {
        // "$5,000,000" is ten characters, plus a margin.
        assert_eq!(rendered_width(5_000_000.0, "\"$\"#,##0"), 11);
        assert_eq!(rendered_width(5_000_000.0, "$#,##0"), 11);
        assert_eq!(rendered_width(5_000_000.0, "#,##0.00"), 13);
        assert_eq!(rendered_width(0.35, "0%"), 4);
        assert_eq!(rendered_width(0.355, "0.0%"), 6);
        assert_eq!(rendered_width(-1200.0, "#,##0"), 7);
        assert_eq!(rendered_width(-1200.0, "#,##0;(#,##0)"), 8);
        assert_eq!(rendered_width(1234.5, "General"), 7);
        assert_eq!(rendered_width(2200.0, "#,##0\"万元\""), 10);
        assert_eq!(rendered_width(500_000.0, "0!.0,\"万\""), 7);
        assert_eq!(rendered_width(46_022.0, "yyyy-mm-dd"), 11);
        assert_eq!(rendered_width(2_000.0, "[$¥-804]#,##0"), 7);
        assert_eq!(rendered_width(0.0, "#,##0;-#,##0;\"-\""), 2);
    }

    #[test]
    fn general_caps_at_eleven() {
        assert_eq!(rendered_width(123_456_789_012_345.0, "General"), 12);
    }
}
