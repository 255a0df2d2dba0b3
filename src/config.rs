//! Configuration: `goalsheet.toml` merged over the built-in defaults in
//! `templates/goalsheet.toml` (embedded in the binary).
//!
//! ```
//! let config = goalsheet::Config::default();
//! assert_eq!(config.achievable.max_goals_per_owner, 8);
//! assert!(config.lexicon.vague.iter().any(|w| w == "提升"));
//! ```

use std::path::{Path, PathBuf};

use indexmap::IndexMap;
use serde::Deserialize;

use crate::error::{Error, Result};

/// The built-in defaults, as shipped in `templates/goalsheet.toml`.
pub const DEFAULT_TOML: &str = include_str!("../templates/goalsheet.toml");

/// A severity set in the config, or `off`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SeveritySetting {
    Error,
    Warning,
    Info,
    Off,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PlanSection {
    pub year: Option<i32>,
    pub lang: Option<String>,
    /// The month (1–12) the plan's year starts in: 4 for an April–March fiscal year. Unset:
    /// the sheet's own statement (title, quarter headers, month columns), else January.
    pub fiscal_year_start: Option<u32>,
    /// `"start"` (the default: FY2026 starts in 2026) or `"end"` (FY2027 = July 2026 – June
    /// 2027): which calendar year names a fiscal year. Unset: as the sheet's title shows.
    pub fiscal_year_named_by: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Achievable {
    pub max_growth_ratio: f64,
    pub max_quarter_jump: f64,
    pub max_goals_per_owner: usize,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Measurable {
    pub reconcile_tolerance: f64,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Relevant {
    pub max_overassign: f64,
    pub dimensions: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Budget {
    pub min_reserve: f64,
}

/// Word lists the rules and the reader match against (lower-case; matched as substrings).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Lexicon {
    pub vague: Vec<String>,
    pub activity: Vec<String>,
    pub bundle: Vec<String>,
    pub lower_is_better: Vec<String>,
    pub growth: Vec<String>,
    pub reserve: Vec<String>,
    pub totals: Vec<String>,
}

/// Metric kinds by keyword and by exact name.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Metrics {
    pub level: Vec<String>,
    pub ratio: Vec<String>,
    pub sum: Vec<String>,
    /// Cost nouns (`成本`, `cost`): with a counted noun, the name is a unit cost.
    #[serde(default)]
    pub cost_nouns: Vec<String>,
    /// Counted nouns (`线索`, `lead`, `per`): with a cost noun, the name is a unit cost
    /// (`线索成本`, `cost per lead`) — a lower-is-better ratio, not a sum of the counted thing.
    #[serde(default)]
    pub counted_nouns: Vec<String>,
    #[serde(default)]
    pub kinds: IndexMap<String, String>,
}

/// A ratio defined by its parts (`ROI = 销售额 / 预算`).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DerivedRatio {
    pub metric: String,
    pub numerator: String,
    pub denominator: String,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Sheets {
    pub actions: Vec<String>,
    pub budget: Vec<String>,
}

/// The whole configuration.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    #[serde(default)]
    pub plan: PlanSection,
    /// Rule id → severity (or off).
    #[serde(default)]
    pub rules: IndexMap<String, SeveritySetting>,
    pub achievable: Achievable,
    pub measurable: Measurable,
    pub relevant: Relevant,
    pub budget: Budget,
    pub lexicon: Lexicon,
    pub metrics: Metrics,
    #[serde(default)]
    pub ratios: Vec<DerivedRatio>,
    /// Field name → header words.
    pub headers: IndexMap<String, Vec<String>>,
    pub action_headers: IndexMap<String, Vec<String>>,
    pub budget_headers: IndexMap<String, Vec<String>>,
    pub sheets: Sheets,
}

impl Default for Config {
    fn default() -> Self {
        // The template is part of the binary and covered by a test, so it always parses.
        toml::from_str(DEFAULT_TOML).expect("built-in templates/goalsheet.toml is valid")
    }
}

/// Whether a threshold's value is in its range.
type RangeCheck = fn(f64) -> bool;

/// The largest configuration file read, in bytes (the shipped one is under 5 KB).
pub const MAX_CONFIG_BYTES: u64 = 1 << 20;

/// Tables that add to the defaults instead of replacing their lists.
const EXTENDING_TABLES: [&str; 3] = ["headers", "action_headers", "budget_headers"];

impl Config {
    /// Parse a config text merged over the defaults. `origin` names the file in errors.
    pub fn from_toml(text: &str, origin: &Path) -> Result<Config> {
        let user: toml::Table = toml::from_str(text).map_err(|e| Error::Config {
            path: origin.to_path_buf(),
            message: format!("invalid TOML: {}", e.message()),
        })?;
        let mut merged: toml::Table =
            toml::from_str(DEFAULT_TOML).expect("built-in templates/goalsheet.toml is valid");
        merge_tables(&mut merged, user, 0);
        let config: Config =
            toml::Value::Table(merged)
                .try_into()
                .map_err(|e: toml::de::Error| Error::Config {
                    path: origin.to_path_buf(),
                    message: e.message().to_string(),
                })?;
        config.validate(origin)?;
        Ok(config)
    }

    /// Load `path`, merged over the defaults. The file is read up to [`MAX_CONFIG_BYTES`]:
    /// a huge or endless one (`/dev/zero`) is refused, not read.
    pub fn load(path: &Path) -> Result<Config> {
        use std::io::Read;
        let file = std::fs::File::open(path).map_err(|e| Error::io(path, e))?;
        let mut bytes = Vec::new();
        file.take(MAX_CONFIG_BYTES + 1)
            .read_to_end(&mut bytes)
            .map_err(|e| Error::io(path, e))?;
        if bytes.len() as u64 > MAX_CONFIG_BYTES {
            return Err(Error::Config {
                path: path.to_path_buf(),
                message: format!(
                    "the file is too large for a configuration; refusing to read it (limit {MAX_CONFIG_BYTES} bytes)"
                ),
            });
        }
        let text = String::from_utf8(bytes).map_err(|_| Error::Config {
            path: path.to_path_buf(),
            message: "the configuration is not UTF-8 text".into(),
        })?;
        Config::from_toml(&text, path)
    }

    /// `--config FILE` if given, else `goalsheet.toml` in the working directory, else defaults.
    pub fn discover(explicit: Option<&Path>) -> Result<Config> {
        if let Some(path) = explicit {
            return Config::load(path);
        }
        let local = PathBuf::from("goalsheet.toml");
        if local.is_file() {
            Config::load(&local)
        } else {
            Ok(Config::default())
        }
    }

    fn validate(&self, origin: &Path) -> Result<()> {
        let bad = |message: String| Error::Config {
            path: origin.to_path_buf(),
            message,
        };
        for field in self.headers.keys() {
            if field != crate::layout::DERIVED && crate::model::Field::from_name(field).is_none() {
                return Err(bad(format!("[headers] unknown field `{field}`")));
            }
        }
        for (name, kind) in &self.metrics.kinds {
            if crate::model::Aggregation::from_word(kind).is_none() {
                return Err(bad(format!(
                    "[metrics.kinds] `{name}` = `{kind}`: expected sum, level or ratio"
                )));
            }
        }
        self.check_thresholds().map_err(bad)
    }

    /// Every threshold finite and in its range; the message names the first key that is not.
    fn check_thresholds(&self) -> std::result::Result<(), String> {
        let above_zero: RangeCheck = |x| x > 0.0;
        let not_negative: RangeCheck = |x| x >= 0.0;
        let share: RangeCheck = |x| (0.0..1.0).contains(&x);
        let year: RangeCheck = |y| (1900.0..=9999.0).contains(&y);
        let checks = [
            (
                "[achievable] max_growth_ratio",
                self.achievable.max_growth_ratio,
                above_zero,
                "a finite number above 0",
            ),
            (
                "[achievable] max_quarter_jump",
                self.achievable.max_quarter_jump,
                above_zero,
                "a finite number above 0",
            ),
            (
                "[measurable] reconcile_tolerance",
                self.measurable.reconcile_tolerance,
                share,
                "a share from 0 up to (not including) 1",
            ),
            (
                "[relevant] max_overassign",
                self.relevant.max_overassign,
                not_negative,
                "a finite number of 0 or more",
            ),
            (
                "[budget] min_reserve",
                self.budget.min_reserve,
                share,
                "a share from 0 up to (not including) 1",
            ),
            (
                "[plan] year",
                self.plan.year.map_or(2000.0, f64::from),
                year,
                "a year from 1900 to 9999",
            ),
        ];
        for (key, value, ok, expected) in checks {
            if !value.is_finite() || !ok(value) {
                return Err(format!("{key} = {value}: expected {expected}"));
            }
        }
        if self.achievable.max_goals_per_owner == 0 {
            return Err("[achievable] max_goals_per_owner = 0: expected 1 or more".into());
        }
        if let Some(m) = self.plan.fiscal_year_start
            && !(1..=12).contains(&m)
        {
            return Err(format!(
                "[plan] fiscal_year_start = {m}: expected a month from 1 to 12"
            ));
        }
        if let Some(w) = &self.plan.fiscal_year_named_by
            && !["start", "end"].contains(&w.trim().to_ascii_lowercase().as_str())
        {
            return Err(format!(
                "[plan] fiscal_year_named_by = `{w}`: expected \"start\" or \"end\""
            ));
        }
        Ok(())
    }
}

fn merge_tables(base: &mut toml::Table, user: toml::Table, depth: usize) {
    for (key, value) in user {
        let extend = depth == 0 && EXTENDING_TABLES.contains(&key.as_str());
        match (base.get_mut(&key), value) {
            (Some(toml::Value::Table(b)), toml::Value::Table(u)) if extend => {
                for (field, words) in u {
                    match (b.get_mut(&field), words) {
                        (Some(toml::Value::Array(existing)), toml::Value::Array(more)) => {
                            existing.extend(more)
                        }
                        (_, words) => {
                            b.insert(field, words);
                        }
                    }
                }
            }
            (Some(toml::Value::Table(b)), toml::Value::Table(u)) => merge_tables(b, u, depth + 1),
            (_, value) => {
                base.insert(key, value);
            }
        }
    }
}

/// Where `word` occurs in `text` (both already lower-case), as byte ranges of `text`:
/// ASCII words on word boundaries, other words (Chinese) as substrings.
pub(crate) fn word_occurrences(text: &str, word: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    if word.is_empty() {
        return out;
    }
    let mut from = 0;
    while let Some(pos) = text[from..].find(word) {
        let start = from + pos;
        let end = start + word.len();
        if on_word_bounds(text, start, end, word) {
            out.push((start, end));
        }
        // Step one character on, so overlapping matches are still seen.
        let step = text[start..].chars().next().map_or(1, char::len_utf8);
        from = start + step;
    }
    out
}

/// Whether `word`, found at `start..end` of `text`, counts there: an ASCII word must not
/// run on into letters or digits on a side where it begins or ends with one (so `rate` is
/// not found in `generated`); any other word (Chinese) counts anywhere.
pub(crate) fn on_word_bounds(text: &str, start: usize, end: usize, word: &str) -> bool {
    if !word.is_ascii() {
        return true;
    }
    let alnum = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric());
    let before = text.get(..start).and_then(|t| t.chars().next_back());
    let after = text.get(end..).and_then(|t| t.chars().next());
    let bounded_before = !alnum(word.chars().next()) || !alnum(before);
    let bounded_after = !alnum(word.chars().next_back()) || !alnum(after);
    bounded_before && bounded_after
}

