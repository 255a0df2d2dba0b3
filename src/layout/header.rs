//! Reading one header cell: which field it names, and the unit it states.
//!
//! A header cell is read by its parts, not as one string (DESIGN §2 "Canonical fields"):
//!
//! 1. the whole text, if the vocabulary lists it (`目标(O)`, `Q1目标`);
//! 2. brackets `( )` `（ ）` `[ ]` `【 】` are taken out: a unit or scale (`万元`, `$k`,
//!    `USD m`, `%`) is the column's unit, a year (`2025`) or a month range (`Apr-Jun`) is a
//!    qualifier, anything else is a last-resort segment (`(备注)`);
//! 3. the rest is split into segments at line breaks, `/`, `|`, `\` and a change between
//!    Chinese and Latin script (`负责人\nOwner`, `Owner 负责人`, `Q1目标值`);
//! 4. each segment is read by its exact words, then without a year (`Q1 2026`,
//!    `2026年一季度`), then by its head noun — the longest vocabulary word it ends with
//!    (`目标负责人` → owner, `费用预算` → budget, `Revenue target` → target) — after dropping
//!    a trailing generic noun (`指标名称`, `Metric name`, `Q1 Target Value`). What stands
//!    before the head may name a quarter (`一季度目标值` → q1, `Q1 Actual` → actual_q1), the
//!    year before (`Last year actual` → baseline) or an average (`人均目标` → derived); a
//!    segment that names no field but states a unit (`全年目标/万元`) is the unit;
//! 5. segments that name different fields are combined ([`compose`] for quarters): a quarter
//!    and a target are that quarter's target, and a statement word (`目标`, `KR`) is a
//!    modifier of the other field (`Target 目标` → target, `KR负责人` → owner).
//!
//! Because the head is the END of a segment, a modifier never wins over it: `目标负责人` is
//! an owner, `目标权重` a weight, and `目标值` (listed whole) a target, never an objective.

use std::collections::HashMap;

use indexmap::IndexMap;

use crate::parse::{halfwidth, normalize_header};

/// The pseudo-field of recognised columns that hold derived numbers (progress, score,
/// completion rate): never read as goal data, never reported as unrecognised.
pub const DERIVED: &str = "derived";

/// Trailing generic nouns dropped before looking for the head noun (`指标名称` is the metric,
/// `Target Value` the target).
const GENERIC_TAILS: [&str; 13] = [
    "名称", "名字", "姓名", "内容", "数值", "金额", "值", "name", "value", "values", "text",
    "amount", "amounts",
];

/// Segments longer than this (in characters, after normalising) are sentences, not headers:
/// no head-noun search (keeps data cells such as `新媒体渠道销售额达到3000万` from reading as
/// a field, and keeps the search cheap).
const MAX_HEAD_SEGMENT: usize = 16;

/// What one header cell says.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct HeaderReading {
    /// The field key (`owner`, `q1`, `actual_q2`, [`DERIVED`] …), `None` when unrecognised.
    pub field: Option<String>,
    /// A unit or scale stated in brackets or as its own part (`万元`, `$k`, `USD m`), as
    /// written (trimmed, without a `单位：` label).
    pub unit: Option<String>,
}

/// Header words → field key, normalized for matching.
#[derive(Debug, Clone, Default)]
pub struct Vocabulary {
    words: HashMap<String, String>,
}

impl Vocabulary {
    /// Build from a config table (field key → header words).
    pub fn new(table: &IndexMap<String, Vec<String>>) -> Vocabulary {
        let mut words = HashMap::new();
        for (field, list) in table {
            for w in list {
                words
                    .entry(normalize_header(w))
                    .or_insert_with(|| field.clone());
            }
        }
        Vocabulary { words }
    }

    /// The field a header text names (see [`Vocabulary::read`]).
    pub fn field(&self, header: &str) -> Option<String> {
        self.read(header).field
    }

