//! Keys: the form in which goalsheet compares owners, channels, product lines, metrics, units,
//! goal ids and parent ids (DESIGN §2 "Keys").
//!
//! Text pasted from chat tools and web pages carries characters nobody sees: zero-width spaces
//! (U+200B), word joiners (U+2060), byte-order marks (U+FEFF), no-break spaces (U+00A0),
//! ideographic spaces (U+3000), full-width letters and digits (`ＫＲ１`) and trailing spaces.
//! Compared as written, `李娜` and `李娜` + U+200B are two owners and each gets half of her
//! rollup. Every comparison of these values therefore goes through [`Key`]; what is shown to
//! the user is the text as written, first spelling first ([`shown`] only drops the invisible
//! characters and collapses runs of spaces).

use std::fmt;

use unicode_normalization::UnicodeNormalization;

/// A value reduced for comparison: Unicode NFKC (full-width forms and compatibility spaces
/// become their plain forms), format and control characters and other default-ignorable
/// characters removed, whitespace runs made one space and trimmed, and no space kept between
/// two CJK characters (Chinese text has no word spaces: `张　三` is `张三`). Case is kept:
/// `KR1` and `kr1` are different ids, which R001 names as a near miss.
///
/// Names that are also compared ignoring case and spaces (metrics, units, the per-owner
/// workload) use [`Key::loose`].
///
/// An empty key means the text held nothing visible.
///
/// ```
/// use goalsheet::model::Key;
/// assert_eq!(Key::new("李娜\u{200B}"), Key::new("李娜"));
/// assert_eq!(Key::new("\u{FEFF}ＫＲ１\u{00A0}"), Key::new("KR1"));
/// assert_eq!(Key::new("Kevin\u{3000}\u{3000}Zhang "), Key::new("Kevin Zhang"));
/// assert_ne!(Key::new("李娜"), Key::new("李明"));
/// assert_eq!(Key::new("New Leads").loose(), Key::new("newleads"));
/// assert!(Key::new("\u{200B}\u{2060} ").is_empty());
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Key(String);

impl Key {
    /// The key of a text, `None` when nothing is left once folded (a blank or invisible
    /// text): what [`Text`](crate::model::Text)'s `key()` gives for a cell holding `text`.
    pub fn of(text: &str) -> Option<Key> {
        Some(Key::new(text)).filter(|k| !k.is_empty())
    }

    /// The key of a text (see the type's docs for what is folded).
    pub fn new(text: &str) -> Key {
        // Printable ASCII with single inner spaces (`KR1.2`, `Kevin Zhang`) is its own key.
        if is_plain_ascii(text) {
            return Key(text.to_string());
        }
        // Invisible characters go before NFKC too, so that they never block a composition
        // (`e` + U+200D + U+0301 is `é`, as its visible text).
        let visible = text.chars().filter(|c| !is_invisible(*c));
        // Most ids and names (ASCII, plain Chinese) are already in NFKC; the quick check
        // says so without the decomposition buffers `nfkc()` goes through.
        if text.is_ascii()
            || unicode_normalization::is_nfkc_quick(visible.clone())
                == unicode_normalization::IsNormalized::Yes
        {
            Key::fold(visible, text.len())
        } else {
            Key::fold(visible.nfkc(), text.len())
        }
    }

