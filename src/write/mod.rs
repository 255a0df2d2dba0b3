//! Writers: text, JSON, CSV and the review workbook.

pub mod findings;
