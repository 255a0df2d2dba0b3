//! Owner cells that name several people (`罗敏、韩冬`, `Ann / Bo`, `张三 李四`).
//!
//! Such a goal has an owner, is counted once in every rollup under the cell's own key, and
//! gets an info (S006) because SMART wants one accountable owner. The workload rule (A004)
//! counts it for each person named.
//!
//! What separates people:
//! - `、` `,` `，` `;` `；` `/` `／` `|` `｜` `&` `＆` `+` `＋` and line breaks;
//! - the word `and` between spaces (`Ann and Bo`);
//! - `和` `与` `及` between Chinese names of two to four characters (`张三和李四`; `王和平`
//!   is one name);
//! - spaces between Chinese names of two to four characters each (`张三 李四`; a two-character
//!   name padded to three, `张　三`, stays one name).
//!
//! What does not: a name written in two scripts (`Kevin Zhang 张凯`), an `&` inside an
//! abbreviation (`R&D`, `P&G`, `AT&T`: capitals on both sides, no spaces), a not-yet-set
//! marker (`N/A`), a part without a letter, and `Surname, Given` in pinyin (`Zhang, Wei`:
//! exactly two comma-separated words, the first a common Chinese surname), which is one
//! person.

use super::key::{Key, shown};

/// Separators between people inside one cell.
const SEPARATORS: [char; 14] = [
    '、', ',', '，', ';', '；', '/', '／', '|', '｜', '&', '＆', '+', '＋', '\n',
];

/// Conjunctions between Chinese names (only between names of two to four characters).
const HAN_CONJUNCTIONS: [char; 3] = ['和', '与', '及'];

/// Common Chinese surnames in pinyin, for `Zhang, Wei` (one person, surname first).
const PINYIN_SURNAMES: &[&str] = &[
    "bai", "cai", "cao", "chan", "chen", "cheng", "cheung", "cui", "deng", "ding", "dong", "du",
    "duan", "fan", "feng", "fu", "gao", "gu", "guo", "han", "hao", "he", "ho", "hou", "hu",
    "huang", "jia", "jiang", "jin", "kong", "lam", "lau", "lee", "lei", "leung", "li", "liang",
    "lin", "liu", "long", "lu", "luo", "ma", "mao", "meng", "ng", "pan", "peng", "qian", "qin",
    "qiu", "ren", "shen", "shi", "song", "su", "sun", "tan", "tang", "tian", "wan", "wang", "wei",
    "wong", "wu", "xia", "xiao", "xie", "xu", "yan", "yang", "yao", "ye", "yu", "yuan", "zeng",
    "zhang", "zhao", "zheng", "zhong", "zhou", "zhu", "chow", "tsang",
];

fn is_han(c: char) -> bool {
    matches!(c as u32, 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x3134F)
}

/// A Chinese personal name: two to four Han characters, nothing else.
fn is_han_name(part: &str) -> bool {
    let n = part.chars().count();
    (2..=4).contains(&n) && part.chars().all(is_han)
}

/// A part that can be a person: it has a letter (`1/2` names nobody).
fn is_name(part: &str) -> bool {
    part.chars().any(char::is_alphabetic)
}

/// A short capitalised abbreviation: `R`, `D`, `AT`, `QA` (up to four capitals).
fn is_abbreviation(word: &str) -> bool {
    (1..=4).contains(&word.len()) && word.chars().all(|c| c.is_ascii_uppercase())
}

/// The text with each `&` that joins an abbreviation (`R&D`, `P&G`, `AT&T`, `M&A`: no spaces,
/// capitals on both sides) replaced by a private character, so it separates nobody.
fn protect_abbreviations(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let word_at = |from: usize, step: isize| -> String {
        let mut out = Vec::new();
        let mut i = from as isize;
        while i >= 0 && (i as usize) < chars.len() && chars[i as usize].is_alphanumeric() {
            out.push(chars[i as usize]);
            i += step;
        }
        if step < 0 {
            out.reverse();
        }
        out.into_iter().collect()
    };
    chars
        .iter()
        .enumerate()
        .map(|(i, &c)| {
            let joins = (c == '&' || c == '＆')
                && i > 0
                && is_abbreviation(&word_at(i - 1, -1))
                && is_abbreviation(&word_at(i + 1, 1));
            if joins { AMPERSAND } else { c }
        })
        .collect()
}

/// Stands for an `&` inside an abbreviation while the cell is split.
const AMPERSAND: char = '\u{E026}';

/// `Zhang, Wei`: one person written surname first.
fn is_surname_first(text: &str) -> bool {
    let parts: Vec<&str> = text.split(',').map(str::trim).collect();
    let word = |s: &str| !s.is_empty() && s.chars().all(|c| c.is_ascii_alphabetic());
    match parts.as_slice() {
        [surname, given] if word(surname) && word(given) => {
            PINYIN_SURNAMES.contains(&surname.to_ascii_lowercase().as_str())
        }
        _ => false,
    }
}

/// Split a part further on the word `and`, `和`/`与`/`及` between Chinese names, and spaces
/// between Chinese names.
fn split_words(part: &str) -> Vec<String> {
    let tokens: Vec<&str> = part.split_whitespace().collect();
    if tokens.iter().any(|t| t.eq_ignore_ascii_case("and")) {
        let mut out = Vec::new();
        let mut current: Vec<&str> = Vec::new();
        for t in tokens {
            if t.eq_ignore_ascii_case("and") {
                out.push(current.join(" "));
                current.clear();
            } else {
                current.push(t);
            }
        }
        out.push(current.join(" "));
        return out;
    }
    if tokens.len() >= 2 && tokens.iter().all(|t| is_han_name(t)) {
        return tokens.iter().map(|t| (*t).to_string()).collect();
    }
    let joined: String = tokens.concat();
    if joined.chars().all(is_han) && joined.contains(HAN_CONJUNCTIONS) {
        let names: Vec<&str> = joined.split(HAN_CONJUNCTIONS).collect();
        if names.len() >= 2 && names.iter().all(|n| is_han_name(n)) {
            return names.iter().map(|n| (*n).to_string()).collect();
        }
    }
    vec![part.to_string()]
}

