//! A big xlsx worksheet read by calamine in two halves at once, one on each core.
//!
//! calamine reads a worksheet's cells on one thread, and on a plan of 100,000 rows that pass
//! is the longest part of reading it. The part's rows are cut in two at a row boundary
//! ([`halves`]); the part's start with the first half's rows (closed where calamine's pass
//! ends, at `</sheetData>`), and the part's start with everything from the cut on, each
//! replace the part in a copy of the package ([`package_with`]) that calamine opens beside
//! the other. The halves' cells, first then second, are the cells one pass gives when one
//! pass is between two rows at the cut ([`Halves::first_half_is_whole_rows`]) — the caller
//! checks that too, and that each half held only its own rows, and reads the part in one
//! pass whenever anything differs (a half that fails, a cell refused, a row out of place).
//!
//! Only parts written plainly are cut: UTF-8, no comments, CDATA sections, processing
//! instructions or declarations (in such a part a `</row>` may be text), a `sheetData` tag
//! of its own where the bytes `sheetData` first appear, unprefixed `sheetData` and `row`
//! elements, and a second half that starts with a row numbered by its
//! `r` attribute (as Excel, LibreOffice, WPS and the Python writers number every row), so
//! that calamine numbers its rows as one pass would. Which part is kept unpacked to be cut is
//! the archive check's choice (`archive::MAX_KEPT_BYTES`, `archive::MAX_KEPT_PACKING`).

use std::io::{Cursor, Write};

use memchr::memmem;

/// Smallest unpacked worksheet part read in halves: below it the extra opening of the
/// package costs about what the second core saves.
pub const MIN_PART_BYTES: u64 = 4 << 20;

/// Per cent of a split part's rows read on the calling thread. The other thread reads the
/// look of the sheets (styles, widths, heights) before it takes the second half; on a plan
/// of 100,000 rows 70–80 % gave the shortest reads (60 % and 86 % were slower).
pub const FIRST_SHARE_PERCENT: usize = 70;

/// Which worksheet parts are read in halves, and where they are cut.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Policy {
    /// Smallest unpacked part cut; `u64::MAX` cuts none.
    pub min_part_bytes: u64,
    /// Per cent of a part's rows (by their bytes) in its first half.
    pub first_share_percent: usize,
}

impl Policy {
    /// Parts of [`MIN_PART_BYTES`] and more, cut at [`FIRST_SHARE_PERCENT`], where there is a
    /// second thread to read the other half.
    pub fn here() -> Policy {
        if crate::par::threads() > 1 {
            Policy {
                min_part_bytes: MIN_PART_BYTES,
                first_share_percent: FIRST_SHARE_PERCENT,
            }
        } else {
            Policy::NEVER
        }
    }
    /// Every part in one pass.
    pub const NEVER: Policy = Policy {
        min_part_bytes: u64::MAX,
        first_share_percent: FIRST_SHARE_PERCENT,
    };
}

/// The worksheet parts the archive check kept unpacked (those that may be read in halves),
/// and where to cut them.
#[derive(Clone, Copy)]
pub struct Kept<'a> {
    pub parts: &'a [super::archive::UnpackedPart],
    pub first_share_percent: usize,
}

impl<'a> Kept<'a> {
    /// Part `name` cut in halves, if it was kept and can be cut.
    pub fn halves(&self, name: &str) -> Option<Halves<'a>> {
        let part = self.parts.iter().find(|part| part.name == name)?;
        halves(&part.xml, self.first_share_percent)
    }
}

/// A worksheet part cut at a row boundary: `prefix` (the XML up to and with the `<sheetData>`
/// start tag), `first` (the rows before the cut) and `rest` (everything after it: the other
/// rows and the part's end).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Halves<'a> {
    pub prefix: &'a [u8],
    pub first: &'a [u8],
    pub rest: &'a [u8],
    /// The 0-based number of the second half's first row: every cell of the first half lies
    /// above it and every cell of the second at or below it, or the cut is not used.
    pub second_row: u32,
}