    /// The key of characters already in NFKC: spaces folded, invisible ones dropped.
    fn fold(chars: impl Iterator<Item = char>, len: usize) -> Key {
        let mut out = String::with_capacity(len);
        // A space waiting to be written, and the last character written.
        let mut space = false;
        let mut last: Option<char> = None;
        for c in chars {
            if c.is_whitespace() {
                space = last.is_some();
                continue;
            }
            if is_invisible(c) {
                continue;
            }
            if space && !(last.is_some_and(is_cjk) && is_cjk(c)) {
                out.push(' ');
            }
            space = false;
            out.push(c);
            last = Some(c);
        }
        Key(out)
    }
    /// The key ignoring case and every space (`New Leads` = `newleads`): how metric and unit
    /// names, and owners for the workload count, are compared.
    pub fn loose(&self) -> Key {
        // Most keys are ASCII (`KR1.2`, `New Leads`): lower-case bytes, no Unicode tables.
        if self.0.is_ascii() {
            return Key(self
                .0
                .bytes()
                .filter(|b| *b != b' ')
                .map(|b| char::from(b.to_ascii_lowercase()))
                .collect());
        }
        let folded: String = self
            .0
            .chars()
            .filter(|c| *c != ' ')
            .flat_map(char::to_lowercase)
            .collect();
        // Lower-casing can produce sequences NFKC writes otherwise (rare: `İ`).
        if folded.is_ascii() {
            Key(folded)
        } else {
            Key(folded.nfkc().collect())
        }
    }
    /// The reduced text (for maps keyed by string and for spreadsheet helper columns).
    pub fn as_str(&self) -> &str {
        &self.0
    }
    /// True when the text held nothing visible.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
    /// The reduced text, owned.
    pub fn into_string(self) -> String {
        self.0
    }
}

/// Printable ASCII, not starting or ending with a space, with no two spaces in a row: text
/// [`Key::new`] leaves as it is (no invisible characters, nothing NFKC changes, no space run).
fn is_plain_ascii(text: &str) -> bool {
    let bytes = text.as_bytes();
    bytes.first().is_some_and(u8::is_ascii_graphic)
        && bytes.last().is_some_and(u8::is_ascii_graphic)
        && bytes.iter().all(|&b| b.is_ascii_graphic() || b == b' ')
        && !text.contains("  ")
}

/// Han ideographs, kana, Hangul and CJK punctuation: scripts written without word spaces.
pub fn is_cjk(c: char) -> bool {
    matches!(
        c as u32,
        0x1100..=0x11FF
            | 0x2E80..=0x2FDF
            | 0x3001..=0x303F
            | 0x3040..=0x30FF
            | 0x3130..=0x318F
            | 0x31A0..=0x31FF
            | 0x3400..=0x4DBF
            | 0x4E00..=0x9FFF
            | 0xAC00..=0xD7AF
            | 0xF900..=0xFAFF
            | 0xFF01..=0xFF60
            | 0x20000..=0x3134F
    )
}