/// Whether `word` occurs in `text`, case-insensitively: English words on word boundaries
/// (so `rate` is not found in `generated`), other scripts as substrings.
///
/// ```
/// use goalsheet::config::contains_word;
/// assert!(contains_word("Conversion Rate", "rate"));
/// assert!(!contains_word("Leads generated", "rate"));
/// assert!(contains_word("线索转化率", "率"));
/// ```
pub fn contains_word(text: &str, word: &str) -> bool {
    let word = lowercase(word.trim());
    !word_occurrences(&lowercase(text), &word).is_empty()
}

/// `text.to_lowercase()`, borrowed when lower-casing changes nothing: text of ASCII without
/// capitals, CJK ideographs, CJK punctuation and full-width digits and marks (scripts and
/// signs without case) — most of what the lexicons are searched in — is not copied.
pub(crate) fn lowercase(text: &str) -> std::borrow::Cow<'_, str> {
    let caseless = |c: char| {
        if c.is_ascii() {
            !c.is_ascii_uppercase()
        } else {
            matches!(c, '\u{4E00}'..='\u{9FFF}' | '\u{3000}'..='\u{303F}' | '\u{FF01}'..='\u{FF20}')
        }
    };
    if text.chars().all(caseless) {
        std::borrow::Cow::Borrowed(text)
    } else {
        std::borrow::Cow::Owned(text.to_lowercase())
    }
}