    /// Read a header cell: its field and the unit it states (module docs for how).
    pub fn read(&self, header: &str) -> HeaderReading {
        let whole = normalize_header(header);
        if whole.is_empty() {
            return HeaderReading::default();
        }
        let text = halfwidth(header);
        let (rest, brackets) = if text.contains(['(', '[', '【', '〔', '《']) {
            take_brackets(&text)
        } else {
            (text.clone(), Vec::new())
        };
        let mut unit = None;
        let mut fallback = Vec::new();
        for b in brackets {
            let b = b.trim();
            if b.is_empty() || is_year(b) || is_month_range(b) {
                continue;
            }
            if unit.is_none() && is_unit(b) {
                unit = Some(unit_text(b));
            } else {
                fallback.push(b.to_string());
            }
        }
        let mut field = self.lookup(&whole).map(str::to_string);
        if field.is_none() {
            for seg in segments(&rest) {
                if let Some(f) = self.segment(&seg) {
                    field = Some(match field {
                        None => f,
                        Some(prev) => combine_segments(&prev, &f),
                    });
                } else if unit.is_none()
                    && !seg.chars().any(|c| c.is_ascii_digit())
                    && is_unit(&seg)
                {
                    // `全年目标/万元`, `Target | USD m`: a unit standing as its own part.
                    unit = Some(unit_text(&seg));
                }
            }
        }
        if field.is_none() {
            field = fallback.iter().find_map(|b| self.segment(b));
        }
        // An objective with a unit is a number: `销售目标(万元)` is a target column.
        if unit.is_some() && field.as_deref() == Some("objective") {
            field = Some("target".into());
        }
        HeaderReading { field, unit }
    }

    fn lookup(&self, normalized: &str) -> Option<&str> {
        self.words.get(normalized).map(String::as_str)
    }

    /// One segment: exact, without a year, then by head noun.
    fn segment(&self, seg: &str) -> Option<String> {
        let n = normalize_header(seg);
        if n.is_empty() {
            return None;
        }
        if let Some(f) = self.lookup(&n) {
            return Some(f.to_string());
        }
        for bare in without_year(&n) {
            if bare != n
                && !bare.is_empty()
                && let Some(f) = self.lookup(bare)
            {
                return Some(f.to_string());
            }
        }
        if n.chars().count() > MAX_HEAD_SEGMENT {
            return None;
        }
        let mut tokens = tokens(seg);
        // `Q1 FY26`, `Q1'26`, `Target 2026`: year tokens only date the header.
        let dated: Vec<String> = tokens
            .iter()
            .filter(|t| !is_year_token(t))
            .cloned()
            .collect();
        if !dated.is_empty() && dated.len() < tokens.len() {
            if let Some(f) = self.lookup(&dated.concat()) {
                return Some(f.to_string());
            }
            tokens = dated;
        }
        self.by_head(&tokens).or_else(|| {
            // `指标名称`, `Metric name`, `Q1 Target Value`: the generic tail is not the head.
            let last = tokens.last()?;
            let tail = GENERIC_TAILS
                .iter()
                .find(|g| last.ends_with(*g) && (last.len() > g.len() || tokens.len() > 1))?;
            let mut trimmed = tokens.clone();
            let cut = trimmed.last_mut()?;
            cut.truncate(cut.len() - tail.len());
            if cut.is_empty() {
                trimmed.pop();
            }
            let joined: String = trimmed.concat();
            self.lookup(&joined)
                .map(str::to_string)
                .or_else(|| self.by_head(&trimmed))
        })
    }

    /// The longest vocabulary word the segment ends with (whole tokens for Latin words,
    /// characters for Chinese), with what stands before it as a modifier.
    fn by_head(&self, tokens: &[String]) -> Option<String> {
        let joined: String = tokens.concat();
        // Candidate split points: token boundaries, and every character inside a CJK token.
        let mut starts: Vec<usize> = Vec::new();
        let mut at = 0;
        for t in tokens {
            starts.push(at);
            starts.extend(
                t.char_indices()
                    .filter(|&(i, c)| i > 0 && is_cjk(c))
                    .map(|(i, _)| at + i),
            );
            at += t.len();
        }
        for &s in starts.iter().filter(|&&s| s > 0) {
            let head = &joined[s..];
            // One-letter words (`o`) and `no` are too weak to be a head.
            if head.chars().count() < 2 || head == "no" {
                continue;
            }
            let Some(field) = self.lookup(head) else {
                continue;
            };
            return Some(self.modified(&joined[..s], field));
        }
        None
    }

