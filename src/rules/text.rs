//! Text helpers shared by the rules: lexicon word matching and number formatting for messages.
//!
//! Words match case-insensitively. A word made of ASCII matches on word boundaries (`more`
//! does not hit `moreover`, `grow` does not hit `growth`); any other word (Chinese) matches as
//! a substring. Lexicon entries are trimmed first, so `" and "` is the word `and`.

use crate::config::{lowercase, on_word_bounds, word_matcher, word_occurrences as occurrences};

/// A lexicon prepared for matching: each word trimmed and lower-cased once, and all of them
/// searched in one pass over a text ([`WordList::find`]).
#[derive(Debug, Clone)]
pub struct WordList {
    /// (as listed, trimmed; lower-cased)
    words: Vec<(String, String)>,
    /// Every occurrence of every word, pattern `i` being `words[i]`; `None` without words.
    matcher: Option<aho_corasick::AhoCorasick>,
}

impl WordList {
    pub fn new<S: AsRef<str>>(words: &[S]) -> WordList {
        let words: Vec<(String, String)> = words
            .iter()
            .map(|w| w.as_ref().trim())
            .filter(|w| !w.is_empty())
            .map(|w| (w.to_string(), w.to_lowercase()))
            .collect();
        WordList {
            matcher: word_matcher(words.iter().map(|(_, w)| w.as_str())),
            words,
        }
    }

    /// The word that occurs first in `text` (the longest one on a tie), as listed.
    pub fn find(&self, text: &str) -> Option<&str> {
        self.find_lower(&lowercase(text))
    }

    /// [`WordList::find`] on a text already lower-cased.
    pub fn find_lower(&self, lower: &str) -> Option<&str> {
        // The earliest occurrence, the longest on a tie, the first listed on a further tie:
        // as each word's first occurrence compared in list order.
        let (_, _, best) = self
            .matcher
            .as_ref()?
            .find_overlapping_iter(lower)
            .filter(|m| {
                self.words
                    .get(m.pattern().as_usize())
                    .is_some_and(|(_, word)| on_word_bounds(lower, m.start(), m.end(), word))
            })
            .map(|m| {
                (
                    m.start(),
                    std::cmp::Reverse(m.len()),
                    m.pattern().as_usize(),
                )
            })
            .min()?;
        self.words.get(best).map(|(listed, _)| listed.as_str())
    }

    /// Every word found in `text`, each once, in the order they occur.
    pub fn find_all(&self, text: &str) -> Vec<&str> {
        let lower = lowercase(text);
        let mut hits: Vec<(usize, &str)> = self
            .words
            .iter()
            .filter_map(|(listed, word)| {
                occurrences(&lower, word)
                    .first()
                    .map(|&(start, _)| (start, listed.as_str()))
            })
            .collect();
        hits.sort_by_key(|&(start, _)| start);
        hits.into_iter().map(|(_, w)| w).collect()
    }

    /// Split `text` (lower-cased) into the clauses between any of the words.
    pub fn split(&self, text: &str) -> Vec<String> {
        let lower = lowercase(text);
        let mut cuts: Vec<(usize, usize)> = self
            .words
            .iter()
            .flat_map(|(_, w)| occurrences(&lower, w))
            .collect();
        cuts.sort();
        let mut clauses = Vec::new();
        let mut at = 0;
        for (start, end) in cuts {
            if start < at {
                continue; // overlaps a cut already made
            }
            clauses.push(lower[at..start].trim().to_string());
            at = end;
        }
        clauses.push(lower[at..].trim().to_string());
        clauses.retain(|c| !c.is_empty());
        clauses
    }
}

pub use crate::config::contains_word;

/// The lexicon word that occurs first in `text` (the longest one on a tie), as listed.
/// Prepare a [`WordList`] instead when matching many texts.
pub fn find_word<'a>(text: &str, words: &'a [String]) -> Option<&'a str> {
    let list = WordList::new(words);
    let found = list.find(text)?;
    words.iter().map(|w| w.trim()).find(|w| *w == found)
}

/// Every lexicon word found in `text`, each once, in the order they occur.
pub fn find_words<'a>(text: &str, words: &'a [String]) -> Vec<&'a str> {
    let list = WordList::new(words);
    list.find_all(text)
        .into_iter()
        .filter_map(|found| words.iter().map(|w| w.trim()).find(|w| *w == found))
        .collect()
}

/// Split `text` (lower-cased) into the clauses between any of the joining `words`.
pub fn split_on_words(text: &str, words: &[String]) -> Vec<String> {
    WordList::new(words).split(text)
}