impl Halves<'_> {
    /// Whether one pass over the part reaches the cut between two of `sheetData`'s rows, as
    /// the second half's reading starts: every element the first half opens is closed in it
    /// by an end tag of exactly its name, none is closed that it did not open, every name is
    /// written plainly ([`is_plain_name`]), the cut is not inside a tag, and no element named
    /// `sheetData` (with any prefix, empty or not) ends calamine's pass early. A walk over
    /// the first half's bytes as quick-xml reads them: a `>` inside a quoted attribute value
    /// does not end a start tag, `/>` ends an empty element, an end tag ends at its first `>`
    /// and names what lies before it (trailing XML white space aside).
    ///
    /// [`halves`] only finds a `</row>` followed by a numbered row; a `</row>` can also end a
    /// row written inside an inline string's extension or lie in a damaged part's attribute
    /// value, and a cell left open before the cut — or closed by a misnamed end tag, which
    /// calamine (not checking end names) does not take for the cell's end — changes what one
    /// pass reads after it.
    pub fn first_half_is_whole_rows(&self) -> bool {
        let xml = self.first;
        if memmem::find(xml, b"sheetData").is_some() {
            return false;
        }
        let mut open: Vec<&[u8]> = Vec::new();
        let mut at = 0;
        while let Some(found) = memchr::memchr(b'<', &xml[at..]) {
            let tag = at + found + 1;
            if xml.get(tag) == Some(&b'/') {
                let Some(end) = memchr::memchr(b'>', &xml[tag..]) else {
                    return false;
                };
                let name = trim_xml_space_end(&xml[tag + 1..tag + end]);
                if !is_plain_name(name) || open.pop() != Some(name) {
                    return false;
                }
                at = tag + end + 1;
                continue;
            }
            let name_len = xml[tag..]
                .iter()
                .position(|&b| is_xml_space(b) || b == b'/' || b == b'>')
                .unwrap_or(xml.len() - tag);
            let name = &xml[tag..tag + name_len];
            // A plain name holds no quote: the attributes' quotes pair as quick-xml's do.
            if !is_plain_name(name) {
                return false;
            }
            let Some(close) = tag_end(xml, tag + name_len) else {
                return false;
            };
            if xml[close - 1] != b'/' {
                open.push(name);
            }
            at = close + 1;
        }
        open.is_empty()
    }

    /// The part with the first half's rows only, as pieces to write one after another: the
    /// rows end where calamine's pass ends, at `</sheetData>`.
    pub fn first_part(&self) -> [&[u8]; 3] {
        [self.prefix, self.first, b"</sheetData>"]
    }
    /// The part with the second half's rows only: the part as it is from the cut on.
    pub fn second_part(&self) -> [&[u8]; 2] {
        [self.prefix, self.rest]
    }
}

/// Cut worksheet part `xml` at the first row boundary past `share_percent` of the bytes after
/// its `<sheetData>` tag; `None` where the part is not written plainly enough to cut (see the
/// module).
pub fn halves(xml: &[u8], share_percent: usize) -> Option<Halves<'_>> {
    let body_start = plain_utf8_start(xml)?;
    if memmem::find(xml, b"<!").is_some() || memmem::find(&xml[body_start..], b"<?").is_some() {
        return None;
    }
    // The `sheetData` calamine starts at: the first element of that name (any prefix) — the
    // bytes appear nowhere before it — and a tag of its own, not text in an attribute value.
    let open = find_tag(xml, body_start, b"<sheetData")?;
    if memmem::find(&xml[..open], b"sheetData").is_some() || !is_tag_start(xml, body_start, open) {
        return None;
    }
    let open_end = tag_end(xml, open)?;
    if xml.get(open_end.checked_sub(1)?) == Some(&b'/') {
        return None;
    }
    let rows_start = open_end + 1;
    let rows = &xml[rows_start..];
    let mut from = rows.len().checked_mul(share_percent)? / 100;
    // A few tries: a row end followed by something other than a numbered row is passed by.
    for _ in 0..64 {
        let end = from + memmem::find(rows.get(from..)?, b"</row>")? + b"</row>".len();
        let next = end + rows[end..].iter().take_while(|&&b| is_xml_space(b)).count();
        if let Some(second_row) = numbered_row(rows, next) {
            return Some(Halves {
                prefix: &xml[..rows_start],
                first: &rows[..end],
                rest: &rows[end..],
                second_row,
            });
        }
        from = end;
    }
    None
}