/// The first word of `words`, in list order, found in `text` (see [`contains_word`]).
/// Prepare a [`ListedWords`] instead when matching many texts.
pub fn first_listed_word<'w>(text: &str, words: &'w [String]) -> Option<&'w str> {
    ListedWords::new(words).first_in(text)
}

/// A lexicon prepared for [`first_listed_word`]: each word trimmed and lower-cased once,
/// and all of them searched in one pass over a text.
#[derive(Debug, Clone)]
pub struct ListedWords<'w> {
    /// (as listed; trimmed and lower-cased), in list order.
    words: Vec<(&'w str, String)>,
    /// Every occurrence of every word; `None` when the list has no word.
    matcher: Option<aho_corasick::AhoCorasick>,
}

impl<'w> ListedWords<'w> {
    pub fn new(words: &'w [String]) -> ListedWords<'w> {
        let words: Vec<(&str, String)> = words
            .iter()
            .map(|w| (w.as_str(), w.trim().to_lowercase()))
            .filter(|(_, w)| !w.is_empty())
            .collect();
        ListedWords {
            matcher: word_matcher(words.iter().map(|(_, w)| w.as_str())),
            words,
        }
    }
    /// The first word, in list order, found in `text`, as listed ([`first_listed_word`]).
    pub fn first_in(&self, text: &str) -> Option<&'w str> {
        let lower = lowercase(text);
        let found = self
            .matcher
            .as_ref()?
            .find_overlapping_iter(lower.as_ref())
            .filter_map(|m| {
                let (_, word) = self.words.get(m.pattern().as_usize())?;
                on_word_bounds(&lower, m.start(), m.end(), word).then_some(m.pattern().as_usize())
            })
            .min()?;
        self.words.get(found).map(|(listed, _)| *listed)
    }
}

