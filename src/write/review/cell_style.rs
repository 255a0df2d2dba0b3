//! How the plan's cells look in the review: the original's own style where the input has one
//! (xlsx/xlsm: number format, font, fill, borders, alignment, wrap, read by
//! [`crate::read::look`]), else one number format per column chosen from its field and unit
//! (CSV and the formats whose styles are not read). A finding's fill goes on top: only the
//! fill changes, the cell keeps its font, borders and number format.
//!
//! Number formats chosen here are only those Excel, WPS and LibreOffice all show cleanly:
//! `#,##0`, `#,##0.0`, `#,##0.00`, `"$"#,##0`, `"¥"#,##0`, `0%`, `0.0%`, `0.00%`,
//! `yyyy-mm-dd` (never `#,##0.##`, which leaves a trailing dot in Excel).

use rust_xlsxwriter::{Color, Format, FormatAlign, FormatBorder, FormatPattern, FormatUnderline};

use super::{Styles, severity_fill};
use crate::read::look::{BorderLook, CellLook, FillLook, NumberFormat, SheetLook};
use crate::rules::Severity;

/// A number format the review chooses (where the original has none of its own).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub(crate) enum NumFmt {
    #[default]
    General,
    Date,
    /// Percent with this many decimals.
    Percent(u8),
    /// Thousands separators, this many decimals (0–2), an optional currency symbol.
    Amount {
        decimals: u8,
        symbol: Symbol,
    },
    /// An amount the sheet wrote in 万 (`50万`), shown in 万 with one decimal: `50.0万`.
    /// The stored value stays the full number (500000), so sums and formulas are right;
    /// `0!.0,` shows a thousandth of it with a literal point before its last digit, which
    /// Excel, WPS and LibreOffice all render the same.
    Wan,
}

/// The currency symbol an amount is shown with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub(crate) enum Symbol {
    #[default]
    None,
    Yuan,
    Dollar,
}

impl NumFmt {
    /// The Excel format code.
    pub fn code(self) -> String {
        match self {
            NumFmt::General => "General".into(),
            NumFmt::Date => "yyyy-mm-dd".into(),
            NumFmt::Percent(d) => format!("0{}%", decimals(d)),
            NumFmt::Amount {
                decimals: d,
                symbol,
            } => {
                let prefix = match symbol {
                    Symbol::None => "",
                    Symbol::Yuan => "\"¥\"",
                    Symbol::Dollar => "\"$\"",
                };
                format!("{prefix}#,##0{}", decimals(d))
            }
            NumFmt::Wan => "0\\.0,\"万\"".into(),
        }
    }
}

fn decimals(d: u8) -> String {
    if d == 0 {
        String::new()
    } else {
        format!(".{}", "0".repeat(usize::from(d.min(2))))
    }
}

/// The kind of amount a unit or header names: a currency (`$`, `元`, `USD`), or one counted
/// in 万/千/亿 or thousands (`万元`, `$k`), which is shown as written, without a symbol
/// (2,200 in a 万元 column is not ¥2,200).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Currency {
    Yuan,
    Dollar,
    Scaled,
}

impl Currency {
    pub fn symbol(self) -> Symbol {
        match self {
            Currency::Yuan => Symbol::Yuan,
            Currency::Dollar => Symbol::Dollar,
            Currency::Scaled => Symbol::None,
        }
    }
}

/// The currency a unit or header text names, if any.
pub(crate) fn currency_of(text: &str) -> Option<Currency> {
    // Most number cells are bare numerals (`1,200.5`, `-3`, `35%`), which name no currency:
    // answered without lower-casing a copy and ten searches (every cell of a big plan asks).
    if text
        .bytes()
        .all(|b| b.is_ascii_digit() || b".,+-% ".contains(&b))
    {
        return None;
    }
    let t = text.to_lowercase();
    let scaled = ['万', '千', '亿'].iter().any(|c| t.contains(*c))
        || t.contains("$k")
        || t.contains("k$")
        || t.contains("(k)")
        || t.contains("000s");
    let symbol = ["$", "usd", "美元", "元", "¥", "￥", "rmb", "cny"]
        .iter()
        .any(|c| t.contains(c));
    if scaled && symbol {
        Some(Currency::Scaled)
    } else if t.contains('$') || t.contains("usd") || t.contains("美元") {
        Some(Currency::Dollar)
    } else if t.contains('元')
        || t.contains('¥')
        || t.contains('￥')
        || t.contains("rmb")
        || t.contains("cny")
    {
        Some(Currency::Yuan)
    } else {
        None
    }
}