impl fmt::Display for Key {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// The text as written, for showing: invisible characters (format, control and other
/// default-ignorable characters) removed, whitespace runs (NBSP and ideographic spaces
/// included) made one space, and trimmed. Letters, width and case are kept as written.
///
/// ```
/// assert_eq!(goalsheet::model::shown("\u{FEFF} 李娜\u{200B}\u{3000}"), "李娜");
/// assert_eq!(goalsheet::model::shown("Kevin\u{00A0}\u{00A0}Zhang"), "Kevin Zhang");
/// assert_eq!(goalsheet::model::shown("ＫＲ１"), "ＫＲ１");
/// ```
pub fn shown(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut space = false;
    for c in text.chars() {
        if c.is_whitespace() {
            space = !out.is_empty();
        } else if !is_invisible(c) {
            if space {
                out.push(' ');
                space = false;
            }
            out.push(c);
        }
    }
    out
}

/// Whether [`shown`] leaves anything of `text` (a character neither whitespace nor
/// invisible), without making the copy.
pub fn shows_anything(text: &str) -> bool {
    text.chars().any(|c| !c.is_whitespace() && !is_invisible(c))
}

/// Characters that show nothing: controls (Cc, whitespace aside), format characters (Cf:
/// zero-width spaces and joiners, word joiner, BOM, bidi marks, soft hyphen, …) and the other
/// default-ignorable code points (variation selectors, Hangul fillers, the combining grapheme
/// joiner). Rust's standard library has no general-category lookup, so the Unicode 16 Cf and
/// Default_Ignorable_Code_Point ranges are listed here.
pub fn is_invisible(c: char) -> bool {
    // Only the controls among ASCII; most text is ASCII or CJK ideographs (none invisible).
    if c.is_ascii() {
        return c.is_ascii_control() && !c.is_whitespace();
    }
    if ('\u{4E00}'..='\u{9FFF}').contains(&c) {
        return false;
    }
    is_invisible_listed(c)
}

/// [`is_invisible`] without its ASCII and ideograph shortcuts: the controls and the listed
/// ranges.
fn is_invisible_listed(c: char) -> bool {
    if c.is_control() {
        return !c.is_whitespace();
    }
    matches!(
        c as u32,
        0x00AD
            | 0x034F
            | 0x0600..=0x0605
            | 0x061C
            | 0x06DD
            | 0x070F
            | 0x0890..=0x0891
            | 0x08E2
            | 0x115F..=0x1160
            | 0x17B4..=0x17B5
            | 0x180B..=0x180F
            | 0x200B..=0x200F
            | 0x202A..=0x202E
            | 0x2060..=0x206F
            | 0x3164
            | 0xFE00..=0xFE0F
            | 0xFEFF
            | 0xFFA0
            | 0xFFF0..=0xFFFB
            | 0x110BD
            | 0x110CD
            | 0x13430..=0x1343F
            | 0x1BCA0..=0x1BCA3
            | 0x1D173..=0x1D17A
            | 0xE0000..=0xE0FFF
    )
}

impl super::Sourced<String> {
    /// The value's [`Key`]; `None` when the cell is blank or holds only invisible characters.
    pub fn key(&self) -> Option<Key> {
        self.value.as_deref().and_then(Key::of)
    }
    /// Whether [`Self::key`] is `Some`, without building the key when a character that keeps
    /// its own visible form (an ASCII letter, digit or mark; a CJK ideograph) shows it at once.
    pub fn has_key(&self) -> bool {
        match self.value.as_deref() {
            None => false,
            Some(text) => {
                text.chars()
                    .any(|c| c.is_ascii_graphic() || ('\u{4E00}'..='\u{9FFF}').contains(&c))
                    || !Key::new(text).is_empty()
            }
        }
    }
    /// The value as written, for showing ([`shown`]); `None` when nothing visible.
    pub fn shown(&self) -> Option<String> {
        self.value.as_deref().map(shown).filter(|s| !s.is_empty())
    }
}

/// The first spelling of each key, in order of first appearance: how a group of values that
/// compare equal is shown.
#[derive(Debug, Clone, Default)]
pub struct Spellings(indexmap::IndexMap<Key, String>);

impl Spellings {
    /// Note a value as written; the first visible spelling of its key wins.
    pub fn note(&mut self, text: &str) {
        self.note_keyed(&Key::new(text), text);
    }
    /// [`Spellings::note`] with the value's key already built (`Key::new(text)`).
    pub fn note_keyed(&mut self, key: &Key, text: &str) {
        if !self.0.contains_key(key) {
            self.0.insert(key.clone(), shown(text));
        }
    }
    /// How the key is shown (its first spelling; the key itself when never noted).
    pub fn of(&self, key: &Key) -> String {
        self.0
            .get(key)
            .cloned()
            .unwrap_or_else(|| key.as_str().to_string())
    }
    /// The key's rank in order of first appearance (`usize::MAX` when never noted).
    pub fn rank(&self, key: &Key) -> usize {
        self.0.get_index_of(key).unwrap_or(usize::MAX)
    }
    /// How many distinct keys were noted.
    pub fn len(&self) -> usize {
        self.0.len()
    }
    /// True when nothing was noted.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

#[cfg(test)]
mod fast_path_props {
    use super::*;
    use proptest::prelude::*;

    /// [`Key::new`] always through NFKC: the reference for the ASCII and quick-check paths.
    fn key_through_nfkc(text: &str) -> Key {
        Key::fold(
            text.chars().filter(|c| !is_invisible(*c)).nfkc(),
            text.len(),
        )
    }

