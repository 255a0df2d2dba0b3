//! A worksheet part's look: column widths, the default width and row heights — and its cells'
//! styles only where calamine would read a style attribute differently.
//!
//! Calamine parses every cell of the part for the values, and each cell's style id comes with
//! it ([`StyledCells::note`](super::StyledCells::note)); parsing every cell again here took
//! as long. So the part is walked tag by tag without parsing ([`each_tag`]: markup found with
//! memchr, comments, CDATA and processing instructions passed over whole), and quick-xml
//! parses only what lies outside `sheetData` (widths) and each `<row>` tag (heights). A part
//! the walk cannot be sure of — a declaration (`<!DOCTYPE …>`), or a cell tag not written
//! plainly ([`plain_cell_tag`]) — is parsed whole instead, as it always was.

use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};

use crate::read::local_name;

use super::{
    ColumnLook, GRID_COLS, GRID_ROWS, MAX_COLUMN_RANGES, MAX_STYLED_CELLS, SheetLook, StyledCells,
    attr_bool, attr_num, each_start,
};

/// A worksheet part's column widths and row heights; its cells' styles too when the part is
/// parsed whole, else none (they come from calamine's pass).
pub(super) fn read_sheet(xml: &[u8]) -> Result<SheetLook, String> {
    let Some(layout) = CellsLayout::of(xml) else {
        return read_whole(xml);
    };
    let mut look = SheetLook::default();
    // The default width and the columns come before the cells (a file breaking the schema's
    // order may put them after): the part without its cells, still one document.
    let outside = [&xml[..layout.cells.start], &xml[layout.cells.end..]].concat();
    each_start(&outside, |e, _| note_widths(&mut look, e))?;
    let mut next_row: u32 = 0;
    for &at in &layout.rows {
        let e = match Reader::from_reader(&xml[at..]).read_event() {
            Ok(Event::Start(e) | Event::Empty(e)) => e,
            Ok(_) => continue,
            Err(e) => return Err(e.to_string()),
        };
        note_row(&mut look, &e, &mut next_row);
    }
    Ok(look)
}

/// The part parsed element by element: widths, heights and every cell's style (a cell's
/// column from its `r`, else the one after the cell before it; its row from its row's `r`,
/// else the one after the row before).
fn read_whole(xml: &[u8]) -> Result<SheetLook, String> {
    let mut look = SheetLook::default();
    let mut cells = StyledCells::default();
    let (mut row, mut next_row, mut next_col) = (0u32, 0u32, 0u32);
    each_start(xml, |e, _| match e.local_name().as_ref() {
        "row" => {
            row = note_row(&mut look, e, &mut next_row);
            next_col = 0;
        }
        "c" => {
            let (mut reference, mut style) = (None, None);
            for a in e.attributes().flatten() {
                match a.key.local_name().as_ref() {
                    "r" => reference = column_of(a.value.as_bytes()),
                    "s" => style = style_index(a.value.as_bytes()),
                    _ => {}
                }
            }
            let col = reference.unwrap_or(next_col);
            next_col = col.saturating_add(1);
            if let Some(style) = style {
                cells.note((row, col), style as usize);
            }
        }
        _ => note_widths(&mut look, e),
    })?;
    cells.finish();
    look.cells = cells;
    Ok(look)
}

/// The default width (`sheetFormatPr`) and a column range's width (`col`).
fn note_widths(look: &mut SheetLook, e: &BytesStart) {
    match e.local_name().as_ref() {
        "sheetFormatPr" => {
            look.default_col_width =
                attr_num::<f64>(e, "defaultColWidth").filter(|w| (0.0..=255.0).contains(w));
        }
        "col" if look.columns.len() < MAX_COLUMN_RANGES => {
            let (Some(min), Some(max)) = (attr_num::<u32>(e, "min"), attr_num::<u32>(e, "max"))
            else {
                return;
            };
            if min == 0 || min > max || min > GRID_COLS {
                return;
            }
            look.columns.push(ColumnLook {
                first: min - 1,
                last: max.min(GRID_COLS) - 1,
                width: attr_num::<f64>(e, "width").filter(|w| (0.0..=255.0).contains(w)),
                hidden: attr_bool(e, "hidden").unwrap_or(false),
            });
        }
        _ => {}
    }
}