/// The decimals a value needs to show as written (0–2): `0.35` as a percent needs 0.
pub(crate) fn decimals_of(v: f64) -> u8 {
    (0..2u8)
        .find(|&d| {
            let scaled = v * 10f64.powi(i32::from(d));
            (scaled - scaled.round()).abs() < 1e-9 * scaled.abs().max(1.0)
        })
        .unwrap_or(2)
}

/// The format of one cell as written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub(crate) struct FmtKey {
    /// The original's style index (a sheet with a look), else `None`.
    pub style: Option<u32>,
    /// A number format in place of the style's (the review's choice), `None` to keep it.
    pub num: Option<NumFmt>,
    pub fill: Option<Severity>,
    /// A header cell of a sheet without a look (styled as the review's header).
    pub header: bool,
}

impl FmtKey {
    /// Nothing to say: the cell is written without a format.
    pub fn is_plain(&self) -> bool {
        self.style.is_none_or(|s| s == 0)
            && self.num.is_none_or(|n| n == NumFmt::General)
            && self.fill.is_none()
            && !self.header
    }
}

/// The formats of one sheet, built once per key (on the thread that writes the worksheet).
pub(crate) struct Formats<'a> {
    look: SheetStyles<'a>,
    /// Looked up for every styled cell of a plan sheet: foldhash, not SipHash, on this small key.
    cache: foldhash::HashMap<FmtKey, Format>,
}

/// How a key's cells show their numbers: its number format code and its font's scale,
/// worked out once per key (a code is often `format!`ed), for measuring column widths. Apart
/// from [`Formats`], so cells can be measured away from the thread that writes them.
pub(crate) struct Shown<'a> {
    look: SheetStyles<'a>,
    cache: foldhash::HashMap<FmtKey, (String, f64)>,
}

/// The sheet's own styles, where the input has them: what a key's format is built from.
#[derive(Clone, Copy)]
struct SheetStyles<'a>(Option<&'a SheetLook>);

impl<'a> SheetStyles<'a> {
    fn style(self, key: FmtKey) -> Option<&'a CellLook> {
        key.style.and_then(|s| self.0?.styles.get(s as usize))
    }

    fn code(self, key: FmtKey) -> String {
        if let Some(n) = key.num {
            return n.code();
        }
        self.style(key)
            .and_then(|l| l.num_format.as_ref())
            .map_or_else(|| "General".to_string(), |f| f.code().to_string())
    }

    fn font_scale(self, key: FmtKey) -> f64 {
        let look = self.style(key);
        let size = look.and_then(|l| l.font.size).unwrap_or(11.0);
        let bold = look.is_some_and(|l| l.font.bold) || key.header;
        size / 11.0 * if bold { 1.1 } else { 1.0 }
    }

    fn format(self, key: FmtKey) -> Format {
        let mut f = match self.style(key) {
            Some(l) => look_format(l),
            None if key.header => Styles::header(),
            // Sheets without a look of their own: merged dimension and objective cells
            // read best centred on their rows.
            None if self.0.is_none() => Format::new().set_align(FormatAlign::VerticalCenter),
            None => Format::new(),
        };
        if let Some(n) = key.num {
            f = f.set_num_format(n.code());
        }
        if let Some(s) = key.fill {
            f = f
                .set_pattern(FormatPattern::Solid)
                .set_background_color(severity_fill(s));
        }
        f
    }
}

impl<'a> Formats<'a> {
    pub fn new(look: Option<&'a SheetLook>) -> Self {
        Formats {
            look: SheetStyles(look),
            cache: foldhash::HashMap::default(),
        }
    }

    pub fn get(&mut self, key: FmtKey) -> &Format {
        let look = self.look;
        self.cache.entry(key).or_insert_with(|| look.format(key))
    }
}

impl<'a> Shown<'a> {
    pub fn new(look: Option<&'a SheetLook>) -> Self {
        Shown {
            look: SheetStyles(look),
            cache: foldhash::HashMap::default(),
        }
    }

    /// The number format code a key's cells show their numbers with, and its font's scale
    /// against Calibri 11 (bold a little wider).
    pub fn get(&mut self, key: FmtKey) -> (&str, f64) {
        let look = self.look;
        let (code, scale) = self
            .cache
            .entry(key)
            .or_insert_with(|| (look.code(key), look.font_scale(key)));
        (code, *scale)
    }
}

/// A note sized to its text: about 45 characters a line at 360 points wide (wider for long
/// notes, up to 480), and as tall as its lines once wrapped (16 points each, at most 600).
pub(crate) fn sized_note(text: String) -> rust_xlsxwriter::Note {
    let longest = text.lines().map(super::text_width).max().unwrap_or(0);
    let width: u32 = if longest > 60 { 480 } else { 360 };
    let per_line = (width / 8) as usize;
    let lines: usize = text
        .lines()
        .map(|l| super::text_width(l).div_ceil(per_line).max(1))
        .sum();
    let height = (lines.max(2) as u32 * 16 + 12).min(600);
    rust_xlsxwriter::Note::new(text)
        .add_author_prefix(false)
        .set_width(width)
        .set_height(height)
}