    /// A head field as changed by what stands before it.
    fn modified(&self, prefix: &str, head: &str) -> String {
        let [_, prefix] = without_year(prefix);
        let quarter = self.lookup(prefix).and_then(quarter_of).or_else(|| {
            // `2026年一季度`, `q12026` already lost their year; try the prefix's own head.
            (1..prefix.len())
                .filter(|&i| prefix.is_char_boundary(i))
                .find_map(|i| self.lookup(&prefix[i..]).and_then(quarter_of))
        });
        if let Some(q) = quarter {
            return compose(Some(&format!("q{q}")), Some(head)).unwrap_or_else(|| head.into());
        }
        let last_year = [
            "去年",
            "上年",
            "上一年",
            "lastyear",
            "prioryear",
            "previousyear",
        ]
        .iter()
        .any(|w| prefix.ends_with(w));
        if last_year && head == "actual" {
            return "baseline".into();
        }
        // `人均目标`, `月均目标`, `Average target`: an average of a field is worked out from it.
        let averaged = [
            "人均", "月均", "日均", "周均", "季均", "年均", "平均", "average", "avg", "mean",
        ]
        .iter()
        .any(|w| prefix.ends_with(w));
        if averaged
            && matches!(
                head,
                "target" | "objective" | "actual" | "baseline" | "budget"
            )
        {
            return DERIVED.into();
        }
        // `Actual Q1`, `Progress Q2`: the quarter is the head, what it counts comes first.
        if quarter_of(head).is_some()
            && let Some(p) = self.lookup(prefix)
            && matches!(p, "actual" | DERIVED)
        {
            return compose(Some(p), Some(head)).unwrap_or_else(|| head.into());
        }
        head.to_string()
    }
}

/// The quarter (1..=4) a field key names: `q2` → 2.
fn quarter_of(field: &str) -> Option<u8> {
    match field {
        "q1" => Some(1),
        "q2" => Some(2),
        "q3" => Some(3),
        "q4" => Some(4),
        _ => None,
    }
}

/// A band field over a sub-header field (or a modifier over a head): what the column is.
///
/// A quarter over a target (or an objective word such as `目标`) is that quarter's target,
/// over an actual that quarter's actual, over a derived column a derived column; an actual
/// over a quarter is that quarter's actual; a target band (`季度目标`) over a quarter is the
/// quarter. Otherwise the sub-header, being the more specific, names the column.
pub fn compose(band: Option<&str>, sub: Option<&str>) -> Option<String> {
    let (band, sub) = match (band, sub) {
        (b, None) => return b.map(str::to_string),
        (None, s) => return s.map(str::to_string),
        (Some(b), Some(s)) => (b, s),
    };
    if let Some(q) = quarter_of(band) {
        return Some(match sub {
            "target" | "objective" | "quarter" => band.to_string(),
            "actual" => format!("actual_q{q}"),
            DERIVED => DERIVED.to_string(),
            other => other.to_string(),
        });
    }
    if let Some(q) = quarter_of(sub) {
        return Some(match band {
            "actual" => format!("actual_q{q}"),
            DERIVED => DERIVED.to_string(),
            _ => sub.to_string(),
        });
    }
    Some(sub.to_string())
}

/// Two segments of one cell that name different fields (`KR负责人`, `Target 目标`): a quarter
/// composes with what it qualifies ([`compose`]); a statement word (`目标`, `KR`, `Goal`) is a
/// modifier of the other, more specific field, whichever side it stands on; otherwise the
/// later segment, the head, names the column.
fn combine_segments(first: &str, second: &str) -> String {
    const STATEMENTS: [&str; 2] = ["objective", "key_result"];
    if first == second {
        return second.to_string();
    }
    let quarterish = |f: &str| quarter_of(f).is_some() || f == "actual" || f == DERIVED;
    if quarterish(first) || quarterish(second) {
        return compose(Some(first), Some(second)).unwrap_or_else(|| second.to_string());
    }
    if STATEMENTS.contains(&second) {
        return first.to_string();
    }
    second.to_string()
}