/// A `<row>`'s own height, if it has one; returns its row (from `r`, else the one after
/// `next_row`'s row before) and moves `next_row` past it.
fn note_row(look: &mut SheetLook, e: &BytesStart, next_row: &mut u32) -> u32 {
    let row = attr_num::<u32>(e, "r")
        .and_then(|r| r.checked_sub(1))
        .unwrap_or(*next_row);
    *next_row = row.saturating_add(1);
    let custom = attr_bool(e, "customHeight").unwrap_or(false);
    if let Some(ht) = attr_num::<f64>(e, "ht").filter(|h| (0.0..=409.0).contains(h))
        && custom
        && row < GRID_ROWS
        && look.row_heights.len() < MAX_STYLED_CELLS
    {
        look.row_heights.insert(row, ht);
    }
    row
}

/// Where a worksheet part's cells lie, found tag by tag.
struct CellsLayout {
    /// The `sheetData` element, start tag to end tag (an empty range at the end of the part
    /// when it has none).
    cells: std::ops::Range<usize>,
    /// Where each `<row>` start tag inside it opens (its `<`).
    rows: Vec<usize>,
}

impl CellsLayout {
    /// `None` when the part must be parsed whole: it holds a declaration, or a cell tag not
    /// written plainly.
    fn of(xml: &[u8]) -> Option<CellsLayout> {
        let mut start = None;
        let mut end = None;
        let mut rows = Vec::new();
        let mut whole = false;
        each_tag(xml, |at, tag| match (start, tag) {
            (_, Tag::Declaration) => whole = true,
            (None, Tag::Start(b"sheetData")) => start = Some(at),
            (Some(_), Tag::Start(b"row")) if end.is_none() => rows.push(at),
            (Some(_), Tag::Start(b"c")) if end.is_none() && !whole => {
                whole = !plain_cell_tag(xml, at);
            }
            (Some(_), Tag::End(b"sheetData")) if end.is_none() => {
                end = Some(tag_end(xml, at));
            }
            _ => {}
        });
        if whole {
            return None;
        }
        let cells = match (start, end) {
            (Some(start), Some(end)) => start..end,
            // `<sheetData/>`: no cells.
            (Some(start), None) => start..tag_end(xml, start),
            _ => xml.len()..xml.len(),
        };
        Some(CellsLayout { cells, rows })
    }
}