/// A rust_xlsxwriter format that looks like the original's cell style.
pub(crate) fn look_format(l: &CellLook) -> Format {
    let mut f = Format::new();
    match &l.num_format {
        Some(NumberFormat::Builtin(id)) => f = f.set_num_format_index(*id),
        Some(NumberFormat::Code(code)) => f = f.set_num_format(code),
        None => {}
    }
    let font = &l.font;
    if let Some(name) = &font.name {
        f = f.set_font_name(name);
    }
    if let Some(size) = font.size {
        f = f.set_font_size(size);
    }
    if font.bold {
        f = f.set_bold();
    }
    if font.italic {
        f = f.set_italic();
    }
    if font.strike {
        f = f.set_font_strikethrough();
    }
    if let Some(u) = &font.underline {
        f = f.set_underline(match u.as_str() {
            "double" => FormatUnderline::Double,
            "singleAccounting" => FormatUnderline::SingleAccounting,
            "doubleAccounting" => FormatUnderline::DoubleAccounting,
            _ => FormatUnderline::Single,
        });
    }
    if let Some(c) = font.color {
        f = f.set_font_color(Color::RGB(c));
    }
    if let Some(fill) = &l.fill {
        f = fill_format(f, fill);
    }
    f = border_format(f, &l.borders);
    let a = &l.align;
    if let Some(h) = &a.horizontal {
        f = f.set_align(match h.as_str() {
            "left" => FormatAlign::Left,
            "center" => FormatAlign::Center,
            "right" => FormatAlign::Right,
            "fill" => FormatAlign::Fill,
            "justify" => FormatAlign::Justify,
            "centerContinuous" => FormatAlign::CenterAcross,
            "distributed" => FormatAlign::Distributed,
            _ => FormatAlign::General,
        });
    }
    if let Some(v) = &a.vertical {
        f = f.set_align(match v.as_str() {
            "top" => FormatAlign::Top,
            "center" => FormatAlign::VerticalCenter,
            "justify" => FormatAlign::VerticalJustify,
            "distributed" => FormatAlign::VerticalDistributed,
            _ => FormatAlign::Bottom,
        });
    }
    if a.wrap {
        f = f.set_text_wrap();
    }
    if a.shrink {
        f = f.set_shrink();
    }
    if a.indent > 0 {
        f = f.set_indent(a.indent);
    }
    if a.rotation != 0 {
        // rust_xlsxwriter takes -90..90 (negative for 91–180) and 270 for stacked text.
        let r = match a.rotation {
            255 => 270,
            r @ 91..=180 => 90 - r,
            r => r.min(90),
        };
        f = f.set_rotation(r);
    }
    f
}

fn fill_format(f: Format, fill: &FillLook) -> Format {
    let pattern = match fill.pattern.as_str() {
        "solid" => FormatPattern::Solid,
        "mediumGray" => FormatPattern::MediumGray,
        "darkGray" => FormatPattern::DarkGray,
        "lightGray" => FormatPattern::LightGray,
        "darkHorizontal" => FormatPattern::DarkHorizontal,
        "darkVertical" => FormatPattern::DarkVertical,
        "darkDown" => FormatPattern::DarkDown,
        "darkUp" => FormatPattern::DarkUp,
        "darkGrid" => FormatPattern::DarkGrid,
        "darkTrellis" => FormatPattern::DarkTrellis,
        "lightHorizontal" => FormatPattern::LightHorizontal,
        "lightVertical" => FormatPattern::LightVertical,
        "lightDown" => FormatPattern::LightDown,
        "lightUp" => FormatPattern::LightUp,
        "lightGrid" => FormatPattern::LightGrid,
        "lightTrellis" => FormatPattern::LightTrellis,
        "gray125" => FormatPattern::Gray125,
        "gray0625" => FormatPattern::Gray0625,
        _ => return f,
    };
    let mut f = f.set_pattern(pattern);
    if pattern == FormatPattern::Solid {
        // rust_xlsxwriter writes a solid fill's colour as its background colour.
        if let Some(c) = fill.fg.or(fill.bg) {
            f = f.set_background_color(Color::RGB(c));
        }
    } else {
        if let Some(c) = fill.fg {
            f = f.set_foreground_color(Color::RGB(c));
        }
        if let Some(c) = fill.bg {
            f = f.set_background_color(Color::RGB(c));
        }
    }
    f
}