fn is_cjk(c: char) -> bool {
    ('\u{4e00}'..='\u{9fff}').contains(&c) || ('\u{3400}'..='\u{4dbf}').contains(&c)
}

/// Take bracketed parts out of a (half-width) header: the text with each bracket replaced by
/// a line break, and the bracket contents.
fn take_brackets(text: &str) -> (String, Vec<String>) {
    let mut rest = String::with_capacity(text.len());
    let mut inner: Vec<String> = Vec::new();
    let mut depth = 0usize;
    for c in text.chars() {
        match c {
            '(' | '[' | '【' | '〔' | '《' => {
                if depth == 0 {
                    inner.push(String::new());
                    rest.push('\n');
                }
                depth += 1;
            }
            ')' | ']' | '】' | '〕' | '》' if depth > 0 => {
                depth -= 1;
            }
            c if depth > 0 => {
                if let Some(last) = inner.last_mut() {
                    last.push(c);
                }
            }
            c => rest.push(c),
        }
    }
    (rest, inner)
}

/// Split at line breaks, `/`, `|`, `\` and changes between Chinese and Latin script.
fn segments(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    // The script of the last letter in `cur`: Some(true) Chinese, Some(false) Latin.
    let mut script: Option<bool> = None;
    for c in text.chars() {
        if matches!(c, '\n' | '\r' | '/' | '|' | '\\' | '／' | '｜') {
            out.push(std::mem::take(&mut cur));
            script = None;
            continue;
        }
        let this = if is_cjk(c) {
            Some(true)
        } else if c.is_alphabetic() {
            Some(false)
        } else {
            None
        };
        if let (Some(now), Some(before)) = (this, script)
            && now != before
        {
            out.push(std::mem::take(&mut cur));
        }
        if this.is_some() {
            script = this;
        }
        cur.push(c);
    }
    out.push(cur);
    out.retain(|s| !normalize_header(s).is_empty() && s.chars().any(char::is_alphanumeric));
    out
}

/// Lower-case words of a segment, split at spaces and punctuation; a Chinese run is one token.
fn tokens(seg: &str) -> Vec<String> {
    normalize_words(seg)
        .split(' ')
        .filter(|t| !t.is_empty())
        .map(str::to_string)
        .collect()
}

fn normalize_words(seg: &str) -> String {
    halfwidth(seg)
        .to_lowercase()
        .chars()
        .map(|c| if c.is_alphanumeric() { c } else { ' ' })
        .collect()
}

/// A normalized header without a leading or trailing year (`2026`, `fy2026`, `2026年`):
/// `q12026` → `q1`, `2026年一季度` → `年一季度` (see [`without_year`] for the `年`).
fn strip_year(n: &str) -> &str {
    let year = |b: &[u8]| {
        b.len() == 4 && b.iter().all(u8::is_ascii_digit) && (b[..2] == *b"19" || b[..2] == *b"20")
    };
    let mut s = n;
    let lead = s.strip_prefix("fy").unwrap_or(s);
    if lead.len() >= 4
        && year(&lead.as_bytes()[..4])
        && !lead.as_bytes().get(4).is_some_and(u8::is_ascii_digit)
    {
        s = &lead[4..];
    }
    let t = s
        .strip_suffix("年度")
        .or_else(|| s.strip_suffix('年'))
        .unwrap_or(s);
    if t.len() >= 4 && year(&t.as_bytes()[t.len() - 4..]) {
        let head = &t[..t.len() - 4];
        s = head.strip_suffix("fy").unwrap_or(head);
    }
    s
}

/// The year-less forms of a normalized header to look up: `2026年度目标` → `年度目标`, and
/// `2026年一季度` → `一季度`.
fn without_year(n: &str) -> [&str; 2] {
    let bare = strip_year(n);
    [bare, bare.strip_prefix('年').unwrap_or(bare)]
}