/// XML's white space, as quick-xml takes it: space, tab, carriage return, line feed.
fn is_xml_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\r' | b'\n')
}

fn trim_xml_space_end(bytes: &[u8]) -> &[u8] {
    let kept = bytes
        .iter()
        .rposition(|&b| !is_xml_space(b))
        .map_or(0, |i| i + 1);
    &bytes[..kept]
}

/// An element name written plainly: ASCII letters, digits, `:`, `_`, `-`, `.` or non-ASCII
/// bytes — no quote, control character or other mark that quick-xml reads otherwise than a
/// byte walk would.
fn is_plain_name(name: &[u8]) -> bool {
    !name.is_empty()
        && name.iter().all(|&b| {
            b.is_ascii_alphanumeric() || matches!(b, b':' | b'_' | b'-' | b'.') || b >= 0x80
        })
}

/// Whether walking `xml`'s tags from `from` (outside any tag) meets a tag starting at `at`,
/// rather than passing over `at` inside a tag or a quoted attribute value.
fn is_tag_start(xml: &[u8], from: usize, at: usize) -> bool {
    let mut walked = from;
    while let Some(found) = memchr::memchr(b'<', &xml[walked..]) {
        let tag = walked + found;
        if tag >= at {
            return tag == at;
        }
        match tag_end(xml, tag) {
            Some(end) if end < at => walked = end + 1,
            _ => return false,
        }
    }
    false
}

/// Where the XML after an optional UTF-8 byte order mark and an XML declaration that names
/// no encoding other than UTF-8 begins; `None` for any other encoding.
fn plain_utf8_start(xml: &[u8]) -> Option<usize> {
    let start = if xml.starts_with(b"\xEF\xBB\xBF") {
        3
    } else {
        0
    };
    // UTF-16 without a byte order mark has a zero byte beside each ASCII one.
    if xml.iter().take(64).any(|&b| b == 0) {
        return None;
    }
    if !xml[start..].starts_with(b"<?xml") {
        let start = start
            + xml[start..]
                .iter()
                .take_while(|b| b.is_ascii_whitespace())
                .count();
        return (xml.get(start) == Some(&b'<')).then_some(start);
    }
    let end = start + memmem::find(&xml[start..], b"?>")? + 2;
    let declaration = String::from_utf8_lossy(&xml[start..end]).to_ascii_lowercase();
    if let Some(at) = declaration.find("encoding") {
        let value: String = declaration[at + "encoding".len()..]
            .chars()
            .skip_while(|c| c.is_ascii_whitespace() || *c == '=')
            .skip(1)
            .take_while(|c| *c != '"' && *c != '\'')
            .collect();
        if value != "utf-8" && value != "utf8" {
            return None;
        }
    }
    Some(end)
}

/// The first start tag `<name` (followed by white space, `>` or `/`) at or after `from`.
fn find_tag(xml: &[u8], from: usize, name: &[u8]) -> Option<usize> {
    let mut at = from;
    loop {
        let found = at + memmem::find(xml.get(at..)?, name)?;
        let after = *xml.get(found + name.len())?;
        if after.is_ascii_whitespace() || after == b'>' || after == b'/' {
            return Some(found);
        }
        at = found + 1;
    }
}

/// The place of the `>` that ends the tag starting at `start` (a `>` inside a quoted
/// attribute value does not).
fn tag_end(xml: &[u8], start: usize) -> Option<usize> {
    let mut quote = None;
    for (i, &b) in xml.get(start..)?.iter().enumerate() {
        match (quote, b) {
            (None, b'"' | b'\'') => quote = Some(b),
            (Some(q), _) if b == q => quote = None,
            (None, b'>') => return Some(start + i),
            _ => {}
        }
    }
    None
}