/// The marker text (`待定`, `TBD`, `-`) when the value is a not-yet-set marker: flagged by the
/// reader (numbers, dates) or written in a text cell (the reader keeps text as written).
pub fn marker_of<T>(value: &crate::model::Sourced<T>) -> Option<&str> {
    match value.issue() {
        Some(crate::model::ValueIssue::Marker(m)) if !m.trim().is_empty() => Some(m.trim()),
        Some(crate::model::ValueIssue::Marker(_)) => Some(value.raw.trim()),
        // Invisible characters pasted with the marker (`TBD` + U+200B) do not hide it.
        _ if !crate::parse::may_be_marker(&value.raw) => None,
        _ => crate::parse::marker(&crate::model::shown(&value.raw)).map(|_| value.raw.trim()),
    }
}

/// The trimmed text of a text field, `None` when blank, invisible only (zero-width spaces)
/// or a not-yet-set marker.
pub fn present(value: &crate::model::Text) -> Option<&str> {
    if marker_of(value).is_some() {
        return None;
    }
    if !value.has_key() {
        return None;
    }
    value.text()
}

/// A field's name for messages (`target` / `目标值`, `Q1` / `一季度`).
pub fn field_label(field: crate::model::Field, lang: crate::model::Lang) -> &'static str {
    use crate::model::Field as F;
    let (en, zh) = match field {
        F::Baseline => ("baseline", "基线"),
        F::Target => ("annual target", "全年目标"),
        F::Q1 => ("Q1 target", "一季度目标"),
        F::Q2 => ("Q2 target", "二季度目标"),
        F::Q3 => ("Q3 target", "三季度目标"),
        F::Q4 => ("Q4 target", "四季度目标"),
        F::ActualQ1 => ("Q1 actual", "一季度实际"),
        F::ActualQ2 => ("Q2 actual", "二季度实际"),
        F::ActualQ3 => ("Q3 actual", "三季度实际"),
        F::ActualQ4 => ("Q4 actual", "四季度实际"),
        F::Actual => ("actual", "实际完成"),
        F::Budget => ("budget", "预算"),
        F::Owner => ("owner", "负责人"),
        F::Metric => ("metric", "指标"),
        F::Unit => ("unit", "单位"),
        F::Objective => ("objective", "目标描述"),
        F::KeyResult => ("key result", "关键结果"),
        F::Start => ("start", "开始日期"),
        F::Due => ("due date", "截止日期"),
        F::Weight => ("weight", "权重"),
        other => (other.name(), other.name()),
    };
    lang.pick(en, zh)
}

/// A number for messages: thousands separators, at most two decimals (`1,150`, `0.35`);
/// a percentage metric's fraction as percent (`0.35` → `35%`).
pub fn fmt_num(value: f64, percent: bool) -> String {
    super::show::value(value, percent)
}

/// A ratio for messages (`3.2×` style without the sign): at most one decimal.
pub fn fmt_ratio(value: f64) -> String {
    super::show::num((value * 10.0).round() / 10.0)
}