/// A word that is a year: `2026`, `fy26`, `fy2026`, `2026年`, or a bare two-digit `26`.
fn is_year_token(t: &str) -> bool {
    let digits = t.strip_prefix("fy").unwrap_or(t);
    let digits = digits
        .strip_suffix("年度")
        .or_else(|| digits.strip_suffix('年'))
        .unwrap_or(digits);
    let all_digits = !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit());
    all_digits
        && match digits.len() {
            2 => true,
            4 => digits.starts_with("19") || digits.starts_with("20"),
            _ => false,
        }
}

/// `2025`, `2025年`, `FY2025`.
fn is_year(text: &str) -> bool {
    let n = normalize_header(text);
    !n.is_empty() && without_year(&n)[1].is_empty()
}

/// `Apr-Jun`, `4-6月`, `Jan–Mar 2026`: a month range qualifying a quarter header.
fn is_month_range(text: &str) -> bool {
    const MONTHS: [&str; 12] = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ];
    let lower = text.to_lowercase();
    let named = MONTHS.iter().filter(|m| lower.contains(*m)).count();
    named >= 2
        || (lower.contains('月')
            && lower
                .chars()
                .any(|c| c.is_ascii_digit() || "一二三四五六七八九十".contains(c)))
}

/// A unit as stated, without a leading `单位：` / `Unit:` / `in`.
fn unit_text(b: &str) -> String {
    let t = b.trim();
    let lower = t.to_lowercase();
    for label in ["单位", "计量单位", "unit", "units", "in "] {
        if lower.starts_with(label) && t.is_char_boundary(label.len()) {
            let rest = t[label.len()..].trim_start_matches([':', '：', ' ']).trim();
            if !rest.is_empty() {
                return rest.to_string();
            }
        }
    }
    t.to_string()
}

/// A bracket content that states a unit or scale: a currency, a scale word, a percent sign,
/// or a short Chinese measure word (`人`, `条`, `家`).
pub fn is_unit(text: &str) -> bool {
    let t = text.trim();
    if t.is_empty() || t.chars().count() > 12 {
        return false;
    }
    if is_thousands_mark(t) {
        return true;
    }
    if t.chars().any(|c| {
        matches!(
            c,
            '%' | '‰' | '$' | '¥' | '€' | '£' | '元' | '万' | '亿' | '千' | '百'
        )
    }) {
        return true;
    }
    const WORDS: [&str; 21] = [
        "usd",
        "cny",
        "rmb",
        "eur",
        "gbp",
        "jpy",
        "hkd",
        "k",
        "m",
        "mn",
        "mm",
        "bn",
        "thousand",
        "thousands",
        "million",
        "millions",
        "billion",
        "pts",
        "points",
        "pct",
        "percent",
    ];
    let words = normalize_words(t);
    if words
        .split(' ')
        .filter(|w| !w.is_empty())
        .any(|w| WORDS.contains(&w))
    {
        return true;
    }
    const MEASURES: &str = "人个次条家单件篇场天位户台套份分";
    t.chars().count() <= 3
        && t.chars().all(is_cjk)
        && t.chars().last().is_some_and(|c| MEASURES.contains(c))
}

/// `'000`, `000s`, `’000`: amounts in thousands.
fn is_thousands_mark(t: &str) -> bool {
    let bare = t
        .trim_matches(|c: char| c == '\'' || c == '’' || c == ' ')
        .trim_end_matches('s');
    bare == "000"
}