    proptest! {
        /// Ids, names and look-alikes: ASCII with spaces and controls, full-width forms,
        /// CJK with ideographic spaces, zero-width characters and combining marks.
        #[test]
        fn keys_agree_with_the_nfkc_path(
            text in "[ a-zA-Z0-9.\\-\t]{0,10}|[ 张李娜明\u{3000}\u{200B}\u{FEFF}ＫＲ１\u{00A0}e\u{0301}\u{200D}é①Ⅻ ]{0,8}",
            any_text in "\\PC{0,8}",
        ) {
            prop_assert_eq!(Key::new(&text), key_through_nfkc(&text));
            prop_assert_eq!(Key::new(&any_text), key_through_nfkc(&any_text));
        }
    }

    /// [`Key::loose`] through the Unicode lower-casing and NFKC path, for every key.
    fn loose_in_full(key: &Key) -> Key {
        let folded: String = key
            .as_str()
            .chars()
            .filter(|c| *c != ' ')
            .flat_map(char::to_lowercase)
            .collect();
        Key(folded.nfkc().collect())
    }

    proptest! {
        /// The ASCII shortcut of `loose` gives what the full path gives, and non-ASCII keys
        /// (full-width, accented, CJK, `İ`) still go the full way.
        #[test]
        fn loose_keys_agree_with_the_full_path(
            text in "[ a-zA-Z0-9.\\-_]{0,12}|[ A-Zaz张李ＫＲ１İÉé\u{3000}]{0,8}",
            any_text in "\\PC{0,8}",
        ) {
            for t in [&text, &any_text] {
                let key = Key::new(t);
                prop_assert_eq!(key.loose(), loose_in_full(&key));
            }
        }
    }

    #[test]
    fn loose_keys_ignore_case_and_spaces_in_english_and_chinese() {
        let loose = |t: &str| Key::new(t).loose().into_string();
        assert_eq!(loose("New  Leads"), "newleads");
        assert_eq!(loose(" KR 1.2 "), "kr1.2");
        assert_eq!(loose("销售 线索 A"), "销售线索a");
        assert_eq!(loose("ＫＲ１"), "kr1");
        assert_ne!(loose("KR1"), loose("KR2"));
    }

    #[test]
    fn the_shortcuts_of_is_invisible_change_nothing() {
        for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
            assert_eq!(
                is_invisible(c),
                is_invisible_listed(c),
                "U+{:04X}",
                c as u32
            );
        }
    }

    #[test]
    fn plain_ascii_is_its_own_key_and_nothing_else_is_taken_as_such() {
        for text in ["KR1.2", "Kevin Zhang", "O-1 (a)"] {
            assert!(is_plain_ascii(text), "{text:?}");
            assert_eq!(Key::new(text).as_str(), text);
        }
        for text in [
            "",
            " KR1",
            "KR1 ",
            "Kevin  Zhang",
            "KR\t1",
            "ＫＲ１",
            "李娜",
        ] {
            assert!(!is_plain_ascii(text), "{text:?}");
        }
        assert_eq!(Key::new("Kevin  Zhang").as_str(), "Kevin Zhang");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// `shows_anything` says whether `shown` leaves any text: ASCII and CJK with
        /// spaces of every kind, zero-width and other invisible characters, and any text.
        #[test]
        fn shows_anything_is_shown_not_empty(
            text in "[ \t\u{A0}\u{3000}\u{200B}\u{FEFF}\u{2060}\u{AD}a李Ｋ]{0,6}",
            any_text in "\\PC{0,6}",
        ) {
            for t in [&text, &any_text] {
                proptest::prop_assert_eq!(shows_anything(t), !shown(t).is_empty(), "{:?}", t);
            }
        }
    }