fn border_format(mut f: Format, borders: &[BorderLook; 4]) -> Format {
    for (side, b) in borders.iter().enumerate() {
        let Some(style) = b.style.as_deref() else {
            continue;
        };
        let style = match style {
            "thin" => FormatBorder::Thin,
            "medium" => FormatBorder::Medium,
            "dashed" => FormatBorder::Dashed,
            "dotted" => FormatBorder::Dotted,
            "thick" => FormatBorder::Thick,
            "double" => FormatBorder::Double,
            "hair" => FormatBorder::Hair,
            "mediumDashed" => FormatBorder::MediumDashed,
            "dashDot" => FormatBorder::DashDot,
            "mediumDashDot" => FormatBorder::MediumDashDot,
            "dashDotDot" => FormatBorder::DashDotDot,
            "mediumDashDotDot" => FormatBorder::MediumDashDotDot,
            "slantDashDot" => FormatBorder::SlantDashDot,
            _ => continue,
        };
        f = match side {
            0 => f.set_border_left(style),
            1 => f.set_border_right(style),
            2 => f.set_border_top(style),
            _ => f.set_border_bottom(style),
        };
        if let Some(c) = b.color {
            let c = Color::RGB(c);
            f = match side {
                0 => f.set_border_left_color(c),
                1 => f.set_border_right_color(c),
                2 => f.set_border_top_color(c),
                _ => f.set_border_bottom_color(c),
            };
        }
    }
    f
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chosen_formats_are_clean_everywhere() {
        assert_eq!(NumFmt::Percent(0).code(), "0%");
        assert_eq!(NumFmt::Percent(1).code(), "0.0%");
        assert_eq!(
            NumFmt::Amount {
                decimals: 0,
                symbol: Symbol::Dollar
            }
            .code(),
            "\"$\"#,##0",
            "money without invented cents"
        );
        assert_eq!(
            NumFmt::Amount {
                decimals: 1,
                symbol: Symbol::None
            }
            .code(),
            "#,##0.0"
        );
        for d in 0..3 {
            for symbol in [Symbol::None, Symbol::Yuan, Symbol::Dollar] {
                let code = NumFmt::Amount {
                    decimals: d,
                    symbol,
                }
                .code();
                assert!(!code.contains(".#") && !code.ends_with('.'), "{code}");
            }
        }
    }

    #[test]
    fn decimals_follow_the_value() {
        assert_eq!(decimals_of(15000.0), 0);
        assert_eq!(decimals_of(2.5), 1);
        assert_eq!(decimals_of(2.25), 2);
        assert_eq!(decimals_of(1.0 / 3.0), 2);
        assert_eq!(decimals_of(35.0), 0);
    }

    #[test]
    fn currencies_from_units() {
        assert_eq!(currency_of("元"), Some(Currency::Yuan));
        assert_eq!(
            currency_of("万元"),
            Some(Currency::Scaled),
            "2,200 万元 is not ¥2,200"
        );
        assert_eq!(currency_of("预算(万元)"), Some(Currency::Scaled));
        assert_eq!(currency_of("$k"), Some(Currency::Scaled));
        assert_eq!(currency_of("USD"), Some(Currency::Dollar));
        assert_eq!(currency_of("美元"), Some(Currency::Dollar));
        assert_eq!(currency_of("人"), None);
        for bare in ["", "1200", "1,200.50", "-3", "+0.5", "35%", "1 200"] {
            assert_eq!(currency_of(bare), None, "{bare}");
        }
        // A numeral with any currency mark still names it.
        assert_eq!(currency_of("1,200$"), Some(Currency::Dollar));
        assert_eq!(currency_of("1200元"), Some(Currency::Yuan));
        assert_eq!(currency_of("50万元"), Some(Currency::Scaled));
    }

    #[test]
    fn a_finding_fill_keeps_the_cells_own_style() {
        let look = SheetLook {
            styles: std::sync::Arc::new(vec![
                CellLook::default(),
                CellLook {
                    num_format: Some(NumberFormat::Code("\"$\"#,##0".into())),
                    font: crate::read::look::FontLook {
                        bold: true,
                        ..Default::default()
                    },
                    ..Default::default()
                },
            ]),
            ..Default::default()
        };
        let mut formats = Formats::new(Some(&look));
        let key = FmtKey {
            style: Some(1),
            fill: Some(Severity::Error),
            ..Default::default()
        };
        let filled = formats.get(key).clone();
        let expected = look_format(&look.styles[1])
            .set_pattern(FormatPattern::Solid)
            .set_background_color(severity_fill(Severity::Error));
        assert_eq!(filled, expected);
        assert_eq!(Shown::new(Some(&look)).get(key).0, "\"$\"#,##0");
        assert_ne!(filled, look_format(&look.styles[1]));
    }
}