/// The people an owner cell names, as written (invisible characters dropped), each once.
/// One entry for an ordinary owner, none for a blank cell; see the module docs for what
/// separates people.
///
/// ```
/// use goalsheet::model::owner_names;
/// assert_eq!(owner_names("罗敏、韩冬"), ["罗敏", "韩冬"]);
/// assert_eq!(owner_names("Ann / Bo"), ["Ann", "Bo"]);
/// assert_eq!(owner_names("Kevin Zhang 张凯"), ["Kevin Zhang 张凯"]);
/// assert_eq!(owner_names("Zhang, Wei"), ["Zhang, Wei"]);
/// assert_eq!(owner_names("R&D"), ["R&D"]);
/// ```
pub fn owner_names(text: &str) -> Vec<String> {
    // Line breaks separate people; every other invisible character goes first.
    let lines: Vec<String> = text
        .split(['\n', '\r', '\u{2028}', '\u{2029}'])
        .map(shown)
        .filter(|l| !l.is_empty())
        .collect();
    let whole = lines.join("\n");
    if whole.is_empty() {
        return Vec::new();
    }
    if (lines.len() == 1 && is_surname_first(&whole)) || crate::parse::marker(&whole).is_some() {
        return vec![whole];
    }
    let parts: Vec<String> = protect_abbreviations(&whole)
        .split(SEPARATORS)
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .flat_map(split_words)
        .map(|p| p.trim().replace(AMPERSAND, "&"))
        .filter(|p| !p.is_empty())
        .collect();
    if parts.len() < 2 || !parts.iter().all(|p| is_name(p)) {
        return vec![shown(text)];
    }
    let mut seen = std::collections::HashSet::new();
    parts
        .into_iter()
        .filter(|p| seen.insert(Key::new(p)))
        .collect()
}

/// [`owner_names`] of many cells, each distinct text split once: a plan names a few dozen
/// people over thousands of rows.
#[derive(Debug, Default)]
pub struct OwnerNames<'t>(std::collections::HashMap<&'t str, Vec<String>>);

impl<'t> OwnerNames<'t> {
    /// The people `text` names, as [`owner_names`] gives them.
    pub fn of(&mut self, text: &'t str) -> &[String] {
        self.0.entry(text).or_insert_with(|| owner_names(text))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn remembered_owner_names_are_owner_names() {
        let cells = [
            "罗敏、韩冬",
            "Ann / Bo",
            "罗敏、韩冬",
            "Zhang, Wei",
            "R&D",
            "",
            "Ann / Bo",
        ];
        let mut memo = OwnerNames::default();
        for cell in cells {
            assert_eq!(memo.of(cell), owner_names(cell).as_slice(), "{cell}");
        }
        assert_eq!(memo.0.len(), 5, "each distinct text split once");
    }

    #[test]
    fn chinese_cells_naming_several_people() {
        assert_eq!(owner_names("罗敏、韩冬"), ["罗敏", "韩冬"]);
        assert_eq!(owner_names("罗敏/潘悦"), ["罗敏", "潘悦"]);
        assert_eq!(owner_names("张三，李四"), ["张三", "李四"]);
        assert_eq!(owner_names("张三 李四"), ["张三", "李四"]);
        assert_eq!(owner_names("张三和李四"), ["张三", "李四"]);
        assert_eq!(owner_names("欧阳娜娜；李四\u{200B}"), ["欧阳娜娜", "李四"]);
        assert_eq!(owner_names("张三\n李四"), ["张三", "李四"]);
        assert_eq!(owner_names("张三、"), ["张三、"]);
    }

    #[test]
    fn english_cells_naming_several_people() {
        assert_eq!(owner_names("Ann / Bo"), ["Ann", "Bo"]);
        assert_eq!(owner_names("Ann, Bo"), ["Ann", "Bo"]);
        assert_eq!(owner_names("Ann & Bo"), ["Ann", "Bo"]);
        assert_eq!(owner_names("Ann and Bo Chen"), ["Ann", "Bo Chen"]);
        assert_eq!(owner_names("Ann+Bo"), ["Ann", "Bo"]);
        assert_eq!(owner_names("Smith, John"), ["Smith", "John"]);
        assert_eq!(owner_names("A / B"), ["A", "B"]);
        assert_eq!(owner_names("Ann&Bo"), ["Ann", "Bo"]);
        assert_eq!(owner_names("R&D / Sales"), ["R&D", "Sales"]);
    }

    #[test]
    fn one_person_stays_one() {
        for one in [
            "李娜",
            "张　三",
            "张 三",
            "王和平",
            "Kevin Zhang 张凯",
            "Kevin Zhang",
            "Zhang, Wei",
            "N/A",
            "R&D",
            "P&G",
            "AT&T",
            "1/2",
            "TBD",
            "张三/张三",
            "Sandra",
        ] {
            assert_eq!(owner_names(one).len(), 1, "{one}");
        }
        assert!(owner_names(" \u{200B}").is_empty());
    }
}