/// A tag met by [`each_tag`], by its element's local name (without a namespace prefix).
#[derive(Debug, PartialEq, Eq)]
enum Tag<'a> {
    /// A start tag, or an empty element's tag.
    Start(&'a [u8]),
    End(&'a [u8]),
    /// A declaration (`<!DOCTYPE …>`, `<!ENTITY …>`): one with an internal subset can hold
    /// `>` and tags the walk cannot tell from the part's own.
    Declaration,
}

/// How comments, CDATA sections and processing instructions start (after the `<`) and end.
const MARKUP_NOT_TAGS: [(&[u8], &[u8]); 3] =
    [(b"!--", b"-->"), (b"![CDATA[", b"]]>"), (b"?", b"?>")];

/// Call `f` with where each start and end tag of `xml` opens (its `<`) and its name, in
/// order, without parsing attributes; a declaration is named as one ([`Tag::Declaration`]).
/// Comments, CDATA sections and processing instructions are passed over whole (each ends at
/// the first `-->`, `]]>` or `?>`), so a `<row>` written inside one is not a tag. (XML text
/// and attribute values cannot hold a bare `<`; an attribute value can hold `>`.)
fn each_tag<'a>(xml: &'a [u8], mut f: impl FnMut(usize, Tag<'a>)) {
    let mut at = 0;
    while let Some(found) = memchr::memchr(b'<', xml.get(at..).unwrap_or_default()) {
        let open = at + found;
        let rest = &xml[open + 1..];
        if rest.starts_with(b"!") && !rest.starts_with(b"!--") && !rest.starts_with(b"![CDATA[") {
            f(open, Tag::Declaration);
            at = open + 1;
            continue;
        }
        // Markup that is not a tag, passed over to its end.
        let skipped = MARKUP_NOT_TAGS.iter().find_map(|(start, end)| {
            let inside = rest.strip_prefix(*start)?;
            Some(
                memchr::memmem::find(inside, end)
                    .map_or(xml.len(), |e| open + 1 + start.len() + e + end.len()),
            )
        });
        if let Some(past) = skipped {
            at = past;
            continue;
        }
        let (is_end, from) = match rest.first() {
            Some(b'/') => (true, 1),
            _ => (false, 0),
        };
        let name = rest.get(from..).unwrap_or_default();
        let len = name
            .iter()
            .position(|b| matches!(b, b' ' | b'\t' | b'\r' | b'\n' | b'>' | b'/'))
            .unwrap_or(name.len());
        let name = &name[..len];
        let local = local_name(name);
        f(
            open,
            if is_end {
                Tag::End(local)
            } else {
                Tag::Start(local)
            },
        );
        at = open + 1 + from + len;
    }
}

/// Just past the `>` that closes the tag opening at `open`, a `>` inside a quoted attribute
/// value passed over (the part's end if none closes it).
fn tag_end(xml: &[u8], open: usize) -> usize {
    let mut at = open;
    while let Some(found) = memchr::memchr3(b'>', b'"', b'\'', &xml[at..]) {
        let hit = at + found;
        match xml[hit] {
            b'>' => return hit + 1,
            quote => match memchr::memchr(quote, &xml[hit + 1..]) {
                Some(close) => at = hit + 1 + close + 1,
                None => return xml.len(),
            },
        }
    }
    xml.len()
}

/// Whether the `<c>` tag opening at `open` is written plainly — attributes `name="value"`
/// (or single-quoted) after whitespace, at most one named `s`, without a prefix, its value
/// digits — so that the style id calamine reads for the cell (digits only, its attribute's
/// exact name, the last of two) is the one this reader has always taken (trimmed, by local
/// name, the first of two). Anything else (`s=" 2"`, `s="+2"`, `x:s="2"`, two `s`) has the
/// part parsed whole.
fn plain_cell_tag(xml: &[u8], open: usize) -> bool {
    let is_name =
        |b: &u8| b.is_ascii_alphanumeric() || matches!(b, b':' | b'_' | b'-' | b'.') || *b >= 0x80;
    let Some(tag) = xml.get(open + 1..) else {
        return false;
    };
    let mut rest = &tag[tag.iter().position(|b| !is_name(b)).unwrap_or(tag.len())..];
    let mut seen_style = false;
    loop {
        let after_space = rest.trim_ascii_start();
        let spaced = after_space.len() < rest.len();
        rest = after_space;
        match rest.first() {
            Some(b'>') => return true,
            Some(b'/') => return rest.get(1) == Some(&b'>'),
            Some(_) if spaced => {}
            _ => return false,
        }
        let name_len = rest.iter().position(|b| !is_name(b)).unwrap_or(rest.len());
        let name = &rest[..name_len];
        let Some(value_on) = rest[name_len..].trim_ascii_start().strip_prefix(b"=") else {
            return false;
        };
        let Some((&quote, value_on)) = value_on.trim_ascii_start().split_first() else {
            return false;
        };
        if name.is_empty() || (quote != b'"' && quote != b'\'') {
            return false;
        }
        let Some(close) = memchr::memchr(quote, value_on) else {
            return false;
        };
        let value = &value_on[..close];
        rest = &value_on[close + 1..];
        let local = local_name(name);
        if local == b"s" {
            let digits = !value.is_empty() && value.iter().all(u8::is_ascii_digit);
            if seen_style || local.len() != name.len() || !digits {
                return false;
            }
            seen_style = true;
        }
    }
}

/// A style attribute's value as this reader takes it: trimmed, a number other than 0.
fn style_index(value: &[u8]) -> Option<u32> {
    std::str::from_utf8(value)
        .ok()?
        .trim()
        .parse::<u32>()
        .ok()
        .filter(|s| *s != 0)
}

/// The 0-based column of an A1 reference (`B2` → 1); `None` when it has no letters or more
/// than three.
fn column_of(a1: &[u8]) -> Option<u32> {
    let letters = a1.trim_ascii();
    let letters = &letters[..letters
        .iter()
        .position(|b| !b.is_ascii_alphabetic())
        .unwrap_or(letters.len())];
    if letters.is_empty() || letters.len() > 3 {
        return None;
    }
    let n = letters.iter().fold(0u32, |n, b| {
        n * 26 + u32::from(b.to_ascii_uppercase() - b'A') + 1
    });
    Some(n - 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sheet_reads_widths_and_heights() {
        let xml = r#"<worksheet><sheetFormatPr defaultRowHeight="15" defaultColWidth="11"/><cols>
<col min="1" max="3" width="12.7109375" customWidth="1"/><col min="5" max="5" width="30" hidden="1"/>
<col min="0" max="2" width="9"/><col min="99999" max="99999" width="9"/></cols>
<sheetData><row r="2" ht="30" customHeight="1"><c r="B2" s="1" t="inlineStr"><is><t>Grow rows</t></is></c><c s="2"/></row>
<row ht="22" customHeight="1"><c r="A3" s="0"/></row><row r="9" ht="40"/>
<row r="7"
 ht="18.5" customHeight="1"/><rowBreak ht="50" customHeight="1"/></sheetData>
<cols><col min="7" max="7" width="20"/></cols></worksheet>"#;
        let look = read_sheet(xml.as_bytes()).unwrap();
        assert_eq!(look.default_col_width, Some(11.0));
        assert_eq!(look.column_width(0), Some(12.7109375));
        assert_eq!(look.column_width(2), Some(12.7109375));
        assert_eq!(look.column_width(3), None);
        assert!(look.column_hidden(4));
        assert_eq!(
            look.column_width(6),
            Some(20.0),
            "columns after the cells count too"
        );
        assert_eq!(look.columns.len(), 3, "malformed ranges are dropped");
        assert_eq!(look.row_heights.get(&1), Some(&30.0));
        assert_eq!(
            look.row_heights.get(&2),
            Some(&22.0),
            "a row without r follows the previous one"
        );
        assert_eq!(look.row_heights.get(&8), None, "a height not its own");
        assert_eq!(
            look.row_heights.get(&6),
            Some(&18.5),
            "attributes over lines"
        );
        assert_eq!(look.row_heights.len(), 3, "{:?}", look.row_heights);
        assert!(
            look.cells.is_empty(),
            "cell styles come from calamine's pass"
        );
    }

    #[test]
    fn rows_with_a_namespace_prefix_and_sheets_without_cells() {
        let xml = r#"<x:worksheet xmlns:x="s"><x:cols><x:col min="2" max="2" width="8"/></x:cols>
<x:sheetData><x:row r="4" ht="33" customHeight="1"><x:c r="A4"><x:v>1</x:v></x:c></x:row>
<x:row ht="12" customHeight="1"/></x:sheetData></x:worksheet>"#;
        let look = read_sheet(xml.as_bytes()).unwrap();
        assert_eq!(look.column_width(1), Some(8.0));
        assert_eq!(look.row_heights.get(&3), Some(&33.0));
        assert_eq!(look.row_heights.get(&4), Some(&12.0));
        let empty =
            r#"<worksheet><cols><col min="1" max="1" width="5"/></cols><sheetData/></worksheet>"#;
        let look = read_sheet(empty.as_bytes()).unwrap();
        assert_eq!(look.column_width(0), Some(5.0));
        assert!(look.row_heights.is_empty());
    }

    #[test]
    fn tags_written_inside_comments_cdata_and_instructions_are_not_tags() {
        let xml = r#"<?xml version="1.0"?><worksheet><!-- <sheetData> <row ht="99" customHeight="1"> -->
<cols><col min="1" max="1" width="7"/></cols>
<sheetData><!-- <row r="5" ht="50" customHeight="1"/> --><row r="1" ht="20" customHeight="1">
<c r="A1" t="inlineStr"><is><t><![CDATA[<row r="6" ht="60" customHeight="1"/>]]></t></is></c></row>
<?pi <row r="7" ht="70" customHeight="1"/>?><row r="2"/></sheetData>
<extLst><!-- </sheetData> --><ext uri="x"><row r="8" ht="80" customHeight="1"/></ext></extLst></worksheet>"#;
        let look = read_sheet(xml.as_bytes()).unwrap();
        assert_eq!(look.column_width(0), Some(7.0), "the widths are still read");
        assert_eq!(
            look.row_heights.iter().collect::<Vec<_>>(),
            vec![(&0, &20.0)],
            "only the real row's height"
        );
    }

    #[test]
    fn style_attributes_calamine_reads_otherwise_are_read_here() {
        // Plain digits (and 0) are calamine's to read: no styles from here.
        let plain = r#"<worksheet><sheetData><row r="1"><c r="A1" s="2"/><c r="B1" s='03'/><c r="C1" s="0"/><c r="D1" cs=" 4"/></row></sheetData></worksheet>"#;
        assert!(read_sheet(plain.as_bytes()).unwrap().cells.is_empty());
        for (value, style) in [(" 2", 2), ("2 ", 2), ("+2", 2), ("\t2", 2), ("\n7\n", 7)] {
            let odd = format!(
                r#"<worksheet><sheetData><row r="3"><c r="B3" s="1"/><c s="{value}"/></row><row><c r="A4" s = "5"/></row></sheetData></worksheet>"#
            );
            let cells = read_sheet(odd.as_bytes()).unwrap().cells;
            assert_eq!(
                cells.get(2, 1),
                1,
                "{value:?}: every cell's style is read here"
            );
            assert_eq!(cells.get(2, 2), style, "{value:?}: the cell after B3");
            assert_eq!(cells.get(3, 0), 5, "{value:?}: the row after row 3");
            assert_eq!(cells.len(), 3);
        }
        // A value no reading takes as a style stays calamine's (no style).
        let none = r#"<worksheet><sheetData><row r="1"><c r="A1" s="x"/><c r="B1" s=" 0 "/></row></sheetData></worksheet>"#;
        assert!(read_sheet(none.as_bytes()).unwrap().cells.is_empty());
    }

    #[test]
    fn cell_tags_not_written_plainly_have_the_part_parsed_whole() {
        // Each reads as the whole parse reads it, whatever calamine would make of the tag.
        for (tag, style) in [
            (r#"<c r="B1" foo="a>b" s="+2"/>"#, 2),
            (r#"<c r="B1" foo=' s="9"' s=" 3"/>"#, 3),
            (r#"<c r="B1" s="2" s="4"/>"#, 2),
            (r#"<c r="B1" s="2"s="4"/>"#, 2),
            (r#"<c r="B1" x:s="5"/>"#, 5),
            (r#"<c r="B1" x:s=" 5"/>"#, 5),
            (r#"<c r="B1" s=""/>"#, 0),
        ] {
            let xml = format!(
                r#"<worksheet><sheetData><row r="1"><c r="A1" s="7"/>{tag}</row></sheetData></worksheet>"#
            );
            let cells = read_sheet(xml.as_bytes()).unwrap().cells;
            assert_eq!(cells.get(0, 1), style, "{tag}");
            assert_eq!(cells.get(0, 0), 7, "{tag}: the plain cell too");
        }
        // Plain tags leave the styles to calamine: single quotes, spaces around `=`, `>` in
        // another attribute's value, attributes ending in s.
        for tag in [
            r#"<c r='B1' s='2'/>"#,
            r#"<c r="B1" s = "2"/>"#,
            r#"<c r="B1" t="inlineStr" cs="1" spans="1:2" s="2"><is><t>a>b</t></is></c>"#,
            r#"<c r="B1" foo="a>b" s="2"/>"#,
        ] {
            let xml =
                format!(r#"<worksheet><sheetData><row r="1">{tag}</row></sheetData></worksheet>"#);
            assert!(
                read_sheet(xml.as_bytes()).unwrap().cells.is_empty(),
                "{tag}"
            );
        }
    }

    #[test]
    fn a_declaration_has_the_part_parsed_whole() {
        for subset in [
            r#"<!ENTITY e "x>y<sheetData></sheetData>">"#,
            r#"<!-- > <sheetData></sheetData> -->"#,
            r#"<!ENTITY e "x>y<sheetData>">"#,
            r#"<?pi > <sheetData> ?>"#,
        ] {
            let xml = format!(
                r#"<?xml version="1.0"?><!DOCTYPE worksheet [{subset}]><worksheet><cols><col min="1" max="1" width="9"/></cols><sheetData><row r="2" ht="25" customHeight="1"><c r="A2" s="3"/></row></sheetData></worksheet>"#
            );
            let look = read_sheet(xml.as_bytes()).unwrap();
            assert_eq!(look.column_width(0), Some(9.0), "{subset}");
            assert_eq!(look.row_heights.get(&1), Some(&25.0), "{subset}");
            assert_eq!(look.cells.get(1, 0), 3, "{subset}: styles read whole");
        }
    }

    #[test]
    fn an_empty_sheet_data_tag_may_hold_a_quoted_greater_than() {
        let xml = r#"<worksheet><sheetData foo="a>b"/><cols><col min="2" max="2" width="6"/></cols></worksheet>"#;
        let look = read_sheet(xml.as_bytes()).unwrap();
        assert_eq!(look.column_width(1), Some(6.0));
    }

    #[test]
    fn each_tag_names_start_and_end_tags_in_order() {
        let xml = br#"<a:b x="1>2"><c/><!--<d>--></a:b><e>t</e>"#;
        let mut seen = Vec::new();
        each_tag(xml, |at, tag| seen.push((at, format!("{tag:?}"))));
        let names: Vec<&str> = seen.iter().map(|(_, t)| t.as_str()).collect();
        assert_eq!(
            names,
            [
                "Start([98])",
                "Start([99])",
                "End([98])",
                "Start([101])",
                "End([101])"
            ]
        );
        assert_eq!(seen[0].0, 0);
        // Unterminated markup ends the walk without a panic.
        for cut in [
            &b"<!-- never closed"[..],
            b"<![CDATA[ open",
            b"<?pi",
            b"<",
            b"<!",
        ] {
            each_tag(cut, |_, _| {});
        }
    }
}
