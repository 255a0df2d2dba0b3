//! Writers: text, JSON, CSV and the review workbook. The stages before return data; only
//! these turn it into output.

pub mod atomic;
pub mod convert;
pub mod findings;
pub mod inspect;
pub mod review;
pub mod rollup;
pub mod template;

/// Prefix cells that a spreadsheet would run as formulas (`= + - @`), per DESIGN §8.
pub fn neutralise_formula(cell: &str) -> std::borrow::Cow<'_, str> {
    if cell.starts_with(['=', '+', '-', '@']) {
        std::borrow::Cow::Owned(format!("'{cell}"))
    } else {
        std::borrow::Cow::Borrowed(cell)
    }
}

/// Document properties with a fixed creation time, so the same input gives the same bytes.
pub fn fixed_properties() -> rust_xlsxwriter::DocProperties {
    let created =
        rust_xlsxwriter::ExcelDateTime::from_ymd(2026, 1, 1).expect("2026-01-01 is a valid date");
    rust_xlsxwriter::DocProperties::new()
        .set_creation_datetime(&created)
        .set_author("goalsheet")
}
