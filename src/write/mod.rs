//! Writers: text, JSON, CSV and the review workbook.
