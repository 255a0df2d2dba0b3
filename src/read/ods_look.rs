//! The column widths of an OpenDocument spreadsheet: `table:table-column` elements name a
//! column style (`table:style-name`, repeated by `table:number-columns-repeated`) whose
//! `style:table-column-properties` give `style:column-width` (`2.258cm`, `0.889in`, `64pt`,
//! `22.58mm`). Widths are turned into Excel's stored character units (a default digit is 7
//! pixels at 96 dpi). Cell styles and number formats of an ods are not read.

use std::collections::HashMap;
use std::io::{BufReader, Read, Seek};

use quick_xml::events::{BytesStart, Event};
use quick_xml::{Reader, XmlVersion};

use super::look::{ColumnLook, MAX_COLUMN_RANGES};

/// Excel's grid width.
const GRID_COLS: u64 = 16_384;

/// Sheet name → its column widths, from the package's `content.xml`.
pub(super) fn column_widths<R: Read + Seek>(
    package: R,
) -> Result<HashMap<String, Vec<ColumnLook>>, String> {
    let mut zip = zip::ZipArchive::new(package).map_err(|e| e.to_string())?;
    let content = zip.by_name("content.xml").map_err(|e| e.to_string())?;
    let mut xml = Reader::from_reader(BufReader::new(content.take(super::MAX_PART_BYTES)));
    let mut buf = Vec::new();
    // Column style name → width in Excel's stored character units.
    let mut styles: HashMap<String, f64> = HashMap::new();
    let mut style: Option<String> = None;
    let mut out: HashMap<String, Vec<ColumnLook>> = HashMap::new();
    let mut table: Option<(String, Vec<ColumnLook>, u64)> = None;
    loop {
        let event = xml.read_event_into(&mut buf).map_err(|e| e.to_string())?;
        match &event {
            Event::Start(e) | Event::Empty(e) => match e.name().as_ref() {
                "style:style" => {
                    style = (attr(e, "style:family").as_deref() == Some("table-column"))
                        .then(|| attr(e, "style:name"))
                        .flatten();
                }
                "style:table-column-properties" => {
                    if let (Some(name), Some(width)) = (
                        style.clone(),
                        attr(e, "style:column-width").and_then(|w| stored_width(&w)),
                    ) && styles.len() < super::look::MAX_STYLES
                    {
                        styles.insert(name, width);
                    }
                }
                "table:table" => {
                    let name = attr(e, "table:name").unwrap_or_default();
                    table = Some((name, Vec::new(), 0));
                }
                "table:table-column" => {
                    if let Some((_, columns, next)) = table.as_mut() {
                        let repeats = attr(e, "table:number-columns-repeated")
                            .and_then(|v| v.trim().parse::<u64>().ok())
                            .unwrap_or(1)
                            .max(1);
                        let first = *next;
                        *next = next.saturating_add(repeats);
                        let width = attr(e, "table:style-name").and_then(|s| styles.get(&s));
                        let hidden = attr(e, "table:visibility").is_some_and(|v| v != "visible");
                        if (width.is_some() || hidden)
                            && first < GRID_COLS
                            && columns.len() < MAX_COLUMN_RANGES
                        {
                            columns.push(ColumnLook {
                                first: first as u32,
                                last: ((*next).min(GRID_COLS) - 1) as u32,
                                width: width.copied(),
                                hidden,
                            });
                        }
                    }
                }
                _ => {}
            },
            Event::End(e) if e.name().as_ref() == "table:table" => {
                if let Some((name, columns, _)) = table.take() {
                    out.insert(name, columns);
                }
            }
            Event::Eof => break,
            _ => {}
        }
        buf.clear();
    }
    Ok(out)
}

fn attr(e: &BytesStart, name: &str) -> Option<String> {
    e.try_get_attribute(name)
        .ok()
        .flatten()
        .and_then(|a| a.normalized_value(XmlVersion::Implicit1_0).ok())
        .map(|v| v.into_owned())
}

/// An ODF length as Excel's stored column width: pixels at 96 dpi over a 7-pixel digit.
fn stored_width(length: &str) -> Option<f64> {
    let t = length.trim();
    let split = t.find(|c: char| c.is_ascii_alphabetic())?;
    let (number, unit) = t.split_at(split);
    let n: f64 = number.trim().parse().ok()?;
    let inches = match unit {
        "in" => n,
        "cm" => n / 2.54,
        "mm" => n / 25.4,
        "pt" => n / 72.0,
        "pc" => n / 6.0,
        "px" => n / 96.0,
        _ => return None,
    };
    let width = inches * 96.0 / 7.0;
    (width.is_finite() && (0.0..=255.0).contains(&width)).then_some(width)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lengths_become_excel_widths() {
        // 1 inch = 96 pixels = 13.71 digits of 7 pixels.
        assert!((stored_width("1in").unwrap() - 96.0 / 7.0).abs() < 1e-9);
        assert!((stored_width("2.54cm").unwrap() - 96.0 / 7.0).abs() < 1e-9);
        assert!((stored_width("72pt").unwrap() - 96.0 / 7.0).abs() < 1e-9);
        assert_eq!(stored_width("12"), None);
        assert_eq!(stored_width("1e9in"), None);
    }

    #[test]
    fn tables_read_their_column_styles() {
        let content = r#"<office:document-content><office:automatic-styles>
<style:style style:name="co1" style:family="table-column"><style:table-column-properties style:column-width="2.54cm"/></style:style>
<style:style style:name="co2" style:family="table-column"><style:table-column-properties style:column-width="5.08cm"/></style:style>
</office:automatic-styles><office:body><office:spreadsheet>
<table:table table:name="Goals"><table:table-column table:style-name="co1" table:number-columns-repeated="2"/>
<table:table-column/><table:table-column table:style-name="co2" table:number-columns-repeated="99999999"/>
<table:table-row><table:table-cell/></table:table-row></table:table>
</office:spreadsheet></office:body></office:document-content>"#;
        let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        zip.start_file("content.xml", zip::write::SimpleFileOptions::default())
            .unwrap();
        std::io::Write::write_all(&mut zip, content.as_bytes()).unwrap();
        let bytes = zip.finish().unwrap().into_inner();
        let widths = column_widths(std::io::Cursor::new(bytes)).unwrap();
        let goals = &widths["Goals"];
        assert_eq!(goals.len(), 2);
        assert_eq!((goals[0].first, goals[0].last), (0, 1));
        assert!((goals[0].width.unwrap() - 96.0 / 7.0).abs() < 1e-9);
        assert_eq!(
            (goals[1].first, goals[1].last),
            (3, 16_383),
            "repeats stop at the grid"
        );
    }
}