/// A unit's base and scale: `万元` → (`CNY`, 10 000), `$k` → (`USD`, 1 000), `USD m` →
/// (`USD`, 1 000 000), `元` → (`CNY`, 1), `人` → (`人`, 1).
///
/// Two amounts can be compared once both are brought to one scale of the same base.
pub fn unit_scale(unit: &str) -> (String, f64) {
    let t = halfwidth(unit).to_lowercase();
    let words = normalize_words(&t);
    let has_word = |w: &str| words.split(' ').any(|x| x == w);
    let base = if t.contains('元') || t.contains('¥') || has_word("cny") || has_word("rmb") {
        "CNY".to_string()
    } else if t.contains('$') || has_word("usd") {
        "USD".to_string()
    } else if t.contains('€') || has_word("eur") {
        "EUR".to_string()
    } else if t.contains('£') || has_word("gbp") {
        "GBP".to_string()
    } else {
        normalize_header(unit)
    };
    let scale = if t.contains('亿') {
        1e8
    } else if has_word("bn") || has_word("billion") {
        1e9
    } else if t.contains("百万")
        || ["m", "mn", "mm", "million", "millions"]
            .iter()
            .any(|w| has_word(w))
    {
        1e6
    } else if t.contains('万') {
        1e4
    } else if t.contains('千')
        || is_thousands_mark(&t)
        || ["k", "thousand", "thousands"].iter().any(|w| has_word(w))
    {
        1e3
    } else {
        1.0
    };
    (base, scale)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Config;

    fn goals() -> Vocabulary {
        Vocabulary::new(&Config::default().headers)
    }

    fn check(vocab: &Vocabulary, cases: &[(&str, Option<&str>)]) {
        for (header, want) in cases {
            assert_eq!(vocab.field(header).as_deref(), *want, "header {header:?}");
        }
    }

    #[test]
    fn units_in_brackets_do_not_hide_the_field() {
        let config = Config::default();
        let budget = Vocabulary::new(&config.budget_headers);
        check(
            &budget,
            &[
                ("金额（万元）", Some("amount")),
                ("Amount (USD)", Some("amount")),
            ],
        );
        check(
            &goals(),
            &[
                ("目标值(万元)", Some("target")),
                ("目标(O)", Some("objective")),
                ("(备注)", Some("notes")),
                ("(万元)", None),
            ],
        );
    }

    #[test]
    fn bilingual_cells_read_by_their_segments() {
        check(
            &goals(),
            &[
                ("负责人\nOwner", Some("owner")),
                ("负责人/Owner", Some("owner")),
                ("Owner 负责人", Some("owner")),
                ("Owner | 负责人", Some("owner")),
                ("编号\nID", Some("id")),
                ("截止日期\r\nDue Date", Some("due")),
                ("一季度\nQ1", Some("q1")),
                ("KPI指标", Some("metric")),
                ("Q1目标值", Some("q1")),
                ("Q1 Target 一季度目标", Some("q1")),
                ("Target 目标", Some("target")),
                ("目标\nTarget", Some("target")),
                ("KR负责人", Some("owner")),
                ("负责人 KR", Some("owner")),
                ("Owner（负责人）", Some("owner")),
                // names are data, not headers
                ("Kevin Zhang 张凯", None),
                ("华东区经销渠道销售额达到3000万元", None),
            ],
        );
    }

    #[test]
    fn compounds_read_by_their_head_noun() {
        check(
            &goals(),
            &[
                ("目标负责人", Some("owner")),
                ("一季度目标值", Some("q1")),
                ("2026年一季度目标", Some("q1")),
                ("费用预算", Some("budget")),
                ("指标名称", Some("metric")),
                ("考核维度", Some("dimension")),
                ("Q1 Target Value", Some("q1")),
                ("Q3 Actual", Some("actual_q3")),
                ("Actual Q3", Some("actual_q3")),
                ("实际Q2", Some("actual_q2")),
                ("Q1 FY26", Some("q1")),
                ("Q1'26", Some("q1")),
                ("Target 2026", Some("target")),
                ("完成日期", Some("due")),
                ("KR Lead", Some("owner")),
                ("行动计划", Some("notes")),
                ("人均目标", Some(DERIVED)),
                ("月均目标", Some(DERIVED)),
                ("Average target", Some(DERIVED)),
                ("三季度实际完成", Some("actual_q3")),
                ("Revenue target", Some("target")),
                ("Key result owner", Some("owner")),
                ("Metric name", Some("metric")),
                ("Last year actual", Some("baseline")),
                ("2026年度目标", Some("target")),
                ("目标值", Some("target")),
                ("目标权重", Some("weight")),
                ("权重", Some("weight")),
                ("Weight (%)", Some("weight")),
                ("预算金额(元)", Some("budget")),
                ("Budget amount", Some("budget")),
                ("负责人姓名", Some("owner")),
                ("基线值", Some("baseline")),
            ],
        );
    }

    #[test]
    fn okr_tracker_words() {
        check(
            &goals(),
            &[
                ("Start Value", Some("baseline")),
                ("Target Value", Some("target")),
                ("Current Value", Some("actual")),
                ("Progress", Some(DERIVED)),
                ("Score", Some(DERIVED)),
                ("完成率", Some(DERIVED)),
                ("%", Some(DERIVED)),
                ("Variance", Some(DERIVED)),
                ("Plan", Some("target")),
                ("Start date", Some("start")),
            ],
        );
    }

    #[test]
    fn years_and_month_ranges_qualify_a_quarter() {
        check(
            &goals(),
            &[
                ("Q1 2026", Some("q1")),
                ("2026 Q2", Some("q2")),
                ("2026年一季度", Some("q1")),
                ("Q1 (Apr-Jun)", Some("q1")),
                ("Q4（10-12月）", Some("q4")),
                ("Baseline (2025)", Some("baseline")),
                ("FY2026 Target", Some("target")),
            ],
        );
    }

    #[test]
    fn bracketed_units_are_the_columns_unit() {
        let v = goals();
        let cases = [
            ("全年目标(万元)", "target", "万元"),
            ("全年目标\n(万元)", "target", "万元"),
            ("预算（万元）\nBudget", "budget", "万元"),
            ("Budget ($k)", "budget", "$k"),
            ("Revenue target (USD m)", "target", "USD m"),
            ("销售目标(万元)", "target", "万元"),
            ("目标值【人】", "target", "人"),
            ("预算（单位：万元）", "budget", "万元"),
            ("Spend (in $k)", "budget", "$k"),
            ("全年目标/万元", "target", "万元"),
            ("Target | USD m", "target", "USD m"),
            ("Budget ('000)", "budget", "'000"),
        ];
        for (header, field, unit) in cases {
            let r = v.read(header);
            assert_eq!(r.field.as_deref(), Some(field), "{header:?}");
            assert_eq!(r.unit.as_deref(), Some(unit), "{header:?}");
        }
        // a year or a month range is not a unit, nor is a field word
        for header in ["Baseline (2025)", "Q1 (Apr-Jun)", "目标(O)", "关键结果(KR)"] {
            assert_eq!(v.read(header).unit, None, "{header:?}");
        }
    }

    #[test]
    fn unit_scales() {
        assert_eq!(unit_scale("万元"), ("CNY".into(), 1e4));
        assert_eq!(unit_scale("元"), ("CNY".into(), 1.0));
        assert_eq!(unit_scale("百万元"), ("CNY".into(), 1e6));
        assert_eq!(unit_scale("$k"), ("USD".into(), 1e3));
        assert_eq!(unit_scale("USD m"), ("USD".into(), 1e6));
        assert_eq!(unit_scale("$"), ("USD".into(), 1.0));
        assert_eq!(unit_scale("人").1, 1.0);
        assert_eq!(unit_scale("'000").1, 1e3);
    }

    #[test]
    fn bands_compose_with_their_sub_headers() {
        assert_eq!(compose(Some("q1"), Some("target")).as_deref(), Some("q1"));
        assert_eq!(
            compose(Some("q2"), Some("actual")).as_deref(),
            Some("actual_q2")
        );
        assert_eq!(compose(Some("q3"), Some(DERIVED)).as_deref(), Some(DERIVED));
        assert_eq!(
            compose(Some("actual"), Some("q4")).as_deref(),
            Some("actual_q4")
        );
        assert_eq!(
            compose(Some("objective"), Some("q1")).as_deref(),
            Some("q1")
        );
        assert_eq!(compose(Some("owner"), None).as_deref(), Some("owner"));
        assert_eq!(compose(None, Some("target")).as_deref(), Some("target"));
    }
}