/// Does a statement carry its own number — `复购率提升至35%`, `Grow revenue to $1.2M`,
/// `线上销售额达到 1,200 万`? Years (`2026年`, `FY2026`) and period labels (`Q3`, `H1`,
/// `3月`) are not quantities: `2026年提升品牌影响力` says nothing about how much.
pub fn states_a_quantity(statement: &str) -> bool {
    let chars: Vec<char> = crate::parse::halfwidth(statement).chars().collect();
    let mut i = 0;
    while i < chars.len() {
        if !chars[i].is_ascii_digit() {
            i += 1;
            continue;
        }
        let start = i;
        while i < chars.len() && (chars[i].is_ascii_digit() || matches!(chars[i], ',' | '.')) {
            i += 1;
        }
        let run: String = chars[start..i]
            .iter()
            .filter(|c| c.is_ascii_digit())
            .collect();
        let before = start.checked_sub(1).map(|j| chars[j].to_ascii_uppercase());
        let after: String = chars[i..].iter().take(2).collect();
        let period_label = matches!(before, Some('Q' | 'H' | 'Y' | 'M'))
            || ["年", "季", "月", "日", "号", "周", "期"]
                .iter()
                .any(|u| after.starts_with(u))
            || (run.len() == 4 && (run.starts_with("19") || run.starts_with("20")));
        if !period_label {
            return true;
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn ascii_words_match_on_boundaries_chinese_by_substring() {
        assert!(contains_word("Get MORE leads", "more"));
        assert!(!contains_word("Moreover, leads", "more"));
        assert!(!contains_word("revenue growth 20%", "grow"));
        assert!(contains_word("grow revenue", "grow"));
        assert!(contains_word("大幅提升销售额", "提升"));
        assert!(contains_word("提升ROI", "roi"));
        assert!(contains_word("leads and orders", " and "));
        assert!(!contains_word("brand building", "build"));
        assert!(contains_word("set up the CRM", "set up"));
    }

    #[test]
    fn find_word_takes_the_first_in_the_text() {
        let w = words(&["提高", "提升", "improve"]);
        assert_eq!(find_word("提升并提高", &w), Some("提升"));
        assert_eq!(find_word("Improve it", &w), Some("improve"));
        assert_eq!(find_word("nothing here", &w), None);
        assert_eq!(find_words("提升并提高", &w), vec!["提升", "提高"]);
    }

    #[test]
    fn split_on_joining_words() {
        let w = words(&["并且", "和", " and "]);
        assert_eq!(
            split_on_words("提升销售额并且提高知名度", &w),
            vec!["提升销售额", "提高知名度"]
        );
        assert_eq!(
            split_on_words("Grow leads and cut CAC", &w),
            vec!["grow leads", "cut cac"]
        );
        assert_eq!(split_on_words("brand", &w), vec!["brand"]);
    }

    #[test]
    fn numbers_for_messages() {
        assert_eq!(fmt_num(1150.0, false), "1,150");
        assert_eq!(fmt_num(1234567.891, false), "1,234,567.89");
        assert_eq!(fmt_num(-50.0, false), "-50");
        assert_eq!(fmt_num(0.35, true), "35%");
        assert_eq!(fmt_num(1.2, true), "120%");
        assert_eq!(fmt_num(0.125, true), "12.5%");
        assert_eq!(fmt_ratio(3.04), "3");
        assert_eq!(fmt_ratio(10.0), "10");
    }
}

#[cfg(test)]
mod quantity_tests {
    use super::states_a_quantity;

    #[test]
    fn numbers_are_quantities_years_and_periods_are_not() {
        for yes in [
            "复购率提升至35%",
            "线上销售额达到 1,200 万",
            "Grow revenue to $1.2M",
            "Boost Tmall revenue to $150k",
            "提升转化率至３％",
            "Increase leads by 20 percent in 2026",
        ] {
            assert!(states_a_quantity(yes), "{yes}");
        }
        for no in [
            "提升品牌影响力",
            "2026年提升品牌影响力",
            "Improve Q3 conversion",
            "FY2026: improve retention",
            "进一步优化3月活动效果",
            "Improve H1 brand awareness",
        ] {
            assert!(!states_a_quantity(no), "{no}");
        }
    }
}

#[cfg(test)]
mod matcher_props {
    use super::*;
    use crate::config::{ListedWords, first_listed_word, first_listed_word_by_word};
    use proptest::prelude::*;

    /// [`WordList::find_lower`] as it was: each word's first occurrence, in list order.
    fn find_lower_word_by_word<'a>(list: &'a WordList, lower: &str) -> Option<&'a str> {
        let mut best: Option<(usize, usize, &str)> = None;
        for (listed, word) in &list.words {
            if let Some(&(start, end)) = occurrences(lower, word).first() {
                let better = match best {
                    None => true,
                    Some((s, len, _)) => start < s || (start == s && end - start > len),
                };
                if better {
                    best = Some((start, end - start, listed));
                }
            }
        }
        best.map(|(_, _, w)| w)
    }

    proptest! {
        /// Overlapping, nested and repeated words, ASCII on word bounds and Chinese as
        /// substrings, in any case: one pass finds what the word-by-word search found.
        #[test]
        fn one_pass_finds_what_word_by_word_found(
            words in prop::collection::vec("[abAB提升 ]{1,4}", 0..8),
            text in "[abAB提升 .,]{0,16}",
        ) {
            let list = WordList::new(&words);
            let lower = text.to_lowercase();
            prop_assert_eq!(list.find_lower(&lower), find_lower_word_by_word(&list, &lower));
            prop_assert_eq!(
                ListedWords::new(&words).first_in(&text),
                first_listed_word_by_word(&text, &words)
            );
            prop_assert_eq!(
                first_listed_word(&text, &words),
                first_listed_word_by_word(&text, &words)
            );
        }
    }

    #[test]
    fn ties_go_to_the_longest_then_the_first_listed() {
        let list = WordList::new(&["grow", "grow revenue", "Grow", "提升", "提"]);
        assert_eq!(list.find("Grow revenue fast"), Some("grow revenue"));
        assert_eq!(list.find("we grow"), Some("grow"));
        assert_eq!(list.find("growth"), None);
        assert_eq!(list.find("大幅提升"), Some("提升"));
        assert_eq!(WordList::new::<&str>(&[]).find("anything"), None);
    }
}