/// [`first_listed_word`] word by word, as it was before [`ListedWords`]: the reference the
/// one-pass search is tested against.
#[cfg(test)]
pub(crate) fn first_listed_word_by_word<'w>(text: &str, words: &'w [String]) -> Option<&'w str> {
    let lower = text.to_lowercase();
    words
        .iter()
        .find(|w| !word_occurrences(&lower, &w.trim().to_lowercase()).is_empty())
        .map(String::as_str)
}

/// A matcher reporting every occurrence (overlapping ones too) of the `words`, pattern `i`
/// being the `i`-th word; `None` for no words or when one cannot be built.
pub(crate) fn word_matcher<'a>(
    words: impl IntoIterator<Item = &'a str>,
) -> Option<aho_corasick::AhoCorasick> {
    let words: Vec<&str> = words.into_iter().collect();
    if words.is_empty() {
        return None;
    }
    aho_corasick::AhoCorasick::new(words).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// `lowercase` is `to_lowercase` for every text: capitals of every script (Latin,
        /// full-width, Greek with its final sigma, Turkish dotted I), the caseless ranges it
        /// borrows and the characters just outside them.
        #[test]
        fn lowercase_is_to_lowercase(
            text in "[a-zA-Z0-9 .%提升率\u{3000}-\u{3040}\u{FF00}-\u{FF22}\u{FF41}ΣσİÉ\u{4DFF}\u{A000}]{0,10}",
            any_text in "\\PC{0,10}",
        ) {
            proptest::prop_assert_eq!(lowercase(&text), text.to_lowercase());
            proptest::prop_assert_eq!(lowercase(&any_text), any_text.to_lowercase());
        }
    }

    #[test]
    fn a_prepared_lexicon_finds_the_first_listed_word_as_listed() {
        let words: Vec<String> = [" Reserve", "机动", "contingency ", "", "RES"]
            .iter()
            .map(|w| w.to_string())
            .collect();
        let list = ListedWords::new(&words);
        for text in [
            "Contingency reserve",
            "机动资金",
            "reserved seats",
            "res",
            "Preserve",
            "",
        ] {
            assert_eq!(
                list.first_in(text),
                first_listed_word_by_word(text, &words),
                "{text}"
            );
        }
        // List order wins over text order; the word comes back as listed, untrimmed.
        assert_eq!(list.first_in("Contingency reserve"), Some(" Reserve"));
        assert_eq!(list.first_in("机动 contingency"), Some("机动"));
        assert_eq!(
            list.first_in("Preserve"),
            None,
            "ASCII words match whole words"
        );
        assert_eq!(list.first_in("RES budget"), Some("RES"));
    }

    fn error_of(text: &str) -> String {
        Config::from_toml(text, Path::new("goalsheet.toml"))
            .map(|_| ())
            .unwrap_err()
            .to_string()
    }

    #[test]
    fn thresholds_must_be_finite_and_in_range() {
        let cases = [
            (
                "[achievable]\nmax_growth_ratio = nan",
                "[achievable] max_growth_ratio = NaN",
            ),
            (
                "[achievable]\nmax_growth_ratio = inf",
                "[achievable] max_growth_ratio = inf",
            ),
            (
                "[achievable]\nmax_quarter_jump = -1.0",
                "[achievable] max_quarter_jump = -1",
            ),
            (
                "[measurable]\nreconcile_tolerance = -nan",
                "[measurable] reconcile_tolerance = NaN",
            ),
            (
                "[measurable]\nreconcile_tolerance = 1.5",
                "[measurable] reconcile_tolerance = 1.5",
            ),
            (
                "[relevant]\nmax_overassign = -0.1",
                "[relevant] max_overassign = -0.1",
            ),
            ("[budget]\nmin_reserve = 2.0", "[budget] min_reserve = 2"),
            ("[plan]\nyear = 99999", "[plan] year = 99999"),
            (
                "[achievable]\nmax_goals_per_owner = 0",
                "[achievable] max_goals_per_owner = 0",
            ),
        ];
        for (text, key) in cases {
            let err = error_of(text);
            assert!(err.starts_with("goalsheet.toml: "), "{err}");
            assert!(err.contains(key), "{text}: {err}");
            assert!(err.contains("expected"), "{err}");
            assert_eq!(err.lines().count(), 1, "{err}");
        }
        // The look-alikes in range are accepted.
        for ok in [
            "[achievable]\nmax_growth_ratio = 1.5",
            "[measurable]\nreconcile_tolerance = 0.0",
            "[budget]\nmin_reserve = 0.1",
            "[plan]\nyear = 2026",
        ] {
            assert!(Config::from_toml(ok, Path::new("c.toml")).is_ok(), "{ok}");
        }
    }

    #[test]
    fn an_endless_or_huge_config_is_refused_unread() {
        let err = Config::load(Path::new("/dev/zero"))
            .unwrap_err()
            .to_string();
        assert!(err.starts_with("/dev/zero: "), "{err}");
        assert!(err.contains("limit 1048576 bytes"), "{err}");
        let dir = tempfile::tempdir().unwrap();
        let big = dir.path().join("big.toml");
        std::fs::write(&big, format!("# {}\n", "x".repeat(2 << 20))).unwrap();
        assert!(
            Config::load(&big)
                .unwrap_err()
                .to_string()
                .contains("too large")
        );
        let small = dir.path().join("small.toml");
        std::fs::write(&small, "[achievable]\nmax_growth_ratio = 2.0\n").unwrap();
        assert_eq!(
            Config::load(&small).unwrap().achievable.max_growth_ratio,
            2.0
        );
    }
}