/// The 0-based number of the `<row r="…">` start tag at `at`, if one is there and numbered.
fn numbered_row(rows: &[u8], at: usize) -> Option<u32> {
    let tag = rows.get(at..)?;
    if !tag.starts_with(b"<row") || !is_xml_space(*tag.get(4)?) {
        return None;
    }
    let end = tag_end(tag, 0)?;
    // An empty `<row r="5"/>` does not number the rows after it in calamine's pass.
    let content = std::str::from_utf8(tag.get(1..end)?).ok()?;
    if content.ends_with('/') {
        return None;
    }
    let start = quick_xml::events::BytesStart::from_content(content, b"row".len());
    let mut number = None;
    for attribute in start.attributes() {
        let attribute = attribute.ok()?;
        if attribute.key.as_ref() == "r" {
            if number.is_some() {
                return None;
            }
            let value = attribute.value;
            if value.is_empty() || !value.bytes().all(|b| b.is_ascii_digit()) {
                return None;
            }
            number = Some(value.parse::<u32>().ok()?);
        }
    }
    number?.checked_sub(1)
}

/// The package `bytes` with part `name` replaced by `pieces` written one after another,
/// stored unpacked (calamine then reads it without inflating); every other part is copied
/// as it is packed. `None` when the package cannot be copied.
pub fn package_with(bytes: &[u8], name: &str, pieces: &[&[u8]]) -> Option<Vec<u8>> {
    let mut source = zip::ZipArchive::new(Cursor::new(bytes)).ok()?;
    let part_bytes: usize = pieces.iter().map(|p| p.len()).sum();
    let room = bytes.len().checked_add(part_bytes)?;
    let mut out = zip::ZipWriter::new(Cursor::new(Vec::with_capacity(room)));
    let mut replaced = false;
    for i in 0..source.len() {
        let entry = source.by_index_raw(i).ok()?;
        if entry.name().ok().as_deref() == Some(name) && !replaced {
            drop(entry);
            let options = zip::write::SimpleFileOptions::default()
                .compression_method(zip::CompressionMethod::Stored)
                .large_file(part_bytes as u64 >= u64::from(u32::MAX));
            out.start_file(name, options).ok()?;
            for piece in pieces {
                out.write_all(piece).ok()?;
            }
            replaced = true;
        } else {
            out.raw_copy_file(entry).ok()?;
        }
    }
    let out = out.finish().ok()?;
    replaced.then(|| out.into_inner())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sheet(rows: &str) -> String {
        format!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><dimension ref="A1:B4"/><sheetData>{rows}</sheetData><mergeCells count="0"/></worksheet>"#
        )
    }

    const ROWS: &str = r#"<row r="1"><c r="A1" t="s"><v>0</v></c></row><row r="2" spans="1:2"><c r="A2"><v>2</v></c></row>
