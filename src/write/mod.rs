//! Writers: text, JSON, CSV and the review workbook. The stages before return data; only
//! these turn it into output.

pub mod findings;
pub mod inspect;

/// Prefix cells that a spreadsheet would run as formulas (`= + - @`), per DESIGN §8.
pub fn neutralise_formula(cell: &str) -> std::borrow::Cow<'_, str> {
    if cell.starts_with(['=', '+', '-', '@']) {
        std::borrow::Cow::Owned(format!("'{cell}"))
    } else {
        std::borrow::Cow::Borrowed(cell)
    }
}