    #[test]
    fn has_key_agrees_with_key_and_markers_are_short() {
        let texts = [
            "",
            " ",
            "\u{200B}",
            "\u{3000}\u{200B} ",
            "\u{FEFF}",
            "\u{3164}",
            "\u{FFA0}",
            "A",
            " 张伟 ",
            "\u{200B}张伟",
            "ＡＢ",
            "é",
            "e\u{0301}",
            "\u{00A0}",
            "Ⅻ",
            "①",
            "\u{2028}",
            "-",
            "—",
            "待定",
            "N/A",
            "\u{200B}TBD\u{200B}",
            "n . a .",
            "ｔｂｄ",
            "销售额达到1200万元",
        ];
        for text in texts {
            let value = super::super::Sourced {
                value: Some(text.to_string()),
                raw: text.to_string(),
                ..Default::default()
            };
            assert_eq!(value.has_key(), value.key().is_some(), "{text:?}");
            if crate::parse::marker(&shown(text)).is_some() {
                assert!(crate::parse::may_be_marker(text), "{text:?}");
            }
        }
        let none = super::super::Sourced::<String>::default();
        assert!(!none.has_key());
        assert!(!crate::parse::may_be_marker("销售额达到1200万元"));
        assert!(!crate::parse::may_be_marker("n/a please"));
        assert!(crate::parse::may_be_marker(" \u{200B}n.a.\u{200B} "));
    }

    #[test]
    fn invisible_and_space_variants_share_a_key() {
        let base = Key::new("李娜");
        for v in [
            "李娜\u{200B}",
            "\u{FEFF}李娜",
            "李\u{2060}娜",
            "李娜\u{00A0}",
            "李娜\u{3000}",
            "李娜 ",
            "李　娜",
            "\t李娜\r\n",
            "李\u{200D}娜",
            "李娜\u{00AD}",
        ] {
            assert_eq!(Key::new(v), base, "{v:?}");
        }
    }

    #[test]
    fn width_and_spacing_fold_in_english_too_case_is_kept() {
        assert_eq!(Key::new("ＫＲ１.２"), Key::new("KR1.2"));
        assert_eq!(Key::new(" Online\u{00A0}"), Key::new("Online"));
        assert_eq!(Key::new("New\u{00A0}\u{00A0}Leads"), Key::new("New Leads"));
        assert_eq!(Key::new("Ｔｉｋｔｏｋ"), Key::new("Tiktok"));
        assert_eq!(Key::new("Kevin Zhang 张凯").as_str(), "Kevin Zhang 张凯");
        assert_ne!(Key::new("KR1"), Key::new("kr1"));
        assert_eq!(Key::new("KR1").loose(), Key::new("kr 1").loose());
        assert_ne!(Key::new("NewLeads"), Key::new("New Leads"));
        assert_eq!(Key::new("NewLeads").loose(), Key::new("New Leads").loose());
    }

    #[test]
    fn different_names_stay_different() {
        assert_ne!(Key::new("李娜"), Key::new("李娜娜"));
        assert_ne!(Key::new("KR1"), Key::new("KR11"));
        assert_ne!(Key::new("Ann"), Key::new("Anna"));
        assert!(Key::new("").is_empty());
        assert!(!Key::new("·").is_empty());
    }

    #[test]
    fn shown_keeps_what_is_visible() {
        assert_eq!(shown("  李娜\u{200B} "), "李娜");
        assert_eq!(shown("Kevin Zhang\u{3000}张凯"), "Kevin Zhang 张凯");
        assert_eq!(shown("Ｏｎｌｉｎｅ"), "Ｏｎｌｉｎｅ");
        assert_eq!(shown("\u{200B}"), "");
    }

    #[test]
    fn spellings_keep_the_first_visible_one() {
        let mut s = Spellings::default();
        s.note("李娜\u{200B}");
        s.note("李娜");
        s.note("Ann");
        s.note("Ann\u{3000}");
        assert_eq!(s.len(), 2);
        assert_eq!(s.of(&Key::new("李娜")), "李娜");
        assert_eq!(s.of(&Key::new("Ann")), "Ann");
        assert_eq!(s.rank(&Key::new("Ann ")), 1);
    }
}