<row r="3"><c r="A3"><v>3</v></c></row><row r="4"><c r="A4"><v>4</v></c></row>"#;

    #[test]
    fn a_plain_part_is_cut_after_a_whole_row_before_a_numbered_one() {
        let xml = sheet(ROWS);
        let h = halves(xml.as_bytes(), 50).expect("cut");
        assert!(h.prefix.ends_with(b"<sheetData>"));
        assert!(h.first.ends_with(b"</row>"));
        assert!(h.rest.trim_ascii_start().starts_with(b"<row r=\""));
        assert!(h.rest.ends_with(b"</worksheet>"));
        assert_eq!([h.prefix, h.first, h.rest].concat(), xml.as_bytes());
        // The halves' parts: the first half's rows closed where calamine stops, the part as
        // it is from the cut on.
        assert_eq!(
            h.first_part().concat(),
            [h.prefix, h.first, b"</sheetData>"].concat()
        );
        assert_eq!(h.second_part().concat(), [h.prefix, h.rest].concat());
        let rest = String::from_utf8_lossy(h.rest);
        let first_row: u32 = rest.trim_start()[8..9].parse().unwrap();
        assert_eq!(h.second_row, first_row - 1);
        // Any share gives a cut inside the rows, or none past the last row.
        for share in 0..=100 {
            if let Some(h) = halves(xml.as_bytes(), share) {
                assert_eq!([h.prefix, h.first, h.rest].concat(), xml.as_bytes());
                assert!(h.second_row >= 1 && h.second_row <= 3, "{share}");
            }
        }
        assert_eq!(halves(xml.as_bytes(), 0).map(|h| h.second_row), Some(1));
    }

    #[test]
    fn attributes_quoted_either_way_and_a_greater_than_in_a_value_are_read() {
        let rows = r#"<row r="1" x="a>b"><c r="A1"><v>1</v></c></row><row spans='1:1' r='7' ht="20"><c r="A7"><v>7</v></c></row>"#;
        let xml = sheet(rows);
        let h = halves(xml.as_bytes(), 10).expect("cut");
        assert_eq!(h.second_row, 6);
    }

    #[test]
    fn parts_not_written_plainly_are_not_cut() {
        let plain = sheet(ROWS);
        assert!(halves(plain.as_bytes(), 50).is_some());
        let variants = [
            // A comment, CDATA, an instruction, a declaration: `</row>` may be text there.
            plain.replace("<row r=\"3\">", "<!-- </row><row r=\"9\"> --><row r=\"3\">"),
            plain.replace(
                "<v>3</v>",
                "<is><t><![CDATA[</row><row r=\"9\">]]></t></is>",
            ),
            plain.replace("<row r=\"3\">", "<?pi x?><row r=\"3\">"),
            plain.replace("<?xml", "<!DOCTYPE worksheet []><?xml"),
            // Rows without numbers after the cut, numbered oddly, twice, not at all, or an
            // empty row (which does not number the rows after it).
            plain
                .replace(
                    "<row r=\"3\"><c r=\"A3\"><v>3</v></c></row>",
                    "<row r=\"3\"/>",
                )
                .replace(" r=\"4\"", ""),
            plain
                .replace(" r=\"2\"", "")
                .replace(" r=\"3\"", "")
                .replace(" r=\"4\"", ""),
            plain
                .replace("r=\"2\"", "r=\"+2\"")
                .replace("r=\"3\"", "r=\"\"")
                .replace("r=\"4\"", "r=\"4\" r=\"5\""),
            // Prefixed elements, an empty sheetData. (A part without a sheetData end is cut:
            // its second half fails as one pass does, and is read again in one pass.)
            plain
                .replace("<row", "<x:row")
                .replace("</row>", "</x:row>"),
            sheet("").replace("<sheetData></sheetData>", "<sheetData/>"),
            // `<sheetData` written in an attribute value of the real (prefixed) one, or of an
            // element before it; a form feed after `<row` (not white space to quick-xml).
            plain.replace(
                "<sheetData>",
                r#"<x:sheetData xmlns:x="urn:x" note="<sheetData>">"#,
            ),
            plain.replace("<dimension", r#"<note a="<sheetData>"/><dimension"#),
            plain.replace("<row r=", "<row\x0Cr="),
            // Another encoding.
            plain.replace("UTF-8", "UTF-16"),
            plain.replace("encoding=\"UTF-8\"", "encoding='GBK'"),
        ];
        for (i, xml) in variants.iter().enumerate() {
            assert_eq!(halves(xml.as_bytes(), 50), None, "variant {i}: {xml}");
        }
        let utf16: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain(plain.encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        assert_eq!(halves(&utf16, 50), None);
        let utf16_without_mark: Vec<u8> = plain.encode_utf16().flat_map(u16::to_le_bytes).collect();
        assert_eq!(halves(&utf16_without_mark, 50), None);
        // UTF-8 named in other ways, a byte order mark, no declaration: cut.
        for xml in [
            plain.replace("UTF-8", "utf8"),
            format!("\u{FEFF}{plain}"),
            plain[plain.find("?>").unwrap() + 2..].to_string(),
        ] {
            assert!(halves(xml.as_bytes(), 50).is_some(), "{xml}");
        }
    }

    #[test]
    fn a_first_half_of_whole_rows_is_told_from_one_cut_inside_an_element() {
        let whole = sheet(ROWS);
        let h = halves(whole.as_bytes(), 50).expect("cut");
        assert!(h.first_half_is_whole_rows());
        let attribute_gt = sheet(&ROWS.replace(r#"<row r="1">"#, r#"<row r="1" x="a>b/">"#));
        assert!(
            halves(attribute_gt.as_bytes(), 50)
                .unwrap()
                .first_half_is_whole_rows()
        );
        // Rows written inside a cell's inline string, a cell left open, a stray end tag,
        // a `</row>` inside an attribute value, an element named sheetData among the rows.
        let nested = r#"<row r="1"><c r="A1" t="inlineStr"><is><t>x</t><ext><row r="2"></row><row r="3"><c r="A3"><v>3</v></c></row></ext></is></c></row><row r="4"><c r="A4"><v>4</v></c></row>"#;
        let open_cell = ROWS.replacen("</c></row>", "</row>", 1);
        let stray_end = ROWS.replacen("</row>", "</row></c>", 1);
        let in_attribute = r#"<row r="1" x="</row><row r='2'>"><c><v>1</v></c></row><row r="3"><c r="A3"><v>3</v></c></row>"#;
        // End tags calamine does not take for the cell's or value's end.
        let misnamed = [
            ROWS.replacen("</v>", "</v x>", 1),
            ROWS.replacen("</v>", "</V>", 1),
            ROWS.replacen("</v>", "</x:v>", 1),
            ROWS.replacen("</c>", "</c x>", 1),
            ROWS.replacen("</c>", "</C>", 1),
            ROWS.replacen("<v>0</v>", "<f>1+1</fx><v>0</v>", 1),
            // Names quick-xml reads otherwise: a quote in a name, a form feed in an end tag.
            ROWS.replacen("</c>", "<x\"y/></c>", 1),
            ROWS.replacen("</c>", "<x'y/></c>", 1),
            ROWS.replacen("</v>", "</v\x0C>", 1),
            ROWS.replacen("<v>", "<v\x0C>", 1),
        ];
        for rows in misnamed.into_iter().chain([
            nested.to_string(),
            open_cell,
            stray_end,
            in_attribute.to_string(),
            ROWS.replacen("</row>", "</row><sheetData/>", 1),
            ROWS.replacen("</row>", "</row><x:sheetData xmlns:x=\"urn:x\"/>", 1),
        ]) {
            let xml = sheet(&rows);
            let cut_inside = (0..=100)
                .filter_map(|share| halves(xml.as_bytes(), share))
                .any(|h| !h.first_half_is_whole_rows());
            assert!(cut_inside, "{rows}");
        }
        // Every cut of the nested rows that lands inside the cell is told.
        let xml = sheet(nested);
        for share in 0..=100 {
            if let Some(h) = halves(xml.as_bytes(), share) {
                let inside_cell = h.second_row < 3;
                assert_eq!(h.first_half_is_whole_rows(), !inside_cell, "{share}");
            }
        }
    }

    #[test]
    fn a_copied_package_holds_the_new_part_and_every_other_part_unchanged() {
        let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
        let deflated = zip::write::SimpleFileOptions::default();
        for (name, text) in [
            ("a.xml", "<a/>"),
            ("xl/worksheets/sheet1.xml", "old"),
            ("z", "zz"),
        ] {
            zip.start_file(name, deflated).unwrap();
            zip.write_all(text.repeat(100).as_bytes()).unwrap();
        }
        let bytes = zip.finish().unwrap().into_inner();
        let copy = package_with(
            &bytes,
            "xl/worksheets/sheet1.xml",
            &[b"<x>".as_slice(), b"new", b"</x>"],
        )
        .expect("copied");
        let mut copy = zip::ZipArchive::new(Cursor::new(copy)).unwrap();
        let read = |archive: &mut zip::ZipArchive<Cursor<Vec<u8>>>, name: &str| {
            let mut text = String::new();
            std::io::Read::read_to_string(&mut archive.by_name(name).unwrap(), &mut text).unwrap();
            text
        };
        assert_eq!(read(&mut copy, "xl/worksheets/sheet1.xml"), "<x>new</x>");
        assert_eq!(read(&mut copy, "a.xml"), "<a/>".repeat(100));
        assert_eq!(read(&mut copy, "z"), "zz".repeat(100));
        assert_eq!(copy.len(), 3);
        assert_eq!(package_with(&bytes, "missing.xml", &[b"".as_slice()]), None);
    }
}
